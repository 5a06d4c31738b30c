"""Chinese numerals as printed in legal texts: 第二十八条, 第一百零五条, 二〇二四年.

``cn_to_int`` reads the positional form (十, 百, 千, 万 with 零/〇 as gap markers), the
bare digit-string form used in years (二〇二四), 两 for 二, and Arabic digits (full or
half width). ``int_to_cn`` prints the form used for article numbers (二十八, 一百零五,
十 rather than 一十 at the start).
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["CN_DIGITS", "CN_NUMERAL_CHARS", "cn_to_int", "int_to_cn", "is_cn_numeral"]

CN_DIGITS: dict[str, int] = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "Ｏ": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
_BIG: dict[str, int] = {"万": 10_000, "亿": 100_000_000}

#: Every character ``cn_to_int`` accepts (for building regexes).
CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(_UNITS) + "".join(_BIG)


def is_cn_numeral(s: str) -> bool:
    """True when ``s`` is non-empty and made only of Chinese numeral characters."""
    return bool(s) and all(c in CN_NUMERAL_CHARS for c in s)


def _small(s: str) -> int:
    """Value of a numeral below 10 000 (no 万/亿)."""
    if not s:
        return 0
    total = 0
    digit: int | None = None
    for c in s:
        if c in CN_DIGITS:
            digit = CN_DIGITS[c]
        elif c in _UNITS:
            # 十 at the start (or after 零) means 一十.
            total += (1 if digit is None else digit) * _UNITS[c]
            digit = None
        else:
            raise ValueError(f"not a Chinese numeral: {s!r}")
    return total + (digit or 0)


@lru_cache(maxsize=1 << 16)
def cn_to_int(s: str) -> int:
    """The integer value of a printed numeral.

    Takes ``"二十八"``, ``"一百零五"``, ``"十"``, ``"两千"``, ``"二〇二四"`` (digit string),
    ``"28"`` or ``"２８"``. Returns a non-negative int. Raises ``ValueError`` on anything
    else (empty string, foreign characters).
    """
    s = s.strip()
    if not s:
        raise ValueError("empty numeral")
    folded = "".join(chr(ord(c) - 0xFEE0) if "０" <= c <= "９" else c for c in s)
    if folded.isascii() and folded.isdigit():
        return int(folded)
    if not is_cn_numeral(s):
        raise ValueError(f"not a Chinese numeral: {s!r}")
    # A bare digit string such as 二〇二四 (years): positional digits, no units.
    if len(s) > 1 and all(c in CN_DIGITS for c in s):
        return int("".join(str(CN_DIGITS[c]) for c in s))
    total = 0
    rest = s
    for big in ("亿", "万"):
        if big in rest:
            head, rest = rest.split(big, 1)
            total += (_small(head) if head else 1) * _BIG[big]
    return total + _small(rest)


_DIGIT_CHARS = "零一二三四五六七八九"


def _small_to_cn(n: int) -> str:
    """Print 0 < n < 10 000 positionally, with 零 for gaps."""
    out: list[str] = []
    zero_pending = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, unit)
        if d:
            if zero_pending and out:
                out.append("零")
            zero_pending = False
            out.append(_DIGIT_CHARS[d] + name)
        elif out:
            zero_pending = True
    return "".join(out)


def int_to_cn(n: int) -> str:
    """The Chinese numeral for ``n >= 0`` as printed in article numbers.

    ``int_to_cn(28) == "二十八"``, ``int_to_cn(10) == "十"``, ``int_to_cn(15) == "十五"``,
    ``int_to_cn(105) == "一百零五"``, ``int_to_cn(110) == "一百一十"``. Round-trips with
    ``cn_to_int``. Raises ``ValueError`` for negative numbers.
    """
    if n < 0:
        raise ValueError("negative numeral")
    if n == 0:
        return "零"
    parts: list[str] = []
    yi, rest = divmod(n, 100_000_000)
    wan, low = divmod(rest, 10_000)
    if yi:
        parts.append(int_to_cn(yi) + "亿")
    if wan:
        if parts and wan < 1000:
            parts.append("零")
        parts.append(_small_to_cn(wan) + "万")
    elif parts and low:
        parts.append("零")
    if low:
        if (yi or wan) and low < 1000 and parts[-1] != "零":
            parts.append("零")
        parts.append(_small_to_cn(low))
    s = "".join(parts)
    # 一十五 -> 十五 only when the number starts with it (10..19).
    if s.startswith("一十"):
        s = s[1:]
    return s
