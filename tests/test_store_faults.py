"""A fault at each write step of ingest + consolidation leaves the store as before; ingesting again
then gives exactly the store a clean ingest gives.

The scenario is real: the 2006 text of the 审计法, the 2021 decision amending it (its ingest
consolidates the law in the same transaction), then a copy of the 2006 text with one character
corrected (it replaces the stored expression and re-consolidates). The write steps are enumerated
by a dry run: every INSERT/UPDATE/DELETE the database receives, runs of one statement (rows of
nodes sent one by one) counting as one step faulted at its first and its last statement, plus the
COMMIT. Each step is faulted twice over: a Python exception (in this process) and SIGKILL (a forked
child kills itself at that statement: no cleanup of any kind runs).

``python tests/test_store_faults.py`` prints the fault table of docs/store.md.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from gongbao import model
from gongbao.pipeline import parse_path
from gongbao.store import ingest_issue, open_store
from gongbao.store.check import canonical_dump, check_store
from gongbao.store.ingest import store_issue

HERE = Path(__file__).resolve().parent
TRIPLES = HERE / "data" / "amend" / "triples"
BASE = TRIPLES / "audit-2006-base.txt"
DECISION = TRIPLES / "audit-2021-decision.txt"
WRITES = ("INSERT", "UPDATE", "DELETE")


def scenario(tmp: Path) -> list[Path]:
    """base, decision, corrected base (one word changed in an article). Two undated texts of one
    work version are ordered by their text key (``store.ingest._replaces``: the same store in any
    order): the correction is the variant that wins, so that its ingest replaces the stored text."""
    from gongbao.store.keys import text_key

    text = BASE.read_text(encoding="utf-8")
    i = text.index("第三条")
    j = text.index("程序", i)  # an article the decision leaves as it is: the consolidated text changes
    fixed = tmp / "audit-2006-base-corrected.txt"
    base_key = text_key(parse_path(BASE).documents[0].text)
    for word in (
        "程式",
        "流程",
        "规程",
        "过程",
        "议程",
        "章程",
        "工序",
        "步骤",
        "手续",
        "环节",
        "方式",
        "途径",
        "规则",
        "秩序",
    ):
        fixed.write_text(text[:j] + word + text[j + 2 :], encoding="utf-8")
        if text_key(parse_path(fixed).documents[0].text) < base_key:
            break
    else:
        raise AssertionError("no correction of the base wins by its text key")
    return [BASE, DECISION, fixed]


class Fault(Exception):
    """The injected failure."""


@dataclass(frozen=True)
class Step:
    index: int  # position among the write statements of this ingest (0-based)
    statement: str  # e.g. "INSERT INTO nodes"
    where: str  # "first" / "last" of a run, or "commit"


def _head(statement: str) -> str:
    words = statement.split()
    head = " ".join(words[:3]).split("(")[0]
    return head


def write_statements(url: str, issues: list[model.Issue], target: int) -> list[str]:
    """The write statements ingest number ``target`` sends, in order (a dry run on a fresh store)."""
    engine = open_store(url)
    for iss in issues[:target]:
        ingest_issue(engine, iss)
    seen: list[str] = []

    @sa.event.listens_for(engine, "before_cursor_execute")
    def _count(conn: Any, cur: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().split(None, 1)[0].upper() in WRITES:
            seen.append(_head(statement))

    ingest_issue(engine, issues[target])
    engine.dispose()
    return seen


def steps_of(statements: list[str]) -> list[Step]:
    """Runs of one statement become a step faulted at its first and last statement; then COMMIT."""
    out: list[Step] = []
    i = 0
    while i < len(statements):
        j = i
        while j + 1 < len(statements) and statements[j + 1] == statements[i]:
            j += 1
        out.append(Step(i, statements[i], "first" if j > i else "only"))
        if j > i:
            out.append(Step(j, statements[j], "last"))
        i = j + 1
    out.append(Step(len(statements), "COMMIT", "commit"))
    return out


def arm(engine: sa.Engine, step: Step, fault: Callable[[], None]) -> None:
    """Call ``fault`` when ``engine`` is about to send the write ``step`` (or to commit)."""
    count = {"n": 0}
    if step.where == "commit":

        @sa.event.listens_for(engine, "commit")
        def _at_commit(conn: Any) -> None:
            fault()

        return

    @sa.event.listens_for(engine, "before_cursor_execute")
    def _at_write(conn: Any, cur: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().split(None, 1)[0].upper() in WRITES:
            if count["n"] == step.index:
                fault()
            count["n"] += 1


def _raise() -> None:
    raise Fault("injected")


def fresh(url: str, tmp: Path, n: int) -> str:
    """A new empty store next to ``url`` (a new SQLite file or PostgreSQL schema)."""
    if url.startswith("sqlite"):
        return f"sqlite:///{tmp / f'fault{n}.db'}"
    return url.replace("search_path%3D", f"search_path%3Df{n}_")


def _drop(url: str) -> None:
    if url.startswith("sqlite"):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
        return
    from conftest import drop_pg_schema

    drop_pg_schema(url.split("search_path%3D", 1)[1])


def run_faults(url: str, tmp: Path, *, kill: bool) -> list[tuple[str, str, str, str]]:
    """Fault every step of every ingest of the scenario; return the table rows
    (ingest, step, state after the fault, state after ingesting again).

    For each ingest, the store holds what the earlier ones stored; each step is faulted (an
    exception here, or SIGKILL in a forked child), the store must be as before; then the same
    ingest and the later ones run again (``store_issue``, what ``ingest_issue`` runs, in a
    transaction this test rolls back after reading it) and the store must equal the clean one.
    """
    paths = scenario(tmp)
    issues = [parse_path(p) for p in paths]
    clean_url = fresh(url, tmp, 0)
    clean = open_store(clean_url)
    for iss in issues:
        ingest_issue(clean, iss)
    after_all = canonical_dump(clean)
    assert check_store(clean).ok
    clean.dispose()
    _drop(clean_url)
    rows = []
    done = f"= clean: {summary(after_all)}"
    for target, path in enumerate(paths):
        u = fresh(url, tmp, 1 + target)
        steps = steps_of(write_statements(fresh(url, tmp, 10 + target), issues, target))
        _drop(fresh(url, tmp, 10 + target))
        engine = open_store(u)
        for iss in issues[:target]:
            ingest_issue(engine, iss)
        before = canonical_dump(engine)
        for step in steps:
            engine.dispose()
            if kill:
                _kill_at(u, issues[target], step)
            else:
                faulty = open_store(u)
                arm(faulty, step, _raise)
                with pytest.raises(Fault):
                    ingest_issue(faulty, issues[target])
                faulty.dispose()
            assert canonical_dump(engine) == before, f"{path.name} {step}: the store changed"
            with engine.connect() as conn:
                for iss in issues[target:]:
                    store_issue(conn, iss)
                assert canonical_dump(conn) == after_all, f"{path.name} {step}: ingesting again differs from clean"
                conn.rollback()
            rows.append((path.name, f"{step.statement} ({step.where})", f"= before: {summary(before)}", done))
        assert check_store(engine).ok
        engine.dispose()
        _drop(u)
    return rows


def summary(dump: dict[str, list[tuple[Any, ...]]]) -> str:
    """A few counts of a canonical dump, for the fault table."""
    cons = sum(1 for v in dump["versions"] if v[5] == "consolidated")
    return (
        f"{len(dump['issues'])} issues, {len(dump['documents'])} documents, "
        f"{len(dump['versions'])} versions ({cons} consolidated), {len(dump['expressions'])} earlier texts"
    )


def _kill_at(url: str, issue: model.Issue, step: Step) -> None:
    """Ingest ``issue`` in a forked child that SIGKILLs itself at ``step`` (no cleanup runs)."""
    pid = os.fork()
    if pid == 0:  # the child: its own engine, never returns
        try:
            engine = open_store(url)
            arm(engine, step, lambda: os.kill(os.getpid(), signal.SIGKILL))
            ingest_issue(engine, issue)
        finally:
            os._exit(3)  # reached only when the kill did not happen
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, f"{step}: child status {status}"


def test_steps_are_enumerated(store_url, tmp_path):
    """The dry run sees every kind of write of ingest + consolidation + replacement."""
    issues = [parse_path(p) for p in scenario(tmp_path)]
    kinds = {s for t in range(3) for s in write_statements(fresh(store_url, tmp_path, 99 + t), issues, t)}
    for t in range(3):
        _drop(fresh(store_url, tmp_path, 99 + t))
    for needed in (
        "INSERT INTO issues",
        "INSERT INTO documents",
        "INSERT INTO nodes",
        "INSERT INTO relations",
        "INSERT INTO versions",  # the consolidated version, in the decision's transaction
        "INSERT INTO expressions",  # the corrected copy keeps the earlier text
        "DELETE FROM nodes",
        "UPDATE documents SET",
        "DELETE FROM versions",  # re-consolidation on the corrected base
    ):
        assert needed in kinds, (needed, sorted(kinds))


def test_exception_at_each_write_step(store_url, tmp_path):
    rows = run_faults(store_url, tmp_path, kill=False)
    assert len(rows) > 20


def test_sigkill_at_each_write_step(store_url, tmp_path):
    rows = run_faults(store_url, tmp_path, kill=True)
    assert len(rows) > 20


if __name__ == "__main__":  # the fault table of docs/store.md
    import tempfile

    sys.path.insert(0, str(HERE))
    url = os.environ.get("FAULT_DB") or ""
    with tempfile.TemporaryDirectory() as d:
        base = url or f"sqlite:///{Path(d) / 'x.db'}"
        print("| ingest | write step (fault: SIGKILL) | store after the kill | after ingesting again |")
        print("|---|---|---|---|")
        for r in run_faults(base, Path(d), kill=True):
            print("| " + " | ".join(r) + " |")
