"""The server's search cache never answers for a store that has changed (issue #16).

Every write transaction raises the store's generation; the API keeps a page of hits under the
generation it read. These tests change the store in the ways a server meets — an upload through
the API, an ingest by another process, a failed write — and check that the next answer is the
store's answer, not the kept one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from gongbao.api import create_app
from gongbao.pipeline import parse_path
from gongbao.query.cache import ResultCache, generation
from gongbao.store import ingest_issue, open_store
from gongbao.store.db import write_transaction

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "liaocheng-2024-11-12.txt"
#: a State Council Gazette layout of 2010 (real texts, locators in its README): 汶川 is only there
GWYB_2010 = ROOT / "tests" / "data" / "gazettes" / "gwyb-2010-layout.txt"
AUTH = {"Authorization": "Bearer s3cret"}


def _search(c: TestClient, q: str) -> dict:
    res = c.get("/api/v1/search", params={"q": q, "as_of": "2025-06-01"})
    assert res.status_code == 200, res.text
    return res.json()


def test_ingest_through_the_api_is_seen_at_once(store_url):
    c = TestClient(create_app(store_url, token="s3cret"))
    assert _search(c, "拒载")["total"] == 0
    res = c.post("/api/v1/ingest?filename=sample.txt", content=SAMPLE.read_bytes(), headers=AUTH)
    assert res.status_code == 201, res.text
    first = _search(c, "拒载")
    # 聊城市巡游出租汽车经营服务管理办法 第二十九条 forbids refusing passengers (拒载)
    assert first["total"] > 0 and any("第二十九条" in (h["citation"] or "") for h in first["hits"])
    kept = c.get("/api/v1/search", params={"q": "拒载", "as_of": "2025-06-01"})
    assert kept.json() == first and kept.headers["x-gongbao-cache"] == "hit"  # the same store: kept


def test_another_process_writing_is_seen(store_url):
    c = TestClient(create_app(store_url, token="s3cret"))
    assert _search(c, "汶川")["total"] == 0
    assert _search(c, "汶川")["total"] == 0  # now kept for this generation
    other = open_store(store_url)  # another writer: a CLI ingest, a cluster worker
    ingest_issue(other, parse_path(GWYB_2010))
    other.dispose()
    after = _search(c, "汶川")
    assert after["total"] > 0 and any("汶川地震灾后恢复重建" in h["title"] for h in after["hits"])


def test_generation_rises_with_each_write_and_only_then(store_url):
    engine = open_store(store_url)
    g0 = generation(engine)
    assert g0 is not None
    ingest_issue(engine, parse_path(SAMPLE))
    g1 = generation(engine)
    assert g1 is not None and g1 > g0
    with pytest.raises(RuntimeError), write_transaction(engine) as conn:
        conn.execute(sa.text("DELETE FROM events"))
        raise RuntimeError("a writer that fails")
    assert generation(engine) == g1  # rolled back: nothing changed, nothing to forget
    assert ingest_issue(engine, parse_path(SAMPLE)).created is False  # same content: no write kept
    engine.dispose()


def test_cache_is_bounded_and_keyed_by_generation(store_url):
    engine = open_store(store_url)
    cache = ResultCache(maxsize=2)
    calls: list[str] = []

    def answer(k: str) -> str:
        calls.append(k)
        return k.upper()

    assert [cache.get(engine, k, lambda k=k: answer(k)) for k in ("a", "b", "a", "c", "b")] == list("ABACB")
    assert calls == ["a", "b", "c", "b"] and len(cache) == 2  # b was the least recently used when c came
    with write_transaction(engine):
        pass  # an empty write transaction still says the store may have changed
    assert cache.get(engine, "a", lambda: answer("a")) == "A" and calls[-1] == "a"
    engine.dispose()


def test_kept_answers_etag_and_errors(tmp_path):
    c = TestClient(create_app(f"sqlite:///{tmp_path / 'k.db'}", token="s3cret"))
    assert c.post("/api/v1/ingest?filename=s.txt", content=SAMPLE.read_bytes(), headers=AUTH).status_code == 201
    q = {"q": "燃气", "as_of": "2025-06-01"}
    first = c.get("/api/v1/search", params=q)
    again = c.get("/api/v1/search", params=q)
    assert first.headers["x-gongbao-cache"] == "miss" and again.headers["x-gongbao-cache"] == "hit"
    assert again.content == first.content and again.headers["etag"] == first.headers["etag"]
    assert again.headers["content-security-policy"]  # the security headers are on kept answers too
    assert c.head("/api/v1/search", params=q).content == b""
    cond = c.get("/api/v1/search", params=q, headers={"If-None-Match": first.headers["etag"]})
    assert cond.status_code == 304 and cond.content == b""
    for _ in range(2):  # an error is answered afresh every time, never kept
        bad = c.get("/api/v1/search", params={"q": "燃气", "as_of": "2025-13-01"})
        assert bad.status_code == 400 and "x-gongbao-cache" not in bad.headers
    # a new upload changes the generation: the same question is answered again, with a new tag
    assert c.post("/api/v1/ingest?filename=g.txt", content=GWYB_2010.read_bytes(), headers=AUTH).status_code == 201
    after = c.get("/api/v1/search", params=q, headers={"If-None-Match": first.headers["etag"]})
    assert after.status_code == 200 and after.headers["x-gongbao-cache"] == "miss"
    assert after.headers["etag"] != first.headers["etag"]


def test_concurrent_askers_of_one_new_question_share_one_answer(tmp_path):
    import asyncio

    import httpx

    app = create_app(f"sqlite:///{tmp_path / 'c.db'}", token="s3cret")
    with TestClient(app) as c:
        assert c.post("/api/v1/ingest?filename=s.txt", content=SAMPLE.read_bytes(), headers=AUTH).status_code == 201

    async def ask_together() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            return await asyncio.gather(*(client.get("/api/v1/search", params={"q": "出租汽车"}) for _ in range(12)))

    # in a thread of its own: a browser test earlier in the session may leave this thread's loop running
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        answers = pool.submit(asyncio.run, ask_together()).result()
    how = [r.headers["x-gongbao-cache"] for r in answers]
    assert how.count("miss") == 1 and set(how) <= {"miss", "shared", "hit"}
    assert len({r.content for r in answers}) == 1


def test_kept_zero_answers_every_request_afresh(tmp_path):
    c = TestClient(create_app(f"sqlite:///{tmp_path / 'z.db'}", token="s3cret", kept=0))
    assert c.post("/api/v1/ingest?filename=s.txt", content=SAMPLE.read_bytes(), headers=AUTH).status_code == 201
    first, again = (c.get("/api/v1/search", params={"q": "燃气"}) for _ in range(2))
    assert first.json() == again.json() and first.json()["total"] > 0
    assert "x-gongbao-cache" not in again.headers and "etag" not in again.headers
