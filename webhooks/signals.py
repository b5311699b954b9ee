"""Content changes, as webhook events: Wagtail's page signals, and saves and deletes of the lab's snippets."""

import threading

from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.paths import site_path, site_path_of_url_path
from core.public_content import announced_models
from core.visibility import is_public, not_expired, was_public

from . import affected, events
from .delivery import record, subscribed_endpoints

_state = threading.local()
BODY_ATTRIBUTE = "_labcms_webhook_body"


def _pages_being_deleted():
    """Ids of pages whose deletion is under way in this thread: Wagtail unpublishes a live page it deletes, and
    that unpublish must not become a second event next to page.deleted."""
    if not hasattr(_state, "deleting"):
        _state.deleting = set()
    return _state.deleting


def _object(instance, title):
    return {"type": instance._meta.label, "id": instance.pk, "title": title}


def page_body(page, *, own_path=None, parent=None, extra_paths=(), **extra):
    """The payload of a page event (without event, id and occurred_at); None for a page under no site, and for one
    the public cannot see (a draft, a page under a view restriction) unless the caller gives the path it had."""
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


def snippet_body(instance, **extra):
    return {
        "object": _object(instance, str(instance)),
        "url_path": None,
        "affected": affected.for_snippet(instance),
        "site_wide": affected.is_site_wide(instance),
        **extra,
    }


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
    record(events.PAGE_PUBLISHED, lambda: page_body(page))


def on_page_unpublished(sender, instance, **kwargs):
    if instance.pk in _pages_being_deleted():
        return
    page = instance.specific
    # The page was public until now unless a view restriction hid it: only then may its path be told, to purge it.
    record(
        events.PAGE_UNPUBLISHED,
        lambda: page_body(page, own_path=site_path(page)) if was_public(page) else None,
    )


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

    record(events.PAGE_MOVED, build)


def before_page_delete(sender, instance, **kwargs):
    _pages_being_deleted().add(instance.pk)
    if type(instance) is Page or not subscribed_endpoints(events.PAGE_DELETED):
        return
    # The tree still holds the page: its path and listings can be worked out now, not after the delete.
    setattr(instance, BODY_ATTRIBUTE, page_body(instance))


def after_page_delete(sender, instance, **kwargs):
    _pages_being_deleted().discard(instance.pk)
    body = getattr(instance, BODY_ATTRIBUTE, None)
    if body is not None:
        record(events.PAGE_DELETED, lambda: body)


def on_snippet_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    record(events.SNIPPET_SAVED, lambda: snippet_body(instance, created=created))


def before_snippet_delete(sender, instance, **kwargs):
    if subscribed_endpoints(events.SNIPPET_DELETED):
        # Many-to-many relations (an honor's recipients) are gone after the delete.
        setattr(instance, BODY_ATTRIBUTE, snippet_body(instance))


def after_snippet_delete(sender, instance, **kwargs):
    body = getattr(instance, BODY_ATTRIBUTE, None)
    if body is not None:
        record(events.SNIPPET_DELETED, lambda: body)


def snippet_models():
    """WEBHOOKS_SNIPPET_MODELS if set, else the snippets and settings that declare `public_content`."""
    labels = getattr(settings, "WEBHOOKS_SNIPPET_MODELS", None)
    if labels is None:
        yield from announced_models()
        return
    for label in labels:
        try:
            yield apps.get_model(label)
        except (LookupError, ValueError):
            continue


def connect():
    page_published.connect(on_page_published, dispatch_uid="webhooks.page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="webhooks.page_unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="webhooks.post_page_move")
    # Connected before Wagtail's own pre_delete handler (this app comes first in INSTALLED_APPS), so that the
    # unpublish Wagtail performs on delete finds the page in _pages_being_deleted.
    for model in get_page_models():
        uid = model._meta.label_lower
        pre_delete.connect(before_page_delete, sender=model, dispatch_uid=f"webhooks.pre_delete.{uid}")
        post_delete.connect(after_page_delete, sender=model, dispatch_uid=f"webhooks.post_delete.{uid}")
    for model in snippet_models():
        uid = model._meta.label_lower
        post_save.connect(on_snippet_saved, sender=model, dispatch_uid=f"webhooks.post_save.{uid}")
        pre_delete.connect(before_snippet_delete, sender=model, dispatch_uid=f"webhooks.pre_delete.{uid}")
        post_delete.connect(after_snippet_delete, sender=model, dispatch_uid=f"webhooks.post_delete.{uid}")
