"""eIds: Akoma Ntoso-style identifiers for the nodes of a body tree.

The scheme (agreed across gongbao; see ``export/AKN_PROFILE.md``):

- regulations: ``chp_3``, ``chp_3__sec_2``, ``chp_3__art_15`` (``art_15`` without
  chapters, ``chp_3__sec_2__art_15`` inside a 节), ``part_1__chp_2`` under a 编;
  paragraphs (款) ``…__para_1`` counted from 1; items (项) ``…__para_1__point_2`` by the
  printed number; subitems (目) ``…__point_2__point_1``;
- outlines: ``lvl_N`` by the printed number at each level (二、（一）3. ->
  ``lvl_2__lvl_1__lvl_3``); extra paragraphs under a heading ``…__para_N``;
  amendment instructions are outline units (``lvl_1__lvl_7``);
- other parts: ``header``, ``recipients``, ``cover`` (``cover__para_N``,
  ``cover__signature``), ``instrument`` (its children carry bare ids: ``title``,
  ``history``, ``preamble__para_N``, ``chp_1``…), ``signature``,
  ``attachments__att_N``, ``annex_N`` (an attached text printed after the list, its
  units inside: ``annex_1__lvl_2``), ``entry_N`` (chronicle), ``appt_N`` (appointment lines),
  ``para_N`` (body text of a document without units), ``toc`` (目录 of a law),
  ``distribution`` (抄送 and 印发 lines).

When the printed numbering repeats (two 第二十四条 in one document), the later
node gets ``-2``, ``-3``… appended: ids stay unique and deterministic.
"""

from __future__ import annotations

from gongbao.model import Node

__all__ = ["assign_eids", "eid_component"]

_FIXED = {
    "header": "header",
    "recipients": "recipients",
    "cover": "cover",
    "title": "title",
    "history": "history",
    "preamble": "preamble",
    "attachments": "attachments",
    "toc": "toc",
    "distribution": "distribution",
}
_NUMBERED = {
    "part": "part",
    "subpart": "subpart",
    "chapter": "chp",
    "section": "sec",
    "article": "art",
    "item": "point",
    "subitem": "point",
    "heading1": "lvl",
    "heading2": "lvl",
    "heading3": "lvl",
    "heading4": "lvl",
    "heading5": "lvl",
    "instruction": "lvl",
    "annex": "annex",
}
_COUNTED = {
    "paragraph": "para",
    "attachment": "att",
    "entry": "entry",
    "appointment": "appt",
    "table": "table",
    "row": "row",
}


def eid_component(node: Node, counters: dict[str, int]) -> str:
    """The last component of ``node``'s eId; ``counters`` counts siblings by kind."""
    k = node.kind
    if k in _FIXED:
        return _FIXED[k]
    if k == "signature":
        return "signature"
    if k == "article" and node.number is not None and node.attrs.get("sub"):
        return f"art_{node.number}_{node.attrs['sub']}"  # 第十五条之一
    if k in _NUMBERED and node.attrs.get("final"):
        return f"{_NUMBERED[k]}_suppl"  # 附则, the unnumbered closing part or chapter of a code
    if k in _NUMBERED:
        if node.number is not None:
            return f"{_NUMBERED[k]}_{node.number}"
        counters[k] = counters.get(k, 0) + 1
        return f"{_NUMBERED[k]}_{counters[k]}"
    name = _COUNTED.get(k, k)
    counters[name] = counters.get(name, 0) + 1
    return f"{name}_{counters[name]}"


def assign_eids(root: Node) -> None:
    """Set ``eid`` on every descendant of ``root`` (the root keeps ``""``).

    Guarantees: ids are unique within the tree and a function of the tree's shape,
    kinds and printed numbers only. The children of ``instrument`` and of the root
    get bare ids (no prefix); chronicle entries and appointment lines are counted
    across the whole document.
    """
    used: set[str] = set()
    next_suffix: dict[str, int] = {}
    global_counters: dict[str, int] = {}

    def visit(node: Node, prefix: str) -> None:
        counters: dict[str, int] = {}
        for child in node.children:
            if child.kind in ("entry", "appointment"):
                comp = eid_component(child, global_counters)
            else:
                comp = eid_component(child, counters)
            if child.kind == "instrument":
                eid = "instrument"
                child_prefix = ""
            else:
                eid = f"{prefix}__{comp}" if prefix else comp
                child_prefix = None
            if eid in used:
                base = eid
                n = next_suffix.get(base, 2)  # resume where the last duplicate of base stopped: linear
                while eid in used:
                    eid = f"{base}-{n}"
                    n += 1
                next_suffix[base] = n
            used.add(eid)
            child.eid = eid
            visit(child, eid if child_prefix is None else child_prefix)

    visit(root, "")
