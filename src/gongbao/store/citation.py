"""Flatten a document's body tree into rows, each with its Chinese citation.

Citation form (how a reader cites the place of a hit):
1. articles and below: 第二十九条, 第二十九条第二款, 第二十九条第（三）项, …第（三）项第1目; the 款 is
   named only when the article has more than one paragraph (第二十九条第（三）项, as printed in
   amending decisions);
2. chapters and sections above any article: their label (第三章, 第三章第二节);
3. outline headings of plans and notices: the chain of labels as printed (二、（三）1.);
4. other parts (preamble, signature, history, …): no citation; the eid locates them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gongbao import model
from gongbao.structure.numerals import int_to_cn

__all__ = ["NodeRow", "citation_part", "flatten"]

# Outline units cited by their printed labels; ``instruction`` is a numbered 条目 of a decision.
_HEADINGS = {"heading1", "heading2", "heading3", "heading4", "heading5", "instruction"}


@dataclass(slots=True)
class NodeRow:
    """One node of a flattened tree, ready to be stored."""

    ordinal: int
    parent_ordinal: int | None
    depth: int
    eid: str
    kind: str
    label: str | None
    number: int | None
    heading: str | None
    text: str
    citation: str | None
    article_eid: str | None
    start: int
    end: int
    spans: list[list[int]] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)

    @property
    def length(self) -> int:
        """Searchable characters: the text without whitespace."""
        return sum(1 for ch in self.text if not ch.isspace())

    def to_row(self, document_id: int) -> dict[str, Any]:
        return {
            "document_id": document_id,
            "ordinal": self.ordinal,
            "parent_ordinal": self.parent_ordinal,
            "depth": self.depth,
            "eid": self.eid,
            "kind": self.kind,
            "label": self.label,
            "number": self.number,
            "heading": self.heading,
            "text": self.text,
            "citation": self.citation,
            "article_eid": self.article_eid,
            "start": self.start,
            "end": self.end,
            "spans": self.spans,
            "attrs": self.attrs,
            "length": self.length,
        }


def _cn(n: int | None) -> str:
    return int_to_cn(n) if n is not None else "?"


def citation_part(node: model.Node, siblings_of_kind: int) -> str | None:
    """The piece of citation ``node`` adds to its parent's (``siblings_of_kind``: same-kind siblings)."""
    label = (node.label or "").strip()
    if node.kind == "article":
        return label if label.startswith("第") and label.endswith("条") else f"第{_cn(node.number)}条"
    if node.kind == "paragraph":
        return f"第{_cn(node.number)}款" if siblings_of_kind > 1 and node.number else ""
    if node.kind == "item":
        return f"第（{_cn(node.number)}）项" if node.number else label
    if node.kind == "subitem":
        return f"第{node.number}目" if node.number else label
    if node.kind in ("chapter", "section", "part", "subpart"):
        return label or None
    if node.kind in _HEADINGS:
        return label or None
    return None


def _attrs(attrs: dict[str, Any]) -> dict[str, Any]:
    import json

    return json.loads(json.dumps(attrs, ensure_ascii=False, default=str)) if attrs else {}


def flatten(doc: model.Document) -> list[NodeRow]:
    """The document's nodes in pre-order with citations and source spans.

    A document without a body tree yields one ``paragraph`` row per non-empty line of its text
    (eid ``para_N``), so every document is searchable.
    """
    mt = doc.body_mt
    rows: list[NodeRow] = []

    def spans(start: int, end: int) -> list[list[int]]:
        return [s.to_json() for s in mt.source_spans(start, end)] if end > start else []

    if doc.body is None:
        pos = 0
        for n, line in enumerate(doc.text.split("\n"), start=1):
            end = pos + len(line)
            if line.strip():
                eid = f"para_{len(rows) + 1}"
                rows.append(
                    NodeRow(
                        len(rows),
                        None,
                        0,
                        eid,
                        "paragraph",
                        None,
                        len(rows) + 1,
                        None,
                        line,
                        None,
                        eid,
                        pos,
                        end,
                        spans(pos, end),
                    )
                )
            del n
            pos = end + 1
        return rows

    def walk(node: model.Node, parent: int | None, depth: int, cite: str, article: str | None, same_kind: int) -> None:
        part = citation_part(node, same_kind)
        if part is None:
            citation, child_cite = None, cite
        elif node.kind in ("chapter", "section", "part"):
            citation, child_cite = part, ""  # an article is cited without its chapter
        else:
            citation, child_cite = (cite + part) or None, cite + part
        if node.kind == "article":
            article = node.eid or article
        me = len(rows)
        rows.append(
            NodeRow(
                me,
                parent,
                depth,
                node.eid,
                node.kind,
                node.label,
                node.number,
                node.heading,
                node.text,
                citation,
                article,
                node.start,
                node.end,
                spans(node.start, node.end),
                _attrs(node.attrs),
            )
        )
        kinds: dict[str, int] = {}
        for c in node.children:
            kinds[c.kind] = kinds.get(c.kind, 0) + 1
        for c in node.children:
            walk(c, me, depth + 1, child_cite, article, kinds[c.kind])

    walk(doc.body, None, 0, "", None, 1)
    return rows
