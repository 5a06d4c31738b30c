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
