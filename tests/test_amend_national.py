"""A real national decision: the 2013 amendment of 《中华人民共和国消费者权益保护法》.

Sources in tests/data/amend/README.md. The decision is complete; the consolidated text
is an excerpt (articles 1-48, first paragraph of 48), so checks beyond it are expected
to find the article missing — and say so, not guess.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gongbao.amend.grammar import parse_decision
from gongbao.amend.regtext import parse_regulation
from gongbao.amend.verify import verify_decision
from gongbao.structure.numerals import cn_to_int

DATA = Path(__file__).parent / "data" / "amend"
TITLE = "中华人民共和国消费者权益保护法"


@pytest.fixture(scope="module")
def result() -> dict:
    dec = parse_decision((DATA / "consumer-2013-decision.txt").read_text(encoding="utf-8"))
    reg = parse_regulation((DATA / "consumer-2013-consolidated-excerpt.txt").read_text(encoding="utf-8"))
    # The consolidated law has 63 articles; the excerpt stops inside article 48.
    return verify_decision(dec, {TITLE: reg}, article_counts={TITLE: 63})


def test_every_instruction_parses() -> None:
    dec = parse_decision((DATA / "consumer-2013-decision.txt").read_text(encoding="utf-8"))
    assert [i.n for i in dec.instructions] == list(range(1, 32))
    assert dec.general_clause == "此外，对条文顺序作相应调整。"
    actions = [o.action for i in dec.instructions for o in i.ops]
    assert actions.count("merge") == 2  # 第二十三条、第四十五条合并 / 第四十一条、第四十二条合并
    assert actions.count("replace_term") == 13
    promoted = [o for i in dec.instructions for o in i.ops if o.action == "renumber" and o.target.level == "paragraph"]
    assert [(o.target.label(), o.new_number.label()) for o in promoted if o.new_number.level == "article"] == [
        ("第十八条第二款", "第十九条")
    ]


def test_everything_inside_the_excerpt_matches(result: dict) -> None:
    for ins in result["instructions"]:
        for check in ins["checks"]:
            if check["verdict"] != "differs":
                continue
            # Only units past the excerpt (which ends in the first paragraph of 第四十八条) may be missing.
            assert check.get("note") in ("article missing", "unit missing"), (ins["n"], check)
            m = re.match(r"新第(.+?)条", check["where"])
            assert m is not None and cn_to_int(m.group(1)) >= 48, check
    verdicts = {i["n"]: i["verdict"] for i in result["instructions"]}
    assert all(verdicts[n] == "match" for n in range(1, 21)), verdicts


def test_article_map_of_the_2013_amendment(result: dict) -> None:
    amap = dict(tuple(p) for p in result["article_map"][TITLE])
    assert len(amap) == 55  # the 1993/2009 law had 55 articles
    # explicit moves of the decision
    assert [amap[a] for a in (19, 21, 22, 24, 26, 27, 31, 32, 33, 34, 39, 40, 43, 44, 49, 50, 51)] == [
        20,
        22,
        23,
        26,
        30,
        31,
        36,
        37,
        38,
        39,
        45,
        48,
        50,
        52,
        55,
        56,
        59,
    ]
    # implicit renumbering between them, deletions and merges
    assert (amap[20], amap[25], amap[28], amap[35], amap[46], amap[55]) == (21, 27, 32, 40, None, 63)
    assert amap[45] == amap[23] == 24 and amap[42] == amap[41] == 49


def test_term_replacements_are_checked_in_their_new_articles(result: dict) -> None:
    (ins,) = [i for i in result["instructions"] if i["n"] == 18]
    terms = [c for c in ins["checks"] if c["op"] in ("18.2", "18.3", "18.4")]
    assert [(c["verdict"], c["where"]) for c in terms] == [("match", "新第四十五条")] * 3


def test_single_unnumbered_instruction_of_a_state_council_decision() -> None:
    """国务院关于修改《全国年节及纪念日放假办法》的决定 (2013): one instruction, no number."""
    dec = parse_decision((DATA / "holidays-2013-decision.txt").read_text(encoding="utf-8"))
    (ins,) = dec.instructions
    assert (ins.n, ins.regulation, [o.action for o in ins.ops]) == (1, "全国年节及纪念日放假办法", ["replace"])
    reg = parse_regulation((DATA / "holidays-2013-consolidated.txt").read_text(encoding="utf-8"))
    out = verify_decision(dec, {reg.title: reg})
    assert out["instructions"][0]["verdict"] == "match"
    assert out["article_map"]["全国年节及纪念日放假办法"] == [[k, k] for k in range(1, 8)]
