"""A search hit in a text that a stored decision has since changed says so: when the work's text in
force on the as-of date is a consolidated version (base + decision, printed in no stored
document), the hit quotes the text before it and carries ``superseded`` (since, by).

Texts: the real 2017 会计法 and the 2024 NPCSC decision amending it (tests/data/amend/README.md);
the decision takes effect on 2024-07-01 (本决定自2024年7月1日起施行) and rewrites 第二十三条
(五、将第二十三条修改为…), whose old words are 会计档案的保管期限和销毁办法."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from gongbao.pipeline import parse_path

TRIPLES = Path(__file__).resolve().parent / "data" / "amend" / "triples"
LAW = "中华人民共和国会计法"
DECISION = "全国人民代表大会常务委员会关于修改《中华人民共和国会计法》的决定"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from gongbao.store import ingest_issue, open_store

    eng = open_store(f"sqlite:///{tmp_path_factory.mktemp('sup') / 'g.db'}")
    for name in ("accounting-2017-base.txt", "accounting-2024-decision.txt"):
        ingest_issue(eng, parse_path(TRIPLES / name))
    return eng


def test_old_words_found_after_the_decision_are_marked_superseded(engine) -> None:  # type: ignore[no-untyped-def]
    from gongbao.query.search import search, search_page

    for hits in (
        search(engine, "保管期限和销毁办法", as_of=date(2025, 1, 1)),
        search_page(engine, "保管期限和销毁办法", as_of=date(2025, 1, 1))[0],
    ):
        law = [h for h in hits if h.document == LAW]
        assert law and law[0].citation is not None and law[0].citation.startswith("第二十三条")
        assert law[0].superseded == {"since": "2024-07-01", "by": DECISION}


def test_before_the_decision_the_same_hit_is_the_text_in_force(engine) -> None:  # type: ignore[no-untyped-def]
    from gongbao.query.search import search

    law = [h for h in search(engine, "保管期限和销毁办法", as_of=date(2024, 6, 30)) if h.document == LAW]
    assert law and law[0].superseded is None
