"""List stored documents with their status as of a date; fetch a work's version as of a date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from gongbao.errors import CitationError
from gongbao.query.refs import find_documents
from gongbao.query.status import Status, decide, history_changes
from gongbao.store.keys import ref_key
from gongbao.store.schema import documents, relations, versions

__all__ = ["DocSummary", "VersionText", "list_documents", "version_as_of"]


@dataclass(frozen=True, slots=True)
class DocSummary:
    """A stored document and its status on the as-of date."""

    ref: str
    title: str
    kind: str
    issuer: str | None
    signed_date: date | None
    status: Status

    def to_json(self) -> dict[str, Any]:
        return {
            "ref": self.ref,
            "title": self.title,
            "kind": self.kind,
            "issuer": self.issuer,
            "signed_date": self.signed_date.isoformat() if self.signed_date else None,
            "status": self.status.to_json(),
        }


def list_documents(
    engine: Engine, *, as_of: date | None = None, in_force: bool = False, kind: str | None = None
) -> list[DocSummary]:
    """Stored documents (one per ref, the latest printed), ordered by signed date then ref.

    ``as_of`` (default today) sets the status date and drops works that did not exist yet: a
    work's start is its first version (a text republished in 2024 of a regulation in force since
    2018 is listed on 2024-06-01, with its status then), else when the text was published;
    ``in_force`` keeps documents in force (or amended) on that date; ``kind`` matches the
    document's kind or the kind of the instrument it issues.
    """
    day = as_of or date.today()
    d, r, src = documents, relations, documents.alias("s")
    q = sa.select(d)
    if kind:
        q = q.where(sa.or_(d.c.kind == kind, d.c.instrument_kind == kind))
    if as_of:
        start = sa.case(
            (
                d.c.valid_from.is_not(None) & (d.c.valid_from < sa.func.coalesce(d.c.published_date, d.c.valid_from)),
                d.c.valid_from,
            ),
            else_=d.c.published_date,
        )
        q = q.where(sa.or_(start.is_(None), start <= as_of))
    out: list[DocSummary] = []
    with engine.connect() as conn:
        rows = conn.execute(q.order_by(d.c.signed_date.nulls_last(), d.c.ref, d.c.published_date.desc(), d.c.id)).all()
        # Every relation that can change a status, once, grouped by the target's work (a relation
        # resolves to a work, never to one copy).
        by_work: dict[str, list[Any]] = {}
        for rel in conn.execute(
            sa.select(
                r.c.kind,
                r.c.since,
                r.c.target_title,
                r.c.target_work_key,
                src.c.ref.label("source_ref"),
                src.c.work_key.label("source_work"),
            )
            .join(src, src.c.id == r.c.source_document_id)
            .where(r.c.kind.in_(("repeals", "supersedes", "amends")), r.c.target_work_key.is_not(None))
            .order_by(r.c.since, r.c.id)
        ):
            if rel.source_work != rel.target_work_key:
                by_work.setdefault(rel.target_work_key, []).append(rel)
        seen: set[str] = set()
        for row in rows:
            if row.ref in seen:
                continue
            seen.add(row.ref)
            history = history_changes(conn, row.history) if row.history else []
            st = decide(row.ref, day, row, by_work.get(row.work_key or "", []), history)
            if in_force and not st.in_force:
                continue
            out.append(DocSummary(row.ref, row.title, row.kind, row.issuer, row.signed_date, st))
    return out


@dataclass(frozen=True, slots=True)
class VersionText:
    """A version of a work: its text, who made it and when it was valid."""

    work: str
    made_by: str | None
    valid_from: date | None
    valid_to: date | None
    origin: str
    text: str

    def to_json(self) -> dict[str, Any]:
        return {
            "work": self.work,
            "made_by": self.made_by,
            "valid_from": self.valid_from.isoformat() if self.valid_from else None,
            "valid_to": self.valid_to.isoformat() if self.valid_to else None,
            "origin": self.origin,
            "text": self.text,
        }


def version_as_of(engine: Engine, work: str, as_of: date | None = None) -> VersionText:
    """The version of ``work`` (文号 or title) valid on ``as_of``: the latest that started by then.

    Raises ``CitationError`` when no stored version of the work had started by that date.
    """
    day = as_of or date.today()
    v = versions
    with engine.connect() as conn:
        keys = [ref_key(work)]
        # the work as users name it: its title or 文号 may not be its key (original 文号 of a
        # republished text)
        keys += [k for k in (x.work_key for x in find_documents(conn, work, fuzzy=False)) if k and k not in keys]
        row = None
        for key in keys:
            row = conn.execute(
                sa.select(v)
                .where(v.c.work_key == key, sa.or_(v.c.valid_from.is_(None), v.c.valid_from <= day))
                .order_by(v.c.valid_from.desc().nulls_last(), (v.c.origin == "consolidated").desc(), v.c.id.desc())
                .limit(1)
            ).first()
            if row is not None:
                break
    if row is None:
        raise CitationError(f"no stored version of {work} as of {day.isoformat()}")
    return VersionText(row.work, row.made_by, row.valid_from, row.valid_to, row.origin, row.text)
