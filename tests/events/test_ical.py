"""The iCalendar feeds, parsed back with the icalendar library and checked field by field."""

import datetime
import zoneinfo

import icalendar
import pytest
from django.utils import timezone

from alliance.publishing import Status
from events.models import Event
from tests.factories import make_event, make_organisation, make_partnership

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def vevents(calendar):
    return {str(component["uid"]): component for component in calendar.walk("VEVENT")}


def new_york_roundtable(**fields):
    fields = {
        "slug": "ny-roundtable",
        "title_zh_hans": "气候协同治理圆桌会",
        "title_en": "Roundtable on climate co-governance",
        "start_date": datetime.date(2019, 9, 24),
        "start_time": datetime.time(9, 0),
        "end_date": datetime.date(2019, 9, 24),
        "end_time": datetime.time(11, 40),
        "timezone": "America/New_York",
        "venue_zh_hans": "联合广场W酒店",
        "venue_en": "W New York – Union Square",
        "city_zh_hans": "纽约",
        "city_en": "New York",
        "country": "US",
        **fields,
    }
    return make_event(**fields)


def test_the_feed_carries_each_event_field_by_field(client):
    event = new_york_roundtable(registration_url="https://example.org/register")
    event.organisers.add(make_organisation(name_en="World Resources Institute"))

    calendar = parse(client.get("/en/events/calendar.ics"))

    assert calendar["version"] == "2.0"
    assert "Green BRI Observer" in str(calendar["prodid"])
    component = vevents(calendar)[f"{event.uid}@green-bri-observer"]
    start = component.decoded("dtstart")
    assert start == datetime.datetime(2019, 9, 24, 9, 0, tzinfo=NEW_YORK)
    assert component["dtstart"].params["TZID"] == "America/New_York"
    assert start.astimezone(UTC) == datetime.datetime(2019, 9, 24, 13, 0, tzinfo=UTC)
    assert component.decoded("dtend").astimezone(UTC) == datetime.datetime(
        2019, 9, 24, 15, 40, tzinfo=UTC
    )
    assert str(component["summary"]) == "Roundtable on climate co-governance"
    assert (
        str(component["location"])
        == "W New York – Union Square, New York, United States of America"
    )
    assert str(component["url"]) == "http://testserver/en/events/ny-roundtable/"
    assert str(component["status"]) == "CONFIRMED"
    assert component.decoded("sequence") == 0
    assert component.decoded("dtstamp").tzinfo is not None
    assert "World Resources Institute" in str(component["description"])
    assert "https://example.org/register" in str(component["description"])
    timezones = {str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")}
    assert timezones == {"America/New_York"}


def test_each_language_has_its_own_feed(client):
    new_york_roundtable()
    chinese = vevents(parse(client.get("/zh-hans/events/calendar.ics")))
    english = vevents(parse(client.get("/en/events/calendar.ics")))
    assert [str(e["summary"]) for e in chinese.values()] == ["气候协同治理圆桌会"]
    assert [str(e["summary"]) for e in english.values()] == ["Roundtable on climate co-governance"]
    assert chinese.keys() == english.keys()


def test_a_change_of_time_raises_the_sequence_and_keeps_the_uid(client):
    event = new_york_roundtable()
    uid = f"{event.uid}@green-bri-observer"

    event.description_zh_hans = "议程已更新"
    event.save()
    assert vevents(parse(client.get("/zh-hans/events/calendar.ics")))[uid].decoded("sequence") == 0

    event.start_time = datetime.time(10, 0)
    event.save()
    component = vevents(parse(client.get("/zh-hans/events/calendar.ics")))[uid]
    assert component.decoded("sequence") == 1
    assert component.decoded("dtstart") == datetime.datetime(2019, 9, 24, 10, 0, tzinfo=NEW_YORK)


def test_saving_without_a_change_changes_nothing():
    event = new_york_roundtable()
    event = Event.objects.get(pk=event.pk)
    updated = event.updated_at
    event.save()
    event.refresh_from_db()
    assert (event.sequence, event.updated_at) == (0, updated)


def test_cancelled_and_postponed_events_stay_in_the_feed_marked(client):
    cancelled = new_york_roundtable(state=Event.State.CANCELLED, state_note_en="Venue closed")
    postponed = make_event(slug="later", title_en="Later", state=Event.State.POSTPONED)

    events = vevents(parse(client.get("/en/events/calendar.ics")))

    assert str(events[f"{cancelled.uid}@green-bri-observer"]["status"]) == "CANCELLED"
    assert "Venue closed" in str(events[f"{cancelled.uid}@green-bri-observer"]["description"])
    component = events[f"{postponed.uid}@green-bri-observer"]
    assert str(component["status"]) == "TENTATIVE"
    assert str(component["summary"]).startswith("[Postponed]")


def test_all_day_multi_day_events_use_dates_with_an_exclusive_end(client):
    event = make_event(start_date=datetime.date(2019, 12, 30), end_date=datetime.date(2020, 1, 2))
    component = vevents(parse(client.get("/en/events/calendar.ics")))[
        f"{event.uid}@green-bri-observer"
    ]
    assert component.decoded("dtstart") == datetime.date(2019, 12, 30)
    assert component.decoded("dtend") == datetime.date(2020, 1, 3)
    assert component["dtstart"].params["VALUE"] == "DATE"


@pytest.mark.parametrize(
    ("zone", "day", "utc_hour"),
    [
        ("America/New_York", datetime.date(2019, 3, 9), 14),  # the last day of standard time
        ("America/New_York", datetime.date(2019, 3, 10), 13),  # daylight time from 02:00
        ("Europe/Oslo", datetime.date(2019, 10, 26), 7),  # summer time
        ("Europe/Oslo", datetime.date(2019, 10, 27), 8),  # winter time from 03:00
        ("Asia/Shanghai", datetime.date(2019, 7, 1), 1),  # no daylight saving
    ],
)
def test_local_times_across_daylight_saving_changes(client, zone, day, utc_hour):
    event = make_event(start_date=day, start_time=datetime.time(9, 0), end_date=day, timezone=zone)
    component = vevents(parse(client.get("/en/events/calendar.ics")))[
        f"{event.uid}@green-bri-observer"
    ]
    start = component.decoded("dtstart")
    assert (start.hour, str(start.tzinfo)) == (9, zone)
    assert start.astimezone(UTC).hour == utc_hour
    assert event.starts_at.astimezone(UTC).hour == utc_hour


def test_an_event_spanning_a_daylight_saving_change_ends_at_its_local_time():
    event = make_event(
        start_date=datetime.date(2019, 10, 26),
        start_time=datetime.time(9, 0),
        end_date=datetime.date(2019, 10, 28),
        end_time=datetime.time(17, 0),
        timezone="Europe/Oslo",
    )
    assert event.starts_at == datetime.datetime(2019, 10, 26, 7, 0, tzinfo=UTC)
    assert event.ends_at == datetime.datetime(2019, 10, 28, 16, 0, tzinfo=UTC)


def test_partnership_and_organiser_feeds_hold_only_their_events(client):
    ocean = make_partnership(slug="ocean", name_en="Ocean")
    edf = make_organisation(slug="edf")
    ours = make_event(title_en="Ocean launch")
    ours.partnerships.add(ocean)
    ours.organisers.add(edf)
    make_event(title_en="Someone else's")

    by_partnership = parse(client.get("/en/partnerships/ocean/calendar.ics"))
    by_organiser = parse(client.get("/en/events/organisers/edf/calendar.ics"))

    assert [str(e["summary"]) for e in by_partnership.walk("VEVENT")] == ["Ocean launch"]
    assert [str(e["summary"]) for e in by_organiser.walk("VEVENT")] == ["Ocean launch"]
    assert "Ocean" in str(by_partnership["x-wr-calname"])


def test_drafts_and_scheduled_events_are_not_in_feeds(client):
    make_event(title_en="Draft", published=False)
    make_event(title_en="Tomorrow", published_at=timezone.now() + datetime.timedelta(days=1))
    make_event(title_en="Public")
    calendar = parse(client.get("/en/events/calendar.ics"))
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == ["Public"]


def test_feeds_answer_conditional_requests_and_change_with_the_events(client):
    event = make_event()
    first = client.get("/en/events/calendar.ics")
    etag, last_modified = first["ETag"], first["Last-Modified"]

    assert client.get("/en/events/calendar.ics", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert (
        client.get("/en/events/calendar.ics", HTTP_IF_MODIFIED_SINCE=last_modified).status_code
        == 304
    )

    event.title_en = "Renamed"
    event.save()
    changed = client.get("/en/events/calendar.ics", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag

    event.status = Status.DRAFT
    event.save()
    hidden = client.get("/en/events/calendar.ics", HTTP_IF_NONE_MATCH=changed["ETag"])
    assert hidden.status_code == 200 and not parse(hidden).walk("VEVENT")


def test_a_single_event_downloads_as_an_ics_file(client):
    event = new_york_roundtable()
    response = client.get("/en/events/ny-roundtable/event.ics")
    assert response["Content-Disposition"] == 'attachment; filename="ny-roundtable.ics"'
    assert list(vevents(parse(response))) == [f"{event.uid}@green-bri-observer"]


def test_the_event_page_offers_every_way_to_add_it(client):
    new_york_roundtable()
    html = client.get("/en/events/ny-roundtable/").content.decode()
    assert "/en/events/ny-roundtable/event.ics" in html
    assert "https://calendar.google.com/calendar/render?action=TEMPLATE" in html
    assert "dates=20190924T090000%2F20190924T114000" in html and "ctz=America%2FNew_York" in html
    assert "https://outlook.live.com/calendar/0/deeplink/compose?" in html


def test_calendar_pages_offer_webcal_subscriptions(client):
    make_partnership(slug="ocean")
    html = client.get("/en/partnerships/ocean/").content.decode()
    assert 'href="webcal://testserver/en/partnerships/ocean/calendar.ics"' in html
    events_page = client.get("/en/events/").content.decode()
    assert 'href="webcal://testserver/en/events/calendar.ics"' in events_page
    assert 'type="text/calendar"' in events_page


@pytest.mark.parametrize(
    "url",
    [
        "/en/partnerships/no-such-partnership/calendar.ics",
        "/en/events/organisers/nobody/calendar.ics",
        "/en/events/no-such-event/event.ics",
    ],
)
def test_unknown_feeds_are_404(client, url):
    assert client.get(url).status_code == 404


def test_a_month_only_event_is_on_the_first_of_its_month_marked_unconfirmed(client):
    event = make_event(
        title_en="COP25 side event",
        date_precision=Event.DatePrecision.MONTH,
        start_date=datetime.date(2019, 12, 1),
        end_date=datetime.date(2019, 12, 31),
    )
    component = vevents(parse(client.get("/en/events/calendar.ics")))[
        f"{event.uid}@green-bri-observer"
    ]
    assert str(component["summary"]) == "COP25 side event (date to be confirmed)"
    assert component.decoded("dtstart") == datetime.date(2019, 12, 1)
    assert component.decoded("dtend") == datetime.date(2019, 12, 2)


def test_text_is_escaped_and_long_lines_folded_as_rfc_5545_says(client):
    description = (
        "第一段，含逗号；分号\\反斜杠。" * 20 + "\r\nSecond line, with; all\\ of them.\n" * 5
    )
    organiser = make_organisation(name_en="Ministry of Ecology, Environment; and Water")
    event = new_york_roundtable(
        title_en="Forum; on climate, oceans \\ and more " * 4, description_en=description
    )
    event.organisers.add(organiser)

    response = client.get("/en/events/calendar.ics")

    lines = response.content.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert all(line.decode() for line in lines if line)  # no character cut in two
    assert response.content.endswith(b"END:VCALENDAR\r\n")
    component = vevents(parse(response))[f"{event.uid}@green-bri-observer"]
    assert str(component["summary"]) == "Forum; on climate, oceans \\ and more " * 4
    assert str(component["description"]).startswith(description.replace("\r\n", "\n"))
    assert "Ministry of Ecology, Environment; and Water" in str(component["description"])


def test_times_in_utc_are_written_in_utc_without_a_timezone(client):
    event = new_york_roundtable(timezone="UTC")
    calendar = parse(client.get("/en/events/calendar.ics"))
    component = vevents(calendar)[f"{event.uid}@green-bri-observer"]
    assert component.decoded("dtstart") == datetime.datetime(2019, 9, 24, 9, 0, tzinfo=UTC)
    assert "TZID" not in component["dtstart"].params
    assert not calendar.walk("VTIMEZONE")


def test_feeds_ask_to_be_refreshed_every_six_hours(client):
    calendar = parse(client.get("/en/events/calendar.ics"))
    assert calendar.decoded("refresh-interval") == datetime.timedelta(hours=6)
    assert calendar["x-published-ttl"].to_ical() == b"PT6H"


def test_a_feed_name_with_commas_reads_back_whole(client):
    make_partnership(slug="finance", name_en="Green finance, investment; and trade")
    calendar = parse(client.get("/en/partnerships/finance/calendar.ics"))
    assert str(calendar["x-wr-calname"]) == "BRIGC events: Green finance, investment; and trade"
    assert str(calendar["name"]) == "BRIGC events: Green finance, investment; and trade"
