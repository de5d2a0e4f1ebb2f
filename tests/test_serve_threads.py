"""Comment threads on differences: added from the page (with or without script), shown with
author and time, never edited, in the decisions export; bad comments refused."""

from __future__ import annotations

import json

from test_serve import ORIGIN, csrf, find, post_decision


def _comment(client, fingerprint: str, cid: int, text: str, accept: str = "text/html"):
    return client.post(f"/differences/{fingerprint}/comments", headers={**ORIGIN, "Accept": accept},
                       data={"comparison_id": cid, "text": text, "reviewer": "李四", "view": "", "csrf": csrf(client)},
                       follow_redirects=False)


def test_a_thread_grows_and_shows_with_author_and_time(seeded) -> None:
    url, cid, client = seeded
    target = find(url, cid, "item15", "hebei-constructed", "normative")
    saved = _comment(client, target.fingerprint, cid, "河北版删去了这一句，请核实。")
    assert saved.status_code == 303 and saved.headers["location"].endswith("#row-item15")
    answer = _comment(client, target.fingerprint, cid, "已核实：有意删去。", accept="application/json")
    assert answer.status_code == 200 and answer.json()["author"] == "李四" and answer.json()["text"] == "已核实：有意删去。"
    page = client.get(f"/comparisons/{cid}").text
    assert "讨论（2）" in page and page.index("河北版删去了这一句") < page.index("已核实：有意删去。")
    post_decision(client, target.fingerprint, cid, status="accepted")
    exported = json.loads(client.get(f"/comparisons/{cid}/decisions.json").text)["decisions"]
    thread = next(r for r in exported if r["fingerprint"] == target.fingerprint)["comments"]
    assert thread.startswith("李四 ") and "河北版删去了这一句，请核实。 | 李四 " in thread


def test_bad_comments_are_refused(seeded) -> None:
    url, cid, client = seeded
    target = find(url, cid, "item15", "hebei-constructed", "normative")
    assert _comment(client, target.fingerprint, cid, "   ").status_code == 400
    assert _comment(client, target.fingerprint, cid, "长" * 5000).status_code == 400
    assert _comment(client, "0" * 64, cid, "无此差异").status_code == 400
    forged = client.post(f"/differences/{target.fingerprint}/comments", headers=ORIGIN, follow_redirects=False,
                         data={"comparison_id": cid, "text": "伪造", "reviewer": "X", "view": "", "csrf": "0" * 64})
    assert forged.status_code == 403
    assert "讨论（0）" in client.get(f"/comparisons/{cid}").text


def test_who_decided_what_and_when_is_shown_per_difference_and_per_reviewer(seeded) -> None:
    url, cid, client = seeded
    target = find(url, cid, "item15", "hebei-constructed", "normative")
    post_decision(client, target.fingerprint, cid, status="needs_harmonisation", reviewer="张三", note="先标记")
    post_decision(client, target.fingerprint, cid, status="accepted", reviewer="李四")
    page = client.get(f"/comparisons/{cid}").text
    assert "审查记录（2）" in page and page.index("张三：需协调（先标记）") < page.index("李四：接受")
    listed = client.get("/").text
    assert "李四 1" in listed  # the reviewer whose decision is current, with how many
