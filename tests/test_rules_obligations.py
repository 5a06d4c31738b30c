"""Time limits read from provisions: the hand-made gold for the sample's regulations and measures, and unit cases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongbao.model import Document, Node
from gongbao.rules.obligations import extract_from_issue, extract_time_limits

ROOT = Path(__file__).parent
GOLD = json.loads((ROOT / "data" / "rules" / "obligations.gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def extracted():
    from gongbao.pipeline import parse_path

    issue = parse_path(ROOT.parent / "samples" / "liaocheng-2024-11-12.txt")
    return [t for t in extract_from_issue(issue) if t.document in GOLD["documents"]]


def _key(d: dict) -> tuple:
    return (d["document"], d["eid"], d["direction"], d["n"], d["unit"], d.get("period"))


def test_gold_precision_and_recall(extracted) -> None:
    got = sorted(_key(t.to_json()) for t in extracted)
    want = sorted(_key(g) for g in GOLD["limits"])
    assert got == want  # every limit found, nothing else


def test_gold_actors_triggers_objects(extracted) -> None:
    by_key: dict[tuple, list] = {}
    for t in extracted:
        by_key.setdefault(_key(t.to_json()), []).append(t)
    for g in GOLD["limits"]:
        cands = by_key[_key(g)]
        assert any(t.actor == g["actor"] for t in cands), (g, [t.actor for t in cands])
        if "trigger_key" in g:
            assert any(t.trigger and g["trigger_key"] in t.trigger for t in cands), (g, [t.trigger for t in cands])
        if "object_key" in g:
            assert any(t.action and g["object_key"] == t.action[: len(g["object_key"])] for t in cands), g


def test_actor_filter_example(extracted) -> None:
    gas = [t for t in extracted if t.actor == "燃气经营企业"]
    assert [(t.direction, t.n, t.unit, t.period) for t in gas] == [
        ("before", 90, "工作日", None),
        ("frequency", 1, "年", 1),
        ("frequency", 2, "年", 1),
        ("frequency", 1, "个月", 4),
    ]


def _doc(*paragraphs: str) -> Document:
    art = Node(
        "article",
        eid="art_1",
        children=[Node("paragraph", eid=f"art_1__para_{i}", text=p) for i, p in enumerate(paragraphs, 1)],
    )
    return Document(title="测试办法", kind="规章", body=Node("document", children=[art]))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("登记机关应当自收到申请之日起三个工作日内作出决定。", ("within", 3, "工作日", "自收到申请之日起", "登记机关")),
        (
            "许可证有效期届满需要延续的，被许可人应当在有效期届满三十日前提出申请。",
            ("before", 30, "日", "有效期届满", "被许可人"),
        ),
        ("经营者应当在有效期届满前三十日提出申请。", ("before", 30, "日", None, "经营者")),
        (
            "供水单位因工程施工确需停止供水的，应当提前二十四小时通知用户。",
            ("before", 24, "小时", "因工程施工确需停止供水", "供水单位"),
        ),
        ("管理单位对设施的检查，每季度不得少于一次。", ("frequency", 1, "个月", None, "管理单位")),
        ("行政机关应当于举行听证的七日前将听证的时间、地点通知申请人。", ("before", 7, "日", "举行听证", "行政机关")),
        (
            "用人单位应当自用工之日起一个月内与劳动者订立书面劳动合同。",
            ("within", 1, "个月", "自用工之日起", "用人单位"),
        ),
        ("出租人应当在租赁期限届满前三个月书面通知承租人。", ("before", 3, "个月", "租赁期限届满", "出租人")),
    ],
)
def test_unit_cases(text: str, expected: tuple) -> None:
    [t] = extract_time_limits(_doc(text))
    direction, n, unit, trigger_key, actor = expected
    assert (t.direction, t.n, t.unit, t.actor) == (direction, n, unit, actor)
    if trigger_key:
        assert t.trigger and trigger_key in t.trigger
    if direction == "frequency":
        assert t.period == 3


@pytest.mark.parametrize(
    "text",
    [
        "经营企业应当设专岗二十四小时值班。",
        "申请人应当具有3年以上驾驶经历。",
        "本办法自2025年2月1日起施行，有效期至2030年1月31日。",
        "各单位应于2024年11月22日前完成。",
        "有关部门应当及时处理，定期检查。",
        "对前12个月的工作进行评估。",
    ],
)
def test_not_time_limits(text: str) -> None:
    assert extract_time_limits(_doc(text)) == []


def test_conditional_clause_is_not_a_limit_and_extension_is_read() -> None:
    text = "行政机关应当自受理申请之日起二十日内作出决定。二十日内不能作出决定的，经本机关负责人批准，可以延长十日。"
    got = [(t.direction, t.n, t.unit, t.actor) for t in extract_time_limits(_doc(text))]
    assert got == [("within", 20, "日", "行政机关"), ("extension", 10, "日", "行政机关")]


def test_definition_article_for_every_limit_and_for_named_numbers() -> None:
    doc = _doc("登记机关应当自收到申请之日起十日内作出决定。", "本办法规定的期限以工作日计算，不含法定节假日。")
    [t] = extract_time_limits(doc)
    assert (t.unit, t.unit_printed, t.unit_defined_by) == ("工作日", "日", "art_1__para_2")
    doc = _doc("甲机关应当在五日内审查，乙机关应当在十日内答复。", "本办法中“五日”的规定是指工作日。")
    assert [(t.n, t.unit) for t in extract_time_limits(doc)] == [(5, "工作日"), (10, "日")]


def test_caps_and_exceptions() -> None:
    text = "办理的时间不得超过四十五日；确需延长的，延长的期限最长不得超过十日。但是法律规定的期限超过六十日的除外。"
    assert [(t.direction, t.n) for t in extract_time_limits(_doc(text))] == [("within", 45), ("extension", 10)]


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_pieces = st.sampled_from(
    [
        "应当",
        "自",
        "之日起",
        "十五",
        "万",
        "3",
        "个",
        "工作日",
        "日",
        "小时",
        "个月",
        "年",
        "内",
        "前",
        "提前",
        "每",
        "不得少于",
        "一次",
        "，",
        "。",
        "的",
        "部门",
        "企业",
        "届满",
        "后",
        "超过",
        "连续",
        "以上",
        "为",
        "期限",
        "在",
        "（一）",
        "2024年",
        "月",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_pieces, max_size=30).map("".join))
def test_extractor_never_raises_and_finds_real_numbers(text: str) -> None:
    for t in extract_time_limits(_doc(text)):
        assert t.n >= 0 and t.unit in ("小时", "日", "工作日", "个月", "年", "周")
        assert t.direction in ("within", "before", "after", "term", "extension", "frequency", "annual")
        assert t.text in text
