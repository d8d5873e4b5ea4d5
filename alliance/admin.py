from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from alliance.admin_base import TranslatedAdmin, WorkflowAdmin
from alliance.admin_filters import MissingEnglishFilter
from alliance.models import Organisation, Person, Report, WorkPlanItem

admin.site.site_header = _("Green BRI Observer – editors")
admin.site.site_title = _("Green BRI Observer")
admin.site.index_title = _("Editorial desk")


@admin.register(Organisation)
class OrganisationAdmin(TranslatedAdmin):
    list_display = ["name", "acronym", "kind", "country", "is_partner", "has_english"]
    list_filter = ["kind", "is_partner", "country", MissingEnglishFilter]
    search_fields = ["name_zh_hans", "name_en", "acronym", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    translated_fields = ("name",)


@admin.register(Person)
class PersonAdmin(TranslatedAdmin):
    list_display = ["name", "title", "has_english"]
    list_filter = [MissingEnglishFilter]
    search_fields = ["name_zh_hans", "name_en", "title_zh_hans", "title_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    translated_fields = ("name", "title")


@admin.register(Report)
class ReportAdmin(WorkflowAdmin):
    list_display = ["title", "kind", "progress", "planned_on", "published_on", "publication"]
    list_filter = ["kind", "progress", "status", "partnerships", MissingEnglishFilter]
    search_fields = ["title_zh_hans", "title_en", "summary_zh_hans", "research_team_zh_hans"]
    autocomplete_fields = ["research_organisations", "lead", "partnerships", "announcement"]
    list_select_related = ["lead"]
    prepopulated_fields = {"slug": ["title_en"]}
    translated_fields = ("title",)
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "summary"]}),
        (
            _("Research"),
            {"fields": ["research_team", "research_organisations", "lead", "partnerships"]},
        ),
        (
            _("Progress"),
            {"fields": ["progress", "planned_on", "published_on", "pdf", "announcement"]},
        ),
        (
            _("Publication"),
            {
                "fields": ["status", "published_at"],
                "description": _(
                    "The report's page is public once it is published and its publication "
                    "date has passed."
                ),
            },
        ),
    ]


@admin.register(WorkPlanItem)
class WorkPlanItemAdmin(TranslatedAdmin):
    list_display = ["activity", "area", "deadline", "due_on", "position"]
    list_editable = ["position"]
    list_filter = ["area_zh_hans", MissingEnglishFilter]
    search_fields = ["activity_zh_hans", "activity_en", "area_zh_hans"]
    translated_fields = ("activity",)
