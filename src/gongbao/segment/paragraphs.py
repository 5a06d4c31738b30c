"""Re-join lines into paragraphs: a line that does not end its sentence continues on the next
line unless that line starts a unit of its own (第X条, 一、, （一）, 附件, a signature…)."""

from __future__ import annotations

import re

from gongbao.grammar.dates import is_date_line
from gongbao.grammar.lines import is_complete, is_issuer_line, is_reference_start, starts_unit
from gongbao.model import Change, Line, MappedText, TextBuilder


def join_paragraphs(lines: list[Line], hard_breaks: int = 0, changes: list[Change] | None = None) -> MappedText:
    """The text of ``lines`` with one paragraph per line (``\\n`` between paragraphs).

    ``hard_breaks``: the first N lines (a header block) are paragraphs of their own.
    Guarantee: every character comes from a line (separators map to no source). Each join of
    two lines (a sentence cut by a page break or a line break) is recorded in ``changes``.
    """
    tb = TextBuilder()
    prev: str | None = None
    prev_end = 0
    for i, ln in enumerate(lines):
        text = ln.text
        if prev is not None:
            if i <= hard_breaks or _breaks(prev, text):
                tb.add_synthetic("\n", ln.start)
            elif changes is not None:
                changes.append(Change("join", prev_end, ln.start, "\n", ""))
        tb.add_mapped(ln.mt)
        prev = text
        prev_end = ln.end
    return tb.build()


_STEP = re.compile(r"^[（(]?(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_STEP_END = re.compile(r"(?:通过|批准|公布|发布|修正|修订|施行)$")


def _breaks(prev: str, nxt: str) -> bool:
    if is_complete(prev) or "\t" in prev.strip():
        return True  # a table row is never continued by the next line
    p, t = prev.strip(), nxt.strip()
    if _STEP.match(p) and _STEP_END.search(p) and _STEP.match(t):
        return True  # one history step a line (1980年9月10日 …通过 / 1993年10月31日 …修正)
    t = nxt.strip()
    if is_reference_start(t):
        return False  # 依照本条例 / 第三十条的规定 : a wrapped cross-reference
    return starts_unit(t) or is_issuer_line(t) or is_date_line(t)
