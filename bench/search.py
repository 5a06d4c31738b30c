"""Benchmark of full-text search to the article, on SQLite and PostgreSQL.

Synthesizes a corpus of ``--nodes`` article-level nodes (default 1,000,000) from the sample
gazette — its documents cloned with new 文号, articles reshuffled and renumbered, dates spread
over 2000–2030, one document in ten repealed by another — writes it through the store's own
schema and index (``gongbao.store``), then measures with the real ``gongbao.query.search``:

* index size and build time per backend;
* p50/p95 latency of a fixed query set of 1-, 2-, 3- and 6-character words, with and without
  ``--as-of``, and the ratio to a brute-force scan (substring test on every node) of the same data;
* exactness: the index's hit count equals the scan's for every query;
* with ``--alternatives``, the rejected designs on the same data, top 20 ranked: SQLite FTS5
  ``trigram`` (misses queries under three characters) and PostgreSQL ``pg_trgm`` (GIN, ``LIKE``;
  helps from three characters only).

Run:  .venv/bin/python bench/search.py --nodes 1000000 --backend both --alternatives
      .venv/bin/python bench/search.py --nodes 20000 --backend sqlite      (a quick look)
Prints a table and writes JSON with ``--out``.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import random
import re
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from gongbao.query.search import search  # noqa: E402
from gongbao.store import fts, open_store  # noqa: E402
from gongbao.store.citation import flatten  # noqa: E402
from gongbao.store.keys import ref_key  # noqa: E402
from gongbao.store.schema import documents, nodes, relations  # noqa: E402
from gongbao.structure.numerals import int_to_cn  # noqa: E402

SAMPLE = ROOT / "samples" / "liaocheng-2024-11-12.txt"
QUERIES = {
    1: ["市", "罚", "险"],
    2: ["燃气", "拒载", "废止"],
    3: ["管委会", "出租汽", "再生水"],
    6: ["巡游出租汽车", "农村产权流转", "重污染天气应"],
}
AS_OF = date(2020, 6, 1)
_ART = re.compile(r"^第[一二三四五六七八九十百零]+条")


def _templates() -> list[list[tuple[str, str, str | None]]]:
    """Per sample document: its searchable nodes as (kind, text, article label or None)."""
    from gongbao.pipeline import parse_path

    issue = parse_path(SAMPLE)
    out = []
    for doc in issue.documents:
        rows = [(r.kind, r.text, r.article_eid) for r in flatten(doc) if r.text.strip()]
        if rows:
            out.append(rows)
    return out


def synthesize(engine, n_nodes: int, seed: int = 7) -> dict[str, float]:
    """Write ``n_nodes`` nodes (plus their documents and relations) to the store; return timings."""
    rnd = random.Random(seed)
    templates = _templates()
    issuers = ["聊城市人民政府", "聊城市人民政府办公室", "德州市人民政府", "济南市人民政府办公厅"]
    t_rows = t_index = 0.0
    node_id = doc_id = 0
    with engine.begin() as conn:
        issue_id = conn.execute(
            sa.text(
                "INSERT INTO issues (path, sha256, source_len, masthead, toc, warnings, n_documents) "
                "VALUES ('bench', :h, 0, '{}', '[]', '[]', 0) RETURNING id"
            ),
            {"h": f"bench-{seed}-{n_nodes}"},
        ).scalar_one()
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:  # build the GIN index once, after loading
            conn.exec_driver_sql("DROP INDEX IF EXISTS ix_node_search_tsv")
    batch_docs, batch_nodes, batch_rel = [], [], []
    work_keys: list[str] = []  # by document id - 1

    def flush() -> None:
        nonlocal t_rows, t_index
        with engine.begin() as conn:
            t0 = time.perf_counter()
            if batch_docs:
                conn.execute(documents.insert(), batch_docs)
            if batch_nodes:
                conn.execute(nodes.insert(), batch_nodes)
            if batch_rel:
                conn.execute(relations.insert(), batch_rel)
            t1 = time.perf_counter()
            fts.index_nodes(conn, ((r["id"], r["text"]) for r in batch_nodes))
            t2 = time.perf_counter()
        t_rows += t1 - t0
        t_index += t2 - t1
        batch_docs.clear()
        batch_nodes.clear()
        batch_rel.clear()

    while node_id < n_nodes:
        doc_id += 1
        tpl = templates[rnd.randrange(len(templates))]
        year = rnd.randint(2000, 2030)
        signed = date(year, 1, 1) + timedelta(days=rnd.randrange(365))
        expiry = signed + timedelta(days=365 * rnd.choice([2, 3, 5])) if rnd.random() < 0.3 else None
        issuer = rnd.choice(issuers)
        ref = f"{issuer[:2]}政字〔{year}〕{doc_id}号"
        # Reshuffle the articles (a block of nodes sharing an article) and renumber them.
        blocks: dict[str | None, list[tuple[str, str, str | None]]] = {}
        for row in tpl:
            blocks.setdefault(row[2] or f"_{len(blocks)}", []).append(row)
        order = list(blocks.values())
        rnd.shuffle(order)
        ordinal = 0
        for art_no, block in enumerate(order, start=1):
            label = f"第{int_to_cn(art_no)}条"
            for kind, text, _ in block:
                if node_id >= n_nodes:
                    break
                node_id += 1
                text = _ART.sub(label, text, count=1)
                batch_nodes.append(
                    {
                        "id": node_id,
                        "document_id": doc_id,
                        "ordinal": ordinal,
                        "parent_ordinal": None,
                        "depth": 1,
                        "eid": f"art_{art_no}__n_{ordinal}",
                        "kind": kind,
                        "label": None,
                        "number": None,
                        "heading": None,
                        "text": text,
                        "citation": label,
                        "article_eid": f"art_{art_no}",
                        "start": 0,
                        "end": 0,
                        "spans": [],
                        "attrs": {},
                        "length": sum(1 for ch in text if not ch.isspace()),
                    }
                )
                ordinal += 1
        batch_docs.append(
            {
                "id": doc_id,
                "issue_id": issue_id,
                "ordinal": doc_id,
                "ref": ref,
                "ref_key": ref_key(ref),
                "title_key": ref_key(ref),
                "work_key": ref_key(ref),
                "doc_number": ref,
                "title": ref,
                "kind": rnd.choice(["通知", "办法", "意见", "规章"]),
                "issuer": issuer,
                "recipients": [],
                "signed_date": signed,
                "effective_date": signed,
                "expiry_date": expiry,
                "valid_from": signed,
                "published_date": signed,
                "attachments": [],
                "fragments": [],
                "history": [],
                "counts": {},
                "text": "",
                "spans": [],
                "n_nodes": ordinal,
            }
        )
        work_keys.append(ref_key(ref))
        if doc_id > 10 and rnd.random() < 0.1:  # this document repeals an earlier one (its work)
            target = rnd.randrange(1, doc_id)
            batch_rel.append(
                {
                    "kind": "repeals",
                    "source_document_id": doc_id,
                    "target_document_id": target,
                    "target_work_key": work_keys[target - 1],
                    "since": signed,
                }
            )
        if len(batch_nodes) >= 20_000:
            flush()
    flush()
    t_gin = 0.0
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            t0 = time.perf_counter()
            conn.exec_driver_sql("CREATE INDEX ix_node_search_tsv ON node_search USING gin (tsv)")
            t_gin = time.perf_counter() - t0
            for table in ("issues", "documents", "nodes", "relations", "node_search"):
                conn.exec_driver_sql(f"ANALYZE {table}")  # not the whole database: other jobs analyze too
            conn.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('documents', 'id'), {doc_id})")
            conn.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('nodes', 'id'), {node_id})")
        conn.execute(
            sa.text(
                "UPDATE issues SET n_documents = :n, n_nodes = :k, "
                "total_length = (SELECT coalesce(sum(length), 0) FROM nodes) WHERE id = :i"
            ),
            {"n": doc_id, "k": node_id, "i": issue_id},
        )
    return {"documents": doc_id, "nodes": node_id, "rows_s": t_rows, "index_s": t_index + t_gin}


def index_size(engine) -> dict[str, int]:
    """Bytes of the full-text index and of the node table."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            size = lambda pat: int(  # noqa: E731
                conn.exec_driver_sql(f"SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name LIKE '{pat}'").scalar()
            )
            return {"index_bytes": size("node_fts%"), "nodes_bytes": size("nodes")}
        one = lambda sql: int(conn.exec_driver_sql(sql).scalar())  # noqa: E731
        return {
            "index_bytes": one("SELECT pg_total_relation_size('node_search')"),
            "nodes_bytes": one("SELECT pg_total_relation_size('nodes')"),
        }


_STATE0 = (
    "NOT EXISTS (SELECT 1 FROM relations r WHERE r.kind IN ('repeals', 'supersedes') AND r.target_work_key = d.work_key "
    "AND (r.since IS NULL OR r.since <= :d)) AND (d.expiry_date IS NULL OR d.expiry_date >= :d) "
    "AND (d.valid_from IS NULL OR d.valid_from <= :d)"
)


def brute_force(
    engine, query: str, as_of: date | None, limit: int = 20, in_force: bool = False
) -> tuple[set[int], float]:
    """The same question by scanning every node: (ids of every match, seconds for the top ``limit``)."""
    sqlite = engine.dialect.name == "sqlite"
    contains = "instr(n.text, :q) > 0" if sqlite else "strpos(n.text, :q) > 0"
    published = " AND (d.published_date IS NULL OR d.published_date <= :d)" if as_of else ""
    if in_force:
        published += f" AND {_STATE0}"
    base = f"FROM nodes n JOIN documents d ON d.id = n.document_id WHERE {contains}{published}"
    params = {"q": query, "d": as_of or date.today(), "limit": limit}
    with engine.connect() as conn:
        t0 = time.perf_counter()
        conn.execute(sa.text(f"SELECT n.id, n.text {base} ORDER BY n.length LIMIT :limit"), params).all()
        dt = time.perf_counter() - t0
        ids = set(conn.execute(sa.text(f"SELECT n.id {base}"), params).scalars())
    return ids, dt


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(p / 100 * (len(xs) - 1))))]


FILTERS = {"none": {}, "as_of": {"as_of": AS_OF}, "in_force": {"as_of": AS_OF, "in_force": True}}


def _hit_ids(engine, hits) -> set[int]:
    with engine.connect() as conn:
        return {
            int(
                conn.execute(
                    sa.text(
                        "SELECT n.id FROM nodes n JOIN documents d ON d.id = n.document_id WHERE d.ref = :r AND n.eid = :e"
                    ),
                    {"r": h.document, "e": h.eid},
                ).scalar_one()
            )
            for h in hits
        }


def measure(engine, repeat: int) -> list[dict]:
    """Latency of the query set through ``search()`` per filter; recall and exactness against the scan.

    recall: the share of the top 20 a scan would fill (min(20, matches)) that ``search()`` fills with
    true matches — 1.0 means never fewer hits than exist and never a false one. exact: with no
    window, ``search()`` returns exactly the scan's set (2+ characters; 1 character is checked on the
    small corpora of the tests).
    """
    out = []
    for length, words in QUERIES.items():
        for fname, kw in FILTERS.items():
            lat, brute, exact, recall = [], [], True, []
            for w in words:
                search(engine, w, limit=20, **kw)  # warm
                for _ in range(repeat):
                    t0 = time.perf_counter()
                    hits = search(engine, w, limit=20, **kw)
                    lat.append(time.perf_counter() - t0)
                truth, dt = brute_force(engine, w, kw.get("as_of"), in_force=bool(kw.get("in_force")))
                brute.append(dt)
                got = _hit_ids(engine, hits)
                want = min(20, len(truth))
                recall.append(len(got & truth) / want if want else float(not got))
                if length > 1 and fname == "none":
                    every = search(engine, w, limit=10_000_000, window=None, **kw)
                    exact = exact and len(every) == len(truth)
            row = {
                "chars": length,
                "filter": fname,
                "as_of": kw["as_of"].isoformat() if "as_of" in kw else None,
                "p50_ms": 1000 * pct(lat, 50),
                "p95_ms": 1000 * pct(lat, 95),
                "scan_p50_ms": 1000 * statistics.median(brute),
                "recall": min(recall),
                "exact": exact if (length > 1 and fname == "none") else "n/a",
            }
            row["scan_ratio"] = row["scan_p50_ms"] / row["p50_ms"] if row["p50_ms"] else None
            out.append(row)
    return out


def tantivy_peer(engine, repeat: int, directory: Path) -> list[dict]:
    """The peer a user would pick: tantivy with one token per character, on the same nodes and queries.

    Same indexed text as the store (``fts.spaced``: the default tokenizer then yields one token per
    CJK character), phrase queries, BM25, top 20; ``--as-of`` as a range filter on a fast field of
    the publication date. No status (in force, repealed) — tantivy holds no relations.
    """
    try:
        import tantivy
    except ImportError:
        return [{"error": "tantivy not installed (pip install 'gongbao[bench]')"}]
    import shutil

    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("body", stored=False)
    sb.add_integer_field("nid", stored=True, fast=True)
    sb.add_integer_field("published", fast=True, indexed=True)
    schema = sb.build()
    index = tantivy.Index(schema, path=str(directory))
    t0 = time.perf_counter()
    writer = index.writer(heap_size=256_000_000, num_threads=2)
    with engine.connect() as conn:
        rows = conn.execution_options(stream_results=True, yield_per=20_000).execute(
            sa.text("SELECT n.id, n.text, d.published_date FROM nodes n JOIN documents d ON d.id = n.document_id")
        )
        for nid, text, pub in rows:
            if isinstance(pub, str):
                pub = date.fromisoformat(pub)
            day = int(pub.strftime("%Y%m%d")) if pub else 0
            writer.add_document(tantivy.Document(body=fts.spaced(text), nid=int(nid), published=day))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    build = time.perf_counter() - t0
    size = sum(f.stat().st_size for f in directory.rglob("*") if f.is_file())
    searcher = index.searcher()
    out = []
    for length, words in QUERIES.items():
        for fname in ("none", "as_of"):
            lat, recall = [], []
            for w in words:
                q = index.parse_query('"' + fts.spaced(w) + '"', ["body"])
                if fname == "as_of":
                    rq = tantivy.Query.range_query(
                        schema, "published", tantivy.FieldType.Integer, upper_bound=int(AS_OF.strftime("%Y%m%d"))
                    )
                    q = tantivy.Query.boolean_query([(tantivy.Occur.Must, q), (tantivy.Occur.Must, rq)])
                searcher.search(q, 20)
                for _ in range(repeat):
                    t1 = time.perf_counter()
                    res = searcher.search(q, 20)
                    got = {searcher.doc(addr)["nid"][0] for _, addr in res.hits}
                    lat.append(time.perf_counter() - t1)
                truth, _ = brute_force(engine, w, AS_OF if fname == "as_of" else None)
                want = min(20, len(truth))
                recall.append(len(got & truth) / want if want else float(not got))
            out.append(
                {
                    "chars": length,
                    "filter": fname,
                    "p50_ms": 1000 * pct(lat, 50),
                    "p95_ms": 1000 * pct(lat, 95),
                    "recall": min(recall),
                    "build_s": build,
                    "index_bytes": size,
                }
            )
    shutil.rmtree(directory, ignore_errors=True)
    return out


def alternatives(engine, repeat: int) -> list[dict]:
    """The rejected designs on the same nodes: FTS5 trigram (SQLite), pg_trgm (PostgreSQL)."""
    out = []
    with engine.begin() as conn:
        t0 = time.perf_counter()
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("DROP TABLE IF EXISTS alt_trigram")
            conn.exec_driver_sql("CREATE VIRTUAL TABLE alt_trigram USING fts5(body, content='', tokenize='trigram')")
            conn.exec_driver_sql("INSERT INTO alt_trigram(rowid, body) SELECT id, text FROM nodes")
            name = "sqlite fts5 trigram"
        else:
            conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            conn.exec_driver_sql("DROP INDEX IF EXISTS alt_trgm")
            conn.exec_driver_sql("CREATE INDEX alt_trgm ON nodes USING gin (text gin_trgm_ops)")
            conn.exec_driver_sql("ANALYZE nodes")
            name = "postgresql pg_trgm gin"
        build = time.perf_counter() - t0
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            size = conn.exec_driver_sql("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'alt_trigram%'").scalar()
            sql = "SELECT rowid FROM alt_trigram WHERE alt_trigram MATCH :q ORDER BY rank LIMIT 20"
            count = "SELECT count(*) FROM alt_trigram WHERE alt_trigram MATCH :q"
            arg = lambda w: '"' + w + '"'  # noqa: E731
        else:
            size = conn.exec_driver_sql("SELECT pg_relation_size('alt_trgm')").scalar()
            # ranked like the real search would need: every match is read (here by length)
            sql = "SELECT id FROM nodes WHERE text LIKE :q ORDER BY length(text) LIMIT 20"
            count = "SELECT count(*) FROM nodes WHERE text LIKE :q"
            arg = lambda w: f"%{w}%"  # noqa: E731
        for length, words in QUERIES.items():
            lat, hits = [], 0
            for w in words:
                for _ in range(repeat):
                    t0 = time.perf_counter()
                    conn.execute(sa.text(sql), {"q": arg(w)}).all()
                    lat.append(time.perf_counter() - t0)
                hits += int(conn.execute(sa.text(count), {"q": arg(w)}).scalar() or 0)
            scan = sum(len(brute_force(engine, w, None)[0]) for w in words)
            out.append(
                {
                    "design": name,
                    "chars": length,
                    "p50_ms": 1000 * pct(lat, 50),
                    "p95_ms": 1000 * pct(lat, 95),
                    "hits": hits,
                    "scan_hits": scan,
                    "build_s": build,
                    "index_bytes": int(size or 0),
                }
            )
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "DROP TABLE IF EXISTS alt_trigram" if engine.dialect.name == "sqlite" else "DROP INDEX alt_trgm"
        )
    return out


async def _http_get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str) -> int:
    """One GET over a kept-alive HTTP/1.1 connection; the status. The load client speaks HTTP
    itself: httpx's AsyncClient cost ~2 ms of CPU per request here, more than a kept answer
    costs the server, so with it the bench measured its own client."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: bench\r\n\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    await reader.readexactly(length)
    return int(head.split(b" ", 2)[1])


def _paths(distinct: bool, n: int) -> list[str]:
    """Request paths: the words of ``QUERIES`` in turn, half with ``as_of`` (24 questions a server
    sees again and again), or ``n`` questions never asked twice (each a different pair of
    characters of the sample, half with ``as_of``): every one a cache miss."""
    from urllib.parse import quote

    if not distinct:
        words = [w for ws in QUERIES.values() for w in ws]
        base = [f"/api/v1/search?q={quote(w)}" for w in words]
        return [
            p + ("&as_of=" + AS_OF.isoformat() if i % 2 else "") for i, p in enumerate(b for b in base for _ in (0, 1))
        ]
    text = SAMPLE.read_text(encoding="utf-8")
    pairs: list[str] = []
    seen: set[str] = set()
    for a, b in itertools.pairwise(text):
        pair = a + b
        if "\u4e00" <= a <= "\u9fff" and "\u4e00" <= b <= "\u9fff" and pair not in seen:
            seen.add(pair)
            pairs.append(pair)
    questions = [f"/api/v1/search?q={quote(p)}" + extra for extra in ("", f"&as_of={AS_OF.isoformat()}") for p in pairs]
    if len(questions) < n:
        raise SystemExit(f"only {len(questions)} distinct questions for {n} requests: lower --load-requests")
    return questions[:n]


def load_test(
    url: str,
    clients: list[int],
    requests: int,
    port: int = 8399,
    workers: int = 1,
    python: str = sys.executable,
    distinct: bool = False,
    kept: bool = True,
) -> list[dict]:
    """p50/p95 of ``/api/v1/search`` under ``clients`` concurrent clients (``gongbao serve`` on the store).

    Closed loop: each client sends its next request when the last answer is read, over one
    kept-alive connection. ``_paths`` says which questions; ``requests`` requests per level (each
    level starts on a server that has seen none of them). ``workers``: ``gongbao serve --workers``;
    ``python``: the interpreter running the server (an older gongbao for a before/after in one
    run; ``--workers`` is passed only when above 1). Also printed: the load client's own CPU
    seconds per request (it shares the two cores with the server).
    """
    import subprocess
    import urllib.request

    out = []
    for n in clients:
        cmd = [python, "-m", "gongbao.cli", "serve", "--db", url, "--port", str(port)]
        server = subprocess.Popen(
            cmd + (["--workers", str(workers)] if workers > 1 else []) + ([] if kept else ["--kept", "0"]),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(300):
                try:
                    with urllib.request.urlopen(f"{base}/api/v1/issues", timeout=60) as r:
                        if r.status < 500:
                            break
                except OSError:
                    time.sleep(0.2)
            paths = _paths(distinct, requests)

            async def run(n: int = n, paths: list[str] = paths) -> tuple[list[float], int]:
                lat: list[float] = []
                errors = 0
                todo = iter(range(requests))

                async def client() -> None:
                    nonlocal errors
                    reader, writer = await asyncio.open_connection("127.0.0.1", port)
                    try:
                        for i in todo:
                            t0 = time.perf_counter()
                            try:
                                errors += await _http_get(reader, writer, paths[i % len(paths)]) != 200
                            except (OSError, asyncio.IncompleteReadError, ValueError):
                                errors += 1
                                writer.close()
                                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                            lat.append(time.perf_counter() - t0)
                    finally:
                        writer.close()

                await asyncio.gather(*(client() for _ in range(n)))
                return lat, errors

            c0 = time.process_time()
            t0 = time.perf_counter()
            lat, errors = asyncio.run(run())
            wall = time.perf_counter() - t0
            out.append(
                {
                    "server": "before" if python != sys.executable else "now",
                    "workers": workers,
                    "clients": n,
                    "questions": "distinct" if distinct else "repeated",
                    "kept": kept,
                    "requests": len(lat),
                    "errors": errors,
                    "p50_ms": 1000 * pct(lat, 50),
                    "p95_ms": 1000 * pct(lat, 95),
                    "rps": len(lat) / wall,
                    "client_cpu_ms": 1000 * (time.process_time() - c0) / max(1, len(lat)),
                }
            )
        finally:
            server.terminate()
            server.wait(timeout=30)
    return out


def run_backend(
    url: str,
    n: int,
    repeat: int,
    alt: bool,
    peers: bool,
    reuse: bool = False,
    load: list[int] | None = None,
    load_requests: int = 2000,
    only_load: bool = False,
    load_workers: list[int] | None = None,
    before_python: str | None = None,
    distinct: bool = False,
) -> dict:
    engine = open_store(url)
    with engine.connect() as conn:
        have = int(conn.exec_driver_sql("SELECT count(*) FROM nodes").scalar() or 0)
    if have and not reuse:
        raise SystemExit(f"{url}: the bench needs an empty store (found {have} nodes; --reuse to measure it)")
    t0 = time.perf_counter()
    if have:
        with engine.connect() as conn:
            docs = int(conn.exec_driver_sql("SELECT count(*) FROM documents").scalar() or 0)
        built: dict = {"documents": docs, "nodes": have, "rows_s": 0.0, "index_s": 0.0, "reused": True}
    else:
        built = synthesize(engine, n)
    built["total_s"] = time.perf_counter() - t0
    built.update(index_size(engine))
    res = {"backend": engine.dialect.name, "build": built, "queries": [] if only_load else measure(engine, repeat)}
    if load:
        engine.dispose()
        res["load"] = []
        if before_python:
            res["load"] += load_test(url, load, load_requests, python=before_python)
        for w in load_workers or [1]:
            res["load"] += load_test(url, load, load_requests, workers=w)
            if distinct:
                res["load"] += load_test(url, load, load_requests, workers=w, distinct=True)
                res["load"] += load_test(url, load, load_requests, workers=w, kept=False)
    if peers:
        res["tantivy"] = tantivy_peer(engine, repeat, ROOT / "bench" / "out" / "tantivy-index")
    if alt:
        res["alternatives"] = alternatives(engine, repeat)
    engine.dispose()
    return res


def report(res: dict) -> None:
    b = res["build"]
    print(f"\n== {res['backend']}: {b['nodes']:,} nodes in {b['documents']:,} documents")
    print(
        f"   build {b['total_s']:.1f}s (rows {b['rows_s']:.1f}s, index {b['index_s']:.1f}s); "
        f"index {b['index_bytes'] / 2**20:.1f} MiB, nodes table {b['nodes_bytes'] / 2**20:.1f} MiB"
    )
    peer = {(t["chars"], t["filter"]): t for t in res.get("tantivy", []) if "error" not in t}
    print(
        "   chars  filter     p50 ms   p95 ms  recall  scan p50 ms  scan/index  exact   tantivy p50/p95 ms  gongbao/tantivy p95"
    )
    for q in res["queries"]:
        ratio = f"{q['scan_ratio']:.1f}x" if q["scan_ratio"] else "-"
        t = peer.get((q["chars"], q["filter"]))
        tv = f"{t['p50_ms']:7.2f} /{t['p95_ms']:7.2f}" if t else " " * 16
        tr = f"{q['p95_ms'] / t['p95_ms']:.1f}x" if t and t["p95_ms"] else "-"
        print(
            f"   {q['chars']:>5}  {q['filter']:<9} {q['p50_ms']:>8.1f} {q['p95_ms']:>8.1f}  {q['recall']:>6.2f} "
            f"{q['scan_p50_ms']:>12.1f}  {ratio:>10}  {q['exact']!s:<6}  {tv}   {tr}"
        )
    if res["queries"]:
        allp95 = sorted(q["p95_ms"] for q in res["queries"])
        print(
            f"   worst p95 over every length and filter: {allp95[-1]:.1f} ms; "
            f"min recall {min(q['recall'] for q in res['queries']):.2f}"
        )
    for x in res.get("load", []):
        print(
            f"   API /api/v1/search, {x.get('server', 'now')} server{'' if x.get('kept', True) else ' --kept 0'}, "
            f"{x.get('workers', 1)} worker(s), "
            f"{x['clients']} clients, {x.get('questions', 'repeated')} questions: p50 {x['p50_ms']:.0f} ms, "
            f"p95 {x['p95_ms']:.0f} ms, {x['rps']:.1f} req/s, {x['errors']} errors of {x['requests']}, "
            f"client CPU {x.get('client_cpu_ms', 0):.2f} ms/request"
        )
    for t in res.get("tantivy", []):
        if "error" in t:
            print(f"   tantivy: {t['error']}")
            break
    else:
        if res.get("tantivy"):
            t = res["tantivy"][0]
            print(
                f"   tantivy: build {t['build_s']:.1f}s, {t['index_bytes'] / 2**20:.1f} MiB, "
                f"min recall {min(x['recall'] for x in res['tantivy']):.2f}"
            )
    for a in res.get("alternatives", []):
        print(
            f"   alt {a['design']}: {a['chars']} chars p50 {a['p50_ms']:.1f} ms p95 {a['p95_ms']:.1f} ms, "
            f"hits {a['hits']} of {a['scan_hits']}, build {a['build_s']:.1f}s, {a['index_bytes'] / 2**20:.1f} MiB"
        )


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=1_000_000, help="article-level nodes to synthesize")
    ap.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    ap.add_argument("--sqlite", default="bench/out/search-bench.db", help="SQLite file (replaced)")
    ap.add_argument(
        "--pg",
        default=os.environ.get("GONGBAO_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/gongbao_test"),
        help="PostgreSQL URL; the bench uses (and replaces) the schema --pg-schema",
    )
    ap.add_argument("--pg-schema", default="bench_search", help="PostgreSQL schema for the bench store")
    ap.add_argument("--repeat", type=int, default=5, help="timed runs per query")
    ap.add_argument("--alternatives", action="store_true", help="also measure FTS5 trigram / pg_trgm")
    ap.add_argument("--peers", action="store_true", help="also measure tantivy (one token per character)")
    ap.add_argument("--reuse", action="store_true", help="measure the stores as they are (no rebuild)")
    ap.add_argument("--load", help="concurrent API clients to measure, e.g. 50,200 (starts gongbao serve)")
    ap.add_argument("--load-requests", type=int, default=2000, help="requests per --load level")
    ap.add_argument("--only-load", action="store_true", help="skip the per-query latency section")
    ap.add_argument("--load-workers", default="1", help="gongbao serve --workers for the load test, e.g. 1,2")
    ap.add_argument(
        "--load-distinct",
        action="store_true",
        help="also load-test questions never asked twice (every one a miss of the server's cache), and the "
        "repeated questions with the cache off (serve --kept 0)",
    )
    ap.add_argument("--before-python", help="also load-test a server run by this interpreter (an older gongbao)")
    ap.add_argument("--out", help="write the figures as JSON here")
    args = ap.parse_args(argv)
    load = [int(x) for x in args.load.split(",")] if args.load else None
    results = []
    if args.backend in ("sqlite", "both"):
        path = Path(args.sqlite)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not args.reuse:
            path.unlink(missing_ok=True)
        results.append(
            run_backend(
                f"sqlite:///{path}",
                args.nodes,
                args.repeat,
                args.alternatives,
                args.peers,
                args.reuse,
                load,
                args.load_requests,
                args.only_load,
                [int(x) for x in args.load_workers.split(",")],
                args.before_python,
                args.load_distinct,
            )
        )
        report(results[-1])
    if args.backend in ("postgresql", "both"):
        if not args.reuse:
            admin = sa.create_engine(args.pg)
            with admin.begin() as conn:
                conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{args.pg_schema}" CASCADE')
                conn.exec_driver_sql(f'CREATE SCHEMA "{args.pg_schema}"')
            admin.dispose()
        sep = "&" if "?" in args.pg else "?"
        results.append(
            run_backend(
                f"{args.pg}{sep}options=-csearch_path%3D{args.pg_schema},public",
                args.nodes,
                args.repeat,
                args.alternatives,
                args.peers and args.backend == "postgresql",
                args.reuse,
                load,
                args.load_requests,
                args.only_load,
                [int(x) for x in args.load_workers.split(",")],
                args.before_python,
                args.load_distinct,
            )
        )
        report(results[-1])
    if args.out:
        Path(args.out).write_text(json.dumps({"nodes": args.nodes, "results": results}, indent=1))


if __name__ == "__main__":
    main()
