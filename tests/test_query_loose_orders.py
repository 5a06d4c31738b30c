"""An order number typed without its issuer's full name (市政府令第48号, 第48号令) finds the one
stored order it fits, and names every one when several fit — never one picked in silence.

Store: the sample (聊城市人民政府令第48号, read from its header 聊城市人民政府令 / 第48号) and the real
中华人民共和国主席令（第四十八号） of 2011 (tests/data/store/README.md), whose number line prints the
serial in Chinese numerals inside brackets under the issuer line."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import cli

from gongbao.errors import CitationError
from gongbao.grammar.forms import forms
from gongbao.pipeline import parse_path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "liaocheng-2024-11-12.txt"
ORDER48 = ROOT / "tests" / "data" / "store" / "npcsc-iit-2011-order48.txt"


@pytest.mark.parametrize(("typed", "issuer", "serial"), forms()["loose_order_number"]["examples"])
def test_loose_order_number_reads_issuer_and_serial(typed: str, issuer: str, serial: int) -> None:
    from gongbao.grammar.docnumber import loose_order_number

    assert loose_order_number(typed) == (issuer, serial)


@pytest.mark.parametrize("typed", forms()["loose_order_number"]["not_examples"])
def test_loose_order_number_refuses_other_numbers(typed: str) -> None:
    from gongbao.grammar.docnumber import loose_order_number

    assert loose_order_number(typed) is None


def test_bracketed_chinese_serial_under_the_issuer_line_is_the_orders_number() -> None:
    issue = parse_path(ORDER48)
    order = issue.documents[0]
    assert order.doc_number == "中华人民共和国主席令第48号"
    assert order.kind == "令"
    assert str(order.effective_date) == "2011-09-01"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    from gongbao.store import ingest_issue, open_store

    db = f"sqlite:///{tmp_path_factory.mktemp('loose') / 'g.db'}"
    ingest_issue(open_store(db), parse_path(SAMPLE))
    return db


def test_city_order_typed_with_its_level_only(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    for typed in ("市政府令第48号", "第48号令", "48号令", "政府令第48号"):
        code, out, err = cli(capsys, "status", typed, "--db", store, "--as-of", "2025-01-01")
        assert code == 0, (typed, err)
        assert out.startswith("聊城市人民政府令第48号 as of 2025-01-01"), (typed, out)


def test_a_level_the_order_is_not_of_finds_nothing(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "status", "省政府令第48号", "--db", store)
    assert code == 2 and "省政府令第48号" in err


def test_two_orders_of_one_serial_are_both_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from gongbao.query.status import status
    from gongbao.store import ingest_issue, open_store

    db = f"sqlite:///{tmp_path / 'g.db'}"
    engine = open_store(db)
    ingest_issue(engine, parse_path(SAMPLE))
    ingest_issue(engine, parse_path(ORDER48))
    code, _, err = cli(capsys, "links", "第48号令", "--db", db)
    assert code == 2
    assert "聊城市人民政府令第48号" in err and "中华人民共和国主席令第48号" in err
    with pytest.raises(CitationError):
        status(engine, "令第48号")
    # a level or an issuer still tells them apart
    code, out, _ = cli(capsys, "status", "市政府令第48号", "--db", db)
    assert code == 0 and out.startswith("聊城市人民政府令第48号")
    code, out, _ = cli(capsys, "status", "主席令第48号", "--db", db)
    assert code == 0 and out.startswith("中华人民共和国主席令第48号")
