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
