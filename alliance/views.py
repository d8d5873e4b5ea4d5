from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.views.generic import DetailView, ListView, TemplateView

from alliance import structured_data
from alliance.models import Organisation, Person, Report, WorkPlanItem
from alliance.pagination import paginate
from alliance.preview import PreviewMixin, can_preview
from events.models import Event
from newsletters.models import Article, Issue, Quote

QUOTES_PER_PAGE = 20
REPORTS_PER_PAGE = 20


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
                Article.objects.published().contents_of(latest_issue) if latest_issue else []
            ),
            upcoming_events=Event.objects.published().upcoming()[:5],
            latest_reports=Report.objects.published().filter(progress=Report.Progress.PUBLISHED)[
                :3
            ],
            planned_reports=Report.objects.published()
            .exclude(progress=Report.Progress.PUBLISHED)
            .order_by("planned_on", "id")[:3],
            structured_data=structured_data.home_page(self.request.build_absolute_uri),
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
        return get_object_or_404(Person, slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        quotes = (
            Quote.objects.published()
            .filter(person=self.object)
            .select_related("article__issue", "article__section")
            .order_by("-article__issue__date", "article__position", "position")
        )
        context.update(paginate(self.request, quotes, QUOTES_PER_PAGE))
        # A speaker quoted only in unpublished articles is not public yet.
        if not context["page"].paginator.count and not can_preview(self.request):
            raise Http404
        context["structured_data"] = structured_data.person(
            self.object, self.request.build_absolute_uri
        )
        return context


class ReportListView(TemplateView):
    template_name = "alliance/report_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reports = Report.objects.published().with_relations()
        context.update(paginate(self.request, reports, REPORTS_PER_PAGE))
        return context


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
        context["structured_data"] = structured_data.report(
            self.object, self.request.build_absolute_uri
        )
        return context


class WorkPlanView(ListView):
    """The coalition's work plan: activities by area, with their outcomes and deadlines."""

    template_name = "alliance/work_plan.html"
    context_object_name = "items"
    queryset = WorkPlanItem.objects.all()


class OrganisationDetailView(DetailView):
    """An institution and what it does in the coalition: partnerships, events, reports, news."""

    template_name = "alliance/organisation_detail.html"
    context_object_name = "organisation"
    queryset = Organisation.objects.all()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organisation = self.object
        context.update(
            convenorships=organisation.convenorships.select_related("partnership"),
            events=Event.objects.published().filter(organisers=organisation).order_by("-starts_at"),
            reports=Report.objects.published().filter(research_organisations=organisation),
            articles=Article.objects.published()
            .filter(contributed_by=organisation)
            .select_related("issue")
            .order_by("-issue__date", "position"),
        )
        return context


def robots_txt(request):
    """Crawlers may read everything but the admin; the sitemap names every public page."""
    admin_paths = ["/admin/"]
    for language_code, _name in settings.LANGUAGES:
        with translation.override(language_code):
            admin_paths.append(reverse("admin:index"))
    context = {
        "disallowed_paths": admin_paths,
        "sitemap_url": request.build_absolute_uri(reverse("sitemap")),
    }
    return render(request, "alliance/robots.txt", context, content_type="text/plain; charset=utf-8")
