"""Persist what the pipeline produced: ``ingest_issue(engine, issue)``.

Guarantees:
1. Identity by content. An issue is its normalized text (``keys.content_key``): the same issue in
   another encoding or line-ending is the issue already stored (the file is recorded in
   ``issue_sources``, nothing else changes). A document is an expression of a work: its work
   (``work_key``: the original 文号 of a republished text, else its 文号, else its title) and
   version (``version_key``: the date of the version it prints). The same expression met again
   (another issue, a PDF of that regulation alone) is stored once, each printing recorded in
   ``appearances``; a different text of the same work and version (a corrected re-issue) replaces
   the stored one in place (same document id, so every relation still holds) and the earlier text
   is kept in ``expressions``.
2. One transaction per issue, consolidation included (``gongbao.consolidate.reconsolidate`` for
   every work whose text or amending decisions changed): an exception or a killed process at any
   write leaves the store exactly as it was, and ingesting again does everything.
3. Order independence: relations resolve by key in both directions (the new documents' references,
   and the stored references waiting for the new documents' keys; indexed lookups only, so the work
   per issue stays proportional to the issue, not to the store); they resolve to the work. A
   decision stored before its base is applied when the base arrives.
4. Ingesting content already stored changes nothing, except completing what a store written by an
   older program may lack (unresolved relations, consolidated versions).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from gongbao import model
from gongbao.errors import InputError, StoreError
from gongbao.store import fts
from gongbao.store.citation import NodeRow, flatten
from gongbao.store.db import write_transaction
from gongbao.store.keys import content_key, ref_key, text_key
from gongbao.store.ledger import DocumentLedger, delete_ledger, extract_ledger, write_ledger
from gongbao.store.schema import (
    appearances,
    appointments,
    documents,
    events,
    expressions,
    issue_sources,
    issues,
    nodes,
    relations,
    versions,
)

__all__ = ["IngestResult", "ingest_issue", "refuse_unstorable", "resolve_relations", "store_issue", "work_key"]

#: Document fields holding references, and the relation kind each makes.
_REL_FIELDS = (
    ("repeals", "repeals"),
    ("extends", "extends"),
    ("amends", "amends"),
    ("legal_basis", "basis"),
    ("cites", "cites"),
)


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What one ingest did. ``created`` is false when the file was already stored."""

    path: str
    sha256: str
    issue_id: int
    created: bool
    documents: int = 0
    nodes: int = 0
    relations: int = 0
    resolved: int = 0  # relations (new or older) that found their target in this ingest
    same: int = 0  # documents whose expression was already stored (another source)
    replaced: int = 0  # documents whose stored expression this issue's text replaced
    kept: int = 0  # documents whose stored expression won over this issue's other text of it
    consolidated: tuple[Any, ...] = ()  # gongbao.consolidate.Consolidated notes of this ingest

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "sha256": self.sha256,
            "issue_id": self.issue_id,
            "created": self.created,
            "documents": self.documents,
            "nodes": self.nodes,
            "relations": self.relations,
            "resolved": self.resolved,
            "same": self.same,
            "replaced": self.replaced,
            "kept": self.kept,
        }


def _jsonable(value: Any) -> Any:
    """``value`` made of JSON types only (dates become ISO strings, other objects ``str``)."""
    return json.loads(json.dumps(value, ensure_ascii=False, default=_default))


def _default(o: Any) -> Any:
    if isinstance(o, date):
        return o.isoformat()
    to_json = getattr(o, "to_json", None)
    return to_json() if callable(to_json) else str(o)


def _published(doc: model.Document, events: list[model.Event]) -> date | None:
    """When the printed text came to exist: the signed date, else the last history date, else
    the effective date, else (a chronicle) the last dated event printed inside the document."""
    if doc.signed_date:
        return doc.signed_date
    dated = [h.date for h in doc.history if h.date]
    if dated:
        return max(dated)
    if doc.effective_date:
        return doc.effective_date
    spans = doc.spans()
    inside = [e.date for e in events if e.span and any(s.start <= e.span.start < s.end for s in spans)]
    return max(inside) if inside else None


def _alias_key(doc: model.Document) -> str | None:
    """The key of the 文号 that first promulgated a republished text (its 公布 or 发布 history
    event: 国务院令第181号发布 names the regulation as 国务院令第181号公布 does)."""
    return _original_number(doc, ("公布", "发布"))


def _original_number(doc: model.Document, events: tuple[str, ...]) -> str | None:
    if doc.doc_number:
        return None
    for h in doc.history:
        if h.event.endswith(events) and h.by and "号" in h.by:
            return ref_key(h.by)
    return None


def _document_row(
    issue_id: int, ordinal: int, doc: model.Document, n_nodes: int, events: list[model.Event]
) -> dict[str, Any]:
    return {
        "issue_id": issue_id,
        "ordinal": ordinal,
        "ref": doc.ref,
        "ref_key": ref_key(doc.ref),
        "title_key": ref_key(doc.title),
        "instrument_key": ref_key(doc.instrument_title) or None,
        "alias_key": _alias_key(doc),
        "doc_number": doc.doc_number,
        "title": doc.title,
        "kind": doc.kind,
        "issuer": doc.issuer,
        "instrument_title": doc.instrument_title,
        "instrument_kind": doc.instrument_kind,
        "toc_index": doc.toc_index,
        "recipients": list(doc.recipients),
        "signed_date": doc.signed_date,
        "effective_date": doc.effective_date,
        "expiry_date": doc.expiry_date,
        "valid_from": _valid_from(doc),
        "published_date": _published(doc, events),
        "attachments": [a.to_json() for a in doc.attachments],
        "fragments": [f.to_json() for f in doc.fragments],
        "history": [h.to_json() for h in doc.history],
        "pages": list(doc.pages) if doc.pages else None,
        "counts": _jsonable(doc.counts),
        "parent": doc.parent,
        "text": doc.text,
        "spans": [s.to_json() for s in doc.spans()],
        "n_nodes": n_nodes,
    }


def _source_eid(rows: list[NodeRow], ref: model.Ref) -> str | None:
    """The eid of the deepest node whose source spans contain the reference's start, if known."""
    if ref.span is None:
        return None
    best: NodeRow | None = None
    for r in rows:
        if r.eid and any(a <= ref.span.start < b for a, b in r.spans) and (best is None or r.depth >= best.depth):
            best = r
    return best.eid if best else None


#: 自2027年1月1日起废止 / 自…起停止执行: the date a repeal printed with its target takes effect.
_EFFECTIVE = re.compile(
    r"自\s*([^起自。；]{6,20}?日)\s*起[^。；]{0,12}?(?:废止|失效|停止执行|不再执行|停止施行|同时废止)"
)
_SENTENCE = re.compile(r"[^。；\n]+")


def printed_effective(text: str, ref: model.Ref, *, only: bool = False) -> date | None:
    """The date printed with the reference in ``text`` (《X》自2027年1月1日起废止), if any.

    The sentence naming the reference wins; when ``only`` (the document repeals one target) a
    sentence that names it as 该文件/上述文件 counts too."""
    from gongbao.extract.dates import parse_date

    names = [n for n in (ref.doc_number, ref.title) if n]
    if not names or "自" not in text:
        return None
    fallback: date | None = None
    for m in _SENTENCE.finditer(text):
        sent = m.group(0)
        e = _EFFECTIVE.search(sent) if "自" in sent else None
        day = parse_date(e.group(1)) if e else None
        if day is None:
            continue
        if any(n in sent for n in names):
            return day
        fallback = fallback or day
    return fallback if only else None


def _relation_rows(doc_id: int, doc: model.Document, rows: list[NodeRow]) -> Iterator[dict[str, Any]]:
    own_since = doc.effective_date or doc.signed_date
    own_number, own_title = ref_key(doc.doc_number), ref_key(doc.title)
    for field, kind in _REL_FIELDS:
        for ref in getattr(doc, field):
            if not ref.key():
                continue
            number, title = ref_key(ref.doc_number), ref_key(ref.title)
            # A document naming itself (本决定 quoted by its full title) is not a relation. A bare
            # title equal to the *instrument* a notice issues is kept: a new 预案 repeals the old
            # one of the same name.
            if (number and number == own_number) or (not number and title and title == own_title):
                continue
            # the parse's printed date (Ref.effective), else read here from the sentence naming it
            effective = ref.effective or (
                printed_effective(doc.text, ref, only=len(doc.repeals) == 1) if kind == "repeals" else None
            )
            if kind == "extends":
                effective = ref.until  # an extension's row keeps the new last day of the term
            partial = kind == "repeals" and ref.relation == "partially_repeals"
            superseded = kind == "repeals" and ref.relation == "supersedes"  # a revised order's old text
            row = {
                "kind": "partially_repeals" if partial else "supersedes" if superseded else kind,
                # the part a partial repeal names; the provisions a citation or a basis names
                # (第三十二条第一款、第十条至第十五条: gongbao.grammar.pinpoints)
                "scope": ref.scope if partial or kind in ("cites", "basis") else None,
                "source_document_id": doc_id,
                "source_eid": _source_eid(rows, ref),
                "target_doc_number": ref.doc_number,
                "target_title": ref.title,
                "target_number_key": ref_key(ref.doc_number) or None,
                "target_title_key": ref_key(ref.title) or None,
                "target_document_id": None,
                "target_work_key": None,
                "since": own_since if kind == "extends" else effective or own_since,
                "effective": effective,
            }
            if kind == "cites" and len(ref.places) > 1:
                # one relation a place the document cites provisions of it (who cites article N of
                # X, and where): each with the provisions cited there
                for span, scope in ref.places:
                    yield {**row, "scope": scope, "source_eid": _source_eid(rows, model.Ref(span=span))}
                continue
            yield row


def work_key(doc: model.Document) -> str:
    """The key of the work ``doc`` is an expression of: the original 文号 a republished text
    names (…令第32号公布), else its own 文号, else its title. Independent of what is stored, so
    the same text from any source, in any order, has the same key."""
    # only 公布: the identity of works stored before 发布 was read as a promulgation stays as it was
    return _original_number(doc, ("公布",)) or ref_key(doc.ref)


def version_key(doc: model.Document) -> str:
    """The version ``doc`` prints, as an ISO date: the last dated event of a republished text's
    history (通过/公布/修正), else its effective date, else its signed date; ``""`` if none."""
    dated = [h.date for h in doc.history if h.date]
    day = max(dated) if dated else (doc.effective_date or doc.signed_date)
    return day.isoformat() if day else ""


def _valid_from(doc: model.Document) -> date | None:
    """When the document is in force from: its effective date, else its signing date, else — a
    law or regulation printed with its history but no 施行 date (济南市城市环境卫生管理条例, an
    excerpt: 2007年1月18日…通过, 2007年3月21日…批准) — the day it was made, the last of its
    passing, approval and publication: it cannot be in force before it exists."""
    if doc.effective_date or doc.signed_date:
        return doc.effective_date or doc.signed_date
    made = [d for d in (doc.passed_date, doc.approved_date, doc.published_date) if d]
    return max(made) if made else None


def _version_row(doc_id: int, doc: model.Document) -> dict[str, Any]:
    """The version of a work this document prints: republished text, or the instrument itself."""
    if doc.history:
        last = max((h for h in doc.history if h.date), key=lambda h: h.date or date.min, default=None)
        return {
            "work": doc.ref,
            "work_key": work_key(doc),
            "made_by": doc.parent or (last.by if last else None),
            "valid_from": last.date if last else doc.effective_date,
            "valid_to": doc.expiry_date,
            "document_id": doc_id,
            "origin": "republished",
            "text": doc.text,
            "body": None,
        }
    return {
        "work": doc.ref,
        "work_key": work_key(doc),
        "made_by": doc.ref,
        "valid_from": _valid_from(doc),
        "valid_to": doc.expiry_date,
        "document_id": doc_id,
        "origin": "printed",
        "text": doc.text,
        "body": None,
    }


_INT_MAX = 2**31 - 1


def _int32(v: Any) -> Any:
    """An integer the store's INTEGER columns hold, else ``None`` (第9999999999条 is no label)."""
    return v if not isinstance(v, int) or isinstance(v, bool) or -_INT_MAX - 1 <= v <= _INT_MAX else None


def refuse_unstorable(issue: model.Issue) -> None:
    """Raise ``InputError`` (one line) for what no database column can hold: a NUL character (
    PostgreSQL refuses it in text) anywhere in the source or in a document's text."""
    for where, text in [("source", issue.source)] + [(d.ref, d.text) for d in issue.documents]:
        at = text.find("\x00")
        if at >= 0:
            raise InputError(f"NUL character at offset {at} of the {where} text: not a text gazette", path=issue.path)


def _lookup(conn: Connection, number_key: str | None, title_key: str | None, source_id: int) -> Any:
    """The stored document a reference names (id and work), by indexed key lookups; ``None`` when
    none. A 文号 match wins (also the original 文号 of a republished text); a title match (the title,
    or the instrument a notice issues) counts only when the reference or the candidate has no
    文号. The latest version of the work is returned (deterministic whatever the order of ingest)."""
    d = documents
    cols = (d.c.id, d.c.work_key, d.c.version_key, d.c.text_sha)
    order = (d.c.version_key.desc(), d.c.text_sha)
    if number_key and title_key:
        # 信访条例（2005年1月10日中华人民共和国国务院令第431号公布）: the 文号 is the order that published
        # the text; when that text is stored under its order (parent), the text is meant, not the order
        for cand in conn.execute(
            sa.select(*cols, d.c.parent)
            .where(d.c.title_key == title_key, d.c.parent.is_not(None), d.c.id != source_id)
            .order_by(*order)
        ):
            if ref_key(cand.parent) == number_key:
                return cand
    if number_key:
        for col in (d.c.ref_key, d.c.alias_key):
            row = conn.execute(
                sa.select(*cols).where(col == number_key, d.c.id != source_id).order_by(*order).limit(1)
            ).first()
            if row is not None:
                return row
    if title_key:
        for col in (d.c.title_key, d.c.instrument_key):
            q = sa.select(*cols).where(col == title_key, d.c.id != source_id)
            if number_key:
                q = q.where(d.c.doc_number.is_(None))
            row = conn.execute(q.order_by(*order).limit(1)).first()
            if row is not None:
                return row
    return None


def resolve_relations(
    conn: Connection,
    *,
    source_ids: list[int] | None = None,
    number_keys: list[str] | None = None,
    title_keys: list[str] | None = None,
) -> int:
    """Point unresolved relations at their target work (and its latest document); return how many
    resolved. The candidates are the relations of ``source_ids`` and the unresolved ones naming one
    of the keys (indexed lookups); with no arguments every unresolved relation is tried (repair)."""
    r = relations
    cols = (r.c.id, r.c.source_document_id, r.c.target_number_key, r.c.target_title_key)
    if source_ids is None and number_keys is None and title_keys is None:
        cands = conn.execute(sa.select(*cols).where(r.c.target_work_key.is_(None))).all()
    else:
        seen: dict[int, Any] = {}
        for ids in _chunks(sorted(source_ids or [])):
            for row in conn.execute(
                sa.select(*cols).where(r.c.source_document_id.in_(ids), r.c.target_work_key.is_(None))
            ):
                seen[row.id] = row
        for col, keys in ((r.c.target_number_key, number_keys), (r.c.target_title_key, title_keys)):
            for ks in _chunks(sorted(keys or [])):
                for row in conn.execute(sa.select(*cols).where(col.in_(ks), r.c.target_work_key.is_(None))):
                    seen[row.id] = row
        cands = [seen[k] for k in sorted(seen)]
    n = 0
    for rel in cands:
        hit = _lookup(conn, rel.target_number_key, rel.target_title_key, rel.source_document_id)
        if hit is None:
            continue
        conn.execute(r.update().where(r.c.id == rel.id).values(target_document_id=hit.id, target_work_key=hit.work_key))
        n += 1
    return n


def _chunks(keys: list[Any], size: int = 500) -> Iterator[list[Any]]:
    for i in range(0, len(keys), size):
        yield keys[i : i + size]


def _repoint(conn: Connection, work_keys: set[str]) -> None:
    """Relations resolved to these works point at each work's latest document."""
    d, r = documents, relations
    for w in sorted(work_keys):
        latest = conn.execute(
            sa.select(d.c.id).where(d.c.work_key == w).order_by(d.c.version_key.desc(), d.c.text_sha).limit(1)
        ).scalar()
        if latest is not None:
            conn.execute(
                r.update()
                .where(r.c.target_work_key == w, r.c.target_document_id.is_distinct_from(latest))
                .values(target_document_id=latest)
            )


def _insert_tree(conn: Connection, doc_id: int, rows: list[NodeRow]) -> None:
    if not rows:
        return
    node_rows = []
    for r in rows:
        row = r.to_row(doc_id)
        row["number"] = _int32(row["number"])
        node_rows.append(row)
    node_ids = (
        conn.execute(nodes.insert().returning(nodes.c.id, sort_by_parameter_order=True), node_rows).scalars().all()
    )
    fts.index_nodes(conn, ((nid, r.text) for nid, r in zip(node_ids, rows, strict=True)))


def _delete_tree(conn: Connection, doc_id: int) -> None:
    old = conn.execute(sa.select(nodes.c.id, nodes.c.text).where(nodes.c.document_id == doc_id)).all()
    fts.unindex_nodes(conn, ((int(x.id), x.text) for x in old))
    conn.execute(nodes.delete().where(nodes.c.document_id == doc_id))


def _issue_stats(conn: Connection, issue_ids: set[int]) -> None:
    """The search statistics of these issues: the nodes of the documents whose text they hold."""
    d, n = documents, nodes
    for iid in sorted(issue_ids):
        k, length = conn.execute(
            sa.select(sa.func.count(n.c.id), sa.func.coalesce(sa.func.sum(n.c.length), 0))
            .select_from(n.join(d, d.c.id == n.c.document_id))
            .where(d.c.issue_id == iid)
        ).one()
        conn.execute(issues.update().where(issues.c.id == iid).values(n_nodes=int(k), total_length=int(length)))


def _issue_keys(issue: model.Issue) -> tuple[set[str], set[str]]:
    """The keys this issue's documents are found by (their works, 文号, titles), and the other keys
    its references look up (the 文号 and titles they name)."""
    own: set[str] = set()
    refs: set[str] = set()
    for doc in issue.documents:
        own.update((work_key(doc), ref_key(doc.doc_number), ref_key(doc.title), ref_key(doc.instrument_title)))
        own.add(_alias_key(doc) or "")
        for field, _ in _REL_FIELDS:
            for ref in getattr(doc, field):
                refs.update((ref_key(ref.doc_number), ref_key(ref.title)))
    own.discard("")
    refs.discard("")
    return own, refs - own


def lock_keys(conn: Connection, keys: list[str] | set[str], shared: set[str] | None = None) -> None:
    """PostgreSQL: take a transaction advisory lock per key, exclusive for ``keys`` and shared for
    ``shared`` (all in one order, so two ingests never wait on each other in a cycle). Concurrent
    ingests that share a work, a 文号 or a title — one storing a document, another a reference to
    it — are then serialized, so neither misses the other (a relation left unresolved, two rows for
    one expression); ingests that only *refer* to the same title (two documents citing
    《中华人民共和国行政处罚法》) hold shared locks and run in parallel, as do ingests sharing
    nothing. SQLite needs none: ``BEGIN IMMEDIATE`` serializes writers."""
    if conn.dialect.name != "postgresql" or not (keys or shared):
        return
    # Advisory locks are per database, stores are per schema: a store's keys must not block another's.
    store = conn.exec_driver_sql("SELECT current_schema()").scalar() or ""

    def lock_id(k: str) -> int:
        return int.from_bytes(hashlib.sha256(f"{store}\x00{k}".encode()).digest()[:8], "big", signed=True)

    exclusive = {lock_id(k) for k in keys}
    mode = {i: False for i in (lock_id(k) for k in (shared or ()))} | {i: True for i in exclusive}
    ids = sorted(mode)
    conn.execute(
        sa.text(
            "SELECT count(CASE WHEN x THEN pg_advisory_xact_lock(k)::text ELSE pg_advisory_xact_lock_shared(k)::text END) "
            "FROM unnest(CAST(:ids AS bigint[]), CAST(:excl AS boolean[])) WITH ORDINALITY AS t(k, x, o)"
        ),
        {"ids": ids, "excl": [mode[i] for i in ids]},
    )


def _rank(gazette: str | None, content_sha: str) -> tuple[int, str]:
    """Which source holds an expression printed in several: a gazette issue before a file of one
    document alone, then the lower content key — the same whatever the order of ingest."""
    return (0 if gazette else 1, content_sha)


def _issue_rank(conn: Connection, issue_id: int) -> tuple[int, str]:
    row = conn.execute(sa.select(issues.c.masthead, issues.c.content_sha).where(issues.c.id == issue_id)).one()
    masthead = json.loads(row.masthead) if isinstance(row.masthead, str) else (row.masthead or {})
    return _rank(masthead.get("gazette"), row.content_sha or "")


_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000](?=[\u4e00-\u9fff])")


def _issue_position(masthead: Any) -> tuple[str | None, tuple[int, ...] | None]:
    """Where an issue stands in its gazette's run: its date, and its (year, cumulative or issue
    number) — what tells a later printing from an earlier one."""
    m = json.loads(masthead) if isinstance(masthead, str) else (masthead or {})
    if not isinstance(m, dict):
        return None, None
    d = m.get("date")
    numbers = m.get("cumulative") or m.get("issue_numbers") or []
    place: tuple[int, ...] | None = None
    if m.get("cumulative"):
        place = (max(int(x) for x in numbers),)
    elif m.get("year") and numbers:
        place = (int(m["year"]), max(int(x) for x in numbers))
    return (str(d) if d else None), place


def _replaces(conn: Connection, issue: model.Issue, text: str, old: Any) -> bool:
    """Does this issue's ``text`` of a stored work version replace the stored one (``old``)?

    Decided by the texts and their issues, never by the order of arrival: a later issue's
    printing (by date, else by cumulative or year and issue number) is a correction of an earlier
    one; in one issue (or issues that say nothing of their place) the text with fewer gaps
    between Chinese characters (a letter-spaced OCR copy: 国 务 院) wins, then the lower text key."""
    row = conn.execute(sa.select(issues.c.masthead).where(issues.c.id == old.issue_id)).one()
    (my_date, my_place), (their_date, their_place) = (
        _issue_position(issue.masthead.to_json()),
        _issue_position(row.masthead),
    )
    if my_date and their_date and my_date != their_date:
        return my_date > their_date
    if my_place and their_place and len(my_place) == len(their_place) and my_place != their_place:
        return my_place > their_place
    gaps_mine, gaps_theirs = len(_CJK_GAP.findall(text)), len(_CJK_GAP.findall(old.text or ""))
    if gaps_mine != gaps_theirs:
        return gaps_mine < gaps_theirs
    return text_key(text) < (old.text_sha or "")


def store_issue(
    conn: Connection,
    issue: model.Issue,
    *,
    consolidate: bool = True,
    ledgers: list[DocumentLedger] | None = None,
) -> IngestResult:
    """Store ``issue`` in ``conn``'s transaction (the caller commits): the per-issue entry point.

    Returns what was done. ``consolidate`` runs ``gongbao.consolidate.reconsolidate`` for the works
    whose text or amending decisions changed (the store stays complete). ``ledgers``: each
    document's task ledger (``store.ledger.extract_ledger``), when the caller extracted them
    outside the transaction; else they are extracted here. Raises ``InputError`` for text no
    column can hold (NUL), and what the database raises.
    """
    refuse_unstorable(issue)
    key = content_key(issue.source)
    own, refs = _issue_keys(issue)
    lock_keys(conn, {key, *own}, shared=refs)
    existing = conn.execute(sa.select(issues.c.id).where(issues.c.content_sha == key)).scalar()
    if existing is None:
        # a store upgraded from version 2 knows its issues by their bytes only: the same file is
        # the same issue, and its content key is recorded now
        legacy = conn.execute(
            sa.select(issues.c.id).where(sa.or_(issues.c.sha256 == issue.sha256, issues.c.content_sha == issue.sha256))
        ).scalar()
        if legacy is not None:
            existing = legacy
            # only the key: its documents were read by an older parse, so its source and residue
            # stay unknown (coverage is checked for issues stored from version 3 on)
            conn.execute(issues.update().where(issues.c.id == legacy).values(content_sha=key))
    if existing is not None:
        # The same content: record this file if its bytes are new; complete what may be missing.
        if conn.execute(sa.select(issue_sources.c.id).where(issue_sources.c.sha256 == issue.sha256)).first() is None:
            conn.execute(issue_sources.insert().values(issue_id=existing, sha256=issue.sha256, path=issue.path))
        stored_ids = sorted(
            {
                int(x)
                for (x,) in conn.execute(sa.select(appearances.c.document_id).where(appearances.c.issue_id == existing))
            }
        )
        resolved = resolve_relations(conn, source_ids=stored_ids)
        done: list[Any] = []
        if consolidate:
            done = _consolidate(conn, stored_ids, set())
        return IngestResult(issue.path, issue.sha256, int(existing), False, resolved=resolved, consolidated=tuple(done))
    issue_id = int(
        conn.execute(
            issues.insert()
            .values(
                path=issue.path,
                sha256=issue.sha256,
                content_sha=key,
                source=issue.source,
                residue=[[r.start, r.end, r.reason] for r in issue.residue],
                source_len=len(issue.source),
                masthead=_jsonable(issue.masthead.to_json()),
                toc=_jsonable([t.to_json() for t in issue.toc]),
                warnings=_jsonable(list(issue.warnings)),
                n_documents=len(issue.documents),
            )
            .returning(issues.c.id)
        ).scalar_one()
    )
    if conn.execute(sa.select(issue_sources.c.id).where(issue_sources.c.sha256 == issue.sha256)).first() is None:
        conn.execute(issue_sources.insert().values(issue_id=issue_id, sha256=issue.sha256, path=issue.path))
    n_nodes = n_rel = same = replaced = kept = 0
    my_rank = _rank(issue.masthead.gazette, key)
    doc_ids: dict[str, int] = {}
    changed: list[int] = []  # documents whose text this issue wrote (new or replacing)
    touched_works: set[str] = set()
    stat_issues: set[int] = {issue_id}
    all_ids: list[int] = []
    number_keys: set[str] = set()
    title_keys: set[str] = set()
    for ordinal, doc in enumerate(issue.documents):
        wk, vk, tk = work_key(doc), version_key(doc), text_key(doc.text)
        spans = [s.to_json() for s in doc.spans()]
        found = conn.execute(
            sa.select(documents.c.id, documents.c.text_sha, documents.c.issue_id, documents.c.title, documents.c.text)
            .where(documents.c.work_key == wk, documents.c.version_key == vk)
            .order_by(documents.c.id)
        ).all()
        mine = [f for f in found if f.issue_id != issue_id]
        match = next((f for f in found if f.text_sha == tk), None)
        rehome = match is not None and int(match.issue_id) != issue_id and my_rank < _issue_rank(conn, match.issue_id)
        if match is not None and not rehome:  # the same expression, printed again
            doc_id = int(match.id)
            same += 1
        elif match is None and mine and not _replaces(conn, issue, doc.text, mine[0]):
            # another text of a stored work version that does not win over it (an earlier printing,
            # a damaged copy): kept as that version's other expression, the stored text stays — the
            # same store whichever arrived first
            old = mine[0]
            doc_id = int(old.id)
            conn.execute(
                expressions.insert().values(
                    document_id=doc_id,
                    issue_id=issue_id,
                    replaced_by_issue_id=old.issue_id,
                    text_sha=tk,
                    title=doc.title,
                    text=doc.text,
                )
            )
            kept += 1
            match = old
        elif match is not None or mine:
            # rehome: the same expression, from the source that holds it whatever the order of
            # ingest (a gazette before a text of one regulation alone, then the lower content
            # key); else a corrected expression of a stored work version: replace it, keep the
            # old text.
            old = match if match is not None else mine[0]
            doc_id = int(old.id)
            if match is None:
                conn.execute(
                    expressions.insert().values(
                        document_id=doc_id,
                        issue_id=old.issue_id,
                        replaced_by_issue_id=issue_id,
                        text_sha=old.text_sha,
                        title=old.title,
                        text=old.text,
                    )
                )
                replaced += 1
            else:
                same += 1
            _delete_tree(conn, doc_id)
            delete_ledger(conn, doc_id)
            conn.execute(relations.delete().where(relations.c.source_document_id == doc_id))
            conn.execute(versions.delete().where(versions.c.document_id == doc_id))
            rows = flatten(doc)
            row = _document_row(issue_id, ordinal, doc, len(rows), issue.events)
            row.update(work_key=wk, version_key=vk, text_sha=tk)
            conn.execute(documents.update().where(documents.c.id == doc_id).values(**row))
            stat_issues.add(int(old.issue_id))
            match = None
        else:
            rows = flatten(doc)
            row = _document_row(issue_id, ordinal, doc, len(rows), issue.events)
            # two documents of one issue with one work and version: both kept, told apart
            row.update(work_key=wk, version_key=vk if not found else f"{vk}#{ordinal}", text_sha=tk)
            doc_id = int(conn.execute(documents.insert().values(**row).returning(documents.c.id)).scalar_one())
        all_ids.append(doc_id)
        conn.execute(
            appearances.insert().values(
                issue_id=issue_id, document_id=doc_id, ordinal=ordinal, text_sha=tk, spans=spans
            )
        )
        if doc.doc_number:
            doc_ids.setdefault(ref_key(doc.doc_number), doc_id)
        if match is not None:
            continue
        changed.append(doc_id)
        touched_works.add(wk)
        number_keys.update(k for k in (ref_key(doc.doc_number), _alias_key(doc)) if k)
        title_keys.update(k for k in (ref_key(doc.title), ref_key(doc.instrument_title)) if k)
        _insert_tree(conn, doc_id, rows)
        write_ledger(conn, doc_id, ledgers[ordinal] if ledgers is not None else extract_ledger(doc))
        n_nodes += len(rows)
        rel_rows = list(_relation_rows(doc_id, doc, rows))
        if rel_rows:
            conn.execute(relations.insert(), rel_rows)
            n_rel += len(rel_rows)
        vrow = _version_row(doc_id, doc)
        vrow["work_key"] = wk
        conn.execute(versions.insert().values(**vrow))
    store_people_and_events(conn, issue, issue_id, doc_ids)
    if issue.appointments or issue.events:
        from gongbao.store.records import note_written

        note_written(conn)
    _issue_stats(conn, stat_issues)
    resolved = resolve_relations(
        conn, source_ids=changed, number_keys=sorted(number_keys), title_keys=sorted(title_keys)
    )
    _repoint(conn, touched_works)
    done = _consolidate(conn, changed, touched_works) if consolidate else []
    return IngestResult(
        issue.path,
        issue.sha256,
        issue_id,
        created=True,
        documents=len(issue.documents),
        nodes=n_nodes,
        relations=n_rel,
        resolved=resolved,
        same=same,
        replaced=replaced,
        kept=kept,
        consolidated=tuple(done),
    )


def _consolidate(conn: Connection, doc_ids: list[int], works: set[str]) -> list[Any]:
    """Reconsolidate the works whose text changed and those the decisions among ``doc_ids`` amend.

    ``gongbao.consolidate`` is the composition of the store with ``gongbao.amend``; imported here
    late so that the store's import stays light and ``amend`` stays a later stage."""
    from gongbao.consolidate import reconsolidate, waiting_notes, works_amended_by

    out: list[Any] = []
    for w in sorted(set(works) | set(works_amended_by(conn, doc_ids))):
        out.extend(reconsolidate(conn, w))
    return out + waiting_notes(conn, doc_ids)


def store_people_and_events(conn: Connection, issue: model.Issue, issue_id: int, doc_ids: dict[str, int]) -> None:
    """Appointments and chronicle events, each once: one printed again (another source, a
    corrected re-issue) is not stored twice."""
    a_tab, e_tab = appointments, events
    for a in issue.appointments:
        doc_id = doc_ids.get(ref_key(a.doc_number)) if a.doc_number else None
        dup = conn.execute(
            sa.select(a_tab.c.id)
            .where(
                a_tab.c.person == a.person,
                a_tab.c.post == a.post,
                a_tab.c.action == a.action,
                a_tab.c.document_id.is_(None) if doc_id is None else a_tab.c.document_id == doc_id,
                a_tab.c.date.is_(None) if a.date is None else a_tab.c.date == a.date,
            )
            .limit(1)
        ).first()
        if dup is not None:
            continue
        conn.execute(
            a_tab.insert().values(
                issue_id=issue_id,
                document_id=doc_id,
                doc_number=a.doc_number,
                action=a.action,
                person=a.person,
                post=a.post,
                probation_years=_int32(a.probation_years),
                note=a.note,
                date=a.date,
                span_start=a.span.start if a.span else None,
                span_end=a.span.end if a.span else None,
            )
        )
    for e in issue.events:
        if conn.execute(sa.select(e_tab.c.id).where(e_tab.c.date == e.date, e_tab.c.text == e.text).limit(1)).first():
            continue
        conn.execute(
            e_tab.insert().values(
                issue_id=issue_id,
                date=e.date,
                text=e.text,
                same_day=e.same_day,
                end_date=e.end,
                span_start=e.span.start if e.span else None,
                span_end=e.span.end if e.span else None,
            )
        )


def ingest_issue(engine: Engine, issue: model.Issue, *, consolidate: bool = True) -> IngestResult:
    """Store ``issue`` and consolidate what it changes, in one transaction (see the module's
    guarantees). A second call with the same content changes nothing.

    Raises ``InputError`` for text no column can hold, ``StoreError`` (one line) when the database
    refuses the write; the transaction is then rolled back and the store is unchanged.
    """
    refuse_unstorable(issue)
    # extracted before the write lock is taken: a writer's transaction holds only database work
    ledgers = [extract_ledger(doc) for doc in issue.documents]
    for attempt in (1, 2, 3):
        try:
            with write_transaction(engine) as conn:
                return store_issue(conn, issue, consolidate=consolidate, ledgers=ledgers)
        except sa.exc.IntegrityError as e:
            # Another process stored the same content between our check and our insert: the
            # next attempt sees it and changes nothing. Again is a real constraint violation.
            if attempt > 1:
                raise _store_error(e, issue.path) from e
        except sa.exc.DBAPIError as e:
            # PostgreSQL aborts one of two transactions waiting on each other (deadlock, 40P01):
            # that one is run again.
            if getattr(e.orig, "sqlstate", None) not in ("40P01", "40001") or attempt == 3:
                raise _store_error(e, issue.path) from e
    raise AssertionError("unreachable")  # pragma: no cover


def _store_error(e: sa.exc.DBAPIError, path: str) -> StoreError:
    first = str(e.orig).strip().splitlines()[0] if e.orig else type(e).__name__
    return StoreError(f"the store refused the write ({first}); nothing of this file was stored", path=path)
