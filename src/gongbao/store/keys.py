"""Lookup keys: how a 文号 or a title typed by a user meets the one stored or printed.

``ref_key`` folds width (NFKC), drops whitespace and book-title marks, and writes the year
bracket of a 文号 as 〔〕 whatever was printed ([2024], （2024）, 【2024】, ［2024］). It is applied
to both sides of every comparison, so it only has to be consistent, not pretty.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["ref_key"]

_YEAR_BRACKET = re.compile(r"[\[\(【〔〖［（]\s*(\d{4})\s*[\]\)】〕〗］）]")
_DROP = re.compile(r"[\s《》〈〉<>\u3000]+")


def ref_key(ref: str | None) -> str:
    """A comparison key for a 文号 or title; ``""`` for ``None`` or blank.

    Guarantees: idempotent (``ref_key(ref_key(x)) == ref_key(x)``); 聊政字〔2024〕15号,
    聊政字[2024]15号 and 聊政字（2024）15 号 share one key.
    """
    if not ref:
        return ""
    s = unicodedata.normalize("NFKC", ref)
    s = _DROP.sub("", s)
    return _YEAR_BRACKET.sub(lambda m: f"〔{m.group(1)}〕", s)
