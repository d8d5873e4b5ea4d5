"""Discovery and sharing: article feeds, the sitemap, robots.txt, and what page heads tell
search engines and link previews (canonical and language links, Open Graph, JSON-LD)."""

import datetime
import html
import io
import json
import re
import types
import xml.etree.ElementTree as ElementTree
import zoneinfo
from urllib.parse import urlsplit

import feedparser
import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from alliance.content import load_content
from alliance.models import Organisation, Person, Report
from alliance.renditions import rendition
from events.models import Event
from newsletters.models import Article, Issue
from partnerships.models import ThematicPartnership
from tests.factories import (
    make_article,
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

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
PUBLISHED_AT = datetime.datetime(2019, 6, 30, 9, 0, tzinfo=SHANGHAI)
LANGUAGES = ["zh-hans", "en"]
FEED_FORMATS = ["rss", "atom"]
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
SCRIPT_BREAKOUT = "</script><script>alert(1)</script>"


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (120, 63), "seagreen").save(buffer, "PNG")
    return buffer.getvalue()


def shared(image):
    """The address link previews and search engines get for an image: its og rendition."""
    return absolute(rendition(image, "og").url)


@pytest.fixture
def attach_image(settings, tmp_path):
    """Stores a real PNG through an ImageField, in a media folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path

    def attach(field_file, name="picture.png"):
        field_file.save(name, ContentFile(png_bytes()), save=True)
        return field_file

    return attach


@pytest.fixture
def journal():
    """One published issue with a partnership's article and a reprint, and what must stay hidden:
    a draft article, an article of a future-dated issue and one of a draft issue."""
    partnership = make_partnership(slug="ocean", name_zh_hans="海洋", name_en="Ocean")
    issue = make_issue(
        number=7, published_at=PUBLISHED_AT, title_zh_hans="第七期", title_en="Issue seven"
    )
    section = make_section(name_zh_hans="联盟动态", name_en="Coalition news")
    contributed = make_article(
        issue=issue,
        section=section,
        position=1,
        slug="ocean-launch",
        title_zh_hans="海洋专题启动",
        title_en="Ocean partnership launched",
        lead_zh_hans="海洋导语",
        lead_en="The ocean lead",
        body_zh_hans="<p>海洋正文</p>",
        body_en="<p>The ocean body</p>",
        contributing_partnership=partnership,
    )
    contributed.partnerships.add(partnership)
    reprint = make_article(
        issue=issue,
        section=section,
        position=2,
        slug="reprint",
        title_zh_hans="转载新闻",
        title_en="Reprinted news",
        body_zh_hans="<p>新闻正文" + "很长" * 200 + "</p>",
        reprinted_from_zh_hans="新华网",
        reprinted_from_en="Xinhua",
    )
    hidden = [
        make_article(issue=issue, published=False, title_zh_hans="草稿文章", title_en="Draft"),
        make_article(
            issue=make_issue(published_at=timezone.now() + datetime.timedelta(days=1)),
            title_zh_hans="未来文章",
            title_en="Future",
        ),
        make_article(
            issue=make_issue(published=False), title_zh_hans="草稿期文章", title_en="Draft issue"
        ),
    ]
    for article in hidden:
        article.partnerships.add(partnership)
    return types.SimpleNamespace(
        partnership=partnership,
        issue=issue,
        contributed=contributed,
        reprint=reprint,
        hidden=hidden,
    )


def fetch_feed(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, (path, feed.get("bozo_exception"))
    return response, feed


def feed_path(language, scope, feed_format):
    return {
        "site": f"/{language}/feeds/articles.{feed_format}",
        "partnership": f"/{language}/partnerships/ocean/feed.{feed_format}",
        "issue": f"/{language}/issues/7/feed.{feed_format}",
    }[scope]


def absolute(path):
    return f"http://testserver{path}"


def local_path(url):
    """The path of one of the site's absolute addresses, for the test client."""
    parts = urlsplit(url)
    assert parts.netloc == "testserver", url
    return parts.path


def in_language(language, path):
    return f"/{language}/{path.split('/', 2)[2]}"


def published_at(entry):
    return datetime.datetime(*entry.published_parsed[:6], tzinfo=datetime.UTC)


# Feeds


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("feed_format", FEED_FORMATS)
@pytest.mark.parametrize(
    "scope, expected",
    [
        ("site", ["contributed", "reprint"]),
        ("partnership", ["contributed"]),
        ("issue", ["contributed", "reprint"]),
    ],
)
def test_every_feed_parses_and_lists_only_published_articles_in_its_language(
    client, journal, language, feed_format, scope, expected
):
    response, feed = fetch_feed(client, feed_path(language, scope, feed_format))

    assert response["Content-Type"].startswith(f"application/{feed_format}+xml")
    assert feed.version == ("rss20" if feed_format == "rss" else "atom10")
    assert feed.feed.language == language
    articles = [getattr(journal, name) for name in expected]
    field = "title_en" if language == "en" else "title_zh_hans"
    assert [entry.title for entry in feed.entries] == [getattr(a, field) for a in articles]
    assert [entry.link for entry in feed.entries] == [
        absolute(in_language(language, a.get_absolute_url())) for a in articles
    ]
    assert len({entry.id for entry in feed.entries}) == len(feed.entries)
    for entry in feed.entries:
        assert published_at(entry) == PUBLISHED_AT
        if feed_format == "atom":
            assert entry.updated_parsed == entry.published_parsed
        assert client.get(local_path(entry.link)).status_code == 200


@pytest.mark.parametrize("feed_format", FEED_FORMATS)
def test_feed_items_carry_summary_full_text_source_and_categories(client, journal, feed_format):
    _, feed = fetch_feed(client, feed_path("en", "issue", feed_format))
    contributed, reprint = feed.entries

    assert contributed.summary == "The ocean lead"
    assert contributed.content[0].value == "<p>The ocean body</p>"
    assert "Ocean" in contributed.author
    assert {tag.term for tag in contributed.tags} == {"Ocean", "Coalition news"}
    assert reprint.author == "Xinhua"
    # No lead and no English text: the Chinese text shows, cut short, as plain text.
    assert reprint.summary.startswith("新闻正文很长") and reprint.summary.endswith("…")
    assert "<p>" not in reprint.summary and len(reprint.summary) <= 200


def test_an_article_without_a_source_is_credited_to_the_secretariat(client):
    article = make_article(title_en="Our own news")
    _, feed = fetch_feed(client, f"/en/issues/{article.issue.number}/feed.atom")
    assert "Secretariat" in feed.entries[0].author


@pytest.mark.parametrize("feed_format", FEED_FORMATS)
def test_titles_with_markup_characters_reach_the_reader_unchanged(client, feed_format):
    article = make_article(title_zh_hans="A & B <绿色> 丝路")
    _, feed = fetch_feed(client, f"/zh-hans/issues/{article.issue.number}/feed.{feed_format}")
    title = feed.entries[0].title_detail
    # RSS readers take a title for HTML, Atom ones for text, as each format says.
    assert title.type == ("text/html" if feed_format == "rss" else "text/plain")
    text = html.unescape(title.value) if title.type == "text/html" else title.value
    assert text == "A & B <绿色> 丝路"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("feed_format", FEED_FORMATS)
def test_an_article_image_is_an_enclosure(client, journal, attach_image, language, feed_format):
    image = attach_image(journal.contributed.image, "ocean.png")
    _, feed = fetch_feed(client, feed_path(language, "site", feed_format))
    with_image, without_image = feed.entries

    (enclosure,) = with_image.enclosures
    assert enclosure.href == absolute(image.url)
    assert enclosure.length == str(image.size)
    assert enclosure.type == "image/png"
    assert without_image.enclosures == []


def test_an_image_missing_from_storage_leaves_the_feed_working(client, journal, attach_image):
    image = attach_image(journal.contributed.image)
    image.storage.delete(image.name)
    _, feed = fetch_feed(client, feed_path("en", "site", "rss"))
    assert [entry.enclosures for entry in feed.entries] == [[], []]


@pytest.mark.parametrize("feed_format", FEED_FORMATS)
def test_feeds_of_unknown_or_unpublished_things_are_404(client, journal, feed_format):
    future = journal.hidden[1].issue
    draft = journal.hidden[2].issue
    for path in (
        f"/en/partnerships/no-such-partnership/feed.{feed_format}",
        f"/zh-hans/issues/999/feed.{feed_format}",
        f"/en/issues/{future.number}/feed.{feed_format}",
        f"/en/issues/{draft.number}/feed.{feed_format}",
    ):
        assert client.get(path).status_code == 404, path


@pytest.mark.parametrize("feed_format", FEED_FORMATS)
def test_every_feed_of_the_real_archive_parses(client, feed_format):
    load_content()
    paths = [f"/{language}/feeds/articles.{feed_format}" for language in LANGUAGES]
    for language in LANGUAGES:
        paths += [
            f"/{language}/partnerships/{slug}/feed.{feed_format}"
            for slug in ThematicPartnership.objects.values_list("slug", flat=True)
        ]
        paths += [
            f"/{language}/issues/{number}/feed.{feed_format}"
            for number in Issue.objects.published().values_list("number", flat=True)
        ]
    for path in paths:
        _, feed = fetch_feed(client, path)
        assert feed.entries, path


def grow_journal(journal, articles=5):
    """More articles, with partnerships and images, in more issues: query counts must not grow."""
    for _ in range(2):
        issue = make_issue(published_at=PUBLISHED_AT - datetime.timedelta(days=30))
        for _ in range(articles):
            article = make_article(
                issue=issue, contributed_by=make_organisation(), image="articles/absent.png"
            )
            article.partnerships.add(journal.partnership, make_partnership())
    for _ in range(articles):
        article = make_article(issue=journal.issue, reprinted_from_zh_hans="新华网")
        article.partnerships.add(journal.partnership)


@pytest.mark.parametrize("feed_format", FEED_FORMATS)
def test_feed_query_counts_do_not_grow(client, journal, feed_format, django_assert_num_queries):
    counts = {"site": 2, "partnership": 3, "issue": 3}
    for scope, count in counts.items():
        with django_assert_num_queries(count):
            client.get(feed_path("en", scope, feed_format))
    grow_journal(journal)
    for scope, count in counts.items():
        with django_assert_num_queries(count):
            client.get(feed_path("en", scope, feed_format))


def feed_links(page):
    return re.findall(
        r'<link rel="alternate" type="application/(rss|atom)\+xml" title="[^"]+" href="([^"]+)">',
        page,
    )


def test_pages_advertise_the_site_feed_and_their_own(client, journal):
    home = client.get("/en/").content.decode()
    partnership = client.get("/zh-hans/partnerships/ocean/").content.decode()
    issue = client.get("/en/issues/7/").content.decode()

    site_feeds = [("rss", "/en/feeds/articles.rss"), ("atom", "/en/feeds/articles.atom")]
    assert feed_links(home) == site_feeds
    assert feed_links(partnership) == [
        ("rss", "/zh-hans/feeds/articles.rss"),
        ("atom", "/zh-hans/feeds/articles.atom"),
        ("rss", "/zh-hans/partnerships/ocean/feed.rss"),
        ("atom", "/zh-hans/partnerships/ocean/feed.atom"),
    ]
    assert feed_links(issue) == [
        *site_feeds,
        ("rss", "/en/issues/7/feed.rss"),
        ("atom", "/en/issues/7/feed.atom"),
    ]
    for page in (home, partnership, issue):
        for _, path in feed_links(page):
            fetch_feed(client, path)


# The sitemap and robots.txt


def read_sitemap(client):
    """The sitemap's entries: {address: (lastmod or None, {hreflang: address})}."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{SITEMAP}urlset"
    entries = {}
    for url in root.findall(f"{SITEMAP}url"):
        location = url.findtext(f"{SITEMAP}loc")
        assert location not in entries, location
        alternates = {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
        entries[location] = (url.findtext(f"{SITEMAP}lastmod"), alternates)
    return entries


def assert_every_address_answers(client, entries):
    addresses = set(entries)
    for _, alternates in entries.values():
        addresses.update(alternates.values())
    for address in sorted(addresses):
        assert client.get(local_path(address)).status_code == 200, address


def assert_bilingual(entries):
    for location, (_, alternates) in entries.items():
        assert set(alternates) == {"zh-hans", "en", "x-default"}, location
        assert location in (alternates["zh-hans"], alternates["en"])
        assert alternates["x-default"] == alternates["zh-hans"]
        assert alternates["zh-hans"] in entries and alternates["en"] in entries


def test_the_sitemap_lists_every_public_page_in_both_languages(client, journal):
    speaker = make_person(slug="solheim")
    make_quote(person=speaker, article=journal.contributed)
    unheard = make_person(slug="unheard")
    make_quote(person=unheard, article=journal.hidden[0])
    event = make_event(slug="ocean-forum")
    draft_event = make_event(slug="draft-event", published=False)
    make_report(slug="green-index")
    draft_report = make_report(slug="draft-report", published=False)
    hidden = [article.get_absolute_url() for article in journal.hidden] + [
        unheard.get_absolute_url(),
        draft_event.get_absolute_url(),
        draft_report.get_absolute_url(),
    ]

    entries = read_sitemap(client)

    assert_bilingual(entries)
    public = [
        "/",
        "/archive/",
        "/speakers/",
        "/partnerships/",
        "/reports/",
        "/events/",
        "/work-plan/",
        "/issues/7/",
        "/issues/7/ocean-launch/",
        "/issues/7/reprint/",
        "/speakers/solheim/",
        "/partnerships/ocean/",
        "/reports/green-index/",
        "/events/ocean-forum/",
    ]
    assert set(entries) == {absolute(f"/{lang}{path}") for path in public for lang in LANGUAGES}
    for path in hidden:
        for language in LANGUAGES:
            assert absolute(in_language(language, path)) not in entries, path

    assert entries[absolute("/en/issues/7/")][0] == "2019-06-30"
    assert entries[absolute("/zh-hans/issues/7/reprint/")][0] == "2019-06-30"
    assert entries[absolute("/en/events/ocean-forum/")][0] == (
        timezone.localdate(event.updated_at).isoformat()
    )
    assert entries[absolute("/en/reports/green-index/")][0] is None
    assert entries[absolute("/en/")][0] is None
    assert_every_address_answers(client, entries)


def test_the_sitemap_of_the_real_archive_answers_everywhere(client):
    load_content()
    entries = read_sitemap(client)

    assert_bilingual(entries)
    speakers = Person.objects.filter(quotes__isnull=False).distinct().count()
    pages = (
        7
        + Issue.objects.published().count()
        + Article.objects.published().count()
        + speakers
        + ThematicPartnership.objects.count()
        + Report.objects.published().count()
        + Event.objects.published().count()
        + Organisation.objects.count()
    )
    assert len(entries) == 2 * pages
    assert_every_address_answers(client, entries)


def test_the_sitemap_query_count_does_not_grow(client, journal, django_assert_num_queries):
    with django_assert_num_queries(7):
        client.get("/sitemap.xml")
    grow_journal(journal)
    make_quote(article=journal.contributed)
    make_event()
    make_report()
    with django_assert_num_queries(7):
        client.get("/sitemap.xml")


def test_robots_txt_keeps_crawlers_out_of_the_admin_and_names_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    disallowed = {line.split(":", 1)[1].strip() for line in lines if line.startswith("Disallow")}
    assert disallowed == {"/admin/", "/zh-hans/admin/", "/en/admin/"}
    assert "Sitemap: http://testserver/sitemap.xml" in lines


# What page heads say


def structured_data(page):
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.DOTALL)
    assert len(scripts) == 1, scripts
    data = json.loads(scripts[0])
    assert data["@context"] == "https://schema.org"
    return data


def meta_tags(page):
    """The page's <meta property|name=… content=…> values, HTML entities decoded."""
    return {
        key: html.unescape(value)
        for key, value in re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">', page)
    }


def test_an_article_page_describes_a_news_article(client, journal):
    data = structured_data(client.get("/en/issues/7/ocean-launch/").content.decode())
    address = absolute("/en/issues/7/ocean-launch/")

    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Ocean partnership launched"
    assert data["datePublished"] == "2019-06-30T09:00:00+08:00"
    assert data["dateModified"] == data["datePublished"]
    assert data["inLanguage"] == "en"
    assert data["articleSection"] == "Coalition news"
    assert data["author"] == {"@type": "Organization", "name": "Ocean Partnership"}
    assert data["publisher"]["@type"] == "Organization" and data["publisher"]["name"]
    assert data["isPartOf"]["@type"] == "PublicationIssue"
    assert data["isPartOf"]["issueNumber"] == "7"
    assert data["isPartOf"]["isPartOf"]["@type"] == "Periodical"
    assert data["isPartOf"]["isPartOf"]["name"] == "Green BRI Observer"
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": address}
    assert data["url"] == address
    assert "image" not in data


def test_an_untranslated_article_says_it_is_in_chinese(client):
    article = make_article(title_en="", body_en="")
    data = structured_data(
        client.get(in_language("en", article.get_absolute_url())).content.decode()
    )
    assert data["inLanguage"] == "zh-hans"


def test_a_title_cannot_break_out_of_the_structured_data(client):
    article = make_article(title_zh_hans=SCRIPT_BREAKOUT, lead_zh_hans=SCRIPT_BREAKOUT)
    page = client.get(article.get_absolute_url()).content.decode()

    assert "<script>alert(1)" not in page
    data = structured_data(page)
    assert data["headline"] == SCRIPT_BREAKOUT and data["description"] == SCRIPT_BREAKOUT


def test_an_issue_page_describes_a_publication_issue(client, journal, attach_image):
    cover = attach_image(journal.issue.cover_image, "cover.png")
    data = structured_data(client.get("/zh-hans/issues/7/").content.decode())

    assert data["@type"] == "PublicationIssue"
    assert data["issueNumber"] == "7"
    assert data["name"] == "第七期"
    assert data["datePublished"] == "2019-06-30T09:00:00+08:00"
    assert data["isPartOf"]["@type"] == "Periodical"
    assert data["image"] == shared(cover)


def test_an_event_page_describes_the_event_at_its_venue_time(client):
    event = make_event(
        slug="climate-week",
        title_en="Climate Week side event",
        start_date=datetime.date(2019, 9, 23),
        start_time=datetime.time(10, 0),
        end_time=datetime.time(12, 0),
        timezone="America/New_York",
        venue_en="UN Headquarters",
        city_en="New York",
        country="US",
        attendance=Event.Attendance.HYBRID,
        online_url="https://example.org/live",
        state=Event.State.POSTPONED,
    )
    event.organisers.add(make_organisation(name_en="World Resources Institute"))
    data = structured_data(client.get("/en/events/climate-week/").content.decode())

    assert data["@type"] == "Event"
    assert data["name"] == "Climate Week side event"
    assert data["startDate"] == "2019-09-23T10:00:00-04:00"
    assert data["endDate"] == "2019-09-23T12:00:00-04:00"
    assert data["eventStatus"] == "https://schema.org/EventPostponed"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    place, online = data["location"]
    assert place["@type"] == "Place" and place["name"] == "UN Headquarters"
    assert place["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "New York",
        "addressCountry": "US",
    }
    assert online == {"@type": "VirtualLocation", "url": "https://example.org/live"}
    assert [o["name"] for o in data["organizer"]] == ["World Resources Institute"]
    assert all(o["@type"] == "Organization" for o in data["organizer"])
    assert data["url"] == absolute("/en/events/climate-week/")


def test_an_all_day_event_has_dates_and_an_online_one_a_virtual_location(client):
    make_event(
        slug="webinar",
        start_date=datetime.date(2019, 11, 5),
        end_date=datetime.date(2019, 11, 6),
        attendance=Event.Attendance.ONLINE,
        online_url="https://example.org/webinar",
        state=Event.State.CANCELLED,
    )
    data = structured_data(client.get("/en/events/webinar/").content.decode())

    assert (data["startDate"], data["endDate"]) == ("2019-11-05", "2019-11-06")
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://example.org/webinar"}


def test_a_speaker_page_describes_a_person(client):
    person = make_person(slug="solheim", name_en="Erik Solheim", title_en="Senior Advisor, WRI")
    make_quote(person=person)
    data = structured_data(client.get("/en/speakers/solheim/").content.decode())

    assert data["@type"] == "Person"
    assert data["name"] == "Erik Solheim"
    assert data["jobTitle"] == "Senior Advisor, WRI"
    assert data["url"] == absolute("/en/speakers/solheim/")


def test_a_report_page_describes_a_report_by_its_organisations(client):
    report = make_report(
        slug="green-index",
        title_en="Green supply chain index",
        summary_en="An index of green supply chains.",
        progress=Report.Progress.PUBLISHED,
        published_on=datetime.date(2019, 12, 10),
    )
    report.research_organisations.add(make_organisation(name_en="Tsinghua University"))
    report.partnerships.add(make_partnership(name_en="Green supply chains"))
    data = structured_data(client.get("/en/reports/green-index/").content.decode())

    assert data["@type"] == "Report"
    assert data["name"] == "Green supply chain index"
    assert data["about"] == [{"@type": "Thing", "name": "Green supply chains"}]
    assert [a["name"] for a in data["author"]] == ["Tsinghua University"]
    assert data["datePublished"] == "2019-12-10"
    assert data["url"] == absolute("/en/reports/green-index/")


def test_the_home_page_describes_the_coalition(client):
    data = structured_data(client.get("/en/").content.decode())
    assert data["@type"] == "Organization"
    assert data["name"] == "Belt and Road Initiative International Green Development Coalition"
    assert data["url"] == absolute("/en/")


def test_an_article_with_an_image_is_shared_with_it(client, journal, attach_image):
    image = attach_image(journal.contributed.image, "ocean.png")
    page = client.get("/en/issues/7/ocean-launch/?utm_source=newsletter").content.decode()
    tags = meta_tags(page)

    assert tags["og:type"] == "article"
    assert tags["og:title"] == "Ocean partnership launched"
    assert tags["og:description"] == "The ocean lead"
    assert tags["og:url"] == absolute("/en/issues/7/ocean-launch/")
    assert tags["og:image"] == shared(image) != absolute(image.url)
    assert tags["og:site_name"] == "Green BRI Observer"
    assert tags["og:locale"] == "en_US" and tags["og:locale:alternate"] == "zh_CN"
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["article:published_time"] == "2019-06-30T09:00:00+08:00"
    assert structured_data(page)["image"] == shared(image)


def test_an_article_shares_its_issue_cover_or_else_no_image(client, journal, attach_image):
    tags = meta_tags(client.get("/zh-hans/issues/7/reprint/").content.decode())
    assert "og:image" not in tags and tags["twitter:card"] == "summary"
    assert tags["og:locale"] == "zh_CN" and tags["og:type"] == "article"

    cover = attach_image(journal.issue.cover_image, "cover.png")
    tags = meta_tags(client.get("/zh-hans/issues/7/reprint/").content.decode())
    assert tags["og:image"] == shared(cover)


def test_canonical_and_language_links_are_absolute_with_a_chinese_x_default(client, journal):
    page = client.get("/en/partnerships/ocean/?page=2").content.decode()

    assert '<link rel="canonical" href="http://testserver/en/partnerships/ocean/">' in page
    languages = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', page))
    assert languages == {
        "zh-hans": "http://testserver/zh-hans/partnerships/ocean/",
        "en": "http://testserver/en/partnerships/ocean/",
        "x-default": "http://testserver/zh-hans/partnerships/ocean/",
    }


def test_every_page_has_its_own_title_and_description(client, journal):
    speaker = make_person(slug="solheim")
    make_quote(person=speaker, article=journal.contributed)
    make_event(slug="ocean-forum", start_date=datetime.date(2019, 9, 23))
    make_report(slug="green-index")
    make_organisation(slug="wri")
    default = meta_tags(client.get("/en/").content.decode())["description"]
    assert default

    for path in (
        "/en/archive/",
        "/en/archive/2019/",
        "/en/issues/7/",
        "/en/issues/7/ocean-launch/",
        "/en/speakers/",
        "/en/speakers/solheim/",
        "/en/partnerships/",
        "/en/partnerships/ocean/",
        "/en/reports/",
        "/en/reports/green-index/",
        "/en/work-plan/",
        "/en/events/",
        "/en/events/2019/",
        "/en/events/2019/09/",
        "/en/events/ocean-forum/",
        "/en/organisations/wri/",
    ):
        page = client.get(path).content.decode()
        tags = meta_tags(page)
        assert tags["description"] and tags["description"] != default, path
        assert tags["og:description"] == tags["description"], path
        assert re.search(r"<title>.+ · Green BRI Observer</title>", page), path


def test_the_home_page_title_is_the_journal(client):
    page = client.get("/en/").content.decode()
    assert "<title>Green BRI Observer</title>" in page
    assert meta_tags(page)["og:title"] == "Green BRI Observer"


@pytest.mark.parametrize("kind", ["event", "report"])
def test_pages_with_structured_data_keep_their_query_counts(
    client, kind, django_assert_num_queries
):
    """Organisers, research organisations and partnerships in the JSON-LD come prefetched."""
    record = make_event() if kind == "event" else make_report()
    relation = record.organisers if kind == "event" else record.research_organisations
    relation.add(make_organisation())
    record.partnerships.add(make_partnership())
    url = in_language("en", record.get_absolute_url())
    with django_assert_num_queries(3):
        client.get(url)
    for _ in range(4):
        relation.add(make_organisation())
        record.partnerships.add(make_partnership())
    with django_assert_num_queries(3):
        client.get(url)
