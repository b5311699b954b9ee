"""Image files: what the public API links to is served; the files of a private image are not, by any path."""

from urllib.parse import urlsplit

import pytest
from django.test import override_settings
from wagtail.models import Collection, CollectionViewRestriction

IMAGE_URLS = "{{ image(id: {id}) {{ url rendition(width: 320) {{ url }} }} }}"


def path_of(url):
    return urlsplit(url).path


def api_urls(graphql, image):
    """The original's and a rendition's addresses, as a frontend gets them from the public API."""
    data = graphql.query(IMAGE_URLS.format(id=image.pk))["image"]
    return [path_of(data["url"]), path_of(data["rendition"]["url"])]


def media_paths(image):
    """Every file of the image: its original and each rendition made so far (the admin makes some on upload)."""
    image.get_rendition("width-320")
    image.get_rendition("max-165x165")
    return [image.file.url] + [rendition.url for rendition in image.get_rendition_model().objects.filter(image=image)]


def body(response):
    return b"".join(response.streaming_content)


def test_a_public_images_original_and_rendition_from_the_api_are_served(graphql, public_image):
    original, rendition = api_urls(graphql, public_image)
    assert original.startswith("/media/original_images/") and rendition.startswith("/media/images/")
    for path, field_file in [(original, public_image.file), (rendition, public_image.renditions.get().file)]:
        response = graphql.client.get(path)
        assert response.status_code == 200, path
        with field_file.open("rb") as stored:
            assert body(response) == stored.read()
        assert response["Content-Type"].startswith("image/")
        assert response["Cache-Control"] == "public, max-age=3600"


@override_settings(MEDIA_SERVE="nginx")
def test_behind_nginx_a_public_rendition_is_handed_to_the_internal_location(graphql, public_image):
    _, rendition = api_urls(graphql, public_image)
    response = graphql.client.get(rendition)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/protected-media/" + rendition.removeprefix("/media/")
    assert response.content == b""  # nginx sends the bytes, not Python
    assert response["Content-Type"].startswith("image/")
    assert response["Cache-Control"] == "public, max-age=3600"


@pytest.mark.parametrize("serve", ["django", "nginx"])
def test_a_private_images_files_are_refused_to_the_public_and_served_to_its_editors(
    client, admin_client, private_image, serve
):
    paths = media_paths(private_image)
    assert len(paths) == 3
    with override_settings(MEDIA_SERVE=serve):
        for path in paths:
            refused = client.get(path)
            assert refused.status_code == 404, path
            assert "X-Accel-Redirect" not in refused
            thumbnail = admin_client.get(path)  # the admin shows the editor's own private images
            assert thumbnail.status_code == 200, path
            assert "no-store" in thumbnail["Cache-Control"] and "private" in thumbnail["Cache-Control"]


def test_an_image_moved_into_a_private_collection_loses_the_files_it_already_had(client, public_image):
    paths = media_paths(public_image)
    assert all(client.get(path).status_code == 200 for path in paths)
    secret = Collection.get_first_root_node().add_child(name="Later embargoed")
    public_image.collection = secret
    public_image.save()
    assert all(client.get(path).status_code == 200 for path in paths)  # not yet restricted
    CollectionViewRestriction.objects.create(
        collection=secret, restriction_type=CollectionViewRestriction.PASSWORD, password="x"
    )
    assert [client.get(path).status_code for path in paths] == [404, 404, 404]


def test_only_stored_image_files_are_served(client, public_image):
    original = public_image.file.url
    for path in [
        original.replace("original_images/", "images/"),  # a real file name, but not a rendition's
        original + ".missing",
        "/media/documents/" + original.rsplit("/", 1)[1],  # documents have their own view
        "/media/original_images/../original_images/" + original.rsplit("/", 1)[1],
    ]:
        assert client.get(path).status_code == 404, path
