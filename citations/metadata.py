"""A paper's `<head>`: its schema.org ScholarlyArticle and Google Scholar's `citation_*` tags, from its citation.

For any page with the fields citations.csl reads (a publication).
"""

from urllib.parse import urlsplit

from scholarly.metadata import frontend_url, headline, json_ld_base, organization, person_reference

from .csl import JOURNAL_TYPES, author_names, doi_url, entry_type, paper_title, paper_url


def scholarly_article_json_ld(work):
    data = json_ld_base(work, "ScholarlyArticle")
    title = paper_title(work)
    data["headline"] = headline(title)
    data["name"] = title
    if authors := [author_reference(author) for author in work.public_authors()]:
        data["author"] = authors
    if date := getattr(work, "publication_date", None):
        data["datePublished"] = date.isoformat()
    elif work.year:
        data["datePublished"] = str(work.year)
    if work.venue:
        periodical = "Periodical" if entry_type(work) == "article" else "PublicationEvent"
        data["isPartOf"] = {"@type": periodical, "name": work.venue}
    if work.doi:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": work.doi}
    arxiv_url = getattr(work, "arxiv_url", None)
    if arxiv_url and "identifier" not in data:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "arXiv", "value": work.arxiv_id}
    if same_as := [url for url in (doi_url(work.doi), arxiv_url, paper_url(work)) if url]:
        data["sameAs"] = same_as
    data["publisher"] = organization(work)
    return data


def author_reference(author):
    """An author as schema.org's Person: the lab member's page and ORCID iD, else the ORCID iD the row itself holds
    (a publication's author from outside the lab, as an import found it)."""
    data = person_reference(author.public_name, author.public_person)
    if "sameAs" not in data and (orcid := getattr(author, "orcid", "")):
        data["sameAs"] = f"https://orcid.org/{orcid}"
    return data


def scholar_meta(work):
    """Google Scholar's `citation_*` meta tags for a paper, as (name, content) pairs in the order Scholar reads them
    (https://scholar.google.com/intl/en/scholar/inclusion.html#indexing)."""
    tags = [("citation_title", paper_title(work))]
    tags += [("citation_author", name) for name in author_names(work)]
    if work.year:
        tags.append(("citation_publication_date", str(work.year)))
    if work.venue:
        journal = entry_type(work) in JOURNAL_TYPES
        tags.append(("citation_journal_title" if journal else "citation_conference_title", work.venue))
    if work.doi:
        tags.append(("citation_doi", work.doi))
    if arxiv_id := getattr(work, "arxiv_id", ""):
        tags.append(("citation_arxiv_id", arxiv_id))
    for link in work.links.all():
        if link.kind in {"paper", "pdf"} and urlsplit(link.url).path.lower().endswith(".pdf"):
            tags.append(("citation_pdf_url", link.url))
            break
    if url := frontend_url(work):
        tags.append(("citation_abstract_html_url", url))
    return tags
