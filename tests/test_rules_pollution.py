"""The alert engine against the scenario table derived from the 预案 (tests/data/rules/scenarios.json)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from gongbao.rules.pollution import (
    LEVELS,
    HourRow,
    PlanProvisions,
    condition_levels,
    derive_eid,
    evaluate,
    plan_staleness,
    read_series,
    small_enterprise_exempt,
)

DATA = Path(__file__).parent / "data" / "rules"
TABLE = json.loads((DATA / "scenarios.json").read_text(encoding="utf-8"))


def series(segments: list[list[float]], t0: datetime) -> list[HourRow]:
    values = [v for v, hours in segments for _ in range(int(hours))]
    return [HourRow(t0 + timedelta(hours=i), v) for i, v in enumerate(values)]


@pytest.mark.parametrize("case", TABLE["scenarios"], ids=[c["id"] for c in TABLE["scenarios"]])
def test_scenario(case: dict) -> None:
    t0 = datetime.fromisoformat(case.get("t0", TABLE["t0"]))
    at = lambda h: None if h is None else t0 + timedelta(hours=h)  # noqa: E731
    result = evaluate(series(case["segments"], t0), horizon_hours=case.get("horizon"))
    got = result.warnings
    assert len(got) == len(case["expect"]), [w.to_json()["events"] for w in got]
    for w, exp in zip(got, case["expect"], strict=True):
        assert LEVELS[w.level] == exp["level"]
        assert w.start == at(exp["start"])
        assert w.end == at(exp["end"])
        if "events" in exp:
            assert [(e.time, e.action, LEVELS.get(e.level)) for e in w.events] == [
                (at(h), a, lv) for h, a, lv in exp["events"]
            ]
        if "school_from" in exp:
            assert w.school_suspension_from == at(exp["school_from"])
        if "advance_ok" in exp:
            assert w.advance_ok is exp["advance_ok"]
            assert w.advance_hours == exp["advance_hours"]
        if "report_deadline" in exp:
            assert w.report_deadline == exp["report_deadline"]


def test_every_scenario_level_is_covered() -> None:
    levels = {e["level"] for c in TABLE["scenarios"] for e in c["expect"]}
    assert levels == {"yellow", "orange", "red"}


def test_condition_levels_nest() -> None:
    lv = condition_levels([201.0] * 48 + [301.0] * 24 + [100.0])
    assert lv[:72] == [3] * 72 and lv[72] == 0


def test_response_approver_measures_and_reductions() -> None:
    t0 = datetime(2025, 3, 3)
    red = evaluate(series([[100, 60], [201, 48], [301, 24], [100, 40]], t0)).warnings[0].to_json()
    assert (red["response_level"], red["approver"]) == ("Ⅰ", "指挥长")
    assert red["min_reductions"]["VOCs"] == 30 and red["min_reductions"]["SO2+NOx"] == 60
    levels = [m["response_level"] for m in red["measures"]]
    assert levels.count("Ⅲ") == 6 and levels.count("Ⅱ") == 5 and levels.count("Ⅰ") == 4  # cumulative
    assert {"path": "四、（四）4.（1）③ 工业源", "eid": "lvl_4__lvl_4__lvl_4__lvl_1__lvl_3__para_1"}.items() <= red[
        "measures"
    ][2].items()
    yellow = evaluate(series([[100, 60], [201, 1], [100, 40]], t0)).warnings[0].to_json()
    assert (yellow["response_level"], yellow["approver"], yellow["min_reductions"]["NOx"]) == ("Ⅲ", "副指挥长", 10)
    assert len(yellow["measures"]) == 6


def test_derived_eids_follow_the_scheme() -> None:
    assert derive_eid((4, 4, 4, 1, 3)) == "lvl_4__lvl_4__lvl_4__lvl_1__lvl_3"
    p = PlanProvisions(None)
    assert p["small_enterprise"].eid == "lvl_4__lvl_4__lvl_1__lvl_4"
    assert p["report"].eid == "lvl_4__lvl_6__para_1" and not p["report"].resolved


@pytest.mark.parametrize(
    ("kwargs", "exempt"),
    [
        (
            {
                "burns_coal": False,
                "burns_oil": False,
                "single_component": True,
                "toxic_or_odorous": False,
                "annual_emissions_kg": 100,
            },
            True,
        ),
        (
            {
                "burns_coal": False,
                "burns_oil": False,
                "single_component": True,
                "toxic_or_odorous": False,
                "annual_emissions_kg": 100.5,
            },
            False,
        ),
        (
            {
                "burns_coal": True,
                "burns_oil": False,
                "single_component": True,
                "toxic_or_odorous": False,
                "annual_emissions_kg": 1,
            },
            False,
        ),
        (
            {
                "burns_coal": False,
                "burns_oil": True,
                "single_component": True,
                "toxic_or_odorous": False,
                "annual_emissions_kg": 1,
            },
            False,
        ),
        (
            {
                "burns_coal": False,
                "burns_oil": False,
                "single_component": False,
                "toxic_or_odorous": False,
                "annual_emissions_kg": 1,
            },
            False,
        ),
        (
            {
                "burns_coal": False,
                "burns_oil": False,
                "single_component": True,
                "toxic_or_odorous": True,
                "annual_emissions_kg": 1,
            },
            False,
        ),
        # seasonal: 0.3 kg/day x 365 = 109.5 kg > 100 even if the season's total is small
        (
            {
                "burns_coal": False,
                "burns_oil": False,
                "single_component": True,
                "toxic_or_odorous": False,
                "seasonal": True,
                "daily_emissions_kg": 0.3,
            },
            False,
        ),
        (
            {
                "burns_coal": False,
                "burns_oil": False,
                "single_component": True,
                "toxic_or_odorous": False,
                "seasonal": True,
                "daily_emissions_kg": 0.27,
            },
            True,
        ),
        (
            {
                "burns_coal": False,
                "burns_oil": False,
                "single_component": True,
                "toxic_or_odorous": False,
                "annual_emissions_kg": 5,
                "overall_reduction_met": False,
            },
            False,
        ),
    ],
)
def test_small_enterprise_exemption(kwargs: dict, exempt: bool) -> None:
    r = small_enterprise_exempt(**kwargs)
    assert r.exempt is exempt and (not r.reasons) is exempt
    assert r.eid == "lvl_4__lvl_4__lvl_1__lvl_4"


class FakeStore:
    def __init__(self, answers: dict):
        self.answers = answers

    def status(self, ref: str):
        return self.answers.get(ref)


def test_staleness_against_a_fake_store() -> None:
    gone = plan_staleness(
        FakeStore({"聊政办字〔2024〕18号": {"state": "repealed", "repealed_by": "聊政办字〔2026〕3号"}})
    )
    assert gone.stale and gone.by == "聊政办字〔2026〕3号" and "聊政办字〔2026〕3号" in gone.message
    ok = plan_staleness(FakeStore({"聊政办字〔2024〕18号": {"state": "in_force"}}))
    assert not ok.stale
    unknown = plan_staleness(FakeStore({}))
    assert not unknown.stale and unknown.status is None
    t0 = datetime(2025, 3, 3)
    res = evaluate(
        series([[100, 60], [201, 1], [100, 40]], t0),
        lookup=FakeStore({"聊政办字〔2024〕18号": {"state": "superseded", "by": "X"}}),
    )
    assert res.to_json()["stale"]["stale"] is True


def test_read_series_from_pollutants_and_errors(tmp_path: Path) -> None:
    from gongbao.errors import InputError

    rows = [{"time": (datetime(2025, 1, 1) + timedelta(hours=i)).isoformat(), "pm25": 160} for i in range(30)]
    out = read_series(rows)
    assert out[22].aqi24 is None and out[23].aqi24 == 210  # 150-250 -> 200-300: 200 + 10 = 210
    bad = tmp_path / "gap.csv"
    bad.write_text("time,aqi24\n2025-01-01T00:00,100\n2025-01-01T02:00,100\n", encoding="utf-8")
    with pytest.raises(InputError, match="consecutive"):
        read_series(bad)


@pytest.fixture(scope="module")
def plan_doc():
    from gongbao.pipeline import parse_path

    issue = parse_path(Path(__file__).parent.parent / "samples" / "liaocheng-2024-11-12.txt")
    return PlanProvisions.from_issue(issue)


def test_provisions_resolve_in_the_parsed_plan(plan_doc: PlanProvisions) -> None:
    derived = PlanProvisions(None)
    for ref in plan_doc.all():
        assert ref.resolved, ref
        assert ref.eid == derived[ref.name].eid, ref  # the scheme and the tree agree
    assert plan_doc["levels.red"].text.startswith("红色预警：预测日AQI > 200持续72小时")
    assert "副指挥长审批" in plan_doc["approver"].text
    assert "3个工作日内" in plan_doc["report"].text
    assert plan_doc["III.other"].text.startswith("其他减排措施") and "烟花爆竹" in plan_doc["III.other"].text
    assert plan_doc["I.public"].eid == "lvl_4__lvl_4__lvl_4__lvl_3__lvl_1" and "停课" in plan_doc["I.public"].text
    assert "100千克以下" in plan_doc["small_enterprise"].text


def test_measures_quote_the_plan(plan_doc: PlanProvisions) -> None:
    t0 = datetime(2025, 3, 3)
    w = evaluate(series([[100, 60], [201, 48], [100, 40]], t0), provisions=plan_doc).warnings[0].to_json()
    texts = {m["eid"]: m["text"] for m in w["measures"]}
    assert "国二及以下排放标准非道路移动机械" in texts["lvl_4__lvl_4__lvl_4__lvl_2__lvl_3__para_3"]
    assert w["level_eid"] == "lvl_3__lvl_2__para_4" and w["approver_eid"] == "lvl_3__lvl_4__para_2"


# ---------------------------------------------------------------- properties

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_segments = st.lists(
    st.tuples(st.sampled_from([100, 150, 151, 180, 200, 201, 250, 300, 301, 420, 500]), st.integers(1, 80)),
    min_size=1,
    max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(_segments)
def test_engine_invariants(segs: list[tuple[int, int]]) -> None:
    t0 = datetime(2025, 3, 3)
    rows = series([[v, h] for v, h in segs], t0)
    res = evaluate(rows)
    levels = res.levels
    covered = [False] * len(rows)
    prev_end = None
    for w in res.warnings:
        a = int((w.start - t0).total_seconds() // 3600)
        b = len(rows) if w.end is None else int((w.end - t0).total_seconds() // 3600)
        assert a < b and levels[a] > 0  # starts on a qualifying hour
        assert prev_end is None or prev_end <= w.start  # warnings never overlap
        prev_end = w.end or w.start
        assert w.level == max(e.level for e in w.events)
        assert w.level >= max(levels[a:b])  # the warning is never below a condition it covers
        for k in range(a, b):
            covered[k] = True
        if w.school_suspension_from is not None:
            assert w.level == 3
    # every hour that meets a level's condition is under a warning
    assert all(covered[k] for k, lv in enumerate(levels) if lv > 0)
    # nothing warns on a series that never exceeds 150 (strict thresholds)
    if all(v <= 150 for v, _ in segs):
        assert res.warnings == []


def test_now_later_than_issue_by_is_reported() -> None:
    t0 = datetime(2025, 3, 3)
    rows = series([[100, 60], [201, 48], [100, 40]], t0)
    late = evaluate(rows, now=t0 + timedelta(hours=30))
    [w] = late.warnings
    assert (w.advance_ok, w.advance_hours) == (False, 30)
    assert w.issue_by == t0 + timedelta(hours=12)
    assert any("30 h notice" in n for n in late.notes)
    assert evaluate(rows, now=t0 + timedelta(hours=12)).warnings[0].advance_ok
