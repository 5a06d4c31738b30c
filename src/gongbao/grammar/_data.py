"""The grammar's data files (``data/<name>.json``), each read once, and how a word list of them
becomes a pattern: the one loader of ``forms``, ``labels``, ``levels`` and ``limits``."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["alternation", "load"]


@cache
def load(name: str) -> dict[str, Any]:
    """``data/<name>.json``, parsed (cached: callers share it and do not change it)."""
    text = resources.files("gongbao.grammar").joinpath(f"data/{name}.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def alternation(words: Iterable[str]) -> str:
    """The words as one regex alternation, each once, longest first (so 牵头责任单位 wins over 牵头单位)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
