"""Forms of the yearly holiday notice of the State Council General Office, declared once
(read by ``gongbao.rules.holidays``).

Data and printed examples are in ``data/holidays.json``; ``tests/test_grammar_holidays.py``
iterates over every example and counter-example:

- ``NOTICE_TITLE``: 国务院办公厅关于2026年部分节假日安排的通知 (``year``);
- ``ADJUSTMENT_TITLE``: a later notice that changes (``verb`` 调整) or extends (延长) one holiday
  of a year (``year``, ``names``), or adds a day of rest for an ``occasion`` (…纪念日调休放假);
- ``ITEM``: one holiday's line, 一、元旦：… (``names``, ``body``);
- ``DAY``: a day as the items print it, with or without its year and month, and the weekday or
  lunar date in brackets after it (2月15日（农历腊月二十八、周日）, 至3日（周六）);
- ``RANGE_JOIN``: what joins the two ends of a range (至);
- ``EXTEND``: an extension's words before its new last day (延长2020年春节假期至);
- ``REST_CLAUSE`` / ``WORK_CLAUSE``: a clause whose days are rest days (放假, 补休, 调休) or
  working days (上班); ``NO_CHANGE``: 不调休 / 与周末连休 (no other day moves);
- ``TOTAL``: the count the item prints (共8天), checked against the days read.

Every pattern is bounded: linear in the text.
"""

from __future__ import annotations

import re
from typing import Any

from gongbao.grammar._data import load

__all__ = [
    "ADJUSTMENT_TITLE",
    "DAY",
    "EXTEND",
    "ITEM",
    "NOTICE_TITLE",
    "NO_CHANGE",
    "RANGE_JOIN",
    "REST_CLAUSE",
    "TOTAL",
    "WORK_CLAUSE",
    "examples",
]


def examples() -> dict[str, Any]:
    """``data/holidays.json``: every form with its printed examples and counter-examples."""
    return load("holidays")


_F = examples()["forms"]
NOTICE_TITLE = re.compile(_F["NOTICE_TITLE"]["pattern"])
ADJUSTMENT_TITLE = re.compile(_F["ADJUSTMENT_TITLE"]["pattern"])
ITEM = re.compile(_F["ITEM"]["pattern"])
DAY = re.compile(_F["DAY"]["pattern"])
RANGE_JOIN = re.compile(_F["RANGE_JOIN"]["pattern"])
EXTEND = re.compile(_F["EXTEND"]["pattern"])
REST_CLAUSE = re.compile(_F["REST_CLAUSE"]["pattern"])
WORK_CLAUSE = re.compile(_F["WORK_CLAUSE"]["pattern"])
NO_CHANGE = re.compile(_F["NO_CHANGE"]["pattern"])
TOTAL = re.compile(_F["TOTAL"]["pattern"])
