from modeltranslation.translator import TranslationOptions, register

from newsletters.models import Article, Issue, Quote, Section


@register(Section)
class SectionTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Issue)
class IssueTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "cover_image_alt")


@register(Article)
class ArticleTranslationOptions(TranslationOptions):
    fields = ("title", "lead", "body", "image_alt", "reprinted_from", "source_detail")


@register(Quote)
class QuoteTranslationOptions(TranslationOptions):
    fields = ("title", "text")
