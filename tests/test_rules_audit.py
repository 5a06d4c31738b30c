"""Independent audit of the alert engine, deadlines and HJ 633 IAQI (issue 6).

The tables in ``tests/data/rules/audit_*.json`` were derived by a second reader from the
预案's text (聊政办字〔2024〕18号 三、四) and the State Council holiday notices, before the
engine was run on them; each case says why.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongbao.errors import CalendarError
from gongbao.rules.aqi import compute_aqi, iaqi
from gongbao.rules.deadline import compute_deadline
from gongbao.rules.pollution import LEVELS, HourRow, evaluate

DATA = Path(__file__).parent / "data" / "rules"
SCEN = json.loads((DATA / "audit_scenarios.json").read_text(encoding="utf-8"))
DEAD = json.loads((DATA / "audit_deadlines.json").read_text(encoding="utf-8"))


def hourly(segments: list[list], t0: datetime) -> list[HourRow]:
    """An hourly aqi24 series from segments: ``[value, hours]`` a constant run (value ``None``:
    missing hours), ``[a, hours, b]`` a linear ramp from ``a`` to ``b`` (both included)."""
    values: list[float | None] = []
    for seg in segments:
        if len(seg) == 3:
            a, hours, b = seg
            values += [a + (b - a) * k / (hours - 1) for k in range(int(hours))]
        else:
            values += [seg[0]] * int(seg[1])
    return [HourRow(t0 + timedelta(hours=i), v) for i, v in enumerate(values)]


@pytest.mark.parametrize("case", SCEN["scenarios"], ids=[c["id"] for c in SCEN["scenarios"]])
def test_audit_scenario(case: dict) -> None:
    t0 = datetime.fromisoformat(case.get("t0", SCEN["t0"]))
    at = lambda h: None if h is None else t0 + timedelta(hours=h)  # noqa: E731
    got = evaluate(hourly(case["segments"], t0), horizon_hours=case.get("horizon")).warnings
    summary = [(LEVELS[w.level], w.start, w.end, [(e.time, e.action) for e in w.events]) for w in got]
    assert len(got) == len(case["expect"]), summary
    for w, exp in zip(got, case["expect"], strict=True):
        assert (LEVELS[w.level], w.start, w.end) == (exp["level"], at(exp["start"]), at(exp["end"])), summary
        if "response" in exp:
            assert w.response_level == exp["response"]
        if "approver" in exp:
            assert w.approver == exp["approver"]
        if "events" in exp:
            assert [(e.time, e.action, LEVELS.get(e.level)) for e in w.events] == [
                (at(h), a, lv) for h, a, lv in exp["events"]
            ]
        if "school" in exp:
            assert w.school_suspension_from == at(exp["school"])
        if "advance_ok" in exp:
            assert (w.advance_ok, w.advance_hours) == (exp["advance_ok"], exp["advance_hours"])
        if "report_deadline" in exp:
            assert w.report_deadline == exp["report_deadline"]


def test_audit_table_covers_every_boundary() -> None:
    """The table exercises each threshold and duration of 三（二） and 三（五） on both sides."""
    values = {seg[0] for c in SCEN["scenarios"] for seg in c["segments"]}
    assert {150, 151, 200, 201, 300, 301, 499, 500} <= values
    hours = {seg[1] for c in SCEN["scenarios"] for seg in c["segments"]}
    assert {23, 24, 35, 36, 47, 48, 71, 72} <= hours


@pytest.mark.parametrize("case", DEAD["cases"], ids=[f"{c['from']}+{c['limit']}" for c in DEAD["cases"]])
def test_audit_deadline(case: dict) -> None:
    if "error" in case:
        with pytest.raises(CalendarError):
            compute_deadline(case["from"], case["limit"], before=case.get("before", False))
        return
    d = compute_deadline(case["from"], case["limit"], before=case.get("before", False))
    assert d.end.isoformat() == case["deadline"], case["why"]
    moved = d.moved_from.isoformat() if d.moved_from else None
    assert moved == case.get("moved_from"), case["why"]


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    from conftest import cli

    return cli(capsys, *args)


def test_audit_deadline_cli_crosses_spring_festival(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _cli(capsys, "deadline", "--from", "2025-01-24", "--limit", "5个工作日", "--format", "json")
    assert code == 0
    assert json.loads(out)["deadline"] == "2025-02-07"
    code, out, err = _cli(capsys, "deadline", "--from", "2026-12-29", "--limit", "5个工作日")
    assert code == 2 and "2027" in err and "Traceback" not in err


# HJ 633-2012 table 1 and formula (1): IAQI = (IH - IL) / (BPH - BPL) * (C - BPL) + IL, rounded up.
IAQI_CASES = [
    ("pm25_24h", 0, 0),
    ("pm25_24h", 35, 50),
    ("pm25_24h", 35.1, 51),  # 50.125 rounds up
    ("pm25_24h", 75, 100),
    ("pm25_24h", 100, 132),  # 131.25
    ("pm25_24h", 115, 150),
    ("pm25_24h", 150, 200),
    ("pm25_24h", 200, 250),
    ("pm25_24h", 250, 300),
    ("pm25_24h", 350, 400),
    ("pm25_24h", 500, 500),
    ("pm25_24h", 650, 500),  # above the table: reported as 500
    ("pm10_24h", 50, 50),
    ("pm10_24h", 200, 125),
    ("pm10_24h", 420, 300),
    ("pm10_24h", 600, 500),
    ("so2_24h", 150, 100),
    ("so2_24h", 475, 150),
    ("so2_24h", 2620, 500),
    ("so2_1h", 800, 200),
    ("so2_1h", 801, None),  # use the 24-hour value
    ("no2_24h", 40, 50),
    ("no2_24h", 100, 110),
    ("no2_1h", 1200, 200),
    ("co_24h", 1.5, 38),  # 37.5: CO is not truncated
    ("co_24h", 4, 100),
    ("co_24h", 14, 150),
    ("co_1h", 10, 100),
    ("co_1h", 150, 500),
    ("o3_1h", 200, 100),
    ("o3_1h", 1200, 500),
    ("o3_8h", 160, 100),
    ("o3_8h", 800, 300),
    ("o3_8h", 801, None),  # use the 1-hour value
]


@pytest.mark.parametrize(("key", "conc", "expected"), IAQI_CASES, ids=[f"{k}={c}" for k, c, _ in IAQI_CASES])
def test_audit_iaqi(key: str, conc: float, expected: int | None) -> None:
    assert iaqi(key, conc) == expected


def test_audit_aqi_is_the_max_and_names_primary() -> None:
    r = compute_aqi({"pm25_24h": 100, "pm10_24h": 200, "no2_24h": 100, "co_24h": 1.5})
    assert (r.aqi, r.primary) == (132, ("PM2.5",))
    assert compute_aqi({"o3_8h": 801, "o3_1h": 1000}).aqi == 400
    assert compute_aqi({"pm25_24h": 20, "pm10_24h": 30}).primary == ()  # AQI <= 50: no primary pollutant


def test_audit_report_deadline_is_counted_from_the_end_day() -> None:
    """四（六）: the day the response ends is not counted (民法典 第二百零一条)."""
    d = compute_deadline(date(2025, 1, 26), "3个工作日")
    assert d.end == date(2025, 2, 6)


def test_audit_o3_8h_means_lie_inside_the_24_hours() -> None:
    """The daily maximum 8-hour O3 takes only the 8-hour means wholly inside the 24 hours.

    O3 at 300 µg/m³ for hours 0..7, then 0; PM2.5 at 10. At hour 30 the window is hours 7..30:
    its 1-hour maximum is 300 (hour 7, IAQI 150), and no 8-hour mean inside it exceeds 37.5, so
    the AQI is 150 — the 8-hour mean of hours 0..7 (IAQI 207) belongs to an earlier window.
    """
    from gongbao.rules.aqi import daily_concentrations, rolling_aqi24

    hours = 40
    o3 = [300.0] * 8 + [0.0] * (hours - 8)
    pm25 = [10.0] * hours
    out = rolling_aqi24({"o3": o3, "pm25": pm25})
    assert out[23] == 207  # window 0..23 holds the 8-hour mean of hours 0..7
    assert out[30] == 150
    row = daily_concentrations({"o3": o3, "pm25": pm25})[30]
    assert row["o3_8h"] == pytest.approx(37.5) and row["o3_1h"] == 300.0


def test_audit_24h_mean_needs_20_valid_hours() -> None:
    """GB 3095-2012 表4: a 24-hour mean is valid with at least 20 hourly values."""
    from gongbao.rules.aqi import rolling_aqi24

    four_missing = [None] * 4 + [100.0] * 44
    five_missing = [None] * 5 + [100.0] * 19 + [100.0] * 24
    a, b = rolling_aqi24({"pm25": four_missing}), rolling_aqi24({"pm25": five_missing})
    assert a[23] == 132 and b[23] is None and b[24] == 132


def _reference_levels(values: list[float | None]) -> list[int]:
    """三（二） read literally, by brute force: an hour's level is the highest level one of the
    runs holding it satisfies (runs of consecutive hours strictly above 150 / 200 / 300)."""
    n = len(values)

    def run_at(i: int, thr: float) -> tuple[int, int] | None:
        if values[i] is None or values[i] <= thr:
            return None
        a = i
        while a > 0 and values[a - 1] is not None and values[a - 1] > thr:
            a -= 1
        b = i
        while b < n and values[b] is not None and values[b] > thr:
            b += 1
        return a, b

    out = []
    for i in range(n):
        lv = 0
        r150, r200 = run_at(i, 150), run_at(i, 200)
        if r200 or (r150 and r150[1] - r150[0] >= 48):
            lv = 1
        if (r200 and r200[1] - r200[0] >= 48) or (r150 and r150[1] - r150[0] >= 72):
            lv = 2
        if r200 and r200[1] - r200[0] >= 72:
            a, b = r200
            if any((r := run_at(k, 300)) and r[1] - r[0] >= 24 for k in range(a, b)):
                lv = 3
        out.append(lv)
    return out


_values = st.sampled_from([None, 100, 150, 151, 180, 200, 201, 250, 300, 301, 500])
_segs = st.lists(st.tuples(_values, st.integers(1, 80)), min_size=1, max_size=10)


_ramp_ends = st.sampled_from([100, 140, 150, 160, 199, 200, 210, 290, 300, 310, 450, 500])
_ramps = st.lists(st.tuples(_ramp_ends, st.integers(2, 120)), min_size=1, max_size=7)


@settings(max_examples=200, deadline=None)
@given(_segs)
def test_audit_levels_and_lifecycle_against_the_text(segs: list[tuple[float | None, int]]) -> None:
    """Constant runs (some missing): see ``_check_lifecycle``."""
    _check_lifecycle([[v, h] for v, h in segs])


@settings(max_examples=150, deadline=None)
@given(_ramps)
def test_audit_lifecycle_on_ramps(ramps: list[tuple[int, int]]) -> None:
    """Linear ramps between levels (the shape of real episodes): see ``_check_lifecycle``."""
    segs: list[list] = [[100, 60]]
    v = 100
    for nv, h in ramps:
        segs.append([v, h, nv])
        v = nv
    _check_lifecycle([*segs, [v, 2, 100], [100, 40]])


def _check_lifecycle(segs: list[list]) -> None:
    """Condition levels equal the literal reading; at every hour the level in force is at least
    the hour's condition level; a level is lowered only after the air has been at it; a warning
    ends only where aqi24 then stays known and <= 150 for 36 hours (no level's start standard
    is met any more), and warnings never overlap."""
    t0 = datetime(2025, 3, 3)
    rows = hourly(segs, t0)
    values = [r.aqi24 for r in rows]
    res = evaluate(rows)
    assert res.levels == _reference_levels(values)
    in_force = [0] * len(rows)
    last_end = -1
    for w in res.warnings:
        a = int((w.start - t0).total_seconds() // 3600)
        assert a >= last_end
        for start, stop, lv in w.segments():
            s = int((start - t0).total_seconds() // 3600)
            e = len(rows) if stop is None else int((stop - t0).total_seconds() // 3600)
            for k in range(s, e):
                in_force[k] = lv
        for e in w.events:
            if e.action in ("downgrade", "lift"):  # only once the air has been at the level lowered
                h = int((e.time - t0).total_seconds() // 3600)
                before = [ev.level for ev in w.events if ev.time < e.time][-1]
                assert max(res.levels[a:h]) >= before
        if w.end is not None:
            b = int((w.end - t0).total_seconds() // 3600)
            tail = values[b : b + 36]
            assert len(tail) == 36 and all(v is not None and v <= 150 for v in tail)
            last_end = b
        else:
            last_end = len(rows)
    assert all(f >= c for f, c in zip(in_force, res.levels, strict=True))


def test_audit_so2_nox_split_is_adjustable() -> None:
    """四（三）2: SO2 and NOx may be split otherwise; only their sum (20/40/60 %) binds them."""
    t0 = datetime(2025, 3, 3)
    [w] = evaluate(hourly([[100, 60], [201, 48], [100, 40]], t0)).warnings
    orange = w.to_json()["min_reductions"]
    assert (orange["PM"], orange["VOCs"], orange["SO2+NOx"], orange["adjustable"]) == (20, 20, 40, ["SO2", "NOx"])


def test_audit_event_approvers() -> None:
    """三（五）: lifting and re-grading follow the body that issued the level being changed."""
    t0 = datetime(2025, 3, 3)
    segs = [[100, 60], [201, 48], [301, 24], [180, 100], [100, 40]]
    [w] = evaluate(hourly(segs, t0)).warnings
    assert [(e.action, e.approver) for e in w.events] == [
        ("issue", "指挥长"),
        ("downgrade", "指挥长"),
        ("lift", "副指挥长"),
    ]


def test_audit_override_file_extends_the_calendar(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A user-supplied year: Monday-Friday work, listed holidays rest, listed 调休 Saturdays work."""
    cal = tmp_path / "cal2027.json"
    cal.write_text(json.dumps({"years": [2027], "holidays": ["2027-01-01"], "workdays": ["2027-01-09"]}))
    # 12-30, 12-31, (01-01 holiday, weekend), 01-04, 01-05, 01-06
    code, out, _ = _cli(capsys, "deadline", "--from", "2026-12-29", "--limit", "5个工作日", "--calendar", str(cal))
    assert code == 0 and out.split()[0] == "2027-01-06"
    # a calendar-day period ending on the listed make-up Saturday is not moved; one ending on Sunday is
    code, out, _ = _cli(capsys, "deadline", "--from", "2026-12-30", "--limit", "10日", "--calendar", str(cal))
    assert code == 0 and out.split()[0] == "2027-01-09"
    code, out, _ = _cli(capsys, "deadline", "--from", "2026-12-31", "--limit", "10日", "--calendar", str(cal))
    assert code == 0 and out.split()[0] == "2027-01-11"
