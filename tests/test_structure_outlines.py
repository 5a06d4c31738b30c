"""Decimal outline numbering, 第X部分, with eIds and citations (#11)."""

from __future__ import annotations

from pathlib import Path

from gongbao import structure
from gongbao.structure.citation import format_citation, path_to, resolve

PLAN = """某市突发事件应急预案
1 总则
1.1 编制目的
为了做好应急工作。
1.1.1 适用对象
本预案适用于全市。
1.1.2 工作原则
坚持人民至上。
1.2 编制依据
依据有关法律。
2 组织体系
2.1 指挥机构
市政府设立指挥部。
"""


def _headings(body) -> list[tuple[str, str, str | None, str | None]]:
    return [
        (n.eid, n.label, n.heading, format_citation(path_to(body, n)))
        for n in body.walk()
        if n.kind.startswith("heading")
    ]


def test_decimal_numbering_gives_levels_eids_and_citations() -> None:
    body = structure.parse_structure(PLAN, kind="预案")
    assert _headings(body) == [
        ("lvl_1", "1", "总则", "1"),
        ("lvl_1__lvl_1", "1.1", "编制目的", "1.1"),
        ("lvl_1__lvl_1__lvl_1", "1.1.1", "适用对象", "1.1.1"),
        ("lvl_1__lvl_1__lvl_2", "1.1.2", "工作原则", "1.1.2"),
        ("lvl_1__lvl_2", "1.2", "编制依据", "1.2"),
        ("lvl_2", "2", "组织体系", "2"),
        ("lvl_2__lvl_1", "2.1", "指挥机构", "2.1"),
    ]
    assert resolve(body, "1.1.2").heading == "工作原则"
    assert resolve(body, "lvl_2__lvl_1").heading == "指挥机构"
    assert body.full_text() == PLAN


def test_decimal_numbers_that_are_quantities_are_not_headings() -> None:
    text = "某方案\n一、目标\n到2025年，增长2.5万吨。\n1.5倍于上年。\n3 个项目完成。\n"
    body = structure.parse_structure(text, kind="方案")
    assert [n.label for n in body.walk() if n.kind.startswith("heading")] == ["一、"]


def test_decimal_under_chinese_outline() -> None:
    text = "某预案\n一、总体要求\n1.1 指导思想\n坚持人民至上。\n1.2 工作原则\n统一领导。\n二、组织体系\n2.1 指挥机构\n设立指挥部。\n"
    body = structure.parse_structure(text, kind="预案")
    got = [(n.eid, n.kind, n.label) for n in body.walk() if n.kind.startswith("heading")]
    assert got == [
        ("lvl_1", "heading1", "一、"),
        ("lvl_1__lvl_1", "heading2", "1.1"),
        ("lvl_1__lvl_2", "heading2", "1.2"),
        ("lvl_2", "heading1", "二、"),
        ("lvl_2__lvl_1", "heading2", "2.1"),
    ]


def test_parts_of_a_plan() -> None:
    text = "某规划\n第一部分 总体要求\n一、指导思想\n坚持人民至上。\n第二部分 主要任务\n一、建设甲\n推进甲。\n"
    body = structure.parse_structure(text, kind="规划")
    got = [(n.eid, n.kind, n.label, n.heading) for n in body.walk() if n.kind in ("part", "heading1")]
    assert got == [
        ("part_1", "part", "第一部分", "总体要求"),
        ("part_1__lvl_1", "heading1", "一、", "指导思想"),
        ("part_2", "part", "第二部分", "主要任务"),
        ("part_2__lvl_1", "heading1", "一、", "建设甲"),
    ]


def test_real_plan_with_decimal_numbering() -> None:
    # 楚雄州地震应急预案 (tests/data/documents, locator in its README)
    text = (Path(__file__).parent / "data" / "documents" / "chuxiong-earthquake-plan-2014.txt").read_text(
        encoding="utf-8"
    )
    body = structure.parse_structure(text, kind="预案")
    heads = [(n.label, n.heading) for n in body.walk() if n.kind.startswith("heading")]
    assert heads == [
        ("1", "总则"),
        ("1.1", "编制目的"),
        ("1.2", "编制依据"),
        ("1.3", "适用范围"),
        ("1.4", "工作原则"),
        ("2", "组织体系"),
        ("2.1", "州抗震救灾指挥部"),
    ]
    assert structure.count_units(body)["top_sections"] == 2


def test_table_rows_are_nodes_with_their_cells() -> None:
    text = (
        "某方案\n一、任务分工\n序号\t工作任务\t牵头单位\t完成时限\n"
        "1\t建成甲平台\t市发展改革委\t2025年12月底前\n2\t完善乙制度\t市司法局\t2026年6月底前\n二、保障措施\n加强领导。\n"
    )
    body = structure.parse_structure(text, kind="方案")
    table = body.find("lvl_1__table_1")
    assert table is not None and table.kind == "table"
    assert [r.attrs["cells"] for r in table.children] == [
        ["序号", "工作任务", "牵头单位", "完成时限"],
        ["1", "建成甲平台", "市发展改革委", "2025年12月底前"],
        ["2", "完善乙制度", "市司法局", "2026年6月底前"],
    ]
    assert [r.eid for r in table.children] == [
        "lvl_1__table_1__row_1",
        "lvl_1__table_1__row_2",
        "lvl_1__table_1__row_3",
    ]
    assert body.full_text() == text
    md = "某方案\n| 序号 | 任务 | 责任单位 |\n|---|---|---|\n| 1 | 建成甲平台 | 市发展改革委 |\n"
    mbody = structure.parse_structure(md, kind="方案")
    rows = [n for n in mbody.walk() if n.kind == "row"]
    assert [r.attrs.get("cells") for r in rows] == [
        ["序号", "任务", "责任单位"],
        None,
        ["1", "建成甲平台", "市发展改革委"],
    ]


def test_decimal_plan_through_the_pipeline() -> None:
    from gongbao.pipeline import parse_text

    text = (
        "某市人民政府办公室关于印发某预案的通知\n各区人民政府：\n现将《某预案》印发给你们。\n某市人民政府办公室\n"
        "2024年1月2日\n某预案\n1 总则\n1.1 编制目的\n为做好应急工作，到2025年储备\n2.5万吨物资。\n1.2 编制依据\n依据法律。\n2 组织体系\n"
    )
    (doc,) = parse_text(text).documents
    assert doc.body is not None
    got = [(n.eid, n.label) for n in doc.body.walk() if n.kind.startswith("heading")]
    assert got == [("lvl_1", "1"), ("lvl_1__lvl_1", "1.1"), ("lvl_1__lvl_2", "1.2"), ("lvl_2", "2")]
    assert "储备2.5万吨物资" in doc.text  # a quantity at a line start still continues its sentence
