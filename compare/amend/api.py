"""Library entry points of the amendment commands (the CLI is a thin layer over these)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from ..errors import InputError
from ..ingest import read_source
from ..instrument.model import Decision
from ..jurisdiction import JurisdictionLexer, load_divisions, with_jurisdictions
from ..jurisdiction import lexer_for as jurisdiction_lexer
from ..jurisdiction.infer import NATIONAL
from ..model import Comparison, Document
from ..pipeline import Options, compare_files
from ..structure import parse, parse_paragraphs
from .apply import Amended, apply_decision, provisions_by_number
from .check import Departure, check_consolidation
from .draft import draft_decision
from .items import Draft, make_draft, reviewed_decision
from .parse import parse_decision
from .sections import same_title
from .write import amended_text


def lexer_for(documents: tuple[Document, ...] | list[Document], options: Options | None = None) -> JurisdictionLexer:
    """The pipeline's jurisdiction-aware lexer for these documents."""
    options = options or Options()
    return jurisdiction_lexer(documents, options.divisions_file, options.institutions_file)


def _other(comparison: Comparison, doc_id: str) -> str:
    return next(d.id for d in comparison.documents if d.id != doc_id)


def amend_files(old: str, new: str, options: Options | None = None,
                style: str | None = None) -> tuple[Decision, Comparison]:
    """The decision that turns the text in ``old`` into the one in ``new`` (``style``:
    "decision" or "amendment", a 修正案; by default amendment for a text numbered 第X条之一
    or whose history records 修正案).

    When neither text says which jurisdiction enacted it, they are taken as national: in
    an amendment both are versions of one law, so only the words count.
    """
    options = options or Options()
    comparison = version_comparison(old, new, options)
    lexer = lexer_for(comparison.documents, options)
    decision = draft_decision(comparison, comparison.base, _other(comparison, comparison.base), lexer, style=style)
    return decision, comparison


def version_comparison(old: str, new: str, options: Options) -> Comparison:
    """Two versions of one text compared, OLD the base; when neither says which jurisdiction
    enacted it, both are taken as national (only the words count between versions)."""
    options.base = old
    try:
        return compare_files([old, new], options)
    except InputError as exc:
        if exc.key != "no_jurisdiction" or options.jurisdictions:
            raise
        options.jurisdictions = {"*": NATIONAL.name}
        return compare_files([old, new], options)


def revision_files(old: str, new: str, options: Options | None = None, lang: str = "zh") -> tuple[str, Comparison]:
    """The revised draft (NEW in full) with the outline of its 修订说明 (``compare.amend.revision``)."""
    from .revision import revision_text

    comparison = version_comparison(old, new, options or Options())
    return revision_text(comparison, comparison.base, _other(comparison, comparison.base), lang), comparison


def amend_draft(old: str, new: str, options: Options | None = None,
                style: str | None = None) -> tuple[Draft, Comparison]:
    """``amend_files`` with the decision as a ``Draft`` of reviewable items (what is stored)."""
    decision, comparison = amend_files(old, new, options, style)
    return make_draft("amend", comparison, comparison.base, _other(comparison, comparison.base), decision), comparison


def decision_word(decision: Decision, document: Document, options: Options | None = None, lang: str = "zh") -> bytes:
    """The decision as a Word file with its 修改前后对照表 (``document`` amended to make it)."""
    from .docx import decision_docx

    return decision_docx(decision, apply_decision(document, decision, lexer_for([document], options)), lang)


def reviewed_drafts(drafts: list[Draft], url: str) -> list[Draft]:
    """``drafts`` with the reviewers' current drop decisions read from the database at ``url``."""
    from .stored import reviewed

    return reviewed(drafts, url)


def save_drafts(comparison: Comparison, drafts: list[Draft], url: str) -> int:
    """Store ``comparison`` with ``drafts`` at ``url``; the comparison's id."""
    from .stored import save

    return save(comparison, drafts, url)


def kept_decision(draft: Draft, comparison: Comparison) -> Decision:
    """The draft's decision without the items a reviewer dropped, renumbered as they leave it."""
    return reviewed_decision(draft, comparison)


def harmonise_files(base: str, others: list[str], options: Options | None = None,
                    db_url: str | None = None) -> list[tuple[str, Decision]]:
    """For each other text, the decision that brings it in line with ``base``; with
    ``db_url``, provisions whose differences a reviewer accepted there are left out."""
    return [(path, draft.decision) for path, _, draft in harmonise_drafts(base, others, options, db_url)]


def harmonise_drafts(base: str, others: list[str], options: Options | None = None,
                     db_url: str | None = None) -> list[tuple[str, Comparison, Draft]]:
    """``harmonise_files`` with each pairwise comparison and the decision as a ``Draft``
    (``target``: the other text); ``db_url`` is only read when the database exists."""
    if db_url:
        from ..store import database_exists

        db_url = db_url if database_exists(db_url) else None
    out = []
    for other in others:
        opts = Options(base=base, jurisdictions=dict((options or Options()).jurisdictions),
                       divisions_file=(options or Options()).divisions_file,
                       institutions_file=(options or Options()).institutions_file)
        comparison = compare_files([base, other], opts)
        lexer = lexer_for(comparison.documents, opts)
        other_id = _other(comparison, comparison.base)
        skip = accepted_provisions(comparison, other_id, db_url) if db_url else set()
        decision = draft_decision(comparison, other_id, comparison.base, lexer, harmonise=True, skip=skip)
        out.append((other, comparison, make_draft("harmonise", comparison, other_id, comparison.base, decision)))
    return out


def accepted_provisions(comparison: Comparison, other_id: str, url: str) -> set[int]:
    """See ``compare.amend.accepted`` (imported late: SQLAlchemy costs start-up time)."""
    from .accepted import accepted_provisions as accepted

    return accepted(comparison, other_id, url)


def load_document(path: str, options: Options | None = None, paragraphs: bool = False) -> Document:
    """One text read, parsed and placed, as the pipeline does it; with ``paragraphs``, a text
    without articles (a 批复) is read as its paragraphs (``structure.parse_paragraphs``)."""
    options = options or Options()
    source = read_source(path, traditional_to_simplified=options.traditional)
    try:
        doc = parse(source, "old")
    except InputError as exc:
        if not paragraphs or exc.key != "no_structure":
            raise
        doc = parse_paragraphs(source, "old")
    table = load_divisions(options.divisions_file)
    try:
        return with_jurisdictions([doc], table, dict(options.jurisdictions))[0]
    except InputError as exc:  # as in amend_files: an unplaced text is read as national
        if exc.key != "no_jurisdiction" or options.jurisdictions:
            raise
        return with_jurisdictions([doc], table, {doc.source.path: NATIONAL.name})[0]


def apply_text(document: Document, decision: Decision, options: Options | None = None) -> str:
    """``document`` amended by ``decision``, as text in its format (``InputError`` if it does not fit)."""
    return amended_text(apply_decision(document, decision, lexer_for([document], options)), decision)


@contextmanager
def _naming(path: str) -> Iterator[None]:
    """An ``InputError`` raised inside names ``path`` when it names no file of its own."""
    try:
        yield
    except InputError as exc:
        raise InputError(exc.file or path, exc.key, **exc.params) from None


def read_decision(decision_path: str, only: str | None = None, title: str | None = None) -> Decision:
    """The decision written in the file ``decision_path`` (every line read or refused); of
    a decision amending several texts, the part ``only`` names or else the one titled ``title``."""
    with _naming(decision_path):
        return parse_decision(read_source(decision_path).text, only, title)


def apply_file(old: str, decision_path: str, options: Options | None = None, only: str | None = None) -> str:
    """The text of ``old`` amended by the decision in ``decision_path``."""
    return applied_file(old, decision_path, options, only)[0]


def applied_file(old: str, decision_path: str, options: Options | None = None,
                 only: str | None = None) -> tuple[str, Decision, Amended]:
    """``apply_file`` with the decision it applied (what ``apply`` counts in its summary)
    and the amended provisions (what ``apply --report`` lists)."""
    document, decision = _fitting(old, decision_path, options, only)
    with _naming(decision_path):
        amended = apply_decision(document, decision, lexer_for([document], options))
    return amended_text(amended, decision), decision, amended


def _fitting(old: str, decision_path: str, options: Options | None, only: str | None) -> tuple[Document, Decision]:
    """OLD and the decision (the part for OLD's title) to apply to it, checked by ``fits``."""
    document = load_document(old, options, paragraphs=True)
    decision = read_decision(decision_path, only, document.title)
    fits(document, decision, decision_path)
    return document, decision


def fits(document: Document, decision: Decision, decision_path: str) -> None:
    """Refuse (``InputError`` naming the decision) a decision with no instruction, one that
    amends a text of another title, and one that ``document``'s history says it has had."""
    if not decision.instructions:
        raise InputError(decision_path, "amend_no_instructions")
    title = document.title.lstrip("#").strip()
    if decision.title and title and not same_title(decision.title, title):
        raise InputError(decision_path, "amend_wrong_text", wanted=decision.title, title=title)
    adopted = "".join(decision.adopted.split())
    history = [document.adoption_note or "", *document.revisions]
    done = next((line for line in history if adopted and "".join(line.split()).startswith(adopted)), None)
    if done:
        raise InputError(decision_path, "amend_already_applied", line=done)


def checked_files(old: str, decision_path: str, new: str, options: Options | None = None,
                  only: str | None = None) -> tuple[list[Departure], int]:
    """The consolidation check of ``new`` against ``old`` amended by the decision in
    ``decision_path`` (``compare.amend.check``), and how many provisions were compared."""
    document, decision = _fitting(old, decision_path, options, only)
    published = load_document(new, options, paragraphs=True)
    with _naming(decision_path):
        departures = check_consolidation(document, decision, published, lexer_for([document, published], options))
    return departures, len(provisions_by_number(published))
