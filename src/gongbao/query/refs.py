"""Find stored documents and the references that point at a document, by what a user types."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from gongbao.store.keys import ref_key
from gongbao.store.schema import documents, relations

__all__ = ["find_document", "find_documents", "incoming_relations"]


def find_documents(conn: Connection, ref: str, *, fuzzy: bool = True) -> list[sa.Row[Any]]:
    """Stored documents that ``ref`` names, best first; ``[]`` when none.

    Order of preference: 1. the 文号 (or title for a document without one) exactly; 2. the title
    or the title of the instrument a notice issues; 3. (only when ``fuzzy``) a title containing
    ``ref``. Within a preference, the most recently published first.
    """
    key = ref_key(ref)
    if not key:
        return []
    d = documents
    order = (d.c.published_date.desc().nulls_last(), d.c.id.desc())
    conds = [
        sa.or_(d.c.ref_key == key, d.c.alias_key == key),
        sa.or_(d.c.title_key == key, d.c.instrument_key == key),
    ]
    if fuzzy:
        conds.append(
            sa.or_(d.c.title_key.contains(key, autoescape=True), d.c.instrument_key.contains(key, autoescape=True))
        )
    for cond in conds:
        rows = conn.execute(sa.select(d).where(cond).order_by(*order)).all()
        if rows:
            return list(rows)
    return []


def incoming_relations(
    conn: Connection, ref: str, document_ids: list[int], work_keys: list[str] | None = None
) -> list[sa.Row[Any]]:
    """Relations resolved to the works of the stored ``document_ids`` (or to ``work_keys``): a
    relation resolves to a work, never to one copy; when none is stored, the unresolved ones naming
    ``ref`` by 文号 or title.

    Each row carries the relation's columns plus ``source_ref``, ``source_title`` and
    ``source_kind`` of the document that makes it; ordered by ``since``.
    """
    key = ref_key(ref)
    r, s = relations, documents.alias("s")
    if document_ids or work_keys:
        # A stored document: the relations resolved to its work. An unresolved reference with the
        # same title points elsewhere (an older text of that title, or the document itself: a 预案
        # that repeals its predecessor of the same name).
        d = documents
        works = list(work_keys or []) + [
            w for (w,) in conn.execute(sa.select(d.c.work_key).where(d.c.id.in_(document_ids or []))) if w
        ]
        own = sa.select(d.c.id).where(d.c.work_key.in_(works))
        cond = sa.and_(
            sa.or_(r.c.target_work_key.in_(works), r.c.target_document_id.in_(document_ids or [])),
            r.c.source_document_id.not_in(own),
            r.c.source_document_id.not_in(document_ids or []),
        )
    else:
        cond = sa.and_(
            r.c.target_document_id.is_(None), sa.or_(r.c.target_number_key == key, r.c.target_title_key == key)
        )
    q = (
        sa.select(r, s.c.ref.label("source_ref"), s.c.title.label("source_title"), s.c.kind.label("source_kind"))
        .join(s, s.c.id == r.c.source_document_id)
        .where(cond)
        .order_by(r.c.since.nulls_last(), r.c.id)
    )
    return list(conn.execute(q).all())


def find_document(conn: Connection, ref: str) -> tuple[sa.Row[Any] | None, list[sa.Row[Any]]]:
    """The stored document ``ref`` names (or ``None``) and the relations pointing at it.

    An exact 文号/title match or a reference to ``ref`` by other documents wins over a title that
    merely contains ``ref`` (a notice titled 关于废止聊政发〔2021〕5号… is not 聊政发〔2021〕5号).
    """
    docs = find_documents(conn, ref, fuzzy=False)
    rels = incoming_relations(conn, ref, [docs[0].id] if docs else [])
    if not docs and not rels:
        docs = find_documents(conn, ref)
        if docs:
            rels = incoming_relations(conn, ref, [docs[0].id])
    return (docs[0] if docs else None), rels
