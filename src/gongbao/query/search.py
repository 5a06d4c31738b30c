"""Full-text search to the article: ``search(engine, query, ...) -> list[Hit]``.

A query is one or more terms separated by whitespace; every term must occur (AND), each as an
exact run of characters (whitespace in the stored text is ignored: PDF text often has
``2025 年``). A query is folded as the stored text was at normalization (full-width letters and
digits as ASCII, ``PM_{2.5}`` as ``PM2.5``); punctuation matches in either width (``70%`` and
``70％``), and the year of a 文号 in any brackets (``聊政办字[2024]17号``, ``【2024】``, ``（2024）``
find ``聊政办字〔2024〕17号``, and the other way round). Hits are nodes (article, paragraph, item,
outline heading…), each with its document, eid, citation (第二十九条第（三）项), the version of its
work and a snippet with the match marked «…».

Ranking: documents in force on the as-of date (default today) come first, then not yet in force,
expired and repealed; within a group by BM25 (k1=1.2, b=0.75, the same SQL formula on both
backends: term frequency counted in the node text, IDF from the index), then by node id.

One version per work: a work stored in several expressions (the 1990 text of a regulation and
its 2011 republished text) is searched in the version valid on the as-of date (default today),
the one ``gongbao show --as-of`` shows; each hit says which (``valid_from``, its start).

Filters (``as_of`` also drops documents published after that date; ``in_force`` keeps only
documents in force or amended on the as-of date; ``kind`` and ``issuer`` match exactly or as a
substring, ``issuer="办公室"``; the version of a work, above) are applied to each index match
**before** it is counted: a word found in more than ``RANK_WINDOW`` filtered nodes (a near stop
word) has only ``RANK_WINDOW`` of them ranked (SQLite: the newest; PostgreSQL: the first the
index yields), which bounds the latency on a large store (``bench/search.py``) and never hides a
match behind a filter. Every hit is a true match (re-checked on the text).

Start-up: the queries run on the DB-API connection. ``open_reader(db)`` opens an SQLite store
with the standard ``sqlite3`` module (no SQLAlchemy import: ``gongbao search`` starts in a
third of the time, ``bench/startup.py``); a PostgreSQL store goes through ``open_store``.
"""

from __future__ import annotations

import functools
import math
import re
import sqlite3
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from gongbao.errors import InputError
from gongbao.normalize.lines import fold_width
from gongbao.query.reader import Reader as _Db
from gongbao.query.reader import open_reader, reading
from gongbao.store.fts import is_searchable, spaced

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

__all__ = ["MARK_CLOSE", "MARK_OPEN", "RANK_WINDOW", "Hit", "open_reader", "search", "search_page", "snippet"]

MARK_OPEN, MARK_CLOSE = "«", "»"
#: Filtered index matches ranked per query by default (see ``search``). ``bench/search.py`` at 1M
#: nodes (SQLite, p50/p95 over every length and filter): 500 -> 6.6/19 ms, 1,000 -> 8/16 ms,
#: 2,000 -> 25/49 ms, 5,000 -> 58/121 ms.
RANK_WINDOW = 1_000
_STATE_NAMES = {0: "in_force", 1: "not_yet_in_force", 2: "expired", 3: "repealed"}
_WS = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Hit:
    """One search hit: a node of a stored document."""

    document: str  # ref: 文号, else title
    title: str
    kind: str
    eid: str
    node_kind: str
    citation: str | None
    article_eid: str | None
    snippet: str
    match_start: int  # offsets of the first match in the node text
    match_end: int
    score: float  # BM25, larger is better
    state: str  # status of the document on the as-of date (in_force, not_yet_in_force, expired, repealed)
    valid_from: date | None = None  # the version of the work this text is (its start), see ``search``
    #: a later version of the work, valid on the as-of date, that no stored document prints (a
    #: consolidation: base + decision): ``{"since": ISO date, "by": the decision}``; this hit quotes
    #: the text before it (``gongbao show REF --as-of D`` gives the text in force)
    superseded: dict[str, str | None] | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "title": self.title,
            "kind": self.kind,
            "eid": self.eid,
            "node_kind": self.node_kind,
            "citation": self.citation,
            "article_eid": self.article_eid,
            "snippet": self.snippet,
            "match": [self.match_start, self.match_end],
            "score": round(self.score, 4),
            "state": self.state,
            "valid_from": self.valid_from.isoformat() if self.valid_from else None,
            "superseded": self.superseded,
        }


#: Full-width ASCII (ＰＭ２．５, ７０％, ［２０２４］) -> ASCII: normalization folds the stored text's
#: full-width digits and letters (``gongbao.normalize.lines.fold_width``) and a query is folded the
#: same way; punctuation is printed in either width (70% and 70％), so it matches in either.
_FULL_ASCII = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_WIDE = {chr(c - 0xFEE0): chr(c) for c in range(0xFF01, 0xFF5F) if not chr(c - 0xFEE0).isalnum()}
#: normalization's subscript repair (PM_{2.5} -> PM2.5, NO_x -> NOx), applied to a query too
_SUBSCRIPT = re.compile(r"(?<=[A-Za-z])_\{([0-9A-Za-z.]{1,8})\}|(?<=[A-Za-z])_(?=[0-9A-Za-z])")
#: The brackets around the year of a 文号, as printed (〔2024〕, OCR and Word text: [2024], 【2024】,
#: (2024)/（2024）, ﹝2024﹞, 〖2024〗): a 文号 in a query matches in any of them.
_OPEN, _CLOSE = "〔[【(﹝〖", "〕]】)﹞〗"
_YEAR_BRACKETS = re.compile(r"[〔\[【(﹝〖](\d{4})[〕\]】)﹞〗]")


def _fold(term: str) -> str:
    """``term`` as the stored text has it: full-width ASCII folded, subscripts repaired."""
    return _SUBSCRIPT.sub(lambda m: m.group(1) or "", fold_width(term).translate(_FULL_ASCII))


def _terms(query: str) -> list[str]:
    terms = [_fold(t) for t in _WS.split(query.strip()) if t]
    if not terms:
        raise InputError("empty search query")
    return terms


@functools.lru_cache(maxsize=256)
def _variants(term: str) -> tuple[str, ...]:
    """The literal forms of ``term`` to look for (whitespace removed, lower case, folded; its
    punctuation matches in either width): one, or one per bracket style of a 文号's year."""
    t = "".join(_fold(term).split()).lower()
    if not _YEAR_BRACKETS.search(t):
        return (t,)
    forms = [t] + [_YEAR_BRACKETS.sub(o + r"\1" + c, t) for o, c in zip(_OPEN, _CLOSE, strict=True)]
    return tuple(dict.fromkeys(forms))


@functools.lru_cache(maxsize=256)
def _term_regex(term: str) -> re.Pattern[str]:
    """Matches ``term`` (any of its ``_variants``) with any whitespace between its characters and
    its punctuation in either width (linear: no nested quantifiers)."""

    def char(ch: str) -> str:
        return f"[{re.escape(ch)}{re.escape(_WIDE[ch])}]" if ch in _WIDE else re.escape(ch)

    return re.compile("|".join(r"\s*".join(char(ch) for ch in v) for v in _variants(term)), re.IGNORECASE)


def snippet(text: str, terms: list[str], width: int = 40) -> tuple[str, int, int]:
    """A window of ``text`` around the first match of ``terms[0]`` with every match marked «…».

    Returns ``(snippet, match_start, match_end)`` (offsets into ``text``; ``-1`` when absent).
    """
    first = _term_regex(terms[0]).search(text)
    if first is None:
        return text[: 2 * width], -1, -1
    a = max(0, first.start() - width)
    b = min(len(text), first.end() + width)
    window = text[a:b]
    spans: list[tuple[int, int]] = []
    for t in terms:
        spans += [(m.start(), m.end()) for m in _term_regex(t).finditer(window) if m.end() > m.start()]
    spans.sort()
    out, pos = [], 0
    for s, e in spans:
        if s < pos:
            continue
        out += [window[pos:s], MARK_OPEN, window[s:e], MARK_CLOSE]
        pos = e
    out.append(window[pos:])
    body = "".join(out).replace("\n", " ")
    return ("…" if a > 0 else "") + body + ("…" if b < len(text) else ""), first.start(), first.end()


#: extensions of ``d``'s term in effect on the as-of date (有效期延长至…, 《X》继续适用)
_EXTENDED = (
    "FROM relations x WHERE x.kind = 'extends' AND x.target_work_key = d.work_key "
    "AND (x.since IS NULL OR x.since <= :as_of)"
)


def _state_sql() -> str:
    """3 repealed, 2 expired, 1 not yet in force, 0 in force — as ``query.status.decide``: the
    latest extension in effect gives the last day of the term (none for a continuation)."""
    latest_end = (
        f"(SELECT x.effective {_EXTENDED} ORDER BY (x.since IS NULL), x.since DESC, "
        "(x.effective IS NULL) DESC, x.effective DESC LIMIT 1)"
    )
    return (
        "CASE WHEN EXISTS (SELECT 1 FROM relations r WHERE r.kind IN ('repeals', 'supersedes') "
        "AND r.target_work_key = d.work_key AND (r.since IS NULL OR r.since <= :as_of)) THEN 3 "
        f"WHEN EXISTS (SELECT 1 {_EXTENDED}) AND {latest_end} < :as_of THEN 2 "
        f"WHEN NOT EXISTS (SELECT 1 {_EXTENDED}) AND d.expiry_date IS NOT NULL AND d.expiry_date < :as_of THEN 2 "
        "WHEN d.valid_from IS NOT NULL AND d.valid_from > :as_of THEN 1 ELSE 0 END"
    )


#: The start of the version a document prints (``documents.version_key``: ISO date, ``""``, or
#: ``date#n`` for two documents of one issue with one work and version).
_VK = "substr(coalesce({t}.version_key, ''), 1, 10)"


def _version_sql() -> str:
    """SQL condition on ``d``: no other stored expression of its work is the version valid on the
    as-of date (``:as_of_key``), the one ``gongbao show --as-of`` shows (``versions._pick``): the
    latest that started by then (the later stored on a tie), else, none having started, the
    earliest. Two documents are versions of one work when they share its key and one of them is
    a republished text (its history printed) or the key is a 文号: two notices that only share a
    title are two documents, both searched."""
    dv, vv = _VK.format(t="d"), _VK.format(t="v")
    return (
        "NOT EXISTS (SELECT 1 FROM documents v WHERE v.work_key = d.work_key AND v.id <> d.id "
        "AND (d.doc_number IS NOT NULL OR d.alias_key IS NOT NULL "
        "OR CAST(d.history AS TEXT) <> '[]' OR CAST(v.history AS TEXT) <> '[]') "
        f"AND (({vv} <= :as_of_key AND ({dv} > :as_of_key OR {vv} > {dv} OR ({vv} = {dv} AND v.id > d.id))) "
        f"OR ({vv} > :as_of_key AND {dv} > :as_of_key AND ({vv} < {dv} OR ({vv} = {dv} AND v.id < d.id)))))"
    )


def _filters(
    params: dict[str, Any],
    *,
    kind: str | None,
    issuer: str | None,
    published_by: date | None,
    in_force: bool,
    state: str | None = None,
) -> str:
    """The document filters, as SQL conditions on ``d`` (each starting with `` AND``): always one
    version of a work (the one valid on ``params["as_of"]``), then the filters asked."""
    params["as_of_key"] = params["as_of"].isoformat()
    sql = f" AND {_version_sql()}"
    if state is not None:
        codes = {v: k for k, v in _STATE_NAMES.items()}
        if state not in codes:
            raise InputError(f"unknown state {state!r} (one of {', '.join(_STATE_NAMES.values())})")
        sql += f" AND ({_state_sql()}) = {codes[state]}"
    if kind:
        sql += " AND (d.kind = :kind OR d.instrument_kind = :kind)"
        params["kind"] = kind
    if issuer:
        sql += " AND d.issuer LIKE :issuer"
        params["issuer"] = f"%{issuer}%"
    if published_by:
        sql += " AND (d.published_date IS NULL OR d.published_date <= :published_by)"
        params["published_by"] = published_by
    if in_force:
        sql += f" AND ({_state_sql()}) = 0"
    return sql


def _strip_ws_sql(col: str) -> str:
    return f"lower(replace(replace(replace({col}, ' ', ''), char_nl, ''), '　', ''))"


def _exact_sql(dialect: str, terms: list[str], params: dict[str, Any]) -> str:
    """SQL that keeps only nodes whose whitespace-free text contains every term exactly (one of
    its ``_variants``, its punctuation in either width)."""
    nl = "char(10)" if dialect == "sqlite" else "chr(10)"
    fn = "instr({s}, :{p}) > 0" if dialect == "sqlite" else "strpos({s}, :{p}) > 0"
    parts = []
    for i, t in enumerate(terms):
        forms = _variants(t)
        stripped = _strip_ws_sql("n.text").replace("char_nl", nl)
        for ch in sorted({ch for f in forms for ch in f if ch in _WIDE}):  # full-width marks read as ASCII
            stripped = f"replace({stripped}, '{_WIDE[ch]}', '{ch.replace(chr(39), chr(39) * 2)}')"
        alts = []
        for j, f in enumerate(forms):
            params[f"e{i}_{j}"] = f
            alts.append(fn.format(s=stripped, p=f"e{i}_{j}"))
        parts.append("(" + " OR ".join(alts) + ")")
    return " AND ".join(parts)


#: Document frequencies are counted up to this many matches (IDF of a near stop word barely moves above it).
DF_CAP = 20_000


def _df_sql(dialect: str, i: int) -> str:
    if dialect == "sqlite":
        return f"SELECT count(*) FROM (SELECT 1 FROM node_fts WHERE node_fts MATCH :m{i} LIMIT {DF_CAP}) AS f"
    return f"SELECT count(*) FROM (SELECT 1 FROM node_search WHERE tsv @@ phraseto_tsquery('simple', :m{i}) LIMIT {DF_CAP}) AS f"


def _score_sql(db: _Db, terms: list[str], params: dict[str, Any]) -> str:
    """BM25 (k1=1.2, b=0.75) of a node, as SQL over ``n.text`` and ``n.length``: the same on both backends.

    Term frequency is counted in the node text (at least 1: the index matched); IDF comes from the
    index (counted up to ``DF_CAP``); N and the average length from the per-issue statistics.
    """
    dialect = db.dialect
    (stats,) = db.rows("SELECT sum(n_nodes) AS n, sum(total_length) AS t FROM issues")
    n_docs = int(stats["n"] or 0) or 1
    avgdl = (float(stats["t"] or 0) / n_docs) or 1.0
    params.update(k1=1.2, b=0.75, avgdl=avgdl)
    length = "length" if dialect == "sqlite" else "char_length"
    great = "max" if dialect == "sqlite" else "greatest"
    out = []
    for i, t in enumerate(terms):
        q = _variants(t)[0]
        params[f"x{i}"] = q
        df = None
        if is_searchable(t) and len(terms) > 1:
            params[f"m{i}"] = '"' + spaced(t).replace('"', '""') + '"' if dialect == "sqlite" else spaced(t)
            df = db.scalar(_df_sql(dialect, i), params)
        params[f"idf{i}"] = 1.0 if df is None else math.log(1 + (n_docs - df + 0.5) / (df + 0.5))
        tf = f"{great}(({length}(lower(n.text)) - {length}(replace(lower(n.text), :x{i}, ''))) / {max(len(q), 1)}.0, 1)"
        out.append(f"(:idf{i} * {tf} * (:k1 + 1) / ({tf} + :k1 * (1 - :b + :b * n.length / :avgdl)))")
    return " + ".join(out)


def _candidates(
    db: _Db, terms: list[str], params: dict[str, Any], where: str, exact: str, columns: str | None = None
) -> str:
    """SQL for ``(id, score, state)`` (or ``columns``) of the window of matches that pass the filters.

    The index yields the matches (SQLite: FTS5 newest first, which it serves from its index;
    ``CROSS JOIN`` keeps it the outer loop); each is joined to its node and document by primary
    key and filtered *before* ``LIMIT :window`` counts it, so a filter never empties the window.
    """
    dialect = db.dialect
    if columns is None:
        columns = f"n.id AS id, ({_score_sql(db, terms, params)}) AS score, {_state_sql()} AS state"
    indexed = [t for t in terms if is_searchable(t)]
    head = f"SELECT {columns}"
    if not indexed:  # only punctuation: nothing is tokenized, scan
        return (
            f"{head} FROM nodes n JOIN documents d ON d.id = n.document_id "
            f"WHERE {exact}{where} ORDER BY n.id DESC LIMIT :window"
        )
    if dialect == "sqlite":
        params["match"] = " AND ".join('"' + spaced(t).replace('"', '""') + '"' for t in indexed)
        return (
            f"{head} FROM (SELECT rowid AS nid FROM node_fts WHERE node_fts MATCH :match ORDER BY rowid DESC) m "
            "CROSS JOIN nodes n ON n.id = m.nid CROSS JOIN documents d ON d.id = n.document_id "
            f"WHERE {exact}{where} LIMIT :window"
        )
    for i, t in enumerate(indexed):
        params[f"q{i}"] = spaced(t)
    tsq = " && ".join(f"phraseto_tsquery('simple', :q{i})" for i in range(len(indexed)))
    shares = _char_shares(db)
    if min((shares.get(ch.lower(), 0.0) for t in indexed for ch in t if ch.isalnum()), default=0.0) >= COMMON_SHARE:
        # every character is in a good part of the nodes (市: 40%): the planner may walk the
        # nodes and test each against the index, which stops early (the window fills fast)
        return (
            f"{head} FROM node_search s JOIN nodes n ON n.id = s.node_id JOIN documents d ON d.id = n.document_id "
            f"WHERE s.tsv @@ ({tsq}) AND {exact}{where} LIMIT :window"
        )
    # Otherwise the index's matches drive the join, as on SQLite: OFFSET 0 keeps the planner from
    # flattening the subquery and starting from the documents when it misjudges a filter's
    # selectivity (险 in force: 39,027 nodes probed one by one, 80–117 ms; from the matches ~26 ms).
    return (
        f"{head} FROM (SELECT node_id FROM node_search WHERE tsv @@ ({tsq}) OFFSET 0) s "
        "JOIN nodes n ON n.id = s.node_id JOIN documents d ON d.id = n.document_id "
        f"WHERE {exact}{where} LIMIT :window"
    )


#: A query whose every character is in at least this share of the nodes (PostgreSQL's statistics
#: of the index column, ``pg_stats.most_common_elems``) is answered node-first.
COMMON_SHARE = 0.2
_SHARES: dict[str, dict[str, float]] = {}


def _char_shares(db: _Db) -> dict[str, float]:
    """Character -> share of indexed nodes holding it, per PostgreSQL's statistics (a character
    missing is not among the most common elements, or the table was not analysed yet); read once
    per process and schema."""
    schema = str(db.scalar("SELECT current_schema()") or "")
    shares = _SHARES.get(schema)
    if shares is None:
        rows = db.rows(
            "SELECT most_common_elems::text AS e, most_common_elem_freqs AS f FROM pg_stats "
            "WHERE schemaname = current_schema() AND tablename = 'node_search' AND attname = 'tsv'"
        )
        shares = {}
        if rows and rows[0]["e"] and rows[0]["f"]:
            elems = [x.strip('"') for x in str(rows[0]["e"]).strip("{}").split(",")]
            shares = dict(zip(elems, (float(f) for f in rows[0]["f"]), strict=False))
        _SHARES[schema] = shares
    return shares


_ROWS_SQL = (
    "SELECT n.id, n.eid, n.kind AS node_kind, n.citation, n.article_eid, n.text, "
    "d.ref, d.title, d.kind, d.version_key, d.valid_from, d.work_key FROM nodes n JOIN documents d ON d.id = n.document_id "
    "WHERE n.id IN ({ids})"
)


def search(
    store: Engine | sqlite3.Connection,
    query: str,
    *,
    as_of: date | None = None,
    kind: str | None = None,
    issuer: str | None = None,
    in_force: bool = False,
    limit: int = 20,
    window: int | None = RANK_WINDOW,
    state: str | None = None,
    offset: int = 0,
) -> list[Hit]:
    """Nodes whose text contains every term of ``query``, best first (see the module docstring).

    ``store`` is an engine (``open_store``) or an ``sqlite3`` connection (``open_reader``).
    ``state`` keeps documents in that state on the as-of date (``in_force``, ``not_yet_in_force``,
    ``expired``, ``repealed``); ``offset`` skips that many hits (a page).
    ``window`` bounds the work for very common words: only ``window`` index matches that pass
    the filters are ranked (``None``: all). Every hit is a true match either way and a filter
    never hides a match; only the order of words found in more than ``window`` filtered nodes is
    approximate. Raises ``InputError`` for an empty query or a non-positive limit.
    """
    if limit <= 0:
        raise InputError("--limit must be positive")
    terms = _terms(query)
    with reading(store) as db:
        return _search(db, terms, as_of, kind, issuer, in_force, limit, window, state, max(offset, 0))


def search_page(
    store: Engine | sqlite3.Connection,
    query: str,
    *,
    as_of: date | None = None,
    kind: str | None = None,
    issuer: str | None = None,
    in_force: bool = False,
    state: str | None = None,
    offset: int = 0,
    limit: int = 20,
    window: int = 500,
) -> tuple[list[Hit], list[tuple[str, str, str]]]:
    """One page of hits and the ``(kind, title, state)`` of every match counted, in one pass.

    What the API and the web pages ask: up to ``window`` filtered matches (SQLite: the newest)
    are tested exactly in SQL, scored and ordered like ``search`` (state, then BM25, then node
    id), without reading their text; the facets are counted over all of them and only the page
    (``offset``, ``limit``, those in ``state`` when given) is read and marked. A word found in
    more than ``window`` filtered nodes has only ``window`` of them counted and ranked.
    Raises ``InputError`` for an empty query or an unknown ``state``.
    """
    terms = _terms(query)
    if state is not None and state not in _STATE_NAMES.values():
        raise InputError(f"unknown state {state!r} (one of {', '.join(_STATE_NAMES.values())})")
    with reading(store) as db:
        _pg_settings(db)
        params: dict[str, Any] = {"as_of": as_of or date.today(), "window": window}
        where = _filters(params, kind=kind, issuer=issuer, published_by=as_of, in_force=in_force)
        exact = _exact_sql(db.dialect, terms, params)
        cols = (
            f"n.id AS id, ({_score_sql(db, terms, params)}) AS score, {_state_sql()} AS state, "
            "d.kind AS kind, d.title AS title"
        )
        ranked = db.rows(
            f"SELECT c.* FROM ({_candidates(db, terms, params, where, exact, cols)}) c "
            # the outer LIMIT keeps SQLite from flattening the window away (it would rank every match)
            "ORDER BY c.state, c.score DESC, c.id LIMIT :window",
            params,
        )
        matches = [(r["kind"], r["title"], _STATE_NAMES[int(r["state"])]) for r in ranked]
        page = [r for r in ranked if state is None or _STATE_NAMES[int(r["state"])] == state]
        page = page[max(offset, 0) : max(offset, 0) + max(limit, 0)]
        found: list[tuple[dict[str, Any], float, int]] = []
        if page:
            by_id = {r["id"]: r for r in db.rows(_ROWS_SQL.format(ids=",".join(str(int(r["id"])) for r in page)))}
            regexes = [_term_regex(t) for t in terms]
            for r in page:
                row = by_id.get(r["id"])
                if row is not None and all(rx.search(row["text"]) for rx in regexes):
                    found.append((row, float(r["score"] or 0.0), int(r["state"])))
        hits = _hits(found, terms)
        return _mark_superseded(db, hits, found, params["as_of"]), matches


def _pg_settings(db: _Db) -> None:
    if db.dialect == "postgresql":
        # JIT compiling costs more than it saves here; the matches are best joined by index.
        for setting in ("jit = off", "random_page_cost = 1.1", "enable_hashjoin = off", "enable_mergejoin = off"):
            db.rows(f"SELECT set_config('{setting.split(' = ')[0]}', '{setting.split(' = ')[1]}', true) AS v")


def _search(
    db: _Db,
    terms: list[str],
    as_of: date | None,
    kind: str | None,
    issuer: str | None,
    in_force: bool,
    limit: int,
    window: int | None,
    state: str | None = None,
    offset: int = 0,
) -> list[Hit]:
    day = as_of or date.today()
    params: dict[str, Any] = {"as_of": day, "window": window}
    where = _filters(params, kind=kind, issuer=issuer, published_by=as_of, in_force=in_force, state=state)
    regexes = [_term_regex(t) for t in terms]
    limit += offset
    fetch = limit + max(limit // 10, 10)  # a few more than asked: the index's near misses are re-checked
    _pg_settings(db)
    if db.dialect == "sqlite" and window is None:
        params["window"] = -1  # SQLite: LIMIT -1 is no limit (PostgreSQL: LIMIT NULL)
    scan = not any(is_searchable(t) for t in terms)
    # The index matches characters in sequence, ignoring punctuation between them; the exact
    # test runs in SQL only for a scan, else in Python on the ranked rows (cheaper for common
    # words), fetching more rows in the rare case that too many were near misses.
    exact = _exact_sql(db.dialect, terms, params) if scan else "1 = 1"
    ranked_sql = (
        f"SELECT c.id, c.score, c.state FROM ({_candidates(db, terms, params, where, exact)}) c "
        "ORDER BY c.state, c.score DESC, c.id LIMIT :fetch OFFSET :skip"
    )
    found: list[tuple[dict[str, Any], float, int]] = []
    skip = 0
    while len(found) < limit:
        page = db.rows(ranked_sql, {**params, "fetch": fetch, "skip": skip})
        if not page:
            break
        skip += len(page)
        ids = ",".join(str(int(r["id"])) for r in page)
        by_id = {r["id"]: r for r in db.rows(_ROWS_SQL.format(ids=ids))}
        for r in page:
            row = by_id.get(r["id"])
            if row is not None and all(rx.search(row["text"]) for rx in regexes):
                found.append((row, float(r["score"] or 0.0), int(r["state"])))
        if len(page) < fetch:
            break
        fetch *= 4
    found = found[offset:limit]
    return _mark_superseded(db, _hits(found, terms), found, day)


def _mark_superseded(
    db: _Db, hits: list[Hit], found: list[tuple[dict[str, Any], float, int]], as_of: date
) -> list[Hit]:
    """``hits`` with ``superseded`` set where the work's text valid on ``as_of`` is a consolidated
    version (a stored decision applied to the stored text) that starts after the version the hit
    quotes: the hit's words are those of the text before (one query for the page's works)."""
    works = sorted({str(row["work_key"]) for row, _, _ in found if row.get("work_key")})
    if not works:
        return hits
    params: dict[str, Any] = {"as_of": as_of}
    marks = ",".join(f":w{i}" for i in range(len(works)))
    params.update({f"w{i}": w for i, w in enumerate(works)})
    later: dict[str, list[tuple[date, str | None]]] = {}
    for r in db.rows(
        f"SELECT work_key, valid_from, made_by FROM versions WHERE work_key IN ({marks}) "
        "AND origin = 'consolidated' AND valid_from IS NOT NULL AND valid_from <= :as_of",
        params,
    ):
        v = r["valid_from"]
        day = v if isinstance(v, date) else date.fromisoformat(str(v)[:10])
        later.setdefault(r["work_key"], []).append((day, r["made_by"]))
    out = []
    for h, (row, _, _) in zip(hits, found, strict=True):
        newer = [
            (d, by) for d, by in later.get(row.get("work_key") or "", []) if h.valid_from is None or d > h.valid_from
        ]
        if newer:
            d, by = max(newer, key=lambda x: x[0])
            h = replace(h, superseded={"since": d.isoformat(), "by": by})
        out.append(h)
    return out


def _version_start(version_key: str | None, valid_from: Any) -> date | None:
    """The start of the version a document prints: its version key's date, else its own start."""
    try:
        return date.fromisoformat((version_key or "")[:10])
    except ValueError:
        return date.fromisoformat(valid_from[:10]) if isinstance(valid_from, str) else valid_from


def _hits(found: list[tuple[dict[str, Any], float, int]], terms: list[str]) -> list[Hit]:
    """``Hit``s of node rows (``_ROWS_SQL``) with their score and state code, snippets marked."""
    hits = []
    for hit_row, score, code in found:
        snip, ms, me = snippet(hit_row["text"], terms)
        hits.append(
            Hit(
                document=hit_row["ref"],
                title=hit_row["title"],
                kind=hit_row["kind"],
                eid=hit_row["eid"],
                node_kind=hit_row["node_kind"],
                citation=hit_row["citation"],
                article_eid=hit_row["article_eid"],
                snippet=snip,
                match_start=ms,
                match_end=me,
                score=score,
                state=_STATE_NAMES[code],
                valid_from=_version_start(hit_row["version_key"], hit_row["valid_from"]),
            )
        )
    return hits
