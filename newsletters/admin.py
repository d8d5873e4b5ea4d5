from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline, TranslationTabularInline

from alliance.admin import TranslatedAdmin
from alliance.admin_base import PartnerScopedAdmin, WorkflowAdmin, partner_partnerships
from alliance.admin_filters import MissingEnglishFilter
from alliance.html import SanitisedHTMLField
from alliance.publishing import Status
from alliance.translation_status import missing_english_q
from alliance.widgets import RichTextWidget
from newsletters.models import Article, Issue, Quote, Section


class ArticleInline(TranslationTabularInline):
    model = Article
    fields = ["position", "title", "section", "slug", "status"]
    ordering = ["position", "id"]
    extra = 0
    show_change_link = True
    classes = ["sortable-inline"]

    class Media:
        js = ["js/sortable-inline.js"]
        css = {"all": ["css/admin.css"]}


@admin.register(Issue)
class IssueAdmin(WorkflowAdmin):
    list_display = [
        "number",
        "title",
        "date",
        "publication",
        "published_at",
        "article_count",
        "english_articles",
        "view",
    ]
    list_display_links = ["number", "title"]
    list_filter = ["status", MissingEnglishFilter]
    date_hierarchy = "date"
    search_fields = ["title_zh_hans", "title_en", "summary_zh_hans", "=number"]
    inlines = [ArticleInline]
    translated_fields = ("title",)
    fieldsets = [
        (None, {"fields": ["number", "date", "title", "summary"]}),
        (_("Cover"), {"fields": ["cover_image", "cover_image_alt"]}),
        (
            _("Publication"),
            {
                "fields": ["status", "published_at"],
                "description": _(
                    "An issue is public once it is published and its publication date has "
                    "passed; a future date schedules it, and it then appears on its own. Its "
                    "articles publish with it: use the action “Publish now” in the list."
                ),
            },
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                article_total=Count("articles", distinct=True),
                untranslated_total=Count(
                    "articles",
                    filter=missing_english_q(("articles__title", "articles__body")),
                    distinct=True,
                ),
            )
        )

    @admin.display(description=_("Articles"), ordering="article_total")
    def article_count(self, obj):
        return obj.article_total

    @admin.display(description=_("In English"))
    def english_articles(self, obj):
        translated = obj.article_total - obj.untranslated_total
        return f"{translated}/{obj.article_total}"

    @admin.display(description=_("On the site"))
    def view(self, obj):
        label = _("View") if obj.is_published else _("Preview")
        return format_html('<a href="{}" target="_blank">{}</a>', obj.get_absolute_url(), label)


class QuoteInline(TranslationStackedInline):
    model = Quote
    autocomplete_fields = ["person"]
    fields = ["person", "title", "text", "position"]
    extra = 0


@admin.register(Article)
class ArticleAdmin(PartnerScopedAdmin):
    list_display = ["title", "issue", "section", "position", "publication", "has_english", "view"]
    list_filter = ["issue", "section", "status", "partnerships", MissingEnglishFilter]
    list_select_related = ["issue", "section"]
    search_fields = ["title_zh_hans", "title_en", "body_zh_hans", "body_en", "slug"]
    autocomplete_fields = ["issue", "partnerships", "contributed_by", "contributing_partnership"]
    prepopulated_fields = {"slug": ["title_en"]}
    inlines = [QuoteInline]
    translated_fields = ("title", "body")
    formfield_overrides = {SanitisedHTMLField: {"widget": RichTextWidget}}
    fieldsets = [
        (
            None,
            {
                "fields": ["issue", "section", "position", "title", "slug", "date"],
                "description": _(
                    "An article appears on the site when it is published and its issue is "
                    "published."
                ),
            },
        ),
        (_("Text"), {"fields": ["lead", "body"]}),
        (_("Image"), {"fields": ["image", "image_alt"]}),
        (
            _("Source"),
            {
                "fields": [
                    "reprinted_from",
                    "contributed_by",
                    "contributing_partnership",
                    "source_detail",
                ],
                "description": _(
                    "Either the outlet it is reprinted from, or the institution or partnership "
                    "that contributed it."
                ),
            },
        ),
        (_("Topics"), {"fields": ["partnerships"]}),
        (_("Publication"), {"fields": ["status"]}),
    ]

    @admin.display(description=_("On the site"))
    def view(self, obj):
        label = _("View") if obj.is_published else _("Preview")
        return format_html('<a href="{}" target="_blank">{}</a>', obj.get_absolute_url(), label)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "issue" and partner_partnerships(request) is not None:
            # Partners contribute to issues in preparation, never to a published one.
            kwargs["queryset"] = Issue.objects.exclude(status=Status.PUBLISHED)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_autocomplete_fields(self, request):
        fields = super().get_autocomplete_fields(request)
        if partner_partnerships(request) is not None:
            return [f for f in fields if f != "issue"]
        return fields


@admin.register(Section)
class SectionAdmin(TranslatedAdmin):
    list_display = ["name", "slug", "position", "has_english"]
    list_editable = ["position"]
    list_filter = [MissingEnglishFilter]
    search_fields = ["name_zh_hans", "name_en", "slug"]
    translated_fields = ("name",)


@admin.register(Quote)
class QuoteAdmin(TranslatedAdmin):
    list_display = ["person", "title", "article", "has_english"]
    list_filter = ["article__issue", MissingEnglishFilter]
    list_select_related = ["person", "article"]
    search_fields = ["text_zh_hans", "text_en", "person__name_zh_hans", "person__name_en"]
    autocomplete_fields = ["person", "article"]
    translated_fields = ("text",)
