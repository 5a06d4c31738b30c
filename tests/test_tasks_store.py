"""The task ledger stored at ingest (schema 6, ``gongbao.store.ledger``): a question reads only the
tasks it returns, and its answers are those of extracting every stored document again."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from gongbao.pipeline import parse_path
from gongbao.query.ledger import (
    StoredLedger,
    build_ledger,
    documents_from_store,
    filter_tasks,
    select_targets,
    unit_counts,
)
from gongbao.store import ingest_issue, open_store
from gongbao.store.ledger import fingerprint, ledger_state
from gongbao.store.schema import derived, schema_version, task_units, tasks

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "liaocheng-2024-11-12.txt"
PLANS = [ROOT / "tests" / "data" / "tasks" / n for n in ("kaifeng-daqi-2025.txt", "chaozhou-lantian-2019.txt")]


@pytest.fixture()
def store(tmp_path):
    engine = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    for p in [SAMPLE, *PLANS]:
        ingest_issue(engine, parse_path(p))
    return engine


def _keys(ts):
    return [(t.doc_number, t.position, t.eid, t.lead, t.cooperating, t.responsible, t.deadline) for t in ts]


QUESTIONS = [
    {},
    {"unit": "市发改委"},
    {"unit": "市生态环境局", "role": "lead"},
    {"unit": "生态环境"},
    {"role": "cooperating"},
    {"due_before": date(2025, 12, 31)},
    {"doc": "聊政发〔2024〕16号"},
    {"doc": "蓝天"},
    {"unit": "各县（市、区）人民政府", "role": "responsible", "due_before": date(2026, 12, 31)},
]


@pytest.mark.parametrize("question", QUESTIONS, ids=[str(q) for q in QUESTIONS])
def test_stored_answers_equal_extracting_every_document_again(store, question):
    again = build_ledger(documents_from_store(store))
    stored = StoredLedger.open(store)
    want = filter_tasks(again, **question)
    assert _keys(filter_tasks(stored, **question)) == _keys(want)
    assert stored.find(**question)[0] == len(want)


def test_the_whole_ledger_is_not_empty_and_units_and_targets_agree(store):
    again = build_ledger(documents_from_store(store))
    stored = StoredLedger.open(store)
    assert len(again.tasks) > 150  # the sample's plans and the two real plans
    assert [c.to_json() for c in unit_counts(stored)] == [c.to_json() for c in unit_counts(again)]
    for kw in ({}, {"goals": True}, {"unit": "市发改委"}, {"due_before": date(2025, 12, 31)}):
        got = [(t.position, g.to_json()) for t, g in select_targets(stored, **kw)]
        assert got == [(t.position, g.to_json()) for t, g in select_targets(again, **kw)]
    assert stored.warnings == again.warnings


def test_a_page_reads_only_its_tasks(store):
    stored = StoredLedger.open(store)
    total, first = stored.find(limit=10)
    _, second = stored.find(offset=10, limit=10)
    everything = stored.find()[1]
    assert total == len(everything) and len(first) == len(second) == 10
    assert _keys(first + second) == _keys(everything[:20])


def test_the_kaifeng_task_is_stored_with_its_five_units_and_deadline(store):
    # the truth of tests/data/tasks/README.md (kaifeng-daqi-2025), read from the stored rows
    stored = StoredLedger.open(store)
    _, found = stored.find(doc="开封市2025年大气污染防治")
    assert found, "the 开封 plan's task is stored"
    assert any(t.deadline == date(2025, 9, 30) and len(t.units()) == 5 for t in found)


def test_a_ledger_made_by_another_extractor_is_extracted_again(store):
    with store.begin() as conn:
        before = conn.execute(sa.select(sa.func.count()).select_from(tasks)).scalar()
        conn.execute(derived.update().values(fingerprint="an older gongbao"))
        conn.execute(task_units.delete())
        conn.execute(tasks.delete())
        assert ledger_state(conn)[0] is False
    stored = StoredLedger.open(store)  # re-extracts: the rows were made by another extractor
    with store.connect() as conn:
        assert ledger_state(conn)[0] is True
        assert conn.execute(sa.select(sa.func.count()).select_from(tasks)).scalar() == before
    assert stored.find()[0] > 150


def test_a_store_of_version_5_gets_its_ledger_when_opened(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = open_store(url)
    ingest_issue(engine, parse_path(SAMPLE))
    with engine.begin() as conn:
        n = conn.execute(sa.select(sa.func.count()).select_from(tasks)).scalar()
        for t in ("task_units", "tasks", "unit_aliases", "derived"):
            conn.exec_driver_sql(f"DROP TABLE {t}")
        conn.execute(schema_version.delete().where(schema_version.c.version >= 6))
    engine.dispose()
    again = open_store(url)
    with again.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(tasks)).scalar() == n > 0
        assert conn.execute(sa.select(derived.c.fingerprint)).scalar() == fingerprint()


def test_a_corrected_reissue_replaces_the_documents_tasks(tmp_path):
    # the same work and version printed again with one task's lead unit changed: the stored
    # ledger follows the new text (its old rows are gone, not kept beside the new ones)
    engine = open_store(f"sqlite:///{tmp_path / 's.db'}")
    text = PLANS[0].read_text(encoding="utf-8")
    ingest_issue(engine, parse_path(PLANS[0]))
    before = StoredLedger.open(engine).find()
    assert before[0] > 0
    lead = before[1][0].units()[0]
    changed = tmp_path / "corrected.txt"
    changed.write_text(text.replace(lead, "市城市管理局", 1), encoding="utf-8")
    ingest_issue(engine, parse_path(changed))
    total, after = StoredLedger.open(engine).find()
    assert total == before[0]
    assert "市城市管理局" in after[0].units() and lead not in after[0].units()[:1]


def test_check_reports_a_stale_ledger_and_repair_extracts_it_again(store):
    from gongbao.store.check import check_store, repair_store

    assert check_store(store).ok and check_store(store).counts["tasks"] > 150
    with store.begin() as conn:
        conn.execute(derived.update().values(fingerprint="an older gongbao"))
    rep = check_store(store)
    assert not rep.ok and any(p.startswith("task ledger:") for p in rep.problems)
    assert repair_store(store)["ledger_documents"] == rep.counts["documents"]
    assert check_store(store).ok


def test_a_stale_ledger_in_a_read_only_store_is_said_not_a_traceback(tmp_path):
    from gongbao.errors import StoreError

    path = tmp_path / "ro.db"
    engine = open_store(f"sqlite:///{path}")
    ingest_issue(engine, parse_path(PLANS[0]))
    with engine.begin() as conn:
        conn.execute(derived.update().values(fingerprint="an older gongbao"))
    engine.dispose()
    read_only = sa.create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    with pytest.raises(StoreError, match="check --repair"):
        StoredLedger.open(read_only)
