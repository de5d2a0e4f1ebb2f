"""Team review in the browser app: rows and chapters assigned to reviewers, each reviewer's
queue of undecided differences linked to their rows, and the last audit on the list."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urlencode

from starlette.testclient import TestClient

from compare.serve import create_app
from compare.serve.auth import hash_password
from compare.serve.views import chapters, row_chapter
from compare.store import open_store
from compare.store.team import assign, assignments_for, latest_audits
from test_serve import BASE, ORIGIN, csrf, seed


def _assign(client: TestClient, cid: int, reviewer: str, target: str, view: str = ""):  # type: ignore[no-untyped-def]
    return client.post(f"/comparisons/{cid}/assignments", headers=ORIGIN, follow_redirects=False,
                       data={"csrf": csrf(client), "assignee": reviewer, "target": target, "view": view})


def _queued(page: str) -> list[tuple[str, str]]:
    """(fingerprint, link) of each difference a queue page lists."""
    return [(fp, html.unescape(url)) for fp, url in
            re.findall(r'<li class="queued" data-fingerprint="([0-9a-f]{64})"><a href="([^"]+)"', page)]


def test_rows_assigned_to_a_reviewer_fill_their_queue_until_decided(seeded) -> None:
    url, cid, client = seeded
    view = urlencode({"doc": "hebei-constructed"})
    done = _assign(client, cid, "张三", "shown", view)
    assert done.status_code == 303 and done.headers["location"] == f"/comparisons/{cid}?{view}#team"
    store = client.app.state.store
    rows = {a.key for a in assignments_for(store, cid)}
    hebei = {d.row_id for d in store.differences(cid) if d.document == "hebei-constructed" and d.category != "formatting"}
    assert rows == hebei  # the rows the view showed, on every page
    page = client.get(f"/comparisons/{cid}").text
    assert page.count('class="assignee"') == len(rows) and "张三" in page.split('id="team"')[1].split("</details>")[0]

    queue = client.get("/queue?reviewer=张三")
    listed = _queued(queue.text)
    undecided = {d.fingerprint for d in store.undecided(cid) if d.row_id in rows and d.category != "formatting"}
    assert {fp for fp, _ in listed} == undecided  # every document's differences in those rows
    fingerprint, link = listed[0]
    row = store.difference_row(cid, fingerprint)
    assert link.startswith(f"/comparisons/{cid}") and link.endswith(f"#row-{row}")
    assert f'data-fingerprint="{fingerprint}"' in client.get(link.split("#")[0]).text  # the row's page
    store.record_decision(fingerprint, "accepted", "", "张三", comparison_id=cid)
    assert {fp for fp, _ in _queued(client.get("/queue?reviewer=张三").text)} == undecided - {fingerprint}
    assert _queued(client.get("/queue?reviewer=李四").text) == []

    client.cookies.set("legiscompare_reviewer", "%E5%BC%A0%E4%B8%89")  # 张三, remembered by a decision
    assert len(_queued(client.get("/queue").text)) == len(undecided) - 1
    removed = client.post(f"/comparisons/{cid}/assignments/remove", headers=ORIGIN, follow_redirects=False,
                          data={"csrf": csrf(client), "assignee": "张三", "scope": "row", "key": "", "view": ""})
    assert removed.status_code == 303 and assignments_for(store, cid) == []
    assert _queued(client.get("/queue?reviewer=张三").text) == []


def test_assignments_are_checked(seeded) -> None:
    _, cid, client = seeded
    assert _assign(client, cid, "", "page").status_code == 400
    assert _assign(client, cid, "张\u202e三", "page").status_code == 400
    assert _assign(client, cid, "张三", "everything").status_code == 400
    assert _assign(client, cid, "张三", "chapter:第九章 无此章").status_code == 400
    assert _assign(client, 999, "张三", "page").status_code == 404
    forged = client.post(f"/comparisons/{cid}/assignments", headers=ORIGIN,
                         data={"csrf": "0" * 64, "assignee": "张三", "target": "page", "view": ""})
    assert forged.status_code == 403
    assert assignments_for(client.app.state.store, cid) == []


def test_a_chapter_follows_the_review_into_its_re_run(tmp_path: Path) -> None:
    """A chapter assigned on one comparison is the same chapter of the re-run that supersedes it."""
    from benchmarks.serve_review import synthetic_pair
    from compare.pipeline import Options, compare_files

    paths = synthetic_pair(tmp_path, 120)  # chapters of 100 articles
    first = compare_files(paths, Options(jurisdictions={"*": "全国"}))
    url = f"sqlite:///{tmp_path / 'chapters.db'}"
    cid = seed(url, first)
    second = chapters(first)[1]
    with open_store(url) as store:
        assert assign(store, cid, "chapter", [second], "王五", "张三") == 1
        assert assign(store, cid, "chapter", [second], "王五", "张三") == 0  # once
    Path(paths[1]).write_text(Path(paths[1]).read_text("utf-8").replace("。", "；", 1), "utf-8")
    rerun = seed(url, compare_files(paths, Options(jurisdictions={"*": "全国"})))
    assert rerun != cid
    with TestClient(create_app(url), base_url=BASE) as client:
        page = client.get("/queue?reviewer=王五").text
        assert f'id="queue-{rerun}"' in page and f'id="queue-{cid}"' not in page
        with open_store(url) as store:
            comparison = store.load_comparison(rerun)
            inside = {r.id for r in comparison.rows if row_chapter(r, comparison.base) == second}
            expected = {d.fingerprint for d in store.undecided(rerun) if d.row_id in inside and d.category != "formatting"}
        assert expected and {fp for fp, _ in _queued(page)} == expected
        assert f'<option value="chapter:{second}">' in client.get(f"/comparisons/{rerun}").text


def test_with_accounts_work_goes_to_accounts_and_the_queue_is_the_logins(tmp_path: Path, jjj_comparison) -> None:
    url = f"sqlite:///{tmp_path / 'acc.db'}"
    cid = seed(url, jjj_comparison)
    with open_store(url) as store:
        store.set_account("张三", hash_password("correct horse"))
        store.set_account("李四", hash_password("battery staple"))
    with TestClient(create_app(url, accounts=True), base_url=BASE) as client:
        assert client.get("/queue", follow_redirects=False).status_code == 303  # login first
        token = re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/login").text).group(1)
        client.post("/login", headers=ORIGIN, data={"name": "李四", "password": "battery staple", "csrf": token,
                                                    "next": "/"})
        page = client.get(f"/comparisons/{cid}").text
        assert re.search(r'<select name="assignee" required><option value="张三">张三</option><option value="李四">',
                         page)
        assert _assign(client, cid, "王五", "page").status_code == 400  # no such account
        assert _assign(client, cid, "张三", "page").status_code == 303
        [one] = {a.assigned_by for a in assignments_for(client.app.state.store, cid)}
        assert one == "李四"
        assert _queued(client.get("/queue?reviewer=张三").text) == []  # a login's queue is its own
        assert _assign(client, cid, "李四", "page").status_code == 303
        assert _queued(client.get("/queue").text)


def test_the_list_shows_the_last_audit_and_when_decisions_came_after_it(seeded) -> None:
    _, cid, client = seeded
    listed = client.get("/").text
    assert f'href="/comparisons/{cid}/audit">' in listed and 'class="audit-result' not in listed
    assert client.get(f"/comparisons/{cid}/audit?fail_on=any").status_code == 200
    store = client.app.state.store
    [(found, summary)] = latest_audits(store).items()
    assert found == cid and not summary.passed and "differences" in summary.failed_checks and not summary.outdated
    row = re.search(rf'<tr id="comparison-{cid}".*?</tr>', client.get("/").text, re.S).group(0)
    assert f'class="audit-result fail" href="/comparisons/{cid}/audit?fail_on=any"' in row
    assert 'class="outdated"' not in row
    undecided = store.undecided(cid)[0]
    store.record_decision(undecided.fingerprint, "accepted", "", "张三", comparison_id=cid)
    assert latest_audits(store)[cid].outdated
    assert 'class="outdated"' in re.search(rf'<tr id="comparison-{cid}".*?</tr>', client.get("/").text, re.S).group(0)
