"""bench/search.py runs small and reports exact hit counts on both backends."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid

import pytest

from conftest import PG_URL, ROOT, _pg_reachable, drop_pg_schema


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_bench_small(tmp_path, backend):
    if backend == "postgresql" and (err := _pg_reachable()):
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"PostgreSQL unreachable in CI: {err}")
        pytest.skip(f"PostgreSQL unreachable: {err}")
    out = tmp_path / "bench.json"
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    cmd = [sys.executable, str(ROOT / "bench" / "search.py"), "--nodes", "3000", "--backend", backend,
           "--repeat", "1", "--sqlite", str(tmp_path / "b.db"), "--pg", PG_URL, "--pg-schema", schema,
           "--out", str(out)]  # fmt: skip
    try:
        subprocess.run(cmd, check=True, capture_output=True, timeout=600)
    finally:
        if backend == "postgresql":
            drop_pg_schema(schema)
    (res,) = json.loads(out.read_text())["results"]
    assert res["build"]["nodes"] == 3000 and res["build"]["index_bytes"] > 0
    assert {q["chars"] for q in res["queries"]} == {1, 2, 3, 6}
    assert all(q["exact"] in (True, "n/a") for q in res["queries"])
    assert all(q["p50_ms"] > 0 and q["p95_ms"] >= q["p50_ms"] for q in res["queries"])
