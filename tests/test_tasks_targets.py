"""Targets and deadlines inside tasks (issue #7)."""

from __future__ import annotations

from datetime import date

import pytest

from gongbao.extract.targets import extract_targets, find_deadline


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("力争到2025年年底，新能源客车产量达到4000辆", date(2025, 12, 31)),
        ("2030年年底前，新增和改造绿道不少于100公里", date(2030, 12, 31)),
        ("到2027年，城市再生水利用率达到57%以上", date(2027, 12, 31)),
        ("2026年6月底前完成排查", date(2026, 6, 30)),
        ("2025年上半年完成", date(2025, 6, 30)),
        ("到 2025 年年\n底前，建成", date(2025, 12, 31)),
        ("聊城市人民政府2024年12月28日", None),
        ("推动企业用好轻卡生产资质", None),
    ],
    ids=["到年底", "年底前", "到年", "月底前", "上半年", "broken-line", "signed-date-is-no-deadline", "none"],
)
def test_find_deadline(text: str, expected: date | None) -> None:
    assert find_deadline(text)[0] == expected


def test_recurring() -> None:
    (t,) = extract_targets("每年举办新能源汽车促消费下乡展销活动5场以上，每年10月举办“新能源汽车消费促进月”活动")
    assert (t.value, t.unit, t.comparison, t.relation, t.recurring, t.deadline) == (5, "场", "以上", ">=", True, None)


@pytest.mark.parametrize(
    ("text", "metric", "value", "unit", "comparison", "relation"),
    [
        ("到2027年，城市公共供水管网漏损率控制在7.7%以内", "城市公共供水管网漏损率", 7.7, "%", "控制在…以内", "<="),
        ("力争到2025年年底，新能源客车产量达到4000辆", "新能源客车产量", 4000, "辆", "达到", "="),
        ("产业园产值突破15亿元", "产业园产值", 15, "亿元", "突破", ">"),
        ("新增和改造绿道不少于100公里", "新增和改造绿道", 100, "公里", "不少于", ">="),
        ("力争到2025年年底，新增市级以上创新平台5个左右", "新增市级以上创新平台", 5, "个", "左右", "~"),
        ("力争到2025年年底，建成充电基础设施2.5万台", "建成充电基础设施", 2.5, "万台", "达到", "="),
        ("累计改造提升85万亩高标准农田", "累计改造提升高标准农田", 85, "万亩", "达到", "="),
        ("规模以上工业用水重复利用率达到94%以上", "规模以上工业用水重复利用率", 94, "%", "以上", ">="),
    ],
    ids=["控制在以内", "达到", "突破", "不少于", "左右", "万台", "object-after-number", "以上"],
)
def test_target_shapes(text: str, metric: str, value: float, unit: str, comparison: str, relation: str) -> None:
    (t,) = extract_targets(text)
    assert (t.metric, t.value, t.unit, t.comparison, t.relation) == (metric, value, unit, comparison, relation)


def test_range_and_carried_deadline() -> None:
    ts = extract_targets("到2027年年底，完成4处大型灌区改造工程。力争打造4—5处浅层地热能应用代表性工程")
    assert [(t.value, t.value_max, t.deadline) for t in ts][-1] == (4, 5, date(2027, 12, 31))


@pytest.mark.parametrize(
    "text",
    [
        "对获得世界技能大赛金牌的选手分别给予50万元奖励",
        "其中团队达到3人以上的，免费提供办公场所",
        "以徒骇河（湖南路—建设路段）4.5公里滨水空间为重点",
        "对当年通过自主评价新增高技能人才30—50人的，给予一次性奖励",
    ],
    ids=["reward", "condition", "number-in-a-name", "conditional-clause"],
)
def test_not_targets(text: str) -> None:
    assert extract_targets(text) == []


def test_values_listed_for_one_metric() -> None:
    ts = extract_targets("到2025年，NOx、VOCs重点工程减排量分别不低于0.85万吨、0.62万吨")
    assert [(t.value, t.unit, t.comparison, t.deadline) for t in ts] == [
        (0.85, "万吨", "不低于", date(2025, 12, 31)),
        (0.62, "万吨", "不低于", date(2025, 12, 31)),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "5年内重点引进30名金融高级管理人才和50名金融高级专业人才，跟踪培养300名金融骨干人才",
            [("引进金融高级管理人才", 30), ("引进金融高级专业人才", 50), ("跟踪培养金融骨干人才", 300)],
        ),
        (
            "选拔100名正职后备人才、200名副职后备人才，培养100名优秀企业家",
            [("选拔正职后备人才", 100), ("选拔副职后备人才", 200), ("培养优秀企业家", 100)],
        ),
        (
            "重点扶持50个市级示范性高级研修班和50场次知识更新名家讲座",
            [("扶持市级示范性高级研修班", 50), ("扶持知识更新名家讲座", 50)],
        ),
        (
            "重点培养不少于10名院士后备人才，不少于20名国家级人选后备人才",
            [("培养院士后备人才", 10), ("培养国家级人选后备人才", 20)],
        ),
        ("重点培训15万名中高级紧缺专业技术人才", [("培训中高级紧缺专业技术人才", 15)]),
    ],
    ids=["和-and-comma", "顿号", "two-units", "不少于-carried-verb", "万名"],
)
def test_several_counts_in_one_sentence(text: str, expected: list[tuple[str, float]]) -> None:
    assert [(t.metric, t.value) for t in extract_targets(text)] == expected


@pytest.mark.parametrize(
    "text",
    ["对新引进10名以上博士的企业给予奖励", "在5个工作日内办结", "对引进人才3名以上的，给予支持"],
    ids=["reward", "duration", "condition"],
)
def test_counts_that_are_no_targets(text: str) -> None:
    assert extract_targets(text) == []
