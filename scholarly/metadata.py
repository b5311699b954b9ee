"""What a frontend puts in a page's `<head>`: title, description, canonical URL, Open Graph image, schema.org JSON-LD,
and for projects the Google Scholar `citation_*` tags.

Every URL points at the frontend (`settings.FRONTEND_BASE_URL`), never at the CMS; images are absolute URLs of the
media they are served from. Nothing here writes to a model: the page models only list the GraphQL fields.
"""

import html
import json
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.text import Truncator
from grapple.utils import get_media_item_url

from core.visibility import public_media_or_none

DESCRIPTION_CHARS = 160
OPEN_GRAPH_FILTER = "fill-1200x630"
SCHEMA_ORG = "https://schema.org"


# URLs ------------------------------------------------------------------------------------------------------------


def frontend_path(page):
    """The page's path on the frontend, relative to the site root: "/", "/projects/awq/" ...; None if not routable."""
    parts = page.get_url_parts()
    if not parts or parts[2] is None:
        return None
    return parts[2]


def frontend_url(page):
    path = frontend_path(page)
    return f"{settings.FRONTEND_BASE_URL}{path}" if path is not None else None


def site_home(page):
    """The specific root page of the page's site (the lab's home page), or None."""
    site = page.get_site()
    return site.root_page.specific if site else None


def lab_name(page):
    home = site_home(page)
    return getattr(home, "lab_name", "") or settings.WAGTAIL_SITE_NAME


# Text ------------------------------------------------------------------------------------------------------------


def plain_text(markup):
    """Text without tags, with entities (&amp;) as the characters they stand for, on one line."""
    return re.sub(r"\s+", " ", html.unescape(strip_tags(markup or ""))).strip()


def stream_text(stream_value):
    """The readable text of a StreamField, as the search index sees it (prose, headings, captions)."""
    texts = []
    for child in stream_value or ():
        try:
            texts.extend(str(text) for text in child.block.get_searchable_content(child.value))
        except Exception:  # noqa: S112 - a block that cannot describe itself adds nothing to a description
            continue
    return plain_text(" ".join(texts))


def shorten(text, limit=DESCRIPTION_CHARS):
    return Truncator(plain_text(text)).chars(limit, truncate="…")


def page_summary(page):
    """The page's own words for a description, by page type."""
    label = page._meta.label
    if label in {"research.ProjectPage", "blog.BlogPostPage", "research.ResearchAreaPage"}:
        return page.summary or stream_text(page.body)
    if label == "news.NewsPage":
        return stream_text(page.body)
    if label == "people.PersonPage":
        bio = plain_text(page.bio)
        return bio or f"{page.get_role_display()}, {lab_name(page)}."
    if label == "home.HomePage":
        return page.tagline or plain_text(page.about)
    return ""


def seo_title(page):
    return page.seo_title or page.title


def seo_description(page):
    return shorten(page.search_description or page_summary(page))


# Images ----------------------------------------------------------------------------------------------------------


def page_image(page):
    """The public image that stands for a page: its own hero image, photo or figure, else the home page's hero
    image. An image in a private collection is skipped, as the page's own `heroImage` field is null for it."""
    for field in ("hero_image", "photo", "image"):
        if image := public_media_or_none(getattr(page, field, None)):
            return image
    home = site_home(page)
    return public_media_or_none(getattr(home, "hero_image", None)) if home is not None else None


def open_graph_image(page):
    """A 1200x630 crop of the page's image, as {url, width, height, alt}; None when there is none."""
    image = page_image(page)
    if image is None:
        return None
    try:
        rendition = image.get_rendition(OPEN_GRAPH_FILTER)
    except Exception:  # a missing or unreadable file: the page is still described, without an image
        return None
    return {
        "url": get_media_item_url(rendition),
        "width": rendition.width,
        "height": rendition.height,
        "alt": getattr(image, "alt_text", "") or image.title,
    }


def open_graph_type(page):
    return {
        "research.ProjectPage": "article",
        "blog.BlogPostPage": "article",
        "news.NewsPage": "article",
        "people.PersonPage": "profile",
    }.get(page._meta.label, "website")


# JSON-LD ---------------------------------------------------------------------------------------------------------


def json_ld_string(data):
    """JSON that can be put inside a <script type="application/ld+json"> as it is: <, > and & are escaped."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def organization(page):
    home = site_home(page)
    data = {"@type": "Organization", "name": lab_name(page), "url": f"{settings.FRONTEND_BASE_URL}/"}
    if home is not None and (image := open_graph_image(home)):
        data["logo"] = image["url"]
    return data


def person_reference(name, person=None):
    data = {"@type": "Person", "name": name}
    if person is not None and (url := frontend_url(person)):
        data["url"] = url
    return data


def _common(page, schema_type):
    data = {"@context": SCHEMA_ORG, "@type": schema_type}
    if url := frontend_url(page):
        data["url"] = url
        data["mainEntityOfPage"] = url
    if description := seo_description(page):
        data["description"] = description
    if image := open_graph_image(page):
        data["image"] = image["url"]
    return data


def project_json_ld(page):
    from citations.csl import doi_url, entry_type, paper_title, paper_url

    data = _common(page, "ScholarlyArticle")
    title = paper_title(page)
    data["headline"] = Truncator(title).chars(110, truncate="…")
    data["name"] = title
    if authors := [person_reference(a.public_name, a.public_person) for a in page.public_authors()]:
        data["author"] = authors
    if page.year:
        data["datePublished"] = str(page.year)
    if page.venue:
        periodical = "Periodical" if entry_type(page) == "article" else "PublicationEvent"
        data["isPartOf"] = {"@type": periodical, "name": page.venue}
    if page.doi:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": page.doi}
    if same_as := [url for url in (doi_url(page.doi), paper_url(page)) if url]:
        data["sameAs"] = same_as
    data["publisher"] = organization(page)
    return data


def blog_post_json_ld(page):
    data = _common(page, "BlogPosting")
    data["headline"] = Truncator(page.title).chars(110, truncate="…")
    data["datePublished"] = page.date.isoformat()
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    data["author"] = [person_reference(author.name) for author in page.authors.all()]
    if tags := page.tag_names:
        data["keywords"] = ", ".join(tags)
    data["publisher"] = organization(page)
    return data


def news_json_ld(page):
    data = _common(page, "NewsArticle")
    data["headline"] = Truncator(page.title).chars(110, truncate="…")
    data["datePublished"] = page.date.isoformat()
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    data["publisher"] = organization(page)
    return data


def person_json_ld(page):
    data = _common(page, "Person")
    data["name"] = page.title
    data["jobTitle"] = page.get_role_display()
    data["affiliation"] = organization(page)
    if page.status == "alumni" and page.placement:
        data["worksFor"] = {"@type": "Organization", "name": page.placement}
    if same_as := [link.url for link in page.links.all() if link.url]:
        data["sameAs"] = same_as
    return data


def home_json_ld(page):
    data = _common(page, "Organization")
    data["name"] = page.lab_name or page.title
    data["url"] = f"{settings.FRONTEND_BASE_URL}/"
    if image := open_graph_image(page):
        data["logo"] = image["url"]
    if page.profile_name:
        data["founder"] = {"@type": "Person", "name": page.profile_name}
    return data


def web_page_json_ld(page):
    data = _common(page, "WebPage")
    data["name"] = page.title
    data["isPartOf"] = {"@type": "WebSite", "name": lab_name(page), "url": f"{settings.FRONTEND_BASE_URL}/"}
    return data


JSON_LD_BUILDERS = {
    "research.ProjectPage": project_json_ld,
    "blog.BlogPostPage": blog_post_json_ld,
    "news.NewsPage": news_json_ld,
    "people.PersonPage": person_json_ld,
    "home.HomePage": home_json_ld,
}


def json_ld(page):
    """The page's schema.org description as a dict: ScholarlyArticle, BlogPosting, NewsArticle, Person,
    Organization, or WebPage for any other page."""
    return JSON_LD_BUILDERS.get(page._meta.label, web_page_json_ld)(page)


# Google Scholar --------------------------------------------------------------------------------------------------


def scholar_meta(project):
    """Google Scholar's `citation_*` meta tags for a project, as (name, content) pairs in the order Scholar reads them
    (https://scholar.google.com/intl/en/scholar/inclusion.html#indexing)."""
    from citations.csl import JOURNAL_TYPES, author_names, entry_type, paper_title

    tags = [("citation_title", paper_title(project))]
    tags += [("citation_author", name) for name in author_names(project)]
    if project.year:
        tags.append(("citation_publication_date", str(project.year)))
    if project.venue:
        journal = entry_type(project) in JOURNAL_TYPES
        tags.append(("citation_journal_title" if journal else "citation_conference_title", project.venue))
    if project.doi:
        tags.append(("citation_doi", project.doi))
    for link in project.links.all():
        if link.kind == "paper" and urlsplit(link.url).path.lower().endswith(".pdf"):
            tags.append(("citation_pdf_url", link.url))
            break
    if url := frontend_url(project):
        tags.append(("citation_abstract_html_url", url))
    return tags


__all__ = [
    "frontend_path",
    "frontend_url",
    "json_ld",
    "json_ld_string",
    "open_graph_image",
    "scholar_meta",
    "seo_description",
    "seo_title",
]
