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
    ) -> None:
        """Serve the REST API (/api/v1/…, OpenAPI at /docs) and web pages over the store.

        Reads are open; POST /api/v1/ingest needs 'Authorization: Bearer $GONGBAO_TOKEN' (no token set:
        writes are refused). Listens on 127.0.0.1 unless --host says otherwise.

        Example: GONGBAO_TOKEN=s3cret gongbao serve --db gongbao.db --port 8321
        """
        import uvicorn

        from gongbao.api import create_app

        token = os.environ.get(token_env) or None
        if host not in ("127.0.0.1", "localhost", "::1"):
            typer.echo(f"warning: listening on {host}, reachable beyond this machine", err=True)
        uvicorn.run(create_app(db, token), host=host, port=port, log_level="info")
