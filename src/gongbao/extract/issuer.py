"""Who issued a document, read from every place the genre prints it.

The places, in the order they are trusted:

1. the 令 header (聊城市人民政府令 / 第48号, 中华人民共和国国务院令 / 第227号);
2. the signature lines above the date (one body, or several for a joint document:
   ``财政部　　国家税务总局`` on one line or one body per line);
3. the issuer line printed above the title (上海市建设和管理委员会 / 关于印发…的通知);
4. the title (国务院关于…, 聊城市人民政府办公室关于…, 国务院办公厅转发国家地震局关于…);
5. a line of bodies under the title (财政部 国家发展和改革委员会 工业和信息化部);
6. for a law or local regulation, the body whose meeting passed it
   (…第十八届人民代表大会常务委员会第三十七次会议通过 -> 菏泽市人民代表大会常务委员会).

A document forwarded or approved and transmitted (转发/批转) is issued by the forwarding
body; the forwarded body is kept as ``forwarded`` (``Issuers.forwarded``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from gongbao.extract.dates import is_date_line as _is_date_line
from gongbao.grammar.lines import post_body, signer_line
from gongbao.grammar.posts import TERM
from gongbao.segment.patterns import squeeze

# the name of a body ends with one of these (人民政府, 办公厅, 委员会, 部, 局 …)
_BODY_END = (
    r"(?:人民政府办公室|人民政府办公厅|人民政府|政府办公室|政府办公厅|国务院办公厅|国务院|办公室|办公厅|"
    r"常务委员会|人民代表大会|委员会|管理委员会|管委会|总局|总署|监督管理局|局|厅|部|署|委|院|办|行|会|中心|"
    r"中央|党组|党委|法院|检察院|银行|集团|公司|政府)"
)
_BODY = re.compile(rf"[\u4e00-\u9fff（）()]{{1,40}}?{_BODY_END}")
_BODY_LINE_PART = re.compile(rf"[\u4e00-\u9fff（）()]{{2,40}}{_BODY_END}")
# 国务院关于… / 国务院办公厅转发国家地震局关于… / 财政部 税务总局关于…
_TITLE_ISSUER = re.compile(
    rf"^(?P<issuers>[\u4e00-\u9fff（）()、\s]{{2,80}}?{_BODY_END})\s*(?P<verb>关于|转发|批转|印发|对)"
)
_FORWARD = re.compile(rf"^(?P<by>.+?{_BODY_END})(?P<verb>转发|批转)(?P<of>.+?{_BODY_END})(?:关于|《|$)")
_NATIONAL = "中华人民共和国"
# 二00五年 / 二OO六年: a Chinese-numeral year printed with Arabic zeros or Latin O
_LOOSE_ZERO = re.compile(
    r"(?<=[〇○零一二三四五六七八九0OoＯ０])[0OoＯ０]|[0OoＯ０](?=[〇○零一二三四五六七八九0OoＯ０]*年)"
)


def fold_date(s: str) -> str:
    """A date line with its stray zeros folded to 〇 (二00五年六月十七日 -> 二〇〇五年六月十七日)."""
    t = s.strip()
    if "年" in t and re.match(r"^[〇○零一二三四五六七八九0OoＯ０\s]{4,8}年", t):
        return _LOOSE_ZERO.sub("〇", t)
    return t


@lru_cache(maxsize=1 << 16)
def is_date_line(s: str) -> bool:
    """A signature date line, Chinese numerals with stray zeros included."""
    return _is_date_line(fold_date(s))


_NOT_A_BODY = re.compile(r"[，。；：:,;“”《》]|关于|各[省市县区]|^各")
# 市长 张三 / 总理李鹏 / 省长 — a signer, not an issuing body
_SIGNER = re.compile(
    r"^(?:总理|副总理|主席|部长|主任|局长|署长|省长|市长|县长|区长|州长|主席|委员长|行长|院长)[\s　]*[\u4e00-\u9fff·]{0,5}$"
)
# …第十八届人民代表大会常务委员会第三十七次会议通过 / 国务院第46次常务会议通过
_MEETING_BODY = re.compile(
    r"(?:\d{1,2}日|^|[（(])(?P<place>[\u4e00-\u9fff]{0,20}?)(?:第?[一二三四五六七八九十\d]+届)?"
    r"(?P<body>全国人民代表大会常务委员会|全国人民代表大会|人民代表大会常务委员会|人民代表大会)"
    r"第[一二三四五六七八九十百\d]+次(?:全体)?会议"
)
_STATE_COUNCIL_MEETING = re.compile(r"国务院第[一二三四五六七八九十百\d]+次常务会议")


@dataclass(slots=True)
class Issuers:
    """``names``: the issuing bodies in printed order (one for most documents);
    ``forwarded``: the body whose document a 转发/批转 notice forwards; ``source``: where the
    names were read (order, signature, issuer_line, title, body_line, meeting)."""

    names: list[str] = field(default_factory=list)
    forwarded: str | None = None
    source: str | None = None

    @property
    def issuer(self) -> str | None:
        return self.names[0] if self.names else None


def normalize_body(name: str) -> str:
    """One spelling for a body: spaces out (国 务 院), the national prefix off a State Council
    body (中华人民共和国国务院 -> 国务院, 中华人民共和国财政部 -> 财政部); the head of state
    keeps it (中华人民共和国主席); a people's congress named with its term loses it (杭州市第十二届人民代表大会
    常务委员会公告 is issued by 杭州市人民代表大会常务委员会: the term is when, not which body)."""
    t = squeeze(name)
    if t.endswith(("人民代表大会", "常务委员会")):
        t = TERM.sub("", t, count=1)
    if (
        t.startswith(_NATIONAL)
        and not t.startswith((_NATIONAL + "主席", _NATIONAL + "政府"))
        and len(t) > len(_NATIONAL) + 1
    ):
        rest = t[len(_NATIONAL) :]
        if re.search(_BODY_END + "$", rest):
            t = rest
    return t


_LIST_GAP = re.compile(r"[\s　、]+")
_NUMBER_OPEN = re.compile(r"[〔\[【（(]")


def bodies_in_line(line: str) -> list[str] | None:
    """The bodies a line names when it is nothing but names of bodies (an issuer or a
    signature line): ``财政部 国家发展和改革委员会 工业和信息化部`` -> three names;
    ``None`` when the line is anything else."""
    names = _bodies_in_line(line)
    return list(names) if names is not None else None


@lru_cache(maxsize=1 << 16)
def _bodies_in_line(line: str) -> tuple[str, ...] | None:
    t = line.strip()
    if not t or len(t) > 120 or _NOT_A_BODY.search(t) or is_date_line(t):
        return None
    parts = [p for p in _LIST_GAP.split(t) if p]
    if len(parts) > 1 and all(len(p) == 1 for p in parts):
        parts = ["".join(parts)]  # 国 务 院: a name spaced out
    names: list[str] = []
    for p in parts:
        # a title is no body: 印度共和国政府代表艾扬格的照会 ends in 会 but is a note
        if not _BODY_LINE_PART.fullmatch(p) or p.endswith(("公报", "文件")) or "的" in p or _KIND_TAIL.search(p):
            return None
        names.append(normalize_body(p))
    return tuple(names) or None


def from_order_header(order_issuer: str | None) -> list[str]:
    """聊城市人民政府令 -> 聊城市人民政府; 中华人民共和国国务院令 -> 国务院;
    中华人民共和国主席令 -> 中华人民共和国主席; a joint order's bodies apart by spaces
    (中华人民共和国国家发展和改革委员会 中华人民共和国商务部令) -> each of them."""
    if not order_issuer:
        return []
    t = re.sub(r"[（(].*$", "", order_issuer.strip()).strip()
    if t.endswith("令"):
        t = t[:-1].strip()
    if len(t.split()) > 1:
        # a 令 of several bodies (中华人民共和国国家发展和改革委员会 中华人民共和国商务部令): each an issuer
        names = bodies_in_line(t)
        if names:
            return names
    t = squeeze(t)
    return [normalize_body(t)] if t else []


# governments issuing a document jointly, at the start of its title (中华人民共和国政府和苏维埃社会
# 主义共和国联盟政府关于…的联合宣言; 中华人民共和国政府、苏维埃…政府和蒙古人民共和国政府关于…)
_GOVERNMENTS = re.compile(
    r"^(?P<govs>(?:[\u4e00-\u9fff]{2,20}?政府[和、]){1,4}[\u4e00-\u9fff]{2,20}?政府)(?=关于|联合|贸易|会谈|谈判|[\u4e00-\u9fff]{0,12}(?:公报|宣言|声明|协定|协议))"
)
_APPOINTING = re.compile(
    r"^(?P<body>[\u4e00-\u9fff]{2,30}?(?:委员会|人民政府)|国务院)(?:任命|任免)(?:人员|名单|国家工作人员)$"
)
_KIND_TAIL = re.compile(r"(?:照会|覆照|复照|宣言|声明|公报|电文|的信|协定|协议|议定书|大事记)$")


def from_title(title: str) -> tuple[list[str], str | None]:
    """(issuers, forwarded body) read from a title: 国务院关于… -> [国务院];
    国务院办公厅转发国家地震局关于… -> ([国务院办公厅], 国家地震局); 财政部 税务总局关于… -> two."""
    names, forwarded = _from_title(title)
    return list(names), forwarded


@lru_cache(maxsize=1 << 16)
def _from_title(title: str) -> tuple[tuple[str, ...], str | None]:
    t = title.strip()
    fm = _FORWARD.match(squeeze(t))
    if fm:
        return (normalize_body(fm.group("by")),), normalize_body(fm.group("of"))
    gm = _GOVERNMENTS.match(squeeze(t))
    if gm:  # 中华人民共和国政府和锡兰政府贸易谈判公报: the governments that issue it jointly
        return tuple(normalize_body(g) for g in re.split(r"(?<=政府)[和、]", gm.group("govs")) if g), None
    am = _APPOINTING.match(squeeze(t))
    if am:  # 全国人民代表大会常务委员会任命人员
        return (normalize_body(am.group("body")),), None
    m = _TITLE_ISSUER.match(t)
    if not m:
        return (), None
    head = m.group("issuers")
    names = _bodies_in_line(head.replace("、", " "))
    if names is None:
        names = (normalize_body(head),) if _BODY_LINE_PART.fullmatch(squeeze(head)) else ()
    return names, None


def from_signature(paragraphs: list[str], start: int = 0) -> list[str]:
    """The bodies printed on the lines right above the first signature date (up to six
    lines; a ``市长 张三`` signer line is skipped, a post holder's line names the body the post
    heads: 商务部部长　王文涛 -> 商务部); empty when the date stands alone."""
    for i in range(max(start, 1), len(paragraphs)):
        if not is_date_line(paragraphs[i]):
            continue
        names: list[str] = []
        j = i - 1
        while j >= start and i - j <= 6:
            line = paragraphs[j].strip()
            if not line:
                j -= 1
                continue
            if _SIGNER.match(squeeze(line)):
                j -= 1
                continue
            signer = signer_line(line)
            if signer is not None:
                body = post_body(signer[0])
                if body:
                    names = [normalize_body(body), *names]
                j -= 1
                continue
            found = bodies_in_line(line)
            if not found:
                break
            names = found + names
            j -= 1
        if names:
            return names
    return []


def find_signers(paragraphs: list[str], start: int = 0) -> list[tuple[str, str]]:
    """The post holders who sign, as printed, from the lines right above the first date line that
    has any (国家发展和改革委员会主任　何立峰 / 商务部部长　王文涛 / 2021年12月27日 -> both; 部长　肖捷 /
    2017年7月11日 -> one); empty when bodies sign (财政部　税务总局 / 2021年4月2日)."""
    for i in range(max(start, 1), len(paragraphs)):
        if not is_date_line(paragraphs[i]):
            continue
        out: list[tuple[str, str]] = []
        j = i - 1
        while j >= start and i - j <= 6:
            found = signer_line(paragraphs[j])
            if found is None:
                break
            out.insert(0, found)
            j -= 1
        if out:
            return out
    return []


def from_meeting(history: str, title: str = "") -> list[str]:
    """The body whose meeting passed a law or regulation, from its history line:
    …菏泽市第十八届人民代表大会常务委员会第三十七次会议通过 -> 菏泽市人民代表大会常务委员会;
    …第七届全国人民代表大会常务委员会第十八次会议通过 -> 全国人民代表大会常务委员会;
    …市十一届人民代表大会常务委员会第27次会议通过 under 青岛市…条例 -> 青岛市人民代表大会常务委员会
    (the place abbreviated to its level is the place the title names)."""
    t = squeeze(history)
    for m in _MEETING_BODY.finditer(t):
        tail = t[m.end() : m.end() + 12]
        if not re.match(r"(?:审议)?通过|决定|于", tail) and "通过" not in tail:
            continue
        place = m.group("place")
        body = m.group("body")
        if body.startswith("全国"):
            return [body]
        if place in ("省", "市", "州", "县", "区", "自治区", "自治州"):
            pm = _PLACE.match(squeeze(title))
            place = pm.group("place") if pm and pm.group("place").endswith(place) else ""
        return [place + body] if place else []
    if _STATE_COUNCIL_MEETING.search(t):
        return ["国务院"]
    return []


_PLACE = re.compile(r"^(?P<place>[\u4e00-\u9fff]{1,10}?(?:自治区|自治州|省|市|县|区|州|盟|旗))")
_NATIONAL_CODES = {"国发": "国务院", "国函": "国务院", "国办发": "国务院办公厅", "国办函": "国务院办公厅"}


def from_doc_number(doc_number: str | None, title: str) -> list[str]:
    """The issuer a 文号 code names: 国发/国函 -> 国务院, 国办发/国办函 -> 国务院办公厅; a
    government's code (沈政令, 鲁政发, 聊政字) -> the government of the place its title names
    when the code starts with that place's first character (沈阳市… -> 沈阳市人民政府)."""
    if not doc_number:
        return []
    code = _NUMBER_OPEN.split(doc_number)[0]
    if code in _NATIONAL_CODES:
        return [_NATIONAL_CODES[code]]
    m = _PLACE.match(squeeze(title))
    if m and re.fullmatch(r"[\u4e00-\u9fff]{1,3}政(?:令|发|字|函)?", code) and code[0] == m.group("place")[0]:
        return [m.group("place") + "人民政府"]
    return []


def read_issuers(
    *,
    title: str,
    order_issuer: str | None = None,
    header_issuer: str | None = None,
    paragraphs: list[str] | None = None,
    body_start: int = 0,
    history: str | None = None,
    legislation: bool = False,
    doc_number: str | None = None,
) -> Issuers:
    """Every issuer the document prints, trusted in the order of the module docstring."""
    paragraphs = paragraphs or []
    title_names, forwarded = from_title(title)
    if order_issuer:
        names = from_order_header(order_issuer)
        if names:
            return Issuers(names, forwarded, "order")
    if legislation and history:
        names = from_meeting(history, title)
        if names:
            return Issuers(names, forwarded, "meeting")
    names = from_signature(paragraphs, body_start)
    if names:
        if forwarded is None and header_issuer:
            fm = _FORWARD.match(squeeze(header_issuer))
            if fm:
                forwarded = normalize_body(fm.group("of"))
        return Issuers(names, forwarded, "signature")
    if header_issuer:
        fm = _FORWARD.match(squeeze(header_issuer) + "关于")
        if fm:
            return Issuers([normalize_body(fm.group("by"))], normalize_body(fm.group("of")), "issuer_line")
        found = bodies_in_line(header_issuer)
        if found:
            return Issuers(found, forwarded, "issuer_line")
    if title_names:
        return Issuers(title_names, forwarded, "title")
    for p in paragraphs[: body_start + 4]:
        found = bodies_in_line(p)
        if found:
            return Issuers(found, forwarded, "body_line")
    if history:
        names = from_meeting(history, title)
        if names:
            return Issuers(names, forwarded, "meeting")
    names = from_doc_number(doc_number, title)
    if names:
        return Issuers(names, forwarded, "doc_number")
    return Issuers([], forwarded, None)


def split_forwarding_line(line: str) -> tuple[str, str] | None:
    """An issuer line that is really the first line of a forwarding title:
    ``国务院办公厅转发国家地震局`` -> (国务院办公厅, 国家地震局)."""
    fm = _FORWARD.match(squeeze(line) + "关于")
    if fm and fm.end("of") == len(squeeze(line)):
        return normalize_body(fm.group("by")), normalize_body(fm.group("of"))
    return None


__all__ = [
    "Issuers",
    "bodies_in_line",
    "find_signers",
    "from_doc_number",
    "from_meeting",
    "from_order_header",
    "from_signature",
    "from_title",
    "normalize_body",
    "read_issuers",
    "split_forwarding_line",
]
