"""Site search: an index of every public page's text, and substring queries over it.

Chinese has no spaces between words, so a query matches as a substring, in either language,
whatever the reader's language. Each searchable record has one SearchEntry, rebuilt whenever
the record (or what it shows) changes; the entry knows from when its page is public, so a
scheduled item becomes findable at its time, like its page.
"""

import datetime
import html
import re
from collections import Counter
from dataclasses import dataclass

from django.db import connection, connections, router
from django.db.models import BooleanField, Min
from django.db.models.expressions import RawSQL
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

from alliance.models import Organisation, Person, Report, SearchEntry
from alliance.publishing import Status
from events.models import Event
from newsletters.models import Issue, Quote
from partnerships.models import ThematicPartnership

MIN_QUERY_LENGTH = 2
MAX_QUERY_LENGTH = 100
# A search lists at most this many entries; beyond, it says there are more.
RESULTS_LIMIT = 500
# Title matches are listed in order of kind and date from among the first this many found.
TITLES_ORDERED = 2000
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


def title_bigrams(title_zh_hans, title_en):
    return bigrams(f"{title_zh_hans} {title_en}")


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
    title_zh_hans, title_en = ((title or "")[:400] for title in titles)
    SearchEntry.objects.update_or_create(
        kind=kind,
        object_id=obj.pk,
        defaults={
            "title_zh_hans": title_zh_hans,
            "title_en": title_en,
            "text": text,
            "bigrams": bigrams(text),
            "title_bigrams": title_bigrams(title_zh_hans, title_en),
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
    kind: str
    title: str
    title_language: str
    snippet: str
    path: str


def highlight(text, query):
    """The text, escaped, with the query's occurrences marked."""
    parts = re.split(f"({re.escape(query)})", text, flags=re.IGNORECASE)
    # The standard library's escape, as Django's does, without its wrapping for lazy text.
    return mark_safe(
        "".join(
            f"<mark>{html.escape(p)}</mark>" if i % 2 else html.escape(p)
            for i, p in enumerate(parts)
        )
    )


def snippet(text, query, skip=0):
    """Words around the query's first occurrence after `skip` characters (the titles)."""
    lowered = text.lower()
    position = lowered.find(query.lower(), skip)
    if position < 0:
        position = lowered.find(query.lower())
    if position < 0:
        more = "…" if len(text) > SNIPPET_RADIUS * 2 else ""
        return mark_safe(html.escape(text[: SNIPPET_RADIUS * 2]) + more)
    start = max(0, position - SNIPPET_RADIUS)
    end = min(len(text), position + len(query) + SNIPPET_RADIUS)
    excerpt = highlight(text[start:end], query)
    return mark_safe(("…" if start else "") + excerpt + ("…" if end < len(text) else ""))


# How a search runs: one query finds the matching entries' ids, kinds and years, never more
# than RESULTS_LIMIT + 1 of them, title matches first; Python counts them and puts them in
# order; a second query reads the full rows of the page shown. The SQL is written out: it is
# short, the same on both databases but for the matching itself, and building it through
# the ORM costs more than running it.
TABLE = SearchEntry._meta.db_table
LIGHT_COLUMNS = '"id", "kind", "year", "date", "object_id"'
KIND_RANK = {kind: rank for rank, kind in enumerate(KIND_ORDER)}


def uses_bigrams(query, vendor):
    # A two-character query has no trigram: PostgreSQL looks it up in a bigram index.
    return vendor == "postgresql" and len(query) == MIN_QUERY_LENGTH


def holds(column, query, vendor):
    """SQL: `column` holds `query`, whatever the letter case (a trigram index serves it)."""
    pattern = "%" + connection.ops.prep_for_like_query(query) + "%"
    if vendor != "postgresql":
        return f"\"{column}\" LIKE %s ESCAPE '\\'", [pattern]  # SQLite's LIKE ignores case
    # PostgreSQL checks each row the index proposes: LIKE is far cheaper to check than
    # ILIKE, which is only needed where there is letter case to ignore.
    operator = "LIKE" if query.lower() == query.upper() else "ILIKE"
    return f'"{column}" {operator} %s', [pattern]


def has_bigram(column, query):
    return (
        f"to_tsvector('simple'::regconfig, COALESCE(\"{column}\", '')) "
        "@@ plainto_tsquery('simple'::regconfig, %s)",
        [query.lower()],
    )


def text_match(query, vendor):
    if uses_bigrams(query, vendor):
        return has_bigram("bigrams", query)
    return holds("text", query, vendor)


def in_title(query, vendor):
    """SQL: a title holds the query; cheap to check row by row."""
    (zh_sql, zh_params), (en_sql, en_params) = (
        holds(column, query, vendor) for column in ("title_zh_hans", "title_en")
    )
    return f"({zh_sql} OR {en_sql})", [*zh_params, *en_params]


def title_match(query, vendor):
    """SQL: a title holds the query, in the form an index serves."""
    if uses_bigrams(query, vendor):
        return has_bigram("title_bigrams", query)
    return in_title(query, vendor)


def all_of(*conditions):
    return (
        " AND ".join(f"({sql})" for sql, _params in conditions),
        [param for _sql, params in conditions for param in params],
    )


def none_of(condition):
    sql, params = condition
    return f"NOT ({sql})", params


def matching_entries(query, using=None):
    """Every public entry the query matches, in no particular order (for checks)."""
    vendor = connections[using or router.db_for_read(SearchEntry)].vendor
    sql, params = text_match(query, vendor)
    title_sql, title_params = title_match(query, vendor)
    matches = RawSQL(f"({sql}) OR ({title_sql})", [*params, *title_params], BooleanField())
    return SearchEntry.objects.using(using).filter(matches, visible_from__lte=timezone.now())


def first_matches(query, vendor, conditions, name):
    """SQL for the first RESULTS_LIMIT + 1 entries matching the query under the conditions:
    title matches, best first, then other matches in the order the index gives them.

    Returns two WITH queries, which find the title matches and the others (their names
    start with `name`), and the SELECT that reads them, each with its parameters. A WITH
    query is planned by itself, to read every match through its index, but only runs as
    far as it is read, and the SELECT stops at the limit. (Seeing the limit, the planner
    would rather read the table from its start and check each row against the query,
    expecting to meet enough matches soon: cheaper on paper, but it underestimates the
    checks, and a wrong guess reads the whole table.)

    Title matches come from the title indexes and the database puts them in order: the
    first TITLES_ORDERED found, for almost any query all of them. Other matches are read
    only as far as the limit: when title matches alone reach it, no text is read at all.
    """
    limit = RESULTS_LIMIT + 1
    materialized = "MATERIALIZED " if vendor == "postgresql" else ""
    titles_where, titles_params = all_of(*conditions, title_match(query, vendor))
    texts_where, texts_params = all_of(
        *conditions, text_match(query, vendor), none_of(in_title(query, vendor))
    )
    with_sql = (
        f"{name}_titles AS {materialized}"
        f"(SELECT {LIGHT_COLUMNS} FROM {TABLE} WHERE {titles_where}), "
        f"{name}_texts AS {materialized}"
        f"(SELECT {LIGHT_COLUMNS} FROM {TABLE} WHERE {texts_where})"
    )
    kind_rank = " ".join(f"WHEN %s THEN {rank}" for rank in range(len(KIND_ORDER)))
    select_sql = (
        f"SELECT * FROM ("
        f"SELECT *, 1 AS in_title FROM ("
        f"SELECT * FROM (SELECT * FROM {name}_titles LIMIT {TITLES_ORDERED}) AS found_first "
        f'ORDER BY CASE "kind" {kind_rank} END, "date" DESC NULLS LAST, "object_id" '
        f"LIMIT {limit}) AS best_titles "
        f"UNION ALL "
        f"SELECT *, 0 AS in_title FROM (SELECT * FROM {name}_texts LIMIT {limit}) AS others"
        f") AS {name}_found LIMIT {limit}"
    )
    return (with_sql, [*titles_params, *texts_params]), (select_sql, list(KIND_ORDER))


def best_first(rows):
    """Rows of first_matches: title matches (in order already), then the others, by kind,
    newest first."""

    def day(row):
        value = row[3]  # SQLite gives dates as text
        if value is None:
            return 0
        return (datetime.date.fromisoformat(value) if isinstance(value, str) else value).toordinal()

    titles = [row for row in rows if row[-1]]
    others = sorted(
        (row for row in rows if not row[-1]),
        key=lambda row: (KIND_RANK.get(row[1], len(KIND_RANK)), -day(row), row[4]),
    )
    return titles + others


@dataclass
class Found:
    """What a search found, as far as RESULTS_LIMIT entries."""

    ids: list  # the entries to list (as filtered), best first
    more: bool  # the filtered search matches more entries than these
    total: int  # the entries the query matches, unfiltered: all of them, or RESULTS_LIMIT
    more_in_total: bool  # more than `total`
    kind_counts: dict  # {kind: count} among those `total` entries
    year_counts: list  # [(year, count)], newest first, among them


def find(query, *, kind=None, year=None, partnership=None):
    """The public entries matching the query, as filtered, found in one query.

    The facets count the unfiltered matches, so that a reader can change a filter: a
    filtered search finds both in the same query.
    """
    using = router.db_for_read(SearchEntry)
    vendor = connections[using].vendor
    public = ('"visible_from" <= %s', [timezone.now()])
    chosen = []
    if kind:
        chosen.append(('"kind" = %s', [kind]))
    if year:
        chosen.append(('"year" = %s', [year]))
    if partnership:
        slug = connection.ops.prep_for_like_query(partnership)
        chosen.append(("' ' || \"partnerships\" || ' ' LIKE %s ESCAPE '\\'", [f"% {slug} %"]))
    parts = [first_matches(query, vendor, [public, *chosen], "filtered")]
    if chosen:
        parts.append(first_matches(query, vendor, [public], "unfiltered"))
    with_sql = ", ".join(with_part for (with_part, _params), _select in parts)
    select_sql = " UNION ALL ".join(
        f"SELECT {number} AS part, * FROM ({select_part}) AS part{number}"
        for number, (_with, (select_part, _params)) in enumerate(parts)
    )
    params = [p for (_sql, with_params), _select in parts for p in with_params]
    params += [p for _with, (_sql, select_params) in parts for p in select_params]
    with connections[using].cursor() as cursor:
        cursor.execute(f"WITH {with_sql} {select_sql}", params)
        rows = cursor.fetchall()
    found = [best_first([r[1:] for r in rows if r[0] == n]) for n in range(len(parts))]
    listed, unfiltered = found[0], found[-1]
    counted = unfiltered[:RESULTS_LIMIT]
    kinds = Counter(row[1] for row in counted)
    years = Counter(row[2] for row in counted if row[2] is not None)
    return Found(
        ids=[row[0] for row in listed[:RESULTS_LIMIT]],
        more=len(listed) > RESULTS_LIMIT,
        total=len(counted),
        more_in_total=len(unfiltered) > RESULTS_LIMIT,
        kind_counts=dict(kinds),
        year_counts=sorted(years.items(), reverse=True),
    )


def present(entry, query, language, kind_labels):
    english = language == "en" and entry.title_en
    title = entry.title_en if english else entry.title_zh_hans
    path = (
        entry.path if language == "zh-hans" else entry.path.replace("/zh-hans/", f"/{language}/", 1)
    )
    return Result(
        entry=entry,
        kind=kind_labels[entry.kind],
        title=highlight(title, query),
        title_language="en" if english else "zh-hans",
        snippet=snippet(entry.text, query, skip=len(entry.title_zh_hans) + len(entry.title_en)),
        path=path,
    )
