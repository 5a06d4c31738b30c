"""Splitting printed text at separators that stand outside brackets, declared once.

``各县（市、区）人民政府、市属开发区管委会`` is two units, not four: a 、 inside （…） is part of a
name. Which marks count as brackets depends on what is split, so the bracket sets are named
here, each with the printed text that needs it (examples in ``data/labels.json``, section
``brackets``; ``tests/test_grammar_labels.py`` iterates over them).

One pass over the text, so the cost is linear. A closing mark with nothing open is text.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: (opening marks, closing marks) of a bracket set.
Brackets = tuple[str, str]

#: Titles, quotations and every bracket: lists of issuers, recipients and appointees
#: (各县（市、区）人民政府、市属开发区管委会; 《…》 and “…” may hold a 、 of their own).
BRACKETS: Brackets = ("《（(〈“【", "》）)〉”】")
#: Quotations and parentheses: a sentence of an amended unit does not end inside the quoted
#: text it carries (将第五条中的“甲。”修改为“乙。” is one sentence).
QUOTES_AND_PARENS: Brackets = ("“‘（(", "”’）)")
#: Every bracket, no quotation: a responsibility clause's unit list (各县（市、区）人民政府，
#: 聊城高新区管委会【…】), where a quotation mark is too rare to be trusted and a stray one would
#: join every unit after it.
UNIT_BRACKETS: Brackets = ("（(〔【［[", "）)〕】］]")
#: Parentheses only: the segments of a verb clause (市商务局牵头，市财政局（国资委）配合).
PARENS: Brackets = ("（(", "）)")


def split_outside(s: str, separators: str, *, brackets: Brackets = BRACKETS, keep: bool = False) -> list[str]:
    """``s`` cut at every character of ``separators`` that stands outside ``brackets``.

    ``keep`` leaves each separator at the end of its piece. Every piece is returned, empty ones
    included (``"甲、、乙"`` -> ``["甲", "", "乙"]``; with ``keep`` the last piece is ``""`` when
    ``s`` ends with a separator): callers decide what an empty piece means.
    """
    opens, closes = brackets
    marks = _marks(opens, closes, separators)
    if marks is None:
        return [s]
    out: list[str] = []
    depth = 0
    last = 0
    # only the marks matter: visit them (a regex scan), not every character
    for m in marks.finditer(s):
        ch = m.group()
        if ch in opens:
            depth += 1
        elif ch in closes and depth > 0:
            depth -= 1
        if depth == 0 and ch in separators:
            i = m.start()
            out.append(s[last : i + 1] if keep else s[last:i])
            last = i + 1
    out.append(s[last:])
    return out


@lru_cache(maxsize=64)
def _marks(opens: str, closes: str, separators: str) -> re.Pattern[str] | None:
    """A pattern matching any one bracket or separator character (``None``: there are none)."""
    chars = sorted(set(opens + closes + separators))
    if not chars:
        return None
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]")
