"""Line patterns of Chinese official documents: unit labels, dates, signatures, headers.

Every pattern here is anchored at the start of a paragraph and linear (no nested
quantifiers), so classifying a line costs O(len(line)).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from gongbao.grammar.history import is_history_line
from gongbao.grammar.labels import ANNEX_HEAD as ANNEX_HEAD
from gongbao.grammar.labels import CHRONICLE_ENTRY_LINE, CHRONICLE_SAME_DAY
from gongbao.grammar.labels import FINAL_PROVISIONS_LINE as FINAL_PROVISIONS_LINE
from gongbao.grammar.labels import NOTE_START as NOTE_START
from gongbao.grammar.labels import SUBPART_LINE as SUBPART_LINE
from gongbao.grammar.labels import TABLE_TITLE as TABLE_TITLE
from gongbao.grammar.numerals import cn_to_int

_CN = "〇零一二三四五六七八九十百千两"
_NUM = rf"(?:[{_CN}]+|\d+)"

#: "- " printed before a list item by the PDF extractor (layout, not text).
DASH_PREFIX = re.compile(r"[-－]\s+(?=\S)")

PART = re.compile(rf"第({_NUM})编(?:[\s　]+(.*))?$")
CHAPTER = re.compile(rf"第({_NUM})章(?:[\s　]*(.*))?$")
SECTION = re.compile(rf"第({_NUM})节(?:[\s　]*(.*))?$")
# 第十五条 followed by a space, or by text that is not a cross-reference (第十五条规定…).
# 第十五条之一: an article inserted after 第十五条 by an amendment.
# 第七条（一）…: an article whose first paragraph opens with an item label (the 1954 Sino-Indian trade
# agreement); 第七条（…）规定 and other brackets after 第X条 stay references
ARTICLE = re.compile(
    rf"第({_NUM})条(?:之({_NUM}))?(?:[\s　]+|$|(?![的、，,中之至和或及规第所“》]|[（(](?![一二三四五六七八九十]{{1,3}}[）)])))"
)

H1 = re.compile(rf"([{_CN}]+)、")
H2 = re.compile(rf"[（(]\s*([{_CN}]+)\s*[）)]")
H3 = re.compile(r"(\d{1,3})\s*[.．、](?![\d.．])")
# 11.121人才梯队项目: item 11 whose name starts with digits. Read only where the outline's
# 1. 2. 3. items run on to this number (``item_label_before_digits``); a decimal (1.5万元, 2.3%,
# 1.1.2) never: no unit, per cent or further decimal part after the digits.
H3_BEFORE_DIGITS = re.compile(r"(\d{1,3})\s*[.．、]\s*(?=\d{1,6}(?![\d.．%％‰万亿倍元米吨个])[\u4e00-\u9fff“”\"])")
H4 = re.compile(r"[（(]\s*(\d{1,3})\s*[）)]")
H5 = re.compile(r"([①-⑳])")

DATE_LINE = re.compile(
    r"(\d{4}|[〇零○一二三四五六七八九]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
    r"\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日$"
)
HISTORY = re.compile(r"[（(].*(?:公布|修正|修订|通过|施行|发布).*[）)]$")
UNIT_CLAUSE = re.compile(r"[（(]\s*(?:牵头单位|责任单位|配合单位|主责单位|参与单位|牵头部门|责任部门|配合部门)")
UNIT_CLAUSE_REST = re.compile(r"(?:牵头单位|责任单位|配合单位|主责单位|参与单位|牵头部门|责任部门|配合部门)\s*[:：]")
ATTACHMENTS = re.compile(r"附\s*件\s*[:：]")
ATTACHMENT_ITEM = re.compile(r"(\d{1,2})\s*[.．、]")
ENTRY = CHRONICLE_ENTRY_LINE
SAME_DAY = CHRONICLE_SAME_DAY
APPOINT_INTRO = re.compile(r"(?:任命|免去|免职|聘任|聘用|解聘|任免)\s*[:：]$")
# 抄送：… and the printing line (…办公室 2024年12月31日印发) that close an official document.
DISTRIBUTION = re.compile(r"(?:抄\s*送\s*[:：]|.{0,40}\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印发$)")
# publication notes under a document's date: （此件公开发布）, （此件有删减）, （本文有删减）, （有删节）
PUBLISHED_NOTE = re.compile(r"[（(](?:此件|本文|此文)[^）)]{0,12}[）)]$|[（(]有删[减节][）)]$")
INSTRUCTION_START = re.compile(r"(?:将|删去|删除|增加|在|把|对第)")
INSTRUCTION_TARGET = re.compile(rf"第{_NUM}[编章节条款项目]")
INSTRUCTION_VERB = re.compile(r"修改为|改为|删去|删除|增加|修订为|调整为|替换为|废止")
TERMINAL = set("。；;！？!?")
#: Characters a complete paragraph ends with (after a page break, anything else continues).
CLOSERS = set("。；;：:！？!?”’」』）)】…")
SENTENCE_PUNCT = set("。，,；;！？!?")
_SENTENCE_PUNCT_RX = re.compile("[" + re.escape("".join(sorted(SENTENCE_PUNCT))) + "]")
_HAN = re.compile("[\u4e00-\u9fff]")
_HEADER_PUNCT = re.compile("[。；;！？!?]")

CIRCLED = {chr(0x2460 + i): i + 1 for i in range(20)}


@dataclass(frozen=True, slots=True)
class Label:
    """A unit label found at the start of a line.

    ``level``: part, chapter, section, article, h1..h5. ``start``/``end`` are offsets
    of the label within the stripped line; ``rest`` is the text after the label.
    """

    level: str
    number: int
    label: str
    start: int
    end: int
    rest: str
    sub: int | None = None  # 之一 of 第十五条之一


def _num(s: str) -> int:
    try:
        return cn_to_int(s)
    except ValueError:
        return 0


def annex_number(m: re.Match[str]) -> int | None:
    """The number of an ``ANNEX_HEAD`` match (附件2 -> 2, 附表二 -> 2), ``None`` when unnumbered."""
    n = m.group("n") or m.group("tn")
    return (_num(n) or None) if n else None


def strip_layout(line: str) -> int:
    """Length of leading layout in ``line``: whitespace and a "- " list prefix."""
    i = len(line) - len(line.lstrip())
    m = DASH_PREFIX.match(line, i)
    if m:
        i = m.end()
    return i


@lru_cache(maxsize=1 << 16)
def regulation_label(s: str) -> Label | None:
    """A 编/分编/章/节/条 label at the start of ``s`` (already stripped of layout)."""
    if not s.startswith("第"):
        return None  # every such label starts with 第: no pattern to try
    for level, rx in (("part", PART), ("subpart", SUBPART_LINE), ("chapter", CHAPTER), ("section", SECTION)):
        m = rx.match(s)
        if m:
            heading = (m.group(2) or "").strip()
            # A heading is short and is not a sentence (第三章规定的… is a reference).
            if len(heading) > 40 or any(c in SENTENCE_PUNCT for c in heading):
                return None
            label = s[: m.end(1) + (2 if level == "subpart" else 1)]  # 第一章 / 第一分编
            return Label(level, _num(m.group(1)), label, 0, len(label), heading)
    m = ARTICLE.match(s)
    if m:
        if m.group(2):
            label = s[: m.end(2)]
            sub = _num(m.group(2))
        else:
            label = s[: m.end(1) + 1]
            sub = None
        return Label("article", _num(m.group(1)), label, 0, len(label), s[m.end() :], sub)
    return None


# the characters an outline label can start with (H1, H2/H4, H5; H3's digits are tested apart)
_OUTLINE_FIRST = frozenset(_CN + "（(" + "".join(CIRCLED))


@lru_cache(maxsize=1 << 16)
def outline_label(s: str) -> Label | None:
    """An outline label (一、 （一） 1. （1） ①) at the start of ``s``."""
    first = s[:1]
    if first not in _OUTLINE_FIRST and not first.isdecimal():  # \d is any Unicode decimal digit
        return None  # no label starts so: no pattern to try
    for level, rx in (("h1", H1), ("h2", H2), ("h3", H3), ("h4", H4)):
        m = rx.match(s)
        if m:
            n = _num(m.group(1))
            if n <= 0:
                return None
            return Label(level, n, s[: m.end()], 0, m.end(), s[m.end() :])
    m = H5.match(s)
    if m:
        return Label("h5", CIRCLED[m.group(1)], m.group(1), 0, 1, s[1:])
    return None


def item_label_before_digits(s: str, prev: int | None) -> Label | None:
    """An item label 11. whose text starts with digits (11.121人才梯队项目), accepted only
    when it continues the outline's 1. 2. 3. items (``prev`` is the last item number, so
    the label must be ``prev + 1``); None otherwise (a decimal number or heading)."""
    if not prev:
        return None
    m = H3_BEFORE_DIGITS.match(s)
    if not m or int(m.group(1)) != prev + 1:
        return None
    return Label("h3", prev + 1, s[: m.end()], 0, m.end(), s[m.end() :])


@lru_cache(maxsize=1 << 16)
def is_date_line(s: str) -> bool:
    """True for a line that is only a date: 2024年11月11日 / 二〇二四年十一月十一日."""
    return bool(DATE_LINE.match(s.strip()))


@lru_cache(maxsize=1 << 16)
def is_issuer_line(s: str) -> bool:
    """A short line with no sentence punctuation: an issuer, or 市长：张三."""
    s = s.strip()
    if not 2 <= len(s) <= 40 or s[0] in '《“"（(':
        return False
    if _SENTENCE_PUNCT_RX.search(s) or is_date_line(s):
        return False
    if regulation_label(s) or outline_label(s):
        return False
    return _HAN.search(s) is not None


@lru_cache(maxsize=1 << 16)
def is_header_line(s: str) -> bool:
    """A letterhead line: issuer, 文号, title, date-range line (no sentence punctuation)."""
    s = s.strip()
    if not s or len(s) > 80 or is_date_line(s):
        return False
    if _HEADER_PUNCT.search(s) or s.endswith(("：", ":")):
        return False
    if (HISTORY.match(s) and len(s) > 12) or is_history_line(s):
        return False  # a history, bracketed or not, is never part of a title
    if regulation_label(s) or outline_label(s) or ATTACHMENTS.match(s):
        return False
    return not s.startswith(("“", "《"))


def heading_of(rest: str) -> str | None:
    """The heading of an outline unit: its first sentence without the full stop."""
    s = rest.strip()
    if not s:
        return None
    m = _SENTENCE_END.search(s)  # the first 。；; (a scan in C, not a loop over the characters)
    if m is not None:
        s = s[: m.start()]
    s = s.strip()
    return s or None


_SENTENCE_END = re.compile("[。；;]")


@lru_cache(maxsize=1 << 16)
def squeeze(s: str) -> str:
    """Remove spaces inside a heading (总 则 -> 总则)."""
    return "".join(s.split())


def quote_open(s: str, before: bool = False) -> bool:
    """Is a “…” quotation still open at the end of ``s``?

    Chinese text nests with ‘’ inside “”, so a “ met inside an open quotation is not a
    nested one: it is the opener that each paragraph of a multi-paragraph quotation
    carries (“甲…\n“乙…。”), even when a line join put it mid-line. So the state is
    simply whether the last double quote seen is an opening one; ``before`` is the state
    before ``s`` (kept when ``s`` has no double quote).
    """
    i = max(s.rfind("“"), s.rfind("”"))
    return before if i < 0 else s[i] == "“"


def open_parens(s: str) -> int:
    """Brackets （ ( still open at the end of ``s``."""
    return s.count("（") + s.count("(") - s.count("）") - s.count(")")
