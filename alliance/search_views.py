from dataclasses import dataclass
from urllib.parse import quote_plus

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from alliance import search
from alliance.models import SearchEntry
from alliance.pagination import paginate
from alliance.widgets import FilterSelect
from partnerships.models import ThematicPartnership

RESULTS_PER_PAGE = 20


@dataclass
class Facet:
    """A value to narrow the results to: its label, how many results have it, its link."""

    label: str
    count: int
    link: str
    chosen: bool


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

        chosen = self.filters()
        found = search.find(query, **chosen)
        quoted = {key: quote_plus(str(value)) for key, value in {"q": query, **chosen}.items()}

        def link(**changes):
            """This search's address with some filters changed (None: removed)."""
            params = {
                **quoted,
                **{key: value and quote_plus(str(value)) for key, value in changes.items()},
            }
            return "?" + "&".join(f"{key}={value}" for key, value in params.items() if value)

        pages = paginate(
            self.request,
            found.ids,
            RESULTS_PER_PAGE,
            address=lambda number: link(page=number if number > 1 else None),
        )
        page = pages["page"]
        # The full rows, with their long text, of the page's entries only.
        shown = SearchEntry.objects.defer("bigrams", "title_bigrams").in_bulk(page.object_list)
        language = get_language()
        kind_labels = {kind: str(label) for kind, label in SearchEntry.Kind.choices}
        context.update(
            pages,
            searched=True,
            chosen=chosen,
            more=found.more,
            results=[
                search.present(shown[pk], query, language, kind_labels)
                for pk in page.object_list
                if pk in shown
            ],
            total=found.total,
            more_in_total=found.more_in_total,
            limit=search.RESULTS_LIMIT,
            any_kind=link(kind=None) if "kind" in chosen else None,
            kind_facets=[
                Facet(label, found.kind_counts[kind], link(kind=kind), chosen.get("kind") == kind)
                for kind, label in kind_labels.items()
                if kind in found.kind_counts
            ],
            any_year=link(year=None) if "year" in chosen else None,
            year_facets=[
                Facet(year, count, link(year=year), chosen.get("year") == year)
                for year, count in found.year_counts
            ],
            partnership_select=self.partnership_select(chosen.get("partnership", "")),
        )
        return context

    @staticmethod
    def partnership_select(chosen):
        choices = [
            (partnership.slug, partnership.name)
            for partnership in ThematicPartnership.objects.only("slug", "name_zh_hans", "name_en")
        ]
        widget = FilterSelect(
            attrs={"aria-label": _("Thematic partnership")},
            choices=[("", _("All partnerships")), *choices],
        )
        return widget.render("partnership", chosen)

    def filters(self):
        """The kind, year and partnership chosen, where they make sense; others are ignored."""
        chosen = {}
        kind = self.request.GET.get("kind", "")
        if kind in SearchEntry.Kind.values:
            chosen["kind"] = kind
        year = self.request.GET.get("year", "")
        if year.isdecimal() and len(year) == 4:
            chosen["year"] = int(year)
        partnership = self.request.GET.get("partnership", "")
        if partnership and ThematicPartnership.objects.filter(slug=partnership).exists():
            chosen["partnership"] = partnership
        return chosen
