"""The compact text maps (issue #16): a one-piece line map (``MappedText.verbatim``) answers
exactly as the general piece map does, and maps and lines survive pickling and copying."""

from __future__ import annotations

import copy
import pickle
import random

from gongbao.model import Line, MappedText, Piece, TextBuilder
from gongbao.normalize import normalize_lines


def test_verbatim_answers_as_a_general_map() -> None:
    rnd = random.Random(7)
    for n in range(0, 12):
        text = "第一条为了规范管理工作"[:n]
        for s_start in (0, 5, 1000):
            fast = MappedText.verbatim(text, s_start)
            general = MappedText(text, [Piece(0, n, s_start, n)] if n else [])
            assert fast.pieces == general.pieces
            for _ in range(40):
                a, b = rnd.randint(-2, n + 2), rnd.randint(-2, n + 2)
                assert fast.source_spans(a, b) == general.source_spans(a, b)
                if 0 <= a <= n and general.pieces:
                    assert fast.to_source(a) == general.to_source(a)
                    assert fast.to_source(a, end=True) == general.to_source(a, end=True)
                if 0 <= a < b <= n:
                    assert fast.slice(a, b).text == general.slice(a, b).text
                    assert fast.slice(a, b).pieces == general.slice(a, b).pieces
            tb1, tb2 = TextBuilder(), TextBuilder()
            tb1.add("x", 0)
            tb2.add("x", 0)
            tb1.add_mapped(fast)
            tb2.add_mapped(general)
            assert tb1.build().pieces == tb2.build().pieces


def test_maps_and_lines_pickle_and_copy() -> None:
    source = "  第一条 为了规范（试行）, and PM_{2.5}\n\n第二条　本办法自2024年1月1日起施行。\n" * 50
    lines = normalize_lines(source)
    assert len(lines) == 100
    for ln in lines[:2]:
        for again in (pickle.loads(pickle.dumps(ln)), copy.deepcopy(ln), copy.copy(ln)):
            assert isinstance(again, Line)
            assert (again.no, again.start, again.end, again.raw, again.text) == (
                ln.no,
                ln.start,
                ln.end,
                ln.raw,
                ln.text,
            )
            assert again.mt.pieces == ln.mt.pieces
            assert again.mt.source_spans() == ln.mt.source_spans()
        assert len(pickle.dumps(ln)) < len(pickle.dumps(source)) / 10  # the line, not the whole source
    assert lines[0].raw == source[lines[0].start : lines[0].end]


def _text_offset_by_index(mt: MappedText, source_offset: int) -> int | None:
    """The reading ``text_offset`` replaced (session 7): a sorted (source start, piece) index of
    the ``Piece`` list, the last entry at or before the offset, and whether its piece holds it."""
    import bisect

    pieces = mt.pieces
    index = sorted((p.s_start, k) for k, p in enumerate(pieces) if p.t_len)
    k = bisect.bisect_right(index, (source_offset, len(pieces))) - 1
    if k < 0:
        return None
    p = pieces[index[k][1]]
    if p.s_start <= source_offset < p.s_start + max(p.s_len, 1):
        return p.t_start + min(source_offset - p.s_start, p.t_len - 1)
    return None


def test_text_offset_reads_the_piece_map() -> None:
    # pieces out of source order (a jump fragment re-attached), a repair (PM_{2.5} -> PM2.5),
    # a line break with no source, two pieces starting at one source offset, a gap in the source
    tb = TextBuilder()
    tb.add("第一条为了", 100)
    tb.add_synthetic("\n", 105)
    tb.add("（上接）接回的文字", 300)
    tb.add("PM2.5", 120, 8)
    tb.add("", 130, 3)
    tb.add("同", 200)
    tb.add("起", 200)
    tb.add("后面", 400)
    mt = tb.build()
    for off in range(90, 420):
        assert mt.text_offset(off) == _text_offset_by_index(mt, off), off
    assert MappedText.empty().text_offset(5) is None
    line = MappedText.verbatim("第二条本办法", 50)
    assert [line.text_offset(o) for o in (49, 50, 55, 56)] == [None, 0, 5, None]
