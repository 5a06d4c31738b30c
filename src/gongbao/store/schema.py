"""The store's one schema (SQLAlchemy Core), shared by SQLite and PostgreSQL, and its upgrade path.

Tables mirror ``gongbao.model``: an ``issues`` row per ingested file (by content hash), its
``documents``, each document's body tree flattened into ``nodes`` (with eid, citation and source
spans), ``relations`` between documents (resolved when the target is in the store), ``versions``
of works, ``appointments`` and ``events``. The full-text index is backend specific (an FTS5
virtual table on SQLite, a ``tsvector`` table with a GIN index on PostgreSQL) and is created by
the migration, not by ``metadata.create_all``; see ``gongbao.store.fts``.

Upgrade path: ``MIGRATIONS`` maps a version number to the function that brings the store from
``version - 1`` to ``version``; ``upgrade`` applies the missing ones in order, each inside the
caller's transaction, and records the version in ``schema_version``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "appearances",
    "appointments",
    "current_version",
    "derived",
    "documents",
    "events",
    "expressions",
    "issue_sources",
    "issues",
    "metadata",
    "nodes",
    "relations",
    "schema_version",
    "store_generation",
    "task_units",
    "tasks",
    "unit_aliases",
    "upgrade",
    "versions",
]

metadata = sa.MetaData()

schema_version = sa.Table(
    "schema_version",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("applied_at", sa.DateTime, nullable=False, server_default=sa.func.current_timestamp()),
)

#: v5: one row whose ``n`` every write transaction raises just before it commits
#: (``store.db.write_transaction``): a reader that saw ``n`` knows the store has not changed since
#: while ``n`` is the same, which is what a server's result cache is keyed on.
store_generation = sa.Table(
    "store_generation",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("n", sa.BigInteger, nullable=False),
)

issues = sa.Table(
    "issues",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("path", sa.Text, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False, unique=True),
    sa.Column("source_len", sa.Integer, nullable=False),
    sa.Column("masthead", sa.JSON, nullable=False),
    sa.Column("toc", sa.JSON, nullable=False),
    sa.Column("warnings", sa.JSON, nullable=False),
    sa.Column("n_documents", sa.Integer, nullable=False),
    # search statistics (BM25's corpus size and average length), summed over issues at query time
    sa.Column("n_nodes", sa.Integer, nullable=False, server_default="0"),
    sa.Column("total_length", sa.BigInteger, nullable=False, server_default="0"),
    sa.Column("ingested_at", sa.DateTime, nullable=False, server_default=sa.func.current_timestamp()),
    # v3: identity by content. ``content_sha`` hashes the normalized text (``keys.content_key``), so
    # the same issue as UTF-8, BOM, CRLF or GB18030 is one row; ``sha256`` is the first file's bytes.
    sa.Column("content_sha", sa.String(64), nullable=True),  # unique index made by _v3
    sa.Column("source", sa.Text, nullable=True),  # the decoded text: coverage is re-checked from it
    sa.Column("residue", sa.JSON, nullable=True),  # [[start, end, reason], …]
)

#: v3: every file (bytes) that brought an issue's content: same content, other encodings.
issue_sources = sa.Table(
    "issue_sources",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("issue_id", sa.Integer, sa.ForeignKey("issues.id"), nullable=False, index=True),
    sa.Column("sha256", sa.String(64), nullable=False, unique=True),
    sa.Column("path", sa.Text, nullable=False),
    sa.Column("ingested_at", sa.DateTime, nullable=False, server_default=sa.func.current_timestamp()),
)

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("issue_id", sa.Integer, sa.ForeignKey("issues.id"), nullable=False, index=True),
    sa.Column("ordinal", sa.Integer, nullable=False),  # position in the issue
    sa.Column("ref", sa.Text, nullable=False),  # 文号, else the title: what users type
    sa.Column("ref_key", sa.Text, nullable=False, index=True),  # gongbao.store.keys.ref_key(ref)
    sa.Column("title_key", sa.Text, nullable=False, index=True),
    sa.Column("instrument_key", sa.Text, nullable=True, index=True),
    # the work's original 文号 when a republished text gives it (…令第32号公布)
    sa.Column("alias_key", sa.Text, nullable=True, index=True),
    sa.Column("doc_number", sa.Text, nullable=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("issuer", sa.Text, nullable=True),
    sa.Column("instrument_title", sa.Text, nullable=True),
    sa.Column("instrument_kind", sa.Text, nullable=True),
    sa.Column("toc_index", sa.Integer, nullable=True),
    sa.Column("recipients", sa.JSON, nullable=False),
    sa.Column("signed_date", sa.Date, nullable=True),
    sa.Column("effective_date", sa.Date, nullable=True),
    sa.Column("expiry_date", sa.Date, nullable=True),
    sa.Column("valid_from", sa.Date, nullable=True),  # effective_date, else signed_date
    sa.Column("published_date", sa.Date, nullable=True),  # when this text existed: signed, else last history date
    sa.Column("attachments", sa.JSON, nullable=False),
    sa.Column("fragments", sa.JSON, nullable=False),
    sa.Column("history", sa.JSON, nullable=False),
    sa.Column("pages", sa.JSON, nullable=True),
    sa.Column("counts", sa.JSON, nullable=False),
    sa.Column("parent", sa.Text, nullable=True),  # the order that promulgates it (index made by _v6)
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("spans", sa.JSON, nullable=False),  # [[start, end], …] into the issue source
    sa.Column("n_nodes", sa.Integer, nullable=False),
    # v3: a row is one expression (text of one version) of a work, whatever the number of sources.
    sa.Column("work_key", sa.Text, nullable=True, index=True),  # keys.work_key: original 文号, else ref
    sa.Column("version_key", sa.Text, nullable=True),  # the version's date (ISO) or ""
    sa.Column("text_sha", sa.String(64), nullable=True),  # keys.text_key of the text
)
sa.Index("ix_documents_work_version", documents.c.work_key, documents.c.version_key)

#: v3: every printing of an expression: the issue, its position there and its spans in that source.
appearances = sa.Table(
    "appearances",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("issue_id", sa.Integer, sa.ForeignKey("issues.id"), nullable=False, index=True),
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False, index=True),
    sa.Column("ordinal", sa.Integer, nullable=False),
    sa.Column("text_sha", sa.String(64), nullable=False),  # the text printed there
    sa.Column("spans", sa.JSON, nullable=False),
)

#: v3: earlier expressions replaced by a corrected re-issue (their history).
expressions = sa.Table(
    "expressions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False, index=True),
    sa.Column("issue_id", sa.Integer, sa.ForeignKey("issues.id"), nullable=False),
    sa.Column("replaced_by_issue_id", sa.Integer, sa.ForeignKey("issues.id"), nullable=False),
    sa.Column("text_sha", sa.String(64), nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
)

nodes = sa.Table(
    "nodes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False, index=True),
    sa.Column("ordinal", sa.Integer, nullable=False),  # pre-order position in the document tree
    sa.Column("parent_ordinal", sa.Integer, nullable=True),
    sa.Column("depth", sa.Integer, nullable=False),
    sa.Column("eid", sa.Text, nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("label", sa.Text, nullable=True),
    sa.Column("number", sa.Integer, nullable=True),
    sa.Column("heading", sa.Text, nullable=True),
    sa.Column("text", sa.Text, nullable=False),  # the node's own text (children excluded)
    sa.Column("citation", sa.Text, nullable=True),  # 第二十九条第（三）项 / 二、（一）
    sa.Column("article_eid", sa.Text, nullable=True),  # the enclosing citable unit
    sa.Column("start", sa.Integer, nullable=False),  # offsets into the document text
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("spans", sa.JSON, nullable=False),  # source spans
    sa.Column("attrs", sa.JSON, nullable=False),
    sa.Column("length", sa.Integer, nullable=False),  # searchable characters (whitespace excluded)
)
sa.Index("ix_nodes_document_eid", nodes.c.document_id, nodes.c.eid)

relations = sa.Table(
    "relations",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    # amends, repeals, partially_repeals, supersedes, extends, basis, cites
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("source_document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False, index=True),
    sa.Column("source_eid", sa.Text, nullable=True),
    sa.Column("target_doc_number", sa.Text, nullable=True),  # as printed
    sa.Column("target_title", sa.Text, nullable=True),
    sa.Column("target_number_key", sa.Text, nullable=True, index=True),
    sa.Column("target_title_key", sa.Text, nullable=True, index=True),
    sa.Column("target_document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=True, index=True),
    sa.Column("since", sa.Date, nullable=True),  # when the relation takes effect (effective, else the source's)
    # v3: the work the target resolved to (relations resolve to works, never to one copy) and the
    # effective date printed with the relation (自2027年1月1日起废止), when there is one; for
    # ``extends``, the last day of the extended term (有效期延长至2034年12月31日).
    sa.Column("target_work_key", sa.Text, nullable=True, index=True),
    sa.Column("effective", sa.Date, nullable=True),
    # v4: the part a partial repeal names (中有关退休年龄的规定, 第三条、第五条)
    sa.Column("scope", sa.Text, nullable=True),
)

versions = sa.Table(
    "versions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("work", sa.Text, nullable=False),  # the work's ref (文号 or title)
    sa.Column("work_key", sa.Text, nullable=False, index=True),
    sa.Column("made_by", sa.Text, nullable=True),  # ref of the instrument that made this version
    sa.Column("valid_from", sa.Date, nullable=True),
    sa.Column("valid_to", sa.Date, nullable=True),
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=True, index=True),
    sa.Column("origin", sa.Text, nullable=False),  # printed, republished, consolidated
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("body", sa.JSON, nullable=True),
)

appointments = sa.Table(
    "appointments",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("issue_id", sa.Integer, sa.ForeignKey("issues.id"), nullable=False, index=True),
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=True),
    sa.Column("doc_number", sa.Text, nullable=True),
    sa.Column("action", sa.Text, nullable=False),
    sa.Column("person", sa.Text, nullable=False, index=True),
    sa.Column("post", sa.Text, nullable=False),
    sa.Column("probation_years", sa.Integer, nullable=True),
    sa.Column("note", sa.Text, nullable=True),
    sa.Column("date", sa.Date, nullable=True),
    sa.Column("span_start", sa.Integer, nullable=True),
    sa.Column("span_end", sa.Integer, nullable=True),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("issue_id", sa.Integer, sa.ForeignKey("issues.id"), nullable=False, index=True),
    sa.Column("date", sa.Date, nullable=False, index=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("same_day", sa.Boolean, nullable=False),
    sa.Column("span_start", sa.Integer, nullable=True),
    sa.Column("span_end", sa.Integer, nullable=True),
    sa.Column("end_date", sa.Date, nullable=True),  # v6: the last day of a range (14日至16日)
)

#: v6: the task ledger, extracted at ingest (``gongbao.store.ledger``): a row per task, goal or
#: unread task table of a document, in print order (``ordinal`` within its kind).
tasks = sa.Table(
    "tasks",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False, index=True),
    sa.Column("ordinal", sa.Integer, nullable=False),
    sa.Column("kind", sa.Text, nullable=False),  # task, goal, unread_table, unread_clause
    sa.Column("deadline", sa.Date, nullable=True, index=True),
    sa.Column("n_targets", sa.Integer, nullable=False, server_default="0"),
    sa.Column("data", sa.JSON, nullable=False),  # Task.to_record / Goal.to_record / {"header": …}
)

#: v6: every unit name a task's clause prints, with its role (lead, cooperating, responsible).
task_units = sa.Table(
    "task_units",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("task_id", sa.Integer, sa.ForeignKey("tasks.id"), nullable=False, index=True),
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False, index=True),
    sa.Column("role", sa.Text, nullable=False),
    sa.Column("name", sa.Text, nullable=False, index=True),
)

#: v6: the unit aliases a document with tasks defines (…（以下简称…）).
unit_aliases = sa.Table(
    "unit_aliases",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False, index=True),
    sa.Column("full_name", sa.Text, nullable=False),
    sa.Column("short_name", sa.Text, nullable=False),
)

#: v6: the fingerprint of the extractor that made each kind of derived rows (``store.ledger``).
derived = sa.Table(
    "derived",
    metadata,
    sa.Column("name", sa.Text, primary_key=True),
    sa.Column("fingerprint", sa.Text, nullable=False),
)


def _v1(conn: Connection) -> None:
    """Version 1: every table above plus the backend's full-text index."""
    from gongbao.store import fts

    metadata.create_all(conn)
    fts.create_index(conn)


def _v2(conn: Connection) -> None:
    """Version 2: an index for the status test every search makes (is this document repealed?)."""
    conn.exec_driver_sql(
        "CREATE INDEX IF NOT EXISTS ix_relations_target_kind ON relations (target_document_id, kind, since)"
    )


def _add_column(conn: Connection, table: sa.Table, name: str) -> None:
    """``ALTER TABLE … ADD COLUMN`` unless the column exists (a new store has it from ``_v1``)."""
    have = {c["name"] for c in sa.inspect(conn).get_columns(table.name)}
    if name in have:
        return
    col = table.c[name]
    ddl = col.type.compile(dialect=conn.dialect)
    conn.exec_driver_sql(f'ALTER TABLE {table.name} ADD COLUMN "{name}" {ddl}')


def _v3(conn: Connection) -> None:
    """Version 3: identity by content (issue text, work + version + text), sources, appearances,
    expression history, relations resolved to works with their printed effective date.

    Rows of an older store are given keys computed from what it holds; duplicates it already has
    are reported by ``gongbao check`` (fix: ingest again into a new store)."""
    from gongbao.store.keys import ref_key, text_key

    for t, cols in (
        (issues, ("content_sha", "source", "residue")),
        (documents, ("work_key", "version_key", "text_sha")),
        (relations, ("target_work_key", "effective")),
    ):
        for name in cols:
            _add_column(conn, t, name)
    metadata.create_all(conn, tables=[issue_sources, appearances, expressions])
    for stmt in (
        "CREATE UNIQUE INDEX IF NOT EXISTS ix_issues_content_sha ON issues (content_sha)",
        "CREATE INDEX IF NOT EXISTS ix_documents_work_key ON documents (work_key)",
        "CREATE INDEX IF NOT EXISTS ix_documents_work_version ON documents (work_key, version_key)",
        "CREATE INDEX IF NOT EXISTS ix_relations_target_work_key ON relations (target_work_key)",
        "CREATE INDEX IF NOT EXISTS ix_relations_work_kind ON relations (target_work_key, kind, since)",
    ):
        conn.exec_driver_sql(stmt)
    conn.execute(issues.update().where(issues.c.content_sha.is_(None)).values(content_sha=issues.c.sha256))
    for row in conn.execute(
        sa.select(issues.c.id, issues.c.sha256, issues.c.path).where(
            ~sa.exists().where(issue_sources.c.issue_id == issues.c.id)
        )
    ).all():
        conn.execute(issue_sources.insert().values(issue_id=row.id, sha256=row.sha256, path=row.path))
    for d in conn.execute(
        sa.select(
            documents.c.id,
            documents.c.issue_id,
            documents.c.ordinal,
            documents.c.ref,
            documents.c.alias_key,
            documents.c.text,
            documents.c.spans,
            documents.c.valid_from,
        ).where(documents.c.work_key.is_(None))
    ).all():
        tk = text_key(d.text)
        conn.execute(
            documents.update()
            .where(documents.c.id == d.id)
            .values(
                work_key=d.alias_key or ref_key(d.ref),
                version_key=d.valid_from.isoformat() if d.valid_from else "",
                text_sha=tk,
            )
        )
        conn.execute(
            appearances.insert().values(
                issue_id=d.issue_id, document_id=d.id, ordinal=d.ordinal, text_sha=tk, spans=d.spans
            )
        )
    conn.execute(
        sa.text(
            "UPDATE relations SET target_work_key = (SELECT work_key FROM documents WHERE documents.id = "
            "relations.target_document_id) WHERE target_document_id IS NOT NULL"
        )
    )


def _v4(conn: Connection) -> None:
    """Version 4: a national order's number has one key whether printed with its header's
    中华人民共和国 or cited without it (``keys.ref_key``). Keys written by version 3 that start with
    中华人民共和国 are computed again; relations still waiting are resolved by the next ingest or by
    ``gongbao check --repair``. Relations get ``scope``: a partial repeal is stored as
    ``partially_repeals`` with the part it names: version 3 stored it as ``repeals``, so each
    stored repeal is read again from its source document's text and corrected when it names a part."""
    from gongbao.extract.metadata import find_repeals

    _add_column(conn, relations, "scope")
    repeals = conn.execute(
        sa.select(
            relations.c.id, relations.c.source_document_id, relations.c.target_title, relations.c.target_doc_number
        )
        .where(relations.c.kind == "repeals")
        .order_by(relations.c.source_document_id)
    ).all()
    read: dict[int, list[Any]] = {}
    for rid, source, title, number in repeals:
        if source not in read:
            text = conn.execute(sa.select(documents.c.text).where(documents.c.id == source)).scalar() or ""
            read[source] = [r for r in find_repeals(text.split("\n")) if r.relation == "partially_repeals"]
        part = next(
            (r for r in read[source] if (title and r.title == title) or (number and r.doc_number == number)), None
        )
        if part is not None:
            conn.execute(
                relations.update().where(relations.c.id == rid).values(kind="partially_repeals", scope=part.scope)
            )
    _rekey(conn, "中华人民共和国%号")


#: every column holding a ``keys.ref_key`` of a 文号
_NUMBER_KEYS = (
    (documents, ("ref_key", "alias_key", "work_key")),
    (relations, ("target_number_key", "target_work_key")),
    (versions, ("work_key",)),
)


def _rekey(conn: Connection, like: str) -> None:
    """Compute again the number keys that match ``like`` (a new ``ref_key`` rule)."""
    from gongbao.store.keys import ref_key

    for table, cols in _NUMBER_KEYS:
        for name in cols:
            col = table.c[name]
            for row in conn.execute(sa.select(table.c.id, col).where(col.like(like))).all():
                new = ref_key(row[1])
                if new != row[1]:
                    conn.execute(table.update().where(table.c.id == row[0]).values({name: new}))


def _v5(conn: Connection) -> None:
    """Version 5: the store's generation (``store_generation``), raised by every write transaction."""
    store_generation.create(conn, checkfirst=True)
    if conn.execute(sa.select(store_generation.c.n).where(store_generation.c.id == 1)).first() is None:
        conn.execute(store_generation.insert().values(id=1, n=0))


def _v6(conn: Connection) -> None:
    """Version 6: the task ledger stored at ingest (``tasks``, ``task_units``, ``unit_aliases``),
    the fingerprint of the extractor that made it (``derived``), and a chronicle event's last day
    (``events.end_date``). A store of an older version
    has its documents' ledgers extracted now, one document at a time."""
    from gongbao.store.ledger import rebuild_ledger

    metadata.create_all(conn, tables=[tasks, task_units, unit_aliases, derived])
    _add_column(conn, events, "end_date")
    conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_documents_parent ON documents (parent)")
    rebuild_ledger(conn)


def _v7(conn: Connection) -> None:
    """Version 7: an order number printed with its place's short name has the full number's key
    (粤府令第93号 = 广东省人民政府令第93号), and a joint order's or announcement's number one key however
    its bodies are joined (中华人民共和国…中华人民共和国…令, 、, spaces; ``keys.ref_key``). Keys written
    before are computed again; relations still waiting for such a work are resolved by the next
    ingest or by ``gongbao check --repair`` (``check`` reports them as dangling while the work is
    stored). A store's appointments and events carry the fingerprint of the code that read them
    (``store.records``): an older store's are read again on the first people question."""
    _rekey(conn, "%令第%号")
    _rekey(conn, "%、%公告%第%号")
    from gongbao.store.records import mark_current_if_nothing_to_read

    mark_current_if_nothing_to_read(conn)  # else the first people question reads them again


def _v8(conn: Connection) -> None:
    """Version 8: a regulation published by an order its history says 发布 (…国务院令第181号发布) has
    that order's key as its alias, as one said 公布 had (``store.ingest._alias_key``): the documents
    without a 文号 or alias whose history names such an order get it now, so a lookup by the order
    number reads one indexed key instead of every document's history."""
    import json

    from gongbao.store.keys import ref_key

    rows = conn.execute(
        sa.select(documents.c.id, documents.c.history).where(
            documents.c.doc_number.is_(None), documents.c.alias_key.is_(None), documents.c.history.isnot(None)
        )
    ).all()
    for doc_id, history in rows:
        steps = json.loads(history) if isinstance(history, str) else (history or [])
        for h in steps:
            by = h.get("by") if isinstance(h, dict) else None
            if by and "号" in by and str(h.get("event") or "").endswith(("公布", "发布")):
                conn.execute(documents.update().where(documents.c.id == doc_id).values(alias_key=ref_key(by)))
                break


#: version -> function bringing the store from ``version - 1`` to ``version``.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {
    1: _v1,
    2: _v2,
    3: _v3,
    4: _v4,
    5: _v5,
    6: _v6,
    7: _v7,
    8: _v8,
}
SCHEMA_VERSION = max(MIGRATIONS)


def current_version(conn: Connection) -> int:
    """The store's schema version: 0 for an empty database."""
    if not sa.inspect(conn).has_table("schema_version"):
        return 0
    v = conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar()
    return int(v or 0)


def upgrade(conn: Connection) -> int:
    """Apply the missing migrations in order inside ``conn``'s transaction; return the new version.

    Raises ``StoreError`` when the store is newer than this program.
    """
    from gongbao.errors import StoreError

    have = current_version(conn)
    if have > SCHEMA_VERSION:
        raise StoreError(f"store schema version {have} is newer than this gongbao ({SCHEMA_VERSION})")
    for v in range(have + 1, SCHEMA_VERSION + 1):
        MIGRATIONS[v](conn)
        conn.execute(schema_version.insert().values(version=v))
    return SCHEMA_VERSION
