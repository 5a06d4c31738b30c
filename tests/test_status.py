"""Status as of a date, for stored and only-referenced documents; docs and links."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from gongbao.cli import app
from gongbao.errors import CitationError
from gongbao.query.docs import list_documents, version_as_of
from gongbao.query.links import links
from gongbao.query.status import status
from gongbao.store import ingest_issue, open_store

# (ref, as_of, state, repealed_by, repealed_since): the issue's acceptance cases and their neighbours.
CASES = [
    ("聊政办字〔2024〕17号", "2025-03-01", "in_force", None, None),
    ("聊政办字〔2024〕17号", "2027-02-01", "expired", None, None),
    ("聊政办字〔2024〕17号", "2025-01-15", "not_yet_in_force", None, None),
    ("聊政办字[2024]17号", "2027-01-31", "in_force", None, None),
    ("聊城市人民政府令第34号", "2025-01-01", "repealed", "聊城市人民政府令第48号", "2024-11-11"),
    ("聊城市城市地下管线规划管理办法", "2025-01-01", "repealed", "聊城市人民政府令第48号", "2024-11-11"),
    ("聊城市人民政府令第34号", "2024-11-10", "unknown", None, None),
    ("聊政发〔2021〕5号", "2025-01-01", "repealed", "聊政办字〔2024〕21号", "2024-12-29"),
    ("聊城市巡游出租汽车经营服务管理办法", "2025-01-01", "amended", None, None),
    ("聊城市巡游出租汽车经营服务管理办法", "2020-01-01", "in_force", None, None),
]


def _check(st, state, by, since):
    assert st.state == state, st.describe()
    assert st.repealed_by == by
    assert (st.repealed_since.isoformat() if st.repealed_since else None) == since


@pytest.mark.parametrize(("ref", "as_of", "state", "by", "since"), CASES, ids=[f"{c[0]}@{c[1]}" for c in CASES])
def test_status_hand_made(store, hand_made_issue, ref, as_of, state, by, since):
    ingest_issue(store, hand_made_issue)
    _check(status(store, ref, date.fromisoformat(as_of)), state, by, since)


def test_pending_repeal_and_amendment_are_listed(store, hand_made_issue):
    ingest_issue(store, hand_made_issue)
    st = status(store, "聊城市人民政府令第34号", date(2024, 11, 10))
    assert not st.stored and [(c.by, c.since) for c in st.pending] == [("聊城市人民政府令第48号", date(2024, 11, 11))]
    amended = status(store, "聊城市巡游出租汽车经营服务管理办法", date(2025, 1, 1))
    assert amended.in_force and [c.by for c in amended.amended_by] == ["聊城市人民政府令第48号"]


def test_unknown_ref_is_an_error(store, hand_made_issue):
    ingest_issue(store, hand_made_issue)
    with pytest.raises(CitationError):
        status(store, "聊政发〔1999〕999号")


@pytest.mark.parametrize(("ref", "as_of", "state", "by", "since"), CASES[:3] + CASES[4:5] + CASES[7:8])
def test_status_on_sample(store, sample_issue, ref, as_of, state, by, since):
    ingest_issue(store, sample_issue)
    _check(status(store, ref, date.fromisoformat(as_of)), state, by, since)


def test_docs_and_links(store, hand_made_issue):
    ingest_issue(store, hand_made_issue)
    docs = {d.ref: d.status.state for d in list_documents(store, as_of=date(2025, 1, 15))}
    assert docs["聊政办字〔2024〕17号"] == "not_yet_in_force" and len(docs) == 4
    in_force = {d.ref for d in list_documents(store, as_of=date(2025, 1, 15), in_force=True)}
    assert "聊政办字〔2024〕17号" not in in_force and "聊城市人民政府令第48号" in in_force
    assert {d.ref for d in list_documents(store, kind="规章")} == {"聊城市巡游出租汽车经营服务管理办法"}
    ln = links(store, "聊城市人民政府令第48号")
    out = {(x.kind, x.other, x.resolved) for x in ln.outgoing}
    assert ("repeals", "聊城市人民政府令第34号", False) in out
    assert ("amends", "聊城市巡游出租汽车经营服务管理办法", True) in out
    back = links(store, "聊城市巡游出租汽车经营服务管理办法")
    # the order amended the regulation and published its new text under it (重新公布)
    assert [(x.kind, x.other) for x in back.incoming] == [
        ("promulgates", "聊城市人民政府令第48号"),
        ("amends", "聊城市人民政府令第48号"),
    ]
    v = version_as_of(store, "聊城市巡游出租汽车经营服务管理办法", date(2025, 1, 1))
    assert v.origin == "republished" and v.made_by == "聊城市人民政府令第48号" and "拒载" in v.text
    with pytest.raises(CitationError):
        version_as_of(store, "聊城市巡游出租汽车经营服务管理办法", date(2020, 1, 1))


def test_cli_status_docs_links_check_json(store_url, hand_made_issue):
    ingest_issue(open_store(store_url), hand_made_issue)
    run = CliRunner().invoke
    r = run(app, ["status", "聊城市人民政府令第34号", "--as-of", "2025-01-01", "--db", store_url, "--format", "json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert out["schema"] == "gongbao.status/1"
    assert (out["state"], out["repealed_by"], out["repealed_since"], out["in_force"]) == (
        "repealed",
        "聊城市人民政府令第48号",
        "2024-11-11",
        False,
    )
    r = run(app, ["status", "聊政办字〔2024〕17号", "--as-of", "2027-02-01", "--db", store_url])
    assert r.exit_code == 0 and "expired" in r.output
    r = run(app, ["status", "没有的文件", "--db", store_url])
    assert r.exit_code != 0 and isinstance(r.exception, CitationError)  # main() maps it to exit 2
    r = run(app, ["docs", "--db", store_url, "--format", "json", "--as-of", "2025-03-01", "--in-force"])
    assert r.exit_code == 0 and json.loads(r.output)["schema"] == "gongbao.docs/1"
    assert len(json.loads(r.output)["documents"]) == 4
    r = run(app, ["links", "聊城市人民政府令第48号", "--db", store_url, "--format", "json"])
    assert r.exit_code == 0 and json.loads(r.output)["schema"] == "gongbao.links/1"
    r = run(app, ["check", "--db", store_url, "--format", "json"])
    assert r.exit_code == 0 and json.loads(r.output)["ok"] is True
    r = run(app, ["show", "聊城市巡游出租汽车经营服务管理办法", "--db", store_url, "--as-of", "2025-01-01"])
    assert r.exit_code == 0 and "第二十九条" in r.output


def test_consolidated_version_is_returned_from_its_date(store, hand_made_issue):
    from gongbao.store.versions import add_version

    ingest_issue(store, hand_made_issue)
    add_version(
        store, "聊城市巡游出租汽车经营服务管理办法", "第一条 合并文本", made_by="测试决定", valid_from=date(2026, 1, 1)
    )
    assert version_as_of(store, "聊城市巡游出租汽车经营服务管理办法", date(2025, 6, 1)).origin == "republished"
    v = version_as_of(store, "聊城市巡游出租汽车经营服务管理办法", date(2026, 1, 1))
    assert (v.origin, v.made_by, v.text) == ("consolidated", "测试决定", "第一条 合并文本")


def test_a_plan_replacing_its_namesake_is_not_repealed_by_itself(store, sample_issue):
    # 聊政办字〔2024〕18号 issues a 预案 and repeals the older 预案 of the same title.
    ingest_issue(store, sample_issue)
    new = status(store, "聊城市重污染天气应急预案", date(2025, 3, 1))
    assert (new.document, new.state) == ("聊政办字〔2024〕18号", "in_force")
    old = status(store, "聊政办字〔2023〕25号", date(2025, 3, 1))
    assert (old.state, old.repealed_by, old.stored) == ("repealed", "聊政办字〔2024〕18号", False)
    docs = {d.ref: d.status.state for d in list_documents(store, as_of=date(2025, 3, 1))}
    assert docs["聊政办字〔2024〕18号"] == "in_force" and docs["聊政办字〔2024〕17号"] == "in_force"


def test_no_text_is_in_force_after_a_documents_validity(store, hand_made_issue):
    # 聊政办字〔2024〕17号 prints its validity (有效期至2027年1月31日): on 2027-01-31 its text is in
    # force; the day after, show --as-of gives no text and says why (it gave the text, silently)
    ingest_issue(store, hand_made_issue)
    assert "农村产权" in version_as_of(store, "聊政办字〔2024〕17号", date(2027, 1, 31)).text
    with pytest.raises(CitationError, match=r"expired after 2027-01-31 .*--as-of 2027-01-31"):
        version_as_of(store, "聊政办字〔2024〕17号", date(2027, 2, 1))
