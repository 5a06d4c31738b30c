"""Quantitative targets inside plan tasks (issue #7).

A target is a metric, a value with its unit and a comparison, with a deadline when the
sentence gives one: ``力争到2025年年底，新能源客车产量达到4000辆`` -> metric 新能源客车产量,
value 4000, unit 辆, comparison 达到, deadline 2025-12-31. Three printed shapes:

1. metric, comparison, number: ``漏损率控制在7.7%以内``, ``产量达到4000辆``;
2. verb, object, number: ``新增市级以上创新平台5个左右``, ``建成充电基础设施2.5万台``;
3. verb, number, counted object, several to a sentence, each its own target:
   ``引进30名金融高级管理人才和50名金融高级专业人才，跟踪培养300名金融骨干人才`` -> three
   (an item without a verb of its own takes the verb of the item before it).

Deadlines: ``到2025年年底`` / ``2025年年底前`` / ``到2027年`` -> the last day of that year;
``到2026年6月底`` -> the last day of that month; ``2025年上半年`` -> June 30; ``每年`` ->
recurring (no date). A deadline applies to the targets of its sentence (up to 。；).

Guarantees: pure functions of the text, linear in its length, never raise.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from gongbao.grammar.targets import FIVE_YEAR_END, TABLE_ATTRIBUTE_HEAD, TABLE_METRIC_HEAD, TABLE_YEAR_HEAD

__all__ = ["Target", "extract_table_targets", "extract_targets", "find_deadline", "table_rows"]

# Units, longest first so 万平方米 wins over 平方米 and 个百分点 over 个.
_UNITS = [
    "微克/立方米",
    "个百分点",
    "万平方米",
    "亿立方米",
    "万立方米",
    "万公顷",
    "公顷",
    "平方公里",
    "平方米",
    "立方米",
    "万千瓦时",
    "亿千瓦时",
    "万千瓦",
    "千瓦时",
    "千瓦",
    "兆瓦",
    "公里",
    "千米",
    "亿吨",
    "万吨",
    "吨",
    "万亩",
    "亩",
    "亿斤",
    "万斤",
    "斤",
    "亿元",
    "万元",
    "元",
    "万人次",
    "人次",
    "万人",
    "人",
    "万名",
    "名",
    "万辆",
    "辆",
    "万台",
    "万个",
    "万户",
    "万家",
    "万套",
    "台套",
    "台",
    "套",
    "家",
    "个",
    "座",
    "处",
    "所",
    "条",
    "项",
    "场次",
    "场",
    "次",
    "户",
    "株",
    "棵",
    "批",
    "件",
    "张",
    "万只",
    "只",
    "万头",
    "头",
    "倍",
    "岁",
    "%",
    "‰",
    "米",
]
_BASE_UNIT_ALT = "|".join(re.escape(u) for u in _UNITS)
# A magnitude before a unit the list lacks with it (2亿公顷), and a unit per another
# (铁路网密度达到507公里/万平方公里: the unit is the whole ratio, not 公里).
_UNIT_ALT = (
    rf"(?:(?:{_BASE_UNIT_ALT})|(?:亿|万|千万|百万)(?:{_BASE_UNIT_ALT}))(?:/(?:百|千|万|亿)?(?:{_BASE_UNIT_ALT}|年|日))?"
)
_NUM = r"(\d+(?:\.\d+)?)"
# 6%-6.5%: the unit may be printed at both ends of a range.
_RANGE = r"(?:(?:%|‰)?[-—–~～至到](?P<high>\d+(?:\.\d+)?))?"
# Shape 1: comparison words that precede the number.
_COMPARISONS: list[tuple[str, str]] = [
    ("不低于", ">="),
    ("不少于", ">="),
    ("不小于", ">="),
    ("不超过", "<="),
    ("低于", "<"),
    ("高于", ">"),
    ("不高于", "<="),
    ("不大于", "<="),
    ("控制在", "<="),
    ("保持在", ">="),
    ("稳定在", ">="),
    ("提高到", "="),
    ("提高至", "="),
    ("提升到", "="),
    ("提升至", "="),
    ("增加到", "="),
    ("增长到", "="),
    ("增加", "="),
    ("下降到", "="),
    ("降低到", "="),
    ("降至", "="),
    ("下降", "="),
    ("降低", "="),
    ("减少", "="),
    ("提高", "="),
    ("增长", "="),
    ("达到", "="),
    ("突破", ">"),
    ("超过", ">"),
    ("达", "="),
]
# A change against a base year (较2020年下降35%以上) is printed with its base.
_COMP_ALT = r"(?:较|比)\d{4}年(?:底|末)?(?:分别)?(?:下降|降低|减少|提高|增长|增加)|" + "|".join(
    c for c, _ in _COMPARISONS
)
_COMP_REL = dict(_COMPARISONS)
# Shape 2: verbs whose object precedes the number.
_VERBS = "新改建|改扩建|新开工|新增|新建|改建|扩建|建成|建设|培育|打造|创建|认定|引进|举办|完成|实现|累计|发展|形成|争创|推广|改造|储备|招引|突破|推动|开放|培训|开展|推出|带动|吸纳|开工|建立|设立|组建|创成|实施|投资"

_SHAPE1 = re.compile(
    rf"(?P<metric>[^，,。；;：:、]{{1,30}}?)(?P<comp>{_COMP_ALT})(?:约|每人|人均)?(?<![\d.\-—–~～])(?P<num>{_NUM[1:-1]}){_RANGE}\s*(?P<about>余|多)?(?P<unit>{_UNIT_ALT})"
    r"(?P<qual>以上|以内|以下|左右)?"
)
_SHAPE2 = re.compile(
    rf"(?P<verb>{_VERBS})(?P<metric>[^，,。；;：:]{{0,30}}?)约?(?<![\d.\-—–~～])(?P<num>{_NUM[1:-1]}){_RANGE}\s*(?P<about>余|多)?(?P<unit>{_UNIT_ALT})"
    r"(?P<qual>以上|以内|以下|左右)?"
)
# The object printed after the number (建成10家省级中药材生态种植（养殖）园区), up to a
# conjunction that opens the next counted item (引进30名金融高级管理人才和50名…).
_TAIL_RE = re.compile(r"(?:(?!(?:和|及|以及|与)(?:不少于|不低于|不超过|约)?\d)[^，,。；;：:、\d]){0,24}")
# Further items of a list after a verb target: 新改建综合公园3处、专类公园6处.
_LIST_ITEM_RE = re.compile(
    rf"、(?P<metric>[^，,。；;：:、\d]{{1,20}}?)(?P<num>{_NUM[1:-1]}){_RANGE}(?P<unit>{_UNIT_ALT})(?P<qual>以上|以内|以下|左右)?"
)
# The same verb's next object after a comma (建成省级片区18个以上，市级片区30个以上，): a
# clause of its own made of an object, a number and a unit only.
_COMMA_ITEM_RE = re.compile(
    rf"[，,](?P<metric>[^，,。；;：:、\d](?:[^，,。；;：:、\d]|、(?!\d)){{0,19}}?)(?P<num>{_NUM[1:-1]}){_RANGE}(?P<unit>{_UNIT_ALT})(?P<qual>以上|以内|以下|左右)?"
    r"(?=[，,。；;]|$)"
)
# Subjects printed before a counting verb that belong to the metric (城镇新增就业, 农村新建…).
_SUBJECTS = frozenset({"城镇", "农村", "城乡", "城市", "乡村", "全县", "全区", "全省", "全州", "全年"})
# Words that open a comma item with a verb of its own (涉及居民33735户 after 改造完成…137个).
_OWN_VERB_RE = re.compile(r"涉及|惠及|覆盖|受益|服务|带动|吸纳")
# A tail that runs to the end of its clause may hold 、 (建成1—2个国家级、省级产业集聚区；).
_WIDE_TAIL_RE = re.compile(r"[^，,。；;：:\d]{1,24}(?=[，,。；;：:]|$)")


def _comma_item(sentence: str, pos: int) -> re.Match[str] | None:
    """A comma list item after a verb target, unless its object has a verb or comparison of its own."""
    m = _COMMA_ITEM_RE.match(sentence, pos)
    if m and not re.search(rf"{_VERBS}|{_COMP_ALT}|其中|占", m.group("metric")):
        return m
    return None


# Shape 3, counted objects: a verb, a number with its unit, then what is counted, several
# to a sentence (引进30名金融高级管理人才和50名金融高级专业人才，跟踪培养300名金融骨干人才).
# Verbs that take a count; a chain of them (引进和培养, 评选资助) is one verb.
_COUNT_VERBS = (
    _VERBS
    + "|选拔|培养|支持|评选|资助|扶持|组织|发动|筹建|产生|跟踪|加强|吸引|招聘|招收|遴选|选派|派出|表彰|孵化|帮扶|安置|引育|集聚|聚集|选聘|评审|命名|服务|接收|输送"
)
_VERB_CHAIN_RE = re.compile(rf"(?:(?:{_COUNT_VERBS})(?:和|与|并|、)?)*(?:{_COUNT_VERBS})(?:与)?$")
_COUNT_UNITS = "万名|名|万人次|人次|万人|人|万家|家|万个|个|场次|场|所|座|处|项|批|支|户|件|期|班|篇|部"
_OBJECT_END = r"(?=(?:、|和|及|以及|与|，|,)(?:不少于|不低于|不超过|超过|约)?\d|[，,。；;：:]|$)"
_SHAPE3 = re.compile(
    rf"(?P<comp>不少于|不低于|不超过|超过|约)?(?<![\d.\-—–~～])(?P<num>{_NUM[1:-1]}){_RANGE}(?P<about>余|多)?"
    rf"(?P<unit>{_COUNT_UNITS})(?P<qual>左右|以上)?(?P<obj>(?:[^，,。；;：:\d、]|、(?!(?:不少于|不低于|不超过|超过|约)?\d)){{2,48}}?){_OBJECT_END}"
)
# Time and manner words before the verb (5年内重点引进, 每年选拔, 择优设立).
_VERB_LEAD_RE = re.compile(r"(?:重点|大力|着力|择优|积极|力争|共|累计|新|再|逐步|继续|进一步)$")

_LIST_VALUE_RE = re.compile(
    rf"(?:、|和|及)(?P<num>{_NUM[1:-1]}){_RANGE}(?P<unit>{_UNIT_ALT})(?P<qual>以上|以内|以下|左右)?"
)
_SENTENCE_RE = re.compile(r"[^。；;]+")
_WS_RE = re.compile(r"\s+")

_DEADLINE_RE = re.compile(
    r"(?P<to>到|至|在)?(?P<y>\d{4})年(?:(?P<m>\d{1,2})月(?!\d)|(?P<half>上半年|下半年))?"
    r"(?P<end>年底|年末|底|末)?(?P<before>前|以前)?"
)
_RECURRING_RE = re.compile(r"每年|每季度|每月|逐年")
# a completion verb right after a month (2024年6月完成…): the month is when the work is due
_DONE_RE = re.compile(r"(?:全面|基本|全部)?(?:完成|建成|完工|办结|到位)")
# a month's end with no year of its own (9月底前), and the years a text names
_MONTH_DUE_RE = re.compile(r"(?<![\d年])(?P<m>\d{1,2})月(?:底|末)前")
_YEAR_RE = re.compile(r"(\d{4})年")
# The start of a period (自2019年1月1日…至…), printed right before its end.
_PERIOD_START_RE = re.compile(r"自\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?$")


@dataclass(frozen=True, slots=True)
class Target:
    """One quantitative target: ``metric`` ``comparison`` ``value`` ``unit`` by ``deadline``.

    ``comparison`` is the printed word (达到, 不低于, 控制在…以内, 突破, 以上, 左右…) and
    ``relation`` its meaning (``=``, ``>=``, ``<=``, ``>``, ``~``); ``recurring`` is true
    for targets set per period (每年…). ``text`` is the sentence the target was read from.
    """

    metric: str
    value: float
    unit: str
    comparison: str
    relation: str
    deadline: date | None
    recurring: bool
    text: str
    value_max: float | None = None  # the upper end of a range (打造4—5处)
    # A target table's row (指标名称 | 2020年 | 2025年 | 属性) also gives the base year's value
    # and the printed attribute (约束性 / 预期性).
    baseline: float | None = None
    baseline_year: int | None = None
    attribute: str | None = None

    def to_json(self) -> dict[str, Any]:
        value: float | int = int(self.value) if self.value == int(self.value) else self.value
        return {
            "metric": self.metric,
            "value": value,
            "value_max": self.value_max,
            "unit": self.unit,
            "comparison": self.comparison,
            "relation": self.relation,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "recurring": self.recurring,
            "text": self.text,
            "baseline": self.baseline,
            "baseline_year": self.baseline_year,
            "attribute": self.attribute,
        }

    def to_record(self) -> dict[str, Any]:
        """Every field, JSON-safe, for the store (``from_record`` gives the target back)."""
        return {
            "metric": self.metric,
            "value": self.value,
            "unit": self.unit,
            "comparison": self.comparison,
            "relation": self.relation,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "recurring": self.recurring,
            "text": self.text,
            "value_max": self.value_max,
            "baseline": self.baseline,
            "baseline_year": self.baseline_year,
            "attribute": self.attribute,
        }

    @classmethod
    def from_record(cls, r: dict[str, Any]) -> Target:
        return cls(
            metric=r["metric"],
            value=float(r["value"]),
            unit=r["unit"],
            comparison=r["comparison"],
            relation=r["relation"],
            deadline=date.fromisoformat(r["deadline"]) if r["deadline"] else None,
            recurring=bool(r["recurring"]),
            text=r["text"],
            value_max=None if r["value_max"] is None else float(r["value_max"]),
            baseline=None if r.get("baseline") is None else float(r["baseline"]),
            baseline_year=r.get("baseline_year"),
            attribute=r.get("attribute"),
        )


def find_deadline(text: str) -> tuple[date | None, bool]:
    """The first deadline in ``text`` and whether the text is recurring (每年…).

    ``到2025年年底`` -> 2025-12-31; ``2030年年底前`` -> 2030-12-31; ``到2027年`` -> 2027-12-31;
    ``2026年6月底前`` -> 2026-06-30; ``2025年上半年`` -> 2025-06-30. Returns ``(None, …)``
    when there is no date.
    """
    s = _WS_RE.sub("", text)
    for m in _DEADLINE_RE.finditer(s):
        # A bare date (2024年12月28日) is no deadline: one needs 到, 底/末, 前 or a half year, or a
        # month the work is done in (2024年6月完成茅塔河小流域试点工作, 十堰 2024).
        done = bool(m.group("m")) and _DONE_RE.match(s, m.end()) is not None
        if not (m.group("to") or m.group("end") or m.group("before") or m.group("half") or done):
            continue
        # 自2019年1月1日至2027年供暖期结束: the end of a period a policy holds, no deadline.
        if m.group("to") == "至" and _PERIOD_START_RE.search(s, max(0, m.start() - 16), m.start()):
            continue
        year = int(m.group("y"))
        if not 1990 <= year <= 2100:
            continue
        if m.group("m"):
            month = int(m.group("m"))
            if not 1 <= month <= 12:
                continue
            return date(year, month, calendar.monthrange(year, month)[1]), bool(_RECURRING_RE.search(s))
        if m.group("half") == "上半年":
            return date(year, 6, 30), bool(_RECURRING_RE.search(s))
        return date(year, 12, 31), bool(_RECURRING_RE.search(s))
    # 到“十四五”期末 (赣州): the last year of that five-year plan (十N五 ends in 2005 + 5N)
    fy = FIVE_YEAR_END.search(s)
    if fy:
        return date(2005 + 5 * "一二三四五六七八九".index(fy.group("n")) + 5, 12, 31), bool(_RECURRING_RE.search(s))
    # 2025年，…列入2025年去产能计划的生产设施9月底前…停止排污 (开封 2025): a month's end before which
    # something is due, in the one year the sentence names before it
    mm = _MONTH_DUE_RE.search(s)
    if mm:
        years = set(_YEAR_RE.findall(s, 0, mm.start()))
        month = int(mm.group("m"))
        if len(years) == 1 and 1 <= month <= 12:
            year = int(years.pop())
            if 1990 <= year <= 2100:
                return date(year, month, calendar.monthrange(year, month)[1]), bool(_RECURRING_RE.search(s))
    return None, bool(_RECURRING_RE.search(s))


def _comparison(comp: str | None, qual: str | None) -> tuple[str, str]:
    """The printed comparison and its relation: 以上/以内/左右 after the number decide the relation."""
    rel_of_qual = {"以上": ">=", "以内": "<=", "以下": "<=", "左右": "~"}
    if comp == "控制在" and qual in ("以内", "以下"):
        return "控制在…以内", "<="
    if comp and comp not in ("达", "达到"):
        if qual in ("以上", "以内", "以下") and comp in ("增长", "提高", "下降", "降低", "减少", "增加"):
            return f"{comp}…{qual}", rel_of_qual[qual]  # 生产总值增长6%以上: a growth of at least 6%
        return comp, rel_of_qual.get(qual or "", _COMP_REL.get(comp, "="))
    if qual:
        return qual, rel_of_qual[qual]
    return "达到", "="


def _clean_metric(s: str) -> str:
    s = s.strip(" ，,")
    # Drop a leading deadline phrase and filler such as 力争/确保/努力实现.
    # Drop a leading deadline phrase, but keep a subject printed before a bare year
    # (武汉市2017年细颗粒物年均浓度: the city is part of what is measured).
    y = re.match(r"^(?P<pre>.*?)\d{4}年(?P<suf>(?:\d{1,2}月)?(?:年底|底|末|上半年)?(?:前|以前)?[，,]?)", s)
    if y and not (y.group("pre") and not y.group("suf") and not re.search(r"(?:到|至|在|于)$", y.group("pre"))):
        s = s[y.end() :]
    s = re.sub(
        r"^(?:[■□●○◆◇▲△★☆·•“「『]|\d+年(?:内|来|间)|力争|确保|争取|努力|全市|实现|推动|带动|使|到|并|其中|每年)+", "", s
    )
    s = re.sub(r"(?:分别|均|各|共)$", "", s)
    return s.strip(" ，,的")


def extract_targets(text: str) -> list[Target]:
    """Quantitative targets in ``text`` (a task's covered sentences), in text order.

    Each sentence (up to 。；) is read for shape 1 and, where it finds nothing, shape 2;
    the sentence's deadline, else the deadline of the text's first dated sentence when
    the text has exactly one, applies. Reward amounts (给予…万元) are not targets.
    """
    rows = _table_rows(text)
    if rows:
        # a target table's lines are read by column, not as sentences
        parts, pos = [], 0
        for (a, b), _ in rows:
            parts.append(text[pos:a] + "。")
            pos = b
        text = "".join(parts) + text[pos:]
    s = _WS_RE.sub("", text)
    out: list[Target] = []
    carried: date | None = None
    for sm in _SENTENCE_RE.finditer(s):
        sentence = sm.group(0)
        deadline, recurring = find_deadline(sentence)
        # A deadline holds for the sentences that follow it in the same task
        # (到2027年年底，完成…工程。累计改造提升85万亩…) until another one is given.
        if deadline is None and not recurring:
            deadline = carried
        carried = deadline or carried
        taken = bytearray(len(sentence))  # 1 where a number already belongs to a target
        found = _counted(sentence, taken, deadline, recurring)
        for rx, shape in ((_SHAPE1, 1), (_SHAPE2, 2)):
            for m in rx.finditer(sentence):
                a = m.start("num")
                if taken[a]:
                    continue
                target = _target(sentence, m, shape, deadline, recurring)
                if target is None:
                    continue
                first = len(found)  # this match's values start here
                found.append((m.start(), target))
                taken[a : m.end()] = b"\x01" * (m.end() - a)
                pos = m.end()
                # 减排量分别不低于0.85万吨、0.62万吨: more values for the same metric.
                while shape == 1 and (lv := _LIST_VALUE_RE.match(sentence, pos)):
                    comparison, relation = _comparison(m.group("comp"), lv.group("qual") or m.group("qual"))
                    high = lv.group("high")
                    found.append(
                        (
                            lv.start(),
                            replace(
                                target,
                                value=float(lv.group("num")),
                                unit=lv.group("unit"),
                                comparison=comparison,
                                relation=relation,
                                value_max=float(high) if high else None,
                            ),
                        )
                    )
                    taken[lv.start("num") : lv.end()] = b"\x01" * (lv.end() - lv.start("num"))
                    pos = lv.end()
                if shape == 1 and len(found) - first > 1 and "分别" in m.group("metric")[-2:] + m.group("comp"):
                    _pair_respectively(found, first)
                while shape == 2 and (li := _LIST_ITEM_RE.match(sentence, pos) or _comma_item(sentence, pos)):
                    if taken[li.start("num")]:
                        break
                    comparison, relation = _comparison(None, li.group("qual"))
                    high = li.group("high")
                    found.append(
                        (
                            li.start(),
                            Target(
                                # 涉及居民33735户 has a verb of its own: the list's verb is not carried
                                metric=li.group("metric")
                                if _OWN_VERB_RE.match(li.group("metric"))
                                else f"{m.group('verb')}{li.group('metric')}",
                                value=float(li.group("num")),
                                unit=li.group("unit"),
                                comparison=comparison,
                                relation=relation,
                                deadline=deadline,
                                recurring=target.recurring,
                                text=sentence,
                                value_max=float(high) if high else None,
                            ),
                        )
                    )
                    taken[li.start("num") : li.end()] = b"\x01" * (li.end() - li.start("num"))
                    pos = li.end()
        out.extend(t for _, t in sorted(found, key=lambda x: x[0]))
    out.extend(t for _, t in rows if t is not None)
    return out


def _pair_respectively(found: list[tuple[int, Target]], first: int) -> None:
    """``二氧化硫（SO2）、氮氧化物（NOX）和挥发性有机物（VOCs）等…排放总量比2015年分别下降15%、10%和26%``:
    the i-th value is the i-th listed item's, when the list has as many items as values and the
    last item's own name can be told from the noun they share (after its bracket, before 等, or
    the Latin letters of NOx、VOCs重点工程减排量); else every value keeps the whole list."""
    group = found[first:]
    metric = group[0][1].metric
    # 、 first: 京津冀及周边地区、汾渭平原 are two regions, not three
    items = next((x for sep in ("、", "、|和", "、|和|及|与") if len(x := re.split(sep, metric)) == len(group)), [])
    if not items or any(not x for x in items):
        return
    *heads, last = items
    if all(h.endswith(("）", ")")) for h in heads):
        cut = re.search(r"[）)]", last)
    elif all(re.fullmatch(r"[A-Za-z0-9.]+", h) for h in heads):
        cut = re.match(r"[A-Za-z0-9.]+", last)
    elif "等" in last:
        cut = re.search(r"(?=等)", last)
    else:  # 京津冀及周边地区、汾渭平原PM2.5浓度: the regions end where the Latin name begins
        cut = re.search(r"(?=[A-Za-z])", last) if not any(re.search(r"[A-Za-z]", h) for h in heads) else None
    if not cut or not 0 < cut.end() < len(last):
        return
    shared = re.sub(r"^等", "", last[cut.end() :]).strip("的")
    names = [*heads, last[: cut.end()]]
    for k, (pos, t) in enumerate(group):
        found[first + k] = (pos, replace(t, metric=f"{names[k]}{shared}"))


def _target(sentence: str, m: re.Match[str], shape: int, deadline: date | None, recurring: bool) -> Target | None:
    """One target from a shape match, or None when the match is no target.

    Not targets: reward and subsidy amounts (给予…万元奖励), conditions (…3人以上的，),
    numbers inside a name (徒骇河（湖南路—建设路段）4.5公里), clause openers 对/以.
    """
    a, b = m.span("num")
    raw_metric = m.group("metric")
    if shape == 1 and m.start("metric") > 0 and sentence[m.start("metric") - 1] not in "，,。；;：:":
        # 武汉市、襄阳市、荆门市、孝感市可吸入颗粒物年均浓度较2012年下降18%: the subject is the
        # whole list up to the clause's start, not its last item; so is a long subject the
        # metric's length cut (二氧化硫（SO2）、氮氧化物（NOX）和挥发性有机物…排放总量).
        head = max(sentence.rfind(c, 0, m.start("metric")) for c in "，,。；;：:") + 1
        listed = sentence[head : m.start("metric")]
        if len(listed) <= 48 and not re.search(rf"(?:{_COMP_ALT})(?:约|每人|人均)?\d", listed):
            raw_metric = listed + raw_metric
    metric = _clean_metric(raw_metric)
    if (not metric and shape == 1) or re.search(
        r"给予|奖励|奖补|补助|补贴|资金|补偿", sentence[max(0, a - 12) : b + 8]
    ):
        return None
    if metric.count("（") + metric.count("(") != metric.count("）") + metric.count(")"):
        return None
    seg_start = max(sentence.rfind(c, 0, m.start("metric") + 1) for c in "，,：:") + 1
    if sentence.startswith(("对", "以", "凡", "按照", "按"), seg_start) and shape == 2:
        return None
    if sentence.startswith(("对", "凡"), seg_start):
        return None
    tail_m = _TAIL_RE.match(sentence, m.end())
    tail = tail_m.group(0) if tail_m else ""
    wide = _WIDE_TAIL_RE.match(sentence, m.end())
    if wide and "、" in wide.group(0) and not wide.group(0).startswith("、"):
        tail = wide.group(0)
    if tail.count("（") != tail.count("）") or tail.startswith(("”", "」", "』", "’")):
        tail = ""  # …人才贡献率达到40%”的三大人才发展目标: the quote's end is no object
    if sentence.startswith("的", m.end()) and sentence[m.end() + 1 : m.end() + 2] in ("", "，", ","):
        # A condition (其中团队达到3人以上的，…), not a target.
        return None
    tail = tail.removeprefix("的")
    qual = m.group("qual") or ("以上" if m.group("about") else None)  # 100余场: more than 100
    for q in ("以上", "以内", "左右"):
        if not qual and tail.endswith(q):
            # 培育5家节水服务企业以上: the qualifier printed after the object.
            tail, qual = tail[: -len(q)], q
    if len(tail) > 23:
        tail = ""
    comp_word = m.group("comp") if shape == 1 else None
    comparison, relation = _comparison(comp_word, qual)
    # 新开工并基本改造完成城镇老旧小区: a chain of verbs keeps its 并
    link = "并" if shape == 2 and raw_metric.startswith("并") and not metric.startswith("并") else ""
    name = metric if shape == 1 else f"{m.group('verb')}{link}{metric}"
    if shape == 2:
        # 城镇新增就业5万人以上: a short subject before the verb is part of what is counted
        head = max(sentence.rfind(c, 0, m.start()) for c in "，,。；;：:、") + 1
        subject = re.sub(rf"(?:{_VERB_LEAD_RE.pattern[:-1]})+$", "", _clean_metric(sentence[head : m.start()]))
        if 2 <= len(subject) <= 4 and not re.search(r"[\d的地年月日、]", subject) and subject in _SUBJECTS:
            name = subject + name
    name = name + tail if tail and len(metric) <= 8 else name
    if name == m.group("verb") if shape == 2 else not name:
        return None
    high = m.group("high")
    before = sentence[: m.start()] + m.group(0)
    return Target(
        metric=name,
        value=float(m.group("num")),
        unit=m.group("unit"),
        comparison=comparison,
        relation=relation,
        deadline=deadline,
        # 每年 counts for the clause it is printed in (每年招引…100个，带动…1000亿元: the second is not per year).
        recurring=recurring and "每" in before[seg_start:][-40:],
        text=sentence,
        value_max=float(high) if high else None,
    )


def _counted(sentence: str, taken: bytearray, deadline: date | None, recurring: bool) -> list[tuple[int, Target]]:
    """Shape 3: counted objects after a verb, each number its own target.

    ``5年内重点引进30名金融高级管理人才和50名金融高级专业人才，跟踪培养300名金融骨干人才``
    -> 引进金融高级管理人才 30 名, 引进金融高级专业人才 50 名, 跟踪培养金融骨干人才 300 名. An item
    with no verb of its own (…和50名…, ，不少于20名…) takes the verb of the item before it; a
    number with no verb before it is left to shapes 1 and 2.
    """
    out: list[tuple[int, Target]] = []
    verb: str | None = None
    prev_end = 0
    for m in _SHAPE3.finditer(sentence):
        a = m.start("num")
        if taken[a]:
            verb = None
            continue
        start = max(prev_end, max(sentence.rfind(c, 0, m.start()) for c in "，,：:") + 1)
        prefix = sentence[start : m.start()]
        if verb and prev_end and not re.sub(r"^(?:和|及|以及|与|、|，|,)+", "", sentence[prev_end : m.start()]):
            pass  # the next item of the same verb
        else:
            chain = _VERB_CHAIN_RE.search(prefix)
            verb = chain.group(0) if chain else None
        prev_end = m.end()
        if not verb:
            continue
        seg_start = max(sentence.rfind(c, 0, m.start() + 1) for c in "，,：:") + 1
        if sentence.startswith(("对", "凡", "按照", "按", "以"), seg_start):
            continue
        if re.search(r"给予|奖励|奖补|补助|补贴|资金|补偿", sentence[max(0, a - 12) : m.end("unit") + 8]):
            continue
        obj = m.group("obj")
        qual = m.group("qual") or ("以上" if m.group("about") else None)
        for q in ("以上", "左右"):
            if not qual and obj.endswith(q):
                obj, qual = obj[: -len(q)], q
        if (
            obj.startswith(("的", "工作日", "小时", "年", "月", "天", "日", "周", "次"))
            or obj.endswith(("内", "后", "前", "期间", "以来", "的"))
            or obj.count("（") + obj.count("(") != obj.count("）") + obj.count(")")
        ):
            continue
        # A long object is named by what follows its modifiers: 能够突破关键技术…的创新创业领军人才
        # -> 创新创业领军人才 (the shortest cut at a 的 that leaves at most 16 characters).
        cuts = [obj[i + 1 :] for i, ch in enumerate(obj) if ch == "的" and len(obj) - i > 3]
        if len(obj) > 16 and cuts:
            obj = next((c for c in cuts if len(c) <= 16), cuts[-1])
        comp = m.group("comp")
        if comp == "约":
            comp, qual = None, qual or "左右"
        comparison, relation = _comparison(comp, qual)
        high = m.group("high")
        out.append(
            (
                m.start(),
                Target(
                    metric=f"{verb}{obj}",
                    value=float(m.group("num")),
                    unit=m.group("unit"),
                    comparison=comparison,
                    relation=relation,
                    deadline=deadline,
                    recurring=recurring and "每" in sentence[max(0, m.start() - 40) : m.end()],
                    text=sentence,
                    value_max=float(high) if high else None,
                ),
            )
        )
        taken[a : m.end()] = b"\x01" * (m.end() - a)
    return out


# ---------------------------------------------------------------- target tables
# A table of targets printed as text, one row a line, cells split by tabs or |:
#   类别 | 序号 | 指标名称 | 2020年 | 2025年 | 属性
#   生态建设 | 1 | 森林覆盖率(%) | 45.31 | 46.3 | 约束性
# The metric column is named 指标…; the last year column is the target, an earlier one
# the base; 属性 gives 约束性 / 预期性; the unit is the metric's bracket or a 单位 column.
_CELL_SPLIT_RE = re.compile(r"\t|[|｜]")
_UNIT_HEAD_RE = re.compile(r"^(?:计量)?单位$")
_METRIC_UNIT_RE = re.compile(r"^(?P<name>.+?)[（(](?P<unit>[^（）()]{1,10})[）)]$")
_TABLE_VALUE_RE = re.compile(
    r"^(?P<pre>[>≥＞]|不低于|不少于|不超过|≤|<|＜)?(?P<num>\d+(?:\.\d+)?)(?:[-—–~～](?P<high>\d+(?:\.\d+)?))?"
    r"(?P<qual>以上|以内|以下|左右)?$"
)
_TABLE_PRE = {
    # the words as sentences print them (``_COMPARISONS``), the signs as table cells do
    **{w: (w, rel) for w, rel in _COMPARISONS if w in ("不低于", "不少于", "不超过")},
    ">": (">", ">"),
    "＞": (">", ">"),
    "≥": ("≥", ">="),
    "≤": ("≤", "<="),
    "<": ("<", "<"),
    "＜": ("<", "<"),
}


def _cells(line: str) -> list[str]:
    return [c.strip() for c in _CELL_SPLIT_RE.split(line.strip("\n").strip("|｜"))]


def _target_header(cells: list[str]) -> tuple[int, int, int | None, int, int | None, int | None] | None:
    """``(metric column, target column, base column, target year, attribute, unit)`` of a header row."""
    metric = next((i for i, c in enumerate(cells) if TABLE_METRIC_HEAD.fullmatch(c)), None)
    years = [(i, int(m.group("y"))) for i, c in enumerate(cells) if (m := TABLE_YEAR_HEAD.fullmatch(c))]
    if metric is None or not years:
        return None
    target_col, target_year = max(years, key=lambda x: (x[1], x[0]))
    if not 1990 <= target_year <= 2100:
        return None
    base = [i for i, y in years if y < target_year]
    attr = next((i for i, c in enumerate(cells) if TABLE_ATTRIBUTE_HEAD.fullmatch(c)), None)
    unit = next((i for i, c in enumerate(cells) if _UNIT_HEAD_RE.match(c)), None)
    return metric, target_col, (base[-1] if base else None), target_year, attr, unit


def table_rows(text: str) -> list[tuple[tuple[int, int], Target | None]]:
    """The lines of the target tables in ``text``: ``((start, end), target)`` for the header
    (target None), each row and each row that gives no target (None)."""
    return _table_rows(text)


def _table_rows(text: str) -> list[tuple[tuple[int, int], Target | None]]:
    out: list[tuple[tuple[int, int], Target | None]] = []
    header: tuple[int, int, int | None, int, int | None, int | None] | None = None
    base_year: int | None = None
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not _CELL_SPLIT_RE.search(line):
            header = None  # a line that is no table row ends the table
            continue
        cells = _cells(line)
        h = _target_header(cells) if len(cells) >= 3 else None
        if h is not None:
            header = h
            base_year = None
            if h[2] is not None:
                y = TABLE_YEAR_HEAD.fullmatch(cells[h[2]])
                base_year = int(y.group("y")) if y else None
            out.append(((start, end), None))
            continue
        if header is None:
            continue
        out.append(((start, end), _table_target(line, cells, header, base_year)))
    return out


def _table_target(
    line: str, cells: list[str], header: tuple[int, int, int | None, int, int | None, int | None], base_year: int | None
) -> Target | None:
    mi, ti, bi, year, ai, ui = header
    # A row under a merged cell (生态建设 spanning rows) may have lost its empty leading
    # cells: its metric is then left of the metric column, and every column with it.
    shift = 0
    while shift < mi and (mi - shift >= len(cells) or re.fullmatch(r"[\d.]*", cells[mi - shift])):
        shift += 1
    if shift:
        mi, ti = mi - shift, ti - shift
        bi = bi - shift if bi is not None and bi >= shift else None
        ai = ai - shift if ai is not None and ai >= shift else None
        ui = ui - shift if ui is not None and ui >= shift else None
    if min(mi, ti) < 0 or len(cells) <= max(mi, ti):
        return None
    raw = cells[mi]
    vm = _TABLE_VALUE_RE.match(_WS_RE.sub("", cells[ti]))
    if not raw or re.fullmatch(r"[\d.]+", raw) or not vm:
        return None  # a category row, a cut row, or a value that is no number (基本消除, 持续改善)
    unit = ""
    um = _METRIC_UNIT_RE.match(raw)
    if um:
        raw, unit = um.group("name"), um.group("unit")
    elif ui is not None and ui < len(cells):
        unit = cells[ui]
    comparison, relation = "达到", "="
    if vm.group("pre"):
        comparison, relation = _TABLE_PRE[vm.group("pre")]
    elif vm.group("qual"):
        comparison, relation = _comparison(None, vm.group("qual"))
    base = None
    if bi is not None and bi < len(cells):
        bm = re.fullmatch(r"\d+(?:\.\d+)?", _WS_RE.sub("", cells[bi]))
        base = float(bm.group(0)) if bm else None
    attr = cells[ai] if ai is not None and ai < len(cells) and cells[ai] in ("约束性", "预期性") else None
    high = vm.group("high")
    return Target(
        metric=raw,
        value=float(vm.group("num")),
        unit=unit,
        comparison=comparison,
        relation=relation,
        deadline=date(year, 12, 31),
        recurring=False,
        text=_WS_RE.sub(" ", line.strip()),
        value_max=float(high) if high else None,
        baseline=base,
        baseline_year=base_year if base is not None else None,
        attribute=attr,
    )


def extract_table_targets(text: str) -> list[Target]:
    """Targets of the target tables in ``text`` (指标名称 | 2020年 | 2025年 | 属性), one per row
    whose target cell is a number; a row with words for its target (基本消除) gives none."""
    return [t for _, t in _table_rows(text) if t is not None]
