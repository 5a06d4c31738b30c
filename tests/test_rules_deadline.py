"""Official calendar (调休, overrides, limits) and statutory deadlines (民法典 第二百零一条—第二百零四条)."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from gongbao.errors import CalendarError, InputError
from gongbao.rules.calendar import OfficialCalendar, default_calendar
from gongbao.rules.deadline import compute_deadline, parse_limit

CAL = OfficialCalendar()


@pytest.mark.parametrize(
    ("day", "work"),
    [
        ("2025-01-24", True),  # Friday before the Spring Festival
        ("2025-01-25", False),  # Saturday
        ("2025-01-26", True),  # Sunday, make-up workday (调休)
        ("2025-01-28", False),  # 除夕, holiday
        ("2025-02-04", False),  # last holiday day
        ("2025-02-05", True),
        ("2025-02-08", True),  # Saturday, make-up workday
        ("2024-10-01", False),
        ("2024-10-12", True),  # Saturday, make-up workday after National Day 2024
    ],
)
def test_official_days(day: str, work: bool) -> None:
    assert CAL.is_workday(date.fromisoformat(day)) is work


def test_outside_the_calendar_is_an_error_not_a_guess() -> None:
    with pytest.raises(CalendarError, match="outside the known official calendar"):
        CAL.is_workday(date(2030, 1, 2))
    with pytest.raises(CalendarError):
        CAL.is_workday(date(2003, 6, 2))


def test_override_file_json_and_toml(tmp_path: Path) -> None:
    j = tmp_path / "cal.json"
    j.write_text(
        json.dumps({"years": [2030], "holidays": ["2030-01-01"], "workdays": ["2030-01-05"]}), encoding="utf-8"
    )
    cal = OfficialCalendar.from_file(j)
    assert not cal.is_workday(date(2030, 1, 1))  # Tuesday, listed holiday
    assert cal.is_workday(date(2030, 1, 5))  # Saturday, listed workday
    assert not cal.is_workday(date(2030, 1, 6))  # Sunday
    assert cal.is_workday(date(2030, 1, 2))
    assert compute_deadline("2030-01-04", "1个工作日", calendar=cal).end == date(2030, 1, 5)
    with pytest.raises(CalendarError):
        cal.is_workday(date(2031, 1, 2))
    t = tmp_path / "cal.toml"
    t.write_text('years = [2031]\nholidays = ["2031-01-01"]\nworkdays = []\n', encoding="utf-8")
    assert not OfficialCalendar.from_file(t).is_workday(date(2031, 1, 1))
    bad = tmp_path / "bad.json"
    bad.write_text('{"years": [2030], "holidays": ["2030-01-01"], "workdays": ["2030-01-01"]}', encoding="utf-8")
    with pytest.raises(CalendarError, match="both"):
        OfficialCalendar.from_file(bad)


def test_env_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "c.json"
    f.write_text('{"years": [2030]}', encoding="utf-8")
    monkeypatch.setenv("GONGBAO_CALENDAR", str(f))
    assert default_calendar().is_workday(date(2030, 1, 1))


@pytest.mark.parametrize(
    ("text", "n", "unit", "before"),
    [
        ("5个工作日", 5, "workday", False),
        ("十五日", 15, "day", False),
        ("30日", 30, "day", False),
        ("2个月", 2, "month", False),
        ("提前四十八小时", 48, "hour", True),
        ("九十个工作日前", 90, "workday", True),
        ("二十日内", 20, "day", False),
        ("一年", 1, "year", False),
    ],
)
def test_parse_limit(text: str, n: int, unit: str, before: bool) -> None:
    spec = parse_limit(text)
    assert (spec.n, spec.unit, spec.before) == (n, unit, before)


def test_parse_limit_rejects_junk() -> None:
    with pytest.raises(InputError):
        parse_limit("尽快")


@pytest.mark.parametrize(
    ("start", "limit", "before", "end", "moved_from"),
    [
        ("2025-01-24", "5个工作日", False, date(2025, 2, 7), None),
        ("2025-01-24", "1个工作日", False, date(2025, 1, 26), None),  # the Sunday make-up workday counts
        ("2025-01-27", "1个工作日", False, date(2025, 2, 5), None),
        ("2025-01-24", "七日", False, date(2025, 2, 5), date(2025, 1, 31)),  # ends in the holiday -> next workday
        ("2025-01-24", "十五日", False, date(2025, 2, 8), None),  # 2-08 Saturday is a workday
        ("2024-09-27", "4日", False, date(2024, 10, 8), date(2024, 10, 1)),  # National Day 10-01..10-07
        ("2024-01-31", "1个月", False, date(2024, 2, 29), None),  # no corresponding day: month end
        ("2024-02-29", "1年", False, date(2025, 2, 28), None),
        ("2025-03-10", "5个工作日", True, date(2025, 3, 3), None),
        ("2025-03-10", "十日", True, date(2025, 2, 28), None),
    ],
)
def test_compute_deadline(start: str, limit: str, before: bool, end: date, moved_from: date | None) -> None:
    d = compute_deadline(start, limit, before=before)
    assert d.end == end
    assert d.moved_from == moved_from


def test_hours_run_from_the_time() -> None:
    d = compute_deadline(datetime(2025, 1, 24, 9, 30), "48小时")
    assert d.end == datetime(2025, 1, 26, 9, 30)
    assert compute_deadline("2025-01-24", "提前四十八小时").end == datetime(2025, 1, 22, 0, 0)


def test_deadline_beyond_the_calendar_raises() -> None:
    with pytest.raises(CalendarError):
        compute_deadline("2026-12-20", "30日")  # ends in 2027


def test_backward_calendar_period_needs_no_calendar_but_forward_does() -> None:
    assert compute_deadline("2027-03-10", "十日", before=True).end == date(2027, 2, 28)
    with pytest.raises(CalendarError):
        compute_deadline("2027-03-10", "十日")
    assert parse_limit("半年").n == 6 and parse_limit("半年").unit == "month"
