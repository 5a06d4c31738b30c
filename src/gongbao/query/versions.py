"""Versions of a work in time: the timeline, the text valid on a date, diffs, an article's history.

``timeline(engine, ref)`` lists the stored versions of the work ``ref`` names (printed,
republished, consolidated), oldest first, without their texts. ``point_in_time(engine, ref,
as_of)`` is what a document page shows: the version valid on the date (the consolidated one
where the store has it, not the printed text under an "amended" status), its body, and the
banner facts (valid from/to, amended by, later changes known). ``diff(engine, ref, a, b)``
aligns two versions article by article with character marks (``gongbao.amend.diff``);
``article_history`` says which instruction of which decision changed an article, and when.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from gongbao.errors import CitationError
from gongbao.query.nodes import DocRow, NodeView, document_by_id, document_row, stored_tree, text_tree
from gongbao.query.status import Status, status
from gongbao.store.keys import ref_key
from gongbao.store.schema import documents, issues, versions

__all__ = [
    "ArticleChange",
    "PointInTime",
    "VersionInfo",
    "article_history",
    "diff",
    "point_in_time",
    "timeline",
    "version_text",
]


@dataclass(frozen=True, slots=True)
class VersionInfo:
    """One stored version of a work (its text is read only when shown)."""

    id: int
    work: str
    made_by: str | None
    valid_from: date | None
    valid_to: date | None  # the day before the next version starts, else the stored end
    origin: str  # printed, republished, consolidated
    document_id: int | None

    def to_json(self) -> dict[str, Any]:
        iso = lambda d: d.isoformat() if d else None  # noqa: E731
        return {
            "id": self.id,
            "work": self.work,
            "made_by": self.made_by,
            "valid_from": iso(self.valid_from),
            "valid_to": iso(self.valid_to),
            "origin": self.origin,
            "document_id": self.document_id,
        }


def _work_keys(row: DocRow | None, ref: str) -> list[str]:
    keys = {ref_key(ref)}
    if row is not None:
        keys |= {ref_key(row.ref), ref_key(row.title)}
        if row.doc_number:
            keys.add(ref_key(row.doc_number))
    return sorted(k for k in keys if k)


def _versions(conn: Connection, keys: list[str]) -> list[VersionInfo]:
    v = versions
    rows = conn.execute(
        sa.select(v.c.id, v.c.work, v.c.made_by, v.c.valid_from, v.c.valid_to, v.c.origin, v.c.document_id)
        .where(v.c.work_key.in_(keys))
        .order_by(v.c.valid_from.nulls_first(), v.c.id)
    ).all()
    # A decision stored as a document is its own "printed" version; a version made by the
    # same instrument and start date as another is a duplicate copy (two sources of one text).
    out: list[VersionInfo] = []
    for i, r in enumerate(rows):
        nxt = next((x.valid_from for x in rows[i + 1 :] if x.valid_from and x.valid_from != r.valid_from), None)
        end = (nxt - timedelta(days=1)) if nxt else r.valid_to
        out.append(VersionInfo(r.id, r.work, r.made_by, r.valid_from, end, r.origin, r.document_id))
    return out


def timeline(engine: Engine, ref: str) -> tuple[DocRow | None, list[VersionInfo]]:
    """The stored document ``ref`` names (if any) and the versions of its work, oldest first."""
    with engine.connect() as conn:
        row = document_row(conn, ref)
        found = _versions(conn, _work_keys(row, ref))
    if row is None and not found:
        raise CitationError(f"no stored document or version {ref!r}")
    return row, found


def _pick(found: list[VersionInfo], day: date) -> VersionInfo | None:
    current = None
    for v in found:
        if v.valid_from is None or v.valid_from <= day:
            if current is None or (v.valid_from or date.min) >= (current.valid_from or date.min):
                current = v
    return current


def version_text(engine: Engine, version_id: int) -> tuple[VersionInfo, str, DocRow | None]:
    """One version by id: its info, text and the stored document printing it (if any)."""
    v = versions
    with engine.connect() as conn:
        r = conn.execute(sa.select(v).where(v.c.id == version_id)).first()
        if r is None:
            raise CitationError(f"no stored version {version_id}")
        row = document_by_id(conn, r.document_id) if r.document_id else None
    return VersionInfo(r.id, r.work, r.made_by, r.valid_from, r.valid_to, r.origin, r.document_id), r.text, row


def _tree_of(engine: Engine, info: VersionInfo, text: str, kind: str) -> NodeView:
    if info.document_id is not None:
        with engine.connect() as conn:
            tree = stored_tree(conn, info.document_id)
        if tree.children:
            return tree
    return text_tree(text, kind)


@dataclass(slots=True)
class PointInTime:
    """What a document page shows on a date: which text, and the banner's facts."""

    document: DocRow
    as_of: date
    status: Status
    version: VersionInfo | None  # the version shown (None: the printed document, no version stored)
    exact: bool  # the version shown is the one valid on as_of (false: the nearest stored one)
    tree: NodeView
    text: str
    versions: list[VersionInfo] = field(default_factory=list)
    later: list[VersionInfo] = field(default_factory=list)  # versions starting after as_of
    known_until: date | None = None  # when the store was last updated: changes known up to it

    @property
    def valid_from(self) -> date | None:
        if self.version is not None and self.version.valid_from:
            return self.version.valid_from
        return self.document.valid_from

    @property
    def valid_to(self) -> date | None:
        ends = [d for d in (self.version.valid_to if self.version else None, self.document.expiry_date) if d]
        if self.status.repealed_since:
            ends.append(self.status.repealed_since - timedelta(days=1))
        nxt = [v.valid_from for v in self.later if v.valid_from]
        if nxt:
            ends.append(min(nxt) - timedelta(days=1))
        return min(ends) if ends else None

    def to_json(self) -> dict[str, Any]:
        iso = lambda d: d.isoformat() if d else None  # noqa: E731
        return {
            "document": self.document.to_json(),
            "as_of": self.as_of.isoformat(),
            "status": self.status.to_json(),
            "version": self.version.to_json() if self.version else None,
            "exact": self.exact,
            "valid_from": iso(self.valid_from),
            "valid_to": iso(self.valid_to),
            "later_versions": [v.to_json() for v in self.later],
            "versions": [v.to_json() for v in self.versions],
            "known_until": iso(self.known_until),
            "text": self.text,
            "body": self.tree.to_json(),
        }


def point_in_time(engine: Engine, ref: str, as_of: date | None = None) -> PointInTime:
    """The version of ``ref`` valid on ``as_of`` (default today) and the facts of its banner.

    Order of preference: the stored version valid on the date (consolidated where the store
    has it); else the earliest stored version (``exact`` false: the text valid then is not
    stored); else the printed document itself.
    """
    day = as_of or date.today()
    with engine.connect() as conn:
        row = document_row(conn, ref)
        if row is None:
            raise CitationError(f"no stored document {ref!r}")
        found = _versions(conn, _work_keys(row, ref))
        # the store's last update (the issues table has one row per issue: no scan of documents)
        known = conn.execute(sa.select(sa.func.max(issues.c.ingested_at))).scalar()
        if isinstance(known, datetime):
            known = known.date()
    st = status(engine, row.ref, day)
    chosen = _pick(found, day)
    exact = chosen is not None
    if chosen is None and found:
        chosen = found[0]
    later = [v for v in found if v.valid_from and v.valid_from > day and (chosen is None or v.id != chosen.id)]
    if chosen is not None:
        _info, text, _ = version_text(engine, chosen.id)
        tree = _tree_of(engine, chosen, text, row.kind)
    else:
        with engine.connect() as conn:
            tree = stored_tree(conn, row.id)
            text = conn.execute(sa.select(documents.c.text).where(documents.c.id == row.id)).scalar_one()
        exact = True
    return PointInTime(row, day, st, chosen, exact, tree, text, found, later, known)


# ---------------------------------------------------------------- diff


@dataclass(frozen=True, slots=True)
class DiffLine:
    """One aligned pair of articles; ``marks`` is the new text with [-…-] and {+…+} marks."""

    old: int | None
    new: int | None
    status: str
    old_text: str
    new_text: str
    segments: list[tuple[str, str]]  # (kind, text): kind is same, del or ins

    def to_json(self) -> dict[str, Any]:
        return {
            "old": self.old,
            "new": self.new,
            "status": self.status,
            "old_text": self.old_text,
            "new_text": self.new_text,
            "segments": [{"kind": k, "text": t} for k, t in self.segments],
        }


def _segments(old: str, new: str) -> list[tuple[str, str]]:
    import difflib

    out: list[tuple[str, str]] = []
    sm = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            out.append(("same", old[i1:i2]))
            continue
        if i2 > i1:
            out.append(("del", old[i1:i2]))
        if j2 > j1:
            out.append(("ins", new[j1:j2]))
    return out


def diff(engine: Engine, ref: str, a: int, b: int) -> tuple[VersionInfo, VersionInfo, list[DiffLine]]:
    """Versions ``a`` and ``b`` (ids) of a work, article by article, with character marks.

    Articles are paired by the decision's article map when ``b`` was made by a stored decision
    (``gongbao.amend.diff.diff_versions``), else by number.
    """
    from gongbao.amend.diff import diff_versions
    from gongbao.amend.regtext import parse_regulation

    va, ta, _ = version_text(engine, a)
    vb, tb, _ = version_text(engine, b)
    if ref_key(va.work) != ref_key(vb.work):
        raise CitationError(f"versions {a} and {b} are of different works ({va.work}, {vb.work})")
    ops = _decision_ops(engine, vb.made_by, va.work) if vb.made_by else None
    try:
        rows = diff_versions(parse_regulation(ta), parse_regulation(tb), ops)
    except Exception:  # an inconsistent article map: fall back to pairing by number
        rows = diff_versions(parse_regulation(ta), parse_regulation(tb), None)
    out = [DiffLine(r.old, r.new, r.status, r.old_text, r.new_text, _segments(r.old_text, r.new_text)) for r in rows]
    return va, vb, out


def _decision_ops(engine: Engine, made_by: str, work: str) -> list[Any] | None:
    from gongbao.amend.grammar import parse_decision

    with engine.connect() as conn:
        row = document_row(conn, made_by)
        if row is None or row.kind not in ("令", "决定"):
            return None
        text = conn.execute(sa.select(documents.c.text).where(documents.c.id == row.id)).scalar_one()
    try:
        decision = parse_decision(text, strict=False)
    except Exception:
        return None
    mine = [i for i in decision.instructions if i.regulation in (None, work)] if len(decision.regulations) > 1 else []
    chosen = mine or decision.instructions
    return [op for i in chosen for op in i.ops] or None


# ---------------------------------------------------------------- article history


@dataclass(frozen=True, slots=True)
class ArticleChange:
    """A version in which an article changed, and the instruction that changed it."""

    version: VersionInfo
    article: int | None  # its number in that version
    status: str  # added, changed, moved, deleted, same
    text: str
    instruction: str | None  # the decision's instruction (raw text), when known

    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.version.to_json(),
            "article": self.article,
            "status": self.status,
            "text": self.text,
            "instruction": self.instruction,
        }


def article_history(engine: Engine, ref: str, article: int) -> list[ArticleChange]:
    """The history of article ``article`` (numbered as in the latest version): the version that
    first printed it, then each version in which it was added or changed, oldest first, with the
    decision's instruction that did it when the decision is stored."""
    from gongbao.amend.regtext import parse_regulation

    _, found = timeline(engine, ref)
    if not found:
        return []
    out: list[ArticleChange] = []
    current: int | None = article
    newest = list(reversed(found))
    for newer, older in itertools.pairwise(newest):
        va, vb, rows = diff(engine, ref, older.id, newer.id)
        row = next((r for r in rows if r.new == current), None)
        if row is None:
            current = None
            break
        if row.status != "same":
            out.append(ArticleChange(vb, row.new, row.status, row.new_text, _instruction_for(engine, vb, va.work, row)))
        current = row.old
        if current is None:
            break
    if current is not None:
        first = found[0]
        _, text, _ = version_text(engine, first.id)
        art = parse_regulation(text).article(current)
        if art is not None:
            out.append(ArticleChange(first, current, "printed", art.text(), None))
    out.reverse()
    return out


def _instruction_for(engine: Engine, v: VersionInfo, work: str, row: DiffLine) -> str | None:
    """The raw text of the decision's instruction that targets the article (old number)."""
    from gongbao.amend.grammar import parse_decision

    if not v.made_by:
        return None
    with engine.connect() as conn:
        drow = document_row(conn, v.made_by)
        if drow is None:
            return None
        text = conn.execute(sa.select(documents.c.text).where(documents.c.id == drow.id)).scalar_one()
    try:
        decision = parse_decision(text, strict=False)
    except Exception:
        return None
    hits = []
    for ins in decision.instructions:
        if ins.regulation not in (None, work) and len(decision.regulations) > 1:
            continue
        for op in ins.ops:
            arts = {t.article for t in (op.target, op.new_number, op.insert_after) if t is not None}
            arts |= {t.article for t in op.articles}
            if (row.old is not None and row.old in arts) or (row.old is None and row.new in arts):
                hits.append(ins.raw)
                break
    return "\n".join(hits) or None
