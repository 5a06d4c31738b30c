"""REST API and web pages over a store holding the sample: same answers as the CLI, escaped pages,
token-guarded writes, one error shape."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from gongbao.api import create_app

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "liaocheng-2024-11-12.txt"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = tmp_path_factory.mktemp("api") / "api.db"
    c = TestClient(create_app(f"sqlite:///{db}", token="s3cret"))
    res = c.post(
        "/api/v1/ingest?filename=sample.txt", content=SAMPLE.read_bytes(), headers={"Authorization": "Bearer s3cret"}
    )
    assert res.status_code == 201, res.text
    return c


def test_ingest_needs_the_token(client):
    res = client.post("/api/v1/ingest", content=b"x", headers={"Authorization": "Bearer wrong"})
    assert res.status_code == 401
    assert res.json()["error"]["code"] == "unauthorized"


def test_writes_disabled_without_a_token(tmp_path):
    c = TestClient(create_app(f"sqlite:///{tmp_path / 'w.db'}", token=None))
    res = c.post("/api/v1/ingest", content=SAMPLE.read_bytes())
    assert res.status_code == 403 and res.json()["error"]["code"] == "writes_disabled"


def test_error_shape_is_pinned(client):
    res = client.get("/api/v1/status", params={"ref": "聊政办字〔2024〕17号", "as_of": "2025-13-01"})
    assert res.status_code == 400
    assert res.json() == {
        "schema": "gongbao.api/1",
        "error": {"code": "bad_date", "message": "not an ISO date (YYYY-MM-DD): '2025-13-01'"},
    }


def test_status_as_of(client):
    st = client.get("/api/v1/status", params={"ref": "聊政办字〔2024〕17号", "as_of": "2027-02-01"}).json()["status"]
    assert st["state"] == "expired"
    st = client.get("/api/v1/status", params={"ref": "聊城市人民政府令第34号", "as_of": "2025-01-01"}).json()["status"]
    assert st["state"] == "repealed" and st["repealed_by"] == "聊城市人民政府令第48号"


def test_search_finds_the_article(client):
    hits = client.get("/api/v1/search", params={"q": "拒载"}).json()["hits"]
    assert any(
        h["title"] == "聊城市巡游出租汽车经营服务管理办法" and "第二十九条" in (h["citation"] or "") for h in hits
    )


def test_pages_render_and_escape(client, tmp_path):
    assert "聊城市人民政府令第48号" in client.get("/").text
    page = client.get("/search", params={"q": "<script>alert(1)</script>"}).text
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    doc = client.get("/doc", params={"ref": "聊政办字〔2024〕17号"})
    assert doc.status_code == 200 and "第二十八条" in doc.text


def test_unknown_document_is_404_json(client):
    res = client.get("/api/v1/document", params={"ref": "不存在的文件"})
    assert res.status_code == 404 and res.json()["error"]["code"] == "not_found"
