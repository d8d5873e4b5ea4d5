"""Cached pages, on real Redis: fast for anonymous readers, never stale, never for staff."""

import datetime
import gzip
import time

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.utils import timezone

from alliance import page_cache, workflow
from alliance.publishing import Status
from newsletters import services
from newsletters.models import Article
from tests.factories import make_article, make_event, make_issue

pytestmark = pytest.mark.django_db

REDIS_DB = 14


@pytest.fixture(autouse=True)
def redis_page_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:6379/{REDIS_DB}",
        }
    }
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def test_an_anonymous_page_is_served_from_the_cache_the_second_time(
    client, django_assert_num_queries
):
    article = make_article()
    first = client.get(article.get_absolute_url())
    with django_assert_num_queries(0):
        second = client.get(article.get_absolute_url())
    assert second.content == first.content
    assert "no-cache" in second["Cache-Control"] and "public" in second["Cache-Control"]


def test_each_language_has_its_own_cached_page(client):
    article = make_article(title_zh_hans="中文标题", title_en="English title")
    client.get(article.get_absolute_url())
    english = client.get(article.get_absolute_url().replace("/zh-hans/", "/en/"))
    assert "English title" in english.content.decode()


def test_publishing_shows_at_once(client):
    issue = make_issue(published=False, title_zh_hans="新的一期")
    make_article(issue=issue, published=False)
    assert "新的一期" not in client.get("/zh-hans/").content.decode()
    services.publish_issue(issue=issue)
    assert "新的一期" in client.get("/zh-hans/").content.decode()


def test_an_edit_shows_at_once(client):
    article = make_article(title_zh_hans="旧标题")
    client.get(article.get_absolute_url())
    article.title_zh_hans = "新标题"
    article.save()
    assert "新标题" in client.get(article.get_absolute_url()).content.decode()


def test_unpublishing_hides_at_once(client, django_user_model):
    article = make_article()
    assert client.get(article.get_absolute_url()).status_code == 200
    managing = django_user_model.objects.create_superuser("me", "", "pw")
    workflow.return_to_draft(obj=article.issue, user=managing)
    assert client.get(article.get_absolute_url()).status_code == 404


def test_a_change_to_a_related_record_shows_at_once(client):
    article = make_article()
    event = make_event(title_zh_hans="旧的会议名称")
    client.get("/zh-hans/")
    event.title_zh_hans = "新的会议名称"
    event.save()
    assert "新的会议名称" in client.get("/zh-hans/").content.decode()
    client.get(article.issue.get_absolute_url())
    article.title_zh_hans = "改名的文章"
    article.save()
    assert "改名的文章" in client.get(article.issue.get_absolute_url()).content.decode()


def test_a_scheduled_issue_appears_at_its_time_even_with_pages_cached(client):
    issue = make_issue(
        published_at=timezone.now() + datetime.timedelta(seconds=2), title_zh_hans="定时的一期"
    )
    make_article(issue=issue)
    assert "定时的一期" not in client.get("/zh-hans/").content.decode()
    time.sleep(2.2)
    assert "定时的一期" in client.get("/zh-hans/").content.decode()


def test_staff_are_never_served_cached_pages(client, staff_client):
    anonymous = Client()
    article = make_article(issue=make_issue(published=False), published=False)
    public = make_article()
    anonymous.get(public.get_absolute_url())
    response = staff_client.get(public.get_absolute_url())
    assert "private" in response["Cache-Control"]
    assert staff_client.get(article.get_absolute_url()).status_code == 200
    assert anonymous.get(article.get_absolute_url()).status_code == 404


def test_pages_answer_conditional_requests(client):
    article = make_article()
    first = client.get(article.get_absolute_url())
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert (
        client.get(article.get_absolute_url(), HTTP_IF_MODIFIED_SINCE=last_modified).status_code
        == 304
    )
    time.sleep(1)
    article.title_zh_hans = "改过"
    article.save()
    assert client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_cache_outage_does_not_break_pages_or_saves(client):
    nowhere = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    with override_settings(CACHES=nowhere):
        article = make_article()
        article.title_zh_hans = "缓存不可用时的修改"
        article.save()
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200 and "缓存不可用时的修改" in response.content.decode()


def test_a_status_change_clears_the_cache(client):
    article = make_article()
    client.get(article.get_absolute_url())
    issue = article.issue
    issue.status = Status.DRAFT
    issue.save()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_a_cached_page_keeps_every_header_the_site_sends(client):
    article = make_article()
    first = client.get(article.get_absolute_url())
    second = client.get(article.get_absolute_url())
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "ETag"):
        assert second[header] == first[header]


def test_a_page_another_worker_stored_is_served_from_the_shared_cache(
    client, django_assert_num_queries
):
    article = make_article()
    first = client.get(article.get_absolute_url())
    page_cache.local_pages.clear()  # as in a worker that has not served the page yet
    with django_assert_num_queries(0):
        second = client.get(article.get_absolute_url())
    assert second.content == first.content


def test_a_page_kept_by_a_worker_is_not_served_after_a_change_elsewhere(client):
    article = make_article(title_zh_hans="旧标题")
    client.get(article.get_absolute_url())
    # Another app server saves: only the shared generation changes, this worker's copy stays.
    Article.objects.filter(pk=article.pk).update(title_zh_hans="别处改的标题")
    page_cache.content_changed()
    assert "别处改的标题" in client.get(article.get_absolute_url()).content.decode()


def test_each_host_has_its_own_cached_page(client, settings):
    settings.ALLOWED_HOSTS = ["observer.example", "mirror.example"]
    article = make_article()
    client.get(article.get_absolute_url(), HTTP_HOST="observer.example")
    other = client.get(article.get_absolute_url(), HTTP_HOST="mirror.example")
    assert 'rel="canonical" href="http://mirror.example/' in other.content.decode()
    assert client.get(article.get_absolute_url(), HTTP_HOST="evil.example").status_code == 400


def test_compressed_and_plain_pages_are_cached_apart(client, django_assert_num_queries):
    """A client that does not accept gzip is never sent the compressed copy another got."""
    article = make_article()
    url = article.get_absolute_url()
    compressed = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    plain = client.get(url)
    with django_assert_num_queries(0):
        compressed_again = client.get(url, HTTP_ACCEPT_ENCODING="gzip, br")
        plain_again = client.get(url, HTTP_ACCEPT_ENCODING="identity")
    assert compressed_again["Content-Encoding"] == "gzip"
    assert compressed_again.content == compressed.content
    assert "Content-Encoding" not in plain_again
    assert plain_again.content == plain.content == gzip.decompress(compressed.content)
