"""A comparison started from the browser: files uploaded, compared in the background, the
review opened; every output downloaded; bad uploads refused in one line on the page."""

from __future__ import annotations

import re
import time
from pathlib import Path

from starlette.testclient import TestClient

from compare.serve import create_app
from compare.store import open_store
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
                          ("xlsx", "spreadsheetml.sheet"), ("json", "application/json")):
            got = client.get(f"/comparisons/{cid}/download/{fmt}")
            assert got.status_code == 200 and kind in got.headers["content-type"] and len(got.content) > 1000
            assert f'filename="comparison-{cid}.{fmt}"' in got.headers["content-disposition"]
            assert f'href="/comparisons/{cid}/download/{fmt}"' in review.text
        assert "charset" not in client.get(f"/comparisons/{cid}/download/xlsx").headers["content-type"]
        for other in ("beijing", "tianjin-constructed"):  # every text but the base gets its redline
            red = client.get(f"/comparisons/{cid}/download/redline?text={other}")
            assert red.status_code == 200 and red.content[:2] == b"PK" and f"{other}.redline.docx" in \
                red.headers["content-disposition"]
            assert f'download/redline?text={other}"' in review.text
        assert client.get(f"/comparisons/{cid}/download/redline?text=hebei-constructed").status_code == 404
        assert client.get(f"/comparisons/{cid}/download/redline?text=../x").status_code == 404
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


def _stored_ids(client: TestClient) -> dict[str, str]:
    """Stored text name → its id, as the form offers them."""
    page = client.get("/new").text
    return {name: value for value, name in re.findall(
        r'<input type="checkbox" name="stored" value="(\d+)" id="stored-\d+"></td>\s*<td><label[^>]*>([^<]+)</label>',
        page)}


def test_stored_texts_are_compared_again_without_an_upload(tmp_path: Path) -> None:
    """Texts of earlier comparisons are listed on the form; ticked (the base among them, or one
    uploaded file beside them) they are compared like uploaded ones."""
    files = [(Path(p).name, Path(p).read_bytes()) for p in JJJ_FILES]
    with _client(tmp_path) as client:
        _finished(client, _upload(client, files).headers["location"])
        stored = _stored_ids(client)
        assert set(stored) == {name for name, _ in files}
        assert f'<option value="s{stored["hebei-constructed.txt"]}">' in client.get("/new").text
        picked = client.post("/new", headers=ORIGIN, follow_redirects=False, data={
            "csrf": _token(client), "stored": [stored["beijing.txt"]], "base": f"s{stored['hebei-constructed.txt']}"})
        done = _finished(client, picked.headers["location"])
        assert done.status_code == 303
        cid = int(done.headers["location"].rsplit("/", 1)[1])
        with open_store(client.app.state.store.url) as store:
            comparison = store.load_comparison(cid)
        assert comparison.base == "hebei-constructed" and [d.id for d in comparison.documents] == [
            "hebei-constructed", "beijing"]  # the base chosen among stored texts is compared too
        mixed = client.post("/new", headers=ORIGIN, follow_redirects=False,
                            data={"csrf": _token(client), "stored": [stored["tianjin-constructed.txt"]], "base": "1"},
                            files=[("files", files[0])])
        done = _finished(client, mixed.headers["location"])
        with open_store(client.app.state.store.url) as store:
            both = store.load_comparison(int(done.headers["location"].rsplit("/", 1)[1]))
        assert both.base == "beijing" and {d.id for d in both.documents} == {"beijing", "tianjin-constructed"}
        for bad, status in (("987654", 404), ("x1z", 400)):
            refused = client.post("/new", headers=ORIGIN, data={"csrf": _token(client), "stored": [bad, "1"]},
                                  files=[("files", files[0])])
            assert refused.status_code == status and bad in refused.text
        alone = client.post("/new", headers=ORIGIN, data={"csrf": _token(client), "stored": [stored["beijing.txt"]]})
        assert alone.status_code == 400 and "2 至" in alone.text


def test_enacting_jurisdictions_are_given_per_file_and_checked(tmp_path: Path) -> None:
    files = [(Path(p).name, Path(p).read_bytes()) for p in JJJ_FILES]

    def upload(client: TestClient, lines: str):  # type: ignore[no-untyped-def]
        return client.post("/new", data={"csrf": _token(client), "base": "1", "jurisdictions": lines},
                           files=[("files", f) for f in files], headers=ORIGIN, follow_redirects=False)

    with _client(tmp_path) as client:
        done = _finished(client, upload(client, "beijing.txt=110000\r\n\r\nhebei-constructed=河北省\n").headers["location"])
        with open_store(client.app.state.store.url) as store:
            comparison = store.load_comparison(int(done.headers["location"].rsplit("/", 1)[1]))
        given = {d.id: (d.jurisdiction.name, d.jurisdiction.source) for d in comparison.documents}
        assert given["beijing"] == ("北京市", "given") and given["hebei-constructed"] == ("河北省", "given")
        assert given["tianjin-constructed"] == ("天津市", "inferred")
        assert upload(client, "beijing.txt 北京市").status_code == 400
        unknown_file = upload(client, "shanghai.txt=上海市")
        assert unknown_file.status_code == 400 and "shanghai.txt" in unknown_file.text
        assert upload(client, "beijing.txt=北京\u202e市").status_code == 400
        assert upload(client, "x" * 5000).status_code == 400
        failed = _finished(client, upload(client, "beijing.txt=火星市").headers["location"])
        assert failed.status_code == 400 and "火星市" in failed.text and "legiscompare-uploads" not in failed.text


def test_without_a_chosen_base_the_order_of_uploads_does_not_matter(tmp_path: Path) -> None:
    """As on the command line: the earliest text is the base, whichever file was uploaded first."""
    files = [(Path(p).name, Path(p).read_bytes()) for p in reversed(JJJ_FILES)]  # hebei, tianjin, beijing
    with _client(tmp_path) as client:
        assert '<option value="auto" selected>' in client.get("/new").text
        done = _finished(client, _upload(client, files, base="auto").headers["location"])
        cid = int(done.headers["location"].rsplit("/", 1)[1])
        with open_store(client.app.state.store.url) as store:
            assert store.load_comparison(cid).base == "beijing"  # adopted 2023-11-24, before the others
