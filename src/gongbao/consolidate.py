"""Consolidation in the store: every work amended by stored decisions gets its dated versions.

``reconsolidate(conn, work_key)`` recomputes, inside the caller's transaction, the consolidated
versions of one work from what the store holds: its printed or republished versions (the bases)
and every stored decision that amends it (a relation ``amends`` resolved to the work, from a
document of kind 令 or 决定). Decisions are applied in the order of their effective dates, each to
the version valid the day before it takes effect (a consolidated one included), so the result
does not depend on the order in which the issues were ingested: a decision stored before its base
is applied when the base arrives, and a decision older than those already applied is put in its
place and the later ones re-applied after it.

Guarantees: the stored consolidated versions of the work equal the recomputed ones (they are
rewritten only when they differ, so a second run changes nothing); no version is made where the
issuer republished the work under the same decision (that official text wins; ``gongbao verify``
compares the two); every skip is reported with its reason. ``store.ingest.ingest_issue`` calls it
in the ingest transaction; ``consolidate_issue(engine, issue)`` is kept for callers that consolidate
an already stored issue (it changes nothing when the store is complete).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from gongbao.errors import GongbaoError
from gongbao.model import Issue

__all__ = [
    "DECISION_KINDS",
    "Consolidated",
    "consolidate_issue",
    "desired_versions",
    "reconsolidate",
    "waiting_notes",
    "works_amended_by",
]

#: Document kinds whose ``amends`` relations are applied to the text of the work.
DECISION_KINDS = ("令", "决定")


@dataclass(frozen=True, slots=True)
class Consolidated:
    """What happened to one (work, decision) pair."""

    work: str
    made_by: str
    valid_from: date | None
    version_id: int | None  # the stored version, when one was made
    note: str

    def to_json(self) -> dict[str, Any]:
        return {
            "work": self.work,
            "made_by": self.made_by,
            "valid_from": self.valid_from.isoformat() if self.valid_from else None,
            "version_id": self.version_id,
            "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class _Version:
    work: str
    made_by: str | None
    valid_from: date | None
    origin: str
    text: str


def _decision_day(row: Any) -> date | None:
    return row.effective_date or row.signed_date


def _republished_by(bases: list[_Version], dec: Any) -> _Version | None:
    """The base the issuer republished under ``dec``: made by its 文号, or by its title (as a
    republished text's history names it) on the decision's date — a title alone is not unique
    (every 国务院关于修改《X》的决定 has the same one)."""
    from gongbao.store.keys import ref_key

    dec_number, dec_title = ref_key(dec.doc_number), ref_key(dec.title)
    # a decision printed under the 令 that promulgates it (国务院令第752号 + 国务院关于修改和废止部分行政法规的
    # 决定) has no 文号 of its own: the order's stands for it, and the text republished after it is
    # made by that order
    order = ref_key(dec.parent) if getattr(dec, "parent", None) else ""
    days = {dec.signed_date, dec.effective_date} | {
        date.fromisoformat(h["date"]) for h in (dec.history or []) if isinstance(h, dict) and h.get("date")
    }
    for b in bases:
        by = ref_key(b.made_by)
        if not by:
            continue
        if (dec_number and by == dec_number) or (order and by == order):
            return b
        if len(by) >= 6 and dec_title.endswith(by) and b.valid_from in days:
            return b
    return None


def desired_versions(conn: Connection, work_key: str) -> tuple[list[_Version], list[Consolidated]]:
    """The consolidated versions ``work_key`` should have, and a note per (decision, work)."""
    from gongbao.amend.engine import apply_decision
    from gongbao.amend.grammar import parse_decision
    from gongbao.amend.regtext import parse_regulation, render
    from gongbao.store.schema import documents, relations, versions

    v, r, d = versions, relations, documents
    bases = [
        _Version(row.work, row.made_by, row.valid_from, row.origin, row.text)
        for row in conn.execute(
            sa.select(v.c.work, v.c.made_by, v.c.valid_from, v.c.origin, v.c.text)
            .where(v.c.work_key == work_key, v.c.origin != "consolidated")
            .order_by(v.c.valid_from.nulls_first(), v.c.origin, v.c.text)
        )
    ]
    decs = conn.execute(
        sa.select(
            d.c.id,
            d.c.ref,
            d.c.doc_number,
            d.c.title,
            d.c.text,
            d.c.history,
            d.c.effective_date,
            d.c.signed_date,
            d.c.parent,
        ).where(
            d.c.kind.in_(DECISION_KINDS),
            d.c.id.in_(sa.select(r.c.source_document_id).where(r.c.target_work_key == work_key, r.c.kind == "amends")),
            d.c.work_key != work_key,
        )
    ).all()
    decs = sorted(decs, key=lambda x: (_decision_day(x) or date.max, x.ref, x.text))
    made: list[_Version] = []
    notes: list[Consolidated] = []
    work = bases[-1].work if bases else work_key
    for dec in decs:
        day = _decision_day(dec)
        if day is None:
            notes.append(Consolidated(work, dec.ref, None, None, "skipped: the decision's effective date is unknown"))
            continue
        if _republished_by(bases, dec) is not None:
            notes.append(Consolidated(work, dec.ref, day, None, "skipped: the issuer republished the work under it"))
            continue
        before = [x for x in bases + made if x.valid_from is None or x.valid_from <= day - timedelta(days=1)]
        if not before:
            notes.append(Consolidated(work, dec.ref, day, None, "skipped: no earlier version of this work is stored"))
            continue
        base = max(enumerate(before), key=lambda p: (p[1].valid_from or date.min, p[1].origin == "consolidated", p[0]))[
            1
        ]
        try:
            decision = parse_decision(dec.text, strict=False)
            result = apply_decision(parse_regulation(base.text), decision, valid_from=day)
            text = render(result.regulation).rstrip("\n")
        except GongbaoError as e:
            notes.append(Consolidated(base.work, dec.ref, day, None, f"not consolidated: {e}"))
            continue
        except (ValueError, IndexError, KeyError, AttributeError, TypeError) as e:  # an engine bug: reported
            notes.append(Consolidated(base.work, dec.ref, day, None, f"not consolidated ({type(e).__name__}: {e})"))
            continue
        made.append(_Version(base.work, dec.ref, day, "consolidated", text))
        extra = "; ".join(result.notes) if result.notes else ""
        notes.append(Consolidated(base.work, dec.ref, day, None, "consolidated" + (f" ({extra})" if extra else "")))
    return made, notes


def _history_steps(history: Any) -> tuple[date | None, list[str]]:
    """The last date of a stored history (a list of {date, event, by, instrument}) and the
    instruments named by its steps of that date."""
    steps = [h for h in (history or []) if isinstance(h, dict) and h.get("date")]
    if not steps:
        return None, []
    last = max(date.fromisoformat(h["date"]) for h in steps)
    names = [
        str(h.get(k)) for h in steps if date.fromisoformat(h["date"]) == last for k in ("by", "instrument") if h.get(k)
    ]
    return last, names


def _history_steps_dates(history: Any) -> set[date]:
    return {date.fromisoformat(h["date"]) for h in (history or []) if isinstance(h, dict) and h.get("date")}


def _order_dates(conn: Connection, orders: set[str]) -> dict[str, date]:
    """The date each 令 in ``orders`` (文号 as a promulgated document's ``parent`` prints it) was
    signed: a decision printed under its order (国务院令第752号) is dated by the order."""
    from gongbao.store.schema import documents

    if not orders:
        return {}
    d = documents
    out: dict[str, date] = {}
    for row in conn.execute(
        sa.select(d.c.doc_number, d.c.signed_date).where(d.c.doc_number.in_(sorted(orders)), d.c.kind == "令")
    ):
        if row.signed_date is not None:
            out.setdefault(row.doc_number, row.signed_date)
    return out


def republished_valid_from(conn: Connection, work_key: str) -> int:
    """Date each republished version of ``work_key`` from the 施行 of the instrument that made it.

    A republished text's history ends with the adoption of its last amending instrument
    (…2020年12月26日…通过的《中华人民共和国刑法修正案（十一）》修正); the version is stored valid from
    that date. When the store holds that instrument (a decision amending the work, found by its title
    or 文号) with a later effective date (本修正案自2021年3月1日起施行), the version is valid from the
    effective date instead, and made by it. Without the instrument the adoption date stays (the store
    cannot know the 施行 date). Recomputed from the documents each time: the same whatever the order
    of ingestion. Returns the number of versions changed."""
    from gongbao.store.keys import ref_key
    from gongbao.store.schema import documents, relations, versions

    v, r, d = versions, relations, documents
    rows = conn.execute(
        sa.select(v.c.id, v.c.made_by, v.c.valid_from, d.c.history)
        .join(d, d.c.id == v.c.document_id)
        .where(v.c.work_key == work_key, v.c.origin == "republished")
    ).all()
    if not rows:
        return 0
    decs = conn.execute(
        sa.select(
            d.c.ref, d.c.doc_number, d.c.title, d.c.history, d.c.effective_date, d.c.signed_date, d.c.parent
        ).where(
            d.c.kind.in_(DECISION_KINDS),
            d.c.id.in_(sa.select(r.c.source_document_id).where(r.c.target_work_key == work_key, r.c.kind == "amends")),
            d.c.work_key != work_key,
        )
    ).all()
    signed_by_order = _order_dates(conn, {x.parent for x in decs if x.parent and x.signed_date is None})
    changed = 0
    for row in rows:
        last, names = _history_steps(row.history)
        if last is None:
            continue
        keys = {ref_key(n) for n in names} - {""}
        # adopted that day (a title alone is not unique: every 国务院关于修改《X》的决定 has the same one)
        same_day = [
            x
            for x in sorted(decs, key=lambda x: x.ref or "")
            if x.effective_date is not None
            and x.effective_date > last
            and (
                (x.signed_date or signed_by_order.get(x.parent or "")) == last
                or last in _history_steps_dates(x.history)
            )
        ]
        named = [x for x in same_day if keys & {ref_key(x.title), ref_key(x.doc_number), ref_key(x.ref)}]
        # A history step that names no instrument (2024年11月28日…第十七次会议通过, as a database prints the
        # line of a 修正): the one decision amending this work adopted that day, if there is exactly one.
        dec = named[0] if named else (same_day[0] if not keys and len(same_day) == 1 else None)
        want, by = (dec.effective_date, dec.ref) if dec is not None else (last, None)
        if row.valid_from not in (last, want) or (row.valid_from == want and (by is None or row.made_by == by)):
            continue  # set otherwise (no history date of its own), or already right
        values: dict[str, Any] = {"valid_from": want}
        if by is not None and not row.made_by:
            values["made_by"] = by
        conn.execute(v.update().where(v.c.id == row.id).values(**values))
        changed += 1
    return changed


def reconsolidate(conn: Connection, work_key: str) -> list[Consolidated]:
    """Make the stored consolidated versions of ``work_key`` equal the recomputed ones (in ``conn``'s
    transaction); return a note per decision, with the id of each version now stored. Republished
    versions are first dated from their amending instrument's 施行 when it is stored
    (``republished_valid_from``)."""
    from gongbao.store.ingest import lock_keys
    from gongbao.store.schema import versions

    v = versions
    lock_keys(conn, [work_key])  # PostgreSQL: one writer of a work's versions at a time
    republished_valid_from(conn, work_key)
    made, notes = desired_versions(conn, work_key)
    stored = conn.execute(
        sa.select(v.c.id, v.c.work, v.c.made_by, v.c.valid_from, v.c.text).where(
            v.c.work_key == work_key, v.c.origin == "consolidated"
        )
    ).all()
    want = sorted((x.made_by or "", x.valid_from or date.min, x.text) for x in made)
    have = sorted((x.made_by or "", x.valid_from or date.min, x.text) for x in stored)
    if want != have:
        if stored:
            conn.execute(v.delete().where(v.c.work_key == work_key, v.c.origin == "consolidated"))
        for x in made:
            conn.execute(
                v.insert().values(
                    work=x.work,
                    work_key=work_key,
                    made_by=x.made_by,
                    valid_from=x.valid_from,
                    valid_to=None,
                    document_id=None,
                    origin="consolidated",
                    text=x.text,
                    body=None,
                )
            )
    ids = {
        (row.made_by, row.valid_from): int(row.id)
        for row in conn.execute(
            sa.select(v.c.id, v.c.made_by, v.c.valid_from).where(v.c.work_key == work_key, v.c.origin == "consolidated")
        )
    }
    out = []
    for n in notes:
        vid = ids.get((n.made_by, n.valid_from)) if n.note.startswith("consolidated") else None
        out.append(Consolidated(n.work, n.made_by, n.valid_from, vid, n.note))
    return out


def works_amended_by(conn: Connection, document_ids: list[int]) -> list[str]:
    """The works (keys) that the decisions among ``document_ids`` amend, resolved, sorted."""
    from gongbao.store.schema import documents, relations

    if not document_ids:
        return []
    r, d = relations, documents
    rows = conn.execute(
        sa.select(r.c.target_work_key)
        .join(d, d.c.id == r.c.source_document_id)
        .where(
            r.c.source_document_id.in_(document_ids),
            r.c.kind == "amends",
            r.c.target_work_key.is_not(None),
            d.c.kind.in_(DECISION_KINDS),
        )
        .distinct()
    ).all()
    return sorted(k for (k,) in rows if k)


def waiting_notes(conn: Connection, document_ids: list[int]) -> list[Consolidated]:
    """A note per amending reference of the decisions among ``document_ids`` whose work is not
    stored yet: the decision is applied when that work arrives."""
    from gongbao.store.schema import documents, relations

    if not document_ids:
        return []
    r, d = relations, documents
    rows = conn.execute(
        sa.select(r.c.target_title, r.c.target_doc_number, d.c.ref, d.c.effective_date, d.c.signed_date)
        .join(d, d.c.id == r.c.source_document_id)
        .where(
            r.c.source_document_id.in_(document_ids),
            r.c.kind == "amends",
            r.c.target_work_key.is_(None),
            d.c.kind.in_(DECISION_KINDS),
        )
        .order_by(r.c.id)
    ).all()
    return [
        Consolidated(
            x.target_title or x.target_doc_number or "?",
            x.ref,
            _decision_day(x),
            None,
            "skipped: no earlier version of this work is stored (applied when it arrives)",
        )
        for x in rows
    ]


def consolidate_issue(engine: Any, issue: Issue) -> list[Consolidated]:
    """Consolidate (again) every work amended by a decision of the stored ``issue``.

    Ingest already does this in its transaction; this completes a store where it is missing and
    otherwise changes nothing. Returns a note per (work, decision) of the issue.
    """
    from gongbao.store.db import write_transaction
    from gongbao.store.keys import content_key
    from gongbao.store.schema import appearances, issues

    out: list[Consolidated] = []
    with write_transaction(engine) as conn:
        iid = conn.execute(sa.select(issues.c.id).where(issues.c.content_sha == content_key(issue.source))).scalar()
        if iid is None:
            return out
        ids = [
            int(x) for (x,) in conn.execute(sa.select(appearances.c.document_id).where(appearances.c.issue_id == iid))
        ]
        refs = {d.ref for d in issue.documents}
        for w in works_amended_by(conn, ids):
            out.extend(c for c in reconsolidate(conn, w) if c.made_by in refs)
        out.extend(waiting_notes(conn, ids))
    return out
