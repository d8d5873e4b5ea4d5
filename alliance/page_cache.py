"""Anonymous public pages, cached per address (and so per language) — never stale.

Any change to the content bumps a shared generation number, which is part of every cache key:
publishing, editing or unpublishing anything makes every cached page old at once. What changes
with time alone — a scheduled item's publication, an event passing from upcoming to past — is
covered by never keeping a page beyond the next such moment. The generation lives in the cache
itself (Redis when REDIS_URL is set), so every app server sees the same one.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db.models import Min
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
CHANGED_AT_KEY = "page-cache:changed-at"
NEXT_MOMENT_KEY = "page-cache:next-moment"


def page_cache_seconds():
    return getattr(settings, "PAGE_CACHE_SECONDS", 0)


def content_changed():
    """Called on every change of content: every cached page is old from now on."""
    try:
        cache.set_many({GENERATION_KEY: time.time_ns(), CHANGED_AT_KEY: time.time()}, timeout=None)
        cache.delete(NEXT_MOMENT_KEY)
    except Exception:
        # An editor's save must not fail for the cache; its pages expire within
        # PAGE_CACHE_SECONDS in any case.
        logger.exception("Could not mark the cached pages as old")


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        # Unknown (a new or flushed cache): start a generation no old key can carry.
        value = time.time_ns()
        cache.add(GENERATION_KEY, value, timeout=None)
        value = cache.get(GENERATION_KEY, value)
    return value


def next_moment():
    """The next time at which pages change by themselves, as a timestamp (or None)."""
    cached = cache.get(NEXT_MOMENT_KEY)
    if cached is not None:
        return cached or None
    from alliance.models import Report
    from events.models import Event
    from newsletters.models import Issue

    now = timezone.now()
    moments = [
        Issue.objects.filter(published_at__gt=now).aggregate(m=Min("published_at"))["m"],
        Report.objects.filter(published_at__gt=now).aggregate(m=Min("published_at"))["m"],
        Event.objects.filter(published_at__gt=now).aggregate(m=Min("published_at"))["m"],
        Event.objects.filter(ends_at__gt=now).aggregate(m=Min("ends_at"))["m"],
    ]
    future = [moment.timestamp() for moment in moments if moment]
    value = min(future) if future else 0
    cache.set(NEXT_MOMENT_KEY, value, timeout=page_cache_seconds() or None)
    return value or None


class CacheUnavailable(Exception):
    """The cache cannot be reached: pages are served fresh until it returns."""


def cache_key(request):
    return f"page:{generation()}:{request.get_full_path()}"


class PublicPageCacheMiddleware:
    """Serves anonymous GETs of public pages from the cache; staff are never served from it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.serve(request)
        except CacheUnavailable:
            return self.get_response(request)

    def serve(self, request):
        cacheable = self.is_cacheable_request(request)
        if cacheable:
            try:
                key = cache_key(request)
                cached = cache.get(key)
            except Exception as error:
                raise CacheUnavailable from error
            if cached is not None:
                return cached
        response = self.get_response(request)
        try:
            self.store(request, response, cacheable and key)
        except Exception:
            logger.exception("The page cache could not be written")
        return response

    def store(self, request, response, key):
        if key and self.is_cacheable_response(response):
            changed_at = cache.get(CHANGED_AT_KEY)
            if changed_at and "Last-Modified" not in response:
                response["Last-Modified"] = http_date(changed_at)
            patch_cache_control(response, no_cache=True, public=True)
            timeout = page_cache_seconds()
            moment = next_moment()
            if moment:
                timeout = min(timeout, max(0, int(moment - time.time())))
            if timeout > 0:
                cache.set(key, response, timeout)
        elif request.COOKIES.get(settings.SESSION_COOKIE_NAME):
            patch_cache_control(response, private=True)

    @staticmethod
    def is_cacheable_request(request):
        return (
            page_cache_seconds() > 0
            and request.method == "GET"
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "preview" not in request.GET
            and not request.path.startswith(("/admin", "/zh-hans/admin", "/en/admin", "/health"))
        )

    @staticmethod
    def is_cacheable_response(response):
        return (
            response.status_code == 200
            and not response.cookies
            and not response.streaming
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
        )
