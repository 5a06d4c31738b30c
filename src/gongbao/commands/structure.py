"""CLI commands of the structure area: ``gongbao show``."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Any

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
        source: str = typer.Argument(
            ...,
            help="A gazette file (.txt/.pdf/.docx/.html); or, with no DOC, a document or work in the store (文号 or title)",
        ),
        doc: str | None = typer.Argument(
            None, help="The document in the file: its 文号 (聊政办字〔2024〕17号) or title (聊城市燃气管理办法)"
        ),
        at: str | None = typer.Option(
            None,
            "--at",
            help="A unit: 第X条, 第X条之一, 第X条第Y款, 第X条第（Z）项, 第X条第Y款第（Z）项第1目, 第三编第二分编第九章, 附件二, 二、（三）1., or an eId",
        ),
        format: ShowFormat = typer.Option(
            ShowFormat.text, "--format", "-f", help="text (the printed text only), md, json or akn"
        ),
        as_of: str | None = typer.Option(
            None, "--as-of", help="store mode: the version valid on this date (YYYY-MM-DD; default today)"
        ),
        db: str | None = typer.Option(None, "--db", help="store mode: store URL (default $GONGBAO_DB or ./gongbao.db)"),
    ) -> None:
        """Print a document, or one article, paragraph, item or outline unit of it.

        From a file: gongbao show FILE DOC [--at CITATION]. From the store, the version of a work valid on a
        date (printed, republished or consolidated): gongbao show REF --as-of DATE [--db URL] [--at CITATION].

        Example: gongbao show samples/liaocheng-2024-11-12.txt 聊城市巡游出租汽车经营服务管理办法 --at 第二十九条第（三）项
        """
        if doc is None:
            _show_stored(source, at, format, as_of, db)
            return
        file = Path(source)
        if as_of:
            from gongbao.errors import InputError

            raise InputError("--as-of reads versions from the store: give only the document (and --db), not a file")
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


def _adoption_dated(v: Any) -> str | None:
    """Say so when a republished version is dated by the adoption of the instrument that made it
    (its history line) and no stored instrument gave a later 施行 date (``consolidate.republished_valid_from``)."""
    lines = v.text.split("\n")
    if v.origin != "republished" or v.made_by or len(lines) < 2 or v.valid_from is None:
        return None
    from gongbao.extract.metadata import parse_history  # (only here: the extractors cost 0.15 s to import)

    steps = [h for h in parse_history(lines[1]) if h.date == v.valid_from and (h.by or h.instrument)]
    if not steps:
        return None
    name = steps[-1].by or steps[-1].instrument
    return (
        f"{v.work} as republished is valid from {v.valid_from.isoformat()}, the day 《{name}》 was adopted "
        "(its history line): no stored instrument gives a later 施行 date"
    )


def _show_stored(ref: str, at: str | None, format: ShowFormat, as_of: str | None, db: str | None) -> None:
    """``show`` in store mode: the stored version of ``ref`` valid on ``as_of``."""
    from datetime import date

    from gongbao.errors import InputError
    from gongbao.query.docs import version_as_of
    from gongbao.query.reader import open_reader

    try:
        day = date.fromisoformat(as_of) if as_of else None
    except ValueError:
        raise InputError(f"--as-of must be YYYY-MM-DD, got {as_of!r}") from None
    v = version_as_of(open_reader(db), ref, day)
    note = _adoption_dated(v)
    if note and format is not ShowFormat.json:
        typer.echo(f"note: {note}", err=True)
    if at is None and format is ShowFormat.json:
        typer.echo(json.dumps({"schema": "gongbao.version/1", **v.to_json()}, ensure_ascii=False, indent=1))
        return
    if at is None and format is ShowFormat.text:
        frm = v.valid_from.isoformat() if v.valid_from else "?"
        typer.echo(f"# {v.work} ({v.origin}, made by {v.made_by or '?'}, valid from {frm})\n")
        typer.echo(v.text)
        return
    from gongbao.structure import display_text, parse_structure
    from gongbao.structure.citation import format_citation, path_to, resolve

    if v.document_id is not None:
        # the printed text of a stored document: its stored tree, so that the node ids search and the
        # API give resolve here too (a table read by its printed columns at ingest)
        from gongbao.query.docs import stored_body

        root = stored_body(open_reader(db), v.document_id)
    else:
        root = parse_structure(v.text, kind=v.kind or "规章")
    node = resolve(root, at) if at else root
    if format is ShowFormat.text:
        typer.echo(display_text(node))
    elif format is ShowFormat.json:
        from gongbao.export.tree_json import node_to_json

        out: dict[str, object] = {"schema": "gongbao.node/1", "doc": v.work, "version": v.to_json() | {"text": None}}
        out |= {"citation": format_citation(path_to(root, node)), "node": node_to_json(node)}
        typer.echo(json.dumps(out, ensure_ascii=False, indent=1))
    elif format is ShowFormat.md:
        from gongbao.export.markdown import node_to_markdown

        typer.echo(node_to_markdown(node), nl=False)
    else:
        from gongbao.export.akn import node_to_akn

        sys.stdout.flush()
        sys.stdout.buffer.write(node_to_akn(node))
