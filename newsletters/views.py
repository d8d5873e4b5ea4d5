from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from alliance import structured_data
from alliance.preview import PreviewMixin, can_preview
from alliance.renditions import rendition_url
from events.models import Event
from newsletters.models import Article, Issue, Quote


def visible_articles(request):
    articles = Article.objects.all()
    return articles if can_preview(request) else articles.published()


class IssueArchiveView(ListView):
    """Every published issue, grouped by year; /archive/<year>/ narrows it to one year."""

    template_name = "newsletters/issue_archive.html"
    context_object_name = "issues"

    def get_queryset(self):
        issues = Issue.objects.published()
        if "year" in self.kwargs:
            issues = issues.filter(date__year=self.kwargs["year"])
        return issues

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["years"] = Issue.objects.published().years()
        context["year"] = self.kwargs.get("year")
        if context["year"] and not context["issues"]:
            raise Http404
        return context


class IssueDetailView(PreviewMixin, DetailView):
    template_name = "newsletters/issue_detail.html"
    context_object_name = "issue"
    slug_field = "number"
    slug_url_kwarg = "number"
    queryset = Issue.objects.all()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["articles"] = visible_articles(self.request).contents_of(self.object)
        absolute_url = self.request.build_absolute_uri
        context.update(
            share_image=rendition_url(self.object.cover_image, "og", absolute_url),
            structured_data=structured_data.publication_issue(self.object, absolute_url),
        )
        return context


class ArticleDetailView(PreviewMixin, DetailView):
    template_name = "newsletters/article_detail.html"
    context_object_name = "article"
    queryset = Article.objects.select_related(
        "issue", "section", "contributed_by", "contributing_partnership"
    ).prefetch_related(
        Prefetch("quotes", queryset=Quote.objects.select_related("person")),
        "partnerships",
    )

    def find_object(self, queryset):
        return get_object_or_404(
            queryset, issue__number=self.kwargs["number"], slug=self.kwargs["slug"]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        siblings = list(
            visible_articles(self.request)
            .filter(issue_id=article.issue_id)
            .in_order()
            .only("id", "slug", "title_zh_hans", "title_en", "issue_id")
        )
        index = next((i for i, sibling in enumerate(siblings) if sibling.pk == article.pk), None)
        if index is None:  # a draft seen through a shared preview link stands alone
            siblings, index = [article], 0
        for sibling in siblings:
            sibling.issue = article.issue  # for get_absolute_url, without a query each
        absolute_url = self.request.build_absolute_uri
        image = article.image or article.issue.cover_image
        context.update(
            open_graph_type="article",
            share_image=rendition_url(image, "og", absolute_url),
            structured_data=structured_data.news_article(article, absolute_url),
            previous_article=siblings[index - 1] if index > 0 else None,
            next_article=siblings[index + 1] if index + 1 < len(siblings) else None,
            related_events=Event.objects.published().filter(
                Q(announcement=article) | Q(report_article=article)
            ),
        )
        return context
