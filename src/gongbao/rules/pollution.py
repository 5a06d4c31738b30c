"""The heavy-pollution alert engine of a city's 重污染天气应急预案 (sections 三 预报预警 and 四 应急响应).

Input: an hourly series (``time`` and ``aqi24``, the AQI of the mean over the 24 hours ending
at that hour — 可以跨自然日 — or pollutant concentrations from which ``aqi24`` is computed per
HJ 633-2012). Observed and forecast hours alike: the series is the best-known trajectory and
its first hour is "now" (when the forecast is made) unless ``now`` is given.

Rules implemented, each citing the provision (outline path -> eId, see ``PROVISIONS``):

1. Levels (三（二）): yellow if aqi24 > 200, or > 150 for >= 48 consecutive hours; orange if
   > 200 for >= 48 h, or > 150 for >= 72 h; red if > 200 for >= 72 h and > 300 for >= 24 h.
   Thresholds are strict. An hour's *condition level* is the highest level whose condition
   is met by a run of hours that contains it (the period model: a forecast of "日AQI > 150
   持续48小时" describes the whole 48 hours, so the warning covers them from their start).
2. Start (三（四）, 三（五）2): a warning starts at the first hour with a condition level; it is
   started at the highest level reached before the episode would be lifted (two processes
   whose gap does not satisfy the lift condition are one process, 从高级别启动预警).
   It must be issued >= 48 h ahead (``issue_by`` = start - 48 h); when "now" is later than
   that, ``advance_ok`` is false and ``advance_hours`` says how much notice was possible.
3. Upgrade (三（五）2): as soon as an hour's condition level exceeds the warning level.
4. Downgrade / lift (三（五）1): at the first hour from which aqi24 stays at or below the
   current level's start threshold for >= 36 consecutive hours, once the air has reached the
   current level (a warning started higher by look-ahead is not lowered before that). The start threshold of a
   level is the lowest AQI in its start conditions: yellow 150, orange 150, red 200. The new
   level is the highest condition level within that run, or the highest lower level whose own
   start threshold the air does not yet stay below for 36 h (so red steps down to orange
   while aqi24 is not at or below 150 for 36 h); none means the warning is lifted. The warning ends
   (and with it the response, 四（五）) at that hour.
5. Response (四（一）): yellow -> Ⅲ, orange -> Ⅱ, red -> Ⅰ; approver (三（四）): yellow and
   orange 副指挥长, red 指挥长. Measures (四（四）4) are cumulative (Ⅱ adds to Ⅲ, Ⅰ to Ⅱ).
6. School suspension (四（四）4（3）①): allowed while a red warning is in force and aqi24 >= 500.
7. Minimum reductions (四（三）2): SO2, NOx, PM, VOCs >= 10/20/30 %; SO2+NOx >= 20/40/60 %.
   SO2 and NOx may be split otherwise (可根据自身实际调整); only their sum binds them (``adjustable``).
8. Report (四（六）): within 3 working days after the response ends (start day not counted).
9. Small-enterprise exemption (四（四）1（4））: ``small_enterprise_exempt``.

Choices where the 预案 is ambiguous are listed in ``tests/data/rules/README.md``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from gongbao.errors import CalendarError, InputError
from gongbao.model import Document, Issue, Node
from gongbao.rules.aqi import rolling_aqi24
from gongbao.rules.calendar import OfficialCalendar, default_calendar

__all__ = [
    "LEVELS",
    "PLAN_DOC_NUMBER",
    "PROVISIONS",
    "AlertResult",
    "HourRow",
    "Measure",
    "PlanProvisions",
    "Provision",
    "StatusLookup",
    "StoreLookup",
    "Warning",
    "condition_levels",
    "evaluate",
    "plan_staleness",
    "read_series",
    "small_enterprise_exempt",
]

#: The plan these rules implement.
PLAN_DOC_NUMBER = "聊政办字〔2024〕18号"
PLAN_TITLE = "聊城市重污染天气应急预案"

NONE, YELLOW, ORANGE, RED = 0, 1, 2, 3
LEVELS = {YELLOW: "yellow", ORANGE: "orange", RED: "red"}
LEVEL_ZH = {YELLOW: "黄色", ORANGE: "橙色", RED: "红色"}
RESPONSE = {YELLOW: "Ⅲ", ORANGE: "Ⅱ", RED: "Ⅰ"}
APPROVER = {YELLOW: "副指挥长", ORANGE: "副指挥长", RED: "指挥长"}
#: Lowest AQI in each level's start conditions: below it for 36 h lifts or downgrades (rule 4).
START_THRESHOLD = {YELLOW: 150, ORANGE: 150, RED: 200}
LIFT_HOURS = 36
ADVANCE_HOURS = 48
SCHOOL_AQI = 500
REPORT_WORKDAYS = 3
#: Minimum reductions (%) per level: each of SO2, NOx, PM, VOCs; and SO2 + NOx together.
REDUCTIONS = {YELLOW: (10, 20), ORANGE: (20, 40), RED: (30, 60)}

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


_CN = "一二三四五六七八九十"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


def print_path(path: Sequence[int]) -> str:
    """Print an outline path as the plan cites it: (4, 4, 4, 1, 3) -> ``四、（四）4.（1）③``."""
    forms = [
        lambda n: f"{_CN[n - 1]}、",
        lambda n: f"（{_CN[n - 1]}）",
        lambda n: f"{n}.",
        lambda n: f"（{n}）",
        lambda n: _CIRCLED[n - 1],
    ]
    return "".join(forms[i](n) for i, n in enumerate(path))


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
    title of the document that repealed/replaced it, or ``None``).
    """

    def status(self, ref: str) -> Any: ...


@dataclass(frozen=True, slots=True)
class Staleness:
    stale: bool
    status: str | None
    by: str | None
    message: str

    def to_json(self) -> dict[str, Any]:
        return {"stale": self.stale, "status": self.status, "by": self.by, "message": self.message}


def plan_staleness(lookup: StatusLookup, doc_number: str = PLAN_DOC_NUMBER) -> Staleness:
    """Whether the plan the rules implement is still in force, per the store.

    Returns ``stale=True`` with the replacing document when the status is repealed,
    superseded, replaced or expired; ``stale=False`` when in force or unknown (the message
    says which).
    """
    st = lookup.status(doc_number)
    if st is None:
        return Staleness(False, None, None, f"{doc_number} is not in the store; staleness unknown")

    def get(key: str) -> Any:
        return st.get(key) if isinstance(st, Mapping) else getattr(st, key, None)

    status = get("status") or get("state")
    by = get("by") or get("repealed_by") or get("superseded_by")
    if isinstance(by, Iterable) and not isinstance(by, str):
        by = "、".join(str(b) for b in by) or None
    if status in ("repealed", "superseded", "replaced", "expired"):
        who = f" by {by}" if by else ""
        return Staleness(True, status, by, f"rules are stale: {doc_number} was {status}{who}")
    return Staleness(False, status, None, f"{doc_number} is {status}")


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


# ---------------------------------------------------------------- series


@dataclass(frozen=True, slots=True)
class HourRow:
    """One hour: its time and the rolling 24-hour AQI (``None`` when unknown)."""

    time: datetime
    aqi24: float | None


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


def _parse_time(value: str, where: str) -> datetime:
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError as e:
        raise InputError(f"cannot read time {value!r}", where=where) from e


def read_series(source: str | Path | Iterable[Mapping[str, Any]]) -> list[HourRow]:
    """Hourly rows from a CSV file (path or text) or from mappings with ``time`` and ``aqi24``
    or hourly pollutant concentrations (``pm25``, ``pm10``, ``so2``, ``no2``, ``co`` (mg/m³), ``o3``).

    Guarantees: rows are consecutive hours in increasing order (else ``InputError`` naming
    the row); with pollutant columns ``aqi24`` is the HJ 633 AQI of the preceding 24 hours
    (``None`` for the first 23 hours).
    """
    name = "series"
    if isinstance(source, Path) or (isinstance(source, str) and "\n" not in source):
        name = str(source)
        try:
            text = Path(source).read_text(encoding="utf-8-sig")
        except OSError as e:
            raise InputError(f"cannot read series: {e.strerror}", path=name) from e
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
    times: list[datetime] = []
    for i, r in enumerate(rows, start=2):
        t = r[cols["time"]]
        times.append(t if isinstance(t, datetime) else _parse_time(str(t), f"row {i}"))
        if len(times) > 1 and times[-1] - times[-2] != timedelta(hours=1):
            raise InputError(
                f"rows must be consecutive hours; {times[-2]} then {times[-1]}", path=name, where=f"row {i}"
            )

    def num(r: Mapping[str, Any], key: str, i: int) -> float | None:
        v = r.get(key)
        if v is None or (isinstance(v, str) and not v.strip()):
            return None
        try:
            return float(v)
        except (TypeError, ValueError) as e:
            raise InputError(f"not a number in {key!r}: {v!r}", path=name, where=f"row {i}") from e

    if "aqi24" in cols:
        values = [num(r, cols["aqi24"], i) for i, r in enumerate(rows, start=2)]
    else:
        present = {std: cols[c] for c, std in _POLLUTANT_COLUMNS.items() if c in cols}
        if not present:
            raise InputError("the series needs 'aqi24' or pollutant columns (pm25, pm10, so2, no2, co, o3)", path=name)
        hourly = {std: [num(r, col, i) for i, r in enumerate(rows, start=2)] for std, col in present.items()}
        values = [float(v) if v is not None else None for v in rolling_aqi24(hourly)]
    return [HourRow(t, v) for t, v in zip(times, values, strict=True)]


# ---------------------------------------------------------------- levels


def _runs(values: Sequence[float | None], threshold: float) -> list[tuple[int, int]]:
    """Maximal runs ``[a, b)`` of hours with a value strictly above ``threshold``."""
    out: list[tuple[int, int]] = []
    start = None
    for i, v in enumerate(values):
        if v is not None and v > threshold:
            if start is None:
                start = i
        elif start is not None:
            out.append((start, i))
            start = None
    if start is not None:
        out.append((start, len(values)))
    return out


def condition_levels(values: Sequence[float | None]) -> list[int]:
    """The condition level of each hour (0 none, 1 yellow, 2 orange, 3 red), rule 1. O(n)."""
    n = len(values)
    level = [NONE] * n

    def paint(a: int, b: int, lv: int) -> None:
        for i in range(a, b):
            if level[i] < lv:
                level[i] = lv

    runs300 = _runs(values, 300)
    j = 0
    for a, b in _runs(values, 200):
        paint(a, b, YELLOW)
        if b - a >= 48:
            paint(a, b, ORANGE)
        if b - a >= 72:
            # a >300 run of >= 24 h inside this >200 run (runs300 are sorted and nested in >200 runs)
            while j < len(runs300) and runs300[j][1] <= a:
                j += 1
            k = j
            while k < len(runs300) and runs300[k][0] < b:
                if runs300[k][1] - runs300[k][0] >= 24:
                    paint(a, b, RED)
                    break
                k += 1
    for a, b in _runs(values, 150):
        if b - a >= 48:
            paint(a, b, YELLOW)
        if b - a >= 72:
            paint(a, b, ORANGE)
    return level


def _below_runs(values: Sequence[float | None], threshold: float) -> list[int]:
    """For each hour, how many consecutive hours from it have a known value <= ``threshold``."""
    out = [0] * (len(values) + 1)
    for i in range(len(values) - 1, -1, -1):
        v = values[i]
        out[i] = out[i + 1] + 1 if v is not None and v <= threshold else 0
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
    issue_by: datetime | None = None  # for issue/upgrade: the latest time to publish (48 h ahead)
    #: who approves the event (三（四）; 三（五）: 解除、调整与预警发布的主体及程序保持一致): the approver of
    #: the level issued (issue, upgrade) or of the level being lowered or lifted (downgrade, lift).
    approver: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "time": self.time.isoformat(),
            "action": self.action,
            "level": LEVELS.get(self.level),
            "issue_by": self.issue_by.isoformat() if self.issue_by else None,
            "approver": self.approver,
        }


@dataclass(slots=True)
class Warning:
    """One warning from issue to lift. ``level`` is the highest level it reached."""

    level: int
    start: datetime
    end: datetime | None  # None: not lifted within the series
    issue_by: datetime
    advance_ok: bool
    advance_hours: float
    events: list[WarningEvent] = field(default_factory=list)
    peak_aqi24: float | None = None
    school_suspension_from: datetime | None = None
    report_deadline: str | None = None
    report_note: str | None = None
    measures: list[Measure] = field(default_factory=list)
    citations: dict[str, str] = field(default_factory=dict)

    @property
    def response_level(self) -> str:
        return RESPONSE[self.level]

    @property
    def approver(self) -> str:
        return APPROVER[self.level]

    def segments(self) -> list[tuple[datetime, datetime | None, int]]:
        """(from, to, level) for each stretch of constant level."""
        out = []
        evs = [e for e in self.events if e.action != "lift"]
        for k, e in enumerate(evs):
            nxt = evs[k + 1].time if k + 1 < len(evs) else self.end
            out.append((e.time, nxt, e.level))
        return out

    def to_json(self) -> dict[str, Any]:
        so2, so2nox = REDUCTIONS[self.level]
        return {
            "level": LEVELS[self.level],
            "level_zh": LEVEL_ZH[self.level],
            "level_eid": self.citations.get(f"levels.{LEVELS[self.level]}"),
            "response_level": self.response_level,
            "response_eid": self.citations.get("response"),
            "approver": self.approver,
            "approver_eid": self.citations.get("approver"),
            "start": self.start.isoformat(),
            "end": self.end.isoformat() if self.end else None,
            "response_end": self.end.isoformat() if self.end else None,
            "issue_by": self.issue_by.isoformat(),
            "issue_eid": self.citations.get("issue"),
            "advance_ok": self.advance_ok,
            "advance_hours": self.advance_hours,
            "peak_aqi24": self.peak_aqi24,
            "events": [e.to_json() for e in self.events],
            "segments": [
                {"from": a.isoformat(), "to": b.isoformat() if b else None, "level": LEVELS[lv]}
                for a, b, lv in self.segments()
            ],
            "school_suspension": {
                "allowed": self.school_suspension_from is not None,
                "from": self.school_suspension_from.isoformat() if self.school_suspension_from else None,
                "eid": self.citations.get("I.public"),
            },
            "min_reductions": {
                "SO2": so2,
                "NOx": so2,
                "PM": so2,
                "VOCs": so2,
                "SO2+NOx": so2nox,
                # 四（三）2: 可根据自身实际调整 SO2 和 NOx 的减排比例, 但二者之和不应低于 …: only the sum binds them.
                "adjustable": ["SO2", "NOx"],
                "eid": self.citations.get("reductions"),
            },
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
    provisions: PlanProvisions
    staleness: Staleness | None = None
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": "gongbao.alert/1",
            "plan": {"doc_number": self.provisions.doc_number, "title": PLAN_TITLE},
            "stale": self.staleness.to_json() if self.staleness else None,
            "series": {
                "from": self.series[0].time.isoformat() if self.series else None,
                "to": self.series[-1].time.isoformat() if self.series else None,
                "hours": len(self.series),
            },
            "warnings": [w.to_json() for w in self.warnings],
            "provisions": [p.to_json() for p in self.provisions.all()],
            "notes": list(self.notes),
        }


def _measures(level: int, prov: PlanProvisions) -> list[Measure]:
    out: list[Measure] = []
    for lv in range(YELLOW, level + 1):
        for name in MEASURES_BY_LEVEL[lv]:
            ref = prov[name]
            out.append(Measure(RESPONSE[lv], CATEGORY[name.split(".")[1]], ref.text, ref.path, ref.eid))
    return out


def evaluate(
    series: Sequence[HourRow] | str | Path,
    *,
    now: datetime | None = None,
    provisions: PlanProvisions | None = None,
    calendar: OfficialCalendar | None = None,
    lookup: StatusLookup | None = None,
    horizon_hours: int | None = None,
) -> AlertResult:
    """Run the plan's rules over an hourly series; returns the warnings with their events.

    ``now`` (default: the first hour) is when the forecast is made, for the 48-hour notice.
    ``horizon_hours`` limits how far ahead the start level looks (default: the whole series,
    i.e. the series is the forecast); with a short horizon later rises become upgrades.
    ``lookup`` (the store) adds the staleness verdict. Deterministic; O(n) in hours plus the
    episode look-ahead.
    """
    rows = read_series(series) if isinstance(series, str | Path) else list(series)
    prov = provisions or PlanProvisions(None)
    cal = calendar or default_calendar()
    values = [r.aqi24 for r in rows]
    levels = condition_levels(values)
    below = {thr: _below_runs(values, thr) for thr in set(START_THRESHOLD.values())}
    n = len(rows)
    now = now or (rows[0].time if rows else None)
    notes: list[str] = []
    warnings: list[Warning] = []
    cite = {name: prov[name].eid for name in PROVISIONS}

    def lifts_at(i: int, level: int) -> bool:
        return below[START_THRESHOLD[level]][i] >= LIFT_HOURS

    def episode_level(i: int) -> int:
        # Rule 2: highest level before the episode would be lifted (merging processes).
        top = levels[i]
        limit = n if horizon_hours is None else min(n, i + horizon_hours + 1)
        for k in range(i, limit):
            if levels[k] > top:
                top = levels[k]
            if lifts_at(k, top):
                break
        return top

    current: Warning | None = None
    w_level = NONE
    reached = NONE  # highest condition level met so far by the hours of the current warning
    for i in range(n):
        t = rows[i].time
        if current is None:
            if levels[i] == NONE:
                continue
            w_level = episode_level(i)
            reached = levels[i]
            issue_by = t - timedelta(hours=ADVANCE_HOURS)
            advance = (t - now).total_seconds() / 3600 if now else 0.0
            current = Warning(w_level, t, None, issue_by, now is not None and now <= issue_by, advance)
            current.events.append(WarningEvent(t, "issue", w_level, issue_by, APPROVER[w_level]))
            current.citations = cite
            warnings.append(current)
            continue
        reached = max(reached, levels[i])
        if levels[i] > w_level:  # rule 3
            w_level = levels[i]
            current.level = max(current.level, w_level)
            current.events.append(
                WarningEvent(t, "upgrade", w_level, t - timedelta(hours=ADVANCE_HOURS), APPROVER[w_level])
            )
            continue
        # Rule 4 lowers a level only once the air has been at it ("改善到…以下"): a warning started
        # at a higher level by look-ahead (从高级别启动预警) keeps it until those hours come and go.
        if reached >= w_level and lifts_at(i, w_level):  # rule 4
            run_end = i + below[START_THRESHOLD[w_level]][i]
            new = max(levels[i:run_end], default=NONE)
            # A lower level whose own start threshold the air does not stay below for 36 h is not
            # lifted either: red over air that dips to 150 and rises to 160 steps down, as an orange
            # warning over the same air would stay, instead of being lifted sooner than it.
            held = max((lv for lv in LEVELS if lv < w_level and not lifts_at(i, lv)), default=NONE)
            new = max(new, held)
            if new == NONE:
                current.end = t
                current.events.append(WarningEvent(t, "lift", NONE, None, APPROVER[w_level]))
                current, w_level = None, NONE
            elif new < w_level:
                current.events.append(WarningEvent(t, "downgrade", new, None, APPROVER[w_level]))
                w_level = new
    index = {r.time: k for k, r in enumerate(rows)}
    for w in warnings:
        _finish(w, rows, index, prov, cal)
        if not w.advance_ok:
            notes.append(
                f"warning starting {w.start.isoformat()}: the forecast gives {w.advance_hours:g} h notice, "
                f"less than the {ADVANCE_HOURS} h the plan asks ({prov['issue'].path})"
            )
        if w.end is None:
            notes.append(f"warning starting {w.start.isoformat()} is not lifted within the series")
    staleness = plan_staleness(lookup, prov.doc_number) if lookup is not None else None
    return AlertResult(warnings, rows, levels, prov, staleness, notes)


def _finish(
    w: Warning, rows: Sequence[HourRow], idx: dict[datetime, int], prov: PlanProvisions, cal: OfficialCalendar
) -> None:
    """Fill peak, school suspension, measures and the report deadline of a warning."""
    a = idx[w.start]
    b = idx[w.end] if w.end is not None else len(rows)
    vals = [r.aqi24 for r in rows[a:b] if r.aqi24 is not None]
    w.peak_aqi24 = max(vals) if vals else None
    for start, stop, lv in w.segments():
        if lv != RED:
            continue
        s, e = idx[start], idx[stop] if stop is not None else len(rows)
        hit = next((rows[k].time for k in range(s, e) if (rows[k].aqi24 or 0) >= SCHOOL_AQI), None)
        if hit is not None:
            w.school_suspension_from = hit
            break
    w.measures = _measures(w.level, prov)
    if w.end is not None:
        try:
            w.report_deadline = cal.add_workdays(w.end.date(), REPORT_WORKDAYS).isoformat()
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
