"""Many files: a directory ingested with worker processes gives the same store as one by one."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from gongbao.batch import expand_sources, parse_many

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "liaocheng-2024-11-12.txt"
TRIPLES = ROOT / "tests" / "data" / "amend" / "triples"


def _corpus(tmp_path: Path) -> Path:
    d = tmp_path / "gazettes"
    (d / "sub").mkdir(parents=True)
    shutil.copy(SAMPLE, d / "a.txt")
    shutil.copy(TRIPLES / "audit-2006-base.txt", d / "sub" / "b.txt")
    shutil.copy(TRIPLES / "audit-2021-decision.txt", d / "sub" / "c.txt")
    (d / "bad.txt").write_bytes(b"\x00\x01binary")
    (d / "notes.md").write_text("not a gazette", encoding="utf-8")
    return d


def test_parse_many_keeps_order_and_reports_failures(tmp_path):
    files = expand_sources([_corpus(tmp_path)])
    assert [f.name for f in files] == ["a.txt", "bad.txt", "b.txt", "c.txt"]
    serial = [(p.name, type(x).__name__) for p, x in parse_many(files, 1)]
    pooled = [(p.name, type(x).__name__) for p, x in parse_many(files, 2)]
    assert serial == pooled == [("a.txt", "Issue"), ("bad.txt", "InputError"), ("b.txt", "Issue"), ("c.txt", "Issue")]


def test_ingest_directory_with_workers(tmp_path):
    d = _corpus(tmp_path)
    db = f"sqlite:///{tmp_path / 'kb.db'}"
    res = subprocess.run(
        [sys.executable, "-m", "gongbao.cli", "ingest", str(d), "--db", db, "--workers", "2"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert res.returncode == 2  # the binary file failed, the others are stored
    assert "bad.txt: FAILED" in res.stderr
    assert res.stdout.count(": stored ") == 3
    assert "中华人民共和国审计法: consolidated" in res.stdout
