"""Statutory deadlines: when a time limit such as 5个工作日, 十五日, 2个月 or 提前四十八小时 ends.

Rules (民法典 第二百零一条 to 第二百零四条, 第一千二百五十九条):
1. The start day is not counted (第二百零一条: 开始的当日不计入, 自下一日开始计算); an hour
   period runs from the given time.
2. A month or year period ends on the corresponding day of the last month; without one, on
   that month's last day (第二百零二条).
3. A calendar-day, month or year period whose last day is a rest day or public holiday ends
   on the next working day (第二百零三条 第一款). Working-day periods count working days only.
4. ``before=True`` (提前N日, N个工作日前) counts backwards from the event; the result is the last
   day by which the act must be done. Choice where the law is silent: a backward calendar-day
   period is not moved off a rest day (moving it later would shorten the notice; moving it
   earlier is not in the text), and the result says so in ``note``.
"""

from __future__ import annotations

import calendar as _stdcal
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from gongbao.errors import CalendarError, InputError
from gongbao.rules.calendar import OfficialCalendar, default_calendar
from gongbao.structure.numerals import CN_NUMERAL_CHARS, cn_to_int

__all__ = ["Deadline", "TimeLimitSpec", "compute_deadline", "parse_limit"]

UNITS = {"小时": "hour", "工作日": "workday", "日": "day", "天": "day", "周": "week", "月": "month", "年": "year"}

_LIMIT_RE = re.compile(
    rf"^(?P<before>提前)?(?P<n>[0-9０-９]+|[{CN_NUMERAL_CHARS}]+)个?(?P<unit>小时|工作日|日|天|周|月|年)"
    r"(?P<tail>内|以内|之内|前|以前|后|以后)?$"
)


@dataclass(frozen=True, slots=True)
class TimeLimitSpec:
    """A parsed time limit: ``n`` of ``unit`` (hour, workday, day, week, month, year), counted backwards if ``before``."""

    n: int
    unit: str
    before: bool = False
    text: str = ""


@dataclass(frozen=True, slots=True)
class Deadline:
    """The end of a period: ``end`` is a date (datetime for hour periods); ``moved_from`` when 第二百零三条 applied."""

    start: date | datetime
    limit: TimeLimitSpec
    end: date | datetime
    moved_from: date | None = None
    note: str | None = None
    calendars: tuple[tuple[int, str], ...] = ()  # (year, which calendar answered) for the years the count crossed
    warnings: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {
            "schema": "gongbao.deadline/1",
            "from": self.start.isoformat(),
            "limit": self.limit.text,
            "n": self.limit.n,
            "unit": self.limit.unit,
            "before": self.limit.before,
            "deadline": self.end.isoformat(),
            "moved_from": self.moved_from.isoformat() if self.moved_from else None,
            "note": self.note,
            "calendar": [{"year": y, "source": src} for y, src in self.calendars],
            "warnings": list(self.warnings),
        }


def parse_limit(text: str) -> TimeLimitSpec:
    """Parse ``"5个工作日"``, ``"十五日"``, ``"2个月"``, ``"提前四十八小时"``, ``"九十个工作日前"``.

    A leading 提前 or a trailing 前/以前 means counting backwards. Raises ``InputError`` on
    anything else.
    """
    s = "".join(text.split()).replace("半年", "6个月")  # 半年 is six months in statute usage
    m = _LIMIT_RE.match(s)
    if not m:
        raise InputError(f"cannot read time limit {text!r} (expected e.g. 5个工作日, 十五日, 2个月, 提前四十八小时)")
    try:
        n = cn_to_int(m["n"])
    except ValueError as e:
        raise InputError(f"cannot read the number in time limit {text!r}") from e
    before = bool(m["before"]) or m["tail"] in ("前", "以前")
    return TimeLimitSpec(n, UNITS[m["unit"]], before, text)


def _add_months(d: date, months: int) -> date:
    y, m0 = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m0 + 1
    return date(year, month, min(d.day, _stdcal.monthrange(year, month)[1]))


def compute_deadline(
    start: date | datetime | str,
    limit: str | TimeLimitSpec,
    before: bool = False,
    calendar: OfficialCalendar | None = None,
) -> Deadline:
    """See ``_compute``; a period that leaves the calendar's range (years 1-9999) is an ``InputError``."""
    cal = calendar or default_calendar()
    try:
        d = _compute(start, limit, before, cal)
    except (OverflowError, ValueError) as e:
        if isinstance(e, InputError | CalendarError):
            raise
        raise InputError(
            f"time limit {getattr(limit, 'text', limit)!r} from {start} leaves the range of dates (years 1-9999)"
        ) from e
    if d.limit.unit == "hour":
        return d  # an hour period uses no calendar
    a, b = sorted(x.date() if isinstance(x, datetime) else x for x in (d.start, d.end))
    years = tuple((y, cal.source_for(y)) for y in range(a.year, b.year + 1))
    return replace(d, calendars=years, warnings=tuple(cal.override_warnings()))


def _compute(
    start: date | datetime | str,
    limit: str | TimeLimitSpec,
    before: bool = False,
    calendar: OfficialCalendar | None = None,
) -> Deadline:
    """The last day (or hour) of the period ``limit`` counted from ``start``.

    ``start``: a date, a datetime, or an ISO string (``2025-01-24`` or ``2025-01-24T09:00``).
    ``before`` (or 提前/前 in the text) counts backwards. Returns a ``Deadline``. Raises
    ``CalendarError`` when a day that must be checked lies outside the known calendar and
    ``InputError`` on an unreadable limit or date.
    """
    cal = calendar or default_calendar()
    spec = parse_limit(limit) if isinstance(limit, str) else limit
    if before and not spec.before:
        spec = TimeLimitSpec(spec.n, spec.unit, True, spec.text)
    if isinstance(start, str):
        try:
            start = datetime.fromisoformat(start) if "T" in start or " " in start.strip() else date.fromisoformat(start)
        except ValueError as e:
            raise InputError(f"cannot read date {start!r} (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM)") from e
    sign = -1 if spec.before else 1

    # Case 1: hours run from the given time (a bare date means its 00:00).
    if spec.unit == "hour":
        t0 = start if isinstance(start, datetime) else datetime.combine(start, datetime.min.time())
        return Deadline(start, spec, t0 + sign * timedelta(hours=spec.n))

    day = start.date() if isinstance(start, datetime) else start
    # Case 2: working days: count working days only, the start day not counted.
    if spec.unit == "workday":
        return Deadline(start, spec, cal.add_workdays(day, sign * spec.n))

    # Case 3: calendar periods.
    if spec.unit == "day":
        end = day + timedelta(days=sign * spec.n)
    elif spec.unit == "week":
        end = day + timedelta(days=sign * 7 * spec.n)
    elif spec.unit == "month":
        end = _add_months(day, sign * spec.n)
    else:
        end = _add_months(day, sign * 12 * spec.n)
    if spec.before:
        # The end of a backward calendar period needs no calendar; the note is informative only.
        try:
            note = "rest day; backward period not moved" if cal.is_rest_day(end) else None
        except CalendarError:
            note = None
        return Deadline(start, spec, end, note=note)
    if cal.is_rest_day(end):
        moved = cal.next_workday(end)
        return Deadline(start, spec, moved, moved_from=end, note="民法典第二百零三条: last day is a rest day")
    return Deadline(start, spec, end)
