"""A comparison larger than a page, reviewed in a real browser: rows served a page at a
time, decisions saved in the background (progress updated, the next undecided difference
current, the next page opened past the last one), the reviewer asked once, and the same
forms working without script (a save comes back to the row's page).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from compare.pipeline import Options, compare_files
from compare.serve.views import PAGE_ROWS
from compare.store import open_store

from browser_support import PATIENCE_MS, SHOTS, launch_chromium, running_review_server, skip_without_browser, watch

skip_without_browser()

ROWS = PAGE_ROWS * 2 + 10  # three pages


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    from benchmarks.serve_review import synthetic_pair

    folder = tmp_path_factory.mktemp("big")
    url = f"sqlite:///{folder / 'store.db'}"
    comparison = compare_files(synthetic_pair(Path(folder), ROWS), Options(jurisdictions={"*": "全国"}))
    with open_store(url) as store:
        cid = store.save_comparison(comparison).id
    with running_review_server(url) as base:
        yield base, cid, url


@pytest.fixture(scope="module")
def browser():
    with launch_chromium() as browser:
        yield browser


def _page(browser, script: bool = True):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, java_script_enabled=script)
    page = context.new_page()
    page.set_default_timeout(PATIENCE_MS)
    watch(page)
    return page


def _decided(url: str, cid: int) -> dict[str, str]:
    with open_store(url) as store:
        return {fp: d.reviewer for fp, d in store.decisions_for(cid).items()}


def _status(url: str, cid: int) -> dict[str, str]:
    with open_store(url) as store:
        return {fp: d.status for fp, d in store.decisions_for(cid).items()}


def test_rows_come_a_page_at_a_time_and_decisions_save_without_a_reload(big, browser) -> None:
    base, cid, url = big
    page = _page(browser)
    page.goto(f"{base}/comparisons/{cid}")
    assert page.locator("tr.row").count() == PAGE_ROWS
    assert "第 1 页，共 3 页" in page.inner_text("nav.pages[data-place=top]")
    page.keyboard.press("j")
    first = page.locator("li.diff.current").get_attribute("data-fingerprint")
    page.keyboard.press("a")  # no reviewer yet: asked once
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "serve-who.png"))
    page.fill("#who input[name=who]", "王五")
    page.click("#who button")
    page.locator(f'li[data-fingerprint="{first}"].decided').wait_for()
    assert page.url == f"{base}/comparisons/{cid}"  # no reload
    assert _decided(url, cid) == {first: "王五"}
    assert re.search(r"已审 1 / \d+", page.inner_text("#progress"))
    second = page.locator("li.diff.current").get_attribute("data-fingerprint")
    assert second != first
    page.keyboard.press("f")  # the name is known now: saved at once
    page.locator(f'li[data-fingerprint="{second}"].decided').wait_for()
    assert _decided(url, cid)[second] == "王五" and page.errors == []
    page.screenshot(path=str(SHOTS / "serve-pages.png"))
    page.locator(f'li[data-fingerprint="{second}"]').click()  # back to a decided difference
    page.locator(f'li[data-fingerprint="{second}"].current').wait_for()
    asked: list[str] = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.keyboard.press("h")  # a key on a decided difference asks first; dismissed, nothing changes
    page.wait_for_function("document.querySelectorAll('li.diff.decided').length === 2")
    assert asked and "已" in asked[0] and _status(url, cid)[second] == "fixed"


def test_past_the_pages_last_undecided_difference_the_next_page_opens(big, browser) -> None:
    base, cid, _ = big
    page = _page(browser)
    page.goto(f"{base}/comparisons/{cid}?show=undecided&page=2")
    assert "第 2 页" in page.inner_text("nav.pages[data-place=top]")
    last = page.locator("li.diff.reviewable").last
    last.click()
    page.keyboard.press("k")
    for _ in range(3):
        page.keyboard.press("j")
    page.wait_for_url(f"{base}/comparisons/{cid}?show=undecided&page=3#next")
    assert page.locator("li.diff.current").count() == 1
    page.select_option("nav.pages[data-place=top] select[name=page]", "1")
    page.click("nav.pages[data-place=top] form.go-page button")
    page.wait_for_url(f"{base}/comparisons/{cid}?show=undecided")  # page 1 is the default
    assert page.errors == []


def test_without_script_a_save_comes_back_to_the_rows_page(big, browser) -> None:
    base, cid, url = big
    page = _page(browser, script=False)
    page.goto(f"{base}/comparisons/{cid}?page=2")
    item = page.locator("li.diff.reviewable").nth(3)
    fingerprint = item.get_attribute("data-fingerprint")
    item.locator("details.review > summary").click()
    item.locator("form.decide input[name=reviewer]").fill("赵六")
    item.locator("form.decide button[type=submit]").click()
    page.wait_for_url(re.compile(rf"{base}/comparisons/{cid}\?page=2#row-.+"))
    assert _decided(url, cid)[fingerprint] == "赵六"
