"""Issuers from every place the genre prints them; history steps; partial repeals."""

from __future__ import annotations

from datetime import date

import pytest

from gongbao.extract.document import document_facts, forwarded_instruments
from gongbao.extract.head import read_head
from gongbao.extract.issuer import (
    bodies_in_line,
    fold_date,
    from_doc_number,
    from_meeting,
    from_signature,
    from_title,
    normalize_body,
)
from gongbao.extract.metadata import find_history, find_repeals, kind_from_title, parse_history
from gongbao.pipeline import parse_text


@pytest.mark.parametrize(
    ("title", "issuers", "forwarded"),
    [
        ("国务院关于同意福建省设立漳州市龙文区的批复", ["国务院"], None),
        ("国务院办公厅转发国家地震局关于加强地震工作意见的通知", ["国务院办公厅"], "国家地震局"),
        ("山东省人民政府关于深化预算管理制度改革的实施意见", ["山东省人民政府"], None),
        ("聊城市人民政府办公室关于印发某方案的通知", ["聊城市人民政府办公室"], None),
        ("财政部 税务总局关于继续实施某政策的公告", ["财政部", "税务总局"], None),
        ("关于开展1.6升及以下节能环保汽车推广工作的通知", [], None),
    ],
)
def test_issuer_from_title(title, issuers, forwarded):
    assert from_title(title) == (issuers, forwarded)


def test_body_lines_and_national_prefix():
    assert bodies_in_line("财政部 国家发展和改革委员会 工业和信息化部") == [
        "财政部",
        "国家发展和改革委员会",
        "工业和信息化部",
    ]
    assert bodies_in_line("国 务 院") == ["国务院"]
    assert bodies_in_line("中华人民共和国国务院") == ["国务院"]
    assert normalize_body("中华人民共和国主席") == "中华人民共和国主席"
    assert bodies_in_line("湖南省人民政府办公厅文件") is None
    assert bodies_in_line("各省、自治区、直辖市人民政府：") is None


def test_signature_one_or_several_bodies_and_signer_lines():
    assert from_signature(["正文。", "国务院办公厅", "2018年12月7日"]) == ["国务院办公厅"]
    assert from_signature(["正文。", "财政部　　国家税务总局", "2020年1月1日"]) == ["财政部", "国家税务总局"]
    assert from_signature(["正文。", "教育部", "财政部", "2020年1月1日"]) == ["教育部", "财政部"]
    assert from_signature(["现发布。", "总理李鹏", "1997年8月3日"]) == []


def test_meeting_body_of_laws_and_local_regulations():
    # 菏泽市煤炭清洁生产使用监督管理条例 (real history line)
    h = (
        "（2016年12月23日菏泽市第十八届人民代表大会常务委员会第三十七次会议通过  "
        "2017年1月18日山东省第十二届人民代表大会常务委员会第二十五次会议批准）"
    )
    assert from_meeting(h) == ["菏泽市人民代表大会常务委员会"]
    assert from_meeting("1991年3月2日 第七届全国人民代表大会常务委员会第十八次会议通过") == [
        "全国人民代表大会常务委员会"
    ]
    assert from_meeting("（2001年4月29日包头市第十一届人民代表大会第四次会议通过）") == ["包头市人民代表大会"]
    assert from_meeting("（2001年10月31日国务院第46次常务会议通过 2001年12月10日国务院令第332号公布）") == ["国务院"]


def test_doc_number_codes_name_issuers():
    assert from_doc_number("国函〔1996〕38号", "国务院关于…的批复") == ["国务院"]
    assert from_doc_number("国办发〔2018〕123号", "…") == ["国务院办公厅"]
    assert from_doc_number("沈政令〔1997〕29号", "沈阳市鼓励华侨、港澳同胞投资的规定") == ["沈阳市人民政府"]
    assert from_doc_number("财建〔2013〕644号", "关于开展…的通知") == []


def test_history_steps_with_actor_and_instrument():
    events = parse_history(
        "（2000年10月31日第九届全国人民代表大会常务委员会第十八次会议通过 2000年10月31日中华人民共和国主席令"
        "第三十七号公布 自2001年1月1日起施行）"
    )
    assert [(e.date, e.event, e.actor, e.instrument) for e in events] == [
        (date(2000, 10, 31), "通过", "第九届全国人民代表大会常务委员会第十八次会议", None),
        (date(2000, 10, 31), "公布", "中华人民共和国主席", "中华人民共和国主席令第三十七号"),
        (date(2001, 1, 1), "施行", None, None),
    ]
    approved = parse_history(
        "（2016年12月23日菏泽市第十八届人民代表大会常务委员会第三十七次会议通过  "
        "2017年1月18日山东省第十二届人民代表大会常务委员会第二十五次会议批准）"
    )
    assert [e.event for e in approved] == ["通过", "批准"]
    assert approved[1].actor == "山东省第十二届人民代表大会常务委员会第二十五次会议"
    both = parse_history("（1993年10月28日天津市第十二届人民代表大会常务委员会第三次会议通过 1993年10月28日公布施行）")
    assert [e.event for e in both] == ["通过", "公布", "施行"]
    amended = parse_history(
        "2009年8月27日 第十一届全国人民代表大会常务委员会第十次会议《关于修改部分法律的决定》第一次修正"
    )
    assert (amended[0].event, amended[0].instrument) == ("第一次修正", "关于修改部分法律的决定")
    # a verb inside the amending decision's title is not a step of its own
    (e,) = parse_history("（根据2024年11月11日《某市人民政府关于修改和废止部分规章的决定》修正）")
    assert e.event == "修正"


def test_history_printed_one_step_per_line_or_over_two_lines():
    lines = [
        "中华人民共和国国徽法",
        "1991年3月2日 第七届全国人民代表大会常务委员会第十八次会议通过",
        "2009年8月27日 第十一届全国人民代表大会常务委员会第十次会议《关于修改部分法律的决定》第一次修正",
        "第一条 为了维护国徽的尊严，制定本法。",
    ]
    assert find_history(lines, 1) == (1, 3)
    two = [
        "某条例",
        "（2016年12月29日杭州市第十二届人民代表大会常务委员会第四十一次会议通过",
        "2017年3月30日浙江省…会议批准）",
        "第一条",
    ]
    assert find_history(two, 1) == (1, 3)


def test_local_regulation_passed_and_approved_through_the_pipeline():
    text = (
        "菏泽市煤炭清洁生产使用监督管理条例\n"
        "（2016年12月23日菏泽市第十八届人民代表大会常务委员会第三十七次会议通过  "
        "2017年1月18日山东省第十二届人民代表大会常务委员会第二十五次会议批准）\n"
        "第一条　为了加强煤炭清洁生产使用监督管理，制定本条例。\n"
        "第二条　本条例自2017年3月1日起施行。\n"
    )
    (doc,) = parse_text(text).documents
    assert doc.kind == "地方性法规"
    assert doc.issuer == "菏泽市人民代表大会常务委员会"
    assert (doc.passed_date, doc.approved_date) == (date(2016, 12, 23), date(2017, 1, 18))
    assert [h.event for h in doc.history] == ["通过", "批准"]


def test_order_promulgation_dates():
    paragraphs = [
        "《河北省人工影响天气管理规定》已经2010年12月14日省政府第76次常务会议通过，现予公布，自2011年2月1日起施行。",
        "省长",
        "二○一○年十二月二十五日",
    ]
    facts = document_facts(
        ["河北省人工影响天气管理规定", "政府令〔2010〕第15号", *paragraphs],
        header_lines=2,
        header_kind="order",
        title="河北省人工影响天气管理规定",
        kind="令",
        header_issuer="政府",
        signed=date(2010, 12, 25),
    )
    assert facts.issuers.names == ["河北省人民政府"]
    assert (facts.passed, facts.published) == (date(2010, 12, 14), date(2010, 12, 25))


def test_forwarded_instruments_and_body():
    refs = forwarded_instruments(
        [
            "经市七届人民政府第26次常务会议研究同意，现将新余市国有资产监督管理委员会制定的《甲办法》和《乙办法》转发给你们，请认真遵照执行。"
        ]
    )
    assert [(r.title, r.issuer, r.relation) for r in refs] == [
        ("甲办法", "新余市国有资产监督管理委员会", "forwards"),
        ("乙办法", "新余市国有资产监督管理委员会", "forwards"),
    ]


def test_partial_repeal_with_scope_and_printed_date():
    (r,) = find_repeals(
        ["本通知自印发之日起施行，不再执行《某市关于加强甲工作的通知》（某政发〔2019〕3号）中关于补贴标准的规定。"]
    )
    assert (r.relation, r.scope, r.doc_number) == ("partially_repeals", "关于补贴标准的规定", "某政发〔2019〕3号")
    (a,) = find_repeals(["《某市丙规定》第三条、第五条同时废止。"])
    assert (a.relation, a.scope) == ("partially_repeals", "第三条、第五条")
    (t,) = find_repeals(["本办法自2027年1月1日起施行，《某市乙管理办法》（某市人民政府令第5号）同时废止。"])
    assert t.relation is None and t.effective == date(2027, 1, 1)
    (w,) = find_repeals(["原《甲通知》（某政字〔2020〕5号）同时废止。"])
    assert (w.relation, w.scope, w.effective) == (None, None, None)
    assert t.to_json()["effective"] == "2027-01-01"


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("关于对十三届全国人大二次会议第1234号建议的答复", "答复"),
        ("国务院办公厅关于2019年全国政务公开情况的通报", "通报"),
        ("某市第十次全体会议纪要", "纪要"),
        ("关于同意某事项的复函", "函"),
        ("国务院关于同意福建省设立漳州市龙文区的批复", "批复"),
        ("某某统计公报", "公报"),
        ("关于提请审议某条例草案的议案", "议案"),
        ("关于某事项的请示", "请示"),
        ("某市应急预案", "预案"),
        ("某市人民代表大会关于某事项的决议", "决议"),
    ],
)
def test_kinds_of_the_regulation_on_official_documents(title, kind):
    assert kind_from_title(title) == kind


def test_head_of_a_document_title_over_three_lines_and_order_header():
    head = read_head(
        [
            "国务院关于在海南博鳌乐城国际医疗旅游先行区",
            "暂时调整实施《中华人民共和国药品管理法",
            "实施条例》有关规定的决定",
            "国发〔2018〕43号",
            "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
        ]
    )
    assert (
        head.title
        == "国务院关于在海南博鳌乐城国际医疗旅游先行区暂时调整实施《中华人民共和国药品管理法实施条例》有关规定的决定"
    )
    assert head.doc_number == "国发〔2018〕43号" and head.body_start == 4
    order = read_head(["中华人民共和国国务院令", "", "第227号", "现发布《某条例》，自发布之日起施行。"])
    assert (order.order_issuer, order.order_number, order.body_start) == ("中华人民共和国国务院令", "第227号", 3)
    assert (
        read_head(
            ["湖南省人民政府办公厅文件", "湘政办发〔2009〕24号", "湖南省人民政府办公厅关于某事的通知", "各市州："]
        ).issuer_line
        == "湖南省人民政府办公厅"
    )


def test_chinese_dates_with_stray_zeros():
    assert fold_date("二00五年六月十七日") == "二〇〇五年六月十七日"
    assert fold_date("二OO六年二月二十日") == "二〇〇六年二月二十日"
    assert fold_date("2019年11月29日") == "2019年11月29日"


def test_forwarding_line_above_the_title_is_no_issuer() -> None:
    text = (
        "国务院办公厅转发国家地震局\n关于加强地震工作意见的通知\n国办发〔1996〕21号\n"
        "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n"
        "国家地震局《关于加强地震工作的意见》已经国务院同意，现转发给你们，请认真贯彻执行。\n国务院办公厅\n1996年5月10日\n"
    )
    (doc,) = parse_text(text).documents
    assert doc.title == "国务院办公厅转发国家地震局关于加强地震工作意见的通知"
    assert (doc.issuer, doc.issuers) == ("国务院办公厅", ["国务院办公厅"])
    assert [(r.title, r.issuer, r.relation) for r in doc.forwards] == [
        ("关于加强地震工作的意见", "国家地震局", "forwards")
    ]


@pytest.mark.parametrize(
    ("printed", "when", "actor"),
    [
        (
            "《山东省某某条例》已于2023年11月30日经山东省第十四届人民代表大会常务委员会第六次会议通过，现予公布。",
            date(2023, 11, 30),
            "山东省第十四届人民代表大会常务委员会第六次会议",
        ),
        (
            "《河北省人工影响天气管理规定》已经2010年12月14日省政府第76次常务会议通过，现予公布。",
            date(2010, 12, 14),
            "省政府第76次常务会议",
        ),
        (
            "《四川省村务公开条例》已由四川省第十一届人民代表大会常务委员会第十次会议于2009年7月22日通过，现予公布。",
            date(2009, 7, 22),
            "四川省第十一届人民代表大会常务委员会第十次会议",
        ),
    ],
)
def test_adoption_told_by_the_order_or_announcement(printed: str, when: date, actor: str) -> None:
    from gongbao.extract.metadata import passed_in_text

    assert passed_in_text([printed]) == (when, actor)


def test_regulation_printed_after_its_order_inherits_issuer_and_dates() -> None:
    text = (
        "中华人民共和国国务院令\n第797号\n《某某管理条例》已经2024年11月22日国务院第46次常务会议通过，现予公布，"
        "自2025年1月1日起施行。\n总理　李强\n2024年12月6日\n某某管理条例\n第一章　总　　则\n"
        "第一条　为了加强某某管理，制定本条例。\n第二条　本条例适用于全国。\n第二章　附　　则\n第三条　本条例自2025年1月1日起施行。\n"
    )
    docs = parse_text(text).documents
    order = docs[0]
    assert (order.kind, order.issuer, order.doc_number) == ("令", "国务院", "中华人民共和国国务院令第797号")
    assert (order.signed_date, order.passed_date, order.published_date, order.effective_date) == (
        date(2024, 12, 6),
        date(2024, 11, 22),
        date(2024, 12, 6),
        date(2025, 1, 1),
    )
    if len(docs) == 2:  # the segmenter prints the regulation as a document of its own
        reg = docs[1]
        assert (reg.issuer, reg.parent, reg.passed_date, reg.published_date) == (
            "国务院",
            "中华人民共和国国务院令第797号",
            date(2024, 11, 22),
            date(2024, 12, 6),
        )


# ---- documents of several bodies (session 7, tests/data/gazettes/gwyb-2023-joint-issuers-layout.*)


def test_joint_order_header_and_signers_name_every_body():
    from gongbao.extract.issuer import find_signers, from_order_header

    assert from_order_header("中华人民共和国国家发展和改革委员会 中华人民共和国商务部令") == [
        "国家发展和改革委员会",
        "商务部",
    ]
    assert from_order_header("中华人民共和国财政部令") == ["财政部"]
    block = ["现予以发布。", "国家发展和改革委员会主任　何立峰", "商务部部长　王文涛", "2021年12月27日"]
    assert from_signature(block) == ["国家发展和改革委员会", "商务部"]
    assert find_signers(block) == [("国家发展和改革委员会主任", "何立峰"), ("商务部部长", "王文涛")]
    assert find_signers(["现予公布。", "部长　肖捷", "2017年7月11日"]) == [("部长", "肖捷")]
    assert find_signers(["特此公告。", "财政部　税务总局", "2021年4月2日"]) == []


def test_joint_numbers_cited_with_every_body():
    from gongbao.extract.docnumber import find_doc_numbers
    from gongbao.store.keys import ref_key

    # 商务部令第47号 alone is another order: the bodies before it belong to the number
    got = find_doc_numbers(
        "《外商投资准入特别管理措施（负面清单）（2021年版）》（国家发展和改革委员会、商务部令第47号）"
    )
    assert [x[2] for x in got] == ["国家发展和改革委员会商务部令第47号"]
    got = find_doc_numbers("根据财政部、税务总局公告2021年第12号")
    assert [x[2] for x in got] == ["财政部税务总局公告2021年第12号"]
    got = find_doc_numbers("（国家税务总局公告2018年第28号）、（国家税务总局公告2019年第1号）")
    assert [x[2] for x in got] == ["国家税务总局公告2018年第28号", "国家税务总局公告2019年第1号"]
    assert ref_key("中华人民共和国国家发展和改革委员会中华人民共和国商务部令第47号") == ref_key(
        "国家发展和改革委员会、商务部令第47号"
    )
    assert ref_key("财政部、税务总局公告2021年第12号") == ref_key("财政部 税务总局公告2021年第12号")


def test_a_documents_own_term():
    from gongbao.extract.metadata import find_expiry, find_term

    paras = ["三、本公告执行期限为2021年1月1日至2022年12月31日。", "特此公告。"]
    assert find_term(paras) == (date(2021, 1, 1), date(2022, 12, 31))
    assert find_expiry(paras, None) == date(2022, 12, 31)
    # a term of a policy the document names is not its own
    assert find_term(["二、上述政策执行期限延长至2023年12月31日。"]) is None
