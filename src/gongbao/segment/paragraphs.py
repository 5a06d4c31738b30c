"""Re-join lines into paragraphs: a line that does not end its sentence continues on the next
line unless that line starts a unit of its own (第X条, 一、, （一）, 附件, a signature…)."""

from __future__ import annotations

import re
from functools import lru_cache

from gongbao.grammar.dates import is_date_line
from gongbao.grammar.lines import is_complete, is_issuer_line, is_reference_start, starts_unit
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
    for i, ln in enumerate(lines):
        text = ln.text
        at = None
        if prev is not None:
            if i <= hard_breaks or _breaks(prev, text):
                at = ln.start
            elif changes is not None:
                changes.append(Change("join", prev_end, ln.start, "\n", ""))
        breaks.append(at)
        prev = text
        prev_end = ln.end
    return join_mapped([ln.mt for ln in lines], breaks)


_STEP = re.compile(r"^[（(]?(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_STEP_END = re.compile(r"(?:通过|批准|公布|发布|修正|修订|施行)$")


def _breaks(prev: str, nxt: str) -> bool:
    ends = _ends(prev)
    if ends == 2:
        return True  # a full sentence, or a table row: never continued by the next line
    step, opens = _opens(nxt)
    if ends == 1 and step:
        return True  # one history step a line (1980年9月10日 …通过 / 1993年10月31日 …修正)
    return opens


@lru_cache(maxsize=1 << 16)
def _ends(prev: str) -> int:
    """2: the line ends its paragraph (a complete sentence, a table row); 1: it is one step of
    a history (1980年9月10日 …通过); 0: it may go on."""
    if is_complete(prev) or "\t" in prev.strip():
        return 2
    p = prev.strip()
    return 1 if _STEP.match(p) and _STEP_END.search(p) else 0


@lru_cache(maxsize=1 << 16)
def _opens(nxt: str) -> tuple[bool, bool]:
    """(the line starts a history step, the line opens a paragraph of its own)."""
    t = nxt.strip()
    step = bool(_STEP.match(t))
    if is_reference_start(t):
        return step, False  # 依照本条例 / 第三十条的规定 : a wrapped cross-reference
    return step, starts_unit(t) or is_issuer_line(t) or is_date_line(t)
