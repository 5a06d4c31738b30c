"""Glue shared by the JSON API and the pages: cached ledger, people, rules, obligations, ingest.

Kept thin: each function calls the public functions of its area (``query.ledger``,
``query.people``, ``rules``) and adds only what a web surface needs (a cache that an ingest
invalidates, dates, URLs).
"""

from __future__ import annotations

import csv
import hashlib
import io
import tempfile
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from gongbao.errors import CitationError, GongbaoError, InputError
from gongbao.store.schema import documents, issues

__all__ = [
    "IngestOutcome",
    "alert",
    "events",
    "ingest_bytes",
    "ledger",
    "obligations",
    "people",
    "plan_provisions",
    "store_generation",
]

_lock = threading.Lock()


def store_generation(engine: Engine) -> int | None:
    """The store's generation (``query.cache.generation``): raised by every write transaction."""
    from gongbao.query.cache import generation

    return generation(engine)


def _cached(cache: dict[str, Any], engine: Engine, name: str, build: Any) -> Any:
    gen = store_generation(engine)
    if gen is None:
        return build()
    with _lock:
        hit = cache.get(name)
        if hit is not None and hit[0] == gen:
            return hit[1]
    value = build()
    with _lock:
        cache[name] = (gen, value)
    return value


def ledger(cache: dict[str, Any], engine: Engine) -> Any:
    """The task ledger of the store (``query.ledger.StoredLedger``: its unit registry is built once
    per store generation; each question reads only the tasks it returns)."""
    from gongbao.query.ledger import StoredLedger

    return _cached(cache, engine, "ledger", lambda: StoredLedger.open(engine))


def people(cache: dict[str, Any], engine: Engine) -> list[Any]:
    """Dated post records of every stored appointment notice (dated by their notice when undated)."""
    from gongbao.query.people import appointments_from_store, post_ledger

    def build() -> list[Any]:
        return post_ledger(appointments_from_store(engine))

    return list(_cached(cache, engine, "people", build))


def events(cache: dict[str, Any], engine: Engine) -> list[Any]:
    """The chronicle events (大事记) of the store, with the gazette file of each."""
    from gongbao.query.events import rows_from_store

    return list(_cached(cache, engine, "events", lambda: rows_from_store(engine)))


# ---------------------------------------------------------------- rules


PLAN = "聊政办字〔2024〕18号"


@dataclass(frozen=True, slots=True)
class ProvisionLink:
    key: str
    citation: str
    eid: str
    resolved: bool
    summary: str


def _plan_document(engine: Engine) -> Any:
    """The stored plan the pages run: the bundled plan's document when stored, else the latest stored
    plan; plans of several places are refused (no page runs one city's thresholds for another's
    air); no plan stored: ``None`` (the bundled rule-set, named as such in every answer)."""
    from gongbao.query.nodes import document_row, model_document, stored_tree
    from gongbao.rules.pollution import PLAN_DOC_NUMBER
    from gongbao.rules.storeplans import several_places, stored_plans

    plans = stored_plans(engine)
    many = several_places(plans)
    if many:
        raise InputError(
            f"plans of several places are stored ({many}): name the plan in the CLI (gongbao alert SERIES --db … --doc …)"
        )
    with engine.connect() as conn:
        row = document_row(conn, PLAN_DOC_NUMBER)
        if row is None and plans:
            row = document_row(conn, plans[-1].ref)
        if row is None:
            return None
        tree = stored_tree(conn, row.id)
        text = conn.execute(sa.select(documents.c.text).where(documents.c.id == row.id)).scalar_one()
    return model_document(row, tree, text)


def _provisions_of_ruleset(rs_json: dict[str, Any]) -> list[ProvisionLink]:
    """Every part of a rule-set (``gongbao.rules`` JSON) that names the node it was read from."""
    out: list[ProvisionLink] = []

    def walk(x: Any, path: str) -> None:
        if isinstance(x, dict):
            eid = x.get("eid")
            if isinstance(eid, str) and eid and path:
                what = x.get("quote") or x.get("text") or x.get("name") or ""
                label = x.get("path") or ""
                out.append(ProvisionLink(path, str(label), eid, True, str(what)))
            for k, v in x.items():
                if k not in ("eid", "quote", "plan", "unresolved"):
                    walk(v, f"{path}.{k}" if path else k)
        elif isinstance(x, list):
            for i, v in enumerate(x):
                key = v.get("id") or v.get("colour") if isinstance(v, dict) else None
                walk(v, f"{path}[{key or i}]")

    walk(rs_json, "")
    return out


def plan_provisions(cache: dict[str, Any], engine: Engine) -> tuple[str, list[ProvisionLink], Any]:
    """The plan's 文号, each rule's provision (where it is printed, eid in the stored plan), and
    what the engine runs: a rule-set read from the stored plan (``rules.extract.extract_ruleset``)
    when this gongbao has it, else the plan's ``PlanProvisions``."""
    from gongbao.rules.pollution import PLAN_DOC_NUMBER

    def build() -> tuple[str, list[ProvisionLink], Any]:
        doc = _plan_document(engine)
        try:
            from gongbao.rules.extract import extract_ruleset  # the rule-set engine (issue #12)
        except ImportError:
            from gongbao.rules.pollution import PlanProvisions

            prov = PlanProvisions(doc)
            links = [ProvisionLink(p.name, p.path, p.eid, p.resolved, p.text) for p in prov.all()]
            return prov.doc_number or PLAN_DOC_NUMBER, links, ("provisions", prov)
        if doc is None:
            import importlib

            rs = importlib.import_module("gongbao.rules.pollution").bundled_ruleset()
        else:
            rs = extract_ruleset(doc, source=doc.ref)
        return rs.doc_number or PLAN_DOC_NUMBER, _provisions_of_ruleset(rs.to_json()), ("ruleset", rs)

    result: tuple[str, list[ProvisionLink], Any] = _cached(cache, engine, "provisions", build)
    return result


class _Lookup:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def status(self, ref: str) -> Any:
        from gongbao.query.status import status

        try:
            return status(self.engine, ref)
        except CitationError:
            return None


MAX_SERIES_BYTES = 2 * 1024 * 1024


def alert(cache: dict[str, Any], engine: Engine, csv_text: str, *, plot: bool = False) -> tuple[Any, str | None]:
    """Run the plan's warning rules over an hourly series (CSV text); the result and, with
    ``plot``, the picture as SVG text."""
    from gongbao.rules.pollution import evaluate, read_series

    if len(csv_text.encode("utf-8")) > MAX_SERIES_BYTES:
        raise InputError(f"series too large (more than {MAX_SERIES_BYTES // 1024} KB)")
    rows = list(csv.DictReader(io.StringIO(csv_text.lstrip("\ufeff"))))
    if not rows:
        raise InputError("the series is empty: a CSV with a 'time' column and 'aqi24' or pollutant columns")
    try:
        series = read_series(rows)
    except (KeyError, ValueError, TypeError) as e:
        raise InputError(f"cannot read the series: {e}") from None
    _, _, (kind, rules) = plan_provisions(cache, engine)
    engine_args: dict[str, Any] = {kind: rules}
    result = evaluate(series, lookup=_Lookup(engine), **engine_args)
    svg = None
    if plot:
        from gongbao.rules.plot import plot_alert

        with tempfile.TemporaryDirectory() as d:
            path = Path(d) / "alert.svg"
            plot_alert(result, path)
            svg = path.read_text(encoding="utf-8")
    return result, svg


# ---------------------------------------------------------------- obligations


def obligations(engine: Engine, ref: str) -> list[Any]:
    """Time limits the provisions of one stored document set (``rules.obligations``)."""
    from gongbao.query.nodes import document_row, model_document, stored_tree
    from gongbao.rules.obligations import extract_time_limits

    with engine.connect() as conn:
        row = document_row(conn, ref)
        if row is None:
            raise CitationError(f"no stored document {ref!r}")
        tree = stored_tree(conn, row.id)
        text = conn.execute(sa.select(documents.c.text).where(documents.c.id == row.id)).scalar_one()
    return list(extract_time_limits(model_document(row, tree, text), row.ref))


# ---------------------------------------------------------------- ingest

_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()
_worker_engines: dict[str, Engine] = {}


@dataclass(slots=True)
class IngestOutcome:
    created: bool
    ingested: dict[str, Any]
    consolidated: list[dict[str, Any]]


def _ingest_file(path: str, db_url: str, name: str) -> IngestOutcome | InputError:
    """Parse, store and consolidate one file (runs in a worker process; also callable in-process).

    A failure comes back as an ``InputError`` value (never raised across the process boundary);
    its message names the upload, not a server path.
    """
    from gongbao.pipeline import parse_path
    from gongbao.store.db import open_store
    from gongbao.store.ingest import ingest_issue

    try:
        issue = parse_path(path)
    except GongbaoError as e:
        return InputError(f"{name}: {e.message}")
    except Exception as e:  # a parser bug must not kill the server
        return InputError(f"{name}: cannot parse ({type(e).__name__})")
    issue.path = name
    engine = _worker_engines.get(db_url)
    if engine is None:
        engine = _worker_engines[db_url] = open_store(db_url)
    result = ingest_issue(engine, issue)  # consolidation is part of its transaction (#14)
    done = list(result.consolidated) if result.created else []
    return IngestOutcome(result.created, result.to_json(), [c.to_json() for c in done])


def _run_elsewhere(path: str, db_url: str, name: str) -> IngestOutcome | InputError:
    """Parse and store in a worker process: the server's event loop and threads keep answering reads."""
    global _pool
    with _pool_lock:
        if _pool is None:
            import multiprocessing

            _pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
            import atexit

            atexit.register(shutdown_pool)
        pool = _pool
    return pool.submit(_ingest_file, path, db_url, name).result()


def shutdown_pool() -> None:
    """Stop the ingest worker process (the server's shutdown calls it)."""
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        procs = list(getattr(pool, "_processes", {}).values())
        pool.shutdown(wait=True, cancel_futures=True)
        for p in procs:
            if p.is_alive():
                p.terminate()


def ingest_bytes(engine: Engine, data: bytes, filename: str, *, in_process: bool = False) -> IngestOutcome:
    """Store one uploaded gazette (text or PDF bytes). A content already stored is identified
    and not parsed or stored again. Parses and stores in a worker process unless ``in_process``."""
    if not data.strip():
        raise InputError("the upload is empty")
    digest = hashlib.sha256(data).hexdigest()
    with engine.connect() as conn:
        existing = conn.execute(sa.select(issues.c.id).where(issues.c.sha256 == digest)).first()
    name = _safe_name(filename)
    if existing is not None:
        return IngestOutcome(
            False, {"path": name, "sha256": digest, "issue_id": int(existing.id), "created": False}, []
        )
    suffix = ".pdf" if data[:5] == b"%PDF-" else ".docx" if data[:4] == b"PK\x03\x04" else ".txt"
    url = engine.url.render_as_string(hide_password=False)
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / ("upload" + suffix)
        path.write_bytes(data)
        out = _ingest_file(str(path), url, name) if in_process else _run_elsewhere(str(path), url, name)
    if isinstance(out, InputError):
        raise out
    return out


def _safe_name(filename: str | None) -> str:
    """The last part of an uploaded file's name, printable, at most 200 characters."""
    name = (filename or "upload").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable() and ch not in "<>\"'`")
    return (name.strip(" .") or "upload")[:200]


def today() -> date:
    return date.today()
