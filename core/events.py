"""The one content-change event: everything the public can see change is sent as `content_changed`, once.

The response cache, the CDN purge (graphql_api.cache) and the webhooks (webhooks.signals) subscribe to it and to
nothing else, so they always agree on what is content. A change carries:

- `kind` and `action`: what changed and how ("page"/"published", "snippet"/"deleted", "image"/"saved"...);
- `model` and `ids`: the objects;
- `tags`: the cache tags of the answers it can change (core.cache_tags), or `everything` when no tag names its
  reach (a view restriction, a collection, a tag's name: they change which objects may be shown at all);
- `describe()`: the public paths it affects and the object's public description, worked out only when a receiver
  asks (the webhooks, when an endpoint subscribed), from each app's declarations (core.affected), or None when
  the public never saw the object (a draft, a page under a restriction).

Emitted for: page publish, unpublish, move and delete, a live page saved directly, snippets and settings that
declare `public_content` and the rows that belong to them (core.public_content), images, documents, collections,
page and collection view restrictions, redirects, tags, and bulk writes: `QuerySet.update()` sends no signal, so a
command that updates content calls `announce_bulk_change(model, ids)` after it.
"""

import functools
import threading
from dataclasses import dataclass, field

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import Signal
from modelcluster.fields import ParentalKey
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import affected
from .cache_tags import listing_tag, object_tag
from .paths import site_path, site_path_of_url_path
from .public_content import declares_public_content, is_public_content
from .visibility import is_public, not_expired, was_public

content_changed = Signal()  # sent with `change`, a ContentChange

# What saving a draft, locking or commenting writes to the page row: none of it is public.
EDITING_FIELDS = {
    "comments", "latest_revision_created_at", "draft_title", "latest_revision", "has_unpublished_changes",
    "locked", "locked_at", "locked_by",
}  # fmt: skip
# Changes that decide which objects the public may see at all, or rename what many show: every answer may change.
EVERYTHING = (PageViewRestriction, CollectionViewRestriction, Collection)
EVERYTHING_LABELS = {"taggit.tag"}
REDIRECT_LABEL = "wagtailredirects.redirect"

_state = threading.local()


@dataclass
class ContentChange:
    kind: str
    action: str
    model: str
    ids: list
    tags: list = field(default_factory=list)
    everything: bool = False
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


def on_page_saved(sender, instance, **kwargs):
    """A live page saved directly (an import, a script) changes what the public sees; a draft saved on a live page
    writes only editing fields, and a page that is not live is not public in the first place."""
    update_fields = kwargs.get("update_fields")
    written = set(update_fields) if update_fields is not None else None
    if kwargs.get("raw") or not instance.live or (written is not None and written <= EDITING_FIELDS):
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


def _object_change(instance, action):
    model = type(instance)
    label = model._meta.label_lower
    own_tags = [object_tag(instance), listing_tag(model)]
    # Which pages show an image, or which objects a restriction hides, is declared nowhere: receivers revalidate all.
    everywhere = functools.partial(object_body, instance, paths=[affected.SITE_ROOT], site_wide=True)
    if isinstance(instance, (PageViewRestriction, CollectionViewRestriction)):
        kind, tags, build = "restriction", None, everywhere
    elif isinstance(instance, Collection):
        kind, tags, build = "collection", None, everywhere
    elif label in EVERYTHING_LABELS:
        kind, tags, build = "tag", None, everywhere
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
        return send(
            ContentChange(
                kind=kind,
                action=action,
                model=label,
                ids=[instance.pk],
                tags=tags or [],
                everything=tags is None,
                build=build,
            )
        )
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
        or issubclass(model, (*EVERYTHING, AbstractImage, AbstractDocument))
        or model._meta.label_lower in EVERYTHING_LABELS
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


def _after_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        after_page_delete(sender, instance, **kwargs)
    else:
        on_deleted(sender, instance, **kwargs)
