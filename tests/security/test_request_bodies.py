"""/graphql/ refuses bodies it would misread, with a status that names the problem."""

import gzip
import json

BODY = json.dumps({"query": "{ __typename }"}).encode()


def test_a_gzip_body_is_415_naming_the_encoding(client, db):
    response = client.post(
        "/graphql/", gzip.compress(BODY), content_type="application/json", headers={"Content-Encoding": "gzip"}
    )
    assert response.status_code == 415
    assert response.json()["errors"][0]["message"].startswith("Content-Encoding `gzip` is not supported")


def test_a_chunked_body_without_a_length_is_411(client, db):
    response = client.generic(
        "POST",
        "/graphql/",
        BODY,
        content_type="application/json",
        headers={"Transfer-Encoding": "chunked"},
        CONTENT_LENGTH="",
    )
    assert response.status_code == 411
    assert "Content-Length" in response.json()["errors"][0]["message"]


def test_an_identity_body_with_a_length_is_served(client, db):
    response = client.post("/graphql/", BODY, content_type="application/json", headers={"Content-Encoding": "identity"})
    assert response.status_code == 200
    assert response.json() == {"data": {"__typename": "Query"}}
