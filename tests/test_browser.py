"""The HTML report in a real browser: offline, filters, heat-map links, print rules.

Drives Debian's Chromium (``/usr/bin/chromium``) with Playwright for Python; Playwright's
own browser downloads are not used. Skipped when either is missing, unless
LEGISCOMPARE_REQUIRE_BROWSER=1 (CI), where a missing browser fails. Screenshots and a
PDF print are left under ``reports/screenshots/`` for people to look at.
"""

from __future__ import annotations


import pytest

from compare.pipeline import Options, compare_files
from compare.report import render_html
from support import JJJ_FILES

from browser_support import PATIENCE_MS, SHOTS, launch_chromium, skip_without_browser, watch

skip_without_browser()
from playwright.sync_api import expect  # noqa: E402


@pytest.fixture(scope="module")
def comparison():
    return compare_files(JJJ_FILES, Options())


@pytest.fixture(scope="module")
def report_url(comparison, tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("html") / "jjj.html"
    path.write_text(render_html(comparison), encoding="utf-8")
    return path.as_uri()


@pytest.fixture(scope="module")
def browser():
    with launch_chromium() as browser:
        yield browser


@pytest.fixture()
def page(browser, report_url):
    """A fresh page on the report that records every request and script error."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(PATIENCE_MS)
    watch(page)
    page.goto(report_url)
    yield page
    context.close()


def _visible_rows(page) -> list[str]:
    return page.locator("tr.row:visible").evaluate_all("rows => rows.map(r => r.id)")


def test_nothing_is_fetched_and_no_script_error(page, report_url) -> None:
    for button in page.locator(".filters button").all():
        button.click()
    page.locator(".heat a").first.click()
    assert [u for u in page.requests if u.split("#")[0] != report_url] == []
    assert page.errors == []


def test_filters_show_the_right_rows(page, comparison) -> None:
    total = len(comparison.rows)
    substantive = ["row-item5", "row-item6", "row-item15", "row-item17"]
    assert [f"row-{r.id}" for r in comparison.rows if r.status == "substantive"] == substantive
    kept = [f"row-{r.id}" for r in comparison.rows if r.status != "jurisdictional"]
    assert len(kept) == 11  # the 10 jurisdictional-only rows hidden, identical and formatting kept
    expected = {"substantive": substantive, "hide-jurisdictional": kept,
                "all": [f"row-{r.id}" for r in comparison.rows]}
    assert len(_visible_rows(page)) == total
    for name in ("substantive", "hide-jurisdictional", "all"):
        page.click(f".filters button[data-filter={name}]")
        assert _visible_rows(page) == expected[name], name
        assert page.inner_text("#shown-count") == str(len(expected[name]))
        assert page.get_attribute(f".filters button[data-filter={name}]", "aria-pressed") == "true"
        assert page.locator('.filters button[aria-pressed="true"]').count() == 1


def test_heat_map_cell_jumps_to_its_row(page) -> None:
    page.locator(".heat a[data-row=item15]").last.click()
    page.wait_for_function("location.hash === '#row-item15'")
    row = page.locator("#row-item15")
    expect(row).to_be_in_viewport()
    # the sticky table header must not hide the top of the row it jumped to
    covered = page.evaluate("""() => {
        const row = document.getElementById('row-item15').getBoundingClientRect();
        const head = document.querySelector('table.compare thead th').getBoundingClientRect();  // th is sticky
        return head.bottom > row.top + 1;
    }""")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "report-jump-item15.png"))
    assert not covered, "the sticky header covers the row a heat-map link jumps to"


def test_print_rules_and_screenshots(page) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "report-screen.png"), full_page=True)
    assert page.eval_on_selector(".filters", "e => getComputedStyle(e).display") != "none"
    page.click(".filters button[data-filter=substantive]")
    page.emulate_media(media="print")
    assert page.eval_on_selector(".filters", "e => getComputedStyle(e).display") == "none"
    assert page.eval_on_selector("#heatmap", "e => getComputedStyle(e).display") == "none"
    assert page.eval_on_selector("table.compare thead", "e => getComputedStyle(e).display") == "table-header-group"
    page.screenshot(path=str(SHOTS / "report-print.png"), full_page=True)
    pdf = page.pdf(path=str(SHOTS / "report-print.pdf"), prefer_css_page_size=True, print_background=True)
    assert pdf.startswith(b"%PDF")


def test_class_filter_combines_with_the_status_filter(page) -> None:
    page.select_option("#class-filter", "normative")
    assert _visible_rows(page) == ["row-item15"]
    assert page.inner_text("#shown-count") == "1"
    page.select_option("#class-filter", "list_item")
    assert _visible_rows(page) == ["row-item5", "row-item6", "row-item17"]
    page.click(".filters button[data-filter=substantive]")
    assert _visible_rows(page) == ["row-item5", "row-item6", "row-item17"]
    page.select_option("#class-filter", "")
    assert len(_visible_rows(page)) == 4
