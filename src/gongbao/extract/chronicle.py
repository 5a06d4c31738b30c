"""Chronicle (大事记) entries: ``1日，…`` starts an event; ``△…`` / ``同日，…`` / ``是日，…`` is
another event the same day; ``14日至16日，…`` an event over days (its last day in ``Event.end``);
``上旬，…`` / ``6月上旬，…`` an event of a part of the month and ``本月，…`` one of the whole month
(dated its first day, ``end`` its last); ``（6月1日）…`` a date in brackets opening the entry.

The forms are declared in ``gongbao.grammar.labels`` (CHRONICLE_*), with printed examples."""

from __future__ import annotations

import calendar
import re
from datetime import date

from gongbao.grammar.labels import (
    CHRONICLE_BULLET,
    CHRONICLE_BYLINE,
    CHRONICLE_DATE,
    CHRONICLE_DATE_WITHIN,
    CHRONICLE_MONTH_HEAD,
    CHRONICLE_MONTH_LINE,
    CHRONICLE_PERIOD,
    CHRONICLE_SAME_DAY,
    CHRONICLE_WHOLE_MONTH,
)
from gongbao.grammar.numerals import cn_to_int
from gongbao.model import Event, Span
from gongbao.segment.patterns import CHRONICLE_MONTH

#: what may follow a date in Chinese numerals (一日 省委书记…): a space or a comma, never a word
#: (一日三餐 is no date)
_CN_DATE_END = re.compile(r"[\s，,、]")
#: the bracket closing a date that opens an entry (（6月1日）…)
_BRACKET_CLOSE = re.compile(r"\s*[）)]\s*[，,、]?")
#: a short heading over entries (专业会议 / 常务会议): no sentence punctuation
_SUBHEAD = re.compile(r"[^，。；：,;:]{1,15}")
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


def _num(s: str | None) -> int:
    """A day or a month in figures or Chinese numerals (14 / 十四)."""
    if not s:
        return 0
    return int(s) if s.isdigit() else cn_to_int(s)


def _dated(t: str, year: int, month: int | None) -> tuple[date, date | None, int] | None:
    """The date an entry's text opens with (start, end of a range, where its text starts), or
    ``None``: no date, a day with no month known, a day that is no day of the month, or a date in
    Chinese numerals followed by a word (一日三餐)."""
    bracket = t[:1] in "（("  # （6月1日）某会议召开
    m = CHRONICLE_DATE.match(t, 1 if bracket else 0)
    if not m or not (m.group("m") or month):
        return None
    at = m.end()
    if bracket:
        close = _BRACKET_CLOSE.match(t, at)
        if close is None:
            return None
        at = close.end()
    elif not m.group("d").isdigit() and not (at == len(t) or _CN_DATE_END.match(t, at - 1)):
        return None
    start = _day(year, _num(m.group("m")) or month or 0, _num(m.group("d")))
    if start is None:
        return None
    end = None
    if m.group("d2"):
        m2 = _num(m.group("m2")) or start.month
        y2 = year + 1 if m2 < start.month else year  # 12月30日至1月2日
        end = _day(y2, m2, _num(m.group("d2")))
        if end is not None and end <= start:
            end = None
    return start, end, at


def extract_events(
    paragraphs: list[str],
    year: int,
    month: int | None,
    spans: list[Span | None] | None = None,
    unread: list[int] | None = None,
) -> list[Event]:
    """Dated events; a paragraph that opens with no date continues the previous event.
    An entry that names its month (11月1日，) sets the month for the entries after it (a range the
    chronicle's month when it is one of its two: 3月31日至4月1日， under 4月 leaves 1日 in April), and so does
    a heading line of its own (6月 / 2020年6月, which also sets the year) or a title under the
    section's name (大事记 / 广东省人民政府2020年6月大事记). A range (14日至16日，
    6月30日至7月2日，) is dated its first day, its last in ``end``; the text starts after the
    date (and its time of day: 2日下午，). Days may be printed in Chinese numerals (一日 …). A
    bulleted entry (△ / ● / ◆) is another event of the day before, unless a date follows its bullet
    (△5月20日至21日，) or its first words (△省府于5月5日下午召开…, the text kept whole).
    ``spans``: the source span of each paragraph, to give each event its span. ``unread``: filled
    with the index of each paragraph that could not be dated (an entry before any date, a day
    when no month is known): never glued to the event before. A byline (（文秀）) is no text.
    Linear: each paragraph is matched once by anchored patterns; never raises on any text."""
    out: list[Event] = []
    current: date | None = None
    declared = month  # the month the title or the last heading line gives
    for k, p in enumerate(paragraphs):
        sp = spans[k] if spans and k < len(spans) else None
        t = p.strip()
        if not t or CHRONICLE_BYLINE.fullmatch(t):
            continue
        head = CHRONICLE_MONTH_LINE.fullmatch(t)
        if head:  # 6月 / 2020年6月 over the entries of that month
            year = int(head.group("y") or year)
            month = declared = int(head.group("m"))
            continue
        if t.endswith("大事记") and len(t) <= 40:  # the chronicle's title under a section's (大事记)
            ym = chronicle_month(t, year=year)
            if ym:
                year, month = ym[0], ym[1] or month
                declared = month
            continue
        bullet = CHRONICLE_BULLET.match(t)
        body = t[bullet.end() :] if bullet else t
        d = _dated(body, year, month)
        keep_whole = False
        if d is None and bullet:
            within = CHRONICLE_DATE_WITHIN.match(body)
            if within:
                d = _dated(body[within.end() :].lstrip(), year, month)
                keep_whole = d is not None
        if d is not None:
            start, end, at = d
            current = start
            # a range over two months keeps the chronicle's month when it is one of them (3月31日至
            # 4月1日， under 4月: the 1日 after it is of April; 6月30日至7月2日， in June's)
            month = declared if end is not None and declared in (start.month, end.month) else start.month
            text = body if keep_whole else body[at:].lstrip()
            out.append(Event(start, text, end=end, span=sp))
            continue
        same = CHRONICLE_SAME_DAY.match(t)
        if (same or bullet) and current is not None:
            at = same.end() if same else bullet.end() if bullet else 0
            out.append(Event(current, t[at:].lstrip(), same_day=True, span=sp))
            continue
        part = CHRONICLE_PERIOD.match(t)
        whole = None if part else CHRONICLE_WHOLE_MONTH.match(t)
        named = part or whole
        p_month = _num(named.group("m")) or month if named else None
        if named and p_month and 1 <= p_month <= 12:
            last_day = calendar.monthrange(year, p_month)[1]
            first = _PERIOD_FIRST[part.group("part")] if part else 1
            last = last_day if not part or first == 21 else first + 9
            p_start, p_end = _day(year, p_month, first), _day(year, p_month, last)
            if p_start is not None:
                current, month = p_start, p_month
                out.append(Event(p_start, t[named.end() :].lstrip(), end=p_end, span=sp))
                continue
        opened = CHRONICLE_DATE.match(body)
        if opened and not opened.group("d").isdigit() and not _CN_DATE_END.match(body, opened.end() - 1):
            opened = None  # 一日三餐: a word, not a date
        if not out or same or bullet or named or opened:
            # nothing to continue, or an entry's opening that could not be dated: said, not glued
            if unread is not None and not (not out and _SUBHEAD.fullmatch(t)):
                unread.append(k)
            continue
        out[-1].text += t
        if sp and out[-1].span:
            out[-1].span = Span(min(out[-1].span.start, sp.start), max(out[-1].span.end, sp.end))
    return out
