"""CLI commands of the store area: ingest, check, search, status, docs, links.

``show REF --as-of DATE`` (the version of a work in the store) lives with ``show`` in
``commands/structure.py`` and calls ``gongbao.query.docs.version_as_of``.

Every command takes ``--db`` (an SQLite file path or ``postgresql://…``; default ``$GONGBAO_DB``,
else ``./gongbao.db``) and, except ``ingest``, ``--format text|json``. JSON output is one object
with a ``schema`` field (``gongbao.search/1`` …), documented in ``docs/json.md``.
"""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from gongbao.errors import InputError, StoreError

DB_HELP = "Store: SQLite file or postgresql://… URL (default $GONGBAO_DB, else ./gongbao.db)"
AS_OF_HELP = "Date YYYY-MM-DD (default today)"


class Format(StrEnum):
    text = "text"
    json = "json"


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _emit(obj: dict[str, Any]) -> None:
    typer.echo(json.dumps(obj, ensure_ascii=False, indent=1))


def _open(db: str | None, *, create: bool = False):
    from gongbao.store import open_store

    return open_store(db, create=create)


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main app."""

    @app.command("ingest")
    def ingest_cmd(
        files: Annotated[list[Path], typer.Argument(help="Gazette files (.txt or .pdf) or directories of them")],
        db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
        workers: Annotated[int, typer.Option("--workers", "-j", help="parse in N processes (writes stay serial)")] = 1,
        format: Annotated[Format, typer.Option("--format", "-f", help="text or json (gongbao.ingest/1)")] = Format.text,
        force: Annotated[
            bool, typer.Option("--force", help="store a text even when it does not read as an official document")
        ] = False,
    ) -> None:
        """Parse gazettes and store them, one transaction per file; a file already stored is skipped.

        A file that fails leaves the store as it was; the others are still stored and the command
        exits with code 2 after listing the failures.

        Example: gongbao ingest samples/liaocheng-2024-11-12.txt --db kb.db   (or: gongbao ingest gazettes/ -j 2)
        """
        from gongbao.batch import expand_sources, parse_many
        from gongbao.errors import GongbaoError
        from gongbao.pipeline import NotAGazette, refuse_non_gazette
        from gongbao.store import ingest_issue

        engine = _open(db, create=True)
        results, failures, consolidated = [], [], []
        files = expand_sources(files)
        for f, parsed in parse_many(files, workers):
            try:
                if isinstance(parsed, GongbaoError):
                    raise parsed
                issue = parsed
                if not force:
                    refuse_non_gazette(issue)  # a story, a licence, a CSV: exit 2 naming the file
                res = ingest_issue(engine, issue)  # consolidation is in the same transaction
                done = list(res.consolidated) if res.created else []
                consolidated.extend(done)
            except (GongbaoError, OSError, ValueError) as e:
                if isinstance(e, NotAGazette) and len(files) == 1:
                    raise
                msg = str(e).removeprefix(f"{f}: ")
                failures.append({"path": str(f), "error": msg})
                if format is Format.text:
                    typer.echo(f"{f}: FAILED: {msg}", err=True)
                continue
            results.append(res)
            if format is Format.text:
                what = (
                    f"stored {res.documents} documents, {res.nodes} nodes, {res.relations} relations"
                    f" ({res.resolved} resolved)"
                    + (f"; {res.same} already stored from another source" if res.same else "")
                    + (f"; {res.replaced} corrected texts replace the stored ones" if res.replaced else "")
                    if res.created
                    else "already stored, unchanged"
                    + (f" ({res.resolved} relations completed)" if res.resolved else "")
                )
                typer.echo(f"{f}: {what}")
                for c in done:
                    typer.echo(f"  {c.work}: {c.note} (by {c.made_by}, from {c.valid_from or '?'})")
        if format is Format.json:
            _emit(
                {
                    "schema": "gongbao.ingest/1",
                    "files": [r.to_json() for r in results],
                    "consolidated": [c.to_json() for c in consolidated],
                    "failures": failures,
                }
            )
        if failures:
            raise StoreError(f"{len(failures)} of {len(files)} files not stored (the store is unchanged for them)")

    @app.command("check")
    def check_cmd(
        db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
        format: Annotated[Format, typer.Option("--format", "-f", help="text or json (gongbao.check/1)")] = Format.text,
    ) -> None:
        """Verify the store: documents, nodes, spans, counts, index and relations; list dangling references.

        Exits with code 2 when a problem is found (dangling references are listed, not errors).

        Example: gongbao check --db kb.db
        """
        from gongbao.store.check import check_store

        rep = check_store(_open(db))
        if format is Format.json:
            _emit({"schema": "gongbao.check/1", **rep.to_json()})
        else:
            typer.echo(" ".join(f"{k}={v}" for k, v in rep.counts.items()))
            for d in rep.dangling:
                typer.echo(
                    f"dangling: {d['source']} {d['kind']} {d['target_doc_number'] or ''} {d['target_title'] or ''}"
                )
            for p in rep.problems:
                typer.echo(f"problem: {p}")
            typer.echo("ok" if rep.ok else f"{len(rep.problems)} problems")
        if not rep.ok:
            raise StoreError(f"store check failed: {rep.problems[0]}")

    @app.command("search")
    def search_cmd(
        query: Annotated[str, typer.Argument(help="Words; every one must occur, each as an exact run of characters")],
        as_of: Annotated[
            str | None, typer.Option("--as-of", help="Status date; drops documents published later. " + AS_OF_HELP)
        ] = None,
        kind: str = typer.Option(
            None, "--kind", help="Document kind (令, 通知, 规章…) or kind of the instrument issued"
        ),
        issuer: Annotated[str | None, typer.Option("--issuer", help="Issuer, or part of it")] = None,
        in_force: Annotated[bool, typer.Option("--in-force", help="Only documents in force on the as-of date")] = False,
        limit: Annotated[int, typer.Option("--limit", "-n", help="Most hits to show")] = 20,
        db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
        format: Annotated[Format, typer.Option("--format", "-f", help="text or json (gongbao.search/1)")] = Format.text,
    ) -> None:
        """Search the store to the article: each hit names the document, node id and citation.

        Hits in force come first, then by BM25. The match is marked «…» in the snippet.

        Example: gongbao search 拒载 --in-force --db kb.db
        """
        from gongbao.query.search import search

        day = _date(as_of)
        hits = search(_open(db), query, as_of=day, kind=kind, issuer=issuer, in_force=in_force, limit=limit)
        if format is Format.json:
            _emit(
                {
                    "schema": "gongbao.search/1",
                    "query": query,
                    "as_of": (day or date.today()).isoformat(),
                    "hits": [h.to_json() for h in hits],
                }
            )
            return
        for h in hits:
            where = h.citation or h.eid
            state = "" if h.state == "in_force" else f"  [{h.state}]"
            typer.echo(f"{h.document} {where}  ({h.eid}){state}\n    {h.snippet}")
        if not hits:
            typer.echo("no hits")

    @app.command("status")
    def status_cmd(
        ref: Annotated[str, typer.Argument(help="文号 (聊政办字〔2024〕17号) or title")],
        as_of: Annotated[str | None, typer.Option("--as-of", help=AS_OF_HELP)] = None,
        db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
        format: Annotated[Format, typer.Option("--format", "-f", help="text or json (gongbao.status/1)")] = Format.text,
    ) -> None:
        """Status of a document on a date: not yet in force, in force, amended, expired, repealed (by whom, since when).

        Works for documents only referenced by stored ones (e.g. a repealed regulation).

        Example: gongbao status 聊城市人民政府令第34号 --as-of 2025-01-01 --db kb.db
        """
        from gongbao.query.status import status

        st = status(_open(db), ref, _date(as_of))
        if format is Format.json:
            _emit({"schema": "gongbao.status/1", **st.to_json()})
            return
        name = st.document or ref
        typer.echo(f"{name} as of {st.as_of.isoformat()}: {st.describe()}")
        if st.title and st.title != name:
            typer.echo(f"  title: {st.title}")
        for c in st.pending:
            typer.echo(f"  later: {c.kind} by {c.by} from {c.since.isoformat() if c.since else '?'}")

    @app.command("docs")
    def docs_cmd(
        as_of: Annotated[
            str | None, typer.Option("--as-of", help="Status date; drops documents published later. " + AS_OF_HELP)
        ] = None,
        in_force: Annotated[bool, typer.Option("--in-force", help="Only documents in force on the as-of date")] = False,
        kind: Annotated[
            str | None, typer.Option("--kind", help="Document kind or kind of the instrument issued")
        ] = None,
        db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
        format: Annotated[Format, typer.Option("--format", "-f", help="text or json (gongbao.docs/1)")] = Format.text,
    ) -> None:
        """List stored documents with their status on a date.

        Example: gongbao docs --in-force --as-of 2025-03-01 --db kb.db
        """
        from gongbao.query.docs import list_documents

        day = _date(as_of)
        rows = list_documents(_open(db), as_of=day, in_force=in_force, kind=kind)
        if format is Format.json:
            _emit(
                {
                    "schema": "gongbao.docs/1",
                    "as_of": (day or date.today()).isoformat(),
                    "documents": [r.to_json() for r in rows],
                }
            )
            return
        for r in rows:
            signed = r.signed_date.isoformat() if r.signed_date else "----------"
            typer.echo(f"{signed}  {r.status.state:<16} {r.kind:<6} {r.ref}")

    @app.command("links")
    def links_cmd(
        ref: Annotated[str, typer.Argument(help="文号 or title")],
        db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
        format: Annotated[Format, typer.Option("--format", "-f", help="text or json (gongbao.links/1)")] = Format.text,
    ) -> None:
        """What a document amends, repeals, is based on and cites, and what refers to it.

        Example: gongbao links 聊城市人民政府令第48号 --db kb.db
        """
        from gongbao.query.links import links

        ln = links(_open(db), ref)
        if format is Format.json:
            _emit({"schema": "gongbao.links/1", **ln.to_json()})
            return
        typer.echo(ln.ref + ("" if ln.stored else "  (not stored)"))
        for x in ln.outgoing:
            mark = "" if x.resolved else "  (not stored)"
            typer.echo(f"  -> {x.kind} {x.other}{mark}")
        for x in ln.incoming:
            typer.echo(f"  <- {x.kind} by {x.other}" + (f" since {x.since}" if x.since else ""))
