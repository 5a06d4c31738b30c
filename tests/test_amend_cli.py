"""The amend commands, versions and diff: promises kept at the surface."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from gongbao.amend.diff import diff_versions, mark_changes
from gongbao.amend.grammar import parse_decision, parse_instruction
from gongbao.amend.regtext import parse_regulation
from gongbao.amend.versions import Version, Work
from gongbao.cli import app
from gongbao.errors import InstructionError

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "samples" / "liaocheng-2024-11-12.txt"
runner = CliRunner()

BASE = "测试办法\n第一条 甲。\n第二条 乙应当配合。\n第三条 依照本办法第二条执行。\n"
DECISION = "关于修改《测试办法》的决定\n决定对《测试办法》作如下修改：\n一、删去第一条。\n二、将第二条中的“应当”修改为“必须”。\n"


@pytest.mark.parametrize("command", ["instructions", "verify", "apply", "diff"])
def test_help_ends_with_an_example(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example: gongbao " + command in result.output


def test_verify_command_prints_the_verify_schema() -> None:
    result = runner.invoke(app, ["verify", str(SAMPLE), "--decision", "聊城市人民政府令第 48 号", "--format", "json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["schema"] == "gongbao.verify/1" and out["decision"] == "聊城市人民政府令第48号"
    assert [i["n"] for i in out["instructions"] if i["verdict"] == "differs"] == [15, 18, 35]


def test_unknown_decision_is_a_one_line_error() -> None:
    result = runner.invoke(app, ["verify", str(SAMPLE), "--decision", "聊城市人民政府令第99号"])
    assert result.exit_code != 0
    assert "no decision" in str(result.exception) or "no decision" in result.output


def test_instructions_dry_run_shows_operations() -> None:
    result = runner.invoke(app, ["instructions", str(SAMPLE), "--format", "json"])
    assert result.exit_code == 0
    out = json.loads(result.output)
    assert out["schema"] == "gongbao.instructions/1"
    (dec,) = out["decisions"]
    assert len(dec["instructions"]) == 57 and not any(i["error"] for i in dec["instructions"])


def test_apply_and_diff_commands(tmp_path: Path) -> None:
    base, decision = tmp_path / "base.txt", tmp_path / "decision.txt"
    base.write_text(BASE, encoding="utf-8")
    decision.write_text(DECISION, encoding="utf-8")
    result = runner.invoke(app, ["apply", "--base", str(base), "--decision", str(decision)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "测试办法\n第一条　乙必须配合。\n第二条　依照本办法第一条执行。\n"
    new = tmp_path / "new.txt"
    new.write_text(result.stdout, encoding="utf-8")
    diff = runner.invoke(app, ["diff", str(base), str(new), "--decision", str(decision), "--format", "json"])
    rows = json.loads(diff.output)
    assert [(r["old"], r["new"], r["status"]) for r in rows] == [
        (1, None, "deleted"),
        (2, 1, "changed"),
        (3, 2, "changed"),
    ]
    assert rows[1]["marked"] == "乙[-应当-]{+必须+}配合。"


def test_apply_json_has_version_fields(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(BASE, encoding="utf-8")
    (tmp_path / "d.txt").write_text(DECISION, encoding="utf-8")
    args = [
        "apply",
        "--base",
        str(tmp_path / "b.txt"),
        "--decision",
        str(tmp_path / "d.txt"),
        "--date",
        "2024-11-11",
        "--format",
        "json",
    ]
    out = json.loads(runner.invoke(app, args).stdout)
    assert out["valid_from"] == "2024-11-11" and out["article_map"] == [[1, None], [2, 1], [3, 2]]


def test_work_versions_round_trip_and_as_of() -> None:
    work = Work("测试办法", "某市人民政府令第1号")
    work.add(Version("某市人民政府令第1号", date(2018, 3, 1), "v1"))
    work.add(Version("某市人民政府令第9号", date(2024, 11, 11), "v2", article_map=[(1, None), (2, 1)]))
    assert work.versions[0].valid_to == date(2024, 11, 11)
    assert work.as_of(date(2020, 1, 1)).text == "v1" and work.as_of(date(2025, 1, 1)).text == "v2"
    assert work.as_of(date(2017, 1, 1)) is None
    again = Work.from_json(json.loads(json.dumps(work.to_json(), ensure_ascii=False)))
    assert again == work


def test_diff_without_operations_pairs_by_number() -> None:
    old = parse_regulation("甲\n第一条 一。\n第二条 二。\n")
    new = parse_regulation("甲\n第一条 一。\n第二条 二二。\n第三条 三。\n")
    rows = diff_versions(old, new)
    assert [(r.old, r.new, r.status) for r in rows] == [(1, 1, "same"), (2, 2, "changed"), (None, 3, "added")]
    assert mark_changes("甲乙。", "甲丙。") == "甲[-乙-]{+丙+}。"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="将第一二三十条款项修改为增加删去“”：，。、中的作为章\n甲乙", max_size=60))
def test_grammar_only_raises_instruction_error(text: str) -> None:
    try:
        parse_instruction(text)
    except InstructionError:
        pass
    parse_decision(text, strict=False)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="第一二三十章节条（）()。；\n甲乙 -1.", max_size=80))
def test_regulation_parser_never_raises_and_keeps_article_order(text: str) -> None:
    reg = parse_regulation(text)
    assert [a.orig for a in reg.articles] == list(range(1, len(reg.articles) + 1))


def test_instructions_json_names_the_line_in_the_file_given() -> None:
    """A decision found in a gazette (the ministry layout of tests/data/gazettes, locators in its
    README): `line` counts in the decision's text, `source_line` in the file, as the text output."""
    path = Path(__file__).parent / "data" / "gazettes" / "mot-2016-ministry-layout.txt"
    res = runner.invoke(app, ["instructions", str(path), "--decision", "道路运输从业人员管理规定", "--format", "json"])
    assert res.exit_code == 0, res.output
    (dec,) = json.loads(res.output)["decisions"]
    lines = path.read_text(encoding="utf-8").split("\n")
    first = dec["instructions"][0]["source_line"]
    assert lines[first - 1].startswith("一、将第六条第一款修改为")
    assert [i["source_line"] for i in dec["instructions"]] == sorted(i["source_line"] for i in dec["instructions"])
