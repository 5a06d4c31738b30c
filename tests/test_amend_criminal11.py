"""The 修正案 form on a real amendment: 中华人民共和国刑法修正案（十一） (2020-12-26, in force 2021-03-01).

Texts and sources in tests/data/amend/criminal-2020-amendment11/ (README rows in
tests/data/amend/README.md). ``truth.json`` was written by reading the texts before gongbao ran
(items, operations, the quoted texts, the article order after, the touched articles as the official
consolidated text prints them); ``make_truth``-style reading of base.txt (``_read_articles`` below,
no gongbao) gives the articles no item touches. Every assertion compares gongbao with that reading.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gongbao.amend.engine import apply_decision_text
from gongbao.amend.grammar import parse_decision, parse_instruction
from gongbao.amend.ops import Target
from gongbao.amend.regtext import parse_regulation, render
from gongbao.amend.verify import verify_decision
from gongbao.cli import app
from gongbao.structure.numerals import cn_to_int

DATA = Path(__file__).parent / "data" / "amend" / "criminal-2020-amendment11"
TRUTH = json.loads((DATA / "truth.json").read_text(encoding="utf-8"))
WORK = "中华人民共和国刑法"
_LABEL = re.compile(r"^(第[一二三四五六七八九十百零]+条(?:之[一二三四五六七八九十])?)[ \u3000](.*)$")
_HEADING = re.compile(r"^第[一二三四五六七八九十]+[编章节][ \u3000]")


def _text(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def _read_articles(text: str) -> tuple[dict[str, list[str]], list[str]]:
    """Article label -> its lines, and the labels in order, read as the truth was (headings are no text)."""
    out: dict[str, list[str]] = {}
    order: list[str] = []
    cur: str | None = None
    for line in text.strip().split("\n")[2:]:
        m = _LABEL.match(line)
        if m:
            cur = m.group(1)
            out[cur], order = [m.group(2)], [*order, cur]
        elif _HEADING.match(line):
            cur = None
        elif cur is not None:
            out[cur].append(line)
    return out, order


def _target(label: str) -> Target:
    """第一百三十三条之一 / 第二百三十七条第三款 as a Target."""
    m = re.fullmatch(r"第(.+?)条(?:之(.+?))?(?:第(.+?)款)?", label)
    assert m, label
    art, sub, para = (cn_to_int(x) if x else None for x in m.groups())
    return Target(article=art, sub=sub, paragraph=para)


def test_every_item_is_read_with_the_operation_the_truth_names() -> None:
    dec = parse_decision(_text("decision.txt"), strict=False)
    items = [i for i in TRUTH["items"] if i["op"] != "effective_date"]
    assert [i.n for i in dec.instructions] == [cn_to_int(i["item"]) for i in items]
    assert [i.error for i in dec.instructions] == [None] * len(items)
    assert dec.amends == WORK and [t for t, _ in dec.regulations] == [WORK]
    assert {i.regulation for i in dec.instructions} == {WORK}
    assert dec.title == "中华人民共和国刑法修正案（十一）"
    # 四十八、本修正案自2021年3月1日起施行。: the effective-date clause, not glued to item 四十一
    assert dec.effective_clause == "本修正案自2021年3月1日起施行。"
    assert "施行" not in dec.instructions[-1].raw
    for ins, truth in zip(dec.instructions, items, strict=True):
        (op,) = ins.ops
        assert list(op.text) == truth["new"], truth["item"]
        if truth["op"] == "replace_article" or truth["op"] == "replace_paragraph":
            assert (op.action, op.target) == ("replace", _target(truth["target"]))
        elif truth["op"] == "insert_article_after":
            assert (op.action, op.insert_unit) == ("insert", "article")
            assert op.insert_after == _target(truth["target"])
            assert op.new_number == _target(truth["new_number"])
        else:  # add_paragraph: 在刑法第三百四十一条中增加一款作为第三款
            assert (op.action, op.insert_unit) == ("insert", "paragraph")
            assert op.new_number == _target(truth["target"] + truth["position"])


def test_the_short_name_of_the_work_is_the_work_at_hand() -> None:
    for text in (
        "将刑法第十七条修改为：“甲。”",
        "将中华人民共和国刑法第十七条修改为：“甲。”",
        "将本法第十七条修改为：“甲。”",
    ):
        (op,) = parse_instruction(text, n=1, regulation=WORK)
        assert (op.regulation, op.action, op.target) == (WORK, "replace", Target(article=17)), text
    # another work named without 《》 is that work's instruction
    (op,) = parse_instruction("将治安管理处罚法第十条修改为：“甲。”", n=1, regulation=WORK)
    assert op.regulation == "治安管理处罚法"


def test_an_unread_item_does_not_swallow_the_next_one() -> None:
    text = _text("decision.txt").replace("一、将刑法第十七条修改为：", "一、将刑法第十七条予以调整：")
    dec = parse_decision(text, strict=False)
    assert [i.n for i in dec.instructions] == [1, 2, 3, 4, 22, 23, 24, 28, 41]
    assert dec.instructions[0].error and "二、" not in dec.instructions[0].raw
    assert [i.error for i in dec.instructions[1:]] == [None] * 8
    # the same without the title line: numbered items still split, the last clause is no instruction
    bare = "\n".join(text.split("\n")[2:])
    dec = parse_decision(bare, strict=False)
    assert [i.n for i in dec.instructions] == [1, 2, 3, 4, 22, 23, 24, 28, 41]
    assert dec.effective_clause == "本修正案自2021年3月1日起施行。"


def test_apply_to_the_excerpt_gives_the_official_text() -> None:
    result = apply_decision_text(_text("base.txt"), _text("decision.txt"))
    got, order = _read_articles(render(result.regulation))
    base, _ = _read_articles(_text("base.txt"))
    assert order == TRUTH["article_order_after"]  # no article renumbered (之N insertions only)
    for label, lines in TRUTH["touched_articles_after"].items():
        assert got[label] == lines, label
    for label in TRUTH["untouched_articles"]:
        assert got[label] == base[label], label
    assert any("an excerpt" in n for n in result.notes)
    # the history line gains the 修正案 as the official text prints it (…和…通过的《…（十一）》修正）)
    assert render(result.regulation).split("\n")[1] == _text("consolidated.txt").split("\n")[1].replace(" ", "　")


def test_the_excerpt_is_read_and_said_to_be_one() -> None:
    reg = parse_regulation(_text("base.txt"))
    _, order = _read_articles(_text("base.txt"))
    assert [a.label for a in reg.articles] == order
    assert reg.excerpt and reg.skipped[0] == (1, 15)
    assert any(n.startswith("an excerpt: 第一条至第十五条、第十九条至第一百三十二条") for n in reg.inferred)
    # headings of another 编 are no text of the article before them
    assert reg.article(18) is not None and all("分则" not in line for line in reg.article(18).lines())
    # a text with every article from 第一条 is no excerpt
    assert not parse_regulation("X法\n第一条　甲。\n第二条　乙。\n").excerpt


def test_an_excerpt_refuses_a_decision_that_renumbers() -> None:
    from gongbao.errors import InstructionError

    decision = "中华人民共和国刑法修正案\n一、在刑法第十七条后增加一条，作为第十八条：“新。”\n"
    with pytest.raises(InstructionError, match="excerpt"):
        apply_decision_text(_text("base.txt"), decision)


@pytest.mark.parametrize("with_base", [True, False], ids=["with-base", "republished-only"])
def test_verify_matches_every_item(with_base: bool) -> None:
    dec = parse_decision(_text("decision.txt"), strict=False)
    consolidated = parse_regulation(_text("consolidated.txt"))
    bases = {WORK: parse_regulation(_text("base.txt"))} if with_base else None
    out = verify_decision(dec, {WORK: consolidated}, bases=bases)
    assert [i["verdict"] for i in out["instructions"]] == ["match"] * 9


def test_cli_instructions_and_diff_say_what_they_read(tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(app, ["instructions", str(DATA / "decision.txt")])
    assert res.exit_code == 0, res.output
    assert "9 instructions: 9 read" in res.output
    assert "effective-date clause (not an instruction): 本修正案自2021年3月1日起施行。" in res.output
    res = runner.invoke(
        app, ["diff", str(DATA / "base.txt"), str(DATA / "consolidated.txt"), "--decision", str(DATA / "decision.txt")]
    )
    assert res.exit_code == 0
    assert "base.txt: an excerpt" in res.output  # (stderr is mixed into output by the runner)
    for label in TRUTH["expected_new_articles"]:
        assert "(新增)" in res.output and f"{label}  [added]" in res.output


@pytest.mark.parametrize("order", ["chronological", "republished-first"])
def test_store_links_and_dates_the_republished_text_from_the_amendment(store, order: str) -> None:
    from gongbao.pipeline import parse_path
    from gongbao.query.docs import version_as_of
    from gongbao.query.links import links
    from gongbao.store import ingest_issue

    files = ["gazette-2017-06.txt", "gazette-2021-01.txt", "gazette-2021-02.txt"]
    if order == "republished-first":
        files = [files[2], files[1], files[0]]
    for f in files:
        ingest_issue(store, parse_path(DATA / f))
    out = [(x.kind, x.other) for x in links(store, "中华人民共和国刑法修正案（十一）").outgoing]
    assert ("amends", WORK) in out
    base, _ = _read_articles(_text("base.txt"))
    before = version_as_of(store, WORK, date(2021, 2, 28))
    after = version_as_of(store, WORK, date(2021, 3, 1))
    assert _read_articles(before.text)[0]["第十七条"] == base["第十七条"]
    assert _read_articles(after.text)[0]["第十七条"] == TRUTH["touched_articles_after"]["第十七条"]
    assert after.valid_from == date.fromisoformat(TRUTH["effective"]) and after.origin == "republished"


def test_show_says_when_the_effective_date_is_unknown(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "kb.db")
    assert runner.invoke(app, ["ingest", str(DATA / "gazette-2021-02.txt"), "--db", db]).exit_code == 0
    res = runner.invoke(app, ["show", WORK, "--at", "第十七条", "--as-of", "2021-02-01", "--db", db])
    assert res.exit_code == 0
    assert "valid from 2020-12-26, the day 《中华人民共和国刑法修正案（十一）》 was adopted" in res.output
    assert "no stored instrument gives a later 施行 date" in res.output
