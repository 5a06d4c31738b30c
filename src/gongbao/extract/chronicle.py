"""Chronicle (大事记) entries: ``1日，…`` starts an event; ``△…`` is another event the same day."""

from __future__ import annotations

import re
from datetime import date

from gongbao.model import Event, Span
from gongbao.segment.patterns import CHRONICLE_MONTH

# 1日， · 4-6日， · 11月1日， (a chronicle of a year or a quarter names the month in each entry)
_DAY = re.compile(r"^(?:(?P<m>\d{1,2})\s*月\s*)?(?P<d>\d{1,2})(?:\s*[-—–~至]\s*\d{1,2})?\s*日\s*[，,、]?")
_YEAR = re.compile(r"(?P<y>(?:19|20)\d\d)\s*年")


def chronicle_month(title: str) -> tuple[int, int | None] | None:
    """(year, month) a chronicle's title covers; month ``None`` for a year's chronicle."""
    m = CHRONICLE_MONTH.search(title)
    if m:
        return int(m.group("y")), int(m.group("m")) if m.group("m") else None
    y = _YEAR.search(title)
    return (int(y.group("y")), None) if y else None


def extract_events(
    paragraphs: list[str], year: int, month: int | None, spans: list[Span | None] | None = None
) -> list[Event]:
    """Dated events; a paragraph that starts neither a day nor △ continues the previous event.
    An entry that names its month (11月1日，) sets the month for the entries after it.
    ``spans``: the source span of each paragraph, to give each event its span."""
    out: list[Event] = []
    current: date | None = None
    for k, p in enumerate(paragraphs):
        sp = spans[k] if spans and k < len(spans) else None
        t = p.strip()
        m = _DAY.match(t)
        if m and (m.group("m") or month):
            if m.group("m"):
                month = int(m.group("m"))
            try:
                current = date(year, month or 1, int(m.group("d")))
            except ValueError:
                continue
            out.append(Event(current, t[m.end() :], span=sp))
        elif t.startswith("△") and current is not None:
            out.append(Event(current, t[1:], same_day=True, span=sp))
        elif out:
            out[-1].text += t
            if sp and out[-1].span:
                out[-1].span = Span(min(out[-1].span.start, sp.start), max(out[-1].span.end, sp.end))
    return out
