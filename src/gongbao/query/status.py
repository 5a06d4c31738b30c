"""Status of a document as of a date: ``status(engine, ref, as_of) -> Status``.

Works for documents in the store and for documents only referenced by stored ones (a repealed
regulation whose text was never ingested). The rules, in order:
1. repealed: a stored document repeals (or supersedes) it and the repeal took effect on or before
   the date (its printed date, 自2027年1月1日起废止, else the repealing document's own date); a
   repeal taking effect later is listed as pending ("in force, repeal pending from …");
2. not yet in force: its own start (effective date, else signed date) is after the date;
3. expired: its 有效期至 is before the date — or, when a stored document extends its term
   (有效期延长至2034年12月31日) and the extension is in effect on the date, the extended last day
   is (a document only referenced is then in force up to that day, expired after it); a
   continuation with no date (《X》继续适用) lifts the end;
4. amended: in force, and partly amended on or before the date (a stored decision amends it, or
   its printed history lists a 修正/修订);
5. in force: otherwise, when stored; ``unknown`` when only referenced and not repealed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from gongbao.errors import CitationError
from gongbao.query.reader import reading
from gongbao.query.refs import find_document, find_documents
from gongbao.store.keys import ref_key

__all__ = ["STATES", "Change", "Status", "decide", "history_changes", "status"]

#: Every value of ``Status.state``.
STATES = ("not_yet_in_force", "in_force", "amended", "expired", "repealed", "unknown")
_REPEALING = ("repeals", "supersedes")


@dataclass(frozen=True, slots=True)
class Change:
    """An instrument that changed the document: its ref and the date it took effect."""

    by: str
    since: date | None
    kind: str  # repeals, supersedes, amends, partially_repeals, history

    def to_json(self) -> dict[str, Any]:
        return {"by": self.by, "since": self.since.isoformat() if self.since else None, "kind": self.kind}


@dataclass(frozen=True, slots=True)
class Status:
    """The status of ``ref`` on ``as_of``; ``state`` is one of ``STATES``."""

    ref: str
    as_of: date
    state: str
    stored: bool
    document: str | None = None  # the stored document's ref (文号 or title)
    title: str | None = None
    kind: str | None = None
    valid_from: date | None = None
    expiry_date: date | None = None
    repealed_by: str | None = None
    repealed_since: date | None = None
    extended_by: str | None = None  # the document whose extension gives ``expiry_date``
    amended_by: list[Change] = field(default_factory=list)
    pending: list[Change] = field(default_factory=list)  # changes that take effect after as_of

    @property
    def in_force(self) -> bool:
        """True for ``in_force`` and ``amended``."""
        return self.state in ("in_force", "amended")

    def describe(self) -> str:
        """One line in Chinese-friendly English, e.g. ``repealed by 聊城市人民政府令第48号 since 2024-11-11``."""
        s = self.state.replace("_", " ")
        if self.state == "repealed":
            s += f" by {self.repealed_by}" + (
                f" since {self.repealed_since.isoformat()}" if self.repealed_since else ""
            )
        elif self.state == "not_yet_in_force" and self.valid_from:
            s += f" (from {self.valid_from.isoformat()})"
        elif self.state == "expired" and self.expiry_date:
            s += f" (valid to {self.expiry_date.isoformat()})"
        if self.extended_by and self.state in ("in_force", "amended", "expired"):
            to = f"extended to {self.expiry_date.isoformat()}" if self.expiry_date else "continued with no end date"
            s += f", term {to} by {self.extended_by}"
        elif self.state == "amended":
            s += " by " + ", ".join(f"{c.by} ({c.since.isoformat() if c.since else '?'})" for c in self.amended_by)
        elif self.state == "unknown":
            s += " (not stored; only referenced)"
        repeal = next((c for c in self.pending if c.kind in _REPEALING), None)
        if repeal is not None and self.state != "repealed":
            s += f", repeal pending from {repeal.since.isoformat() if repeal.since else '?'} (by {repeal.by})"
        return s

    def to_json(self) -> dict[str, Any]:
        iso = lambda d: d.isoformat() if d else None  # noqa: E731
        return {
            "ref": self.ref,
            "as_of": self.as_of.isoformat(),
            "state": self.state,
            "in_force": self.in_force,
            "stored": self.stored,
            "document": self.document,
            "title": self.title,
            "kind": self.kind,
            "valid_from": iso(self.valid_from),
            "expiry_date": iso(self.expiry_date),
            "repealed_by": self.repealed_by,
            "repealed_since": iso(self.repealed_since),
            "extended_by": self.extended_by,
            "amended_by": [c.to_json() for c in self.amended_by],
            "pending": [c.to_json() for c in self.pending],
        }


def _on_or_before(d: date | None, as_of: date) -> bool:
    return d is None or d <= as_of


def history_changes(store: Any, history: list[dict[str, Any]]) -> list[Change]:
    """Amendments a republished text lists in its history line; ``by`` is the stored ref when known."""
    out: list[Change] = []
    if not any(h.get("by") for h in history or []):
        return _history(None, history, out)
    with reading(store) as db:
        return _history(db, history, out)


def _history(db: Any, history: list[dict[str, Any]], out: list[Change]) -> list[Change]:
    for h in history or []:
        ev = h.get("event") or ""
        if ("修正" in ev or "修订" in ev or "修改" in ev) and h.get("date"):
            # the instrument that made the step, else the body that acted (1987年12月21日国务院修订)
            by = h.get("by") or h.get("actor") or ev
            found = find_documents(db, by, fuzzy=False) if h.get("by") else []
            out.append(Change(by=found[0].ref if found else by, since=date.fromisoformat(h["date"]), kind="history"))
    return out


def status(store: Any, ref: str, as_of: date | None = None) -> Status:
    """The status of the document ``ref`` (文号 or title) on ``as_of`` (default: today).

    ``store``: an SQLAlchemy engine, an ``sqlite3`` connection (``open_reader``) or a ``Reader``.

    Raises ``CitationError`` when ``ref`` is neither stored nor referenced by a stored document.
    """
    as_of = as_of or date.today()
    with reading(store) as db:
        doc, rels = find_document(db, ref)
        history = history_changes(db, doc.history) if doc is not None else []
    if doc is None and not rels:
        raise CitationError(f"{ref} is neither in the store nor referenced by a stored document")
    return decide(ref, as_of, doc, rels, history)


def decide(ref: str, as_of: date, doc: Any, rels: list[Any], history: list[Change]) -> Status:
    """Apply the rules of this module to a stored document row (or ``None``) and the relations
    pointing at it (rows with ``kind``, ``since``, ``source_ref``, ``target_title``)."""
    repeals = [r for r in rels if r.kind in _REPEALING]
    effective = [r for r in repeals if _on_or_before(r.since, as_of)]
    pending = [Change(r.source_ref, r.since, r.kind) for r in repeals if not _on_or_before(r.since, as_of)]
    # a partial repeal (《X》中有关…的规定不再施行) changes X in part, as an amendment does
    amends = [Change(r.source_ref, r.since, r.kind) for r in rels if r.kind in ("amends", "partially_repeals")]
    # 有效期延长至…: the latest extension in effect on as_of gives the last day of the term
    # (a continuation with no date, 《X》继续适用, has no last day: the term goes on)
    extensions = [r for r in rels if r.kind == "extends"]
    pending += [Change(r.source_ref, r.since, r.kind) for r in extensions if not _on_or_before(r.since, as_of)]
    extended = max(
        (r for r in extensions if _on_or_before(r.since, as_of)),
        key=lambda r: (r.since or date.min, r.effective or date.max),
        default=None,
    )
    base: dict[str, Any] = {"ref": ref, "as_of": as_of, "stored": doc is not None}
    expiry = doc.expiry_date if doc is not None else None
    if extended is not None:
        expiry = extended.effective
        base["extended_by"] = extended.source_ref
    if doc is not None:
        base.update(document=doc.ref, title=doc.title, kind=doc.kind, valid_from=doc.valid_from, expiry_date=expiry)
        # a history step is the amendment a relation already states when dated the same day, or when
        # it names the same instrument on the day that instrument was adopted (…2022年3月29日《国务院关于
        # 修改和废止部分行政法规的决定》第二次修订 = the decision in force from 2022-05-01)
        adopted = {(ref_key(r.source_ref), getattr(r, "source_signed_date", None)) for r in rels if r.kind == "amends"}
        amends += [
            c
            for c in history
            if all(c.since != a.since for a in amends) and (ref_key(c.by or ""), c.since) not in adopted
        ]
    else:
        base.update(document=None, title=rels[0].target_title if rels else None, kind=None, expiry_date=expiry)
    pending += [c for c in amends if not _on_or_before(c.since, as_of)]
    done = sorted((c for c in amends if _on_or_before(c.since, as_of)), key=lambda c: c.since or date.min)

    if effective:
        first = min(effective, key=lambda r: r.since or date.min)
        return Status(
            state="repealed",
            repealed_by=first.source_ref,
            repealed_since=first.since,
            amended_by=done,
            pending=pending,
            **base,
        )
    if doc is None:
        if extended is not None:  # only referenced, but a stored extension says until when it runs
            state = "expired" if expiry and expiry < as_of else "amended" if done else "in_force"
            return Status(state=state, amended_by=done, pending=pending, **base)
        return Status(state="unknown", amended_by=done, pending=pending, **base)
    if doc.valid_from and doc.valid_from > as_of:
        return Status(state="not_yet_in_force", pending=pending, **base)
    if expiry and expiry < as_of:
        return Status(state="expired", amended_by=done, pending=pending, **base)
    if done:
        return Status(state="amended", amended_by=done, pending=pending, **base)
    return Status(state="in_force", pending=pending, **base)
