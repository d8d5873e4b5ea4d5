"""iCalendar (RFC 5545) for events: feeds to subscribe to and single events to download."""

import datetime
import hashlib

import icalendar
from django.conf import settings
from django.db.models import Count, Max
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from events.models import Event

UID_DOMAIN = "green-bri-observer"
REFRESH_INTERVAL = datetime.timedelta(hours=6)
ICAL_STATUS = {
    Event.State.SCHEDULED: "CONFIRMED",
    Event.State.POSTPONED: "TENTATIVE",
    Event.State.CANCELLED: "CANCELLED",
}


def event_location(event):
    parts = [event.venue, event.city, event.country.name if event.country else ""]
    location = ", ".join(str(part) for part in parts if part)
    if event.attendance == Event.Attendance.ONLINE:
        return event.online_url or _("Online")
    return location


def event_description(event, page_url):
    lines = []
    if event.state != Event.State.SCHEDULED:
        lines.append(f"{event.get_state_display()}. {event.state_note}".strip())
    if event.description:
        lines.append(event.description)
    organisers = ", ".join(organisation.name for organisation in event.organisers.all())
    if organisers:
        lines.append(_("Organisers: %(names)s") % {"names": organisers})
    if event.online_url:
        lines.append(_("Join online: %(url)s") % {"url": event.online_url})
    if event.registration_url:
        lines.append(_("Register: %(url)s") % {"url": event.registration_url})
    lines.append(page_url)
    return "\n\n".join(lines)


def event_component(event, page_url):
    component = icalendar.Event()
    component.add("uid", f"{event.uid}@{UID_DOMAIN}")
    component.add("dtstamp", event.updated_at.astimezone(datetime.UTC))
    component.add("last-modified", event.updated_at.astimezone(datetime.UTC))
    component.add("sequence", event.sequence)
    summary = event.title
    if event.state != Event.State.SCHEDULED:
        summary = f"[{event.get_state_display()}] {summary}"
    if event.is_month_only:
        summary = _("%(title)s (date to be confirmed)") % {"title": summary}
    component.add("summary", summary)
    if event.is_month_only:
        # iCalendar has no "some day this month": the month's first day stands for it.
        component.add("dtstart", event.start_date)
        component.add("dtend", event.start_date + datetime.timedelta(days=1))
    elif event.is_all_day:
        component.add("dtstart", event.start_date)
        # DTEND of an all-day event is the day after its last day (RFC 5545, 3.6.1).
        component.add("dtend", event.end_date + datetime.timedelta(days=1))
    else:
        component.add("dtstart", event.local_start())
        component.add("dtend", event.local_end())
    component.add("status", ICAL_STATUS[event.state])
    location = event_location(event)
    if location:
        component.add("location", location)
    component.add("url", page_url)
    component.add("description", event_description(event, page_url))
    component.add("categories", [event.get_kind_display()])
    if event.online_url:
        component.add("conference", event.online_url, parameters={"VALUE": "URI"})
    return component


def build_calendar(events, *, name, absolute_url):
    """A VCALENDAR of the events, with the VTIMEZONEs their local times need."""
    calendar = icalendar.Calendar()
    language = get_language() or settings.LANGUAGE_CODE
    calendar.add("prodid", f"-//BRIGC Secretariat//Green BRI Observer//{language.upper()}")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH_INTERVAL)
    first = last = None
    for event in events:
        calendar.add_component(event_component(event, absolute_url(event.get_absolute_url())))
        first = min(first or event.start_date, event.start_date)
        last = max(last or event.end_date, event.end_date)
    if first is not None:
        calendar.add_missing_timezones(
            first_date=first - datetime.timedelta(days=366),
            last_date=last + datetime.timedelta(days=366),
        )
    return calendar


def feed_version(events):
    """(ETag, Last-Modified) of a feed of `events` (a queryset before published()).

    Unpublishing or editing any event of the feed changes its last change; an event whose
    scheduled publication time comes changes the latest publication; a deletion changes
    the count. Either way the feed's version changes, so no client keeps a stale copy.
    """
    changed = events.aggregate(changed=Max("updated_at"))["changed"]
    visible = events.published().aggregate(appeared=Max("published_at"), count=Count("id"))
    moments = [moment for moment in (changed, visible["appeared"]) if moment]
    last_modified = max(moments) if moments else None
    token = f"{get_language()}|{visible['count']}|{last_modified}"
    return hashlib.sha256(token.encode()).hexdigest()[:32], last_modified
