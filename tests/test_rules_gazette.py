"""The sample plan read inside its gazette when the issue's structure is imperfect.

The 聊城 gazette (samples/liaocheng-2024-11-12.txt) is altered the ways a gazette's text arrives
damaged — blank lines lost, headings run into their paragraphs, outline labels lost, lines cut at
the page width — in its 三、预报预警 section (levels, notice, approvers, lift, merge); the rules
read must stay those of the intact text, and the alert over the red episode the same.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from gongbao.pipeline import parse_path
from gongbao.rules.extract import extract_ruleset, find_plan
from gongbao.rules.pollution import evaluate
from gongbao.rules.ruleset import RuleSet

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "samples" / "liaocheng-2024-11-12.txt"
EPISODE = Path(__file__).parent / "data" / "rules" / "episode_red.csv"


def _section(src: str) -> tuple[int, int]:
    a = src.index("三、预报预警")
    return a, src.index("四、应急响应", a)


def _wrap(text: str, width: int = 37) -> str:
    return "\n".join(line[i : i + width] for line in text.split("\n") for i in range(0, max(len(line), 1), width))


DAMAGE: dict[str, Callable[[str], str]] = {
    "blank lines lost": lambda t: t.replace("\n\n", "\n"),
    "one paragraph": lambda t: t.replace("\n\n", ""),
    "headings run into paragraphs": lambda t: re.sub(r"\n\n(（[一二三四五六七八九十]+）[^\n]{1,12}。)\n\n", r"\1", t),
    "labels lost": lambda t: re.sub(r"\n(（[一二三四五六七八九十]+）|\d\. )", "\n", t),
    "cut at the page width": _wrap,
}


def key(rs: RuleSet) -> tuple:
    return (
        [
            (
                lv.colour,
                [[(c.metric, c.op, c.threshold, c.hours) for c in alt] for alt in lv.any_of],
                lv.response.value if lv.response else None,
            )
            for lv in rs.levels
        ],
        rs.lift.value if rs.lift else None,
        rs.advance_notice.value if rs.advance_notice else None,
        rs.merge is not None,
        [(lv.approver.value if lv.approver else None) for lv in rs.levels],
        [(s.colour, s.mode, s.metric, s.threshold) for s in rs.school],
    )


@pytest.fixture(scope="module")
def intact() -> RuleSet:
    return extract_ruleset(find_plan(parse_path(SAMPLE)))


def test_intact_sample_reads_the_plan(intact: RuleSet) -> None:
    assert [lv.colour for lv in intact.levels] == ["yellow", "orange", "red"]
    assert intact.lift is not None and intact.lift.value == {"hours": 36, "threshold": "start"}
    assert not intact.unresolved


@pytest.mark.parametrize("damage", list(DAMAGE), ids=list(DAMAGE))
@pytest.mark.parametrize("lines_only", [False, True], ids=["tree", "lines"])
def test_damaged_gazette_reads_the_same_rules(intact: RuleSet, tmp_path: Path, damage: str, lines_only: bool) -> None:
    src = SAMPLE.read_text(encoding="utf-8")
    a, b = _section(src)
    f = tmp_path / "gazette.txt"
    f.write_text(src[:a] + DAMAGE[damage](src[a:b]) + src[b:], encoding="utf-8")
    doc = find_plan(parse_path(f))
    if lines_only:
        doc.body = None  # no body tree at all: read from the plain lines
    rs = extract_ruleset(doc)
    assert key(rs) == key(intact)
    assert not [u for u in rs.unresolved if u["field"] in ("levels", "lift", "advance_notice", "merge")]
    got = [(w.level, w.start, w.end) for w in evaluate(EPISODE, ruleset=rs).warnings]
    assert got == [(w.level, w.start, w.end) for w in evaluate(EPISODE, ruleset=intact).warnings] and got
