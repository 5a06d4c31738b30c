"""structure stage: a document's text -> its body tree of ``Node``s with eIds.

Entry points: ``parse_structure(text)`` builds the tree, ``count_units(root)`` counts
the chapters, articles and top-level sections of the instrument a document carries.
Citations (第十五条第一款第（二）项) are in ``gongbao.structure.citation``; Chinese
numerals in ``gongbao.structure.numerals``.
"""

from __future__ import annotations

from collections.abc import Iterator

from gongbao.model import Node
from gongbao.structure.parser import parse_structure

__all__ = ["count_units", "display_text", "instrument_of", "numbering_gaps", "own_display", "parse_structure"]


def instrument_of(root: Node) -> Node:
    """The node holding the instrument a document carries: the issued or promulgated
    instrument of a 印发 notice or a 令 (printed after the cover, or as the first 附件
    of a notice whose letterhead says 印发), else the document root itself."""
    for child in root.children:
        if child.kind == "instrument":
            return child
    # A notice that prints what it issues as 附件 (印发…的通知 + 附件 + the instrument)
    header = next((c for c in root.children if c.kind == "header"), None)
    if header is not None and "印发" in header.text:
        annex = next((c for c in root.children if c.kind == "annex"), None)
        if annex is not None:
            return annex
    return root


def count_units(root: Node) -> dict[str, int]:
    """Counts of the instrument's units: ``{"chapters", "articles", "top_sections"}``.

    ``top_sections`` counts the 一、-level outline headings (for a 令 promulgating a
    decision, the decision's 一、二、三、). Attached texts (附件1 …) are not counted.
    """
    scope = instrument_of(root)
    counts = {"chapters": 0, "articles": 0, "top_sections": 0}
    for node in _walk_skipping_annexes(scope) if scope.kind != "annex" else scope.walk():
        if node.kind == "chapter":
            counts["chapters"] += 1
        elif node.kind == "article":
            counts["articles"] += 1
        elif node.kind == "heading1" or (
            node.kind == "instruction" and (node.label or "").endswith("、") and _is_cn(node.label)
        ):
            counts["top_sections"] += 1
    return counts


def numbering_gaps(root: Node) -> list[str]:
    """Chapters and articles of the instrument whose numbers skip (第二章 followed by 第四章,
    第五条 by 第七条) or go back without restarting at 一, and top outline items that skip ahead
    (十五、 after 二、, marked by the parser): the mark of a heading lost in the
    source or of a page missing from the copy. A new run from 第一条 (a second attached
    instrument) and 第X条之一 are not gaps."""
    scope = instrument_of(root)
    out: list[str] = []
    last: dict[str, Node] = {}
    for node in _walk_skipping_annexes(scope) if scope.kind != "annex" else scope.walk():
        if "numbering_gap" in node.attrs:  # an outline item that skipped (十五、 after 二、)
            out.append(str(node.attrs["numbering_gap"]))
            continue
        if node.kind not in ("chapter", "article") or node.number is None or "之" in (node.label or ""):
            continue
        prev = last.get(node.kind)
        if prev is not None and prev.number is not None and node.number not in (prev.number + 1, 1):
            out.append(f"{node.label} follows {prev.label}")
        last[node.kind] = node
    return out


def _walk_skipping_annexes(node: Node) -> Iterator[Node]:
    """``node`` and its descendants in pre-order, without annexes and what is under them
    (an explicit stack: a recursive generator costs a resume per level for every node)."""
    yield node
    stack = node.children[::-1]
    while stack:
        n = stack.pop()
        if n.kind == "annex":
            continue
        yield n
        if n.children:
            stack.extend(reversed(n.children))


def _is_cn(label: str | None) -> bool:
    return bool(label and not label[0].isdigit())


_ONE_PARAGRAPH = frozenset({"paragraph", "item", "subitem", "appointment", "entry", "attachment"})


def own_display(node: Node) -> str:
    """``node``'s own text as printed, its lines kept: the "- " list prefix removed and
    line breaks that a page break put inside one printed paragraph removed (those the
    parser recorded in ``attrs["joins"]``, and any inside a paragraph, item,
    appointment… but those in ``attrs["breaks"]``). Children are not included; surrounding whitespace is kept."""
    from gongbao.structure.patterns import strip_layout

    own = node.text
    joins = set(node.attrs.get("joins", ()))
    breaks = set(node.attrs.get("breaks", ()))  # printed paragraphs inside one item: kept
    body, nl = (own[:-1], "\n") if own.endswith("\n") else (own, "")
    lines: list[str] = []
    pos = 0
    for i, line in enumerate(body.split("\n")):
        if i and ((node.kind in _ONE_PARAGRAPH and pos - 1 not in breaks) or pos - 1 in joins):
            lines[-1] += line[strip_layout(line) :]
        else:
            lines.append(line)
        pos += len(line) + 1
    out = []
    for line in lines:
        lay = strip_layout(line)
        lead = len(line) - len(line.lstrip())
        out.append(line[:lead] + line[lay:] if lay > lead else line)
    return "\n".join(out) + nl


def display_text(node: Node) -> str:
    """The printed text of ``node`` and its descendants, one printed paragraph a line.

    Layout that is not print is removed: the "- " list prefix the PDF extractor puts
    before items, line breaks inside one printed paragraph (a page break the parser
    re-joined), and surrounding whitespace.
    """
    return "".join(own_display(n) for n in node.walk()).strip()
