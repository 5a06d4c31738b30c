"""Time limits set by provisions: 二十日内作出决定, 九十个工作日前书面报告, 每四个月不得少于一次 …

``extract_time_limits(document)`` walks a document's body tree and reads, from every
paragraph, item and subitem, the quantified time limits it sets:

* ``direction``: ``within`` (N日内, 自受理之日起20日内), ``before`` (提前30日, 届满60日前,
  九十个工作日前), ``after`` (超过180天, 连续180天以上: a period after which something follows),
  ``term`` (经营期限为8年), ``extension`` (可以延长十日; a cap on an extension: 延长的期限最长不得超过20个工作日),
  ``frequency`` (每年不得少于一次: ``n`` times per ``period``), ``annual`` (每年1月31日前: ``fixed`` = 01-31);
  a cap (不得超过四十五日) is ``within``; a duration in an exception clause (…超过六十日的除外) is none;
* ``n`` and ``unit`` (小时, 日, 工作日, 个月, 年; 天 is read as 日, 月 as 个月);
* ``trigger``: the event the period runs from or before (自受理之日起, 有效期限届满,
  燃气工程竣工验收后, the conditional clause 停业、歇业 of a notice period);
* ``actor``: who must act, where stated: the subject of the sentence, else the lead-in of the
  parent paragraph (for items), else the first subject of an earlier paragraph of the article;
* ``action``: what must be done within the period (作出行政许可或者不予行政许可的决定);
* ``eid`` of the node, and the sentence;
* ``unit_printed``/``unit_defined_by``: a definition article of the same document (行政许可法 第八十二条,
  行政复议法 第四十条第二款) makes the 日 limits it covers working days; the line names it.

Not time limits, and skipped: continuous-service hours (24小时值班, 24小时不间断服务),
qualifications (3年以上驾驶经历), commencement and expiry (自…起施行, 有效期至), unquantified
words (及时, 立即, 定期). Linear in text size: each node is scanned by a few bounded regexes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from gongbao.grammar import limits as G
from gongbao.grammar.labels import SMALL_CN
from gongbao.model import Document, Issue, Node
from gongbao.structure.numerals import CN_NUMERAL_CHARS, cn_to_int, int_to_cn

__all__ = ["SCHEMA_OBLIGATIONS", "TimeLimit", "extract_from_issue", "extract_time_limits"]

SCHEMA_OBLIGATIONS = "gongbao.obligations/1"

_NUM = rf"(?:[0-9０-９]+|[{CN_NUMERAL_CHARS}]+)"  # Arabic or Chinese, never mixed
_UNIT = {
    "小时": "小时",
    "工作日": "工作日",
    "个工作日": "工作日",
    "日": "日",
    "天": "日",
    "个月": "个月",
    "月": "个月",
    "年": "年",
}

# A duration: optional 提前, the number, the unit, and what follows it (内/前/后/以上…).
_DURATION = re.compile(
    rf"(?P<pre>提前|超过|连续|延长|为)?\s*(?P<n>{_NUM})\s*(?P<unit>个月|个工作日|工作日|小时|日|天|年)\s*(?P<post>以内|之内|内|以前|之前|前|以后|之后|后|以上|届满)?"
)
# A frequency: 每年/每季度/每月/每半年/每N个月 … 不(得)少于N次.
_FREQUENCY = re.compile(
    rf"每(?P<per>(?P<pn>{_NUM})?个?(?P<pu>年|季度|月|半年|周))[^，。；]{{0,8}}?不(?:得|应)?少于(?P<n>{_NUM})次"
)
_ACTOR_SUFFIX = G.ACTOR_SUFFIX
# 公民、法人或者其他组织: an actor joined to the next by 、/或者/和 is one actor.
_ACTOR_COORD = rf"(?:(?:、|或者|以及|和|及)[\u4e00-\u9fff]{{0,10}}?{_ACTOR_SUFFIX}(?![员民口]))*"
_ACTOR = re.compile(
    rf"^(?!对|向|在|自|由|按|因|如|若|经[批审核同])(?:[\u4e00-\u9fff（）()]{{0,24}}?){_ACTOR_SUFFIX}{_ACTOR_COORD}"
)
_LABEL = re.compile(rf"^(?:[（(][{SMALL_CN}]+[）)]|\d+[.．、])\s*")
# Modal verbs; a bare 应 only when it is not part of a word (应急, 应用, 响应, 供应, 对应 …).
_MODAL = re.compile(r"应当|应该|必须|可以|不得|须|(?<![反响适供对相])应(?![急用答收付变])")
_SENTENCE = re.compile(r"[^。；;]+[。；;]?")
# Hours of continuous service, qualifications, commencement/expiry: not time limits.
_NOT_LIMIT_AFTER = re.compile(
    r"^(?:值班|不间断|服务|通信|通讯|营业|开放|驾驶经历|经历|工作经验|以上驾驶经历|以上.{0,4}经历)"
)
_NOT_LIMIT_SENTENCE = re.compile(r"起施行|有效期至|之日起施行")
# The start a deemed act names for a limit that names none (在五日内一次告知…，逾期不告知的，自收到申请材料之日起即为受理).
_DEEMED_START = re.compile(r"逾期[^。；;]{0,20}?(自[^，,。；;]{1,30}?之日起)")


@dataclass(frozen=True, slots=True)
class TimeLimit:
    """One time limit a provision sets (see the module docstring for the fields)."""

    document: str
    eid: str
    direction: str  # within, before, after, term, extension, frequency
    n: int  # the duration; for a frequency, the minimum number of times
    unit: str  # 小时, 日, 工作日, 个月, 年; for a frequency, the period unit
    text: str  # the duration as printed (二十日内, 每四个月不得少于一次)
    trigger: str | None = None
    actor: str | None = None
    action: str | None = None
    period: int | None = None  # frequency: the period length (4 for 每四个月)
    sentence: str = ""
    unit_printed: str | None = None  # the unit as printed when a definition article changed it (日)
    unit_defined_by: str | None = None  # that article: citation and node id (第八十二条 chp_8__art_82__para_1)
    fixed: str | None = None  # annual: the date every year, MM-DD (每年1月31日前 -> 01-31)

    def to_json(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "eid": self.eid,
            "direction": self.direction,
            "n": self.n,
            "unit": self.unit,
            "period": self.period,
            "text": self.text,
            "trigger": self.trigger,
            "actor": self.actor,
            "action": self.action,
            "sentence": self.sentence,
            "unit_printed": self.unit_printed or self.unit,
            "unit_defined_by": self.unit_defined_by,
            "fixed": self.fixed,
        }

    def summary(self) -> str:
        """The limit in a few words: ``within 20工作日 (printed 日; 工作日 by 第八十二条 …)``."""
        if self.direction == "frequency":
            return f"{self.n}次/每{self.period}{self.unit}"
        if self.direction == "annual":
            return f"annual by {self.fixed} ({self.text})"
        what = f"{self.direction} {self.n}{self.unit}"
        if self.unit_defined_by:
            what += f" (printed {self.unit_printed}; {self.unit} by {self.unit_defined_by})"
        return what


_ACTOR_FULL = re.compile(rf"(?!对|向|在|自|由|按|因|如|若|经[批审核同])[\u4e00-\u9fff（）()、]{{0,30}}{_ACTOR_SUFFIX}")


_BY_PROVISION = re.compile(r"^(?:依照|按照|根据)[^，,的]{0,30}的规定")


def _actor_of(head: str, strict: bool = False) -> str | None:
    """The actor a subject phrase names: the whole phrase when it ends in an actor word (用人单位),
    else its part before the first preposition or modal when that is one (申请人、利害关系人在… ->
    申请人、利害关系人), else its shortest leading part that does, unless that part is a fragment
    holding 的 or 、 (燃气经营企业停业、歇业的 -> 燃气经营企业; 属于主动公开范围的政府信息 -> none).
    An item label (（一）) never belongs to the actor; a leading 依照…的规定 is dropped."""
    head = _BY_PROVISION.sub("", _LABEL.sub("", head.strip())).strip()
    if not head or _MODAL.match(head) or re.match(r"经(?!营|济)", head):  # 经…批准: the approver, not the actor
        return None
    if _ACTOR_FULL.fullmatch(head):
        return head
    stop = G.ACTOR_STOP.search(head)
    if stop and stop.start() >= 2 and _ACTOR_FULL.fullmatch(head[: stop.start()]):
        return head[: stop.start()]
    if strict:
        return None
    a = _ACTOR.match(head)
    if a and not re.search(r"的|不", a.group(0)) and not G.ACTOR_STOP.search(a.group(0)):
        return a.group(0)
    return None


def _subject_before(sentence: str, pos: int) -> str | None:
    """The actor of the clause a modal verb at ``pos`` belongs to: the clause before it, or, when the
    modal opens its clause, the subject of the conditions before it (行政复议机关对该规定有权处理的，应当…;
    行政机关对申请人提出的行政许可申请，应当…), walking back over clauses ending in 的/后/时 or opening with 对 only."""
    clauses = re.split(r"[，,：:]", sentence[:pos])
    a = _actor_of(clauses[-1])
    if a or clauses[-1].strip():
        return a
    for clause in reversed(clauses[:-1]):
        c = clause.strip()
        a = _actor_of(c, strict=not c.endswith("的"))
        if a:
            return a
        if not c.endswith(("的", "后", "时")) and not c.startswith("对"):
            break
    return None


def _first_actor(text: str) -> str | None:
    """The first subject before a modal verb in ``text`` that names an actor."""
    for sent in _SENTENCE.findall(text):
        for m in _MODAL.finditer(sent):
            a = _subject_before(sent, m.start())
            if a:
                return a
    return None


def _actor_in_sentence(sentence: str, pos: int) -> str | None:
    """The subject that governs position ``pos``: the text before the nearest modal verb, else the
    subject of the clause holding ``pos`` (申请人在一年内不得…), else the sentence start."""
    for m in reversed(list(_MODAL.finditer(sentence, 0, pos))):
        a = _subject_before(sentence, m.start())
        if a:
            return a
    ca = max(sentence.rfind(c, 0, pos) for c in "，,：:") + 1
    a = _actor_of(sentence[ca:pos])
    if a:
        return a
    lead = _ACTOR.match(_LABEL.sub("", sentence.strip()))
    return lead.group(0) if lead and not re.search(r"的|不", lead.group(0)) else None


def _clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    a = max(sentence.rfind(c, 0, start) for c in "，,：:") + 1
    ends = [i for i in (sentence.find(c, end) for c in "，,。；;") if i != -1]
    return a, (min(ends) if ends else len(sentence))


def _strip_actor(text: str, actor: str | None) -> str:
    t = text.strip()
    if actor and t.startswith(actor):
        t = t[len(actor) :]
    return t.strip()


def _event_before(text: str, actor: str | None) -> str | None:
    """The last event phrase ending in 后/届满/之日起 in ``text`` (取得经营许可后, 运营后, 受理投诉后)."""
    ends = [(text.rfind(w), w) for w in ("之日起", "届满", "后")]
    k, w = max(ends)
    if k == -1:
        return None
    phrase = text[: k + len(w)]
    phrase = re.split(r"或者|或|并且|并|和|[，,；;：:]", phrase)[-1]
    phrase = _strip_actor(phrase, actor)
    phrase = re.sub(r"^(?:在|于|自)", "", phrase)
    return phrase if len(phrase) >= 2 else None


def _conditional(sentence: str, m: re.Match[str]) -> bool:
    """True when the duration sits in a conditional clause (二十日内不能作出决定的，…): not a limit it sets."""
    _, ce = _clause_bounds(sentence, m.start(), m.end())
    return sentence[m.end() : ce].rstrip().endswith("的") and ce < len(sentence) and sentence[ce] in "，,"


def _conditional_limit(sentence: str, m: re.Match[str]) -> bool:
    """A conditional clause that is itself a limit on its subject: it names its own start and asks an act,
    not a failure (申请人、利害关系人在被告知听证权利之日起五日内提出听证申请的，…)."""
    ca, ce = _clause_bounds(sentence, m.start(), m.end())
    return "之日起" in sentence[ca : m.start()] and not re.search(r"不|未|没有", sentence[m.end() : ce])


def _capped(sentence: str, m: re.Match[str]) -> str | None:
    """``extension`` or ``within`` for a cap (延长的期限最长不得超过20个工作日 / 办理的时间不得超过四十五日),
    else None: a cap bounds a period; it is never a period after which something follows."""
    head = sentence[max(0, m.start() - 8) : m.start()] + (m["pre"] or "")
    if not G.CAP.search(head):
        return None
    ca, _ = _clause_bounds(sentence, m.start(), m.end())
    return "extension" if G.CAP_EXTENSION.search(sentence[ca : m.start()]) else "within"


def _trigger(
    sentence: str, m: re.Match[str], direction: str, actor: str | None, condition: str | None = None
) -> str | None:
    """The event a period runs from (or before), read from the text before the duration.

    ``condition``: the act of a conditional limit earlier in the sentence (提出听证申请): a later period
    with no start of its own runs from it (…提出听证申请的，行政机关应当在二十日内组织听证)."""
    ca, _ = _clause_bounds(sentence, m.start(), m.end())
    before = sentence[ca : m.start()]
    # 1. 自X之日起 / 自X起 (the start of the period is named)
    k = before.rfind("自")
    if k != -1 and "起" in before[k:]:
        return before[k : before.rfind("起") + 1]
    # 2. 在X后/X届满/X之日起 (在燃气工程竣工验收后六个月内, 在有效期限届满60日前, 于举行听证的七日前)
    k = max(before.rfind("在"), before.rfind("于"))
    if k != -1 and before[k + 1 :].strip():
        return re.sub(r"(?:之|的|前)$", "", before[k + 1 :].strip()) or None
    # 3. X后 within the clause (取得经营许可后无正当理由超过180天, 运营后连续180天以上)
    t = _event_before(before, actor)
    if t:
        return t
    # 3b. the clause opens with the event itself (应急响应终止3个工作日内，…)
    bare = re.sub(r"^[并且及]+", "", before.strip())
    if len(bare) >= 2 and not _MODAL.search(bare) and not re.search(r"[在于]$", bare):
        return _strip_actor(bare, actor) or None
    # 4. a notice period runs before the event of the conditional clause (…停业、歇业的，…提前N日)
    if direction == "before":
        head = sentence[: m.start()]
        c = re.search(r"([^，。；]{2,40})的，", head)
        if c:
            return _strip_actor(re.sub(r"^(?:因|如|若|需要|确需)", "", c.group(1)), actor)
    if condition:
        return condition
    # 5. an earlier clause of the sentence ending in 后 (受理投诉后应当…，对群众投诉一般应当在5个工作日内)
    head = sentence[: m.start()]
    cut = _MODAL.search(head)
    return _event_before(head[: cut.start()] if cut else head, actor)


def _action(sentence: str, m: re.Match[str]) -> str | None:
    _, ce = _clause_bounds(sentence, m.start(), m.end())
    rest = sentence[m.end() : ce].strip()
    if not rest and ce < len(sentence):  # 十五日内，将竣工验收备案文件报…备案: the act is the next clause
        _, ce2 = _clause_bounds(sentence, ce + 1, ce + 1)
        rest = sentence[ce + 1 : ce2].strip()
    rest = re.sub(r"^(?:书面)?(?:的)?", "", rest) if rest.startswith("的") else rest
    return rest or None


def _direction(m: re.Match[str], sentence: str) -> str | None:
    pre, post = m["pre"], m["post"]
    if pre == "提前" or post in ("前", "以前", "之前"):
        return "before"
    if post is None and re.search(r"(?:届满|期满|到期)前$", sentence[: m.start()].rstrip()):  # 有效期届满前三十日
        return "before"
    if post in ("内", "以内", "之内"):
        return "within"
    capped = _capped(sentence, m)
    if capped:
        return capped
    if pre == "超过" or (pre == "连续" and post == "以上"):
        return "after"
    if pre == "延长":
        return "extension"
    if pre == "为" and re.search(r"期限?$|期$", sentence[: m.start()]):
        return "term"
    return None


def _int(text: str) -> int | None:
    try:
        return cn_to_int(text)
    except ValueError:  # a run of numeral characters that is not a number (万万)
        return None


def _node_limits(doc_ref: str, node: Node, inherited_actor: str | None) -> Iterator[TimeLimit]:
    text = node.text.strip()
    last_trigger: str | None = None
    last_actor: str | None = None
    for sentence in _SENTENCE.findall(text):
        if _NOT_LIMIT_SENTENCE.search(sentence):
            continue
        found: list[tuple[int, TimeLimit]] = []
        condition: str | None = None
        for m in _DURATION.finditer(sentence):
            follow = sentence[m.end() : m.end() + 8]
            if m.start() > 0 and sentence[m.start() - 1] in "年月" and m["pre"] is None:
                continue  # a calendar date (2024年11月22日前), not a period
            if _NOT_LIMIT_AFTER.match(follow) or (m["post"] == "以上" and m["pre"] not in ("连续", "提前")):
                continue
            n = _int(m["n"])
            direction = _direction(m, sentence)
            if n is None or direction is None or G.EXCEPTION_CLAUSE.match(sentence[m.end() :]):
                continue  # …超过六十日的除外: an exception, not a limit
            conditional = direction in ("within", "before") and _conditional(sentence, m)
            if conditional and not _conditional_limit(sentence, m):
                continue
            action = _action(sentence, m) if direction in ("within", "before") else None
            if conditional and action:
                action = action.removesuffix("的") or None
            actor = _actor_in_sentence(sentence, m.start())
            if actor is None and action:  # 应急响应终止3个工作日内，各县…应急指挥部将…报送
                a = _ACTOR.match(action)
                if a and re.match(r"将|应|须|必须|向|在|于|按|把|对", action[a.end() :]):
                    actor, action = a.group(0), action[a.end() :].strip() or None
            actor = actor or last_actor or inherited_actor
            trig = None if direction == "extension" else _trigger(sentence, m, direction, actor, condition)
            if trig is None and direction == "within":
                late = _DEEMED_START.search(sentence, m.end())  # …逾期不告知的，自收到申请材料之日起即为受理
                trig = late.group(1) if late else last_trigger
            trig = trig or None
            last_trigger = trig or last_trigger
            if conditional:
                condition = action
            found.append(
                (
                    m.start(),
                    TimeLimit(
                        doc_ref,
                        node.eid,
                        direction,
                        n,
                        _UNIT[m["unit"]],
                        m.group(0),
                        trig,
                        actor,
                        action,
                        None,
                        sentence.strip(),
                    ),
                )
            )
        for m in _FREQUENCY.finditer(sentence):
            unit = {"年": "年", "季度": "个月", "月": "个月", "半年": "个月", "周": "周"}[m["pu"]]
            period = _int(m["pn"]) if m["pn"] else 1
            times = _int(m["n"])
            if period is None or times is None:
                continue
            if m["pu"] == "季度":
                period *= 3
            elif m["pu"] == "半年":
                period *= 6
            ca, _ = _clause_bounds(sentence, m.start(), m.end())
            prev = sentence[: max(ca - 1, 0)]
            what = re.split(r"[，,；;]", prev)[-1].strip() if prev else ""
            what = re.sub(r"^对", "", what) or None
            actor = _actor_in_sentence(sentence, m.start()) or last_actor or inherited_actor
            found.append(
                (
                    m.start(),
                    TimeLimit(
                        doc_ref,
                        node.eid,
                        "frequency",
                        times,
                        unit,
                        m.group(0),
                        None,
                        actor,
                        what,
                        period,
                        sentence.strip(),
                    ),
                )
            )
        for m in G.ANNUAL_DATE.finditer(sentence):
            month, day = _int(m["m"]), _int(m["d"])
            if month is None or day is None or not (1 <= month <= 12 and 1 <= day <= 31):
                continue
            actor = _actor_in_sentence(sentence, m.start()) or _first_actor(sentence) or last_actor or inherited_actor
            action = _action(sentence, m)
            if action and actor and action.startswith(actor):  # 每年一月三十一日前，制定机关应当将…
                action = _MODAL.sub("", action[len(actor) :], count=1).strip() or None
            found.append(
                (
                    m.start(),
                    TimeLimit(
                        doc_ref,
                        node.eid,
                        "annual",
                        1,
                        "年",
                        m.group(0),
                        None,
                        actor,
                        action,
                        1,
                        sentence.strip(),
                        fixed=f"{month:02d}-{day:02d}",
                    ),
                )
            )
        for _, tl in sorted(found, key=lambda x: x[0]):
            yield tl
        last_actor = _first_actor(sentence) or last_actor


_LEAF_KINDS = ("paragraph", "item", "subitem")


@dataclass(frozen=True, slots=True)
class _UnitRule:
    """A definition article making N日 limits working days: those on ``actor`` (行政机关), or those whose
    number is in ``numbers`` (“五日”、“七日”), or, with neither, every 日 limit of the document."""

    actor: str | None
    numbers: frozenset[int] | None
    source: str  # 第八十二条 chp_8__art_82__para_1

    def covers(self, t: TimeLimit) -> bool:
        if t.unit != "日" or t.direction not in ("within", "before", "after", "extension", "term"):
            return False
        if self.numbers is not None:
            return t.n in self.numbers
        if self.actor is not None:
            return t.actor is not None and self.actor in t.actor
        return True


def _citation(article: Node | None, node: Node) -> str:
    """第四十条第二款 (the paragraph only when the article has several), followed by the node id."""
    if article is None or article.number is None:
        return node.eid
    cite = f"第{int_to_cn(article.number)}条"
    paras = [c for c in article.children if c.kind == "paragraph"]
    if len(paras) > 1 and node in paras:
        cite += f"第{int_to_cn(paras.index(node) + 1)}款"
    return f"{cite} {node.eid}"


def _unit_rules(body: Node) -> list[_UnitRule]:
    """The definition articles of a document that make its 日 limits working days (行政许可法 第八十二条,
    行政复议法 第四十条第二款). One pass over the body; each node's text is searched by two bounded forms."""
    rules: list[_UnitRule] = []

    def visit(node: Node, article: Node | None) -> None:
        for child in node.children:
            art = child if child.kind == "article" else article
            if child.kind in _LEAF_KINDS and "工作日" in child.text:
                for sentence in _SENTENCE.findall(child.text):
                    nums = G.UNIT_DEFINITION_NUMBERS.search(sentence)
                    if nums:
                        numbers = G.quoted_day_numbers(nums["nums"])
                        if numbers:
                            rules.append(_UnitRule(None, numbers, _citation(art, child)))
                        continue
                    scope = G.UNIT_DEFINITION_SCOPE.search(sentence)
                    if scope:
                        actor = _actor_of(scope["scope"]) if scope["scope"] else None
                        rules.append(_UnitRule(actor, None, _citation(art, child)))
            visit(child, art)

    visit(body, None)
    return rules


def _apply_unit_rules(limits: list[TimeLimit], rules: list[_UnitRule]) -> list[TimeLimit]:
    out: list[TimeLimit] = []
    for t in limits:
        rule = next((r for r in rules if r.covers(t)), None)
        out.append(replace(t, unit="工作日", unit_printed=t.unit, unit_defined_by=rule.source) if rule else t)
    return out


def extract_time_limits(document: Document, ref: str | None = None) -> list[TimeLimit]:
    """Every time limit in ``document.body``, in document order.

    ``ref`` names the document in the output (default: its 文号, else its title). Actors not
    stated in a node come from the parent paragraph's lead-in (items) or from the first
    sentence of the nearest earlier paragraph of the same article that states one.
    Returns an empty list for a document without a body.
    """
    if document.body is None:
        return []
    doc_ref = ref or document.doc_number or document.title
    out: list[TimeLimit] = []

    def visit(node: Node, context_actor: str | None) -> None:
        last_para_actor: str | None = None
        for child in node.children:
            if child.kind in _LEAF_KINDS or child.kind.startswith("heading"):
                own = _first_actor(child.text)
                inherited = last_para_actor or context_actor
                out.extend(_node_limits(doc_ref, child, inherited))
                if own:
                    last_para_actor = own
                visit(child, own or inherited)
            else:
                visit(child, None if child.kind in ("article", "chapter", "section") else context_actor)

    visit(document.body, None)
    rules = _unit_rules(document.body)
    return _apply_unit_rules(out, rules) if rules else out


def extract_from_issue(issue: Issue, refs: Iterable[str] | None = None) -> list[TimeLimit]:
    """Time limits of every document of an issue (or of the documents named in ``refs``)."""
    docs = [issue.find(r) for r in refs] if refs else issue.documents
    out: list[TimeLimit] = []
    for d in docs:
        if d is not None:
            out.extend(extract_time_limits(d))
    return out
