"""Provincial people's congress standing committee gazettes (a blind check, session 8): city
regulations approved by the province's standing committee, each printed with its history line
(…市…会议通过　…省…会议批准) and, for one, the city standing committee's 公告 above its title; a
任免名单 with a 接受： list; a PDF text layer whose history lines wrap (one cuts 批准 in two).

The values asserted are the helper's truth, written by reading before gongbao ran
(``tests/data/gazettes/*-approval-*.blind.json``; texts and locators in the README there)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from conftest import lost_and_doubled
from gongbao.pipeline import parse_path

DATA = Path(__file__).parent / "data" / "gazettes"
ZHEJIANG = DATA / "zhejiang-npc-2017-approval-layout.txt"
ZHEJIANG_TRUTH = json.loads((DATA / "zhejiang-npc-2017-approval-layout.blind.json").read_text(encoding="utf-8"))
SHANDONG = DATA / "shandong-npc-2007-approval-pdf-layout.txt"
SHANDONG_TRUTH = json.loads((DATA / "shandong-npc-2007-approval-pdf-layout.blind.json").read_text(encoding="utf-8"))

_ACTIONS = {"appoint": "appoint", "remove": "remove"}


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


@pytest.mark.parametrize(("path", "truth"), [(ZHEJIANG, ZHEJIANG_TRUTH), (SHANDONG, SHANDONG_TRUTH)])
def test_masthead_toc_and_documents(path: Path, truth: dict) -> None:
    issue = parse_path(path)
    assert lost_and_doubled(issue) == (0, 0)
    m, want = issue.masthead, truth["masthead"]
    assert (m.gazette, m.year, m.issue_numbers, m.cumulative, _iso(m.date)) == (
        want["gazette"],
        want["year"],
        [want["issue"]],
        [want["cumulative"]],
        want["date"],
    )
    assert [(t.section, t.title, t.page) for t in issue.toc] == [
        (t["section"], t["title"], t["page"]) for t in truth["toc"]
    ]
    docs = truth["documents"]
    assert [d.title for d in issue.documents] == [w["title"] for w in docs]
    assert [d.doc_number for d in issue.documents] == [w["doc_number"] for w in docs]
    for d, w in zip(issue.documents, docs, strict=True):
        assert issue.toc[d.toc_index].page == w["toc_page"], d.title
        assert d.text.rstrip().endswith(w["ends_with"]), d.title


@pytest.mark.parametrize(("path", "truth"), [(ZHEJIANG, ZHEJIANG_TRUTH), (SHANDONG, SHANDONG_TRUTH)])
def test_approved_regulations_issuer_passed_and_approved_by_whom(path: Path, truth: dict) -> None:
    # the city's standing committee passed it, the province's approved it: the approving body is
    # a step of its history, never its issuer
    issue = parse_path(path)
    regs = [w for w in truth["documents"] if "approved" in w]
    assert len(regs) == 2
    for w in regs:
        (d,) = [d for d in issue.documents if d.title == w["title"]]
        assert d.issuers == w["issuers"], d.title
        assert (_iso(d.passed_date), _iso(d.approved_date)) == (w["passed"]["date"], w["approved"]["date"])
        assert [(e.event, _iso(e.date), e.actor) for e in d.history] == [
            ("通过", w["passed"]["date"], w["passed"]["by"]),
            ("批准", w["approved"]["date"], w["approved"]["by"]),
        ]
        assert _iso(d.effective_date) == w["effective"]
        assert d.published_date is None  # none is printed (the 公告 says 现予公布 without a date)


def test_zhejiang_announcement_above_the_title_the_history_is_still_read() -> None:
    # 杭州市第十二届人民代表大会常务委员会公告 / 第82号 / 2016年12月29日…审议通过的《X》，已经…批准，
    # 现予公布… / X / （…通过　…批准）: the dated announcement sentence is no history line, and the
    # announcing body's term (第十二届) is when, not which body
    issue = parse_path(ZHEJIANG)
    d, w = issue.documents[0], ZHEJIANG_TRUTH["documents"][0]
    assert d.issuer == "杭州市人民代表大会常务委员会" and len(d.history) == 2
    # (本条例自2017年5月1日起施行。…《X》同时废止: the repeal takes effect with the regulation)
    assert [(r.title, _iso(r.effective or d.effective_date)) for r in d.repeals] == [
        (x["title"], x["effective"]) for x in w["repeals"]
    ]
    assert [c.title for c in d.cites] == w["cites"]
    assert (d.counts["chapters"], d.counts["articles"]) == (w["chapters"], w["articles"])
    assert w["joined_paragraph"] in d.text  # cut by the p3/p4 page break mid-sentence


def test_zhejiang_appointment_list_with_accepted_resignations() -> None:
    issue = parse_path(ZHEJIANG)
    (lst,) = [d for d in issue.documents if d.kind == "任免"]
    assert lst.issuer == "浙江省人民代表大会常务委员会" and _iso(lst.signed_date) == "2016-01-22"
    assert lst.recipients == []  # 任命： is a mode line, not an addressee
    got = [(a.person, a.action, a.post, _iso(a.date)) for a in issue.appointments]
    want = [
        (a["person"], a["action"].split(" ")[0], "浙江" + a["post"].split(" ")[0], a["date"])
        for a in ZHEJIANG_TRUTH["appointments"]
    ]
    assert got == want
    resigned = [a for a in issue.appointments if a.note]
    assert [a.person for a in resigned] == ["宋光宝", "楼小东", "俞仲达"]
    assert all(a.note == "辞职；因任职年龄到限" for a in resigned)
    assert not [w for w in issue.warnings if w.code == "appointments_unread"]
    assert [w.code for w in issue.warnings] == ["numbering_gap"]  # the helper's abridgement of 大运河条例


def test_shandong_history_wrapped_over_three_lines_makes_a_local_regulation() -> None:
    # (2007年1月18日…第二十八次会议 / 通过, 2007年3月21日…第二十六次会议批 / 准): the title is a
    # regulation printed with its history, as its neighbour with a two-line history is
    issue = parse_path(SHANDONG)
    assert [d.kind for d in issue.documents[:2]] == ["地方性法规", "地方性法规"]
    assert not issue.warnings
    record = issue.documents[2]
    assert record.issuer in (None, "山东省人民代表大会常务委员会") and not issue.appointments
    assert not record.repeals and not record.amends


def test_stored_status_repeal_and_holders(tmp_path) -> None:
    from gongbao.query.people import holders_as_of, post_ledger
    from gongbao.query.status import status
    from gongbao.store import ingest_issue, open_store

    engine = open_store(f"sqlite:///{tmp_path / 'npc.db'}")
    zj, sd = parse_path(ZHEJIANG), parse_path(SHANDONG)
    ingest_issue(engine, zj)
    ingest_issue(engine, sd)
    for want in ZHEJIANG_TRUTH["status_expectations"]:
        st = status(engine, want["ref"], date.fromisoformat(want["as_of"]))
        state = {"not": "not_yet_in_force", "in": "in_force", "repealed": "repealed"}[want["expected"].split(" ")[0]]
        assert st.state == state, want
    gone = status(engine, "杭州大江东产业集聚区管理办法", date(2017, 6, 1))
    assert gone.repealed_since == date(2017, 5, 1)
    # a regulation whose 施行 article is not printed is not in force before it was made (approved)
    jinan = SHANDONG_TRUTH["documents"][0]
    assert status(engine, jinan["title"], date(2006, 1, 1)).state == "not_yet_in_force"
    assert status(engine, jinan["title"], date(2007, 6, 1)).state == "in_force"
    held = holders_as_of(post_ledger(zj.appointments, zj.documents), date(2016, 2, 1))
    assert {(h.person, h.post) for h in held} == {
        ("徐加爱", "浙江省公安厅厅长"),
        ("谢力群", "浙江省人大常委会预算工作委员会主任"),
    }


def test_a_history_line_read_across_its_wrapped_lines() -> None:
    from gongbao.grammar.lines import opens_history, opens_history_wrapped

    lines = SHANDONG.read_text(encoding="utf-8").split("\n")
    k = lines.index("济南市城市环境卫生管理条例", 20)  # the title in the body, not the TOC's
    assert not opens_history(lines[k + 1])  # its verb is on the next lines
    assert opens_history_wrapped(lines[k + 1 : k + 5])
    assert not opens_history_wrapped(["第一章 总 则", "第一条 为加强城市环境卫生管理"])


def test_a_congress_named_with_its_term_is_one_body() -> None:
    from gongbao.extract.issuer import normalize_body

    assert normalize_body("杭州市第十二届人民代表大会常务委员会") == "杭州市人民代表大会常务委员会"
    assert normalize_body("浙江省第十二届人民代表大会常务委员会") == "浙江省人民代表大会常务委员会"
    # a meeting keeps its term (it is no body name)
    assert normalize_body("杭州市第十二届人民代表大会常务委员会第四十一次会议").startswith("杭州市第十二届")
