"""Shared set-up of the browser tests: Debian's Chromium driven by Playwright.

Playwright's own browser downloads are not used (they cannot be fetched here). A test
module calls ``skip_without_browser()`` at import: the module is skipped when Chromium or
Playwright is missing, unless LEGISCOMPARE_REQUIRE_BROWSER=1 (``make test``, CI), where
``launch_chromium`` then fails with the reason.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

import pytest

from support import REPO

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
REQUIRED = os.environ.get("LEGISCOMPARE_REQUIRE_BROWSER") == "1"
SHOTS = REPO / "reports" / "screenshots"

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None

MISSING = ("playwright is not installed (pip install playwright)" if sync_playwright is None
           else f"{CHROMIUM} is missing (apt-get install chromium fonts-wqy-microhei)"
           if not os.access(CHROMIUM, os.X_OK) else None)


def skip_without_browser() -> None:
    """Skip the calling module when no browser is available and none is required."""
    if MISSING and not REQUIRED:
        pytest.skip(f"browser tests skipped: {MISSING}", allow_module_level=True)


@contextlib.contextmanager
def launch_chromium() -> Iterator[object]:
    """A headless Chromium browser, closed afterwards."""
    if MISSING:
        pytest.fail(f"LEGISCOMPARE_REQUIRE_BROWSER=1 but {MISSING}", pytrace=False)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def watch(page) -> None:  # type: ignore[no-untyped-def]
    """Record the page's requests and script or console errors on ``page.requests``/``errors``; wait
    for conditions up to ``PATIENCE_MS``."""
    page.set_default_timeout(PATIENCE_MS)
    page.requests, page.errors = [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)


# How long a browser or server test waits for a condition before failing. Tests wait for
# conditions (an element, a response, a started server), never for a fixed time, so a loaded
# machine only makes them slower; LEGISCOMPARE_TEST_PATIENCE_S raises it further.
PATIENCE_S = int(os.environ.get("LEGISCOMPARE_TEST_PATIENCE_S", "180"))
PATIENCE_MS = PATIENCE_S * 1000


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def running_review_server(url: str, **app_options: object) -> Iterator[str]:
    """A real uvicorn server of the review app on database ``url``; yields its base URL.

    ``app_options`` go to ``compare.serve.create_app``."""
    import threading
    import time

    import uvicorn

    from compare.serve import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(url, **app_options), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + PATIENCE_S
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the review server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
