"""Blog authors link to people, as publication authors do: a person of the lab, or a typed name."""

import shutil
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.exceptions import ValidationError

from blog.factories import BlogPostPageFactory
from blog.models import BlogPostAuthor, BlogPostPage
from core.content import export_dataset, import_dataset
from people.factories import PeopleIndexPageFactory, PersonPageFactory

AUTHORS = '{ page(urlPath: "/blog/p/") { ... on BlogPostPage { authors { name person { title url } } } } }'


@pytest.fixture
def people(site_tree):
    team = PeopleIndexPageFactory(parent=site_tree["home"])
    return {
        "public": PersonPageFactory(parent=team, title="Song Han", slug="song-han"),
        "draft": PersonPageFactory(parent=team, title="Unpublished Person", slug="draft-person", live=False),
    }


def post_with(site_tree, *authors):
    post = BlogPostPageFactory(parent=site_tree["blog"], slug="p", author_names=[])
    post.authors = [BlogPostAuthor(**author) for author in authors]
    post.save()
    return post


def test_a_person_author_links_to_their_page_and_a_typed_name_does_not(graphql, site_tree, people):
    post_with(site_tree, {"person": people["public"]}, {"name": "A Guest"})
    assert graphql.query(AUTHORS)["page"]["authors"] == [
        {"name": "Song Han", "person": {"title": "Song Han", "url": "/team/song-han/"}},
        {"name": "A Guest", "person": None},
    ]


def test_an_unpublished_person_shows_as_the_typed_name_or_not_at_all(graphql, site_tree, people):
    post_with(site_tree, {"person": people["draft"], "name": "Typed Name"}, {"person": people["draft"]})
    assert graphql.query(AUTHORS)["page"]["authors"] == [{"name": "Typed Name", "person": None}]
    post = BlogPostPage.objects.get(slug="p")
    assert [author["name"] for author in post.json_ld_data()["author"]] == ["Typed Name"]


def test_an_author_row_needs_a_person_or_a_name():
    with pytest.raises(ValidationError) as refused:
        BlogPostAuthor().clean()
    assert refused.value.message_dict == {"name": ["Choose a person or type a name."]}


def test_the_content_files_keep_an_author_s_person(db, tmp_path):
    dataset = tmp_path / "lab"
    shutil.copytree(Path(settings.BASE_DIR) / "content" / "lab", dataset)
    posts = yaml.safe_load((dataset / "blog_posts.yaml").read_text())
    posts[0]["authors"] = [{"name": "Song Han", "person": "song-han"}, {"name": "A Guest", "person": None}]
    (dataset / "blog_posts.yaml").write_text(yaml.safe_dump(posts, allow_unicode=True))

    import_dataset(dataset)
    post = BlogPostPage.objects.get(slug=posts[0]["slug"])
    assert [(a.person.slug if a.person else None, a.name) for a in post.authors.all()] == [
        ("song-han", "Song Han"),
        (None, "A Guest"),
    ]
    export_dataset(tmp_path / "exported")
    exported = yaml.safe_load((tmp_path / "exported" / "blog_posts.yaml").read_text())
    assert next(p for p in exported if p["slug"] == posts[0]["slug"])["authors"] == posts[0]["authors"]
