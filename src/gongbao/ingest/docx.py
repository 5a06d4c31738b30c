"""The text of a Word document (.docx, Office Open XML), as a gazette reader needs it.

Government documents and plans are often published as Word files, their task tables included.
``docx_text`` reads ``word/document.xml`` with lxml (already a dependency, for Akoma Ntoso; no
Word library needed): one line per paragraph; a table row as one line, its cells apart by a tab
(what the structure parser and the task reader take for cells; the paragraphs of one cell joined
by a space); a tab, a line break and a non-breaking hyphen as printed. Text deleted in tracked
changes (``w:delText``) is not read; inserted text is. Headers, footers and footnotes are page
furniture and notes, not read.

Paragraph numbering that Word generates (``w:numPr``: 一、 （一） 1. printed by the numbering
definitions, not typed) is written out before the paragraph's text, as a reader sees it: the
counters of ``word/numbering.xml`` (decimal, Chinese counting, circled and parenthesised digits,
upper/lower letters and Roman numerals) with their level text (``%1、``, ``（%2）``).

A file that is a zip but not a Word document, a damaged one, or one whose parts are too large
raises ``InputError``: one line, no traceback.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from gongbao.errors import InputError

__all__ = ["docx_text", "is_docx"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MAX_PART = 200 * 1024 * 1024  # uncompressed bytes of one part (a zip bomb is refused)


def is_docx(data: bytes) -> bool:
    """A zip holding ``word/document.xml`` (what Word and WPS write for .docx)."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "word/document.xml" in z.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def docx_text(data: bytes, name: str) -> str:
    """The document's text (see the module docstring)."""
    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            document = _part(z, "word/document.xml", name)
            numbering = _part(z, "word/numbering.xml", name) if "word/numbering.xml" in z.namelist() else None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        raise InputError(f"cannot read the Word file ({type(e).__name__}: {e})", path=name) from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(document, parser=parser)
        numbers = _Numbering(etree.fromstring(numbering, parser=parser) if numbering else None)
    except etree.XMLSyntaxError as e:
        raise InputError(f"the Word file's XML is damaged ({e})", path=name) from None
    body = root.find(f"{_W}body")
    if body is None:
        raise InputError("the Word file has no body", path=name)
    lines: list[str] = []
    _block(body, lines, numbers)
    return "\n".join(lines) + "\n"


def _part(z: zipfile.ZipFile, part: str, name: str) -> bytes:
    info = z.getinfo(part)
    if info.file_size > _MAX_PART:
        raise InputError(f"the Word file's {part} is {info.file_size} bytes uncompressed, above {_MAX_PART}", path=name)
    return z.read(part)


def _block(parent: Any, lines: list[str], numbers: _Numbering) -> None:
    """Paragraphs and tables of a body, a cell or a content control, in order."""
    for el in parent:
        tag = el.tag
        if tag == f"{_W}p":
            lines.append(numbers.label(el) + _runs(el))
        elif tag == f"{_W}tbl":
            for tr in el.iter(f"{_W}tr"):
                if tr.getparent() is not el:
                    continue  # a nested table's rows: read in their cell
                cells = []
                for tc in tr.findall(f"{_W}tc"):
                    inner: list[str] = []
                    _block(tc, inner, numbers)
                    cells.append(" ".join(t.strip() for t in inner if t.strip()))
                lines.append("\t".join(cells))
        elif tag == f"{_W}sdt":
            content = el.find(f"{_W}sdtContent")
            if content is not None:
                _block(content, lines, numbers)


def _runs(p: Any) -> str:
    """A paragraph's text: its runs' text, tabs and breaks (not text deleted in tracked changes)."""
    out: list[str] = []
    for el in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}noBreakHyphen", f"{_W}delText"):
        tag = el.tag
        if tag == f"{_W}t":
            out.append(el.text or "")
        elif tag == f"{_W}tab":
            if el.getparent().tag != f"{_W}tabs":  # a tab stop's definition is no tab
                out.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            out.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            out.append("-")
    return "".join(out)


_CN = "〇一二三四五六七八九"


def _chinese(n: int) -> str:
    """一, 十, 十一, 二十三, 一百零五 (the counting form Word's chineseCounting prints); digits from 1,000."""
    if n < 0 or n >= 1000:
        return str(n)
    if n < 10:
        return _CN[n]
    if n < 20:
        return "十" + (_CN[n % 10] if n % 10 else "")
    if n < 100:
        return _CN[n // 10] + "十" + (_CN[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if rest == 0 else ("零" + _CN[rest] if rest < 10 else ("一" if rest < 20 else "") + _chinese(rest))
    return _CN[n // 100] + "百" + tail


def _roman(n: int) -> str:
    out = ""
    for v, s in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):  # fmt: skip
        while n >= v:
            out, n = out + s, n - v
    return out


def _format(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographTraditional", "chineseLegalSimplified"):
        return _chinese(n)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "decimalEnclosedParen":
        return chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})"
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt in ("none", "bullet"):
        return ""
    return str(n)  # decimal, decimalZero and anything else: the number


class _Numbering:
    """Word's generated paragraph numbers: counters per list and level (``word/numbering.xml``)."""

    def __init__(self, root: Any) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId -> level -> (fmt, text, start)
        self.counters: dict[str, list[int]] = {}
        if root is None:
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for a in root.findall(f"{_W}abstractNum"):
            lv: dict[int, tuple[str, str, int]] = {}
            for level in a.findall(f"{_W}lvl"):
                ilvl = _int(level.get(f"{_W}ilvl"), 0)
                fmt = _val(level.find(f"{_W}numFmt")) or "decimal"
                text = _val(level.find(f"{_W}lvlText")) or ""
                start = _int(_val(level.find(f"{_W}start")), 1)
                lv[ilvl] = (fmt, text, start)
            abstract[a.get(f"{_W}abstractNumId", "")] = lv
        for num in root.findall(f"{_W}num"):
            ref = _val(num.find(f"{_W}abstractNumId"))
            if ref in abstract:
                self.levels[num.get(f"{_W}numId", "")] = abstract[ref]

    def label(self, p: Any) -> str:
        """The number Word prints before paragraph ``p`` ("" when it has none)."""
        ppr = p.find(f"{_W}pPr")
        numpr = ppr.find(f"{_W}numPr") if ppr is not None else None
        if numpr is None:
            return ""
        num_id = _val(numpr.find(f"{_W}numId")) or ""
        ilvl = _int(_val(numpr.find(f"{_W}ilvl")), 0)
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, [0] * 9)
        if ilvl >= len(counters):
            return ""
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, len(counters)):
            counters[deeper] = 0  # a new item restarts the levels under it
        fmt, text, _ = levels[ilvl]
        if fmt in ("none", "bullet"):
            return ""
        out = text
        for k in range(ilvl, -1, -1):
            kf, _, start = levels.get(k, ("decimal", "", 1))
            n = counters[k] + start - 1 if counters[k] else start
            out = out.replace(f"%{k + 1}", _format(n, kf))
        return out


def _val(el: Any) -> str | None:
    return None if el is None else el.get(f"{_W}val")


def _int(s: str | None, default: int) -> int:
    """A number attribute as Word writes it; ``default`` when it is missing or not a small number."""
    try:
        n = int(s) if s is not None else default
    except ValueError:
        return default
    return n if 0 <= n < 10_000 else default
