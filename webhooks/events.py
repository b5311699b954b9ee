"""The events a webhook endpoint may subscribe to."""

PAGE_PUBLISHED = "page.published"
PAGE_UNPUBLISHED = "page.unpublished"
PAGE_MOVED = "page.moved"
PAGE_DELETED = "page.deleted"
SNIPPET_SAVED = "snippet.saved"
SNIPPET_DELETED = "snippet.deleted"

EVENT_CHOICES = [
    (PAGE_PUBLISHED, "Page published"),
    (PAGE_UNPUBLISHED, "Page unpublished"),
    (PAGE_MOVED, "Page moved"),
    (PAGE_DELETED, "Page deleted"),
    (SNIPPET_SAVED, "Snippet or setting saved"),
    (SNIPPET_DELETED, "Snippet deleted"),
]
ALL_EVENTS = [value for value, _label in EVENT_CHOICES]


def all_events():
    return list(ALL_EVENTS)
