from django.urls import path

from newsletters import feeds, views

app_name = "newsletters"
urlpatterns = [
    path("archive/", views.IssueArchiveView.as_view(), name="issue-archive"),
    path("archive/<year:year>/", views.IssueArchiveView.as_view(), name="issue-year-archive"),
    path("feeds/articles.rss", feeds.LatestArticlesFeed(), name="latest-articles-rss"),
    path("feeds/articles.atom", feeds.LatestArticlesAtomFeed(), name="latest-articles-atom"),
    path("issues/<number:number>/", views.IssueDetailView.as_view(), name="issue-detail"),
    path("issues/<number:number>/feed.rss", feeds.IssueArticlesFeed(), name="issue-articles-rss"),
    path(
        "issues/<number:number>/feed.atom",
        feeds.IssueArticlesAtomFeed(),
        name="issue-articles-atom",
    ),
    path(
        "issues/<number:number>/<slug:slug>/",
        views.ArticleDetailView.as_view(),
        name="article-detail",
    ),
]
