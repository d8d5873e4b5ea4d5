from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from alliance.admin import TranslatedAdmin
from alliance.admin_filters import MissingEnglishFilter
from events.models import Event


@admin.register(Event)
class EventAdmin(TranslatedAdmin):
    list_display = ["title", "start_date", "city", "country", "state", "status", "has_english"]
    list_filter = ["state", "status", "kind", "partnerships", "country", MissingEnglishFilter]
    search_fields = ["title_zh_hans", "title_en", "city_zh_hans", "city_en", "venue_zh_hans"]
    autocomplete_fields = ["organisers", "partnerships", "announcement", "report_article"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["title_en"]}
    translated_fields = ("title",)
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "description"]}),
        (
            _("When"),
            {
                "fields": ["start_date", "start_time", "end_date", "end_time", "timezone"],
                "description": _(
                    "Times are local to the venue, in its timezone. Leave both times empty for "
                    "an all-day event."
                ),
            },
        ),
        (_("Where"), {"fields": ["venue", "city", "country"]}),
        (
            _("Who and what"),
            {"fields": ["organisers", "partnerships", "state", "announcement", "report_article"]},
        ),
        (_("Publication"), {"fields": ["status", "published_at"]}),
    ]
