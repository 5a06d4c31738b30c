"""Page furniture, recognised by shape *and* position, never by shape alone.

- a decorated page number (``· 3 ·``, ``— 12 —``, ``-5-``, ``第3页``, ``3/48``) is furniture
  wherever it stands: text never prints a number that way;
- a bare number (``12``) is furniture only where a page number stands: next to a page break
  (``\\f``), or in the run of page numbers of the issue (another bare number one or two higher
  or lower a page-length away). A bare number in a table cell is text;
- an issue line (``2024年第11-12期（总第260-261期）``), the gazette's name, or the two on one
  line, printed at the top of every page, are running heads;
- any other short line printed three times or more, each time next to a page number or a page
  break, is a running head (a section name, a department's name, a chapter title).
"""

from __future__ import annotations

import bisect
from collections import Counter

from gongbao.grammar.dates import is_date_line
from gongbao.grammar.forms import (
    gazette_name_end,
    is_bare_number,
    is_decorated_page_number,
    is_divider,
    is_issue_line,
    is_masthead_name,
    squeeze,
)
from gongbao.grammar.lines import is_order_issuer
from gongbao.model import Line, Residue

_MIN_PAGE_LINES = 5  # two page numbers are at least this many lines apart


def _named_head(text: str) -> bool:
    """A running head printed in spaced fields: the gazette's name and the issue with a section
    name on either side (交通运输部公报　2016年第12期　　　　部令 / 部令　　　　交通运输部公报2016年第12期):
    a gazette's name ending in 公报 and an issue line (one field or two), the rest one or two
    short names."""
    if len(text) > 60:
        return False  # (most lines: no split)
    fields = text.split()
    if not 2 <= len(fields) <= 4:
        return False
    gazette = issue = 0
    rest: list[str] = []
    for f in fields:
        e = gazette_name_end(f)
        if e and (e == len(f) or is_issue_line(f[e:])):
            gazette += 1
            issue += e < len(f)
        elif is_issue_line(f):
            issue += 1
        else:
            rest.append(f)
    return (
        gazette == 1
        and issue == 1
        and 1 <= len(rest) <= 2
        and all(len(f) <= 12 and not any(c in f for c in "。，；：、,;:") for f in rest)
    )


def _breaks(source: str, lines: list[Line]) -> list[bool]:
    """For each line: is there a page break (\\f) right before it?"""
    if "\f" not in source:
        return [False] * len(lines)  # a text without page breaks (most text files)
    out = []
    prev_end = 0
    for ln in lines:
        out.append("\f" in source[prev_end : ln.start])
        prev_end = ln.end
    return out


def page_number_lines(source: str, lines: list[Line], brk: list[bool] | None = None) -> set[int]:
    """Indices of the lines that are page numbers (see the module docstring)."""
    brk = _breaks(source, lines) if brk is None else brk
    n = len(lines)
    out: set[int] = set()
    bare: list[tuple[int, int]] = []
    edge: list[tuple[int, int]] = []  # bare numbers next to a page break
    numbers: list[int] = []  # the bare-number lines
    any_break = any(brk)
    for i, ln in enumerate(lines):
        t = ln.text.strip()
        if is_decorated_page_number(t):
            out.add(i)
        elif is_bare_number(t):
            numbers.append(i)
            if brk[i] or (i + 1 < n and brk[i + 1]) or (i + 1 == n and any_break):
                edge.append((i, int(t)))
            else:
                bare.append((i, int(t)))
    # next to a page break: a page number, unless it breaks the run the other breaks print
    # (…45 / \f after page 12's number: the 45 is the last cell of a table, not page 45)
    for k, (i, v) in enumerate(edge):
        others = [(m, edge[m][1]) for m in range(max(0, k - 2), min(len(edge), k + 3)) if m != k]
        if not others or any(0 < (w - v) * (1 if m > k else -1) <= 3 * abs(m - k) for m, w in others):
            out.add(i)
    # the run of page numbers: each is one or two more than the previous one, a page apart;
    # a number with another bare number within a page-length is a table cell (序号 1, 2, 3
    # printed one cell a line), never a page number
    for k, (i, v) in enumerate(bare):
        if _clustered(numbers, i):
            continue
        near = bare[max(0, k - 3) : k] + bare[k + 1 : k + 4]
        if any(abs(j - i) >= _MIN_PAGE_LINES and 1 <= abs(w - v) <= 2 and not _clustered(numbers, j) for j, w in near):
            out.add(i)
    return out


def _clustered(numbers: list[int], i: int) -> bool:
    """Another bare-number line stands within a page-length of line ``i``."""
    k = bisect.bisect_left(numbers, i)
    return (k > 0 and i - numbers[k - 1] < _MIN_PAGE_LINES) or (
        k + 1 < len(numbers) and numbers[k + 1] - i < _MIN_PAGE_LINES
    )


def _numbers_order(lines: list[Line], i: int) -> bool:
    """Line ``i`` (shaped like an issue line, 2019年第46号) stands under a 令 or 公告 issuer line
    (中华人民共和国交通运输部令): it is that order's number, not page furniture."""
    return i > 0 and (is_order_issuer(lines[i - 1].text) or squeeze(lines[i - 1].text).endswith("公告"))


_SHORT_LINE = 40  # running heads and issue lines are short, and repeat through an issue
_SEEN_MAX = 1 << 14


def _gazette_alone(text: str, i: int, pages: set[int]) -> bool:
    """A gazette's name alone on the line after a page number (— 12 — / 广东省人民政府公报): the
    running head of the next page, even when the issue's masthead named no gazette (an excerpt
    opening with its issue line)."""
    return i - 1 in pages and is_masthead_name(squeeze(text))


def strip_furniture(
    source: str,
    lines: list[Line],
    residue: list[Residue],
    gazette: str | None = None,
    boundaries: set[int] | None = None,
) -> list[Line]:
    """``lines`` without page furniture; each furniture line goes to ``residue`` (page_furniture).
    A divider line (————, ※　※　※) is furniture too, and ends the document above it: the number
    of the line after it goes to ``boundaries``."""
    brk = _breaks(source, lines)
    pages = page_number_lines(source, lines, brk)
    n = len(lines)
    name = squeeze(gazette) if gazette else None

    def running(text: str) -> bool:
        t = squeeze(text)
        if is_issue_line(t):
            return True
        if name and (t == name or (t.startswith(name) and is_issue_line(t[len(name) :]))):
            return True
        e = gazette_name_end(t)
        if e and is_issue_line(t[e:]):
            return True
        return _named_head(text)

    # short lines next to a page number or a page break, counted over the issue (only those
    # lines are looked at: most lines of an issue are next to neither)
    at_edge: set[int] = set()
    for i in pages:
        at_edge.update((i - 1, i + 1))
    if any(brk):
        at_edge.update(i for i in range(n) if brk[i] or (i + 1 < n and brk[i + 1]))
    at_edge.difference_update(pages)
    edge: Counter[str] = Counter()
    for i in sorted(at_edge):
        if 0 <= i < n:
            t = squeeze(lines[i].text)
            if 2 <= len(t) <= 30 and t[-1] not in "。；，：" and not is_date_line(t):
                edge[t] += 1
    heads = {t for t, c in edge.items() if c >= 3}
    kept: list[Line] = []
    seen: dict[str, int] = {}  # of the short lines read so far: 1 a running head, 2 a divider, 0 neither
    divided = False
    for i, ln in enumerate(lines):
        if i in pages:
            residue.append(Residue(ln.start, ln.end, "page_furniture"))
            continue
        text = ln.text
        head = seen.get(text)
        if head is None:
            head = 2 if is_divider(text) else int(running(text))
            if len(text) <= _SHORT_LINE and len(seen) < _SEEN_MAX:  # (bounded: a 50 MB issue)
                seen[text] = head
        if (
            head == 2
            or (head and not _numbers_order(lines, i))
            or (i in at_edge and (squeeze(text) in heads or _gazette_alone(text, i, pages)))
        ):
            residue.append(Residue(ln.start, ln.end, "page_furniture"))
            divided = divided or head == 2
        else:
            if divided and boundaries is not None:
                boundaries.add(ln.no)
            divided = False
            kept.append(ln)
    return kept
