"""What the calendar feeds cost: the same queries however many events they hold."""

import datetime

import icalendar
import pytest

from tests.factories import make_event, make_organisation, make_partnership

pytestmark = pytest.mark.django_db


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
        ("/zh-hans/events/calendar.ics", 4),  # the version (2), the events, their organisers
        ("/en/events/organisers/{organiser}/calendar.ics", 6),  # and the organiser, twice
        ("/en/partnerships/{partnership}/calendar.ics", 6),  # and the partnership, twice
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
