"""Issue 14: forged ids and server errors get a page with the security headers, never a traceback."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from compare.serve import create_app
from compare.serve.guard import HEADERS
from compare.store import open_store
from test_serve import BASE, find, post_decision, seed


def _hardened(response) -> bool:  # type: ignore[no-untyped-def]
    return all(response.headers.get(name) == value for name, value in HEADERS.items())


@pytest.mark.parametrize("cid", ["99999999999999999999999", "2147483648", "9223372036854775808", "²", "١", "0"])
def test_forged_comparison_ids_in_urls_are_404(store_url, jjj_comparison, cid: str) -> None:
    seed(store_url, jjj_comparison)
    with TestClient(create_app(store_url), base_url=BASE, raise_server_exceptions=False) as client:
        for path in (f"/comparisons/{cid}", f"/comparisons/{cid}/obsolete"):
            response = client.get(path)
            assert response.status_code == 404 and _hardened(response), (path, response.text[:200])


@pytest.mark.parametrize("raw", ["²", "١", "99999999999999999999", "2147483648"])
def test_forged_comparison_ids_in_forms_are_refused(store_url, jjj_comparison, raw: str) -> None:
    cid = seed(store_url, jjj_comparison)
    target = find(store_url, cid, "item15", "hebei-constructed", "normative")
    with TestClient(create_app(store_url), base_url=BASE, raise_server_exceptions=False) as client:
        response = post_decision(client, target.fingerprint, raw)
    assert response.status_code == 400 and _hardened(response), response.text[:200]
    with open_store(store_url) as store:
        assert store.decisions_for(cid) == {}


def test_an_unexpected_error_is_a_500_page_with_the_security_headers(tmp_path, monkeypatch) -> None:
    from compare.store import Store

    def broken(self):  # type: ignore[no-untyped-def]
        raise RuntimeError("boom")

    monkeypatch.setattr(Store, "list_comparisons", broken)
    with TestClient(create_app(f"sqlite:///{tmp_path / 'x.db'}"), base_url=BASE,
                    raise_server_exceptions=False) as client:
        response = client.get("/")
    assert response.status_code == 500 and _hardened(response)
    assert "Traceback" not in response.text and "boom" not in response.text


def _time_wait_port() -> int:
    """A port whose only trace is a closed connection in TIME_WAIT (the server closed first)."""
    import socket

    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn's own listener
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    port = listener.getsockname()[1]
    client = socket.create_connection(("127.0.0.1", port))
    accepted, _ = listener.accept()
    accepted.close()  # the server side closes first: its end goes to TIME_WAIT
    listener.close()
    client.recv(1)
    client.close()
    return port


def test_serve_port_check_allows_a_restart_while_old_connections_linger() -> None:
    import socket

    from compare.cli.serve import _check_port

    port = _time_wait_port()
    with socket.socket() as plain:  # without SO_REUSEADDR the bind fails: the case is real
        with pytest.raises(OSError):
            plain.bind(("127.0.0.1", port))
    _check_port("127.0.0.1", port)


def test_serve_port_check_still_refuses_a_live_listener() -> None:
    import socket

    from compare.cli.serve import _check_port
    from compare.errors import InputError

    with socket.socket() as live:
        live.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        live.bind(("127.0.0.1", 0))
        live.listen(1)
        with pytest.raises(InputError):
            _check_port("127.0.0.1", live.getsockname()[1])
