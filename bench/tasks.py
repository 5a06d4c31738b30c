"""The task ledger over a store: the rows stored at ingest (``StoredLedger``) against extracting
every stored document again (``build_ledger(documents_from_store(engine))``, what gongbao did
before schema 6), in the same run, each in a fresh process (CPU seconds and peak memory).

    python bench/tasks.py [--issues 40] [--db bench/out/tasks-bench.db] [--reuse]

The store holds ``--issues`` copies of the bundled sample, each made distinct (its plans' 文号
and titles numbered), so that every copy is stored as its own documents.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "liaocheng-2024-11-12.txt"

_PROBE = r"""
import json, resource, sys, time
t0 = time.process_time()
from gongbao.store import open_store
from gongbao.query.ledger import StoredLedger, build_ledger, documents_from_store, filter_tasks, unit_counts
engine = open_store(sys.argv[1], create=False)
how, unit = sys.argv[2], sys.argv[3]
if how == "stored":
    led = StoredLedger.open(engine)
    total, page = led.find(unit=unit, limit=100)
else:
    led = build_ledger(documents_from_store(engine))
    found = filter_tasks(led, unit=unit)
    total, page = len(found), found[:100]
print(json.dumps({"cpu": time.process_time() - t0, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "total": total, "page": [t.position for t in page]}))
"""


def _store(db: Path, issues: int) -> None:
    from gongbao.pipeline import parse_text
    from gongbao.store import ingest_issue, open_store

    db.parent.mkdir(parents=True, exist_ok=True)
    db.unlink(missing_ok=True)
    engine = open_store(f"sqlite:///{db}")
    text = SAMPLE.read_text(encoding="utf-8")
    for k in range(issues):
        # every 文号 and the masthead's issue line made distinct: a new issue, new works
        copy = text.replace("〔2024〕", f"〔{2100 + k}〕").replace("2024年第11-12期", f"{2100 + k}年第11-12期")
        ingest_issue(engine, parse_text(copy, path=f"copy-{k}.txt"))


def _probe(db: Path, how: str, unit: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", _PROBE, f"sqlite:///{db}", how, unit], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--issues", type=int, default=40)
    ap.add_argument("--db", type=Path, default=ROOT / "bench" / "out" / "tasks-bench.db")
    ap.add_argument("--reuse", action="store_true", help="measure the store as it is")
    ap.add_argument("--unit", default="市发改委")
    args = ap.parse_args()
    if not args.reuse:
        _store(args.db, args.issues)
    import sqlalchemy as sa

    from gongbao.store import open_store

    with open_store(f"sqlite:///{args.db}", create=False).connect() as conn:
        docs = conn.execute(sa.text("SELECT count(*) FROM documents")).scalar()
        n_tasks = conn.execute(sa.text("SELECT count(*) FROM tasks WHERE kind = 'task'")).scalar()
    print(f"store: {docs} documents, {n_tasks} tasks; question: tasks --unit {args.unit}, first page of 100")
    stored = _probe(args.db, "stored", args.unit)
    again = _probe(args.db, "again", args.unit)
    same = stored["total"] == again["total"] and stored["page"] == again["page"]
    print(f"{'':24}{'CPU s':>8}{'peak MB':>10}{'tasks':>8}")
    for name, r in (("stored at ingest", stored), ("extracted again (v5)", again)):
        print(f"{name:24}{r['cpu']:>8.2f}{r['rss_mb']:>10.0f}{r['total']:>8}")
    print(
        f"ratio: CPU ×{again['cpu'] / stored['cpu']:.1f} less, memory ×{again['rss_mb'] / stored['rss_mb']:.1f} less;"
        f" same answer: {'yes' if same else 'NO'}"
    )


if __name__ == "__main__":
    main()
