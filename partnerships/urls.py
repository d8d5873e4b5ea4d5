from django.urls import path

from events.views import calendar_feed
from partnerships import views

app_name = "partnerships"
urlpatterns = [
    path("", views.PartnershipListView.as_view(), name="partnership-list"),
    path("<slug:slug>/", views.PartnershipDetailView.as_view(), name="partnership-detail"),
    path("<slug:partnership_slug>/calendar.ics", calendar_feed, name="partnership-feed"),
]
