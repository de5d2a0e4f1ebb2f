"""The drafts in a real browser: report links both ways (even past a filter), a drop in the app.

Screenshots go to reports/screenshots/ (drafts-*.png) for a person to look at.
"""

from __future__ import annotations

from pathlib import Path

from browser_support import SHOTS, launch_chromium, running_review_server, skip_without_browser, watch

skip_without_browser()

from compare.amend.api import harmonise_drafts  # noqa: E402
from compare.report import render_html  # noqa: E402
from compare.store import open_store  # noqa: E402
from support import JJJ  # noqa: E402

HEBEI = str(JJJ / "hebei-constructed.txt")


def _draft():  # type: ignore[no-untyped-def]
    [(_, comparison, draft)] = harmonise_drafts(str(JJJ / "beijing.txt"), [HEBEI])
    return comparison, draft


def test_report_instruction_links_reach_their_row_and_back_even_when_filtered(tmp_path: Path) -> None:
    comparison, draft = _draft()
    path = tmp_path / "r.html"
    path.write_text(render_html(comparison, "zh", None, [draft]), "utf-8")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with launch_chromium() as browser:
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        watch(page)
        page.goto(path.as_uri())
        page.locator("button[data-filter=structural]").click()  # hides the rows the instructions come from
        row = draft.items[0].rows[0]
        page.locator(f'tr[id="row-{row}"]').wait_for(state="hidden")  # conditions are waited for, not assumed
        page.locator("#ins-1-1 .ins-rows a").first.click()
        page.locator(f'tr[id="row-{row}"]').wait_for(state="visible")
        page.screenshot(path=str(SHOTS / "drafts-report-row.png"))
        page.locator(f'tr[id="row-{row}"] .ins-links a').first.click()
        page.wait_for_function("location.hash === '#ins-1-1'")
        page.locator("#ins-1-1").wait_for(state="visible")
        page.screenshot(path=str(SHOTS / "drafts-report-section.png"))
        assert page.errors == [] and all(u.startswith("file:") for u in page.requests)


def test_a_reviewer_drops_and_restores_an_instruction_in_the_app(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'b.db'}"
    comparison, draft = _draft()
    with open_store(url) as store:
        cid = store.save_comparison(comparison, [draft]).id
    with running_review_server(url) as base, launch_chromium() as browser:
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        watch(page)
        page.goto(f"{base}/comparisons/{cid}")
        item = page.locator("#ins-1-2")
        item.locator("input[name=reviewer]").fill("王五")
        item.locator("input[name=note]").fill("保留本省写法")
        item.locator("button[type=submit]").click()
        page.wait_for_load_state()
        assert page.evaluate("location.hash") == "#ins-1-2"
        dropped = page.locator("#ins-1-2")
        assert "dropped" in (dropped.get_attribute("class") or "") and "已删去（王五：保留本省写法）" in dropped.inner_text()
        page.screenshot(path=str(SHOTS / "drafts-app-dropped.png"))
        dropped.locator("button[type=submit]").click()
        page.wait_for_load_state()
        assert "dropped" not in (page.locator("#ins-1-2").get_attribute("class") or "")
        assert page.errors == []
    with open_store(url) as store:
        assert [d.status for d in store.instruction_history(draft.items[1].fingerprint)] == ["dropped", "kept"]
