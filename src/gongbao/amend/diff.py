"""Two versions side by side, aligned by the article map, with character-level changes.

``diff_versions(old, new, ops)`` pairs each old article with the new article it became
(by content, and by the decision's article map when operations are given) and marks
the characters that changed: ``[-deleted-]`` and ``{+inserted+}``.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from gongbao.amend.align import align
from gongbao.amend.mapping import infer_article_map
from gongbao.amend.ops import Operation
from gongbao.amend.regtext import Regulation, fold
from gongbao.structure.numerals import int_to_cn

__all__ = ["DiffRow", "diff_versions", "mark_changes", "render_diff"]


@dataclass(slots=True)
class DiffRow:
    """One aligned pair: old article (or None when added), new article (or None when deleted)."""

    old: int | None
    new: int | None
    old_text: str
    new_text: str
    status: str  # same, changed, moved, added, deleted, merged (into ``new``)
    old_sub: int | None = None  # 第十七条之一: 1
    new_sub: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "old": self.old,
            "new": self.new,
            "old_sub": self.old_sub,
            "new_sub": self.new_sub,
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

    With the decision's ``ops`` the alignment follows its article map (moves, merges and
    deletions as the decision states them); without them, articles are aligned by content
    (``align``): an article renumbered but unchanged is ``moved``, not ``changed``. Statuses:
    ``same`` (same text, same number), ``moved`` (same text, new number), ``changed``,
    ``added``, ``deleted``, ``merged`` (into the article ``new``; its text is shown there). Texts are compared width-folded without whitespace. Rows come in
    the new version's order, a deleted article after the one that preceded it.
    """
    olds = list(old.articles)
    news = list(new.articles)
    fixed: list[tuple[int, int]] = []
    merged: dict[int, int] = {}  # old index -> new number it was merged into
    if ops:
        # The decision's article map (the engine applies the decision to ``old``): an old article
        # goes where the decision sends it; a second one sent to the same article was merged into it.
        index_old = {a.number: k for k, a in enumerate(olds) if not a.sub}
        index_new = {a.number: k for k, a in enumerate(news) if not a.sub}
        taken: set[int] = set()
        for o, nw in _article_map(old, ops):
            i, j = index_old.get(o), index_new.get(nw) if nw is not None else None
            if i is None or j is None:
                continue
            if j in taken:
                merged[i] = news[j].number or 0
                continue
            fixed.append((i, j))
            taken.add(j)
    pairs = align([a.text() for a in olds], [a.text() for a in news], fixed).pairs
    rows: list[DiffRow] = []
    for i, j in pairs:
        oa = olds[i] if i is not None else None
        na = news[j] if j is not None else None
        ot = oa.text() if oa else ""
        nt = na.text() if na else ""
        if na is None and i is not None and i in merged:
            rows.append(DiffRow(oa.number if oa else None, merged[i], ot, "", "merged"))
            continue
        if na is None:
            status = "deleted"
        elif oa is None:
            status = "added"
        elif fold(ot) == fold(nt):
            status = "same" if oa.number == na.number and oa.sub == na.sub else "moved"
        else:
            status = "changed"
        rows.append(
            DiffRow(
                oa.number if oa else None,
                na.number if na else None,
                ot,
                nt,
                status,
                oa.sub if oa else None,
                na.sub if na else None,
            )
        )
    return rows


def _article_map(old: Regulation, ops: Sequence[Operation]) -> list[tuple[int, int | None]]:
    """Old -> new article numbers: the engine's (it applies the decision), else the one inferred."""
    from gongbao.amend.engine import apply
    from gongbao.errors import InstructionError

    try:
        return apply(old, ops).article_map
    except InstructionError:
        try:
            return infer_article_map(ops, original_count=len(old.articles)).pairs
        except InstructionError:
            return []


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


def _label(n: int, sub: int | None) -> str:
    return f"第{int_to_cn(n)}条" + (f"之{int_to_cn(sub)}" if sub else "")


def render_diff(rows: Sequence[DiffRow], *, fmt: str = "text", width: int = 40) -> str:
    """Print aligned rows: two columns in text, a table in Markdown; changes marked in the new column."""
    out: list[str] = []
    if fmt == "md":
        out.append("| 原条文 | 新条文 | 变化 |")
        out.append("|---|---|---|")
        for r in rows:
            left = f"{_label(r.old, r.old_sub)} " if r.old else ""
            right = f"{_label(r.new, r.new_sub)} " if r.new else ""
            cell = mark_changes(r.old_text, r.new_text) if r.status == "changed" else r.new_text
            out.append(
                f"| {left}{r.old_text.replace(chr(10), '<br>')} | {right}{cell.replace(chr(10), '<br>')} | {r.status} |"
            )
        return "\n".join(out) + "\n"
    for r in rows:
        head_l = _label(r.old, r.old_sub) if r.old else "(新增)"
        head_r = _label(r.new, r.new_sub) if r.new else "(删除)"
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
