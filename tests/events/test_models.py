import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from events.models import Event
from tests.factories import make_event

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


def test_a_timed_event_keeps_its_venue_time_and_knows_its_instant():
    """09:00 in New York is 09:00 New York time: 13:00 UTC in September (daylight time)."""
    event = make_event(
        start_date=datetime.date(2019, 9, 24),
        start_time=datetime.time(9, 0),
        end_date=datetime.date(2019, 9, 24),
        end_time=datetime.time(11, 40),
        timezone="America/New_York",
    )
    event.refresh_from_db()
    assert event.start_time == datetime.time(9, 0)
    assert event.starts_at == datetime.datetime(2019, 9, 24, 13, 0, tzinfo=UTC)
    assert event.ends_at == datetime.datetime(2019, 9, 24, 15, 40, tzinfo=UTC)


def test_winter_time_shifts_the_instant_not_the_local_time():
    event = make_event(
        start_date=datetime.date(2019, 12, 2),
        start_time=datetime.time(9, 0),
        end_date=datetime.date(2019, 12, 2),
        timezone="America/New_York",
    )
    assert event.starts_at == datetime.datetime(2019, 12, 2, 14, 0, tzinfo=UTC)


def test_an_all_day_event_spans_its_whole_local_days():
    event = make_event(
        start_date=datetime.date(2019, 12, 2),
        end_date=datetime.date(2019, 12, 3),
        timezone="Asia/Shanghai",
    )
    shanghai = zoneinfo.ZoneInfo("Asia/Shanghai")
    assert event.is_all_day and event.is_multi_day
    assert event.starts_at == datetime.datetime(2019, 12, 2, tzinfo=shanghai)
    assert event.ends_at == datetime.datetime(2019, 12, 4, tzinfo=shanghai)


def test_an_event_cannot_end_before_it_starts():
    event = Event(
        slug="backwards",
        title_zh_hans="倒流",
        start_date=datetime.date(2019, 9, 24),
        start_time=datetime.time(11, 0),
        end_date=datetime.date(2019, 9, 24),
        end_time=datetime.time(9, 0),
    )
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "end_time" in error.value.message_dict

    event.end_date = datetime.date(2019, 9, 23)
    with pytest.raises(ValidationError):
        event.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        event.save()


def test_upcoming_and_past_are_split_at_the_events_end():
    today = datetime.date.today()
    running = make_event(start_date=today - datetime.timedelta(days=1), end_date=today)
    future = make_event(start_date=today + datetime.timedelta(days=5))
    past = make_event(start_date=today - datetime.timedelta(days=9))
    assert list(Event.objects.upcoming()) == [running, future]
    assert list(Event.objects.past()) == [past]
