"""Forms of a document's term of validity, declared once (read by ``gongbao.extract.metadata``).

Data and printed examples are in ``data/validity.json``; ``tests/test_grammar_examples.py``
iterates over every example and counter-example:

- ``EFFECTIVE``: 本通知自2026年8月17日起施行 / 自印发之日起实行 (``when``: the date, or the event
  whose day it is: 印发之日 is the signing date);
- ``RELATIVE_EFFECTIVE``: 自印发之日起满30日后施行 (``base`` the event, ``n`` the days after it);
- ``EXPIRY_UNTIL``: 有效期至2030年8月15日(止) (``d``: the last day in force);
- ``VALID_YEARS``: 本办法…有效期5年 / 有效期二年, the document's own term in years (``n``); a term of
  a permit (有效期为5年，期满前6个月…) names no 本X and is not the document's;
- ``EXTENSION``: 有效期延长至2034年12月31日 — the term of the instrument named in the sentence
  extended to ``d`` (a 关于延长《X》有效期的通知);
- ``CONTINUATION``: 《X》（文号）继续适用 / 继续有效 with no date — X goes on with no known end (an
  extension's sentence with its date, …继续实施，有效期延长至…, is ``EXTENSION``).

``DAY`` is a printed date, Arabic (2023 年3月1日) or Chinese numerals (二〇二五年一月一日);
``days(n)`` reads a number of ``N`` (30, 二, 十五). Every pattern is bounded: linear in the text.
"""

from __future__ import annotations

import re
from typing import Any

from gongbao.grammar._data import load
from gongbao.grammar.numerals import cn_to_int

__all__ = [
    "CONTINUATION",
    "DAY",
    "EFFECTIVE",
    "EXPIRY_UNTIL",
    "EXTENSION",
    "RELATIVE_EFFECTIVE",
    "VALID_YEARS",
    "examples",
    "number",
]

#: a printed date: 2024年11月1日, 2023 年3月1日, 二〇二五年一月一日 (二ＯＯ五年 as OCR prints it)
DAY = (
    r"(?:(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
    r"|[一二][〇○零一二三四五六七八九0０ＯO]{3}年[十一二三四五六七八九]{1,3}月[十一二三四五六七八九]{1,3}日)"
)
_N = r"(?:\d{1,3}|[一二两三四五六七八九十]{1,3})"


def examples() -> dict[str, Any]:
    """``data/validity.json``: every form with its printed examples and counter-examples."""
    return load("validity")


def _compile(name: str) -> re.Pattern[str]:
    pattern: str = examples()["forms"][name]["pattern"]
    return re.compile(pattern.replace("{DAY}", DAY).replace("{N}", _N))


EFFECTIVE = _compile("EFFECTIVE")
RELATIVE_EFFECTIVE = _compile("RELATIVE_EFFECTIVE")
EXPIRY_UNTIL = _compile("EXPIRY_UNTIL")
VALID_YEARS = _compile("VALID_YEARS")
EXTENSION = _compile("EXTENSION")
CONTINUATION = _compile("CONTINUATION")


def number(s: str) -> int | None:
    """The number a ``{N}`` group holds (30, 二, 两, 十五); ``None`` when unreadable."""
    if s.isdigit():
        return int(s)
    try:
        return cn_to_int(s.replace("两", "二"))
    except (KeyError, ValueError):
        return None
