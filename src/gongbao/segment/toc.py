"""Masthead and table of contents (目录)."""

from __future__ import annotations

import re

from gongbao.grammar.dates import is_date_line, parse_date
from gongbao.grammar.docnumber import BARE_ORDER_NUMBER, doc_number_of, serial_value
from gongbao.grammar.forms import TOC_HEAD, ends_like_title, is_masthead_name, section_name, toc_page
from gongbao.grammar.labels import CN
from gongbao.grammar.lines import cn_int, is_issuer_line, printed_width, squeeze
from gongbao.model import Line, Masthead, Span, TocEntry
from gongbao.normalize.lines import fold_width, normalize_line

_N = "[\\d〇○零一二三四五六七八九十百千]"
_ISSUE = re.compile(
    rf"(?:(?P<y>(?:19|20)\d\d|[〇○零一二三四五六七八九]{{4}})\s*年\s*)?第\s*(?P<a>{_N}{{1,4}})(?:\s*[-—–~至、]\s*(?P<b>{_N}{{1,4}}))?\s*[期号]"
)
_CUMUL = re.compile(
    rf"总\s*第?\s*(?P<a>{_N}{{1,6}})(?:\s*[-—–~至、]\s*(?P<b>{_N}{{1,6}}))?\s*[期号]"
    # the State Council Gazette since the 1980s: 1993年第2号（总号：720）
    rf"|总号\s*[：:]\s*(?P<a2>{_N}{{1,6}})"
)
MASTHEAD_FIELD = re.compile(
    r"^(?:主管主办|主管、主办|主办单位|主管单位|主办|主管|编辑出版|编辑发行|编辑|出版|编印|出版发行|地址|社址|电话|联系电话|邮编|邮政编码|刊号|准印证号|内部资料准印证|内部资料性出版物准印证号|国内统一刊号)\s*[：:]"
)
_SUPERVISOR = re.compile(r"^(?:主管单位|主管)\s*[：:]")
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
# the first characters of a line that continues a wrapped TOC title (no title starts with them)
_CONTINUES = ("的", "和", "及", "暨", "、", "）", ")", "》")
# 关于…的通知（聊政字〔2024〕15号）……22 : title, 文号 and page on one line
_INLINE = re.compile(
    r"^(?P<title>.+?)[（(](?P<num>[\u4e00-\u9fff]{1,12}[〔\[【（(［](?:19|20)\d\d[〕\]】）)］]\d{1,5}号|[\u4e00-\u9fff]{2,20}令第\d{1,5}号"
    r"|[\u4e00-\u9fff]{2,40}(?:令|公告)(?:19|20)\d\d年第\d{1,5}号|(?:19|20)\d\d年[\u4e00-\u9fff]{1,12}令第\d{1,5}号)[）)]$"
)


def find_toc_start(lines: list[Line], limit: int = 200) -> int | None:
    """Index of the TOC heading line (目录, or 目 / 录 on two lines), searched near the top."""
    for i, ln in enumerate(lines[:limit]):
        t = squeeze(ln.text)
        if TOC_HEAD.fullmatch(t) and not _own_contents(lines, i + 1):
            return i
        if t == "目" and i + 1 < len(lines) and squeeze(lines[i + 1].text) == "录" and not _own_contents(lines, i + 2):
            return i
    return None


_OWN_ENTRY = re.compile(rf"第[{CN}\d]{{1,5}}(?:[编章节]|部分)")


def _own_contents(lines: list[Line], i: int) -> bool:
    """The 目录 is a document's own (a law's chapters: 目录 / 第一章 总则 / 第二章 …), not
    the issue's: its first entry is a chapter, part or section label."""
    return i < len(lines) and bool(_OWN_ENTRY.match(squeeze(lines[i].text)))


_LATIN_ZERO = re.compile(r"(?<=[〇零一二三四五六七八九十百千])[OoＯ]|[OoＯ](?=[〇零一二三四五六七八九十百千])")


def parse_masthead(lines: list[Line]) -> Masthead:
    """Read the masthead fields from the lines before the TOC."""
    m = Masthead()
    supervisor_only = False  # the sponsor was read from a 主管 line
    for i, ln in enumerate(lines):
        t = ln.text.strip()
        st = _LATIN_ZERO.sub("〇", squeeze(t))  # OCR: （总号：五四O）
        if m.gazette is None and is_masthead_name(st):
            prev = squeeze(lines[i - 1].text) if i else ""
            # 中华人民共和国 / 国务院公报: a name printed over two lines
            m.gazette = prev + st if prev and len(prev) <= 10 and not prev.isascii() and "公报" not in prev else st
        mi = _ISSUE.search(st)
        if mi and not m.issue_numbers and "总" not in st[: mi.start()][-2:]:
            m.issue_numbers = _range(mi.group("a"), mi.group("b"))
            if mi.group("y"):
                m.year = cn_int(mi.group("y"))
        mc = _CUMUL.search(st)
        if mc and not m.cumulative:
            m.cumulative = _range(mc.group("a") or mc.group("a2"), mc.group("b"))
        if m.year is None and re.fullmatch(r"(?:19|20)\d\d", st):
            m.year = int(st)
        for piece in _COLUMN_GAP.split(t):  # ××市人民政府办公室主办　　　　2023年6月30日出版
            piece = squeeze(piece)
            dated = piece.removesuffix("出版").removesuffix("发行").removesuffix("印发")
            if m.date is None and is_date_line(dated):
                m.date = parse_date(dated)  # 2022年5月20日出版 under the issue line
            if m.sponsor is None and piece.endswith("主办") and is_issuer_line(piece[:-2]):
                m.sponsor = piece[:-2]
            for verb in ("编印", "编辑出版", "编辑"):  # 交通运输部办公厅编印 under the issue line
                if m.publisher is None and piece.endswith(verb) and is_issuer_line(piece[: -len(verb)]):
                    m.publisher = piece[: -len(verb)]
        for rx, name in _FIELDS:
            fm = rx.match(t)
            if fm and name == "sponsor" and _SUPERVISOR.match(t):
                # 主管：广东省人民政府 / 主办：广东省人民政府办公厅: the 主管 body is the sponsor only
                # when no 主办 line names one
                if m.sponsor is None:
                    supervisor_only = True
                else:
                    continue
            elif fm and name == "sponsor" and supervisor_only:
                m.sponsor, supervisor_only = None, False
            if fm and getattr(m, name) is None:
                value = squeeze(fm.group("v"))
                # a value wrapped onto the next line: 编辑出版：聊城市人民政府 / 办公室
                if i + 1 < len(lines):
                    nxt = squeeze(lines[i + 1].text)
                    if nxt and len(nxt) <= 8 and not any(r.match(nxt) for r, _ in _FIELDS) and "：" not in nxt:
                        value += nxt
                setattr(m, name, value)
    return m


def _range(a: str, b: str | None) -> list[int]:
    x = cn_int(a) or 0
    y = cn_int(b) if b else None
    return list(range(x, y + 1)) if y is not None and 0 < y - x < 12 else [x]


def parse_toc(lines: list[Line]) -> tuple[list[TocEntry], list[int]]:
    """Parse TOC lines into entries; returns (entries, indices of lines that are TOC furniture).

    Accepted shapes (see ``grammar/data/forms.json``): section names (◎ 市政府文件, 【市政府文件】,
    国务院文件); a title with its page on the same line after leaders, a tab or spaces
    (…的通知……（3）, …的公报 ....( 4), …大事记（2024年11月） 85); a title followed by its
    文号 line, bare or in brackets, with or without the page (聊政字〔2024〕15号 22,
    （国发〔1999〕12号）); the 文号 inline in brackets; the issuer after the title
    (…的通知　人事部（15））; titles wrapped over several lines; no page numbers at all;
    an English CONTENTS after the Chinese one (its lines are TOC residue, not entries).
    """
    entries: list[TocEntry] = []
    section: str | None = None
    pending: list[Line] = []
    english = False
    lines = _columns(lines)

    ordered: str | None = None  # a 令 number printed on the line above its entry's title

    def pending_text() -> str:
        return squeeze("".join(p.text for p in pending))

    def flush(doc_number: str | None, page: int | None, extra: Line | None = None) -> None:
        nonlocal pending, ordered
        if not pending and extra is None:
            return
        parts = [*pending, *([extra] if extra else [])]
        title, issuer = _split_issuer(pending_text())
        if doc_number is None and len(pending) > 1:
            # a wrapped title whose last line carries the 文号 in brackets: …委托建设 / 项目…的通知（昆政办〔2008〕114号）
            im = _INLINE.match(title)
            if im and (number := doc_number_of(im.group("num"))) is not None:
                title, issuer = _split_issuer(im.group("title"))
                doc_number = number
        doc_number = doc_number or _order_entry_number(title) or ordered
        ordered = None
        entries.append(TocEntry(section, title, doc_number, page, Span(parts[0].start, parts[-1].end), issuer))
        pending = []

    for ln in lines:
        t = ln.text.strip()
        st = squeeze(t)
        if TOC_HEAD.fullmatch(st) or st in ("目", "录"):
            flush(None, None)
            english = st.upper() == "CONTENTS"
            continue
        if english or _mostly_ascii(st):
            continue  # an English CONTENTS and its entries: residue of the TOC
        if MASTHEAD_FIELD.match(st) and toc_page(fold_width(ln.raw)) is None:
            flush(None, None)  # the imprint printed under the TOC (主管主办：… / 编辑出版：…): no entry
            continue
        name = section_name(t)
        if name is not None and (not pending or (t.startswith("【") and t.endswith("】"))):
            # a name in 【】 is never a piece of a title: it closes an entry printed without its
            # page (…要点》的通知（京政办发〔2016〕26号） / 【人事任免】 / …任免名单)
            flush(None, None)
            section = name
            ordered = None
            continue
        # the page number is read on the raw line: normalization glues 第48号 3 into 第48号3
        tail = toc_page(fold_width(ln.raw))
        head = st[: len(squeeze(tail[0]))] if tail else st
        page = tail[1] if tail else None
        if pending and _LEADERS_PAGE.fullmatch(st):
            flush(None, int(_LEADERS_PAGE.fullmatch(st).group("p")))  # type: ignore[union-attr]
            continue  # …的通知 / ……………5: the title's leaders and page wrapped onto a line of their own
        # a line that cannot start a title continues the one before, even when that one reads as
        # complete: …管理特别规定（试行） / 的通知 …… 4
        wraps = bool(pending) and (
            not ends_like_title(pending_text())
            or squeeze(head).startswith(_CONTINUES)
            or _indented_wrap(pending, ln, tail, entries)
        )
        im = _INLINE.match(head)
        if im and not wraps:
            flush(None, None)
            title, issuer = _split_issuer(im.group("title"))
            entries.append(
                TocEntry(section, title, doc_number_of(im.group("num")), page, Span(ln.start, ln.end), issuer)
            )
            continue
        number = doc_number_of(head)
        if number is not None:
            if pending:
                flush(number, page, ln)
            elif entries and entries[-1].doc_number is None:
                entries[-1].doc_number = number
                entries[-1].page = entries[-1].page or page
                last = entries[-1].span
                if last is not None:
                    entries[-1].span = Span(last.start, ln.end)
            continue
        if page is not None and tail is not None and pending and not wraps and is_issuer_line(tail[0]):
            # the issuers on the line under the title, with the page: …的通知 / 　财政部　司法部（868）
            flush(None, page)
            entries[-1].issuer = " ".join(tail[0].replace("、", " ").split())
            last = entries[-1].span
            if last is not None:
                entries[-1].span = Span(last.start, ln.end)
            continue
        if page is not None:
            if wraps:
                pending.append(cut_line(ln, head))
                flush(None, page)
            else:
                flush(None, None)
                pending = [cut_line(ln, head)]
                flush(None, page)
            continue
        order = _order_entry_number(st) if page is None else None
        if order is not None and pending:
            # a 令 of several bodies, its first bodies on lines of their own: 中华人民共和国国家发展和
            # 改革委员会 / 　中华人民共和国商务部令（第47号） / 　　外商投资准入…（2021年版）……（3）
            if all(is_issuer_line(p.text) for p in pending):
                order = pending_text() + order
                pending = []
            else:
                order = None
        if order is not None:
            # a 令's number on a line of its own, the title of what it promulgates under it:
            # 中华人民共和国国务院令（第526号） / 　　汶川地震灾后恢复重建条例……（5）
            ordered = order
            continue
        # a title line: a new title, or the continuation of a wrapped one
        if wraps:
            pending.append(ln)
        else:
            flush(None, None)
            pending = [ln]
    flush(None, None)
    return entries, []


def _indent(raw: str) -> int:
    return len(raw) - len(raw.lstrip(" \u3000\t"))


def _indented_wrap(pending: list[Line], ln: Line, tail: tuple[str, int] | None, entries: list[TocEntry]) -> bool:
    """A line indented under a title printed flush left, in a TOC whose entries carry their pages,
    continues that title even when it reads as complete: 《…管理办法》（征求意见稿）征求社会公众意见 /
    (indent) 反馈情况说明……5, the first line ending in 意见, a kind. Not the issuers under a title."""
    if not entries or all(e.page is None for e in entries) or _indent(pending[0].raw) > 0:
        return False
    if not 0 < _indent(ln.raw) <= 4:
        return False  # a line indented far holds a right column (two-column TOCs)
    return not is_issuer_line(tail[0] if tail is not None else ln.text)


_LEADERS_PAGE = re.compile(r"[.…·．•_\-—]{2,}\s*[（(]?\s*(?P<p>\d{1,4})\s*[）)]?")
# the gap between the two columns of a TOC printed in two (two or more full-width spaces, three or
# more spaces): a title holds at most one space (海关总署　财政部)
_COLUMN_GAP = re.compile(r"\u3000{2,}|[\u3000 \t]{3,}")


def _columns(lines: list[Line]) -> list[Line]:
    """A TOC printed in two columns, as a PDF's text gives it (two entries, or two pieces of
    wrapped entries, on one line; a line indented far holds the right column alone): the left
    column's lines, then the right column's, each piece a line of its own. A TOC in one column
    (or an entry followed by its issuer: …的通知　　人事部（15）) is returned as it is: two columns
    are read only when a line's left piece ends with a page number and a right piece follows, or
    both pieces are section names."""
    parts: list[tuple[Line | None, Line | None]] = []
    evidence = 0
    for ln in lines:
        raw = ln.raw
        lead = len(raw) - len(raw.lstrip())
        body = raw[lead:].rstrip()
        gaps = list(_COLUMN_GAP.finditer(body))
        if gaps and ln.text.strip():
            g = max(gaps, key=lambda m: m.end() - m.start())
            left, right = _piece(ln, lead, lead + g.start()), _piece(ln, lead + g.end(), lead + len(body))
            lt, rt = squeeze(body[: g.start()]), squeeze(body[g.end() :])
            if (toc_page(fold_width(body[: g.start()])) is not None and rt) or (
                section_name(lt) is not None and section_name(rt) is not None
            ):
                evidence += 1
            parts.append((left, right))
        elif ln.text.strip() and lead and printed_width(raw[:lead]) >= 8:
            parts.append((None, ln))
        else:
            parts.append((ln, None))
    if not evidence:
        return lines
    return [p for p, _ in parts if p is not None] + [p for _, p in parts if p is not None]


def _piece(ln: Line, a: int, b: int) -> Line:
    """``ln.raw[a:b]`` as a line of its own, normalized as a line."""
    raw = ln.raw[a:b]
    return Line(ln.no, ln.start + a, ln.start + b, raw, normalize_line(raw, ln.start + a))


def cut_line(ln: Line, head: str) -> Line:
    """``ln`` as a pending title part: only its text before the page number counts."""
    return ln.with_mt(ln.mt.slice(0, _head_end(ln.text, head)))


def _head_end(text: str, head: str) -> int:
    """Index in ``text`` just after the last character of ``head`` (``head`` is ``text``
    squeezed and cut before the page number)."""
    k = 0
    for i, c in enumerate(text):
        if c.isspace():
            continue
        k += 1
        if k == len(head):
            return i + 1
    return len(text)


def _mostly_ascii(s: str) -> bool:
    letters = sum(1 for c in s if c.isascii() and c.isalpha())
    cjk = sum(1 for c in s if "\u4e00" <= c <= "\u9fff")
    return letters >= 4 and letters > 2 * cjk


def _split_issuer(title: str) -> tuple[str, str | None]:
    """``…的通知人事部`` -> (``…的通知``, ``人事部``): an issuer printed after the title."""
    m = re.search(r"(?<=[知定见复函告报法定则例案划施要单示])(?P<issuer>[\u4e00-\u9fff]{2,20})$", title)
    if m and ends_like_title(title[: m.start()]) and not ends_like_title(title):
        issuer = m.group("issuer")
        if is_issuer_line(issuer):
            return title[: m.start()], issuer
    return title, None


_ORDER_ENTRY = re.compile(r"(?P<issuer>[\u4e00-\u9fff]{2,20}令)[（(]\s*(?P<n>第.{1,10}号)\s*[）)]")


def _order_entry_number(title: str) -> str | None:
    """中华人民共和国主席令（第三十七号） -> 中华人民共和国主席令第37号."""
    m = _ORDER_ENTRY.fullmatch(title)
    if not m:
        return None
    b = BARE_ORDER_NUMBER.fullmatch(m.group("n"))
    return f"{m.group('issuer')}第{serial_value(b.group('serial'))}号" if b else None
