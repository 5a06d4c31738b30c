"""Pages over a store holding the sample, plus a base and a decision that amends it (the audit law):
point in time, permalinks by eId and citation, cite data, versions, diff, effects, lists with
facets, tasks, alerts, downloads and feeds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from gongbao.api import create_app

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "liaocheng-2024-11-12.txt"
TRIPLES = ROOT / "tests" / "data" / "amend" / "triples"
TAXI = "聊城市巡游出租汽车经营服务管理办法"
AUDIT = "中华人民共和国审计法"
HTML = {"accept": "text/html"}


def build_store(url: str) -> None:
    from gongbao.consolidate import consolidate_issue
    from gongbao.pipeline import parse_path
    from gongbao.store import ingest_issue, open_store

    engine = open_store(url)
    for path in (SAMPLE, TRIPLES / "audit-2006-base.txt", TRIPLES / "audit-2021-decision.txt"):
        issue = parse_path(path)
        if ingest_issue(engine, issue).created:
            consolidate_issue(engine, issue)
    engine.dispose()


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'web.db'}"
    build_store(url)
    return TestClient(create_app(url, token="s3cret"))


def _status_line(html: str) -> str:
    m = re.search(r'id="status-line">(.*?)</strong>', html, re.S)
    assert m, "no status banner"
    return m.group(1)


def test_in_force_on_a_date_lists_regulations_republished_later(client):
    page = client.get("/", params={"as_of": "2024-06-01", "in_force": "true"}).text
    assert "聊城市燃气管理办法" in page and TAXI in page
    # documents signed after the date are not listed
    assert "聊政办字〔2024〕17号" not in page
    api = client.get("/api/v1/documents", params={"as_of": "2024-06-01", "in_force": "true"}).json()
    titles = {d["title"] for d in api["items"]}
    assert {"聊城市燃气管理办法", TAXI} <= titles
    assert api["total"] == len(api["items"]) and api["facets"]["kind"]


def test_facets_filter_and_count(client):
    api = client.get("/api/v1/documents", params={"kind": "通知", "per_page": 5}).json()
    assert all(d["kind"] == "通知" for d in api["items"]) and len(api["items"]) == 5
    assert api["total"] > 5
    kinds = dict((f["value"], f["count"]) for f in api["facets"]["kind"])
    assert kinds["通知"] == api["total"] and "令" in kinds  # other kinds still counted
    page2 = client.get("/api/v1/documents", params={"kind": "通知", "per_page": 5, "page": 2}).json()
    assert {d["ref"] for d in page2["items"]}.isdisjoint({d["ref"] for d in api["items"]})


def test_document_as_of_shows_old_then_consolidated_text(client):
    old = client.get(f"/doc/{AUDIT}", params={"as_of": "2021-12-31"}).text
    new = client.get(f"/doc/{AUDIT}", params={"as_of": "2022-01-01"}).text
    assert "republished" in old and "consolidated" in new
    # the 2021 decision split 第二条第一款 and added the Party's leadership
    assert "坚持中国共产党对审计工作的领导" in new and "坚持中国共产党对审计工作的领导" not in old
    assert "from 2022-01-01" in new and "to 2021-12-31" in old
    assert "Later changes known" in old
    # the API returns the same version (not the printed text under an "amended" status)
    api = client.get(f"/api/v1/documents/{AUDIT}", params={"as_of": "2022-06-01"}).json()
    assert api["version"]["origin"] == "consolidated" and "坚持中国共产党对审计工作的领导" in api["text"]
    legacy = client.get("/api/v1/document", params={"ref": AUDIT}).json()
    assert legacy["version"]["origin"] == "consolidated"


def test_permalink_by_citation_and_eid_focus_the_same_node(client):
    by_cite = client.get(f"/doc/{TAXI}/第二十九条第（三）项").text
    by_eid = client.get(f"/doc/{TAXI}/chp_4__art_29__para_1__point_3").text
    for page in (by_cite, by_eid):
        m = re.search(r'<div class="node k-item" id="([^"]+)" data-focus="true"', page)
        assert m and m.group(1) == "chp_4__art_29__para_1__point_3"
        assert f'data-cite="{TAXI}第二十九条第（三）项"' in page
    node = client.get(f"/api/v1/documents/{TAXI}/nodes/第二十九条第三项").json()
    assert node["cite"] == f"{TAXI}第二十九条第（三）项" and "拒载" in node["node"]["text"]
    assert node["url"].endswith("/chp_4__art_29__para_1__point_3")
    missing = client.get(f"/doc/{TAXI}/第九十九条", headers=HTML)
    assert missing.status_code == 404 and "第九十九条" in missing.text


def test_repealed_regulation_known_only_by_reference(client):
    page = client.get("/doc/聊城市人民政府令第34号", params={"as_of": "2025-01-01"}).text
    assert "repealed by 聊城市人民政府令第48号 since 2024-11-11" in _status_line(page)
    before = client.get("/doc/聊城市人民政府令第34号", params={"as_of": "2024-06-01"}).text
    assert "repealed" not in _status_line(before) and "Later changes known" in before


def test_decision_page_lists_instructions_with_linked_targets(client):
    page = client.get("/doc/聊城市人民政府令第48号").text
    table = page[page.index('<table id="effects">') :]
    rows = re.findall(r'<a href="([^"]+)" class="target">([^<]+)</a>', table)
    assert len(rows) > 50
    assert (
        "/doc/%E8%81%8A%E5%9F%8E%E5%B8%82%E7%87%83%E6%B0%94%E7%AE%A1%E7%90%86%E5%8A%9E%E6%B3%95/"
        "%E7%AC%AC%E4%B8%89%E6%9D%A1%E7%AC%AC%E4%B8%89%E6%AC%BE?as_of=2024-11-10",
        "第三条第三款",
    ) in rows
    assert "verdict-match" in table and "verdict-differs" in table
    api = client.get("/api/v1/documents/聊城市人民政府令第48号/effects").json()
    assert api["counts"]["match"] > 40
    repeal = [e for e in api["effects"] if e["action"] == "repeal_regulation"]
    assert repeal and repeal[0]["target_url"].startswith("/doc/")


def test_timeline_diff_and_article_history(client):
    tl = client.get(f"/api/v1/documents/{AUDIT}/versions").json()["versions"]
    assert [v["origin"] for v in tl] == ["republished", "consolidated"]
    page = client.get(f"/versions/{AUDIT}").text
    assert page.count("<li>") >= 2 and "2006-02-28" in page and "2022-01-01" in page
    diff = client.get(f"/diff/{AUDIT}").text
    assert "<ins>" in diff and "<del>" in diff
    api = client.get(f"/api/v1/documents/{AUDIT}/diff").json()
    art2 = next(r for r in api["rows"] if r["new"] == 2)
    assert art2["status"] == "changed"
    inserted = "".join(s["text"] for s in art2["segments"] if s["kind"] == "ins")
    assert "坚持中国共产党对审计工作的领导" in inserted
    hist = client.get(f"/api/v1/documents/{AUDIT}/articles/2/history").json()["changes"]
    assert [c["status"] for c in hist] == ["printed", "changed"]
    assert "第二条第一款" in (hist[1]["instruction"] or "")


def test_search_hits_open_the_node_and_escape(client):
    page = client.get("/search", params={"q": "拒载"}).text
    hrefs = re.findall(r'<a class="hit" href="([^"]+)"', page)
    assert any(h.endswith("/chp_4__art_29__para_1__point_3") for h in hrefs)
    assert "<mark>拒载</mark>" in page
    bad = client.get("/search", params={"q": "<script>alert(1)</script>"}).text
    assert "<script>alert(1)</script>" not in bad and "&lt;script&gt;" in bad


def test_tasks_by_unit_alias_with_deadlines(client):
    page = client.get("/tasks", params={"unit": "市生态环境局", "role": "lead", "as_of": "2026-01-01"}).text
    n = int(re.search(r'id="count">(\d+) tasks', page).group(1))
    assert n > 5
    assert 'class="deadline overdue"' in page  # deadlines before 2026 are marked
    api = client.get("/api/v1/tasks", params={"unit": "市生态环境局", "role": "lead"}).json()
    assert api["total"] == n and all(any("生态环境" in u for u in t["lead"]) for t in api["items"])
    ics = client.get("/tasks.ics", params={"unit": "市生态环境局", "role": "lead"})
    assert ics.headers["content-type"].startswith("text/calendar")
    assert ics.text.startswith("BEGIN:VCALENDAR\r\n") and "BEGIN:VEVENT" in ics.text
    assert all(len(line.encode()) <= 75 for line in ics.text.split("\r\n"))


def test_alert_page_shows_a_red_episode(client):
    data = (ROOT / "tests" / "data" / "rules" / "episode_red.csv").read_bytes()
    res = client.post("/alert", files={"series": ("episode_red.csv", data, "text/csv")})
    assert res.status_code == 200
    assert 'class="level-red"' in res.text and "data:image/svg+xml;base64," in res.text
    rules = client.get("/rules").text
    assert rules.count("<tr>") > 10 and "/doc/%E8%81%8A%E6%94%BF%E5%8A%9E%E5%AD%97" in rules


def test_downloads_json_markdown_and_akoma_ntoso(client):
    from gongbao.export.akn import validate

    tl = client.get(f"/api/v1/documents/{AUDIT}/versions").json()["versions"]
    for v in tl:
        akn = client.get(f"/export/{AUDIT}", params={"format": "akn", "version": v["id"]})
        assert akn.status_code == 200 and akn.headers["content-type"].startswith("application/akn+xml")
        assert validate(akn.content) == []
    md = client.get(f"/export/{TAXI}", params={"format": "md"}).text
    assert md.startswith(f"# {TAXI}") and "第二十九条" in md
    js = client.get(f"/export/{TAXI}", params={"format": "json"}).json()
    assert js["schema"] == "gongbao.document/1" and js["body"]["children"]
    assert client.get(f"/export/{TAXI}", params={"format": "exe"}).status_code == 422


def test_atom_feed_and_issue_toc(client):
    feed = client.get("/feed.atom")
    assert feed.headers["content-type"].startswith("application/atom+xml")
    assert feed.text.count("<entry>") == 25
    issues = client.get("/api/v1/issues").json()["items"]
    sample = next(i for i in issues if i["n_documents"] == 23)
    page = client.get(f"/issues/{sample['id']}").text
    assert 'id="issue-toc"' in page and "关于修改和废止部分市政府规章的决定" in page


def test_pages_have_landmarks_labels_and_lang(client):
    for url in ("/", f"/doc/{TAXI}", "/search?q=燃气", "/tasks", "/alert", "/people"):
        page = client.get(url).text
        assert '<html lang="zh-CN">' in page and "<main" in page and "<nav" in page and 'class="skip"' in page
        for m in re.finditer(r'<input id="([^"]+)"', page):
            assert f'for="{m.group(1)}"' in page, f"{url}: input {m.group(1)} has no label"


def test_a_unit_is_found_by_any_of_its_names(client):
    full = client.get("/api/v1/tasks", params={"unit": "市发展和改革委员会", "role": "lead"}).json()
    short = client.get("/api/v1/tasks", params={"unit": "市发改委", "role": "lead"}).json()
    assert full["total"] > 0 and full["total"] == short["total"]
    page = client.get("/tasks", params={"unit": "市发改委", "role": "lead"}).text
    assert f'id="count">{full["total"]} tasks' in page
