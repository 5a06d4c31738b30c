"""The amendment vocabulary: targets and operations, as frozen dataclasses.

A ``Target`` names a unit of a regulation in its ORIGINAL numbering (章/节/条/款/项/目);
an ``Operation`` is one verb applied to one target. One numbered instruction of a
修改决定 yields one or more operations, in the order they are printed.

Actions (names shared with the gold ``gongbao.verify/1`` files):

=================== ===========================================================
replace             the target's text becomes ``text`` (paragraphs); ``position='lead'``: only the
                    paragraph's own text before its items (第一款第一自然段修改为)
insert              a new unit (``insert_unit``) numbered ``new_number`` with ``text``
delete              the target is removed
delete_chapter      a whole chapter is removed (its articles with it)
merge_chapter       a chapter's articles join chapter ``new_number``; its heading goes (将第三章并入第二章)
renumber            the target is renumbered to ``new_number`` (an explicit move)
merge               paragraphs ``merge_paragraphs`` of an article become one, ``text``
split               an article becomes ``len(new_numbers)`` articles, ``text``
replace_term        ``old_term`` -> ``new_term`` inside ``articles`` (empty: everywhere)
insert_term         ``new_term`` is inserted after (``position='after'``) or before ``old_term``;
                    with ``position='end'``/``'start'`` and no ``old_term`` it is added at the
                    end/start of the unit (在第一款最后增加“…”)
delete_term         ``old_term`` is deleted inside ``articles``
replace_heading     a chapter's or section's heading becomes ``text[0]``
replace_title       the regulation's title becomes ``text[0]``
repeal_regulation   the whole regulation ``regulation`` is repealed
group               chapter ``target.chapter`` (section ``target.section``, titled ``text[0]``) holds the
                    articles ``new_numbers[0]``..``new_numbers[1]`` of the NEW numbering (分为六节：第一节“…”，
                    包括第七条至第九条)
=================== ===========================================================
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

__all__ = ["ACTIONS", "LEVELS", "Operation", "Target"]

#: Levels of a target, outermost first.
LEVELS = ("chapter", "section", "article", "paragraph", "item", "subitem")

ACTIONS = frozenset(
    {
        "replace",
        "insert",
        "delete",
        "delete_chapter",
        "merge_chapter",
        "renumber",
        "merge",
        "split",
        "replace_term",
        "insert_term",
        "delete_term",
        "replace_heading",
        "replace_title",
        "repeal_regulation",
        "group",
    }
)

_LABELS = {"chapter": "章", "section": "节", "article": "条", "paragraph": "款", "item": "项", "subitem": "目"}


@dataclass(frozen=True, slots=True)
class Target:
    """A unit of a regulation: any prefix of chapter > section > article > paragraph > item > subitem.

    ``Target(article=15, paragraph=1)`` is 第十五条第一款. All fields ``None`` is the
    whole regulation. Numbers are 1-based as printed.
    """

    chapter: int | None = None
    section: int | None = None
    article: int | None = None
    paragraph: int | None = None
    item: int | None = None
    subitem: int | None = None
    sub: int | None = None  # 第十条之一: the article's 之N (an article inserted without renumbering)
    sentence: int | None = None  # 第二款第一句: a sentence (ended by 。！？) of the innermost unit

    @property
    def level(self) -> str | None:
        """The innermost level that is set (``"paragraph"`` for 第十五条第一款), or None."""
        for name in reversed(LEVELS):
            if getattr(self, name) is not None:
                return name
        return None

    def is_empty(self) -> bool:
        return self.level is None

    def with_(self, **kw: int | None) -> Target:
        """A copy with some levels changed."""
        return replace(self, **kw)

    def inherit(self, context: Target) -> Target:
        """Complete a relative target (第二款) with the outer levels of ``context`` (第十四条).

        Levels above this target's outermost set level are taken from ``context``;
        a target that already names an article (or a chapter) is returned unchanged.
        """
        if self.article is not None or self.chapter is not None or self.is_empty():
            return self
        out = {name: getattr(self, name) for name in LEVELS}
        first = next(i for i, n in enumerate(LEVELS) if out[n] is not None)
        for name in LEVELS[:first]:
            out[name] = getattr(context, name)
        return Target(**out, sub=context.sub if self.article is None else self.sub, sentence=self.sentence)

    def label(self) -> str:
        """The Chinese citation: 第十五条第一款第（二）项."""
        from gongbao.structure.numerals import int_to_cn

        parts = []
        for name in LEVELS:
            v = getattr(self, name)
            if v is None:
                continue
            if name == "item":
                parts.append(f"第（{int_to_cn(v)}）项")
            else:
                parts.append(f"第{int_to_cn(v)}{_LABELS[name]}")
            if name == "article" and self.sub:
                parts.append(f"之{int_to_cn(self.sub)}")
        if self.sentence is not None:
            parts.append(f"第{int_to_cn(self.sentence)}句")
        return "".join(parts) or "全文"

    def to_json(self) -> dict[str, int | None]:
        d: dict[str, int | None] = {
            "chapter": self.chapter,
            "article": self.article,
            "paragraph": self.paragraph,
            "item": self.item,
        }
        if self.section is not None:
            d["section"] = self.section
        if self.subitem is not None:
            d["subitem"] = self.subitem
        if self.sub is not None:
            d["sub"] = self.sub
        if self.sentence is not None:
            d["sentence"] = self.sentence
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any] | None) -> Target:
        d = d or {}
        return cls(**{k: d.get(k) for k in (*LEVELS, "sub", "sentence")})


@dataclass(frozen=True, slots=True)
class Operation:
    """One verb of an instruction, on targets in ORIGINAL numbering.

    Guarantees: ``action`` is in ``ACTIONS``; ``text`` paragraphs carry no “ ” quoting;
    ``n``/``part``/``id`` say which instruction produced it (``id`` is ``"7.2"``: the
    second operation of instruction 7).
    """

    action: str
    target: Target = field(default_factory=Target)
    new_number: Target | None = None
    text: tuple[str, ...] = ()
    insert_after: Target | None = None
    insert_unit: str | None = None
    merge_paragraphs: tuple[int, ...] = ()
    new_numbers: tuple[Target, ...] = ()
    old_term: str | None = None
    new_term: str | None = None
    position: str | None = None  # insert_term: "after" | "before" | "end" | "start"; replace: "lead"
    articles: tuple[Target, ...] = ()
    regulation: str | None = None
    occurrence: int | None = None  # term operations: only the k-th occurrence (中的第一处“甲”)
    n: int | None = None
    part: str | None = None
    id: str = ""
    raw: str = ""

    def __post_init__(self) -> None:
        if self.action not in ACTIONS:
            raise ValueError(f"unknown action {self.action!r}")

    def to_json(self) -> dict[str, Any]:
        """The ``gongbao.verify/1`` shape of an operation (only the fields that apply)."""
        d: dict[str, Any] = {"n": self.n, "action": self.action, "target": self.target.to_json()}
        if self.part is not None:
            d["part"] = self.part
        if self.regulation is not None:
            d["regulation"] = self.regulation
        if self.new_number is not None:
            d["new_number"] = self.new_number.to_json()
        if self.insert_after is not None:
            d["insert_after"] = self.insert_after.to_json()
        if self.insert_unit is not None:
            d["insert_unit"] = self.insert_unit
        if self.merge_paragraphs:
            d["merge_paragraphs"] = list(self.merge_paragraphs)
        if self.new_numbers:
            d["new_numbers"] = [t.to_json() for t in self.new_numbers]
        if self.text:
            d["text"] = list(self.text)
        if self.old_term is not None:
            d["old_term"] = self.old_term
        if self.new_term is not None:
            d["new_term"] = self.new_term
        if self.position is not None:
            d["position"] = self.position
        if self.occurrence is not None:
            d["occurrence"] = self.occurrence
        if self.action in ("replace_term", "insert_term", "delete_term"):
            d["articles"] = [t.to_json() for t in self.articles]
        d["id"] = self.id
        return d
