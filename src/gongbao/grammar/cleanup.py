"""Forms of clean-up decisions and notices, declared once: the lists they print of documents
repealed (废止), declared invalid (宣布失效), amended (修改) or kept in force (继续有效).

Data and printed examples are in ``data/cleanup.json`` (read by ``gongbao.extract.metadata``'s
``read_lists`` and by the paragraph joiner); ``tests/test_grammar_examples.py`` iterates over every
example and counter-example:

- ``LIST_HEADING``: a heading over a list (一、决定废止的规章（5件）, 附件1：…决定废止的政策性文件目录（28件）),
  its treatment (``treat``) and the count it announces (``n``);
- ``LIST_INTRO``: a sentence closing with a colon that introduces a list (决定对以下2件市政府规章予以废止：);
- ``ITEM``: the label of one entry (一、 / 1. / （1） / a table row's 序号);
- ``TABLE_HEADER``: a table's header line (序号 文件名称 文号 处理意见), also when its cells are split
  by single spaces; ``TREATMENT_COLUMN``: the column that says what is done to each row;
- ``ALREADY``: a repeal stated as a fact (原《城市规划法》已废止), not made by the text;
- ``GROUP``: one document named for a group (《X》等4件规范性文件失效);
- ``SEE_ANNEX``: a count whose list is in an attachment (4件文件，宣布失效。（目录见附件2））.

``treatment(text)`` is what a word printed in ``text`` does to the listed documents.
"""

from __future__ import annotations

import re
from typing import Any

from gongbao.grammar._data import alternation, load

__all__ = [
    "ALREADY",
    "GROUP",
    "ITEM",
    "LIST_HEADING",
    "LIST_INTRO",
    "SEE_ANNEX",
    "TABLE_HEADER",
    "TREATMENTS",
    "TREATMENT_COLUMN",
    "TREATMENT_WORD",
    "examples",
    "treatment",
]


def examples() -> dict[str, Any]:
    """``data/cleanup.json``: every form with its printed examples and counter-examples."""
    return load("cleanup")


_D = examples()
_F = _D["forms"]
LIST_HEADING = re.compile(_F["LIST_HEADING"]["pattern"])
LIST_INTRO = re.compile(_F["LIST_INTRO"]["pattern"])
ITEM = re.compile(_F["ITEM"]["pattern"])
TABLE_HEADER = re.compile(_F["TABLE_HEADER"]["pattern"])
TREATMENT_COLUMN = re.compile(_F["TREATMENT_COLUMN"]["pattern"])
ALREADY = re.compile(_F["ALREADY"]["pattern"])
GROUP = re.compile(_F["GROUP"]["pattern"])
SEE_ANNEX = re.compile(_F["SEE_ANNEX"]["pattern"])

#: word printed -> repealed / invalid / amended / in_force
TREATMENTS: dict[str, str] = dict(_D["treatments"]["words"])
TREATMENT_WORD = re.compile(alternation(TREATMENTS))


def treatment(text: str) -> str | None:
    """What the treatment words of ``text`` do: one of repealed, invalid, amended, in_force;
    ``repealed`` for 废止 and 失效 printed together (宣布失效或废止); ``None`` when none is printed
    or when words that disagree are (继续有效 with 废止: a title naming every outcome)."""
    found = {TREATMENTS[m.group(0)] for m in TREATMENT_WORD.finditer(text)}
    if not found:
        return None
    if found <= {"repealed", "invalid"}:
        return "repealed" if "repealed" in found else "invalid"
    return found.pop() if len(found) == 1 else None
