"""The site's own middleware: compressed text, a clear 503 when the database is out of reach,
and a clear 400 for NUL characters."""

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseBadRequest
from django.middleware.gzip import GZipMiddleware
from django.template.loader import render_to_string

RETRY_AFTER_SECONDS = 30
# Compressed when the client accepts it; images, fonts and archives are compressed already.
TEXT_TYPES = (
    "text/",
    "application/json",
    "application/ld+json",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/javascript",
    "image/svg+xml",
)


class CompressTextMiddleware(GZipMiddleware):
    """Pages, feeds and calendars gzipped for the clients that ask (every browser and calendar
    client does): a page is sent at a quarter to a fifth of its size, the ICS feed at 75 kB
    instead of 320 kB. The page cache is above this middleware, so that a cached page is
    compressed once, when it is stored. Django's GZipMiddleware pads the compressed body with
    random bytes against BREACH."""

    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith(TEXT_TYPES):
            return response
        return super().process_response(request, response)


class DatabaseUnavailableMiddleware:
    """Answers 503 with Retry-After when the database cannot be reached.

    The connection is checked again on the next request (CONN_HEALTH_CHECKS), so the site
    recovers by itself when the database returns.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        except (OperationalError, InterfaceError) as error:
            return self.unavailable(error)

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)):
            return self.unavailable(exception)
        return None

    def unavailable(self, error):
        # Rendered without the request: no context processor may touch the database.
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response


class RejectNulCharactersMiddleware:
    """A NUL character is never meaningful in a query string or a form, and PostgreSQL refuses
    it in text: such a request gets a clear 400 instead of reaching a query. (In the path, no
    URL pattern accepts one: that is the site's 404.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        values = list(request.GET.keys())
        values += [value for values_ in request.GET.lists() for value in values_[1]]
        if request.method == "POST" and request.content_type != "multipart/form-data":
            values += [value for values_ in request.POST.lists() for value in values_[1]]
        if any("\x00" in value for value in values):
            return HttpResponseBadRequest(
                "The request contains a NUL character, which no page accepts.",
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
