"""Chooser blocks resolved for the public: a PageChooserBlock pointing at a draft yields null, not the draft."""

import graphene
from grapple.registry import registry
from grapple.types.interfaces import StreamFieldInterface, get_page_interface
from wagtail import blocks

from core.visibility import public_or_none


class PageChooserBlock(graphene.ObjectType):
    page = graphene.Field(get_page_interface, required=False)

    class Meta:
        interfaces = (StreamFieldInterface,)

    def resolve_page(self, info, **kwargs):
        return public_or_none(self.value)


def register_public_chooser_blocks():
    """Replace grapple's page chooser type, which returns `value.specific` whatever its state."""
    registry.streamfield_blocks[blocks.PageChooserBlock] = PageChooserBlock
