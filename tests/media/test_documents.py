"""Documents: every download goes through Wagtail's view, which checks collection privacy before any byte leaves."""

from urllib.parse import urlsplit

import pytest
from django.test import override_settings
from wagtail.documents import get_document_model
from wagtail_factories import DocumentFactory

PDF = b"%PDF-1.4 the camera-ready paper"


@pytest.fixture
def public_document(db):
    return DocumentFactory(title="Paper", file__filename="paper.pdf", file__data=PDF)


@pytest.fixture
def private_document(private_collection):
    return DocumentFactory(title="Draft", collection=private_collection, file__filename="draft.pdf", file__data=PDF)


def api_url(graphql, document):
    return urlsplit(graphql.query(f"{{ document(id: {document.pk}) {{ url }} }}")["document"]["url"]).path


def test_the_api_links_documents_to_the_serve_view_never_to_the_file(graphql, public_document):
    assert api_url(graphql, public_document) == f"/documents/{public_document.pk}/paper.pdf"
    assert get_document_model().objects.get().file.url.startswith("/media/documents/")
    assert graphql.client.get(public_document.file.url).status_code == 404  # the raw file is no route of the CMS


@override_settings(MEDIA_SERVE="nginx")
def test_behind_nginx_a_public_document_is_handed_to_the_internal_location(graphql, public_document):
    response = graphql.client.get(api_url(graphql, public_document))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/protected-media/" + public_document.file.name
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="{public_document.filename}"'


def test_without_nginx_a_public_document_is_streamed(graphql, public_document):
    response = graphql.client.get(api_url(graphql, public_document))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "X-Accel-Redirect" not in response


@pytest.mark.parametrize("serve", ["django", "nginx"])
def test_a_private_document_is_refused_to_the_public_and_served_past_its_restriction(
    client, django_user_model, private_document, serve
):
    url = private_document.url
    with override_settings(MEDIA_SERVE=serve):
        refused = client.get(url)
        assert refused.status_code == 302
        assert "login" in refused["Location"]
        assert "X-Accel-Redirect" not in refused
        client.force_login(django_user_model.objects.create_user("reader", password="x"))
        allowed = client.get(url)
    assert allowed.status_code == 200
    if serve == "nginx":
        assert allowed["X-Accel-Redirect"] == "/protected-media/" + private_document.file.name
    else:
        assert b"".join(allowed.streaming_content) == PDF
