"""``gongbao check`` recomputes what the store must satisfy and names the work and the fix;
``--repair`` (and ingesting again) completes what can be recomputed."""

from __future__ import annotations

import json
from pathlib import Path

import sqlalchemy as sa

from conftest import SAMPLE
from gongbao.cli import main
from gongbao.pipeline import parse_path
from gongbao.store import ingest_issue
from gongbao.store.check import canonical_dump, check_store, repair_store

TRIPLES = Path(__file__).parent / "data" / "amend" / "triples"
BASE = TRIPLES / "audit-2006-base.txt"
DECISION = TRIPLES / "audit-2021-decision.txt"


def _problems(engine, check: str) -> list[str]:
    return [p for p in check_store(engine).problems if p.startswith(check + ":")]


def test_coverage_is_recomputed_from_the_source(store):
    ingest_issue(store, parse_path(SAMPLE))
    assert check_store(store).ok
    with store.begin() as conn:
        residue = conn.execute(sa.text("SELECT residue FROM issues")).scalar()
        residue = json.loads(residue) if isinstance(residue, str) else residue
        biggest = max(residue, key=lambda r: r[1] - r[0])
        lost = [r for r in residue if r != biggest]
        conn.execute(sa.text("UPDATE issues SET residue = :r"), {"r": json.dumps(lost)})
    (p,) = _problems(store, "coverage")
    assert "lost" in p and "liaocheng-2024-11-12.txt" in p and "fix:" in p
    with store.begin() as conn:
        conn.execute(sa.text("UPDATE issues SET residue = :r"), {"r": json.dumps([*residue, biggest])})
    (p,) = _problems(store, "coverage")
    assert "doubled" in p


def test_duplicates_and_dangling_relations_are_found_and_repaired(store):
    ingest_issue(store, parse_path(SAMPLE))
    clean = canonical_dump(store)
    with store.begin() as conn:
        # a relation left unresolved although its target is stored (what scanning missed before)
        conn.execute(
            sa.text(
                "UPDATE relations SET target_document_id = NULL, target_work_key = NULL "
                "WHERE target_title = '聊城市燃气管理办法' AND kind = 'amends'"
            )
        )
    (p,) = _problems(store, "dangling")
    assert "聊城市人民政府令第48号 amends" in p and "聊城市人民政府令第32号 is stored" in p and "--repair" in p
    assert repair_store(store)["resolved"] == 1
    assert check_store(store).ok and canonical_dump(store) == clean
    with store.begin() as conn:
        conn.execute(sa.text("UPDATE documents SET version_key = '2024-11-11', work_key = 'x' WHERE kind = '大事记'"))
    problems = _problems(store, "duplicates")
    assert problems and "work and version" in problems[0]


def test_a_missing_consolidated_version_is_reported_then_completed(store, capsys):
    """What a kill between ingest and consolidation used to leave: the decision stored, its
    consolidated version missing. check names it; ingesting the decision again completes it."""
    ingest_issue(store, parse_path(BASE))
    decision = parse_path(DECISION)
    ingest_issue(store, decision, consolidate=False)  # the old two-transaction ingest, killed between
    (p,) = _problems(store, "versions")
    assert p.startswith("versions: 中华人民共和国审计法 as amended by 全国人民代表大会常务委员会关于修改")
    assert "from 2022-01-01" in p and "missing" in p and "fix:" in p
    url = store.url.render_as_string(hide_password=False)
    try:
        main(["check", "--db", url])
    except SystemExit as e:
        assert e.code == 2
    assert "problem: versions:" in capsys.readouterr().out
    res = ingest_issue(store, decision)  # already stored: completes what is missing
    assert not res.created and [c.version_id is not None for c in res.consolidated] == [True]
    assert check_store(store).ok


def test_check_repair_from_the_command_line(store, capsys):
    ingest_issue(store, parse_path(BASE))
    ingest_issue(store, parse_path(DECISION), consolidate=False)
    url = store.url.render_as_string(hide_password=False)
    try:
        main(["check", "--repair", "--db", url])
    except SystemExit as e:
        assert e.code == 0
    out = capsys.readouterr().out
    assert "repaired: 0 relations resolved, 1 amended works recomputed (1 consolidated versions)" in out
    assert out.rstrip().endswith("ok")


def test_unapplicable_decisions_are_listed_not_errors(store, tmp_path):
    """A decision the engine cannot apply is reported with its reason, and the store is ok."""
    ingest_issue(store, parse_path(BASE))
    head = DECISION.read_text(encoding="utf-8").split("作如下修改")[0]
    odd = tmp_path / "decision-without-instructions.txt"
    odd.write_text(head + "作如下修改：\n本决定自2022年1月1日起施行。\n", encoding="utf-8")
    ingest_issue(store, parse_path(odd))
    rep = check_store(store)
    assert rep.ok, rep.problems
    assert [u["work"] for u in rep.unconsolidated] == ["中华人民共和国审计法"]
    assert "no instruction" in rep.unconsolidated[0]["reason"]
