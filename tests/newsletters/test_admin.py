import pytest
from django.test import Client
from django.urls import reverse

from alliance.publishing import Status
from newsletters.models import Article, Issue, Quote
from tests.factories import make_article, make_issue, make_person, make_section

pytestmark = pytest.mark.django_db


def management_form(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_an_editor_composes_translates_previews_and_publishes_an_issue(staff_client):
    visitor = Client()
    section = make_section()
    person = make_person(name_zh_hans="索尔海姆", name_en="Erik Solheim")

    # The issue, with two articles ordered from the issue's page.
    response = staff_client.post(
        reverse("admin:newsletters_issue_add"),
        {
            "number": "12",
            "date": "2020-01-31",
            "title_zh_hans": "海洋专题",
            "title_en": "The ocean issue",
            "summary_zh_hans": "本期聚焦海洋。",
            "status": Status.DRAFT,
            **management_form("articles", 2),
            "articles-0-position": "2",
            "articles-0-title_zh_hans": "第二篇",
            "articles-0-section": section.pk,
            "articles-0-slug": "second",
            "articles-0-status": Status.DRAFT,
            "articles-1-position": "1",
            "articles-1-title_zh_hans": "第一篇",
            "articles-1-section": section.pk,
            "articles-1-slug": "first",
            "articles-1-status": Status.DRAFT,
        },
    )
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    issue = Issue.objects.get(number=12)
    assert [a.slug for a in issue.articles.in_order()] == ["first", "second"]

    # The article's text, a quote and its translation.
    article = issue.articles.get(slug="first")
    response = staff_client.post(
        reverse("admin:newsletters_article_change", args=[article.pk]),
        {
            "issue": issue.pk,
            "section": section.pk,
            "position": "1",
            "title_zh_hans": "第一篇",
            "title_en": "The first article",
            "slug": "first",
            "body_zh_hans": "<p>正文</p><script>alert(1)</script>",
            "body_en": "<p>The text</p>",
            "status": Status.DRAFT,
            **management_form("quotes", 1),
            "quotes-0-person": person.pk,
            "quotes-0-title_zh_hans": "联盟咨询委员会主任委员",
            "quotes-0-title_en": "Chair of the Advisory Committee",
            "quotes-0-text_zh_hans": "绿色是底色。",
            "quotes-0-text_en": "Green is the base colour.",
            "quotes-0-position": "1",
        },
    )
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    article.refresh_from_db()
    assert article.body_zh_hans == "<p>正文</p>"
    assert Quote.objects.get().person == person

    # Staff preview it; the public cannot see it yet.
    assert staff_client.get(article.get_absolute_url()).status_code == 200
    assert visitor.get(article.get_absolute_url()).status_code == 404

    # Publish the issue with its articles.
    response = staff_client.post(
        reverse("admin:newsletters_issue_changelist"),
        {"action": "publish_now", "_selected_action": [issue.pk]},
    )
    assert response.status_code == 302
    assert visitor.get(issue.get_absolute_url()).status_code == 200
    english = visitor.get(article.get_absolute_url().replace("/zh-hans/", "/en/"))
    assert "The first article" in english.content.decode()
    assert "Green is the base colour." in english.content.decode()
    assert Article.objects.published().count() == 2


def test_editors_can_filter_articles_missing_english(staff_client):
    make_article(title_zh_hans="已翻译", title_en="Translated", body_en="<p>Body</p>")
    make_article(title_zh_hans="待翻译", title_en="")
    url = reverse("admin:newsletters_article_changelist")

    html = staff_client.get(url + "?english=missing").content.decode()

    assert "待翻译" in html and "已翻译" not in html


def test_editors_filter_articles_by_issue_section_and_status(staff_client):
    issue = make_issue()
    make_article(issue=issue, title_zh_hans="本期文章")
    make_article(title_zh_hans="别期文章")
    url = reverse("admin:newsletters_article_changelist")

    html = staff_client.get(url, {"issue__id__exact": issue.pk}).content.decode()

    assert "本期文章" in html and "别期文章" not in html


def test_person_autocomplete_finds_speakers_by_chinese_name(staff_client):
    make_person(name_zh_hans="索尔海姆", name_en="Erik Solheim")
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {"term": "索尔", "app_label": "newsletters", "model_name": "quote", "field_name": "person"},
    )
    assert response.status_code == 200
    assert [result["text"] for result in response.json()["results"]] == ["索尔海姆"]
