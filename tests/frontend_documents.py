"""The reference frontend's own GraphQL documents, so API tests send exactly what the frontend sends."""

from functools import cache
from pathlib import Path

from django.conf import settings
from graphql import FragmentDefinitionNode, FragmentSpreadNode, OperationDefinitionNode, parse, print_ast, visit
from graphql.language import Visitor

DOCUMENTS = Path(settings.BASE_DIR) / "frontend" / "src" / "graphql"


@cache
def _definitions():
    operations, fragments = {}, {}
    for path in sorted(DOCUMENTS.rglob("*.graphql")):
        for definition in parse(path.read_text()).definitions:
            if isinstance(definition, OperationDefinitionNode):
                operations[definition.name.value] = definition
            elif isinstance(definition, FragmentDefinitionNode):
                fragments[definition.name.value] = definition
    return operations, fragments


def _spreads(node):
    names = []

    class Collect(Visitor):
        def enter_fragment_spread(self, spread: FragmentSpreadNode, *args):
            names.append(spread.name.value)

    visit(node, Collect())
    return names


def frontend_operation(name):
    """The named operation with every fragment it uses, as one document."""
    operations, fragments = _definitions()
    needed, queue = [], _spreads(operations[name])
    while queue:
        fragment = queue.pop()
        if fragment not in needed:
            needed.append(fragment)
            queue.extend(_spreads(fragments[fragment]))
    return "\n".join([print_ast(operations[name]), *(print_ast(fragments[f]) for f in sorted(needed))])


def frontend_operation_names():
    return sorted(_definitions()[0])
