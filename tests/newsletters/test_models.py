import datetime

import pytest
from django.utils import timezone

from alliance import workflow
from alliance.publishing import Status
from newsletters import services
from newsletters.models import Article, Issue, Quote
from tests.factories import make_article, make_issue, make_quote

pytestmark = pytest.mark.django_db


def test_published_issues_are_those_published_and_due():
    """Past and present publication times are visible; future ones and drafts are not."""
    now = timezone.now()
    past = make_issue(published_at=now - datetime.timedelta(days=1))
    present = make_issue(published_at=now - datetime.timedelta(seconds=1))
    make_issue(published_at=now + datetime.timedelta(minutes=1))
    make_issue(published=False)
    make_issue(status=Status.DRAFT, published_at=now - datetime.timedelta(days=1))

    assert set(Issue.objects.published()) == {past, present}


def test_a_scheduled_issue_appears_on_its_own_when_its_time_comes():
    issue = make_issue(published_at=timezone.now() + datetime.timedelta(hours=1))
    assert not Issue.objects.published().exists()

    Issue.objects.filter(pk=issue.pk).update(published_at=timezone.now())

    assert list(Issue.objects.published()) == [issue]


def test_publishing_without_a_date_publishes_now():
    issue = make_issue(published=False)
    issue.status = Status.PUBLISHED
    issue.save()
    assert issue.published_at is not None
    assert issue.is_published


def test_an_article_is_public_only_with_its_issue():
    public = make_article(issue=make_issue())
    make_article(issue=make_issue(published=False))
    make_article(issue=make_issue(published_at=timezone.now() + datetime.timedelta(days=3)))
    make_article(issue=public.issue, published=False)

    assert list(Article.objects.published()) == [public]


def test_quotes_are_public_with_their_article():
    public = make_quote()
    make_quote(article=make_article(published=False))
    make_quote(article=make_article(issue=make_issue(published=False)))

    assert list(Quote.objects.published()) == [public]


def test_publish_issue_publishes_the_issue_with_all_its_articles():
    issue = make_issue(published=False)
    articles = [make_article(issue=issue, published=False) for _ in range(3)]

    services.publish_issue(issue=issue)

    assert issue.is_published
    assert set(Article.objects.published()) == set(articles)


def test_publish_issue_can_schedule():
    issue = make_issue(published=False)
    make_article(issue=issue, published=False)
    moment = timezone.now() + datetime.timedelta(days=2)

    services.publish_issue(issue=issue, at=moment)

    issue.refresh_from_db()
    assert issue.published_at == moment
    assert not Article.objects.published().exists()


def test_returning_an_issue_to_draft_hides_it_and_its_articles(django_user_model):
    managing_editor = django_user_model.objects.create_superuser("me", "", "pw")
    article = make_article()
    workflow.return_to_draft(obj=article.issue, user=managing_editor)
    assert not Issue.objects.published().exists()
    assert not Article.objects.published().exists()


def test_article_body_is_sanitised_on_save_in_both_languages():
    article = make_article(
        body_zh_hans='<p onclick="steal()">正文</p><script>alert(1)</script>'
        '<a href="javascript:alert(1)">链接</a><img src=x onerror=alert(1)>',
        body_en='<p style="color:red">Text</p><iframe src="https://evil.example"></iframe>',
    )
    article.refresh_from_db()

    assert "script" not in article.body_zh_hans
    assert "onclick" not in article.body_zh_hans
    assert "onerror" not in article.body_zh_hans
    assert "javascript:" not in article.body_zh_hans
    assert "<p>正文</p>" in article.body_zh_hans
    assert "style" not in article.body_en
    assert "iframe" not in article.body_en
    assert "<p>Text</p>" in article.body_en


def test_urls_are_readable_and_stable():
    article = make_article(issue=make_issue(number=7), slug="green-road-forum")
    assert article.issue.get_absolute_url() == "/zh-hans/issues/7/"
    assert article.get_absolute_url() == "/zh-hans/issues/7/green-road-forum/"


def test_strings_name_things():
    quote = make_quote()
    assert str(quote.article) == quote.article.title
    assert quote.person.name in str(quote)
    assert str(quote.article.issue.number) in str(quote.article.issue)
