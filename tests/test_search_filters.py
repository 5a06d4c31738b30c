"""As-of and in-force search return the same hits as a scan, for frequent words (issue #16).

The store is the search bench's synthetic corpus (documents cloned from the sample gazette, dates
2000–2030, one in ten repealed), small enough for a test. ``window`` is set far below the number
of matches, as a frequent word meets ``RANK_WINDOW`` on a large store: the filters must apply
before the window is cut (before the fix, ``市`` as of 2012-06-01 found 0 hits of thousands).
The oracle is a scan written here in Python from the documented rules, not the search SQL.
"""

from __future__ import annotations

import importlib.util
from datetime import date

import pytest

from conftest import ROOT
from gongbao.errors import InputError
from gongbao.query.search import search

spec = importlib.util.spec_from_file_location("bench_search", ROOT / "bench" / "search.py")
assert spec and spec.loader
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)

FREQUENT = ["市", "燃气", "管理", "责任单位"]
DAYS = [date(2012, 6, 1), date(2021, 3, 15)]


def oracle(engine, word: str, day: date, in_force: bool) -> set[int]:
    """Node ids a scan finds: text contains ``word``, published by ``day``, (in force on ``day``)."""
    with engine.connect() as conn:
        docs = {
            r.id: r
            for r in conn.exec_driver_sql(
                "SELECT id, work_key, published_date, valid_from, expiry_date FROM documents"
            ).all()
        }
        repealed: dict[str, list[date | None]] = {}  # a repeal applies to the work (every version)
        for r in conn.exec_driver_sql(
            "SELECT target_work_key, since FROM relations WHERE kind IN ('repeals', 'supersedes') "
            "AND target_work_key IS NOT NULL"
        ).all():
            repealed.setdefault(r.target_work_key, []).append(r.since)
        rows = conn.exec_driver_sql("SELECT id, document_id, text FROM nodes").all()

    def as_date(v):
        return date.fromisoformat(v) if isinstance(v, str) else v

    def keep(doc_id: int) -> bool:
        d = docs[doc_id]
        pub, start, end = as_date(d.published_date), as_date(d.valid_from), as_date(d.expiry_date)
        if pub is not None and pub > day:
            return False
        if not in_force:
            return True
        if any(s is None or as_date(s) <= day for s in repealed.get(d.work_key, [])):
            return False
        if end is not None and end < day:
            return False
        return not (start is not None and start > day)

    return {r.id for r in rows if word in "".join(r.text.split()) and keep(r.document_id)}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def corpus(request, tmp_path_factory):
    from conftest import _pg_reachable, drop_pg_schema, pg_schema_url
    from gongbao.store import open_store

    if request.param == "sqlite":
        engine = open_store(f"sqlite:///{tmp_path_factory.mktemp('f') / 'c.db'}")
        bench.synthesize(engine, 4000)
        yield engine
        engine.dispose()
        return
    if err := _pg_reachable():
        import os

        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"PostgreSQL unreachable in CI: {err}")
        pytest.skip(f"PostgreSQL unreachable: {err}")
    import uuid

    schema = f"t_{uuid.uuid4().hex[:12]}"
    engine = open_store(pg_schema_url(schema))
    bench.synthesize(engine, 4000)
    yield engine
    engine.dispose()
    drop_pg_schema(schema)


def _ids(engine, hits) -> set[int]:
    """Node ids of hits (looked up by document ref and eid)."""
    import sqlalchemy as sa

    out = set()
    with engine.connect() as conn:
        for h in hits:
            out.add(
                conn.execute(
                    sa.text(
                        "SELECT n.id FROM nodes n JOIN documents d ON d.id = n.document_id WHERE d.ref = :r AND n.eid = :e"
                    ),
                    {"r": h.document, "e": h.eid},
                ).scalar_one()
            )
    return out


def test_the_words_are_frequent(corpus):
    """Each word matches far more nodes than the window of 30 used below, and some are repealed."""
    for word in FREQUENT:
        assert len(search(corpus, word, limit=100_000, window=None)) > 100, word
    states = {h.state for h in search(corpus, "市", as_of=date(2031, 1, 1), limit=100_000, window=None)}
    assert "repealed" in states and "in_force" in states


@pytest.mark.parametrize("word", FREQUENT)
@pytest.mark.parametrize("in_force", [False, True], ids=["as_of", "in_force"])
def test_filtered_search_equals_scan(corpus, word, in_force):
    for day in DAYS:
        expected = oracle(corpus, word, day, in_force)
        assert expected, (word, day)
        every = search(corpus, word, as_of=day, in_force=in_force, limit=100_000, window=None)
        assert _ids(corpus, every) == expected
        # A window far below the number of matches still returns a full page of true matches.
        windowed = search(corpus, word, as_of=day, in_force=in_force, limit=20, window=30)
        assert len(windowed) == min(20, len(expected))
        assert _ids(corpus, windowed) <= expected
        if in_force:
            assert {h.state for h in windowed} == {"in_force"}


@pytest.mark.parametrize("in_force", [False, True], ids=["as_of", "in_force"])
def test_search_page_counts_and_ranks_what_search_finds(corpus, in_force):
    """The API's one pass: facets counted in SQL without reading text equal counts over every hit
    ``search`` returns, and its pages are ``search``'s order."""
    from collections import Counter

    from gongbao.query.search import search_page

    day = DAYS[1]
    for word in ("燃气", "责任单位"):
        every = search(corpus, word, as_of=day, in_force=in_force, limit=100_000, window=None)
        _, counted = search_page(corpus, word, as_of=day, in_force=in_force, window=1_000_000)
        assert Counter(counted) == Counter((h.kind, h.title, h.state) for h in every), word
        pages = [
            h
            for k in range(3)
            for h in search_page(corpus, word, as_of=day, in_force=in_force, offset=7 * k, limit=7, window=10**6)[0]
        ]
        assert [(h.document, h.eid) for h in pages] == [(h.document, h.eid) for h in every[:21]]
        # a bounded window counts at most that many matches, every one of them true
        _, few = search_page(corpus, word, as_of=day, in_force=in_force, window=25)
        assert len(few) == min(25, len(counted)) and not Counter(few) - Counter(counted)
    repealed, _ = search_page(corpus, "燃气", as_of=date(2031, 1, 1), state="repealed", limit=50, window=10**6)
    assert repealed and {h.state for h in repealed} == {"repealed"}


def test_pages_and_state_filter(corpus):
    """Pages (offset) tile the ranked list; ``state`` keeps the hits in that state, none lost."""
    day = date(2031, 1, 1)
    whole = search(corpus, "市", as_of=day, limit=60)
    paged = [h for k in range(3) for h in search(corpus, "市", as_of=day, limit=20, offset=20 * k)]
    assert [(h.document, h.eid) for h in paged] == [(h.document, h.eid) for h in whole]
    every = search(corpus, "燃气", as_of=day, limit=100_000, window=None)
    for state in ("in_force", "repealed"):
        kept = search(corpus, "燃气", as_of=day, state=state, limit=100_000, window=None)
        assert kept and {(h.document, h.eid) for h in kept} == {(h.document, h.eid) for h in every if h.state == state}
    with pytest.raises(InputError):
        search(corpus, "燃气", state="gone")
