"""The whole job in a real browser, no command line: an empty database (as ``serve --create``
makes it), the 京津冀 demo uploaded, compared in the background, a decision recorded, rows
assigned and the reviewer's queue followed to a row, the audit opened, harmonisation
drafted, the HTML report, the Word 对照表 and the draft's Word file downloaded (each opened:
a zip holding word/document.xml), the list showing the audit.

Screenshots are left under ``reports/screenshots/workbench-*.png`` for a person to look at.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from browser_support import PATIENCE_MS, SHOTS, launch_chromium, running_review_server, skip_without_browser, watch

skip_without_browser()

from compare.store import open_store  # noqa: E402
from support import JJJ_FILES  # noqa: E402

pytestmark = pytest.mark.slow
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _download(page, selector: str, tmp_path: Path) -> tuple[str, bytes]:  # type: ignore[no-untyped-def]
    """Click the download link ``selector``: its content type (asked again by the page's own
    request context: a download fires no response event) and the file the browser saved."""
    link = page.locator(selector).first
    with page.expect_download() as started:
        link.click()
    target = tmp_path / started.value.suggested_filename
    started.value.save_as(target)
    answer = page.context.request.get(started.value.url)
    assert answer.ok and answer.body() == target.read_bytes()
    return answer.headers["content-type"], target.read_bytes()


def _opens_as_word(data: bytes) -> str:
    """The main part of a Word file (it fails unless ``data`` is one)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def test_the_whole_job_in_the_browser(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    open_store(url).close()  # what `serve --create` does with a missing database
    SHOTS.mkdir(parents=True, exist_ok=True)
    with running_review_server(url) as base, launch_chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 900}, accept_downloads=True)
        watch(page)
        page.goto(f"{base}/")
        assert page.locator("table.list").count() == 0  # nothing stored yet
        page.click("a.new")

        # Upload: the base chosen by name (the script names the choices), one jurisdiction given.
        page.set_input_files("#files", JJJ_FILES)
        assert page.locator("#base option[value='2']").inner_text() == f"2: {Path(JJJ_FILES[1]).name}"
        page.select_option("#base", "1")
        page.fill("textarea[name=jurisdictions]", f"{Path(JJJ_FILES[0]).name}=北京市")
        page.screenshot(path=str(SHOTS / "workbench-new.png"), full_page=True)
        page.click("form.new button[type=submit]")
        page.wait_for_url(re.compile(rf"{base}/comparisons/\d+$"), timeout=PATIENCE_MS)
        cid = int(page.url.rsplit("/", 1)[1])
        assert page.locator("tr.row").count() > 0
        assert "北京市" in page.locator("#documents").inner_text()
        page.screenshot(path=str(SHOTS / "workbench-comparison-top.png"))

        # A decision, saved in the background.
        undecided = int(page.inner_text("#undecided-count"))
        fingerprint = page.locator("li.diff.reviewable").first.get_attribute("data-fingerprint")
        item = page.locator(f'li.diff[data-fingerprint="{fingerprint}"]')
        item.locator("details.review > summary").click()
        form = item.locator("form.decide")
        form.locator("select[name=status]").select_option("accepted")
        form.locator("input[name=reviewer]").fill("张三")
        form.locator("button[type=submit]").click()
        item.locator("div.current .decision.accepted").wait_for()  # saved in the background, no reload
        assert int(page.inner_text("#undecided-count")) == undecided - 1
        page.screenshot(path=str(SHOTS / "workbench-comparison.png"))

        # The rows of this page assigned to 张三, whose queue (the name the decision remembered)
        # lists what is left there, each linked to its row.
        page.locator("#team > summary").click()
        page.fill("form.assign input[name=assignee]", "张三")
        page.select_option("form.assign select[name=target]", "page")
        page.click("form.assign button[type=submit]")
        page.wait_for_url(f"{base}/comparisons/{cid}#team")
        assert page.locator("td.label .assignee").count() == page.locator("tr.row").count()
        page.locator("#team").screenshot(path=str(SHOTS / "workbench-team.png"))
        page.click("nav.top a.queue")
        queued = page.locator("li.queued")
        assert queued.count() == undecided - 1
        page.screenshot(path=str(SHOTS / "workbench-queue.png"), full_page=True)
        link = queued.first.locator("a")
        row = link.get_attribute("href").rsplit("#", 1)[1]
        link.click()
        page.wait_for_url(re.compile(rf"{base}/comparisons/{cid}(\?page=\d+)?#{row}"))
        page.locator(f"tr[id='{row}']").wait_for(state="visible")

        # The audit, then the list shows its outcome.
        page.click(f"nav.top a[href='/comparisons/{cid}/audit']")
        page.wait_for_url(f"{base}/comparisons/{cid}/audit")
        assert page.locator("p.verdict").count() == 1 and page.locator("section.check").count() >= 5
        page.screenshot(path=str(SHOTS / "workbench-audit.png"), full_page=True)
        page.click("a.brand")
        audit_cell = page.locator(f"#comparison-{cid} td.audit a.audit-result")
        assert audit_cell.get_attribute("href") == f"/comparisons/{cid}/audit?fail_on=substantive"
        page.screenshot(path=str(SHOTS / "workbench-list.png"), full_page=True)

        # The report and the Word table, downloaded and opened.
        page.click(f"#comparison-{cid} a.open")
        page.wait_for_url(f"{base}/comparisons/{cid}")
        kind, html = _download(page, f"a[href='/comparisons/{cid}/download/html']", tmp_path)
        assert kind.startswith("text/html") and "<table" in html.decode("utf-8") and "北京市" in html.decode("utf-8")
        kind, word = _download(page, f"a[href='/comparisons/{cid}/download/docx']", tmp_path)
        assert kind == DOCX and "天津市" in _opens_as_word(word)

        # Harmonisation drafted in the background: one draft per other text, each reviewed on its page.
        if page.locator("#drafting").get_attribute("open") is None:
            page.locator("#drafting > summary").click()
        page.click("form.draft.harmonise button[type=submit]")
        page.wait_for_selector("ul.draft-results", timeout=PATIENCE_MS)
        results = page.locator("a.draft-result")
        assert results.count() == len(JJJ_FILES) - 1
        page.screenshot(path=str(SHOTS / "workbench-drafts-ready.png"), full_page=True)
        results.first.click()
        page.wait_for_url(re.compile(rf"{base}/comparisons/\d+#draft-1"))
        assert page.locator("#drafts li.instruction").count() > 0
        page.locator("#drafts").scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / "workbench-draft.png"))
        kind, decision = _download(page, "a.draft-docx", tmp_path)
        assert kind == DOCX and "修改" in _opens_as_word(decision)
        assert page.errors == [] and all(u.startswith(base) for u in page.requests)
