"""Codes and their peculiar forms, on real text (tests/data/structure/codes, see its README):
编/分编/章/节 with an unnumbered 附则 (民法典), inserted articles 第X条之一 (刑法), 目 under 项 and
a 项 that announces an unlabelled paragraph (诉讼费用交纳办法), 附表 after the last article
(环境保护税法). The expected answers were written by reading the texts, before running gongbao."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from tests.test_structure_show import _app
from typer.testing import CliRunner

from gongbao.grammar.lines import starts_unit
from gongbao.model import Node
from gongbao.structure import parse_structure

DATA = Path(__file__).parent / "data" / "structure" / "codes"
MFD = ("minfadian.txt", "中华人民共和国民法典")
XF = ("xingfa.txt", "中华人民共和国刑法")
HB = ("huanbaoshui.txt", "中华人民共和国环境保护税法")
SS = ("susongfei.txt", "诉讼费用交纳办法")


def show(text: tuple[str, str], *args: str):
    return CliRunner().invoke(_app(), ["show", str(DATA / text[0]), text[1], *args])


# (text, citation, printed unit; a trailing … compares the start only)
CITATIONS = [
    (
        XF,
        "第一百二十条之一第二款",
        "为恐怖活动组织、实施恐怖活动或者恐怖活动培训招募、运送人员的，依照前款的规定处罚。",
    ),
    (
        XF,
        "第一百二十条之一第三款",
        "单位犯前两款罪的，对单位判处罚金，并对其直接负责的主管人员和其他直接责任人员，依照第一款的规定处罚。",
    ),
    (XF, "第一百二十条之二第（三）项", "（三）为实施恐怖活动与境外恐怖活动组织或者人员联络的；"),
    (XF, "第一百二十条之二第二款", "有前款行为，同时构成其他犯罪的，依照处罚较重的规定定罪处罚。"),
    (
        XF,
        "第一百二十条之六",
        "第一百二十条之六 明知是宣扬恐怖主义、极端主义的图书、音频视频资料或者其他物品而非法持有，…",
    ),
    (XF, "第一百二十条第二款", "犯前款罪并实施杀人、爆炸、绑架等犯罪的，依照数罪并罚的规定处罚。"),
    (
        XF,
        "第十七条第五款",
        "因不满十六周岁不予刑事处罚的，责令其父母或者其他监护人加以管教；在必要的时候，依法进行专门矫治教育。",
    ),
    (
        XF,
        "第十七条之一",
        "第十七条之一 已满七十五周岁的人故意犯罪的，可以从轻或者减轻处罚；过失犯罪的，应当从轻或者减轻处罚。",
    ),
    (XF, "第三十七条之一第三款", "其他法律、行政法规对其从事相关职业另有禁止或者限制性规定的，从其规定。"),
    (XF, "第三十三条第（五）项", "（五）死刑。"),
    (XF, "第三十四条第二款", "附加刑也可以独立适用。"),
    (XF, "第一百二十六条第（二）项", "（二）以非法销售为目的，制造无号、重号、假号的枪支的；"),
    (XF, "第二十一条第三款", "第一款中关于避免本人危险的规定，不适用于职务上、业务上负有特定责任的人。"),
    (
        XF,
        "第七十八条第二款第（三）项",
        "（三）人民法院依照本法第五十条第二款规定限制减刑的死刑缓期执行的犯罪分子，…不能少于二十年。",
    ),
    (XF, "第七十八条第一款第（三）项", "（三）有发明创造或者重大技术革新的；"),
    (XF, "第七十八条第二款第（一）项", "（一）判处管制、拘役、有期徒刑的，不能少于原判刑期的二分之一；"),
    (XF, "第四百五十二条第一款", "本法自1997年10月1日起施行。"),
    (
        XF,
        "第四百五十二条第三款",
        "列于本法附件二的全国人民代表大会常务委员会制定的补充规定和决定予以保留。其中，…适用本法规定。",
    ),
    (XF, "附件二", "附件二\n全国人民代表大会常务委员会制定的下列补充规定和决定予以保留，…"),
    (XF, "第八十条", "第八十条 无期徒刑减为有期徒刑的刑期，从裁定减刑之日起计算。"),
    (
        MFD,
        "第四百六十四条第二款",
        "婚姻、收养、监护等有关身份关系的协议，适用有关该身份关系的法律规定；没有规定的，可以根据其性质参照适用本编规定。",
    ),
    (MFD, "第四百七十条第（八）项", "（八）解决争议的方法。"),
    (MFD, "第四百七十条第二款", "当事人可以参照各类合同的示范文本订立合同。"),
    (MFD, "第六百零三条第二款第（一）项", "（一）标的物需要运输的，出卖人应当将标的物交付给第一承运人以运交给买受人；"),
    (MFD, "第二十七条第二款第（三）项", "（三）其他愿意担任监护人的个人或者组织，…"),
    (MFD, "第十八条第二款", "十六周岁以上的未成年人，以自己的劳动收入为主要生活来源的，视为完全民事行为能力人。"),
    (
        MFD,
        "第一千二百五十九条",
        "第一千二百五十九条 民法所称的“以上”、“以下”、“以内”、“届满”，包括本数；所称的“不满”、“超过”、“以外”，不包括本数。",
    ),
    (MFD, "第一千二百六十条", "第一千二百六十条 本法自2021年1月1日起施行。…"),
    (MFD, "第五百九十七条第二款", "法律、行政法规禁止或者限制转让的标的物，依照其规定。"),
    (
        MFD,
        "第四百六十九条第三款",
        "以电子数据交换、电子邮件等方式能够有形地表现所载内容，并可以随时调取查用的数据电文，视为书面形式。",
    ),
    (MFD, "第二十八条第（一）项", "（一）配偶；"),
    (HB, "第十二条第（五）项", "（五）国务院批准免税的其他情形。"),
    (HB, "第十二条第二款", "前款第五项免税规定，由国务院报全国人民代表大会常务委员会备案。"),
    (
        HB,
        "第二十五条第（二）项",
        "（二）排污系数，是指在正常技术经济和管理条件下，生产单位产品所应排放的污染物量的统计平均值。",
    ),
    (HB, "第二十八条", "第二十八条 本法自2018年1月1日起施行。"),
    (SS, "第十三条第（一）项第10目", "10．超过2000万元的部分，按照0.5%交纳。"),
    (SS, "第十三条第（二）项第1目", "1．离婚案件每件交纳50元至300元。…"),
    (SS, "第十三条第（五）项第2目", "2．其他行政案件每件交纳50元。"),
    (
        SS,
        "第十三条第二款",
        "省、自治区、直辖市人民政府可以结合本地实际情况在本条第（二）项、第（三）项、第（六）项规定的幅度内制定具体交纳标准。",
    ),
    (SS, "第十四条第（七）项第3目", "3．申请船舶优先权催告的，每件交纳1000元至5000元；"),
    (SS, "第十四条第（三）项", "（三）依法申请支付令的，比照财产案件受理费标准的1/3交纳。"),
    (SS, "第十四条第（一）项第3目", "3．符合民事诉讼法第五十五条第四款规定，…"),
    (
        SS,
        "第十四条第（二）项",
        "（二）申请保全措施的，根据实际保全的财产数额按照下列标准交纳：\n财产数额不超过1000元或者不涉及财产数额的，…",
    ),
    (SS, "第五十六条", "第五十六条 本办法自2007年4月1日起施行。"),
]


@pytest.mark.parametrize(("text", "at", "want"), CITATIONS)
def test_citation_prints_the_unit(text: tuple[str, str], at: str, want: str) -> None:
    r = show(text, "--at", at)
    assert r.exit_code == 0, r.output
    out = r.output.strip()
    if "…" in want:
        head, _, tail = want.partition("…")
        assert out.startswith(head) and out.endswith(tail)
    else:
        assert out == want


@pytest.mark.parametrize(
    ("text", "at"),
    [
        (XF, "第一百二十条之七"),
        (MFD, "第一千二百六十一条"),
        # both 款 of 第七十八条 have a （三）: refused, not the first one answered
        (XF, "第七十八条第（三）项"),
        # 民法典 numbers its 章 afresh in each 编: 第一章 alone is refused
        (MFD, "第一章"),
    ],
)
def test_missing_or_ambiguous_unit_is_refused(text: tuple[str, str], at: str) -> None:
    r = show(text, "--at", at)
    assert r.exit_code != 0 and "Traceback" not in r.output


def _tree(name: str) -> Node:
    return parse_structure((DATA / name).read_text(encoding="utf-8"))


def _kinds(root: Node) -> Counter[str]:
    return Counter(n.kind for n in root.walk())


@pytest.mark.parametrize(
    ("name", "counts"),
    [
        ("minfadian.txt", {"part": 3, "subpart": 2, "chapter": 5, "section": 2, "article": 35}),
        ("xingfa.txt", {"part": 3, "chapter": 5, "section": 4, "article": 50, "annex": 2}),
        ("huanbaoshui.txt", {"chapter": 3, "article": 12, "annex": 2}),
        ("susongfei.txt", {"chapter": 3, "article": 7}),
    ],
)
def test_hierarchy_counts(name: str, counts: dict[str, int]) -> None:
    got = _kinds(_tree(name))
    assert {k: got[k] for k in counts} == counts


@pytest.mark.parametrize("name", ["minfadian.txt", "xingfa.txt", "huanbaoshui.txt", "susongfei.txt"])
def test_eids_unique_and_stable(name: str) -> None:
    eids = [n.eid for n in _tree(name).walk() if n.eid]
    assert len(eids) == len(set(eids))
    assert eids == [n.eid for n in _tree(name).walk() if n.eid]


def test_civil_code_subparts_and_final_provisions() -> None:
    root = _tree("minfadian.txt")
    by_eid = {n.eid: n for n in root.walk()}
    # 第九章 买卖合同 sits in 第二分编 典型合同 of 第三编 合同; the two 第一章 differ
    assert by_eid["part_3__subpart_2"].heading == "典型合同"
    assert "part_3__subpart_2__chp_9__art_595" in by_eid
    assert "part_1__chp_1__art_1" in by_eid and "part_3__subpart_1__chp_1__art_463" in by_eid
    # 附 则 closes the code: its articles are not 第九章's
    final = by_eid["part_suppl"]
    assert [a.number for a in final.children if a.kind == "article"] == [1259, 1260]


def test_criminal_law_final_provisions_and_annexes() -> None:
    # 附则 holds 第四百五十二条 (3 款); 附件一 and 附件二 (printed with Chinese numerals) are annexes
    root = _tree("xingfa.txt")
    by_eid = {n.eid: n for n in root.walk()}
    art = by_eid["part_suppl__art_452"]
    assert len([c for c in art.children if c.kind == "paragraph"]) == 3
    annexes = [n for n in root.walk() if n.kind == "annex"]
    assert [(a.label, a.number) for a in annexes] == [("附件一", 1), ("附件二", 2)]


def test_inserted_articles_follow_their_base() -> None:
    root = _tree("xingfa.txt")
    arts = [(a.number, a.attrs.get("sub")) for a in root.walk() if a.kind == "article"]
    i = arts.index((120, None))
    assert arts[i : i + 8] == [(120, None), *((120, k) for k in range(1, 7)), (121, None)]
    assert arts[arts.index((17, None)) + 1] == (17, 1)


def test_item_keeps_the_paragraph_it_announces() -> None:
    # 第十四条 has one 款 with 项 (一)…(七); 财产数额不超过1000元… is (二)'s text, not a 款
    root = _tree("susongfei.txt")
    art = next(a for a in root.walk() if a.kind == "article" and a.number == 14)
    paras = [c for c in art.children if c.kind == "paragraph"]
    assert len(paras) == 1
    assert [i.number for i in paras[0].children if i.kind == "item"] == [1, 2, 3, 4, 5, 6, 7]


@pytest.mark.parametrize(
    ("at", "first_line"),
    [
        ("第三编第一章", "第一章 一般规定"),
        ("第一编第一章", "第一章 基本规定"),
        ("第三编第二分编", "第二分编 典型合同"),
        ("第三编第二分编第九章", "第九章 买卖合同"),
        ("第一编第二章第二节", "第二节 监护"),
    ],
)
def test_code_divisions_are_cited(at: str, first_line: str) -> None:
    r = show(MFD, "--at", at)
    assert r.exit_code == 0, r.output
    assert r.output.splitlines()[0] == first_line


def test_seven_numeral_article_starts_a_unit() -> None:
    assert starts_unit("第一千二百五十九条 民法所称的“以上”")
    assert starts_unit("附 则")
