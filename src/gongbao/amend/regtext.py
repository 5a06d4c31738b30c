"""A small model of a regulation's text: chapters -> articles -> paragraphs -> items.

This is the thin adapter the engine works on. ``parse_regulation(text)`` reads plain
text (PDF line breaks allowed) with 第X章 / 第X节 / 第X条 / （一） / 1. lines;
``render(reg)`` prints it back. Every unit remembers its ORIGINAL number (``orig``) so
that operations written against the original numbering find it after earlier
operations moved things around.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from gongbao.grammar import labels as L
from gongbao.grammar.history import is_history_line
from gongbao.structure.numerals import cn_to_int, int_to_cn

__all__ = [
    "Article",
    "Chapter",
    "Item",
    "Paragraph",
    "Regulation",
    "fold",
    "item_label",
    "parse_item",
    "parse_regulation",
    "render",
]

# The label forms are the genre's grammar (gongbao.grammar.labels), read on PDF text: a stray
# space may stand inside a label (第 二 章 · 第十 条).
_CHAPTER = L.CHAPTER_LINE_SPACED
_SECTION = L.SECTION_LINE_SPACED
_ARTICLE = L.ARTICLE_LINE_SPACED
_ITEM = L.ITEM_LINE
_SUBITEM = L.SUBITEM_LINE
_TOC = re.compile(r"^目\s*录$")
_HISTORY = re.compile(r"^([（(].{0,80}(公布|修正|修订|通过)|目\s*录$)")
_END_PUNCT = "。；：！？.;:!?”"
# 第十六条　行为… : an article label set off from its text by a space (a paragraph's start, never a
# reference broken to the start of a line: …按照本办法\n第九条的规定)
_ARTICLE_SET_OFF = re.compile(rf"^第\s*{L.SPACED_NUM}\s*条(?:之{L.NUM})?[ \u3000]+\S")
# 第二编　分则 · 第二章　危害公共安全罪 (a chapter of another 编 in an excerpt): a heading line
_UNIT_HEADING = re.compile(rf"^第\s*{L.SPACED_NUM}\s*[编章节][ \u3000]+(\S.*)$")
_ANY_PUNCT = re.compile(r"[，。；：,;:、！？]")


def fold(s: str) -> str:
    """Text as compared: width-folded (NFKC), no whitespace, dashes unified."""
    s = unicodedata.normalize("NFKC", s)
    s = s.replace("—", "-").replace("–", "-")
    return re.sub(r"\s+", "", s)


#: How an item's label is printed: (opening, closing, arabic digits). （一） is the default.
ItemStyle = tuple[str, str, bool]
DEFAULT_STYLE: ItemStyle = ("（", "）", False)


def item_label(n: int, style: ItemStyle | None = None) -> str:
    """The label of item ``n``: （一） by default, or in the style the text printed (一、 / (1) / (一))."""
    opening, closing, arabic = style or DEFAULT_STYLE
    return f"{opening}{n if arabic else int_to_cn(n)}{closing}"


def parse_item(line: str) -> tuple[int, ItemStyle, str] | None:
    """``(number, style, text)`` of an item line (（二）… / (2)… / 二、…), or None."""
    m = _ITEM.match(line)
    if not m:
        return None
    if m.group(4):
        num, style = _cn(m.group(4)), ("", "、", False)
    else:
        raw = m.group(2)
        num, style = _cn(raw), (m.group(1), m.group(3), raw.isascii() and raw.isdigit())
    if num is None:
        return None
    return num, style, m.group(5).strip()


@dataclass(slots=True)
class Item:
    """A 项 (（一）…) with its 目 (1. …) as plain lines; ``text`` excludes the label."""

    text: str
    orig: int | None = None
    subitems: list[str] = field(default_factory=list)
    amended: bool = False
    style: ItemStyle | None = None


@dataclass(slots=True)
class Paragraph:
    """A 款: its text and the items it introduces."""

    text: str
    items: list[Item] = field(default_factory=list)
    orig: int | None = None
    amended: bool = False


@dataclass(slots=True)
class Article:
    """A 条. ``chapter``/``section`` are the ORIGINAL numbers of the units it sits in."""

    orig: int | None
    paragraphs: list[Paragraph]
    chapter: int | None = None
    section: int | None = None
    number: int | None = None  # the number printed in this version
    amended: bool = False
    sub: int | None = None  # 第十条之一: 1 (an article inserted without renumbering the others)
    orig_sub: int | None = None  # its 之N in the base text
    # heading lines printed before it that the model does not place (第二编 分则, or a 第二章 of
    # another 编 in an excerpt): printed back before the article, never part of its text
    headings: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        """第十条 / 第十条之一, as this version prints it."""
        return f"第{int_to_cn(self.number or 0)}条" + (f"之{int_to_cn(self.sub)}" if self.sub else "")

    def lines(self) -> list[str]:
        """Paragraphs and items as printed, one per line, without the 第X条 label."""
        out: list[str] = []
        for p in self.paragraphs:
            if p.text:
                out.append(p.text)
            style = next((it.style for it in p.items if it.style and not it.amended), None)
            for k, it in enumerate(p.items, start=1):
                # A list keeps the label style its original items were printed in.
                out.append(item_label(k, style or it.style) + it.text)
                out.extend(it.subitems)
        return out

    def text(self) -> str:
        return "\n".join(self.lines())


@dataclass(slots=True)
class Chapter:
    orig: int | None
    heading: str
    number: int | None = None
    sections: dict[int, str] = field(default_factory=dict)  # original section number -> heading
    section_numbers: dict[int, int] = field(default_factory=dict)  # original -> printed, where they differ

    def section_label(self, section: int) -> str:
        return f"第{int_to_cn(self.section_numbers.get(section, section))}节"


@dataclass(slots=True)
class Regulation:
    """A regulation: title, lines before the first unit (history), chapters and articles in order."""

    title: str = ""
    preface: list[str] = field(default_factory=list)
    chapters: list[Chapter] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    toc: str | None = None  # the 目录 heading as printed, when the text has a table of contents
    inferred: list[str] = field(default_factory=list)  # structure the text did not print, inferred
    # (first, last) runs of article numbers the text skips: an excerpt (starts after 第一条, or jumps)
    skipped: list[tuple[int, int]] = field(default_factory=list)

    @property
    def excerpt(self) -> bool:
        """Whether the text prints only some of the work's articles (it starts later or skips numbers)."""
        return bool(self.skipped)

    def article(self, number: int, sub: int | None = None) -> Article | None:
        """The article printed as 第``number``条 (之``sub``) in this version."""
        for a in self.articles:
            if a.number == number and a.sub == sub:
                return a
        return None

    def place(self, art: Article) -> str:
        """The chapter (and section) ``art`` is printed in: 第三章第一节; ``""`` in a text without
        chapters (its chapter's number in this version)."""
        ch = self.chapter_of(art)
        if ch is None:
            return ""
        out = f"第{int_to_cn(ch.number or ch.orig or 0)}章"
        if art.section is not None and art.section in ch.sections:
            out += ch.section_label(art.section)
        return out

    def chapter_of(self, art: Article) -> Chapter | None:
        for c in self.chapters:
            if c.orig == art.chapter:
                return c
        return None


def _logical_lines(text: str) -> list[str]:
    """Join PDF-broken lines: a line not ending in punctuation continues, unless the next opens a unit."""
    out: list[str] = []
    buf = ""
    for raw in text.split("\n"):
        s = raw.strip()
        if s.startswith("- "):
            s = s[2:].strip()
        if not s:
            continue
        opens = bool(
            _UNIT_HEADING.match(s)  # 第一编　总则 (after a history line ending in ）)
            or _CHAPTER.match(s)
            or _SECTION.match(s)
            or _ARTICLE.match(s)
            or _ITEM.match(s)
            or _HISTORY.match(s)
            or is_history_line(s)  # printed without brackets (一九九○年九月三十日国务院批准　…发布)
        )
        if buf and (buf[-1] in _END_PUNCT or opens):
            out.append(buf)
            buf = ""
        buf = s if not buf else buf + s
    if buf:
        out.append(buf)
    return out


def parse_regulation(text: str, *, title: str | None = None) -> Regulation:
    """Read a regulation's text into a ``Regulation`` (original numbers = printed numbers).

    Takes plain text whose first lines may be the title and the history line. A 第X条
    line opens an article only when X follows the previous article (1 for the first),
    so a reference broken to the start of a line (…按照本办法\\n第九条的规定) stays text;
    第X条之一 follows 第X条. A second 第一章 before any article restarts the chapters (a table
    of contents). Texts as they really come: a stray space inside a label (第 二 章) is read; a
    chapter heading printed without its 第X章 label (the next chapter jumps a number, and a short
    unpunctuated line stands before an article) is taken for the missing chapter. Every such
    repair is recorded in ``inferred``. Guarantees: ``number == orig`` for every unit; nothing of
    the text is dropped.
    """
    reg = Regulation(title=title or "")
    chapter: int | None = None
    section: int | None = None
    art: Article | None = None
    gaps: list[tuple[int, int]] = []  # (missing chapter, the chapter printed after it)
    pending: list[str] = []  # heading lines not placed, printed before the next article
    for line in _logical_lines(text):
        m = _CHAPTER.match(line)
        if m and _cn(m.group(1)) is not None:
            n = _cn(m.group(1))
            assert n is not None
            expected = (reg.chapters[-1].orig or 0) + 1 if reg.chapters else 1
            if n == 1 and reg.chapters and not reg.articles:
                # A table of contents came first: it is printed again from the chapters.
                reg.chapters = []
                expected = 1
                if reg.preface and _TOC.match(reg.preface[-1]):
                    reg.toc = reg.preface.pop()
                else:
                    reg.toc = "目　录"
            if n == expected or (reg.articles and expected < n <= expected + 3 and _heading_like(m.group(2))):
                gaps.extend((k, n) for k in range(expected, n))
                reg.chapters.append(Chapter(n, m.group(2).strip(), n))
                chapter, section, art = n, None, None
                continue
        m = _SECTION.match(line)
        if m and reg.chapters and _cn(m.group(1)) is not None:
            n = _cn(m.group(1))
            assert n is not None
            reg.chapters[-1].sections[n] = m.group(2).strip()
            section, art = n, None
            continue
        m = _ARTICLE.match(line)
        if m and _cn(m.group(1)) is not None:
            n = _cn(m.group(1))
            sub = _cn(m.group(2)) if m.group(2) else None
            last = reg.articles[-1] if reg.articles else None
            expected = (last.orig or 0) + 1 if last else 1
            follows = (sub is None and n == expected) or (
                sub is not None and last is not None and n == last.orig and sub == (last.orig_sub or 0) + 1
            )
            # An excerpt: the text starts after 第一条 or skips numbers (第十七条 then 第一百三十三条之一);
            # read when the label opens a paragraph of its own, and recorded in ``skipped``.
            jumps = (
                n is not None
                and n >= expected
                and (n > expected or sub is not None)
                and _ARTICLE_SET_OFF.match(line) is not None
            )
            if follows or jumps:
                assert n is not None
                if not follows and n > expected:
                    reg.skipped.append((expected, n - 1))
                art = Article(n, [Paragraph(m.group(3).strip(), orig=1)], chapter, section, n)
                art.sub = art.orig_sub = sub
                art.headings, pending = pending, []
                reg.articles.append(art)
                continue
        mh = _UNIT_HEADING.match(line)
        if mh and reg.articles and _heading_like(mh.group(1)):
            pending.append(line)  # 第二编　分则: kept in its place, not read as the article's text
            continue
        if art is None:
            if not reg.title and not reg.preface:
                reg.title = line
            else:
                reg.preface.append(line)
            continue
        _add_line(art, line)
    if pending:
        for line in pending:  # headings after the last article: text, as before
            _add_line(reg.articles[-1], line)
    for missing, after in gaps if not reg.skipped else []:  # (an excerpt skips chapters too)
        _fill_chapter(reg, missing, after)
    if reg.skipped:
        runs = "、".join(f"第{int_to_cn(a)}条" + (f"至第{int_to_cn(b)}条" if b > a else "") for a, b in reg.skipped)
        reg.inferred.append(f"an excerpt: {runs} not printed (articles read as numbered)")
    return reg


def _heading_like(s: str) -> bool:
    """A chapter heading's text: short, no sentence punctuation."""
    s = s.strip()
    return len(s) <= 40 and not _ANY_PUNCT.search(s)


def _fill_chapter(reg: Regulation, missing: int, after: int) -> None:
    """The text prints 第{after}章 but no 第{missing}章: find its heading among the paragraphs.

    The candidate is a short unpunctuated last paragraph of an article of the chapter before
    (the heading line lost its label and was read as text). Without one, the gap is reported.
    """
    before = max((c.orig for c in reg.chapters if c.orig is not None and c.orig < missing), default=None)
    arts = [a for a in reg.articles if a.chapter == before]
    for k, a in enumerate(arts):
        last = a.paragraphs[-1] if a.paragraphs else None
        if last is None or last.items or len(a.paragraphs) < 2 or not _heading_like(last.text) or k + 1 >= len(arts):
            continue
        if last.text[-1:] in _END_PUNCT:
            continue
        heading = last.text.strip()
        a.paragraphs.pop()
        moved = arts[k + 1 :]
        for b in moved:
            b.chapter = missing
            b.section = None
        pos = next(j for j, c in enumerate(reg.chapters) if c.orig == after)
        reg.chapters.insert(pos, Chapter(missing, heading, missing))
        reg.inferred.append(
            f"第{int_to_cn(missing)}章 inferred: its heading “{heading}” was printed without 第{int_to_cn(missing)}章 "
            f"after {a.label} (the text goes on with 第{int_to_cn(after)}章); "
            f"{moved[0].label} to {moved[-1].label} belong to it"
        )
        return
    reg.inferred.append(
        f"第{int_to_cn(missing)}章 is not printed (the text goes from 第{int_to_cn(missing - 1)}章 to "
        f"第{int_to_cn(after)}章) and no unlabelled heading was found: chapters kept as printed"
    )


def _cn(s: str) -> int | None:
    try:
        return cn_to_int(re.sub(r"[ \u3000]", "", s))
    except ValueError:
        return None


def _add_line(art: Article, line: str) -> None:
    item = parse_item(line)
    last = art.paragraphs[-1]
    if item is not None and (item[1][1] != "、" or last.items or last.text.endswith(("：", ":"))):
        last.items.append(Item(item[2], orig=len(last.items) + 1, style=item[1]))
        return
    if last.items and _SUBITEM.match(line):
        last.items[-1].subitems.append(line)
        return
    art.paragraphs.append(Paragraph(line, orig=len(art.paragraphs) + 1))


def render(reg: Regulation, *, fmt: str = "text") -> str:
    """Print a regulation: title, preface, 第X章 headings, 第X条 articles, items (（一）).

    ``fmt="md"`` adds Markdown headings for the title and chapters. Numbers printed are
    the units' ``number`` (this version's numbering).
    """
    out: list[str] = []
    if reg.title:
        out.append(("# " if fmt == "md" else "") + reg.title)
    out.extend(reg.preface)
    if reg.toc and reg.chapters:
        out.append(reg.toc)
        for toc_ch in sorted(reg.chapters, key=lambda c: c.number or 0):
            out.append(f"第{int_to_cn(toc_ch.number or 0)}章　{toc_ch.heading}".rstrip())
    last_ch: int | None = None
    last_sec: tuple[int | None, int | None] | None = None
    for a in reg.articles:
        out.extend(a.headings)
        ch = reg.chapter_of(a)
        if ch is not None and ch.orig != last_ch:
            last_ch = ch.orig
            label = f"第{int_to_cn(ch.number or 0)}章　{ch.heading}".rstrip()
            out.append(("## " if fmt == "md" else "") + label)
        if ch is not None and a.section is not None and (ch.orig, a.section) != last_sec:
            last_sec = (ch.orig, a.section)
            heading = ch.sections.get(a.section, "")
            out.append(("### " if fmt == "md" else "") + f"{ch.section_label(a.section)}　{heading}".rstrip())
        lines = a.lines() or [""]
        out.append(f"{a.label}　{lines[0]}".rstrip())
        out.extend(lines[1:])
    return "\n".join(out) + "\n"
