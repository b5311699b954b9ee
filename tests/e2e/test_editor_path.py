"""An editor's path through the CMS and the reference frontend, in Debian's Chromium (issue 4, part 3).

One ordered flow: each test is a step and builds on the ones before it (a failed step skips the rest). Every step
saves screenshots to test-artifacts/e2e/NN-name.png. The CMS and the frontend are started by the fixtures in
conftest.py on free ports of 127.0.0.1; the browser reaches nothing else.

The news item of step 7 is scheduled right after logging in, with a go-live time about a minute ahead (the admin's
schedule has minute precision): the blog post's steps run while that time passes, and the last step then shows
that the item stays off the site until `publish_scheduled` runs.
"""

import datetime
import re
import zoneinfo

import pytest

from . import admin
from .admin import load_until
from .conftest import ARTIFACTS, frontend_console_errors
from .servers import TIME_ZONE

pytestmark = pytest.mark.e2e

TITLE = "E2E post with every block"
REVISED_TITLE = "E2E post with every block (revised draft)"
NEWS_TITLE = "E2E scheduled news item"
IMAGES = ("E2E figure alpha", "E2E figure beta")  # made by tests/e2e/seed.py
YOUTUBE_ID = "3dYLj9vjfA0"

PAGE_BY_PATH = "query($path: String) { page(urlPath: $path, inSite: true) { title } }"


class Flow:
    """State shared by the steps: the servers, the editor's browser (an admin tab and a site tab), what was made."""

    def __init__(self, cms, frontend, new_context, credentials):
        self.cms = cms
        self.frontend = frontend
        self.new_context = new_context
        self.credentials = credentials
        context = new_context()
        self._admin = context.new_page()
        self._site = context.new_page()
        self._reviewer = None
        self.post_id = None
        self.slug = None
        self.news_id = None
        self.news_go_live = None
        self.preview_link = None

    # The editor's two tabs, and the reviewer's page. A tab in the background gets no animation frames, which
    # stalls the admin's transitions, so each is brought to the front when a step turns to it.

    @property
    def admin(self):
        self._admin.bring_to_front()
        return self._admin

    @property
    def site(self):
        self._site.bring_to_front()
        return self._site

    @property
    def reviewer(self):
        if self._reviewer is None:
            self._reviewer = self.new_context().new_page()
        self._reviewer.bring_to_front()
        return self._reviewer

    def shot(self, page, name, full_page=False):
        page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=full_page)

    def tall_shot(self, page, name, max_height=12_000):
        """The whole of a page that scrolls inside an element (the admin's editor): a viewport as tall as it."""
        size = page.viewport_size
        height = page.evaluate(
            "() => Math.max(...[...document.querySelectorAll('main, main *')].map(e => e.scrollHeight))"
        )
        page.set_viewport_size({"width": size["width"], "height": min(max(height, size["height"]), max_height)})
        try:
            page.wait_for_timeout(300)
            page.screenshot(path=ARTIFACTS / f"{name}.png")
        finally:
            page.set_viewport_size(size)

    def capture_failure(self, step):
        pages = {"admin": self._admin, "site": self._site, "reviewer": self._reviewer}
        for label, page in pages.items():
            if page is None or page.is_closed():
                continue
            try:
                page.screenshot(path=ARTIFACTS / f"failed-{step}-{label}.png", full_page=True)
                (ARTIFACTS / f"failed-{step}-{label}.html").write_text(page.content())
            except Exception:  # noqa: S112 (best effort: the failure itself is what gets reported)
                continue

    @property
    def public_path(self):
        return f"/blog/{self.slug}/"

    def admin_url(self, path):
        return f"{self.cms.url}/admin{path}"


@pytest.fixture(scope="module")
def flow(stack, new_context, admin_credentials):
    cms, frontend = stack
    return Flow(cms, frontend, new_context, admin_credentials)


def h1_is(page, title):
    return lambda response: response.status == 200 and page.locator("h1").first.inner_text().strip() == title


def text_of(page, selector):
    return page.locator(selector).first.inner_text().strip()


def test_01_editor_logs_in_to_the_admin(flow):
    username, password = flow.credentials
    admin.log_in(flow.admin, flow.cms.url, username, password)
    assert flow.admin.url.rstrip("/") == flow.admin_url("")
    assert flow.admin.get_by_role("link", name="Pages").first.is_visible()
    flow.shot(flow.admin, "01-admin-dashboard")


def test_02_editor_schedules_a_news_item(flow):
    """Step 7, first half: a news item set to go live at the next whole minute at least 25 s ahead."""
    page = flow.admin
    admin.start_news_item(page, flow.cms.url, flow.cms.site["news"], NEWS_TITLE)

    now = datetime.datetime.now(zoneinfo.ZoneInfo(TIME_ZONE))
    go_live = (now + datetime.timedelta(seconds=85)).replace(second=0, microsecond=0)
    admin.schedule_go_live(page, go_live)
    flow.shot(page, "02-news-item-scheduled-draft")
    news_id = admin.page_id_from_url(page.url)

    assert admin.publish(page) == "Schedule to publish"
    messages = page.locator(".messages").inner_text().lower()
    assert "scheduled" in messages, messages
    flow.news_go_live = go_live
    flow.news_id = news_id
    flow.shot(page, "03-news-item-scheduled")

    response = load_until(flow.site, f"{flow.frontend.url}/news/", lambda response: response.status == 200)
    assert response.status == 200
    assert NEWS_TITLE not in flow.site.locator("main").inner_text()


def test_03_editor_creates_a_blog_post_with_every_block(flow):
    page = flow.admin
    admin.start_blog_post(page, flow.cms.url, flow.cms.site["blog"], TITLE, "E2E summary: one block of every type.")

    i = admin.insert_block(page, "Heading")
    page.fill(f"#body-{i}-value-text", "E2E section heading")
    page.select_option(f"#body-{i}-value-level", "h2")

    i = admin.insert_block(page, "Paragraph")
    admin.type_rich_text(page, f"body-{i}-value", "E2E paragraph about activation-aware quantization.")

    i = admin.insert_block(page, "Image")
    admin.choose_image(page, f"body-{i}-value-image", IMAGES[0])
    page.fill(f"#body-{i}-value-alt_text", "E2E figure alt text")
    page.fill(f"#body-{i}-value-caption", "E2E figure caption")
    page.fill(f"#body-{i}-value-credit", "E2E credit")

    i = admin.insert_block(page, "Code")
    page.select_option(f"#body-{i}-value-language", "python")
    page.fill(f"#body-{i}-value-filename", "e2e_quantize.py")
    page.fill(f"#body-{i}-value-code", "print('e2e code block')")

    i = admin.insert_block(page, "Equation")
    page.fill(f"#body-{i}-value-latex", r"E = mc^2")

    i = admin.insert_block(page, "Embed")
    page.fill(f"#body-{i}-value-url", f"https://www.youtube.com/watch?v={YOUTUBE_ID}")
    page.fill(f"#body-{i}-value-caption", "E2E embed caption")

    i = admin.insert_block(page, "Quote")
    page.fill(f"#body-{i}-value-text", "E2E quotation: small is fast.")
    page.fill(f"#body-{i}-value-attribution", "E2E Lab")

    i = admin.insert_block(page, "Callout")
    page.select_option(f"#body-{i}-value-kind", "warning")
    admin.type_rich_text(page, f"body-{i}-value-text", "E2E callout text")

    i = admin.insert_block(page, "Table")
    page.fill(f"#body-{i}-value-caption", "E2E table caption")
    admin.fill_table(page, f"body-{i}-value-table", [["Model", "Speed-up"], ["E2E-7B", "3.2x"]])

    i = admin.insert_block(page, "Link buttons")
    page.select_option(f"#body-{i}-value-buttons-0-value-kind", "paper")
    page.fill(f"#body-{i}-value-buttons-0-value-url", "https://example.org/e2e-paper")
    page.fill(f"#body-{i}-value-buttons-0-value-label", "E2E paper")

    i = admin.insert_block(page, "Figure gallery")
    second = admin.add_list_item(page, f"body-{i}-value", "images")
    for item, (image, alt) in enumerate(zip(IMAGES, ("E2E gallery first", "E2E gallery second"), strict=True)):
        admin.choose_image(page, f"body-{i}-value-images-{item}-value-image", image)
        page.fill(f"#body-{i}-value-images-{item}-value-alt_text", alt)
    assert second == 1
    page.fill(f"#body-{i}-value-caption", "E2E gallery caption")

    assert page.locator('input[name="body-count"]').input_value() == "11"
    flow.tall_shot(page, "04-blog-post-editor-every-block")

    admin.save_draft(page)
    assert re.search(r"/admin/pages/\d+/edit/$", page.url), page.url
    flow.post_id = admin.page_id_from_url(page.url)
    flow.slug = page.input_value("#id_slug")
    assert flow.slug == "e2e-post-with-every-block"
    assert TITLE in page.locator(".messages").inner_text()
    flow.shot(page, "05-blog-post-draft-saved")


def assert_every_block(page):
    """The frontend's rendering of the post's eleven blocks, each by what the editor typed."""
    article = page.locator("article")
    assert text_of(article, "h2.block-heading") == "E2E section heading"
    assert "E2E paragraph about activation-aware quantization." in text_of(article, ".stream-field > .rich-text")

    figure = article.locator("figure.block-figure")
    assert "E2E figure caption" in figure.inner_text()
    image = figure.locator('img[alt="E2E figure alt text"]')
    image.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())

    code = text_of(article, "figure.block-code")
    assert "print('e2e code block')" in code and "e2e_quantize.py" in code
    # MathML, whether the CMS sent it or KaTeX made it from the LaTeX.
    math = article.locator(".block-equation math")
    assert math.count() == 1
    assert "E=mc2" in re.sub(r"\s", "", math.text_content())

    embed = article.locator("figure.block-embed")
    assert embed.locator("iframe").get_attribute("src") == f"https://www.youtube-nocookie.com/embed/{YOUTUBE_ID}"
    assert "E2E embed caption" in embed.inner_text()

    quote = text_of(article, "figure.block-quote")
    assert "E2E quotation: small is fast." in quote and "E2E Lab" in quote
    callout = article.locator("aside.block-callout.callout-warning")
    assert "E2E callout text" in callout.inner_text()

    table = article.locator("figure.block-table")
    assert "E2E table caption" in table.inner_text()
    assert [text.strip() for text in table.locator("thead th").all_inner_texts()][:2] == ["Model", "Speed-up"]
    assert "3.2x" in table.locator("tbody").inner_text()

    button = article.locator('.block-link-buttons a[href="https://example.org/e2e-paper"]')
    assert button.inner_text().strip() == "E2E paper"

    gallery = article.locator("figure.block-gallery")
    assert gallery.locator("img").count() == 2
    assert gallery.locator('img[alt="E2E gallery first"]').count() == 1
    assert gallery.locator('img[alt="E2E gallery second"]').count() == 1
    assert "E2E gallery caption" in gallery.inner_text()


def test_04_the_admin_preview_shows_the_draft_on_the_frontend(flow):
    preview_url = admin.frontend_preview_url(flow.admin, flow.frontend.url)
    assert "content_type=blog.blogpostpage" in preview_url and "token=" in preview_url
    flow.admin.wait_for_timeout(1500)  # let the panel's frame paint for the screenshot
    flow.shot(flow.admin, "06-admin-live-preview-panel")

    response = flow.site.goto(preview_url)
    assert response.status == 200
    assert re.search(r"/preview/\?", flow.site.url), flow.site.url  # /api/preview redirected to /preview/
    assert flow.site.locator(".preview-banner strong").text_content() == "Preview"
    assert text_of(flow.site, "h1") == TITLE
    assert_every_block(flow.site)
    flow.shot(flow.site, "07-frontend-preview-of-draft", full_page=True)


def test_05_the_draft_is_not_public(flow):
    payload = flow.cms.graphql(PAGE_BY_PATH, {"path": flow.public_path})
    assert payload == {"data": {"page": None}}, payload
    response = flow.site.goto(f"{flow.frontend.url}{flow.public_path}")
    assert response.status == 404
    assert TITLE not in flow.site.content()
    flow.shot(flow.site, "08-public-url-of-draft-is-404")


def test_06_publishing_puts_the_post_on_the_site(flow):
    flow.admin.goto(flow.admin_url(f"/pages/{flow.post_id}/edit/"))
    assert admin.publish(flow.admin) == "Publish"
    assert "published" in flow.admin.locator(".messages").inner_text().lower()
    flow.shot(flow.admin, "09-admin-post-published")

    payload = flow.cms.graphql(PAGE_BY_PATH, {"path": flow.public_path})
    assert payload == {"data": {"page": {"title": TITLE}}}, payload

    index = f"{flow.frontend.url}/blog/"
    card = flow.site.locator(f'.post-list a[href="{flow.public_path}"]')
    load_until(flow.site, index, lambda response: response.status == 200 and card.count() > 0, what="the new post")
    assert TITLE in flow.site.locator(".post-list").inner_text()
    flow.shot(flow.site, "10-blog-index-lists-the-post", full_page=True)

    load_until(flow.site, f"{flow.frontend.url}{flow.public_path}", h1_is(flow.site, TITLE), what=TITLE)
    assert flow.site.locator(".preview-banner").count() == 0
    assert_every_block(flow.site)
    flow.shot(flow.site, "11-published-post", full_page=True)
    errors = frontend_console_errors(flow.site, flow.frontend.url)
    flow.site.reload(wait_until="networkidle")
    assert errors == [], "the post with every block logged errors (hydration, keys, nesting ...)"
    # Metadata is in the document's <head> as sent, not streamed into it after the body by a pending boundary
    # (whose reveal script raced hydration under load: React error #418 on this page, 4 reloads in 50).
    html = flow.site.request.get(f"{flow.frontend.url}{flow.public_path}").text()
    assert "<!--$?-->" not in html
    assert html.index("<title>") < html.index("</head>")


def test_07_a_new_draft_of_a_live_post_shows_only_in_preview(flow):
    page = flow.admin
    page.goto(flow.admin_url(f"/pages/{flow.post_id}/edit/"))
    page.fill("#id_title", REVISED_TITLE)
    admin.save_draft(page)
    assert page.input_value("#id_slug") == flow.slug  # a live page keeps its URL

    public = f"{flow.frontend.url}{flow.public_path}"
    response = flow.site.goto(public)
    assert response.status == 200
    assert text_of(flow.site, "h1") == TITLE
    # Past the frontend's 1 s cache, a fresh answer from the API still has the live title.
    flow.site.wait_for_timeout(1500)
    load_until(flow.site, public, h1_is(flow.site, TITLE), what=TITLE)
    load_until(flow.site, public, h1_is(flow.site, TITLE), what=TITLE)
    flow.shot(flow.site, "12-public-page-keeps-live-title")

    preview_url = admin.frontend_preview_url(page, flow.frontend.url)
    flow.site.goto(preview_url)
    assert text_of(flow.site, "h1") == REVISED_TITLE
    flow.shot(flow.site, "13-fresh-preview-shows-draft-title")


def test_08_a_shareable_preview_link_shows_the_draft_until_revoked_or_expired(flow):
    page = flow.admin
    page.goto(flow.admin_url(f"/pages/{flow.post_id}/edit/"))
    admin.open_header_action(page, "share-preview")
    assert page.url.endswith(f"/admin/preview-links/{flow.post_id}/"), page.url
    with page.expect_navigation():
        page.click("[data-testid=create-preview-link]")
    row = page.locator("[data-testid=preview-link-row]").first
    link = row.locator("[data-testid=preview-link-url]").inner_text().strip()
    assert link.startswith(f"{flow.frontend.url}/preview-link/"), link
    flow.shot(page, "14-admin-share-preview-link-created")

    # A reviewer: a fresh browser context, never logged in to the admin.
    response = flow.reviewer.goto(link)
    assert response.status == 200
    assert flow.reviewer.locator(".preview-banner strong").text_content() == "Preview"
    assert text_of(flow.reviewer, "h1") == REVISED_TITLE
    assert text_of(flow.reviewer, "h2.block-heading") == "E2E section heading"
    assert flow.reviewer.locator('meta[name="robots"]').get_attribute("content") == "noindex, nofollow"
    flow.shot(flow.reviewer, "15-reviewer-opens-preview-link", full_page=True)

    with page.expect_navigation():
        row.locator("[data-testid=revoke-preview-link]").click()
    assert "revoked" in page.locator("[data-testid=preview-link-row]").first.inner_text()
    flow.shot(page, "16-admin-preview-link-revoked")

    flow.reviewer.goto(link)
    refused = text_of(flow.reviewer, "[role=alert]")
    assert "This preview link was revoked by an editor." in refused
    assert REVISED_TITLE not in flow.reviewer.content()
    flow.shot(flow.reviewer, "17-reviewer-revoked-link-refused")

    key = flow.cms.shell(
        "import datetime; from django.utils import timezone; from previews.models import PreviewLink; "
        f"link = PreviewLink.objects.create(page_id={flow.post_id}, "
        "expires_at=timezone.now() - datetime.timedelta(minutes=1)); print(link.key)"
    )
    flow.reviewer.goto(f"{flow.frontend.url}/preview-link/{key}/")
    assert "This preview link has expired: ask an editor for a new one." in text_of(flow.reviewer, "[role=alert]")
    assert REVISED_TITLE not in flow.reviewer.content()
    flow.shot(flow.reviewer, "18-reviewer-expired-link-refused")

    flow.reviewer.goto(f"{flow.frontend.url}/preview-link/{'x' * 43}/")
    assert "This preview link is not valid." in text_of(flow.reviewer, "[role=alert]")


def test_09_the_scheduled_news_item_goes_live_only_with_publish_scheduled(flow):
    """Step 7, second half: past its go-live time the item is still off the site until the command runs."""
    news = f"{flow.frontend.url}/news/"
    wait = (flow.news_go_live - datetime.datetime.now(zoneinfo.ZoneInfo(TIME_ZONE))).total_seconds() + 2
    assert wait < 120, f"the go-live time is {wait:.0f} s away"
    if wait > 0:
        flow.site.wait_for_timeout(wait * 1000)

    load_until(flow.site, news, lambda response: response.status == 200)
    flow.site.wait_for_timeout(1200)
    load_until(flow.site, news, lambda response: response.status == 200)
    assert NEWS_TITLE not in flow.site.locator("main").inner_text()
    flow.shot(flow.site, "19-news-index-past-go-live-before-publish-scheduled", full_page=True)

    flow.cms.manage("publish_scheduled", log_name="publish_scheduled.log")

    item = flow.site.get_by_text(NEWS_TITLE)
    load_until(flow.site, news, lambda response: response.status == 200 and item.count() > 0, what=NEWS_TITLE)
    flow.shot(flow.site, "20-news-index-after-publish-scheduled", full_page=True)
