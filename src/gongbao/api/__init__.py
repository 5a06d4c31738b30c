"""api: the REST API (FastAPI) and the web pages, over the same query functions as the CLI.

Entry point: ``create_app(db_url, token)``. Read endpoints are open; write endpoints (ingest)
need ``Authorization: Bearer <token>``; with no token configured, writes are refused.
Errors have one JSON shape: ``{"schema": "gongbao.api/1", "error": {"code": …, "message": …}}``.
See ``docs/web.md``.
"""

from gongbao.api.app import API_SCHEMA, create_app

__all__ = ["API_SCHEMA", "create_app"]
