"""Appointments and chronicle events kept in the store, read again when their reader changed.

``store_issue`` writes the appointment records and the chronicle's events an issue's parse gives
(``appointments``, ``events``). Like the task ledger (``store.ledger``), they go stale when the
code that reads them changes: a store ingested before the 湖北 clause forms were read holds 11 of
their 39 records. ``fingerprint()`` hashes the sources that make them (the ledger's, and the
pipeline that calls the readers); ``derived`` keeps the one the rows were made with, and
``ensure_current`` reads them again when a reader finds it different: every issue that prints an
act of appointment or a chronicle is parsed again from its stored source, and its records
replace the old ones, in one write transaction (the other issues have none to read). ``gongbao
check`` reports stale records and ``check --repair`` reads them again.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa

from gongbao.store.schema import appearances, appointments, derived, documents, events, issues

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

__all__ = [
    "NAME",
    "ensure_current",
    "fingerprint",
    "mark_current",
    "note_written",
    "rebuild_records",
    "records_current",
]

NAME = "appointments_events"


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """A hash of the sources appointments and events are read by."""
    from gongbao.store.ledger import fingerprint as ledger_fingerprint

    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha256(ledger_fingerprint().encode())
    h.update((root / "pipeline.py").read_bytes())
    return h.hexdigest()[:16]


def records_current(conn: Connection) -> bool:
    """Were the stored appointments and events made by this gongbao? (One row read: a store
    upgraded to schema 7 with nothing to read them from was marked current by the migration.)"""
    fp = conn.execute(sa.select(derived.c.fingerprint).where(derived.c.name == NAME)).scalar()
    return bool(fp == fingerprint())


def mark_current_if_nothing_to_read(conn: Connection) -> None:
    """A store no issue of which prints an act of appointment or a chronicle has no records to
    read again: they are current (schema 7's migration; a new store)."""
    if not _issues_to_read(conn):
        mark_current(conn)


def mark_current(conn: Connection) -> None:
    fp = fingerprint()
    if conn.execute(sa.update(derived).where(derived.c.name == NAME).values(fingerprint=fp)).rowcount == 0:
        conn.execute(derived.insert().values(name=NAME, fingerprint=fp))


def note_written(conn: Connection) -> None:
    """After an ingest wrote records: a store whose records another version made now holds
    records of two versions (``mixed``, never current): all are read again by the next reader."""
    fp = conn.execute(sa.select(derived.c.fingerprint).where(derived.c.name == NAME)).scalar()
    if fp is not None and fp != fingerprint():
        conn.execute(sa.update(derived).where(derived.c.name == NAME).values(fingerprint="mixed"))


def _issues_to_read(conn: Connection) -> list[int]:
    """The issues printing an act of appointment (``pipeline.may_appoint``, the pipeline's own
    test) or a chronicle, in the order stored; one pass over the documents' titles and kinds."""
    from gongbao.pipeline import may_appoint

    q = (
        sa.select(appearances.c.issue_id, documents.c.title, documents.c.kind)
        .join(documents, documents.c.id == appearances.c.document_id)
        .order_by(appearances.c.issue_id)
    )
    out: list[int] = []
    for issue_id, title, kind in conn.execute(q):
        # a title naming 大事记 too: a chronicle an older version stored as 文件 (1993年政务大事记（二）)
        chronicle = kind == "大事记" or "大事记" in (title or "")
        if (not out or out[-1] != issue_id) and (chronicle or may_appoint(title, kind)):
            out.append(int(issue_id))
    return out


def rebuild_records(conn: Connection) -> int:
    """Read every stored issue's appointments and events again (in ``conn``'s transaction); the
    number of issues parsed. One issue is held in memory at a time."""
    from gongbao.pipeline import parse_text
    from gongbao.store.ingest import store_people_and_events
    from gongbao.store.keys import ref_key

    conn.execute(appointments.delete())
    conn.execute(events.delete())
    ids = _issues_to_read(conn)
    for issue_id in ids:
        path, source = conn.execute(sa.select(issues.c.path, issues.c.source).where(issues.c.id == issue_id)).one()
        if not source:
            continue
        issue = parse_text(source, path)
        doc_ids: dict[str, int] = {}
        for number, doc_id in conn.execute(
            sa.select(documents.c.doc_number, documents.c.id)
            .join(appearances, appearances.c.document_id == documents.c.id)
            .where(appearances.c.issue_id == issue_id)
            .order_by(appearances.c.ordinal)
        ):
            if number:
                doc_ids.setdefault(ref_key(number), int(doc_id))
        store_people_and_events(conn, issue, issue_id, doc_ids)
    mark_current(conn)
    return len(ids)


def ensure_current(engine: Engine) -> int:
    """Read the appointments and events again when another version of gongbao made them; the
    number of issues parsed (0 when current). Readers call it before they read them."""
    from gongbao.store.ledger import rederive

    return rederive(
        engine,
        records_current,
        rebuild_records,
        "the appointments and events were read by another version of gongbao and cannot be read again",
    )
