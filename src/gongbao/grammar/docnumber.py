"""Document numbers (文号): find them in text and print them in one normal form.

Normal forms: ``聊政字〔2024〕15号`` (issuer code, year in 〔〕, serial, 号) and
``聊城市人民政府令第48号`` (orders). Brackets printed as [] 【】 （） () ［］ 〔〕 and any
spacing fold to these forms: ``DocNumber.parse("聊政字[2024] 15 号").text == "聊政字〔2024〕15号"``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongbao.grammar.numerals import cn_to_int

_CJK = "\u4e00-\u9fff"
_OPEN = "〔\\[【（(［"
_OPENS = re.compile(f"[{_OPEN}]")
_CLOSE = "〕\\]】）)］"
# 聊政字〔2024〕15号 · 鲁自然资字〔2022〕75号 · 聊发改价格〔2022〕135号 · 国发〔2024〕1号
FILE_NUMBER = re.compile(
    rf"(?P<code>[{_CJK}]{{1,12}})\s*[{_OPEN}]\s*(?P<year>(?:19|20)\d\d)\s*[{_CLOSE}]\s*(?P<serial>\d{{1,5}})\s*号"
)
# 聊城市人民政府令第48号 · 国务院令第 797 号 · 第 48 号 (when the issuer line says …令)
ORDER_NUMBER = re.compile(rf"(?P<issuer>[{_CJK}]{{2,20}}令)\s*第\s*(?P<serial>\d{{1,5}})\s*号")
# numbered by year, as ministries number orders and announcements since ~2016, and as Shanghai
# numbers its government's orders: 交通运输部令2019年第46号 · 国家税务总局公告2018年第28号 ·
# 财政部 税务总局 海关总署公告2019年第39号 · 2016年沪府令第48号. Normal form: as printed, spaces removed.
YEAR_ORDER_NUMBER = re.compile(
    rf"(?P<issuer>[{_CJK}](?:[{_CJK}]|[ \u3000](?=[{_CJK}])){{1,40}}(?:令|公告))\s*(?P<year>(?:19|20)\d\d)\s*年\s*第\s*(?P<serial>\d{{1,5}})\s*号"
)
YEAR_FIRST_ORDER_NUMBER = re.compile(
    rf"(?P<year>(?:19|20)\d\d)\s*年\s*(?P<issuer>[{_CJK}]{{1,12}}令)\s*第\s*(?P<serial>\d{{1,5}})\s*号"
)
# the number line under a 令 or 公告 issuer line: 2019年第46号
YEAR_SERIAL = re.compile(r"(?P<year>(?:19|20)\d\d)\s*年\s*第\s*(?P<serial>\d{1,5})\s*号")
# 第 48 号, and the Chinese-numeral form of 主席令/国务院令 headers: 第三十七号; in brackets as
# compilations and the gazette of the 1990s–2000s print the line under 中华人民共和国主席令: （第四十八号）
BARE_ORDER_NUMBER = re.compile(
    r"(?P<open>[（(]\s*)?第\s*(?P<serial>\d{1,5}|[一二三四五六七八九十百千〇零两]{1,8})\s*号(?(open)\s*[）)])"
)  # fullmatch only: a line of its own

# a 令 header on one line: 中华人民共和国主席令（九届第37号）· 政府令〔2010〕第15号 · 国务院令第797号 ·
# 中华人民共和国国务院令（第 714 号）
ORDER_LINE = re.compile(
    rf"(?P<issuer>[{_CJK}]{{2,20}}令)\s*(?:[（(]\s*(?P<session>[一二三四五六七八九十]{{1,3}}届)?\s*第\s*(?P<n1>\d{{1,5}}|[一二三四五六七八九十百千〇零两]{{1,8}})\s*号\s*[）)]"
    rf"|[{_OPEN}]\s*(?P<year>(?:19|20)\d\d)\s*[{_CLOSE}]\s*第\s*(?P<n2>\d{{1,5}})\s*号"
    rf"|第\s*(?P<n3>\d{{1,5}}|[一二三四五六七八九十百千〇零两]{{1,8}})\s*号)"
)


def order_line_number(text: str) -> tuple[str, str] | None:
    """(issuer, 文号) of a one-line 令 header, else ``None``: ``中华人民共和国主席令（九届第37号）``
    -> (中华人民共和国主席令, 中华人民共和国主席令第37号); ``政府令〔2010〕第15号`` keeps its year as printed (``沈政令〔1997〕29号``, without 第, is a 文号)."""
    t = "".join(text.split())
    y = YEAR_ORDER_NUMBER.fullmatch(t)
    if y is not None and y.group("issuer").endswith("令"):  # 交通运输部令2019年第46号
        return y.group("issuer"), f"{y.group('issuer')}{y.group('year')}年第{int(y.group('serial'))}号"
    m = ORDER_LINE.fullmatch(t)
    if m is None:
        return None
    issuer = m.group("issuer")
    if m.group("n2"):
        return issuer, f"{issuer}〔{m.group('year')}〕第{int(m.group('n2'))}号"
    serial = m.group("n1") or m.group("n3")
    return issuer, f"{issuer}第{serial_value(serial)}号"


def serial_value(s: str) -> int:
    """The value of a serial printed in Arabic or Chinese numerals (48, 三十七)."""
    return cn_to_int(s)


@dataclass(frozen=True, slots=True)
class DocNumber:
    """A parsed 文号; ``text`` is the normal form."""

    code: str  # 聊政字 / 聊城市人民政府令 / 国家税务总局公告
    year: int | None
    serial: int
    is_order: bool
    year_first: bool = False  # 2016年沪府令第48号

    @property
    def text(self) -> str:
        if self.is_order and self.year is not None:
            if self.year_first:
                return f"{self.year}年{self.code}第{self.serial}号"
            return f"{self.code}{self.year}年第{self.serial}号"
        if self.is_order:
            return f"{self.code}第{self.serial}号"
        return f"{self.code}〔{self.year}〕{self.serial}号"

    @classmethod
    def parse(cls, s: str) -> DocNumber | None:
        """Parse a whole string as a 文号; ``None`` if it is not one."""
        s = s.strip()
        m = FILE_NUMBER.fullmatch(s)
        if m:
            return cls(m.group("code"), int(m.group("year")), int(m.group("serial")), False)
        m = ORDER_NUMBER.fullmatch(s)
        if m:
            return cls(m.group("issuer"), None, int(m.group("serial")), True)
        m = YEAR_ORDER_NUMBER.fullmatch(s)
        if m:
            return cls(squeeze_spaces(m.group("issuer")), int(m.group("year")), int(m.group("serial")), True)
        m = YEAR_FIRST_ORDER_NUMBER.fullmatch(s)
        if m:
            return cls(m.group("issuer"), int(m.group("year")), int(m.group("serial")), True, True)
        return None

    def __str__(self) -> str:
        return self.text


def squeeze_spaces(s: str) -> str:
    return "".join(s.split())


def doc_number_of(text: str) -> str | None:
    """The normal form of a text that is only a 文号, bare or in brackets (``（国发〔1999〕12号）``),
    spaces aside; else ``None``."""
    t = squeeze_spaces(text)
    if len(t) > 2 and t[0] in "（(" and t[-1] in "）)":
        t = t[1:-1]
    d = DocNumber.parse(t)
    return d.text if d else None


def is_order_number(s: str) -> bool:
    """A 文号 of a 令 or a numbered 公告 (聊城市人民政府令第48号, 交通运输部令2019年第46号)."""
    return bool(_ORDERISH.search(s))


_ORDERISH = re.compile(r"(?:令|公告)(?:(?:19|20)\d\d年)?第\d+号$")


def normalize_doc_number(s: str | None) -> str | None:
    """The normal form of ``s`` if it is a 文号, else ``None``."""
    if not s:
        return None
    d = DocNumber.parse(s)
    return d.text if d else None


_ORDER_PARTS = re.compile(r"^(?P<issuer>[\u4e00-\u9fff]{2,30}?)令第(?P<serial>\d{1,5})号$")
_SHORT_ISSUER = re.compile(r"^(?P<abbr>[\u4e00-\u9fff]{1,2}?)(?:府|政府|政)$")
_LEVEL_ISSUER = re.compile(r"(?P<level>[\u4e00-\u9fff]{1,3}?)(?:人民)?政府")


def same_order_number(a: str | None, b: str | None) -> bool:
    """Do two order numbers name the same 令? Equal normal forms, or one printed with the place's
    short name (粤府令第93号 = 广东省人民政府令第93号; 深府令第1号 = 深圳市人民政府令第1号): the same
    serial, and the short issuer's place (``data/forms.json`` place_abbreviations, else the
    abbreviation itself) begins the full issuer, a people's government; or the short issuer is a
    level alone (市政府令第293号 = 北京市人民政府令第293号, ``place_abbreviations.levels``) that ends it."""
    if not a or not b:
        return False
    x, y = normalize_doc_number(a) or a, normalize_doc_number(b) or b
    if x == y:
        return True
    mx, my = _ORDER_PARTS.match(x), _ORDER_PARTS.match(y)
    if not (mx and my) or mx.group("serial") != my.group("serial"):
        return False
    short, full = sorted((mx.group("issuer"), my.group("issuer")), key=len)
    if not full.endswith("人民政府"):
        return False
    lv = _LEVEL_ISSUER.fullmatch(short)
    if lv is not None:
        from gongbao.grammar.forms import forms

        levels = forms()["place_abbreviations"]["levels"]
        if lv.group("level") in levels:
            # 市政府令第293号 in a gazette's own TOC = 北京市人民政府令第293号: the level alone names the
            # government, the full issuer's level (its longest: 自治区, not 区) must be the same
            place = full[: -len("人民政府")]
            return max((w for w in levels if place.endswith(w)), key=len, default=None) == lv.group("level")
    ms = _SHORT_ISSUER.match(short)
    if ms is None:
        return False
    abbr = ms.group("abbr")
    return full.startswith(_abbreviated_place(abbr) or abbr)


def loose_order_number(s: str) -> tuple[str, int] | None:
    """``(issuer as typed, serial)`` of an order number given without its issuer's full name
    (第48号令 -> ("", 48); 市政府令第48号 -> ("市政府", 48)), ``None`` for anything else
    (``data/forms.json`` loose_order_number)."""
    from gongbao.grammar.forms import forms

    global _LOOSE_ORDER
    if _LOOSE_ORDER is None:
        _LOOSE_ORDER = re.compile(forms()["loose_order_number"]["pattern"])
    m = _LOOSE_ORDER.match(s.strip())
    if m is None:
        return None
    return (m.group("issuer") or m.group("issuer2") or ""), int(m.group("serial") or m.group("serial2"))


_LOOSE_ORDER: re.Pattern[str] | None = None


def fits_loose_order(typed: str, serial: int, number: str | None) -> bool:
    """Does the stored order number ``number`` fit an order typed as ``typed`` + ``serial``
    (``loose_order_number``)? The same serial, and: no issuer typed (第48号令) fits any order;
    政府 or 人民政府 any people's government's order; a level (市政府) or a short name (粤府) the
    orders ``same_order_number`` says it names; anything longer, an order whose issuer ends so
    (国务院 fits 中华人民共和国国务院令)."""
    x = normalize_doc_number(number) if number else None
    m = _ORDER_PARTS.match(x or "")
    if m is None or int(m.group("serial")) != serial:
        return False
    issuer = m.group("issuer")
    if not typed:
        return True
    if typed in ("政府", "人民政府"):
        return issuer.endswith("人民政府")
    return issuer.endswith(typed) or same_order_number(f"{typed}令第{serial}号", x)


def _abbreviated_place(abbr: str) -> str | None:
    """The full name of the place ``abbr`` stands for (粤 -> 广东省), when listed."""
    from gongbao.grammar.forms import forms

    table = forms()["place_abbreviations"]
    place: str | None = table["provinces"].get(abbr) or table["cities"].get(abbr)
    return place


def full_order_number(s: str) -> str | None:
    """An order number printed with a listed place's short name, written in full (粤府令第93号 ->
    广东省人民政府令第93号); ``None`` for anything else, an unlisted abbreviation included (深府令
    stays as printed: whether 深 is 深圳市 is known only beside the full number, see
    ``same_order_number``)."""
    m = _ORDER_PARTS.match(s)
    if m is None:
        return None
    ms = _SHORT_ISSUER.match(m.group("issuer"))
    place = _abbreviated_place(ms.group("abbr")) if ms else None
    return f"{place}人民政府令第{m.group('serial')}号" if place else None


_NOT_IN_CODE = re.compile(r"[的于止及和与对将照据在从按由]")
# 经 is a verb before a code (经国函…, 已经…, 报经…) but also a code's own character (沪经信规, 京经信发,
# 浦科经委规: 经济和信息化, 科技和经济): only the verb at the start of the run is cut
_VERB_BEFORE_CODE = re.compile(r"^.*?(?:^|[已业报均曾并])经(?=[\u4e00-\u9fff]{2})")


def file_code(code: str) -> str:
    """The issuer code of a 文号 found in running text, without the words before it
    (``关于废止聊政发`` -> ``聊政发``, ``经国函`` -> ``国函``): codes never contain 的/于/止/及/和…;
    the 经 of 浦科经委规 or 沪经信规 is kept."""
    code = _NOT_IN_CODE.split(code)[-1] or code
    return _VERB_BEFORE_CODE.sub("", code, count=1) or code


def order_issuer(m: re.Match[str], text: str) -> tuple[int, str]:
    """The issuer of an ``ORDER_NUMBER`` match and where it starts, without a date's
    last character caught before it (``2018年12月29日聊城市人民政府令`` -> 聊城市人民政府令)."""
    start, issuer = m.start("issuer"), m.group("issuer")
    while start > 0 and text[start - 1].isdigit() and issuer[:1] in "年月日号" and len(issuer) > 3:
        start, issuer = start + 1, issuer[1:]
    return start, issuer


# the name of a body before 、 or a space in a joint order's or announcement's number
_JOINT_BODY = re.compile(r"[\u4e00-\u9fff]{2,30}(?:委员会|办公厅|办公室|人民政府|总局|总署|部|委|局|署|院|厅|行|会)$")
_JOINT_GAP = "、 \u3000"
# words a body's name never holds, that can stand right before the first body (根据财政部、…, …的商务部)
_BEFORE_BODY = re.compile(r"^.*(?:根据|依据|按照|依照|遵照|参照|的)|^(?:经|由|对|将|从|在|见|即|和|及|与)")


def _joint_bodies(text: str, found: tuple[int, int, str]) -> tuple[int, int, str]:
    """An order's or announcement's number with the bodies printed before its last one, apart by
    、 or spaces (国家发展和改革委员会、商务部令第47号 is the joint order, 商务部令第47号 another one):
    the number of the joint instrument, its bodies run together as its header prints them."""
    start, end, form = found
    if not ("令" in form or "公告" in form) or "〔" in form:
        return found
    k = start
    prefix = ""
    while k > 1 and text[k - 1] in _JOINT_GAP:
        j = k - 1
        while j > 0 and text[j - 1] in _JOINT_GAP:
            j -= 1
        i = j
        while i > 0 and "\u4e00" <= text[i - 1] <= "\u9fff" and j - i < 30:
            i -= 1
        run = text[i:j]
        name = _BEFORE_BODY.sub("", run)
        if not name or not _JOINT_BODY.search(name) or name.endswith(("令", "公告")):
            break
        prefix = name + prefix
        k = j - len(name)
        if name != run:
            break  # 根据财政部、…: the words before the first body end the list
    return (k, end, prefix + form) if prefix else found


def find_doc_numbers(text: str) -> list[tuple[int, int, str]]:
    """Every 文号 in ``text`` as (start, end, normal form), in order."""
    out: list[tuple[int, int, str]] = []
    # each pattern is scanned for only when the text holds the characters every match of it
    # holds (号; an opening bracket; 令; 令 or 公告): long paragraphs are scanned rarely
    if "号" not in text:
        return out
    if _OPENS.search(text):
        for m in FILE_NUMBER.finditer(text):
            code = file_code(m.group("code"))
            start = m.start("code") + len(m.group("code")) - len(code)
            out.append((start, m.end(), f"{code}〔{m.group('year')}〕{int(m.group('serial'))}号"))
    order = "令" in text
    if order:
        for m in ORDER_NUMBER.finditer(text):
            start, issuer = order_issuer(m, text)
            out.append((start, m.end(), f"{issuer}第{int(m.group('serial'))}号"))
    if order or "公告" in text:
        for m in YEAR_ORDER_NUMBER.finditer(text):
            raw = file_code(m.group("issuer")).lstrip()
            start, code = m.end("issuer") - len(raw), squeeze_spaces(raw)
            out.append((start, m.end(), f"{code}{m.group('year')}年第{int(m.group('serial'))}号"))
    if order:
        for m in YEAR_FIRST_ORDER_NUMBER.finditer(text):
            out.append((m.start(), m.end(), f"{m.group('year')}年{m.group('issuer')}第{int(m.group('serial'))}号"))
    out = [_joint_bodies(text, x) for x in out]
    # a number read twice (年沪府令第48号 inside 2016年沪府令第48号): the longer reading wins
    out.sort(key=lambda x: (x[0], -x[1]))
    kept: list[tuple[int, int, str]] = []
    for x in out:
        if kept and x[0] < kept[-1][1]:
            if x[1] - x[0] > kept[-1][1] - kept[-1][0]:
                kept[-1] = x
            continue
        kept.append(x)
    return kept
