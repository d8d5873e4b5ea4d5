"""Admin list filters shared by the apps."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from alliance.translation_status import missing_english_q


class MissingEnglishFilter(admin.SimpleListFilter):
    """Filters by whether the admin's `translated_fields` all have their English text."""

    title = _("English translation")
    parameter_name = "english"

    def lookups(self, request, model_admin):
        return [("missing", _("Missing English")), ("complete", _("English complete"))]

    def queryset(self, request, queryset):
        condition = missing_english_q(self.model_admin.translated_fields)
        if self.value() == "missing":
            return queryset.filter(condition)
        if self.value() == "complete":
            return queryset.exclude(condition)
        return queryset

    def __init__(self, request, params, model, model_admin):
        self.model_admin = model_admin
        super().__init__(request, params, model, model_admin)
