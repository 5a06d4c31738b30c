"""Where an alert's rules come from: a plan file, a rule-set file, the store, or the bundled plan.

``ruleset_from_plan_file`` reads a plan's text (any gazette or single document ``parse_path``
reads) or a rule-set file. ``alert_with_plans`` runs the engine with the rules chosen the way
``gongbao alert`` documents: ``--plan`` first, then the store (the plan in force on each date of
the series, or ``--doc``), else the bundled 聊政办字〔2024〕18号 rule-set, named in the result.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from gongbao.errors import InputError
from gongbao.model import Document
from gongbao.rules.calendar import OfficialCalendar
from gongbao.rules.pollution import AlertResult, StoreLookup, evaluate, read_series_checked
from gongbao.rules.ruleset import RuleSet, load_ruleset, looks_like_ruleset

__all__ = ["alert_with_plans", "ruleset_from_plan_file"]


def ruleset_from_plan_file(path: str | Path, doc: str | None = None) -> RuleSet:
    """The rule-set of the plan in ``path`` (a rule-set file is read as is). ``InputError`` if none."""
    p = Path(path)
    if looks_like_ruleset(p):
        return load_ruleset(p)
    from gongbao.pipeline import parse_path
    from gongbao.rules.extract import extract_ruleset, find_plan

    issue = parse_path(p)
    plan = find_plan(issue, doc)
    rs = extract_ruleset(plan, source=str(p))
    if not rs.levels and doc is None and len(issue.documents) > 1:
        # The segmenter may have cut one plan into several documents: read them together.
        whole = _joined(issue.documents, plan)
        joined = extract_ruleset(whole, source=str(p))
        if joined.levels:
            joined.unresolved.append(
                {
                    "field": "document",
                    "where": plan.ref,
                    "why": "rules read across the file's documents (the plan's text was split)",
                    "needed_for": "none",
                }
            )
            return joined
    return rs


def _joined(docs: list[Document], plan: Document) -> Document:
    from gongbao.model import Node

    root = Node("text", "", children=[d.body for d in docs if d.body is not None])
    whole = Document(plan.title, plan.kind, plan.issuer, plan.doc_number)
    whole.instrument_title, whole.signed_date, whole.effective_date = (
        plan.instrument_title,
        plan.signed_date,
        plan.effective_date,
    )
    whole.body = root
    return whole


def _matches(ref: str, *names: str | None) -> bool:
    key = "".join(ref.split())
    return any(n and (key == "".join(n.split()) or key in n) for n in names)


def alert_with_plans(
    series: str | Path,
    *,
    plan: str | Path | None = None,
    doc: str | None = None,
    db: str | None = None,
    now: datetime | None = None,
    calendar: OfficialCalendar | None = None,
    horizon_hours: int | None = None,
    assume_lift_hours: int | None = None,
) -> AlertResult:
    """Run the alert engine with the plan chosen from ``plan``, the store ``db`` (``doc``) or the bundled one."""
    rows, issues = read_series_checked(series)
    lookup = StoreLookup(db) if db else None
    kwargs = {
        "now": now,
        "calendar": calendar,
        "lookup": lookup,
        "horizon_hours": horizon_hours,
        "assume_lift_hours": assume_lift_hours,
    }
    if plan is not None:
        result = evaluate(rows, ruleset=ruleset_from_plan_file(plan, doc), **kwargs)  # type: ignore[arg-type]
    elif db is not None:
        result = _from_store(rows, db, doc, **kwargs)
    else:
        if doc is not None:
            raise InputError("--doc names a plan in --plan FILE or in the store (--db)")
        result = evaluate(rows, **kwargs)  # type: ignore[arg-type]
    result.issues = issues + result.issues
    result.notes = [i.message for i in issues] + result.notes
    return result


def _from_store(rows: list, db: str, doc: str | None, **kwargs: object) -> AlertResult:
    from gongbao.rules.extract import extract_ruleset
    from gongbao.rules.storeplans import load_document, several_places, stored_plans

    lookup = kwargs["lookup"]
    engine = lookup.engine  # type: ignore[attr-defined]
    plans = stored_plans(engine)
    if doc is not None:
        plans = [p for p in plans if _matches(doc, p.ref, p.doc_number, p.title)]
        if not plans:
            raise InputError(f"no 重污染天气应急预案 {doc} in the store", path=db)
    if not plans:
        raise InputError("no 重污染天气应急预案 in the store (ingest one, or give --plan FILE)", path=db)
    if not rows:
        raise InputError("empty series")
    first_day = rows[0].time.date()
    last_day = rows[-1].time.date()

    def since(p: object) -> date:
        return getattr(p, "valid_from", None) or date.min

    if doc is None:
        many = several_places(plans)
        if many:
            raise InputError(f"plans of several places are stored ({many}): name the plan with --doc", path=db)
    in_force = [p for p in plans if since(p) <= first_day]
    if doc is None and not in_force:
        names = ", ".join(f"{p.ref} ({since(p).isoformat()})" for p in plans[:3])
        raise InputError(f"no plan in the store is in force on {first_day.isoformat()}; stored: {names}", path=db)
    chosen = [in_force[-1]] if in_force else [plans[0]]
    if doc is None:
        chosen += [p for p in plans if first_day < since(p) <= last_day]
    results = []
    for p in chosen:
        rs = extract_ruleset(load_document(engine, p), source=f"store:{p.ref}")
        results.append((p, evaluate(rows, ruleset=rs, **kwargs)))  # type: ignore[arg-type]
    base = results[0][1]
    if len(results) > 1:
        merged = []
        for k, (p, res) in enumerate(results):
            lo = since(p) if k else date.min
            hi = since(results[k + 1][0]) if k + 1 < len(results) else date.max
            merged += [w for w in res.warnings if lo <= w.start.date() < hi]
            if k:
                base.notes.append(f"from {since(p).isoformat()} the store's plan {p.ref} applies")
        base.warnings = merged
    return base
