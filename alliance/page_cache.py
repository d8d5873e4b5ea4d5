"""Anonymous public pages, cached per address (and so per language) — never stale.

Any change to the content bumps a shared generation number: publishing, editing or unpublishing
anything makes every cached page old at once. What changes with time alone — a scheduled item's
publication, an event passing from upcoming to past — is covered by never keeping a page beyond
the next such moment. The generation lives in the cache itself (Redis when REDIS_URL is set), so
every app server sees the same one.

A hit should cost little more than the bytes it sends, so the middleware sits first in the
stack and stores each page as it leaves the site, with every header the other middleware added
(security headers, CSP, its ETag) already in place. A hit is then one small read of the
generation, and the page's status, headers and body from the worker's own memory; only a page
this worker has not kept yet is read from the shared cache. The worker's copy is checked against
the shared generation on every request, so it is never older than the shared one.
"""

import hashlib
import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Min
from django.http import HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
CHANGED_AT_KEY = "page-cache:changed-at"
NEXT_MOMENT_KEY = "page-cache:next-moment"
# What each worker keeps of the pages it served, in bytes of body.
LOCAL_CACHE_BYTES = 32 * 1024 * 1024
# Never cached: the admin and the health check; see also uncached_paths().
UNCACHED_PATHS = ("/admin", "/zh-hans/admin", "/en/admin", "/health")


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


@dataclass(frozen=True)
class CachedPage:
    """A page as it left the site: what is needed to send it again, and to answer 304s."""

    generation: int
    expires_at: float
    status: int
    headers: tuple
    body: bytes

    def response(self, request):
        response = HttpResponse(self.body, status=self.status)
        for key, value in self.headers:
            response.headers[key] = value
        last_modified = response.get("Last-Modified")
        return get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=last_modified and parse_http_date_safe(last_modified),
            response=response,
        )


class LocalPages:
    """The pages one worker has served lately, least recently used first out, within a budget
    of bytes. Entries are checked against the shared generation before any use."""

    def __init__(self, budget):
        self.budget, self.size = budget, 0
        self.pages = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            page = self.pages.get(key)
            if page is not None:
                self.pages.move_to_end(key)
            return page

    def put(self, key, page):
        if len(page.body) > self.budget // 4:
            return
        with self.lock:
            old = self.pages.pop(key, None)
            if old is not None:
                self.size -= len(old.body)
            self.pages[key] = page
            self.size += len(page.body)
            while self.size > self.budget:
                _, dropped = self.pages.popitem(last=False)
                self.size -= len(dropped.body)

    def clear(self):
        with self.lock:
            self.pages.clear()
            self.size = 0


local_pages = LocalPages(LOCAL_CACHE_BYTES)


def uncached_paths():
    """The admin, the health check, and the static and media files, which WhiteNoise and the
    web server serve themselves."""
    files = tuple(url for url in (settings.STATIC_URL, settings.MEDIA_URL) if url.startswith("/"))
    return UNCACHED_PATHS + files


def cache_key(request):
    """One key per address as the reader asked for it: scheme, host (pages carry absolute
    links), path and query string; and per encoding, since a page is stored compressed for the
    clients that accept gzip and plain for the others."""
    encoding = (
        "gzip" if re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) else ""
    )
    address = f"{encoding} {request.scheme}://{request.get_host()}{request.get_full_path()}"
    return "page:" + hashlib.blake2b(address.encode(), digest_size=16).hexdigest()


class PublicPageCacheMiddleware:
    """Serves anonymous GETs of public pages from the cache; staff are never served from it.
    First in MIDDLEWARE, so that a page is stored with every header the site sends."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.is_cacheable_request(request):
            response = self.get_response(request)
            if request.COOKIES.get(settings.SESSION_COOKIE_NAME):
                patch_cache_control(response, private=True)
            return response
        key = cache_key(request)  # an unknown host is refused here, before any cache
        try:
            current = generation()
            page = local_pages.get(key)
            if page is None or page.generation != current:
                page = cache.get(key)
                if page is not None:
                    local_pages.put(key, page)
        except Exception:
            logger.warning("The page cache cannot be reached; serving the page fresh")
            return self.get_response(request)
        if page is not None and page.generation == current and page.expires_at > time.time():
            return page.response(request)
        response = self.get_response(request)
        if self.is_cacheable_response(response):
            try:
                self.store(key, current, response)
            except Exception:
                logger.exception("The page cache could not be written")
        return response

    def store(self, key, current, response):
        changed_at = cache.get(CHANGED_AT_KEY)
        if changed_at and "Last-Modified" not in response:
            response["Last-Modified"] = http_date(changed_at)
        patch_cache_control(response, no_cache=True, public=True)
        timeout = page_cache_seconds()
        moment = next_moment()
        if moment:
            timeout = min(timeout, max(0, int(moment - time.time())))
        if timeout <= 0:
            return
        page = CachedPage(
            generation=current,
            expires_at=time.time() + timeout,
            status=response.status_code,
            headers=tuple(response.headers.items()),
            body=response.content,
        )
        cache.set(key, page, timeout)
        local_pages.put(key, page)

    @staticmethod
    def is_cacheable_request(request):
        return (
            page_cache_seconds() > 0
            and request.method == "GET"
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "messages" not in request.COOKIES
            and "preview" not in request.GET
            and not request.path.startswith(uncached_paths())
            # Plain HTTP is sent to HTTPS by the security middleware further in.
            and (request.is_secure() or not settings.SECURE_SSL_REDIRECT)
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
