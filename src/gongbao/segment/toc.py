"""Masthead and table of contents (目录)."""

from __future__ import annotations

import re

from gongbao.grammar.docnumber import FILE_NUMBER, ORDER_NUMBER
from gongbao.grammar.lines import squeeze
from gongbao.model import Line, Masthead, Span, TocEntry

_TOC_HEAD = re.compile(r"目\s*录|目\s*次|本期目录")
_SECTION = re.compile(r"^[◎●■◆★☆□○◇·•]\s*(?P<name>.+)$")
_ISSUE = re.compile(r"(?:(?P<y>(?:19|20)\d\d)\s*年\s*)?第\s*(?P<a>\d{1,3})(?:\s*[-—–~至、]\s*(?P<b>\d{1,3}))?\s*期")
_CUMUL = re.compile(r"总\s*第\s*(?P<a>\d{1,5})(?:\s*[-—–~至、]\s*(?P<b>\d{1,5}))?\s*期")
_FIELDS = [
    (re.compile(r"^(?:主管主办|主管、主办|主办单位|主管单位|主办|主管)\s*[：:]\s*(?P<v>.*)$"), "sponsor"),
    (re.compile(r"^(?:编辑出版|编辑发行|编辑|出版|编印|出版发行)\s*[：:]\s*(?P<v>.*)$"), "publisher"),
    (re.compile(r"^(?:地址|社址)\s*[：:]\s*(?P<v>.*)$"), "address"),
    (re.compile(r"^(?:电话|联系电话)\s*[：:]\s*(?P<v>.*)$"), "phone"),
    (re.compile(r"^(?:邮编|邮政编码)\s*[：:]\s*(?P<v>.*)$"), "postcode"),
    (
        re.compile(r"^(?:刊号|准印证号|内部资料准印证|内部资料性出版物准印证号|国内统一刊号)\s*[：:]\s*(?P<v>.*)$"),
        "permit",
    ),
]
# 关于…的通知（聊政字〔2024〕15号）……22 : title, 文号 and page on one line
_INLINE = re.compile(
    r"^(?P<title>.+?)[（(](?P<num>[\u4e00-\u9fff]{1,12}〔(?:19|20)\d\d〕\d{1,5}号|[\u4e00-\u9fff]{2,20}令第\d{1,5}号)[）)][.…·]*(?P<page>\d{1,4})?$"
)
# section headings printed without a bullet: 国务院文件 · 部门文件 · 政务动态 · 人事任免
_SECTION_NAME = re.compile(r"(?:文件|动态|信息|任免|法规|规章|解读|公告|资料|专栏|要闻)$")
_PAGE_TAIL = re.compile(r"^(?P<head>.*?\S)[\s.…·]+(?P<page>\d{1,4})\s*$")


def find_toc_start(lines: list[Line], limit: int = 200) -> int | None:
    """Index of the TOC heading line (目录, or 目 / 录 on two lines), searched near the top."""
    for i, ln in enumerate(lines[:limit]):
        t = squeeze(ln.text)
        if _TOC_HEAD.fullmatch(t):
            return i
        if t == "目" and i + 1 < len(lines) and squeeze(lines[i + 1].text) == "录":
            return i
    return None


def parse_masthead(lines: list[Line]) -> Masthead:
    """Read the masthead fields from the lines before the TOC."""
    m = Masthead()
    for i, ln in enumerate(lines):
        t = ln.text.strip()
        st = squeeze(t)
        if m.gazette is None and st.endswith("公报") and len(st) <= 30:
            m.gazette = st
        mi = _ISSUE.search(st)
        if mi and not m.issue_numbers and "总" not in st[: mi.start()][-2:]:
            a, b = int(mi.group("a")), mi.group("b")
            m.issue_numbers = list(range(a, int(b) + 1)) if b and 0 < int(b) - a < 12 else [a]
            if mi.group("y"):
                m.year = int(mi.group("y"))
        mc = _CUMUL.search(st)
        if mc and not m.cumulative:
            a, b = int(mc.group("a")), mc.group("b")
            m.cumulative = list(range(a, int(b) + 1)) if b and 0 < int(b) - a < 12 else [a]
        if m.year is None and re.fullmatch(r"(?:19|20)\d\d", st):
            m.year = int(st)
        for rx, name in _FIELDS:
            fm = rx.match(t)
            if fm and getattr(m, name) is None:
                value = squeeze(fm.group("v"))
                # a value wrapped onto the next line: 编辑出版：聊城市人民政府 / 办公室
                if i + 1 < len(lines):
                    nxt = squeeze(lines[i + 1].text)
                    if nxt and len(nxt) <= 8 and not any(r.match(nxt) for r, _ in _FIELDS) and "：" not in nxt:
                        value += nxt
                setattr(m, name, value)
    return m


def parse_toc(lines: list[Line]) -> tuple[list[TocEntry], list[int]]:
    """Parse TOC lines into entries; returns (entries, indices of lines that are TOC furniture).

    Accepted shapes: a section line (◎ 市政府文件); a title line followed by a 文号 line with a
    page number (聊政字〔2024〕15号 22) or without one; a title with its page on the same
    line (…大事记（2024年11月） 85); titles wrapped over two lines.
    """
    entries: list[TocEntry] = []
    section: str | None = None
    pending: list[Line] = []

    def flush(doc_number: str | None, page: int | None, extra: Line | None = None) -> None:
        nonlocal pending
        if not pending and extra is None:
            return
        parts = [*pending, *([extra] if extra else [])]
        title = squeeze("".join(p.text for p in pending))
        span = Span(parts[0].start, parts[-1].end)
        entries.append(TocEntry(section, title, doc_number, page, span))
        pending = []

    for ln in lines:
        t = ln.text.strip()
        st = squeeze(t)
        if _TOC_HEAD.fullmatch(st) or st in ("目", "录"):
            continue
        sm = _SECTION.match(t)
        if sm or (len(st) <= 12 and _SECTION_NAME.search(st) and not _looks_finished(st)):
            flush(None, None)
            section = squeeze(sm.group("name")) if sm else st
            continue
        im = _INLINE.match(st)
        if im and not pending:
            number = _doc_number(im.group("num"))
            page = int(im.group("page")) if im.group("page") else None
            entries.append(TocEntry(section, im.group("title"), number, page, Span(ln.start, ln.end)))
            continue
        raw_tail = _PAGE_TAIL.match(ln.raw.strip())
        page = int(raw_tail.group("page")) if raw_tail else None
        head = squeeze(raw_tail.group("head")) if raw_tail else st
        head_norm = squeeze(t[: len(t) - len(raw_tail.group("page"))]).rstrip(".…·") if raw_tail else st
        number = _doc_number(head) or _doc_number(head_norm)
        if number is None and page is None:
            number = _doc_number(st)
        if number is not None:
            if pending:
                flush(number, page, ln)
            elif entries and entries[-1].doc_number is None:
                entries[-1].doc_number = number
                entries[-1].page = entries[-1].page or page
            continue
        if page is not None:
            if pending and not _looks_finished(squeeze("".join(p.text for p in pending))):
                title = squeeze("".join(p.text for p in pending)) + head_norm
                entries.append(TocEntry(section, title, None, page, Span(pending[0].start, ln.end)))
                pending = []
            else:
                flush(None, None)
                entries.append(TocEntry(section, head_norm, None, page, Span(ln.start, ln.end)))
            continue
        # a title line: a new title, or the continuation of a wrapped one
        if pending and not _looks_finished(squeeze("".join(p.text for p in pending))):
            pending.append(ln)
        else:
            flush(None, None)
            pending = [ln]
    flush(None, None)
    return entries, []


def _looks_finished(title: str) -> bool:
    return bool(
        re.search(
            r"(?:通知|决定|意见|办法|方案|预案|细则|规定|条例|批复|通告|公告|令|规划|措施|函|报告|大事记[）)]?)$", title
        )
    )


def _doc_number(s: str) -> str | None:
    m = FILE_NUMBER.fullmatch(s)
    if m:
        return f"{m.group('code')}〔{m.group('year')}〕{int(m.group('serial'))}号"
    m = ORDER_NUMBER.fullmatch(s)
    if m:
        return f"{m.group('issuer')}第{int(m.group('serial'))}号"
    return None
