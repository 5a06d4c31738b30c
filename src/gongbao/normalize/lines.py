"""Line normalization with an offset map (see the package docstring for the rules)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from gongbao.grammar.forms import is_decorated_page_number
from gongbao.grammar.lines import is_issuer_line
from gongbao.model import Change, Line, MappedText, TextBuilder

BOM = "\ufeff"
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_FW_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018-\u201f\u2026\u2014\u00b7"
_HAS_CJK = re.compile(f"[{_CJK}]")
_HAS_HALF = re.compile(r"[,;:()?!]")
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "?": "？", "!": "！"}
# full-width digits and Latin letters (Word and OCR text: ２０１９年, 湘政办发〔２００９〕２４号) -> ASCII
_FULL_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_FULL_TO_ASCII = {
    c: c - 0xFEE0 for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)) for c in range(r[0], r[1] + 1)
}


def fold_width(s: str) -> str:
    """``s`` with full-width digits and Latin letters as ASCII (same length)."""
    return s.translate(_FULL_TO_ASCII) if _FULL_ALNUM.search(s) else s


# Edit sites, applied left to right on the punctuation-folded line (same length as raw).
_EDITS = re.compile(
    "|".join(
        [
            # 1. LaTeX-like subscript: PM_{2.5} -> PM2.5
            r"(?P<latex>(?<=[A-Za-z])_\{(?P<sub>[0-9A-Za-z.]{1,8})\})",
            # 2. bare subscript: NO_x -> NOx
            r"(?P<under>(?<=[A-Za-z])_(?=[0-9A-Za-z]))",
            # 3. OCR read the 一 of a year as a dash: —九九九年 -> 一九九九年
            r"(?P<ocr_one>(?<![〇○零一二三四五六七八九\d])[—－―-](?=[〇○零一二三四五六七八九]{3}年))",
            # 4. stray English conjunction between Chinese words
            rf"(?P<and>(?<=[{_CJK}]) and (?=[{_CJK}]))",
            # 4. PDF spacing between Chinese/full-width punctuation and digits or punctuation (one
            #    or two spaces; a tab, or a wider run, separates the cells of a table row: kept)
            rf"(?P<space>(?<=[{_CJK}{_FW_PUNCT}0-9%])[ \u3000]{{1,2}}(?![ \t\u3000])(?=[{_FW_PUNCT}0-9])"
            rf"|(?<=[{_FW_PUNCT}0-9%])[ \u3000]{{1,2}}(?![ \t\u3000])(?=[{_CJK}{_FW_PUNCT}]))",
        ]
    )
)
_DASH_PREFIX = re.compile(r"-[ \t]+(?=\S)")
# every edit site starts at one of these characters: a line without them has nothing to repair
# (a character-class scan is far cheaper than trying the edit alternatives, with their
# look-behinds, at every position)
_EDIT_START = re.compile("[_—－―\\- \u3000]")


def _fold_punctuation(s: str) -> str:
    """Half-width punctuation -> full-width in Chinese text; same length as ``s``."""
    if not _HAS_HALF.search(s) or not _HAS_CJK.search(s):
        return s
    parts: list[str] = []  # the text between the folded marks, and the full-width marks
    last = 0
    n = len(s)
    for m in _HAS_HALF.finditer(s):  # only where a half-width mark is
        i = m.start()
        c = s[i]
        prev = s[i - 1] if i > 0 else ""
        nxt = s[i + 1] if i + 1 < n else ""
        if prev.isascii() and prev.isalnum() and nxt.isascii() and nxt.isalnum():
            continue  # 1,000 · 10:30 · f(x)
        if c == ":" and (prev.isascii() and prev.isalpha()):
            continue  # http: and the like
        parts.append(s[last:i])
        parts.append(_HALF_TO_FULL[c])
        last = i + 1
    if not parts:
        return s  # nothing folded
    parts.append(s[last:])
    return "".join(parts)


# the cells of a table row printed with runs of spaces (PDF text, fixed-width copies): three
# cells or more apart by three spaces or more (序号   任务   责任单位   完成时限)
_CELL_GAP = re.compile(r"[ \u3000]{3,}")
_CELL_GAP_ANY = re.compile(r"[ \u3000]{3,}|\t+")


def _table_gaps(folded: str, pos: int, end: int) -> list[tuple[int, int]]:
    """Where the cell gaps of a table row are (two gaps or more, no sentence punctuation
    spread across them), else []: each becomes one tab."""
    gaps = [(m.start(), m.end()) for m in _CELL_GAP.finditer(folded, pos, end)]
    if len(gaps) < 2 or "\t" in folded[pos:end]:
        return []
    if all(is_issuer_line(c) for c in _CELL_GAP.split(folded[pos:end])):
        return []  # the signature of a joint document (财政厅　　　　国家税务局　　　　地方税务局), as printed
    return gaps


# a line (stripped) without any of these has nothing for ``normalize_line`` to do: no
# half-width mark to fold, no edit site (they start at _EDIT_START), no table gap (spaces),
# no dash prefix, no byte-order mark
_PLAIN = re.compile("[,;:()?!_—－―\\- \u3000\ufeff\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def _has_edit(folded: str, pos: int, end: int) -> bool:
    """Whether ``_EDITS.search(folded, pos, end)`` finds an edit site: tried only where one
    can start (``_EDIT_START``), the same leftmost answer at a fraction of the cost."""
    for m in _EDIT_START.finditer(folded, pos, end):
        if _EDITS.match(folded, m.start(), end) is not None:
            return True
    return False


def _edit_sites(folded: str, pos: int, end: int) -> Iterator[re.Match[str]]:
    """The matches of ``_EDITS.finditer(folded, pos, end)``, tried only where an edit site can
    start (``_EDIT_START``): the same matches (each is the leftmost after the previous one, and
    none is empty) without trying the alternatives at every other position."""
    for s in _EDIT_START.finditer(folded, pos, end):
        at = s.start()
        if at < pos:
            continue  # inside the previous edit
        m = _EDITS.match(folded, at, end)
        if m is not None:
            yield m
            pos = m.end()


def normalize_line(raw: str, offset: int, changes: list[Change] | None = None) -> MappedText:
    """Normalize one raw line that starts at source ``offset``; record changes if asked."""
    # strip surrounding whitespace: it is layout, not text (so is a byte-order mark)
    lead = len(raw) - len(raw.lstrip().lstrip(BOM).lstrip())
    body_end = len(raw.rstrip())
    if lead >= body_end:
        return MappedText.empty()
    narrow = raw
    if _FULL_ALNUM.search(raw) is not None:  # first, so that １,０００ reads as 1,000
        narrow = raw.translate(_FULL_TO_ASCII)
        if changes is not None:
            changes.extend(
                Change("width", offset + m.start(), offset + m.end(), m.group(), narrow[m.start()])
                for m in _FULL_ALNUM.finditer(raw)
            )
    folded = _fold_punctuation(narrow)
    if changes is not None and folded is not narrow:
        for half in _HAS_HALF.finditer(narrow):  # folding changes only half-width marks
            i = half.start()
            a = narrow[i]
            if folded[i] != a:  # it is _HALF_TO_FULL[a]: the shared constant, not a new string per change
                changes.append(Change("punctuation", offset + i, offset + i + 1, a, _HALF_TO_FULL[a]))
    pos = lead
    gaps = _table_gaps(folded, pos, body_end) if "   " in folded or "\u3000\u3000\u3000" in folded else []
    if gaps:
        return _table_row(folded, pos, body_end, gaps, offset, changes)
    if folded[pos] != "-" and not _has_edit(folded, pos, body_end):
        # nothing to repair (most lines): one piece, mapped character for character
        return MappedText.verbatim(folded[pos:body_end], offset + pos)
    tb = TextBuilder()
    m = _DASH_PREFIX.match(folded, pos)
    if m and m.end() < body_end and not is_decorated_page_number(folded[pos:body_end]):  # - 3 - is a page number
        if changes is not None:
            changes.append(Change("dash_prefix", offset + pos, offset + m.end(), m.group(0), ""))
        pos = m.end()
    for m in _edit_sites(folded, pos, body_end):
        if m.start() > pos:
            tb.add(folded[pos : m.start()], offset + pos)
        kind = m.lastgroup
        if m.group("latex") is not None:
            sub = m.group("sub")
            tb.add(sub, offset + m.start(), m.end() - m.start())
            after = sub
            kind = "latex"
        elif m.group("under") is not None:
            after = ""
            kind = "latex"
        elif m.group("ocr_one") is not None:
            tb.add("一", offset + m.start(), 1)
            after = "一"
            kind = "ocr"
        elif m.group("and") is not None:
            tb.add("和", offset + m.start(), m.end() - m.start())
            after = "和"
            kind = "artifact"
        else:
            after = ""
            kind = "spacing"
        if changes is not None and kind != "spacing":
            changes.append(Change(kind, offset + m.start(), offset + m.end(), m.group(0), after))
        pos = m.end()
    if pos < body_end:
        tb.add(folded[pos:body_end], offset + pos)
    return tb.build()


# a short line is normalized once per distinct text (page numbers, running heads, 文号 and
# label lines repeat through an issue): its result is kept relative to the line's start
_SHORT = 40


@lru_cache(maxsize=1 << 14)
def _short_line(raw: str) -> tuple[MappedText, tuple[Change, ...]]:
    changes: list[Change] = []
    return normalize_line(raw, 0, changes), tuple(changes)


def _normalize_short(raw: str, offset: int, changes: list[Change] | None) -> MappedText:
    """``normalize_line(raw, offset, changes)`` for a short line, from ``_short_line``."""
    mt, done = _short_line(raw)
    if done and changes is not None:
        changes.extend(Change(c.kind, c.start + offset, c.end + offset, c.before, c.after) for c in done)
    return mt.shifted(offset) if mt.text else mt


def _table_row(
    folded: str, pos: int, end: int, gaps: list[tuple[int, int]], offset: int, changes: list[Change] | None
) -> MappedText:
    """A table row: each cell as printed, one tab for each gap between cells (the structure
    parser reads tabs as cell separators); the gap's spaces map to the tab."""
    tb = TextBuilder()
    for a, b in gaps:
        if a > pos:
            tb.add(folded[pos:a], offset + pos)
        tb.add("\t", offset + a, b - a)
        if changes is not None:
            changes.append(Change("table_cell", offset + a, offset + b, folded[a:b], "\t"))
        pos = b
    if pos < end:
        tb.add(folded[pos:end], offset + pos)
    return tb.build()


def normalize_lines(text: str, changes: list[Change] | None = None) -> list[Line]:
    """Split ``text`` into lines and normalize each non-blank one (blank lines are dropped)."""
    lines: list[Line] = []
    # the lines of ``split_lines(text)``, walked in place (no list of every line's offsets)
    find = text.find
    n = len(text)
    pos = 0
    no = 0
    while pos < n:
        nl = find("\n", pos)
        b = n if nl < 0 else nl
        no += 1
        raw = text[pos:b]
        stripped = raw.strip()
        if stripped and stripped != "\f":
            if _PLAIN.search(stripped) is None:
                # what ``normalize_line`` does to a line with nothing to fold, repair or split
                # into cells (most lines): its text without the surrounding spaces, as printed
                # (stripped[0] is not a space, so its first occurrence is where the text starts)
                lines.append(
                    Line(no, pos, b, raw, MappedText.verbatim(stripped, pos + raw.find(stripped[0])), source=text)
                )
            else:
                mt = _normalize_short(raw, pos, changes) if len(raw) <= _SHORT else normalize_line(raw, pos, changes)
                if mt.text:
                    lines.append(Line(no, pos, b, raw, mt, source=text))
        if nl < 0:
            break
        pos = nl + 1
    return lines


def normalize_text(text: str) -> str:
    """The normalized text of every line, joined by newlines (for tests and tools)."""
    return "\n".join(line.text for line in normalize_lines(text))
