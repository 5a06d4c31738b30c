"""Many files: parse and store them in parallel, on this machine or on a Dask cluster.

Two entry points:

* ``parse_many(paths, workers)`` yields ``(path, Issue | GongbaoError)`` in the order of
  ``paths`` (parse only; at most ``2 × workers`` parsed issues wait in memory).
* ``ingest_many(paths, db, workers=N, engine="local"|"dask")`` parses **and stores** each file in
  a worker (``ingest_path``): each worker opens the store once and writes its own files, one
  transaction per file through ``gongbao.store.ingest_issue``. Nothing but a small
  ``FileResult`` travels back, so the parent never serializes the pipeline. On PostgreSQL the
  workers write concurrently; on SQLite their transactions queue on the file's write lock while
  the other workers keep parsing.

Order independence: a file's transaction resolves both its own references and the older ones
waiting for it, so the relations come out the same in any order. Consolidation (a decision
applied to the stored text of the work it amends) is part of the same transaction: a decision
stored before its base is applied when the base arrives, later decisions re-applied in date
order (``gongbao.store.ingest_issue``), so the result is the same for any number of workers,
either engine and any order of the files.

A write that meets a PostgreSQL deadlock or serialization failure is retried (the transaction
was rolled back whole). A parser bug in one file is reported for that file; the batch goes on.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gongbao.errors import GongbaoError, InputError, StoreError

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from gongbao.model import Issue

__all__ = [
    "ENGINES",
    "BatchReport",
    "FileResult",
    "expand_sources",
    "ingest_many",
    "ingest_path",
    "parse_many",
]

# not .md: a folder's README.md or notes are not gazettes (a Markdown file is read when named)
SUFFIXES = (".txt", ".pdf", ".docx", ".html", ".htm")
ENGINES = ("local", "dask")
_RETRIES = 4


def expand_sources(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and the .txt/.pdf/.docx/.html files under each directory (sorted, recursive)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() in SUFFIXES))
        else:
            out.append(p)
    return out


def _parse_one(path: str) -> Issue | GongbaoError:
    from gongbao.pipeline import parse_path

    try:
        return parse_path(path)
    except GongbaoError as e:
        return e
    except Exception as e:  # a parser bug must not stop the batch; it is reported per file
        return InputError(f"cannot parse ({type(e).__name__}: {e})", path=path)


def parse_many(paths: list[Path], workers: int = 1) -> Iterator[tuple[Path, Issue | GongbaoError]]:
    """Parse ``paths`` in order; failures are yielded as errors, never raised."""
    if workers <= 1 or len(paths) <= 1:
        for p in paths:
            yield p, _parse_one(str(p))
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        window: deque[tuple[Path, Future[Issue | GongbaoError]]] = deque()
        it = iter(paths)
        for p in it:
            window.append((p, pool.submit(_parse_one, str(p))))
            if len(window) >= 2 * workers:
                break
        while window:
            p, fut = window.popleft()
            nxt = next(it, None)
            if nxt is not None:
                window.append((nxt, pool.submit(_parse_one, str(nxt))))
            yield p, fut.result()


@dataclass
class FileResult:
    """What happened to one file in a batch (small: this is what crosses process boundaries)."""

    path: str
    ok: bool
    created: bool = False
    documents: int = 0
    nodes: int = 0
    relations: int = 0
    resolved: int = 0
    error: str | None = None
    parse_s: float = 0.0  # CPU-bound parse, in the worker
    store_s: float = 0.0  # the file's transaction (waiting for the write lock included)
    ingest: dict[str, Any] | None = None  # IngestResult.to_json()
    consolidated: list[Any] = field(default_factory=list)  # Consolidated notes of the file's transaction
    refused: bool = False  # not an official document (stored only with force)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "ok": self.ok,
            "created": self.created,
            "documents": self.documents,
            "nodes": self.nodes,
            "relations": self.relations,
            "resolved": self.resolved,
            "error": self.error,
            "parse_s": round(self.parse_s, 4),
            "store_s": round(self.store_s, 4),
        }


@dataclass
class BatchReport:
    """The whole batch: per-file results in the order given, and totals."""

    files: list[FileResult]
    seconds: float
    workers: int
    engine: str

    @property
    def failures(self) -> list[FileResult]:
        return [f for f in self.files if not f.ok]

    def summary(self) -> dict[str, Any]:
        ok = [f for f in self.files if f.ok]
        return {
            "files": len(self.files),
            "stored": sum(1 for f in ok if f.created),
            "unchanged": sum(1 for f in ok if not f.created),
            "failed": len(self.failures),
            "documents": sum(f.documents for f in ok),
            "nodes": sum(f.nodes for f in ok),
            "relations": sum(f.relations for f in ok),
            "consolidated": sum(len(f.consolidated) for f in self.files),
            "seconds": round(self.seconds, 3),
            "files_per_s": round(len(self.files) / self.seconds, 3) if self.seconds > 0 else None,
            "parse_s": round(sum(f.parse_s for f in self.files), 3),
            "store_s": round(sum(f.store_s for f in self.files), 3),
            "workers": self.workers,
            "engine": self.engine,
        }


_ENGINES: dict[tuple[int, str], Engine] = {}


def _store(db: str) -> Engine:
    """The worker process's engine for ``db`` (opened once per process; a forked child opens its own)."""
    key = (os.getpid(), db)
    eng = _ENGINES.get(key)
    if eng is None:
        from gongbao.store import open_store

        eng = _ENGINES[key] = open_store(db, create=True)
    return eng


def _retryable(e: BaseException) -> bool:
    """A PostgreSQL deadlock or serialization failure (SQLSTATE 40P01 / 40001): safe to retry."""
    orig = getattr(e, "orig", None)
    return getattr(orig, "sqlstate", None) in ("40P01", "40001")


def _message(e: BaseException, path: str) -> str:
    """The error's text without the file's name (``FileResult.path`` names it): a place stays."""
    if isinstance(e, GongbaoError):
        where = f"{e.where}: " if e.where and e.path == path else ""
        return where + e.message if e.path in (None, path) else str(e)
    return str(e).splitlines()[0].removeprefix(f"{path}: ")


def ingest_path(path: str, db: str, force: bool = False) -> FileResult:
    """Parse ``path`` and store it in ``db`` (one transaction, consolidation included); never
    raises for a bad file. A text that does not read as an official document is refused
    (``refused``) unless ``force``.

    This is the unit of work every engine maps over the files (it runs in a worker process).
    """
    import sqlalchemy as sa

    from gongbao.store import ingest_issue

    t0 = time.perf_counter()
    parsed = _parse_one(path)
    t1 = time.perf_counter()
    if isinstance(parsed, GongbaoError):
        return FileResult(path, ok=False, error=_message(parsed, path), parse_s=t1 - t0)
    if not force:
        from gongbao.pipeline import NotAGazette, refuse_non_gazette

        try:
            refuse_non_gazette(parsed)
        except NotAGazette as e:
            return FileResult(path, ok=False, error=_message(e, path), parse_s=t1 - t0, refused=True)
    try:
        engine = _store(db)
        for attempt in range(_RETRIES):
            try:
                res = ingest_issue(engine, parsed)
                break
            except sa.exc.DBAPIError as e:
                if not _retryable(e) or attempt == _RETRIES - 1:
                    raise
                time.sleep(0.05 * (attempt + 1))
    except (GongbaoError, OSError, ValueError, sa.exc.SQLAlchemyError) as e:
        return FileResult(path, ok=False, error=_message(e, path), parse_s=t1 - t0)
    return FileResult(
        path,
        ok=True,
        created=res.created,
        documents=res.documents,
        nodes=res.nodes,
        relations=res.relations,
        resolved=res.resolved,
        parse_s=t1 - t0,
        store_s=time.perf_counter() - t1,
        ingest=res.to_json(),
        consolidated=list(res.consolidated),
    )


def _run_local(paths: list[str], db: str, workers: int, force: bool = False) -> Iterator[FileResult]:
    """Results as they complete: in this process for one worker, else in a process pool."""
    if workers <= 1:
        for p in paths:
            yield ingest_path(p, db, force)
        return
    from concurrent.futures import FIRST_COMPLETED, wait

    with ProcessPoolExecutor(max_workers=workers) as pool:
        it = iter(paths)
        running: set[Future[FileResult]] = set()
        for p in it:  # a bounded window keeps the queue small whatever the number of files
            running.add(pool.submit(ingest_path, p, db, force))
            if len(running) >= 2 * workers:
                break
        while running:
            done, running = wait(running, return_when=FIRST_COMPLETED)
            for fut in done:
                yield fut.result()
                nxt = next(it, None)
                if nxt is not None:
                    running.add(pool.submit(ingest_path, nxt, db, force))


def _run_dask(
    paths: list[str], db: str, workers: int, scheduler: str | None, force: bool = False
) -> Iterator[FileResult]:
    """Results as they complete on a Dask cluster (``scheduler``), else a local cluster of ``workers``."""
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise StoreError("--engine dask needs dask.distributed: pip install 'gongbao[cluster]'") from None
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=max(workers, 1), threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        n = max(workers, len(client.scheduler_info().get("workers", {})), 1)
        it = iter(paths)
        first = [p for _, p in zip(range(2 * n), it, strict=False)]
        # pure=False: the same path ingested twice is two tasks (the store decides, not the cache)
        ac = as_completed(client.map(ingest_path, first, db=db, force=force, pure=False))
        for fut in ac:
            res: FileResult = fut.result()
            fut.release()
            yield res
            nxt = next(it, None)
            if nxt is not None:
                ac.add(client.submit(ingest_path, nxt, db=db, force=force, pure=False))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def ingest_many(
    paths: list[Path],
    db: str | None,
    *,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    on_result: Callable[[FileResult], None] | None = None,
    force: bool = False,
) -> BatchReport:
    """Parse and store ``paths`` with ``workers`` processes (or a Dask cluster); see the module docstring.

    ``db`` is resolved like ``--db`` (``$GONGBAO_DB``, else ``./gongbao.db``). ``on_result`` is
    called in this process as each file completes (for a progress bar), in completion order; the
    report lists files in the order given. Raises ``StoreError`` when the store cannot be opened
    or the engine is unknown or unusable (a remote cluster with an SQLite store).
    """
    from gongbao.store import open_store, resolve_url

    if engine not in ENGINES:
        raise StoreError(f"unknown engine {engine!r} (use one of: {', '.join(ENGINES)})")
    url = resolve_url(db)
    if url.startswith("sqlite"):
        if scheduler:
            raise StoreError("a remote cluster needs a PostgreSQL store (--db postgresql://…), not an SQLite file")
        # A relative file path must name the same file in every worker.
        path = url.removeprefix("sqlite:///")
        if path and path != ":memory:" and not path.startswith("/"):
            url = "sqlite:///" + os.path.abspath(path)
    t0 = time.perf_counter()
    main_engine = open_store(url, create=True)  # create or upgrade the schema once, before the workers
    names = [str(p) for p in paths]
    if engine == "dask":
        stream = _run_dask(names, url, workers, scheduler, force)
    else:
        stream = _run_local(names, url, workers, force)
    by_path: dict[str, list[FileResult]] = {}
    for res in stream:
        by_path.setdefault(res.path, []).append(res)
        if on_result is not None:
            on_result(res)
    ordered = [by_path[n].pop(0) for n in names]
    main_engine.dispose()
    return BatchReport(ordered, time.perf_counter() - t0, workers, engine)
