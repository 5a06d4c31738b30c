"""Many files: parse in a local process pool, in order, with a bounded window.

``parse_many(paths, workers)`` yields ``(path, Issue | GongbaoError)`` in the order of ``paths``.
With ``workers > 1`` files are parsed in worker processes; at most ``2 × workers`` parsed issues
wait in memory at any time, so memory stays bounded per file whatever the number of files.
The same per-file function (``gongbao.pipeline.parse_path``) is what a cluster engine would map.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from gongbao.errors import GongbaoError, InputError
from gongbao.model import Issue

SUFFIXES = (".txt", ".pdf")


def expand_sources(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and the .txt/.pdf files under each directory (sorted, recursive)."""
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
