"""Forms of a plan's targets outside its tasks, declared once (read by ``gongbao.extract.targets``
and the goals of ``gongbao.extract.tasks``).

Data and printed examples are in ``data/targets.json``; ``tests/test_grammar_examples.py`` iterates
over every example and counter-example:

- ``GOAL_HEADING``: a heading or title line that opens a plan's goals (工作目标, 今年预期目标,
  “十四五”林业发展主要目标指标表), not 目标任务 / 目标责任;
- ``GOAL_LABEL``: a paragraph labelled as goals (总体目标：, 具体指标：);
- ``GOAL_OPENER``: a paragraph that opens with the year it aims at (到2021年，, 2027年底前，);
- ``PLAN_PERIOD``: the years a plan's title covers (（2018-2020年）), ``PERIOD_END_PHRASE``: a goal
  due at the period's end (经过3年努力, 到规划期末), ``FIVE_YEAR_END``: the end of a five-year plan
  (到“十四五”期末 -> 2025; 十N五 ends in 2005 + 5N);
- ``TABLE_METRIC_HEAD``, ``TABLE_YEAR_HEAD``, ``TABLE_ATTRIBUTE_HEAD``: the header cells of a
  target table (指标名称 | 2020年 | 2025年 | 属性).

Every pattern is bounded: linear in the text.
"""

from __future__ import annotations

import re
from typing import Any

from gongbao.grammar._data import load

__all__ = [
    "FIVE_YEAR_END",
    "GOAL_HEADING",
    "GOAL_LABEL",
    "GOAL_OPENER",
    "PERIOD_END_PHRASE",
    "PLAN_PERIOD",
    "TABLE_ATTRIBUTE_HEAD",
    "TABLE_METRIC_HEAD",
    "TABLE_YEAR_HEAD",
    "examples",
]


def examples() -> dict[str, Any]:
    """``data/targets.json``: every form with its printed examples and counter-examples."""
    return load("targets")


_F = examples()["forms"]
GOAL_HEADING = re.compile(_F["GOAL_HEADING"]["pattern"])
GOAL_LABEL = re.compile(_F["GOAL_LABEL"]["pattern"])
GOAL_OPENER = re.compile(_F["GOAL_OPENER"]["pattern"])
PLAN_PERIOD = re.compile(_F["PLAN_PERIOD"]["pattern"])
PERIOD_END_PHRASE = re.compile(_F["PERIOD_END_PHRASE"]["pattern"])
FIVE_YEAR_END = re.compile(_F["FIVE_YEAR_END"]["pattern"])
TABLE_METRIC_HEAD = re.compile(_F["TABLE_METRIC_HEAD"]["pattern"])
TABLE_YEAR_HEAD = re.compile(_F["TABLE_YEAR_HEAD"]["pattern"])
TABLE_ATTRIBUTE_HEAD = re.compile(_F["TABLE_ATTRIBUTE_HEAD"]["pattern"])
