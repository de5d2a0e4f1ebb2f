"""Accounts, sessions, CSRF tokens and login rate limiting of the review server.

- Passwords are hashed with Argon2id (argon2-cffi's ``PasswordHasher`` defaults, the
  OWASP-recommended algorithm); only the hash is stored (``accounts`` table, 0006).
- A login opens a server-side session: a random 256-bit id in an ``HttpOnly``,
  ``SameSite=Strict`` cookie (``Secure`` over HTTPS), valid ``SESSION_HOURS`` hours, kept in
  memory (a restart logs everyone out).
- Every form carries a CSRF token: an HMAC, keyed by a per-process secret, of the session id
  (or of "local" on loopback without accounts). Another site cannot read it, so a forged
  form fails even if the browser sends the session cookie; this is in addition to the
  Origin/Host checks of ``guard``.
- ``LoginLimiter``: at most ``MAX_FAILURES`` failed logins per client address and per
  account name in ``WINDOW_SECONDS``; further attempts get 429 until the window passes.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from hashlib import sha256

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

SESSION_COOKIE = "legiscompare_session"
SESSION_HOURS = 12
MAX_FAILURES = 5
WINDOW_SECONDS = 300
MIN_PASSWORD = 8

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    """The Argon2id hash (with its salt and parameters) to store for ``password``."""
    return _hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """Whether ``password`` matches; an unknown account costs the same time as a wrong password."""
    try:
        return _hasher.verify(stored_hash or _DUMMY, password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


_DUMMY = hash_password(secrets.token_hex(16))


@dataclass
class Sessions:
    """Open sessions: id → (account name, expiry as ``time.monotonic()``)."""

    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    _open: dict[str, tuple[str, float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def open(self, name: str) -> str:
        """A new session id for ``name``."""
        sid = secrets.token_urlsafe(32)
        with self._lock:
            self._open[sid] = (name, time.monotonic() + SESSION_HOURS * 3600)
        return sid

    def name(self, sid: str | None) -> str | None:
        """The account of a valid session id, else None."""
        with self._lock:
            found = self._open.get(sid or "")
            if found and found[1] < time.monotonic():
                del self._open[sid or ""]
                found = None
        return found[0] if found else None

    def close(self, sid: str | None) -> None:
        with self._lock:
            self._open.pop(sid or "", None)

    def csrf(self, sid: str | None) -> str:
        """The CSRF token of the forms of session ``sid`` (None: loopback without accounts)."""
        return hmac.new(self.secret, f"csrf:{sid or 'local'}".encode(), sha256).hexdigest()

    def csrf_ok(self, sid: str | None, token: str) -> bool:
        return hmac.compare_digest(self.csrf(sid), token)


@dataclass
class LoginLimiter:
    """Failed logins per key (client address, account name) in a sliding window."""

    _failures: dict[str, deque[float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def blocked(self, *keys: str) -> bool:
        """Whether any key has ``MAX_FAILURES`` failures within the window."""
        now = time.monotonic()
        with self._lock:
            for key in keys:
                times = self._failures.get(key)
                while times and times[0] < now - WINDOW_SECONDS:
                    times.popleft()
                if times and len(times) >= MAX_FAILURES:
                    return True
        return False

    def failed(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._failures.setdefault(key, deque()).append(time.monotonic())

    def succeeded(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)
