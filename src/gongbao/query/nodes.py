"""One stored document and its nodes, read for display: ``document_row``, ``stored_tree``, ``text_tree``.

Reads only the document asked for (never the whole ``documents`` table) and gives its body as a
tree of ``NodeView`` (eid, kind, label, heading, own text, citation, children). A version that
the store keeps only as text (a consolidated version) is parsed with the same structure parser
that ingest uses, so its eIds and citations are those a stored printed text would have.

Citations are resolved to nodes with ``find_node``: ``第二十九条第（三）项``, ``第二十九条第三项``,
``二、（一）`` or an eid.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from gongbao import model
from gongbao.errors import CitationError
from gongbao.grammar.labels import CN_NUM
from gongbao.query.refs import find_documents
from gongbao.store.schema import documents, nodes

__all__ = [
    "DOCUMENT_COLUMNS",
    "DocRow",
    "NodeView",
    "document_row",
    "find_node",
    "model_document",
    "stored_tree",
    "text_tree",
]

#: What a document page needs of a ``documents`` row (not spans, fragments, counts).
DOCUMENT_COLUMNS = (
    "id",
    "issue_id",
    "ordinal",
    "ref",
    "doc_number",
    "title",
    "kind",
    "issuer",
    "instrument_title",
    "instrument_kind",
    "signed_date",
    "effective_date",
    "expiry_date",
    "valid_from",
    "published_date",
    "history",
    "parent",
    "n_nodes",
)


@dataclass(frozen=True, slots=True)
class DocRow:
    """The metadata of one stored document (no text)."""

    id: int
    issue_id: int
    ref: str
    doc_number: str | None
    title: str
    kind: str
    issuer: str | None
    instrument_title: str | None
    instrument_kind: str | None
    signed_date: Any
    effective_date: Any
    expiry_date: Any
    valid_from: Any
    published_date: Any
    history: list[dict[str, Any]]
    parent: str | None
    n_nodes: int

    def to_json(self) -> dict[str, Any]:
        iso = lambda d: d.isoformat() if d else None  # noqa: E731
        return {
            "ref": self.ref,
            "doc_number": self.doc_number,
            "title": self.title,
            "kind": self.kind,
            "issuer": self.issuer,
            "instrument_title": self.instrument_title,
            "signed_date": iso(self.signed_date),
            "effective_date": iso(self.effective_date),
            "expiry_date": iso(self.expiry_date),
            "valid_from": iso(self.valid_from),
            "published_date": iso(self.published_date),
            "parent": self.parent,
        }


def _row(r: Any) -> DocRow:
    return DocRow(
        r.id,
        r.issue_id,
        r.ref,
        r.doc_number,
        r.title,
        r.kind,
        r.issuer,
        r.instrument_title,
        r.instrument_kind,
        r.signed_date,
        r.effective_date,
        r.expiry_date,
        r.valid_from,
        r.published_date,
        list(r.history or []),
        r.parent,
        r.n_nodes,
    )


def document_row(conn: Connection, ref: str) -> DocRow | None:
    """The stored document ``ref`` (文号, title, or the work's original 文号) names, best first; ``None``."""
    found = find_documents(conn, ref, fuzzy=False) or find_documents(conn, ref)
    if not found:
        return None
    # find_documents returns full rows; re-read the light columns only for the one we keep
    return document_by_id(conn, found[0].id)


def document_by_id(conn: Connection, doc_id: int) -> DocRow | None:
    cols = [documents.c[c] for c in DOCUMENT_COLUMNS]
    r = conn.execute(sa.select(*cols).where(documents.c.id == doc_id)).first()
    return _row(r) if r is not None else None


@dataclass(slots=True)
class NodeView:
    """A node as a page shows it: own text (label included), citation, children."""

    eid: str
    kind: str
    label: str | None
    heading: str | None
    text: str
    citation: str | None
    number: int | None = None
    attrs: dict[str, Any] = field(default_factory=dict)
    children: list[NodeView] = field(default_factory=list)

    def walk(self) -> Iterator[NodeView]:
        yield self
        for c in self.children:
            yield from c.walk()

    def display(self) -> str:
        """The node's own text as printed (layout prefixes and page-break line breaks removed)."""
        from gongbao.structure import own_display

        return own_display(model.Node(kind=self.kind, text=self.text, attrs=self.attrs)).strip("\n")

    def full_display(self) -> str:
        return "\n".join(x for x in (n.display() for n in self.walk()) if x.strip())

    def to_json(self) -> dict[str, Any]:
        return {
            "eid": self.eid,
            "kind": self.kind,
            "label": self.label,
            "heading": self.heading,
            "text": self.text,
            "citation": self.citation,
            "children": [c.to_json() for c in self.children],
        }


def stored_tree(conn: Connection, document_id: int) -> NodeView:
    """The stored body of a document as a tree (the root has kind ``document``)."""
    n = nodes
    rows = conn.execute(
        sa.select(
            n.c.ordinal,
            n.c.parent_ordinal,
            n.c.eid,
            n.c.kind,
            n.c.label,
            n.c.number,
            n.c.heading,
            n.c.text,
            n.c.citation,
            n.c.attrs,
        )
        .where(n.c.document_id == document_id)
        .order_by(n.c.ordinal)
    ).all()
    root = NodeView("", "document", None, None, "", None)
    by_ordinal: dict[int, NodeView] = {}
    for r in rows:
        v = NodeView(r.eid or "", r.kind, r.label, r.heading, r.text or "", r.citation, r.number, dict(r.attrs or {}))
        if r.parent_ordinal is None and r.kind == "document":
            root = v
            by_ordinal[r.ordinal] = v
            continue
        by_ordinal[r.ordinal] = v
        parent = by_ordinal.get(r.parent_ordinal) if r.parent_ordinal is not None else None
        (parent or root).children.append(v)
    cite_by_position(root)
    return root


def cite_by_position(root: NodeView) -> None:
    """Give every paragraph, item and subitem inside an article its full citation from its
    position: 第三条第三款, 第十八条第一款第（二）项 (款 only when the article has several).

    The stored citation of a paragraph whose number the parser did not set is the article's
    alone; a cite action and a permalink by citation need the paragraph's own.
    """
    from gongbao.structure.numerals import int_to_cn

    def inside(node: NodeView, prefix: str) -> None:
        paras = [c for c in node.children if c.kind == "paragraph"]
        items = [c for c in node.children if c.kind == "item"]
        subs = [c for c in node.children if c.kind == "subitem"]
        for i, c in enumerate(paras, start=1):
            c.citation = prefix + (f"第{int_to_cn(i)}款" if len(paras) > 1 else "")
            inside(c, c.citation)
        for i, c in enumerate(items, start=1):
            c.citation = prefix + f"第（{int_to_cn(c.number or i)}）项"
            inside(c, c.citation)
        for i, c in enumerate(subs, start=1):
            c.citation = prefix + f"第{int_to_cn(c.number or i)}目"
        for c in node.children:
            if c.kind not in ("paragraph", "item", "subitem"):
                inside(c, prefix)

    for n in root.walk():
        if n.kind == "article" and n.citation:
            inside(n, n.citation)


def text_tree(text: str, kind: str = "规章") -> NodeView:
    """A version kept only as text, parsed like an ingested document (same eIds, same citations)."""
    from gongbao.store.citation import citation_part
    from gongbao.structure import parse_structure

    body = parse_structure(text, kind=kind)

    def conv(node: model.Node, cite: str, same_kind: int) -> NodeView:
        part = citation_part(node, same_kind)
        if part is None:
            citation, child_cite = None, cite
        elif node.kind in ("chapter", "section", "part", "subpart"):
            citation, child_cite = part, ""
        else:
            citation, child_cite = (cite + part) or None, cite + part
        v = NodeView(node.eid, node.kind, node.label, node.heading, node.text, citation, node.number, dict(node.attrs))
        kinds: dict[str, int] = {}
        for c in node.children:
            kinds[c.kind] = kinds.get(c.kind, 0) + 1
        v.children = [conv(c, child_cite, kinds[c.kind]) for c in node.children]
        return v

    tree = conv(body, "", 1)
    cite_by_position(tree)
    return tree


_SPACE = re.compile(r"\s+")


def _fold_citation(s: str) -> str:
    s = _SPACE.sub("", s)
    s = s.replace("(", "（").replace(")", "）")
    # 第三项 = 第（三）项
    return re.sub(rf"第({CN_NUM})项", r"第（\1）项", s)


def find_node(root: NodeView, where: str) -> NodeView | None:
    """The node ``where`` names: an eid, or a citation (第二十九条第（三）项, 第二十九条第三项)."""
    where = where.strip()
    if not where:
        return None
    for n in root.walk():
        if n.eid and n.eid == where:
            return n
    want = _fold_citation(where)
    best = None
    for n in root.walk():
        if n.citation and _fold_citation(n.citation) == want:
            # the outermost node with that citation (an article before its only paragraph)
            best = best or n
    return best


def model_document(row: DocRow, tree: NodeView, text: str) -> model.Document:
    """A ``model.Document`` for the exporters (Markdown, JSON tree, Akoma Ntoso)."""

    def conv(v: NodeView) -> model.Node:
        return model.Node(
            kind=v.kind,
            eid=v.eid,
            label=v.label,
            number=v.number,
            heading=v.heading,
            text=v.text,
            children=[conv(c) for c in v.children],
            attrs=dict(v.attrs),
        )

    body = conv(tree)
    body.kind = "document"
    return model.Document(
        title=row.title,
        kind=row.kind,
        issuer=row.issuer,
        doc_number=row.doc_number,
        instrument_title=row.instrument_title,
        instrument_kind=row.instrument_kind,
        signed_date=row.signed_date,
        effective_date=row.effective_date,
        expiry_date=row.expiry_date,
        body_mt=model.MappedText(text, []),
        body=body,
    )


def require_document(engine: Engine, ref: str) -> DocRow:
    """``document_row`` or ``CitationError``."""
    with engine.connect() as conn:
        row = document_row(conn, ref)
    if row is None:
        raise CitationError(f"no stored document {ref!r}")
    return row
