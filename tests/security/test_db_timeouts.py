"""PostgreSQL timeouts, for real: a public API query is cut at GRAPHQL_STATEMENT_TIMEOUT_MS with a precise GraphQL
error, and a database that never answers is given up on after DB_CONNECT_TIMEOUT seconds."""

import os
import socket
import threading

import graphene
import pytest
from django.db import OperationalError, connection, connections
from django.urls import path

from graphql_api.views import PublicGraphQLView

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
    reason="needs PostgreSQL: set DATABASE_URL=postgres://...",
)


class SlowQuery(graphene.ObjectType):
    """A test-only schema whose `sleep` field runs pg_sleep, to stand for a query the database is slow to answer."""

    sleep = graphene.Float(seconds=graphene.Float(required=True))
    answer = graphene.String()

    def resolve_sleep(root, info, seconds):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(%s)", [seconds])
        return seconds

    def resolve_answer(root, info):
        with connection.cursor() as cursor:
            cursor.execute("SELECT 'answered'")
            return cursor.fetchone()[0]


urlpatterns = [path("graphql/", PublicGraphQLView.as_view(schema=graphene.Schema(query=SlowQuery)), name="graphql")]


def show_statement_timeout():
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # autocommit, as in production
def test_a_slow_api_query_is_cut_with_a_precise_error(client, settings):
    settings.ROOT_URLCONF = __name__
    settings.GRAPHQL_STATEMENT_TIMEOUT_MS = 200
    response = client.post("/graphql/", {"query": "{ sleep(seconds: 30) answer }"}, content_type="application/json")
    assert response.status_code == 200
    payload = response.json()
    assert payload["errors"] == [
        {"message": "The database took too long to answer.", "locations": [{"line": 1, "column": 3}], "path": ["sleep"]}
    ]
    assert payload["data"] == {"sleep": None, "answer": "answered"}  # the connection is still usable
    # The connection goes back to the server's default, so the admin and imports are not cut at the API's limit.
    assert show_statement_timeout() == "0"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_other_paths_run_without_the_api_timeout(client, settings, admin_user):
    settings.GRAPHQL_STATEMENT_TIMEOUT_MS = 200
    client.force_login(admin_user)
    assert client.get("/django-admin/").status_code == 200
    assert show_statement_timeout() == "0"


def test_the_connect_timeout_reaches_the_connection(settings):
    assert connection.get_connection_params()["connect_timeout"] == settings.DB_CONNECT_TIMEOUT


def test_a_database_that_never_answers_is_given_up_on(django_db_blocker):
    """A socket that listens but never accepts or answers: without connect_timeout libpq would wait forever (a
    watchdog closes the socket after 60 s, so that a regression fails with a different error instead of hanging)."""
    blackhole = socket.socket()
    blackhole.bind(("127.0.0.1", 0))
    blackhole.listen(0)
    watchdog = threading.Timer(60, blackhole.close)
    watchdog.start()
    settings_dict = {
        **connection.settings_dict,
        "HOST": "127.0.0.1",
        "PORT": blackhole.getsockname()[1],
        "OPTIONS": {**connection.settings_dict["OPTIONS"], "connect_timeout": 2},
    }
    unreachable = type(connections["default"])(settings_dict, alias="blackhole")
    try:
        with django_db_blocker.unblock(), pytest.raises(OperationalError, match="timeout expired"):
            unreachable.ensure_connection()
    finally:
        watchdog.cancel()
        blackhole.close()
