"""Sample content (content/demo): loaded only when asked for, on top of the lab's, and marked as such everywhere."""

from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import CommandError, call_command
from wagtail.images import get_image_model

from blog.models import BlogPostPage
from core.content import DatasetError, export_dataset, import_dataset

CONTENT = Path(settings.BASE_DIR) / "content"


@pytest.fixture
def lab_site(db):
    import_dataset(CONTENT / "lab")


def test_samples_are_refused_without_the_flag_and_the_lab_with_it(lab_site):
    with pytest.raises(DatasetError) as refused:
        import_dataset(CONTENT / "demo")
    assert refused.value.problems == [
        "manifest.yaml: this is sample content: load it with --samples, on top of the site's own content."
    ]
    with pytest.raises(CommandError, match="--samples loads only a dataset whose manifest says `sample: true`"):
        call_command("import_content", str(CONTENT / "lab"), "--samples")
    assert not BlogPostPage.objects.filter(is_sample=True).exists() and not get_image_model().objects.exists()


def test_samples_need_the_sites_own_content_first(db):
    with pytest.raises(DatasetError, match="import that dataset first"):
        import_dataset(CONTENT / "demo", samples=True)
    assert not BlogPostPage.objects.exists()


def test_every_sample_is_marked_in_the_admin_and_the_api(lab_site, graphql, admin_client):
    call_command("import_content", str(CONTENT / "demo"), "--samples", stdout=open("/dev/null", "w"))  # noqa: SIM115
    posts = yaml.safe_load((CONTENT / "demo" / "blog_posts.yaml").read_text())
    samples = BlogPostPage.objects.filter(is_sample=True)
    assert sorted(samples.values_list("slug", flat=True)) == sorted(post["slug"] for post in posts)
    assert BlogPostPage.objects.filter(is_sample=False).count() == 18
    assert get_image_model().objects.count() == get_image_model().objects.filter(is_sample=True).count() == 7

    post = samples.first()
    listing = admin_client.get(f"/admin/pages/{post.get_parent().pk}/")
    assert f"{post.title} [sample]" in listing.content.decode()

    data = graphql.query(
        "{ blogPosts(perPage: 30) { items { slug isSample heroImage { isSample } } } images { isSample } }"
    )
    flags = {item["slug"]: item["isSample"] for item in data["blogPosts"]["items"]}
    assert {slug for slug, flag in flags.items() if flag} == {post["slug"] for post in posts}
    assert all(image["isSample"] for image in data["images"])


def test_samples_are_never_exported_as_the_sites_own(lab_site, tmp_path):
    import_dataset(CONTENT / "demo", samples=True)
    export_dataset(tmp_path / "out")
    exported = yaml.safe_load((tmp_path / "out" / "blog_posts.yaml").read_text())
    assert len(exported) == 18 and not any(post["slug"].startswith("sample-") for post in exported)
    assert yaml.safe_load((tmp_path / "out" / "images.yaml").read_text()) == []


def test_a_sample_dataset_holds_only_what_can_be_marked(lab_site, tmp_path):
    folder = tmp_path / "samples"
    folder.mkdir()
    (folder / "manifest.yaml").write_text("format: labcms-content\nversion: 1\nsample: true\n")
    (folder / "talks.yaml").write_text(
        "- {key: t, speaker: null, title: T, event: E, date: '2024-01-01', date_precision: day}\n"
    )
    with pytest.raises(DatasetError) as refused:
        import_dataset(folder, samples=True)
    assert refused.value.problems == [
        "talks.yaml: talks cannot be marked as samples, so a sample dataset cannot hold them."
    ]
