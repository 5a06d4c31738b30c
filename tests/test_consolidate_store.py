"""A decision and the text it amends, in one ingest transaction each: the store keeps a
consolidated version, dated, whatever the order of ingestion."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from gongbao.amend.engine import apply_decision_text
from gongbao.amend.regtext import render
from gongbao.consolidate import consolidate_issue
from gongbao.pipeline import parse_path
from gongbao.query.docs import version_as_of
from gongbao.store import ingest_issue

TRIPLES = Path(__file__).resolve().parent / "data" / "amend" / "triples"
BASE = TRIPLES / "audit-2006-base.txt"
DECISION = TRIPLES / "audit-2021-decision.txt"
WORK = "中华人民共和国审计法"


def test_decision_after_base_makes_a_dated_version(store):
    engine = store
    ingest_issue(engine, parse_path(BASE))
    decision = parse_path(DECISION)
    res = ingest_issue(engine, decision)  # consolidation is part of the ingest transaction
    done = list(res.consolidated)
    assert [(c.work, c.made_by is not None, c.version_id is not None) for c in done] == [(WORK, True, True)]
    (c,) = done
    assert c.valid_from is not None and c.valid_from.isoformat() == "2022-01-01"

    assert version_as_of(engine, WORK).origin == "consolidated"  # today
    assert version_as_of(engine, WORK, date(2021, 12, 31)).origin != "consolidated"
    new = version_as_of(engine, WORK, date(2022, 1, 1))
    expected = render(
        apply_decision_text(BASE.read_text(encoding="utf-8"), DECISION.read_text(encoding="utf-8")).regulation
    ).rstrip("\n")
    # the stored text is what `gongbao apply` prints, apart from the history line the version records
    assert new.text.splitlines()[2:] == expected.splitlines()[2:]
    assert new.made_by == c.made_by

    # idempotent: running it again (or ingesting again) stores nothing more, the same version stays
    again = consolidate_issue(engine, decision)
    assert [x.version_id for x in again] == [c.version_id]
    assert not ingest_issue(engine, decision).created
    assert version_as_of(engine, WORK, date(2022, 1, 1)).text == new.text


def test_decision_without_the_base_waits_for_it(store):
    decision = parse_path(DECISION)
    (c,) = ingest_issue(store, decision).consolidated
    assert c.version_id is None and "no earlier version" in c.note and "when it arrives" in c.note
    # the base arrives: the decision stored first is applied in the base's transaction
    res = ingest_issue(store, parse_path(BASE))
    (c,) = res.consolidated
    assert c.version_id is not None and c.valid_from == date(2022, 1, 1)
    assert version_as_of(store, WORK, date(2022, 1, 1)).origin == "consolidated"
