"""store stage: persist parsed issues in SQLite or PostgreSQL (one schema) and keep them consistent.

Entry points: ``open_store(db)`` -> engine, ``ingest_issue(engine, issue)``, ``check_store(engine)``.
"""

from gongbao.store.db import open_store, resolve_url
from gongbao.store.ingest import IngestResult, ingest_issue

__all__ = ["IngestResult", "ingest_issue", "open_store", "resolve_url"]
