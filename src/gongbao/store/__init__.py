"""store stage: persist parsed issues in SQLite or PostgreSQL (one schema) and keep them consistent.

Entry points: ``open_store(db)`` -> engine, ``ingest_issue(engine, issue)``, ``check_store(engine)``.

The names are loaded on first use (PEP 562): a read-only question (``gongbao status``) that
imports ``gongbao.store.keys`` does not pay for the ingest machinery (issue #16, start-up).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gongbao.store.db import open_store, resolve_url
    from gongbao.store.ingest import IngestResult, ingest_issue

__all__ = ["IngestResult", "ingest_issue", "open_store", "resolve_url"]

_WHERE = {
    "open_store": "gongbao.store.db",
    "resolve_url": "gongbao.store.db",
    "IngestResult": "gongbao.store.ingest",
    "ingest_issue": "gongbao.store.ingest",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'gongbao.store' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
