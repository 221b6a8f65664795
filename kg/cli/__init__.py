"""The `cypkg` command: thin commands over the library, one module per area.

Every command module registers itself on `app`; errors the library raises on purpose are
printed as a message plus a hint, with a meaningful exit code (1 = data refused, 2 = bad input).
"""

from __future__ import annotations

import sys

import typer
from rich.console import Console

from kg.errors import CypkgError

app = typer.Typer(
    name="cypkg",
    help=(
        "cypkg: a knowledge graph of Children and Young People's Plans.\n\n"
        "Start with `cypkg load` (builds the store from data/), then `cypkg queries` to see the questions "
        "it answers, `cypkg query NAME` to ask one, and `cypkg serve` for the web service."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)
err = Console(stderr=True)


def main() -> None:
    """Console-script entry point: runs the app and turns domain errors into clean exits."""
    try:
        app()
    except CypkgError as exc:
        err.print(f"[bold red]error:[/] {exc.message}", highlight=False, markup=True, soft_wrap=True)
        if exc.hint:
            err.print(f"[yellow]how to fix:[/] {exc.hint}", highlight=False, soft_wrap=True)
        report = getattr(exc, "report", None)
        if report is not None:
            from kg.cli.output import report_table

            err.print(report_table(report, width=err.width))
        sys.exit(exc.exit_code)


from kg.cli import core  # noqa: E402,F401  (registers the commands)

for _module in ("indicators", "views", "imports"):
    try:
        __import__(f"kg.cli.{_module}")
    except ModuleNotFoundError as _exc:  # an area not installed in this checkout
        if _exc.name != f"kg.cli.{_module}":
            raise
