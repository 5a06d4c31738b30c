"""Chronicles (大事记): entries dated by the day under a month's heading, 同日 / 是日 / △ for
another event of the same day, ranges (14日至16日) and parts of a month (上旬); real chronicles
under tests/data/chronicle/ (README there) parsed whole against their truth."""

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
