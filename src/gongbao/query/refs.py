"""Find stored documents and the references that point at a document, by what a user types.

The functions take any store handle ``gongbao.query.reader.reading`` accepts (an ``sqlite3``
connection, an SQLAlchemy engine or connection, a ``Reader``) and return ``Row``s.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from gongbao.errors import CitationError
from gongbao.grammar.numerals import cn_to_int
from gongbao.query.reader import Reader, Row, in_list, reading
from gongbao.store.keys import ref_key

__all__ = ["DOCUMENT_COLUMNS", "find_document", "find_documents", "incoming_relations", "typed_keys"]

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


#: A note a user (or a law database) appends to a title, not part of it: （试行）, （暂行）, （2021年修订）,
#: （2006年修正）, （2019年版）; tried without it when the title as typed names nothing.
_TITLE_NOTE = re.compile(
    r"[（(](?:试行|暂行|草案|\d{4}年(?:修正|修订|修改|版)?(?:本|文本)?|(?:修正|修订)[本文]*)[)）]$"
)
#: An order's serial printed in Chinese numerals, bracketed or not: 主席令第四十八号, 主席令（第四十八号）,
#: 第四十八号令.
_CN_SERIAL = re.compile(r"令\s*[（(]?\s*第\s*([〇零一二三四五六七八九十百千两]+)\s*号\s*[)）]?$")
_CN_SERIAL_FIRST = re.compile(r"^第\s*([〇零一二三四五六七八九十百千两]+)\s*号\s*令$")
#: The end of a place's name: a stored title 青岛市城市房屋拆迁管理条例 is that city's, not the
#: 城市房屋拆迁管理条例 a user typed (another issuer's title).
_PLACE_PREFIX = re.compile(r"^[\u4e00-\u9fff]{1,15}?(?:省|市|州|县|区|盟|旗)$")
_STATE = "中华人民共和国"


def typed_keys(ref: str) -> list[str]:
    """The keys ``ref`` may name a document by, the key as typed first: with an order's serial
    in Chinese numerals written in digits (主席令第四十八号 = 主席令第48号) and without a note
    appended to a title (…办法（试行）, …法（2006年修正）)."""
    s = unicodedata.normalize("NFKC", ref).strip()
    forms = [s]
    m = _CN_SERIAL.search(s) or _CN_SERIAL_FIRST.match(s)
    if m:
        try:
            forms.append(s[: m.start()] + f"令第{cn_to_int(m.group(1))}号")
        except ValueError:
            pass
    if "号" in s:  # a 文号 in its normal form (a title needs no 文号 grammar: start-up, bench/startup.py)
        from gongbao.grammar.docnumber import normalize_doc_number

        number = normalize_doc_number(forms[-1])
        if number:
            forms.append(number)
    bare = _TITLE_NOTE.sub("", ref_key(s))
    if bare and bare != ref_key(s):
        forms.append(bare)
    return [k for k in dict.fromkeys(ref_key(f) for f in forms) if k]


def find_documents(store: Any, ref: str, *, fuzzy: bool = True) -> list[Row]:
    """Stored documents that ``ref`` names, best first; ``[]`` when none.

    Order of preference: 1. the 文号 (or title for a document without one) exactly, or the 文号
    that promulgated a republished text (…令第32号公布, …令第181号发布); 2. the title or the title
    of the instrument a notice issues (the alias of a text an order promulgated: schema 8 keys
    the 发布 orders of older stores too); 3. a national law by its name without 中华人民共和国
    (个人所得税法); 4. (only when ``fuzzy``) a title ending with ``ref``, else containing it — the
    rows of one work only: when several works fit, or the one that fits is a place's document of
    the name typed (青岛市城市房屋拆迁管理条例 for 城市房屋拆迁管理条例), ``CitationError`` names
    them (never one picked in silence). Within a preference, the most recently published first.
    """
    keys = typed_keys(ref)
    if not keys:
        return []
    conds = [
        "d.ref_key = :key OR d.alias_key = :key",
        "d.title_key = :key OR d.instrument_key = :key",
        "d.title_key = :state OR d.instrument_key = :state",
    ]
    with reading(store) as db:
        for cond in conds:
            for key in keys:
                rows = db.rows(
                    f"SELECT {_DOC_COLS} FROM documents d WHERE {cond} {_ORDER}", {"key": key, "state": _STATE + key}
                )
                if rows:
                    return rows
        for key in keys:
            rows = _issuer_less(db, key)
            if rows:
                return rows
        if not fuzzy:
            return []
        from gongbao.grammar.docnumber import loose_order_number

        loose = loose_order_number(ref)
        if loose is None and keys[-1] != keys[0]:
            loose = loose_order_number(keys[1])
        if loose is not None:
            return _loose_order(db, ref, *loose)
        key = keys[-1] if len(keys[-1]) > 1 else keys[0]
        if len(key) < 2:  # one character (号, 法) is in too many titles to name one
            return []
        rows = db.rows(
            f"SELECT {_DOC_COLS} FROM documents d WHERE d.title_key LIKE :like ESCAPE '/' "
            f"OR d.instrument_key LIKE :like ESCAPE '/' {_ORDER}",
            {"like": _like(key)},
        )
        return _one_work(ref, key, rows)


def _issuer_less(db: Reader, key: str) -> list[Row]:
    """An order whose 文号 is printed without its issuer (政府令〔2010〕第15号 under 河北省人民政府's
    name) typed with it (河北省人民政府令〔2010〕第15号): the stored number is the end of the typed
    one, and the stored document's issuer is what the typed one puts before 令."""
    at = key.find("令")
    if at <= 0 or "号" not in key:
        return []
    typed_issuer = key[:at]
    tails = [key[i:] for i in range(at + 1) if key[i:].startswith(("政府令", "人民政府令", "令"))]
    params: dict[str, Any] = {}
    rows = db.rows(
        f"SELECT {_DOC_COLS} FROM documents d WHERE d.ref_key IN {in_list('t', tails, params)} {_ORDER}", params
    )
    return [r for r in rows if r.ref_key != key and r.issuer and ref_key(r.issuer) == typed_issuer]


def _name(r: Row) -> str:
    title = r.instrument_title or r.title
    number = r.doc_number or (r.ref if r.ref != r.title else None)
    return f"{title}（{number}）" if number and title else (title or r.ref)


def _one_work(ref: str, key: str, rows: list[Row]) -> list[Row]:
    """The rows of the one work a partial title names; ``CitationError`` naming the candidates
    when it names several works, or when the one it names is a place's document of that name."""
    if not rows:
        return rows
    ending = [r for r in rows if (r.title_key or "").endswith(key) or (r.instrument_key or "").endswith(key)]
    pool = ending or rows
    works = list(dict.fromkeys(r.work_key or r.ref_key for r in pool))
    if len(works) > 1:
        names = "、".join(list(dict.fromkeys(_name(r) for r in pool))[:8])
        more = "…" if len(works) > 8 else ""
        raise CitationError(f"{ref} names {len(works)} stored documents ({names}{more}): give the full title or 文号")
    if ending:
        for r in pool:
            for full in (r.title_key or "", r.instrument_key or ""):
                if full.endswith(key) and _PLACE_PREFIX.match(full[: -len(key)]):
                    raise CitationError(
                        f"{ref} is not stored under that name; stored: {_name(r)} (give its full title)"
                    )
    return pool


def _loose_order(db: Reader, ref: str, typed: str, serial: int) -> list[Row]:
    """The stored orders an order number typed without its issuer's full name names (市政府令第48号,
    第48号令): its rows when they are one order; ``CitationError`` naming each when several fit
    (never one of them picked in silence)."""
    from gongbao.grammar.docnumber import fits_loose_order

    rows = [
        r
        for r in db.rows(
            f"SELECT {_DOC_COLS} FROM documents d WHERE d.ref_key LIKE :like ESCAPE '/' "
            f"OR d.alias_key LIKE :like ESCAPE '/' {_ORDER}",
            {"like": _like(f"令第{serial}号")[:-1]},  # ends with the serial: no trailing %
        )
        # an order, or a regulation republished under the order that promulgated it (令第181号发布)
        if fits_loose_order(typed, serial, r.doc_number or r.ref) or fits_loose_order(typed, serial, r.alias_key)
    ]
    orders = list(dict.fromkeys(r.alias_key or r.ref_key for r in rows))
    if len(orders) > 1:
        names = "、".join(dict.fromkeys(_name(r) for r in rows))
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
