"""Login sessions and the CSRF key of ``serve``, kept in the database (0011).

A session id is a random token held by the browser's cookie; the database keeps only its
SHA-256 (``digest``), so a copy of the database opens no session. ``server_key`` is the key
of the forms' CSRF tokens, made once and kept, so forms of pages opened before a restart
still post.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import delete

from . import models as db
from .store import Store, _aware

_CSRF_KEY = "csrf_key"


def open_login(store: Store, digest: str, account: str, expires_at: datetime) -> None:
    """Record the session ``digest`` of ``account`` until ``expires_at`` (expired ones purged)."""
    with store.session(write=True) as session:
        session.execute(delete(db.LoginSession).where(db.LoginSession.expires_at < db.utcnow()))
        session.add(db.LoginSession(digest=digest, account=account, expires_at=expires_at))


def login_account(store: Store, digest: str) -> str | None:
    """The account of the open, unexpired session ``digest``, else None."""
    with store.session() as session:
        row = session.get(db.LoginSession, digest)
        if row is None:
            return None
        return row.account if _aware(row.expires_at) > db.utcnow() else None


def close_login(store: Store, digest: str) -> None:
    """End the session ``digest`` (logging out)."""
    with store.session(write=True) as session:
        session.execute(delete(db.LoginSession).where(db.LoginSession.digest == digest))


def server_key(store: Store) -> bytes:
    """The key of the CSRF tokens: made on first use, then the same on every start."""
    with store.session(write=True) as session:
        row = session.get(db.ServerSetting, _CSRF_KEY)
        if row is None:
            row = db.ServerSetting(key=_CSRF_KEY, value=secrets.token_hex(32))
            session.add(row)
        return bytes.fromhex(row.value)
