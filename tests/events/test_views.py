import datetime

import pytest

from events.models import Event
from tests.factories import make_article, make_event, make_organisation

pytestmark = pytest.mark.django_db


def test_event_page_tells_the_venue_time_with_its_zone_and_beijing_time(client):
    event = make_event(
        slug="ny-roundtable",
        title_zh_hans="纽约圆桌会",
        start_date=datetime.date(2019, 9, 24),
        start_time=datetime.time(9, 0),
        end_date=datetime.date(2019, 9, 24),
        end_time=datetime.time(11, 40),
        timezone="America/New_York",
        city_zh_hans="纽约",
        country="US",
    )
    event.organisers.add(make_organisation(name_en="World Resources Institute"))

    html = client.get("/en/events/ny-roundtable/").content.decode()

    assert "09:00–11:40" in html and "America/New_York" in html
    assert "Beijing time" in html and "21:00–23:40" in html
    assert "World Resources Institute" in html


def test_an_event_in_beijing_does_not_repeat_its_time(client):
    make_event(slug="beijing", start_time=datetime.time(9, 0), timezone="Asia/Shanghai")
    html = client.get("/en/events/beijing/").content.decode()
    assert "Beijing time:" not in html


def test_cancelled_events_say_so(client):
    make_event(slug="called-off", state=Event.State.CANCELLED)
    html = client.get("/en/events/called-off/").content.decode()
    assert "This event has been cancelled." in html


def test_event_links_only_to_published_articles(client):
    announcement = make_article(title_zh_hans="预告文章")
    draft_report = make_article(title_zh_hans="未发布报道", published=False)
    make_event(slug="linked", announcement=announcement, report_article=draft_report)
    html = client.get("/zh-hans/events/linked/").content.decode()
    assert "预告文章" in html and "未发布报道" not in html


def test_draft_events_are_404_to_the_public(client):
    make_event(slug="draft", published=False)
    assert client.get("/zh-hans/events/draft/").status_code == 404


def test_event_list_splits_upcoming_and_past(client):
    make_event(title_zh_hans="将来")
    make_event(
        title_zh_hans="过去",
        start_date=datetime.date(2019, 1, 1),
        end_date=datetime.date(2019, 1, 1),
    )
    response = client.get("/zh-hans/events/")
    assert [e.title for e in response.context["upcoming_events"]] == ["将来"]
    assert [e.title for e in response.context["past_events"]] == ["过去"]
