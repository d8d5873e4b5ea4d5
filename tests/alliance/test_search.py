"""Search across the site, in Chinese and English."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.utils import timezone, translation

from alliance import search
from alliance.models import SearchEntry
from alliance.publishing import Status
from newsletters import services
from tests.factories import (
    make_article,
    make_event,
    make_issue,
    make_organisation,
    make_partnership,
    make_person,
    make_quote,
    make_report,
)

pytestmark = pytest.mark.django_db


def found(client, query, **params):
    response = client.get("/zh-hans/search/", {"q": query, **params})
    assert response.status_code == 200
    return [(r.entry.kind, r.entry.object_id) for r in response.context.get("results", [])]


def test_a_two_character_chinese_query_finds_substrings(client):
    article = make_article(
        title_zh_hans="海洋专题伙伴关系启动", body_zh_hans="<p>关于海洋治理。</p>"
    )
    other = make_article(title_zh_hans="绿色金融", body_zh_hans="<p>金融机构参与。</p>")
    assert found(client, "海洋") == [("article", article.pk)]
    assert found(client, "金融") == [("article", other.pk)]


def test_english_words_match_case_insensitively(client):
    article = make_article(title_en="Ocean partnership launched in Oslo")
    assert found(client, "ocean") == [("article", article.pk)]
    assert found(client, "OSLO") == [("article", article.pk)]


def test_a_speaker_is_found_by_either_name_with_their_quotes(client):
    solheim = make_person(name_zh_hans="埃里克·索尔海姆", name_en="Erik Solheim")
    quote = make_quote(person=solheim, text_zh_hans="绿色是底色。")
    for query in ("索尔海姆", "Solheim"):
        results = found(client, query)
        assert results[0] == ("person", solheim.pk)
        assert ("quote", quote.pk) in results


def test_what_a_speaker_said_is_found_by_its_words(client):
    quote = make_quote(text_zh_hans="海上丝绸之路的绿色化需要务实的伙伴关系")
    assert found(client, "务实的伙伴") == [("quote", quote.pk)]


def test_an_event_is_found_by_its_city_in_either_language(client):
    event = make_event(city_zh_hans="纽约", city_en="New York", title_zh_hans="圆桌会")
    assert found(client, "纽约") == [("event", event.pk)]
    assert found(client, "New York") == [("event", event.pk)]


def test_reports_organisations_and_partnerships_are_searchable(client):
    report = make_report(title_zh_hans="绿色供应链指数报告")
    organisation = make_organisation(name_zh_hans="世界资源研究所", acronym="WRI")
    partnership = make_partnership(name_zh_hans="海洋命运共同体和海洋环境治理")
    assert found(client, "供应链") == [("report", report.pk)]
    assert found(client, "WRI") == [("organisation", organisation.pk)]
    assert found(client, "海洋命运") == [("partnership", partnership.pk)]


def test_title_matches_come_first(client):
    in_body = make_article(title_zh_hans="联盟动态", body_zh_hans="<p>讨论了海洋议题。</p>")
    in_title = make_article(title_zh_hans="海洋议题研讨会")
    assert found(client, "海洋") == [("article", in_title.pk), ("article", in_body.pk)]


def test_unpublished_and_scheduled_content_is_not_found_until_its_time(client):
    issue = make_issue(published=False)
    article = make_article(issue=issue, title_zh_hans="未来的海洋文章", published=False)
    make_event(title_zh_hans="草稿海洋会议", published=False)
    assert found(client, "海洋") == []

    services.publish_issue(issue=issue, at=timezone.now() + datetime.timedelta(hours=1))
    assert found(client, "海洋") == []

    issue.published_at = timezone.now() - datetime.timedelta(seconds=1)
    issue.save()
    assert found(client, "海洋") == [("article", article.pk)]


def test_the_index_follows_edits_deletions_and_unpublishing(client):
    article = make_article(title_zh_hans="旧标题")
    article.title_zh_hans = "新标题海洋"
    article.save()
    assert found(client, "旧标题") == [] and found(client, "新标题") == [("article", article.pk)]

    article.issue.status = Status.DRAFT
    article.issue.save()
    assert found(client, "新标题") == []

    event = make_event(title_zh_hans="将删除的会议")
    event.delete()
    assert found(client, "将删除") == []


def test_results_filter_by_kind_year_and_partnership(client):
    ocean = make_partnership(slug="ocean")
    old = make_article(issue=make_issue(date=datetime.date(2019, 6, 30)), title_zh_hans="海洋一")
    old.partnerships.add(ocean)
    new = make_article(issue=make_issue(date=datetime.date(2020, 6, 30)), title_zh_hans="海洋二")
    event = make_event(
        title_zh_hans="海洋会议",
        start_date=datetime.date(2020, 3, 1),
        end_date=datetime.date(2020, 3, 1),
    )

    assert found(client, "海洋", kind="event") == [("event", event.pk)]
    assert set(found(client, "海洋", year="2020")) == {("article", new.pk), ("event", event.pk)}
    assert found(client, "海洋", partnership="ocean") == [("article", old.pk)]
    # Nonsense filters are ignored, not errors.
    assert len(found(client, "海洋", kind="bogus", year="x", partnership="nope")) == 3


def test_matches_are_highlighted_and_escaped(client):
    make_article(title_zh_hans="<b>海洋</b> & 气候", body_zh_hans="<p>正文</p>")
    html = client.get("/zh-hans/search/", {"q": "海洋"}).content.decode()
    assert "&lt;b&gt;<mark>海洋</mark>&lt;/b&gt; &amp; 气候" in html
    # Found by its title alone (the text has no tags): the snippet is the text's start,
    # escaped once.
    html = client.get("/zh-hans/search/", {"q": "<b>"}).content.decode()
    assert "<mark>&lt;b&gt;</mark>海洋&lt;/b&gt; &amp; 气候" in html
    assert "海洋 &amp; 气候" in html and "&amp;amp;" not in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Type a word"),
        ("海", "at least two characters"),
        ("   ", "Type a word"),
    ],
)
def test_empty_and_one_character_queries_get_advice(client, query, message):
    html = client.get("/en/search/", {"q": query}).content.decode()
    assert message in html


@pytest.mark.parametrize(
    "query",
    [
        "海" * 5000,
        "%",
        "_",
        "\\",
        "' OR 1=1 --",
        "{{ request }}",
        "{% debug %}",
        "<script>alert(1)</script>",
        "\ufffd\ufffd",
        "../../etc/passwd",
    ],
)
def test_odd_queries_answer_without_error(client, query):
    make_article(title_zh_hans="百分之百%的承诺", body_zh_hans="<p>正文</p>")
    response = client.get("/en/search/", {"q": query, "page": "x"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_very_long_query_is_cut_with_a_notice(client):
    html = client.get("/en/search/", {"q": "海洋" * 100}).content.decode()
    assert "only its first 100 characters were used" in html


def test_results_are_paginated(client):
    for number in range(25):
        make_article(title_zh_hans=f"海洋文章{number}")
    first = client.get("/zh-hans/search/", {"q": "海洋"})
    second = client.get("/zh-hans/search/", {"q": "海洋", "page": "2"})
    assert len(first.context["results"]) == 20 and len(second.context["results"]) == 5
    assert client.get("/zh-hans/search/", {"q": "海洋", "page": "999"}).status_code == 200


def test_the_pager_keeps_the_query_and_its_filters(client):
    for number in range(25):
        make_article(title_zh_hans=f"海洋文章{number}")
    first = client.get("/zh-hans/search/", {"q": "海洋", "kind": "article"}).content.decode()
    assert 'rel="next" href="?q=%E6%B5%B7%E6%B4%8B&amp;kind=article&amp;page=2"' in first
    second = client.get("/zh-hans/search/", {"q": "海洋", "kind": "article", "page": "2"})
    # Back to the first page: the search's own address, without page=1.
    assert 'rel="prev" href="?q=%E6%B5%B7%E6%B4%8B&amp;kind=article"' in second.content.decode()


def test_results_link_to_the_page_in_the_readers_language(client):
    article = make_article(title_zh_hans="海洋", title_en="Ocean")
    response = client.get("/en/search/", {"q": "海洋"})
    result = response.context["results"][0]
    assert result.path == article.get_absolute_url().replace("/zh-hans/", "/en/")
    assert "Ocean" in result.title


def test_rebuilding_the_index_gives_the_same_entries():
    make_quote(article=make_article(title_zh_hans="海洋"))
    make_event()
    make_report()
    before = sorted(SearchEntry.objects.values_list("kind", "object_id", "text", "visible_from"))
    search.rebuild_index()
    after = sorted(SearchEntry.objects.values_list("kind", "object_id", "text", "visible_from"))
    assert after == before


def test_search_query_count_does_not_grow(client, django_assert_num_queries):
    # One query finds the matches (their ids, kinds and years only), one reads the page's
    # entries, one lists the partnerships for the filter.
    make_partnership()
    make_article(title_zh_hans="海洋一")
    with django_assert_num_queries(3):
        client.get("/zh-hans/search/", {"q": "海洋"})
    for number in range(30):
        make_article(title_zh_hans=f"海洋{number}", body_zh_hans="<p>海洋治理</p>")
        make_article(body_zh_hans=f"<p>海洋{number}</p>")
        make_partnership()
    with django_assert_num_queries(3):
        client.get("/zh-hans/search/", {"q": "海洋"})
    with django_assert_num_queries(3):
        client.get("/zh-hans/search/", {"q": "海洋治理", "page": "2"})


def test_a_filtered_search_costs_a_constant_number_of_queries(client, django_assert_num_queries):
    # The same three, and one to check that the partnership chosen exists; the unfiltered
    # matches that the facets count are found by the same query as the filtered ones.
    ocean = make_partnership(slug="ocean")
    filters = {"q": "海洋", "kind": "article", "year": "2019", "partnership": "ocean"}
    issue = make_issue(date=datetime.date(2019, 6, 30))
    make_article(issue=issue, title_zh_hans="海洋一").partnerships.add(ocean)
    with django_assert_num_queries(4):
        assert client.get("/zh-hans/search/", filters).context["results"]
    for number in range(30):
        make_article(issue=issue, title_zh_hans=f"海洋{number}").partnerships.add(ocean)
        make_event(title_zh_hans=f"海洋会议{number}")
    with django_assert_num_queries(4):
        client.get("/zh-hans/search/", filters)


def test_the_total_and_facets_count_every_match_whatever_the_filter(client):
    ocean = make_partnership(slug="ocean", name_zh_hans="海洋伙伴关系")
    for month in (1, 6):
        issue = make_issue(date=datetime.date(2019, month, 1))
        make_article(issue=issue, title_zh_hans="海洋文章").partnerships.add(ocean)
    make_article(issue=make_issue(date=datetime.date(2020, 1, 1)), body_zh_hans="<p>海洋</p>")
    make_event(title_zh_hans="海洋会议", start_date=datetime.date(2020, 3, 1))
    make_article(title_zh_hans="森林")

    for filters in ({}, {"kind": "article"}, {"year": "2019"}, {"partnership": "ocean"}):
        context = client.get("/en/search/", {"q": "海洋", **filters}).context
        assert context["total"] == 5 and not context["more_in_total"]
        assert [(f.label, f.count) for f in context["kind_facets"]] == [
            ("Articles", 3),
            ("Events", 1),
            ("Thematic partnerships", 1),
        ]
        # The partnership's entry has its launch date, here none: it has no year.
        assert [(f.label, f.count) for f in context["year_facets"]] == [(2020, 2), (2019, 2)]
    context = client.get("/zh-hans/search/", {"q": "海洋", "year": "2019"}).context
    assert context["page"].paginator.count == 2
    assert [f.label for f in context["year_facets"] if f.chosen] == [2019]


def test_a_search_with_no_match_says_so(client, django_assert_num_queries):
    make_article(title_zh_hans="海洋")
    with django_assert_num_queries(2):
        response = client.get("/en/search/", {"q": "沙漠"})
    assert "Nothing matches “沙漠”" in response.content.decode()
    assert response.context["total"] == 0


def test_beyond_the_limit_the_first_matches_are_listed_and_the_rest_announced(client, monkeypatch):
    monkeypatch.setattr(search, "RESULTS_LIMIT", 4)
    in_text = [make_article(body_zh_hans=f"<p>海洋{n}</p>") for n in range(6)]
    older = make_article(issue=make_issue(date=datetime.date(2019, 1, 1)), title_zh_hans="海洋旧")
    newer = make_article(issue=make_issue(date=datetime.date(2020, 1, 1)), title_zh_hans="海洋新")
    partnership = make_partnership(name_zh_hans="海洋伙伴关系")

    response = client.get("/en/search/", {"q": "海洋"})
    html = response.content.decode()
    assert "More than 4 results" in html and "Only the first 4 are listed" in html
    assert "Counted among the first 4 results." in html
    # Title matches first, whatever order they were written in: the subject's page, then
    # the newest.
    assert found(client, "海洋")[:3] == [
        ("partnership", partnership.pk),
        ("article", newer.pk),
        ("article", older.pk),
    ]
    assert len(response.context["results"]) == 4
    assert response.context["total"] == 4 and response.context["more_in_total"]
    assert response.context["results"][3].entry.object_id in {a.pk for a in in_text}

    # Narrowed below the limit, the count is exact again.
    narrowed = client.get("/en/search/", {"q": "海洋", "kind": "partnership"})
    assert not narrowed.context["more"]
    assert "1 result" in narrowed.content.decode()
    with translation.override("zh-hans"):
        assert "超过 4 条结果" in client.get("/zh-hans/search/", {"q": "海洋"}).content.decode()


def test_pages_beyond_the_last_show_the_last(client):
    for number in range(25):
        make_article(title_zh_hans=f"海洋文章{number}")
    for page in ("3", "999", "-1"):
        response = client.get("/zh-hans/search/", {"q": "海洋", "page": page})
        assert response.context["page"].number == 2
        assert len(response.context["results"]) == 5
    assert client.get("/zh-hans/search/", {"q": "海洋", "page": "x"}).context["page"].number == 1


def test_the_pager_and_facets_keep_the_search_and_its_filters(client):
    for number in range(25):
        make_article(title_zh_hans=f"海洋 & 文章{number}")
    html = client.get("/zh-hans/search/", {"q": "海洋 &", "kind": "article"}).content.decode()
    assert 'href="?q=%E6%B5%B7%E6%B4%8B+%26&amp;kind=article&amp;page=2"' in html
    assert 'href="?q=%E6%B5%B7%E6%B4%8B+%26&amp;kind=article&amp;year=2019"' in html
    assert 'href="?q=%E6%B5%B7%E6%B4%8B+%26"' in html  # "All" types


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's")
def test_the_database_locale_lets_trigrams_see_chinese_characters():
    with connection.cursor() as cursor:
        cursor.execute("SELECT show_trgm('海洋金融')")
        (trigrams,) = cursor.fetchone()
    assert trigrams, (
        "pg_trgm finds no trigrams in Chinese text: the database's LC_CTYPE must classify "
        "CJK characters as letters (e.g. C.UTF-8 or a .UTF-8 locale, not C)"
    )


def test_a_nul_character_is_refused_clearly(client):
    response = client.get("/en/search/", {"q": "a\x00b"})
    assert response.status_code == 400
    assert "NUL character" in response.content.decode()


def test_the_migration_gives_existing_entries_their_title_bigrams():
    migration = importlib.import_module("alliance.migrations.0008_search_title_bigrams")
    make_article(title_zh_hans="海洋治理", title_en="Ocean Governance")
    make_person(name_zh_hans="埃里克·索尔海姆", name_en="")
    expected = dict(SearchEntry.objects.values_list("id", "title_bigrams"))
    SearchEntry.objects.update(title_bigrams="")

    migration.fill_title_bigrams(apps, None)

    assert dict(SearchEntry.objects.values_list("id", "title_bigrams")) == expected
    assert "海洋" in expected[SearchEntry.objects.get(kind="article").id].split()
    for text in ("Ocean Governance 海洋治理", "埃里克·索尔海姆 a_b 2019"):
        assert migration.bigrams(text) == search.bigrams(text)
