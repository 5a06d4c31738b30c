"""Align two versions' articles by content: the same article is found wherever it was renumbered.

``align(old, new)`` takes the articles' texts in order and returns pairs of indices in order
(``None`` on one side for an article only the other version has). Equal texts pair first,
in order (a longest common subsequence of the normalised texts); equal texts left over pair
out of order (an article moved far); in the gaps between those anchors the remaining
articles pair by similarity (``SIMILAR`` or more of their characters in common), in order.
Cost: the common subsequence is linear in practice (``difflib`` on hashes); similarity is
computed only inside gaps, and a gap larger than ``MAX_GAP`` on both sides is paired by
position instead of by similarity (a bound, reported by ``Alignment.by_position``).
"""

from __future__ import annotations

import difflib
import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

__all__ = ["SIMILAR", "Alignment", "align", "normalise", "similarity"]

#: Two articles with at least this share of characters in common are the same article, changed.
SIMILAR = 0.5
MAX_GAP = 40

_PUNCT = re.compile(r"[\s，。；：、,.;:！？!?“”\"'‘’（）()《》〈〉<>【】\-—]")


def normalise(text: str) -> str:
    """Width-folded, without whitespace and punctuation: the text as compared for alignment."""
    return _PUNCT.sub("", unicodedata.normalize("NFKC", text))


def similarity(a: str, b: str) -> float:
    """Share of characters two normalised texts have in common (``difflib`` ratio, 0..1)."""
    if not a and not b:
        return 1.0
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if sm.real_quick_ratio() < SIMILAR or sm.quick_ratio() < SIMILAR:
        return sm.quick_ratio() if sm.real_quick_ratio() >= SIMILAR else sm.real_quick_ratio()
    return sm.ratio()


@dataclass(slots=True)
class Alignment:
    """Pairs of indices (old, new) in the new version's order; unpaired sides are ``None``."""

    pairs: list[tuple[int | None, int | None]]
    equal: set[tuple[int, int]] = field(default_factory=set)  # pairs whose normalised texts are equal
    by_position: int = 0  # gaps too large to compare, paired by position


def align(old: Sequence[str], new: Sequence[str], fixed: Sequence[tuple[int, int]] = ()) -> Alignment:
    """Align ``old`` and ``new`` article texts (see the module docstring).

    ``fixed`` pairs (the decision's article map, where it is known) are kept as given; the
    rest is aligned around them.
    """
    a = [normalise(t) for t in old]
    b = [normalise(t) for t in new]
    fa = {i for i, _ in fixed}
    fb = {j for _, j in fixed}
    # Fixed articles take no part in the common subsequence (unique placeholders never match).
    sm = difflib.SequenceMatcher(
        None,
        [t if i not in fa else f"\x00a{i}" for i, t in enumerate(a)],
        [t if j not in fb else f"\x00b{j}" for j, t in enumerate(b)],
        autojunk=False,
    )
    anchors: list[tuple[int, int]] = list(fixed)
    for blk in sm.get_matching_blocks():
        anchors.extend((blk.a + k, blk.b + k) for k in range(blk.size))
    equal = {(i, j) for i, j in anchors if a[i] == b[j]}
    # Equal texts left over: an article moved out of order.
    used_a = {i for i, _ in anchors}
    used_b = {j for _, j in anchors}
    free_b: dict[str, list[int]] = {}
    for j, t in enumerate(b):
        if j not in used_b and t:
            free_b.setdefault(t, []).append(j)
    moved: list[tuple[int, int]] = []
    for i, t in enumerate(a):
        if i not in used_a and free_b.get(t):
            j = free_b[t].pop(0)
            moved.append((i, j))
            used_a.add(i)
            used_b.add(j)
    equal |= set(moved)
    # Inside each gap between consecutive anchors, pair by similarity, in order.
    pairs: list[tuple[int, int]] = []
    by_position = 0
    bounds = [(-1, -1)]
    for i, j in sorted(anchors):
        if j > bounds[-1][1]:
            bounds.append((i, j))  # gaps lie between anchors in order on both sides
    bounds.append((len(a), len(b)))
    for (i0, j0), (i1, j1) in itertools.pairwise(bounds):
        gi = [i for i in range(i0 + 1, i1) if i not in used_a]
        gj = [j for j in range(j0 + 1, j1) if j not in used_b]
        if not gi or not gj:
            continue
        if len(gi) > MAX_GAP and len(gj) > MAX_GAP:
            by_position += 1
            pairs.extend(zip(gi, gj, strict=False))
            continue
        pairs.extend(_pair_gap(gi, gj, a, b))
    paired = [*anchors, *moved, *pairs]
    pa = {i for i, _ in paired}
    pb = {j for _, j in paired}
    ordered = sorted([*paired, *((-1, j) for j in range(len(b)) if j not in pb)], key=lambda p: p[1])
    result: list[tuple[int | None, int | None]] = [(i if i >= 0 else None, j) for i, j in ordered]
    for i in (i for i in range(len(a)) if i not in pa):
        # An old article with no partner goes after the partner of the old article before it.
        before = [k for k, p in enumerate(result) if p[0] is not None and p[0] < i]
        result.insert((before[-1] + 1) if before else 0, (i, None))
    return Alignment(result, equal, by_position)


def _pair_gap(gi: list[int], gj: list[int], a: list[str], b: list[str]) -> list[tuple[int, int]]:
    """Pair the articles of a gap by similarity, keeping their order (a small dynamic programme)."""
    n, m = len(gi), len(gj)
    score = [[similarity(a[i], b[j]) for j in gj] for i in gi]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for x in range(n - 1, -1, -1):
        for y in range(m - 1, -1, -1):
            take = score[x][y] + best[x + 1][y + 1] if score[x][y] >= SIMILAR else -1.0
            best[x][y] = max(take, best[x + 1][y], best[x][y + 1])
    out: list[tuple[int, int]] = []
    x = y = 0
    while x < n and y < m:
        if score[x][y] >= SIMILAR and best[x][y] == score[x][y] + best[x + 1][y + 1]:
            out.append((gi[x], gj[y]))
            x += 1
            y += 1
        elif best[x][y] == best[x + 1][y]:
            x += 1
        else:
            y += 1
    return out
