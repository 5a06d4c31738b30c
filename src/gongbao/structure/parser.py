"""Parse a document's text into its body tree.

The input is one document's text, one paragraph per line. The output is a tree of
``model.Node`` whose *own* texts, read in pre-order, give back the input exactly:
each character (line breaks and layout included) belongs to exactly one node.
That is what lets ``gongbao show`` print the exact printed text of any unit and
lets the AKN export round-trip.

The parse runs in one pass over the lines (linear in the text's length):

1. letterhead (issuer, 文号, title) and recipients (…：);
2. for a notice that issues an instrument (印发通知) or an order that promulgates
   one (令): the cover text and its signature, then the instrument (title, history
   line, body) as a child node;
3. the body in one of three modes: regulation (编/章/节/条/款/项/目), outline
   (一、/（一）/1./（1）/①, with amendment instructions whose quoted text is content),
   chronicle (dated entries); in every mode attachment lists, signature blocks and
   appointment lines are recognised.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from gongbao.grammar import labels as L
from gongbao.grammar.lines import printed_width
from gongbao.grammar.numerals import cn_to_int, int_to_cn
from gongbao.model import Node
from gongbao.structure import patterns as P
from gongbao.structure.eids import assign_eids

__all__ = ["parse_structure"]

# Decimal outline numbers (1 总则 / 1.1 编制目的 / 1.1.1 …) and plan parts (第一部分 总体要求, above
# its 一、) are the genre's grammar (gongbao.grammar.labels).
_DECIMAL = L.DECIMAL
_NOT_AFTER_NUMBER = L.NOT_AFTER_DECIMAL
_PART_OF_PLAN = L.PLAN_PART


#: Where a text offset was printed: its source line and the offset in that line (``None`` where
#: not known). A table's rows are read with it: the columns of cells aligned with spaces, the
#: empty cells of a row whose cells are apart by tabs (a leading or trailing tab the text lost).
Layout = Callable[[int], tuple[str, int] | None]


@dataclass(frozen=True, slots=True)
class _Decimal:
    parts: tuple[int, ...]
    label: str
    heading: str | None


#: 《…》: the titles a 印发 notice names.
_NAMED = re.compile(r"《([^《》\n]{4,80})》")

_AMENDING_INTRO = re.compile(r"作(?:出)?如下修改|修改如下|决定[:：]$|如下[:：]$")


def _decimal_label(s: str) -> _Decimal | None:
    """1 总则 / 1.1 编制目的 / 1.1.1 … at the start of ``s``: a single number needs a space and a
    short heading after it (a sentence or a quantity is not a heading)."""
    m = _DECIMAL.match(s)
    if not m:
        return None
    num = m.group("num")
    rest = (m.group("rest") or "").strip()
    if not rest or rest[0] in _NOT_AFTER_NUMBER or not ("\u4e00" <= rest[0] <= "\u9fff"):
        return None
    parts = tuple(int(x) for x in re.split(r"[.．]", num))
    if any(x == 0 for x in parts):
        return None
    first = rest.split()[0]
    if len(parts) == 1:
        # 1 总则: the whole rest is a short heading (the space may have been normalized away)
        spaced = s[len(num) : len(num) + 1] in (" ", "　")
        limit = 24 if spaced else 12
        if len(rest) > limit or any(c in P.SENTENCE_PUNCT or c.isdigit() for c in rest):
            return None
        return _Decimal(parts, num, P.squeeze(rest))
    heading = first if len(rest.split()) > 1 else P.heading_of(rest)
    if heading and len(heading) > 30:
        heading = None
    return _Decimal(parts, num, heading)


# Responsibility clauses printed on a line of their own, whatever the keyword (牵头/配合/责任/
# 协同/参与/协办/主责…单位 or 部门) or a verb clause （A牵头，B配合，各区政府按职责分工负责）:
# they close the unit above them, so every keyword gives the same tree (the keywords are the
# role vocabulary of gongbao.grammar, data/roles.json, which extract.tasks reads too).
_ROLE_WORD = L.ROLE_WORD
_UNIT_CLAUSE = re.compile(rf"[（(【]\s*{_ROLE_WORD}")
_UNIT_CLAUSE_REST = re.compile(rf"{_ROLE_WORD}\s*[:：]")
_VERB_CLAUSE = re.compile(
    r"[（(【][^（）()【】。]{2,160}?(?:牵头|配合|协同|参与|负责|落实)[^（）()【】。]{0,40}[）)】]\s*[。；]?$"
)


# A table printed as text: cells apart by tabs or bars (| 序号 | 任务 | 责任单位 |), two lines
# or more of the same width; a markdown rule line (|---|---|) belongs to it.
_TABLE_SPLIT = re.compile(r"\t+|\s*[|｜]\s*")
_TABLE_RULE = re.compile(r"^[|｜]?\s*:?-{2,}:?\s*(?:[|｜]\s*:?-{2,}:?\s*)*[|｜]?$")


def _table_cells(s: str) -> list[str] | None:
    """The cells of a table row, or None when ``s`` is not one (fewer than two cells)."""
    if "\t" not in s and "|" not in s and "｜" not in s:
        return None
    cells = [c.strip() for c in _TABLE_SPLIT.split(s.strip().strip("|｜"))]
    return cells if len(cells) >= 2 else None


@lru_cache(maxsize=1 << 14)
def _running(s: str) -> int:
    """1: a line of running text in an outline body, no shape that a rule of ``_Body.run`` or
    ``_Body._outline_line`` acts on by itself (a date or issuer line, the attachment list, the
    distribution, an annex head, a history, 目录, a table row, a label, a unit or verb clause,
    an appointment's introduction): it continues a broken paragraph or is one. 2: the same
    opening with a 第X条 label, which an outline body reads as text but never joins to the
    paragraph above. 0: anything else. Read once per distinct text (lines repeat)."""
    if (
        P.is_date_line(s)
        or P.is_issuer_line(s)
        or P.ATTACHMENTS.match(s)
        or P.DISTRIBUTION.match(s)
        or P.ANNEX_HEAD.match(s)
        or P.HISTORY.match(s)
        or P.is_history_line(s)
        or P.squeeze(s) == "目录"
        or _table_cells(s) is not None
        or _decimal_label(s) is not None
        or _PART_OF_PLAN.match(s)
        or P.outline_label(s) is not None
        or P.H3_BEFORE_DIGITS.match(s)
        or _UNIT_CLAUSE.match(s)
        or _VERB_CLAUSE.match(s)
        or _UNIT_CLAUSE_REST.match(s)
        or P.APPOINT_INTRO.search(s)
    ):
        return 0
    reg = P.regulation_label(s)
    if reg is None:
        return 1
    return 2 if reg.level == "article" else 0


_NOTE_FIRST = frozenset("（(注说备")
_SMALL_CN = frozenset("一二三四五六七八九十")

# Kinds whose own text is one printed paragraph (a line break inside is a page break).
_RUNNING_KINDS = frozenset({"paragraph", "item", "subitem"})
_OUTLINE_KINDS = frozenset({"heading1", "heading2", "heading3", "heading4", "heading5"})
_H_LEVEL = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5}


@dataclass(slots=True)
class _Line:
    start: int  # offset of the line in the text
    end: int  # offset after the line break (or end of text)
    lay: int  # offset where the content starts (after whitespace and "- ")
    s: str  # the content, stripped

    @property
    def blank(self) -> bool:
        return not self.s


def _split_lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    raws = text.split("\n")
    if raws[-1] == "":
        raws.pop()  # the text ends with a line break (or is empty): no line after it
    n = len(text)
    pos = 0
    append = out.append
    for raw in raws:
        end = pos + len(raw) + 1
        if end > n:
            end = n
        first = raw[:1]
        if first and not first.isspace() and first not in "-－":  # no leading layout (most lines)
            append(_Line(pos, end, pos, raw.rstrip()))
            pos = end
            continue
        content = raw.lstrip()
        # leading layout: whitespace, and a "- " list prefix (``strip_layout``) only where a
        # dash starts the content
        lay = P.strip_layout(raw) if content[:1] in ("-", "－") else len(raw) - len(content)
        append(_Line(pos, end, pos + lay, raw[lay:].strip()))
        pos = end
    return out


def _tab_cells(ln: _Line, layout: Layout | None) -> list[str] | None:
    """The cells of a row whose cells are apart by tabs (a Word copy), empty ones included: two
    tabs in a row hold an empty cell, and a tab the text lost at either end of the printed line
    (\t4\t规范… under a merged cell, 合计\t\t\t928\t) one more. None when the printed line is not
    known or has no tab (cells aligned with spaces, or apart by bars)."""
    if layout is None or "|" in ln.s or "｜" in ln.s:
        return None
    at = layout(ln.lay)
    if at is None or "\t" not in at[0]:
        return None
    src = at[0]
    body = src.strip(" \u3000\r")
    lead = len(body) - len(body.lstrip("\t"))
    trail = len(body) - len(body.rstrip("\t"))
    inner = [c.strip() for c in ln.s.split("\t")]
    return [""] * lead + inner + [""] * trail


def _is_header(cells: list[str] | None) -> bool:
    """A table's first row reads as its header: every cell short, no figure and no clause or
    field mark in any (级数 / 全年应纳税所得额 / 税率（%）; not 组 长：/ 孙益锋 / 区委常委、副区长),
    at least two cells filled."""
    if not cells or sum(1 for c in cells if c) < 2:
        return False
    return all(len(c) <= 16 and not any(ch.isdigit() or ch in _NOT_IN_HEADER for ch in c) for c in cells)


_NOT_IN_HEADER = frozenset("：:、，,。；;")


#: The longest line read as a row of a table laid out with spaces (longer: read as printed).
_GRID_LINE = 600
_CELL_OPEN_PUNCT = frozenset("，、；：,;")
_CELL_CLOSED = frozenset("。；：！？!?）)”’」』】》")


class _Grid:
    """The printed columns of a table laid out with spaces (a PDF text layer), from the column
    where each cell starts (``layout``). Rows are added as they are met; ``read`` gives the
    table's rows read by column."""

    TOLERANCE = 1.0  # full-width characters: cells of a column start within one of each other

    def __init__(self, layout: Layout):
        self.layout = layout
        self.starts: list[float] = []  # where the cells of rows other than the first start
        self.header: list[float] = []
        self.cells: dict[int, list[tuple[str, float]]] = {}  # line start -> its cells and columns
        self._right: dict[int, float] = {}  # column -> where its widest printed cell ends

    def _cells(self, ln: _Line) -> list[tuple[str, float]] | None:
        got = self.cells.get(ln.start)
        if got is not None:
            return got
        if len(ln.s) > _GRID_LINE:
            return None  # (each cell's column costs a look at its printed line: rows are short)
        out: list[tuple[str, float]] = []
        pos = 0
        for piece in ln.s.split("\t"):
            lead = len(piece) - len(piece.lstrip())
            if piece.strip():
                at = self.layout(ln.lay + pos + lead)
                if at is None or "\t" in at[0]:
                    return None  # (cells apart by tabs say no column)
                out.append((piece.strip(), printed_width(at[0][: at[1]])))
            pos += len(piece) + 1
        self.cells[ln.start] = out
        return out

    def _near(self, x: float) -> bool:
        return any(abs(x - s) <= self.TOLERANCE for s in self.starts)

    def add_row(self, ln: _Line, *, header: bool = False) -> bool:
        """Record a row's cell columns; False when they are not known (cells apart by tabs)."""
        if "|" in ln.s or "｜" in ln.s:
            return False
        cells = self._cells(ln)
        if cells is None:
            return False
        for _, x in cells:
            if header:
                self.header.append(x)
            elif not self._near(x):
                self.starts.append(x)
        return True

    def continues(self, ln: _Line) -> bool:
        """A line of one cell standing under a column other than the first (the rest of a
        wrapped cell), never a paragraph that starts at the margin or is indented."""
        if "|" in ln.s or "｜" in ln.s:
            return False
        cells = self._cells(ln)
        if not cells or len(cells) != 1:
            return False
        x = cells[0][1]
        known = self.starts or self.header
        return bool(known) and x > min(known) + 2 and any(abs(x - s) <= self.TOLERANCE for s in known)

    def read(
        self, lines: list[_Line], rows: list[tuple[int, list[str] | None, bool]]
    ) -> tuple[int, list[tuple[int, dict]]] | None:
        """(number of columns, [(last line index, row attrs)]), or None when the rows do not
        read by column (then they are read as printed)."""
        starts = sorted(self.starts or self.header)
        n = len(starts)
        if n < 2 or any(c is None for _, c, _ in rows):
            return None  # (a rule line: a markdown table, cells apart by bars)
        widths = max(len(c or []) for _, c, cont in rows if not cont)
        if n != widths:
            return None  # cells that do not line up in columns (runs of spaces between them only)

        def col(x: float) -> int:
            k = 0
            for i, s in enumerate(starts):
                if s <= x + self.TOLERANCE:
                    k = i
            return k

        def end(c: int) -> float:
            return starts[c + 1] if c + 1 < n else max(self._right.get(c, 0.0), starts[c])

        for k, _, cont in rows:
            if cont:
                continue  # (lines of one cell may have been joined into one paragraph: no printed width)
            for text, x in self._cells(lines[k]) or []:
                c = col(x)
                self._right[c] = max(self._right.get(c, 0.0), x + printed_width(text))
        out: list[tuple[int, dict]] = []
        table: list[dict] = []  # logical rows: cells, last segment per column (for wrapping)
        for k, _, cont in rows:
            cells = self._cells(lines[k]) or []
            if cont and table:
                text, x = cells[0]
                c = col(x)
                row = table[-1]
                row["cells"][c] += text
                row["tail"][c] = (text, x)
                out[-1] = (k, out[-1][1])
                continue
            cols = [""] * n
            tail: dict[int, tuple[str, float]] = {}
            attrs: dict = {}
            prev = table[-1] if table and not table[-1].get("header") else None
            for text, x in cells:
                c = col(x)
                if cols[c]:
                    attrs["unread"] = True  # two cells under one column: not read
                    cols[c] += "\t" + text
                    continue
                if prev is not None and c in prev["tail"] and self._wrapped(prev["tail"][c], end(c), text):
                    prev["cells"][c] += text  # the rest of a cell wrapped full, printed on this line
                    attrs.setdefault("continued", []).append(c)
                    continue
                cols[c] = text
                tail[c] = (text, x)
            filled = [c for c in range(n) if cols[c]]
            if not filled and prev is not None:
                # nothing but the rest of cells above: this line belongs to the row above
                out[-1] = (k, out[-1][1])
                continue
            if prev is not None and filled:
                carried = [c for c in range(filled[0]) if prev["cells"][c]]
                for c in carried:
                    cols[c] = prev["cells"][c]  # a cell printed once for several rows, carried down
                if carried:
                    attrs["carried"] = carried
            row = {"cells": cols, "tail": tail, "header": not table and _is_header(cols)}
            table.append(row)
            attrs["cells"] = cols
            out.append((k, attrs))
        return n, out

    @staticmethod
    def _wrapped(tail: tuple[str, float], right: float, nxt: str) -> bool:
        """The last printed line of a cell runs to its column's right edge mid-sentence (a
        clause mark inside, no closing mark at its end), and the next text under that column
        opens no item of its own (2. …): the cell goes on there."""
        text, x = tail
        if not text or text[-1] in _CELL_CLOSED or not any(c in _CELL_OPEN_PUNCT for c in text):
            return False
        if x + printed_width(text) < right - 2.5:
            return False
        return P.outline_label(nxt) is None and not nxt[:1].isdigit()


class _Tree:
    """Appends nodes in pre-order; every node starts where the previous one ended."""

    def __init__(self, text: str):
        self.text = text
        self.root = Node(kind="document")
        self.pos = 0
        self.last: Node = self.root

    def emit(self, parent: Node, kind: str, end: int, **attrs) -> Node:
        node = Node(kind=kind, start=self.pos, end=max(end, self.pos), **attrs)
        parent.children.append(node)
        self.pos = node.end
        self.last = node
        return node

    def extend(self, end: int, node: Node | None = None) -> None:
        """Give ``text[pos:end]`` to the last node (it must be the last in pre-order)."""
        if end <= self.pos:
            return
        target = self.last if node is None else node
        target.end = end
        self.pos = end

    def finish(self) -> Node:
        self.extend(len(self.text))
        text = self.text
        stack = [self.root]  # every node, in any order (a recursive walk costs a resume per level)
        while stack:
            node = stack.pop()
            node.text = text[node.start : node.end]
            if node.children:
                stack.extend(node.children)
        return self.root


def parse_structure(text: str, *, kind: str | None = None, layout: Layout | None = None) -> Node:
    """Parse one document's text into a body tree.

    Takes the document text (paragraphs separated by "\\n"); ``kind`` is an optional
    hint (``"大事记"`` forces chronicle mode, ``"规章"``/``"办法"`` regulation mode).
    ``layout`` (optional) gives where a text offset was printed (its source line): with it a
    table printed with aligned columns (PDF text) is read by column, its merged and wrapped cells
    included, and a row apart by tabs keeps its empty cells; without it the cells are the
    printed ones, apart by tabs.
    Returns a root ``Node(kind="document")`` with ``eid`` set on every descendant.

    Guarantees: never raises on any ``str``; the own texts of all nodes in pre-order
    concatenate to ``text`` (``root.full_text() == text``) and ``node.text ==
    text[node.start:node.end]``; eIds are unique within the tree and depend only on
    the text.
    """
    tree = _Tree(text)
    lines = _split_lines(text)
    _Parser(tree, lines, kind, layout).run()
    root = tree.finish()
    assign_eids(root)
    return root


class _Parser:
    def __init__(self, tree: _Tree, lines: list[_Line], kind: str | None, layout: Layout | None = None):
        self.t = tree
        self.lines = lines
        self.kind = kind or ""
        self.layout = layout
        self.i = 0
        # titles of instruments a 印发 notice names (《A》和《B》) still to come: a line printing
        # one of them opens the next instrument (two regulations attached without 附件 labels)
        self.next_titles: set[str] = set()

    # ------------------------------------------------------------ helpers
    def _blank_run(self) -> None:
        while self.i < len(self.lines) and self.lines[self.i].blank:
            self.t.extend(self.lines[self.i].end)
            self.i += 1

    def _next_nonblank(self, j: int) -> int:
        while j < len(self.lines) and self.lines[j].blank:
            j += 1
        return j

    def _signature_at(self, j: int) -> int:
        """Number of lines of a signature block starting at line ``j`` (0 if none).

        A signature is an issuer line followed by a date line, or a date line alone.
        """
        if j >= len(self.lines):
            return 0
        ln = self.lines[j]
        if P.is_date_line(ln.s):
            return 1
        if not P.is_issuer_line(ln.s):
            return 0
        k = self._next_nonblank(j + 1)
        if k < len(self.lines) and P.is_date_line(self.lines[k].s):
            return k - j + 1
        return 0

    # ------------------------------------------------------------ phases
    def run(self) -> None:
        t = self.t
        self._blank_run()
        self._letterhead(t.root)
        cover_end = self._find_cover_end()
        if cover_end is not None:
            cover = t.emit(t.root, "cover", t.pos)
            self._cover(cover, cover_end)
            named = {P.squeeze(x) for x in _NAMED.findall(t.text[cover.start : t.pos])}
            while True:
                instrument = t.emit(t.root, "instrument", t.pos)
                self._blank_run()
                at = self.i
                self._instrument_title(instrument)
                title = next((c.heading for c in instrument.children if c.kind == "title"), None)
                named.discard(title or "")
                self.next_titles = named
                _Body(self, instrument).run()
                if self.i >= len(self.lines) or self.i == at:
                    break  # (no title read: nothing more to open)
        else:
            _Body(self, t.root).run()

    def _letterhead(self, root: Node) -> None:
        """Issuer / 文号 / title lines, then recipients (…：)."""
        t = self.t
        header: Node | None = None
        seen = 0
        while self.i < len(self.lines) and seen < 8:
            ln = self.lines[self.i]
            if ln.blank:
                self.t.extend(ln.end)
                self.i += 1
                continue
            if self._recipients(root):
                return
            quoted = header is not None and ln.s.startswith(("“", "《")) and P.is_header_line(ln.s[1:])
            if not (P.is_header_line(ln.s) or quoted) or self._signature_at(self.i):
                return  # (a title wrapped before “十三五” or 《…》 goes on on a line of its own)
            if header is not None and (
                _decimal_label(ln.s) is not None or _PART_OF_PLAN.match(ln.s) or _table_cells(ln.s) is not None
            ):
                return  # 1 总则 / 第一部分 under the title: the body starts
            # (a republished regulation starts with its title: that is its header too)
            if header is None:
                header = t.emit(root, "header", ln.end)
            else:
                t.extend(ln.end, header)
            self.i += 1
            seen += 1

    def _recipients(self, root: Node) -> bool:
        """Recipients: up to 4 lines starting with 各… or ending in ：; may end mid-line."""
        first = self.lines[self.i]
        if not (first.s.startswith("各") or first.s.endswith(("：", ":"))) or len(first.s) > 120:
            return False
        if P.regulation_label(first.s) or P.outline_label(first.s) or P.APPOINT_INTRO.search(first.s):
            return False  # 第一条 下列事项： / 一、… / 市人民政府决定，任命：
        if _AMENDING_INTRO.search(first.s):
            return False  # 交通运输部决定对《…》作如下修改： opens a decision's instructions
        j = self.i
        while j < len(self.lines) and j < self.i + 4:
            ln = self.lines[j]
            colon = max(ln.s.find("："), ln.s.find(":"))
            if ln.blank:
                j += 1
                continue
            if "。" in ln.s[: colon if colon >= 0 else len(ln.s)]:
                return False
            if colon >= 0:
                tail = ln.s[colon + 1 :]
                if tail.strip():
                    # 市直有关部门、直属机构： 请认真贯彻执行。 (the rest is body text)
                    off = ln.lay + colon + 1
                    raw = self.t.text[off : ln.end]
                    off += len(raw) - len(raw.lstrip(" \t　"))
                    self.t.emit(root, "recipients", off)
                    self.lines[j] = _Line(off, ln.end, off, tail.strip())
                    self.i = j
                else:
                    self.t.emit(root, "recipients", ln.end)
                    self.i = j + 1
                return True
            j += 1
        return False

    def _find_cover_end(self) -> int | None:
        """Line index after the cover's signature, when an instrument follows it."""
        n = len(self.lines)
        j = self.i
        body_lines = 0
        while j < n:
            ln = self.lines[j]
            if ln.blank:
                j += 1
                continue
            k = self._signature_at(j)
            if k:
                after = j + k
                while after < n and (self.lines[after].blank or P.PUBLISHED_NOTE.match(self.lines[after].s)):
                    after += 1
                rest = [x for x in self.lines[after:] if not x.blank]
                # what follows a signature is an instrument, unless it is the attachment
                # list or an attached text (附件1) of the document itself
                if (
                    body_lines
                    and len(rest) >= 2
                    and not (P.ATTACHMENTS.match(rest[0].s) or P.ANNEX_HEAD.match(rest[0].s))
                ):
                    return j
                return None
            if P.regulation_label(ln.s) or P.outline_label(ln.s) or P.ENTRY.match(ln.s):
                return None  # units before any signature: no cover
            body_lines += 1
            j += 1
        return None

    def _cover(self, cover: Node, sig_line: int) -> None:
        t = self.t
        while self.i < sig_line:
            ln = self.lines[self.i]
            if ln.blank:
                t.extend(ln.end)
            else:
                t.emit(cover, "paragraph", ln.end)
            self.i += 1
        k = self._signature_at(self.i)
        end_line = self.i + max(k, 1) - 1
        t.emit(cover, "signature", self.lines[end_line].end)
        self.i = end_line + 1
        while self.i < len(self.lines) and (self.lines[self.i].blank or P.PUBLISHED_NOTE.match(self.lines[self.i].s)):
            t.extend(self.lines[self.i].end)
            self.i += 1

    def _instrument_title(self, instrument: Node) -> None:
        """The issued instrument's title: one line, or two when the first is broken."""
        if self.i >= len(self.lines):
            return
        ln = self.lines[self.i]
        if not P.is_header_line(ln.s) or _decimal_label(ln.s) is not None:
            return
        heading = P.squeeze(ln.s)
        title = self.t.emit(instrument, "title", ln.end, heading=heading)
        self.i += 1
        total = len(ln.s)
        for _ in range(2):
            j = self._next_nonblank(self.i)
            if j >= len(self.lines):
                break
            nxt = self.lines[j].s
            if (
                len(nxt) > 30
                or total + len(nxt) > 70
                or any(c in P.SENTENCE_PUNCT or c == "：" for c in nxt)
                or P.regulation_label(nxt)
                or P.outline_label(nxt)
                or P.HISTORY.match(nxt)
                or P.is_history_line(nxt)
                or self._signature_at(j)
            ):
                break
            # A short line after the title that ends like a title continues it.
            if not nxt.endswith(("）", ")", "办法", "方案", "预案", "细则", "规定", "规划", "措施", "意见", "决定")):
                break
            self.t.extend(self.lines[j].end, title)
            heading = P.squeeze(heading + nxt)
            title.heading = heading
            total += len(nxt)
            self.i = j + 1


class _Body:
    """The body of a document or instrument, parsed line by line."""

    def __init__(self, p: _Parser, parent: Node, *, nested: bool = False):
        self.p = p
        self.t = p.t
        self.parent = parent
        self.nested = nested
        self.preamble: Node | None = None
        self.units = 0
        # regulation state
        self.part: Node | None = None
        self.subpart: Node | None = None
        self.chapter: Node | None = None
        self.section: Node | None = None
        self.article: Node | None = None
        self.para: Node | None = None
        self.item: Node | None = None
        self.subitem: Node | None = None
        self.last_article = 0
        # outline state
        self.stack: list[tuple[int, Node]] = []
        self.seen: dict[int, int] = {}
        self.skipped_to = 0  # the last top outline number that skipped ahead (numbering_gap said)
        self.list_parent: dict[int, int] = {}
        self.instruction: Node | None = None
        self.instruction_quoting = False  # a “…” quotation is open in the instruction
        self.decimal: tuple[int, ...] = ()  # the decimal number of the open decimal heading
        self.decimal_base = 0  # outline levels above the decimal numbering (一、 over 1.1)
        # appointment state
        self.appoint_zone = False
        self.appt: Node | None = None
        self.appt_open = False
        # chronicle state
        self.entry: Node | None = None
        self.mode = self._detect_mode()
        if nested:
            self._annex_title()

    def _annex_title(self) -> None:
        """The title line that an attached text (附件1) starts with."""
        p = self.p
        j = p._next_nonblank(p.i)
        if (
            j < len(p.lines)
            and P.is_header_line(p.lines[j].s)
            and not P.ANNEX_HEAD.match(p.lines[j].s)
            and _table_cells(p.lines[j].s) is None  # a table's header row is no title
        ):
            while p.i < j:
                self.t.extend(p.lines[p.i].end)
                p.i += 1
            ln = p.lines[j]
            self.t.emit(self.parent, "title", ln.end, heading=P.squeeze(ln.s))
            p.i = j + 1

    # ------------------------------------------------------------ mode
    def _detect_mode(self) -> str:
        """regulation (articles), chronicle (dated entries) or outline (the rest)."""
        if "大事记" in self.p.kind:
            return "chronicle"
        lines = itertools.islice(self.p.lines, self.p.i, None)  # the lines from here, not a copy
        articles = 0
        in_sequence = 0
        entries = 0
        first: _Line | None = None
        for ln in lines:
            if ln.blank:
                continue
            s = ln.s
            if first is None:
                first = ln
            # each pattern is tried only on a line that starts as it must (附, 第, a digit, △)
            c = s[0]
            if c == "附" and P.ANNEX_HEAD.match(s):
                break  # an attached text (附件1) has a mode of its own
            lab = P.regulation_label(s) if c == "第" else None
            if lab and lab.level == "article":
                if s[len(lab.label) : len(lab.label) + 1] in (" ", "　", ""):
                    articles += 1
                elif lab.number == in_sequence + 1:
                    # 第一条为… 第二条… printed without a space: articles when they run in order
                    in_sequence += 1
            if (c.isdecimal() and P.ENTRY.match(s)) or (c in "△同是" and P.SAME_DAY.match(s)):
                entries += 1  # ENTRY starts with \d, SAME_DAY with △ / 同日 / 是日
        articles = max(articles, in_sequence if in_sequence >= 2 else 0)
        regulation_kinds = ("规章", "办法", "条例", "规定", "细则", "法律", "行政法规", "地方性法规", "令")
        if articles >= 2 or (articles and self.p.kind in regulation_kinds):
            return "regulation"
        if first is not None and (P.ENTRY.match(first.s)) and entries >= 2:
            return "chronicle"
        return "outline"

    # ------------------------------------------------------------ loop
    def run(self) -> None:
        p, t = self.p, self.t
        lines = p.lines
        while p.i < len(lines):
            ln = lines[p.i]
            if ln.blank:
                t.extend(ln.end)
                p.i += 1
                continue
            if self.p.next_titles and not self.nested and P.squeeze(ln.s) in self.p.next_titles:
                self.p.next_titles.discard(P.squeeze(ln.s))
                break  # the next instrument the notice issues (its title, no 附件 label above it)
            if self.instruction is not None and self._absorb(ln):
                t.extend(ln.end, self.instruction)
                self.instruction_quoting = P.quote_open(ln.s, self.instruction_quoting)
                p.i += 1
                continue
            self.instruction = None
            running = _running(ln.s) if self.mode == "outline" and not self.appoint_zone else 0
            if running:
                # running text (most lines): what ``_outline_line`` does with a line no rule acts on
                if running == 1 and self._continues_broken_line(ln):
                    self._join(ln)
                else:
                    self._plain_text(ln)
                p.i += 1
                continue
            k = p._signature_at(p.i)
            if k:
                self._close_units()
                t.emit(self.parent, "signature", lines[p.i + k - 1].end)
                p.i += k
                while p.i < len(lines) and (lines[p.i].blank or P.PUBLISHED_NOTE.match(lines[p.i].s)):
                    t.extend(lines[p.i].end)
                    p.i += 1
                continue
            # ATTACHMENTS and ANNEX_HEAD start with 附, DISTRIBUTION with 抄 or its line ends in
            # 印发 (most lines do neither: no pattern tried)
            annex_like = ln.s[0] == "附"
            if annex_like and P.ATTACHMENTS.match(ln.s):
                self._close_units()
                self._attachments()
                continue
            if (ln.s[0] == "抄" or ln.s.endswith("印发")) and P.DISTRIBUTION.match(ln.s):
                if self.nested:
                    break  # 抄送 closes the whole document, not the attached text
                self._close_units()
                if t.last.kind == "distribution":
                    t.extend(ln.end)
                else:
                    t.emit(self.parent, "distribution", ln.end)
                p.i += 1
                continue
            m = P.ANNEX_HEAD.match(ln.s) if annex_like else None
            if m:
                if self.nested:
                    break  # the next attached text: back to the document body
                # 附件1 / 附表一 on a line of its own (or 附表二：title): the attached text or
                # table follows, parsed as a body
                self._close_units()
                label = ln.s[: m.start("title")].rstrip(" \u3000:：") if m.group("title") else ln.s
                heading = P.squeeze(m.group("title")) if m.group("title") else None
                annex = t.emit(self.parent, "annex", ln.end, label=label, number=P.annex_number(m), heading=heading)
                p.i += 1
                _Body(p, annex, nested=True).run()
                continue
            tm = self._table_title(ln)
            if tm is not None:
                if self.nested:
                    break  # the next appended table: back to the law's body
                # 个人所得税税率表一（综合所得适用） after the law's last article, a table under it:
                # a table the law appends (税率表附后), an annex of the law, not text of its last article
                self._close_units()
                digits = re.search(r"(?:[一二三四五六七八九十]{1,3}|\d{1,2})$", tm.group("label"))
                annex = t.emit(
                    self.parent,
                    "annex",
                    ln.end,
                    label=tm.group("label"),
                    number=P._num(digits.group(0)) or None if digits else None,
                    heading=tm.group("title"),
                )
                annex.attrs["form"] = "table_title"
                p.i += 1
                _Body(p, annex, nested=True).run()
                continue
            if self.units == 0 and (P.HISTORY.match(ln.s) or P.is_history_line(ln.s)) and not self.preamble:
                t.emit(self.parent, "history", ln.end)
                p.i += 1
                continue
            if self.units == 0 and P.squeeze(ln.s) == "目录":
                self._toc()
                continue
            if self._table():
                continue
            if self.mode == "regulation":
                self._regulation_line(ln)
            elif self.mode == "chronicle":
                self._chronicle_line(ln)
            else:
                self._outline_line(ln)
            p.i += 1
        self._finish()

    def _table_title(self, ln: _Line) -> re.Match[str] | None:
        """The title of a table a law appends (个人所得税税率表一（综合所得适用）): read after the
        law's last article (or after the previous appended table), when a table follows."""
        appended = self.nested and self.parent.attrs.get("form") == "table_title"
        if not (appended or (self.mode == "regulation" and self.last_article and not self.nested)):
            return None
        if not ln.s.endswith(("表", "）", ")")) and not ln.s[-1:].isdecimal() and ln.s[-1:] not in _SMALL_CN:
            return None
        m = P.TABLE_TITLE.fullmatch(P.squeeze(ln.s))
        if m is None:
            return None
        p = self.p
        j = p._next_nonblank(p.i + 1)
        if j < len(p.lines) and m.group("title") is None and re.fullmatch(r"[（(][^（）()]{1,20}[）)]", p.lines[j].s):
            j = p._next_nonblank(j + 1)  # （综合所得适用） on a line of its own
        if j >= len(p.lines) or _table_cells(p.lines[j].s) is None:
            return None
        return m

    def _table(self) -> bool:
        """A table of two rows or more at the current line: a ``table`` node whose ``row``
        children hold one row each (``attrs["cells"]``: the cells as printed, numbers
        included). It belongs to the unit it is printed in.

        With the printed columns known (``layout``: text laid out with spaces, a PDF text layer)
        the table is read by column: a row's cells go to the columns they stand under, so a cell
        printed once for several rows (固体废物 over four rows) leaves the first columns of the
        next rows empty and is carried down (``attrs["carried"]``: the columns carried), a line
        holding one cell under a column (其他固体废物（含半固 / 态、液态废物）) continues that
        cell, and a cell wrapped full to the next row's line continues there
        (``attrs["continued"]`` on the row whose line printed it). Without the columns, rows are
        the printed ones; a row whose cells do not fit the table's columns stays in the table with
        ``attrs["unread"]`` (said by the ``table_row_unread`` warning). The first row is marked
        ``attrs["header"]`` when it reads as one (short cells, no figures)."""
        p, t = self.p, self.t
        first = _table_cells(p.lines[p.i].s)
        if first is None:
            return False
        first = _tab_cells(p.lines[p.i], p.layout) or first
        width = len(first)
        grid = _Grid(p.layout) if p.layout is not None else None
        if grid is not None and not grid.add_row(p.lines[p.i], header=True):
            grid = None
        # (line index, cells or None for a rule line, a one-cell continuation line)
        rows: list[tuple[int, list[str] | None, bool]] = []
        j = p.i
        while j < len(p.lines):
            ln = p.lines[j]
            if ln.blank:
                break
            if rows and _TABLE_RULE.match(ln.s):
                rows.append((j, None, False))
                j += 1
                continue
            cells = _table_cells(ln.s)
            if cells is not None:
                cells = _tab_cells(ln, p.layout) or cells
            if cells is None:
                if grid is not None and rows and grid.continues(ln):
                    rows.append((j, [ln.s], True))
                    j += 1
                    continue
                break
            if len(cells) != width:
                if grid is None or not grid.add_row(ln):
                    if grid is not None or not rows:
                        break
                    # a lone row of another width between rows of this table, or closing it (合计
                    # \t\t\t928 of a Word table, its empty cells lost): kept, said unread; rows of
                    # another width that go on are another table
                    k = p._next_nonblank(j + 1)
                    nxt = _table_cells(p.lines[k].s) if k < len(p.lines) else None
                    full = sum(1 for _, c, _ in rows if c is not None and len(c) == width)
                    if not ((nxt is not None and len(nxt) == width) or (nxt is None and full >= 2)):
                        break
            elif grid is not None and j != p.i and not grid.add_row(ln):
                grid = None
            rows.append((j, cells, False))
            j += 1
        while rows and rows[-1][2]:
            rows.pop()  # (a table ends with a row, not a continuation line)
        if sum(1 for _, c, cont in rows if c is not None and not cont) < 2:
            return False
        holder = (
            self.stack[-1][1]
            if self.stack
            else (self.article or self.section or self.chapter or self.part or self.parent)
        )
        self.units += 1
        table = t.emit(holder, "table", p.lines[p.i].start)
        read = grid.read(p.lines, rows) if grid is not None else None
        if read is not None:
            table.attrs["columns"] = read[0]
            for last, attrs in read[1]:
                row = t.emit(table, "row", p.lines[last].end)
                row.attrs.update(attrs)
        else:
            table.attrs["columns"] = width
            for k, cells, _ in rows:
                row = t.emit(table, "row", p.lines[k].end)
                if cells is not None:
                    row.attrs["cells"] = cells
                    if len(cells) != width:
                        row.attrs["unread"] = True
                else:
                    row.attrs["rule"] = True
        first_row = table.children[0]
        if _is_header(first_row.attrs.get("cells")) and len(table.children) > 1:
            first_row.attrs["header"] = True
        p.i = rows[-1][0] + 1
        return True

    def _close_units(self) -> None:
        self.stack.clear()
        self.chapter = self.section = self.article = self.part = self.subpart = None
        self.para = self.item = self.subitem = None
        self.appoint_zone = False
        self.appt = None
        self.entry = None

    def _finish(self) -> None:
        # With no unit at all, the "preamble" is simply the body: lift its paragraphs.
        if self.preamble is not None and self.units == 0:
            kids = self.parent.children
            at = kids.index(self.preamble)
            kids[at : at + 1] = self.preamble.children

    def _text_para(self, parent: Node, ln: _Line) -> Node:
        return self.t.emit(parent, "paragraph", ln.end)

    def _preamble_para(self, ln: _Line) -> Node:
        if self.preamble is not None and self.parent.children[-1] is not self.preamble:
            # something (a signature, a list of attachments) came after the preamble:
            # text after it is no preamble, and must not go back before it
            return self._text_para(self.parent, ln)
        if self.preamble is None:
            self.preamble = self.t.emit(self.parent, "preamble", self.t.pos)
        return self._text_para(self.preamble, ln)

    def _attachments(self) -> None:
        p, t = self.p, self.t
        ln = p.lines[p.i]
        m = P.ATTACHMENTS.match(ln.s)
        assert m is not None
        head_end = ln.lay + m.end()
        raw = t.text[head_end : ln.end]
        head_end += len(raw) - len(raw.lstrip(" \t　"))
        box = t.emit(self.parent, "attachments", head_end)
        rest = ln.s[m.end() :].strip()
        att: Node | None = None
        if rest:
            lab = P.ATTACHMENT_ITEM.match(rest)
            att = t.emit(box, "attachment", ln.end, number=int(lab.group(1)) if lab else 1)
        p.i += 1
        while p.i < len(p.lines):
            ln = p.lines[p.i]
            if ln.blank:
                t.extend(ln.end)
                p.i += 1
                continue
            if p._signature_at(p.i):
                return
            lab = P.ATTACHMENT_ITEM.match(ln.s)
            if not lab and (P.ANNEX_HEAD.match(ln.s) or P.regulation_label(ln.s) or P.outline_label(ln.s)):
                return  # the list is over: an attached text (附件1) or units follow
            if lab or att is None:
                att = t.emit(box, "attachment", ln.end, number=int(lab.group(1)) if lab else len(box.children) + 1)
            else:
                # A title broken over two lines: 调整情况（略）
                t.extend(ln.end, att)
            p.i += 1

    def _toc(self) -> None:
        """目录 of a law: its chapter lines are printed again as the body starts.

        The table runs until the first of its entries comes back (or a line that is no
        entry: an article, a paragraph)."""
        p, t = self.p, self.t
        toc = t.emit(self.parent, "toc", p.lines[p.i].end)
        p.i += 1
        first: str | None = None
        while p.i < len(p.lines):
            ln = p.lines[p.i]
            if not ln.blank:
                key = P.squeeze(ln.s)
                lab = P.regulation_label(ln.s)
                if key == first or lab is None or lab.level == "article":
                    return
                first = first or key
            t.extend(ln.end, toc)
            p.i += 1

    # ------------------------------------------------------------ regulation
    def _regulation_line(self, ln: _Line) -> None:
        t = self.t
        if self._final_provisions(ln):
            return
        lab = P.regulation_label(ln.s)
        if lab and lab.level == "article":
            has_space = ln.s[len(lab.label) : len(lab.label) + 1] in (" ", "　", "")
            expected = lab.number == self.last_article + 1 or (lab.sub is not None and lab.number == self.last_article)
            if not has_space and not expected:
                lab = None
        if lab is not None:
            self.units += 1
            label_end = ln.lay + len(lab.label)
            if lab.level == "part":
                self.part = t.emit(
                    self.parent, "part", ln.end, label=lab.label, number=lab.number, heading=P.squeeze(lab.rest) or None
                )
                self.subpart = self.chapter = self.section = self.article = None
                self._maybe_two_line_heading(self.part)
                return
            if lab.level == "subpart":
                # 第一分编 通则: a division of the 编 that holds its 章 (民法典 第三编 合同)
                self.subpart = t.emit(
                    self.part or self.parent,
                    "subpart",
                    ln.end,
                    label=lab.label,
                    number=lab.number,
                    heading=P.squeeze(lab.rest) or None,
                )
                self.chapter = self.section = self.article = None
                self.para = self.item = self.subitem = None
                return
            if lab.level == "chapter":
                parent = self.subpart or self.part or self.parent
                self.chapter = t.emit(
                    parent, "chapter", ln.end, label=lab.label, number=lab.number, heading=P.squeeze(lab.rest) or None
                )
                self.section = self.article = None
                self.para = self.item = self.subitem = None
                self._maybe_two_line_heading(self.chapter)
                return
            if lab.level == "section":
                parent = self.chapter or self.subpart or self.part or self.parent
                self.section = t.emit(
                    parent, "section", ln.end, label=lab.label, number=lab.number, heading=P.squeeze(lab.rest) or None
                )
                self.article = None
                self.para = self.item = self.subitem = None
                self._maybe_two_line_heading(self.section)
                return
            parent = self.section or self.chapter or self.subpart or self.part or self.parent
            # Own text of the article: its label and the space after it.
            raw = t.text[label_end : ln.end]
            body_start = label_end + len(raw) - len(raw.lstrip(" \t　"))
            if not raw.strip():
                body_start = ln.end
            self.article = t.emit(parent, "article", body_start, label=lab.label, number=lab.number)
            if lab.sub is not None:
                self.article.attrs["sub"] = lab.sub
            self.last_article = lab.number
            self.item = self.subitem = None
            self.para = t.emit(self.article, "paragraph", ln.end) if body_start < ln.end else None
            return
        if self._continues_unit_clause(ln.s):
            t.extend(ln.end)
            return
        if lab is None and self._continues_broken_line(ln):
            self._join(ln)
            return
        if self.article is not None:
            o = P.outline_label(ln.s)
            if o is not None and o.level in ("h2", "h3", "h4"):
                # 项 （一） under the paragraph; 目 1. / （1） under the item; a list
                # printed 1. 2. with no 项 above it is a list of items.
                as_sub = self.item is not None and o.level != "h2" and not (self.item.label or "")[:1].isdigit()
                if as_sub:
                    prev = (self.subitem.number or 0) if self.subitem is not None else 0
                    if o.number in (prev + 1, 1):
                        assert self.item is not None
                        self.subitem = t.emit(self.item, "subitem", ln.end, label=o.label.strip(), number=o.number)
                        return
                else:
                    prev = (self.item.number or 0) if self.item is not None else 0
                    if o.number in (prev + 1, 1):
                        if self.para is None:
                            self.para = t.emit(self.article, "paragraph", t.pos)
                        self.item = t.emit(self.para, "item", ln.end, label=o.label.strip(), number=o.number)
                        self.subitem = None
                        return
            if self._item_introduces(ln):
                # 财产数额不超过1000元…: the rates that （二）…按照下列标准交纳： announces, a printed
                # paragraph of its own inside the 项: its line break is kept (``attrs["breaks"]``)
                item = self.item
                assert item is not None
                if ln.start > item.start and t.text[ln.start - 1 : ln.start] == "\n":
                    item.attrs.setdefault("breaks", []).append(ln.start - 1 - item.start)
                t.extend(ln.end)
                return
            self.para = t.emit(self.article, "paragraph", ln.end)
            self.item = self.subitem = None
            return
        holder = self.section or self.chapter or self.subpart or self.part
        if holder is not None:
            t.emit(holder, "paragraph", ln.end)
            return
        self._preamble_para(ln)

    def _item_introduces(self, ln: _Line) -> bool:
        """An unlabelled line right after a 项 that ends with ：(（二）申请保全措施的，…按照下列标准交纳：)
        is what the 项 announces, part of it — not a new 款 (诉讼费用交纳办法 第十四条)."""
        item = self.item
        if item is None or self.subitem is not None or self.t.last is not item:
            return False
        return self.t.text[item.start : item.end].rstrip().endswith(("：", ":")) and P.outline_label(ln.s) is None

    def _final_provisions(self, ln: _Line) -> bool:
        """附 则 alone on its line after the 编 (or 章) of a code: the unnumbered closing division,
        a sibling of the 编 (民法典, 刑法) or of the 章, that holds the articles after it."""
        if not P.FINAL_PROVISIONS_LINE.match(ln.s) or (self.part is None and self.chapter is None):
            return False
        t = self.t
        self.units += 1
        if self.part is not None:
            self.part = t.emit(self.parent, "part", ln.end, label=None, number=None, heading=P.squeeze(ln.s))
            self.part.attrs["final"] = True
            self.subpart = self.chapter = None
        else:
            self.chapter = t.emit(
                self.subpart or self.parent, "chapter", ln.end, label=None, number=None, heading=P.squeeze(ln.s)
            )
            self.chapter.attrs["final"] = True
        self.section = self.article = None
        self.para = self.item = self.subitem = None
        return True

    def _continues_broken_line(self, ln: _Line) -> bool:
        """A paragraph cut by a page break: the last paragraph/item stops mid-sentence
        (no closing punctuation) and this line is no unit of its own."""
        if ln.s[:1] in _NOTE_FIRST and P.NOTE_START.match(ln.s):
            return False  # 注2：… under a table opens a paragraph of its own
        last = self.t.last
        if (last.kind in _RUNNING_KINDS or last.kind in _OUTLINE_KINDS) and P.open_parens(ln.s) < 0:
            # it closes a bracket it never opened: the rest of a clause cut by a page
            # jump (…各县（市、区）/ 人民政府、市属开发区管委会）)
            return not (P.regulation_label(ln.s) or P.outline_label(ln.s))
        if last.kind not in _RUNNING_KINDS:
            return False
        # Only the tail is read: the check stays O(1) however long the paragraph grows.
        tail = self.t.text[max(last.start, self.t.pos - 64) : self.t.pos].rstrip()
        if self.t.pos - last.start < 12 or not tail or tail[-1] in P.CLOSERS:
            return False
        # rosters and tables space their columns (组　长：张三　副市长): no prose broken there
        if "　" in tail or "  " in tail.split("\n")[-1]:
            return False
        return not (P.regulation_label(ln.s) or P.outline_label(ln.s) or P.ATTACHMENTS.match(ln.s))

    def _join(self, ln: _Line) -> None:
        """Give ``ln`` to the last node as the rest of its broken paragraph; the line
        break before it is recorded in ``attrs["joins"]`` (offset in the node's own
        text) so that displays print the paragraph whole."""
        last = self.t.last
        if ln.start > last.start and self.t.text[ln.start - 1 : ln.start] == "\n":
            last.attrs.setdefault("joins", []).append(ln.start - 1 - last.start)
        self.t.extend(ln.end)

    def _continues_unit_clause(self, s: str) -> bool:
        """（牵头单位：…） closing the last unit, or the rest of one broken after ；."""
        last = self.t.last
        if last is self.t.root or last.kind in ("header", "recipients", "signature", "title", "history"):
            return False
        if _UNIT_CLAUSE.match(s) or _VERB_CLAUSE.match(s):
            return True
        if not _UNIT_CLAUSE_REST.match(s):
            return False
        # A unit clause is short: its open bracket is in the last few hundred characters.
        return P.open_parens(self.t.text[max(last.start, self.t.pos - 400) : self.t.pos]) > 0

    def _maybe_two_line_heading(self, node: Node) -> None:
        """A heading printed on two lines: 第一章 and its title on the next line, or a
        title broken in two (七、坚持“政产学研用金”一体 / 联动) when a unit follows."""
        p = self.p
        j = p._next_nonblank(p.i + 1)
        if j >= len(p.lines):
            return
        s = p.lines[j].s
        # a sentence mark or a colon anywhere in the line (set.isdisjoint reads it in one call)
        if not P.SENTENCE_PUNCT.isdisjoint(s) or "：" in s or P.regulation_label(s) or P.outline_label(s):
            return
        if _UNIT_CLAUSE.match(s) or P.ATTACHMENTS.match(s) or P.ANNEX_HEAD.match(s) or p._signature_at(j):
            return
        if node.heading:
            # the first line must be a bare heading, the second short, and a unit next
            if len(s) > 12 or not P.SENTENCE_PUNCT.isdisjoint(node.heading) or len(node.heading) < 4:
                return
            k = p._next_nonblank(j + 1)
            if k < len(p.lines) and not (P.regulation_label(p.lines[k].s) or P.outline_label(p.lines[k].s)):
                return
        elif len(s) > 20:
            return
        last = self.t.last
        if last is not node:
            return
        if p.lines[j].start > node.start and self.t.text[p.lines[j].start - 1] == "\n" and node.heading:
            node.attrs.setdefault("joins", []).append(p.lines[j].start - 1 - node.start)
        self.t.extend(p.lines[j].end, node)
        node.heading = P.squeeze((node.heading or "") + s)
        p.i = j

    # ------------------------------------------------------------ outline
    def _outline_line(self, ln: _Line) -> None:
        t = self.t
        s = ln.s
        if self.appoint_zone:
            if P.APPOINT_INTRO.search(s):
                self.appt = None
                self._plain_text(ln)
                return
            if self.appt is not None and self.appt_open and t.last is self.appt:
                t.extend(ln.end, self.appt)
            else:
                self.units += 1
                self.appt = t.emit(self.parent, "appointment", ln.end)
            # An appointment line runs until it ends with ；/。 (PDF lines break inside it).
            self.appt_open = ln.s[-1:] not in ("；", ";", "。", "，", ",")
            return
        reg = P.regulation_label(s)
        if reg is not None and reg.level in ("part", "chapter", "section"):
            # 第一章 总则 over 一、二、 items (工作规则 and the like): chapters hold the outline
            self.units += 1
            self.stack.clear()
            heading = P.squeeze(reg.rest) or None
            if reg.level == "part":
                self.part = node = t.emit(
                    self.parent, "part", ln.end, label=reg.label, number=reg.number, heading=heading
                )
                self.chapter = self.section = None
            elif reg.level == "chapter":
                parent = self.part or self.parent
                self.chapter = node = t.emit(
                    parent, "chapter", ln.end, label=reg.label, number=reg.number, heading=heading
                )
                self.section = None
            else:
                parent = self.chapter or self.part or self.parent
                self.section = node = t.emit(
                    parent, "section", ln.end, label=reg.label, number=reg.number, heading=heading
                )
            self._maybe_two_line_heading(node)
            return
        if self._decimal_line(ln) or self._part_of_plan_line(ln):
            return
        lab = P.outline_label(s)
        if lab is None and not self.decimal:
            # 11.121人才梯队项目 after item 10: an item whose name starts with digits.
            lab = P.item_label_before_digits(s, self.seen.get(_H_LEVEL["h3"]))
        if lab is not None and self._accept_heading(lab):
            self.units += 1
            level = _H_LEVEL[lab.level]
            if (
                self.decimal
                and level <= self.decimal_base + 1
                and any(not n.attrs.get("numbering") for _, n in self.stack)
            ):
                self.decimal = ()  # 二、 after 1.2: the next decimal numbering starts again
            while self.stack and self.stack[-1][0] >= level:
                self.stack.pop()
            parent = self.stack[-1][1] if self.stack else (self.section or self.chapter or self.part or self.parent)
            kind = f"heading{level}"
            is_instr = self._is_instruction(lab.rest)
            if is_instr:
                kind = "instruction"
            node = t.emit(
                parent,
                kind,
                ln.end,
                label=lab.label.strip(),
                number=lab.number,
                heading=None if is_instr else P.heading_of(lab.rest),
            )
            self.seen[level] = lab.number
            self.list_parent[level] = id(parent)
            self.stack.append((level, node))
            if (
                not is_instr
                and node.heading
                and node.heading == P.heading_of(lab.rest)
                and lab.rest.strip() == node.heading
            ):
                self._maybe_two_line_heading(node)
            if is_instr:
                self.instruction = node
                self.instruction_quoting = P.quote_open(ln.s)
            return
        skipped = self._skipped_item(lab) if lab is not None else None
        if skipped is None and self._continues_unit_clause(s):
            t.extend(ln.end)
            return
        if skipped is not None:
            self._plain_text(ln)
            if t.last is not None:
                t.last.attrs["numbering_gap"] = skipped
            return
        if lab is None and self._continues_broken_line(ln):
            self._join(ln)
            return
        self._plain_text(ln)
        if P.APPOINT_INTRO.search(s):
            self.appoint_zone = True
            self.appt = None

    def _decimal_line(self, ln: _Line) -> bool:
        """A decimal heading (1 / 1.1 / 1.1.1): its level is its depth (under any 一、 above);
        it is accepted when it continues the numbering (1.2 after 1.1.x, 2 after 1.x, 1.1
        under 1)."""
        dec = _decimal_label(ln.s)
        if dec is None:
            return False
        prev = self.decimal
        parts = dec.parts
        ok = False
        top = self.stack[-1][1] if self.stack else None
        anchored = (
            not prev
            and len(parts) == 2
            and parts[1] == 1
            and top is not None
            and not top.attrs.get("numbering")
            and top.number == parts[0]
        )  # 一、总则 / 1.1 编制目的: the first number is the 一、 above
        if not prev:
            ok = parts == (1,) or (len(parts) == 2 and parts[1] == 1 and not self.stack) or anchored
        elif len(parts) <= len(prev) + 1:
            head = parts[:-1]
            if len(parts) == len(prev) + 1:
                ok = head == prev and parts[-1] == 1
            else:
                ok = head == prev[: len(head)] and parts[-1] == prev[len(parts) - 1] + 1
        if not ok:
            return False
        if not prev:
            base = max((lv for lv, n in self.stack if not n.attrs.get("numbering")), default=0)
            self.decimal_base = base - 1 if anchored else base
        level = min(max(self.decimal_base + len(parts), 1), 5)
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()
        parent = self.stack[-1][1] if self.stack else (self.section or self.chapter or self.part or self.parent)
        self.units += 1
        node = self.t.emit(parent, f"heading{level}", ln.end, label=dec.label, number=parts[-1], heading=dec.heading)
        node.attrs["numbering"] = "decimal"
        self.seen[level] = parts[-1]
        self.list_parent[level] = id(parent)
        self.stack.append((level, node))
        self.decimal = parts
        return True

    def _part_of_plan_line(self, ln: _Line) -> bool:
        """第一部分 总体要求: a part above the outline (一、 restarts under it)."""
        m = _PART_OF_PLAN.match(ln.s)
        if not m or any(c in P.SENTENCE_PUNCT for c in (m.group("rest") or "")):
            return False
        from gongbao.structure.numerals import cn_to_int

        try:
            n = cn_to_int(m.group("n"))
        except ValueError:
            return False
        prev = self.part.number if self.part is not None else 0
        if n != (prev or 0) + 1:
            return False
        self.units += 1
        self.stack.clear()
        self.seen.clear()
        self.chapter = self.section = None
        label = ln.s[: m.start("rest")] if m.group("rest") else ln.s
        self.part = self.t.emit(
            self.parent,
            "part",
            ln.end,
            label=P.squeeze(label),
            number=n,
            heading=P.squeeze(m.group("rest") or "") or None,
        )
        self.part.attrs["numbering"] = "部分"
        return True

    def _plain_text(self, ln: _Line) -> None:
        if self.stack:
            self._text_para(self.stack[-1][1], ln)
        elif self.units == 0:
            self._preamble_para(ln)
        else:
            self._text_para(self.parent, ln)

    def _accept_heading(self, lab: P.Label) -> bool:
        """Outline numbers run on (prev + 1) or restart at 1 under a new parent."""
        level = _H_LEVEL[lab.level]
        prev = self.seen.get(level)
        if prev is not None and lab.number == prev + 1:
            return True
        if lab.number != 1:
            return False
        if prev is None:
            return True
        return id(self._parent_for(level)) != self.list_parent.get(level)

    def _skipped_item(self, lab: P.Label) -> str | None:
        """``十五、`` where ``三、`` was due: a top outline item whose number skips ahead of the
        last one (a heading lost in the source, or a page missing). It stays a paragraph (an
        outline number can open a sentence), but the skip is said (``numbering_gap``)."""
        if lab.level != "h1" or self.decimal or not lab.label.strip().endswith("、"):
            return None
        prev = self.seen.get(_H_LEVEL["h1"])
        if prev is None or not prev + 1 < lab.number <= prev + 30:
            return None
        if lab.number in (self.skipped_to + 1, self.skipped_to):
            self.skipped_to = lab.number
            return None  # 十六、 after 十五、 after 二、: one gap, said once
        self.skipped_to = lab.number
        return f"{lab.label.strip()} follows {int_to_cn(prev)}、"

    def _parent_for(self, level: int) -> Node:
        for lv, node in reversed(self.stack):
            if lv < level:
                return node
        return self.parent

    def _is_instruction(self, rest: str) -> bool:
        s = rest.strip()
        head = s[:40]
        return bool(P.INSTRUCTION_START.match(s) and P.INSTRUCTION_TARGET.search(head) and P.INSTRUCTION_VERB.search(s))

    def _absorb(self, ln: _Line) -> bool:
        """Is ``ln`` content of the open amendment instruction (quoted text, 删去第二款…)?"""
        node = self.instruction
        assert node is not None
        balanced = not self.instruction_quoting
        s = ln.s
        if s.startswith("“") or not balanced:
            return True
        lab = P.outline_label(s)
        if lab is not None:
            level = _H_LEVEL[lab.level]
            if level == _outline_level(node) and lab.number == (node.number or 0) + 1:
                return False
            if level < _outline_level(node) and self._accept_heading(lab):
                return False
        if self.p._signature_at(self.p.i) or P.ATTACHMENTS.match(s) or P.ANNEX_HEAD.match(s):
            return False
        return True

    # ------------------------------------------------------------ chronicle
    def _chronicle_line(self, ln: _Line) -> None:
        t = self.t
        m = P.ENTRY.match(ln.s)
        if m or P.SAME_DAY.match(ln.s):
            self.units += 1
            day: int | None
            if m:
                label = m.group(0).rstrip("，,、 \u3000")  # 14日 / 4-6日 / 14日至16日
                day = int(m.group(1)) if m.group(1) else cn_to_int(m.group(2))  # 14日， / 一日
            else:
                label = ln.s[0] if ln.s[0] == "△" else ln.s[:2]  # △ / 同日 / 是日
                day = self.entry.number if self.entry is not None else None
            self.entry = t.emit(self.parent, "entry", ln.end, label=label, number=day)
            return
        if self.entry is not None:
            t.extend(ln.end, self.entry)
            return
        self._preamble_para(ln)


def _outline_level(node: Node) -> int:
    """Outline level of a heading/instruction node (instructions keep their label's level)."""
    if node.kind.startswith("heading"):
        return int(node.kind[-1])
    lab = P.outline_label(node.label or "")
    return _H_LEVEL[lab.level] if lab else 3
