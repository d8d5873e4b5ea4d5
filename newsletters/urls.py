from django.urls import path

from newsletters import views

app_name = "newsletters"
urlpatterns = [
    path("archive/", views.IssueArchiveView.as_view(), name="issue-archive"),
    path("archive/<year:year>/", views.IssueArchiveView.as_view(), name="issue-year-archive"),
    path("issues/<number:number>/", views.IssueDetailView.as_view(), name="issue-detail"),
    path(
        "issues/<number:number>/<slug:slug>/",
        views.ArticleDetailView.as_view(),
        name="article-detail",
    ),
]
