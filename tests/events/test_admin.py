"""What editors do with events in the admin."""

import datetime
import zoneinfo

import icalendar
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from alliance.publishing import Status
from events.models import Event
from tests.factories import make_event, make_organisation, make_partnership

pytestmark = pytest.mark.django_db


def invitation(*events):
    """An .ics invitation as calendar programs send them, with its VTIMEZONE."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")
    for uid, summary, start, end in events:
        event = icalendar.Event()
        event.add("uid", uid)
        event.add("summary", summary)
        event.add("dtstart", start)
        event.add("dtend", end)
        event.add("dtstamp", datetime.datetime(2019, 9, 1, tzinfo=datetime.UTC))
        event.add("location", "W New York – Union Square")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def upload(staff_client, content, name="invite.ics"):
    return staff_client.post(
        reverse("admin:events_event_import"),
        {"invitation": SimpleUploadedFile(name, content, content_type="text/calendar")},
    )


def test_an_invitation_becomes_a_draft_at_its_local_time(staff_client):
    new_york = zoneinfo.ZoneInfo("America/New_York")
    content = invitation(
        (
            "abc@example.org",
            "Roundtable on climate co-governance",
            datetime.datetime(2019, 9, 24, 9, 0, tzinfo=new_york),
            datetime.datetime(2019, 9, 24, 11, 40, tzinfo=new_york),
        )
    )

    response = upload(staff_client, content)

    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:events_event_change", args=[event.pk])
    assert (event.start_date, event.start_time, event.end_time, event.timezone) == (
        datetime.date(2019, 9, 24),
        datetime.time(9, 0),
        datetime.time(11, 40),
        "America/New_York",
    )
    assert event.status == Status.DRAFT and not event.is_published
    assert event.venue_zh_hans == "W New York – Union Square"


def test_an_all_day_invitation_ends_on_its_last_day(staff_client):
    content = invitation(
        ("x@example.org", "年度交流会", datetime.date(2019, 12, 2), datetime.date(2019, 12, 4))
    )
    upload(staff_client, content)
    event = Event.objects.get()
    assert (event.start_date, event.end_date, event.is_all_day) == (
        datetime.date(2019, 12, 2),
        datetime.date(2019, 12, 3),
        True,
    )
    assert event.slug.startswith("event-2019-12-02")


@pytest.mark.parametrize(
    "content",
    [
        b"not a calendar at all",
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n",
        b"\xff\xfe\x00garbage",
    ],
)
def test_a_bad_file_is_refused_with_a_message_and_nothing_is_created(staff_client, content):
    response = upload(staff_client, content)
    assert response.status_code == 200
    assert response.context["form"].errors["invitation"]
    assert not Event.objects.exists()


def test_duplicating_an_event_makes_a_draft_copy(staff_client):
    original = make_event(slug="annual-meeting", title_zh_hans="年度交流会")
    original.partnerships.add(make_partnership())
    original.organisers.add(make_organisation())

    response = staff_client.post(
        reverse("admin:events_event_changelist"),
        {"action": "duplicate", "_selected_action": [original.pk]},
    )

    assert response.status_code == 302
    copy = Event.objects.exclude(pk=original.pk).get()
    assert copy.slug == "annual-meeting-copy" and copy.title_zh_hans == "年度交流会"
    assert copy.status == Status.DRAFT and copy.uid != original.uid
    assert list(copy.partnerships.all()) == list(original.partnerships.all())
    assert list(copy.organisers.all()) == list(original.organisers.all())


def test_editors_are_warned_of_a_timed_event_abroad_on_beijing_time(staff_client):
    event = make_event(
        slug="oslo", start_time=datetime.time(13, 0), country="NO", timezone="Asia/Shanghai"
    )
    assert event.data_warnings()

    changelist = staff_client.get(reverse("admin:events_event_changelist")).content.decode()
    assert "⚠ 1" in changelist

    event.timezone = "Europe/Oslo"
    event.save()
    assert not event.data_warnings()


def test_the_admin_front_page_shows_upcoming_events_at_a_glance(staff_client):
    make_event(title_zh_hans="下周的会议")
    make_event(title_zh_hans="草稿会议", published=False)
    make_event(
        title_zh_hans="去年的会议",
        start_date=datetime.date(2019, 1, 1),
        end_date=datetime.date(2019, 1, 1),
    )
    html = staff_client.get(reverse("admin:index")).content.decode()
    assert "下周的会议" in html and "草稿会议" in html and "去年的会议" not in html


def test_the_upcoming_filter(staff_client):
    make_event(title_zh_hans="将来")
    make_event(
        title_zh_hans="过去",
        start_date=datetime.date(2019, 1, 1),
        end_date=datetime.date(2019, 1, 1),
    )
    url = reverse("admin:events_event_changelist")
    html = staff_client.get(url, {"when": "upcoming"}).content.decode()
    assert "将来" in html and "过去" not in html
