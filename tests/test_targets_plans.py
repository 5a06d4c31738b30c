"""Targets of real plans and reports read against a truth written by reading them
(``tests/data/targets/truth.json``, helper ``targets2``; sources in ``tests/data/targets/README.md``):
ranges (6%-6.5%), 以上/左右/超过/突破, a base year (较2012年下降18%), targets per sub-region
(武汉市、襄阳市…), counts with units (个, 户, 万亩, 万斤, 万头), a target table (指标名称 | 2020年 |
2025年 | 属性), several targets in one sentence, and the goals of plans without unit clauses."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from gongbao.extract.targets import Target, extract_table_targets, extract_targets
from gongbao.pipeline import parse_path
from gongbao.query.ledger import build_ledger, select_targets

DATA = Path(__file__).parent / "data" / "targets"
TRUTH: dict[str, Any] = {k: v for k, v in json.loads((DATA / "truth.json").read_text("utf-8")).items() if k[0] != "_"}

#: deadlines a reader cannot date from the sentence: 经过3年努力 (the plan's years), 今年 (the
#: report's year), a bare year before the metric (武汉市2017年…) — read as no deadline, never a wrong one
UNDATED = {
    "haidong-lantian-2019",
    "shanghai-zfgzbg-2019-mubiao",
    "dongliao-zfgzbg-sannong",
    "qinxian-zfgzbg-renwu-2025",
}
#: texts whose targets stand outside any goals section and task: the file gives no goal (a county
#: report's paragraphs, a task list whose items are led by a heading 县示范区管委会牵头工作)
NO_GOALS = {"dongliao-zfgzbg-sannong", "qinxian-zfgzbg-renwu-2025"}
#: a number read as a target that the truth does not list, tolerated with its object in the metric
TOLERATED = {("dongliao-zfgzbg-sannong", 200.0, "万只")}


def _metric_words(truth: dict[str, Any]) -> str:
    return re.sub(r"\([^)]*\)", "", truth["metric"])


def _matches(t: Target, g: dict[str, Any], name: str) -> bool:
    if (t.value, t.unit, t.relation) != (float(g["value"]), g["unit"], g.get("relation", "=")):
        return False
    if t.value_max != (float(g["value_max"]) if g.get("value_max") is not None else None):
        return False
    words = _metric_words(g).removeprefix("全市")
    if words not in t.metric and t.metric not in words:
        return False
    if g.get("region") and g["region"] not in ("全省",) and g["region"] not in t.metric:
        return False  # a target per sub-region names the whole list, not its last item
    if "baseline" in g and "年" in g["baseline"] and not t.comparison.startswith(f"较{g['baseline']}"):
        return g["baseline"].endswith(")") and t.baseline is not None  # a table's base column
    return True


def _check(name: str, got: list[Target], *, file_level: bool) -> None:
    truth = TRUTH[name]["targets"]
    used: set[int] = set()
    for g in truth:
        hit = next((i for i, t in enumerate(got) if i not in used and _matches(t, g, name)), None)
        assert hit is not None, (
            f"{name}: {g['metric']} {g['value']}{g['unit']} not read: {[(t.metric, t.value) for t in got]}"
        )
        used.add(hit)
        t = got[hit]
        want = g.get("deadline")
        undated = UNDATED - {"haidong-lantian-2019"} if file_level else UNDATED  # 经过3年努力 + its title's years
        if want and not (name in undated or (g.get("deadline_printed") or "").startswith("2017年 (bare")):
            assert t.deadline == date.fromisoformat(want[:10]), f"{name}: {g['metric']} {t.deadline}"
        else:
            assert t.deadline is None or t.deadline == date.fromisoformat(want[:10]), (
                f"{name}: wrong deadline {t.deadline}"
            )
        if g.get("constraint") == "约束性":
            assert t.attribute == "约束性"
        if g.get("baseline", "").endswith("(2020年)"):
            assert (t.baseline, t.baseline_year) == (float(g["baseline"].split()[0]), 2020)
    extra = [
        (t.metric, t.value, t.unit)
        for i, t in enumerate(got)
        if i not in used and (name, t.value, t.unit) not in TOLERATED
    ]
    assert not extra, f"{name}: targets the truth does not have: {extra}"


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_sentences_read_as_the_truth(name: str) -> None:
    """The reader on the text itself: every target of the truth, nothing else."""
    _check(name, extract_targets((DATA / f"{name}.txt").read_text("utf-8")), file_level=False)


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_file_goals_as_the_truth(name: str) -> None:
    """``gongbao targets FILE --goals``: a plan's goals section, forward-dated paragraphs and
    target tables are read in a text without unit clauses too."""
    issue = parse_path(DATA / f"{name}.txt")
    got = [t for _, t in select_targets(build_ledger(issue.documents), goals=True)]
    if name in NO_GOALS:
        assert got == []
    else:
        _check(name, got, file_level=True)


def test_table_row_under_a_merged_cell() -> None:
    text = "类别\t序号\t指标名称\t2020年\t2025年\t属性\n生态建设\t1\t森林覆盖率（%）\t45.31\t46.3\t约束性\n2\t森林蓄积量（万立方米）\t4606.24\t5000\t约束性"
    assert [(t.metric, t.value, t.unit, t.baseline, t.attribute, t.deadline) for t in extract_table_targets(text)] == [
        ("森林覆盖率", 46.3, "%", 45.31, "约束性", date(2025, 12, 31)),
        ("森林蓄积量", 5000, "万立方米", 4606.24, "约束性", date(2025, 12, 31)),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "类别\t序号\t指标名称\t2020年\t2025年\t属性\n生态建设\t3\t重污染天气\t—\t基本消除\t约束性",
        "序号\t工作任务\t牵头单位\t完成时限\n1\t完成改造1000户\t市住建局\t2025年底",
    ],
    ids=["words-for-a-value", "task-table-is-no-target-table"],
)
def test_table_rows_that_are_no_targets(text: str) -> None:
    assert extract_table_targets(text) == []


def test_goals_of_a_text_without_tasks_only_in_its_goals() -> None:
    """A report recounting 2020's figures gives no goal; its 工作目标 section does."""
    from gongbao.extract.tasks import extract_goals_from_text

    past = "一、基本情况\n2020年，全市森林覆盖率达到45.31%，新增就业5万人。"
    assert extract_goals_from_text(past) == []
    goals = extract_goals_from_text(past + "\n二、工作目标\n全市森林覆盖率达到46.3%，城镇新增就业5万人以上。")
    assert [(t.metric, t.value) for g in goals for t in g.targets] == [("森林覆盖率", 46.3), ("城镇新增就业", 5)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            # 长江三角洲区域一体化发展规划纲要 (2019), as quoted in README's locator
            "到2025年，铁路网密度达到507公里/万平方公里，高速公路密度达到5公里/百平方公里，5G网络覆盖率达到80%，基础设施互联互通基本实现。",
            [("铁路网密度", 507, "公里/万平方公里"), ("高速公路密度", 5, "公里/百平方公里"), ("5G网络覆盖率", 80, "%")],
        ),
        (
            # the same: 11.5年 (a duration unit) is not read, never misread
            "到2025年，人均公共财政支出达到2.1万元，劳动年龄人口平均受教育年限达到11.5年，人均期望寿命达到79岁。",
            [("人均公共财政支出", 2.1, "万元"), ("人均期望寿命", 79, "岁")],
        ),
        (
            # the same: a ratio (2.2∶1以内) is not read, never misread
            "到2025年，城乡区域协调发展格局基本形成，中心区城乡居民收入差距控制在2.2∶1以内，中心区人均GDP与全域人均GDP差距缩小到1.2∶1，常住人口城镇化率达到70%。",
            [("常住人口城镇化率", 70, "%")],
        ),
        (
            # 全国重要生态系统保护和修复重大工程总体规划 (2020)
            "到2035年，全国森林覆盖率达到26%，森林蓄积量达到210亿立方米，天然林面积保有量稳定在2亿公顷左右，草原综合植被盖度达到60%",
            [
                ("全国森林覆盖率", 26, "%"),
                ("森林蓄积量", 210, "亿立方米"),
                ("天然林面积保有量", 2, "亿公顷"),
                ("草原综合植被盖度", 60, "%"),
            ],
        ),
    ],
    ids=["unit-per-unit", "岁-not-年", "ratio-unread", "magnitude-before-unit"],
)
def test_quoted_plan_sentences(sentence: str, expected: list[tuple[str, float, str]]) -> None:
    got = extract_targets(sentence)
    assert [(t.metric, t.value, t.unit) for t in got] == expected
    assert all(t.deadline and t.deadline.month == 12 for t in got)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            # 潮州市打赢蓝天保卫战实施方案 (tests/data/tasks/chaozhou-lantian-2019.txt)
            "到2020年，全市二氧化硫（SO2）、氮氧化物（NOX）和挥发性有机物（VOCs）等主要污染物排放总量比2015年分别下降15%、10%和26%。",
            [
                ("二氧化硫（SO2）主要污染物排放总量", 15),
                ("氮氧化物（NOX）主要污染物排放总量", 10),
                ("挥发性有机物（VOCs）主要污染物排放总量", 26),
            ],
        ),
        (
            # 空气质量持续改善行动计划 (2023), as quoted in README's locator
            "京津冀及周边地区、汾渭平原PM2.5浓度分别下降20%、15%",
            [("京津冀及周边地区PM2.5浓度", 20), ("汾渭平原PM2.5浓度", 15)],
        ),
        (
            "到2025年，NOx、VOCs重点工程减排量分别不低于0.85万吨、0.62万吨",
            [("NOx重点工程减排量", 0.85), ("VOCs重点工程减排量", 0.62)],
        ),
    ],
    ids=["pollutants-with-brackets", "regions", "latin-names"],
)
def test_values_listed_respectively_go_to_their_items(sentence: str, expected: list[tuple[str, float]]) -> None:
    """分别 pairs the i-th value with the i-th item: 15% is SO2's, never VOCs'."""
    assert [(t.metric, t.value) for t in extract_targets(sentence)] == expected


def test_five_year_plan_end_is_a_deadline() -> None:
    from gongbao.extract.targets import find_deadline

    line = (DATA / "ganzhou-laojiu-xiaoqu-guihua-2021.txt").read_text("utf-8").splitlines()[-1]
    assert line.startswith("4、到“十四五”期末") and find_deadline(line)[0] == date(2025, 12, 31)
    assert find_deadline("“十三五”末，全市森林覆盖率达到45.31%")[0] is None  # a fact recounted


def test_item_sentence_is_its_task_target_not_a_goal() -> None:
    """粤府〔2021〕22号: 1.地区生产总值增长6%以上。 then 分管省领导 / 部门分工 lines: the target is the task's,
    led by 省发展改革委, and is not listed a second time as a goal without a unit."""
    from gongbao.extract.tasks import Goal

    path = Path(__file__).parent / "data" / "gazettes" / "guangdong-2024-province-layout.txt"
    pairs = select_targets(build_ledger(parse_path(path).documents), goals=True)
    first = [(t.position, g.metric, g.value, g.relation, list(t.lead)) for t, g in pairs if t.position == "一、1."]
    assert first == [("一、1.", "地区生产总值", 6, ">=", ["省发展改革委"])]
    assert not any(isinstance(t, Goal) for t, _ in pairs)
