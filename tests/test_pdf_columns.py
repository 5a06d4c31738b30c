"""Two-column PDF pages whose content stream draws the columns row by row (left line, right
line, …) read column by column (``ingest.layout``), and everything else reads as drawn.

Text: the real 聊城市燃气管理办法 as republished in the sample (tests/data/store/README.md), set in
two columns of A4 pages with a running head, a title across both columns and a page number
(tests/pdfgen.py: a PDF with no embedded font, STSong-Light). Truth: the text file itself — each
article of the PDF's parse must equal the article as the text file gives it, whatever the
drawing order."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.pdfgen import HEIGHT, SIZE, WIDTH, text_width, write_pdf

from gongbao.pipeline import parse_path

ROOT = Path(__file__).resolve().parents[1]
REG = ROOT / "tests" / "data" / "store" / "liaocheng-gas-regulation.txt"
MARGIN, GUTTER, LEADING = 50.0, 20.0, 14.0
COL = (WIDTH - 2 * MARGIN - GUTTER) / 2


def _wrap(paragraph: str, width: float) -> list[str]:
    """Lines of a column, as a typesetter breaks them: closing punctuation never starts a line
    (it hangs at the end of the line before)."""
    lines, cur = [], "\u3000\u3000"
    for c in paragraph:
        if text_width(cur + c) > width and c not in "。，、；：？！”’）》,.;:)":
            lines.append(cur)
            cur = ""
        cur += c
    return [*lines, cur] if cur else lines


def _pages(
    paragraphs: list[str], title: str, order: str, leading: float = LEADING, last: list[int] | None = None
) -> list[list[tuple[float, float, str]]]:
    """Column lines of the paragraphs on pages; each page: running head, (page 1) a title across
    both columns, two columns, a page number; the columns drawn in ``order``: columns or rows.
    ``last`` receives the number of lines of the last page's right column."""
    lines = [ln for p in paragraphs for ln in _wrap(p, COL)]
    top, bottom = HEIGHT - 80.0, 80.0
    per_col = int((top - bottom) / leading)
    pages, k, n = [], 0, 0
    while k < len(lines):
        n += 1
        head = [
            (MARGIN, HEIGHT - 50, "聊城市人民政府公报"),
            (WIDTH - MARGIN - text_width("2024年第11-12期"), HEIGHT - 50, "2024年第11-12期"),
        ]
        y0 = top
        if n == 1:
            head.append(((WIDTH - text_width(title)) / 2, top, title))
            y0 = top - 2 * LEADING
        rows = int((y0 - bottom) / leading)
        left, right = lines[k : k + rows], lines[k + rows : k + 2 * rows]
        k += 2 * rows
        if last is not None:
            last[:] = [len(right)]
        items_l = [(MARGIN, y0 - i * leading, s) for i, s in enumerate(left)]
        items_r = [(MARGIN + COL + GUTTER, y0 - i * leading, s) for i, s in enumerate(right)]
        if order == "rows":
            body = [it for i in range(rows) for it in (items_l[i : i + 1] + items_r[i : i + 1])]
        else:
            body = items_l + items_r
        number = f"— {n} —"
        pages.append([*head, *body, ((WIDTH - text_width(number)) / 2, 40.0, number)])
    assert per_col > 0
    return pages


def _articles(path: Path) -> dict[str, str]:
    issue = parse_path(path)
    doc = max(issue.documents, key=lambda d: len(d.text))
    assert doc.body is not None
    return {n.eid: "".join(n.full_text().split()) for n in doc.body.walk() if n.kind == "article"}


@pytest.fixture(scope="module")
def truth() -> tuple[dict[str, str], list[str], str]:
    text = REG.read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    return _articles(REG), paragraphs[1:], paragraphs[0]


@pytest.mark.parametrize("order", ["columns", "rows"])
def test_two_columns_read_in_reading_order_whatever_the_drawing_order(
    tmp_path: Path, truth: tuple[dict[str, str], list[str], str], order: str
) -> None:
    articles, paragraphs, title = truth
    f = tmp_path / f"{order}.pdf"
    write_pdf(f, _pages(paragraphs, title, order))
    got = _articles(f)
    assert len(articles) >= 40
    assert got == articles


def test_a_last_page_with_a_short_right_column_reads_in_order(
    tmp_path: Path, truth: tuple[dict[str, str], list[str], str]
) -> None:
    """The last page's right column holds one to three lines, drawn row by row: too few to tell
    the page alone from a table, read as columns because the pages before were."""
    articles, paragraphs, title = truth
    for tenth in range(120, 200):
        last: list[int] = []
        pages = _pages(paragraphs, title, "rows", tenth / 10, last)
        if 1 <= last[0] <= 3:
            break
    else:
        pytest.fail("no leading gives a short last right column")
    f = tmp_path / "short.pdf"
    write_pdf(f, pages)
    assert _articles(f) == articles


def test_row_by_row_reading_is_what_the_stream_order_glues(
    tmp_path: Path, truth: tuple[dict[str, str], list[str], str]
) -> None:
    """The row-by-row PDF read in drawing order (what gongbao did) glues the right column's
    lines into the left column's sentences: the test above can fail."""
    import pypdfium2 as pdfium

    _, paragraphs, title = truth
    f = tmp_path / "rows.pdf"
    write_pdf(f, _pages(paragraphs, title, "rows"))
    doc = pdfium.PdfDocument(str(f))
    raw = doc[0].get_textpage().get_text_range()
    doc.close()
    lines = [ln for ln in raw.splitlines() if "第一条" in ln]
    assert lines and text_width(lines[0].strip()) > COL + GUTTER  # a right column's line on the same line


def test_a_table_drawn_row_by_row_keeps_its_rows(tmp_path: Path) -> None:
    """Two columns of short cells drawn row by row are a table: each row stays one line."""
    rows = [
        ("序号", "重点任务"),
        *(
            (str(i), t)
            for i, t in enumerate(
                [
                    "推进清洁取暖改造",
                    "加强扬尘污染治理",
                    "强化柴油货车管控",
                    "开展挥发性有机物治理",
                    "推动工业企业提标改造",
                ],
                1,
            )
        ),
    ]
    items = []
    for i, (a, b) in enumerate(rows):
        y = HEIGHT - 100 - i * LEADING
        items += [(MARGIN, y, a), (MARGIN + 200, y, b)]
    f = tmp_path / "table.pdf"
    write_pdf(f, [items])
    from gongbao.ingest.reader import read_source

    text = read_source(f).text
    for a, b in rows:
        assert any(a in ln and b in ln for ln in text.splitlines()), (a, b)
    assert SIZE > 0


def test_a_page_set_in_a_font_without_a_character_map_is_said(
    tmp_path: Path, truth: tuple[dict[str, str], list[str], str], capsys: pytest.CaptureFixture[str]
) -> None:
    """A page whose font maps no characters reads as glyph numbers (letters of unrelated
    scripts): the page is named (`page_unreadable`), the readable pages are read; a file with no
    readable page is refused in one line (exit 2)."""
    from tests.conftest import cli

    _, paragraphs, title = truth
    pages = _pages(paragraphs, title, "columns")
    f = tmp_path / "mixed.pdf"
    write_pdf(f, pages, unmapped=(1,))
    issue = parse_path(f)
    bad = [w for w in issue.warnings if w.code == "page_unreadable"]
    assert [w.message.split("'s ")[0] for w in bad] == ["page 2"]
    assert "第一条　为了加强燃气管理" in issue.source or "第一条 为了加强燃气管理" in issue.source
    g = tmp_path / "glyphs.pdf"
    write_pdf(g, pages, unmapped=tuple(range(len(pages))))
    code, out, err = cli(capsys, "parse", str(g))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "not readable text" in err and "Traceback" not in err
