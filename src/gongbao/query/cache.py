"""A server's cache of query results, keyed by the store's generation.

Every write transaction raises the store's generation just before it commits
(``store.db.write_transaction``, table ``store_generation``). A long-lived process (``gongbao
serve``) keeps the results of read-only questions — a page of search hits with its facets — under
``(generation, question)``: while the generation it reads is the same, the store has not changed
and the kept result is the one a fresh query would give; after any ingest, ``apply`` or repair the
generation differs and every question is answered afresh. Nothing is ever invalidated by time, so
nothing is ever served stale by more than the moment between a commit and the next read of the
generation.

The generation is read per request (one primary-key lookup, ~0.1 ms); a result computed while a
writer commits may be kept under the generation read just before it — the newer store's answer
under an older generation, which no later request asks for. The cache holds at most ``maxsize``
results (least recently used first out); each worker process has its own.

One-shot CLI processes do not use it: they answer one question and exit.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from gongbao.query.reader import reading

__all__ = ["ResultCache", "generation"]

T = TypeVar("T")

_GENERATION = "SELECT n FROM store_generation WHERE id = 1"


def generation(store: Any | sqlite3.Connection) -> int | None:
    """The store's generation, or ``None`` for a store without one (older schema: never cached)."""
    try:
        with reading(store) as db:
            n = db.scalar(_GENERATION, {})
    except Exception:  # an older store has no table: answer, but do not cache
        return None
    return None if n is None else int(n)


class ResultCache:
    """Results of read-only questions by ``(store generation, key)``, at most ``maxsize`` kept.

    Thread-safe (uvicorn runs sync endpoints in a thread pool). ``hits`` and ``misses`` count
    what it did, for ``/api/v1/check``-style diagnostics and the tests.
    """

    def __init__(self, maxsize: int = 4096) -> None:
        self.maxsize = maxsize
        self._items: OrderedDict[tuple[int, Hashable], Any] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, store: Any, key: Hashable, compute: Callable[[], T]) -> T:
        """The result of ``compute()`` for ``key`` on the store as it is now."""
        gen = generation(store) if self.maxsize > 0 else None  # nothing kept: no generation to read
        if gen is None:
            self.misses += 1
            return compute()
        found, value = self.find(gen, key)
        if found:
            return value
        value = compute()
        self.keep(gen, key, value)
        return value

    def find(self, gen: int, key: Hashable) -> tuple[bool, Any]:
        """``(True, result)`` when a result for ``key`` at generation ``gen`` is kept, else ``(False, None)``."""
        k = (gen, key)
        with self._lock:
            if k in self._items:
                self._items.move_to_end(k)
                self.hits += 1
                return True, self._items[k]
            self.misses += 1
        return False, None

    def keep(self, gen: int, key: Hashable, value: Any) -> None:
        """Keep ``value`` as the result for ``key`` at generation ``gen`` (the oldest used goes first)."""
        if self.maxsize <= 0:
            return
        with self._lock:
            self._items[(gen, key)] = value
            self._items.move_to_end((gen, key))
            while len(self._items) > self.maxsize:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)
