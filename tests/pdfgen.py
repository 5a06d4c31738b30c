"""Write small PDFs of Chinese text for the PDF tests, with no font on the machine: the text is
set in STSong-Light, one of the CJK fonts every PDF reader knows without embedding it
(Adobe-GB1, encoding UniGB-UCS2-H), so PDFium reads back each character as written. Each item is
``(x, y, text)`` in PDF units (y upwards, 10.5 pt type); items are drawn in the order given, which
is the order a PDF's content stream draws them in (what ``ingest.layout`` has to read past)."""

from __future__ import annotations

from pathlib import Path

SIZE = 10.5  # type size: a CJK character is this wide and high
WIDTH, HEIGHT = 595, 842  # A4


def write_pdf(path: Path, pages: list[list[tuple[float, float, str]]], unmapped: tuple[int, ...] = ()) -> None:
    """``unmapped``: pages (0-based) set in a font with no character map (Identity-H, no
    ToUnicode), as some producers embed subset fonts: a reader gets glyph numbers, not text."""
    objs: list[bytes] = [
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [ 3 0 R ] >>",
        b"",  # 2: the page tree, written when the pages are known
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) "
        b"/Ordering (GB1) /Supplement 4 >> /FontDescriptor 4 0 R /DW 1000 /W [ 1 95 500 ] >>",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 "
        b"/Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Subset /Encoding /Identity-H /DescendantFonts [ 6 0 R ] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Subset /CIDSystemInfo << /Registry (Adobe) "
        b"/Ordering (Identity) /Supplement 0 >> /FontDescriptor 4 0 R /DW 1000 >>",
    ]
    kids = []
    for k, items in enumerate(pages):
        if k in unmapped:  # glyph numbers of a subset font: the first glyphs, in order of use
            ops = [
                f"BT /F2 {SIZE} Tf {x:.2f} {y:.2f} Td <{''.join(f'{(ord(c) * 7) % 3000 + 3:04X}' for c in text)}> Tj ET"
                for x, y, text in items
            ]
        else:
            ops = [
                f"BT /F1 {SIZE} Tf {x:.2f} {y:.2f} Td <{text.encode('utf-16-be').hex().upper()}> Tj ET"
                for x, y, text in items
            ]
        stream = "\n".join(ops).encode()
        objs.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        objs.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 1 0 R /F2 5 0 R >> >> "
            b"/Contents %d 0 R >>" % (WIDTH, HEIGHT, len(objs))
        )
        kids.append(len(objs))
    objs[1] = b"<< /Type /Pages /Kids [ %s ] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, len(objs), xref)
    path.write_bytes(bytes(out))


def text_width(s: str) -> float:
    """Printed width of ``s``: CJK and full-width characters one em, ASCII half one."""
    return sum(SIZE if ord(c) > 0x7F else SIZE / 2 for c in s)
