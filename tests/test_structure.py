"""The structure parser on the sample gazette's documents, and its invariants.

Fixture texts (tests/data/structure/docNN.txt) are the sample's documents sliced by
line ranges and re-joined across page breaks (see make_fixtures.py); when the parse
pipeline is importable the same checks also run on its documents (test_structure_pipeline).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from gongbao.model import Node
from gongbao.structure import count_units, display_text, parse_structure

DATA = Path(__file__).parent / "data"
FIX = DATA / "structure"
INDEX = json.loads((FIX / "fixtures.json").read_text(encoding="utf-8"))
GOLD = json.loads((DATA / "liaocheng-2024-11-12.parse.json").read_text(encoding="utf-8"))["documents"]
ARTICLES = json.loads((FIX / "republished_articles.gold.json").read_text(encoding="utf-8"))["regulations"]


def fixture(key: str) -> tuple[str, dict]:
    """(text, index entry) of the fixture whose doc_number or title is ``key``."""
    for entry in INDEX:
        if key in (entry["doc_number"], entry["title"]):
            return (FIX / entry["file"]).read_text(encoding="utf-8"), entry
    raise KeyError(key)


def parsed(key: str) -> Node:
    text, entry = fixture(key)
    return parse_structure(text, kind=entry["kind"])


def by_kind(root: Node, kind: str) -> list[Node]:
    return [n for n in root.walk() if n.kind == kind]


# ------------------------------------------------------------------ counts


@pytest.mark.parametrize(
    ("key", "chapters", "articles"),
    [
        ("聊城市燃气管理办法", 8, 46),
        ("聊城市巡游出租汽车经营服务管理办法", 9, 50),
        ("聊政办字〔2024〕17号", 8, 28),
        ("聊政办字〔2024〕20号", 6, 24),
        ("聊政办字〔2024〕22号", 5, 27),
    ],
)
def test_regulation_counts(key: str, chapters: int, articles: int) -> None:
    c = count_units(parsed(key))
    assert (c["chapters"], c["articles"]) == (chapters, articles)


def test_plan_top_sections() -> None:
    assert count_units(parsed("聊政办字〔2024〕18号"))["top_sections"] == 10


@pytest.mark.parametrize("index", range(len(GOLD)), ids=lambda i: GOLD[i].get("doc_number") or GOLD[i]["title"])
def test_counts_match_gold(index: int) -> None:
    g = GOLD[index]
    entry = INDEX[index]
    assert entry["title"] == g["title"]
    root = parse_structure((FIX / entry["file"]).read_text(encoding="utf-8"), kind=g["kind"])
    want = {k: g["counts"].get(k, 0) for k in ("chapters", "articles", "top_sections")}
    assert count_units(root) == want


# ------------------------------------------------------------------ per-article gold


@pytest.mark.parametrize("title", sorted(ARTICLES))
def test_republished_paragraphs_and_items(title: str) -> None:
    root = parsed(title)
    got = {}
    for art in by_kind(root, "article"):
        paras = [c for c in art.children if c.kind == "paragraph"]
        got[str(art.number)] = {
            "paragraphs": len(paras),
            "items": [sum(1 for x in p.children if x.kind == "item") for p in paras],
        }
    assert got == ARTICLES[title]


def test_article_paragraph_item_ids() -> None:
    root = parsed("聊城市巡游出租汽车经营服务管理办法")
    node = root.find("chp_4__art_29__para_1__point_3")
    assert node is not None and node.label == "（三）" and node.number == 3
    assert display_text(node).startswith("（三）拒载、途中甩客、故意绕道行驶")
    art10 = root.find("chp_2__art_10")
    assert art10 is not None and [c.eid for c in art10.children] == [
        "chp_2__art_10__para_1",
        "chp_2__art_10__para_2",
        "chp_2__art_10__para_3",
    ]
    # the four 项 of 第十条 belong to its third 款, which introduces them
    assert len(root.find("chp_2__art_10__para_3").children) == 4


def test_dash_prefixed_items_are_items() -> None:
    root = parsed("聊城市燃气管理办法")
    art = root.find("chp_4__art_27")
    items = [n for n in art.walk() if n.kind == "item"]
    assert len(items) == 11
    assert items[0].text.startswith("- （一）") and items[0].label == "（一）"
    assert display_text(items[0]) == "（一）盗用燃气、损坏燃气设施；"


def test_history_and_header_of_republished() -> None:
    root = parsed("聊城市燃气管理办法")
    kinds = [c.kind for c in root.children[:3]]
    assert kinds == ["header", "history", "chapter"]
    assert root.children[1].text.lstrip().startswith("(2017年12月15日")
    assert root.children[2].heading == "总则"


# ------------------------------------------------------------------ shapes


def test_issuing_notice_has_cover_and_instrument() -> None:
    root = parsed("聊政办字〔2024〕17号")
    assert [c.kind for c in root.children] == ["header", "recipients", "cover", "instrument"]
    cover = root.find("cover")
    assert [c.eid for c in cover.children] == ["cover__para_1", "cover__signature"]
    assert display_text(cover.children[-1]) == "聊城市人民政府办公室\n2024年12月16日"
    instrument = root.find("instrument")
    assert instrument.children[0].kind == "title"
    assert instrument.children[0].heading == "聊城市农村产权流转交易管理办法（试行）"
    assert root.find("chp_1__art_1") is not None


def test_recipients_split_mid_line() -> None:
    # the extractor put the cover's last words after the recipients' colon
    root = parsed("聊政办字〔2024〕23号")
    rec = root.find("recipients")
    assert display_text(rec).endswith("直属机构：")
    assert display_text(root.find("cover__para_1")) == "请认真贯彻执行。"


def test_decision_quotes_are_instruction_content() -> None:
    root = parsed("聊城市人民政府令第48号")
    assert [c.kind for c in root.children] == ["header", "cover", "instrument"]
    decision = root.find("instrument")
    tops = [c for c in decision.children if c.kind == "heading1"]
    assert [t.label for t in tops] == ["一、", "二、", "三、"]
    instructions = by_kind(root, "instruction")
    assert [i.number for i in instructions] == list(range(1, 57))
    # nothing quoted became structure: no items, articles, or (一) headings
    assert not [n for n in root.walk() if n.kind in ("item", "article", "heading2")]
    ten = root.find("lvl_1__lvl_10")
    assert display_text(ten).count("\n") == 11  # the instruction and its 11 quoted items
    assert display_text(ten).endswith("“（十一）法律、法规禁止的其他行为。”")
    seven = root.find("lvl_1__lvl_7")
    assert display_text(seven).endswith("删去第二款。")


def test_outline_plan_levels() -> None:
    root = parsed("聊政办字〔2024〕18号")
    n = root.find("lvl_4__lvl_4__lvl_4__lvl_1__lvl_1")
    assert n is not None and n.kind == "heading5" and n.label == "①"
    assert n.heading == "公众防护措施"
    assert root.find("lvl_4__lvl_4__lvl_1__lvl_2").kind == "heading4"
    atts = root.find("attachments")
    assert [a.eid for a in atts.children] == ["attachments__att_1", "attachments__att_2"]


def test_unit_clause_stays_in_item() -> None:
    root = parsed("聊政字〔2024〕15号")
    item = root.find("lvl_2__lvl_1__lvl_1")
    assert item.kind == "heading3"
    assert "（牵头单位：市生态环境局" in item.text
    assert not [c for c in item.children if c.kind == "paragraph"]


def test_appointments_and_chronicle() -> None:
    root = parsed("聊政任〔2024〕17号")
    appts = by_kind(root, "appointment")
    assert len(appts) == 5
    assert display_text(appts[0]).endswith("（试用期一年）；")
    assert root.children[-1].kind == "signature"
    cron = parsed("聊城市人民政府大事记(2024年12月)")
    entries = by_kind(cron, "entry")
    assert entries[0].eid == "entry_1" and entries[0].label == "2日"
    assert sum(1 for e in entries if e.label == "△") >= 5


def test_attachments_with_broken_title() -> None:
    root = parsed("聊政字〔2024〕16号")
    atts = root.find("attachments")
    assert len(atts.children) == 3
    assert display_text(atts.children[0]).endswith("调整情况（略）")
    assert root.children[-1].kind == "signature"


# ------------------------------------------------------------------ other shapes (synthetic, genre-typical)

SECTIONS = """某省安全生产条例
第一章 总则
第一条 为了加强安全生产工作，制定本条例。
第二章 生产经营单位的安全生产保障
第一节 一般规定
第二条 生产经营单位应当具备安全生产条件。
第三条 生产经营单位的主要负责人对本单位安全生产工作负有下列职责：
（一）建立健全安全生产责任制；
（二）组织制定安全生产规章制度：
1. 安全检查制度；
2. 教育培训制度。
第二节 从业人员
第四条 从业人员有权了解作业场所的危险因素。
从业人员应当遵守本单位的安全生产规章制度。
"""

STATE_COUNCIL = """中华人民共和国国务院令
第797号
《国务院关于修改和废止部分行政法规的决定》已经2024年12月6日国务院第48次常务会议通过，现予公布，自2025年1月20日起施行。
总理　李强
2024年12月6日
国务院关于修改和废止部分行政法规的决定
为全面贯彻党的二十大精神，国务院对涉及的行政法规进行了清理。经过清理，国务院决定：
一、对10部行政法规的部分条款予以修改。（附件1）
二、对5部行政法规予以废止。（附件2）
本决定自2025年1月20日起施行。
附件：1．国务院决定修改的行政法规
2．国务院决定废止的行政法规
附件1
国务院决定修改的行政法规
一、将《某某条例》第三条修改为：“国务院有关部门按照职责分工负责某某工作。”
二、删去《某某办法》第十条第二款。
附件2
国务院决定废止的行政法规
1．某某暂行条例（1990年1月1日国务院发布）
2．某某规定（1995年2月2日国务院批准）
"""

NATIONAL_LAW = """中华人民共和国行政处罚法
（1996年3月17日第八届全国人民代表大会第四次会议通过　根据2009年8月27日第十一届全国人民代表大会常务委员会第十次会议《关于修改部分法律的决定》第一次修正　2021年1月22日第十三届全国人民代表大会常务委员会第二十五次会议修订）
目　　录
第一章　总　　则
第二章　行政处罚的种类和设定
第三章　附　　则
第一章　总　　则
第一条　为了规范行政处罚的设定和实施，保障和监督行政机关有效实施行政管理，维护公共利益和社会秩序，保护公民、法人或者其他组织的合法权益，根据宪法，制定本法。
第二条　行政处罚是指行政机关依法对违反行政管理秩序的公民、法人或者其他组织，以减损权益或者增加义务的方式予以惩戒的行为。
第二章　行政处罚的种类和设定
第三条　行政处罚的种类：
（一）警告、通报批评；
（二）罚款、没收违法所得、没收非法财物；
（三）法律、行政法规规定的其他行政处罚。
第三章　附　　则
第四条　本法自2021年7月15日起施行。
"""

CIRCLED_PLAN = """某市行动方案
为推进工作，制定本方案。
一、重点任务
（一）强化监测。
1. 完善监测网络。
（1）城区站点。
①新增站点10个。
②更新设备。
（2）县域站点。
二、保障措施
加强组织领导。
"""


def test_sections_in_chapter() -> None:
    root = parse_structure(SECTIONS)
    assert root.find("chp_2__sec_1__art_3") is not None
    assert root.find("chp_2__sec_1__art_3__para_1__point_2__point_1").kind == "subitem"
    assert root.find("chp_2__sec_2__art_4__para_2") is not None
    assert count_units(root) == {"chapters": 2, "articles": 4, "top_sections": 0}


def test_state_council_order_with_attached_texts() -> None:
    root = parse_structure(STATE_COUNCIL, kind="令")
    assert [c.kind for c in root.children] == ["header", "cover", "instrument"]
    assert display_text(root.find("cover__signature")) == "总理　李强\n2024年12月6日"
    decision = root.find("instrument")
    assert [c.kind for c in decision.children] == [
        "title", "preamble", "heading1", "heading1", "attachments", "annex", "annex",
    ]  # fmt: skip
    # "国务院决定：" introduces the decision's units, not a list of appointments
    assert not [n for n in root.walk() if n.kind == "appointment"]
    assert root.find("annex_1__title").heading == "国务院决定修改的行政法规"
    assert root.find("annex_1__lvl_1").kind == "instruction"
    assert display_text(root.find("annex_1__lvl_2")) == "二、删去《某某办法》第十条第二款。"
    assert root.find("annex_2__lvl_2").label == "2．"
    # the attached texts are not units of the decision
    assert count_units(root) == {"chapters": 0, "articles": 0, "top_sections": 2}


def test_national_law_with_table_of_contents() -> None:
    root = parse_structure(NATIONAL_LAW)
    assert [c.kind for c in root.children[:4]] == ["header", "history", "toc", "chapter"]
    assert display_text(root.find("toc")).endswith("第三章　附　　则")
    assert root.find("chp_2__art_3__para_1__point_3") is not None
    assert count_units(root) == {"chapters": 3, "articles": 4, "top_sections": 0}


ROSTER_NOTICE = """某某市人民政府办公室
某政办字〔2024〕3号
某某市人民政府办公室关于成立某某领导小组的通知
各县（市、区）人民政府：
为加强领导，决定成立某某领导小组。组成人员名单见附件。
附件：某某领导小组组成人员名单
某某市人民政府办公室
2024年3月1日
（此件公开发布）
附件
某某领导小组组成人员名单
组　长：张三　市人民政府副市长
副组长：李四　市人民政府副秘书长
抄送：市委各部门，市人大常委会办公室。
某某市人民政府办公室　　2024年3月1日印发
"""


def test_notice_with_attached_roster() -> None:
    root = parse_structure(ROSTER_NOTICE)
    kinds = [c.kind for c in root.children]
    assert kinds == ["header", "recipients", "paragraph", "attachments", "signature", "annex", "distribution"]
    assert display_text(root.find("distribution")).endswith("2024年3月1日印发")
    assert display_text(root.find("signature")).endswith("（此件公开发布）")
    # roster lines are separate lines, not one paragraph broken by a page
    assert [c.eid for c in root.find("annex_1").children] == ["annex_1__title", "annex_1__para_1", "annex_1__para_2"]


def test_circled_outline() -> None:
    root = parse_structure(CIRCLED_PLAN)
    assert root.find("preamble__para_1") is not None
    assert root.find("lvl_1__lvl_1__lvl_1__lvl_1__lvl_2").label == "②"
    assert root.find("lvl_1__lvl_1__lvl_1__lvl_2").kind == "heading4"
    assert root.find("lvl_2__para_1") is not None
    assert count_units(root)["top_sections"] == 2


# ------------------------------------------------------------------ invariants


def _check_invariants(text: str, root: Node) -> None:
    assert root.full_text() == text
    pos = 0
    for node in root.walk():
        assert node.start == pos, node.eid
        assert node.text == text[node.start : node.end]
        pos = node.end
    assert pos == len(text)
    ids = [n.eid for n in root.walk() if n is not root]
    assert all(ids) and len(ids) == len(set(ids))


@pytest.mark.parametrize("entry", INDEX, ids=lambda e: e["file"])
def test_fixture_invariants(entry: dict) -> None:
    text = (FIX / entry["file"]).read_text(encoding="utf-8")
    root = parse_structure(text, kind=entry["kind"])
    _check_invariants(text, root)
    again = parse_structure(text, kind=entry["kind"])
    assert [n.eid for n in root.walk()] == [n.eid for n in again.walk()]


_ALPHABET = st.sampled_from(
    [
        *list("第一二三十百条款项章节编、（）()1.．①②—-“”：；。，\n \u3000附件日△年月0123456789"),
        "第一条 ",
        "第二章 ",
        "（一）",
        "一、",
        "1. ",
        "- ",
        "附件：",
        "2024年1月1日",
        "聊城市人民政府\n",
        "“（一）",
        "将第三条修改为：",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
@example("；聊城市人民政府\n2024年1月1日\n第")  # text after a signature went back into the preamble
def test_never_raises_and_covers_text(text: str) -> None:
    root = parse_structure(text)
    _check_invariants(text, root)
    assert [n.eid for n in parse_structure(text).walk()] == [n.eid for n in root.walk()]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text(text: str) -> None:
    root = parse_structure(text)
    _check_invariants(text, root)


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from([e["file"] for e in INDEX]),
    st.lists(
        st.tuples(st.sampled_from(["drop", "dup", "cut", "swap"]), st.integers(0, 10**6), st.integers(0, 10**6)),
        max_size=6,
    ),
    st.sampled_from([None, "令", "规章", "大事记", "通知"]),
)
def test_damaged_real_documents_keep_the_invariants(name: str, ops: list, kind: str | None) -> None:
    """Real documents with lines dropped, repeated, cut or swapped still parse to a tree
    that covers the text once, with unique ids."""
    lines = (FIX / name).read_text(encoding="utf-8").split("\n")
    for op, a, b in ops:
        if not lines:
            break
        i, j = a % len(lines), b % len(lines)
        if op == "drop":
            del lines[i]
        elif op == "dup":
            lines.insert(i, lines[j])
        elif op == "cut":
            lines[i] = lines[i][: b % (len(lines[i]) + 1)]
        else:
            lines[i], lines[j] = lines[j], lines[i]
    text = "\n".join(lines)
    _check_invariants(text, parse_structure(text, kind=kind))


def test_headings_printed_on_two_lines() -> None:
    plan = "某方案\n一、创新发展节水产业\n（一）培育节水服务企业。实施。\n二、坚持“政产学研用金”一体\n联动\n（二）为“产学研用”提供政策。\n三、保障措施\n加强组织领导\n各部门要落实责任。\n"
    root = parse_structure(plan)
    assert root.find("lvl_2").heading == "坚持“政产学研用金”一体联动"
    assert display_text(root.find("lvl_2")).startswith("二、坚持“政产学研用金”一体联动\n（二）")
    # a short line after a heading that is followed by text, not a unit, is a paragraph
    assert [c.eid for c in root.find("lvl_3").children] == ["lvl_3__para_1", "lvl_3__para_2"]
    reg = "某办法\n第一章 总则\n第一条 甲。\n第二章 燃气发展规划与\n工程建设\n第二条 乙。\n第三章\n附则\n第三条 丙。\n"
    root = parse_structure(reg)
    assert [n.heading for n in root.walk() if n.kind == "chapter"] == ["总则", "燃气发展规划与工程建设", "附则"]
    assert count_units(root) == {"chapters": 3, "articles": 3, "top_sections": 0}


def test_notice_issuing_its_instrument_as_an_attachment() -> None:
    text = (
        "某市人民政府\n某政发〔2024〕1号\n某市人民政府关于印发某办法的通知\n各区人民政府：\n"
        "现将《某办法》印发给你们，请认真贯彻执行。\n附件：某办法\n某市人民政府\n2024年1月1日\n"
        "附件\n某办法\n第一章 总则\n第一条 甲。\n第二条 乙。\n"
    )
    root = parse_structure(text)
    assert [c.kind for c in root.children][-2:] == ["signature", "annex"]
    assert root.find("annex_1__chp_1__art_2") is not None
    # the counts are those of the issued instrument
    assert count_units(root) == {"chapters": 1, "articles": 2, "top_sections": 0}
    # an annex does not decide the mode of the notice's own body
    plan = text.replace(
        "现将《某办法》印发给你们，请认真贯彻执行。", "一、总体要求\n做好工作。\n二、保障措施\n加强领导。"
    )
    root = parse_structure(plan.replace("印发某办法", "做好某工作"))
    assert count_units(root) == {"chapters": 0, "articles": 0, "top_sections": 2}
