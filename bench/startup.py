"""Start-up cost of the ``gongbao`` command: CPU seconds of a fresh process per command.

Each case runs ``--repeat`` times in a fresh interpreter; the figure is the child's CPU time
(user + system, ``resource.getrusage``), its minimum and median (the machine is shared: the
minimum is the cost, the median shows the noise). In the same run it measures:

* baselines: ``python -c pass``, ``import typer``, ``import typer, sqlalchemy`` (the floor of
  any question to a store through SQLAlchemy);
* ``before``: the same command run by ``--before-python``, an interpreter with gongbao as it was
  before issue #16 installed (e.g. a worktree of commit 540a27e with typer 0.29), on its own
  store built from the same sample — the before/after ratio; without it, ``eager``: the current
  code with every command module imported first (what lazy registration saves alone);
* the heaviest imports of each command (``python -X importtime``, cumulative µs).

Targets (issue #16): ``--help`` ≤ 0.15 s, a question to the store (status, search, show REF --as-of D, docs)
≤ 0.25 s CPU.

Run:  .venv/bin/python bench/startup.py            (builds a small store from the sample)
      .venv/bin/python bench/startup.py --repeat 9 --out bench/out/startup.json
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "liaocheng-2024-11-12.txt"
EAGER = "import gongbao.commands.{amend,parse,rules,serve,store,structure,tasks}"
MODULES = ("amend", "parse", "rules", "serve", "store", "structure", "tasks")
TARGETS = {"--help": 0.15, "status": 0.25, "search": 0.25, "show": 0.25, "docs": 0.25}


def cpu(code: str, repeat: int, python: str = sys.executable) -> tuple[float, float]:
    """(min, median) CPU seconds of ``python -c code`` in a fresh process."""
    runs = []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([python, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        runs.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return min(runs), statistics.median(runs)


def cli_code(argv: list[str], eager: bool = False) -> str:
    pre = "".join(f"import gongbao.commands.{m}\n" for m in MODULES) if eager else ""
    return f"{pre}from gongbao.cli import main\ntry:\n    main({argv!r})\nexcept SystemExit:\n    pass\n"


def heaviest(code: str, n: int = 6) -> list[tuple[str, int]]:
    """The ``n`` top-level imports with the largest cumulative time (µs) for ``code``."""
    err = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True
    ).stderr.splitlines()
    rows = []
    for line in err:
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cum, name = (part.strip() for part in line.removeprefix("import time:").split("|"))
        if cum.isdigit() and not name.startswith(" ") and "." not in name.strip():
            rows.append((name.strip(), int(cum)))
    return sorted(rows, key=lambda r: -r[1])[:n]


def build_store(path: Path) -> str:
    from gongbao.cli import main

    url = f"sqlite:///{path}"
    try:
        main(["ingest", str(SAMPLE), "--db", url, "--no-progress"])
    except SystemExit:
        pass
    return url


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=7, help="fresh processes per case")
    ap.add_argument("--before-python", help="python running gongbao as it was before (the before column)")
    ap.add_argument("--out", help="write the figures as JSON here")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    with tempfile.TemporaryDirectory() as tmp:
        import contextlib
        import io

        with contextlib.redirect_stdout(io.StringIO()):
            db = build_store(Path(tmp) / "kb.db")
        old_db = f"sqlite:///{Path(tmp) / 'before.db'}"
        if args.before_python:
            subprocess.run(
                [args.before_python, "-m", "gongbao.cli", "ingest", str(SAMPLE), "--db", old_db],
                capture_output=True,
                check=False,
            )

        def cases_for(url: str) -> dict[str, list[str]]:
            return {
                "--help": ["--help"],
                "status": ["status", "聊城市人民政府令第48号", "--db", url],
                "search": ["search", "燃气", "--db", url],
                "show": ["show", "聊城市人民政府令第48号", "--as-of", "2025-01-01", "--db", url],
                "docs": ["docs", "--db", url],
                "deadline --help": ["deadline", "--help"],
            }

        cases, old_cases = cases_for(db), cases_for(old_db)
        label = "before" if args.before_python else "eager"
        res: dict[str, dict] = {}
        base = {
            "python -c pass": cpu("pass", args.repeat),
            "import typer": cpu("import typer", args.repeat),
            "import typer, sqlalchemy": cpu("import typer, sqlalchemy", args.repeat),
        }
        print(f"{'case':<28} {'min s':>7} {'median':>7}")
        for name, (lo, med) in base.items():
            print(f"{name:<28} {lo:7.3f} {med:7.3f}")
        print(
            f"\n{'command':<18} {'now min':>8} {'median':>7} {label + ' min':>10} {label + '/now':>10} "
            f"{'÷typer':>7} {'÷typer+sa':>9} {'target':>7}  ok"
        )
        floor_typer = base["import typer"][0]
        floor_sa = base["import typer, sqlalchemy"][0]
        for name, argv_ in cases.items():
            lazy = cpu(cli_code(argv_), args.repeat)
            if args.before_python:
                eager = cpu(cli_code(old_cases[name]), args.repeat, args.before_python)
            else:
                eager = cpu(cli_code(argv_, eager=True), args.repeat)
            target = TARGETS.get(name)
            res[name] = {
                "lazy_min_s": lazy[0],
                "lazy_median_s": lazy[1],
                "baseline": label,
                "eager_min_s": eager[0],
                "eager_median_s": eager[1],
                "eager_over_lazy": eager[0] / lazy[0],
                "over_typer": lazy[0] / floor_typer,
                "over_typer_sqlalchemy": lazy[0] / floor_sa,
                "target_s": target,
                "meets_target": None if target is None else lazy[0] <= target,
                "heaviest_imports_us": heaviest(cli_code(argv_)),
            }
            r = res[name]
            print(
                f"{name:<18} {lazy[0]:8.3f} {lazy[1]:7.3f} {eager[0]:10.3f} {r['eager_over_lazy']:9.2f}x "
                f"{r['over_typer']:6.2f}x {r['over_typer_sqlalchemy']:8.2f}x "
                f"{target if target else '-':>7}  {'' if target is None else ('yes' if r['meets_target'] else 'NO')}"
            )
        print("\nheaviest top-level imports (cumulative ms, one run with -X importtime):")
        for name, r in res.items():
            print(f"  {name:<18} " + ", ".join(f"{m} {us / 1000:.0f}" for m, us in r["heaviest_imports_us"]))
    if args.out:
        Path(args.out).write_text(json.dumps({"baselines": base, "commands": res}, indent=1))


if __name__ == "__main__":
    main()
