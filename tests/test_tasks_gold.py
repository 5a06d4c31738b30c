"""Task ledger (issue #7): every plan of the sample against a hand-checked gold ledger.

Each ``tests/data/tasks/*.gold.json`` was audited clause by clause against the printed
plan: outline position, node id, lead / cooperating / responsible units as printed,
the covered text (probed at both ends) and the task's deadline. Checked twice: on the
pipeline's document (``parse_path``) and on the raw lines cut from the sample, whose
broken lines and half-width punctuation the extractor must read the same way.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from gongbao import model
from gongbao.extract.targets import find_deadline
from gongbao.extract.tasks import Task, extract_tasks, extract_tasks_from_text
from test_tasks import CLAUSE_COUNTS, sliced_text

DATA = Path(__file__).resolve().parent / "data" / "tasks"
GOLD_FILES = sorted(p.name for p in DATA.glob("*.gold.json"))
_HALF = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）"})


def norm(s: str) -> str:
    """Whitespace removed, ASCII punctuation in its full-width form."""
    return re.sub(r"\s+", "", s).translate(_HALF)


def check(tasks: list[Task], gold: dict, *, text_and_targets: bool = True) -> None:
    assert len(tasks) == gold["clauses"] == len(gold["tasks"]) == CLAUSE_COUNTS[gold["doc_number"]]
    for t, g in zip(tasks, gold["tasks"], strict=True):
        where = f"{gold['doc_number']} #{t.index} {g['position']}"
        assert (t.position, t.eid) == (g["position"], g["eid"]), where
        assert list(t.lead) == g["lead"], where
        assert list(t.cooperating) == g["cooperating"], where
        assert list(t.responsible) == g["responsible"], where
        assert norm(t.text).startswith(g["text_starts"]), where
        assert norm(t.text).endswith(g["text_ends"]), where
        d = t.deadline
        assert (d.isoformat() if d else None) == g["deadline"], where
        if text_and_targets and "targets" in g:
            got = [
                {
                    "metric": norm(x.metric),
                    "value": x.to_json()["value"],
                    "value_max": x.to_json()["value_max"],
                    "unit": x.unit,
                    "comparison": x.comparison,
                    "deadline": x.deadline.isoformat() if x.deadline else None,
                    "recurring": x.recurring,
                }
                for x in t.targets
            ]
            assert got == g["targets"], where


def test_every_plan_has_a_gold_ledger(sample_issue: model.Issue) -> None:
    planned = {d.doc_number for d in sample_issue.documents if extract_tasks(d)}
    golds = {json.loads((DATA / f).read_text(encoding="utf-8"))["doc_number"] for f in GOLD_FILES}
    golds |= {"聊政字〔2024〕18号", "聊政办字〔2024〕23号"}  # pinned in test_tasks.py
    assert planned == golds == set(CLAUSE_COUNTS)


@pytest.mark.parametrize("gold_file", GOLD_FILES)
def test_gold_ledger_through_the_pipeline(gold_file: str, sample_issue: model.Issue) -> None:
    gold = json.loads((DATA / gold_file).read_text(encoding="utf-8"))
    doc = next(d for d in sample_issue.documents if d.doc_number == gold["doc_number"])
    check(extract_tasks(doc), gold)


@pytest.mark.parametrize("gold_file", GOLD_FILES)
def test_gold_ledger_on_raw_lines(gold_file: str) -> None:
    gold = json.loads((DATA / gold_file).read_text(encoding="utf-8"))
    check(extract_tasks_from_text(sliced_text(gold["doc_number"]), doc_number=gold["doc_number"]), gold)


@pytest.mark.parametrize(
    ("printed", "deadline"),
    [
        # The end of the period a tax rule holds is no deadline of the task.
        ("严格落实国家有关税费减免政策，自2019年1月1日至2027年供暖期结束，对供热企业免征增值税", None),
        ("自2024年起至2026年底，每年新增10家", "2026-12-31"),
        ("至2027年底，完成改造", "2027-12-31"),
    ],
)
def test_period_end_is_no_deadline(printed: str, deadline: str | None) -> None:
    d, _ = find_deadline(printed)
    assert (d.isoformat() if d else None) == deadline
