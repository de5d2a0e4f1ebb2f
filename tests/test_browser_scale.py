"""The HTML report at real size in a real browser: 公司法 2018 vs 2023 (310 rows) and the demo.

Navigation (next/previous difference by button and key), search, filters (toggle, combine,
counts, URL state), the table of contents and chapter bands from the base structure, and a
heat map that never makes the page wider than the viewport. Screenshots go under
``reports/screenshots/``. The 公司法 tests skip without ``../shared/corpus``.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from compare.pipeline import Options, compare_files
from compare.report import render_html
from support import JJJ_FILES

from browser_support import PATIENCE_MS, SHOTS, launch_chromium, skip_without_browser, watch

skip_without_browser()


@pytest.fixture(scope="module")
def company(lawrefbook):
    files = sorted(lawrefbook.rglob("公司法(20*.md"))
    files = [f for f in files if f.name in ("公司法(2018-10-26).md", "公司法(2023-12-29).md")]
    if len(files) != 2:
        pytest.skip("公司法 pair not in the corpus")
    return compare_files([str(f) for f in files], Options())


@pytest.fixture(scope="module")
def demo():
    return compare_files(JJJ_FILES, Options())


@pytest.fixture(scope="module")
def browser():
    with launch_chromium() as browser:
        yield browser


def _open(browser, comparison, tmp_path, width=1400, suffix=""):
    path = tmp_path / "report.html"
    path.write_text(render_html(comparison), encoding="utf-8")
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(PATIENCE_MS)
    watch(page)
    page.goto(path.as_uri() + suffix)
    return page


def _visible(page) -> list[str]:
    return page.locator("tr.row:visible").evaluate_all("rows => rows.map(r => r.id)")


def _width(page) -> tuple[int, int]:
    return page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")


@pytest.mark.corpus
@pytest.mark.parametrize("width", [1400, 800])
def test_heat_map_of_310_rows_never_widens_the_page(browser, company, tmp_path, width) -> None:
    page = _open(browser, company, tmp_path, width)
    scroll, inner = _width(page)
    assert scroll <= inner, f"page {scroll}px wide in a {inner}px window"
    heat = page.locator("#heatmap")
    assert heat.evaluate("e => e.getBoundingClientRect().right") <= inner
    assert page.locator(".heat a").count() == len(company.rows)
    assert all(page.locator(".heat a").first.get_attribute("title").split())  # a tooltip per cell
    SHOTS.mkdir(parents=True, exist_ok=True)
    heat.screenshot(path=str(SHOTS / f"company-heatmap-{width}.png"))
    assert page.errors == []


@pytest.mark.corpus
def test_heat_map_of_2000_rows_fits(browser, company, tmp_path) -> None:
    """Seven copies of the 公司法 rows (2,170): still wrapped, still within the window."""
    rows = [replace(r, id=f"{r.id}-{k}") for k in range(7) for r in company.rows]
    page = _open(browser, replace(company, rows=rows), tmp_path, 1200)
    scroll, inner = _width(page)
    assert scroll <= inner and page.locator(".heat a").count() == len(rows)
    page.locator("#heatmap").screenshot(path=str(SHOTS / "company-x7-heatmap.png"))


def test_demo_heat_map_fits(browser, demo, tmp_path) -> None:
    page = _open(browser, demo, tmp_path, 1000)
    scroll, inner = _width(page)
    assert scroll <= inner
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#heatmap").screenshot(path=str(SHOTS / "demo-heatmap.png"))


@pytest.mark.corpus
def test_toc_and_bands_follow_the_base_chapters(browser, company, tmp_path) -> None:
    page = _open(browser, company, tmp_path)
    base_chapters = list(dict.fromkeys(p.chapter for p in company.documents[0].provisions if p.chapter))
    toc = page.locator("#toc li > a").all_inner_texts()
    assert toc == base_chapters
    bands = page.locator("tr.chapter th").all_inner_texts()
    assert bands == base_chapters  # once each, in base order, never alternating
    labels = page.locator("tr.row td.label").all_inner_texts()
    assert len(set(labels)) == len(labels), "two rows share a label"
    page.locator("#toc").screenshot(path=str(SHOTS / "company-toc.png"))


@pytest.mark.corpus
def test_next_and_previous_difference_by_key_and_button(browser, company, tmp_path) -> None:
    page = _open(browser, company, tmp_path)
    page.click(".filters button[data-filter=structural]")
    shown = _visible(page)
    differing = [f"row-{r.id}" for r in company.rows if r.status != "identical"]
    targets = [row for row in shown if row in differing]
    for key in ("j", "n", "j"):
        page.keyboard.press(key)
    assert page.inner_text("#diff-position") == f"3 / {len(targets)}"
    current = page.locator("tr.row.current")
    assert current.get_attribute("id") == targets[2]
    assert current.evaluate("r => { const b = r.getBoundingClientRect(); return b.top >= 0 && b.top < innerHeight; }")
    covered = current.evaluate("""r => r.getBoundingClientRect().top + 1 <
        document.querySelector('table.compare thead th').getBoundingClientRect().bottom""")
    assert not covered, "the sticky header covers the difference jumped to"
    page.keyboard.press("k")
    assert page.locator("tr.row.current").get_attribute("id") == targets[1]
    page.click("#next-diff")
    page.click("#next-diff")
    assert page.locator("tr.row.current").get_attribute("id") == targets[3]
    page.screenshot(path=str(SHOTS / "company-next-difference.png"))
    assert page.errors == []


@pytest.mark.corpus
def test_search_filters_by_provision_text_and_goes_in_the_url(browser, company, tmp_path) -> None:
    page = _open(browser, company, tmp_path)
    page.fill("#search", "中国特色现代企业制度")
    shown = _visible(page)
    assert shown and all("中国特色现代企业制度" in page.inner_text(f"[id=\"{row}\"]").replace("\n", "") for row in shown)
    assert "q=" in page.evaluate("location.hash")
    page.screenshot(path=str(SHOTS / "company-search.png"))
    page.fill("#search", "")
    assert len(_visible(page)) == len(company.rows)


def test_filters_toggle_combine_and_count(browser, demo, tmp_path) -> None:
    page = _open(browser, demo, tmp_path)
    button = ".filters button[data-filter=hide-jurisdictional]"
    assert page.inner_text(button + " .n") == "11"
    page.click(button)
    assert len(_visible(page)) == 11 and page.inner_text("#shown-count") == "11"
    page.click(button)  # a second click switches it off
    assert len(_visible(page)) == len(demo.rows)
    assert page.get_attribute(".filters button[data-filter=all]", "aria-pressed") == "true"
    page.click(button)
    page.select_option("#class-filter", "list_item")
    page.fill("#search", "北京")
    expected = [f"row-{r.id}" for r in demo.rows if r.status != "jurisdictional"
                and "list_item" in {d.cls for d in r.differences}]
    shown = _visible(page)
    assert set(shown) <= set(expected) and shown
    assert page.inner_text("#shown-count") == str(len(shown))
    assert page.evaluate("location.hash") == "#f=hide-jurisdictional&c=list_item&q=%E5%8C%97%E4%BA%AC"


def test_a_link_reopens_the_same_view(browser, demo, tmp_path) -> None:
    page = _open(browser, demo, tmp_path, suffix="#f=substantive&c=list_item")
    assert _visible(page) == ["row-item5", "row-item6", "row-item17"]
    assert page.get_attribute(".filters button[data-filter=substantive]", "aria-pressed") == "true"
    assert page.input_value("#class-filter") == "list_item"
    page.locator(".heat a[data-row=item6]").first.click()  # jumping to a row keeps the view
    assert _visible(page) == ["row-item5", "row-item6", "row-item17"]
    page.screenshot(path=str(SHOTS / "demo-url-view.png"))
    assert page.errors == []
