"""CLI commands of the parse area: ``gongbao parse``."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer


class ParseFormat(StrEnum):
    json = "json"
    md = "md"


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main app."""

    @app.command("parse")
    def parse_cmd(
        file: Path = typer.Argument(
            ..., help="A gazette or single document: .txt (UTF-8/GB18030), .pdf, .docx or a saved web page"
        ),
        format: ParseFormat = typer.Option(
            ParseFormat.json, "--format", "-f", help="json (schema gongbao.parse/1) or md"
        ),
        changes: bool = typer.Option(
            False, "--changes", help="list every normalization change (kind, span, before, after)"
        ),
        body: bool = typer.Option(True, "--body/--no-body", help="include each document's body tree"),
    ) -> None:
        """Parse a gazette into its documents with no database, losing no character.

        Example: gongbao parse samples/liaocheng-2024-11-12.txt --format json > out.json
        """
        from gongbao.pipeline import parse_path, summary
        from gongbao.serialize import issue_to_json

        issue = parse_path(file)
        typer.echo(summary(issue), err=True)
        if format is ParseFormat.json:
            typer.echo(
                json.dumps(issue_to_json(issue, with_body=body, with_changes=changes), ensure_ascii=False, indent=1)
            )
        else:
            from gongbao.export.markdown import issue_to_markdown

            typer.echo(issue_to_markdown(issue))
