"""Per-item fields resolved for a whole list at once, in graphene's synchronous execution.

Every list of model instances a resolver returns is a batch: each item learns its *peers* (the field middleware
below). A field that would otherwise run a query per item (a page's parent, children, ancestors...) runs it once for
every peer the first time one item asks, and keeps each peer's answer on the peer. A query selecting the field on
50 items then runs it once, not 50 times, whatever else it selects.
"""

from django.db.models import Model, QuerySet

from .selection import model_field, prefetch_selected

PEERS = "_graphql_peers"
ANSWERS = "_graphql_batched"


class PeersMiddleware:
    """Make each list of model instances a batch (a single object, such as `page(urlPath:)`'s, a batch of one): its
    items learn their peers, and the relations the query selects on them are prefetched for the whole list at once."""

    def resolve(self, next, root, info, **kwargs):
        result = next(root, info, **kwargs)
        if isinstance(result, QuerySet):
            result = list(result)
        if result is root:  # a field read from the object itself (`seo`'s source is the page)
            return result
        items = [result] if isinstance(result, Model) else result
        if not (isinstance(items, list) and items and isinstance(items[0], Model)) or PEERS in items[0].__dict__:
            return result  # not model instances, or loaded by `batched` with their peers and prefetched there
        if not (isinstance(root, Model) and PEERS in root.__dict__ and model_field(type(root), info.field_name)):
            # A batch's relations were prefetched with the batch, nested relations included.
            prefetch_selected(items, info)
        _make_peers(items)
        return result


def _make_peers(items):
    peers = tuple(items)
    for item in peers:
        item.__dict__[PEERS] = peers


def batched(item, key, load, info):
    """The answer for `item` of `load(peers) -> {pk: answer}`, loaded once for the item and all its peers, with the
    relations the query selects on the answers prefetched for all of them."""
    answers = item.__dict__.setdefault(ANSWERS, {})
    key = (key, info.path.key)  # each alias loads (and prefetches) for its own selection
    if key not in answers:
        peers = [peer for peer in item.__dict__.get(PEERS, ()) if key not in peer.__dict__.get(ANSWERS, {})]
        peers = peers if item in peers else [item, *peers]
        loaded = load(peers)
        values = [value for answer in loaded.values() for value in (answer if isinstance(answer, list) else [answer])]
        values = [value for value in values if isinstance(value, Model)]
        prefetch_selected(values, info)
        _make_peers(values)
        for peer in peers:
            peer.__dict__.setdefault(ANSWERS, {})[key] = loaded.get(peer.pk)
    return answers[key]
