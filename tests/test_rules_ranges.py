"""Ranges written in words (在201至300之间, 201～300, 介于201和300之间, AQI为201-300): a band with its
upper bound when the plan keeps the values inside it (仍在此区间), else the level's range from the lower
bound up with the next level taking over above it (the upper bound is named, not evaluated)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongbao.rules.extract import parse_condition
from gongbao.rules.plans import ruleset_from_plan_file

PLANS = Path(__file__).parent / "data" / "rules" / "plans"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("连续24小时AQI介于201和300之间，预测未来24小时仍在此区间", (">=", 201.0, 300.0, 24, 24)),
        ("AQI为201-300，预测未来48小时仍在该区间", (">=", 201.0, 300.0, 48, 0)),
        ("AQI在201～300之间，预测未来48小时仍在201～300之间", (">=", 201.0, 300.0, 48, 0)),
        ("AQI在201～300之间持续48小时", (">=", 201.0, None, 48, 0)),
        ("未来一天AQI在301—450之间", (">=", 301.0, None, 24, 0)),
        ("AQI为201-300", (">=", 201.0, None, 0, 0)),
    ],
)
def test_range_wordings(text: str, expected: tuple) -> None:
    [[c]] = parse_condition(text)
    assert (c.op, c.threshold, c.upper, c.hours, c.observed_hours) == expected
    if c.upper is None:
        assert "not evaluated" in c.convention  # the range's upper bound is named, never silently dropped


def test_standard_number_is_no_range() -> None:
    [[c]] = parse_condition("执行GB 3095-2012，AQI大于200持续48小时")
    assert (c.op, c.threshold, c.upper, c.hours) == (">", 200.0, None, 48)


def bands(name: str) -> list[tuple]:
    rs = ruleset_from_plan_file(PLANS / name)
    return [
        (lv.colour, c.op, c.threshold, c.upper, c.observed_hours, c.hours)
        for lv in rs.levels
        for alt in lv.any_of
        for c in alt
    ]


def test_wuhan_levels_are_bands() -> None:
    # 指数连续24小时在201至300之间，预测未来24/48小时仍在此区间 / 连续24小时大于300，预测未来24/48小时仍大于300
    assert bands("wuhan-2016.txt") == [
        ("blue", ">=", 201.0, 300.0, 24, 24),
        ("yellow", ">=", 201.0, 300.0, 24, 48),
        ("orange", ">", 300.0, None, 24, 24),
        ("red", ">", 300.0, None, 24, 48),
    ]


def test_govcn_ranges_keep_the_lower_bound() -> None:
    # 未来一天/两天AQI在201—300之间, 未来一天AQI在301—450之间, 大于450: the ranges of a day's AQI; a day
    # above 300 that touches 451 for less than a day is still 橙色 (scenario g-red-23)
    assert bands("govcn-2014-01-16.txt") == [
        ("blue", ">=", 201.0, None, 0, 24),
        ("yellow", ">=", 201.0, None, 0, 48),
        ("orange", ">=", 301.0, None, 0, 24),
        ("red", ">", 450.0, None, 0, 24),
    ]


def test_top_band_with_no_level_above_is_open(tmp_path: Path) -> None:
    # constructed: a top level written as a range (在301至500之间) has no level above it: read from 301 up
    f = tmp_path / "plan.txt"
    f.write_text(
        "某市重污染天气应急预案\n\n预警分级\n\n"
        "AQI连续24小时在201至300之间，预测未来48小时仍在此区间时，启动黄色预警；"
        "AQI连续24小时在301至500之间，预测未来48小时仍在此区间时，启动红色预警。\n",
        encoding="utf-8",
    )
    rs = ruleset_from_plan_file(f)
    yellow, red = (lv.any_of[0][0] for lv in rs.levels)
    assert (yellow.threshold, yellow.upper) == (201.0, 300.0)  # 红色 from 301 takes the values above 300
    assert (red.threshold, red.upper) == (301.0, None) and "no higher level above 500" in red.convention
