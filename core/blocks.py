"""The shared StreamField block library. Content areas compose these into their own StreamBlocks.

Each block validates what an editor typed with a message the editor understands, carries a preview value for the
admin's block picker, and declares the typed GraphQL fields a frontend reads (grapple's `graphql_fields`).
"""

import re

import graphene
from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from grapple.helpers import register_streamfield_block
from grapple.models import GraphQLBoolean, GraphQLField, GraphQLImage, GraphQLInt, GraphQLString
from grapple.types.interfaces import get_page_interface
from grapple.types.streamfield import StructBlockItem
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.embeds.finders.oembed import OEmbedFinder
from wagtail.images.blocks import ImageChooserBlock

from .graphql import GraphQLBlockList
from .math import LatexError, latex_problem, latex_to_mathml
from .sanitize import check_rich_text
from .visibility import public_or_none

CODE_LANGUAGES = [
    ("python", "Python"),
    ("bash", "Shell (bash)"),
    ("cpp", "C++"),
    ("cuda", "CUDA"),
    ("c", "C"),
    ("javascript", "JavaScript"),
    ("typescript", "TypeScript"),
    ("json", "JSON"),
    ("yaml", "YAML"),
    ("latex", "LaTeX"),
    ("text", "Plain text"),
]

LINK_KINDS = [
    ("paper", "Paper"),
    ("code", "Code"),
    ("demo", "Demo"),
    ("video", "Video"),
    ("slides", "Slides"),
    ("media", "Media"),
    ("event", "Event"),
    ("huggingface", "Hugging Face"),
    ("website", "Website"),
]

CALLOUT_KINDS = [("tldr", "TL;DR"), ("note", "Note"), ("warning", "Warning")]


def _struct_error(field_name, message):
    return StructBlockValidationError(block_errors={field_name: ValidationError(message)})


@register_streamfield_block
class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200, help_text="The heading's words, without numbering.")
    level = blocks.ChoiceBlock(
        choices=[("h2", "Level 2 (section)"), ("h3", "Level 3"), ("h4", "Level 4")],
        default="h2",
        help_text="Level 2 for a section, 3 and 4 for sub-sections.",
    )

    graphql_fields = [
        GraphQLString("text", required=True),
        GraphQLInt("level", required=True, source="heading_level", description="2, 3 or 4."),
    ]

    def heading_level(self, info, values, **kwargs):
        return int(values["level"][1:])

    class Meta:
        icon = "title"
        label = "Heading"
        preview_value = {"text": "Efficient inference on the edge", "level": "h2"}
        description = "A section heading, level 2 to 4."


class SafeRichTextBlock(blocks.RichTextBlock):
    """Rich text that refuses markup its features do not allow (core/sanitize.py), however it arrives.

    Draftail only ever sends allowed markup; an import file or an API may not. Stored and migrated as Wagtail's
    RichTextBlock: the check adds validation, not a new kind of data.
    """

    canonical_module_path = "wagtail.blocks.RichTextBlock"

    def clean(self, value):
        check_rich_text(value.source, self.features)
        return super().clean(value)


PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "code", "superscript", "subscript"]


def paragraph_block():
    """Rich text with the features a lab's prose needs, inline math (`math`, core/math_text.py) among them; served
    as HTML with links resolved and formulas as MathML for the frontend."""
    return SafeRichTextBlock(
        features=[*PARAGRAPH_FEATURES, "math"],
        icon="pilcrow",
        label="Paragraph",
        preview_value="<p>We present <b>AWQ</b>, activation-aware weight quantization for on-device LLMs.</p>",
        description="Body text: paragraphs, lists, links, inline math.",
    )


@register_streamfield_block
class FigureBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=300, help_text="What the image shows, for readers who cannot see it. Required."
    )
    caption = blocks.CharBlock(required=False, max_length=500)
    credit = blocks.CharBlock(required=False, max_length=200, help_text="Who made the image, if not the lab.")

    graphql_fields = [
        GraphQLImage("image", description="Null when the image was deleted or is private."),
        GraphQLString("alt_text", required=True),
        GraphQLString("caption"),
        GraphQLString("credit"),
    ]

    class Meta:
        icon = "image"
        label = "Image"
        description = "An image with alt text, caption and credit."


@register_streamfield_block
class CodeBlock(blocks.StructBlock):
    language = blocks.ChoiceBlock(choices=CODE_LANGUAGES, default="python")
    filename = blocks.CharBlock(required=False, max_length=200, help_text="Optional, e.g. quantize.py")
    code = blocks.TextBlock(help_text="The code, exactly as it should appear.")

    graphql_fields = [
        GraphQLString("language", required=True),
        GraphQLString("filename"),
        GraphQLString("code", required=True),
    ]

    def clean(self, value):
        language = value.get("language")
        if language not in dict(CODE_LANGUAGES):
            choices = ", ".join(dict(CODE_LANGUAGES))
            raise _struct_error("language", f"Unknown language '{language}'. Choose one of: {choices}.")
        return super().clean(value)

    class Meta:
        icon = "code"
        label = "Code"
        preview_value = {
            "language": "python",
            "filename": "quantize.py",
            "code": "model = awq.quantize(model, w_bit=4)",
        }
        description = "A code listing with syntax highlighting."


@register_streamfield_block
class EquationBlock(blocks.StructBlock):
    """A displayed equation, on its own line. A formula inside a sentence is inline math in a paragraph (`math`);
    the block's old "inline" mode, which still drew its own line, is gone, and a stored `mode` is ignored."""

    latex = blocks.TextBlock(help_text=r"LaTeX source without dollar signs, e.g. \frac{a}{b}.")

    graphql_fields = [
        GraphQLString("latex", required=True),
        GraphQLString(
            "mode",
            source="display_mode",
            description="Always display.",
            deprecation_reason="Equations are always displayed; inline math is part of a paragraph's HTML.",
        ),
        GraphQLString(
            "mathml",
            source="mathml_markup",
            description='The equation as MathML, rendered on the server: `<math display="block">`. Null only for '
            "LaTeX saved before it was checked that no longer parses.",
        ),
    ]

    def display_mode(self, info, values, **kwargs):
        return "display"

    def mathml_markup(self, info, values, **kwargs):
        try:
            return latex_to_mathml(values["latex"] or "")
        except LatexError:
            return None

    def clean(self, value):
        latex = (value.get("latex") or "").strip()
        if not latex:
            raise _struct_error("latex", "The equation is empty: type its LaTeX source.")
        if problem := latex_problem(latex):
            raise _struct_error("latex", f"The LaTeX does not parse: {problem}")
        return super().clean(value)

    class Meta:
        icon = "snippet"
        label = "Equation"
        preview_value = {"latex": r"Q(w) = \Delta \cdot \mathrm{round}\left(\frac{w}{\Delta}\right)"}
        description = "A LaTeX equation on its own line; inline math is written in a paragraph."


@register_streamfield_block
class MediaEmbedBlock(blocks.StructBlock):
    """A URL kept as data: the frontend embeds it, so saving never needs the provider's network.

    `provider` names the oEmbed provider that handles the URL (YouTube, Vimeo ...); for any other page it is null
    and a frontend shows a link card instead of a player.
    """

    url = blocks.URLBlock(help_text="A YouTube or Vimeo video, or any other page to show as a card.")
    caption = blocks.CharBlock(required=False, max_length=500)

    graphql_fields = [
        GraphQLString("url", required=True),
        GraphQLString("caption"),
        GraphQLString("provider", source="provider_name", description="The oEmbed provider's name, e.g. YouTube."),
    ]

    def provider_name(self, info, values, **kwargs):
        return embed_provider_name(values["url"])

    def clean(self, value):
        url = value.get("url") or ""
        if url and not url.startswith(("https://", "http://")):
            raise _struct_error("url", "Use a web address starting with https://.")
        return super().clean(value)

    class Meta:
        icon = "media"
        label = "Embed"
        preview_value = {"url": "https://www.youtube.com/watch?v=3dYLj9vjfA0", "caption": "Talk recording"}
        description = "A video or other embeddable page."


def embed_provider_name(url):
    """The oEmbed provider's host name for a URL (e.g. 'youtube.com'), known without asking the network."""
    endpoint = OEmbedFinder()._get_endpoint(url)
    if not endpoint:
        return None
    host = re.sub(r"^https?://(www\.)?", "", endpoint).split("/")[0]
    return host


@register_streamfield_block
class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=200)

    graphql_fields = [GraphQLString("text", required=True), GraphQLString("attribution")]

    class Meta:
        icon = "openquote"
        label = "Quote"
        preview_value = {"text": "Efficiency is the key to democratising AI.", "attribution": "Song Han"}
        description = "A quotation with its attribution."


@register_streamfield_block
class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(choices=CALLOUT_KINDS, default="note")
    text = SafeRichTextBlock(features=["bold", "italic", "link", "code", "math"])

    graphql_fields = [
        GraphQLString("kind", required=True, description="tldr, note or warning."),
        GraphQLString("text", required=True, source="text_html", description="HTML."),
    ]

    def text_html(self, info, values, **kwargs):
        return values["text"].__html__()

    class Meta:
        icon = "help"
        label = "Callout"
        preview_value = {"kind": "tldr", "text": "<p>4-bit weights, 3x faster decoding.</p>"}
        description = "A highlighted box: TL;DR, note or warning."


@register_streamfield_block
class DataTableBlock(blocks.StructBlock):
    """A table with one caption: this block's. The grid's own caption field is hidden in the editor
    (core/static/core/css/table-block.css) and never served."""

    caption = blocks.CharBlock(required=False, max_length=300)
    table = TableBlock(table_options={"startRows": 3, "startCols": 3})

    graphql_fields = [
        GraphQLString("caption"),
        GraphQLBoolean("first_row_is_header", required=True, source="header_row"),
        GraphQLField(
            "rows",
            graphene.NonNull(graphene.List(graphene.NonNull(graphene.List(graphene.NonNull(graphene.String))))),
            source="table_rows",
        ),
    ]

    def header_row(self, info, values, **kwargs):
        return bool((values["table"] or {}).get("first_row_is_table_header"))

    def table_rows(self, info, values, **kwargs):
        """The cells as text, without the empty rows and columns the grid starts with at its end (3 x 3): a table
        of two rows must not show a blank third one."""
        rows = [[cell if cell is not None else "" for cell in row] for row in (values["table"] or {}).get("data") or []]
        while rows and not any(rows[-1]):
            rows.pop()
        width = max((index + 1 for row in rows for index, cell in enumerate(row) if cell), default=0)
        return [row[:width] for row in rows]

    def clean(self, value):
        rows = (value.get("table") or {}).get("data") or []
        if not any(cell not in (None, "") for row in rows for cell in row):
            raise _struct_error("table", "The table is empty: fill in at least one cell.")
        return super().clean(value)

    class Meta:
        icon = "table"
        label = "Table"
        description = "A table of results, optionally with a header row."


@register_streamfield_block
class LinkButtonBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(choices=LINK_KINDS, default="paper")
    url = blocks.URLBlock(required=False, help_text="Where the button leads.")
    label = blocks.CharBlock(required=False, max_length=60, help_text="Defaults to the kind, e.g. 'Paper'.")

    graphql_fields = [
        GraphQLString("kind", required=True),
        GraphQLString("url", required=True),
        GraphQLString("label", required=True, source="button_label"),
    ]

    def button_label(self, info, values, **kwargs):
        return values["label"] or dict(LINK_KINDS).get(values["kind"], values["kind"])

    def clean(self, value):
        if not value.get("url"):
            raise _struct_error("url", "A link button needs a URL.")
        return super().clean(value)

    class Meta:
        icon = "link"
        label = "Link button"


@register_streamfield_block
class LinkButtonsBlock(blocks.StructBlock):
    buttons = blocks.ListBlock(LinkButtonBlock(), min_num=1)

    graphql_fields = [GraphQLBlockList("buttons", LinkButtonBlock, source="button_items")]

    def button_items(self, info, values, **kwargs):
        return _struct_items(self.child_blocks["buttons"].child_block, values["buttons"])

    class Meta:
        icon = "link"
        label = "Link buttons"
        preview_value = {
            "buttons": [
                {"kind": "paper", "url": "https://arxiv.org/abs/2306.00978", "label": "Paper"},
                {"kind": "code", "url": "https://github.com/mit-han-lab/llm-awq", "label": "Code"},
            ]
        }
        description = "A row of labelled links: paper, code, demo, video ..."


@register_streamfield_block
class GalleryImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(max_length=300)
    caption = blocks.CharBlock(required=False, max_length=300)

    graphql_fields = [
        GraphQLImage("image", description="Null when the image was deleted or is private."),
        GraphQLString("alt_text", required=True),
        GraphQLString("caption"),
    ]

    class Meta:
        icon = "image"


@register_streamfield_block
class GalleryBlock(blocks.StructBlock):
    images = blocks.ListBlock(GalleryImageBlock(), min_num=2, max_num=24)
    caption = blocks.CharBlock(required=False, max_length=500)

    graphql_fields = [GraphQLBlockList("images", GalleryImageBlock, source="image_items"), GraphQLString("caption")]

    def image_items(self, info, values, **kwargs):
        return _struct_items(self.child_blocks["images"].child_block, values["images"])

    class Meta:
        icon = "image"
        label = "Figure gallery"
        description = "Two or more figures side by side."


@register_streamfield_block
class FeaturedPageBlock(blocks.StructBlock):
    """A card linking to another page of the site; it disappears while that page is not public."""

    page = blocks.PageChooserBlock()
    label = blocks.CharBlock(required=False, max_length=120, help_text="Defaults to the page's title.")

    graphql_fields = [
        GraphQLField("page", lambda: get_page_interface(), source="public_page"),
        GraphQLString("label", required=True, source="card_label"),
    ]

    def public_page(self, info, values, **kwargs):
        return public_or_none(values["page"])

    def card_label(self, info, values, **kwargs):
        page = public_or_none(values["page"])
        return values["label"] or (page.title if page else "")

    class Meta:
        icon = "doc-full"
        label = "Featured page"
        description = "A link card to another page of the site."


@register_streamfield_block
class RecentWorkBlock(blocks.StructBlock):
    """A "recent work" theme of the home page: a label, a paragraph, and the projects it names."""

    label = blocks.CharBlock(max_length=120, help_text="E.g. LLM Quantization.")
    text = SafeRichTextBlock(features=["bold", "italic", "link", "math"])
    projects = blocks.ListBlock(blocks.PageChooserBlock(page_type="research.ProjectPage"), required=False)

    graphql_fields = [
        GraphQLString("label", required=True, source="theme_label"),
        GraphQLString("text", required=True, source="text_html", description="HTML."),
        GraphQLField(
            "projects", graphene.NonNull(graphene.List(graphene.NonNull(get_page_interface))), source="public_projects"
        ),
    ]

    def text_html(self, info, values, **kwargs):
        return values["text"].__html__()

    def theme_label(self, info, values, **kwargs):
        return values["label"]

    def public_projects(self, info, values, **kwargs):
        return [page for page in map(public_or_none, values["projects"]) if page is not None]

    class Meta:
        icon = "list-ul"
        label = "Recent work theme"


def _struct_items(child_block, list_value):
    """Wrap list items so grapple resolves their fields like any other struct block."""
    return [StructBlockItem(None, child_block, item) for item in list_value]


class BaseStreamBlock(blocks.StreamBlock):
    """Every block an article body may hold; content areas extend or narrow it."""

    heading = HeadingBlock()
    paragraph = paragraph_block()
    image = FigureBlock()
    code = CodeBlock()
    equation = EquationBlock()
    embed = MediaEmbedBlock()
    quote = QuoteBlock()
    callout = CalloutBlock()
    table = DataTableBlock()
    link_buttons = LinkButtonsBlock()
    gallery = GalleryBlock()


class ShortStreamBlock(blocks.StreamBlock):
    """A short body for news items: prose (with inline math, as in articles), a figure, an embed and links."""

    paragraph = paragraph_block()
    image = FigureBlock()
    embed = MediaEmbedBlock()
    link_buttons = LinkButtonsBlock()


def count_words(stream_value):
    """Words a reader reads in a StreamField: prose, headings, quotes, callouts and captions; not code.

    Read from the stored data, so counting never converts blocks (an image block would fetch its image).
    """
    words = 0
    for block in stream_value.raw_data:
        words += len(strip_tags(_block_text(block["type"], block["value"])).split())
    return words


def _block_text(block_type, value):
    if block_type == "paragraph":
        return value or ""
    if block_type == "callout":
        return value.get("text") or ""
    if block_type in {"heading", "quote"}:
        return f"{value.get('text', '')} {value.get('attribution', '')}"
    if block_type in {"image", "embed", "table"}:
        return value.get("caption") or ""
    return ""
