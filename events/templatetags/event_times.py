"""How an event's time is told: in the venue's timezone, named, and in Beijing time if different."""

import zoneinfo

from django import template
from django.conf import settings
from django.utils import formats
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()
BEIJING = zoneinfo.ZoneInfo(settings.TIME_ZONE)


def _span(start, end, all_day, multi_day):
    if all_day:
        first = formats.date_format(start, "DATE_FORMAT")
        return first if not multi_day else f"{first} – {formats.date_format(end, 'DATE_FORMAT')}"
    first = f"{formats.date_format(start, 'DATE_FORMAT')} {formats.time_format(start, 'H:i')}"
    if end is None:
        return first
    if start.date() == end.date():
        return f"{first}–{formats.time_format(end, 'H:i')}"
    return f"{first} – {formats.date_format(end, 'DATE_FORMAT')} {formats.time_format(end, 'H:i')}"


def when(event):
    """The parts of an event's time that event_when shows: its local time, its timezone and
    abbreviation, Beijing time where that differs, and the start for <time datetime>."""
    if event.is_month_only:
        return {
            "local": _("%(month)s (date to be confirmed)")
            % {"month": formats.date_format(event.start_date, "YEAR_MONTH_FORMAT")},
            "start_iso": event.start_date.strftime("%Y-%m"),
        }
    start = event.local_start()
    end = event.local_end() if event.end_time else None
    if event.is_all_day:
        end = event.end_date
    local = _span(start, end, event.is_all_day, event.is_multi_day)
    beijing = None
    differs = start.utcoffset() != start.astimezone(BEIJING).utcoffset()
    if not event.is_all_day and differs:
        beijing = _span(
            start.astimezone(BEIJING), end.astimezone(BEIJING) if end else None, False, False
        )
    return {
        "local": local,
        "zone": event.timezone if not event.is_all_day else "",
        "zone_abbreviation": start.tzname() if not event.is_all_day else "",
        "beijing": beijing,
        "beijing_label": _("Beijing time"),
        "start_iso": start.isoformat(),
    }


@register.simple_tag
def event_when(event):
    """<time> with the event's time at its venue, its timezone, and Beijing time if different.

    Built here rather than from a template: lists show it for every event."""
    parts = when(event)
    html = format_html('<time datetime="{}">{}</time>', parts["start_iso"], parts["local"])
    if parts.get("zone"):
        zone = parts["zone"]
        if parts.get("zone_abbreviation"):
            zone = f"{zone}, {parts['zone_abbreviation']}"
        html += format_html(' <span class="event-zone">({})</span>', zone)
    if parts.get("beijing"):
        html += format_html(
            '<br><span class="event-beijing">{}: {}</span>',
            parts["beijing_label"],
            parts["beijing"],
        )
    return html
