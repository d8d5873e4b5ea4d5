from django.views.generic import DetailView, TemplateView

from alliance.preview import PreviewMixin
from events.models import Event


class EventListView(TemplateView):
    template_name = "events/event_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        events = Event.objects.published().with_relations()
        context.update(upcoming_events=events.upcoming(), past_events=events.past())
        return context


class EventDetailView(PreviewMixin, DetailView):
    template_name = "events/event_detail.html"
    context_object_name = "event"
    queryset = Event.objects.with_relations().select_related(
        "announcement__issue", "report_article__issue"
    )
