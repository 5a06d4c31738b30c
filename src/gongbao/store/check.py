"""Verify a store: ``check_store(engine) -> CheckReport``; repair what can be recomputed.

Checks, each reported by name with the work concerned and the fix:
1. ``schema``: the schema version is the one this program writes;
2. ``documents``: every printing (appearance) names a stored issue and document, and each issue
   has as many as it says;
3. ``nodes``: each document has as many nodes as it says, every node's offsets lie inside its
   document text and every source span inside its issue's source;
4. ``coverage``: recomputed from the stored source text: every visible character of every issue
   is in exactly one document or residue (no lost, no doubled text);
5. ``index``: the full-text index has one row per node with searchable text, and the search
   statistics of the issues add up to the nodes stored;
6. ``duplicates``: one document per work and version, one per text;
7. ``relations``: every resolved target exists and is of the work recorded; no relation is left
   unresolved while the work it names is stored (``dangling``). References to works that are not
   in the store are listed as ``external``, not errors (a repealed regulation never ingested);
8. ``versions``: the consolidated versions of every amended work are the ones its stored decisions
   make (none missing — a stored decision with a stored base — none stale). A decision the engine
   cannot apply is listed in ``unconsolidated`` with the reason, not an error.

``repair_store(engine)`` does what the fixes say, in one transaction: resolves relations and
recomputes every amended work's consolidated versions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from gongbao.store import fts
from gongbao.store.schema import SCHEMA_VERSION, current_version, documents, issues, nodes, relations

__all__ = ["CheckReport", "canonical_dump", "check_store", "repair_store"]


@dataclass(slots=True)
class CheckReport:
    """``problems`` empty means the store is consistent."""

    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    dangling: list[dict[str, Any]] = field(default_factory=list)  # references to works not stored
    unconsolidated: list[dict[str, Any]] = field(default_factory=list)  # decisions the engine cannot apply

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "counts": self.counts,
            "problems": self.problems,
            "external": self.dangling,
            "dangling": self.dangling,  # kept for readers of gongbao.check/1
            "unconsolidated": self.unconsolidated,
        }


def _count(conn: sa.Connection, q: Any) -> int:
    return int(conn.execute(q).scalar() or 0)


def _fix(text: str) -> str:
    return f"{text}"


REPAIR = "fix: gongbao check --repair (or ingest the issue again)"


def check_store(engine: Engine, *, limit: int = 20) -> CheckReport:
    """Run every check on the store; at most ``limit`` examples are listed per problem."""
    from gongbao.store.ingest import _lookup
    from gongbao.store.schema import appearances

    rep = CheckReport()
    d, n, i, r, a = documents, nodes, issues, relations, appearances
    with engine.connect() as conn:
        v = current_version(conn)
        if v != SCHEMA_VERSION:
            rep.problems.append(
                f"schema: version {v}, expected {SCHEMA_VERSION}; fix: open the store with gongbao once"
            )
        for name, t in (("issues", i), ("documents", d), ("nodes", n), ("relations", r)):
            rep.counts[name] = _count(conn, sa.select(sa.func.count()).select_from(t))
        rep.counts["indexed"] = fts.count_indexed(conn)
        if v >= 6:
            from gongbao.store.ledger import ledger_state

            current, rep.counts["ledger_documents"], rep.counts["tasks"] = ledger_state(conn)
            if not current:
                rep.problems.append(
                    "task ledger: extracted by another version of gongbao; fix: gongbao check --repair "
                    "(a tasks question also extracts it again)"
                )
        if v >= 7:
            from gongbao.store.records import records_current

            if not records_current(conn):
                rep.problems.append(
                    "appointments and events: read by another version of gongbao; fix: gongbao check --repair "
                    "(a people question also reads them again)"
                )

        def report(check: str, q: Any, fmt: Any) -> None:
            for row in conn.execute(q.limit(limit)).all():
                rep.problems.append(f"{check}: {fmt(row)}")

        report(
            "documents",
            sa.select(a.c.id, a.c.issue_id).where(
                sa.or_(~sa.exists().where(i.c.id == a.c.issue_id), ~sa.exists().where(d.c.id == a.c.document_id))
            ),
            lambda row: f"printing {row.id} names a missing issue or document; {REPAIR}",
        )
        report(
            "documents",
            sa.select(d.c.id, d.c.ref).where(~sa.exists().where(a.c.document_id == d.c.id)),
            lambda row: f"document {row.ref} (id {row.id}) is printed in no issue; fix: ingest its source again",
        )
        per_issue = sa.select(a.c.issue_id, sa.func.count().label("k")).group_by(a.c.issue_id).subquery()
        report(
            "documents",
            sa.select(i.c.id, i.c.path, i.c.n_documents, sa.func.coalesce(per_issue.c.k, 0).label("k"))
            .outerjoin(per_issue, per_issue.c.issue_id == i.c.id)
            .where(i.c.n_documents != sa.func.coalesce(per_issue.c.k, 0)),
            lambda row: (
                f"issue {row.path} says {row.n_documents} documents, has {row.k}; fix: ingest it into a new store"
            ),
        )
        per_doc = sa.select(n.c.document_id, sa.func.count().label("k")).group_by(n.c.document_id).subquery()
        report(
            "nodes",
            sa.select(d.c.ref, d.c.n_nodes, sa.func.coalesce(per_doc.c.k, 0).label("k"))
            .outerjoin(per_doc, per_doc.c.document_id == d.c.id)
            .where(d.c.n_nodes != sa.func.coalesce(per_doc.c.k, 0)),
            lambda row: f"document {row.ref} says {row.n_nodes} nodes, has {row.k}; fix: ingest its source again",
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
                f"index: issues say {stated} nodes (search statistics), store has {rep.counts['nodes']}; {REPAIR}"
            )
        searchable = sum(
            1 for (t,) in conn.execute(sa.select(n.c.text).execution_options(yield_per=5000)) if t and not t.isspace()
        )
        if searchable != rep.counts["indexed"]:
            rep.problems.append(f"index: {rep.counts['indexed']} index rows for {searchable} nodes with text")

        bad = 0
        for iss in conn.execute(sa.select(i.c.id, i.c.source_len, i.c.path)).all():
            q = (
                sa.select(n.c.eid, n.c.spans, d.c.ref)
                .join(d, d.c.id == n.c.document_id)
                .where(d.c.issue_id == iss.id)
                .execution_options(yield_per=5000)
            )
            for node_row in conn.execute(q):
                if any(not (0 <= x <= y <= iss.source_len) for x, y in (node_row.spans or [])) and bad < limit:
                    bad += 1
                    rep.problems.append(f"nodes: span of {node_row.eid} in {node_row.ref} outside {iss.path}")
        _coverage(conn, rep, limit)
        _duplicates(conn, rep, limit)

        # relations
        report(
            "relations",
            sa.select(r.c.id, r.c.target_document_id).where(
                r.c.target_document_id.is_not(None), ~sa.exists().where(d.c.id == r.c.target_document_id)
            ),
            lambda row: f"relation {row.id} points at missing document {row.target_document_id}; {REPAIR}",
        )
        tgt = d.alias("tgt")
        report(
            "relations",
            sa.select(r.c.id, r.c.target_work_key, tgt.c.work_key)
            .join(tgt, tgt.c.id == r.c.target_document_id)
            .where(r.c.target_work_key.is_distinct_from(tgt.c.work_key)),
            lambda row: (
                f"relation {row.id} is of work {row.target_work_key} but points at a text of {row.work_key}; {REPAIR}"
            ),
        )
        s = d.alias("s")
        dangling = 0
        for rel in conn.execute(
            sa.select(
                r.c.id,
                r.c.kind,
                r.c.target_doc_number,
                r.c.target_title,
                r.c.target_number_key,
                r.c.target_title_key,
                r.c.source_document_id,
                s.c.ref.label("source"),
            )
            .join(s, s.c.id == r.c.source_document_id)
            .where(r.c.target_work_key.is_(None))
            .order_by(r.c.id)
        ):
            hit = _lookup(conn, rel.target_number_key, rel.target_title_key, rel.source_document_id)
            if hit is not None:
                dangling += 1
                if dangling <= limit:
                    rep.problems.append(
                        f"dangling: {rel.source} {rel.kind} {rel.target_doc_number or rel.target_title}: unresolved"
                        f" although the work {hit.work_key} is stored; {REPAIR}"
                    )
                continue
            rep.dangling.append(
                {
                    "kind": rel.kind,
                    "source": rel.source,
                    "target_doc_number": rel.target_doc_number,
                    "target_title": rel.target_title,
                }
            )
        rep.counts["dangling"] = dangling
        rep.counts["external"] = len(rep.dangling)
        _versions(conn, rep, limit)
    return rep


def _coverage(conn: sa.Connection, rep: CheckReport, limit: int) -> None:
    """Every visible character of every stored source in exactly one document or residue."""
    from gongbao.store.schema import appearances

    bad = 0
    for iss in conn.execute(
        sa.select(issues.c.id, issues.c.path, issues.c.source, issues.c.residue, issues.c.source_len)
    ).all():
        spans: list[tuple[int, int]] = []
        for (sp,) in conn.execute(sa.select(appearances.c.spans).where(appearances.c.issue_id == iss.id)):
            spans += [(int(x), int(y)) for x, y in (sp or [])]
        out_of = [(x, y) for x, y in spans if not (0 <= x <= y <= iss.source_len)]
        if out_of and bad < limit:
            bad += 1
            rep.problems.append(f"spans: issue {iss.path} has a document span {out_of[0]} outside its source")
        if iss.source is None:
            continue  # a store written before version 3 kept no source text
        cover = [0] * (len(iss.source) + 1)
        for x, y in spans + [(int(z[0]), int(z[1])) for z in (iss.residue or [])]:
            x, y = max(0, x), min(len(iss.source), y)
            if y > x:
                cover[x] += 1
                cover[y] -= 1
        k = 0
        lost = doubled = 0
        first_lost = first_doubled = -1
        for pos, ch in enumerate(iss.source):
            k += cover[pos]
            if ch.isspace():
                continue
            if k == 0:
                lost += 1
                first_lost = pos if first_lost < 0 else first_lost
            elif k > 1:
                doubled += 1
                first_doubled = pos if first_doubled < 0 else first_doubled
        for what, count, at in (("lost", lost, first_lost), ("doubled", doubled, first_doubled)):
            if count and bad < limit:
                bad += 1
                rep.problems.append(
                    f"coverage: issue {iss.path}: {count} visible characters {what} (first at offset {at}:"
                    f" {iss.source[at : at + 12]!r}); fix: ingest it into a new store, report the parse if it persists"
                )


def _duplicates(conn: sa.Connection, rep: CheckReport, limit: int) -> None:
    d = documents
    for col, what in (
        (d.c.text_sha, "text"),
        (sa.func.coalesce(d.c.work_key, "") + "@" + sa.func.coalesce(d.c.version_key, ""), "work and version"),
    ):
        k = sa.func.count().label("k")
        for row in conn.execute(
            sa.select(col.label("key"), k, sa.func.min(d.c.ref).label("ref"))
            .where(d.c.text_sha.is_not(None))
            .group_by(col)
            .having(sa.func.count() > 1)
            .limit(limit)
        ):
            rep.problems.append(
                f"duplicates: {row.ref}: the same {what} stored {row.k} times;"
                " fix: ingest the sources into a new store (identity by content keeps one)"
            )


def _versions(conn: sa.Connection, rep: CheckReport, limit: int) -> None:
    """Consolidated versions equal to what the stored decisions make."""
    from datetime import date as _date

    from gongbao.consolidate import DECISION_KINDS, desired_versions
    from gongbao.store.schema import versions

    r, d, v = relations, documents, versions
    works = [
        w
        for (w,) in conn.execute(
            sa.select(r.c.target_work_key)
            .join(d, d.c.id == r.c.source_document_id)
            .where(r.c.kind == "amends", r.c.target_work_key.is_not(None), d.c.kind.in_(DECISION_KINDS))
            .distinct()
        )
    ]
    rep.unconsolidated = []
    n = 0
    for w in sorted(works):
        made, notes = desired_versions(conn, w)
        stored = conn.execute(
            sa.select(v.c.made_by, v.c.valid_from, v.c.text).where(v.c.work_key == w, v.c.origin == "consolidated")
        ).all()
        want = {(x.made_by or "", x.valid_from or _date.min): x.text for x in made}
        have = {(x.made_by or "", x.valid_from or _date.min): x.text for x in stored}
        for key in sorted(set(want) | set(have)):
            if want.get(key) == have.get(key):
                continue
            n += 1
            if n > limit:
                continue
            by, since = key
            if key not in have:
                what = "missing"
            elif key not in want:
                what = "not made by any stored decision"
            else:
                what = "stale (its base or decision changed)"
            rep.problems.append(
                f"versions: {w} as amended by {by} from {since.isoformat()}: consolidated version {what}; {REPAIR}"
            )
        for note in notes:
            if not note.note.startswith(("consolidated", "skipped: the issuer")):
                rep.unconsolidated.append({"work": note.work, "decision": note.made_by, "reason": note.note})
    rep.counts["unconsolidated"] = len(rep.unconsolidated)


def repair_store(engine: Engine) -> dict[str, int]:
    """Resolve what can be resolved and recompute every amended work's consolidated versions, in
    one transaction; return what was done."""
    from gongbao.consolidate import DECISION_KINDS, reconsolidate
    from gongbao.store.db import write_transaction
    from gongbao.store.ingest import _issue_stats, _repoint, resolve_relations

    r, d = relations, documents
    with write_transaction(engine) as conn:
        resolved = resolve_relations(conn)
        _repoint(conn, {w for (w,) in conn.execute(sa.select(r.c.target_work_key).distinct()) if w})
        _issue_stats(conn, {int(x) for (x,) in conn.execute(sa.select(issues.c.id))})
        works = sorted(
            w
            for (w,) in conn.execute(
                sa.select(r.c.target_work_key)
                .join(d, d.c.id == r.c.source_document_id)
                .where(r.c.kind == "amends", r.c.target_work_key.is_not(None), d.c.kind.in_(DECISION_KINDS))
                .distinct()
            )
            if w
        )
        made = sum(1 for w in works for c in reconsolidate(conn, w) if c.version_id is not None)
        from gongbao.store.ledger import fingerprint, rebuild_ledger, stored_fingerprint

        extracted = rebuild_ledger(conn) if stored_fingerprint(conn) != fingerprint() else 0
        from gongbao.store.records import rebuild_records, records_current

        reread = 0 if records_current(conn) else rebuild_records(conn)
    return {
        "resolved": resolved,
        "works": len(works),
        "consolidated": made,
        "ledger_documents": extracted,
        "record_issues": reread,
    }


def canonical_dump(engine: Engine | sa.Connection) -> dict[str, list[tuple[Any, ...]]]:
    """The store's content without its ids and clocks, each table as a sorted list of tuples.

    Rows refer to each other by natural keys (an issue by its content key, a document by work,
    version and text key), so two stores holding the same knowledge compare equal whatever the
    order in which they were written: the test of order independence and of recovery after a fault.
    """
    import hashlib

    from gongbao.store.schema import (
        appearances,
        appointments,
        events,
        expressions,
        issue_sources,
        versions,
    )

    def h(s: str | None) -> str | None:
        return hashlib.sha256(s.encode()).hexdigest()[:16] if s is not None else None

    import contextlib

    out: dict[str, list[tuple[Any, ...]]] = {}
    ctx = contextlib.nullcontext(engine) if isinstance(engine, sa.Connection) else engine.connect()
    with ctx as conn:
        iss = {r.id: r.content_sha for r in conn.execute(sa.select(issues.c.id, issues.c.content_sha))}
        docs = {
            r.id: (r.work_key, r.version_key, r.text_sha)
            for r in conn.execute(
                sa.select(documents.c.id, documents.c.work_key, documents.c.version_key, documents.c.text_sha)
            )
        }

        def table(name: str, q: Any, fn: Any) -> None:
            out[name] = sorted((fn(r) for r in conn.execute(q)), key=repr)

        table(
            "issues",
            sa.select(
                issues.c.content_sha, issues.c.source_len, issues.c.n_documents, issues.c.source, issues.c.residue
            ),
            lambda r: (r.content_sha, r.source_len, r.n_documents, h(r.source), repr(r.residue)),
        )
        out["totals"] = [
            (
                *tuple(
                    conn.execute(
                        sa.select(
                            sa.func.coalesce(sa.func.sum(issues.c.n_nodes), 0),
                            sa.func.coalesce(sa.func.sum(issues.c.total_length), 0),
                        )
                    ).one()
                ),
                fts.count_indexed(conn),
            )
        ]
        table("issue_sources", sa.select(issue_sources), lambda r: (iss[r.issue_id], r.sha256))
        table(
            "documents",
            sa.select(documents),
            lambda r: (
                docs[r.id],
                iss[r.issue_id],
                r.ordinal,
                r.ref,
                r.title,
                r.kind,
                r.doc_number,
                r.signed_date,
                r.effective_date,
                r.valid_from,
                r.published_date,
                r.n_nodes,
                h(r.text),
                repr(r.spans),
            ),
        )
        table(
            "appearances",
            sa.select(appearances),
            lambda r: (iss[r.issue_id], docs[r.document_id], r.ordinal, r.text_sha, repr(r.spans)),
        )
        table(
            "expressions",
            sa.select(expressions),
            lambda r: (docs[r.document_id], iss[r.issue_id], iss[r.replaced_by_issue_id], r.text_sha),
        )
        table(
            "nodes",
            sa.select(nodes),
            lambda r: (
                docs[r.document_id],
                r.ordinal,
                r.parent_ordinal,
                r.eid,
                r.kind,
                r.number,
                r.citation,
                h(r.text),
                r.start,
                r.end,
            ),
        )
        table(
            "relations",
            sa.select(relations),
            lambda r: (
                docs[r.source_document_id],
                r.kind,
                r.source_eid,
                r.target_number_key,
                r.target_title_key,
                docs.get(r.target_document_id) if r.target_document_id else None,
                r.target_work_key,
                r.since,
                r.effective,
            ),
        )
        table(
            "versions",
            sa.select(versions),
            lambda r: (
                r.work_key,
                r.work,
                r.made_by,
                r.valid_from,
                r.valid_to,
                r.origin,
                h(r.text),
                docs.get(r.document_id) if r.document_id else None,
            ),
        )
        table(
            "appointments",
            sa.select(appointments),
            lambda r: (docs.get(r.document_id) if r.document_id else None, r.action, r.person, r.post, r.date),
        )
        table("events", sa.select(events), lambda r: (r.date, h(r.text), r.same_day))
    return out
