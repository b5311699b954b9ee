"""GraphQL over HTTP: the request's parameters, the response's media type and status code.

Follows the GraphQL-over-HTTP specification (https://graphql.github.io/graphql-over-http/draft/):

- Media types. A response is `application/json` or `application/graphql-response+json`, whichever the `Accept`
  header ranks highest (ties go to the type the client named explicitly, then to the one it listed first). An
  absent `Accept`, `*/*` or `application/*` gets `application/json`: this is the endpoint's documented default, as
  asked for by its clients. (The specification's "legacy watershed" says that from 2025 a server SHOULD treat an
  absent `Accept` as `application/graphql-response+json`; that is a SHOULD, and `application/json` with status 200
  is understood by every client, old or new, whereas a 400 with the new type is not. A client that wants the new
  type's status codes asks for it.) An `Accept` that allows neither is refused with 406 (the RECOMMENDED choice).
- Requests. GET carries `query`, `operationName`, `variables` and `extensions` (the last two JSON-encoded) in the
  URL and may only run queries: a mutation (or subscription) by GET is 405 with `Allow: POST`. POST carries them as
  a JSON object in a body of type `application/json` (UTF-8); any other body type is 415. A body over the byte
  limit is 413 before it is read. A request that is not a well-formed GraphQL-over-HTTP request (a body that is not
  JSON, not an object, a JSON array, which is how clients batch operations, a `query` that is not a string,
  `variables` that are not an object) is 400, whatever the media type.
- Status codes of a well-formed request (the specification's "Status Codes" section):

  ============================================  ==================  ===================================
  outcome                                        application/json    application/graphql-response+json
  ============================================  ==================  ===================================
  document cannot be parsed, or over a limit     200, no `data`      400, no `data`
  document fails validation (incl. our limits)   200, no `data`      400, no `data`
  operation cannot be determined                 200, no `data`      400, no `data`
  variables cannot be coerced                    200, no `data`      400, no `data`
  executed, with or without field errors         200, `data`         200, `data` (possibly null)
  ============================================  ==================  ===================================

  For `application/json` the specification says the server SHOULD use 200 for every response to a well-formed
  request, "independent of any GraphQL request error or GraphQL field error", and SHOULD NOT use 4xx or 5xx: an
  intermediary's 4xx/5xx could otherwise be mistaken for a GraphQL response. Its examples name parse failures,
  validation failures, an undeterminable operation and variable coercion failures as 200 ("Okay"). So a refusal
  by one of our limits, which is a validation failure, is 200 with `errors` under `application/json`, and 400 under
  `application/graphql-response+json`, whose rule is that a response without `data` MUST be 4xx or 5xx.
"""

import json

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

JSON = "application/json"
GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
# In order of preference when the client's `Accept` ranks them equally (e.g. `*/*`).
RESPONSE_MEDIA_TYPES = (JSON, GRAPHQL_RESPONSE_JSON)


class HttpError(Exception):
    """A request that is not a well-formed GraphQL-over-HTTP request, answered with a status and a JSON error."""

    def __init__(self, status, message, headers=None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def _quality(parameters):
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "q":
            try:
                quality = float(value.strip())
            except ValueError:
                return None
            return quality if 0 <= quality <= 1 else None
    return 1.0


def negotiate(accept):
    """The response media type for an `Accept` header, or None when the header allows neither supported type."""
    if accept is None or not accept.strip():
        return JSON
    ranges = []
    for position, item in enumerate(accept.split(",")):
        media_range, *parameters = item.split(";")
        media_range = media_range.strip().lower()
        quality = _quality(parameters)
        if media_range and quality is not None:
            ranges.append((media_range, quality, position))
    best = None
    for preference, media_type in enumerate(RESPONSE_MEDIA_TYPES):
        main_type = media_type.split("/")[0]
        matches = []
        for media_range, quality, position in ranges:
            specificity = {media_type: 2, f"{main_type}/*": 1, "*/*": 0}.get(media_range)
            if specificity is not None:
                matches.append((specificity, quality, position))
        if not matches:
            continue
        specificity, quality, position = max(matches, key=lambda match: (match[0], -match[2]))
        if quality <= 0:
            continue
        key = (quality, specificity, -position, -preference)
        if best is None or key > best[0]:
            best = (key, media_type)
    return best[1] if best else None


class GraphQLParams:
    def __init__(self, query, variables=None, operation_name=None, extensions=None):
        self.query = query
        self.variables = variables
        self.operation_name = operation_name
        self.extensions = extensions


def _decode_json_parameter(name, value):
    if value is None or value == "":
        return None
    try:
        return json.loads(value)
    except (ValueError, RecursionError):
        raise HttpError(400, f"`{name}` is not valid JSON.") from None


def _checked_params(query, variables, operation_name, extensions):
    if query is None and not (isinstance(extensions, dict) and "persistedQuery" in extensions):
        raise HttpError(400, "Provide a GraphQL document in the `query` parameter.")
    if query is not None and not isinstance(query, str):
        raise HttpError(400, "`query` must be a string.")
    if variables is not None and not isinstance(variables, dict):
        raise HttpError(400, "`variables` must be a JSON object.")
    if operation_name is not None and not isinstance(operation_name, str):
        raise HttpError(400, "`operationName` must be a string.")
    if extensions is not None and not isinstance(extensions, dict):
        raise HttpError(400, "`extensions` must be a JSON object.")
    return GraphQLParams(query, variables, operation_name or None, extensions)


def _params_from_get(request, max_bytes):
    if len(request.META.get("QUERY_STRING", "")) > max_bytes:
        raise HttpError(414, f"The request URL exceeds the limit of {max_bytes} bytes; send the query by POST.")
    try:
        params = request.GET
    except SuspiciousOperation as error:  # e.g. TooManyFieldsSent
        raise HttpError(400, f"The request URL could not be read: {error}") from None
    return _checked_params(
        params.get("query"),
        _decode_json_parameter("variables", params.get("variables")),
        params.get("operationName"),
        _decode_json_parameter("extensions", params.get("extensions")),
    )


def _params_from_post(request, max_bytes):
    if (request.content_type or "").lower() != JSON:
        raise HttpError(415, "POST bodies must be JSON: send `Content-Type: application/json`.")
    charset = request.content_params.get("charset", "utf-8").lower()
    if charset not in {"utf-8", "utf8"}:
        raise HttpError(415, "POST bodies must be encoded in UTF-8.")
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise HttpError(400, "The Content-Length header is not a number.") from None
    too_large = HttpError(413, f"The request body exceeds the limit of {max_bytes} bytes.")
    if declared > max_bytes:
        raise too_large
    try:
        body = request.body
    except RequestDataTooBig:
        raise too_large from None
    if len(body) > max_bytes:
        raise too_large
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise HttpError(400, "The request body is not valid JSON.") from None
    if isinstance(data, list):
        raise HttpError(
            400, "Batched operations are not supported: send one operation per request, as one JSON object."
        )
    if not isinstance(data, dict):
        raise HttpError(400, "The request body must be a JSON object with a `query` string.")
    return _checked_params(data.get("query"), data.get("variables"), data.get("operationName"), data.get("extensions"))


def read_params(request, max_bytes):
    """The GraphQL-over-HTTP request parameters, or HttpError when the request is not well-formed."""
    if request.method == "GET":
        return _params_from_get(request, max_bytes)
    return _params_from_post(request, max_bytes)


def json_body(payload):
    return json.dumps(payload, separators=(",", ":")).encode("utf-8")


def json_response(payload, status, media_type, headers=None):
    return raw_json_response(json_body(payload), status, media_type, headers)


def raw_json_response(body, status, media_type, headers=None):
    response = HttpResponse(body, status=status, content_type=f"{media_type}; charset=utf-8")
    for name, value in (headers or {}).items():
        response[name] = value
    patch_vary_headers(response, ("Accept",))
    return response


def error_response(status, message, media_type=JSON, headers=None):
    return json_response({"errors": [{"message": message}]}, status, media_type, headers)
