"""Who held a post on a date, over nine issues of one government (湖北省人大常委会公报, 2010–2025):
the records and the answers of tests/data/people/hubei/hubei-posts.truth.json, written by reading the
real texts before gongbao ran on them (locators in tests/data/people/hubei/README.md)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from tests.people_truth import (
    assert_holders,
    assert_posts_of,
    assert_same_in_either_order,
    both_orders,
    records,
    store_issues,
)

from gongbao.pipeline import parse_path
from gongbao.query.people import find_people, post_ledger

DATA = Path(__file__).parent / "data" / "people" / "hubei"
TRUTH = json.loads((DATA / "hubei-posts.truth.json").read_text(encoding="utf-8"))
ISSUES = sorted(DATA.glob("hubei-*.txt"))
ALIASES = {v: k for k, vs in TRUTH["posts"].items() for v in vs}


def _canon(post: str) -> str:
    return ALIASES.get(post, post)


@pytest.fixture(scope="module")
def parsed():
    return {p.stem: parse_path(p) for p in ISSUES}


@pytest.mark.parametrize("issue", [p.stem for p in ISSUES])
def test_every_record_of_an_issue(parsed, issue: str) -> None:
    """Each action of the issue, in printed order: person, post as printed (the body carried to 代理省长,
    省应急管理厅厅长 under 湖北省), action (an election appoints), date, and the notes that say how."""
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
    assert not [w for w in parsed[issue].warnings if w.code == "appointments_unread"]


def test_the_forms_read(parsed) -> None:
    """The clause forms of this government's texts, each once: a reason before 辞去 (因工作变动), 辞去…职务
    without 的请求, the meeting named before the verb, numbered clauses (一、决定任命…), X任…代省长,
    决定其为代理省长 (其: the person just appointed), X当选为Y, and an approval note after a post."""
    recs = {(a.person, a.post): a for i in parsed.values() for a in i.appointments if a.action == "appoint"}
    recs |= {(a.person, a.post): a for i in parsed.values() for a in i.appointments if a.action == "remove"}
    assert recs[("李鸿忠", "湖北省省长")].note == "辞职；因工作变动"
    assert recs[("段轮一", "湖北省副省长")].action == "remove"
    assert recs[("王立", "湖北省人民政府副省长")].date == date(2021, 12, 29)
    assert recs[("王晓东", "湖北省人民政府代省长")].note == "代理"
    assert recs[("李殿勋", "湖北省代理省长")].note == "代理"
    assert recs[("王国生", "湖北省代理省长")].note == "代理"
    elected = [a for a in parsed["hubei-2023-01"].appointments if a.person == "王忠林"]
    assert [(a.post, a.note) for a in elected] == [("湖北省省长", "选举")]
    assert recs[("王守安", "湖北省人民检察院检察长")].note.startswith("根据地方组织法规定，须报经")
    assert ("其为", "省长") not in recs


@pytest.fixture
def stores(store_url, tmp_path):
    """The nine issues stored in date order (on each backend) and in reverse order (SQLite)."""
    yield from both_orders(store_url, tmp_path, ISSUES)


def test_the_store_is_the_same_in_either_order(stores) -> None:
    assert_same_in_either_order(stores, len(TRUTH["records"]))


def _holders(records, q):
    _, holders = find_people(records, post=q["post"], as_of=date.fromisoformat(q["date"]))
    assert holders is not None
    return sorted({h.person for h in holders if _canon(h.post) == q["post"] or q["post"] in h.post})


@pytest.mark.parametrize("q", TRUTH["who_holds"], ids=lambda q: f"{q['post'][-6:]}@{q['date']}")
def test_who_holds_a_post_on_a_date(stores, q) -> None:
    """Before, between and after the changes: acting holders (代理省长, 代省长) hold the post; a vacancy
    (王国生 resigned 2016-07-28, 王晓东 acting from 09-14) is empty; a holder known only from a later
    removal (郭唐寅, 李鸿忠) is there with no start; the 副省长 elected 省长 is no longer 副省长."""
    assert_holders(stores, q, _holders)


@pytest.mark.parametrize("q", TRUTH["posts_of"], ids=lambda q: f"{q['person']}@{q['date']}")
def test_which_posts_a_person_holds(stores, q) -> None:
    """王忠林 on 2021-06-01 holds two posts (副省长, 代理省长); on 2024-01-01 one (elected 省长); none after
    his resignation; 王国生 none after resigning as 省长 (his 副省长 ended when he headed the government)."""
    assert_posts_of(stores, q, _canon)


def test_acting_and_start_unknown_are_said(stores) -> None:
    recs = records(stores[0])
    _, held = find_people(recs, post="湖北省人民政府省长", as_of=date(2021, 6, 1))
    assert held is not None and [(h.person, h.acting) for h in held] == [("王忠林", True)]
    _, held = find_people(recs, post="湖北省应急管理厅厅长", as_of=date(2019, 5, 1))
    assert held is not None and [(h.person, h.since, h.until) for h in held] == [("郭唐寅", None, date(2019, 5, 29))]


@pytest.mark.xfail(
    strict=True,
    reason="a new term's election names the whole slate; 王立 (副省长 from 2021-12-29, "
    "not re-elected on 2023-01-17) is not ended by it",
)
def test_a_new_terms_slate_ends_the_old_terms_posts(parsed) -> None:
    records = post_ledger([a for i in parsed.values() for a in i.appointments])
    _, held = find_people(records, post="湖北省人民政府副省长", as_of=date(2023, 6, 1))
    assert held is not None and "王立" not in {h.person for h in held}


def test_records_an_older_gongbao_stored_are_read_again(store_url) -> None:
    """A store whose appointment records another version of gongbao read (here: the 27 records
    main missed before these clause forms, gone, and one wrong one added) is read again before
    a people question answers, and `check` says so until then; the answer is the truth's."""
    import sqlalchemy as sa

    from gongbao.store.check import check_store, repair_store
    from gongbao.store.records import NAME
    from gongbao.store.schema import appointments, derived

    engine = store_issues(store_url, ISSUES)
    want = [r.to_json() for r in records(engine)]
    with engine.begin() as conn:
        conn.execute(appointments.delete().where(appointments.c.id % 3 == 0))
        conn.execute(appointments.update().where(appointments.c.id == 1).values(person="其为"))
        conn.execute(sa.update(derived).where(derived.c.name == NAME).values(fingerprint="an older gongbao"))
    assert any("appointments and events" in p for p in check_store(engine).problems)
    assert [r.to_json() for r in records(engine)] == want
    assert check_store(engine).ok
    with engine.begin() as conn:
        conn.execute(appointments.delete())
        conn.execute(sa.delete(derived).where(derived.c.name == NAME))  # a store made before the fingerprint
    assert repair_store(engine)["record_issues"] == len(ISSUES)
    assert [r.to_json() for r in records(engine)] == want
    engine.dispose()
