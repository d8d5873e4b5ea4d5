"""On PostgreSQL, substring search is served by indexes, for Chinese queries too."""

import datetime
import random
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

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
                title_bigrams=search.title_bigrams(body[:30], ""),
                date=datetime.date(2019, 1, 1) + datetime.timedelta(days=number % 2000),
                year=(datetime.date(2019, 1, 1) + datetime.timedelta(days=number % 2000)).year,
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
    """The plan of the query a search runs: title matches, then the others."""
    public = ('"visible_from" <= %s', [timezone.now()])
    (with_sql, with_params), (select_sql, select_params) = search.first_matches(
        query, connection.vendor, [public], "found"
    )
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN WITH {with_sql} {select_sql}", [*with_params, *select_params])
        return "\n".join(row[0] for row in cursor.fetchall())


def test_a_chinese_query_of_three_or_more_characters_uses_the_trigram_indexes(large_archive):
    plan = plan_for("索尔海姆")
    assert "alliance_searchentry_title_zh_trgm" in plan, plan
    assert "alliance_searchentry_text_trgm" in plan, plan
    # Checked with a plain LIKE: Chinese has no letter case to fold.
    assert "~~*" not in plan and "upper" not in plan.lower(), plan


def test_a_two_character_chinese_query_uses_the_bigram_indexes(large_archive):
    plan = plan_for("纽约")
    assert "alliance_searchentry_title_bigrams" in plan, plan
    assert "alliance_searchentry_bigrams" in plan, plan


def test_an_english_query_uses_the_trigram_indexes(large_archive):
    plan = plan_for("SAVi")
    assert "alliance_searchentry_title_en_trgm" in plan, plan
    assert "alliance_searchentry_text_trgm" in plan, plan
    assert "~~*" in plan, plan  # ILIKE


def test_no_search_reads_the_whole_table(large_archive):
    for query in ("纽约", "索尔海姆", "SAVi", "ocean"):
        assert "Seq Scan" not in plan_for(query), query


def scan(query):
    """What a search must find, by reading every entry."""
    lowered = query.lower()
    return [
        e
        for e in SearchEntry.objects.all()
        if lowered in e.text.lower() or lowered in f"{e.title_zh_hans} {e.title_en}".lower()
    ]


def test_the_indexed_search_finds_what_a_scan_finds(large_archive):
    for query in ("纽约", "索尔海姆", "海洋"):
        indexed = set(search.matching_entries(query).values_list("object_id", flat=True))
        assert indexed == {e.object_id for e in scan(query)}, query


def test_a_search_lists_what_a_scan_finds_best_first(large_archive):
    def best_first(entries):
        return sorted(entries, key=lambda e: (-e.date.toordinal(), e.object_id))

    for query in ("纽约", "索尔海姆", "海洋", "生物多样性"):
        scanned = scan(query)
        in_title = best_first(e for e in scanned if query in e.title_zh_hans)
        elsewhere = best_first(e for e in scanned if query not in e.title_zh_hans)
        found = search.find(query)
        ids = {e.id: e.object_id for e in scanned}
        listed = [ids[pk] for pk in found.ids]
        if len(scanned) <= search.RESULTS_LIMIT:
            assert not found.more and found.total == len(scanned), query
            assert listed == [e.object_id for e in in_title + elsewhere], query
            assert sum(found.kind_counts.values()) == len(scanned)
            years = {}
            for e in scanned:
                years[e.year] = years.get(e.year, 0) + 1
            assert found.year_counts == sorted(years.items(), reverse=True), query
        else:
            # Beyond the limit: as many as the limit, the best title matches first.
            assert found.more and found.more_in_total, query
            assert len(listed) == found.total == search.RESULTS_LIMIT, query
            first = [e.object_id for e in in_title[: search.RESULTS_LIMIT]]
            assert listed[: len(first)] == first, query
            assert set(listed) <= {e.object_id for e in scanned}, query


def test_the_search_indexes_keep_few_entries_pending(large_archive):
    """Every search reads an index's pending list to its end: after twenty thousand entries
    were saved, no list holds more than 256 kB (32 pages), not the 4 MB of the default."""
    indexes = [
        "alliance_searchentry_text_trgm",
        "alliance_searchentry_title_zh_trgm",
        "alliance_searchentry_title_en_trgm",
        "alliance_searchentry_bigrams",
        "alliance_searchentry_title_bigrams",
    ]
    with connection.cursor() as cursor:
        for index in indexes:
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
            pending_pages = cursor.fetchone()[0]
            assert pending_pages <= 32, f"{index}: {pending_pages} pages pending"
