"""The `cypkg` command: thin commands over the library, one module per area.

Every command module registers itself on `app`; errors the library raises on purpose are
printed as a message plus a hint, with a meaningful exit code (1 = data refused, 2 = bad input).
"""

from __future__ import annotations

import sys
from typing import Any

import typer
from rich.console import Console
from typer.core import TyperGroup

from kg.cli.output import report_table
from kg.errors import CypkgError


class _Group(TyperGroup):
    """The command group: closes the stores a command opened when it ends; flags (`--dry-run`,
    `--force`, `--help`) show no `<bool>` in help, since they take no value."""

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            _plain_flags(command)
        return command

    def get_help_option(self, ctx: Any) -> Any:
        return _plain_flag(super().get_help_option(ctx))

    def invoke(self, ctx: Any) -> Any:
        from kg.cli.stores import close_all

        try:
            return super().invoke(ctx)
        finally:
            close_all()


def _plain_flag(option: Any) -> Any:
    if option is not None and getattr(option, "is_flag", False):
        option.metavar = ""
    return option


def _plain_flags(command: Any) -> None:
    for param in command.params:
        _plain_flag(param)
    if not getattr(command, "_plain_help", False):
        own = command.get_help_option
        command.get_help_option = lambda ctx: _plain_flag(own(ctx))
        command._plain_help = True


app = typer.Typer(
    name="cypkg",
    cls=_Group,
    add_completion=False,
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
            err.print(report_table(report, width=err.width))
        sys.exit(exc.exit_code)


from kg.cli import core  # noqa: E402,F401  (registers the commands)

for _module in ("indicators", "views", "imports", "national"):
    try:
        __import__(f"kg.cli.{_module}")
    except ModuleNotFoundError as _exc:  # an area not installed in this checkout
        if _exc.name != f"kg.cli.{_module}":
            raise
