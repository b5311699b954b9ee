"""Middleware of the public API: field middleware that applies to every object field of the schema at once
(`apply_object_field_middleware`, at schema build), and HTTP middleware scoped to the /graphql/ path
(settings.MIDDLEWARE)."""

from django.conf import settings
from django.db import DatabaseError, OperationalError, connection
from django.urls import reverse_lazy
from graphql import (
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLUnionType,
    default_field_resolver,
    get_named_type,
)
from psycopg.errors import QueryCanceled
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage

from core.visibility import is_public_media

from .http import error_response

MEDIA = (AbstractImage, AbstractDocument)


def apply_object_field_middleware(graphql_schema, middleware):
    """Wrap, once, the resolver of every field whose type is an object, an interface or a union (or a list of them)
    in `middleware` (instances with graphene's `resolve(next, root, info, **kwargs)`; the last one outermost, as in
    graphene's MIDDLEWARE).

    The API's field middleware is about objects: the images and documents a field returns, the pages a list holds.
    As graphene's MIDDLEWARE it wrapped every field of every item, a title or a date as much as an image: three
    Python calls per scalar per item, for nothing. GRAPHENE["MIDDLEWARE"] stays empty. (Only object types' fields
    are wrapped: execution resolves an interface's field with the implementing type's.)"""
    for graphql_type in graphql_schema.type_map.values():
        if not isinstance(graphql_type, GraphQLObjectType) or graphql_type.name.startswith("__"):
            continue
        for field in graphql_type.fields.values():
            if getattr(field.resolve, "_field_middleware", False):
                continue  # a field object shared by two types is wrapped once
            if isinstance(get_named_type(field.type), (GraphQLObjectType, GraphQLInterfaceType, GraphQLUnionType)):
                resolve = field.resolve or default_field_resolver
                for each in middleware:
                    resolve = _wrapped(each, resolve)
                resolve._field_middleware = True
                field.resolve = resolve


def _wrapped(middleware, next):
    def resolve(root, info, **kwargs):
        return middleware.resolve(next, root, info, **kwargs)

    return resolve


class PrivateMediaMiddleware:
    """An image or document in a private collection resolves to null (or drops out of a list), wherever it is
    reached: a page's image field, a block, a gallery, a root query."""

    def resolve(self, next, root, info, **kwargs):
        result = next(root, info, **kwargs)
        if isinstance(result, MEDIA):
            return result if is_public_media(result) else None
        if isinstance(result, list) and result and isinstance(result[0], MEDIA):
            return [item for item in result if is_public_media(item)]
        return result


# --- HTTP middleware for the /graphql/ path (in settings.MIDDLEWARE) ---------------------------------------------

GRAPHQL_PATH = reverse_lazy("graphql")
TIMEOUT_MESSAGE = "The database took too long to answer."


def _is_graphql(request):
    return request.path_info == str(GRAPHQL_PATH)


class RequestBodyMiddleware:
    """Refuse the bodies the view would misread, each with a status that names the problem: a compressed body
    (`Content-Encoding`) is 415 instead of "not valid JSON", and a chunked body without `Content-Length`, which WSGI
    hands to Django as empty, is 411. Slow and oversized bodies are the reverse proxy's job (docs/security.md)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and _is_graphql(request):
            encoding = request.headers.get("Content-Encoding", "").strip().lower()
            if encoding and encoding != "identity":
                return error_response(
                    415, f"Content-Encoding `{encoding}` is not supported: send the JSON body uncompressed."
                )
            chunked = "chunked" in request.headers.get("Transfer-Encoding", "").lower()
            if chunked and not request.META.get("CONTENT_LENGTH"):
                return error_response(411, "Send the body with a Content-Length header; chunked bodies are not read.")
        return self.get_response(request)


class DatabaseTimeout(GraphQLError):
    """A public API query that PostgreSQL cancelled at GRAPHQL_STATEMENT_TIMEOUT_MS; its message is the client's."""


class _StatementTimeout:
    """A connection execute wrapper: sets the session's statement_timeout before the request's first query (and
    before each one inside a transaction, which could roll the setting back), and turns its cancellation into
    DatabaseTimeout. A request that is answered without a query (a cache hit) costs nothing."""

    def __init__(self, milliseconds):
        self.milliseconds = milliseconds
        self.applied = False
        self.issued = False

    def __call__(self, execute, sql, params, many, context):
        if not self.applied:
            context["cursor"].cursor.execute(
                "SELECT set_config('statement_timeout', %s, false)", [f"{self.milliseconds}ms"]
            )
            self.issued = True
            self.applied = not context["connection"].in_atomic_block
        try:
            return execute(sql, params, many, context)
        except OperationalError as error:
            if isinstance(error.__cause__, QueryCanceled):
                raise DatabaseTimeout(TIMEOUT_MESSAGE) from error
            raise

    def reset(self, connection):
        if not self.issued:
            return
        try:
            with connection.cursor() as cursor:
                cursor.execute("RESET statement_timeout")
        except DatabaseError:
            # A connection that cannot even reset must not be reused with the API's timeout by the admin.
            connection.close()


class StatementTimeoutMiddleware:
    """On PostgreSQL, cut each of a public API request's queries at GRAPHQL_STATEMENT_TIMEOUT_MS. The client gets
    the GraphQL error "The database took too long to answer." for the fields it cost, not a 500. The admin, imports
    and commands keep the server's default; the setting is reset before the connection serves anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        milliseconds = settings.GRAPHQL_STATEMENT_TIMEOUT_MS
        if not milliseconds or connection.vendor != "postgresql" or not _is_graphql(request):
            return self.get_response(request)
        timeout = _StatementTimeout(milliseconds)
        try:
            with connection.execute_wrapper(timeout):
                return self.get_response(request)
        finally:
            timeout.reset(connection)
