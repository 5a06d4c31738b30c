"""CLI commands of the structure area: ``gongbao show``."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path

import typer


class ShowFormat(StrEnum):
    text = "text"
    md = "md"
    json = "json"
    akn = "akn"


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main app."""

    @app.command("show")
    def show_cmd(
        file: Path = typer.Argument(..., help="A gazette or single document: .txt or .pdf"),
        doc: str = typer.Argument(
            ..., help="The document: its 文号 (聊政办字〔2024〕17号) or title (聊城市燃气管理办法)"
        ),
        at: str | None = typer.Option(
            None, "--at", help="A unit: 第X条, 第X条第Y款, 第X条第（Z）项, 第X条第Y款第（Z）项, 二、（三）1., or an eId"
        ),
        format: ShowFormat = typer.Option(
            ShowFormat.text, "--format", "-f", help="text (the printed text only), md, json or akn"
        ),
    ) -> None:
        """Print a document, or one article, paragraph, item or outline unit of it.

        Example: gongbao show samples/liaocheng-2024-11-12.txt 聊城市巡游出租汽车经营服务管理办法 --at 第二十九条第（三）项
        """
        from gongbao.errors import CitationError
        from gongbao.pipeline import parse_path
        from gongbao.structure import display_text, parse_structure
        from gongbao.structure.citation import format_citation, path_to, resolve

        issue = parse_path(file)
        document = issue.find(doc)
        if document is None:
            known = "; ".join(d.ref for d in issue.documents[:30])
            raise CitationError(f"no document {doc!r} in {file} (documents: {known})")
        root = document.body if document.body is not None else parse_structure(document.text, kind=document.kind)
        document.body = root
        node = resolve(root, at) if at else root
        if format is ShowFormat.text:
            typer.echo(display_text(node))
        elif format is ShowFormat.md:
            from gongbao.export.markdown import document_to_markdown, node_to_markdown

            typer.echo(node_to_markdown(node) if at else document_to_markdown(document), nl=False)
        elif format is ShowFormat.json:
            from gongbao.export.tree_json import node_to_json

            out = {
                "schema": "gongbao.node/1",
                "doc": document.ref,
                "citation": format_citation(path_to(root, node)),
                "node": node_to_json(node),
            }
            typer.echo(json.dumps(out, ensure_ascii=False, indent=1))
        else:
            from gongbao.export.akn import document_to_akn, node_to_akn

            data = node_to_akn(node) if at else document_to_akn(document, context=issue.documents)
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
