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
from gongbao.rules.holidays import adjustments, read_holiday_notices

DATA = Path(__file__).parent / "data" / "rules" / "holidays"
NOTICES = sorted(DATA.glob("notice-*.txt"))
YEARS = [int(re.search(r"(\d{4})", p.name).group(1)) for p in NOTICES]  # type: ignore[union-attr]

#: days of a year that a later notice (not the yearly one, or the next year's notice when it is
#: not among the texts) changed
LATER_NOTICES: dict[int, tuple[set[str], str]] = {
    2007: ({"2007-12-29", "2007-12-31"}, "国务院办公厅关于2008年部分节假日安排的通知 (no complete copy found)"),
    2015: (
        {"2015-09-03", "2015-09-04", "2015-09-06"},
        "国务院关于中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日调休放假的通知",
    ),
    2019: ({"2019-04-28", "2019-05-02", "2019-05-03", "2019-05-05"}, "国务院办公厅关于调整2019年劳动节假期安排的通知"),
    2020: ({"2020-01-31", "2020-02-01"}, "国务院办公厅关于延长2020年春节假期的通知（国办发明电〔2020〕1号）"),
}


def _notice(year: int):  # type: ignore[no-untyped-def]
    path = DATA / f"notice-{year}.txt"
    [n] = read_holiday_notices(path.read_text(encoding="utf-8"), path.name)
    return n


def test_every_year_2010_to_2026_is_here() -> None:
    assert set(range(2010, 2027)) <= set(YEARS)


@pytest.mark.parametrize("year", YEARS)
def test_a_notice_gives_its_years_official_calendar(year: int) -> None:
    """Every day of the year: working or not as the official calendar says, the year's notice and
    the next year's (a 元旦 range or a make-up day in late December) read together."""
    notices = [_notice(year)] + ([_notice(year + 1)] if year + 1 in YEARS else [])
    assert notices[0].year == year
    holidays = {d for n in notices for d in n.holidays}
    workdays = {d for n in notices for d in n.workdays}
    differ, d = set(), date(year, 1, 1)
    while d.year == year:
        mine = d in workdays or (d.weekday() < 5 and d not in holidays)
        if mine != chinese_calendar.is_workday(d):
            differ.add(d.isoformat())
        d += timedelta(days=1)
    assert differ == LATER_NOTICES.get(year, (set(), ""))[0]


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


def test_a_later_notice_that_changes_the_calendar_is_reported() -> None:
    text = "国务院办公厅关于调整2019年劳动节假期安排的通知\n国办发明电〔2019〕2号\n"
    [note] = adjustments(text, "a.txt")
    assert "关于调整2019年劳动节假期安排的通知" in note and "a.txt:1" in note


@pytest.fixture
def without_2026(monkeypatch: pytest.MonkeyPatch) -> None:
    """The calendar as it will be for a year the package does not know yet (2027 when this was
    written): the package's 2026 taken away."""
    years = cal_mod._package_year_set() - {2026}
    real = cal_mod._package_is_workday
    monkeypatch.setattr(cal_mod, "_package_year_set", lambda: years)
    monkeypatch.setattr(cal_mod, "_package_is_workday", lambda d: None if d.year == 2026 else real(d))


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
    files = [str(DATA / "notice-2026.txt"), str(DATA / "notice-2019.txt")]
    assert CliRunner().invoke(app, ["ingest", *files, "--db", db], catch_exceptions=False).exit_code == 0
    run = CliRunner().invoke(
        app,
        ["deadline", "--from", "2025-12-20", "--limit", "20个工作日", "--db", db, "-f", "json"],
        catch_exceptions=False,
    )
    assert run.exit_code == 0, run.output
    assert '"deadline": "2026-01-19"' in run.output
    assert "stored from" in run.output and "关于2026年部分节假日安排的通知" in run.output
    # the 2019 notice differs from the official 2019 (a later notice moved 劳动节): said, not used
    assert "2019-04-28" in run.output and "the official calendar is used" in run.output
