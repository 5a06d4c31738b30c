"""Documents named the way people and other documents cite them (store lookups, ``query.refs``).

Store: 18 real texts of tests/data (gazettes, documents, amendment triples, repeals) and one
collected for this test (tests/data/aliases/README.md), two pairs of which share a name under
different issuers (聊城市/苏州市燃气管理办法; 国家/楚雄州地震应急预案). The truth
(tests/data/aliases/aliases.truth.json) was written by reading the texts before gongbao ran:
each query names one document, several (the lookup must refuse naming them) or none. A wrong
document returned in silence is the failure these tests exist for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import cli

from gongbao.errors import CitationError
from gongbao.pipeline import parse_path
from gongbao.query.refs import find_document, find_documents, typed_keys

ROOT = Path(__file__).resolve().parents[1]
TRUTH = json.loads((ROOT / "tests" / "data" / "aliases" / "aliases.truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    from gongbao.store import ingest_issue, open_store

    db = f"sqlite:///{tmp_path_factory.mktemp('aliases') / 'g.db'}"
    engine = open_store(db)
    for f in TRUTH["store"]:
        ingest_issue(engine, parse_path(ROOT / f))
    return db


def _names(row: object) -> set[str]:
    return {v for v in (getattr(row, k) for k in ("doc_number", "ref", "title", "instrument_title")) if v}


def _answer(engine: object, typed: str) -> tuple[str, object]:
    try:
        rows = find_documents(engine, typed)
    except CitationError as e:
        return "refused", str(e)
    return ("found", rows[0]) if rows else ("none", None)


@pytest.mark.parametrize(("typed", "expected"), TRUTH["queries"])
def test_lookup_names_the_right_document_or_refuses(store: str, typed: str, expected: str) -> None:
    from gongbao.store import open_store

    what, got = _answer(open_store(store), typed)
    if expected.startswith("ambiguous:"):
        assert what == "refused", (typed, got)
        for name in expected.split(":", 1)[1].split("|"):
            assert name.strip() in str(got), (typed, got)
    elif expected.startswith("not stored"):
        if "candidates:" in expected:
            assert what == "refused" and expected.split("candidates:")[1].strip() in str(got), (typed, got)
        else:
            assert what in ("none", "refused"), (typed, got)
    else:
        assert what == "found", (typed, got)
        assert expected in _names(got), (typed, _names(got))


def test_regulation_found_by_the_order_that_published_it_in_a_store_written_before(store: str) -> None:
    """A store written when only 公布 made an alias (schema 7: alias_key empty for 发布) is upgraded
    when opened (schema 8 keys the 发布 orders) and finds the regulation by the order number its
    history line names; so does the read-only reader, which opens an older store through the upgrade."""
    import sqlite3

    from gongbao.store import open_store

    path = store.removeprefix("sqlite:///")
    old = path + ".old.db"
    src, dst = sqlite3.connect(path), sqlite3.connect(old)
    src.backup(dst)
    dst.execute(
        "UPDATE documents SET alias_key = NULL WHERE title IN ('中央预算执行情况审计监督暂行办法', '苏州市燃气管理办法')"
    )
    dst.execute("DELETE FROM schema_version WHERE version > 7")  # written by a version-7 gongbao
    dst.commit()
    src.close()
    dst.close()
    from gongbao.query.reader import open_reader

    reader = open_reader(old)  # an older schema: opened through open_store, which upgrades it
    for typed, title in (
        ("国务院令第181号", "中央预算执行情况审计监督暂行办法"),
        ("苏州市人民政府令第145号", "苏州市燃气管理办法"),
    ):
        doc, _ = find_document(reader, typed)
        assert doc is not None and doc.title == title
    engine = open_store(f"sqlite:///{old}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT max(version) FROM schema_version").scalar() == 8
    engine.dispose()


def test_status_of_a_regulation_asked_by_its_publishing_order(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "status", "国务院令第181号", "--db", store, "--as-of", "2025-01-01")
    assert code == 0, err
    assert "中央预算执行情况审计监督暂行办法" in out and "repealed by 国务院关于修改和废止部分行政法规的决定" in out
    assert "since 2024-05-01" in out


def test_links_name_an_unstored_repealed_regulation_by_its_title(
    store: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = cli(capsys, "links", "国务院关于修改和废止部分行政法规的决定", "--db", store)
    assert code == 0, err
    assert "repeals 全民所有制小型工业企业租赁经营暂行条例（中华人民共和国国务院令第2号）  (not stored)" in out
    code, out, err = cli(capsys, "links", "聊城市人民政府令第48号", "--db", store)
    assert "repeals 聊城市城市地下管线规划管理办法（聊城市人民政府令第34号）  (not stored)" in out


def test_show_as_of_refuses_a_partial_name_of_several_works(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "show", "燃气管理办法", "--as-of", "2025-01-01", "--db", store)
    assert code != 0 and "聊城市燃气管理办法" in err and "苏州市燃气管理办法" in err
    code, out, err = cli(capsys, "show", "中华人民共和国审计法（2006年修正）", "--as-of", "2010-01-01", "--db", store)
    assert code == 0 and out.startswith("# 中华人民共和国审计法"), err


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("主席令第四十八号", "主席令第48号"),
        ("中华人民共和国主席令（第四十八号）", "主席令第48号"),
        ("第四十八号令", "令第48号"),
        ("国办发 〔2018〕 123 号", "国办发〔2018〕123号"),
        ("聊城市农村产权流转交易管理办法（试行）", "聊城市农村产权流转交易管理办法"),
        ("中华人民共和国审计法（2006年修正）", "中华人民共和国审计法"),
        ("中华人民共和国个人所得税法(2011年修订)", "中华人民共和国个人所得税法"),
    ],
)
def test_typed_keys_include_the_cited_form(typed: str, key: str) -> None:
    assert key in typed_keys(typed)


@pytest.mark.parametrize("typed", ["号", "法", "令"])
def test_one_character_names_no_document(store: str, typed: str) -> None:
    from gongbao.store import open_store

    assert _answer(open_store(store), typed)[0] in ("none", "refused")
