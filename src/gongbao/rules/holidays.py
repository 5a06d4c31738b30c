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

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from gongbao.errors import CalendarError
from gongbao.grammar.holidays import (
    ADJUSTMENT_TITLE,
    DAY,
    EXTEND,
    ITEM,
    NO_CHANGE,
    NOTICE_TITLE,
    RANGE_JOIN,
    REST_CLAUSE,
    TOTAL,
    WORK_CLAUSE,
)
from gongbao.grammar.labels import ITEM_LINE

__all__ = ["HolidayItem", "HolidayNotice", "YearDays", "read_holiday_notices", "stored_notices", "year_days"]

_CLAUSE_END = "，。；,;"
#: an item as ``_read_item`` reads it: a yearly item, or a change notice's day clauses under a name
_ITEM_ANY = re.compile(r"^[^、]{1,3}、(?P<names>[^：:]{1,40})[：:](?P<body>.+)$")
_MAX_SPAN = 40  # no holiday of a notice is longer: a longer range is a misreading


@dataclass(frozen=True, slots=True)
class HolidayItem:
    """One holiday line: its names (春节, 中秋节、国庆节), line number, rest and working days; an
    extension (延长…假期至2月2日) has ``extend_to`` and no rest days of its own."""

    names: str
    line: int
    rest: tuple[date, ...]
    work: tuple[date, ...]
    total: int | None  # 共N天 as printed
    extend_to: date | None = None


@dataclass(slots=True)
class HolidayNotice:
    """A notice's year, title, 文号 and items; ``holidays``/``workdays`` for the calendar."""

    year: int
    title: str
    doc_number: str | None
    path: str
    line: int
    items: list[HolidayItem] = field(default_factory=list)
    #: ``yearly`` (the year's notice), ``adjust`` / ``extend`` (a later notice changing or
    #: extending the holiday ``changes``), ``extra`` (a day of rest for an occasion)
    kind: str = "yearly"
    changes: str | None = None

    @property
    def holidays(self) -> set[date]:
        """The rest days this notice prints (an extension's are known only with its year's notice)."""
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
            body = "".join(item)
            if current.kind == "yearly":
                current.items.append(_read_item(body, current.year, path, item_line))
            else:
                current.items.append(_read_change(body, current, path, item_line))
        item = []

    for no, raw in enumerate(lines, start=1):
        line = raw.strip().replace("\u3000", "")
        if not line:
            continue
        opened = _notice_title(line, path, no)
        if opened is not None:
            close_item()
            current = opened
            notices.append(current)
            continue
        if current is None:
            continue
        if current.doc_number is None and not current.items and len(line) <= 20:
            found = find_doc_numbers(line)
            if found:
                current.doc_number = found[0][2]
                continue
        if ITEM.match(line) if current.kind == "yearly" else _change_item(line):
            close_item()
            item, item_line = [line], no
        elif item and not _numbered(line) and (not item[-1].endswith("。") or (DAY.search(line) and _says_a_day(line))):
            item.append(line)  # a wrapped item line, or its next sentence printed on a line of its own
        else:
            close_item()
    close_item()
    kept = [n for n in notices if n.items]
    read = {_title_key(n.title) for n in kept}
    for n in notices:  # a title with nothing under it: a TOC line or a citation, unless no copy is read
        if not n.items and n.kind != "yearly" and _title_key(n.title) not in read:
            raise CalendarError(f"《{n.title}》: no day it changes could be read", path=path, where=f"line {n.line}")
    return kept


def _title_key(title: str) -> str:
    m = NOTICE_TITLE.search(title) or ADJUSTMENT_TITLE.search(title)
    return m.group(0) if m else title


def _notice_title(line: str, path: str, no: int) -> HolidayNotice | None:
    """The notice a title line opens (a title in a sentence is a citation, not a notice)."""
    m = NOTICE_TITLE.search(line)
    if m and len(line) <= len(m.group(0)) + 12:
        return HolidayNotice(int(m.group("year")), line.strip("《》 "), None, path, no)
    m = ADJUSTMENT_TITLE.search(line)
    if m and len(line) <= len(m.group(0)) + 12:
        if m.group("occasion"):
            return HolidayNotice(0, line.strip("《》 "), None, path, no, kind="extra", changes=m.group("occasion"))
        kind = "adjust" if m.group("verb") == "调整" else "extend"
        return HolidayNotice(
            int(m.group("year")), line.strip("《》 "), None, path, no, kind=kind, changes=m.group("names")
        )
    return None


def _change_item(line: str) -> bool:
    """A paragraph of a change notice that moves days (一、2019年5月1日至4日放假调休…, or the
    2015 notice's one paragraph), not 二、各地区…要…."""
    return bool(DAY.search(line)) and (_says_a_day(line) or bool(EXTEND.search(line)))


def _read_change(body: str, notice: HolidayNotice, path: str, line: int) -> HolidayItem:
    """An item of a change notice: an extension's new last day, else rest and working days as in
    a yearly item (the year: the notice's, else the first printed)."""
    text = body.split("、", 1)[1] if _numbered(body) else body
    if notice.year == 0:
        years = _printed_years(text)
        if not years:
            raise CalendarError(f"《{notice.title}》: no year printed", path=path, where=f"line {line}")
        notice.year = int(years[0])
    names = notice.changes or ""
    ext = EXTEND.search(text)
    if ext:
        dm = DAY.match(text, ext.end())
        if dm is None or not dm.group("m"):
            raise CalendarError(f"{names}: no day after 至", path=path, where=f"line {line}")
        try:
            to = _resolve(_int(dm.group("y")), int(dm.group("m")), int(dm.group("d")), notice.year, [], None)
        except ValueError as e:
            raise CalendarError(f"{names}: no such day {dm.group(0)}", path=path, where=f"line {line}") from e
        return HolidayItem(names, line, (), (), None, extend_to=to)
    return _read_item(f"一、{names or '假期'}：{text}", notice.year, path, line, names=names)


def _int(s: str | None) -> int | None:
    return int(s) if s else None


@dataclass(slots=True)
class YearDays:
    """A year's rest days and working days off the weekly rule, and the notices that made them."""

    holidays: set[date]
    workdays: set[date]
    sources: list[str]


#: the older names of two holidays (2007: “五一”, “十一”)
_SAME_HOLIDAY = {"五一": "劳动节", "十一": "国庆节"}


def year_days(notices: list[HolidayNotice]) -> tuple[dict[int, YearDays], list[HolidayNotice]]:
    """Each year with its yearly notice, its later notices applied in the order given: an
    adjustment replaces its holiday's item, an extension moves its holiday's last day (its
    make-up working days inside the new span become rest days), an occasion adds its days.
    Returns the years and the change notices whose yearly notice is not among ``notices``.
    Two yearly notices of one year that differ are refused."""
    yearly: dict[int, HolidayNotice] = {}
    for n in notices:
        if n.kind != "yearly":
            continue
        seen = yearly.setdefault(n.year, n)
        if seen is not n and (seen.holidays, seen.workdays) != (n.holidays, n.workdays):
            raise CalendarError(f"two notices for {n.year} disagree: {seen.source} and {n.source}")
    items = {y: {it.names: (set(it.rest), set(it.work)) for it in n.items} for y, n in yearly.items()}
    sources = {y: [n.source] for y, n in yearly.items()}
    orphans: list[HolidayNotice] = []
    for n in notices:
        if n.kind == "yearly":
            continue
        if n.year not in items:
            orphans.append(n)
            continue
        sources[n.year].append(n.source)
        year = items[n.year]
        if n.kind == "extra":
            year[n.title] = (n.holidays, n.workdays)
            continue
        key = next((k for k in year if _holiday_in(n.changes or "", k)), None)
        if key is None:
            raise CalendarError(f"{n.source}: the {n.year} notice has no {n.changes} to change")
        if n.kind == "adjust":
            year[key] = (n.holidays, n.workdays)
            continue
        rest, work = year[key]
        for it in n.items:
            if it.extend_to is not None and rest:
                d = max(rest)
                while d < it.extend_to:
                    d += timedelta(days=1)
                    rest.add(d)
                    work.discard(d)
    out = {}
    for y, year in items.items():
        rest = {d for r, _ in year.values() for d in r}
        work = {d for _, w in year.values() for d in w} - rest
        out[y] = YearDays(rest, work, sources[y])
    return out, orphans


def _holiday_in(name: str, names: str) -> bool:
    """Is holiday ``name`` one of an item's ``names`` (中秋节、国庆节; “五一”)?"""
    parts = [_SAME_HOLIDAY.get(p.strip("“”"), p.strip("“”")) for p in re.split("[、和]", names)]
    return name in parts


def _numbered(line: str) -> bool:
    """A numbered paragraph (三、“五一”：…, （一）…): never the rest of an item."""
    return ITEM_LINE.match(line) is not None


def _says_a_day(line: str) -> bool:
    return bool(WORK_CLAUSE.search(line) or REST_CLAUSE.search(line))


def _read_item(body: str, year: int, path: str, line: int, names: str | None = None) -> HolidayItem:
    m = _ITEM_ANY.match(body)
    assert m is not None
    names, text = names if names is not None else m.group("names"), m.group("body")
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


def stored_notices(db: str | None) -> list[HolidayNotice]:
    """The holiday notices among the documents of the store at ``db`` (resolved like ``--db``):
    yearly ones and the later ones that change a year, each read from its stored text and named
    by its issue's file, in the order of their signing; ``StoreError`` without a store."""
    from gongbao.query.reader import open_reader, reading

    store = open_reader(db)
    try:
        with reading(store) as r:
            rows = r.rows(
                "SELECT d.title, d.doc_number, d.text, d.signed_date, i.path FROM documents d "
                "JOIN issues i ON i.id = d.issue_id WHERE d.title LIKE :a OR d.title LIKE :b OR d.title LIKE :c "
                "ORDER BY d.signed_date, d.id",
                {"a": "%节假日%安排%", "b": "%假期%", "c": "%调休放假%"},
            )
    finally:
        (getattr(store, "close", None) or store.dispose)()
    out: list[HolidayNotice] = []
    for row in rows:
        title = row["title"] or ""
        if not (NOTICE_TITLE.search(title) or ADJUSTMENT_TITLE.search(title)):
            continue
        for n in read_holiday_notices(f"{title}\n{row['text'] or ''}", str(row["path"])):
            n.doc_number = n.doc_number or row["doc_number"]
            n.title, n.line = title, 0
            out.append(n)
    return out
