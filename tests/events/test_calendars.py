"""The calendar pages: upcoming list, year archive and month grid, with filters."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from events.models import Event
from tests.factories import make_event, make_organisation, make_partnership

pytestmark = pytest.mark.django_db


def days_of(response):
    return {
        day.date: [event.slug for event in day.events]
        for week in response.context["weeks"]
        for day in week
    }


def test_the_december_2019_grid_starts_on_monday_and_puts_meetings_on_their_days(client):
    make_event(
        slug="shenzhen", start_date=datetime.date(2019, 12, 2), end_date=datetime.date(2019, 12, 3)
    )
    make_event(
        slug="madrid",
        start_date=datetime.date(2019, 12, 10),
        start_time=datetime.time(13, 15),
        end_date=datetime.date(2019, 12, 10),
        timezone="Europe/Madrid",
    )

    response = client.get("/en/events/2019/12/")

    weeks = response.context["weeks"]
    assert weeks[0][0].date == datetime.date(2019, 11, 25)  # a Monday
    assert all(len(week) == 7 and week[0].date.weekday() == 0 for week in weeks)
    days = days_of(response)
    assert days[datetime.date(2019, 12, 2)] == ["shenzhen"]
    assert days[datetime.date(2019, 12, 3)] == ["shenzhen"]
    assert days[datetime.date(2019, 12, 4)] == []
    assert days[datetime.date(2019, 12, 10)] == ["madrid"]
    assert "13:15" in response.content.decode()


def test_events_crossing_the_end_of_a_month_and_of_a_year(client):
    make_event(
        slug="turn-of-month",
        start_date=datetime.date(2019, 11, 29),
        end_date=datetime.date(2019, 12, 2),
    )
    make_event(
        slug="turn-of-year",
        start_date=datetime.date(2019, 12, 30),
        end_date=datetime.date(2020, 1, 2),
    )

    december = days_of(client.get("/en/events/2019/12/"))
    assert december[datetime.date(2019, 11, 29)] == ["turn-of-month"]  # shown, outside the month
    assert december[datetime.date(2019, 12, 2)] == ["turn-of-month"]
    assert december[datetime.date(2019, 12, 31)] == ["turn-of-year"]
    assert december[datetime.date(2020, 1, 2)] == ["turn-of-year"]
    assert december[datetime.date(2020, 1, 3)] == []

    january = days_of(client.get("/en/events/2020/1/"))
    assert january[datetime.date(2019, 12, 30)] == ["turn-of-year"]
    assert january[datetime.date(2020, 1, 1)] == ["turn-of-year"]
    assert "turn-of-month" not in sum(january.values(), [])

    november = client.get("/en/events/2019/11/")
    assert [e.slug for e in november.context["month_events"]] == ["turn-of-month"]


def test_month_navigation_crosses_years(client):
    response = client.get("/en/events/2019/12/")
    assert response.context["previous_month"] == datetime.date(2019, 11, 1)
    assert response.context["next_month"] == datetime.date(2020, 1, 1)
    html = response.content.decode()
    assert 'href="/en/events/2020/01/"' in html and 'href="/en/events/2019/11/"' in html


def test_today_is_marked(client):
    today = datetime.date.today()
    response = client.get(f"/en/events/{today.year}/{today.month}/")
    marked = [day.date for week in response.context["weeks"] for day in week if day.is_today]
    assert marked == [today]
    assert 'aria-current="date"' in response.content.decode()


def test_the_current_month_link_keeps_the_filters(client):
    today = datetime.date.today()
    response = client.get("/en/events/month/?kind=forum")
    assert response["Location"] == f"/en/events/{today.year}/{today.month:02d}/?kind=forum"


def test_filters_by_partnership_organiser_kind_and_country(client):
    ocean = make_partnership(slug="ocean")
    wri = make_organisation(slug="wri")
    a = make_event(slug="a", kind=Event.Kind.FORUM, country="NO")
    a.partnerships.add(ocean)
    b = make_event(slug="b", kind=Event.Kind.MEETING, country="US")
    b.organisers.add(wri)

    def listed(query):
        response = client.get(f"/en/events/?{query}")
        assert response.status_code == 200
        return [event.slug for event in response.context["upcoming_events"]]

    assert listed("partnership=ocean") == ["a"]
    assert listed("organiser=wri") == ["b"]
    assert listed("kind=meeting") == ["b"]
    assert listed("country=NO") == ["a"]
    assert sorted(listed("")) == ["a", "b"]


def test_the_year_page_lists_the_events_of_the_year(client):
    make_event(
        slug="in-2019", start_date=datetime.date(2019, 9, 24), end_date=datetime.date(2019, 9, 24)
    )
    make_event(
        slug="in-2020", start_date=datetime.date(2020, 7, 1), end_date=datetime.date(2020, 7, 1)
    )
    response = client.get("/zh-hans/events/2019/")
    assert [e.slug for e in response.context["events"]] == ["in-2019"]


def test_a_partnership_page_has_its_own_calendar(client):
    ocean = make_partnership(slug="ocean")
    event = make_event(slug="launch")
    event.partnerships.add(ocean)
    html = client.get("/en/partnerships/ocean/").content.decode()
    assert (
        f"/en/events/{event.start_date.year}/{event.start_date.month:02d}/?partnership=ocean"
        in html
    )
    month = client.get(
        f"/en/events/{event.start_date.year}/{event.start_date.month}/?partnership=ocean"
    )
    assert [e.slug for e in month.context["month_events"]] == ["launch"]


@pytest.mark.parametrize(
    "url",
    [
        "/en/events/2019/13/",
        "/en/events/2019/0/",
        "/en/events/2019/00/",
        "/en/events/0000/12/",
        "/en/events/0000/",
        "/en/events/12019/12/",
        "/en/events/9999/12/",
        "/en/events/1000/1/",
        "/en/events/2019/12/?partnership=no-such-partnership",
        "/en/events/2019/12/?organiser=nobody",
        "/en/events/?kind=party",
        "/en/events/?country=XX",
        "/en/events/2019/12/extra/",
    ],
)
def test_bad_calendar_input_is_the_404_page(client, url):
    make_partnership(slug="ocean")
    response = client.get(url)
    assert response.status_code == 404
    assert "site-header" in response.content.decode()


def test_the_edges_of_the_calendar_have_no_link_beyond(client):
    response = client.get("/en/events/2100/12/")
    assert response.status_code == 200 and response.context["next_month"] is None
    assert client.get("/en/events/1900/1/").context["previous_month"] is None


def test_month_grid_query_count_does_not_grow(client, django_assert_num_queries):
    make_event(start_date=datetime.date(2019, 12, 2), end_date=datetime.date(2019, 12, 2))
    with django_assert_num_queries(5):
        client.get("/en/events/2019/12/")
    ocean = make_partnership()
    for day in range(3, 20):
        event = make_event(
            start_date=datetime.date(2019, 12, day), end_date=datetime.date(2019, 12, day + 2)
        )
        event.partnerships.add(ocean)
        event.organisers.add(make_organisation())
    with django_assert_num_queries(5):
        client.get("/en/events/2019/12/")


def test_event_times_show_the_venue_zone_and_beijing_time_in_lists(client):
    make_event(
        slug="oslo",
        start_date=datetime.date(2030, 10, 23),
        start_time=datetime.time(13, 0),
        end_date=datetime.date(2030, 10, 23),
        end_time=datetime.time(14, 30),
        timezone="Europe/Oslo",
    )
    html = client.get("/en/events/").content.decode()
    assert "13:00–14:30" in html and "Europe/Oslo" in html and "19:00–20:30" in html


def test_an_event_known_only_by_its_month_is_listed_for_the_month_not_on_days(client):
    make_event(
        slug="cop25-side-event",
        title_en="COP25 side event",
        date_precision=Event.DatePrecision.MONTH,
        start_date=datetime.date(2019, 12, 1),
        end_date=datetime.date(2019, 12, 31),
    )
    response = client.get("/en/events/2019/12/")
    assert all(not day.events for week in response.context["weeks"] for day in week)
    assert [e.slug for e in response.context["month_only_events"]] == ["cop25-side-event"]
    detail = client.get("/en/events/cop25-side-event/").content.decode()
    assert "December 2019 (date to be confirmed)" in detail


def test_a_month_only_event_must_span_its_month():
    event = make_event(start_date=datetime.date(2019, 12, 1), end_date=datetime.date(2019, 12, 31))
    event.date_precision = Event.DatePrecision.MONTH
    event.full_clean()
    event.end_date = datetime.date(2019, 12, 30)
    with pytest.raises(ValidationError):
        event.full_clean()


def test_the_country_filter_lists_each_country_once(client):
    for _ in range(3):
        make_event(country="NO")
    make_event(country="US")
    response = client.get("/en/events/")
    countries = [code for code, _name in response.context["filters"].fields["country"].choices]
    assert countries.count("NO") == 1 and countries.count("US") == 1
