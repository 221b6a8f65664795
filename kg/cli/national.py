"""The national picture: the plans register's committed graphs, its theme mapping, and the national views."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from kg.cli import app

out = Console(soft_wrap=True)
register_app = typer.Typer(
    help=(
        "The national plans register: rebuild its committed graphs, propose the theme mapping.\n\n"
        "Example: `cypkg register build` after editing data/sources/register/*.csv, then `cypkg load`."
    ),
    no_args_is_help=True,
)
app.add_typer(register_app, name="register")


@register_app.command("build")
def build(
    folder: Annotated[
        Path | None, typer.Argument(help="The register's folder (default: data/sources/register)")
    ] = None,
    out_dir: Annotated[Path | None, typer.Option("--out", help="Where to write (default: data/register)")] = None,
) -> None:
    """Rebuild data/register/*.ttl (one graph per source page) from the register's CSV files.

    `cypkg load` loads these files like the seeds. Run this after editing the register or its theme mapping,
    then `cypkg validate`; a test fails while the committed files and the CSV files disagree.
    """
    from kg.imports.register import OUTPUT_DIR, SOURCE_DIR, build_files

    written = build_files(folder or SOURCE_DIR, out_dir or OUTPUT_DIR)
    out.print(f"wrote {len(written)} graph file(s) to {out_dir or OUTPUT_DIR}")


@register_app.command("themes")
def themes(
    folder: Annotated[
        Path | None, typer.Argument(help="The register's folder (default: data/sources/register)")
    ] = None,
) -> None:
    """Propose national themes for every priority an officer has not reviewed, in the folder's theme-mapping.csv.

    Reviewed rows (reviewed = yes) are kept exactly; the rest are proposed again by the rules (the themes'
    words in the ontology) and fuzzy matching. Review the file, set reviewed to yes, then `cypkg register build`.
    """
    from kg.analysis.themes import update_mapping

    path, rows = update_mapping(folder)
    open_rows = sum(1 for r in rows if not r.reviewed)
    out.print(f"wrote {len(rows)} row(s) to {path}; {open_rows} to review")
