from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.timezone import localtime
from wagtail import hooks
from wagtail.admin.rich_text.editors.draftail import features as draftail_features
from wagtail.admin.ui.components import Component

from . import math_text
from .paths import frontend_url
from .periodic import intervals, waiting_runs
from .rich_text import PublicDocumentLinkHandler, PublicImageEmbedHandler, PublicPageLinkHandler


@hooks.register("register_rich_text_features", order=100)
def register_public_links(features):
    """Replace Wagtail's page and document link and image embed handlers (registered earlier) with ones that hide
    non-public targets."""
    features.register_link_type(PublicPageLinkHandler)
    features.register_link_type(PublicDocumentLinkHandler)
    features.register_embed_type(PublicImageEmbedHandler)


@hooks.register("construct_page_listing_buttons")
def view_live_on_the_frontend(buttons, page, user, context=None):
    """The listing's "View live" (in the "More" menu) opens the page on the frontend, not its redirect on this host."""
    for button in buttons:
        for item in getattr(button, "dropdown_buttons", ()):
            if page.live and item.url is not None and item.url == page.url:
                item.url = frontend_url(page)


@hooks.register("register_rich_text_features")
def register_inline_math(features):
    """`math`: a LaTeX formula inside a sentence (core/math_text.py), for the blocks and fields that enable it."""
    features.register_editor_plugin(
        "draftail",
        math_text.FEATURE,
        draftail_features.EntityFeature(
            {"type": math_text.ENTITY_TYPE, "label": "∑", "description": "Inline math (LaTeX)"},
            js=["core/js/draftail-math.js"],
            css={"all": ["core/css/draftail-math.css"]},
        ),
    )
    features.register_converter_rule(
        "contentstate",
        math_text.FEATURE,
        {
            "from_database_format": {'embed[embedtype="math"]': math_text.MathElementHandler(math_text.ENTITY_TYPE)},
            "to_database_format": {"entity_decorators": {math_text.ENTITY_TYPE: math_text.math_entity_decorator}},
        },
    )
    features.register_embed_type(math_text.MathEmbedHandler)


@hooks.register("register_admin_urls")
def inline_math_urls():
    return [path("math-preview/", math_text.math_preview, name="lab_math_preview")]


@hooks.register("insert_editor_js")
def inline_math_preview_url():
    """Where the editor's inline-math preview asks for MathML (draftail-math.js)."""
    return format_html('<script>window.labMathPreviewUrl = "{}";</script>', reverse("lab_math_preview"))


@hooks.register("insert_global_admin_css")
def table_block_css():
    """The table block has one caption, its own: the grid's second caption field is hidden (DataTableBlock)."""
    return format_html('<link rel="stylesheet" href="{}">', static("core/css/table-block.css"))


class ScheduledPublishingPanel(Component):
    """The dashboard says when scheduled publishing next runs (a periodic job of the worker, core.periodic), or that
    no worker has queued it: then nothing scheduled goes live."""

    name = "scheduled_publishing"
    order = 50

    def render_html(self, parent_context=None):
        run = waiting_runs("publish_scheduled").first()
        if run is None:
            text = "Scheduled publishing: no run is queued. Start the worker (manage.py run_worker)."
        else:
            every = intervals()["publish_scheduled"]
            text = f"Scheduled publishing: next run at {localtime(run.run_after):%H:%M:%S} (every {every} s)."
        return format_html('<section class="panel nice-padding"><p>{}</p></section>', text)


@hooks.register("construct_homepage_panels")
def add_scheduled_publishing_panel(request, panels):
    panels.append(ScheduledPublishingPanel())
