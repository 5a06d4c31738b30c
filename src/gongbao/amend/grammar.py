"""The grammar of amending decisions (修改决定): instructions -> operations.

``parse_instructions(decision_text)`` finds the parts (一、对《X》（令第N号）作出修改), the
numbered instructions under them (1. 将第三条第三款修改为：“…”) and the repeals
(三、废止《…》); ``parse_instruction(text)`` turns one instruction into ``Operation``s.

Guarantees: every operation's targets are in the ORIGINAL numbering of the amended
regulation; quoted text is returned as a list of paragraphs without the “ ” quoting; a
form the grammar does not know raises ``InstructionError`` naming the exact text and
its place — nothing is skipped or guessed. Cost is linear in the text (anchored
regexes without nested quantifiers over the same characters).
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from gongbao.amend.ops import Operation, Target
from gongbao.errors import InstructionError
from gongbao.grammar import labels as L
from gongbao.grammar.history import amended_work
from gongbao.structure.numerals import cn_to_int

__all__ = [
    "Decision",
    "Instruction",
    "join_pdf_lines",
    "parse_decision",
    "parse_instruction",
    "parse_instructions",
]

NUM = L.NUM
_LEVEL_OF = {"章": "chapter", "节": "section", "条": "article", "款": "paragraph", "项": "item", "目": "subitem"}
_UNIT_OF = {
    "章": "chapter",
    "节": "section",
    "条": "article",
    "款": "paragraph",
    "项": "item",
    "目": "subitem",
    "句": "sentence",
}
_COUNT = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
# Punctuation that ends a printed line for good (anything else continues on the next line).
_LINE_END = "。；：”！？.;:!?」"


@dataclass(slots=True)
class Instruction:
    """One numbered instruction of a decision (or an unnumbered repeal part).

    ``n`` is the printed number (None for an unnumbered part such as 三、废止《…》);
    ``part`` the part's numeral when the instruction is itself a part; ``regulation``
    and ``doc_number`` come from the part heading; ``raw`` is the instruction's text
    with PDF line breaks repaired; ``line`` its 1-based line in the decision text and
    ``offset`` its character offset there.
    """

    n: int | None
    part: str | None
    regulation: str | None
    doc_number: str | None
    raw: str
    line: int
    offset: int
    ops: list[Operation] = field(default_factory=list)
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "part": self.part,
            "regulation": self.regulation,
            "doc_number": self.doc_number,
            "line": self.line,
            "raw": self.raw,
            "ops": [o.to_json() for o in self.ops],
            "error": self.error,
        }


@dataclass(slots=True)
class Decision:
    """A parsed decision: its instructions, the general clause and the regulations it names."""

    instructions: list[Instruction]
    general_clause: str | None = None  # 此外，对…条文顺序和个别文字作相应调整和修改
    regulations: list[tuple[str, str | None]] = field(default_factory=list)  # (title, 文号)
    title: str | None = None  # 全国人民代表大会常务委员会关于修改《…》的决定, as printed
    adopted: str | None = None  # the parenthesis under the title: （2013年10月25日第…次会议通过）
    catch_alls: list[str] = field(default_factory=list)  # every catch-all clause, in printed order
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (line, text): 附件 and list lines, not instructions
    effective_clause: str | None = None  # 本修正案自2021年3月1日起施行。 (numbered or not): no instruction
    # the work a 修正案 names in its title (中华人民共和国刑法修正案（十一） -> 中华人民共和国刑法)
    amends: str | None = None

    def for_regulation(self, title: str) -> list[Instruction]:
        """The instructions of one regulation's part (titles compared as ``same_title`` does)."""
        return [i for i in self.instructions if i.regulation is not None and same_title(i.regulation, title)]

    def errors(self, title: str | None = None) -> list[Instruction]:
        """Instructions that could not be read (only those of ``title``'s part when given)."""
        return [
            i
            for i in self.instructions
            if i.error and (title is None or i.regulation is None or same_title(i.regulation, title))
        ]

    def consequences(self) -> list[str]:
        """What the catch-all clauses allow, one line each (see ``catch_all_consequences``)."""
        out: list[str] = []
        for clause in self.catch_alls:
            for line in catch_all_consequences(clause):
                if line not in out:
                    out.append(line)
        return out


_CN_PREFIX = "中华人民共和国"


def title_key(t: str) -> str:
    """A title as compared: width-folded, without spaces, 《》, a trailing （2013年修订） or the 中华人民共和国 prefix."""
    t = re.sub(r"[\s《》〈〉<>]", "", unicodedata.normalize("NFKC", t))
    t = re.sub(r"\(\d{4}.*$", "", t)
    return t[len(_CN_PREFIX) :] if t.startswith(_CN_PREFIX) else t


def same_title(a: str, b: str) -> bool:
    """Whether two printed titles name the same work (see ``title_key``)."""
    return bool(a and b) and title_key(a) == title_key(b)


#: The kinds of catch-all clause and what each allows the republished text to do.
_CATCH_ALL_KINDS = (
    (re.compile(r"条文(?:顺序|序号)|条款(?:顺序|序号)|序号|条序"), "renumber"),
    (re.compile(r"个别文字|文字表述|部分条文的文字|文字作|文字修改|标点"), "wording"),
)


def catch_all_kinds(clause: str) -> tuple[str, ...]:
    """``("renumber", "wording")``: what a catch-all clause covers (对条文顺序和个别文字作相应调整 → both)."""
    return tuple(kind for rx, kind in _CATCH_ALL_KINDS if rx.search(clause))


def catch_all_consequences(clause: str) -> list[str]:
    """The consequences of a catch-all clause, named for a reader."""
    out = []
    kinds = catch_all_kinds(clause)
    if "renumber" in kinds:
        out.append(
            "renumber: articles, paragraphs and items are renumbered and cross-references to them rewritten "
            "(done by the engine; `verify --base` reports any reference left unrenumbered)"
        )
    if "wording" in kinds:
        out.append(
            "wording: the republished text may change words no instruction writes "
            "(not applied; `verify --base` names each one, e.g. 新年→元旦 in 第二条)"
        )
    return out


# ---------------------------------------------------------------- lines


def join_pdf_lines(text: str) -> list[tuple[str, int, int]]:
    """Repair PDF line breaks: ``(logical_line, first_line_no, offset)`` triples.

    A printed line that does not end in closing punctuation continues on the next
    non-empty line (a page or column break cut it), unless that line opens a new
    quotation paragraph or a new numbered instruction. Blank lines are dropped.
    """
    out: list[tuple[str, int, int]] = []
    buf = ""
    buf_no = buf_off = 0
    offset = 0
    for no, line in enumerate(text.split("\n"), start=1):
        start = offset
        offset += len(line) + 1
        s = line.strip()
        if s.startswith("- "):  # list dashes of the PDF extraction
            s = s[2:].strip()
        if not s:
            continue
        starts_new = (
            s[0] in '“"' or _INSTR_START.match(s) is not None or _PART_START.match(s) is not None or _is_heading(s)
        )
        if buf and (buf[-1] in _LINE_END or starts_new or _is_heading(buf) or _ANNEX_REF_END.search(buf)):
            out.append((buf, buf_no, buf_off))
            buf = ""
        if not buf:
            buf, buf_no, buf_off = s, no, start + line.index(s[0])
        else:
            buf += s
    if buf:
        out.append((buf, buf_no, buf_off))
    return out


# 二、对6部行政法规予以废止。（附件2）: a sentence closed before the attachment it points to; the next line
# (本决定自2022年5月1日起施行。) is not its continuation
_ANNEX_REF_END = re.compile(r"[。；;][（(]附件\s*[\d一二三四五六七八九十]*[)）]$")


def _is_heading(line: str) -> bool:
    """A part heading stands on its own line even when it ends in a bracket."""
    return (
        _PART_AMEND.match(line) is not None
        or _SUBPART_AMEND.match(line) is not None
        or _GROUP_HEADING.match(line) is not None
        or _PART_AMEND_PREFIX.match(line) is not None
        or _PART_REPEAL.match(line) is not None
        or _DECISION_TITLE.search(line) is not None
        or _ADOPTED.match(line) is not None
        or _ATTACH.match(line) is not None
    )


_INSTR_START = L.NUMBERED_START
_PAREN_INSTR_START = re.compile(rf"^{L.PAREN_LABEL}\s*(?=将|删|在|增|第|对)")
_PART_START = re.compile(rf"^{L.TOP_LABEL}\s*")
_PART_AMEND = re.compile(
    rf"^{L.TOP_LABEL}\s*(?:对|关于)?\s*《(?P<title>[^》]+)》\s*(?:[（(](?P<meta>[^）)]*)[）)])?\s*"
    r"(?:作出修改|作如下修改|作出如下修改|修改如下|进行修改|的修改|修改)[:：。]?$"
)
_PART_REPEAL = re.compile(rf"^{L.TOP_LABEL}\s*废止\s*《(?P<title>[^》]+)》\s*(?:[（(](?P<meta>[^）)]*)[）)])?[。.]?$")
# （一）对《X》的修改 — a regulation's sub-part in a decision amending several (provincial style),
# under a group heading such as 一、修改《X》等5件地方性法规.
_SUBPART_AMEND = re.compile(
    rf"^{L.PAREN_LABEL}\s*(?:对|关于)?\s*《(?P<title>[^》]+)》\s*(?:[（(](?P<meta>[^）)]*)[）)])?\s*"
    r"(?:的修改|作出修改|作如下修改|作出如下修改|修改如下|进行修改)[:：。]?$"
)
_GROUP_HEADING = re.compile(
    rf"^{L.TOP_LABEL}\s*修改《[^》]+》等[\d一二三四五六七八九十百]+(?:件|部|个)[^，。]*[:：。]?$"
)
# 一、修改《X》（银发〔1999〕407号文印发） — a part naming its regulation after the verb.
_PART_AMEND_PREFIX = re.compile(
    rf"^{L.TOP_LABEL}\s*(?:修改|修订)\s*《(?P<title>[^》]+)》\s*(?:[（(](?P<meta>[^）)]*)[）)])?[:：。]?$"
)
_PART_REPEAL_LIST = re.compile(rf"^{L.TOP_LABEL}\s*(?:决定)?废止(?:下列|以下)")
_REPEAL_ITEM = re.compile(
    rf"^(?:\d+\s*[.．、]|[（(]{L.SMALL_NUM}[)）])?\s*《(?P<title>[^》]+)》\s*(?:[（(](?P<meta>[^）)]*)[）)])?[。；;.]?$"
)
_SINGLE_TITLE = re.compile(
    r"对《(?P<title>[^》]+)》\s*(?:[（(](?P<meta>[^）)]*)[）)])?\s*(?:作如下修改|作出如下修改|作出修改|修改如下)"
)
_BARE_INSTRUCTION = re.compile(rf"^(将|删去|删除|在第|增加|第{NUM}[章条]|(?:对|把|在)?《[^》]+》)")
_GENERAL = re.compile(
    r"(条文顺序|条文序号|条款顺序|条款序号|个别文字|文字表述|部分条文的文字|文字作).{0,20}(调整|修改)"
)
# 附件 lines: 附件：1.… · 附件1 · 附件2 — an attachment's heading, not an instruction.
_ATTACH = re.compile(r"^附\s*件\s*[一二三四五六七八九十\d]*\s*(?:[：:]|$)")
# What an instruction does: a numbered line without any of these (and no quotation) is a list line.
_VERB = re.compile(r"修改|修订|删去|删除|增加|增写|改为|合并|分为|并入|移作|作为|废止|调整为|补充|单列|替换|予以删")
# 一、中华人民共和国劳动保险条例（1951年…公布） — an entry of an attachment listing repealed regulations.
_LIST_REPEAL_ITEM = L.REPEAL_LIST_ITEM  # 六、信访条例（…国务院令第431号公布） under 国务院决定废止的行政法规
_END = re.compile(r"^(本决定自.*施行|本决定(?:通过|公布|施行)前|.*根据本决定作相应(的)?修改.*|.*重新公布[。.]?$)")
# 四十八、本修正案自2021年3月1日起施行。 · 本决定自公布之日起施行。 — the effective-date clause, numbered or not:
# no instruction (kept on ``Decision.effective_clause``).
_EFFECTIVE_CLAUSE = re.compile(
    rf"^(?:{L.TOP_LABEL}|\d+\s*[.．、])?\s*(?P<clause>本(?:修正案|决定|修改决定)(?:自|从).*(?:施行|生效)[。.]?)$"
)
_DOCNO = re.compile(
    r"([\u4e00-\u9fff]+令\s*(?:第\s*)?\d+\s*号|[\u4e00-\u9fff]+[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d+\s*号)"
)


def _doc_number(meta: str | None) -> str | None:
    if not meta:
        return None
    meta = re.sub(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日", " ", meta)
    m = _DOCNO.search(meta)
    if not m:
        return None
    s = re.sub(r"\s+", "", m.group(1))
    return s.replace("[", "〔").replace("［", "〔").replace("]", "〕").replace("］", "〕")


def parse_decision(decision_text: str, *, strict: bool = True) -> Decision:
    """Split a decision into instructions and parse each one.

    Takes the decision's text (PDF line breaks allowed). Returns a ``Decision`` whose
    instructions are in printed order, each with its operations. With ``strict`` an
    unknown instruction form raises ``InstructionError`` (text and line); without it,
    the instruction keeps ``error`` and no operations (for dry runs).
    """
    lines = join_pdf_lines(decision_text)
    instructions: list[Instruction] = []
    regulations: list[tuple[str, str | None]] = []
    general: str | None = None
    title: str | None = None
    docno: str | None = None
    # 中华人民共和国刑法修正案（十一）: the work is named by the title; its items (一、将刑法第十七条修改为…)
    # are all instructions about that work.
    amends = next((w for t, _, _ in lines[:8] for w in [amended_work(t)] if w), None)
    if amends is not None:
        title = amends
        regulations.append((amends, None))
    effective_clause: str | None = None
    top_numbered = False  # the current instruction opened with 一、 (its successor 二、 opens the next one)
    paren_numbering = False
    repeal_list_part: str | None = None
    cur: Instruction | None = None
    body: list[str] = []
    seen_part = False
    part_open = False  # a part heading was read and no instruction of that part yet

    def flush() -> None:
        nonlocal cur, body
        if cur is not None and cur.raw == "" and body:
            cur.raw = "\n".join(body)
        if cur is not None and cur.raw:
            instructions.append(cur)
        cur, body = None, []

    catch_alls: list[str] = []
    skipped: list[tuple[int, str]] = []
    attach_title_next = False  # the line after 附件1 is the attachment's title
    for text, no, off in lines:
        folded = text
        in_quote = folded.startswith(("“", '"')) or (cur is not None and _open_quote(body))
        if (
            not in_quote
            and _GENERAL.search(folded)
            and (folded.startswith("此外") or "相应调整" in folded or "作相应" in folded or "文字作" in folded)
        ):
            flush()
            general = text
            catch_alls.append(text)
            continue
        if _END.match(folded) and not in_quote:
            flush()
            me = _EFFECTIVE_CLAUSE.match(folded)
            effective_clause = me.group("clause") if me else effective_clause
            continue
        me = _EFFECTIVE_CLAUSE.match(folded)
        if me and not folded.startswith(("“", '"')) and not (cur is not None and _quote_open(body)):
            # 四十八、本修正案自2021年3月1日起施行。: the last item is no instruction, nor part of the one before.
            flush()
            effective_clause = me.group("clause")
            continue
        if not in_quote and _ATTACH.match(folded):
            # 附件：1.国务院决定修改的行政法规 · 附件1: the attachments' list or heading, never an instruction.
            flush()
            skipped.append((no, text))
            attach_title_next = not re.search(r"[：:]\s*\S", folded)
            repeal_list_part = None
            continue
        if attach_title_next and cur is None:
            attach_title_next = False
            if not _VERB.search(folded.replace("修改的", "").replace("废止的", "")) and "“" not in folded:
                skipped.append((no, text))
                if "废止" in folded:  # 国务院决定废止的行政法规: the entries below are repeals
                    repeal_list_part = "附件"
                continue
        if repeal_list_part == "附件" and cur is None:
            ml = _LIST_REPEAL_ITEM.match(folded)
            if ml and not _VERB.search(ml.group("title")):
                rt = ml.group("title").strip()
                num = ml.group(1) or ml.group(2)
                ins = Instruction(None, num, rt, _doc_number(ml.group("meta")), text, no, off)
                ins.ops = [Operation("repeal_regulation", regulation=rt, part=num, id=f"附件{num}", raw=text)]
                instructions.append(ins)
                continue
        if cur is None and not in_quote and _is_list_line(folded):
            # 2.国务院决定废止的行政法规 · 一、对8部行政法规的部分条款予以修改。（附件1）: numbered, but no instruction.
            skipped.append((no, text))
            continue
        m = _SUBPART_AMEND.match(folded) or _PART_AMEND_PREFIX.match(folded)
        if m:
            flush()
            part_open = True
            seen_part = True
            title, docno = m.group("title").strip(), _doc_number(m.group("meta"))
            regulations.append((title, docno))
            repeal_list_part = None
            continue
        if _GROUP_HEADING.match(folded):
            flush()
            seen_part = True
            continue
        m = _PART_AMEND.match(folded)
        if m:
            flush()
            seen_part = True
            part_open = True
            title, docno = m.group("title").strip(), _doc_number(m.group("meta"))
            regulations.append((title, docno))
            repeal_list_part = None
            continue
        m = _PART_REPEAL.match(folded)
        if m:
            flush()
            seen_part = True
            rt = m.group("title").strip()
            ins = Instruction(None, m.group(1), rt, _doc_number(m.group("meta")), text, no, off)
            ins.ops = [Operation("repeal_regulation", regulation=rt, part=m.group(1), id=m.group(1), raw=text)]
            instructions.append(ins)
            title = None
            continue
        m = _PART_REPEAL_LIST.match(folded)
        if m:
            flush()
            seen_part = True
            repeal_list_part = m.group(1)
            continue
        if repeal_list_part is not None:
            m2 = _REPEAL_ITEM.match(folded)
            mi = _INSTR_START.match(folded)
            if m2:
                flush()
                rt = m2.group("title").strip()
                n = int(mi.group(1)) if mi else None
                ins = Instruction(
                    n, repeal_list_part if n is None else None, rt, _doc_number(m2.group("meta")), text, no, off
                )
                ins.ops = [
                    Operation(
                        "repeal_regulation", regulation=rt, n=n, part=ins.part, id=str(n or repeal_list_part), raw=text
                    )
                ]
                instructions.append(ins)
                continue
        if title is None and not seen_part:
            ms = _SINGLE_TITLE.search(folded)
            if ms:
                title, docno = ms.group("title").strip(), _doc_number(ms.group("meta"))
                regulations.append((title, docno))
                continue
        mi = _INSTR_START.match(folded)
        paren_ok = paren_numbering or (cur is None and (seen_part or title is not None))
        if not paren_ok and cur is None and not instructions:
            # A decision printed without its lead sentence (决定对《X》作如下修改：) starts at （一）将….
            mp0 = _PAREN_INSTR_START.match(folded)
            paren_ok = mp0 is not None and _BARE_INSTRUCTION.match(folded[mp0.end() :]) is not None
        mp = _PAREN_INSTR_START.match(folded) if paren_ok else None
        mc = None
        if not seen_part:
            mc = _PART_START.match(folded)
            # 二、 after 一、: the next numbered item is an instruction of its own, read or reported
            # unread, whatever its verb (在刑法第…后增加一条); never text of the one before.
            next_item = (
                top_numbered
                and cur is not None
                and cur.n is not None
                and mc is not None
                and cn_to_int(mc.group(1)) > cur.n
                and not _quote_open(body)
            )
            if mc and title is None and not _BARE_INSTRUCTION.match(folded[mc.end() :]) and not next_item:
                mc = None
        if mi or mp or mc:
            flush()
            if mp:
                paren_numbering = True
                n = cn_to_int(mp.group(1))
                rest = folded[mp.end() :]
            elif mi:
                n = int(mi.group(1))
                rest = folded[mi.end() :]
            else:
                assert mc is not None
                n = cn_to_int(mc.group(1))
                rest = folded[mc.end() :]
            top_numbered = mc is not None and not mi and not mp
            cur = Instruction(n, None, title, docno, "", no, off)
            body = [rest]
            continue
        if cur is not None:
            body.append(text)
        elif (
            title is not None and _BARE_INSTRUCTION.match(folded) and (part_open or not any(i.n for i in instructions))
        ):
            # A decision (or a part of one) with a single unnumbered instruction
            # (国务院决定对《X》作如下修改：将第二条… · 一、修改《X》（…）then 将第十九条修改为…).
            cur = Instruction(1, None, title, docno, "", no, off)
            body = [text]
        if cur is not None:
            part_open = False
    flush()

    for ins in instructions:
        if ins.ops:
            continue
        try:
            ins.ops = parse_instruction(ins.raw, n=ins.n, regulation=ins.regulation)
            named = {o.regulation for o in ins.ops if o.regulation}
            if ins.regulation is None and len(named) == 1:
                ins.regulation = named.pop()  # 将《X法》第十条修改为…
                if all(t != ins.regulation for t, _ in regulations):
                    regulations.append((ins.regulation, None))
        except InstructionError as e:
            if ins.regulation is None:
                # The part names its regulation in its first instruction (一、将《X》第七条…): keep it, so
                # that the error is reported for that part only.
                me = _PART_TITLE.match(_fold(ins.raw))
                if me is not None:
                    ins.regulation = me.group(1)
                    if all(t != ins.regulation for t, _ in regulations):
                        regulations.append((ins.regulation, None))
            if strict:
                raise InstructionError(f"instruction {ins.n}: {e.message}", where=f"line {ins.line}") from None
            ins.error = e.message
    head = [t for t, _, _ in lines[:8]]
    dec_title = next((re.sub(r"\s+", "", t) for t in head if _DECISION_TITLE.search(t)), None)
    adopted = next((t for t in head if _ADOPTED.match(t)), None)
    if adopted is None:
        # A government decision promulgated by an order: the order's date, printed above the title.
        dates = [m.group(0) for t in head for m in [_DATE_TAIL.search(t)] if m]
        adopted = "（" + "".join(dates[0].split()) + "公布）" if dates else None
    if dec_title is None and amends is not None:
        dec_title = next((re.sub(r"\s+", "", t) for t in head if amended_work(t)), None)
    return Decision(
        instructions, general, regulations, dec_title, adopted, catch_alls, skipped, effective_clause, amends
    )


def _quote_open(body: list[str]) -> bool:
    """Whether the last line holding a quotation mark leaves a quotation open. Unlike ``_open_quote``
    this reads quotations of several paragraphs (each opens with “, only the last one closes) as
    closed after their last paragraph."""
    for line in reversed(body):
        o, c = line.rfind("“"), line.rfind("”")
        if o >= 0 or c >= 0:
            return o > c
    return False


def _open_quote(body: list[str]) -> bool:
    """Whether the instruction read so far leaves a quotation open (its next line is quoted text)."""
    text = "".join(body)
    return text.count("“") > text.count("”")


def _is_list_line(line: str) -> bool:
    """A numbered line that instructs nothing: a list of attachments or a preamble's summary."""
    m = _INSTR_START.match(line) or _PART_START.match(line)
    if m is None:
        return False
    rest = line[m.end() :]
    if "“" in rest or '"' in rest:
        return False
    if re.search(r"[（(]附件\s*[\d一二三四五六七八九十]*[)）]", rest):
        return True  # 一、对8部行政法规的部分条款予以修改。（附件1）
    return _VERB.search(re.sub(r"(?:修改|修订|废止|删除)的", "", rest)) is None


_DATE_TAIL = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
_DECISION_TITLE = re.compile(r"关于.*(修改|废止).*决定$")
_ADOPTED = re.compile(r"^[（(]\s*\d{4}\s*年.*(通过|公布|发布)\s*[)）]$")


def parse_instructions(decision_text: str, *, strict: bool = True) -> list[Instruction]:
    """The instructions of a decision text, each with its parsed operations (see ``parse_decision``)."""
    return parse_decision(decision_text, strict=strict).instructions


# ---------------------------------------------------------------- quotations


_Q = re.compile(r"\x02(\d+)\x03")
_SENT_END = "。；：;:.！？!?"


def _tokenize(raw: str) -> tuple[str, list[list[str]]]:
    """Replace each quotation group by a placeholder ``\\x02k\\x03``.

    A group is one quotation or several consecutive quoted paragraphs (each opening
    with “, the last closing with ”, or each closed, on separate lines). Nested “”
    pairs inside a paragraph stay in its text. Raises ``InstructionError`` on an
    unterminated quotation.
    """
    if "“" not in raw and '"' in raw:
        raw = _straight_quotes(raw)
    try:
        return _tokenize_once(raw, breaks_after="")
    except InstructionError:
        # Quoted paragraphs run together on one line (“…行为：“（一）…): an opening quote
        # right after a sentence end starts the next paragraph instead of nesting.
        return _tokenize_once(raw, breaks_after="。；：;:")


def _tokenize_once(raw: str, *, breaks_after: str) -> tuple[str, list[list[str]]]:
    out: list[str] = []
    groups: list[list[str]] = []
    i, n = 0, len(raw)
    while i < n:
        c = raw[i]
        if c != "“":
            out.append(c)
            i += 1
            continue
        paras: list[str] = []
        cur: list[str] = []
        depth = 0
        j = i + 1
        closed = False
        while j < n:
            ch = raw[j]
            if ch == "“":
                if depth == 0 and (raw[j - 1] == "\n" or (breaks_after and raw[j - 1] in breaks_after)):
                    paras.append("".join(cur).strip())
                    cur = []
                else:
                    depth += 1
                    cur.append(ch)
                j += 1
            elif ch == "”":
                if depth > 0:
                    depth -= 1
                    cur.append(ch)
                    j += 1
                    continue
                paras.append("".join(cur).strip())
                cur = []
                k = j + 1
                while k < n and raw[k] in " \t\n":
                    k += 1
                gap = raw[j + 1 : k]
                if k < n and raw[k] == "“" and "\n" in gap and paras[-1][-1:] in _SENT_END:
                    j = k + 1
                    continue
                j += 1
                closed = True
                break
            elif ch == "\n" and depth == 0:
                if j + 1 < n and raw[j + 1] == "“":
                    j += 1  # the “ at the line start opens the next paragraph
                else:
                    paras.append("".join(cur).strip())
                    cur = []
                    j += 1
            else:
                cur.append(ch)
                j += 1
        if not closed:
            raise InstructionError(f"unterminated quotation in: {raw}")
        out.append(f"\x02{len(groups)}\x03")
        # Quotation marks nested inside a quotation are printed ‘’; the text itself uses “”.
        groups.append([p.replace("‘", "“").replace("’", "”") for p in paras if p])
        i = j
    return "".join(out), groups


def _straight_quotes(raw: str) -> str:
    out, opening = [], True
    for c in raw:
        if c == '"':
            out.append("“" if opening else "”")
            opening = not opening
        else:
            out.append(c)
    return "".join(out)


def _fold(s: str) -> str:
    """Width-fold the instruction skeleton (not the quoted text) and drop spaces."""
    s = unicodedata.normalize("NFKC", s)
    return re.sub(r"[ \t\u3000\n]+", "", s)


# ---------------------------------------------------------------- references

_REF = L.CITATION
_SEP = re.compile(r"[、,和及与]|以及")
_RANGE = re.compile(r"至|到|-|—|~")
_VERB_AHEAD = re.compile(r"改为|修改为|合并|增加|调整为|移至|作为")


def _num(s: str | None) -> int | None:
    return None if s is None else cn_to_int(s)


class _Cursor:
    def __init__(self, s: str) -> None:
        self.s = s
        self.pos = 0

    def at_end(self) -> bool:
        return self.pos >= len(self.s)

    def skip(self) -> None:
        while self.pos < len(self.s) and self.s[self.pos] in ",;。.，；、\n:：":
            self.pos += 1

    def match(self, rx: str | re.Pattern[str]) -> re.Match[str] | None:
        p = re.compile(rx) if isinstance(rx, str) else rx
        m = p.match(self.s, self.pos)
        if m:
            self.pos = m.end()
        return m

    def peek(self, rx: str | re.Pattern[str]) -> re.Match[str] | None:
        p = re.compile(rx) if isinstance(rx, str) else rx
        return p.match(self.s, self.pos)

    def ref(self, *, orig: bool = True) -> Target | None:
        # 原第十二条: the base's numbering (not inside a list: 第二款第一项、原第七项修改为… starts a new clause)
        start = self.pos + 1 if orig and self.s.startswith("原第", self.pos) else self.pos
        m = _REF.match(self.s, start)
        if not m or m.end() == start:
            return None
        self.pos = m.end()
        return Target(**{k: _num(v) for k, v in m.groupdict().items()})

    def quote(self) -> int | None:
        m = _Q.match(self.s, self.pos)
        if not m:
            return None
        self.pos = m.end()
        return int(m.group(1))

    def ref_list(self, context: Target, *, commas: bool = True) -> list[Target]:
        """Targets such as 第六条第二款、第七条 / 第三十条第二款、第三款 / 第四十七条至第五十三条."""
        first = self.ref()
        if first is None:
            return []
        refs = [first.inherit(context)]
        while True:
            save = self.pos
            if self.match(_RANGE):
                end = self.ref()
                if end is None:
                    self.pos = save
                    break
                end = end.inherit(refs[-1])
                refs.extend(_expand_range(refs.pop(), end))
                continue
            sep = self.match(_SEP)
            if not sep or (sep.group(0) == "," and not commas):
                self.pos = save
                break
            nxt = self.ref(orig=False)
            if nxt is None or (sep.group(0) == "," and self.peek(_VERB_AHEAD)):
                self.pos = save
                break
            refs.append(nxt.inherit(refs[-1]))
        return refs


def _expand_range(a: Target, b: Target) -> list[Target]:
    level = a.level
    if level is None or level != b.level:
        raise InstructionError(f"range between different levels: {a.label()}至{b.label()}")
    lo, hi = getattr(a, level), getattr(b, level)
    if hi < lo:
        raise InstructionError(f"empty range: {a.label()}至{b.label()}")
    return [a.with_(**{level: k}) for k in range(lo, hi + 1)]


# ---------------------------------------------------------------- one instruction

_SCOPE_ALL = re.compile(
    r"(?:全文|本(?:办法|条例|规定|法|细则|规则|决定)(?:全文)?|各条|(?:相关|有关)(?:条款|条文|条|规定)"
    # 将条例中的“区、县”均修改为“区” · 将条款中涉及“甲”的表述统一修改为“乙” (Shanghai decisions)
    r"|(?:条例|办法|规定)(?=中)|条款中涉及)"
)
_IN = re.compile(r"中的|中|的")
_REPLACE_VERB = re.compile(r"(?:统一|均|分别)?(?:修改为|改为|替换为|修改成|更改为)")
_DELETE_VERB = re.compile(r"删去|删除")
_INSERT_KIND = re.compile(r"增加(?P<count>[一两二三四五六七八九十])(?P<unit>条|款|项|目|章|节|句)")


def parse_instruction(text: str, *, n: int | None = None, regulation: str | None = None) -> list[Operation]:
    """The operations of one instruction, in printed order.

    ``text`` is the instruction without its number (``将第十四条改为第十五条，第一款修改为：“…”``);
    line breaks between clauses are allowed. Relative targets (第二款) are completed
    from the article the instruction is about. Raises ``InstructionError`` (with the
    unparsed remainder) on a form the grammar does not know.
    """
    text = _quote_unquoted(text)
    subs = _sub_instructions(text)
    if subs is not None:
        # 对部分条文作以下修改：（一）…（二）… — each sub-instruction has its own article context.
        ops: list[Operation] = []
        for sub in subs:
            for op in parse_instruction(sub, n=n, regulation=regulation):
                k = len(ops) + 1
                ops.append(dataclasses.replace(op, id=f"{n}.{k}" if n is not None else str(k)))
        return ops
    skeleton, groups = _tokenize(text)
    folded = _SHORTHAND.sub(_expand_shorthand, _fold(skeleton))
    # 将《中华人民共和国X法》第十条修改为 (decisions amending several laws, one instruction each):
    # the instruction names its regulation itself.
    m = _EMBEDDED_TITLE.match(folded)
    if m:
        regulation = m.group(2)
        folded = (m.group(1) or "") + folded[m.end() :]
    else:
        # 将刑法第十七条修改为 · 在本法第三条后增加一条 (a 修正案 names its work without 《》, by its short
        # or full name): the work at hand when it is that work (or 本法); another work's name is kept.
        m = _BARE_WORK.match(folded)
        if m:
            name = m.group("name")
            if not name.startswith("本") and (regulation is None or not _names_work(name, regulation)):
                regulation = name
            folded = (m.group(1) or "") + folded[m.end() :]
    p = _Parser(folded, groups, n, regulation, text)
    return p.run()


# A line of an instruction that is itself a clause (not text it writes): 删去第二款、第三款。· 原第二十四条作为
# 第二款。· 第三项修改为：
_CLAUSE_LINE = re.compile(
    rf"^(?:将|把|删去|删除|在第|在原|在“|增加[一两二三四五六七八九十]|原第|其他修改"
    rf"|第{NUM}[章节条款项目][^，。“]*?(?:修改为|改为|作为|删去|删除|增加)"
    # 第三项、第四项、第五项中的“擅自”修改为“…”。 (a term clause of its own under an unquoted text)
    rf"|第{NUM}[章节条款项目](?:[、和及]第{NUM}[章节条款项目])*(?:中的|中)“)"
)


def _quote_unquoted(text: str) -> str:
    """Quote the text an instruction writes on the lines below it without quotation marks.

    Shanghai decisions print 1.将第五条第一款修改为： and the new paragraph(s) on the next lines,
    unquoted; each such line (up to the next line that is a clause of its own: 删去第二款。· 第三项
    修改为：) is put in “…” so that the instruction reads as the quoted form does. Lines of a
    quotation, and lines after a clause not ending in ：, are left alone.
    """
    lines = [ln for line in text.split("\n") for ln in _split_inline(line)]
    if len(lines) < 2:
        return "\n".join(lines)
    out: list[str] = []
    depth = 0  # open quotations at the start of the line
    expecting = False  # the clause above ends with ： and writes no quoted text
    for line in lines:
        stripped = line.strip()
        if depth == 0 and expecting and stripped and not stripped.startswith(("“", '"')):
            if _CLAUSE_LINE.match(_fold(stripped)) is None:
                out.append(f"“{stripped}”")
                continue
            expecting = False
        elif depth == 0 and stripped.startswith(("“", '"')):
            expecting = False
        out.append(line)
        depth = max(0, depth + line.count("“") - line.count("”"))
        if depth == 0 and stripped and not stripped.startswith(("“", '"')):
            # 对部分条文作以下修改：（一）在第一条中… — sub-instructions follow, not text.
            expecting = (
                stripped.endswith(("：", ":"))
                and not stripped.endswith(("”：", "”:"))
                and _COMPOUND_HEAD.match(_fold(stripped)) is None
            )
    return "\n".join(out)


# A clause and the text it writes on the same line, unquoted: 第二十三条增加一项，作为第一项： （一） 爆破、打井、
# 采石、取土； (上海 2021) — split at the colon, so the text is quoted as if printed on the line below.
_INLINE_TEXT = re.compile(
    rf"^(?P<clause>[^“”\n]*?(?:作为第{NUM}[条款项目]|修改为|改为))[：:][ \t\u3000]*(?P<text>[^“”\s\"][^\n]*)$"
)


def _split_inline(line: str) -> list[str]:
    m = _INLINE_TEXT.match(line.strip())
    if m is None or _CLAUSE_LINE.match(_fold(m.group("clause"))) is None:
        return [line]
    return [m.group("clause") + "：", " ".join(m.group("text").split())]


_COMPOUND_HEAD = re.compile(
    r"^(?:对|将)?(?:部分|下列|以下|有关|其他)?(?:条文|条款|规定|内容)(?:作|进行)(?:以下|如下|出以下|出如下)修改[:：]?$"
)
_SUB_START = re.compile(rf"^[（(]{L.SMALL_NUM}[)）]\s*(?=将|删|在|增|第|对|把)")


def _sub_instructions(text: str) -> list[str] | None:
    """The sub-instructions of ``对部分条文作以下修改：`` followed by （一）… lines, or None.

    Each sub-instruction is returned without its （一） label; lines that do not open a
    new sub-instruction (quoted paragraphs, PDF continuations) stay with the one above.
    """
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if len(lines) < 2 or not _COMPOUND_HEAD.match(_fold(lines[0])):
        return None
    subs: list[list[str]] = []
    for ln in lines[1:]:
        m = _SUB_START.match(ln)
        if m:
            subs.append([ln[m.end() :]])
        elif subs:
            subs[-1].append(ln)
        else:
            return None
    return ["\n".join(s) for s in subs] or None


_SHORTHAND = L.SHORTHAND_LIST


def _expand_shorthand(m: re.Match[str]) -> str:
    """第一、二款 -> 第一款、第二款 (the unit printed once for a list of numbers)."""
    nums = [m.group(1), *m.group(2).split("、")[1:]]
    return "、".join(f"第{n}{m.group(3)}" for n in nums)


_PART_TITLE = re.compile(r"^(?:将|删去|删除|在|把|对)?《([^》]+)》")
_BARE_WORK = re.compile(
    rf"^(将|删去|删除|在|把)?(?P<name>本(?:法|法典|条例|规定|办法|细则|规则)"
    rf"|(?:(?!第)[\u4e00-\u9fff]){{1,30}}?(?:法|法典|条例|规定|办法|细则|规则))(?:的)?(?=第{NUM}(?:编|章|节|条))"
)


def _names_work(name: str, work: str) -> bool:
    """Whether ``name`` (刑法, 中华人民共和国刑法) names ``work`` (中华人民共和国刑法): the same title, or
    its short form (the 中华人民共和国 prefix aside, ``title_key``)."""
    return same_title(name, work) or title_key(work).endswith(title_key(name))


_EMBEDDED_TITLE = re.compile(r"^(将|删去|删除|在|把)?《([^》]+)》(?:的)?(?=第|中的|\x02)")


class _Parser:
    def __init__(self, s: str, groups: list[list[str]], n: int | None, regulation: str | None, raw: str) -> None:
        self.c = _Cursor(s)
        self.groups = groups
        self.n = n
        self.regulation = regulation
        self.raw = raw
        self.ops: list[Operation] = []
        self.ctx = Target()  # the article (original numbering) this instruction is about
        self.ctx_new: Target | None = None  # its new number, after 将第X条改为第Y条
        self.cur: Target | None = None  # the last unit named, for a bare 修改为
        self.cur_new: Target | None = None
        self.term_refs: tuple[Target, ...] | None = None

    # -- helpers

    def _op(self, action: str, **kw: Any) -> None:
        k = len(self.ops) + 1
        self.ops.append(
            Operation(
                action,
                regulation=self.regulation,
                n=self.n,
                id=f"{self.n}.{k}" if self.n is not None else str(k),
                raw=self.raw,
                **kw,
            )
        )

    def _fail(self, why: str = "unknown instruction form") -> InstructionError:
        rest = _Q.sub(lambda m: "“" + "/".join(self.groups[int(m.group(1))])[:20] + "…”", self.c.s[self.c.pos :])
        return InstructionError(f"{why} at “{rest[:60]}” in: {self.raw.strip()}")

    def _text(self) -> tuple[str, ...]:
        q = self.c.quote()
        if q is None:
            raise self._fail("expected quoted text")
        return tuple(self.groups[q])

    def _term(self) -> str:
        q = self.c.quote()
        if q is None:
            raise self._fail("expected a quoted term")
        return "\n".join(self.groups[q])

    def _terms(self) -> list[str]:
        terms = [self._term()]
        while self.c.peek(r"[、,和及]\x02"):
            self.c.match(r"[、,和及]")
            terms.append(self._term())
        return terms

    def _new_of(self, t: Target) -> Target | None:
        """The new number of a relative target when its article was renumbered."""
        if self.ctx_new is None or t.article != self.ctx.article or t.chapter != self.ctx.chapter:
            return None
        return t.with_(chapter=self.ctx_new.chapter, article=self.ctx_new.article)

    def _set_context(self, t: Target, new: Target | None = None) -> None:
        if t.article is not None:
            art = Target(chapter=t.chapter, section=t.section, article=t.article)
            if art != self.ctx:
                self.ctx, self.ctx_new = art, None
            if new is not None and new.article is not None and t.level == "article":
                self.ctx_new = Target(chapter=new.chapter, section=new.section, article=new.article)
        elif t.level == "chapter":
            self.ctx, self.ctx_new = Target(chapter=t.chapter), None
        self.cur, self.cur_new = t, new if new is not None else self._new_of(t)

    # -- clauses

    def run(self) -> list[Operation]:
        c = self.c
        c.skip()
        c.match(r"其他修改:?")  # 十四、其他修改：删除第四条第二款；将…: a label before the clauses
        c.skip()
        if c.at_end():
            raise InstructionError(f"empty instruction: {self.raw.strip()}")
        while not c.at_end():
            c.match(r"相应地|相应的|同时|并且|另外|并(?=将|把|删|在|增)")
            start = c.pos
            for clause in (
                self._append_clause,
                self._term_clause,
                self._delete_clause,
                self._insert_clause,
                self._merge_clause,
                self._split_clause,
                self._chapter_merge_clause,
                self._group_clause,
                self._divide_clause,
                self._renumber_clause,
                self._replace_each_clause,
                self._replace_clause,
            ):
                c.pos = start
                if clause():
                    break
            else:
                c.pos = start
                raise self._fail()
            c.skip()
        return self.ops

    def _scope(self) -> tuple[Target, ...] | None:
        """REFLIST or 全文/本办法 before 中的; None when neither is there."""
        c = self.c
        save = c.pos
        refs = c.ref_list(self.ctx)
        if refs:
            if c.match(_IN) or c.peek(r"\x02"):
                return tuple(refs)
            c.pos = save
            return None
        if c.match(_SCOPE_ALL):
            c.match(_IN)
            return ()
        if c.match(r"其中的?"):
            return self._inherited_scope(prefer_unit=True)
        if c.match(r"该[条款项]中的?"):
            return self._inherited_scope()  # 将第十条中的“甲”修改为“乙”，删去该条中的“丙”: the unit just named
        return None

    def _term_clause(self) -> bool:
        """将第X条中的“A”修改为“B” · 删去第X条中的“A” · 在第X条中的“A”后增加“B” · “A”修改为“B”."""
        c = self.c
        if c.match(r"在"):
            scope = self._scope()
            if scope is None:
                if not c.peek(r"\x02"):
                    return False
                scope = self._inherited_scope()  # 将第十一条改为第十四条，在“A”后增加“B”
            if not c.peek(r"\x02"):
                return False
            old = self._term()
            m = c.match(r"(?:之?后面?|之?前面?)(?:增加|增写|加上|插入)")
            if not m:
                return False
            new = self._term()
            self._term_op("insert_term", scope, old, new_term=new, position="before" if "前" in m.group(0) else "after")
            return True
        if c.match(_DELETE_VERB):
            scope = self._scope()
            if scope is None:
                if not c.peek(r"\x02"):
                    return False
                scope = self._inherited_scope()
            for old in self._terms():
                self._term_op("delete_term", scope, old)
            self._more_places("delete_term")
            return True
        c.match(r"将|把")
        scope = self._scope()
        occ = c.match(rf"第({NUM})处")  # 将第十三条第一款中的第一处“甲”修改为“乙”
        inherited = scope is None
        if scope is None:
            if not c.peek(r"\x02"):
                return False
            scope = self._inherited_scope()
        if not c.peek(r"\x02"):
            return False
        olds = self._terms()
        if c.match(r"的表述") and inherited:
            scope = ()  # 将“区、县”的表述统一修改为“区”: the expression wherever it is printed
        if occ is not None:
            if len(olds) != 1 or not c.peek(_REPLACE_VERB):
                raise self._fail("an occurrence of several terms")
            c.match(_REPLACE_VERB)
            self._term_op("replace_term", scope, olds[0], new_term=self._term(), occurrence=cn_to_int(occ.group(1)))
            return True
        pairs = [(scope, olds)]
        while c.peek(r"[、,]第"):
            # 将第三十条中的“甲”、第四十条中的“乙”修改为“丙”: several places, one new term.
            save = c.pos
            c.match(r"[、,]")
            more = self._scope()
            if more is None or not more or not c.peek(r"\x02"):
                c.pos = save
                break
            pairs.append((more, self._terms()))
        if c.match(_DELETE_VERB):
            for sc, terms in pairs:
                for old in terms:
                    self._term_op("delete_term", sc, old)
            return True
        if len(pairs) > 1:
            c.match(r",(?=(?:统一|均)(?:修改为|改为))")  # …中的“甲”，第十七条…中的“乙”，统一修改为“丙”
        if not c.match(_REPLACE_VERB):
            return False
        new = self._term()
        for sc, terms in pairs:
            for old in terms:
                self._term_op("replace_term", sc, old, new_term=new)
        return True

    def _more_places(self, action: str) -> None:
        """、第三十三条第三款中的“乙”，第六十七条中的“丙” · 和第（二）项中的“丙”: more places for the
        verb just read (删去 …)."""
        c = self.c
        while c.peek(r"(?:[、,]|和)第"):
            save = c.pos
            c.match(r"[、,]|和")
            more = self._scope()
            if not more or not c.peek(r"\x02"):
                c.pos = save
                return
            terms = self._terms()
            if c.peek(_REPLACE_VERB) or c.peek(_DELETE_VERB) or c.peek(r"(?:之?后|之?前)"):
                c.pos = save  # a clause of its own (第十条中的“甲”修改为“乙”)
                return
            for old in terms:
                self._term_op(action, more, old)

    def _append_clause(self) -> bool:
        """在第X条第Y款最后增加“…” · 在第一款末尾增加“…” · 在第二十八条条文后增加“…”: text added at the end
        (or start) of a unit."""
        c = self.c
        if c.match(r"在"):
            refs = c.ref_list(self.ctx)
        elif c.peek(r"款尾(?:增加|增写|补充)"):
            refs = []  # 将第五条第一款中的“甲”修改为“乙”，款尾增加：“…”: the paragraph just named
        else:
            return False
        c.match(r"的|中")
        m = c.match(
            r"(?P<where>(?:条文)?(?:最后|末尾|结尾)|条文后|款尾|条尾|最前面|开头)(?:增加|增写|加上|补充)(?:一句|内容)?(?:为)?:?"
        )
        if not m or not c.peek(r"\x02"):
            return False
        new = self._term()
        scope = tuple(refs) if refs else self._inherited_scope()
        where = "start" if m.group("where") in ("最前面", "开头") else "end"
        self._term_op("insert_term", scope, None, new_term=new, position=where)
        return True

    def _inherited_scope(self, *, prefer_unit: bool = False) -> tuple[Target, ...]:
        """The units a term clause without its own article refers to (其中的 / a second “A”修改为“B”)."""
        if prefer_unit and self.cur is not None:
            return (self.cur,)
        if self.term_refs is not None:
            return self.term_refs
        if self.cur is not None:
            return (self.cur,)
        if not self.ctx.is_empty():
            return (self.ctx,)
        raise self._fail("a term without an article")

    def _term_op(self, action: str, scope: tuple[Target, ...], old: str | None, **kw: Any) -> None:
        self.term_refs = scope
        if scope and scope[-1].article is not None and self.cur != scope[-1]:
            # 将第十条第一款中的“A”修改为“B”，第二款中的“C”修改为“D”: 第二款 is of 第十条.
            keep_new = self.ctx_new if scope[-1].article == self.ctx.article else None
            self._set_context(scope[-1])
            if keep_new is not None:
                self.ctx_new = keep_new
        self._op(action, old_term=old, articles=scope, **kw)

    def _delete_clause(self) -> bool:
        """删去第X条 / 第X条第Y款 / 第X章 / 第A条、第B条 / 第A条至第B条 · 将第X条删去."""
        c = self.c
        if c.match(_DELETE_VERB):
            refs = c.ref_list(self.ctx)
            if not refs or c.peek(r"中|的|\x02"):
                return False
        elif c.match(r"将|把"):
            refs = c.ref_list(self.ctx)
            if not refs or not c.match(_DELETE_VERB):
                return False
        else:
            refs = c.ref_list(self.ctx)
            if not refs or not c.match(r"删去|删除|予以删除|予以删去"):
                return False
        for t in refs:
            if t.level == "chapter":
                self._op("delete_chapter", target=t)
            else:
                self._op("delete", target=t)
        self._set_context(refs[-1])
        return True

    def _insert_clause(self) -> bool:
        """增加一条，作为第X条 · 在第X条后增加一条 · 第X条增加一款，作为第Y款 · 在第X章后增加一章."""
        c = self.c
        after: Target | None = None
        container: Target | None = None
        if c.match(r"在"):
            after = c.ref()
            if after is None:
                return False
            after = after.inherit(self.ctx)
            if c.match(r"中|内") or c.peek(_INSERT_KIND):
                # 在第五条中增加一款: the article receives the unit; it is not placed after it.
                container, after = after, None
            elif not c.match(r"之?后面?|之?下"):
                return False
        else:
            container = c.ref()
            if container is not None:
                container = container.inherit(self.ctx)
                if c.match(r"之?后面?"):
                    after, container = container, None  # 第十三条后增加一条 (local decisions omit 在)
                else:
                    c.match(r"中")
        m = c.match(_INSERT_KIND)
        if not m:
            return False
        count = _COUNT[m.group("count")]
        unit = _UNIT_OF[m.group("unit")]
        if unit == "sentence":
            return self._insert_sentence(after, container, count)
        if unit == "section":
            return self._insert_section(after, container, count)
        news: list[Target | None] = []  # None: a new unit the decision gives no number
        if c.match(r",?(?:分别|依次)?作为(?:该条|本条|修改后的?)?"):
            news = list(c.ref_list(Target()))
            if not news:
                raise self._fail("expected the new unit's number")
        c.match(r"[,:]?(?:内容)?(?:如下|为|即)?[,:]?")
        text = self._text()
        base = after if after is not None else container
        if base is None:
            base = self.ctx if unit not in ("article", "chapter", "section") else Target()
        if unit == "article" and base.level not in (None, "article", "chapter", "section"):
            raise self._fail("an article inserted inside a paragraph")
        if not news:
            if after is None:
                raise self._fail("an insertion without its place")
            news = [None] * count
        if len(news) != count:
            raise self._fail(f"增加{count} units but {len(news)} numbers")
        texts = _distribute(text, count, unit, self)
        if unit not in ("article", "chapter", "section") and base.article is not None and base != self.ctx:
            self._set_context(Target(chapter=base.chapter, section=base.section, article=base.article))
        for k, (new, para) in enumerate(zip(news, texts, strict=True)):
            new_t = _as_new(new, unit, base, self) if new is not None else None
            anchor = after if (after is not None and k == 0) else None
            prev_spec = news[k - 1] if k > 0 else None
            follows_own = False
            if prev_spec is not None and new_t is not None:
                prev_new = _as_new(prev_spec, unit, base, self)
                # 增加二款，作为第二款、第三款: the second follows the first, which has no original number.
                follows_own = getattr(prev_new, unit) == getattr(new_t, unit) - 1
            if (
                anchor is None
                and new_t is not None
                and unit not in ("article", "chapter", "section")
                and not follows_own
            ):
                prev = getattr(new_t, unit) - 1
                # Inside an article the new unit follows the one printed before it: the unit this
                # instruction already numbered ``prev`` (第二款改为第三款 … 增加一款，作为第四款), else the
                # original unit of that number.
                moved = self._renumbered_to(new_t.with_(**{unit: prev}), unit)
                if moved is not None:
                    anchor = moved
                elif any(
                    o.action == "insert" and o.new_number is not None and o.new_number == new_t.with_(**{unit: prev})
                    for o in self.ops
                ):
                    anchor = None  # it follows a unit this instruction inserted: placed by its number
                else:
                    anchor = _container(base, unit).with_(**{unit: prev}) if prev > 0 else None
            self._op(
                "insert",
                target=_container(base, unit),
                new_number=new_t,
                insert_after=anchor,
                insert_unit=unit,
                text=para,
            )
        return True

    def _insert_sentence(self, after: Target | None, container: Target | None, count: int) -> bool:
        """在第五条第二款第一句后增加一句：“…” · 第二款增加一句，作为第二句：“…” (the text is the sentence)."""
        c = self.c
        new: Target | None = None
        if c.match(r",?作为"):
            new = c.ref()
        c.match(r"[,:]?(?:内容)?(?:如下|为|即)?[,:]?")
        text = self._text()
        if count != 1 or len(text) != 1:
            raise self._fail("several sentences added at once")
        unit = (after or container or self.cur or self.ctx).with_(sentence=None)
        if unit.article is None:
            raise self._fail("a sentence added without its article")
        self._op(
            "insert",
            target=unit,
            insert_unit="sentence",
            insert_after=after,
            new_number=unit.with_(sentence=new.sentence) if new is not None and new.sentence else None,
            text=text,
        )
        self._set_context(unit)
        return True

    def _insert_section(self, after: Target | None, container: Target | None, count: int) -> bool:
        """在第二章第一节后增加一节，作为第二节：“第二节　…”“第X条 …” — a section with its articles."""
        c = self.c
        new: Target | None = None
        if c.match(r",?作为"):
            new = c.ref()
        c.match(r"[,:]?(?:内容)?(?:如下|为|即)?[,:]?")
        text = self._text()
        while c.peek(r"\x02"):
            text = (*text, *self._text())
        place = after or container
        if count != 1 or place is None or place.chapter is None:
            raise self._fail("a 节 added without its chapter (在第X章第Y节后增加一节)")
        number = new.section if new is not None and new.section else ((place.section or 0) + 1 if after else None)
        self._op(
            "insert",
            target=Target(chapter=place.chapter),
            insert_unit="section",
            insert_after=after,
            new_number=Target(chapter=place.chapter, section=number) if number else None,
            text=text,
        )
        return True

    def _renumbered_to(self, new: Target, unit: str) -> Target | None:
        """The original unit this instruction gave the new number ``new`` (改为/修改为 with a new number)."""
        for o in reversed(self.ops):
            if o.action in ("renumber", "replace") and o.new_number == new and o.target.level == unit:
                return o.target
        return None

    def _merge_clause(self) -> bool:
        """第一款、第二款合并为一款，修改为：“…” · 将第A条、第B条合并为一条."""
        c = self.c
        c.match(r"将|把")
        refs = c.ref_list(self.ctx)
        if len(refs) < 2 or not c.match(r"合并为一(款|条|项)|合并"):
            return False
        new: Target | None = None
        if c.match(r",?作为"):
            new = c.ref()
        c.match(r",?(?:并)?(?:修改为)?:?")
        text = self._text() if c.peek(r"\x02") else ()
        levels = {t.level for t in refs}
        if len(levels) > 1 and new is not None and new.level == "article":
            # 将第十八条第二款、第二十条、第二十一条合并，作为第二十二条: the paragraphs leave their
            # articles; the articles become the new one.
            arts = [t for t in refs if t.level == "article"]
            if not arts:
                raise self._fail("a merge of paragraphs of several articles")
            for t in refs:
                if t.level != "article":
                    self._op("delete", target=t)
            if len(arts) == 1:
                self._op("renumber", target=arts[0], new_number=new)
                if text:
                    self._op("replace", target=arts[0], new_number=new, text=text)
            else:
                self._op("merge", target=arts[0], new_number=new, text=text, articles=tuple(arts))
            self._set_context(arts[0])
            return True
        level = refs[0].level
        first = refs[0]
        if level == "article":
            nums = tuple(t.article for t in refs if t.article is not None)
            self._op("merge", target=first, new_number=new, merge_paragraphs=(), text=text, articles=tuple(refs))
            del nums
        else:
            nums = tuple(getattr(t, level) for t in refs) if level else ()
            self._op("merge", target=first, new_number=self._new_of(first), merge_paragraphs=nums, text=text)
        self._set_context(first)
        return True

    def _split_clause(self) -> bool:
        """将第X条改为两条，作为第X条、第Y条：“…”."""
        c = self.c
        c.match(r"将|把")
        t = c.ref()
        m = c.match(r"(?:修改|改|拆分)为(?P<k>[两二三四])(?P<unit>条|款)") if t is not None else None
        if t is None or m is None:
            return False
        t = t.inherit(self.ctx)
        if m.group("unit") == "款":
            # 将第二十一条第一款改为两款，作为第一款、第二款：“…” — a division, not a split into articles.
            if c.match(r",?(?:分别)?作为"):
                c.ref_list(Target())
            c.match(r",?(?:并)?(?:修改为)?:?")
            self._op("replace", target=t, new_number=self._new_of(t), text=self._text())
            self._set_context(t)
            return True
        news: list[Target] = []
        if c.match(r",?(?:分别)?作为"):
            news = c.ref_list(Target())
        c.match(r",?(?:并)?(?:修改为)?:?")
        text = self._text() if c.peek(r"\x02") else ()
        self._op("split", target=t, new_numbers=tuple(news), text=text)
        self._set_context(t)
        return True

    def _group_clause(self) -> bool:
        """第二章“X”分为六节：第一节“A”，包括第七条至第九条；… · 第一章“总则”分为六条，包括第一条至第六条.

        The ranges are in the NEW numbering: the chapter (and each new section) holds those articles
        of the new version. One ``group`` operation per section (or one for the chapter).
        """
        c = self.c
        t = c.ref()
        if t is None or t.level != "chapter":
            return False
        heading: tuple[str, ...] = ()
        if c.peek(r"\x02"):
            heading = self._text()  # the chapter's heading as printed, a check
        m = c.match(r"(?:分为|分成|共)(?P<k>[一二两三四五六七八九十\d]+)(?P<unit>节|条)[,:]?")
        if m is None:
            return False
        if m.group("unit") == "条":
            c.match(r"包括")
            rng = self._range()
            self._op("group", target=t, text=heading, new_numbers=rng)
            return True
        want = cn_to_int(m.group("k")) if not m.group("k").isdigit() else int(m.group("k"))
        got = 0
        while True:
            sec = c.ref()
            if sec is None or sec.level != "section":
                break
            title = self._text() if c.peek(r"\x02") else ()
            c.match(r",?(?:包括|含)")
            rng = self._range()
            self._op("group", target=t.with_(section=sec.section), text=title, new_numbers=rng)
            got += 1
            if not c.match(r"[;,；，]"):
                break
        if got != want:
            raise self._fail(f"分为{m.group('k')}节 but {got} sections read")
        return True

    def _range(self) -> tuple[Target, Target]:
        """第七条至第九条 · 第四十九条和第五十条 (new numbering): the first and the last article."""
        refs = self.c.ref_list(Target())
        arts = [r.article for r in refs if r.article is not None and r.level == "article"]
        if not arts:
            raise self._fail("expected the articles a chapter or section holds (包括第X条至第Y条)")
        return (Target(article=min(arts)), Target(article=max(arts)))

    def _chapter_merge_clause(self) -> bool:
        """将第三章并入第二章: the chapter's articles join the other chapter; its heading goes."""
        c = self.c
        c.match(r"将|把")
        t = c.ref()
        if t is None or t.level != "chapter" or not c.match(r"并入|合并(?:到|至|入)"):
            return False
        into = c.ref()
        if into is None or into.level != "chapter":
            raise self._fail("a chapter merged into something other than a chapter")
        self._op("merge_chapter", target=t, new_number=into)
        self._set_context(t)
        return True

    def _divide_clause(self) -> bool:
        """[将第X条]分为两款，修改为：“…”“…” · 第一款第二项分为两项，修改为：“（二）…”“（三）…”.

        The unit (the one named, else the one the instruction is about) is rewritten as the
        quoted paragraphs/items; their number must be the one printed.
        """
        c = self.c
        c.match(r"将|把")
        t = c.ref()
        m = c.match(r"(?:分为|拆分为|分成)(?P<k>[两二三四五六七八九十])(?P<unit>款|项)")
        if not m:
            return False
        if t is not None:
            t = t.inherit(self.ctx)
            new = self._new_of(t)
        elif self.cur is not None:
            t, new = self.cur, self.cur_new
        else:
            raise self._fail("a division without its unit")
        want = _COUNT[m.group("k")]
        unit = "paragraph" if m.group("unit") == "款" else "item"
        if unit == "paragraph" and t.level not in ("article", "paragraph"):
            raise self._fail("paragraphs divided out of something other than an article or a paragraph")
        if unit == "item" and t.level != "item":
            raise self._fail("items divided out of something other than an item")
        if c.match(r",?(?:分别)?作为"):
            c.ref_list(Target())  # 作为第一款、第二款: the numbers the quoted paragraphs take, in order
        if not c.match(r",?(?:并)?(?:修改为|内容为):?") or not c.peek(r"\x02"):
            raise self._fail("a division without its text")
        text = self._text()
        while c.peek(r"\x02"):
            text = (*text, *self._text())  # “（二）…”“（三）…”: one quotation per new unit
        if len(text) < want or (unit == "item" and len(text) != want):
            raise self._fail(f"分为{m.group('k')}{m.group('unit')} but {len(text)} quoted paragraphs")
        self._op("replace", target=t, new_number=new, text=text)
        self._set_context(t, new)
        return True

    def _renumber_clause(self) -> bool:
        """将第X条改为第Y条[，修改为：“…”] · 第二款改为第一款 · 第一款、第二款改为第二款、第三款 · 将第X章改为第Y章."""
        c = self.c
        c.match(r"将|把")
        c.match(r"原")  # 原第六项修改为第二款第一项
        olds = c.ref_list(self.ctx, commas=False)
        # 将第八条第三款单列一条，作为第四十九条: a paragraph leaves its article for a new place.
        if not olds or not c.match(r"单列(?:为)?一条,?作为|(?:分别)?(?:修改为|改为|调整为|移作|作为)(?=第)"):
            return False
        c.match(r"修改后的?")  # 作为修改后的第三十七条第二款
        news = c.ref_list(Target(), commas=False)
        if len(olds) == 1 and len(news) > 1 and olds[0].level == "article" and all(n.level == "article" for n in news):
            # 将第三十条改为第三十三条、第三十四条、第三十五条，修改为：“第三十三条 …”: one article becomes several.
            c.match(r",?(?:并)?(?:修改为)?:?")
            text = self._text() if c.peek(r"\x02") else ()
            self._op("split", target=olds[0], new_numbers=tuple(news), text=text)
            self._set_context(olds[0])
            return True
        if not news or len(news) != len(olds):
            return False
        pairs = []
        for t, new in zip(olds, news, strict=True):
            new = _relative_new(new, t, self)
            self._op("renumber", target=t, new_number=new)
            pairs.append((t, new))
        self._set_context(*pairs[0])
        save = c.pos
        if c.match(r",?(?:并)?修改为:?") and c.peek(r"\x02"):
            text = self._text()
            if len(pairs) == 1:
                self._op("replace", target=pairs[0][0], new_number=pairs[0][1], text=text)
            elif len(text) == len(pairs):
                for (t, new), para in zip(pairs, text, strict=True):
                    self._op("replace", target=t, new_number=new, text=(para,))
            else:
                raise self._fail(f"{len(text)} quoted paragraphs for {len(pairs)} renumbered units")
        else:
            c.pos = save
        return True

    def _replace_each_clause(self) -> bool:
        """第四款第一项、第二项分别修改为：“（一）…”“（二）…”: one quoted paragraph per unit, in order."""
        c = self.c
        c.match(r"将|把")
        refs = c.ref_list(self.ctx)
        if len(refs) < 2 or not c.match(r"分别(?:修改|修订|改)为:?"):
            return False
        text = self._text()
        while c.peek(r"\x02"):
            text = (*text, *self._text())
        if len(text) != len(refs):
            raise self._fail(f"{len(refs)} units but {len(text)} quoted paragraphs")
        for t, para in zip(refs, text, strict=True):
            self._op("replace", target=t, new_number=self._new_of(t), text=(para,))
        self._set_context(refs[-1], self._new_of(refs[-1]))
        return True

    def _replace_clause(self) -> bool:
        """将第X条第Y款修改为：“…” · 第二款修改为 · 将第X章的章名修改为 · 修改为（the unit just named）."""
        c = self.c
        c.match(r"将|把")
        save = c.pos
        refs = c.ref_list(self.ctx, commas=False)
        if len(refs) > 1 and all(r.level == "paragraph" for r in refs) and c.match(r"(?:内容)?修改为:?"):
            # 第一款、第二款修改为：“…”“…”: one quoted paragraph per paragraph named, in order.
            text = self._text()
            if len(text) != len(refs):
                raise self._fail(f"{len(refs)} paragraphs but {len(text)} quoted paragraphs")
            for r, line in zip(refs, text, strict=True):
                self._op("replace", target=r, new_number=self._new_of(r), text=(line,))
            self._set_context(refs[-1], self._new_of(refs[-1]))
            return True
        c.pos = save
        t = c.ref()
        heading = False
        title = False
        lead = False
        if t is None:
            if self.cur is not None and self.cur.level in ("chapter", "section") and c.match(r"的?(?:章名|节名)"):
                heading = True  # 将第四章改为第五章，章名修改为“…”
            elif c.match(r"(?:本(?:办法|条例|规定|法|细则)的?)?(?:名称|标题|题目)"):
                title = True
            elif self.cur is None:
                return False
        else:
            t = t.inherit(self.ctx)
            if c.match(r"的?(?:章名|节名|标题|名称)"):
                heading = True
            elif t.level == "paragraph" and c.match(r"的?(?:第一自然段|第一段|开头部分|引导语|款首)"):
                lead = True
        if not c.match(r"(?:内容)?(?:修改|修订|改)为:?|修改如下:?"):
            return False
        text = self._text()
        if title:
            self._op("replace_title", text=text)
            return True
        if t is None:
            assert self.cur is not None
            t, new = self.cur, self.cur_new
        else:
            new = self._new_of(t)
        if heading:
            self._op("replace_heading", target=t, new_number=new, text=text)
        elif lead:
            self._op("replace", target=t, new_number=new, text=text, position="lead")
        else:
            self._op("replace", target=t, new_number=new, text=text)
        self._set_context(t, new)
        return True


def _relative_new(new: Target, t: Target, p: _Parser) -> Target:
    """Complete a new number printed relative to the unit it renumbers (第二款改为第一款)."""
    if new.level == t.level and new.article is None and t.article is not None:
        base = p.ctx_new if (p.ctx_new is not None and t.article == p.ctx.article) else t
        out = {k: getattr(t, k) for k in ("chapter", "section", "article", "paragraph", "item", "subitem")}
        out["chapter"], out["article"] = base.chapter, base.article
        level = new.level
        assert level is not None
        out[level] = getattr(new, level)
        for k in ("paragraph", "item", "subitem"):
            if getattr(new, k) is not None:
                out[k] = getattr(new, k)  # 原第六项修改为第二款第一项: the item moves to paragraph 2
        return Target(**out)
    return new


def _container(base: Target, unit: str) -> Target:
    """The unit that receives an inserted ``unit`` (the article for a 款, nothing for a 条)."""
    if unit in ("article", "chapter", "section"):
        return Target()
    if unit == "paragraph":
        return Target(chapter=base.chapter, article=base.article)
    if unit == "item":
        return Target(chapter=base.chapter, article=base.article, paragraph=base.paragraph)
    return Target(chapter=base.chapter, article=base.article, paragraph=base.paragraph, item=base.item)


def _as_new(new: Target, unit: str, base: Target, p: _Parser) -> Target:
    if unit in ("article", "chapter", "section"):
        return new
    if new.article is not None:
        return new
    container = _container(base, unit)
    art_new = p._new_of(container) or container
    return art_new.with_(**{unit: getattr(new, unit)})


_LABEL_ART = L.ARTICLE_OR_CHAPTER_START


def _distribute(text: tuple[str, ...], count: int, unit: str, p: _Parser) -> list[tuple[str, ...]]:
    """Split the quoted paragraphs of a multi-unit insertion between the new units."""
    if count == 1:
        if unit == "article" and text:
            m = _LABEL_ART.match(text[0])
            if m and m.group(2) == "条":
                text = (text[0][m.end() :].lstrip("　 "), *text[1:])
        return [text]
    if unit in ("article", "chapter"):
        starts = [i for i, t in enumerate(text) if _LABEL_ART.match(t)]
        if len(starts) == count and starts[0] == 0:
            bounds = [*starts, len(text)]
            parts = []
            for a, b in itertools.pairwise(bounds):
                m = _LABEL_ART.match(text[a])
                first = text[a][m.end() :].lstrip("　 ") if m and m.group(2) == "条" else text[a]
                parts.append((first, *text[a + 1 : b]))
            return parts
    if len(text) == count:
        return [(t,) for t in text]
    raise p._fail(f"cannot tell which of {len(text)} quoted paragraphs belong to which of {count} new units")
