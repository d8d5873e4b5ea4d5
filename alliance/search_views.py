from django.core.paginator import Paginator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from alliance import search
from alliance.models import SearchEntry
from partnerships.models import ThematicPartnership

RESULTS_PER_PAGE = 20


class SearchView(TemplateView):
    """Search across the site, in both languages, grouped by kind, year and partnership."""

    template_name = "alliance/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        raw = self.request.GET.get("q", "")
        query = search.normalise_query(raw)
        context.update(search_query=query, kinds=SearchEntry.Kind.choices)
        if len(query) > search.MAX_QUERY_LENGTH:
            query = query[: search.MAX_QUERY_LENGTH]
            context["notice"] = _(
                "Your search was long; only its first %(count)d characters were used."
            ) % {"count": search.MAX_QUERY_LENGTH}
            context["search_query"] = query
        if not query:
            context["notice"] = _(
                "Type a word or a name: 海洋, ocean, 索尔海姆, Solheim, 纽约, New York."
            )
            return context
        if len(query) < search.MIN_QUERY_LENGTH:
            context["notice"] = _(
                "Please type at least two characters: one character matches almost everything."
            )
            return context

        entries = search.matching_entries(query)
        kind_counts, year_counts = search.facet_counts(entries)
        filters = self.filters(entries)
        entries = filters.pop("entries")
        page = Paginator(entries, RESULTS_PER_PAGE).get_page(self.request.GET.get("page"))
        language = get_language()
        context.update(
            filters,
            searched=True,
            page=page,
            results=[search.present(entry, query, language) for entry in page.object_list],
            kind_counts=[
                (k, label, kind_counts[k])
                for k, label in SearchEntry.Kind.choices
                if k in kind_counts
            ],
            year_counts=year_counts,
            total=sum(kind_counts.values()),
            partnerships=ThematicPartnership.objects.all(),
        )
        return context

    def filters(self, entries):
        """The kind, year and partnership chosen, where they make sense; others are ignored."""
        chosen = {}
        kind = self.request.GET.get("kind", "")
        if kind in SearchEntry.Kind.values:
            entries = entries.filter(kind=kind)
            chosen["kind"] = kind
        year = self.request.GET.get("year", "")
        if year.isdecimal() and len(year) == 4:
            entries = entries.filter(year=int(year))
            chosen["year"] = int(year)
        partnership = self.request.GET.get("partnership", "")
        if partnership and ThematicPartnership.objects.filter(slug=partnership).exists():
            entries = entries.filter(partnerships__regex=rf"(^| ){partnership}( |$)")
            chosen["partnership"] = partnership
        return {"entries": entries, "chosen": chosen}
