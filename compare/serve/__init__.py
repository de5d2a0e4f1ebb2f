"""The review interface: ``legiscompare serve``, a local web application over the store.

Public API: ``create_app(db_url, lang="zh") -> Starlette`` (see ``app``). Pages reuse the
report's templates (``base.html``, ``_macros.html``) through a Jinja2 ``ChoiceLoader``;
``guard.LocalGuard`` keeps the server local (loopback Host names only, same-origin forms,
a strict Content-Security-Policy).

Example::

    import uvicorn
    from compare.serve import create_app

    uvicorn.run(create_app("sqlite:///legiscompare.db"), host="127.0.0.1", port=8765)
"""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
