"""Web and API latency on a large store: does a page read only what it returns?

Builds a store holding the sample, then copies its documents (rows of ``documents`` with their
texts, under new refs) until the store has ``--documents`` documents (default 16,583: the store
issue #16 measured the document endpoint on: 2.9–3.8 s and +490 MB a request). Then times each
endpoint (median of ``--repeat`` requests, in process, TestClient) and the peak RSS growth.

    .venv/bin/python bench/web.py --documents 16583 --out bench/out/web-bench.json
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "liaocheng-2024-11-12.txt"
TAXI = "聊城市巡游出租汽车经营服务管理办法"


def build(url: str, n_docs: int) -> None:
    import sqlalchemy as sa

    from gongbao.consolidate import consolidate_issue
    from gongbao.pipeline import parse_path
    from gongbao.store import ingest_issue, open_store
    from gongbao.store.schema import documents

    engine = open_store(url)
    issue = parse_path(SAMPLE)
    ingest_issue(engine, issue)
    consolidate_issue(engine, issue)
    cols = [c.name for c in documents.columns if c.name != "id"]
    with engine.begin() as conn:
        have = conn.execute(sa.select(sa.func.count()).select_from(documents)).scalar_one()
        originals = conn.execute(sa.select(documents)).mappings().all()
        k = 0
        batch = []
        while have < n_docs:
            src = dict(originals[k % len(originals)])
            k += 1
            tag = f"（副本{k}）"
            row = {c: src[c] for c in cols}
            for c in ("ref", "title"):
                row[c] = (row[c] or "") + tag
            for c in ("ref_key", "title_key"):
                row[c] = (row[c] or "") + f"copy{k}"
            row["alias_key"] = None
            row["instrument_key"] = None
            batch.append(row)
            have += 1
            if len(batch) == 500:
                conn.execute(documents.insert(), batch)
                batch = []
        if batch:
            conn.execute(documents.insert(), batch)
    engine.dispose()


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--documents", type=int, default=16_583)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)

    from fastapi.testclient import TestClient

    from gongbao.api import create_app

    with tempfile.TemporaryDirectory() as d:
        url = f"sqlite:///{d}/bench.db"
        t = time.perf_counter()
        build(url, args.documents)
        built = time.perf_counter() - t
        client = TestClient(create_app(url))
        urls = {
            "document (API, as of today)": f"/api/v1/documents/{quote(TAXI)}",
            "document page, permalink by citation": f"/doc/{quote(TAXI)}/{quote('第二十九条第（三）项')}",
            "node (API)": f"/api/v1/documents/{quote(TAXI)}/nodes/{quote('第二十九条第三项')}",
            "status (API)": "/api/v1/status?ref=" + quote("聊城市人民政府令第34号"),
            "effects of order 48 (API)": f"/api/v1/documents/{quote('聊城市人民政府令第48号')}/effects",
            "search 拒载 (API)": "/api/v1/search?q=" + quote("拒载"),
            "list in force on 2024-06-01 (API, page 1)": "/api/v1/documents?as_of=2024-06-01&in_force=true",
        }
        out: dict[str, object] = {"documents": args.documents, "build_s": round(built, 1), "endpoints": {}}
        for name, u in urls.items():
            before = rss_mb()
            times = []
            for _ in range(args.repeat):
                t = time.perf_counter()
                res = client.get(u)
                times.append(time.perf_counter() - t)
                assert res.status_code == 200, (u, res.status_code, res.text[:200])
            med = statistics.median(times)
            out["endpoints"][name] = {
                "median_ms": round(med * 1000, 1),
                "max_rss_growth_mb": round(rss_mb() - before, 1),
            }  # type: ignore[index]
            print(f"{name:45} {med * 1000:8.1f} ms  +{rss_mb() - before:6.1f} MB peak RSS")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
