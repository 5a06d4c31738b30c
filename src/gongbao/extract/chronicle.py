"""Chronicle (大事记) entries: ``1日，…`` starts an event; ``△…`` is another event the same day."""

from __future__ import annotations

import re
from datetime import date

from gongbao.model import Event
from gongbao.segment.patterns import CHRONICLE_MONTH

_DAY = re.compile(r"^(?P<d>\d{1,2})(?:\s*[-—–~至]\s*\d{1,2})?\s*日\s*[，,、]?")


def chronicle_month(title: str) -> tuple[int, int] | None:
    m = CHRONICLE_MONTH.search(title)
    return (int(m.group("y")), int(m.group("m"))) if m else None


def extract_events(paragraphs: list[str], year: int, month: int) -> list[Event]:
    """Dated events; a paragraph that starts neither a day nor △ continues the previous event."""
    out: list[Event] = []
    current: date | None = None
    for p in paragraphs:
        t = p.strip()
        m = _DAY.match(t)
        if m:
            try:
                current = date(year, month, int(m.group("d")))
            except ValueError:
                continue
            out.append(Event(current, t[m.end() :]))
        elif t.startswith("△") and current is not None:
            out.append(Event(current, t[1:], same_day=True))
        elif out:
            out[-1].text += t
    return out
