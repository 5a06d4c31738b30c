"""Write small Word files (.docx) for the tests: paragraphs, tables and Word-generated numbering,
as Word and WPS write them (``word/document.xml`` in a zip), with nothing but the standard library."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


@dataclass
class Numbered:
    """A paragraph Word numbers itself: list ``num_id``, level ``ilvl`` (0-based)."""

    text: str
    num_id: int = 1
    ilvl: int = 0


@dataclass
class Docx:
    blocks: list[str | list[list[str]] | Numbered] = field(default_factory=list)  # paragraph, table rows, numbered
    #: numbering levels per list: num_id -> [(numFmt, lvlText)], level 0 first
    lists: dict[int, list[tuple[str, str]]] = field(default_factory=dict)

    def write(self, path: Path, *, deleted: str | None = None) -> None:
        body = []
        for b in self.blocks:
            if isinstance(b, str):
                body.append(_p(b, deleted))
            elif isinstance(b, Numbered):
                num = f'<w:pPr><w:numPr><w:ilvl w:val="{b.ilvl}"/><w:numId w:val="{b.num_id}"/></w:numPr></w:pPr>'
                body.append(f"<w:p>{num}<w:r><w:t>{escape(b.text)}</w:t></w:r></w:p>")
            else:
                rows = "".join(
                    "<w:tr>"
                    + "".join(f"<w:tc>{''.join(_p(x) for x in c.split(chr(10)))}</w:tc>" for c in r)
                    + "</w:tr>"
                    for r in b
                )
                body.append(f"<w:tbl>{rows}</w:tbl>")
        doc = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>{"".join(body)}</w:body></w:document>'
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", _TYPES)
            z.writestr("_rels/.rels", _RELS)
            z.writestr("word/document.xml", doc)
            if self.lists:
                z.writestr("word/numbering.xml", _numbering(self.lists))


def _p(text: str, deleted: str | None = None) -> str:
    runs = []
    for k, part in enumerate(text.split("\t")):
        if k:
            runs.append("<w:r><w:tab/></w:r>")
        runs.append(f'<w:r><w:t xml:space="preserve">{escape(part)}</w:t></w:r>')
    if deleted:  # a tracked deletion inside the paragraph: not text any more
        runs.insert(1, f"<w:del><w:r><w:delText>{escape(deleted)}</w:delText></w:r></w:del>")
    return f"<w:p>{''.join(runs)}</w:p>"


def _numbering(lists: dict[int, list[tuple[str, str]]]) -> str:
    out = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="{W}">']
    for n, levels in lists.items():
        out.append(f'<w:abstractNum w:abstractNumId="{n}">')
        for i, (fmt, text) in enumerate(levels):
            out.append(
                f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{escape(text)}"/></w:lvl>'
            )
        out.append("</w:abstractNum>")
    for n in lists:
        out.append(f'<w:num w:numId="{n}"><w:abstractNumId w:val="{n}"/></w:num>')
    out.append("</w:numbering>")
    return "".join(out)
