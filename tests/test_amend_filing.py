"""Blind test on a provincial decision: 上海市人大常委会 备案审查条例 2021 -> 2024.

Real texts (tests/data/amend/filing-2024/, sources in tests/data/amend/README.md): the regulation as
adopted 2021-05-21 (38 articles, 6 chapters, 第三章 in three 节), the decision of 2024-11-28 (20 numbered
instructions, new text printed unquoted under each; in force 2024-12-01) and the text republished
after it (42 articles). ``truth.json`` was written by reading the three texts before gongbao ran on
them; every assertion here is from it, not from gongbao's output.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gongbao.amend.engine import apply_decision_text
from gongbao.amend.grammar import parse_decision
from gongbao.amend.regtext import Regulation, fold, parse_regulation
from gongbao.amend.verify import verify_against_base, verify_decision
from gongbao.cli import app
from gongbao.structure.numerals import int_to_cn

DATA = Path(__file__).parent / "data" / "amend" / "filing-2024"
TRUTH = json.loads((DATA / "truth.json").read_text(encoding="utf-8"))
WORK = TRUTH["work"]
DECISION = TRUTH["decision"]["title"]

_PUNCT = re.compile(r"[\s，。；：、,.;:！？!?“”\"'‘’（）()《》〈〉<>【】\-—]")


def _text(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def _normalised(s: str) -> str:
    return _PUNCT.sub("", unicodedata.normalize("NFKC", s))


def _applied() -> tuple[Regulation, list[str], list[tuple[int, int | None]]]:
    r = apply_decision_text(_text("filing-2021-base.txt"), _text("filing-2024-decision.txt"))
    return r.regulation, r.notes, r.article_map


def _place(reg: Regulation, number: int) -> str:
    a = next(a for a in reg.articles if a.number == number)
    ch = next(c for c in reg.chapters if c.orig == a.chapter)
    out = f"第{int_to_cn(ch.number or 0)}章"
    return out + (ch.section_label(a.section) if a.section is not None and a.section in ch.sections else "")


def test_every_instruction_parses() -> None:
    dec = parse_decision(_text("filing-2024-decision.txt"))
    assert [i.n for i in dec.instructions] == list(range(1, TRUTH["decision"]["numbered_instructions"] + 1))
    assert all(i.ops for i in dec.instructions)
    assert dec.general_clause is not None and "条款顺序作相应调整" in dec.general_clause


def test_article_map_and_new_articles() -> None:
    reg, _, amap = _applied()
    assert {str(o): n for o, n in amap} == TRUTH["renumbering"]
    assert len(reg.articles) == TRUTH["articles_after"]
    assert sorted(a.number for a in reg.articles if a.orig is None) == TRUTH["new_articles"]


def test_articles_against_the_republished_text() -> None:
    reg, _, _ = _applied()
    official = parse_regulation(_text("filing-2024-consolidated.txt"))
    exp = TRUTH["expected_compare"]
    assert len(official.articles) == exp["articles"]
    ga = {a.number: a for a in reg.articles}
    ea = {a.number: a for a in official.articles}
    differs = sorted(n for n in ea if _normalised(ga[n].text()) != _normalised(ea[n].text()))
    assert differs == exp["normalised_differs"]
    # the unstated edits, one by one: the engine's text with the edit is the official one
    for n, edit in TRUTH["unstated_edits"].items():
        if n.startswith("_") or int(n) == 39:
            continue
        before, after = edit
        got = fold(ga[int(n)].text())
        assert fold(before) in got, n
        assert got.replace(fold(before), fold(after)) == fold(ea[int(n)].text()), n
    # 新第三十九条: two paragraphs joined into one in the republished text (no character changed)
    assert (len(ga[39].paragraphs), len(ea[39].paragraphs)) == (2, 1)
    assert fold(ga[39].text()) == fold(ea[39].text())


def test_a_reference_to_another_law_is_not_renumbered() -> None:
    """Instruction 20 writes 《中华人民共和国立法法》第十一条 into 新第三十条第（一）项; 本条例's own 第十一条
    becomes 第十二条, the 立法法's does not."""
    reg, _, _ = _applied()
    a = next(a for a in reg.articles if a.number == 30)
    assert a.paragraphs[0].items[0].text.startswith("违反《中华人民共和国立法法》第十一条规定")
    b = next(a for a in reg.articles if a.number == 19)
    assert "按第五条规定的职责分工" in b.text()


def test_chapters_and_sections() -> None:
    reg, notes, _ = _applied()
    official = parse_regulation(_text("filing-2024-consolidated.txt"))
    for where, (first, last) in TRUTH["structure_after"].items():
        for n in range(first, last + 1):
            assert _place(official, n) == where, n
            if n != 14:
                assert _place(reg, n) == where, n
    # 新第十四条 opens 第三章第一节 in the republished text; the engine cannot tell from the decision
    # (增加一条，作为第十四条 between the last article of 第二章 and the first of 第三章): it keeps it in
    # 第二章 and says so, and `verify --base` names the difference.
    assert _place(reg, 14) == "第二章"
    placement = [n for n in notes if ": placement:" in n]
    assert [n.split(":")[0] for n in placement] == ["第九条", "第十四条", "第二十二条", "第二十三条"]


def test_verify_names_every_difference() -> None:
    dec = parse_decision(_text("filing-2024-decision.txt"))
    official = parse_regulation(_text("filing-2024-consolidated.txt"))
    verdicts = {i["n"]: i["verdict"] for i in verify_decision(dec, {official.title: official})["instructions"]}
    # the instructions whose written text the republished one changes (unstated edits above)
    assert {n for n, v in verdicts.items() if v != "match"} == {1, 5, 6, 7, 11, 19}
    report = verify_against_base(parse_regulation(_text("filing-2021-base.txt")), dec, official)
    kinds = sorted((d["kind"], d["where"]) for d in report["differences"])
    assert ("placement", "第十四条") in kinds
    assert ("paragraphs", "第三十九条") in kinds
    edits = {d["where"] for d in report["differences"] if d["kind"] == "edit"}
    assert edits == {"第一条", "第八条", "第九条", "第十二条", "第二十一条", "第四十条"}
    assert [d["where"] for d in report["differences"] if not d["explained"]] == ["第三十九条"]


def test_the_decision_amends_only_the_regulation() -> None:
    """《中华人民共和国立法法》 appears only inside a quoted term: it is not amended."""
    from gongbao.pipeline import parse_path

    doc = parse_path(DATA / "gazette-2024-09.txt").documents[0]
    assert doc.kind == "决定"
    assert [r.title for r in doc.amends] == [WORK]
    assert doc.effective_date == date.fromisoformat(TRUTH["decision"]["in_force"])


@pytest.mark.parametrize("order", ["chronological", "reverse"])
def test_store_versions_in_both_orders(store, order: str) -> None:
    from gongbao.pipeline import parse_path
    from gongbao.query.docs import version_as_of
    from gongbao.store import ingest_issue

    files = ["gazette-2021-04.txt", "gazette-2024-09.txt", "gazette-2024-10.txt"]
    if order == "reverse":
        files.reverse()
    for f in files:
        ingest_issue(store, parse_path(DATA / f))
    first = "每年一月三十一日前，制定机关应当将其上一年度制定、修改和废止的规范性文件目录报送常委会办公厅备查。"
    for day, want in TRUTH["as_of"].items():
        v = version_as_of(store, WORK, date.fromisoformat(day))
        reg = parse_regulation(v.text)
        assert len(reg.articles) == want["articles"], day
        a12 = next(a for a in reg.articles if a.number == 12)
        if want["articles"] == 38:
            assert a12.paragraphs[0].text == first, day
        else:
            assert a12.paragraphs[0].text.startswith("常委会办公厅自收到备案文件之日起五个工作日内进行审核")
            assert len(a12.paragraphs) == 3
            # the republished text (the issuer's) is the version, valid from the decision's 施行
            assert v.origin == "republished" and v.valid_from == date.fromisoformat(TRUTH["decision"]["in_force"])


def test_show_as_of_from_the_cli(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "kb.db")
    for f in ["gazette-2024-10.txt", "gazette-2021-04.txt", "gazette-2024-09.txt"]:
        assert runner.invoke(app, ["ingest", str(DATA / f), "--db", db]).exit_code == 0
    before = runner.invoke(app, ["show", WORK, "--at", "第十四条", "--as-of", "2024-11-30", "--db", db])
    after = runner.invoke(app, ["show", WORK, "--at", "第十四条", "--as-of", "2024-12-15", "--db", db])
    assert "国家机关依法向市人大常委会书面提出的对规范性文件的审查要求" in before.output
    assert "市人大常委会按照有备必审的要求完善审查工作机制" in after.output
    status = runner.invoke(app, ["status", WORK, "--as-of", "2024-12-15", "--db", db])
    assert "amended by " + DECISION in status.output


# ------------------------------------------------------------- a decision amending four regulations

FLOOD = Path(__file__).parent / "data" / "amend" / "flood-2021"
FLOOD_TRUTH = json.loads((FLOOD / "truth.json").read_text(encoding="utf-8"))


def _flood() -> Regulation:
    base = (FLOOD / "flood-2017-base-excerpt.txt").read_text(encoding="utf-8")
    return apply_decision_text(base, (FLOOD / "sh2021-decision.txt").read_text(encoding="utf-8")).regulation


def test_four_regulations_every_instruction_reads() -> None:
    dec = parse_decision((FLOOD / "sh2021-decision.txt").read_text(encoding="utf-8"))  # strict
    counts: dict[str, int] = {}
    for i in dec.instructions:
        assert i.ops, (i.regulation, i.n)
        counts[i.regulation or ""] = counts.get(i.regulation or "", 0) + 1
    assert counts == FLOOD_TRUTH["part_instructions"]


def test_an_item_written_on_the_clause_line_then_terms_in_the_old_items() -> None:
    """四、1. 第二十三条增加一项，作为第一项： （一） 爆破、打井、采石、取土； (the text on the clause's line,
    unquoted) / 第三项、第四项、第五项中的“擅自”修改为“…” (a clause of its own, not more text of the item;
    its items are the base's: the ones that print 擅自)."""
    reg = _flood()
    a = next(a for a in reg.articles if a.number == 23)
    exp = FLOOD_TRUTH["expected"]["第二十三条"]
    assert [it.text for it in a.paragraphs[0].items] == exp["items"]
    assert [p.text for p in a.paragraphs[1:]] == [exp["second_paragraph"]]


def test_text_added_after_an_article_and_terms() -> None:
    reg = _flood()
    arts = {a.number: a for a in reg.articles}
    exp = FLOOD_TRUTH["expected"]
    # 在第二十八条条文后增加“…批准”: the article's closing 。 closes the added sentence
    assert arts[28].text() == exp["第二十八条"]
    assert arts[24].paragraphs[1].text == exp["第二十四条第二款"]
    assert arts[53].text() == exp["第五十三条"]
    assert arts[25].paragraphs[0].text.endswith(exp["第二十五条第一款_end"])
    assert [p.text for p in arts[51].paragraphs] == exp["第五十一条"]
    assert arts[52].text() == exp["第五十二条"]
    assert exp["第五十六条_contains"] in arts[56].text()
    base = parse_regulation((FLOOD / "flood-2017-base-excerpt.txt").read_text(encoding="utf-8"))
    for label in exp["unchanged"]:
        n = next(a.number for a in reg.articles if f"第{int_to_cn(a.number or 0)}条" == label)
        assert arts[n].text() == next(b for b in base.articles if b.number == n).text()


def test_an_item_text_with_a_line_that_is_no_item_is_refused() -> None:
    """The text written as a new item must not lose a line silently (it was dropped)."""
    from gongbao.errors import InstructionError

    base = "示例条例\n第一条 禁止下列行为：\n（一）甲；\n（二）乙。\n"
    dec = "示例决定\n一、第一条增加一项，作为第一项：\n“（一）丙；\n“丁。”\n"
    with pytest.raises(InstructionError):
        apply_decision_text(base, dec)
