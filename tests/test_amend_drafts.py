"""Amendment drafts stored with the comparison, reported, and reviewed (issue #20, part 5).

Each test names what it proves. Tests taking ``store_url`` run on SQLite and PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select
from starlette.testclient import TestClient

from compare.amend import amend_files, apply_text, decision_text
from compare.amend.api import harmonise_drafts, load_document
from compare.amend.items import kept_decision, make_draft
from compare.report import render_html
from compare.serve import create_app
from compare.serve.auth import SESSION_COOKIE
from compare.store import open_store
from compare.store import draft_models as dm
from support import JJJ, REPO, write_text
from support import run_cli as in_process
from test_amend import NEW, OLD

BASE = "http://127.0.0.1:8765"


@pytest.fixture()
def pair(tmp_path: Path) -> tuple[str, str]:
    return write_text(tmp_path, "old.md", OLD), write_text(tmp_path, "new.md", NEW)


def drafted(old: str, new: str):  # type: ignore[no-untyped-def]
    decision, comparison = amend_files(old, new)
    other = next(d.id for d in comparison.documents if d.id != comparison.base)
    return comparison, make_draft("amend", comparison, comparison.base, other, decision)


def run(*args: str, cwd: Path = REPO):  # type: ignore[no-untyped-def]
    return in_process(*args, cwd=cwd, env={"LEGISCOMPARE_DB": None})


def count(url: str, table: type) -> int:
    engine = create_engine(url)
    with engine.connect() as conn:
        n = conn.scalar(select(func.count()).select_from(table.__table__))
    engine.dispose()
    return n


# --- items and store ---------------------------------------------------------------------

def test_each_item_links_to_the_rows_it_comes_from(pair) -> None:
    comparison, draft = drafted(*pair)
    rows = {r.id: r for r in comparison.rows}
    assert draft.items and all(item.rows and set(item.rows) <= set(rows) for item in draft.items)
    added = next(i for i in draft.items if i.instructions[0].kind == "add_article")
    row = rows[added.rows[0]]
    assert row.cells[comparison.base] is None  # the new article's row, where only the new text has it
    assert len({i.fingerprint for i in draft.items}) == len(draft.items)


def test_drafts_round_trip_through_the_store(store_url, pair) -> None:
    comparison, draft = drafted(*pair)
    with open_store(store_url) as store:
        saved = store.save_comparison(comparison, [draft])
        [back] = store.drafts_for(saved.id)
    assert saved.instructions == len(draft.items)
    assert (back.kind, back.target, back.source) == ("amend", draft.target, draft.source)
    assert back.items == draft.items and back.decision.instructions == draft.decision.instructions
    assert decision_text(back.decision) == decision_text(draft.decision)


def test_re_running_replaces_the_draft_and_a_drop_survives(store_url, pair, tmp_path) -> None:
    comparison, draft = drafted(*pair)
    with open_store(store_url) as store:
        cid = store.save_comparison(comparison, [draft]).id
        store.save_comparison(comparison, [draft])
        assert count(store_url, dm.Draft) == 1 and count(store_url, dm.DraftInstruction) == len(draft.items)
        dropped = draft.items[0]
        store.record_instruction_decision(dropped.fingerprint, "dropped", "另行处理", "张三")
        # NEW revised elsewhere: a new comparison of the same documents drafts the same item again
        revised = write_text(tmp_path, "new2.md", NEW.replace("单位应当在五日内报告。", "单位应当在三日内报告。"))
        comparison2, draft2 = drafted(pair[0], revised)
        cid2 = store.save_comparison(comparison2, [draft2]).id
        [back] = store.drafts_for(cid2)
        assert cid2 != cid and back.is_dropped(back.items[0]) and back.items[0].fingerprint == dropped.fingerprint
        assert not any(back.is_dropped(i) for i in back.items[1:])
        store.record_instruction_decision(dropped.fingerprint, "kept", "", "李四")
        assert not store.drafts_for(cid2)[0].is_dropped(back.items[0])
        assert [d.status for d in store.instruction_history(dropped.fingerprint)] == ["dropped", "kept"]


def test_an_unknown_instruction_or_status_is_refused(store_url, pair) -> None:
    from compare.errors import InputError

    comparison, draft = drafted(*pair)
    with open_store(store_url) as store:
        store.save_comparison(comparison, [draft])
        with pytest.raises(InputError, match="no stored instruction"):
            store.record_instruction_decision("0" * 64, "dropped", "", "张三")
        with pytest.raises(InputError, match="unknown instruction decision"):
            store.record_instruction_decision(draft.items[0].fingerprint, "accepted", "", "张三")


def test_dropping_an_added_article_renumbers_the_later_ones_and_still_applies(pair) -> None:
    from compare.instrument.drafts import Draft, DraftItem
    from compare.instrument.model import Decision, Instruction, Target

    first = Instruction("add_article", (Target(1),), new="甲。", position=2)
    second = Instruction("add_article", (Target(3),), new="乙。", position=5)
    merge = Instruction("merge", (Target(5), Target(6)), new="丙。", position=7)
    decision = Decision("示例条例", [first, second, merge])
    draft = Draft("amend", "old", "new", decision, [DraftItem((ins,), (), str(i), str(i)) for i, ins in
                                                    enumerate(decision.instructions)])
    draft.dropped = {"0": type("Dropped", (), {"status": "dropped"})()}
    kept = kept_decision(draft, [(n, 0) for n in range(1, 8)])
    assert [(i.kind, i.position) for i in kept.instructions] == [("add_article", 4), ("merge", 6)]
    assert draft.decision.instructions == [first, second, merge]  # the draft itself is unchanged
    text = apply_text(load_document(pair[0]), kept)  # the kept instructions still fit the old text
    assert "第四条　乙。" in text.replace(" ", "　") and "甲。" not in text


def test_dropping_a_paragraph_instruction_moves_the_added_paragraphs_after_it(tmp_path) -> None:
    """Added 款 keep following the line they followed in the full draft: dropping the 删去
    of an earlier 款, or another 增加一款, gives them the place they then take (作为第Y款)."""
    from compare.instrument.drafts import Draft, DraftItem
    from compare.instrument.model import Decision, Instruction, Target

    old = write_text(tmp_path, "old.md", "# 示例条例\n\n第一条 总则。\n\n第二条 甲款。\n\n乙款。\n\n丙款。\n")
    document = load_document(old)
    delete = Instruction("delete_paragraph", (Target(2, 2),))
    first = Instruction("add_paragraph", (Target(2),), new="新一款。", position=2)
    second = Instruction("add_paragraph", (Target(2),), new="新二款。", position=4)
    decision = Decision("示例条例", [delete, first, second])

    def kept_without(index: int) -> list[tuple[int | None, str]]:
        draft = Draft("amend", "old", "new", decision, [DraftItem((ins,), (), str(i), str(i))
                                                        for i, ins in enumerate(decision.instructions)])
        draft.dropped = {str(index): type("Dropped", (), {"status": "dropped"})()}
        kept = kept_decision(draft, [1, 2], document)
        text = apply_text(document, kept)
        return [(i.position, i.new) for i in kept.instructions if i.kind == "add_paragraph"], text

    positions, text = kept_without(0)  # the 删去第二条第二款 dropped: 乙款 stays, 新二款 moves down one
    assert positions == [(2, "新一款。"), (5, "新二款。")]
    assert text.index("甲款") < text.index("新一款") < text.index("乙款") < text.index("丙款") < text.index("新二款")
    positions, text = kept_without(1)  # the first 增加一款 dropped: 新二款 follows 丙款, now 第三款
    assert positions == [(3, "新二款。")] and "乙款" not in text and text.index("丙款") < text.index("新二款")


# --- command line ------------------------------------------------------------------------

def test_amend_stores_by_default_like_compare_and_leaves_dropped_instructions_out(pair, tmp_path) -> None:
    out = tmp_path / "d.txt"
    first = run("amend", *pair, "-o", str(out), cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert (tmp_path / "legiscompare.db").exists() and "已存入数据库: #1" in first.stdout
    url = f"sqlite:///{tmp_path / 'legiscompare.db'}"
    with open_store(url) as store:
        [draft] = store.drafts_for(1)
        victim = draft.items[0]
        store.record_instruction_decision(victim.fingerprint, "dropped", "", "张三")
    again = run("amend", *pair, "-o", str(out), cwd=tmp_path)
    assert again.returncode == 0 and "1 项指令已被审查人删去" in again.stderr
    assert victim.text not in out.read_text("utf-8")
    assert count(url, dm.Draft) == 1
    alone = run("amend", *pair, "--no-db", cwd=tmp_path / "..")
    assert victim.text in alone.stdout and not (tmp_path.parent / "legiscompare.db").exists()


def test_a_failed_output_stores_nothing(pair, tmp_path, monkeypatch, capsys) -> None:
    import compare.report
    from compare.cli import main

    db = tmp_path / "x.db"
    blocked = tmp_path / "blocked"
    blocked.write_text("a file, not a folder")
    result = run("amend", *pair, "--db", f"sqlite:///{db}", "-o", str(tmp_path / "d.txt"), "--html",
                 str(blocked / "r.html"))
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert not db.exists() and not (tmp_path / "d.txt").exists()

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("renderer bug")

    monkeypatch.setattr(compare.report, "render_html", broken)
    with pytest.raises(SystemExit) as exit_:
        main(["amend", *pair, "--db", f"sqlite:///{db}", "-o", str(tmp_path / "d.txt"), "--html",
              str(tmp_path / "r.html")])
    assert exit_.value.code == 70 and "renderer bug" in capsys.readouterr().err
    assert not db.exists() and not (tmp_path / "d.txt").exists()


def test_harmonise_stores_one_draft_per_text_and_writes_reports(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'h.db'}"
    files = [str(JJJ / "tianjin-constructed.txt"), str(JJJ / "hebei-constructed.txt")]
    result = run("harmonise", "--base", str(JJJ / "beijing.txt"), *files, "-o", str(tmp_path / "out"), "--html",
                 "--db", url)
    assert result.returncode == 0, result.stderr
    assert "#1, #2" in result.stdout
    html = (tmp_path / "out" / "hebei-constructed.report.html").read_text("utf-8")
    assert "修改决定草案" in html and "在第六条中的“政务服务、”后增加“知识产权、”" in html
    with open_store(url) as store:
        assert [len(store.drafts_for(c)[0].items) for c in (1, 2)] == [1, 4]
    refused = run("harmonise", "--base", str(JJJ / "beijing.txt"), *files, "--html", "--no-db")
    assert refused.returncode == 2 and "-o" in refused.stderr


# --- HTML report -------------------------------------------------------------------------

def test_report_lists_instructions_linked_to_rows_and_back(pair) -> None:
    comparison, draft = drafted(*pair)
    html = render_html(comparison, "zh", None, [draft])
    assert html == render_html(comparison, "zh", None, [draft])  # deterministic
    assert '<section id="drafts"' in html and "关于修改《示例条例》的决定" in html
    for i, item in enumerate(draft.items, 1):
        assert f'id="ins-1-{i}"' in html
        for row in item.rows:
            assert f'href="#row-{row}"' in html and f'id="row-{row}"' in html
    assert 'href="#ins-1-1">修改决定第一项</a>' in html  # the row links back to its instruction
    assert "<section id=\"drafts\"" not in render_html(comparison, "zh")


def test_report_marks_dropped_instructions_and_speaks_english(pair) -> None:
    from compare.store.drafts import InstructionDecision

    comparison, draft = drafted(*pair)
    first = draft.items[0]
    draft.dropped = {first.fingerprint: InstructionDecision(1, first.fingerprint, 1, "dropped", "另议", "张三",
                                                            None)}  # type: ignore[arg-type]
    zh = render_html(comparison, "zh", None, [draft])
    assert 'class="instruction dropped"' in zh and "已删去（张三：另议）" in zh
    en = render_html(comparison, "en", None, [draft])
    assert "Draft amendment decisions" in en and "dropped (张三: 另议)" in en and 'href="#ins-1-1">Instruction 1</a>' in en
    for kind in ("replace words", "insert", "delete"):
        assert f'<span class="badge kind">{kind}</span>' in en
    assert "修改词语" not in en


def test_cli_report_is_byte_identical_on_re_run(pair, tmp_path) -> None:
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    assert run("amend", *pair, "--no-db", "--html", str(a)).returncode == 0
    assert run("--lang", "en", "amend", *pair, "--no-db", "--html", str(b)).returncode == 0
    assert run("amend", *pair, "--no-db", "--html", str(b)).returncode == 0
    assert a.read_bytes() == b.read_bytes()


# --- review app --------------------------------------------------------------------------

@pytest.fixture()
def served(tmp_path):  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'serve.db'}"
    [(_, comparison, draft)] = harmonise_drafts(str(JJJ / "beijing.txt"), [str(JJJ / "hebei-constructed.txt")])
    with open_store(url) as store:
        cid = store.save_comparison(comparison, [draft]).id
    with TestClient(create_app(url), base_url=BASE) as client:
        yield url, cid, draft, client


def _token(client: TestClient) -> str:
    client.get("/")
    return client.app.state.sessions.csrf(client.cookies.get(SESSION_COOKIE))


def _drop(client: TestClient, fp: str, cid: int, status: str = "dropped", csrf: str | None = None,
          headers: dict | None = None):  # type: ignore[no-untyped-def]
    data = {"comparison_id": str(cid), "status": status, "note": "地方特色", "reviewer": "王五", "view": "",
            "anchor": "ins-1-2", "csrf": csrf if csrf is not None else _token(client)}
    return client.post(f"/instructions/{fp}/decision", data=data, follow_redirects=False,
                       headers=headers if headers is not None else {"Origin": BASE})


def test_web_page_shows_the_drafts_with_a_drop_form_each(served) -> None:
    url, cid, draft, client = served
    html = client.get(f"/comparisons/{cid}").text
    assert html.count('action="/instructions/') == len(draft.items) == 4
    assert '<section id="drafts"' in html and 'href="#ins-1-1"' in html
    for item in draft.items:
        assert f'href="#row-{item.rows[0]}"' in html
    shown = client.get(f"/comparisons/{cid}?show=structural").text  # rows filtered out: linked on the full view
    assert f'href="/comparisons/{cid}?show=all#row-{draft.items[0].rows[0]}"' in shown


def test_web_drop_with_csrf_is_recorded_and_restored_and_the_export_leaves_it_out(served) -> None:
    url, cid, draft, client = served
    victim = draft.items[1]
    response = _drop(client, victim.fingerprint, cid)
    assert response.status_code == 303 and response.headers["location"] == f"/comparisons/{cid}#ins-1-2"
    with open_store(url) as store:
        [back] = store.drafts_for(cid)
        assert back.is_dropped(back.items[1]) and back.dropped[victim.fingerprint].reviewer == "王五"
    page = client.get(f"/comparisons/{cid}").text
    assert 'class="instruction dropped"' in page and "已删去（王五：地方特色）" in page and "审查记录" in page
    text = client.get(f"/comparisons/{cid}/drafts/1.txt").text
    assert victim.text not in text and draft.items[0].text in text and text.startswith("一、") is False
    assert _drop(client, victim.fingerprint, cid, "kept").status_code == 303
    assert victim.text in client.get(f"/comparisons/{cid}/drafts/1.txt").text
    with open_store(url) as store:
        assert [d.status for d in store.instruction_history(victim.fingerprint)] == ["dropped", "kept"]


def test_web_forged_or_bad_drops_are_refused_and_record_nothing(served) -> None:
    url, cid, draft, client = served
    fp = draft.items[0].fingerprint
    assert _drop(client, fp, cid, csrf="forged").status_code == 403
    assert _drop(client, fp, cid, headers={"Origin": "http://evil.example"}).status_code == 403
    assert _drop(client, "f" * 64, cid).status_code == 404
    assert _drop(client, fp, cid, status="accepted").status_code == 400
    assert client.get(f"/comparisons/{cid}/drafts/9.txt").status_code == 404
    with open_store(url) as store:
        assert store.instruction_history(fp) == []


def test_wording_checks_are_stored_reported_and_shown_in_the_app(tmp_path) -> None:
    """Jurisdiction words harmonise drafted without evidence travel with the draft: the
    report and the review page list them, each linked to the instruction it concerns."""
    from test_amend_wording import BJ_TEXT, HE_TEXT

    base, other = write_text(tmp_path, "bj.txt", BJ_TEXT), write_text(tmp_path, "he.txt", HE_TEXT)
    [(_, comparison, draft)] = harmonise_drafts(base, [other])
    assert draft.decision.checks
    expected = "第三条：“本市”按职能写作“本省”；如指该地本身，应写作“北京市”"
    html = render_html(comparison, "zh", None, [draft])
    anchor = html[html.index('<div class="draft-checks">'):].split('href="#', 1)[1].split('"', 1)[0]
    assert "请核对的措辞" in html and expected in html and f'id="{anchor}"' in html
    assert "if it names that jurisdiction itself" in render_html(comparison, "en", None, [draft])
    url = f"sqlite:///{tmp_path / 'checks.db'}"
    with open_store(url) as store:
        cid = store.save_comparison(comparison, [draft]).id
        assert store.drafts_for(cid)[0].decision.checks == draft.decision.checks
    with TestClient(create_app(url), base_url=BASE) as client:
        assert expected in client.get(f"/comparisons/{cid}").text
