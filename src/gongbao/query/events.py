"""Chronicle events (大事记) as a list: read from a parsed issue or the store's ``events`` table,
filtered by date and words, written as text, JSON (``gongbao.events/1``) or CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from datetime import date
from typing import Any

from gongbao import model

SCHEMA_EVENTS = "gongbao.events/1"


@dataclass
class EventRow:
    """One event and the gazette file it was printed in."""

    date: dt.date
    end: dt.date | None
    same_day: bool
    text: str
    source: str

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "end": self.end.isoformat() if self.end else None,
            "same_day": self.same_day,
            "text": self.text,
            "source": self.source,
        }


def rows_of_issue(issue: model.Issue) -> list[EventRow]:
    return [EventRow(e.date, e.end, e.same_day, e.text, issue.path) for e in issue.events]


def rows_from_store(engine: Any) -> list[EventRow]:
    """The stored events, in the order stored (each issue's in print order)."""
    import sqlalchemy as sa

    from gongbao.store.records import ensure_current
    from gongbao.store.schema import events, issues

    ensure_current(engine)
    with engine.connect() as conn:
        q = (
            sa.select(events, issues.c.path)
            .select_from(events.join(issues, events.c.issue_id == issues.c.id))
            .order_by(events.c.id)
        )
        return [
            EventRow(r["date"], r["end_date"], bool(r["same_day"]), r["text"], r["path"])
            for r in conn.execute(q).mappings()
        ]


def find_events(
    rows: list[EventRow], since: date | None = None, until: date | None = None, words: str | None = None
) -> list[EventRow]:
    """The events on or after ``since`` (a range: ending on or after it), on or before ``until``,
    whose text holds ``words``; sorted by date, print order kept within a day."""
    out = [
        r
        for r in rows
        if (since is None or (r.end or r.date) >= since)
        and (until is None or r.date <= until)
        and (not words or words in r.text)
    ]
    return sorted(out, key=lambda r: r.date)


def events_text(rows: list[EventRow]) -> str:
    if not rows:
        return "no events"
    lines = []
    for r in rows:
        when = r.date.isoformat() + (f"–{r.end.isoformat()}" if r.end else "")
        lines.append(f"{when}{'  (同日)' if r.same_day else ''}  {r.text}")
    return "\n".join(lines)


def events_json(rows: list[EventRow]) -> dict[str, Any]:
    return {"schema": SCHEMA_EVENTS, "count": len(rows), "events": [r.to_json() for r in rows]}


def events_csv(rows: list[EventRow]) -> str:
    """CSV (UTF-8 BOM, CRLF)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["date", "end", "same_day", "text", "source"])
    for r in rows:
        w.writerow(
            [r.date.isoformat(), r.end.isoformat() if r.end else "", "yes" if r.same_day else "", r.text, r.source]
        )
    return "\ufeff" + buf.getvalue()
