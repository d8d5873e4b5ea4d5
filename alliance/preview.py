"""Staff preview: staff see drafts and scheduled items on the site, marked and never cached."""

import datetime

from django.core import signing
from django.http import Http404
from django.utils.cache import add_never_cache_headers


def can_preview(request):
    return request.user.is_authenticated and request.user.is_staff


class PreviewMixin:
    """Shows the public only published() records; staff, and holders of a signed preview
    link, also see what is not yet published."""

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset if can_preview(self.request) else queryset.published()

    def get_object(self, queryset=None):
        try:
            return self.find_object(queryset if queryset is not None else self.get_queryset())
        except Http404:
            token = self.request.GET.get("preview")
            if not token:
                raise
        obj = self.find_object(self.unrestricted_queryset())
        if not token_grants(token, obj):
            raise Http404
        self.shared_preview = True
        return obj

    def find_object(self, queryset):
        """The object the URL names, in the queryset given."""
        return super().get_object(queryset)

    def unrestricted_queryset(self):
        return super().get_queryset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = context.get("object")
        context["is_preview"] = obj is not None and not obj.is_published
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if can_preview(self.request) or getattr(self, "shared_preview", False):
            add_never_cache_headers(response)
            response["X-Robots-Tag"] = "noindex"
        return response


PREVIEW_SALT = "alliance.preview"
PREVIEW_MAX_AGE = datetime.timedelta(days=7)


def preview_token(obj):
    """A signed token that lets anyone holding it see this unpublished page for a week."""
    return signing.dumps([obj._meta.label_lower, obj.pk], salt=PREVIEW_SALT)


def preview_url(request, obj):
    return request.build_absolute_uri(f"{obj.get_absolute_url()}?preview={preview_token(obj)}")


def token_grants(token, obj):
    try:
        label, pk = signing.loads(token, salt=PREVIEW_SALT, max_age=PREVIEW_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return False
    return label == obj._meta.label_lower and pk == obj.pk
