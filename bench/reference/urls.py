from django.http import HttpResponse
from django.urls import path

BODY = b"<!doctype html><title>Reference</title><p>The same bytes, every time.</p>\n"


def constant(request):
    return HttpResponse(BODY, content_type="text/html; charset=utf-8")


urlpatterns = [path("", constant)]
