"""The benchmark's large synthetic archive (generate_archive), made here at a tiny scale: what it
makes, that every page of it answers, that its pages cost the queries the real archive's do,
and that its bulk search index is the one the site itself would build."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alliance import search
from alliance.content import load_content
from alliance.management.commands.generate_archive import FIRST_SYNTHETIC_NUMBER, FULL_SIZE
from alliance.models import Person, Report, SearchEntry
from events.models import Event
from newsletters.models import Article, Issue, Quote

pytestmark = pytest.mark.django_db

SCALE = 0.01


def scaled(kind):
    return max(1, round(FULL_SIZE[kind] * SCALE))


def generate():
    call_command("generate_archive", scale=SCALE, seed=7, stdout=io.StringIO())


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.fixture
def real_archive():
    load_content()
    return {
        "people": Person.objects.count(),
        "events": Event.objects.count(),
        "reports": Report.objects.count(),
    }


def test_it_adds_the_scaled_archive_all_published(real_archive):
    generate()

    synthetic_issues = Issue.objects.filter(number__gte=FIRST_SYNTHETIC_NUMBER)
    assert synthetic_issues.count() == scaled("issues")
    assert Article.objects.filter(issue__in=synthetic_issues).count() == scaled("articles")
    assert Quote.objects.filter(article__issue__in=synthetic_issues).count() == scaled("quotes")
    assert Person.objects.count() == real_archive["people"] + scaled("people")
    assert Event.objects.count() == real_archive["events"] + scaled("events")
    assert Report.objects.count() == real_archive["reports"] + scaled("reports")
    assert Issue.objects.published().count() == Issue.objects.count()
    assert Article.objects.published().count() == Article.objects.count()
    assert Event.objects.published().count() == Event.objects.count()
    assert Report.objects.published().count() == Report.objects.count()
    assert Event.objects.values("timezone").distinct().count() > 5


def test_every_generated_page_answers_with_the_small_archives_query_counts(real_archive, client):
    real_issue = Issue.objects.get(number=6)
    real_article = real_issue.articles.first()
    issue_queries = queries_for(client, real_issue.get_absolute_url())
    article_queries = queries_for(client, real_article.get_absolute_url())

    generate()

    assert queries_for(client, real_issue.get_absolute_url()) == issue_queries
    assert queries_for(client, real_article.get_absolute_url()) == article_queries
    synthetic_issues = Issue.objects.filter(number__gte=FIRST_SYNTHETIC_NUMBER)
    for issue in synthetic_issues:
        assert queries_for(client, issue.get_absolute_url()) == issue_queries
    for article in Article.objects.filter(issue__in=synthetic_issues).select_related("issue"):
        assert queries_for(client, article.get_absolute_url()) == article_queries
    for event in Event.objects.all():
        assert client.get(event.get_absolute_url()).status_code == 200, event.slug


def test_the_bulk_search_index_is_the_one_the_site_builds(real_archive):
    generate()
    fields = [f.attname for f in SearchEntry._meta.concrete_fields if f.attname != "id"]
    bulk = sorted(SearchEntry.objects.values_list(*fields))

    search.rebuild_index()

    assert sorted(SearchEntry.objects.values_list(*fields)) == bulk


def test_a_second_archive_is_refused(real_archive):
    generate()
    with pytest.raises(CommandError, match="already holds"):
        generate()
