"""Tables of the corpus index (``legiscompare corpus``), on the store's ``Base`` metadata.

Layout::

    documents ◄── corpus_files ◄── corpus_provisions ──► provisions

``corpus_files`` has one row per file seen under an indexed directory, whatever became of
it (``status``: indexed, skipped, failed), with what decides whether a re-run must read it
again (size, mtime, sha256, ``settings``). An indexed file points at the ``documents`` row
of its content (shared by every file and comparison with the same bytes). Its
``corpus_provisions`` hold, per provision long enough to compare, the jurisdiction-
normalised string and the MinHash signature (``num_perm`` little-endian uint32 values;
see ``compare.corpus.shingle``). They are deleted and rebuilt when the file changes.
Revision 0003 creates these tables.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import HASH, KEY, Base, utcnow


class CorpusFile(Base):
    """A file under an indexed directory; ``path`` is absolute (POSIX separators)."""

    __tablename__ = "corpus_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    path: Mapped[str] = mapped_column(Text, unique=True)
    size: Mapped[int] = mapped_column(BigInteger)
    mtime_ns: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str | None] = mapped_column(HASH)  # None when the file could not be read
    status: Mapped[str] = mapped_column(String(16))  # "indexed" | "skipped" | "failed"
    reason: Mapped[str | None] = mapped_column(String(64))  # InputError key, e.g. "no_structure"
    detail: Mapped[str | None] = mapped_column(Text)  # the reason's message parameters (JSON)
    settings: Mapped[str] = mapped_column(HASH)  # fingerprint of the index settings used
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    jurisdiction_id: Mapped[int | None] = mapped_column(ForeignKey("jurisdictions.id"))
    jurisdiction_source: Mapped[str | None] = mapped_column(String(16))  # inferred | assumed
    date: Mapped[str | None] = mapped_column(String(10))  # adoption date, else the file name's
    provisions: Mapped[int] = mapped_column(Integer)  # corpus_provisions rows of the file
    indexed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CorpusProvision(Base):
    """A provision's normalised string and MinHash signature."""

    __tablename__ = "corpus_provisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("corpus_files.id"), index=True)
    provision_row_id: Mapped[int] = mapped_column(ForeignKey("provisions.id"))
    position: Mapped[int] = mapped_column(Integer)  # the provision's place in its document
    provision_id: Mapped[str] = mapped_column(KEY)  # e.g. "ch2/art10"
    number: Mapped[str] = mapped_column(KEY)  # e.g. "第十条"
    norm: Mapped[str] = mapped_column(Text)
    signature: Mapped[bytes] = mapped_column(LargeBinary)
