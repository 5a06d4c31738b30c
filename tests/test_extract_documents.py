"""Metadata of real single documents (tests/data/documents, gold read by hand)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "tests" / "data" / "documents"
GOLDS = sorted(FOLDER.glob("*.gold.json"))


def _bench():
    spec = importlib.util.spec_from_file_location("bench_documents", ROOT / "bench" / "documents.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


BENCH = _bench()


def test_at_least_thirty_real_documents_with_gold_and_locator():
    readme = (FOLDER / "README.md").read_text(encoding="utf-8")
    assert len(GOLDS) >= 30
    for g in GOLDS:
        stem = g.name.removesuffix(".gold.json")
        assert (FOLDER / f"{stem}.txt").exists()
        assert f"| {stem} |" in readme, f"{stem} has no locator in README.md"


@pytest.mark.parametrize("gold_path", GOLDS, ids=lambda p: p.name.removesuffix(".gold.json"))
def test_fields_of_each_document_read_whole(gold_path: Path):
    """The metadata layer on the document taken whole: every field as read by hand."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    doc = BENCH.whole_document(gold_path.with_name(gold_path.name.replace(".gold.json", ".txt")))
    stem = gold_path.name.removesuffix(".gold.json")
    for f in BENCH.FIELDS:
        if f not in gold:
            if f.endswith("_date") or f == "doc_number":
                gold[f] = None
            else:
                continue
        assert BENCH._value(doc, f) == BENCH._want(gold, f), f"{stem}.{f}"


def test_field_accuracy_whole_at_least_098_for_every_field():
    table, _ = BENCH.score("whole")
    for field, (right, checked) in table.items():
        assert checked == 0 or right / checked >= 0.98, field
    right = sum(v[0] for v in table.values())
    checked = sum(v[1] for v in table.values())
    assert right / checked >= 0.98


def test_field_accuracy_parse_at_least_098_for_every_field():
    """As a user feeds each file (segmentation included): every field at least 0.98."""
    table, misses = BENCH.score("parse")
    for field, (right, checked) in table.items():
        assert checked == 0 or right / checked >= 0.98, (field, [m for m in misses if f".{field}:" in m])


def test_a_long_list_of_addressees_is_the_recipients() -> None:
    """国办发〔1996〕25号 addresses 22 provincial governments and six military regions in one
    200-character line; a sentence ending in a colon (…现通知如下：) is not a recipients line."""
    from gongbao.pipeline import parse_path

    doc = parse_path(Path(__file__).parent / "data" / "documents" / "sc-guobanfa-1996-25-joint.txt").documents[0]
    assert doc.recipients[0] == "北京市" and "广州军区" in doc.recipients
    assert not any("通知如下" in r for r in doc.recipients)


def test_a_class_of_bodies_stays_with_the_body_noun_it_shares() -> None:
    """各市、自治州人民政府 addresses the governments of the cities and of the autonomous
    prefectures (甘政发〔2023〕8号), 各市、县（市、区）人民政府 those of the cities and of the
    counties (浙政办发〔2023〕67号): one addressee each, not 各市 alone; a list of names (北京市、
    天津市…) is still split."""
    from gongbao.pipeline import parse_path

    issue = parse_path(Path(__file__).parent / "data" / "gazettes" / "zhejiang-2024-province-layout.txt")
    gansu, zhejiang = issue.documents[1], issue.documents[2]
    assert gansu.recipients == ["各市、自治州人民政府", "甘肃矿区办事处", "兰州新区管委会", "省政府各部门"]
    assert zhejiang.recipients == ["各市、县（市、区）人民政府", "省政府直属各单位"]
    doc = parse_path(Path(__file__).parent / "data" / "documents" / "sc-guobanfa-1996-25-joint.txt").documents[0]
    assert doc.recipients[:2] == ["北京市", "天津市"]


def test_a_decisions_preamble_is_not_a_recipients_line() -> None:
    """为了…，适应…，根据宪法，第十四届…会议决定： (the 2024 retirement-age decision in
    tests/data/gazettes/npcsc-2024-layout.txt) ends in a colon but addresses no one."""
    from gongbao.pipeline import parse_path

    issue = parse_path(ROOT / "tests" / "data" / "gazettes" / "npcsc-2024-layout.txt")
    assert [d.recipients for d in issue.documents] == [[], [], []]
