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


def _reader(db: str | None):
    """The store for a read-only question: an SQLite file through ``sqlite3`` (no SQLAlchemy import)."""
    from gongbao.query.reader import open_reader

    return open_reader(db)


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main app."""

    @app.command("ingest")
    def ingest_cmd(
        files: Annotated[
            list[Path], typer.Argument(help="Gazette files (.txt, .pdf, .docx or .html) or directories of them")
        ],
        db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
        workers: Annotated[
            int, typer.Option("--workers", "-j", help="parse and store in N processes (or N local Dask workers)")
        ] = 1,
        engine: Annotated[
            str, typer.Option("--engine", help="local (processes on this machine) or dask (a Dask cluster)")
        ] = "local",
        scheduler: Annotated[
            str | None,
            typer.Option("--scheduler", help="Dask scheduler address (tcp://host:8786); default: a local cluster"),
        ] = None,
        progress: Annotated[
            bool | None,
            typer.Option("--progress/--no-progress", help="progress bar (default: when stderr is a terminal)"),
        ] = None,
        format: Annotated[Format, typer.Option("--format", "-f", help="text or json (gongbao.ingest/1)")] = Format.text,
        force: Annotated[
            bool, typer.Option("--force", help="store a text even when it does not read as an official document")
        ] = False,
    ) -> None:
        """Parse gazettes and store them, one transaction per file; a file already stored is skipped.

        A file that fails leaves the store as it was; the others are still stored and the command
        exits with code 2 after listing the failures. With -j N the files are parsed and stored
        by N processes (PostgreSQL: N concurrent writers); --engine dask runs them on a cluster.

        Example: gongbao ingest samples/liaocheng-2024-11-12.txt --db kb.db   (or: gongbao ingest gazettes/ -j 2)
        """
        import sys

        from gongbao.batch import expand_sources, ingest_many

        if workers < 1:
            raise InputError("--workers must be at least 1")
        files = expand_sources(files)
        show = sys.stderr.isatty() if progress is None else progress
        bar = None
        if show:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            bar = Progress(
                TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                TextColumn("{task.fields[last]}"), console=Console(stderr=True), transient=True,
            )  # fmt: skip
            task = bar.add_task("ingest", total=len(files), last="")
            bar.start()

        def tick(res) -> None:
            if bar is not None:
                bar.update(task, advance=1, last=Path(res.path).name)

        try:
            rep = ingest_many(
                files, db, workers=workers, engine=engine, scheduler=scheduler, on_result=tick, force=force
            )
        finally:
            if bar is not None:
                bar.stop()
        if len(files) == 1 and rep.failures and format is Format.text:
            # one file: its one line (the file and what is wrong), exit 2 — no batch summary
            raise InputError(rep.failures[0].error or "not stored", path=rep.failures[0].path)
        if format is Format.json:
            _emit(
                {
                    "schema": "gongbao.ingest/1",
                    "files": [f.ingest for f in rep.files if f.ok and f.ingest],
                    "consolidated": [c.to_json() for f in rep.files for c in f.consolidated],
                    "failures": [{"path": f.path, "error": f.error} for f in rep.failures],
                    "summary": rep.summary(),
                }
            )
        else:
            for f in rep.files:
                if not f.ok:
                    typer.echo(f"{f.path}: FAILED: {f.error}", err=True)
                    continue
                info = f.ingest or {}
                what = (
                    f"stored {f.documents} documents, {f.nodes} nodes, {f.relations} relations ({f.resolved} resolved)"
                    + (f"; {info['same']} already stored from another source" if info.get("same") else "")
                    + (f"; {info['replaced']} corrected texts replace the stored ones" if info.get("replaced") else "")
                    + (
                        f"; {info['kept']} other texts of stored versions kept as their history (the stored text wins:"
                        " an earlier issue, or a damaged copy)"
                        if info.get("kept")
                        else ""
                    )
                    if f.created
                    else "already stored, unchanged" + (f" ({f.resolved} relations completed)" if f.resolved else "")
                )
                typer.echo(f"{f.path}: {what}")
                for c in f.consolidated:
                    typer.echo(f"  {c.work}: {c.note} (by {c.made_by}, from {c.valid_from or '?'})")
            s = rep.summary()
            if len(files) > 1:
                typer.echo(
                    f"{s['files']} files: {s['stored']} stored, {s['unchanged']} unchanged, {s['failed']} failed; "
                    f"{s['documents']} documents, {s['nodes']} nodes in {s['seconds']:.1f} s "
                    f"({s['files_per_s']} files/s, {workers} {engine} workers)",
                    err=True,
                )
        if rep.failures:
            raise StoreError(f"{len(rep.failures)} of {len(files)} files not stored (the store is unchanged for them)")

    @app.command("check")
    def check_cmd(
        db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
        repair: Annotated[
            bool, typer.Option("--repair", help="Resolve relations and recompute consolidated versions, then check")
        ] = False,
        format: Annotated[Format, typer.Option("--format", "-f", help="text or json (gongbao.check/1)")] = Format.text,
    ) -> None:
        """Verify the store: coverage of every source, duplicates, nodes, index, relations, versions.

        Each problem names the work and the fix. Exits with code 2 when a problem is found;
        references to works not in the store (external) and decisions the engine cannot apply
        (unconsolidated) are listed, not errors.

        Example: gongbao check --db kb.db   (gongbao check --repair --db kb.db to fix what can be recomputed)
        """
        from gongbao.store.check import check_store, repair_store

        engine = _open(db)
        repaired = repair_store(engine) if repair else None
        rep = check_store(engine)
        if format is Format.json:
            _emit({"schema": "gongbao.check/1", **rep.to_json(), **({"repaired": repaired} if repaired else {})})
        else:
            if repaired is not None:
                typer.echo(
                    f"repaired: {repaired['resolved']} relations resolved,"
                    f" {repaired['works']} amended works recomputed ({repaired['consolidated']} consolidated versions)"
                    + (
                        f", task ledger extracted again from {repaired['ledger_documents']} documents"
                        if repaired.get("ledger_documents")
                        else ""
                    )
                )
            typer.echo(" ".join(f"{k}={v}" for k, v in rep.counts.items()))
            for d in rep.dangling:
                typer.echo(
                    f"external: {d['source']} {d['kind']} {d['target_doc_number'] or ''} {d['target_title'] or ''}"
                )
            for u in rep.unconsolidated:
                typer.echo(f"unconsolidated: {u['work']} by {u['decision']}: {u['reason']}")
            for p in rep.problems:
                typer.echo(f"problem: {p}")
            typer.echo("ok" if rep.ok else f"{len(rep.problems)} problems")
        if not rep.ok:
            raise StoreError(f"store check failed ({len(rep.problems)} problems): {rep.problems[0]}")

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
        limit: Annotated[int, typer.Option("--limit", "-n", help="Most hits to show (a page)")] = 20,
        page: Annotated[int, typer.Option("--page", "-p", help="Page of --limit hits to show (1: the first)")] = 1,
        db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
        format: Annotated[Format, typer.Option("--format", "-f", help="text or json (gongbao.search/1)")] = Format.text,
    ) -> None:
        """Search the store to the article: each hit names the document, node id, citation and version.

        Hits in force come first, then by BM25. The match is marked «…» in the snippet. A work
        stored in several versions (a republished text) is searched in the version valid on the
        as-of date, the one `gongbao show --as-of` shows; each hit says which (version of its
        start date). Full-width letters, digits and marks match their ASCII forms, and a 文号's
        year matches in any brackets (〔2024〕, [2024], 【2024】, （2024）).

        Example: gongbao search 拒载 --in-force --db kb.db
        """
        from gongbao.query.search import open_reader, search

        day = _date(as_of)
        if page < 1:
            raise InputError("--page must be 1 or more")
        hits = search(
            open_reader(db),
            query,
            as_of=day,
            kind=kind,
            issuer=issuer,
            in_force=in_force,
            limit=limit,
            offset=(page - 1) * max(limit, 0),
        )
        if format is Format.json:
            _emit(
                {
                    "schema": "gongbao.search/1",
                    "query": query,
                    "as_of": (day or date.today()).isoformat(),
                    "page": page,
                    "per_page": limit,
                    "hits": [h.to_json() for h in hits],
                }
            )
            return
        for h in hits:
            where = h.citation or h.eid
            version = f"  version of {h.valid_from.isoformat()}" if h.valid_from else ""
            state = "" if h.state == "in_force" else f"  [{h.state}]"
            typer.echo(f"{h.document} {where}  ({h.eid}){version}{state}\n    {h.snippet}")
            if h.superseded:
                typer.echo(
                    f"    (superseded: since {h.superseded['since']} the text in force is consolidated by "
                    f"{h.superseded['by']}, printed in no stored document; gongbao show {h.document} "
                    f"--as-of {(day or date.today()).isoformat()})"
                )
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

        st = status(_reader(db), ref, _date(as_of))
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
        rows = list_documents(_reader(db), as_of=day, in_force=in_force, kind=kind)
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
            day_shown = r.signed_date or r.valid_from  # signed, else in force from (a regulation's history)
            signed = day_shown.isoformat() if day_shown else "----------"
            typer.echo(f"{signed}  {r.status.state:<16} {r.kind:<6} {r.ref}")

    @app.command("effects")
    def effects_cmd(
        ref: Annotated[str, typer.Argument(help="文号 or title of an amending or repealing decision")],
        db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
        format: Annotated[
            Format, typer.Option("--format", "-f", help="text or json (gongbao.effects/1)")
        ] = Format.text,
    ) -> None:
        """What a stored decision changed: each instruction's target, checked against the text it made.

        One line per operation, in the numbering of the text before the decision (第十四条第一款 ->
        第十五条第一款 when it renumbers): match (the stored text after the decision says what the
        instruction writes), differs (it does not: the difference quoted), unverifiable (nothing
        written to compare, or no text of the work stored). Works repealed are listed as such.

        Example: gongbao effects 聊城市人民政府令第48号 --db kb.db
        """
        from gongbao.grammar.lines import printed_width
        from gongbao.query.effects import effects

        ef = effects(_open(db), ref)
        if format is Format.json:
            _emit({"schema": "gongbao.effects/1", **ef.to_json()})
            return
        d = ef.decision
        typer.echo(f"{d.ref}  {d.title}" + (f"  (in force from {ef.effective})" if ef.effective else ""))
        by_work: dict[str | None, list[Any]] = {}
        for e in ef.effects:
            by_work.setdefault(e.work, []).append(e)
        known = {w.work for w in ef.works}
        for w in ef.works:
            head = w.work + (f" ({w.doc_number})" if w.doc_number else "")
            rows = by_work.get(w.work, [])
            if rows and all(e.action == "repeal_regulation" for e in rows):
                state = "repealed" + ("" if w.stored else "; no text of it stored")
            elif w.applied:
                state = f"applied: {w.origin} version {w.version_id}"
            elif w.stored:
                state = "not applied: no version made by this decision is stored (gongbao check says why)"
            else:
                state = "no text of it stored: the instructions are read, not checked"
            typer.echo(f"\n{head}: {state}")
            for e in rows:
                if e.action == "repeal_regulation":
                    continue
                target = e.target + (f" -> {e.new_target}" if e.new_target else "")
                pad = " " * max(1, 28 - int(printed_width(target) * 2))  # printed columns: a CJK character is two
                n = f"{e.n}." if e.n is not None else "-"
                typer.echo(f"  {n:>4} {e.action:<15} {target}{pad}{e.verdict}" + (f": {e.note}" if e.note else ""))
        rest = [e for w, rows in by_work.items() if w not in known for e in rows]
        if rest:
            typer.echo("\nother instructions:")
            for e in rest:
                typer.echo(f"  {e.n or '-'} {e.action} {e.target} {e.verdict}" + (f": {e.note}" if e.note else ""))
        if ef.general_clause:
            typer.echo(f"\ncatch-all clause: {ef.general_clause}")
        counts = ef.counts()
        typer.echo("\n" + ", ".join(f"{v} {k}" for k, v in sorted(counts.items())))

    @app.command("links")
    def links_cmd(
        ref: Annotated[str, typer.Argument(help="文号 or title")],
        db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
        format: Annotated[Format, typer.Option("--format", "-f", help="text or json (gongbao.links/1)")] = Format.text,
        article: Annotated[
            str | None,
            typer.Option(
                "--article", help="only the documents citing this provision of REF (第三十二条, 第32条第一款)"
            ),
        ] = None,
    ) -> None:
        """What a document amends, repeals, is based on and cites, and what refers to it.

        Example: gongbao links 聊城市人民政府令第48号 --db kb.db
        Who cites a provision: gongbao links 中华人民共和国行政处罚法 --article 第三十二条 --db kb.db
        """
        from gongbao.query.links import links

        ln = links(_reader(db), ref, article)
        if format is Format.json:
            _emit({"schema": "gongbao.links/1", **ln.to_json()})
            return
        typer.echo(ln.ref + (f" {ln.article}" if ln.article else "") + ("" if ln.stored else "  (not stored)"))
        if ln.article and not ln.incoming:
            typer.echo(f"  no stored document cites {ln.article} of it")
        for x in ln.outgoing:
            mark = "" if x.resolved else "  (not stored)"
            # a document not stored is named by its title, with the 文号 the reference prints beside it
            # (全民所有制小型工业企业租赁经营暂行条例（中华人民共和国国务院令第2号）), never by the number alone
            other = x.other
            if not x.resolved and x.other_title and x.other_title != x.other:
                other = f"{x.other_title}（{x.other}）"
            typer.echo(f"  -> {x.kind} {other}" + (f" ({x.scope})" if x.scope else "") + mark)
        for x in ln.incoming:
            typer.echo(
                f"  <- {x.kind} by {x.other}"
                + (f" ({x.scope})" if x.scope else "")
                + (f" at {x.source_eid}" if x.source_eid else "")
                + (f" since {x.since}" if x.since else "")
            )
