"""``gongbao.grammar.limits`` beyond its printed examples (those are in ``test_grammar_examples.py``)."""

from __future__ import annotations

from gongbao.grammar import limits as L


def test_quoted_day_numbers() -> None:
    m = L.UNIT_DEFINITION_NUMBERS.search("本法关于行政复议期间有关“五日”、“七日”的规定是指工作日，不含节假日。")
    assert m and L.quoted_day_numbers(m["nums"]) == {5, 7}
    assert L.quoted_day_numbers("“三日”“10日”“期间”") == {3, 10}
