"""verify on the real sample: verdicts, differing characters and article maps against the gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongbao.amend.locate import find_decisions
from gongbao.amend.mapping import assign_slots, infer_article_map
from gongbao.amend.ops import Operation, Target
from gongbao.amend.verify import char_diff, verify_decision
from gongbao.errors import InstructionError

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "samples" / "liaocheng-2024-11-12.txt"
GOLD = json.loads((ROOT / "tests" / "data" / "liaocheng-2024-11-12.decision48.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def result() -> dict:
    (src,) = find_decisions(str(SAMPLE))
    return verify_decision(src.decision(), src.republished, doc_number=src.doc_number)


def test_finds_decision_and_republished_texts() -> None:
    (src,) = find_decisions(str(SAMPLE))
    assert src.doc_number == "聊城市人民政府令第48号"
    assert {k: len(v.articles) for k, v in src.republished.items()} == {
        "聊城市燃气管理办法": 46,
        "聊城市巡游出租汽车经营服务管理办法": 50,
    }


def test_verdicts_as_gold(result: dict) -> None:
    ours = {(i["n"] if i["n"] is not None else "三"): i for i in result["instructions"]}
    assert len(ours) == len(GOLD["instructions"])
    for g in GOLD["instructions"]:
        o = ours[g["n"] if g["n"] is not None else "三"]
        assert o["verdict"] in g["accepted_verdicts"], g["n"]
        g_acts = sorted(op["action"] for op in g["ops"] if op["action"] != "renumber")
        o_acts = sorted(op["action"] for op in o["ops"] if op["action"] != "renumber")
        assert g_acts == o_acts, g["n"]
    assert sorted(i["n"] for i in result["instructions"] if i["verdict"] == "differs") == [15, 18, 35]


def test_differing_characters(result: dict) -> None:
    changes = {
        i["n"]: [(c["decision"], c["republished"]) for d in i["differences"] for c in d["changes"]]
        for i in result["instructions"]
        if i["verdict"] == "differs"
    }
    assert changes == {15: [("擅自", "")], 18: [("故", "件")], 35: [("限", "")]}
    where = {i["n"]: i["differences"][0]["where"] for i in result["instructions"] if i["verdict"] == "differs"}
    assert where == {15: "新第二十七条", 18: "新第三十五条第一款", 35: "新第十条"}


def test_article_maps_as_gold(result: dict) -> None:
    for reg, pairs in GOLD["article_map"].items():
        assert result["article_map"][reg] == pairs, reg
    assert result["schema"] == "gongbao.verify/1"
    assert result["decision"] == "聊城市人民政府令第48号"
    (chapter_op,) = [o for i in result["instructions"] for o in i["ops"] if o["action"] == "delete_chapter"]
    assert chapter_op["inferred_articles"] == [34, 35, 36, 37, 38]


def test_assign_slots_fills_free_numbers_in_order() -> None:
    assert assign_slots([1, 2, 3, 4], {3: 1}) == {1: 2, 2: 3, 3: 1, 4: 4}
    with pytest.raises(InstructionError):
        assign_slots([1, 2], {1: 2, 2: 2})


def test_article_map_with_known_original_count() -> None:
    ops = [
        Operation("delete", target=Target(article=2)),
        Operation("insert", new_number=Target(article=4), insert_unit="article"),
    ]
    amap = infer_article_map(ops, original_count=5)
    assert amap.pairs == [(1, 1), (2, None), (3, 2), (4, 3), (5, 5)]


def test_char_diff_reports_only_changes() -> None:
    assert char_diff("实行期限限制", "实行期限制") == [{"decision": "限", "republished": "", "context": "实行期限限制"}]


def test_text_scan_and_pipeline_agree() -> None:
    """The plain-text scan (fallback) finds the same decision and texts as the pipeline route."""
    from gongbao.amend.locate import from_text

    (scanned,) = from_text(SAMPLE.read_text(encoding="utf-8"))
    (found,) = find_decisions(str(SAMPLE))
    assert scanned.doc_number == found.doc_number == "聊城市人民政府令第48号"
    assert {k: len(v.articles) for k, v in scanned.republished.items()} == {
        k: len(v.articles) for k, v in found.republished.items()
    }
    a = verify_decision(scanned.decision(), scanned.republished, doc_number=scanned.doc_number)
    b = verify_decision(found.decision(), found.republished, doc_number=found.doc_number)
    assert [i["verdict"] for i in a["instructions"]] == [i["verdict"] for i in b["instructions"]]
    assert a["article_map"] == b["article_map"]


def test_an_instruction_that_cannot_be_read_is_unread_not_unverifiable() -> None:
    """A part of a real decision (国务院关于修改和废止部分行政法规的决定, 2022-03-29, part 七; GitHub
    Theonefkguy/Chinese-Laws 行政法规/国务院关于修改和废止部分行政法规的决定(2022-03-29).md @ 08eb6c2a) with a
    clause the grammar does not know (here an unknown verb in place of the part's second
    clause): verify says the part was never read (verdict ``unread`` with the parser's error),
    instead of reporting it like an instruction that writes nothing to compare."""
    from gongbao.amend.grammar import parse_decision

    text = (
        "七、将《中华人民共和国海关统计条例》第三条中的“《中华人民共和国统计法实施细则》”修改为"
        "“《中华人民共和国统计法实施条例》”。\n将第九条第三款予以调整。\n"
    )
    result = verify_decision(parse_decision(text, strict=False), {})
    verdicts = [(i["verdict"], bool(i.get("error"))) for i in result["instructions"]]
    assert verdicts == [("unread", True)]
    known = "七、将《中华人民共和国海关统计条例》第三条中的“甲”修改为“乙”。\n"
    result = verify_decision(parse_decision(known, strict=False), {})
    assert [i["verdict"] for i in result["instructions"]] == ["unverifiable"]
