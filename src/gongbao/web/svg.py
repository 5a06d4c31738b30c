"""A work's relations drawn as a picture: server-rendered SVG, no script, links on every node.

The work sits in the middle; what it amends, repeals, rests on (legal basis) and cites are
placed on the right, what amends, repeals, cites or is based on it on the left. Every other
document is a link to its page (stored ones) and every edge is labelled with the relation.
Only presentation attributes are used (the pages' CSP has no inline styles).
"""

from __future__ import annotations

from html import escape

from gongbao.query.links import Links
from gongbao.web.urls import doc_url

__all__ = ["KIND_ZH", "relation_graph"]

KIND_ZH = {
    "promulgates": "公布",
    "amends": "修改",
    "repeals": "废止",
    "partially_repeals": "部分废止",
    "supersedes": "替代",
    "extends": "延长有效期",
    "basis": "依据",
    "cites": "引用",
}
_COLOUR = {
    "promulgates": "#6a1b9a",
    "amends": "#1f5fa8",
    "repeals": "#b00020",
    "partially_repeals": "#b00020",
    "supersedes": "#b00020",
    "extends": "#1f5fa8",
    "basis": "#2e7d32",
    "cites": "#666666",
}


def _short(s: str, n: int = 18) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def relation_graph(ln: Links, title: str, *, width: int = 760, max_per_side: int = 12) -> str:
    """The SVG markup of ``ln`` (``gongbao.query.links``) around the work titled ``title``."""
    right = ln.outgoing[:max_per_side]
    left = ln.incoming[:max_per_side]
    rows = max(len(right), len(left), 1)
    height = max(160, 44 * rows + 40)
    cx, cy = width // 2, height // 2
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="graph" role="img" aria-labelledby="graph-title" '
        f'viewBox="0 0 {width} {height}" width="100%" height="{height}">',
        f'<title id="graph-title">{escape(title)}: {len(ln.outgoing)} outgoing and {len(ln.incoming)} incoming relations</title>',
    ]

    def side(items: list, x: int, anchor: str, incoming: bool) -> None:
        n = len(items)
        for i, link in enumerate(items):
            y = int(cy + (i - (n - 1) / 2) * 44)
            colour = _COLOUR.get(link.kind, "#666666")
            x0, x1 = (x + 6, cx - 90) if incoming else (cx + 90, x - 6)
            parts.append(f'<line x1="{x0}" y1="{y}" x2="{x1}" y2="{cy}" stroke="{colour}" stroke-width="1.5"/>')
            mx, my = (x0 + x1) / 2, (y + cy) / 2
            parts.append(
                f'<text x="{mx:.0f}" y="{my - 4:.0f}" font-size="11" fill="{colour}" text-anchor="middle">'
                f"{escape(KIND_ZH.get(link.kind, link.kind))}</text>"
            )
            label = escape(_short(link.other_title or link.other))
            text = f'<text x="{x}" y="{y + 4}" font-size="13" text-anchor="{anchor}" fill="#222">{label}</text>'
            if link.resolved:
                parts.append(f'<a href="{escape(doc_url(link.other))}">{text}</a>')
            else:
                parts.append(text)

    side(right, width - 10, "end", False)
    side(left, 10, "start", True)
    parts.append(
        f'<rect x="{cx - 88}" y="{cy - 20}" width="176" height="40" rx="6" fill="#fff4e5" stroke="#a00" '
        f'stroke-width="1.5"/><text x="{cx}" y="{cy + 5}" font-size="13" text-anchor="middle" '
        f'font-weight="bold" fill="#a00">{escape(_short(title, 13))}</text>'
    )
    extra = len(ln.outgoing) - len(right) + len(ln.incoming) - len(left)
    if extra > 0:
        parts.append(
            f'<text x="{cx}" y="{height - 8}" font-size="11" text-anchor="middle" fill="#555">+{extra} more</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
