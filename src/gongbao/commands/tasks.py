"""CLI commands of the tasks area (issue #7): ``tasks``, ``targets``, ``units``, ``people``, ``events``.

Each reads a gazette file (parsed with no database) or, with ``--db``, the store. Output
is ``--format text`` (default), ``json`` (one object with a ``schema`` field) or ``csv``
(UTF-8 with BOM and CRLF line ends, so spreadsheets open it cleanly).
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from gongbao.errors import InputError

DB_HELP = "Read the store instead of a file: SQLite path or postgresql://… URL (default $GONGBAO_DB when no SOURCE)"
SOURCE_HELP = "A gazette file (.txt, .pdf, .docx or .html); omit it with --db"


class Format(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"


class Role(StrEnum):
    lead = "lead"
    cooperating = "cooperating"
    responsible = "responsible"


def _date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{option}: not a date (YYYY-MM-DD): {value!r}") from None


def _engine(source: Path | None, db: str | None) -> Any:
    """The store to read (``None``: read ``source``): ``--db``, else ``$GONGBAO_DB`` when no file is given."""
    if source is not None and db is not None:
        raise InputError("give either SOURCE or --db, not both")
    if source is None and db is None:
        db = os.environ.get("GONGBAO_DB")
        if not db:
            raise InputError("give a gazette file (SOURCE) or --db URL (or set $GONGBAO_DB)")
    if source is not None:
        return None
    from gongbao.store import open_store

    return open_store(db, create=False)


def _ledger(source: Path | None, db: str | None) -> Any:
    """The task ledger of the file (extracted now) or of the store (the rows stored at ingest)."""
    engine = _engine(source, db)
    if engine is None:
        from gongbao.pipeline import parse_path
        from gongbao.query.ledger import build_ledger

        assert source is not None
        return build_ledger(parse_path(source).documents)
    from gongbao.query.ledger import StoredLedger

    return StoredLedger.open(engine)


def _write(fmt: Format, text: str, obj: dict[str, Any], csv_text: str) -> None:
    if fmt is Format.json:
        typer.echo(json.dumps(obj, ensure_ascii=False, indent=1))
    elif fmt is Format.csv:
        # Bytes, so the BOM and CRLF reach the file unchanged on every platform.
        sys.stdout.flush()
        sys.stdout.buffer.write(csv_text.encode("utf-8"))
        sys.stdout.buffer.flush()
    else:
        typer.echo(text)


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main app."""

    @app.command("tasks")
    def tasks_cmd(
        source: Annotated[Path | None, typer.Argument(help=SOURCE_HELP)] = None,
        db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
        unit: Annotated[
            str | None, typer.Option("--unit", "-u", help="A unit, any alias (市发改委, 市发展和改革委员会)")
        ] = None,
        role: Annotated[
            Role | None, typer.Option("--role", "-r", help="lead (牵头), cooperating (配合) or responsible (责任)")
        ] = None,
        due_before: Annotated[
            str | None, typer.Option("--due-before", help="Tasks with a deadline on or before YYYY-MM-DD")
        ] = None,
        doc: Annotated[
            str | None, typer.Option("--doc", help="One document: 文号 (any bracket style) or part of its title")
        ] = None,
        fmt: Annotated[
            Format, typer.Option("--format", "-f", help="text, json (gongbao.tasks/1) or csv")
        ] = Format.text,
    ) -> None:
        """The task ledger: one row per unit clause (牵头单位/配合单位/责任单位) of every plan.

        Example: gongbao tasks samples/liaocheng-2024-11-12.txt --unit 市发改委 --role lead --format csv > tasks.csv
        """
        from gongbao.query.ledger import filter_tasks, tasks_csv, tasks_json, tasks_text

        due = _date(due_before, "--due-before")  # a bad option fails before the ledger warns
        ledger = _ledger(source, db)
        for w in ledger.warnings:
            typer.echo(f"warning: {w}", err=True)
        tasks = filter_tasks(
            ledger,
            unit=unit,
            role=role.value if role else None,
            due_before=due,
            doc=doc,
        )
        _write(fmt, tasks_text(tasks), tasks_json(tasks), tasks_csv(tasks))

    @app.command("targets")
    def targets_cmd(
        source: Annotated[Path | None, typer.Argument(help=SOURCE_HELP)] = None,
        db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
        due_before: Annotated[
            str | None, typer.Option("--due-before", help="Targets due on or before YYYY-MM-DD")
        ] = None,
        unit: Annotated[str | None, typer.Option("--unit", "-u", help="Only tasks this unit takes part in")] = None,
        doc: Annotated[str | None, typer.Option("--doc", help="One document: 文号 or part of its title")] = None,
        goals: Annotated[
            bool, typer.Option("--goals", help="Also dated targets printed outside tasks (工作目标, 总体要求)")
        ] = False,
        fmt: Annotated[
            Format, typer.Option("--format", "-f", help="text, json (gongbao.targets/1) or csv")
        ] = Format.text,
    ) -> None:
        """Quantitative targets inside tasks: metric, value, unit, comparison, deadline.

        Example: gongbao targets samples/liaocheng-2024-11-12.txt --due-before 2025-12-31
        """
        from gongbao.query.ledger import select_targets, targets_csv, targets_json, targets_text

        pairs = select_targets(
            _ledger(source, db), due_before=_date(due_before, "--due-before"), unit=unit, goals=goals, doc=doc
        )
        _write(fmt, targets_text(pairs), targets_json(pairs), targets_csv(pairs))

    @app.command("units")
    def units_cmd(
        source: Annotated[Path | None, typer.Argument(help=SOURCE_HELP)] = None,
        db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
        fmt: Annotated[
            Format, typer.Option("--format", "-f", help="text, json (gongbao.units/1) or csv")
        ] = Format.text,
    ) -> None:
        """Units named in task clauses, with their aliases and task counts by role.

        Example: gongbao units samples/liaocheng-2024-11-12.txt --format json
        """
        from gongbao.query.ledger import unit_counts, units_csv, units_json, units_text

        counts = unit_counts(_ledger(source, db))
        _write(fmt, units_text(counts), units_json(counts), units_csv(counts))

    @app.command("events")
    def events_cmd(
        source: Annotated[Path | None, typer.Argument(help=SOURCE_HELP)] = None,
        db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
        since: Annotated[str | None, typer.Option("--from", help="Events on or after YYYY-MM-DD")] = None,
        until: Annotated[str | None, typer.Option("--to", help="Events on or before YYYY-MM-DD")] = None,
        words: Annotated[str | None, typer.Option("--text", "-t", help="Words the event's text holds")] = None,
        fmt: Annotated[
            Format, typer.Option("--format", "-f", help="text, json (gongbao.events/1) or csv")
        ] = Format.text,
    ) -> None:
        """Chronicle events (大事记): what a government did on which day, from the gazettes' chronicles.

        A range (14日至16日) shows its last day; 同日 / △ marks another event of the day before.

        Example: gongbao events --db kb.db --from 2020-06-01 --to 2020-06-30 --text 省长
        """
        from gongbao.query.events import (
            events_csv,
            events_json,
            events_text,
            find_events,
            rows_from_store,
            rows_of_issue,
        )

        day_from, day_to = _date(since, "--from"), _date(until, "--to")
        engine = _engine(source, db)
        if engine is None:
            from gongbao.pipeline import parse_path

            assert source is not None
            rows = rows_of_issue(parse_path(source))
        else:
            rows = rows_from_store(engine)
        rows = find_events(rows, since=day_from, until=day_to, words=words)
        _write(fmt, events_text(rows), events_json(rows), events_csv(rows))

    @app.command("people")
    def people_cmd(
        source: Annotated[Path | None, typer.Argument(help=SOURCE_HELP)] = None,
        db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
        post: Annotated[str | None, typer.Option("--post", "-p", help="A post or part of it (市发改委副主任)")] = None,
        person: Annotated[str | None, typer.Option("--person", "-n", help="A person's name")] = None,
        as_of: Annotated[str | None, typer.Option("--as-of", help="Show who holds each post on YYYY-MM-DD")] = None,
        fmt: Annotated[
            Format, typer.Option("--format", "-f", help="text, json (gongbao.people/1) or csv")
        ] = Format.text,
    ) -> None:
        """Post holders from appointment notices: who was appointed to or removed from which post, when.

        Probation periods (试用期一年) end the day before the same date a year later; a lapsed
        post (职务自然免除) ends like a removal.

        Example: gongbao people samples/liaocheng-2024-11-12.txt --post 市发展和改革委员会 --as-of 2024-12-31
        """
        from gongbao.query.people import find_people, people_csv, people_json, people_text, post_ledger

        engine = _engine(source, db)
        if engine is None:
            from gongbao.pipeline import parse_path

            assert source is not None
            issue = parse_path(source)
            records = post_ledger(issue.appointments, issue.documents)
        else:
            from gongbao.query.people import appointments_from_store

            # stored records are dated by their notice already (appointments_from_store)
            records = post_ledger(appointments_from_store(engine))
        day = _date(as_of, "--as-of")
        records, holders = find_people(records, post=post, person=person, as_of=day)
        _write(
            fmt, people_text(records, holders, day), people_json(records, holders, day), people_csv(records, holders)
        )
