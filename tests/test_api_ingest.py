"""Writes do not stall reads: a real server (uvicorn on a socket) answers reads in < 50 ms while an
upload is parsed (in a worker process) and stored (in a thread)."""

from __future__ import annotations

import socket
import statistics
import threading
import time
from pathlib import Path

import httpx
import pytest

from gongbao.api import create_app

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "liaocheng-2024-11-12.txt"
TOKEN = "t0ken"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path):
    import uvicorn

    from test_web_pages import build_store

    url = f"sqlite:///{tmp_path / 'srv.db'}"
    build_store(url)
    port = _free_port()
    config = uvicorn.Config(create_app(url, token=TOKEN), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    th = threading.Thread(target=srv.run, daemon=True)
    th.start()
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            httpx.get(base + "/api/v1/issues", timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.05)
    yield base
    srv.should_exit = True
    th.join(timeout=10)


def test_reads_answer_fast_during_an_upload(server):
    # another issue's content (a word changed throughout): parsed and stored for real
    body = SAMPLE.read_bytes().replace("拒载".encode(), "拒绝载客".encode())
    result: dict[str, httpx.Response] = {}

    def upload() -> None:
        with httpx.Client(timeout=120) as c:
            result["r"] = c.post(
                server + "/api/v1/ingest",
                params={"filename": "copy.txt"},
                content=body,
                headers={"Authorization": f"Bearer {TOKEN}", "content-type": "text/plain"},
            )

    latencies: list[float] = []
    with httpx.Client(timeout=10) as c:
        idle = []
        for _ in range(30):
            t = time.perf_counter()
            c.get(server + "/api/v1/status", params={"ref": "聊城市人民政府令第34号", "as_of": "2025-01-01"})
            idle.append(time.perf_counter() - t)
        th = threading.Thread(target=upload)
        th.start()
        while th.is_alive():
            t = time.perf_counter()
            res = c.get(server + "/api/v1/status", params={"ref": "聊城市人民政府令第34号", "as_of": "2025-01-01"})
            latencies.append(time.perf_counter() - t)
            assert res.status_code == 200
            time.sleep(0.002)  # (an upload now takes ~0.2 s: read often enough to measure during it)
        th.join()
    assert result["r"].status_code in (200, 201), result["r"].text
    assert result["r"].json()["ingested"]["issue_id"]
    assert len(latencies) > 10, "the upload finished before reads could be measured"
    median = statistics.median(latencies)
    p90 = sorted(latencies)[int(len(latencies) * 0.9)]
    print(
        f"reads idle: median={statistics.median(idle) * 1000:.1f} ms; during upload: n={len(latencies)}"
        f" median={median * 1000:.1f} ms p90={p90 * 1000:.1f} ms"
    )
    assert median < 0.05, f"median read {median * 1000:.0f} ms during an upload"
