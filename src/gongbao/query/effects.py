"""What a stored decision did: each instruction, its target provision, applied / verified / differs.

``effects(engine, ref)`` reads the decision (a 令 or 决定 that amends or repeals works) and
the texts it acts on from the store, parses its instructions with ``gongbao.amend.grammar``,
checks them with ``gongbao.amend.verify.verify_decision`` against the texts republished with
the decision (or consolidated from it), and says for each work whether the store holds a
version the decision made (``applied``). Targets are given as citations in the numbering of
the text before the decision (第十四条第一款), ready to be linked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from gongbao.errors import CitationError
from gongbao.query.nodes import DocRow, document_by_id, document_row
from gongbao.store.keys import ref_key
from gongbao.store.schema import documents, versions

__all__ = ["Effect", "Effects", "WorkEffect", "effects"]


@dataclass(frozen=True, slots=True)
class Effect:
    """One operation of one instruction."""

    n: int | None  # the instruction's printed number
    part: str | None
    work: str | None  # the regulation it acts on (title as printed)
    action: str  # replace, insert, delete, renumber, replace_term, repeal_regulation, …
    target: str  # citation in the numbering before the decision (全文 for the whole text)
    article: int | None  # the target article's number before the decision
    new_target: str | None  # the citation after renumbering, if any
    verdict: str  # match, differs, unverifiable
    note: str | None
    raw: str  # the instruction as printed

    def to_json(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "part": self.part,
            "work": self.work,
            "action": self.action,
            "target": self.target,
            "article": self.article,
            "new_target": self.new_target,
            "verdict": self.verdict,
            "note": self.note,
            "raw": self.raw,
        }


@dataclass(frozen=True, slots=True)
class WorkEffect:
    """A work the decision acts on, and whether the store holds the result."""

    work: str
    doc_number: str | None
    stored: bool  # a text of the work is stored
    applied: bool  # a version made by this decision is stored (republished or consolidated)
    version_id: int | None
    origin: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "work": self.work,
            "doc_number": self.doc_number,
            "stored": self.stored,
            "applied": self.applied,
            "version_id": self.version_id,
            "origin": self.origin,
        }


@dataclass(slots=True)
class Effects:
    decision: DocRow
    effective: date | None
    general_clause: str | None
    works: list[WorkEffect] = field(default_factory=list)
    effects: list[Effect] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for e in self.effects:
            out[e.verdict] = out.get(e.verdict, 0) + 1
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "decision": self.decision.to_json(),
            "effective": self.effective.isoformat() if self.effective else None,
            "general_clause": self.general_clause,
            "works": [w.to_json() for w in self.works],
            "effects": [e.to_json() for e in self.effects],
            "counts": self.counts(),
        }


def effects(engine: Engine, ref: str) -> Effects:
    """The effects table of the stored decision ``ref``; ``CitationError`` when it is not stored
    or has no instructions."""
    from gongbao.amend.grammar import parse_decision
    from gongbao.amend.regtext import Regulation, parse_regulation
    from gongbao.amend.verify import verify_decision

    with engine.connect() as conn:
        row = document_row(conn, ref)
        if row is None:
            raise CitationError(f"no stored document {ref!r}")
        text = conn.execute(sa.select(documents.c.text).where(documents.c.id == row.id)).scalar_one()
        order = None
        if row.kind == "令" and row.doc_number:
            # 国务院令第752号 promulgates 国务院关于修改和废止部分行政法规的决定: what the order changed is
            # what the decision printed under it changes
            d = documents
            sub = conn.execute(
                sa.select(d.c.id, d.c.text)
                .where(d.c.parent == row.doc_number, d.c.kind.in_(("决定", "修正案")), d.c.issue_id == row.issue_id)
                .order_by(d.c.ordinal)
                .limit(1)
            ).first()
            if sub is not None:
                order, text = row.doc_number, sub.text
                row = document_by_id(conn, sub.id) or row
    try:
        decision = parse_decision(text, strict=False)
    except Exception as e:  # InstructionError and anything the grammar refuses
        raise CitationError(f"{row.ref} is not a decision with instructions: {e}") from None
    if not decision.instructions:
        raise CitationError(f"{row.ref} has no amendment instructions")
    # the versions it made: by its ref, or by the order it is printed under (a republished text names it)
    makers = sorted({row.ref} | {x for x in (order, getattr(row, "parent", None)) if x})
    titles = {t: n for t, n in decision.regulations}
    for ins in decision.instructions:
        if ins.regulation and ins.regulation not in titles:
            titles[ins.regulation] = ins.doc_number
    republished: dict[str, Regulation] = {}
    works: list[WorkEffect] = []
    v = versions
    with engine.connect() as conn:
        for title, number in titles.items():
            keys = [k for k in (ref_key(title), ref_key(number)) if k]
            made = conn.execute(
                sa.select(v.c.id, v.c.origin, v.c.text)
                .where(v.c.work_key.in_(keys), v.c.made_by.in_(makers))
                .order_by(v.c.id.desc())
            ).first()
            any_text = conn.execute(sa.select(v.c.id).where(v.c.work_key.in_(keys)).limit(1)).first()
            if made is not None:
                try:
                    republished[title] = parse_regulation(made.text, title=title)
                except Exception:
                    pass
            works.append(
                WorkEffect(
                    title,
                    number,
                    any_text is not None,
                    made is not None,
                    made.id if made is not None else None,
                    made.origin if made is not None else None,
                )
            )
    report = verify_decision(decision, republished, doc_number=row.ref)
    out: list[Effect] = []
    for ins, rep in zip(decision.instructions, report["instructions"], strict=False):
        checks = {c["op"]: c for c in rep.get("checks", [])}
        for op in ins.ops:
            c = checks.get(op.id, {})
            new = op.new_number.label() if op.new_number is not None else None
            out.append(
                Effect(
                    ins.n,
                    ins.part,
                    ins.regulation,
                    op.action,
                    op.target.label(),
                    op.target.article,
                    new,
                    c.get("verdict", rep.get("verdict", "unverifiable")),
                    c.get("note") or rep.get("difference"),
                    ins.raw,
                )
            )
    if not out and not works:
        raise CitationError(f"{row.ref} has no amendment or repeal instructions")
    return Effects(row, row.effective_date or row.signed_date, decision.general_clause, works, out)
