"""Executing a validated document: a time budget, and errors that never show the server's internals.

- `BudgetedExecutionContext` checks the elapsed time before each field is resolved; past
  `GRAPHQL_LIMITS["MAX_SECONDS"]` the whole execution stops with "Query exceeded the time limit of N s." (a resolver
  already running is not interrupted: Python cannot stop a database query from the outside, so the budget bounds
  the number of further resolvers, not one slow resolver).
- `public_error()` formats an error for the response. A resolver's own refusal (a GraphQLError, e.g.
  `BadRequestArgument`) keeps its message; a value the model cannot take (ValueError, DataError: an `id` that is not
  a number) is a general "cannot be used" message, logged as a warning; any other exception (a bug, a missing file)
  is logged here with its traceback and shown to the client only as "Internal server error.", with its path.
"""

import logging
import re
from time import monotonic

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from graphql import ExecutionContext, GraphQLError

from .validation import limits

logger = logging.getLogger("graphql_api")

GENERIC_MESSAGE = "Internal server error."
INVALID_VALUE_MESSAGE = "A value given to this field cannot be used (for example, an id that is not a number)."
CLIENT_VALUE_ERRORS = (ValueError, OverflowError, DjangoValidationError, DataError)
# Exceptions that are not GraphQLErrors but whose message is written for API clients (grapple raises TypeError).
PUBLIC_MESSAGE_PREFIXES = (
    "Invalid filter specs.",
    "No valid filter specs for SVG.",
    "This data type is not searchable by Wagtail.",
)
_SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?\s*$", re.DOTALL)


class TimeLimitExceeded(GraphQLError):
    """Raised between fields once the time budget is spent; it ends the whole execution, not just one field."""


class BudgetedExecutionContext(ExecutionContext):
    # Every resolver is synchronous (the view and Django's ORM are): graphql-core's check of each value for
    # `__await__` (about 2,000 per 20-post listing) can only answer no.
    is_awaitable = staticmethod(lambda value: False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.budget_seconds = limits()["MAX_SECONDS"]
        self.deadline = monotonic() + self.budget_seconds

    def execute_field(self, parent_type, source, field_nodes, path):
        if monotonic() > self.deadline:
            raise TimeLimitExceeded(
                f"Query exceeded the time limit of {self.budget_seconds:g} s.", field_nodes, path=path.as_list()
            )
        return super().execute_field(parent_type, source, field_nodes, path)

    def handle_field_error(self, error, return_type, path):
        # Let the time limit escape every field's error handling, up to `execute_operation` (data becomes null).
        if isinstance(error, TimeLimitExceeded) or isinstance(error.original_error, TimeLimitExceeded):
            raise error
        return super().handle_field_error(error, return_type, path)


def execute_document(schema, document, *, context_value, variables, operation_name, middleware, hide_suggestions):
    """Execute like graphql-core's `execute`, but tell request errors from execution results.

    Returns `(data, errors, executed)`: when the operation cannot be determined or the variables cannot be
    coerced, `executed` is False and there is no data (a "GraphQL request error"); otherwise `data` is the result
    of execution, possibly null, and `errors` the field errors.
    """
    context = BudgetedExecutionContext.build(
        schema,
        document,
        None,
        context_value,
        variables,
        operation_name,
        middleware=middleware,
        hide_suggestions=hide_suggestions,
    )
    if isinstance(context, list):
        return None, context, False
    errors = context.collected_errors
    try:
        data = context.execute_operation(context.operation, None)
    except GraphQLError as error:
        errors.add(error, None)
        data = None
    result = context.build_response(data, errors.errors)
    return result.data, result.errors or [], True


def _is_public(error):
    original = error.original_error
    if original is None or isinstance(original, GraphQLError):
        return True
    return isinstance(original, TypeError) and str(original).startswith(PUBLIC_MESSAGE_PREFIXES)


def _position(error):
    position = {}
    if isinstance(error, GraphQLError):
        if error.locations:
            position["locations"] = [location.formatted for location in error.locations]
        if error.path:
            position["path"] = error.path
    return position


def public_error(error, *, hide_suggestions=False, executed=True):
    """The error as the client sees it: see the module's docstring.

    Errors from parsing, validation and variable coercion (`executed=False`) are written by graphql-core about the
    document and keep their message; when one wraps an exception (a scalar's parser failing on a literal), the
    exception's own text, which describes Python rather than the document, is left out."""
    if isinstance(error, GraphQLError) and not executed:
        formatted = dict(error.formatted)
        if not _is_public(error) and (detail := str(error.original_error)) and detail in formatted["message"]:
            formatted["message"] = formatted["message"].replace(detail, "").rstrip(" ;.:") + "."
    elif isinstance(error, GraphQLError) and _is_public(error):
        formatted = dict(error.formatted)
    elif isinstance(error, GraphQLError) and isinstance(error.original_error, CLIENT_VALUE_ERRORS):
        # An argument the model could not take (an `id` that is not a number, a year out of range): the client's
        # doing, told in general terms (the exception's text may name internals) and logged as a warning.
        original = error.original_error
        logger.warning("GraphQL argument refused at %s: %r", error.path, original)
        formatted = {"message": INVALID_VALUE_MESSAGE, **_position(error)}
    else:
        original = getattr(error, "original_error", None) or error
        logger.error(
            "GraphQL execution failed at %s",
            getattr(error, "path", None),
            exc_info=(type(original), original, original.__traceback__),
        )
        formatted = {"message": GENERIC_MESSAGE, **_position(error)}
    if hide_suggestions:
        formatted["message"] = _SUGGESTION.sub("", formatted["message"])
    return formatted
