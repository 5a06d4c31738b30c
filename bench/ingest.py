"""Batch ingest benchmark: per-issue cost, scaling with workers, cost against store size, engines.

Corpus: ``--issues`` gazette files made from the sample (``samples/liaocheng-2024-11-12.txt``),
each with its own 文号 (the years in 〔…〕 and the order numbers are shifted per file), so every
file is new content with new documents and the references between them resolve as in real
issues. Everything goes through the real ``gongbao.batch.ingest_many`` (parse + one
transaction per file with ``gongbao.store.ingest_issue``).

Sections (all in one run, ratios against the run's own baseline):

* ``workers``: wall time of the same files with ``-j 1`` and ``-j 2`` on each backend, speed-up;
* ``growth``: the database work per issue (``store_s``, the file's transaction) on an empty
  store and on a store pre-filled with ``--prefill`` nodes (the search bench's synthetic corpus,
  ``bench/search.py``), ratio (target ≤ 1.5× at 1M nodes);
* ``projection``: per-issue CPU cost measured here, extrapolated to 150,000 issues on a 64-core
  machine (parse is per file; the writes are bounded by the database server);
* ``engines`` (``--engines``): a Dask LocalCluster and Ray (``--ray-python``: an interpreter with
  ``ray`` installed) of 2 worker processes: start-up time and per-task overhead on the same tasks.

Run:  .venv/bin/python bench/ingest.py --issues 12 --backend both --prefill 1000000 --engines
Prints a table and writes JSON with ``--out``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
SAMPLE = ROOT / "samples" / "liaocheng-2024-11-12.txt"
PG = os.environ.get("GONGBAO_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/gongbao_test")
_YEAR = re.compile(r"〔(\d{4})〕")
_ORDER = re.compile(r"(令第\s*|^第 )(\d+)(\s*号)", re.M)


_STEMS = "甲乙丙丁戊己庚辛壬癸"


def _place(i: int) -> str:
    """A distinct made-up city for file ``i``: 聊城 -> 聊城甲乙 (two stems: 100 places, then three)."""
    tag = ""
    while True:
        tag = _STEMS[i % 10] + tag
        i //= 10
        if i == 0:
            break
    return "聊城" + tag.rjust(2, "甲")


def make_corpus(directory: Path, n: int) -> list[Path]:
    """``n`` distinct issue files derived from the sample: shifted 文号 years and order numbers, and
    the city renamed per file, so that no two files print the same titles. (Real batches are issues
    of different places and dates; files sharing every title would be serialized by the store's
    per-work locks, which measures the lock, not the pipeline.)"""
    text = SAMPLE.read_text(encoding="utf-8")
    directory.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        body = text.replace("聊城", _place(i))
        body = _YEAR.sub(lambda m, i=i: f"〔{int(m.group(1)) + 100 * (i + 1)}〕", body)
        body = _ORDER.sub(lambda m, i=i: f"{m.group(1)}{int(m.group(2)) + 1000 * (i + 1)}{m.group(3)}", body)
        p = directory / f"issue-{i:05d}.txt"
        p.write_text(body, encoding="utf-8")
        out.append(p)
    return out


def pg_url(schema: str) -> str:
    import sqlalchemy as sa

    eng = sa.create_engine(PG)
    with eng.begin() as conn:
        conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    eng.dispose()
    sep = "&" if "?" in PG else "?"
    return f"{PG}{sep}options=-csearch_path%3D{schema}"


def drop_pg(schema: str) -> None:
    import sqlalchemy as sa

    eng = sa.create_engine(PG)
    with eng.begin() as conn:
        conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    eng.dispose()


def run(files: list[Path], url: str, workers: int, engine: str = "local") -> dict:
    from gongbao.batch import ingest_many

    rep = ingest_many(files, url, workers=workers, engine=engine)
    s = rep.summary()
    bad = [f.error for f in rep.files if not f.ok]
    if bad:
        raise SystemExit(f"ingest failed: {bad[:3]}")
    per = [f.store_s for f in rep.files]
    return {
        **s,
        "store_s_median": statistics.median(per),
        "parse_s_median": statistics.median(f.parse_s for f in rep.files),
        "store_first": per[: max(1, len(per) // 4)],
        "store_last": per[-max(1, len(per) // 4) :],
    }


def workers_section(files: list[Path], backends: list[str], tmp: Path, rounds: int = 2) -> list[dict]:
    out = []
    for backend in backends:
        row: dict = {"backend": backend}
        # Interleaved, best of ``rounds``: the machine is shared, its load drifts during a run.
        for r in range(rounds):
            for w in (1, 2):
                if backend == "sqlite":
                    url = f"sqlite:///{tmp / f'w{w}-{r}.db'}"
                else:
                    url = pg_url(f"bench_ingest_w{w}")
                got = run(files, url, w)
                if backend == "postgresql":
                    drop_pg(f"bench_ingest_w{w}")
                row.setdefault(f"j{w}_all_s", []).append(got["seconds"])
                if f"j{w}" not in row or got["seconds"] < row[f"j{w}"]["seconds"]:
                    row[f"j{w}"] = got
        row["speedup"] = row["j1"]["seconds"] / row["j2"]["seconds"]
        out.append(row)
    return out


def growth_section(files: list[Path], prefill: int, backend: str, tmp: Path, reuse: str | None) -> dict:
    """Per-issue database work on an empty store and on one holding ``prefill`` nodes."""
    import shutil

    sys.path.insert(0, str(ROOT / "bench"))
    from gongbao.store import open_store

    if backend == "sqlite":
        empty_url = f"sqlite:///{tmp / 'empty.db'}"
        full = tmp / "full.db"
        if reuse:
            shutil.copy(reuse, full)
        full_url = f"sqlite:///{full}"
    else:
        empty_url, full_url = pg_url("bench_ingest_empty"), pg_url("bench_ingest_full")
    t0 = time.perf_counter()
    if not reuse or backend != "sqlite":
        import search as search_bench  # bench/search.py

        search_bench.synthesize(open_store(full_url), prefill)
    fill_s = time.perf_counter() - t0
    empty = run(files, empty_url, 1)
    full_run = run(files, full_url, 1)
    if backend == "postgresql":
        drop_pg("bench_ingest_empty")
        drop_pg("bench_ingest_full")
    return {
        "backend": backend,
        "prefill_nodes": prefill,
        "prefill_s": fill_s,
        "empty_store_s_median": empty["store_s_median"],
        "full_store_s_median": full_run["store_s_median"],
        "ratio": full_run["store_s_median"] / empty["store_s_median"],
    }


ENGINE_CODE = r"""
import json, sys, time
def work(ms):
    t = time.process_time()
    while (time.process_time() - t) * 1000 < ms:
        pass
    return ms
def main(kind, n, ms):
    t0 = time.perf_counter()
    if kind == "dask":
        from dask.distributed import Client, LocalCluster
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
        run = lambda k, d: client.gather(client.map(work, [d] * k, pure=False))
    else:
        import ray
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
        rw = ray.remote(work)
        run = lambda k, d: ray.get([rw.remote(d) for _ in range(k)])
    run(2, 0)
    t1 = time.perf_counter()
    run(n, 0)
    t2 = time.perf_counter()
    run(n // 10, ms)
    t3 = time.perf_counter()
    print(json.dumps({"engine": kind, "start_s": t1 - t0, "noop_ms_per_task": 1000 * (t2 - t1) / n,
                      "busy_efficiency": (n // 10) * ms / 1000 / 2 / (t3 - t2)}))
main(sys.argv[1], int(sys.argv[2]), float(sys.argv[3]))
"""


def engines_section(ray_python: str | None, n: int = 400, ms: float = 50.0) -> list[dict]:
    out = []
    for kind, py in (("dask", sys.executable), ("ray", ray_python)):
        if not py:
            out.append({"engine": kind, "error": "no interpreter with it (--ray-python)"})
            continue
        r = subprocess.run([py, "-c", ENGINE_CODE, kind, str(n), str(ms)], capture_output=True, text=True, timeout=600)
        line = (r.stdout.strip().splitlines() or [""])[-1]
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:
            out.append({"engine": kind, "error": (r.stderr.strip().splitlines() or ["?"])[-1]})
    return out


def projection(workers: list[dict], issues_target: int = 150_000, cores: int = 64) -> dict:
    """Time for ``issues_target`` issues on ``cores`` cores from the per-issue costs measured here."""
    best = max(workers, key=lambda r: r["backend"] == "postgresql")
    j1 = best["j1"]
    per_issue_cpu = (j1["parse_s"] + j1["store_s"]) / j1["files"]  # seconds of one worker per issue
    efficiency = best["speedup"] / 2  # measured at 2 workers, assumed to hold per core
    seconds = issues_target * per_issue_cpu / (cores * efficiency)
    return {
        "backend": best["backend"],
        "per_issue_s_one_worker": per_issue_cpu,
        "parse_share": j1["parse_s"] / (j1["parse_s"] + j1["store_s"]),
        "efficiency_at_2": efficiency,
        "issues": issues_target,
        "cores": cores,
        "hours": seconds / 3600,
        "hours_one_core": issues_target * per_issue_cpu / 3600,
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--issues", type=int, default=12, help="issue files in the corpus")
    ap.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    ap.add_argument("--rounds", type=int, default=2, help="interleaved -j1/-j2 rounds (best of)")
    ap.add_argument("--prefill", type=int, default=0, help="nodes in the pre-filled store (0: skip growth)")
    ap.add_argument("--reuse-sqlite", help="an SQLite store already holding --prefill nodes (copied)")
    ap.add_argument("--skip-workers", action="store_true", help="skip the -j1/-j2 section")
    ap.add_argument("--engines", action="store_true", help="compare Dask and Ray start-up and task overhead")
    ap.add_argument("--ray-python", help="python with ray installed (for --engines)")
    ap.add_argument("--out", help="write the figures as JSON here")
    args = ap.parse_args(argv)
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    res: dict = {"issues": args.issues}
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        files = make_corpus(tmp / "corpus", args.issues)
        res["workers"] = [] if args.skip_workers else workers_section(files, backends, tmp, args.rounds)
        print(f"== {args.issues} issues from the sample, wall s (files/s), speed-up -j2 over -j1")
        for r in res["workers"]:
            a, b = r["j1"], r["j2"]
            print(
                f"  {r['backend']:<11} (all -j1 {r['j1_all_s']}, -j2 {r['j2_all_s']})\n"
                f"  {r['backend']:<11} -j1 {a['seconds']:6.1f}s ({a['files_per_s']:.2f}/s)  "
                f"-j2 {b['seconds']:6.1f}s ({b['files_per_s']:.2f}/s)  speed-up {r['speedup']:.2f}x  "
                f"per issue: parse {a['parse_s_median']:.2f}s, store {a['store_s_median']:.2f}s; "
                f"store first quarter {statistics.median(a['store_first']):.2f}s, "
                f"last quarter {statistics.median(a['store_last']):.2f}s"
            )
        res["projection"] = projection(res["workers"]) if res["workers"] else None
        p = res["projection"]
        if p:
            print(
                f"== projection ({p['backend']}): {p['per_issue_s_one_worker']:.2f} s per issue on one worker "
                f"({100 * p['parse_share']:.0f}% parse), efficiency {p['efficiency_at_2']:.2f} at 2 workers -> "
                f"{p['issues']:,} issues on {p['cores']} cores ≈ {p['hours']:.1f} h "
                f"(one core: {p['hours_one_core']:.0f} h)"
            )
        if args.prefill:
            res["growth"] = []
            for backend in backends:
                g = growth_section(files, args.prefill, backend, tmp, args.reuse_sqlite)
                res["growth"].append(g)
                print(
                    f"== growth {g['backend']}: store per issue {g['empty_store_s_median']:.3f}s empty, "
                    f"{g['full_store_s_median']:.3f}s at {g['prefill_nodes']:,} nodes -> {g['ratio']:.2f}x (target ≤ 1.5x)",
                    flush=True,
                )
    if args.engines:
        res["engines"] = engines_section(args.ray_python)
        for e in res["engines"]:
            if "error" in e:
                print(f"== engine {e['engine']}: {e['error']}")
            else:
                print(
                    f"== engine {e['engine']}: start {e['start_s']:.1f}s, no-op task {e['noop_ms_per_task']:.2f} ms, "
                    f"efficiency on 50 ms tasks {e['busy_efficiency']:.2f}"
                )
    if args.out:
        Path(args.out).write_text(json.dumps(res, indent=1, default=str))


if __name__ == "__main__":
    main()
