"""The task ledger kept in the store: each document's tasks, goals and unit names, extracted once
at ingest (issue #16: every query reads only what it returns).

Before schema 6 every ``gongbao tasks --db`` and the first ``/api/v1/tasks`` after a write read
every stored document with its tree and extracted its tasks again (21 s and 470 MB on a
16,815-document store). Now ``store_issue`` writes, for each document whose text it stores:

* ``tasks``: one row per task (``kind='task'``, in print order), per goal (``'goal'``: targets a
  plan prints outside its tasks), per task table no row was read from (``'unread_table'``) and
  per unit clause no task was read from (``'unread_clause'``) — the warnings ``gongbao tasks``
  prints —, each with its record (``Task.to_record``) and the
  task's deadline for filtering;
* ``task_units``: one row per unit name as printed in a task's clause, with its role;
* ``unit_aliases``: the aliases the document defines (以下简称), for the unit registry.

Derived rows go stale when the extractor changes. ``fingerprint()`` hashes the sources of the
stages that make them (``gongbao.extract``, ``gongbao.grammar``, the unit tables); the store keeps
the fingerprint its rows were made with (``derived``), and ``ensure_current`` extracts every
document again, in one write transaction, when a reader finds it different. ``gongbao check``
reports a stale or incomplete ledger.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from gongbao.store.schema import derived, documents, nodes, task_units, tasks, unit_aliases

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

    from gongbao import model

__all__ = [
    "DOCUMENT_COLUMNS",
    "DocumentLedger",
    "delete_ledger",
    "ensure_current",
    "extract_ledger",
    "fingerprint",
    "ledger_state",
    "rebuild_ledger",
    "rederive",
    "stored_document",
    "tree_from_rows",
    "write_ledger",
]

NAME = "task_ledger"


@dataclass(slots=True)
class DocumentLedger:
    """What one document gives the ledger (``extract_ledger``)."""

    tasks: list[Any] = field(default_factory=list)  # extract.tasks.Task
    goals: list[Any] = field(default_factory=list)  # extract.tasks.Goal
    unread_tables: list[str] = field(default_factory=list)  # header lines of task tables no row was read from
    unread_clauses: list[str] = field(default_factory=list)  # unit clauses no task was read from (their words)
    aliases: list[tuple[str, str]] = field(default_factory=list)  # (full, short) defined by 以下简称

    def __bool__(self) -> bool:
        return bool(self.tasks or self.goals or self.unread_tables or self.unread_clauses or self.aliases)


def extract_ledger(doc: model.Document) -> DocumentLedger:
    """The ledger rows of one document, as ``query.ledger.build_ledger`` reads them: goals and
    aliases only from a document that has tasks; goals from any (those of a text without tasks
    only in its goals section, target tables and forward-dated paragraphs)."""
    from gongbao.extract.tasks import extract_goals, extract_tasks, unread_task_tables, unread_unit_clauses
    from gongbao.extract.units import derive_aliases

    found = extract_tasks(doc)
    out = DocumentLedger(
        tasks=found, unread_tables=unread_task_tables(doc.text), unread_clauses=unread_unit_clauses(doc.text)
    )
    out.goals = extract_goals(doc, found)  # a plan without unit clauses still prints its goals
    if found:
        out.aliases = derive_aliases(doc.text)
    return out


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """A hash of the sources the ledger is extracted by: any change to them makes stored rows stale."""
    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for sub in ("extract", "grammar", "structure", "data/units"):
        for p in sorted((root / sub).rglob("*")):
            if p.suffix in (".py", ".json", ".txt", ".toml", ".csv") and p.is_file():
                h.update(str(p.relative_to(root)).encode())
                h.update(p.read_bytes())
    unit_table = root / "data" / "units.json"
    if unit_table.is_file():
        h.update(unit_table.read_bytes())
    return h.hexdigest()[:16]


def write_ledger(conn: Connection, doc_id: int, led: DocumentLedger) -> None:
    """Insert one document's ledger rows (its old rows must be gone: ``delete_ledger``)."""
    rows: list[dict[str, Any]] = []
    for i, t in enumerate(led.tasks):
        d = t.deadline
        rows.append(
            {
                "document_id": doc_id,
                "ordinal": i,
                "kind": "task",
                "deadline": d,
                "n_targets": len(t.targets),
                "data": t.to_record(),
            }
        )
    for i, g in enumerate(led.goals):
        rows.append(
            {
                "document_id": doc_id,
                "ordinal": i,
                "kind": "goal",
                "deadline": None,
                "n_targets": len(g.targets),
                "data": g.to_record(),
            }
        )
    for i, header in enumerate(led.unread_tables):
        rows.append(
            {
                "document_id": doc_id,
                "ordinal": i,
                "kind": "unread_table",
                "deadline": None,
                "n_targets": 0,
                "data": {"header": header},
            }
        )
    for i, clause in enumerate(led.unread_clauses):
        rows.append(
            {
                "document_id": doc_id,
                "ordinal": i,
                "kind": "unread_clause",
                "deadline": None,
                "n_targets": 0,
                "data": {"clause": clause},
            }
        )
    if rows:
        ids = conn.execute(tasks.insert().returning(tasks.c.id, sort_by_parameter_order=True), rows).scalars().all()
        unit_rows = [
            {"task_id": int(tid), "document_id": doc_id, "role": role, "name": name}
            for tid, t in zip(ids, led.tasks, strict=False)  # the tasks' rows come first
            for role in ("lead", "cooperating", "responsible")
            for name in getattr(t, role)
        ]
        if unit_rows:
            conn.execute(task_units.insert(), unit_rows)
    if led.aliases:
        conn.execute(
            unit_aliases.insert(),
            [{"document_id": doc_id, "full_name": f, "short_name": s} for f, s in led.aliases],
        )


def delete_ledger(conn: Connection, doc_id: int) -> None:
    """Remove one document's ledger rows (its text is being replaced)."""
    conn.execute(task_units.delete().where(task_units.c.document_id == doc_id))
    conn.execute(tasks.delete().where(tasks.c.document_id == doc_id))
    conn.execute(unit_aliases.delete().where(unit_aliases.c.document_id == doc_id))


def stored_fingerprint(conn: Connection) -> str | None:
    return conn.execute(sa.select(derived.c.fingerprint).where(derived.c.name == NAME)).scalar()


def mark_current(conn: Connection) -> None:
    """Record that the ledger rows were made by this gongbao's extractor."""
    fp = fingerprint()
    if conn.execute(sa.update(derived).where(derived.c.name == NAME).values(fingerprint=fp)).rowcount == 0:
        conn.execute(derived.insert().values(name=NAME, fingerprint=fp))


#: the columns ``stored_document`` reads of a document row
DOCUMENT_COLUMNS = (
    documents.c.id,
    documents.c.title,
    documents.c.kind,
    documents.c.issuer,
    documents.c.doc_number,
    documents.c.instrument_title,
    documents.c.signed_date,
    documents.c.text,
)


def stored_document(conn: Connection, r: Any) -> model.Document:
    """A stored document (a row of ``DOCUMENT_COLUMNS``) with what the extractor reads: 文号,
    titles, kind, issuer, text, tree."""
    from gongbao import model

    d = model.Document(
        title=r.title,
        kind=r.kind,
        issuer=r.issuer,
        doc_number=r.doc_number,
        instrument_title=r.instrument_title,
        signed_date=r.signed_date,
        body_mt=model.MappedText(r.text, []),
    )
    rows = conn.execute(
        sa.select(nodes.c.ordinal, nodes.c.parent_ordinal, nodes.c.eid, nodes.c.kind, nodes.c.start, nodes.c.end)
        .where(nodes.c.document_id == r.id)
        .order_by(nodes.c.ordinal)
    ).all()
    d.body = tree_from_rows(rows)
    return d


def tree_from_rows(rows: Sequence[Any]) -> model.Node | None:
    """A body tree from flattened node rows (``store.citation.flatten``: pre-order, parent
    ordinals, the document's own row first). Each row gives kind, eid and offsets, and label,
    number, heading, text and attrs when it has them (the extractors read the first, ``show`` all)."""
    from gongbao import model

    if not rows:
        return None
    root = model.Node(kind="document")
    by_ordinal: dict[int, model.Node] = {}
    for r in rows:
        attrs = getattr(r, "attrs", None)
        n = model.Node(
            kind=r.kind,
            eid=r.eid or "",
            label=getattr(r, "label", None),
            number=getattr(r, "number", None),
            heading=getattr(r, "heading", None),
            text=getattr(r, "text", None) or "",
            start=r.start,
            end=r.end,
            attrs=dict(attrs) if isinstance(attrs, dict) else {},
        )
        if r.parent_ordinal is None and r.kind == "document":
            root = n  # the document's own row
        else:
            parent = by_ordinal.get(r.parent_ordinal) if r.parent_ordinal is not None else None
            (parent or root).children.append(n)
        by_ordinal[r.ordinal] = n
    return root


def rebuild_ledger(conn: Connection) -> int:
    """Extract every stored document's ledger again (in ``conn``'s transaction); the number of
    documents read. Reads one document at a time: memory is bounded by the largest document."""
    conn.execute(task_units.delete())
    conn.execute(tasks.delete())
    conn.execute(unit_aliases.delete())
    ids = [int(x) for x in conn.execute(sa.select(documents.c.id).order_by(documents.c.id)).scalars()]
    for doc_id in ids:
        r = conn.execute(sa.select(*DOCUMENT_COLUMNS).where(documents.c.id == doc_id)).one()
        write_ledger(conn, doc_id, extract_ledger(stored_document(conn, r)))
    mark_current(conn)
    return len(ids)


def ledger_state(conn: Connection) -> tuple[bool, int, int]:
    """``(current, documents with rows, task rows)``: is the ledger made by this extractor?"""
    current = stored_fingerprint(conn) == fingerprint()
    n_docs = conn.execute(sa.select(sa.func.count(sa.distinct(tasks.c.document_id)))).scalar() or 0
    n_tasks = conn.execute(sa.select(sa.func.count()).select_from(tasks).where(tasks.c.kind == "task")).scalar() or 0
    return current, int(n_docs), int(n_tasks)


def ensure_current(engine: Engine) -> int:
    """Re-extract the ledger when its rows were made by another extractor; the number of
    documents read (0 when current). Readers call it before they read the ledger."""
    return rederive(
        engine,
        lambda conn: stored_fingerprint(conn) == fingerprint(),
        rebuild_ledger,
        "the task ledger was extracted by another version of gongbao and cannot be extracted again",
    )


def rederive(
    engine: Engine, current: Callable[[Connection], bool], rebuild: Callable[[Connection], int], stale: str
) -> int:
    """Run ``rebuild`` in one write transaction unless ``current`` (checked again inside it:
    another process may have done it meanwhile); what it returns, or 0. A store that cannot be
    written (read-only, another writer holding it) is a ``StoreError`` starting with ``stale``."""
    from gongbao.store.db import write_transaction

    with engine.connect() as conn:
        if current(conn):
            return 0
    try:
        with write_transaction(engine) as conn:
            return 0 if current(conn) else rebuild(conn)
    except sa.exc.DBAPIError as e:
        from gongbao.errors import StoreError

        raise StoreError(
            f"{stale} here ({str(e.orig).splitlines()[0] if e.orig else type(e).__name__}): "
            "run gongbao check --repair with write access to the store"
        ) from e
