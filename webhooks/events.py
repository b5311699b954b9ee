"""The events a webhook endpoint may subscribe to: how core.events' content changes are named to receivers."""

PAGE_PUBLISHED = "page.published"
PAGE_UNPUBLISHED = "page.unpublished"
PAGE_MOVED = "page.moved"
PAGE_DELETED = "page.deleted"
SNIPPET_SAVED = "snippet.saved"
SNIPPET_DELETED = "snippet.deleted"
CONTENT_UPDATED = "content.updated"
TEST = "webhook.test"  # sent only by the admin's "Send test", never subscribed to
# Changes whose payload says `action` ("saved", "created", "deleted"), one event per kind.
OTHER_KINDS = {
    "image": "Image changed",
    "document": "Document changed",
    "collection": "Collection changed",
    "restriction": "View restriction changed",
    "redirect": "Redirect changed",
    "tag": "Tag changed",
}


def changed(kind):
    return f"{kind}.changed"


EVENT_CHOICES = [
    (PAGE_PUBLISHED, "Page published"),
    (PAGE_UNPUBLISHED, "Page unpublished"),
    (PAGE_MOVED, "Page moved"),
    (PAGE_DELETED, "Page deleted"),
    (SNIPPET_SAVED, "Snippet or setting saved"),
    (SNIPPET_DELETED, "Snippet deleted"),
    *((changed(kind), label) for kind, label in OTHER_KINDS.items()),
    (CONTENT_UPDATED, "Content updated in bulk (a command)"),
]
ALL_EVENTS = [value for value, _label in EVENT_CHOICES]
DELIVERY_EVENT_CHOICES = [*EVENT_CHOICES, (TEST, "Test (from the admin)")]


def all_events():
    return list(ALL_EVENTS)
