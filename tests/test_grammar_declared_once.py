"""The genre's label grammar is declared once, in ``gongbao.grammar`` (issue #10, item 4).

A hand-written numeral class inside a 第X条 / 第X章 / 第X节 / 第X编 pattern (``第[一二三…]+条``)
outside ``gongbao/grammar/`` is a new copy of the label grammar: import the form from
``gongbao.grammar.labels`` (or ``outline`` / ``lines``) instead, or add a named form there with a
printed example. ``KNOWN`` lists a file that may still hold one, with the reason (none today).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import gongbao

ROOT = Path(gongbao.__file__).parent

# 第 … a hand-written class of Chinese numerals (一二三 / 零〇) … a unit of a regulation.
_COPY = re.compile(r"第[^第]{0,40}(?:一二三|零〇|〇零)[^第]{0,40}[条章节编]")

#: file (relative to the package) -> why it still writes its own label pattern.
KNOWN: dict[str, str] = {}


def copies(root: Path = ROOT) -> list[str]:
    """``file:line`` of every string constant outside grammar/ that writes a 第X条-style pattern."""
    found: list[str] = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root)
        if rel.parts[0] == "grammar":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and _COPY.search(node.value):
                found.append(f"{rel.as_posix()}:{node.lineno}")
    return found


def test_no_new_copy_of_the_label_grammar() -> None:
    new = [c for c in copies() if c.split(":")[0] not in KNOWN]
    assert new == [], "label patterns written outside gongbao.grammar: use gongbao.grammar.labels"


def test_the_scan_finds_a_copy(tmp_path: Path) -> None:
    (tmp_path / "amend").mkdir()
    (tmp_path / "amend" / "x.py").write_text(
        'import re\nA = re.compile(r"^第([零〇一二两三四五六七八九十百千]+)条")\nB = f"第{3}条"\n', encoding="utf-8"
    )
    (tmp_path / "grammar").mkdir()
    (tmp_path / "grammar" / "y.py").write_text('A = r"第[一二三四五六七八九十]+章"\n', encoding="utf-8")
    assert copies(tmp_path) == ["amend/x.py:2"]
