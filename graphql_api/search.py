"""`siteSearch`: full-text search of what a visitor looks for, typed, paginated and highlighted.

    siteSearch(query: "quantization", type: "ProjectPage,BlogPostPage", page: 1, perPage: 10) {
      items { type title url externalUrl snippet score page { id } }
      pagination { total totalPages currentPage nextPage prevPage }
    }

- Searched: the public pages and the snippets of every model that declares `search_result_type` (the `type` of its
  hits; `search_result_order` places it in the list of types) and `search_hit_text()` (the words a snippet is cut
  from), through Wagtail's search backend (`WAGTAILSEARCH_BACKENDS`; the database backend is PostgreSQL full-text
  search on PostgreSQL and SQLite FTS5 on SQLite). Terms must all match (`operator="and"`).
- Public only: live, not view-restricted pages (filtered by the backend), and not past their expiry date (filtered
  here: backends cannot filter on `expire_at`, which is not a search field).
- Ranked by the backend's relevance score across types. SQLite's BM25 is lower-is-better, so it is negated: `score`
  is always higher-is-better, comparable within one response only.
- `snippet` is an excerpt of the hit's own text around the first term found, HTML-escaped, with each matched word
  in `<mark>`. It is computed here from the indexed fields' text, so it needs nothing from the backend.
- `url` is the frontend path of the page, or what the model's `search_hit_url()` gives (a snippet's page), null
  when there is none; `externalUrl` is what its `search_hit_external_url()` gives, if it declares one.

grapple's root `search` stays as it was (public pages, unpaginated) for grapple compatibility.
"""

import html
import re
from dataclasses import dataclass

import graphene
from django.apps import apps
from django.db.models import prefetch_related_objects
from grapple.types.interfaces import get_page_interface
from grapple.types.structures import PaginationType
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from core.paths import site_path
from core.visibility import not_expired

from .arguments import checked_search_query
from .errors import BadRequestArgument
from .listings import DEFAULT_PER_PAGE, checked_paging, paginate
from .query_estimate import chooser_queries, lookup_queries
from .selection import convert_together, own_relation_lookups

HITS_PER_TYPE = 100
SNIPPET_CHARS = 200
SNIPPET_LEAD = 60


# What is searched, as the models declare it ----------------------------------------------------------------------


def searchable_models():
    """{`type` argument value: model} of every model that declares `search_result_type`, in the order of their
    `search_result_order` (the order the schema lists them in)."""
    models = [model for model in apps.get_models() if getattr(model, "search_result_type", None)]
    models.sort(key=lambda model: (model.search_result_order, model.search_result_type))
    return {model.search_result_type: model for model in models}


SEARCH_TYPES = searchable_models()


def is_page(model):
    return issubclass(model, Page)


def hit_text(item):
    """The text a snippet is cut from: the hit's searchable words other than its title (`search_hit_text()`)."""
    return item.search_hit_text()


def hit_url(item):
    """The frontend path a hit opens: the model's `search_hit_url()` if it declares one, else the page's own."""
    declared = getattr(item, "search_hit_url", None)
    return declared() if declared else site_path(item)


def hit_external_url(item):
    declared = getattr(item, "search_hit_external_url", None)
    return declared() if declared else None


# Highlighting --------------------------------------------------------------------------------------------------


def query_terms(query):
    """The words of a query, longest first, without repeats."""
    words = {word.lower() for word in re.findall(r"\w+", query) if len(word) > 1 or word.isdigit()}
    return sorted(words, key=lambda word: (-len(word), word))


def _stem(word):
    """A crude stem for highlighting only: the backend may match "quantized" to "quantization"."""
    return word if len(word) <= 5 else word[: max(5, len(word) - 3)]


def _word_pattern(terms):
    if not terms:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(term) for term in terms) + r")\w*", re.IGNORECASE)


def highlight(text, query, width=SNIPPET_CHARS):
    """An HTML excerpt of `text` around the first word matching the query, matches in <mark>, the rest escaped."""
    text = re.sub(r"\s+", " ", text or "").strip()
    terms = query_terms(query)
    pattern = _word_pattern(terms)
    first = pattern.search(text) if pattern else None
    if first is None and terms:
        pattern = _word_pattern(sorted({_stem(term) for term in terms}, key=len, reverse=True))
        first = pattern.search(text)
    start = 0
    if first is not None and first.start() > SNIPPET_LEAD:
        start = text.rfind(" ", 0, first.start() - SNIPPET_LEAD) + 1
    end = len(text)
    if end - start > width:
        end = text.rfind(" ", start, start + width)
        end = start + width if end <= start else end
    excerpt = text[start:end]
    parts, position = [], 0
    for match in pattern.finditer(excerpt) if (pattern and first is not None) else ():
        parts.append(html.escape(excerpt[position : match.start()]))
        parts.append(f"<mark>{html.escape(match.group(0))}</mark>")
        position = match.end()
    parts.append(html.escape(excerpt[position:]))
    return ("…" if start > 0 else "") + "".join(parts) + ("…" if end < len(text) else "")


# Searching -----------------------------------------------------------------------------------------------------


@dataclass
class Hit:
    type: str
    item: object
    score: float


def _relevance(raw_score):
    """The backend's score, higher is better: SQLite's BM25 is lower-is-better, so it is negated."""
    if raw_score is None:
        return 0.0
    backend = get_search_backend()
    lower_is_better = type(backend).__module__.startswith("modelsearch.backends.database.sqlite")
    return -float(raw_score) if lower_is_better else float(raw_score)


def search_type(type_name, query):
    model = SEARCH_TYPES[type_name]
    queryset = model.objects.live().public().filter(depth__gt=1) if is_page(model) else model.objects.all()
    # Only the words go to the backend: quotes, operators and brackets mean something to SQLite FTS5 and to
    # PostgreSQL's tsquery, and a stray one is a syntax error there.
    words = " ".join(re.findall(r"\w+", query))
    results = get_search_backend().search(words, queryset, operator="and").annotate_score("_score")[:HITS_PER_TYPE]
    hits = []
    for item in results:
        if is_page(model) and not not_expired(item):
            continue
        hits.append(Hit(type_name, item, _relevance(getattr(item, "_score", None))))
    return hits


def checked_types(type_argument):
    if not type_argument:
        return list(SEARCH_TYPES)
    names = [name.strip() for name in type_argument.split(",") if name.strip()]
    refused = [name for name in names if name not in SEARCH_TYPES]
    if refused or not names:
        raise BadRequestArgument(
            f"`type` may not be {', '.join(repr(n) for n in refused) or 'empty'}; "
            f"use one or more of: {', '.join(SEARCH_TYPES)}."
        )
    return list(dict.fromkeys(names))


def load_together(items):
    """What the snippets and URLs of one page of hits read, for all of them at once: each type's StreamFields
    converted together, and the relations it names in `search_hit_reads` (else all its own) prefetched."""
    by_model = {}
    for item in items:
        by_model.setdefault(type(item), []).append(item)
    for model, group in by_model.items():
        streams = [field.name for field in model._meta.concrete_fields if isinstance(field, StreamField)]
        convert_together([getattr(item, name) for item in group for name in streams])
        prefetch_related_objects(group, *getattr(model, "search_hit_reads", own_relation_lookups(model)))


def site_search(query, type_argument=None, page=None, per_page=None):
    page, per_page = checked_paging(page, per_page)
    types = checked_types(type_argument)
    query = (checked_search_query(query) or "").strip()
    hits = []
    if query_terms(query):
        for type_name in types:
            hits.extend(search_type(type_name, query))
    hits.sort(key=lambda hit: (-hit.score, str(getattr(hit.item, "title", "")).lower(), hit.type, hit.item.pk))
    listing = paginate(hits, page, per_page)
    load_together([hit.item for hit in listing["items"]])
    items = [SiteSearchResult.from_hit(hit, query) for hit in listing["items"]]
    return SiteSearchResults(items=items, pagination=listing["pagination"])


# GraphQL -------------------------------------------------------------------------------------------------------


class SiteSearchResult(graphene.ObjectType):
    """One search hit: a public page, a talk or an honor."""

    type = graphene.String(required=True, description=f"One of: {', '.join(SEARCH_TYPES)}.")
    title = graphene.String(required=True)
    url = graphene.String(description="The frontend path to open, e.g. /projects/awq/; null when there is none.")
    external_url = graphene.String(description="For a talk: its video, slides or event address.")
    snippet = graphene.String(
        required=True, description="An HTML excerpt around the first match: escaped, matched words in <mark>."
    )
    score = graphene.Float(required=True, description="Relevance, higher is better; compare within one response.")
    page = graphene.Field(get_page_interface, description="The page, for page hits; null for talks and honors.")

    # Objects the hit holds already, read with the search's own queries (graphql_api.query_estimate).
    graphql_loaded = {"page"}

    @classmethod
    def from_hit(cls, hit, query):
        item = hit.item
        return cls(
            type=hit.type,
            title=item.title,
            url=hit_url(item),
            external_url=hit_external_url(item),
            snippet=highlight(hit_text(item), query),
            score=round(hit.score, 6),
            page=item if isinstance(item, Page) else None,
        )


def search_queries():
    """An upper bound of the SQL queries of one search: per type, its search, the conversion of its StreamFields
    and the relations its hits read (`load_together`)."""
    total = 0
    for model in SEARCH_TYPES.values():
        streams = [field for field in model._meta.concrete_fields if isinstance(field, StreamField)]
        reads = getattr(model, "search_hit_reads", own_relation_lookups(model))
        total += 1 + sum(chooser_queries(field.stream_block) for field in streams) + lookup_queries(reads)
    return total


class SiteSearchResults(graphene.ObjectType):
    items = graphene.List(graphene.NonNull(SiteSearchResult), required=True)
    pagination = graphene.Field(PaginationType, required=True)

    # Queries its resolver runs, whatever is selected (graphql_api.query_estimate).
    graphql_queries = search_queries()


class SiteSearchQuery(graphene.ObjectType):
    site_search = graphene.Field(
        SiteSearchResults,
        required=True,
        query=graphene.String(required=True, description="The words to find; at most 200 characters."),
        type=graphene.String(
            description=f"Only these types, comma-separated: {', '.join(SEARCH_TYPES)}. Default: all of them."
        ),
        page=graphene.Int(description="1-based page number."),
        per_page=graphene.Int(description=f"Results per page, 1 to 100; default {DEFAULT_PER_PAGE}."),
        description="Full-text search of public pages, talks and honors, best match first, with highlighted "
        "snippets. A blank query finds nothing.",
    )

    def resolve_site_search(self, info, query, type=None, page=None, per_page=None):
        return site_search(query, type, page, per_page)


__all__ = ["SEARCH_TYPES", "SiteSearchQuery", "highlight", "site_search"]
