"""Error pages in the site's own layout, in the visitor's language."""

from django.shortcuts import render


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without a request context: the database or a context processor may be what failed.
    return render(request, "500.html", status=500, using=None)
