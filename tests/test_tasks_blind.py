"""Three real plans of a blind test (session 4): 广州 人才集聚工程 (2012), 丽水 政府工作报告
责任分解 (2023) and 池州 信访局 政务公开任务清单 (a task table).

``tests/data/tasks/<name>.truth.json`` was written by reading each plan (never from gongbao's
output): per task its outline path, the first characters of its text, its lead / cooperating /
responsible units, its deadline and its targets as printed. Locators: tests/data/tasks/README.md.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from gongbao.extract.tasks import Task, extract_table_tasks, extract_tasks, extract_tasks_from_text
from gongbao.pipeline import parse_text
from gongbao.structure import parse_structure

DATA = Path(__file__).resolve().parent / "data" / "tasks"
PLANS = ["guangzhou-rencai-jiju-2012", "lishui-zfgzbg-zrfj-2023", "chizhou-xfj-zwgk-tasklist"]
_HALF = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）"})


def norm(s: str | None) -> str:
    return re.sub(r"[\s“”\"]", "", s or "").translate(_HALF)


def truth(name: str) -> list[dict]:
    rows: list[dict] = json.loads((DATA / f"{name}.truth.json").read_text(encoding="utf-8"))
    return rows


def tasks_of(name: str) -> list[Task]:
    issue = parse_text((DATA / f"{name}.txt").read_text(encoding="utf-8"), f"{name}.txt")
    return [t for d in issue.documents for t in extract_tasks(d)]


def position(row: dict) -> str:
    return norm(row["heading_path"].replace(" / ", ""))


# ---------------------------------------------------------------- 1. 11.121人才梯队项目


def test_item_whose_name_starts_with_digits_continues_the_items() -> None:
    rows = truth("guangzhou-rencai-jiju-2012")
    got = tasks_of("guangzhou-rencai-jiju-2012")
    assert [norm(t.position) for t in got] == [position(r) for r in rows]
    assert [t.eid for t in got[9:14]] == [f"lvl_2__lvl_2__lvl_{n}" for n in range(11, 16)]
    assert got[9].heading == "121人才梯队项目"
    for t, r in zip(got, rows, strict=True):
        assert norm(t.text).startswith(norm(r["task_starts_with"])), r["heading_path"]


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        # 2.121… continues items 1.: an item label; its name keeps its digits.
        ("一、总体\n1.甲项目。推进。\n2.121人才梯队项目。推进。\n3.乙项目。推进。", [1, 2, 3]),
        # A spaced variant.
        ("一、总体\n1.甲项目。推进。\n2. 121人才梯队项目。推进。\n3.乙项目。推进。", [1, 2, 3]),
        # Not the next item (3 after 1), a quantity (2.5万元) or a per cent: no label.
        ("一、总体\n1.甲项目。推进。\n3.121人才项目。推进。", [1]),
        ("一、总体\n1.甲项目。推进。\n2.5万元用于补助。", [1]),
        ("一、总体\n1.甲项目。推进。\n2.5%的增长。", [1]),
        # Decimal headings continue their own numbering (1 总则 / 1.1 …): 1.2 stays decimal.
        ("1 总则\n1.1 编制目的\n1.2 适用范围", []),
    ],
)
def test_item_label_before_digits_in_the_tree(text: str, numbers: list[int]) -> None:
    root = parse_structure(text)
    found: list[int] = []

    def walk(n) -> None:  # type: ignore[no-untyped-def]
        if n.kind == "heading3":
            found.append(n.number)
        for c in n.children:
            walk(c)

    walk(root)
    assert found == numbers


def test_item_label_before_digits_in_the_ledger() -> None:
    text = "（二）科技\n10.甲项目。推进。（牵头单位：市科技局）\n11.121人才梯队项目。培养人才。（牵头单位：市人社局）"
    got = [(t.position, t.heading) for t in extract_tasks_from_text(text)]
    assert got == [("（二）10.", "甲项目"), ("（二）11.", "121人才梯队项目")]


# ---------------------------------------------------------------- 2. a note after the units


@pytest.mark.parametrize("through_pipeline", [True, False])
def test_unit_line_ending_with_a_bracketed_note(through_pipeline: bool) -> None:
    name = "lishui-zfgzbg-zrfj-2023"
    if through_pipeline:
        got = tasks_of(name)
    else:
        got = extract_tasks_from_text((DATA / f"{name}.txt").read_text(encoding="utf-8"))
    item4 = next(t for t in got if t.position == "一、4.")
    row = next(r for r in truth(name) if r["heading_path"] == "一、4.")
    assert set(item4.units()) == set(row["responsible"])
    assert norm(item4.note) == norm("除标注“分别牵头”外,列第一位为牵头或汇总单位,下同")


@pytest.mark.parametrize(
    ("printed", "units", "note"),
    [
        ("（责任单位：市财政局、市商务局（按职责分工，下同））", ("市财政局", "市商务局"), "按职责分工，下同"),
        # Brackets inside a unit's name stay: no note.
        (
            "（责任单位：各县（市、区）人民政府、市委宣传部（市新闻出版局））",
            ("各县（市、区）人民政府", "市委宣传部（市新闻出版局）"),
            None,
        ),
    ],
)
def test_note_kept_aside(printed: str, units: tuple[str, ...], note: str | None) -> None:
    (t,) = extract_tasks_from_text(f"1.加快建设。推进相关工作。{printed}")
    assert (t.responsible, t.note) == (units, note)


# ---------------------------------------------------------------- 3. a printed rule on unit lists


def roles_of(t: Task) -> tuple[list[str], list[str], list[str]]:
    return (sorted(map(norm, t.lead)), sorted(map(norm, t.cooperating)), sorted(map(norm, t.responsible)))


def test_printed_rule_first_unit_leads_and_each_leads() -> None:
    rows = truth("lishui-zfgzbg-zrfj-2023")
    got = {t.position: t for t in tasks_of("lishui-zfgzbg-zrfj-2023")}
    for r in rows:
        t = got[r["heading_path"]]
        want = (sorted(map(norm, r["lead"])), sorted(map(norm, r["cooperate"])), sorted(map(norm, r["responsible"])))
        assert roles_of(t) == want, r["heading_path"]


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        # The rule printed once: the first unit of every list leads, all stay responsible.
        (
            "说明：列第一位为牵头单位。\n1.推进甲。\n责任单位：市发改委、市财政局\n2.推进乙。\n责任单位：市商务局",
            [(("市发改委",), (), ("市发改委", "市财政局")), (("市商务局",), (), ("市商务局",))],
        ),
        # …其余为配合单位: the others cooperate.
        (
            "排在首位的为牵头单位，其余为配合单位。\n1.推进甲。\n责任单位：市发改委、市财政局",
            [(("市发改委",), ("市财政局",), ())],
        ),
        # No rule printed: the units stay responsible only.
        ("1.推进甲。\n责任单位：市发改委、市财政局", [((), (), ("市发改委", "市财政局"))]),
        # 分别牵头 without a rule: each leads and is responsible.
        (
            "1.推进甲。\n责任单位：市人力社保局、市农业农村局分别牵头",
            [(("市人力社保局", "市农业农村局"), (), ("市人力社保局", "市农业农村局"))],
        ),
        # An explicit lead is kept under the rule.
        (
            "列第一位为牵头单位。\n1.推进甲。（牵头单位：市财政局；责任单位：市发改委、市商务局）",
            [(("市财政局",), (), ("市发改委", "市商务局"))],
        ),
    ],
)
def test_printed_rule_on_unit_lists(text: str, roles: list) -> None:
    assert [(t.lead, t.cooperating, t.responsible) for t in extract_tasks_from_text(text)] == roles


# ---------------------------------------------------------------- 4. units on a line of their own


def test_units_on_their_own_line_cover_the_item_sentence() -> None:
    rows = truth("lishui-zfgzbg-zrfj-2023")
    got = tasks_of("lishui-zfgzbg-zrfj-2023")
    assert [norm(t.position) for t in got] == [position(r) for r in rows]
    for t, r in zip(got, rows, strict=True):
        assert norm(t.text).startswith(norm(r["task_starts_with"])), r["heading_path"]
    assert got[0].text == "生产总值增长6%以上，高质量前提下能快则快"


def test_first_heading_is_no_part_of_the_title() -> None:
    issue = parse_text((DATA / "lishui-zfgzbg-zrfj-2023.txt").read_text(encoding="utf-8"), "lishui.txt")
    (doc,) = issue.documents
    assert doc.title == "市政府工作报告重点工作责任分解（2023年）"
    assert {t.doc_title for t in extract_tasks(doc)} == {"市政府工作报告重点工作责任分解（2023年）"}


def test_units_line_after_a_sentence_item_without_brackets() -> None:
    text = "一、目标\n1.生产总值增长6%以上。\n责任单位：市发改委\n2.推进乙。推进丙。\n责任单位：市商务局"
    got = [(t.text, t.responsible) for t in extract_tasks_from_text(text)]
    assert got == [("生产总值增长6%以上", ("市发改委",)), ("推进乙。推进丙", ("市商务局",))]


# ---------------------------------------------------------------- 5. a task table


def test_task_table_rows() -> None:
    rows = truth("chizhou-xfj-zwgk-tasklist")
    for got in (tasks_of("chizhou-xfj-zwgk-tasklist"), extract_table_tasks(read("chizhou-xfj-zwgk-tasklist"))):
        assert len(got) == len(rows)
        for t, r in zip(got, rows, strict=True):
            category, number = r["heading_path"].split(" / ")
            assert (t.heading, t.position) == (category, f"序号{number}")
            assert norm(t.text).startswith(norm(r["task_starts_with"]))
            assert roles_of(t) == ([], [], sorted(map(norm, r["responsible"])))
            assert t.due == r["deadline"]


def read(name: str) -> str:
    return (DATA / f"{name}.txt").read_text(encoding="utf-8")


def test_task_table_with_a_deadline_column_and_no_number_header() -> None:
    text = "工作任务\t\t具体要求\t责任单位\t完成时限\n加强宣传\t1\t总结报送稿件。\t市委宣传部\t2025年底前\n\t2\t开展培训。\t市人社局\t持续推进\n"
    got = [(t.position, t.heading, t.text, t.responsible, t.due) for t in extract_tasks_from_text(text)]
    assert got == [
        ("序号1", "加强宣传", "总结报送稿件。", ("市委宣传部",), "2025年底前"),
        ("序号2", "加强宣传", "开展培训。", ("市人社局",), "持续推进"),
    ]


def test_task_table_that_gives_no_rows_is_reported(tmp_path: Path) -> None:
    from gongbao.extract.tasks import unread_task_tables
    from gongbao.query.ledger import build_ledger

    text = "某方案\n一、任务分工\n工作任务\t具体要求\t责任科室\t时限要求\n（详见附表）\n"
    assert unread_task_tables(text) == ["工作任务 具体要求 责任科室 时限要求"]
    ledger = build_ledger(parse_text(text).documents)
    assert ledger.tasks == [] and len(ledger.warnings) == 1 and "责任科室" in ledger.warnings[0]
    assert unread_task_tables(read("chizhou-xfj-zwgk-tasklist")) == []


# ---------------------------------------------------------------- 6. several counts in a sentence

_COUNT = re.compile(r"(\d+(?:\.\d+)?)(万名|名|个|家|场次|%|亿元)")


def _printed_object(rest: str) -> str:
    """What the truth names after a count: 不少于10名……院士后备人才 -> 院士后备人才."""
    rest = re.sub(r"^(?:左右|以上|以内)", "", rest)
    rest = rest.split("……")[-1]
    return re.split(r"[、和，]|以及|参加|赴|到|出国|开展", rest)[0] if rest else ""


@pytest.mark.parametrize("name", ["guangzhou-rencai-jiju-2012", "lishui-zfgzbg-zrfj-2023"])
def test_every_printed_count_is_a_target(name: str) -> None:
    got = {norm(t.position): t for t in tasks_of(name)}
    for r in truth(name):
        t = got[position(r)]
        for printed in r["targets"]:
            for c in _COUNT.finditer(printed):
                value, unit = c.groups()
                hits = [x for x in t.targets if x.value == float(value) and x.unit == unit]
                what = norm(_printed_object(printed[c.end() :]))
                assert any(what in norm(x.metric) for x in hits), (r["heading_path"], printed, value, what)


# ---------------------------------------------------------------- 7. growth and limit forms


def test_growth_and_limit_forms_with_their_relation() -> None:
    # 以上 -> at least, 以内/以下 -> at most, else as printed (增长8%, 达到2.3%).
    got = {t.position: t for t in tasks_of("lishui-zfgzbg-zrfj-2023")}
    for r in truth("lishui-zfgzbg-zrfj-2023"):
        for printed in r["targets"]:
            c = re.search(r"(\d+(?:\.\d+)?)(?:%|个|亿元)", printed)
            assert c, printed
            value, tail = c.group(1), printed[c.end() :]
            want = ">=" if "以上" in tail else "<=" if re.search("以内|以下", tail) else "="
            (x,) = [x for x in got[r["heading_path"]].targets if x.value == float(value) and x.metric in printed]
            assert x.relation == want, printed
    (first,) = got["一、1."].targets
    assert (first.metric, first.unit, first.comparison) == ("生产总值", "%", "增长…以上")
    ten = got["二、（一）10."].targets
    assert [x.recurring for x in ten] == [True, False]  # 每年 holds for its clause only


def test_two_clauses_of_one_item_and_a_clause_closed_by_a_note() -> None:
    """潮州 2019 (tests/data/tasks/README.md): item 二、（一）1. prints two unit clauses; the first ends
    with a note (…负责落实。以下各项工作均需…落实，不再列出。) — one task row per clause, none lost.

    Session 7: the note is a rule for the work below it, so the second clause's task has the county
    governments responsible too; and 工业和信息化局、自然资源局 listed after 市发展和改革局 are the city's
    (市工业和信息化局): the level of the first department is shared, as 市住建局、资源规划局 (新密 2021)."""
    got = [(t.position, t.lead, t.cooperating, t.responsible) for t in tasks_of("chaozhou-lantian-2019")]
    county = "各县、区人民政府（管委会）"
    assert got == [
        ("二、（一）1.", ("市生态环境局",), ("市发展和改革局", "市工业和信息化局", "市自然资源局"), (county,)),
        ("二、（一）1.", ("市生态环境局", "市场监管局"), ("市发展和改革局", "市工业和信息化局"), (county,)),
    ]
    assert tasks_of("chaozhou-lantian-2019")[0].note == "以下各项工作均需各县、区人民政府（管委会）落实，不再列出"


def test_units_that_carry_out_the_work_are_responsible() -> None:
    """开封 2025: （A、B、C按职责分工负责，D、E具体落实） — all five responsible."""
    (task,) = tasks_of("kaifeng-daqi-2025")
    assert task.position == "三、（一）1." and task.lead == () and task.cooperating == ()
    assert task.responsible == (
        "市工业和信息化局",
        "市发展改革委",
        "市生态环境局",
        "各县区政府",
        "城乡一体化示范区管委会",
    )


def test_a_months_end_takes_the_one_year_its_sentence_names() -> None:
    """开封 2025: `2025年，…列入2025年去产能计划的生产设施9月底前依法依规停止排污` is due 2025-09-30; a
    month with no year in its sentence, or with two years before it, stays undated."""
    from datetime import date

    from gongbao.extract.targets import find_deadline

    (task,) = tasks_of("kaifeng-daqi-2025")
    assert task.deadline == date(2025, 9, 30)
    assert find_deadline("9月底前完成")[0] is None
    assert find_deadline("2024年完成A，2025年完成B，9月底前完成C")[0] is None


def test_a_table_with_responsible_department_and_schedule_columns() -> None:
    """遂宁 2016 (tests/data/tasks/README.md): 负责部门 is the units' column, 时间进度 the deadline's."""
    from datetime import date

    tasks = tasks_of("suining-huanwei-2016")
    assert [t.position for t in tasks] == [f"序号{k}" for k in range(1, 12)]
    assert tasks[0].responsible == ("市委编办", "市住建局", "市城管局")
    assert tasks[0].due == "省出台文件后2个月完成" and tasks[0].deadline is None
    assert tasks[3].deadline == date(2016, 12, 31) and tasks[6].deadline == date(2018, 12, 31)
    assert tasks[2].due == "常态工作" and tasks[2].deadline is None
