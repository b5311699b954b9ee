"""The reference frontend's publications page and publication page, in Chromium."""

import pytest

from .seed import PUBLICATION_TITLE
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
