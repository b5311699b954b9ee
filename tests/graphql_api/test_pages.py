"""Each page type through the real endpoint, with the typed fields a frontend reads."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from blog.factories import BlogPostPageFactory
from core.factories import every_block_body
from home.models import HomeFeaturedResearchArea
from news.factories import NewsPageFactory
from news.models import NewsLink
from research.factories import ResearchAreaPageFactory

BODY_FIELDS = """
  __typename
  ... on HeadingBlock { text level }
  ... on RichTextBlock { value }
  ... on FigureBlock { image { url width height alt } altText caption credit }
  ... on CodeBlock { language filename code }
  ... on EquationBlock { latex mode }
  ... on MediaEmbedBlock { url caption provider }
  ... on QuoteBlock { text attribution }
  ... on CalloutBlock { kind text }
  ... on DataTableBlock { caption firstRowIsHeader rows }
  ... on LinkButtonsBlock { buttons { kind url label } }
  ... on GalleryBlock { caption images { image { url } altText caption } }
"""


def test_home_page_by_url_path(graphql, site_tree):
    area = ResearchAreaPageFactory(parent=site_tree["research"], title="TinyML")
    home = site_tree["home"]
    home.featured_research_areas.add(HomeFeaturedResearchArea(research_area=area))
    home.save()
    data = graphql.query(
        """{ page(urlPath: "/") { __typename title
             ... on HomePage { labName tagline about featuredResearchAreas { title } } } }"""
    )
    assert data["page"] == {
        "__typename": "HomePage",
        "title": "MIT HAN Lab",
        "labName": "MIT HAN Lab",
        "tagline": "Efficient AI computing",
        "about": "<p>The lab works on efficient deep learning.</p>",
        "featuredResearchAreas": [{"title": "TinyML"}],
    }


def test_research_area_page(graphql, site_tree, image):
    ResearchAreaPageFactory(
        parent=site_tree["research"], slug="tinyml", title="TinyML", summary="Tiny models.", image=image
    )
    data = graphql.query(
        """{ page(urlPath: "/research/tinyml/") { __typename
             ... on ResearchAreaPage { title summary image { alt width } body { __typename } parent { title } } } }"""
    )
    assert data["page"] == {
        "__typename": "ResearchAreaPage",
        "title": "TinyML",
        "summary": "Tiny models.",
        "image": {"alt": image.title, "width": image.width},
        "body": [],
        "parent": {"title": "Research"},
    }


def test_blog_post_page_with_every_block_type(graphql, site_tree, image):
    area = ResearchAreaPageFactory(parent=site_tree["research"], slug="llm", title="Efficient LLMs")
    post = BlogPostPageFactory(
        parent=site_tree["blog"],
        slug="awq",
        title="AWQ",
        date=datetime.date(2024, 5, 1),
        hero_image=image,
        body=every_block_body(image),
        author_names=["Ji Lin", "Song Han"],
        tag_names=["quantization"],
    )
    post.research_areas.add(area)
    post.save()
    data = graphql.query(
        '{ page(urlPath: "/blog/awq/") { __typename ... on BlogPostPage { title date summary readingTime tags'
        " authors { name } researchAreas { slug } heroImage { url } body {" + BODY_FIELDS + "} } } }"
    )
    page = data["page"]
    assert page["__typename"] == "BlogPostPage"
    assert page["date"] == "2024-05-01"
    assert [a["name"] for a in page["authors"]] == ["Ji Lin", "Song Han"]
    assert page["tags"] == ["quantization"]
    assert page["researchAreas"] == [{"slug": "llm"}]
    assert page["readingTime"] == 1
    blocks = {block["__typename"]: block for block in page["body"]}
    assert set(blocks) == {
        "HeadingBlock", "RichTextBlock", "FigureBlock", "CodeBlock", "EquationBlock", "MediaEmbedBlock",
        "QuoteBlock", "CalloutBlock", "DataTableBlock", "LinkButtonsBlock", "GalleryBlock",
    }  # fmt: skip
    assert blocks["HeadingBlock"] == {"__typename": "HeadingBlock", "text": "Method", "level": 2}
    assert blocks["EquationBlock"]["latex"] == r"y = \frac{x}{s}"
    assert blocks["MediaEmbedBlock"]["provider"] == "youtube.com"
    assert blocks["DataTableBlock"]["rows"] == [["Model", "Speed-up"], ["Llama-2-7B", "3.2x"]]
    assert blocks["LinkButtonsBlock"]["buttons"] == [
        {"kind": "code", "url": "https://github.com/mit-han-lab/llm-awq", "label": "Code"}
    ]
    assert [i["altText"] for i in blocks["GalleryBlock"]["images"]] == ["Before", "After"]
    assert blocks["FigureBlock"]["image"]["url"].startswith("http://testserver/media/")


def test_reading_time_grows_with_the_body(site_tree):
    long_post = BlogPostPageFactory(
        parent=site_tree["blog"], body=[{"type": "paragraph", "value": "<p>" + "word " * 1000 + "</p>"}]
    )
    assert long_post.reading_time == 5


def test_news_page_with_links_and_related_post(graphql, site_tree):
    post = BlogPostPageFactory(parent=site_tree["blog"], title="AWQ explained")
    item = NewsPageFactory(parent=site_tree["news"], slug="awq-award", kind="award", related_blog_post=post)
    item.links.add(NewsLink(label="Paper", url="https://arxiv.org/abs/2306.00978"))
    item.save()
    data = graphql.query(
        """{ page(urlPath: "/news/awq-award/") { __typename
             ... on NewsPage { kind date links { label url } relatedBlogPost { title } body { __typename } } } }"""
    )
    assert data["page"]["__typename"] == "NewsPage"
    assert data["page"]["kind"] == "award"
    assert data["page"]["links"] == [{"label": "Paper", "url": "https://arxiv.org/abs/2306.00978"}]
    assert data["page"]["relatedBlogPost"] == {"title": "AWQ explained"}


def test_index_pages_by_type_name(graphql, site_tree):
    data = graphql.query(
        """{ research: page(urlPath: "/research/") { __typename }
             blog: page(urlPath: "/blog/") { __typename }
             news: page(urlPath: "/news/") { __typename } }"""
    )
    assert data == {
        "research": {"__typename": "ResearchAreaIndexPage"},
        "blog": {"__typename": "BlogIndexPage"},
        "news": {"__typename": "NewsIndexPage"},
    }


def test_grapple_standard_queries_keep_working(graphql, site_tree, image):
    post = BlogPostPageFactory(parent=site_tree["blog"], slug="standard")
    data = graphql.query(
        f"""{{ byId: page(id: {post.pk}) {{ slug }}
              bySlug: page(slug: "standard") {{ slug }}
              pages(contentType: "blog.BlogPostPage") {{ slug }}
              site(hostname: "testserver") {{ hostname }}
              images {{ id }} }}"""
    )
    assert data["byId"] == data["bySlug"] == {"slug": "standard"}
    assert data["pages"] == [{"slug": "standard"}]
    assert data["site"] == {"hostname": "testserver"}
    assert data["images"] == [{"id": str(image.pk)}]


def test_schema_tells_which_blocks_a_body_may_hold(graphql, site_tree):
    data = graphql.query('{ __type(name: "ShortStreamBlock") { kind possibleTypes { name } } }')
    assert data["__type"]["kind"] == "UNION"
    assert {t["name"] for t in data["__type"]["possibleTypes"]} == {
        "RichTextBlock",
        "FigureBlock",
        "MediaEmbedBlock",
        "LinkButtonsBlock",
    }


def test_image_renditions_only_from_the_allow_list(graphql, site_tree, image):
    data = graphql.query(
        f"""{{ image(id: {image.pk}) {{ alt focalPointX rendition(width: 640) {{ width url }}
               srcSet(sizes: [320, 333, 640]) }} }}"""
    )
    assert data["image"]["rendition"]["width"] <= 640
    assert data["image"]["srcSet"].count("w,") == 1  # 333 is not an allowed width, so it is left out
    errors = graphql.errors(f"{{ image(id: {image.pk}) {{ rendition(width: 333) {{ url }} }} }}")
    assert "Invalid filter specs" in errors[0]


def test_url_path_is_read_against_the_request_site(graphql, site_tree):
    """grapple alone matches "/" against any page's path ending; the home page must come back."""
    BlogPostPageFactory(parent=site_tree["blog"], slug="first")
    data = graphql.query('{ root: page(urlPath: "/") { __typename } post: page(urlPath: "/blog/first") { slug } }')
    assert data == {"root": {"__typename": "HomePage"}, "post": {"slug": "first"}}


def test_a_page_is_found_in_two_queries_and_only_if_public(graphql, site_tree, settings):
    """`page(...)` reads the page and its specific row: the view restrictions are read once per request (with
    the visibility every list applies), not again as grapple's lookup did, nor an `exists()` before the page."""
    settings.GRAPHQL_CACHE = {**settings.GRAPHQL_CACHE, "TIMEOUT": 0}  # every request is computed
    post = BlogPostPageFactory(parent=site_tree["blog"], slug="found")
    hidden = BlogPostPageFactory(parent=site_tree["blog"], slug="hidden")
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="x")
    lookups = {
        "byPath": '(urlPath: "/blog/found")',
        "byId": f"(id: {post.pk})",
        "bySlug": '(slug: "found")',
        "byType": f'(id: {post.pk}, contentType: "blog.BlogPostPage")',
    }
    for name, arguments in lookups.items():
        graphql.query(f"{{ page{arguments} {{ slug }} }}")  # the site root paths and content types are cached
        with CaptureQueriesContext(connection) as queries:
            assert graphql.query(f"{{ page{arguments} {{ slug }} }}") == {"page": {"slug": "found"}}, name
        page_queries = [query["sql"] for query in queries if "viewrestriction" not in query["sql"]]
        assert len([sql for sql in page_queries if sql.startswith("SELECT")]) == 2 + (name == "byPath"), name
    # The site of a path is the request's (one query, above); a restricted page, another type, no page: null.
    missing = ['(urlPath: "/blog/hidden")', f"(id: {hidden.pk})", '(slug: "nowhere")']
    missing.append(f'(id: {post.pk}, contentType: "news.NewsPage")')
    for arguments in missing:
        assert graphql.query(f"{{ page{arguments} {{ slug }} }}") == {"page": None}, arguments
    # An unknown type is an error that names it, on `page` as on `pages`.
    for field in (f"page(id: {post.pk}, contentType: ", "pages(contentType: "):
        assert graphql.errors(f'{{ {field}"blog.Nope") {{ slug }} }}') == [
            "`contentType` 'blog.Nope' is not a page type; use the app.Model form."
        ]


def test_a_slug_shared_by_two_pages_is_a_clear_error(graphql, site_tree):
    """Slugs are unique among siblings only: a post and a news item may share one."""
    BlogPostPageFactory(parent=site_tree["blog"], slug="launch")
    NewsPageFactory(parent=site_tree["news"], slug="launch")
    assert graphql.errors('{ page(slug: "launch") { title } }') == [
        "`slug` 'launch' names several pages; ask by `urlPath` or `id`."
    ]
    assert graphql.query('{ page(urlPath: "/news/launch") { __typename } }') == {"page": {"__typename": "NewsPage"}}
