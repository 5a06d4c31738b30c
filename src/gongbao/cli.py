"""The ``gongbao`` command. Each area registers its commands from ``gongbao.commands``.

The library does the work; commands parse arguments, call a library function and
format the result. Library errors (``GongbaoError``) become a one-line message on
stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import sys

import click
import typer

from gongbao.errors import GongbaoError

app = typer.Typer(
    name="gongbao",
    help="gongbao (公报): Chinese government gazettes as a legal and administrative knowledge base.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _register() -> None:
    # Each module owns the commands of one area (see README, "CLI reference").
    from gongbao.commands import amend, parse, rules, store, structure, tasks

    for module in (parse, structure, amend, store, rules, tasks):
        module.register(app)


_register()


def main(argv: list[str] | None = None) -> int:
    """Entry point: runs the CLI and maps errors to exit codes (2 for bad input)."""
    try:
        app(args=argv, standalone_mode=False)
    except GongbaoError as e:
        print(f"gongbao: {e}", file=sys.stderr)
        return 2
    except click.exceptions.Exit as e:
        return e.exit_code
    except click.exceptions.Abort:
        print("gongbao: aborted", file=sys.stderr)
        return 1
    except click.ClickException as e:
        e.show()
        return 2
    except BrokenPipeError:
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
