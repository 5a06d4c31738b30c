"""The head of one document as printed above its body: banner, 令 header, issuer line,
title (one to four lines), 文号, a line of issuing bodies.

``read_head(paragraphs)`` reads a document whose boundaries are already known (a file
holding one document, or a segment cut by ``gongbao.segment``); it never looks past the
first dozen lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongbao.extract.dates import is_date_line
from gongbao.extract.docnumber import find_doc_numbers
from gongbao.extract.issuer import bodies_in_line, split_forwarding_line
from gongbao.grammar.history import is_history_line
from gongbao.grammar.lines import is_file_number_line
from gongbao.segment.patterns import squeeze

_TITLE_END = re.compile(
    r"(?:通知|决定|决议|意见|办法|方案|预案|细则|规定|条例|批复|答复|通告|公告|公报|通报|规划|措施|函|报告|请示|"
    r"议案|纪要|规则|纲要|计划|清单|法|命令|令|大事记)(?:[（(](?:试行|暂行|草案|修订|[^（）()]{0,12}\d{4}[^（）()]{0,12})[）)])?$"
)
_ORDER_LINE = re.compile(
    r"^(?P<issuer>[\u4e00-\u9fff]{2,24}?令)\s*(?:[（(〔\[](?P<inner>[^）)〕\]]{0,12})[）)〕\]])?\s*(?:第\s*(?P<n>[\d一二三四五六七八九十百零〇]{1,6})\s*号)?$"
)
_BARE_NUMBER = re.compile(
    r"^[（(]?(?:(?:19|20)\d\d\s*年\s*)?第\s*(?P<n>[\d一二三四五六七八九十百零〇]{1,6})\s*号[）)]?$"
)
_FILE_NUMBER_LINE = re.compile(
    r"^[\u4e00-\u9fff]{1,12}\s*[〔\[【（(［]\s*(?:19|20)\d\d\s*[〕\]】）)］]\s*第?\s*\d{1,5}\s*号$"
)
_HISTORY = re.compile(r"^[（(]\s*(?:19|20)\d\d\s*年|^(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_BANNER = re.compile(r"^(?P<body>[\u4e00-\u9fff]{2,40})文件$")


@dataclass(slots=True)
class Head:
    title: str | None = None
    title_lines: tuple[int, int] | None = None  # paragraph range of the title
    doc_number: str | None = None
    order_issuer: str | None = None  # 中华人民共和国国务院令 (a 令 header)
    order_number: str | None = None  # 第227号 / 九届第37号
    issuer_line: str | None = None  # an issuer printed above the title (or a banner 某某文件)
    body_issuers: list[str] | None = None  # a line of bodies printed under the title
    body_start: int = 0  # first paragraph after the head


def _is_file_number(t: str) -> bool:
    """A 文号 line; with the grammar's forms, a numbered announcement (国家税务总局公告2018年第28号)."""
    return bool(_FILE_NUMBER_LINE.match(t)) or is_file_number_line(t)


def _is_number_line(t: str) -> bool:
    return _is_file_number(t) or bool(_BARE_NUMBER.match(t))


def read_head(paragraphs: list[str], limit: int = 14) -> Head:
    """Read the head of one document (see module docstring)."""
    head = Head()
    n = min(len(paragraphs), limit)
    i = 0
    title_parts: list[str] = []
    title_start = None
    last_title = -1
    while i < n:
        raw = paragraphs[i]
        t = squeeze(raw)
        if not t:
            i += 1
            continue
        joined = "".join(title_parts)
        if (
            title_parts
            and _TITLE_END.search(joined)
            and joined.count("《") <= joined.count("》")
            and not _is_number_line(t)
            and not _ORDER_LINE.match(t)
            and not bodies_in_line(raw)
        ):
            break  # the title is complete and this line is not part of the head
        bm = _BANNER.match(t)
        if bm and not title_parts:
            head.issuer_line = head.issuer_line or bm.group("body")
            i += 1
            continue
        om = _ORDER_LINE.match(t)
        k = i + 1
        while k < n and not squeeze(paragraphs[k]):
            k += 1  # 第227号 may stand after a blank line
        if om and (om.group("n") or om.group("inner") or (k < n and _BARE_NUMBER.match(squeeze(paragraphs[k])))):
            head.order_issuer = om.group("issuer")
            if om.group("n") or om.group("inner"):
                head.order_number = t[len(om.group("issuer")) :].strip("（()）")
                i += 1
            else:
                head.order_number = squeeze(paragraphs[k])
                i = k + 1
            head.body_start = i
            # a 令 prints no title of its own: the instrument follows its text
            if title_parts and title_start is not None:
                head.title = "".join(title_parts)
                head.title_lines = (title_start, title_start + len(title_parts))
            return head
        if _is_file_number(t) or (t.startswith("政府令") and _is_number_line(t[2:])):
            found = find_doc_numbers(t)
            head.doc_number = found[0][2] if found else t
            i += 1
            if title_parts:
                last_title = i - 1
            continue
        if _BARE_NUMBER.match(t) and not title_parts:
            i += 1
            continue
        if (
            t.endswith(("：", ":"))
            or _HISTORY.match(t)
            or is_history_line(t)
            or is_date_line(t)
            or re.search(r"[。；]", t)
        ):
            break
        names = bodies_in_line(raw)
        if names and not title_parts:
            fw = split_forwarding_line(raw)
            # 国务院办公厅转发国家地震局 / 关于…的意见的通知, or joint bodies named as a title names them,
            # joined by 、, over 关于…的通知 (国办发〔1996〕25号): the title's first line. One body over the
            # title is the issuer's line (上海市建设和管理委员会 / 关于印发…的通知).
            nxt = next((squeeze(p) for p in paragraphs[i + 1 : n] if squeeze(p)), "")
            # over a title broken across lines it is that title's first line too (国务院办公厅 /
            # 关于辽宁省在…考察 / 工作时…的函)
            title_next = nxt.startswith("关于") and (("、" in t and len(names) > 1) or not _TITLE_END.search(nxt))
            if fw is not None or title_next:
                title_start = i
                title_parts.append(t)
                last_title = i
                i += 1
                continue
            head.issuer_line = " ".join(names)
            i += 1
            continue
        if names and title_parts:
            head.body_issuers = names
            last_title = i
            i += 1
            continue
        if len(title_parts) >= 4 or len(t) > 60:
            break
        if title_start is None:
            title_start = i
        title_parts.append(t)
        last_title = i
        i += 1
    if title_parts and title_start is not None:
        head.title = "".join(title_parts)
        head.title_lines = (title_start, title_start + len(title_parts))
    head.body_start = max(head.body_start, last_title + 1)
    return head


__all__ = ["Head", "read_head"]


def resolve_untitled(kind: str, paragraphs: list[str]) -> tuple[str, Head] | None:
    """For a document the segmenter could not read the head of (``untitled``): the head
    as ``read_head`` reads it and the header kind it implies (order, republished, file);
    ``None`` when the head says nothing more than its first line."""
    if kind != "untitled":
        return None
    from gongbao.extract.metadata import find_history

    head = read_head(paragraphs)
    if head.order_issuer:
        return "order", head
    start = head.title_lines[1] if head.title_lines else 1
    if head.doc_number is None and find_history(paragraphs, start, 8) is not None:
        return "republished", head
    if head.doc_number or head.title:
        return "file", head
    return None
