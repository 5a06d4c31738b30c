"""The history line a law or regulation prints under its title, read from ``data/forms.json``
(``history_line``).

A history line is made of dated clauses only: a date (2001年7月22日 or 一九九○年九月三十日; the
dates of one step joined by 、: 1986年1月15日、1987年12月21日国务院修订), then the body, meeting
or instrument that acted and a verb (批准, 发布, 公布, 通过, 修订…); a clause may open with
根据 (根据2011年1月8日《…决定》修订) or 自 (自2001年1月1日起施行). It is printed in brackets or
without them, its clauses separated by spaces or 、. ``is_history_line`` tells such a line whatever
its brackets; ``clause_dates`` cuts it at its dates. Both are linear in the line's length.
"""

from __future__ import annotations

import re
from functools import lru_cache

from gongbao.grammar.forms import forms

_F = forms()["history_line"]
VERBS: tuple[str, ...] = tuple(sorted(_F["verbs"], key=len, reverse=True))
DATE_JOINERS: frozenset[str] = frozenset(_F["date_joiners"])
CLAUSE_SEPARATORS: tuple[str, ...] = tuple(_F["clause_separators"])
CLAUSE_OPENERS: tuple[str, ...] = tuple(sorted(_F["clause_openers"], key=len, reverse=True))

#: a date as a history line prints it: Arabic or Chinese numerals (○/〇/零, and Latin zeros as typed)
HISTORY_DATE = re.compile(
    r"(?:19|20)\d\d年\d{1,2}月\d{1,2}日"
    r"|[一二][〇○零一二三四五六七八九0０ＯO]{3}年[十一二三四五六七八九]{1,3}月[十一二三四五六七八九]{1,3}日"
)
_TITLED = re.compile(r"《[^《》]{0,200}》")
# what stands between a date and its verb: a body, a meeting, an order number, a 《title》
# (masked) — no sentence punctuation and no quotation
_ACTOR = re.compile(r"[^，,。；;：:！!？?“”\"‘’]{0,160}")
_LEADS = "(（12一二"


def _squeeze(s: str) -> str:
    return "".join(s.split())


def _unbracket(t: str) -> str | None:
    """``t`` without one pair of outer brackets; ``None`` when only one of them is printed."""
    opened, closed = t[:1] in ("（", "("), t[-1:] in ("）", ")")
    if opened != closed:
        return None
    return t[1:-1] if opened else t


def clause_dates(s: str) -> list[tuple[int, int, str]] | None:
    """The dates of a history line, each with the text of its clause after it, on the squeezed
    line with its outer brackets and 《titles》 kept: (start, end, text up to the next date); or
    ``None`` when the line is not a history line (see module docstring)."""
    t = _squeeze(s)
    if not t or t[0] not in _LEADS or len(t) > 800:
        return None
    inner = _unbracket(t)
    if not inner:
        return None
    masked = _TITLED.sub(lambda m: "《" + "＿" * (len(m.group(0)) - 2) + "》", inner)  # same length
    dates = list(HISTORY_DATE.finditer(masked))
    if not dates or dates[0].start() != 0:
        return None
    out: list[tuple[int, int, str]] = []
    off = 1 if len(inner) < len(t) else 0  # the opening bracket
    for k, m in enumerate(dates):
        last = k + 1 == len(dates)
        end = len(masked) if last else dates[k + 1].start()
        seg = masked[m.end() : end]
        out.append((off + m.start(), off + m.end(), inner[m.end() : end]))
        if not last and seg in DATE_JOINERS:
            continue  # 1986年1月15日、1987年12月21日国务院修订: one step, two dates
        if not last:
            seg = next((seg[: -len(w)] for w in CLAUSE_OPENERS if seg.endswith(w)), seg)
            seg = seg[:-1] if seg.endswith(CLAUSE_SEPARATORS) else seg  # …国务院批准、1990年…
        if not seg.endswith(VERBS) or not _ACTOR.fullmatch(seg):
            return None
    return out


@lru_cache(maxsize=1 << 16)
def is_history_line(s: str) -> bool:
    """The whole line is a history: dated clauses only, in brackets or not (see module docstring).
    Never a title, a signature date (no verb) or a sentence (no 。，；)."""
    t = s.lstrip()
    if not t or t[0] not in _LEADS:
        return False  # (most lines: one test)
    return clause_dates(s) is not None


# 中华人民共和国刑法修正案（十一） · 中华人民共和国刑法修正案: an amendment (修正案) names the work it
# amends in its title (its instructions then name the work by its short name: 将刑法第十七条修改为).
_AMENDMENT_TITLE = re.compile(r"^(?P<work>[^\s《》]{2,60}?)修正案(?:[（(][一二三四五六七八九十百零]{1,4}[)）])?$")


def amended_work(title: str | None) -> str | None:
    """The work a 修正案 amends, from its title (中华人民共和国刑法修正案（十一） -> 中华人民共和国刑法);
    None for any other title. Spaces and 《》 around the title are ignored."""
    if not title:
        return None
    m = _AMENDMENT_TITLE.match(re.sub(r"[\s《》]", "", title))
    return m.group("work") if m else None


__all__ = [
    "CLAUSE_OPENERS",
    "CLAUSE_SEPARATORS",
    "DATE_JOINERS",
    "HISTORY_DATE",
    "VERBS",
    "amended_work",
    "clause_dates",
    "is_history_line",
]
