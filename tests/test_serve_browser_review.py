"""Review at speed in a real browser, on SQLite and on PostgreSQL: accept every
jurisdictional difference of the demo in one action, decide with the keyboard, and keep
the filtered view across saves. Same browser set-up and skip rules as test_serve_browser.py.
"""

from __future__ import annotations

import threading
import time

import pytest

from compare.serve import create_app
from compare.store import open_store

from browser_support import PATIENCE_MS, SHOTS, _free_port, launch_chromium, running_review_server, skip_without_browser, watch

skip_without_browser()


running = running_review_server


@pytest.fixture
def served(store_url, jjj_comparison):
    """(base URL, comparison id, database URL) of a server on a seeded database."""
    with open_store(store_url) as store:
        cid = store.save_comparison(jjj_comparison).id
    with running(store_url) as base:
        yield base, cid, store_url


@pytest.fixture(scope="module")
def browser():
    with launch_chromium() as browser:
        yield browser


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(PATIENCE_MS)
    watch(page)
    yield page
    context.close()


def _decisions(url: str, cid: int) -> dict:
    with open_store(url) as store:
        return store.decisions_for(cid)


def _jurisdictional(url: str, cid: int) -> set[str]:
    with open_store(url) as store:
        return {d.fingerprint for d in store.differences(cid) if d.category == "jurisdictional"}


def test_bulk_accept_of_the_jurisdictional_differences(served, page) -> None:
    base, cid, url = served
    page.goto(f"{base}/comparisons/{cid}")
    page.select_option("#narrow select[name=category]", "jurisdictional")
    page.click("#narrow button[type=submit]")
    page.wait_for_url(f"{base}/comparisons/{cid}?category=jurisdictional")
    wanted = _jurisdictional(url, cid)
    assert page.locator("li.diff.reviewable").count() == len(wanted)
    page.fill("#bulk input[name=reviewer]", "李四")
    page.fill("#bulk input[name=note]", "本地自称")
    page.click("#bulk-shown")
    page.wait_for_url(f"{base}/comparisons/{cid}?category=jurisdictional")
    assert set(_decisions(url, cid)) == wanted
    assert page.locator("li.diff.reviewable:not(.decided)").count() == 0
    assert f"已审 {len(wanted)} /" in page.inner_text("#progress")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "serve-bulk.png"))
    assert page.errors == []


def test_keyboard_decisions_keep_the_filtered_view(served, page) -> None:
    base, cid, url = served
    page.context.add_cookies([{"name": "legiscompare_reviewer", "value": "%E5%BC%A0%E4%B8%89", "url": base}])
    page.goto(f"{base}/comparisons/{cid}?show=undecided&category=substantive")
    first = page.locator("li.diff.reviewable").first.get_attribute("data-fingerprint")
    second = page.locator("li.diff.reviewable").nth(1).get_attribute("data-fingerprint")
    page.keyboard.press("j")
    assert page.locator("li.diff.current").get_attribute("data-fingerprint") == first
    page.keyboard.press("h")
    page.locator(f'li[data-fingerprint="{first}"]').wait_for(state="hidden")  # saved without a reload
    assert page.url == f"{base}/comparisons/{cid}?show=undecided&category=substantive"
    # the next undecided difference is already current: decide it at once
    assert page.locator("li.diff.current").get_attribute("data-fingerprint") == second
    page.keyboard.press("a")
    page.locator(f'li[data-fingerprint="{second}"]').wait_for(state="hidden")
    got = _decisions(url, cid)
    assert (got[first].status, got[first].reviewer) == ("needs_harmonisation", "张三")
    assert (got[second].status, got[second].reviewer) == ("accepted", "张三")
    page.screenshot(path=str(SHOTS / "serve-keyboard.png"))
    assert page.errors == []


def test_remote_mode_works_only_after_a_login(store_url, jjj_comparison, page) -> None:
    import uvicorn

    from compare.serve.auth import hash_password

    with open_store(store_url) as store:
        cid = store.save_comparison(jjj_comparison).id
        store.set_account("张三", hash_password("correct horse battery"))
    port = _free_port()
    app = create_app(store_url, allowed_hosts=None, accounts=True)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    try:
        page.goto(f"{base}/comparisons/{cid}")
        assert page.url.startswith(f"{base}/login") and page.inner_text("h1") == "登录"
        page.fill("input[name=name]", "张三")
        page.fill("input[name=password]", "wrong password")
        page.click("form.login button")
        assert "账号或密码不正确" in page.inner_text(".message")
        page.fill("input[name=name]", "张三")
        page.fill("input[name=password]", "correct horse battery")
        page.click("form.login button")
        page.wait_for_url(f"{base}/comparisons/{cid}")
        assert "已登录：张三" in page.inner_text("nav.top")
        page.keyboard.press("j")
        page.keyboard.press("f")
        page.wait_for_selector("li.diff.decided")
        got = _decisions(store_url, cid)
        assert [(d.status, d.reviewer) for d in got.values()] == [("fixed", "张三")]
        page.screenshot(path=str(SHOTS / "serve-login.png"))
        page.click("form.logout button")
        page.wait_for_url(f"{base}/login")
        assert page.errors == [] or all("401" in e for e in page.errors)
    finally:
        server.should_exit = True
        thread.join(10)
