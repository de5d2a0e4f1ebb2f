"""The review flow in a real browser against the running server (uvicorn on 127.0.0.1).

Same browser set-up and skip rules as test_browser.py: Debian's Chromium driven by
Playwright; skipped when either is missing unless LEGISCOMPARE_REQUIRE_BROWSER=1.
Screenshots are left under ``reports/screenshots/serve-*.png``.
"""

from __future__ import annotations


import pytest

from compare.store import open_store

from browser_support import PATIENCE_MS, SHOTS, launch_chromium, running_review_server, skip_without_browser, watch

skip_without_browser()

HEBEI_15 = '#row-item15 li[data-document="hebei-constructed"][data-class="normative"]'
NOTE = "河北用“支持”，京津用“鼓励”：需协调一致"


@pytest.fixture(scope="module")
def server(tmp_path_factory, jjj_comparison):
    """The base URL of a real uvicorn server on a seeded SQLite file, stopped at the end."""
    url = f"sqlite:///{tmp_path_factory.mktemp('serve') / 'review.db'}"
    with open_store(url) as store:
        cid = store.save_comparison(jjj_comparison).id
    with running_review_server(url) as base:
        yield base, cid


@pytest.fixture(scope="module")
def page():
    with launch_chromium() as browser:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        page.set_default_timeout(PATIENCE_MS)
        watch(page)
        yield page


def _undecided(page) -> int:
    return int(page.inner_text("#undecided-count"))


def test_review_flow(server, page) -> None:
    base, cid = server
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(f"{base}/")
    assert page.inner_text("h1") == "已存储的比较"
    page.screenshot(path=str(SHOTS / "serve-list.png"), full_page=True)

    page.click(f"#comparison-{cid} a.open")
    page.wait_for_url(f"{base}/comparisons/{cid}")
    total = _undecided(page)
    assert total > 0 and page.locator("tr.row").count() > 0
    page.screenshot(path=str(SHOTS / "serve-comparison.png"))

    page.click(".filters a[data-show=undecided]")
    page.wait_for_url(f"{base}/comparisons/{cid}?show=undecided")
    assert page.get_attribute(".filters a[data-show=undecided]", "aria-current") == "page"
    item = page.locator(HEBEI_15)
    item.locator("details.review > summary").click()
    form = item.locator("form.decide")
    form.locator("select[name=status]").select_option("needs_harmonisation")
    form.locator("input[name=reviewer]").fill("张三")
    form.locator("textarea[name=note]").fill(NOTE)
    item.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "serve-form.png"))
    form.locator("button[type=submit]").click()

    # saved in the background: the page stays (same filtered view), the decided difference leaves it
    page.locator(HEBEI_15).wait_for(state="hidden")
    assert page.url == f"{base}/comparisons/{cid}?show=undecided"
    assert page.get_attribute(".filters a[data-show=undecided]", "aria-current") == "page"
    page.goto(f"{base}/comparisons/{cid}#row-item15")
    decided = page.locator(HEBEI_15)
    assert "审查结论：需协调" in decided.locator(".decision").inner_text()
    assert decided.locator(".note").inner_text() == NOTE
    assert "张三" in decided.locator(".who").inner_text()
    assert _undecided(page) == total - 1
    page.locator("#row-item15").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "serve-decided.png"))

    # the reviewer's name is offered again in the next form (kept in this browser)
    assert page.locator("#row-item17 form.decide input[name=reviewer]").first.input_value() == "张三"
    page.goto(f"{base}/comparisons/{cid}?show=undecided")
    assert page.locator(HEBEI_15).count() == 0 and _undecided(page) == total - 1
    page.screenshot(path=str(SHOTS / "serve-undecided.png"))
    page.goto(f"{base}/")
    decided_cell = page.inner_text(f"#comparison-{cid} td.decided")
    assert decided_cell.split("\n")[0] == "1" and "张三 1" in decided_cell  # and by whom

    assert [u for u in page.requests if not u.startswith(base)] == []
    assert page.errors == []
