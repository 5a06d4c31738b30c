"""Find stored documents and the references that point at a document, by what a user types.

The functions take any store handle ``gongbao.query.reader.reading`` accepts (an ``sqlite3``
connection, an SQLAlchemy engine or connection, a ``Reader``) and return ``Row``s.
"""

from __future__ import annotations

from typing import Any

from gongbao.errors import CitationError
from gongbao.grammar.docnumber import fits_loose_order, loose_order_number
from gongbao.query.reader import Reader, Row, in_list, reading
from gongbao.store.keys import ref_key

__all__ = ["DOCUMENT_COLUMNS", "find_document", "find_documents", "incoming_relations"]

#: The columns of ``documents`` a found row carries (not its text, spans, fragments…: a lookup
#: reads what a status, a link or a version needs, whatever the document's size).
DOCUMENT_COLUMNS = (
    "id", "issue_id", "ordinal", "ref", "ref_key", "title_key", "instrument_key", "alias_key", "doc_number",
    "title", "kind", "issuer", "instrument_title", "instrument_kind", "signed_date", "effective_date",
    "expiry_date", "valid_from", "published_date", "history", "parent", "n_nodes", "work_key", "version_key",
    "text_sha",
)  # fmt: skip
_DOC_COLS = ", ".join(f"d.{c}" for c in DOCUMENT_COLUMNS)
_ORDER = "ORDER BY d.published_date DESC NULLS LAST, d.id DESC"


def _like(key: str) -> str:
    """``%key%`` with LIKE's wildcards escaped (``ESCAPE '/'``)."""
    return "%" + key.replace("/", "//").replace("%", "/%").replace("_", "/_") + "%"


def find_documents(store: Any, ref: str, *, fuzzy: bool = True) -> list[Row]:
    """Stored documents that ``ref`` names, best first; ``[]`` when none.

    Order of preference: 1. the 文号 (or title for a document without one) exactly; 2. the title
    or the title of the instrument a notice issues; 3. (only when ``fuzzy``) a title containing
    ``ref``. Within a preference, the most recently published first.
    """
    key = ref_key(ref)
    if not key:
        return []
    conds = ["d.ref_key = :key OR d.alias_key = :key", "d.title_key = :key OR d.instrument_key = :key"]
    with reading(store) as db:
        for cond in conds:
            rows = db.rows(
                f"SELECT {_DOC_COLS} FROM documents d WHERE {cond} {_ORDER}", {"key": key, "like": _like(key)}
            )
            if rows:
                return rows
        if not fuzzy:
            return []
        loose = loose_order_number(ref)
        if loose is not None:
            return _loose_order(db, ref, *loose)
        return db.rows(
            f"SELECT {_DOC_COLS} FROM documents d WHERE d.title_key LIKE :like ESCAPE '/' "
            f"OR d.instrument_key LIKE :like ESCAPE '/' {_ORDER}",
            {"like": _like(key)},
        )


def _loose_order(db: Reader, ref: str, typed: str, serial: int) -> list[Row]:
    """The stored orders an order number typed without its issuer's full name names (市政府令第48号,
    第48号令): its rows when they are one order; ``CitationError`` naming each when several fit
    (never one of them picked in silence)."""
    rows = [
        r
        for r in db.rows(
            f"SELECT {_DOC_COLS} FROM documents d WHERE d.ref_key LIKE :like ESCAPE '/' {_ORDER}",
            {"like": _like(f"令第{serial}号")[:-1]},  # ends with the serial: no trailing %
        )
        if fits_loose_order(typed, serial, r.doc_number or r.ref)
    ]
    orders = list(dict.fromkeys(r.ref_key for r in rows))
    if len(orders) > 1:
        names = "、".join(dict.fromkeys(r.doc_number or r.ref for r in rows))
        raise CitationError(f"{ref} names {len(orders)} stored orders ({names}): give the issuer's full name")
    return rows


def incoming_relations(store: Any, ref: str, document_ids: list[int], work_keys: list[str] | None = None) -> list[Row]:
    """Relations resolved to the works of the stored ``document_ids`` (or to ``work_keys``): a
    relation resolves to a work, never to one copy; when none is stored, the unresolved ones naming
    ``ref`` by 文号 or title.

    Each row carries the relation's columns plus ``source_ref``, ``source_title`` and
    ``source_kind`` of the document that makes it; ordered by ``since``.
    """
    with reading(store) as db:
        return _incoming(db, ref, document_ids, work_keys)


def _incoming(db: Reader, ref: str, document_ids: list[int], work_keys: list[str] | None) -> list[Row]:
    params: dict[str, Any] = {}
    if document_ids or work_keys:
        # A stored document: the relations resolved to its work. An unresolved reference with the
        # same title points elsewhere (an older text of that title, or the document itself: a 预案
        # that repeals its predecessor of the same name).
        works = list(work_keys or [])
        if document_ids:
            ids = in_list("i", document_ids, params)
            works += [w for (w,) in _tuples(db, f"SELECT work_key FROM documents WHERE id IN {ids}", params) if w]
        cond = "(r.target_work_key IN {w} OR r.target_document_id IN {i})"
        if works:
            cond += " AND r.source_document_id NOT IN (SELECT o.id FROM documents o WHERE o.work_key IN {w})"
        if document_ids:
            cond += " AND r.source_document_id NOT IN {i}"
        cond = cond.format(w=in_list("w", works, params), i=in_list("i", document_ids, params))
    else:
        params["key"] = ref_key(ref)
        cond = "r.target_document_id IS NULL AND (r.target_number_key = :key OR r.target_title_key = :key)"
    return db.rows(
        "SELECT r.*, s.ref AS source_ref, s.title AS source_title, s.kind AS source_kind, "
        # the day the source was adopted: its own date, else that of the 令 it is printed under
        "COALESCE(s.signed_date, (SELECT o.signed_date FROM documents o WHERE o.doc_number = s.parent "
        "AND o.kind = '令' AND o.signed_date IS NOT NULL ORDER BY o.id LIMIT 1)) AS source_signed_date "
        f"FROM relations r JOIN documents s ON s.id = r.source_document_id WHERE {cond} "
        "ORDER BY r.since NULLS LAST, r.id",
        params,
    )


def _tuples(db: Reader, sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [tuple(r.values()) for r in db.rows(sql, params)]


def find_document(store: Any, ref: str) -> tuple[Row | None, list[Row]]:
    """The stored document ``ref`` names (or ``None``) and the relations pointing at it.

    An exact 文号/title match or a reference to ``ref`` by other documents wins over a title that
    merely contains ``ref`` (a notice titled 关于废止聊政发〔2021〕5号… is not 聊政发〔2021〕5号).
    """
    with reading(store) as db:
        docs = find_documents(db, ref, fuzzy=False)
        rels = _incoming(db, ref, [docs[0].id] if docs else [], None)
        if not docs and not rels:
            docs = find_documents(db, ref)
            if docs:
                rels = _incoming(db, ref, [docs[0].id], None)
    return (docs[0] if docs else None), rels
