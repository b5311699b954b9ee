"""The blog's root fields: `blogPosts`, paginated and filtered."""

import graphene

from graphql_api.listings import (
    listing_queryset,
    paginate,
    paginated_type,
    paging_arguments,
    related_to_public,
)

from .models import BlogPostPage

BLOG_ORDERS = ("-date", "date", "title", "-title")

BlogPostListing = paginated_type("BlogPostListing", BlogPostPage)


class Query(graphene.ObjectType):
    blog_posts = graphene.Field(
        BlogPostListing,
        required=True,
        **paging_arguments(),
        research_area=graphene.String(description="A research area's slug."),
        tag=graphene.String(),
        year=graphene.Int(),
        order=graphene.String(description=f"One of: {', '.join(BLOG_ORDERS)}. Default -date (newest first)."),
    )

    def resolve_blog_posts(self, info, page=None, per_page=None, research_area=None, tag=None, year=None, order=None):
        posts = listing_queryset(BlogPostPage, info, order, BLOG_ORDERS)
        if research_area:
            posts = related_to_public(posts, "research_areas", slug=research_area)
        if tag:
            posts = posts.filter(tags__name=tag).distinct()
        if year:
            posts = posts.filter(date__year=year)
        return paginate(posts, page, per_page)
