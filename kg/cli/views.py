"""Board-workshop commands: `cypkg view`, `cypkg metrics`, `cypkg compare`."""

from __future__ import annotations

import csv
import io
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from kg.analysis.network import METRIC_SECTIONS, VIEWS, MetricRow, compare_plans, workshop_metrics
from kg.cli import app
from kg.cli.core import FORMAT_HELP, RowFormat, row_format
from kg.cli.ids import require_id
from kg.cli.stores import reading_store
from kg.store.protocol import Store

out = Console(soft_wrap=True)


class ViewFormat(StrEnum):
    html = "html"
    svg = "svg"
    png = "png"


def _store() -> Store:
    return reading_store()


def _scope(store: Store, plan: str | None = None, authority: str | None = None) -> None:
    """Refuse a misspelt plan or council id, naming the nearest known ones."""
    if plan:
        require_id(store, "plan", plan)
    if authority:
        require_id(store, "authority", authority)


def default_view_path(name: str, fmt: str, plan: str | None, authority: str | None) -> Path:
    """`partner-priority-medway-cypp-2019-2024.html`: the view, its scope and format."""
    return Path(f"{name}-{plan or authority or 'all'}.{fmt}")


@app.command()
def view(
    name: Annotated[str, typer.Argument(help=f"Which view: {', '.join(VIEWS)}")],
    plan: Annotated[str | None, typer.Option(help="One plan's id, e.g. medway-cypp-2019-2024")] = None,
    authority: Annotated[str | None, typer.Option(help="One council's id, e.g. medway (all its plans)")] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default NAME-SCOPE.FORMAT)")
    ] = None,
    format: Annotated[ViewFormat, typer.Option("--format", "-f", help="html (interactive), svg or png (A4)")] = (
        ViewFormat.html
    ),
) -> None:
    """Draw a network as an offline HTML page, or as an A4 picture for board papers.

    The HTML page has every script inlined, so it opens on a laptop with no internet: search,
    filter by plan, outcome and partner type, hover for the source paragraph.

    Examples:

    * `cypkg view partner-priority --plan medway-cypp-2019-2024` writes partner-priority-medway-cypp-2019-2024.html

    * `cypkg view partner-priority --plan medway-cypp-2019-2024 --format png -o board-paper.png`

    * `cypkg view partners-national` shows partners across all councils (large views are folded to 300 nodes)
    """
    from kg.views import render_view

    store = _store()
    _scope(store, plan, authority)
    rendered = render_view(store, name, format.value, plan=plan, authority=authority)
    path = output or default_view_path(name, format.value, plan, authority)
    path.write_bytes(rendered.content)
    out.print(f"wrote {path} ({len(rendered.graph)} nodes, {rendered.graph.number_of_edges()} links)")


def metrics_csv(rows: list[MetricRow]) -> str:
    """The metrics as one CSV table: section, id, label, kind, value, detail."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=["section", "id", "label", "kind", "value", "detail"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(r.as_dict() for r in rows)
    return buf.getvalue()


@app.command()
def metrics(
    plan: Annotated[str | None, typer.Option(help="One plan's id (default: all plans)")] = None,
    format: Annotated[RowFormat | None, typer.Option("--format", "-f", help=FORMAT_HELP, show_default=False)] = None,
) -> None:
    """Who carries the most, who brokers, and which priorities or outcomes have one owner or none.

    Example: `cypkg metrics --plan medway-cypp-2019-2024 --format csv > metrics.csv`
    """
    store = _store()
    _scope(store, plan)
    rows = workshop_metrics(store, plan=plan)
    format = row_format(format)
    if format is RowFormat.csv:
        sys.stdout.write(metrics_csv(rows))
        return
    if format is RowFormat.json:
        sys.stdout.write(json.dumps([r.as_dict() for r in rows], indent=2, ensure_ascii=False) + "\n")
        return
    for section, title in METRIC_SECTIONS.items():
        table = Table("label", "kind", "value", "detail", title=title, title_justify="left")
        chosen = [r for r in rows if r.section == section]
        for r in chosen:
            table.add_row(r.label, r.kind, str(r.value), r.detail)
        if chosen:
            out.print(table)
        else:
            out.print(f"[bold]{title}[/]: none")


@app.command()
def compare(
    plan_a: Annotated[str, typer.Argument(help="The earlier plan's id, e.g. medway-cypp-2009-2011")],
    plan_b: Annotated[str, typer.Argument(help="The later plan's id, e.g. medway-cypp-2019-2024")],
    format: Annotated[RowFormat | None, typer.Option("--format", "-f", help=FORMAT_HELP, show_default=False)] = None,
) -> None:
    """Priorities (and outcomes) and partners added, dropped and kept from PLAN_A to PLAN_B.

    Priorities match by label (case and punctuation ignored); partners by identity.

    Example: `cypkg compare medway-cypp-2009-2011 medway-cypp-2019-2024 --format csv`
    """
    store = _store()
    _scope(store, plan_a)
    _scope(store, plan_b)
    result = compare_plans(store, plan_a, plan_b)
    rows = result.as_rows()
    format = row_format(format)
    if format is RowFormat.csv:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=["what", "change", "label"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        sys.stdout.write(buf.getvalue())
        return
    if format is RowFormat.json:
        sys.stdout.write(json.dumps({"plan_a": plan_a, "plan_b": plan_b, "changes": rows}, indent=2) + "\n")
        return
    table = Table("what", "change", "label", title=f"{result.label_a} → {result.label_b}", title_justify="left")
    for row in rows:
        table.add_row(row["what"], row["change"], row["label"])
    out.print(table)
    if not rows:
        out.print("neither plan names priorities, outcomes or partners in the graph")
