"""What each calendar feed holds: subscriptions a window of the events, years all of theirs;
and how their versions change, so that calendar programs download them again when, and only
when, they change."""

import datetime

import icalendar
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import http_date

from alliance.publishing import Status
from events import ical
from tests.factories import make_event, make_organisation, make_partnership

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
NOW = datetime.datetime(2026, 3, 15, 12, 0, tzinfo=UTC)


class Clock:
    """The site's clock (django.utils.timezone.now), set by the test and moved on by it."""

    def __init__(self, moment):
        self.moment = moment

    def __call__(self):
        return self.moment

    def advance(self, **delta):
        self.moment += datetime.timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    clock = Clock(NOW)
    monkeypatch.setattr(timezone, "now", clock)
    # Nothing but the events' own rows has changed for a month.
    cache.set(ical.FEEDS_CHANGED_KEY, (NOW - datetime.timedelta(days=30)).timestamp())
    return clock


@pytest.fixture
def few_past_events(monkeypatch):
    """Subscriptions hold the 3 latest past events, to see the window move with few events."""
    monkeypatch.setattr(ical, "FEED_PAST_EVENTS", 3)
    return 3


def day(days_from_today):
    return NOW.date() + datetime.timedelta(days=days_from_today)


def event_on(days_from_today, **fields):
    fields.setdefault("slug", f"day{days_from_today}".replace("-", "minus"))
    date = day(days_from_today)
    return make_event(start_date=date, end_date=fields.pop("end_date", date), **fields)


def slugs(response):
    assert response.status_code == 200, response.status_code
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(e["url"]).rstrip("/").rsplit("/", 1)[1] for e in calendar.walk("VEVENT")}


def test_a_subscription_holds_upcoming_events_and_the_latest_past_ones(
    client, clock, few_past_events
):
    for days in (-40, -30, -20, -10, -5):
        event_on(days)
    event_on(-1, end_date=day(2))  # under way: it has not ended
    for days in (3, 30, 400):
        event_on(days)
    make_event(slug="draft", start_date=day(-2), end_date=day(-2), published=False)

    assert slugs(client.get("/en/events/calendar.ics")) == {
        "day3", "day30", "day400", "dayminus1", "dayminus5", "dayminus10", "dayminus20",
    }  # fmt: skip


def test_a_subscription_holds_all_past_events_when_there_are_fewer(client, clock):
    event_on(-3000)
    event_on(-10)
    event_on(10)
    assert slugs(client.get("/zh-hans/events/calendar.ics")) == {
        "dayminus3000", "dayminus10", "day10"
    }  # fmt: skip


def test_the_window_holds_the_hundred_latest_past_events(client, clock):
    assert ical.FEED_PAST_EVENTS == 100
    for n in range(101):
        make_event(slug=f"past-{n}", start_date=day(-200 + n), end_date=day(-200 + n))
    event_on(1)
    held = slugs(client.get("/en/events/calendar.ics"))
    assert len(held) == 102 - 1
    assert "past-0" not in held and {"past-1", "past-100", "day1"} <= held


def test_an_event_leaves_the_window_when_newer_past_events_come(client, clock, few_past_events):
    for days in (-30, -20, -10):
        event_on(days)
    event_on(5, slug="soon")
    assert slugs(client.get("/en/events/calendar.ics")) == {
        "dayminus30", "dayminus20", "dayminus10", "soon",
    }  # fmt: skip

    event_on(-5)  # a newer past event, added to the archive
    assert slugs(client.get("/en/events/calendar.ics")) == {
        "dayminus20", "dayminus10", "dayminus5", "soon",
    }  # fmt: skip

    clock.advance(days=7)  # "soon" has ended: it is past, and the latest
    assert slugs(client.get("/en/events/calendar.ics")) == {"dayminus10", "dayminus5", "soon"}


def test_ties_at_the_edge_of_the_window_are_broken_by_creation(client, clock, few_past_events):
    first, second, third, fourth = (
        event_on(-10, slug=f"same-day-{n}") for n in ("a", "b", "c", "d")
    )
    held = slugs(client.get("/en/events/calendar.ics"))
    assert held == {second.slug, third.slug, fourth.slug}


def test_partnership_and_organiser_subscriptions_have_their_own_window(
    client, clock, few_past_events
):
    ocean = make_partnership(slug="ocean")
    edf = make_organisation(slug="edf")
    for days in (-50, -40, -30, -20, 10):
        event = event_on(days)
        event.partnerships.add(ocean)
        event.organisers.add(edf)
    for days in (-5, -4, -3, -2):
        event_on(days)  # newer, but someone else's

    for url in (
        "/en/partnerships/ocean/calendar.ics",
        "/zh-hans/events/organisers/edf/calendar.ics",
    ):
        assert slugs(client.get(url)) == {"dayminus40", "dayminus30", "dayminus20", "day10"}
    assert slugs(client.get("/en/events/calendar.ics")) == {
        "dayminus4", "dayminus3", "dayminus2", "day10",
    }  # fmt: skip


def versions(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response["ETag"], response["Last-Modified"]


def assert_changed(client, url, etag, last_modified):
    """Both a client that sends the ETag and one that sends only the date get the new feed."""
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 200


def assert_unchanged(client, url, etag, last_modified):
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304


def test_the_version_changes_when_an_event_enters_or_leaves_the_window(
    client, clock, few_past_events
):
    url = "/en/events/calendar.ics"
    for days in (-30, -20, -10):
        event_on(days)
    upcoming = event_on(5)
    clock.advance(minutes=1)
    etag, last_modified = versions(client, url)
    assert_unchanged(client, url, etag, last_modified)

    clock.advance(minutes=1)
    event_on(-5)  # enters; the event of 30 days ago leaves
    assert_changed(client, url, etag, last_modified)
    etag, last_modified = versions(client, url)

    clock.advance(days=7)  # the upcoming event ends: the event of 20 days ago leaves
    assert upcoming.ends_at < timezone.now()
    assert_changed(client, url, etag, last_modified)
    etag, last_modified = versions(client, url)
    assert_unchanged(client, url, etag, last_modified)


@pytest.mark.parametrize("change", ["edit", "unpublish", "delete", "publish", "scheduled"])
def test_the_version_changes_with_any_change_of_the_window(client, clock, change):
    url = "/en/events/calendar.ics"
    event = event_on(-10)
    event_on(10)
    hidden = event_on(-5, published=False)
    scheduled = event_on(-4, published_at=NOW + datetime.timedelta(hours=1))
    clock.advance(minutes=1)
    etag, last_modified = versions(client, url)

    clock.advance(minutes=1)
    if change == "edit":
        event.title_en = "Renamed"
        event.save()
    elif change == "unpublish":
        event.status = Status.DRAFT
        event.save()
    elif change == "delete":
        event.delete()
    elif change == "publish":
        hidden.status = Status.PUBLISHED
        hidden.save()
    else:
        clock.advance(hours=1)  # the scheduled event's publication time comes
        assert scheduled.published_at <= timezone.now()
    assert_changed(client, url, etag, last_modified)


def test_a_change_to_another_feed_or_outside_the_window_keeps_the_version(
    client, clock, few_past_events
):
    ocean = make_partnership(slug="ocean")
    ours = event_on(10)
    ours.partnerships.add(ocean)
    old = event_on(-3000)
    for days in (-30, -20, -10):
        event_on(days)
    clock.advance(minutes=1)
    ocean_url, all_url = "/en/partnerships/ocean/calendar.ics", "/en/events/calendar.ics"
    ocean_etag, ocean_last_modified = versions(client, ocean_url)
    all_etag = client.get(all_url)["ETag"]

    clock.advance(minutes=1)
    old.title_en = "An event long out of the window"
    old.save()
    assert client.get(all_url, HTTP_IF_NONE_MATCH=all_etag).status_code == 304

    event_on(20)  # someone else's
    assert_unchanged(client, ocean_url, ocean_etag, ocean_last_modified)
    assert client.get(all_url, HTTP_IF_NONE_MATCH=all_etag).status_code == 200


@pytest.mark.parametrize("change", ["remove", "organiser", "rename organisation"])
def test_the_version_changes_with_an_events_relations(client, clock, change):
    ocean = make_partnership(slug="ocean")
    edf = make_organisation(slug="edf", name_en="EDF")
    wri = make_organisation(slug="wri")
    event = event_on(10)
    event.partnerships.add(ocean)
    event.organisers.add(edf)
    url = "/en/partnerships/ocean/calendar.ics"
    clock.advance(minutes=1)
    etag, last_modified = versions(client, url)

    clock.advance(minutes=1)
    if change == "remove":
        ocean.events.remove(event)
    elif change == "organiser":
        event.organisers.add(wri)
    else:
        edf.name_en = "Environmental Defense Fund"
        edf.save()
    assert_changed(client, url, etag, last_modified)


def test_the_feed_says_when_it_last_changed(client, clock):
    event_on(10)
    clock.advance(hours=3)
    response = client.get("/en/events/calendar.ics")
    assert response["Last-Modified"] == http_date(NOW.timestamp())


# The feeds of a year.


def test_a_years_feed_holds_every_published_event_of_the_year(client, clock, few_past_events):
    for n in range(12):
        make_event(
            slug=f"month-{n + 1}",
            start_date=datetime.date(2019, n + 1, 10),
            end_date=datetime.date(2019, n + 1, 10),
        )
    make_event(
        slug="new-year",
        start_date=datetime.date(2019, 12, 30),
        end_date=datetime.date(2020, 1, 2),
    )
    make_event(slug="draft", start_date=datetime.date(2019, 5, 1), published=False)
    make_event(slug="2018", start_date=datetime.date(2018, 12, 31))
    make_event(slug="2020", start_date=datetime.date(2020, 1, 3))

    response = client.get("/en/events/2019/calendar.ics")

    assert slugs(response) == {f"month-{n}" for n in range(1, 13)} | {"new-year"}
    assert str(icalendar.Calendar.from_ical(response.content)["x-wr-calname"]) == (
        "BRIGC events in 2019"
    )
    assert slugs(client.get("/en/events/2020/calendar.ics")) == {"new-year", "2020"}
    assert slugs(client.get("/zh-hans/events/2010/calendar.ics")) == set()
    chinese = icalendar.Calendar.from_ical(client.get("/zh-hans/events/2019/calendar.ics").content)
    assert str(chinese["x-wr-calname"]) == "2019年联盟活动"


def test_every_event_a_subscription_ever_held_is_in_a_years_feed(client, clock, few_past_events):
    events = [event_on(days) for days in (-800, -400, -30, -20, -10, -5, 10, 400)]
    held = set()
    for year in range(day(-800).year, day(400).year + 1):
        held |= slugs(client.get(f"/en/events/{year}/calendar.ics"))
    assert held == {event.slug for event in events}


def test_a_years_feed_answers_conditional_requests(client, clock):
    event = make_event(start_date=datetime.date(2019, 6, 1))
    url = "/en/events/2019/calendar.ics"
    clock.advance(minutes=1)
    etag, last_modified = versions(client, url)
    assert_unchanged(client, url, etag, last_modified)
    clock.advance(minutes=1)
    event.title_en = "Renamed"
    event.save()
    assert_changed(client, url, etag, last_modified)


@pytest.mark.parametrize(
    "year", ["0", "0000", "1", "0001", "1899", "2101", "9999", "99999999999", "-1", "2019x"]
)
def test_years_beyond_the_calendar_have_no_feed(client, year):
    assert client.get(f"/en/events/{year}/calendar.ics").status_code == 404


def test_the_year_page_offers_its_feed(client):
    make_event(start_date=datetime.date(2019, 6, 1))
    html = client.get("/en/events/2019/").content.decode()
    assert 'href="http://testserver/en/events/2019/calendar.ics"' in html
    assert 'href="webcal://testserver/en/events/2019/calendar.ics"' in html
    assert "subscribe to this year" in html
    chinese = client.get("/zh-hans/events/2019/").content.decode()
    assert 'href="webcal://testserver/zh-hans/events/2019/calendar.ics"' in chinese
    assert "订阅本年日历" in chinese


def test_the_subscription_says_what_it_holds(client):
    make_partnership(slug="ocean")
    for url in ("/en/events/", "/en/partnerships/ocean/"):
        html = client.get(url).content.decode()
        assert "every upcoming event and the 100 most recent past ones" in html
    assert "最近的100场往期活动" in client.get("/zh-hans/events/").content.decode()


# The cost of a feed does not grow with its events.


def populate(count):
    ocean = make_partnership()
    organisers = [make_organisation() for _ in range(3)]
    for n in range(count):
        event = make_event(
            start_date=datetime.date(2019, 1 + n % 12, 1 + n % 28),
            start_time=datetime.time(9, 0) if n % 2 else None,
            timezone=["Europe/Oslo", "America/New_York", "Asia/Shanghai"][n % 3],
            country="NO",
            city_en="Oslo",
        )
        event.partnerships.add(ocean)
        event.organisers.add(*organisers[: 1 + n % 3])
    return ocean, organisers[0]


@pytest.mark.parametrize("count", [2, 40])
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/zh-hans/events/calendar.ics", 6),  # the window's edge, the version (3), the events
        ("/en/events/organisers/{organiser}/calendar.ics", 7),  # and the organiser
        ("/en/partnerships/{partnership}/calendar.ics", 7),  # and the partnership
        ("/en/events/2019/calendar.ics", 5),  # no window
    ],
)
def test_a_feed_takes_the_same_queries_however_many_events_it_holds(
    client, django_assert_num_queries, url, queries, count
):
    """The events (with only the fields a calendar shows) and their organisers' names are
    one query each; no field or relation is read event by event."""
    partnership, organiser = populate(count)
    with django_assert_num_queries(queries):
        response = client.get(url.format(partnership=partnership.slug, organiser=organiser.slug))
    descriptions = [
        str(event["description"])
        for event in icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    ]
    assert len(descriptions) == count
    names = (organiser.name_zh_hans, organiser.name_en)  # each event has this organiser
    assert all(any(name in text for name in names) for text in descriptions)


def test_a_single_event_download_takes_two_queries(client, django_assert_num_queries):
    event = make_event()
    event.organisers.add(make_organisation(), make_organisation())
    with django_assert_num_queries(2):
        assert client.get(f"/en/events/{event.slug}/event.ics").status_code == 200


def test_the_year_page_takes_the_same_queries_however_many_events_it_shows(client):
    counts = []
    for count in (2, 40):
        populate(count)
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/en/events/2019/").status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
