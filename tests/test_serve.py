"""The review server (``compare.serve``) through Starlette's TestClient, and ``legiscompare serve``.

Tests taking ``store_url`` run on SQLite and on PostgreSQL (see conftest.py); the others
use a SQLite file. Every database is seeded with the 京津冀 demo comparison.
"""

from __future__ import annotations

import doctest
import re
import shutil
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

import compare.serve.guard
from compare.pipeline import compare_files
from compare.serve import create_app
from compare.store import MAX_NOTE, StoredDifference, open_store
from support import JJJ_FILES

BASE = "http://127.0.0.1:8765"
ORIGIN = {"Origin": BASE}


def seed(url: str, comparison) -> int:
    with open_store(url) as store:
        return store.save_comparison(comparison).id


def find(url: str, cid: int, row: str, document: str, cls: str) -> StoredDifference:
    with open_store(url) as store:
        return next(d for d in store.differences(cid) if (d.row_id, d.document, d.cls) == (row, document, cls))


def decisions(url: str, cid: int) -> dict:
    with open_store(url) as store:
        return store.decisions_for(cid)


def reviewable(url: str, cid: int) -> list[StoredDifference]:
    with open_store(url) as store:
        return [d for d in store.differences(cid) if d.category != "formatting"]


def csrf(client: TestClient) -> str:
    """The CSRF token the pages give this client's forms."""
    from compare.serve.auth import SESSION_COOKIE

    return client.app.state.sessions.csrf(client.cookies.get(SESSION_COOKIE))


def post_decision(client: TestClient, fingerprint: str, cid: int | str, status: str = "needs_harmonisation",
                  note: str = "", reviewer: str = "张三", headers: dict | None = None):
    data = {"comparison_id": str(cid), "status": status, "note": note, "reviewer": reviewer, "csrf": csrf(client)}
    return client.post(f"/differences/{fingerprint}/decision", data=data, follow_redirects=False,
                       headers=ORIGIN if headers is None else headers)


def undecided_count(html: str) -> int:
    return int(re.search(r'<output id="undecided-count">(\d+)</output>', html).group(1))


def row_ids(html: str) -> list[str]:
    return re.findall(r'<tr id="row-([^"]+)" class="row', html)


def test_list_page_shows_each_comparison_with_its_counts(seeded) -> None:
    url, cid, client = seeded
    response = client.get("/")
    assert response.status_code == 200
    html = response.text
    assert 'lang="zh-CN"' in html and "已存储的比较" in html
    assert f'href="/comparisons/{cid}"' in html and f'href="/comparisons/{cid}?show=undecided"' in html
    for doc in ("beijing", "tianjin-constructed", "hebei-constructed"):
        assert doc in html
    assert "default-src 'none'" in response.headers["content-security-policy"]


def test_empty_database_says_how_to_fill_it(sqlite_url) -> None:
    with TestClient(create_app(sqlite_url), base_url=BASE) as client:
        assert "legiscompare compare" in client.get("/").text


def test_comparison_page_is_a_table_with_a_form_per_reviewable_difference(seeded, jjj_comparison) -> None:
    url, cid, client = seeded
    html = client.get(f"/comparisons/{cid}").text
    assert html.count('<th>') >= 3 and "北京市（基准文本）" in html and "河北省" in html and "天津市" in html
    shown = [r.id for r in jjj_comparison.rows if any(d.category != "formatting" for d in r.differences)]
    assert row_ids(html) == shown
    assert html.count('<form class="decide"') == len(reviewable(url, cid))
    assert 'maxlength="2000"' in html and 'name="reviewer" required' in html
    for label in ("接受", "需协调", "已修正", "不予采纳"):
        assert f">{label}</option>" in html
    assert undecided_count(html) == len(reviewable(url, cid))


def test_filters(seeded, jjj_comparison) -> None:
    url, cid, client = seeded
    every = client.get(f"/comparisons/{cid}?show=all").text
    assert row_ids(every) == [r.id for r in jjj_comparison.rows]
    substantive = client.get(f"/comparisons/{cid}?show=substantive").text
    assert row_ids(substantive) == ["item5", "item6", "item15", "item17"]
    assert 'data-category="jurisdictional"' not in substantive
    target = find(url, cid, "item7", "hebei-constructed", "partner_list")
    before = client.get(f"/comparisons/{cid}?show=undecided").text
    assert "item7" in row_ids(before)
    assert post_decision(client, target.fingerprint, cid, "accepted").status_code == 303
    after = client.get(f"/comparisons/{cid}?show=undecided").text
    assert target.fingerprint not in after and "item7" in row_ids(after)  # Tianjin's item 7 is still open
    assert undecided_count(after) == undecided_count(before) - 1
    assert 'aria-current="page">仅未审查' in after
    refused = client.get(f"/comparisons/{cid}?show=bogus")
    assert refused.status_code == 400 and "未知的筛选条件：bogus" in refused.text


def test_unknown_comparison_and_page_are_404(seeded) -> None:
    _, cid, client = seeded
    assert client.get(f"/comparisons/{cid + 99}").status_code == 404
    assert client.get(f"/comparisons/{cid + 99}/obsolete").status_code == 404
    missing = client.get("/nowhere")
    assert missing.status_code == 404 and "页面不存在" in missing.text


def test_record_a_decision_on_both_databases(store_url, jjj_comparison) -> None:
    cid = seed(store_url, jjj_comparison)
    target = find(store_url, cid, "item15", "hebei-constructed", "normative")
    with TestClient(create_app(store_url), base_url=BASE) as client:
        response = post_decision(client, target.fingerprint, cid, note="“鼓励”改为“支持”，需统一")
        assert response.status_code == 303
        assert response.headers["location"] == f"/comparisons/{cid}#row-item15"
        html = client.get(f"/comparisons/{cid}").text
    recorded = decisions(store_url, cid)[target.fingerprint]
    assert (recorded.status, recorded.note, recorded.reviewer, recorded.comparison_id) == (
        "needs_harmonisation", "“鼓励”改为“支持”，需统一", "张三", cid)
    item = html[html.index(f'data-fingerprint="{target.fingerprint}"'):]
    item = item[:item.index("</li>")]
    assert "审查结论：需协调" in item and "“鼓励”改为“支持”，需统一" in item and "张三" in item
    assert "更改结论" in item and '<option value="needs_harmonisation" selected>' in item


BAD_FORMS = {
    "overlong note": (dict(note="长" * (MAX_NOTE + 1)), "备注过长：2001 个字符，上限为 2000 个字符"),
    "wrong status": (dict(status="approved"), "未知的审查结论：approved"),
    "missing reviewer": (dict(reviewer="   "), "请填写审查人"),
    "bad comparison id": (dict(cid="abc"), "比较编号无效：abc"),
}


@pytest.mark.parametrize("case", sorted(BAD_FORMS))
def test_bad_form_is_refused_with_a_message_and_nothing_recorded(seeded, case: str) -> None:
    url, cid, client = seeded
    target = find(url, cid, "item15", "hebei-constructed", "normative")
    change, expected = BAD_FORMS[case]
    response = post_decision(client, target.fingerprint, change.pop("cid", cid), **change)
    assert response.status_code == 400
    assert expected in response.text and 'role="alert"' in response.text
    assert decisions(url, cid) == {}


def test_note_of_exactly_the_limit_with_browser_line_breaks_is_accepted(seeded) -> None:
    url, cid, client = seeded
    target = find(url, cid, "item15", "hebei-constructed", "normative")
    note = "甲\r\n" * (MAX_NOTE // 2 - 1) + "乙" * 2  # CRLF counts as one character, as in the textarea
    assert post_decision(client, target.fingerprint, cid, note=note).status_code == 303
    assert len(decisions(url, cid)[target.fingerprint].note) == MAX_NOTE


def test_unknown_fingerprint_is_404(seeded) -> None:
    url, cid, client = seeded
    for fingerprint in ("0" * 64, "not-a-fingerprint"):
        response = post_decision(client, fingerprint, cid)
        assert response.status_code == 404 and "没有指纹为" in response.text
    other = find(url, cid, "item15", "hebei-constructed", "normative")
    assert post_decision(client, other.fingerprint, cid + 99).status_code == 404  # not in that comparison
    assert decisions(url, cid) == {}


@pytest.mark.parametrize("headers", [{}, {"Origin": "http://evil.example"}, {"Origin": "http://127.0.0.1:9999"},
                                     {"Referer": "http://evil.example/page"}, {"Origin": "null"}])
def test_post_from_another_origin_is_403(seeded, headers: dict) -> None:
    url, cid, client = seeded
    target = find(url, cid, "item15", "hebei-constructed", "normative")
    response = post_decision(client, target.fingerprint, cid, headers=headers)
    assert response.status_code == 403 and "拒绝" in response.text
    assert decisions(url, cid) == {}


def test_same_origin_referer_is_enough(seeded) -> None:
    url, cid, client = seeded
    target = find(url, cid, "item15", "hebei-constructed", "normative")
    response = post_decision(client, target.fingerprint, cid, headers={"Referer": f"{BASE}/comparisons/{cid}"})
    assert response.status_code == 303


def test_foreign_host_name_is_refused(seeded) -> None:
    _, _, client = seeded
    response = client.get("/", headers={"Host": "rebound.example:8765"})
    assert response.status_code == 400 and "rebound.example" in response.text
    assert client.get("/healthz", headers={"Host": "localhost:8765"}).text == "ok"


def test_note_with_markup_is_shown_as_text(seeded) -> None:
    url, cid, client = seeded
    target = find(url, cid, "item17", "hebei-constructed", "list_item")
    note = '<script>alert("x")</script><b onmouseover=1>'
    assert post_decision(client, target.fingerprint, cid, note=note, reviewer="<i>李四</i>").status_code == 303
    html = client.get(f"/comparisons/{cid}").text
    assert "<script>alert" not in html and "<b onmouseover" not in html and "<i>李四" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html and "&lt;i&gt;李四&lt;/i&gt;" in html


def test_two_reviewers_saving_at_once_lose_nothing(store_url, jjj_comparison) -> None:
    cid = seed(store_url, jjj_comparison)
    targets = reviewable(store_url, cid)[:12]
    halves = {"张三": targets[0::2], "李四": targets[1::2]}
    shared = targets[0]  # both also decide this one at the same moment: both land in the history
    barrier = threading.Barrier(2)
    statuses: dict[str, list[int]] = {name: [] for name in halves}
    with TestClient(create_app(store_url), base_url=BASE) as client:
        def reviewer(name: str) -> None:
            barrier.wait()
            for diff in halves[name]:
                statuses[name].append(post_decision(client, diff.fingerprint, cid, "accepted", reviewer=name,
                                                    note=f"{name} {diff.row_label}").status_code)
            barrier.wait()
            statuses[name].append(post_decision(client, shared.fingerprint, cid, "fixed", reviewer=name).status_code)

        threads = [threading.Thread(target=reviewer, args=(name,)) for name in halves]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        html = client.get(f"/comparisons/{cid}").text
    assert statuses == {name: [303] * (len(diffs) + 1) for name, diffs in halves.items()}
    current = decisions(store_url, cid)
    assert set(current) == {d.fingerprint for d in targets}
    for name, diffs in halves.items():
        for diff in diffs:
            if diff is not shared:
                assert (current[diff.fingerprint].reviewer, current[diff.fingerprint].note) == (
                    name, f"{name} {diff.row_label}")
    assert current[shared.fingerprint].status == "fixed"
    assert undecided_count(html) == len(reviewable(store_url, cid)) - len(targets)
    with open_store(store_url) as store, store.session() as session:
        from sqlalchemy import func, select

        from compare.store import models as db

        rows = session.scalar(select(func.count()).select_from(db.ReviewDecisionRow))
    assert rows == len(targets) + 2


def test_obsolete_decisions_are_listed(tmp_path: Path, sqlite_url) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    for path in JJJ_FILES:
        shutil.copy(path, texts)
    files = sorted(str(p) for p in texts.glob("*.txt"))
    cid = seed(sqlite_url, compare_files(files))
    gone = find(sqlite_url, cid, "item15", "hebei-constructed", "normative")
    hebei = texts / "hebei-constructed.txt"
    with TestClient(create_app(sqlite_url), base_url=BASE) as client:
        assert post_decision(client, gone.fingerprint, cid, "fixed", note="已改回“鼓励”").status_code == 303
        assert "没有失效的审查结论" in client.get(f"/comparisons/{cid}/obsolete").text
        text = hebei.read_text(encoding="utf-8")
        hebei.write_text(text.replace("支持", "鼓励"), encoding="utf-8")
        rerun = seed(sqlite_url, compare_files(files))
        html = client.get(f"/comparisons/{rerun}/obsolete").text
    assert gone.fingerprint[:12] in html and "已改回“鼓励”" in html and "已修正" in html


def test_english_pages_and_healthz(sqlite_url, jjj_comparison) -> None:
    cid = seed(sqlite_url, jjj_comparison)
    with TestClient(create_app(sqlite_url, lang="en"), base_url=BASE) as client:
        html = client.get(f"/comparisons/{cid}").text
        assert 'lang="en"' in html and "Record a decision" in html and ">needs harmonisation</option>" in html
        target = find(sqlite_url, cid, "item15", "hebei-constructed", "normative")
        refused = post_decision(client, target.fingerprint, cid, status="maybe")
        assert refused.status_code == 400 and "unknown decision status: maybe" in refused.text
        assert client.get("/healthz").text == "ok"


def test_docstring_examples() -> None:
    assert doctest.testmod(compare.serve.guard).failed == 0


# --- the command --------------------------------------------------------------------------

def serve_cli():
    from compare.cli import build_cli
    from compare.cli.serve import register_serve

    cli = build_cli()
    if "serve" not in cli.commands:
        register_serve(cli)
    return cli


def test_serve_help_has_an_example(monkeypatch) -> None:
    monkeypatch.setenv("LEGISCOMPARE_LANG", "zh")
    result = CliRunner().invoke(serve_cli(), ["serve", "--help"])
    assert result.exit_code == 0 and "示例：legiscompare serve --db sqlite:///legiscompare.db" in result.output
    monkeypatch.setenv("LEGISCOMPARE_LANG", "en")
    result = CliRunner().invoke(serve_cli(), ["serve", "--help"])
    assert "Example: legiscompare serve" in result.output


def test_serve_listens_on_loopback_and_refuses_remote_hosts(monkeypatch, sqlite_url) -> None:
    import uvicorn

    monkeypatch.setenv("LEGISCOMPARE_LANG", "zh")
    calls: list[dict] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    runner = CliRunner()
    missing = runner.invoke(serve_cli(), ["serve", "--db", sqlite_url])  # a typo never becomes an empty database
    assert missing.exit_code == 2 and "serve --create" in missing.output and calls == []
    assert not Path(sqlite_url.removeprefix("sqlite:///")).exists()
    done = runner.invoke(serve_cli(), ["serve", "--db", sqlite_url, "--create"])
    assert done.exit_code == 0 and "http://127.0.0.1:8765/" in done.output
    assert calls == [{"host": "127.0.0.1", "port": 8765, "log_level": "warning", "proxy_headers": False,
                      "forwarded_allow_ips": ""}]
    refused = runner.invoke(serve_cli(), ["serve", "--db", sqlite_url, "--host", "0.0.0.0"])
    assert refused.exit_code == 2 and "--allow-remote" in refused.output and len(calls) == 1
    remote = ["serve", "--db", sqlite_url, "--host", "0.0.0.0", "--port", "9000", "--allow-remote"]
    no_accounts = runner.invoke(serve_cli(), remote)  # never open to the network without logins
    assert no_accounts.exit_code == 2 and "accounts add" in no_accounts.output and len(calls) == 1
    on_loopback = runner.invoke(serve_cli(), ["serve", "--db", sqlite_url, "--allow-remote"])  # as the README says
    assert on_loopback.exit_code == 2 and "accounts add" in on_loopback.output and len(calls) == 1
    added = runner.invoke(serve_cli(), ["accounts", "add", "张三", "--db", sqlite_url, "--password-stdin"],
                          input="correct horse battery\n")
    assert added.exit_code == 0 and "已建立账号 张三" in added.output
    allowed = runner.invoke(serve_cli(), remote)
    assert allowed.exit_code == 0 and "需要登录（1 个账号）" in allowed.output
    assert calls[-1] == {"host": "0.0.0.0", "port": 9000, "log_level": "warning", "proxy_headers": False,
                         "forwarded_allow_ips": ""}  # X-Forwarded-For is nobody's word by default
    proxied = runner.invoke(serve_cli(), [*remote, "--trusted-proxy", "10.0.0.2"])
    assert proxied.exit_code == 0 and calls[-1]["proxy_headers"] and calls[-1]["forwarded_allow_ips"] == "10.0.0.2"
    bad = runner.invoke(serve_cli(), ["serve", "--db", "nosuchdriver://x"])
    assert bad.exit_code == 2 and "数据库错误" in bad.output and len(calls) == 3
    short = runner.invoke(serve_cli(), ["accounts", "add", "李四", "--db", sqlite_url, "--password-stdin"], input="abc\n")
    assert short.exit_code == 2 and "密码太短" in short.output
