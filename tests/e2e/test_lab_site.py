"""The lab's site as a visitor sees it, on the lab's own dataset, in Debian's Chromium (issue 14).

A CMS of its own (a fresh SQLite database with `import_content content/lab`, then the sample posts of content/demo
with `--samples`) and a second `next start` of the frontend the session's `stack` fixture built. The home page shows
every section of the lab's homepage in the captures' order, each checked by its heading and one fact the captures
state; the talks, teaching and research-area pages are checked the same way. Each page is screenshot in full into
test-artifacts/e2e/ and checked with axe-core (the copy bundled by axe-playwright-python): no serious or critical
violation.
"""

import pytest

from .conftest import ARTIFACTS, frontend_console_errors
from .servers import CMS, ServerError, servers_on_free_ports

pytestmark = pytest.mark.e2e

# (heading, a fact from the captures shown in that section), in the order of the lab's homepage.
HOME_SECTIONS = [
    ("Song Han", "Associate Professor, MIT EECS"),
    ("Recent work", "StreamingLLM enables LLMs to generate infinite-length texts"),
    ("Research interests", "Model Compression and TinyML"),
    ("Teaching", "The course will not be offered in Fall 2025 because Prof. Han is on sabbatical."),
    ("Industry impact", "Trailer Backup Assist"),
    ("Open source projects with over 1K GitHub stars", "star counts have not been fetched yet"),
    ("Honors and awards", "2020 NSF CAREER Award"),
    ("Student and team awards", "2023 Rising Stars in Data Science"),
    ("Competition awards", "ACM/IEEE TinyML Design Contest"),
    ("News", "SANA-Video is a fast, efficient diffusion model"),
    ("Contact", "FirstnameLastname [at] mit [dot] edu"),
]
SERIOUS = {"serious", "critical"}


class LabCMS(CMS):
    """The CMS with the lab's dataset and the sample posts, instead of the editor's path's minimal seed."""

    def prepare(self):
        self.manage("migrate", "--noinput", timeout=240, log_name="migrate.log")
        self.manage("import_content", "content/lab", timeout=300, log_name="import.log")
        self.manage("import_content", "content/demo", "--samples", timeout=120, log_name="import-demo.log")


@pytest.fixture(scope="module")
def lab_site(stack, tmp_path_factory):
    """The lab's CMS and a frontend server on it, from the build the editor's path uses."""
    built = stack[1]
    workdir = tmp_path_factory.mktemp("e2e-lab")
    cms, frontend = servers_on_free_ports(workdir, LabCMS)
    frontend.build_dir = built.build_dir
    try:
        cms.prepare()
        cms.start()
        frontend.start()
    except ServerError as error:
        frontend.stop()
        cms.stop()
        pytest.fail(f"the lab's e2e servers did not start: {error}", pytrace=False)
    yield frontend
    frontend.stop()
    cms.stop()


@pytest.fixture(scope="module")
def visitor(lab_site, new_context):
    page = new_context().new_page()
    page.set_viewport_size({"width": 1440, "height": 900})
    return page


def serious_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} - "
        + "; ".join(
            node["target"][0] if isinstance(node["target"][0], str) else str(node["target"])
            for node in violation["nodes"][:3]
        )
        for violation in results.response["violations"]
        if violation["impact"] in SERIOUS
    ]


def visit(page, url, name):
    response = page.goto(url)
    assert response.status == 200, url
    page.screenshot(path=str(ARTIFACTS / f"lab-{name}.png"), full_page=True)
    assert serious_violations(page) == []


def test_the_home_page_shows_every_section_of_the_lab_in_order(lab_site, visitor):
    visit(visitor, f"{lab_site.url}/", "home")
    headings = visitor.locator("main h2").all_inner_texts()
    positions = []
    for heading, fact in HOME_SECTIONS:
        assert heading in headings, (heading, headings)
        positions.append(headings.index(heading))
        section = visitor.locator("main section").filter(has=visitor.get_by_role("heading", name=heading, exact=True))
        assert fact.lower() in section.first.inner_text().lower(), (heading, fact)
    assert positions == sorted(positions), "the sections are not in the captures' order"
    news = visitor.locator("section").filter(has=visitor.get_by_role("heading", name="News", exact=True)).first
    assert news.locator("time[datetime='2026-10-01']").count() == 1  # a full date from the 2026 capture
    assert visitor.locator("link[rel='icon']").count() >= 1
    assert visitor.locator("link[rel='alternate'][type='application/rss+xml']").count() == 2
    assert visitor.get_by_role("link", name="Sitemap").count() == 1


def test_month_dates_are_shown_as_months(lab_site, visitor):
    visit(visitor, f"{lab_site.url}/news/?year=2023", "news-2023")
    item = visitor.locator("li.news-item").filter(has_text="main branch")
    assert item.locator("time").first.inner_text() == "December 2023"


def test_the_talks_page_lists_talks_with_their_event(lab_site, visitor):
    visit(visitor, f"{lab_site.url}/talks/", "talks")
    assert visitor.get_by_role("heading", name="Talks", level=1).is_visible()
    talk = visitor.locator("li.talk").filter(has_text="Efficient 3D Perception for Autonomous Vehicles")
    assert "CVPR Workshop on Efficient Computer Vision" in talk.inner_text()
    assert talk.locator("time").inner_text() == "June 1, 2023"  # the one talk the 2026 capture dates to the day
    month_only = visitor.locator("li.talk").filter(has_text="Quantization for Foundation Models")
    assert month_only.locator("time").inner_text() == "October 2023"


def test_the_teaching_page_shows_the_course(lab_site, visitor):
    visit(visitor, f"{lab_site.url}/teaching/", "teaching")
    card = visitor.locator(".course-card")
    assert "6.5940 TinyML and Efficient Deep Learning Computing" in card.inner_text()
    assert "34-101" in card.inner_text()


def test_a_research_area_lists_its_projects_and_posts(lab_site, visitor):
    visit(visitor, f"{lab_site.url}/research/efficient-generative-ai/", "research-area")
    assert visitor.get_by_role("heading", name="Efficient Generative AI", level=1).count() == 1
    projects = visitor.locator("section").filter(has=visitor.get_by_role("heading", name="Projects", exact=True))
    assert "StreamingLLM" in projects.first.inner_text()
    posts = visitor.locator("section").filter(has=visitor.get_by_role("heading", name="Blog posts", exact=True))
    assert posts.first.locator(".post-card").count() >= 1


def test_sample_posts_are_marked_as_samples(lab_site, visitor):
    visit(visitor, f"{lab_site.url}/blog/", "blog")
    sample = visitor.locator(".post-card").filter(has_text="Sample post: equations, images and a gallery")
    assert sample.locator(".badge-sample").count() == 1
    lab_post = visitor.locator(".post-card").filter(has_text="Statistics behind Block Sparse Attention")
    assert lab_post.locator(".badge-sample").count() == 0


def test_people_whose_role_is_not_stated_are_not_shown_as_members(lab_site, visitor):
    visit(visitor, f"{lab_site.url}/team/", "team")
    others = visitor.locator("section").filter(has=visitor.get_by_role("heading", name="Also named by the lab"))
    assert "Ligeng Zhu" in others.first.inner_text() and "Yujun Lin" in others.first.inner_text()
    assert visitor.get_by_role("heading", name="Current members").count() == 1  # Song Han
    current = visitor.locator("section").filter(has=visitor.get_by_role("heading", name="Current members"))
    assert "Ligeng Zhu" not in current.first.inner_text()


@pytest.mark.parametrize(
    "path",
    ["/blog/statistics-behind-block-sparse-attention/", "/blog/sample-tables-embeds-code-and-buttons/"],
    ids=["lab post", "sample post with tables, embeds, code and buttons"],
)
def test_a_blog_post_page_logs_no_errors(lab_site, visitor, path):
    errors = frontend_console_errors(visitor, lab_site.url)
    response = visitor.goto(f"{lab_site.url}{path}")
    assert response.status == 200
    visitor.wait_for_load_state("networkidle")
    assert errors == []
