"""Clean-up decisions and notices (关于废止和修改部分规章的决定, 关于宣布失效一批规范性文件的决定, 清理结果):
every listed entry read with what is done to it, on real texts (``tests/data/repeals/``, truth by
reading in ``repeals.truth.json``). A 继续有效 entry is never a repeal; an entry that cannot be read
is a coded warning (``repeal_entry_unread``), never a silent loss."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from gongbao.extract.metadata import find_repeals, read_lists
from gongbao.pipeline import parse_path
from gongbao.query.status import status
from gongbao.segment.patterns import squeeze
from gongbao.store import ingest_issue

DATA = Path(__file__).parent / "data" / "repeals"
TRUTH = json.loads((DATA / "repeals.truth.json").read_text(encoding="utf-8"))["texts"]


def _key(title: str | None) -> str:
    return squeeze(title or "").replace("(", "（").replace(")", "）").replace("<", "〈").replace(">", "〉")


def _read(name: str) -> tuple[list[tuple[str, str | None]], list[str], list[str]]:
    """(repeals as (title, 文号), titles amended, warnings) gongbao reads from the text."""
    path = DATA / name
    truth = TRUTH[name]
    if truth.get("body_only"):
        # a body without its title or header (the page printed none): read its paragraphs directly
        paragraphs = [squeeze(p) for p in path.read_text(encoding="utf-8").split("\n")]
        listed = read_lists(paragraphs)
        reps = find_repeals(paragraphs, listed)
        return [(_key(r.title), r.doc_number) for r in reps], [_key(r.title) for r in listed.amends], listed.unread
    issue = parse_path(path)
    docs = [d for d in issue.documents if d.repeals or d.amends]
    assert len(docs) == 1, [d.title for d in issue.documents]
    doc = docs[0]
    warnings = [w.message for w in issue.warnings if w.code == "repeal_entry_unread"]
    return [(_key(r.title), r.doc_number) for r in doc.repeals], [_key(r.title) for r in doc.amends], warnings


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_every_listed_repeal_is_read(name: str) -> None:
    repeals, _, _ = _read(name)
    expected = [(_key(t), n) for t, n in TRUTH[name]["repeals"]]
    assert repeals == expected


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_nothing_else_is_repealed(name: str) -> None:
    """A 继续有效 entry, a title in the history bracket of a repealed text (…根据《Y》修正), a law a
    note says was repealed before (原《城市规划法》已废止), a basis, an attachment's title: none is a repeal."""
    repeals, _, _ = _read(name)
    titles = {t for t, _ in repeals}
    never = {_key(t) for t in TRUTH[name]["never"]} | {_key(t) for t, _ in TRUTH[name]["kept"]}
    assert not titles & never


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_an_unreadable_entry_is_said(name: str) -> None:
    _, _, warnings = _read(name)
    for needle in TRUTH[name]["unread"]:
        assert any(needle in w for w in warnings), (needle, warnings)
    if not TRUTH[name]["unread"]:
        assert warnings == []


def test_amended_entries_of_a_list_are_amendments() -> None:
    """国务院关于修改和废止部分行政法规的决定 (2024): 附件1's eight regulations are amended (二、删去《X》… too),
    none of 附件2's repealed ones is."""
    name = "../amend/triples/sc2024-decision.txt"
    repeals, amends, _ = _read(name)
    assert set(map(_key, TRUTH[name]["amends"])) <= set(amends)
    assert not {t for t, _ in repeals} & set(amends)


def test_kept_entries_are_kept() -> None:
    paragraphs = [squeeze(p) for p in (DATA / "huayuan-2024-cleanup-body.txt").read_text(encoding="utf-8").split("\n")]
    kept = [(_key(r.title), r.doc_number) for r in read_lists(paragraphs).kept]
    assert kept == [(_key(t), n) for t, n in TRUTH["huayuan-2024-cleanup-body.txt"]["kept"]]


# the 花垣 entries (titles and treatments as printed) arranged as a table with a 处理意见 column,
# as the notice's attachments print them; no 文号 is added
HUAYUAN_TABLE = [
    "附件：规范性文件清理结果",
    "序号\t文件名称\t处理意见",
    "1\t《花垣县人民政府办公室关于印发〈花垣县县级储备粮管理办法〉的通知》\t继续有效",
    "2\t《花垣县人民政府办公室关于印发〈花垣县行政许可事项清单（2022年版）〉的通知》\t失效",
    "3\t《花垣县人民政府办公室关于印发〈花垣县农村土地经营权流转管理办法实施细则（试行）〉的通知》\t废止",
]


def test_a_treatment_column_decides_each_row() -> None:
    listed = read_lists(HUAYUAN_TABLE)
    assert [r.title for r in listed.kept] == ["花垣县人民政府办公室关于印发〈花垣县县级储备粮管理办法〉的通知"]
    assert [r.title for r in listed.repeals] == [
        "花垣县人民政府办公室关于印发〈花垣县行政许可事项清单（2022年版）〉的通知",
        "花垣县人民政府办公室关于印发〈花垣县农村土地经营权流转管理办法实施细则（试行）〉的通知",
    ]
    assert listed.unread == []


def test_a_row_without_its_treatment_is_said() -> None:
    """Under a heading naming every outcome (继续有效、废止和失效), a row whose cell is missing is not
    guessed: it is reported."""
    rows = ["继续有效、废止和失效的规范性文件目录", HUAYUAN_TABLE[1], HUAYUAN_TABLE[2].rsplit("\t", 1)[0]]
    listed = read_lists(rows)
    assert listed.repeals == [] and listed.kept == []
    assert len(listed.unread) == 1 and "without what is done to it" in listed.unread[0]


def test_an_intro_sentence_that_lists_no_documents_opens_no_list() -> None:
    """有下列情形之一的，应及时修订应急预案： (聊城 2024) introduces conditions, not documents."""
    listed = read_lists(
        ["有下列情形之一的，应及时修订应急预案：", "（一）有关法律、法规、规章、标准、上位预案中的有关规定发生变化的；"]
    )
    assert listed.unread == [] and listed.amends == []


def test_status_end_to_end(store) -> None:
    """The gazette arranged with 达州市人民政府令第48号, a stored regulation of 1995 and the 2024 State
    Council decision that repeals it: status before and after each repeal's date."""
    for f in (
        DATA / "gazette-dazhou-2008-layout.txt",
        DATA / "gwyb-1995-repealed-regulation-layout.txt",
        DATA.parent / "amend" / "triples" / "sc2024-decision.txt",
    ):
        ingest_issue(store, parse_path(f))
    before = status(store, "达市府发〔2000〕65号", date(2008, 10, 12))
    assert before.state != "repealed" and [c.since for c in before.pending] == [date(2008, 10, 13)]
    after = status(store, "达市府发〔2000〕65号", date(2008, 10, 13))
    assert (after.state, after.repealed_by, after.repealed_since) == (
        "repealed",
        "达州市人民政府令第48号",
        date(2008, 10, 13),
    )
    assert status(store, "关于城市规划建设管理规定的通知", date(2009, 1, 1)).state == "repealed"
    assert status(store, "城市规划法", date(2009, 1, 1)).state == "unknown"  # cited in a note, not repealed
    stored = status(store, "中央预算执行情况审计监督暂行办法", date(2024, 4, 30))
    assert stored.stored and stored.state == "in_force"
    gone = status(store, "中央预算执行情况审计监督暂行办法", date(2024, 5, 1))
    assert (gone.state, gone.repealed_since) == ("repealed", date(2024, 5, 1))
    assert gone.repealed_by == "国务院关于修改和废止部分行政法规的决定"
    assert status(store, "煤炭送货办法", date(2024, 5, 1)).state == "repealed"
    assert status(store, "煤炭送货办法", date(2024, 4, 30)).state != "repealed"


def test_the_gazette_lists_the_order_by_the_title_it_publishes() -> None:
    """目录: 达州市人民政府关于废止部分政策性文件的决定 / （达州市人民政府令第48号）; the body prints the 令,
    then that title again over the decision: one document, listed (no ``document_unlisted``)."""
    issue = parse_path(DATA / "gazette-dazhou-2008-layout.txt")
    assert [(d.doc_number, d.toc_index) for d in issue.documents] == [("达州市人民政府令第48号", 0)]
    assert not [w for w in issue.warnings if w.code == "document_unlisted"]


def test_entries_printed_without_labels() -> None:
    """The 常州 list printed one regulation a line with no 一、/二、 (a layout variant of the real text)."""
    paragraphs = [squeeze(p) for p in (DATA / "changzhou-2024-repeal-body.txt").read_text(encoding="utf-8").split("\n")]
    bare = [p[2:] if p[:2] in ("一、", "二、") else p for p in paragraphs]
    assert [(r.title, r.doc_number) for r in find_repeals(bare)] == [
        (t, n) for t, n in TRUTH["changzhou-2024-repeal-body.txt"]["repeals"]
    ]
