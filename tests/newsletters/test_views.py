import datetime

import pytest
from django.utils import timezone

from tests.factories import (
    make_article,
    make_issue,
    make_organisation,
    make_partnership,
    make_person,
    make_quote,
    make_section,
)

pytestmark = pytest.mark.django_db


def grow_archive(issues=3, articles=4):
    """More issues, articles, quotes and partnerships: page query counts must not change."""
    partnership = make_partnership()
    for _ in range(issues):
        issue = make_issue()
        for _ in range(articles):
            article = make_article(issue=issue)
            article.partnerships.add(partnership)
            make_quote(article=article)


def test_issue_page_lists_contents_grouped_by_section_in_order(client):
    issue = make_issue()
    news, events = make_section(name_zh_hans="联盟动态"), make_section(name_zh_hans="活动预告")
    make_article(issue=issue, section=events, position=1, title_zh_hans="预告一")
    make_article(issue=issue, section=news, position=2, title_zh_hans="动态一")
    make_article(issue=issue, section=news, position=3, title_zh_hans="动态二")
    make_article(issue=issue, section=news, position=4, title_zh_hans="草稿", published=False)

    response = client.get(issue.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("活动预告") < html.index("预告一") < html.index("联盟动态")
    assert html.index("联盟动态") < html.index("动态一") < html.index("动态二")
    assert "草稿" not in html


def test_article_page_shows_body_quotes_source_partnerships_and_neighbours(client):
    issue = make_issue()
    first = make_article(issue=issue, position=1, title_zh_hans="第一篇")
    partnership = make_partnership(name_zh_hans="绿色金融与投资")
    article = make_article(
        issue=issue,
        position=2,
        title_zh_hans="第二篇",
        body_zh_hans="<p>正文段落</p>",
        reprinted_from_zh_hans="新华网",
    )
    article.partnerships.add(partnership)
    last = make_article(issue=issue, position=3, title_zh_hans="第三篇")
    person = make_person(name_zh_hans="索尔海姆", slug="erik-solheim")
    make_quote(
        article=article,
        person=person,
        title_zh_hans="联合国环境署执行主任",
        text_zh_hans="绿色之路",
    )

    response = client.get(article.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "<p>正文段落</p>" in html
    assert "绿色之路" in html and "联合国环境署执行主任" in html
    assert 'href="/zh-hans/speakers/erik-solheim/"' in html
    assert "新华网" in html
    assert partnership.get_absolute_url() in html
    assert first.get_absolute_url() in html and last.get_absolute_url() in html
    assert response.context["previous_article"] == first
    assert response.context["next_article"] == last


def test_contributed_article_names_its_partnership(client):
    partnership = make_partnership(name_zh_hans="可持续交通")
    article = make_article(contributing_partnership=partnership)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "供稿" in html and "可持续交通" in html


def test_drafts_and_scheduled_issues_are_404_to_the_public(client):
    draft = make_article(issue=make_issue(published=False))
    scheduled = make_article(
        issue=make_issue(published_at=timezone.now() + datetime.timedelta(days=1))
    )
    draft_in_published_issue = make_article(published=False)

    for article in (draft, scheduled, draft_in_published_issue):
        assert client.get(article.get_absolute_url()).status_code == 404
    for issue in (draft.issue, scheduled.issue):
        assert client.get(issue.get_absolute_url()).status_code == 404


def test_staff_preview_drafts_marked_and_uncached(staff_client):
    article = make_article(issue=make_issue(published=False), published=False)

    for url in (article.issue.get_absolute_url(), article.get_absolute_url()):
        response = staff_client.get(url)
        assert response.status_code == 200
        assert "Preview" in response.content.decode() or "预览" in response.content.decode()
        assert "no-cache" in response["Cache-Control"]


def test_published_pages_have_no_preview_banner(client):
    article = make_article()
    response = client.get(article.get_absolute_url())
    assert response.context["is_preview"] is False
    assert "preview-banner" not in response.content.decode()


def test_archive_groups_issues_by_year(client):
    make_issue(date=datetime.date(2019, 5, 31), title_zh_hans="五月刊")
    make_issue(date=datetime.date(2020, 1, 31), title_zh_hans="一月刊")
    make_issue(date=datetime.date(2020, 2, 29), title_zh_hans="草稿刊", published=False)

    html = client.get("/zh-hans/archive/").content.decode()
    assert "五月刊" in html and "一月刊" in html and "草稿刊" not in html
    assert html.index("2020") < html.index("2019")

    year = client.get("/zh-hans/archive/2019/").content.decode()
    assert "五月刊" in year and "一月刊" not in year


@pytest.mark.parametrize(
    "url",
    [
        "/zh-hans/issues/999999/",
        "/zh-hans/issues/99999999999999999999999/",
        "/zh-hans/issues/-1/",
        "/zh-hans/issues/abc/",
        "/zh-hans/issues/1/no-such-article/",
        "/zh-hans/issues/1/%00/",
        "/zh-hans/archive/0000/",
        "/zh-hans/archive/1850/",
        "/zh-hans/archive/20190/",
        "/fr/issues/1/",
        "/xx-yy/",
        "/zh-hans/issues/1/slug/extra/",
    ],
)
def test_nonsense_urls_get_the_sites_404_page(client, url):
    make_article(issue=make_issue(number=1))
    response = client.get(url)
    assert response.status_code == 404
    assert "site-header" in response.content.decode()


def test_issue_page_query_count_does_not_grow(client, django_assert_num_queries):
    issue = make_issue()
    for _ in range(3):
        make_article(issue=issue).partnerships.add(make_partnership())
    with django_assert_num_queries(2):
        client.get(issue.get_absolute_url())
    grow_archive()
    for _ in range(5):
        make_article(issue=issue).partnerships.add(make_partnership())
    with django_assert_num_queries(2):
        client.get(issue.get_absolute_url())


def test_article_page_query_count_does_not_grow(client, django_assert_num_queries):
    issue = make_issue()
    article = make_article(issue=issue, position=2)
    make_article(issue=issue, position=1)
    make_quote(article=article)
    article.partnerships.add(make_partnership())
    article.contributed_by = make_organisation()
    article.save()
    with django_assert_num_queries(5):
        client.get(article.get_absolute_url())
    grow_archive()
    for _ in range(4):
        make_quote(article=article)
        make_article(issue=issue)
        article.partnerships.add(make_partnership())
    with django_assert_num_queries(5):
        client.get(article.get_absolute_url())


def test_archive_query_count_does_not_grow(client, django_assert_num_queries):
    make_issue()
    with django_assert_num_queries(2):
        client.get("/zh-hans/archive/")
    grow_archive(issues=6, articles=1)
    with django_assert_num_queries(2):
        client.get("/zh-hans/archive/")


def test_the_page_description_is_the_text_a_reader_sees(client):
    article = make_article(lead_zh_hans="", body_zh_hans="<p>绿色 &amp; 低碳 <b>发展</b></p>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<meta name="description" content="绿色 &amp; 低碳 发展">' in html
