from django.urls import path

from . import views
from .feeds import BlogFeed, NewsFeed, PublicationFeed, atom, scoped
from .sitemaps import SITEMAPS

app_name = "feeds"

SCOPES = [(None, ""), ("area", "area/<slug:slug>/"), ("project", "project/<str:short_name>/")]

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots"),
    path(
        "sitemap.xml",
        views.sitemap,
        {"sitemaps": SITEMAPS, "template_name": "feeds/sitemap.xml"},
        name="sitemap",
    ),
]

PUBLICATION_SCOPES = [(None, ""), ("project", "project/<str:short_name>/"), ("person", "person/<slug:slug>/")]

for section, feed_class, scopes in [
    ("blog", BlogFeed, SCOPES),
    ("news", NewsFeed, SCOPES),
    ("publications", PublicationFeed, PUBLICATION_SCOPES),
]:
    for scope, prefix in scopes:
        rss = scoped(feed_class, scope)
        name = f"{section}_{scope}" if scope else section
        urlpatterns += [
            path(f"feeds/{section}/{prefix}rss/", rss(), name=f"{name}_rss"),
            path(f"feeds/{section}/{prefix}atom/", atom(rss)(), name=f"{name}_atom"),
        ]
