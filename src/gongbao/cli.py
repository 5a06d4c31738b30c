"""The ``gongbao`` command. Each area registers its commands from ``gongbao.commands``.

The library does the work; commands parse arguments, call a library function and
format the result. Library errors (``GongbaoError``) become a one-line message on
stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import sys

import typer

from gongbao.errors import GongbaoError

app = typer.Typer(
    name="gongbao",
    help="gongbao (公报): Chinese government gazettes as a legal and administrative knowledge base.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """gongbao (公报): Chinese government gazettes as a legal and administrative knowledge base."""


def _register() -> None:
    # Each module owns the commands of one area (see README, "CLI reference").
    from gongbao.commands import amend, parse, rules, serve, store, structure, tasks

    # structure after store: its ``show`` covers both the file and the store mode
    for module in (parse, amend, store, structure, rules, tasks, serve):
        module.register(app)


_register()


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
