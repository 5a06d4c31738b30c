"""`verify` against the base text, `diff` by content, and the triples table (issue #15).

The republished texts are the real ones of tests/data/amend/triples/; "planted" cases change one
thing in a copy of a real text and check that exactly that is reported.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from gongbao.amend.diff import diff_versions, mark_changes
from gongbao.amend.engine import apply_decision_text
from gongbao.amend.grammar import parse_decision
from gongbao.amend.regtext import fold, parse_regulation
from gongbao.amend.verify import NOT_CHECKED, verify_against_base, verify_decision

DATA = Path(__file__).parent / "data" / "amend" / "triples"


def _read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def _report(base: str, decision: str, republished: str) -> dict:  # type: ignore[type-arg]
    return verify_against_base(
        parse_regulation(base), parse_decision(decision, strict=False), parse_regulation(republished)
    )


def _messages(report: dict) -> list[str]:  # type: ignore[type-arg]
    return [d["message"] for d in report["differences"]]


# ---------------------------------------------------------------- catch-all edits named one by one


def test_catch_all_edits_are_named_one_by_one() -> None:
    r = _report(
        _read("holidays-2013-base.txt"), _read("holidays-2024-decision.txt"), _read("holidays-2024-consolidated.txt")
    )
    assert [d["edit"] for d in r["differences"]] == [
        "新年→元旦",
        "、2日、→至",
        "星期六→周六",
        "星期日→周日",
        "星期六→周六",
        "星期日→周日",
    ]
    assert [d["where"] for d in r["differences"]] == ["第二条", "第二条", "第六条", "第六条", "第六条", "第六条"]
    # 此外，对条文顺序和个别文字作相应调整和修改: every one of them is covered by the catch-all.
    assert r["unexplained"] == 0 and all(d["covered"] for d in r["differences"])
    assert _messages(r)[0] == "新年→元旦 in 第二条"


def test_edits_no_instruction_writes_are_unexplained_without_a_wording_catch_all() -> None:
    # 根据本决定作相应修改并对条文顺序作相应调整: renumbering only; the three marks are reported.
    r = _report(
        _read("antimonopoly-2007-base.txt"),
        _read("antimonopoly-2022-decision.txt"),
        _read("antimonopoly-2022-consolidated.txt"),
    )
    assert [(d["where"], d["edit"], d["touched"], d["explained"]) for d in r["differences"]] == [
        ("第一条", "+， after “市场公平竞争”", True, False),  # six characters of context
        ("第十四条", "+， after “营者依法竞争”", True, False),
        ("第四十九条", "+、 after “悉的商业秘密”", True, False),
    ]
    assert r["unexplained"] == 3


def test_a_real_triple_with_nothing_unstated_has_no_difference() -> None:
    for base, decision, official in [
        ("audit-2006-base.txt", "audit-2021-decision.txt", "audit-2021-consolidated.txt"),
        ("agritech-2012-base.txt", "agritech-2024-decision.txt", "agritech-2024-consolidated.txt"),
        ("disclosure-2014-base.txt", "sc2024-decision.txt", "disclosure-2024-consolidated.txt"),
    ]:
        r = _report(_read(base), _read(decision), _read(official))
        assert r["differences"] == [], (base, _messages(r))


# ---------------------------------------------------------------- what verify must not miss


def test_a_change_planted_in_an_untouched_article_is_reported() -> None:
    official = _read("foreign-trade-2022-consolidated.txt")
    assert "第三条 国务院对外贸易主管部门依照本法主管全国对外贸易工作。" in official
    planted = official.replace("依照本法主管全国对外贸易工作", "依照本法管理全国对外贸易工作")
    r = _report(_read("foreign-trade-2016-base.txt"), _read("foreign-trade-2022-decision.txt"), planted)
    (d,) = r["differences"]
    assert (d["kind"], d["where"], d["edit"], d["touched"], d["explained"]) == (
        "edit",
        "第三条",
        "主管→管理",
        False,
        False,
    )
    assert "an article no instruction touches" in d["message"]


def test_a_cross_reference_left_unrenumbered_is_reported() -> None:
    official = _read("foreign-trade-2022-consolidated.txt")
    stale = official.replace("依照本法第六十条至第六十二条", "依照本法第六十一条至第六十三条")
    assert stale != official
    r = _report(_read("foreign-trade-2016-base.txt"), _read("foreign-trade-2022-decision.txt"), stale)
    kinds = [(d["kind"], d["where"], d["expected"], d["actual"]) for d in r["differences"]]
    assert kinds == [
        ("stale_reference", "第六十三条", "第六十条", "第六十一条"),
        ("stale_reference", "第六十三条", "第六十二条", "第六十三条"),
    ], kinds
    assert "原第六十一条 is 第六十条 now" in r["differences"][0]["message"]


def test_a_deletion_never_made_is_reported_and_the_base_count_is_not_guessed() -> None:
    base = _read("foreign-trade-2016-base.txt")
    decision = parse_decision(_read("foreign-trade-2022-decision.txt"))
    never = parse_regulation(base)  # republished as if 删去第九条 had never been made
    r = verify_decision(decision, {never.title: never}, bases={never.title: parse_regulation(base)})
    (ins,) = r["instructions"]
    assert ins["verdict"] == "differs" and ins["checks"][0]["note"] == "deletion not made"
    report = r["against_base"][never.title]
    kinds = [d["kind"] for d in report["differences"]]
    assert kinds.count("deletion_not_made") == 1 and "numbering" in kinds
    assert "原第九条 is deleted by the decision but printed as 第九条" in _messages(report)
    assert report["base_articles"] == 70  # the real count, not inferred (without a base: 71)
    without = verify_decision(decision, {never.title: never})
    assert "original article count 71 (inferred)" in without["inferred"][never.title]
    assert without["not_checked"][never.title] == list(NOT_CHECKED)


def test_with_the_base_a_deletion_made_is_a_match() -> None:
    decision = parse_decision(_read("foreign-trade-2022-decision.txt"))
    official = parse_regulation(_read("foreign-trade-2022-consolidated.txt"))
    base = parse_regulation(_read("foreign-trade-2016-base.txt"))
    r = verify_decision(decision, {official.title: official}, bases={official.title: base})
    assert r["instructions"][0]["verdict"] == "match"
    assert "not_checked" not in r and r["against_base"][official.title]["differences"] == []


# ---------------------------------------------------------------- diff


def test_diff_pairs_renumbered_articles_by_content() -> None:
    old = parse_regulation(_read("accounting-2017-base.txt"))
    new = parse_regulation(_read("accounting-2024-consolidated.txt"))
    rows = diff_versions(old, new)
    # 会计法 2024: 第八条第三款 leaves for 第四十九条, 第十条 and 第二十五条 merge: articles move.
    by_old = {r.old: r for r in rows if r.old is not None}
    assert by_old[1].status == "same"
    moved = [r for r in rows if r.status == "moved"]
    assert moved and all(r.old != r.new for r in moved)
    # Without content alignment one insertion made every later article "changed"; here an article
    # whose text is unchanged is never "changed".
    for r in rows:
        if r.status == "changed":
            assert fold(r.old_text) != fold(r.new_text)


def test_diff_after_one_deletion_moves_instead_of_changing() -> None:
    old = parse_regulation(_read("foreign-trade-2016-base.txt"))
    new = parse_regulation(_read("foreign-trade-2022-consolidated.txt"))
    rows = diff_versions(old, new)
    statuses = [r.status for r in rows]
    assert statuses.count("deleted") == 1 and statuses.count("moved") == 55
    # the changed ones are the seven whose cross-references were renumbered (or printed another colon)
    assert statuses.count("changed") <= 7
    assert {r.old: r.new for r in rows if r.status == "moved"}[10] == 9


def test_diff_with_the_decision_shows_a_merged_article() -> None:
    old = parse_regulation(_read("localorg-2015-base.txt"))
    new = parse_regulation(_read("localorg-2022-consolidated.txt"))
    ops = [o for i in parse_decision(_read("localorg-2022-decision.txt")).instructions for o in i.ops]
    rows = diff_versions(old, new, ops)
    merged = [r for r in rows if r.status == "merged"]
    assert [(r.old, r.new) for r in merged] == [(54, 2)]
    assert {r.old: r.new for r in rows if r.old is not None and r.status in ("moved", "changed")}[11] == 14


def test_character_marks_show_what_changed() -> None:
    assert (
        mark_changes("国务院农业、林业部门", "国务院农业农村、林业草原部门") == "国务院农业{+农村+}、林业{+草原+}部门"
    )


# ---------------------------------------------------------------- the triples table

_PUNCT = re.compile(r"[\s，。；：、,.;:！？!?“”\"'‘’（）()《》〈〉<>【】\-—]")

TRIPLES = [
    ("antimonopoly-2022", "antimonopoly-2007-base.txt", "antimonopoly-2022-decision.txt"),
    ("statistics-2024", "statistics-2009-base.txt", "statistics-2024-decision.txt"),
    ("foreign-trade-2022", "foreign-trade-2016-base.txt", "foreign-trade-2022-decision.txt"),
    ("accounting-2024", "accounting-2017-base.txt", "accounting-2024-decision.txt"),
    ("population-2021", "population-2015-base.txt", "population-2021-decision.txt"),
    ("audit-2021", "audit-2006-base.txt", "audit-2021-decision.txt"),
    ("holidays-2024", "holidays-2013-base.txt", "holidays-2024-decision.txt"),
    ("agritech-2024", "agritech-2012-base.txt", "agritech-2024-decision.txt"),
    ("inspection-2021", "inspection-2018-base.txt", "eightlaws-2021-decision.txt"),
    ("disclosure-2024", "disclosure-2014-base.txt", "sc2024-decision.txt"),
    ("localorg-2022", "localorg-2015-base.txt", "localorg-2022-decision.txt"),
    ("realestate-2024", "realestate-2019-base.txt", "sc2024-decision.txt"),
    ("genetic-2024", "genetic-2019-base.txt", "sc2024-decision.txt"),
    ("netcafe-2024", "netcafe-2022-base.txt", "sc2024b-decision.txt"),
    ("netinfo-2024", "netinfo-2011-base.txt", "sc2024b-decision.txt"),
    # provincial (上海市人大常委会)
    ("appoint-2022", "appoint-2016-base.txt", "appoint-2022-decision.txt"),
    ("audiovisual-2024", "audiovisual-2021-base.txt", "sh2024-decision.txt"),
    ("student-injury-2024", "student-injury-2011-base.txt", "sh2024-decision.txt"),
]


def _normalised(s: str) -> str:
    return _PUNCT.sub("", unicodedata.normalize("NFKC", s))


def triples_table() -> tuple[list[tuple[str, int, int, int, int]], str]:
    """(name, articles, exact, equal after normalisation, wrong) per triple, and the table printed."""
    rows = []
    for name, base, decision in TRIPLES:
        got = apply_decision_text(_read(base), _read(decision)).regulation
        official = parse_regulation(_read(f"{name}-consolidated.txt"))
        g = {a.number: a.text() for a in got.articles}
        n = len(official.articles)
        exact = sum(fold(g.get(a.number, "")) == fold(a.text()) for a in official.articles)
        norm = sum(_normalised(g.get(a.number, "")) == _normalised(a.text()) for a in official.articles)
        rows.append((name, n, exact, norm, n - norm))
    lines = [f"{'triple':20} {'articles':>8} {'exact':>6} {'normalised':>10} {'wrong':>6}"]
    lines += [f"{r[0]:20} {r[1]:8} {r[2]:6} {r[3]:10} {r[4]:6}" for r in rows]
    tot = [sum(r[k] for r in rows) for k in range(1, 5)]
    lines.append(
        f"{'total':20} {tot[0]:8} {tot[1]:6} {tot[2]:10} {tot[3]:6}  ({tot[2] / tot[0]:.2%} equal after normalisation)"
    )
    return rows, "\n".join(lines)


def test_triples_table() -> None:
    rows, table = triples_table()
    print("\n" + table)
    articles = sum(r[1] for r in rows)
    normalised = sum(r[3] for r in rows)
    assert articles == 799
    assert normalised == 788  # 98.6%: every article left is an edit no instruction writes (the README)
    assert {r[0]: r[4] for r in rows if r[4]} == {
        "accounting-2024": 1,
        "holidays-2024": 2,
        "appoint-2022": 5,  # 第三条 reworded, 第十条/第十九条/第二十条 lists extended, 第二十七条 决定任命或者任命
        "student-injury-2024": 3,  # 第十七条至第十九条: items printed without （一）… labels
    }
