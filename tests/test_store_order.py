"""Order independence on real triples (tests/data/amend/triples: a national law's earlier text, the
decision amending it, the official text republished after it): ingesting any set of these issues
in any order gives the same store (``canonical_dump``) — a decision stored before its base is
applied when the base arrives, decisions are applied in the order of their dates."""

from __future__ import annotations

import itertools
import os
import random
import time
from datetime import date
from functools import cache
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SAMPLE
from gongbao import model
from gongbao.pipeline import parse_path
from gongbao.query.docs import version_as_of
from gongbao.store import ingest_issue, open_store
from gongbao.store.check import canonical_dump, check_store

TRIPLES = Path(__file__).parent / "data" / "amend" / "triples"
FILES = sorted(TRIPLES.glob("*.txt"))
DECISIONS = sorted(TRIPLES.glob("*-decision.txt"))
NAMES = [p.name.removesuffix("-decision.txt") for p in DECISIONS]


@cache
def parsed(path: Path) -> model.Issue:
    return parse_path(path)


@cache
def group(name: str) -> tuple[list[Path], Path, list[Path]]:
    """A real decision, the earlier texts of the laws it amends, and their official texts after it."""
    decision = TRIPLES / f"{name}-decision.txt"
    titles = {r.title for d in parsed(decision).documents for r in d.amends}
    bases, official = [], []
    for p in FILES:
        if p.name.endswith(("-base.txt", "-consolidated.txt")) and parsed(p).documents[0].title in titles:
            (bases if p.name.endswith("-base.txt") else official).append(p)
    return bases, decision, official


def triple(name: str) -> list[Path]:
    bases, decision, official = group(name)
    return [*bases, decision, *official]


def dump_after(url: str, paths: list[Path]) -> dict:
    engine = open_store(url)
    for p in paths:
        ingest_issue(engine, parsed(p))
    out = canonical_dump(engine)
    rep = check_store(engine)
    assert rep.ok, rep.problems
    engine.dispose()
    return out


def test_every_decision_is_real_and_amends_stored_bases():
    assert len(NAMES) >= 7
    for name in NAMES:
        bases, decision, _ = group(name)
        assert bases, name
        titles = {r.title for r in parsed(decision).documents[0].amends}
        assert {parsed(b).documents[0].title for b in bases} <= titles


@pytest.mark.parametrize("name", NAMES)
def test_decision_first_equals_base_first(store_url, tmp_path, name):
    bases, decision, _ = group(name)
    if store_url.startswith("sqlite"):
        urls = [f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}"]
    else:
        urls = [store_url, store_url.replace("search_path%3D", "search_path%3Db_")]
    first = dump_after(urls[0], [*bases, decision])
    second = dump_after(urls[1], [decision, *reversed(bases)])
    if not store_url.startswith("sqlite"):
        from conftest import drop_pg_schema

        drop_pg_schema(urls[1].split("search_path%3D", 1)[1])
    assert first == second
    consolidated = [v for v in first["versions"] if v[5] == "consolidated"]
    dec = parsed(decision).documents[0]
    if dec.effective_date or dec.signed_date:  # the statistics decision prints no date: never applied
        assert consolidated, name


@pytest.mark.parametrize("name", NAMES)
def test_all_orders_of_a_group_are_one_store(tmp_path, name):
    """Every order of a decision with its bases and official texts (all of them up to 4 files, else
    eight seeded random orders)."""
    paths = triple(name)
    if len(paths) <= 4:
        orders = [list(o) for o in itertools.permutations(paths)]
    else:
        rnd = random.Random(name)
        orders = [paths, paths[::-1]] + [rnd.sample(paths, len(paths)) for _ in range(6)]
    dumps = [dump_after(f"sqlite:///{tmp_path / f'{i}.db'}", order) for i, order in enumerate(orders)]
    assert all(d == dumps[0] for d in dumps[1:])


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.permutations(FILES), st.integers(min_value=3, max_value=14))
def test_any_set_in_any_order(tmp_path_factory, files, k):
    """A random subset of all the triples' files, in a random order, equals the same set sorted."""
    chosen = files[:k]
    tmp = tmp_path_factory.mktemp("order")
    assert dump_after(f"sqlite:///{tmp / 'x.db'}", chosen) == dump_after(f"sqlite:///{tmp / 'y.db'}", sorted(chosen))


def test_a_later_decision_stored_first_is_reapplied_in_date_order(tmp_path):
    """Two decisions amending one law, stored newest first: the older is applied to the base, the
    newer to that result (the newer's version is rebuilt when the older arrives)."""
    base, decision, _ = triple("audit-2021")
    later = tmp_path / "audit-2099-decision.txt"
    text = decision.read_text(encoding="utf-8")
    # a second decision, dated later, re-amending an article the first one rewrote
    later.write_text(
        "全国人民代表大会常务委员会关于再次修改《中华人民共和国审计法》的决定\n"
        "（2098年12月1日第九十九届全国人民代表大会常务委员会第一次会议通过）\n"
        "第九十九届全国人民代表大会常务委员会第一次会议决定对《中华人民共和国审计法》作如下修改：\n"
        "将第三条修改为：“审计机关依照法律规定的职权和程序，进行审计监督，并接受监督。”\n"
        "本决定自2099年1月1日起施行。\n",
        encoding="utf-8",
    )
    assert "全国人民代表大会常务委员会" in text
    one = dump_after(f"sqlite:///{tmp_path / 'a.db'}", [base, decision, later])
    two = dump_after(f"sqlite:///{tmp_path / 'b.db'}", [later, base, decision])
    three = dump_after(f"sqlite:///{tmp_path / 'c.db'}", [later, decision, base])
    assert one == two == three
    engine = open_store(f"sqlite:///{tmp_path / 'b.db'}")
    v2022 = version_as_of(engine, "中华人民共和国审计法", date(2022, 1, 1))
    v2099 = version_as_of(engine, "中华人民共和国审计法", date(2099, 1, 1))
    assert v2099.origin == v2022.origin == "consolidated"
    assert "并接受监督" in v2099.text and "并接受监督" not in v2022.text
    # the 2099 text is made on the 2022 one (date order, not ingest order): it keeps its amendments
    assert "坚持中国共产党对审计工作的领导" in v2099.text and "坚持中国共产党对审计工作的领导" in v2022.text
    rest = [x for x in v2099.text.splitlines()[2:] if "并接受监督" not in x]
    assert set(rest) <= set(v2022.text.splitlines()) and len(rest) >= 100
    engine.dispose()


def _child(url: str, path: Path, go: Path) -> None:
    code = 1
    try:
        issue = parsed(path)
        while not go.exists():
            time.sleep(0.001)
        engine = open_store(url)
        ingest_issue(engine, issue)
        code = 0
    except BaseException as e:  # reported through the exit code and a file
        (go.parent / f"err-{os.getpid()}").write_text(repr(e))
    finally:
        os._exit(code)


def test_concurrent_writers_equal_one_writer(store_url, tmp_path):
    """Issues that share works (a base, its decision, the official text; a gazette, a regulation
    from it alone, a notice repealing a document of it) ingested by concurrent processes give the
    store one process gives (PostgreSQL: advisory locks per key; SQLite: BEGIN IMMEDIATE)."""
    data = Path(__file__).parent / "data" / "store"
    files = [*triple("audit-2021"), SAMPLE, data / "liaocheng-gas-regulation.txt", data / "repeal-later-notice.txt"]
    for f in files:
        parsed(f)
    go = tmp_path / "go"
    pids = []
    for f in files:
        pid = os.fork()
        if pid == 0:
            _child(store_url, f, go)
        pids.append(pid)
    go.touch()
    codes = [os.waitstatus_to_exitcode(os.waitpid(p, 0)[1]) for p in pids]
    assert codes == [0] * len(files), [p.read_text() for p in tmp_path.glob("err-*")]
    engine = open_store(store_url)
    together = canonical_dump(engine)
    assert check_store(engine).ok
    engine.dispose()
    assert together["documents"] and together["versions"]
    alone = dump_after(f"sqlite:///{tmp_path / 'serial.db'}", files)
    # documents are owned by the issue that stored them first: compare what does not depend on it
    for table in ("issue_sources", "appearances", "nodes", "relations", "versions", "appointments", "events", "totals"):
        assert together[table] == alone[table], table
    assert sorted(r[0] for r in together["documents"]) == sorted(r[0] for r in alone["documents"])


def test_citing_the_same_title_does_not_serialize_writers(store, store_url):
    """PostgreSQL: two ingests that only cite the same title hold shared locks and proceed together;
    an ingest storing a document of that title waits for them (exclusive)."""
    if not store_url.startswith("postgresql"):
        return  # SQLite serializes writers with BEGIN IMMEDIATE: nothing to test
    import sqlalchemy as sa

    from gongbao.store.ingest import lock_keys

    one, two, three = store.connect(), store.connect(), store.connect()
    try:
        t1, t2 = one.begin(), two.begin()
        lock_keys(one, {"甲"}, shared={"中华人民共和国行政处罚法"})
        two.exec_driver_sql("SET LOCAL lock_timeout = '2s'")
        lock_keys(two, {"乙"}, shared={"中华人民共和国行政处罚法"})  # does not wait
        t3 = three.begin()
        three.exec_driver_sql("SET LOCAL lock_timeout = '300ms'")
        with pytest.raises(sa.exc.OperationalError, match="lock timeout"):
            lock_keys(three, {"中华人民共和国行政处罚法"})  # storing that title waits for the citers
        t3.rollback()
        t1.rollback()
        t2.rollback()
    finally:
        for c in (one, two, three):
            c.close()


def test_a_clean_text_and_its_damaged_copy_give_one_store_in_either_order(tmp_path):
    """The 1987 gazette and its OCR copy (tests/data/gazettes/gwyb-1987-*layout.txt, the damage listed
    in gwyb-1987-ocr-layout.damage.md): the same works and versions, two texts. Whichever arrives
    first, the clean text is the stored one and the damaged one is kept as its other expression —
    before, the last file ingested won (the OCR copy replaced the clean text)."""
    gazettes = Path(__file__).parent / "data" / "gazettes"
    clean, ocr = gazettes / "gwyb-1987-layout.txt", gazettes / "gwyb-1987-ocr-layout.txt"
    first = dump_after(f"sqlite:///{tmp_path / 'a.db'}", [clean, ocr])
    second = dump_after(f"sqlite:///{tmp_path / 'b.db'}", [ocr, clean])
    assert first == second
    engine = open_store(f"sqlite:///{tmp_path / 'a.db'}")
    with engine.connect() as conn:
        texts = [t for (t,) in conn.execute(sa.text("SELECT text FROM documents"))]
    assert not any("国 务 院" in t for t in texts)  # the letter-spaced OCR title is not the stored text
    engine.dispose()
