"""Behaviour every page type of the lab's site shares."""

import functools

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.signing import BadSignature, SignatureExpired
from django.db import models
from django.shortcuts import redirect
from grapple.models import GraphQLBoolean, GraphQLRichText, GraphQLString
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.images.models import AbstractImage, AbstractRendition, Filter, Image
from wagtail.models import Orderable, Page
from wagtail_headless_preview.models import HeadlessPreviewMixin, PagePreview

from .paths import frontend_url
from .visibility import public_or_none


class InvalidPreviewToken(Exception):
    """A preview token that is forged, expired, for another page type, or no longer stored."""


class LabPage(HeadlessPreviewMixin, Page):
    """Base of every page type: headless preview with expiring tokens, and safe links to other pages."""

    # A page's URL is resolved against its site's root paths (graphql_api.validation's cost, per page; measured by
    # tests/graphql_api/test_work.py). Subclasses add theirs: `field_work` reads the whole class hierarchy.
    graphql_work = {"url": 2}

    class Meta:
        abstract = True

    def serve(self, request, *args, **kwargs):
        """No templates here: the page's URL on this host ("View live", `/blog/x/`) redirects to the same path on
        the frontend, with its query string. Read at request time, like every other frontend URL (core.paths)."""
        query = request.META.get("QUERY_STRING", "")
        return redirect(frontend_url(self) + (f"?{query}" if query else ""))

    @classmethod
    def get_page_from_preview_token(cls, token):
        """Stock wagtail-headless-preview signs tokens with no expiry; ours expire after PREVIEW_TOKEN_MAX_AGE."""
        try:
            cls.get_preview_signer().unsign(token, max_age=settings.PREVIEW_TOKEN_MAX_AGE)
        except SignatureExpired as error:
            raise InvalidPreviewToken(
                "The preview token has expired: open the preview again from the admin."
            ) from error
        except BadSignature as error:
            raise InvalidPreviewToken("The preview token is not valid.") from error
        content_type = ContentType.objects.get_for_model(cls)
        preview = PagePreview.objects.filter(content_type=content_type, token=token).first()
        if preview is None:
            raise InvalidPreviewToken("The preview token is not valid for this page type or no longer exists.")
        return preview.as_page()

    @staticmethod
    def public_page(page):
        """A linked page only if the public may see it: foreign keys must not leak drafts."""
        return public_or_none(page)


class IndexPage(LabPage):
    """A section's index (research, projects, team, blog, news): one per site, under the home page, with an intro.

    Its children are listed by the API's typed listings, so the index itself holds only the words above them.
    """

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*LabPage.content_panels, FieldPanel("intro")]
    graphql_fields = [GraphQLRichText("intro")]

    parent_page_types = ["home.HomePage"]
    max_count = 1

    class Meta:
        abstract = True

    @classmethod
    def first_in_tree(cls):
        """The section's index (the first in the tree where several sites have one), or None."""
        return cls.objects.order_by("path").first()


class BylineAuthor:
    """What a byline row (a lab member in `person`, or a name typed in `name`) shows the public: the name of an
    unpublished or private person is never shown, their typed name is."""

    # `name` is the person's title while their page is public (`public_name`): a list selecting it prefetches them.
    graphql_reads = {"name": ("person",)}

    def clean(self):
        if not self.person and not self.name:
            raise ValidationError({"name": "Choose a person or type a name."})

    @property
    def public_person(self):
        return public_or_none(self.person)

    @property
    def public_name(self):
        """The linked person's name while their page is public, else the name typed on this row ("" if none)."""
        person = self.public_person
        return person.title if person else self.name


class KindLink(Orderable):
    """A link under a page, labelled by its kind (paper, code, video ...), in the editors' order. Projects and
    publications list them; each subclass adds its page's ParentalKey and `kind` with that page's choices."""

    url = models.URLField(max_length=500)

    panels = [FieldPanel("kind"), FieldPanel("url")]
    graphql_fields = [
        GraphQLString("kind", required=True),
        GraphQLString("label", required=True, source="kind_label"),
        GraphQLString("url", required=True),
    ]
    # What each computed field reads, prefetched for a whole list when it is selected (graphql_api.selection).
    graphql_reads = {"label": ()}

    class Meta(Orderable.Meta):
        abstract = True

    @property
    def kind_label(self):
        """A property, not `get_kind_display` itself: grapple calls a callable source with (info, **kwargs)."""
        return self.get_kind_display()


def section_index(label):
    """The index page of the type `label`, e.g. "news.NewsIndexPage", for a content app that shows up in another's
    section: by label, as importing another app's models would change the order the schema lists types in."""
    return apps.get_model(label).first_in_tree()


@functools.lru_cache(maxsize=256)
def parsed_filter(spec):
    """One Wagtail `Filter` per spec per process. Wagtail parses a spec into its operations for every image it is
    asked to render (each operation's `inspect.getcallargs`: ~40 per 20-post listing); a Filter is not changed by
    rendering, and the specs the API serves are a closed set (GRAPPLE's ALLOWED_IMAGE_FILTERS)."""
    return Filter(spec=spec)


class LabImage(AbstractImage):
    """The project's image model: Wagtail's, plus the alt text frontends need on every image."""

    import_key = models.SlugField(
        max_length=120, blank=True, db_index=True, help_text="The image's key in exported content files."
    )
    is_sample = models.BooleanField(
        default=False, help_text="Sample content (content/demo), not the lab's own: never exported as the lab's."
    )

    admin_form_fields = (*Image.admin_form_fields, "is_sample")
    graphql_fields = [
        GraphQLString("alt", required=True, source="alt_text", description="The description, else the title."),
        GraphQLBoolean("is_sample", required=True, description="Sample content, not the lab's own."),
    ]
    # What each computed field reads, prefetched for a whole list when it is selected (graphql_api.selection).
    graphql_reads = {
        "src": (),
        "aspect_ratio": (),
        "sizes": (),
        "rendition": ("renditions",),
        "src_set": ("renditions",),
        "is_svg": (),
        "alt": (),
    }

    class Meta(AbstractImage.Meta):
        # core.media.serve_image_file finds an image by its stored file name on every public file request.
        indexes = [models.Index(fields=["file"], name="core_labimage_file_idx")]

    @property
    def alt_text(self):
        return self.description or self.title

    def get_rendition(self, filter):
        return super().get_rendition(parsed_filter(filter) if isinstance(filter, str) else filter)

    def get_renditions(self, *filters):
        return super().get_renditions(*(parsed_filter(f) if isinstance(f, str) else f for f in filters))


class LabRendition(AbstractRendition):
    image = models.ForeignKey(LabImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
        # core.media.serve_image_file finds a rendition by its stored file name on every public file request.
        indexes = [models.Index(fields=["file"], name="core_labrendition_file_idx")]
