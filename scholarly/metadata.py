"""What a frontend puts in a page's `<head>`: title, description, canonical URL, Open Graph image, schema.org JSON-LD.

A page type says what is particular to it by declaring it on its model: `seo_summary()` (its own words for a
description), `open_graph_type` ("article", "profile") and `json_ld_data()` (its schema.org description, built with
the helpers here). A type that declares nothing is a "website" WebPage. Nothing here names a page type.

Every URL points at the frontend (`settings.FRONTEND_BASE_URL`), never at the CMS; images are absolute URLs of the
media they are served from. Nothing here writes to a model: the page models only list the GraphQL fields.
"""

import html
import json
import re

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.text import Truncator
from grapple.utils import get_media_item_url
from wagtail.models import Site

from core.paths import frontend_url, url_parts
from core.visibility import per_request, public_media_or_none

DESCRIPTION_CHARS = 160
OPEN_GRAPH_FILTER = "fill-1200x630"
SCHEMA_ORG = "https://schema.org"


# URLs ------------------------------------------------------------------------------------------------------------


def site_home(page):
    """The specific root page of the page's site (the lab's home page), or None; read once per request per site,
    as every page of a listing asks for it."""
    parts = url_parts(page)
    if parts is None:
        return None
    site_id = parts[0]
    return per_request(("site home", site_id), lambda: Site.objects.get(pk=site_id).root_page.specific)


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


def join_text(*parts):
    """Readable parts as plain text joined by " · ", empty ones left out: the words a search snippet is cut from."""
    return " · ".join(part for part in (plain_text(str(p)) for p in parts if p) if part)


def shorten(text, limit=DESCRIPTION_CHARS):
    return Truncator(plain_text(text)).chars(limit, truncate="…")


def page_summary(page):
    """The page's own words for a description, as its type declares them (`seo_summary`); none for other pages."""
    declared = getattr(page, "seo_summary", None)
    return declared() if declared else ""


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
    """og:type, as the page's type declares it (`open_graph_type = "article"`), else "website"."""
    return getattr(page, "open_graph_type", "website")


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
    if person is not None and (orcid := getattr(person, "orcid", "")):
        data["sameAs"] = f"https://orcid.org/{orcid}"
    return data


def headline(text):
    """schema.org's headline: Google shows at most 110 characters of it."""
    return Truncator(text).chars(110, truncate="…")


def json_ld_base(page, schema_type):
    """What every description starts with: context, type, the page's frontend URL, description and image."""
    data = {"@context": SCHEMA_ORG, "@type": schema_type}
    if url := frontend_url(page):
        data["url"] = url
        data["mainEntityOfPage"] = url
    if description := seo_description(page):
        data["description"] = description
    if image := open_graph_image(page):
        data["image"] = image["url"]
    return data


def dated_article_json_ld(page, schema_type):
    """A BlogPosting or NewsArticle up to its dates: headline from the title, published on `page.date`."""
    data = json_ld_base(page, schema_type)
    data["headline"] = headline(page.title)
    data["datePublished"] = page.date.isoformat()
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    return data


def web_page_json_ld(page):
    data = json_ld_base(page, "WebPage")
    data["name"] = page.title
    data["isPartOf"] = {"@type": "WebSite", "name": lab_name(page), "url": f"{settings.FRONTEND_BASE_URL}/"}
    return data


def json_ld(page):
    """The page's schema.org description as a dict: what its type declares (`json_ld_data`), else a WebPage."""
    declared = getattr(page, "json_ld_data", None)
    return declared() if declared else web_page_json_ld(page)


__all__ = [
    "dated_article_json_ld",
    "frontend_url",
    "headline",
    "join_text",
    "json_ld",
    "json_ld_base",
    "json_ld_string",
    "lab_name",
    "open_graph_image",
    "organization",
    "person_reference",
    "plain_text",
    "seo_description",
    "seo_title",
    "stream_text",
]
