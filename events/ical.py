"""iCalendar (RFC 5545) for events: feeds to subscribe to and single events to download.

A subscription feed (all events, a partnership's, an organiser's) holds a window of the
events, not the whole archive: every event that has not yet ended, and the FEED_PAST_EVENTS
most recent past events by start. Calendar programs download a subscription again every few
hours, so its size must not grow with the archive. Nothing is lost: each year has a feed of
its own, /<lang>/events/<year>/calendar.ics, with every published event of that year, linked
from the year's page.

The calendar text is written here rather than through the icalendar library's objects, which
take half a millisecond per event; icalendar still provides the VTIMEZONE components, which
are the same for every feed and are cached. Interface text and country names are translated
once per calendar, not once per event.
"""

import datetime
import functools
import hashlib
import logging
import re
import zoneinfo

import icalendar
from django.conf import settings
from django.core.cache import cache
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_countries import countries
from icalendar.timezone.tzid import tzid_from_tzinfo
from modeltranslation.utils import build_localized_fieldname, resolution_order
from modeltranslation.utils import get_language as translated_language

from events.models import Event

logger = logging.getLogger(__name__)

UID_DOMAIN = "green-bri-observer"
REFRESH_INTERVAL = datetime.timedelta(hours=6)
# A subscription feed holds every upcoming event and this many of the latest past ones.
FEED_PAST_EVENTS = 100
ICAL_STATUS = {
    Event.State.SCHEDULED: "CONFIRMED",
    Event.State.POSTPONED: "TENTATIVE",
    Event.State.CANCELLED: "CANCELLED",
}
# The fields a calendar shows, in both languages: the only ones loaded for a feed.
CALENDAR_FIELDS = (
    "uid", "slug", "kind", "state", "date_precision", "start_date", "start_time", "end_date",
    "end_time", "timezone", "country", "attendance", "online_url", "registration_url",
    "sequence", "updated_at",
    *(
        f"{field}_{language.replace('-', '_')}"
        for field in ("title", "description", "venue", "city", "state_note")
        for language, _name in settings.LANGUAGES
    ),
)  # fmt: skip
FEEDS_CHANGED_KEY = "events:feeds-changed-at"
SLUG = re.compile(r"[-a-zA-Z0-9_]+")


def feed_window(events):
    """The events of a subscription feed: the published ones among `events` that have not
    ended, and the FEED_PAST_EVENTS latest past ones by start."""
    published = events.published()
    now = timezone.now()
    past = published.filter(ends_at__lt=now).order_by("-starts_at", "-id")
    # The oldest past event of the window; with fewer past events, all of them.
    oldest = past.values_list("starts_at", "id")[FEED_PAST_EVENTS - 1 : FEED_PAST_EVENTS].first()
    if oldest is None:
        return published
    starts_at, event_id = oldest
    return published.filter(
        Q(ends_at__gte=now) | Q(starts_at__gt=starts_at) | Q(starts_at=starts_at, id__gte=event_id)
    )


def calendar_events(events):
    """The events of a queryset as a calendar shows them, in two queries however many there
    are: the events (only the fields a calendar shows) and their organisers' names."""
    events = list(
        events.only(*CALENDAR_FIELDS)
        .annotate(country_code=F("country"))  # the code, without making a Country of it
        .order_by("starts_at", "id")
    )
    names = {event.pk: [] for event in events}
    if events:
        columns = [f"organisation__{name}" for name in localized_names("name")]
        links = Event.organisers.through.objects.filter(event_id__in=names).values_list(
            "event_id", "organisation_id", *columns
        )
        for event_id, organisation_id, *translations in links:
            name = next((value for value in translations if value), "")
            names[event_id].append((name, organisation_id))
    for event in events:
        event.organiser_names = [name for name, _id in sorted(names[event.pk])]
    return events


def localized_names(field):
    """The columns of a translated field, in the order django-modeltranslation reads them in
    the current language: the language's own, then its fallbacks."""
    return [
        build_localized_fieldname(field, code) for code in resolution_order(translated_language())
    ]


class Words:
    """The interface text of a calendar, translated once for all its events, and its events'
    fields in the calendar's language."""

    def __init__(self):
        self.online = _("Online")
        self.organisers = _("Organisers: %(names)s")
        self.join_online = _("Join online: %(url)s")
        self.register = _("Register: %(url)s")
        self.unconfirmed = _("%(title)s (date to be confirmed)")
        self.states = {value: str(label) for value, label in Event.State.choices}
        self.kinds = {value: str(label) for value, label in Event.Kind.choices}
        self.countries = {}
        self.columns = {}

    def field(self, event, name):
        """A translated field in the calendar's language, or the first translation there is,
        read as django-modeltranslation reads it (its descriptors cost more, per event, than
        all the rest of the event's text)."""
        if name not in self.columns:
            self.columns[name] = localized_names(name)
        for column in self.columns[name]:
            value = getattr(event, column)
            if value:
                return value
        return ""

    def country(self, event):
        code = getattr(event, "country_code", None)
        if code is None:
            code = event.country.code if event.country else ""
        if code not in self.countries:
            self.countries[code] = str(countries.name(code)) if code else ""
        return self.countries[code]


def event_location(event, words=None):
    words = words or Words()
    if event.attendance == Event.Attendance.ONLINE:
        return event.online_url or words.online
    parts = [words.field(event, "venue"), words.field(event, "city"), words.country(event)]
    return ", ".join(str(part) for part in parts if part)


def event_description(event, page_url, words=None):
    words = words or Words()
    lines = []
    if event.state != Event.State.SCHEDULED:
        note = words.field(event, "state_note")
        lines.append(f"{words.states[event.state]}. {note}".strip())
    description = words.field(event, "description")
    if description:
        lines.append(description)
    names = getattr(event, "organiser_names", None)
    if names is None:
        names = [organisation.name for organisation in event.organisers.all()]
    if names:
        lines.append(words.organisers % {"names": ", ".join(names)})
    if event.online_url:
        lines.append(words.join_online % {"url": event.online_url})
    if event.registration_url:
        lines.append(words.register % {"url": event.registration_url})
    lines.append(page_url)
    return "\n\n".join(lines)


# Writing iCalendar text (RFC 5545, 3.1 and 3.3).


def text(value):
    """A TEXT value, escaped (3.3.11)."""
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )


def fold(line):
    """A content line as bytes, folded so that no line is longer than 75 octets (3.1).

    Never folds inside a UTF-8 character, nor between a backslash and what it escapes (some
    clients unescape before they unfold).
    """
    data = line.encode()
    if len(data) <= 75:
        return data
    parts, start, limit = [], 0, 75
    while len(data) - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:
            cut -= 1
        backslashes = 0
        while cut - backslashes > start + 1 and data[cut - 1 - backslashes] == 0x5C:
            backslashes += 1
        if backslashes % 2:
            cut -= 1
        parts.append(data[start:cut])
        start, limit = cut, 74  # continuation lines begin with a space
    parts.append(data[start:])
    return b"\r\n ".join(parts)


def ical_date(value):
    return f"{value.year:04d}{value.month:02d}{value.day:02d}"


def ical_datetime(value):
    return (
        f"{value.year:04d}{value.month:02d}{value.day:02d}"
        f"T{value.hour:02d}{value.minute:02d}{value.second:02d}"
    )


def ical_utc(value):
    return ical_datetime(value.astimezone(datetime.UTC)) + "Z"


def ical_duration(value):
    seconds = int(value.total_seconds())
    days, seconds = divmod(seconds, 86400)
    hours, seconds = divmod(seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    time = "".join(f"{n}{unit}" for n, unit in ((hours, "H"), (minutes, "M"), (seconds, "S")) if n)
    duration = "P" + (f"{days}D" if days else "") + (f"T{time}" if time else "")
    return duration if duration != "P" else "PT0S"


@functools.lru_cache(maxsize=1024)
def calendar_tzid(name):
    """The TZID under which times in the timezone `name` are written; None for UTC and its
    equivalents, whose times are written in UTC ("Z") and need no VTIMEZONE."""
    tzid = tzid_from_tzinfo(zoneinfo.ZoneInfo(name))
    return None if tzid == "UTC" else tzid


@functools.lru_cache(maxsize=1024)
def vtimezone(tzid, first_year, last_year):
    """A VTIMEZONE component, as text, covering the given years: slow to compute, so kept."""
    component = icalendar.Timezone.from_tzid(
        tzid, first_date=datetime.date(first_year, 1, 1), last_date=datetime.date(last_year, 12, 31)
    )
    return component.to_ical().rstrip(b"\r\n")


def timed_line(name, moment, tzid):
    if tzid is None:
        return f"{name}:{ical_utc(moment)}"
    return f"{name};TZID={tzid}:{ical_datetime(moment)}"


def event_lines(event, page_url, words):
    """The content lines of an event's VEVENT, unfolded."""
    summary = words.field(event, "title")
    if event.state != Event.State.SCHEDULED:
        summary = f"[{words.states[event.state]}] {summary}"
    if event.is_month_only:
        summary = words.unconfirmed % {"title": summary}
    lines = ["BEGIN:VEVENT", "SUMMARY:" + text(summary)]
    if event.is_month_only:
        # iCalendar has no "some day this month": the month's first day stands for it.
        lines.append("DTSTART;VALUE=DATE:" + ical_date(event.start_date))
        lines.append("DTEND;VALUE=DATE:" + ical_date(event.start_date + datetime.timedelta(days=1)))
    elif event.is_all_day:
        lines.append("DTSTART;VALUE=DATE:" + ical_date(event.start_date))
        # DTEND of an all-day event is the day after its last day (RFC 5545, 3.6.1).
        lines.append("DTEND;VALUE=DATE:" + ical_date(event.end_date + datetime.timedelta(days=1)))
    else:
        tzid = calendar_tzid(event.timezone)
        lines.append(timed_line("DTSTART", event.local_start(), tzid))
        lines.append(timed_line("DTEND", event.local_end(), tzid))
    changed = ical_utc(event.updated_at)
    lines += [
        "DTSTAMP:" + changed,
        f"UID:{event.uid}@{UID_DOMAIN}",
        f"SEQUENCE:{event.sequence}",
        "CATEGORIES:" + text(words.kinds[event.kind]),
    ]
    if event.online_url:
        lines.append("CONFERENCE;VALUE=URI:" + event.online_url)
    lines.append("DESCRIPTION:" + text(event_description(event, page_url, words)))
    lines.append("LAST-MODIFIED:" + changed)
    location = event_location(event, words)
    if location:
        lines.append("LOCATION:" + text(location))
    lines += ["STATUS:" + ICAL_STATUS[event.state], "URL:" + page_url, "END:VEVENT"]
    return lines


def build_calendar(events, *, name, absolute_url):
    """A VCALENDAR of the events, with the VTIMEZONEs their local times need, as bytes.

    `events` come from calendar_events(); `absolute_url` makes a path a full address.
    """
    language = get_language() or settings.LANGUAGE_CODE
    words = Words()
    # The calendar's name as it always was written (and as the icalendar library writes and
    # reads NAME and X-WR-CALNAME): unescaped, on one line.
    plain_name = " ".join(str(name).split())
    # One reverse() for all the events: their addresses differ only by their slug.
    placeholder = "event-slug-placeholder"
    page_url = absolute_url(Event(slug=placeholder).get_absolute_url())
    before, after = page_url.split(placeholder)
    header = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//BRIGC Secretariat//Green BRI Observer//{language.upper()}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "NAME:" + plain_name,
        "X-WR-CALNAME:" + plain_name,
        "REFRESH-INTERVAL;VALUE=DURATION:" + ical_duration(REFRESH_INTERVAL),
        "X-PUBLISHED-TTL:" + ical_duration(REFRESH_INTERVAL),
    ]
    body = []
    tzids = set()
    first = last = None
    for event in events:
        if SLUG.fullmatch(event.slug):
            url = before + event.slug + after
        else:
            url = absolute_url(event.get_absolute_url())
        body.extend(fold(line) for line in event_lines(event, url, words))
        if not event.is_all_day:
            tzids.add(calendar_tzid(event.timezone))
        first = min(first or event.start_date, event.start_date)
        last = max(last or event.end_date, event.end_date)
    tzids.discard(None)
    # The years of the events and one either side, so that the cached VTIMEZONEs serve every
    # feed of the same years.
    timezones = [
        vtimezone(tzid, max(first.year - 1, 1), min(last.year + 1, 9999)) for tzid in sorted(tzids)
    ]
    return b"\r\n".join(
        [*(fold(line) for line in header), *timezones, *body, b"END:VCALENDAR", b""]
    )


# Versions of a feed, for conditional requests.


def feeds_changed():
    """Note a change that the events' own rows do not show: a deleted event, an organiser or
    partnership added or removed, an organisation or partnership renamed or deleted."""
    try:
        cache.set(FEEDS_CHANGED_KEY, timezone.now().timestamp(), timeout=None)
    except Exception:
        # An editor's save must not fail for the cache; feeds then count as changed when
        # the cache has no moment to give (see feeds_changed_at).
        logger.exception("Could not note the change for the calendar feeds")


def feeds_changed_at():
    """When feeds_changed() was last called; if the cache does not know (it is new, flushed
    or unavailable), from now on, so that no feed is taken for unchanged when it may not be."""
    now = timezone.now().timestamp()
    try:
        value = cache.get(FEEDS_CHANGED_KEY)
        if value is None:
            cache.add(FEEDS_CHANGED_KEY, now, timeout=None)
            value = cache.get(FEEDS_CHANGED_KEY, now)
    except Exception:
        value = now
    return datetime.datetime.fromtimestamp(value, datetime.UTC)


def feed_version(events, shown, *, name):
    """(ETag, Last-Modified) of a feed named `name` that shows the events `shown`, chosen
    among `events` (a queryset before published()).

    The ETag is that of the events shown and of their last changes: an event that enters or
    leaves the feed (published, unpublished, deleted, pushed out of a subscription's window
    by a newer one) or is edited changes it. Last-Modified is the latest moment at which the
    feed may have changed: an edit or unpublication of any of `events`, a scheduled
    publication, an event passing from upcoming to past (which moves the window), or a change
    that only feeds_changed() records.
    """
    now = timezone.now()
    digest = hashlib.sha256()
    appeared = None
    for event_id, updated_at, published_at in shown.order_by("id").values_list(
        "id", "updated_at", "published_at"
    ):
        digest.update(f"{event_id}:{updated_at.timestamp()};".encode())
        appeared = max(appeared or published_at, published_at)
    # Each its own query, so that each is read from its index.
    changed = events.aggregate(moment=Max("updated_at"))["moment"]
    ended = events.filter(ends_at__lt=now).aggregate(moment=Max("ends_at"))["moment"]
    outside = feeds_changed_at()
    last_modified = max(moment for moment in (changed, appeared, ended, outside) if moment)
    token = f"{get_language()}|{name}|{outside.timestamp()}|{digest.hexdigest()}"
    return hashlib.sha256(token.encode()).hexdigest()[:32], last_modified
