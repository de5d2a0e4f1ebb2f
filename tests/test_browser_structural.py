"""Structural differences in a real browser: the report's status column, heat map, filter and
moved-cell link, and accepting a Hebei-only item in the review web app.

Same browser set-up and skip rules as test_browser.py (Debian's Chromium with Playwright;
skipped without them unless LEGISCOMPARE_REQUIRE_BROWSER=1). Screenshots go to
``reports/screenshots/structural-*.png``.
"""

from __future__ import annotations


import demo_variants
import pytest
from browser_support import PATIENCE_MS, SHOTS, launch_chromium, running_review_server, skip_without_browser, watch

from compare.pipeline import Options, compare_files
from compare.report import render_html
from compare.store import open_store

skip_without_browser()


@pytest.fixture(scope="module")
def browser():
    with launch_chromium() as browser:
        yield browser


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(PATIENCE_MS)
    watch(page)
    yield page
    context.close()


@pytest.fixture(scope="module")
def moved(tmp_path_factory):
    """The demo with Beijing's item 三 moved after 十五, and its report's file URL."""
    directory = tmp_path_factory.mktemp("moved")
    comparison = compare_files(demo_variants.beijing_moved(directory / "texts"), Options())
    path = directory / "moved.html"
    path.write_text(render_html(comparison), encoding="utf-8")
    return comparison, path.as_uri()


def _visible_rows(page) -> list[str]:
    return page.locator("tr.row:visible").evaluate_all("rows => rows.map(r => r.id)")


def test_report_shows_the_move_everywhere(page, moved) -> None:
    comparison, url = moved
    page.goto(url)
    moved_row = next(r for r in comparison.rows if r.status == "moved")
    row = page.locator(f"#row-{moved_row.id}")
    assert row.locator("td.status .badge.moved").inner_text() == "位置移动"
    heat = page.locator(f'.heat a[data-row="{moved_row.id}"]')
    assert heat.evaluate_all("cells => cells.map(c => c.className)") == ["moved", "moved"]
    colour = heat.first.evaluate("c => getComputedStyle(c).backgroundColor")
    assert colour not in ("rgb(244, 244, 244)", "rgba(0, 0, 0, 0)")  # not the grey of "identical"

    page.click(".filters button[data-filter=structural]")
    expected = [f"row-{r.id}" for r in comparison.rows if any(d.category == "structural" for d in r.differences)]
    assert _visible_rows(page) == expected and f"row-{moved_row.id}" in expected
    assert page.inner_text("#shown-count") == str(len(expected))

    page.click(".filters button[data-filter=substantive]")
    assert f"row-{moved_row.id}" not in _visible_rows(page)  # a pure move is not substantive

    page.click(".filters button[data-filter=all]")
    link = row.locator("td.text .moved a").first
    assert link.inner_text() == "在本文本中位于二之后"
    link.click()
    page.wait_for_function("location.hash === '#row-item2'")
    SHOTS.mkdir(parents=True, exist_ok=True)
    row.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "structural-report-moved.png"))
    assert page.errors == []


def test_split_cell_marks_where_each_part_begins(page, tmp_path) -> None:
    comparison = compare_files(demo_variants.beijing_merged(tmp_path / "texts"), Options())
    path = tmp_path / "split.html"
    path.write_text(render_html(comparison), encoding="utf-8")
    page.goto(path.as_uri())
    page.click(".filters button[data-filter=structural]")
    parts = page.locator('#row-item7 td.text .part').all_inner_texts()
    assert parts == ["七（拆分自北京市七）", "八（拆分自北京市七）"] * 2
    assert page.locator("#row-item7 td.status .badge.split").count() == 1
    page.locator("#row-item7").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "structural-report-split.png"))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A review server on a database holding the demo with a Hebei-only item."""
    directory = tmp_path_factory.mktemp("extra")
    comparison = compare_files(demo_variants.hebei_extra(directory / "texts"), Options())
    url = f"sqlite:///{directory / 'review.db'}"
    with open_store(url) as store:
        cid = store.save_comparison(comparison).id
    with running_review_server(url) as base:
        yield base, cid


def test_web_app_accepts_a_hebei_only_item(server, page) -> None:
    base, cid = server
    page.goto(f"{base}/comparisons/{cid}")
    page.click(".filters a[data-show=structural]")
    page.wait_for_url(f"{base}/comparisons/{cid}?show=structural")
    item = page.locator('li[data-class="absent"]')
    assert item.count() == 1
    assert "仅河北省有；北京市、天津市无此条" in item.inner_text()
    row = page.locator("tr.row", has=item)
    assert "仅部分文本有" in row.locator("td.status").inner_text()
    empty = row.locator('td[data-document="beijing"] .absent').inner_text()
    assert empty == "（仅河北省有；北京市、天津市无此条）"  # never a bare "absent"
    item.locator("details.review > summary").click()
    form = item.locator("form.decide")
    form.locator("select[name=status]").select_option("accepted")
    form.locator("input[name=reviewer]").fill("李四")
    form.locator("textarea[name=note]").fill("河北省的地方特色条款")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    decided = page.locator('li[data-class="absent"]')
    assert "审查结论：接受" in decided.locator(".decision").inner_text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    decided.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "structural-serve-accepted.png"))
    assert page.errors == []
