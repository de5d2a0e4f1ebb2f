"""Matching provisions by what they regulate, whatever their number, order or chapter (立法比较).

Texts drafted independently (the same matter regulated by two provinces, a province and
its cities) share few sentences and no order, so the sequence alignment of shared-draft
texts (``sequence``) pairs almost nothing. Here each provision becomes a profile of its
terms and each pair of texts is matched as a whole:

1. Similarity: cosine of TF-IDF vectors (sublinear term frequency, IDF over the articles
   of the two texts, so the words the whole topic shares weigh little) over jieba words
   (weight ``WORD_WEIGHT``) and character bigrams (the rest: robust to segmentation and
   to reworded compounds). Jurisdiction words are normalised first (本市 / 本省 / the
   enacting body's name are one term, other places another, numbers one term), so a
   province and a city read alike. An article whose one 款 or 项 is the other's whole
   article scores that part's similarity times ``PART_WEIGHT`` (城市 b 的第二十三条第七项 is
   county a's 第四十三条). Two articles whose first sentences read alike (养犬实行强制免疫制度 /
   本市实行犬只狂犬病免疫制度) score that sentences' similarity times ``HEAD_WEIGHT``, however
   differently the rest of each goes on. A penalty provision (法律责任) and an ordinary one score
   ``PENALTY_MISMATCH`` of their similarity: an obligation and its sanction share words
   but are not counterparts. Two penalty provisions that cite (违反本条例第十八条规定) articles
   matched to each other in step 2 sanction the same duty whatever their wording: they are
   at least ``CITED_SIMILARITY`` similar (the assignment is then made again). So are the
   two general provisions (总则) that each text has one of for a standard role: its scope
   (适用本条例, or where no general provision says so, 凡在…的单位和个人均应当遵守本条例), its principles (坚持…原则) or the duties of the other departments (按照各自
   职责): ``ROLE_SIMILARITY``, however differently each words it.
2. Assignment: the one-to-one matching of largest total similarity
   (``scipy.optimize.linear_sum_assignment``), pairs below ``MATCH_FLOOR`` dropped; order
   plays no part.
3. Order as a tie-breaker: a provision left unmatched whose neighbours are matched, with
   one or two unmatched provisions of the other text between their counterparts, takes the
   most similar of those when it reaches ``GAP_FLOOR``, in either text, so the base does not
   decide it: two drafters who agree on what comes before and after usually regulate the
   same matter in between.
4. One-to-many: a provision left unmatched joins the match of its most similar provision
   of the other text when that similarity reaches ``PART_FLOOR`` and ``PART_SHARE`` of the
   match's own (one article's content spread over two).
5. Further counterparts (``model.Counterpart``): a provision already placed that is also the best
   match of a provision of the other text, at least ``PART_FLOOR`` similar — a drafter
   reads it beside that provision too ("另见").

Thresholds were chosen on the hand-judged sets in ``benchmarks/gold/crossjurisdiction``
(``python -m benchmarks.align_crossjurisdiction`` prints recall and precision per set).

Public API: ``ProvisionProfile``, ``profile(paragraphs, own_code, parts, penalty)``,
``is_penalty(provision)``, ``cited_articles(provision)``, ``general_roles(provisions)``,
``similarity(a, b, counted)``, ``content_links(a, b)``,
``extra_pairs(sim, links)``, ``term_weights(profiles)``, ``shared_terms(a, b, weights)``;
the TF-IDF pieces ``words``, ``bigrams``, ``UnitCounts`` and ``tfidf`` (``partners`` builds one
space of many texts from them);
``model.Counterpart`` carries the result on each row.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

from .. import references
from ..jurisdiction.tokens import TokenCache
from ..model import Document, Provision, Token
from .sequence import Link

WORD_WEIGHT = 0.3  # share of the word cosine in a similarity (the rest: character bigrams)
HEAD_WEIGHT = 0.5  # a provision whose first sentence reads like the other's first sentence counts this much
PART_WEIGHT = 0.6  # a 款/项 of one that reads like the other's whole provision counts this much
PENALTY_MISMATCH = 0.5  # factor for a penalty provision against an ordinary one
CITED_SIMILARITY = 0.5  # two penalty provisions enforcing matched articles are at least this similar
ROLE_SIMILARITY = 0.3  # two general provisions with the same standard role are at least this similar
GENERAL_SHARE = 8  # in a text without chapters, the first eighth (at least 5) are its general provisions
MATCH_FLOOR = 0.20  # one-to-one matches below this similarity are dropped
GAP_FLOOR = 0.10  # a provision standing alone between two matched neighbours needs only this
PART_FLOOR = 0.15  # a second counterpart needs this similarity …
PART_SHARE = 0.6  # … and this share of the similarity of the match it joins
SIMILARITY_DIGITS = 12  # a pair's similarity whatever other texts share its vocabulary (summing order moves the 17th)
TERMS_SHOWN = 5  # shared key terms named per counterpart
PART_MIN_CHARS = 10  # shorter 款/项 are not compared on their own
MAX_CITED_RANGE = 30  # a cited range 第A条至第B条 longer than this is not read article by article

# Drafting words every regulation uses: never named as a shared key term.
GENERIC_TERMS = frozenset("""为了 根据 结合 实际 制定 条例 本条例 办法 本办法 规定 应当 可以 或者 其他 有关 以及
进行 按照 依照 依法 及其 相关 下列 以上 以下 之一 本法 实施 工作 情况 需要 提供 加强 及时 予以 通过 包括 并且 对于
关于 由于 不得 负责 做好 开展 建立 符合 具有 采取 措施 方面 有关部门 行政 管理 单位 组织 部门 人员 个人 社会
活动 方式 要求 依据 执行 适用 本行政区域 行政区域 所在地 县级 各级 人民政府 主管部门""".split())

_SELF = "〈本地〉"
_OTHER_PLACE = "〈他地〉"
_NUMBER = "〈数〉"
_PENALTY_WORDS = re.compile(r"罚款|通报批评|责令(?:限期)?改正|给予.{0,4}处分|追究.{0,6}责任|没收|吊销|警告|拘留")
_PENALTY_SHAPE = re.compile(r"^违反|的，由|处.{0,12}罚款")
_PENALTY_CHAPTER = re.compile(r"法律责任|罚则")


@dataclass(frozen=True)
class ProvisionProfile:
    """What content matching reads of one provision: its terms, those of each long
    款/项 on its own, and whether it sanctions (法律责任)."""

    terms: tuple[str, ...]
    parts: tuple[tuple[str, ...], ...] = ()
    penalty: bool = False
    number: int | None = None  # the provision's own article number
    cites: tuple[int, ...] = ()  # articles of its own text a penalty provision enforces
    role: str | None = None  # the standard role it alone has among its text's general provisions
    head: tuple[str, ...] = ()  # the terms of its first sentence, when more follows


def profile(paragraphs: list[list[Token]], own_code: str | None,
            parts: list[list[Token]] = (), penalty: bool = False,  # type: ignore[assignment]
            number: int | None = None, cites: tuple[int, ...] = (), role: str | None = None) -> ProvisionProfile:
    """The profile of a provision from its tokens (``parts``: tokens of each 款/项)."""
    return ProvisionProfile(terms(paragraphs, own_code),
                            tuple(terms([p], own_code) for p in parts), penalty, number, cites, role,
                            terms([_first_sentence(paragraphs)], own_code) if not penalty else ())


def _first_sentence(paragraphs: list[list[Token]]) -> list[Token]:
    first = paragraphs[0] if paragraphs else []
    end = next((k for k, t in enumerate(first) if t.surface in ("。", "；")), None)
    if end is None or (end == len(first) - 1 and len(paragraphs) == 1):
        return []
    return first[:end]


def terms(paragraphs: list[list[Token]], own_code: str | None) -> tuple[str, ...]:
    """The words content matching compares: punctuation and spaces dropped, every number
    one term, the enacting jurisdiction (本市, 本省, its name, 市人民政府) one term with its
    organ, any other place another."""
    out: list[str] = []
    for para in paragraphs:
        for token in para:
            if token.kind in ("space", "punct"):
                continue
            if token.kind == "number":
                out.append(_NUMBER)
            elif token.kind == "institution":
                out.append(token.key.removeprefix("I:"))
            elif token.kind in ("jurisdiction", "partner_list"):
                out.append(_place(token.key, own_code))
            else:
                out.append(token.key)
    return tuple(out)


def _place(key: str, own_code: str | None) -> str:
    fields = key.split(":")
    own = bool(own_code) and len(fields) > 1 and fields[1] == own_code
    organ = ":".join(fields[2:])
    return (_SELF if own else _OTHER_PLACE) + organ


def is_penalty(provision: Provision) -> bool:
    """Whether a provision sanctions (a 法律责任 chapter, or 违反…的，由…处…罚款)."""
    if provision.chapter and _PENALTY_CHAPTER.search(provision.chapter):
        return True
    text = provision.text
    return bool(_PENALTY_SHAPE.search(text) and _PENALTY_WORDS.search(text))


# Standard roles of a general provision (总则), recognised by the words every drafter uses.
# Each role's wordings in order: a later one is read only when no general provision has an earlier one.
ROLES = {
    "scope": (re.compile(r"适用本(?:条例|办法|规定)|本(?:条例|办法|规定)适用于"),
              re.compile(r"^(?:凡)?在[^。；]{2,40}的[^。；]{0,20}(?:单位|个人)[^。；]{0,10}(?:均|都)?应当遵守本(?:条例|办法|规定)")),
    "principles": (re.compile(r"(?:坚持|遵循|贯彻|实行)[^。；]{0,60}(?:原则|方针)"),),
    "duties": (re.compile(r"按照(?:各自|职责分工|各自的)?职责|根据各自职责|在各自职责范围内"),),
}


def general_roles(provisions: list[Provision]) -> dict[int, str]:
    """The standard roles (``ROLES``) that exactly one general provision of a text has:
    index of that provision → role. Provisions of a 总则 chapter are general; in a text
    without one, the first eighth (at least five), or those before its first chapter."""
    head = max(5, len(provisions) // GENERAL_SHARE)
    general = [(k, p) for k, p in enumerate(provisions) if p.chapter is not None and "总则" in p.chapter]
    if not general:  # no chapters, or the 总则 heading lost: the provisions before the first chapter
        first_chapter = next((k for k, p in enumerate(provisions) if p.chapter), None)
        limit = head if first_chapter is None else min(first_chapter, 2 * head)
        general = [(k, p) for k, p in enumerate(provisions) if k < limit]
    out = {}
    for role, patterns in ROLES.items():
        holders = next(([k for k, p in general if pattern.search(p.text)] for pattern in patterns
                        if any(pattern.search(p.text) for _, p in general)), [])
        if len(holders) == 1:
            out[holders[0]] = role
    return out


_CONDUCT = re.compile(r"^(?:违反[^，,。；]*?规定[，,]|有下列[^，,。；]*?之一的[，,]?)?(?P<conduct>[^。；]*?)的[，,]")


def conduct_texts(provision: Provision) -> list[str]:
    """What a penalty provision sanctions, without the sanction: "违反本条例第五条规定，
    <conduct>的，由…处…罚款" keeps <conduct>; items (（一）…的；) are conduct whole. Two
    penalty provisions share their sanction wording whatever they punish, so only the
    conduct tells which obligation they enforce."""
    out = []
    for paragraph in provision.paragraphs:
        found = _CONDUCT.search(paragraph)
        out.append(found.group("conduct") if found and len(found.group("conduct")) >= 4 else paragraph)
    return out


def cited_articles(provision: Provision) -> tuple[int, ...]:
    """The articles of its own text a provision cites (第十八条, 第二十条第一款, 第五条至第七条)."""
    found: set[int] = set()
    for paragraph in provision.paragraphs:
        for reference in references.parse(paragraph):
            for first, last in references.article_spans(reference.targets):
                if last - first <= MAX_CITED_RANGE:
                    found.update(range(first, last + 1))
    return tuple(sorted(found))


def part_texts(provision: Provision) -> list[str]:
    """The 款 and 项 of a provision long enough to be compared on their own."""
    if len(provision.paragraphs) < 2 and not any(c.kind == "item" for c in provision.clauses):
        return []
    return [c.text for c in provision.clauses if c.kind in ("paragraph", "item") and len(c.text) >= PART_MIN_CHARS]


def similarity(a: list[ProvisionProfile], b: list[ProvisionProfile], counted: UnitCounts | None = None) -> np.ndarray:
    """Content similarity (0..1) of every provision of ``a`` with every one of ``b``: of
    their words, raised for general provisions with one standard role and for penalty
    provisions that enforce matched articles. ``counted`` keeps the unit counts of texts
    met before (the base, compared with every other text)."""
    sim = _wording_similarity(a, b, counted or UnitCounts())
    if not sim.size:
        return sim
    roles_a = np.array([p.role or "" for p in a])
    roles_b = np.array([p.role or "" for p in b])
    same_role = (roles_a[:, None] == roles_b[None, :]) & (roles_a[:, None] != "")
    return _cited_support(np.where(same_role, np.maximum(sim, ROLE_SIMILARITY), sim), a, b)


def _cited_support(sim: np.ndarray, a: list[ProvisionProfile], b: list[ProvisionProfile]) -> np.ndarray:
    """``sim`` with each pair of penalty provisions that cite articles linked by
    ``content_links(sim)`` raised to ``CITED_SIMILARITY``: the sanctions of one duty."""
    citing_a = [(i, p.cites) for i, p in enumerate(a) if p.penalty and p.cites]
    citing_b = [(j, p.cites) for j, p in enumerate(b) if p.penalty and p.cites]
    if not citing_a or not citing_b:
        return sim
    index_a = {p.number: i for i, p in enumerate(a) if p.number is not None}
    index_b = {p.number: j for j, p in enumerate(b) if p.number is not None}
    linked = {(i, j) for link in content_links(sim) for i in link.a for j in link.b}
    out = sim.copy()
    for i, cites_a in citing_a:
        enforced_a = {index_a[n] for n in cites_a if n in index_a}
        for j, cites_b in citing_b:
            if any((x, index_b[n]) in linked for x in enforced_a for n in cites_b if n in index_b):
                out[i, j] = max(out[i, j], CITED_SIMILARITY)
    return out


def _wording_similarity(a: list[ProvisionProfile], b: list[ProvisionProfile], counted: UnitCounts) -> np.ndarray:
    if not a or not b:
        return np.zeros((len(a), len(b)))
    whole = np.zeros((len(a), len(b)))
    part = np.zeros((len(a), len(b)))
    head = np.zeros((len(a), len(b)))
    for weight, analyse in ((WORD_WEIGHT, words), (1.0 - WORD_WEIGHT, bigrams)):
        w, p, h = _cosines(a, b, counted, analyse)
        whole += weight * w
        part += weight * p
        head += weight * h
    sim = np.maximum(np.maximum(whole, PART_WEIGHT * part), HEAD_WEIGHT * head)
    pen_a = np.array([p.penalty for p in a])
    pen_b = np.array([p.penalty for p in b])
    sim = np.where(pen_a[:, None] != pen_b[None, :], sim * PENALTY_MISMATCH, sim)
    return np.round(sim, SIMILARITY_DIGITS)


def words(terms_: tuple[str, ...]) -> tuple[str, ...]:
    """The units of the word cosine: the terms themselves."""
    return terms_


def bigrams(terms_: tuple[str, ...]) -> list[str]:
    """The units of the bigram cosine: character bigrams of the terms run together, each
    placeholder one character."""
    text = "".join(t if not t.startswith("〈") else "□" for t in terms_)
    return [text[i:i + 2] for i in range(len(text) - 1)]


def _cosines(a: list[ProvisionProfile], b: list[ProvisionProfile], counted: UnitCounts,  # type: ignore[no-untyped-def]
             analyse) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Whole-provision cosines, for each pair the best cosine of one's part with the other's
    whole, and the cosines of their first sentences; IDF from the whole provisions of both
    texts, one TF-IDF space for all three."""
    wholes = [p.terms for p in a] + [p.terms for p in b]
    parts_a = [(i, t) for i, p in enumerate(a) for t in p.parts]
    parts_b = [(j, t) for j, p in enumerate(b) for t in p.parts]
    n, m = len(wholes), len(wholes) + len(parts_a) + len(parts_b)
    matrix = tfidf(counted.matrix(wholes + [t for _, t in parts_a] + [t for _, t in parts_b]
                                  + [p.head for p in a] + [p.head for p in b], analyse), n)
    va, vb = matrix[:len(a)], matrix[len(a):n]
    head = (matrix[m:m + len(a)] @ matrix[m + len(a):].T).toarray()
    whole = (va @ vb.T).toarray()
    part = np.zeros_like(whole)
    if parts_b:
        fb = matrix[n + len(parts_a):m]
        _column_max(part, (va @ fb.T).toarray(), [j for j, _ in parts_b])
    if parts_a:
        fa = matrix[n:n + len(parts_a)]
        _column_max(part.T, (vb @ fa.T).toarray(), [i for i, _ in parts_a])
    return whole, part, head


class UnitCounts:
    """Sparse sublinear term frequencies (1 + ln n) of texts' units, one vocabulary per
    analyser (``words``, ``bigrams``) and each distinct text counted once: N-way, the base
    is matched with every other text and all texts again with each other (``partners``)."""

    def __init__(self) -> None:
        self._vocabularies: dict[object, dict[str, int]] = {}
        self._rows: dict[tuple[object, tuple[str, ...]], tuple[np.ndarray, np.ndarray]] = {}

    def matrix(self, texts: list[tuple[str, ...]], analyse):  # type: ignore[no-untyped-def]
        """One row per text, its units' frequencies in the columns of their vocabulary."""
        from scipy import sparse

        vocabulary = self._vocabularies.setdefault(analyse, {})
        rows = [self._row(text, analyse, vocabulary) for text in texts]
        indptr = np.cumsum([0] + [len(cols) for cols, _ in rows])
        indices = np.concatenate([cols for cols, _ in rows]) if rows else np.zeros(0, dtype=np.int32)
        data = np.concatenate([vals for _, vals in rows]) if rows else np.zeros(0)
        return sparse.csr_matrix((data, indices, indptr), shape=(len(texts), max(1, len(vocabulary))))

    def _row(self, text: tuple[str, ...], analyse, vocabulary: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:  # type: ignore[no-untyped-def]
        found = self._rows.get((analyse, text))
        if found is None:
            tally = Counter(analyse(text))
            cols = np.fromiter((vocabulary.setdefault(unit, len(vocabulary)) for unit in tally), dtype=np.int32,
                               count=len(tally))
            vals = np.fromiter((1.0 + math.log(n) for n in tally.values()), dtype=np.float64, count=len(tally))
            order = np.argsort(cols)
            found = self._rows[(analyse, text)] = (cols[order], vals[order])
        return found


def tfidf(matrix, n: int | None = None):  # type: ignore[no-untyped-def]
    """Unit TF-IDF rows of a ``UnitCounts.matrix``, the IDF taken over its first ``n`` rows
    (all by default)."""
    n = matrix.shape[0] if n is None else n
    df = np.bincount(matrix[:n].indices, minlength=matrix.shape[1])
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    return _normalised(matrix.multiply(idf).tocsr())


def _normalised(matrix):  # type: ignore[no-untyped-def]
    """Rows scaled to unit length (zero rows left as they are)."""
    from scipy import sparse

    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms) @ matrix


def _column_max(target: np.ndarray, scores: np.ndarray, owners: list[int]) -> None:
    """``target[:, owner] = max(target[:, owner], scores[:, k])`` for each column ``k``."""
    for k, owner in enumerate(owners):
        np.maximum(target[:, owner], scores[:, k], out=target[:, owner])


def content_links(sim: np.ndarray) -> list[Link]:
    """Links between the provisions of two texts (``a`` the base) from their content
    similarity: the best one-to-one assignment, then each provision of ``b`` left over
    joins the match of its most similar ``a`` provision (one article's content spread over
    two). A leftover of ``a`` is never joined (that would merge base rows far apart); it
    becomes a further counterpart (``extra_pairs``)."""
    from scipy.optimize import linear_sum_assignment

    if sim.size == 0:
        return []
    rows, cols = linear_sum_assignment(sim, maximize=True)
    pairs = {int(i): int(j) for i, j in zip(rows, cols) if sim[i, j] >= MATCH_FLOOR}
    pairs |= sandwiched(sim, pairs)
    pairs |= {i: j for j, i in sandwiched(sim.T, {j: i for i, j in pairs.items()}).items()}  # and in b, alike
    taken = set(pairs.values())
    links = {i: [j] for i, j in pairs.items()}
    for j in range(sim.shape[1]):
        i = int(np.argmax(sim[:, j]))
        if j not in taken and i in pairs and _joins(sim, i, j, sim[i, pairs[i]]):
            links[i].append(j)
    return [Link((i,), tuple(sorted(links[i])), False, round(float(max(sim[i, j] for j in links[i])), 4))
            for i in sorted(links)]


def sandwiched(sim: np.ndarray, pairs: dict[int, int]) -> dict[int, int]:
    """Pairs for unmatched provisions of ``a`` between two matched neighbours: the most
    similar of the one or two unmatched ``b`` provisions between those neighbours'
    counterparts, at least ``GAP_FLOOR`` similar (order as a tie-breaker, step 3 above)."""
    taken = set(pairs.values())
    found: dict[int, int] = {}
    for i in range(1, sim.shape[0] - 1):
        before, after = pairs.get(i - 1), pairs.get(i + 1)
        if i in pairs or before is None or after is None or not 0 < after - before - 1 <= 2:
            continue
        free = [j for j in range(before + 1, after) if j not in taken]
        j = max(free, key=lambda k: sim[i, k], default=None)
        if j is not None and sim[i, j] >= GAP_FLOOR:
            found[i] = j
            taken.add(j)
    return found


def _joins(sim: np.ndarray, i: int, j: int, match: float) -> bool:
    return bool(sim[i, j] >= PART_FLOOR and sim[i, j] >= PART_SHARE * match)


def extra_pairs(sim: np.ndarray, links: list[Link]) -> list[tuple[int, int]]:
    """Pairs outside ``links`` where one is the other's most similar provision (at least
    ``PART_FLOOR``, and ``PART_SHARE`` of what each already matched): counterparts a drafter
    reads together although each stands in its own row."""
    linked = {(i, j) for link in links for i in link.a for j in link.b}
    best_a = {i: max((sim[i, j] for link in links if i in link.a for j in link.b), default=0.0)
              for i in range(sim.shape[0])}
    best_b = {j: max((sim[i, j] for link in links if j in link.b for i in link.a), default=0.0)
              for j in range(sim.shape[1])}
    found = set()
    if sim.size:
        found |= {(int(np.argmax(sim[:, j])), j) for j in range(sim.shape[1])}
        found |= {(i, int(np.argmax(sim[i]))) for i in range(sim.shape[0])}
    return sorted((i, j) for i, j in found - linked
                  if sim[i, j] >= PART_FLOOR and sim[i, j] >= PART_SHARE * max(best_a[i], best_b[j]))


def term_weights(profiles: list[ProvisionProfile]) -> dict[str, float]:
    """IDF of each term over the given provisions: rarer terms tell more."""
    df: dict[str, int] = {}
    for prof in profiles:
        for term in set(prof.terms):
            df[term] = df.get(term, 0) + 1
    n = len(profiles)
    return {t: math.log((1.0 + n) / (1.0 + k)) for t, k in df.items()}


def shared_terms(a: ProvisionProfile, b: ProvisionProfile, weights: dict[str, float] | None = None) -> tuple[str, ...]:
    """The words two provisions share, rarest in the two texts (``weights``) and longest
    first, at most ``TERMS_SHOWN``; placeholders, one-character words and ``GENERIC_TERMS``
    left out."""
    common = {t for t in a.terms if len(t) > 1 and not t.startswith("〈") and t not in GENERIC_TERMS} & set(b.terms)
    weights = weights or {}
    return tuple(sorted(common, key=lambda t: (-weights.get(t, 0.0), -len(t), t))[:TERMS_SHOWN])


def content_profiles(docs: list[Document], tokens: TokenCache) -> dict[tuple[str, str], ProvisionProfile]:
    """What content matching reads of each provision (``compare.align.content``)."""
    out = {}
    for doc in docs:
        code = doc.jurisdiction.code if doc.jurisdiction else None
        roles = general_roles(list(doc.provisions))
        for k, prov in enumerate(doc.provisions):
            penalty = is_penalty(prov)
            parts = [tokens.paragraph(text, doc) for text in part_texts(prov)]
            whole = [tokens.paragraph(text, doc) for text in conduct_texts(prov)] if penalty else \
                tokens.provision(prov, doc)
            number = prov.ordinal if prov.kind == "article" and "之" not in prov.number else None  # 第十条之一: not 10
            out[(doc.id, prov.id)] = profile(whole, code, [] if penalty else parts, penalty, number,
                                             cited_articles(prov) if penalty else (), roles.get(k))
    return out
