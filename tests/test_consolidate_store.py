"""A decision ingested after the text it amends: the store keeps a consolidated version, dated."""

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
    ingest_issue(engine, decision)
    done = consolidate_issue(engine, decision)
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

    # idempotent: a second run stores nothing more
    again = consolidate_issue(engine, decision)
    assert [x.version_id for x in again] == [None] and "already stored" in again[0].note


def test_decision_without_the_base_is_reported_not_guessed(store):
    decision = parse_path(DECISION)
    ingest_issue(store, decision)
    (c,) = consolidate_issue(store, decision)
    assert c.version_id is None and "no earlier version" in c.note
