"""Akoma Ntoso 3.0 (OASIS LegalDocML) export of a document's body tree.

The profile (element mapping, FRBR URIs for Chinese instruments, eIds) is documented
in ``AKN_PROFILE.md`` beside this module. The output validates against the official
OASIS schema vendored in ``gongbao/data/akn/`` (see its README); ``validate`` checks it.

Guarantees: every character of the document's printed text is in the body, in
order (``akn_text(xml)`` equals the tree's printed text, whitespace aside); every
node keeps its eId.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from importlib import resources

from lxml import etree

from gongbao.model import LEGISLATION_KINDS, Document, Node
from gongbao.structure import own_display

__all__ = [
    "AKN_NS",
    "akn_text",
    "document_to_akn",
    "frbr_work_uri",
    "jurisdiction",
    "node_to_akn",
    "validate",
]

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_A = f"{{{AKN_NS}}}"

# Document kinds (as printed) -> the AKN document type and the FRBR subtype slug.
# act: instruments with normative articles; doc: everything else.
KIND_SLUGS: dict[str, str] = {
    "令": "ling",
    "决定": "jueding",
    "通知": "tongzhi",
    "意见": "yijian",
    "实施意见": "shishi-yijian",
    "办法": "banfa",
    "规定": "guiding",
    "条例": "tiaoli",
    "细则": "xize",
    "实施细则": "shishi-xize",
    "方案": "fangan",
    "实施方案": "shishi-fangan",
    "工作方案": "gongzuo-fangan",
    "预案": "yuan",
    "应急预案": "yingji-yuan",
    "规划": "guihua",
    "措施": "cuoshi",
    "若干措施": "ruogan-cuoshi",
    "规章": "guizhang",
    "法律": "falv",
    "行政法规": "xingzheng-fagui",
    "地方性法规": "difangxing-fagui",
    "任免通知": "renmian",
    "大事记": "dashiji",
    "公告": "gonggao",
    "通告": "tonggao",
    "批复": "pifu",
    "函": "han",
}

# ISO 3166-2:CN subdivision codes, by the name printed in an issuer (省/自治区/直辖市).
PROVINCES: dict[str, str] = {
    "北京": "bj", "天津": "tj", "河北": "he", "山西": "sx", "内蒙古": "nm", "辽宁": "ln",
    "吉林": "jl", "黑龙江": "hl", "上海": "sh", "江苏": "js", "浙江": "zj", "安徽": "ah",
    "福建": "fj", "江西": "jx", "山东": "sd", "河南": "ha", "湖北": "hb", "湖南": "hn",
    "广东": "gd", "广西": "gx", "海南": "hi", "重庆": "cq", "四川": "sc", "贵州": "gz",
    "云南": "yn", "西藏": "xz", "陕西": "sn", "甘肃": "gs", "青海": "qh", "宁夏": "nx",
    "新疆": "xj", "台湾": "tw", "香港": "hk", "澳门": "mo",
}  # fmt: skip
# Province abbreviations that open the 文号 of provincial instruments (鲁政字〔2024〕102号).
PROVINCE_ABBR: dict[str, str] = {
    "京": "bj", "津": "tj", "冀": "he", "晋": "sx", "蒙": "nm", "辽": "ln", "吉": "jl",
    "黑": "hl", "沪": "sh", "苏": "js", "浙": "zj", "皖": "ah", "闽": "fj", "赣": "jx",
    "鲁": "sd", "豫": "ha", "鄂": "hb", "湘": "hn", "粤": "gd", "桂": "gx", "琼": "hi",
    "渝": "cq", "川": "sc", "黔": "gz", "滇": "yn", "藏": "xz", "陕": "sn", "甘": "gs",
    "青": "qh", "宁": "nx", "新": "xj",
}  # fmt: skip
_NATIONAL = re.compile(r"^(?:中华人民共和国|国务院|全国人民代表大会|中共中央)")
_LOCALITY = re.compile(
    r"^(?:.{2,4}?(?:省|自治区))?(.{1,8}?)(?:市|自治州|地区|盟|县|区)(?:人民政府|人民代表大会|委员会|办公室|.*局|.*厅)"
)


def _pinyin(s: str) -> str:
    try:
        from pypinyin import lazy_pinyin
    except ImportError:  # pragma: no cover - optional until installed
        return ""
    return "".join(lazy_pinyin(s)).lower()


def jurisdiction(doc: Document, context: Iterable[Document] = ()) -> str:
    """The FRBR country/jurisdiction part: ``cn``, ``cn-sd`` or ``cn-sd-liaocheng``.

    National issuers (国务院, 中华人民共和国…) give ``cn``; a province named in the
    issuer gives its ISO 3166-2 code; else the province is read from the 文号 of the
    provincial instruments the document cites (鲁政字… -> ``sd``). A city or county
    issuer adds its name in toneless pinyin.
    """
    issuer = doc.issuer or ""
    if not issuer or _NATIONAL.match(issuer):
        return "cn"
    # The province is read from the document, then from the rest of its issue.
    docs = [doc, *[d for d in context if d is not doc and d.issuer == doc.issuer]]
    province = next((code for name, code in PROVINCES.items() if issuer.startswith(name)), None)
    if province is None:
        votes: dict[str, int] = {}
        refs = [r for d in docs for r in (*d.legal_basis, *d.repeals, *d.amends, *d.cites)]
        for ref in refs:
            num = ref.doc_number or ""
            # 鲁政字, 川府发, 浙政办发: the province's government or its office.
            if num[:1] in PROVINCE_ABBR and num[1:2] in ("政", "府", "办"):
                votes[PROVINCE_ABBR[num[0]]] = votes.get(PROVINCE_ABBR[num[0]], 0) + 1
        if votes:
            province = max(sorted(votes), key=lambda k: votes[k])
    parts = ["cn"]
    if province:
        parts.append(province)
    m = _LOCALITY.match(issuer)
    if m and not any(issuer.startswith(n + s) for n in PROVINCES for s in ("省", "自治区", "市人民政府")):
        slug = _pinyin(m.group(1))
        if slug:
            parts.append(slug)
    return "-".join(parts)


def _doc_slug(doc: Document) -> str:
    # A notice that issues an instrument is typed by what it issues (办法, 方案…).
    kind = doc.instrument_kind or doc.kind or ""
    if kind in KIND_SLUGS:
        return KIND_SLUGS[kind]
    for k in sorted(KIND_SLUGS, key=len, reverse=True):
        if kind.endswith(k):
            return KIND_SLUGS[k]
    return "wenjian"


def _history_text(doc: Document) -> str:
    if doc.body is None:
        return ""
    return next((n.text for n in doc.body.walk() if n.kind == "history"), "")


_ORDER_NO = re.compile(r"令\s*第\s*(\d+)\s*号")
_WENHAO = re.compile(r"^(.*?)[〔\[（(](\d{4})[〕\]）)]\s*(\d+)\s*号")
_YEAR_MONTH = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月")


def _number(doc: Document) -> str:
    """The FRBR number: the order number of a 令 (令第48号 -> ``48``), the 文号 as
    prefix-year-serial (聊政办字〔2024〕17号 -> ``liaozhengbanzi-2024-17``), the original
    order number of a republished regulation (from its history line), the month of a
    chronicle (``2024-11``), else a pinyin slug of the title."""
    num = doc.doc_number or ""
    m = _ORDER_NO.search(num) or (None if num else _ORDER_NO.search(_history_text(doc)))
    if m:
        return m.group(1)
    m = _WENHAO.search(num)
    if m:
        prefix = _slug(_pinyin(m.group(1))) or "wh"
        return f"{prefix}-{m.group(2)}-{m.group(3)}"
    m = _YEAR_MONTH.search(doc.title or "")
    if m:
        return f"{m.group(1)}-{int(m.group(2)):02d}"
    return _slug(_pinyin(doc.title or ""))[:60] or "wenjian"


def _slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def _work_date(doc: Document) -> date | None:
    """The date of the work: first publication of a republished regulation, else the
    signed date, else the effective date, else the month of a chronicle."""
    for h in doc.history:
        if h.date:
            return h.date
    if doc.signed_date:
        return doc.signed_date
    if doc.effective_date:
        return doc.effective_date
    m = _YEAR_MONTH.search(doc.title or "")
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), 1)
        except ValueError:
            return None
    return None


def _expression_date(doc: Document) -> date | None:
    """The version's date: the latest amendment of a republished regulation."""
    dates = [h.date for h in doc.history if h.date]
    return max(dates) if dates else _work_date(doc)


def frbr_work_uri(doc: Document, context: Iterable[Document] = ()) -> str:
    """``/akn/{jurisdiction}/{act|doc}/{type}/{date}/{number}``, e.g.
    ``/akn/cn-sd-liaocheng/act/ling/2024-11-11/48`` for 聊城市人民政府令第48号."""
    d = _work_date(doc)
    return f"/akn/{jurisdiction(doc, context)}/{_akn_type(doc)}/{_doc_slug(doc)}/{d.isoformat() if d else 'undated'}/{_number(doc)}"


def _akn_type(doc: Document) -> str:
    """``act`` for orders, decisions, regulations and instruments with articles."""
    body = doc.body
    if body is not None and any(n.kind == "article" for n in body.walk()):
        return "act"
    if doc.kind in ("令", "决定", *LEGISLATION_KINDS):
        return "act"
    return "doc"


# ------------------------------------------------------------------ body


def _E(tag: str, parent: etree._Element | None = None, **attrs: str) -> etree._Element:
    el = etree.Element(_A + tag, **attrs) if parent is None else etree.SubElement(parent, _A + tag, **attrs)
    return el


def _root(tag: str) -> etree._Element:
    """A parentless AKN element ``tag`` that declares AKN as the default namespace."""
    return etree.Element(_A + tag, nsmap={None: AKN_NS})


def _lines(node: Node) -> list[str]:
    return [x.strip() for x in own_display(node).split("\n") if x.strip()]


def _p(parent: etree._Element, text: str) -> None:
    _E("p", parent).text = text


_HIER = {
    "part": "part",
    "subpart": "subpart",
    "chapter": "chapter",
    "section": "section",
    "article": "article",
    "paragraph": "paragraph",
    "item": "point",
    "subitem": "point",
    "heading1": "level",
    "heading2": "level",
    "heading3": "level",
    "heading4": "level",
    "heading5": "level",
    "instruction": "level",
}


def _node(node: Node, parent: etree._Element) -> None:
    """One node as an AKN hierarchical element (hcontainer for non-legal parts)."""
    tag = _HIER.get(node.kind, "hcontainer")
    attrs = {"eId": node.eid}
    if tag == "hcontainer":
        attrs["name"] = node.kind
    elif node.kind == "instruction":
        attrs["class"] = "instruction"
    el = _E(tag, parent, **attrs)
    lines = _lines(node)
    label = (node.label or "").strip()
    if label and lines and lines[0].startswith(label) and tag != "hcontainer":
        _E("num", el).text = label
        lines[0] = lines[0][len(label) :].strip()
        if not lines[0]:
            lines.pop(0)
    # A chapter/section line is its heading; an instrument's title is its heading.
    if tag in ("part", "subpart", "chapter", "section") and lines:
        _E("heading", el).text = lines.pop(0)
    kids = node.children
    if node.kind == "instrument" and kids and kids[0].kind == "title":
        title_lines = _lines(kids[0])
        _E("heading", el, eId=kids[0].eid).text = " ".join(title_lines)
        kids = kids[1:]
    if kids and node.kind == "paragraph" and all(c.kind == "item" for c in kids):
        # 项 are the points of a list that the paragraph's own text introduces
        holder = _E("list", el, eId=f"{node.eid}__list_1")
        if lines:
            intro = _E("intro", holder)
            for x in lines:
                _p(intro, x)
        for c in kids:
            _node(c, holder)
    elif kids:
        if lines:
            intro = _E("intro", el)
            for x in lines:
                _p(intro, x)
        for c in kids:
            _node(c, el)
    else:
        content = _E("content", el)
        for x in lines or [""]:
            _p(content, x)


def document_to_akn(doc: Document, *, context: Iterable[Document] = ()) -> bytes:
    """The AKN XML (UTF-8 bytes) of ``doc``: ``act`` for instruments with articles or
    promulgated by order, ``doc`` otherwise. ``context`` (the other documents of the
    issue) helps find the province for the FRBR URI. Builds the body tree when
    ``doc.body`` is missing."""
    body = doc.body
    if body is None:
        from gongbao.structure import parse_structure

        body = parse_structure(doc.text, kind=doc.kind)
    typ = _akn_type(doc)
    root = _root("akomaNtoso")
    top = _E(typ, root, name=_doc_slug(doc))
    _meta(top, doc, list(context))
    main = _E("body" if typ == "act" else "mainBody", top)
    if body.text.strip():
        h = _E("hcontainer", main, eId="leading", name="leading")
        content = _E("content", h)
        for x in _lines(body):
            _p(content, x)
    if not body.children and not body.text.strip():
        h = _E("hcontainer", main, eId="empty", name="empty")
        _p(_E("content", h), "")
    for child in body.children:
        _node(child, main)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def node_to_akn(node: Node) -> bytes:
    """The AKN element of one node and its subtree (a fragment, not a document)."""
    holder = _root("mainBody")
    if node.kind == "document":
        for child in node.children:
            _node(child, holder)
        return etree.tostring(holder, encoding="UTF-8", pretty_print=True)
    _node(node, holder)
    return etree.tostring(holder[0], encoding="UTF-8", pretty_print=True)


def _meta(top: etree._Element, doc: Document, context: list[Document]) -> None:
    work = frbr_work_uri(doc, context)
    d = _work_date(doc)
    ds = (d or date(1970, 1, 1)).isoformat()
    ed = _expression_date(doc)
    eds = (ed or date(1970, 1, 1)).isoformat()
    country = jurisdiction(doc, context)
    expr = f"{work}/zho@{ed.isoformat() if ed and ed != d else ''}"
    author = "#" + _org_id(doc)
    meta = _E("meta", top)
    ident = _E("identification", meta, source="#gongbao")
    w = _E("FRBRWork", ident)
    _E("FRBRthis", w, value=work + "/!main")
    _E("FRBRuri", w, value=work)
    if doc.title:
        _E("FRBRalias", w, value=doc.title, name="title")
    if doc.doc_number:
        _E("FRBRalias", w, value=doc.doc_number, name="docNumber")
    _E("FRBRdate", w, date=ds, name="signature" if doc.signed_date else "work")
    _E("FRBRauthor", w, href=author)
    _E("FRBRcountry", w, value=country)
    _E("FRBRnumber", w, value=_number(doc))
    e = _E("FRBRExpression", ident)
    _E("FRBRthis", e, value=expr + "/!main")
    _E("FRBRuri", e, value=expr)
    _E("FRBRdate", e, date=eds, name="amendment" if ed != d else "publication")
    _E("FRBRauthor", e, href=author)
    _E("FRBRlanguage", e, language="zho")
    m = _E("FRBRManifestation", ident)
    _E("FRBRthis", m, value=expr + "/!main.xml")
    _E("FRBRuri", m, value=expr + ".akn")
    _E("FRBRdate", m, date=eds, name="transform")
    _E("FRBRauthor", m, href="#gongbao")
    if doc.history:
        life = _E("lifecycle", meta, source="#gongbao")
        for i, h in enumerate(doc.history, 1):
            if h.date:
                _E(
                    "eventRef",
                    life,
                    eId=f"e_{i}",
                    date=h.date.isoformat(),
                    source="#original",
                    type="amendment" if i > 1 else "generation",
                )
    refs = _E("references", meta, source="#gongbao")
    if doc.history:
        _E("original", refs, eId="original", href=work, showAs=doc.title or "original")
    _E("TLCOrganization", refs, eId="gongbao", href="/ontology/organization/gongbao", showAs="gongbao")
    if doc.issuer:
        _E(
            "TLCOrganization",
            refs,
            eId=_org_id(doc),
            href=f"/ontology/organization/{country}/{_org_id(doc)}",
            showAs=doc.issuer,
        )


def _org_id(doc: Document) -> str:
    return (_pinyin(doc.issuer or "") or "issuer")[:40]


# ------------------------------------------------------------------ checks


@lru_cache(maxsize=1)
def _schema() -> etree.XMLSchema:
    path = resources.files("gongbao") / "data" / "akn" / "akomantoso30.xsd"
    with resources.as_file(path) as p:
        return etree.XMLSchema(etree.parse(str(p)))


def validate(xml: bytes) -> list[str]:
    """Errors of ``xml`` against the OASIS Akoma Ntoso 3.0 schema ([] when valid)."""
    schema = _schema()
    doc = etree.fromstring(xml)
    if schema.validate(doc):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]


def akn_text(xml: bytes) -> str:
    """The text of the body (``body``/``mainBody``) of an AKN document, no whitespace."""
    root = etree.fromstring(xml)
    main = root.find(f".//{_A}body")
    if main is None:
        main = root.find(f".//{_A}mainBody")
    if main is None:
        return ""
    return "".join("".join(main.itertext()).split())
