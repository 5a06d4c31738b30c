"""The rule-set of a 重污染天气应急预案: what the alert engine runs, read from the plan's text.

A rule-set is a versioned data file (schema ``gongbao.ruleset``, version 1; JSON, TOML or YAML;
documented in ``docs/rules.md``). Every value carries where it was read: the node ``eid`` and
the ``quote`` (the plan's own words). What could not be read is listed in ``unresolved`` with
its place, never filled from another plan. ``RuleSet.from_json`` / ``to_json`` round-trip.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gongbao.errors import InputError

__all__ = [
    "COLOURS",
    "METRICS",
    "SCHEMA",
    "VERSION",
    "Clause",
    "Level",
    "Measure",
    "RuleSet",
    "SchoolRule",
    "Value",
    "dump_ruleset",
    "load_ruleset",
]

SCHEMA = "gongbao.ruleset"
VERSION = 1

#: Colour keys, lowest first, and their Chinese names.
COLOURS = {"blue": "蓝色", "yellow": "黄色", "orange": "橙色", "red": "红色"}
#: Metrics a condition can test: the 24-hour AQI (HJ 633, any 24 consecutive hours), 24-hour mean
#: concentrations (µg/m³), the daily maximum 8-hour O3 (µg/m³) and the O3 sub-index IAQI(O3).
METRICS = {
    "aqi": "AQI (24-hour)",
    "pm25": "PM2.5 24-hour mean (µg/m³)",
    "pm10": "PM10 24-hour mean (µg/m³)",
    "o3_8h": "O3 maximum 8-hour mean (µg/m³)",
    "iaqi_o3": "IAQI of O3",
}


@dataclass(slots=True)
class Value:
    """A value read from the plan, with the node it came from and the words it was read from."""

    value: Any
    eid: str | None = None
    quote: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "eid": self.eid, "quote": self.quote}

    @classmethod
    def from_json(cls, d: dict[str, Any] | None) -> Value | None:
        if d is None:
            return None
        return cls(d.get("value"), d.get("eid"), d.get("quote"))


@dataclass(slots=True)
class Clause:
    """One comparison: ``metric op threshold`` holding for ``hours`` consecutive hours (0: any
    single hour), after ``observed_hours`` hours already observed (observed-plus-forecast plans).
    ``convention`` is the plan's word for the boundary (> 超过 大于 以上 达到 …). A band
    (``200<AQI≤300``, ``在201至300之间``) also has an ``upper`` bound (``upper_op`` ``<`` or ``<=``)."""

    metric: str
    op: str  # ">" or ">="
    threshold: float
    hours: int = 0
    observed_hours: int = 0
    convention: str = ""
    eid: str | None = None
    quote: str | None = None
    upper: float | None = None
    upper_op: str = "<="  # "<" or "<="

    def exceeds(self, v: float | None) -> bool:
        """The lower bound alone (the level's start threshold, for lifting)."""
        if v is None:
            return False
        return v > self.threshold if self.op == ">" else v >= self.threshold

    def holds(self, v: float | None) -> bool:
        """The comparison, within the band's upper bound when there is one."""
        if not self.exceeds(v):
            return False
        if self.upper is None or v is None:
            return True
        return v < self.upper if self.upper_op == "<" else v <= self.upper

    def to_json(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            "op": self.op,
            "threshold": self.threshold,
            "hours": self.hours,
            "observed_hours": self.observed_hours,
            "convention": self.convention,
            "eid": self.eid,
            "quote": self.quote,
        } | ({"upper": {"op": self.upper_op, "value": self.upper}} if self.upper is not None else {})

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Clause:
        upper = d.get("upper") or {}
        return cls(
            d["metric"],
            d["op"],
            float(d["threshold"]),
            int(d.get("hours", 0)),
            int(d.get("observed_hours", 0)),
            d.get("convention", ""),
            d.get("eid"),
            d.get("quote"),
            float(upper["value"]) if upper.get("value") is not None else None,
            str(upper.get("op", "<=")),
        )


@dataclass(slots=True)
class Level:
    """A warning level: rank (1 = lowest), colour, response level, and its start conditions
    (``any_of``: alternatives, each a list of clauses that must all hold)."""

    rank: int
    colour: str
    name: str
    response: Value | None = None
    any_of: list[list[Clause]] = field(default_factory=list)
    approver: Value | None = None
    eid: str | None = None
    quote: str | None = None

    @property
    def colour_zh(self) -> str:
        return COLOURS.get(self.colour, self.colour)

    def to_json(self) -> dict[str, Any]:
        return {
            "rank": self.rank,
            "colour": self.colour,
            "name": self.name,
            "response": self.response.to_json() if self.response else None,
            "conditions": {"any": [{"all": [c.to_json() for c in alt]} for alt in self.any_of]},
            "approver": self.approver.to_json() if self.approver else None,
            "eid": self.eid,
            "quote": self.quote,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Level:
        alts = [[Clause.from_json(c) for c in alt["all"]] for alt in d.get("conditions", {}).get("any", [])]
        return cls(
            int(d["rank"]),
            d["colour"],
            d.get("name", ""),
            Value.from_json(d.get("response")),
            alts,
            Value.from_json(d.get("approver")),
            d.get("eid"),
            d.get("quote"),
        )


@dataclass(slots=True)
class SchoolRule:
    """When schools may suspend classes (停课): from warning level ``colour`` up, optionally only
    while ``metric op threshold``; ``mode`` is ``allowed`` (可/视情) or ``required`` (停课)."""

    colour: str
    mode: str = "allowed"
    metric: str | None = None
    op: str | None = None
    threshold: float | None = None
    eid: str | None = None
    quote: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "colour": self.colour,
            "mode": self.mode,
            "metric": self.metric,
            "op": self.op,
            "threshold": self.threshold,
            "eid": self.eid,
            "quote": self.quote,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> SchoolRule:
        thr = d.get("threshold")
        return cls(
            d["colour"],
            d.get("mode", "allowed"),
            d.get("metric"),
            d.get("op"),
            float(thr) if thr is not None else None,
            d.get("eid"),
            d.get("quote"),
        )


@dataclass(slots=True)
class Measure:
    """A response measure: ``id`` (e.g. ``I.public``), response level, category, text, printed path, eid."""

    id: str
    response: str
    category: str
    text: str
    path: str
    eid: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "response": self.response,
            "category": self.category,
            "text": self.text,
            "path": self.path,
            "eid": self.eid,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Measure:
        return cls(d["id"], d["response"], d["category"], d["text"], d.get("path", ""), d["eid"])


@dataclass(slots=True)
class RuleSet:
    """A plan's executable rules. ``plan``: title, doc_number, issued, source, eid."""

    plan: dict[str, Any]
    levels: list[Level] = field(default_factory=list)
    aqi_window: Value | None = None
    advance_notice: Value | None = None  # value: hours
    lift: Value | None = None  # {"hours", "threshold": "start"}, {…, "threshold": "level", "level": colour}, or fixed
    merge: Value | None = None  # value: true (两次过程按一次计算, 从高级别启动)
    upgrade: Value | None = None  # value: true (达到更高级别条件时升级)
    school: list[SchoolRule] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    cumulative: Value | None = None  # value: true (在执行Ⅲ级措施的基础上)
    reductions: Value | None = None  # value: {"each": {"Ⅲ": 10, …}, "so2_nox": {"Ⅲ": 20, …}, "adjustable": [..]}
    report: Value | None = None  # value: working days after the response ends
    termination: Value | None = None  # value: true (预警解除后应急响应自动终止)
    unresolved: list[dict[str, Any]] = field(default_factory=list)

    # ------------------------------------------------------------ lookups

    def level(self, rank: int) -> Level:
        return self.levels[rank - 1]

    def by_colour(self, colour: str) -> Level | None:
        return next((lv for lv in self.levels if lv.colour == colour), None)

    def metrics(self) -> set[str]:
        """Every metric a level condition tests."""
        return {c.metric for lv in self.levels for alt in lv.any_of for c in alt}

    @property
    def doc_number(self) -> str | None:
        return self.plan.get("doc_number")

    @property
    def title(self) -> str | None:
        return self.plan.get("title")

    # ------------------------------------------------------------ (de)serialisation

    def to_json(self) -> dict[str, Any]:
        def v(x: Value | None) -> dict[str, Any] | None:
            return x.to_json() if x else None

        return {
            "schema": SCHEMA,
            "version": VERSION,
            "plan": dict(self.plan),
            "aqi_window": v(self.aqi_window),
            "levels": [lv.to_json() for lv in self.levels],
            "advance_notice": v(self.advance_notice),
            "lift": v(self.lift),
            "merge": v(self.merge),
            "upgrade": v(self.upgrade),
            "school": [s.to_json() for s in self.school],
            "measures": [m.to_json() for m in self.measures],
            "cumulative": v(self.cumulative),
            "reductions": v(self.reductions),
            "report": v(self.report),
            "termination": v(self.termination),
            "unresolved": list(self.unresolved),
        }

    @classmethod
    def from_json(cls, d: dict[str, Any], *, path: str | None = None) -> RuleSet:
        if d.get("schema") != SCHEMA:
            raise InputError(f"not a rule-set (schema {d.get('schema')!r}, expected {SCHEMA!r})", path=path)
        if int(d.get("version", 0)) > VERSION:
            raise InputError(f"rule-set version {d.get('version')} is newer than this gongbao ({VERSION})", path=path)
        try:
            return cls(
                plan={k: None for k in ("title", "doc_number", "issued", "effective", "source", "eid")}
                | dict(d.get("plan") or {}),
                levels=[Level.from_json(x) for x in d.get("levels", [])],
                aqi_window=Value.from_json(d.get("aqi_window")),
                advance_notice=Value.from_json(d.get("advance_notice")),
                lift=Value.from_json(d.get("lift")),
                merge=Value.from_json(d.get("merge")),
                upgrade=Value.from_json(d.get("upgrade")),
                school=[SchoolRule.from_json(x) for x in d.get("school", [])],
                measures=[Measure.from_json(x) for x in d.get("measures", [])],
                cumulative=Value.from_json(d.get("cumulative")),
                reductions=Value.from_json(d.get("reductions")),
                report=Value.from_json(d.get("report")),
                termination=Value.from_json(d.get("termination")),
                unresolved=list(d.get("unresolved", [])),
            )
        except (KeyError, TypeError, ValueError) as e:
            raise InputError(f"malformed rule-set: {e!r}", path=path) from e


def _strip_none(obj: Any) -> Any:
    """TOML has no null: drop ``None`` values (a missing key reads back as ``None``)."""
    if isinstance(obj, dict):
        return {k: _strip_none(v) for k, v in obj.items() if v is not None}
    if isinstance(obj, list):
        return [_strip_none(v) for v in obj]
    return obj


def _toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{json.dumps(k, ensure_ascii=False)} = {_toml_value(x)}" for k, x in v.items()) + " }"
    raise TypeError(f"cannot write {type(v).__name__} to TOML")


def _to_toml(d: dict[str, Any]) -> str:
    """A small TOML writer for the rule-set (scalars and inline tables; arrays of tables for lists)."""
    lines: list[str] = []
    tables: list[tuple[str, Any]] = []
    for k, v in d.items():
        if isinstance(v, dict):
            tables.append((k, v))
        elif isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
            tables.append((k, v))
        else:
            lines.append(f"{k} = {_toml_value(v)}")
    for k, v in tables:
        if isinstance(v, dict):
            lines.append(f"\n[{k}]")
            lines.extend(f"{json.dumps(kk, ensure_ascii=False)} = {_toml_value(vv)}" for kk, vv in v.items())
        else:
            for item in v:
                lines.append(f"\n[[{k}]]")
                lines.extend(f"{json.dumps(kk, ensure_ascii=False)} = {_toml_value(vv)}" for kk, vv in item.items())
    return "\n".join(lines) + "\n"


def dump_ruleset(rs: RuleSet, fmt: str = "json") -> str:
    """The rule-set as text: ``json`` (canonical), ``toml`` or ``yaml`` (needs PyYAML)."""
    data = rs.to_json()
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if fmt == "toml":
        return _to_toml(_strip_none(data))
    if fmt == "yaml":
        try:
            import yaml
        except ImportError:
            # YAML 1.2 is a superset of JSON: without PyYAML the flow (JSON) form is written.
            return "# gongbao.ruleset (YAML 1.2, flow style)\n" + json.dumps(data, ensure_ascii=False, indent=1) + "\n"
        return str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    raise InputError(f"unknown rule-set format {fmt!r} (json, toml, yaml)")


def load_ruleset(path: str | Path) -> RuleSet:
    """Read a rule-set file (``.json``, ``.toml``, ``.yaml``/``.yml``); ``InputError`` naming the file."""
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"cannot read rule-set: {e}", path=str(p)) from e
    suffix = p.suffix.lower()
    try:
        if suffix == ".toml":
            data = tomllib.loads(raw)
        elif suffix in (".yaml", ".yml"):
            try:
                import yaml

                data = yaml.safe_load(raw)
            except ImportError:
                body = "\n".join(line for line in raw.splitlines() if not line.lstrip().startswith("#"))
                data = json.loads(body)  # the flow (JSON) form this module writes without PyYAML
        else:
            data = json.loads(raw)
    except Exception as e:  # any parser's error becomes one line
        raise InputError(f"cannot parse rule-set: {e}", path=str(p)) from e
    if not isinstance(data, dict):
        raise InputError("a rule-set is a mapping", path=str(p))
    return RuleSet.from_json(data, path=str(p))


def looks_like_ruleset(path: str | Path) -> bool:
    """True when the file starts like a rule-set (by suffix and its schema key), without parsing a plan."""
    p = Path(path)
    if p.suffix.lower() not in (".json", ".toml", ".yaml", ".yml"):
        return False
    try:
        head = p.read_text(encoding="utf-8", errors="replace")[:400]
    except OSError:
        return False
    return SCHEMA in head
