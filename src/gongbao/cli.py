"""The ``gongbao`` command. Each area registers its commands from ``gongbao.commands``.

The library does the work; commands parse arguments, call a library function and
format the result. Library errors (``GongbaoError``) become a one-line message on
stderr and exit code 2, never a traceback.

Start-up cost: a fresh process imports only the module of the command it runs. ``COMMANDS``
names each command's module and its one-line help (what ``gongbao --help`` lists without
importing anything); the command itself is registered from its module on first use.
``tests/test_cli_lazy.py`` checks that this table matches what the modules register, and
``bench/startup.py`` measures the cost per command.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from gongbao.errors import GongbaoError

#: command -> (module that registers it, first line of its help), in the order ``--help`` lists them.
COMMANDS: dict[str, tuple[str, str]] = {
    "parse": ("gongbao.commands.parse", "Parse a gazette into its documents with no database, losing no character."),
    "instructions": (
        "gongbao.commands.amend",
        "Dry run: show how each instruction of an amending decision parses into operations.",
    ),
    "verify": (
        "gongbao.commands.amend",
        "Check every instruction of an amending decision against the republished consolidated texts.",
    ),
    "apply": (
        "gongbao.commands.amend",
        "Apply an amending decision to a regulation and print the consolidated text.",
    ),
    "diff": (
        "gongbao.commands.amend",
        "Show two versions side by side, aligned by the article map, with character changes marked.",
    ),
    "ingest": (
        "gongbao.commands.store",
        "Parse gazettes and store them, one transaction per file; a file already stored is skipped.",
    ),
    "check": (
        "gongbao.commands.store",
        "Verify the store: coverage of every source, duplicates, nodes, index, relations, versions.",
    ),
    "search": (
        "gongbao.commands.store",
        "Search the store to the article: each hit names the document, node id, citation and version.",
    ),
    "status": (
        "gongbao.commands.store",
        "Status of a document on a date: not yet in force, in force, amended, expired, repealed (by whom, since when).",
    ),
    "docs": ("gongbao.commands.store", "List stored documents with their status on a date."),
    "links": (
        "gongbao.commands.store",
        "What a document amends, repeals, is based on and cites, and what refers to it.",
    ),
    "effects": (
        "gongbao.commands.store",
        "What a stored decision changed: each instruction's target, checked against the text it made.",
    ),
    "show": (
        "gongbao.commands.structure",
        "Print a document, or one article, paragraph, item or outline unit of it.",
    ),
    "rules": ("gongbao.commands.rules", "Rule-sets read from a plan's text (重污染天气应急预案)."),
    "alert": ("gongbao.commands.rules", "Run a heavy-pollution plan's warning rules over an hourly series."),
    "deadline": (
        "gongbao.commands.rules",
        "When a statutory time limit ends, on China's official calendar (working days, 调休, 民法典第二百零三条).",
    ),
    "obligations": (
        "gongbao.commands.rules",
        "List the time limits provisions set: N日内, N个工作日前, 提前N小时, 每N个月不得少于一次, with trigger, actor and node id.",
    ),
    "tasks": (
        "gongbao.commands.tasks",
        "The task ledger: one row per unit clause (牵头单位/配合单位/责任单位) of every plan.",
    ),
    "targets": (
        "gongbao.commands.tasks",
        "Quantitative targets inside tasks: metric, value, unit, comparison, deadline.",
    ),
    "units": ("gongbao.commands.tasks", "Units named in task clauses, with their aliases and task counts by role."),
    "people": (
        "gongbao.commands.tasks",
        "Post holders from appointment notices: who was appointed to or removed from which post, when.",
    ),
    "events": (
        "gongbao.commands.tasks",
        "Chronicle events (大事记): what a government did on which day, from the gazettes' chronicles.",
    ),
    "serve": (
        "gongbao.commands.serve",
        "Serve the web pages (/), the REST API (/api/v1/…; Swagger UI at /docs, ReDoc at /redoc) over the store.",
    ),
}

#: The modules of ``gongbao.commands`` in registration order (a later module's command of the same name wins).
MODULES: tuple[str, ...] = tuple(dict.fromkeys(module for module, _ in COMMANDS.values()))


def load_module_commands(module: str) -> dict[str, Any]:
    """Import ``module``, let it register its commands on a scratch app; return them by name."""
    scratch = typer.Typer(add_completion=False)

    @scratch.callback()
    def _scratch() -> None:  # a callback makes typer build a group even for one command
        """scratch"""

    importlib.import_module(module).register(scratch)
    group = typer.main.get_group(scratch)
    return dict(group.commands)


class LazyGroup(TyperGroup):
    """A command group that imports a command's module only when that command is used.

    ``gongbao --help`` lists ``COMMANDS`` from the table, importing no command module.
    """

    _listing = False

    def list_commands(self, ctx: Any) -> list[str]:
        return list(dict.fromkeys([*COMMANDS, *self.commands]))

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module, short = entry
        if self._listing:
            return TyperCommand(name=cmd_name, help=short, short_help=short)
        for name, cmd in load_module_commands(module).items():
            self.commands.setdefault(name, cmd)
        return self.commands.get(cmd_name)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False


app = typer.Typer(
    name="gongbao",
    cls=LazyGroup,
    rich_markup_mode=None,  # the root help in plain click format: rich.markdown alone costs ~20 ms
    help="gongbao (公报): Chinese government gazettes as a legal and administrative knowledge base.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """gongbao (公报): Chinese government gazettes as a legal and administrative knowledge base."""


def main(argv: list[str] | None = None) -> None:
    """Entry point: runs the CLI; a ``GongbaoError`` becomes one line on stderr and exit code 2."""
    try:
        app(args=argv)
    except GongbaoError as e:
        print(f"gongbao: {e}", file=sys.stderr)
        sys.exit(2)
    except BrokenPipeError:
        sys.exit(0)


if __name__ == "__main__":
    main()
