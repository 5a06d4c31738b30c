"""The shared vocabulary of gongbao: every stage takes and returns these types.

Offsets are Python ``str`` indices into the *source text* (the decoded file). A
``MappedText`` is a derived text (normalized, reordered, markers removed) that keeps,
piece by piece, where each of its characters came from, so any node or sentence can
be traced back to the exact place in the source.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

SCHEMA_PARSE = "gongbao.parse/1"
# Kinds of a regulation printed as a whole with its history line (公布/通过, 修正…).
LEGISLATION_KINDS = ("规章", "法律", "行政法规", "地方性法规")
SCHEMA_VERIFY = "gongbao.verify/1"


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range ``[start, end)`` of source offsets."""

    start: int
    end: int

    def to_json(self) -> list[int]:
        return [self.start, self.end]


@dataclass(frozen=True, slots=True)
class Piece:
    """``text[t_start:t_start+t_len]`` was made from ``source[s_start:s_start+s_len]``.

    When ``t_len == s_len`` the mapping is character for character (width folding and
    punctuation unification never change lengths); otherwise the piece is a repair
    (e.g. ``PM_{2.5}`` -> ``PM2.5``) and maps as a block.
    """

    t_start: int
    t_len: int
    s_start: int
    s_len: int


class MappedText:
    """A text built from pieces of a source, with a map back to source offsets.

    Guarantees: ``len(text) == sum(p.t_len)``; pieces are in text order and contiguous
    in text space; ``to_source`` is defined for every index ``0 <= i <= len(text)``.

    The piece map is kept compact: the pieces' text starts in one array and their
    ``(t_len, s_start, s_len)`` in another (32 bytes a piece, not a ``Piece`` object and its
    integers); ``pieces`` builds the ``Piece`` list on demand.
    """

    __slots__ = ("_m", "_starts", "text")

    def __init__(self, text: str, pieces: list[Piece]):
        self.text = text
        self._starts = array("q", [p.t_start for p in pieces])
        m = array("q")
        for p in pieces:
            m.extend((p.t_len, p.s_start, p.s_len))
        self._m = m

    @classmethod
    def _of(cls, text: str, starts: array[int], m: array[int]) -> MappedText:
        self = cls.__new__(cls)
        self.text = text
        self._starts = starts
        self._m = m
        return self

    @staticmethod
    def verbatim(text: str, s_start: int) -> MappedText:
        """``text`` copied character for character from ``source[s_start:s_start+len(text)]``
        (one piece; most lines of a gazette)."""
        return _Verbatim(text, s_start) if text else MappedText.empty()

    @classmethod
    def empty(cls) -> MappedText:
        return cls._of("", array("q"), array("q"))

    @property
    def pieces(self) -> list[Piece]:
        m = self._m
        return [Piece(t, m[3 * k], m[3 * k + 1], m[3 * k + 2]) for k, t in enumerate(self._starts)]

    def __len__(self) -> int:
        return len(self.text)

    def to_source(self, i: int, *, end: bool = False) -> int:
        """Source offset of text index ``i`` (``end=True`` for an exclusive end)."""
        starts = self._starts
        if not starts:
            return 0
        j = i - 1 if end and i > 0 else i
        k = max(bisect.bisect_right(starts, j) - 1, 0)
        t_start = starts[k]
        t_len, s_start, s_len = self._m[3 * k : 3 * k + 3]
        if t_len == s_len:
            off = min(max(i - t_start, 0), t_len)
            return s_start + off
        return s_start + (s_len if end else 0)

    def text_offset(self, source_offset: int) -> int | None:
        """The text index made from ``source_offset``: read in the non-empty piece whose source
        starts last at or before it (of two starting there, the later in the text), ``None``
        when that piece ends before it. One pass over the piece map, no ``Piece`` built."""
        m = self._m
        best = -1
        best_start = -1
        for k, (t_len, s_start) in enumerate(zip(m[0::3], m[1::3], strict=True)):
            if t_len and best_start <= s_start <= source_offset:
                best, best_start = k, s_start
        if best < 0:
            return None
        t_len, s_start, s_len = m[3 * best : 3 * best + 3]
        if source_offset < s_start + max(s_len, 1):
            return self._starts[best] + min(source_offset - s_start, t_len - 1)
        return None

    def source_spans(self, start: int = 0, end: int | None = None) -> list[Span]:
        """Source spans covering text ``[start, end)``, merged where adjacent."""
        end = len(self.text) if end is None else end
        out: list[Span] = []
        starts = self._starts
        if start >= end or not starts:
            return out
        m = self._m
        n = len(starts)
        k = max(bisect.bisect_right(starts, start) - 1, 0)
        # the last span (cs, ce) is kept open while the next one continues it
        have = False
        cs = ce = 0
        while k < n:
            t_start = starts[k]
            if t_start >= end:
                break
            t_len = m[3 * k]
            t_end = t_start + t_len
            a = start if start > t_start else t_start
            b = end if end < t_end else t_end
            if a < b or t_len == 0:
                s_start = m[3 * k + 1]
                s_len = m[3 * k + 2]
                if t_len == s_len:
                    s0, s1 = s_start + (a - t_start), s_start + (b - t_start)
                else:
                    s0, s1 = s_start, s_start + s_len
                if have and ce == s0:
                    ce = s1
                elif s1 > s0:
                    if have:
                        out.append(Span(cs, ce))
                    have, cs, ce = True, s0, s1
            k += 1
        if have:
            out.append(Span(cs, ce))
        return out

    def shifted(self, offset: int) -> MappedText:
        """The same text and pieces, made from the source ``offset`` characters further on."""
        return _Shifted(self, offset)

    def slice(self, start: int, end: int) -> MappedText:
        """The sub-text ``[start, end)`` with its own piece map."""
        starts = array("q")
        m = array("q")
        for t_off, t_len, s_start, s_len in self._iter_slices(start, end):
            starts.append(t_off)
            m.extend((t_len, s_start, s_len))
        return MappedText._of(self.text[start:end], starts, m)

    def _iter_slices(self, start: int, end: int) -> Iterator[tuple[int, int, int, int]]:
        """``(t_start - start, t_len, s_start, s_len)`` of each piece overlapping ``[start, end)``."""
        if start >= end:
            return
        starts = self._starts
        m = self._m
        n = len(starts)
        k = max(bisect.bisect_right(starts, start) - 1, 0)
        while k < n:
            t_start = starts[k]
            if t_start >= end:
                break
            t_len = m[3 * k]
            a, b = max(start, t_start), min(end, t_start + t_len)
            if a < b:
                if t_len == m[3 * k + 2]:
                    yield (a - start, b - a, m[3 * k + 1] + (a - t_start), b - a)
                else:
                    yield (a - start, b - a, m[3 * k + 1], m[3 * k + 2])
            k += 1


class _Verbatim(MappedText):
    """A ``MappedText`` of one piece mapped character for character: the start of its
    source is all it keeps (a normalized line that needed no repair)."""

    __slots__ = ("_s",)

    def __init__(self, text: str, s_start: int):
        self.text = text
        self._s = s_start

    def __reduce__(self) -> tuple[type[_Verbatim], tuple[str, int]]:  # pickle and copy: text and offset
        return (_Verbatim, (self.text, self._s))

    @property
    def _starts(self) -> array[int]:  # type: ignore[override]
        return array("q", (0,))

    @property
    def _m(self) -> array[int]:  # type: ignore[override]
        n = len(self.text)
        return array("q", (n, self._s, n))

    def to_source(self, i: int, *, end: bool = False) -> int:
        return self._s + min(max(i, 0), len(self.text))

    def shifted(self, offset: int) -> MappedText:
        return _Verbatim(self.text, self._s + offset)

    def source_spans(self, start: int = 0, end: int | None = None) -> list[Span]:
        n = len(self.text)
        end = n if end is None else end
        if start >= end:
            return []
        a = start if start > 0 else 0
        b = end if end < n else n
        return [Span(self._s + a, self._s + b)] if a < b else []

    def slice(self, start: int, end: int) -> MappedText:
        if 0 <= start < end and start < len(self.text):
            return _Verbatim(self.text[start:end], self._s + start)
        return super().slice(start, end)


class _Shifted(MappedText):
    """A ``MappedText`` made of the same pieces as another, ``offset`` characters further on
    in the source (a short line normalized once per distinct text): the piece map is built
    on demand."""

    __slots__ = ("_base", "_off")

    def __init__(self, base: MappedText, offset: int):
        self.text = base.text
        self._base = base
        self._off = offset

    def __reduce__(self) -> tuple[type[_Shifted], tuple[MappedText, int]]:  # pickle and copy
        return (_Shifted, (self._base, self._off))

    @property
    def _starts(self) -> array[int]:  # type: ignore[override]
        return self._base._starts

    @property
    def _m(self) -> array[int]:  # type: ignore[override]
        m = array("q", self._base._m)
        for k in range(1, len(m), 3):
            m[k] += self._off
        return m

    def shifted(self, offset: int) -> MappedText:
        return _Shifted(self._base, self._off + offset)


def join_mapped(texts: list[MappedText], breaks: list[int | None]) -> MappedText:
    """The texts one after another, as ``TextBuilder.add_mapped`` would append them whole;
    before ``texts[i]``, a line break with no source of its own (at source offset
    ``breaks[i]``) when that is not ``None``. One pass over the pieces (a document's lines)."""
    parts: list[str] = []
    starts: array[int] = array("q")
    m: array[int] = array("q")
    pos = 0
    for mt, at in zip(texts, breaks, strict=True):
        if at is not None:
            parts.append("\n")
            starts.append(pos)
            m.extend((1, at, 0))
            pos += 1
        text = mt.text
        n = len(text)
        parts.append(text)
        if type(mt) is _Verbatim:
            if n:
                starts.append(pos)
                m.extend((n, mt._s, n))
        else:
            mm = mt._m
            for k, t_start in enumerate(mt._starts):
                t_len = mm[3 * k]
                if t_len:
                    starts.append(pos + t_start)
                    m.extend((t_len, mm[3 * k + 1], mm[3 * k + 2]))
        pos += n
    return MappedText._of("".join(parts), starts, m)


class TextBuilder:
    """Builds a ``MappedText`` by appending source slices and repairs."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._starts: array[int] = array("q")
        self._m: array[int] = array("q")
        self._len = 0

    def __len__(self) -> int:
        return self._len

    def add(self, text: str, s_start: int, s_len: int | None = None) -> None:
        """Append ``text`` made from ``source[s_start:s_start+s_len]`` (default: same length)."""
        n = len(text)
        s_len = n if s_len is None else s_len
        if not text and not s_len:
            return
        self._parts.append(text)
        self._starts.append(self._len)
        self._m.extend((n, s_start, s_len))
        self._len += n

    def add_mapped(self, mt: MappedText, start: int = 0, end: int | None = None) -> None:
        end = len(mt.text) if end is None else end
        if start == 0 and end == len(mt.text) and type(mt) is _Verbatim:  # a whole line, one piece
            n = len(mt.text)
            self._parts.append(mt.text)
            if n:
                self._starts.append(self._len)
                self._m.extend((n, mt._s, n))
            self._len += n
            return
        if start == 0 and end == len(mt.text) and mt._starts:  # the whole text (a line): its pieces, shifted
            base = self._len
            self._parts.append(mt.text)
            m = mt._m
            for k, t_start in enumerate(mt._starts):
                t_len = m[3 * k]
                if t_len:
                    self._starts.append(base + t_start)
                    self._m.extend((t_len, m[3 * k + 1], m[3 * k + 2]))
            self._len += end
            return
        for t_off, t_len, s_start, s_len in mt._iter_slices(start, end):
            self._parts.append(mt.text[start + t_off : start + t_off + t_len])
            self._starts.append(self._len)
            self._m.extend((t_len, s_start, s_len))
            self._len += t_len

    def add_synthetic(self, text: str, at_source: int) -> None:
        """Append text with no source of its own (e.g. a paragraph separator)."""
        self.add(text, at_source, 0)

    def build(self) -> MappedText:
        return MappedText._of("".join(self._parts), array("q", self._starts), array("q", self._m))


# ---------------------------------------------------------------- source layout


class Line:
    """One physical line of the source, normalized.

    ``start``/``end`` delimit the raw line in the source (without its line break);
    ``mt`` is the normalized text of the line mapped back to the source. ``raw`` is the line
    as printed: read from the source on demand when the line was made with ``source=`` (a
    parse holds hundreds of thousands of lines; a copy of each would double the text).
    """

    __slots__ = ("_raw_off", "_raw_src", "end", "mt", "no", "start", "text")

    def __init__(self, no: int, start: int, end: int, raw: str, mt: MappedText, *, source: str | None = None):
        self.no = no  # 1-based line number in the source
        self.start = start
        self.end = end
        if source is not None:
            self._raw_src, self._raw_off = source, 0
        else:
            self._raw_src, self._raw_off = raw, start
        self.mt = mt
        self.text = mt.text  # ``mt.text``, read on every test of a line

    @property
    def raw(self) -> str:
        return self._raw_src[self.start - self._raw_off : self.end - self._raw_off]

    def __reduce__(self) -> tuple[type[Line], tuple[int, int, int, str, MappedText]]:
        return (Line, (self.no, self.start, self.end, self.raw, self.mt))  # the line, not the source

    def with_mt(self, mt: MappedText) -> Line:
        """The same source line with another normalized text (a part of this one)."""
        out = Line.__new__(Line)
        out.no, out.start, out.end, out._raw_src, out._raw_off = (
            self.no,
            self.start,
            self.end,
            self._raw_src,
            self._raw_off,
        )
        out.mt, out.text = mt, mt.text
        return out

    def __repr__(self) -> str:
        return f"Line(no={self.no!r}, start={self.start!r}, end={self.end!r}, raw={self.raw!r}, mt={self.mt!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Line):
            return NotImplemented
        return (self.no, self.start, self.end, self.raw, self.mt) == (
            other.no,
            other.start,
            other.end,
            other.raw,
            other.mt,
        )

    __hash__ = None  # type: ignore[assignment]  # as the dataclass it replaces (eq without frozen)


@dataclass(slots=True)
class Change:
    """One normalization change, recorded so nothing is silently altered."""

    kind: str  # punctuation, artifact, dash_prefix, join, latex
    start: int  # source offsets
    end: int
    before: str
    after: str


class Warning(str):
    """A coded warning: ``code`` (snake_case, e.g. ``toc_unmatched``), ``message``, ``line``
    (1-based source line or ``None``). It is also the ``str`` of its message, so code that
    stores or prints warnings as strings keeps working.

    Codes: toc_unmatched, document_unlisted, fragment_unmatched, jump_unmatched,
    unassigned_text, not_a_gazette, structure_failed, stream_unclear, numbering_gap,
    table_row_unread (a table row whose cells do not fit the table's columns), page_scanned (a PDF
    page that prints an image and no text: its content is in no document), page_unreadable (a PDF
    page whose text layer maps to no readable text: a font without a character map), web_page_chrome (the
    navigation, header and footer of a web page, not read), web_page_unread (characters of a web page
    the HTML parser dropped), task_table_unread (a
    task table no task was read from), task_clause_unread (a unit clause — 责任单位：… — no task
    was read from), repeal_entry_unread (an entry of a clean-up list not read: a list shorter than
    its count, documents only counted, a list in an attachment not printed, an entry naming no document).
    """

    code: str
    message: str
    line: int | None

    def __new__(cls, code: str, message: str, line: int | None = None) -> Warning:
        text = f"line {line}: {message}" if line else message
        self = super().__new__(cls, text)
        self.code = code
        self.message = message
        self.line = line
        return self

    def __getnewargs__(self) -> tuple[str, str, int | None]:  # type: ignore[override]
        return (self.code, self.message, self.line)  # pickling (process pools)

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "line": self.line}


def warning_json(w: str) -> dict[str, Any]:
    """The JSON item of a warning (a plain string becomes code ``other``)."""
    if isinstance(w, Warning):
        return w.to_json()
    return {"code": "other", "message": str(w), "line": None}


@dataclass(slots=True)
class Residue:
    start: int
    end: int
    reason: str  # masthead, toc, page_furniture, marker, layout, unassigned, bom, colophon

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "reason": self.reason}


# ---------------------------------------------------------------- documents


@dataclass(slots=True)
class Ref:
    """A reference to another instrument as printed, with what could be read of it."""

    doc_number: str | None = None
    title: str | None = None
    span: Span | None = None

    # partially_repeals: only ``scope`` of it (中关于…的规定, 第三条); forwards: a 转发/批转 notice's
    # forwarded instrument; ``effective``: the printed date the relation takes effect
    # (自2027年1月1日起废止), when it is not the document's own date; extends: ``until`` is the
    # last day of the extended term (有效期延长至2034年12月31日)
    relation: str | None = None
    scope: str | None = None
    effective: date | None = None
    issuer: str | None = None
    until: date | None = None
    # cites: each place the document cites provisions of it (the paragraph's span, and the
    # provisions cited there, joined by 、 like ``scope``): the store keeps one relation a place
    places: list[tuple[Span, str]] = field(default_factory=list)

    def key(self) -> str:
        return self.doc_number or self.title or ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"doc_number": self.doc_number, "title": self.title}
        if self.relation:
            out["relation"] = self.relation
        if self.scope:
            out["scope"] = self.scope
        if self.effective:
            out["effective"] = self.effective.isoformat()
        if self.issuer:
            out["issuer"] = self.issuer
        if self.until:
            out["until"] = self.until.isoformat()
        return out


@dataclass(slots=True)
class Attachment:
    title: str
    omitted: bool
    number: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"number": self.number, "title": self.title, "omitted": self.omitted}


@dataclass(slots=True)
class Fragment:
    """Text printed on another page and re-attached to the document it continues."""

    marker: str  # e.g. 上接第60页 (the jump-in marker at the fragment's start)
    jump_out: str | None  # e.g. 下转第50页 (marker where the document broke off)
    spans: list[Span] = field(default_factory=list)
    joined_at: int | None = None  # offset in the document text where it was re-attached

    def to_json(self) -> dict[str, Any]:
        return {
            "marker": self.marker,
            "jump_out": self.jump_out,
            "spans": [s.to_json() for s in self.spans],
            "joined_at": self.joined_at,
        }


@dataclass(slots=True)
class HistoryEvent:
    date: date | None
    event: str  # 通过, 批准, 公布, 施行, 第一次修正, 修正, 修订 (as printed)
    by: str | None = None  # the instrument that made it, as printed (令第32号, 《…决定》)
    actor: str | None = None  # the body or meeting that acted (…常务委员会第十次会议)

    @property
    def instrument(self) -> str | None:
        return self.by

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat() if self.date else None,
            "event": self.event,
            "actor": self.actor,
            "instrument": self.by,
            "by": self.by,
        }


@dataclass(slots=True)
class Node:
    """A node of a document's body tree.

    ``kind``: part, chapter, section, article, paragraph, item, subitem, heading1..5,
    preamble, cover, header, instrument, instruction (of an amending decision), signature,
    attachments, attachment, annex (an attached text), toc (a law's 目录), distribution
    (抄送/印发 lines), history, title, recipients, entry (chronicle), appointment, text.
    ``text`` is the node's own text (its label included, children excluded); the
    full text of a node is its own text followed by its children's, in order.
    ``start``/``end`` are offsets into the owning document's text.
    """

    kind: str
    eid: str = ""
    label: str | None = None
    number: int | None = None
    heading: str | None = None
    text: str = ""
    start: int = 0
    end: int = 0
    children: list[Node] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()

    def full_text(self) -> str:
        return self.text + "".join(c.full_text() for c in self.children)

    def find(self, eid: str) -> Node | None:
        for n in self.walk():
            if n.eid == eid:
                return n
        return None


@dataclass(slots=True)
class Document:
    title: str
    kind: str  # 令, 决定, 通知, 意见, 办法, 方案, 预案, 细则, 任免通知, 大事记, 规章 …
    issuer: str | None = None
    doc_number: str | None = None
    toc_index: int | None = None
    instrument_title: str | None = None
    issuers: list[str] = field(default_factory=list)  # every issuing body (joint documents: several)
    passed_date: date | None = None  # 通过 (by a congress, its standing committee, a government meeting)
    approved_date: date | None = None  # 批准 (a city's regulation approved by the province)
    published_date: date | None = None  # 公布/发布
    forwards: list[Ref] = field(default_factory=list)  # what a 转发/批转 notice forwards
    instrument_kind: str | None = None
    recipients: list[str] = field(default_factory=list)
    # the post holders who sign, as printed: [(国家发展和改革委员会主任, 何立峰), (商务部部长, 王文涛)]
    signers: list[tuple[str, str]] = field(default_factory=list)
    signed_date: date | None = None
    effective_date: date | None = None
    expiry_date: date | None = None
    repeals: list[Ref] = field(default_factory=list)
    extends: list[Ref] = field(default_factory=list)  # instruments whose term it extends (有效期延长至…)
    amends: list[Ref] = field(default_factory=list)
    legal_basis: list[Ref] = field(default_factory=list)
    cites: list[Ref] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    fragments: list[Fragment] = field(default_factory=list)
    history: list[HistoryEvent] = field(default_factory=list)
    pages: tuple[int, int] | None = None  # first and last page, from the TOC
    body_mt: MappedText = field(default_factory=MappedText.empty)
    body: Node | None = None
    counts: dict[str, int] = field(default_factory=dict)
    parent: str | None = None  # for a republished regulation: the order that republished it
    # the entries of its clean-up lists that could not be read (the pipeline warns repeal_entry_unread)
    unread_entries: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.body_mt.text

    @property
    def ref(self) -> str:
        """The identifier users type: the 文号, else the title."""
        return self.doc_number or self.title

    def spans(self) -> list[Span]:
        return self.body_mt.source_spans()


@dataclass(slots=True)
class TocEntry:
    section: str | None
    title: str
    doc_number: str | None
    page: int | None
    span: Span | None = None
    issuer: str | None = None  # printed after the title (…的通知　人事部（15）)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"section": self.section, "title": self.title, "doc_number": self.doc_number}
        out["page"] = self.page
        if self.issuer:
            out["issuer"] = self.issuer
        return out


@dataclass(slots=True)
class Appointment:
    doc_number: str | None
    action: str  # appoint, remove, lapse
    person: str
    post: str
    probation_years: int | None = None
    note: str | None = None  # e.g. 列柳振方之后
    date: date | None = None
    span: Span | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_number": self.doc_number,
            "action": self.action,
            "person": self.person,
            "post": self.post,
            "probation_years": self.probation_years,
            "note": self.note,
            "date": self.date.isoformat() if self.date else None,
            "span": self.span.to_json() if self.span else None,
        }


_Date = date  # ``Event.date`` hides the type inside the class


@dataclass(slots=True)
class Event:
    date: date
    text: str
    same_day: bool = False  # printed with △, 同日 or 是日 (another event the same day)
    span: Span | None = None
    # the last day of an event over days (14日至16日, 上旬): ``date`` is its first day
    end: _Date | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "end": self.end.isoformat() if self.end else None,
            "text": self.text,
            "same_day": self.same_day,
            "span": self.span.to_json() if self.span else None,
        }


@dataclass(slots=True)
class Masthead:
    gazette: str | None = None
    year: int | None = None
    issue_numbers: list[int] = field(default_factory=list)
    cumulative: list[int] = field(default_factory=list)
    publisher: str | None = None
    sponsor: str | None = None
    address: str | None = None
    phone: str | None = None
    postcode: str | None = None
    permit: str | None = None
    date: date | None = None  # the issue's date as the masthead prints it (2022年5月20日出版)

    def to_json(self) -> dict[str, Any]:
        return {
            "gazette": self.gazette,
            "year": self.year,
            "issue_numbers": self.issue_numbers,
            "cumulative": self.cumulative,
            "date": self.date.isoformat() if self.date else None,
            "publisher": self.publisher,
            "sponsor": self.sponsor,
            "address": self.address,
            "phone": self.phone,
            "postcode": self.postcode,
            "permit": self.permit,
        }


@dataclass(slots=True)
class Issue:
    """One parsed gazette issue (or a single document file)."""

    path: str
    source: str
    sha256: str
    masthead: Masthead
    toc: list[TocEntry]
    documents: list[Document]
    appointments: list[Appointment] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    residue: list[Residue] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # model.Warning items (coded)

    def find(self, ref: str) -> Document | None:
        """A document by 文号 (any spacing/bracket style; an order also by the short number its
        gazette's TOC prints: 市政府令第293号, 粤府令第93号) or by title."""
        from gongbao.grammar.docnumber import normalize_doc_number, same_order_number

        key = normalize_doc_number(ref) or ref
        for d in self.documents:
            if d.doc_number and d.doc_number == key:
                return d
        for d in self.documents:
            if d.doc_number and same_order_number(key, d.doc_number):
                return d
        squeezed = "".join(ref.split())
        for d in self.documents:
            if d.title == squeezed or d.instrument_title == squeezed:
                return d
        for d in self.documents:
            if squeezed and (squeezed in d.title or (d.instrument_title and squeezed in d.instrument_title)):
                return d
        return None
