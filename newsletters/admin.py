from django.contrib import admin, messages
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationStackedInline, TranslationTabularInline

from alliance.admin import TranslatedAdmin
from alliance.admin_filters import MissingEnglishFilter
from newsletters import services
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
class IssueAdmin(TranslatedAdmin):
    list_display = ["number", "title", "date", "status", "published_at", "article_count", "view"]
    list_display_links = ["number", "title"]
    list_filter = ["status", MissingEnglishFilter]
    date_hierarchy = "date"
    search_fields = ["title_zh_hans", "title_en", "summary_zh_hans", "=number"]
    inlines = [ArticleInline]
    actions = ["publish", "unpublish"]
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
                    "passed; a future date schedules it. Its articles appear with it. Use the "
                    "action “Publish with all articles” in the list to publish everything at once."
                ),
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_total=Count("articles"))

    @admin.display(description=_("Articles"), ordering="article_total")
    def article_count(self, obj):
        return obj.article_total

    @admin.display(description=_("On the site"))
    def view(self, obj):
        label = _("View") if obj.is_published else _("Preview")
        return format_html('<a href="{}" target="_blank">{}</a>', obj.get_absolute_url(), label)

    @admin.action(description=_("Publish with all articles"), permissions=["change"])
    def publish(self, request, queryset):
        for issue in queryset:
            services.publish_issue(issue=issue)
        count = len(queryset)
        self.message_user(
            request,
            ngettext("Published %d issue.", "Published %d issues.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(description=_("Unpublish"), permissions=["change"])
    def unpublish(self, request, queryset):
        for issue in queryset:
            services.unpublish_issue(issue=issue)
        count = len(queryset)
        self.message_user(
            request,
            ngettext("Unpublished %d issue.", "Unpublished %d issues.", count) % count,
            messages.SUCCESS,
        )


class QuoteInline(TranslationStackedInline):
    model = Quote
    autocomplete_fields = ["person"]
    fields = ["person", "title", "text", "position"]
    extra = 0


@admin.register(Article)
class ArticleAdmin(TranslatedAdmin):
    list_display = ["title", "issue", "section", "position", "status", "has_english", "view"]
    list_filter = ["issue", "section", "status", "partnerships", MissingEnglishFilter]
    list_select_related = ["issue", "section"]
    search_fields = ["title_zh_hans", "title_en", "body_zh_hans", "body_en", "slug"]
    autocomplete_fields = ["issue", "partnerships", "contributed_by", "contributing_partnership"]
    prepopulated_fields = {"slug": ["title_en"]}
    inlines = [QuoteInline]
    translated_fields = ("title", "body")
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
