"""What a query asks for, so resolvers fetch the relations it will read, and only those."""

from graphql import FieldNode, FragmentSpreadNode, InlineFragmentNode


def selected_fields(info, path=()):
    """Names of the fields selected below the current field, following `path` (e.g. ("items",)), fragments included."""
    selections = [node.selection_set for node in info.field_nodes if node.selection_set]
    for step in path:
        selections = [
            field.selection_set
            for field in _fields(selections, info.fragments)
            if field.name.value == step and field.selection_set
        ]
    return {field.name.value for field in _fields(selections, info.fragments)}


def _fields(selection_sets, fragments):
    for selection_set in selection_sets:
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                yield selection
            elif isinstance(selection, InlineFragmentNode):
                yield from _fields([selection.selection_set], fragments)
            elif isinstance(selection, FragmentSpreadNode) and selection.name.value in fragments:
                yield from _fields([fragments[selection.name.value].selection_set], fragments)
