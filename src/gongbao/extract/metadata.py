"""Document metadata read from the reconstructed text: title, kind, dates, relations, attachments.

Every function takes the document's paragraphs (its text split on ``\\n``) and returns plain
values; nothing here depends on the sample: the rules are the drafting conventions of
Chinese official documents (GB/T 9704 layout and the usual formulae).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from gongbao.extract.dates import is_date_line, parse_date
from gongbao.extract.docnumber import FILE_NUMBER, find_doc_numbers
from gongbao.grammar import pinpoints as P
from gongbao.grammar import validity as V
from gongbao.grammar.cleanup import (
    ALREADY,
    GROUP,
    ITEM,
    LIST_HEADING,
    LIST_INTRO,
    SEE_ANNEX,
    TABLE_HEADER,
    TREATMENT_COLUMN,
    TREATMENT_WORD,
    treatment,
)
from gongbao.grammar.dates import arabic_dates
from gongbao.grammar.docnumber import is_order_number
from gongbao.grammar.forms import PUBLICATION_TITLE, item_kind
from gongbao.grammar.history import DATE_JOINERS, is_history_line
from gongbao.grammar.labels import CHRONICLE_TITLE_PART, NUM, REPEAL_LIST_HEADING, REPEAL_LIST_ITEM, SMALL_NUM
from gongbao.model import Attachment, HistoryEvent, Ref
from gongbao.segment.patterns import is_issuer_line, split_outside_brackets, squeeze

KINDS = (
    "任免通知",
    "会议纪要",
    "答复",
    "通报",
    "公报",
    "议案",
    "请示",
    "纪要",
    "复函",
    "实施细则",
    "实施意见",
    "实施方案",
    "通知",
    "决定",
    "意见",
    "办法",
    "方案",
    "预案",
    "细则",
    "规定",
    "条例",
    "批复",
    "通告",
    "公告",
    "决议",
    "规划",
    "措施",
    "规则",
    "函",
    "报告",
    "命令",
    "令",
    "大事记",
    # an explanation of a document printed after it (《…实施方案》政策解读)
    "政策解读",
    "解读",
    # diplomatic and older forms printed in gazettes (the 1954 State Council Gazette)
    "联合宣言",
    "宣言",
    "联合声明",
    "声明",
    "照会",
    "覆照",
    "复照",
    "电文",
    "贺电",
    "唁电",
    "指示",
    "协定",
    "协议",
    "议定书",
    "任命人员",
    "任免人员",
    "任免名单",
    "任免国家工作人员",
    "任命国家工作人员",
    "任命名单",
    "信",
)
_KIND_CANON = {
    "政策解读": "解读",
    "实施细则": "细则",
    "实施意见": "意见",
    "实施方案": "方案",
    "会议纪要": "纪要",
    "复函": "函",
    "命令": "令",
    "联合宣言": "宣言",
    "联合声明": "声明",
    "复照": "覆照",
    "任命人员": "任免",
    "任免人员": "任免",
    "任免国家工作人员": "任免",
    "任命名单": "任免",
    "任命国家工作人员": "任免",
    "任免名单": "任免",
}
_TITLE = re.compile(r"《([^《》]{2,120})》")
_ISSUES = re.compile(r"印发(?P<t>.+?)的通知$")
# the term of validity: forms declared in gongbao.grammar.validity (data/validity.json)
_EFFECTIVE = V.EFFECTIVE
_EXPIRY = V.EXPIRY_UNTIL
_VALID_YEARS = V.VALID_YEARS
# 本公告执行期限为2021年1月1日至2022年12月31日: the document's own term, its first and last day
_DAY = V.DAY
_TERM = re.compile(
    rf"本[\u4e00-\u9fff]{{1,6}}?(?:的)?(?:执行期限|实施期限|有效期限|执行期|实施期|有效期)(?:为|是|[：:])?"
    rf"(?:自)?(?P<a>{_DAY})(?:起)?(?:至|到|—|－|-|~)(?P<b>{_DAY})"
)
_REPEAL_VERB = re.compile(r"废止|停止执行|不再执行|不再施行|停止施行|予以撤销|宣布失效|同时失效|予以失效")
_BASIS_VERB = re.compile(r"根据|依据|按照|依照|遵照")
_HISTORY_LINE = re.compile(r"^[（(]\s*(?:19|20)\d\d\s*年.*(?:公布|修正|修订)")
_ATTACH_HEAD = re.compile(r"^附\s*件\s*[：:]\s*(?P<rest>.*)$")
_ATTACH_ITEM = re.compile(r"^(?P<n>\d{1,2})\s*[.．、]\s*(?P<t>.+)$")
_OMITTED = re.compile(r"[（(]\s*略\s*[）)]\s*$")
_HISTORY_EVENT = re.compile(
    r"(?P<d>(?:19|20)\d\d年\d{1,2}月\d{1,2}日)(?P<mid>.*?)(?P<ev>第[一二三四五六七八九十]+次(?:修正|修订)|修正|修订|公布|发布|通过)"
)


_BRACKETED_SUBJECT = re.compile(r"[（(](?P<t>关于[^（）()]*(?:[（(][^（）()]*[）)][^（）()]*)*)[）)]")


def numbered_subject(title: str, paragraphs: list[str]) -> str | None:
    """The subject printed in brackets under a numbered announcement that stands as its title
    (海关总署公告2023年第199号 / （关于推进…无纸化工作的公告）): the document's title, else ``None``."""
    if len(paragraphs) < 2 or not is_order_number(title) or squeeze(paragraphs[0]) != title:
        return None
    m = _BRACKETED_SUBJECT.fullmatch(squeeze(paragraphs[1]))
    if m is None or kind_from_title(m.group("t")) == "文件":
        return None
    return m.group("t")


_EXPLAINED_BY = re.compile(r"(?:同志|负责人|主任|局长|厅长|部长|秘书长|专家)(?:权威)?解读")


@lru_cache(maxsize=1 << 14)
def kind_from_title(title: str) -> str:
    """The kind of instrument a title names (its last formula word): 通知, 意见, 办法…"""
    t = re.sub(r"[（(](?:试行|暂行|修订|草案|征求意见稿)[）)]$", "", squeeze(title))
    t = re.sub(r"[（(][^（）()]*\d{4}[^（）()]*[）)]$", "", t)  # …规划（2024—2028年）
    part = CHRONICLE_TITLE_PART.search(t)  # 1993年政务大事记（二）: a part of a year's chronicle
    if part:
        return "大事记"
    if re.search(r"任免|任命|免去", t) and t.endswith("通知"):
        return "任免通知"
    if _EXPLAINED_BY.search(t) or t.startswith(("解读", "图解")):
        return "解读"  # 市政府副秘书长…郭守印同志解读2020年…分工方案: an explanation, whatever it explains
    for k in KINDS:
        if t.endswith(k):
            return _KIND_CANON.get(k, k)
    # a 公示, 更正启事, 勘误, 情况说明 printed between the documents: its own kind, no instrument
    return item_kind(t) or "文件"


def legislation_kind(title: str, history_line: str) -> str:
    """The kind of a regulation printed with its history line （…公布/通过 根据…修正）:
    法律 (全国人大 and its standing committee), 行政法规 (国务院令), 地方性法规 (a local
    people's congress), 规章 (a government's 令), or the kind its title names (决定…)."""
    t = squeeze(title)
    h = squeeze(history_line)
    own = kind_from_title(t)
    if own in ("决定", "决议", "意见", "通知"):
        return own
    if "全国人民代表大会" in h or (t.startswith("中华人民共和国") and t.endswith("法")):
        return "法律"
    if "国务院令" in h or ("国务院" in h and "条例" in t):
        return "行政法规"
    if "人民代表大会" in h:
        return "地方性法规"
    return "规章"


def instrument_title(title: str) -> str | None:
    """What a 印发 notice issues: 关于印发《X》的通知 -> X."""
    m = _ISSUES.search(squeeze(title))
    if not m:
        return None
    t = m.group("t")
    t = t.strip("《》〈〉")
    return t or None


def split_clauses(paragraph: str) -> list[str]:
    """Split at ，；。 outside brackets and quotes (book-title marks, parentheses)."""
    return split_outside_brackets(paragraph, "，。；;", keep=True)


def titled_refs(clause: str) -> list[Ref]:
    """Each 《title》 in ``clause`` with the 文号 printed in the parenthesis right after it."""
    if "《" not in clause:
        return []  # no title (most paragraphs): no scan
    refs = []
    for m in _TITLE.finditer(clause):
        if clause[max(0, m.start() - 3) : m.start()].endswith(("简称", "称")):
            continue  # （以下简称《指南》）: an abbreviation, not another instrument
        title = " ".join(m.group(1).split())
        after = clause[m.end() : m.end() + 80]
        number = None
        pm = re.match(r"\s*[（(](?P<inner>[^（）()]*(?:[（(][^（）()]*[）)][^（）()]*)*)[）)]", after)
        if pm:
            found = find_doc_numbers(pm.group("inner"))
            if found:
                number = found[0][2]
        refs.append(Ref(number, title))
    return refs


def _outside_titles(clause: str) -> str:
    return _TITLE.sub("《》", clause)


def may_cite(text: str) -> bool:
    """Whether ``text`` can hold a reference ``titled_refs`` reads (a 《title》): without one,
    ``find_legal_basis`` and ``find_citations`` find nothing."""
    return "《" in text


def may_repeal(text: str) -> bool:
    """Whether ``text`` holds a repeal verb: without one, ``find_repeals`` finds nothing."""
    return _REPEAL_VERB.search(text) is not None or "失效" in text


def may_attach(text: str) -> bool:
    """Whether ``text`` can hold an attachment list (附件：…) for ``find_attachments``."""
    return "附" in text


def may_expire(text: str) -> bool:
    """Whether ``text`` prints a term of validity (有效期…, 执行期限为…至…) for ``find_expiry``
    (and an extension of one, 有效期延长至…, for ``find_extensions``)."""
    return "有效期" in text or "期限" in text or "执行期" in text or "实施期" in text


def may_extend(text: str) -> bool:
    """Whether ``text`` can extend or continue another's term (有效期延长至…, 《X》继续适用) for
    ``find_extensions``."""
    return "继续" in text or ("至" in text and ("延长" in text or "顺延" in text or "延续" in text))


def find_term(paragraphs: list[str]) -> tuple[date | None, date | None] | None:
    """The document's own term (本公告执行期限为2021年1月1日至2022年12月31日): its first and last
    day; ``None`` when it prints none. A term of a policy it names (…政策执行期限延长至…) is not its own."""
    for p in paragraphs:
        if p.startswith("“") or "本" not in p:
            continue
        m = _TERM.search(p)
        if m:
            return parse_date(m.group("a")), parse_date(m.group("b"))
    return None


# 财政部对《政府采购货物和服务招标投标管理办法》（财政部令第18号）进行了修订，修订后的《…》已经部务会议审议
# 通过。现予公布: the order publishes a revised text that takes the place of the one the old order made
_REVISED = re.compile(
    r"对《(?P<t>[^《》]{2,80})》[（(](?P<n>[^（）()]{2,40})[）)](?:进行了|进行|作了|作出了|作出)?(?:全面)?修订"
)
_PUBLISHES = re.compile(r"(?:现予|予以)(?:以)?(?:公布|发布)")


def find_superseded(paragraphs: list[str]) -> list[Ref]:
    """The order whose text a 令 publishes revised (对《X》（某某令第N号）进行了修订，修订后的《X》…现予公布):
    ``Ref(某某令第N号, X, relation="supersedes")`` — the old order's text is no longer in force from
    the new one's date. Only when the old order's number is printed (the title alone is the new text's)."""
    out: list[Ref] = []
    for p in paragraphs[:8]:
        if "修订" not in p or not _PUBLISHES.search(p):
            continue
        for m in _REVISED.finditer(p):
            found = find_doc_numbers(m.group("n"))
            if found and "修订后的《" + m.group("t") + "》" in p:
                out.append(Ref(found[0][2], m.group("t"), relation="supersedes"))
    return out


def _listed_repeals(paragraphs: list[str]) -> list[Ref]:
    """The entries of a list of repealed instruments under its heading (附件2 国务院决定废止的行政法规 /
    六、信访条例（2005年1月10日中华人民共和国国务院令第431号公布）), each with the order that published it
    when its history names one; the list ends at the first line that is not an entry."""
    out: list[Ref] = []
    under = False
    for p in paragraphs:
        t = squeeze(p)
        if REPEAL_LIST_HEADING.fullmatch(t):
            under = True
            continue
        if not under:
            continue
        m = REPEAL_LIST_ITEM.match(t)
        if not m or _INSTRUCTION_START.match(m.group("title")):
            under = False
            continue
        meta = m.group("meta") or ""
        # the order that published it, not an instrument its history names (根据…《…的决定》修订)
        found = [x for x in find_doc_numbers(_TITLED_ANY.sub("", meta)) if is_order_number(x[2])]
        r = Ref(found[0][2] if found else None, m.group("title").strip())
        if not any(x.key() == r.key() for x in out):
            out.append(r)
    return out


_TITLED_ANY = re.compile(r"《[^《》]*》")
# an entry that instructs (一、对6部行政法规予以废止 / 将《X》…) ends the list
_INSTRUCTION_START = re.compile(r"^(?:将|删去|删除|对|在|增加|自)")


def find_repeals(paragraphs: list[str], listed: Listed | None = None) -> list[Ref]:
    """Instruments a document repeals: 废止《X》（文号）, 原《X》（文号）同时废止, 对《X》进行废止…, and
    every entry of a clean-up list that is repealed or declared invalid (``read_lists``: 一、决定废止的
    规章 / 1.《X》…, a table under 附件1：…决定废止的…目录, 《X》等4件规范性文件失效). A title inside a
    bracket after another (the history of the repealed text: …根据…《Y》修正) and a repeal stated as a
    fact (原《X》已废止) are not repealed by this document."""
    if listed is None:
        listed = read_lists(paragraphs)
    out: list[Ref] = []
    for r in listed.repeals:
        _merge(out, r)
    if any("废止的" in p for p in paragraphs):  # 附件2 国务院决定废止的行政法规 / 六、信访条例（…令第431号公布）
        for r in _listed_repeals(paragraphs):
            _merge(out, r)
    for i, p in enumerate(paragraphs):
        if i in listed.consumed or p.startswith("“") or not _REPEAL_VERB.search(p):
            continue
        for clause in split_clauses(p):
            outside = _outside_titles(clause)
            if not _REPEAL_VERB.search(ALREADY.sub("", outside)):
                continue  # (原《城市规划法》已废止: a fact about another act)
            # 自《决定》印发之日起一律停止执行: the titled text dates the repeal, it is not repealed
            refs = [
                r
                for r in _part_of(titled_refs(clause), clause)
                if not _is_time_anchor(r, clause) and not _in_brackets(r, clause)
            ]
            if not refs:
                for _, _, number in find_doc_numbers(clause):
                    refs.append(Ref(number, None))
            for r in refs:
                _scope_and_time(r, clause, p)
            _share_scope(refs, clause)
            for r in refs:
                if r.title and r.doc_number is None:
                    # 废止《X》(2018年12月29日聊城市人民政府令第34号公布); not past the next title: in
                    # …令第8号发布的《A》、…令第15号发布的《B》同时废止, 令第15号 is B's
                    at = clause.find(r.title)
                    tail = clause[at + len(r.title) :]
                    nxt = tail.find("《")
                    tail = tail[: nxt if nxt >= 0 else 120][:120]
                    # (only the bracket right after the title: the number of the next entry is
                    # printed before it)
                    found = (
                        [x for x in find_doc_numbers(tail) if is_order_number(x[2])]
                        if re.match(r"》?\s*[（(]", tail)
                        else []
                    )
                    r.doc_number = found[0][2] if found else _number_before(clause, at)
                _merge(out, r)
    return out


def _number_before(text: str, at: int) -> str | None:
    """The order number printed just before the title starting at ``at`` (…令第8号发布的《A》、
    …令第15号发布的《B》同时废止: 令第8号 is A's), not past the title before it."""
    before = text[: max(0, at - 1)]
    before = before[before.rfind("》") + 1 :]
    if not re.search(r"(?:发布|公布|印发)的$", before):
        return None
    found = [x for x in find_doc_numbers(before) if is_order_number(x[2])]
    return found[-1][2] if found else None


def _merge(out: list[Ref], r: Ref) -> None:
    """Add ``r`` unless it is there: the same key, or the same title printed once without its
    文号 (the decision's title 关于废止《X》的决定 and its body 废止《X》（令第84号）)."""
    for x in out:
        if x.key() == r.key():
            return
        if x.title and r.title and squeeze(x.title) == squeeze(r.title) and not (x.doc_number and r.doc_number):
            if x.doc_number is None and r.doc_number is not None:
                x.doc_number = r.doc_number
            x.effective = x.effective or r.effective
            return
    out.append(r)


def _in_brackets(r: Ref, clause: str) -> bool:
    """``r``'s title is printed inside a bracket (（2000年…令第84号公布，根据…《Y》修正）): it names the
    history or a note of another title, not what the clause repeals."""
    if not r.title:
        return False
    at = clause.find("《" + r.title)
    if at < 0:
        return False
    depth = 0
    for ch in clause[:at]:
        if ch in "（(":
            depth += 1
        elif ch in "）)" and depth:
            depth -= 1
    return depth > 0


@dataclass
class Listed:
    """What a clean-up list does to the documents it names (``read_lists``): ``repeals`` (废止 and
    宣布失效 entries), ``amends`` (修改), ``kept`` (继续有效: never repealed), ``unread`` (what could
    not be read: a message each — an entry without a title or 文号, a list shorter than the count it
    announces, documents only counted, a list said to be in an attachment that is not printed) and
    ``consumed`` (the paragraphs read as list lines: no other reading takes a repeal from them)."""

    repeals: list[Ref] = field(default_factory=list)
    amends: list[Ref] = field(default_factory=list)
    kept: list[Ref] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)
    consumed: set[int] = field(default_factory=set)


@dataclass
class _List:
    origin: str  # the heading or sentence that opened it
    treat: str | None
    count: int | None
    effective: date | None = None
    form: str | None = None  # the label form of its first entry
    heading: bool = False  # opened by a heading: unlabeled lines between entries are notes
    table: bool = False
    column: int | None = None  # the treatment column of a table
    read: int = 0


def _label_form(label: str) -> str:
    t = label.strip()
    if t[:1] in "（(":
        return "paren"
    if t[-1:] == "、" and not t[0].isdigit():
        return "cn"
    return "num" if t[-1:] in ".．、" else "bare"


def may_list(text: str) -> bool:
    """Whether ``text`` can hold a clean-up list (a treatment word): without one ``read_lists``
    reads nothing."""
    return TREATMENT_WORD.search(text) is not None


def read_lists(paragraphs: list[str]) -> Listed:
    """The entries of the clean-up lists a document prints, each with what is done to it.

    A list opens at a heading (``cleanup.LIST_HEADING``: 一、决定废止的规章（5件）, 附件1：…决定废止的…
    目录（28件）), at a sentence closing with a colon (``LIST_INTRO``: 决定对以下2件市政府规章予以废止：) or
    at a table header (序号 文件名称 文号 处理意见); its entries are the lines with one label form
    (一、 / 1. / （1） / a row's 序号), each naming a 《title》 (its 文号 in the bracket after it) or a
    title and a 文号 in cells. What is done to an entry: its own words (a 处理意见 cell, 《X》等7件规范性
    文件继续有效), else the list's. A numbered line naming a title and closing with its own treatment
    (三、《X》等2件规范性文件废止。) is an entry with no heading over it. Lines of a list of lines end it
    when they have no label; a table's other lines (a wrapped 说明 cell) are notes."""
    out = Listed()
    cur: _List | None = None
    annexes = {m.group(1) for p in paragraphs if (m := _ANNEX_N.match(p.strip()))}

    def close() -> None:
        if cur is not None and cur.count is not None and cur.read < cur.count and cur.treat != "in_force":
            out.unread.append(f"“{squeeze(cur.origin)[:60]}” announces {cur.count}, {cur.read} read")

    for i, p in enumerate(paragraphs):
        s = p.strip()
        if not s or p.startswith("“"):
            continue
        for m in SEE_ANNEX.finditer(s) if "附件" in s else ():  # (every match names 附件N)
            if m.group("annex") not in annexes and treatment(m.group(0)) in ("repealed", "invalid", "amended"):
                out.unread.append(
                    f"{m.group('n')} documents listed in 附件{m.group('annex')}, which is not printed: “{squeeze(s)[:40]}…”"
                )
        if len(s) <= 80 and "\t" not in s and "的" in s and (hm := LIST_HEADING.fullmatch(s)):
            close()
            cur = _List(s, treatment(_TITLE.sub("", s)), int(hm.group("n")) if hm.group("n") else None)
            cur.effective, cur.heading = _list_date(s), True
            out.consumed.add(i)
            continue
        if s[-1] in "：:" and "《" not in s and (im := LIST_INTRO.search(s)):  # (it closes with a colon)
            close()
            n = im.group("n") or im.group("m")
            cur = _List(s, treatment(s[max(0, im.start() - 20) :]), int(n) if n else None, _list_date(s))
            continue
        if s[0] == "序" and (TABLE_HEADER.fullmatch(s) or (s.startswith("序号") and "\t" in s)):
            cells = _cells(s)
            col = next((k for k, c in enumerate(cells) if TREATMENT_COLUMN.fullmatch(c.strip())), None)
            if cur is None:
                cur = _List(s, None, None)
            cur.table, cur.column, cur.form = True, col, None
            out.consumed.add(i)
            continue
        lm = ITEM.match(s)
        if cur is not None:
            if lm and cur.form in (None, _label_form(lm.group("label"))):
                rest = s[lm.end() :]
                if LIST_HEADING.fullmatch(rest.strip()):
                    continue  # 附件：1.国务院决定修改的行政法规 / 2.…决定废止的…: attachment titles, not entries
                cur.form = cur.form or _label_form(lm.group("label"))
                _read_entry(rest, cur, out)
                out.consumed.add(i)
                continue
            if not cur.table and cur.form in (None, "title") and s.startswith("《"):
                cur.form = "title"  # entries printed one a line with no label: 《X》（…令第2号发布）
                _read_entry(s, cur, out)
                out.consumed.add(i)
                continue
            if cur.table:
                out.consumed.add(i)  # a wrapped cell, a note under the table
                continue
            if cur.heading:
                continue  # a line of an entry printed on several (第七条 第一款中的…), a note, 附件2
            close()
            cur = None
        if lm and s[lm.end() :].startswith("《"):
            own = _own_treatment(s[lm.end() :])
            if own is not None and (own != "amended" or GROUP.search(s)):
                # 一、《X》等7件规范性文件继续有效。: an entry closing with its own treatment
                _read_entry(s[lm.end() :], _List(s, None, None), out)
                out.consumed.add(i)
    close()
    return out


_ANNEX_N = re.compile(r"附\s*件\s*(\d{1,2})(?!\d)")
_TAIL_TREAT = re.compile(r"[^《》（）()]*$")


def _cells(row: str) -> list[str]:
    """The cells of a table row: split by tabs (the normalizer's cell separator), else by spaces."""
    return row.strip().split("\t") if "\t" in row else re.split(r"\s+", row.strip())


def _list_date(text: str) -> date | None:
    m = _REPEAL_ON.search(text)
    return parse_date(m.group("d")) if m else None


def _own_treatment(rest: str) -> str | None:
    """The treatment an entry prints after its last title, outside brackets (…》等4件规范性文件失效。)."""
    if "》" not in rest:
        return None
    tail = _TAIL_TREAT.search(rest[rest.rfind("》") + 1 :])
    words = tail.group(0) if tail else ""
    return treatment(ALREADY.sub("", words))


_OPEN_BRACKET = re.compile(r"[（(]")


def _untitled_entry(rest: str) -> Ref | None:
    """An entry printed without 《》: its title before the bracket of its history (中华人民共和国
    水土保持法实施条例（1993年8月1日中华人民共和国国务院令第120号发布 根据…修订）, the 文号 the first one
    in that bracket), or before its 文号 (关于城市规划建设管理规定的通知 达市府发〔2000〕65号 …)."""
    numbers = find_doc_numbers(rest)
    bm = _OPEN_BRACKET.search(rest)
    if bm and (not numbers or bm.start() < numbers[0][0]):
        title, depth, inner = rest[: bm.start()], 0, ""
        for ch in rest[bm.start() :]:
            depth += 1 if ch in "（(" else -1 if ch in "）)" else 0
            inner += ch
            if depth == 0:
                break
        found = find_doc_numbers(inner)
        number = found[0][2] if found else None
    elif numbers:
        title, number = rest[: numbers[0][0]], numbers[0][2]
    else:
        title, number = rest, None
    title = squeeze(title).strip("，,、：:。；; ").strip("《》")
    if not (4 <= len(title) <= 120) or re.search(r"[。；，,：:]", title) or not _TITLE_END.search(title):
        return None if number is None else Ref(number, None)
    return Ref(number, title)


# what a document's title ends with (…条例, …的通知, …办法（试行）): a line that does not is no title
_TITLE_END = re.compile(
    "(?:"
    + "|".join(map(re.escape, KINDS))
    + r"|规则|标准|规范|目录|清单|名录|制度|守则|章程)(?:\s*[（(][^（）()]{1,12}[)）])?$"
)


def _read_entry(rest: str, cur: _List, out: Listed) -> None:
    """One entry of ``cur`` (its label cut off): its document and what is done to it."""
    ref: Ref | None = None
    own: str | None = None
    if cur.table and cur.column is not None:
        cells = _cells(rest)
        # (the 序号 cell was the label: the treatment column counts from the second cell)
        k = cur.column - 1
        own = treatment(cells[k]) if 0 <= k < len(cells) else None
        if own is None and cells:
            own = treatment(cells[-1]) if len(cells[-1]) <= 8 else None
    elif not cur.table:
        own = _own_treatment(rest)
    treat = own or cur.treat
    titled = [r for r in titled_refs(rest) if not _in_brackets(r, rest)]
    if titled and rest.lstrip().startswith("《"):
        ref = titled[0]
        if ref.doc_number is None and ref.title:
            tail = rest[rest.find(ref.title) + len(ref.title) :]
            pm = re.match(r"》?\s*[（(]([^（）()]*)", tail)
            found = find_doc_numbers(pm.group(1)) if pm else []
            ref.doc_number = found[0][2] if found else None
    elif cur.table and "\t" in rest:
        cells = rest.split("\t")
        numbers = [x for c in cells for x in find_doc_numbers(c)]
        title = next((c.strip() for c in cells if re.search(r"[\u4e00-\u9fff]{4}", c) and not find_doc_numbers(c)), "")
        if numbers or title:
            ref = Ref(numbers[0][2] if numbers else None, squeeze(title.strip("《》")) or None)
    elif titled:
        ref = titled[0]  # 二、删去《X》第六条第一款中的“邮电部”: an instruction on X
    else:
        ref = _untitled_entry(rest)
    group = GROUP.search(rest)
    if ref is None:
        if treat != "in_force":
            out.unread.append(f"an entry of “{squeeze(cur.origin)[:40]}” names no document: “{squeeze(rest)[:40]}”")
        return
    cur.read += 1
    if treat is None:
        out.unread.append(f"“{ref.title or ref.doc_number}” is listed without what is done to it")
        return
    if group and int(group.group("n")) > 1 and treat != "in_force":
        n = int(group.group("n"))
        out.unread.append(f"“{ref.title or ref.doc_number}”等{n}件: {n - 1} documents {treat} are not named")
    ref.effective = ref.effective or cur.effective
    if treat in ("repealed", "invalid"):
        _merge(out.repeals, ref)
    elif treat == "amended":
        _merge(out.amends, ref)
    else:
        _merge(out.kept, ref)


def _is_time_anchor(r: Ref, clause: str) -> bool:
    """``r`` is named only as the start of the time (自《X》印发之日起 / 自《X》施行之日起)."""
    if not r.title:
        return False
    return bool(re.search(rf"自\s*《{re.escape(r.title)}》\s*(?:印发|发布|公布|施行|实施|生效)之日起", clause)) and (
        clause.count(r.title) == 1
    )


_ART = rf"第{NUM}条(?:第{NUM}款)?(?:第{NUM}项)?"
# 不再执行《X》（文号）中关于…的规定 / 《X》第三条、第五条同时废止 / 《X》中第八条停止执行
_SCOPE_ABOUT = re.compile(
    r"^\s*(?:[（(][^（）()]*[）)])?\s*中?(?P<scope>(?:关于|有关)[^，。；]{1,80}?的?(?:规定|内容|条款|要求|部分|政策))"
)
_SCOPE_ARTICLES = re.compile(
    rf"^\s*(?:[（(][^（）()]*[）)])?\s*(?:中的?)?(?P<scope>{_ART}(?:\s*[、，,和及至]\s*{_ART})*)"
)
_REPEAL_ON = re.compile(
    r"自\s*(?P<d>(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*起(?:[^。；]{0,60}?)(?:废止|停止执行|不再执行|施行|实施|执行)"
)


def _scope_and_time(r: Ref, clause: str, paragraph: str) -> None:
    """Mark ``r`` partially repealed with its scope when the clause names only a part of it,
    and give it the printed date the repeal takes effect on (自2027年1月1日起废止, or the
    date the repealing text takes effect when it says 同时废止 in the same sentence)."""
    if not r.title:
        return
    at = clause.find(r.title)
    if at < 0:
        return
    after = clause[at + len(r.title) + 1 :]
    m = _SCOPE_ABOUT.match(after) or _SCOPE_ARTICLES.match(after)
    if m:
        r.relation = "partially_repeals"
        r.scope = squeeze(m.group("scope"))
    sentence = next((x for x in re.split(r"(?<=[。；])", paragraph) if r.title in x), clause)
    tm = _REPEAL_ON.search(sentence)
    if tm and ("同时" in sentence or re.search(r"起(?:废止|停止执行|不再执行)", tm.group(0))):
        r.effective = parse_date(tm.group("d"))


_PART_OF = re.compile(r"《[^《》]+》\s*[（(][^（）()]*[）)]\s*中的?\s*《(?P<part>[^《》]+)》")


def _share_scope(refs: list[Ref], clause: str) -> None:
    """《A》和《B》中有关…的规定不再施行: the part named after the last title is the part of each
    title joined to it by 和/及/与/、 (A is not repealed whole)."""
    for a, b in zip(reversed(refs[:-1]), reversed(refs[1:]), strict=True):
        if a.relation or not b.relation or not a.title or not b.title:
            continue
        i, j = clause.find(a.title), clause.find(b.title)
        if 0 <= i < j and re.fullmatch(
            r"》\s*(?:[（(][^（）()]*[）)])?\s*[和及与、]\s*《", clause[i + len(a.title) : j]
        ):
            a.relation, a.scope = b.relation, b.scope
            a.effective = a.effective or b.effective


def _part_of(refs: list[Ref], clause: str) -> list[Ref]:
    """《A》（文号）中的《B》: B is what is repealed, identified by A's 文号."""
    parts = {" ".join(m.group("part").split()) for m in _PART_OF.finditer(clause)}
    if not parts:
        return refs
    out: list[Ref] = []
    for r in refs:
        if r.title in parts and out and out[-1].doc_number and r.doc_number is None:
            out[-1] = Ref(out[-1].doc_number, r.title)
            continue
        out.append(r)
    return out


_UNIT_START = re.compile(rf"^(?:第{NUM}[章节编]|{SMALL_NUM}、)")
_FIRST_ARTICLE = re.compile(r"^第[一1]条")
# 第二条, 第十四条 …: a regulation printed without chapters leaves its preamble (第一条) here
_ARTICLE_START = re.compile(rf"^第{NUM}条")
_ENACTING = re.compile(r"(?:制定|制订)本[\u4e00-\u9fff]{1,4}")


_BASIS_HEADING = re.compile(r"(?:编制|制定|工作)?依据[。：:]?$")


def find_legal_basis(paragraphs: list[str]) -> list[Ref]:
    """Instruments a document rests on: 根据/依据/按照《X》（文号） in its preamble (before the
    first 章 or 一、), in 第一条, or listed under a heading such as （二）编制依据。; elsewhere in
    the body only a clause opening with 根据/依据 on an instrument cited with its 文号. Other
    titles are citations (``find_citations``)."""
    out: list[Ref] = []
    under_basis_heading = False
    in_preamble = True
    for p in paragraphs:
        if p.startswith("“") or _HISTORY_LINE.match(p) or is_history_line(p):
            continue
        if _UNIT_START.match(p) or (_ARTICLE_START.match(p) and not _FIRST_ARTICLE.match(p)):
            in_preamble = False
        if under_basis_heading:
            for r in titled_refs(p):
                _add(out, r)
            under_basis_heading = False
        if len(p) < 20 and _BASIS_HEADING.search(p):
            under_basis_heading = True
            continue
        if "《" not in p or not _BASIS_VERB.search(p):
            continue  # (a basis is a 《title》: a paragraph without one gives none)
        # the enacting formula (根据《宪法》…，制定本规则) marks a basis wherever it is printed
        # (read only for a paragraph with a basis verb: the search is over the whole paragraph)
        preamble_like = in_preamble or bool(_FIRST_ARTICLE.match(p)) or bool(_ENACTING.search(p))
        for clause in split_clauses(p):
            if _BASIS_VERB.search(clause) is None:
                continue  # none outside its titles either (a verb holds no 《》)
            outside = _outside_titles(clause)
            m = _BASIS_VERB.search(outside)
            if not m or _REPEAL_VERB.search(outside):
                continue
            for r in titled_refs(clause[clause.find(m.group(0)) :] if m.group(0) in clause else clause):
                if preamble_like or (r.doc_number and m.group(0) in ("根据", "依据")):
                    # 根据《X》第十条的规定: the provisions the basis clause names (Ref.scope)
                    _add_scoped(out, r, _after_title(clause, r.title))
    return out


def _after_title(text: str, title: str | None) -> list[str]:
    """The provisions printed right after each 《title》 in ``text`` (《X》第三十二条第一款,
    《X》（文号）第十条、第十一条): ``gongbao.grammar.pinpoints``."""
    if not title or "第" not in text:
        return []
    out: list[str] = []
    for m in re.finditer(r"《\s*" + r"\s*".join(re.escape(w) for w in title.split()) + r"\s*》", text):
        pm = P.PINPOINTS.match(text, m.end())
        if pm and not P.AMENDING.match(text, pm.end()):
            out.extend(x for x in P.provisions(pm.group("list")) if x not in out)
    return out


def _after_short_name(text: str, name: str) -> list[str]:
    """The provisions printed right after a law's short name (民事诉讼法第二百条第（五）项, after
    《中华人民共和国民事诉讼法》 was cited in full); not the name inside a longer title (《…民事诉讼法》,
    食品安全法实施条例第六十七条 is another instrument)."""
    out: list[str] = []
    start = 0
    while (i := text.find(name, start)) >= 0:
        start = i + len(name)
        if text[start : start + 1] != "第" or text[max(0, i - 1) : i] == "《" or text[:i].endswith("中华人民共和国"):
            continue
        pm = P.PINPOINTS.match(text, start)
        if pm and not P.AMENDING.match(text, pm.end()):
            out.extend(x for x in P.provisions(pm.group("list")) if x not in out)
    return out


def pinpoints_in(paragraph: str, ref: Ref) -> list[str]:
    """The provisions of ``ref`` that ``paragraph`` cites (after its 《title》, or after its short
    name: 民事诉讼法第二百条), in normal form."""
    if not ref.title or "第" not in paragraph or paragraph.startswith("“"):
        return []
    name = P.short_name(ref.title)
    if (ref.title.split() or [""])[0] not in paragraph and not (name and name in paragraph):
        return []  # neither name printed (most paragraphs): nothing to unquote or scan
    paragraph = _QUOTED.sub("“”", paragraph)
    found = _after_title(paragraph, ref.title) if ref.title in paragraph else []
    if name and name in paragraph:
        found += [x for x in _after_short_name(paragraph, name) if x not in found]
    return found


def _add_scoped(out: list[Ref], r: Ref, provisions: list[str]) -> None:
    """Add ``r`` with ``provisions`` as its scope; the same instrument named again adds its
    provisions to the scope of the one already there."""
    same = next((x for x in out if x.key() == r.key()), None)
    if same is None:
        r.scope = "、".join(provisions) or None
        out.append(r)
        return
    have = same.scope.split("、") if same.scope else []
    have.extend(x for x in provisions if x not in have)
    same.scope = "、".join(have) or None


_AMEND_VERB = re.compile(r"修改|修正|修订|删去|删除")
_QUOTED = re.compile(r"“[^“”]*”")
# a quotation the paragraph opens and does not close (修改为“…《X》…\n“…”: the new text goes on in the
# paragraphs below)
_OPEN_QUOTE = re.compile(r"“[^“”]*$")
# a history note in brackets (1986年1月8日国务院发布根据2014年7月29日《国务院关于修改部分行政法规的决定》修订):
# the instrument it names amended the entry earlier, it is not amended now
_HISTORY_NOTE = re.compile(
    r"[（(][^（）()]*?(?:19|20)\d\d\s*年[^（）()]*?(?:发布|公布|修订|修正|批准|通过)[^（）()]*[）)]"
)


# 十六、将《印铸刻字业暂行管理规则》第三条和第五条合并，…: an instruction naming the work and its article,
# whatever its verb (合并, 改为…) in the clauses after
_INSTRUCTION_CLAUSE = re.compile(rf"^(?:{SMALL_NUM}、)?(?:将|删去|删除|在)《[^《》]+》第")


def find_amended(paragraphs: list[str], exclude_title: str | None = None) -> list[Ref]:
    """Instruments a decision amends: 对《X》（令第32号）作出修改 / 将《X》第三条修改为… / 删去《X》第三十七条。
    Not a title inside the text the decision quotes (“…依照《中华人民共和国基本医疗卫生与健康促进法》…”),
    even when the quotation runs on into the next paragraphs, nor one a history note names."""
    out: list[Ref] = []
    for p in paragraphs:
        if p.startswith("“") or "《" not in p or not _AMEND_VERB.search(p):
            # (a clause holds an amending verb outside its titles only if the paragraph holds
            # one; what is amended is a 《title》: a paragraph without one names nothing)
            continue
        # text a decision quotes (将第一项“《中华人民共和国立法法》第八条”修改为“…第十一条”) is words of the
        # amended work, not another instrument it amends: removed before the paragraph is cut into
        # clauses (a quotation holds ；and 。)
        p = _OPEN_QUOTE.sub("“", _QUOTED.sub("“”", p))
        p = _HISTORY_NOTE.sub("", p)
        for clause in split_clauses(p):
            if not _AMEND_VERB.search(_outside_titles(clause)) and not _INSTRUCTION_CLAUSE.match(clause):
                continue
            for r in titled_refs(clause):
                if exclude_title and r.title and squeeze(r.title) == squeeze(exclude_title):
                    continue
                same = [x for x in out if x.title == r.title]
                if same:
                    same[0].doc_number = same[0].doc_number or r.doc_number
                else:
                    out.append(r)
    return out


_SHORT_NAME = re.compile(r"简称《(?P<t>[^《》]{1,60})》")


def find_citations(
    paragraphs: list[str], exclude: list[Ref], own_title: str | None = None, basis: list[Ref] | None = None
) -> list[Ref]:
    """Every other instrument cited by title (《…》), with its 文号 when printed after it. Not the
    document itself (``own_title``: 《外商投资准入特别管理措施（负面清单）（2021年版）》已经…审议通过 in
    the 令 that publishes it; 修订后的《X》 in the 令 that publishes the revised X), nor a short name
    it gives another title (以下简称《外商投资准入负面清单》) when used without a 文号.

    Each citation's ``scope`` lists the provisions of it the document cites anywhere
    (《X》第五十六条, 《X》第四十三条和第四十四条, and 民事诉讼法第二百条 once the full title was printed):
    one relation per instrument. An instrument of ``basis`` (in ``exclude``) cited again with
    provisions the basis clause did not name is a citation too, its scope every provision cited.
    The document's own provisions (本办法第五条) follow no other instrument's name: never read."""
    seen = {r.key() for r in exclude}
    own = squeeze(own_title) if own_title else None
    short = {squeeze(m.group("t")) for p in paragraphs if "简称" in p for m in _SHORT_NAME.finditer(p)}
    out: list[Ref] = []
    for p in paragraphs:
        if p.startswith("“"):
            continue
        for r in titled_refs(p):
            if r.doc_number is None and r.title and squeeze(r.title) in short | {own}:
                continue
            if r.doc_number is None and r.title and PUBLICATION_TITLE.match(squeeze(r.title)):
                continue  # 在《中国文化报》发表: a newspaper, no instrument
            if r.doc_number is None and r.title:
                r.doc_number = _number_before(p, p.find(r.title))  # …令第8号发布的《A》
            if r.key() not in seen:
                seen.add(r.key())
                out.append(r)
    # (text a paragraph quotes, 将第一项“《X》第八条”修改为…, is words of another text: not read)
    quoted = [_QUOTED.sub("“”", p) for p in paragraphs if not p.startswith("“") and "第" in p]
    for r in out + [b for b in basis or [] if b.title and squeeze(b.title) != own]:
        # (only the paragraphs printing its title: the title's first word is in them)
        head = (r.title or "").split()[0] if (r.title or "").split() else ""
        found = [x for p in quoted if head in p for x in _after_title(p, r.title)]
        name = P.short_name(r.title or "")
        if name:
            found += [x for p in quoted if name in p for x in _after_short_name(p, name)]
        provisions = list(dict.fromkeys(found))
        if r in out:
            r.scope = "、".join(provisions) or None
        elif [x for x in provisions if x not in (r.scope or "").split("、")]:
            out.append(Ref(r.doc_number, r.title, scope="、".join(provisions)))
    return out


def _add(out: list[Ref], r: Ref) -> None:
    if not any(x.key() == r.key() for x in out):
        out.append(r)


def find_signature(paragraphs: list[str]) -> tuple[str | None, date | None]:
    """(signer, date) of the first signature block: an issuer line or ``职务：姓名`` line followed
    by a date line. Falls back to the last standalone date line."""
    from gongbao.extract.issuer import fold_date
    from gongbao.extract.issuer import is_date_line as loose_date_line

    for i, p in enumerate(paragraphs):
        if loose_date_line(p) and i > 0:
            prev = paragraphs[i - 1]
            if is_issuer_line(prev) or re.fullmatch(
                r"[\u4e00-\u9fff]{1,10}[：:]\s*[\u4e00-\u9fff·]{2,6}", prev.strip()
            ):
                return squeeze(prev), parse_date(fold_date(p))
    for p in reversed(paragraphs):
        if loose_date_line(p):
            return None, parse_date(fold_date(p))
    return None, None


def find_effective(paragraphs: list[str], signed: date | None) -> date | None:
    """The effective date: 自印发/公布之日起施行 (实行, 实施…) resolves to the signed date; 自2025年2月1日起施行
    to that date; 自印发之日起满30日后施行 to the signed date plus 30 days. A clause about the
    document itself (本办法自…) wins over other mentions."""
    best: tuple[int, date | None] | None = None
    for p in paragraphs:
        if p.startswith("“") or "起" not in p or "自" not in p:
            continue  # (every match holds 自…起: the pattern is tried only where it can match)
        for m in _EFFECTIVE.finditer(p):
            when = m.group("when")
            d = signed if "之日" in when else parse_date(when)
            rank = 2 if m.group(0).startswith("本") else 1
            if best is None or rank > best[0]:
                best = (rank, d)
        for m in V.RELATIVE_EFFECTIVE.finditer(p):
            n = V.number(m.group("n"))
            d = signed + timedelta(days=n) if signed and n is not None else None
            # 本方案自印发之日起满30日后施行: the 本X is the sentence's subject
            sentence = p[: m.start()].rsplit("。", 1)[-1]
            rank = 2 if re.search(r"本[\u4e00-\u9fff]{1,8}$", sentence) else 1
            if best is None or rank > best[0]:
                best = (rank, d)
    return best[1] if best else None


def find_expiry(paragraphs: list[str], effective: date | None) -> date | None:
    """有效期至2027年1月31日; the last day of the document's term (本公告执行期限为…至2022年12月31日);
    or 本办法…有效期N年 counted from the effective date. An extension of the instrument the
    document itself prints (关于延长《X》有效期的通知 over the text of X: 有效期延长至2026年11月1日)
    wins over the term X prints."""
    own = own_extension(paragraphs)
    if own is not None:
        return own
    for p in paragraphs:
        if p.startswith("“"):
            continue
        m = _EXPIRY.search(p)
        if m:
            return parse_date(m.group("d"))
    term = find_term(paragraphs)
    if term is not None and term[1] is not None:
        return term[1]
    if effective:
        for p in paragraphs:
            m = _VALID_YEARS.search(p)
            if m and not p.startswith("“"):
                n = V.number(m.group("n"))
                if n:
                    try:
                        return effective.replace(year=effective.year + n) - timedelta(days=1)
                    except ValueError:  # 29 February
                        return effective.replace(year=effective.year + n, day=28)
    return None


def find_extensions(paragraphs: list[str], title: str | None = None) -> list[Ref]:
    """Instruments whose term the document extends (经评估，《X》（文号）继续实施，有效期延长至2034年12月31日):
    ``Ref(文号, X, relation="extends", until=the new last day)``; ``until`` is ``None`` for a
    continuation with no date (《X》（文号）继续适用). The instrument is the last
    《title》 printed before the extension in its sentence; a sentence naming none extends the
    instrument the document's ``title`` names (关于延长《X》有效期的通知)."""
    out: list[Ref] = []
    title_refs = titled_refs(title) if title else []
    for p in paragraphs:
        if p.startswith("“"):
            continue  # a quoted text (an amendment's new wording) is not the document's own
        for m in V.CONTINUATION.finditer(p) if "继续" in p else ():
            # 《X》（文号）继续适用: X goes on, no end known (until None)
            start = max(p.rfind("。", 0, m.start()), p.rfind("；", 0, m.start())) + 1
            refs = titled_refs(p[start : m.end()])
            if refs and not any(x.key() == refs[-1].key() for x in out):
                out.append(Ref(refs[-1].doc_number, refs[-1].title, relation="extends"))
        for m in V.EXTENSION.finditer(p) if "至" in p else ():
            until = parse_date(m.group("d"))
            start = max(p.rfind("。", 0, m.start()), p.rfind("；", 0, m.start())) + 1
            refs = titled_refs(p[start : m.start()]) or title_refs[-1:]
            if not refs or until is None:
                continue
            r = Ref(refs[-1].doc_number, refs[-1].title, relation="extends", until=until)
            if not any(x.key() == r.key() for x in out):
                out.append(r)
    return out


def own_extension(paragraphs: list[str]) -> date | None:
    """The last day to which the document extends the instrument it prints itself (a 延长…有效期
    notice followed by the text of the instrument: a paragraph that is its title)."""
    lines = {"".join(p.split()) for p in paragraphs}
    for r in find_extensions(paragraphs) if any("延" in p for p in paragraphs) else []:
        if r.until and r.title and "".join(r.title.split()) in lines:
            return r.until
    return None


def find_attachments(paragraphs: list[str]) -> list[Attachment]:
    """附件：1. X（略） 2. Y（略） — the list printed after the body."""
    out: list[Attachment] = []
    i = 0
    while i < len(paragraphs):
        m = _ATTACH_HEAD.match(paragraphs[i].strip())
        if not m:
            i += 1
            continue
        rest = m.group("rest").strip()
        items = [rest] if rest else []
        j = i + 1
        while j < len(paragraphs) and _ATTACH_ITEM.match(paragraphs[j].strip()):
            items.append(paragraphs[j].strip())
            j += 1
        for k, it in enumerate(items, start=1):
            im = _ATTACH_ITEM.match(it)
            number = int(im.group("n")) if im else (k if len(items) > 1 else None)
            t = im.group("t") if im else it
            omitted = bool(_OMITTED.search(t))
            t = _OMITTED.sub("", t).strip()
            out.append(Attachment(squeeze(t), omitted, number))
        i = j
    return out


_EVENT_VERB = re.compile(
    r"(?:审议)?通过|批准|公布施行|公布|发布|施行|第[一二三四五六七八九十]+次(?:修正|修订)|修正|修订|废止"
)
_CN_ORDER = re.compile(r"(?P<issuer>[\u4e00-\u9fff]{2,20}?令)第?(?P<n>[一二三四五六七八九十百零〇\d]{1,6})号")
_HISTORY_START = re.compile(r"^[（(]?\s*(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_HISTORY_VERB = re.compile(r"通过|批准|公布|发布|施行|修正|修订")
# the sentence of an order or announcement that publishes the instrument (…，现予公布，自…起施行。)
_PROMULGATING = re.compile(r"现予(?:以)?(?:公布|发布)")


def parse_history(line: str) -> list[HistoryEvent]:
    """The steps of a history line, each with its date, the body or meeting that acted and
    the instrument that made it:
    （2016年12月23日菏泽市第十八届人民代表大会常务委员会第三十七次会议通过 2017年1月18日
    山东省…第二十五次会议批准） -> 通过 (actor: the city's standing committee meeting), 批准;
    （2017年12月15日聊城市人民政府令第32号公布 根据2020年1月17日《…决定》第一次修正） ->
    公布 (instrument 聊城市人民政府令第32号), 第一次修正 (instrument: the decision);
    （…1993年10月28日公布施行） -> 公布 and 施行; 自2001年1月1日起施行 -> 施行;
    1986年1月15日、1987年12月21日国务院修订 -> two 修订 steps, each with its date (dates joined by
    、 share the step printed after the last of them)."""
    from gongbao.extract.dates import DATE
    from gongbao.extract.issuer import from_order_header

    out: list[HistoryEvent] = []
    t = arabic_dates(squeeze(line))  # （一九八七年九月十日国务院发布）
    dates = list(DATE.finditer(t))
    joined: list[date | None] = []  # dates printed before this one with 、: the same step
    for k, m in enumerate(dates):
        seg = t[m.end() : dates[k + 1].start() if k + 1 < len(dates) else len(t)]
        d = parse_date(m.group(0))
        masked = _TITLE.sub(lambda x: "《" + "＿" * len(x.group(1)) + "》", seg)  # verbs inside titles don't count
        verbs = list(_EVENT_VERB.finditer(masked))
        if not verbs:
            if seg in DATE_JOINERS and k + 1 < len(dates):
                joined.append(d)  # 1986年1月15日、1987年12月21日国务院修订
            else:
                joined = []
            continue
        first = len(out)
        mid = seg[: verbs[0].start()]
        mid = re.sub(r"(?:起|根据|[）)\s])+$", "", mid).strip("（()） ")
        instrument: str | None = None
        actor: str | None = None
        tm = _TITLE.search(mid)
        if tm:
            instrument = tm.group(1)
            actor = mid[: tm.start()].strip() or None
        else:
            found = [x for x in find_doc_numbers(mid) if is_order_number(x[2])]
            if found:
                instrument = found[0][2]
                actor = next(iter(from_order_header(instrument.split("第")[0])), None)
            else:
                om = _CN_ORDER.search(mid)
                if om:
                    instrument = om.group(0)
                    actor = next(iter(from_order_header(om.group("issuer"))), None)
                else:
                    actor = mid or None
        prev_end = 0
        for vm in verbs:
            ev = vm.group(0)
            own = None
            if vm.start() > prev_end and ("修正" in ev or "修订" in ev or "修改" in ev):
                # …会议批准的《…关于修改〈X〉等九件地方性法规的决定》修正: the decision printed right
                # before the verb is the amending instrument of this step
                titles = list(_TITLE.finditer(seg, prev_end, vm.start()))
                own = titles[-1].group(1) if titles else None
            prev_end = vm.end()
            if own is not None:
                out.append(HistoryEvent(d, ev, own, None))
                continue
            if ev == "审议通过":
                ev = "通过"
            if ev == "公布施行":
                out.append(HistoryEvent(d, "公布", instrument, actor))
                out.append(HistoryEvent(d, "施行", None, None))
                continue
            if ev == "施行":
                out.append(HistoryEvent(d, "施行", None, None))
                continue
            out.append(HistoryEvent(d, ev, instrument, actor))
        # each date joined to this one by 、 is a step of its own: same verbs, body and instrument
        out[first:first] = [HistoryEvent(j, e.event, e.by, e.actor) for j in joined for e in out[first:]]
        joined = []
    return out


def find_history(paragraphs: list[str], start: int = 0, limit: int = 14) -> tuple[int, int] | None:
    """Where the history of a law or regulation is printed under its title: one line in
    brackets （…通过 …批准）, a bracket spread over several lines, or one step per line
    without brackets (1991年3月2日 第七届…会议通过 / 2009年8月27日 …第一次修正). Returns
    the paragraph range [first, last) or ``None``."""
    n = min(len(paragraphs), start + limit)
    i = start
    while i < n:
        t = squeeze(paragraphs[i])
        if not t:
            i += 1
            continue
        if t[0] in "（(" and _HISTORY_START.match(t) and _HISTORY_VERB.search(t):
            j = i
            while j < n and not re.search(r"[）)]$", squeeze(paragraphs[j])) and j - i < 6:
                j += 1
            return i, min(j + 1, len(paragraphs))
        if _HISTORY_START.match(t) and re.search(r"(?:通过|批准|公布|修正|修订|施行)$", t) and len(t) < 200:
            j = i + 1
            while j < n:
                u = squeeze(paragraphs[j])
                if not u:
                    j += 1
                    continue
                if _HISTORY_START.match(u) and re.search(r"(?:通过|批准|公布|修正|修订|施行)$", u):
                    j += 1
                    continue
                break
            while j > i + 1 and not squeeze(paragraphs[j - 1]):
                j -= 1
            return i, j
        if is_history_line(t):
            # dated clauses only, without brackets or in Chinese numerals (一九九○年九月三十日国务院
            # 批准　一九九○年十月二十二日对外经济贸易部发布), one line or one step a line
            j = i + 1
            while j < n and (not squeeze(paragraphs[j]) or is_history_line(paragraphs[j])):
                j += 1
            while j > i + 1 and not squeeze(paragraphs[j - 1]):
                j -= 1
            return i, j
        if _PROMULGATING.search(t):
            i += 1  # the announcement printed above the title (2016年12月29日…审议通过的《X》，…现予公布)
            continue
        if (_HISTORY_START.match(t) and not is_date_line(t)) or t.startswith(("第一条", "第一章")):
            return None  # (a bare date line, as under an announcement, is passed over)
        i += 1
    return None


_PASSED_IN_TEXT = re.compile(
    r"已(?:于(?:19|20)\d\d年\d{1,2}月\d{1,2}日)?(?:由|经)(?P<actor>[^，。；]{0,80}?)"
    r"(?:于(?P<d1>(?:19|20)\d\d年\d{1,2}月\d{1,2}日))?(?P<actor2>[^，。；]{0,60}?)(?:审议)?通过"
)
_APPROVED_IN_TEXT = re.compile(
    r"已经(?P<d>(?:19|20)\d\d年\d{1,2}月\d{1,2}日)(?P<actor>[^，。；]{2,60}?)批准"
    r"|(?:业经|已经|经)[^，。；]{2,60}?会议于(?P<d2>(?:19|20)\d\d年\d{1,2}月\d{1,2}日)批准"
)
# …会议于2001年10月17日审议通过的《X》… / 2002年3月29日市人民政府第5次常务会议审议通过，现予发布
_PASSED_AT_MEETING = re.compile(
    r"(?P<actor>[^，。；《》]{2,60}?会议)于(?P<d>(?:19|20)\d\d年\d{1,2}月\d{1,2}日)(?:审议)?通过"
    r"|(?P<d2>(?:19|20)\d\d年\d{1,2}月\d{1,2}日)(?P<actor2>[^，。；《》]{2,60}?会议)(?:审议)?通过"
)


def passed_in_text(paragraphs: list[str]) -> tuple[date | None, str | None]:
    """An order or announcement's own account of adoption: 《X》已经2010年12月14日省政府第76次
    常务会议通过 / 已由…常务委员会第十次会议于2009年7月22日通过 -> (date, meeting)."""
    for p in paragraphs[:12]:
        t = squeeze(p)
        if "现予" not in t:
            continue  # (both accounts end in 现予公布/现予发布)
        m = _PASSED_IN_TEXT.search(t)
        if (not m or "现予" not in t) and "现予" in t:
            mm = _PASSED_AT_MEETING.search(t)
            if mm:
                return parse_date(mm.group("d") or mm.group("d2")), mm.group("actor") or mm.group("actor2")
        if not m or "现予" not in t:
            continue
        d = parse_date(m.group(0))
        actor = (m.group("actor") + (m.group("actor2") or "")).strip()
        actor = re.sub(r"于$", "", re.sub(r"(?:19|20)\d\d年\d{1,2}月\d{1,2}日", "", actor)) or None
        return d, actor
    return None, None


def approved_in_text(paragraphs: list[str]) -> date | None:
    """已经2017年3月30日浙江省…第三十九次会议批准，现予公布 -> the approval date."""
    for p in paragraphs[:12]:
        t = squeeze(p)
        m = _APPROVED_IN_TEXT.search(t) if "批准" in t else None  # every match ends in 批准
        if m:
            return parse_date(m.group("d") or m.group("d2"))
    return None


def promulgated_title(paragraphs: list[str]) -> str | None:
    """The instrument an order promulgates: 《X》已经…通过，现予公布 -> X. A title quoted inside it
    is printed 〈〉 there and 《》 as a title of its own (《…关于修改〈A〉的决定》 -> …关于修改《A》的决定)."""
    for p in paragraphs[:6]:
        if re.search(r"公布|发布|施行", p):
            m = _TITLE.search(p)
            if m:
                return squeeze(m.group(1)).replace("〈", "《").replace("〉", "》")
    return None


__all__ = [
    "FILE_NUMBER",
    "Listed",
    "find_attachments",
    "find_effective",
    "find_expiry",
    "find_extensions",
    "find_legal_basis",
    "find_repeals",
    "find_signature",
    "find_superseded",
    "find_term",
    "instrument_title",
    "kind_from_title",
    "may_extend",
    "may_list",
    "own_extension",
    "parse_history",
    "pinpoints_in",
    "promulgated_title",
    "read_lists",
]
