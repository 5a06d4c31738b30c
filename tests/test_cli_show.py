"""`gongbao show` through the real CLI: a unit of a document in a file, and a stored version by date."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "liaocheng-2024-11-12.txt"


def gongbao(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gongbao.cli", *args], capture_output=True, text=True, timeout=300)


def test_show_an_item_of_a_republished_regulation_from_the_file():
    res = gongbao("show", str(SAMPLE), "聊城市巡游出租汽车经营服务管理办法", "--at", "第二十九条第（三）项")
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "（三）拒载、途中甩客、故意绕道行驶、离开驾驶座位揽客；"


def test_show_a_paragraph_continued_across_a_page_jump():
    res = gongbao("show", str(SAMPLE), "聊政办字〔2024〕20号", "--at", "第二十三条第三款")
    assert res.returncode == 0, res.stderr
    assert "具备有关法律、法规规定证照的单位。" in res.stdout


def test_show_from_the_store_by_date(tmp_path):
    db = f"sqlite:///{tmp_path / 'kb.db'}"
    assert gongbao("ingest", str(SAMPLE), "--db", db).returncode == 0
    res = gongbao("show", "聊城市燃气管理办法", "--as-of", "2025-01-01", "--db", db, "--at", "第十五条")
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "第十五条 燃气经营企业从事气瓶充装业务的，应当取得省级特种设备安全监督管理部门许可。"
    before = gongbao("show", "聊城市燃气管理办法", "--as-of", "2024-11-10", "--db", db)
    assert before.returncode == 2 and "no stored version" in before.stderr


def test_unknown_citation_is_a_one_line_error():
    res = gongbao("show", str(SAMPLE), "聊城市燃气管理办法", "--at", "第九十九条")
    assert res.returncode == 2 and "第九十九条" in res.stderr and "Traceback" not in res.stderr


def test_show_from_the_store_resolves_the_node_ids_search_gives(tmp_path):
    """A table row's id as search returns it (the stored tree, a table read by its printed columns)
    is the row `show --db` prints: 环境保护税法 附表一 (tests/data/gazettes/gwyb-2019-tables-layout,
    its truth by reading in gwyb-2019-tables-layout.blind.json) — before, show parsed the stored text
    again without its layout and row 9 did not exist."""
    from gongbao.pipeline import parse_path
    from gongbao.query.search import search
    from gongbao.store import ingest_issue, open_store

    db = f"sqlite:///{tmp_path / 'kb.db'}"
    ingest_issue(open_store(db), parse_path(ROOT / "tests" / "data" / "gazettes" / "gwyb-2019-tables-layout.txt"))
    (hit,) = [h for h in search(open_store(db, create=False), "每月11200元") if h.eid.startswith("annex_")]
    res = gongbao("show", "中华人民共和国环境保护税法", "--at", hit.eid, "--db", db)
    assert res.returncode == 0 and "每月11200元" in res.stdout, res.stderr
