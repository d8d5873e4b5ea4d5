"""RSS 2.0 and Atom feeds of the journal's articles: the latest, a partnership's, an issue's.

Each feed lives under a language prefix, so it is in that language, with Chinese where an
article has no translation, as on the site.
"""

import html
import mimetypes

from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.contrib.syndication.views import Feed, add_domain
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import feedgenerator
from django.utils.html import escape, strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext

from newsletters.models import Article, Issue
from partnerships.models import ThematicPartnership

LATEST_ARTICLES = 30
SUMMARY_LENGTH = 200
CONTENT_MODULE = "http://purl.org/rss/1.0/modules/content/"


class RssWithContent(feedgenerator.Rss201rev2Feed):
    """RSS 2.0 with each article's full text in content:encoded, beside its summary."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:content": CONTENT_MODULE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item["content"]:
            handler.addQuickElement("content:encoded", item["content"])


class AtomWithContent(feedgenerator.Atom1Feed):
    """Atom with each article's full text as its content, beside its summary."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item["content"]:
            handler.addQuickElement("content", item["content"], {"type": "html"})


def summary(article):
    """The article's lead, or the start of its text: plain text, however the body is marked up."""
    if article.lead:
        return article.lead
    return Truncator(html.unescape(strip_tags(article.body))).chars(SUMMARY_LENGTH)


class ArticleFeed(Feed):
    """What the article feeds share: an item per published article, in RSS 2.0."""

    feed_type = RssWithContent
    item_guid_is_permalink = True

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        # Django makes item links absolute but not enclosure addresses, which must be too.
        domain = get_current_site(request).domain
        for item in feed.items:
            item["enclosures"] = [
                feedgenerator.Enclosure(
                    add_domain(domain, enclosure.url, request.is_secure()),
                    enclosure.length,
                    enclosure.mime_type,
                )
                for enclosure in item["enclosures"]
            ]
        return feed

    def articles(self):
        return (
            Article.objects.published()
            .select_related("issue", "section", "contributed_by", "contributing_partnership")
            .prefetch_related("partnerships")
        )

    def author_name(self, obj):
        return settings.SITE_PUBLISHER

    def item_title(self, article):
        # RSS readers take a title for HTML, so it is escaped once more, as Django does by default.
        return escape(article.title)

    def item_description(self, article):
        return escape(summary(article))

    def item_extra_kwargs(self, article):
        # The body is sanitised when it is saved: it is safe to send as HTML.
        return {"content": article.body}

    def item_pubdate(self, article):
        return article.issue.published_at

    def item_updateddate(self, article):
        # Atom requires an update time for every entry; an article is not revised once published.
        return article.issue.published_at

    def item_author_name(self, article):
        return article.source_name() or settings.SITE_PUBLISHER

    def item_categories(self, article):
        return [partnership.name for partnership in article.partnerships.all()] + [
            article.section.name
        ]

    def item_enclosures(self, article):
        if not article.image:
            return []
        try:
            length = article.image.size
        except OSError:
            # An image lost from storage costs the item its enclosure, not the feed its answer.
            return []
        mime_type, _encoding = mimetypes.guess_type(article.image.name)
        return [
            feedgenerator.Enclosure(
                article.image.url, str(length), mime_type or "application/octet-stream"
            )
        ]


class AtomFormat:
    """The same feed in Atom, where a title is plain text and the description is a subtitle."""

    feed_type = AtomWithContent

    def subtitle(self, obj):
        return self.description(obj)

    def item_title(self, article):
        return article.title


class LatestArticlesFeed(ArticleFeed):
    def title(self, obj):
        return gettext("%(site)s: latest articles") % {"site": settings.SITE_NAME}

    def link(self, obj):
        return reverse("alliance:home")

    def description(self, obj):
        return gettext(
            "The monthly journal of the Belt and Road Initiative International Green "
            "Development Coalition."
        )

    def items(self, obj):
        return self.articles().order_by("-issue__published_at", "-issue__number", "position", "id")[
            :LATEST_ARTICLES
        ]


class LatestArticlesAtomFeed(AtomFormat, LatestArticlesFeed):
    pass


class PartnershipArticlesFeed(ArticleFeed):
    """The articles tagged with a thematic partnership, newest first."""

    def get_object(self, request, slug):
        return get_object_or_404(ThematicPartnership, slug=slug)

    def title(self, partnership):
        return gettext("%(site)s: %(name)s") % {
            "site": settings.SITE_NAME,
            "name": partnership.name,
        }

    def link(self, partnership):
        return partnership.get_absolute_url()

    def description(self, partnership):
        return gettext("Articles of the journal on the %(name)s Partnership.") % {
            "name": partnership.name
        }

    def items(self, partnership):
        return (
            self.articles()
            .filter(partnerships=partnership)
            .order_by("-issue__published_at", "-issue__number", "position", "id")[:LATEST_ARTICLES]
        )


class PartnershipArticlesAtomFeed(AtomFormat, PartnershipArticlesFeed):
    pass


class IssueArticlesFeed(ArticleFeed):
    """The articles of one published issue, in the order of its contents."""

    def get_object(self, request, number):
        return get_object_or_404(Issue.objects.published(), number=number)

    def title(self, issue):
        return gettext("%(site)s: %(name)s") % {"site": settings.SITE_NAME, "name": issue}

    def link(self, issue):
        return issue.get_absolute_url()

    def description(self, issue):
        return issue.summary or issue.title

    def items(self, issue):
        return self.articles().filter(issue=issue).in_order()


class IssueArticlesAtomFeed(AtomFormat, IssueArticlesFeed):
    pass
