"""Metadata formulae of Chinese official documents, one behaviour per row."""

from __future__ import annotations

from datetime import date

import pytest

from gongbao.extract.appointments import extract_appointments
from gongbao.extract.chronicle import extract_events
from gongbao.extract.docnumber import DocNumber, find_doc_numbers, normalize_doc_number
from gongbao.extract.metadata import (
    find_amended,
    find_attachments,
    find_effective,
    find_expiry,
    find_legal_basis,
    find_repeals,
    instrument_title,
    kind_from_title,
    parse_history,
    titled_refs,
)


@pytest.mark.parametrize(
    ("printed", "normal"),
    [
        ("聊政字〔2024〕15号", "聊政字〔2024〕15号"),
        ("聊政字[2024] 15 号", "聊政字〔2024〕15号"),
        ("鲁政办字【2023】095号", "鲁政办字〔2023〕95号"),
        ("国发（2024）1号", "国发〔2024〕1号"),
        ("聊城市人民政府令第 48 号", "聊城市人民政府令第48号"),
        ("国务院令第797号", "国务院令第797号"),
        # numbered by year (ministries since ~2016; Shanghai's orders)
        ("交通运输部令2019年第46号", "交通运输部令2019年第46号"),
        ("国家税务总局公告 2018 年第 28 号", "国家税务总局公告2018年第28号"),
        ("财政部 税务总局 海关总署公告2019年第39号", "财政部税务总局海关总署公告2019年第39号"),
        ("2016年沪府令第48号", "2016年沪府令第48号"),
        ("第三条", None),
        ("2019年第46号", None),
    ],
)
def test_doc_number_normal_form(printed, normal):
    assert normalize_doc_number(printed) == normal


def test_doc_number_in_running_text_drops_preceding_words():
    found = find_doc_numbers(
        "关于废止聊政发〔2021〕5号行政规范性文件的通知，(2018年12月29日聊城市人民政府令第34号公布)"
    )
    assert [n for _, _, n in found] == ["聊政发〔2021〕5号", "聊城市人民政府令第34号"]


def test_doc_number_codes_holding_jing():
    """经 of 经济 in a code (浦科经委规: 科技和经济委员会) is kept; 经 the verb before a code is not.
    Real sentence: 浦科经委规〔2024〕11号 (tests/data/documents/validity/)."""
    text = (
        "经评估，2023年11月浦东新区科技和经济委员会印发的《浦东新区促进存量产业用地提质增效实施细则(试行)》"
        "(浦科经委规〔2023〕5号)需继续实施，有效期延长至2026年12月3日。"
    )
    assert [n for _, _, n in find_doc_numbers(text)] == ["浦科经委规〔2023〕5号"]


def test_doc_numbers_numbered_by_year_in_running_text():
    """Real sentences: a Shanghai transport notice of 2020 (public SQL dump in a GitHub repository,
    code-index file id 5689572477) and a tax compliance rule citing the 2018 deduction-voucher
    rules (code-index file id 71015009538)."""
    text = (
        "根据《网络预约出租汽车经营服务管理暂行办法》（交通运输部令2019年第46号）和《上海市网络预约出租汽车"
        "经营服务管理若干规定》（2016年沪府令第48号）的有关规定，自2020年8月17日起，"
        "《企业所得税税前扣除凭证管理办法》（国家税务总局公告2018年第28号）"
    )
    found = find_doc_numbers(text)
    assert [n for _, _, n in found] == [
        "交通运输部令2019年第46号",
        "2016年沪府令第48号",
        "国家税务总局公告2018年第28号",
    ]
    assert [text[a:b] for a, b, _ in found] == [n for _, _, n in found]
    refs = titled_refs(text)
    assert [(r.title, r.doc_number) for r in refs] == [
        ("网络预约出租汽车经营服务管理暂行办法", "交通运输部令2019年第46号"),
        ("上海市网络预约出租汽车经营服务管理若干规定", "2016年沪府令第48号"),
        ("企业所得税税前扣除凭证管理办法", "国家税务总局公告2018年第28号"),
    ]


def test_doc_number_value_class_round_trip():
    d = DocNumber.parse("聊政办字〔2024〕17号")
    assert d is not None and (d.code, d.year, d.serial, d.is_order) == ("聊政办字", 2024, 17, False)
    assert DocNumber.parse(d.text) == d


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("聊城市人民政府关于推进地热能开发利用的实施意见", "意见"),
        ("关于印发聊城市重污染天气应急预案的通知", "通知"),
        ("关于任免赵某等工作人员职务的通知", "任免通知"),
        ("聊城市农村产权流转交易管理办法（试行）", "办法"),
        ("聊城市大健康产业发展规划（2024—2028年）", "规划"),
        ("某市市场主体住所登记管理实施细则", "细则"),
    ],
)
def test_kind_from_title(title, kind):
    assert kind_from_title(title) == kind


@pytest.mark.parametrize(
    ("title", "instrument"),
    [
        ("某市人民政府关于印发某市甲实施方案的通知", "某市甲实施方案"),
        ("某市人民政府办公室印发关于加强乙工作的若干措施的通知", "关于加强乙工作的若干措施"),
        ("某省人民政府关于印发《丙办法》的通知", "丙办法"),
        ("某市人民政府关于调整丁事项的通知", None),
    ],
)
def test_instrument_title(title, instrument):
    assert instrument_title(title) == instrument


SIGNED = date(2024, 12, 16)


@pytest.mark.parametrize(
    ("paragraph", "effective", "expiry"),
    [
        ("本通知自印发之日起施行。", SIGNED, None),
        ("本决定自公布之日起施行。", SIGNED, None),
        ("本办法自2025年2月1日起施行，有效期至2027年1月31日。", date(2025, 2, 1), date(2027, 1, 31)),
        ("本意见自2025年1月1日起施行，有效期5年。", date(2025, 1, 1), date(2029, 12, 31)),
        ("请认真贯彻执行。", None, None),
    ],
)
def test_effective_and_expiry(paragraph, effective, expiry):
    eff = find_effective([paragraph], SIGNED)
    assert eff == effective
    assert find_expiry([paragraph], eff) == expiry


def test_quoted_amendment_text_is_not_the_documents_own_clause():
    assert find_effective(["“本办法自2019年1月1日起施行。”"], SIGNED) is None


@pytest.mark.parametrize(
    ("paragraph", "keys"),
    [
        ("本通知自印发之日起施行。原《甲通知》（某政字〔2020〕5号）同时废止。", ["某政字〔2020〕5号"]),
        ("三、废止《乙办法》（2018年12月29日某市人民政府令第34号公布）", ["某市人民政府令第34号"]),
        ("决定对《丙意见》（某政发〔2021〕5号，“三统一”编号X—2021—001）进行废止。", ["某政发〔2021〕5号"]),
        ("《丁通知》（某政办字〔2023〕25号）中的《戊预案》同时废止。", ["某政办字〔2023〕25号"]),
        ("《某市人民政府关于修改和废止部分规章的决定》已经市政府常务会议通过，现予公布。", []),
    ],
)
def test_repeals(paragraph, keys):
    assert [r.key() for r in find_repeals([paragraph])] == keys


def test_repeal_of_part_keeps_the_part_title():
    (r,) = find_repeals(["《丁通知》（某政办字〔2023〕25号）中的《戊预案》同时废止。"])
    assert (r.doc_number, r.title) == ("某政办字〔2023〕25号", "戊预案")


def test_provisions_of_two_instruments_no_longer_in_force():
    """全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定 (2024-09-13), 五 (GitHub
    Theonefkguy/Chinese-Laws, 其他/…关于实施渐进式延迟法定退休年龄的决定(2024-09-13).md @ 08eb6c2a):
    the part named after the second title is the part of both; neither is repealed whole."""
    p = (
        "五、本决定自2025年1月1日起施行。第五届全国人民代表大会常务委员会第二次会议批准的《国务院关于安置老弱病残"
        "干部的暂行办法》和《国务院关于工人退休、退职的暂行办法》中有关退休年龄的规定不再施行。"
    )
    assert [(r.title, r.relation, r.scope) for r in find_repeals([p])] == [
        ("国务院关于安置老弱病残干部的暂行办法", "partially_repeals", "有关退休年龄的规定"),
        ("国务院关于工人退休、退职的暂行办法", "partially_repeals", "有关退休年龄的规定"),
    ]


def test_history_amendment_by_an_approved_decision_names_it():
    """淄博市节约能源条例 (GitHub LawRefBook/Laws, DLC/山东地方法规/地方性法规/山东/
    淄博市节约能源条例(2020-09-28).md @ 79f1a0f9): the 修正 step names the decision printed before it."""
    line = (
        "（2013年10月24日淄博市第十四届人民代表大会常务委员会第十五次会议通过　2013年11月29日山东省第十二届"
        "人民代表大会常务委员会第五次会议批准　2020年8月27日淄博市第十五届人民代表大会常务委员会第三十六次会议"
        "通过并经2020年9月25日山东省第十三届人民代表大会常务委员会第二十三次会议批准的《淄博市人民代表大会常务"
        "委员会关于修改〈淄博市节约能源条例〉等九件地方性法规的决定》修正）"
    )
    steps = [(e.date.isoformat(), e.event, e.by) for e in parse_history(line)]
    assert steps == [
        ("2013-10-24", "通过", None),
        ("2013-11-29", "批准", None),
        ("2020-08-27", "通过", None),
        ("2020-09-25", "批准", None),
        ("2020-09-25", "修正", "淄博市人民代表大会常务委员会关于修改〈淄博市节约能源条例〉等九件地方性法规的决定"),
    ]


def test_effective_on_publication_of_a_regulation_printed_with_its_history():
    """中国人民银行货币政策委员会条例 (GitHub Theonefkguy/Chinese-Laws, 行政法规/中国人民银行货币政策委员会条例
    (2024-01-13).md @ 08eb6c2a; first and last articles): 自发布之日起施行 is the 发布 step's date."""
    from gongbao.pipeline import parse_text

    text = (
        "中国人民银行货币政策委员会条例\n"
        "（1997年4月15日中华人民共和国国务院令第215号发布　2024年1月13日《国务院关于修改部分行政法规和国务院决定的决定》修订）\n"
        "第一章 总 则\n"
        "第一条 为了有助于国家货币政策的正确制定，根据中国人民银行法的规定，制定本条例。\n"
        "第五章 附 则\n"
        "第二十六条 本条例自发布之日起施行。\n"
    )
    (doc,) = parse_text(text).documents
    assert (doc.published_date, doc.effective_date) == (date(1997, 4, 15), date(1997, 4, 15))


def test_legal_basis_in_preamble_and_citations_elsewhere():
    paragraphs = [
        "为持续改善空气质量，根据《某省实施方案》（鲁政字〔2024〕102号）要求，结合实际，制定本方案。",
        "一、总体要求",
        "按照《某法》的相关规定处理；根据《某意见》形成审批表。",
        "根据《某价格通知》（某发改价格〔2022〕135号）规定的水价计收。",
    ]
    keys = [r.key() for r in find_legal_basis(paragraphs)]
    assert keys == ["鲁政字〔2024〕102号", "某发改价格〔2022〕135号"]


def test_basis_listed_under_a_heading():
    paragraphs = ["（二）编制依据。", "《中华人民共和国大气污染防治法》《某省条例》等。"]
    assert [r.title for r in find_legal_basis(paragraphs)] == ["中华人民共和国大气污染防治法", "某省条例"]


def test_abbreviation_is_not_another_instrument():
    refs = find_legal_basis(["根据《甲技术指南（2020年修订版）》（以下简称《指南》），制定本预案。"])
    assert [r.title for r in refs] == ["甲技术指南（2020年修订版）"]


def test_amended_regulations_of_a_decision():
    refs = find_amended(
        ["一、对《甲办法》（某市人民政府令第32号）作出修改", "《甲办法》《乙办法》根据本决定作相应修改，重新公布。"]
    )
    assert [(r.doc_number, r.title) for r in refs] == [("某市人民政府令第32号", "甲办法"), (None, "乙办法")]


def test_attachments_numbered_and_omitted():
    atts = find_attachments(["附件：1. 甲表（略）", "2. 乙名单（略）", "某市人民政府"])
    assert [(a.number, a.title, a.omitted) for a in atts] == [(1, "甲表", True), (2, "乙名单", True)]
    (single,) = find_attachments(["附件：丙名单"])
    assert (single.title, single.omitted) == ("丙名单", False)


def test_history_line():
    events = parse_history(
        "（2017年12月15日某市人民政府令第32号公布 根据2020年1月17日《某市人民政府关于修改〈甲办法〉的决定》第一次修正"
        " 根据2024年11月11日《某决定》第二次修正）"
    )
    assert [(e.date.isoformat(), e.event) for e in events] == [
        ("2017-12-15", "公布"),
        ("2020-01-17", "第一次修正"),
        ("2024-11-11", "第二次修正"),
    ]
    assert events[0].by == "某市人民政府令第32号"


def test_appointments_all_actions_and_notes():
    ps = [
        "市人民政府决定，任命：",
        "张三为某市甲局副局长（列李四之后）；",
        "王五为某市乙中心主任（试用期一年）；",
        "免去：",
        "赵六的某市甲局局长、某市丙中心（某市丁中心）主任职务；",
        "张三的原某市甲局总督学职务自然免除。",
    ]
    got = [
        (a.action, a.person, a.post, a.probation_years, a.note)
        for a in extract_appointments(ps, "某任〔2024〕1号", None)
    ]
    assert got == [
        ("appoint", "张三", "某市甲局副局长", None, "列李四之后"),
        ("appoint", "王五", "某市乙中心主任", 1, None),
        ("remove", "赵六", "某市甲局局长", None, None),
        ("remove", "赵六", "某市丙中心（某市丁中心）主任", None, None),
        ("lapse", "张三", "某市甲局总督学", None, None),
    ]


def test_chronicle_same_day_and_ranges():
    events = extract_events(["1日，甲会议召开。", "△乙活动举行。", "4-6日，丙调研。", "继续丙的内容。"], 2024, 11)
    assert [(e.date.day, e.same_day) for e in events] == [(1, False), (1, True), (4, False)]
    assert events[-1].text.endswith("继续丙的内容。")


@pytest.mark.parametrize(
    ("title", "history", "kind"),
    [
        ("聊城市燃气管理办法", "（2017年12月15日聊城市人民政府令第32号公布）", "规章"),
        ("中华人民共和国统计法", "（1983年12月8日第六届全国人民代表大会常务委员会第三次会议通过）", "法律"),
        ("某某管理条例", "（2010年1月1日中华人民共和国国务院令第570号公布）", "行政法规"),
        (
            "山东省大气污染防治条例",
            "（2016年7月22日山东省第十二届人民代表大会常务委员会第二十二次会议通过）",
            "地方性法规",
        ),
        ("全国人民代表大会常务委员会关于修改《中华人民共和国审计法》的决定", "（2021年10月23日…会议通过）", "决定"),
    ],
)
def test_legislation_kind(title, history, kind):
    from gongbao.extract.metadata import legislation_kind

    assert legislation_kind(title, history) == kind


def test_inline_appointments_national_style():
    ps = [
        "国务院任免国家工作人员",
        "任命张三为某部副部长；任命李四为某局局长（试用期一年）。",
        "免去王五的某部副部长职务。",
    ]
    got = [(a.action, a.person, a.post, a.probation_years) for a in extract_appointments(ps, None, None)]
    assert got == [
        ("appoint", "张三", "某部副部长", None),
        ("appoint", "李四", "某局局长", 1),
        ("remove", "王五", "某部副部长", None),
    ]


def test_chronicle_of_a_year_names_the_month_in_each_entry():
    from gongbao.extract.chronicle import chronicle_month

    assert chronicle_month("某市人民政府大事记（2024年）") == (2024, None)
    events = extract_events(["1月3日，甲会议召开。", "△乙活动。", "2月1日，丙调研。", "5日，丁会议。"], 2024, None)
    assert [e.date.isoformat() for e in events] == ["2024-01-03", "2024-01-03", "2024-02-01", "2024-02-05"]
