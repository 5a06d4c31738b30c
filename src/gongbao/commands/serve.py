"""CLI command of the serve area: ``gongbao serve`` (REST API + web pages)."""

from __future__ import annotations

import os
from typing import Any

import typer

_ENV_DB, _ENV_TOKEN, _ENV_UPLOAD = "GONGBAO_SERVE_DB", "GONGBAO_SERVE_TOKEN_ENV", "GONGBAO_SERVE_MAX_UPLOAD"
_ENV_KEPT = "GONGBAO_SERVE_KEPT"


def app_from_env() -> Any:
    """The app of one worker process of ``gongbao serve --workers N`` (uvicorn's factory).

    The options travel in the environment the workers inherit; the token stays in the variable
    ``--token-env`` names (it is never copied).
    """
    from gongbao.api import create_app

    token = os.environ.get(os.environ.get(_ENV_TOKEN) or "GONGBAO_TOKEN") or None
    upload = int(os.environ.get(_ENV_UPLOAD) or 64 * 1024 * 1024)
    kept = int(os.environ.get(_ENV_KEPT) or 2048)
    return create_app(os.environ.get(_ENV_DB) or None, token, max_upload=upload, kept=kept)


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main app."""

    @app.command("serve")
    def serve_cmd(
        db: str | None = typer.Option(None, "--db", help="store URL (default: $GONGBAO_DB or ./gongbao.db)"),
        host: str = typer.Option("127.0.0.1", "--host", help="address to listen on; only localhost unless you say so"),
        port: int = typer.Option(8321, "--port", help="TCP port"),
        token_env: str = typer.Option(
            "GONGBAO_TOKEN", "--token-env", help="environment variable holding the bearer token for writes"
        ),
        max_upload_mb: int = typer.Option(
            64, "--max-upload-mb", min=1, max=4096, help="largest upload POST /api/v1/ingest reads"
        ),
        workers: int = typer.Option(
            1, "--workers", "-w", min=1, max=64, help="server processes (uvicorn workers); reads run in parallel"
        ),
        kept: int = typer.Option(
            2048,
            "--kept",
            min=0,
            max=1_000_000,
            help="search answers each worker keeps per store generation (0: answer every request afresh)",
        ),
    ) -> None:
        """Serve the web pages (/), the REST API (/api/v1/…; Swagger UI at /docs, ReDoc at /redoc) over the store.

        Reads are open; POST /api/v1/ingest needs 'Authorization: Bearer $GONGBAO_TOKEN' (no token set:
        writes are refused). Listens on 127.0.0.1 unless --host says otherwise. --workers N serves from N
        processes (each with its own connections to the store): for many concurrent readers. See docs/web.md.

        Example: GONGBAO_TOKEN=s3cret gongbao serve --db gongbao.db --port 8321
        """
        import uvicorn

        from gongbao.api import create_app

        token = os.environ.get(token_env) or None
        if host not in ("127.0.0.1", "localhost", "::1"):
            typer.echo(f"warning: listening on {host}, reachable beyond this machine", err=True)
        if workers > 1:
            from gongbao.store import open_store

            open_store(db).dispose()  # create or upgrade the store once, before the workers open it
            os.environ[_ENV_DB] = db or ""
            os.environ[_ENV_TOKEN] = token_env
            os.environ[_ENV_UPLOAD] = str(max_upload_mb * 1024 * 1024)
            os.environ[_ENV_KEPT] = str(kept)
            factory = "gongbao.commands.serve:app_from_env"
            uvicorn.run(factory, factory=True, workers=workers, host=host, port=port, log_level="info")
            return
        app = create_app(db, token, max_upload=max_upload_mb * 1024 * 1024, kept=kept)
        uvicorn.run(app, host=host, port=port, log_level="info")
