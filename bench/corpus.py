"""Regression on the real gazettes the project has.

    python bench/corpus.py [--baseline bench/corpus_baseline.txt] [--write]

Parses every real gazette: the sample, the 1954 State Council Gazette (a real PDF; its folder
is ``$GONGBAO_CORPUS``, default ``/work/shared/corpus``), the same issue without its TOC pages,
and the gazettes arranged from real documents under ``tests/data/gazettes/``. Prints per issue:
documents found, TOC entries matched (of all), documents right against the truth file when there
is one, warnings, residue share of the visible characters, characters in no document and no
residue (lost) and in two (doubled). ``--write`` stores the table as the baseline; without it the
table is compared with the baseline and the differences are listed (exit 1 when any), so a change
in these numbers is visible in review. With ``--pdf`` it also times PDF text extraction
(pypdfium2, and pdfplumber when installed) in pages per second.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from gongbao.model import Issue  # noqa: E402
from gongbao.pipeline import parse_path, parse_text  # noqa: E402

CORPUS = Path(os.environ.get("GONGBAO_CORPUS", "/work/shared/corpus"))
SAMPLE = Path(os.environ.get("GONGBAO_SAMPLE", "/work/shared/samples/liaocheng-2024-11-12.txt"))
GAZETTES = ROOT / "tests" / "data" / "gazettes"
BASELINE = ROOT / "bench" / "corpus_baseline.txt"


def accounting(issue: Issue) -> tuple[float, int, int]:
    """(residue share of visible characters, lost, doubled)."""
    count = bytearray(len(issue.source))
    for d in issue.documents:
        for s in d.spans():
            for k in range(s.start, s.end):
                count[k] = min(count[k] + 1, 2)
    residue = 0
    for r in issue.residue:
        for k in range(r.start, r.end):
            count[k] = min(count[k] + 1, 2)
            residue += not issue.source[k].isspace()
    visible = [k for k, c in enumerate(issue.source) if not c.isspace()]
    lost = sum(1 for k in visible if count[k] == 0)
    doubled = sum(1 for k in visible if count[k] > 1)
    return residue / max(1, len(visible)), lost, doubled


def truth_score(issue: Issue, truth: dict | None) -> str:
    if truth is None:
        return "-"
    want = truth["documents"] if "documents" in truth else [{"title": None, "page": e["page"]} for e in truth["toc"]]
    if "toc" in truth:  # the 1954 TOC truth: each document matched to its own entry
        ok = sum(1 for k, d in enumerate(issue.documents) if d.toc_index == k and k < len(want))
    else:
        ok = sum(
            1
            for d, w in zip(issue.documents, want, strict=False)
            if d.title == w["title"] and d.doc_number == w["doc_number"]
        )
    return f"{ok}/{len(want)}"


def issues() -> list[tuple[str, Issue, dict | None]]:
    out: list[tuple[str, Issue, dict | None]] = []
    if SAMPLE.exists():
        out.append((SAMPLE.name, parse_path(SAMPLE), None))
    pdf = CORPUS / "gwyb195401.pdf"
    if pdf.exists():
        truth = json.loads(pdf.with_suffix(".toc.json").read_text(encoding="utf-8"))
        issue = parse_path(pdf)
        out.append((pdf.name, issue, truth))
        src = issue.source
        start, body = src.find("目 录"), src.find("关于中苏举行会谈的公报\n", src.find("(47)"))
        if 0 <= start < body:
            out.append((pdf.stem + " without TOC", parse_text(src[:start] + src[body:]), None))
    for txt in sorted(GAZETTES.glob("*.txt")):
        t = txt.with_suffix(".truth.json")
        truth = json.loads(t.read_text(encoding="utf-8")) if t.exists() else None
        out.append((txt.name, parse_path(txt), truth))
    return out


def table() -> list[str]:
    rows = [
        f"{'issue':34s} {'docs':>5s} {'toc':>7s} {'truth':>6s} {'warn':>5s} {'residue':>8s} {'lost':>5s} {'doubled':>7s}"
    ]
    for name, issue, truth in issues():
        share, lost, doubled = accounting(issue)
        matched = len({d.toc_index for d in issue.documents if d.toc_index is not None})
        toc = f"{matched}/{len(issue.toc)}"
        rows.append(
            f"{name[:34]:34s} {len(issue.documents):5d} {toc:>7s} {truth_score(issue, truth):>6s} "
            f"{len(issue.warnings):5d} {share:8.1%} {lost:5d} {doubled:7d}"
        )
    return rows


def pdf_speed() -> None:
    pdf = CORPUS / "gwyb195401.pdf"
    if not pdf.exists():
        return
    from gongbao.ingest.reader import _read_pdf

    t = time.perf_counter()
    _, pages, _ = _read_pdf(pdf, str(pdf))
    dt = time.perf_counter() - t
    print(f"pypdfium2   {len(pages) / dt:7.1f} pages/s")
    try:
        import pdfplumber
    except ImportError:
        print("pdfplumber  not installed")
        return
    t = time.perf_counter()
    with pdfplumber.open(pdf) as doc:
        n = sum(1 for p in doc.pages if p.extract_text() is not None)
    dt2 = time.perf_counter() - t
    print(f"pdfplumber  {n / dt2:7.1f} pages/s   (pypdfium2 is {dt2 / dt:.1f}x faster)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--baseline", type=Path, default=BASELINE)
    ap.add_argument("--write", action="store_true", help="store this table as the baseline")
    ap.add_argument("--pdf", action="store_true", help="also time PDF text extraction")
    a = ap.parse_args()
    rows = table()
    print("\n".join(rows))
    if a.pdf:
        pdf_speed()
    if a.write:
        a.baseline.write_text("\n".join(rows) + "\n", encoding="utf-8")
        print(f"baseline written: {a.baseline}")
        return 0
    if a.baseline.exists():
        old = a.baseline.read_text(encoding="utf-8").splitlines()
        changed = sorted(set(rows) ^ set(old))
        if changed:
            print("\nchanged against the baseline:")
            for r in old:
                if r not in rows:
                    print(f"- {r}")
            for r in rows:
                if r not in old:
                    print(f"+ {r}")
            return 1
        print("\nsame as the baseline")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
