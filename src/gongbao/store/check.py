"""Verify a store: ``check_store(engine) -> CheckReport``.

Checks, each reported by name:
1. ``schema``: the schema version is the one this program writes;
2. ``documents``: every document's issue exists and each issue has as many documents as it says;
3. ``nodes``: every node's document exists, each document has as many nodes as it says, every
   node's offsets lie inside its document text and every source span inside its issue's source;
4. ``document_spans``: every document span lies inside its issue's source;
5. ``index``: the full-text index has one row per node with searchable text;
6. ``relations``: every resolved target exists. Unresolved references are not errors: they are
   listed as ``dangling`` (a target that is not in the store yet).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from gongbao.store import fts
from gongbao.store.schema import SCHEMA_VERSION, current_version, documents, issues, nodes, relations

__all__ = ["CheckReport", "check_store"]


@dataclass(slots=True)
class CheckReport:
    """``problems`` empty means the store is consistent."""

    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    dangling: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "counts": self.counts, "problems": self.problems, "dangling": self.dangling}


def _count(conn: sa.Connection, q: Any) -> int:
    return int(conn.execute(q).scalar() or 0)


def check_store(engine: Engine, *, limit: int = 20) -> CheckReport:
    """Run every check on the store; at most ``limit`` examples are listed per problem."""
    rep = CheckReport()
    d, n, i, r = documents, nodes, issues, relations
    with engine.connect() as conn:
        v = current_version(conn)
        if v != SCHEMA_VERSION:
            rep.problems.append(f"schema: version {v}, expected {SCHEMA_VERSION}")
        for name, t in (("issues", i), ("documents", d), ("nodes", n), ("relations", r)):
            rep.counts[name] = _count(conn, sa.select(sa.func.count()).select_from(t))
        rep.counts["indexed"] = fts.count_indexed(conn)

        def report(check: str, q: Any, fmt) -> None:
            for row in conn.execute(q.limit(limit)).all():
                rep.problems.append(f"{check}: {fmt(row)}")

        report(
            "documents",
            sa.select(d.c.id, d.c.ref).where(~sa.exists().where(i.c.id == d.c.issue_id)),
            lambda row: f"document {row.ref} (id {row.id}) has no issue",
        )
        per_issue = sa.select(d.c.issue_id, sa.func.count().label("k")).group_by(d.c.issue_id).subquery()
        report(
            "documents",
            sa.select(i.c.id, i.c.path, i.c.n_documents, sa.func.coalesce(per_issue.c.k, 0).label("k"))
            .outerjoin(per_issue, per_issue.c.issue_id == i.c.id)
            .where(i.c.n_documents != sa.func.coalesce(per_issue.c.k, 0)),
            lambda row: f"issue {row.path} says {row.n_documents} documents, has {row.k}",
        )
        report(
            "nodes",
            sa.select(n.c.id, n.c.eid).where(~sa.exists().where(d.c.id == n.c.document_id)),
            lambda row: f"node {row.eid} (id {row.id}) has no document",
        )
        per_doc = sa.select(n.c.document_id, sa.func.count().label("k")).group_by(n.c.document_id).subquery()
        report(
            "nodes",
            sa.select(d.c.ref, d.c.n_nodes, sa.func.coalesce(per_doc.c.k, 0).label("k"))
            .outerjoin(per_doc, per_doc.c.document_id == d.c.id)
            .where(d.c.n_nodes != sa.func.coalesce(per_doc.c.k, 0)),
            lambda row: f"document {row.ref} says {row.n_nodes} nodes, has {row.k}",
        )
        report(
            "nodes",
            sa.select(n.c.eid, d.c.ref)
            .join(d, d.c.id == n.c.document_id)
            .where(sa.or_(n.c.start < 0, n.c.end < n.c.start, n.c.end > sa.func.length(d.c.text))),
            lambda row: f"node {row.eid} of {row.ref} lies outside its document text",
        )
        stated = int(conn.execute(sa.select(sa.func.coalesce(sa.func.sum(i.c.n_nodes), 0))).scalar() or 0)
        if stated != rep.counts["nodes"]:
            rep.problems.append(
                f"nodes: issues say {stated} nodes (search statistics), store has {rep.counts['nodes']}"
            )
        rel_ids = sa.select(r.c.id, r.c.target_document_id).where(r.c.target_document_id.is_not(None))
        report(
            "relations",
            rel_ids.where(~sa.exists().where(d.c.id == r.c.target_document_id)),
            lambda row: f"relation {row.id} points at missing document {row.target_document_id}",
        )

        # Source spans are JSON: check them in Python, streaming, one issue at a time.
        bad = 0
        for iss in conn.execute(sa.select(i.c.id, i.c.source_len, i.c.path)).all():

            def out_of(spans: Any, n_src: int = iss.source_len) -> bool:
                return any(not (0 <= a <= b <= n_src) for a, b in (spans or []))

            for doc_row in conn.execute(sa.select(d.c.ref, d.c.spans).where(d.c.issue_id == iss.id)):
                if out_of(doc_row.spans) and bad < limit:
                    bad += 1
                    rep.problems.append(f"document_spans: {doc_row.ref} has a span outside {iss.path}")
            q = (
                sa.select(n.c.eid, n.c.spans, d.c.ref)
                .join(d, d.c.id == n.c.document_id)
                .where(d.c.issue_id == iss.id)
                .execution_options(yield_per=5000)
            )
            for node_row in conn.execute(q):
                if out_of(node_row.spans) and bad < limit:
                    bad += 1
                    rep.problems.append(f"nodes: span of {node_row.eid} in {node_row.ref} outside {iss.path}")

        searchable = sum(
            1 for (t,) in conn.execute(sa.select(n.c.text).execution_options(yield_per=5000)) if t and not t.isspace()
        )
        if searchable != rep.counts["indexed"]:
            rep.problems.append(f"index: {rep.counts['indexed']} index rows for {searchable} nodes with text")

        s = d.alias("s")
        for rel_row in conn.execute(
            sa.select(r.c.kind, r.c.target_doc_number, r.c.target_title, s.c.ref.label("source"))
            .join(s, s.c.id == r.c.source_document_id)
            .where(r.c.target_document_id.is_(None))
            .order_by(r.c.id)
        ):
            rep.dangling.append(
                {
                    "kind": rel_row.kind,
                    "source": rel_row.source,
                    "target_doc_number": rel_row.target_doc_number,
                    "target_title": rel_row.target_title,
                }
            )
        rep.counts["dangling"] = len(rep.dangling)
    return rep
