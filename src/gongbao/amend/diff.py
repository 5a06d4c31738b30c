"""Two versions side by side, aligned by the article map, with character-level changes.

``diff_versions(old, new, ops)`` pairs each old article with the new article it became
(by the decision's article map when operations are given, else by number) and marks
the characters that changed: ``[-deleted-]`` and ``{+inserted+}``.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from gongbao.amend.mapping import infer_article_map
from gongbao.amend.ops import Operation
from gongbao.amend.regtext import Regulation
from gongbao.structure.numerals import int_to_cn

__all__ = ["DiffRow", "diff_versions", "mark_changes", "render_diff"]


@dataclass(slots=True)
class DiffRow:
    """One aligned pair: old article (or None when added), new article (or None when deleted)."""

    old: int | None
    new: int | None
    old_text: str
    new_text: str
    status: str  # same, changed, moved, added, deleted

    def to_json(self) -> dict[str, Any]:
        return {
            "old": self.old,
            "new": self.new,
            "status": self.status,
            "old_text": self.old_text,
            "new_text": self.new_text,
            "marked": mark_changes(self.old_text, self.new_text),
        }


def mark_changes(old: str, new: str) -> str:
    """The new text with deletions as ``[-…-]`` and insertions as ``{+…+}`` (character level)."""
    out: list[str] = []
    sm = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            out.append(old[i1:i2])
            continue
        if i2 > i1:
            out.append(f"[-{old[i1:i2]}-]")
        if j2 > j1:
            out.append(f"{{+{new[j1:j2]}+}}")
    return "".join(out)


def diff_versions(old: Regulation, new: Regulation, ops: Sequence[Operation] | None = None) -> list[DiffRow]:
    """Align ``old`` and ``new`` article by article.

    With the decision's ``ops`` the alignment follows the article map (moves and
    deletions known); without them, articles are paired by number. Returns rows in the
    new version's order, deleted articles placed after their predecessor.
    """
    if ops:
        amap = infer_article_map(ops, original_count=len(old.articles))
        pairs = amap.pairs
    else:
        n = max(len(old.articles), len(new.articles))
        pairs = [(k, k if k <= len(new.articles) else None) for k in range(1, len(old.articles) + 1)]
        del n
    seen_new: set[int] = set()
    rows: list[DiffRow] = []
    for o, nw in pairs:
        oa = old.article(o)
        na = new.article(nw) if nw is not None else None
        ot = oa.text() if oa else ""
        nt = na.text() if na else ""
        if na is None:
            status = "deleted"
        elif ot == nt:
            status = "same" if o == nw else "moved"
        else:
            status = "changed"
        if nw is not None:
            seen_new.add(nw)
        rows.append(DiffRow(o, nw, ot, nt, status))
    for a in new.articles:
        if a.number is not None and a.number not in seen_new:
            rows.append(DiffRow(None, a.number, "", a.text(), "added"))
    rows.sort(key=lambda r: (r.new if r.new is not None else _after(r, rows), r.new is None))
    return rows


def _after(row: DiffRow, rows: list[DiffRow]) -> float:
    prev = [r.new for r in rows if r.old is not None and row.old is not None and r.old < row.old and r.new is not None]
    return (max(prev) if prev else 0) + 0.5


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _wrap(s: str, width: int) -> list[str]:
    lines: list[str] = []
    for para in s.split("\n") or [""]:
        cur = ""
        for ch in para:
            if _width(cur + ch) > width:
                lines.append(cur)
                cur = ""
            cur += ch
        lines.append(cur)
    return lines


def render_diff(rows: Sequence[DiffRow], *, fmt: str = "text", width: int = 40) -> str:
    """Print aligned rows: two columns in text, a table in Markdown; changes marked in the new column."""
    out: list[str] = []
    if fmt == "md":
        out.append("| 原条文 | 新条文 | 变化 |")
        out.append("|---|---|---|")
        for r in rows:
            left = f"第{int_to_cn(r.old)}条 " if r.old else ""
            right = f"第{int_to_cn(r.new)}条 " if r.new else ""
            cell = mark_changes(r.old_text, r.new_text) if r.status == "changed" else r.new_text
            out.append(
                f"| {left}{r.old_text.replace(chr(10), '<br>')} | {right}{cell.replace(chr(10), '<br>')} | {r.status} |"
            )
        return "\n".join(out) + "\n"
    for r in rows:
        head_l = f"第{int_to_cn(r.old)}条" if r.old else "(新增)"
        head_r = f"第{int_to_cn(r.new)}条" if r.new else "(删除)"
        right = mark_changes(r.old_text, r.new_text) if r.status == "changed" else r.new_text
        left_lines = _wrap(r.old_text, width)
        right_lines = _wrap(right, width)
        out.append(f"{head_l}{' ' * max(1, width - _width(head_l))} | {head_r}  [{r.status}]")
        for k in range(max(len(left_lines), len(right_lines))):
            lt = left_lines[k] if k < len(left_lines) else ""
            rt = right_lines[k] if k < len(right_lines) else ""
            out.append(f"{lt}{' ' * max(0, width - _width(lt))} | {rt}")
        out.append("")
    return "\n".join(out)
