from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from alliance.models import Report
from events.models import Event
from newsletters.models import Article
from partnerships.models import Convenor, ThematicPartnership

# One query for the convenors with their organisations, however many (or few) there are.
WITH_CONVENORS = Prefetch("convenors", queryset=Convenor.objects.select_related("organisation"))


class PartnershipListView(ListView):
    template_name = "partnerships/partnership_list.html"
    context_object_name = "partnerships"
    queryset = ThematicPartnership.objects.prefetch_related(WITH_CONVENORS)


class PartnershipDetailView(DetailView):
    template_name = "partnerships/partnership_detail.html"
    context_object_name = "partnership"
    queryset = ThematicPartnership.objects.prefetch_related(WITH_CONVENORS)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        partnership = self.object
        context.update(
            articles=Article.objects.published()
            .filter(partnerships=partnership)
            .select_related("issue", "section")
            .order_by("-issue__date", "position", "id")[:50],
            upcoming_events=Event.objects.published().upcoming().filter(partnerships=partnership),
            past_events=Event.objects.published().past().filter(partnerships=partnership)[:20],
            reports=Report.objects.published().filter(partnerships=partnership),
        )
        return context
