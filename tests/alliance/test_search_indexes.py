"""On PostgreSQL, substring search is served by indexes, for Chinese queries too."""

import datetime
import random
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from alliance import search
from alliance.models import SearchEntry

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the indexes are PostgreSQL's"),
]
SOURCE = Path(settings.CONTENT_DIR) / "sources" / "green-bri-observer-2019.txt"
ARCHIVE_SIZE = 20_000


@pytest.fixture(scope="module")
def large_archive(django_db_setup, django_db_blocker):
    """Twenty thousand entries of real journal text, cut and shuffled, built once."""
    text = "".join(SOURCE.read_text(encoding="utf-8").split())
    chance = random.Random(2019)
    public = datetime.datetime(2019, 1, 1, tzinfo=datetime.UTC)
    entries = []
    for number in range(ARCHIVE_SIZE):
        start = chance.randrange(len(text) - 400)
        body = text[start : start + chance.randrange(100, 400)]
        entries.append(
            SearchEntry(
                kind="article",
                object_id=number,
                title_zh_hans=body[:30],
                text=body,
                bigrams=search.bigrams(body),
                path=f"/zh-hans/issues/1/a{number}/",
                visible_from=public,
            )
        )
    with django_db_blocker.unblock():
        SearchEntry.objects.bulk_create(entries, batch_size=2000)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE alliance_searchentry")
    yield
    with django_db_blocker.unblock():
        SearchEntry.objects.all().delete()


def plan_for(query):
    return search.matching_entries(query)[:20].explain()


def test_a_chinese_query_of_three_or_more_characters_uses_the_trigram_index(large_archive):
    plan = plan_for("索尔海姆")
    assert "alliance_searchentry_text_trgm" in plan, plan


def test_a_two_character_chinese_query_uses_the_bigram_index(large_archive):
    plan = plan_for("纽约")
    assert "alliance_searchentry_bigrams" in plan, plan


def test_an_english_query_uses_the_trigram_index(large_archive):
    plan = plan_for("SAVi")
    assert "alliance_searchentry_text_trgm" in plan, plan


def test_the_indexed_search_finds_what_a_scan_finds(large_archive):
    for query in ("纽约", "索尔海姆", "海洋"):
        indexed = set(search.matching_entries(query).values_list("object_id", flat=True))
        scanned = {
            e.object_id
            for e in SearchEntry.objects.all().only("object_id", "text")
            if query in e.text
        }
        assert indexed == scanned, query
