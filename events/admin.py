import datetime

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from alliance.admin_base import PartnerScopedAdmin, WorkflowAdmin
from alliance.admin_filters import MissingEnglishFilter
from events import services
from events.models import Event


class WhenFilter(admin.SimpleListFilter):
    title = _("when")
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [
            ("upcoming", _("Upcoming")),
            ("next-30-days", _("In the next 30 days")),
            ("past", _("Past")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "upcoming":
            return queryset.filter(ends_at__gte=now)
        if self.value() == "next-30-days":
            return queryset.filter(ends_at__gte=now, starts_at__lte=now + datetime.timedelta(30))
        if self.value() == "past":
            return queryset.filter(ends_at__lt=now)
        return queryset


class InvitationUploadForm(forms.Form):
    invitation = forms.FileField(
        label=_("Invitation (.ics file)"),
        help_text=_("Each event in the file becomes a draft to check, translate and publish."),
    )


@admin.register(Event)
class EventAdmin(PartnerScopedAdmin):
    list_display = [
        "title",
        "start_date",
        "local_time",
        "city",
        "country",
        "state",
        "publication",
        "has_english",
        "data_warning_count",
    ]
    list_filter = [
        WhenFilter,
        "state",
        "status",
        "kind",
        "partnerships",
        "country",
        MissingEnglishFilter,
    ]
    search_fields = ["title_zh_hans", "title_en", "city_zh_hans", "city_en", "venue_zh_hans"]
    autocomplete_fields = ["organisers", "partnerships", "announcement", "report_article"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["title_en"]}
    actions = [*WorkflowAdmin.actions, "duplicate"]
    translated_fields = ("title",)
    readonly_fields = ["sequence", "updated_at"]
    change_list_template = "admin/events/event/change_list.html"
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "description"]}),
        (
            _("When"),
            {
                "fields": ["start_date", "start_time", "end_date", "end_time", "timezone"],
                "description": _(
                    "Times are local to the venue, in its timezone: an event at 09:00 in New "
                    "York is entered as 09:00 with America/New_York. Leave both times empty "
                    "for an all-day event."
                ),
            },
        ),
        (
            _("Where"),
            {"fields": ["venue", "city", "country", "attendance", "online_url"]},
        ),
        (
            _("Who and what"),
            {
                "fields": [
                    "organisers",
                    "partnerships",
                    "registration_url",
                    "announcement",
                    "report_article",
                ]
            },
        ),
        (
            _("State"),
            {
                "fields": ["state", "state_note", "sequence", "updated_at"],
                "description": _(
                    "Postponing or cancelling keeps the event in subscribers' calendars, "
                    "marked as such. Its revision goes up with every change of date, time, "
                    "place or state, so calendar programs take the change."
                ),
            },
        ),
        (_("Publication"), {"fields": ["status", "published_at"]}),
    ]

    @admin.display(description=_("Local time"))
    def local_time(self, obj):
        if obj.is_all_day:
            return _("All day")
        return f"{obj.start_time:%H:%M} {obj.timezone}"

    @admin.display(description=_("Check"))
    def data_warning_count(self, obj):
        warnings = obj.data_warnings()
        if not warnings:
            return ""
        return format_html('<span title="{}">⚠ {}</span>', " ".join(warnings), len(warnings))

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        for warning in obj.data_warnings():
            self.message_user(request, warning, messages.WARNING)

    @admin.action(description=_("Duplicate as a draft"), permissions=["add"])
    def duplicate(self, request, queryset):
        copies = [services.duplicate_event(event=event) for event in queryset]
        links = format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            ((reverse("admin:events_event_change", args=[c.pk]), c.title) for c in copies),
        )
        self.message_user(
            request,
            format_html("{} {}", _("Draft copies to complete:"), links),
            messages.SUCCESS,
        )

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_invitation_view),
                name="events_event_import",
            ),
            *super().get_urls(),
        ]

    def import_invitation_view(self, request):
        if not self.has_add_permission(request):
            return redirect("admin:events_event_changelist")
        form = InvitationUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["invitation"]
            try:
                events = services.import_invitation(data=upload.read(services.MAX_ICS_BYTES + 1))
            except (services.InvitationError, ValidationError) as error:
                message = "; ".join(error.messages) if hasattr(error, "messages") else str(error)
                form.add_error("invitation", message)
            else:
                count = len(events)
                self.message_user(
                    request,
                    ngettext(
                        "Imported %d event as a draft.", "Imported %d events as drafts.", count
                    )
                    % count,
                    messages.SUCCESS,
                )
                if count == 1:
                    return redirect("admin:events_event_change", events[0].pk)
                return redirect(reverse("admin:events_event_changelist") + "?status__exact=draft")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": _("Import events from an invitation"),
        }
        return TemplateResponse(request, "admin/events/event/import.html", context)
