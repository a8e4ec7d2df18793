from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, register_converter

from . import feeds, views
from .page_cache import LIST, public_page
from .sitemaps import SITEMAPS, NewsSitemap
from .tags import UnicodeSlugConverter

# Tag slugs keep their Unicode letters (tags.py); story and source slugs are ASCII.
register_converter(UnicodeSlugConverter, "tagslug")

app_name = "articles"

# Every address here is public, except the preview (staff with articles.view_story).
urlpatterns = [
    path("", views.home, name="home"),
    path("news/<slug:slug>/", views.story_detail, name="detail"),
    # Staff only (articles.view_story): the same view over every story, never cached.
    path("preview/<int:pk>/", views.story_detail, {"preview": True}, name="preview"),
    path("tags/<tagslug:slug>/", views.tag_archive, name="tag"),
    path("tags/<tagslug:slug>/feed/", public_page(LIST)(feeds.TagFeed()), name="tag-feed"),
    path(
        "tags/<tagslug:slug>/feed/atom/",
        public_page(LIST)(feeds.TagAtomFeed()),
        name="tag-feed-atom",
    ),
    path("sources/<slug:slug>/", views.source_archive, name="source"),
    path("sources/<slug:slug>/feed/", public_page(LIST)(feeds.SourceFeed()), name="source-feed"),
    path(
        "sources/<slug:slug>/feed/atom/",
        public_page(LIST)(feeds.SourceAtomFeed()),
        name="source-feed-atom",
    ),
    path("search/", views.search, name="search"),
    path("feed/", public_page(LIST)(feeds.LatestStoriesFeed()), name="feed"),
    path("feed/atom/", public_page(LIST)(feeds.LatestStoriesAtomFeed()), name="feed-atom"),
    path(
        "sitemap.xml",
        public_page(LIST)(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "articles:sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        public_page(LIST)(sitemap_views.sitemap),
        # Django's own template gives the day only; news changes by the minute.
        {"sitemaps": SITEMAPS, "template_name": "articles/sitemap.xml"},
        name="sitemap-section",
    ),
    path(
        "news-sitemap.xml",
        public_page(LIST)(sitemap_views.sitemap),
        {"sitemaps": {"news": NewsSitemap}, "template_name": "articles/news_sitemap.xml"},
        name="news-sitemap",
    ),
    path("robots.txt", views.robots_txt, name="robots"),
]
