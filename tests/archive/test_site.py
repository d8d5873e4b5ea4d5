"""The site on the real 2019 archive: every page answers, with the same query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alliance.content import load_content
from alliance.models import Person, Report
from events.models import Event
from newsletters.models import Article, Issue, Quote
from partnerships.models import ThematicPartnership
from tests.alliance.test_content import database_snapshot

pytestmark = pytest.mark.django_db


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def test_the_archive_loads_idempotently_and_every_page_answers(client):
    load_content()
    snapshot = database_snapshot()
    load_content()
    assert database_snapshot() == snapshot

    assert Issue.objects.published().count() == 6
    assert Article.objects.published().count() == Article.objects.count()

    # The same counts as the small tests in tests/newsletters and tests/alliance assert.
    for issue in Issue.objects.all():
        assert queries_for(client, issue.get_absolute_url()) == 2
    for article in Article.objects.select_related("issue"):
        assert queries_for(client, article.get_absolute_url()) == 5
    for person in Person.objects.filter(quotes__isnull=False).distinct():
        assert queries_for(client, person.get_absolute_url()) == 3
    for partnership in ThematicPartnership.objects.all():
        assert queries_for(client, partnership.get_absolute_url()) == 7
    for event in Event.objects.all():
        assert client.get(event.get_absolute_url()).status_code == 200
    for report in Report.objects.all():
        assert client.get(report.get_absolute_url()).status_code == 200
    for url in ("/zh-hans/", "/en/", "/zh-hans/archive/", "/en/archive/2019/", "/en/speakers/"):
        assert client.get(url).status_code == 200


def test_every_quote_is_on_its_speakers_page(client):
    load_content()
    quote = Quote.objects.select_related("person").filter(person__slug="erik-solheim").first()
    assert quote is not None
    html = client.get(quote.person.get_absolute_url()).content.decode()
    assert quote.text_zh_hans[:20] in html
