"""Document boundaries, jump fragments and reading order.

The flow, for the lines after the TOC:
1. ``find_headers`` finds where each document starts, from the shapes of the genre
   (issuer line + 文号 line; XX令 + 第N号; title + 文号 for appointment notices; XX大事记 +
   （YYYY年M月）; a regulation title followed by its history line for republished texts).
2. Each document owns the lines up to the next start (its *region*).
3. Jump fragments: a region may hold text continued from another document, opened by a
   jump-in marker (（上接第60页）). From that marker on, the region's lines are *streams*
   (the host and each fragment), possibly interleaved line by line when a page carried
   several continuations side by side. Each line goes to the stream it can continue
   (``Stream.fit``): the next article/chapter/outline number, the next chronicle day, or
   the rest of a sentence left open; ties go to the stream of the previous line, then to
   the join a reader would make (the commoner character pair in the whole issue), then to
   the stream opened first.
4. The fragment is re-attached to its document right after the jump-out marker
   (（下转第50页）) where the text broke off. Markers become residue.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from gongbao.grammar.dates import is_date_line
from gongbao.grammar.docnumber import BARE_ORDER_NUMBER, doc_number_of, order_line_number, serial_value
from gongbao.grammar.forms import section_name, toc_page
from gongbao.grammar.lines import (
    ARTICLE,
    CHAPTER,
    CHRONICLE_MONTH,
    CHRONICLE_TITLE,
    DAY,
    JUMP_IN,
    JUMP_OUT,
    PAREN,
    REG_TITLE,
    SECTION,
    TITLE_END,
    TITLE_WORDS,
    TOP,
    cn_int,
    is_bare_order_number,
    is_complete,
    is_file_number_line,
    is_issuer_line,
    is_order_issuer,
    is_reference_start,
    is_title_like,
    joint_order_header,
    opens_history_wrapped,
    squeeze,
    starts_unit,
    year_serial,
)
from gongbao.grammar.outline import PUBLISHED_NOTE
from gongbao.model import Line, Residue, Span, Warning
from gongbao.normalize.lines import fold_width
from gongbao.segment.locate import similarity, title_shaped

_TITLED = re.compile(
    r"(?P<issuer>[\u4e00-\u9fff]{2,30}?(?:人民政府办公室|人民政府办公厅|人民政府|办公室|办公厅|委员会|局|厅))\s*关于"
)
_SELFREF = ("办法", "细则", "规定", "条例", "预案", "方案", "意见", "决定", "通知", "措施", "规划", "规则")


@dataclass(slots=True)
class Header:
    kind: str  # file, order, appointment, chronicle, republished, untitled
    start: int  # index of the first line of the document
    end: int  # index of the first line after the header block
    doc_number: str | None = None
    issuer: str | None = None
    title: str | None = None


@dataclass(slots=True)
class FragmentLines:
    marker: str
    marker_span: Span
    jump_out: str | None
    lines: list[Line] = field(default_factory=list)


@dataclass(slots=True)
class RawDocument:
    header: Header
    lines: list[Line]  # reading order, markers cut off, fragments re-attached
    header_lines: int  # how many of ``lines`` are the header block
    fragments: list[FragmentLines] = field(default_factory=list)
    jump_outs: list[tuple[str, int]] = field(default_factory=list)  # (marker, page)


# --------------------------------------------------------------------- headers


def _title_after(lines: list[Line], i: int, limit: int) -> tuple[str | None, int]:
    """A title printed on line i (and possibly wrapped onto i+1); returns (title, next index)."""
    if i >= limit:
        return None, i
    t = squeeze(lines[i].text)
    if i + 1 < limit and is_issuer_line(lines[i].text) and squeeze(lines[i + 1].text).startswith("关于"):
        # 广安区府办发〔2020〕26号 / 广安市广安区人民政府办公室 / 关于印发…的通知: the issuer opens the title
        title, end = _title_after(lines, i + 1, limit)
        return (t + title, end) if title else (None, i)
    if not TITLE_WORDS.search(t) or t.endswith(("。", "：", ":")) or len(t) > 120 or t.startswith(("（", "(")):
        return None, i  # (no title opens with a bracket: （此件公开发布）, （关于…的说明）)
    if i + 1 < limit:
        nxt = squeeze(lines[i + 1].text)
        if not _title_finished(t) and _title_finished(nxt) and len(nxt) < 40 and not nxt.endswith("："):
            return t + nxt, i + 2
    return t, i + 1


MAX_TITLE_LINES = 4
_SENTENCE_MARK = re.compile(r"[。；，,]")
_JOINS_ABOVE = ("的", "和", "及", "暨", "、", "与")


def _title_piece(text: str) -> bool:
    """A line that can be an upper line of a title block: short, no sentence punctuation, not
    a date, 文号, issuer, outline label, section name or publication note."""
    t = squeeze(text)
    return (
        0 < len(t) <= 60
        and not _SENTENCE_MARK.search(t)
        and not t.endswith(("：", ":"))
        and not is_date_line(t)
        and not is_file_number_line(t)
        and not is_issuer_line(text)
        and not starts_unit(text)
        and not PUBLISHED_NOTE.match(t)
        and section_name(t) is None
        and not t[-1:].isdigit()
        and JUMP_OUT.search(t) is None  # （下转第9页） above the next title
        and JUMP_IN.search(t) is None
    )


def title_block_above(lines: list[Line], i: int, floor: int) -> int:
    """Where the title whose last line is ``lines[i - 1]`` starts: climb over title pieces (at
    most four lines in all; a title-like line only when the line under it continues it, as in
    关于印发…实施方案 / 的通知). When the climb stops on the limit with title pieces still above,
    the block is ambiguous: it then starts at its last line holding 关于 (else at ``i - 1``)."""
    top = i - 1
    while top - 1 >= floor and i - (top - 1) <= MAX_TITLE_LINES and _title_piece(lines[top - 1].text):
        upper = lines[top - 1].text
        if is_title_like(upper) and not squeeze(lines[top].text).startswith(_JOINS_ABOVE):
            break
        top -= 1
    if top - 1 >= floor and i - top >= MAX_TITLE_LINES and _title_piece(lines[top - 1].text):
        with_about = [k for k in range(top, i) if "关于" in lines[k].text]
        return with_about[-1] if with_about else i - 1
    return top


def _bodies(text: str) -> str:
    """An issuer line as printed, one space between joint bodies (财政部 国家发展和改革委员会)."""
    return " ".join(text.split())


def _closes(text: str) -> bool:
    """A line after which a new document may start: a full sentence, a date, a signature."""
    t = squeeze(text)
    return is_complete(t) or is_date_line(t) or t.endswith(("（签字）", "(签字)"))


def _title_finished(t: str) -> bool:
    """The line ends the way titles end (…通知, …办法（试行）, …规划（2024—2028年））."""
    return bool(TITLE_END.search(t))


def _code(number: str) -> str:
    """The issuer code of a 文号 (聊政任〔2024〕16号 -> 聊政任)."""
    return number.split("〔", 1)[0] if "〔" in number else ""


def _is_banner(text: str) -> bool:
    """A red-headed document's banner: an issuing body followed by 文件 (湖南省人民政府办公厅文件)."""
    t = squeeze(text)
    return len(t) > 4 and t.endswith("文件") and is_issuer_line(t[:-2])


# the last character of every line ``REG_TITLE`` matches in full (办法, 规定, 条例, 细则, 规则,
# 规程, 决定, 章程, 准则, 法, and （试行）): a cheap test before the pattern
_REG_TITLE_LAST = frozenset("法定例则程）)")


# the issuer line of a numbered announcement (…人民代表大会常务委员会公告, …人民政府公告): a body's
# name and 公告, no 关于/的 (a title ending in 公告 has them)
_ANNOUNCER = re.compile(r"[\u4e00-\u9fff]{2,24}(?:委员会|人民政府|政府|办公厅|局|部|院)公告")


def _under_regulation_head(out: list[Header], lines: list[Line], i: int) -> bool:
    """Line ``i`` comes right under a regulation's title and history (四川省村务公开条例 /
    （2009年7月22日…通过） / 四川省…常务委员会公告 / 第28号): the announcement is part of that
    regulation's head, not a document of its own."""
    if not out or out[-1].kind != "republished" or i - out[-1].end > 4:
        return False
    return not any("。" in lines[k].text for k in range(out[-1].end, i))


@lru_cache(maxsize=1 << 16)
def _may_start(text: str) -> bool:
    """The line has a shape ``find_headers`` starts a header at: a 令 line or order issuer, a
    文号, a chronicle title, a regulation title, a title holding 关于."""
    t = squeeze(text)
    return (
        "令" in t
        or "公告" in t
        or "大事记" in t
        or "关于" in t
        or is_order_issuer(t)
        or is_file_number_line(t)
        or (t[-1:] in _REG_TITLE_LAST and REG_TITLE.fullmatch(t) is not None)
    )


def find_headers(
    lines: list[Line], begin: int = 0, *, strict: bool = False, first: bool = False, until: int | None = None
) -> list[Header]:
    """Where documents start in ``lines[begin:]``, with what their header says.

    ``strict``: only shapes that never occur in a table of contents (used to find where the
    body begins): no title-then-文号 pairs, and a chronicle title must be followed by an entry.
    ``first``: only the first header (the scan stops there); ``until``: the scan stops at
    that line (headers found later are not looked for).
    """
    out: list[Header] = []
    n = len(lines)
    stop = n if until is None else min(n, until)
    i = begin
    taken = -1
    while i < stop:
        if not _may_start(lines[i].text):  # (most lines: one cached test)
            i += 1
            continue
        t = squeeze(lines[i].text)
        h: Header | None = None
        one_line = order_line_number(t) if "令" in t else None
        joint = _joint_order(lines, i, max(taken + 1, begin), n) if t.endswith("令") else None
        if joint is not None:
            # a 令 of several bodies (中华人民共和国国家发展和改革委员会 / 中华人民共和国商务部 / 令 /
            # 第47号; 财政部　国家税务总局令 / 第50号): every body is the order's issuer
            h = joint
        elif is_order_issuer(t) and i + 1 < n and is_bare_order_number(lines[i + 1].text):
            m = BARE_ORDER_NUMBER.fullmatch(squeeze(lines[i + 1].text))
            assert m is not None
            h = Header("order", i, i + 2, f"{t}第{serial_value(m.group('serial'))}号", t[:-1])
        elif (
            _ANNOUNCER.fullmatch(t)
            and i + 1 < n
            and (m := BARE_ORDER_NUMBER.fullmatch(squeeze(lines[i + 1].text))) is not None
            and not _under_regulation_head(out, lines, i)
        ):
            # 上海市人民代表大会常务委员会公告 / 第六十号: an announcement numbered as a 令 is, that
            # publishes the regulation printed after it
            h = Header("order", i, i + 2, f"{t}第{serial_value(m.group('serial'))}号", t[:-2])
        elif is_order_issuer(t) and i + 1 < n and (ys := year_serial(lines[i + 1].text)) is not None:
            # 中华人民共和国交通运输部令 / 2019年第46号: orders numbered by year
            h = Header("order", i, i + 2, f"{t}{ys[0]}年第{ys[1]}号", t[:-1])
        elif one_line is not None and (not strict or (i + 1 < n and _SENTENCE_MARK.search(lines[i + 1].text))):
            # 中华人民共和国主席令（九届第37号） / 政府令〔2010〕第15号 on one line
            h = Header("order", i, i + 1, one_line[1], one_line[0][:-1])
        elif is_file_number_line(t):
            number = doc_number_of(t) or t
            start, issuer, title = i, None, None
            # 1. issuer line right above: 聊城市人民政府 / 聊政字〔2024〕15号 / title
            # 2. issuer, title, 文号 (appointment notices): 聊城市人民政府 / 关于任免… / 聊政任〔2024〕16号
            for back in (1, 2, 3):
                j = i - back
                if j <= taken or j < begin:
                    break
                if is_issuer_line(lines[j].text):
                    between = [squeeze(lines[k].text) for k in range(j + 1, i)]
                    if all(TITLE_WORDS.search(b) and not b.endswith("。") for b in between):
                        start, issuer = j, _bodies(lines[j].text)
                        title = "".join(between) or None
                        if title and title.startswith("关于") and len(between) >= 2:
                            # a long title broken after its issuer (国务院办公厅 / 关于辽宁省在…考察 /
                            # 工作时…的函 / 国办函〔2004〕57号): the issuer line is its first line
                            top = _stacked_issuers(lines, j, max(taken + 1, begin))
                            title = "".join(squeeze(lines[x].text) for x in range(top, j + 1)) + title
                            start, issuer = top, " ".join(_bodies(lines[x].text) for x in range(top, j + 1))
                    break
            end = i + 1
            kind = "file"
            floor = max(taken + 1, begin)
            if issuer is None and i - 1 >= floor and is_title_like(lines[i - 1].text):
                # 3. title (1–4 lines), then 文号 (国务院关于…的通知 / 国发〔2024〕1号), as most
                #    national gazettes print
                if strict:
                    i += 1
                    continue
                start = title_block_above(lines, i, floor)
                title = "".join(squeeze(lines[k].text) for k in range(start, i))
                k = start - 1
                if k >= floor and is_issuer_line(lines[k].text):
                    if title.startswith("关于") and i - start >= 2:
                        # a long title broken after its issuer (国务院办公厅 / 关于辽宁省在…考察 /
                        # 工作时…的函 / 国办函〔2004〕57号): the issuer line is the title's first line
                        title = squeeze(lines[k].text) + title
                        top = _stacked_issuers(lines, k, floor)
                        title = "".join(squeeze(lines[x].text) for x in range(top, k)) + title
                        issuer = " ".join(_bodies(lines[x].text) for x in range(top, k + 1))
                        k = top
                    start, issuer = k, issuer or _bodies(lines[k].text)
            elif issuer is not None and title is None and start - 1 >= floor and is_title_like(lines[start - 1].text):
                # 4. title, a line of issuing bodies, 文号 (关于…的通知 / 财政部 国家发展和改革委员会 / 财建〔2013〕644号)
                issuer_at = start
                start = title_block_above(lines, issuer_at, floor)
                title = "".join(squeeze(lines[k].text) for k in range(start, issuer_at))
            if start - 1 >= floor and _is_banner(lines[start - 1].text):
                # a red-headed document's banner above its 文号 (湖南省人民政府办公厅文件 / 湘政办发〔2009〕24号)
                start -= 1
                issuer = issuer or _bodies(squeeze(lines[start].text)[:-2])
            if title is None:
                title, end = _title_after(lines, i + 1, n)
            else:
                kind = "appointment" if "任" in _code(number) or "任免" in title or "任命" in title else "file"
            h = Header(kind, start, end, number, issuer, title)
        else:
            cm = CHRONICLE_TITLE.fullmatch(t) if "大事记" in t else None
            # (a line closing a 《 it did not open is the end of a title wrapped above it: 《甘肃省…
            # 常务委员会 / 人事任免办法》的决定, never a title of its own)
            reg_title = (
                t[-1:] in _REG_TITLE_LAST and REG_TITLE.fullmatch(t) is not None and t.count("》") <= t.count("《")
            )
            if (
                cm
                and len(t) <= 40
                and (not strict or any(DAY.match(squeeze(lines[k].text)) for k in range(i + 1, min(n, i + 4))))
            ):
                if cm.group("month"):
                    h = Header("chronicle", i, i + 1, None, None, t)
                elif i + 1 < n and CHRONICLE_MONTH.fullmatch(squeeze(lines[i + 1].text)):
                    h = Header("chronicle", i, i + 2, None, None, t + squeeze(lines[i + 1].text))
            elif reg_title and i + 1 < n and opens_history_wrapped([ln.text for ln in lines[i + 1 : i + 5]]):
                h = Header("republished", i, i + 1, None, None, t)
                if t.startswith("关于") and i - 1 > taken and i - 1 >= begin and is_issuer_line(lines[i - 1].text):
                    # 全国人民代表大会常务委员会 / 关于…的决定 / （2024年9月13日…通过）
                    up = squeeze(lines[i - 1].text)
                    h = Header("republished", i - 1, i + 1, None, None, up + t)
            elif (
                reg_title
                and i + 2 < n
                and squeeze(lines[i + 1].text).endswith("公告")
                and any(
                    opens_history_wrapped([ln.text for ln in lines[k : k + 4]]) for k in range(i + 2, min(n, i + 10))
                )
            ):
                # a regulation printed under the announcement that publishes it, its history
                # after the announcement (深圳市…条例 / 深圳市人民代表大会常务委员会公告 / 第三十七号 /
                # …现予公布 / signature, date / （…通过 …批准）)
                h = Header("republished", i, i + 1, None, None, t)
            elif (
                "关于" in t
                and _TITLED.match(t)
                and is_title_like(t)
                and i + 1 < n
                and squeeze(lines[i + 1].text).endswith(("：", ":"))
                and (i == begin or is_complete(lines[i - 1].text))
            ):
                # a document without a 文号: 某市人民政府关于…的通告 / 各区人民政府：
                m2 = _TITLED.match(t)
                assert m2 is not None
                h = Header("file", i, i + 1, None, m2.group("issuer"), t)
        if h is not None and h.kind == "order" and h.start - 1 >= max(taken + 1, begin):
            # a 令 printed under the title of the instrument it promulgates (国务院行政机构设置和
            # 编制管理条例 / 中华人民共和国国务院令 / 第227号): the title belongs to the 令's header
            above = lines[h.start - 1].text
            if (is_title_like(above) or REG_TITLE.fullmatch(squeeze(above))) and (
                h.start - 1 == begin or h.start - 1 == taken + 1 or _closes(lines[h.start - 2].text)
            ):
                h = Header("order", h.start - 1, h.end, h.doc_number, h.issuer, squeeze(above))
        if h is not None:
            out.append(h)
            if first:
                return out
            taken = h.end - 1
            i = h.end
        else:
            i += 1
    return out


def _stacked_issuers(lines: list[Line], k: int, floor: int) -> int:
    """Where a title's issuer lines start when the bodies of a joint title are printed over two or
    three lines (财政部办公厅　住房城乡建设部办公厅 / 工业和信息化部办公厅　市场监管总局办公厅 / 关于…)
    and ``lines[k]`` is the last of them: climb over issuer lines while what is above them ends the
    previous document (a date, a sentence) or nothing is; else ``k``."""
    up = k
    while up - 1 >= floor and k - (up - 1) < 3 and is_issuer_line(lines[up - 1].text):
        up -= 1
    return up if up < k and (up - 1 < floor or _closes(lines[up - 1].text)) else k


def _joint_order(lines: list[Line], i: int, floor: int, n: int) -> Header | None:
    """The header of a 令 issued by several bodies whose 令 line is ``lines[i]`` (…令 or 令 alone):
    the bodies printed above it one a line (at most five, none of them closing a sentence above:
    a line after body text signs that text), or on the 令 line itself apart by spaces."""
    top = i
    while top - 1 >= floor and i - (top - 1) <= 5 and is_issuer_line(lines[top - 1].text):
        top -= 1
    if top > floor and top < i and squeeze(lines[top - 1].text)[-1:] in "。；：:":
        return None  # 财政部办公厅 under a sentence: the previous document's signature
    for start in range(top, i + 1):
        found = joint_order_header([ln.text for ln in lines[start : min(n, i + 2)]])
        if found is not None and start + found[2] >= i + 1:
            bodies, number, used = found
            return Header("order", start, start + used, number, " ".join(bodies))
    return None


# --------------------------------------------------------------------- streams


class Stream:
    """One thread of text in a region: the host document or a fragment of another."""

    __slots__ = ("article", "chapter", "complete", "day", "last_char", "lines", "owner", "paren", "selfref", "top")

    def __init__(self, owner: int) -> None:
        self.owner = owner
        self.lines: list[Line] = []
        self.article = self.chapter = self.top = self.paren = self.day = 0
        self.complete = True
        self.last_char = ""
        self.selfref: str | None = None

    def feed(self, text: str) -> None:
        t = text.strip()
        if not t:
            return
        kind, n = (None, 0) if (not self.complete and is_reference_start(t)) else _label(t)
        if kind == "article":
            self.article, self.paren = n, 0
        elif kind == "chapter":
            self.chapter = n
        elif kind == "top":
            self.top = n
        elif kind == "paren":
            self.paren = n
        elif kind == "day":
            self.day = n
        self.complete = is_complete(t)
        self.last_char = t[-1]
        if self.selfref is None:
            k = t.find("本")
            while k >= 0 and self.selfref is None:
                for w in _SELFREF:
                    if t.startswith(w, k + 1):
                        self.selfref = "本" + w
                        break
                k = t.find("本", k + 1)

    def fit(self, text: str) -> int:
        """2: this line surely continues the stream; 0: it may; -1: it cannot."""
        t = text.strip()
        return self.fit_read(*_read(t))

    def fit_read(self, reference: bool, kind: str | None, n: int) -> int:
        """``fit`` of a line already read by ``_read`` (one reading for every stream weighed)."""
        if not self.complete and reference:
            return 2
        if kind is None:
            return 0 if self.complete else 2
        if not self.complete:
            return -1
        if kind == "article":
            return 2 if n == self.article + 1 else -1
        if kind == "chapter":
            return 2 if n == self.chapter + 1 else -1
        if kind == "top":
            return 2 if n == self.top + 1 else (0 if n == 1 else -1)
        if kind == "paren":
            return 2 if n == self.paren + 1 else (0 if n == 1 else -1)
        if kind == "day":
            if self.day == 0:
                return 0
            return 2 if n >= self.day else -1
        return 0


def _read(t: str) -> tuple[bool, str | None, int]:
    """A stripped line as ``Stream.fit_read`` weighs it: a cross-reference start, its label."""
    return (is_reference_start(t), *_label(t))


@lru_cache(maxsize=1 << 16)
def _label(t: str) -> tuple[str | None, int]:
    for kind, rx in (("article", ARTICLE), ("chapter", CHAPTER), ("top", TOP), ("paren", PAREN)):
        m = rx.match(t)
        if m:
            v = cn_int(m.group(1))
            if v is not None:
                return kind, v
    if SECTION.match(t):
        return None, 0
    m = DAY.match(t)
    if m:
        return "day", int(m.group(1))
    return None, 0


# --------------------------------------------------------------------- regions


@dataclass(slots=True)
class Region:
    header: Header
    lines: list[Line]


def find_body_start(lines: list[Line], toc_start: int, limit_lines: int = 800) -> int:
    """Where the documents begin after a TOC: the first header of a shape no TOC has, the
    first line that repeats a TOC line without its page number (a title printed again over its
    document, or the first line of a wrapped one), or the first line of running text (a
    sentence), whichever comes first. Works for TOCs with and without page numbers, and with
    an English CONTENTS after the Chinese one. A TOC is at most ``limit_lines`` lines."""
    # the first strong header; one found later than this starts after the TOC's limit anyway
    # (a header starts at most eight lines above the line it is found at: issuer lines, a
    # title block of four lines, an order's title)
    strong = find_headers(lines, toc_start + 1, strict=True, first=True, until=toc_start + 1 + limit_lines + 16)
    limit = min(strong[0].start if strong else len(lines), toc_start + 1 + limit_lines)
    seen: set[str] = set()
    prefixes: set[str] = set()
    first_heads: list[str] = []  # the first TOC titles, for a title OCR read differently in the TOC
    for i in range(toc_start + 1, limit):
        ln = lines[i]
        tail = toc_page(fold_width(ln.raw))
        st = squeeze(ln.text)
        key = _toc_key(st)
        again = tail is None and len(key) >= 4 and (key in seen or (len(key) >= 6 and key in prefixes))
        if not again and tail is None and len(key) >= 6 and first_heads and title_shaped(ln.text):
            # 中华人民共和国价格管理条例 in the body, 条倒 in the TOC: one character in ten may differ
            again = any(similarity(key, h) >= 0.8 for h in first_heads)
        if again:
            if i - 1 > toc_start and is_issuer_line(lines[i - 1].text):
                return i - 1
            return i
        if tail is None and _SENTENCE.search(st) and len(st) > 30:
            return i  # running text: the TOC is over
        head = _toc_key(st[: len(squeeze(tail[0]))] if tail else st)
        seen.add(head)
        if tail is not None and len(first_heads) < 3:
            first_heads.append(head)
        for n in range(6, min(len(head), 40) + 1):
            prefixes.add(head[:n])
    if strong and limit == strong[0].start and limit - 1 > toc_start:
        above = lines[limit - 1]
        if toc_page(fold_width(above.raw)) is None and is_issuer_line(above.text) and strong[0].title:
            # the issuer line of a title printed over two lines (全国人民代表大会常务委员会 /
            # 关于…的决定 / （…通过）): the body starts there, not under it
            return limit - 1
    return limit


_SENTENCE = re.compile(r"[。；！？]")


def _toc_key(t: str) -> str:
    k = t.find("关于")
    return t[k:] if k > 0 else t


def split_regions(lines: list[Line], headers: list[Header], end: int, stops: list[int] | None = None) -> list[Region]:
    """Each header's region: its lines up to the next header (or ``stops[k]`` when given)."""
    regions = []
    for k, h in enumerate(headers):
        if stops is not None:
            stop = stops[k]
        else:
            stop = headers[k + 1].start if k + 1 < len(headers) else end
        regions.append(Region(h, lines[h.start : stop]))
    return regions


def cut(line: Line, a: int, b: int) -> Line:
    """The part ``[a, b)`` of a normalized line, as a line of its own."""
    return line.with_mt(line.mt.slice(a, b))


def assemble(
    regions: list[Region],
    pages: list[tuple[int, int] | None],
    pair_counts: Counter[str],
    residue: list[Residue],
    warnings: list[str],
) -> list[RawDocument]:
    """Untangle jump fragments and return each document's lines in reading order."""
    n = len(regions)
    # 1. jump-out markers (end of a line) and the host lines before any jump-in marker
    jump_outs: list[list[tuple[int, int, Line]]] = [[] for _ in range(n)]  # (page, line index, line)
    first_in: list[int | None] = []
    out_at: list[dict[int, int]] = [{} for _ in range(n)]  # line index -> where its jump-out marker starts
    out_k: list[dict[int, int]] = [{} for _ in range(n)]  # line index -> its place in jump_outs[r]
    jump_in, jump_out = JUMP_IN.match, JUMP_OUT.search
    markers = 0  # jump-in markers of the whole text
    for r, reg in enumerate(regions):
        fi = None
        after_header = reg.header.end - reg.header.start
        found = jump_outs[r]
        for idx, ln in enumerate(reg.lines):
            text = ln.text
            if not _paged(text):  # (every marker names a page: most lines are none)
                continue
            if idx >= after_header and jump_in(text.strip()):
                markers += 1
                if fi is None:
                    fi = idx
            m = jump_out(text)
            if m:
                out_k[r][idx] = len(found)
                found.append((int(m.group(1)), idx, ln))
                out_at[r][idx] = m.start()
        first_in.append(fi)
    if markers > MAX_JUMPS:
        warnings.append(
            Warning(
                "jumps_not_followed",
                f"{markers} jump-in markers, more than any issue prints ({MAX_JUMPS}): none followed, "
                "every marker is residue and the text around it stays where it is printed",
                next((reg.lines[fi].no for reg, fi in zip(regions, first_in, strict=True) if fi is not None), None),
            )
        )
        return _in_place(regions, residue)
    # the state of each document's text before its first jump-in marker, read when a fragment
    # is weighed against it
    pre: dict[int, Stream] = {}

    def pre_state(r: int) -> Stream:
        s = pre.get(r)
        if s is None:
            s = pre[r] = Stream(r)
            lines = regions[r].lines
            fi = first_in[r]
            for ln in lines if fi is None else lines[:fi]:
                s.feed(_strip_out(ln.text))
        return s

    # 2. match every jump-in marker to the document it continues: by page when the TOC gives
    #    pages (the fragment's 上接第M页 lies in the document's pages, and its 下转第N页 lands in the
    #    host's), then by content (the fragment's first line continues the text broken off at the
    #    jump-out: next article/outline number, the rest of an open sentence, the commoner
    #    character join), never by nearness. At most MAX_JUMP_CANDIDATES open jump-outs are
    #    weighed (the earliest open ones), which keeps the cost linear on hostile input.
    # the open jump-outs of each document, in order (documents in order): (r, k) is the k-th
    # jump-out of region r
    open_outs = [_Open(len(found)) for found in jump_outs]
    open_docs = _Open(n)  # the documents with an open jump-out
    for r in range(n):
        if not jump_outs[r]:
            open_docs.close(r)
    # jump-outs printed inside a continuation (a chain: the text continued on page 5 breaks off
    # there again, （下转第8页）): they are the continued document's, read from the line that
    # holds them, in the state its continuation had there
    chained: list[tuple[int, int, Line, Stream, int]] = []  # (owner, page, line, state, region printed in)
    chained_open: dict[int, None] = {}  # the indexes into ``chained`` not yet continued, in order
    moved: set[tuple[int, int]] = set()  # (region, k): a region's jump-out that is a continuation's
    any_pages = any(p is not None for p in pages)
    paged = [r for r in range(n) if pages[r] is not None]  # documents listed in the TOC with pages

    def take(docs: Iterable[int], whole: bool) -> list[tuple[int, int]]:
        """The first MAX_JUMP_CANDIDATES open jump-outs of the documents ``docs``; only the
        first of each document unless ``whole`` (the later ones of a document score the same)."""
        out: list[tuple[int, int]] = []
        count = 0
        for r in docs:
            ks = open_outs[r]
            if whole:
                for k in ks:
                    out.append((r, k))
                    count += 1
                    if count >= MAX_JUMP_CANDIDATES:
                        return out
            else:
                out.append((r, ks.first()))
                count += len(ks)
                if count >= MAX_JUMP_CANDIDATES:
                    return out
        return out

    def target_of(host: int, page: int, first: str) -> tuple[int, int, int] | None:
        """The jump-out a jump-in marker continues: (0, region, k) for the k-th jump-out of a
        region's document, (1, j, 0) for the j-th jump-out printed inside a continuation."""
        if not open_docs and not chained_open:
            return None
        host_pages = pages[host]
        # a candidate's score depends on its jump-out only through the host's pages
        whole = bool(host_pages)
        cands: list[tuple[int, int, int]] = []
        if not open_docs:
            pass
        elif any_pages:
            cands = [
                (0, r, k)
                for r, k in take(
                    (r for r in paged if open_outs[r] and pages[r][0] <= page <= pages[r][1]),  # type: ignore[index]
                    whole,
                )
                or take((r for r in open_docs if pages[r] is None), whole)
            ]
        else:
            cands = [(0, r, k) for r, k in take(open_docs, whole)]
        for j in chained_open:  # a few: a chain is printed link by link
            if len(cands) >= 2 * MAX_JUMP_CANDIDATES:
                break
            cands.append((1, j, 0))
        if not cands:
            return None
        head = first.strip()
        read = _read(head) if head else None

        def score(c: tuple[int, int, int]) -> tuple[int, int, int, int]:
            if c[0]:
                _, out_page, _, ps, printed = chained[c[1]]
                rp = pages[printed]  # printed on the page of the document it interrupts
            else:
                r, k = c[1], c[2]
                out_page, ps, rp = jump_outs[r][k][0], pre_state(r), pages[r]
            own = 1 if rp and rp[0] <= page <= rp[1] else 0
            lands = 1 if host_pages and host_pages[0] <= out_page <= host_pages[1] else 0
            fit = ps.fit_read(*read) if read else 0
            join = pair_counts[ps.last_char + head[0]] if head and not ps.complete else 0
            return (own, lands, fit, join)

        return max(cands, key=score)  # ties: the earliest open jump-out

    hosts: list[list[Line]] = [[] for _ in range(n)]
    fragments: list[list[FragmentLines]] = [[] for _ in range(n)]
    out_line: dict[tuple[int, int], int] = {}  # (owner, fragment) -> the line its jump-out is on
    for r, reg in enumerate(regions):
        fi = first_in[r]
        if fi is None:
            hosts[r] = reg.lines  # read only below
            continue
        hosts[r] = list(reg.lines[:fi])
        host = Stream(r)
        cuts = out_at[r]
        for at, ln in enumerate(hosts[r]):
            host.feed(ln.text[: cuts[at]] if at in cuts else ln.text)
        streams: list[Stream] = [host]
        frag_of: dict[int, FragmentLines] = {}
        current = host
        for at in range(fi, len(reg.lines)):
            ln = reg.lines[at]
            text = ln.text
            m = JUMP_IN.match(text.strip())
            if m:
                lead = len(text) - len(text.lstrip())
                page = int(m.group(1))
                marker_span = Span(ln.mt.to_source(lead + m.start()), ln.mt.to_source(lead + m.end(), end=True))
                residue.append(Residue(marker_span.start, marker_span.end, "marker"))
                rest = cut(ln, lead + m.end(), len(text))
                first = rest.text if rest.text.strip() else (reg.lines[at + 1].text if at + 1 < len(reg.lines) else "")
                tgt = target_of(r, page, first)
                if tgt is None:
                    warnings.append(
                        Warning(
                            "fragment_unmatched",
                            f"jump-in marker {m.group(0)} matches no jump-out; kept in place",
                            ln.no,
                        )
                    )
                    if rest.text.strip():
                        hosts[r].append(rest)
                        host.feed(rest.text)
                    continue
                if tgt[0]:
                    owner, _, out_ln, ps, _ = chained[tgt[1]]
                    del chained_open[tgt[1]]
                else:
                    owner, k = tgt[1], tgt[2]
                    open_outs[owner].close(k)
                    if not open_outs[owner]:
                        open_docs.close(owner)
                    out_ln, ps = jump_outs[owner][k][2], pre_state(owner)
                st = _state_copy(ps, owner)
                frag = FragmentLines(squeeze(m.group(0))[1:-1], marker_span, None)
                frag.jump_out = _jump_marker(out_ln.text)
                out_line[(owner, len(fragments[owner]))] = out_ln.no
                fragments[owner].append(frag)
                frag_of[id(st)] = frag
                streams.append(st)
                if len(streams) > MAX_STREAMS:  # a page carries a few continuations, not thousands
                    del streams[1]
                current = st
                if rest.text.strip():
                    st.feed(rest.text)
                    frag.lines.append(rest)
                continue
            chosen = _choose(streams, current, text, pair_counts)
            if chosen is None:
                warnings.append(
                    Warning(
                        "stream_unclear",
                        "no text in progress can continue with this line; kept with the previous one",
                        ln.no,
                    )
                )
                chosen = current
            chosen.feed(text[: cuts[at]] if at in cuts else text)
            if chosen is host:
                hosts[r].append(ln)
            else:
                frag_of[id(chosen)].lines.append(ln)
                ko = out_k[r].get(at)
                if ko is not None and ko in open_outs[r]:
                    # a jump-out inside a continuation: the continued document's, not the host's
                    open_outs[r].close(ko)
                    if not open_outs[r]:
                        open_docs.close(r)
                    moved.add((r, ko))
                    chained.append((chosen.owner, jump_outs[r][ko][0], ln, _state_copy(chosen, chosen.owner), r))
                    chained_open[len(chained) - 1] = None
            current = chosen
    unmatched = [(r, jump_outs[r][k][0], jump_outs[r][k][2]) for r in open_docs for k in open_outs[r]]
    unmatched += [(chained[j][0], chained[j][1], chained[j][2]) for j in chained_open]
    for r, page, ln in sorted(unmatched, key=lambda u: u[2].no):
        warnings.append(
            Warning(
                "jump_unmatched",
                f"{regions[r].header.title or regions[r].header.doc_number or r}: jump-out marker to page {page} has no continuation",
                ln.no,
            )
        )

    # 3. reading order: host lines with each fragment inserted after its jump-out line (a
    #    fragment's own jump-out, in a chain, takes the next link after it)
    out_nos = {jo[2].no for found in jump_outs for jo in found}  # every line whose marker is cut
    own_outs: list[list[tuple[str, int]]] = [
        [(_jump_marker(jo[2].text), jo[0]) for k, jo in enumerate(found) if (r, k) not in moved]
        for r, found in enumerate(jump_outs)
    ]
    for owner, page, ln, _, _ in chained:
        own_outs[owner].append((_jump_marker(ln.text), page))
    docs: list[RawDocument] = []
    for r, reg in enumerate(regions):
        if not fragments[r] and not own_outs[r]:  # nothing to cut or insert (most documents)
            ordered = [ln for ln in hosts[r] if ln.text.strip()]
            docs.append(RawDocument(reg.header, ordered, reg.header.end - reg.header.start, [], []))
            continue
        ordered = []
        frag_after: dict[int, list[FragmentLines]] = {}
        for k, frag in enumerate(fragments[r]):
            frag_after.setdefault(out_line[(r, k)], []).append(frag)
        pending: list[Iterator[Line]] = [iter(hosts[r])]
        while pending:
            ln_ = next(pending[-1], None)
            if ln_ is None:
                pending.pop()
                if not pending and frag_after:  # a jump-out line no reading reached
                    pending.append(iter([x for frags in frag_after.values() for f in frags for x in f.lines]))
                    frag_after = {}
                continue
            ln = ln_
            if ln.no in out_nos:
                m = JUMP_OUT.search(ln.text)
                if m:
                    a = ln.mt.to_source(m.start())
                    b = ln.mt.to_source(m.end(), end=True)
                    residue.append(Residue(a, b, "marker"))
                    ln = cut(ln, 0, m.start())
            if ln.text.strip():
                ordered.append(ln)
            after = frag_after.pop(ln.no, None)
            if after:
                pending.extend(iter(f.lines) for f in reversed(after))
        docs.append(RawDocument(reg.header, ordered, reg.header.end - reg.header.start, fragments[r], own_outs[r]))
    return docs


def _in_place(regions: list[Region], residue: list[Residue]) -> list[RawDocument]:
    """Each region's lines as printed, its jump markers cut out as residue ``marker`` (no
    fragment followed)."""
    docs: list[RawDocument] = []
    for reg in regions:
        ordered: list[Line] = []
        after_header = reg.header.end - reg.header.start
        for idx, ln in enumerate(reg.lines):
            text = ln.text
            if not _paged(text):
                if text.strip():
                    ordered.append(ln)
                continue
            stripped = text.strip()
            m = JUMP_IN.match(stripped) if idx >= after_header else None
            if m:
                lead = len(text) - len(text.lstrip())
                a, b = ln.mt.to_source(lead + m.start()), ln.mt.to_source(lead + m.end(), end=True)
                residue.append(Residue(a, b, "marker"))
                if m.end() == len(stripped):  # the marker alone on its line
                    continue
                ln = cut(ln, lead + m.end(), len(text))
                text = ln.text
            m = JUMP_OUT.search(text)
            if m:
                a, b = ln.mt.to_source(m.start()), ln.mt.to_source(m.end(), end=True)
                residue.append(Residue(a, b, "marker"))
                if not text[: m.start()].strip():  # the marker alone on its line
                    continue
                ln = cut(ln, 0, m.start())
            if ln.text.strip():
                ordered.append(ln)
        docs.append(RawDocument(reg.header, ordered, after_header, [], []))
    return docs


class _Open:
    """The open members of ``range(n)``, in order, as members close in any order: the next
    open member is found with a path-compressed "next" array, so walking the first open
    members costs about as many steps as it yields however many closed before them (a dict
    with its first keys deleted is walked over their empty slots every time)."""

    __slots__ = ("_n", "_next", "_open")

    def __init__(self, n: int) -> None:
        self._next = list(range(n + 1))
        self._n = n
        self._open = n

    def _find(self, i: int) -> int:
        nxt = self._next
        root = i
        while nxt[root] != root:
            root = nxt[root]
        while nxt[i] != root:
            nxt[i], i = root, nxt[i]
        return root

    def close(self, i: int) -> None:
        if self._find(i) == i < self._n:
            self._next[i] = i + 1
            self._open -= 1

    def first(self) -> int:
        return self._find(0)

    def __contains__(self, i: int) -> bool:
        return 0 <= i < self._n and self._find(i) == i

    def __len__(self) -> int:
        return self._open

    def __iter__(self) -> Iterator[int]:
        i = self._find(0)
        while i < self._n:
            yield i
            i = self._find(i + 1)


MAX_JUMP_CANDIDATES = 32
# jump-in markers one text may hold for them to be followed: an issue prints a few (a 100-page
# issue a dozen or two), a year of issues in one file a few hundred. Past this the text is no
# gazette's: no marker is followed, each is residue, and one ``jumps_not_followed`` warning says so
# (hostile text costs no fragment per marker).
MAX_JUMPS = 1000


def _paged(text: str) -> bool:
    """Whether ``text`` can hold a jump marker: every marker names a page (页) or a printed page
    (版). Two substring tests: a character-class regex search over every line cost five times as much."""
    return "页" in text or "版" in text


MAX_STREAMS = 9  # the host and the last eight fragments opened in a region


def _state_copy(s: Stream, owner: int) -> Stream:
    """A new stream of ``owner`` that goes on from the state of ``s``."""
    st = Stream(owner)
    st.article, st.chapter, st.top, st.paren, st.day = s.article, s.chapter, s.top, s.paren, s.day
    st.complete, st.last_char, st.selfref = s.complete, s.last_char, s.selfref
    return st


def _strip_out(text: str) -> str:
    m = JUMP_OUT.search(text)
    return text[: m.start()] if m else text


def _choose(streams: list[Stream], current: Stream, text: str, pair_counts: Counter[str]) -> Stream | None:
    reference, kind, n = _read(text.strip())
    strong: list[Stream] = []
    maybe: list[Stream] = []
    if kind is None and not reference:  # a line with no label: it surely continues an open sentence
        for s in streams:
            (maybe if s.complete else strong).append(s)
    else:
        for s in streams:
            f = s.fit_read(reference, kind, n)
            if f == 2:
                strong.append(s)
            elif f == 0:
                maybe.append(s)
    if len(strong) == 1:
        return strong[0]
    cands = strong or maybe
    if not cands:
        return None
    if current in cands:
        return current
    t = text.strip()
    first = t[:1]
    if all(not s.complete for s in cands) and first:
        best = max(cands, key=lambda s: pair_counts[s.last_char + first])
        top = pair_counts[best.last_char + first]
        if sum(1 for s in cands if pair_counts[s.last_char + first] == top) == 1:
            return best
    for s in cands:
        if s.selfref and s.selfref in t:
            return s
    return cands[0]


def _jump_marker(text: str) -> str:
    """The 下转第N版 marker ending ``text``, without its brackets; ``text`` must end in one."""
    m = JUMP_OUT.search(text)
    assert m is not None  # only lines that matched JUMP_OUT are recorded as jump-outs
    return squeeze(m.group(0))[1:-1]
