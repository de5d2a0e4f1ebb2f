"""A comparison started from the browser: files uploaded, compared in the background, the
review opened; every output downloaded; bad uploads refused in one line on the page."""

from __future__ import annotations

import re
import time
from pathlib import Path

from starlette.testclient import TestClient

from compare.serve import create_app
from support import JJJ_FILES
from test_serve import BASE, ORIGIN


def _client(tmp_path: Path) -> TestClient:
    return TestClient(create_app(f"sqlite:///{tmp_path / 'wb.db'}"), base_url=BASE)


def _token(client: TestClient) -> str:
    return re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/new").text).group(1)


def _upload(client: TestClient, files: list[tuple[str, bytes]], base: str = "1", csrf: str | None = None):
    return client.post("/new", data={"csrf": csrf if csrf is not None else _token(client), "base": base},
                       files=[("files", (name, data, "text/plain")) for name, data in files], headers=ORIGIN,
                       follow_redirects=False)


def _finished(client: TestClient, job: str):
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        page = client.get(job, follow_redirects=False)
        if page.status_code != 200:
            return page
        assert 'http-equiv="refresh"' in page.text
        time.sleep(0.2)
    raise AssertionError("the job did not finish")


def test_uploaded_texts_are_compared_in_the_background_and_the_review_opens(tmp_path: Path) -> None:
    files = [(Path(p).name, Path(p).read_bytes()) for p in JJJ_FILES]
    with _client(tmp_path) as client:
        started = _upload(client, files, base="2")
        assert started.status_code == 303 and started.headers["location"].startswith("/jobs/")
        done = _finished(client, started.headers["location"])
        assert done.status_code == 303
        review = client.get(done.headers["location"])
        assert review.status_code == 200 and all(name in review.text for name, _ in files)
        base_row = re.search(r'<tr><td>[^<]*<span class="badge identical">基准文本</span></td>.*?</tr>', review.text,
                             re.S)
        assert base_row and files[1][0] in base_row.group(0)  # the second file, as chosen
        cid = done.headers["location"].rsplit("/", 1)[1]
        for fmt, kind in (("html", "text/html"), ("docx", "officedocument"), ("csv", "text/csv"),
                          ("json", "application/json")):
            got = client.get(f"/comparisons/{cid}/download/{fmt}")
            assert got.status_code == 200 and kind in got.headers["content-type"] and len(got.content) > 1000
            assert f'filename="comparison-{cid}.{fmt}"' in got.headers["content-disposition"]
        assert client.get(f"/comparisons/{cid}/download/exe").status_code == 404
        listed = client.get("/").text
        assert 'href="/new"' in listed and f"comparison-{cid}" in listed


def test_bad_uploads_are_refused_in_one_line(tmp_path: Path) -> None:
    text = Path(JJJ_FILES[0]).read_bytes()
    with _client(tmp_path) as client:
        one = _upload(client, [("a.txt", text)])
        assert one.status_code == 400 and "2 至" in one.text
        wrong = _upload(client, [("a.txt", text), ("b.exe", b"MZ")])
        assert wrong.status_code == 400 and "b.exe：不是可读取的格式" in wrong.text
        forged = _upload(client, [("a.txt", text), ("b.txt", text)], csrf="0" * 64)
        assert forged.status_code == 403
        empty = _finished(client, _upload(client, [("a.txt", text), ("空白\u202e.txt", b"")]).headers["location"])
        assert empty.status_code == 400 and "无法完成比较" in empty.text
        assert "legiscompare-uploads" not in empty.text and "\u202e" not in empty.text  # no server path, no spoofing
        assert client.get("/jobs/nonsense-job-id-000").status_code == 404


def test_the_audit_of_a_stored_comparison_links_its_findings_to_rows(tmp_path: Path) -> None:
    """The same checks as `legiscompare audit`; a difference a reviewer accepted passes."""
    files = [(Path(p).name, Path(p).read_bytes()) for p in JJJ_FILES]
    with _client(tmp_path) as client:
        done = _finished(client, _upload(client, files).headers["location"])
        cid = done.headers["location"].rsplit("/", 1)[1]
        page = client.get(f"/comparisons/{cid}/audit")
        assert page.status_code == 200 and "审核未通过" in page.text
        assert re.search(rf'href="/comparisons/{cid}\?show=all(&amp;page=\d+)?#row-[^"]+"', page.text)
        assert "<h2>条款齐全 — " in page.text  # the checks as `legiscompare audit` names them
        assert client.get(f"/comparisons/{cid}/audit?fail_on=nonsense").status_code == 400
        loose = client.get(f"/comparisons/{cid}/audit?fail_on=any")
        assert loose.status_code == 200 and 'value="any" selected' in loose.text
        assert f'href="/comparisons/{cid}/audit"' in client.get(f"/comparisons/{cid}").text
