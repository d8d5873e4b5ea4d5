"""Pages of the editors' admin that are not about one model."""

from django.contrib import admin
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from alliance.translation_status import missing_english_q

TODO_LIMIT = 200


def translations_to_do(request):
    """What lacks English, model by model, for the translators: the most recent first."""
    groups = []
    for model, model_admin in admin.site._registry.items():
        fields = getattr(model_admin, "translated_fields", ())
        opts = model._meta
        if not fields or not request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
            continue
        missing = model._default_manager.filter(missing_english_q(fields)).order_by("-pk")
        total = missing.count()
        if not total:
            continue
        groups.append(
            {
                "name": opts.verbose_name_plural,
                "total": total,
                "filtered_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
                + "?english=missing",
                "items": [
                    (
                        obj,
                        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]),
                    )
                    for obj in missing[:TODO_LIMIT]
                ],
            }
        )
    context = {
        **admin.site.each_context(request),
        "title": _("Translations to do"),
        "groups": groups,
    }
    return TemplateResponse(request, "admin/translations_to_do.html", context)
