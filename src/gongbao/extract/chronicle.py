"""Chronicle (大事记) entries: ``1日，…`` starts an event; ``△…`` / ``同日，…`` / ``是日，…`` is
another event the same day; ``14日至16日，…`` an event over days (its last day in ``Event.end``);
``上旬，…`` an event of a part of the month (dated its first day, ``end`` its last).

The forms are declared in ``gongbao.grammar.labels`` (CHRONICLE_*), with printed examples."""

from __future__ import annotations

import calendar
import re
from datetime import date

from gongbao.grammar.labels import (
    CHRONICLE_DATE,
    CHRONICLE_MONTH_HEAD,
    CHRONICLE_MONTH_LINE,
    CHRONICLE_PERIOD,
    CHRONICLE_SAME_DAY,
)
from gongbao.model import Event, Span
from gongbao.segment.patterns import CHRONICLE_MONTH

_YEAR = re.compile(r"(?P<y>(?:19|20)\d\d)\s*年")
#: 上旬 / 中旬 / 下旬 -> the first day of the part (its last: the day before the next part's first)
_PERIOD_FIRST = {"上": 1, "中": 11, "下": 21}


def chronicle_month(title: str, issued: date | None = None, year: int | None = None) -> tuple[int, int | None] | None:
    """(year, month) a chronicle's title covers; month ``None`` for a year's chronicle.
    Read from （2024年11月） after the title, else from 2020年6月 inside it (广东省人民政府2020年6月大事记),
    else the year alone. A title that names no year (大事记 / 12月大事记) takes the issue's:
    ``year`` (the masthead's), or the year of ``issued`` (the issue's date; a month after the
    issue's is of the year before: 12月大事记 in a January issue)."""
    m = CHRONICLE_MONTH.search(title)
    if m:
        return int(m.group("y")), int(m.group("m")) if m.group("m") else None
    h = CHRONICLE_MONTH_HEAD.search(title)
    if h and h.group("y"):
        return int(h.group("y")), int(h.group("m"))
    y = _YEAR.search(title)
    if y:
        return int(y.group("y")), None
    if issued is not None:
        year = issued.year
    if not year:
        return None
    if h:
        month = int(h.group("m"))
        return (year - 1 if issued is not None and month > issued.month else year), month
    return year, None


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def extract_events(
    paragraphs: list[str], year: int, month: int | None, spans: list[Span | None] | None = None
) -> list[Event]:
    """Dated events; a paragraph that opens with no date continues the previous event.
    An entry that names its month (11月1日，) sets the month for the entries after it, and so does
    a heading line of its own (6月 / 2020年6月, which also sets the year) or a title under the
    section's name (大事记 / 广东省人民政府2020年6月大事记). A range (14日至16日，
    6月30日至7月2日，) is dated its first day, its last in ``end``; the text starts after the
    date. ``spans``: the source span of each paragraph, to give each event its span.
    Linear: each paragraph is matched once by anchored patterns; never raises on any text."""
    out: list[Event] = []
    current: date | None = None
    for k, p in enumerate(paragraphs):
        sp = spans[k] if spans and k < len(spans) else None
        t = p.strip()
        head = CHRONICLE_MONTH_LINE.fullmatch(t)
        if head:  # 6月 / 2020年6月 over the entries of that month
            year = int(head.group("y") or year)
            month = int(head.group("m"))
            continue
        if t.endswith("大事记") and len(t) <= 40:  # the chronicle's title under a section's (大事记)
            ym = chronicle_month(t, year=year)
            if ym:
                year, month = ym[0], ym[1] or month
            continue
        m = CHRONICLE_DATE.match(t)
        if m and (m.group("m") or month):
            start = _day(year, int(m.group("m") or month or 0), int(m.group("d")))
            if start is None:
                continue
            current, month = start, start.month
            end = None
            if m.group("d2"):
                m2 = int(m.group("m2")) if m.group("m2") else start.month
                y2 = year + 1 if m2 < start.month else year  # 12月30日至1月2日
                end = _day(y2, m2, int(m.group("d2")))
                if end is not None and end <= start:
                    end = None
            out.append(Event(start, t[m.end() :].lstrip(), end=end, span=sp))
            continue
        same = CHRONICLE_SAME_DAY.match(t)
        if same and current is not None:
            out.append(Event(current, t[same.end() :].lstrip(), same_day=True, span=sp))
            continue
        part = CHRONICLE_PERIOD.match(t)
        if part and month:
            first = _PERIOD_FIRST[part.group("part")]
            last = 10 if first == 1 else 20 if first == 11 else calendar.monthrange(year, month)[1]
            start, end = _day(year, month, first), _day(year, month, last)
            if start is not None:
                current = start
                out.append(Event(start, t[part.end() :].lstrip(), end=end, span=sp))
                continue
        if out:
            out[-1].text += t
            if sp and out[-1].span:
                out[-1].span = Span(min(out[-1].span.start, sp.start), max(out[-1].span.end, sp.end))
    return out
