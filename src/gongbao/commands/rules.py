"""CLI commands of the rules area: ``gongbao alert``, ``gongbao deadline``, ``gongbao obligations``."""

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


def _dump(obj: object) -> None:
    typer.echo(json.dumps(obj, ensure_ascii=False, indent=1))


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main app."""

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
            str | None, typer.Option("--db", help="store URL: check whether the plan was repealed/replaced")
        ] = None,
        now: Annotated[
            str | None, typer.Option("--now", help="when the forecast is made (default: the first hour)")
        ] = None,
        source: Annotated[
            Path | None, typer.Option("--plan", help="a parsed gazette holding the plan: read node ids from it")
        ] = None,
        calendar: Annotated[Path | None, typer.Option("--calendar", help="calendar override file (JSON/TOML)")] = None,
        horizon: Annotated[
            int | None, typer.Option("--horizon", help="hours the forecast sees ahead (default: the whole series)")
        ] = None,
    ) -> None:
        """Run the heavy-pollution warning rules (聊政办字〔2024〕18号, sections 三 and 四) over an hourly series.

        Example: gongbao alert tests/data/rules/episode_red.csv --format json --plot alert.svg
        """
        from gongbao.errors import InputError
        from gongbao.rules.calendar import default_calendar
        from gongbao.rules.pollution import PlanProvisions, StoreLookup, evaluate

        provisions = None
        if source is not None:
            from gongbao.pipeline import parse_path

            provisions = PlanProvisions.from_issue(parse_path(source))
        try:
            start = datetime.fromisoformat(now) if now else None
        except ValueError as e:
            raise InputError(f"cannot read --now {now!r}") from e
        lookup = StoreLookup(db) if db else None
        result = evaluate(
            series,
            now=start,
            provisions=provisions,
            calendar=default_calendar(calendar),
            lookup=lookup,
            horizon_hours=horizon,
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
            Path | None, typer.Option("--calendar", help="override file for years the calendar lacks")
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

        d = compute_deadline(start, limit, before=before, calendar=default_calendar(calendar))
        if format is OutFormat.json:
            _dump(d.to_json())
            return
        extra = f" (moved from {d.moved_from.isoformat()}: rest day)" if d.moved_from else ""
        note = f" [{d.note}]" if d.note and not d.moved_from else ""
        typer.echo(f"{d.end.isoformat()}{extra}{note}")

    @app.command("obligations")
    def obligations_cmd(
        source: Annotated[Path, typer.Argument(help="a gazette or single document (.txt or .pdf)")],
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
            what = f"{t.n}次/每{t.period}{t.unit}" if t.direction == "frequency" else f"{t.direction} {t.n}{t.unit}"
            parts = [f"{t.document} {t.eid}: {what}", f"trigger={t.trigger or '-'}", f"actor={t.actor or '-'}"]
            if t.action:
                parts.append(f"action={t.action}")
            typer.echo(" | ".join(parts))
        if not limits:
            typer.echo("no time limits found")
