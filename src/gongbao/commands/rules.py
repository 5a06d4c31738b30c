"""CLI commands of the rules area: ``gongbao rules extract``, ``alert``, ``deadline``, ``obligations``."""

from __future__ import annotations

import json
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class OutFormat(StrEnum):
    text = "text"
    json = "json"


class RuleFormat(StrEnum):
    json = "json"
    toml = "toml"
    yaml = "yaml"


def _dump(obj: object) -> None:
    typer.echo(json.dumps(obj, ensure_ascii=False, indent=1))


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main app."""

    rules_app = typer.Typer(help="Rule-sets read from a plan's text (重污染天气应急预案).", no_args_is_help=True)
    app.add_typer(rules_app, name="rules")

    @rules_app.command("extract")
    def rules_extract_cmd(
        source: Annotated[
            Path, typer.Argument(help="a gazette or single document holding the plan (.txt, .pdf, .docx or .html)")
        ],
        doc: Annotated[
            str | None, typer.Option("--doc", help="the plan's 文号 or title when the file holds several")
        ] = None,
        format: Annotated[RuleFormat, typer.Option("--format", "-f", help="json, toml or yaml")] = RuleFormat.json,
        output: Annotated[
            Path | None, typer.Option("--output", "-o", help="write to this file instead of stdout")
        ] = None,
    ) -> None:
        """Read a 重污染天气应急预案 into a rule-set (schema gongbao.ruleset/1, docs/rules.md): levels and
        their conditions, notice, approvers, lift/merge rules, school and other measures, reductions; every
        value with its node id and quote; what cannot be read is listed under ``unresolved``.

        Example: gongbao rules extract samples/liaocheng-2024-11-12.txt --format toml
        """
        from gongbao.rules.plans import ruleset_from_plan_file
        from gongbao.rules.ruleset import dump_ruleset

        rs = ruleset_from_plan_file(source, doc)
        text = dump_ruleset(rs, format.value)
        if output is not None:
            output.write_text(text, encoding="utf-8")
            typer.echo(f"{output}: {len(rs.levels)} levels, {len(rs.unresolved)} unresolved")
            return
        typer.echo(text, nl=False)

    @app.command("alert")
    def alert_cmd(
        series: Annotated[Path, typer.Argument(help="CSV with 'time' and 'aqi24', or hourly pm25/pm10/so2/no2/co/o3")],
        format: Annotated[
            OutFormat, typer.Option("--format", "-f", help="text or json (gongbao.alert/1)")
        ] = OutFormat.text,
        plot: Annotated[
            Path | None, typer.Option("--plot", help="write a picture of aqi24 and the warnings (.svg/.png)")
        ] = None,
        db: Annotated[
            str | None,
            typer.Option("--db", help="store URL: the plan in force there on each date (or --doc), and staleness"),
        ] = None,
        doc: Annotated[
            str | None, typer.Option("--doc", help="the plan's 文号 or title (in --plan FILE or in the store)")
        ] = None,
        now: Annotated[
            str | None, typer.Option("--now", help="when the forecast is made (default: the first hour)")
        ] = None,
        source: Annotated[
            Path | None,
            typer.Option(
                "--plan", help="the plan: a gazette/document holding it, or a rule-set file (.json/.toml/.yaml)"
            ),
        ] = None,
        calendar: Annotated[Path | None, typer.Option("--calendar", help="calendar override file (JSON/TOML)")] = None,
        horizon: Annotated[
            int | None, typer.Option("--horizon", help="hours the forecast sees ahead (default: the whole series)")
        ] = None,
        assume_lift: Annotated[
            int | None,
            typer.Option(
                "--assume-lift",
                help="only for a plan whose lift rule cannot be read: lift after N h at or below the start threshold (said in the output)",
            ),
        ] = None,
    ) -> None:
        """Run a heavy-pollution plan's warning rules over an hourly series.

        The rules come from --plan (a plan's text, read into a rule-set, or a rule-set file), from the
        store (--db: the plan in force on the series' dates, or --doc), else from the bundled rule-set of
        聊政办字〔2024〕18号 (said in the output). A plan that cannot be found, or one whose unresolved
        values the series needs, is exit 2.

        Example: gongbao alert tests/data/rules/episode_red.csv --plan samples/liaocheng-2024-11-12.txt --format json
        """
        from gongbao.errors import InputError
        from gongbao.rules.calendar import default_calendar
        from gongbao.rules.plans import alert_with_plans

        try:
            start = datetime.fromisoformat(now) if now else None
        except ValueError as e:
            raise InputError(f"cannot read --now {now!r}") from e
        result = alert_with_plans(
            series,
            plan=source,
            doc=doc,
            db=db,
            now=start,
            calendar=default_calendar(calendar),
            horizon_hours=horizon,
            assume_lift_hours=assume_lift,
        )
        if plot is not None:
            from gongbao.rules.plot import plot_alert

            plot_alert(result, plot)
        if format is OutFormat.json:
            _dump(result.to_json())
            return
        from gongbao.rules.report import alert_text

        typer.echo(alert_text(result))

    @app.command("deadline")
    def deadline_cmd(
        start: Annotated[str, typer.Option("--from", help="start date (YYYY-MM-DD) or time (YYYY-MM-DDTHH:MM)")],
        limit: Annotated[
            str, typer.Option("--limit", help="time limit as printed: 5个工作日, 十五日, 30日, 2个月, 提前四十八小时")
        ],
        before: Annotated[bool, typer.Option("--before", help="count backwards (提前N日 / N日前)")] = False,
        calendar: Annotated[
            list[Path] | None,
            typer.Option(
                "--calendar",
                help="for years the calendar lacks: a JSON/TOML file, or texts (gazette issues) printing the "
                "国务院办公厅 holiday notices (repeatable: a year's notice and a later one changing it)",
            ),
        ] = None,
        db: Annotated[
            str | None, typer.Option("--db", help="store URL: the holiday notices of the issues stored there")
        ] = None,
        format: Annotated[
            OutFormat, typer.Option("--format", "-f", help="text or json (gongbao.deadline/1)")
        ] = OutFormat.text,
    ) -> None:
        """When a statutory time limit ends, on China's official calendar (working days, 调休, 民法典第二百零三条).

        Example: gongbao deadline --from 2025-01-24 --limit 5个工作日
        """
        from gongbao.rules.calendar import default_calendar
        from gongbao.rules.deadline import compute_deadline

        d = compute_deadline(start, limit, before=before, calendar=default_calendar(calendar, db=db))
        for w in d.warnings:
            typer.echo(f"warning: {w}", err=True)
        if format is OutFormat.json:
            _dump(d.to_json())
            return
        extra = f" (moved from {d.moved_from.isoformat()}: rest day)" if d.moved_from else ""
        note = f" [{d.note}]" if d.note and not d.moved_from else ""
        typer.echo(f"{d.end.isoformat()}{extra}{note}")
        for year, src in d.calendars:
            if src.startswith("notice "):
                typer.echo(f"  {year}: by the {src}")

    @app.command("obligations")
    def obligations_cmd(
        source: Annotated[Path, typer.Argument(help="a gazette or single document (.txt, .pdf, .docx or .html)")],
        doc: Annotated[
            list[str] | None, typer.Option("--doc", help="only this document (文号 or title); repeatable")
        ] = None,
        actor: Annotated[
            str | None, typer.Option("--actor", help="only limits on this actor (substring match)")
        ] = None,
        format: Annotated[
            OutFormat, typer.Option("--format", "-f", help="text or json (gongbao.obligations/1)")
        ] = OutFormat.text,
    ) -> None:
        """List the time limits provisions set: N日内, N个工作日前, 提前N小时, 每N个月不得少于一次, with trigger, actor and node id.

        Example: gongbao obligations samples/liaocheng-2024-11-12.txt --actor 燃气经营企业 --format json
        """
        from gongbao.errors import InputError
        from gongbao.pipeline import parse_path
        from gongbao.rules.obligations import SCHEMA_OBLIGATIONS, extract_from_issue

        issue = parse_path(source)
        if doc:
            missing = [r for r in doc if issue.find(r) is None]
            if missing:
                raise InputError(f"no document {', '.join(missing)} in this file", path=str(source))
        limits = extract_from_issue(issue, doc)
        if actor:
            limits = [t for t in limits if t.actor and actor in t.actor]
        if format is OutFormat.json:
            _dump({"schema": SCHEMA_OBLIGATIONS, "source": str(source), "limits": [t.to_json() for t in limits]})
            return
        for t in limits:
            parts = [f"{t.document} {t.eid}: {t.summary()}", f"trigger={t.trigger or '-'}", f"actor={t.actor or '-'}"]
            if t.action:
                parts.append(f"action={t.action}")
            typer.echo(" | ".join(parts))
        if not limits:
            typer.echo("no time limits found")
