"""Two versions of a real law, the whole job in the browser: 行政复议法 2023 uploaded before 2017
(the base comes out as the earlier one all the same), an amendment decision drafted, and every
output downloaded and opened: the report (HTML, PDF), the 修改前后对照表, the redline, the CSV,
the spreadsheet, the JSON, the decision's text and its Word file.
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
from support import corpus_file  # noqa: E402
from test_serve_workbench_walk import _download, _opens_as_word  # noqa: E402

pytestmark = pytest.mark.slow


def test_a_version_pair_is_compared_drafted_and_downloaded_in_the_browser(tmp_path: Path) -> None:
    old, new = corpus_file("行政复议法(2017-09-01).md"), corpus_file("行政复议法(2023-09-01).md")
    url = f"sqlite:///{tmp_path / 'new.db'}"
    open_store(url).close()
    with running_review_server(url) as base, launch_chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 900}, accept_downloads=True)
        watch(page)
        page.goto(f"{base}/new")
        page.set_input_files("#files", [new, old])  # the newer first: the base is chosen by date, not order
        assert page.locator("#base").input_value() == "auto"
        page.click("form.new button[type=submit]")
        page.wait_for_url(re.compile(rf"{base}/comparisons/\d+$"), timeout=PATIENCE_MS)
        cid = int(page.url.rsplit("/", 1)[1])
        with open_store(url) as store:
            comparison = store.load_comparison(cid)
        assert comparison.base == comparison.documents[0].id and "2017" in comparison.documents[0].source.name

        downloads = {}
        for fmt in ("html", "docx", "csv", "xlsx", "json"):
            downloads[fmt] = _download(page, f"a[href='/comparisons/{cid}/download/{fmt}']", tmp_path)
        # The PDF is fetched once: two prints of it differed in one byte once under a full suite run (open,
        # see the issue note); its link is on the page and it is a PDF.
        assert page.locator(f"a[href='/comparisons/{cid}/download/pdf']").count() == 1
        pdf = page.context.request.get(f"{base}/comparisons/{cid}/download/pdf")
        assert pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF")
        assert "修改前" in _opens_as_word(downloads["docx"][1])  # the 修改前后对照表 of two versions
        assert downloads["csv"][1].decode("utf-8-sig").startswith("行标识,条款,文本")
        assert zipfile.ZipFile(io.BytesIO(downloads["xlsx"][1])).read("xl/workbook.xml")
        assert b'"documents"' in downloads["json"][1]
        kind, redline = _download(page, f"a[href*='/comparisons/{cid}/download/redline?text=']", tmp_path)
        assert "<w:ins " in _opens_as_word(redline) and "<w:del " in _opens_as_word(redline)

        if page.locator("#drafting").get_attribute("open") is None:
            page.locator("#drafting > summary").click()
        page.click("form.draft.amend button[type=submit]")
        page.wait_for_url(re.compile(rf"{base}/comparisons/\d+#draft-1"), timeout=PATIENCE_MS)
        assert page.locator("#drafts li.instruction").count() > 10
        page.locator("#drafts").scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / "workbench-pair-draft.png"))
        _, text = _download(page, "p.draft-export a[href$='.txt']", tmp_path)
        assert "中华人民共和国行政复议法" in text.decode("utf-8")
        _, decision = _download(page, "a.draft-docx", tmp_path)
        assert "修改" in _opens_as_word(decision)
        assert page.errors == [] and all(u.startswith(base) for u in page.requests)
