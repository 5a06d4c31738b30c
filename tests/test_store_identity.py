"""Identity by content: one issue whatever its encoding, one text per work version whatever the
number of sources, a corrected re-issue replacing the earlier expression (kept as history), and
statuses that hold after any re-ingest."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from conftest import SAMPLE
from gongbao.cli import app
from gongbao.pipeline import parse_path
from gongbao.query.docs import list_documents, version_as_of
from gongbao.query.search import search
from gongbao.query.status import status
from gongbao.store import ingest_issue
from gongbao.store.check import check_store

DATA = Path(__file__).parent / "data" / "store"
GAS = DATA / "liaocheng-gas-regulation.txt"
NOTICE = DATA / "repeal-later-notice.txt"
# one character of the gas regulation corrected (a typo fixed in a re-issue)
OLD, NEW = "（一）燃气，是指燃气经营企业向燃气用户", "（一）燃气，是指燃气供应企业向燃气用户"


def copies(tmp: Path) -> dict[str, Path]:
    """The sample as UTF-8, UTF-8 with BOM, CRLF and GB18030 bytes."""
    text = SAMPLE.read_text(encoding="utf-8")
    out = {
        "utf8": text.encode("utf-8"),
        "bom": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "crlf": text.replace("\n", "\r\n").encode("utf-8"),
        "gb18030": text.encode("gb18030"),
    }
    paths = {}
    for k, data in out.items():
        p = tmp / f"sample-{k}.txt"
        p.write_bytes(data)
        paths[k] = p
    return paths


def corrected_copy(tmp: Path) -> Path:
    text = SAMPLE.read_text(encoding="utf-8")
    assert text.count(OLD) == 1
    p = tmp / "sample-corrected.txt"
    # the corrected text printed in a later issue (总第262期): a later printing replaces the earlier
    # whichever arrives first (store.ingest._replaces)
    later = text.replace(OLD, NEW).replace("第11-12期（总第260-261期）", "第13期（总第262期）")
    assert later.count("总第262期") == 1
    p.write_text(later, encoding="utf-8")
    return p


def counts(engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            t: int(conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar() or 0)
            for t in ("issues", "issue_sources", "documents", "appearances", "expressions", "relations", "nodes")
        }


def _repealed_34(engine) -> None:
    st = status(engine, "聊城市人民政府令第34号", date(2025, 1, 1))
    assert (st.state, st.repealed_by) == ("repealed", "聊城市人民政府令第48号"), st.describe()


def test_four_encodings_are_one_issue(store, tmp_path):
    results = [ingest_issue(store, parse_path(p)) for p in copies(tmp_path).values()]
    assert [r.created for r in results] == [True, False, False, False]
    assert len({r.issue_id for r in results}) == 1
    c = counts(store)
    assert (c["issues"], c["documents"], c["appearances"], c["issue_sources"]) == (1, 23, 23, 4)
    _repealed_34(store)
    hits = search(store, "拒载", limit=50)
    assert len({(h.document, h.eid) for h in hits}) == len(hits)  # no hit twice
    rep = check_store(store)
    assert rep.ok, rep.problems


def test_a_corrected_copy_replaces_the_expression_and_keeps_history(store, tmp_path):
    ingest_issue(store, parse_path(SAMPLE))
    before = counts(store)
    with store.connect() as conn:
        gas_id = conn.execute(sa.text("SELECT id FROM documents WHERE title = '聊城市燃气管理办法'")).scalar()
    res = ingest_issue(store, parse_path(corrected_copy(tmp_path)))
    assert res.created and (res.replaced, res.same) == (1, 22)
    after = counts(store)
    assert (after["issues"], after["documents"], after["expressions"]) == (2, 23, 1)
    assert after["relations"] == before["relations"] and after["appearances"] == 46
    with store.connect() as conn:
        row = conn.execute(sa.text("SELECT id, text FROM documents WHERE title = '聊城市燃气管理办法'")).one()
        old = conn.execute(sa.text("SELECT document_id, text FROM expressions")).one()
    assert row.id == gas_id and NEW in row.text and OLD not in row.text  # same document, new text
    assert old.document_id == gas_id and OLD in old.text  # the earlier text is kept
    # the search index follows: the corrected words are found, the replaced ones are not
    assert [h.document for h in search(store, "燃气供应企业")] == ["聊城市燃气管理办法"]
    assert "聊城市燃气管理办法" not in {h.document for h in search(store, "燃气经营企业向燃气用户", limit=100)}
    assert NEW in version_as_of(store, "聊城市燃气管理办法", date(2025, 1, 1)).text
    _repealed_34(store)
    # ingesting the first copy again (any encoding) changes nothing: its content is stored
    for p in copies(tmp_path).values():
        assert not ingest_issue(store, parse_path(p)).created
    assert counts(store) == {**after, "issue_sources": after["issue_sources"] + 3}
    assert NEW in version_as_of(store, "聊城市燃气管理办法", date(2025, 1, 1)).text
    rep = check_store(store)
    assert rep.ok, rep.problems


def test_a_regulation_met_in_two_sources_is_one_text(store):
    for p in (GAS, SAMPLE):
        ingest_issue(store, parse_path(p))
    with store.connect() as conn:
        docs = conn.execute(sa.text("SELECT id, work_key FROM documents WHERE title = '聊城市燃气管理办法'")).all()
        (doc,) = docs
        printed = conn.execute(
            sa.text("SELECT count(*) FROM appearances WHERE document_id = :d"), {"d": doc.id}
        ).scalar()
        versions = conn.execute(
            sa.text("SELECT count(*) FROM versions WHERE work_key = :w"), {"w": doc.work_key}
        ).scalar()
    assert doc.work_key == "聊城市人民政府令第32号"  # the work: its original 文号
    assert (printed, versions) == (2, 1)  # two sources recorded, one text of the version
    assert status(store, "聊城市人民政府令第32号", date(2025, 1, 1)).state == "amended"
    assert check_store(store).ok


@pytest.mark.parametrize(
    "order",
    [("sample", "notice", "gb18030", "bom"), ("notice", "sample", "crlf"), ("notice", "gb18030", "sample", "notice")],
    ids=["sample-first", "notice-first", "notice-then-copies"],
)
def test_a_plan_repealed_by_a_later_notice_stays_repealed(store, tmp_path, order):
    paths = {"sample": SAMPLE, "notice": NOTICE, **copies(tmp_path)}
    for k in order:
        ingest_issue(store, parse_path(paths[k]))
    plan = "聊政办字〔2024〕17号"
    st = status(store, plan, date(2025, 8, 1))
    assert (st.state, st.repealed_by, st.repealed_since) == ("repealed", "聊政办字〔2025〕3号", date(2025, 7, 1))
    # before the printed date the repeal is pending, not in effect (the notice is signed 2025-03-10)
    st = status(store, plan, date(2025, 6, 1))
    assert st.state == "in_force" and "repeal pending from 2025-07-01" in st.describe()
    assert status(store, "聊政办字〔2024〕17号", date(2025, 3, 15)).state == "in_force"
    _repealed_34(store)
    assert check_store(store).ok


def test_docs_in_force_lists_works_by_their_first_version(store):
    """The gas regulation, republished in 2024, was in force since 2018: listed on 2024-06-01."""
    ingest_issue(store, parse_path(SAMPLE))
    rows = {r.ref: r.status for r in list_documents(store, as_of=date(2024, 6, 1), in_force=True)}
    assert rows["聊城市燃气管理办法"].state == "amended"  # in force, its 2020 amendment applied
    assert rows["聊城市巡游出租汽车经营服务管理办法"].state == "in_force"
    assert "聊城市人民政府令第48号" not in rows  # made later


def test_cli_status_and_docs(tmp_path):
    db = str(tmp_path / "kb.db")
    paths = copies(tmp_path)
    r = CliRunner().invoke(app, ["ingest", *map(str, paths.values()), "--db", db])
    assert r.exit_code == 0, r.output
    assert r.output.count("already stored, unchanged") == 3
    r = CliRunner().invoke(app, ["status", "聊城市人民政府令第34号", "--as-of", "2025-01-01", "--db", db])
    assert r.exit_code == 0 and "repealed by 聊城市人民政府令第48号 since 2024-11-11" in r.output, r.output
    r = CliRunner().invoke(app, ["docs", "--in-force", "--as-of", "2024-06-01", "--db", db])
    assert r.exit_code == 0 and "聊城市燃气管理办法" in r.output, r.output


def test_two_sources_in_either_order_are_one_store(tmp_path):
    """The gazette and the regulation alone: the gazette's printing holds the expression whatever
    the order (the other is recorded as a printing), so the whole store is the same."""
    from gongbao.store import open_store
    from gongbao.store.check import canonical_dump

    dumps = []
    for i, order in enumerate(((GAS, SAMPLE), (SAMPLE, GAS), (GAS, SAMPLE, GAS))):
        engine = open_store(f"sqlite:///{tmp_path / f'{i}.db'}")
        for p in order:
            ingest_issue(engine, parse_path(p))
        dumps.append(canonical_dump(engine))
        engine.dispose()
    assert dumps[0] == dumps[1] == dumps[2]
