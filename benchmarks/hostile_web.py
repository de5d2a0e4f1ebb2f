"""The web area: ``legiscompare serve`` on a free localhost port, sent forged requests with
urllib. Two servers on copies of one prepared database: one with a reviewer account (every
page needs a login), one without (loopback, the reviewer's name is a form field).

A case *fails* on a 5xx answer, a traceback in the server's output, a server that died, or
a forged request that was accepted (or a check of its own: escaping, redirects, what was
stored); it *loses* when a refused request changed the stored decisions, comments,
comparisons or accounts.
"""

from __future__ import annotations

import hashlib
import html
import re
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .hostile_common import A, B, C, Case, Spec, cli, environment, query, raw_unsafe, run_cli

AREA = "web"
PASSWORD = "correct horse battery"
ACCOUNT = "审查员"
SCRIPT = "<script>alert('x')</script><img src=x onerror=alert(1)>"
WATCHED = ("decisions", "comments", "comparisons", "instruction_decisions", "accounts")


@dataclass
class Answer:
    """What the server sent back (status 0: it closed the connection)."""

    status: int
    headers: dict[str, str]
    body: str

    def header(self, name: str) -> str:
        """A response header by name, whatever its case ("" if absent)."""
        return next((v for k, v in self.headers.items() if k.lower() == name), "")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are answers to look at, not to follow."""

    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


@dataclass
class Server:
    """A running ``serve`` process, its log, and the session and token of its reader."""

    db: Path
    port: int
    proc: subprocess.Popen
    log: Path
    cookie: str = ""
    token: str = ""
    fingerprints: list[str] = field(default_factory=list)

    @property
    def origin(self) -> str:
        """This server's own origin (what its pages' forms send)."""
        return f"http://127.0.0.1:{self.port}"

    def send(self, method: str, path: str, data: bytes | dict | None = None, headers: dict[str, str] | None = None,
             origin: bool = True) -> Answer:
        """One request; ``origin``: send this server's own Origin header (as a browser does)."""
        body = urllib.parse.urlencode(data).encode() if isinstance(data, dict) else data
        sent = {"Cookie": self.cookie} if self.cookie else {}
        if origin:
            sent["Origin"] = self.origin
        if isinstance(data, dict):
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        request = urllib.request.Request(self.origin + path, data=body, method=method,
                                         headers={**sent, **(headers or {})})
        try:
            with _OPENER.open(request, timeout=30) as response:
                return Answer(response.status, dict(response.headers), response.read().decode("utf-8", "replace"))
        except urllib.error.HTTPError as error:
            return Answer(error.code, dict(error.headers), error.read().decode("utf-8", "replace"))
        except (ConnectionError, urllib.error.URLError, OSError) as error:
            return Answer(0, {}, f"connection closed: {error}")

    def log_text(self) -> str:
        """What the server printed so far."""
        return self.log.read_text(encoding="utf-8", errors="replace")

    def decision(self, fingerprint: str, **fields: str) -> dict[str, str]:
        """A decision form on ``fingerprint`` with the right token, ``fields`` overriding."""
        return {"comparison_id": "1", "status": "accepted", "note": "", "reviewer": "张三", "view": "",
                "csrf": self.token, **fields}

    def stop(self) -> None:
        """End the server (SIGTERM, then SIGKILL after 10 s)."""
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def _free_port() -> int:
    """A localhost port nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(db: Path, folder: Path, name: str) -> Server:
    """``serve`` on ``db`` at a free port, ready (its health check answers)."""
    port, log = _free_port(), folder / f"{name}.log"
    handle = open(log, "wb")
    proc = subprocess.Popen(cli(["serve", "--db", f"sqlite:///{db}", "--port", str(port)]), cwd=folder,
                            env=environment({"TMPDIR": str(folder)}),  # its upload folder goes with the run's
                            stdout=handle, stderr=subprocess.STDOUT)
    handle.close()  # the server writes through its own copy
    server = Server(db, port, proc, log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if server.send("GET", "/healthz").status == 200:
            server.fingerprints = [r[0] for r in query(
                db, "SELECT fingerprint FROM differences WHERE comparison_id = 1 AND category != 'formatting' "
                "ORDER BY id")]
            return server
        time.sleep(0.2)
    lines = [ln for ln in server.log_text().splitlines() if ln.strip()]
    raise RuntimeError(f"serve did not start (exit {proc.poll()}): {lines[-1] if lines else 'no output'}")


def _log_in(server: Server) -> None:
    """Log in as ``ACCOUNT`` and take the session cookie and the forms' token."""
    form = _token(server.send("GET", "/login").body)
    answer = server.send("POST", "/login", {"name": ACCOUNT, "password": PASSWORD, "csrf": form, "next": "/"})
    match = re.search(r"legiscompare_session=([^;]+)", answer.header("set-cookie"))
    if answer.status != 303 or not match:
        raise RuntimeError(f"cannot log in: HTTP {answer.status}")
    server.cookie = f"legiscompare_session={match.group(1)}"
    server.token = _token(server.send("GET", "/comparisons/1").body)


def _token(html: str) -> str:
    """The CSRF token of a page's forms ("" if it has none)."""
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
    return found.group(1) if found else ""


def snapshot(db: Path) -> str:
    """A digest of what a refused request must not change (decisions, comments, …)."""
    digest = hashlib.sha256()
    for table in WATCHED:
        for row in query(db, f"SELECT * FROM {table} ORDER BY 1"):  # noqa: S608 - fixed table names
            digest.update(repr(row).encode())
    return digest.hexdigest()


class Servers:
    """The two servers of the area, started when a case first needs one."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.running = folder, {}  # kind → Server

    def get(self, kind: str) -> Server:
        """The running server of ``kind`` ("accounts" or "local"), started on its own database."""
        if kind not in self.running:
            db = self.folder / f"{kind}.db"
            ran = run_cli(["compare", str(A), str(B), str(C), "--db", f"sqlite:///{db}"], self.folder)
            if ran.code != 0:
                raise RuntimeError(f"cannot prepare {db.name}: {ran.first}")
            if kind == "accounts":
                add = run_cli(["accounts", "add", ACCOUNT, "--password-stdin", "--db", f"sqlite:///{db}"], self.folder,
                              stdin=f"{PASSWORD}\n".encode())
                if add.code != 0:
                    raise RuntimeError(f"cannot add the account: {add.first}")
            self.running[kind] = _start(db, self.folder, kind)
            if kind == "accounts":
                _log_in(self.running[kind])
            else:
                self.running[kind].token = _token(self.running[kind].send("GET", "/comparisons/1").body)
        return self.running[kind]

    def close(self) -> None:
        """Stop every server started."""
        for server in self.running.values():
            server.stop()


Check = Callable[[Server, Answer], list[str]]


def _web_case(servers: Servers, name: str, kind: str, expect: str, request: Callable[[Server], Answer],
              check: Check | None = None) -> Case:
    """Send ``request`` and judge it. ``expect``: "refused" (4xx or closed, nothing stored
    changes), "accepted" (below 400) or "any" (only no 5xx)."""
    server = servers.get(kind)
    before, log_before = snapshot(server.db), len(server.log_text())
    started = time.perf_counter()
    answer = request(server)
    seconds = time.perf_counter() - started
    case = Case(AREA, name, f"[{kind}]", answer.status, _message(answer), seconds)
    if answer.status >= 500:
        case.failed.append(f"HTTP {answer.status}")
    if "Traceback" in server.log_text()[log_before:]:
        case.failed.append("traceback in the server log")
    if server.proc.poll() is not None:
        case.failed.append(f"server exited {server.proc.returncode}")
    if expect == "refused" and 0 < answer.status < 400:
        case.failed.append(f"forged request accepted (HTTP {answer.status})")
    if expect == "accepted" and not 0 < answer.status < 400:
        case.failed.append(f"valid request refused (HTTP {answer.status})")
    if expect == "refused" and snapshot(server.db) != before:
        case.lost.append("stored data changed")
    case.failed += check(server, answer) if check else []
    return case


def _message(answer: Answer) -> str:
    """The gist of an answer: its message paragraph, redirect target, or first text."""
    if answer.header("location"):
        return "→ " + answer.header("location")
    found = (re.search(r'<p class="message[^"]*"[^>]*>(.*?)</p>', answer.body, re.S)
             or re.search(r"<title>(.*?)</title>", answer.body, re.S))
    text = found.group(1) if found else answer.body
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split())[:80]


def _no_secret_file(server: Server, answer: Answer) -> list[str]:
    """Fails when the answer holds /etc/passwd."""
    return ["served /etc/passwd"] if "root:x:0:0" in answer.body else []


def _stored_raw(column: str, table: str, clean: str) -> Check:
    """Fails when ``table.column`` holds this case's value (``clean`` once NUL, bidi and
    control characters are taken out) with those characters still in it."""
    def check(server: Server, answer: Answer) -> list[str]:
        values = [r[0] for r in query(server.db, f"SELECT {column} FROM {table}")]  # noqa: S608 - fixed names
        found = sorted({u for value in values if _without_unsafe(value) == clean for u in raw_unsafe(value)})
        return [f"stored {table}.{column} with raw {', '.join(found)}"] if found else []
    return check


def _without_unsafe(text: str) -> str:
    """``text`` without NUL, bidi and control characters."""
    return "".join(ch for ch in text if not raw_unsafe(ch))


def _escaped_on_page(server: Server, answer: Answer) -> list[str]:
    """The script posted comes back escaped on the comparison page."""
    page = server.send("GET", "/comparisons/1?show=all").body + server.send("GET", "/").body
    if "<script>alert('x')" in page or "<img src=x onerror" in page:
        return ["script shown unescaped"]
    return [] if "&lt;script&gt;" in page or "&lt;img" in page else ["the note is not shown at all"]


def _stays_here(server: Server, answer: Answer) -> list[str]:
    """Fails when the answer redirects to another site."""
    target = answer.header("location")
    external = target.startswith(("//", "http:", "https:", "/\\")) and not target.startswith(server.origin)
    return [f"redirects to {target}"] if external else []


def _no_file_outside(path: Path) -> Check:
    """Fails when ``path`` (outside the server's upload folder) was written."""
    def check(server: Server, answer: Answer) -> list[str]:
        return [f"wrote {path}"] if path.exists() else []
    return check


def _upload(name: str) -> Callable[[Server], Answer]:
    """A multipart upload of the demo's two texts, both named ``name``."""
    def request(server: Server) -> Answer:
        Path("/tmp", Path(name).name).unlink(missing_ok=True)
        boundary = "hostileboundary7"
        parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n{server.token}\r\n'.encode()]
        for path in (A, C):
            head = (f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
                    "Content-Type: text/plain\r\n\r\n")
            parts.append(head.encode() + path.read_bytes() + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        answer = server.send("POST", "/new", body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})
        job = answer.header("location")
        deadline = time.monotonic() + 60
        while job.startswith("/jobs/") and time.monotonic() < deadline:  # the comparison runs in the background
            if server.send("GET", job).status != 200:
                break
            time.sleep(0.3)
        return answer
    return request


Row = tuple[str, str, str, Callable[[Server], Answer], "Check | None"]  # name, server, expectation, request, check
FAKE = "f" * 64


def _post(fields: Callable[[Server], dict], headers: dict | None = None, origin: bool = True,
          path: str = "decision") -> Callable[[Server], Answer]:
    """A form posted to ``path`` ("decision" and "comments": of the first difference)."""
    def request(s: Server) -> Answer:
        url = f"/differences/{s.fingerprints[0]}/{path}" if path in ("decision", "comments") else path
        return s.send("POST", url, fields(s), headers, origin)
    return request


def _get(path: str, headers: dict | None = None) -> Callable[[Server], Answer]:
    """A GET of ``path``."""
    return lambda s: s.send("GET", path, headers=headers)


def _without_token(s: Server) -> dict[str, str]:
    """A decision form on the first difference without its CSRF token."""
    return {k: v for k, v in s.decision(s.fingerprints[0]).items() if k != "csrf"}


def _forgeries() -> list[Row]:
    """Forms without the token, from another origin or host, and a login sending elsewhere."""
    return [
        ("decision without the CSRF token", "accounts", "refused", _post(_without_token), None),
        ("decision with a made-up CSRF token", "accounts", "refused",
         _post(lambda s: s.decision(s.fingerprints[0], csrf=FAKE)), None),
        ("decision without CSRF token (no accounts)", "local", "refused", _post(_without_token), None),
        ("decision from another origin", "accounts", "refused",
         _post(lambda s: s.decision(s.fingerprints[0]), {"Origin": "http://evil.example"}), None),
        ("decision with Origin: null and a foreign Referer", "accounts", "refused",
         _post(lambda s: s.decision(s.fingerprints[0]), {"Origin": "null", "Referer": "http://evil.example/x"}), None),
        ("decision without Origin or Referer", "accounts", "refused",
         _post(lambda s: s.decision(s.fingerprints[0]), origin=False), None),
        ("decision with a foreign Host header", "accounts", "refused",
         _post(lambda s: s.decision(s.fingerprints[0]), {"Host": "evil.example", "Origin": "http://evil.example"}),
         None),
        ("page with a foreign Host header (DNS rebinding)", "local", "refused", _get("/", {"Host": "evil.example"}),
         None),
        ("bulk decisions without the CSRF token", "accounts", "refused",
         _post(lambda s: {"status": "accepted", "note": "", "reviewer": "x", "view": "", "scope": "shown"},
               path="/comparisons/1/decisions"), None),
        ("comment without the CSRF token", "accounts", "refused",
         _post(lambda s: {"comparison_id": "1", "text": "forged", "reviewer": "x", "view": ""}, path="comments"),
         None),
        ("login without the CSRF token", "accounts", "refused",
         _post(lambda s: {"name": ACCOUNT, "password": PASSWORD, "next": "/"}, path="/login"), None),
        ("login with next=//evil.example", "accounts", "any",
         lambda s: s.send("POST", "/login", {"name": ACCOUNT, "password": PASSWORD, "next": "//evil.example/x",
                                             "csrf": _token(s.send("GET", "/login").body)}), _stays_here),
        ("DELETE on a comparison", "accounts", "refused", lambda s: s.send("DELETE", "/comparisons/1"), None),
    ]


def _traversals() -> list[Row]:
    """Path traversal in download, static, draft, job and export URLs."""
    paths = [("download ..%2f..%2fetc%2fpasswd", "accounts",
              "/comparisons/1/download/..%2f..%2f..%2f..%2fetc%2fpasswd"),
             ("download ../../../../etc/passwd", "accounts", "/comparisons/1/download/../../../../etc/passwd"),
             ("static ../../../../etc/passwd", "local", "/static/../../../../../etc/passwd"),
             ("static %2e%2e%2f traversal", "local", "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd"),
             ("draft ..%2f..%2fetc%2fpasswd.txt", "accounts", "/comparisons/1/drafts/..%2f..%2f..%2fetc%2fpasswd.txt"),
             ("job id ..%2f..%2fetc%2fpasswd", "local", "/jobs/..%2f..%2f..%2f..%2fetc%2fpasswd"),
             ("decisions export .%2e%2f.%2e%2fetc%2fpasswd", "local",
              "/comparisons/1/decisions.%2e%2e%2f%2e%2e%2fetc%2fpasswd")]
    return [(name, kind, "refused", _get(path), _no_secret_file) for name, kind, path in paths]


def _form(s: Server, pairs: list[tuple[str, str]], path: str = "") -> Answer:
    """``pairs`` posted as one urlencoded form (to the first difference's decision by default)."""
    return s.send("POST", path or f"/differences/{s.fingerprints[0]}/decision", urllib.parse.urlencode(pairs).encode(),
                  {"Content-Type": "application/x-www-form-urlencoded"})


def _oversized() -> list[Row]:
    """Bodies past the forms' limits, too many fields, bytes that are not UTF-8."""
    big = "a" * (10 << 20)
    return [
        ("decision body of 10 MB", "accounts", "refused", _post(lambda s: s.decision(s.fingerprints[0], note=big)),
         None),
        ("login body of 10 MB", "accounts", "refused",
         _post(lambda s: {"name": ACCOUNT, "password": big, "csrf": s.token}, path="/login"), None),
        ("bulk form of 1 MB of fingerprints", "accounts", "refused", lambda s: _form(s, [
            ("csrf", s.token), ("status", "accepted"), ("reviewer", "x"), ("note", ""), ("view", ""),
            ("scope", "selected")] + [("fingerprint", f"{n:064x}") for n in range(14_000)], "/comparisons/1/decisions"),
         None),
        ("decision form of 10,000 fields", "accounts", "refused", lambda s: _form(
            s, list(s.decision(s.fingerprints[0]).items()) + [(f"x{n}", "1") for n in range(10_000)]), None),
        ("invalid UTF-8 in a decision form", "accounts", "any",
         lambda s: s.send("POST", f"/differences/{s.fingerprints[1]}/decision",
                          urllib.parse.urlencode(s.decision(s.fingerprints[1])).encode() + b"&note=%ff%fe%c3",
                          {"Content-Type": "application/x-www-form-urlencoded"}), None),
        ("filter value of 50 KB", "accounts", "any", _get("/comparisons/1?doc=" + "x" * 50_000), None),
        ("reviewer cookie with broken percent-encoding", "local", "any",
         _get("/comparisons/1", {"Cookie": "legiscompare_reviewer=%ff%fe%ZZ%"}), None),
    ]


def _names_and_ids() -> list[Row]:
    """Reviewer names with NUL and bidi characters; ids that are negative, huge or no number."""
    huge = str(10**30)
    return [
        ("reviewer name with NUL", "local", "any",
         _post(lambda s: s.decision(s.fingerprints[2], reviewer="张\x00三")), _stored_raw("reviewer", "decisions", "张三")),
        ("reviewer name with U+202E", "local", "any",
         _post(lambda s: s.decision(s.fingerprints[3], reviewer="\u202e三张")),
         _stored_raw("reviewer", "decisions", "三张")),
        ("comment author with U+202E and NUL", "local", "any",
         _post(lambda s: {"comparison_id": "1", "text": "说明", "reviewer": "\u202e李\x00四", "view": "",
                          "csrf": s.token}, path="comments"), _stored_raw("author", "comments", "李四")),
        ("comparison -1 in a URL", "accounts", "refused", _get("/comparisons/-1"), None),
        ("comparison 10**30 in a URL", "accounts", "refused", _get(f"/comparisons/{huge}"), None),
        ("comparison 'abc' in a URL", "accounts", "refused", _get("/comparisons/abc"), None),
        ("download of comparison 10**30", "accounts", "refused", _get(f"/comparisons/{huge}/download/html"), None),
        ("audit of comparison -1", "accounts", "refused", _get("/comparisons/-1/audit"), None),
        ("comparison_id -1 in a decision form", "accounts", "refused",
         _post(lambda s: s.decision(s.fingerprints[0], comparison_id="-1")), None),
        ("comparison_id 10**30 in a decision form", "accounts", "refused",
         _post(lambda s: s.decision(s.fingerprints[0], comparison_id=huge)), None),
        ("comparison_id 'abc' in a decision form", "accounts", "refused",
         _post(lambda s: s.decision(s.fingerprints[0], comparison_id="abc")), None),
        ("fingerprint of 64 'f' in a decision URL", "accounts", "refused",
         _post(lambda s: s.decision(s.fingerprints[0]), path=f"/differences/{FAKE}/decision"), None),
    ]


def _escaping() -> list[Row]:
    """Script in notes, comments and names must come back escaped; an upload named outside."""
    return [
        ("script in a decision note comes back escaped", "accounts", "accepted",
         _post(lambda s: s.decision(s.fingerprints[4], note=SCRIPT)), _escaped_on_page),
        ("script in a comment comes back escaped", "accounts", "accepted",
         _post(lambda s: {"comparison_id": "1", "text": SCRIPT, "reviewer": "x", "view": "", "csrf": s.token},
               path="comments"), _escaped_on_page),
        ("script in a reviewer name comes back escaped", "local", "accepted",
         _post(lambda s: s.decision(s.fingerprints[5], reviewer=SCRIPT[:60])), _escaped_on_page),
        ("upload named ../../../../tmp/…txt", "local", "any",
         _upload("../../../../tmp/legiscompare-hostile-upload.txt"),
         _no_file_outside(Path("/tmp/legiscompare-hostile-upload.txt"))),
    ]


def specs(servers: Servers) -> list[Spec]:
    """The web cases, run against ``servers`` (started on first use)."""
    rows = [*_forgeries(), *_traversals(), *_oversized(), *_names_and_ids(), *_escaping()]
    return [(name, lambda n=name, k=kind, e=expect, r=request, c=check: _web_case(servers, n, k, e, r, c))
            for name, kind, expect, request, check in rows]
