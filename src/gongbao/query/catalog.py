"""Lists of stored documents for browsing: in force on a date with facets and pages, issues, newest.

``catalog(engine, as_of=…, in_force=…, kind=…, issuer=…, year=…, state=…, page=…, per_page=…)``
reads only the columns a list shows (never texts or spans) and the relations that change a
status, decides each document's status on the date with ``gongbao.query.status.decide`` and
counts the facets (kind, issuer, year, status) over the documents that exist on that date.

A document *exists* on a date when the work it prints had started by then: its earliest known
date (valid from, signed, or the first event of its printed history: a regulation republished
in 2024 but 公布 in 2017 exists in 2018). ``gongbao.query.docs.list_documents`` drops documents
whose *publication* (of this text) is later, which hides such a regulation on every date before
its republication: "in force on 2024-06-01" did not list the gas regulation in force since 2018.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from gongbao.query.status import Status, decide, history_changes
from gongbao.store.schema import documents, issues, relations

__all__ = ["CatalogPage", "Entry", "IssueInfo", "catalog", "issue_detail", "list_issues", "newest_documents"]

FACETS = ("kind", "issuer", "year", "state")


@dataclass(frozen=True, slots=True)
class Entry:
    """One document of a list, with its status on the list's date."""

    ref: str
    title: str
    kind: str
    issuer: str | None
    signed_date: date | None
    valid_from: date | None
    year: int | None
    status: Status

    def to_json(self) -> dict[str, Any]:
        return {
            "ref": self.ref,
            "title": self.title,
            "kind": self.kind,
            "issuer": self.issuer,
            "signed_date": self.signed_date.isoformat() if self.signed_date else None,
            "valid_from": self.valid_from.isoformat() if self.valid_from else None,
            "year": self.year,
            "status": self.status.to_json(),
        }


@dataclass(slots=True)
class CatalogPage:
    as_of: date
    total: int
    page: int
    per_page: int
    items: list[Entry]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def _first_date(row: Any) -> date | None:
    """The earliest date the work this row prints is known to exist."""
    days = [d for d in (row.valid_from, row.signed_date, row.effective_date) if d]
    for h in row.history or []:
        if h.get("date"):
            try:
                days.append(date.fromisoformat(h["date"]))
            except ValueError:
                continue
    return min(days) if days else row.published_date


def _history(conn: Any, history: list[dict[str, Any]], memo: dict[str, list[Any]]) -> list[Any]:
    """``history_changes`` entry by entry, each distinct entry resolved once per list."""
    import json

    out: list[Any] = []
    for h in history:
        key = json.dumps(h, sort_keys=True, ensure_ascii=False, default=str)
        if key not in memo:
            memo[key] = history_changes(conn, [h])
        out.extend(memo[key])
    return out


def catalog(
    engine: Engine,
    *,
    as_of: date | None = None,
    in_force: bool = False,
    kind: str | None = None,
    issuer: str | None = None,
    year: int | None = None,
    state: str | None = None,
    page: int = 1,
    per_page: int = 50,
) -> CatalogPage:
    """Documents that exist on ``as_of`` (default today), one per ref, newest text kept; filtered
    by the facets given; counted per facet; one page of them, ordered by date then ref."""
    day = as_of or date.today()
    d, r, src, tgt = documents, relations, documents.alias("s"), documents.alias("t")
    order = documents.alias("o")
    cols = [
        d.c.id,
        d.c.ref,
        d.c.title,
        d.c.kind,
        d.c.instrument_kind,
        d.c.issuer,
        d.c.signed_date,
        d.c.effective_date,
        d.c.valid_from,
        d.c.expiry_date,
        d.c.published_date,
        d.c.history,
    ]
    entries: list[tuple[Entry, str | None]] = []
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(*cols).order_by(d.c.ref, d.c.published_date.desc().nulls_last(), d.c.id.desc())
        ).all()
        by_ref: dict[str, list[Any]] = {}
        for rel in conn.execute(
            sa.select(
                r.c.kind,
                r.c.since,
                r.c.target_title,
                src.c.ref.label("source_ref"),
                tgt.c.ref.label("target_ref"),
                # the day the source was adopted: its own date, else that of the 令 it is printed under
                sa.func.coalesce(
                    src.c.signed_date,
                    sa.select(order.c.signed_date)
                    .where(order.c.doc_number == src.c.parent, order.c.kind == "令", order.c.signed_date.is_not(None))
                    .order_by(order.c.id)
                    .limit(1)
                    .scalar_subquery(),
                ).label("source_signed_date"),
            )
            .join(src, src.c.id == r.c.source_document_id)
            .join(tgt, tgt.c.id == r.c.target_document_id)
            .where(r.c.kind.in_(("repeals", "supersedes", "amends")))
            .order_by(r.c.since, r.c.id)
        ):
            by_ref.setdefault(rel.target_ref, []).append(rel)
        seen: set[str] = set()
        memo: dict[str, list[Any]] = {}
        for row in rows:
            if row.ref in seen:
                continue
            seen.add(row.ref)
            first = _first_date(row)
            if as_of is not None and first is not None and first > day:
                continue
            history = _history(conn, row.history, memo) if row.history else []
            st = decide(row.ref, day, row, by_ref.get(row.ref, []), history)
            when = row.signed_date or first
            y = when.year if when else None
            entries.append(
                (
                    Entry(row.ref, row.title, row.kind, row.issuer, row.signed_date, row.valid_from, y, st),
                    row.instrument_kind,
                )
            )
    if in_force:
        entries = [(e, ik) for e, ik in entries if e.status.in_force]

    def keep(e: Entry, ik: str | None, skip: str | None = None) -> bool:
        if kind and skip != "kind" and kind not in (e.kind, ik):
            return False
        if issuer and skip != "issuer" and issuer not in (e.issuer or ""):
            return False
        if year and skip != "year" and e.year != year:
            return False
        return not (state and skip != "state" and e.status.state != state)

    facets: dict[str, list[tuple[str, int]]] = {}
    for f in FACETS:
        c: Counter[str] = Counter()
        for e, ik in entries:
            if keep(e, ik, f):
                value = {"kind": e.kind, "issuer": e.issuer, "year": e.year, "state": e.status.state}[f]
                if value not in (None, ""):
                    c[str(value)] += 1
        facets[f] = sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))
    chosen = [e for e, ik in entries if keep(e, ik)]
    chosen.sort(key=lambda e: (e.signed_date or e.valid_from or date.max, e.ref))
    page = max(1, page)
    items = chosen[(page - 1) * per_page : page * per_page]
    return CatalogPage(day, len(chosen), page, per_page, items, facets)


# ---------------------------------------------------------------- issues


@dataclass(frozen=True, slots=True)
class IssueInfo:
    id: int
    name: str  # 聊城市人民政府公报 2024年第11-12期
    path: str
    n_documents: int
    ingested_at: Any
    masthead: dict[str, Any]
    toc: list[dict[str, Any]] = field(default_factory=list)
    documents: list[tuple[str, str, str]] = field(default_factory=list)  # (ref, title, kind) in print order

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "source": self.path.rsplit("/", 1)[-1],
            "n_documents": self.n_documents,
            "ingested_at": self.ingested_at.isoformat() if self.ingested_at else None,
            "masthead": self.masthead,
            "toc": self.toc,
            "documents": [{"ref": r, "title": t, "kind": k} for r, t, k in self.documents],
        }


def _issue_name(m: dict[str, Any], path: str) -> str:
    name = m.get("gazette") or path.rsplit("/", 1)[-1]
    nums = m.get("issue_numbers") or []
    if m.get("year") and nums:
        name += f" {m['year']}年第{'-'.join(str(n) for n in nums)}期"
    return str(name)


def list_issues(engine: Engine) -> list[IssueInfo]:
    """Every ingested issue, newest first (no texts)."""
    i = issues
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(i.c.id, i.c.path, i.c.masthead, i.c.n_documents, i.c.ingested_at).order_by(i.c.id.desc())
        ).all()
    return [
        IssueInfo(r.id, _issue_name(r.masthead or {}, r.path), r.path, r.n_documents, r.ingested_at, r.masthead or {})
        for r in rows
    ]


def issue_detail(engine: Engine, issue_id: int) -> IssueInfo | None:
    """One issue with its printed table of contents and its documents in print order."""
    i, d = issues, documents
    with engine.connect() as conn:
        r = conn.execute(sa.select(i).where(i.c.id == issue_id)).first()
        if r is None:
            return None
        docs = conn.execute(
            sa.select(d.c.ref, d.c.title, d.c.kind).where(d.c.issue_id == issue_id).order_by(d.c.ordinal)
        ).all()
    m = r.masthead or {}
    return IssueInfo(
        r.id,
        _issue_name(m, r.path),
        r.path,
        r.n_documents,
        r.ingested_at,
        m,
        list(r.toc or []),
        [tuple(x) for x in docs],
    )


def newest_documents(engine: Engine, limit: int = 50) -> list[dict[str, Any]]:
    """The documents stored last (for the Atom feed): ref, title, kind, issuer, dates, when stored."""
    d, i = documents, issues
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(d.c.id, d.c.ref, d.c.title, d.c.kind, d.c.issuer, d.c.signed_date, i.c.ingested_at)
            .join(i, i.c.id == d.c.issue_id)
            .order_by(d.c.id.desc())
            .limit(limit)
        ).all()
    return [dict(r._mapping) for r in rows]
