"""Title and header notes: adoption, enacting body, session, revisions, effective date.

Two header layouts are understood:

- lawrefbook Markdown: ``# title``, optional ``# subtitle``, then one note per line such as
  ``2022年6月1日 广东省第十三届人民代表大会常务委员会第四十三次会议通过``, ending at
  ``<!-- INFO END -->``. Notes are sometimes broken over two lines or run together; they
  are rejoined into *events* (one dated act each) and split where one event ends and the
  next begins.
- official layout: the title line, then the bracketed note
  ``（2003年…通过　根据2010年…第一次修正　2020年…修订）``, possibly over several lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Provision
from .lines import Line, recognise
from ..numerals import parse_date

ADOPTION = re.compile(r"(通过|批准|修正|修订|公布|施行|发布)")
_VERB_END = re.compile(r"(通过|批准|公布|施行|修正|修订|发布|实施|印发|生效|废止|颁布)[\s）)。.]*$")
_FULL_DATE = re.compile(r"^[（(]?\s*(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年")
_LEADING_DATE = re.compile(r"^[（(]?\s*(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年[^日]{1,6}日\s*")
_BOUNDARY = re.compile(r"(?<=通过|批准|公布|施行|修正|修订|发布)[\s，,；;。]*(?=根据|(?:\d{4}|[〇零一二三四五六七八九]{4})年)"
                       r"|[\s　，,；;]+(?=根据|(?:\d{4}|[〇零一二三四五六七八九]{4})年\S{1,6}日)")
_REVISION = re.compile(r"修正|修订|修改")
_TERM = re.compile(r"第?[一二三四五六七八九十百\d]+届")
_MEETING = re.compile(r"第[一二三四五六七八九十百千\d]+次[^第，。；\s]{0,6}?会议")
_ISSUER = re.compile(r"^([^\d，。；\s《》]{2,40}?)(?:令第|公告|发布|印发|颁布|公布)")
_TITLE_BODY = re.compile(r"^([^《》〈〉]{2,60}?(?:人民代表大会常务委员会|人民代表大会|人民政府|国务院(?:办公厅)?|最高人民法院"
                         r"|最高人民检察院|委员会|部|总局|局|署|办公厅))关于")
_EFFECTIVE = re.compile(r"本[^，。；\n]{0,15}?[自于]([^，。；\n]{2,30}?)起?(?:施行|生效|实施|执行)")
_EFFECTIVE_NOTE = re.compile(r"(\S*之日)\s*(?:起)?\s*施行")


@dataclass(frozen=True)
class Header:
    """What the lines before the body say."""

    title: str
    notes: tuple[str, ...]  # header lines as written, outer brackets removed
    events: tuple[str, ...]  # notes rejoined and split into one act each
    subtitles: tuple[str, ...] = ()  # further heading lines of the header ("物权编" of 民法典)

    @property
    def adoption_note(self) -> str | None:
        """The note that records the adoption (通过), else the first dated act."""
        return next((n for n in self.notes if "通过" in n), None) or next(
            (n for n in self.notes if ADOPTION.search(n)), None)

    @property
    def revisions(self) -> tuple[str, ...]:
        """Revision events: those that say 修正 / 修订 / 修改, and any 通过 after the adoption
        (lawrefbook sometimes records an amending decision by its adoption alone)."""
        out, adopted = [], False
        for event in self.events:
            if _REVISION.search(event) or (adopted and "通过" in event):
                out.append(event)
            adopted = adopted or "通过" in event
        return tuple(out)


def split_plain(lines: list[Line]) -> tuple[Header, list[Line]]:
    """Title and bracketed notes of a text without the lawrefbook marker, and the body."""
    if not lines:
        return Header("", (), ()), []
    if recognise(lines[0]) is not None and not lines[0].md:
        return Header("", (), ()), lines  # no title line: the text starts with its body
    title, rest = lines[0].text, lines[1:]
    count = 0
    open_bracket = False
    while count < len(rest) and (open_bracket or _is_note(rest[count])):
        text = rest[count].text
        if text[:1] in "(（":
            open_bracket = True
        if text[-1:] in ")）":
            open_bracket = False
        count += 1
        if count > 12:
            break
    return make_header(title, [ln.text for ln in rest[:count]]), rest[count:]


def split_lawrefbook(head: list[Line]) -> Header:
    """Title and notes from the lines before ``<!-- INFO END -->``."""
    if not head:
        return Header("", (), ())
    notes = [ln.text for ln in head[1:] if not ln.md]
    return make_header(head[0].text, notes, [ln.text for ln in head[1:] if ln.md])


def make_header(title: str, notes: list[str], subtitles: list[str] | None = None) -> Header:
    stripped = [_strip_brackets(n) for n in notes]
    stripped = [n for n in stripped if n]
    return Header(title, tuple(stripped), tuple(_events(stripped)), tuple(subtitles or ()))


def _is_note(line: Line) -> bool:
    if line.md or recognise(line) is not None:
        return False
    text = line.text
    bracketed = text[:1] in "(（" and text[-1:] in ")）"
    return bracketed or (len(text) < 200 and bool(ADOPTION.search(text)) and "年" in text
                         and not text.endswith(("：", ":")))


def _strip_brackets(text: str) -> str:
    text = text.strip()
    if text[:1] in "(（":
        text = text[1:]
    if text[-1:] in ")）" and text.count("（") + text.count("(") < text.count("）") + text.count(")"):
        text = text[:-1]
    return text.strip()


def _events(notes: list[str]) -> list[str]:
    """Rejoin notes broken over lines, then split notes that run several acts together."""
    joined: list[str] = []
    for note in notes:
        complete = not joined or bool(_VERB_END.search(joined[-1]))
        if joined and not complete and not _FULL_DATE.match(note):
            joined[-1] += note
        elif _FULL_DATE.match(note) or ADOPTION.search(note):
            joined.append(note)
    events: list[str] = []
    for note in joined:
        events.extend(p.strip() for p in _BOUNDARY.split(note) if p.strip())
    return [re.sub(r"\s+", " ", e) for e in events]


def enacting_body(header: Header) -> tuple[str | None, str | None]:
    """``(enacting body, session)`` from the adoption event, an issuing note or the title."""
    adoptions = [e for e in header.events if "通过" in e and not _REVISION.search(e)]
    for event in adoptions + [e for e in header.events if e not in adoptions]:
        body, session = _meeting(event)
        if body:
            return body, session
    for event in header.events:
        issuer = _ISSUER.match(_LEADING_DATE.sub("", event))
        if issuer and not issuer.group(1).endswith("主席") and not _REVISION.search(event):
            return _strip_via(issuer.group(1)), None
    title = _TITLE_BODY.match(header.title)
    return (title.group(1), None) if title else (None, None)


def _meeting(event: str) -> tuple[str | None, str | None]:
    """Body and session of "北京市第十六届人民代表大会常务委员会第六次会议通过"."""
    text = _LEADING_DATE.sub("", event)
    meeting = _MEETING.search(text)
    if not meeting:
        return None, None
    term = _TERM.search(text, 0, meeting.start())
    if term:
        place = text[:term.start()]
        organ = text[term.end():meeting.start()]
        session = text[term.start():meeting.end()]
    else:
        place, organ = "", text[:meeting.start()]
        session = meeting.group(0)
    body = (_clean_place(place) + organ).strip()
    if not body or len(body) > 40 or re.search(r"[，。；《》\d]", body):
        return None, session
    return body, session


def _clean_place(place: str) -> str:
    """The jurisdiction before 第X届: drop what precedes it ("根据…批准的…")."""
    place = place.strip()
    for mark in ("批准的", "根据", "的", "在"):
        if mark in place:
            place = place.rsplit(mark, 1)[1]
    return _strip_via(place)


def _strip_via(name: str) -> str:
    """"经济宁市" → "济宁市": a leading 经 ("by way of") is not part of a name."""
    return name[1:] if name.startswith("经") and len(name) > 2 else name


def effective(provisions: list[Provision], header: Header) -> str | None:
    """"YYYY-MM-DD" or "公布之日" from 本条例自…起施行 (last statement wins), else the notes."""
    for prov in reversed(provisions):
        if prov.kind == "annex":
            continue
        for paragraph in reversed(prov.paragraphs):
            if "施行" not in paragraph and "生效" not in paragraph and "实施" not in paragraph:
                continue
            for match in reversed(list(_EFFECTIVE.finditer(paragraph))):
                value = _when(match.group(1))
                if value:
                    return value
    for event in header.events:
        if "施行" in event:
            note = _EFFECTIVE_NOTE.search(event)
            if note and not _FULL_DATE.match(event):
                return note.group(1)
            date = parse_date(event)
            if date and "施行" in event[-6:]:
                return date
    return None


_REGULATION = re.compile(r"条例(?:（[^）]*）)?$")  # a title naming a regulation, which says when it takes effect
_TAKES_EFFECT = re.compile(r"施行|生效|实施")
UNFINISHED_MIN = 5  # articles: a shorter text is a fragment on purpose (an excerpt, an example), not a cut


def unfinished(title: str, provisions: list[Provision], effective_date: str | None) -> list[str]:
    """``["no_effective_clause:<last article>"]`` for a regulation (…条例) whose text never
    says when it takes effect and whose last article is not about it: a text cut short
    (18 of a 养犬管理条例's articles) is compared as if that were all it said."""
    articles = [p for p in provisions if p.kind == "article"]
    if effective_date or len(articles) < UNFINISHED_MIN or not _REGULATION.search(title) \
            or _TAKES_EFFECT.search(articles[-1].text):
        return []
    return [f"no_effective_clause:{articles[-1].number}"]


_LOOKALIKE_DIGITS = str.maketrans({"l": "1", "I": "1", "ｌ": "1", "O": "0", "o": "0"})


def _when(phrase: str) -> str | None:
    date = parse_date(phrase.translate(_LOOKALIKE_DIGITS))  # "1999年10月l日" (a damaged 1)
    if date:
        return date
    phrase = phrase.strip()
    return phrase if phrase.endswith("之日") and len(phrase) <= 8 else None
