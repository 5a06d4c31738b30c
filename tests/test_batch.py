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


# --- parallel and distributed ingest give the same store as a serial one (issue #16) ---------

import hashlib  # noqa: E402
import os  # noqa: E402

import pytest  # noqa: E402

from gongbao.batch import ingest_many  # noqa: E402


def _good_corpus(tmp_path: Path) -> list[Path]:
    d = _corpus(tmp_path)
    (d / "bad.txt").unlink()
    return expand_sources([d])


def fingerprint(url: str) -> dict[str, object]:
    """The store's content without surrogate ids: documents, nodes, relations, versions, index size."""
    import sqlalchemy as sa

    from gongbao.store import open_store
    from gongbao.store.fts import count_indexed

    eng = open_store(url, create=False)
    with eng.connect() as conn:
        q = lambda sql: sorted(tuple(str(v) for v in r) for r in conn.exec_driver_sql(sql).all())  # noqa: E731
        nodes = q(
            "SELECT d.ref, n.eid, n.kind, n.citation, n.text FROM nodes n JOIN documents d ON d.id = n.document_id"
        )
        out = {
            "documents": q("SELECT ref, title, kind, signed_date, valid_from, published_date, n_nodes FROM documents"),
            "nodes": hashlib.sha256(repr(nodes).encode()).hexdigest(),
            "n_nodes": len(nodes),
            "relations": q(
                "SELECT s.ref, r.kind, r.source_eid, r.target_doc_number, r.target_title, t.ref, r.since "
                "FROM relations r JOIN documents s ON s.id = r.source_document_id "
                "LEFT JOIN documents t ON t.id = r.target_document_id"
            ),
            "versions": q("SELECT work, made_by, valid_from, valid_to, origin, text FROM versions"),
            "indexed": count_indexed(conn),
            "issues": q("SELECT sha256, n_documents, n_nodes, total_length FROM issues"),
        }
        del sa
    eng.dispose()
    return out


def test_parallel_ingest_equals_serial(tmp_path, store_url):
    files = _good_corpus(tmp_path)
    serial_url = f"sqlite:///{tmp_path / 'serial.db'}"
    serial = ingest_many(files, serial_url, workers=1)
    assert [f.ok for f in serial.files] == [True, True, True]
    rep = ingest_many(list(reversed(files)), store_url, workers=2)  # another order, two writers
    assert all(f.ok and f.created for f in rep.files), [f.error for f in rep.files]
    assert rep.summary()["stored"] == 3 and rep.summary()["nodes"] == serial.summary()["nodes"]
    assert [c.work for f in rep.files for c in f.consolidated if c.version_id] == ["中华人民共和国审计法"]
    assert fingerprint(store_url) == fingerprint(serial_url)
    again = ingest_many(files, store_url, workers=2)
    assert again.summary()["unchanged"] == 3 and again.summary()["stored"] == 0


def test_dask_local_cluster_equals_local_ingest(tmp_path, store_url):
    """CI: a local Dask cluster of 2 workers writes the same store as a local ingest."""
    try:
        import dask.distributed  # noqa: F401
    except ImportError:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("dask.distributed is not installed in CI (pip install '.[cluster]')")
        pytest.skip("dask.distributed not installed")
    files = _good_corpus(tmp_path)
    local_url = f"sqlite:///{tmp_path / 'local.db'}"
    ingest_many(files, local_url, workers=1)
    rep = ingest_many(files, store_url, workers=2, engine="dask")
    assert rep.engine == "dask" and all(f.ok for f in rep.files), [f.error for f in rep.files]
    assert fingerprint(store_url) == fingerprint(local_url)


def test_batch_refuses_what_it_cannot_do(tmp_path):
    from gongbao.errors import StoreError

    with pytest.raises(StoreError, match="unknown engine"):
        ingest_many([], f"sqlite:///{tmp_path / 'x.db'}", engine="spark")
    with pytest.raises(StoreError, match="PostgreSQL"):
        ingest_many([], f"sqlite:///{tmp_path / 'x.db'}", engine="dask", scheduler="tcp://127.0.0.1:1")


def test_cli_summary_and_json(tmp_path):
    files = _good_corpus(tmp_path)
    db = f"sqlite:///{tmp_path / 'kb.db'}"
    res = subprocess.run(
        [sys.executable, "-m", "gongbao.cli", "ingest", *map(str, files), "--db", db, "-j", "2", "--format", "json"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    import json

    out = json.loads(res.stdout)
    assert out["summary"]["stored"] == 3 and out["summary"]["workers"] == 2 and len(out["files"]) == 3
    res = subprocess.run(
        [sys.executable, "-m", "gongbao.cli", "ingest", *map(str, files), "--db", db, "--progress"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert res.returncode == 0 and "3 files: 0 stored, 3 unchanged, 0 failed" in res.stderr
