"""A registry of unit names (牵头/配合/责任 units) and their aliases (issue #7).

Plans name the same department in several ways: 市发展改革委 / 市发展和改革委员会,
市住房城乡建设局 / 市住房和城乡建设局 / 市住房和城乡建设部门. Two sources of aliases:

1. rules, applied to any name: whitespace and bracket width folded, the curated
   fragment rewrites of ``data/units.json`` (市场监督管理 -> 市场监管…), 委员会 -> 委,
   a final 部门 -> 局, 和 dropped; two names with the same ``unit_key`` are one unit;
2. the texts themselves: ``市发展和改革委员会（以下简称市发展改革委）`` and the curated
   table of informal names (市发改委, 市住建局…) that no rule can derive.

A place name before the level (聊城市发展和改革委员会) is dropped when what remains is a
known unit. Collective units (各县（市、区）人民政府, 市属开发区管委会) are kept as such.
The same entry serves 省/县/区 units: the level prefix is kept apart when comparing.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = [
    "UnitRegistry",
    "canonical",
    "default_registry",
    "derive_aliases",
    "is_collective",
    "jurisdiction_of",
    "matches",
    "unit_key",
]

_WS_RE = re.compile(r"\s+")
_LEVELS = "市县区省"
_PLACE_RE = re.compile(r"^([\u4e00-\u9fff]{2,4}?)(市|县|区|省)(?=[\u4e00-\u9fff]{2,})")
_ALIAS_DEF_RE = re.compile(r"([\u4e00-\u9fff（）()]{4,40}?)[（(]以下简称[“\"]?([\u4e00-\u9fff]{2,20})[”\"]?[）)]")
_SECOND_NAME_RE = re.compile(
    r"^(.+?(?:局|委|办|会|院|中心|厅|部|署|社|行))（(.+?(?:局|委|办|会|院|中心|厅|部|署|社|行))）$"
)
_COLLECTIVE_RE = re.compile(r"^(各|有关|全市|市直|市属|市政府有关|市政府各)|成员单位$|有关部门|有关单位")


@lru_cache(maxsize=1)
def _curated() -> dict[str, Any]:
    with resources.files("gongbao").joinpath("data", "units.json").open(encoding="utf-8") as f:
        return json.load(f)


@lru_cache(maxsize=64)
def _local(place: str) -> dict[str, Any] | None:
    """The arrangements of one jurisdiction (``data/units/<place>.json``), or None."""
    f = resources.files("gongbao").joinpath("data", "units", f"{place}.json")
    if not f.is_file():
        return None
    with f.open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
        return data


_JURISDICTION_RE = re.compile(r"^([\u4e00-\u9fff]{2,12}?(?:自治区|自治州|省|市|州|盟|县|区|旗))")


def jurisdiction_of(issuer: str | None) -> str | None:
    """The place a document's issuer governs: 聊城市人民政府办公室 -> 聊城市,
    山东省发展和改革委员会 -> 山东省; None for national bodies (国务院, 财政部)."""
    if not issuer:
        return None
    m = _JURISDICTION_RE.match(_fold(issuer))
    return m.group(1) if m else None


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(p), r) for p, r in _curated().get("patterns", [])]


def _fold(name: str) -> str:
    return _WS_RE.sub("", name).replace("(", "（").replace(")", "）").strip("、，,；;：:。")


def _split_level(name: str) -> tuple[str, str]:
    if name and name[0] in _LEVELS and len(name) > 2:
        return name[0], name[1:]
    return "", name


def unit_key(name: str) -> str:
    """A comparison key: two printed names with the same key are the same unit.

    Folds whitespace and bracket width, applies the curated fragment rewrites,
    委员会 -> 委, a final 部门 -> 局, 监督管理 -> 监管, and drops 和. The level prefix
    (市/县/区/省) is kept, so 市财政局 and 县财政局 differ.
    """
    folded = _fold(name)
    for pattern, repl in _patterns():
        folded = pattern.sub(repl, folded)
    level, body = _split_level(folded)
    for long, short in _curated()["fragments"]:
        body = body.replace(long, short)
    body = body.replace("委员会", "委").replace("监督管理", "监管")
    if body.endswith("部门"):
        body = body[:-2] + "局"
    body = body.replace("和", "")
    return level + body


def is_collective(name: str) -> bool:
    """True for names that stand for a group of units (各县（市、区）人民政府, 市属开发区管委会…)."""
    n = _fold(name)
    return n in _curated()["collective"] or bool(_COLLECTIVE_RE.search(n))


def derive_aliases(text: str) -> list[tuple[str, str]]:
    """``(full name, short name)`` pairs defined in a text by ``…（以下简称…）``."""
    out = []
    for m in _ALIAS_DEF_RE.finditer(_WS_RE.sub("", text)):
        full, short = _fold(m.group(1)), _fold(m.group(2))
        # The full name is the tail of the phrase before the bracket: keep from the last
        # unit-level character onwards (由市发展和改革委员会 -> 市发展和改革委员会).
        k = max(full.rfind(c) for c in "由将与，,、")
        full = full[k + 1 :]
        if full and short and full != short:
            out.append((full, short))
    return out


@dataclass(slots=True)
class _Entry:
    canonical: str
    names: Counter[str] = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)
    collective: bool = False
    curated: bool = False


class UnitRegistry:
    """Units known by key, each with a canonical name and its aliases.

    Build it with ``from_names`` from the unit names found in texts (their print counts
    decide the canonical form of units the curated table does not know). Guarantees:
    ``canonical`` is idempotent; ``matches(q, n)`` holds whenever ``canonical(q) ==
    canonical(n)``.
    """

    def __init__(self, jurisdiction: str | None = None) -> None:
        """``jurisdiction`` (聊城市, 山东省…): the place the documents are of. Its own
        arrangements (``data/units/<place>.json``, and its province's) apply, and a unit
        printed with that place's name (山东省发展和改革委员会 in a Shandong document) is
        the unit without it (省发展改革委). Without one, any place name is dropped."""
        self._by_key: dict[str, _Entry] = {}
        self.jurisdiction = jurisdiction
        self.places: tuple[str, ...] = ()
        units = list(_curated()["units"])
        if jurisdiction:
            local = _local(jurisdiction)
            places = [jurisdiction]
            if local and local.get("province"):
                places.append(local["province"])
            for place in places:
                data = _local(place)
                if data:
                    units = [*data.get("units", []), *units]
            self.places = tuple(places)
        for unit in units:
            e = self._by_key.get(unit_key(unit["canonical"])) or _Entry(unit["canonical"], curated=True)
            for name in [unit["canonical"], *unit["aliases"]]:
                e.aliases.add(_fold(name))
                self._by_key.setdefault(unit_key(name), e)
        for name in _curated()["collective"]:
            self._by_key.setdefault(
                unit_key(name), _Entry(_fold(name), aliases={_fold(name)}, collective=True, curated=True)
            )

    @classmethod
    def from_names(
        cls, names: Iterable[str], texts: Iterable[str] = (), jurisdiction: str | None = None
    ) -> UnitRegistry:
        """A registry of the curated table (and ``jurisdiction``'s arrangements) plus
        ``names`` (as printed) and the aliases ``texts`` define."""
        reg = cls(jurisdiction)
        for text in texts:
            for full, short in derive_aliases(text):
                reg.add_alias(full, short)
        for name in names:
            reg.add(name)
        return reg

    def _lookup(self, name: str) -> _Entry | None:
        n = _fold(name)
        e = self._by_key.get(unit_key(n))
        if e is not None:
            return e
        # A place name before the level: 聊城市发展和改革委员会 -> 市发展和改革委员会,
        # 山东省发展和改革委员会 -> 省发展和改革委员会 (with a jurisdiction: its own places only).
        m = _PLACE_RE.match(n)
        if m and self._own_place(m.group(1), m.group(2)):
            rest = n[m.end(1) :]
            return self._lookup(rest) if rest != n else None
        level, body = _split_level(n)
        if level and level != "市":
            # 县发展改革局 is looked up as the 市 entry's body with its own level.
            e = self._by_key.get(unit_key("市" + body))
            if e is not None and e.curated and not e.collective:
                return e
        return None

    def _own_place(self, place: str, level: str) -> bool:
        """May the place name ``place`` (level 市/县/区/省) be dropped from a unit's name?
        Without a jurisdiction, always; with one, for its own places, and for a province
        when the jurisdiction's province is not on file."""
        if not self.places:
            return True
        if any(p.startswith(place) for p in self.places):
            return True
        return level == "省" and len(self.places) == 1 and not self.places[0].endswith("省")

    def add(self, name: str, count: int = 1) -> None:
        """Record ``count`` printed occurrences of a unit name."""
        n = _fold(name)
        if not n:
            return
        e = self._lookup(n)
        level = _split_level(n)[0]
        if e is None or (e.curated and level not in ("", "市") and not e.collective):
            curated = e if e is not None and e.curated else None
            e = self._by_key.setdefault(unit_key(n), _Entry(n, collective=is_collective(n)))
            if curated is not None:
                # 区发展和改革局 printed, 区发改局 asked (蔡政办〔2023〕1号): the curated informal names
                # of the 市 unit name this level's unit too.
                for alias in (curated.canonical, *curated.aliases):
                    if alias.startswith("市"):
                        self._by_key.setdefault(unit_key(level + alias[1:]), e)
        e.names[n] += count
        e.aliases.add(n)
        # 市农业农村局（市乡村振兴局）: one unit printed with its second name.
        m = _SECOND_NAME_RE.match(n)
        if m:
            for alias in (m.group(1), m.group(2)):
                e.aliases.add(alias)
                self._by_key.setdefault(unit_key(alias), e)
        if not e.curated:
            # The most printed form, then the shortest, is canonical.
            e.canonical = min(e.names, key=lambda x: (-e.names[x], len(x), x))

    def add_alias(self, full: str, short: str) -> None:
        """Declare ``short`` an alias of ``full`` (from ``以下简称``)."""
        e = self._lookup(full) or self._lookup(short)
        if e is None:
            e = _Entry(_fold(short), collective=is_collective(short))
        for n in (full, short):
            e.aliases.add(_fold(n))
            self._by_key.setdefault(unit_key(n), e)

    def canonical(self, name: str) -> str:
        """The canonical name of a unit (the name itself, folded, when unknown), at its own
        level: 县发展和改革局 -> 县发展改革局, 山东省发展和改革委员会 -> 省发展改革委."""
        n = _fold(name)
        e = self._lookup(n)
        m = _PLACE_RE.match(n)
        if e is not None and m and self._own_place(m.group(1), m.group(2)):
            n = n[m.end(1) :]
        if e is None:
            # Unknown unit: its printed name, with national naming patterns applied.
            for pattern, repl in _patterns():
                n = pattern.sub(repl, n)
            return n
        level, _ = _split_level(n)
        if e.curated and not e.collective and level and level != "市" and e.canonical.startswith("市"):
            return level + e.canonical[1:]
        return e.canonical

    def aliases(self, name: str) -> set[str]:
        """All names known for the unit ``name`` (including its canonical name)."""
        e = self._lookup(name)
        return set(e.aliases | {e.canonical}) if e else {_fold(name)}

    def matches(self, query: str, name: str) -> bool:
        """True when ``query`` names the unit ``name``.

        Same canonical unit, or the query's key is part of the key of one of the
        unit's names (``生态环境`` matches 市生态环境局) when the query has 2+ characters.
        """
        q = _fold(query)
        if not q:
            return False
        if self.canonical(q) == self.canonical(name):
            return True
        qk = unit_key(q)
        return len(q) >= 2 and any(qk in unit_key(a) for a in self.aliases(name))

    def is_collective(self, name: str) -> bool:
        e = self._lookup(name)
        return e.collective if e else is_collective(name)

    def entries(self) -> list[tuple[str, list[str], bool]]:
        """``(canonical, sorted aliases, collective)`` for every unit seen in texts."""
        seen: dict[int, _Entry] = {}
        for e in self._by_key.values():
            if e.names:
                seen[id(e)] = e
        return sorted(((e.canonical, sorted(e.aliases), e.collective) for e in seen.values()), key=lambda x: x[0])


@lru_cache(maxsize=1)
def default_registry() -> UnitRegistry:
    """The registry of the curated table alone."""
    return UnitRegistry()


def canonical(name: str) -> str:
    """The canonical name of ``name`` by the rules and the curated table."""
    return default_registry().canonical(name)


def matches(query: str, name: str) -> bool:
    """True when ``query`` names the unit ``name`` (aliases and parts of names match)."""
    return default_registry().matches(query, name)
