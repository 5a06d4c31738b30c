"""Parse throughput and linearity.

    python bench/parse.py [--mb 10]

Parses the bundled sample repeated to about N MB and prints: MB/s; the ratio to one pass of a
simple regex over the same text in the same run (the baseline: a lower bound for any parser that
reads every character); and the time for 1x and 10x input, whose ratio should stay near 10
(linear cost). Memory: peak RSS after the largest run.
"""

from __future__ import annotations

import argparse
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from gongbao.pipeline import parse_path  # noqa: E402

SAMPLE = ROOT / "samples" / "liaocheng-2024-11-12.txt"


def timed(fn, *args):
    t = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - t, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, default=10.0, help="target size of the big input in MB")
    a = ap.parse_args()
    text = SAMPLE.read_text(encoding="utf-8")
    unit = len(text.encode("utf-8"))
    copies = max(1, round(a.mb * 1e6 / unit))
    small_copies = max(1, copies // 10)
    with tempfile.TemporaryDirectory() as d:
        small = Path(d) / "small.txt"
        big = Path(d) / "big.txt"
        small.write_text(text * small_copies, encoding="utf-8")
        big.write_text(text * copies, encoding="utf-8")
        big_text = big.read_text(encoding="utf-8")
        rx = re.compile(r"第[一二三四五六七八九十百]+条|[（(]上接第\s*\d+\s*页[）)]|\d{4}年\d{1,2}月\d{1,2}日")
        t_regex, n_hits = timed(lambda: sum(1 for _ in rx.finditer(big_text)))
        t_small, issue_small = timed(parse_path, small)
        t_big, issue_big = timed(parse_path, big)
    mb_big = big.stat().st_size / 1e6 if big.exists() else copies * unit / 1e6
    mb_big = copies * unit / 1e6
    mb_small = small_copies * unit / 1e6
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"input              {mb_small:.2f} MB ({small_copies}x)  and  {mb_big:.2f} MB ({copies}x)")
    print(
        f"parse small        {t_small:8.2f} s   {mb_small / t_small:6.2f} MB/s   {len(issue_small.documents)} documents"
    )
    print(f"parse big          {t_big:8.2f} s   {mb_big / t_big:6.2f} MB/s   {len(issue_big.documents)} documents")
    print(f"regex baseline     {t_regex:8.3f} s   {mb_big / t_regex:6.2f} MB/s   ({n_hits} hits, one pass)")
    print(f"ratio parse/regex  {t_big / t_regex:8.1f}x")
    print(
        f"linearity          {t_big / t_small:8.2f}  (time {copies}x / time {small_copies}x; linear = {copies / small_copies:.1f})"
    )
    print(f"peak RSS           {rss_mb:8.0f} MB")
    print()
    print("adversarial inputs (time for n and 4n units; linear = 4.0):")
    from gongbao.pipeline import parse_text

    shapes = {
        "repeated article labels": "第一条 \n",
        "outline labels only": "一、\n",
        "open brackets": "（",
        "book-title marks": "根据《",
        "jump-in markers": "（上接第1页）\n",
        "doc numbers on one line": "聊政字〔2024〕",
    }
    for name, unit_text in shapes.items():
        n = 10_000
        t1, _ = timed(parse_text, unit_text * n)
        t4, _ = timed(parse_text, unit_text * (4 * n))
        print(f"  {name:26s} {t1:6.2f} s  {t4:6.2f} s  ratio {t4 / max(t1, 1e-6):5.1f}")


MIXES = {
    "jump/TOC/article lines": "下转第1页\n上接第1页\n第一条\n目录\n",
    "bracketed jump markers": "（下转第1页）\n（上接第1页）\n第一条 内容\n目录\n",
    "TOC lines with 文号": "目录\n关于某事项的通知……（3）\n某政字〔2024〕1号\n",
    "titles and dates": "关于某事项的通知\n2024年1月1日\n",
    "page furniture": "· 3 ·\n12\n— 4 —\n",
    "repeated 文号": "国发〔2024〕1号\n",
    "open brackets": "（关于《某事项（\n",
    "all markers mixed": "下转第1页\n上接第1页\n第一条\n目录\n国发〔2024〕1号\n（关于《某事项\n",
}


def _mix_text(name: str, size: int) -> str:
    if name == "normal":
        normal = SAMPLE.read_text(encoding="utf-8")
        return (normal * (size // len(normal.encode("utf-8")) + 1))[: size // 3]  # ~size bytes
    unit = MIXES[name]
    return unit * (size // len(unit.encode("utf-8")))


def _fresh_time(name: str, size: int, runs: int = 2) -> float:
    """The parse time of a mix in a fresh interpreter (no cache warmed by another input), the
    best of ``runs`` (the machine is shared: the minimum is the least disturbed run)."""
    import subprocess

    code = (
        "import sys, time; sys.path.insert(0, sys.argv[1]); sys.path.insert(0, sys.argv[2]);"
        "import parse as b; from gongbao.pipeline import parse_text;"
        "t = b._mix_text(sys.argv[3], int(sys.argv[4])); s = time.perf_counter(); parse_text(t);"
        "print(time.perf_counter() - s)"
    )
    best = float("inf")
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", code, str(ROOT / "src"), str(ROOT / "bench"), name, str(size)],
            capture_output=True,
            text=True,
            check=True,
        )
        best = min(best, float(out.stdout.strip()))
    return best


def marker_mixes(mb: float = 1.0) -> None:
    """1 MB of each marker mix against 1 MB of a real gazette (issue #10: target <= 2x), and the
    same mix at a quarter of the size (linear: the ratio of the two times is about 4). Each
    time is taken in a fresh interpreter, best of two."""
    size = int(mb * 1_000_000)
    t_normal = _fresh_time("normal", size)
    print(f"\nmarker mixes, {mb:.1f} MB each (normal gazette text: {t_normal:.2f} s):")
    for name in MIXES:
        t_full = _fresh_time(name, size)
        t_quarter = _fresh_time(name, size // 4)
        print(
            f"  {name:26s} {t_full:6.2f} s  x{t_full / t_normal:5.1f} of normal   "
            f"linearity {t_full / max(t_quarter, 1e-6):4.1f} (4.0 = linear)"
        )


if __name__ == "__main__":
    if "--mixes-only" in sys.argv:
        sys.argv.remove("--mixes-only")
        marker_mixes()
    else:
        main()
        marker_mixes()
