"""Web pages (HTML) read as their text: a line per block, table rows a line with cells apart by a
tab, scripts and styles left out, the encoding read from the page; read as text they were markup
(one "document" titled <!DOCTYPE html>…, no article, no warning).

Texts: the real 聊城市燃气管理办法 (tests/data/store/, as the sample republished it) set in the
markup of a government site's article page, encoded GB18030 with its <meta charset>; the real
池州 task list (tests/data/tasks/, truth written by reading) as an HTML table."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

import pytest
from tests.conftest import cli
from tests.test_tasks_blind import norm

from gongbao.extract.tasks import extract_tasks
from gongbao.pipeline import parse_path, parse_text

DATA = Path(__file__).resolve().parent / "data"
REG = DATA / "store" / "liaocheng-gas-regulation.txt"
TASKS = DATA / "tasks" / "chizhou-xfj-zwgk-tasklist"


def _page(body: str, charset: str = "utf-8") -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        "<title>聊城市人民政府 政府公报</title><style>.pages_content p{text-indent:2em}</style>"
        "<script>var _hmt = _hmt || []; if (a < b && c > d) {}</script></head>\n<body>\n"
        '<div class="header"><a href="/">首页</a> &gt; <a href="/gb">政府公报</a></div>\n'
        f'<div class="pages_content" id="UCAP-CONTENT">\n{body}\n</div>\n'
        '<div class="footer">主办：聊城市人民政府办公室<br>网站标识码：3715000001</div></body></html>'
    )


def _articles(issue) -> dict[str, str]:  # type: ignore[no-untyped-def]
    doc = max(issue.documents, key=lambda d: len(d.text))
    return {n.eid: "".join(n.full_text().split()) for n in doc.body.walk() if n.kind == "article"}


def test_a_regulation_on_a_web_page_reads_as_its_text(tmp_path: Path) -> None:
    paragraphs = [p.strip() for p in REG.read_text(encoding="utf-8").split("\n") if p.strip()]
    body = "\n".join(f"<p>\u3000\u3000{escape(p)}</p>" for p in paragraphs)
    f = tmp_path / "page.html"
    f.write_bytes(_page(body, "gb2312").encode("gb18030"))
    issue = parse_path(f)
    truth = _articles(parse_text("\n".join(paragraphs)))
    assert len(truth) == 46 and _articles(issue) == truth
    assert "_hmt" not in issue.source and "text-indent" not in issue.source
    assert issue.documents[0].title == "聊城市燃气管理办法"
    # the site's navigation and footer are not read, and that is said
    chrome = [w for w in issue.warnings if w.code == "web_page_chrome"]
    assert len(chrome) == 1 and "首页 > 政府公报" in chrome[0].message and "首页" not in issue.source


def test_a_task_table_on_a_web_page_reads_as_in_text(tmp_path: Path) -> None:
    rows = [line.split("\t") for line in TASKS.with_suffix(".txt").read_text(encoding="utf-8").splitlines() if line]
    table = (
        "<table><tbody>"
        + "".join("<tr>" + "".join(f"<td><p>{escape(c)}</p></td>" for c in r) + "</tr>\n" for r in rows)
        + "</tbody></table>"
    )
    f = tmp_path / "tasks.htm"
    f.write_text(_page("<p>池州市信访局2023年政务公开重点任务清单</p>" + table), encoding="utf-8")
    issue = parse_path(f)
    tasks = [t for d in issue.documents for t in extract_tasks(d)]
    truth = json.loads(TASKS.with_suffix(".truth.json").read_text(encoding="utf-8"))
    assert len(tasks) == len(truth)
    for t, r in zip(tasks, truth, strict=True):
        assert t.due == r["deadline"] and list(t.responsible) == r["responsible"]
        assert norm(t.text).startswith(norm(r["task_starts_with"]))


def test_a_page_nested_deeper_than_the_parser_reads_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """libxml2 drops what is nested deeper than a few hundred levels, without a word: the text it
    lost is counted; a page with nothing else is refused in one line, else the loss is a warning."""
    deep = "<div>" * 5_000 + "第一条 深层文字。" + "</div>" * 5_000
    f = tmp_path / "deep.html"
    f.write_text(f"<html><body>{deep}</body></html>", encoding="utf-8")
    code, out, err = cli(capsys, "parse", str(f))
    assert code == 2 and out == "" and "Traceback" not in err
    assert "7 Chinese characters of the page were not read" in err
    g = tmp_path / "deep2.html"
    g.write_text(f"<html><body><p>聊城市人民政府公报</p>{deep}</body></html>", encoding="utf-8")
    issue = parse_path(g)
    lost = [w for w in issue.warnings if w.code == "web_page_unread"]
    assert "聊城市人民政府公报" in issue.source and "深层" not in issue.source
    assert len(lost) == 1 and lost[0].message.startswith("7 Chinese characters")


def test_an_empty_page_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "empty.html"
    f.write_text("<!DOCTYPE html><html><head><title>x</title><script>var a;</script></head><body> </body></html>")
    code, out, err = cli(capsys, "parse", str(f))
    assert code == 2 and out == "" and "empty web page" in err
