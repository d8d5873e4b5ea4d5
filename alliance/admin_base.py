"""What every editors' admin shares: translation tabs, history, safe concurrent editing,
the roles' limits, and the editorial workflow."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin
from reversion_compare.admin import CompareVersionAdmin

from alliance import workflow
from alliance.preview import preview_url
from alliance.translation_status import lacks_english

PARTNER_GROUP = "Partner contributor"


def english_only(request, model):
    """A translator may change but not add: such a user edits the English text only."""
    opts = model._meta
    user = request.user
    return user.has_perm(f"{opts.app_label}.change_{opts.model_name}") and not user.has_perm(
        f"{opts.app_label}.add_{opts.model_name}"
    )


def partner_partnerships(request):
    """The partnerships a partner contributor submits for, or None for everyone else."""
    user = request.user
    if user.is_superuser or not user.groups.filter(name=PARTNER_GROUP).exists():
        return None
    return user.contributor_partnerships.all()


class VersionCheckForm(forms.ModelForm):
    """Refuses a save when someone else saved the record after this form was opened."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seen_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        current = (
            type(self.instance)
            .objects.filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        seen = cleaned.get("seen_version")
        if current is not None and seen is not None and seen != current:
            # The next save of this form is deliberate: it knows of the other change now.
            self.data = self.data.copy()
            self.data["seen_version"] = current
            raise ValidationError(
                _(
                    "Someone else saved this while you were editing it. Your text is kept "
                    "below and nothing was saved. Compare with their version in the history, "
                    "then save again to replace it with yours (theirs stays in the history)."
                ),
                code="stale",
            )
        return cleaned


class TranslatedAdmin(CompareVersionAdmin, TabbedTranslationAdmin):
    """Translation tabs, a "missing English" column and filter, revision history with
    comparison and restore, and English-only editing for translators."""

    translated_fields = ()

    @admin.display(description=_("English"), boolean=True)
    def has_english(self, obj):
        return not lacks_english(obj, self.translated_fields)

    def get_form(self, request, obj=None, **kwargs):
        if hasattr(self.model, "version"):
            kwargs["form"] = type(
                f"{self.model.__name__}VersionCheckForm", (VersionCheckForm, self.form), {}
            )
        return super().get_form(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if hasattr(self.model, "version") and not any(
            "seen_version" in options.get("fields", ()) for _name, options in fieldsets
        ):
            name, options = fieldsets[0]
            fieldsets = [
                (name, {**options, "fields": [*options["fields"], "seen_version"]}),
                *fieldsets[1:],
            ]
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if english_only(request, self.model):
            names = {f.name for f in self.model._meta.get_fields()}
            readonly += [
                field.name
                for field in [*self.model._meta.fields, *self.model._meta.many_to_many]
                if field.editable
                and not field.name.endswith("_en")
                # A translated field's original stands for all its languages: name those.
                and f"{field.name}_en" not in names
                and field.name not in readonly
            ]
        return readonly

    def get_prepopulated_fields(self, request, obj=None):
        return (
            {}
            if english_only(request, self.model)
            else super().get_prepopulated_fields(request, obj)
        )


class WorkflowAdmin(TranslatedAdmin):
    """Draft → in review → scheduled/published, each step by the role allowed to take it."""

    actions = ["submit_for_review", "publish_now", "return_to_draft"]
    change_form_template = "admin/workflow_change_form.html"

    class Media:
        css = {"all": ["css/admin.css"]}

    @admin.display(description=_("Publication"), ordering="status")
    def publication(self, obj):
        state = obj.workflow_state
        labels = {
            "draft": _("Draft"),
            "review": _("In review"),
            "scheduled": _("Scheduled"),
            "published": _("Published"),
        }
        return format_html(
            '<span class="workflow-state workflow-state--{}">{}</span>', state, labels[state]
        )

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if obj is not None and workflow.can_publish(request.user, obj):
            return readonly
        if obj is None and request.user.has_perm(
            f"{self.model._meta.app_label}.publish_{self.model._meta.model_name}"
        ):
            return readonly
        return [*readonly, *(f for f in ("status", "published_at") if f not in readonly)]

    def save_model(self, request, obj, form, change):
        was = form.initial.get("status") if change else None
        super().save_model(request, obj, form, change)
        if obj.status != was:
            workflow.record(obj, from_status=was or "", user=request.user)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        obj = self.get_object(request, object_id)
        if obj is not None:
            extra_context["status_history"] = workflow.history(obj)[:20]
            if not obj.is_published:
                extra_context["shared_preview_url"] = preview_url(request, obj)
        return super().change_view(request, object_id, form_url, extra_context=extra_context)

    def _apply(self, request, queryset, step, done_message, **kwargs):
        done = refused = 0
        for obj in queryset:
            try:
                step(obj=obj, user=request.user, **kwargs)
                done += 1
            except PermissionDenied:
                refused += 1
        if done:
            self.message_user(request, done_message(done), messages.SUCCESS)
        if refused:
            self.message_user(
                request,
                ngettext(
                    "%d item was left as it was: your role may not take that step.",
                    "%d items were left as they were: your role may not take that step.",
                    refused,
                )
                % refused,
                messages.WARNING,
            )

    @admin.action(description=_("Submit for review"), permissions=["change"])
    def submit_for_review(self, request, queryset):
        self._apply(
            request,
            queryset,
            workflow.submit_for_review,
            lambda n: ngettext("%d item sent for review.", "%d items sent for review.", n) % n,
        )

    @admin.action(
        description=_("Publish now (or at the publication date set)"), permissions=["publish"]
    )
    def publish_now(self, request, queryset):
        now = timezone.now()
        for obj in queryset:
            moment = getattr(obj, "published_at", None)
            self._apply(
                request,
                [obj],
                workflow.publish,
                lambda n: (
                    ngettext(
                        "%d item published or scheduled.", "%d items published or scheduled.", n
                    )
                    % n
                ),
                at=moment if moment and moment > now else None,
            )

    @admin.action(description=_("Return to draft (unpublish)"), permissions=["change"])
    def return_to_draft(self, request, queryset):
        self._apply(
            request,
            queryset,
            workflow.return_to_draft,
            lambda n: ngettext("%d item returned to draft.", "%d items returned to draft.", n) % n,
        )

    def has_publish_permission(self, request):
        opts = self.model._meta
        return request.user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")


class PartnerScopedAdmin(WorkflowAdmin):
    """Partner contributors see and submit only what concerns their own partnerships."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        partnerships = partner_partnerships(request)
        if partnerships is None:
            return queryset
        return queryset.filter(partnerships__in=partnerships).distinct()

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        partnerships = partner_partnerships(request)
        if db_field.name == "partnerships" and partnerships is not None:
            kwargs["queryset"] = partnerships
            kwargs["required"] = True
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_autocomplete_fields(self, request):
        fields = super().get_autocomplete_fields(request)
        if partner_partnerships(request) is not None:
            # A select of their own few partnerships, not a search over all of them.
            return [f for f in fields if f != "partnerships"]
        return fields
