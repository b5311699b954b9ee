"""The one content-change event: everything the public can see change is sent as `content_changed`, once.

The response cache, the CDN purge (graphql_api.cache) and the webhooks (webhooks.signals) subscribe to it and to
nothing else, so they always agree on what is content. A change carries:

- `kind` and `action`: what changed and how ("page"/"published", "snippet"/"deleted", "image"/"saved"...);
- `model` and `ids`: the objects;
- `tags`: the cache tags of the answers it can change (core.cache_tags): for a view restriction, the restricted
  page and its descendants (or the collection's images and documents) and the listings of their types; for a
  collection, its images and documents; for a tag, the objects that carry it and the listings of their types;
- `describe()`: the public paths it affects and the object's public description, worked out only when a receiver
  asks (the webhooks, when an endpoint subscribed), from each app's declarations (core.affected), or None when
  the public never saw the object (a draft, a page under a restriction).

Emitted for: page publish, unpublish, move and delete, a live page saved directly (not the save a publish makes,
which the publish announces), snippets and settings that declare `public_content` and the rows that belong to them
(core.public_content), images, documents, collections, page and collection view restrictions, redirects, tags, and
bulk writes: `QuerySet.update()` sends no signal, so a command that updates content calls
`announce_bulk_change(model, ids)` after it.
"""

import functools
import threading
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import Signal
from modelcluster.fields import ParentalKey
from taggit.models import GenericTaggedItemBase
from wagtail.documents import get_document_model
from wagtail.documents.models import AbstractDocument
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage
from wagtail.models import COMMENTS_RELATION_NAME, Collection, CollectionViewRestriction, Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import affected
from .cache_tags import listing_tag, model_tag, object_tag
from .paths import site_path, site_path_of_url_path
from .public_content import declares_public_content, is_public_content
from .visibility import is_public, not_expired, was_public

content_changed = Signal()  # sent with `change`, a ContentChange

# What saving a draft, locking or commenting writes to the page row: none of it is public.
EDITING_FIELDS = {
    COMMENTS_RELATION_NAME, "latest_revision_created_at", "draft_title", "latest_revision", "has_unpublished_changes",
    "locked", "locked_at", "locked_by",
}  # fmt: skip
# Changes that decide which objects the public may see at all, or rename what many show (core.events.reach_tags).
WIDE_REACH = (PageViewRestriction, CollectionViewRestriction, Collection)
TAG_LABEL = "taggit.tag"
REDIRECT_LABEL = "wagtailredirects.redirect"

_state = threading.local()


@dataclass
class ContentChange:
    kind: str
    action: str
    model: str
    ids: list
    tags: list = field(default_factory=list)
    build: object = None  # () -> description dict or None; see `describe`
    _described: tuple = field(default=None, repr=False)

    def describe(self):
        """{"object", "url_path", "affected", "site_wide", ...} for the public, or None: computed once, on demand."""
        if self._described is None:
            self._described = (self.build() if self.build else None,)
        return self._described[0]


def send(change):
    content_changed.send(sender=ContentChange, change=change)
    return change


def _object(instance, title):
    return {"type": instance._meta.label, "id": instance.pk, "title": title}


def page_tags(page, *, parents=()):
    """The answers a page's change can alter: those that showed it, listed its type, or listed its parent's
    children."""
    tags = {object_tag(page), listing_tag(type(page)), listing_tag(Page)}
    tags.update(object_tag(parent) for parent in parents if parent is not None)
    return sorted(tags)


def page_body(page, *, own_path=None, parent=None, extra_paths=(), **extra):
    """A page's public description; None for a page under no site, and for one the public cannot see (a draft, a
    page under a view restriction) unless the caller gives the path it had."""
    url_path = own_path if own_path is not None else affected.public_path(page)
    if url_path is None:
        return None
    return {
        "object": _object(page, page.title),
        "url_path": url_path,
        "affected": affected.for_page(page, own_path=url_path, parent=parent, extra=extra_paths),
        "site_wide": affected.is_site_wide(page),
        **extra,
    }


def object_body(instance, *, paths=None, site_wide=None, **extra):
    """A non-page object's description: its declared related pages, or the given paths."""
    return {
        "object": _object(instance, str(instance)),
        "url_path": None,
        "affected": affected.for_snippet(instance) if paths is None else paths,
        "site_wide": affected.is_site_wide(instance) if site_wide is None else site_wide,
        **extra,
    }


def _page_change(page, action, build, *, parents=()):
    return send(
        ContentChange(
            kind="page",
            action=action,
            model=page._meta.label_lower,
            ids=[page.pk],
            tags=page_tags(page, parents=parents),
            build=build,
        )
    )


# --- Pages ------------------------------------------------------------------------------------------------------


BODY_ATTRIBUTE = "_labcms_public_body"


def _pages_being_deleted():
    """Ids of pages whose deletion is under way in this thread: Wagtail unpublishes a live page it deletes, and
    that unpublish must not become a second change next to the delete."""
    if not hasattr(_state, "deleting"):
        _state.deleting = set()
    return _state.deleting


def was_public_under(page, parent):
    """Whether the public could see a page that has just moved, where it was: under `parent` (unrestricted), with
    no restriction of its own."""
    return (
        page.live
        and not_expired(page)
        and parent is not None
        and (parent.depth == 1 or was_public(parent))
        and not PageViewRestriction.objects.filter(page=page).exists()
    )


def on_page_published(sender, instance, **kwargs):
    page = instance.specific
    _page_change(page, "published", lambda: page_body(page), parents=[page.get_parent()])


def on_page_unpublished(sender, instance, **kwargs):
    if instance.pk in _pages_being_deleted():
        return
    page = instance.specific
    public = was_public(page)  # now, before a caller changes the tree further
    # The page was public until now unless a view restriction hid it: only then may its path be told, to purge it.
    _page_change(page, "unpublished", lambda: page_body(page, own_path=site_path(page)) if public else None, parents=[])


def on_page_moved(sender, instance, parent_page_before, parent_page_after, url_path_before, url_path_after, **kwargs):
    page = instance.specific

    def build():
        # Paths are told only where the public could see the page: before the move, after it, or both.
        new_path = affected.public_path(page)
        old_path = site_path_of_url_path(url_path_before) if was_public_under(page, parent_page_before) else None
        if new_path is None and old_path is None:
            return None
        moved = []  # the paths of descendants, which moved with the page: old and new
        here = site_path(page)
        if here and old_path != new_path:
            inner = tuple(
                PageViewRestriction.objects.filter(page__path__startswith=page.path).values_list(
                    "page__path", flat=True
                )
            )
            for descendant in page.get_descendants().live():
                descendant_path = site_path(descendant)
                if not descendant_path or not descendant_path.startswith(here):
                    continue
                if old_path and not descendant.path.startswith(inner) and not_expired(descendant):
                    moved.append(old_path + descendant_path[len(here) :])
                if new_path and is_public(descendant):
                    moved.append(descendant_path)
        return page_body(
            page,
            own_path=new_path or old_path,
            extra_paths=[old_path, affected.public_path(parent_page_before), *moved],
            previous_url_path=old_path,
        )

    # Every descendant's URL changed with the page's.
    ids = [page.pk, *page.get_descendants().values_list("pk", flat=True)]
    change = ContentChange(
        kind="page",
        action="moved",
        model=page._meta.label_lower,
        ids=ids,
        tags=sorted({*page_tags(page, parents=[parent_page_before, parent_page_after]), *(f"page:{pk}" for pk in ids)}),
        build=build,
    )
    send(change)


def before_page_delete(sender, instance, **kwargs):
    _pages_being_deleted().add(instance.pk)
    if type(instance) is not Page:
        # The tree still holds the page: its path, listings and parent can be worked out now, not after the delete.
        setattr(instance, BODY_ATTRIBUTE, (page_body(instance), instance.get_parent()))


def after_page_delete(sender, instance, **kwargs):
    _pages_being_deleted().discard(instance.pk)
    captured = getattr(instance, BODY_ATTRIBUTE, None)
    if captured is not None:
        body, parent = captured
        _page_change(instance, "deleted", lambda: body, parents=[parent])


PUBLISHING_ATTRIBUTE = "_labcms_publishing"


def _writes_public_fields(instance, update_fields):
    return instance.live and (update_fields is None or not set(update_fields) <= EDITING_FIELDS)


def before_page_save(sender, instance, raw=False, update_fields=None, **kwargs):
    """Marks the save a publish makes, which `page_published` announces right after it: the one save that sets a
    new `last_published_at` (Wagtail sets it to now; an import or a script saving a live page keeps it)."""
    if raw or not isinstance(instance, Page) or instance.pk is None:
        return
    if _writes_public_fields(instance, update_fields):
        stored = Page.objects.filter(pk=instance.pk).values_list("last_published_at").first()
        setattr(instance, PUBLISHING_ATTRIBUTE, stored is not None and stored[0] != instance.last_published_at)


def on_page_saved(sender, instance, **kwargs):
    """A live page saved directly (an import, a script) changes what the public sees; a draft saved on a live page
    writes only editing fields, a page that is not live is not public in the first place, and a publish's own save
    is announced by the publish."""
    if kwargs.get("raw") or not _writes_public_fields(instance, kwargs.get("update_fields")):
        return
    if getattr(instance, PUBLISHING_ATTRIBUTE, False):
        return
    page = instance.specific if type(instance) is Page else instance
    _page_change(page, "saved", lambda: page_body(page), parents=[])


# --- Everything else --------------------------------------------------------------------------------------------


def _owner(instance):
    """The content object a row belongs to (an orderable's snippet), or None when the row is its own object."""
    for model_field in instance._meta.fields:
        if isinstance(model_field, ParentalKey) and is_public_content(model_field.related_model):
            return getattr(instance, model_field.name, None)
    return None


def _subtree_tags(page):
    """A view restriction on `page` hides or shows it and every page under it: their answers, their parent's, and
    the listings of their types (a listing gains or loses them)."""
    tags = {listing_tag(Page)}
    parent = page.get_parent()
    if parent is not None:
        tags.add(object_tag(parent))
    for pk, content_type_id in Page.objects.filter(path__startswith=page.path).values_list("pk", "content_type_id"):
        model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
        tags.update((model_tag(model, pk), listing_tag(model)))
    return tags


def _collection_tags(collection):
    """What a collection's privacy decides: its images and documents, and those of the collections nested in it
    (a restriction applies to them too), and the image and document listings."""
    media_models = (get_image_model(), get_document_model())
    tags = {listing_tag(model) for model in media_models}
    nested = Collection.objects.filter(path__startswith=collection.path)
    for model in media_models:
        ids = model.objects.filter(collection__in=nested).values_list("pk", flat=True)
        tags.update(model_tag(model, pk) for pk in ids)
    return tags


def _tagged_objects_tags(tag):
    """What a tag's name shows in: the objects that carry it (through any taggit through model, generic or not),
    the listings of their types (a listing filtered by the name gains or loses them), and the tag itself."""
    tags = {object_tag(tag), listing_tag(type(tag))}
    for relation in type(tag)._meta.related_objects:
        if not relation.one_to_many:  # a through model's key to the tag (not a manager's reverse side)
            continue
        through = relation.related_model
        rows = through.objects.filter(**{relation.field.name: tag})
        if issubclass(through, GenericTaggedItemBase):
            for content_type_id, object_id in rows.values_list("content_type_id", "object_id"):
                model = ContentType.objects.get_for_id(content_type_id).model_class()
                if model is not None:
                    tags.update((model_tag(model, object_id), listing_tag(model)))
            continue
        for model_field in through._meta.fields:
            if model_field.many_to_one and model_field is not relation.field:
                model = model_field.related_model
                tags.add(listing_tag(model))
                tags.update(model_tag(model, pk) for pk in rows.values_list(model_field.attname, flat=True))
    if any(tag.startswith("page:") for tag in tags):
        tags.add(listing_tag(Page))
    return tags


def reach_tags(instance):
    """The tags of a view restriction, a collection or a tag: what it decides is shown, or under which name."""
    if isinstance(instance, PageViewRestriction):
        page = Page.objects.filter(pk=instance.page_id).first()
        return _subtree_tags(page) if page is not None else {model_tag(Page, instance.page_id)}
    if isinstance(instance, CollectionViewRestriction):
        collection = Collection.objects.filter(pk=instance.collection_id).first()
        return _collection_tags(collection) if collection is not None else set()
    if isinstance(instance, Collection):
        return _collection_tags(instance)
    return _tagged_objects_tags(instance)


REACH_ATTRIBUTE = "_labcms_reach_tags"


def _object_change(instance, action):
    model = type(instance)
    label = model._meta.label_lower
    own_tags = [object_tag(instance), listing_tag(model)]
    # Which pages show an image, or which objects a restriction hides, is declared nowhere: receivers revalidate all.
    everywhere = functools.partial(object_body, instance, paths=[affected.SITE_ROOT], site_wide=True)
    if isinstance(instance, WIDE_REACH) or label == TAG_LABEL:
        # Worked out before a delete (the rows it reaches may go with it), else now.
        reach = getattr(instance, REACH_ATTRIBUTE, None)
        tags = sorted(reach if reach is not None else reach_tags(instance))
        build = everywhere
        if isinstance(instance, (PageViewRestriction, CollectionViewRestriction)):
            kind = "restriction"
        else:
            kind = "collection" if isinstance(instance, Collection) else "tag"
    elif isinstance(instance, (AbstractImage, AbstractDocument)):
        kind = "image" if isinstance(instance, AbstractImage) else "document"
        tags, build = own_tags, everywhere
    elif label == REDIRECT_LABEL:
        kind, tags = "redirect", own_tags
        build = functools.partial(object_body, instance, paths=[instance.old_path], site_wide=False)
    elif declares_public_content(model):
        # Described before a delete (many-to-many relations are gone after it), else now.
        before = getattr(instance, BODY_ATTRIBUTE, None)
        created = action == "created"
        kind, tags, action = "snippet", own_tags, "saved" if created else action
        build = (lambda: before) if before else functools.partial(object_body, instance, created=created)
    else:
        kind = None
    if kind is not None:
        return send(ContentChange(kind=kind, action=action, model=label, ids=[instance.pk], tags=tags, build=build))
    owner = _owner(instance)
    if owner is not None and not isinstance(owner, Page):  # a page's rows change with its publish
        return _part_change(owner)
    return None


def _part_change(owner):
    """A row of a snippet (an orderable, a many-to-many link) changed: the snippet's answers are stale, and the
    snippet's own save, which writes these rows, is what receivers are told about."""
    return send(
        ContentChange(
            kind="part",
            action="saved",
            model=owner._meta.label_lower,
            ids=[owner.pk],
            tags=[object_tag(owner), listing_tag(type(owner))],
        )
    )


def on_saved(sender, instance, created=False, raw=False, **kwargs):
    if raw:
        return
    if isinstance(instance, Page):
        on_page_saved(sender, instance, **kwargs)
    elif _is_announced(sender):
        _object_change(instance, "created" if created else "saved")


def on_deleted(sender, instance, **kwargs):
    if not isinstance(instance, Page) and _is_announced(sender):
        _object_change(instance, "deleted")


def on_m2m_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and not isinstance(instance, Page) and _is_announced(type(instance)):
        _part_change(instance)


def _is_announced(model):
    return (
        is_public_content(model)
        or issubclass(model, (*WIDE_REACH, AbstractImage, AbstractDocument))
        or model._meta.label_lower == TAG_LABEL
    )


# --- Bulk writes ------------------------------------------------------------------------------------------------


def announce_bulk_change(model, ids):
    """After `model.objects.filter(...).update(...)`, which sends no signal: one change for all the rows."""
    ids = sorted(set(ids))
    if not ids:
        return None
    if issubclass(model, Page):
        pages = lambda: list(model.objects.filter(pk__in=ids).specific())  # noqa: E731
        tags = sorted({listing_tag(model), listing_tag(Page), *(f"page:{pk}" for pk in ids)})

        def build():
            bodies = [body for page in pages() if (body := page_body(page)) is not None]
            if not bodies:
                return None
            return {
                "objects": [body["object"] for body in bodies],
                "url_path": None,
                "affected": affected.unique(path for body in bodies for path in body["affected"]),
                "site_wide": any(body["site_wide"] for body in bodies),
            }
    else:
        label = model._meta.label_lower
        tags = sorted({listing_tag(model), *(f"{label}:{pk}" for pk in ids)})

        def build():
            instances = list(model.objects.filter(pk__in=ids))
            return {
                "objects": [_object(instance, str(instance)) for instance in instances],
                "url_path": None,
                "affected": affected.unique(path for item in instances for path in affected.for_snippet(item)),
                "site_wide": any(affected.is_site_wide(instance) for instance in instances),
            }

    return send(
        ContentChange(kind="bulk", action="updated", model=model._meta.label_lower, ids=ids, tags=tags, build=build)
    )


def connect():
    """Called once, by core's AppConfig.ready, before any receiver can miss a change."""
    page_published.connect(on_page_published, dispatch_uid="core.events.published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="core.events.unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="core.events.moved")
    pre_save.connect(before_page_save, dispatch_uid="core.events.pre_save")
    pre_delete.connect(_before_delete, dispatch_uid="core.events.pre_delete")
    post_delete.connect(_after_delete, dispatch_uid="core.events.post_delete")
    post_save.connect(on_saved, dispatch_uid="core.events.saved")
    m2m_changed.connect(on_m2m_changed, dispatch_uid="core.events.m2m")


def _before_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        before_page_delete(sender, instance, **kwargs)
    elif declares_public_content(sender):
        # Described now: many-to-many relations (an honor's recipients) are gone after the delete.
        setattr(instance, BODY_ATTRIBUTE, object_body(instance))
    elif issubclass(sender, WIDE_REACH) or sender._meta.label_lower == TAG_LABEL:
        # Now: a tag's through rows, a restriction's page, are deleted before the post_delete.
        setattr(instance, REACH_ATTRIBUTE, reach_tags(instance))


def _after_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        after_page_delete(sender, instance, **kwargs)
    else:
        on_deleted(sender, instance, **kwargs)
