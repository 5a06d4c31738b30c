"""Read a 重污染天气应急预案 into a rule-set (``gongbao.rules.ruleset``).

Works on the plan's body tree (nodes with eids) when the parser built one, else on the plain
text split into lines (eid ``text_<offset>``), so a poorly structured plan is still read. Each
rule is found by the printed forms of the national template and its local variants:

- levels: ``黄色预警：预测日AQI > 200 …`` / ``蓝色预警（Ⅳ级）：…`` / ``… 时，启动蓝色预警`` /
  ``黄色预警启动标准为 …`` / a level heading (``蓝色Ⅳ级预警``) followed by its condition;
- conditions: AQI, PM2.5, PM10, O3-8h or IAQI(O3); > 超过 大于 (strict), ≥ 达到 以上 大于等于
  (inclusive), ranges ``在201至300之间`` / ``介于201和300之间`` / ``AQI为201-300`` (both bounds when the
  plan keeps the values in them, ``仍在此区间``; else the lower bound), bands ``200<AQI≤300`` (both bounds);
  alternatives on hourly values or part-of-day means are left out and listed unresolved; durations ``持续48小时``,
  ``持续2天（48小时）``, ``1天``, ``3天以内`` (no minimum); observed plus forecast
  (``连续24小时…预测未来24小时仍…``); pollution categories (``重度污染`` > 200 …);
  alternatives ``或``, conjunctions ``且``;
- response levels, approvers, advance notice, lift/downgrade, merge/upgrade, school suspension,
  measures per response level, emission-reduction ratios, the report deadline.

Nothing is taken from another plan: what is not found goes to ``unresolved`` with its place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from gongbao.errors import InputError
from gongbao.grammar import levels as LV
from gongbao.grammar.labels import SMALL_CN
from gongbao.model import Document, Issue, Node
from gongbao.rules.ruleset import COLOURS, Clause, Level, Measure, RuleSet, SchoolRule, Value
from gongbao.structure.numerals import cn_to_int

__all__ = ["extract_ruleset", "find_plan", "parse_condition", "read_condition"]

COLOUR_KEY = {"蓝": "blue", "黄": "yellow", "橙": "orange", "红": "red"}
ORDER = ["blue", "yellow", "orange", "red"]
ROMAN = {"IV": "Ⅳ", "III": "Ⅲ", "II": "Ⅱ", "I": "Ⅰ", "四": "Ⅳ", "三": "Ⅲ", "二": "Ⅱ", "一": "Ⅰ"}
#: AQI categories of HJ 633 (lower bound, strict): 轻度 101-150, 中度 151-200, 重度 201-300, 严重 > 300.
CATEGORY = {"轻度": 100.0, "中度": 150.0, "重度": 200.0, "严重": 300.0}
PLAN_TITLE_RE = re.compile(r"(重污染天气|空气重污染|大气重污染|雾霾天气)\S*?(应急)?(?:预案|方案)")
_NUM = r"[0-9]+(?:\.[0-9]+)?"
_CNUM = r"[0-9]+|[一二三四五六七八九十两]+"


def _int(s: str) -> int:
    s = s.replace("两", "二")
    return int(s) if s.isdigit() else cn_to_int(s)


def normalize(text: str) -> str:
    """Forms that differ only in print: full-width signs and digits, PM_{2.5}, ASCII roman levels."""
    t = text.translate(str.maketrans("０１２３４５６７８９＞＜＝．％‹›﹤﹥≦≧", "0123456789><=.%<><>≤≥"))
    t = re.sub(r"PM\s*_?\{?\s*2\s*\.\s*5\s*\}?|PM₂\.₅|PM２.５", "PM2.5", t)
    t = re.sub(r"PM\s*_?\{?\s*10\s*\}?", "PM10", t)
    t = re.sub(r"O\s*_?\{?\s*3\s*\}?|O₃", "O3", t)
    t = t.replace("SO₂", "SO2").replace("NO_x", "NOx").replace("NOₓ", "NOx")
    t = re.sub(r"(?<![A-Za-z])(IV|III|II|I)(?=\s*级)", lambda m: ROMAN[m.group(1)], t)
    t = re.sub(r"(?<=[0-9])\s*个\s*小时", "小时", t)  # 36个小时
    # a comparison sign with a stray : or ; before its number (日均值>:200, >;300: a copy's broken ＞) is the
    # sign alone; the ; would otherwise end the sentence in the middle of the comparison
    t = re.sub(r"([<>≤≥])\s*[:：;；]\s*(?=[0-9])", r"\1", t)
    return t


# ---------------------------------------------------------------- text units


@dataclass(slots=True)
class Unit:
    """A node's own text (normalised), its eid, and the headings above it (nearest last)."""

    eid: str
    text: str
    node: Node | None
    heads: list[str] = field(default_factory=list)
    label_path: str = ""
    orig: str = ""
    #: a heading (a tree heading node, or a heading-like line of the plain text) and its depth
    head: bool = False
    depth: int = 0

    def sentences(self) -> Iterator[tuple[str, str]]:
        """(normalised sentence, the plan's own words) pairs."""
        norm = _split(self.text)
        orig = _split(self.orig) if self.orig else norm
        if len(orig) != len(norm):
            orig = norm
        yield from zip(norm, orig, strict=True)


def _units(doc: Document) -> list[Unit]:
    out: list[Unit] = []
    if doc.body is not None and any(n.kind.startswith(("heading", "paragraph")) for n in doc.body.walk()):

        def visit(node: Node, heads: list[str], labels: str) -> None:
            here_heads, here_labels = heads, labels
            if node.kind.startswith("heading"):
                here_heads = [*heads, normalize(node.heading or node.text)]
                here_labels = labels + (node.label or "")
            if node.text.strip():
                is_head = node.kind.startswith("heading")
                out.append(
                    Unit(
                        node.eid,
                        normalize(node.text.strip()),
                        node,
                        here_heads,
                        here_labels,
                        node.text.strip(),
                        is_head,
                        len(here_heads),
                    )
                )
            for c in node.children:
                visit(c, here_heads, here_labels)

        visit(doc.body, [], "")
        return out
    return _line_units(doc.text)


#: A heading-like line of plain text: an outline label and a short title without a full stop.
_HEAD_LINE = re.compile(
    rf"^\s*(?:(?P<ch>第[{SMALL_CN}]+[章节])|(?P<cn>[{SMALL_CN}]+\s*、)"
    rf"|(?P<pc>[(（][{SMALL_CN}]+[)）])|(?P<dec>[0-9]+(?:\s*\.\s*[0-9]+)*)(?:\s*[.、．])?"
    r"|(?P<pd>[(（][0-9]+[)）]))\s*(?![年月日号时个%])(?P<title>[^。；;，,:：]{1,30}?)[。.]?\s*$"
)


def _head_depth(m: re.Match[str]) -> int:
    if m["ch"] or m["cn"]:
        return 1
    if m["pc"]:
        return 2
    if m["dec"]:
        return m["dec"].count(".") + 1
    return 4


def _line_units(text: str) -> list[Unit]:
    """Plain lines of a text, located by offset (eid ``text_<offset>``), with the heading-like lines
    above each one (a plan whose outline the parser did not build is still read by section)."""
    out: list[Unit] = []
    stack: list[tuple[int, str]] = []
    for offset, raw in _logical_lines(text):
        if raw:
            norm = normalize(raw)
            m = _HEAD_LINE.match(norm)
            is_head = bool(m) and not re.search(r"\d\s*(?:小时|天|微克)|[>≥]", norm)
            if is_head and m is not None:
                depth = _head_depth(m)
                while stack and stack[-1][0] >= depth:
                    stack.pop()
                stack.append((depth, norm))
                out.append(Unit(f"text_{offset}", norm, None, [h for _, h in stack], orig=raw, head=True, depth=depth))
            else:
                out.append(Unit(f"text_{offset}", norm, None, [h for _, h in stack], orig=raw))
    return out


_LIST_START = re.compile(rf"^\s*(?:[■●•·▪①-⑳]|[(（]?[0-9{SMALL_CN}]+[)）、.．]|第[{SMALL_CN}]+[章节条])")


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """(offset, stripped line), a line cut by the page width joined to the next: a long line without
    closing punctuation continues on the next one unless that one opens a list item or a heading."""
    lines: list[tuple[int, str]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        lines.append((offset, line.strip()))
        offset += len(line)
    out: list[tuple[int, str]] = []
    for off, raw in lines:
        if (
            out
            and raw
            and len(out[-1][1]) >= 20
            and not re.search(r"[。；;：:！？!?）)]$", out[-1][1])
            and not _LIST_START.match(raw)
        ):
            out[-1] = (out[-1][0], out[-1][1] + raw)
        else:
            out.append((off, raw))
    return out


def _split(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[。；;])(?!\s*或)|\n+", text) if s.strip()]


# ---------------------------------------------------------------- finding the plan


#: the words of an air-quality plan's text (a heavy-pollution plan names at least one of them)
_AIR = re.compile(r"AQI|空气质量|重污染|PM2\.5|PM10|细颗粒物|可吸入颗粒物|臭氧|大气污染|污染天气")
#: the title of a plan or regulation of another kind (龙里县突发性地质灾害应急预案, 城市供水应急预案)
_OTHER_PLAN = re.compile(r"[^\s，。、；：《》“”]{2,40}(?:应急预案|预警信号|应急方案)")


def _signals_only(text: str) -> bool:
    """Every colour level the text names is a weather warning signal (霾黄色预警信号, 暴雨红色预警信号:
    中国气象局's 气象灾害预警信号, on visibility, humidity, rain…), none a plan's own warning level."""
    named = re.findall(r"(污染天气|重污染|空气)?[蓝黄橙红]色(?:[(（]?[ⅠⅡⅢⅣ]级[)）]?)?预警(信号)?", text)
    # 重污染天气黄色预警信号 / 空气重污染橙色预警信号: a pollution plan's level, whatever it is called
    return bool(named) and all(signal and not air for air, signal in named)


def _not_a_plan(issue: Issue, levelled: list[Document]) -> str:
    """Why a file holds no heavy-pollution plan, in one line naming what it holds instead."""
    base = "no 重污染天气应急预案 found"
    for d in issue.documents:
        for name in (d.instrument_title, d.title):
            m = _OTHER_PLAN.fullmatch((name or "").strip())
            if m and not PLAN_TITLE_RE.search(m.group(0)):
                return f"{base}: the file holds {m.group(0)}, not a heavy-pollution plan (use --doc 文号 to name one)"
    for d in levelled:
        line = next((ln.strip() for ln in d.text.splitlines() if re.search(r"[蓝黄橙红]色预警信号", ln)), "")
        if line and _signals_only(d.text):
            return (
                f"{base}: the text's levels are weather warning signals ({line[:40]}), "
                "not a plan's warning levels; gongbao reads only 重污染天气 plans"
            )
        line = next((ln.strip() for ln in d.text.splitlines() if re.search(r"[蓝黄橙红]色预警", ln)), "")
        if line and not _AIR.search(normalize(d.text)):
            return (
                f"{base}: the text's warning levels are not on air quality ({line[:40]}); "
                "gongbao reads only 重污染天气 plans"
            )
    if not any(_AIR.search(normalize(d.text)) for d in issue.documents):
        return (
            f"{base}: the text names no air-quality measure (AQI, PM2.5, 重污染); gongbao reads only 重污染天气 plans"
        )
    return f"{base} (use --doc 文号 to name it)"


def find_plan(issue: Issue, ref: str | None = None) -> Document:
    """The plan in a parsed gazette or file: by ``ref`` (文号 or title), else the one document whose
    title or instrument title names a 重污染天气应急预案. ``InputError`` when none or ambiguous."""
    if ref:
        doc = issue.find(ref)
        if doc is None:
            raise InputError(f"no document {ref} in this file", path=issue.path)
        return doc
    hits = [
        d for d in issue.documents if PLAN_TITLE_RE.search(d.instrument_title or "") or PLAN_TITLE_RE.search(d.title)
    ]
    if not hits:
        # A single document without a recognised title: accept it when its text defines warning levels
        # on air quality. Warning levels of another hazard (寒潮蓝色预警信号, 暴雨红色预警, 森林火险) are
        # refused by name: their thresholds (℃, 毫米, 水位) are never read as an air-quality index.
        levelled = [d for d in issue.documents if re.search(r"[蓝黄橙红]色预警", d.text)]
        hits = [d for d in levelled if _AIR.search(normalize(d.text)) and not _signals_only(d.text)]
        if len(hits) != 1:
            raise InputError(_not_a_plan(issue, levelled), path=issue.path)
    if len(hits) > 1:
        # A notice and the plan it issues, or a plan and a document about it: keep those that define levels.
        defining = [
            d
            for d in hits
            if re.search(r"[蓝黄橙红]色(?:[ⅠⅡⅢⅣ]级)?预警\s*[:：(（]|启动[蓝黄橙红]色预警", normalize(d.text))
        ]
        if len(defining) == 1:
            return defining[0]
        names = "; ".join(d.ref for d in hits[:4])
        raise InputError(f"several plans in this file ({names}): name one with --doc", path=issue.path)
    return hits[0]


# ---------------------------------------------------------------- conditions

_COMP = re.compile(
    rf"(?P<op>>=|≥|大于等于|大于或等于|达到或大于|达到或超过|不低于|>|大于|超过|高于|达到)\s*(?P<n>{_NUM})(?!\s*(?:小时|天|日|个|%|级))"
)
_ABOVE = re.compile(rf"(?P<n>{_NUM})\s*(?:微克/立方米|微克每立方米|μg/m3|µg/m3|μg/m³|µg/m³)?(?:及)?以上")
_UNIT = r"(?:\s*(?:微克/立方米|微克每立方米|μg/m3|µg/m3|μg/m³|µg/m³))?"
#: a range in words: 在201至300之间, 201～300, 介于201和300之间, AQI为201-300 (both bounds inclusive)
_RANGE = re.compile(
    rf"(?:介于\s*(?P<lo2>{_NUM}){_UNIT}\s*(?:和|与|至|到|—|－|-|–|～|~)\s*(?P<hi2>{_NUM}){_UNIT}\s*(?:之间)?"
    rf"|(?:在|为|处于)?\s*(?P<lo>{_NUM}){_UNIT}\s*(?:至|到|—|－|-|–|～|~)\s*(?P<hi>{_NUM}){_UNIT}\s*(?:之间|区间|范围)?)"
)
_OBS = re.compile(rf"(?:已\s*(?:连续|持续)|连续)\s*(?P<obs>{_NUM})\s*小时.*?预测未来\s*(?P<fc>{_NUM})\s*小时")
_DUR = re.compile(
    rf"(?:持续|连续|未来)?\s*(?P<n>{_CNUM})\s*(?P<unit>小时|个?天|日)(?:\s*[(（]\s*(?P<h>{_NUM})\s*小时\s*[)）])?(?P<tail>及以上|以上|以内|之内)?"
)
#: a band: 200<AQI≤300 / 35＜PM2.5≤75 (lower bound, the metric, upper bound)
_BAND = re.compile(
    rf"(?P<lo>{_NUM})\s*(?P<lop><=|≤|<)\s*(?P<what>[^<≤>≥，,；;。]{{1,16}}?)\s*(?P<hop><=|≤|<)\s*(?P<hi>{_NUM})"
)
#: words keeping the values inside a range stated before them: 仍在此区间, 仍处于该范围, 仍在201至300之间
_STAY = re.compile(
    rf"(?:仍|依然|继续|始终|一直)\s*(?:在|处于|位于|保持在)\s*(?:(?:此|该|这一?|上述|同一)\s*(?:区间|范围|浓度区间|指数区间)"
    rf"|{_NUM}\s*(?:至|到|—|－|-|–|～|~)\s*{_NUM})"
)
#: a condition on hourly values (AQI小时均值, 1小时平均浓度, 逐小时): not a 24-hour value
_HOURLY = re.compile(
    r"(?:(?<![0-9.])|(?<=PM2\.5)|(?<=PM10))(?:1\s*)?小时\s*(?:平均|均)?\s*(?:值|浓度)|逐\s*小?时|每小时"
    r"|(?:AQI|指数)\s*时均值"
)
#: a mean over part of the day (6时至20时AQI均值, 白天): not a 24-hour value
_DAYPART = re.compile(
    r"[0-9一二三四五六七八九十]+\s*[时点]\s*(?:至|到|—|－|-|–|～|~)\s*[0-9一二三四五六七八九十]+\s*[时点]"
    r"|白天|日间|昼间|夜间"
)
#: a verb before a bare duration that makes it a measure's time, not the condition's (延长1小时收车)
_NOT_DURATION = re.compile(r"(?:延长|提前|缩短|推迟|推后|每)\s*$")
_OPWORD = {
    ">=": ">=",
    "≥": ">=",
    "大于等于": ">=",
    "大于或等于": ">=",
    "达到或大于": ">=",
    "达到或超过": ">=",
    "不低于": ">=",
    "达到": ">=",
    ">": ">",
    "大于": ">",
    "超过": ">",
    "高于": ">",
}


def _metric_of(piece: str) -> str | None:
    if re.search(r"IAQI\s*[(（]?\s*O3|臭氧分指数|臭氧.{0,4}分指数", piece):
        return "iaqi_o3"
    if re.search(r"O3\s*[-_]?\s*8\s*[hH小]|(?:O3|臭氧).{0,8}8\s*小时|O3.{0,10}浓度|臭氧.{0,10}浓度", piece):
        return "o3_8h"
    if re.search(r"PM2\.5|细颗粒物", piece):
        return "pm25"
    if re.search(r"PM10|可吸入颗粒物", piece):
        return "pm10"
    if re.search(r"AQI|空气质量指数", piece):
        return "aqi"
    return None


def _clause(piece: str, context_metric: str | None, index_metric: str) -> Clause | None:
    """One comparison from a piece of a condition; ``None`` when the piece has no threshold."""
    p = re.sub(r"\d\s*级(?=\s*[(（]?\s*(?:轻度|中度|重度|严重))", "", piece)  # 5级重度污染: a grade, not a number
    p = re.sub(r"[(（][^)）]*?(?:下同|24小时均值)[^)）]*[)）]", "", p)
    metric = _metric_of(p) or context_metric or index_metric
    hours, observed = 0, 0
    body = p
    m_obs = _OBS.search(p)
    if m_obs:
        observed, hours = int(float(m_obs["obs"])), int(float(m_obs["fc"]))
        body = p[: m_obs.start()] + " " + p[m_obs.end() :]
    op = thr = None
    upper: float | None = None
    upper_op = "<="
    convention = ""
    m_band = _BAND.search(p)
    # durations are not ranges (24-48小时); a range needs lo < hi (GB 3095-2012 is no range)
    m_range = next(
        (
            r
            for r in _RANGE.finditer(re.sub(rf"{_NUM}\s*(?:小时|个?天|日)", lambda d: " " * len(d.group(0)), p))
            if float(r["lo"] or r["lo2"]) < float(r["hi"] or r["hi2"])
        ),
        None,
    )
    m = _COMP.search(p)
    if m_band:
        op = ">" if m_band["lop"] == "<" else ">="
        thr, upper = float(m_band["lo"]), float(m_band["hi"])
        upper_op = "<" if m_band["hop"] == "<" else "<="
        convention = m_band.group(0)
        metric = _metric_of(m_band["what"]) or metric
    elif m and (not m_range or m.start() < m_range.start()):
        op, thr, convention = _OPWORD[m["op"]], float(m["n"]), m["op"]
    elif m_range and metric:
        op, thr = ">=", float(m_range["lo"] or m_range["lo2"])
        hi = float(m_range["hi"] or m_range["hi2"])
        convention = m_range.group(0).strip()
        if _STAY.search(p[m_range.end() :]):
            # 预测未来24小时仍在此区间: the plan keeps the values inside the range — a band
            upper, upper_op = hi, "<="
        else:
            # 未来一天AQI在301—450之间 / 大于450: the range of the level's value, the next level taking
            # over above it; the hourly runs test the lower bound (a day above 300 that touches 451 is
            # still at least the 301—450 level), the upper bound is named here only
            convention += f" (upper bound {_fmt(hi)} not evaluated: the plan does not keep the values within it)"
    else:
        m_above = _ABOVE.search(re.sub(rf"{_CNUM}\s*(?:小时|个?天|日)(?:及)?以上", "", p))
        if m_above:
            op, thr, convention = ">=", float(m_above["n"]), "以上"
    if op is None:
        cat = re.search(r"(?:达到|出现)?\s*(轻度|中度|重度|严重)(?:及以上)?污染", p)
        if cat:
            op, thr, convention = ">", CATEGORY[cat.group(1)], f"{cat.group(1)}污染"
            metric = metric if metric in ("aqi", "iaqi_o3") else index_metric
        elif re.search(r"极重污染", p):
            op, thr, convention = ">=", 500.0, "极重污染"
            metric = metric or index_metric
    if op is None or thr is None:
        return None
    if not m_obs:
        # the averaging period in a metric's name (日最大8小时平均, 24小时平均浓度) is not a duration
        body = re.sub(r"(?:最大)?\s*(?:8|24)\s*小时\s*(?:滑动)?\s*(?:平均|均值)", " ", body)
        # the digits of a metric's name are no duration: PM2.5日均浓度 is not "5日", PM10日均 not "10日"
        body = re.sub(r"PM2\.5|PM10", lambda m: "PM" + " " * (len(m.group(0)) - 2), body)
        thr_s = str(int(thr)) if thr.is_integer() else str(thr)
        at = body.find(thr_s)
        body_wo_thr = body.replace(thr_s, " ", 1)
        found = [
            d
            for d in _DUR.finditer(body_wo_thr)
            if re.match(r"\s*(?:持续|连续|未来)", d.group(0)) or not _NOT_DURATION.search(body_wo_thr[: d.start()])
        ]
        # 持续/连续 name the duration; 未来N天 alone is the forecast horizon, used only when nothing else is
        # said; a bare N小时 comes last
        # a duration printed after the comparison is its own (…>300将持续2天，当AQI日均值达到500并将持续1天:
        # 500 holds for 1 day, the 2 days are the 300's); one before it counts only when none follows
        found.sort(
            key=lambda d: (
                0 if at < 0 or d.start() >= at else 1,
                0 if re.match(r"\s*(?:持续|连续)", d.group(0)) else 1 if re.match(r"\s*未来", d.group(0)) else 2,
            )
        )
        for d in found:
            if d["h"]:
                hours = int(float(d["h"]))
            elif "天" in d["unit"] or d["unit"] == "日":
                hours = _int(d["n"]) * 24
            else:
                hours = _int(d["n"])
            if d["tail"] in ("以内", "之内"):
                hours = 0  # 持续3天以内: any duration (longer ones belong to a higher level)
            break
    quote = piece.strip().rstrip(",，;；(（ ")
    return Clause(metric or index_metric, op, thr, hours, observed, convention, None, quote, upper, upper_op)


_ALT_SPLIT = re.compile(
    r"[;；,，]?\s*或(?:者)?(?=\s*(?:预测|日|AQI|PM|空气|出现|当|未来|连续|IAQI|O3|臭氧|细颗粒物|[0-9]|[一二三四五六七八九十]天|\d天))"
)
_AND_SPLIT = re.compile(
    r"[;；,，]?\s*(?:并且|且|同时)(?!未达到)(?!\s*预测未来\s*\d+\s*小时)(?!\s*(?:将|预计|预测)?\s*(?:持续|连续)\s*\d)"
)
#: a comma before a comparison on a named metric: one more part of the same condition (当AQI日均>200将持续3天，
#: AQI日均>300将持续1天时 — the national 且出现 written with a comma); 或 is the only word for an alternative.
#: Not before the forecast of an observed-plus-forecast condition (已持续24小时，且预测未来48小时AQI>200).
_COMMA_AND = re.compile(
    r"[,，](?!\s*(?:且|并且)?\s*(?:预测|预计)?\s*未来)(?=[^,，]*?(?:AQI|PM2\.5|PM10|O3|IAQI|臭氧|细颗粒物|可吸入颗粒物|空气质量指数)[^,，]*?"
    r"(?:>=|≥|>|大于|超过|高于|达到)\s*[0-9])"
)
_METRIC_COMPARED = re.compile(
    r"(?:AQI|PM2\.5|PM10|O3|IAQI|臭氧|细颗粒物|可吸入颗粒物|空气质量指数).*?(?:>=|≥|>|大于|超过|高于|达到)\s*[0-9]"
)


def _comma_parts(part: str) -> list[str]:
    """``part`` cut at each comma that joins two comparisons, each on a named metric (a part that
    restates a degree — 持续3天以上重度污染，AQI日均值大于200的天气 — is one comparison, not cut)."""
    pieces, start = [], 0
    for m in _COMMA_AND.finditer(part):
        if _METRIC_COMPARED.search(part[start : m.start()]):
            pieces.append(part[start : m.start()])
            start = m.end()
    return [*pieces, part[start:]]


#: a metric named right before a bare number: a value whose comparison was lost (预测AQI日均值200, 日均300的城市)
_BARE_VALUE = re.compile(
    r"(?:AQI|PM2\.5|PM10|O3|IAQI|臭氧|指数|日均|均值|浓度)\s*(?:日均值|日均|均值|浓度|值|为)?\s*[0-9]"
)


def _unread_value(piece: str) -> bool:
    """A piece naming a value (预测AQI日均值200) without a comparison that could be read: the sign was lost."""
    return bool(_BARE_VALUE.search(piece))


_NOT_HIGHER = re.compile(
    r"[,，;；]?\s*(?:且|并且)?\s*(?:短时出现重度污染、)?(?:尚|还)?未达到(?:更)?高级别(?:预警)?(?:启动)?条件(?:时)?"
)


def parse_condition(text: str, index_metric: str = "aqi") -> list[list[Clause]]:
    """Alternatives (或) of conjunctions (且) of clauses read from a level's condition text
    (the alternatives that cannot be evaluated are left out: see ``read_condition``)."""
    return read_condition(text, index_metric)[0]


def read_condition(text: str, index_metric: str = "aqi") -> tuple[list[list[Clause]], list[tuple[str, str]]]:
    """``parse_condition`` and the alternatives it leaves out, as (the plan's words, why): a
    condition on hourly values (AQI小时均值达到500将持续8小时) or on a mean over part of the day
    (6时至20时AQI均值大于200) is not a 24-hour value and is never read as one."""
    t = _NOT_HIGHER.sub("", normalize(text))
    # 启动条件：… after other words on the line (a subheading run into it): the condition is what follows
    cut = list(re.finditer(r"(?:启动|预警|发布)?(?:条件|标准)\s*(?:为|是)?\s*[:：]", t))
    if cut:
        t = t[cut[-1].end() :]
    # 交替出现重度污染或严重污染: both appear within the period (the first for its duration)
    t = re.sub(
        r"交替出现\s*(轻度|中度|重度|严重)污染\s*(?:或|和|与|、)\s*(轻度|中度|重度|严重)污染",
        r"出现\1污染且出现\2污染",
        t,
    )
    t = re.sub(r"[。;；]\s*$", "", t.strip())
    alts: list[list[Clause]] = []
    skipped: list[tuple[str, str]] = []
    for alt in _ALT_SPLIT.split(t):
        words = alt.strip(" ,，;；()（）")
        if _HOURLY.search(alt):
            skipped.append((words, "a condition on hourly values (小时均值), not a 24-hour value"))
            continue
        if _DAYPART.search(alt):
            skipped.append((words, "a mean over part of the day (6时至20时), not a 24-hour value"))
            continue
        clauses: list[Clause] = []
        context: str | None = None
        unread: str | None = None
        many: str | None = None
        for part in _AND_SPLIT.split(alt):
            for piece in _comma_parts(part):
                if not piece.strip():
                    continue
                c = _clause(piece, context, index_metric)
                if c is not None and len(_COMP.findall(piece)) > 1 and not c.observed_hours and many is None:
                    # two comparisons in one part that no 且/或/comma-before-a-metric separates (A0日均值>200
                    # 将持续4天以上，日均值为a 01 >300将持续2天，当A01日均值达到500…): one would be read, the
                    # others dropped; the alternative is not read rather than read in part
                    many = piece.strip(" ,，;；()（）")
                if c is not None:
                    clauses.append(c)
                    context = c.metric
                elif unread is None and _unread_value(piece):
                    unread = piece.strip(" ,，;；()（）")
        if unread is not None:
            # a part of the condition names a value with no readable comparison (the sign lost in
            # print: 预测AQI日均值200): the alternative is not read rather than read without that part
            skipped.append((words, f"a value without a readable comparison ({unread[:30]}): >, ≥ or = cannot be told"))
            continue
        if many is not None:
            skipped.append(
                (words, f"comparisons run together ({many[:40]}): which ones combine, and how, cannot be read")
            )
            continue
        if clauses:
            alts.append(clauses)
    return alts, skipped


# ---------------------------------------------------------------- levels

_LEVEL_COLON = LV.LEVEL_COLON
_LEVEL_AFTER = LV.LEVEL_AFTER
_LEVEL_HEAD = LV.LEVEL_HEAD
_LEVEL_COLON2 = LV.LEVEL_COLON2
_LEVEL_HEAD2 = LV.LEVEL_HEAD2
_LEVEL_COLON3 = LV.LEVEL_COLON3
_LEVEL_COLON4 = LV.LEVEL_COLON4
_LEVEL_COLON5 = LV.LEVEL_COLON5
_LEVEL_ROW1 = LV.LEVEL_ROW1
_LEVEL_ROW2 = LV.LEVEL_ROW2
_LEVEL_HEADS = LV.LEVEL_HEAD_LINES


def _split_levels(s: str, q: str) -> list[tuple[str, str]]:
    """A sentence defining several levels (``…，红色预警启动标准为…``) as one piece per level."""
    cut = (
        r"(?:[,，]|\s)\s*(?=[蓝黄橙红]色(?:[ⅠⅡⅢⅣ]级)?预警\s*(?:[(（][ⅠⅡⅢⅣ]级[)）])?\s*"
        r"(?:(?:启动)?(?:标准|条件)|[:：]?\s*(?:预测|当|日|AQI|PM|空气|未来|连续|\d)))"
    )
    a, b = re.split(cut, s), re.split(cut, q)
    pieces = list(zip(a, b, strict=True)) if len(a) == len(b) else [(s, q)]
    # rows of a table run together (…48小时及以上橙色预警（Ⅱ级）预测… / …以上Ⅱ级 橙色 预测…): cut where a
    # level's name follows the end of a condition, never inside one (启动黄色预警, 未达到黄色预警条件)
    row_cut = (
        r"(?<=[0-9上下时)）\s])(?=(?:[ⅠⅡⅢⅣIV]+\s*级\s*(?:预警)?[\s|│,，、]*[蓝黄橙红]色)"
        r"|(?:[蓝黄橙红]色\s*(?:[(（]?\s*[ⅠⅡⅢⅣIV一二三四]+\s*级\s*[)）]?)?\s*预警))"
    )
    out: list[tuple[str, str]] = []
    for s1, q1 in pieces:
        a, b = re.split(row_cut, s1), re.split(row_cut, q1)
        out.extend(zip(a, b, strict=True) if len(a) == len(b) else [(s1, q1)])
    return [(x, y) for x, y in out if x.strip()]


def _level_section(units: list[Unit]) -> list[Unit]:
    """Units of the 预警分级 section when one is recognisable (else all units)."""
    for k, u in enumerate(units):
        if u.head and re.search(r"预警分级|分级标准|预警级别|预警等级|预警条件|预警启动", u.text):
            out = [u]
            for v in units[k + 1 :]:
                if v.head and v.depth <= u.depth:
                    break
                out.append(v)
            # a table of contents lists the heading with nothing under it: look further
            if any(re.search(r"[蓝黄橙红]色", v.text) for v in out[1:]):
                return out
    return units


def _index_metric(units: list[Unit]) -> str:
    text = " ".join(u.text for u in units)
    if re.search(r"IAQI\s*[(（]?\s*O3|臭氧分指数", text):
        return "iaqi_o3"
    return "aqi"


def _read_levels(units: list[Unit], unresolved: list[dict]) -> list[Level]:
    section = _level_section(units)
    index_metric = _index_metric(section)
    found: dict[str, Level] = {}
    responses: dict[str, tuple[str, str, str]] = {}
    #: per level, the alternatives of its condition that cannot be evaluated: (eid, the plan's words, why)
    left_out: dict[str, list[tuple[str, str, str]]] = {}
    #: per colour, a condition followed by the level's damaged name (…，启动橙色预舍入): (condition, unit, quote, name)
    damaged: dict[str, tuple[str, Unit, str, str]] = {}

    def consider(colour: str, cond: str, u: Unit, quote: str, resp: str | None) -> bool:
        key = COLOUR_KEY[colour]
        if resp:
            responses.setdefault(key, (resp, u.eid, quote))
        if key in found:
            return True
        alts, skipped = read_condition(cond, index_metric)
        if skipped and (key not in left_out or alts):
            left_out[key] = [(u.eid, words, why) for words, why in skipped]
        if not alts:
            return False
        flat = "".join(normalize(quote).split())
        for alt in alts:
            for c in alt:
                c.eid = u.eid
                if "".join((c.quote or "").split()) not in flat:
                    c.quote = quote  # the piece was reworded to be read (交替出现…): quote the whole level
        found[key] = Level(0, key, f"{COLOURS[key]}预警", None, alts, None, u.eid, quote)
        return True

    for scope in (section, units):
        for k, u in enumerate(scope):
            pairs = [(a, b) for s0, q0 in u.sentences() for a, b in _split_levels(s0, q0)]
            for s, q in pairs:
                m = (
                    _LEVEL_HEAD.match(s)
                    or _LEVEL_HEAD2.match(s)
                    or next((h for p in _LEVEL_HEADS if (h := p.match(s))), None)
                )
                if m and k + 1 < len(scope):
                    # the condition is on one of the next lines: a table's cell like （Ⅲ级）, or a
                    # subheading (禁止露天焚烧公交延长1小时收车) may come first; never past the next level
                    r = m["r"] or m.groupdict().get("r2")
                    for nxt in scope[k + 1 : k + 4]:
                        if LV.LEVEL_MENTION.search(nxt.text):
                            break
                        if consider(
                            m["c"], nxt.text, nxt, f"{q} {nxt.orig or nxt.text}", ROMAN.get(r, r) if r else None
                        ):
                            break
                    continue
                m = (
                    _LEVEL_ROW1.search(s)
                    or _LEVEL_ROW2.search(s)
                    or _LEVEL_COLON3.search(s)
                    or _LEVEL_COLON4.search(s)
                    or _LEVEL_COLON5.search(s)
                    or _LEVEL_COLON2.search(s)
                    or _LEVEL_COLON.search(s)
                )
                if (
                    m
                    and re.search(r"(?:启动|发布|实施)\s*(?:重污染天气)?\s*$", s[: m.start()])
                    and not re.search(r"[:：]", s[m.start() : m.start("cond")])
                ):
                    # …时，启动蓝色预警，当…: the level named as what is started; its condition is before it
                    # (LEVEL_AFTER), never the words after it (the next level's condition)
                    m = None
                if m and m["cond"].strip() and re.search(r"\d|污染", m["cond"]):
                    cond = re.split(r"[,，;；。\s]\s*(?=[蓝黄橙红]色(?:[ⅠⅡⅢⅣ]级)?预警)", m["cond"])[0]
                    r = m["r"] or m.groupdict().get("r0")
                    consider(m["c"], cond, u, q, ROMAN.get(r, r) if r else None)
                    continue
                last = 0
                for m2 in _LEVEL_AFTER.finditer(s):
                    consider(m2["c"], m2["cond"], u, q, None)
                    last = m2.end()
                for m3 in LV.LEVEL_AFTER_DAMAGED.finditer(s, last):
                    damaged.setdefault(COLOUR_KEY[m3["c"]], (s[last : m3.start()], u, q, m3.group(0).lstrip(",， ")))
        if found:
            break
    levels = [found[c] for c in ORDER if c in found]
    for rank, lv in enumerate(levels, start=1):
        lv.rank = rank
        if lv.colour in responses:
            r, eid, quote = responses[lv.colour]
            lv.response = Value(r, eid, quote)
    _check_bands(levels)
    _restated_thresholds(units, found, index_metric)
    if levels:
        _unnamed_levels(section if section is not units else units, found, index_metric, unresolved)
    for key in ORDER:
        for eid, words, why in left_out.get(key, []) if key in found else []:
            unresolved.append(
                {
                    "field": f"levels.{key}.conditions",
                    "where": eid,
                    "why": f"an alternative of the {key} level's condition is not read: {why}",
                    "needed_for": "warnings",
                    "quote": words,
                }
            )
    if not levels:
        named = _level_lines(units) or _listing_lines(units)
        why = "no warning level with a readable condition"
        unread = [(key, why_) for key in ORDER for _, _, why_ in left_out.get(key, [])]
        if unread:
            why += " (" + "; ".join(f"{key}: {w}" for key, w in unread[:2]) + ")"
        if named:
            why += "; lines naming a level that could not be read: " + " | ".join(q[:60] for _, q in named[:4])
        else:
            named = _degree_lines(units)
            if named:
                why += (
                    "; the plan names its levels by pollution degree (中度/重度/严重/极重污染), not by colour: "
                    "not read (no colour, grade or response may be assumed for them)"
                )
        unresolved.append(
            {
                "field": "levels",
                "where": "document",
                "why": why,
                "needed_for": "warnings",
                "lines": [{"eid": eid, "quote": q} for eid, q in named],
            }
        )
        return levels
    # a level started after a readable condition whose name is damaged (启动橙色预舍入): listed with its
    # condition and place, so that a run it could decide is refused
    for key, (cond, u, q, name) in damaged.items():
        if key in found:
            continue
        alts, _ = read_condition(cond, index_metric)
        if not alts:
            continue
        for alt in alts:
            for c in alt:
                c.eid = u.eid
        k = ORDER.index(key)
        below = [c for c in ORDER[:k] if c in found]
        above = [c for c in ORDER[k + 1 :] if c in found]
        unresolved.append(
            {
                "field": f"levels.{key}",
                "where": u.eid,
                "why": f"the {key} level's name is damaged ({name}): its condition is read, the level is not",
                "needed_for": "warnings",
                "quote": q,
                "between": {"below": below[-1] if below else None, "above": above[0] if above else None},
                "conditions": {"any": [{"all": [c.to_json() for c in alt]} for alt in alts]},
            }
        )
    # a level the plan names (最高级别的红色预警将启动Ⅰ级响应) but gives no readable condition for
    for key in ORDER:
        if key in found or any(x.get("field") == f"levels.{key}" for x in unresolved):
            continue
        mention = _mention(units, key)
        if mention is None:
            continue
        eid, q = mention
        reason = "; ".join(why for _, _, why in left_out.get(key, []))
        unresolved.append(
            {
                "field": f"levels.{key}",
                "where": eid,
                "why": f"the plan names the {key} level ({COLOURS[key]}预警) but no readable condition for it was found"
                + (f" (its condition: {reason})" if reason else ""),
                "needed_for": "warnings",
                "quote": q,
            }
        )
    return levels


def _restated_thresholds(units: list[Unit], found: dict[str, Level], index_metric: str) -> None:
    """A level's threshold restated in another metric (蓝色预警启动门槛为AQI为200-300，换算成PM2.5浓度大于
    150微克每立方米) is an alternative of that level, for the level's own duration. Read only when the
    level has one comparison (so the duration it inherits is unambiguous)."""
    for u in units:
        for s, q in u.sentences():
            for m in LV.LEVEL_EQUIVALENT.finditer(s):
                lv = found.get(COLOUR_KEY[m["c"]])
                if lv is None or len(lv.any_of) != 1 or len(lv.any_of[0]) != 1:
                    continue
                base = lv.any_of[0][0]
                c = _clause(m["conv"], None, index_metric)
                if c is None or c.metric == base.metric or any(a[0].metric == c.metric for a in lv.any_of):
                    continue
                c.hours, c.observed_hours, c.eid = base.hours, base.observed_hours, u.eid
                if "".join((c.quote or "").split()) not in "".join(normalize(q).split()):
                    c.quote = q
                c.convention = f"{c.convention} ({m['conv'][:3]}: the level's threshold restated; its duration)"
                lv.any_of.append([c])


def _unnamed_levels(scope: list[Unit], found: dict[str, Level], index_metric: str, unresolved: list[dict]) -> None:
    """A numbered level item whose name lost its colour and grade (2、**预警:…) is never read as a level:
    it is listed unresolved (``levels.unnamed``) with its condition and its place between the named
    levels around it, so that a run where it could decide the level is refused, not answered without it."""
    at = {lv.eid: lv for lv in found.values()}
    for k, u in enumerate(scope):
        for s, q in u.sentences():
            m = LV.LEVEL_UNNAMED.match(s)
            if not m:
                continue
            alts, _ = read_condition(m["cond"], index_metric)
            if not alts:
                continue
            for alt in alts:
                for c in alt:
                    c.eid = u.eid
            below = [at[v.eid] for v in scope[:k] if v.eid in at]
            above = [at[v.eid] for v in scope[k + 1 :] if v.eid in at]
            lower = max(below, key=lambda lv: lv.rank).colour if below else None
            upper = min(above, key=lambda lv: lv.rank).colour if above else None
            place = f"between the {lower or 'lowest'} and the {upper or 'highest'} levels" if below or above else ""
            unresolved.append(
                {
                    "field": "levels.unnamed",
                    "where": u.eid,
                    "why": f"a level is printed without a readable name ({m['name']}预警: no colour or grade) {place}; "
                    "its condition is read, which level it is cannot be",
                    "needed_for": "warnings",
                    "quote": q,
                    "between": {"below": lower, "above": upper},
                    "conditions": {"any": [{"all": [c.to_json() for c in alt]} for alt in alts]},
                }
            )
            break


#: metrics whose values are whole numbers (HJ 633 rounds an IAQI up): 201至300 and 301—450 meet
_INTEGER_METRICS = ("aqi", "iaqi_o3")


def _covers_above(c: Clause, upper: float, upper_op: str) -> bool:
    """Whether clause ``c`` holds for the values just above a band's upper bound."""
    if c.threshold < upper:
        return True
    if c.threshold == upper:
        return c.op == ">=" or upper_op == "<" or c.op == ">"
    return c.metric in _INTEGER_METRICS and c.op == ">=" and upper_op == "<=" and c.threshold <= upper + 1


def _check_bands(levels: list[Level]) -> None:
    """A band (在201至300之间, 200<AQI≤300) is the level's range when a higher level takes the values
    above it (黄色 201至300, 橙色 大于300 / 301—450); a band with no higher level above it (the top
    level's 301至500, or a gap before the next level) is how the plan writes "from the lower bound
    up": its upper bound is dropped, so the worst air is never left without a level, and the
    convention says so."""
    for lv in levels:
        for alt in lv.any_of:
            for c in alt:
                if c.upper is None:
                    continue
                higher = [h for up in levels if up.rank > lv.rank for a in up.any_of for h in a if h.metric == c.metric]
                if not any(_covers_above(h, c.upper, c.upper_op) for h in higher):
                    c.convention += f" (no higher level above {_fmt(c.upper)}: read as from {_fmt(c.threshold)} up)"
                    c.upper = None


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _mention(units: list[Unit], key: str) -> tuple[str, str] | None:
    """The first sentence naming a level (红色预警, 一级（红色）预警), as (eid, the plan's words)."""
    for u in units:
        for s, q in u.sentences():
            for m in LV.LEVEL_MENTION.finditer(s):
                if COLOUR_KEY[m["c"] or m["c2"]] == key:
                    return u.eid, q
    return None


_OUTLINE_LABEL = r"(?:[(（]?[0-9一二三四五六七八九十]+[)）.、．]?)"


def _level_lines(units: list[Unit]) -> list[tuple[str, str]]:
    """Lines that look like a level's heading or definition (they open with a level's name, after an
    outline label) — reported when no level could be read from them."""
    out: list[tuple[str, str]] = []
    for u in units:
        for s, q in u.sentences():
            m = LV.LEVEL_MENTION.search(s)
            if (
                m
                and m.start() <= 8
                and re.fullmatch(rf"\s*{_OUTLINE_LABEL}?\s*[一二三四ⅠⅡⅢⅣ]?\s*级?\s*", s[: m.start()])
            ):
                out.append((u.eid, q))
    return out


def _listing_lines(units: list[Unit]) -> list[tuple[str, str]]:
    """Lines that list two or more levels (将预警划分为3个等级，由轻到重依次为黄色预警、橙色预警、红色
    预警 — 扬州 2025): where the levels are, reported when none could be read."""
    return [(u.eid, q) for u in units for s, q in u.sentences() if len(LV.LEVEL_MENTION.findall(s)) >= 2]


_DEGREE_LEVEL = re.compile(r"(?:中度|重度|严重|极重)污染(?:日)?(?:预警|应急响应|级别)|(?:中度|重度|严重|极重)污染[:：]")


def _degree_lines(units: list[Unit]) -> list[tuple[str, str]]:
    """Lines of a plan that names its levels by pollution degree (西安 2014: 当连续2天达到重度污染级别
    …启动空气重度污染应急响应): reported, never read as colours."""
    return [(u.eid, q) for u in units for s, q in u.sentences() if _DEGREE_LEVEL.search(s)]


# ---------------------------------------------------------------- other rules


def _first(units: list[Unit], pattern: re.Pattern[str]) -> tuple[re.Match[str], Unit, str] | None:
    for u in units:
        for s, q in u.sentences():
            m = pattern.search(s)
            if m:
                return m, u, q
    return None


_RESPONSE_MAP = re.compile(
    r"(?:发布)?(?P<c>[蓝黄橙红])色预警(?:时)?\s*[,，]?\s*(?:启动|对应|实施)\s*(?P<r>[ⅠⅡⅢⅣ])\s*级"
)
# 根据发布的蓝色、黄色、橙色、红色预警级别，分级采取Ⅳ、Ⅲ、Ⅱ、Ⅰ级响应措施 (郑州 2016): two parallel lists
_RESPONSE_LISTS = re.compile(
    r"(?P<cs>[蓝黄橙红]色(?:\s*[、，,和及与]\s*[蓝黄橙红]色)+)\s*预警[^。；;]{0,24}?"
    r"(?P<rs>[ⅠⅡⅢⅣ](?:\s*[、，,和及与]\s*[ⅠⅡⅢⅣ])+)\s*级\s*(?:应急)?响应"
)
_APPROVER = re.compile(
    r"(?P<cs>(?:[蓝黄橙红]色\s*[、和及与]?\s*)+)预警(?:的发布)?(?:信息)?由(?P<who>[^，,。；;]+?)(?:审批|批准|签发|决定)"
)
_ADVANCE = re.compile(rf"提前\s*(?:(?P<d>{_CNUM})\s*天\s*[(（]\s*)?(?P<h>{_NUM})\s*小时")
_ADVANCE_DAYS = re.compile(rf"提前\s*(?P<d>{_CNUM})\s*天")
_LIFT_START = re.compile(
    r"(?:改善|降低|下降|降|回落|低于)(?:到|至)?(?:(?:相应|对应|当前|所处)(?:的)?(?:预警)?(?:级别)?(?:预警)?|预警)"
    rf"(?:的)?(?:启动|发布)?(?:标准|条件)(?:以下|之下)?.*?(?:持续|连续)\s*(?P<h>{_NUM})\s*小时"
)
#: 改善到黄色预警条件以下，且预测将持续36小时以上: every warning lifts below one named level's conditions
_LIFT_LEVEL = re.compile(
    rf"(?:改善|降低|下降|降|回落|低于)(?:到|至)?(?P<c>[蓝黄橙红])色(?:预警)?(?:的)?(?:启动|发布)?(?:标准|条件|级别)(?:以下|之下)?.*?(?:持续|连续)\s*(?P<h>{_NUM})\s*小时"
)
#: 预计未来36小时AQI将持续低于200: the hours before the threshold
_LIFT_FIXED_AHEAD = re.compile(
    rf"(?:未来|连续)\s*(?P<h>{_NUM})\s*小时[^。；;]{{0,12}}?(?P<m>AQI|空气质量指数)[^。；;]{{0,12}}?(?P<op><=|≤|小于等于|<|小于|低于|不超过)\s*(?P<n>{_NUM})"
)
_LIFT_FIXED = re.compile(
    rf"(?P<m>AQI|空气质量指数)[^。；;]{{0,12}}?(?P<op><=|≤|小于等于|<|小于|低于|不超过)\s*(?P<n>{_NUM})[^。；;]{{0,16}}?持续\s*(?P<h>{_NUM})\s*小时"
)
_LIFT_DOWNTO = re.compile(
    rf"(?P<m>AQI|空气质量指数)[^。；;]{{0,12}}?(?:降至|降到|回落到|回落至|改善到|改善至|下降到|下降至)\s*(?P<n>{_NUM})\s*(?:及)?以下[^。；;]{{0,24}}?(?:持续|连续|未来)\s*(?:(?P<h>{_NUM})\s*小时|(?P<d>{_CNUM})\s*天)"
)
_LIFT_CAT = re.compile(
    rf"(?:改善|降低|下降|降|回落|好转)(?:到|至|为)(?P<cat>轻度|中度|重度)污染(?:及)?以下(?:级别|水平)?.*?(?:持续|连续)\s*(?P<h>{_NUM})\s*小时"
)
_MERGE = re.compile(
    r"按一次(?:重)?污染过程(?:计算|统计|处理).*?(?:从高级别|从严|按最高(?:预警)?级别|按较高(?:预警)?级别)"
)
_UPGRADE = re.compile(r"(?:达到|出现)更高级别(?:预警)?条件.*?升级|升级预警")
_REPORT = re.compile(rf"(?:应急)?响应终止(?:后)?\s*(?P<n>{_CNUM})\s*个?工作日内")
_TERMINATION = re.compile(r"预警解除后[,，]?\s*应急响应(?:自动)?终止")
_WINDOW = re.compile(r"连续\s*24\s*小时\s*[(（]\s*可以跨自然日\s*[)）]")
_CUMULATIVE = re.compile(r"在执行\s*[ⅠⅡⅢⅣ]?级?.*?(?:措施|响应)的基础上")


def _read_responses(units: list[Unit], levels: list[Level]) -> None:
    for u in units:
        for s, q in u.sentences():
            for m in _RESPONSE_MAP.finditer(s):
                lv = next((x for x in levels if x.colour == COLOUR_KEY[m["c"]]), None)
                if lv is not None and (lv.response is None or lv.response.eid == lv.eid):
                    lv.response = Value(m["r"], u.eid, q)  # an explicit 发布…预警时启动…级响应 wins
            for m in _RESPONSE_LISTS.finditer(s):
                colours, grades = re.findall(r"[蓝黄橙红]", m["cs"]), re.findall(r"[ⅠⅡⅢⅣ]", m["rs"])
                if len(colours) != len(grades):
                    continue  # lists of different lengths pair nothing
                for c, r in zip(colours, grades, strict=True):
                    lv = next((x for x in levels if x.colour == COLOUR_KEY[c]), None)
                    if lv is not None and (lv.response is None or lv.response.eid == lv.eid):
                        lv.response = Value(r, u.eid, q)


def _read_approvers(units: list[Unit], levels: list[Level]) -> bool:
    hit = False
    for u in units:
        for s, q in u.sentences():
            for m in _APPROVER.finditer(s):
                who = m["who"].strip()
                for c in re.findall(r"[蓝黄橙红]", m["cs"]):
                    lv = next((x for x in levels if x.colour == COLOUR_KEY[c]), None)
                    if lv is not None and lv.approver is None:
                        lv.approver = Value(who, u.eid, q)
                        hit = True
    return hit


def _read_school(units: list[Unit], levels: list[Level]) -> list[SchoolRule]:
    out: list[SchoolRule] = []
    # the national convention (Ⅰ级 = red … Ⅳ级 = blue) unless the plan maps its responses itself
    resp_to_colour = {"Ⅰ": "red", "Ⅱ": "orange", "Ⅲ": "yellow", "Ⅳ": "blue"}
    resp_to_colour.update({lv.response.value: lv.colour for lv in levels if lv.response})

    def level_in(text: str) -> str | None:
        """The warning level a text names: 红色预警 / 橙色及以上预警 / Ⅰ级应急响应 / 预警Ⅰ级 / 一级预警."""
        text = re.sub(r"在执行[^，,。；;]*?基础上", "", text)  # 在执行Ⅱ级措施的基础上: not this level
        found: list[tuple[int, str | None]] = []
        for m in re.finditer(
            r"([蓝黄橙红])色\s*(?:[(（][^)）]{0,6}[)）])?\s*(?:及以上|及其以上|以上)?(?:级别)?(?:的)?预警", text
        ):
            found.append((m.start(), COLOUR_KEY[m.group(1)]))
        for m in re.finditer(r"([ⅠⅡⅢⅣ])\s*级\s*(?:及以上)?(?:应急)?响应|预警\s*([ⅠⅡⅢⅣ])\s*级|([一二三四])级预警", text):
            r = m.group(1) or m.group(2) or ROMAN[m.group(3)]
            found.append((m.start(), resp_to_colour.get(r)))
        found = [f for f in found if f[1] is not None]
        return max(found)[1] if found else None  # the nearest before the 停课 words

    for k, u in enumerate(units):
        earlier = ""
        for s, q in u.sentences():
            here, earlier = earlier, earlier + s
            if not re.search(r"(?<!不)停课|停止上课", s) or re.fullmatch(
                r"[^，,。；;]*停课[^，,。；;]*(?:情况|如下)[^，,。；;]*", s
            ):
                continue
            # the sentence, then the same paragraph before it, then the headings above it
            colour = level_in(s) or level_in(here)
            if colour is None:
                for h in reversed(u.heads):
                    mh = re.search(r"([蓝黄橙红])色", h) or re.search(r"([ⅠⅡⅢⅣ])级", h)
                    if mh:
                        g = mh.group(1)
                        colour = COLOUR_KEY.get(g) or resp_to_colour.get(g)
                        break
            if colour is None:
                # the nearest level named in the paragraphs just above, within the same section
                for v in reversed(units[max(0, k - 5) : k]):
                    if v.head or v.heads != u.heads:
                        break
                    colour = level_in(v.text)
                    if colour:
                        break
            if colour is None:
                continue
            metric = op = None
            thr: float | None = None
            mc = _COMP.search(s)
            # a condition of its own (且AQI日均值达到500时); not the level's definition (即AQI达到450以上时，启动…)
            if mc and _metric_of(s) and not re.search(r"即|启动\S{0,4}预警|预警\S{0,6}启动", s[: mc.start()]):
                metric, op, thr = _metric_of(s), _OPWORD[mc["op"]], float(mc["n"])
            clause = next((c for c in re.split(r"[，,；;。]", s) if "停课" in c or "停止上课" in c), s)
            mode = "allowed" if re.search(r"可|视情|根据|必要时|适时|酌情|有条件", clause) else "required"
            out.append(SchoolRule(colour, mode, metric, op, thr, u.eid, q))
    return out


_CAT_EN = {
    "公众防护": "public",
    "健康防护": "public",
    "倡议性": "advisory",
    "建议性": "advisory",
    "工业源": "industrial",
    "扬尘源": "dust",
    "移动源": "mobile",
    "其他": "other",
    "强制性": "mandatory",
    "指令性": "mandatory",
}
_ROMAN_ASCII = {"Ⅰ": "I", "Ⅱ": "II", "Ⅲ": "III", "Ⅳ": "IV"}


def _category(text: str) -> tuple[str, str, str]:
    """(key, category name, short name) from a measure's opening words (工业源减排措施。…)."""
    m = re.match(r"^\s*(?:[①-⑩]|[(（]?\d+[)）.、])?\s*([^。:：,，]{2,14}?措施)[。:：]?", text)
    name = m.group(1) if m else ""
    for zh, key in _CAT_EN.items():
        if name.startswith(zh) or (not name and text.lstrip("①②③④⑤⑥⑦⑧⑨⑩ ").startswith(zh)):
            return key, name or zh, zh if key in ("industrial", "dust", "mobile", "other") else name
    return "measure", name or text[:12], name or text[:12]


def _read_measures(doc: Document, levels: list[Level]) -> list[Measure]:
    if doc.body is None:
        return []
    resp_to_colour = {lv.response.value: lv.colour for lv in levels if lv.response}
    out: list[Measure] = []

    def labels(path: list[Node]) -> str:
        return "".join(n.label or "" for n in path if n.kind.startswith("heading"))

    def walk(node: Node, path: list[Node]) -> None:
        here = [*path, node]
        if node.kind.startswith("heading"):
            h = normalize(node.heading or "")
            m = re.search(
                r"([ⅠⅡⅢⅣ])级(?:应急)?响应(?:措施)?$|([ⅠⅡⅢⅣ])级(?:应急)?响应措施|([蓝黄橙红])色预警(?:应急)?(?:响应)?措施",
                h,
            )
            if m:
                resp = m.group(1) or m.group(2)
                if resp is None:
                    colour = COLOUR_KEY[m.group(3)]
                    lv = next((x for x in levels if x.colour == colour), None)
                    resp = lv.response.value if lv and lv.response else colour
                _collect(node, here, resp)
                return
        for c in node.children:
            walk(c, here)

    def _collect(head: Node, path: list[Node], resp: str) -> None:
        seen: dict[str, int] = {}
        for child in head.children:
            cpath = [*path, child]
            paras = [g for g in child.children if g.kind == "paragraph"]
            if (
                child.kind.startswith("heading")
                and paras
                and all(_category(normalize(p.text))[0] != "measure" for p in paras)
            ):
                for p in paras:
                    key, cat, short = _category(normalize(p.text))
                    out.append(_measure(resp, key, cat, p.full_text().strip(), f"{labels(cpath)} {short}", p.eid, seen))
            elif child.kind.startswith("heading") or child.kind == "paragraph":
                text = (
                    child.text if child.kind.startswith("heading") and child.children else child.full_text()
                ).strip()
                key, cat, short = _category(normalize(text))
                out.append(_measure(resp, key, cat, text, labels(cpath), child.eid, seen))
        _ = resp_to_colour

    def _measure(resp: str, key: str, cat: str, text: str, path: str, eid: str, seen: dict[str, int]) -> Measure:
        base = f"{_ROMAN_ASCII.get(resp, resp)}.{key}"
        seen[base] = seen.get(base, 0) + 1
        mid = base if seen[base] == 1 else f"{base}{seen[base]}"
        return Measure(mid, resp, cat, text, path.strip(), eid)

    walk(doc.body, [])
    return out


#: 建议性控制措施（部分）：… / 强制性控制措施： — the measures printed directly below a level's heading
_MEASURE_HEAD = re.compile(
    r"^\s*(?P<cat>建议性|倡议性|强制性|指令性)\s*(?:控制|应急|减排|响应)?\s*措施\s*(?:[(（]\s*部分\s*[)）])?\s*[:：]\s*(?P<rest>.*)$"
)


def _read_level_measures(units: list[Unit], levels: list[Level]) -> list[Measure]:
    """Measures printed under a level's own heading (四级预警（蓝色） … 建议性控制措施（部分）：…), when the
    plan has no response-level measure sections: each item after the category line, up to the next
    level, with the level's response (or colour when it has none)."""
    by_colour = {lv.colour: lv for lv in levels}
    out: list[Measure] = []
    seen: dict[str, int] = {}
    level: Level | None = None
    cat: tuple[str, str] | None = None
    for u in units:
        named = LV.LEVEL_MENTION.search(u.text)
        if named and _level_lines([u]):
            level, cat = by_colour.get(COLOUR_KEY[named["c"] or named["c2"]]), None
            continue
        if level is None:
            continue
        m = _MEASURE_HEAD.match(u.text)
        if m:
            cat = (_CAT_EN[m["cat"]], m.group(0)[: m.start("rest")].strip().rstrip(":："))
            rest = re.split(r"[:：]", u.orig or u.text, maxsplit=1)[-1].strip() if m["rest"].strip() else ""
            if not rest:
                continue
            text = rest
        elif cat is not None:
            text = (u.orig or u.text).strip()
        else:
            continue
        resp = level.response.value if level.response else level.colour
        base = f"{_ROMAN_ASCII.get(resp, resp)}.{cat[0]}"
        seen[base] = seen.get(base, 0) + 1
        mid = base if seen[base] == 1 else f"{base}{seen[base]}"
        out.append(Measure(mid, resp, cat[1], text, f"{level.name} {cat[1]}", u.eid))
    return out


def _check_measures(rs: RuleSet, unresolved: list[dict[str, Any]]) -> None:
    """Say so when no measures were read, for the plan or for one of its levels."""
    if not rs.levels:
        return
    if not rs.measures:
        unresolved.append(
            {
                "field": "measures",
                "where": "document",
                "why": "no response measures found for any level",
                "needed_for": "measures",
            }
        )
        return
    have = {m.response for m in rs.measures}
    for lv in rs.levels:
        if (lv.response.value if lv.response else lv.colour) not in have:
            unresolved.append(
                {
                    "field": f"measures.{lv.colour}",
                    "where": lv.eid,
                    "why": f"no response measures found for the {lv.colour} level",
                    "needed_for": "measures",
                }
            )


def _read_reductions(units: list[Unit]) -> Value | None:
    for u in units:
        for s, q in u.sentences():
            if "减排比例" not in s or "%" not in s:
                continue
            tokens: list[str] = []
            for m in re.finditer(
                r"([ⅠⅡⅢⅣ])级|([蓝黄橙红])色", s.split("%")[0] + s[s.find("之和") :] if "之和" in s else s
            ):
                tok = m.group(1) or COLOUR_KEY[m.group(2)]
                if tok not in tokens:
                    tokens.append(tok)
            pcts = [float(x) for x in re.findall(rf"({_NUM})\s*%", s)]
            k = len(tokens)
            if not k or len(pcts) < k:
                continue
            val: dict[str, object] = {"each": {t: _num(p) for t, p in zip(tokens, pcts[:k], strict=True)}}
            if len(pcts) >= 2 * k and "之和" in s:
                val["so2_nox"] = {t: _num(p) for t, p in zip(tokens, pcts[k : 2 * k], strict=True)}
            val["adjustable"] = ["SO2", "NOx"] if re.search(r"调整\s*SO2\s*和\s*NOx", s) else []
            return Value(val, u.eid, q)
    return None


def _num(x: float) -> int | float:
    return int(x) if float(x).is_integer() else x


# ---------------------------------------------------------------- the rule-set


#: Rule-set fields read the same way from either reading, with the unresolved entries they clear.
_FIELDS = {
    "lift": ("lift",),
    "advance_notice": ("advance_notice",),
    "merge": ("merge",),
    "report": ("report",),
    "reductions": ("reductions",),
    "school": ("school",),
    "upgrade": (),
    "termination": (),
    "cumulative": (),
    "aqi_window": (),
}


def extract_ruleset(doc: Document, *, source: str | None = None) -> RuleSet:
    """The rule-set of one plan document. Never raises for missing rules: they go to ``unresolved``.

    Read from the body tree's nodes; when the tree is imperfect (a plan inside a gazette whose
    outline was not fully recognised) and a rule is missing, the document's plain lines are read
    too and fill what the nodes did not give (their eids are ``text_<offset>``)."""
    units = _units(doc)
    rs = _extract(doc, units, source)
    if not units or units[0].node is None or not doc.text.strip():
        return rs
    missing = [f for f in _FIELDS if not getattr(rs, f)]
    if rs.levels and not missing:
        return rs
    alt = _extract(doc, _line_units(doc.text), source)

    def level_field(f: str) -> bool:
        return f in ("levels", "approver") or f.startswith("levels.")

    if not rs.levels and alt.levels:
        rs.levels = alt.levels
        rs.unresolved = [u for u in rs.unresolved if not level_field(str(u["field"]))]
        rs.unresolved += [u for u in alt.unresolved if level_field(str(u["field"]))]
    for f in missing:
        if getattr(alt, f):
            setattr(rs, f, getattr(alt, f))
            rs.unresolved = [u for u in rs.unresolved if u["field"] not in _FIELDS[f]]
    return rs


def _extract(doc: Document, units: list[Unit], source: str | None) -> RuleSet:
    unresolved: list[dict] = []
    title = doc.instrument_title if doc.instrument_title and PLAN_TITLE_RE.search(doc.instrument_title) else doc.title
    plan = {
        "title": title,
        "doc_number": doc.doc_number,
        "issued": doc.signed_date.isoformat() if doc.signed_date else None,
        "effective": doc.effective_date.isoformat() if doc.effective_date else None,
        "source": source,
        "eid": (doc.body.eid or None) if doc.body is not None else None,
    }
    levels = _read_levels(units, unresolved)
    _read_responses(units, levels)
    for lv in levels:
        if lv.response is None:
            unresolved.append(
                {
                    "field": f"levels.{lv.colour}.response",
                    "where": lv.eid,
                    "why": "no response level named for this warning level",
                    "needed_for": "response",
                }
            )
    if levels and not _read_approvers(units, levels):
        unresolved.append(
            {
                "field": "approver",
                "where": "document",
                "why": "no approver (…预警由…审批) found",
                "needed_for": "approver",
            }
        )
    rs = RuleSet(plan=plan, levels=levels, unresolved=unresolved)

    def one(
        pattern: re.Pattern[str], make: Callable[[re.Match[str]], Any], field_name: str, needed_for: str, why: str
    ) -> Value | None:
        hit = _first(units, pattern)
        if hit is None:
            unresolved.append({"field": field_name, "where": "document", "why": why, "needed_for": needed_for})
            return None
        m, u, s = hit
        return Value(make(m), u.eid, s)

    rs.aqi_window = (lambda h: Value(24, h[1].eid, h[2]) if h else None)(_first(units, _WINDOW))
    hit = _first(units, _ADVANCE)
    if hit:
        rs.advance_notice = Value(int(float(hit[0]["h"])), hit[1].eid, hit[2])
    else:
        hd = _first(units, _ADVANCE_DAYS)
        if hd:
            rs.advance_notice = Value(_int(hd[0]["d"]) * 24, hd[1].eid, hd[2])
        else:
            unresolved.append(
                {
                    "field": "advance_notice",
                    "where": "document",
                    "why": "no advance notice (提前N小时发布) found",
                    "needed_for": "notice",
                }
            )
    lift = _first(units, _LIFT_START)
    named = _first(units, _LIFT_LEVEL)
    if lift:
        rs.lift = Value({"hours": int(float(lift[0]["h"])), "threshold": "start"}, lift[1].eid, lift[2])
    elif named and any(lv.colour == COLOUR_KEY[named[0]["c"]] for lv in levels):
        m, u, s = named
        rs.lift = Value({"hours": int(float(m["h"])), "threshold": "level", "level": COLOUR_KEY[m["c"]]}, u.eid, s)
    else:
        fixed = _first(units, _LIFT_FIXED) or _first(units, _LIFT_FIXED_AHEAD)
        cat = _first(units, _LIFT_CAT)
        down = _first(units, _LIFT_DOWNTO)
        if down and not fixed:
            m, u, s = down
            hours = int(float(m["h"])) if m["h"] else _int(m["d"]) * 24
            rs.lift = Value({"hours": hours, "metric": "aqi", "op": "<=", "threshold": float(m["n"])}, u.eid, s)
        elif fixed:
            m, u, s = fixed
            op = "<" if m["op"] in ("<", "小于", "低于") else "<="
            rs.lift = Value(
                {"hours": int(float(m["h"])), "metric": "aqi", "op": op, "threshold": float(m["n"])}, u.eid, s
            )
        elif cat:
            m, u, s = cat
            rs.lift = Value(
                {
                    "hours": int(float(m["h"])),
                    "metric": "aqi",
                    "op": "<=",
                    "threshold": CATEGORY[m["cat"]] + (50.0 if m["cat"] != "严重" else 0),
                },
                u.eid,
                s,
            )
        else:
            unresolved.append(
                {
                    "field": "lift",
                    "where": "document",
                    "why": "no lift/downgrade rule (预警解除) found",
                    "needed_for": "warnings",
                }
            )
    rs.merge = one(_MERGE, lambda m: True, "merge", "merge", "no merge rule (两次过程按一次计算) found")
    rs.upgrade = (lambda h: Value(True, h[1].eid, h[2]) if h else None)(_first(units, _UPGRADE))
    rs.termination = (lambda h: Value(True, h[1].eid, h[2]) if h else None)(_first(units, _TERMINATION))
    rs.cumulative = (lambda h: Value(True, h[1].eid, h[2]) if h else None)(_first(units, _CUMULATIVE))
    rs.report = one(
        _REPORT, lambda m: _int(m["n"]), "report", "report", "no report deadline (响应终止N个工作日内) found"
    )
    rs.reductions = _read_reductions(units)
    if rs.reductions is None:
        unresolved.append(
            {
                "field": "reductions",
                "where": "document",
                "why": "no emission-reduction ratios found",
                "needed_for": "reductions",
            }
        )
    rs.school = _read_school(units, levels)
    if not rs.school:
        unresolved.append(
            {
                "field": "school",
                "where": "document",
                "why": "no school suspension (停课) provision found",
                "needed_for": "school",
            }
        )
    rs.measures = _read_measures(doc, levels) or _read_level_measures(units, levels)
    _check_measures(rs, unresolved)
    _place_unresolved(units, unresolved)
    return rs


#: Where each rule is expected: the heading words of its section in the template.
_SECTION = {
    "levels": r"预警分级|预警级别|分级标准|预警等级",
    "lift": r"解除|降级|调整",
    "merge": r"调整|解除|升级",
    "advance_notice": r"预警发布|发布",
    "approver": r"预警发布|审批|发布",
    "report": r"总结|评估|报送",
    "reductions": r"减排",
    "school": r"响应措施|应急措施|防护措施",
}


def _place_unresolved(units: list[Unit], unresolved: list[dict[str, Any]]) -> None:
    """Name the section where an unresolved rule was expected (its heading's eid), or say there is none."""
    heads = [u for u in units if u.node is not None and u.node.kind.startswith("heading")]
    for item in unresolved:
        if item.get("where") != "document":
            continue
        pattern = _SECTION.get(str(item["field"]))
        head = (
            next(
                (h for h in heads if pattern and re.search(pattern, (h.node.heading if h.node else None) or h.text)),
                None,
            )
            if pattern
            else None
        )
        if head is None and pattern:
            # no heading node (the outline was not recognised): a paragraph opening with a label and the words
            label = r"^\s*(?:\d+(?:\.\d+)*\.?|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）])\s*"
            head = next((u for u in units if re.match(label + rf"[^。，,；;]{{0,8}}?(?:{pattern})", u.text)), None)
        if head is not None:
            item["where"] = head.eid
            item["section"] = (head.node.heading if head.node is not None else None) or head.text[:30]
            item["why"] += " in its section"
        else:
            item["where"] = "document"
            item["section"] = None
