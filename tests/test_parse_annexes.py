"""Annexes, appended tables and attached instruments on real texts: the blind structure test
(tests/data/gazettes/gwyb-2019-tables-layout.txt, locators in that folder's README). The expected
values are those of the helper's truth (``gwyb-2019-tables-layout.blind.json``, written by reading
the texts before gongbao was run), not gongbao's output.

- 中华人民共和国个人所得税法: the two 税率表 printed after 第二十二条 under their titles are the
  law's appended tables (its 第三条 says 税率表附后): annexes of the law, each holding its table
  (header row marked) and its notes, 注1 and 注2 two paragraphs;
- 中华人民共和国环境保护税法: 附表一 / 附表二 open annexes; 附表一's table, laid out with spaces
  in a PDF text layer, has a category printed once for several rows, wrapped cells, a 备注 column
  wrapped across rows and a page footer inside it — one table, read by column;
- 国办发〔2018〕124号: two 规定 attached without 附件 labels, each its own instrument, with a
  numbering gap or without one (``gwyb-2019-tables-nogap-layout.txt``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import lost_and_doubled
from gongbao.export.markdown import document_to_markdown
from gongbao.model import Document, Issue, Node
from gongbao.pipeline import parse_path
from gongbao.structure import parse_structure
from gongbao.structure.citation import resolve

DATA = Path(__file__).parent / "data" / "gazettes"
ISSUE = DATA / "gwyb-2019-tables-layout.txt"
NOGAP = DATA / "gwyb-2019-tables-nogap-layout.txt"
TRUTH = json.loads((DATA / "gwyb-2019-tables-layout.blind.json").read_text(encoding="utf-8"))
DOCS = {d["key"]: d for d in TRUTH["documents"]}


@pytest.fixture(scope="module")
def issue() -> Issue:
    return parse_path(ISSUE)


def doc_of(issue: Issue, key: str) -> Document:
    doc = issue.find(DOCS[key]["title"])
    assert doc is not None and doc.body is not None, key
    return doc


def sq(s: str) -> str:
    return "".join(s.split())


def kids(node: Node, kind: str) -> list[Node]:
    return [c for c in node.children if c.kind == kind]


def walk(node: Node, kind: str) -> list[Node]:
    return [n for n in node.walk() if n.kind == kind]


def data_rows(table: Node) -> list[list[str]]:
    rows = kids(table, "row")
    assert rows[0].attrs.get("header") is True
    assert not any(r.attrs.get("header") for r in rows[1:])
    return [[sq(c) for c in r.attrs["cells"]] for r in rows[1:]]


def test_the_issue_is_whole(issue: Issue) -> None:
    assert len(issue.documents) == 3
    assert lost_and_doubled(issue) == (0, 0)
    assert not [w for w in issue.warnings if w.code in ("table_row_unread", "unassigned_text")]
    # residue is the masthead, the TOC and the page furniture: no body text (no cell of a table)
    residue = "".join(issue.source[r.start : r.end] for r in issue.residue)
    for text in ("超标7－9分贝", "每月1400元", "固体废物", "总汞"):
        assert text not in residue


def test_iit_rate_tables_are_annexes_of_the_law(issue: Issue) -> None:
    truth = DOCS["IIT"]
    doc = doc_of(issue, "IIT")
    body = doc.body
    assert body is not None
    annexes = kids(body, "annex")
    assert [a.label for a in annexes] == [x["label"] for x in truth["annexes"]]
    assert [a.heading for a in annexes] == [x["title"] for x in truth["annexes"]]
    # the last article holds its own text only: no table, no note
    last = [n for n in walk(body, "article")][-1]
    assert last.label == "第二十二条"
    assert sq("".join(n.text for n in last.walk())) == "第二十二条本法自公布之日起施行。"
    # the abridgement line is kept
    assert "第四条至第二十一条（略）" in doc.text
    for annex, table_truth in zip(annexes, truth["tables"], strict=True):
        tables = kids(annex, "table")
        assert len(tables) == 1
        header = kids(tables[0], "row")[0].attrs["cells"]
        assert header == table_truth["header"]
        rows = data_rows(tables[0])
        assert len(rows) == table_truth["rows"]
        for n, cells in table_truth["check_rows"].items():
            assert rows[int(n) - 1] == cells
    # 注1 and 注2 under the first table: two paragraphs; 注 under the second: one
    notes = [[sq(p.text)[:4] for p in kids(a, "paragraph")] for a in annexes]
    assert notes == [["（注1：", "注2：非"], ["（注：本"]]
    assert [a.title for a in doc.attachments] == [x["label"] + x["title"] for x in truth["annexes"]]
    assert resolve(body, "个人所得税税率表二") is annexes[1]


def test_ept_annexes_and_the_merged_table(issue: Issue) -> None:
    truth = DOCS["EPT"]
    doc = doc_of(issue, "EPT")
    body = doc.body
    assert body is not None
    assert len(kids(body, "toc")) == 1 and len(sq(kids(body, "toc")[0].text)) > 0
    assert [c.heading for c in walk(body, "chapter")] == ["总则", "计税依据和应纳税额", "税收减免", "征收管理", "附则"]
    annexes = kids(body, "annex")
    assert [a.label for a in annexes] == [x["label"] for x in truth["annexes"]]
    assert [kids(a, "title")[0].heading for a in annexes] == [x["title"] for x in truth["annexes"]]
    assert [a.title for a in doc.attachments] == [x["title"] for x in truth["annexes"]]
    # the annex heading, its title and the table's header row are three lines, not one
    assert [sq(annexes[0].text), sq(kids(annexes[0], "title")[0].text)] == ["附表一", "环境保护税税目税额表"]
    last = walk(body, "article")[-1]
    assert last.label == "第二十八条" and not walk(last, "table")
    assert resolve(body, "附表一") is annexes[0]
    assert resolve(body, "附表二") is annexes[1]

    one = truth["tables"][0]
    tables = kids(annexes[0], "table")
    assert len(tables) == 1  # one table, the page footer and running head inside it not cells
    table = tables[0]
    assert table.attrs["columns"] == len(one["header"])
    header = [sq(c) for c in kids(table, "row")[0].attrs["cells"]]
    assert [header[0], header[2], header[3], header[4]] == ["税目", "计税单位", "税额", "备注"]
    rows = data_rows(table)
    assert len(rows) == one["logical_rows"]
    for n, cells in one["check_rows"].items():
        assert rows[int(n) - 1][: len(cells)] == cells
    assert [r[0] for r in rows] == ["大气污染物", "水污染物"] + ["固体废物"] * 4 + ["噪声"] * 6
    assert all(r[1] == "工业噪声" for r in rows[6:])
    # the 备注 of the noise rows: five notes, each whole (wrapped lines joined, none cut)
    notes = [r[4] for r in rows[6:] if r[4]]
    assert [x[:2] for x in notes] == ["1.", "2.", "3.", "4.", "5."]
    assert notes[4].endswith("两种指标中超标分贝值高的一项计算应纳税额。")
    assert not [c for r in rows for c in r if "—" in c or "国务院公报" in c]  # footer and running head

    two = truth["tables"][1]
    section = kids(annexes[1], "heading1")
    assert [h.label for h in section] == ["一、"]
    table = kids(section[0], "table")[0]
    assert kids(table, "row")[0].attrs["cells"] == two["header"]
    rows = data_rows(table)
    assert len(rows) == two["rows"]
    for n, cells in two["check_rows"].items():
        assert rows[int(n) - 1] == cells


@pytest.mark.parametrize("path", [ISSUE, NOGAP], ids=["gap", "nogap"])
def test_two_regulations_attached_without_labels_are_two_instruments(path: Path) -> None:
    truth = DOCS["CUL"]
    issue = parse_path(path)
    doc = issue.find(truth["wenhao"])
    assert doc is not None and doc.body is not None
    instruments = kids(doc.body, "instrument")
    assert [kids(i, "title")[0].heading for i in instruments] == [a["title"] for a in truth["annexes"]]
    first, second = instruments
    # the second 规定's numbering restarts at 一、（一）
    opening = kids(second, "heading1")[0]
    assert opening.label == "一、" and [h.label for h in kids(opening, "heading2")] == ["（一）", "（二）"]
    assert "上述政策适用于所有文化企业" in "".join(n.text for n in second.walk())
    assert "上述政策适用于所有文化企业" not in "".join(n.text for n in first.walk())
    assert "进一步支持文化企业发展的规定" not in "".join(n.text for n in first.walk())


def test_markdown_prints_tables_as_tables(issue: Issue) -> None:
    md = document_to_markdown(doc_of(issue, "IIT"))
    assert "| 级数 | 全年应纳税所得额 | 税率（%） |\n|---|---|---|\n| 1 | 不超过36000元的 | 3 |" in md
    md = document_to_markdown(doc_of(issue, "EPT"))
    assert "| 固体废物 | 尾矿 | 每吨 | 15元 |   |" in md


def test_a_row_that_does_not_fit_is_kept_and_said_unread() -> None:
    text = "一、项目\n序号\t名称\t面积\n1\t甲公园\t450\n2\t乙公园\n3\t丙公园\t40\n"
    root = parse_structure(text)
    (table,) = walk(root, "table")
    rows = kids(table, "row")
    assert [r.attrs.get("unread", False) for r in rows] == [False, False, True, False]
    assert rows[0].attrs["header"] is True
    assert root.full_text() == text
