from django.utils.html import format_html
from django.utils.timezone import localtime
from wagtail import hooks
from wagtail.admin.ui.components import Component

from .periodic import waiting_runs
from .rich_text import PublicDocumentLinkHandler, PublicImageEmbedHandler, PublicPageLinkHandler


@hooks.register("register_rich_text_features", order=100)
def register_public_links(features):
    """Replace Wagtail's page and document link and image embed handlers (registered earlier) with ones that hide
    non-public targets."""
    features.register_link_type(PublicPageLinkHandler)
    features.register_link_type(PublicDocumentLinkHandler)
    features.register_embed_type(PublicImageEmbedHandler)


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
            text = f"Scheduled publishing: next run at {localtime(run.run_after):%H:%M:%S} (every minute)."
        return format_html('<section class="panel nice-padding"><p>{}</p></section>', text)


@hooks.register("construct_homepage_panels")
def add_scheduled_publishing_panel(request, panels):
    panels.append(ScheduledPublishingPanel())
