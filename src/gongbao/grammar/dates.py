"""Dates as printed in Chinese official documents."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

DATE = re.compile(r"(?P<y>(?:19|20)\d\d)\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_CN_DIGITS = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "0": 0,
    "０": 0,
    "Ｏ": 0,
    "O": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def parse_date(s: str) -> date | None:
    """The first Arabic-numeral date in ``s`` (2024年11月11日), or a Chinese-numeral one
    (二〇二四年十一月十一日); ``None`` when there is none or it is not a real date."""
    m = DATE.search(s)
    if m:
        try:
            return date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            return None
    m = _CN_DATE.search(s) or _CN_DATE.search("".join(s.split()))  # OCR spaces: 一九八七年四 月二日
    if m:
        y = int("".join(str(_CN_DIGITS[c]) for c in m.group(1)))
        try:
            return date(y, _small_cn(m.group(2)), _small_cn(m.group(3)))
        except ValueError:
            return None
    return None


_CN_DATE = re.compile(
    r"([一二][〇○零一二三四五六七八九0０ＯO]{3})年([十一二三四五六七八九]{1,3})月([十一二三四五六七八九]{1,3})日"
)


def arabic_dates(s: str) -> str:
    """``s`` with each Chinese-numeral date written in Arabic numerals (一九八七年九月十日 ->
    1987年9月10日), for reading a history line printed the 1980s way; not for display."""

    def one(m: re.Match[str]) -> str:
        d = parse_date(m.group(0))
        return f"{d.year}年{d.month}月{d.day}日" if d else m.group(0)

    return _CN_DATE.sub(one, s) if "年" in s else s


def _small_cn(s: str) -> int:
    if s.startswith("十"):
        return 10 + (_CN_DIGITS[s[1]] if len(s) > 1 else 0)
    if len(s) == 3:
        return _CN_DIGITS[s[0]] * 10 + _CN_DIGITS[s[2]]
    if len(s) == 2 and s[1] == "十":
        return _CN_DIGITS[s[0]] * 10
    return _CN_DIGITS[s[0]]


# 二〇二四年, and 二000年 / 二ＯＯ四年 as typed or OCR'd with Latin zeros
_CN_DATE_LINE = re.compile(
    r"[一二][〇○零一二三四五六七八九0０ＯO]{3}年[十一二三四五六七八九]{1,3}月[十一二三四五六七八九]{1,3}日"
)


@lru_cache(maxsize=1 << 16)
def is_date_line(s: str) -> bool:
    """True when the whole line is one date (a signature date)."""
    if len(s) > 40 or not s.rstrip().endswith("日"):
        return False
    t = "".join(s.split())
    m = DATE.fullmatch(t) or _CN_DATE_LINE.fullmatch(t)
    return bool(m) and parse_date(t) is not None
