"""A change purges what it reaches and nothing else: a publish purges the CDN once; an answer whose rich text links
to a page or document is purged when that target changes; a view restriction, a collection's privacy and a tag's
name purge only the answers that showed what they hide or rename (each of these emptied the whole cache before)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from blog.factories import BlogPostPageFactory
from core.factories import ImageFactory
from news.factories import NewsPageFactory
from research.factories import ProjectIndexPageFactory, ProjectPageFactory
from tests.core.test_content_changed import data, get, page_query


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs a change as if committed: the CDN is purged by on-commit callbacks."""

    def run(change):
        with django_capture_on_commit_callbacks(execute=True):
            return change()

    return run


@pytest.fixture
def pages(site_tree, committed):
    def build():
        projects = ProjectIndexPageFactory(parent=site_tree["home"])
        return {
            "project": ProjectPageFactory(parent=projects, slug="awq", title="AWQ"),
            "news item": NewsPageFactory(parent=site_tree["news"], slug="talk", title="A talk"),
            "post": BlogPostPageFactory(parent=site_tree["blog"], slug="post", title="A post"),
            "other post": BlogPostPageFactory(parent=site_tree["blog"], slug="other", title="Another post"),
        }

    return committed(build)


def cache_states(client, answers):
    return {name: get(client, query)["X-Cache"] for name, query in answers.items()}


def warm(client, answers):
    assert cache_states(client, answers) == dict.fromkeys(answers, "MISS")
    assert cache_states(client, answers) == dict.fromkeys(answers, "HIT")


def republish(page, **changes):
    page = Page.objects.get(pk=page.pk).specific
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


# --- A publish is one purge ---------------------------------------------------------------------------------------


def test_a_publish_purges_the_cdn_once(pages, cdn, committed):
    cdn.clear()
    committed(lambda: republish(pages["post"], title="A post, edited"))
    assert len(cdn) == 1, cdn  # the publish's own save of the page row is announced by the publish
    draft = committed(lambda: BlogPostPageFactory(parent=pages["post"].get_parent(), slug="draft", live=False))
    cdn.clear()
    committed(lambda: republish(draft, title="Now published"))
    assert len(cdn) == 1, cdn


def test_a_live_page_saved_directly_is_still_purged(client, pages, committed):
    query = page_query(pages["post"])
    get(client, query)
    page = Page.objects.get(pk=pages["post"].pk).specific
    page.title = "Imported title"
    committed(page.save)
    response = get(client, query)
    assert response["X-Cache"] == "MISS" and data(response)["page"]["title"] == "Imported title"


# --- Rich text links ----------------------------------------------------------------------------------------------


def test_an_answer_is_purged_when_a_page_or_document_its_rich_text_links_to_changes(
    client, site_tree, pages, committed
):
    document = get_document_model().objects.create(title="Slides", file=SimpleUploadedFile("s.pdf", b"%PDF-1.4"))
    post = pages["post"]
    intro = (
        f'<p>Read <a linktype="page" id="{post.pk}">our post</a> and '
        f'<a linktype="document" id="{document.pk}">the slides</a>.</p>'
    )
    index = committed(lambda: republish(site_tree["news"], intro=intro))
    linking = f"{{ page(id: {index.pk}) {{ ... on NewsIndexPage {{ intro }} }} }}"
    unrelated = {"project": page_query(pages["project"]), "other post": page_query(pages["other post"])}
    warm(client, {"linking": linking, **unrelated})
    tags = get(client, linking)["Cache-Tag"].split(",")
    assert f"page:{post.pk}" in tags and f"document:{document.pk}" in tags

    committed(lambda: republish(post, slug="renamed"))
    response = get(client, linking)
    assert response["X-Cache"] == "MISS" and "/blog/renamed/" in data(response)["page"]["intro"]

    committed(lambda: Page.objects.get(pk=post.pk).unpublish())
    response = get(client, linking)
    assert response["X-Cache"] == "MISS" and "<a>our post</a>" in data(response)["page"]["intro"]

    private = Collection.get_first_root_node().add_child(name="Private")
    CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
    get(client, linking)
    document.collection = private
    committed(document.save)
    response = get(client, linking)
    assert response["X-Cache"] == "MISS" and "<a>the slides</a>" in data(response)["page"]["intro"]
    assert cache_states(client, unrelated) == dict.fromkeys(unrelated, "HIT")


# --- Restrictions, collections and tags purge what they reach ---------------------------------------------------


def assert_purged(client, answers, purged, change):
    """Asks every answer again: exactly the `purged` ones must be MISS, the others still HIT."""
    assert cache_states(client, answers) == {answer: "MISS" if answer in purged else "HIT" for answer in answers}
    kept = sorted(set(answers) - set(purged))
    print(f"\n{change}: {len(purged)} of {len(answers)} answers purged {sorted(purged)}, {len(kept)} kept {kept}")


def test_a_view_restriction_purges_the_restricted_page_its_descendants_and_their_listings(
    client, site_tree, pages, cdn, committed
):
    answers = {
        "post": page_query(pages["post"]),
        "blog index": page_query(site_tree["blog"]),
        "blog listing": "{ blogPosts { items { title } } }",
        "other post": page_query(pages["other post"]),
        "project": page_query(pages["project"]),
        "news item": page_query(pages["news item"]),
        "news listing": "{ newsItems { items { title } } }",
    }
    warm(client, answers)
    cdn.clear()
    restriction = committed(
        lambda: PageViewRestriction.objects.create(page=pages["post"], restriction_type=PageViewRestriction.LOGIN)
    )
    # the parent's answer too: its children changed
    assert_purged(client, answers, {"post", "blog index", "blog listing"}, "A view restriction on one post")
    assert data(get(client, answers["post"]))["page"] is None
    assert cdn == [("tags", sorted({f"page:{pages['post'].pk}", f"page:{site_tree['blog'].pk}",
                                    "list:blog.blogpostpage", "list:wagtailcore.page"}))]  # fmt: skip

    committed(restriction.delete)  # lifting it shows the page again
    response = get(client, answers["post"])
    assert response["X-Cache"] == "MISS" and data(response)["page"]["title"] == "A post"
    assert get(client, answers["project"])["X-Cache"] == "HIT"

    cache_states(client, answers)
    assert cache_states(client, answers) == dict.fromkeys(answers, "HIT")
    committed(
        lambda: PageViewRestriction.objects.create(page=site_tree["blog"], restriction_type=PageViewRestriction.LOGIN)
    )
    states = cache_states(client, answers)
    assert {name for name, state in states.items() if state == "MISS"} >= {"post", "other post", "blog listing"}
    assert states["project"] == states["news item"] == states["news listing"] == "HIT"


def test_a_collections_privacy_purges_its_images_and_documents_and_their_listings(
    client, site_tree, pages, cdn, committed
):
    private = Collection.get_first_root_node().add_child(name="Private")
    nested = private.add_child(name="Talks")
    hidden_image, nested_image, public_image = (
        ImageFactory(collection=private),
        ImageFactory(collection=nested),
        ImageFactory(),
    )
    answers = {
        "hidden image": f"{{ image(id: {hidden_image.pk}) {{ title }} }}",
        "nested image": f"{{ image(id: {nested_image.pk}) {{ title }} }}",
        "image listing": "{ images { title } }",
        "public image": f"{{ image(id: {public_image.pk}) {{ title }} }}",
        "post": page_query(pages["post"]),
        "news listing": "{ newsItems { items { title } } }",
    }
    warm(client, answers)
    cdn.clear()
    committed(
        lambda: CollectionViewRestriction.objects.create(
            collection=private, restriction_type=CollectionViewRestriction.LOGIN
        )
    )
    assert_purged(client, answers, {"hidden image", "nested image", "image listing"}, "A collection made private")
    assert data(get(client, answers["nested image"]))["image"] is None
    assert [kind for kind, _ in cdn] == ["tags"]
    assert f"image:{public_image.pk}" not in cdn[0][1]


def test_renaming_a_tag_purges_the_objects_that_carry_it_and_their_listings(client, site_tree, committed):
    tagged, other = committed(
        lambda: (
            BlogPostPageFactory(parent=site_tree["blog"], slug="tagged", tag_names=["quantization"]),
            BlogPostPageFactory(parent=site_tree["blog"], slug="other", tag_names=["pruning"]),
        )
    )
    news = committed(lambda: NewsPageFactory(parent=site_tree["news"], slug="talk"))
    answers = {
        "tagged post": page_query(tagged),
        "posts tagged with the new name": '{ blogPosts(tag: "Quantization") { items { slug } } }',
        "other post": page_query(other),
        "news item": page_query(news),
    }
    warm(client, answers)
    tag = Tag.objects.get(name="quantization")
    tag.name = "Quantization"
    committed(tag.save)
    assert_purged(client, answers, {"tagged post", "posts tagged with the new name"}, "A tag renamed")
    assert data(get(client, answers["posts tagged with the new name"]))["blogPosts"]["items"] == [{"slug": "tagged"}]
