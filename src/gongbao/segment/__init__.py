"""segment: masthead, TOC, document boundaries, jump fragments re-attached.

Entry point: ``segment(source_text, lines) -> Segmented``. Guarantees: every normalized
line is either in exactly one document (in reading order) or in the residue with a
reason (masthead, toc, marker); documents are listed in printed order.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from gongbao.grammar.lines import squeeze
from gongbao.model import Line, Masthead, Residue, TocEntry
from gongbao.segment.documents import (
    Header,
    RawDocument,
    assemble,
    find_body_start,
    find_headers,
    split_regions,
)
from gongbao.segment.toc import find_toc_start, parse_masthead, parse_toc


@dataclass(slots=True)
class Segmented:
    masthead: Masthead
    toc: list[TocEntry]
    documents: list[RawDocument]
    toc_index: list[int | None]  # for each document, its TOC entry
    residue: list[Residue] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def segment(source: str, lines: list[Line]) -> Segmented:
    """Split normalized ``lines`` of ``source`` into masthead, TOC and documents."""
    residue: list[Residue] = []
    warnings: list[str] = []
    toc_start = find_toc_start(lines)
    masthead = Masthead()
    toc: list[TocEntry] = []
    begin = 0
    if toc_start is not None:
        masthead = parse_masthead(lines[:toc_start])
        for ln in lines[:toc_start]:
            residue.append(Residue(ln.start, ln.end, "masthead"))
        lines = lines[: toc_start + 1] + strip_furniture(lines[toc_start + 1 :], masthead, residue)
        body = find_body_start(lines, toc_start)
        toc, _ = parse_toc(lines[toc_start:body])
        for ln in lines[toc_start:body]:
            residue.append(Residue(ln.start, ln.end, "toc"))
        # the TOC's section names (市政府文件…) printed again at the top of each page are running heads
        sections = {e.section for e in toc if e.section}
        lines = lines[:body] + _strip_running_sections(lines[body:], sections, residue)
        headers = find_headers(lines, body)
        begin = body
    else:
        lines = strip_furniture(lines, None, residue)
        headers = find_headers(lines, 0)
        first = headers[0].start if headers else len(lines)
        head_lines = lines[:first]
        if head_lines and any(squeeze(ln.text).endswith("公报") for ln in head_lines[:5]):
            masthead = parse_masthead(head_lines)
            for ln in head_lines:
                residue.append(Residue(ln.start, ln.end, "masthead"))
        elif head_lines:
            # text before the first recognised header is a document of its own
            headers.insert(0, Header("untitled", 0, 1 if head_lines else 0, None, None, squeeze(head_lines[0].text)))
        begin = 0
    if not headers and begin < len(lines):
        headers = [Header("untitled", begin, begin + 1, None, None, squeeze(lines[begin].text))]

    regions = split_regions(lines, headers, len(lines))
    toc_index = _match_toc(toc, headers)
    pages = _page_ranges(toc, toc_index)
    pair_counts = _pair_counts(source)
    docs = assemble(regions, pages, pair_counts, residue, warnings)
    return Segmented(masthead, toc, docs, toc_index, residue, warnings)


_PAGE_NUMBER = re.compile(r"[-—–－·\s]*(?:第\s*)?\d{1,3}(?:\s*页)?[-—–－·\s]*|\d{1,3}\s*/\s*\d{1,3}")
_ISSUE_LINE = re.compile(
    r"(?:(?:19|20)\d\d年)?第\d{1,3}(?:[-—–]\d{1,3})?期(?:[（(]总第\d{1,5}(?:[-—–]\d{1,5})?期[）)])?"
)


def strip_furniture(lines: list[Line], masthead: Masthead | None, residue: list[Residue]) -> list[Line]:
    """Drop page furniture printed on every page (page numbers, the running head with the
    gazette's name or issue number) into the residue, so text cut by a page break re-joins."""
    name = masthead.gazette if masthead else None
    kept: list[Line] = []
    for ln in lines:
        t = squeeze(ln.text)
        furniture = bool(_PAGE_NUMBER.fullmatch(ln.text.strip())) or bool(_ISSUE_LINE.fullmatch(t))
        if name and (t == name or (t.startswith(name) and _ISSUE_LINE.fullmatch(t[len(name) :]))):
            furniture = True
        if furniture:
            residue.append(Residue(ln.start, ln.end, "page_furniture"))
        else:
            kept.append(ln)
    return kept


def _strip_running_sections(lines: list[Line], sections: set[str], residue: list[Residue]) -> list[Line]:
    if not sections:
        return lines
    kept: list[Line] = []
    for ln in lines:
        t = squeeze(ln.text).lstrip("◎●■◆★☆□○◇·•")
        if t in sections:
            residue.append(Residue(ln.start, ln.end, "page_furniture"))
        else:
            kept.append(ln)
    return kept


def _match_toc(toc: list[TocEntry], headers: list[Header]) -> list[int | None]:
    out: list[int | None] = []
    used: set[int] = set()
    for h in headers:
        found = None
        for k, e in enumerate(toc):
            if k in used:
                continue
            if h.doc_number and e.doc_number == h.doc_number:
                found = k
                break
            if h.title and e.title and (squeeze(h.title).endswith(e.title) or e.title == squeeze(h.title)):
                if not (h.doc_number and e.doc_number):
                    found = k
                    break
        if found is not None:
            used.add(found)
        out.append(found)
    return out


def _page_ranges(toc: list[TocEntry], toc_index: list[int | None]) -> list[tuple[int, int] | None]:
    starts = sorted({e.page for e in toc if e.page is not None})
    out: list[tuple[int, int] | None] = []
    for k in toc_index:
        if k is None or toc[k].page is None:
            out.append(None)
            continue
        p = toc[k].page
        assert p is not None
        later = [s for s in starts if s > p]
        out.append((p, later[0] - 1 if later else 10**6))
    return out


class _PairCounts(Counter):
    """How often a pair of adjacent characters occurs in the issue, counted on demand:
    a reader's sense of which join makes a word (单+位 rather than 有+位)."""

    def __init__(self, source: str) -> None:
        super().__init__()
        self._source = source

    def __missing__(self, pair: str) -> int:
        n = self._source.count(pair)
        self[pair] = n
        return n


def _pair_counts(source: str) -> Counter[str]:
    return _PairCounts(source)
