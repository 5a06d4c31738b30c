"""The task ledger of a plan: one ``Task`` per unit clause (issue #7).

Plans (实施方案, 实施意见, 若干措施, 规划…) assign work item by item with a unit
clause such as ``（牵头单位：市生态环境局、市发展改革委；配合单位：市市场监管局；
责任单位：各县（市、区）人民政府、市属开发区管委会）``. This module finds every such
clause in a document text, splits it into lead / cooperating / responsible units,
records the outline position of the item it belongs to (``二、（一）1.``), the text the
clause covers (the sentences since the previous clause or the item heading), the
node id of the item and the quantitative targets in that text.

Recognised clause shapes (numbered as in ``_find_clauses``):

1. keyword clauses in brackets: ``（牵头单位：A、B；配合单位：C；责任单位：D）``, with
   the ``部门`` variants (牵头部门, 责任部门…), 【】 brackets, adjacent brackets merged
   (``（牵头单位：A）（责任单位：B）``), deadline fields kept (``完成时限：2025年底前``) and
   person fields (责任人, 牵头市领导) ignored;
2. verb clauses in brackets: ``（A牵头，B、C配合）``, ``（A、B按职责分工负责）``;
3. keyword paragraphs without brackets: ``牵头单位：A`` / ``责任单位：B`` on their own lines;
4. a keyword right after a full stop inside a paragraph: ``…推进实施。责任单位：A。``

A clause the printer closed one bracket too early (``各县（市、区））人民政府…）``, seen at
a page jump) is read whole. Outside tasks, ``extract_goals`` collects the dated targets a
plan sets in its other paragraphs (工作目标, 总体要求).

Guarantees: linear in the text length (every bracket scan is bounded); never raises on
arbitrary text; unit names never contain whitespace; brackets inside a unit name
(``各县（市、区）人民政府``) never split it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import Any

from gongbao import model
from gongbao.extract.targets import Target, extract_targets, find_deadline, table_rows
from gongbao.grammar import labels as L
from gongbao.grammar.brackets import PARENS, UNIT_BRACKETS, split_outside
from gongbao.grammar.outline import CIRCLED, item_label_before_digits
from gongbao.grammar.targets import GOAL_HEADING, GOAL_LABEL, GOAL_OPENER, PERIOD_END_PHRASE, PLAN_PERIOD
from gongbao.structure.citation import outline_label
from gongbao.structure.numerals import cn_to_int

__all__ = [
    "ROLES",
    "Goal",
    "Task",
    "extract_goals",
    "extract_goals_from_text",
    "extract_table_tasks",
    "extract_tasks",
    "extract_tasks_from_text",
    "split_units",
    "unread_task_tables",
    "unread_unit_clauses",
]

ROLES = ("lead", "cooperating", "responsible")

# Role keywords as printed (clause bodies are matched with whitespace removed): the genre's
# vocabulary, gongbao/grammar/data/roles.json.
_ROLE_WORDS: dict[str, str] = L.ROLE_WORDS
# Verb suffixes of shape 2, longest first.
_ROLE_VERBS: list[tuple[str, str]] = [
    ("按职责分工负责", "responsible"),
    ("具体落实", "responsible"),  # 各县区政府、…管委会具体落实 (开封 2025)
    ("具体实施", "responsible"),
    ("按职责分工落实", "responsible"),
    ("按职能分工负责", "responsible"),
    ("按职责负责", "responsible"),
    ("负责落实", "responsible"),
    ("具体负责", "responsible"),
    ("共同负责", "responsible"),
    ("组织实施", "responsible"),
    ("分工负责", "responsible"),
    ("分别牵头落实", "lead"),  # 市金融办、人民银行潍坊市中心支行分别牵头落实 (潍坊 2017)
    ("牵头落实", "lead"),
    ("分别牵头", "lead"),
    ("共同牵头", "lead"),
    ("牵头负责", "lead"),
    ("牵头", "lead"),
    ("配合", "cooperating"),
    ("参与", "cooperating"),
    ("协同", "cooperating"),
    ("负责", "responsible"),
    ("落实", "responsible"),
]

_OPEN = "（(【〔［"
_CLOSE = "）)】〕］"
_MAX_CLAUSE = 600  # characters a bracket may span before we give up on it

_ROLE_ALT = "|".join(sorted(_ROLE_WORDS, key=len, reverse=True))
# Deadline fields printed inside a clause (…；完成时限：2025年12月底前), and deadline columns of a
# task table (时间进度, 遂宁): one list for both.
_DUE_WORDS = (
    "完成时限",
    "完成时间",
    "完成期限",
    "时限要求",
    "时间要求",
    "时间节点",
    "时间安排",
    "进度安排",
    "时间进度",
    "时限",
)
_DUE_ALT = "|".join(_DUE_WORDS)
# Other fields a clause may carry; they end the unit list before them and are ignored.
_OTHER_WORDS = (
    "责任人", "联系人", "责任领导", "分管领导", "牵头领导", "牵头市领导", "牵头负责领导", "负责领导", "工作要求", "备注"
)  # fmt: skip
_OTHER_ALT = "|".join(sorted(_OTHER_WORDS, key=len, reverse=True))
_UNKNOWN_FIELD_RE = re.compile(r"[；;，,][\u4e00-\u9fff]{2,8}[：:]")
_ROLE_RE = re.compile(rf"({_ROLE_ALT}|{_DUE_ALT}|{_OTHER_ALT})\s*[：:]")
# 市财政局等 / 市财政局等部门 / 市财政局等有关单位 / 能源局等省有关部门: the unit is the one before 等.
_ETC_RE = re.compile(r"等(?:[省市县区](?:直|级|属)?)?(?:有关|相关|其他)?(?:部门|单位)?$")
# A verb phrase printed after the last unit of a keyword list (…人民政府按职责分工负责).
_UNIT_VERB_TAIL_RE = re.compile(
    r"(?<=[\u4e00-\u9fff）])(?:按职责分工负责|按职责分工落实|按职责负责|分工负责|负责落实|具体负责|共同负责|负责|落实|牵头)$"
)
_DUE_START_RE = re.compile(rf"[ \t\u3000]*(?:{_DUE_ALT})\s*[：:]")  # used with .match(text, pos)
_ROLE_START_RE = re.compile(rf"[ \t\u3000]*({_ROLE_ALT})\s*[：:]")  # used with .match(text, pos)
_OTHER_START_RE = re.compile(rf"[ \t\u3000]*(?:{_OTHER_ALT})\s*[：:]")  # used with .match(text, pos)
# Shape 7: a division-of-work paragraph (部门分工：省发展改革委牵头，各地、各部门配合。).
_DIVISION_START_RE = re.compile(rf"[ \t\u3000]*{L.DIVISION_WORD}\s*[：:]")  # used with .match(text, pos)
# A unit name ends like an organisation; used to accept verb clauses and stray closers.
_UNIT_END_RE = re.compile(
    r"(局|委|办|办公室|府|政府|会|管委会|院|部|厅|室|处|中心|集团|公司|段|行|分行|队|所|站|署|馆|社|联|团|"
    r"委员会|单位|部门|机构|企业|学校|大学|银行|协会|商会|总工会|妇联|团市委|市委|区|县|市|街道|乡镇|（市、区）|\(市、区\)|"
    # working bodies set up for a task (全区经济运行各专班, 立山 2023; …工作组, …指挥部); 滁州海关 (滁州 2020)
    r"专班|工作组|指挥部|领导小组|海关|电视台|"
    # a body with the name it also bears in brackets: 市委宣传部（市新闻出版局）
    r"(?:部|局|委|办)（[^（）]{1,12}(?:局|委|办|厅|署)）|"
    # a body with the one standing beside it in brackets: 各县、区人民政府（管委会）
    r"(?:府|局|委|办|会|院)（(?:管委会|开发区|园区|管委|新区)）)$"
)
_WS_RE = re.compile(r"\s+")

# Outline headings at the start of a paragraph: level, regex (gongbao.grammar.labels).
_HEADING_RES: list[tuple[int, re.Pattern[str]]] = L.PLAN_OUTLINE


@dataclass(frozen=True, slots=True)
class Task:
    """One unit clause of a plan and the work it assigns.

    ``position`` is the outline path as printed in canonical form (``二、（一）1.``);
    ``eid`` the node id of the item (from the body tree when given, else derived from
    the outline path per the eId scheme: ``lvl_2__lvl_1__lvl_1``); ``text`` the
    sentences the clause covers; ``clause`` the clause itself with whitespace removed;
    ``start``/``end`` its offsets in the document text. Unit tuples keep print order.
    """

    doc_number: str | None
    index: int
    position: str
    eid: str
    heading: str | None
    text: str
    lead: tuple[str, ...] = ()
    cooperating: tuple[str, ...] = ()
    responsible: tuple[str, ...] = ()
    clause: str = ""
    start: int = 0
    end: int = 0
    doc_title: str | None = None
    targets: tuple[Target, ...] = field(default=())
    due: str | None = None  # a deadline printed in the clause (完成时限：2025年12月底前)
    text_start: int = 0  # offset of the covered text in the document text
    note: str | None = None  # a note printed with the units (（…列第一位为牵头或汇总单位，下同）)
    year: int | None = None  # the plan's year, for a deadline printed without one (6月底完成)

    def units(self, role: str | None = None) -> tuple[str, ...]:
        """The units of one role (``lead``, ``cooperating``, ``responsible``) or of all roles."""
        if role is None:
            return self.lead + self.cooperating + self.responsible
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}")
        return getattr(self, role)

    @property
    def deadline(self):
        """The clause's own deadline (完成时限), else the earliest dated deadline among the
        task's targets or in its text, else None."""
        if self.due:
            d, _ = find_deadline(self.due if self.due.startswith(("到", "至")) else f"到{self.due}")
            if d:
                return d
            if self.year and _YEARLESS_DUE_RE.match(self.due):
                # 6月底完成 in a plan for 2020: the end of June 2020
                d, _ = find_deadline(f"到{self.year}年{self.due.lstrip('到至在')}")
                if d:
                    return d
        dates = [t.deadline for t in self.targets if t.deadline]
        if dates:
            return min(dates)
        d, _ = find_deadline(self.text)
        return d

    def to_json(self) -> dict[str, Any]:
        d = self.deadline
        return {
            "doc_number": self.doc_number,
            "index": self.index,
            "position": self.position,
            "eid": self.eid,
            "heading": self.heading,
            "text": self.text,
            "lead": list(self.lead),
            "cooperating": list(self.cooperating),
            "responsible": list(self.responsible),
            "clause": self.clause,
            "doc_title": self.doc_title,
            "deadline": d.isoformat() if d else None,
            "due": self.due,
            "note": self.note,
            "targets": [t.to_json() for t in self.targets],
        }

    def to_record(self) -> dict[str, Any]:
        """Every field, JSON-safe, for the store; ``Task.from_record`` gives an equal task back."""
        out: dict[str, Any] = {f: getattr(self, f) for f in _TASK_SCALARS}
        for role in ROLES:
            out[role] = list(getattr(self, role))
        out["targets"] = [t.to_record() for t in self.targets]
        return out

    @classmethod
    def from_record(cls, r: dict[str, Any]) -> Task:
        fields: dict[str, Any] = {f: r.get(f) for f in _TASK_SCALARS}
        fields.update({role: tuple(r[role]) for role in ROLES})
        return cls(**fields, targets=tuple(Target.from_record(t) for t in r["targets"]))


_TASK_SCALARS = (
    "doc_number", "index", "position", "eid", "heading", "text", "clause",
    "start", "end", "doc_title", "due", "text_start", "note", "year",
)  # fmt: skip
#: a deadline printed as a month without its year (6月底完成, 9月底前)
_YEARLESS_DUE_RE = re.compile(r"[到至在]?\d{1,2}月")
#: the year a plan is for, printed in its title (湘西自治州2020年深化…工作计划)
_TITLE_YEAR_RE = re.compile(r"((?:19|20)\d\d)\s*年")


# ---------------------------------------------------------------- unit lists


# The first level of a collective split by 、 (各区、县（市）人民政府, 各市、县（市、区）人民政府).
_BARE_LEVELS_RE = re.compile(r"^各(?:[市县区州盟乡镇]|县区|区县|乡镇|街道)$")
# …and the level that follows it, printed with the body the two share: 县（市）人民政府,
# 市人民政府. 各街道、区直各部门 (立山 2023) is two units: 区直各部门 is no such level.
_SHARED_LEVEL_RE = re.compile(
    r"(?:[市县区州盟旗]|乡镇|街道|县级市)(?:（[^（）]{1,6}）)?(?:人民政府|政府|办事处|管委会)?(?:（[^（）]{1,8}）)?[、，,；;]?"
)  # fullmatched on the piece: 各区、县级市 (广州 2012) is one collective too
# a level alone between them: 各县、市、区政府 (滁州 2020)
_BARE_LEVEL_PIECE_RE = re.compile(r"(?:[市县区州盟旗]|乡镇|街道)(?:（[^（）]{1,6}）)?、")


def _collective_goes_on(pieces: list[str], j: int) -> bool:
    """Do ``pieces[j:]`` go on with levels alone and close with a level and its body?"""
    while j < len(pieces) and _BARE_LEVEL_PIECE_RE.fullmatch(pieces[j]):
        j += 1
    return j < len(pieces) and bool(_SHARED_LEVEL_RE.fullmatch(pieces[j]))


def split_units(s: str) -> tuple[str, ...]:
    """Split a printed unit list on 、，,；; outside brackets.

    Takes the text after a role keyword (``市发展改革委、市科技局，各县（市、区）人民政府``)
    and returns the unit names in order, whitespace removed, brackets unified to full
    width, a trailing 等 (等有关部门, 等省有关部门) dropped, empty names skipped. Brackets are
    never separators.
    """
    s = _WS_RE.sub("", s).replace("(", "（").replace(")", "）")
    out: list[str] = []
    seps: list[str] = []  # the separator printed before each name ("" for the first)
    cur = ""
    sep = ""
    pieces = split_outside(s, "、，,；;", brackets=UNIT_BRACKETS, keep=True)
    joining = False
    for k, piece in enumerate(pieces[:-1]):
        cur += piece[:-1]
        if piece[-1] == "、" and (joining or _BARE_LEVELS_RE.match(cur)) and _collective_goes_on(pieces, k + 1):
            # 各区、县（市）人民政府 / 各区、市人民政府 / 各县、市、区政府: one collective name.
            cur += "、"
            joining = True
            continue
        joining = False
        out.append(cur)
        seps.append(sep)
        sep = piece[-1]
        cur = ""
    out.append(cur + pieces[-1])
    seps.append(sep)
    names: list[str] = []
    before: list[str] = []
    for n, b in zip(out, seps, strict=True):
        n = n.strip("：:。.")
        # 能源局等省有关部门和各地级以上市人民政府 (粤府办〔2023〕5号): 能源局, then 各地级以上市人民政府.
        for k, part in enumerate(_split_conjunction(n)):
            m = _ETC_RE.search(part)
            if m and m.start() >= 2:
                part = part[: m.start()]
            names.append(part)
            before.append(b if k == 0 else "和")
    return tuple(x for x in _share_body(names, before) if x)


# 川汇区、商水县、项城市、沈丘县人民政府 (周口 2013): places listed with 、 share the body printed
# after the last one — each is that place's 人民政府
_PLACE_ONLY_RE = re.compile(r"^[\u4e00-\u9fff]{1,5}(?:区|县|市|旗)$")
_PLACE_BODY_RE = re.compile(r"^(?P<place>[\u4e00-\u9fff]{1,5}(?:区|县|市|旗))(?P<body>人民政府|政府|管委会)$")


# 市住建局、资源规划局、大数据局 (新密 2021), 省发展改革委、交通运输厅、水利厅、住房城乡建设厅
# (粤府办〔2023〕5号): departments listed after one with its level share it
_LEVELLED_DEPT_RE = re.compile(r"^(?P<level>市|县|区|省)[\u4e00-\u9fff]{1,12}(?:局|委|办|厅|办公室|委员会)$")
# a department's short name: no place in it (聊城金融监管分局, 聊城市税务局 keep their names), no
# township or street office (长安街道办)
_BARE_DEPT_RE = re.compile(r"^(?!.*(?:分局|支局|街道|乡镇))[\u4e00-\u9fff][^市县省州区]{0,7}(?:局|委|办|厅)$")
_LEVEL_START = ("市", "县", "区", "省", "各", "国", "中", "自治")


def _share_body(names: list[str], before: list[str]) -> list[str]:
    """Give a run of bare place names joined by 、 the body of the named unit that closes it,
    and departments printed without a level after one printed with it (市住建局、资源规划局)
    that level. ``before[k]`` is the separator printed before ``names[k]``."""
    if len(names) < 2:
        return names
    out = list(names)
    for k in range(1, len(out)):
        prev = _LEVELLED_DEPT_RE.match(out[k - 1])
        if prev and before[k] == "、" and _BARE_DEPT_RE.match(out[k]) and not out[k].startswith(_LEVEL_START):
            out[k] = prev.group("level") + out[k]
    k = 0
    while k < len(out):
        j = k
        while j + 1 < len(out) and _PLACE_ONLY_RE.match(out[j]) and before[j + 1] == "、":
            j += 1
        m = _PLACE_BODY_RE.match(out[j]) if k < j < len(out) else None
        if m:
            for x in range(k, j):
                out[x] += m.group("body")
        k = j + 1
    return out


# 和/及/与 join two units only when the left side already ends like a unit: 市卫生健康委和
# 市医保局 is two units, 市文化和旅游局 / 市工业和信息化局 are one.
_CONJ_LEFT_RE = re.compile(r"(局|委|办|办公室|政府|管委会|中心|部门|单位|公司|集团|分行|院|厅|会|段|所|署)$")


def _split_conjunction(name: str) -> list[str]:
    for k, ch in enumerate(name):
        if ch in "和及与" and k >= 3 and len(name) - k - 1 >= 3:
            left, right = name[:k], name[k + 1 :]
            if _CONJ_LEFT_RE.search(left) and _UNIT_END_RE.search(right):
                return [left, *_split_conjunction(right)]
    return [name]


_ANNOTATED_RE = re.compile(r"^(.+?)（(牵头|配合|协办|参与|负责)(?:单位|部门)?）$")


def _add_unit(roles: dict[str, list[str]], role: str, unit: str) -> None:
    """Add ``unit`` to ``role``; a unit annotated in print (市发展改革委（牵头）) goes to that role."""
    m = _ANNOTATED_RE.match(unit)
    if m:
        unit = m.group(1)
        role = {"牵头": "lead", "负责": "responsible"}.get(m.group(2), "cooperating")
    if unit not in roles[role]:
        roles[role].append(unit)


# A bracketed note after a unit list, no part of a unit's name: it holds a sentence mark or
# the words of a rule (…市卫生健康委(除标注“分别牵头”外,列第一位为牵头或汇总单位,下同)).
_NOTE_RE = re.compile(r"[（(]([^（）()]{0,120}?(?:[，,。；;：:]|下同|除标注|为牵头|汇总单位)[^（）()]{0,120})[）)]")


def _split_notes(value: str) -> tuple[str, list[str]]:
    """``value`` without its bracketed notes (see ``_NOTE_RE``), and the notes."""
    notes = [m.group(1) for m in _NOTE_RE.finditer(value)]
    return (_NOTE_RE.sub("", value), notes) if notes else (value, [])


def _parse_keyword_clause(body: str) -> dict[str, list[str]] | None:
    """Shape 1/3: ``牵头单位：A、B；配合单位：C`` -> roles. None when no keyword is found.

    A bracketed note printed after the units (``(除标注…外,列第一位为牵头或汇总单位,下同)``) is
    kept under ``note``, not read as part of the last unit."""
    squeezed = _WS_RE.sub("", body)
    marks = list(_ROLE_RE.finditer(squeezed))
    if not marks or marks[0].start() > 1:
        return None
    roles: dict[str, list[str]] = {r: [] for r in (*ROLES, "due", "note", "below")}
    # A note after the units, past a full stop (…园区管委会。以下政策措施均需…落实，不再单独列出,
    # 淮安 2022): no unit list; a rule in it for the items below is kept under "below".
    squeezed, tail = _note_after_stop(squeezed)
    if tail:
        _read_note(tail, roles)
        marks = [m for m in marks if m.start() < len(squeezed)]
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(squeezed)
        value = squeezed[m.end() : end]
        # A field this module does not know (督导单位：…, 联络人：…) ends the value before it.
        value = _UNKNOWN_FIELD_RE.split(value, maxsplit=1)[0]
        if m.group(1) in _DUE_WORDS:
            roles["due"].append(value.strip("；;，,。"))
            continue
        if m.group(1) in _OTHER_WORDS:
            continue
        value, notes = _split_notes(value)
        roles["note"].extend(notes)
        keyword_role = _ROLE_WORDS[m.group(1)]
        for segment in _top_level_segments(value):
            # …，各县市人民政府，6月底完成 (湘西 2020): the deadline closing the units, no keyword
            if L.DEADLINE_SEGMENT.fullmatch(segment):
                roles["due"].append(segment)
                continue
            # 责任单位：市商务局牵头，市财政局、市自然资源局配合 — a lead or cooperating
            # verb after a segment gives its units that role; other verbs (负责, 落实)
            # keep the keyword's role.
            role = keyword_role
            each_leads = False
            verb = _SEGMENT_ROLE_VERB_RE.search(segment)
            if verb and len(segment) - len(verb.group(0)) >= 3:
                role = "lead" if "牵头" in verb.group(0) else "cooperating"
                # 责任单位：A、B分别牵头 — each leads and stays responsible as listed.
                each_leads = verb.group(0).startswith("分别") and keyword_role == "responsible"
                segment = segment[: verb.start()]
            for u in split_units(segment):
                u = _UNIT_VERB_TAIL_RE.sub("", u) if len(u) > 4 else u
                if u:
                    _add_unit(roles, role, u)
                    if each_leads:
                        _add_unit(roles, "responsible", u)
    _take_rule_here(roles)
    if not any(roles[r] for r in ROLES):
        return None
    return roles


# A lead or cooperating verb ending one segment of a keyword's value (…市商务局牵头).
_SEGMENT_ROLE_VERB_RE = re.compile(
    r"(?<=[\u4e00-\u9fff）])(?:分别牵头|共同牵头|牵头负责|牵头|配合|协同|协助|协办|参与)(?:落实|实施)?$"
)


def _top_level_segments(value: str) -> list[str]:
    """``value`` split on ，,；; outside brackets (、 stays inside a segment)."""
    return [x for x in split_outside(value, "，,；;", brackets=UNIT_BRACKETS) if x]


#: how a note after a clause's units opens (…负责落实。以下各项工作均需…，不再列出。)
_NOTE_START = re.compile(r"以下|下同|此后|其余|其他|各项")
#: …or how it closes, whatever its opening (…按职责分工负责。具体任务均涉及相关市（州）人民政府，不再做分工，
#: 下同。, 四川 2022): a sentence ending in 下同 or 不再列出 / 不再做分工 before the bracket's close
_NOTE_TAIL = re.compile(
    r"[^。\n]{0,80}?(?:下同|不再(?:单独|一一|重复|逐一|另行|做|作)?(?:列出|列明|标注|注明|分工|分解))"
    r"[^。\n（）()〔〕【】]{0,10}。?[）)〕】]"
)
#: a rule in such a note naming units for every item below it, printed once: 以下各项工作均需各县、
#: 区人民政府（管委会）落实，不再列出 (潮州 2019) / 以下政策措施均需各县区人民政府、园区管委会落实，不再单独列出
#: (淮安 2022).
_BELOW_RULE_RE = re.compile(
    r"^(?:以下|此后|下同)[^。，,]{0,12}?(?:均|都|皆|一律)(?:需|须|由|要|需要)?(?P<units>[^。]{2,80}?)"
    r"(?:负责)?(?:落实|实施|执行)[，,]?不再(?:单独|一一|重复|逐一|另行)?(?:列出|列明|标注|注明)"
)


def _note_after_stop(squeezed: str) -> tuple[str, str]:
    """``squeezed`` cut at a full stop that opens a note (``_NOTE_START``), and the note."""
    stop = squeezed.find("。")
    if 0 < stop < len(squeezed) - 1 and (
        _NOTE_START.match(squeezed, stop + 1) or _NOTE_TAIL.match(squeezed + "）", stop + 1)
    ):
        return squeezed[:stop], squeezed[stop + 1 :].strip("。")
    return squeezed, ""


#: a rule naming units every task involves, this one and those below, though no clause lists them:
#: 具体任务均涉及相关市（州）人民政府，不再做分工，下同 (四川 2022)
_INVOLVES_RULE_RE = re.compile(
    r"^(?:具体|各项|以上|上述|所有)?(?:任务|工作|措施)?(?:均|都|皆)(?:涉及|需|须|由)(?P<units>[^。，,]{2,40}?)"
    r"(?:负责|落实|参与|实施)?[，,]?不再(?:做|作|单独|另行)?(?:分工|分解|列出)[，,]?下同"
)


def _read_note(note: str, roles: dict[str, list[str]]) -> None:
    """Keep ``note`` under ``note``, and the units of a rule for the items below it (see
    ``_BELOW_RULE_RE``) under ``below``; the units of a rule for this item too (``_INVOLVES_RULE_RE``)
    are also responsible here."""
    roles["note"].append(note)
    m = _BELOW_RULE_RE.match(note)
    here = False
    if m is None:
        m = _INVOLVES_RULE_RE.match(note)
        here = m is not None
    if m:
        units = split_units(m.group("units"))
        if units and all(_is_unit(u) for u in units):
            roles["below"].extend(u for u in units if u not in roles["below"])
            if here:  # taken after the clause's own units (_take_rule_here)
                roles.setdefault("here", []).extend(units)


def _take_rule_here(roles: dict[str, list[str]]) -> None:
    """The units a note's rule names for this task too, responsible after the listed ones."""
    for u in roles.pop("here", []):
        if u not in roles["responsible"] and not any(u in roles[r] for r in ("lead", "cooperating")):
            roles["responsible"].append(u)


#: places taken together, a unit of a verb clause though no organisation ending (各地、各部门配合)
_PLACES_TOGETHER = frozenset({"各地", "各地区", "各地市", "各市县", "各市、县"})


#: words of a sentence, never of a unit's name (责任单位：要切实履行职责)
_PROSE_RE = re.compile(r"[要应须将把对是的了]|负责|加强|确保|做好|推进")


def _names_only(names: list[str]) -> bool:
    """A keyword line's values are unit names: each short and free of sentence words, and one
    at least ends like an organisation (see ``_UNIT_END_RE``)."""
    return (
        bool(names)
        and all(len(u) <= 20 and not _PROSE_RE.search(u) for u in names)
        and any(_UNIT_END_RE.search(u) for u in names)
    )


def _is_unit(name: str) -> bool:
    return bool(_UNIT_END_RE.search(name)) or name in _PLACES_TOGETHER


def _parse_verb_clause(body: str) -> dict[str, list[str]] | None:
    """Shape 2: ``A、B牵头，C配合`` -> roles, or None unless every segment is units+verb."""
    squeezed = _WS_RE.sub("", body).replace("(", "（").replace(")", "）")
    # A deadline field closing the clause (…按职责分工负责；完成时限：2025年底前).
    due_m = re.search(rf"[；;，,]({_DUE_ALT})[：:](.+)$", squeezed)
    due = due_m.group(2).strip("；;，,。") if due_m else None
    if due_m:
        squeezed = squeezed[: due_m.start()]
    # a note after the units (…负责落实。以下各项工作均需…落实，不再列出。, 潮州 2019) is no unit list
    squeezed, tail = _note_after_stop(squeezed)
    squeezed = squeezed.rstrip("。")
    if not squeezed or "。" in squeezed or len(squeezed) > 200:
        return None
    segments = split_outside(squeezed, "，,；;", brackets=PARENS)
    roles: dict[str, list[str]] = {r: [] for r in (*ROLES, "due", "note", "below")}
    if tail:
        _read_note(tail, roles)
    # A segment without a verb takes the verb of the next one:
    # （A牵头，B、C，各区政府按职责分工负责） -> B, C and 各区政府 responsible.
    pending: list[str] = []
    dues: list[str] = []
    for seg in segments:
        if not seg:
            return None
        if L.DEADLINE_SEGMENT.fullmatch(seg):
            # （A牵头，B配合，2025年6月底前完成） / （A负责，持续推进）: the deadline, no unit
            dues.append(seg)
            continue
        hit = next(((v, r) for v, r in _ROLE_VERBS if seg.endswith(v)), None)
        if hit is None:
            units = split_units(seg.removeprefix("由"))
            if not units or not all(_is_unit(u) for u in units):
                return None
            pending.extend(units)
            continue
        verb, role = hit
        units = split_units(seg[: -len(verb)].removeprefix("由"))
        if not units or not all(_is_unit(u) for u in units):
            return None
        for u in (*pending, *units):
            if u not in roles[role]:
                roles[role].append(u)
        pending = []
    if pending or not any(roles[r] for r in ROLES):
        return None
    _take_rule_here(roles)
    roles["due"].extend(dues)
    if due:
        roles["due"].append(due)
    return roles


# Shape 5: a bare list of units after a full stop (…推进实施。（市商务局、市财政局，各区县政府）).
# Every name must look like an organisation: a level or collective prefix and a strict
# organisation ending, so （以下简称…）, （含县城） or （PM2.5） are never read as units.
_BARE_UNIT_RE = re.compile(
    r"^(?:市|区|县|省|州|盟|国家|自治区|各|中国|国网|共青团|团市委|人民银行)[^（）]{0,24}(?:（[^（）]{1,8}）[^（）]{0,12})?"
    r"(?:局|委|办|办公室|人民政府|政府|管委会|管委|厅|院|中心|公司|集团|分行|银行|联|总工会|联合会|社|署)$"
)


def _parse_bare_list(body: str) -> dict[str, list[str]] | None:
    """Shape 5: ``市商务局、市财政局，各区县政府`` -> all responsible, or None unless every
    name is an organisation name (see ``_BARE_UNIT_RE``)."""
    squeezed = _WS_RE.sub("", body).replace("(", "（").replace(")", "）")
    if not squeezed or len(squeezed) > 200 or re.search(r"[。：:]|简称|以下|含", squeezed):
        return None
    units = split_units(squeezed)
    if not units or not all(_BARE_UNIT_RE.match(u) for u in units):
        return None
    roles: dict[str, list[str]] = {r: [] for r in (*ROLES, "due")}
    for u in units:
        if u not in roles["responsible"]:
            roles["responsible"].append(u)
    return roles


# ---------------------------------------------------------------- scanning


@dataclass(slots=True)
class _Clause:
    start: int
    end: int
    roles: dict[str, list[str]]


def _match_close(text: str, i: int) -> int | None:
    """Index just past the bracket closing the one opened at ``i``, or None.

    Gives up after ``_MAX_CLAUSE`` characters or at a full stop at depth 1, so an
    unbalanced bracket costs bounded work.
    """
    depth = 0
    n = len(text)
    for j in range(i, min(n, i + _MAX_CLAUSE)):
        ch = text[j]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth -= 1
            if depth == 0:
                return j + 1
        elif ch == "。" and depth == 1:
            # a clause may close with a note after its units (…负责落实。以下各项工作均需…，不再列出。〕)
            if not (
                _NOTE_START.match(text, j + 1) or _NOTE_TAIL.match(text, j + 1) or text[j + 1 : j + 2] in tuple(_CLOSE)
            ):
                return None
    return None


def _stray_continuation(text: str, end: int, roles: dict[str, list[str]]) -> int:
    """Extend a clause closed one bracket too early.

    Printed text sometimes doubles a closing bracket inside a unit name
    (``各县（市、区））人民政府、市属开发区管委会）``, often at a page jump). When the
    clause's last unit is an unfinished collective name and the text right after the
    close is a short unit list ending with a bracket, that list belongs to the clause.
    Returns the new end (or ``end`` unchanged) and completes ``roles`` in place.
    """
    last_role = next((r for r in reversed(ROLES) if roles[r]), None)
    if last_role is None:
        return end
    last = roles[last_role][-1]
    if not re.search(r"（[^（）]*）$", last):
        return end
    j = end
    while j < len(text) and text[j] in " \t\n\u3000":
        j += 1
    m = re.compile(r"[^（）()。，,；;：:\n]{1,60}?[）)]").match(text, j)
    if not m:
        return end
    extra = split_units(m.group(0)[:-1])
    if not extra or not all(_UNIT_END_RE.search(u) for u in extra):
        return end
    roles[last_role][-1] = last + extra[0]
    for u in extra[1:]:
        if u not in roles[last_role]:
            roles[last_role].append(u)
    return m.end()


def _merge_or_add(out: list[_Clause], text: str, start: int, end: int, roles: dict[str, list[str]]) -> None:
    """Append a clause, or merge it into the previous one when only whitespace separates
    them (（牵头单位：A）（责任单位：B）, or 牵头单位/责任单位 on consecutive lines)."""
    prev = out[-1] if out else None
    if prev and not text[prev.end : start].strip():
        for r in (*ROLES, "due", "note", "below"):
            prev.roles.setdefault(r, [])
            prev.roles[r].extend(u for u in roles.get(r, []) if u not in prev.roles[r])
        prev.end = end
    else:
        out.append(_Clause(start, end, roles))


def _due_only(body: str) -> str | None:
    """The deadline text of a bracket holding only a deadline field (（完成时限：2025年底前）)."""
    m = re.match(rf"\s*({_DUE_ALT})\s*[：:](.+)$", body, re.S)
    return _WS_RE.sub("", m.group(2)).strip("；;，,。") if m else None


def _find_clauses(text: str) -> list[_Clause]:
    """All unit clauses of ``text`` in order (shapes 1-4), adjacent ones merged."""
    out: list[_Clause] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in _OPEN:
            close = _match_close(text, i)
            if close is None:
                i += 1
                continue
            body = text[i + 1 : close - 1]
            roles = _parse_keyword_clause(body)
            if roles is None:
                roles = _parse_verb_clause(body)
            if roles is None and i > 0 and text[i - 1] in "。；;":
                roles = _parse_bare_list(body)
            if roles is None:
                due = _due_only(body)
                if due and out and not text[out[-1].end : i].strip():
                    _merge_or_add(out, text, i, close, {"due": [due]})
                    i = close
                    continue
                # Not a clause: keep scanning inside it (（一） or （PM2.5） hide nothing).
                i += 1
                continue
            if _ROLE_START_RE.match(body):
                close = _stray_continuation(text, close, roles)
            _merge_or_add(out, text, i, close, roles)
            i = close
            continue
        if ch in "\n。" or i == 0:
            # Shape 3: a paragraph that starts with a role keyword and no bracket;
            # shape 4: the same keyword right after a full stop inside a paragraph
            # (…推进实施。责任单位：市发展改革委。). The clause ends at the paragraph's
            # end or at the next full stop.
            p = i + 1 if ch in "\n。" else i
            m = _ROLE_START_RE.match(text, p)
            if m:
                e = p
                while e < n and text[e] not in "\n。":
                    e += 1
                roles = _parse_keyword_clause(text[p:e])
                # Without brackets, prose may follow a keyword (责任单位：要切实履行职责):
                # the names must be names: short, no word of a sentence, and one at least ending
                # like a unit (滁州海关 beside 市税务局 is kept, 要切实履行职责 is not).
                if roles is not None and _names_only([u for r in ROLES for u in roles[r]]):
                    if e < n and text[e] == "。":
                        e += 1
                    _merge_or_add(out, text, p, e, roles)
                    i = e
                    continue
            # A field line of a person (牵头负责领导：金力。) right above the role lines of the
            # same item (滁州 2020): part of the clause, no task text.
            m = _OTHER_START_RE.match(text, p)
            if m and ch != "。":
                e = text.find("\n", p)
                e = n if e < 0 else e
                if e - m.end() <= 30 and _ROLE_START_RE.match(text, e + 1):
                    _merge_or_add(out, text, p, e, {r: [] for r in (*ROLES, "due", "note")})
                    i = e
                    continue
            # Shape 7: 部门分工：A牵头，B、C配合。 (the value a verb clause, to the paragraph's end)
            m = _DIVISION_START_RE.match(text, p)
            if m:
                e = text.find("\n", m.end())
                e = n if e < 0 else e
                roles = _parse_verb_clause(text[m.end() : e])
                if roles is not None:
                    _merge_or_add(out, text, p, e, roles)
                    i = e
                    continue
            # Shape 6: a sentence of units and verbs only, without brackets
            # (…推进实施。市发展改革委牵头，市财政局配合。 / 各区政府按职责分工负责。).
            if ch == "。" or ch == "\n":
                e = p
                while e < n and text[e] not in "\n。" and e - p <= 120:
                    e += 1
                sentence = text[p:e]
                if (
                    e < n
                    and text[e] == "。"
                    and sentence.strip()
                    and not any(c in _OPEN for c in sentence[:1])
                    and not _ROLE_RE.search(sentence)
                ):
                    roles = _parse_verb_clause(sentence)
                    # without brackets only strict organisation names (see _BARE_UNIT_RE)
                    if (
                        roles is not None
                        and any(roles[r] for r in ROLES)
                        and all(_BARE_UNIT_RE.match(u) for r in ROLES for u in roles[r])
                    ):
                        _merge_or_add(out, text, p, e + 1, roles)
                        i = e + 1
                        continue
                # Shape 8: a line of its own that is units and a verb only, no full stop: the
                # unit cell of a task table read one cell a line (…形式及时宣传解读。\n
                # 市发改委牵头落实\n, 潍坊 2017). It assigns the paragraph before it.
                if (
                    ch == "\n"
                    and (e == n or text[e] == "\n")
                    and 0 < len(sentence.strip()) <= 80
                    and L.ASSIGNMENT_LINE.fullmatch(_WS_RE.sub("", sentence))
                    and text[:i].strip()
                ):
                    roles = _parse_verb_clause(sentence)
                    if (
                        roles is not None
                        and any(roles[r] for r in ROLES)
                        and all(_is_unit(u) and len(u) <= 24 for r in ROLES for u in roles[r])
                    ):
                        _merge_or_add(out, text, p, e, roles)
                        i = e
                        continue
            # A deadline field on the line after a clause (责任单位：A\n完成时限：2025年底前).
            if ch == "\n" and out and not out[-1].roles.get("due") and not text[out[-1].end : p].strip():
                d = _DUE_START_RE.match(text, p)
                if d:
                    e = text.find("\n", p)
                    e = n if e < 0 else e
                    due = _WS_RE.sub("", text[d.end() : e]).strip("；;，,。")
                    if due and len(due) <= 40:
                        _merge_or_add(out, text, p, e, {"due": [due]})
                        i = e
                        continue
        i += 1
    # a leader's line whose role lines gave no unit assigns nothing
    return [c for c in out if any(c.roles.get(r) for r in (*ROLES, "due"))]


@lru_cache(maxsize=4)  # a document's text is scanned for its tasks, then for unread clauses
def _clauses_of(text: str) -> tuple[_Clause, ...]:
    """``_find_clauses``, once per text (the clauses are not changed after the scan)."""
    return tuple(_find_clauses(text))


# ---------------------------------------------------------------- outline


@dataclass(slots=True)
class _Heading:
    level: int
    number: int
    label: str
    start: int  # offset of the paragraph
    body_start: int  # offset just after the label
    title: str | None
    title_only: bool
    paras: int = 0  # paragraphs seen after the heading's own paragraph


def _heading_of(para: str, offset: int) -> _Heading | None:
    for level, rx in _HEADING_RES:
        m = rx.match(para)
        if not m:
            continue
        raw = m.group(1)
        try:
            number = cn_to_int(raw) if level in (1, 2) else (CIRCLED[raw] if level == 5 else int(raw))
        except (ValueError, KeyError):
            continue
        return _make_heading(level, number, para[m.end() :].strip(), offset, offset + m.end())
    return None


def _make_heading(level: int, number: int, rest: str, offset: int, body_start: int) -> _Heading:
    cut = re.search(r"[。；;]", rest)
    title = rest[: cut.start()] if cut else rest
    title_only = not cut or not rest[cut.end() :].strip()
    kept_title = title if len(title) <= 60 else None
    return _Heading(level, number, outline_label(level, number), offset, body_start, kept_title, title_only)


def _headings(text: str, paras: list[tuple[int, int]]) -> dict[int, _Heading]:
    """The outline heading of every paragraph that opens with one, by paragraph start.

    Read in order, so an item whose name starts with digits (11.121人才梯队项目) is item 11
    when the 1. 2. 3. items have reached 10 (``item_label_before_digits``); alone, 11.121
    is a decimal number and no label.
    """
    out: dict[int, _Heading] = {}
    last_item: int | None = None
    for ps, pe in paras:
        para = text[ps:pe]
        if not para.strip():
            continue
        h = _heading_of(para, ps)
        if h is None and last_item:
            lab = item_label_before_digits(para.strip(), last_item)
            if lab is not None:
                body = ps + (len(para) - len(para.lstrip())) + lab.end
                h = _make_heading(3, lab.number, para[body - ps :].strip(), ps, body)
        if h is not None:
            out[ps] = h
            if h.level == 3:
                last_item = h.number
    return out


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _node_index(body: model.Node) -> list[tuple[int, int, int, str]]:
    """``(start, -depth, end, eid)`` of every node with an eid and own text, sorted by start.

    Node offsets delimit a node's own text (children excluded), so the node holding an
    offset is the one whose own span contains it; containers with empty spans are skipped.
    """
    out: list[tuple[int, int, int, str]] = []
    stack: list[tuple[model.Node, int]] = [(body, 0)]
    while stack:
        node, depth = stack.pop()
        if node.eid and node.end > node.start:
            out.append((node.start, -depth, node.end, node.eid))
        stack.extend((c, depth + 1) for c in node.children)
    out.sort()
    return out


def _node_at(index: list[tuple[int, int, int, str]], starts: list[int], offset: int) -> str | None:
    """The eid of the deepest node whose own span holds ``offset``, else None."""
    k = bisect.bisect_right(starts, offset) - 1
    best: tuple[int, str] | None = None
    # Walk back over nodes starting at or before the offset; own spans rarely nest, so
    # this stops after a few steps.
    steps = 0
    while k >= 0 and steps < 64:
        start, neg_depth, end, eid = index[k]
        if start <= offset < end and (best is None or -neg_depth > best[0]):
            best = (-neg_depth, eid)
        k -= 1
        steps += 1
    return best[1] if best else None


def _derived_eid(stack: list[_Heading], para_index: int | None) -> str:
    eid = "__".join(f"lvl_{h.number}" for h in stack)
    if para_index is not None:
        eid = f"{eid}__para_{para_index}" if eid else f"para_{para_index}"
    return eid


def _clean(s: str) -> str:
    s = _WS_RE.sub(lambda m: "" if "\n" not in m.group(0) else "\n", s)
    return s.strip("\n 。；;，,").strip()


# ---------------------------------------------------------------- entry points


def extract_tasks_from_text(
    text: str,
    *,
    doc_number: str | None = None,
    doc_title: str | None = None,
    body: model.Node | None = None,
    year: int | None = None,
) -> list[Task]:
    """Tasks of a plan text (paragraphs separated by ``\\n``), one per unit clause.

    ``body``, when given, is the document's tree (node offsets into ``text``) and
    supplies the eids; otherwise eids are derived from the outline headings. Clauses
    broken across lines are read whole. Returns tasks in text order, ``index`` from 1.
    """
    tasks = _extract_tasks_from_text(text, doc_number, doc_title, body)
    return [replace(t, year=year) for t in tasks] if year else tasks


def _extract_tasks_from_text(
    text: str, doc_number: str | None, doc_title: str | None, body: model.Node | None
) -> list[Task]:
    clauses = list(_clauses_of(text))
    table = extract_table_tasks(text, doc_number=doc_number, doc_title=doc_title)
    if table:
        taken = [(t.start, t.end) for t in table]
        clauses = [c for c in clauses if not any(a <= c.start < b for a, b in taken)]
    if not clauses:
        return [replace(t, index=k) for k, t in enumerate(table, 1)]
    paras = _paragraphs(text)
    node_index = None
    if body is not None:
        idx = _node_index(body)
        node_index = (idx, [n[0] for n in idx]) if idx else None
    # Walk paragraphs and clauses together, keeping the outline stack.
    tasks: list[Task] = []
    stack: list[_Heading] = []
    para_of_heading: dict[int, int] = {}  # paragraph start -> para index under top heading
    heads = _headings(text, paras)
    ci = 0
    prev_end = 0

    head_starts = sorted(heads)

    def take(k: int, start: int) -> int:
        """Append the task of clause ``k`` (its covered text from ``start``); where the next starts."""
        prev_clause_end = clauses[k - 1].end if k else 0
        at = stack
        eid_at = None
        first_item = _closes_a_list(text, clauses[k], stack, heads, head_starts, prev_clause_end)
        if first_item is not None:
            # 1.完善应急预案体系 / （1）… （4）… / （责任单位：…）: the clause assigns item 1., from （1） on
            at, start, eid_at = stack[:-1], first_item, stack[-2].start
        tasks.append(
            _make_task(
                text,
                clauses[k],
                at,
                para_of_heading,
                start,
                node_index,
                doc_number,
                doc_title,
                len(tasks) + 1,
                prev_clause_end,
                eid_at,
            )
        )
        return clauses[k].end

    for ps, pe in paras:
        para = text[ps:pe]
        h = heads.get(ps)
        # A clause opening before this paragraph belongs to the previous outline state.
        while ci < len(clauses) and clauses[ci].start < ps:
            prev_end = take(ci, prev_end)
            ci += 1
        if h is not None:
            while stack and stack[-1].level >= h.level:
                stack.pop()
            stack.append(h)
            # The covered text of the first clause starts at the heading's title, or
            # after the heading's paragraph when that paragraph is a title only.
            # A clause printed in the heading's own paragraph (（四）强化保障（责任单位：A）)
            # covers the title.
            clause_here = ci < len(clauses) and clauses[ci].start < pe
            prev_end = max(prev_end, pe if h.title_only and not clause_here else h.body_start)
        elif para.strip() and stack:
            stack[-1].paras += 1
            para_of_heading[ps] = stack[-1].paras
    while ci < len(clauses):
        prev_end = take(ci, prev_end)
        ci += 1
    tasks = _extend_leading_clauses(text, tasks, paras)
    if table:
        tasks = sorted([*tasks, *table], key=lambda t: t.start)
        tasks = [replace(t, index=k) for k, t in enumerate(tasks, 1)]
    return _apply_below_rules(clauses, _apply_printed_rule(text, tasks))


def _closes_a_list(
    text: str,
    clause: _Clause,
    stack: list[_Heading],
    heads: dict[int, _Heading],
    head_starts: list[int],
    prev_clause_end: int,
) -> int | None:
    """Where the list a clause closes begins, or None: a clause in a paragraph of its own after two
    or more items of the innermost level since the clause before it (（1）… （2）… （3）… then
    （责任单位：…）, 运城 2017) assigns the item those are part of, not the last one alone."""
    if len(stack) < 2:
        return None
    para_start = text.rfind("\n", 0, clause.start) + 1
    if text[para_start : clause.start].strip():
        return None
    top, parent = stack[-1], stack[-2]
    lo = bisect.bisect_left(head_starts, max(prev_clause_end, parent.start + 1))
    hi = bisect.bisect_left(head_starts, clause.start)
    items = [head_starts[x] for x in range(lo, hi) if heads[head_starts[x]].level == top.level]
    return items[0] if len(items) >= 2 else None


def _apply_below_rules(clauses: list[_Clause], tasks: list[Task]) -> list[Task]:
    """Add the units a clause's note names for every item below it (以下各项工作均需A、B落实，不再
    列出) to the responsible units of each task after that clause that does not name them."""
    rules = [(c.end, c.roles["below"]) for c in clauses if c.roles.get("below")]
    if not rules:
        return tasks
    out: list[Task] = []
    for t in tasks:
        extra = [u for end, units in rules if t.start >= end for u in units if u not in t.units()]
        out.append(replace(t, responsible=(*t.responsible, *dict.fromkeys(extra))) if extra else t)
    return out


# A rule a plan prints once for all its unit lists: the first unit listed leads
# (列第一位为牵头或汇总单位 / 排在首位的为牵头单位 / 第一个单位为牵头单位), the others, when it
# says so, cooperate (其余为配合单位).
_FIRST_LEADS_RE = re.compile(
    r"(?:(?:列|排|排名|位列|列于|排在|列在)(?:第一位|首位|第一)|第一个|首位)(?:的|单位|部门)*(?:为|是)"
    r"(?:牵头|主责|牵头或汇总|牵头或主责|总牵头)(?:单位|部门)"
)
_REST_COOPERATE_RE = re.compile(r"其余(?:单位|部门)?(?:为|是)(?:配合|协同|协办|参与)(?:单位|部门)")


def _apply_printed_rule(text: str, tasks: list[Task]) -> list[Task]:
    """Apply a plan's printed rule on its unit lists (``_FIRST_LEADS_RE``) to every task that
    names no lead: the first unit listed leads; the units stay responsible as listed, or the
    others cooperate when the rule says 其余为配合单位. Tasks that name a lead (分别牵头,
    牵头单位：…) keep their roles."""
    rule = _FIRST_LEADS_RE.search(_WS_RE.sub("", text))
    if rule is None:
        return tasks
    rest_cooperate = _REST_COOPERATE_RE.search(_WS_RE.sub("", text)) is not None
    out: list[Task] = []
    for t in tasks:
        if t.lead or not t.responsible:
            out.append(t)
            continue
        first, rest = t.responsible[0], t.responsible[1:]
        if rest_cooperate:
            out.append(replace(t, lead=(first,), cooperating=(*t.cooperating, *rest), responsible=()))
        else:
            out.append(replace(t, lead=(first,)))
    return out


_DATE_LINE_RE = re.compile(r"^\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$")


def _extend_leading_clauses(text: str, tasks: list[Task], paras: list[tuple[int, int]]) -> list[Task]:
    """Give a clause printed right after its item's title the item's text that follows it.

    ``（一）加快5G网络建设（牵头单位：A）\n推进5G网络深度覆盖…`` assigns the sentences after
    the clause: when a clause sits in a heading's paragraph with only the title before it
    and no other clause follows in the same item, the task covers the title and the item's
    prose after the clause, up to the next heading (or the first paragraph that is no
    prose: a signature, a date, 附件). Other tasks are returned unchanged.
    """
    heads = _headings(text, paras)
    heading_starts = sorted(heads)
    para_starts = [ps for ps, _ in paras]
    out: list[Task] = []
    for k, t in enumerate(tasks):
        pi = bisect.bisect_right(para_starts, t.start) - 1
        ps, pe = paras[pi]
        h = heads.get(ps)
        before = text[h.body_start : t.start] if h else ""
        if h is None or "。" in before.rstrip("。 \t\u3000"):
            out.append(t)
            continue
        hi = bisect.bisect_right(heading_starts, t.end)
        item_end = heading_starts[hi] if hi < len(heading_starts) else len(text)
        if k + 1 < len(tasks) and tasks[k + 1].start < item_end:
            out.append(t)  # the text after this clause belongs to the next clause
            continue
        end = min(pe, item_end) if pe > t.end else t.end
        for qs, qe in paras[pi + 1 :]:
            para = text[qs:qe]
            if qs >= item_end or not re.search(r"[。；;]", para) or para.lstrip().startswith("附件"):
                break
            if _DATE_LINE_RE.match(para):
                break
            end = qe
        after = _clean(text[t.end : end])
        if not after:
            out.append(t)
            continue
        covered = f"{t.text}。{after}" if t.text else after
        targets = extract_targets(covered)
        if t.due:
            due_date, _ = find_deadline(t.due if t.due.startswith(("到", "至")) else f"到{t.due}")
            if due_date:
                targets = [x if x.deadline or x.recurring else replace(x, deadline=due_date) for x in targets]
        out.append(replace(t, text=covered, targets=tuple(targets)))
    return out


def _make_task(
    text: str,
    clause: _Clause,
    stack: list[_Heading],
    para_of_heading: dict[int, int],
    prev_end: int,
    node_index: tuple[list[tuple[int, int, int, str]], list[int]] | None,
    doc_number: str | None,
    doc_title: str | None,
    index: int,
    prev_clause_end: int = 0,
    eid_at: int | None = None,
) -> Task:
    position = "".join(h.label for h in stack)
    cover_start = max(prev_end, 0)
    # The item is the node where the covered text begins (a clause may open in the next
    # paragraph of its item, or sit in a paragraph after a title-only heading).
    first = cover_start
    while first < clause.start and text[first] in " \t\n\u3000。；;，,":
        first += 1
    eid = ""
    if node_index is not None:
        eid = (
            (_node_at(*node_index, eid_at) if eid_at is not None else None)
            or _node_at(*node_index, first)
            or _node_at(*node_index, clause.start)
            or ""
        )
    if not eid:
        para_start = text.rfind("\n", 0, first) + 1
        para_index = None
        # A clause in a paragraph of its own under a title-only heading (九、保障措施)
        # sits in that heading's paragraph N.
        if stack and stack[-1].title_only and para_start in para_of_heading and para_start > stack[-1].start:
            para_index = para_of_heading[para_start]
        eid = _derived_eid(stack, para_index)
    covered = _clean(text[cover_start : clause.start])
    if not covered and stack and stack[-1].title_only and cover_start >= stack[-1].body_start:
        # 1.生产总值增长6%以上。 / 责任单位:市发改委 — the units on a line of their own under an
        # item printed as one sentence: the item's sentence is the task (when no clause before
        # this one took it).
        h = stack[-1]
        para_end = text.find("\n", h.body_start)
        para_end = len(text) if para_end < 0 or para_end > clause.start else para_end
        if prev_clause_end <= h.start:
            covered = _clean(text[h.body_start : para_end])
            if covered:
                cover_start = first = h.body_start
    roles = clause.roles
    due = "；".join(roles.get("due", [])) or None
    targets = extract_targets(covered)
    if not targets and stack and stack[-1].title:
        # 1.地区生产总值增长6%以上。 / 分管省领导：… / 部门分工：省发展改革委牵头 (粤府〔2021〕22号): the item's
        # own sentence is its target, not a goal without a unit
        targets = extract_targets(stack[-1].title)
    if due:
        # A target without a date of its own is due when its clause says (完成时限).
        due_date, _ = find_deadline(due if due.startswith(("到", "至")) else f"到{due}")
        if due_date:
            targets = [t if t.deadline or t.recurring else replace(t, deadline=due_date) for t in targets]
    return Task(
        doc_number=doc_number,
        index=index,
        position=position,
        eid=eid,
        heading=stack[-1].title if stack else None,
        text=covered,
        lead=tuple(roles["lead"]),
        cooperating=tuple(roles["cooperating"]),
        responsible=tuple(roles["responsible"]),
        clause=_WS_RE.sub("", text[clause.start : clause.end]),
        start=clause.start,
        end=clause.end,
        doc_title=doc_title,
        targets=tuple(targets),
        due=due,
        text_start=first,
        note="；".join(roles.get("note", [])) or None,
    )


# ---------------------------------------------------------------- task tables

# A task table printed as text: a header row naming its columns (序号 任务 牵头单位 配合单位
# 责任单位 完成时限), then one line per row, cells apart by a tab, a bar or two spaces.
_CELL_SPLIT = re.compile(r"\t+|\s*[|｜]\s*|[ \u3000]{2,}")


def _role_columns(role: str) -> tuple[str, ...]:
    return tuple(w for w, r in _ROLE_WORDS.items() if r == role)


_COLUMNS: dict[str, tuple[str, ...]] = {
    "number": ("序号", "编号"),
    "task": (
        "工作任务",
        "重点任务",
        "主要任务",
        "任务内容",
        "工作内容",
        "具体任务",
        "具体措施",
        "任务",
        "措施",
        "内容",
        # the task's wording when a 工作任务 column names its category
        "具体要求",
        "工作要求",
        "任务要求",
        "主要内容",
        "具体内容",
        "工作措施",
        "主要措施",
        "具体举措",
    ),
    "lead": _role_columns("lead"),
    "cooperating": _role_columns("cooperating"),
    "responsible": _role_columns("responsible"),
    "due": _DUE_WORDS,
}


_TASK_COLUMN_END = re.compile(r"(?:任务|措施|举措|事项|内容)$")


def _cells(line: str) -> list[str]:
    """The cells of a table line. Tab-separated cells keep their places: an empty cell (a
    merged cell printed empty, a header cell over two columns) stays as ``""``."""
    s = line.strip(" \u3000\r\n")
    if "\t" in s:
        return [_WS_RE.sub("", c) for c in s.strip("\t").split("\t")]
    return [c for c in (x.strip() for x in _CELL_SPLIT.split(line.strip().strip("|｜"))) if c]


def _table_header(cells: list[str]) -> dict[str, int] | None:
    """The columns a header row names, or None. A header names a unit column and either a
    序号 column or a deadline column (工作任务 / 具体要求 / 责任科室 / 时限要求)."""
    cols: dict[str, int] = {}
    tasks: list[int] = []
    for k, c in enumerate(cells):
        name = _WS_RE.sub("", c)
        for col, words in _COLUMNS.items():
            if name in words and (col == "task" or col not in cols):
                if col == "task":
                    tasks.append(k)
                else:
                    cols[col] = k
                break
        else:
            # a task column named otherwise: 重点工作任务, 主要工作事项, 改革举措 (周口 2013)
            if _TASK_COLUMN_END.search(name) and len(name) <= 8:
                tasks.append(k)
    if tasks:
        # Two text columns: the first names the task's category (its heading), the last holds it.
        cols["task"] = tasks[-1]
        if len(tasks) > 1:
            cols["category"] = tasks[0]
    has_role = any(r in cols for r in ROLES)
    if has_role and (("number" in cols and len(cols) >= 3) or "due" in cols):
        return cols
    return None


@lru_cache(maxsize=4)  # a document's text is scanned for its task rows, then for unread tables
def _scan_tables(text: str) -> tuple[list[tuple[int, str, dict[str, int], list[str], str | None]], list[str]]:
    """The rows of the task tables in ``text``: ``(line start, line, header, cells aligned to
    the header, category)``, and the header lines of tables that gave no row."""
    rows: list[tuple[int, str, dict[str, int], list[str], str | None]] = []
    unread: list[str] = []
    pos = 0
    header: dict[str, int] | None = None
    header_line = ""
    width = 0
    found = 0
    category: str | None = None

    def close() -> None:
        if header is not None and not found:
            unread.append(_WS_RE.sub(" ", header_line.strip()))

    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        cells = _cells(line)
        if header is not None and (not line.strip() or all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c)):
            continue  # blank lines and a markdown rule under the header
        aligned = None
        if header is not None and 0 < len(cells) <= width:
            # A row printed without its merged first cells: align it to the right.
            aligned = [""] * (width - len(cells)) + cells
            num_col = header.get("number")
            if num_col is None:
                # No 序号 printed over the numbers (a header cell left empty): the first
                # column that is not named and holds a number.
                named = set(header.values())
                num_col = next(
                    (k for k, c in enumerate(aligned) if k not in named and re.fullmatch(r"\d{1,3}", c)), None
                )
            if (
                num_col is None
                or not re.fullmatch(r"\d{1,3}", aligned[num_col])
                or not any(aligned[header[r]] for r in ROLES if r in header)
            ):
                aligned = None
            else:
                aligned.append(aligned[num_col])  # the number, last
        if aligned is None or header is None:
            cand = _table_header(cells) if len(cells) >= 3 else None
            if header is not None and cand is None and not line.strip():
                continue
            close()
            header, header_line, width, found, category = cand, line, len(cells), 0, None
            continue
        if "category" in header:
            category = aligned[header["category"]] or category
        rows.append((start, line, header, aligned, category))
        found += 1
    close()
    return rows, unread


def extract_table_tasks(text: str, *, doc_number: str | None = None, doc_title: str | None = None) -> list[Task]:
    """One task per row of a task table (序号/任务/责任单位/完成时限 columns): the units of
    each role column split as in clauses, the 完成时限 cell as the task's deadline. A
    category column (工作任务 before 具体要求) gives the task's heading; a merged category
    cell printed empty keeps the category above."""
    out: list[Task] = []
    for start, line, header, cells, category in _scan_tables(text)[0]:
        roles = {r: split_units(cells[header[r]]) if r in header else () for r in ROLES}
        task_text = cells[header["task"]] if "task" in header else ""
        due = (cells[header["due"]] or None) if "due" in header else None
        out.append(
            Task(
                doc_number=doc_number,
                index=0,
                position=f"序号{cells[-1]}",
                eid="",
                heading=category,
                text=task_text,
                lead=roles["lead"],
                cooperating=roles["cooperating"],
                responsible=roles["responsible"],
                clause=_WS_RE.sub("", line),
                start=start,
                end=start + len(line),
                doc_title=doc_title,
                targets=tuple(extract_targets(task_text)),
                due=due,
                text_start=start,
            )
        )
    return out


#: a role keyword with its colon (牵头单位：, 责任单位: …): where a unit clause is printed
_ROLE_KEY_RE = re.compile(rf"(?:{_ROLE_ALT})\s*[：:]")


def unread_unit_clauses(text: str) -> list[str]:
    """The unit clauses of ``text`` no task was read from: a role keyword with its colon
    (责任单位：…) outside every clause and task-table row the ledger read, as the printed words
    from the keyword to the end of its line or bracket (at most 60 characters). Never silent: the
    ledger reports each one (code ``task_clause_unread``)."""
    if not _ROLE_KEY_RE.search(text):
        return []
    spans = sorted(
        [(c.start, c.end) for c in _clauses_of(text)] + [(a, a + len(line)) for a, line, *_ in _scan_tables(text)[0]]
    )
    starts = [a for a, _ in spans]
    out: list[str] = []
    reported = 0  # the end of the words reported last: a second keyword in them is no second clause
    for m in _ROLE_KEY_RE.finditer(text):
        k = bisect.bisect_right(starts, m.start()) - 1
        if m.start() < reported or any(a <= m.start() < b for a, b in spans[max(0, k - 3) : k + 1]):
            continue
        end = text.find("\n", m.start())
        end = reported = min(len(text) if end < 0 else end, m.start() + 60)
        out.append(_WS_RE.sub(" ", text[m.start() : end]).strip())
    return out


def unread_task_tables(text: str) -> list[str]:
    """The header lines of task tables (a unit column and a 序号 or deadline column) from
    which no row was read: a table the ledger misses, to warn about."""
    return list(_scan_tables(text)[1])


def extract_tasks(doc: model.Document) -> list[Task]:
    """Tasks of one document: ``extract_tasks_from_text`` on its text and body tree.

    Documents with no unit clause (regulations, appointment notices…) give ``[]``.
    """
    title = doc.instrument_title or doc.title
    return extract_tasks_from_text(
        doc.text, doc_number=doc.doc_number or None, doc_title=title, body=doc.body, year=plan_year(doc)
    )


def plan_year(doc: model.Document) -> int | None:
    """The year a plan is for: the one year its title prints (湘西自治州2020年…工作计划), else the
    year it was signed or published; None when neither is known. A deadline printed as a month
    alone (6月底完成) is in this year."""
    years = set(_TITLE_YEAR_RE.findall(doc.instrument_title or doc.title or ""))
    if len(years) == 1:
        return int(years.pop())
    if years:
        return None  # 2021—2025年: a period, no one year
    d = doc.signed_date or doc.published_date
    return d.year if d else None


# ---------------------------------------------------------------- goals


@dataclass(frozen=True, slots=True)
class Goal:
    """Targets a plan prints outside any task (一、工作目标, 总体要求…), with their place.

    Has the unit attributes of a ``Task`` (all empty) so target listings treat both alike.
    """

    doc_number: str | None
    position: str
    eid: str
    text: str
    targets: tuple[Target, ...]
    doc_title: str | None = None
    lead: tuple[str, ...] = ()
    cooperating: tuple[str, ...] = ()
    responsible: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_number": self.doc_number,
            "position": self.position,
            "eid": self.eid,
            "text": self.text,
            "targets": [t.to_json() for t in self.targets],
        }

    def to_record(self) -> dict[str, Any]:
        """Every field, JSON-safe, for the store; ``Goal.from_record`` gives an equal goal back."""
        return {**self.to_json(), "doc_title": self.doc_title, "targets": [t.to_record() for t in self.targets]}

    @classmethod
    def from_record(cls, r: dict[str, Any]) -> Goal:
        return cls(
            r["doc_number"],
            r["position"],
            r["eid"],
            r["text"],
            tuple(Target.from_record(t) for t in r["targets"]),
            r["doc_title"],
        )


def extract_goals_from_text(
    text: str,
    *,
    doc_number: str | None = None,
    doc_title: str | None = None,
    body: model.Node | None = None,
    tasks: list[Task] | None = None,
) -> list[Goal]:
    """Targets in the paragraphs of a plan that no task covers, one ``Goal`` per paragraph
    (and per row of a target table).

    A paragraph's dated or recurring targets are goals in a text with tasks; a paragraph
    under a goals heading (工作目标, 今年预期目标) or labelled as goals (具体指标：) gives its
    targets dated or not, and so does every row of a target table (指标名称 | 2020年 | 2025年).
    A text without unit clauses is read only there and in paragraphs that open with the
    year they aim at (到2021年，…): its other numbers are no plan's (achievements, facts).
    ``tasks`` may pass the text's tasks when already extracted. A paragraph's deadlines
    carry to its later sentences as in a task.
    """
    if tasks is None:
        tasks = extract_tasks_from_text(text, doc_number=doc_number, doc_title=doc_title, body=body)
    rows = {a: (b, t) for (a, b), t in table_rows(text)}
    covered = sorted((t.text_start, t.end) for t in tasks)
    # a task's item sentence read as its target (1.地区生产总值增长6%以上。) is no goal besides
    in_tasks = {(t.position, x.metric, x.value, x.unit) for t in tasks for x in t.targets}
    node_index = None
    if body is not None:
        idx = _node_index(body)
        node_index = (idx, [n[0] for n in idx]) if idx else None
    goals: list[Goal] = []
    stack: list[_Heading] = []
    k = 0
    paras = _paragraphs(text)
    heads = _headings(text, paras)
    titled = False  # the line before was a goals title (今年预期目标)
    for ps, pe in paras:
        para = text[ps:pe]
        if not para.strip():
            continue
        h = heads.get(ps)
        if h is not None:
            while stack and stack[-1].level >= h.level:
                stack.pop()
            stack.append(h)
        else:
            if stack:
                stack[-1].paras += 1
        after_title, titled = titled, h is None and _is_goal_title(para)
        if ps in rows:
            _, target = rows[ps]
            if target is not None and not any(a <= ps < b for a, b in covered):
                eid = (_node_at(*node_index, ps) if node_index else None) or _derived_eid(
                    stack, None if h is not None or not stack else stack[-1].paras
                )
                pos_label = "".join(x.label for x in stack)
                goals.append(Goal(doc_number, pos_label, eid, target.text, (target,), doc_title))
            continue
        in_goals = after_title or any(x.title and GOAL_HEADING.search(x.title) for x in stack)
        # The parts of the paragraph outside every task's covered text and clause.
        parts, pos = [], ps
        while k < len(covered) and covered[k][1] <= ps:
            k += 1
        j = k
        while j < len(covered) and covered[j][0] < pe:
            a, b = covered[j]
            if a > pos:
                parts.append(text[pos:a])
            pos = max(pos, b)
            j += 1
        if pos < pe:
            parts.append(text[pos:pe])
        free = _clean("。".join(p.strip("。；; ") for p in parts if p.strip("。；; ")))
        if h is not None:
            free = _clean(free[len(h.label) :] if free.startswith(h.label) else free)
        if not free:
            continue
        # Only what a plan sets for the future: dated or recurring targets (the
        # achievements a plan recounts, 森林覆盖率达到32%, have neither), or any target of
        # its goals section. A text without tasks: only its goals and forward-dated paragraphs.
        in_goals = in_goals or GOAL_LABEL.match(free) is not None
        if not tasks and not in_goals and not GOAL_OPENER.match(_LEAD_LABEL_RE.sub("", free)):
            continue
        position = "".join(x.label for x in stack)
        targets = [
            t
            for t in extract_targets(free)
            if (t.deadline or t.recurring or in_goals) and (position, t.metric, t.value, t.unit) not in in_tasks
        ]
        if not targets:
            continue
        # 经过3年努力 in a plan whose title covers （2018-2020年）: due at the period's end
        period = PLAN_PERIOD.search(doc_title or "") if PERIOD_END_PHRASE.search(free) else None
        if period:
            end = date(int(period.group("end")), 12, 31)
            targets = [t if t.deadline or t.recurring else replace(t, deadline=end) for t in targets]
        eid = (_node_at(*node_index, ps) if node_index else None) or _derived_eid(
            stack, None if h is not None or not stack else stack[-1].paras
        )
        goals.append(Goal(doc_number, "".join(x.label for x in stack), eid, free, tuple(targets), doc_title))
    return goals


# an outline label a heading reader does not take (1、到2021年，…) before a goal's opener
_LEAD_LABEL_RE = re.compile(
    r"^(?:\d{1,2}|[一二三四五六七八九十]{1,3})[、.．]|^[（(](?:\d{1,2}|[一二三四五六七八九十]{1,3})[）)]"
)


def _is_goal_title(para: str) -> bool:
    """A title line of a plan's goals: short, no sentence in it (今年预期目标, 主要目标指标表)."""
    line = para.strip()
    return (
        len(line) <= 30
        and not re.search(r"[，,。；;]|\d{1,3}(?:\.\d+)?%", line)
        and GOAL_HEADING.search(line) is not None
    )


def extract_goals(doc: model.Document, tasks: list[Task] | None = None) -> list[Goal]:
    """Goals of one document: ``extract_goals_from_text`` on its text and tree."""
    title = doc.instrument_title or doc.title
    return extract_goals_from_text(
        doc.text, doc_number=doc.doc_number or None, doc_title=title, body=doc.body, tasks=tasks
    )
