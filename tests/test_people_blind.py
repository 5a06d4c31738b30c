"""Appointment records of a blind test (session 5): five real texts in a city gazette layout
(tests/data/people/README.md, locators there); the records below were written by reading before
gongbao ran on them."""

from __future__ import annotations

from pathlib import Path

from gongbao.extract.appointments import extract_appointments
from gongbao.pipeline import parse_path

DATA = Path(__file__).parent / "data" / "people"
SONGJIANG = "2015-05-27"
HONGKOU = "2015-03-20"
# (action, person, post, date), in printed order
TRUTH_SONGJIANG = [
    ("appoint", "徐卫兴", "上海市松江区建设和管理委员会主任"),
    ("appoint", "孙础均", "上海市松江区交通委员会主任"),
    ("appoint", "俞春松", "上海市松江区城市管理行政执法局局长"),
    ("appoint", "吴国荣", "上海市松江区市场监督管理局局长"),
    ("appoint", "糜世峰", "上海市松江区人民法院副院长"),
    ("appoint", "糜世峰", "上海市松江区人民法院审判委员会委员"),
    ("appoint", "糜世峰", "上海市松江区人民法院审判员"),
    ("appoint", "蔡春", "上海市松江区人民法院人民陪审员"),
    ("remove", "张永辉", "上海市松江区人民法院副院长"),
    ("remove", "张永辉", "上海市松江区人民法院审判委员会委员"),
    ("remove", "张永辉", "上海市松江区人民法院审判员"),
    ("remove", "季明", "上海市松江区人大常委会人事代表工作室主任"),
    ("remove", "季明", "上海市松江区人大常委会人事代表工作委员会副主任"),
    ("remove", "季明", "上海市松江区人大常委会内务司法工作委员会副主任"),
    ("remove", "季明", "上海市松江区人大常委会代表资格审查委员会委员"),
]
TRUTH_HONGKOU = [
    ("appoint", "杨鼎忠", "虹口区人民政府办公室主任"),
    ("remove", "杨鼎忠", "虹口区第十五届人大代表"),
    ("remove", "杨鼎忠", "人事工作委员会委员"),
    ("remove", "王继聪", "虹口区人民政府办公室主任"),
    ("remove", "邹震宇", "虹口区人民检察院副检察长"),
    ("remove", "邹震宇", "虹口区人民检察院检察委员会委员"),
    ("remove", "邹震宇", "虹口区人民检察院检察员"),
    ("remove", "张占江", "虹口区人民检察院副检察长"),
    ("remove", "张占江", "虹口区人民检察院检察委员会委员"),
    ("remove", "张占江", "虹口区人民检察院检察员"),
]


def test_lists_of_clauses_posts_and_a_resignation_are_each_a_record() -> None:
    """决定任命徐卫兴同志为X、孙础均同志为Y… (one verb, four clauses), 糜世峰同志为…人民法院副院长、审判委员会
    委员、审判员 (the court carried to the two posts after it), 蔡春等60名同志为… (a group named by its
    first member), …委员等职务 (the 等 dropped), 接受杨鼎忠同志辞去…的请求 between an appointment and
    removals (none of them lost)."""
    issue = parse_path(DATA / "appointments-2021-city-layout.txt")
    got = [(a.action, a.person, a.post, a.date.isoformat() if a.date else None) for a in issue.appointments]
    assert [g for g in got if g[3] == SONGJIANG] == [(*t, SONGJIANG) for t in TRUTH_SONGJIANG]
    assert [g for g in got if g[3] == HONGKOU] == [(*t, HONGKOU) for t in TRUTH_HONGKOU]
    notes = {(a.person, a.post): a.note for a in issue.appointments}
    assert notes[("蔡春", "上海市松江区人民法院人民陪审员")] == "等60名"
    assert notes[("杨鼎忠", "人事工作委员会委员")] == "辞职"


def test_the_state_council_list_and_a_proposal() -> None:
    """国务院任免国家工作人员 (2024-12-19): 3 appointments and 4 removals, 宋新春 appointed to one agency
    and removed from another; the 1958 议案 proposes and appoints no one."""
    issue = parse_path(DATA / "appointments-2021-city-layout.txt")
    state = [(a.action, a.person) for a in issue.appointments if a.date and a.date.isoformat() == "2024-12-19"]
    assert state == [
        ("appoint", "徐耀"),
        ("appoint", "宋新春"),
        ("appoint", "夏刚"),
        ("remove", "彭小国"),
        ("remove", "常继乐"),
        ("remove", "宋新春"),
        ("remove", "何靖"),
    ]
    assert not [a for a in issue.appointments if a.date and a.date.year == 1958]


# The 1982 session summary's decisions, read from the text (tests/data/people/README.md, row 3):
# 万里、姚依林继续任国务院副总理 changes no post and makes no record.
SUMMARY_1982 = (
    [("appoint", p, "国务委员") for p in "余秋里 耿飚 方毅 谷牧 康世恩 陈慕华 薄一波 姬鹏飞 黄华 张劲夫".split()]
    + [
        ("remove", p, "国务院副总理")
        for p in "余秋里 耿飚 方毅 谷牧 康世恩 陈慕华 薄一波 姬鹏飞 杨静仁 张爱萍 黄华".split()
    ]
    + [("appoint", "张劲夫", "国家经济委员会主任")]
    + [
        ("appoint", p, post)
        for p, post in (
            ("崔乃夫", "民政部部长"),
            ("刘复之", "司法部部长"),
            ("吕培俭", "中国人民银行行长"),
            ("林乎加", "农牧渔业部部长"),
            ("杨钟", "林业部部长"),
            ("李锡铭", "城乡建设环境保护部部长"),
            ("李东冶", "冶金工业部部长"),
            ("周建南", "机械工业部部长"),
            ("张忱", "核工业部部长"),
            ("张挺", "电子工业部部长"),
            ("于一", "兵器工业部部长"),
            ("张钧", "航天工业部部长"),
            ("唐克", "石油工业部部长"),
            ("杨波", "轻工业部部长"),
            ("陈璞如", "铁道部部长"),
            ("李清", "交通部部长"),
        )
    ]
)


def test_a_session_summary_gives_every_decision_of_its_clauses() -> None:
    """第五届全国人大常委会第二十三次会议简况 (1982): 任命A、…、J等10人为国务委员 (the count checks the
    list), 免去 eleven vice-premiers, and a list of ministers sharing one 决定任命 (任命 printed again
    inside it); dated by the summary's date line."""
    issue = parse_path(DATA / "appointments-2021-city-layout.txt")
    got = [(a.action, a.person, a.post) for a in issue.appointments if a.date and a.date.year == 1982]
    assert got == SUMMARY_1982
    assert all(a.date.isoformat() == "1982-05-04" for a in issue.appointments if a.date and a.date.year == 1982)


def test_several_resignations_after_one_acceptance() -> None:
    """四川 2001 (locator in tests/data/people/README.md): 接受徐世群、欧泽高辞去…的请求，李永寿辞去…的请求."""
    text = "决定任命陈文光为省政府副省长；接受徐世群、欧泽高辞去省政府副省长职务的请求，李永寿辞去省人大常委会副主任职务的请求。"
    got = [(a.action, a.person, a.post, a.note) for a in extract_appointments([text], None, None)]
    assert got == [
        ("appoint", "陈文光", "省政府副省长", None),
        ("remove", "徐世群", "省政府副省长", "辞职"),
        ("remove", "欧泽高", "省政府副省长", "辞职"),
        ("remove", "李永寿", "省人大常委会副主任", "辞职"),
    ]


def test_a_paragraph_naming_a_verb_and_giving_nothing_is_said() -> None:
    unread: list[int] = []
    paragraphs = ["任命：", "张三为市发展和改革委员会主任；", "市人民政府决定任命一批同志担任新职务，名单另发。"]
    found = extract_appointments(paragraphs, None, None, unread=unread)
    assert [(a.person, a.post) for a in found] == [("张三", "市发展和改革委员会主任")]
    assert unread == [2]


def test_the_1954_gazettes_appointments_are_read_and_dated() -> None:
    """The real 1954 State Council Gazette (../shared/corpus, its README): 十月十六日任命张苏、吴克坚、屈武、
    余心清、孙起孟、辛志超为全国人民代表大会常务委员会副秘书长 — six records dated by the issue's year."""
    import os

    import pytest

    pdf = Path(os.environ.get("GONGBAO_CORPUS", "/work/shared/corpus")) / "gwyb195401.pdf"
    if not pdf.exists():
        pytest.skip("the 1954 corpus PDF is not beside this checkout")
    issue = parse_path(pdf)
    got = [(a.person, a.post, a.date.isoformat() if a.date else None) for a in issue.appointments]
    post = "全国人民代表大会常务委员会副秘书长"
    assert got == [(p, post, "1954-10-16") for p in ("张苏", "吴克坚", "屈武", "余心清", "孙起孟", "辛志超")]


def test_a_holder_appointed_by_a_notice_without_a_number_prints_no_empty_field() -> None:
    """国务院任免国家工作人员 (2024-12-19, tests/data/people/README.md) prints no 文号."""
    from datetime import date

    from gongbao.query.people import Holding, people_text

    h = Holding("宋新春", "国家林业和草原局（国家公园管理局）副局长", date(2024, 12, 19), None, None, False)
    text = people_text([], [h], date(2024, 12, 31))
    assert "宋新春（2024-12-19起）" in text and "（，" not in text


def test_mode_lines_ending_in_commas_are_a_clause_each() -> None:
    """The clause forms of the 1958 议案 (tests/data/people/README.md), lines ending in ，and joined
    into one paragraph as a PDF's text gives them: X兼Y, X为Y, X兼任/现任Y职务 — one record each (the 议案
    itself is a proposal and makes none; the same lines in a 任免 notice do)."""
    paras = [
        "任命：",
        "陈毅兼外交部部长，沙千里为粮食部部长，杨一辰为第二商业部部长。",
        "免去：",
        "周恩来兼任外交部部长职务，王鹤寿兼任国家建设委员会主任职务，赖际发现任建筑材料工业部部长职务。",
    ]
    unread: list[int] = []
    got = [(a.action, a.person, a.post, a.note) for a in extract_appointments(paras, None, None, unread=unread)]
    assert got == [
        ("appoint", "陈毅", "外交部部长", "兼任"),
        ("appoint", "沙千里", "粮食部部长", None),
        ("appoint", "杨一辰", "第二商业部部长", None),
        ("remove", "周恩来", "外交部部长", None),
        ("remove", "王鹤寿", "国家建设委员会主任", None),
        ("remove", "赖际发", "建筑材料工业部部长", None),
    ]
    assert unread == []
