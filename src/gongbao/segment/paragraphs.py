"""Re-join lines into paragraphs: a line that does not end its sentence continues on the next
line unless that line starts a unit of its own (第X条, 一、, （一）, 附件, a signature…)."""

from __future__ import annotations

import re
from functools import lru_cache

from gongbao.grammar.cleanup import TABLE_HEADER
from gongbao.grammar.dates import is_date_line
from gongbao.grammar.history import is_history_line
from gongbao.grammar.labels import CHRONICLE_MONTH_LINE, FIELD_LINE, FIELD_START, ROLE_WORD
from gongbao.grammar.lines import (
    is_complete,
    is_issuer_line,
    is_reference_start,
    is_title_like,
    printed_width,
    signer_line,
    starts_unit,
)
from gongbao.grammar.outline import ANNEX_HEAD
from gongbao.model import Change, Line, MappedText, join_mapped


def join_paragraphs(lines: list[Line], hard_breaks: int = 0, changes: list[Change] | None = None) -> MappedText:
    """The text of ``lines`` with one paragraph per line (``\\n`` between paragraphs).

    ``hard_breaks``: the first N lines (a header block) are paragraphs of their own.
    Guarantee: every character comes from a line (separators map to no source). Each join of
    two lines (a sentence cut by a page break or a line break) is recorded in ``changes``.
    """
    breaks: list[int | None] = []
    prev: str | None = None
    prev_end = 0
    style: tuple[bool, float | None] | None = None  # (paragraphs indented, column width), read when needed
    head: str | None = None  # the first line of the paragraph being joined
    for i, ln in enumerate(lines):
        text = ln.text
        at = None
        if prev is not None:
            if i <= hard_breaks or _breaks(prev, text):
                at = ln.start
                if i > hard_breaks and _open_at_close(prev) and not _indented(ln):
                    # in text whose paragraphs start indented, an unindented line that opens no unit
                    # continues the line above when that one ends in a closing mark (…镇（街道） /
                    # 参与的…, …（2023—2025年）》 / 已经市政府同意…) or, without any punctuation,
                    # fills the column (…中国特色社会 / 主义思想…)
                    if style is None:
                        style = _style(lines)
                    indent, column = style
                    closer = prev.rstrip()[-1:] in _CLOSERS
                    full = column is not None and _width(lines[i - 1].raw) >= column - 1.5
                    if indent and (closer or full) and not any(_opens(text)) and not is_title_like(text):
                        at = None
                if (
                    at is not None
                    and i > hard_breaks
                    and head is not None
                    and ln.no == lines[i - 1].no + 1  # no blank line between (a signature follows one)
                    and _unit_list_goes_on(head, prev, text)
                ):
                    at = None
            if at is None and i > hard_breaks and _indented(ln) and not _indented(lines[i - 1]):
                # in text whose paragraphs start indented and whose lines fill a column, an
                # indented line under a short unindented line opens a paragraph: the line above
                # is a heading or a title printed alone (北京市2016年政务公开工作要点 /
                # 　　2016年是…), no sentence is cut there
                if style is None:
                    style = _style(lines)
                indent, column = style
                if indent and column is not None and _width(lines[i - 1].raw) < column - 3:
                    at = ln.start
            if at is None and changes is not None:
                changes.append(Change("join", prev_end, ln.start, "\n", ""))
        breaks.append(at)
        if at is not None or prev is None:
            head = text
        prev = text
        prev_end = ln.end
    return join_mapped([ln.mt for ln in lines], breaks)


_ROLE_CLAUSE = re.compile(rf"\s*{ROLE_WORD}\s*[：:]")
_NAMES_ONLY = re.compile(r"[\u4e00-\u9fff（）()、，,]{1,30}")


def _unit_list_goes_on(head: str, prev: str, nxt: str) -> bool:
    """A unit list wrapped inside its name (责任单位：…街道办事处、伏羲 / 山管委会): the paragraph opens
    with a role keyword, the line above ends in no punctuation, and the next line is names only —
    an issuer-like line (…管委会) there goes on with the list, it signs nothing."""
    p = prev.rstrip()
    return (
        bool(_ROLE_CLAUSE.match(head))
        and bool(p)
        and p[-1] not in _SENTENCE_END + "，,、"
        and bool(_NAMES_ONLY.fullmatch(nxt.strip()))
        and not _ROLE_CLAUSE.match(nxt)
        and (is_issuer_line(nxt) or not starts_unit(nxt))  # 二、… / （一）… open an item
    )


_CLOSERS = "）)”’」』】》"
_SENTENCE_END = "。；！？!?;…：:"


@lru_cache(maxsize=1 << 14)
def _open_at_close(prev: str) -> bool:
    """A line that ``_breaks`` ends only for its last mark or its shape, not for a full stop:
    it ends in a closing mark (not after a sentence's end: …。”), or has no punctuation at
    all (a full line of a long clause)."""
    t = prev.strip()
    if not t or t[-1] in _SENTENCE_END:
        return False
    core = t.rstrip(_CLOSERS)
    if core and core[-1] in _SENTENCE_END:
        return False
    if t[0] in "（(" and t[-1] in "）)" and t.count("（") + t.count("(") == 1:
        return False  # a line in brackets of its own: （2024年9月13日…通过）
    return not (_ends(t) == 1 or is_title_like(t))  # a history step; a title (…工作方案)


_INDENTS = (" ", "\u3000", "\t")


def _indented(ln: Line) -> bool:
    return ln.raw[:1] in _INDENTS


def _width(raw: str) -> float:
    """The printed width of a raw line, trailing spaces aside."""
    return printed_width(raw.rstrip())


def _style(lines: list[Line]) -> tuple[bool, float | None]:
    """(the text starts its paragraphs indented, the width of a full line of its column).
    Indented: long lines (a paragraph's first line) are indented, at least three of them and
    one line in twenty, but not every line (a text that indents only its signature and date, or
    indents everything, says nothing by it); the column: most long lines share one width (text
    from a PDF or a scan), else ``None``."""
    indented = starts = 0
    for ln in lines:  # one pass: each raw line read once
        raw = ln.raw
        if raw[:1] in _INDENTS:
            indented += 1
            if _width(raw) >= 16:
                starts += 1
    if starts < 3 or starts < 0.05 * len(lines) or indented > 0.7 * len(lines):
        return False, None
    counts: dict[int, int] = {}
    long = 0
    for ln in lines:
        w = _width(ln.raw)
        if w >= 16:
            long += 1
            counts[round(w)] = counts.get(round(w), 0) + 1
    if not counts:
        return True, None
    best = max(counts, key=lambda w: counts[w] + counts.get(w - 1, 0) + counts.get(w + 1, 0))
    near = counts[best] + counts.get(best - 1, 0) + counts.get(best + 1, 0)
    return True, (float(best) if near >= 3 and near >= 0.3 * long else None)


_STEP = re.compile(r"^[（(]?(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_STEP_END = re.compile(r"(?:通过|批准|公布|发布|修正|修订|施行)$")


def _breaks(prev: str, nxt: str) -> bool:
    ends = _ends(prev)
    if ends == 2:
        return True  # a full sentence, or a table row: never continued by the next line
    if FIELD_LINE.fullmatch(prev) and FIELD_START.match(nxt):
        return True  # two fields (分管省领导：林克庆 / 部门分工：…), each a line of its own
    step, opens = _opens(nxt)
    if ends == 1 and step:
        return True  # one history step a line (1980年9月10日 …通过 / 1993年10月31日 …修正)
    return opens


@lru_cache(maxsize=1 << 16)
def _ends(prev: str) -> int:
    """2: the line ends its paragraph (a complete sentence, a table row, an annex head alone:
    附件1); 1: it is one step of a history (1980年9月10日 …通过); 0: it may go on."""
    if is_complete(prev) or "\t" in prev.strip() or ANNEX_HEAD.fullmatch(prev.strip()):
        return 2
    if prev.lstrip().startswith("序") and TABLE_HEADER.fullmatch(prev):
        return 2  # a table's header with its cells split by single spaces (序号 文件名称 文号 说明)
    if signer_line(prev) is not None:
        return 2  # a post holder's signature (商务部部长　王文涛): the next signer or the date follows
    if CHRONICLE_MONTH_LINE.fullmatch(prev.strip()):
        return 2  # a chronicle's month heading alone (4月 over 3月31日至4月1日，…): no sentence goes on
    p = prev.strip()
    return 1 if (_STEP.match(p) and _STEP_END.search(p)) or is_history_line(p) else 0


@lru_cache(maxsize=1 << 16)
def _opens(nxt: str) -> tuple[bool, bool]:
    """(the line starts a history step, the line opens a paragraph of its own)."""
    t = nxt.strip()
    step = bool(_STEP.match(t)) or is_history_line(t)  # (一九九○年九月三十日国务院批准 too)
    if is_reference_start(t):
        return step, False  # 依照本条例 / 第三十条的规定 : a wrapped cross-reference
    return step, starts_unit(t) or is_issuer_line(t) or is_date_line(t) or signer_line(t) is not None
