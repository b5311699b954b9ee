"""Driving the Wagtail 7.4 admin the way an editor does, with selectors taken from the admin's own markup.

StreamField blocks are inserted with the stream's own "Insert a block" buttons and the block picker (a combobox of
`role=option` items named by the blocks' labels); their fields are then found by the names Wagtail gives them,
`body-<n>-value-<field>`. Rich text is typed into Draftail's editor, tables into the Handsontable grid, and images
are picked in the image chooser modal.
"""

import datetime
import re
import time

PICKERS_CLOSED = "() => [...document.querySelectorAll('.w-combobox')].every(box => !box.checkVisibility())"
STREAM_ADD_BUTTON = "#{field}-root > [data-streamfield-stream-container] > div > button.c-sf-add-button"


def log_in(page, base_url, username, password):
    page.goto(f"{base_url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("form button[type=submit]")
    if page.url.rstrip("/").endswith("/admin/login"):
        raise AssertionError("The admin refused the e2e credentials.")


def add_child_page(page, base_url, parent_id, type_label):
    """The parent's "Add child page" header button; then the page type, unless the parent allows only one."""
    page.goto(f"{base_url}/admin/pages/{parent_id}/")
    with page.expect_navigation():
        page.get_by_role("link", name="Add child page").first.click()
    if "/add_subpage/" in page.url:
        with page.expect_navigation():
            page.get_by_role("link", name=type_label, exact=True).click()
    page.wait_for_selector("#id_title")


def start_blog_post(page, base_url, blog_id, title, summary):
    """The add form of a blog post under the blog index, with its title, today's date, an author and a summary."""
    add_child_page(page, base_url, blog_id, "Blog post")
    page.fill("#id_title", title)
    page.fill("#id_date", datetime.date.today().isoformat())
    page.fill("#id_authors-0-name", "E2E Author")
    close_date_pickers(page)
    page.fill("#id_summary", summary)


def start_news_item(page, base_url, news_id, title):
    """The add form of a news item under the news index, with its title and today's date."""
    add_child_page(page, base_url, news_id, "News item")
    page.fill("#id_title", title)
    page.fill("#id_date", datetime.date.today().isoformat())
    close_date_pickers(page)


def close_date_pickers(page, outside="header"):
    """Wagtail's date pickers open on focus and can cover the next button; a click outside them closes them.

    A picker that is still opening can miss the click, so it is repeated (a few times at most) until none shows.
    """
    pickers_hidden = "() => [...document.querySelectorAll('.xdsoft_datetimepicker')].every(p => !p.checkVisibility())"
    for _ in range(10):
        page.locator(outside).first.click(position={"x": 5, "y": 5})
        for _ in range(10):
            if page.evaluate(pickers_hidden):
                return
            page.wait_for_timeout(100)
    raise AssertionError("A date picker stayed open.")


def insert_block(page, label, field="body"):
    """Appends a block of the given label at the end of a StreamField; returns its index."""
    count_input = page.locator(f'input[name="{field}-count"]')
    index = int(count_input.input_value())
    page.locator(STREAM_ADD_BUTTON.format(field=field)).last.click()
    page.get_by_role("option", name=label, exact=True).filter(visible=True).click()
    page.locator(f'input[name="{field}-{index}-type"]').wait_for(state="attached")
    # The picker fades out; the next block's picker must not be confused with it.
    page.wait_for_function(PICKERS_CLOSED, polling=100)
    return index


def type_rich_text(page, hidden_input_id, text, delay=0):
    """Types into the Draftail editor that writes to the hidden input `hidden_input_id` (`delay` ms between keys:
    Draft.js on a busy machine can misplace keys typed faster than it renders)."""
    editor = page.locator(f"div[data-streamfield-widget]:has(> #{hidden_input_id}) [contenteditable=true]").first
    if not editor.count():
        editor = page.locator(f"div:has(> #{hidden_input_id}) [role=textbox][contenteditable=true]").first
    editor.click()
    page.keyboard.type(text, delay=delay)
    return editor


def choose_image(page, chooser_input_id, image_title):
    """Opens the image chooser of one field, picks the image by its title in the modal, waits for the choice."""
    page.locator(f"#{chooser_input_id}-chooser .unchosen button[data-chooser-action-choose]").click()
    modal = page.locator(".modal.in, .modal[aria-hidden=false]").last
    choice = modal.locator("a[data-chooser-modal-choice]", has=page.locator("h3", has_text=image_title)).first
    choice.wait_for()
    choice.click()
    page.wait_for_function(
        "id => document.getElementById(id).value !== '' && !document.querySelector('.modal.in')",
        arg=chooser_input_id,
        polling=100,
    )


def fill_table(page, prefix, rows, header_row=True):
    """Types `rows` into a TableBlock's Handsontable grid, one cell at a time."""
    if header_row:
        page.select_option(f"#{prefix}-table-header-choice", "row")
    grid = page.locator(f"#{prefix}-handsontable-container .ht_master table.htCore tbody")
    for row_index, row in enumerate(rows):
        for column_index, text in enumerate(row):
            cell = grid.locator("tr").nth(row_index).locator("td").nth(column_index)
            cell.click()
            page.keyboard.type(text)
            page.keyboard.press("Enter")
    page.wait_for_function(
        "([id, text]) => (document.getElementById(id).value || '').includes(text)",
        arg=[prefix, rows[-1][-1]],
        polling=100,
    )


def add_list_item(page, field_prefix, list_name):
    """Appends an item to a ListBlock inside a block; returns the new item's index."""
    count = page.locator(f'input[name="{field_prefix}-{list_name}-count"]')
    index = int(count.input_value())
    block = page.locator(f'[data-streamfield-child]:has(> input[name="{field_prefix.rsplit("-value", 1)[0]}-type"])')
    block.locator("button[data-streamfield-list-add]").last.click()
    page.locator(f'input[name="{field_prefix}-{list_name}-{index}-type"]').wait_for(state="attached")
    return index


def wait_for_autosave(page, quiet_ms=1500, timeout=20):
    """Waits until Wagtail's autosave has been idle for `quiet_ms`: saving while an autosave request is in flight
    races it (the add form would post a second page with the same slug). Bounded by `timeout` seconds."""
    indicator = "#w-autosave-indicator"
    if not page.locator(indicator).count():
        return
    deadline = time.monotonic() + timeout
    quiet_since = time.monotonic()
    while time.monotonic() < deadline:
        state = page.get_attribute(indicator, "data-w-autosave-state-value") or "idle"
        if state == "saving":
            quiet_since = time.monotonic()
        elif (time.monotonic() - quiet_since) * 1000 >= quiet_ms:
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"Wagtail's autosave did not settle within {timeout} s.")


def save_draft(page):
    wait_for_autosave(page)
    with page.expect_navigation():
        page.locator("footer button.action-save").first.click()
    expect_no_form_errors(page)


def publish(page):
    """The footer's "Publish" (or "Schedule to publish" when a go-live date is set) in the save dropdown."""
    wait_for_autosave(page)
    page.locator("footer .w-dropdown__toggle").first.click()
    button = page.locator("footer button[name=action-publish]")
    button.wait_for()
    label = button.inner_text().strip()
    with page.expect_navigation():
        button.click()
    expect_no_form_errors(page)
    return label


def schedule_go_live(page, go_live):
    """Sets the page's go-live time in the status panel's schedule dialog and saves the draft with it ("Publish"
    then reads "Schedule to publish"). The admin's schedule has minute precision."""
    page.click("[data-side-panel-toggle=status]")
    page.click('button[data-a11y-dialog-show="schedule-publishing-dialog"]')
    page.fill("#id_go_live_at", go_live.strftime("%Y-%m-%d %H:%M"))
    # The date picker covers "Save schedule" (and the dialog gives the field its focus back on any click), so the
    # button is used from the keyboard, as a keyboard user would.
    wait_for_autosave(page)
    page.focus("#schedule-publishing-dialog button.action-save")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect_no_form_errors(page)


def expect_no_form_errors(page):
    error = page.locator(".messages .error, .w-field__errors .error-message, .help-critical").first
    if error.count() and error.is_visible():
        raise AssertionError(f"The admin refused the form: {error.inner_text()}")


def page_id_from_url(url):
    match = re.search(r"/admin/pages/(\d+)/", url)
    if not match:
        raise AssertionError(f"Not a page's admin URL: {url}")
    return int(match.group(1))


def frontend_preview_url(page, frontend_url, timeout=20):
    """Opens the live preview side panel and returns the frontend URL the admin's preview page frames.

    wagtail-headless-preview (REDIRECT_ON_PREVIEW off) answers the admin's preview with a page holding an iframe
    whose src is <frontend>/api/preview/?content_type=...&token=...; that URL is read from the panel's frame.
    """
    toggle = page.locator("[data-side-panel-toggle=preview]")
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for frame in page.frames:
            if "/preview/" not in frame.url or not frame.url.startswith(page.url.split("/admin/")[0]):
                continue
            try:
                src = frame.evaluate("() => { const f = document.querySelector('iframe'); return f && f.src; }")
            except Exception:  # the panel swaps its frame while it refreshes; the next round reads the new one
                src = None
            if src and src.startswith(f"{frontend_url}/api/preview"):
                return src
        page.wait_for_timeout(200)
    raise AssertionError(f"The admin's preview panel showed no frontend preview within {timeout} s.")


def open_header_action(page, test_id):
    """A button of the page header's "Actions" (⋯) dropdown, e.g. the previews app's "Share preview"."""
    page.locator("#w-slim-header-buttons .w-dropdown__toggle").first.click()
    button = page.locator(f"[data-testid={test_id}]")
    button.wait_for()
    with page.expect_navigation():
        button.click()


def load_until(page, url, check, *, timeout=20, what="the expected content"):
    """Loads `url` until `check(response)` holds: public pages are cached by the frontend for a second, and a
    stale copy is answered once while the fresh one is fetched. Bounded by `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        response = page.goto(url)
        if check(response):
            return response
        if time.monotonic() > deadline:
            raise AssertionError(f"{url} did not show {what} within {timeout} s (HTTP {response.status}).")
        page.wait_for_timeout(500)
