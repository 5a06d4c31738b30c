"""The full-text index: one token per character, so words of any length are found exactly.

Chinese has no spaces between words, and the words users look for are often one or two
characters (燃气, 拒载, 废止). Measured on this machine (``bench/search.py``): SQLite FTS5's
trigram tokenizer misses queries under three characters and PostgreSQL's pg_trgm helps only
from three. So the indexed text is the node text with a space between every character: FTS5
(unicode61) and PostgreSQL's ``simple`` text search configuration then see one token per
character, and a query becomes a *phrase* of its characters (拒载 -> "拒 载" / '拒' <-> '载'),
which matches exactly at every length. Punctuation and whitespace are not tokens, so the
search layer re-checks each candidate with a substring test on the whitespace-free text.

* SQLite: a contentless FTS5 table ``node_fts`` (rowid = ``nodes.id``), ranked by ``bm25()``.
* PostgreSQL: ``node_search(node_id, tsv)`` with a GIN index; ranked by BM25 computed in SQL.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # SQLAlchemy is imported where it is used: search reads through sqlite3 (start-up)
    from sqlalchemy.engine import Connection

__all__ = ["count_indexed", "create_index", "index_nodes", "is_searchable", "spaced", "unindex_nodes"]


_UNIT = next((code for code in ("I", "L") if array(code).itemsize == 4), None)  # a 4-byte array type
_UTF32 = "utf-32-le" if sys.byteorder == "little" else "utf-32-be"


def spaced(text: str) -> str:
    """``text`` with whitespace removed and one space between the remaining characters."""
    compact = "".join(text.split())
    if len(compact) < 2:
        return compact
    # Interleave spaces at the level of UTF-32 code units (C loops): ~4x a per-character join, and
    # ingest indexes every node (bench/ingest.py).
    if _UNIT is None:
        return " ".join(compact)
    chars = array(_UNIT, compact.encode(_UTF32))
    out = array(_UNIT, [32]) * (2 * len(chars) - 1)
    out[0::2] = chars
    return out.tobytes().decode(_UTF32)


def is_searchable(term: str) -> bool:
    """True when ``term`` has a character the index tokenizes (a letter or digit, CJK included)."""
    return any(ch.isalnum() for ch in term)


def create_index(conn: Connection) -> None:
    """Create the backend's index structures (called by the schema migration)."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("CREATE VIRTUAL TABLE node_fts USING fts5(body, content='', tokenize='unicode61')")
    else:
        conn.exec_driver_sql(
            "CREATE TABLE node_search (node_id INTEGER PRIMARY KEY REFERENCES nodes(id), tsv tsvector NOT NULL)"
        )
        conn.exec_driver_sql("CREATE INDEX ix_node_search_tsv ON node_search USING gin (tsv)")


def index_nodes(conn: Connection, rows: Iterable[tuple[int, str]]) -> int:
    """Index ``(node_id, text)`` pairs; return how many were indexed. Runs in ``conn``'s transaction."""
    import sqlalchemy as sa

    batch = [{"id": nid, "body": spaced(text)} for nid, text in rows if text and not text.isspace()]
    if not batch:
        return 0
    if conn.dialect.name == "sqlite":
        conn.execute(sa.text("INSERT INTO node_fts(rowid, body) VALUES (:id, :body)"), batch)
    else:
        # One statement with two array parameters: a many-row INSERT would make the driver parse a
        # query as long as the rows (~0.5 s per issue of 1,400 nodes, bench/ingest.py).
        conn.execute(
            sa.text(
                "INSERT INTO node_search(node_id, tsv) SELECT u.i, to_tsvector('simple', u.b) "
                "FROM unnest(CAST(:ids AS integer[]), CAST(:bodies AS text[])) AS u(i, b)"
            ),
            {"ids": [r["id"] for r in batch], "bodies": [r["body"] for r in batch]},
        )
    return len(batch)


def count_indexed(conn: Connection) -> int:
    """Number of rows in the full-text index."""
    if conn.dialect.name == "sqlite":
        return int(conn.exec_driver_sql("SELECT count(*) FROM node_fts_docsize").scalar() or 0)
    return int(conn.exec_driver_sql("SELECT count(*) FROM node_search").scalar() or 0)


def unindex_nodes(conn: Connection, rows: Iterable[tuple[int, str]]) -> int:
    """Remove ``(node_id, text)`` pairs from the index (the text they were indexed with: FTS5's
    contentless table needs it); return how many. Used when a corrected expression replaces one."""
    import sqlalchemy as sa

    batch = [{"id": nid, "body": spaced(text)} for nid, text in rows if text and not text.isspace()]
    if not batch:
        return 0
    if conn.dialect.name == "sqlite":
        conn.execute(sa.text("INSERT INTO node_fts(node_fts, rowid, body) VALUES ('delete', :id, :body)"), batch)
    else:
        conn.execute(sa.text("DELETE FROM node_search WHERE node_id = :id"), batch)
    return len(batch)
