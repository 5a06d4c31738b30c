"""Working days on China's official calendar (国务院办公厅 holiday notices, incl. 调休).

The data comes from the maintained ``chinese-calendar`` package (it covers 2004 up to the
latest published schedule) behind this module's interface, so the rest of gongbao never
imports the package. Years the package does not cover can be supplied in an override file
(JSON or TOML)::

    {"years": [2027],
     "holidays": ["2027-01-01", "2027-02-06", ...],   # rest days that fall on weekdays
     "workdays": ["2027-02-20", ...]}                  # make-up working days on weekends (调休)

For a year listed in ``years`` the calendar is: Monday-Friday work, Saturday/Sunday rest,
then the listed holidays rest and the listed workdays work. Dates listed for a covered year
override the package. A date in neither the package nor the override years raises
``CalendarError`` — never a guess.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from gongbao.errors import CalendarError

__all__ = ["ENV_OVERRIDE", "OfficialCalendar", "default_calendar", "official_source"]

#: Environment variable naming a default override file.
ENV_OVERRIDE = "GONGBAO_CALENDAR"


def _package_is_workday(day: date) -> bool | None:
    """The package's answer, or ``None`` when it has no data for the year."""
    import chinese_calendar

    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return None


#: Override files shipped with gongbao for schedules published after the package's release.
BUNDLED_DIR = Path(__file__).resolve().parent.parent / "data" / "calendar"


@lru_cache(maxsize=1)
def _bundled_years() -> dict[int, tuple[set[date], set[date]]]:
    """Years covered by the override files in ``gongbao/data/calendar`` (``cn-YYYY.toml``)."""
    out: dict[int, tuple[set[date], set[date]]] = {}
    if BUNDLED_DIR.is_dir():
        for f in sorted(BUNDLED_DIR.glob("*.toml")):
            cal = OfficialCalendar.from_file(f)
            for y in cal.override_years:
                out[y] = ({d for d in cal.holidays if d.year == y}, {d for d in cal.workdays if d.year == y})
    return out


def _package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("chinese-calendar")
    except PackageNotFoundError:  # pragma: no cover
        return "?"


def _package_years() -> str:
    years = sorted(_package_year_set())
    return f"{years[0]}-{years[-1]}" if years else "no years"


@lru_cache(maxsize=1)
def _package_year_set() -> frozenset[int]:
    import chinese_calendar

    return frozenset(d.year for d in chinese_calendar.holidays) | frozenset(d.year for d in chinese_calendar.workdays)


def official_source(year: int) -> str | None:
    """Where gongbao's official schedule for ``year`` comes from (a bundled file or the package), or None."""
    if year in _bundled_years():
        return f"bundled official calendar ({BUNDLED_DIR.name}/, {year})"
    if year in _package_year_set():
        return f"official calendar (chinese-calendar {_package_version()}, State Council notices)"
    return None


@dataclass
class OfficialCalendar:
    """Working days and rest days; ``is_workday`` is the one primitive, the rest derive from it."""

    override_years: set[int] = field(default_factory=set)
    holidays: set[date] = field(default_factory=set)
    workdays: set[date] = field(default_factory=set)
    source: str | None = None
    from_notice: bool = False  # the source is a holiday notice (its title and place), not a calendar file
    notes: list[str] = field(default_factory=list)  # where a notice differs from the official calendar

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> OfficialCalendar:
        """Load an override file (``.json`` or ``.toml``), or read the holiday notices in a text
        (a notice or a gazette issue printing one, ``rules.holidays``); raises ``CalendarError``
        naming the file."""
        p = Path(path)
        if p.suffix.lower() not in (".json", ".toml"):
            return cls.from_notices(p)
        try:
            raw = p.read_bytes()
            data = tomllib.loads(raw.decode("utf-8")) if p.suffix.lower() == ".toml" else json.loads(raw)
            years = {int(y) for y in data.get("years", [])}
            holidays = {date.fromisoformat(str(d)) for d in data.get("holidays", [])}
            workdays = {date.fromisoformat(str(d)) for d in data.get("workdays", [])}
        except (OSError, ValueError, TypeError, AttributeError, tomllib.TOMLDecodeError) as e:
            raise CalendarError(f"cannot read calendar override: {e}", path=str(p)) from e
        clash = holidays & workdays
        if clash:
            raise CalendarError(f"dates listed as both holiday and workday: {sorted(clash)}", path=str(p))
        return cls(years, holidays, workdays, str(p))

    @classmethod
    def from_notices(cls, *paths: Path) -> OfficialCalendar:
        """The years whose 国务院办公厅…部分节假日安排的通知 the texts at ``paths`` print (gazette
        issues or notices), with the later notices among them applied, in the order given."""
        from gongbao.rules.holidays import read_holiday_notices

        notices = []
        for path in paths:
            try:
                raw = path.read_bytes()
            except OSError as e:
                raise CalendarError(f"cannot read calendar file: {e.strerror or e}", path=str(path)) from e
            text = _decode(raw)
            if text is None:
                raise CalendarError("not a text in UTF-8 or GB18030, nor a JSON or TOML calendar", path=str(path))
            found = read_holiday_notices(text, str(path))
            if not found:
                raise CalendarError(
                    "no 国务院办公厅 holiday notice with its items in this file (a calendar file is JSON, TOML, or "
                    "a text printing the notice)",
                    path=str(path),
                )
            notices.extend(found)
        return cls.from_holiday_notices(notices)

    @classmethod
    def from_holiday_notices(cls, notices: list[Any]) -> OfficialCalendar:
        """A calendar defining the years of the yearly notices among ``notices``, with their later
        notices applied (``rules.holidays.year_days``). A year the official calendar covers adds
        nothing (that calendar holds the year's later notices too); where the notices differ from
        it, a note names the days. A later notice of a year not otherwise known is refused: its
        year's other days are unknown."""
        from gongbao.rules.holidays import year_days

        years, orphans = year_days(notices)
        for n in orphans:
            if official_source(n.year) is None:
                raise CalendarError(f"{n.source} changes {n.year}, but the yearly notice of {n.year} is not given")
        notes: list[str] = []
        for year, days in sorted(years.items()):
            if official_source(year) is None:
                continue
            differ = _differences(year, days.holidays, days.workdays)
            del years[year]  # the official calendar of the year holds its later notices too
            if differ:
                notes.append(
                    f"{'; '.join(days.sources)} differ from the {official_source(year)} on {len(differ)} day(s) of "
                    f"{year} ({'、'.join(d.isoformat() for d in differ[:6])}): the official calendar is used (a "
                    "later notice not given changed those days, or a notice was misread)"
                )
        holidays = {d for y in years.values() for d in y.holidays}
        workdays = {d for y in years.values() for d in y.workdays}
        source = "; ".join(s for y in years.values() for s in y.sources) or None
        return cls(set(years), holidays, workdays, source, from_notice=True, notes=notes)

    def file_years(self) -> set[int]:
        """The years this calendar's override file speaks for: its ``years`` and the years of its listed dates."""
        return set(self.override_years) | {d.year for d in self.holidays | self.workdays}

    def overridden_official_years(self) -> list[int]:
        """The years of the official schedule that the override file replaces (wholly or in part)."""
        return sorted(y for y in self.file_years() if official_source(y) is not None)

    def override_warnings(self) -> list[str]:
        """A warning per override file that replaces official years: never silent."""
        if self.from_notice:
            return list(self.notes)
        years = self.overridden_official_years()
        if not years:
            return []
        names = ", ".join(str(y) for y in years)
        return [
            f"calendar file {self.source} overrides the official schedule for {names}: its dates are used instead of "
            f"the State Council notice(s) for {'that year' if len(years) == 1 else 'those years'}"
        ]

    def source_for(self, year: int) -> str:
        """Which calendar answers for ``year``: the override file, the official (bundled) years, or none."""
        if year in self.file_years():
            base = official_source(year)
            if self.from_notice:
                return f"notice {self.source}"
            return f"file {self.source}" + (" (overriding the official schedule)" if base else "")
        return official_source(year) or "none (outside the known official calendar)"

    def is_workday(self, day: date) -> bool:
        """True on a working day (incl. 调休 weekend workdays); ``CalendarError`` outside the known calendar."""
        if day in self.holidays:
            return False
        if day in self.workdays:
            return True
        if day.year in self.override_years:
            return day.weekday() < 5
        bundled = _bundled_years().get(day.year)
        if bundled is not None:
            holidays, workdays = bundled
            return day in workdays or (day.weekday() < 5 and day not in holidays)
        answer = _package_is_workday(day)
        if answer is None:
            raise CalendarError(
                f"{day.isoformat()} is outside the known official calendar: the State Council's holiday schedule "
                f"for {day.year} is in no source gongbao has (chinese-calendar {_package_version()} covers "
                f"{_package_years()}); add it from the 国务院办公厅 notice in an override file "
                f"(--calendar FILE or ${ENV_OVERRIDE}; format in docs/rules.md, 'Adding a calendar year')"
            )
        return answer

    def is_rest_day(self, day: date) -> bool:
        """True on a weekend or public holiday that is not a make-up workday."""
        return not self.is_workday(day)

    def next_workday(self, day: date, *, include: bool = False) -> date:
        """The first working day after ``day`` (or ``day`` itself when ``include`` and it is one)."""
        d = day if include else day + timedelta(days=1)
        while not self.is_workday(d):
            d += timedelta(days=1)
        return d

    def add_workdays(self, day: date, n: int) -> date:
        """The ``n``-th working day after ``day`` (``n < 0``: before), ``day`` itself not counted."""
        step = 1 if n >= 0 else -1
        d, left = day, abs(n)
        while left:
            d += timedelta(days=step)
            if self.is_workday(d):
                left -= 1
        return d


def _differences(year: int, holidays: set[date], workdays: set[date]) -> list[date]:
    """The days of ``year`` on which a notice's calendar and the official one disagree."""
    official, d, out = OfficialCalendar(), date(year, 1, 1), []
    while d.year == year:
        mine = d in workdays or (d.weekday() < 5 and d not in holidays)
        if mine != official.is_workday(d):
            out.append(d)
        d += timedelta(days=1)
    return out


def _decode(raw: bytes) -> str | None:
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return None


def default_calendar(
    override: str | os.PathLike[str] | list[Path] | None = None, *, db: str | None = None
) -> OfficialCalendar:
    """The package calendar, with ``override`` (or the file named by ``$GONGBAO_CALENDAR``) applied
    — several files: texts printing holiday notices; with ``db``, the holiday notices stored there
    (``rules.holidays.stored_notices``) instead."""
    if isinstance(override, list):
        if len(override) > 1:
            if db is not None:
                raise CalendarError("give the calendar by --calendar or by --db, not both")
            return OfficialCalendar.from_notices(*override)
        override = override[0] if override else None
    if db is not None:
        if override:
            raise CalendarError("give the calendar by --calendar or by --db, not both")
        from gongbao.rules.holidays import stored_notices

        return OfficialCalendar.from_holiday_notices(stored_notices(db))
    path = override or os.environ.get(ENV_OVERRIDE)
    return OfficialCalendar.from_file(path) if path else OfficialCalendar()
