"""Chronicles (大事记): entries dated by the day under a month's heading, 同日 / 是日 / △ for
another event of the same day, ranges (14日至16日) and parts of a month (上旬), days in Chinese
numerals (一日), bulleted entries with their own date (△5月20日至21日， / △省府于5月5日…); real
chronicles under tests/data/chronicle/ (README there) parsed whole against their truth; an entry
that cannot be dated is warned, never glued to the day before."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from gongbao.extract.chronicle import chronicle_month, extract_events
from gongbao.pipeline import parse_path, parse_text

DATA = Path(__file__).parent / "data" / "chronicle"


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.truth.json")))
def test_real_chronicle_events(name: str) -> None:
    truth = json.loads((DATA / name).read_text(encoding="utf-8"))
    issue = parse_path(DATA / name.replace(".truth.json", ".txt"))
    got = [(e.date.isoformat(), e.end.isoformat() if e.end else None, e.same_day) for e in issue.events]
    assert got == [(w["date"], w["end"], w["same_day"]) for w in truth["events"]]
    for e, w in zip(issue.events, truth["events"], strict=True):
        assert e.text.startswith(w["starts_with"]), e.text[:40]
        assert e.span is not None and e.text[:10] in issue.source[e.span.start : e.span.end]
    for e in issue.events:  # no running head, page number or byline inside an event
        assert not any(x in e.text for x in ("公报", "政报", "— ", "（文秀）")), e.text
    for w in issue.warnings:
        assert not w.code.startswith("chronicle"), w
    for printed, words in truth.get("contains", {}).items():
        whole = next(e for e, t in zip(issue.events, truth["events"], strict=True) if t["printed"] == printed)
        assert all(x in whole.text for x in words), whole.text


def test_the_blind_issue_section_under_its_toc() -> None:
    """The same chronicle inside a whole issue (its title listed in the TOC) reads the same."""
    text = (DATA / "guangdong-2020-06.txt").read_text(encoding="utf-8")
    issue = parse_text(
        "广东省人民政府公报\n2024年第35期\n\n目　　录\n\n大事记\n　广东省人民政府2020年6月大事记……12\n\n" + text
    )
    assert [(e.date.day, e.end.day if e.end else None, e.same_day) for e in issue.events] == [
        (14, 16, False),
        (16, None, False),
        (17, None, False),
        (17, None, True),
        (17, None, True),
    ]


def test_month_from_a_title_without_brackets() -> None:
    assert chronicle_month("广东省人民政府2020年6月大事记") == (2020, 6)
    assert chronicle_month("国务院2009年9月大事记") == (2009, 9)
    assert chronicle_month("聊城市人民政府大事记（2024年11月）") == (2024, 11)
    assert chronicle_month("某市人民政府大事记（2024年）") == (2024, None)
    assert chronicle_month("大事记") is None
    assert chronicle_month("大事记", year=2024) == (2024, None)
    # a month after the issue's is of the year before (12月大事记 in a January issue)
    assert chronicle_month("12月大事记", issued=date(2025, 1, 15)) == (2024, 12)
    assert chronicle_month("6月大事记", issued=date(2024, 7, 15)) == (2024, 6)


def test_same_day_ranges_and_parts_of_a_month() -> None:
    events = extract_events(
        [
            "14日至16日，甲代表团考察。",
            "同日，乙会议召开。",
            "17日，丙活动。",
            "是日，丁座谈会。",
            "△戊调研。",
            "20—22日，己会议。",
            "6月30日至7月2日，庚论坛。",
            "下旬，辛检查。",
        ],
        2020,
        6,
    )
    got = [(e.date.isoformat(), e.end.isoformat() if e.end else None, e.same_day, e.text) for e in events]
    assert got == [
        ("2020-06-14", "2020-06-16", False, "甲代表团考察。"),
        ("2020-06-14", None, True, "乙会议召开。"),
        ("2020-06-17", None, False, "丙活动。"),
        ("2020-06-17", None, True, "丁座谈会。"),
        ("2020-06-17", None, True, "戊调研。"),
        ("2020-06-20", "2020-06-22", False, "己会议。"),
        ("2020-06-30", "2020-07-02", False, "庚论坛。"),
        ("2020-06-21", "2020-06-30", False, "辛检查。"),
    ]
    assert not any(e.text.startswith("至") for e in events)


def test_month_headings_and_a_range_over_the_new_year() -> None:
    events = extract_events(["2020年6月", "14日，甲。", "7月", "1日，乙。", "12月30日至1月2日，丙。"], 2019, None)
    got = [(e.date.isoformat(), e.end.isoformat() if e.end else None) for e in events]
    assert got == [("2020-06-14", None), ("2020-07-01", None), ("2020-12-30", "2021-01-02")]


def test_a_chronicle_title_under_the_section_name_gives_the_month() -> None:
    events = extract_events(["广东省人民政府2020年6月大事记", "14日，甲。", "同日，乙。"], 2024, None)
    assert [(e.date.isoformat(), e.same_day) for e in events] == [("2020-06-14", False), ("2020-06-14", True)]


@pytest.mark.parametrize(
    "paragraphs",
    [
        ["13月5日，甲。", "上旬，乙。", "5日，丙。"],
        ["同日，无前一日。", "至16日，甲。", "31日，乙。"],
        ["2月30日，甲。", "16日至14日，乙。", "99日，丙。", "（2020年13月）"],
        ["", "日，", "△", "上旬，", "同日，"],
    ],
)
def test_never_raises_on_odd_text(paragraphs: list[str]) -> None:
    for month in (None, 2, 6):
        extract_events(paragraphs, 2020, month)


def test_chinese_numeral_days_and_times_of_day() -> None:
    events = extract_events(
        ["一日 甲会见乙。", "△丙会议召开。", "二十一日，丁。", "一日三餐的保障。", "2日下午，戊。", "9日晚，己。"],
        2011,
        6,
    )
    got = [(e.date.day, e.same_day, e.text) for e in events]
    assert got == [
        (1, False, "甲会见乙。"),
        (1, True, "丙会议召开。"),
        (21, False, "丁。一日三餐的保障。"),  # 一日三餐: a word, the entry goes on
        (2, False, "戊。"),
        (9, False, "己。"),
    ]


def test_bulleted_entries_with_their_own_date() -> None:
    events = extract_events(
        ["△省府于5月5日下午召开甲会议。", "△5月20日至21日，乙会议。", "●丙会议。", "（文秀）"], 1997, None
    )
    got = [(e.date.isoformat(), e.end.isoformat() if e.end else None, e.same_day, e.text) for e in events]
    assert got == [
        ("1997-05-05", None, False, "省府于5月5日下午召开甲会议。"),
        ("1997-05-20", "1997-05-21", False, "乙会议。"),
        ("1997-05-20", None, True, "丙会议。"),
    ]


def test_a_range_from_the_month_before_keeps_the_heading_month() -> None:
    events = extract_events(
        ["4月", "3月31日至4月1日，甲。", "1日，乙。", "3月31日至4月2日，丙。", "3日，丁。"], 1994, None
    )
    assert [e.date.isoformat() for e in events] == ["1994-03-31", "1994-04-01", "1994-03-31", "1994-04-03"]


def test_an_entry_that_cannot_be_dated_is_said_not_glued() -> None:
    unread: list[int] = []
    events = extract_events(["专业会议", "1日，甲。", "同日，乙。", "△丙。"], 2024, None, unread=unread)
    assert events == [] and unread == [1, 2, 3]  # no month known: a day alone dates nothing
    unread = []
    events = extract_events(["5日，甲。", "31日，乙。", "丙。"], 2024, 6, unread=unread)
    assert [(e.date.day, e.text) for e in events] == [(5, "甲。丙。")] and unread == [1]  # 6月31日


def test_an_undated_chronicle_is_warned_in_the_issue() -> None:
    text = "某市人民政府公报\n\n大事记\n\n　　1日，市政府召开常务会议。\n　　同日，副市长甲调研。\n"
    issue = parse_text(text)
    codes = [w.code for w in issue.warnings]
    assert issue.events == [] and any(c.startswith("chronicle") for c in codes), (codes, issue.documents)


def test_a_part_of_a_years_chronicle_is_a_chronicle() -> None:
    from gongbao.extract.metadata import kind_from_title

    assert kind_from_title("1993年政务大事记（二）") == "大事记"
    assert chronicle_month("1993年政务大事记（二）") == (1993, None)


def test_whole_month_parts_of_a_named_month_and_bracketed_dates() -> None:
    events = extract_events(
        ["本月，甲检查。", "7月上旬，乙调研。", "5日，丙。", "（7月12日）丁会议召开。", "（文秀）", "戊。"], 2020, 6
    )
    got = [(e.date.isoformat(), e.end.isoformat() if e.end else None, e.text) for e in events]
    assert got == [
        ("2020-06-01", "2020-06-30", "甲检查。"),
        ("2020-07-01", "2020-07-10", "乙调研。"),
        ("2020-07-05", None, "丙。"),
        ("2020-07-12", None, "丁会议召开。戊。"),
    ]


def test_events_command_reads_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    from gongbao.cli import main

    with pytest.raises(SystemExit) as e:
        main(["events", str(DATA / "jieyang-1994-04.txt"), "--from", "1994-04-01", "--to", "1994-04-03", "-f", "json"])
    assert e.value.code == 0
    obj = json.loads(capsys.readouterr().out)
    assert obj["schema"] == "gongbao.events/1"
    # the two ranges from 31 March reach into April; sorted by date
    assert [(x["date"], x["end"]) for x in obj["events"]] == [
        ("1994-03-31", "1994-04-01"),
        ("1994-03-31", "1994-04-02"),
        ("1994-04-01", None),
        ("1994-04-03", None),
    ]


def test_events_from_the_store(store_url: str) -> None:
    from gongbao.query.events import find_events, rows_from_store
    from gongbao.store import ingest_issue, open_store

    engine = open_store(store_url)
    ingest_issue(engine, parse_path(DATA / "shandong-2011-06.txt"))
    rows = find_events(rows_from_store(engine), words="才利民")
    engine.dispose()
    assert [(r.date.day, r.same_day) for r in rows] == [(1, False), (1, True), (2, True), (2, True)]


def test_the_structure_tree_has_an_entry_per_event() -> None:
    """The document's tree (entry_N nodes) follows the same forms as the events: 一日 / △ / 2日下午， /
    3月31日至4月1日，."""
    from gongbao.structure import parse_structure

    for name, kind in (("shandong-2011-06", "大事记"), ("jieyang-1993-04", "大事记"), ("jieyang-1994-04", "大事记")):
        issue = parse_path(DATA / f"{name}.txt")
        truth = json.loads((DATA / f"{name}.truth.json").read_text(encoding="utf-8"))
        root = parse_structure(issue.documents[0].text, kind=kind)
        entries = [n for n in root.walk() if n.kind == "entry"]
        assert [n.number for n in entries] == [int(w["date"][8:]) for w in truth["events"]], name
