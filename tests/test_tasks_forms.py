"""Every printed form of responsibility gives the same tree and the same tasks (#11)."""

from __future__ import annotations

import pytest

from gongbao import structure
from gongbao.extract.tasks import extract_table_tasks, extract_tasks_from_text
from gongbao.extract.units import UnitRegistry, jurisdiction_of

ITEM = "一、重点任务\n（一）加快建设。推进甲项目建设，\n提高乙水平\n{clause}\n（二）强化保障。完善丙机制。\n"


def _tree(text: str) -> list[tuple[str, str]]:
    """The tree's shape: node ids and kinds (the clause closes the paragraph above it)."""
    body = structure.parse_structure(text, kind="方案")
    return [(n.eid, n.kind) for n in body.walk() if n.kind != "document"]


@pytest.mark.parametrize("cooperate", ["配合单位", "协同单位", "参与单位", "协办单位", "配合部门", "协同部门"])
def test_cooperating_keyword_does_not_change_tree_or_tasks(cooperate: str) -> None:
    base = ITEM.format(clause="（牵头单位：市发展改革委；配合单位：市财政局；责任单位：各区政府）")
    other = ITEM.format(clause=f"（牵头单位：市发展改革委；{cooperate}：市财政局；责任单位：各区政府）")
    assert _tree(other) == _tree(base)
    (t,) = extract_tasks_from_text(other, body=structure.parse_structure(other, kind="方案"))
    assert (t.eid, t.lead, t.cooperating, t.responsible) == (
        "lvl_1__lvl_1",
        ("市发展改革委",),
        ("市财政局",),
        ("各区政府",),
    )


@pytest.mark.parametrize(
    ("clause", "lead", "cooperating", "responsible"),
    [
        (
            "（市发展改革委牵头，市财政局、市自然资源局，各区政府按职责分工负责）",
            ("市发展改革委",),
            (),
            ("市财政局", "市自然资源局", "各区政府"),
        ),
        ("（市发展改革委牵头，市财政局、市自然资源局配合）", ("市发展改革委",), ("市财政局", "市自然资源局"), ()),
        ("（主责单位：市发展改革委；协同单位：市财政局）", ("市发展改革委",), ("市财政局",), ()),
        ("（市发展改革委、市财政局按职责分工负责）", (), (), ("市发展改革委", "市财政局")),
    ],
)
def test_clause_forms(clause: str, lead: tuple, cooperating: tuple, responsible: tuple) -> None:
    text = ITEM.format(clause=clause)
    assert _tree(text) == _tree(ITEM.format(clause="（牵头单位：市发展改革委；责任单位：各区政府）"))
    (t,) = extract_tasks_from_text(text, body=structure.parse_structure(text, kind="方案"))
    assert (t.lead, t.cooperating, t.responsible) == (lead, cooperating, responsible)
    assert t.eid == "lvl_1__lvl_1"


def test_trailing_sentence_of_units_without_brackets() -> None:
    text = "一、重点任务\n（一）加快建设。推进甲项目建设。市发展改革委、市财政局按职责分工负责。\n"
    (t,) = extract_tasks_from_text(text)
    assert t.responsible == ("市发展改革委", "市财政局")
    # prose ending in 负责 is no clause: its subject is no organisation name
    assert extract_tasks_from_text("一、任务\n（一）甲。第十一条公共设施的运营维护由运营单位负责。\n") == []


def test_task_table_rows() -> None:
    text = (
        "三、任务分工\n"
        "序号\t工作任务\t牵头单位\t配合单位\t完成时限\n"
        "1\t建成甲平台\t市发展改革委\t市财政局、市自然资源局\t2025年12月底前\n"
        "2\t完善乙制度\t市司法局\t各区政府\t2026年6月底前\n"
        "四、保障措施\n"
    )
    rows = extract_table_tasks(text)
    assert [(t.position, t.text, t.lead, t.cooperating, t.due) for t in rows] == [
        ("序号1", "建成甲平台", ("市发展改革委",), ("市财政局", "市自然资源局"), "2025年12月底前"),
        ("序号2", "完善乙制度", ("市司法局",), ("各区政府",), "2026年6月底前"),
    ]
    assert [t.deadline.isoformat() for t in rows if t.deadline] == ["2025-12-31", "2026-06-30"]
    md = "| 序号 | 任务 | 责任单位 | 完成时限 |\n|---|---|---|---|\n| 1 | 建成甲平台 | 市发展改革委、市财政局 | 2025年底前 |\n"
    (row,) = extract_tasks_from_text(md)
    assert (row.index, row.responsible) == (1, ("市发展改革委", "市财政局"))


def test_units_resolve_at_their_level_with_or_without_the_place() -> None:
    reg = UnitRegistry("聊城市")
    assert reg.canonical("山东省发展和改革委员会") == reg.canonical("省发展改革委") == "省发展改革委"
    assert reg.canonical("聊城市发展和改革委员会") == "市发展改革委"
    assert reg.matches("县发展改革局", "县发展和改革局")
    assert not reg.matches("市发展改革委", "县发展和改革局")
    # another province's body is not this province's
    assert reg.canonical("江苏省发展和改革委员会") == "江苏省发展和改革委员会"


def test_local_merges_are_per_jurisdiction() -> None:
    # 聊城: 城管 and 综合行政执法 are one bureau (data/units/聊城市.json); not elsewhere
    assert UnitRegistry("聊城市").canonical("市综合行政执法局") == "市城管局"
    assert UnitRegistry("济南市").canonical("市综合行政执法局") == "市综合行政执法局"
    assert UnitRegistry().canonical("市综合行政执法局") == "市综合行政执法局"
    assert UnitRegistry("济南市").canonical("市城市管理局") == "市城管局"


def test_jurisdiction_of_an_issuer() -> None:
    assert jurisdiction_of("聊城市人民政府办公室") == "聊城市"
    assert jurisdiction_of("山东省人民政府") == "山东省"
    assert jurisdiction_of("国务院") is None
