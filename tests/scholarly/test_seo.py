"""Per-page `seo { ... }` (title, description, canonical URL, Open Graph image, schema.org JSON-LD), the Google
Scholar `scholarMeta` tags of publications, and a project's ResearchProject description."""

import datetime
import json

import pytest
from wagtail.models import PageViewRestriction

from blog.factories import BlogPostPageFactory
from news.factories import NewsPageFactory
from people.factories import PeopleIndexPageFactory, PersonPageFactory
from people.models import PersonLink
from publications.factories import PublicationIndexPageFactory, PublicationPageFactory
from publications.models import PublicationAuthor, PublicationLink
from research.factories import ProjectIndexPageFactory, ProjectPageFactory, ResearchAreaPageFactory
from research.models import ProjectLink

SEO = """query($path: String) { page(urlPath: $path) { ... on %s {
  seo { title description canonicalUrl openGraphType openGraphImage { url width height alt } jsonLd }
} } }"""
SCHOLAR = (
    """query($path: String) { page(urlPath: $path) { ... on PublicationPage { scholarMeta { name content } } } }"""
)
PAPER_TITLE = "AWQ: Activation-aware Weight Quantization for LLM Compression and Acceleration"


def seo(graphql, type_name, path):
    data = graphql.query(SEO % type_name, {"path": path})["page"]["seo"]
    data["jsonLd"] = json.loads(data["jsonLd"])
    return data


@pytest.fixture
def tree(site_tree, image):
    home = site_tree["home"]
    home.hero_image = image
    home.save_revision().publish()
    song = PersonPageFactory(
        parent=PeopleIndexPageFactory(parent=home), title="Song Han", slug="song-han", role="pi",
        bio="<p>Efficient AI &amp; systems.</p>",
    )  # fmt: skip
    song.links.add(PersonLink(label="Google Scholar", url="https://scholar.google.com/citations?user=E0iCaa4AAAAJ"))
    song.save_revision().publish()
    awq = ProjectPageFactory(
        parent=ProjectIndexPageFactory(parent=home),
        title="AWQ",
        slug="awq",
        short_name="AWQ",
        summary="Enables on-device LLM inference with 4-bit quantization.",
        year=2024,
        github_repo="mit-han-lab/llm-awq",
        links=[
            ProjectLink(kind="paper", url="https://arxiv.org/abs/2306.00978"),
            ProjectLink(kind="demo", url="https://hanlab.mit.edu/projects/awq/demo"),
        ],
    )
    paper = PublicationPageFactory(
        parent=PublicationIndexPageFactory(parent=home),
        title=PAPER_TITLE,
        slug="awq",
        abstract="Activation-aware weight quantization for LLMs.",
        venue_short="MLSys 2024",
        venue_kind="conference",
        year=2024,
        doi="10.48550/arXiv.2306.00978",
        authors=[PublicationAuthor(name="Ji Lin"), PublicationAuthor(person=song)],
        links=[
            PublicationLink(kind="paper", url="https://arxiv.org/pdf/2306.00978.pdf"),
            PublicationLink(kind="code", url="https://github.com/mit-han-lab/llm-awq"),
        ],
        projects=[awq],
    )
    return {"home": home, "song": song, "awq": awq, "paper": paper, "image": image, **site_tree}


def test_a_publication_is_a_scholarly_article(graphql, tree):
    data = seo(graphql, "PublicationPage", "/publications/awq/")
    assert data["title"] == PAPER_TITLE
    assert data["description"] == "Activation-aware weight quantization for LLMs."
    assert data["canonicalUrl"] == "http://frontend.test/publications/awq/"
    assert data["openGraphType"] == "article"
    ld = data["jsonLd"]
    assert ld["@context"] == "https://schema.org" and ld["@type"] == "ScholarlyArticle"
    assert ld["name"] == PAPER_TITLE
    assert ld["author"] == [
        {"@type": "Person", "name": "Ji Lin"},
        {"@type": "Person", "name": "Song Han", "url": "http://frontend.test/team/song-han/"},
    ]
    assert ld["datePublished"] == "2024"
    assert ld["isPartOf"] == {"@type": "PublicationEvent", "name": "MLSys 2024"}
    assert ld["identifier"] == {"@type": "PropertyValue", "propertyID": "DOI", "value": "10.48550/arXiv.2306.00978"}
    assert ld["sameAs"] == ["https://doi.org/10.48550/arXiv.2306.00978", "https://arxiv.org/pdf/2306.00978.pdf"]
    assert ld["publisher"]["@type"] == "Organization" and ld["publisher"]["name"] == "MIT HAN Lab"
    assert ld["url"] == "http://frontend.test/publications/awq/"


def test_a_project_is_a_research_project_about_its_public_papers(graphql, tree):
    index = tree["paper"].get_parent()
    for slug, title, live in [("awq-draft", "A draft paper", False), ("awq-private", "A private paper", True),
                              ("awq-v2", "AWQ v2", True)]:  # fmt: skip
        PublicationPageFactory(parent=index, slug=slug, title=title, live=live, year=2025, projects=[tree["awq"]])
    PageViewRestriction.objects.create(
        page=index.get_children().get(slug="awq-private"), restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    PublicationPageFactory(parent=index, slug="other", title="Another project's paper")
    data = seo(graphql, "ProjectPage", "/projects/awq/")
    assert data["title"] == "AWQ"
    assert data["description"] == "Enables on-device LLM inference with 4-bit quantization."
    assert data["canonicalUrl"] == "http://frontend.test/projects/awq/"
    assert data["openGraphType"] == "website"
    ld = data["jsonLd"]
    assert ld["@context"] == "https://schema.org" and ld["@type"] == "ResearchProject"
    assert ld["name"] == "AWQ" and "alternateName" not in ld  # the short name is the title
    assert ld["url"] == "http://frontend.test/projects/awq/"
    assert ld["parentOrganization"]["@type"] == "Organization"
    assert ld["parentOrganization"]["name"] == "MIT HAN Lab"
    assert ld["sameAs"] == [
        "https://github.com/mit-han-lab/llm-awq",
        "https://arxiv.org/abs/2306.00978",
        "https://hanlab.mit.edu/projects/awq/demo",
    ]
    # Only the public papers, newest first; a paper's own description (authors, venue, DOI) is on its page.
    assert ld["subjectOf"] == [
        {"@type": "ScholarlyArticle", "name": "AWQ v2", "url": "http://frontend.test/publications/awq-v2/"},
        {"@type": "ScholarlyArticle", "name": PAPER_TITLE, "url": "http://frontend.test/publications/awq/"},
    ]
    raw = json.dumps(ld)
    for absent in ("author", "citation", "isPartOf", "identifier", "draft", "private", "Another project"):
        assert absent not in raw


def test_a_project_s_alternate_name_is_its_short_name_and_a_bare_project_has_no_papers(graphql, tree):
    tree["awq"].title = "Activation-aware Weight Quantization"
    tree["awq"].save_revision().publish()
    ld = seo(graphql, "ProjectPage", "/projects/awq/")["jsonLd"]
    assert (ld["name"], ld["alternateName"]) == ("Activation-aware Weight Quantization", "AWQ")
    ProjectPageFactory(parent=tree["awq"].get_parent(), title="Park", slug="park", short_name="Park")
    ld = seo(graphql, "ProjectPage", "/projects/park/")["jsonLd"]
    assert ld["@type"] == "ResearchProject" and ld["name"] == "Park"
    assert "subjectOf" not in ld and "sameAs" not in ld and "alternateName" not in ld


def test_a_code_link_to_the_github_repository_is_not_repeated(graphql, tree):
    tree["awq"].links.add(ProjectLink(kind="code", url="https://github.com/mit-han-lab/llm-awq"))
    tree["awq"].save_revision().publish()
    same_as = seo(graphql, "ProjectPage", "/projects/awq/")["jsonLd"]["sameAs"]
    assert same_as.count("https://github.com/mit-han-lab/llm-awq") == 1


def test_projects_carry_no_scholar_meta_tags(graphql, tree):
    errors = graphql.errors(
        """query { page(urlPath: "/projects/awq/") { ... on ProjectPage { scholarMeta { name content } } } }"""
    )
    assert "scholarMeta" in errors[0]


def test_a_project_without_an_image_borrows_the_home_page_s(graphql, tree):
    image = seo(graphql, "ProjectPage", "/projects/awq/")["openGraphImage"]
    assert image["url"].startswith("http://testserver/media/images/")
    assert image["width"] / image["height"] == pytest.approx(1200 / 630, rel=0.05)  # the test image is small
    assert image["alt"]


def test_scholar_meta_tags_of_a_publication(graphql, tree):
    tags = graphql.query(SCHOLAR, {"path": "/publications/awq/"})["page"]["scholarMeta"]
    assert [(tag["name"], tag["content"]) for tag in tags] == [
        ("citation_title", PAPER_TITLE),
        ("citation_author", "Ji Lin"),
        ("citation_author", "Song Han"),
        ("citation_publication_date", "2024"),
        ("citation_conference_title", "MLSys 2024"),
        ("citation_doi", "10.48550/arXiv.2306.00978"),
        ("citation_pdf_url", "https://arxiv.org/pdf/2306.00978.pdf"),
        ("citation_abstract_html_url", "http://frontend.test/publications/awq/"),
    ]


def test_a_journal_article_gets_a_journal_title_and_no_pdf_without_a_pdf_link(graphql, tree):
    paper = tree["paper"]
    paper.bibtex = "@article{lin2024awq, title = {AWQ}, journal = {JMLR}}"
    paper.save_revision().publish()
    PublicationLink.objects.filter(page=paper).update(url="https://arxiv.org/abs/2306.00978")
    names = [tag["name"] for tag in graphql.query(SCHOLAR, {"path": "/publications/awq/"})["page"]["scholarMeta"]]
    assert "citation_journal_title" in names and "citation_conference_title" not in names
    assert "citation_pdf_url" not in names


def test_a_blog_post_is_a_blog_posting(graphql, tree):
    BlogPostPageFactory(
        parent=tree["blog"], title="Why AWQ works", slug="why-awq", summary="Salient weights matter.",
        date=datetime.date(2024, 3, 1), hero_image=tree["image"], author_names=["Ji Lin", "Song Han"],
        tag_names=["quantization"],
    )  # fmt: skip
    data = seo(graphql, "BlogPostPage", "/blog/why-awq/")
    ld = data["jsonLd"]
    assert ld["@type"] == "BlogPosting"
    assert ld["headline"] == "Why AWQ works" and ld["datePublished"] == "2024-03-01"
    assert ld["author"] == [{"@type": "Person", "name": "Ji Lin"}, {"@type": "Person", "name": "Song Han"}]
    assert ld["keywords"] == "quantization"
    assert ld["image"] == data["openGraphImage"]["url"]
    assert data["description"] == "Salient weights matter."


def test_a_news_item_is_a_news_article(graphql, tree):
    NewsPageFactory(parent=tree["news"], title="AWQ wins", slug="awq-wins", date=datetime.date(2024, 5, 15))
    data = seo(graphql, "NewsPage", "/news/awq-wins/")
    assert data["jsonLd"]["@type"] == "NewsArticle"
    assert data["jsonLd"]["datePublished"] == "2024-05-15"
    assert data["description"] == "Something happened."


def test_a_person_is_a_person(graphql, tree):
    data = seo(graphql, "PersonPage", "/team/song-han/")
    ld = data["jsonLd"]
    assert ld["@type"] == "Person" and ld["name"] == "Song Han"
    assert ld["jobTitle"] == "Principal investigator"
    assert ld["sameAs"] == ["https://scholar.google.com/citations?user=E0iCaa4AAAAJ"]
    assert ld["affiliation"]["name"] == "MIT HAN Lab"
    assert data["description"] == "Efficient AI & systems."
    assert data["openGraphType"] == "profile"


def test_the_home_page_is_the_organization(graphql, tree):
    data = seo(graphql, "HomePage", "/")
    ld = data["jsonLd"]
    assert ld["@type"] == "Organization" and ld["name"] == "MIT HAN Lab"
    assert ld["url"] == "http://frontend.test/" and ld["logo"] == data["openGraphImage"]["url"]
    assert data["canonicalUrl"] == "http://frontend.test/"
    assert data["description"] == "Efficient AI computing"


def test_a_research_area_is_a_web_page(graphql, tree):
    ResearchAreaPageFactory(parent=tree["research"], title="Efficient LLMs", slug="llms", summary="Quantization.")
    assert seo(graphql, "ResearchAreaPage", "/research/llms/")["jsonLd"]["@type"] == "WebPage"


def test_editor_seo_fields_win_and_descriptions_are_shortened(graphql, tree):
    awq = tree["awq"]
    awq.seo_title = "AWQ | MIT HAN Lab"
    awq.summary = "word " * 100
    awq.save_revision().publish()
    data = seo(graphql, "ProjectPage", "/projects/awq/")
    assert data["title"] == "AWQ | MIT HAN Lab"
    assert len(data["description"]) <= 160 and data["description"].endswith("…")
    awq.search_description = "Written for search engines."
    awq.save_revision().publish()
    assert seo(graphql, "ProjectPage", "/projects/awq/")["description"] == "Written for search engines."


@pytest.mark.parametrize(("page", "type_name", "path"), [
    ("paper", "PublicationPage", "/publications/awq/"), ("awq", "ProjectPage", "/projects/awq/"),
])  # fmt: skip
def test_json_ld_is_safe_to_embed_in_a_script_element(graphql, tree, page, type_name, path):
    page = tree[page]
    page.title = "</script><script>alert(1)</script> & more"
    page.save_revision().publish()
    raw = graphql.query(SEO % type_name, {"path": path})["page"]["seo"]["jsonLd"]
    assert "<" not in raw and ">" not in raw and "&" not in raw
    assert json.loads(raw)["name"] == "</script><script>alert(1)</script> & more"
