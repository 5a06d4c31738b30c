"""Plans in the store: the 重污染天气应急预案 in force on a date, and later versions of a plan.

Read-only queries over the store's ``documents`` and ``nodes`` tables; the body tree is rebuilt
from the stored nodes so the rule-set reader sees the same eids as on the parsed file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from gongbao.model import Document, Node
from gongbao.rules.extract import PLAN_TITLE_RE

__all__ = ["StoredPlan", "later_versions", "load_document", "plan_place", "several_places", "stored_plans"]


@dataclass(frozen=True, slots=True)
class StoredPlan:
    id: int
    ref: str
    title: str
    doc_number: str | None
    valid_from: date | None
    place: str | None = (
        None  # the place the plan is of (聊城市重污染天气应急预案 -> 聊城市), when its title or issuer says
    )


def plan_place(title: str | None, issuer: str | None) -> str | None:
    """The place a plan is of: the place its title opens with (聊城市重污染天气应急预案 -> 聊城市), else
    its issuer's (``extract.units.jurisdiction_of``, the place names the task ledger uses)."""
    from gongbao.extract.units import jurisdiction_of

    return jurisdiction_of(title) or jurisdiction_of(issuer)


def _tables(engine: Engine) -> tuple[sa.Table, sa.Table]:
    from gongbao.store.schema import documents, nodes

    del engine
    return documents, nodes


def stored_plans(engine: Engine) -> list[StoredPlan]:
    """Every stored document whose title or instrument title names a heavy-pollution plan, oldest first."""
    documents, _ = _tables(engine)
    cols = [
        documents.c.id,
        documents.c.ref,
        documents.c.title,
        documents.c.instrument_title,
        documents.c.doc_number,
        documents.c.valid_from,
        documents.c.issuer,
    ]
    out = []
    with engine.connect() as conn:
        for row in conn.execute(sa.select(*cols)):
            title = (
                row.instrument_title
                if row.instrument_title and PLAN_TITLE_RE.search(row.instrument_title)
                else row.title
            )
            # the plan itself (or the notice issuing it), not a notice repealing or citing one
            if PLAN_TITLE_RE.search(title or "") and re.search(r"预案(?:[（(][^）)]*[）)])?$", title or ""):
                place = plan_place(title, row.issuer)
                out.append(StoredPlan(row.id, row.ref, title, row.doc_number, row.valid_from, place))
    return sorted(out, key=lambda p: (p.valid_from or date.min, p.id))


def later_versions(engine: Engine, title: str, after: date | None) -> list[str]:
    """Refs (with dates) of stored plans with the same title that took effect after ``after``."""
    key = "".join(title.split())
    out = []
    for p in stored_plans(engine):
        if "".join(p.title.split()) == key and after is not None and p.valid_from is not None and p.valid_from > after:
            out.append(f"{p.ref} ({p.valid_from.isoformat()})")
    return out


def load_document(engine: Engine, plan: StoredPlan) -> Document:
    """The stored document with its body tree rebuilt from the ``nodes`` table."""
    documents, nodes = _tables(engine)
    with engine.connect() as conn:
        d = conn.execute(sa.select(documents).where(documents.c.id == plan.id)).one()
        rows = conn.execute(sa.select(nodes).where(nodes.c.document_id == plan.id).order_by(nodes.c.ordinal)).all()
    by_ordinal: dict[int, Node] = {}
    root: Node | None = None
    for r in rows:
        node = Node(r.kind, r.eid, r.label, r.number, r.heading, r.text)
        by_ordinal[r.ordinal] = node
        if r.parent_ordinal is None or r.parent_ordinal not in by_ordinal:
            root = root or node
            if node is not root:
                root.children.append(node)
        else:
            by_ordinal[r.parent_ordinal].children.append(node)
    doc = Document(d.title, d.kind, d.issuer, d.doc_number)
    doc.instrument_title = d.instrument_title
    doc.signed_date = d.signed_date
    doc.effective_date = d.effective_date
    doc.body = root
    return doc


def several_places(plans: list[StoredPlan]) -> str | None:
    """When ``plans`` are of more than one place, the places with a plan of each (聊城市: 聊政办字〔2024〕18号;
    武汉市: …) for the caller's refusal — a series names no place, and one city's thresholds are
    never applied to another's air; else None."""
    by_place: dict[str, StoredPlan] = {}
    for p in plans:
        by_place[p.place or "?"] = p
    if len(by_place) < 2:
        return None
    return "; ".join(f"{place}: {p.ref}" for place, p in by_place.items())
