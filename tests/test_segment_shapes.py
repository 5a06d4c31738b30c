"""Table-driven layout shapes: one row per TOC form, header form, kind of title and piece of
page furniture. Every row builds a small issue from real document text (国发〔1999〕15号,
湘政办发〔2000〕8号, the 1954 State Council Gazette; locators in tests/data/gazettes/README.md)
with the factories below, and checks the documents found, their 文号 and TOC entries, and
that every character is accounted for."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from conftest import lost_and_doubled
from gongbao.model import Issue
from gongbao.normalize import normalize_lines
from gongbao.pipeline import parse_text
from gongbao.segment.furniture import page_number_lines

A_TITLE = "国务院关于实行公民身份号码制度的决定"
A_NUMBER = "国发〔1999〕15号"
A_BODY = [
    "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
    "建立和实行公民身份号码制度，是国家加强社会管理的一项重要基础建设，也是实现社会信息化管理的重要措施。",
    "一、公民身份号码按照GB11643—1999《公民身份号码》国家标准编制，由18位数字组成。",
    "二、公民身份号码是国家为每个公民从出生之日起编定的唯一的、终身不变的身份代码。",
    "国务院",
    "1999年8月26日",
]
B_TITLE = "湖南省人民政府办公厅转发省公安厅关于开展公民身份号码编制工作意见的通知"
B_NUMBER = "湘政办发〔2000〕8号"
B_BODY = [
    "各市、州、县人民政府，省直机关各单位：",
    "经省人民政府同意，现将省公安厅《关于开展公民身份号码编制工作的意见》转发给你们，请认真贯彻执行。",
    "湖南省人民政府办公厅",
    "2000年3月17日",
]


@dataclass
class Doc:
    header: list[str]
    body: list[str]
    title: str
    number: str | None


def doc_a(header: list[str] | None = None, number: str | None = A_NUMBER) -> Doc:
    return Doc(header if header is not None else [A_TITLE, A_NUMBER], A_BODY, A_TITLE, number)


def doc_b(header: list[str] | None = None, number: str | None = B_NUMBER) -> Doc:
    return Doc(header if header is not None else [B_TITLE, B_NUMBER], B_BODY, B_TITLE, number)


def issue_text(docs: list[Doc], toc: list[str] | None = None, masthead: str = "某省人民政府公报\n2000年第7期") -> str:
    parts = [masthead]
    if toc is not None:
        parts += ["目　录", *toc]
    for d in docs:
        parts += [*d.header, *d.body]
    return "\n".join(parts) + "\n"


def accounted(issue: Issue) -> bool:
    return lost_and_doubled(issue) == (0, 0)


def found(issue: Issue) -> list[tuple[str, str | None]]:
    return [(d.title, d.doc_number) for d in issue.documents]


# ---------------------------------------------------------------- TOC forms

TOC_ROWS = {
    "bare page after spaces": ([f"{A_TITLE}    3", f"{B_TITLE}    5"], [3, 5], [None, None]),
    "ellipsis and （N）": ([f"{A_TITLE}……（3）", f"{B_TITLE}…………（5）"], [3, 5], [None, None]),
    "dots and ( N)": ([f"{A_TITLE} .......... ( 3)", f"{B_TITLE}......(5)"], [3, 5], [None, None]),
    "tab and （N）": ([f"{A_TITLE}\t（3）", f"{B_TITLE}\t（5）"], [3, 5], [None, None]),
    "文号 inline in brackets": (
        [f"{A_TITLE}（{A_NUMBER}）……3", f"{B_TITLE}（{B_NUMBER}）……5"],
        [3, 5],
        [A_NUMBER, B_NUMBER],
    ),
    "文号 under the title in brackets": (
        [f"{A_TITLE}……（3）", f"（{A_NUMBER}）", f"{B_TITLE}……（5）", f"（{B_NUMBER}）"],
        [3, 5],
        [A_NUMBER, B_NUMBER],
    ),
    "文号 and page under the title": (
        [A_TITLE, f"{A_NUMBER} 3", B_TITLE, f"{B_NUMBER} 5"],
        [3, 5],
        [A_NUMBER, B_NUMBER],
    ),
    "title wrapped over two lines": (
        [A_TITLE, "湖南省人民政府办公厅转发省公安厅关于开展公民身份号码", "编制工作意见的通知……（5）"],
        [None, 5],
        [None, None],
    ),
    "no page numbers": ([A_TITLE, B_TITLE], [None, None], [None, None]),
    "English CONTENTS after": (
        [
            f"{A_TITLE}……（3）",
            f"{B_TITLE}……（5）",
            "CONTENTS",
            "Decision of the State Council on Implementing the Citizen Identity Number System (3)",
            "Circular of the General Office of the Hunan Provincial Government (5)",
        ],
        [3, 5],
        [None, None],
    ),
}


@pytest.mark.parametrize("form", list(TOC_ROWS))
def test_toc_form(form: str) -> None:
    toc, pages, numbers = TOC_ROWS[form]
    issue = parse_text(issue_text([doc_a(), doc_b()], toc))
    assert found(issue) == [(A_TITLE, A_NUMBER), (B_TITLE, B_NUMBER)]
    assert [e.page for e in issue.toc] == pages
    assert [e.doc_number for e in issue.toc] == numbers
    assert [d.toc_index for d in issue.documents] == [0, 1]
    assert accounted(issue) and issue.warnings == []


@pytest.mark.parametrize(
    ("line", "section"),
    [
        ("◎ 国务院文件", "国务院文件"),
        ("【国务院文件】", "国务院文件"),
        ("国务院文件", "国务院文件"),
        ("● 部门文件", "部门文件"),
        ("■ 政府令", "政府令"),
    ],
)
def test_toc_section_names(line: str, section: str) -> None:
    issue = parse_text(issue_text([doc_a(), doc_b()], [line, f"{A_TITLE}……（3）", f"{B_TITLE}……（5）"]))
    assert [e.section for e in issue.toc] == [section, section]
    assert [d.toc_index for d in issue.documents] == [0, 1]


def test_a_bulleted_title_is_not_a_section() -> None:
    """A short name ending in a kind word is a section only when it names no subject."""
    from gongbao.grammar.forms import section_name

    assert section_name("■ 关于节能的通知") is None
    assert section_name("◆ 市长的信") is None


def test_toc_title_wrapped_after_a_complete_looking_line() -> None:
    """…特别规定（试行） / 的通知 …… 4: a line starting with 的 continues the title above."""
    first, rest = B_TITLE[:-3], B_TITLE[-3:]  # …编制工作意见 / 的通知: the first line ends in a kind word
    assert rest.startswith("的")
    issue = parse_text(issue_text([doc_a(), doc_b()], [f"{A_TITLE}……（3）", first, f"{rest}……（5）"]))
    assert [(e.title, e.page) for e in issue.toc] == [(A_TITLE, 3), (B_TITLE, 5)]
    assert [d.toc_index for d in issue.documents] == [0, 1]
    assert issue.warnings == []


def test_toc_issuer_after_the_title() -> None:
    issue = parse_text(issue_text([doc_a(), doc_b()], [f"{A_TITLE}　国务院（3）", f"{B_TITLE}……（5）"]))
    assert (issue.toc[0].title, issue.toc[0].issuer, issue.toc[0].page) == (A_TITLE, "国务院", 3)
    assert [d.toc_index for d in issue.documents] == [0, 1]


def test_toc_entry_with_no_document_warns() -> None:
    toc = [f"{A_TITLE}……（3）", "国务院关于加强城市供水节水和水污染防治工作的通知……（4）", f"{B_TITLE}……（5）"]
    issue = parse_text(issue_text([doc_a(), doc_b()], toc))
    assert [w.code for w in issue.warnings] == ["toc_unmatched"]  # type: ignore[attr-defined]
    assert "供水节水" in issue.warnings[0]
    assert [d.toc_index for d in issue.documents] == [0, 2]


def test_document_missing_from_the_toc_warns() -> None:
    issue = parse_text(issue_text([doc_a(), doc_b()], [f"{A_TITLE}……（3）"]))
    assert len(issue.documents) == 2
    assert [w.code for w in issue.warnings] == ["document_unlisted"]  # type: ignore[attr-defined]


# ---------------------------------------------------------------- document headers (no TOC)

HEADER_ROWS = {
    "文号 under the title": ([A_TITLE, A_NUMBER], A_NUMBER),
    "issuer and 文号 above the title": (["国务院", A_NUMBER, A_TITLE], A_NUMBER),
    "文号 on the addressee's line": ([A_TITLE], A_NUMBER),
    "no 文号": ([A_TITLE], None),
    "title over two lines, 文号 under": (["国务院关于实行公民身份号码", "制度的决定", A_NUMBER], A_NUMBER),
    "title over three lines, 文号 under": (["国务院关于实行", "公民身份号码", "制度的决定", A_NUMBER], A_NUMBER),
    "title over four lines, 文号 under": (["国务院关于", "实行公民身份", "号码制度", "的决定", A_NUMBER], A_NUMBER),
    # 财建〔2013〕644号 prints its three issuers on a line between the title and the 文号
    "title, a line of joint issuers, 文号": ([A_TITLE, "国务院 中央军事委员会", A_NUMBER], A_NUMBER),
}


@pytest.mark.parametrize("form", list(HEADER_ROWS))
def test_header_form(form: str) -> None:
    header, number = HEADER_ROWS[form]
    a = doc_a(header, number)
    if form == "文号 on the addressee's line":
        a.body = [A_BODY[0] + "　　　" + A_NUMBER, *A_BODY[1:]]
    issue = parse_text(issue_text([a, doc_b()]))
    assert found(issue) == [(A_TITLE, number), (B_TITLE, B_NUMBER)]
    assert accounted(issue)


@pytest.mark.parametrize(
    ("header", "number"),
    [
        (["聊城市人民政府令", "第 48 号"], "聊城市人民政府令第48号"),
        (["中华人民共和国主席令", "第三十七号"], "中华人民共和国主席令第37号"),
        # one line, as 主席令（九届第37号）, 河北省 政府令〔2010〕第15号 and 国务院令（第 714 号） print it
        (["中华人民共和国主席令（九届第37号）"], "中华人民共和国主席令第37号"),
        (["中华人民共和国国务院令（第 714 号）"], "中华人民共和国国务院令第714号"),
        (["政府令〔2010〕第15号"], "政府令〔2010〕第15号"),
        # printed under the title of the instrument it promulgates (国务院令第227号)
        (["某规定", "中华人民共和国国务院令", "第227号"], "中华人民共和国国务院令第227号"),
    ],
)
def test_order_header(header: list[str], number: str) -> None:
    order = Doc(
        header, ["《某规定》已经政府常务会议通过，现予公布，自2001年1月1日起施行。", "2000年10月31日"], "", number
    )
    issue = parse_text(issue_text([order, doc_b()]))
    assert [d.doc_number for d in issue.documents] == [number, B_NUMBER]
    assert issue.documents[0].kind == "令"
    assert accounted(issue)


# 主席令（九届第37号） and the law it promulgates, with its history line and its own 目录
# (tests/data/documents/npc-tongyong-yuyan-law.txt): one document, and the law's 目录 is no TOC
LAW_UNDER_ORDER = [
    "中华人民共和国主席令（九届第37号）",
    "《中华人民共和国国家通用语言文字法》已由中华人民共和国第九届全国人民代表大会常务委员会第十八次会议"
    "于2000年10月31日通过，现予公布，自2001年1月1日起施行。",
    "中华人民共和国主席 江泽民",
    "2000年10月31日",
    "中华人民共和国国家通用语言文字法",
    "（2000年10月31日第九届全国人民代表大会常务委员会第十八次会议通过）",
    "目录",
    "第一章 总则",
    "第二章 国家通用语言文字的使用",
    "第一章 总则",
    "第一条 为推动国家通用语言文字的规范化、标准化及其健康发展，根据宪法，制定本法。",
    "第二章 国家通用语言文字的使用",
    "第二条 本法所称的国家通用语言文字是普通话和规范汉字。",
]


def test_a_law_printed_under_its_order_is_one_document_and_its_contents_no_toc() -> None:
    issue = parse_text("\n".join(LAW_UNDER_ORDER) + "\n")
    assert issue.toc == []
    assert [(d.kind, d.doc_number, d.title) for d in issue.documents] == [
        ("令", "中华人民共和国主席令第37号", "中华人民共和国国家通用语言文字法")
    ]
    assert issue.documents[0].counts["articles"] == 2
    assert accounted(issue) and issue.warnings == []


def test_a_law_with_history_lines_without_brackets_is_legislation() -> None:
    # tests/data/documents/npc-guohui-law.txt (RanKKI/LawRefBook 中华人民共和国国徽法)
    text = "\n".join(
        [
            "中华人民共和国国徽法",
            "1991年3月2日 第七届全国人民代表大会常务委员会第十八次会议通过",
            "第一条 为了维护国徽的尊严，正确使用国徽，增强公民的国家观念，弘扬爱国主义精神，根据宪法，制定本法。",
            "第二条 中华人民共和国国徽，中间是五星照耀下的天安门，周围是谷穗和齿轮。",
        ]
    )
    issue = parse_text(text + "\n")
    assert [(d.kind, d.title) for d in issue.documents] == [("法律", "中华人民共和国国徽法")]


# Titles of every kind (党政机关公文处理工作条例 and older gazettes), each over its date line as
# the 1954 gazette prints them; the 1954 titles are real, the others follow real title forms.
KIND_TITLES = [
    ["商业部关于迅速调运工业品", "供应农民需要的指示"],
    ["中苏关于签订科学技术合作协定的联合公报"],
    ["苏联政府代表团为帮助我国建立", "国营榖物农场并赠送机器和装备事", "致毛泽东主席的信"],
    ["印度共和国政府代表艾扬格的照会"],
    ["中华人民共和国政府代表孔原的覆照"],
    ["外交部部长周恩来为控诉美国武装侵略我国领土台湾", "致联合国大会第九届会议的电文"],
    ["全国人民代表大会常务委员会任命人员"],
    ["国务院关于出版《中华人民共和国国务院公报》的决定"],
    ["国务院办公厅关于同意建立反不正当竞争部际联席会议制度的函"],
    ["国务院关于表彰全国民族团结进步模范集体和模范个人的通报"],
    ["关于政协第十四届全国委员会第一次会议第00001号提案的答复"],
    ["国务院关于同意设立中国（海南）自由贸易试验区的批复"],
    ["国务院常务会议纪要"],
    ["关于提请审议《中华人民共和国国家通用语言文字法（草案）》的议案"],
    ["某县人民政府关于解决农村饮水安全问题的请示"],
    ["国务院关于2023年度中央预算执行情况的报告"],
    ["某市人民政府关于禁止燃放烟花爆竹的通告"],
    ["某市人民政府关于开展第七次全国人口普查的公告"],
    ["国务院关于加快发展养老服务业的若干意见"],
]


@pytest.mark.parametrize("title_lines", KIND_TITLES, ids=lambda t: "".join(t)[-6:])
def test_every_kind_of_title_starts_a_document(title_lines: list[str]) -> None:
    doc = Doc(
        [*title_lines, "一九五四年十月八日"],
        ["各有关单位：", "现将有关事项通知如下，请遵照执行。", "一九五四年十月十二日"],
        "",
        None,
    )
    issue = parse_text(issue_text([doc_a(), doc, doc_b()]))
    assert [d.title for d in issue.documents] == [A_TITLE, "".join(title_lines), B_TITLE]
    assert accounted(issue)


def test_a_title_ending_in_gongbao_is_not_a_masthead() -> None:
    doc = Doc(
        ["关于中苏举行会谈的公报"], ["双方会谈是在真诚友好和互相谅解的空气中进行的。", "一九五四年十月十二日"], "", None
    )
    issue = parse_text(issue_text([doc, doc_b()], masthead=""))
    assert issue.masthead.gazette is None
    assert [d.title for d in issue.documents] == ["关于中苏举行会谈的公报", B_TITLE]


# ---------------------------------------------------------------- page furniture


@pytest.mark.parametrize(
    ("lines", "furniture"),
    [
        (["正文一行。", "· 3 ·", "正文二行。"], [1]),
        (["正文一行。", "— 12 —", "正文二行。"], [1]),
        (["正文一行。", "-5-", "正文二行。"], [1]),
        (["正文一行。", "第3页 共48页", "正文二行。"], [1]),
        (["正文一行。", "12", "\f", "正文二行。"], [1]),  # a bare number before a page break
        (["序号", "名称", "1", "拖拉机", "2", "收割机", "3", "播种机"], []),  # numbers in a table
        # a five-column table printed one cell a line: its 序号 are a page-length apart, yet cells
        (
            ["序号", "名称", "数量", "单价", "金额"]
            + [c for k in range(1, 5) for c in (str(k), "拖拉机", str(10 * k), "3", str(30 * k))],
            [],
        ),
        # the last cell of a table before a page break whose number the other breaks contradict
        (["正文一行。", "12", "\f", "级数", "税率", "1", "3", "2", "45", "\f", "正文二行。", "14", "\f"], [1, 11]),
        (["正文一行。", "7", "\f", "正文二行。", "8", "\f", "正文三行。"], [1, 4]),  # the run of pages
    ],
)
def test_furniture_by_shape_and_position(lines: list[str], furniture: list[int]) -> None:
    text = "\n".join(lines) + "\n"
    norm = normalize_lines(text)
    pages = page_number_lines(text, norm)
    assert sorted(norm[i].raw for i in pages) == sorted(lines[i] for i in furniture)


def test_running_head_and_issue_line_are_furniture() -> None:
    head = "某省人民政府公报"
    a = doc_a()
    a.body = [*A_BODY[:2], "— 3 —", head, "2000年第7期", *A_BODY[2:]]
    issue = parse_text(issue_text([a, doc_b()], masthead=f"{head}\n2000年第7期"))
    assert found(issue) == [(A_TITLE, A_NUMBER), (B_TITLE, B_NUMBER)]
    assert head not in issue.documents[0].text and "第7期" not in issue.documents[0].text
    assert accounted(issue)


# 答复 and 通报 (and the other kinds) with their 文号 under the title, with and without a TOC: the
# document is never cut in two and titled by its 文号, never joined to the previous one.
REPLY = "关于政协第十四届全国委员会第一次会议第00001号提案的答复"
CIRCULAR = "国务院关于表彰全国民族团结进步模范集体和模范个人的通报"


@pytest.mark.parametrize(("title", "number"), [(REPLY, "国办函〔2023〕12号"), (CIRCULAR, "国发〔2019〕20号")])
@pytest.mark.parametrize("with_toc", [False, True])
def test_reply_and_circular_with_number_under_title(title: str, number: str, with_toc: bool) -> None:
    doc = Doc([title, number], ["各有关单位：", "现将有关事项通知如下，请遵照执行。", "2023年6月1日"], title, number)
    toc = [f"{A_TITLE}……（3）", f"{title}……（4）", f"（{number}）", f"{B_TITLE}……（5）"] if with_toc else None
    issue = parse_text(issue_text([doc_a(), doc, doc_b()], toc))
    assert found(issue) == [(A_TITLE, A_NUMBER), (title, number), (B_TITLE, B_NUMBER)]
    assert accounted(issue) and issue.warnings == []


# Orders and announcements numbered by year, as ministries print them since ~2016. The title and
# number are real (农村公路建设管理办法, 交通运输部令2018年第4号: cited with its mot.gov.cn page in a
# public repository, code-index file id 68941801019); the header is the 令 layout of the State
# Council Gazette with the number line numbered by year; the body sentence is constructed.
MOT_ORDER = [
    "中华人民共和国交通运输部令",
    "2018年第4号",
    "《农村公路建设管理办法》已经部务会议通过，现予公布，自公布之日起施行。",
    "部长",
]


def test_order_numbered_by_year_alone_and_in_an_issue() -> None:
    alone = parse_text("\n".join(MOT_ORDER) + "\n")
    assert [(d.doc_number, d.kind, d.issuer) for d in alone.documents] == [
        ("中华人民共和国交通运输部令2018年第4号", "令", "交通运输部")
    ]
    assert alone.residue == []  # 2018年第4号 is the order's number, not an issue line
    issue = parse_text(
        issue_text(
            [
                doc_a(),
                Doc(MOT_ORDER[:2], MOT_ORDER[2:], "农村公路建设管理办法", "中华人民共和国交通运输部令2018年第4号"),
            ]
        )
    )
    assert [d.doc_number for d in issue.documents] == [A_NUMBER, "中华人民共和国交通运输部令2018年第4号"]
    assert accounted(issue)


def test_announcement_number_under_its_title() -> None:
    """国家税务总局关于…的公告 / 国家税务总局公告2018年第28号: a 公告 numbered by year stands where
    a 文号 stands (title and number real, as cited in tests/test_extract_metadata.py)."""
    title = "国家税务总局关于发布《企业所得税税前扣除凭证管理办法》的公告"
    body = ["现将《企业所得税税前扣除凭证管理办法》予以发布，自发布之日起施行。", "特此公告。", "国家税务总局"]
    doc = Doc([title, "国家税务总局公告2018年第28号"], body, title, "国家税务总局公告2018年第28号")
    issue = parse_text(issue_text([doc_a(), doc]))
    assert [(d.title, d.doc_number) for d in issue.documents][1] == (title, "国家税务总局公告2018年第28号")
    assert accounted(issue)


def test_toc_issuers_on_the_line_under_the_title() -> None:
    """…的通知 / 　财政部　司法部（5）: the issuers and the page belong to the title above."""
    issue = parse_text(issue_text([doc_a(), doc_b()], [f"{A_TITLE}……（3）", B_TITLE, "　　湖南省人民政府办公厅（5）"]))
    assert [(e.title, e.page, e.issuer) for e in issue.toc] == [
        (A_TITLE, 3, None),
        (B_TITLE, 5, "湖南省人民政府办公厅"),
    ]
    assert [d.toc_index for d in issue.documents] == [0, 1] and issue.warnings == []


def test_a_jump_marker_above_a_title_is_not_part_of_it() -> None:
    """（下转第9页） on the line above the next document's title: the title window starts under it."""
    a = Doc([A_TITLE, A_NUMBER], [*A_BODY[:1], "（下转第9页）"], A_TITLE, A_NUMBER)
    issue = parse_text(issue_text([a, doc_b()], [f"{A_TITLE}……（3）", f"{B_TITLE}……（5）"]))
    assert [d.title for d in issue.documents] == [A_TITLE, B_TITLE]


def test_a_policy_explanation_is_a_document_not_an_attachment() -> None:
    """《X》政策解读 printed after the notice issuing X explains it: a document of its own (kind 解读),
    not the attachment the notice announces (X: the sample's 聊政办字〔2024〕24号 issues it)."""
    from gongbao.extract.metadata import kind_from_title
    from gongbao.segment import _announced
    from gongbao.segment.locate import key

    notice = "聊城市人民政府办公室关于印发聊城市公园城市建设实施方案的通知"
    plan = "聊城市公园城市建设实施方案"
    assert _announced(plan, notice, {key(plan)})  # the plan itself is the attachment
    assert not _announced(f"《{plan}》政策解读", notice, {key(plan)})
    assert kind_from_title(f"《{plan}》政策解读") == "解读"


@pytest.mark.parametrize(
    ("name", "title"),
    [
        # a 转发 notice with the forwarded 报告 after it; （本文有删减） under the date
        (
            "sc-guobanfa-1996-2",
            "国务院办公厅转发国家地震局关于我国地震重点监视防御区的确定和加强防震减灾工作意见报告的通知",
        ),
        # the issuer line opening a title broken over three lines
        ("sc-guobanhan-2004-57", "国务院办公厅关于辽宁省在曾培炎副总理考察工作时所提问题和建议办理情况的函"),
        # 附件1 titled over two lines, 附件2: attachments of the reply, not documents
        ("sc-guobanhan-2004-80", "国务院办公厅关于湖北省巴东县地质灾害险情有关问题的复函"),
    ],
)
def test_a_gov_cn_document_is_one_document(name: str, title: str) -> None:
    """Real gov.cn pages (tests/data/documents/README.md): each is one document, whatever it
    prints after its date (an attachment titled over two lines, a forwarded report, a note)."""
    from pathlib import Path

    from gongbao.pipeline import parse_path

    issue = parse_path(Path(__file__).parent / "data" / "documents" / f"{name}.txt")
    assert [d.title for d in issue.documents] == [title]
    assert issue.warnings == [] and accounted(issue)


def test_a_chapter_lost_in_the_source_is_said() -> None:
    """The 2012 农业技术推广法 as its source prints it (tests/data/amend/triples, locator in its README)
    lacks the 第二章 heading: a coded warning says so instead of a silent tree."""
    from pathlib import Path

    from gongbao.pipeline import parse_path

    issue = parse_path(Path(__file__).parent / "data" / "amend" / "triples" / "agritech-2012-base.txt")
    assert [(w.code, w.message.split(": ", 1)[1].split(" (")[0]) for w in issue.warnings] == [
        ("numbering_gap", "第三章 follows 第一章")
    ]


def test_an_article_opening_with_an_item_label() -> None:
    """第七条（一）… of the 1954 Sino-Indian trade agreement (../shared/corpus/gwyb195401.pdf): an article."""
    from gongbao.structure import numbering_gaps, parse_structure

    body = parse_structure("贸易协议\n第六条 甲。\n第七条（一）乙。\n（二）丙。\n第八条 丁。")
    assert [n.label for n in body.walk() if n.kind == "article"] == ["第六条", "第七条", "第八条"]
    assert numbering_gaps(body) == []
