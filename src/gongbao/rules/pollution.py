"""The heavy-pollution alert engine: runs the rule-set of any 重污染天气应急预案 over a series.

The rules are not in this module: they come from a rule-set (``gongbao.rules.ruleset``) read
from the plan's text by ``gongbao.rules.extract``. ``evaluate`` without a rule-set runs the
bundled rule-set extracted from 聊政办字〔2024〕18号 (``gongbao/data/rulesets``), and says so.

Input: an hourly series (``time`` and ``aqi24``, the AQI of the mean over the 24 hours ending at
that hour — 可以跨自然日 — and/or pollutant concentrations from which ``aqi24``, 24-hour PM2.5 and
PM10 means, the maximum 8-hour O3 and IAQI(O3) are computed per HJ 633-2012). Observed and
forecast hours alike: the series is the best-known trajectory and its first hour is "now".

Semantics (each cites the rule-set value it uses; README of tests/data/rules lists the choices):

1. Condition level of an hour: the highest level one of whose alternatives holds over a run of
   hours containing it (period model: "> 150 持续48小时" paints the whole qualifying run). A clause
   ``metric op threshold`` for ``hours`` (0: any hour) after ``observed_hours`` paints its run
   from the end of the observed part. A conjunction paints the runs of its longest clause that
   overlap a qualifying run of every other clause.
2. Start: at the first hour with a condition level; with a merge rule (从高级别启动预警) at the
   highest level reached before the warning would be lifted. Notice: ``issue_by`` = start minus
   the plan's advance notice.
3. Upgrade: as soon as an hour's condition level exceeds the warning level.
4. Downgrade / lift: the lift rule's hours of air at or below the level's start threshold (the
   lowest threshold of its start conditions, per metric; or the plan's fixed lift threshold), once
   the air has reached the current level. The new level is the highest level the run still meets
   or whose own threshold is not yet cleared; none lifts the warning (and ends the response).
5. Response, approver, measures (cumulative when the plan says 在…基础上), reductions, school
   suspension and the report deadline come from the rule-set; a value it lacks is reported as
   missing (``null`` and a note), except what the warnings themselves need (levels; the lift rule
   once a warning starts; the metrics the conditions test), which is an error (exit 2).
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from gongbao.errors import CalendarError, InputError
from gongbao.model import Document, Issue, Node
from gongbao.rules.aqi import compute_aqi, daily_concentrations, iaqi
from gongbao.rules.calendar import OfficialCalendar, default_calendar
from gongbao.rules.ruleset import Clause, Level, RuleSet, load_ruleset

__all__ = [
    "LEVELS",
    "PLAN_DOC_NUMBER",
    "PROVISIONS",
    "AlertResult",
    "HourRow",
    "Measure",
    "PlanProvisions",
    "Provision",
    "SeriesIssue",
    "StatusLookup",
    "StoreLookup",
    "Warning",
    "bundled_ruleset",
    "condition_levels",
    "evaluate",
    "plan_staleness",
    "read_series",
    "read_series_checked",
    "small_enterprise_exempt",
]

#: The plan of the bundled rule-set (the sample's 聊城市重污染天气应急预案).
PLAN_DOC_NUMBER = "聊政办字〔2024〕18号"
PLAN_TITLE = "聊城市重污染天气应急预案"
BUNDLED = Path(__file__).resolve().parent.parent / "data" / "rulesets" / "liaocheng-2024-18.json"

NONE, YELLOW, ORANGE, RED = 0, 1, 2, 3
#: Level names of the bundled rule-set by rank (legacy; a rule-set names its own levels).
LEVELS = {YELLOW: "yellow", ORANGE: "orange", RED: "red"}


@lru_cache(maxsize=1)
def _bundled() -> RuleSet:
    return load_ruleset(BUNDLED)


def bundled_ruleset() -> RuleSet:
    """The rule-set extracted from 聊政办字〔2024〕18号 (regenerate with ``gongbao rules extract``)."""
    return _bundled()


# ---------------------------------------------------------------- provisions and node ids


@dataclass(frozen=True, slots=True)
class Provision:
    """A provision the engine implements: outline path (四、（四）4.（1）③ -> (4, 4, 4, 1, 3)), the
    paragraph under that heading when the rule sits in one (counted from 1, as the eId scheme
    does), a phrase that identifies that paragraph in the text, and a short summary."""

    path: tuple[int, ...]
    para: int | None = None
    match: str | None = None
    summary: str = ""


P = Provision
#: Every provision the engine cites, keyed by rule name.
PROVISIONS: dict[str, Provision] = {
    "levels.yellow": P((3, 2), 3, "黄色预警", "黄色预警: 日AQI > 200 或 > 150 持续48小时及以上"),
    "levels.orange": P((3, 2), 4, "橙色预警", "橙色预警: 日AQI > 200 持续48小时或 > 150 持续72小时及以上"),
    "levels.red": P((3, 2), 5, "红色预警", "红色预警: 日AQI > 200 持续72小时且 > 300 持续24小时及以上"),
    "aqi24": P((3, 2), 2, "连续24小时", "AQI日均值按连续24小时（可以跨自然日）均值计算"),
    "issue": P((3, 4), 1, "48", "提前48小时以上发布城市预警信息"),
    "approver": P((3, 4), 2, "审批", "黄色、橙色预警由副指挥长审批, 红色预警由指挥长审批"),
    "lift": P((3, 5, 1), None, None, "改善到相应级别预警启动标准以下且预测持续36小时以上时降级或解除"),
    "merge_upgrade": P(
        (3, 5, 2), None, None, "间隔未达解除条件的两次过程按一次计算, 从高级别启动预警; 达到更高级别条件时升级"
    ),
    "response": P((4, 1), 1, "应急响应", "黄色 Ⅲ级, 橙色 Ⅱ级, 红色 Ⅰ级应急响应"),
    "reductions": P(
        (4, 3, 2), None, None, "SO2、NOx、PM、VOCs 减排比例 Ⅲ/Ⅱ/Ⅰ级 10%/20%/30% 以上; SO2+NOx 不低于 20%/40%/60%"
    ),
    "small_enterprise": P((4, 4, 1, 4), None, None, "小微涉气企业可不采取停限产措施"),
    "termination": P((4, 5), 1, "自动终止", "预警解除后, 应急响应自动终止"),
    "report": P((4, 6), 1, "3个工作日", "应急响应终止3个工作日内报送应急响应情况"),
    # Ⅲ级 (四（四）4（1）)
    "III.public": P((4, 4, 4, 1, 1), None, None, "易感人群避免户外活动; 中小学、幼儿园停止室外活动"),
    "III.advisory": P((4, 4, 4, 1, 2), None, None, "倡导绿色消费、绿色出行, 减少含VOCs原材料及产品使用"),
    "III.industrial": P((4, 4, 4, 1, 3), 1, "工业源", "执行工业源应急减排清单黄色预警减排措施"),
    "III.dust": P((4, 4, 4, 1, 3), 2, "扬尘源", "执行扬尘源清单黄色预警措施; 停止土石方等作业; 主干道每天增加2次洒水"),
    "III.mobile": P((4, 4, 4, 1, 3), 3, "移动源", "执行工业源清单黄色预警移动源措施; 国四及以下柴油货车等限制通行"),
    "III.other": P((4, 4, 4, 1, 3), 4, "其他", "不得燃放烟花爆竹、举办焰火晚会"),
    # Ⅱ级 (四（四）4（2）), in addition to Ⅲ级
    "II.public": P((4, 4, 4, 2, 1), None, None, "停止举办大型群众性户外活动"),
    "II.advisory": P((4, 4, 4, 2, 2), None, None, "加大公共交通运输力, 提高公共交通出行率"),
    "II.industrial": P((4, 4, 4, 2, 3), 1, "工业源", "执行工业源应急减排清单橙色预警减排措施"),
    "II.dust": P((4, 4, 4, 2, 3), 2, "扬尘源", "执行扬尘源应急减排清单橙色预警减排措施"),
    "II.mobile": P(
        (4, 4, 4, 2, 3),
        3,
        "移动源",
        "禁用国四及以下重型货车运输; 停用国二及以下非道路移动机械; 城区禁行国四及以下柴油货车等",
    ),
    # Ⅰ级 (四（四）4（3）), in addition to Ⅱ级
    "I.public": P((4, 4, 4, 3, 1), None, None, "弹性教学等措施; 红色预警且AQI日均值达到500时学校可停课"),
    "I.industrial": P((4, 4, 4, 3, 2), 1, "工业源", "执行工业源应急减排清单红色预警减排措施"),
    "I.dust": P((4, 4, 4, 3, 2), 2, "扬尘源", "执行扬尘源应急减排清单红色预警减排措施"),
    "I.mobile": P((4, 4, 4, 3, 2), 3, "移动源", "执行工业源清单红色预警移动源措施; 经市政府同意限制部分机动车行驶"),
}

#: Measures of each response level, in print order (cumulative: a level adds to the ones below).
MEASURES_BY_LEVEL: dict[int, tuple[str, ...]] = {
    YELLOW: ("III.public", "III.advisory", "III.industrial", "III.dust", "III.mobile", "III.other"),
    ORANGE: ("II.public", "II.advisory", "II.industrial", "II.dust", "II.mobile"),
    RED: ("I.public", "I.industrial", "I.dust", "I.mobile"),
}
CATEGORY = {
    "public": "公众防护措施",
    "advisory": "倡议性污染减排措施",
    "industrial": "工业源减排措施",
    "dust": "扬尘源减排措施",
    "mobile": "移动源减排措施",
    "other": "其他减排措施",
}


def derive_eid(path: Sequence[int]) -> str:
    """The eId the agreed scheme gives an outline path: (4, 4, 4, 1, 3) -> ``lvl_4__lvl_4__lvl_4__lvl_1__lvl_3``."""
    return "__".join(f"lvl_{n}" for n in path)


@dataclass(frozen=True, slots=True)
class ProvisionRef:
    """Where a rule comes from: provision name, printed outline path, eId, and whether the eId was read from a tree."""

    name: str
    path: str
    eid: str
    resolved: bool
    text: str

    def to_json(self) -> dict[str, Any]:
        return {
            "provision": self.name,
            "path": self.path,
            "eid": self.eid,
            "resolved": self.resolved,
            "text": self.text,
        }


def print_path(path: Sequence[int]) -> str:
    """Print an outline path as the plan cites it: (4, 4, 4, 1, 3) -> ``四、（四）4.（1）③`` (the one
    printer of outline labels, ``structure.citation.outline_label``)."""
    from gongbao.structure.citation import outline_label

    return "".join(outline_label(level, n) for level, n in enumerate(path, start=1))


def _children_headings(node: Node) -> list[Node]:
    return [c for c in node.children if c.kind.startswith("heading") or c.eid.split("__")[-1].startswith("lvl_")]


def _find_by_path(root: Node, path: Sequence[int]) -> Node | None:
    """Follow heading numbers down the tree (any depth of wrapper nodes: cover, instrument)."""
    # The first level may sit under wrapper nodes: search all nodes for a top heading with the number.
    derived = derive_eid(path)
    exact = next((n for n in root.walk() if n.eid == derived), None)
    if exact is not None:
        return exact
    candidates = [n for n in root.walk() if n.number == path[0] and n.kind == "heading1"]
    for top in candidates:
        node: Node | None = top
        for num in path[1:]:
            node = next((c for c in _children_headings(node) if c.number == num), None) if node else None
        if node is not None:
            return node
    return None


class PlanProvisions:
    """The provisions the engine cites, with eIds read from the parsed plan when one is given.

    ``PlanProvisions(None)`` derives eIds from the outline paths (scheme of ARCHITECTURE);
    ``PlanProvisions(doc)`` looks each path up in ``doc.body`` (by eId, then by heading
    numbers) and, for a paragraph under a heading, by its text prefix (工业源减排措施 …).
    """

    def __init__(self, doc: Document | None = None):
        self.doc = doc
        self.doc_number = (doc.doc_number if doc else None) or PLAN_DOC_NUMBER
        self._refs: dict[str, ProvisionRef] = {name: self._resolve(name) for name in PROVISIONS}

    @classmethod
    def from_issue(cls, issue: Issue) -> PlanProvisions:
        """Find the plan in a parsed issue (by the notice's 文号 or the plan's title)."""
        doc = issue.find(PLAN_DOC_NUMBER) or issue.find(PLAN_TITLE)
        return cls(doc)

    def _resolve(self, name: str) -> ProvisionRef:
        prov = PROVISIONS[name]
        printed = print_path(prov.path)
        if prov.para is not None:
            printed += f" {prov.match}" if name.split(".")[-1] in CATEGORY else f" 第{prov.para}段"
        derived = derive_eid(prov.path) + (f"__para_{prov.para}" if prov.para is not None else "")
        body = self.doc.body if self.doc else None
        node = None
        if body is not None:
            node = _find_by_path(body, prov.path)
        if node is None:
            return ProvisionRef(name, printed, derived, False, prov.summary)
        if prov.para is not None:
            paras = [c for c in node.children if c.kind == "paragraph"]
            # 1. the paragraph that starts with the phrase; 2. one that contains it; 3. the numbered one.
            para = next((c for c in paras if prov.match and c.text.lstrip().startswith(prov.match)), None)
            para = para or next((c for c in paras if prov.match and prov.match in c.text), None)
            para = para or (paras[prov.para - 1] if len(paras) >= prov.para else None)
            if para is None:
                return ProvisionRef(name, printed, node.eid, True, prov.summary)
            return ProvisionRef(name, printed, para.eid, True, para.full_text().strip())
        own = node.text.strip() if node.kind.startswith("heading") else node.full_text().strip()
        return ProvisionRef(name, printed, node.eid, True, own or prov.summary)

    def __getitem__(self, name: str) -> ProvisionRef:
        return self._refs[name]

    def all(self) -> list[ProvisionRef]:
        return list(self._refs.values())


# ---------------------------------------------------------------- staleness


class StatusLookup(Protocol):
    """What the engine needs from the store: the status of a document by its 文号.

    ``status(ref)`` returns ``None`` when unknown, else a mapping or object with ``status``
    (e.g. ``in_force``, ``repealed``, ``superseded``, ``expired``) and ``by`` (the 文号 or
    title of the document that repealed/replaced it, or ``None``). A lookup may also offer
    ``later_versions(title, after)``: documents with the same title issued after ``after``.
    """

    def status(self, ref: str) -> Any: ...


@dataclass(frozen=True, slots=True)
class Staleness:
    stale: bool
    status: str | None
    by: str | None
    message: str
    later: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "stale": self.stale,
            "status": self.status,
            "by": self.by,
            "later_versions": list(self.later),
            "message": self.message,
        }


def plan_staleness(
    lookup: StatusLookup, doc_number: str | None = PLAN_DOC_NUMBER, title: str | None = None, issued: date | None = None
) -> Staleness:
    """Whether the plan the rules come from is still in force, per the store.

    ``stale=True`` with the replacing document when the status is repealed, superseded,
    replaced or expired, or when the store holds a later version (same title, issued later);
    ``stale=False`` when in force or unknown (the message says which).
    """
    later: tuple[str, ...] = ()
    finder = getattr(lookup, "later_versions", None)
    if finder is not None and title:
        later = tuple(finder(title, issued))
    ref = doc_number or title or "the plan"
    st = lookup.status(doc_number) if doc_number else None
    if st is None:
        if later:
            return Staleness(
                True,
                None,
                None,
                f"rules may be stale: the store holds a later version of {ref}: {'、'.join(later)}",
                later,
            )
        return Staleness(False, None, None, f"{ref} is not in the store; staleness unknown")

    def get(key: str) -> Any:
        return st.get(key) if isinstance(st, Mapping) else getattr(st, key, None)

    status = get("status") or get("state")
    by = get("by") or get("repealed_by") or get("superseded_by")
    if isinstance(by, Iterable) and not isinstance(by, str):
        by = "、".join(str(b) for b in by) or None
    if status in ("repealed", "superseded", "replaced", "expired"):
        who = f" by {by}" if by else ""
        return Staleness(True, status, by, f"rules are stale: {ref} was {status}{who}", later)
    if later:
        return Staleness(
            True,
            status,
            None,
            f"rules may be stale: the store holds a later version of {ref}: {'、'.join(later)}",
            later,
        )
    return Staleness(False, status, None, f"{ref} is {status}")


class StoreLookup:
    """``StatusLookup`` over a gongbao store (``gongbao.query.status``); unknown refs give ``None``."""

    def __init__(self, db: str | None):
        from gongbao.store.db import open_store

        self.engine = open_store(db, create=False)

    def status(self, ref: str) -> Any:
        from gongbao.errors import CitationError
        from gongbao.query.status import status

        try:
            return status(self.engine, ref)
        except CitationError:
            return None

    def later_versions(self, title: str, after: date | None) -> list[str]:
        from gongbao.rules.storeplans import later_versions

        return later_versions(self.engine, title, after)


# ---------------------------------------------------------------- series


@dataclass(frozen=True, slots=True)
class HourRow:
    """One hour: its time, the rolling 24-hour AQI (``None`` when unknown) and other metrics
    (``pm25``, ``pm10``, ``o3_8h``, ``iaqi_o3``: 24-hour values ending at that hour)."""

    time: datetime
    aqi24: float | None
    metrics: dict[str, float | None] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SeriesIssue:
    """A problem in the input series: code, message, and the CSV rows (1 = header)."""

    code: str
    message: str
    rows: tuple[int, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "rows": list(self.rows)}


_POLLUTANT_COLUMNS = {
    "pm25": "pm25",
    "pm2.5": "pm25",
    "pm2_5": "pm25",
    "pm10": "pm10",
    "so2": "so2",
    "no2": "no2",
    "co": "co",
    "o3": "o3",
}
#: Columns that already hold 24-hour values (per HJ 633) of a metric.
_DAILY_COLUMNS = {
    "aqi24": "aqi",
    "aqi_24h": "aqi",
    "pm25_24h": "pm25",
    "pm2.5_24h": "pm25",
    "pm10_24h": "pm10",
    "o3_8h": "o3_8h",
    "iaqi_o3": "iaqi_o3",
}
#: Values above these are impossible for the unit (µg/m³; CO mg/m³; AQI: the scale stops at 500, "爆表" readings go beyond).
_MAX = {
    "aqi": 1000.0,
    "pm25": 2000.0,
    "pm10": 5000.0,
    "so2": 10000.0,
    "no2": 5000.0,
    "co": 200.0,
    "o3": 3000.0,
    "o3_8h": 3000.0,
    "iaqi_o3": 500.0,
}


def _parse_time(value: str, where: str) -> datetime:
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError as e:
        raise InputError(f"cannot read time {value!r}", where=where) from e


def _ranges(rows: list[int]) -> str:
    out: list[str] = []
    for r in rows:
        if out and out[-1].split("-")[-1] == str(r - 1):
            out[-1] = f"{out[-1].split('-')[0]}-{r}"
        else:
            out.append(str(r))
    return ", ".join(out[:8]) + (" …" if len(out) > 8 else "")


def read_series_checked(
    source: str | Path | Iterable[Mapping[str, Any]], *, strict: bool = False
) -> tuple[list[HourRow], list[SeriesIssue]]:
    """Hourly rows and the problems found in them.

    Reads a CSV file (path or text) or mappings with ``time`` and ``aqi24`` (or the 24-hour
    columns ``pm25_24h``, ``pm10_24h``, ``o3_8h``, ``iaqi_o3``) and/or hourly pollutant
    concentrations (``pm25``, ``pm10``, ``so2``, ``no2``, ``co`` (mg/m³), ``o3``; µg/m³), from
    which the 24-hour values are computed per HJ 633. Problems are reported, never silently
    absorbed: empty, NaN, negative and impossible values become missing hours (listed with their
    rows); missing hours (a gap in time) are filled as missing unless ``strict`` (then an
    ``InputError``); mixed UTC offsets are converted to the first row's offset (listed);
    naive and offset times mixed, duplicated or backward times are an ``InputError``.
    """
    name = "series"
    if isinstance(source, Path) or (isinstance(source, str) and "\n" not in source):
        name = str(source)
        try:
            text = Path(source).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as e:
            raise InputError(f"cannot read series: {getattr(e, 'strerror', None) or e}", path=name) from e
        rows: list[Mapping[str, Any]] = list(csv.DictReader(io.StringIO(text)))
    elif isinstance(source, str):
        rows = list(csv.DictReader(io.StringIO(source)))
    else:
        rows = list(source)
    if not rows:
        raise InputError("empty series", path=name)
    cols = {k.strip().lower(): k for k in rows[0] if k}
    if "time" not in cols:
        raise InputError("the series needs a 'time' column", path=name)
    issues: list[SeriesIssue] = []
    times: list[datetime] = []
    shifted: list[int] = []
    for i, r in enumerate(rows, start=2):
        raw_t = r[cols["time"]]
        t = raw_t if isinstance(raw_t, datetime) else _parse_time(str(raw_t), f"row {i}")
        if times:
            first = times[0]
            if (first.tzinfo is None) != (t.tzinfo is None):
                raise InputError("times with and without a UTC offset are mixed", path=name, where=f"row {i}")
            if t.tzinfo is not None and t.utcoffset() != first.utcoffset():
                t = t.astimezone(first.tzinfo)
                shifted.append(i)
        times.append(t)
    if shifted:
        issues.append(
            SeriesIssue(
                "mixed_time_zones",
                f"times in another UTC offset converted to {times[0].tzinfo}: rows {_ranges(shifted)}",
                tuple(shifted),
            )
        )
    # order and gaps: map each row to its hour index
    index: list[int] = []
    gaps: list[int] = []
    for k, t in enumerate(times):
        if k == 0:
            index.append(0)
            continue
        step = t - times[k - 1]
        hours = step.total_seconds() / 3600
        if hours <= 0 or not float(hours).is_integer():
            raise InputError(
                f"rows must be hourly and increasing; {times[k - 1]} then {t}", path=name, where=f"row {k + 2}"
            )
        if hours != 1:
            if strict:
                raise InputError(
                    f"rows must be consecutive hours; {times[k - 1]} then {t}", path=name, where=f"row {k + 2}"
                )
            gaps.append(k + 2)
        index.append(index[-1] + int(hours))
    n = index[-1] + 1
    if gaps:
        missing = n - len(times)
        issues.append(
            SeriesIssue(
                "missing_hours",
                f"{missing} missing hour(s) before rows {_ranges(gaps)}: counted as unknown",
                tuple(gaps),
            )
        )

    bad: dict[str, list[int]] = {"missing_value": [], "nan_value": [], "negative_value": [], "impossible_value": []}

    def num(r: Mapping[str, Any], key: str, i: int, metric: str) -> float | None:
        v = r.get(key)
        if v is None or (isinstance(v, str) and not v.strip()):
            bad["missing_value"].append(i)
            return None
        try:
            x = float(v)
        except (TypeError, ValueError) as e:
            raise InputError(f"not a number in {key!r}: {v!r}", path=name, where=f"row {i}") from e
        if math.isnan(x) or math.isinf(x):
            bad["nan_value"].append(i)
            return None
        if x < 0:
            bad["negative_value"].append(i)
            return None
        if x > _MAX.get(metric, math.inf):
            bad["impossible_value"].append(i)
            return None
        return x

    def spread(vals: list[float | None]) -> list[float | None]:
        out: list[float | None] = [None] * n
        for k, v in zip(index, vals, strict=True):
            out[k] = v
        return out

    daily = {std: cols[c] for c, std in _DAILY_COLUMNS.items() if c in cols}
    hourly_cols = {std: cols[c] for c, std in _POLLUTANT_COLUMNS.items() if c in cols}
    if not daily and not hourly_cols:
        raise InputError("the series needs 'aqi24' or pollutant columns (pm25, pm10, so2, no2, co, o3)", path=name)
    metrics: dict[str, list[float | None]] = {}
    for std, col in daily.items():
        metrics[std] = spread([num(r, col, i, std) for i, r in enumerate(rows, start=2)])
    if hourly_cols:
        hourly = {
            std: spread([num(r, col, i, std) for i, r in enumerate(rows, start=2)]) for std, col in hourly_cols.items()
        }
        conc = daily_concentrations(hourly)
        aqi: list[float | None] = []
        for row in conc:
            usable = {k: v for k, v in row.items() if v is not None}
            aqi.append(float(compute_aqi(usable).aqi) if any(k.endswith("_24h") for k in usable) else None)
        metrics.setdefault("aqi", aqi)
        if "pm25" in hourly:
            metrics.setdefault("pm25", [c.get("pm25_24h") for c in conc])
        if "pm10" in hourly:
            metrics.setdefault("pm10", [c.get("pm10_24h") for c in conc])
        if "o3" in hourly:
            metrics.setdefault("o3_8h", [c.get("o3_8h") for c in conc])
            io3: list[float | None] = []
            for c in conc:
                v8, v1 = c.get("o3_8h"), c.get("o3_1h")
                sub = iaqi("o3_8h", v8) if v8 is not None else None
                if sub is None and v1 is not None:
                    sub = iaqi("o3_1h", v1)
                io3.append(float(sub) if sub is not None else None)
            metrics.setdefault("iaqi_o3", io3)
    for code, where in bad.items():
        if where:
            what = {
                "missing_value": "empty values",
                "nan_value": "NaN values",
                "negative_value": "negative values",
                "impossible_value": "impossible values",
            }[code]
            issues.append(
                SeriesIssue(
                    code,
                    f"{len(where)} {what} counted as unknown: rows {_ranges(sorted(set(where)))}",
                    tuple(sorted(set(where))),
                )
            )
    t0 = times[0]
    aqi_vals = metrics.get("aqi", [None] * n)
    others = {k: v for k, v in metrics.items() if k != "aqi"}
    out = [HourRow(t0 + timedelta(hours=k), aqi_vals[k], {m: vals[k] for m, vals in others.items()}) for k in range(n)]
    if "aqi" in metrics:
        out = [HourRow(r.time, r.aqi24, {**r.metrics, "aqi": r.aqi24}) for r in out]
    return out, issues


def read_series(source: str | Path | Iterable[Mapping[str, Any]]) -> list[HourRow]:
    """Hourly rows (see ``read_series_checked``); strict about gaps (``InputError`` naming the row)."""
    rows, _ = read_series_checked(source, strict=True)
    return rows


def _values(rows: Sequence[HourRow], metric: str) -> list[float | None]:
    if metric == "aqi":
        return [r.aqi24 for r in rows]
    return [r.metrics.get(metric) for r in rows]


def _available(rows: Sequence[HourRow]) -> set[str]:
    have = {m for r in rows for m, v in r.metrics.items() if v is not None}
    if any(r.aqi24 is not None for r in rows) or any("aqi" in r.metrics for r in rows[:1]):
        have.add("aqi")
    if rows and "aqi" not in have and all(not r.metrics for r in rows):
        have.add("aqi")  # an aqi24 series whose values are all missing: still an AQI series
    return have


# ---------------------------------------------------------------- levels


def _runs(values: Sequence[float | None], clause: Clause) -> list[tuple[int, int]]:
    """Maximal runs ``[a, b)`` of hours where the clause's comparison holds."""
    out: list[tuple[int, int]] = []
    start = None
    for i, v in enumerate(values):
        if clause.holds(v):
            if start is None:
                start = i
        elif start is not None:
            out.append((start, i))
            start = None
    if start is not None:
        out.append((start, len(values)))
    return out


def _qualifying(values: Sequence[float | None], clause: Clause) -> list[tuple[int, int]]:
    need = max(1, clause.observed_hours + clause.hours)
    return [(a, b) for a, b in _runs(values, clause) if b - a >= need]


def _alternative_hours(vals: Mapping[str, Sequence[float | None]], alt: Sequence[Clause]) -> list[tuple[int, int]]:
    """Hours a conjunction paints: the qualifying runs of its longest clause that overlap a
    qualifying run of every other clause, from the end of the observed part."""
    q = [_qualifying(vals[c.metric], c) for c in alt]
    primary = max(range(len(alt)), key=lambda k: (alt[k].observed_hours + alt[k].hours, -alt[k].threshold))
    out: list[tuple[int, int]] = []
    for a, b in q[primary]:
        if all(any(x < b and a < y for x, y in q[k]) for k in range(len(alt)) if k != primary):
            out.append((a + alt[primary].observed_hours, b))
    return out


def condition_levels(
    values: Sequence[float | None] | Mapping[str, Sequence[float | None]], ruleset: RuleSet | None = None
) -> list[int]:
    """The condition level (rank; 0 none) of each hour under the rule-set's level conditions. O(n·clauses)."""
    rs = ruleset or _bundled()
    vals: Mapping[str, Sequence[float | None]] = values if isinstance(values, Mapping) else {"aqi": values}
    n = len(next(iter(vals.values()))) if vals else 0
    level = [NONE] * n
    for lv in rs.levels:
        for alt in lv.any_of:
            for a, b in _alternative_hours(vals, alt):
                for i in range(a, b):
                    if level[i] < lv.rank:
                        level[i] = lv.rank
    return level


def _start_thresholds(lv: Level) -> dict[str, Clause]:
    """Per metric, the lowest threshold among the level's start conditions (相应级别预警启动标准)."""
    out: dict[str, Clause] = {}
    for alt in lv.any_of:
        for c in alt:
            if c.metric not in out or c.threshold < out[c.metric].threshold:
                out[c.metric] = c
    return out


def _below_runs(vals: Mapping[str, Sequence[float | None]], n: int, test: Any) -> list[int]:
    """For each hour, how many consecutive hours from it pass ``test(i)``."""
    out = [0] * (n + 1)
    for i in range(n - 1, -1, -1):
        out[i] = out[i + 1] + 1 if test(i) else 0
    return out[:-1]


# ---------------------------------------------------------------- warnings


@dataclass(frozen=True, slots=True)
class Measure:
    response_level: str
    category: str
    text: str
    path: str
    eid: str

    def to_json(self) -> dict[str, Any]:
        return {
            "response_level": self.response_level,
            "category": self.category,
            "text": self.text,
            "path": self.path,
            "eid": self.eid,
        }


@dataclass(slots=True)
class WarningEvent:
    time: datetime
    action: str  # issue, upgrade, downgrade, lift
    level: int  # the level after the event (0 after a lift)
    issue_by: datetime | None = None  # for issue/upgrade: the latest time to publish
    #: who approves the event: the approver of the level issued (issue, upgrade) or of the level
    #: being lowered or lifted (downgrade, lift) (预警解除、调整与发布的主体及程序保持一致).
    approver: str | None = None
    colour: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "time": self.time.isoformat(),
            "action": self.action,
            "level": self.colour,
            "issue_by": self.issue_by.isoformat() if self.issue_by else None,
            "approver": self.approver,
        }


@dataclass(slots=True)
class Warning:
    """One warning from issue to lift. ``level`` is the highest level (rank) it reached."""

    level: int
    start: datetime
    end: datetime | None  # None: not lifted within the series
    issue_by: datetime | None
    advance_ok: bool | None
    advance_hours: float
    events: list[WarningEvent] = field(default_factory=list)
    peak_aqi24: float | None = None
    peak: dict[str, float] = field(default_factory=dict)
    school_suspension_from: datetime | None = None
    school_eid: str | None = None
    school_mode: str | None = None
    report_deadline: str | None = None
    report_note: str | None = None
    measures: list[Measure] = field(default_factory=list)
    citations: dict[str, str | None] = field(default_factory=dict)
    ruleset: RuleSet | None = None

    def _lv(self, rank: int | None = None) -> Level:
        rs = self.ruleset or _bundled()
        return rs.level(rank or self.level)

    @property
    def colour(self) -> str:
        return self._lv().colour

    @property
    def response_level(self) -> str | None:
        r = self._lv().response
        return str(r.value) if r else None

    @property
    def approver(self) -> str | None:
        a = self._lv().approver
        return str(a.value) if a else None

    def segments(self) -> list[tuple[datetime, datetime | None, int]]:
        """(from, to, level) for each stretch of constant level."""
        out = []
        evs = [e for e in self.events if e.action != "lift"]
        for k, e in enumerate(evs):
            nxt = evs[k + 1].time if k + 1 < len(evs) else self.end
            out.append((e.time, nxt, e.level))
        return out

    def _reductions(self) -> dict[str, Any] | None:
        rs = self.ruleset or _bundled()
        if rs.reductions is None or self.response_level is None:
            return None
        val = rs.reductions.value
        key = self.response_level if self.response_level in val.get("each", {}) else self.colour
        each = val.get("each", {}).get(key)
        if each is None:
            return None
        return {
            "SO2": each,
            "NOx": each,
            "PM": each,
            "VOCs": each,
            "SO2+NOx": val.get("so2_nox", {}).get(key),
            "adjustable": list(val.get("adjustable", [])),
            "eid": rs.reductions.eid,
        }

    def to_json(self) -> dict[str, Any]:
        lv = self._lv()
        return {
            "level": lv.colour,
            "level_zh": lv.colour_zh,
            "level_rank": self.level,
            "level_eid": lv.eid,
            "response_level": self.response_level,
            "response_eid": lv.response.eid if lv.response else None,
            "approver": self.approver,
            "approver_eid": lv.approver.eid if lv.approver else None,
            "start": self.start.isoformat(),
            "end": self.end.isoformat() if self.end else None,
            "response_end": self.end.isoformat() if self.end else None,
            "issue_by": self.issue_by.isoformat() if self.issue_by else None,
            "issue_eid": self.citations.get("issue"),
            "advance_ok": self.advance_ok,
            "advance_hours": self.advance_hours,
            "peak_aqi24": self.peak_aqi24,
            "peak": dict(self.peak),
            "events": [e.to_json() for e in self.events],
            "segments": [
                {"from": a.isoformat(), "to": b.isoformat() if b else None, "level": self._lv(rank).colour}
                for a, b, rank in self.segments()
            ],
            "school_suspension": {
                "allowed": self.school_suspension_from is not None,
                "from": self.school_suspension_from.isoformat() if self.school_suspension_from else None,
                "mode": self.school_mode,
                "eid": self.school_eid,
            },
            "min_reductions": self._reductions(),
            "report_deadline": self.report_deadline,
            "report_eid": self.citations.get("report"),
            "report_note": self.report_note,
            "measures": [m.to_json() for m in self.measures],
            "citations": dict(self.citations),
        }


@dataclass(slots=True)
class AlertResult:
    warnings: list[Warning]
    series: list[HourRow]
    levels: list[int]
    ruleset: RuleSet
    staleness: Staleness | None = None
    notes: list[str] = field(default_factory=list)
    issues: list[SeriesIssue] = field(default_factory=list)

    def episodes(self) -> list[dict[str, Any]]:
        """Maximal runs of hours that meet some level's condition: {from, to, level (the highest met)}."""
        out: list[dict[str, Any]] = []
        start = None
        for i, lv in enumerate([*self.levels, NONE]):
            if lv and start is None:
                start = i
            elif not lv and start is not None:
                top = max(self.levels[start:i])
                end = self.series[i].time.isoformat() if i < len(self.series) else None
                out.append(
                    {"from": self.series[start].time.isoformat(), "to": end, "level": self.ruleset.level(top).colour}
                )
                start = None
        return out

    def provisions(self) -> list[dict[str, Any]]:
        """Every rule-set value the run could cite: name, path, eid, quote (``resolved``: read from the text)."""
        rs = self.ruleset
        out: list[dict[str, Any]] = []

        def add(name: str, eid: str | None, text: str | None, path: str | None = None) -> None:
            out.append({"provision": name, "path": path, "eid": eid, "resolved": eid is not None, "text": text})

        for lv in rs.levels:
            add(f"levels.{lv.colour}", lv.eid, lv.quote)
        for name, v in (
            ("aqi24", rs.aqi_window),
            ("issue", rs.advance_notice),
            ("lift", rs.lift),
            ("merge_upgrade", rs.merge),
            ("reductions", rs.reductions),
            ("termination", rs.termination),
            ("report", rs.report),
        ):
            if v is not None:
                add(name, v.eid, v.quote)
        for lv in rs.levels:
            if lv.response:
                add(f"response.{lv.colour}", lv.response.eid, lv.response.quote)
            if lv.approver:
                add(f"approver.{lv.colour}", lv.approver.eid, lv.approver.quote)
        for s in rs.school:
            add(f"school.{s.colour}", s.eid, s.quote)
        for m in rs.measures:
            add(m.id, m.eid, m.text, m.path)
        return out

    def to_json(self) -> dict[str, Any]:
        rs = self.ruleset
        return {
            "schema": "gongbao.alert/1",
            "plan": {"doc_number": rs.doc_number, "title": rs.title, "source": rs.plan.get("source")},
            "stale": self.staleness.to_json() if self.staleness else None,
            "series": {
                "from": self.series[0].time.isoformat() if self.series else None,
                "to": self.series[-1].time.isoformat() if self.series else None,
                "hours": len(self.series),
                "issues": [i.to_json() for i in self.issues],
            },
            "levels": [
                {"rank": lv.rank, "colour": lv.colour, "response": lv.response.value if lv.response else None}
                for lv in rs.levels
            ],
            "episodes": self.episodes(),
            "warnings": [w.to_json() for w in self.warnings],
            "provisions": self.provisions(),
            "unresolved": list(rs.unresolved),
            "notes": list(self.notes),
        }


def _measures(rank: int, rs: RuleSet) -> list[Measure]:
    """The measures of the warning's response level, and of the lower ones when cumulative."""
    wanted: list[str] = []
    for lv in rs.levels:
        if lv.response and (lv.rank == rank or (rs.cumulative is not None and lv.rank < rank)):
            wanted.append(str(lv.response.value))
    return [
        Measure(m.response, m.category, m.text, m.path, m.eid) for r in wanted for m in rs.measures if m.response == r
    ]


def _require(rs: RuleSet, rows: Sequence[HourRow]) -> list[str]:
    """Exit-2 checks: levels read, and the series gives, for every level, the metrics of at least one
    of its alternatives (and the lift's metric). Returns notes naming the alternatives left
    unevaluated (AQI > 200 或 PM2.5 > 150 over an AQI-only series: only the AQI alternative is run)."""
    where = rs.plan.get("source") or rs.doc_number or rs.title or "rule-set"
    if not rs.levels:
        lines = next((u.get("lines") or [] for u in rs.unresolved if u.get("field") == "levels"), [])
        named = (
            "; lines naming a level: " + " | ".join(str(x.get("quote", ""))[:40] for x in lines[:4]) if lines else ""
        )
        raise InputError(
            f"the plan's warning levels could not be read (unresolved: levels{named}); no alert can be computed",
            path=str(where),
        )
    have = _available(rows)
    missing = sorted(rs.metrics() - have)
    if not missing:
        return []
    from gongbao.rules.ruleset import METRICS

    names = ", ".join(f"{m} ({METRICS.get(m, m)})" for m in missing)
    lift = rs.lift.value if rs.lift is not None else None
    lift_metric = (
        lift.get("metric") if isinstance(lift, dict) and lift.get("threshold") not in ("start", "level") else None
    )
    blind = [lv for lv in rs.levels if not any({c.metric for c in alt} <= have for alt in lv.any_of)]
    if blind or (lift_metric and lift_metric not in have):
        raise InputError(
            f"the plan's conditions test {names} but the series gives only {', '.join(sorted(have)) or 'nothing'}: "
            "add those columns (hourly concentrations or 24-hour values)",
            path=str(where),
        )
    return [
        f"the series gives no {names}: the plan's alternatives on {', '.join(missing)} were not evaluated "
        "(every level still has one the series can test)"
    ]


def _check_unnamed(rs: RuleSet, rows: Sequence[HourRow], levels: Sequence[int]) -> None:
    """A level printed without a readable name (``levels.unnamed``: 2、**预警:…; or a damaged one,
    ``levels.<colour>`` with ``conditions``: 启动橙色预舍入) whose condition holds on an hour below the named
    level above its place could be that hour's level: refused, never answered without it (exit 2, one
    line). Where it does not hold, or only under a higher level, the run goes on (with a note)."""
    have = _available(rows)
    ranks = {lv.colour: lv.rank for lv in rs.levels}
    for u in rs.unresolved:
        if not str(u.get("field", "")).startswith("levels.") or not isinstance(u.get("conditions"), dict):
            continue
        alts = [[Clause.from_json(c) for c in a.get("all", [])] for a in u["conditions"].get("any", [])]
        alts = [a for a in alts if a and {c.metric for c in a} <= have]
        vals = {c.metric: _values(rows, c.metric) for a in alts for c in a}
        between = u.get("between")
        above = between.get("above") if isinstance(between, dict) else None
        upper = ranks.get(above, len(rs.levels) + 1) if above else len(rs.levels) + 1
        for alt in alts:
            for a, b in _alternative_hours(vals, alt):
                i = next((i for i in range(a, b) if levels[i] < upper), None)
                if i is None:
                    continue
                read = rs.level(levels[i]).colour if levels[i] else "no warning"
                where = rs.plan.get("source") or rs.doc_number or rs.title or "rule-set"
                raise InputError(
                    f"{u.get('why')}; the series meets that condition at {rows[i].time.isoformat()}, "
                    f"where the named levels give {read}: "
                    f"which warning applies cannot be said ({u.get('field')})",
                    path=str(where),
                )


def evaluate(
    series: Sequence[HourRow] | str | Path,
    *,
    now: datetime | None = None,
    ruleset: RuleSet | None = None,
    provisions: Any = None,
    calendar: OfficialCalendar | None = None,
    lookup: StatusLookup | None = None,
    horizon_hours: int | None = None,
    assume_lift_hours: int | None = None,
) -> AlertResult:
    """Run a rule-set over an hourly series; returns the warnings with their events.

    ``ruleset`` (default: the bundled 聊政办字〔2024〕18号 rule-set, and the result says so);
    ``now`` (default: the first hour) is when the forecast is made, for the advance notice;
    ``horizon_hours`` limits how far ahead the start level looks; ``lookup`` (the store) adds the
    staleness verdict. ``provisions`` is accepted for compatibility and unused (node ids come
    from the rule-set). ``assume_lift_hours``: the caller's explicit lift rule for a plan whose
    own could not be read (N hours at or below the start threshold; stated in the notes).
    Raises ``InputError`` when the rule-set lacks what the series needs.
    """
    del provisions
    issues: list[SeriesIssue] = []
    if isinstance(series, str | Path):
        rows, issues = read_series_checked(series)
    else:
        rows = list(series)
    rs = ruleset or _bundled()
    partial = _require(rs, rows)
    cal = calendar or default_calendar()
    metrics = rs.metrics()
    vals = {m: _values(rows, m) for m in metrics}
    levels = condition_levels(vals, rs)
    n = len(rows)
    now = now or (rows[0].time if rows else None)
    notes: list[str] = []
    if ruleset is None:
        notes.append(f"no plan given: the bundled rule-set of {rs.doc_number} ({rs.title}) was used")
    notes.extend(i.message for i in issues)
    notes.extend(partial)
    _check_unnamed(rs, rows, levels)
    for u in rs.unresolved:
        # a level, or an alternative of its condition, the plan prints but the reader could not read:
        # the hours it would mark are not evaluated, and the output says so
        f = str(u.get("field", ""))
        if f.startswith("levels.") and isinstance(u.get("conditions"), dict):
            notes.append(
                f"checked ({f}): {u.get('why')}: {u.get('quote')} — its condition decides no hour of this series "
                "(it does not hold, or only where a level above its place holds)"
            )
        elif f.startswith("levels.") and not f.endswith(".response"):
            words = f": {u['quote']}" if u.get("quote") else ""
            notes.append(f"not evaluated ({f}): {u.get('why')}{words}")
    warnings: list[Warning] = []
    top_rank = len(rs.levels)
    lift_value = rs.lift.value if rs.lift is not None else None
    if lift_value is None and assume_lift_hours is not None:
        lift_value = {"hours": int(assume_lift_hours), "threshold": "start"}
        notes.append(
            f"the plan's lift rule could not be read: lifting after {assume_lift_hours} h at or below the start "
            "threshold, as asked (--assume-lift), not from the plan"
        )
    if any(levels) and lift_value is None:
        where = rs.plan.get("source") or rs.doc_number or rs.title or "rule-set"
        raise InputError(
            "the series reaches a warning but the plan's lift rule (预警解除) could not be read (unresolved: lift)",
            path=str(where),
        )
    lift: dict[str, Any] = dict(lift_value) if lift_value is not None else {"hours": 0, "threshold": "start"}
    lift_hours = int(lift.get("hours", 0))
    if lift.get("threshold") in ("start", "level"):
        # "level": every warning lifts below one named level's start conditions (改善到黄色预警条件以下)
        named = next((lv for lv in rs.levels if lv.colour == lift.get("level")), None)
        tests = {}
        for lv in rs.levels:
            starts = _start_thresholds(named if lift.get("threshold") == "level" and named is not None else lv)
            starts = {m: c for m, c in starts.items() if m in vals and any(v is not None for v in vals[m])} or starts
            tests[lv.rank] = (
                lambda st: lambda i: all((v := vals[m][i]) is not None and not c.exceeds(v) for m, c in st.items())
            )(starts)
    else:
        fm, fop, fthr = str(lift.get("metric", "aqi")), str(lift.get("op", "<=")), float(lift["threshold"])
        fixed_vals = vals.get(fm) or _values(rows, fm)

        def fixed_test(i: int) -> bool:
            v = fixed_vals[i]
            return v is not None and (v <= fthr if fop == "<=" else v < fthr)

        tests = {lv.rank: fixed_test for lv in rs.levels}
    below = {rank: _below_runs(vals, n, t) for rank, t in tests.items()}
    advance = rs.advance_notice.value if rs.advance_notice is not None else None

    def lifts_at(i: int, rank: int) -> bool:
        return below[rank][i] >= lift_hours

    def episode_level(i: int) -> int:
        top = levels[i]
        if rs.merge is None:
            return top
        limit = n if horizon_hours is None else min(n, i + horizon_hours + 1)
        for k in range(i, limit):
            if levels[k] > top:
                top = levels[k]
            if lifts_at(k, top):
                break
        return top

    def approver(rank: int) -> str | None:
        a = rs.level(rank).approver
        return str(a.value) if a else None

    def issue_by(t: datetime) -> datetime | None:
        return t - timedelta(hours=int(advance)) if advance is not None else None

    cite: dict[str, str | None] = {f"levels.{lv.colour}": lv.eid for lv in rs.levels}
    cite.update(
        {
            "issue": rs.advance_notice.eid if rs.advance_notice else None,
            "lift": rs.lift.eid if rs.lift else None,
            "merge_upgrade": rs.merge.eid if rs.merge else None,
            "reductions": rs.reductions.eid if rs.reductions else None,
            "termination": rs.termination.eid if rs.termination else None,
            "report": rs.report.eid if rs.report else None,
        }
    )
    current: Warning | None = None
    w_level = NONE
    reached = NONE
    for i in range(n):
        t = rows[i].time
        if current is None:
            if levels[i] == NONE:
                continue
            w_level = episode_level(i)
            reached = levels[i]
            by = issue_by(t)
            ahead = (t - now).total_seconds() / 3600 if now else 0.0
            ok = (now is not None and now <= by) if by is not None else None
            current = Warning(w_level, t, None, by, ok, ahead, ruleset=rs)
            current.events.append(WarningEvent(t, "issue", w_level, by, approver(w_level), rs.level(w_level).colour))
            current.citations = dict(cite)
            warnings.append(current)
            continue
        reached = max(reached, levels[i])
        if levels[i] > w_level:
            w_level = levels[i]
            current.level = max(current.level, w_level)
            current.events.append(
                WarningEvent(t, "upgrade", w_level, issue_by(t), approver(w_level), rs.level(w_level).colour)
            )
            continue
        if reached >= w_level and lifts_at(i, w_level):
            run_end = i + below[w_level][i]
            new = max(levels[i:run_end], default=NONE)
            held = max((r for r in range(1, w_level) if not lifts_at(i, r)), default=NONE)
            new = max(new, held)
            if new == NONE:
                current.end = t
                current.events.append(WarningEvent(t, "lift", NONE, None, approver(w_level), None))
                current, w_level = None, NONE
            elif new < w_level:
                current.events.append(WarningEvent(t, "downgrade", new, None, approver(w_level), rs.level(new).colour))
                w_level = new
    index = {r.time: k for k, r in enumerate(rows)}
    for w in warnings:
        _finish(w, rows, index, rs, cal)
        if w.advance_ok is False and advance is not None:
            notes.append(
                f"warning starting {w.start.isoformat()}: the forecast gives {w.advance_hours:g} h notice, "
                f"less than the {advance} h the plan asks ({rs.advance_notice.eid if rs.advance_notice else '-'})"
            )
        if w.end is None:
            notes.append(f"warning starting {w.start.isoformat()} is not lifted within the series")
    if warnings and advance is None:
        notes.append("the plan's advance notice could not be read (unresolved): issue_by is not computed")
    del top_rank
    staleness = None
    if lookup is not None:
        issued = rs.plan.get("issued")
        staleness = plan_staleness(lookup, rs.doc_number, rs.title, date.fromisoformat(issued) if issued else None)
    return AlertResult(warnings, rows, levels, rs, staleness, notes, issues)


def _finish(w: Warning, rows: Sequence[HourRow], idx: dict[datetime, int], rs: RuleSet, cal: OfficialCalendar) -> None:
    """Fill peak, school suspension, measures and the report deadline of a warning."""
    a = idx[w.start]
    b = idx[w.end] if w.end is not None else len(rows)
    vals = [r.aqi24 for r in rows[a:b] if r.aqi24 is not None]
    w.peak_aqi24 = max(vals) if vals else None
    for m in sorted(rs.metrics()):
        mv = [v for v in _values(rows[a:b], m) if v is not None]
        if mv:
            w.peak[m] = max(mv)
    hits: list[tuple[datetime, str | None, str]] = []
    for rule in rs.school:
        lv = rs.by_colour(rule.colour)
        if lv is None:
            continue
        for start, stop, rank in w.segments():
            if rank < lv.rank:
                continue
            s, e = idx[start], idx[stop] if stop is not None else len(rows)
            if rule.metric is None:
                hits.append((rows[s].time, rule.eid, rule.mode))
                break
            probe = Clause(rule.metric, rule.op or ">=", float(rule.threshold or 0))
            series_m = _values(rows, rule.metric)
            hit = next((rows[k].time for k in range(s, e) if probe.holds(series_m[k])), None)
            if hit is not None:
                hits.append((hit, rule.eid, rule.mode))
                break
    if hits:
        w.school_suspension_from, w.school_eid, w.school_mode = min(hits, key=lambda h: h[0])
    elif rs.school:
        w.school_eid = rs.school[0].eid
    w.measures = _measures(w.level, rs)
    if rs.report is None:
        w.report_note = "the plan's report deadline could not be read (unresolved)"
    elif w.end is not None:
        try:
            w.report_deadline = cal.add_workdays(w.end.date(), int(rs.report.value)).isoformat()
        except CalendarError as e:
            w.report_note = str(e)
    else:
        w.report_note = "response has not ended within the series"


# ---------------------------------------------------------------- small enterprises


@dataclass(frozen=True, slots=True)
class Exemption:
    exempt: bool
    reasons: tuple[str, ...]
    eid: str

    def to_json(self) -> dict[str, Any]:
        return {"exempt": self.exempt, "reasons": list(self.reasons), "eid": self.eid}


def small_enterprise_exempt(
    *,
    burns_coal: bool,
    burns_oil: bool,
    single_component: bool,
    toxic_or_odorous: bool,
    annual_emissions_kg: float | None = None,
    seasonal: bool = False,
    daily_emissions_kg: float | None = None,
    overall_reduction_met: bool = True,
    provisions: PlanProvisions | None = None,
) -> Exemption:
    """Whether a small enterprise may skip 停限产 measures (四（四）1（4））.

    All must hold: not coal-fired, not oil-fired, a single pollutant component, no toxic,
    harmful or odorous gas, annual emissions of 100 kg or less (以下 includes the number:
    民法典 第一千二百五十九条), and the city's overall reduction met. A seasonal producer is
    judged by daily accounting: ``daily_emissions_kg`` x 365 <= 100. Returns the verdict
    with the failed conditions (empty when exempt). Raises ``ValueError`` when the
    emissions needed for the verdict are missing.
    """
    prov = provisions or PlanProvisions(None)
    reasons: list[str] = []
    if burns_coal:
        reasons.append("燃煤")
    if burns_oil:
        reasons.append("燃油")
    if not single_component:
        reasons.append("污染物组分不单一")
    if toxic_or_odorous:
        reasons.append("排放有毒有害或恶臭气体")
    if seasonal:
        if daily_emissions_kg is None:
            raise ValueError("a seasonal producer is judged by daily emissions (daily_emissions_kg)")
        annual = daily_emissions_kg * 365
        if annual > 100:
            reasons.append(f"按日核算年排放量 {annual:g} 千克 > 100 千克")
    else:
        if annual_emissions_kg is None:
            raise ValueError("annual_emissions_kg is required")
        if annual_emissions_kg > 100:
            reasons.append(f"年排放总量 {annual_emissions_kg:g} 千克 > 100 千克")
    if not overall_reduction_met:
        reasons.append("未满足全市总体减排要求")
    return Exemption(not reasons, tuple(reasons), prov["small_enterprise"].eid)
