"""Accounts, sessions, CSRF tokens and login rate limiting of the review server.

- Passwords are hashed with Argon2id (argon2-cffi's ``PasswordHasher`` defaults, the
  OWASP-recommended algorithm); only the hash is stored (``accounts`` table, 0006).
- A login opens a server-side session: a random 256-bit id in an ``HttpOnly``,
  ``SameSite=Strict`` cookie (``Secure`` over HTTPS), valid ``SESSION_HOURS`` hours, kept in
  the database (its SHA-256 only; ``compare.store.logins``), so a restart logs no one out.
- Every form carries a CSRF token: an HMAC, keyed by a secret kept in the database, of the session id
  (or of "local" on loopback without accounts). Another site cannot read it, so a forged
  form fails even if the browser sends the session cookie; this is in addition to the
  Origin/Host checks of ``guard``.
- ``LoginLimiter``: at most ``MAX_FAILURES`` failed logins per account and
  ``MAX_ADDRESS_FAILURES`` per client address in ``WINDOW_SECONDS``, counted before the
  password is checked; further attempts get 429 until the window passes.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from hashlib import sha256
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

SESSION_COOKIE = "legiscompare_session"
SESSION_HOURS = 12
MAX_FAILURES = 5  # failed logins of one account in the window
MAX_ADDRESS_FAILURES = 30  # failed logins from one client address, over all accounts
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
    """Open sessions: id → (account name, expiry as ``time.monotonic()``), in memory and,
    once ``attach``ed to a store, in its database (only each id's SHA-256), so a restart
    logs no one out; the CSRF key then comes from the database too."""

    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    _open: dict[str, tuple[str, float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    store: Any = None

    def attach(self, store: Any) -> None:
        """Keep sessions in ``store`` and take the CSRF key from it (``compare.store.logins``)."""
        from ..store.logins import server_key

        self.store, self.secret = store, server_key(store)

    def open(self, name: str) -> str:
        """A new session id for ``name``."""
        sid = secrets.token_urlsafe(32)
        if self.store is not None:
            from ..store.logins import open_login

            expires = datetime.now(timezone.utc) + timedelta(hours=SESSION_HOURS)
            open_login(self.store, _digest(sid), name, expires)
        with self._lock:
            self._open[sid] = (name, time.monotonic() + SESSION_HOURS * 3600)
        return sid

    def name(self, sid: str | None) -> str | None:
        """The account of a valid session id, else None (a session opened before a restart
        is found in the database)."""
        with self._lock:
            found = self._open.get(sid or "")
            if found and found[1] < time.monotonic():
                del self._open[sid or ""]
                found = None
        if found is None and sid and self.store is not None:
            from ..store.logins import login_account

            account = login_account(self.store, _digest(sid))
            if account is not None:
                with self._lock:  # its expiry stays the database's: checked again after a restart
                    self._open[sid] = (account, time.monotonic() + 300)
                return account
        return found[0] if found else None

    def close(self, sid: str | None) -> None:
        with self._lock:
            self._open.pop(sid or "", None)
        if sid and self.store is not None:
            from ..store.logins import close_login

            close_login(self.store, _digest(sid))

    def csrf(self, sid: str | None) -> str:
        """The CSRF token of the forms of session ``sid`` (None: loopback without accounts)."""
        return hmac.new(self.secret, f"csrf:{sid or 'local'}".encode(), sha256).hexdigest()

    def csrf_ok(self, sid: str | None, token: str) -> bool:
        return hmac.compare_digest(self.csrf(sid), token)


def _digest(sid: str) -> str:
    return sha256(sid.encode()).hexdigest()


@dataclass
class LoginLimiter:
    """Failed logins per account name and per client address in a sliding window.

    An attempt is counted *before* the (slow) password check (``attempt``) and uncounted
    when it succeeds, so a burst of parallel attempts gets at most the limit evaluated.
    An account takes ``MAX_FAILURES``; an address, over all names, ``MAX_ADDRESS_FAILURES``
    (so wrong passwords for one account never lock the others out, even behind a proxy
    that makes every reader one address)."""

    _failures: dict[str, deque[float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and times[0] < now - WINDOW_SECONDS:
            times.popleft()
        return times

    def attempt(self, name: str, address: str) -> float | None:
        """Count an attempt for account ``name`` from ``address`` (its stamp), or None when
        either limit is reached (the password is then not checked at all)."""
        now = time.monotonic()
        with self._lock:
            by_name, by_address = self._recent(f"name:{name}", now), self._recent(f"ip:{address}", now)
            if len(by_name) >= MAX_FAILURES or len(by_address) >= MAX_ADDRESS_FAILURES:
                return None
            by_name.append(now)
            by_address.append(now)
            return now

    def succeeded(self, name: str, address: str, stamp: float) -> None:
        """The attempt ``stamp`` logged in: it is no failure, and the account starts afresh."""
        with self._lock:
            self._failures.pop(f"name:{name}", None)
            times = self._failures.get(f"ip:{address}")
            if times and stamp in times:
                times.remove(stamp)
