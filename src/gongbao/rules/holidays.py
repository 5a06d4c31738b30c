"""The official calendar of a year, read from the State Council General Office's holiday notice
(国务院办公厅关于YYYY年部分节假日安排的通知) as a gazette prints it.

The notice is published each autumn for the next year; the ``chinese-calendar`` package gongbao
uses knows a year only from its next release. A user who has the notice — in a gazette issue,
in a stored issue, or as a text file — can count working days in that year from the notice
itself: ``gongbao deadline --calendar ISSUE.txt`` or ``--db``.

How an item is read (``grammar.holidays``): each item line (一、元旦：…) is cut into clauses at
，。；. A clause with 上班 makes its days working days; a clause with 放假 / 补休 / 调休 makes its
days, and the ranges 至 joins, rest days. Other clauses (其中…为法定假日, 鼓励…除夕（2月9日）休息)
add nothing. A day printed without its year takes the notice's year, or, when the item prints
years (2018年12月30日至2019年1月1日), the printed year nearest the item's first day; without
its month, the month of the day before it (1月1日至3日). An item whose 共N天 differs from the
rest days read, or with no day at all, is refused with its line: a calendar is never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from gongbao.errors import CalendarError
from gongbao.grammar.holidays import (
    ADJUSTMENT_TITLE,
    DAY,
    ITEM,
    NO_CHANGE,
    NOTICE_TITLE,
    RANGE_JOIN,
    REST_CLAUSE,
    TOTAL,
    WORK_CLAUSE,
)
from gongbao.grammar.labels import ITEM_LINE

__all__ = ["HolidayItem", "HolidayNotice", "adjustments", "read_holiday_notices", "stored_notices"]

_CLAUSE_END = "，。；,;"
_MAX_SPAN = 40  # no holiday of a notice is longer: a longer range is a misreading


@dataclass(frozen=True, slots=True)
class HolidayItem:
    """One holiday line: its names (春节, 中秋节、国庆节), line number, rest and working days."""

    names: str
    line: int
    rest: tuple[date, ...]
    work: tuple[date, ...]
    total: int | None  # 共N天 as printed


@dataclass(slots=True)
class HolidayNotice:
    """A notice's year, title, 文号 and items; ``holidays``/``workdays`` for the calendar."""

    year: int
    title: str
    doc_number: str | None
    path: str
    line: int
    items: list[HolidayItem] = field(default_factory=list)

    @property
    def holidays(self) -> set[date]:
        return {d for it in self.items for d in it.rest}

    @property
    def workdays(self) -> set[date]:
        return {d for it in self.items for d in it.work}

    @property
    def source(self) -> str:
        number = f"（{self.doc_number}）" if self.doc_number else ""
        return f"《{self.title}》{number}, " + (f"{self.path}:{self.line}" if self.line else f"stored from {self.path}")


def read_holiday_notices(text: str, path: str = "<text>") -> list[HolidayNotice]:
    """Every holiday notice in ``text`` (a notice, or a gazette issue holding one or several).

    A title with no item after it (a citation of the notice) is not a notice. Raises
    ``CalendarError`` naming ``path`` and the line of an item that cannot be read.
    """
    from gongbao.grammar.docnumber import find_doc_numbers

    lines = text.splitlines()
    notices: list[HolidayNotice] = []
    current: HolidayNotice | None = None
    item: list[str] = []  # the current item's text, its wrapped lines joined
    item_line = 0

    def close_item() -> None:
        nonlocal item
        if current is not None and item:
            current.items.append(_read_item("".join(item), current.year, path, item_line))
        item = []

    for no, raw in enumerate(lines, start=1):
        line = raw.strip().replace("\u3000", "")
        if not line:
            continue
        title = NOTICE_TITLE.search(line)
        if title and len(line) <= len(title.group(0)) + 12:  # a title line, not a citation in a sentence
            close_item()
            current = HolidayNotice(int(title.group("year")), line.strip("《》 "), None, path, no)
            notices.append(current)
            continue
        if current is None:
            continue
        if current.doc_number is None and not current.items and len(line) <= 20:
            found = find_doc_numbers(line)
            if found:
                current.doc_number = found[0][2]
                continue
        if ITEM.match(line):
            close_item()
            item, item_line = [line], no
        elif item and not _numbered(line) and (not item[-1].endswith("。") or (DAY.search(line) and _says_a_day(line))):
            item.append(line)  # a wrapped item line, or its next sentence printed on a line of its own
        else:
            close_item()
    close_item()
    return [n for n in notices if n.items]


def adjustments(text: str, path: str = "<text>") -> list[str]:
    """A note per later notice in ``text`` that changes a year's calendar (关于调整2019年劳动节假期
    安排的通知, 关于延长2020年春节假期的通知): gongbao does not read them, so it says so."""
    out = []
    for no, raw in enumerate(text.splitlines(), start=1):
        m = ADJUSTMENT_TITLE.search(raw)
        if m and len(raw.strip()) <= len(m.group(0)) + 12:
            out.append(_adjustment_note(m.group(0).strip(), f"{path}:{no}"))
    return out


def _adjustment_note(title: str, where: str) -> str:
    return (
        f"《{title}》 ({where}) changes the calendar after the yearly notice; gongbao does not read it: "
        "the days it moves are not applied"
    )


def _numbered(line: str) -> bool:
    """A numbered paragraph (三、“五一”：…, （一）…): never the rest of an item."""
    return ITEM_LINE.match(line) is not None


def _says_a_day(line: str) -> bool:
    return bool(WORK_CLAUSE.search(line) or REST_CLAUSE.search(line))


def _read_item(body: str, year: int, path: str, line: int) -> HolidayItem:
    m = ITEM.match(body)
    assert m is not None
    names, text = m.group("names"), m.group("body")
    years = [int(y) for y in _printed_years(text)]
    rest: set[date] = set()
    work: set[date] = set()
    anchor: date | None = None
    month: int | None = None
    for clause in _clauses(text):
        spans: list[tuple[date, date]] = []
        prev_end = -1
        for dm in DAY.finditer(clause):
            y = int(dm.group("y")) if dm.group("y") else None
            month = int(dm.group("m")) if dm.group("m") else month
            if month is None:
                raise CalendarError(f"{names}: a day with no month ({dm.group(0)})", path=path, where=f"line {line}")
            try:
                day = _resolve(y, month, int(dm.group("d")), year, years, anchor)
            except ValueError as e:
                raise CalendarError(f"{names}: no such day {dm.group(0)}", path=path, where=f"line {line}") from e
            anchor = anchor or day
            if spans and prev_end >= 0 and RANGE_JOIN.fullmatch(clause[prev_end : dm.start()]):
                start = spans[-1][0]
                if day < start and day.month < start.month:
                    day = day.replace(year=day.year + 1)  # 12月30日至1月1日
                if not 0 <= (day - start).days <= _MAX_SPAN:
                    raise CalendarError(f"{names}: no range {start} to {day}", path=path, where=f"line {line}")
                spans[-1] = (start, day)
            else:
                spans.append((day, day))
            prev_end = dm.end()
        days = {a + timedelta(days=i) for a, b in spans for i in range((b - a).days + 1)}
        if WORK_CLAUSE.search(clause):
            work |= days
        elif REST_CLAUSE.search(clause) and not NO_CHANGE.fullmatch(clause.strip()):
            rest |= days
    total_m = TOTAL.search(text)
    total = int(total_m.group("n")) if total_m else None
    if not rest:
        raise CalendarError(f"{names}: no rest day read in「{text[:60]}」", path=path, where=f"line {line}")
    if total is not None and total != len(rest):
        raise CalendarError(
            f"{names}: the notice says 共{total}天, {len(rest)} rest days read ({_days(rest)})",
            path=path,
            where=f"line {line}",
        )
    if rest & work:
        raise CalendarError(
            f"{names}: days read as both rest and work: {_days(rest & work)}", path=path, where=f"line {line}"
        )
    return HolidayItem(names, line, tuple(sorted(rest)), tuple(sorted(work)), total)


def _printed_years(text: str) -> list[str]:
    """The years printed with a day in ``text``."""
    return [m.group("y") for m in DAY.finditer(text) if m.group("y")]


def _resolve(y: int | None, m: int, d: int, year: int, printed: list[int], anchor: date | None) -> date:
    """The day ``m``月``d``日: its printed year; else the notice's year, or the printed year of the
    item nearest its first day (12月29日 beside 2007年12月30日至2008年1月1日 is in 2007)."""
    if y is not None:
        return date(y, m, d)
    if not printed or anchor is None:
        return date(year, m, d)
    candidates = []
    for cy in sorted(set(printed) | {year}):
        try:
            candidates.append(date(cy, m, d))
        except ValueError:
            continue
    if not candidates:
        raise ValueError(f"{m}月{d}日")
    return min(candidates, key=lambda c: abs((c - anchor).days))


def _clauses(text: str) -> list[str]:
    """``text`` cut at ，。；, never inside brackets (（农历腊月二十八，周日）)."""
    out: list[str] = []
    cur: list[str] = []
    depth = 0
    for ch in text:
        depth += (ch in "（(") - (ch in "）)")
        if ch in _CLAUSE_END and depth <= 0:
            out.append("".join(cur))
            cur, depth = [], 0
        else:
            cur.append(ch)
    out.append("".join(cur))
    return [c for c in out if c.strip()]


def _days(days: set[date]) -> str:
    return "、".join(d.isoformat() for d in sorted(days))


def stored_notices(db: str | None) -> tuple[list[HolidayNotice], list[str]]:
    """The holiday notices among the documents of the store at ``db`` (resolved like ``--db``),
    each read from its stored text and named by its issue's file, and a note per stored notice
    that changes a calendar and is not read (``adjustments``); ``StoreError`` without a store."""
    from gongbao.query.reader import open_reader, reading

    store = open_reader(db)
    try:
        with reading(store) as r:
            rows = r.rows(
                "SELECT d.title, d.doc_number, d.text, i.path FROM documents d JOIN issues i ON i.id = d.issue_id "
                "WHERE d.title LIKE :like ORDER BY d.id",
                {"like": "%节假日%安排%"},
            )
            others = r.rows(
                "SELECT d.title, i.path FROM documents d JOIN issues i ON i.id = d.issue_id "
                "WHERE d.title LIKE :a OR d.title LIKE :b ORDER BY d.id",
                {"a": "%假期%", "b": "%放假%"},
            )
    finally:
        (getattr(store, "close", None) or store.dispose)()
    out: list[HolidayNotice] = []
    for row in rows:
        title = row["title"] or ""
        if not NOTICE_TITLE.search(title):
            continue
        where = f"{row['path']} ({title})"
        for n in read_holiday_notices(f"{title}\n{row['text'] or ''}", where):
            n.doc_number = n.doc_number or row["doc_number"]
            n.title, n.path, n.line = title, str(row["path"]), 0
            out.append(n)
    notes = [
        _adjustment_note(row["title"], f"stored from {row['path']}")
        for row in others
        if row["title"] and ADJUSTMENT_TITLE.search(row["title"]) and not NOTICE_TITLE.search(row["title"])
    ]
    return out, notes
