"""Which events pages and snippets produce, and the paths each says it affects."""

import datetime

import pytest
from wagtail.models import PageViewRestriction, Site

from blog.factories import BlogIndexPageFactory, BlogPostPageFactory
from lab.factories import CourseFactory, IndustryPartnerFactory, LabSettingsFactory
from news.factories import NewsPageFactory
from people.factories import CompetitionAwardFactory, PeopleIndexPageFactory, PersonPageFactory, TalkFactory
from people.models import Honor
from research.factories import ResearchAreaPageFactory
from webhooks.delivery import dispatch
from webhooks.models import WebhookDelivery


@pytest.fixture
def captured(endpoint, django_capture_on_commit_callbacks):
    """Run a change with its on_commit callbacks executed; returns the payloads of the deliveries it made."""

    def run(change):
        before = WebhookDelivery.objects.order_by("pk").values_list("pk", flat=True).last() or 0
        with django_capture_on_commit_callbacks(execute=True):
            change()
        return [delivery.payload for delivery in WebhookDelivery.objects.filter(pk__gt=before).order_by("pk")]

    return run


@pytest.fixture
def person(site_tree):
    team = PeopleIndexPageFactory(parent=site_tree["home"])
    return PersonPageFactory(parent=team, title="Song Han", slug="song-han", role="pi")


def test_unpublishing_a_page(site_tree, captured):
    post = BlogPostPageFactory(parent=site_tree["blog"], slug="gone")
    [payload] = captured(post.unpublish)
    assert payload["event"] == "page.unpublished"
    assert payload["url_path"] == "/blog/gone/"
    assert payload["affected"][:3] == ["/blog/gone/", "/blog/", "/"]


def test_deleting_a_live_page_is_one_page_deleted_event(site_tree, captured):
    area = ResearchAreaPageFactory(parent=site_tree["research"], slug="tinyml")
    post = BlogPostPageFactory(parent=site_tree["blog"], slug="old-post")
    post.research_areas.set([area])
    post.save()
    payloads = captured(post.delete)
    assert [payload["event"] for payload in payloads] == ["page.deleted"]
    assert payloads[0]["object"]["type"] == "blog.BlogPostPage"
    assert payloads[0]["url_path"] == "/blog/old-post/"
    assert payloads[0]["affected"] == ["/blog/old-post/", "/blog/", "/", "/research/tinyml/"]


def test_deleting_an_index_announces_each_page_that_goes(site_tree, captured):
    BlogPostPageFactory(parent=site_tree["blog"], slug="one")
    BlogPostPageFactory(parent=site_tree["blog"], slug="two")
    payloads = captured(site_tree["blog"].delete)
    assert sorted(payload["url_path"] for payload in payloads) == ["/blog/", "/blog/one/", "/blog/two/"]
    assert {payload["event"] for payload in payloads} == {"page.deleted"}


def test_reordering_a_page_among_its_siblings(site_tree, captured):
    post = BlogPostPageFactory(parent=site_tree["blog"], slug="first")
    BlogPostPageFactory(parent=site_tree["blog"], slug="second")
    [payload] = captured(lambda: post.move(site_tree["blog"], pos="last-child"))
    assert payload["event"] == "page.moved"
    assert payload["url_path"] == payload["previous_url_path"] == "/blog/first/"
    assert payload["affected"][:3] == ["/blog/first/", "/blog/", "/"]


def test_moving_between_parents(site_tree, captured):
    archive = BlogIndexPageFactory(parent=site_tree["home"], slug="archive", title="Archive")
    post = BlogPostPageFactory(parent=site_tree["blog"], slug="p")
    [payload] = captured(lambda: post.move(archive, pos="last-child"))
    assert payload["event"] == "page.moved"
    assert payload["url_path"] == "/archive/p/"
    assert payload["previous_url_path"] == "/blog/p/"
    assert payload["affected"][:5] == ["/archive/p/", "/blog/p/", "/blog/", "/archive/", "/"]


def test_moving_a_subtree_lists_old_and_new_paths_of_its_pages(site_tree, captured):
    BlogPostPageFactory(parent=site_tree["blog"], slug="kept")
    [payload] = captured(lambda: site_tree["blog"].move(site_tree["research"], pos="last-child"))
    assert payload["url_path"] == "/research/blog/"
    assert payload["previous_url_path"] == "/blog/"
    assert {"/research/blog/kept/", "/blog/kept/", "/research/", "/"} <= set(payload["affected"])


def test_publishing_the_home_page_is_site_wide(site_tree, captured):
    [payload] = captured(lambda: site_tree["home"].save_revision().publish())
    assert payload["url_path"] == "/"
    assert payload["site_wide"] is True
    assert payload["affected"] == ["/"]


def test_a_page_under_no_site_is_not_announced(site_tree, captured):
    Site.objects.all().delete()
    post = BlogPostPageFactory(parent=site_tree["blog"], slug="orphan")
    assert captured(lambda: post.save_revision().publish()) == []


def test_an_honor_affects_home_team_and_its_people(person, site_tree, captured):
    def create():
        honor = Honor(key="sloan", title="Sloan Fellowship", date=datetime.date(2023, 2, 1))
        honor.recipients.set([person])
        honor.save()

    [payload] = captured(create)
    honor = Honor.objects.get()
    assert payload["event"] == "snippet.saved"
    assert payload["object"] == {"type": "people.Honor", "id": honor.pk, "title": "Sloan Fellowship"}
    assert payload["url_path"] is None
    assert payload["affected"] == ["/", "/team/", "/team/song-han/"]
    assert payload["created"] is True
    assert payload["site_wide"] is False


def test_deleting_a_snippet_uses_its_relations_from_before_the_delete(person, site_tree, captured):
    award = CompetitionAwardFactory(key="lpcv", place="First Place", contest="LPCV", year=2019)
    award.team.set([person])
    award.save()
    NewsPageFactory(parent=site_tree["news"], slug="lpcv-win", competition_award=award)
    WebhookDelivery.objects.all().delete()
    [payload] = captured(award.delete)
    assert payload["event"] == "snippet.deleted"
    assert payload["affected"] == ["/", "/team/", "/team/song-han/", "/news/lpcv-win/", "/news/"]


def test_talks_partners_courses_and_settings(person, site_tree, captured):
    payloads = captured(
        lambda: (
            TalkFactory(key="t", speaker=person, title="Efficient AI", event="NeurIPS", date="2024-01-01"),
            IndustryPartnerFactory(name="NVIDIA"),
            CourseFactory(code="6.5940", name="TinyML"),
            LabSettingsFactory(),
        )
    )
    assert [(p["object"]["type"], p["affected"], p["site_wide"]) for p in payloads] == [
        ("people.Talk", ["/", "/team/", "/team/song-han/"], False),
        ("lab.IndustryPartner", ["/"], False),
        ("lab.Course", ["/"], False),
        ("lab.LabSettings", ["/"], True),
    ]


def test_nothing_is_recorded_without_an_endpoint(site_tree, django_capture_on_commit_callbacks):
    post = BlogPostPageFactory(parent=site_tree["blog"], slug="quiet")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        post.save_revision().publish()
    assert not WebhookDelivery.objects.exists()
    assert not [callback for callback in callbacks if getattr(callback, "func", None) is dispatch]


# Only public paths are told (docs/webhooks-and-feeds.md), and the path a page had while it was public.


def restrict(page):
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="x")


def every_path(payloads):
    return {path for payload in payloads for path in [payload["url_path"], *payload["affected"]]}


def test_affected_lists_no_draft_or_restricted_related_page(site_tree, captured):
    draft_area = ResearchAreaPageFactory(parent=site_tree["research"], slug="draft-area", live=False)
    private_area = ResearchAreaPageFactory(parent=site_tree["research"], slug="private-area")
    restrict(private_area)
    public_area = ResearchAreaPageFactory(parent=site_tree["research"], slug="public-area")
    post = BlogPostPageFactory(parent=site_tree["blog"], slug="post")
    post.research_areas.set([draft_area, private_area, public_area])
    [payload] = captured(lambda: post.save_revision().publish())
    assert payload["affected"] == ["/blog/post/", "/blog/", "/", "/research/public-area/"]


def test_publishing_under_a_view_restriction_is_not_announced(site_tree, captured):
    restrict(site_tree["blog"])
    post = BlogPostPageFactory(parent=site_tree["blog"], slug="members-only")
    assert captured(lambda: post.save_revision().publish()) == []
    assert captured(post.unpublish) == []
    assert captured(post.delete) == []


def test_deleting_a_draft_is_not_announced(site_tree, captured):
    draft = BlogPostPageFactory(parent=site_tree["blog"], slug="never-public", live=False)
    assert captured(draft.delete) == []


def test_moving_a_page_under_a_view_restriction_lists_its_old_path_only(site_tree, captured):
    archive = BlogIndexPageFactory(parent=site_tree["home"], slug="archive", title="Archive")
    restrict(archive)
    post = BlogPostPageFactory(parent=site_tree["blog"], slug="p")
    BlogPostPageFactory(parent=site_tree["blog"], slug="draft", live=False)
    [payload] = captured(lambda: post.move(archive, pos="last-child"))
    assert payload["url_path"] == payload["previous_url_path"] == "/blog/p/"
    assert "/archive/" not in every_path([payload]) and "/archive/p/" not in every_path([payload])
    assert payload["affected"][:3] == ["/blog/p/", "/blog/", "/"]


def test_moving_a_restricted_subtree_does_not_reveal_its_pages(site_tree, captured):
    private = BlogIndexPageFactory(parent=site_tree["home"], slug="private", title="Private")
    restrict(private)
    BlogPostPageFactory(parent=private, slug="inside")
    assert captured(lambda: private.move(site_tree["research"], pos="last-child")) == []


def test_a_snippet_lists_no_draft_or_restricted_person(person, site_tree, captured):
    team = person.get_parent()
    draft = PersonPageFactory(parent=team, title="Draft person", slug="draft-person", live=False)
    private = PersonPageFactory(parent=team, title="Private person", slug="private-person")
    restrict(private)

    def create():
        honor = Honor(key="award", title="Award", date=datetime.date(2023, 2, 1))
        honor.recipients.set([person, draft, private])
        honor.save()

    [payload] = captured(create)
    assert payload["affected"] == ["/", "/team/", "/team/song-han/"]
