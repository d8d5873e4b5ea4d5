"""Staff preview: staff see drafts and scheduled items on the site, marked and never cached."""

from django.utils.cache import add_never_cache_headers


def can_preview(request):
    return request.user.is_authenticated and request.user.is_staff


class PreviewMixin:
    """Shows the public only published() records; staff also see what is not yet published."""

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset if can_preview(self.request) else queryset.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = context.get("object")
        context["is_preview"] = obj is not None and not obj.is_published
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if can_preview(self.request):
            add_never_cache_headers(response)
        return response
