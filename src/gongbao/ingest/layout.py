"""A PDF page's text in reading order, from its characters and their boxes.

PDFium gives a page's characters in the order the page's content stream draws them. For most
gazettes that is reading order, column after column, and ``page_text`` only puts a line break
where the next character stands on another line. Some producers draw a two-column page row by
row instead: the first line of the left column, then the first line of the right column, and so
on. Read in stream order, every line of such a page would join two unrelated sentences
(``…保障燃气 第三条　市人民政府…``): the articles of the right column glued into those of the left,
with nothing to say so. ``page_text`` recognises that drawing order and reads the left column,
then the right one — band by band, where a line across both columns (a title, a table) divides
the page — with the page's top and bottom furniture lines (running head, page number) first and
last, as printed.

The test for a row-by-row page is strict, because a table drawn row by row must stay as it is:
at least ``_MIN_ROWS`` printed lines hold a left part that ends before a common gutter and a right
part that starts after it, and most of those parts fill their column (a table's cells do not).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, pairwise

__all__ = ["Box", "page_text"]

#: a character's box on the page: (left, right, bottom, top), PDF units, y upwards
Box = tuple[float, float, float, float]

_MIN_ROWS = 4  # printed lines drawn across the gutter, left part then right part
_FILL = 0.7  # a column's line fills at least this share of the column's width
_FILLED_SHARE = 0.5  # … for at least this share of the parts on each side


@dataclass(slots=True)
class _Run:
    """Characters drawn one after another on one printed line, with no wide gap between them."""

    start: int  # index of its first character in the page's text
    end: int  # index after its last non-space character
    x0: float
    x1: float
    b: float
    t: float

    @property
    def mid(self) -> float:
        return (self.b + self.t) / 2

    def left_of(self, g: float) -> bool:
        """In the column left of the gutter at ``g`` (a closing mark may hang into the gutter)."""
        return self.x1 <= g + 0.75 * (self.t - self.b)

    def right_of(self, g: float) -> bool:
        return self.x0 >= g - 0.75 * (self.t - self.b) and not self.left_of(g)

    def same_line(self, other: _Run) -> bool:
        return self.b <= other.mid <= self.t or other.b <= self.mid <= other.t


def page_text(text: str, boxes: Sequence[Box | None], *, gutter: float | None = None) -> tuple[str, float | None]:
    """The page's text in reading order (``boxes[i]``: the box of ``text[i]``, ``None`` for a
    space or a line break), a line break wherever the next character stands on another line; and
    the gutter of its columns when they were drawn row by row. ``gutter``: the page before's
    (its columns were drawn so): one line drawn across it is then enough — the last page's right
    column may hold a line or two, too few to tell from a table on the page alone."""
    g = gutter if gutter is not None and _free(boxes, gutter) else _gutter(boxes)
    if g is None:
        return _stream_text(text, boxes), None
    runs = _runs(text, boxes, g)
    if not _drawn_row_by_row(runs, g, 1 if g == gutter else _MIN_ROWS):
        return _stream_text(text, boxes), None
    return _column_text(text, runs, g), g


def _free(boxes: Sequence[Box | None], g: float) -> bool:
    """Does (almost) no character stand across ``g``: at most one line in ten?"""
    chars = [b for b in boxes if b is not None]
    if not chars:
        return False
    h = sorted(b[3] - b[2] for b in chars)[len(chars) // 2]
    across = sum(1 for b in chars if b[0] + h / 4 < g < b[1] - h / 4)
    lines = len({round(b[2] / max(h, 1.0)) for b in chars})
    return across <= max(2, lines / 10)


def _stream_text(text: str, boxes: Sequence[Box | None]) -> str:
    """The characters in drawing order, with a line break where the next character stands on
    another line than the previous one (PDFium glues a line that starts to the right of the
    previous line's end onto it: 由国务院核准。 复员建设军人安置暂行办法). A character is on another
    line when the middle of either character's box is outside the other's height."""
    out: list[str] = []
    prev: tuple[float, float] | None = None
    for c, box in zip(text, boxes, strict=True):
        if c in "\r\n":
            prev = None
        elif box is not None:
            b, t = box[2], box[3]
            if prev is not None:
                pb, pt = prev
                mid, pmid = (b + t) / 2, (pb + pt) / 2
                if not (pb <= mid <= pt and b <= pmid <= t):
                    while out and out[-1] in " \t":
                        out.pop()
                    out.append("\n")
            prev = (b, t)
        out.append(c)
    return "".join(out)


def _runs(text: str, boxes: Sequence[Box | None], g: float) -> list[_Run]:
    """The page's runs in drawing order: a new run where a character stands on another line, to
    the left of the previous one, right of it by more than one and a half of its height, or on
    the other side of the gutter at ``g`` with a gap between them (a title across the gutter
    runs on: its characters touch)."""
    runs: list[_Run] = []
    cur: _Run | None = None
    # the current run's right edge, bottom, top (locals: this loop sees every character)
    x1 = lo = hi = 0.0
    for i, box in enumerate(boxes):
        if box is None:
            if text[i] in "\r\n":
                cur = None
            continue
        left, right, b, t = box
        h = t - b
        if h < 1.0:
            h = 1.0
        if (
            cur is not None
            and lo <= (b + t) / 2 <= hi
            and b <= (lo + hi) / 2 <= t
            and x1 - h <= left <= x1 + 1.5 * h
            and not (x1 - h / 2 < g < (left + right) / 2 and left - x1 > 0.3 * h)
        ):
            cur.end = i + 1
            if right > x1:
                x1 = cur.x1 = right
            if b < lo:
                lo = cur.b = b
            if t > hi:
                hi = cur.t = t
            continue
        cur = _Run(i, i + 1, left, right, b, t)
        x1, lo, hi = right, b, t
        runs.append(cur)
    return runs


def _gutter(boxes: Sequence[Box | None]) -> float | None:
    """The middle of the widest band, in the middle two fifths of the text's width, that (almost)
    no character stands in — at most one line in ten crosses it (a title, a page number, closing
    marks hanging into the gutter); ``None`` when no band is. A page of one column yields the
    band its lines cover least, which ``_drawn_row_by_row`` then refuses (its lines run across)."""
    chars = [b for b in boxes if b is not None]
    if len(chars) < 2 * _MIN_ROWS:
        return None
    x0 = min(b[0] for b in chars)
    x1 = max(b[1] for b in chars)
    width = int(x1 - x0)
    if width < 20:
        return None
    steps = [0] * (width + 2)  # +1 where a character's box starts, -1 after it ends
    for left, right, _, _ in chars:
        steps[max(0, int(left - x0))] += 1
        steps[min(width, int(right - x0)) + 1] -= 1
    cover = list(accumulate(steps[: width + 1]))
    lo, hi = int(0.3 * width), int(0.7 * width)
    least = min(cover[lo : hi + 1])
    h = sorted(b[3] - b[2] for b in chars)[len(chars) // 2]  # the type's height
    lines = len(chars) * max(h, 1.0) / width  # the page's lines, roughly
    limit = max(least + 2, lines / 10)  # a title, a page number, closing marks hanging into it
    best: tuple[int, int] | None = None
    start = None
    for x in range(lo, hi + 2):
        inside = x <= hi and cover[x] <= limit
        if inside and start is None:
            start = x
        elif not inside and start is not None:
            if best is None or x - start > best[1] - best[0]:
                best = (start, x)
            start = None
    if best is None or best[1] - best[0] < 0.3 * h:
        return None
    return x0 + (best[0] + best[1]) / 2


def _drawn_row_by_row(runs: list[_Run], g: float, rows: int) -> bool:
    """Are two columns apart at ``g`` drawn row by row? At least ``rows`` printed lines are
    drawn as a left part then a right part, and most of those parts fill their column (a table's
    cells do not)."""
    x0 = min(r.x0 for r in runs)
    x1 = max(r.x1 for r in runs)
    across = [(a, b) for a, b in pairwise(runs) if a.same_line(b) and a.left_of(g) and b.right_of(g)]
    if len(across) < rows:
        return False
    filled_left = sum(1 for a, _ in across if a.x1 - a.x0 >= _FILL * (g - x0))
    filled_right = sum(1 for _, b in across if b.x1 - b.x0 >= _FILL * (x1 - g))
    if rows < _MIN_ROWS:  # after pages drawn so: the right column's lines may end paragraphs
        return filled_left >= rows
    return filled_left >= _FILLED_SHARE * len(across) and filled_right >= _FILLED_SHARE * len(across)


def _lines(runs: list[_Run]) -> list[list[_Run]]:
    """Runs grouped by printed line (top of the page first), each line's runs left to right."""
    lines: list[list[_Run]] = []
    for r in sorted(runs, key=lambda r: -r.mid):
        if lines and lines[-1][0].same_line(r):
            lines[-1].append(r)
        else:
            lines.append([r])
    for line in lines:
        line.sort(key=lambda r: r.x0)
    return lines


def _column_text(text: str, runs: list[_Run], g: float) -> str:
    """Left column, then right column, band by band; a line across the gutter (a title, a
    running head, a page number) divides the bands and is read where it stands. The lines above
    the first line that fills a column (the running head: 国务院公报 … 第22号) and the lines set
    apart below the last one (a footer) are read whole, as printed."""
    lines = _lines(runs)
    x0, x1 = min(r.x0 for r in runs), max(r.x1 for r in runs)

    def fills(line: list[_Run]) -> bool:
        return any(
            (r.left_of(g) and r.x1 - r.x0 >= _FILL * (g - x0)) or (r.right_of(g) and r.x1 - r.x0 >= _FILL * (x1 - g))
            for r in line
        )

    filled = [k for k, line in enumerate(lines) if fills(line)]
    top = filled[0] if filled else 0
    bottom = len(lines)
    last = filled[-1] if filled else len(lines) - 1
    for k in range(last + 1, len(lines)):
        above = lines[k - 1][0]
        gap = above.b - lines[k][0].t
        if gap > 1.5 * (above.t - above.b):  # set apart: furniture under the columns
            bottom = k
            break
    parts = [_line_text(text, line) for line in lines[:top]]
    parts.append(_bands(text, lines[top:bottom], g))
    parts += [_line_text(text, line) for line in lines[bottom:]]
    return "\n".join(p for p in parts if p)


def _bands(text: str, lines: list[list[_Run]], g: float) -> str:
    out: list[list[_Run]] = []
    left: list[list[_Run]] = []
    right: list[list[_Run]] = []

    def flush() -> None:
        out.extend(left)
        out.extend(right)
        left.clear()
        right.clear()

    for line in lines:
        lefts = [r for r in line if r.left_of(g)]
        rights = [r for r in line if r.right_of(g)]
        if len(lefts) + len(rights) < len(line):  # a run across the gutter: the whole line
            flush()
            out.append(line)
            continue
        if lefts:
            left.append(lefts)
        if rights:
            right.append(rights)
    flush()
    return "\n".join(_line_text(text, line) for line in out)


def _line_text(text: str, line: list[_Run]) -> str:
    """A line's runs left to right, apart by three spaces (a wide gap: table cells, a signature)."""
    return "   ".join(text[r.start : r.end] for r in line)
