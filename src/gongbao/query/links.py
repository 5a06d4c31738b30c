"""What a document refers to and what refers to it: ``links(engine, ref) -> Links``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gongbao.errors import CitationError
from gongbao.query.reader import Row, reading
from gongbao.query.refs import find_document

__all__ = ["Link", "Links", "links"]


@dataclass(frozen=True, slots=True)
class Link:
    """One relation seen from the document asked about."""

    kind: str  # promulgates, amends, repeals, partially_repeals, supersedes, extends, basis, cites
    other: str  # the other document: its ref when stored, else the reference as printed
    other_title: str | None
    resolved: bool  # the other document is in the store
    source_eid: str | None  # where the citing document makes the reference
    since: str | None
    scope: str | None = None  # the part a partial repeal names

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "document": self.other,
            "title": self.other_title,
            "resolved": self.resolved,
            "source_eid": self.source_eid,
            "since": self.since,
            "scope": self.scope,
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


def links(store: Any, ref: str) -> Links:
    """Relations from and to ``ref``; raises ``CitationError`` when it is neither stored nor referenced.

    ``store``: an SQLAlchemy engine, an ``sqlite3`` connection (``open_reader``) or a ``Reader``.
    """
    with reading(store) as db:
        doc, inc = find_document(db, ref)
        out_rows: list[Row] = []
        if doc is not None:
            out_rows = db.rows(
                "SELECT r.*, t.ref AS target_ref, t.title AS target_ref_title FROM relations r "
                "LEFT JOIN documents t ON t.id = r.target_document_id WHERE r.source_document_id = :id ORDER BY r.id",
                {"id": doc.id},
            )
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
            r.get("scope"),
        )
        for r in out_rows
    ]
    incoming = [
        Link(r.kind, r.source_ref, r.source_title, True, r.source_eid, iso(r.since), r.get("scope")) for r in inc
    ]
    if doc is not None:
        # an order and the instrument it promulgates, printed under it (documents.parent): the
        # order's only act, a link both ways (令第723号 -> 外商投资法实施条例)
        with reading(store) as db:
            for r in db.rows(
                "SELECT ref, title, valid_from FROM documents WHERE parent = :ref AND id <> :id ORDER BY id",
                {"ref": doc.ref, "id": doc.id},
            ):
                outgoing.insert(0, Link("promulgates", r.ref, r.title, True, None, iso(r.valid_from)))
            parent = doc.get("parent")
            if parent and parent != doc.ref:
                by = db.rows("SELECT ref, title FROM documents WHERE ref = :ref ORDER BY id LIMIT 1", {"ref": parent})
                incoming.insert(
                    0,
                    Link(
                        "promulgates", parent, by[0].title if by else None, bool(by), None, iso(doc.get("valid_from"))
                    ),
                )
    return Links(doc.ref if doc is not None else ref, doc is not None, _without_mere_citations(outgoing), incoming)


def _without_mere_citations(links: list[Link]) -> list[Link]:
    """``links`` without a ``cites`` of a document another link already names: a decision that
    amends 《聊城市燃气管理办法》 names it in every instruction, and that is its amendment, not a
    citation besides (the relation stays in the store; ``links`` lists what a reader asks)."""
    named = {n for x in links if x.kind != "cites" for n in (x.other, x.other_title) if n}
    return [x for x in links if x.kind != "cites" or not ({x.other, x.other_title} & named)]
