"""``gongbao serve --workers N``: several server processes answer the same search (issue #16)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "liaocheng-2024-11-12.txt"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_workers_answer_search_and_keep_the_token(tmp_path) -> None:
    db = str(tmp_path / "kb.db")
    subprocess.run(
        [sys.executable, "-m", "gongbao.cli", "ingest", str(SAMPLE), "--db", db, "--no-progress"],
        check=True,
        capture_output=True,
    )
    port = _free_port()
    env = {**os.environ, "MY_TOKEN": "s3cret"}
    cmd = [sys.executable, "-m", "gongbao.cli", "serve", "--db", db, "--port", str(port), "--workers", "2"]
    server = subprocess.Popen(
        [*cmd, "--token-env", "MY_TOKEN"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                httpx.get(base + "/api/v1/issues", timeout=2)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        r = httpx.get(base + "/api/v1/search", params={"q": "燃气", "per_page": 5}, timeout=30)
        assert r.status_code == 200
        body = r.json()
        assert 0 < len(body["hits"]) <= 5 and body["total"] >= len(body["hits"])
        assert sum(f["count"] for f in body["facets"]["state"]) == body["total"]
        assert all("燃气" in h["snippet"].replace("«", "").replace("»", "") for h in body["hits"])
        # page 2 continues page 1
        r2 = httpx.get(base + "/api/v1/search", params={"q": "燃气", "per_page": 5, "page": 2}, timeout=30)
        both = httpx.get(base + "/api/v1/search", params={"q": "燃气", "per_page": 10}, timeout=30)
        assert [h["eid"] for h in body["hits"] + r2.json()["hits"]] == [h["eid"] for h in both.json()["hits"]]
        # the workers read the token from the variable --token-env names: a wrong one is refused
        bad = httpx.post(base + "/api/v1/ingest", headers={"Authorization": "Bearer nope"}, content=b"x", timeout=30)
        assert bad.status_code in (401, 403)
        good = httpx.post(
            base + "/api/v1/ingest", headers={"Authorization": "Bearer s3cret"}, content=b"not a gazette", timeout=60
        )
        assert good.status_code not in (401, 403), good.text
        # two worker processes under the server
        kids = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split()
        assert len(kids) >= 2
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
