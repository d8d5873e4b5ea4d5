from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.views.generic import DetailView, ListView

from alliance.models import Report
from alliance.pagination import paginate
from events.models import Event
from events.views import subscription_links
from newsletters.models import Article
from partnerships.models import Convenor, ThematicPartnership

ARTICLES_PER_PAGE = 20
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
        upcoming = list(Event.objects.published().upcoming().filter(partnerships=partnership))
        feed = reverse(
            "partnerships:partnership-feed", kwargs={"partnership_slug": partnership.slug}
        )
        context.update(subscription_links(self.request, feed, partnership.name))
        context.update(
            calendar_month=upcoming[0].start_date if upcoming else timezone.localdate(),
            upcoming_events=upcoming,
            past_events=Event.objects.published().past().filter(partnerships=partnership)[:20],
            reports=Report.objects.published().filter(partnerships=partnership),
        )
        articles = (
            Article.objects.published()
            .filter(partnerships=partnership)
            .select_related("issue", "section")
            .order_by("-issue__date", "position", "id")
        )
        context.update(paginate(self.request, articles, ARTICLES_PER_PAGE, fragment="articles"))
        return context
