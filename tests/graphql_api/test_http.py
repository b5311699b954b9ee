"""GraphQL over HTTP: media types, methods, bodies and status codes, as the specification and graphql_api.http say.

The status table for a well-formed request: under application/json every GraphQL outcome is 200 (request errors
carry no `data`); under application/graphql-response+json a request error (parse, validation, operation,
variables) is 400 and an executed operation is 200.
"""

import json
import logging

import pytest
from django.test import Client

from graphql_api.http import negotiate

pytestmark = pytest.mark.django_db

JSON = "application/json"
GQL = "application/graphql-response+json"


def post(client, body, accept=None, content_type=JSON, **extra):
    if not isinstance(body, (str, bytes)):
        body = json.dumps(body)
    if accept is not None:
        extra["HTTP_ACCEPT"] = accept
    return client.post("/graphql/", body, content_type=content_type, **extra)


def media_type(response):
    return response["Content-Type"].split(";")[0]


def assert_errors_only(response):
    payload = response.json()
    assert "data" not in payload, payload
    assert payload["errors"] and all(isinstance(error["message"], str) for error in payload["errors"])
    return payload


# Media types ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, JSON),
        ("", JSON),
        ("*/*", JSON),
        ("application/*", JSON),
        (JSON, JSON),
        (GQL, GQL),
        (f"{GQL}, {JSON};q=0.9", GQL),
        (f"{GQL}; charset=utf-8, {JSON}; charset=utf-8", GQL),
        (f"{JSON}, {GQL}", JSON),
        (f"{JSON};q=0.5, {GQL}", GQL),
        (f"{JSON};q=0, */*", GQL),
        (f"{GQL}, */*", GQL),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", JSON),
        ("text/html", None),
        ("application/xml", None),
        (f"{JSON};q=0", None),
        (f"{JSON};q=banana", None),
    ],
)
def test_negotiation(accept, expected):
    assert negotiate(accept) == expected


@pytest.mark.parametrize("accept", [None, "*/*", JSON, GQL, f"{GQL}, {JSON};q=0.9"])
def test_response_uses_the_negotiated_media_type_in_utf_8(client, accept):
    response = post(client, {"query": "{ __typename }"}, accept=accept)
    assert response.status_code == 200
    assert response["Content-Type"] == f"{negotiate(accept)}; charset=utf-8"
    assert response.json() == {"data": {"__typename": "Query"}}
    assert "Accept" in response["Vary"]


@pytest.mark.parametrize("accept", ["text/html", "application/xml", "image/png;q=1, application/json;q=0"])
def test_an_accept_header_the_server_cannot_satisfy_is_406(client, django_assert_num_queries, accept):
    with django_assert_num_queries(0):
        response = post(client, {"query": "{ __typename }"}, accept=accept)
    assert response.status_code == 406
    assert_errors_only(response)


# Status codes ---------------------------------------------------------------------------------------------------

REQUEST_ERRORS = {
    "parse": ({"query": "{"}, "Syntax Error"),
    "validation": ({"query": "{ nope }"}, "Cannot query field 'nope'"),
    "limit": ({"query": "{ " + "__typename " * 16 + "}"}, "Root field count 16"),
    "no operation chosen": (
        {"query": "query A { __typename } query B { __typename }"},
        "Must provide operation name",
    ),
    "unknown operation": ({"query": "query A { __typename }", "operationName": "B"}, "Unknown operation named 'B'"),
    "variable coercion": (
        {"query": "query ($n: PositiveInt!) { pages(limit: $n) { id } }", "variables": {"n": "ten"}},
        "Variable '$n' got invalid value 'ten'",
    ),
    "missing variable": (
        {"query": "query ($n: PositiveInt!) { pages(limit: $n) { id } }"},
        "Variable '$n' of required type 'PositiveInt!' was not provided.",
    ),
}


@pytest.mark.parametrize("case", REQUEST_ERRORS)
@pytest.mark.parametrize(("accept", "status"), [(JSON, 200), (None, 200), (GQL, 400)])
def test_request_errors_are_200_as_json_and_400_as_graphql_response_json(
    client, django_assert_num_queries, case, accept, status
):
    body, message = REQUEST_ERRORS[case]
    with django_assert_num_queries(0):
        response = post(client, body, accept=accept)
    assert response.status_code == status
    assert media_type(response) == negotiate(accept)
    payload = assert_errors_only(response)
    assert payload["errors"][0]["message"].startswith(message), payload


@pytest.mark.parametrize("accept", [JSON, GQL])
def test_field_errors_during_execution_are_200_with_data(client, site_tree, accept):
    response = post(client, {"query": '{ page(token: "forged") { title } researchAreas { title } }'}, accept=accept)
    assert response.status_code == 200
    payload = response.json()
    assert payload["data"] == {"page": None, "researchAreas": []}
    assert payload["errors"][0]["message"] == "The preview token is not valid."
    assert payload["errors"][0]["path"] == ["page"]


@pytest.mark.parametrize("accept", [JSON, GQL])
def test_an_error_that_nulls_the_whole_data_is_still_200(client, site_tree, accept):
    response = post(client, {"query": '{ pages(order: "owner__password") { id } }'}, accept=accept)
    assert response.status_code == 200
    payload = response.json()
    assert payload["data"] is None
    assert payload["errors"][0]["message"].startswith("`order` may not be 'owner__password'")


# Methods --------------------------------------------------------------------------------------------------------


def test_get_runs_a_query(client, site_tree):
    response = client.get("/graphql/", {"query": "query Q($n: PositiveInt) { pages(limit: $n) { title } }",
                                        "variables": json.dumps({"n": 2}), "operationName": "Q"})  # fmt: skip
    assert response.status_code == 200
    assert "errors" not in response.json()


@pytest.mark.parametrize(
    ("query", "operation_name"),
    [
        ("mutation { __typename }", None),
        ("mutation M { __typename }", "M"),
        ("query Q { __typename } mutation M { __typename }", "M"),
        ("subscription { __typename }", None),
    ],
)
def test_get_refuses_mutations_with_405(client, django_assert_num_queries, query, operation_name):
    params = {"query": query}
    if operation_name:
        params["operationName"] = operation_name
    with django_assert_num_queries(0):
        response = client.get("/graphql/", params)
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "send it with POST" in assert_errors_only(response)["errors"][0]["message"]


def test_get_may_name_the_query_of_a_document_that_also_holds_a_mutation(client):
    response = client.get(
        "/graphql/", {"query": "query Q { __typename } mutation M { __typename }", "operationName": "Q"}
    )
    # Not a 405: the operation to run is a query; only the named operation is executed.
    assert response.status_code == 200
    assert response.json() == {"data": {"__typename": "Query"}}


@pytest.mark.parametrize("method", ["put", "patch", "delete", "head", "options"])
def test_other_methods_are_405(client, method):
    response = getattr(client, method)("/graphql/")
    assert response.status_code == 405
    assert response["Allow"] == "GET, POST"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "Provide a GraphQL document in the `query` parameter."),
        ({"query": "{ __typename }", "variables": "{"}, "`variables` is not valid JSON."),
        ({"query": "{ __typename }", "variables": "[1]"}, "`variables` must be a JSON object."),
        ({"query": "{ __typename }", "extensions": "7"}, "`extensions` must be a JSON object."),
    ],
)
def test_a_malformed_get_is_400(client, params, message):
    response = client.get("/graphql/", params)
    assert response.status_code == 400
    assert assert_errors_only(response)["errors"] == [{"message": message}]


# Bodies ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("NONSENSE", "The request body is not valid JSON."),
        ('{"query":', "The request body is not valid JSON."),
        (b"\xff\xfe{}", "The request body is not valid JSON."),
        ('"{ __typename }"', "The request body must be a JSON object with a `query` string."),
        ("{}", "Provide a GraphQL document in the `query` parameter."),
        ('{"qeury": "{ __typename }"}', "Provide a GraphQL document in the `query` parameter."),
        ('{"query": 7}', "`query` must be a string."),
        ('{"query": "{ __typename }", "variables": [7]}', "`variables` must be a JSON object."),
        ('{"query": "{ __typename }", "variables": "{}"}', "`variables` must be a JSON object."),
        ('{"query": "{ __typename }", "operationName": 7}', "`operationName` must be a string."),
        ('{"query": "{ __typename }", "extensions": []}', "`extensions` must be a JSON object."),
        (
            '[{"query": "{ __typename }"}, {"query": "{ __typename }"}]',
            "Batched operations are not supported: send one operation per request, as one JSON object.",
        ),
    ],
)
@pytest.mark.parametrize("accept", [JSON, GQL])
def test_a_malformed_post_is_400_with_a_json_error(client, django_assert_num_queries, body, message, accept):
    with django_assert_num_queries(0):
        response = post(client, body, accept=accept)
    assert response.status_code == 400
    assert media_type(response) == accept
    assert assert_errors_only(response)["errors"] == [{"message": message}]


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/graphql",
        "application/json; charset=latin-1",
        "",
    ],
)
def test_post_bodies_must_be_json_in_utf_8(client, content_type):
    response = client.generic("POST", "/graphql/", b'{"query": "{ __typename }"}', content_type=content_type)
    assert response.status_code == 415
    assert_errors_only(response)


def test_post_json_with_an_explicit_utf_8_charset_is_accepted(client):
    response = post(client, {"query": "{ __typename }"}, content_type="application/json; charset=UTF-8")
    assert response.json() == {"data": {"__typename": "Query"}}


def test_a_body_over_the_byte_limit_is_413_before_it_is_read(client, django_assert_num_queries, settings):
    settings.GRAPHQL_LIMITS = {**settings.GRAPHQL_LIMITS, "MAX_BODY_BYTES": 1000}
    with django_assert_num_queries(0):
        response = post(client, {"query": "{ __typename }", "variables": {"pad": "x" * 1000}})
    assert response.status_code == 413
    assert assert_errors_only(response)["errors"] == [{"message": "The request body exceeds the limit of 1000 bytes."}]
    assert post(client, {"query": "{ __typename }"}).status_code == 200


def test_the_body_limit_is_also_bounded_by_django_data_upload_max_memory_size(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    response = post(client, {"query": "{ __typename }", "variables": {"pad": "x" * 200}})
    assert response.status_code == 413


def test_a_url_over_the_byte_limit_is_414(client, settings):
    settings.GRAPHQL_LIMITS = {**settings.GRAPHQL_LIMITS, "MAX_BODY_BYTES": 100}
    response = client.get("/graphql/", {"query": "{ __typename }" + " " * 200})
    assert response.status_code == 414


# Headers: no cookies, no Vary: Cookie, nosniff -------------------------------------------------------------------


@pytest.mark.parametrize(
    "request_",
    [
        lambda client: post(client, {"query": "{ pages { title url } researchAreas { title } }"}),
        lambda client: post(client, {"query": "{ nope }"}, accept=GQL),
        lambda client: post(client, "NONSENSE"),
        lambda client: client.get("/graphql/", {"query": '{ site(hostname: "testserver") { siteName } }'}),
        lambda client: client.get("/graphql/", {"query": "mutation { x }"}),
        lambda client: client.put("/graphql/"),
    ],
)
def test_responses_set_no_cookie_do_not_vary_on_cookie_and_are_nosniff(site_tree, request_):
    client = Client(enforce_csrf_checks=True)
    response = request_(client)
    assert response.status_code != 403  # CSRF-exempt: a frontend has no token to send
    assert not response.cookies
    assert "Set-Cookie" not in response
    assert "cookie" not in response.get("Vary", "").lower()
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_request_with_a_session_cookie_still_gets_no_cookie_back(
    client, site_tree, admin_user, django_assert_num_queries
):
    client.force_login(admin_user)
    response = post(client, {"query": "{ pages { title } }"})
    assert response.status_code == 200
    assert not response.cookies
    assert "cookie" not in response.get("Vary", "").lower()
    # The session is never loaded: a refused request with a session cookie runs no SQL at all.
    with django_assert_num_queries(0):
        response = post(client, {"query": "{ " + "__typename " * 16 + "}"})
    assert response.json()["errors"][0]["message"] == "Root field count 16 exceeds the limit of 15."
    assert not response.cookies


# Never a 500 ----------------------------------------------------------------------------------------------------


def test_an_unexpected_resolver_exception_is_a_generic_error_logged_server_side(client, site_tree, monkeypatch, caplog):
    def explode(*args, **kwargs):
        raise RuntimeError("connection to db-internal.lab:5432 refused")

    monkeypatch.setattr("graphql_api.listings.public_pages", explode)
    with caplog.at_level(logging.ERROR, logger="graphql_api"):
        response = post(client, {"query": "{ researchAreas { title } page(id: 1) { title } }"}, accept=GQL)
    assert response.status_code == 200
    payload = response.json()
    assert payload["data"] is None  # researchAreas is non-null, so its error nulls the whole data
    assert payload["errors"] == [
        {"message": "Internal server error.", "locations": [{"line": 1, "column": 3}], "path": ["researchAreas"]}
    ]
    assert "db-internal" not in response.content.decode()
    assert "db-internal" in caplog.text


def test_an_exception_outside_execution_is_still_a_json_graphql_response(client, monkeypatch, caplog):
    def explode(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr("graphql_api.views.execute_document", explode)
    with caplog.at_level(logging.ERROR, logger="graphql_api"):
        response = post(client, {"query": "{ __typename }"})
    assert response.status_code == 200
    assert response.json() == {"data": None, "errors": [{"message": "Internal server error."}]}
    assert "bug" in caplog.text


def test_grapple_argument_errors_keep_their_message(client, site_tree, image):
    response = post(client, {"query": f"{{ image(id: {image.pk}) {{ rendition(width: 333) {{ url }} }} }}"})
    assert response.json()["errors"][0]["message"].startswith("Invalid filter specs.")
