"""The site's URLs: every public page and the admin under a language prefix (/zh-hans/, /en/);
robots.txt and the sitemap, which crawlers look for at the root, outside it."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, register_converter
from django.views.static import serve

from alliance import admin_views, converters, health, search_views, views
from alliance.sitemaps import (
    OrganisationSitemap,
    ReportSitemap,
    SpeakerSitemap,
    StaticPageSitemap,
)
from events.sitemaps import EventSitemap
from newsletters.sitemaps import ArticleSitemap, IssueSitemap
from partnerships.sitemaps import PartnershipSitemap

register_converter(converters.IssueNumberConverter, "number")
register_converter(converters.YearConverter, "year")
register_converter(converters.MonthConverter, "month")

coalition_patterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("speakers/", views.SpeakerListView.as_view(), name="speaker-list"),
    path("speakers/<slug:slug>/", views.SpeakerDetailView.as_view(), name="speaker-detail"),
    path("reports/", views.ReportListView.as_view(), name="report-list"),
    path("reports/<slug:slug>/", views.ReportDetailView.as_view(), name="report-detail"),
    path("work-plan/", views.WorkPlanView.as_view(), name="work-plan"),
    path("search/", search_views.SearchView.as_view(), name="search"),
    path(
        "organisations/<slug:slug>/",
        views.OrganisationDetailView.as_view(),
        name="organisation-detail",
    ),
]

SITEMAPS = {
    "pages": StaticPageSitemap,
    "issues": IssueSitemap,
    "articles": ArticleSitemap,
    "speakers": SpeakerSitemap,
    "partnerships": PartnershipSitemap,
    "reports": ReportSitemap,
    "events": EventSitemap,
    "organisations": OrganisationSitemap,
}

urlpatterns = [
    path("health/", health.health, name="health"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]

urlpatterns += i18n_patterns(
    path("", include((coalition_patterns, "alliance"))),
    path("", include("newsletters.urls")),
    path("partnerships/", include("partnerships.urls")),
    path("events/", include("events.urls")),
    path(
        "admin/translations/",
        admin.site.admin_view(admin_views.translations_to_do),
        name="translations-to-do",
    ),
    path("admin/", admin.site.urls),
)

if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]

handler404 = "alliance.errors.page_not_found"
handler500 = "alliance.errors.server_error"
