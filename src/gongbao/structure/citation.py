"""Chinese citations of units of a body tree: 第十五条第一款第（二）项, 二、（三）1.

``parse_citation`` reads a citation into a ``Citation``; ``format_citation`` prints the
citation of a node (given its path from the root); ``resolve`` finds the node a
citation or an eId names.

The printed form follows how Chinese instruments cite themselves and the store's
``citation`` column: the 款 is named only when the article has more than one
paragraph (第二十九条第（三）项); items are cited with their brackets (第（三）项);
subitems as 第1目; outline units by the chain of their labels (二、（三）1.).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from gongbao.errors import CitationError
from gongbao.grammar import labels as L
from gongbao.model import Node
from gongbao.structure import patterns as P
from gongbao.structure.numerals import cn_to_int, int_to_cn

__all__ = ["Citation", "format_citation", "outline_label", "parse_citation", "path_to", "resolve"]

_PARTS = L.CITATION_PARTS


@dataclass(frozen=True, slots=True)
class Citation:
    """A parsed citation. Regulation units by number; ``outline`` is a chain of
    (level 1..5, number) for plans (二、（三）1. -> ((1, 2), (2, 3), (3, 1)))."""

    part: int | None = None
    chapter: int | None = None
    section: int | None = None
    article: int | None = None
    paragraph: int | None = None
    item: int | None = None
    subitem: int | None = None
    outline: tuple[tuple[int, int], ...] = ()
    article_sub: int | None = None  # 之一 of 第十五条之一
    subpart: int | None = None  # 分编 of a 编: 第三编第二分编

    def __str__(self) -> str:
        out = []
        if self.outline:
            return "".join(outline_label(level, n) for level, n in self.outline)
        for name, unit in (
            ("part", "编"),
            ("subpart", "分编"),
            ("chapter", "章"),
            ("section", "节"),
            ("article", "条"),
            ("paragraph", "款"),
        ):
            v = getattr(self, name)
            if v is not None:
                out.append(f"第{int_to_cn(v)}{unit}")
                if name == "article" and self.article_sub is not None:
                    out.append(f"之{int_to_cn(self.article_sub)}")
        if self.item is not None:
            out.append(f"第（{int_to_cn(self.item)}）项")
        if self.subitem is not None:
            out.append(f"第{self.subitem}目")
        return "".join(out)


def outline_label(level: int, n: int) -> str:
    """The printed label of outline level 1..5 numbered ``n``: 一、 （一） 1. （1） ①."""
    if level == 1:
        return f"{int_to_cn(n)}、"
    if level == 2:
        return f"（{int_to_cn(n)}）"
    if level == 3:
        return f"{n}."
    if level == 4:
        return f"（{n}）"
    return chr(0x2460 + n - 1) if 1 <= n <= 20 else f"({n})"


def parse_citation(text: str) -> Citation:
    """Read a citation: 第十五条, 第十五条第一款, 第十五条第（二）项, 第十五条第一款第（二）项,
    第三章第二节, 第十五条之一, …第1目 (numbers Chinese or Arabic), or an outline chain
    二、（三）1.（1）; a leading 《…》 or 本办法 is ignored.

    Returns a ``Citation``. Raises ``CitationError`` when ``text`` is not a citation.
    """
    s = "".join(text.split())
    # 《某某办法》第十五条 / 本办法第十五条: the instrument is named by the caller
    s = re.sub(r"^(?:《[^》]*》|本(?:办法|条例|规定|细则|法|决定|方案|预案))", "", s)
    if not s:
        raise CitationError(f"empty citation: {text!r}")
    if not s.startswith("第"):
        return _parse_outline(s, text)
    values: dict[str, int] = {}
    pos = 0
    last = -1
    while pos < len(s):
        for k, (name, rx) in enumerate(_PARTS):
            m = rx.match(s, pos)
            if m:
                if k <= last:
                    raise CitationError(f"units out of order in citation: {text}")
                try:
                    values[name] = cn_to_int(m.group(1))
                    if name == "article" and m.group(2):
                        values["article_sub"] = cn_to_int(m.group(2))
                except ValueError as e:
                    raise CitationError(f"bad number in citation: {text}") from e
                last = k
                pos = m.end()
                break
        else:
            raise CitationError(f"not a citation: {text} (cannot read from {s[pos:]!r})")
    return Citation(
        part=values.get("part"),
        subpart=values.get("subpart"),
        chapter=values.get("chapter"),
        section=values.get("section"),
        article=values.get("article"),
        paragraph=values.get("paragraph"),
        item=values.get("item"),
        subitem=values.get("subitem"),
        article_sub=values.get("article_sub"),
    )


_DECIMAL_CITATION = L.DECIMAL_CITATION


def _parse_outline(s: str, text: str) -> Citation:
    chain: list[tuple[int, int]] = []
    dm = _DECIMAL_CITATION.fullmatch(s)
    if dm and not re.search(r"[.．、]$", s):
        # 1.1.2 (decimal numbering, each level printed): levels below any 一、（一） prefix
        base = _parse_outline(dm.group("prefix"), text).outline if dm.group("prefix") else ()
        nums = [int(x) for x in re.split(r"[.．]", dm.group("num"))]
        return Citation(outline=(*base, *((len(base) + i + 1, n) for i, n in enumerate(nums))))
    pos = 0
    while pos < len(s):
        lab = P.outline_label(s[pos:])
        if lab is None:
            raise CitationError(f"not a citation: {text}")
        chain.append((int(lab.level[1]), lab.number))
        pos += lab.end
    return Citation(outline=tuple(chain))


def path_to(root: Node, target: Node) -> list[Node]:
    """The nodes from ``root`` down to ``target`` (both included); [] if absent."""
    stack: list[tuple[Node, list[Node]]] = [(root, [root])]
    while stack:
        node, path = stack.pop()
        if node is target:
            return path
        for child in reversed(node.children):
            stack.append((child, [*path, child]))
    return []


def format_citation(path: Sequence[Node]) -> str | None:
    """The Chinese citation of the last node of ``path`` (a root-to-node path).

    第十五条第一款第（二）项 for regulation units (款 named only when the article has more
    than one paragraph), 第三章第二节 for chapters and sections, 二、（三）1. for outline
    units; ``None`` for parts that are not cited (header, signature, preamble…).
    """
    if not path:
        return None
    out: list[str] = []
    outline: list[str] = []
    article: Node | None = None
    for node in path:
        k = node.kind
        if k in ("part", "subpart", "chapter", "section"):
            if article is None and node.label:
                out.append(node.label)
        elif k == "article":
            article = node
            out = [node.label or f"第{int_to_cn(node.number or 0)}条"]
        elif k == "paragraph" and article is not None:
            paras = [c for c in article.children if c.kind == "paragraph"]
            if len(paras) > 1:
                out.append(f"第{int_to_cn(paras.index(node) + 1)}款")
        elif k == "item" and article is not None:
            out.append(f"第{_bracketed(node)}项")
        elif k == "subitem" and article is not None:
            out.append(f"第{node.number}目")
        elif k.startswith("heading") or k == "instruction":
            if node.attrs.get("numbering") == "decimal":
                # 1.1.2 names its whole path: it replaces the decimal labels above it
                while outline and re.fullmatch(r"\d+(?:[.．]\d+)*", outline[-1]):
                    outline.pop()
            outline.append(node.label or "")
    last = path[-1].kind
    if outline and (last == "paragraph" or last.startswith("heading") or last == "instruction"):
        return "".join(outline)
    if last in ("part", "subpart", "chapter", "section", "article", "paragraph", "item", "subitem") and out:
        return "".join(out)
    return None


def _bracketed(node: Node) -> str:
    label = (node.label or "").strip()
    if label.startswith(("（", "(")):
        return "（" + label.strip("（()）") + "）"
    if label[:1].isdigit():
        return str(node.number or 0)  # items printed 1. 2. are cited 第1项
    return f"（{int_to_cn(node.number or 0)}）"


def resolve(root: Node, citation: Citation | str) -> Node:
    """The node of ``root``'s tree that ``citation`` (a ``Citation``, its text, or an
    eId) names. Raises ``CitationError`` naming the first unit that was not found."""
    if isinstance(citation, str):
        hit = root.find(citation.strip()) if citation.strip() else None
        if hit is not None and hit is not root:
            return hit
        if re.fullmatch(r"[a-z][a-z0-9_\-]*", citation.strip()):
            raise CitationError(f"no node with eId {citation.strip()}")
        annex = _annex(root, citation)
        if annex is not None:
            return annex
        citation = parse_citation(citation)
    if citation.outline:
        return _resolve_outline(root, citation)
    scope = root
    found = ""
    for name, unit in (("part", "编"), ("subpart", "分编"), ("chapter", "章"), ("section", "节")):
        n = getattr(citation, name)
        if n is None:
            continue
        hits = [x for x in scope.walk() if x.kind == name and x.number == n]
        found += f"第{int_to_cn(n)}{unit}"
        if not hits:
            raise CitationError(f"{found} not found")
        if len(hits) > 1:
            # 民法典 numbers its 章 afresh in each 编: 第一章 alone names none of them
            raise CitationError(f"{found} is ambiguous: {len(hits)} units are so numbered; name the one above it")
        scope = hits[0]
    if citation.article is None:
        if scope is root:
            raise CitationError(f"empty citation: {citation}")
        return scope
    article = next(
        (
            n
            for n in scope.walk()
            if n.kind == "article" and n.number == citation.article and n.attrs.get("sub") == citation.article_sub
        ),
        None,
    )
    found += f"第{int_to_cn(citation.article)}条" + (
        f"之{int_to_cn(citation.article_sub)}" if citation.article_sub else ""
    )
    if article is None:
        raise CitationError(f"{found} not found")
    node = article
    paras = [c for c in article.children if c.kind == "paragraph"]
    if citation.paragraph is not None:
        if not 1 <= citation.paragraph <= len(paras):
            raise CitationError(f"{found}第{int_to_cn(citation.paragraph)}款 not found ({found} has {len(paras)} 款)")
        found += f"第{int_to_cn(citation.paragraph)}款"
        node = paras[citation.paragraph - 1]
        paras = [node]
    if citation.item is not None:
        items = [c for p in paras for c in p.children if c.kind == "item" and c.number == citation.item]
        found += f"第（{int_to_cn(citation.item)}）项"
        if len(items) > 1:
            # 第（三）项 names a （三）; a 3. of a list in another 款 is not it
            items = [c for c in items if (c.label or "")[:1] in "（("] or items
        if not items:
            raise CitationError(f"{found} not found")
        if len(items) > 1:
            raise CitationError(
                f"{found} is ambiguous: more than one 款 of {found[: found.rfind('第（')]} has it; cite its 款"
            )
        node = items[0]
    if citation.subitem is not None:
        sub = next((c for c in node.children if c.kind == "subitem" and c.number == citation.subitem), None)
        found += f"第{citation.subitem}目"
        if sub is None or citation.item is None:
            raise CitationError(f"{found} not found")
        node = sub
    return node


def _annex(root: Node, citation: str) -> Node | None:
    """The annex printed with the label ``citation`` (附表一, 附件2, 个人所得税税率表一), its
    title after it or not (附表二应税污染物和当量值表); None when no annex is so labelled."""
    want = "".join(citation.split())
    if not want.startswith("附") and "表" not in want:
        return None  # (a citation of a unit: 第十五条, 二、（三）)
    for node in root.walk():
        if node.kind == "annex" and node.label:
            label = "".join(node.label.split())
            if want == label or want == label + (node.heading or ""):
                return node
    return None


def _level(node: Node) -> int | None:
    if node.kind.startswith("heading"):
        return int(node.kind[-1])
    if node.kind == "instruction":
        lab = P.outline_label(node.label or "")
        return int(lab.level[1]) if lab else None
    return None


def _resolve_outline(root: Node, citation: Citation) -> Node:
    from gongbao.structure import instrument_of

    scope = instrument_of(root)
    found = ""
    for level, n in citation.outline:
        found += outline_label(level, n)
        hit = next((c for c in scope.children if _level(c) == level and c.number == n), None)
        if hit is None:
            raise CitationError(f"{found} not found")
        scope = hit
    return scope
