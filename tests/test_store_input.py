"""Bad input through the store's commands: one line, exit 2, the rest of a batch stored."""

from __future__ import annotations

import os
import signal
import stat
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from conftest import SAMPLE
from gongbao.cli import main
from gongbao.errors import InputError
from gongbao.ingest import read_source
from gongbao.pipeline import parse_path
from gongbao.store import ingest_issue, open_store
from gongbao.store.check import check_store
from gongbao.store.schema import SCHEMA_VERSION


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    """``gongbao ARGV`` in this process: (exit code, stdout, stderr)."""
    code = 0
    try:
        main(argv)
    except SystemExit as e:
        code = int(e.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> None:
    assert "Traceback" not in err
    assert len([x for x in err.splitlines() if x.startswith("gongbao:")]) == 1, err


def count(engine, table: str) -> int:
    with engine.connect() as conn:
        return int(conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar() or 0)


def test_nul_past_64k_is_refused_and_the_batch_goes_on(store_url, tmp_path, capsys):
    text = SAMPLE.read_text(encoding="utf-8")
    at = text.index("\n", 70000)  # past the first 64 KB the reader samples for binary files
    bad = tmp_path / "nul.txt"
    bad.write_text(text[:at] + "\x00" + text[at:], encoding="utf-8")
    assert len(text[:at].encode()) > 65536
    good = tmp_path / "notice.txt"
    good.write_bytes((Path(__file__).parent / "data" / "store" / "repeal-later-notice.txt").read_bytes())
    code, out, err = run(["ingest", str(bad), str(good), "--db", store_url], capsys)
    assert code == 2
    one_line(err)
    assert "NUL character" in err and str(bad) in err and "stored 1 documents" in out
    engine = open_store(store_url)
    assert count(engine, "issues") == 1 and check_store(engine).ok
    engine.dispose()


def test_numbers_beyond_the_genre_never_overflow_the_store(store, tmp_path):
    p = tmp_path / "big.txt"
    p.write_text(
        "聊城市测试管理办法\n\n第一条 为了测试，制定本办法。\n\n第9999999999条 本办法自2025年1月1日起施行。\n",
        encoding="utf-8",
    )
    issue = parse_path(p)
    ingest_issue(store, issue)  # PostgreSQL's INTEGER would overflow on 9999999999
    with store.connect() as conn:
        numbers = [n for (n,) in conn.execute(sa.text("SELECT number FROM nodes WHERE number IS NOT NULL"))]
    assert numbers and max(numbers) < 2**31
    assert check_store(store).ok


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "dev-null", "directory-fifo"])
def test_special_files_are_refused_not_read(tmp_path, kind, capsys):
    if kind == "fifo":
        path = tmp_path / "pipe.txt"
        os.mkfifo(path)
    elif kind == "dev-zero":
        path = Path("/dev/zero")
    elif kind == "dev-null":
        path = Path("/dev/null")
    else:  # a FIFO inside a directory given to ingest DIR is skipped (not a regular file)
        path = tmp_path / "dir"
        path.mkdir()
        os.mkfifo(path / "pipe.txt")
        (path / "good.txt").write_bytes(SAMPLE.read_bytes())
    if kind != "directory-fifo":
        with pytest.raises(InputError, match="not a regular file"):
            read_source(path)
    start = time.monotonic()
    signal.alarm(60)  # a read that never ends fails the test instead of hanging it
    try:
        code, out, err = run(["ingest", str(path), "--db", str(tmp_path / "kb.db")], capsys)
    finally:
        signal.alarm(0)
    assert time.monotonic() - start < 60
    if kind == "directory-fifo":
        assert code == 0 and "stored 23 documents" in out
    else:
        assert code == 2 and "not a regular file" in err
        one_line(err)


def test_ingest_dir_reports_each_bad_file_and_stores_the_others(tmp_path, capsys):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a-good.txt").write_bytes(SAMPLE.read_bytes())
    (d / "b-empty.txt").write_bytes(b"")
    (d / "c-binary.txt").write_bytes(bytes(range(256)) * 40)
    (d / "d-truncated.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n")
    (d / "e-good.txt").write_bytes((Path(__file__).parent / "data" / "store" / "repeal-later-notice.txt").read_bytes())
    db = str(tmp_path / "kb.db")
    code, _out, err = run(["ingest", str(d), "--db", db], capsys)
    assert code == 2
    one_line(err)
    failed = [x for x in err.splitlines() if "FAILED" in x]
    assert [x.split(":")[0] for x in failed] == [str(d / n) for n in ("b-empty.txt", "c-binary.txt", "d-truncated.pdf")]
    assert "3 of 5 files not stored" in err
    engine = open_store(db)
    assert count(engine, "issues") == 2 and check_store(engine).ok


@pytest.mark.parametrize(
    "argv",
    [
        ["status", "聊城市人民政府令第34号", "--as-of", "2025-13-01"],
        ["docs", "--as-of", "99999-01-01"],
        ["status", "聊政发〔1999〕999号"],
        ["links", "   "],
        ["search", "   "],
        ["check", "--db", "{notadb}"],
        ["status", "x", "--db", "mysql://h/db"],
        ["docs", "--db", "{missing}"],
    ],
    ids=["bad-date", "huge-year", "unknown-ref", "blank-ref", "blank-query", "not-a-database", "bad-url", "no-store"],
)
def test_bad_arguments_give_one_line(tmp_path, capsys, argv):
    db = str(tmp_path / "kb.db")
    engine = open_store(db)
    ingest_issue(engine, parse_path(SAMPLE))
    engine.dispose()
    notadb = tmp_path / "not-a-db.txt"
    notadb.write_text("hello, not SQLite\n" * 100)
    args = [a.format(notadb=notadb, missing=tmp_path / "none.db") for a in argv]
    if "--db" not in args:
        args += ["--db", db]
    code, _, err = run(args, capsys)
    assert code == 2, err
    one_line(err)


def _create_and_ingest(db: str, go: str) -> None:
    """A forked child: wait for the start signal, then open (create) the store and write to it."""
    code = 1
    try:
        while not os.path.exists(go):
            time.sleep(0.001)
        engine = open_store(db)
        with engine.begin() as conn:
            conn.execute(sa.text("SELECT count(*) FROM issues"))
        code = 0
    except BaseException as e:  # reported through the exit code and a file
        Path(db + f".{os.getpid()}.err").write_text(repr(e))
    finally:
        os._exit(code)


def test_concurrent_processes_create_one_sqlite_store(tmp_path):
    db = str(tmp_path / "new.db")
    go = str(tmp_path / "go")
    pids = []
    for _ in range(25):
        pid = os.fork()
        if pid == 0:
            _create_and_ingest(db, go)
        pids.append(pid)
    Path(go).touch()
    codes = [os.waitstatus_to_exitcode(os.waitpid(p, 0)[1]) for p in pids]
    errors = [p.read_text() for p in tmp_path.glob("new.db.*.err")]
    assert codes == [0] * 25, errors
    engine = open_store(db)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM schema_version")).scalar() == SCHEMA_VERSION
    assert stat.S_ISREG(os.stat(db).st_mode)
