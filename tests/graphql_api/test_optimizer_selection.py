"""Model instances Django builds per request: a listing builds what its selection shows, not what Django or Wagtail
would join or prefetch by default.

Counted with Django's own `post_init` signal, which every model instance sends when it is built from a row. On the
site below (20 posts, each with its own hero image already rendered at all 8 allowed widths, two authors, two
research areas and two tags), the frontend's blog listing of 20 built 542 instances in 30 SQL queries (a query per
author for their person), 15 at 5 posts: every post's and research area's Locale and ContentType, every author's
post again, and all 8 renditions of every image.
"""

from collections import Counter
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db import connection
from django.db.models.signals import post_init
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from blog.models import BlogPostAuthor, BlogPostPage
from core.factories import ImageFactory
from core.models import LabRendition
from graphql_api.selection import PAGE_BOOKKEEPING_COLUMNS
from people.models import PersonPage
from tests.frontend_documents import frontend_operation
from tests.performance.test_query_counts import build_site

WIDTHS = [320, 480, 640, 800, 1024, 1280, 1600, 1920]
CARD_WIDTHS = 2  # CardImageFields: srcSet(sizes: [320, 640])
POSTS = 20
# PostgreSQL runs one more per request: graphql_api.middleware.StatementTimeoutMiddleware's set_config.
SETUP_QUERIES = 1


@contextmanager
def instances_built():
    """The model instances built inside the block: a Counter by `app_label.ModelName`, and the instances."""
    built, instances = Counter(), []

    def count(sender, instance, **kwargs):
        built[sender._meta.label] += 1
        instances.append(instance)

    post_init.connect(count, weak=False)
    try:
        yield built, instances
    finally:
        post_init.disconnect(count)


def measure(graphql, document, variables):
    """(instances by class, the instances, SQL queries, answer) of one request past the response cache; a first
    request makes any rendition missing."""
    with override_settings(GRAPHQL_CACHE={**settings.GRAPHQL_CACHE, "TIMEOUT": 0}):
        graphql.query(document, variables)
        with CaptureQueriesContext(connection) as queries, instances_built() as (built, instances):
            answer = graphql.query(document, variables)
    return built, instances, len(queries), answer


def build_listing_site(site_tree, count):
    """`build_site`'s lab, each post with its own hero image already rendered at every allowed width (as an image
    shown on its post's page and on cards is), and a second author who is a person of the lab."""
    build_site(site_tree, count)
    person = PersonPage.objects.get()
    for post in BlogPostPage.objects.all():
        image = ImageFactory()
        LabRendition.objects.bulk_create(
            LabRendition(
                image=image,
                filter_spec=f"width-{width}",
                focal_point_key="",
                file=f"images/{image.pk}.{width}.png",
                width=width,
                height=width // 2,
            )
            for width in WIDTHS
        )
        post.hero_image = image
        post.authors.add(BlogPostAuthor(person=person))
        post.save()


@pytest.fixture
def listing_site(site_tree):
    build_listing_site(site_tree, POSTS)


def test_blog_listing_builds_what_its_cards_show(graphql, listing_site):
    document = frontend_operation("BlogPostList")
    at_5 = measure(graphql, document, {"perPage": 5})
    built, instances, queries, answer = measure(graphql, document, {"perPage": POSTS})
    items = answer["blogPosts"]["items"]
    assert len(items) == POSTS
    # The answer is the whole card: both widths of every image, the person's name as the second author.
    assert all(item["heroImage"]["srcSet"].count("w, ") == CARD_WIDTHS - 1 for item in items)
    assert all([author["name"] for author in item["authors"]] == ["Song Han", "Ji Lin"] for item in items)

    report = dict(sorted(built.items()))
    # (a) No page's Locale or ContentType (Django's content type cache answers `.specific`), no author's post again.
    assert built["wagtailcore.Locale"] == built["contenttypes.ContentType"] == 0, report
    assert built["blog.BlogPostPage"] == POSTS, report
    # (b) The renditions the cards' srcSet asks for, not the 8 each image has.
    assert built["core.LabRendition"] <= CARD_WIDTHS * POSTS, report
    # Per post: itself, its image and 2 renditions, 2 authors, 2 research areas, 2 tags and their 2 tagged-item
    # rows (one joined query: cheaper than taggit's own prefetch, a queryset per post); then the person once per
    # request (no site: core.paths.page_url does not look it up).
    assert sum(built.values()) <= 12 * POSTS + 1, report
    # (c) The listed pages leave out Wagtail's bookkeeping columns.
    pages = [instance for instance in instances if isinstance(instance, BlogPostPage)]
    bookkeeping = {BlogPostPage._meta.get_field(name).attname for name in PAGE_BOOKKEEPING_COLUMNS}
    assert pages and all(bookkeeping <= page.get_deferred_fields() for page in pages)
    # SQL does not grow with the posts (it was a query per author with a person) and stays within the budget.
    assert at_5[2] == queries <= 10 + SETUP_QUERIES
    assert sum(at_5[0].values()) <= 12 * 5 + 1, dict(at_5[0])


def test_home_page_builds_no_locales_or_content_types(graphql, listing_site):
    built, _, queries, answer = measure(graphql, frontend_operation("HomePageData"), {"urlPath": "/"})
    assert answer["page"]["labName"]
    report = dict(sorted(built.items()))
    assert built["wagtailcore.Locale"] == built["contenttypes.ContentType"] == 0, report
    assert built["home.HomePage"] == 1, report
    assert sum(built.values()) <= 140, report
    assert queries <= 24 + SETUP_QUERIES
