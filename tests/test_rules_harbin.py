"""Two Harbin plans of a blind test (tests/data/rules/plans/harbin-2013.txt, harbin-2018.txt; sources in
tests/data/rules/README.md): what the reader must read, and what it must report it cannot read.

The expected values are the plans' own words (quoted in each assertion), not gongbao's output.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongbao.rules.extract import parse_condition, read_condition
from gongbao.rules.plans import ruleset_from_plan_file
from gongbao.rules.ruleset import Clause, RuleSet, dump_ruleset, load_ruleset

PLANS = Path(__file__).parent / "data" / "rules" / "plans"


@pytest.fixture(scope="module")
def rs2013() -> RuleSet:
    return ruleset_from_plan_file(PLANS / "harbin-2013.txt")


@pytest.fixture(scope="module")
def rs2018() -> RuleSet:
    return ruleset_from_plan_file(PLANS / "harbin-2018.txt")


def _alts(rs: RuleSet, colour: str) -> list[list[tuple]]:
    lv = rs.by_colour(colour)
    assert lv is not None, colour
    return [
        [(c.metric, c.op, c.threshold, c.hours, c.upper_op if c.upper is not None else None, c.upper) for c in alt]
        for alt in lv.any_of
    ]


def _fields(rs: RuleSet) -> list[str]:
    return [str(u["field"]) for u in rs.unresolved]


def test_2013_levels_bands_and_durations(rs2013: RuleSet) -> None:
    assert [lv.colour for lv in rs2013.levels] == ["blue", "yellow", "orange"]
    assert [lv.response.value if lv.response else None for lv in rs2013.levels] == ["Ⅳ", "Ⅲ", "Ⅱ"]  # 四级/三级/二级
    # 四级预警(蓝色) 启动条件:预测未来48小时持续出现重度污染(200<AQI≤300)
    assert _alts(rs2013, "blue") == [[("aqi", ">", 200.0, 48, "<=", 300.0)]]
    # 三级预警(黄色) 禁止露天焚烧公交延长1小时收车 / 启动条件:预测未来72小时持续出现重度污染(200<AQI≤300)
    assert _alts(rs2013, "yellow") == [[("aqi", ">", 200.0, 72, "<=", 300.0)]]
    # 二级预警(橙色) 启动条件:预测未来48小时持续出现严重污染(AQI>300)
    assert _alts(rs2013, "orange") == [[("aqi", ">", 300.0, 48, None, None)]]


def test_2013_red_is_named_but_has_no_condition(rs2013: RuleSet) -> None:
    # 最高级别的红色预警将启动Ⅰ级响应 — the stored copy stops before the red section
    [red] = [u for u in rs2013.unresolved if u["field"] == "levels.red"]
    assert red["needed_for"] == "warnings" and "红色预警" in red["quote"]
    assert "lift" in _fields(rs2013)


def test_2013_measures_under_the_level_headings(rs2013: RuleSet) -> None:
    by = {
        r: [m.text.replace("，", ",").replace("：", ":") for m in rs2013.measures if m.response == r]
        for r in ("Ⅳ", "Ⅲ", "Ⅱ")
    }
    assert by["Ⅳ"] == [
        "包括提醒儿童、老年人和患有心脏病、肺病等易感人群留在室内,减少或暂停户外大型活动和乘公交出行等。"
    ]
    assert len(by["Ⅲ"]) == 3 and "延长1小时夜间收车时间" in by["Ⅲ"][0]
    assert by["Ⅱ"][0] == "在三级预警强控措施2、3条基础上增加:" and len(by["Ⅱ"]) == 3
    assert {m.category for m in rs2013.measures} == {"建议性控制措施（部分）", "强制性控制措施（部分）"}
    assert not [f for f in _fields(rs2013) if f.startswith("measures")]


def test_2018_levels_read_from_the_grade_colour_form(rs2018: RuleSet) -> None:
    # 1.四级(蓝色)预警: … 4.一级(红色)预警: …
    assert [lv.colour for lv in rs2018.levels] == ["blue", "yellow", "orange", "red"]
    assert [lv.response.value if lv.response else None for lv in rs2018.levels] == ["Ⅳ", "Ⅲ", "Ⅱ", "Ⅰ"]
    # 预测AQI日均值大于200(或6时至20时AQI均值大于200)
    assert _alts(rs2018, "blue") == [[("aqi", ">", 200.0, 0, None, None)]]
    # 预测AQI日均值大于200将持续48小时及以上,或[小时均值…],(或连续两日6时至20时…)
    assert _alts(rs2018, "yellow") == [[("aqi", ">", 200.0, 48, None, None)]]
    # 预测AQ日均值大于300,或[小时均值…],(或6时至20时…)
    assert _alts(rs2018, "orange") == [[("aqi", ">", 300.0, 0, None, None)]]
    # 预测AQI日均值大于200将持续96小时及以上且预测AQI日均值大于300将持续48小时及以上,或预测AQI日均值达到500,(或6时至20时AQI均值大于400)
    assert _alts(rs2018, "red") == [
        [("aqi", ">", 200.0, 96, None, None), ("aqi", ">", 300.0, 48, None, None)],
        [("aqi", ">=", 500.0, 0, None, None)],
    ]


def test_2018_hourly_and_daytime_alternatives_are_unresolved(rs2018: RuleSet) -> None:
    left = {(u["field"], u["quote"]) for u in rs2018.unresolved if str(u["field"]).endswith(".conditions")}
    assert left == {
        ("levels.blue.conditions", "6时至20时AQI均值大于200"),
        ("levels.yellow.conditions", "预测AQI小时均值达到500将持续8小时及以上"),
        ("levels.yellow.conditions", "连续两日6时至20时AQI均值大于200"),
        ("levels.orange.conditions", "预测AQI小时均值达到500将持续16小时及以上"),
        ("levels.orange.conditions", "6时至20时AQI均值大于300"),
        ("levels.red.conditions", "6时至20时AQI均值大于400"),
    }
    # no clause of any level is on 400 or an hourly 500 held for 8/16 hours
    assert not [c for lv in rs2018.levels for alt in lv.any_of for c in alt if c.threshold == 400 or c.hours in (8, 16)]
    # the plan prints no measures of its own (the article only summarises two): said, not silent
    assert "measures" in _fields(rs2018)


def test_2018_alert_notes_the_alternatives_not_evaluated(tmp_path: Path) -> None:
    from gongbao.rules.pollution import evaluate

    rows = ["time,aqi24"] + [f"2024-01-10T{h:02d}:00:00+08:00,420" for h in range(24)]
    f = tmp_path / "s.csv"
    f.write_text("\n".join(rows) + "\n", encoding="utf-8")
    res = evaluate(f, ruleset=ruleset_from_plan_file(PLANS / "harbin-2018.txt"), assume_lift_hours=36)
    assert [w.colour for w in res.warnings] == ["orange"]  # not red by the unread 6时至20时 > 400
    notes = " ".join(res.notes)
    assert "levels.red.conditions" in notes and "6时至20时AQI均值大于400" in notes


@pytest.mark.parametrize(
    ("text", "lo", "upper"),
    [
        ("预测未来48小时持续出现重度污染（200<AQI≤300）", (">", 200.0), ("<=", 300.0)),
        ("预测未来48小时持续出现重度污染(200＜AQI≤300)", (">", 200.0), ("<=", 300.0)),
        ("预测未来48小时持续出现重度污染(200‹AQI≤300)", (">", 200.0), ("<=", 300.0)),
        ("预测未来48小时持续出现重度污染(201≤AQI<301)", (">=", 201.0), ("<", 301.0)),
        ("预测未来24小时持续出现(115<PM2.5≤150)", (">", 115.0), ("<=", 150.0)),
    ],
)
def test_band_keeps_its_upper_bound(text: str, lo: tuple, upper: tuple) -> None:
    [[c]] = parse_condition(text)
    assert (c.op, c.threshold) == lo and (c.upper_op, c.upper) == upper
    assert c.hours in (24, 48)
    assert c.holds(lo[1] + 1) and not c.holds(upper[1] + 1) and c.exceeds(upper[1] + 1)


@pytest.mark.parametrize(
    "text",
    [
        "预测AQI小时均值达到500将持续8小时及以上",
        "预测PM2.5小时浓度大于250持续4小时",
        "6时至20时AQI均值大于200",
        "连续两日6时至20时AQI均值大于200",
    ],
)
def test_hourly_and_part_of_day_conditions_are_not_24_hour_clauses(text: str) -> None:
    alts, skipped = read_condition(text)
    assert alts == [] and [w for w, _ in skipped] == [text]


def test_duration_is_the_conditions_not_a_measures() -> None:
    [[c]] = parse_condition("禁止露天焚烧公交延长1小时收车启动条件：预测未来72小时持续出现重度污染（200<AQI≤300）")
    assert c.hours == 72
    [[c]] = parse_condition("预测日AQI>200，公交延长1小时收车")  # a bare time after 延长 is no duration
    assert c.hours == 0


def test_upper_bound_round_trips(tmp_path: Path, rs2013: RuleSet) -> None:
    for fmt in ("json", "toml"):
        f = tmp_path / f"rs.{fmt}"
        f.write_text(dump_ruleset(rs2013, fmt), encoding="utf-8")
        back = load_ruleset(f)
        assert [c.upper for lv in back.levels for alt in lv.any_of for c in alt] == [300.0, 300.0, None]
    plain = Clause("aqi", ">", 200.0)
    assert "upper" not in plain.to_json()  # rule-sets without bands are written as before
    assert json.loads(json.dumps(plain.to_json()))["threshold"] == 200.0


def test_unreadable_level_lines_are_named(tmp_path: Path) -> None:
    f = tmp_path / "plan.txt"
    f.write_text(
        "某市重污染天气应急预案\n\n1.四级(蓝色)预警:预测能见度持续低于1000米;\n\n2.三级(黄色)预警:预测能见度持续低于500米。\n",
        encoding="utf-8",
    )
    rs = ruleset_from_plan_file(f)
    [lv] = [u for u in rs.unresolved if u["field"] == "levels"]
    assert [x["quote"] for x in lv["lines"]] == [
        "1.四级（蓝色）预警：预测能见度持续低于1000米；",
        "2.三级（黄色）预警：预测能见度持续低于500米。",
    ]
    assert "四级（蓝色）预警" in lv["why"]


@pytest.mark.parametrize("plan", ["harbin-2013.txt", "harbin-2018.txt"])
def test_every_clause_quotes_the_plan(plan: str) -> None:
    # the stored copies print ASCII ( ) : , ; the parsed text has them full-width: compare folded
    fold = str.maketrans("（）：，；", "():,;")
    text = "".join((PLANS / plan).read_text(encoding="utf-8").split()).translate(fold)
    rs = ruleset_from_plan_file(PLANS / plan)
    for lv in rs.levels:
        for alt in lv.any_of:
            for c in alt:
                assert c.eid and c.quote and "".join(c.quote.split()).translate(fold) in text, (plan, c)
    for u in rs.unresolved:
        if u.get("quote"):
            assert "".join(str(u["quote"]).split()).translate(fold) in text, (plan, u)
