"""The sitemap's coalition pages, and what every section of the sitemap shares."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef
from django.urls import reverse

from alliance.models import Organisation, Person, Report
from newsletters.models import Quote


class BilingualSitemap(Sitemap):
    """Each page once per language, naming its other-language version and the x-default one."""

    i18n = True
    alternates = True
    x_default = True

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        # Django gives x-default as the address with the language prefix removed, for sites whose
        # default language has none. Here every address has one, and x-default is the Chinese page.
        for url in urls:
            alternates = {alternate["lang_code"]: alternate for alternate in url["alternates"]}
            alternates["x-default"]["location"] = alternates[settings.LANGUAGE_CODE]["location"]
        return urls


class StaticPageSitemap(BilingualSitemap):
    """The pages that are not a record: the home page and the indexes."""

    def items(self):
        return [
            "alliance:home",
            "newsletters:issue-archive",
            "alliance:speaker-list",
            "partnerships:partnership-list",
            "alliance:report-list",
            "events:event-list",
            "alliance:work-plan",
        ]

    def location(self, url_name):
        return reverse(url_name)


class SpeakerSitemap(BilingualSitemap):
    """People quoted in a published article: the others have no public page."""

    def items(self):
        return Person.objects.filter(
            Exists(Quote.objects.published().filter(person=OuterRef("pk")))
        )


class ReportSitemap(BilingualSitemap):
    def items(self):
        return Report.objects.published()


class OrganisationSitemap(BilingualSitemap):
    def items(self):
        return Organisation.objects.all()
