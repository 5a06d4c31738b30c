"""Forms of time-limit provisions, declared once (read by ``gongbao.rules.obligations``).

Data and printed examples are in ``data/limits.json``; ``tests/test_grammar_limits.py`` iterates
over every example and counter-example:

- ``UNIT_DEFINITION_SCOPE``: a definition article making a kind of limit working days
  (本法规定的行政机关实施行政许可的期限以工作日计算; ``scope`` names the kind);
- ``UNIT_DEFINITION_NUMBERS``: one making only the numbers it quotes working days
  (本法关于行政复议期间有关“五日”、“七日”的规定是指工作日; ``nums`` holds the quotes);
- ``CAP``: the words before a duration that cap a period (不得超过, 最多不超过), and
  ``CAP_EXTENSION``: the word that makes the capped period an extension (延长);
- ``EXCEPTION_CLAUSE``: what follows a duration in an exception (…超过六十日的除外);
- ``ANNUAL_DATE``: a fixed date every year (每年1月31日前, 每年一月三十一日前);
- ``ACTOR_SUFFIX`` (the words that end an actor) and ``ACTOR_STOP`` (where a clause's subject ends).

Every pattern is bounded (no nested quantifiers over the same characters): linear in the text.
"""

from __future__ import annotations

import re
from typing import Any

from gongbao.grammar._data import alternation, load
from gongbao.grammar.numerals import cn_to_int

__all__ = [
    "ACTOR_STOP",
    "ACTOR_SUFFIX",
    "ACTOR_WORDS",
    "ANNUAL_DATE",
    "CAP",
    "CAP_EXTENSION",
    "EXCEPTION_CLAUSE",
    "UNIT_DEFINITION_NUMBERS",
    "UNIT_DEFINITION_SCOPE",
    "examples",
    "quoted_day_numbers",
]


def examples() -> dict[str, Any]:
    """``data/limits.json``: every form with its printed examples and counter-examples."""
    return load("limits")


_F = examples()["forms"]
UNIT_DEFINITION_SCOPE = re.compile(_F["UNIT_DEFINITION_SCOPE"]["pattern"])
UNIT_DEFINITION_NUMBERS = re.compile(_F["UNIT_DEFINITION_NUMBERS"]["pattern"])
CAP = re.compile(_F["CAP"]["pattern"])
CAP_EXTENSION = re.compile(_F["CAP_EXTENSION"]["pattern"])
EXCEPTION_CLAUSE = re.compile(_F["EXCEPTION_CLAUSE"]["pattern"])
ANNUAL_DATE = re.compile(_F["ANNUAL_DATE"]["pattern"])
#: the alternation of the words that end an actor (部门, 机关, 第三方 …), for use inside a pattern
ACTOR_SUFFIX = rf"(?:{alternation(_F['ACTOR_WORDS']['words'])})"
#: an actor word at the end of a phrase
ACTOR_WORDS = re.compile(rf"{ACTOR_SUFFIX}$")
#: the first preposition or modal of a clause: its subject ends there
ACTOR_STOP = re.compile(alternation(_F["ACTOR_STOP"]["words"]))


def quoted_day_numbers(nums: str) -> frozenset[int]:
    """The numbers of the quoted day counts in ``nums`` (“五日”、“七日” -> {5, 7}); others ignored."""
    out: set[int] = set()
    for q in re.findall(r"“([^”]{1,8})”", nums):
        m = re.fullmatch(r"([0-9０-９]+|[零〇一二两三四五六七八九十百]+)(?:个)?(?:日|天|工作日)", q)
        if m:
            try:
                out.add(cn_to_int(m.group(1)))
            except ValueError:
                continue
    return frozenset(out)
