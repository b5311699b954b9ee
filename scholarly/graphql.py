"""GraphQL fields for a page's `<head>`: `seo { ... }` on every content page, `scholarMeta` on projects."""

import graphene
from grapple.models import GraphQLField

from . import metadata


class OpenGraphImage(graphene.ObjectType):
    """A 1200x630 crop of the page's image, for `og:image` and Twitter cards."""

    url = graphene.String(required=True, description="Absolute URL of the image file.")
    width = graphene.Int(required=True)
    height = graphene.Int(required=True)
    alt = graphene.String(required=True)


class SeoMetadata(graphene.ObjectType):
    """What a frontend puts in a page's <head>. URLs point at the frontend (FRONTEND_BASE_URL)."""

    title = graphene.String(required=True, description="The page's SEO title, else its title.")
    description = graphene.String(
        required=True, description="The search description, else the page's summary; at most 160 characters."
    )
    canonical_url = graphene.String(description="The page's absolute URL on the frontend.")
    open_graph_type = graphene.String(required=True, description="og:type: article, profile or website.")
    open_graph_image = graphene.Field(OpenGraphImage)
    json_ld = graphene.String(
        required=True,
        description="schema.org JSON-LD (ScholarlyArticle, BlogPosting, NewsArticle, Person, Organization or "
        'WebPage) as a JSON string, escaped so it can be put in a <script type="application/ld+json"> as it is.',
    )

    # Building a page's JSON-LD reads and serialises all it describes: its cost per page, in units of the limits'
    # cost (graphql_api.validation, measured by tests/graphql_api/test_work.py).
    graphql_work = {"json_ld": 25}

    # The root value is the page itself (see GraphQLSeo).
    @staticmethod
    def resolve_title(page, info):
        return metadata.seo_title(page)

    @staticmethod
    def resolve_description(page, info):
        return metadata.seo_description(page)

    @staticmethod
    def resolve_canonical_url(page, info):
        return metadata.frontend_url(page)

    @staticmethod
    def resolve_open_graph_type(page, info):
        return metadata.open_graph_type(page)

    @staticmethod
    def resolve_open_graph_image(page, info):
        image = metadata.open_graph_image(page)
        return OpenGraphImage(**image) if image else None

    @staticmethod
    def resolve_json_ld(page, info):
        return metadata.json_ld_string(metadata.json_ld(page))


class MetaTag(graphene.ObjectType):
    """One `<meta name="..." content="...">` tag."""

    name = graphene.String(required=True)
    content = graphene.String(required=True)


def GraphQLSeo():
    """`seo: SeoMetadata!` for a page model's `graphql_fields`.

    grapple resolves a model field by reading the attribute named by `source`; `specific` is the page itself, so the
    SeoMetadata resolvers receive the page and the model needs no method of its own.
    """

    def Mixin():
        return GraphQLField("seo", SeoMetadata, required=True, source="specific")

    return Mixin


def GraphQLScholarMeta(source):
    """`scholarMeta: [MetaTag!]!`: Google Scholar's citation_* tags, from a model method named by `source`."""

    def Mixin():
        return GraphQLField(
            "scholar_meta",
            graphene.NonNull(graphene.List(graphene.NonNull(MetaTag))),
            source=source,
            description="Google Scholar's citation_* meta tags, one per value (citation_author once per author).",
        )

    return Mixin


def meta_tags(pairs):
    return [MetaTag(name=name, content=content) for name, content in pairs]


__all__ = ["GraphQLScholarMeta", "GraphQLSeo", "MetaTag", "OpenGraphImage", "SeoMetadata", "meta_tags"]
