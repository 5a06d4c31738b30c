"""Who held a post on a date, over city gazettes' 人事任免 sections (南通 2021–2025, 漳州 2019–2026,
泉州 2018): the records and answers of tests/data/people/cities/cities-posts.truth.json, written by
reading the real texts before gongbao ran on them (locators in tests/data/people/cities/README.md)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from tests.people_truth import assert_holders, assert_posts_of, assert_same_in_either_order, both_orders

from gongbao.pipeline import parse_path
from gongbao.query.people import find_people

DATA = Path(__file__).parent / "data" / "people" / "cities"
TRUTH = json.loads((DATA / "cities-posts.truth.json").read_text(encoding="utf-8"))
ISSUES = sorted(DATA.glob("*.txt"))
ALIASES = {t["post_printed"]: t["post"] for t in TRUTH["records"]}


def _canon(post: str) -> str:
    return ALIASES.get(post, post)


@pytest.fixture(scope="module")
def parsed():
    return {p.stem: parse_path(p) for p in ISSUES}


@pytest.mark.parametrize("issue", [p.stem for p in ISSUES])
def test_every_record_of_an_issue(parsed, issue: str) -> None:
    """Each action of the issue in printed order: person, post (the body carried to 常委/书记, the region
    to 市公安局局长, 代理 moved to the title), action (an election appoints), date, and how (notes)."""
    want = [t for t in TRUTH["records"] if t["issue"] == issue]
    got = parsed[issue].appointments
    assert [(a.action, a.person, a.date.isoformat() if a.date else None) for a in got] == [
        ("appoint" if t["action"] == "elect" else t["action"], t["person"], t["date"]) for t in want
    ]
    for a, t in zip(got, want, strict=True):
        assert a.post in (t["post_printed"], t["post"]), (a.person, a.post)
        notes = (a.note or "").split("；")
        assert ("代理" in notes) is bool(t.get("acting")), (a.person, a.post, a.note)
        assert ("辞职" in notes) is ("辞职" in t.get("note", "")), (a.person, a.note)
        assert ("选举" in notes) is (t["action"] == "elect"), (a.person, a.note)
        assert ("兼任" in notes) is (t.get("note") == "兼任"), (a.person, a.note)
    assert not [w for w in parsed[issue].warnings if w.code == "appointments_unread"]


def test_a_nomination_is_no_appointment(parsed) -> None:
    """石振棋 …，提名为漳州市芗城区人民政府区长候选人: he takes the 区委 post, the 区长 post is only proposed."""
    for no in TRUTH["no_records"]:
        got = [a for a in parsed[no["issue"]].appointments if a.person == no["person"]]
        assert got and all("区长" not in a.post for a in got), got


def test_the_forms_read(parsed) -> None:
    """当选 without 为, a vote's manner before 选举 (大会以无记名投票方式选举…), 通过X为Y, 等15位, 免去X同志Y职务
    (no 的), 被任命为 / 被免去, X同志任Y, X兼任Y after the person's present post, 不再担任 with posts of
    several bodies, 代理…市长职务 after 副市长、, a reason before the meeting (因工作岗位变动，会议决定免去…)."""
    recs = {(a.person, a.post, a.action): a for i in parsed.values() for a in i.appointments}
    assert recs[("恽爱民", "南通市人民检察院检察长", "appoint")].note.endswith(
        "须报经省人民检察院检察长提请省人大常委会批准；选举"
    )
    assert recs[("陈俊", "南通市第十五届人民代表大会财政经济委员会主任委员", "appoint")].note is None
    assert ("徐新民", "南通市人民政府副市长", "remove") in recs
    assert ("陆卫东", "南通市人民政府副市长", "appoint") in recs
    assert ("单晓明", "南通市人民政府副市长", "remove") in recs
    assert ("卢炳椿", "泉州市公安局局长", "remove") in recs
    assert recs[("王进足", "漳州市人民政府代理市长", "appoint")].note == "代理"
    assert ("蓝良木", "漳州市应急管理局局长", "remove") in recs
    assert ("卢力", "中共漳州市委古雷港经济开发区工作委员会副书记", "remove") in recs
    assert recs[("侯为东", "漳州古雷港经济开发区管委会主任", "appoint")].note == "兼任"


@pytest.fixture
def stores(store_url, tmp_path):
    """The issues stored in date order (on each backend) and in reverse order (SQLite)."""
    yield from both_orders(store_url, tmp_path, ISSUES)


def test_the_store_is_the_same_in_either_order(stores) -> None:
    assert_same_in_either_order(stores, len(TRUTH["records"]))


def _holders(recs, q):
    _, holders = find_people(recs, post=q["post"], as_of=date.fromisoformat(q["date"]))
    assert holders is not None
    return sorted({h.person for h in holders if _canon(h.post) == q["post"]})


@pytest.mark.parametrize("q", TRUTH["who_holds"], ids=lambda q: f"{q['post'][-6:]}@{q['date']}")
def test_who_holds_a_post_on_a_date(stores, q) -> None:
    """Before and after each change: a holder known only from a later removal (单晓明, 吴新明, 卢力) is
    there; an acting head (张彤, 王进足, 孙晋琪) holds the post; a nominee (石振棋 for 区长) does not;
    漳州市政府副市长 is 漳州市人民政府副市长; a member who resigned (曹金海) is gone."""
    assert_holders(stores, q, _holders)


@pytest.mark.parametrize("q", TRUTH["posts_of"], ids=lambda q: f"{q['person']}@{q['date']}")
def test_which_posts_a_person_holds(stores, q) -> None:
    """石振棋 moves from 区委副书记 (2019, nominated for 区长) to 副市长 (2026); 侯为东 holds 副市长 and, 兼任,
    three 古雷 posts; 卢炳椿 none after his removal; 孙晋琪 four posts of one court."""
    assert_posts_of(stores, q, _canon)


def test_a_signature_over_the_next_title(parsed) -> None:
    """南通市人民代表大会常务委员会 / 2021年10月9日 (the signature of a decision) right above
    南通市人民代表大会常务委员会任免名单 on the same page: the list starts at its own title."""
    titles = [d.title for d in parsed["nantong-2021-06"].documents]
    assert titles == [
        "南通市人民代表大会常务委员会关于接受曹金海同志辞去南通市人大常委会委员职务的决定",
        "南通市人民代表大会常务委员会任免名单",
    ]
