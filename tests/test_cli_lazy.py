"""The lazy command table of ``gongbao.cli`` matches what the command modules register."""

from __future__ import annotations

import subprocess
import sys

from gongbao.cli import COMMANDS, MODULES, load_module_commands


def test_table_matches_the_modules() -> None:
    registered: dict[str, tuple[str, str]] = {}
    for module in MODULES:
        for name, cmd in load_module_commands(module).items():
            first = (cmd.help or "").strip().splitlines()[0].strip()
            registered[name] = (module, first)
    # A new command, or a changed first help line: update ``COMMANDS`` in gongbao/cli.py.
    assert registered == COMMANDS


def test_help_imports_no_command_module() -> None:
    code = (
        "import sys\nfrom gongbao.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('gongbao.commands.', 'sqlalchemy', 'gongbao.store'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "search" in out and "ingest" in out  # the commands are listed
    assert out.strip().splitlines()[-1] == "[]"


def test_a_command_imports_only_its_module() -> None:
    code = (
        "import sys\nfrom gongbao.cli import main\n"
        "try:\n    main(['deadline', '--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('gongbao.commands.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "['gongbao.commands.rules']"


def test_questions_to_an_sqlite_store_import_no_sqlalchemy(tmp_path) -> None:
    """status, docs, links, search and show REF --as-of read an SQLite file through sqlite3."""
    from pathlib import Path

    from gongbao.cli import main

    sample = Path(__file__).resolve().parent.parent / "samples" / "liaocheng-2024-11-12.txt"
    db = str(tmp_path / "kb.db")
    try:
        main(["ingest", str(sample), "--db", db, "--no-progress"])
    except SystemExit as e:
        assert not e.code
    for argv in (
        ["status", "聊城市人民政府令第48号", "--db", db],
        ["docs", "--db", db],
        ["links", "聊城市人民政府令第48号", "--db", db],
        ["search", "燃气", "--db", db],
        ["show", "聊城市人民政府令第48号", "--as-of", "2025-01-01", "--db", db],
    ):
        code = (
            "import sys\nfrom gongbao.cli import main\n"
            f"try:\n    main({argv!r})\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
            "print(sorted({m.split('.')[0] for m in sys.modules if m.startswith('sqlalchemy')}))"
        )
        res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert res.returncode == 0, (argv, res.stderr)
        lines = res.stdout.strip().splitlines()
        assert len(lines) > 1, argv  # the command printed its answer
        assert lines[-1] == "[]", argv
