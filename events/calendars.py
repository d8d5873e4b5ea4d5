"""The month grid: weeks from Monday, each day with the events that take place on it."""

import calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import Max, Min

# The years the calendar pages show; further out there is nothing to see (and a 404).
MIN_YEAR, MAX_YEAR = 1900, 2100


def years_between(events):
    """The years from the first of these events to the last, latest first. Two index lookups,
    where listing only the years that have events would read every event; a year in between
    without any simply says so on its page."""
    bounds = events.aggregate(first=Min("start_date"), last=Max("start_date"))
    if bounds["first"] is None:
        return []
    return list(range(bounds["last"].year, bounds["first"].year - 1, -1))


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    is_today: bool
    events: list = field(default_factory=list)


def month_bounds(year, month):
    first = datetime.date(year, month, 1)
    last = datetime.date(year, month, calendar.monthrange(year, month)[1])
    return first, last


def neighbour_months(year, month):
    """The previous and next (year, month), or None beyond the calendar's range."""
    previous = (year, month - 1) if month > 1 else (year - 1, 12)
    following = (year, month + 1) if month < 12 else (year + 1, 1)
    return (
        previous if previous[0] >= MIN_YEAR else None,
        following if following[0] <= MAX_YEAR else None,
    )


def month_weeks(year, month, events, today):
    """Weeks (Monday first) of Days; an event appears on every day from its start to its end.

    Days are the venue's local dates: a meeting in New York on 24 September is on the 24th.
    """
    weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(year, month)
    days = {}
    grid = []
    for week in weeks:
        row = []
        for date in week:
            day = Day(date=date, in_month=date.month == month, is_today=date == today)
            days[date] = day
            row.append(day)
        grid.append(row)
    for event in events:
        if event.is_month_only:
            continue  # listed for the month, not on any one day
        date = max(event.start_date, weeks[0][0])
        while date <= min(event.end_date, weeks[-1][-1]):
            days[date].events.append(event)
            date += datetime.timedelta(days=1)
    return grid


def grid_range(year, month):
    weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(year, month)
    return weeks[0][0], weeks[-1][-1]
