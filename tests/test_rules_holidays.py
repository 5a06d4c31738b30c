"""The official calendar read from the State Council General Office's yearly holiday notices.

The notices are real texts (``tests/data/rules/holidays/``, locators in its README: 2007 and
2010–2026). The truth they are checked against is independent of gongbao: the ``chinese-calendar``
package, kept by hand from the same notices. Where the two differ, the days are those that a later
notice changed (read off those notices' titles), so the test states them.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import pytest
from typer.testing import CliRunner

from gongbao.errors import CalendarError
from gongbao.rules import calendar as cal_mod
from gongbao.rules.holidays import YearDays, read_holiday_notices, year_days

DATA = Path(__file__).parent / "data" / "rules" / "holidays"
NOTICES = sorted(DATA.glob("notice-*.txt"))
YEARS = [int(re.search(r"(\d{4})", p.name).group(1)) for p in NOTICES]  # type: ignore[union-attr]

#: the later notices that changed a year (real texts beside the yearly ones)
CHANGES = sorted(DATA.glob("change-*.txt"))

#: days the official calendar holds and these texts do not: the 2008 notice (no complete copy
#: found) moved two days of late 2007
MISSING: dict[int, set[str]] = {2007: {"2007-12-29", "2007-12-31"}}


def _notice(year: int):  # type: ignore[no-untyped-def]
    path = DATA / f"notice-{year}.txt"
    [n] = read_holiday_notices(path.read_text(encoding="utf-8"), path.name)
    return n


def _read(path: Path):  # type: ignore[no-untyped-def]
    return read_holiday_notices(path.read_text(encoding="utf-8"), path.name)


def test_every_year_2010_to_2026_is_here() -> None:
    assert set(range(2010, 2027)) <= set(YEARS)


@pytest.fixture(scope="module")
def composed() -> dict[int, YearDays]:
    notices = [n for p in NOTICES for n in _read(p)] + [n for p in CHANGES for n in _read(p)]
    years, orphans = year_days(notices)
    assert orphans == []
    return years


@pytest.mark.parametrize("year", YEARS)
def test_notices_give_their_years_official_calendar(year: int, composed: dict[int, YearDays]) -> None:
    """Every day of the year: working or not as the official calendar says, from the year's notice
    with its later notices applied, and the next year's (a 元旦 range or a make-up day in late
    December)."""
    days = [composed[y] for y in (year, year + 1) if y in composed]
    holidays = {d for y in days for d in y.holidays}
    workdays = {d for y in days for d in y.workdays}
    differ, d = set(), date(year, 1, 1)
    while d.year == year:
        mine = d in workdays or (d.weekday() < 5 and d not in holidays)
        if mine != chinese_calendar.is_workday(d):
            differ.add(d.isoformat())
        d += timedelta(days=1)
    assert differ == MISSING.get(year, set())


def test_later_notices_change_what_the_yearly_one_said() -> None:
    """Read by hand: 2019 劳动节 was 5月1日 only (与周末连休), then 5月1日至4日 with 4月28日 and 5月5日
    worked; 2020 春节 ended 1月30日 with 2月1日 worked, then was extended to 2月2日; 2015 added
    9月3日–5日 with 9月6日 worked."""
    alone, _ = year_days([_notice(2019)])
    assert date(2019, 5, 2) not in alone[2019].holidays and date(2019, 4, 28) not in alone[2019].workdays
    changed, _ = year_days([_notice(2019), *_read(DATA / "change-2019-labour-day.txt")])
    assert {date(2019, 5, d) for d in (1, 2, 3, 4)} <= changed[2019].holidays
    assert {date(2019, 4, 28), date(2019, 5, 5)} <= changed[2019].workdays
    [ext] = _read(DATA / "change-2020-spring-festival.txt")
    assert ext.kind == "extend" and ext.items[0].extend_to == date(2020, 2, 2)
    y20, _ = year_days([_notice(2020), ext])
    assert {date(2020, 1, 31), date(2020, 2, 1), date(2020, 2, 2)} <= y20[2020].holidays
    assert date(2020, 2, 1) not in y20[2020].workdays and date(2020, 1, 19) in y20[2020].workdays
    [extra] = _read(DATA / "change-2015-anniversary.txt")
    assert extra.kind == "extra" and extra.year == 2015 and extra.doc_number == "国发明电〔2015〕1号"
    assert extra.holidays == {date(2015, 9, 3), date(2015, 9, 4), date(2015, 9, 5)}
    assert extra.workdays == {date(2015, 9, 6)}


@pytest.mark.parametrize("year", YEARS)
def test_every_item_is_read_and_its_count_holds(year: int) -> None:
    n = _notice(year)
    text = (DATA / f"notice-{year}.txt").read_text(encoding="utf-8")
    printed_items = len(re.findall(r"^[一二三四五六七]、", text, flags=re.M))
    assert len(n.items) == printed_items
    for item in n.items:
        if item.total is not None:
            assert len(item.rest) == item.total, item.names


def test_old_and_new_forms_read_by_reading() -> None:
    """Read by hand from the texts: 2007 (“五一”, 1月1日—3日, workdays in 2006), 2019 (a range over
    the year's end), 2017 (补休), 2025 (不调休), 2024 (the 除夕 sentence adds no rest day)."""
    n07 = _notice(2007)
    assert n07.doc_number == "国办发明电〔2006〕49号"
    assert [i.names for i in n07.items] == ["元旦", "春节", "“五一”", "“十一”"]
    assert n07.items[0].work == (date(2006, 12, 30), date(2006, 12, 31))
    assert n07.items[2].rest == tuple(date(2007, 5, d) for d in range(1, 8))
    assert n07.items[2].work == (date(2007, 4, 28), date(2007, 4, 29))
    n19 = _notice(2019)
    assert n19.items[0].rest == (date(2018, 12, 30), date(2018, 12, 31), date(2019, 1, 1))
    assert n19.items[0].work == (date(2018, 12, 29),)
    n17 = _notice(2017)
    assert n17.items[0].rest == (date(2017, 1, 1), date(2017, 1, 2)) and n17.items[0].work == ()
    n25 = _notice(2025)
    assert n25.items[0].rest == (date(2025, 1, 1),) and n25.items[0].work == ()
    assert date(2024, 2, 9) not in _notice(2024).holidays  # 鼓励…在除夕（2月9日）休息: a working day


def test_a_count_that_does_not_hold_is_refused_with_its_line() -> None:
    text = (DATA / "notice-2026.txt").read_text(encoding="utf-8").replace("共9天", "共8天")
    with pytest.raises(CalendarError) as e:
        read_holiday_notices(text, "n.txt")
    assert e.value.path == "n.txt" and e.value.where is not None and "共8天" in str(e.value)


def test_a_title_cited_in_a_sentence_is_no_notice() -> None:
    assert read_holiday_notices("根据《国务院办公厅关于2026年部分节假日安排的通知》，现就有关事项通知如下。\n") == []


def test_a_later_notice_whose_days_cannot_be_read_is_refused() -> None:
    text = "国务院办公厅关于调整2019年劳动节假期安排的通知\n国办发明电〔2019〕3号\n一、具体安排另行通知。\n"
    with pytest.raises(CalendarError, match="no day it changes"):
        read_holiday_notices(text, "a.txt")


def _forget(monkeypatch: pytest.MonkeyPatch, year: int) -> None:
    """The calendar as it is for a year the package does not know yet (2027 when this was
    written): the package's ``year`` taken away."""
    years = cal_mod._package_year_set() - {year}
    real = cal_mod._package_is_workday
    monkeypatch.setattr(cal_mod, "_package_year_set", lambda: years)
    monkeypatch.setattr(cal_mod, "_package_is_workday", lambda d: None if d.year == year else real(d))


@pytest.fixture
def without_2026(monkeypatch: pytest.MonkeyPatch) -> None:
    _forget(monkeypatch, 2026)


def test_a_gazette_issue_brings_the_later_notice(monkeypatch: pytest.MonkeyPatch) -> None:
    """3 working days from Friday 2019-04-26: by the yearly notice alone (5月1日放假，与周末连休)
    4月29日, 30日, 5月2日; with the 国务院公报 issue printing the adjustment (its TOC line names the
    notice too): Sunday 4月28日 works, so 4月28日, 29日, 30日 — what the official calendar says."""
    from gongbao.cli import app

    _forget(monkeypatch, 2019)
    args = ["deadline", "--from", "2019-04-26", "--limit", "3个工作日", "--calendar", str(DATA / "notice-2019.txt")]
    run = CliRunner().invoke(app, args, catch_exceptions=False)
    assert run.output.splitlines()[0] == "2019-05-02"
    run = CliRunner().invoke(app, [*args, "--calendar", str(DATA / "gwyb-2019-10-layout.txt")], catch_exceptions=False)
    assert run.exit_code == 0, run.output
    assert run.output.splitlines()[0] == "2019-04-30"
    assert "国办发明电〔2019〕3号" in run.output
    monkeypatch.undo()
    assert chinese_calendar.get_workdays(date(2019, 4, 27), date(2019, 4, 30)) == [
        date(2019, 4, 28),
        date(2019, 4, 29),
        date(2019, 4, 30),
    ]


def test_deadline_counts_a_new_year_from_its_notice(without_2026: None, tmp_path: Path) -> None:
    """20 working days from Saturday 2025-12-20, counted by hand on the 2026 notice: Dec 22–31 (8),
    Jan 1–3 rest, Sunday Jan 4 works (9), Jan 5–9 (14), Jan 12–16 (19), Jan 19 (20)."""
    from gongbao.cli import app

    with pytest.raises(CalendarError, match="outside the known official calendar"):  # exit 2 from gongbao.cli.main
        CliRunner().invoke(app, ["deadline", "--from", "2025-12-20", "--limit", "20个工作日"], catch_exceptions=False)
    run = CliRunner().invoke(
        app,
        ["deadline", "--from", "2025-12-20", "--limit", "20个工作日", "--calendar", str(DATA / "notice-2026.txt")],
        catch_exceptions=False,
    )
    assert run.exit_code == 0, run.output
    assert run.output.splitlines()[0] == "2026-01-19"
    assert "国务院办公厅关于2026年部分节假日安排的通知" in run.output


def test_deadline_reads_the_notices_of_a_store(without_2026: None, tmp_path: Path) -> None:
    from gongbao.cli import app

    db = str(tmp_path / "s.db")
    names = ("notice-2026.txt", "notice-2019.txt", "change-2019-labour-day.txt", "notice-2020.txt")
    files = [str(DATA / n) for n in names]
    assert CliRunner().invoke(app, ["ingest", *files, "--db", db], catch_exceptions=False).exit_code == 0
    run = CliRunner().invoke(
        app,
        ["deadline", "--from", "2025-12-20", "--limit", "20个工作日", "--db", db, "-f", "json"],
        catch_exceptions=False,
    )
    assert run.exit_code == 0, run.output
    assert '"deadline": "2026-01-19"' in run.output
    assert "stored from" in run.output and "关于2026年部分节假日安排的通知" in run.output
    # 2019 with its later notice stored equals the official 2019; 2020 without its extension does
    # not (1月31日, 2月1日): said, and the official calendar used
    assert "2019-04-28" not in run.output
    assert "2020-01-31、2020-02-01" in run.output and "the official calendar is used" in run.output
