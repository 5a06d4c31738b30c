"""Markdown export: a document (or a whole issue) readable as a document.

One heading level per structural level: the document title is ``#`` (``##`` inside an
issue), then the issued instrument's title, 编/章/节/条 and the outline levels
(一、/（一）/1./（1）/①) each take the next level down (capped at ``######``). An outline
unit whose line carries more than its heading (（一）强化监测。加强…) is printed as a
paragraph opening with its bold heading, so the text stays whole. The text is the
printed text: labels are kept, nothing is renumbered (list markers are escaped).
"""

from __future__ import annotations

import re

from gongbao.model import Document, Issue, Node
from gongbao.structure import own_display

__all__ = ["document_to_markdown", "issue_to_markdown", "node_to_markdown"]

_STRUCTURAL = ("part", "subpart", "chapter", "section", "article")
_MD_START = re.compile(r"^(\d+)([.)])|^([-+*#>|])")


def _escape(line: str) -> str:
    """Escape what Markdown would read as a list, heading or quote at a line start."""
    line = line.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_")
    m = _MD_START.match(line)
    if m:
        if m.group(1):
            return f"{m.group(1)}\\{m.group(2)}{line[m.end() :]}"
        return "\\" + line
    return line


def _lines(node: Node) -> list[str]:
    return [x.strip() for x in own_display(node).split("\n") if x.strip()]


def node_to_markdown(node: Node, level: int = 2) -> str:
    """Markdown of ``node`` and its subtree; ``level`` is the heading level of its first
    structural heading."""
    out: list[str] = []
    _emit(node, level, out)
    return "\n\n".join(b for b in out if b)


def _heading(level: int, text: str) -> str:
    return "#" * min(max(level, 1), 6) + " " + _escape(text)


def _emit(node: Node, level: int, out: list[str]) -> None:
    k = node.kind
    lines = _lines(node)
    child_level = level
    if k in ("document", "cover", "preamble", "instrument"):
        pass
    elif k == "title":
        out.append(_heading(level - 1 if level > 2 else level, " ".join(lines)))
    elif k == "header":
        out.append("  \n".join(f"**{_escape(x)}**" for x in lines))
    elif k in ("signature",):
        out.append("  \n".join(_escape(x) for x in lines))
    elif k == "history":
        out.append("  \n".join(f"*{_escape(x)}*" for x in lines))
    elif k in _STRUCTURAL or k.startswith("heading"):
        if k == "article":
            out.append(_heading(level, node.label or lines[0] if lines else ""))
            rest = "".join(lines)[len(node.label or "") :].strip()
            if rest:
                out.append(_escape(rest))
        elif lines and (
            node.heading is None or _squeeze(" ".join(lines)) == _squeeze((node.label or "") + (node.heading or ""))
        ):
            out.append(_heading(level, " ".join(lines)))
        elif lines:
            # a unit whose line carries text after its heading: a paragraph
            head = (node.label or "") + (node.heading or "")
            first = lines[0]
            if node.heading and _squeeze(first).startswith(_squeeze(head)):
                cut = _cut_after(first, node.heading)
                out.append(f"**{_escape(first[:cut])}**{_escape(first[cut:])}")
            else:
                out.append(_escape(first))
            out.extend(_escape(x) for x in lines[1:])
        child_level = level + 1
    elif k == "attachments":
        items = [_lines(c) for c in node.children]
        head = " ".join(lines)
        out.append("\n".join([_escape(head), *[f"- {_escape(' '.join(x))}" for x in items if x]]))
        return
    elif k == "annex":
        out.append(_heading(level, " ".join(lines)))
        child_level = level + 2  # its title (one level down) and units below it
    elif k == "table":
        out.append(_table(node))
        return
    elif k == "appointment":
        out.append("- " + _escape(" ".join(lines)))
    else:
        out.extend(_escape(x) for x in lines)
    for child in node.children:
        _emit(child, child_level, out)


def _cell(text: str) -> str:
    """A table cell: one line, Markdown's marks escaped (a cell opening with 1. is no list)."""
    t = " ".join(text.split()).replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_")
    return t.replace("|", "\\|") or " "


def _table(node: Node) -> str:
    """A table as a Markdown table: its header row (marked by the parser) as the header, else an
    empty header; every row padded to the table's columns (a rule line of the source is dropped:
    Markdown prints its own)."""
    rows = [c for c in node.children if c.kind == "row" and "cells" in c.attrs]
    if not rows:
        return ""
    width = max([int(node.attrs.get("columns") or 0)] + [len(r.attrs["cells"]) for r in rows])
    head: list[str] = [""] * width
    if rows[0].attrs.get("header"):
        head = list(rows[0].attrs["cells"])
        rows = rows[1:]

    def line(cells: list[str]) -> str:
        cells = list(cells) + [""] * (width - len(cells))
        return "| " + " | ".join(_cell(c) for c in cells) + " |"

    return "\n".join([line(head), "|" + "---|" * width, *(line(r.attrs["cells"]) for r in rows)])


def _squeeze(s: str) -> str:
    return "".join(s.split()).rstrip("。")


def _cut_after(line: str, heading: str) -> int:
    """Offset in ``line`` just after ``heading`` and the full stop that ends it."""
    i = line.find(heading)
    if i < 0:
        return 0
    j = i + len(heading)
    if j < len(line) and line[j] in "。；;":
        j += 1
    return j


def document_to_markdown(doc: Document, *, level: int = 1) -> str:
    """Markdown of one document: its title at heading ``level``, a line of metadata
    (文号, issuer, signed date), then its body (when it has one) or its text."""
    out = [_heading(level, doc.title)]
    meta = [x for x in (doc.doc_number, doc.issuer, doc.signed_date.isoformat() if doc.signed_date else None) if x]
    if meta:
        out.append(" · ".join(_escape(x) for x in meta))
    if doc.body is not None:
        body = doc.body
        # the header repeats the title and 文号 printed above
        nodes = [c for c in body.children if c.kind != "header"]
        for c in nodes:
            _emit(c, level + 2 if c.kind == "instrument" else level + 1, out)
    else:
        out.extend(_escape(x) for x in doc.text.split("\n") if x.strip())
    return "\n\n".join(b for b in out if b) + "\n"


def issue_to_markdown(issue: Issue) -> str:
    """Markdown of a parsed issue: masthead title, table of contents, every document."""
    m = issue.masthead
    title = m.gazette or "公报"
    if m.year:
        title += f" {m.year}年"
    if m.issue_numbers:
        title += "第" + "-".join(str(n) for n in m.issue_numbers) + "期"
    out = [_heading(1, title)]
    if issue.documents:
        out.append(
            "\n".join(
                f"- {_escape(d.title)}" + (f"（{d.doc_number}）" if d.doc_number else "") for d in issue.documents
            )
        )
    for doc in issue.documents:
        out.append(document_to_markdown(doc, level=2).rstrip("\n"))
    return "\n\n".join(out) + "\n"
