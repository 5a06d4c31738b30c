"""Bad and unusual input to apply, instructions, verify and diff: every encoding `parse` reads,
and one line naming the file with exit 2 for what is not a decision or not a text (issue #15)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongbao.cli import main

DATA = Path(__file__).parent / "data" / "amend" / "triples"
SAMPLE = Path(__file__).parent.parent / "samples" / "liaocheng-2024-11-12.txt"
BASE = DATA / "holidays-2013-base.txt"
DECISION = DATA / "holidays-2024-decision.txt"
OFFICIAL = DATA / "holidays-2024-consolidated.txt"


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        main(argv)
        code = 0
    except SystemExit as e:
        code = int(e.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def _encoded(tmp_path: Path, src: Path, encoding: str) -> Path:
    p = tmp_path / f"{src.stem}.{encoding}.txt"
    text = src.read_text(encoding="utf-8")
    p.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8") if encoding == "utf-8-sig" else text.encode(encoding))
    return p


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_apply_reads_every_encoding_parse_reads(
    tmp_path: Path, encoding: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, expected, _ = _run(["apply", "--base", str(BASE), "--decision", str(DECISION)], capsys)
    assert code == 0
    base, dec = _encoded(tmp_path, BASE, encoding), _encoded(tmp_path, DECISION, encoding)
    code, out, err = _run(["apply", "--base", str(base), "--decision", str(dec)], capsys)
    assert code == 0, err
    assert out == expected and "\ufeff" not in out  # no BOM inside the title or the history line


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16"])
def test_instructions_verify_and_diff_read_every_encoding(
    tmp_path: Path, encoding: str, capsys: pytest.CaptureFixture[str]
) -> None:
    dec = _encoded(tmp_path, DECISION, encoding)
    base = _encoded(tmp_path, BASE, encoding)
    official = _encoded(tmp_path, OFFICIAL, encoding)
    code, out, _ = _run(["instructions", str(dec), "--format", "json"], capsys)
    assert code == 0 and len(json.loads(out)["decisions"][0]["instructions"]) == 2
    code, out, _ = _run(
        ["verify", str(dec), "--base", str(base), "--republished", str(official), "--format", "json"], capsys
    )
    assert code == 0
    report = json.loads(out)["against_base"]["全国年节及纪念日放假办法"]
    assert report["differences"][0]["edit"] == "新年→元旦"
    code, out, _ = _run(["diff", str(base), str(official), "--decision", str(dec), "--format", "json"], capsys)
    assert code == 0 and [r["status"] for r in json.loads(out)].count("added") == 1


def _one_line_error(code: int, err: str, path: Path, words: str) -> None:
    assert code == 2
    lines = err.strip().split("\n")
    assert len(lines) == 1 and str(path) in lines[0] and words in lines[0], err


def test_an_empty_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    for argv in (
        ["apply", "--base", str(BASE), "--decision", str(empty)],
        ["instructions", str(empty)],
        ["verify", str(empty)],
        ["diff", str(empty), str(OFFICIAL)],
    ):
        code, _, err = _run(argv, capsys)
        _one_line_error(code, err, empty, "empty")


def test_a_binary_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    binary = tmp_path / "blob.bin"
    binary.write_bytes(bytes(range(256)) * 8)
    for argv in (
        ["apply", "--base", str(binary), "--decision", str(DECISION)],
        ["instructions", str(binary)],
        ["verify", str(DECISION), "--base", str(binary), "--republished", str(OFFICIAL)],
        ["diff", str(BASE), str(binary)],
    ):
        code, _, err = _run(argv, capsys)
        _one_line_error(code, err, binary, "binary")


def test_a_decision_without_instructions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    none = tmp_path / "notice.txt"
    none.write_text("关于做好元旦春节期间有关工作的通知\n各区县人民政府：\n请认真做好有关工作。\n", encoding="utf-8")
    for argv in (
        ["instructions", str(none)],
        ["apply", "--base", str(BASE), "--decision", str(none)],
        ["diff", str(BASE), str(OFFICIAL), "--decision", str(none)],
    ):
        code, _, err = _run(argv, capsys)
        _one_line_error(code, err, none, "no amending instruction")


def test_a_decision_without_its_lead_sentence_still_lists_its_instructions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bare = tmp_path / "bare.txt"
    bare.write_text("（一）将第三条修改为：“甲。”\n（二）删去第五条。\n", encoding="utf-8")
    code, out, _ = _run(["instructions", str(bare), "--format", "json"], capsys)
    assert code == 0
    assert [i["n"] for i in json.loads(out)["decisions"][0]["instructions"]] == [1, 2]


def test_a_whole_gazette_given_as_a_decision(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(["apply", "--base", str(BASE), "--decision", str(SAMPLE)], capsys)
    _one_line_error(code, err, SAMPLE, "whole gazette")


def test_a_base_that_is_not_a_regulation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(["apply", "--base", str(DECISION), "--decision", str(DECISION)], capsys)
    _one_line_error(code, err, DECISION, "not a regulation")


def test_verify_without_a_base_says_what_it_could_not_check(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["verify", str(DECISION), "--republished", str(OFFICIAL), "--format", "text"], capsys)
    assert code == 0 and "not checked without its base text" in out and "deletions" in out
