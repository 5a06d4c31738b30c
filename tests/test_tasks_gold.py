"""Task ledger (issue #7): every plan of the sample against a hand-checked gold ledger.

Each ``tests/data/tasks/*.gold.json`` was audited clause by clause against the printed
plan: outline position, node id, lead / cooperating / responsible units as printed,
the covered text (probed at both ends) and the task's deadline. Checked twice: on the
pipeline's document (``parse_path``) and on the raw lines cut from the sample, whose
broken lines and half-width punctuation the extractor must read the same way.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from gongbao import model
from gongbao.extract.targets import find_deadline
from gongbao.extract.tasks import Task, extract_tasks, extract_tasks_from_text
from test_tasks import CLAUSE_COUNTS, sliced_text

DATA = Path(__file__).resolve().parent / "data" / "tasks"
GOLD_FILES = sorted(p.name for p in DATA.glob("*.gold.json"))
_HALF = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）"})


def norm(s: str) -> str:
    """Whitespace removed, ASCII punctuation in its full-width form."""
    return re.sub(r"\s+", "", s).translate(_HALF)


def check(tasks: list[Task], gold: dict, *, text_and_targets: bool = True) -> None:
    assert len(tasks) == gold["clauses"] == len(gold["tasks"]) == CLAUSE_COUNTS[gold["doc_number"]]
    for t, g in zip(tasks, gold["tasks"], strict=True):
        where = f"{gold['doc_number']} #{t.index} {g['position']}"
        assert (t.position, t.eid) == (g["position"], g["eid"]), where
        assert list(t.lead) == g["lead"], where
        assert list(t.cooperating) == g["cooperating"], where
        assert list(t.responsible) == g["responsible"], where
        assert norm(t.text).startswith(g["text_starts"]), where
        assert norm(t.text).endswith(g["text_ends"]), where
        d = t.deadline
        assert (d.isoformat() if d else None) == g["deadline"], where
        if text_and_targets and "targets" in g:
            got = [
                {
                    "metric": norm(x.metric),
                    "value": x.to_json()["value"],
                    "value_max": x.to_json()["value_max"],
                    "unit": x.unit,
                    "comparison": x.comparison,
                    "deadline": x.deadline.isoformat() if x.deadline else None,
                    "recurring": x.recurring,
                }
                for x in t.targets
            ]
            assert got == g["targets"], where


def test_every_plan_has_a_gold_ledger(sample_issue: model.Issue) -> None:
    planned = {d.doc_number for d in sample_issue.documents if extract_tasks(d)}
    golds = {json.loads((DATA / f).read_text(encoding="utf-8"))["doc_number"] for f in GOLD_FILES}
    golds |= {"聊政字〔2024〕18号", "聊政办字〔2024〕23号"}  # pinned in test_tasks.py
    assert planned == golds == set(CLAUSE_COUNTS)


@pytest.mark.parametrize("gold_file", GOLD_FILES)
def test_gold_ledger_through_the_pipeline(gold_file: str, sample_issue: model.Issue) -> None:
    gold = json.loads((DATA / gold_file).read_text(encoding="utf-8"))
    doc = next(d for d in sample_issue.documents if d.doc_number == gold["doc_number"])
    check(extract_tasks(doc), gold)


@pytest.mark.parametrize("gold_file", GOLD_FILES)
def test_gold_ledger_on_raw_lines(gold_file: str) -> None:
    gold = json.loads((DATA / gold_file).read_text(encoding="utf-8"))
    check(extract_tasks_from_text(sliced_text(gold["doc_number"]), doc_number=gold["doc_number"]), gold)


@pytest.mark.parametrize(
    ("printed", "deadline"),
    [
        # The end of the period a tax rule holds is no deadline of the task.
        ("严格落实国家有关税费减免政策，自2019年1月1日至2027年供暖期结束，对供热企业免征增值税", None),
        ("自2024年起至2026年底，每年新增10家", "2026-12-31"),
        ("至2027年底，完成改造", "2027-12-31"),
    ],
)
def test_period_end_is_no_deadline(printed: str, deadline: str | None) -> None:
    d, _ = find_deadline(printed)
    assert (d.isoformat() if d else None) == deadline


# ---------------------------------------------------------------- other cities' plans

OTHER = {
    # 济南 style: verb clauses, 牵头部门/配合部门/责任部门 and 责任单位 on lines of their own,
    # 1.（1） levels, verbs inside a keyword clause, a clause broken across lines, a bare list.
    "jinan-style-plan.txt": [
        (
            "二、（一）1.",
            "lvl_2__lvl_1__lvl_1",
            ("市工业和信息化局",),
            ("市通信管理办", "市发展改革委"),
            ("各区县政府",),
        ),
        ("二、（一）2.（1）", "lvl_2__lvl_1__lvl_2__lvl_1", ("市发展改革委",), ("市大数据局", "市财政局"), ()),
        (
            "二、（一）2.（2）",
            "lvl_2__lvl_1__lvl_2__lvl_2",
            ("市大数据局",),
            ("市工业和信息化局",),
            ("各区县政府", "济南高新区管委会"),
        ),
        ("二、（二）1.", "lvl_2__lvl_2__lvl_1", (), (), ("市工业和信息化局", "市科技局", "各区县政府")),
        (
            "二、（二）2.",
            "lvl_2__lvl_2__lvl_2",
            ("市工业和信息化局",),
            ("市发展改革委", "市科技局", "市财政局"),
            ("各区县政府", "济南新旧动能转换起步区管委会"),
        ),
        ("二、（二）3.", "lvl_2__lvl_2__lvl_3", (), (), ("市工业和信息化局", "市财政局", "各区县政府")),
        ("三、（一）", "lvl_3__lvl_1", (), (), ("市数字经济发展工作专班各成员单位",)),
        ("三、（二）", "lvl_3__lvl_2", (), (), ("市财政局", "市工业和信息化局")),
    ],
    # 青岛 style: 【】 with keywords separated by spaces, a unit annotated （牵头）, 协同单位,
    # 各区（市）人民政府 kept whole, a verb clause closed by 完成时限.
    "qingdao-style-plan.txt": [
        (
            "一、（一）",
            "lvl_1__lvl_1",
            ("市工业和信息化局",),
            ("市发展改革委", "市海洋发展局"),
            ("各区（市）人民政府", "青岛西海岸新区管委"),
        ),
        ("一、（二）", "lvl_1__lvl_2", ("市科技局",), (), ("市卫生健康委", "市市场监管局")),
        ("一、（三）1.", "lvl_1__lvl_3__lvl_1", ("市海洋发展局",), (), ("各区（市）人民政府",)),
        (
            "一、（三）2.",
            "lvl_1__lvl_3__lvl_2",
            ("市海洋发展局",),
            ("市工业和信息化局", "市商务局"),
            # 即墨区、胶州市、黄岛区人民政府: three governments (the places share the body printed last)
            ("即墨区人民政府", "胶州市人民政府", "黄岛区人民政府"),
        ),
        (
            "二、（一）",
            "lvl_2__lvl_1",
            ("市委金融办",),
            ("人民银行青岛市分行", "国家金融监督管理总局青岛监管局"),
            (),
        ),
        ("二、（二）", "lvl_2__lvl_2", ("市委宣传部（市新闻出版局）",), (), ("市海洋发展局",)),
        ("二、（三）", "lvl_2__lvl_3", (), (), ("市自然资源和规划局", "市海洋发展局")),
    ],
    # 杭州 style: the clause printed after the item's title, the item's prose on the next
    # line; 各区、县（市）人民政府 is one collective.
    "hangzhou-style-plan.txt": [
        ("一、（一）", "lvl_1__lvl_1", (), ("市级有关部门",), ("市数据资源局",)),
        ("一、（二）", "lvl_1__lvl_2", (), (), ("市数据资源局", "市财政局")),
        ("一、（三）", "lvl_1__lvl_3", ("市经信局",), (), ()),
        ("二、（一）", "lvl_2__lvl_1", (), (), ("各区、县（市）人民政府",)),
    ],
}


@pytest.mark.parametrize("name", sorted(OTHER))
def test_other_city_plans_end_to_end(name: str) -> None:
    from gongbao.pipeline import parse_text

    issue = parse_text((DATA / name).read_text(encoding="utf-8"), name)
    plans = [d for d in issue.documents if extract_tasks(d)]
    assert len(plans) == 1
    tasks = extract_tasks(plans[0])
    got = [(t.position, t.eid, t.lead, t.cooperating, t.responsible) for t in tasks]
    assert got == OTHER[name]
    assert all(t.doc_number == plans[0].doc_number and t.doc_number for t in tasks)


def test_other_city_plans_deadlines_targets_and_aliases() -> None:
    from gongbao.pipeline import parse_text
    from gongbao.query.ledger import build_ledger, filter_tasks

    jinan = build_ledger(parse_text((DATA / "jinan-style-plan.txt").read_text(encoding="utf-8")).documents)
    j = jinan.tasks
    assert [(x.metric, x.value, x.unit, x.deadline.isoformat()) for x in j[0].targets] == [
        ("累计建成5G基站", 4, "万个", "2025-12-31")
    ]
    assert j[1].due == "2026年12月底前" and j[1].deadline.isoformat() == "2026-12-31"
    assert [(x.value, x.unit, x.comparison, x.recurring) for x in j[5].targets] == [(1000, "家", "以上", True)]
    assert j[7].targets == ()  # a subsidy cap (不超过500万元补助) is no target
    # 市发改委 / 市工信局 are the printed 市发展改革委 / 市工业和信息化局.
    assert [t.index for t in filter_tasks(jinan, unit="市发改委")] == [1, 2, 5]
    assert [t.index for t in filter_tasks(jinan, unit="市工信局", role="lead")] == [1, 5]

    qingdao = build_ledger(parse_text((DATA / "qingdao-style-plan.txt").read_text(encoding="utf-8")).documents)
    q = qingdao.tasks
    assert [(x.metric, x.value, x.unit, x.comparison, x.deadline.isoformat()) for x in q[0].targets] == [
        ("海洋装备产业产值", 1000, "亿元", "突破", "2026-12-31")
    ]
    assert q[1].targets[0].recurring and q[1].deadline is None
    assert q[2].deadline.isoformat() == "2027-12-31" and q[2].targets[0].unit == "万立方米"
    assert q[6].due == "持续推进" and q[6].deadline is None
    # The closing article's validity period (有效期至2027年12月31日) makes no task.
    assert len(q) == 7


@pytest.mark.parametrize(
    ("printed", "lead", "cooperating", "responsible"),
    [
        # Verbs inside a keyword clause decide the role of their segment.
        ("（责任单位：市商务局牵头，市财政局、市自然资源局配合）", ("市商务局",), ("市财政局", "市自然资源局"), ()),
        ("（责任单位：市商务局牵头，市财政局、各区县政府）", ("市商务局",), (), ("市财政局", "各区县政府")),
        ("（牵头单位：市商务局负责；配合单位：市财政局）", ("市商务局",), ("市财政局",), ()),
        ("（责任单位：市商务局，市直有关部门按职责分工负责）", (), (), ("市商务局", "市直有关部门")),
        # A bare unit list after a full stop: the responsible units.
        ("（市工业和信息化局、市财政局，各区县政府）", (), (), ("市工业和信息化局", "市财政局", "各区县政府")),
        ("（市委办公室、市政府办公室）", (), (), ("市委办公室", "市政府办公室")),
        # A field the ledger does not know ends the unit list before it.
        (
            "（牵头单位：市发展改革委；督导单位：市政府督查室；责任单位：各区县政府）",
            ("市发展改革委",),
            (),
            ("各区县政府",),
        ),
        (
            "（省发展改革委牵头，省工业和信息化厅、省财政厅等按职责分工负责）",
            ("省发展改革委",),
            (),
            ("省工业和信息化厅", "省财政厅"),
        ),
        # 〔〕 brackets.
        ("〔牵头单位：市商务局；责任单位：各区县政府〕", ("市商务局",), (), ("各区县政府",)),
    ],
)
def test_clause_shapes_of_other_cities(printed: str, lead: tuple, cooperating: tuple, responsible: tuple) -> None:
    tasks = extract_tasks_from_text(f"1.加快建设。推进相关工作。{printed}")
    assert [(t.lead, t.cooperating, t.responsible) for t in tasks] == [(lead, cooperating, responsible)]


@pytest.mark.parametrize(
    "printed",
    [
        "推进实施。（以下简称市发展改革委）",
        "推进实施。（含县城）",
        "推进实施。（略）",
        "推进实施。（市级）",
        "推进实施。（国家级）",
    ],
)
def test_brackets_after_a_full_stop_that_are_no_unit_list(printed: str) -> None:
    assert extract_tasks_from_text(printed) == []


def test_verb_clause_with_a_deadline_field() -> None:
    (t,) = extract_tasks_from_text("（一）再推进。推进相关工作。（市商务局牵头，市财政局配合；完成时限：2025年底前）")
    assert (t.lead, t.cooperating, t.due, t.deadline.isoformat()) == (
        ("市商务局",),
        ("市财政局",),
        "2025年底前",
        "2025-12-31",
    )


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("到2027年年底，全市用水总量控制在20.1亿立方米以内", [("用水总量", 20.1, "亿立方米", "控制在…以内")]),
        ("到2027年，万元工业增加值用水量较2020年下降16%以上", [("万元工业增加值用水量", 16, "%", "较2020年下降")]),
        ("到2030年，人均公园绿地面积提升至每人18平方米以上", [("人均公园绿地面积", 18, "平方米", "提升至")]),
        ("每年举办药膳大赛等活动共100余场", [("举办药膳大赛等活动", 100, "场", "以上")]),
        (
            "到2027年年底，完成10处农村供水设施设备及供水管网改造提升",
            [("完成农村供水设施设备及供水管网改造提升", 10, "处", "达到")],
        ),
        ("到2025年底，累计建成5G基站4万个", [("累计建成5G基站", 4, "万个", "达到")]),
        ("到2026年底，开放数据集500个", [("开放数据集", 500, "个", "达到")]),
        ("每年举办招聘活动50场次以上", [("举办招聘活动", 50, "场次", "以上")]),
        ("开展2024年度评估", []),
        # The verb's next object after a comma; an object printed with 、 after the number.
        (
            "到2026年年底，建成省级乡村振兴片区18个以上，市级乡村振兴片区30个以上，全市50%以上的涉农乡镇建有片区",
            [("建成省级乡村振兴片区", 18, "个", "以上"), ("建成市级乡村振兴片区", 30, "个", "以上")],
        ),
        (
            "到2028年年底，建成1—2个国家级、省级大健康产业集聚区；",
            [("建成国家级、省级大健康产业集聚区", 1, "个", "达到")],
        ),
        (
            "2030年年底前，新改建综合公园3处、专类公园6处",
            [("新改建综合公园", 3, "处", "达到"), ("新改建专类公园", 6, "处", "达到")],
        ),
    ],
)
def test_targets_found_by_the_audit(printed: str, expected: list) -> None:
    from gongbao.extract.targets import extract_targets

    assert [(t.metric, t.value, t.unit, t.comparison) for t in extract_targets(printed)] == expected


def test_clause_after_the_title_covers_the_item() -> None:
    from gongbao.pipeline import parse_text

    issue = parse_text((DATA / "hangzhou-style-plan.txt").read_text(encoding="utf-8"))
    t1, t2, t3, t4 = (t for d in issue.documents for t in extract_tasks(d))
    assert t1.text == "扩大公共数据开放。推动公共数据分级分类有序开放，到2026年底，累计开放数据集3000个以上"
    assert [(x.metric, x.value, x.comparison) for x in t1.targets] == [("累计开放数据集", 3000, "以上")]
    assert t1.deadline.isoformat() == "2026-12-31"
    assert t2.text.startswith("建设数据开放平台。升级公共数据开放平台") and t2.deadline is None
    # A clause after a title ending with 。 covers the rest of its paragraph.
    assert t3.text == "培育数据应用场景。支持企业开发数据产品，每年培育数据开放创新应用20个以上"
    assert t3.targets[0].recurring
    # The last item stops before the signature and date.
    assert t4.text == "加强组织领导。各地要建立工作机制，明确专人负责，确保各项任务落地见效"


@pytest.mark.parametrize(
    ("printed", "units"),
    [
        ("各区、县（市）人民政府，市财政局", ("各区、县（市）人民政府", "市财政局")),
        ("各区、市人民政府，青岛西海岸新区管委", ("各区、市人民政府", "青岛西海岸新区管委")),
        ("各市、县（市、区）人民政府", ("各市、县（市、区）人民政府",)),
        ("市财政局、各区", ("市财政局", "各区")),
    ],
)
def test_collectives_split_by_a_comma_stay_whole(printed: str, units: tuple[str, ...]) -> None:
    from gongbao.extract.tasks import split_units

    assert split_units(printed) == units


def test_deadline_field_on_the_line_after_a_clause() -> None:
    text = (
        "（一）推进5G建设\n"
        "1.加快5G网络建设。推进5G网络深度覆盖，累计建成5G基站4万个。\n"
        "责任单位：市工业和信息化局\n"
        "完成时限：2025年底前\n"
        "2.建设算力中心。支持企业建设算力中心。\n"
        "牵头单位：市发展改革委；配合单位：市财政局\n"
        "时间节点：2026年6月底\n"
        "3.推进数据开放。推动公共数据开放。责任单位：市大数据局；完成时限：2026年底。\n"
        "完成时限：另起一行的时限不属于已有时限的条款"
    )
    got = [(t.lead, t.cooperating, t.responsible, t.due) for t in extract_tasks_from_text(text)]
    assert got == [
        ((), (), ("市工业和信息化局",), "2025年底前"),
        (("市发展改革委",), ("市财政局",), (), "2026年6月底"),
        ((), (), ("市大数据局",), "2026年底"),
    ]
    t1 = extract_tasks_from_text(text)[0]
    assert t1.targets[0].deadline.isoformat() == "2025-12-31"
