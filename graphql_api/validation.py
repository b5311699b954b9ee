"""What one GraphQL document may ask of the public endpoint: its size, shape and cost, checked before any resolver.

The checks run in stages, cheapest first, so that a hostile document never reaches the expensive ones:

1. before parsing, the document's length in characters; while parsing, its number of tokens and comments
   (graphql-core stops lexing at the limit), so a huge or token-heavy document costs almost nothing to refuse;
2. `limit_rules()`: cheap structural limits (operations, aliases, root fields, depth, cost, introspection, the
   range of every size argument), each a graphql-core validation rule whose refusal names the limit and its value;
3. only then graphql-core's `specified_rules` (which stay on: graphene-django's `validation_rules` would replace
   them). Their worst case, OverlappingFieldsCanBeMerged on ~2000 same-named fields, is bounded by the token limit
   (about half a second).

Every limit comes from `settings.GRAPHQL_LIMITS`. Depth and cost are measured on the document with fragments
expanded, but each fragment is walked once per list-size context (memoised), so a fan-out of fragments costs linear
time to measure even though its cost is counted in full, and a fragment cycle is cut rather than followed
(NoFragmentCyclesRule refuses cycles anyway).

The cost of a field is its work on one item: 1, or the weight its model or type declares in `graphql_work`
(JSON-LD, citations), plus, for a field with a selection, the cost of that selection and of each item itself
(`PAGE_ITEM_COST` for a page) multiplied by the number of items the field may return: for a list, its `limit` or
`perPage` argument (a literal, or a variable's value or default), else the size a non-list parent passed down
(`blogPosts(perPage: 20) { items }`), else the default the schema states for that argument (`limit: Int = 100`),
else `DEFAULT_LIST_SIZE` (no smaller than any resolver's default, which is what an absent or null size returns).
A unit of cost stands for at most `CALLS_PER_COST` Python function calls, which tests/graphql_api/test_work.py
checks field by field, so `MAX_COST` bounds the work of any accepted document. A size
outside 1..`MAX_PAGE_SIZE` is refused by `SizeArgumentsRule`, so the size counted is the size that runs. On a union or
interface, fragments narrowed to different object types cost the most expensive of them (an item has one type), not
their sum. `__schema` and `__type` are left to the introspection switch and graphql-core's
MaxIntrospectionDepthRule: GraphiQL's introspection query is deeper than any content query needs to be.
"""

import re
from collections import Counter, OrderedDict
from functools import cache
from threading import Lock

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from graphene.utils.str_converters import to_snake_case
from graphene_django.settings import graphene_settings
from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLList,
    GraphQLNonNull,
    GraphQLSyntaxError,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    ValidationRule,
    VariableNode,
    get_named_type,
    is_abstract_type,
    is_composite_type,
    is_leaf_type,
    is_object_type,
    parse,
    specified_rules,
    validate,
)
from graphql.language import SKIP
from graphql.utilities import type_from_ast
from graphql.validation.validate import ValidationAbortedError
from grapple.settings import grapple_settings
from wagtail.models import Page

from .arguments import SIZE_ARGUMENT_RANGES, size_argument_error
from .query_estimate import QueryEstimate, models_by_type_name
from .roots import SEARCH_RESULTS_LIMIT

INTROSPECTION_FIELDS = frozenset({"__schema", "__type"})
LIST_SIZE_ARGUMENTS = ("limit", "perPage")  # the number of items a list returns (SizeArgumentsRule bounds them)
# Lists without a size argument whose resolver returns more than the default number of items.
# `sites` lists the hostnames the admins set up, not content: counted as at most 3 (the lab runs one).
LIST_SIZE_HINTS = {("Query", "search"): SEARCH_RESULTS_LIMIT, ("Query", "sites"): 3}

GRAPHQL_INT_RANGE = range(-(2**31), 2**31)
# What one unit of cost stands for: at most this many Python function calls of the request's work.
# tests/graphql_api/test_work.py holds every field to it, and `make bench` measures what a call costs in time on the
# large dataset, so MAX_COST x CALLS_PER_COST is the bound on what an accepted query may take (README, "Limits").
CALLS_PER_COST = 100
# An item of a list costs this much besides its fields: a page is a model instance made specific and checked for
# visibility; anything else (an image, a tag, an honor, a block) is a row or a value made an object.
PAGE_ITEM_COST = 6
ITEM_COST = 2

_TOKEN_LIMIT_ERROR = re.compile(r"Document contains more than \d+ (tokens|comments)")


def limits():
    defaults = {
        "MAX_DEPTH": 10,
        "MAX_ALIASES": 15,
        "MAX_ROOT_FIELDS": 15,
        "MAX_TOKENS": 2000,
        "MAX_DOCUMENT_CHARS": 15_000,
        "MAX_OPERATIONS": 10,
        "MAX_COST": 18_000,
        "MAX_QUERIES": 150,
        "DEFAULT_LIST_SIZE": 10,
        "MAX_SECONDS": 10,
        "MAX_BODY_BYTES": 1_048_576,
    }
    return {**defaults, **getattr(settings, "GRAPHQL_LIMITS", {})}


def introspection_allowed():
    return bool(getattr(settings, "GRAPHQL_INTROSPECTION", False))


def parse_document(source):
    """The parsed document, or a GraphQLError: a document over the size or token limit is refused before parsing
    (size) or as soon as the lexer passes the limit (tokens), so neither costs more than the limit to refuse."""
    limit = limits()
    if len(source) > limit["MAX_DOCUMENT_CHARS"]:
        raise GraphQLError(
            f"Document size {len(source)} characters exceeds the limit of {limit['MAX_DOCUMENT_CHARS']}."
        )
    try:
        return parse(source, max_lexical_tokens=limit["MAX_TOKENS"], max_comments=limit["MAX_TOKENS"])
    except GraphQLSyntaxError as error:
        if _TOKEN_LIMIT_ERROR.search(error.message):
            kind = "Comment" if "comments" in error.message else "Token"
            raise GraphQLError(f"{kind} count exceeds the limit of {limit['MAX_TOKENS']}.") from None
        raise


def variable_defaults(document):
    """The default values of the document's variables (`query ($n: Int = 5)`), by name, as AST value nodes."""
    return {
        variable.variable.name.value: variable.default_value
        for definition in document.definitions
        if isinstance(definition, OperationDefinitionNode)
        for variable in definition.variable_definitions or ()
        if variable.default_value is not None
    }


def int_argument(value_node, variables, defaults):
    """The integer an argument receives: a literal, or a variable's value or default. None when that is not a GraphQL
    Int (absent, null, another type, out of 32-bit range): the standard rules or variable coercion refuse those."""
    if isinstance(value_node, VariableNode):
        name = value_node.name.value
        if name not in variables:
            return int_argument(defaults.get(name), {}, {})
        value = variables[name]
        if isinstance(value, float) and value.is_integer():
            value = int(value)
    elif isinstance(value_node, IntValueNode) and len(value_node.value) <= 11:  # longer cannot be a 32-bit Int
        value = int(value_node.value)
    else:
        return None
    return value if isinstance(value, int) and not isinstance(value, bool) and value in GRAPHQL_INT_RANGE else None


@cache
def field_work(schema, parent_type, name):
    """A field's own cost on one item: 1, or the weight its model or type declares in `graphql_work` (the field's
    name in snake case -> its cost in units of `CALLS_PER_COST`); on an interface or union, the largest weight any
    member declares."""
    if parent_type is None:
        return 1
    members = schema.get_possible_types(parent_type) if is_abstract_type(parent_type) else (parent_type,)
    key = to_snake_case(name)
    weights = [
        declared[key]
        for member in members
        for owner in (models_by_type_name().get(member.name), getattr(member, "graphene_type", None))
        for klass in getattr(owner, "__mro__", ())
        if key in (declared := vars(klass).get("graphql_work") or {})
    ]
    return max(weights, default=1)


@cache
def item_work(schema, graphql_type, in_list):
    """What each object a field answers costs besides its fields: `PAGE_ITEM_COST` for a page (or an interface or
    union a page may answer), `ITEM_COST` for any other object in a list (a model's instance, a tag, a block); a
    single value object (SEO, pagination) costs its fields alone."""
    if graphql_type is None or is_leaf_type(graphql_type):
        return 0
    members = schema.get_possible_types(graphql_type) if is_abstract_type(graphql_type) else (graphql_type,)
    if any(issubclass(models_by_type_name().get(member.name, object), Page) for member in members):
        return PAGE_ITEM_COST
    return ITEM_COST if in_list else 0


def stated_default_size(parent_type, name):
    """The default the schema states for a field's size argument (`limit: Int = 100`), or None."""
    field = getattr(parent_type, "fields", {}).get(name)
    for argument_name in LIST_SIZE_ARGUMENTS:
        argument = field.args.get(argument_name) if field is not None else None
        if argument is not None and isinstance(argument.default_value, int):
            return argument.default_value
    return None


class DocumentMeasure:
    """Depth, cost and root-field count of the operations of one document, fragments expanded."""

    def __init__(self, schema, document, variables=None):
        self.schema = schema
        self.fragments = {}
        for definition in document.definitions:
            if definition.kind == "fragment_definition":
                self.fragments.setdefault(definition.name.value, definition)
        self.variables = variables if isinstance(variables, dict) else {}
        self.variable_defaults = variable_defaults(document)
        limit = limits()
        self.default_list_size = limit["DEFAULT_LIST_SIZE"]
        self.max_list_size = grapple_settings.MAX_PAGE_SIZE
        self._memo = {}
        self._walking = set()

    # Sizes ---------------------------------------------------------------------------------------------------

    def _size_argument(self, field_node):
        for argument in field_node.arguments or ():
            if argument.name.value in LIST_SIZE_ARGUMENTS:
                size = int_argument(argument.value, self.variables, self.variable_defaults)
                if size is not None:
                    return max(1, min(size, self.max_list_size))
        return None

    def list_size(self, node, parent_type, inherited_size, list_levels=1):
        """The number of items a list field returns: its size argument, else the size its parent was given, else
        its resolver's default; a list of lists counts the default for each inner list."""
        hint = LIST_SIZE_HINTS.get((getattr(parent_type, "name", None), node.name.value))
        size = (
            self._size_argument(node)
            or inherited_size
            or stated_default_size(parent_type, node.name.value)
            or hint
            or self.default_list_size
        )
        return size * self.default_list_size ** (list_levels - 1)

    # Walk ----------------------------------------------------------------------------------------------------

    def operation(self, operation):
        """(depth, cost) of one operation."""
        root_type = self.schema.get_root_type(operation.operation)
        return self.selection_set(operation.selection_set, root_type, None)

    def selection_set(self, selection_set, parent_type, inherited_size):
        """(depth, cost) of a selection set. On an abstract type (a StreamField union, PageInterface) an item is one
        concrete type at a time, so fragments narrowed to different object types cost the most expensive of them,
        not their sum; fields and fragments that apply to every item are added to it."""
        depth = common = 0
        branches = {}
        for selection in selection_set.selections:
            branch = None
            if isinstance(selection, FieldNode):
                part_depth, part_cost = self.field(selection, parent_type, inherited_size)
            elif isinstance(selection, InlineFragmentNode):
                fragment_type = (
                    type_from_ast(self.schema, selection.type_condition) if selection.type_condition else parent_type
                )
                part_depth, part_cost = self.selection_set(selection.selection_set, fragment_type, inherited_size)
                branch = self._branch(parent_type, fragment_type)
            elif isinstance(selection, FragmentSpreadNode):
                part_depth, part_cost, fragment_type = self.fragment(selection.name.value, inherited_size)
                branch = self._branch(parent_type, fragment_type)
            else:  # pragma: no cover - the parser produces no other selection
                continue
            depth = max(depth, part_depth)
            if branch is None:
                common += part_cost
            else:
                branches[branch] = branches.get(branch, 0) + part_cost
        return depth, common + max(branches.values(), default=0)

    @staticmethod
    def _branch(parent_type, fragment_type):
        """The object type a fragment narrows an abstract parent to, or None when it applies to every item."""
        if parent_type is not None and is_abstract_type(parent_type) and is_object_type(fragment_type):
            return fragment_type.name
        return None

    def fragment(self, name, inherited_size):
        """(depth, cost, type condition) of a named fragment, walked once per list-size context."""
        key = (name, inherited_size)
        if key in self._memo:
            return self._memo[key]
        definition = self.fragments.get(name)
        if definition is None or name in self._walking:
            return 0, 0, None  # unknown fragment or a cycle: the standard rules refuse both
        self._walking.add(name)
        try:
            fragment_type = type_from_ast(self.schema, definition.type_condition)
            result = (*self.selection_set(definition.selection_set, fragment_type, inherited_size), fragment_type)
        finally:
            self._walking.discard(name)
        self._memo[key] = result
        return result

    def field(self, node, parent_type, inherited_size):
        name = node.name.value
        if name in INTROSPECTION_FIELDS:
            return 0, 0  # governed by the introspection switch and MaxIntrospectionDepthRule (module docstring)
        work = field_work(self.schema, parent_type, name)
        if node.selection_set is None:
            return 1, work
        field_type = None
        if parent_type is not None and is_composite_type(parent_type):
            field_def = getattr(parent_type, "fields", {}).get(name)
            field_type = field_def.type if field_def is not None else None
        list_levels = 0
        wrapped = field_type
        while isinstance(wrapped, (GraphQLList, GraphQLNonNull)):
            list_levels += isinstance(wrapped, GraphQLList)
            wrapped = wrapped.of_type
        child_type = get_named_type(field_type) if field_type is not None else None
        if list_levels:
            multiplier = self.list_size(node, parent_type, inherited_size, list_levels)
            child_inherited = None
        else:
            multiplier = 1
            child_inherited = self._size_argument(node)
        child_depth, child_cost = self.selection_set(node.selection_set, child_type, child_inherited)
        each = item_work(self.schema, child_type, bool(list_levels)) + child_cost
        return 1 + child_depth, work + multiplier * each

    def root_fields(self, operation):
        """The number of fields the operation selects at its root, fragments expanded."""
        count = 0
        pending = [operation.selection_set]
        seen = set()
        while pending:
            for selection in pending.pop().selections:
                if isinstance(selection, FieldNode):
                    count += 1
                elif isinstance(selection, InlineFragmentNode):
                    pending.append(selection.selection_set)
                elif isinstance(selection, FragmentSpreadNode):
                    name = selection.name.value
                    if name not in seen and name in self.fragments:
                        seen.add(name)
                        pending.append(self.fragments[name].selection_set)
        return count


class _StopValidation(ValidationAbortedError):
    """Ends the validation pass once a structural limit is exceeded; `validate_document` drops it from the errors."""


class DocumentLimitsRule(ValidationRule):
    """Operations, aliases, root fields, depth and cost, checked on entering the document: over any of them, the
    errors are reported and the pass stops there, so graphql-core's rules never walk a document over a limit."""

    variables = None

    def enter_document(self, document, *_args):
        errors = self.errors(document)
        for error in errors:
            self.report_error(error)
        if errors:
            raise _StopValidation("Stopped at a limit.")
        return SKIP  # the whole document is checked: nothing left to visit for this rule

    def errors(self, document):
        limit = limits()
        errors = []
        operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        if len(operations) > limit["MAX_OPERATIONS"]:
            message = f"Operation count {len(operations)} exceeds the limit of {limit['MAX_OPERATIONS']}."
            return [GraphQLError(message, operations[limit["MAX_OPERATIONS"]])]
        aliased = aliased_fields(document)
        if len(aliased) > limit["MAX_ALIASES"]:
            message = f"Alias count {len(aliased)} exceeds the limit of {limit['MAX_ALIASES']}."
            errors.append(GraphQLError(message, aliased[limit["MAX_ALIASES"]]))
        measure = DocumentMeasure(self.context.schema, document, self.variables)
        for operation in operations:
            root_fields = measure.root_fields(operation)
            if root_fields > limit["MAX_ROOT_FIELDS"]:
                message = f"Root field count {root_fields} exceeds the limit of {limit['MAX_ROOT_FIELDS']}."
                errors.append(GraphQLError(message, operation))
                continue
            try:
                depth, cost = measure.operation(operation)
            except RecursionError:
                errors.append(GraphQLError(f"Query depth exceeds the limit of {limit['MAX_DEPTH']}.", operation))
                continue
            if depth > limit["MAX_DEPTH"]:
                errors.append(
                    GraphQLError(f"Query depth {depth} exceeds the limit of {limit['MAX_DEPTH']}.", operation)
                )
            elif cost > limit["MAX_COST"]:
                errors.append(GraphQLError(f"Query cost {cost} exceeds the limit of {limit['MAX_COST']}.", operation))
            elif (queries := QueryEstimate(measure).operation(operation)) > limit["MAX_QUERIES"]:
                message = f"Query may run {queries} SQL queries, over the limit of {limit['MAX_QUERIES']}."
                errors.append(GraphQLError(message, operation))
        return errors


def aliased_fields(document):
    """The aliased fields as written in the document (each alias lets a field run again), in document order."""
    aliased = []
    pending = [definition.selection_set for definition in reversed(document.definitions)]
    while pending:
        selection_set = pending.pop()
        if selection_set is None:
            continue
        for selection in reversed(selection_set.selections):
            pending.append(getattr(selection, "selection_set", None))
        aliased.extend(
            selection
            for selection in selection_set.selections
            if isinstance(selection, FieldNode) and selection.alias is not None
        )
    return aliased


class IntrospectionRule(ValidationRule):
    """`__schema` and `__type` only when settings.GRAPHQL_INTROSPECTION is on; `__typename` always works."""

    def enter_field(self, node, *_args):
        if node.name.value in INTROSPECTION_FIELDS and not introspection_allowed():
            self.report_error(
                GraphQLError(
                    f"Introspection is disabled on this server (GRAPHQL_INTROSPECTION is off): "
                    f"`{node.name.value}` may not be queried.",
                    node,
                )
            )


class SizeArgumentsRule(ValidationRule):
    """Every `limit`, `perPage`, `page` and `offset` within its range (`graphql_api.arguments`), literal or variable,
    refused by name before anything runs. grapple's PositiveInt reads a negative literal as null, so `limit: -1`
    would otherwise reach the resolver as "absent" and return the default number of items, which the cost rule
    could not know."""

    variables = None

    def enter_document(self, node, *_args):
        self.defaults = variable_defaults(node)

    def enter_argument(self, node, *_args):
        name = node.name.value
        if name in SIZE_ARGUMENT_RANGES:
            value = int_argument(node.value, self.variables, self.defaults)
            if value is not None and (error := size_argument_error(name, value)):
                self.report_error(GraphQLError(error, node))


def with_variables(rule, variables):
    """`rule` reading the request's variables, for arguments given as `$variables`."""
    return type(rule.__name__, (rule,), {"variables": variables if isinstance(variables, dict) else {}})


def limit_rules(variables=None):
    """The API's limits, as validation rules that run before graphql-core's own in the same pass."""
    return (
        with_variables(DocumentLimitsRule, variables),
        IntrospectionRule,
        with_variables(SizeArgumentsRule, variables),
    )


def validate_document(schema, document, variables=None, *, hide_suggestions=False):
    """The validation errors of a document: the API's limits and graphql-core's rules in one pass."""
    rules = (*limit_rules(variables), *specified_rules)
    max_errors = graphene_settings.MAX_VALIDATION_ERRORS
    errors = validate(schema, document, rules, max_errors, hide_suggestions=hide_suggestions)
    return [error for error in errors if not isinstance(error, _StopValidation)]


def size_variables(document):
    """Names of the variables given to a size argument: the only variables validation reads."""
    names = set()
    pending = [document]
    while pending:
        node = pending.pop()
        for argument in getattr(node, "arguments", None) or ():
            if argument.name.value in SIZE_ARGUMENT_RANGES and isinstance(argument.value, VariableNode):
                names.add(argument.value.name.value)
        for child in (getattr(node, "selection_set", None), *getattr(node, "definitions", ())):
            if child is not None:
                pending.append(child)
        pending.extend(getattr(node, "selections", ()))
    return frozenset(names)


class DocumentCache:
    """Parsed documents and their validation results by document text, least recently used first out, per process.

    A repeated document (every page view of a frontend sends the same few) is neither parsed nor validated again.
    Validation depends on the document and on the values of the variables that size a list (`limit: $n`), so its
    results are kept per document and those values. Settings changes (tests' `override_settings`) empty it.
    """

    def __init__(self, max_size):
        self.max_size = max_size
        self._entries = OrderedDict()
        self._lock = Lock()
        self.hits = Counter()
        self.misses = Counter()

    def _get(self, kind, key, compute):
        with self._lock:
            if (kind, key) in self._entries:
                self._entries.move_to_end((kind, key))
                self.hits[kind] += 1
                return self._entries[(kind, key)]
        value = compute()
        with self._lock:
            self.misses[kind] += 1
            self._entries[(kind, key)] = value
            while len(self._entries) > self.max_size:
                self._entries.popitem(last=False)
        return value

    def parse(self, source):
        """(document, size variables), or GraphQLError raised (a refusal is kept too)."""

        def parsed():
            try:
                document = parse_document(source)
            except GraphQLError as error:
                return error
            return document, size_variables(document)

        result = self._get("parse", source, parsed)
        if isinstance(result, GraphQLError):
            raise result
        return result

    def validate(self, schema, source, variables, *, hide_suggestions):
        """The validation errors of `source`, which `parse` accepted."""
        document, names = self.parse(source)
        variables = variables if isinstance(variables, dict) else {}
        sizes = tuple((name, name in variables, repr(variables.get(name))) for name in sorted(names))
        return self._get(
            "validate",
            (source, sizes, hide_suggestions),
            lambda: validate_document(schema, document, variables, hide_suggestions=hide_suggestions),
        )

    def clear(self):
        with self._lock:
            self._entries.clear()


documents = DocumentCache(getattr(settings, "GRAPHQL_DOCUMENT_CACHE_SIZE", 256))


@receiver(setting_changed)
def _forget_documents(**_kwargs):
    documents.clear()


def measure(schema, document, variables=None):
    """(depth, aliases, cost, root fields) of a document's operations, the worst of each: for tests and reports."""
    walker = DocumentMeasure(schema, document, variables)
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    depth = cost = root_fields = queries = 0
    for operation in operations:
        operation_depth, operation_cost = walker.operation(operation)
        depth, cost = max(depth, operation_depth), max(cost, operation_cost)
        root_fields = max(root_fields, walker.root_fields(operation))
        queries = max(queries, QueryEstimate(walker).operation(operation))
    aliases = len(aliased_fields(document))
    return {"depth": depth, "aliases": aliases, "cost": cost, "root_fields": root_fields, "queries": queries}
