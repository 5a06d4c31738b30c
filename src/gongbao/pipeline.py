"""``parse_path(file) -> Issue``: ingest -> normalize -> segment -> structure -> extract, no database.

Guarantees: every visible source character is in exactly one document's spans or in the
residue with a reason; documents are in printed order; a document's ``text`` is its body in
reading order (jump fragments re-attached where the text broke off, markers removed, lines
broken by page breaks re-joined), one paragraph per line.
"""

from __future__ import annotations

import bisect
import datetime as dt
import gc
import os
import re
from array import array
from collections.abc import Callable, Iterator

from gongbao.errors import InputError
from gongbao.extract.appointments import extract_appointments
from gongbao.extract.chronicle import chronicle_month, extract_events
from gongbao.extract.document import document_facts, header_of_untitled, inherit_promulgation, promulgated_by
from gongbao.extract.issuer import find_signers
from gongbao.extract.metadata import (
    find_amended,
    find_attachments,
    find_citations,
    find_effective,
    find_expiry,
    find_extensions,
    find_legal_basis,
    find_repeals,
    find_signature,
    find_superseded,
    find_term,
    instrument_title,
    kind_from_title,
    legislation_kind,
    may_attach,
    may_cite,
    may_expire,
    may_extend,
    may_list,
    may_repeal,
    numbered_subject,
    parse_history,
    pinpoints_in,
    promulgated_title,
    read_lists,
    titled_refs,
)
from gongbao.grammar.dates import is_date_line, parse_date
from gongbao.grammar.docnumber import find_doc_numbers, is_order_number
from gongbao.grammar.forms import NON_INSTRUMENT_KINDS, is_addressee_class, is_addressee_kind
from gongbao.grammar.history import amended_work
from gongbao.grammar.lines import ARTICLE, CHAPTER, TOP, is_issuer_line, split_outside_brackets, squeeze, starts_unit
from gongbao.grammar.posts import APPOINTMENT_MODE, region_of
from gongbao.ingest import read_source
from gongbao.ingest.reader import Source, decode_bytes, split_lines
from gongbao.model import LEGISLATION_KINDS as LEGISLATION
from gongbao.model import (
    Attachment,
    Change,
    Document,
    Fragment,
    Issue,
    MappedText,
    Node,
    Ref,
    Residue,
    Span,
    Warning,
)
from gongbao.normalize import normalize_lines
from gongbao.segment import segment
from gongbao.segment.documents import RawDocument
from gongbao.segment.genre import not_a_gazette
from gongbao.segment.locate import key
from gongbao.segment.paragraphs import join_paragraphs

# (a decision naming an acting head: 关于王晓东任湖北省人民政府代省长的决定; an election's results: …会议选举结果)
_APPOINTING = re.compile(
    r"任免|任命|免去|辞职请求|辞去|同志代理|常务委员会第.{1,8}次会议简况$|代[省市县区州]长|代理[^，。]{0,12}?(?:长|主任)的决定$"
    r"|选举结果|当选"
)
#: a proposal to appoint (关于提请决定任免…的议案) appoints no one: the body it goes to decides
_PROPOSAL = re.compile(r"议案|提请")
_CHRONICLE_OF = re.compile(r"^(?P<body>[\u4e00-\u9fff]{2,30}?)(?:19|20)\d\d年(?:\d{1,2}月(?:份)?)?大事记$")


def parse_path(path: str | os.PathLike[str]) -> Issue:
    """Parse a gazette (or a single document) file. Raises ``InputError`` for bad input."""
    return parse_source(read_source(path))


def parse_text(text: str, path: str = "<text>") -> Issue:
    """Parse text already in memory (tests, API uploads)."""
    import hashlib

    data = text.encode("utf-8")
    decoded, enc = decode_bytes(data, path)
    return parse_source(Source(path, decoded, hashlib.sha256(data).hexdigest(), enc))


def parse_source(src: Source) -> Issue:
    """Parse decoded source text. The cyclic garbage collector is paused while the parse
    builds its objects (hundreds of thousands of small lines and pieces, no cycles to free):
    on a short-line MB its passes cost a third of the parse and grow faster than the input."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _parse_source(src)
    finally:
        if was_enabled:
            gc.enable()


def _parse_source(src: Source) -> Issue:
    changes: list[Change] = []
    seg = segment(src.text, normalize_lines(src.text, changes))
    documents: list[Document] = []
    appointments = []
    events = []
    warnings = list(seg.warnings)
    shaped = bool(seg.toc) or any(d.header.kind != "untitled" for d in seg.documents)
    refusal = not_a_gazette(src.text, shaped=shaped)
    if refusal:
        warnings.append(Warning("not_a_gazette", refusal))
    for page in src.scanned:
        warnings.append(
            Warning(
                "page_scanned",
                f"page {page} is an image with no text layer (a scanned page): what it prints is in no document; "
                "OCR the file first",
                src.text.count("\n", 0, src.pages[page - 1]) + 1,
            )
        )
    if src.chrome:
        chars = sum(len("".join(line.split())) for line in src.chrome)
        shown = " / ".join(src.chrome)
        warnings.append(
            Warning(
                "web_page_chrome",
                f"{chars} characters of the site around the document (navigation, header, footer) not read: "
                f"{shown[:60] + '…' if len(shown) > 60 else shown!r}",
            )
        )
    if src.dropped:
        warnings.append(
            Warning(
                "web_page_unread",
                f"{src.dropped} Chinese characters of the web page were not read (elements nested deeper than "
                "the HTML parser reads): save the page as text or PDF",
            )
        )
    for page in src.unreadable:
        warnings.append(
            Warning(
                "page_unreadable",
                f"page {page}'s text layer is not readable text (its font maps no characters: glyph numbers read as "
                "letters of unrelated scripts); what it prints is unread; OCR the file",
                src.text.count("\n", 0, src.pages[page - 1]) + 1,
            )
        )
    structure = _structure_parser()
    parent: Document | None = None
    # each segmented document (its lines and their maps) is released once its Document is
    # built: the lines of the whole issue are not all held until the end of the parse
    pending = list(zip(seg.documents, seg.toc_index, strict=True))
    seg.documents = []
    pending.reverse()
    while pending:
        raw, toc_k = pending.pop()
        doc = build_document(raw, toc_k, changes)
        del raw
        if parent is not None and (
            promulgated_by(doc, parent) or (doc.kind in LEGISLATION and not _promulgated_by_another(doc, parent))
        ):
            doc.parent = parent.doc_number
            doc.issuer = doc.issuer or parent.issuer
            inherit_promulgation(doc, parent)
        elif doc.kind in ("令", "决定"):
            parent = doc
        else:
            parent = None
        if structure is not None:
            try:
                doc.body = structure[0](doc.text, kind=doc.kind, layout=_layout(src.text, doc.body_mt))
                doc.counts = structure[1](doc.body)
                warnings.extend(
                    Warning("numbering_gap", f"{doc.ref}: {gap} (a heading lost, or a page missing?)")
                    for gap in structure[2](doc.body)
                )
                annexes, unread_rows = _annexes_and_unread_rows(doc.body)
                if not doc.attachments:
                    doc.attachments = annexes
                warnings.extend(
                    Warning("table_row_unread", f"{doc.ref}: {row} (its cells do not fit the table's columns)")
                    for row in unread_rows
                )
            except Exception as e:  # a parser bug must not lose the document
                warnings.append(
                    Warning("structure_failed", f"{doc.ref}: structure not built ({type(e).__name__}: {e})")
                )
        if not doc.counts:
            doc.counts = fallback_counts(doc)
        if may_appoint(doc.title, doc.kind):
            paragraphs = doc.text.split("\n")
            spans = _paragraph_spans(doc)
            unread: list[int] = []
            appointments.extend(
                extract_appointments(
                    paragraphs,
                    doc.doc_number,
                    doc.signed_date,
                    spans,
                    unread,
                    year=seg.masthead.year,
                    region=region_of(doc.issuer or doc.title),
                )
            )
            warnings.extend(
                Warning("appointments_unread", f"{doc.ref}: no appointment read from “{paragraphs[k][:40]}…”")
                for k in unread
                if squeeze(paragraphs[k]) not in squeeze(doc.title)  # the title names the verb too
            )
        # a clean-up list's entry that could not be read is said, never lost silently
        warnings.extend(Warning("repeal_entry_unread", f"{doc.ref}: {msg}") for msg in doc.unread_entries)
        if doc.kind == "文件" and toc_k is not None and "大事记" in (seg.toc[toc_k].section or ""):
            doc.kind = "大事记"  # 专业会议 listed under the TOC's section 大事记: a part of the chronicle
        if doc.kind == "大事记":
            ym = chronicle_month(doc.title, seg.masthead.date, seg.masthead.year)
            paragraphs = doc.text.split("\n")
            if ym:
                unread_entries: list[int] = []
                got = extract_events(paragraphs[1:], *ym, spans=_paragraph_spans(doc)[1:], unread=unread_entries)
                events.extend(got)
                warnings.extend(
                    Warning("chronicle_entry_undated", f"{doc.ref}: no date read for “{paragraphs[k + 1][:40]}…”")
                    for k in unread_entries
                )
            elif len(paragraphs) > 1:
                warnings.append(
                    Warning("chronicle_undated", f"{doc.ref}: no year read for the chronicle “{doc.title[:40]}”")
                )
        documents.append(doc)
    residue = seg.residue + _layout_residue(changes)
    if src.text.startswith("\ufeff"):
        residue.append(Residue(0, 1, "bom"))  # the file's byte-order mark: offset 0 is the BOM
    residue += account(src.text, documents, residue, warnings)
    return Issue(
        path=src.path,
        source=src.text,
        sha256=src.sha256,
        masthead=seg.masthead,
        toc=seg.toc,
        documents=documents,
        appointments=appointments,
        events=events,
        residue=sorted(residue, key=lambda r: r.start),
        changes=changes,
        warnings=warnings,
    )


_VISIBLE = re.compile(r"\S+(?:\s+\S+)*")


def account(source: str, documents: list[Document], residue: list[Residue], warnings: list[str]) -> list[Residue]:
    """The no-loss invariant, checked on every parse: every visible character of ``source``
    is in exactly one document span or residue item. Visible text that nothing claims is
    returned as residue ``unassigned`` with an ``unassigned_text`` warning per run; text
    claimed twice gets a ``doubled_text`` warning. Cost: a sort of the spans, then linear."""
    spans = _sorted_spans(source, documents, residue)
    out: list[Residue] = []
    covered = 0
    starts: list[int] = []

    def line_of(offset: int) -> int:
        if not starts:  # line starts only when a warning needs a line number
            starts.extend(a for a, _ in split_lines(source))
        return bisect.bisect_right(starts, offset)

    def gap(a: int, b: int) -> None:
        for m in _VISIBLE.finditer(source, a, b):
            out.append(Residue(m.start(), m.end(), "unassigned"))
            text = m.group(0)
            shown = text if len(text) <= 40 else text[:40] + "…"
            warnings.append(
                Warning("unassigned_text", f"{len(text)} characters in no document: {shown!r}", line_of(m.start()))
            )

    for a, b in spans:
        if a > covered:
            if a - covered > 2 or not source[covered:a].isspace():  # not just a line break
                gap(covered, a)
        elif a < covered and source[a : min(b, covered)].strip():
            warnings.append(Warning("doubled_text", f"characters {a}-{min(b, covered)} claimed twice", line_of(a)))
        if b > covered:
            covered = b
    if covered < len(source):
        gap(covered, len(source))
    return out


def _sorted_spans(source: str, documents: list[Document], residue: list[Residue]) -> Iterator[tuple[int, int]]:
    """Every ``(start, end)`` of the documents' spans and the residue, in sorted order. Each
    pair is packed in one 64-bit integer (start, then end) while sorting: a tuple per span
    would make this the parse's peak of memory."""
    if len(source) >= 1 << 31:  # pragma: no cover - a text of two billion characters
        yield from sorted(
            [(s.start, s.end) for d in documents for s in d.spans()] + [(r.start, r.end) for r in residue]
        )
        return
    keys = array("q")
    for d in documents:
        _add_span_keys(keys, d.body_mt)
    keys.extend([(r.start << 32) | r.end for r in residue])
    low = (1 << 32) - 1
    for k in sorted(keys):
        yield k >> 32, k & low


def _add_span_keys(keys: array[int], mt: MappedText) -> None:
    """Append ``mt.source_spans()`` to ``keys``, each packed as ``start << 32 | end``, read
    straight from the piece map (appended as found: no generator to resume per span)."""
    m = mt._m
    add = keys.append
    cs = ce = -1
    for s, n in zip(m[1::3], m[2::3], strict=True):
        if not n:
            continue
        if s == ce:
            ce = s + n
            continue
        if ce >= 0:
            add((cs << 32) | ce)
        cs, ce = s, s + n
    if ce >= 0:
        add((cs << 32) | ce)


class NotAGazette(InputError):
    """The text is not a gazette or an official document (``gongbao ingest`` refuses it)."""


def refuse_non_gazette(issue: Issue) -> None:
    """Raise ``NotAGazette`` naming the file when its parse carries a ``not_a_gazette`` warning."""
    for w in issue.warnings:
        if isinstance(w, Warning) and w.code == "not_a_gazette":
            raise NotAGazette(f"{w.message} (use --force to store it anyway)", path=issue.path)


def summary(issue: Issue) -> str:
    """One line for stderr: documents, TOC entries matched, warnings by code, residue share."""
    matched = len({d.toc_index for d in issue.documents if d.toc_index is not None})
    codes: dict[str, int] = {}
    for w in issue.warnings:
        code = w.code if isinstance(w, Warning) else "other"
        codes[code] = codes.get(code, 0) + 1
    visible = sum(1 for c in issue.source if not c.isspace()) or 1
    residue = sum(1 for r in issue.residue for c in issue.source[r.start : r.end] if not c.isspace())
    unassigned = sum(r.end - r.start for r in issue.residue if r.reason == "unassigned")
    toc = f"TOC {matched}/{len(issue.toc)} matched; " if issue.toc else "no TOC; "
    warn = ", ".join(f"{k} {v}" for k, v in sorted(codes.items())) or "none"
    return (
        f"{issue.path}: {len(issue.documents)} documents; {toc}warnings: {warn}; "
        f"residue {residue / visible:.1%}; unassigned {unassigned} characters"
    )


def _locate_pinpoints(doc: Document) -> None:
    """Where the document cites provisions of another instrument (``Ref.scope``): a citation gets
    each paragraph citing some (``Ref.places``: the store keeps one relation a place, its
    ``source_eid``), a basis the paragraph of its first (``Ref.span``)."""
    amended = {r.title for r in doc.amends if r.title} | {r.title for r in doc.repeals if r.title}
    for r in doc.cites:
        if r.title in amended:
            r.scope = None  # 将《X》第三条修改为: the articles a decision amends are its amendment, not citations
    refs = [r for r in doc.legal_basis + doc.cites if r.scope and r.span is None]
    if not refs:
        return
    paragraphs = doc.text.split("\n")
    spans = _paragraph_spans(doc)
    for r in refs:
        wanted = r.scope.split("、") if r.scope else []
        for p, sp in zip(paragraphs, spans, strict=True):
            here = [x for x in pinpoints_in(p, r) if x in wanted]
            if not here or sp is None:
                continue
            if r.span is None:
                r.span = sp
            if any(r is b for b in doc.legal_basis):
                break
            r.places.append((sp, "、".join(here)))


def _paragraph_spans(doc: Document) -> list[Span | None]:
    """The source span (first to last character) of each paragraph of ``doc.text``."""
    out: list[Span | None] = []
    pos = 0
    for p in doc.text.split("\n"):
        spans = doc.body_mt.source_spans(pos, pos + len(p))
        out.append(Span(spans[0].start, spans[-1].end) if spans else None)
        pos += len(p) + 1
    return out


_QUOTED = re.compile(r"《[^》]*》")
#: titles of instruments (条例, 办法…): a regulation on appointments makes none
_INSTRUMENT_TITLE = re.compile(r"(?:条例|办法|规定|规则|细则|法)$")


def may_appoint(title: str, kind: str | None) -> bool:
    """Is a document with this title and kind an act of appointment (任免通知, 任免名单, 接受…辞职请求的
    决定)? Not a proposal (议案), not an instrument about appointments (…任免国家机关工作人员条例) nor a
    decision amending one (任免 inside 《》). The store asks it of its documents when it reads their
    appointments again (``store.records``)."""
    title = _QUOTED.sub("", title or "")
    if kind != "任免通知" and not _APPOINTING.search(title):
        return False
    return not _PROPOSAL.search(title) and kind not in LEGISLATION and not _INSTRUMENT_TITLE.search(title)


def _promulgated_by_another(doc: Document, order: Document) -> bool:
    """A regulation whose own history line says another order published it and never names
    ``order`` (（2017年10月27日…令第119号公布…） printed after 令第116号 and its regulation): not
    that order's regulation, its dates are its own. A text republished after the order that
    amended it names that order or the decision it published (根据…令第48号 / 根据《…的决定》修正)
    and stays the order's."""
    events = [e for e in doc.history if e.event in ("公布", "发布") and e.date]
    if not events or not order.doc_number:
        return False
    named = {key(x) for e in doc.history for x in (e.by, e.instrument) if x}
    return not named & {key(x) for x in (order.doc_number, order.title) if x}


def _layout_residue(changes: list[Change]) -> list[Residue]:
    """Visible characters that normalization removed (a "- " list prefix, the _ of NO_x)."""
    return [Residue(c.start, c.end, "layout") for c in changes if c.after == "" and c.before.strip()]


def build_document(raw: RawDocument, toc_index: int | None, changes: list[Change] | None = None) -> Document:
    """A ``Document`` with its text and metadata from a segmented document."""
    h = raw.header
    mt = join_paragraphs(raw.lines, raw.header_lines, changes)
    paragraphs = mt.text.split("\n")
    h = header_of_untitled(h, paragraphs)
    title = squeeze(h.title or (paragraphs[0] if paragraphs else ""))
    if h.kind != "order" and (subject := numbered_subject(title, paragraphs)) is not None:
        title = subject  # 海关总署公告2023年第199号 / （关于…的公告）: the bracketed subject is the title
    issuer = h.issuer
    if h.kind == "order":
        kind = "公告" if "公告第" in (h.doc_number or "") else "令"
        promulgated = promulgated_title(paragraphs[raw.header_lines :])
        # the title as printed above the 令 when it is the one the order promulgates (《》 not 〈〉)
        if promulgated and not (h.title and key(h.title) == key(promulgated)):
            title = promulgated
    elif h.kind == "chronicle":
        kind = "大事记"
        issuer = title.split("大事记")[0] or None
    elif h.kind == "republished":
        kind = legislation_kind(title, paragraphs[1] if len(paragraphs) > 1 else "")
    else:
        kind = kind_from_title(title) if title else "文件"
        if h.kind == "appointment":
            kind = "任免通知"
        if kind == "大事记" and issuer is None:
            cm = _CHRONICLE_OF.match(title)  # 国务院2009年9月大事记: the body whose chronicle it is
            issuer = cm.group("body") if cm else None
    _, signed = find_signature(paragraphs) if kind not in ("大事记", *LEGISLATION) else (None, None)
    history = []
    if h.kind == "republished" and len(paragraphs) > 1:
        history = parse_history(paragraphs[1])
        adopted = [e.date for e in history if e.event in ("通过", "公布", "发布") and e.date]
        if kind not in LEGISLATION and signed is None and adopted:
            signed = adopted[0]  # a decision adopted at a meeting: （2021年10月23日…会议通过）
        orders = [x for x in find_doc_numbers(squeeze(paragraphs[1])) if is_order_number(x[2])]
        if orders:
            issuer = issuer or orders[0][2].split("令第")[0]
        # （一九八七年九月十日国务院发布）: the body that published it
        issuer = issuer or next(
            (e.actor for e in history if e.event in ("公布", "发布") and e.actor and is_issuer_line(e.actor)), None
        )
    facts = document_facts(
        paragraphs,
        header_lines=raw.header_lines,
        header_kind=h.kind,
        title=title,
        kind=kind,
        header_issuer=issuer,
        signed=signed,
        doc_number=h.doc_number,
    )
    if len(facts.history) > len(history):
        history = facts.history
    if signed is None and kind in ("任免", "任免通知"):
        # 国务院任免国家工作人员 / （2010年1月4日）; a list adopted at a meeting: （…会议通过）
        signed = _bracketed_date(paragraphs[1:4]) or facts.passed
    if signed is None and kind == "令" and facts.published is not None:
        signed = facts.published  # an order printed without its signature is dated the day it is promulgated
    if signed is None and kind in ("决定", "决议") and facts.passed is not None:
        signed = facts.passed  # a decision adopted at a meeting bears that date: （2023年5月31日…会议通过）
    title = _joint_title(facts.title or title, facts.issuers.names, paragraphs[: raw.header_lines + 2])
    issuer = facts.issuers.issuer or issuer
    # 自公布之日/发布之日起施行 of a law or regulation printed with its history: the 公布 step's date
    # (1997年4月15日国务院令第215号发布), which is no signing date
    effective = find_effective(paragraphs, signed or facts.published) or facts.effective
    if effective is None and may_expire(mt.text) and (term := find_term(paragraphs)) is not None:
        effective = term[0]  # 本公告执行期限为2021年1月1日至…: in force from its term's first day
    cites = may_cite(mt.text)  # (the passes below read only text that can hold what they look for)
    listed = read_lists(paragraphs[raw.header_lines :]) if may_repeal(mt.text) or may_list(mt.text) else None
    doc = Document(
        title=title,
        kind=kind,
        issuer=issuer,
        issuers=facts.issuers.names or ([issuer] if issuer else []),
        passed_date=facts.passed,
        approved_date=facts.approved,
        published_date=facts.published
        or next((e.date for e in history if e.event in ("公布", "发布") and e.date), None),
        forwards=facts.forwards,
        doc_number=h.doc_number,
        toc_index=toc_index,
        instrument_title=instrument_title(title) if kind == "通知" else None,
        signed_date=signed,
        effective_date=effective,
        expiry_date=find_expiry(paragraphs, effective) if may_expire(mt.text) else None,
        extends=find_extensions(paragraphs[raw.header_lines :], title) if may_extend(mt.text) else [],
        repeals=(find_repeals(paragraphs[raw.header_lines :], listed) if may_repeal(mt.text) else [])
        + (find_superseded(paragraphs[raw.header_lines :]) if kind == "令" else []),
        legal_basis=find_legal_basis(paragraphs[raw.header_lines :]) if cites else [],
        attachments=find_attachments(paragraphs) if may_attach(mt.text) else [],
        history=history,
        body_mt=mt,
    )
    body_paragraphs = paragraphs[raw.header_lines + (1 if h.kind == "republished" else 0) :]
    doc.cites = (
        find_citations(body_paragraphs, doc.repeals + doc.legal_basis, title, basis=doc.legal_basis) if cites else []
    )
    if kind == "解读" and title:
        # 《聊城市公园城市建设实施方案》政策解读 explains the document its title names
        named = [r for r in titled_refs(title) if not any(c.title == r.title for c in doc.cites)]
        doc.cites = named + doc.cites
    if kind in ("令", "决定"):
        doc.amends = find_amended(body_paragraphs, exclude_title=title)
    for r in listed.amends if listed is not None else []:
        # 二、决定修改的规章 / 1.《X》（…令第N号）: a clean-up list's amended entries
        if not any(x.key() == r.key() or (x.title and x.title == r.title) for x in doc.amends):
            doc.amends.append(r)
    work = amended_work(title)
    if work is not None and not any(r.title and squeeze(r.title) == squeeze(work) for r in doc.amends):
        # 中华人民共和国刑法修正案（十一） amends 中华人民共和国刑法: its title says so (its items name the
        # work without 《》: 将刑法第十七条修改为…).
        doc.amends.insert(0, Ref(title=work))
    if kind in NON_INSTRUMENT_KINDS:
        # a 解读, 公示, 说明, 答记者问…: the dates and changes it reports (《办法》自2021年7月1日起施行,
        # 宣布失效) are the instrument's it explains, never its own; what it names stays a citation
        mentioned = [r for r in doc.repeals + doc.amends + doc.extends if r not in doc.cites]
        doc.cites = doc.cites + mentioned
        doc.effective_date = doc.expiry_date = None
        doc.repeals, doc.amends, doc.extends = [], [], []
    if listed is not None and may_repeal(mt.text):
        doc.unread_entries = listed.unread  # (read once: build_document's lists, warned by the pipeline)
    _locate_pinpoints(doc)
    if doc.instrument_title:
        doc.instrument_kind = kind_from_title(doc.instrument_title)
    doc.recipients = _recipients(paragraphs[raw.header_lines : raw.header_lines + 3])
    if kind not in ("大事记", *LEGISLATION):
        doc.signers = find_signers(paragraphs, raw.header_lines)
    for f in raw.fragments:
        spans = [s for ln in f.lines for s in ln.mt.source_spans()]
        joined = None
        if f.lines:
            first = f.lines[0].mt.source_spans()
            if first:
                joined = mt.text_offset(first[0].start)
        doc.fragments.append(Fragment(f.marker, f.jump_out, spans, joined))
    return doc


def _bracketed_date(paragraphs: list[str]) -> dt.date | None:
    """The date of a paragraph that is only a date in brackets (（2010年1月4日）), as a list of
    appointments prints it under its heading."""
    for p in paragraphs:
        t = squeeze(p)
        if len(t) > 2 and t[0] in "（(" and t[-1] in "）)" and is_date_line(t[1:-1]):
            return parse_date(t[1:-1])
    return None


def _joint_title(title: str, names: list[str], head: list[str]) -> str:
    """A title opening with the names of two or more issuing bodies printed apart
    (贵州省财政厅　贵州省国家税务局　贵州省地方税务局关于…的公告) keeps one space between the names, so that a
    reader sees where each ends; printed together, it stays as printed. (Spaces elsewhere in a
    title are not kept: PDF text and OCR space letters and words at random, 的 通 知.)"""
    if len(names) < 2:
        return title
    joined = "".join(names)
    if not title.startswith(joined):
        return title
    apart = re.compile(r"\s+".join(map(re.escape, names)))
    if apart.search("\n".join(head)):  # (apart on one line, or one line each: 财政部办公厅 / 工业…)
        return " ".join(names) + title[len(joined) :]
    return title


def _recipients(paragraphs: list[str]) -> list[str]:
    """主送机关: the first line ending in a colon after the header (各县（市、区）人民政府，…：); the
    mode line of an appointment list (任命： / 接受：) is none."""
    for p in paragraphs:
        t = p.strip()
        if APPOINTMENT_MODE.fullmatch(squeeze(t)):
            continue
        # a list of bodies, however long (国办发〔1996〕25号 addresses 22 provinces and 6 military
        # regions in 200 characters); a sentence that ends in a colon (…现通知如下：) is not one
        if (
            t.endswith(("：", ":"))
            and len(t) < 400
            and not t.startswith(("附件", "“"))
            and not any(w in t for w in ("。", "；", "如下", "现将", "现就", "决定：", "为了", "为进一步", "根据"))
            and not starts_unit(t)
        ):
            return _addressees(t[:-1])
    return []


def _addressees(line: str) -> list[str]:
    """The addressees of a recipients line: its names split at ，/、 outside brackets, a class of
    bodies sharing the next name's body noun kept with it (各省、自治区、直辖市人民政府 and 各市、
    县（市、区）人民政府 are one addressee each; 北京市、天津市 are two), and kinds of bodies listed
    after a 各 kept with it (省人民政府各委、办、厅、局 is one)."""
    out: list[str] = []
    for chunk in split_outside_brackets(line, "，,"):
        group: list[str] = []
        for name in (x.strip() for x in split_outside_brackets(chunk, "、")):
            if is_addressee_kind(name) and not group and out and "各" in out[-1]:
                out[-1] += "、" + name  # 省人民政府各委、办、厅、局: one addressee
                continue
            group.append(name)
            if not is_addressee_class(name):
                out.append("、".join(group))
                group = []
        if group:
            out.append("、".join(group))
    return out


def _layout(source: str, mt: MappedText) -> Callable[[int], tuple[str, int] | None]:
    """Where a document-text offset was printed: its source line and the offset in it. Read by the
    structure parser for the rows of a table only (their columns, their empty cells)."""

    def printed(i: int) -> tuple[str, int] | None:
        s = mt.to_source(i)
        a = source.rfind("\n", 0, s) + 1
        b = source.find("\n", s)
        return source[a : b if b >= 0 else len(source)], s - a

    return printed


def _annexes_and_unread_rows(body: Node) -> tuple[list[Attachment], list[str]]:
    """In one walk of the body tree: its annexes printed with no 附件 list above them (附件1 /
    附表一 / a table a law appends after its last article), in order, each named by its title
    (环境保护税税目税额表) or by its printed label and scope (个人所得税税率表一（综合所得适用）); and
    the rows of its tables whose cells were not read (``attrs["unread"]``), as printed."""
    annexes: list[Attachment] = []
    unread: list[str] = []
    for node in body.walk():
        if node.kind == "row":
            if node.attrs.get("unread"):
                unread.append(squeeze(node.text)[:40])
            continue
        if node.kind != "annex":
            continue
        title = next((c.heading for c in node.children if c.kind == "title" and c.heading), None)
        if node.attrs.get("form") == "table_title":
            name = (node.label or "") + (node.heading or "")
        else:
            name = node.heading or title or squeeze(node.label or "")
        annexes.append(Attachment(name, False, node.number))
    return annexes, unread


def fallback_counts(doc: Document) -> dict[str, int]:
    """Counts read with line patterns when no body tree is available."""
    paragraphs = doc.text.split("\n")
    return {
        "chapters": sum(1 for p in paragraphs if CHAPTER.match(p)),
        "articles": sum(1 for p in paragraphs if ARTICLE.match(p)),
        "top_sections": sum(1 for p in paragraphs if TOP.match(p)),
    }


def _structure_parser() -> tuple[Callable, Callable, Callable] | None:
    """The body-tree parser, unit counter and numbering check from ``gongbao.structure``."""
    try:
        from gongbao import structure
    except ImportError:  # pragma: no cover
        return None
    parse = getattr(structure, "parse_structure", None)
    count = getattr(structure, "count_units", None)
    gaps = getattr(structure, "numbering_gaps", None)
    if parse is None or count is None or gaps is None:
        return None
    return parse, count, gaps


__all__ = ["NotAGazette", "parse_path", "parse_source", "parse_text", "refuse_non_gazette", "summary"]
