from django.contrib import admin

from alliance.admin import TranslatedAdmin
from alliance.admin_filters import MissingEnglishFilter
from partnerships.models import Convenor, ThematicPartnership


class ConvenorInline(admin.TabularInline):
    model = Convenor
    autocomplete_fields = ["organisation"]
    extra = 1


@admin.register(ThematicPartnership)
class ThematicPartnershipAdmin(TranslatedAdmin):
    list_display = ["name", "launched_on", "position", "has_english"]
    list_editable = ["position"]
    list_filter = [MissingEnglishFilter]
    search_fields = ["name_zh_hans", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [ConvenorInline]
    translated_fields = ("name", "description")
