"""Which frontend paths a content change affects: the object's own page, and the listings that show it.

Paths are relative to the page's site ("/blog/x/"), as the frontend routes them and as the API's `url` field gives
them. Every list starts with the object's own path (if it has one), so a receiver can simply revalidate all of
`affected`.

Only public paths are listed (`core.visibility`): a payload must not reveal a draft, or a path under a view
restriction. The one exception is the path of a page that was public until this change (unpublished, deleted, moved
under a restriction), which the caller passes as `own_path`/`extra`: the frontend has it and must purge it.
"""

from django.apps import apps

from core.paths import site_path
from core.visibility import is_public

SITE_ROOT = "/"


def public_path(page):
    """The page's path if the public may see the page, else None."""
    return site_path(page) if is_public(page) else None


def index_path(model_label):
    """The path of the (first) index page of a type, e.g. the blog index for "blog.BlogIndexPage", if public."""
    try:
        model = apps.get_model(model_label)
    except LookupError:
        return None
    return public_path(model.objects.order_by("path").first())


def _unique(paths):
    seen, result = set(), []
    for path in paths:
        if path and path not in seen:
            seen.add(path)
            result.append(path)
    return result


def _pages(*groups):
    for group in groups:
        yield from (public_path(page) for page in group)


# What else shows a page of each type. Each function returns paths; the page itself, its parent and the site's
# root are added for every page type.


def _blog_post(page):
    news_items = list(page.news_items.all())
    yield index_path("blog.BlogIndexPage")
    yield from _pages(page.research_areas.all(), page.projects.all(), news_items)
    if news_items:
        yield index_path("news.NewsIndexPage")


def _news_item(page):
    yield index_path("news.NewsIndexPage")
    yield from _pages(page.research_areas.all(), page.projects.all(), [page.project] if page.project_id else [])


def _research_area(page):
    yield index_path("research.ResearchAreaIndexPage")
    yield index_path("blog.BlogIndexPage")
    yield index_path("news.NewsIndexPage")
    yield from _pages(page.projects.all(), page.blog_posts.all(), page.news_items.all())


def _project(page):
    yield index_path("research.ProjectIndexPage")
    yield from _pages(page.research_areas.all(), page.blog_posts.all(), page.news_items.all(), page.announcements.all())


def _person(page):
    yield index_path("people.PeopleIndexPage")


PAGE_RELATIONS = {
    "blog.BlogPostPage": _blog_post,
    "news.NewsPage": _news_item,
    "research.ResearchAreaPage": _research_area,
    "research.ProjectPage": _project,
    "people.PersonPage": _person,
}

# A change to these is visible on every page (the header's lab name, the footer's contact details).
SITE_WIDE = {"home.HomePage", "lab.LabSettings"}


def for_page(page, *, own_path=None, parent=None, extra=()):
    """Affected paths of a page (specific instance). `own_path`/`parent` override what the tree says now; the caller
    decides whether the page's own path may be told (see the module's docstring)."""
    own_path = own_path if own_path is not None else public_path(page)
    if parent is None:
        parent = page.get_parent()
    parent_path = public_path(parent)
    relations = PAGE_RELATIONS.get(page._meta.label)
    related = list(relations(page)) if relations else []
    return _unique([own_path, *extra, parent_path, SITE_ROOT, *related])


# Snippets: which pages show them. The home page shows honors, competition awards and industry partners.


def _recognition(snippet, people):
    yield index_path("people.PeopleIndexPage")
    yield from _pages(people)
    if getattr(snippet, "project_id", None):
        yield public_path(snippet.project)
    news_items = list(snippet.news_items.all()) if snippet.pk else []
    yield from _pages(news_items)
    if news_items:
        yield index_path("news.NewsIndexPage")


SNIPPET_RELATIONS = {
    "people.Honor": lambda honor: _recognition(honor, honor.recipients.all()),
    "people.CompetitionAward": lambda award: _recognition(award, award.team.all()),
    "people.Talk": lambda talk: _recognition(talk, [talk.speaker] if talk.speaker_id else []),
}


def for_snippet(snippet):
    relations = SNIPPET_RELATIONS.get(snippet._meta.label)
    related = list(relations(snippet)) if relations else []
    return _unique([SITE_ROOT, *related])


def is_site_wide(model_label):
    return model_label in SITE_WIDE


__all__ = ["for_page", "for_snippet", "index_path", "is_site_wide", "public_path"]
