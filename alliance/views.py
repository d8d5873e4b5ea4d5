from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView, TemplateView

from alliance.models import Person, Report, WorkPlanItem
from alliance.preview import PreviewMixin, can_preview
from events.models import Event
from newsletters.models import Article, Issue, Quote


class HomeView(TemplateView):
    template_name = "alliance/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        issues = list(Issue.objects.published()[:5])
        latest_issue = issues[0] if issues else None
        context.update(
            latest_issue=latest_issue,
            earlier_issues=issues[1:],
            articles=(
                Article.objects.published()
                .filter(issue=latest_issue)
                .select_related("section")
                .in_order()
                if latest_issue
                else []
            ),
            upcoming_events=Event.objects.published().upcoming()[:5],
            latest_reports=Report.objects.published().filter(progress=Report.Progress.PUBLISHED)[
                :3
            ],
            planned_reports=Report.objects.published()
            .exclude(progress=Report.Progress.PUBLISHED)
            .order_by("planned_on", "id")[:3],
        )
        return context


class SpeakerListView(ListView):
    template_name = "alliance/speaker_list.html"
    context_object_name = "speakers"

    def get_queryset(self):
        published_quotes = Quote.objects.published()
        return (
            Person.objects.filter(Exists(published_quotes.filter(person=OuterRef("pk"))))
            .annotate(quote_count=Count("quotes", filter=Q(quotes__in=published_quotes)))
            .order_by("name", "id")
        )


class SpeakerDetailView(DetailView):
    template_name = "alliance/speaker_detail.html"
    context_object_name = "speaker"

    def get_object(self, queryset=None):
        person = get_object_or_404(Person, slug=self.kwargs["slug"])
        person.published_quotes = list(
            Quote.objects.published()
            .filter(person=person)
            .select_related("article__issue", "article__section")
            .order_by("-article__issue__date", "article__position", "position")
        )
        # A speaker quoted only in unpublished articles is not public yet.
        if not person.published_quotes and not can_preview(self.request):
            raise Http404
        return person


class ReportListView(ListView):
    template_name = "alliance/report_list.html"
    context_object_name = "reports"

    def get_queryset(self):
        return Report.objects.published().with_relations()


class ReportDetailView(PreviewMixin, DetailView):
    template_name = "alliance/report_detail.html"
    context_object_name = "report"
    queryset = Report.objects.with_relations()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["announcement"] = (
            Article.objects.published()
            .filter(pk=self.object.announcement_id)
            .select_related("issue")
            .first()
            if self.object.announcement_id
            else None
        )
        return context


class WorkPlanView(ListView):
    """The coalition's work plan: activities by area, with their outcomes and deadlines."""

    template_name = "alliance/work_plan.html"
    context_object_name = "items"
    queryset = WorkPlanItem.objects.all()
