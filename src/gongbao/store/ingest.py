"""Persist what the pipeline produced: ``ingest_issue(engine, issue)``.

Guarantees:
1. One transaction per issue: either everything of the file is stored (issue, documents, nodes,
   index rows, relations, versions, appointments, events) or nothing is — an exception or a
   killed process leaves the store exactly as it was.
2. Idempotent by content hash: an issue whose ``sha256`` is already stored changes nothing.
3. Relations resolve in any order of ingestion: each new issue resolves its own references
   to documents already stored, and the references of earlier issues that were waiting for it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from gongbao import model
from gongbao.store import fts
from gongbao.store.citation import NodeRow, flatten
from gongbao.store.db import write_transaction
from gongbao.store.keys import ref_key
from gongbao.store.schema import appointments, documents, events, issues, nodes, relations, versions

__all__ = ["IngestResult", "ingest_issue", "resolve_relations"]

#: Document fields holding references, and the relation kind each makes.
_REL_FIELDS = (("repeals", "repeals"), ("amends", "amends"), ("legal_basis", "basis"), ("cites", "cites"))


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What one ingest did. ``created`` is false when the file was already stored."""

    path: str
    sha256: str
    issue_id: int
    created: bool
    documents: int = 0
    nodes: int = 0
    relations: int = 0
    resolved: int = 0  # relations (new or older) that found their target in this ingest

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "sha256": self.sha256,
            "issue_id": self.issue_id,
            "created": self.created,
            "documents": self.documents,
            "nodes": self.nodes,
            "relations": self.relations,
            "resolved": self.resolved,
        }


def _jsonable(value: Any) -> Any:
    """``value`` made of JSON types only (dates become ISO strings, other objects ``str``)."""
    return json.loads(json.dumps(value, ensure_ascii=False, default=_default))


def _default(o: Any) -> Any:
    if isinstance(o, date):
        return o.isoformat()
    to_json = getattr(o, "to_json", None)
    return to_json() if callable(to_json) else str(o)


def _published(doc: model.Document, events: list[model.Event]) -> date | None:
    """When the printed text came to exist: the signed date, else the last history date, else
    the effective date, else (a chronicle) the last dated event printed inside the document."""
    if doc.signed_date:
        return doc.signed_date
    dated = [h.date for h in doc.history if h.date]
    if dated:
        return max(dated)
    if doc.effective_date:
        return doc.effective_date
    spans = doc.spans()
    inside = [e.date for e in events if e.span and any(s.start <= e.span.start < s.end for s in spans)]
    return max(inside) if inside else None


def _alias_key(doc: model.Document) -> str | None:
    """The key of the 文号 that first promulgated a republished text (its 公布 history event)."""
    if doc.doc_number:
        return None
    for h in doc.history:
        if h.event.endswith("公布") and h.by and "号" in h.by:
            return ref_key(h.by)
    return None


def _document_row(
    issue_id: int, ordinal: int, doc: model.Document, n_nodes: int, events: list[model.Event]
) -> dict[str, Any]:
    return {
        "issue_id": issue_id,
        "ordinal": ordinal,
        "ref": doc.ref,
        "ref_key": ref_key(doc.ref),
        "title_key": ref_key(doc.title),
        "instrument_key": ref_key(doc.instrument_title) or None,
        "alias_key": _alias_key(doc),
        "doc_number": doc.doc_number,
        "title": doc.title,
        "kind": doc.kind,
        "issuer": doc.issuer,
        "instrument_title": doc.instrument_title,
        "instrument_kind": doc.instrument_kind,
        "toc_index": doc.toc_index,
        "recipients": list(doc.recipients),
        "signed_date": doc.signed_date,
        "effective_date": doc.effective_date,
        "expiry_date": doc.expiry_date,
        "valid_from": doc.effective_date or doc.signed_date,
        "published_date": _published(doc, events),
        "attachments": [a.to_json() for a in doc.attachments],
        "fragments": [f.to_json() for f in doc.fragments],
        "history": [h.to_json() for h in doc.history],
        "pages": list(doc.pages) if doc.pages else None,
        "counts": _jsonable(doc.counts),
        "parent": doc.parent,
        "text": doc.text,
        "spans": [s.to_json() for s in doc.spans()],
        "n_nodes": n_nodes,
    }


def _source_eid(rows: list[NodeRow], ref: model.Ref) -> str | None:
    """The eid of the deepest node whose source spans contain the reference's start, if known."""
    if ref.span is None:
        return None
    best: NodeRow | None = None
    for r in rows:
        if r.eid and any(a <= ref.span.start < b for a, b in r.spans) and (best is None or r.depth >= best.depth):
            best = r
    return best.eid if best else None


def _relation_rows(doc_id: int, doc: model.Document, rows: list[NodeRow]) -> Iterator[dict[str, Any]]:
    since = doc.effective_date or doc.signed_date
    own_number, own_title = ref_key(doc.doc_number), ref_key(doc.title)
    for field, kind in _REL_FIELDS:
        for ref in getattr(doc, field):
            if not ref.key():
                continue
            number, title = ref_key(ref.doc_number), ref_key(ref.title)
            # A document naming itself (本决定 quoted by its full title) is not a relation. A bare
            # title equal to the *instrument* a notice issues is kept: a new 预案 repeals the old
            # one of the same name.
            if (number and number == own_number) or (not number and title and title == own_title):
                continue
            yield {
                "kind": kind,
                "source_document_id": doc_id,
                "source_eid": _source_eid(rows, ref),
                "target_doc_number": ref.doc_number,
                "target_title": ref.title,
                "target_number_key": ref_key(ref.doc_number) or None,
                "target_title_key": ref_key(ref.title) or None,
                "target_document_id": None,
                "since": since,
            }


def _version_row(doc_id: int, doc: model.Document) -> dict[str, Any]:
    """The version of a work this document prints: republished text, or the instrument itself."""
    if doc.history:
        last = max((h for h in doc.history if h.date), key=lambda h: h.date or date.min, default=None)
        return {
            "work": doc.ref,
            "work_key": ref_key(doc.ref),
            "made_by": doc.parent or (last.by if last else None),
            "valid_from": last.date if last else doc.effective_date,
            "valid_to": doc.expiry_date,
            "document_id": doc_id,
            "origin": "republished",
            "text": doc.text,
            "body": None,
        }
    return {
        "work": doc.ref,
        "work_key": ref_key(doc.ref),
        "made_by": doc.ref,
        "valid_from": doc.effective_date or doc.signed_date,
        "valid_to": doc.expiry_date,
        "document_id": doc_id,
        "origin": "printed",
        "text": doc.text,
        "body": None,
    }


def resolve_relations(
    conn: Connection,
    *,
    source_ids: list[int] | None = None,
    number_keys: list[str] | None = None,
    title_keys: list[str] | None = None,
) -> int:
    """Point unresolved relations at their targets when stored; return how many resolved.

    With no arguments every unresolved relation is tried. Ingest passes the new documents' ids
    (their own references) and keys (older references waiting for them), so the work per file
    stays proportional to the file, not to the store (lookups go through indexes).
    A 文号 match wins (also the original 文号 of a republished text); a title match (the title, or
    the instrument a notice issues) counts only when the reference or the candidate has no 文号.
    A document never resolves a reference to itself.
    """
    r, d = relations, documents.alias("d")
    by_number = (
        sa.select(sa.func.min(d.c.id))
        .where(
            r.c.target_number_key.is_not(None),
            sa.or_(d.c.ref_key == r.c.target_number_key, d.c.alias_key == r.c.target_number_key),
        )
        .where(d.c.id != r.c.source_document_id)
        .scalar_subquery()
    )
    by_title = (
        sa.select(sa.func.min(d.c.id))
        .where(
            r.c.target_title_key.is_not(None),
            sa.or_(d.c.title_key == r.c.target_title_key, d.c.instrument_key == r.c.target_title_key),
            sa.or_(r.c.target_number_key.is_(None), d.c.doc_number.is_(None)),
            d.c.id != r.c.source_document_id,
        )
        .scalar_subquery()
    )
    cond: sa.ColumnElement[bool] = r.c.target_document_id.is_(None)
    if source_ids is not None or number_keys is not None or title_keys is not None:
        cond = sa.and_(
            cond,
            sa.or_(
                r.c.source_document_id.in_(source_ids or []),
                r.c.target_number_key.in_(number_keys or []),
                r.c.target_title_key.in_(title_keys or []),
            ),
        )
    unresolved = sa.select(sa.func.count()).select_from(r).where(cond)
    before = int(conn.execute(unresolved).scalar() or 0)
    if before:
        conn.execute(r.update().where(cond).values(target_document_id=sa.func.coalesce(by_number, by_title)))
    return before - int(conn.execute(unresolved).scalar() or 0) if before else 0


def ingest_issue(engine: Engine, issue: model.Issue) -> IngestResult:
    """Store ``issue`` in one transaction; a second call with the same content changes nothing.

    Returns counts of what was stored. Raises what the database raises; the transaction is then
    rolled back and the store is unchanged.
    """
    try:
        return _ingest(engine, issue)
    except sa.exc.IntegrityError:
        # Another process stored the same content between our check and our insert.
        with engine.connect() as conn:
            existing = conn.execute(sa.select(issues.c.id).where(issues.c.sha256 == issue.sha256)).scalar()
        if existing is None:
            raise
        return IngestResult(issue.path, issue.sha256, int(existing), created=False)


def _ingest(engine: Engine, issue: model.Issue) -> IngestResult:
    with write_transaction(engine) as conn:
        existing = conn.execute(sa.select(issues.c.id).where(issues.c.sha256 == issue.sha256)).scalar()
        if existing is not None:
            return IngestResult(issue.path, issue.sha256, int(existing), created=False)
        issue_id = conn.execute(
            issues.insert()
            .values(
                path=issue.path,
                sha256=issue.sha256,
                source_len=len(issue.source),
                masthead=_jsonable(issue.masthead.to_json()),
                toc=[t.to_json() for t in issue.toc],
                warnings=list(issue.warnings),
                n_documents=len(issue.documents),
            )
            .returning(issues.c.id)
        ).scalar_one()
        n_nodes = n_rel = total_length = 0
        doc_ids: dict[str, int] = {}
        new_ids: list[int] = []
        number_keys: set[str] = set()
        title_keys: set[str] = set()
        for ordinal, doc in enumerate(issue.documents):
            rows = flatten(doc)
            doc_id = conn.execute(
                documents.insert()
                .values(**_document_row(issue_id, ordinal, doc, len(rows), issue.events))
                .returning(documents.c.id)
            ).scalar_one()
            if doc.doc_number:
                doc_ids.setdefault(ref_key(doc.doc_number), doc_id)
            new_ids.append(doc_id)
            number_keys.update(k for k in (ref_key(doc.doc_number), _alias_key(doc)) if k)
            title_keys.update(k for k in (ref_key(doc.title), ref_key(doc.instrument_title)) if k)
            if rows:
                node_ids = (
                    conn.execute(
                        nodes.insert().returning(nodes.c.id, sort_by_parameter_order=True),
                        [r.to_row(doc_id) for r in rows],
                    )
                    .scalars()
                    .all()
                )
                fts.index_nodes(conn, ((nid, r.text) for nid, r in zip(node_ids, rows, strict=True)))
                total_length += sum(r.length for r in rows)
                n_nodes += len(rows)
            rel_rows = list(_relation_rows(doc_id, doc, rows))
            if rel_rows:
                conn.execute(relations.insert(), rel_rows)
                n_rel += len(rel_rows)
            conn.execute(versions.insert().values(**_version_row(doc_id, doc)))
        if issue.appointments:
            conn.execute(
                appointments.insert(),
                [
                    {
                        "issue_id": issue_id,
                        "document_id": doc_ids.get(ref_key(a.doc_number)) if a.doc_number else None,
                        "doc_number": a.doc_number,
                        "action": a.action,
                        "person": a.person,
                        "post": a.post,
                        "probation_years": a.probation_years,
                        "note": a.note,
                        "date": a.date,
                        "span_start": a.span.start if a.span else None,
                        "span_end": a.span.end if a.span else None,
                    }
                    for a in issue.appointments
                ],
            )
        if issue.events:
            conn.execute(
                events.insert(),
                [
                    {
                        "issue_id": issue_id,
                        "date": e.date,
                        "text": e.text,
                        "same_day": e.same_day,
                        "span_start": e.span.start if e.span else None,
                        "span_end": e.span.end if e.span else None,
                    }
                    for e in issue.events
                ],
            )
        conn.execute(issues.update().where(issues.c.id == issue_id).values(n_nodes=n_nodes, total_length=total_length))
        resolved = resolve_relations(
            conn, source_ids=new_ids, number_keys=sorted(number_keys), title_keys=sorted(title_keys)
        )
    return IngestResult(
        issue.path,
        issue.sha256,
        int(issue_id),
        created=True,
        documents=len(issue.documents),
        nodes=n_nodes,
        relations=n_rel,
        resolved=resolved,
    )
