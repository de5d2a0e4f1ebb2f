"""Issue 14: review decisions follow their documents and differences, not file names.

Rename, move, reorder, a revised text under a new name, two versions of one work, and
identical differences that shift; what cannot be re-attached is listed by ``review
obsolete``. Runs on SQLite and PostgreSQL (``store_url``).
"""

from __future__ import annotations

from pathlib import Path

from compare.pipeline import compare_files
from compare.store import open_store
from support import JJJ

BEIJING, TIANJIN = JJJ / "beijing.txt", JJJ / "tianjin-constructed.txt"
ITEM2 = "坚持优势互补、合作共赢，坚持市场机制和政府引导相结合"


def _put(folder: Path, name: str, text: str) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return str(folder / name)


def _save(url: str, paths: list[str]):  # type: ignore[no-untyped-def]
    with open_store(url) as store:
        return store.save_comparison(compare_files(paths))


def _decide_all(url: str, cid: int) -> dict[str, str]:
    with open_store(url) as store:
        diffs = [d for d in store.differences(cid) if d.category != "formatting"]
        for d in diffs:
            store.record_decision(d.fingerprint, "accepted", f"{d.row_id}:{d.new}", "张三", comparison_id=cid)
        return {d.fingerprint: f"{d.row_id}:{d.new}" for d in diffs}


def test_rename_move_and_reorder_keep_every_decision(store_url, tmp_path) -> None:
    tianjin = TIANJIN.read_text(encoding="utf-8")
    first = _save(store_url, [str(BEIJING), _put(tmp_path / "a", "tj-2023.txt", tianjin)])
    decided = _decide_all(store_url, first.id)
    assert decided
    moved = _save(store_url, [_put(tmp_path / "elsewhere", "天津.txt", tianjin), str(BEIJING)])
    assert moved.id == first.id and moved.decisions_reattached == len(decided)
    with open_store(store_url) as store:
        assert set(store.decisions_for(first.id)) == set(decided)
        assert store.obsolete_decisions(first.id) == []


def test_a_revised_text_under_a_new_name_keeps_the_unchanged_decisions(store_url, tmp_path) -> None:
    tianjin = TIANJIN.read_text(encoding="utf-8")
    first = _save(store_url, [str(BEIJING), _put(tmp_path, "tianjin-2023.txt", tianjin)])
    decided = _decide_all(store_url, first.id)
    edited = tianjin.replace("鼓励", "支持", 1)
    assert edited != tianjin
    second = _save(store_url, [str(BEIJING), _put(tmp_path, "tianjin-2024.txt", edited)])
    assert second.id != first.id
    with open_store(store_url) as store:
        kept = store.decisions_for(second.id)
        obsolete = store.obsolete_decisions(second.id)
        undecided = [d for d in store.undecided(second.id) if d.category != "formatting"]
    assert len(kept) >= len(decided) - 2 and set(kept) <= set(decided)
    # whatever did not follow is listed as obsolete, never silently dropped
    assert {d.difference_fingerprint for d in obsolete} == set(decided) - set(kept)
    assert len(undecided) <= 2


def test_two_versions_of_one_work_from_folders_in_either_order(store_url, tmp_path) -> None:
    text = TIANJIN.read_text(encoding="utf-8")
    old = text
    new = text.replace(ITEM2, ITEM2.replace("合作共赢", "合作共赢、开放包容"))
    assert new != old
    one = _save(store_url, [_put(tmp_path / "x", "tianjin.txt", old), _put(tmp_path / "y", "tianjin.txt", new)])
    decided = _decide_all(store_url, one.id)
    assert decided
    two = _save(store_url, [_put(tmp_path / "b", "tianjin.txt", new), _put(tmp_path / "a", "tianjin.txt", old)])
    assert two.id == one.id
    with open_store(store_url) as store:
        assert set(store.decisions_for(one.id)) == set(decided)


def test_a_decision_never_moves_to_another_identical_difference(store_url, tmp_path) -> None:
    base = TIANJIN.read_text(encoding="utf-8")
    twice = base.replace(ITEM2, "坚持优势互补及其他、合作共赢，坚持市场机制及其他和政府引导相结合")
    assert twice != base, "the test text must contain item 2"
    first = _save(store_url, [str(BEIJING), _put(tmp_path, "tj.txt", twice)])
    with open_store(store_url) as store:
        inserted = [d for d in store.differences(first.id) if d.new == "及其他" and not d.old]
        assert len(inserted) == 2 and inserted[0].fingerprint != inserted[1].fingerprint
        store.record_decision(inserted[0].fingerprint, "rejected", "first", "张三", comparison_id=first.id)
        store.record_decision(inserted[1].fingerprint, "accepted", "second", "张三", comparison_id=first.id)
    once = twice.replace("坚持优势互补及其他、", "坚持优势互补、")
    second = _save(store_url, [str(BEIJING), _put(tmp_path, "tj.txt", once)])
    with open_store(store_url) as store:
        [survivor] = [d for d in store.differences(second.id) if d.new == "及其他" and not d.old]
        decision = store.decisions_for(second.id).get(survivor.fingerprint)
        obsolete = store.obsolete_decisions(second.id)
    assert decision is not None and (decision.status, decision.note) == ("accepted", "second")
    assert [(d.status, d.note) for d in obsolete] == [("rejected", "first")]


def test_comparison_fingerprints_do_not_depend_on_file_names(tmp_path) -> None:
    from compare.store import difference_fingerprints

    tianjin = TIANJIN.read_text(encoding="utf-8")
    a = compare_files([str(BEIJING), _put(tmp_path / "p", "one.txt", tianjin)])
    b = compare_files([_put(tmp_path / "q", "zzz.txt", tianjin), _put(tmp_path / "r", "aaa.txt",
                                                                       BEIJING.read_text(encoding="utf-8"))])
    assert difference_fingerprints(a) == difference_fingerprints(b)
