"""What a document refers to and what refers to it: ``links(engine, ref) -> Links``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from gongbao.errors import CitationError
from gongbao.query.refs import find_document
from gongbao.store.schema import documents, relations

__all__ = ["Link", "Links", "links"]


@dataclass(frozen=True, slots=True)
class Link:
    """One relation seen from the document asked about."""

    kind: str  # amends, repeals, supersedes, basis, cites
    other: str  # the other document: its ref when stored, else the reference as printed
    other_title: str | None
    resolved: bool  # the other document is in the store
    source_eid: str | None  # where the citing document makes the reference
    since: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "document": self.other,
            "title": self.other_title,
            "resolved": self.resolved,
            "source_eid": self.source_eid,
            "since": self.since,
        }


@dataclass(frozen=True, slots=True)
class Links:
    ref: str
    stored: bool
    outgoing: list[Link] = field(default_factory=list)
    incoming: list[Link] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "ref": self.ref,
            "stored": self.stored,
            "outgoing": [x.to_json() for x in self.outgoing],
            "incoming": [x.to_json() for x in self.incoming],
        }


def links(engine: Engine, ref: str) -> Links:
    """Relations from and to ``ref``; raises ``CitationError`` when it is neither stored nor referenced."""
    with engine.connect() as conn:
        doc, inc = find_document(conn, ref)
        out_rows: Sequence[sa.Row[Any]] = []
        if doc is not None:
            t = documents.alias("t")
            out_rows = conn.execute(
                sa.select(relations, t.c.ref.label("target_ref"), t.c.title.label("target_ref_title"))
                .outerjoin(t, t.c.id == relations.c.target_document_id)
                .where(relations.c.source_document_id == doc.id)
                .order_by(relations.c.id)
            ).all()
    if doc is None and not inc:
        raise CitationError(f"{ref} is neither in the store nor referenced by a stored document")
    iso = lambda d: d.isoformat() if d else None  # noqa: E731
    outgoing = [
        Link(
            r.kind,
            r.target_ref or r.target_doc_number or r.target_title or "",
            r.target_ref_title or r.target_title,
            r.target_ref is not None,
            r.source_eid,
            iso(r.since),
        )
        for r in out_rows
    ]
    incoming = [Link(r.kind, r.source_ref, r.source_title, True, r.source_eid, iso(r.since)) for r in inc]
    return Links(doc.ref if doc is not None else ref, doc is not None, outgoing, incoming)
