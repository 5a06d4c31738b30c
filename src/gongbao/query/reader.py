"""One small reading interface for the store's questions, on either backend.

The read-only queries (``search``, ``status``, ``docs``, ``links``, ``show REF --as-of``) are
written once, in plain SQL with ``:name`` parameters, against ``Reader``: a DB-API connection
and its dialect. ``reading(store)`` gives one for

* an ``sqlite3`` connection (``open_reader``: a store file opened read-only with the standard
  library, so a command that only reads starts without importing SQLAlchemy, ~0.2 s of CPU);
* an SQLAlchemy engine (PostgreSQL, or wherever SQLAlchemy is already loaded: the API, the web
  pages) or an SQLAlchemy connection (its DB-API connection: the same transaction).

Rows come back as ``Row``: a dict whose values are also attributes (``row.ref``), with the
store's dates as ``datetime.date`` and its JSON columns decoded on both backends (``DATE_COLUMNS``,
``JSON_COLUMNS``): the same values SQLAlchemy's typed columns give.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from gongbao.errors import StoreError

__all__ = ["DATE_COLUMNS", "JSON_COLUMNS", "Reader", "Row", "in_list", "open_reader", "reading"]

#: Columns of the store typed ``Date`` (SQLite stores them as ISO text).
DATE_COLUMNS = frozenset(
    {
        "signed_date",
        "effective_date",
        "expiry_date",
        "valid_from",
        "valid_to",
        "published_date",
        "since",
        "effective",
        "source_signed_date",
    }
)
#: Columns of the store typed ``JSON`` (SQLite stores them as text).
JSON_COLUMNS = frozenset(
    "masthead toc warnings residue recipients attachments fragments history pages counts spans attrs body".split()
)
_TYPED = DATE_COLUMNS | JSON_COLUMNS
_PARAM = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


class Row(dict[str, Any]):
    """A result row: ``row["ref"]`` or ``row.ref``."""

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def _date(v: Any) -> Any:
    if isinstance(v, str):
        return date.fromisoformat(v[:10])
    return v


def _json(v: Any) -> Any:
    return json.loads(v) if isinstance(v, str | bytes) else v


class Reader:
    """A DB-API connection and its dialect (``sqlite`` or ``postgresql``); SQL uses ``:name`` parameters."""

    def __init__(self, raw: Any, dialect: str) -> None:
        self.raw, self.dialect = raw, dialect
        self._sql: dict[str, str] = {}

    def _prep(self, sql: str, params: dict[str, Any] | None) -> tuple[str, Any]:
        if self.dialect == "sqlite":
            return sql, {k: v.isoformat() if isinstance(v, date) else v for k, v in (params or {}).items()}
        pg = self._sql.get(sql)
        if pg is None:
            pg = self._sql[sql] = _PARAM.sub(r"%(\1)s", sql.replace("%", "%%"))
        return pg, params or {}

    def rows(self, sql: str, params: dict[str, Any] | None = None) -> list[Row]:
        """Every row of ``sql``, dates and JSON decoded."""
        q, p = self._prep(sql, params)
        cur = self.raw.cursor()
        try:
            cur.execute(q, p)
            names = [d[0] for d in cur.description]
            fetched = cur.fetchall()
        finally:
            cur.close()
        # SQLite returns dates and JSON as text; the PostgreSQL driver decodes both itself.
        conv = (
            [(i, _date if n in DATE_COLUMNS else _json) for i, n in enumerate(names) if n in _TYPED]
            if self.dialect == "sqlite"
            else []
        )
        out = []
        for r in fetched:
            if conv:
                r = list(r)
                for i, f in conv:
                    if r[i] is not None:
                        r[i] = f(r[i])
            out.append(Row(zip(names, r, strict=True)))
        return out

    def first(self, sql: str, params: dict[str, Any] | None = None) -> Row | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def scalar(self, sql: str, params: dict[str, Any] | None = None) -> Any:
        q, p = self._prep(sql, params)
        cur = self.raw.cursor()
        try:
            cur.execute(q, p)
            row = cur.fetchone()
            return row[0] if row else None
        finally:
            cur.close()


def in_list(name: str, values: Iterable[Any], params: dict[str, Any]) -> str:
    """``(:name0, :name1, …)`` for ``IN``, the values added to ``params``; ``(NULL)`` when empty
    (``x IN (NULL)`` is never true, ``x NOT IN (NULL)`` never either: test emptiness first)."""
    names = []
    for i, v in enumerate(values):
        params[f"{name}{i}"] = v
        names.append(f":{name}{i}")
    return "(" + (", ".join(names) or "NULL") + ")"


@contextmanager
def reading(store: Any) -> Iterator[Reader]:
    """A ``Reader`` on ``store``: a ``Reader``, an ``sqlite3`` connection, an SQLAlchemy engine or connection.

    An engine's connection is returned to its pool (its read transaction rolled back) on exit.
    """
    if isinstance(store, Reader):
        yield store
    elif isinstance(store, sqlite3.Connection):
        yield Reader(store, "sqlite")
    elif hasattr(store, "raw_connection"):  # an SQLAlchemy engine
        raw = store.raw_connection()
        try:
            yield Reader(raw.driver_connection, store.dialect.name)
        finally:
            raw.rollback()  # read only: end the transaction before the connection goes back to the pool
            raw.close()
    else:  # an SQLAlchemy connection: its DB-API connection, in its transaction
        yield Reader(store.connection.driver_connection, store.dialect.name)


#: What the read-only queries need of a store; an SQLite file lacking any goes through ``open_store``.
_PROBES = (
    "SELECT rowid FROM node_fts LIMIT 0",
    "SELECT length, citation, article_eid FROM nodes LIMIT 0",
    "SELECT n_nodes, total_length FROM issues LIMIT 0",
    "SELECT published_date, valid_from, expiry_date, instrument_kind, issuer, work_key, alias_key, history "
    "FROM documents LIMIT 0",
    "SELECT target_document_id, target_work_key, since FROM relations LIMIT 0",
    "SELECT work_key, valid_from, origin, made_by FROM versions LIMIT 0",
)


#: the schema version these queries are written for (``store.schema.SCHEMA_VERSION``; a test keeps
#: them equal): an older store is opened through ``open_store``, which upgrades it
READ_SCHEMA = 8


def open_reader(db: str | None = None) -> Any:
    """The store at ``db`` for reading (resolved like ``--db``): an ``sqlite3`` connection, else an engine.

    An SQLite store opens read-only with the standard library (no SQLAlchemy: the fast path of
    the commands that only read); a store that lacks what they read (an older schema) and a
    PostgreSQL URL go through ``gongbao.store.open_store``. Raises ``StoreError`` when there is
    no store.
    """
    from pathlib import Path

    raw = db or os.environ.get("GONGBAO_DB") or "gongbao.db"
    path = raw.removeprefix("sqlite:///") if raw.startswith("sqlite:///") else (None if "://" in raw else raw)
    if path is None or path in ("", ":memory:"):
        from gongbao.store import open_store

        return open_store(db, create=False)
    if not os.path.exists(path):
        raise StoreError(f"no store at {path} (run gongbao ingest first)")
    conn = sqlite3.connect(Path(path).absolute().as_uri() + "?mode=ro", uri=True, timeout=30)
    try:
        for probe in _PROBES:
            conn.execute(probe)
        if (conn.execute("SELECT max(version) FROM schema_version").fetchone()[0] or 0) < READ_SCHEMA:
            raise sqlite3.DatabaseError("older schema")
    except sqlite3.DatabaseError:
        conn.close()
        from gongbao.store import open_store

        return open_store(db, create=False)  # upgrades an older schema, or says what is wrong
    return conn
