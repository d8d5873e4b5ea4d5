"""Editors' workflows for events: duplicating one, importing invitations from .ics files."""

import datetime
import uuid
import zoneinfo

import icalendar
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from alliance.publishing import Status
from events.models import BEIJING_TIMEZONE, Event

MAX_ICS_BYTES = 1024 * 1024


class InvitationError(ValueError):
    """An uploaded file that is not a usable iCalendar invitation."""


def unique_slug(base):
    base = (base or "event")[:90].strip("-") or "event"
    slug, number = base, 2
    while Event.objects.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


@transaction.atomic
def duplicate_event(*, event: Event) -> Event:
    """A draft copy of an event, with its organisers and partnerships, for the next edition."""
    organisers, partnerships = list(event.organisers.all()), list(event.partnerships.all())
    copy = Event.objects.get(pk=event.pk)
    copy.pk = None
    copy._state.adding = True
    copy._loaded_values = None
    copy.uid = uuid.uuid4()
    copy.slug = unique_slug(f"{event.slug}-copy")
    copy.status = Status.DRAFT
    copy.published_at = None
    copy.sequence = 0
    copy.updated_at = None
    copy.announcement = copy.report_article = None
    copy.save()
    copy.organisers.set(organisers)
    copy.partnerships.set(partnerships)
    return copy


def _local(value):
    """A DTSTART/DTEND value as (date, time or None, timezone name)."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            return value.date(), value.time(), BEIJING_TIMEZONE
        key = getattr(value.tzinfo, "key", None)
        if key in zoneinfo.available_timezones():
            return value.date(), value.time().replace(tzinfo=None), key
        # UTC or an unnamed offset: keep the instant, shown in Beijing time for the editor.
        local = value.astimezone(zoneinfo.ZoneInfo(BEIJING_TIMEZONE))
        return local.date(), local.time().replace(tzinfo=None), BEIJING_TIMEZONE
    return value, None, BEIJING_TIMEZONE


def parse_invitation(data: bytes):
    """The events of an .ics file, as unsaved draft Events; InvitationError if it is unusable."""
    if len(data) > MAX_ICS_BYTES:
        raise InvitationError(_("The file is larger than 1 MB; an invitation is much smaller."))
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except Exception as error:  # icalendar raises several kinds of error for broken files
        raise InvitationError(_("This is not an iCalendar (.ics) file: %s") % error) from error
    events = []
    for component in calendar.walk("VEVENT"):
        if component.get("dtstart") is None:
            raise InvitationError(_("An event in the file has no start (DTSTART)."))
        start_date, start_time, zone = _local(component.decoded("dtstart"))
        if component.get("dtend") is not None:
            end_date, end_time, _zone = _local(component.decoded("dtend"))
        elif component.get("duration") is not None:
            end = component.decoded("dtstart") + component.decoded("duration")
            end_date, end_time, _zone = _local(end)
        else:
            end_date, end_time = start_date, None
        if start_time is None:
            # DTEND of an all-day event is exclusive: the event ends the day before.
            end_date = max(start_date, end_date - datetime.timedelta(days=1))
            end_time = None
        summary = str(component.get("summary") or _("Untitled event"))
        event = Event(
            title_zh_hans=summary,
            description_zh_hans=str(component.get("description") or ""),
            venue_zh_hans=str(component.get("location") or "")[:200],
            start_date=start_date,
            start_time=start_time,
            end_date=end_date,
            end_time=end_time if start_time else None,
            timezone=zone,
            status=Status.DRAFT,
        )
        if str(component.get("status", "")).upper() == "CANCELLED":
            event.state = Event.State.CANCELLED
        event.slug = slugify(summary) or f"event-{start_date:%Y-%m-%d}"
        events.append(event)
    if not events:
        raise InvitationError(_("The file holds no event (VEVENT)."))
    return events


@transaction.atomic
def import_invitation(*, data: bytes) -> list[Event]:
    """Create draft events from an .ics invitation."""
    events = parse_invitation(data)
    for event in events:
        event.slug = unique_slug(event.slug)
        event.full_clean(exclude=["slug", "uid"])
        event.save()
    return events
