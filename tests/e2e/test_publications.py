"""The reference frontend's publications, in Chromium: the publications page and a publication page, a project's
publications (a project holds no paper of its own), a person's positions and authored papers, an alumna's placement,
and a paper news item's link to its publication."""

import pytest

from .seed import EARLIER_PUBLICATION_TITLE, PAPER_NEWS_TITLE, PUBLICATION_TITLE
from .test_editor_path import load_until

pytestmark = pytest.mark.e2e


def test_publications_page_and_publication_page(stack, new_context, artifacts):
    _, frontend = stack
    page = new_context().new_page()
    load_until(page, f"{frontend.url}/publications/?year=2025", lambda r: r.status == 200, what="the list")
    item = page.locator(".publication-list li").first
    assert item.locator(".publication-title").inner_text().strip() == PUBLICATION_TITLE
    assert item.locator(".venue-badge").inner_text().strip() == "NeurIPS 2025"
    assert item.locator(".lab-member").inner_text().strip() == "Ada Member"  # the lab's member, highlighted
    assert "Outside Author" in item.locator(".byline").inner_text()
    assert item.locator("a.button", has_text="Code").get_attribute("href") == "https://github.com/example/e2e"
    item.locator("summary", has_text="Cite").click()
    assert "@inproceedings{" in item.locator("pre.bibtex").inner_text()
    page.screenshot(path=str(artifacts / "publications.png"), full_page=True)

    item.locator(".publication-title a").click()
    page.wait_for_url(f"{frontend.url}/publications/e2e-paper/")
    assert page.locator("h1").first.inner_text().strip() == PUBLICATION_TITLE
    assert page.locator("#cite").is_visible()
    assert "APA:" in page.locator("section.citation").inner_text()
    assert page.locator('meta[name="citation_doi"]').get_attribute("content") == "10.5555/e2e.1"
    assert "ScholarlyArticle" in page.locator('script[type="application/ld+json"]').first.inner_text()


def section(page, heading):
    return page.locator("section").filter(has=page.get_by_role("heading", name=heading, exact=True)).first


def test_a_project_lists_its_publications_newest_first_and_its_card_shows_the_newest_venue(stack, new_context):
    _, frontend = stack
    page = new_context().new_page()
    load_until(page, f"{frontend.url}/projects/", lambda r: r.status == 200, what="the project list")
    card = page.locator(".project-card").filter(has_text="E2EA")
    assert card.locator(".badge-venue").inner_text().strip() == "NeurIPS 2025"
    assert PUBLICATION_TITLE not in card.inner_text()  # the project's own title says what it is

    card.get_by_role("link", name="E2EA").click()
    page.wait_for_url(f"{frontend.url}/projects/e2e-attention/")
    titles = section(page, "Publications").locator(".publication-title").all_inner_texts()
    assert [title.strip() for title in titles] == [PUBLICATION_TITLE, EARLIER_PUBLICATION_TITLE]
    assert page.locator("pre.bibtex").count() == 2  # "Cite" is each publication's, none is the project's own
    assert "ResearchProject" in page.locator('script[type="application/ld+json"]').first.inner_text()
    assert page.locator('meta[name^="citation_"]').count() == 0


def test_people_show_their_positions_placement_and_publications(stack, new_context):
    _, frontend = stack
    page = new_context().new_page()
    load_until(page, f"{frontend.url}/team/", lambda r: r.status == 200, what="the team page")
    alumni = section(page, "Alumni")
    assert "Bea Alumna" in alumni.inner_text()
    assert "Now: assistant professor at Example University" in alumni.inner_text()

    page.goto(f"{frontend.url}/team/bea-alumna/")
    positions = [text.strip() for text in section(page, "Positions").locator("li").all_inner_texts()]
    assert positions == [
        "PhD student (2019\u20132024) · advisor Ada Member",  # an en dash between the years
        "assistant professor, Example University (2024\u2013)",
    ]
    assert "Now: assistant professor at Example University" in page.locator(".placement").inner_text()
    authored = section(page, "Publications").locator(".publication-title").all_inner_texts()
    assert [title.strip() for title in authored] == [EARLIER_PUBLICATION_TITLE]

    section(page, "Positions").get_by_role("link", name="Ada Member").click()
    page.wait_for_url(f"{frontend.url}/team/ada-member/")
    authored = section(page, "Publications").locator(".publication-title").all_inner_texts()
    assert [title.strip() for title in authored] == [PUBLICATION_TITLE, EARLIER_PUBLICATION_TITLE]


def test_a_paper_news_item_links_to_its_publication(stack, new_context):
    _, frontend = stack
    page = new_context().new_page()
    load_until(page, f"{frontend.url}/news/e2e-paper-news/", lambda r: r.status == 200, what=PAPER_NEWS_TITLE)
    related = page.locator("aside.related").filter(has_text="Publication:")
    assert related.locator(".venue-badge").inner_text().strip() == "NeurIPS 2025"
    related.get_by_role("link", name=PUBLICATION_TITLE).click()
    page.wait_for_url(f"{frontend.url}/publications/e2e-paper/")
    assert page.locator("h1").first.inner_text().strip() == PUBLICATION_TITLE
