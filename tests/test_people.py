"""The post-holder ledger (issue #7): appointment notices of the sample and a made-up sequence."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from gongbao import model
from gongbao.cli import main
from gongbao.query.people import (
    appointments_from_store,
    filter_records,
    holders_as_of,
    people_csv,
    post_ledger,
    post_matches,
    probation_end,
)

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "liaocheng-2024-11-12.txt"


@pytest.fixture(scope="module")
def records(sample_issue):
    return post_ledger(sample_issue.appointments, sample_issue.documents)


def test_all_actions_dated_by_their_notice(records) -> None:
    assert len(records) == 36
    by_doc = {r.doc_number: r.date for r in records}
    assert by_doc == {"聊政任〔2024〕16号": date(2024, 11, 22), "聊政任〔2024〕17号": date(2024, 12, 31)}
    assert [r.action for r in records].count("lapse") == 1


def test_probation_end(records) -> None:
    (r,) = filter_records(records, person="宋杰")
    assert r.probation_years == 1 and r.probation_end == date(2025, 12, 30)
    (r,) = filter_records(records, person="赵志新")
    assert r.probation_end == date(2025, 11, 21)
    assert probation_end(date(2024, 2, 29), 1) == date(2025, 2, 27)
    assert probation_end(date(2024, 2, 29), None) is None


@pytest.mark.parametrize(
    ("query", "post", "expected"),
    [
        ("市发改委副主任", "聊城市发展和改革委员会副主任", True),
        ("市发展改革委", "聊城市发展和改革委员会副主任", True),
        ("发展和改革委员会", "聊城市发展和改革委员会副主任", True),
        ("市发改委主任", "聊城市发展和改革委员会副主任", False),
        ("市统计局副局长", "聊城市发展和改革委员会副主任", False),
        ("省长", "湖北省副省长", False),  # not the end of a deputy's title
        ("省长", "湖北省代理省长", True),
        ("湖北省人民政府省长", "湖北省人民政府代省长", True),
        ("湖北省人民代表大会常务委员会主任", "湖北省十四届人大常委会主任", True),
        ("湖北省人大常委会主任", "湖北省十四届人大常委会副主任", False),
    ],
)
def test_post_matches(query: str, post: str, expected: bool) -> None:
    assert post_matches(query, post) is expected


def test_holders_as_of(records) -> None:
    ndrc = filter_records(records, post="市发展改革委副主任")
    assert [(r.action, r.person) for r in ndrc] == [("appoint", "张娅"), ("appoint", "邵保龙"), ("remove", "范爱军")]
    before = holders_as_of(ndrc, date(2024, 11, 21))
    # before the first notice only its removal speaks: 范爱军 held the post until 2024-11-22, since unknown
    assert [(h.person, h.since, h.until) for h in before] == [("范爱军", None, date(2024, 11, 22))]
    assert holders_as_of(ndrc, date(2024, 11, 22))[0].until is None  # from its day on, the notice is known
    after = holders_as_of(ndrc, date(2024, 12, 1))
    assert sorted(h.person for h in after) == ["张娅", "邵保龙"]
    # 申磊 moved from one post to another by the same notice.
    held = {(h.person, h.post) for h in holders_as_of(records, date(2024, 12, 31))}
    assert ("申磊", "聊城江北水城旅游度假区管理委员会副主任") in held
    assert not any(p == "申磊" and "市场监督管理局" in post for p, post in held)
    # A lapsed post (职务自然免除) is not held.
    assert not any(p == "蔡磊" and post.endswith("总督学") for p, post in held)


def test_a_later_notice_ends_a_holding() -> None:
    appts = [
        model.Appointment("某政任〔2023〕3号", "appoint", "甲某", "某市发展和改革委员会主任", 1, date=date(2023, 3, 1)),
        model.Appointment("某政任〔2024〕9号", "remove", "甲某", "某市发展改革委主任", date=date(2024, 6, 1)),
        model.Appointment("某政任〔2024〕9号", "appoint", "乙某", "某市发展改革委主任", date=date(2024, 6, 1)),
    ]
    recs = post_ledger(appts)
    assert [h.person for h in holders_as_of(recs, date(2024, 1, 1))] == ["甲某"]
    assert holders_as_of(recs, date(2024, 1, 1))[0].on_probation
    assert not holders_as_of(recs, date(2024, 3, 1))[0].on_probation
    assert [h.person for h in holders_as_of(recs, date(2024, 6, 1))] == ["乙某"]


def test_csv(records) -> None:
    text = people_csv(records)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:], newline="")))
    assert rows[0][:4] == ["date", "doc_number", "action", "person"]
    assert len(rows) == 37
    # A post with brackets and commas inside stays one field.
    assert any(row[4].startswith("聊城市疾病预防控制中心副主任（") for row in rows)


def test_cli(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        main(["people", str(SAMPLE), "--post", "市发展和改革委员会副主任", "--as-of", "2024-12-31", "--format", "json"])
    assert e.value.code == 0
    obj = json.loads(capsys.readouterr().out)
    assert obj["schema"] == "gongbao.people/1"
    assert sorted(h["person"] for h in obj["holders"]) == ["张娅", "邵保龙"]


def test_store(sample_issue, store_url) -> None:
    from gongbao.store import ingest_issue, open_store

    engine = open_store(store_url)
    ingest_issue(engine, sample_issue)
    appts = appointments_from_store(engine)
    engine.dispose()
    assert len(appts) == 36
    assert {a.date for a in appts} == {date(2024, 11, 22), date(2024, 12, 31)}
