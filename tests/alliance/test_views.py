import datetime
import re

import pytest
from django.utils import timezone, translation

from alliance.models import Report, WorkPlanItem
from tests.factories import (
    make_article,
    make_convenor,
    make_event,
    make_issue,
    make_organisation,
    make_partnership,
    make_person,
    make_quote,
    make_report,
)

pytestmark = pytest.mark.django_db


def test_root_redirects_to_the_visitors_language(client):
    assert client.get("/")["Location"] == "/zh-hans/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en")["Location"] == "/en/"


def test_home_shows_latest_issue_contents_upcoming_events_and_reports(client):
    make_issue(date=datetime.date(2019, 5, 31), title_zh_hans="旧刊")
    latest = make_issue(date=datetime.date(2019, 12, 31), title_zh_hans="新刊")
    make_article(issue=latest, title_zh_hans="新刊文章")
    make_issue(date=datetime.date(2020, 1, 31), title_zh_hans="未发布刊", published=False)
    make_event(title_zh_hans="将来的会议")
    make_event(
        title_zh_hans="过去的会议",
        start_date=datetime.date(2019, 1, 1),
        end_date=datetime.date(2019, 1, 2),
    )
    make_report(title_zh_hans="已发布报告", progress=Report.Progress.PUBLISHED)

    html = client.get("/zh-hans/").content.decode()

    assert "新刊" in html and "新刊文章" in html and "旧刊" in html
    assert "未发布刊" not in html
    assert "将来的会议" in html and "过去的会议" not in html
    assert "已发布报告" in html


def test_home_without_content_still_answers(client):
    assert client.get("/en/").status_code == 200


def test_home_query_count_does_not_grow(client, django_assert_num_queries):
    issue = make_issue()
    make_article(issue=issue)
    make_event()
    make_report()
    with django_assert_num_queries(5):
        client.get("/zh-hans/")
    for _ in range(5):
        make_article(issue=issue)
        make_event().partnerships.add(make_partnership())
        make_report()
        make_issue()
    with django_assert_num_queries(5):
        client.get("/zh-hans/")


def test_speaker_page_lists_every_quote_with_the_title_held_then(client):
    person = make_person(name_zh_hans="索尔海姆", name_en="Erik Solheim", slug="erik-solheim")
    early = make_article(issue=make_issue(date=datetime.date(2019, 5, 31)))
    late = make_article(issue=make_issue(date=datetime.date(2019, 12, 31)))
    make_quote(
        article=early, person=person, title_zh_hans="联合国环境署执行主任", text_zh_hans="早"
    )
    make_quote(
        article=late, person=person, title_zh_hans="世界资源研究所高级顾问", text_zh_hans="晚"
    )
    make_quote(
        article=make_article(issue=make_issue(published=False)), person=person, text_zh_hans="未发"
    )

    html = client.get("/zh-hans/speakers/erik-solheim/").content.decode()

    assert "联合国环境署执行主任" in html and "世界资源研究所高级顾问" in html
    assert html.index("晚") < html.index("早")
    assert "未发" not in html
    assert late.get_absolute_url() in html


def test_speakers_quoted_only_in_drafts_are_not_public(client):
    person = make_person(slug="quoted-in-drafts-only")
    make_quote(person=person, article=make_article(published=False))
    assert client.get("/zh-hans/speakers/quoted-in-drafts-only/").status_code == 404
    assert "quoted-in-drafts-only" not in client.get("/zh-hans/speakers/").content.decode()


def test_speaker_index_counts_published_quotes(client):
    person = make_person(name_zh_hans="李干杰")
    make_quote(person=person)
    make_quote(person=person)
    make_quote(person=person, article=make_article(published=False))
    response = client.get("/zh-hans/speakers/")
    assert [(s.name, s.quote_count) for s in response.context["speakers"]] == [("李干杰", 2)]


def test_speaker_pages_query_count_does_not_grow(client, django_assert_num_queries):
    person = make_person(slug="li-ganjie")
    make_quote(person=person)
    with django_assert_num_queries(3):
        client.get("/zh-hans/speakers/li-ganjie/")
    with django_assert_num_queries(1):
        client.get("/zh-hans/speakers/")
    for _ in range(24):
        make_quote(person=person)
        make_quote()
    with django_assert_num_queries(3):
        client.get("/zh-hans/speakers/li-ganjie/")
    with django_assert_num_queries(1):
        client.get("/zh-hans/speakers/")


def pager_links(html):
    return re.findall(r'<a rel="(prev|next)" href="([^"]*)"', html)


def test_a_speakers_quotes_come_twenty_to_a_page(client):
    person = make_person(slug="erik-solheim")
    issue = make_issue()
    for n in range(25):
        make_quote(person=person, article=make_article(issue=issue), text_zh_hans=f"引语{n:02}")
    first = client.get("/zh-hans/speakers/erik-solheim/").content.decode()
    assert first.count('<figure class="quote">') == 20
    assert pager_links(first) == [("next", "/zh-hans/speakers/erik-solheim/?page=2")]
    assert "第 1 页，共 2 页" in first
    second = client.get("/zh-hans/speakers/erik-solheim/?page=2").content.decode()
    assert second.count('<figure class="quote">') == 5
    assert pager_links(second) == [("prev", "/zh-hans/speakers/erik-solheim/")]
    shown = {text for html in (first, second) for text in re.findall(r"引语\d\d", html)}
    assert len(shown) == 25  # every quote, once


@pytest.mark.parametrize(
    "page, quotes",
    [("abc", 20), ("2.5", 20), ("", 20), ("0", 5), ("-1", 5), ("99999999999999999999", 5)],
)
def test_a_page_number_that_is_not_one_shows_a_page_all_the_same(client, page, quotes):
    person = make_person(slug="erik-solheim")
    for _ in range(25):
        make_quote(person=person)
    response = client.get(f"/zh-hans/speakers/erik-solheim/?page={page}")
    assert response.status_code == 200
    assert response.content.decode().count('<figure class="quote">') == quotes


def test_the_reports_come_twenty_to_a_page(client):
    for n in range(21):
        make_report(title_zh_hans=f"报告标题{n:02}")
    first = client.get("/zh-hans/reports/").content.decode()
    second = client.get("/zh-hans/reports/?page=2").content.decode()
    assert first.count('class="report-item"') == 20 and second.count('class="report-item"') == 1
    assert pager_links(first) == [("next", "/zh-hans/reports/?page=2")]
    assert pager_links(second) == [("prev", "/zh-hans/reports/")]


def test_reports_index_and_page(client):
    lead = make_person(name_zh_hans="斯蒂尔")
    report = make_report(
        title_zh_hans="绿色供应链指数报告",
        research_team_zh_hans="由联盟联合主席斯蒂尔牵头",
        lead=lead,
        planned_on=datetime.date(2020, 4, 30),
    )
    draft = make_report(title_zh_hans="草稿报告", published=False)

    index = client.get("/zh-hans/reports/").content.decode()
    assert "绿色供应链指数报告" in index and "草稿报告" not in index
    page = client.get(report.get_absolute_url()).content.decode()
    assert "由联盟联合主席斯蒂尔牵头" in page and "斯蒂尔" in page
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_english_falls_back_to_chinese_visibly(client):
    article = make_article(title_zh_hans="只有中文", title_en="", body_zh_hans="<p>中文正文</p>")
    with translation.override("en"):
        url = article.get_absolute_url()
    html = client.get(url).content.decode()
    assert url.startswith("/en/")
    assert "只有中文" in html and "中文正文" in html
    assert "has not been translated into English yet" in html
    assert 'lang="zh-hans"' in html


def test_translated_article_has_no_fallback_note(client):
    article = make_article(title_en="Translated", body_en="<p>English body</p>")
    html = client.get(article.get_absolute_url().replace("/zh-hans/", "/en/")).content.decode()
    assert "English body" in html and "fallback-note" not in html


def test_language_switcher_links_to_the_same_page(client):
    article = make_article()
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'href="{article.get_absolute_url().replace("/zh-hans/", "/en/")}"' in html


def test_every_public_page_answers_in_both_languages(client):
    partnership = make_partnership()
    article = make_article()
    article.partnerships.add(partnership)
    quote = make_quote(article=article)
    event = make_event()
    report = make_report()
    urls = [
        "/",
        "/archive/",
        f"/archive/{article.issue.date.year}/",
        article.issue.get_absolute_url(),
        article.get_absolute_url(),
        "/speakers/",
        quote.person.get_absolute_url(),
        "/partnerships/",
        partnership.get_absolute_url(),
        "/reports/",
        report.get_absolute_url(),
        "/events/",
        event.get_absolute_url(),
    ]
    for language in ("zh-hans", "en"):
        for url in urls:
            url = (
                f"/{language}/" + url.split("/", 2)[-1]
                if url.startswith("/zh-hans/")
                else (f"/{language}{url}")
            )
            response = client.get(url)
            assert response.status_code == 200, url
            assert f'<html lang="{language}">' in response.content.decode(), url


def test_unknown_slugs_are_404(client):
    for url in (
        "/zh-hans/speakers/nobody/",
        "/zh-hans/reports/nothing/",
        "/zh-hans/partnerships/nothing/",
        "/zh-hans/events/nothing/",
        "/en/speakers/%E2%80%AE/",
    ):
        assert client.get(url).status_code == 404, url


def test_future_reports_are_hidden(client):
    report = make_report(published_at=timezone.now() + datetime.timedelta(days=1))
    assert client.get(report.get_absolute_url()).status_code == 404


def test_work_plan_lists_activities_by_area_with_deadlines(client):
    WorkPlanItem.objects.create(
        area_zh_hans="联盟核心活动",
        activity_zh_hans="举办圆桌会",
        deadline_zh_hans="2019年9月24日",
        due_on=datetime.date(2019, 9, 24),
        position=1,
    )
    WorkPlanItem.objects.create(
        area_zh_hans="联盟研究报告",
        activity_zh_hans="编写旗舰报告",
        deadline_zh_hans="2021年4月完成",
        position=2,
    )
    html = client.get("/zh-hans/work-plan/").content.decode()
    assert html.index("联盟核心活动") < html.index("举办圆桌会") < html.index("联盟研究报告")
    assert "2021年4月完成" in html and 'datetime="2019-09-24"' in html


def test_organisation_page_gathers_what_it_does(client):
    wri = make_organisation(slug="wri", name_zh_hans="世界资源研究所", acronym="WRI")
    make_convenor(partnership=make_partnership(name_zh_hans="绿色城市"), organisation=wri)
    make_event(title_zh_hans="圆桌会").organisers.add(wri)
    make_event(title_zh_hans="草稿会议", published=False).organisers.add(wri)
    make_report(title_zh_hans="供应链报告").research_organisations.add(wri)
    make_article(title_zh_hans="供稿文章", contributed_by=wri)

    html = client.get("/zh-hans/organisations/wri/").content.decode()

    for text in ("世界资源研究所", "绿色城市", "圆桌会", "供应链报告", "供稿文章"):
        assert text in html, text
    assert "草稿会议" not in html
    assert "/zh-hans/events/organisers/wri/calendar.ics" in html
    assert client.get("/zh-hans/organisations/nobody/").status_code == 404
