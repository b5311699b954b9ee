import datetime

import pytest
from django.utils import timezone

from news.factories import NewsPageFactory
from people.factories import PeopleIndexPageFactory, PersonPageFactory
from publications.factories import PublicationIndexPageFactory, PublicationPageFactory
from research.factories import ProjectIndexPageFactory, ProjectPageFactory
from research.models import ProjectLink

PROJECTS = """query($minStars: Int, $hasCode: Boolean, $order: String) {
  projects(minStars: $minStars, hasCode: $hasCode, order: $order) { items { shortName } pagination { total } }
}"""


@pytest.fixture
def projects(site_tree):
    index = ProjectIndexPageFactory(parent=site_tree["home"])
    made = {}
    for short_name, stars, repo in [("AWQ", 3000, "mit-han-lab/llm-awq"), ("HAT", 300, ""), ("EIE", None, "")]:
        made[short_name] = ProjectPageFactory(
            parent=index, title=short_name, slug=short_name.lower(), short_name=short_name, github_stars=stars,
            github_repo=repo,
        )  # fmt: skip
    made["HAT"].links.add(ProjectLink(kind="code", url="https://github.com/mit-han-lab/hardware-aware-transformers"))
    made["HAT"].save()
    return made


def short_names(data):
    return [item["shortName"] for item in data["projects"]["items"]]


def test_projects_filter_by_stars_and_code(graphql, projects):
    assert short_names(graphql.query(PROJECTS)) == ["AWQ", "EIE", "HAT"]
    assert short_names(graphql.query(PROJECTS, {"minStars": 1000})) == ["AWQ"]
    assert short_names(graphql.query(PROJECTS, {"hasCode": True})) == ["AWQ", "HAT"]
    assert short_names(graphql.query(PROJECTS, {"hasCode": False})) == ["EIE"]
    assert graphql.errors(PROJECTS, {"order": "github_repo"})[0].startswith("`order` may not be 'github_repo'")


def test_home_open_source_listing_is_derived_from_stars(graphql, projects):
    data = graphql.query('{ page(urlPath: "/") { ... on HomePage { openSourceProjects { shortName githubStars } } } }')
    assert data["page"]["openSourceProjects"] == [{"shortName": "AWQ", "githubStars": 3000}]


def test_appears_at_or_to_appear_at_is_derived_from_the_dates(site_tree):
    today = timezone.localdate()
    past = NewsPageFactory(parent=site_tree["news"], kind="paper", venue="MLSys 2024", date=today)
    future = NewsPageFactory(
        parent=site_tree["news"], kind="paper", venue="ICLR 2099", date=today,
        venue_date=today + datetime.timedelta(days=90),
    )  # fmt: skip
    assert past.venue_phrase == "appears at"
    assert future.venue_phrase == "to appear at"


def test_display_labels_of_choices_resolve(graphql, projects, site_tree):
    team = PeopleIndexPageFactory(parent=site_tree["home"])
    PersonPageFactory(parent=team, title="Ji Lin", slug="ji-lin", role="phd", status="alumni")
    data = graphql.query(
        '{ page(urlPath: "/projects/hat/") { ... on ProjectPage { links { kind label } } } people { name roleLabel } }'
    )
    assert data["page"]["links"] == [{"kind": "code", "label": "Code"}]
    assert data["people"] == [{"name": "Ji Lin", "roleLabel": "PhD student"}]


def test_a_project_s_papers_are_its_public_publications(graphql, projects, site_tree):
    index = PublicationIndexPageFactory(parent=site_tree["home"])
    for slug, year, live in [("awq", 2024, True), ("tinychat", 2025, True), ("draft", 2026, False)]:
        PublicationPageFactory(parent=index, slug=slug, title=slug, year=year, live=live, projects=[projects["AWQ"]])
    data = graphql.query('{ page(urlPath: "/projects/awq/") { ... on ProjectPage { year publications { slug } } } }')
    assert data["page"]["publications"] == [{"slug": "tinychat"}, {"slug": "awq"}]  # newest first, drafts left out


@pytest.mark.parametrize(
    "field",
    ["authors { name }", "affiliations", "venue", "bibtex", "paperTitle", "doi", "citationBibtex", "citationCslJson",
     "scholarMeta { name }"],
)  # fmt: skip
def test_a_project_holds_no_paper_of_its_own(graphql, projects, field):
    errors = graphql.errors(
        '{ page(urlPath: "/projects/awq/") { ... on ProjectPage { FIELD } } }'.replace("FIELD", field)
    )
    assert f"Cannot query field '{field.split()[0]}' on type 'ProjectPage'" in errors[0]
