"""Forward tests on real amendment triples: base text + real decision -> official consolidated text.

Each triple in tests/data/amend/triples/ (sources in tests/data/amend/README.md) is applied
with the engine and compared with the official consolidated text article by article:

* ``normalised``: width-folded, whitespace and punctuation removed — the comparison the
  forward test is about; the exact set of articles that match is pinned, so a regression fails;
* ``exact``: width-folded and whitespace removed only — what differs here and not above are
  punctuation edits the decision never spelled out (the general clause 对条文顺序…作相应调整
  covers them); they are pinned too, and listed in the README, as are the rare unstated words
  that differ even after normalisation.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

from gongbao.amend.engine import apply_decision_text
from gongbao.amend.grammar import parse_decision
from gongbao.amend.regtext import Regulation, fold, parse_regulation
from gongbao.amend.verify import verify_decision

DATA = Path(__file__).parent / "data" / "amend" / "triples"

_PUNCT = re.compile(r"[\s，。；：、,.;:！？!?“”\"'‘’（）()《》〈〉<>【】\-—]")


def normalised(s: str) -> str:
    """Width-folded text without whitespace and punctuation."""
    return _PUNCT.sub("", unicodedata.normalize("NFKC", s))


@dataclass(frozen=True)
class Triple:
    name: str
    base: str
    decision: str
    consolidated: str
    instructions: int  # numbered instructions of the decision
    articles: int  # articles of the consolidated text
    exact_differs: dict[int, str]  # article -> what the official text adds beyond the decision and the engine
    normalised_differs: frozenset[int]  # articles that differ even without punctuation (an unstated word)
    verify_not_match: dict[int, str]  # instruction -> verdict of `verify` when not "match"
    rewritten: int  # units whose cross-references the engine rewrote to the new numbers


TRIPLES = [
    Triple(
        "antimonopoly-2022",
        "antimonopoly-2007-base.txt",
        "antimonopoly-2022-decision.txt",
        "antimonopoly-2022-consolidated.txt",
        instructions=25,
        articles=70,
        # 在“A”后增加“B”: the republished text separates B with a comma (or 顿号) the decision does not print.
        exact_differs={1: "，", 14: "，", 49: "、"},
        normalised_differs=frozenset(),
        verify_not_match={6: "unverifiable", 25: "differs"},
        rewritten=3,
    ),
    Triple(
        "statistics-2024",
        "statistics-2009-base.txt",
        "statistics-2024-decision.txt",
        "statistics-2024-consolidated.txt",
        instructions=18,
        articles=53,
        exact_differs={},
        normalised_differs=frozenset(),
        verify_not_match={},
        rewritten=0,
    ),
    Triple(
        "foreign-trade-2022",
        "foreign-trade-2016-base.txt",
        "foreign-trade-2022-decision.txt",
        "foreign-trade-2022-consolidated.txt",
        instructions=1,  # 删去第九条: everything after it moves up, with the references to it
        articles=69,
        exact_differs={},
        normalised_differs=frozenset(),
        verify_not_match={1: "unverifiable"},
        rewritten=7,
    ),
    Triple(
        "accounting-2024",
        "accounting-2017-base.txt",
        "accounting-2024-decision.txt",
        "accounting-2024-consolidated.txt",
        instructions=15,
        articles=51,
        # 25, 37: 在“A”后增加“B” printed with a comma; 43: “…打击报复的，依法给予处分” — a word (的)
        # the decision's replacement text does not have, added under the closing clause.
        exact_differs={25: "，", 37: "，", 43: "的"},
        normalised_differs=frozenset({43}),
        verify_not_match={6: "unverifiable", 7: "differs", 15: "differs"},
        rewritten=0,
    ),
    Triple(
        "population-2021",
        "population-2015-base.txt",
        "population-2021-decision.txt",
        "population-2021-consolidated.txt",
        instructions=21,
        articles=48,
        exact_differs={},
        normalised_differs=frozenset(),
        verify_not_match={19: "unverifiable"},  # nine deletions: nothing written to compare
        rewritten=0,
    ),
    Triple(
        "audit-2021",
        "audit-2006-base.txt",
        "audit-2021-decision.txt",
        "audit-2021-consolidated.txt",
        instructions=32,
        articles=60,
        exact_differs={},
        normalised_differs=frozenset(),
        verify_not_match={},
        rewritten=0,
    ),
]


def _compare(got: Regulation, exp: Regulation, key) -> tuple[set[int], set[int]]:  # type: ignore[no-untyped-def]
    ga = {a.number: a for a in got.articles}
    ea = {a.number: a for a in exp.articles}
    same = {n for n in ea if n in ga and key(ga[n].text()) == key(ea[n].text())}
    return same, (set(ga) | set(ea)) - same


@pytest.fixture(scope="module", params=TRIPLES, ids=lambda t: t.name)
def triple(request: pytest.FixtureRequest) -> tuple[Triple, Regulation, Regulation]:
    t: Triple = request.param
    result = apply_decision_text(
        (DATA / t.base).read_text(encoding="utf-8"), (DATA / t.decision).read_text(encoding="utf-8")
    )
    official = parse_regulation((DATA / t.consolidated).read_text(encoding="utf-8"))
    assert sum("cross-reference rewritten" in n for n in result.notes) == t.rewritten
    assert result.general_clause is not None
    return t, result.regulation, official


@pytest.mark.parametrize("t", TRIPLES, ids=lambda t: t.name)
def test_every_instruction_parses(t: Triple) -> None:
    dec = parse_decision((DATA / t.decision).read_text(encoding="utf-8"))  # strict: an unknown form raises
    assert [i.n for i in dec.instructions] == list(range(1, t.instructions + 1))
    assert all(i.ops for i in dec.instructions)
    assert dec.general_clause is not None


def test_articles_that_match_after_normalisation(triple: tuple[Triple, Regulation, Regulation]) -> None:
    t, got, official = triple
    assert len(official.articles) == t.articles
    same, differ = _compare(got, official, normalised)
    assert differ == t.normalised_differs, sorted(differ)
    assert same == set(range(1, t.articles + 1)) - t.normalised_differs


def test_exact_differences_are_the_unstated_punctuation(triple: tuple[Triple, Regulation, Regulation]) -> None:
    t, got, official = triple
    same, differ = _compare(got, official, fold)
    assert differ == set(t.exact_differs)
    assert same == set(range(1, t.articles + 1)) - set(t.exact_differs)
    ga = {a.number: a for a in got.articles}
    ea = {a.number: a for a in official.articles}
    for n, added in t.exact_differs.items():
        g, e = fold(ga[n].text()), fold(ea[n].text())
        # The official text is the consolidated one plus exactly these punctuation marks.
        assert len(e) - len(g) == len(fold(added)) and sorted(e) == sorted(g + fold(added)), n


def test_chapters_and_their_articles(triple: tuple[Triple, Regulation, Regulation]) -> None:
    _, got, official = triple
    assert [(c.number, fold(c.heading)) for c in got.chapters] == [
        (c.number, fold(c.heading)) for c in official.chapters
    ]
    # An article names its chapter by the chapter's original number; compare the printed ones.
    got_ch = {c.orig: c.number for c in got.chapters}
    off_ch = {c.orig: c.number for c in official.chapters}
    assert [(a.number, got_ch.get(a.chapter)) for a in got.articles] == [
        (a.number, off_ch.get(a.chapter)) for a in official.articles
    ]


@pytest.mark.parametrize("t", TRIPLES, ids=lambda t: t.name)
def test_verify_against_the_official_text(t: Triple) -> None:
    dec = parse_decision((DATA / t.decision).read_text(encoding="utf-8"))
    official = parse_regulation((DATA / t.consolidated).read_text(encoding="utf-8"))
    result = verify_decision(dec, {official.title: official})
    verdicts = {i["n"]: i["verdict"] for i in result["instructions"]}
    assert {n: v for n, v in verdicts.items() if v != "match"} == t.verify_not_match
