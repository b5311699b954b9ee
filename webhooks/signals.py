"""Content changes, as webhook events: the webhooks' one subscription is core.events.content_changed."""

from core.events import content_changed

from . import events
from .delivery import record

# (kind, action) of a change -> the webhook event; a change of a kind not listed here (a live page saved directly,
# which its publish announces) sends none.
EVENTS = {
    ("page", "published"): events.PAGE_PUBLISHED,
    ("page", "unpublished"): events.PAGE_UNPUBLISHED,
    ("page", "moved"): events.PAGE_MOVED,
    ("page", "deleted"): events.PAGE_DELETED,
    ("snippet", "saved"): events.SNIPPET_SAVED,
    ("snippet", "deleted"): events.SNIPPET_DELETED,
    **{
        (kind, action): events.changed(kind)
        for kind in events.OTHER_KINDS
        for action in ("saved", "created", "deleted")
    },
    ("bulk", "updated"): events.CONTENT_UPDATED,
}


def on_content_changed(sender, change, **kwargs):
    event = EVENTS.get((change.kind, change.action))
    if event is None:
        return
    if change.kind in events.OTHER_KINDS:
        record(event, lambda: _with_action(change.describe(), change.action))
    else:
        record(event, change.describe)


def _with_action(body, action):
    return body if body is None else {**body, "action": action}


def connect():
    content_changed.connect(on_content_changed, dispatch_uid="webhooks")
