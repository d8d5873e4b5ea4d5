"""Site search: an index of every public page's text, and substring queries over it.

Chinese has no spaces between words, so a query matches as a substring, in either language,
whatever the reader's language. Each searchable record has one SearchEntry, rebuilt whenever
the record (or what it shows) changes; the entry knows from when its page is public, so a
scheduled item becomes findable at its time, like its page.
"""

import datetime
import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Case, Count, F, IntegerField, Min, Q, Value, When
from django.utils import timezone, translation
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from alliance.models import Organisation, Person, Report, SearchEntry
from alliance.publishing import Status
from events.models import Event
from newsletters.models import Issue, Quote
from partnerships.models import ThematicPartnership

MIN_QUERY_LENGTH = 2
MAX_QUERY_LENGTH = 100
SNIPPET_RADIUS = 60
# Among equally good matches, the pages that stand for a whole subject come first.
KIND_ORDER = ("partnership", "person", "organisation", "report", "event", "article", "quote")
LANGUAGES = ("zh_hans", "en")
# Partnerships and organisations have no publication step: their pages are always public.
ALWAYS = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


def normalise_query(raw):
    """The query as searched: white space folded, control characters and NUL removed."""
    text = "".join(ch for ch in str(raw or "") if ch.isprintable() or ch.isspace())
    return re.sub(r"\s+", " ", text).strip()


def bigrams(text):
    """Distinct lower-case pairs of adjacent letters or digits, space-separated."""
    pairs = set()
    for word in re.findall(r"\w+", text.lower()):
        pairs.update(word[i : i + 2] for i in range(len(word) - 1))
    return " ".join(sorted(pairs))


def both_languages(obj, *fields):
    values = []
    for field in fields:
        for language in LANGUAGES:
            value = getattr(obj, f"{field}_{language}", None)
            if value:
                values.append(strip_tags(str(value)))
    return values


def zh_path(obj):
    with translation.override("zh-hans"):
        return obj.get_absolute_url()


def write_entry(kind, obj, *, titles, texts, path, visible_from, date=None, partnerships=()):
    text = re.sub(r"\s+", " ", " \n ".join(t for t in texts if t)).strip()
    SearchEntry.objects.update_or_create(
        kind=kind,
        object_id=obj.pk,
        defaults={
            "title_zh_hans": (titles[0] or "")[:400],
            "title_en": (titles[1] or "")[:400],
            "text": text,
            "bigrams": bigrams(text),
            "path": path,
            "date": date,
            "year": date.year if date else None,
            "partnerships": " ".join(sorted(partnerships)),
            "visible_from": visible_from,
        },
    )


def article_visible_from(article):
    if article.status != Status.PUBLISHED or article.issue.status != Status.PUBLISHED:
        return None
    return article.issue.published_at


def index_article(article):
    partnerships = [p.slug for p in article.partnerships.all()]
    source = both_languages(article, "reprinted_from", "source_detail")
    write_entry(
        SearchEntry.Kind.ARTICLE,
        article,
        titles=(article.title_zh_hans, article.title_en),
        texts=[*both_languages(article, "title", "lead", "body"), *source],
        path=zh_path(article),
        visible_from=article_visible_from(article),
        date=article.date or article.issue.date,
        partnerships=partnerships,
    )
    for quote in article.quotes.select_related("person"):
        index_quote(quote, article=article, partnerships=partnerships)


def index_quote(quote, *, article=None, partnerships=None):
    article = article or quote.article
    if partnerships is None:
        partnerships = [p.slug for p in article.partnerships.all()]
    person = quote.person
    write_entry(
        SearchEntry.Kind.QUOTE,
        quote,
        titles=(person.name_zh_hans, person.name_en or ""),
        texts=[*both_languages(quote, "text", "title"), *both_languages(person, "name")],
        path=f"{zh_path(article)}#quote-{quote.pk}",
        visible_from=article_visible_from(article),
        date=article.date or article.issue.date,
        partnerships=partnerships,
    )
    index_person(person)


def index_person(person):
    first_public = (
        Quote.objects.published()
        .filter(person=person)
        .aggregate(first=Min("article__issue__published_at"))["first"]
    )
    write_entry(
        SearchEntry.Kind.PERSON,
        person,
        titles=(person.name_zh_hans, person.name_en or ""),
        texts=both_languages(person, "name", "title", "bio"),
        path=zh_path(person),
        visible_from=first_public,
    )


def index_event(event):
    organisers = [name for o in event.organisers.all() for name in both_languages(o, "name")]
    country = [str(event.country.name)] if event.country else []
    with translation.override("en"):
        country += [str(event.country.name)] if event.country else []
    write_entry(
        SearchEntry.Kind.EVENT,
        event,
        titles=(event.title_zh_hans, event.title_en or ""),
        texts=[
            *both_languages(event, "title", "venue", "city", "description", "state_note"),
            *country,
            *organisers,
        ],
        path=zh_path(event),
        visible_from=event.published_at if event.status == Status.PUBLISHED else None,
        date=event.start_date,
        partnerships=[p.slug for p in event.partnerships.all()],
    )


def index_report(report):
    organisations = [
        name for o in report.research_organisations.all() for name in both_languages(o, "name")
    ]
    write_entry(
        SearchEntry.Kind.REPORT,
        report,
        titles=(report.title_zh_hans, report.title_en or ""),
        texts=[*both_languages(report, "title", "summary", "research_team"), *organisations],
        path=zh_path(report),
        visible_from=report.published_at if report.status == Status.PUBLISHED else None,
        date=report.published_on or report.planned_on,
        partnerships=[p.slug for p in report.partnerships.all()],
    )


def index_organisation(organisation):
    write_entry(
        SearchEntry.Kind.ORGANISATION,
        organisation,
        titles=(organisation.name_zh_hans, organisation.name_en or ""),
        texts=[*both_languages(organisation, "name"), organisation.acronym],
        path=zh_path(organisation),
        visible_from=ALWAYS,
        partnerships=[c.partnership.slug for c in organisation.convenorships.all()],
    )


def index_partnership(partnership):
    write_entry(
        SearchEntry.Kind.PARTNERSHIP,
        partnership,
        titles=(partnership.name_zh_hans, partnership.name_en or ""),
        texts=both_languages(partnership, "name", "description", "focus_areas"),
        path=zh_path(partnership),
        visible_from=ALWAYS,
        date=partnership.launched_on,
        partnerships=[partnership.slug],
    )


def index_issue(issue):
    """An issue's publication decides whether its articles, quotes and speakers are public."""
    articles = issue.articles.select_related("issue").prefetch_related("partnerships")
    for article in articles:
        index_article(article)


def remove_entry(kind, pk):
    SearchEntry.objects.filter(kind=kind, object_id=pk).delete()


def rebuild_index():
    """Every entry afresh, e.g. after loading content with the signals' work to catch up."""
    SearchEntry.objects.all().delete()
    for issue in Issue.objects.all():
        index_issue(issue)
    for person in Person.objects.filter(quotes__isnull=True):
        index_person(person)
    for event in Event.objects.prefetch_related("organisers", "partnerships"):
        index_event(event)
    for report in Report.objects.prefetch_related("research_organisations", "partnerships"):
        index_report(report)
    for organisation in Organisation.objects.prefetch_related("convenorships__partnership"):
        index_organisation(organisation)
    for partnership in ThematicPartnership.objects.all():
        index_partnership(partnership)
    return SearchEntry.objects.count()


@dataclass
class Result:
    entry: SearchEntry
    title: str
    title_language: str
    snippet: str
    path: str


def highlight(text, query):
    """The text, escaped, with the query's occurrences marked."""
    parts = re.split(f"({re.escape(query)})", text, flags=re.IGNORECASE)
    return mark_safe(
        "".join(f"<mark>{escape(p)}</mark>" if i % 2 else escape(p) for i, p in enumerate(parts))
    )


def snippet(text, query, skip=0):
    """Words around the query's first occurrence after `skip` characters (the titles)."""
    lowered = text.lower()
    position = lowered.find(query.lower(), skip)
    if position < 0:
        position = lowered.find(query.lower())
    if position < 0:
        return escape(text[: SNIPPET_RADIUS * 2]) + ("…" if len(text) > SNIPPET_RADIUS * 2 else "")
    start = max(0, position - SNIPPET_RADIUS)
    end = min(len(text), position + len(query) + SNIPPET_RADIUS)
    excerpt = highlight(text[start:end], query)
    return mark_safe(("…" if start else "") + excerpt + ("…" if end < len(text) else ""))


def matching_entries(query):
    """Public entries whose text holds the query, title matches first, then the newest."""
    entries = SearchEntry.objects.filter(visible_from__lte=timezone.now())
    if connection.vendor == "postgresql" and len(query) == MIN_QUERY_LENGTH:
        # Served by the bigram index; the trigram index serves longer queries.
        entries = entries.annotate(bigram_vector=SearchVector("bigrams", config="simple")).filter(
            bigram_vector=SearchQuery(query.lower(), config="simple")
        )
    else:
        entries = entries.filter(text__icontains=query)
    in_title = Q(title_zh_hans__icontains=query) | Q(title_en__icontains=query)
    return entries.annotate(
        title_rank=Case(
            When(in_title, then=Value(0)), default=Value(1), output_field=IntegerField()
        ),
        kind_rank=Case(
            *(When(kind=kind, then=Value(rank)) for rank, kind in enumerate(KIND_ORDER)),
            output_field=IntegerField(),
        ),
    ).order_by("title_rank", "kind_rank", F("date").desc(nulls_last=True), "object_id")


def facet_counts(entries):
    kinds = dict(entries.order_by().values_list("kind").annotate(count=Count("id")))
    years = list(
        entries.exclude(year=None).order_by("-year").values_list("year").annotate(count=Count("id"))
    )
    return kinds, years


def present(entry, query, language):
    english = language == "en" and entry.title_en
    title = entry.title_en if english else entry.title_zh_hans
    path = (
        entry.path if language == "zh-hans" else entry.path.replace("/zh-hans/", f"/{language}/", 1)
    )
    return Result(
        entry=entry,
        title=highlight(title, query),
        title_language="en" if english else "zh-hans",
        snippet=snippet(entry.text, query, skip=len(entry.title_zh_hans) + len(entry.title_en)),
        path=path,
    )
