"""Chronicle (大事记) entries: ``1日，…`` starts an event; ``△…`` is another event the same day."""

from __future__ import annotations

import re
from datetime import date

from gongbao.model import Event, Span
from gongbao.segment.patterns import CHRONICLE_MONTH

_DAY = re.compile(r"^(?P<d>\d{1,2})(?:\s*[-—–~至]\s*\d{1,2})?\s*日\s*[，,、]?")


def chronicle_month(title: str) -> tuple[int, int] | None:
    m = CHRONICLE_MONTH.search(title)
    return (int(m.group("y")), int(m.group("m"))) if m else None


def extract_events(paragraphs: list[str], year: int, month: int, spans: list[Span] | None = None) -> list[Event]:
    """Dated events; a paragraph that starts neither a day nor △ continues the previous event.
    ``spans``: the source span of each paragraph, to give each event its span."""
    out: list[Event] = []
    current: date | None = None
    for k, p in enumerate(paragraphs):
        sp = spans[k] if spans and k < len(spans) else None
        t = p.strip()
        m = _DAY.match(t)
        if m:
            try:
                current = date(year, month, int(m.group("d")))
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
