"""JSON form of a body tree (embedded as ``body`` in ``gongbao.parse/1``)."""

from __future__ import annotations

from typing import Any

from gongbao.model import Node

__all__ = ["node_from_json", "node_to_json"]


def node_to_json(node: Node) -> dict[str, Any]:
    """``node`` and its subtree as plain JSON data.

    Keys: ``kind``, ``eid``, ``label``, ``number``, ``heading``, ``text`` (the node's own
    text, exact: label and line breaks included, children excluded), ``start``/``end``
    (offsets into the document text), ``children``; ``attrs`` only when non-empty:
    ``joins`` (offsets in ``text`` of line breaks a page break put inside one printed
    paragraph; displays drop them), ``sub`` (the 之一 of 第十五条之一), on a ``table`` its
    ``columns``, on a ``row`` its ``cells`` and ``header`` (the header row), ``carried`` (columns
    of a cell printed once above, carried down), ``continued`` (columns whose text on this line
    ends the cell of the row above), ``unread`` (cells that do not fit the columns), and on an
    ``annex`` opened by a law's table title ``form: "table_title"``.
    Concatenating ``text`` over the tree in pre-order gives the document text back.

    Kinds: document, header, recipients, cover, instrument, title, history, toc,
    preamble, part, chapter, section, article, paragraph, item, subitem,
    heading1..heading5, instruction (a numbered amendment instruction of a decision),
    signature, attachments, attachment, annex (an attached text printed after the
    list, 附表, or a table a law appends after its last article), table, row, entry
    (chronicle), appointment, distribution (抄送/印发).
    """
    out: dict[str, Any] = {
        "kind": node.kind,
        "eid": node.eid,
        "label": node.label,
        "number": node.number,
        "heading": node.heading,
        "text": node.text,
        "start": node.start,
        "end": node.end,
        "children": [node_to_json(c) for c in node.children],
    }
    if node.attrs:
        out["attrs"] = dict(node.attrs)
    return out


def node_from_json(data: dict[str, Any]) -> Node:
    """The inverse of ``node_to_json``."""
    return Node(
        kind=data["kind"],
        eid=data.get("eid", ""),
        label=data.get("label"),
        number=data.get("number"),
        heading=data.get("heading"),
        text=data.get("text", ""),
        start=data.get("start", 0),
        end=data.get("end", 0),
        children=[node_from_json(c) for c in data.get("children", [])],
        attrs=dict(data.get("attrs", {})),
    )
