"""One content-change event: every change the public can see reaches the response cache, the CDN and the webhooks,
and a change purges only the answers that showed what changed. Each test here is a failure measured on the old
code (two separate subscriptions, one global invalidation)."""

import json
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from blog.factories import BlogPostPageFactory
from news.factories import NewsPageFactory
from news.models import NewsPage
from research.factories import ProjectIndexPageFactory, ProjectPageFactory
from tests.research.test_github_stars import github, projects, refresh  # noqa: F401 (fixtures)
from tests.webhooks.conftest import SECRET
from webhooks.models import WebhookDelivery, WebhookEndpoint


def get(client, query):
    return client.get("/graphql/?" + urlencode({"query": query}))


def data(response):
    return json.loads(response.content)["data"]


def page_query(page):
    return f"{{ page(id: {page.pk}) {{ title }} }}"


# --- Changes the cache missed -----------------------------------------------------------------------------------


def test_making_a_page_login_only_purges_its_answers(client, site_tree):
    post = BlogPostPageFactory(parent=site_tree["blog"], slug="p", title="Soon private")
    query = page_query(post)
    assert get(client, query)["X-Cache"] == "MISS"
    assert get(client, query)["X-Cache"] == "HIT"
    PageViewRestriction.objects.create(page=post, restriction_type=PageViewRestriction.LOGIN)
    response = get(client, query)
    assert response["X-Cache"] == "MISS"
    assert data(response)["page"] is None


@pytest.fixture
def private_collection(db):
    collection = Collection.get_first_root_node().add_child(name="Private")
    return collection


def test_making_a_collection_private_and_moving_a_document_into_one_purge(client, image, private_collection):
    document = get_document_model().objects.create(
        title="Slides", file=SimpleUploadedFile("slides.pdf", b"%PDF-1.4"), collection=Collection.get_first_root_node()
    )
    image.collection = private_collection
    image.save()
    image_query = f"{{ image(id: {image.pk}) {{ title }} }}"
    document_query = f"{{ document(id: {document.pk}) {{ title }} }}"
    get(client, document_query)
    assert get(client, document_query)["X-Cache"] == "HIT"
    document.collection = private_collection
    document.save()
    assert get(client, document_query)["X-Cache"] == "MISS"

    get(client, image_query)  # public until its collection is restricted
    assert get(client, image_query)["X-Cache"] == "HIT"
    CollectionViewRestriction.objects.create(
        collection=private_collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    response = get(client, image_query)
    assert response["X-Cache"] == "MISS" and data(response)["image"] is None


def test_refresh_github_stars_purges_the_answers_that_show_the_counts(client, github, projects):  # noqa: F811
    query = "{ projects { items { shortName githubStars } } }"
    get(client, query)
    assert get(client, query)["X-Cache"] == "HIT"
    github.routes = {
        "/repos/mit-han-lab/llm-awq": ["llm-awq"],
        "/repos/mit-han-lab/smoothquant": ["smoothquant"],
        "/repos/mit-han-lab/streaming-llm": ["streaming-llm-last-request"],
    }
    assert refresh()[1] is None
    response = get(client, query)
    assert response["X-Cache"] == "MISS"
    assert {item["shortName"]: item["githubStars"] for item in data(response)["projects"]["items"]}["AWQ"] == 3050


# --- Changes the webhooks missed ---------------------------------------------------------------------------------


@pytest.fixture
def deliveries(db, django_capture_on_commit_callbacks, settings):
    settings.WEBHOOKS_DELIVERY_MODE = "cron"  # recorded, not sent: what is announced is the question here
    WebhookEndpoint.objects.create(name="Frontend", url="https://frontend.example/revalidate", secret=SECRET)

    def run(change):
        before = WebhookDelivery.objects.order_by("pk").values_list("pk", flat=True).last() or 0
        change()
        return [
            (delivery.event, delivery.payload.get("action"))
            for delivery in WebhookDelivery.objects.filter(pk__gt=before).order_by("pk")
        ]

    return run


def test_image_redirect_and_tag_changes_send_webhooks(image, deliveries):
    def retitle():
        image.title = "Renamed"
        image.save()

    assert deliveries(retitle) == [("image.changed", "saved")]
    assert deliveries(lambda: Redirect.objects.create(old_path="/old", redirect_link="/new")) == [
        ("redirect.changed", "created")
    ]
    tag = Tag.objects.create(name="quantization", slug="quantization")

    def rename():
        tag.name = "Quantization"
        tag.save()

    assert deliveries(rename) == [("tag.changed", "saved")]


def test_a_bulk_update_is_one_webhook(site_tree, deliveries, github, projects):  # noqa: F811
    github.routes = {"/repos/mit-han-lab/llm-awq": ["llm-awq"]}
    assert deliveries(refresh)[0] == ("content.updated", None)


# --- Purging only what changed ----------------------------------------------------------------------------------


def test_editing_one_news_item_purges_exactly_the_answers_that_showed_it(
    client, site_tree, cdn, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # as if each were committed
        item = NewsPageFactory(parent=site_tree["news"], slug="award", title="An award")
        other = NewsPageFactory(parent=site_tree["news"], slug="talk", title="A talk")
        BlogPostPageFactory(parent=site_tree["blog"], slug="post", title="A post")
        project = ProjectPageFactory(parent=ProjectIndexPageFactory(parent=site_tree["home"]), slug="awq", title="AWQ")
    cdn.clear()
    answers = {
        "blog listing": "{ blogPosts { items { title } } }",
        "project page": page_query(project),
        "other news item": page_query(other),
        "news listing": "{ newsItems { items { title } } }",
        "the item": page_query(item),
        "pages of every type": "{ pages { title } }",
    }
    first = {name: get(client, query) for name, query in answers.items()}
    assert {name: response["X-Cache"] for name, response in first.items()} == dict.fromkeys(answers, "MISS")
    assert f"page:{item.pk}" in first["the item"]["Cache-Tag"].split(",")
    assert f"page:{item.pk}" in first["news listing"]["Surrogate-Key"].split(" ")

    page = NewsPage.objects.get(pk=item.pk)
    page.title = "An award, edited"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    second = {name: get(client, query)["X-Cache"] for name, query in answers.items()}
    assert second == {
        "blog listing": "HIT",
        "project page": "HIT",
        "other news item": "HIT",
        "news listing": "MISS",
        "the item": "MISS",
        "pages of every type": "MISS",
    }
    assert data(get(client, answers["the item"]))["page"]["title"] == "An award, edited"
    assert len(cdn) == 1  # the publish, not also its save of the page row
    tags = set(cdn[0][1])
    assert tags == {f"page:{item.pk}", f"page:{item.get_parent().pk}", "list:news.newspage", "list:wagtailcore.page"}
    print(f"\nAfter editing one news item: {second}; CDN purged tags {tags}")
