"""Facts of one document that need more than one place of it: issuers, history and the
dates it gives (passed, approved, published, effective), what a 转发/批转 notice forwards.

``document_facts`` is what ``pipeline.build_document`` calls once the segmenter has cut the
document out and its title and kind are known; every rule is in the extract functions it
calls (``issuer``, ``metadata.parse_history``…), so tests can call them one by one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from gongbao.extract.dates import parse_date
from gongbao.extract.head import resolve_untitled
from gongbao.extract.issuer import (
    Issuers,
    fold_date,
    from_meeting,
    is_date_line,
    normalize_body,
    read_issuers,
    split_forwarding_line,
)
from gongbao.extract.metadata import (
    _TITLE,
    approved_in_text,
    find_history,
    parse_history,
    passed_in_text,
)
from gongbao.model import Document, HistoryEvent, Ref
from gongbao.segment.documents import Header
from gongbao.segment.patterns import squeeze

LEGISLATION = ("规章", "法律", "行政法规", "地方性法规")
_PLACE = re.compile(r"^(?P<place>[\u4e00-\u9fff]{2,12}?(?:自治区|自治州|省|市|县|区|州|旗|盟))")
# 现将…制定的《X》转发给你们 / 市人民政府同意市教育局修订的《X》，现转发给你们
_FORWARDED = re.compile(
    r"(?:现将|同意)(?P<body>[\u4e00-\u9fff（）()、]{2,60}?)(?:会同[^《]{0,60}?)?(?:制定|拟定|修订|起草|提出|编制)?的?"
    r"(?P<titles>(?:《[^《》]{2,120}》[和、及与]?)+)"
)


@dataclass(slots=True)
class Facts:
    issuers: Issuers
    history: list[HistoryEvent] = field(default_factory=list)
    history_range: tuple[int, int] | None = None
    passed: date | None = None
    approved: date | None = None
    published: date | None = None
    effective: date | None = None  # from the history (…起施行), when it prints one
    forwards: list[Ref] = field(default_factory=list)
    title: str | None = None  # the title with its first line back, when the segmenter took it as an issuer


def _order_issuer_with_place(order_issuer: str | None, title: str) -> str | None:
    """政府令〔2010〕第15号 over 河北省人民政府令…: a bare 政府令 takes the place its title names."""
    if order_issuer and squeeze(order_issuer) in ("政府令", "人民政府令"):
        m = _PLACE.match(squeeze(title))
        if m:
            return m.group("place") + "人民政府令"
    return order_issuer


_FORWARDED_BEFORE = re.compile(
    r"(?P<body>[\u4e00-\u9fff（）()]{2,40}?(?:委员会|办公厅|办公室|人民政府|总局|局|部|委|厅|办|署|院|会|中心))"
    r"(?:制定|拟定|修订|起草|提出|编制)?的?(?P<titles>(?:《[^《》]{2,120}》[和、及与]?)+)"
)


def forwarded_instruments(paragraphs: list[str], start: int = 0) -> list[Ref]:
    """What a 转发/批转 notice forwards: 现将新余市国有资产监督管理委员会制定的《甲》和《乙》
    转发给你们 -> [甲, 乙] with their body; 国家地震局《关于加强地震工作的意见》已经国务院
    同意，现转发给你们 -> [关于加强地震工作的意见] by 国家地震局."""
    for p in paragraphs[start : start + 8]:
        t = squeeze(p)
        if "转发" not in t and "批转" not in t:
            continue
        m = _FORWARDED.search(t)
        if not m:
            m = _FORWARDED_BEFORE.search(t)
        if not m:
            continue
        body = m.group("body")
        body = re.sub(r"^(?:经[^，]{0,30}，)?", "", body)
        issuer = normalize_body(body) if body else None
        return [Ref(None, squeeze(x), relation="forwards", issuer=issuer) for x in _TITLE.findall(m.group("titles"))]
    return []


_FORWARDING = re.compile("转发|批转")


def document_facts(
    paragraphs: list[str],
    *,
    header_lines: int,
    header_kind: str,
    title: str,
    kind: str,
    header_issuer: str | None,
    order_issuer: str | None = None,
    signed: date | None = None,
    doc_number: str | None = None,
) -> Facts:
    """Issuers, history and history dates, forwarded instruments (see module docstring)."""
    legislation = kind in LEGISLATION or header_kind == "republished"
    hr = find_history(paragraphs, header_lines if header_kind != "republished" else 1)
    history_text = " ".join(paragraphs[hr[0] : hr[1]]) if hr else None
    history = parse_history(history_text) if history_text else []
    if header_kind == "order":
        order_issuer = _order_issuer_with_place(
            order_issuer or (header_issuer + "令" if header_issuer else None), title
        )
    issuers = read_issuers(
        title=title,
        order_issuer=order_issuer if header_kind == "order" else None,
        header_issuer=header_issuer,
        paragraphs=paragraphs,
        body_start=header_lines,
        history=history_text,
        legislation=legislation,
        doc_number=doc_number,
    )
    if header_kind == "chronicle" and header_issuer:
        issuers = Issuers([header_issuer], None, "title")
    facts = Facts(issuers, history, hr)
    if header_issuer and split_forwarding_line(header_issuer) and not squeeze(title).startswith(squeeze(header_issuer)):
        # 国务院办公厅转发国家地震局 / 关于…的通知: the issuer line is the title's first line
        facts.title = squeeze(header_issuer) + squeeze(title)
    for e in history:
        if e.event == "通过" and facts.passed is None:
            facts.passed = e.date
        elif e.event == "批准" and facts.approved is None:
            facts.approved = e.date
        elif e.event in ("公布", "发布") and facts.published is None:
            facts.published = e.date
        elif e.event == "施行" and facts.effective is None:
            facts.effective = e.date
    body = paragraphs[header_lines:]
    if facts.passed is None:
        facts.passed = passed_in_text(body)[0]
    if facts.approved is None:
        facts.approved = approved_in_text(body)
    if facts.published is None and _promulgates(body):
        facts.published = signed or _first_date_line(body)
    if legislation and not facts.issuers.names and history_text:
        facts.issuers = Issuers(from_meeting(history_text, title), None, "meeting")
    facts.forwards = (
        forwarded_instruments(paragraphs, header_lines) if _FORWARDING.search(title + " ".join(body[:6])) else []
    )
    if facts.forwards and facts.issuers.forwarded is None:
        facts.issuers.forwarded = facts.forwards[0].issuer
    return facts


def header_of_untitled(h: Header, paragraphs: list[str]) -> Header:
    """A segment whose head the segmenter left ``untitled``, read again by
    ``extract.head``: a 令 (政府令〔2010〕第15号), a law with its history lines, a notice
    whose title runs over several lines. Other headers are returned as they are."""
    found = resolve_untitled(h.kind, paragraphs)
    if found is None:
        return h
    kind, head = found
    title = head.title or h.title
    if kind == "order" and head.order_issuer:
        number = head.order_number or ""
        m = re.search(r"(?:((?:19|20)\d\d)\s*年\s*)?第\s*(\d+)\s*号", number)
        doc_number: str | None
        if m and "〔" not in number:
            year = f"{m.group(1)}年" if m.group(1) else ""  # 交通运输部令2019年第46号
            doc_number = f"{head.order_issuer}{year}第{int(m.group(2))}号"
        else:
            doc_number = squeeze(head.order_issuer + number) if number else None
        return Header("order", h.start, h.end, doc_number, head.order_issuer[:-1], title)
    return Header(kind, h.start, h.end, h.doc_number or head.doc_number, h.issuer or head.issuer_line, title)


def promulgated_by(doc: Document, order: Document) -> bool:
    """``doc`` is the instrument the order printed before it promulgates (国务院令 … 现予公布
    《某某管理条例》, then 某某管理条例 printed as a document of its own)."""
    return order.kind == "令" and bool(doc.title) and squeeze(doc.title) == squeeze(order.title or "")


def history_start(history: list[HistoryEvent]) -> date | None:
    """When the work a text prints its history of began: its first 施行 step, else its first
    公布/发布 step, else its first 通过 step (never a later 修订/修正, which starts a version)."""
    for events in (("施行",), ("公布", "发布"), ("通过",)):
        found = next((e.date for e in history if e.event in events and e.date), None)
        if found is not None:
            return found
    return None


def inherit_promulgation(doc: Document, order: Document) -> None:
    """An instrument printed after the order that promulgates it: its issuer(s) and the
    order's dates (passed, published, effective) when it prints none of its own.

    A republished text whose history starts before the order (1983年9月20日国务院发布 … 根据
    2001年7月22日《…决定》修订, printed after the 令 of that decision) is an older work in the
    version the order made: the work started with its history, not on the order's date (the
    version's own start is the last step of that history, see ``store.ingest``)."""
    if not doc.issuers and order.issuers:
        doc.issuers = list(order.issuers)
    doc.issuer = doc.issuer or order.issuer
    kind_of_order = _order_kind(order.doc_number or "")
    made = _ORDER_MAKES.get(kind_of_order) if kind_of_order else None
    if made and doc.kind in _RULE_TITLES:
        # 外商投资法实施条例 under 国务院令第723号 is a 行政法规, as the 实施条例 a 国务院 history names
        doc.kind = made
    start = history_start(doc.history)
    day = order.signed_date or order.published_date or order.effective_date
    if doc.effective_date is None and start is not None and day is not None and start < day:
        doc.effective_date = start
        return
    doc.passed_date = doc.passed_date or order.passed_date
    doc.published_date = doc.published_date or order.published_date or order.signed_date
    doc.effective_date = doc.effective_date or order.effective_date


#: what an order's instrument is, by the order (国务院令 -> 行政法规, 人民政府令/部令 -> 规章)
_ORDER_MAKES = {"国务院令": "行政法规", "人民政府令": "规章", "部门令": "规章"}
#: kinds named by a title that an order's instrument has before the order says what it is
_RULE_TITLES = ("条例", "办法", "规定", "细则", "规则", "实施细则")


def _order_kind(number: str) -> str | None:
    n = squeeze(number)
    if "国务院令" in n:
        return "国务院令"
    if re.search(r"人民政府令|政府令|府令", n):
        return "人民政府令"
    if re.search(r"(?:部|总局|委员会|署|局|行|会)令", n):
        return "部门令"
    return None


def _promulgates(body: list[str]) -> bool:
    """An order or announcement that publishes an instrument (现予公布 / 现予以发布 / 现发布《X》)."""
    return any(re.search(r"现予(?:以)?(?:公布|发布)|现发布《|予以公布", squeeze(p)) for p in body[:8])


def _first_date_line(body: list[str]) -> date | None:
    for p in body[:12]:
        if is_date_line(p):
            return parse_date(fold_date(p))
    return None


__all__ = [
    "Facts",
    "document_facts",
    "forwarded_instruments",
    "header_of_untitled",
    "history_start",
    "inherit_promulgation",
    "promulgated_by",
]
