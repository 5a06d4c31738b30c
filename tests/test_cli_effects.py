"""``gongbao effects REF``: what order No. 48 changed, from the store, checked against the texts it
made. Truth: the sample's gold (tests/data/liaocheng-2024-11-12.decision48.json, written by reading:
instructions 15, 18 and 35 differ from the republished texts, instruction 三 repeals
聊城市城市地下管线规划管理办法, 令第34号, whose text the issue does not print)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from tests.conftest import cli

from gongbao.pipeline import parse_path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "liaocheng-2024-11-12.txt"
GOLD = json.loads((ROOT / "tests" / "data" / "liaocheng-2024-11-12.decision48.json").read_text())


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    from gongbao.store import ingest_issue, open_store

    db = f"sqlite:///{tmp_path_factory.mktemp('effects') / 'g.db'}"
    ingest_issue(open_store(db), parse_path(SAMPLE))
    return db


def test_effects_text_names_each_work_and_the_instructions_that_differ(
    store: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = cli(capsys, "effects", "市政府令第48号", "--db", store)
    assert code == 0, err
    assert out.startswith("聊城市人民政府令第48号  聊城市人民政府关于修改和废止部分市政府规章的决定")
    assert "聊城市燃气管理办法 (聊城市人民政府令第32号): applied" in out
    assert "聊城市巡游出租汽车经营服务管理办法 (聊城市人民政府令第33号): applied" in out
    assert "聊城市城市地下管线规划管理办法 (聊城市人民政府令第34号): repealed" in out
    differs = {int(m.group(1)) for m in re.finditer(r"^\s+(\d+)\. .*\bdiffers: ", out, re.M)}
    assert differs == {x["n"] for x in GOLD["instructions"] if x["verdict"] == "differs"}


def test_effects_json_counts_every_operation(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "effects", "聊城市人民政府令第48号", "--db", store, "--format", "json")
    assert code == 0
    j = json.loads(out)
    assert j["schema"] == "gongbao.effects/1"
    assert sum(j["counts"].values()) == len(j["effects"])
    numbered = {e["n"] for e in j["effects"] if e["n"] is not None}
    assert numbered == {x["n"] for x in GOLD["instructions"] if x["n"] is not None}


def test_effects_of_a_document_without_instructions_is_refused(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "effects", "聊政字〔2024〕15号", "--db", store)
    assert code == 2 and out == ""
    assert "no amendment or repeal instructions" in err


def test_links_do_not_repeat_an_amended_work_as_a_citation(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    """令第48号 names 聊城市燃气管理办法 in its instructions: it amends it (and promulgates the text
    republished under it); a citation besides is noise. A document that only cites keeps its citation."""
    code, out, _ = cli(capsys, "links", "聊城市人民政府令第48号", "--db", store, "--format", "json")
    assert code == 0
    kinds = {(x["kind"], x["document"]) for x in json.loads(out)["outgoing"]}
    assert ("amends", "聊城市燃气管理办法") in kinds and ("cites", "聊城市燃气管理办法") not in kinds
    assert ("repeals", "聊城市人民政府令第34号") in kinds
    code, out, _ = cli(capsys, "links", "聊政字〔2024〕15号", "--db", store, "--format", "json")
    cited = [x for x in json.loads(out)["outgoing"] if x["kind"] == "cites"]
    assert cited and all(x["document"] != "鲁政字〔2024〕102号" for x in cited)


def test_a_date_before_the_earliest_stored_text_says_what_the_store_holds(
    store: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The sample republishes 聊城市燃气管理办法 as 令第48号 left it (from 2024-11-11); its earlier text is
    in no stored issue: asked for 2024-01-01, the answer names the earliest stored text and its maker."""
    code, out, err = cli(capsys, "show", "聊城市燃气管理办法", "--as-of", "2024-01-01", "--db", store)
    assert code == 2 and out == ""
    assert "the earliest stored text is valid from 2024-11-11 (republished by 聊城市人民政府令第48号)" in err
    code, out, _ = cli(capsys, "show", "聊城市燃气管理办法", "--as-of", "2025-01-01", "--db", store, "--at", "第十五条")
    assert code == 0 and out.startswith("第十五条")
