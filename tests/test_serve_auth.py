"""Safe sharing of ``compare.serve``: accounts, login, sessions, CSRF tokens, rate limiting,
with forged requests (TestClient). Tests taking ``store_url`` run on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
import time

import pytest
from starlette.testclient import TestClient

from compare.serve import create_app
from compare.serve.auth import MAX_FAILURES, SESSION_COOKIE, hash_password, verify_password
from compare.store import open_store
from test_serve import BASE, ORIGIN, decisions, find, seed

PASSWORD = "correct horse battery"


@pytest.fixture
def remote(store_url, jjj_comparison):
    """(url, comparison id, client) of an app with accounts, as ``serve --allow-remote`` runs it."""
    cid = seed(store_url, jjj_comparison)
    with open_store(store_url) as store:
        store.set_account("张三", hash_password(PASSWORD))
    with TestClient(create_app(store_url, allowed_hosts=None, accounts=True), base_url=BASE) as client:
        yield store_url, cid, client


def token(html: str) -> str:
    return re.search(r'name="csrf" value="([0-9a-f]+)"', html).group(1)


def log_in(client: TestClient, name: str = "张三", password: str = PASSWORD, next_: str = "/"):
    form = token(client.get("/login").text)
    return client.post("/login", data={"name": name, "password": password, "csrf": form, "next": next_},
                       headers=ORIGIN, follow_redirects=False)


def test_passwords_are_stored_hashed() -> None:
    stored = hash_password(PASSWORD)
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert verify_password(stored, PASSWORD) and not verify_password(stored, "wrong") and not verify_password(None, "x")


def test_every_page_needs_a_login(remote) -> None:
    _, cid, client = remote
    for path in ("/", f"/comparisons/{cid}", f"/comparisons/{cid}/obsolete", f"/comparisons/{cid}/decisions.csv"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/login?next=")
    assert client.get("/healthz").text == "ok"
    target = find(remote[0], cid, "item15", "hebei-constructed", "normative")
    forged = client.post(f"/differences/{target.fingerprint}/decision", headers=ORIGIN, follow_redirects=False,
                         data={"comparison_id": cid, "status": "accepted", "note": "", "reviewer": "x", "csrf": "0"})
    assert forged.status_code == 403 and decisions(remote[0], cid) == {}


def test_login_sets_a_hardened_session_and_the_reviewer_is_the_account(remote) -> None:
    url, cid, client = remote
    response = log_in(client, next_=f"/comparisons/{cid}")
    assert response.status_code == 303 and response.headers["location"] == f"/comparisons/{cid}"
    cookie = response.headers["set-cookie"]
    assert SESSION_COOKIE in cookie and "httponly" in cookie.lower() and "samesite=strict" in cookie.lower()
    page = client.get(f"/comparisons/{cid}").text
    assert "已登录：张三" in page and 'name="reviewer" required' not in page
    target = find(url, cid, "item15", "hebei-constructed", "normative")
    saved = client.post(f"/differences/{target.fingerprint}/decision", headers=ORIGIN, follow_redirects=False,
                        data={"comparison_id": cid, "status": "fixed", "note": "", "reviewer": "冒充者",
                              "csrf": token(page)})
    assert saved.status_code == 303
    assert decisions(url, cid)[target.fingerprint].reviewer == "张三"  # not the free-text field
    out = client.post("/logout", data={"csrf": token(page)}, headers=ORIGIN, follow_redirects=False)
    assert out.status_code == 303
    assert client.get("/", follow_redirects=False).status_code == 303


def test_forged_forms_without_the_token_are_refused(remote) -> None:
    url, cid, client = remote
    log_in(client)
    page = client.get(f"/comparisons/{cid}").text
    target = find(url, cid, "item15", "hebei-constructed", "normative")
    base = {"comparison_id": cid, "status": "accepted", "note": "", "reviewer": "张三"}
    real = token(page)
    altered = real[:-1] + ("1" if real.endswith("0") else "0")  # never the real token by chance
    for forged in ({}, {"csrf": ""}, {"csrf": "f" * 64}, {"csrf": altered}):
        response = client.post(f"/differences/{target.fingerprint}/decision", data={**base, **forged},
                               headers=ORIGIN, follow_redirects=False)
        assert response.status_code == 403 and "CSRF" in response.text
    bulk = client.post(f"/comparisons/{cid}/decisions", headers=ORIGIN, follow_redirects=False,
                       data={**base, "scope": "shown", "view": "", "csrf": "nope"})
    assert bulk.status_code == 403
    other = TestClient(client.app, base_url=BASE)  # another browser's token does not fit this session
    assert decisions(url, cid) == {}
    with other:
        log_in(other)
        stolen = client.post(f"/differences/{target.fingerprint}/decision", headers=ORIGIN, follow_redirects=False,
                             data={**base, "csrf": token(other.get(f"/comparisons/{cid}").text)})
    assert stolen.status_code == 403 and decisions(url, cid) == {}
    no_origin = client.post(f"/differences/{target.fingerprint}/decision", follow_redirects=False,
                            data={**base, "csrf": token(page)})
    assert no_origin.status_code == 403  # the Origin/Host checks still apply


def test_wrong_passwords_are_rate_limited(remote) -> None:
    _, _, client = remote
    for _ in range(MAX_FAILURES):
        failed = log_in(client, password="guess")
        assert failed.status_code == 401 and "账号或密码不正确" in failed.text
    blocked = log_in(client)  # even the right password waits for the window to pass
    assert blocked.status_code == 429 and "登录失败次数过多" in blocked.text
    assert log_in(client, name="无此人").status_code == 401  # another account is not locked out


def test_an_address_is_limited_over_all_accounts() -> None:
    from compare.serve.auth import MAX_ADDRESS_FAILURES, LoginLimiter

    limiter = LoginLimiter()
    for n in range(MAX_ADDRESS_FAILURES):
        assert limiter.attempt(f"用户{n}", "10.0.0.7") is not None
    assert limiter.attempt("新用户", "10.0.0.7") is None and limiter.attempt("新用户", "10.0.0.8") is not None
    stamp = limiter.attempt("张三", "10.0.0.9")
    limiter.succeeded("张三", "10.0.0.9", stamp)  # a login that succeeds is no failure
    assert all(limiter.attempt("张三", "10.0.0.9") is not None for _ in range(MAX_FAILURES))


def test_a_burst_of_parallel_logins_gets_at_most_the_limit_checked(remote, monkeypatch) -> None:
    """60 attempts at once on one account: the password is checked for at most the limit,
    the others are refused before the (slow) check."""
    import threading

    import compare.serve.login as login_module

    _, _, client = remote
    checked, lock = [], threading.Lock()
    real = login_module.verify_password

    def slow(stored, password):
        with lock:
            checked.append(password)
        time.sleep(0.05)
        return real(stored, password)

    monkeypatch.setattr(login_module, "verify_password", slow)
    csrf = token(client.get("/login").text)
    codes: list[int] = []

    def attempt(n: int) -> None:
        response = client.post("/login", data={"name": "张三", "password": f"guess{n}", "csrf": csrf, "next": "/"},
                               headers=ORIGIN, follow_redirects=False)
        with lock:
            codes.append(response.status_code)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(60)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(checked) <= MAX_FAILURES and codes.count(429) >= 60 - MAX_FAILURES


def test_login_refuses_a_forged_form_and_foreign_next(remote) -> None:
    _, _, client = remote
    forged = client.post("/login", data={"name": "张三", "password": PASSWORD, "csrf": "x"}, headers=ORIGIN,
                         follow_redirects=False)
    assert forged.status_code == 403
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        assert log_in(client, next_=target).headers["location"] == "/"


def test_loopback_without_accounts_is_unchanged_but_forms_carry_tokens(tmp_path, jjj_comparison) -> None:
    sqlite_url = f"sqlite:///{tmp_path / 'loopback.db'}"
    cid = seed(sqlite_url, jjj_comparison)
    with TestClient(create_app(sqlite_url), base_url=BASE) as client:
        page = client.get(f"/comparisons/{cid}").text
        assert page.count('name="csrf"') == page.count('method="post"') > 0  # every form that posts
        target = find(sqlite_url, cid, "item15", "hebei-constructed", "normative")
        data = {"comparison_id": cid, "status": "accepted", "note": "", "reviewer": "张三"}
        refused = client.post(f"/differences/{target.fingerprint}/decision", data=data, headers=ORIGIN,
                              follow_redirects=False)
        assert refused.status_code == 403
        ok = client.post(f"/differences/{target.fingerprint}/decision", data={**data, "csrf": token(page)},
                         headers=ORIGIN, follow_redirects=False)
        assert ok.status_code == 303


def test_a_restart_logs_no_one_out(tmp_path, jjj_comparison) -> None:
    """Sessions and the CSRF key live in the database: after a restart (a new application
    on the same database) the session cookie still opens pages and their forms still post;
    the database holds no session id, only its digest; logging out ends it for good."""
    from sqlalchemy import create_engine, text

    sqlite_url = f"sqlite:///{tmp_path / 'restart.db'}"
    seed(sqlite_url, jjj_comparison)
    with open_store(sqlite_url) as store:
        store.set_account("张三", hash_password(PASSWORD))
    with TestClient(create_app(sqlite_url, allowed_hosts=None, accounts=True), base_url=BASE) as first:
        assert log_in(first).status_code == 303
        cookie = first.cookies.get(SESSION_COOKIE)
        form_token = token(first.get("/").text)
    with TestClient(create_app(sqlite_url, allowed_hosts=None, accounts=True), base_url=BASE) as second:
        second.cookies.set(SESSION_COOKIE, cookie)
        page = second.get("/", follow_redirects=False)
        assert page.status_code == 200 and "张三" in page.text and token(page.text) == form_token
        digests = create_engine(sqlite_url).connect().execute(text("SELECT digest FROM login_sessions")).scalars().all()
        assert digests and cookie not in digests
        assert second.post("/logout", data={"csrf": form_token}, headers=ORIGIN, follow_redirects=False).status_code == 303
    with TestClient(create_app(sqlite_url, allowed_hosts=None, accounts=True), base_url=BASE) as third:
        third.cookies.set(SESSION_COOKIE, cookie)
        assert third.get("/", follow_redirects=False).status_code == 303  # to the login page
