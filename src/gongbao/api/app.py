"""FastAPI application: JSON under ``/api/v1``, server-rendered pages under ``/``.

``create_app(db_url, token)`` builds the app over one store. Cross-cutting behaviour lives here:
security headers on every response (CSP, nosniff, frame-options, referrer policy), ``HEAD``
for every ``GET``, refusal of NUL and control characters in paths and parameters, one error
shape for the API (``{"schema": "gongbao.api/1", "error": {"code", "message"}}``, 404 and 422
included; pages get the same code and message as HTML), no 500 for what a client sends, and
no server path in any message. Swagger UI and ReDoc are served from files the package
installs (``fastapi-offline``), so ``/docs`` works with no network.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gongbao.api.models import API_SCHEMA
from gongbao.errors import CalendarError, CitationError, GongbaoError, InputError, InstructionError, StoreError

__all__ = ["API_SCHEMA", "ApiError", "create_app"]

log = logging.getLogger("gongbao.api")
WEB = Path(__file__).resolve().parent.parent / "web"
#: Largest request body ``POST /api/v1/ingest`` accepts (bytes); larger ones get 413 unread.
MAX_UPLOAD = 64 * 1024 * 1024

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# ReDoc injects <style> elements; Swagger UI sets inline styles: the two documentation pages
# get 'unsafe-inline' for styles only (scripts stay 'self': the init script is a file).
CSP_DOCS = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'").replace(
    "img-src 'self' data:", "img-src 'self' data: blob:"
)
_BAD_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|%0[0-8bBcCeEfF]|%1[0-9a-fA-F]|%7[fF]")
_PATHLIKE = re.compile(r"(?:/[\w.\-]+){2,}/?")


class ApiError(Exception):
    """An error with an HTTP status and a snake_case code, rendered in the one error shape."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _scrub(message: str) -> str:
    """No server path in a message: keep only the last part of anything that looks like one."""
    return _PATHLIKE.sub(lambda m: m.group(0).rstrip("/").rsplit("/", 1)[-1], message)[:500]


def error_json(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"schema": API_SCHEMA, "error": {"code": code, "message": _scrub(message)}}, status_code=status)


class _Guard:
    """ASGI middleware: security headers, HEAD as GET without a body, control characters refused."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw_path = scope.get("raw_path") or scope["path"].encode("utf-8", "surrogateescape")
        query = scope.get("query_string", b"")
        target = raw_path.decode("latin-1") + "?" + query.decode("latin-1")
        if _BAD_CHARS.search(target) or _BAD_CHARS.search(scope["path"]):
            resp = error_json(400, "bad_parameter", "control characters (NUL …) are not allowed in a path or parameter")
            await _with_headers(resp, scope)(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        if head:
            scope = dict(scope, method="GET")
        docs = scope["path"] in ("/docs", "/redoc")

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in _SECURITY_KEYS]
                headers += _security_headers(docs)
                message = dict(message, headers=headers)
            elif message["type"] == "http.response.body" and head:
                message = dict(message, body=b"", more_body=message.get("more_body", False))
            await send(message)

        await self.app(scope, receive, send_wrapper)


#: GET endpoints whose answer depends only on the store, the query string and the day: their
#: 200 answers are kept whole (bytes) per store generation by ``_Kept``.
KEPT_PATHS = frozenset({"/api/v1/search"})
#: Larger answers are not kept (a page of hits is ~10–40 KB).
KEPT_MAX_BYTES = 1 << 20


class _Kept:
    """ASGI middleware: answers of ``KEPT_PATHS`` kept per store generation, with an ``ETag``.

    A request whose ``(generation, path, query string, day)`` was answered before gets the same
    bytes without routing, validation or a query (``x-gongbao-cache: hit``); any write to the store
    raises its generation (``store.db.write_transaction``), so a kept answer is never one the
    store would no longer give (``gongbao.query.cache``). ``If-None-Match`` with the answer's
    ``ETag`` gets ``304 Not Modified``. Only 200 answers are kept; errors go through every time.

    Requests for a question already being answered wait for that answer instead of computing it
    again (``x-gongbao-cache: shared``): 200 clients asking the same new question cost one query,
    not 200.
    """

    def __init__(self, app: ASGIApp, engine: Any, cache: Any) -> None:
        self.app, self.engine, self.cache = app, engine, cache
        self.inline = engine.dialect.name == "sqlite"  # a local file read: no thread hop needed
        self.pending: dict[tuple[int, Any], asyncio.Future[Any]] = {}

    async def _generation(self) -> int | None:
        from gongbao.query.cache import generation

        if self.inline:
            return generation(self.engine)
        from starlette.concurrency import run_in_threadpool

        return await run_in_threadpool(generation, self.engine)

    @staticmethod
    async def _send_kept(scope: Scope, send: Send, kept: Any, how: bytes) -> None:
        headers, body, etag = kept
        if etag in _if_none_match(scope):
            await send({"type": "http.response.start", "status": 304, "headers": [(b"etag", etag)]})
            await send({"type": "http.response.body", "body": b""})
            return
        await send({"type": "http.response.start", "status": 200, "headers": [*headers, (b"x-gongbao-cache", how)]})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"] not in KEPT_PATHS:
            await self.app(scope, receive, send)
            return
        gen = await self._generation()
        if gen is None:
            await self.app(scope, receive, send)
            return
        from datetime import date

        key = (scope["path"], scope.get("query_string", b""), date.today())
        found, kept = self.cache.find(gen, key)
        if found:
            await self._send_kept(scope, send, kept, b"hit")
            return
        waiting = self.pending.get((gen, key))
        if waiting is not None:
            kept = await asyncio.shield(waiting)
            if kept is not None:
                await self._send_kept(scope, send, kept, b"shared")
                return
        mine: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self.pending.setdefault((gen, key), mine)
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def keep(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            body = b"".join(chunks)
            headers = list(start.get("headers", []))
            if start.get("status") == 200 and len(body) <= KEPT_MAX_BYTES:
                import hashlib

                etag = b'"' + f"g{gen}-{hashlib.blake2b(body, digest_size=8).hexdigest()}".encode() + b'"'
                headers.append((b"etag", etag))
                self.cache.keep(gen, key, (headers, body, etag))
                if not mine.done():
                    mine.set_result((headers, body, etag))
                headers = [*headers, (b"x-gongbao-cache", b"miss")]
            await send(dict(start, headers=headers))
            await send({"type": "http.response.body", "body": body})

        try:
            await self.app(scope, receive, keep)
        finally:
            if not mine.done():
                mine.set_result(None)  # not kept (an error): those waiting compute their own
            if self.pending.get((gen, key)) is mine:
                del self.pending[(gen, key)]


def _if_none_match(scope: Scope) -> list[bytes]:
    """The entity tags of the request's ``If-None-Match`` header."""
    for k, v in scope.get("headers", []):
        if k == b"if-none-match":
            return [t.strip().removeprefix(b"W/") for t in v.split(b",")]
    return []


_SECURITY_KEYS = {
    b"content-security-policy",
    b"x-content-type-options",
    b"x-frame-options",
    b"referrer-policy",
    b"cross-origin-opener-policy",
}


def _security_headers(docs: bool) -> list[tuple[bytes, bytes]]:
    return [
        (b"content-security-policy", (CSP_DOCS if docs else CSP).encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"x-frame-options", b"DENY"),
        (b"referrer-policy", b"same-origin"),
        (b"cross-origin-opener-policy", b"same-origin"),
    ]


def _with_headers(resp: Response, scope: Scope) -> Response:
    for k, v in _security_headers(False):
        resp.headers[k.decode()] = v.decode()
    return resp


def _status_of(e: GongbaoError) -> tuple[int, str]:
    if isinstance(e, CitationError):
        return 404, "not_found"
    if isinstance(e, InputError | InstructionError | CalendarError):
        return 422 if not isinstance(e, InputError) else 400, type(e).__name__.removesuffix("Error").lower()
    if isinstance(e, StoreError):
        return 503, "store"
    return 400, "error"


def create_app(
    db_url: str | None = None, token: str | None = None, *, max_upload: int = MAX_UPLOAD, kept: int = 2048
) -> FastAPI:
    """The app over the store at ``db_url`` (default: ``$GONGBAO_DB`` or ./gongbao.db).

    ``token``: the bearer token that write endpoints require; ``None`` disables writes.
    ``max_upload``: the largest body ``POST /api/v1/ingest`` reads (bytes). ``kept``: search
    answers kept per store generation (``_Kept``; 0 answers every request afresh).
    """
    from gongbao.store.db import open_store

    engine = open_store(db_url)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        from gongbao.api.services import shutdown_pool

        shutdown_pool()

    app = FastAPI(
        lifespan=lifespan,
        title="gongbao",
        version="1",
        description=(
            "Chinese government gazettes (公报) as a legal knowledge base: documents as of a date, "
            "permalinks to every article, paragraph and item, versions and diffs, effects of "
            "decisions, relations, search, tasks, units, post holders and executable rules.\n\n"
            'Every error has one shape: `{"schema": "gongbao.api/1", "error": {"code", "message"}}`. '
            "Lists are paged (`page`, `per_page`). Every GET also answers HEAD."
        ),
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.engine = engine
    app.state.token = token
    app.state.max_upload = max_upload
    app.state.cache = {}
    from gongbao.query.cache import ResultCache

    app.state.search_cache = ResultCache(maxsize=kept)

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, e: ApiError) -> Response:
        return _error_response(request, e.status, e.code, e.message)

    @app.exception_handler(GongbaoError)
    async def _gongbao_error(request: Request, e: GongbaoError) -> Response:
        status, code = _status_of(e)
        return _error_response(request, status, code, e.message if isinstance(e, CitationError) else str(e))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, e: StarletteHTTPException) -> Response:
        code = {404: "not_found", 405: "method_not_allowed", 413: "too_large"}.get(e.status_code, "http_error")
        msg = "no such page or endpoint" if e.status_code == 404 and e.detail == "Not Found" else str(e.detail)
        return _error_response(request, e.status_code, code, msg)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, e: RequestValidationError) -> Response:
        parts = []
        for err in e.errors()[:5]:
            where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body"))
            parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else str(err.get("msg", "invalid")))
        return _error_response(request, 422, "invalid", "; ".join(parts) or "invalid request")

    @app.exception_handler(Exception)
    async def _internal(request: Request, e: Exception) -> Response:  # pragma: no cover - a bug, logged
        log.exception("unhandled error on %s", request.url.path)
        return _error_response(request, 500, "internal", f"internal error ({type(e).__name__}); it was logged")

    _mount_docs(app)  # before /static: its files live under /static/apidocs
    app.mount("/static", StaticFiles(directory=str(WEB / "static")), name="static")

    from gongbao.api.v1 import router as api_router
    from gongbao.web.pages import router as page_router

    app.include_router(api_router)
    app.include_router(page_router)
    if kept > 0:
        app.add_middleware(_Kept, engine=engine, cache=ResultCache(maxsize=kept))
    # Outermost: runs before routing, so refused characters never reach a handler.
    app.add_middleware(_Guard)
    return app


def _error_response(request: Request, status: int, code: str, message: str) -> Response:
    if request.url.path.startswith("/api/") or "text/html" not in request.headers.get("accept", ""):
        return error_json(status, code, message)
    from gongbao.web.pages import render_error

    return render_error(request, status, code, _scrub(message))


def _mount_docs(app: FastAPI) -> None:
    """Swagger UI at /docs and ReDoc at /redoc from the files fastapi-offline installs."""
    import fastapi_offline

    vendored = Path(fastapi_offline.__file__).resolve().parent / "static"
    app.mount("/static/apidocs", StaticFiles(directory=str(vendored)), name="apidocs")

    @app.get("/docs", include_in_schema=False)
    async def swagger() -> HTMLResponse:
        return HTMLResponse(_DOCS_PAGE)

    @app.get("/redoc", include_in_schema=False)
    async def redoc() -> HTMLResponse:
        return HTMLResponse(_REDOC_PAGE)


_DOCS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>gongbao API — Swagger UI</title>
<link rel="stylesheet" href="/static/apidocs/swagger-ui.css">
<link rel="icon" href="/static/apidocs/favicon.png"></head>
<body><main id="swagger-ui" aria-label="API documentation"></main>
<script src="/static/apidocs/swagger-ui-bundle.js"></script>
<script src="/static/swagger-init.js"></script>
</body></html>"""

_REDOC_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>gongbao API — ReDoc</title>
<link rel="icon" href="/static/apidocs/favicon.png"></head>
<body><main><redoc spec-url="/openapi.json"></redoc></main>
<script src="/static/apidocs/redoc.standalone.js"></script>
</body></html>"""


def engine_of(request: Request) -> Any:
    return request.app.state.engine
