"""SQL queries per request do not grow with the number of items returned.

Each query is sent through /graphql/ for 5 and for 50 items; the counts must be equal and within the budget.
The documents are the reference frontend's own (frontend/src/graphql), plus the lab sections of the home page.
"""

from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from blog.factories import BlogPostPageFactory
from core.factories import ImageFactory, every_block_body
from home.models import HomeFeaturedResearchArea
from lab.factories import IndustryPartnerFactory
from news.factories import NewsPageFactory
from people.factories import HonorFactory, PeopleIndexPageFactory, PersonPageFactory
from people.models import PersonPage
from publications.factories import PublicationIndexPageFactory, PublicationPageFactory
from publications.models import PublicationAuthor, PublicationIndexPage
from research.factories import ProjectIndexPageFactory, ProjectPageFactory, ResearchAreaPageFactory
from research.models import ProjectIndexPage, ProjectLink, ProjectPage
from tests.frontend_documents import frontend_operation

NEWS_WITH_PROJECTS = """query { newsItems(perPage: 20) { items { title date kind venuePhrase links { label url }
  projects { shortName url } researchAreas { slug } } pagination { total } } }"""

HOME_SECTIONS = """query { page(urlPath: "/") { ... on HomePage { labName profileName about
  heroImage { srcSet(sizes: [640, 1280]) alt }
  recentWork { ... on RecentWorkBlock { label text projects { title url } } }
  featuredResearchAreas { title url image { srcSet(sizes: [480]) alt } }
  honors { title date datePrecision recipients { name url } project { title } }
  competitionAwards { place contest year project { title } team { name } }
  industryPartners { name products }
  openSourceProjects { shortName githubStars githubUrl } } } }"""

PROJECTS = """query { projects(perPage: 20) { items { shortName title url githubStars links { kind url }
  publications { title url } researchAreas { slug } } pagination { total } } }"""
# A project's JSON-LD lists its public publications (subjectOf) and its links (sameAs).
PROJECTS_JSON_LD = """query { projects(perPage: 20) { items { shortName seo { title jsonLd } } } }"""

PUBLICATIONS = """query { publications(perPage: 20) { items { title url venueShort authors { name person { url } }
  projects { shortName } citationBibtex } pagination { total } } }"""


def build_site(site_tree, count):
    image = ImageFactory()
    areas = [ResearchAreaPageFactory(parent=site_tree["research"], image=image) for _ in range(3)]
    home = site_tree["home"]
    projects_index = ProjectIndexPageFactory(parent=home)
    person = PersonPageFactory(parent=PeopleIndexPageFactory(parent=home), title="Ji Lin", slug="ji-lin")
    publications_index = PublicationIndexPageFactory(parent=home)
    projects = []
    for number in range(count):
        project = ProjectPageFactory(
            parent=projects_index, title=f"P{number}", slug=f"p{number}", short_name=f"P{number}", github_stars=5000
        )
        project.links.add(ProjectLink(kind="code", url="https://github.com/mit-han-lab/x"))
        project.research_areas.add(areas[0])
        project.save()
        add_paper(publications_index, project, person)
        projects.append(project)
        post = BlogPostPageFactory(
            parent=site_tree["blog"], hero_image=image, tag_names=["a", "b"], body=every_block_body(image)
        )
        post.research_areas.add(*areas[:2])
        post.projects.add(project)
        post.save()
        item = NewsPageFactory(parent=site_tree["news"], kind="paper", venue="MLSys 2024")
        item.projects.add(project)
        item.research_areas.add(areas[1])
        item.save()
        honor = HonorFactory(key=f"h{number}", title=f"Award {number}", date="2024-01-01", project=project)
        honor.recipients.add(person)
        IndustryPartnerFactory(name=f"Partner {number}", sort_order=number)
    home.hero_image = image
    home.body = every_block_body(image)
    home.recent_work = [
        {"type": "theme", "value": {"label": "LLMs", "text": "<p>x</p>", "projects": [p.pk for p in projects]}}
    ]
    for area in areas:
        home.featured_research_areas.add(HomeFeaturedResearchArea(research_area=area))
    home.save()


def add_paper(index, project, person):
    """The project's paper: a publication linked to it, by a lab member and a typed name."""
    PublicationPageFactory(
        parent=index, title=f"{project.title}: a paper", slug=f"{project.slug}-paper", projects=[project],
        authors=[PublicationAuthor(person=person), PublicationAuthor(name="A Guest")],
    )  # fmt: skip


def count_queries(graphql, document, variables=None):
    """SQL queries of one request, past the response cache (which would answer the second request without any)."""
    with override_settings(GRAPHQL_CACHE={**settings.GRAPHQL_CACHE, "TIMEOUT": 0}):
        graphql.query(document, variables)  # the first request makes the image renditions
        with CaptureQueriesContext(connection) as queries:
            graphql.query(document, variables)
    return len(queries)


# Budgets as measured past the response cache (before, the second request was answered from it: 0 queries).
CASES = {
    "blog listing of 20 (frontend)": (lambda: frontend_operation("BlogPostList"), {"perPage": 20}, 10),
    "news listing of 20 (frontend)": (lambda: frontend_operation("NewsItemList"), {"perPage": 20}, 8),
    "news listing with projects": (lambda: NEWS_WITH_PROJECTS, None, 8),
    "home page (frontend)": (lambda: frontend_operation("HomePageData"), {"urlPath": "/"}, 24),
    "home page with the lab's sections": (lambda: HOME_SECTIONS, None, 21),
    "project listing of 20": (lambda: PROJECTS, None, 7),
    "project listing of 20 with JSON-LD": (lambda: PROJECTS_JSON_LD, None, 10),
    "publication listing of 20": (lambda: PUBLICATIONS, None, 8),
    "research areas (frontend)": (lambda: frontend_operation("ResearchAreas"), {}, 7),
}


def test_queries_do_not_grow_with_items(graphql, site_tree):
    """One site built up in two steps: every query is counted at 5 items, then at 50."""
    build_site(site_tree, 5)
    at_5 = {case: count_queries(graphql, document(), variables) for case, (document, variables, _) in CASES.items()}
    build_site_more(site_tree, 45)
    at_50 = {case: count_queries(graphql, document(), variables) for case, (document, variables, _) in CASES.items()}
    # PostgreSQL runs one more per request: graphql_api.middleware.StatementTimeoutMiddleware's set_config.
    setup = 1 if connection.vendor == "postgresql" else 0
    report = {case: (at_5[case], at_50[case], budget + setup) for case, (_, _, budget) in CASES.items()}
    assert at_5 == at_50, f"(5 items, 50 items, budget) per query: {report}"
    assert all(at_50[case] <= budget + setup for case, (_, _, budget) in CASES.items()), report


def build_site_more(site_tree, count):
    """45 more of everything, under the indexes build_site made."""
    image = ImageFactory()
    projects_index = ProjectIndexPage.objects.get()
    person = PersonPage.objects.get()
    area = site_tree["research"].get_children().first().specific
    publications_index = PublicationIndexPage.objects.get()
    start = ProjectPage.objects.count()
    for number in range(start, start + count):
        project = ProjectPageFactory(
            parent=projects_index, title=f"P{number}", slug=f"p{number}", short_name=f"P{number}", github_stars=5000
        )
        project.links.add(ProjectLink(kind="code", url="https://github.com/mit-han-lab/x"))
        project.research_areas.add(area)
        project.save()
        add_paper(publications_index, project, person)
        post = BlogPostPageFactory(
            parent=site_tree["blog"], hero_image=image, tag_names=["c"], body=every_block_body(image)
        )
        post.research_areas.add(area)
        post.projects.add(project)
        post.save()
        item = NewsPageFactory(parent=site_tree["news"], kind="award")
        item.projects.add(project)
        item.save()
        honor = HonorFactory(key=f"h{number}", title=f"Award {number}", date="2023-01-01", project=project)
        honor.recipients.add(person)
        IndustryPartnerFactory(name=f"Partner {number}", sort_order=number)
