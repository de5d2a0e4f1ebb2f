"""Review at speed in ``compare.serve``: the report's rendering, combined filters kept across
saves, bulk decisions, the remembered reviewer and the progress line (TestClient).

Tests taking ``store_url`` run on SQLite and on PostgreSQL (see conftest.py).
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from starlette.testclient import TestClient

from compare.serve import create_app
from compare.serve.views import BadView, View
from compare.store import open_store
from test_serve import BASE, ORIGIN, csrf, decisions, find, post_decision, reviewable, row_ids, seed


def jurisdictional(url: str, cid: int) -> list[str]:
    return [d.fingerprint for d in reviewable(url, cid) if d.category == "jurisdictional"]


def bulk(client: TestClient, cid: int, scope: str, view: str = "", fingerprints: tuple[str, ...] = (),
         status: str = "accepted", note: str = "本地自称，无需协调", reviewer: str = "李四"):
    data = {"status": status, "note": note, "reviewer": reviewer, "view": view, "scope": scope,
            "fingerprint": list(fingerprints), "csrf": csrf(client)}
    return client.post(f"/comparisons/{cid}/decisions", data=data, headers=ORIGIN, follow_redirects=False)


@pytest.fixture
def client_on(store_url, jjj_comparison):
    cid = seed(store_url, jjj_comparison)
    with TestClient(create_app(store_url), base_url=BASE) as client:
        yield store_url, cid, client


def test_rows_show_the_reports_redline_and_jurisdiction_marks(client_on) -> None:
    _, cid, client = client_on
    html = client.get(f"/comparisons/{cid}").text
    row = html[html.index('<tr id="row-item15"'):]
    row = row[:row.index("</tr>")]
    assert "<del" in row and "<ins" in row  # the redline of the changed wording
    assert '<mark class="jur">' in html or '<mark class="eq jur"' in html  # 本市 / 本省 highlighted
    assert 'class="badge substantive"' in row
    assert "快捷键：j / k" in html and "built-in method" not in html


def test_bulk_accept_every_jurisdictional_difference_in_one_action(client_on) -> None:
    url, cid, client = client_on
    wanted = jurisdictional(url, cid)
    assert len(wanted) > 10
    page = client.get(f"/comparisons/{cid}?category=jurisdictional").text
    assert f"记录到当前显示的 {len(wanted)} 项差异" in page
    response = bulk(client, cid, "shown", "category=jurisdictional")
    assert response.status_code == 303 and response.headers["location"] == f"/comparisons/{cid}?category=jurisdictional"
    recorded = decisions(url, cid)
    assert sorted(recorded) == sorted(wanted)
    assert {(d.status, d.note, d.reviewer) for d in recorded.values()} == {("accepted", "本地自称，无需协调", "李四")}
    assert len({d.id for d in recorded.values()}) == len(wanted)  # individual decisions
    one = wanted[0]
    assert post_decision(client, one, cid, "needs_harmonisation").status_code == 303  # each can change later
    assert decisions(url, cid)[one].status == "needs_harmonisation"
    progress = client.get(f"/comparisons/{cid}").text
    assert f"已审 {len(wanted)} / {len(reviewable(url, cid))}" in progress


def test_bulk_on_selected_rows_and_refusals(client_on) -> None:
    url, cid, client = client_on
    chosen = [d.fingerprint for d in reviewable(url, cid)][:3]
    assert bulk(client, cid, "selected", fingerprints=tuple(chosen), status="fixed").status_code == 303
    assert {fp: d.status for fp, d in decisions(url, cid).items()} == {fp: "fixed" for fp in chosen}
    assert bulk(client, cid, "selected").status_code == 400  # nothing selected
    assert bulk(client, cid, "selected", fingerprints=("0" * 64,)).status_code == 400  # not in this comparison
    assert bulk(client, cid, "everything", fingerprints=tuple(chosen)).status_code == 400
    assert bulk(client, cid, "shown", reviewer=" ").status_code == 400
    assert len(decisions(url, cid)) == 3


def test_filters_combine_and_a_save_returns_to_the_same_view(client_on, jjj_comparison) -> None:
    url, cid, client = client_on
    query = "show=undecided&doc=hebei-constructed&category=substantive"
    html = client.get(f"/comparisons/{cid}?{query}").text
    assert set(re.findall(r'<li class="diff[^"]*" data-document="([^"]+)"', html)) == {"hebei-constructed"}
    assert set(re.findall(r'data-category="([^"]+)"', html)) == {"substantive"}
    target = find(url, cid, "item15", "hebei-constructed", "normative")
    response = client.post(f"/differences/{target.fingerprint}/decision", headers=ORIGIN, follow_redirects=False,
                           data={"comparison_id": cid, "status": "fixed", "note": "", "reviewer": "王五",
                                 "view": query, "csrf": csrf(client)})
    assert response.headers["location"] == f"/comparisons/{cid}?{query}#row-item15"
    assert response.cookies.get("legiscompare_reviewer") is not None
    again = client.get(f"/comparisons/{cid}?{query}").text
    assert 'value="王五"' in again  # the reviewer is remembered (cookie)
    by = client.get(f"/comparisons/{cid}?decision=fixed&by=王五").text
    assert row_ids(by) == ["item15"]
    assert client.get(f"/comparisons/{cid}?cls=bogus").status_code == 400
    assert client.get(f"/comparisons/{cid}?decision=maybe").status_code == 400


def test_a_forged_view_field_falls_back_to_the_default_view(client_on) -> None:
    url, cid, client = client_on
    target = find(url, cid, "item15", "hebei-constructed", "normative")
    response = post_decision(client, target.fingerprint, cid)
    assert response.headers["location"] == f"/comparisons/{cid}#row-item15"
    forged = client.post(f"/differences/{target.fingerprint}/decision", headers=ORIGIN, follow_redirects=False,
                         data={"comparison_id": cid, "status": "fixed", "note": "", "reviewer": "王五",
                               "view": "show=//evil.example&cls=<script>", "csrf": csrf(client)})
    assert forged.headers["location"] == f"/comparisons/{cid}#row-item15"


def test_view_parses_and_round_trips() -> None:
    view = View.parse({"show": "undecided", "cls": "self_reference", "by": "张三"})
    assert View.parse(dict(p.split("=") for p in view.query().split("&"))) == view or "%" in view.query()
    assert View().query() == "" and View(show="all").query(show="review") == ""
    with pytest.raises(BadView):
        View.parse({"category": "weird"})


def test_export_from_the_web_app(client_on) -> None:
    from compare.store.exchange import read_records

    url, cid, client = client_on
    wanted = jurisdictional(url, cid)
    bulk(client, cid, "shown", "category=jurisdictional", note="=cmd|' /C calc'!A0")
    page = client.get(f"/comparisons/{cid}").text
    assert f'href="/comparisons/{cid}/decisions.csv"' in page
    as_csv = client.get(f"/comparisons/{cid}/decisions.csv")
    assert as_csv.headers["content-type"].startswith("text/csv") and "attachment" in as_csv.headers["content-disposition"]
    assert "'=cmd" in as_csv.text  # no formula for spreadsheets
    assert sorted(r["fingerprint"] for r in read_records(as_csv.text)) == sorted(wanted)
    assert read_records(as_csv.text)[0]["note"] == "=cmd|' /C calc'!A0"
    as_json = client.get(f"/comparisons/{cid}/decisions.json")
    assert sorted(r["fingerprint"] for r in read_records(as_json.text)) == sorted(wanted)
    assert client.get(f"/comparisons/{cid}/decisions.xml").status_code == 404
    assert client.get(f"/comparisons/{cid + 9}/decisions.csv").status_code == 404


def test_list_shows_the_latest_and_the_history_on_request(store_url, jjj_comparison) -> None:
    import dataclasses

    docs = jjj_comparison.documents
    edited = dataclasses.replace(docs[1], source=dataclasses.replace(docs[1].source, sha256="e" * 64))
    first = seed(store_url, jjj_comparison)
    second = seed(store_url, dataclasses.replace(jjj_comparison, documents=(docs[0], edited, *docs[2:])))
    with TestClient(create_app(store_url), base_url=BASE) as client:
        latest = client.get("/").text
        assert f'id="comparison-{second}"' in latest and f'id="comparison-{first}"' not in latest
        assert "显示全部历史（另有 1 个已取代或已归档的比较）" in latest
        history = client.get("/?all=1").text
        assert f'id="comparison-{first}"' in history and f"已被 #{second} 取代" in history


def test_explanations_are_stored_as_codes_and_shown_in_the_readers_language(store_url, monkeypatch) -> None:
    from compare.pipeline import compare_files
    from support import JJJ_FILES

    monkeypatch.setenv("LEGISCOMPARE_LANG", "en")
    english_run = compare_files(JJJ_FILES)  # rules rendered in English by this run
    assert any("(each names itself or the other)" in (d.rule or "") for r in english_run.rows for d in r.differences)
    cid = seed(store_url, english_run)
    monkeypatch.setenv("LEGISCOMPARE_LANG", "zh")
    with TestClient(create_app(store_url, "zh"), base_url=BASE) as client:
        chinese = client.get(f"/comparisons/{cid}?show=all").text
    assert "each names itself" not in chinese and "（各自指称本行政区或对方）" in chinese
    with TestClient(create_app(store_url, "en"), base_url=BASE) as client:
        assert "(each names itself or the other)" in client.get(f"/comparisons/{cid}").text
    with open_store(store_url) as store:
        rules = [d.rule for r in store.load_comparison(cid, "zh").rows for d in r.differences if d.rule]
        structural = [d.rule for r in store.load_comparison(cid, "en").rows for d in r.differences
                      if d.category == "structural" and d.rule]
    assert rules and not any("each names" in r for r in rules)
    assert all(not re.search(r"[\u4e00-\u9fff]{2,}(无此条|仅)", r) for r in structural)


def test_a_chapter_filter_and_decide_all_shown_decide_a_whole_chapter(tmp_path) -> None:
    """The chapter filter lists only the rows of one chapter of the base text; 'record on the
    differences shown' then decides that chapter and nothing else."""
    from benchmarks.serve_review import synthetic_pair
    from compare.pipeline import Options, compare_files
    from compare.serve.views import chapters, row_chapter

    comparison = compare_files(synthetic_pair(tmp_path, 120), Options(jurisdictions={"*": "全国"}))
    url = f"sqlite:///{tmp_path / 'chapters.db'}"
    cid = seed(url, comparison)
    second = chapters(comparison)[1]
    inside = {r.id for r in comparison.rows if row_chapter(r, comparison.base) == second}
    with TestClient(create_app(url), base_url=BASE) as client:
        query = urlencode({"chapter": second})
        page = client.get(f"/comparisons/{cid}?{query}").text
        assert f'<option value="{second}" selected>' in page
        assert set(re.findall(r'<tr id="row-([^"]+)"', page)) <= inside
        done = client.post(f"/comparisons/{cid}/decisions", headers=ORIGIN, follow_redirects=False,
                           data={"status": "accepted", "note": "", "reviewer": "王五", "view": query, "scope": "shown",
                                 "csrf": csrf(client)})
        assert done.status_code == 303
    with open_store(url) as store:
        wanted = {d.fingerprint for d in store.differences(cid) if d.row_id in inside and d.category != "formatting"}
        decided = store.decisions_for(cid)
    assert wanted and set(decided) == wanted  # the chapter's differences, and only those
