"""Tables kept end to end: a real law with its two rate tables (tests/data/documents/
npc-iit-law-rate-tables.txt, 中华人民共和国个人所得税法 税率表一/二; locator in that folder's README)
read through ``parse_path``: table nodes with one row per printed row, every cell as printed
(bare numbers included), nothing lost — whether the cells are apart by tabs (a Word copy) or by
runs of spaces (PDF text)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import lost_and_doubled
from gongbao.model import Node
from gongbao.pipeline import parse_path

LAW = Path(__file__).resolve().parent / "data" / "documents" / "npc-iit-law-rate-tables.txt"

TABLE_ONE = [
    ["级数", "全年应纳税所得额", "税率（%）"],
    ["1", "不超过36000元的", "3"],
    ["2", "超过36000元至144000元的部分", "10"],
    ["3", "超过144000元至300000元的部分", "20"],
    ["4", "超过300000元至420000元的部分", "25"],
    ["5", "超过420000元至660000元的部分", "30"],
    ["6", "超过660000元至960000元的部分", "35"],
    ["7", "超过960000元的部分", "45"],
]
TABLE_TWO = [
    ["级数", "全年应纳税所得额", "税率（%）"],
    ["1", "不超过30000元的", "5"],
    ["2", "超过30000元至90000元的部分", "10"],
    ["3", "超过90000元至300000元的部分", "20"],
    ["4", "超过300000元至500000元的部分", "30"],
    ["5", "超过500000元的部分", "35"],
]


def tables(node: Node) -> list[Node]:
    found = [node] if node.kind == "table" else []
    for c in node.children:
        found += tables(c)
    return found


@pytest.mark.parametrize("separator", ["\t", "    "], ids=["tabs", "space runs"])
def test_rate_tables_of_a_real_law_are_table_nodes_with_every_cell(tmp_path: Path, separator: str) -> None:
    path = tmp_path / "iit.txt"
    path.write_text(LAW.read_text(encoding="utf-8").replace("\t", separator), encoding="utf-8")
    issue = parse_path(path)
    assert len(issue.documents) == 1
    doc = issue.documents[0]
    assert doc.body is not None
    found = tables(doc.body)
    assert [t.attrs["columns"] for t in found] == [3, 3]
    assert [[r.attrs["cells"] for r in t.children] for t in found] == [TABLE_ONE, TABLE_TWO]
    assert lost_and_doubled(issue) == (0, 0)
    # the bare numbers of the cells are in the document's text, none taken for page numbers
    assert not [r for r in issue.residue if r.reason == "page_furniture"]
    for row in TABLE_ONE[1:] + TABLE_TWO[1:]:
        assert "\t".join(row) in doc.text
    assert doc.counts["articles"] == 2


def test_a_table_row_is_never_joined_to_the_note_under_it() -> None:
    doc = parse_path(LAW).documents[0]
    assert "7\t超过960000元的部分\t45\n（注1：" in doc.text
