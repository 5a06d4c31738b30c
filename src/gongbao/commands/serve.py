"""CLI command of the serve area: ``gongbao serve`` (REST API + web pages)."""

from __future__ import annotations

import os

import typer


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
    ) -> None:
        """Serve the web pages (/), the REST API (/api/v1/…; Swagger UI at /docs, ReDoc at /redoc) over the store.

        Reads are open; POST /api/v1/ingest needs 'Authorization: Bearer $GONGBAO_TOKEN' (no token set:
        writes are refused). Listens on 127.0.0.1 unless --host says otherwise. See docs/web.md.

        Example: GONGBAO_TOKEN=s3cret gongbao serve --db gongbao.db --port 8321
        """
        import uvicorn

        from gongbao.api import create_app

        token = os.environ.get(token_env) or None
        if host not in ("127.0.0.1", "localhost", "::1"):
            typer.echo(f"warning: listening on {host}, reachable beyond this machine", err=True)
        app = create_app(db, token, max_upload=max_upload_mb * 1024 * 1024)
        uvicorn.run(app, host=host, port=port, log_level="info")
