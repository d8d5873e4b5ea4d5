import json
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import CommandError, call_command

from alliance.content import ContentError, ContentLoader, load_content
from alliance.models import Person, Report, WorkPlanItem
from events.models import Event
from newsletters.models import Article, Issue, Quote
from partnerships.models import ThematicPartnership

pytestmark = pytest.mark.django_db
FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "content"
PROJECT_APPS = ("alliance", "newsletters", "partnerships", "events")


def database_snapshot():
    """Every row of the project's models, as data."""
    rows = []
    for app_label in PROJECT_APPS:
        for model in apps.get_app_config(app_label).get_models():
            rows.extend(json.loads(serializers.serialize("json", model.objects.order_by("pk"))))
    for row in rows:  # many-to-many values come in no particular order
        for name, value in row["fields"].items():
            if isinstance(value, list):
                row["fields"][name] = sorted(value, key=str)
    return rows


def test_the_loader_builds_issues_articles_quotes_events_reports_and_plan():
    load_content(FIXTURE)

    issue = Issue.objects.get(number=1)
    assert issue.is_published
    forum = Article.objects.get(slug="green-road-forum")
    assert forum.title_en == "Green Road sub-forum held in Beijing"
    assert forum.body_zh_hans.startswith("<p>2019 年 4 月 25 日下午")
    assert "<h3>嘉宾发言</h3>" in forum.body_zh_hans
    assert "<script>" not in forum.body_zh_hans and "&lt;script&gt;" in forum.body_zh_hans
    assert forum.reprinted_from_zh_hans == "新华网" and forum.reprinted_from_en == "Xinhua"
    assert [q.person.slug for q in forum.quotes.order_by("position")] == [
        "li-ganjie",
        "erik-solheim",
    ]
    assert list(Article.objects.published().values_list("slug", flat=True)) == [
        "green-road-forum",
        "oslo-side-event",
    ]
    ocean = ThematicPartnership.objects.get(slug="ocean")
    assert [c.organisation.acronym or c.organisation.slug for c in ocean.convenors.all()] == [
        "nmemc",
        "edf",
    ]
    event = Event.objects.get(slug="oslo-side-event-2019")
    assert event.timezone == "Europe/Oslo" and event.country.code == "NO"
    assert event.announcement.slug == "oslo-side-event"
    assert [o.slug for o in event.organisers.all()] == ["edf"]
    report = Report.objects.get()
    assert report.lead.slug == "erik-solheim"
    assert WorkPlanItem.objects.get().due_on.isoformat() == "2019-10-23"


def test_loading_twice_changes_nothing():
    load_content(FIXTURE)
    first = database_snapshot()
    load_content(FIXTURE)
    assert database_snapshot() == first


def test_an_unknown_speaker_is_a_clear_error_and_nothing_is_saved(tmp_path):
    for path in FIXTURE.rglob("*.yaml"):
        target = tmp_path / path.relative_to(FIXTURE)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            path.read_text(encoding="utf-8").replace("person: 李干杰", "person: 无名氏")
        )

    with pytest.raises(ContentError, match="unknown person '无名氏'"):
        ContentLoader(tmp_path).load()
    assert not Issue.objects.exists() and not Person.objects.exists()


def test_the_command_reports_counts_and_its_dry_run_saves_nothing():
    out = StringIO()
    call_command("load_content", directory=str(FIXTURE), dry_run=True, stdout=out)
    assert "2 articles" in out.getvalue() and "2 quotes" in out.getvalue()
    assert not Quote.objects.exists()

    call_command("load_content", directory=str(FIXTURE), stdout=StringIO())
    out = StringIO()
    call_command("load_content", directory=str(FIXTURE), if_empty=True, stdout=out)
    assert "nothing loaded" in out.getvalue()


def test_the_command_turns_content_errors_into_a_message(tmp_path):
    (tmp_path / "coalition.yaml").write_text("sections: [oops", encoding="utf-8")
    with pytest.raises(CommandError, match="not valid YAML"):
        call_command("load_content", directory=str(tmp_path), stdout=StringIO())
