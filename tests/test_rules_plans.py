"""Real plans in other wordings (tests/data/rules/plans): rule-sets read from their text, scenario tables.

Each table was written from the plan's words before the engine ran; the measure is the share of
scenarios where `gongbao alert S.csv --plan PLAN.txt --format json` gets the warning count, the
highest level and the school flag right (or exits 2 where the plan lacks what the series needs).
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from tests.conftest import cli

from gongbao.errors import InputError

PLANS = Path(__file__).parent / "data" / "rules" / "plans"
TABLE = json.loads((PLANS / "scenarios.json").read_text(encoding="utf-8"))
COLUMN = {"aqi": "aqi24", "pm25": "pm25_24h", "iaqi_o3": "iaqi_o3"}
CASES = [(plan, case) for plan, cases in TABLE["plans"].items() for case in cases]


def write_series(tmp: Path, case: dict, t0: str | None = None) -> Path:
    start = datetime.fromisoformat(t0 or TABLE["t0"])
    col = COLUMN[case.get("metric", "aqi")]
    values = [v for v, hours in case["segments"] for _ in range(int(hours))]
    lines = [f"time,{col}"] + [f"{(start + timedelta(hours=i)).isoformat()},{v}" for i, v in enumerate(values)]
    f = tmp / f"{case['id']}.csv"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return f


def run_case(
    capsys: pytest.CaptureFixture[str], tmp: Path, plan: str, case: dict, t0: str | None = None
) -> tuple[int, dict | None, str]:
    """``gongbao alert`` on the case's hourly series (starting at ``t0``, default the table's) with
    the plan: (exit code, its JSON when 0, stderr)."""
    args = ["alert", str(write_series(tmp, case, t0)), "--plan", str(PLANS / plan), "--format", "json"]
    if "assume_lift" in case:
        args += ["--assume-lift", str(case["assume_lift"])]
    code, out, err = cli(capsys, *args)
    return code, (json.loads(out) if code == 0 else None), err


def verdict(code: int, doc: dict | None, expect: dict) -> bool:
    if "exit" in expect:
        return code == expect["exit"]
    if code != 0 or doc is None:
        return False
    ws = doc["warnings"]
    ranks = {lv["colour"]: lv["rank"] for lv in doc["levels"]}
    highest = max((w["level"] for w in ws), key=lambda c: ranks[c], default=None)
    school = any(w["school_suspension"]["allowed"] for w in ws)
    return (len(ws), highest, school) == (expect["count"], expect["highest"], expect["school"])


@pytest.mark.parametrize(("plan", "case"), CASES, ids=[f"{p.split('.')[0]}:{c['id']}" for p, c in CASES])
def test_plan_scenario(capsys: pytest.CaptureFixture[str], tmp_path: Path, plan: str, case: dict) -> None:
    code, doc, err = run_case(capsys, tmp_path, plan, case)
    got = (code, [(w["level"], w["start"], w["school_suspension"]["allowed"]) for w in doc["warnings"]] if doc else err)
    assert verdict(code, doc, case["expect"]), (case["why"], got)
    if code == 2:
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_tables_are_big_enough() -> None:
    assert len(TABLE["plans"]) >= 6
    assert all(len(cases) >= 8 for cases in TABLE["plans"].values())


def test_every_plan_reads_its_levels_with_quotes() -> None:
    from gongbao.rules.plans import ruleset_from_plan_file

    expected = {
        "hohhot-2019.txt": ["yellow", "orange", "red"],
        "jiangxi-2017.txt": ["blue", "yellow", "orange", "red"],
        "henan-2014.txt": ["blue", "yellow", "orange", "red"],
        "wuhan-2016.txt": ["blue", "yellow", "orange", "red"],
        "chengdu-2020-pm25.txt": ["yellow", "orange"],
        "chengdu-2021-ozone.txt": ["yellow", "orange", "red"],
        "beijing-2023.txt": ["yellow", "orange", "red"],
        "beijing-2013.txt": ["blue", "yellow", "orange", "red"],
    }
    for plan, colours in expected.items():
        rs = ruleset_from_plan_file(PLANS / plan)
        assert [lv.colour for lv in rs.levels] == colours, plan
        text = "".join((PLANS / plan).read_text(encoding="utf-8").split())
        for lv in rs.levels:
            for alt in lv.any_of:
                for c in alt:
                    assert c.eid and c.quote and "".join(c.quote.split()) in text, (plan, c)
        assert any(u["field"] == "lift" for u in rs.unresolved), plan  # never filled from another plan


def test_wordings_read_as_the_plans_say() -> None:
    from gongbao.rules.plans import ruleset_from_plan_file

    wuhan = ruleset_from_plan_file(PLANS / "wuhan-2016.txt")
    c = wuhan.levels[1].any_of[0][0]  # 黄色: 连续24小时在201至300之间, 预测未来48小时仍在此区间
    assert (c.metric, c.op, c.threshold, c.observed_hours, c.hours) == ("aqi", ">=", 201, 24, 48)
    assert (c.upper_op, c.upper) == ("<=", 300)  # 仍在此区间: a band
    henan = ruleset_from_plan_file(PLANS / "henan-2014.txt")
    red = henan.levels[-1].any_of[0][0]  # 达到或大于500, 持续1天及以上
    assert (red.op, red.threshold, red.hours) == (">=", 500, 24)
    assert henan.levels[0].any_of[0][0].hours == 0  # 持续3天以内: any duration
    assert [s.mode for s in henan.school] == ["required"]
    ozone = ruleset_from_plan_file(PLANS / "chengdu-2021-ozone.txt")
    assert {c.metric for lv in ozone.levels for alt in lv.any_of for c in alt} == {"iaqi_o3"}
    pm = ruleset_from_plan_file(PLANS / "chengdu-2020-pm25.txt")
    assert [(c.metric, c.threshold, c.hours) for c in pm.levels[1].any_of[0]] == [("pm25", 115, 72), ("pm25", 150, 24)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a 江西 city's plan, quoted at https://www.yangkatie.com/baike/29265.html
        (
            "经监测，当空气质量改善到相应级别预警启动标准以下，且预测将持续36小时以上时，市生态环境局与市气象局要进行会商确认。",
            {"hours": 36, "threshold": "start"},
        ),
        # 胡杨河市 lifting a warning under its plan: https://dyxtdpm.com/xwdt/tzgg/content_56593
        (
            "预计“奎-独-乌”区域平均 AQI<150 将持续 36 小时以上，符合解除重污染天气预警条件。",
            {"hours": 36, "metric": "aqi", "op": "<", "threshold": 150.0},
        ),
        # 乌苏市 lifting a warning under its 2023 plan: https://xjws.gov.cn/zwdt/ggtz/content_100170
        (
            "乌苏市平均AQI<150将持续36小时以上。",
            {"hours": 36, "metric": "aqi", "op": "<", "threshold": 150.0},
        ),
        # 扬州 explaining its plan's lift rule (紫牛新闻 2026-01-23): http://www.chuiha.cn/news/jiangsu/202601/t20260123_314375.html
        (
            "预警信息实行严格的审签制度，当空气质量改善到黄色预警条件以下，且预测将持续36小时以上时，生态环境",
            {"hours": 36, "threshold": "level", "level": "yellow"},
        ),
        # 西安 quoting the provincial rule (西安日报 2017-11-22): http://sn.ifeng.com/a/20171122/6170173_0.shtml
        (
            "预测或监测环境空气质量改善到轻度污染及以下级别，且将持续36个小时以上时，可以解除预警。",
            {"hours": 36, "metric": "aqi", "op": "<=", "threshold": 150.0},
        ),
        # 济南 lifting a warning (2019-04-25): http://ivfcd.com/news/content/561840338987481020.html
        (
            "目前济南市环境空气质量已改善到良，预计未来36小时AQI指数将持续低于200，环境空气质量指数将持续低于预警级别。",
            {"hours": 36, "metric": "aqi", "op": "<", "threshold": 200.0},
        ),
    ],
)
def test_lift_wordings(tmp_path: Path, sentence: str, expected: dict) -> None:
    from gongbao.rules.plans import ruleset_from_plan_file

    plan = tmp_path / "plan.txt"
    plan.write_text(
        (PLANS / "hohhot-2019.txt").read_text(encoding="utf-8") + "\n3.3预警解除\n\n" + sentence + "\n",
        encoding="utf-8",
    )
    rs = ruleset_from_plan_file(plan)
    assert rs.lift is not None and rs.lift.value == expected
    assert not any(u["field"] == "lift" for u in rs.unresolved)


def test_unresolved_names_the_section(tmp_path: Path) -> None:
    """Constructed: the Hohhot text with a 3.3 section whose lift rule is not stated as a condition."""
    from gongbao.rules.plans import ruleset_from_plan_file

    plan = tmp_path / "plan.txt"
    plan.write_text(
        (PLANS / "hohhot-2019.txt").read_text(encoding="utf-8")
        + "\n3.3预警解除\n\n预警解除由市应急指挥部根据会商意见决定。\n",
        encoding="utf-8",
    )
    rs = ruleset_from_plan_file(plan)
    [lift] = [u for u in rs.unresolved if u["field"] == "lift"]
    assert lift["where"] != "document" and "预警解除" in lift["section"] and lift["needed_for"] == "warnings"
    [school] = [u for u in rs.unresolved if u["field"] == "school"]
    assert school["where"] == "document" and school["section"] is None


def test_levels_flattened_from_a_table(tmp_path: Path) -> None:
    """Constructed layout, real words: Jiangxi 2017's level rows as a PDF table flattens them (no colons)."""
    from gongbao.rules.plans import ruleset_from_plan_file

    rows = [
        line.replace("：", " ", 1)
        for line in (PLANS / "jiangxi-2017.txt").read_text(encoding="utf-8").splitlines()
        if line.startswith(("蓝色", "黄色", "橙色", "红色"))
    ]
    plan = tmp_path / "table.txt"
    plan.write_text(
        "江西省重污染天气应急预案\n\n3.2 预警\n\n预警级别 分级标准 " + " ".join(rows) + "\n", encoding="utf-8"
    )
    rs = ruleset_from_plan_file(plan)
    got = [(lv.colour, [[(c.threshold, c.hours) for c in alt] for alt in lv.any_of]) for lv in rs.levels]
    assert got == [
        ("blue", [[(200, 0)]]),
        ("yellow", [[(200, 48)]]),
        ("orange", [[(200, 72), (300, 0)]]),
        ("red", [[(200, 96), (300, 48)], [(500, 0)]]),
    ]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # a 2013 district plan's Ⅰ级 response, as mirrored at https://wanglu.net/thread/t4-178724-3.html
        (
            "4.4 Ⅰ级响应 启动条件:当发布红色(Ⅰ级)预警时,启动Ⅰ级响应. 响应措施: 1.健康防护提醒措施.提醒儿童、"
            "老年人和呼吸道、心脑血管疾病患者等易感人群尽量留在室内,避免户外活动;\n"
            "中小学、幼儿园停课,企事业单位根据情况可实行弹性工作制;\n建议停止大型露天活动;",
            [("red", "required", None, None)],
        ),
        # 河南省 2014 plan's Ⅰ级 measure as 河南日报 quotes it: http://cuiru123.com/caijing/366400.html
        (
            "预案明确了Ⅰ级响应措施,事发地教育部门可根据实际污染浓度(日AQI达到500时)指导有条件的幼儿园、中小学校停课,"
            "并合理安排停课期间学生的学习,做到停课不停学。",
            [("red", "allowed", "aqi", 500.0)],
        ),
        # 上海 blue warning (2013-12): outdoor activities stop, classes do not: http://5728338.com/JiaoYuXinWen/664876.html
        (
            "当发布蓝色预警时,全市各中小学和托幼机构一律停止学生(幼儿)室外体育锻炼活动;迟到、缺勤学生不做迟到或旷课处理。",
            [],
        ),
    ],
)
def test_school_wordings(tmp_path: Path, lines: str, expected: list) -> None:
    from gongbao.rules.plans import ruleset_from_plan_file

    plan = tmp_path / "plan.txt"
    plan.write_text(
        (PLANS / "hohhot-2019.txt").read_text(encoding="utf-8") + "\n4 应急响应\n\n" + lines + "\n", "utf-8"
    )
    rs = ruleset_from_plan_file(plan)
    assert [(s.colour, s.mode, s.metric, s.threshold) for s in rs.school] == expected


def test_guangdong_regional_red_condition() -> None:
    """广东省重污染天气应急预案 (2021), red as 中国新闻网 quotes it: http://www.ghqlgyb.cn/edu/news/2355125.html"""
    from gongbao.rules.extract import parse_condition

    text = (
        "预测省内4个以上城市将同时达到空气质量指数(AQI)日均值>200并持续96小时及以上,"
        "且AQI日均值>300持续48小时及以上;或AQI日均值达到500时启动"
    )
    got = [[(c.metric, c.op, c.threshold, c.hours) for c in alt] for alt in parse_condition(text)]
    assert got == [[("aqi", ">", 200, 96), ("aqi", ">", 300, 48)], [("aqi", ">=", 500, 0)]]


def test_lift_below_a_named_level_neither_downgrades_nor_lifts_early(tmp_path: Path) -> None:
    """忻州's levels with 扬州's wording of the lift (改善到黄色预警条件以下，且预测将持续36小时以上):
    a red warning over air that falls to 250 (below red and orange, above yellow's 200) stays red;
    it is lifted at the first of 36 hours at or below 200."""
    from gongbao.rules.pollution import evaluate

    plan = tmp_path / "plan.txt"
    plan.write_text(
        (PLANS / "xinzhou-2020.txt").read_text(encoding="utf-8")
        + "\n预警解除\n\n当空气质量改善到黄色预警条件以下，且预测将持续36小时以上时，解除预警。\n",
        encoding="utf-8",
    )
    from gongbao.rules.plans import ruleset_from_plan_file

    rs = ruleset_from_plan_file(plan)
    assert rs.lift is not None and rs.lift.value == {"hours": 36, "threshold": "level", "level": "yellow"}
    case = {"id": "named", "segments": [[100, 24], [201, 48], [301, 48], [250, 40], [100, 60]]}
    res = evaluate(write_series(tmp_path, case), ruleset=rs)
    [w] = res.warnings
    assert [e.action for e in w.events] == ["issue", "lift"]
    t0 = datetime.fromisoformat(TABLE["t0"])
    assert w.end == t0 + timedelta(hours=24 + 48 + 48 + 40)


@pytest.mark.parametrize("layout", ["roman-colour-condition", "cells-on-lines", "colour-roman-pipes"])
def test_table_layouts_of_real_level_rows(tmp_path: Path, layout: str) -> None:
    """Constructed layouts, real words: Jiangxi 2017's four levels (Ⅳ–Ⅰ级 = 蓝…红, as the plan says) in the
    ways a table arrives as text — one row per line, every cell on its own line (the parser runs the
    lines together), and cells between bars."""
    from gongbao.rules.plans import ruleset_from_plan_file

    rows = {
        m.group(1): m.group(2)
        for line in (PLANS / "jiangxi-2017.txt").read_text(encoding="utf-8").splitlines()
        if (m := re.match(r"([蓝黄橙红])色预警：(.*)", line))
    }
    roman = {"蓝": "Ⅳ", "黄": "Ⅲ", "橙": "Ⅱ", "红": "Ⅰ"}
    if layout == "roman-colour-condition":
        body = "预警级别 颜色 分级标准\n" + "\n".join(f"{roman[c]}级 {c}色 {cond}" for c, cond in rows.items())
    elif layout == "cells-on-lines":
        body = "\n".join(f"{c}色预警\n（{roman[c]}级）\n{cond}" for c, cond in rows.items())
    else:
        body = "| 预警 | 级别 | 分级标准 |\n" + "\n".join(
            f"| {c}色预警 | {roman[c]}级 | {cond} |" for c, cond in rows.items()
        )
    plan = tmp_path / "table.txt"
    plan.write_text("江西省重污染天气应急预案\n\n3.2 预警分级\n\n" + body + "\n", encoding="utf-8")
    rs = ruleset_from_plan_file(plan)
    got = [(lv.colour, [[(c.threshold, c.hours) for c in alt] for alt in lv.any_of]) for lv in rs.levels]
    assert got == [
        ("blue", [[(200, 0)]]),
        ("yellow", [[(200, 48)]]),
        ("orange", [[(200, 72), (300, 0)]]),
        ("red", [[(200, 96), (300, 48)], [(500, 0)]]),
    ]
    assert [lv.response.value if lv.response else None for lv in rs.levels] == ["Ⅳ", "Ⅲ", "Ⅱ", "Ⅰ"]


def test_prose_forms_constructed(tmp_path: Path) -> None:
    """Constructed sentences in the template's words (no public source found for these exact forms):
    `…时，应发布重污染天气黄色（Ⅲ级）预警`, observed-plus-forecast `已持续24小时，且预测未来48小时`, and a
    lift `降至200以下，且预测未来24小时不会反弹`."""
    from gongbao.rules.plans import ruleset_from_plan_file

    plan = tmp_path / "plan.txt"
    plan.write_text(
        "某市重污染天气应急预案\n\n当预测日AQI>200将持续48小时及以上时，应发布重污染天气黄色（Ⅲ级）预警；"
        "当日AQI>200已持续24小时，且预测未来48小时AQI>200时，启动橙色预警。\n\n预警解除\n\n"
        "当空气质量指数（AQI）日均值降至200以下，且预测未来24小时不会反弹时，解除预警。\n",
        encoding="utf-8",
    )
    rs = ruleset_from_plan_file(plan)
    got = [
        (lv.colour, [[(c.op, c.threshold, c.hours, c.observed_hours) for c in alt] for alt in lv.any_of])
        for lv in rs.levels
    ]
    assert got == [("yellow", [[(">", 200, 48, 0)]]), ("orange", [[(">", 200, 48, 24)]])]
    assert rs.lift is not None and rs.lift.value == {"hours": 24, "metric": "aqi", "op": "<=", "threshold": 200.0}


def test_mixed_metric_plan_runs_what_the_series_gives(tmp_path: Path) -> None:
    """Constructed (the template's words, no public source found): levels by AQI 或 PM2.5. An AQI-only
    series runs the AQI alternatives and says the PM2.5 ones were not evaluated; a level with only a
    PM2.5 condition makes the same series exit 2."""
    from gongbao.rules.plans import ruleset_from_plan_file
    from gongbao.rules.pollution import evaluate

    both = tmp_path / "both.txt"
    both.write_text(
        "某市重污染天气应急预案\n\n预警分级\n\n黄色预警：预测日AQI>200持续48小时及以上，或PM2.5日均浓度>150微克/立方米"
        "持续48小时及以上。\n\n红色预警：预测日AQI>300持续72小时及以上，或PM2.5日均浓度>250微克/立方米持续72小时及以上。\n\n"
        "预警解除\n\n当空气质量改善到相应级别预警启动标准以下，且预测将持续36小时以上时，降级或解除预警。\n",
        encoding="utf-8",
    )
    case = {"id": "mixed", "segments": [[100, 24], [201, 48], [100, 60]]}
    res = evaluate(write_series(tmp_path, case), ruleset=ruleset_from_plan_file(both))
    assert [(w.level, w.end is not None) for w in res.warnings] == [(1, True)]
    assert any("pm25" in n and "not evaluated" in n for n in res.notes)
    only_pm = tmp_path / "pm.txt"
    only_pm.write_text(
        both.read_text(encoding="utf-8").replace("预测日AQI>300持续72小时及以上，或", ""), encoding="utf-8"
    )
    with pytest.raises(InputError):
        evaluate(write_series(tmp_path, case), ruleset=ruleset_from_plan_file(only_pm))


def test_plan_titles_of_every_wording_are_plans() -> None:
    """Plans are titled 重污染天气应急预案 and, in 2013–2014, 空气重污染应急预案 or …应急方案
    (西安市空气重污染应急预案; 石家庄市空气重污染日预警应急方案, as 河北新闻网 2013-01-14 names the
    draft); a notice about something else is not one."""
    from gongbao.rules.extract import PLAN_TITLE_RE

    for title in ("聊城市重污染天气应急预案", "西安市空气重污染应急预案", "石家庄市空气重污染日预警应急方案"):
        assert PLAN_TITLE_RE.search(title), title
    assert not PLAN_TITLE_RE.search("聊城市人民政府关于印发聊城市巡游出租汽车经营服务管理办法的通知")


def test_levels_named_by_degree_are_said_not_guessed() -> None:
    """西安 2014 (a press report of the plan, tests/data/rules/README.md) names its levels 中度/重度/
    严重/极重污染 with 连续2天 and 气象条件持续恶化: no colour level is read, the reason is given with
    the lines, and no value of another plan is borrowed."""
    from gongbao.pipeline import parse_path
    from gongbao.rules.extract import extract_ruleset, find_plan

    issue = parse_path(PLANS / "xian-2014-press.txt")
    rs = extract_ruleset(find_plan(issue, issue.documents[0].title)).to_json()
    assert not rs["levels"]
    (levels,) = [u for u in rs["unresolved"] if u["field"] == "levels"]
    assert "pollution degree" in levels["why"]
    assert any("重度污染" in line["quote"] for line in levels["lines"])
    dumped = json.dumps(rs, ensure_ascii=False)
    assert "48" not in dumped and "36" not in dumped  # Liaocheng's durations are nowhere


def test_responses_paired_from_two_parallel_lists() -> None:
    """郑州 2016 (a press report of the plan, tests/data/rules/README.md): 根据发布的蓝色、黄色、橙色、红色
    预警级别，分级采取Ⅳ、Ⅲ、Ⅱ、Ⅰ级响应措施 — each colour its response, in print order; the levels'
    thresholds are the plan's own (>200; >200 for 2, 3, 4 days; >300; 500)."""
    from gongbao.pipeline import parse_path
    from gongbao.rules.extract import extract_ruleset, find_plan

    issue = parse_path(PLANS / "zhengzhou-2016-press.txt")
    rs = extract_ruleset(find_plan(issue, issue.documents[0].title)).to_json()
    got = {lv["colour"]: lv["response"]["value"] for lv in rs["levels"]}
    assert got == {"blue": "Ⅳ", "yellow": "Ⅲ", "orange": "Ⅱ", "red": "Ⅰ"}
    thresholds = {c["threshold"] for lv in rs["levels"] for c in _leaves(lv["conditions"])}
    assert thresholds == {200.0, 300.0, 500.0}


def _leaves(cond: dict) -> list[dict]:
    if "metric" in cond:
        return [cond]
    return [x for key in ("any", "all") for sub in cond.get(key, []) for x in _leaves(sub)]


def test_levels_listed_without_conditions_are_pointed_at() -> None:
    """扬州 2025 (a press report, tests/data/rules/README.md) lists 黄色预警、橙色预警、红色预警 and prints no
    condition for them: no level is read, the 临时管控 clause (日AQI>150) is not taken for one, and the
    reason points at the line that lists them (it listed no line)."""
    from gongbao.pipeline import parse_path
    from gongbao.rules.extract import extract_ruleset, find_plan

    issue = parse_path(PLANS / "yangzhou-2025-press.txt")
    rs = extract_ruleset(find_plan(issue, issue.documents[0].title)).to_json()
    assert not rs["levels"]
    (levels,) = [u for u in rs["unresolved"] if u["field"] == "levels"]
    assert any("由轻到重依次为黄色预警、橙色预警、红色预警" in line["quote"] for line in levels["lines"])
