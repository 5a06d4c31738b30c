"""List stored documents with their status as of a date; fetch a work's version as of a date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from gongbao.errors import CitationError
from gongbao.query.reader import reading
from gongbao.query.refs import find_documents
from gongbao.query.status import Status, decide, history_changes, status
from gongbao.store.keys import ref_key, text_key

__all__ = ["DocSummary", "VersionText", "list_documents", "version_as_of"]


@dataclass(frozen=True, slots=True)
class DocSummary:
    """A stored document and its status on the as-of date."""

    ref: str
    title: str
    kind: str
    issuer: str | None
    signed_date: date | None
    status: Status
    valid_from: date | None = None  # a regulation printed with its history has no signed date

    def to_json(self) -> dict[str, Any]:
        return {
            "ref": self.ref,
            "title": self.title,
            "kind": self.kind,
            "issuer": self.issuer,
            "signed_date": self.signed_date.isoformat() if self.signed_date else None,
            "valid_from": self.valid_from.isoformat() if self.valid_from else None,
            "status": self.status.to_json(),
        }


#: The columns of a listed document (not its text: a list reads what it shows).
_LIST_COLUMNS = (
    "d.id, d.ref, d.title, d.kind, d.issuer, d.signed_date, d.valid_from, d.expiry_date, d.published_date, "
    "d.history, d.work_key"
)
#: A work's start: its first version (valid_from, when before the text was published), else publication.
_START = (
    "CASE WHEN d.valid_from IS NOT NULL AND d.valid_from < coalesce(d.published_date, d.valid_from) "
    "THEN d.valid_from ELSE d.published_date END"
)


def list_documents(
    store: Any, *, as_of: date | None = None, in_force: bool = False, kind: str | None = None
) -> list[DocSummary]:
    """Stored documents (one per ref, the latest printed), ordered by signed date then ref.

    ``as_of`` (default today) sets the status date and drops works that did not exist yet: a
    work's start is its first version (a text republished in 2024 of a regulation in force since
    2018 is listed on 2024-06-01, with its status then), else when the text was published;
    ``in_force`` keeps documents in force (or amended) on that date; ``kind`` matches the
    document's kind or the kind of the instrument it issues. ``store``: an SQLAlchemy engine, an
    ``sqlite3`` connection (``open_reader``) or a ``Reader``.
    """
    day = as_of or date.today()
    params: dict[str, Any] = {}
    where = []
    if kind:
        where.append("(d.kind = :kind OR d.instrument_kind = :kind)")
        params["kind"] = kind
    if as_of:
        where.append(f"(({_START}) IS NULL OR ({_START}) <= :as_of)")
        params["as_of"] = as_of
    sql = (
        f"SELECT {_LIST_COLUMNS} FROM documents d"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY d.signed_date NULLS LAST, d.ref, d.published_date DESC, d.id"
    )
    out: list[DocSummary] = []
    with reading(store) as db:
        rows = db.rows(sql, params)
        # Every relation that can change a status, once, grouped by the target's work (a relation
        # resolves to a work, never to one copy).
        by_work: dict[str, list[Any]] = {}
        for rel in db.rows(
            "SELECT r.kind, r.since, r.effective, r.target_title, r.target_work_key, s.ref AS source_ref, "
            "COALESCE(s.signed_date, (SELECT o.signed_date FROM documents o WHERE o.doc_number = s.parent "
            "AND o.kind = '令' AND o.signed_date IS NOT NULL ORDER BY o.id LIMIT 1)) AS source_signed_date, "
            "s.work_key AS source_work FROM relations r JOIN documents s ON s.id = r.source_document_id "
            "WHERE r.kind IN ('repeals', 'supersedes', 'amends', 'extends') AND r.target_work_key IS NOT NULL "
            "ORDER BY r.since, r.id"
        ):
            if rel.source_work != rel.target_work_key:
                by_work.setdefault(rel.target_work_key, []).append(rel)
        seen: set[str] = set()
        for row in rows:
            if row.ref in seen:
                continue
            seen.add(row.ref)
            history = history_changes(db, row.history) if row.history else []
            st = decide(row.ref, day, row, by_work.get(row.work_key or "", []), history)
            if in_force and not st.in_force:
                continue
            out.append(DocSummary(row.ref, row.title, row.kind, row.issuer, row.signed_date, st, row.valid_from))
    return out


@dataclass(frozen=True, slots=True)
class VersionText:
    """A version of a work: its text, who made it and when it was valid."""

    work: str
    made_by: str | None
    valid_from: date | None
    valid_to: date | None
    origin: str
    text: str
    document_id: int | None = None  # the stored document whose printed text this version is
    kind: str | None = None  # that document's kind

    def to_json(self) -> dict[str, Any]:
        return {
            "work": self.work,
            "made_by": self.made_by,
            "valid_from": self.valid_from.isoformat() if self.valid_from else None,
            "valid_to": self.valid_to.isoformat() if self.valid_to else None,
            "origin": self.origin,
            "text": self.text,
        }


def version_as_of(store: Any, work: str, as_of: date | None = None) -> VersionText:
    """The version of ``work`` (文号 or title) valid on ``as_of``: the latest that started by then.

    Raises ``CitationError`` when no stored version of the work had started by that date, and
    when the work was repealed on or before it, or had expired (有效期至…) before it: no text is in
    force then; the message names the repealing instrument or the expiry, and the last day a text
    was in force.
    ``store``: an SQLAlchemy engine, an ``sqlite3`` connection (``open_reader``) or a ``Reader``.
    """
    day = as_of or date.today()
    with reading(store) as db:
        keys = [ref_key(work)]
        # the work as users name it: its title or 文号 may not be its key (original 文号 of a
        # republished text)
        found = find_documents(db, work, fuzzy=False)
        if not found and db.first("SELECT 1 FROM versions WHERE work_key = :key LIMIT 1", {"key": keys[0]}) is None:
            # a partial name: the one work it names, or CitationError naming the candidates
            found = find_documents(db, work)
        keys += [k for k in (x.work_key for x in found) if k and k not in keys]
        row = None
        for key in keys:
            row = db.first(
                "SELECT v.work, v.made_by, v.valid_from, v.valid_to, v.origin, v.text, v.document_id, "
                "d.kind AS kind, d.text_sha AS doc_sha FROM versions v LEFT JOIN documents d ON d.id = v.document_id "
                "WHERE v.work_key = :key AND (v.valid_from IS NULL OR v.valid_from <= :day) "
                "ORDER BY v.valid_from DESC NULLS LAST, (v.origin = 'consolidated') DESC, v.id DESC LIMIT 1",
                {"key": key, "day": day},
            )
            if row is not None:
                break
        first = None
        if row is not None:
            st = status(db, row.work, day)
            if st.state == "repealed":
                raise CitationError(_repealed(st, day))
            if st.state == "expired":
                raise CitationError(_expired(st, day))
        else:  # the earliest stored version, to say what the store does hold
            marks = ",".join(f":k{i}" for i in range(len(keys)))
            first = db.first(
                f"SELECT v.valid_from, v.made_by, v.origin FROM versions v WHERE v.work_key IN ({marks}) "
                "AND v.valid_from IS NOT NULL ORDER BY v.valid_from, v.id LIMIT 1",
                {f"k{i}": k for i, k in enumerate(keys)},
            )
    if row is None:
        held = ""
        if first is not None:
            by = f" ({first.origin} by {first.made_by})" if first.made_by else ""
            held = (
                f": the earliest stored text is valid from {first.valid_from.isoformat()}{by}; the text before it "
                "is in no stored issue (ingest the issue that printed it)"
            )
        raise CitationError(f"no stored version of {work} as of {day.isoformat()}{held}")
    own = row.document_id is not None and row.origin != "consolidated" and row.doc_sha == text_key(row.text)
    return VersionText(
        row.work,
        row.made_by,
        row.valid_from,
        row.valid_to,
        row.origin,
        row.text,
        int(row.document_id) if own else None,
        row.kind,
    )


def stored_body(store: Any, document_id: int) -> Any:
    """The body tree stored for a document (``model.Node``), as ingest built it: the node ids search
    returns resolve in it (a parse of the stored text alone could differ — a table read by
    its printed columns, a kind the text does not name)."""
    from gongbao import model
    from gongbao.store.ledger import tree_from_rows

    with reading(store) as db:
        rows = db.rows(
            'SELECT ordinal, parent_ordinal, eid, kind, label, number, heading, text, start, "end", attrs '
            "FROM nodes WHERE document_id = :id ORDER BY ordinal",
            {"id": document_id},
        )
    return tree_from_rows(rows) or model.Node(kind="document")


def _repealed(st: Status, day: date) -> str:
    """中外合资经营企业合营期限暂行规定 was repealed by 中华人民共和国外商投资法实施条例 from 2020-01-01:
    no text in force on 2020-06-01 (the last text in force: --as-of 2019-12-31)."""
    since = st.repealed_since
    last = f" (the last text in force: --as-of {(since - timedelta(days=1)).isoformat()})" if since else ""
    frm = f" from {since.isoformat()}" if since else ""
    return f"{st.document} was repealed by {st.repealed_by}{frm}: no text in force on {day.isoformat()}{last}"


def _expired(st: Status, day: date) -> str:
    """关于…的通知 expired after 2025-12-31 (its validity): no text in force on 2026-06-01 (the last
    text in force: --as-of 2025-12-31)."""
    end = st.expiry_date
    last = f" (the last text in force: --as-of {end.isoformat()})" if end else ""
    valid = f" after {end.isoformat()} (its validity)" if end else ""
    return f"{st.document} expired{valid}: no text in force on {day.isoformat()}{last}"
