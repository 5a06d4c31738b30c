"""The store: schema and upgrade path, ingest (idempotent, atomic, even under SIGKILL), relations, check."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import sqlalchemy as sa

from conftest import ROOT, SAMPLE, hand_issue
from gongbao.errors import StoreError
from gongbao.store import ingest_issue, open_store, resolve_url
from gongbao.store.check import check_store
from gongbao.store.schema import SCHEMA_VERSION, current_version, metadata

TABLES = sorted(metadata.tables)


def snapshot(engine) -> dict[str, int]:
    """Row counts of every table and of the full-text index."""
    from gongbao.store import fts

    with engine.connect() as conn:
        out = {t: conn.execute(sa.select(sa.func.count()).select_from(metadata.tables[t])).scalar() for t in TABLES}
        out["fts"] = fts.count_indexed(conn)
    return out


@pytest.mark.parametrize(
    ("given", "env", "expected"),
    [
        (None, None, "sqlite:///gongbao.db"),
        (None, "/tmp/k.db", "sqlite:////tmp/k.db"),
        ("kb.db", "/tmp/k.db", "sqlite:///kb.db"),
        ("postgresql://u@h:5432/db", None, "postgresql+psycopg://u@h:5432/db"),
        ("postgres://u@h/db", None, "postgresql+psycopg://u@h/db"),
    ],
    ids=["default", "env", "flag-wins", "postgresql", "postgres"],
)
def test_resolve_url(monkeypatch, given, env, expected):
    if env:
        monkeypatch.setenv("GONGBAO_DB", env)
    else:
        monkeypatch.delenv("GONGBAO_DB", raising=False)
    assert resolve_url(given) == expected


def test_resolve_url_rejects_other_schemes():
    with pytest.raises(StoreError):
        resolve_url("mysql://x/y")


def test_open_missing_sqlite_store_without_create(tmp_path):
    with pytest.raises(StoreError, match="no store"):
        open_store(str(tmp_path / "none.db"), create=False)


def test_schema_version_and_reopen(store, store_url):
    with store.connect() as conn:
        assert current_version(conn) == SCHEMA_VERSION
    again = open_store(store_url)  # upgrade on an up-to-date store is a no-op
    with again.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM schema_version")).scalar() == SCHEMA_VERSION
    again.dispose()


def test_store_newer_than_program_is_refused(store, store_url):
    with store.begin() as conn:
        conn.execute(sa.text("INSERT INTO schema_version(version) VALUES (:v)"), {"v": SCHEMA_VERSION + 1})
    with pytest.raises(StoreError, match="newer"):
        open_store(store_url)


def test_ingest_then_again_changes_nothing(store, hand_made_issue):
    first = ingest_issue(store, hand_made_issue)
    assert first.created and first.documents == 4 and first.nodes > 400
    before = snapshot(store)
    second = ingest_issue(store, hand_made_issue)
    assert not second.created and second.issue_id == first.issue_id
    assert snapshot(store) == before
    rep = check_store(store)
    assert rep.ok, rep.problems
    with store.connect() as conn:
        with_text = conn.execute(sa.text("SELECT count(*) FROM nodes WHERE text <> ''")).scalar()
    assert rep.counts["documents"] == 4 and rep.counts["indexed"] == with_text > 300


def test_failed_ingest_leaves_store_unchanged(store, hand_made_issue):
    ingest_issue(store, hand_made_issue)
    before = snapshot(store)
    bad = hand_issue(docs=("17", "21"))
    bad.documents[1].doc_number = "聊政办字〔2024〕99号"  # a new work, so it is written…
    bad.documents[1].title = None  # …and NOT NULL fails after the issue and the first document were written
    with pytest.raises(StoreError, match="refused the write"):
        ingest_issue(store, bad)
    assert snapshot(store) == before
    assert check_store(store).ok


# A kill (and an exception) at each write step of ingest + consolidation: tests/test_store_faults.py.


@pytest.mark.parametrize("order", [("21", "48", "taxi"), ("taxi", "48", "21")], ids=["target-later", "target-first"])
def test_relations_resolve_in_any_order(store, order):
    for k in order:
        ingest_issue(store, hand_issue(path=f"{k}.txt", docs=(k,)))
    with store.connect() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT r.kind, r.target_title, t.title AS resolved FROM relations r "
                "LEFT JOIN documents t ON t.id = r.target_document_id ORDER BY r.id"
            )
        ).all()
    resolved = {(r.kind, r.target_title): r.resolved for r in rows}
    assert resolved[("amends", "聊城市巡游出租汽车经营服务管理办法")] == "聊城市巡游出租汽车经营服务管理办法"
    # Targets never ingested stay dangling and are listed by check.
    assert resolved[("repeals", "聊城市城市地下管线规划管理办法")] is None
    dangling = {(d["kind"], d["target_doc_number"]) for d in check_store(store).dangling}
    assert ("repeals", "聊城市人民政府令第34号") in dangling and ("repeals", "聊政发〔2021〕5号") in dangling
    assert ("amends", None) in dangling  # 聊城市燃气管理办法 is not in these files


def test_a_document_never_resolves_a_reference_to_itself(store):
    # 聊政办字〔2024〕17号 issues a 办法; a reference by that title from the same notice must not loop.
    issue = hand_issue(docs=("17",))
    from gongbao.model import Ref

    issue.documents[0].cites.append(Ref(None, "聊城市农村产权流转交易管理办法（试行）"))
    ingest_issue(store, issue)
    with store.connect() as conn:
        assert conn.execute(sa.text("SELECT target_document_id FROM relations")).scalar() is None


def test_nodes_keep_citations_and_source_spans(store, hand_made_issue):
    ingest_issue(store, hand_made_issue)
    source = SAMPLE.read_text(encoding="utf-8")
    with store.connect() as conn:
        row = conn.execute(
            sa.text("SELECT citation, text, spans, article_eid FROM nodes WHERE eid = 'art_29__para_1__point_3'")
        ).one()
    assert row.citation == "第二十九条第（三）项" and row.article_eid == "art_29"
    spans = json.loads(row.spans) if isinstance(row.spans, str) else row.spans
    ((a, b),) = spans
    assert source[a:b] == row.text == "（三）拒载、途中甩客、故意绕道行驶、离开驾驶座位揽客；"


def test_check_finds_a_broken_store(store, hand_made_issue):
    ingest_issue(store, hand_made_issue)
    with store.begin() as conn:
        conn.execute(sa.text("UPDATE documents SET n_nodes = n_nodes + 1 WHERE kind = '规章'"))
        conn.execute(sa.text("UPDATE nodes SET spans = :s WHERE eid = 'art_1__para_1'"), {"s": "[[0, 99999999]]"})
    rep = check_store(store)
    assert not rep.ok
    assert any("says" in p and "nodes" in p for p in rep.problems)
    assert any("outside" in p for p in rep.problems)


def test_sample_ingests_and_checks(store, sample_issue):
    res = ingest_issue(store, sample_issue)
    assert res.created and res.documents == len(sample_issue.documents) >= 20
    rep = check_store(store)
    assert rep.ok, rep.problems
    assert not ingest_issue(store, sample_issue).created


def test_cli_ingest_bad_file_in_batch(tmp_path):
    """A bad file in a batch is reported (exit 2); the good one is stored, the bad one changes nothing."""
    from typer.testing import CliRunner

    from gongbao.cli import app

    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    db = tmp_path / "kb.db"
    r = CliRunner().invoke(app, ["ingest", str(SAMPLE), str(bad), "--db", str(db)])
    assert r.exit_code != 0
    assert "already" not in r.output and "stored" in r.output
    engine = open_store(str(db))
    assert snapshot(engine)["issues"] == 1
    assert check_store(engine).ok
    Path(db).unlink()


_RACE_SCRIPT = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {tests!r})
    from conftest import hand_issue
    from gongbao.store import ingest_issue, open_store

    print(ingest_issue(open_store({url!r}), hand_issue(path="race.txt", docs=("taxi", "21"))).created)
    """
)


def test_two_processes_ingest_the_same_file_at_once(store, store_url, tmp_path):
    script = _RACE_SCRIPT.format(tests=str(ROOT / "tests"), url=store_url)
    procs = [
        subprocess.Popen([sys.executable, "-c", script], cwd=tmp_path, stdout=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    outs = sorted(p.communicate(timeout=120)[0].strip() for p in procs)
    assert [p.returncode for p in procs] == [0, 0, 0]
    assert outs == ["False", "False", "True"]
    assert snapshot(store)["issues"] == 1 and check_store(store).ok


def test_upgrade_from_version_1(store, store_url):
    with store.begin() as conn:
        conn.execute(sa.text("DELETE FROM schema_version WHERE version > 1"))
        conn.exec_driver_sql("DROP INDEX ix_relations_target_kind")
        assert current_version(conn) == 1
    again = open_store(store_url)
    with again.connect() as conn:
        assert current_version(conn) == SCHEMA_VERSION == 8
        assert len(conn.execute(sa.text("SELECT n FROM store_generation")).scalars().all()) == 1
        indexes = {ix["name"] for ix in sa.inspect(conn).get_indexes("relations")}
        assert {"ix_relations_target_kind", "ix_relations_work_kind"} <= indexes
    again.dispose()


def test_a_document_naming_itself_makes_no_relation(store):
    from gongbao.model import Ref

    issue = hand_issue(docs=("48",))
    doc = issue.documents[0]
    doc.cites += [Ref(None, doc.title), Ref(doc.doc_number, None)]
    ingest_issue(store, issue)
    with store.connect() as conn:
        kinds = conn.execute(sa.text("SELECT kind FROM relations ORDER BY id")).scalars().all()
    assert kinds == ["repeals", "amends", "amends"]


def test_upgrade_from_version_2_fills_the_keys(store, store_url, hand_made_issue):
    """A store written by version 2 (no content keys, appearances, work keys) is upgraded in place:
    keys computed from what it holds, relations resolved to works, status and check as before."""
    from datetime import date

    from gongbao.query.status import status

    ingest_issue(store, hand_made_issue)
    with store.begin() as conn:
        conn.execute(sa.text("DELETE FROM appearances"))
        conn.execute(sa.text("DELETE FROM issue_sources"))
        conn.execute(sa.text("UPDATE issues SET content_sha = NULL"))
        conn.execute(sa.text("UPDATE documents SET work_key = NULL, version_key = NULL, text_sha = NULL"))
        conn.execute(sa.text("UPDATE relations SET target_work_key = NULL"))
        conn.execute(sa.text("DELETE FROM schema_version WHERE version > 2"))
    again = open_store(store_url)
    with again.connect() as conn:
        assert current_version(conn) == SCHEMA_VERSION
        assert conn.execute(sa.text("SELECT count(*) FROM appearances")).scalar() == 4
        assert conn.execute(sa.text("SELECT count(*) FROM documents WHERE work_key IS NULL")).scalar() == 0
    st = status(again, "聊城市巡游出租汽车经营服务管理办法", date(2025, 1, 1))
    assert st.state == "amended" and [c.by for c in st.amended_by] == ["聊城市人民政府令第48号"]
    rep = check_store(again)
    assert rep.ok, rep.problems
    # the same content ingested again is recognised by its bytes' key (kept as the content key)
    assert not ingest_issue(again, hand_made_issue).created
    again.dispose()


def test_a_national_order_has_one_key_printed_or_cited():
    from gongbao.query.reader import READ_SCHEMA
    from gongbao.store.keys import ref_key

    assert ref_key("中华人民共和国国务院令第654号") == ref_key("国务院令第654号") == "国务院令第654号"
    assert ref_key("中华人民共和国主席令第37号") == ref_key("主席令 第37号")
    assert ref_key("中华人民共和国药品管理法") == "中华人民共和国药品管理法"  # a title keeps its name
    assert ref_key(ref_key("中华人民共和国国务院令第654号")) == ref_key("中华人民共和国国务院令第654号")
    assert READ_SCHEMA == SCHEMA_VERSION


def test_a_short_order_number_has_the_full_numbers_key():
    """gd.gov.cn lists 广东省人民政府令第93号 as 粤府令第93号 (locator in grammar/data/forms.json
    place_abbreviations): one key; an abbreviation not listed, a year-numbered 文号 and a 省政府令
    (whose province only its citing document knows) keep theirs."""
    from gongbao.store.keys import ref_key

    assert ref_key("粤府令第93号") == ref_key("广东省人民政府令第93号") == "广东省人民政府令第93号"
    assert ref_key("桂政令第3号") == "广西壮族自治区人民政府令第3号"
    assert ref_key("穗府令 第5号") == "广州市人民政府令第5号"
    assert ref_key("粤府令第93号") != ref_key("广东省人民政府令第94号")
    for kept in ("深府令第1号", "省政府令第226号", "粤府〔2024〕1号", "粤府令〔2024〕1号"):
        assert ref_key(kept) == kept
    assert ref_key(ref_key("粤府令第93号")) == ref_key("粤府令第93号")


GUANGDONG = ROOT / "tests" / "data" / "gazettes" / "guangdong-2024-province-layout.txt"


def test_a_store_of_version_6_is_rekeyed_and_answers_the_short_number(store, store_url):
    """The 广东 gazette prints its order's header in full and its TOC in short (粤府令第93号): a
    user asking by either number finds it, also in a store written before keys folded the
    short form (version 6 wrote a relation's short key as printed)."""
    from gongbao.pipeline import parse_path
    from gongbao.query.refs import find_documents

    ingest_issue(store, parse_path(GUANGDONG))
    with store.begin() as conn:
        conn.execute(
            sa.text("UPDATE documents SET ref_key = '粤府令第93号', work_key = '粤府令第93号' WHERE ref_key = :k"),
            {"k": "广东省人民政府令第93号"},
        )
        conn.execute(sa.text("DELETE FROM schema_version WHERE version > 6"))
    again = open_store(store_url)
    with again.connect() as conn:
        assert current_version(conn) == SCHEMA_VERSION
        keys = conn.execute(sa.text("SELECT ref_key, work_key FROM documents WHERE ref_key LIKE '%令第93号'")).all()
    assert [tuple(k) for k in keys] == [("广东省人民政府令第93号", "广东省人民政府令第93号")]
    for asked in ("粤府令第93号", "广东省人民政府令第93号"):
        found = find_documents(again, asked)
        assert [d.title for d in found] == ["广东省行政机关规范性文件管理规定"], asked
    assert check_store(again).ok
    again.dispose()


def test_version_7_rekeys_joint_numbers_written_before(store, store_url):
    """A relation citing 财政部、税务总局公告2021年第12号 and one citing 国家发展和改革委员会、商务部令第47号,
    keyed as version 6 wrote them (the 、 kept), get the keys of the numbers as the joint documents
    print them (tests/data/gazettes/gwyb-2023-joint-issuers-layout.txt)."""
    from gongbao.store.keys import ref_key

    ingest_issue(store, hand_issue(docs=("48",)))
    printed = {
        "财政部、税务总局公告2021年第12号": "财政部 税务总局公告2021年第12号",
        "国家发展和改革委员会、商务部令第47号": "中华人民共和国国家发展和改革委员会中华人民共和国商务部令第47号",
    }
    with store.begin() as conn:
        for old in printed:
            conn.execute(
                sa.text(
                    "INSERT INTO relations (source_document_id, kind, target_doc_number, target_number_key) "
                    "SELECT min(id), 'cites', :n, :n FROM documents"
                ),
                {"n": old},
            )
        conn.execute(sa.text("DELETE FROM schema_version WHERE version > 6"))
    again = open_store(store_url)
    with again.connect() as conn:
        keys = set(conn.execute(sa.text("SELECT target_number_key FROM relations")).scalars())
    assert {ref_key(p) for p in printed.values()} <= keys
    assert not set(printed) & keys
    again.dispose()


DISCLOSURE = ROOT / "tests" / "data" / "amend" / "triples" / "disclosure-2014-base.txt"


def test_a_regulation_is_found_by_the_order_number_others_cite(store, store_url):
    """企业信息公示暂行条例 prints 中华人民共和国国务院令第654号公布 in its history; documents cite it as
    （国务院令第654号). Both find it; and a version-3 store (keys with the prefix) is upgraded."""
    from datetime import date

    from gongbao.pipeline import parse_path
    from gongbao.query.status import status

    ingest_issue(store, parse_path(DISCLOSURE))
    for ref in ("国务院令第654号", "中华人民共和国国务院令第654号"):
        assert status(store, ref, date(2020, 1, 1)).title == "企业信息公示暂行条例", ref
    with store.begin() as conn:  # as version 3 wrote it
        conn.execute(
            sa.text(
                "UPDATE documents SET alias_key = '中华人民共和国国务院令第654号', work_key = '中华人民共和国国务院令第654号'"
            )
        )
        conn.execute(sa.text("UPDATE versions SET work_key = '中华人民共和国国务院令第654号'"))
        conn.execute(sa.text("DELETE FROM schema_version WHERE version > 3"))
    again = open_store(store_url)
    with again.connect() as conn:
        assert current_version(conn) == SCHEMA_VERSION
        keys = conn.execute(sa.text("SELECT alias_key, work_key FROM documents")).one()
        assert tuple(keys) == ("国务院令第654号", "国务院令第654号")
    assert status(again, "国务院令第654号", date(2020, 1, 1)).title == "企业信息公示暂行条例"
    assert check_store(again).ok
    again.dispose()


def test_a_partial_repeal_is_stored_as_one_with_its_scope(store):
    """The 2024 NPC Standing Committee decision on the retirement age (tests/data/gazettes/
    npcsc-2024-layout.txt): 《国务院关于工人退休、退职的暂行办法》中有关退休年龄的规定不再施行 ends a
    part of that 办法, not the 办法: never "repealed"."""
    from datetime import date

    from gongbao.pipeline import parse_path
    from gongbao.query.links import links
    from gongbao.query.status import status

    ingest_issue(store, parse_path(ROOT / "tests" / "data" / "gazettes" / "npcsc-2024-layout.txt"))
    target = "国务院关于工人退休、退职的暂行办法"
    st = status(store, target, date(2025, 6, 1))
    assert st.state != "repealed" and st.repealed_by is None
    assert [(c.kind, c.since) for c in st.amended_by] == [("partially_repeals", date(2025, 1, 1))]
    decision = "全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定"
    want = [
        ("partially_repeals", "国务院关于安置老弱病残干部的暂行办法", "有关退休年龄的规定"),
        ("partially_repeals", target, "有关退休年龄的规定"),
    ]
    out = [(x.kind, x.other, x.scope) for x in links(store, decision).outgoing if x.kind.endswith("repeals")]
    assert out == want


def test_upgrade_to_version_4_corrects_partial_repeals_stored_as_repeals(store, store_url):
    """A version-3 store kept 《X》中有关…的规定不再施行 as a repeal of X; the upgrade reads each stored
    repeal again from its source text and corrects it."""
    from gongbao.pipeline import parse_path
    from gongbao.query.links import links

    ingest_issue(store, parse_path(ROOT / "tests" / "data" / "gazettes" / "npcsc-2024-layout.txt"))
    with store.begin() as conn:  # as version 3 wrote it
        conn.execute(sa.text("UPDATE relations SET kind = 'repeals', scope = NULL WHERE kind = 'partially_repeals'"))
        conn.execute(sa.text("DELETE FROM schema_version WHERE version > 3"))
    again = open_store(store_url)
    decision = "全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定"
    out = [(x.kind, x.scope) for x in links(again, decision).outgoing if x.kind.endswith("repeals")]
    assert out == [("partially_repeals", "有关退休年龄的规定")] * 2
    again.dispose()
