"""``legiscompare corpus``: index, re-index, similar and families on a synthetic corpus, on Dask.

The corpus (written to tmp_path) has regulations of 北京市, 浙江省 and 河南省 sharing a
coordination clause that differs only in 本市 / 本省 and 市 / 省人民政府, a national law
article that Beijing copies verbatim and Henan with 应当 → 可以, a stub without provisions
and a text whose jurisdiction cannot be placed. Dask runs on one in-process LocalCluster
for the module; ``test_index_on_worker_processes`` starts real worker processes once.
"""

from __future__ import annotations

import re

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from compare.cli import build_cli
from compare.cli.corpus import register_corpus
from compare.corpus import (FamilyOptions, dask_client, families_to_json, find_families, index_directory,
                            render_families_html, similar_to_file, similar_to_provision)
from compare.store import open_store

SHARED = "{self}建立健全生活垃圾分类工作协调机制，{gov}人民政府应当加强对生活垃圾分类工作的领导，将生活垃圾分类工作纳入国民经济和社会发展规划，所需经费列入本级财政预算。"
NATIONAL = "产生生活垃圾的单位、家庭和个人应当依法履行生活垃圾源头减量和分类投放义务，承担生活垃圾产生者责任。"
UNIQUE = {
    "北京市": "本市餐饮服务提供者不得主动向消费者提供一次性筷子、叉子、勺子、洗漱用品等。",
    "浙江省": "沿海港口、码头应当配备船舶垃圾接收设施，做好船舶生活垃圾的接收和转运工作。",
    "河南省": "农村地区应当因地制宜推进生活垃圾就地分类和资源化利用，鼓励建设有机垃圾堆肥设施。",
}


def regulation(name: str, self_word: str, gov: str, date: str, shared_national: str) -> str:
    return (f"# {name}生活垃圾管理条例\n\n{date} {name}第十三届人民代表大会常务委员会第十次会议通过\n\n"
            f"<!-- INFO END -->\n\n## 第一章 总则\n\n"
            f"第一条 为了加强{name}生活垃圾管理工作，根据有关法律法规制定本条例。\n\n"
            f"第二条 {SHARED.format(self=self_word, gov=gov)}\n\n第三条 {shared_national}\n\n"
            f"第四条 {UNIQUE[name]}\n")


@pytest.fixture(scope="module")
def client():
    with dask_client(workers=1, processes=False) as c:
        yield c


@pytest.fixture()
def corpus(tmp_path) -> Path:
    root = tmp_path / "corpus"
    for folder, text in {
        "beijing/北京市生活垃圾管理条例(2020-05-01).md": regulation("北京市", "本市", "市", "2019年11月27日", NATIONAL),
        "zhejiang/浙江省生活垃圾管理条例(2020-12-01).md": regulation("浙江省", "本省", "省", "2020年9月24日",
                                                             "单位和个人应当积极参与生活垃圾分类，自觉履行义务。"),
        "henan/河南省生活垃圾管理条例(2022-03-01).md": regulation("河南省", "本省", "省", "2021年11月25日",
                                                          NATIONAL.replace("应当", "可以")),
        "national/中华人民共和国固体废物污染环境防治法(2020-04-29).md":
            "# 中华人民共和国固体废物污染环境防治法\n\n<!-- INFO END -->\n\n第四十九条 " + NATIONAL + "\n\n"
            "第五十条 国家推行生活垃圾分类制度，坚持政府推动、全民参与、城乡统筹、因地制宜、简便易行的原则。\n",
        "other/stub.md": "# 某条例\n\n<!-- INFO END -->\n\n（本条例已废止，文本从略。）\n",
        "other/某某市养犬管理条例.md": "# 某某市养犬管理条例\n\n<!-- INFO END -->\n\n第一条 本市行政区域内的养犬管理适用本条例。\n",
    }.items():
        path = root / folder
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture()
def store(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'corpus.db'}") as s:
        yield s


def test_index_then_reindex_only_what_changed(corpus, store, client):
    first = index_directory(corpus, store, client=client)
    assert (first.files, first.new, first.indexed, first.failed, first.skipped) == (6, 6, 4, 1, 1)
    assert {(Path(p).name, r) for p, r, _ in first.problems} == {("stub.md", "no_structure"),
                                                                ("某某市养犬管理条例.md", "local_no_jurisdiction")}
    assert first.provisions == first.total_provisions == 14  # 4 per regulation, 2 national

    again = index_directory(corpus, store, client=client)
    assert (again.unchanged, again.indexed, again.provisions, again.total_provisions) == (6, 0, 0, 14)

    zhejiang = next(corpus.glob("zhejiang/*.md"))
    zhejiang.write_text(zhejiang.read_text(encoding="utf-8") + "\n第五条 本条例自2021年1月1日起施行。省人民政府应当根据本条例制定实施细则并向社会公布。\n",
                        encoding="utf-8")
    touched = next(corpus.glob("beijing/*.md"))
    os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 10**9))  # same bytes
    next(corpus.glob("henan/*.md")).unlink()
    third = index_directory(corpus, store, client=client)
    assert (third.changed, third.indexed, third.unchanged, third.removed) == (1, 1, 4, 1)
    assert third.total_provisions == 14 + 1 - 4


def test_a_new_parser_version_reindexes_every_file(corpus, store, client, monkeypatch):
    index_directory(corpus, store, client=client)
    from compare.corpus import settings

    monkeypatch.setattr(settings, "PARSER_VERSION", settings.PARSER_VERSION + 1)  # parse() now reads texts anew
    again = index_directory(corpus, store, client=client)
    assert (again.changed, again.unchanged, again.indexed) == (6, 0, 4)  # every file read again


def test_families_show_jurisdictional_and_substantive_differences(corpus, store, client):
    index_directory(corpus, store, client=client)
    families, _ = find_families(store, corpus, FamilyOptions(), client)
    shared = next(f for f in families if "生活垃圾分类工作协调机制" in f.reading.text)
    assert shared.jurisdictions == ["北京市", "河南省", "浙江省"] and shared.documents == 3
    assert all(m.similarity == 1.0 for m in shared.members)
    others = [m for m in shared.members if not m.reading]
    assert {m.status for m in others} == {"jurisdictional"}
    assert {d["class"] for m in others for d in m.differences if d["category"] != "formatting"} == {"self_reference"}

    copied = next(f for f in families if "源头减量" in f.reading.text)
    by_place = {m.jurisdiction: m for m in copied.members}
    assert set(by_place) == {"中华人民共和国", "北京市", "河南省"}
    assert copied.reading.jurisdiction != "河南省" and by_place["北京市"].status in ("identical", "formatting")
    assert by_place["河南省"].status == "substantive"
    assert any(d["class"] == "normative" for d in by_place["河南省"].differences)

    html = render_families_html(families, {"families": len(families), "members": 0, "provisions": 14})
    assert "<mark class=\"eq jur\"" in html and "legiscompare compare" in html
    data = json.loads(families_to_json(families, {"families": len(families)}))
    assert data["schema_version"] == 1 and data["families"][0]["members"][0]["reading"] is True


def test_similar_lists_other_documents_with_a_compare_command(corpus, store, client, monkeypatch):
    index_directory(corpus, store, client=client)
    beijing = next(corpus.glob("beijing/*.md"))
    result = similar_to_file(store, str(beijing), top=5)
    assert result.jurisdiction == "北京市"
    shared = next(q for q in result.queries if "协调机制" in q.text)
    assert {m.jurisdiction for m in shared.matches} == {"浙江省", "河南省"}
    assert all(m.similarity == 1.0 and "legiscompare compare" in m.compare_command for m in shared.matches)
    assert all("北京市" != m.jurisdiction for q in result.queries for m in q.matches)  # not its own text
    monkeypatch.chdir(corpus)  # the match's stored absolute path, shown as one would type it here
    command = similar_to_file(store, "beijing/" + beijing.name, top=5).queries[0].matches[0].compare_command
    assert command.startswith("legiscompare compare 'beijing/") and str(corpus) not in command
    assert re.search(r" '(zhejiang|henan)/", command), command

    again = similar_to_provision(store, shared.matches[0].id, top=5, other_jurisdictions=True)
    assert {m.jurisdiction for m in again.queries[0].matches} == {"北京市", "河南省", "浙江省"} - {again.jurisdiction}


def test_cli_index_families_similar(corpus, tmp_path, client, monkeypatch):
    monkeypatch.setenv("LEGISCOMPARE_LANG", "zh")  # --lang sets it for the process: restored afterwards
    cli = build_cli()
    register_corpus(cli)
    runner = CliRunner()
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    address = ["--scheduler", client.scheduler.address]
    result = runner.invoke(cli, ["corpus", "index", str(corpus), "--db", db, *address])
    assert result.exit_code == 0, result.output
    assert "已索引" in result.output and "某某市养犬管理条例.md" in result.output
    out = tmp_path / "reports" / "families.html"
    result = runner.invoke(cli, ["--lang", "en", "corpus", "families", str(corpus), "--db", db, *address,
                                 "-o", str(out), "--json", str(tmp_path / "f.json")])
    assert result.exit_code == 0, result.output
    assert "text-reuse families" in result.output and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    result = runner.invoke(cli, ["corpus", "similar", str(next(corpus.glob("zhejiang/*.md"))), "--db", db, "--top", "1"])
    assert result.exit_code == 0 and "legiscompare compare" in result.output
    result = runner.invoke(cli, ["corpus", "similar", "987654", "--db", db])
    assert result.exit_code == 2 and "987654" in result.output


def test_every_corpus_command_has_help_with_an_example():
    cli = build_cli()
    register_corpus(cli)
    register_corpus(cli)  # a second registration (or another module's corpus group) is harmless
    group = cli.commands["corpus"]
    for name in ("index", "similar", "families"):
        command = group.commands[name]
        assert command.help and "legiscompare corpus " + name in (command.epilog or "")  # the example, after the options


def test_index_on_worker_processes(corpus, store):
    """The same code on real worker processes: nothing unpicklable travels."""
    with dask_client(workers=2, processes=True) as procs:
        summary = index_directory(corpus, store, client=procs)
    assert (summary.indexed, summary.total_provisions) == (4, 14)


@pytest.mark.corpus
def test_real_corpus_beijing_and_air_pollution(corpus_dir, tmp_path, client):
    """Real texts: the 本市与天津市、河北省 clause of Beijing's two 优化营商环境条例 versions, and
    provincial 大气污染防治条例 articles repeating the national 大气污染防治法."""
    lawref = corpus_dir / "lawrefbook"
    with open_store(f"sqlite:///{tmp_path / 'real.db'}") as store:
        index_directory(lawref / "北京地方法规", store, client=client)
        families, _ = find_families(store, lawref / "北京地方法规", FamilyOptions(
            search=FamilyOptions().search.__class__(min_similarity=0.75), min_jurisdictions=1, min_works=1), client)
        coordination = [f for f in families if "本市与天津市、河北省" in f.reading.text]
        assert coordination and {m.number for m in coordination[0].members} == {"第八条", "第九条"}

        air = tmp_path / "air"
        air.mkdir()
        for name in ["行政法/大气污染防治法(2018-10-26).md", "河南地方法规/地方性法规/河南/河南省大气污染防治条例.md",
                     "广东地方法规/地方性法规/广东/广东省大气污染防治条例(2022-11-30).md",
                     "河南地方法规/地方性法规/河南/南阳市大气污染防治条例(2020-01-16).md"]:
            (air / Path(name).name).write_bytes((lawref / name).read_bytes())
        index_directory(air, store, client=client)
        families, _ = find_families(store, air, FamilyOptions(), client)
        national = [f for f in families if "中华人民共和国" in f.jurisdictions
                    and {"河南省", "广东省"} & set(f.jurisdictions)]
        assert len(national) >= 2
        assert any(m.status == "identical" and m.jurisdiction == "南阳市" for f in families for m in f.members
                   if "中华人民共和国" in f.jurisdictions)


def test_index_reuses_stored_documents_on_both_databases(corpus, store_url, client):
    """SQLite and PostgreSQL: a text already stored by ``compare`` keeps its documents row."""
    from sqlalchemy import func, select

    from compare.pipeline import compare_files
    from compare.store import models as db

    files = sorted(str(p) for p in corpus.glob("*/*生活垃圾管理条例*.md"))
    with open_store(store_url) as store:
        store.save_comparison(compare_files(files))
        with store.session() as session:
            before = session.scalar(select(func.count()).select_from(db.Document))
        summary = index_directory(corpus, store, client=client)
        with store.session() as session:
            after = session.scalar(select(func.count()).select_from(db.Document))
        assert summary.indexed == 4 and after == before + 1  # only the national law is new
        families, _ = find_families(store, corpus, FamilyOptions(), client)
        assert any("生活垃圾分类工作协调机制" in f.reading.text for f in families)


@pytest.mark.corpus
def test_benchmark_runs_on_a_small_sample(corpus_dir, client):
    """benchmarks/corpus_scale.py end to end on 1 % of lawrefbook (structure only, not speed)."""
    import sys

    repo = str(Path(__file__).resolve().parents[1])
    if repo not in sys.path:  # benchmarks/ is not an installed package
        sys.path.insert(0, repo)
    from benchmarks.corpus_scale import report, run_fraction, sample

    small = run_fraction(0.01, 1, client.scheduler.address)
    assert 0 < small["files"] < 100 and small["provisions"] > 0 and small["peak_mb"] > 0
    assert "growth k" in report([small])
    files = sorted((corpus_dir / "lawrefbook").rglob("*.md"))
    assert set(sample(files, 0.25)) <= set(sample(files, 0.5))  # nested samples


def test_families_json_is_byte_identical_across_fresh_indexes(corpus, tmp_path):
    outputs = []
    for n in range(2):
        with dask_client(workers=2, processes=False) as pool, open_store(f"sqlite:///{tmp_path / f'd{n}.db'}") as s:
            index_directory(corpus, s, client=pool)
            families, _ = find_families(s, corpus, FamilyOptions(), pool)
            outputs.append(families_to_json(families, {"families": len(families)}))
    assert outputs[0] == outputs[1]


def test_corpus_commands_show_progress_only_on_a_terminal(corpus, tmp_path, client, monkeypatch):
    """Progress goes to stderr and only when it is a terminal: redirected runs hold no bar,
    no label and no carriage return; paths are shown under the folder as typed."""
    from compare import terminal

    monkeypatch.setenv("LEGISCOMPARE_LANG", "zh")
    monkeypatch.chdir(corpus.parent)
    cli = build_cli()
    runner = CliRunner()
    address = ["--scheduler", client.scheduler.address]
    quiet = [runner.invoke(cli, ["corpus", "stats", "corpus"]),
             runner.invoke(cli, ["corpus", "index", "corpus", "--db", "quiet.db", *address]),
             runner.invoke(cli, ["corpus", "families", "corpus", "--db", "quiet.db", *address])]
    for result in quiet:
        assert result.exit_code == 0, result.output
        assert result.stderr == "" and "\r" not in result.output and "\x1b[" not in result.output
        assert not any(label in result.output for label in ("读取并解析", "解析并计算指纹", "载入条款", "核对候选条款对", "划分家族"))
    assert "  corpus/other/某某市养犬管理条例.md: " in quiet[1].output and str(corpus) not in quiet[1].output

    monkeypatch.setattr(terminal, "stderr_is_terminal", lambda: True)
    shown = [runner.invoke(cli, ["corpus", "stats", "corpus"]),
             runner.invoke(cli, ["corpus", "families", "corpus", "--db", "shown.db", *address])]
    assert all(r.exit_code == 0 for r in shown), [r.output for r in shown]
    assert "读取并解析" in shown[0].stderr and "读取并解析" not in shown[0].stdout
    assert all(label in shown[1].stderr for label in ("解析并计算指纹", "载入条款", "核对候选条款对", "划分家族"))


def test_reading_corpus_commands_never_create_a_database(corpus, tmp_path, monkeypatch):
    monkeypatch.setenv("LEGISCOMPARE_LANG", "zh")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    for args in (["corpus", "similar", str(next(corpus.glob("beijing/*.md"))), "--db", "sqlite:///missing.db"],
                 ["corpus", "similar", "12", "--db", "missing.db"],
                 ["corpus", "families", str(corpus), "--no-index", "--db", "sqlite:///missing.db"]):
        result = runner.invoke(build_cli(), args)
        assert result.exit_code == 2, result.output
        assert result.output.strip().splitlines() == ["legiscompare: 错误: missing.db: 数据库不存在（未新建文件）"]
        assert not (tmp_path / "missing.db").exists()


def test_a_reindex_with_nothing_to_read_starts_no_workers(corpus, store, client):
    index_directory(corpus, store, client=client)
    with dask_client(workers=1, processes=False) as lazy:
        summary = index_directory(corpus, store, client=lazy)
        assert summary.unchanged == summary.files > 0 and summary.indexed == 0
        assert lazy._client is None  # no cluster was started
    with dask_client(workers=1, processes=False) as lazy:
        (corpus / "beijing" / "北京市新条例.md").write_text(
            (next(corpus.glob("beijing/*.md"))).read_text(encoding="utf-8").replace("生活垃圾", "餐厨垃圾"),
            encoding="utf-8")
        assert index_directory(corpus, store, client=lazy).new == 1
        assert lazy._client is not None
