"""Amendment and harmonisation drafts made from the comparison page as background jobs, stored
as ``legiscompare amend`` / ``harmonise`` store them, and downloaded as text and Word."""

from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from compare.amend.api import harmonise_drafts
from compare.serve import create_app
from compare.store import open_store
from support import JJJ, JJJ_FILES
from test_serve import BASE, ORIGIN, csrf


def _finished(client: TestClient, location: str):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        page = client.get(location, follow_redirects=False)
        if page.status_code != 200 or 'http-equiv="refresh"' not in page.text:
            return page
        time.sleep(0.1)
    raise AssertionError("the job did not finish")


def _compared(client: TestClient, jurisdictions: str = "") -> int:
    files = [("files", (Path(p).name, Path(p).read_bytes(), "text/plain")) for p in JJJ_FILES]
    started = client.post("/new", data={"csrf": csrf(client), "base": "1", "jurisdictions": jurisdictions},
                          files=files, headers=ORIGIN, follow_redirects=False)
    done = _finished(client, started.headers["location"])
    return int(done.headers["location"].rsplit("/", 1)[1])


def _draft(client: TestClient, cid: int, **form: str):  # type: ignore[no-untyped-def]
    return client.post(f"/comparisons/{cid}/draft", data={"csrf": csrf(client), **form}, headers=ORIGIN,
                       follow_redirects=False)


def _word_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return re.sub(r"<[^>]+>", "", archive.read("word/document.xml").decode("utf-8"))


@pytest.fixture
def client(tmp_path: Path):  # type: ignore[no-untyped-def]
    with TestClient(create_app(f"sqlite:///{tmp_path / 'd.db'}"), base_url=BASE) as client:
        yield client


def test_an_amendment_is_drafted_stored_and_downloaded_as_text_and_word(client) -> None:
    cid = _compared(client)
    page = client.get(f"/comparisons/{cid}").text
    assert f'action="/comparisons/{cid}/draft"' in page and 'name="kind" value="harmonise"' in page
    done = _finished(client, _draft(client, cid, kind="amend", new="hebei-constructed", style="").headers["location"])
    assert done.status_code == 303
    target = re.fullmatch(r"/comparisons/(\d+)#draft-1", done.headers["location"])
    assert target, done.headers["location"]
    pair = int(target.group(1))
    with open_store(client.app.state.store.url) as store:
        [draft] = store.drafts_for(pair)
        assert (draft.kind, draft.target, draft.source) == ("amend", "beijing", "hebei-constructed")
    review = client.get(f"/comparisons/{pair}").text
    assert 'id="drafts"' in review and f'href="/comparisons/{pair}/drafts/1.docx"' in review
    text = client.get(f"/comparisons/{pair}/drafts/1.txt")
    assert text.status_code == 200 and text.text.startswith("关于修改《北京市")
    word = client.get(f"/comparisons/{pair}/drafts/1.docx")
    assert word.headers["content-type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert 'filename="decision-' in word.headers["content-disposition"]
    first = draft.items[0].text.split("“")[0]
    assert first in _word_text(word.content)
    # a dropped instruction leaves the Word file too (the decision as the reviewers leave it)
    dropped = client.post(f"/instructions/{draft.items[0].fingerprint}/decision", headers=ORIGIN, data={
        "csrf": csrf(client), "comparison_id": str(pair), "status": "dropped", "note": "", "reviewer": "王五",
        "view": "", "anchor": "ins-1-1"}, follow_redirects=False)
    assert dropped.status_code == 303
    again = _word_text(client.get(f"/comparisons/{pair}/drafts/1.docx").content)
    assert first not in again or len(again) < len(_word_text(word.content))
    assert client.get(f"/comparisons/{pair}/drafts/2.docx").status_code == 404
    assert client.get(f"/comparisons/{pair}/drafts/x.docx").status_code == 404


def test_harmonisation_drafts_each_other_text_and_leaves_accepted_provisions_alone(client) -> None:
    """As `harmonise --base beijing.txt tianjin… hebei…` on the same database: a stored pairwise
    comparison and draft per other text; a provision whose differences a reviewer accepted
    gets no instruction."""
    cid = _compared(client, "tianjin-constructed.txt=天津市")
    store = client.app.state.store
    hebei_15 = [d for d in store.differences(cid) if d.row_id == "item15" and d.document == "hebei-constructed"
                and d.category != "formatting"]
    assert hebei_15
    store.record_decisions([d.fingerprint for d in hebei_15], "accepted", "本省用语", "张三", comparison_id=cid)
    done = _finished(client, _draft(client, cid, kind="harmonise").headers["location"])
    assert done.status_code == 200 and "ul class=\"draft-results\"" in done.text
    pairs = [int(n) for n in re.findall(r'class="draft-result" href="/comparisons/(\d+)#draft-1"', done.text)]
    assert len(pairs) == 2
    drafts = {store.drafts_for(p)[0].target: (p, store.drafts_for(p)[0]) for p in pairs}
    assert set(drafts) == {"tianjin-constructed", "hebei-constructed"}
    hebei = drafts["hebei-constructed"][1]
    assert not any("item15" in item.rows for item in hebei.items)
    [(_, _, cli_draft)] = harmonise_drafts(str(JJJ / "beijing.txt"), [str(JJJ / "hebei-constructed.txt")])
    assert any("item15" in item.rows for item in cli_draft.items)  # without the decision it would be drafted
    tianjin = store.load_comparison(drafts["tianjin-constructed"][0])
    assert {d.id: d.jurisdiction.source for d in tianjin.documents}["tianjin-constructed"] == "given"
    for pair, _ in drafts.values():
        assert client.get(f"/comparisons/{pair}/drafts/1.docx").content[:2] == b"PK"


def test_bad_draft_requests_are_refused(client) -> None:
    cid = _compared(client)
    assert _draft(client, cid, kind="repeal").status_code == 400
    assert _draft(client, cid, kind="amend", new="beijing").status_code == 400  # the base itself
    assert _draft(client, cid, kind="amend", new="nowhere").status_code == 400
    assert _draft(client, cid, kind="amend", new="hebei-constructed", style="revision").status_code == 400
    assert _draft(client, 999, kind="harmonise").status_code == 404
    forged = client.post(f"/comparisons/{cid}/draft", data={"csrf": "0" * 64, "kind": "harmonise"}, headers=ORIGIN)
    assert forged.status_code == 403
    assert client.post(f"/comparisons/{cid}/draft", data={"csrf": csrf(client), "kind": "harmonise"},
                       headers={"Origin": "http://evil.example"}).status_code == 403


def test_a_word_file_that_cannot_be_made_is_a_message_not_an_error(client, monkeypatch) -> None:
    import compare.amend.api
    from compare.errors import InputError

    cid = _compared(client)
    done = _finished(client, _draft(client, cid, kind="amend", new="tianjin-constructed").headers["location"])
    pair = int(re.match(r"/comparisons/(\d+)", done.headers["location"]).group(1))

    def unplaced(path, options=None):  # type: ignore[no-untyped-def]
        raise InputError(path, "no_jurisdiction")

    monkeypatch.setattr(compare.amend.api, "load_document", unplaced)
    refused = client.get(f"/comparisons/{pair}/drafts/1.docx")
    assert refused.status_code == 400 and "beijing.txt" in refused.text
    assert "legiscompare-uploads" not in refused.text  # the file as the reader knows it
