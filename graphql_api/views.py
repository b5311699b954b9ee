"""The one public GraphQL endpoint: anonymous, cookie-less, bounded, and never a 500.

A request goes through, in order (each step may answer on its own, and none before execution touches the
database):

1. the method (GET or POST, else 405) and the `Accept` header (406 when neither JSON media type is acceptable);
2. the request's parameters (`graphql_api.http`): size (413/414), body type (415), well-formedness (400);
3. the document's size and tokens, before and while parsing (`graphql_api.validation.parse_document`);
4. GET may only run a query (405 otherwise);
5. validation: the API's limits (`graphql_api.validation.limit_rules`) and graphql-core's standard rules in one
   pass. Steps 3 and 5 are kept per document text (`graphql_api.validation.documents`): a repeated document is
   neither parsed nor validated again;
6. execution with a time budget (`graphql_api.execution`), errors stripped of internals.

Status codes and media types follow the GraphQL-over-HTTP specification; `graphql_api.http` documents the table.

The view reads no session and no user, so SessionMiddleware adds no `Vary: Cookie`, and it is CSRF-exempt without
calling `get_token`, so CsrfViewMiddleware sets no cookie. (graphene-django's own `dispatch` is wrapped in
`ensure_csrf_cookie`, which would set one on every response; this view replaces that `dispatch`.)
"""

import logging

from django.conf import settings
from django.http import HttpResponseNotModified
from django.utils.decorators import method_decorator
from django.utils.http import parse_etags
from django.views.decorators.csrf import csrf_exempt
from graphene_django.settings import graphene_settings
from graphene_django.views import GraphQLView
from graphql import GraphQLError, OperationType, get_operation_ast

from core.cache_tags import collecting
from core.paths import urls_for
from core.visibility import visibility_cache

from .cache import (
    PersistedQueryError,
    cached_response,
    document_hash,
    etag_for,
    persisted_document,
    remember_persisted_query,
    response_key,
    store_response,
    tag_headers,
)
from .execution import GENERIC_MESSAGE, execute_document, public_error
from .explorer import render_explorer
from .http import JSON, HttpError, error_response, json_body, json_response, negotiate, raw_json_response, read_params
from .preview import DRAFT_CACHE_CONTROL
from .validation import documents, introspection_allowed, limits

logger = logging.getLogger("graphql_api")


@method_decorator(csrf_exempt, name="dispatch")
class PublicGraphQLView(GraphQLView):
    """Anonymous and cookie-less: it reads no session, so it needs no CSRF token and sets no cookie."""

    graphiql = False

    def dispatch(self, request, *args, **kwargs):
        try:
            return self.handle(request)
        except Exception:
            # A bug, not the client's doing: logged with its traceback, answered as a GraphQL error with null data
            # (a well-formed response, 200 under either media type), never as a 500 page.
            logger.exception("Unexpected error while serving %s %s", request.method, request.path)
            return json_response({"data": None, "errors": [{"message": GENERIC_MESSAGE}]}, 200, JSON)

    def handle(self, request):
        if request.method not in ("GET", "POST"):
            return error_response(
                405, "GraphQL requests use GET (queries only) or POST.", headers={"Allow": "GET, POST"}
            )
        if self.graphiql and request.method == "GET" and self.request_wants_html(request) and "raw" not in request.GET:
            return self.graphiql_page(request)
        media_type = negotiate(request.headers.get("Accept"))
        if media_type is None:
            return error_response(
                406, "Responses are application/graphql-response+json or application/json; accept one of them."
            )
        try:
            params = read_params(request, limits()["MAX_BODY_BYTES"])
        except HttpError as error:
            return error_response(error.status, error.message, media_type, error.headers)
        return self.run(request, params, media_type)

    def run(self, request, params, media_type):
        hide_suggestions = not introspection_allowed()

        def errors_payload(errors, executed):
            return [public_error(error, hide_suggestions=hide_suggestions, executed=executed) for error in errors]

        def request_error(errors):
            # A well-formed request that is not executed: no `data`; see the table in graphql_api.http.
            status = 200 if media_type == JSON else 400
            return json_response({"errors": errors_payload(errors, executed=False)}, status, media_type)

        def persisted_query_error(error):
            payload = {"errors": [{"message": error.message, "extensions": {"code": error.code}}]}
            return json_response(payload, 200 if media_type == JSON else 400, media_type)

        persisted = (params.extensions or {}).get("persistedQuery") is not None
        if params.query is None and not persisted:
            return error_response(400, "Provide a GraphQL document in the `query` parameter.", media_type)
        try:
            document_sha = document_hash(params.query, params.extensions)
        except PersistedQueryError as error:
            return persisted_query_error(error)
        # A document sent with its hash is remembered under it, once it is known to be valid (a stored answer exists
        # only for a document that was valid, executed without error and touched no draft).
        registers = persisted and params.query is not None

        key = response_key(request, media_type, document_sha, params.variables, params.operation_name)
        if (stored := cached_response(key)) is not None:
            if registers:
                remember_persisted_query(document_sha, params.query)
            return self.public_response(request, *stored, media_type, cache_hit=True)
        if params.query is None:
            try:
                params.query = persisted_document(document_sha)
            except PersistedQueryError as error:
                return persisted_query_error(error)

        try:
            document, _ = documents.parse(params.query)
        except GraphQLError as error:
            return request_error([error])

        operation = get_operation_ast(document, params.operation_name)
        if request.method == "GET" and operation is not None and operation.operation != OperationType.QUERY:
            return error_response(
                405,
                f"A {operation.operation.value} cannot be sent with GET; send it with POST.",
                media_type,
                {"Allow": "POST"},
            )

        schema = self.schema.graphql_schema
        if errors := documents.validate(schema, params.query, params.variables, hide_suggestions=hide_suggestions):
            return request_error(errors)
        if registers:  # only now: a document refused by any limit or rule is never stored
            remember_persisted_query(document_sha, params.query)

        with visibility_cache(), collecting() as tags, urls_for(request):
            data, errors, executed = execute_document(
                schema,
                document,
                context_value=self.get_context(request),
                variables=params.variables,
                operation_name=params.operation_name,
                middleware=self.get_middleware(request) or None,  # none: no MiddlewareManager call per field
                hide_suggestions=hide_suggestions,
            )
        if not executed:
            return request_error(errors)
        payload = {"data": data}
        if errors:
            payload["errors"] = errors_payload(errors, executed=True)
        if getattr(request, "serves_draft", False):
            return json_response(payload, 200, media_type, {"Cache-Control": DRAFT_CACHE_CONTROL})
        if errors:
            return json_response(payload, 200, media_type, {"Cache-Control": "no-store"})
        body = json_body(payload)
        etag = etag_for(body)
        store_response(key, body, tags, etag)
        return self.public_response(request, body, tags, etag, media_type, cache_hit=False)

    def public_response(self, request, body, tags, etag, media_type, cache_hit):
        """A public answer: an ETag, and for GET an HTTP cache lifetime and 304 to a matching If-None-Match."""
        if request.method == "GET":
            cache_control = f"public, max-age={settings.GRAPHQL_CACHE['MAX_AGE']}"
        else:
            cache_control = "no-cache"
        headers = {
            "ETag": etag,
            "Cache-Control": cache_control,
            "X-Cache": "HIT" if cache_hit else "MISS",
            **tag_headers(tags),
        }
        if request.method == "GET" and etag in parse_etags(request.headers.get("If-None-Match", "")):
            response = HttpResponseNotModified()
            for name, value in headers.items():
                response[name] = value
            return response
        return raw_json_response(body, 200, media_type, headers)

    def graphiql_page(self, request):
        return self.render_graphiql(
            request,
            whatwg_fetch_version=self.whatwg_fetch_version,
            whatwg_fetch_sri=self.whatwg_fetch_sri,
            react_version=self.react_version,
            react_sri=self.react_sri,
            react_dom_sri=self.react_dom_sri,
            graphiql_version=self.graphiql_version,
            graphiql_sri=self.graphiql_sri,
            graphiql_css_sri=self.graphiql_css_sri,
            subscriptions_transport_ws_version=self.subscriptions_transport_ws_version,
            subscriptions_transport_ws_sri=self.subscriptions_transport_ws_sri,
            graphiql_plugin_explorer_version=self.graphiql_plugin_explorer_version,
            graphiql_plugin_explorer_sri=self.graphiql_plugin_explorer_sri,
            graphiql_plugin_explorer_css_sri=self.graphiql_plugin_explorer_css_sri,
            subscription_path=self.subscription_path,
            graphiql_header_editor_enabled=graphene_settings.GRAPHIQL_HEADER_EDITOR_ENABLED,
            graphiql_should_persist_headers=graphene_settings.GRAPHIQL_SHOULD_PERSIST_HEADERS,
            graphiql_input_value_deprecation=graphene_settings.GRAPHIQL_INPUT_VALUE_DEPRECATION,
        )


class GraphiQLView(PublicGraphQLView):
    """GraphiQL for developers; only routed when DEBUG is on. Its page is the offline explorer (explorer.py)."""

    graphiql = True

    def render_graphiql(self, request, **data):
        return render_explorer(request)
