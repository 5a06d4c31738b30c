"""Consolidation in the store: when an amending decision arrives, apply it to the stored text of
each work it amends and keep the result as a dated version.

``consolidate_issue(engine, issue)`` runs after ``store.ingest.ingest_issue``. For every
decision (kind 令 or 决定) that amends works (对《X》作出修改), it takes the version of X valid
the day before the decision takes effect, applies the decision's instructions for X with
``gongbao.amend``, and stores the consolidated text (origin ``consolidated``, made by the
decision, valid from its effective date). Guarantees: it never overwrites a version; it does
nothing twice for the same (work, decision); it consolidates nothing where the issuer
republished the work under the same decision (that official text wins; ``gongbao verify``
compares the two); every skip is reported with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa

from gongbao.errors import CitationError, InstructionError
from gongbao.model import Document, Issue


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


def consolidate_issue(engine: Any, issue: Issue) -> list[Consolidated]:
    """Consolidate every work amended by a decision in ``issue`` whose earlier text is stored."""
    out: list[Consolidated] = []
    for doc in issue.documents:
        if doc.kind in ("令", "决定") and doc.amends:
            out.extend(_consolidate_decision(engine, doc))
    return out


def _consolidate_decision(engine: Any, doc: Document) -> list[Consolidated]:
    from gongbao.amend.engine import apply_decision
    from gongbao.amend.grammar import parse_decision
    from gongbao.amend.regtext import parse_regulation, render
    from gongbao.query.docs import version_as_of
    from gongbao.store.versions import add_version

    day = doc.effective_date or doc.signed_date
    out: list[Consolidated] = []
    for ref in doc.amends:
        work = ref.title or ref.doc_number or "?"
        if day is None:
            out.append(Consolidated(work, doc.ref, None, None, "skipped: the decision's effective date is unknown"))
            continue
        base = None
        for key in (ref.title, ref.doc_number):
            if key:
                try:
                    base = version_as_of(engine, key, day - timedelta(days=1))
                    break
                except CitationError:
                    continue
        if base is None:
            out.append(Consolidated(work, doc.ref, day, None, "skipped: no earlier version of this work is stored"))
            continue
        if _made_by(engine, base.work, doc.ref):
            out.append(
                Consolidated(
                    base.work, doc.ref, day, None, "skipped: a version made by this decision is already stored"
                )
            )
            continue
        try:
            decision = parse_decision(doc.text, strict=False)
            result = apply_decision(parse_regulation(base.text), decision, valid_from=day)
        except InstructionError as e:
            out.append(Consolidated(base.work, doc.ref, day, None, f"not consolidated: {e}"))
            continue
        text = render(result.regulation).rstrip("\n")
        vid = add_version(engine, base.work, text, made_by=doc.ref, valid_from=day, origin="consolidated")
        notes = "; ".join(result.notes) if result.notes else ""
        out.append(Consolidated(base.work, doc.ref, day, vid, "consolidated" + (f" ({notes})" if notes else "")))
    return out


def _made_by(engine: Any, work: str, decision: str) -> bool:
    from gongbao.store.keys import ref_key
    from gongbao.store.schema import versions

    with engine.connect() as conn:
        n = conn.execute(
            sa.select(sa.func.count())
            .select_from(versions)
            .where(versions.c.work_key == ref_key(work), versions.c.made_by == decision)
        ).scalar()
    return bool(n)
