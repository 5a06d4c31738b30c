"""Old -> new numbering: slot assignment and the article map of a decision.

Renumbering follows one rule for the engine and for verification: units pinned by the
decision (将第十三条改为第十条, 增加一条，作为第十四条) take their printed number; every
other surviving unit keeps its order and fills the remaining numbers from 1 upwards
(implicit renumbering after deletions and insertions). Explicit moves that break the
order (the general clause 对条文顺序作相应调整) are pins like any other.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from gongbao.amend.ops import Operation
from gongbao.errors import InstructionError

__all__ = ["ArticleMap", "assign_slots", "infer_article_map"]

K = TypeVar("K", bound=Hashable)


def assign_slots(sequence: Sequence[K], pins: Mapping[K, int]) -> dict[K, int]:
    """Number the units of ``sequence`` 1..len(sequence), honouring ``pins``.

    ``sequence`` is every unit of the new version in its natural order; ``pins`` maps
    some of them to fixed numbers. Unpinned units fill the free numbers in order.
    Guarantees a bijection onto 1..len(sequence). Raises ``InstructionError`` when two
    pins share a number or a pin lies outside the range.
    """
    total = len(sequence)
    taken: dict[int, K] = {}
    for key, slot in pins.items():
        if slot < 1 or slot > total:
            raise InstructionError(f"new number {slot} outside 1..{total}")
        if slot in taken and taken[slot] != key:
            raise InstructionError(f"two units renumbered to {slot}")
        taken[slot] = key
    free = (s for s in range(1, total + 1) if s not in taken)
    out: dict[K, int] = {}
    for key in sequence:
        out[key] = pins[key] if key in pins else next(free)
    return out


@dataclass(slots=True)
class ArticleMap:
    """The old -> new article map of one regulation under one decision.

    ``pairs`` holds ``(old, new or None)`` for every original article 1..``original_count``;
    ``inserted`` the new numbers of articles the decision adds; ``inferred`` says what
    had to be inferred rather than read (e.g. the articles of a deleted chapter).
    """

    pairs: list[tuple[int, int | None]]
    original_count: int
    inserted: list[int] = field(default_factory=list)
    deleted_chapters: dict[int, list[int]] = field(default_factory=dict)
    inferred: list[str] = field(default_factory=list)

    def new(self, old: int) -> int | None:
        for a, b in self.pairs:
            if a == old:
                return b
        return None

    def old(self, new: int) -> int | None:
        for a, b in self.pairs:
            if b == new:
                return a
        return None

    def to_json(self) -> list[list[int | None]]:
        return [[a, b] for a, b in self.pairs]


def _sequence(
    n_orig: int, deleted: set[int], inserts: list[tuple[int | None, int | None]]
) -> tuple[list[Hashable], dict[Hashable, int]]:
    """Units of the new version in natural order, and pins for inserted articles.

    ``inserts`` holds ``(new_number, insert_after_old)``; an insertion anchored after an
    old article follows it, one with only a new number is pinned to it.
    """
    anchored: dict[int, list[Hashable]] = {}
    pins: dict[Hashable, int] = {}
    floating: list[Hashable] = []
    for k, (new, after) in enumerate(inserts):
        key = ("ins", k)
        if new is not None:
            pins[key] = new
        if after is not None:
            anchored.setdefault(after, []).append(key)
        else:
            floating.append(key)
    seq: list[Hashable] = list(anchored.get(0, []))
    for a in range(1, n_orig + 1):
        if a not in deleted:
            seq.append(a)
        seq.extend(anchored.get(a, []))
    seq.extend(floating)
    return seq, pins


def infer_article_map(
    ops: Sequence[Operation],
    new_count: int | None = None,
    *,
    original_count: int | None = None,
    chapter_last_new: dict[int, int] | None = None,
) -> ArticleMap:
    """The old -> new article map implied by a decision's operations on one regulation.

    Takes the operations, and either ``original_count`` (when the base text is known) or
    ``new_count`` (the number of articles of the republished text). For a deleted
    chapter whose articles the decision does not list, ``chapter_last_new`` (chapter
    number in the new version -> its last article there) locates where the chapter
    began; its size is chosen so that implicit renumbering agrees with as many of the
    decision's explicit renumberings as possible, and this is recorded in ``inferred``.
    Raises ``InstructionError`` when neither count is given or the pins contradict.
    """
    deleted: set[int] = set()
    del_chapters: list[int] = []
    pins_old: dict[int, int] = {}
    inserts: list[tuple[int | None, int | None]] = []
    merged_into: dict[int, int] = {}
    max_ref = 0
    for op in ops:
        t = op.target
        if t.article is not None:
            max_ref = max(max_ref, t.article)
        # t.level == "article" means t.article is set (the innermost set level).
        if op.action == "delete" and t.level == "article":
            assert t.article is not None
            deleted.add(t.article)
        elif op.action == "delete_chapter" and t.chapter is not None:
            del_chapters.append(t.chapter)
        elif op.action == "renumber" and t.level == "article" and op.new_number and op.new_number.article:
            assert t.article is not None
            pins_old[t.article] = op.new_number.article
        elif op.action == "renumber" and t.level == "paragraph" and op.new_number and op.new_number.level == "article":
            # 将第二款改为第十九条: a paragraph becomes an article of its own.
            inserts.append((op.new_number.article, t.article))
        elif op.action == "insert" and op.insert_unit == "article" and op.new_number and op.new_number.sub:
            pass  # 增加一条，作为第一百三十三条之二: no article moves
        elif op.action == "insert" and op.insert_unit == "article":
            new = op.new_number.article if op.new_number else None
            after = op.insert_after.article if op.insert_after else None
            inserts.append((new, after))
        elif op.action == "split" and t.article is not None:
            news = [x.article for x in op.new_numbers]
            if news and news[0] is not None:
                pins_old.setdefault(t.article, news[0])
            for k, new in enumerate(news[1:]):
                inserts.append((new, t.article if k == 0 else None))
        elif op.action == "merge" and t.level == "article" and op.articles:
            assert t.article is not None
            for other in op.articles[1:]:
                if other.article is not None:
                    deleted.add(other.article)
                    merged_into[other.article] = t.article
            if op.new_number and op.new_number.article:
                pins_old[t.article] = op.new_number.article
        for other in op.articles:
            if other.article is not None:
                max_ref = max(max_ref, other.article)

    inferred: list[str] = []
    chapter_members: dict[int, list[int]] = {}

    def build(n_orig: int, dels: set[int]) -> dict[int, int | None]:
        seq, pins = _sequence(n_orig, dels, inserts)
        for old, new in pins_old.items():
            if old in dels:
                raise InstructionError(f"article {old} is both deleted and renumbered")
            pins[old] = new
        slots = assign_slots(seq, pins)
        return {a: (None if a in dels else slots[a]) for a in range(1, n_orig + 1)}

    def natural(n_orig: int, dels: set[int]) -> dict[int, int]:
        seq, pins = _sequence(n_orig, dels, inserts)
        slots = assign_slots(seq, pins)
        return {a: slots[a] for a in range(1, n_orig + 1) if a not in dels}

    if original_count is None and new_count is None:
        raise InstructionError("the article map needs the original or the new article count")
    if del_chapters and original_count is None:
        assert new_count is not None
        for ch in sorted(del_chapters):
            base_n = new_count - len(inserts) + len(deleted)
            # Where the chapter began: after the old article that became the last one of
            # the chapter before it (chapters before a deleted one keep their numbers).
            start = 1
            if chapter_last_new and ch - 1 in chapter_last_new:
                last_new = chapter_last_new[ch - 1]
                m0 = natural(max(base_n, max_ref), deleted)
                olds = [a for a, b in m0.items() if b <= last_new]
                start = max(olds) + 1 if olds else 1
            best: tuple[int, int] | None = None
            for k in range(0, max(new_count, 1) + 1):
                members = set(range(start, start + k))
                if members & set(pins_old):
                    break
                n_orig = base_n + k
                if n_orig < max_ref:
                    continue
                trial = natural(n_orig, deleted | members)
                agree = sum(1 for a, b in pins_old.items() if trial.get(a) == b)
                if best is None or agree > best[0]:
                    best = (agree, k)
            if best is None:
                raise InstructionError(f"cannot infer the articles of deleted chapter {ch}")
            k = best[1]
            held = list(range(start, start + k))
            chapter_members[ch] = held
            deleted |= set(held)
            inferred.append(
                f"第{ch}章 held articles {held[0]}-{held[-1]} (inferred)" if held else f"第{ch}章 held no article"
            )
        n_orig = new_count - len(inserts) + len(deleted)
    elif original_count is not None:
        n_orig = original_count
    else:
        assert new_count is not None
        n_orig = new_count - len(inserts) + len(deleted)
    if n_orig < max_ref:
        raise InstructionError(f"the decision names article {max_ref} but the regulation had {n_orig}")
    if original_count is None:
        inferred.append(f"original article count {n_orig} (inferred)")
    m = build(n_orig, deleted)
    for gone, into in merged_into.items():
        # A merged-away article lives on in the article it was merged into.
        m[gone] = m.get(into)
        inferred.append(f"article {gone} merged into article {into}")
    inserted = sorted(x for x, _ in inserts if x is not None)
    return ArticleMap(sorted(m.items()), n_orig, inserted, chapter_members, inferred)
