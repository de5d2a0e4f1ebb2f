"""Display spoofing (issue 31 item 4): invisible, control and direction characters in file
names, titles, notes and reviewer names are shown as ``<U+XXXX>`` in reports, ``serve`` and
the terminal, and refused where a reviewer types them; the legal text is never touched."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from starlette.testclient import TestClient
from support import JJJ_FILES, run_cli
from test_serve import BASE, ORIGIN, csrf, decisions, find, post_decision, seed

from compare.errors import InputError, shown_path
from compare.report import render_html
from compare.report.csv_export import to_csv
from compare.serve import create_app
from compare.serve.auth import hash_password
from compare.store import difference_fingerprints, open_store
from compare.store import models as db
from compare.store.comments import add_comment, comments_for
from compare.store.exchange import import_records
from compare.store.exchange import to_csv as decisions_csv
from compare.visible import has_controls, hidden_char, visible

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: "report\u202egpj.txt" reads "reporttxt.jpg"
SPOOFS = ["\u202a", "\u202b", "\u202c", "\u202d", RLO, "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f",
          "\u061c", "\u200b", "\u200c", "\u200d", "\ufeff", "\u2028", "\u2029", "\x00", "\x1b", "\x7f", "\x85", "\x9b"]


# --- the helper ------------------------------------------------------------------------

@pytest.mark.parametrize("char", SPOOFS)
def test_each_hidden_character_is_written_as_its_code_point(char: str) -> None:
    code = f"U+{ord(char):04X}"
    assert visible(f"甲{char}乙") == f"甲<{code}>乙"
    assert hidden_char(f"甲{char}乙") == code and has_controls(char)
    assert visible(visible(f"甲{char}乙")) == visible(f"甲{char}乙")  # idempotent


def test_ordinary_text_is_unchanged_and_notes_keep_their_lines() -> None:
    for text in ("北京市　人民代表大会（2023年）", "Zhang San", "《条例》第一条、第二款；", ""):
        assert visible(text) == text and hidden_char(text) is None  # U+3000 is a space, not hidden
    assert visible("一\n二\t三", lines=True) == "一\n二\t三" and not has_controls("一\n二\t三", lines=True)
    assert visible("一\n二\t三") == "一<U+000A>二<U+0009>三" and hidden_char("一\n二") == "U+000A"
    assert visible("一\r\n二", lines=True) == "一<U+000D>\n二"


def test_shown_path_makes_direction_marks_visible() -> None:
    assert shown_path(f"texts/report{RLO}gpj.txt") == "texts/report<U+202E>gpj.txt"
    assert shown_path("a\nb\u200b.txt") == "a\\nb<U+200B>.txt"  # control escapes kept, idempotent
    assert shown_path(shown_path(f"x{RLO}\x85.txt")) == "x<U+202E><U+0085>.txt"
    assert RLO not in InputError(f"a{RLO}txt.txt", "empty").message("en")


# --- reports and the terminal ----------------------------------------------------------

@pytest.fixture
def spoofed(tmp_path: Path) -> tuple[Path, list[str]]:
    """The demo texts, Beijing's under a name and title with a right-to-left override."""
    texts = [shutil.copy(f, tmp_path) for f in JJJ_FILES]
    beijing = Path(texts[0])
    title, rest = beijing.read_text(encoding="utf-8").split("\n", 1)
    spoof = tmp_path / f"beijing{RLO}gpj.txt"
    spoof.write_text(f"{title}{RLO}（草案）\n{rest}", encoding="utf-8")
    beijing.unlink()
    return tmp_path, [str(spoof), *texts[1:]]


def _displayed(html: str) -> str:
    """The page without attribute values a reader never sees (a filter's option value)."""
    return re.sub(r'value="[^"]*"', "", html)


def test_compare_shows_a_spoofed_file_name_and_title_escaped(spoofed) -> None:
    folder, texts = spoofed
    report, table, word = folder / f"report{RLO}lmth.html", folder / "differences.csv", folder / "table.docx"
    ran = run_cli("compare", *texts, "-o", str(report), "--csv", str(table), "--docx", str(word), "--no-db")
    assert ran.returncode == 0, ran.stderr
    assert "report<U+202E>lmth.html" in ran.stdout and RLO not in ran.stdout + ran.stderr
    html = report.read_text(encoding="utf-8")
    assert "beijing&lt;U+202E&gt;gpj.txt" in html and "的决定&lt;U+202E&gt;（草案）" in html
    assert RLO not in html
    assert RLO not in table.read_text(encoding="utf-8-sig")
    with zipfile.ZipFile(word) as docx:
        xml = docx.read("word/document.xml").decode("utf-8") + docx.read("docProps/core.xml").decode("utf-8")
    assert "beijing&lt;U+202E&gt;gpj.txt" in xml and RLO not in xml


def test_a_spoofed_file_name_is_still_found_by_base_and_jurisdiction(spoofed) -> None:
    from compare.pipeline import Options, compare_files

    _, texts = spoofed
    comparison = compare_files(texts, Options(base=texts[0], jurisdictions={Path(texts[0]).name: "天津市"}))
    base = comparison.documents[0]
    assert base.source.name == "beijing<U+202E>gpj.txt" and comparison.base == base.id
    assert (base.jurisdiction.name, base.jurisdiction.source) == ("天津市", "given")
    assert base.title.endswith(f"决定{RLO}（草案）")  # the text itself is kept as read


def test_a_missing_spoofed_file_is_named_escaped_in_one_line(tmp_path: Path) -> None:
    ran = run_cli("compare", str(tmp_path / f"missing{RLO}txt.txt"), JJJ_FILES[0], "--no-db")
    assert ran.returncode == 2 and ran.stderr.count("\n") == 1
    assert "missing<U+202E>txt.txt" in ran.stderr and RLO not in ran.stderr


def test_legacy_names_and_notes_are_escaped_in_html_csv_and_the_decisions_export(jjj_comparison) -> None:
    first = next(fp for row, fps in zip(jjj_comparison.rows, difference_fingerprints(jjj_comparison))
                 for diff, fp in zip(row.differences, fps) if diff.category != "formatting")
    legacy = SimpleNamespace(status="accepted", note=f"见{RLO}说明\n第二行", reviewer=f"张{RLO}三\x00")
    html = render_html(jjj_comparison, "zh", {first: legacy})
    assert "张&lt;U+202E&gt;三&lt;U+0000&gt;" in html and "见&lt;U+202E&gt;说明" in html and RLO not in html
    table = to_csv(jjj_comparison, "zh", {first: legacy})
    assert "张<U+202E>三<U+0000>" in table and "见<U+202E>说明¶第二行" in table and RLO not in table
    exported = decisions_csv([{"fingerprint": first, "note": legacy.note, "reviewer": legacy.reviewer,
                               "old": f"原文{RLO}"}])
    assert "张<U+202E>三<U+0000>" in exported and "见<U+202E>说明\n第二行" in exported
    assert f"原文{RLO}" in exported  # the compared text itself is never altered


# --- refusals in the store, the CLI and serve ---------------------------------------------

def test_the_store_refuses_hidden_characters_in_reviewers_notes_comments_and_accounts(tmp_path, jjj_comparison) -> None:
    url = f"sqlite:///{tmp_path / 's.db'}"
    cid = seed(url, jjj_comparison)
    target = find(url, cid, "item15", "hebei-constructed", "normative").fingerprint
    with open_store(url) as store:
        for note, reviewer in (("", "张三\x00"), ("", f"张{RLO}三"), (f"说明{RLO}", "张三"), ("说明\x07", "张三")):
            with pytest.raises(InputError) as refused:
                store.record_decision(target, "accepted", note, reviewer, comparison_id=cid)
            assert "invisible or control character" in refused.value.message("en")
        with pytest.raises(InputError):
            add_comment(store, cid, target, f"李{RLO}四", "意见")
        with pytest.raises(InputError):
            add_comment(store, cid, target, "李四", "意见\u2066")
        with pytest.raises(InputError):
            store.set_account(f"张{RLO}三", hash_password("correct horse battery"))
        kept = store.record_decision(target, "accepted", "第一行\n\t第二行", "张三", comparison_id=cid)
        assert kept.note == "第一行\n\t第二行"
        assert comments_for(store, cid) == {} and store.account_names() == []


@pytest.fixture
def reviewed(tmp_path: Path) -> tuple[str, str]:
    """(database URL, a fingerprint) after ``compare`` stored the demo texts."""
    db_url = f"sqlite:///{tmp_path / 'r.db'}"
    assert run_cli("compare", *JJJ_FILES, "--db", db_url).returncode == 0
    listing = run_cli("review", "list", "--db", db_url).stdout
    return db_url, re.findall(r"│ ([0-9a-f]{12}) ", listing)[0]


@pytest.mark.parametrize("extra, code", [(["--reviewer", "张三\x00"], "U+0000"), (["--reviewer", f"张{RLO}三"], "U+202E"),
                                         (["--reviewer", "张三", "--note", "说明\u200b"], "U+200B")])
def test_review_set_refuses_a_hidden_character_in_one_line(reviewed, extra: list[str], code: str) -> None:
    db_url, fingerprint = reviewed
    ran = run_cli("review", "set", fingerprint, "accepted", *extra, "--db", db_url)
    assert ran.returncode == 2 and ran.stderr.count("\n") == 1, ran.stderr
    assert f"含有不可见字符或控制字符（{code}）" in ran.stderr
    assert RLO not in ran.stderr and "\x00" not in ran.stderr
    assert ("说明" if "--note" in extra else "审查人姓名") in ran.stderr
    english = run_cli("--lang", "en", "review", "set", fingerprint, "accepted", *extra, "--db", db_url)
    assert english.returncode == 2 and f"invisible or control character ({code})" in english.stderr
    with open_store(db_url) as store:
        assert store.decisions_for(1) == {}


def test_review_import_refuses_a_spoofed_reviewer_before_recording_anything(reviewed, tmp_path: Path) -> None:
    db_url, fingerprint = reviewed
    with open_store(db_url) as store:
        full = next(d.fingerprint for d in store.differences(1) if d.fingerprint.startswith(fingerprint))
        records = [{"fingerprint": full, "status": "accepted", "note": "", "reviewer": "张三"},
                   {"fingerprint": full, "status": "fixed", "note": "", "reviewer": f"李{RLO}四"}]
        with pytest.raises(InputError):
            import_records(store, records)
        assert store.decisions_for(1) == {}
    exported = tmp_path / "decisions.json"
    exported.write_text(json.dumps({"format": "legiscompare-decisions", "version": 1, "decisions": records}),
                        encoding="utf-8")
    ran = run_cli("review", "import", str(exported), "--db", db_url)
    assert ran.returncode == 2 and ran.stderr.count("\n") == 1 and RLO not in ran.stderr
    assert "文件中第 2 项决定：审查人姓名含有不可见字符或控制字符（U+202E）" in ran.stderr


def test_accounts_add_refuses_a_spoofed_name(tmp_path: Path) -> None:
    ran = run_cli("accounts", "add", f"张{RLO}三", "--password-stdin", "--db", f"sqlite:///{tmp_path / 'a.db'}",
                  stdin="correct horse battery\n")
    assert ran.returncode == 2 and "账号名称含有不可见字符或控制字符（U+202E）" in ran.stderr and RLO not in ran.stderr


@pytest.mark.parametrize("reviewer, note, message", [
    (f"张{RLO}三", "", "审查人姓名含有不可见字符或控制字符（U+202E）"),
    ("张三\x00", "", "审查人姓名含有不可见字符或控制字符（U+0000）"),
    ("张三", "说明\u2067", "说明含有不可见字符或控制字符（U+2067）"),
])
def test_serve_refuses_a_decision_with_a_hidden_character(seeded, reviewer: str, note: str, message: str) -> None:
    url, cid, client = seeded
    target = find(url, cid, "item15", "hebei-constructed", "normative")
    response = post_decision(client, target.fingerprint, cid, note=note, reviewer=reviewer)
    assert response.status_code == 400 and message in response.text and 'role="alert"' in response.text
    assert decisions(url, cid) == {}
    bulk = client.post(f"/comparisons/{cid}/decisions", headers=ORIGIN, follow_redirects=False,
                       data={"status": "accepted", "note": note, "reviewer": reviewer, "view": "", "scope": "shown",
                             "csrf": csrf(client)})
    assert bulk.status_code == 400 and message in bulk.text and decisions(url, cid) == {}


def test_serve_refuses_a_comment_with_a_hidden_character(seeded) -> None:
    url, cid, client = seeded
    target = find(url, cid, "item15", "hebei-constructed", "normative")
    for author, text in ((f"李{RLO}四", "意见"), ("李四\x00", "意见"), ("李四", f"意见{RLO}")):
        response = client.post(f"/differences/{target.fingerprint}/comments", headers=ORIGIN, follow_redirects=False,
                               data={"comparison_id": cid, "text": text, "reviewer": author, "view": "",
                                     "csrf": csrf(client)})
        assert response.status_code == 400 and "含有不可见字符或控制字符" in response.text
        assert RLO not in response.text
    with open_store(url) as store:
        assert comments_for(store, cid) == {}


def test_serve_shows_a_legacy_spoofed_reviewer_escaped(seeded) -> None:
    url, cid, client = seeded
    target = find(url, cid, "item15", "hebei-constructed", "normative")
    with open_store(url) as store, store.session(write=True) as session:  # written before names were checked
        session.add(db.ReviewDecisionRow(difference_fingerprint=target.fingerprint, comparison_id=cid,
                                         status="accepted", note=f"说明{RLO}", reviewer=f"张{RLO}三",
                                         created_at=datetime.now(UTC)))
    page = client.get(f"/comparisons/{cid}").text
    assert "张&lt;U+202E&gt;三" in page and "说明&lt;U+202E&gt;" in page
    assert RLO not in _displayed(page)
    listing = client.get("/").text
    assert "张&lt;U+202E&gt;三" in listing and RLO not in listing


def test_serve_login_refuses_a_spoofed_account_name(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'login.db'}"
    with open_store(url) as store:
        store.set_account("张三", hash_password("correct horse battery"))
    with TestClient(create_app(url, allowed_hosts=None, accounts=True), base_url=BASE) as client:
        token = re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/login").text).group(1)
        response = client.post("/login", headers=ORIGIN, follow_redirects=False,
                               data={"name": f"张三{RLO}", "password": "correct horse battery", "csrf": token})
        assert response.status_code == 400 and "账号名称含有不可见字符或控制字符（U+202E）" in response.text
