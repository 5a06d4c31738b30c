"""Word files (.docx) read as their text: paragraphs, tables (a row a line, cells apart by a tab),
Word-generated numbering written out, tracked deletions left out; damaged files refused in one line.

Texts: the real 池州市信访局 task list (tests/data/tasks/chizhou-xfj-zwgk-tasklist.txt, a table as
the source prints it; truth chizhou-xfj-zwgk-tasklist.truth.json, written by reading) set as a Word
table; and the opening of the real 聊城市燃气管理办法 (tests/data/store/) with its 章/条 typed and
a plan outline whose 一、（一）1. Word generates."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from tests.conftest import cli
from tests.docxgen import Docx, Numbered
from tests.test_tasks_blind import norm

from gongbao.extract.tasks import extract_tasks
from gongbao.pipeline import parse_path

DATA = Path(__file__).resolve().parent / "data"
TASKS = DATA / "tasks" / "chizhou-xfj-zwgk-tasklist"


def test_a_task_table_in_word_reads_as_in_text(tmp_path: Path) -> None:
    rows = [line.split("\t") for line in TASKS.with_suffix(".txt").read_text(encoding="utf-8").splitlines() if line]
    f = tmp_path / "tasklist.docx"
    Docx(["池州市信访局2023年政务公开重点任务清单", rows]).write(f)
    issue = parse_path(f)
    tasks = [t for d in issue.documents for t in extract_tasks(d)]
    truth = json.loads(TASKS.with_suffix(".truth.json").read_text(encoding="utf-8"))
    assert len(tasks) == len(truth)
    for t, r in zip(tasks, truth, strict=True):
        assert t.due == r["deadline"]
        assert (list(t.lead), list(t.responsible)) == (r["lead"], r["responsible"])
        assert norm(t.text).startswith(norm(r["task_starts_with"]))


def test_word_numbering_is_written_out_and_structures_the_outline(tmp_path: Path) -> None:
    f = tmp_path / "plan.docx"
    Docx(
        [
            "聊城市空气质量持续改善行动实施方案",
            Numbered("总体要求", 1, 0),
            Numbered("指导思想", 1, 1),
            Numbered("以习近平新时代中国特色社会主义思想为指导。", 1, 2),
            Numbered("主要目标", 1, 1),
            Numbered("重点任务", 1, 0),
            Numbered("优化产业结构", 1, 1),
        ],
        lists={1: [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")]},
    ).write(f)
    issue = parse_path(f)
    lines = issue.source.splitlines()
    assert lines[1:7] == [
        "一、总体要求",
        "（一）指导思想",
        "1.以习近平新时代中国特色社会主义思想为指导。",
        "（二）主要目标",
        "二、重点任务",
        "（一）优化产业结构",
    ]
    body = issue.documents[0].body
    assert body is not None
    assert [n.eid for n in body.walk() if n.kind.startswith("heading")] == [
        "lvl_1", "lvl_1__lvl_1", "lvl_1__lvl_1__lvl_1", "lvl_1__lvl_2", "lvl_2", "lvl_2__lvl_1",
    ]  # fmt: skip


def test_tracked_deletions_are_not_text(tmp_path: Path) -> None:
    text = (DATA / "store" / "liaocheng-gas-regulation.txt").read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()][:8]
    f = tmp_path / "reg.docx"
    Docx(paragraphs).write(f, deleted="（已删除的文字）")
    issue = parse_path(f)
    assert "已删除的文字" not in issue.source
    assert issue.source.splitlines() == paragraphs
    doc = issue.documents[0]
    assert doc.title == "聊城市燃气管理办法"
    assert doc.body is not None and [n.eid for n in doc.body.walk() if n.kind == "article"][:2] == [
        "chp_1__art_1",
        "chp_1__art_2",
    ]


@pytest.mark.parametrize(
    "make",
    [
        lambda p: p.write_bytes(b"PK\x03\x04" + b"\x00" * 40),  # a zip header and nothing
        lambda p: zipfile.ZipFile(p, "w").writestr("word/document.xml", "<w:document"),  # damaged XML
        lambda p: zipfile.ZipFile(p, "w").writestr("word/document.xml", '<w:document xmlns:w="x"/>'),  # no body
    ],
    ids=["truncated", "damaged-xml", "no-body"],
)
def test_a_damaged_word_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], make) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "bad.docx"
    make(f)
    code, out, err = cli(capsys, "parse", str(f))
    assert code == 2 and out == "" and err.count("\n") == 1 and str(f) in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("head", "says"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "Word 97–2003 .doc"),
        (b"{\\rtf1\\ansi\\deff0 {\\fonttbl}", "RTF"),
    ],
    ids=["doc", "rtf"],
)
def test_office_files_gongbao_cannot_read_are_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], head: bytes, says: str
) -> None:
    f = tmp_path / "issue.bin"
    f.write_bytes(head)
    code, _, err = cli(capsys, "parse", str(f))
    assert code == 2 and says in err and "save it as .docx" in err


def test_a_zip_that_is_not_a_word_file_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "issues.zip"
    with zipfile.ZipFile(f, "w") as z:
        z.writestr("2024-11.txt", "聊城市人民政府公报")
    code, _, err = cli(capsys, "parse", str(f))
    assert code == 2 and "zip archive that is not a Word .docx" in err
