from alliance.sitemaps import BilingualSitemap
from newsletters.models import Article, Issue


class IssueSitemap(BilingualSitemap):
    def items(self):
        return Issue.objects.published()

    def lastmod(self, issue):
        return issue.published_at


class ArticleSitemap(BilingualSitemap):
    """Published articles, changed when their issue was published."""

    def items(self):
        return Article.objects.published().select_related("issue")

    def lastmod(self, article):
        return article.issue.published_at
