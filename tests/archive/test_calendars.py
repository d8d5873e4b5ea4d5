"""The 2019 events as partners and visitors meet them."""

import datetime
import zoneinfo

import icalendar
import pytest

from alliance.content import load_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(db):
    load_content()


def summaries_and_starts(response):
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(e["summary"]): e.decoded("dtstart") for e in calendar.walk("VEVENT")}


def test_the_ocean_partnership_feed_has_the_oslo_launch_at_oslo_time(archive, client):
    events = summaries_and_starts(client.get("/en/partnerships/ocean/calendar.ics"))
    start = next(start for summary, start in events.items() if "Our Ocean" in summary)
    assert start == datetime.datetime(2019, 10, 23, 16, 30, tzinfo=zoneinfo.ZoneInfo("Europe/Oslo"))
    assert start.astimezone(datetime.UTC).hour == 14


def test_the_climate_feed_has_the_new_york_roundtable_at_new_york_time(archive, client):
    events = summaries_and_starts(
        client.get("/zh-hans/partnerships/climate-governance/calendar.ics")
    )
    start = next(start for summary, start in events.items() if "圆桌会" in summary)
    assert (start.hour, start.minute, str(start.tzinfo)) == (9, 0, "America/New_York")


def test_december_2019_shows_the_shenzhen_meetings_on_their_days(archive, client):
    response = client.get("/en/events/2019/12/")
    days = {
        day.date: [event.slug for event in day.events]
        for week in response.context["weeks"]
        for day in week
    }
    meeting = "brigc-annual-meetings-2019"  # partners, advisory committee, partnerships
    assert meeting in days[datetime.date(2019, 12, 2)]
    assert meeting in days[datetime.date(2019, 12, 3)]
    assert meeting not in days[datetime.date(2019, 12, 1)] + days[datetime.date(2019, 12, 4)]
