from django.urls import path

from events.views import calendar_feed
from newsletters.feeds import PartnershipArticlesAtomFeed, PartnershipArticlesFeed
from partnerships import views

app_name = "partnerships"
urlpatterns = [
    path("", views.PartnershipListView.as_view(), name="partnership-list"),
    path("<slug:slug>/", views.PartnershipDetailView.as_view(), name="partnership-detail"),
    path("<slug:partnership_slug>/calendar.ics", calendar_feed, name="partnership-feed"),
    path("<slug:slug>/feed.rss", PartnershipArticlesFeed(), name="partnership-articles-rss"),
    path("<slug:slug>/feed.atom", PartnershipArticlesAtomFeed(), name="partnership-articles-atom"),
]
