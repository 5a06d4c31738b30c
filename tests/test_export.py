"""Exports of body trees: JSON, Markdown, Akoma Ntoso (validated against the OASIS schema)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from gongbao import pipeline
from gongbao.export.akn import AKN_NS, akn_text, document_to_akn, frbr_work_uri, jurisdiction, node_to_akn, validate
from gongbao.export.markdown import document_to_markdown, issue_to_markdown, node_to_markdown
from gongbao.export.tree_json import node_from_json, node_to_json
from gongbao.model import Document, Ref
from gongbao.structure import display_text, parse_structure

SAMPLE = Path(__file__).parent.parent / "samples" / "liaocheng-2024-11-12.txt"
A = f"{{{AKN_NS}}}"


@pytest.fixture(scope="module")
def issue():
    return pipeline.parse_path(SAMPLE)


def _ids(issue):
    return [d.ref for d in issue.documents]


# ------------------------------------------------------------------ AKN


def test_every_document_validates_and_round_trips(issue) -> None:
    assert len(issue.documents) == 23
    for doc in issue.documents:
        xml = document_to_akn(doc, context=issue.documents)
        assert validate(xml) == [], doc.ref
        assert akn_text(xml) == "".join(display_text(doc.body).split()), doc.ref


def test_eids_survive_in_akn(issue) -> None:
    doc = issue.find("聊城市巡游出租汽车经营服务管理办法")
    tree = etree.fromstring(document_to_akn(doc, context=issue.documents))
    point = tree.find(f".//{A}point[@eId='chp_4__art_29__para_1__point_3']")
    assert point is not None
    assert point.findtext(f"{A}num") == "（三）"
    lst = point.getparent()
    assert lst.tag == f"{A}list" and lst.get("eId") == "chp_4__art_29__para_1__list_1"
    assert lst.findtext(f"{A}intro/{A}p") == "巡游出租汽车驾驶员在营运中，禁止下列行为："
    art = tree.find(f".//{A}article[@eId='chp_4__art_29']")
    assert art.findtext(f"{A}num") == "第二十九条"
    chapters = tree.findall(f".//{A}chapter")
    assert len(chapters) == 9 and chapters[0].findtext(f"{A}heading") == "总 则"
    assert len(tree.findall(f".//{A}article")) == 50


def test_validate_reports_errors() -> None:
    bad = f'<akomaNtoso xmlns="{AKN_NS}"><act name="x"><body/></act></akomaNtoso>'.encode()
    assert validate(bad)


def test_frbr_uris(issue) -> None:
    ctx = issue.documents
    assert frbr_work_uri(issue.find("聊城市人民政府令第48号"), ctx) == "/akn/cn-sd-liaocheng/act/ling/2024-11-11/48"
    assert frbr_work_uri(issue.find("聊城市燃气管理办法"), ctx) == "/akn/cn-sd-liaocheng/act/guizhang/2017-12-15/32"
    assert (
        frbr_work_uri(issue.find("聊政办字〔2024〕17号"), ctx)
        == "/akn/cn-sd-liaocheng/act/banfa/2024-12-16/liaozhengbanzi-2024-17"
    )
    assert frbr_work_uri(issue.find("聊政办字〔2024〕18号"), ctx).startswith(
        "/akn/cn-sd-liaocheng/doc/yuan/2024-12-21/"
    )
    uris = [frbr_work_uri(d, ctx) for d in issue.documents]
    assert len(set(uris)) == len(uris)
    for u in uris:
        assert re.fullmatch(r"/akn/cn(-[a-z]+)*/(act|doc)/[a-z-]+/\d{4}-\d{2}-\d{2}/[a-z0-9-]+", u), u


def test_expression_of_republished_regulation(issue) -> None:
    xml = document_to_akn(issue.find("聊城市燃气管理办法"), context=issue.documents)
    tree = etree.fromstring(xml)
    expr = tree.find(f".//{A}FRBRExpression/{A}FRBRuri").get("value")
    assert expr == "/akn/cn-sd-liaocheng/act/guizhang/2017-12-15/32/zho@2024-11-11"
    events = tree.findall(f".//{A}lifecycle/{A}eventRef")
    assert [e.get("date") for e in events] == ["2017-12-15", "2020-01-17", "2024-11-11"]


@pytest.mark.parametrize(
    ("issuer", "basis", "want"),
    [
        ("国务院", [], "cn"),
        ("山东省人民政府", [], "cn-sd"),
        ("济南市人民政府", [Ref(doc_number="鲁政发〔2023〕1号")], "cn-sd-jinan"),
        ("成都市人民政府办公厅", [Ref(doc_number="川府发〔2022〕3号")], "cn-sc-chengdu"),
        ("某某县人民政府", [], "cn-moumou"),
    ],
)
def test_jurisdiction(issuer: str, basis: list[Ref], want: str) -> None:
    pytest.importorskip("pypinyin")
    assert jurisdiction(Document(title="t", kind="通知", issuer=issuer, legal_basis=basis)) == want


def test_synthetic_state_council_order_validates() -> None:
    text = "中华人民共和国国务院令\n第 797 号\n《某某条例》已经国务院常务会议通过，现予公布。\n总理　李强\n2024年12月20日\n某某条例\n第一章 总则\n第一条　为了规范某某活动，制定本条例。\n第二条　本条例自2025年3月1日起施行。\n"
    doc = Document(title="某某条例", kind="令", issuer="国务院", doc_number="国务院令第797号", body_mt=_mt(text))
    doc.body = parse_structure(text, kind="令")
    xml = document_to_akn(doc)
    assert validate(xml) == []
    assert frbr_work_uri(doc).startswith("/akn/cn/act/ling/")
    assert akn_text(xml) == "".join(display_text(doc.body).split())


def _mt(text: str):
    from gongbao.model import MappedText, Piece

    return MappedText(text, [Piece(0, len(text), 0, len(text))])


def test_node_fragment(issue) -> None:
    doc = issue.find("聊城市燃气管理办法")
    frag = etree.fromstring(node_to_akn(doc.body.find("chp_3__art_18")))
    assert frag.tag == f"{A}article" and len(frag.findall(f".//{A}point")) == 11


# ------------------------------------------------------------------ JSON


def test_tree_json_round_trip(issue) -> None:
    doc = issue.find("聊政办字〔2024〕18号")
    data = node_to_json(doc.body)
    assert set(data) >= {"kind", "eid", "label", "number", "heading", "text", "children"}
    back = node_from_json(json.loads(json.dumps(data, ensure_ascii=False)))
    assert back.full_text() == doc.text
    assert [n.eid for n in back.walk()] == [n.eid for n in doc.body.walk()]


# ------------------------------------------------------------------ Markdown


def test_markdown_heading_levels(issue) -> None:
    md = document_to_markdown(issue.find("聊政办字〔2024〕17号"))
    assert md.startswith("# 聊城市人民政府办公室关于印发")
    assert "\n## 聊城市农村产权流转交易管理办法（试行）\n" in md
    assert "\n### 第一章 总 则\n" in md
    assert "\n#### 第一条\n" in md
    assert "\n（一）依法、自愿、有偿，公开、公平、公正；\n" in md


def test_markdown_outline_keeps_text_and_escapes_numbers(issue) -> None:
    md = document_to_markdown(issue.find("聊政办字〔2024〕18号"))
    assert "\n## 聊城市重污染天气应急预案\n" in md
    assert "\n### 一、总则\n" in md
    assert "\n#### （一）编制目的。\n" in md
    assert "**1\\. 预警降级与解除。**当空气质量改善" in md
    assert not re.search(r"^\d+\. ", md, re.M)  # nothing renumbered as a Markdown list


def test_markdown_keeps_every_printed_character(issue) -> None:
    def squeeze(s: str) -> str:
        return re.sub(r"[\s#*\\>-]", "", s)

    for ref in ("聊城市巡游出租汽车经营服务管理办法", "聊政字〔2024〕15号", "聊政任〔2024〕17号"):
        doc = issue.find(ref)
        body = [c for c in doc.body.children if c.kind != "header"]
        want = squeeze("".join(display_text(c) for c in body))
        got = squeeze(document_to_markdown(doc).split("\n", 3)[3])
        assert got == want, ref


def test_issue_markdown(issue) -> None:
    md = issue_to_markdown(issue)
    assert md.count("\n## ") == 23
    assert node_to_markdown(issue.find("聊城市燃气管理办法").body.find("chp_1")).startswith("## 第一章 总 则")


_PIECES = st.sampled_from(
    [
        *"第一二十条款项章节（）()1.．①“”：；。，\n 附件日△年月0123456789",
        "第一条 ",
        "第二章 ",
        "（一）",
        "一、",
        "1. ",
        "- ",
        "附件：",
        "附件1\n",
        "2024年1月1日",
        "聊城市人民政府\n",
        "“（一）",
        "将第三条修改为：",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=60).map("".join), st.sampled_from([None, "令", "规章", "大事记"]))
def test_any_tree_exports_to_valid_akn(text: str, kind: str | None) -> None:
    root = parse_structure(text, kind=kind)
    doc = Document(title="t", kind=kind or "通知", body_mt=_mt(text))
    doc.body = root
    xml = document_to_akn(doc)
    assert validate(xml) == []
    assert akn_text(xml) == "".join(display_text(root).split())
    node_to_markdown(root)
