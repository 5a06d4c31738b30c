"""Markdown files read as their text: headings' #, quotes' >, strong emphasis, pipe-table rules and
INFO comments left out, table rows a line with cells apart by a tab.

Text: the real 杭州大江东产业集聚区管理条例 as LawRefBook/Laws keeps it
(`地方性法规/浙江/杭州大江东产业集聚区管理条例.md` @3cd6e86b80f0fac5478dc34216c80e8c0a82b9f0, verbatim in
tests/data/markdown/). Truth, by reading it: 5 chapters, 30 articles; passed 2016-12-29 by the
杭州市 standing committee, approved 2017-03-30 by the 浙江省 one (the fields of the same regulation's
hand-read gold, tests/data/documents/hangzhou-dajiangdong-regulation.gold.json); in force from
2017-05-01; it repeals 《杭州大江东产业集聚区管理办法》. Read as text it was one document titled
``#杭州大江东产业集聚区管理条例`` with no chapter and no article, and no warning."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongbao.ingest.markdown import is_markdown, markdown_text
from gongbao.pipeline import parse_path

DATA = Path(__file__).resolve().parent / "data"
MD = DATA / "markdown" / "hangzhou-dajiangdong-lawrefbook.md"
GOLD = json.loads((DATA / "documents" / "hangzhou-dajiangdong-regulation.gold.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("suffix", [".md", ".txt"])  # by its name, or by its text (headings, INFO END)
def test_a_lawrefbook_regulation_reads_as_the_regulation(tmp_path: Path, suffix: str) -> None:
    f = tmp_path / f"reg{suffix}"
    f.write_bytes(MD.read_bytes())
    issue = parse_path(f)
    assert len(issue.documents) == 1 and not issue.warnings
    doc = issue.documents[0]
    assert (doc.title, doc.kind) == (GOLD["title"], GOLD["kind"])
    assert (str(doc.passed_date), str(doc.approved_date), str(doc.effective_date)) == (
        GOLD["passed_date"], GOLD["approved_date"], GOLD["effective_date"],
    )  # fmt: skip
    assert doc.counts["chapters"] == 5 and doc.counts["articles"] == 30
    assert [r.title for r in doc.repeals] == ["杭州大江东产业集聚区管理办法"]
    assert "#" not in issue.source and "INFO END" not in issue.source


def test_markup_forms() -> None:
    text = (
        "---\ntitle: 示例\n---\n# 标题 #\n> 引用的历史行\n**第一条** 正文\\*号。\n\n"
        "| 序号 | 事项 | 责任单位 |\n| :--- | --- | ---: |\n| 1 | 规划\\|编制 | 市规划局 |\n***\n<!-- INFO END -->\n末行"
    )
    assert is_markdown(text)
    assert markdown_text(text).split("\n") == [
        "标题", "引用的历史行", "第一条 正文*号。", "", "序号\t事项\t责任单位", "1\t规划|编制\t市规划局", "末行",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "聊城市人民政府公报\n第一条 本办法适用于本市。\n# 号码不是标题的开头",  # one # line is not Markdown
        "国务院公报\n1987年第22号\n第一条 …\n第二条 …",
    ],
)
def test_gazette_text_is_not_markdown(text: str) -> None:
    assert not is_markdown(text, "issue.txt")
