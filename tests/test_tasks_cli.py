"""Task ledger queries and commands on the sample, from the file and from the store (issue #7)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gongbao.cli import app, main
from gongbao.query.ledger import build_ledger, documents_from_store, filter_tasks, select_targets, unit_counts

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "liaocheng-2024-11-12.txt"
DATA = ROOT / "tests" / "data" / "tasks"
runner = CliRunner()

CLAUSES_PER_PLAN = {
    "聊政字〔2024〕15号": 42,
    "聊政字〔2024〕18号": 19,
    "聊政字〔2024〕19号": 21,
    "聊政字〔2024〕20号": 34,
    "聊政办字〔2024〕16号": 17,
    "聊政办字〔2024〕23号": 16,
    "聊政办字〔2024〕24号": 20,
    "聊政办字〔2024〕25号": 14,
}


@pytest.fixture(scope="module")
def ledger(sample_issue):
    return build_ledger(sample_issue.documents)


def test_every_plan_of_the_sample(ledger) -> None:
    counts: dict[str, int] = {}
    for t in ledger.tasks:
        counts[t.doc_number] = counts.get(t.doc_number, 0) + 1
    assert counts == CLAUSES_PER_PLAN


@pytest.mark.parametrize(
    "gold_file", ["liaocheng-2024-11-12.lzz-2024-18.json", "liaocheng-2024-11-12.lzbz-2024-23.json"]
)
def test_gold_through_the_pipeline(ledger, gold_file: str) -> None:
    # The pipeline's re-joined text and body tree give the same ledger as the hand-checked gold.
    gold = json.loads((DATA / gold_file).read_text(encoding="utf-8"))
    tasks = filter_tasks(ledger, doc=gold["doc_number"])
    assert [(t.position, t.eid, list(t.lead), list(t.cooperating), list(t.responsible)) for t in tasks] == [
        (g["position"], g["eid"], g["lead"], g["cooperating"], g["responsible"]) for g in gold["tasks"]
    ]
    assert [len(t.targets) for t in tasks] == [len(g.get("targets", [])) for g in gold["tasks"]]


def test_unit_query_matches_aliases(ledger) -> None:
    by_short = filter_tasks(ledger, unit="市发展改革委", role="lead")
    assert filter_tasks(ledger, unit="市发展和改革委员会", role="lead") == by_short
    assert filter_tasks(ledger, unit="市发改委", role="lead") == by_short
    assert len(by_short) == 43
    # 20号 prints 市住房和城乡建设局 where the others print 市住房城乡建设局: one unit.
    housing = filter_tasks(ledger, unit="市住房和城乡建设局")
    assert {t.doc_number for t in housing} >= {"聊政字〔2024〕20号", "聊政字〔2024〕18号"}
    assert filter_tasks(ledger, unit="市住房城乡建设局") == housing


def test_filters(ledger) -> None:
    due = filter_tasks(ledger, due_before=date(2025, 12, 31))
    assert due and all(t.deadline and t.deadline <= date(2025, 12, 31) for t in due)
    assert len(filter_tasks(ledger, doc="聊政字[2024]18号")) == 19
    coop = filter_tasks(ledger, role="cooperating")
    assert coop and all(t.cooperating for t in coop)
    assert {t.doc_number for t in coop} == {"聊政字〔2024〕15号", "聊政字〔2024〕20号"}


def test_unit_counts(ledger) -> None:
    counts = {c.unit: c for c in unit_counts(ledger)}
    assert counts["各县（市、区）人民政府"].collective
    assert counts["市发展改革委"].lead == 43
    assert "市住房和城乡建设局" in counts["市住房城乡建设局"].aliases
    assert "市住房和城乡建设局" not in counts


def test_targets_due(ledger) -> None:
    pairs = select_targets(ledger, due_before=date(2025, 12, 31))
    assert ("聊政字〔2024〕18号", "新能源客车产量", 4000.0, "辆") in {
        (t.doc_number, g.metric, g.value, g.unit) for t, g in pairs
    }
    assert all(g.deadline <= date(2025, 12, 31) for _, g in pairs)


def test_cli_csv_opens_in_a_spreadsheet() -> None:
    r = runner.invoke(app, ["tasks", str(SAMPLE), "--unit", "市发改委", "--role", "lead", "--format", "csv"])
    assert r.exit_code == 0, r.output
    raw = r.stdout_bytes
    assert raw.startswith("\ufeff".encode())
    assert b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0][:3] == ["doc_number", "index", "position"]
    assert len(rows) == 1 + 43
    assert all(len(row) == len(rows[0]) for row in rows)
    assert all("市发展改革委" in row[5] for row in rows[1:])


def test_cli_json_and_text() -> None:
    r = runner.invoke(app, ["tasks", str(SAMPLE), "--doc", "聊政字〔2024〕18号", "--format", "json"])
    assert r.exit_code == 0, r.output
    obj = json.loads(r.stdout)
    assert obj["schema"] == "gongbao.tasks/1" and obj["count"] == 19
    assert obj["tasks"][16]["responsible"][-2:] == ["各县（市、区）人民政府", "市属开发区管委会"]
    r = runner.invoke(app, ["units", str(SAMPLE)])
    assert r.exit_code == 0 and "市发展改革委" in r.stdout
    r = runner.invoke(app, ["targets", str(SAMPLE), "--due-before", "2025-12-31", "--format", "json"])
    assert r.exit_code == 0 and json.loads(r.stdout)["schema"] == "gongbao.targets/1"


@pytest.mark.parametrize(
    "args",
    [["tasks", str(SAMPLE), "--due-before", "2025-13-40"], ["tasks"], ["people", str(SAMPLE), "--as-of", "soon"]],
    ids=["bad-date", "no-source", "bad-as-of"],
)
def test_cli_errors_are_one_line(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    with pytest.raises(SystemExit) as e:
        main(args)
    assert e.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("gongbao: ") and err.count("\n") == 1


def test_store_gives_the_same_ledger(sample_issue, store_url) -> None:
    from gongbao.store import ingest_issue, open_store

    engine = open_store(store_url)
    ingest_issue(engine, sample_issue)
    from_store = build_ledger(documents_from_store(engine))
    engine.dispose()
    from_file = build_ledger(sample_issue.documents)
    key = lambda t: (t.doc_number, t.position, t.eid, t.lead, t.cooperating, t.responsible)  # noqa: E731
    assert [key(t) for t in from_store.tasks] == [key(t) for t in from_file.tasks]
    r = runner.invoke(app, ["tasks", "--db", store_url, "--unit", "市发改委", "--role", "lead", "--format", "json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["count"] == 43


@pytest.mark.parametrize("command", ["tasks", "targets", "units", "people"])
def test_help_ends_with_an_example(command: str) -> None:
    r = runner.invoke(app, [command, "--help"])
    assert r.exit_code == 0
    assert "Example: gongbao " + command in r.stdout


def test_goals_outside_tasks(ledger) -> None:
    # 15号 一、总体要求 sets the 2025 air-quality targets; no unit clause covers them.
    pairs = select_targets(ledger, due_before=date(2025, 12, 31), goals=True)
    goals = [
        (t.doc_number, t.position, g.metric, g.value, g.unit) for t, g in pairs if not t.lead and not t.responsible
    ]
    assert ("聊政字〔2024〕15号", "一、", "细颗粒物（PM2.5）年均浓度", 43, "微克/立方米") in goals
    assert ("聊政字〔2024〕15号", "一、", "空气质量优良天数比例", 63.7, "%") in goals
    # Achievements a plan recounts (no date) are not goals; tasks' targets are not repeated.
    assert all(g.deadline or g.recurring for g in ledger.goals for g in g.targets)
    task_targets = {id(g) for t in ledger.tasks for g in t.targets}
    assert not any(id(g) in task_targets for goal in ledger.goals for g in goal.targets)
    assert len(select_targets(ledger, goals=True)) > len(select_targets(ledger))


def test_cli_targets_goals_flag(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        main(["targets", str(SAMPLE), "--goals", "--due-before", "2025-12-31", "--format", "json"])
    assert e.value.code == 0
    obj = json.loads(capsys.readouterr().out)
    assert any(not t["in_task"] and t["unit"] == "微克/立方米" for t in obj["targets"])


# The sample's ledger is checked against the hand-audited gold of every plan
# (tests/test_tasks_gold.py: one *.gold.json per plan, test_every_plan_has_a_gold_ledger);
# the snapshot regenerated from the program's own output (GONGBAO_REGEN) is gone (#11).
