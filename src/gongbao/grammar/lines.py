"""Line shapes of the genre: labels, issuer lines, headers, markers.

Every pattern here is anchored and free of nested quantifiers, so matching is linear.
"""

from __future__ import annotations

import re
from functools import lru_cache

from gongbao.grammar._data import alternation as _alternation
from gongbao.grammar.brackets import BRACKETS, split_outside
from gongbao.grammar.dates import is_date_line
from gongbao.grammar.docnumber import BARE_ORDER_NUMBER, FILE_NUMBER, ORDER_NUMBER, YEAR_ORDER_NUMBER, YEAR_SERIAL
from gongbao.grammar.forms import JUMP_IN as JUMP_IN
from gongbao.grammar.forms import JUMP_OUT as JUMP_OUT
from gongbao.grammar.forms import forms as _forms
from gongbao.grammar.forms import squeeze as squeeze
from gongbao.grammar.history import is_history_line
from gongbao.grammar.labels import (
    ANNEX_HEAD,
    ASSIGNMENT_LINE,
    CHRONICLE_DAY_LINE,
    CHRONICLE_SAME_DAY,
    FINAL_PROVISIONS_LINE,
    NOTE_START,
)
from gongbao.grammar.numerals import cn_to_int

CN_NUM = "〇零一二三四五六七八九十百千两"


def cn_int(s: str) -> int | None:
    """Chinese or Arabic numeral -> int (``二十八`` -> 28, ``一百零五`` -> 105, ``12`` -> 12);
    ``None`` when ``s`` is not a numeral. (The one numeral reader is ``gongbao.grammar.numerals``,
    a leaf module every stage may use.)"""
    try:
        return cn_to_int(s.strip()) if s.strip() else None
    except ValueError:
        return None


# ---- structural labels at the start of a line
# up to seven numerals: 第一千二百五十九条 (民法典) — a shorter bound let the line join the one above
ARTICLE = re.compile(rf"第([{CN_NUM}\d]{{1,7}})条(?:之[{CN_NUM}]{{1,3}})?(?=[\s　]|[^\s]|$)")
CHAPTER = re.compile(rf"第([{CN_NUM}\d]{{1,5}})章")
SECTION = re.compile(rf"第([{CN_NUM}\d]{{1,5}})节")
PART = re.compile(rf"第([{CN_NUM}\d]{{1,5}})编")
TOP = re.compile(rf"([{CN_NUM}]{{1,4}})、")
PAREN = re.compile(rf"[（(]([{CN_NUM}]{{1,4}})[）)]")
ARABIC = re.compile(r"(\d{1,2})[.．、](?!\d)")
ARABIC_PAREN = re.compile(r"[（(](\d{1,2})[）)]")
CIRCLED = re.compile("[\u2460-\u2473]")
# a chronicle's entry (14日， / 14日至16日，) and another event of its day (△ / 同日， / 是日，)
DAY = CHRONICLE_DAY_LINE
SAME_DAY = CHRONICLE_SAME_DAY

# ---- jump markers (data/forms.json): （上接第60页） at a line start, （下转第50页） at a line end

ISSUER_SUFFIX = re.compile(
    r"(?:人民政府|政府|办公室|办公厅|委员会|常务委员会|人民代表大会|厅|局|部|院|署|委|会|中心|公司|集团|党委|法院|检察院)$"
)
ORDER_ISSUER = re.compile(r"[\u4e00-\u9fff]{2,20}令$")
TERMINAL = set("。；：！？…”’」』）)】》!?;:")
_PUNCT_INSIDE = re.compile(r"[，。；：、,;:！？]")
REG_TITLE = re.compile(
    r"[\u4e00-\u9fff“”《》（）()、\d—-]{2,60}(?:办法|规定|条例|细则|规则|规程|实施办法|决定|章程|准则|法)(?:[（(]试行[）)])?"
)
# the history line under a regulation's title: in brackets, or one step a line without them as
# compilations print laws (1991年3月2日 第七届全国人民代表大会常务委员会第十八次会议通过)
HISTORY = re.compile(
    r"[（(]\s*(?:(?:19|20)\d\d|[一二][〇○零一二三四五六七八九0０ＯO]{3})\s*年.{0,400}?(?:公布|发布|通过|施行)"
    r"|(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*[\u4e00-\u9fff《].{0,200}?(?:公布|发布|通过|批准|施行)$"
)


@lru_cache(maxsize=1 << 16)
def opens_history(s: str) -> bool:
    """The line is (or opens) the history under a regulation's title: ``HISTORY`` on the squeezed
    line, or a line of dated history clauses whatever its brackets and numerals (一九九○年九月三十日
    国务院批准　一九九○年十月二十二日对外经济贸易部发布; see ``grammar.history``)."""
    return bool(HISTORY.match(squeeze(s))) or is_history_line(s)


def opens_history_wrapped(texts: list[str]) -> bool:
    """``texts[0]`` opens the history under a regulation's title, read with the lines its bracket
    wraps onto (at most three more) when it is left open: （2020年4月24日…第二十一次会 / 议通过）, and
    a PDF text layer's (2007年1月18日济南市…第二十八次会议 / 通过, 2007年3月21日…会议批 / 准)."""
    if not texts:
        return False
    t = squeeze(texts[0])
    k = 1
    while k < min(len(texts), 4) and t.count("（") + t.count("(") > t.count("）") + t.count(")"):
        t += squeeze(texts[k])
        k += 1
    return opens_history(t)


CHRONICLE_TITLE = re.compile(
    r"(?P<title>.{2,30}大事记)\s*(?P<month>[（(]\s*(?:19|20)\d\d\s*年(?:\s*\d{1,2}\s*月)?\s*[）)])?$"
)
CHRONICLE_MONTH = re.compile(r"[（(]\s*(?P<y>(?:19|20)\d\d)\s*年(?:\s*(?P<m>\d{1,2})\s*月)?\s*[）)]")
TITLE_WORDS = re.compile(r"关于|通知|决定|意见|办法|方案|预案|细则|规定|条例|批复|通告|公告|命令|大事记|规划|措施|函")


def split_outside_brackets(s: str, separators: str, *, keep: bool = False) -> list[str]:
    """Split ``s`` at any of ``separators`` that stands outside brackets and quotes
    (``各县（市、区）人民政府、市属开发区管委会`` -> two units, not four). ``keep`` keeps each
    separator at the end of its piece. Empty pieces are dropped."""
    return [x for x in split_outside(s, separators, brackets=BRACKETS, keep=keep) if x.strip()]


@lru_cache(maxsize=1 << 16)
def is_issuer_line(s: str) -> bool:
    """A line that is only the name of an issuing body (or bodies), e.g. 聊城市人民政府办公室."""
    t = s.strip()
    if not (2 <= len(t) <= 40) or "关于" in t or _PUNCT_INSIDE.search(t):
        return False
    if ("号" in t and FILE_NUMBER.search(t)) or is_date_line(t):  # (a 文号 ends in 号)
        return False
    parts = t.split()
    return all(ISSUER_SUFFIX.search(p) or ORDER_ISSUER.fullmatch(p) for p in parts)


@lru_cache(maxsize=1 << 16)
def is_order_issuer(s: str) -> bool:
    t = squeeze(s)
    return bool(ORDER_ISSUER.fullmatch(t)) and len(t) <= 22


@lru_cache(maxsize=1 << 16)
def is_file_number_line(s: str) -> bool:
    """A line that is a 文号: 聊政字〔2024〕15号, or a numbered announcement (国家税务总局公告2018年第28号)."""
    t = squeeze(s)
    if FILE_NUMBER.fullmatch(t):
        return True
    m = YEAR_ORDER_NUMBER.fullmatch(t)
    return m is not None and m.group("issuer").endswith("公告")


@lru_cache(maxsize=1 << 16)
def year_serial(s: str) -> tuple[int, int] | None:
    """(year, serial) of a 令's number line numbered by year (2019年第46号), else ``None``."""
    m = YEAR_SERIAL.fullmatch(squeeze(s))
    return (int(m.group("year")), int(m.group("serial"))) if m else None


@lru_cache(maxsize=1 << 16)
def is_bare_order_number(s: str) -> bool:
    return bool(BARE_ORDER_NUMBER.fullmatch(squeeze(s)))


def is_order_number_line(s: str) -> bool:
    return bool(ORDER_NUMBER.fullmatch(squeeze(s)))


@lru_cache(maxsize=1 << 16)
def is_heading_like(s: str) -> bool:
    """A heading: a 章/节/编 line, or an outline label with a short text and no sentence punctuation."""
    t = s.strip()
    if CHAPTER.match(t) or SECTION.match(t) or PART.match(t):
        return not _PUNCT_INSIDE.search(t) or len(t) <= 30
    if TOP.match(t) or PAREN.match(t):
        return len(t) <= 40 and not re.search(r"[，。；]", t)
    # 1 总则 / 1.1 编制目的 (decimal outline): the number and a short heading, nothing more
    return bool(DECIMAL_HEADING.match(t)) and bool(re.fullmatch(r"[\d.．]+[ \u3000]*[\u4e00-\u9fff]{2,16}", t))


_REFERENCE_START = re.compile(
    rf"第[{CN_NUM}\d]{{1,6}}[条章节款项](?:之[{CN_NUM}]{{1,3}})?(?:规定|的|、|和|或|及|至|第|中|所|以|[，。；])"
)


@lru_cache(maxsize=1 << 16)
def is_reference_start(s: str) -> bool:
    """A line that starts with a cross-reference (第三十条规定… / 第二十三条、第二十四条…), which in
    hard-wrapped text continues the previous line rather than opening an article."""
    return bool(_REFERENCE_START.match(s.lstrip()))


# 1.1 编制目的 / 1.1.1 … / 1 总则 (decimal outline of plans), and a table row printed with tabs
_QUANTITY = "万亿倍元米个年月日时分秒吨件项次人户家座辆台所公号楼层岁名批类级期届条款章节部版页栋间张份套"
DECIMAL_HEADING = re.compile(
    rf"\d{{1,2}}(?:[.．]\d{{1,2}}){{1,3}}[ \u3000]*(?![{_QUANTITY}])[\u4e00-\u9fff]|\d{{1,2}}[ \u3000]+(?![{_QUANTITY}])[\u4e00-\u9fff]{{2,16}}$"
)


# the characters the unit labels below start with (第X条…, 一、, （一）, ①, △ / 同日 / 是日, 附件; the
# digits of 1.1, 1. and 1日 are tested apart): a line starting otherwise is tried only for a tab
# and a jump-in marker (a pattern of data/forms.json, so always tried)
_UNIT_FIRST = frozenset("第" + CN_NUM + "（(△同是附注说备" + "".join(chr(c) for c in range(0x2460, 0x2474)))


@lru_cache(maxsize=1 << 16)
def starts_unit(s: str) -> bool:
    """The line starts a new structural unit (so it never continues the previous line)."""
    t = s.lstrip()
    first = t[:1]
    if first not in _UNIT_FIRST and not first.isdecimal():  # (\d is any Unicode decimal digit)
        return "\t" in t.strip() or bool(JUMP_IN.match(t))
    return bool(
        DECIMAL_HEADING.match(t)
        or "\t" in t.strip()
        or ARTICLE.match(t)
        or CHAPTER.match(t)
        or SECTION.match(t)
        or PART.match(t)
        or TOP.match(t)
        or PAREN.match(t)
        or ARABIC.match(t)
        or ARABIC_PAREN.match(t)
        or CIRCLED.match(t)
        or SAME_DAY.match(t)
        or DAY.match(t)
        or t.startswith(("附件", "附："))
        or JUMP_IN.match(t)
        or ANNEX_HEAD.match(t)  # 附表一 / 附表二：…
        or FINAL_PROVISIONS_LINE.match(t.strip())  # 附 则 closing a code (民法典, 刑法)
        or NOTE_START.match(t)  # 注1： / 注2： / 说明： under a table
    )


TITLE_END = re.compile(
    r"(?:通知|决定|意见|办法|方案|预案|细则|规定|条例|批复|通告|公告|规划|措施|函|报告|规则|纲要|计划|清单"
    r"|通报|答复|纪要|公报|议案|请示|决议|命令|照会|覆照|复照|电文|指示|宣言|声明|协定|协议|任免人员|任命人员|大事记)"
    r"(?:[（(](?:试行|暂行|[^（）()]{0,12}\d{4}[^（）()]{0,12})[）)])?$"
)
_OPENERS = "《（(〈【"
_CLOSERS = "》）)〉】"


@lru_cache(maxsize=1 << 16)
def is_title_like(s: str) -> bool:
    """A title line of an instrument (…实施方案, …管理办法（试行）, …规划（2024—2028年）)."""
    t = squeeze(s)
    return 2 < len(t) <= 80 and bool(TITLE_END.search(t)) and not re.search(r"[，。；：:]", t) and _balanced(t)


_OPEN_RX = re.compile(f"[{re.escape(_OPENERS)}]")
_CLOSE_RX = re.compile(f"[{re.escape(_CLOSERS)}]")


def _balanced(t: str) -> bool:
    opened = len(_OPEN_RX.findall(t))
    return opened == 0 or opened <= len(_CLOSE_RX.findall(t))


@lru_cache(maxsize=1 << 16)
def is_complete(s: str) -> bool:
    """The line ends a sentence or is a heading: the next line does not continue it.

    1. a full stop, semicolon, exclamation or question mark ends it;
    2. an open bracket or quote (（牵头单位：…各县（市、区） ; 《2024年度…（市级）) leaves it open;
    3. a closing mark or colon ends it; so do headings, titles, issuer and date lines, and a line
       that assigns the item above to units (市发改委牵头落实, ``ASSIGNMENT_LINE``).
    """
    t = s.rstrip()
    if not t:
        return True
    if t[-1] in "。；！？!?;…":
        return True
    if not _balanced(t):
        return False
    if t[-1] in TERMINAL:
        return True
    return (
        is_heading_like(t)
        or is_title_like(t)
        or is_issuer_line(t)
        or is_date_line(t)
        or bool(ASSIGNMENT_LINE.fullmatch(squeeze(t)))
    )


def printed_width(s: str) -> float:
    """The width ``s`` takes on the printed page, in full-width characters: a CJK character or a
    full-width space is one, an ASCII character half one. Read from the UTF-8 length (three bytes
    for the first, one for the second), with no loop over the characters."""
    n = len(s)
    wide = (len(s.encode("utf-8")) - n) / 2
    return wide + (n - wide) / 2


# ---- signature lines of post holders and joint 令 headers (data/forms.json signer_line, joint_order_header)

_SIGNER_FORM = _forms()["signer_line"]
_POST = "(?:" + _alternation(_SIGNER_FORM["posts"]) + ")"
_SIGNER = re.compile(
    rf"(?P<post>(?P<body>[\u4e00-\u9fff（）()]{{2,30}}?)?{_POST})"
    rf"(?P<sep>[\s\u3000]*[：:][\s\u3000]*|[\s\u3000]+)?(?P<name>{_SIGNER_FORM['name']})"
)
# a name never ends as a body, a meeting or a unit does (主任办公会, 部长会议, 主任委员)
_NOT_A_NAME_END = frozenset("会议室厅局部委处组办院令号条款员长")


@lru_cache(maxsize=1 << 16)
def signer_line(s: str) -> tuple[str, str] | None:
    """(post, name) of a line naming a post holder who signs (国家发展和改革委员会主任　何立峰 ->
    (国家发展和改革委员会主任, 何立峰); 部长　肖捷; 总理李鹏), else ``None``. With a body before the
    post, the name must stand apart (a space or a colon)."""
    t = s.strip()
    if not 3 <= len(t) <= 44 or is_date_line(t):
        return None
    m = _SIGNER.fullmatch(t)
    if m is None or m.group("name")[-1] in _NOT_A_NAME_END:
        return None
    if m.group("body") and m.group("sep") is None:
        return None
    return squeeze(m.group("post")), m.group("name")


def post_body(post: str) -> str | None:
    """The body a post heads, when the post names it: 国家发展和改革委员会主任 -> 国家发展和改革委员会,
    商务部部长 -> 商务部; ``None`` for a bare post (部长) or a place's head (省长 of 广东省)."""
    m = _SIGNER.fullmatch(post + "　某某")
    body = m.group("body") if m else None
    return body if body and ISSUER_SUFFIX.search(body) else None


def joint_order_header(texts: list[str]) -> tuple[list[str], str, int] | None:
    """A 令 issued by several bodies opening ``texts`` (data/forms.json joint_order_header):
    (the bodies as printed, the order's number, how many lines the header takes), else ``None``.
    ``[中华人民共和国国家发展和改革委员会, 中华人民共和国商务部, 令, 第47号]`` -> (two bodies,
    中华人民共和国国家发展和改革委员会中华人民共和国商务部令第47号, 4)."""
    bodies: list[str] = []
    k = 0
    while k < len(texts) and k < 8:
        t = texts[k].strip()
        if not t or not is_issuer_line(t):
            break
        parts = t.split()
        if parts[-1].endswith("令"):
            if parts[-1] == "令":
                parts = parts[:-1]
            else:
                parts[-1] = parts[-1][:-1]
            bodies += [p for p in parts if p]
            k += 1
            break
        bodies += parts
        k += 1
    else:
        return None
    if k == 0 or not squeeze(texts[k - 1]).endswith("令"):
        if k < len(texts) and squeeze(texts[k]) == "令":
            k += 1
        else:
            return None
    if len(bodies) < 2 or k >= len(texts) or not all(ISSUER_SUFFIX.search(b) for b in bodies):
        return None
    number = squeeze(texts[k])
    b = BARE_ORDER_NUMBER.fullmatch(number)
    y = YEAR_SERIAL.fullmatch(number)
    if b is not None:
        serial = f"第{cn_to_int(b.group('serial'))}号"
    elif y is not None:
        serial = f"{y.group('year')}年第{int(y.group('serial'))}号"
    else:
        return None
    return bodies, "".join(bodies) + "令" + serial, k + 1
