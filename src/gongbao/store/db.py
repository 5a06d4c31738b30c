"""Open the store by URL: an SQLite file by default, PostgreSQL for a server.

URL resolution (``resolve_url``): the ``--db`` value, else ``$GONGBAO_DB``, else ``./gongbao.db``.
A plain path or ``sqlite:///path`` is an SQLite file; ``postgresql://…`` (or ``postgres://``) is
served by psycopg 3 (``postgresql+psycopg://…``). Options in the URL query go to the driver, e.g.
``?options=-csearch_path%3Dmy_schema`` to keep a store in one PostgreSQL schema.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from gongbao.errors import StoreError
from gongbao.store.schema import SCHEMA_VERSION, current_version, upgrade

__all__ = ["DEFAULT_DB", "open_store", "resolve_url", "write_transaction"]

DEFAULT_DB = "gongbao.db"


def resolve_url(db: str | None = None) -> str:
    """The SQLAlchemy URL for ``db`` (else ``$GONGBAO_DB``, else ``./gongbao.db``)."""
    raw = db or os.environ.get("GONGBAO_DB") or DEFAULT_DB
    for prefix in ("postgresql+psycopg://", "sqlite://"):
        if raw.startswith(prefix):
            return raw
    for prefix in ("postgresql://", "postgres://"):
        if raw.startswith(prefix):
            return "postgresql+psycopg://" + raw[len(prefix) :]
    if "://" in raw:
        raise StoreError(f"unsupported database URL {raw!r} (use a file path or postgresql://…)")
    return "sqlite:///" + raw


def _sqlite_engine(url: str) -> Engine:
    engine = sa.create_engine(url, connect_args={"timeout": 30})

    # pysqlite's own transaction handling would commit around DDL and start transactions lazily;
    # take it over so that ``engine.begin()`` is exactly one SQLite transaction (SQLAlchemy recipe).
    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # pragma: no cover - driver callback
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # pragma: no cover - driver callback
        # A writer takes the write lock up front: two writers then queue (busy_timeout) instead
        # of failing when both try to upgrade a read lock. Readers never block each other.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("gongbao_write") else "BEGIN")

    return engine


def _ensure_pg_schema(conn: sa.Connection) -> None:
    """Create the first schema of ``search_path`` when it does not exist yet (a store per schema)."""
    if conn.exec_driver_sql("SELECT current_schema()").scalar():
        return
    search_path = conn.exec_driver_sql("SHOW search_path").scalar_one()
    first = search_path.split(",")[0].strip().strip('"')
    if first and not first.startswith("$"):
        conn.exec_driver_sql(f'CREATE SCHEMA IF NOT EXISTS "{first}"')


def open_store(db: str | None = None, *, create: bool = True) -> Engine:
    """Open (and by default create or upgrade) the store at ``db``; return its engine.

    Guarantees: the schema is at ``SCHEMA_VERSION`` when this returns. Raises ``StoreError``
    when the database cannot be reached, or when ``create`` is false and the store is empty.
    """
    url = resolve_url(db)
    try:
        if url.startswith("sqlite"):
            path = url.removeprefix("sqlite:///")
            if not create and path not in ("", ":memory:") and not os.path.exists(path):
                raise StoreError(f"no store at {path} (run gongbao ingest first)")
            engine = _sqlite_engine(url)
        else:
            engine = sa.create_engine(url, pool_pre_ping=True)
        if engine.dialect.name == "sqlite":
            # Read the version without a lock; upgrade (create) under the write lock, taken up
            # front (BEGIN IMMEDIATE, busy timeout 30 s): processes creating one new store queue
            # instead of failing with "database is locked", and the second finds it made.
            with engine.connect() as conn:
                have = current_version(conn)
                conn.rollback()
            if have != SCHEMA_VERSION:
                with write_transaction(engine) as conn:
                    upgrade(conn)
        else:
            with engine.begin() as conn:
                # Two processes creating the same store must not both run the migration.
                conn.exec_driver_sql("SELECT pg_advisory_xact_lock(4242000)")
                _ensure_pg_schema(conn)
                upgrade(conn)
    except sa.exc.DBAPIError as e:
        raise StoreError(
            f"cannot open store {sa.engine.make_url(url).render_as_string(hide_password=True)}: "
            f"{str(e.orig).strip().splitlines()[0] if e.orig else e}"
        ) from e
    return engine


#: Raises the store's generation; the last statement of every write transaction, so that on
#: PostgreSQL the row lock is held only from there to the commit (concurrent writers do not queue
#: on it for their whole transaction).
_BUMP = "UPDATE store_generation SET n = n + 1 WHERE id = 1"


@contextmanager
def write_transaction(engine: Engine) -> Iterator[sa.Connection]:
    """``engine.begin()`` for a transaction that will write (SQLite: ``BEGIN IMMEDIATE``).

    On success the store's generation is raised in the same transaction (``schema.store_generation``):
    a reader's cache keyed on the generation it read can never serve what this transaction changed.
    A transaction that raises is rolled back with its generation unchanged.
    """
    with engine.execution_options(gongbao_write=True).begin() as conn:
        yield conn
        conn.exec_driver_sql(_BUMP)
