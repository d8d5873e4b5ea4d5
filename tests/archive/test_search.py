"""What a reader of the 2019 issues finds by searching."""

import pytest

from alliance.content import load_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(db):
    load_content()


def results(client, query, language="zh-hans", **params):
    response = client.get(f"/{language}/search/", {"q": query, **params})
    assert response.status_code == 200
    return response.context["results"], response.context["page"].paginator.count


@pytest.mark.parametrize(("query", "language"), [("索尔海姆", "zh-hans"), ("Solheim", "en")])
def test_a_speaker_by_name(archive, client, query, language):
    found, total = results(client, query, language)
    assert found[0].entry.kind == "person" and found[0].path.endswith("/speakers/erik-solheim/")
    assert sum(r.entry.kind == "quote" for r in found) >= 4


@pytest.mark.parametrize(("query", "language"), [("海洋", "zh-hans"), ("ocean", "en")])
def test_a_partnership_by_topic(archive, client, query, language):
    found, total = results(client, query, language)
    assert found[0].entry.kind == "partnership" and found[0].path.endswith("/partnerships/ocean/")
    assert any(r.entry.kind == "article" for r in found) and any(
        r.entry.kind == "event" for r in found
    )


@pytest.mark.parametrize(("query", "language"), [("纽约", "zh-hans"), ("New York", "en")])
def test_an_event_by_city(archive, client, query, language):
    found, total = results(client, query, language, kind="event")
    assert any(r.path.endswith("/events/ny-climate-roundtable-2019/") for r in found)


def test_a_two_character_topic(archive, client):
    found, total = results(client, "金融")
    assert total > 10
    assert any("green-finance" in r.path for r in found)
