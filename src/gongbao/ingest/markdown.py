"""The text of a Markdown file, as a gazette reader needs it.

Public collections of Chinese laws and documents are kept as Markdown (LawRefBook/Laws: ``# 标题``,
``## 第一章  总则``, ``<!-- INFO END -->``; others bold the article labels, ``**第一条**``, and print
tables with pipes). Read as text, the title was ``#杭州…条例``, no chapter and no article was found,
and nothing was said. ``markdown_text`` takes the markup away and keeps every word:

* a heading's ``#`` marks, a quote's ``>``, and the ``**`` of strong emphasis are dropped (not
  ``__``: a form's blanks are runs of underscores);
* a pipe table's row becomes one line, its cells apart by a tab (what the structure parser and the
  task reader take for cells); its ``| --- |`` rule line is dropped;
* an HTML comment on lines of its own (``<!-- INFO END -->``) and a ``---`` front matter block at
  the top are dropped; a backslash escape keeps the character it escapes;
* a thematic break (``---``, ``***``) is dropped; everything else is kept as written.

A file is Markdown when its name says so (``.md``, ``.markdown``) or when its text does: two
headings (``# ``…) or a pipe table's rule line, or the ``<!-- INFO END -->`` mark.
"""

from __future__ import annotations

import re

__all__ = ["is_markdown", "markdown_text"]

_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+|$)")
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")
_QUOTE = re.compile(r"^ {0,3}(?:>[ \t]?)+")
_STRONG = re.compile(r"(?<!\\)\*\*")  # not __: a form's blanks are runs of underscores (申请人：______)
_RULE_ROW = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$|^\s*\|\s*:?-{3,}:?\s*\|\s*$")
_BREAK = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_COMMENT_LINE = re.compile(r"^\s*<!--.*-->\s*$")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")


def is_markdown(text: str, name: str = "") -> bool:
    """Markdown by its name (.md, .markdown) or by its text (two headings, a table rule, the
    ``<!-- INFO END -->`` mark of LawRefBook files)."""
    if name.lower().endswith((".md", ".markdown")):
        return True
    head = text[:200_000]
    if "<!-- INFO END -->" in head:
        return True
    headings = 0
    for line in head.splitlines():
        if _HEADING.match(line) and line.strip("# \t"):
            headings += 1
            if headings >= 2:
                return True
        elif _RULE_ROW.match(line):
            return True
    return False


def markdown_text(text: str) -> str:
    """The text without its Markdown markup (see the module docstring); one line per line kept."""
    lines = text.split("\n")
    out: list[str] = []
    k = 0
    if lines and lines[0].strip() == "---":  # front matter (title: …) closed by the next ---
        end = next((i for i in range(1, min(len(lines), 60)) if lines[i].strip() == "---"), None)
        if end is not None:
            k = end + 1
    for line in lines[k:]:
        if _COMMENT_LINE.match(line) or _RULE_ROW.match(line) or _BREAK.match(line):
            continue
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            cells = [_inline(c.strip()) for c in _CELL_SPLIT.split(stripped[1:-1])]
            out.append("\t".join(cells))
            continue
        if _HEADING.match(line):
            line = _CLOSING_HASHES.sub("", _HEADING.sub("", line))
        line = _QUOTE.sub("", line)
        out.append(_inline(line))
    return "\n".join(out)


def _inline(s: str) -> str:
    return _ESCAPE.sub(r"\1", _STRONG.sub("", s))
