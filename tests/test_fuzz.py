"""A bounded fuzz of every URL pattern and every public form: hostile input gets a page, a
redirect, a 404 page in the site's layout, a 400 or a form error — never a 5xx.

The URL patterns are read from the resolver, so a pattern added tomorrow is fuzzed too. Each
pattern's converters are filled with the real slugs and numbers of a small site (so that views
are reached, not only the resolver) and with hostile values; pages get hostile query strings.
The values are mixed by a seeded random generator: every run sends the same few thousand
requests.
"""

import datetime
import html
import itertools
import random
import re
import struct
import zlib
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

import pytest
from django.conf import settings
from django.contrib import admin
from django.core import signing
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict
from django.test import Client
from django.urls import LocalePrefixPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.converters import get_converters
from django.urls.resolvers import RegexPattern, RoutePattern
from django.utils import translation
from django.utils.regex_helper import normalize

from alliance.models import Organisation, Person, Report
from alliance.preview import preview_token
from events.models import Event
from newsletters.models import Article, Issue
from partnerships.models import ThematicPartnership
from tests.admin_forms import admin_form_data
from tests.factories import (
    make_article,
    make_convenor,
    make_event,
    make_issue,
    make_organisation,
    make_partnership,
    make_person,
    make_quote,
    make_report,
    make_section,
)

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
MEGABYTE = 1024 * 1024

# Already in URL form: percent-encoded where a browser or an attacker would encode them.
HOSTILE = [
    # Numbers beyond every column and converter.
    str(10**30),
    "-1",
    "0",
    str(2**63),
    str(2**63 - 1),
    str(2**64),
    "1e9",
    "0x10",
    quote("⁰¹²³"),  # superscript digits: str.isdigit() says yes, int() says no
    quote("２０１９"),  # full-width digits
    quote("١٢"),  # Arabic-Indic digits
    # Very long.
    "a" * 10_000,
    quote("海" * 3_000),
    # Bytes that are not UTF-8: bare bytes, an overlong "/", a truncated sequence, a surrogate.
    "%ff%fe",
    "%c0%af",
    "%e2%82",
    "%ed%a0%80",
    "%80",
    # NUL and other control characters, CRLF injection.
    "%00",
    "a%00b",
    "%0d%0aSet-Cookie:%20x=1",
    "%7f%1b",
    # Broken percent-encoding.
    "%",
    "%zz",
    "%%25",
    # SQL.
    quote("' OR 1=1 --"),
    quote('"; DROP TABLE newsletters_article; --'),
    quote("1' UNION SELECT password FROM auth_user --"),
    quote("%_\\"),
    # Template syntax.
    quote("{{ settings.SECRET_KEY }}"),
    quote("{% debug %}"),
    quote("${7*7}"),
    # Path traversal.
    "../../etc/passwd",
    "..%2f..%2fetc%2fpasswd",
    "%2e%2e%2f%2e%2e%2f",
    "%252e%252e%252f",
    "..%5c..%5cwindows",
    "%2f%2f",
    # HTML and JavaScript.
    quote("<script>alert(1)</script>"),
    quote('"><img src=x onerror=alert(1)>'),
    quote("javascript:alert(1)"),
    # Unicode oddities: RTL override, emoji, combining marks, zero-width, lookalikes.
    quote("\u202egnp.exe\u202c"),
    quote("🌏🌱👩🏽‍🔬"),
    quote("e\u0301\u0308\u0327" * 50),
    quote("\u200b\ufeff"),
    quote("ｓｌｕｇ"),
    quote("\U0010ffff"),
    # Spaces and the empty value.
    "%20",
    "+",
    "",
]
REFLECTED_MARKUP = "<script>alert(1)"
# Query parameters the pages read: search, the calendar filters, pagination, preview links,
# the admin's login redirect, and the sitemap's page.
QUERY_PARAMETERS = [
    "q",
    "kind",
    "year",
    "partnership",
    "organiser",
    "country",
    "page",
    "p",
    "preview",
    "next",
    "o",
]
ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<parameter>[^>]+)>")


@dataclass(frozen=True)
class Route:
    """One URL pattern in one language: a %-format template and its parameters' kinds."""

    name: str
    template: str
    parameters: tuple  # ((name, kind), ...)

    @property
    def is_admin(self):
        return self.name.startswith("admin:") or "/admin/" in self.template

    def url(self, values):
        return self.template % values

    def without_language(self):
        for language in LANGUAGES:
            if self.template.startswith(f"/{language}/"):
                return self.template.removeprefix(f"/{language}")
        return None


def converter_kind(converter):
    # Read when the patterns are, after the urls modules have registered their converters.
    kinds = {type(registered): name for name, registered in get_converters().items()}
    return kinds[type(converter)]


def _pieces(pattern):
    """A pattern as (%-format, ((parameter, kind), ...)) alternatives."""
    if isinstance(pattern, LocalePrefixPattern):
        return [(pattern.language_prefix, ())]
    if isinstance(pattern, RoutePattern):
        route, template, parameters, end = str(pattern), "", [], 0
        for match in ROUTE_PARAMETER.finditer(route):
            template += route[end : match.start()].replace("%", "%%")
            name = match["parameter"]
            template += f"%({name})s"
            parameters.append((name, converter_kind(pattern.converters[name])))
            end = match.end()
        return [(template + route[end:].replace("%", "%%"), tuple(parameters))]
    if isinstance(pattern, RegexPattern):
        return [
            (template, tuple((name, "regex") for name in names))
            for template, names in normalize(pattern.regex.pattern)
        ]
    raise AssertionError(f"unknown kind of pattern {pattern!r}: teach the fuzz to fill it")


def _walk(entries, template, parameters, namespace):
    for entry in entries:
        for piece, piece_parameters in _pieces(entry.pattern):
            if isinstance(entry, URLResolver):
                inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                yield from _walk(
                    entry.url_patterns, template + piece, parameters + piece_parameters, inner
                )
            else:
                name = entry.name or entry.lookup_str
                yield Route(f"{namespace}{name}", template + piece, parameters + piece_parameters)


def all_routes():
    """Every URL pattern of the site, once per language for those under a language prefix."""
    routes = {}
    for language in LANGUAGES:
        with translation.override(language):
            for route in _walk(get_resolver().url_patterns, "/", (), ""):
                routes.setdefault(route.template, route)
    return list(routes.values())


def public_routes():
    return [route for route in all_routes() if not route.is_admin]


@pytest.fixture
def site(settings, tmp_path):
    """A small site with something behind every kind of page, published and draft, and the
    values that fill the URL patterns for real."""
    settings.MEDIA_ROOT = tmp_path
    section = make_section()
    issue = make_issue(number=7, date=datetime.date(2019, 12, 31))
    draft_issue = make_issue(number=8, date=datetime.date(2020, 1, 31), published=False)
    partnership = make_partnership(slug="ocean")
    organisation = make_organisation(slug="wri")
    make_convenor(partnership=partnership, organisation=organisation)
    article = make_article(issue=issue, section=section, slug="green-finance")
    article.partnerships.add(partnership)
    make_article(issue=issue, section=section, slug="draft-news", published=False)
    make_article(issue=draft_issue, section=section, slug="next-month")
    speaker = make_person(slug="erik-solheim")
    make_quote(article=article, person=speaker, text_zh_hans="海洋是共同的家园。")
    make_person(slug="unquoted")
    event = make_event(slug="ocean-forum", country="NO")
    event.partnerships.add(partnership)
    event.organisers.add(organisation)
    make_event(slug="draft-event", published=False)
    make_report(slug="green-finance-report")
    make_report(slug="draft-report", published=False)
    slugs = [
        *Article.objects.values_list("slug", flat=True),
        *Person.objects.values_list("slug", flat=True),
        *Organisation.objects.values_list("slug", flat=True),
        *ThematicPartnership.objects.values_list("slug", flat=True),
        *Event.objects.values_list("slug", flat=True),
        *Report.objects.values_list("slug", flat=True),
    ]
    numbers = [str(n) for n in Issue.objects.values_list("number", flat=True)]
    primary_keys = [str(article.pk), str(issue.pk), str(speaker.pk)]
    app_labels = sorted({model._meta.app_label for model in admin.site._registry})
    return {
        "slug": slugs,
        "number": numbers,
        "year": sorted({"2019", "2020", str(event.start_date.year)}),
        "month": ["12", "1", f"{event.start_date.month:02d}"],
        "int": primary_keys,
        "path": primary_keys + slugs[:2],
        "str": primary_keys + slugs[:2],
        "regex": app_labels + primary_keys,
        "query": {
            "q": ["海洋", "ocean", "Solheim"],
            "kind": ["article", "meeting", "quote"],
            "year": ["2019"],
            "partnership": ["ocean"],
            "organiser": ["wri"],
            "country": ["NO"],
            "page": ["1", "2"],
            "p": ["1"],
        },
    }


# Values that match a converter but name nothing, or stretch it to its limits.
ODD_VALUES = {
    "int": ["0", "1", str(2**31), str(2**63 - 1), str(2**63), str(10**30)],
    "number": ["0", "000000", "999999", "000007"],
    "year": ["0000", "0001", "1899", "1900", "2100", "2101", "9999"],
    "month": ["0", "00", "1", "01", "13", "99"],
    "slug": ["a" * 10_000, "-", "_", "0", "A"],
    "path": ["a/b/c", "x" * 10_000],
}


def real_values(kind, site):
    return site.get(kind) or [value for key in ("slug", "number", "int") for value in site[key]]


def odd_values(kind):
    return ODD_VALUES.get(kind) or [value for values in ODD_VALUES.values() for value in values]


def path_values(route, site, rng, hostile_count):
    """Parameter values for a route: every real value, every odd value and a sample of hostile
    values for each parameter in turn, the others real; then hostile values in every place."""
    if not route.parameters:
        yield {}
        return
    names = [name for name, _kind in route.parameters]
    real = {name: real_values(kind, site) for name, kind in route.parameters}
    for name, kind in route.parameters:
        for value in [*real[name], *odd_values(kind), *rng.sample(HOSTILE, hostile_count)]:
            yield {other: real[other][0] for other in names} | {name: value}
    # Every real combination, so that nested pages (an article in its issue) are reached.
    for _ in range(4 * len(names)):
        yield {name: rng.choice(real[name]) for name in names}
    for _ in range(hostile_count):
        yield {name: rng.choice(HOSTILE) for name in names}


def hostile_query(rng, site):
    """A query string of known parameters with real, hostile or repeated values."""
    pairs = []
    for name in rng.sample(QUERY_PARAMETERS, rng.randint(1, 4)):
        for _ in range(rng.choice([1, 1, 1, 2])):
            real = site["query"].get(name)
            value = rng.choice(real) if real and rng.random() < 0.3 else rng.choice(HOSTILE)
            pairs.append(f"{name}={value}")
    shape = rng.random()
    if shape < 0.05:
        pairs.append(rng.choice(HOSTILE))  # a parameter with no "="
    elif shape < 0.1:
        pairs.append(f"{rng.choice(HOSTILE)}={rng.choice(HOSTILE)}")  # a hostile name
    return "&".join(pairs)


class Probe:
    """Sends requests and keeps what went wrong: a 5xx, an exception, a 404 page that is not
    the site's, a secret or markup from the request reflected in the page."""

    def __init__(self, client):
        self.client = client
        self.problems = []
        self.statuses = {}
        self.count = 0

    def request(self, method, url, route=None, *, body=None, content_type=None, **kwargs):
        """A request; a body is sent as it is, whatever its content type claims."""
        self.count += 1
        try:
            if body is None:
                response = getattr(self.client, method)(url, **kwargs)
            else:
                response = self.client.generic(method.upper(), url, body, content_type)
        except Exception as error:  # the test client re-raises what the view raised
            self.problems.append(f"{method.upper()} {url[:300]!r}: raised {error!r}"[:600])
            return None
        if route is not None:
            self.statuses.setdefault(route.name, set()).add(response.status_code)
        problem = self.judge(response)
        if problem:
            self.problems.append(f"{method.upper()} {url[:300]!r}: {problem}")
        return response

    def judge(self, response):
        status = response.status_code
        if status >= 500:
            return f"answered {status}"
        if getattr(response, "streaming", False):
            return None
        content_type = response.get("Content-Type", "")
        if not content_type.startswith(("text/", "application/")):
            return None
        body = response.content.decode("utf-8", errors="replace")
        site_page = 'class="site-header"' in body and "<title>" in body
        if status == 404 and content_type.startswith("text/html") and not site_page:
            return "a 404 without the site's 404 page"
        if settings.SECRET_KEY in body:
            return "the secret key is in the page"
        if REFLECTED_MARKUP in body:
            return "markup from the request reached the page unescaped"
        return None

    def assert_clean(self):
        shown = "\n".join(self.problems[:30])
        assert not self.problems, f"{len(self.problems)} of {self.count} requests:\n{shown}"


def test_the_fuzz_finds_every_pattern_in_both_languages():
    """The enumeration is not blind: it sees the site's pages and the admin in each language,
    fills the site's own converters, and a new pattern in any urls.py would be among them."""
    routes = all_routes()
    templates = {route.template for route in routes}
    names = {route.name for route in routes}
    for language in LANGUAGES:
        with translation.override(language):
            assert reverse("alliance:home") in templates
            assert reverse("admin:login") in templates
        assert f"/{language}/issues/%(number)s/%(slug)s/" in templates
        assert f"/{language}/events/%(year)s/%(month)s/" in templates
    assert {"health", "robots-txt", "sitemap", "alliance:search", "events:organiser-feed"} <= names
    article = next(r for r in routes if r.template == "/en/issues/%(number)s/%(slug)s/")
    assert article.parameters == (("number", "number"), ("slug", "slug"))
    assert any(kind == "regex" for route in routes for _name, kind in route.parameters)
    assert any(kind == "path" for route in routes for _name, kind in route.parameters)


def test_every_public_pattern_answers_hostile_path_values_without_a_server_error(client, site):
    probe = Probe(client)
    rng = random.Random(20190531)
    for route in public_routes():
        for values in path_values(route, site, rng, hostile_count=6):
            probe.request("get", route.url(values), route)
        # Without its language prefix, a page is found through a redirect or not at all.
        bare = route.without_language()
        if bare:
            for values in list(path_values(route, site, rng, hostile_count=2))[:3]:
                probe.request("get", bare % values)
    probe.assert_clean()
    # The real values reached every view, not only the resolver's 404.
    unreached = [name for name, statuses in probe.statuses.items() if min(statuses) >= 400]
    assert not unreached, f"no request reached these views: {unreached}"
    assert probe.count < 3000, probe.count


def test_every_public_page_answers_hostile_query_strings_without_a_server_error(client, site):
    probe = Probe(client)
    rng = random.Random(20191231)
    for route in public_routes():
        url = reachable_url(client, route, site)
        for _ in range(8):
            probe.request("get", f"{url}?{hostile_query(rng, site)}", route)
        # More fields than Django reads is a 400.
        probe.request("get", f"{url}?" + "&".join(f"q{n}=x" for n in range(1_500)), route)
    probe.assert_clean()


class ReadParameters:
    """Records the query parameters a request reads, so that the fuzz gives every hostile value
    to each parameter a page really reads, with the others real."""

    def __init__(self, monkeypatch):
        self.names = set()
        for method in ("get", "__getitem__", "getlist", "__contains__"):
            monkeypatch.setattr(QueryDict, method, self.recording(getattr(QueryDict, method)))

    def recording(self, original):
        def method(querydict, key, *args, **kwargs):
            if not querydict._mutable:  # a request's, built: QueryDict reads itself as it fills
                self.names.add(key)
            return original(querydict, key, *args, **kwargs)

        return method

    def read_by(self, client, url):
        self.names = set()
        client.get(url)
        return set(self.names)


def reachable_url(client, route, site):
    """The route filled with real values that answer 200, or with the first real values."""
    names = [name for name, _kind in route.parameters]
    pools = [real_values(kind, site) for _name, kind in route.parameters]
    candidates = [
        route.url(dict(zip(names, values, strict=True))) for values in itertools.product(*pools)
    ]
    return next((url for url in candidates if client.get(url).status_code == 200), candidates[0])


def valid_query(client, url, names, site):
    """Real values for the parameters named, each kept only if the page still answers 200."""
    chosen = {}
    for name in sorted(names):
        for value in site["query"].get(name, []):
            if client.get(f"{url}?{urlencode(chosen | {name: value})}").status_code == 200:
                chosen[name] = value
                break
    return chosen


def test_every_query_parameter_a_page_reads_gets_every_hostile_value(client, site, monkeypatch):
    probe = Probe(client)
    recorder = ReadParameters(monkeypatch)
    rng = random.Random(20190630)
    views, reads = set(), {}
    for route in public_routes():
        url = reachable_url(client, route, site)
        view = resolve(urlsplit(url).path)._func_path
        if view in views:
            continue  # the same view under another pattern or language reads the same
        views.add(view)
        every_real = urlencode({name: values[0] for name, values in site["query"].items()})
        # Any name a page reads, even one this list does not know yet.
        names = recorder.read_by(client, f"{url}?{every_real}")
        reads[route.name] = names
        query = valid_query(client, url, names, site)
        for name in sorted(names):
            for value in HOSTILE:
                others = "&".join(f"{k}={quote(v)}" for k, v in query.items() if k != name)
                probe.request("get", f"{url}?{others}&{name}={value}", route)
            # The parameter given twice, once real and once hostile.
            probe.request("get", f"{url}?{urlencode(query)}&{name}={rng.choice(HOSTILE)}", route)
    probe.assert_clean()
    # The recorder is not blind: it saw the search form and the calendar's filters read.
    assert {"q", "kind", "year", "partnership", "page"} <= reads["alliance:search"]
    assert {"partnership", "organiser", "kind", "country"} <= reads["events:event-month"]


def test_staff_previews_answer_hostile_preview_tokens_and_queries(staff_client, site):
    """Staff see drafts too: their pages take another path through every detail view."""
    probe = Probe(staff_client)
    rng = random.Random(20190101)
    for route in public_routes():
        for values in list(path_values(route, site, rng, hostile_count=2))[:5]:
            url = route.url(values)
            probe.request("get", url, route)
            probe.request("get", f"{url}?preview={rng.choice(HOSTILE)}", route)
            probe.request("get", f"{url}?{hostile_query(rng, site)}", route)
    probe.assert_clean()


def test_anonymous_requests_to_every_admin_pattern_go_to_the_login_page(client, site):
    probe = Probe(client)
    rng = random.Random(20190415)
    for route in all_routes():
        if not route.is_admin:
            continue
        for values in list(path_values(route, site, rng, hostile_count=1))[:2]:
            probe.request("get", route.url(values), route)
    probe.assert_clean()
    for name, statuses in probe.statuses.items():
        assert statuses <= {200, 302, 404}, (name, statuses)


# Parameters of the admin's own, beyond those its pages link to.
ADMIN_PARAMETERS = ["o", "p", "q", "e", "_popup", "_to_field", "_changelist_filters", "all"]


def django_admin_bug(name, value):
    """Input that Django 5.2's own admin answers with a 500 (see the strict xfail tests below):
    left out of the fuzz, so that it reports what is new."""
    if name == "_to_field":
        return value == ""
    if name.endswith("__year"):
        try:
            return not 1 <= int(value) <= 9998
        except ValueError:
            return False
    return False


def linked_parameters(response):
    """The query parameters a page links to: an admin list's filters, sorting and pages."""
    hrefs = re.findall(r'href="\?([^"#]*)"', response.content.decode())
    return {name for href in hrefs for name, _ in parse_qsl(html.unescape(href), True)}


def test_staff_admin_lists_and_pages_answer_hostile_query_strings(staff_client, site, monkeypatch):
    """The editors' lists, with their filters (the app's own among them), and the admin pages
    the app adds."""
    probe = Probe(staff_client)
    recorder = ReadParameters(monkeypatch)
    rng = random.Random(20190808)
    every_real = urlencode({name: values[0] for name, values in site["query"].items()})
    for route in all_routes():
        own_view = not route.name.startswith("admin:")
        if not route.is_admin or not (route.name.endswith("_changelist") or own_view):
            continue
        url = reachable_url(staff_client, route, site)
        response = staff_client.get(url)
        if response.status_code != 200:
            continue
        names = recorder.read_by(staff_client, f"{url}?{every_real}")
        names |= linked_parameters(response) | set(ADMIN_PARAMETERS)
        for name in sorted(names):
            for value in rng.sample(HOSTILE, 2):
                if not django_admin_bug(name, unquote(value)):
                    probe.request("get", f"{url}?{name}={value}", route)
    probe.assert_clean()
    assert probe.count > 300, probe.count


@pytest.mark.xfail(
    strict=True, reason="Django 5.2: ChangeList's date_hierarchy lets OverflowError through"
)
def test_django_admin_date_hierarchy_overflow(staff_client):
    staff_client.get(f"/en/admin/newsletters/issue/?date__year={10**30}")


@pytest.mark.xfail(strict=True, reason="Django 5.2: a year lookup out of range raises ValueError")
def test_django_admin_year_lookup_out_of_range(staff_client):
    staff_client.get("/en/admin/newsletters/article/?date__year=0")


@pytest.mark.xfail(
    strict=True, reason="Django 5.2: an empty _to_field reaches Options.get_field('')"
)
def test_django_admin_empty_to_field(staff_client):
    article = make_article()
    staff_client.get(f"/en/admin/newsletters/article/{article.pk}/change/?_to_field=")


def test_a_preview_link_forged_or_made_for_another_page_shows_nothing(client, site):
    article = Article.objects.select_related("issue").get(slug="next-month")  # a draft issue's
    drafts = [article, article.issue, Event.objects.get(slug="draft-event")]
    probe = Probe(client)
    for draft in drafts:
        token = preview_token(draft)
        forged = [
            *(preview_token(other) for other in drafts if other != draft),
            token[:-3] + ("abc" if not token.endswith("abc") else "xyz"),
            signing.dumps([draft._meta.label_lower, draft.pk], salt="another salt"),
        ]
        url = draft.get_absolute_url()
        for value in [*HOSTILE, *(quote(f) for f in forged)]:
            response = probe.request("get", f"{url}?preview={value}")
            # Not found, or refused outright (a NUL has no business in a query string).
            assert response is None or response.status_code in (400, 404), (url, value)
        # The real link opens the page: the refusals above are the tokens', not the page's.
        assert client.get(f"{url}?preview={quote(token)}").status_code == 200, url
    probe.assert_clean()


GARBAGE_BODIES = [
    ("application/x-www-form-urlencoded", b"q=%ff%fe&page=10000000000000000000000000000"),
    ("application/x-www-form-urlencoded", b"\xff\xfe\x00" * 100),
    ("application/x-www-form-urlencoded", b"=&&==&%&%zz=%00"),
    ("multipart/form-data; boundary=xyz", b"--xyz\r\nContent-Disposition: form-data\r\n\r\n"),
    ("multipart/form-data", b"no boundary at all"),
    ("multipart/form-data; boundary=" + "b" * 10_000, b"--"),
    ("application/json", b'{"q": "\\ud800", "page": 1e309}'),
    ("application/x-www-form-urlencoded; charset=utf-1000", b"q=%ff&page=2"),
    ("application/x-www-form-urlencoded; charset=utf-16", b"q=\xff\xfe\x00"),
    ("text/plain", b"{{ settings.SECRET_KEY }}"),
]


def garbage_posts(rng):
    bodies = [*GARBAGE_BODIES]
    fields = {name: rng.choice(HOSTILE) for name in rng.sample(QUERY_PARAMETERS, 4)}
    bodies.append(("application/x-www-form-urlencoded", urlencode(fields).encode()))
    return bodies


def test_garbage_posted_to_every_public_page_is_refused_cleanly(site):
    """No public page takes a POST; each says so (405), or refuses what it cannot read (400),
    with or without the CSRF check in the way."""
    rng = random.Random(20190909)
    for client, bodies in ((Client(), None), (Client(enforce_csrf_checks=True), 3)):
        probe = Probe(client)
        client.get("/zh-hans/")  # a CSRF cookie, as a visitor's browser would have one
        for route in public_routes():
            url = reachable_url(client, route, site)
            posts = garbage_posts(rng)
            for content_type, body in rng.sample(posts, bodies or len(posts)):
                probe.request("post", url, route, body=body, content_type=content_type)
        probe.assert_clean()
    big = b"q=" + b"a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    many = "&".join(f"f{n}=x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    probe = Probe(Client())
    for url in ("/zh-hans/", "/en/search/", "/zh-hans/events/calendar.ics"):
        for body in (big, many.encode()):
            probe.request("post", url, body=body, content_type="application/x-www-form-urlencoded")
        for method in ("put", "patch", "delete", "options", "head", "trace"):
            probe.request(method, url)
    probe.assert_clean()


LOGIN_VALUES = [
    "a" * 10_000,
    "editor\x00",
    "\x00",
    "' OR 1=1 --",
    '"; DROP TABLE auth_user; --',
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "<script>alert(1)</script>",
    "\u202eroot\u202c",
    "🌏🌱",
    "e\u0301\u0308",
    "",
]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_admin_login_form_refuses_hostile_input_with_a_form_error(
    django_user_model, site, language
):
    django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    with translation.override(language):
        url = reverse("admin:login")
    client = Client(enforce_csrf_checks=True)
    probe = Probe(client)
    rng = random.Random(language)
    client.get(url)
    token = client.cookies["csrftoken"].value
    for username in LOGIN_VALUES:
        password = rng.choice(LOGIN_VALUES)
        response = probe.request(
            "post",
            url,
            data={"csrfmiddlewaretoken": token, "username": username, "password": password},
        )
        assert response is None or response.status_code in (200, 400), username
    # Bytes that are not UTF-8, and fields given twice, straight in the body.
    for body in (
        f"csrfmiddlewaretoken={token}&username=%ff%fe%c0%af%ed%a0%80&password=%00".encode(),
        f"csrfmiddlewaretoken={token}&username=a&username=b&password[]=x".encode(),
        b"username=editor&password=pw",  # no token: refused by the CSRF check
    ):
        probe.request("post", url, body=body, content_type="application/x-www-form-urlencoded")
    probe.assert_clean()
    assert "_auth_user_id" not in client.session

    # Logged in, a hostile "next" never leads to another site.
    for target in ["//evil.example/", "https://evil.example/", "javascript:alert(1)", "/\\evil"]:
        client = Client()
        client.get(url)
        response = client.post(
            f"{url}?next={quote(target)}",
            {"username": "editor", "password": "pw", "next": target},
        )
        assert response.status_code == 302, target
        assert not urlsplit(response["Location"]).netloc, response["Location"]
        assert not response["Location"].lower().startswith("javascript:")


def png_of_size(total_bytes):
    """A real 400 × 300 PNG followed by padding up to the size given: an image Pillow opens,
    too heavy for the site."""
    raw = b"".join(b"\x00" + b"\x80" * 400 * 3 for _ in range(300))

    def chunk(kind, data):
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    picture = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 400, 300, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
    return picture + bytes(total_bytes - len(picture))


def test_a_60_mb_upload_to_the_article_form_is_refused_with_a_form_error(
    staff_client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    article = make_article(title_zh_hans="原标题")
    url = reverse("admin:newsletters_article_change", args=[article.pk])
    data = admin_form_data(staff_client.get(url))
    data.update(
        title_zh_hans="新标题",
        image=SimpleUploadedFile("huge.png", png_of_size(60 * MEGABYTE), "image/png"),
        image_alt_zh_hans="图片",
    )

    response = staff_client.post(url, data)

    assert response.status_code in (200, 400)
    if response.status_code == 200:
        errors = response.context["adminform"].form.errors.as_data()
        assert [error.code for error in errors["image"]] == ["file_too_large"], errors
    article.refresh_from_db()
    assert article.title_zh_hans == "原标题" and not article.image
    assert not default_storage.exists("articles")


def test_a_60_mb_report_pdf_is_refused_with_a_form_error(staff_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    report = make_report()
    url = reverse("admin:alliance_report_change", args=[report.pk])
    data = admin_form_data(staff_client.get(url))
    huge = b"%PDF-1.7\n" + bytes(60 * MEGABYTE)
    data["pdf"] = SimpleUploadedFile("report.pdf", huge, "application/pdf")

    response = staff_client.post(url, data)

    assert response.status_code in (200, 400)
    if response.status_code == 200:
        errors = response.context["adminform"].form.errors.as_data()
        assert [error.code for error in errors["pdf"]] == ["file_too_large"], errors
    report.refresh_from_db()
    assert not default_storage.exists("reports")
