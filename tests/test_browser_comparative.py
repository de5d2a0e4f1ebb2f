"""The 立法比较 report of six independently drafted regulations in a real browser.

Six provinces' 优化营商环境条例 (real corpus texts): the coverage matrix links to its
chapters and to the provisions without counterpart, "另见" links reach their rows, the
navigation bar never covers the row it jumps to, filters count what they show, nothing is
fetched. Screenshots are left under ``reports/screenshots/``.
"""

from __future__ import annotations

import pytest

from compare.pipeline import Options, compare_files
from compare.report import render_html
from support import corpus_file

from browser_support import PATIENCE_MS, SHOTS, launch_chromium, skip_without_browser, watch

skip_without_browser()
from playwright.sync_api import expect  # noqa: E402

SIX = ["山东省优化营商环境条例(2020-09-25).md", "河南省优化营商环境条例(2020-11-28).md",
       "重庆市优化营商环境条例(2021-03-31).md", "广东省优化营商环境条例(2022-06-01).md",
       "上海市优化营商环境条例(2024-09-27).md", "北京市优化营商环境条例(2024-11-29).md"]


@pytest.fixture(scope="module")
def comparison():
    files = [corpus_file(name) for name in SIX]
    return compare_files(files, Options(base=files[0]))


@pytest.fixture(scope="module")
def report_url(comparison, tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("html") / "business.html"
    path.write_text(render_html(comparison), encoding="utf-8")
    return path.as_uri()


@pytest.fixture(scope="module")
def browser():
    with launch_chromium() as browser:
        yield browser


@pytest.fixture()
def page(browser, report_url):
    context = browser.new_context(viewport={"width": 1500, "height": 900})
    page = context.new_page()
    page.set_default_timeout(PATIENCE_MS)
    watch(page)
    page.goto(report_url)
    yield page
    context.close()


def test_offline_and_without_script_errors(page, report_url) -> None:
    assert all(url.startswith(("file:", "data:", "about:")) for url in page.requests), page.requests
    assert not page.errors


def test_coverage_matrix_links_to_chapters_and_to_provisions_without_counterpart(page) -> None:
    matrix = page.locator("table.coverage")
    expect(matrix).to_be_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    matrix.screenshot(path=str(SHOTS / "comparative-coverage.png"))
    page.locator("table.coverage tbody th a").first.click()
    target = page.evaluate("decodeURIComponent(location.hash.slice(1))")
    assert target.startswith("row-")
    expect(page.locator(f"[id='{target}']")).to_be_in_viewport()
    own = page.locator("table.coverage tr:not(.own-head) th a[href^='#prov-']").first
    own.click()
    target = page.evaluate("decodeURIComponent(location.hash.slice(1))")
    item = page.locator(f"[id='{target}']")
    expect(item).to_be_in_viewport()
    assert item.locator("xpath=ancestor::section[@id='unmatched']").count() == 1


def test_each_counterpart_names_its_jurisdiction_similarity_and_terms(page, comparison) -> None:
    heads = page.locator("td.text .cp")
    assert heads.count() >= 100
    first = heads.first.inner_text()
    assert "第" in first and "相似度" in first
    rows = page.locator("table.compare tr.row").count()
    assert rows == sum(1 for r in comparison.rows if r.cells[comparison.base] is not None)
    assert not page.locator("td.label a", has_text="—").count()


def test_see_also_links_reach_their_rows(page) -> None:
    link = page.locator(".see-also a").first
    href = link.get_attribute("href")
    assert href and href != "#"
    link.click()
    expect(page.locator(f"[id='{href[1:]}']")).to_be_in_viewport()


def test_navigation_bar_never_covers_the_row_it_jumps_to(page) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for _ in range(4):
        page.click("#next-diff")
    covered = page.evaluate("""() => {
        const row = document.querySelector('tr.row.current').getBoundingClientRect();
        const bar = document.querySelector('.jump').getBoundingClientRect();
        const head = document.querySelector('table.compare thead th').getBoundingClientRect();
        return {top: row.top < head.bottom - 1, under: row.top > bar.top};
    }""")
    page.screenshot(path=str(SHOTS / "comparative-row.png"))
    assert covered == {"top": False, "under": False}, covered


def test_substantive_filter_count_matches_the_rows_shown(page) -> None:
    button = page.locator(".filters button[data-filter=substantive]")
    announced = int(button.locator(".n").inner_text())
    button.click()
    shown = page.locator("table.compare tr.row:visible").count()
    assert shown == announced


def test_a_cell_of_several_provisions_heads_each_one(comparison) -> None:
    """Two matched provisions of one text never run together: each comes under its own number."""
    import re

    from compare.report import render_html

    html = render_html(comparison, "zh")
    several = [(r, d) for r in comparison.rows if r.cells[comparison.base] is not None
               for d, cell in r.cells.items() if d != comparison.base and cell is not None and len(cell.provisions) > 1]
    assert several, "the 6-province set has cells of several provisions"
    row, doc_id = several[0]
    start = html.index(f'id="row-{row.id}"')
    cell_html = html[start:html.index("</tr>", start)]
    provisions = row.cells[doc_id].provisions
    heads = [cell_html.find(f"{p.number}</strong>") for p in provisions] + [len(cell_html)]
    for k, provision in enumerate(provisions):  # its text between its own head and the next one's
        assert 0 <= heads[k] < cell_html.find(provision.paragraphs[0], heads[k]) < heads[k + 1], provision.number
    assert len(re.findall(r'<div class="cp">', cell_html)) >= len(row.cells[doc_id].provisions)
