"""Plain-text rendering of an alert run, for people reading a terminal."""

from __future__ import annotations

from gongbao.rules.pollution import AlertResult

__all__ = ["alert_text"]


def alert_text(result: AlertResult) -> str:
    """One block per warning: level, response, approver, times, events, measures with eIds."""
    lines: list[str] = []
    rs = result.ruleset
    if result.staleness is not None:
        lines.append(("STALE: " if result.staleness.stale else "plan status: ") + result.staleness.message)
    lines.append(f"plan: {rs.doc_number or '-'} {rs.title or ''}".rstrip())
    if not result.warnings:
        lines.append(f"no warning: {len(result.series)} hours checked, no level reached")
    for k, w in enumerate(result.warnings, start=1):
        end = w.end.isoformat(sep=" ", timespec="minutes") if w.end else "(not lifted within the series)"
        lines.append(
            f"warning {k}: {rs.level(w.level).colour_zh}预警 / {w.response_level or '?'}级应急响应, approved by {w.approver or '?'}; "
            f"{w.start.isoformat(sep=' ', timespec='minutes')} -> {end}; peak aqi24 {w.peak_aqi24 if w.peak_aqi24 is not None else '-'}"
        )
        if w.issue_by is not None:
            notice = "ok" if w.advance_ok else f"NOT possible, only {w.advance_hours:g} h notice"
            hours = rs.advance_notice.value if rs.advance_notice else "?"
            lines.append(f"  issue by {w.issue_by.isoformat(sep=' ', timespec='minutes')} ({hours} h ahead: {notice})")
        for e in w.events:
            lvl = rs.level(e.level).colour_zh if e.level else "-"
            who = f"  ({e.approver})" if e.approver else ""
            lines.append(f"  {e.time.isoformat(sep=' ', timespec='minutes')}  {e.action:<9} {lvl}{who}")
        if w.school_suspension_from:
            lines.append(
                f"  schools may suspend classes from {w.school_suspension_from.isoformat(sep=' ', timespec='minutes')}"
            )
        j = w.to_json()["min_reductions"]
        if j:
            lines.append(
                f"  minimum reductions: PM/VOCs >= {j['PM']}%, SO2+NOx >= {j['SO2+NOx']}% "
                f"(SO2, NOx {j['SO2']}% each unless adjusted) [{j['eid']}]"
            )
        if w.report_deadline:
            days = rs.report.value if rs.report else "?"
            lines.append(f"  report due by {w.report_deadline} ({days} working days after the response ends)")
        elif w.report_note:
            lines.append(f"  report deadline: {w.report_note}")
        for m in w.measures:
            lines.append(f"  [{m.response_level}] {m.category}: {m.text}  <{m.eid}>")
    lines.extend(f"note: {n}" for n in result.notes)
    return "\n".join(lines)
