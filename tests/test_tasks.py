"""Task ledger (issue #7): unit clauses of the sample's plans, pinned against hand-checked gold."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongbao.extract.tasks import extract_tasks_from_text, split_units

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "liaocheng-2024-11-12.txt"
DATA = ROOT / "tests" / "data" / "tasks"
_MARKER = re.compile(r"[（(]\s*(?:下转|上接)第\s*\d+\s*页\s*[）)]")

# Clause counts per plan, counted by hand in the sample (one per bracketed unit clause,
# the part printed on another page included).
CLAUSE_COUNTS = {
    "聊政字〔2024〕15号": 42,
    "聊政字〔2024〕18号": 19,
    "聊政字〔2024〕19号": 21,
    "聊政字〔2024〕20号": 34,
    "聊政办字〔2024〕16号": 17,
    "聊政办字〔2024〕23号": 16,
    "聊政办字〔2024〕24号": 20,
    "聊政办字〔2024〕25号": 14,
}


def sliced_text(doc_number: str) -> str:
    """The raw text of a plan cut from the sample by the line ranges of ``slices.json``.

    Pages are read in reading order (a jump's continuation appended), jump markers
    removed and blank lines dropped; lines broken by the PDF are left broken, which
    is harder than the pipeline's re-joined text.
    """
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    ranges = json.loads((DATA / "slices.json").read_text(encoding="utf-8"))[doc_number]
    out = []
    for a, b in ranges:
        for line in lines[a - 1 : b]:
            line = _MARKER.sub("", line)
            if line.strip():
                out.append(line)
    return "\n".join(out)


def squeeze(s: str) -> str:
    return re.sub(r"\s+", "", s)


@pytest.mark.parametrize("doc_number", sorted(CLAUSE_COUNTS))
def test_clause_counts(doc_number: str) -> None:
    tasks = extract_tasks_from_text(sliced_text(doc_number), doc_number=doc_number)
    assert len(tasks) == CLAUSE_COUNTS[doc_number]
    assert [t.index for t in tasks] == list(range(1, len(tasks) + 1))
    for t in tasks:
        assert t.units(), t
        assert all(not re.search(r"\s", u) for u in t.units())
        # No unit swallowed a separator or a role keyword.
        assert not any(re.search(r"单位：|部门：|[、；]", re.sub(r"（[^）]*）", "", u)) for u in t.units()), t.units()


@pytest.mark.parametrize(
    "gold_file", ["liaocheng-2024-11-12.lzz-2024-18.json", "liaocheng-2024-11-12.lzbz-2024-23.json"]
)
def test_gold_ledger(gold_file: str) -> None:
    gold = json.loads((DATA / gold_file).read_text(encoding="utf-8"))
    tasks = extract_tasks_from_text(sliced_text(gold["doc_number"]), doc_number=gold["doc_number"])
    assert len(tasks) == gold["clauses"] == len(gold["tasks"])
    for t, g in zip(tasks, gold["tasks"], strict=True):
        where = f"{g['position']}"
        assert t.position == g["position"], where
        assert t.eid == g["eid"], where
        assert list(t.lead) == g["lead"], where
        assert list(t.cooperating) == g["cooperating"], where
        assert list(t.responsible) == g["responsible"], where
        assert squeeze(t.text).startswith(g["text_starts"]), where
        assert squeeze(t.text).endswith(g["text_ends"]), where
        got = [
            {
                "metric": x.metric,
                "value": x.to_json()["value"],
                "unit": x.unit,
                "comparison": x.comparison,
                "deadline": x.deadline.isoformat() if x.deadline else None,
                "recurring": x.recurring,
            }
            for x in t.targets
        ]
        assert got == g.get("targets", []), where


def test_clause_continued_on_another_page_is_whole() -> None:
    # 18号（十七）: the clause breaks off at 下转 and ends on another page with a doubled bracket.
    tasks = extract_tasks_from_text(sliced_text("聊政字〔2024〕18号"))
    t = tasks[16]
    assert t.position == "八、（十七）"
    assert t.responsible == ("市发展改革委", "市农业农村局", "各县（市、区）人民政府", "市属开发区管委会")
    assert tasks[17].text.startswith("拓宽政府及公共领域应用场景")


def test_brackets_are_not_separators_and_broken_lines_rejoin() -> None:
    tasks = extract_tasks_from_text(sliced_text("聊政字〔2024〕15号"))
    names = {u for t in tasks for u in t.units()}
    assert "中国铁路济南局集团有限公司聊城车务段" in names
    assert "各县（市、区）人民政府" in names
    assert not any(u.startswith("（") or u.endswith("（市") for u in names)
    # Several clauses in one item each cover the sentences since the previous clause.
    second = [t for t in tasks if t.position == "二、（二）2."]
    assert len(second) == 2
    assert squeeze(second[1].text).startswith("新、改、扩建用煤项目")
    assert second[1].cooperating == ("市生态环境局", "市统计局", "市行政审批局")


@pytest.mark.parametrize(
    ("printed", "units"),
    [
        (
            "市发展改革委、市科技局，各县（市、区）人民政府、市属开发区管委会",
            ("市发展改革委", "市科技局", "各县（市、区）人民政府", "市属开发区管委会"),
        ),
        ("各县(市、区)人民政府,市属开发区管委会", ("各县（市、区）人民政府", "市属开发区管委会")),
        ("市工业\n和信息化局", ("市工业和信息化局",)),
        ("市城管局、市水利局等", ("市城管局", "市水利局")),
    ],
    ids=["comma-and-dunhao", "half-width", "broken-line", "trailing-deng"],
)
def test_split_units(printed: str, units: tuple[str, ...]) -> None:
    assert split_units(printed) == units


OTHER_CITY = """某某市推进数字经济高质量发展三年行动方案
一、总体目标
到2026年，全市数字经济核心产业增加值占地区生产总值比重达到12%以上。
二、重点任务
（一）夯实数字基础设施。
1.加快5G网络建设。新建5G基站3000个，实现城区和乡镇全覆盖。
牵头部门：市工业和信息化局
配合部门：市通信发展管理办公室、国网某某供电公司
责任部门：各县（市、区）人民政府
2.推进算力中心建设。到2025年底建成标准机架5000个以上。（牵头部门：市发展和改革委员会；责任部门：市大数据局）
（二）培育数字产业集群。支持龙头企业做大做强，培育省级以上“专精特新”企业20家。（市工业和信息化局、市科技局牵头，市财政局配合，各县（市、区）人民政府按职责分工负责）
三、保障措施
（一）强化组织领导。建立联席会议制度，定期研究解决重大问题。（责任单位：市数字经济发展领导小组成员单位）
"""


def test_other_city_plan_with_department_variants() -> None:
    tasks = extract_tasks_from_text(OTHER_CITY, doc_number="某政办发〔2025〕3号")
    assert [t.position for t in tasks] == ["二、（一）1.", "二、（一）2.", "二、（二）", "三、（一）"]
    t1, t2, t3, t4 = tasks
    assert t1.lead == ("市工业和信息化局",)
    assert t1.cooperating == ("市通信发展管理办公室", "国网某某供电公司")
    assert t1.responsible == ("各县（市、区）人民政府",)
    assert t1.eid == "lvl_2__lvl_1__lvl_1"
    assert [(x.value, x.unit) for x in t1.targets] == [(3000, "个")]
    assert t2.lead == ("市发展和改革委员会",) and t2.responsible == ("市大数据局",)
    assert t2.targets[0].deadline.isoformat() == "2025-12-31" and t2.targets[0].comparison == "以上"
    assert t3.lead == ("市工业和信息化局", "市科技局")
    assert t3.cooperating == ("市财政局",)
    assert t3.responsible == ("各县（市、区）人民政府",)
    assert t4.responsible == ("市数字经济发展领导小组成员单位",)
    assert t4.heading == "强化组织领导"


def test_no_clause_no_task_and_arbitrary_brackets() -> None:
    assert extract_tasks_from_text("市农业农村局要发挥好牵头作用，加强研究谋划。（略）") == []
    assert extract_tasks_from_text("（" * 5000 + "牵头单位：") == []
    assert extract_tasks_from_text("") == []


@pytest.mark.parametrize(
    ("printed", "lead", "cooperating", "responsible"),
    [
        ("（一）做好某事。（责任单位：市发展改革委（牵头）、市财政局）", ("市发展改革委",), (), ("市财政局",)),
        ("（二）推进。（市发展改革委牵头，市财政局等按职责分工负责）", ("市发展改革委",), (), ("市财政局",)),
        ("（三）落实。（各县（市、区）人民政府负责落实）", (), (), ("各县（市、区）人民政府",)),
        (
            "1.推进。（主要责任单位：市商务局；配合单位：市财政局，市税务局）",
            (),
            ("市财政局", "市税务局"),
            ("市商务局",),
        ),
        ("2.做好。（牵头单位：市发展改革委，配合单位：市财政局）", ("市发展改革委",), ("市财政局",), ()),
        ("3.做好。（牵头部门：省发展改革委）（责任部门：各市人民政府）", ("省发展改革委",), (), ("各市人民政府",)),
        (
            "（四）做。（市住房城乡建设局牵头，市发展改革委、市财政局等部门配合）",
            ("市住房城乡建设局",),
            ("市发展改革委", "市财政局"),
            (),
        ),
        ("（五）做。（责任单位：市教育局；责任人：张三）", (), (), ("市教育局",)),
        ("（六）做。（牵头市领导：李四；牵头单位：市教育局）", ("市教育局",), (), ()),
        ("（七）做。【牵头单位：市教育局；责任单位：各区县政府】", ("市教育局",), (), ("各区县政府",)),
    ],
    ids=[
        "annotated-lead",
        "verb-clause",
        "负责落实",
        "主要责任单位",
        "comma-between-roles",
        "adjacent-brackets",
        "等部门",
        "person-field",
        "leader-field",
        "lenticular-brackets",
    ],
)
def test_clause_shapes(printed: str, lead: tuple, cooperating: tuple, responsible: tuple) -> None:
    (t,) = extract_tasks_from_text(printed)
    assert (t.lead, t.cooperating, t.responsible) == (lead, cooperating, responsible)


@pytest.mark.parametrize(
    "printed",
    [
        "（一）加强领导（市政府办公室印发）。",
        "（二）按照《某某办法》（2020年修订）执行。",
        "（三）由各县（市、区）负责组织实施工作的同志参加。",
        "（四）压实责任。各有关单位要高度重视。责任单位：要切实履行职责，确保按期完成",
    ],
    ids=["issued-by", "year-in-brackets", "not-a-clause-sentence", "prose-after-keyword"],
)
def test_brackets_that_are_not_clauses(printed: str) -> None:
    assert extract_tasks_from_text(printed) == []


_ALPHABET = "（）()、，；：。\n 一二三1.牵头配合责任单位部门市局委县区人民政府各等到2025年底达到辆%以上"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=300))
def test_never_raises_and_keeps_its_promises(text: str) -> None:
    tasks = extract_tasks_from_text(text)
    last = 0
    for t in tasks:
        assert last <= t.start < t.end <= len(text)
        last = t.end
        assert all(u and not re.search(r"\s", u) for u in t.units())
        for g in t.targets:
            assert g.unit and g.value >= 0


@pytest.mark.parametrize(
    ("printed", "units", "due", "deadline"),
    [
        (
            "（一）推进工作。责任单位：市发展改革委、市财政局。下一步工作。",
            ((), (), ("市发展改革委", "市财政局")),
            None,
            None,
        ),
        (
            "（二）推进。（牵头单位：市发展改革委；责任单位：各县（市、区）人民政府按职责分工负责；完成时限：2025年12月底前）",
            (("市发展改革委",), (), ("各县（市、区）人民政府",)),
            "2025年12月底前",
            "2025-12-31",
        ),
        ("（三）落实。（由市发展改革委牵头负责）", (("市发展改革委",), (), ()), None, None),
        (
            "（四）做好。（牵头单位：市商务局）（完成时限：2026年6月）",
            (("市商务局",), (), ()),
            "2026年6月",
            "2026-06-30",
        ),
        ("（五）做好。（牵头单位：市商务局；完成时限：长期坚持）", (("市商务局",), (), ()), "长期坚持", None),
    ],
    ids=["inline-after-full-stop", "due-in-clause", "由-prefix", "due-bracket", "due-without-date"],
)
def test_inline_clauses_and_due_fields(printed: str, units: tuple, due: str | None, deadline: str | None) -> None:
    (t,) = extract_tasks_from_text(printed)
    assert (t.lead, t.cooperating, t.responsible) == units
    assert t.due == due
    assert (t.deadline.isoformat() if t.deadline else None) == deadline


def test_other_city_gazette_file_end_to_end() -> None:
    # A single notice of another city, written in the genre's style, through the whole pipeline.
    from gongbao.pipeline import parse_path
    from gongbao.query.ledger import build_ledger, filter_tasks

    issue = parse_path(DATA / "other-city-plan.txt")
    ledger = build_ledger(issue.documents)
    got = [(t.doc_number, t.position, t.eid, t.lead, t.cooperating, t.responsible) for t in ledger.tasks]
    dn = "某政办字〔2025〕7号"
    assert got == [
        (
            dn,
            "二、（一）1.",
            "lvl_2__lvl_1__lvl_1",
            ("市商务局",),
            ("市发展和改革委员会", "市住房和城乡建设局"),
            ("各区县人民政府",),
        ),
        (
            dn,
            "二、（一）2.",
            "lvl_2__lvl_1__lvl_2",
            ("市商务局",),
            ("市自然资源局", "市市场监督管理局"),
            ("各区县人民政府", "某某经济技术开发区管委会"),
        ),
        (
            dn,
            "二、（二）1.",
            "lvl_2__lvl_2__lvl_1",
            ("市交通运输局", "市邮政管理局"),
            ("市商务局", "市供销社"),
            ("各区县人民政府",),
        ),
        (
            dn,
            "二、（二）2.",
            "lvl_2__lvl_2__lvl_2",
            ("市农业农村局（市乡村振兴局）",),
            (),
            ("中国邮政集团有限公司某某市分公司", "各区县人民政府"),
        ),
        (dn, "三、（一）", "lvl_3__lvl_1", (), (), ("市县域商业体系建设工作专班成员单位",)),
        (dn, "三、（二）", "lvl_3__lvl_2", (), (), ("市财政局", "市商务局")),
    ]
    t1, t2, _, t4, _, t6 = ledger.tasks
    assert [(g.metric, g.value, g.unit, g.deadline.isoformat()) for g in t1.targets] == [
        ("改造县城综合商贸服务中心", 12, "个", "2026-06-30")
    ]
    assert t2.targets[0].recurring and t2.targets[0].comparison == "以上"
    assert t4.due == "2027年12月底前" and t4.targets[0].deadline.isoformat() == "2027-12-31"
    assert t6.targets == ()  # a subsidy cap is no target
    # Aliases across cities' spellings: 市发展和改革委员会 is 市发展改革委.
    assert filter_tasks(ledger, unit="市发改委") == [t1]
    assert filter_tasks(ledger, unit="市市场监管局", role="cooperating") == [t2]


@pytest.mark.parametrize(
    ("printed", "units"),
    [
        ("市卫生健康委和市医保局", ("市卫生健康委", "市医保局")),
        ("市直有关部门及各区县政府", ("市直有关部门", "各区县政府")),
        ("市文化和旅游局、市工业和信息化局", ("市文化和旅游局", "市工业和信息化局")),
        ("市汽车及零部件产业链专班成员单位", ("市汽车及零部件产业链专班成员单位",)),
        ("各区县〔市、区〕人民政府、市教育局", ("各区县〔市、区〕人民政府", "市教育局")),
    ],
    ids=["和-two-units", "及-two-units", "和-inside-names", "及-inside-a-name", "square-brackets"],
)
def test_conjunctions_and_other_brackets(printed: str, units: tuple[str, ...]) -> None:
    assert split_units(printed) == units
