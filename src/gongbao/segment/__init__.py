"""segment: masthead, TOC, document boundaries, jump fragments re-attached.

Entry point: ``segment(source_text, lines) -> Segmented``. Guarantees: every normalized
line is either in exactly one document (in reading order) or in the residue with a
reason (masthead, toc, marker); documents are listed in printed order.
"""

from __future__ import annotations

import bisect
import operator
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from gongbao.grammar.dates import is_date_line
from gongbao.grammar.docnumber import doc_number_of, same_order_number
from gongbao.grammar.forms import (
    KIND_WORDS,
    ends_like_title,
    is_colophon_line,
    is_issue_line,
    is_masthead_name,
    item_kind,
    section_name,
)
from gongbao.grammar.lines import is_complete, is_issuer_line, opens_history_wrapped, squeeze, starts_unit
from gongbao.grammar.outline import DISTRIBUTION, PUBLISHED_NOTE
from gongbao.model import Line, Masthead, Residue, TocEntry, Warning
from gongbao.segment.documents import (
    MAX_TITLE_LINES,
    Header,
    RawDocument,
    assemble,
    cut,
    find_body_start,
    find_headers,
    split_regions,
)
from gongbao.segment.furniture import strip_furniture
from gongbao.segment.locate import TitleIndex, bigrams, key, similarity, title_shaped
from gongbao.segment.toc import MASTHEAD_FIELD, find_toc_start, parse_masthead, parse_toc


@dataclass(slots=True)
class Segmented:
    masthead: Masthead
    toc: list[TocEntry]
    documents: list[RawDocument]
    toc_index: list[int | None]  # for each document, its TOC entry
    residue: list[Residue] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def segment(source: str, lines: list[Line]) -> Segmented:
    """Split normalized ``lines`` of ``source`` into masthead, TOC and documents.

    With a TOC, the TOC is the strongest evidence of where documents start: each entry's
    title is found again in the body (by similarity, see ``segment.locate``), next to the
    headers recognised by shape (文号 lines, 令 headers, chronicles, republished
    regulations). Without one, a document starts at a header shape or at a title-shaped
    block after the end of the previous document (its date line).
    """
    residue: list[Residue] = []
    warnings: list[str] = []
    lines = split_addressee_numbers(lines)
    toc_start = find_toc_start(lines)
    masthead = Masthead()
    toc: list[TocEntry] = []
    if toc_start is not None:
        masthead = parse_masthead(lines[:toc_start])
        for ln in lines[:toc_start]:
            residue.append(Residue(ln.start, ln.end, "masthead"))
        rest = strip_furniture(source, lines[toc_start + 1 :], residue, masthead.gazette)
        lines = lines[: toc_start + 1] + rest
        body = find_body_start(lines, toc_start)
        toc, _ = parse_toc(lines[toc_start:body])
        imprint = [ln for ln in lines[toc_start:body] if MASTHEAD_FIELD.match(squeeze(ln.text))]
        if imprint:  # 主管主办：… / 编辑出版：… printed under the TOC: the masthead's fields
            found = parse_masthead(imprint)
            for name in ("publisher", "sponsor", "address", "phone", "postcode", "permit"):
                if getattr(masthead, name) is None:
                    setattr(masthead, name, getattr(found, name))
        for ln in lines[toc_start:body]:
            residue.append(Residue(ln.start, ln.end, "toc"))
        # the TOC's section names (市政府文件…) printed again at the top of each page are running heads
        sections = {e.section for e in toc if e.section}
        lines = lines[:body] + _strip_running_sections(lines[body:], sections, residue)
        headers = find_headers(lines, body)
        headers, toc_index = place_toc(lines, body, toc, headers, warnings)
        begin = body
    else:
        begin = masthead_end(lines)
        if begin:
            masthead = parse_masthead(lines[:begin])
            for ln in lines[:begin]:
                residue.append(Residue(ln.start, ln.end, "masthead"))
        boundaries: set[int] = set()
        lines = lines[:begin] + strip_furniture(source, lines[begin:], residue, masthead.gazette, boundaries)
        untitled: dict[int, str] = {}  # line number -> the section heading the untitled item under it
        lines = _strip_section_lines(lines, begin, residue, boundaries, untitled)
        headers = title_headers(lines, begin, find_headers(lines, begin), boundaries)
        headers = _section_items(lines, headers, untitled)
        first = headers[0].start if headers else len(lines)
        if first > begin:
            # text before the first recognised header is a document of its own
            headers.insert(0, Header("untitled", begin, begin + 1, None, None, squeeze(lines[begin].text)))
        toc_index = [None] * len(headers)
    if not headers and begin < len(lines):
        headers = [Header("untitled", begin, begin + 1, None, None, squeeze(lines[begin].text))]
        toc_index = [None]

    headers, toc_index = merge_promulgated(lines, headers, toc_index)
    stop = colophon_start(lines, max(begin, headers[-1].end if headers else begin), source)
    for ln in lines[stop:]:
        residue.append(Residue(ln.start, ln.end, "colophon"))
    lines = lines[:stop]
    headers, toc_index, stops = drop_bodiless(source, lines, headers, toc_index, residue, warnings)
    regions = split_regions(lines, headers, len(lines), stops)
    pages = _page_ranges(toc, toc_index)
    pair_counts = _pair_counts(source)
    docs = assemble(regions, pages, pair_counts, residue, warnings)
    return Segmented(masthead, toc, docs, toc_index, residue, warnings)


def drop_bodiless(
    source: str,
    lines: list[Line],
    headers: list[Header],
    toc_index: list[int | None],
    residue: list[Residue],
    warnings: list[str],
) -> tuple[list[Header], list[int | None], list[int]]:
    """A header with no line under it, followed right away by another header (a 文号 or title
    line, then the next 文号 or title), is not a document: the TOC does not list it and it has
    no text. Its lines become residue ``unassigned`` (one item and one ``unassigned_text``
    warning per run of such lines), and the headers left are returned with, for each, where
    its region stops. This also keeps a hostile text of bare 文号 lines from becoming one small
    document per line."""
    n = len(headers)
    keep_h: list[Header] = []
    keep_i: list[int | None] = []
    stops: list[int] = []
    run: list[tuple[int, int, int]] = []  # (start, end, line number) of the dropped lines' text

    def flush() -> None:
        if not run:
            return
        a, b, no = run[0]
        for s, e, line_no in run[1:]:
            if s > b and source[b:s].strip():  # visible text between (furniture): a new item
                _unassigned(source, a, b, no, residue, warnings)
                a, no = s, line_no
            b = max(b, e)
        _unassigned(source, a, b, no, residue, warnings)
        run.clear()

    for k, h in enumerate(headers):
        nxt = headers[k + 1].start if k + 1 < n else len(lines)
        if k + 1 < n and nxt <= h.end and toc_index[k] is None and h.kind != "untitled":
            for ln in lines[h.start : min(h.end, nxt)]:
                run.extend((s.start, s.end, ln.no) for s in ln.mt.source_spans())
            continue
        if _bare_number(h, toc_index[k]) and not any(_prose(ln.text) for ln in lines[h.end : nxt]):
            # a 文号 with no title, no issuer and not one sentence or date under it (…／国发〔2024〕1号 /
            # 第一条 / 目录 /…): nothing here reads as a document
            for ln in lines[h.start : nxt]:
                run.extend((s.start, s.end, ln.no) for s in ln.mt.source_spans())
            continue
        flush()
        keep_h.append(h)
        keep_i.append(toc_index[k])
        stops.append(nxt)
    flush()
    if len(keep_h) == n:
        return headers, toc_index, stops
    return keep_h, keep_i, stops


def _bare_number(h: Header, toc_k: int | None) -> bool:
    """A header that is a 文号 alone: no title, no issuer, not listed in the TOC."""
    return h.kind == "file" and h.title is None and h.issuer is None and toc_k is None and h.end - h.start == 1


_PROSE_MARK = re.compile(r"[。；;，,：:！？]")


def _prose(text: str) -> bool:
    """A line that reads as a document's text: a sentence mark in it, or a date line."""
    return _PROSE_MARK.search(text) is not None or is_date_line(squeeze(text))


def _unassigned(source: str, a: int, b: int, line: int, residue: list[Residue], warnings: list[str]) -> None:
    residue.append(Residue(a, b, "unassigned"))
    text = source[a:b]
    shown = text if len(text) <= 40 else text[:40] + "…"
    warnings.append(
        Warning(
            "unassigned_text",
            f"{len(text)} characters of header lines with no text under them (not documents): {shown!r}",
            line,
        )
    )


_ADDRESSEE_NUMBER = re.compile(
    r"^(?P<a>各.{1,120}?[：:])\s*(?P<n>[\u4e00-\u9fff]{1,12}[〔\[【（(［](?:19|20)\d\d[〕\]】）)］]\s*\d{1,5}\s*号)$"
    r"|^(?P<n2>[\u4e00-\u9fff]{1,12}[〔\[【（(［](?:19|20)\d\d[〕\]】）)］]\s*\d{1,5}\s*号)\s*(?P<a2>各.{1,120}[：:])$"
)


def split_addressee_numbers(lines: list[Line]) -> list[Line]:
    """A 文号 printed on the addressee's line (各省、自治区、直辖市人民政府：　国发〔1999〕15号, as
    OCR reads a 1990s State Council Gazette) becomes a 文号 line followed by the addressee line,
    the shape every other rule knows."""
    out: list[Line] = []
    for ln in lines:
        t = ln.text
        m = _ADDRESSEE_NUMBER.match(t.strip()) if "号" in t and "各" in t and ("：" in t or ":" in t) else None
        if m is None:
            out.append(ln)
            continue
        lead = len(ln.text) - len(ln.text.lstrip())
        if m.group("n"):
            a, b = m.span("a")
            c, d = m.span("n")
            out.append(cut(ln, lead + c, lead + d))
            out.append(cut(ln, lead + a, lead + b))
        else:
            c, d = m.span("n2")
            a, b = m.span("a2")
            out.append(cut(ln, lead + c, lead + d))
            out.append(cut(ln, lead + a, lead + b))
    return out


def merge_promulgated(
    lines: list[Line], headers: list[Header], toc_index: list[int | None]
) -> tuple[list[Header], list[int | None]]:
    """A 令 (or a numbered 公告) and the instrument it promulgates printed right under it with its
    own title and history (主席令（九届第37号）/ 《中华人民共和国国家通用语言文字法》已由…通过，现予
    公布 / 中华人民共和国国家通用语言文字法 / （2000年10月31日…通过）) are one document when the
    TOC does not list both apart: the order's text is its promulgation."""
    out_h: list[Header] = []
    out_i: list[int | None] = []
    for k, h in enumerate(headers):
        prev = out_h[-1] if out_h else None
        if (
            prev is not None
            and prev.kind == "order"
            and prev.title is None
            and h.kind == "republished"
            and h.start == prev.end
            and toc_index[k] is None
        ):
            # the instrument printed right under its 令 with no preface (国家市场监督管理总局令 /
            # 第56号 / 明码标价和禁止价格欺诈规定 / （2022年4月14日…公布…）): one document, titled by it
            out_h[-1] = Header("order", prev.start, h.end, prev.doc_number, prev.issuer, h.title)
            if out_i[-1] is None:
                out_i[-1] = toc_index[k]
            continue
        if (
            prev is not None
            and prev.kind == "order"
            and (h.kind == "republished" or (h.kind == "file" and h.doc_number is None))
            and (toc_index[k] is None or out_i[-1] is None)
            and h.title
            and key(_promulgates(lines[prev.end : min(h.start, prev.end + 6)]) or "") == key(h.title)
        ):
            if out_i[-1] is None:
                out_i[-1] = toc_index[k]  # the TOC lists the instrument, not the order publishing it
            continue
        out_h.append(h)
        out_i.append(toc_index[k])
    return out_h, out_i


_PROMULGATED = re.compile(r"《([^《》]{2,80})》")


def _promulgates(lines: list[Line]) -> str | None:
    """The title an order's text promulgates: the first 《X》 of its first line saying 公布/发布."""
    for ln in lines:
        t = squeeze(ln.text)
        if "公布" in t or "发布" in t:
            m = _PROMULGATED.search(t)
            return m.group(1) if m else None
    return None


def colophon_start(lines: list[Line], floor: int, source: str = "") -> int:
    """Where the colophon (版权页) at the end of the issue begins, else ``len(lines)``: the
    last page when it is a colophon page (at least two colophon lines, the rest short lines
    with no sentence: 编辑·出版：/ 中华人民共和国国务院秘书厅 / 本期定价：…), or a trailing run
    of at least two colophon lines."""
    n = len(lines)
    brk = source.rfind("\f", lines[floor].start, lines[-1].start) if floor < n else -1
    if brk >= 0:
        page = next((i for i in range(floor, n) if lines[i].start > brk), n)
        if n - page >= 2:
            texts = [squeeze(ln.text) for ln in lines[page:]]
            fields = sum(1 for t in texts if is_colophon_line(t))
            if fields >= 2 and all(is_colophon_line(t) or (len(t) <= 30 and "。" not in t) for t in texts):
                return page
    i = n
    while i - 1 >= floor and is_colophon_line(lines[i - 1].text):
        i -= 1
    return i if n - i >= 2 else n


def _strip_running_sections(lines: list[Line], sections: set[str], residue: list[Residue]) -> list[Line]:
    if not sections:
        return lines
    kept: list[Line] = []
    for ln in lines:
        t = squeeze(ln.text).lstrip("◎●■◆★☆□○◇·•【").rstrip("】")
        if t in sections:
            residue.append(Residue(ln.start, ln.end, "page_furniture"))
        else:
            kept.append(ln)
    return kept


def _masthead_line(t: str) -> bool:
    """A line a masthead is made of: the name, the issue line, the year, an English name,
    a field (主办：…), or a short line above the name (中华人民共和国)."""
    if is_masthead_name(t) or is_issue_line(t) or re.fullmatch(r"(?:19|20)\d\d", t):
        return True
    if t.isascii():
        return True
    if t.endswith("主办") and is_issuer_line(t[:-2]):
        return True  # 北京市人民政府办公厅主办 (parse_masthead reads it as the sponsor)
    dated = t.removesuffix("出版").removesuffix("发行").removesuffix("印发")
    if dated != t and is_date_line(dated):
        return True  # 2024年12月31日出版 (parse_masthead reads it as the issue's date)
    return bool(MASTHEAD_FIELD.match(t))


def masthead_end(lines: list[Line], limit: int = 30) -> int:
    """How many leading lines are a masthead (0 when the text starts with a document).
    A title ending in 公报 (关于中苏举行会谈的公报) is not a masthead: a gazette's name
    is an issuer's name followed by 公报."""
    end = 0
    named = False
    for i, ln in enumerate(lines[:limit]):
        t = squeeze(ln.text)
        nxt = squeeze(lines[i + 1].text) if i + 1 < len(lines) else ""
        if _masthead_line(t):
            named = named or is_masthead_name(t) or is_issue_line(t)
            end = i + 1
        elif len(t) <= 10 and is_masthead_name(nxt):
            end = i + 1
        else:
            break
    return end if named else 0


def place_toc(
    lines: list[Line], body: int, toc: list[TocEntry], headers: list[Header], warnings: list[str]
) -> tuple[list[Header], list[int | None]]:
    """Match each TOC entry to a document start: a header found by shape (same 文号, or a
    similar title), else its title found again in the body after the previous entry's start.
    Returns the headers in order and, for each, its TOC entry. Warns ``toc_unmatched`` for an
    entry with no document and ``document_unlisted`` for a document the TOC does not list."""
    entry_of: dict[int, int] = {}  # header index -> entry
    used: set[int] = set()
    for hi, h in enumerate(headers):
        for k, e in enumerate(toc):
            if k in used:
                continue
            if (h.doc_number and same_order_number(e.doc_number, h.doc_number)) or (
                h.title and e.title and not (h.doc_number and e.doc_number) and _same_title(h.title, e.title)
            ):
                entry_of[hi] = k
                used.add(k)
                break
    placed: dict[int, Header] = {entry_of[hi]: headers[hi] for hi in entry_of}
    index: TitleIndex | None = None  # built when a TOC entry is not placed by a header's shape
    cursor = body
    new: list[Header] = []
    for k, e in enumerate(toc):
        if k in placed:
            cursor = max(cursor, placed[k].end)
            continue
        later = [h.start for kk, h in placed.items() if kk > k and h.start >= cursor]
        hi = min(later) if later else len(lines)
        if index is None:
            index = TitleIndex(lines)
        found = index.find(e.title, cursor, hi)
        if found is None:
            warnings.append(Warning("toc_unmatched", f"TOC entry not found in the body: {e.title}", _line_no(lines, e)))
            continue
        a, b, _ = found
        owner = next((h for h in headers if h.start <= a < h.end), None)
        if owner is not None:  # the title is part of a header found by shape
            hi_owner = headers.index(owner)
            if hi_owner not in entry_of:
                entry_of[hi_owner] = k
                placed[k] = owner
                cursor = max(cursor, owner.end)
                continue
        h = _titled_header(lines, a, b, cursor)
        new.append(h)
        placed[k] = h
        cursor = h.end
    all_headers = sorted([*headers, *new], key=lambda h: h.start)
    # a shape header inside a TOC title block (or the reverse) is the same document
    out: list[Header] = []
    for h in all_headers:
        if out and h.start < out[-1].end:
            keep = out[-1] if any(out[-1] is p for p in placed.values()) else h
            out[-1] = keep
            continue
        out.append(h)
    by_id = {id(h): k for k, h in placed.items()}
    toc_index: list[int | None] = [by_id.get(id(h)) for h in out]
    prev: Header | None = None
    prev_entry: int | None = None
    for j, (h, entry) in enumerate(zip(out, toc_index, strict=True)):
        prev_kind = prev.kind if prev is not None else None
        if entry is None and h.kind == "order" and j + 1 < len(out) and toc_index[j + 1] is not None:
            if out[j + 1].kind == "republished":
                prev = h
                continue  # a 令/公告 over the instrument it publishes, listed by the instrument's title
        # the instrument printed again under the 令 that promulgates it is that 令's text, listed
        # with it (广州市人民政府关于修改…的决定 / 广州市人民政府令第5号 / … / the decision's title again)
        again = prev is not None and bool(h.title and prev.title) and _same_title(h.title or "", prev.title or "")
        if not again and prev is not None and prev.kind == "order" and prev_entry is not None and h.title:
            # the TOC lists the 令 by the title of what it publishes (达州市人民政府关于废止部分政策性文件的
            # 决定 / （达州市人民政府令第48号）): that title printed under the 令 is the same document
            again = _same_title(h.title, toc[prev_entry].title)
        if entry is None and not again and not (h.kind == "republished" and prev_kind in ("order", "republished")):
            warnings.append(
                Warning(
                    "document_unlisted",
                    f"document not listed in the TOC: {h.title or h.doc_number}",
                    lines[h.start].no,
                )
            )
        prev, prev_entry = h, entry
    return out, toc_index


def _line_no(lines: list[Line], e: TocEntry) -> int | None:
    if e.span is None:
        return None
    k = bisect.bisect_left([ln.start for ln in lines], e.span.start)
    return lines[k].no if k < len(lines) else None


def _same_title(a: str, b: str) -> bool:
    sa, sb = squeeze(a), squeeze(b)
    return sa == sb or sa.endswith(sb) or similarity(sa, sb) >= 0.8


def _titled_header(lines: list[Line], a: int, b: int, floor: int) -> Header:
    """A header for the title printed on ``lines[a:b]``, with an issuer line or 文号 line
    printed right above it and a 文号 line (bare or in brackets) right below it."""
    start, end = a, b
    issuer = number = None
    if start - 1 >= floor and is_issuer_line(lines[start - 1].text):
        start -= 1
        issuer = squeeze(lines[start].text)
    if (
        end < len(lines)
        and issuer is None
        and "、" in lines[end].text
        and is_issuer_line(lines[end].text.replace("、", " "))
    ):
        # a line of joint issuers under the title (关于…的通知 / 财政部、司法部)
        issuer = " ".join(lines[end].text.replace("、", " ").split())
        end += 1
    if end < len(lines):
        number = doc_number_of(lines[end].text)
        if number:
            end += 1
    title = "".join(squeeze(ln.text) for ln in lines[a:b])
    return Header("file", start, end, number, issuer, title)


_PLACE_DATE = re.compile(
    r"(?:(?:19|20)\d\d|[〇○零一二三四五六七八九]{4})年[\d十一二三四五六七八九]{1,3}月[\d十一二三四五六七八九]{1,3}日"
    r"(?:于[\u4e00-\u9fff]{1,8})?"
)
_ADOPTED = re.compile(r"[（(]?.{0,40}(?:制定|批准|通过|公布|发布|施行)[）)]?")
_ATTACHMENT_KINDS = ("清单", "名单", "名录", "目录", "标准", "说明")


@lru_cache(maxsize=1 << 16)
def _ends_document(text: str) -> bool:
    """A line that closes a document: its date (一九五四年十月十四日于新德里), a signature
    (艾扬格（签字）), a publication note, the distribution lines."""
    t = squeeze(text)
    return (
        is_date_line(t)
        or bool(_PLACE_DATE.fullmatch(t))
        or t.endswith(("（签字）", "(签字)"))
        or bool(PUBLISHED_NOTE.match(t))
        or bool(DISTRIBUTION.match(text.strip()))
    )


@lru_cache(maxsize=1 << 16)
def _title_part(text: str) -> bool:
    """A line that can be part of a title block (not a table row: 12.流动电影放映设备 1)."""
    t = text.strip()
    return title_shaped(t) and not _ends_document(t) and not t[:1].isdigit() and not t[-1:].isdigit()


def _opens_body(text: str) -> bool:
    """The line under a title that opens a document: its date, a made/approved line, or
    the addressee (各省、自治区、直辖市人民政府： / 孔先生：)."""
    t = squeeze(text)
    return (
        is_date_line(t)
        or bool(_ADOPTED.fullmatch(t))
        or (t.endswith(("：", ":")) and len(t) <= 80 and not starts_unit(t))
    )


_BOOK_TITLE = re.compile(r"《([^《》]{2,80})》")


def _announced(title: str, prev_title: str, quoted: set[str]) -> bool:
    """The previous document announces ``title`` as its attachment: it names it in 《》
    (现将《…的意见》转发给你们) or its own title holds it (转发…意见的通知)."""
    k = key(title)
    if k in quoted or (prev_title and k in key(prev_title)):
        return True
    if not prev_title:
        return False
    mine, theirs = bigrams(k), bigrams(prev_title)
    return sum((mine & theirs).values()) >= 0.8 * max(1, sum(mine.values()))


def _strong_title(title: str, lines: list[Line], after: int) -> bool:
    """A title that is surely a document's own, not a heading inside one: 关于…/…的 + kind,
    a long kind word (任命人员, 联合公报), or a made/approved line right under it."""
    if starts_unit(title):
        return False
    kind = next((w for w in KIND_WORDS if title.endswith(w)), "")
    if "关于" in title or "的" in title[-len(kind) - 8 :] or len(kind) >= 4:
        return True
    return any(_ADOPTED.fullmatch(squeeze(ln.text)) for ln in lines[after : after + 2])


def _strip_section_lines(
    lines: list[Line], begin: int, residue: list[Residue], boundaries: set[int], untitled: dict[int, str] | None = None
) -> list[Line]:
    """In an issue without a TOC, a section name on a line of its own (政策解读, 【部门文件】)
    where a document may start (after a document's end or a divider) and over a title is a
    heading of the issue: residue ``section``, and a document starts under it. A name in 【】
    after a document's end over prose with no title (【政务信息】 / 1月31日下午，市长…主持召开…) heads
    an item of the issue with no title of its own: its line number goes to ``untitled`` with the
    section's name."""
    kept: list[Line] = []
    for i, ln in enumerate(lines):
        if (
            untitled is not None
            and i > begin
            and i + 1 < len(lines)
            and _bracketed(ln.text)
            and (name := section_name(ln.text)) is not None
            and (ln.no in boundaries or _ends_document(lines[i - 1].text))
            and not _title_block_below(lines, i)
            and is_complete(lines[i + 1].text)
        ):
            residue.append(Residue(ln.start, ln.end, "section"))
            boundaries.add(lines[i + 1].no)
            untitled[lines[i + 1].no] = name
            continue
        if (
            i >= begin
            and i + 1 < len(lines)
            and len(ln.text) <= 14
            and section_name(ln.text) is not None
            and (
                (
                    (i == begin or ln.no in boundaries or _ends_document(lines[i - 1].text))
                    and ends_like_title(squeeze(lines[i + 1].text))
                    and title_shaped(lines[i + 1].text)
                )
                # a name in 【】 heads a section wherever a page puts it (after a jump-out, after a
                # continuation's last line), over a title of one to four lines
                or (_bracketed(ln.text) and _title_block_below(lines, i))
            )
        ):
            residue.append(Residue(ln.start, ln.end, "section"))
            boundaries.add(lines[i + 1].no)
            continue
        kept.append(ln)
    return kept


_ANNEX_NAMED = re.compile(r"附件[0-9一二三四五六七八九十]*[：:](?:[0-9]{1,2}[.．、])?(?P<t>[^：:。；]{4,80})")


def _annex_named(text: str) -> str | None:
    """The attachment a 附件 line names inline (附件：鄂城区部分镇（街）拟命名道路基本情况表),
    else ``None`` (a bare label 附件 / 附件1 heads the attachment printed under it)."""
    m = _ANNEX_NAMED.fullmatch(squeeze(text))
    return m.group("t") if m else None


def _own_item_title(title: str) -> bool:
    """A title naming an item of its own kind: a 说明, 公示, 解读… (grammar item_kinds and the
    解读 kinds), not a list or table (…名单, …情况表) an attachment is."""
    return item_kind(title) is not None or title.endswith("解读")


def _section_items(lines: list[Line], headers: list[Header], untitled: dict[int, str]) -> list[Header]:
    """An item under a section heading with no title of its own (``untitled``): a header with
    no header lines, titled by the section's name (政务信息), unless a header starts there."""
    if not untitled:
        return headers
    starts = {h.start for h in headers}
    extra = [
        Header("file", i, i, None, None, untitled[ln.no])
        for i, ln in enumerate(lines)
        if ln.no in untitled and i not in starts
    ]
    return sorted([*headers, *extra], key=lambda h: h.start)


def _history_below(lines: list[Line], k: int) -> bool:
    """Line ``k`` opens a history (an adoption line), read with the lines it wraps onto inside
    its bracket (（2020年4月24日…第二十一次会 / 议通过）)."""
    if k >= len(lines):
        return False
    return opens_history_wrapped([ln.text for ln in lines[k : k + 4]])


def _bracketed(text: str) -> bool:
    t = text.strip()
    return t.startswith("【") and t.endswith("】")


def _title_block_below(lines: list[Line], i: int) -> bool:
    """Lines ``i+1``… (one to four, title-shaped) end the way a title ends."""
    parts: list[str] = []
    for k in range(i + 1, min(len(lines), i + 1 + MAX_TITLE_LINES)):
        if not title_shaped(lines[k].text):
            return False
        parts.append(squeeze(lines[k].text))
        if ends_like_title("".join(parts)):
            return True
    return False


def title_headers(
    lines: list[Line], begin: int, headers: list[Header], boundaries: set[int] | frozenset[int] = frozenset()
) -> list[Header]:
    """Headers by shape plus title blocks (1–4 title-shaped lines ending like a title: …的通知,
    …的联合公报, …的信, …的照会) that stand where a document starts: at ``begin`` or after the
    line that closed the previous document. A title that the previous document announces
    (印发/转发《…》, or after 附件) is its attachment, not a new document."""
    n = len(lines)
    taken = [False] * n
    for h in headers:
        for i in range(h.start, min(h.end, n)):
            taken[i] = True
    starts = {h.start: h for h in reversed(headers)}  # the first header at each start
    out = list(headers)
    prev_title = ""
    quoted: set[str] = set()  # 《…》 named since the last document start
    i = begin
    while i < n:
        if i in starts:
            h = starts[i]
            prev_title = h.title or ""
            quoted = set()
            i = max(h.end, i + 1)
            continue
        if "《" in lines[i].text:
            quoted.update(key(q) for q in _BOOK_TITLE.findall(lines[i].text))
        if (named := _annex_named(lines[i].text)) is not None:
            quoted.add(key(named))  # 附件：…基本情况表 announces that title as an attachment
        if not taken[i]:
            j = i
            while (
                j < min(n, i + 4)
                and _title_part(lines[j].text)
                and not taken[j]
                and not ends_like_title(lines[j].text)
                and not (j > i and starts_unit(lines[j].text))
            ):
                j += 1
            if (
                j > i
                and j < n
                and starts_unit(lines[j].text)
                and not any(starts_unit(ln.text) or "：" in ln.text or ":" in ln.text for ln in lines[i:j])
                and not squeeze(lines[i].text).startswith("附")
                and (i == begin or _ends_document(lines[i - 1].text))
            ):
                # 市政府工作报告重点工作责任分解(2023年) / 一、全市…预期目标: the outline's first
                # heading opens the body, it is no line of the title above it.
                j -= 1
                unit_below = True
            else:
                unit_below = False
            if (
                j < min(n, i + 4)
                and _title_part(lines[j].text)
                and not taken[j]
                and (ends_like_title(lines[j].text) or unit_below)
            ):
                title = "".join(squeeze(ln.text) for ln in lines[i : j + 1])
                opened = i == begin or lines[i].no in boundaries or _ends_document(lines[i - 1].text)
                nxt = lines[j + 1].text if j + 1 < n else ""
                framed = is_complete(lines[i - 1].text) or _opens_body(nxt)
                announced = _announced(title, prev_title, quoted)
                after_annex = i > 0 and squeeze(lines[i - 1].text).startswith("附件")
                named_above = _annex_named(lines[i - 1].text) if i > 0 else None
                if named_above is not None and not announced and _own_item_title(title):
                    # the 附件 line names its attachment (附件：…拟命名道路基本情况表) and closes the
                    # body above; a title that is not that attachment's starts the next item
                    # (《…》（征求意见稿）征求社会公众意见反馈情况说明)
                    opened, after_annex = True, False
                if (
                    (opened or (framed and _strong_title(title, lines, j + 1)))
                    and not (announced or after_annex)
                    # a list is an attachment's title (…名单, …清单), unless adopted on its own: a
                    # dated adoption line under it (…任免名单 / （2020年4月24日…会议通过）)
                    and not (
                        title.endswith(_ATTACHMENT_KINDS)
                        and not _history_below(lines, j + 1)
                        and not (named_above is not None and _own_item_title(title))
                    )
                    and len(title) >= 4
                    and j + 1 < n
                    and not (is_issuer_line(lines[j].text) and "的" not in lines[j].text)
                ):
                    h = _titled_header(lines, i, j + 1, i)
                    out.append(h)
                    prev_title = title
                    quoted = set()
                    i = h.end
                    continue
                if announced or after_annex:
                    # the whole block is the attachment's title: its last line is not a title of
                    # its own (附件1 / 关于湖北省巴东县… / 地质险情调研情况的报告)
                    i = j + 1
                    continue
        i += 1
    return sorted(out, key=lambda h: h.start)


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
        self._misses = 0
        self._all = False

    def __missing__(self, pair: str) -> int:
        self._misses += 1
        if self._misses > _PAIR_MISSES and not self._all and len(pair) == 2:
            # many pairs asked for (hostile input): one pass counts them all instead of one pass
            # over the issue per pair
            self.clear()
            self.update(_all_pairs(self._source))
            self._all = True
        if self._all and len(pair) == 2:
            return self.get(pair, 0)  # every pair of the issue is counted: absent ones are 0
        n = self._source.count(pair)
        self[pair] = n
        return n


def _all_pairs(source: str) -> Counter[str]:
    """``source.count(pair)`` for every pair of adjacent characters of ``source``: all
    occurrences, except that a run of one character (xxx) holds ``"xx"`` without overlap."""
    out = Counter(map(operator.add, source, source[1:]))
    for m in _RUN.finditer(source):
        n = m.end() - m.start()
        out[m.group(1) * 2] -= (n - 1) - n // 2
    return out


_RUN = re.compile(r"(.)\1{2,}", re.S)  # runs of three or more of one character


_PAIR_MISSES = 256  # a gazette asks for a few dozen pairs


def _pair_counts(source: str) -> Counter[str]:
    return _PairCounts(source)
