"""FastAPI application: JSON under ``/api/v1``, server-rendered pages under ``/``."""

from __future__ import annotations

import hmac
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Header, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.templating import Jinja2Templates

from gongbao.errors import CitationError, GongbaoError, InputError

API_SCHEMA = "gongbao.api/1"
_TEMPLATES = Path(__file__).resolve().parent.parent / "web" / "templates"


class _HTTPError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        self.status, self.code, self.message = status, code, message


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"schema": API_SCHEMA, "error": {"code": code, "message": message}}, status_code=status)


def create_app(db_url: str | None = None, token: str | None = None) -> FastAPI:
    """The app over the store at ``db_url`` (default: ``$GONGBAO_DB`` or ./gongbao.db).

    ``token``: the bearer token that write endpoints require; ``None`` disables writes.
    """
    from gongbao.store.db import open_store

    engine = open_store(db_url)
    app = FastAPI(title="gongbao", version="1", description="Chinese government gazettes as a knowledge base")
    templates = Jinja2Templates(directory=str(_TEMPLATES))  # autoescape is on for .html

    @app.exception_handler(_HTTPError)
    async def _http_error(_: Request, e: _HTTPError) -> JSONResponse:
        return _error(e.status, e.code, e.message)

    @app.exception_handler(GongbaoError)
    async def _gongbao_error(_: Request, e: GongbaoError) -> JSONResponse:
        status = 404 if isinstance(e, CitationError) else 400 if isinstance(e, InputError) else 500
        code = type(e).__name__.replace("Error", "").lower() or "error"
        return _error(status, code, str(e))

    def _day(s: str | None) -> date | None:
        if not s:
            return None
        try:
            return date.fromisoformat(s)
        except ValueError:
            raise _HTTPError(400, "bad_date", f"not an ISO date (YYYY-MM-DD): {s!r}") from None

    # ------------------------------------------------------------------ JSON

    @app.get("/api/v1/docs")
    def api_docs(as_of: str | None = None, in_force: bool = False, kind: str | None = None) -> dict[str, Any]:
        from gongbao.query.docs import list_documents

        rows = list_documents(engine, as_of=_day(as_of), in_force=in_force, kind=kind)
        return {"schema": API_SCHEMA, "documents": [r.to_json() for r in rows]}

    @app.get("/api/v1/status")
    def api_status(ref: str, as_of: str | None = None) -> dict[str, Any]:
        from gongbao.query.status import status

        return {"schema": API_SCHEMA, "status": status(engine, ref, _day(as_of)).to_json()}

    @app.get("/api/v1/search")
    def api_search(
        q: str = Query(..., min_length=1),
        as_of: str | None = None,
        kind: str | None = None,
        issuer: str | None = None,
        in_force: bool = False,
        limit: int = Query(20, ge=1, le=500),
    ) -> dict[str, Any]:
        from gongbao.query.search import search

        hits = search(engine, q, as_of=_day(as_of), kind=kind, issuer=issuer, in_force=in_force, limit=limit)
        return {"schema": API_SCHEMA, "query": q, "hits": [h.to_json() for h in hits]}

    @app.get("/api/v1/links")
    def api_links(ref: str) -> dict[str, Any]:
        from gongbao.query.links import links

        return {"schema": API_SCHEMA, "links": links(engine, ref).to_json()}

    @app.get("/api/v1/document")
    def api_document(ref: str) -> dict[str, Any]:
        doc = _stored_document(engine, ref)
        from gongbao.export.tree_json import node_to_json

        return {
            "schema": API_SCHEMA,
            "document": {
                "doc_number": doc.doc_number,
                "title": doc.title,
                "kind": doc.kind,
                "issuer": doc.issuer,
                "signed_date": doc.signed_date.isoformat() if doc.signed_date else None,
                "text": doc.text,
                "body": node_to_json(doc.body) if doc.body else None,
            },
        }

    @app.post("/api/v1/ingest", status_code=201)
    async def api_ingest(
        request: Request, filename: str = "upload.txt", authorization: str | None = Header(None)
    ) -> dict[str, Any]:
        _require_token(token, authorization)
        data = await request.body()
        if not data:
            raise _HTTPError(400, "empty", "request body is empty: send the gazette file as the body")
        from gongbao.pipeline import parse_path
        from gongbao.store.ingest import ingest_issue

        suffix = ".pdf" if data[:5] == b"%PDF-" else ".txt"
        with tempfile.TemporaryDirectory() as d:
            path = Path(d) / (Path(filename).name or "upload")
            path = path.with_suffix(suffix)
            path.write_bytes(data)
            issue = parse_path(path)
            issue.path = filename
            result = ingest_issue(engine, issue)
        from gongbao.consolidate import consolidate_issue

        done = consolidate_issue(engine, issue) if result.created else []
        return {"schema": API_SCHEMA, "ingested": result.to_json(), "consolidated": [c.to_json() for c in done]}

    # ------------------------------------------------------------------ pages

    @app.get("/", response_class=HTMLResponse)
    def page_index(request: Request, as_of: str | None = None, in_force: bool = False) -> HTMLResponse:
        from gongbao.query.docs import list_documents

        day = _day(as_of)
        rows = list_documents(engine, as_of=day, in_force=in_force)
        return templates.TemplateResponse(
            request, "index.html", {"rows": rows, "as_of": as_of or "", "in_force": in_force}
        )

    @app.get("/doc", response_class=HTMLResponse)
    def page_document(request: Request, ref: str, as_of: str | None = None) -> HTMLResponse:
        from gongbao.query.links import links
        from gongbao.query.status import status

        doc = _stored_document(engine, ref)
        st = status(engine, ref, _day(as_of))
        return templates.TemplateResponse(
            request,
            "document.html",
            {"doc": doc, "paragraphs": doc.text.split("\n"), "status": st, "links": links(engine, ref)},
        )

    @app.get("/search", response_class=HTMLResponse)
    def page_search(request: Request, q: str = "", as_of: str | None = None, in_force: bool = False) -> HTMLResponse:
        from gongbao.query.search import MARK_CLOSE, MARK_OPEN, search

        hits = search(engine, q, as_of=_day(as_of), in_force=in_force, limit=50) if q.strip() else []
        parts = []
        for h in hits:
            s = h.snippet
            a, b = s.find(MARK_OPEN), s.find(MARK_CLOSE)
            parts.append((h, s[:a], s[a + 1 : b], s[b + 1 :]) if 0 <= a < b else (h, s, "", ""))
        return templates.TemplateResponse(request, "search.html", {"q": q, "hits": parts, "as_of": as_of or ""})

    return app


def _require_token(token: str | None, authorization: str | None) -> None:
    if not token:
        raise _HTTPError(403, "writes_disabled", "this server was started without a token: writes are disabled")
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not given or not hmac.compare_digest(given, token):
        raise _HTTPError(401, "unauthorized", "a valid 'Authorization: Bearer <token>' header is required")


def _stored_document(engine: Any, ref: str):
    from gongbao.query.ledger import documents_from_store

    docs = documents_from_store(engine, doc=ref)
    exact = [d for d in docs if d.doc_number == ref or d.title == ref]
    if exact:
        return exact[-1]
    if docs:
        return docs[-1]
    raise CitationError(f"no stored document {ref!r}")
