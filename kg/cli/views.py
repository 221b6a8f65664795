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

from kg.analysis.compare import compare_plans
from kg.analysis.matrix import MATRIX_VIEW
from kg.analysis.metrics import METRIC_SECTIONS, MetricRow, OverloadRule, workshop_metrics
from kg.analysis.national import NATIONAL_VIEWS, CouncilTimeline
from kg.analysis.network import VIEWS
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
    csv = "csv"
    xlsx = "xlsx"


VIEW_NAMES = (*VIEWS, MATRIX_VIEW, *NATIONAL_VIEWS)
"""The same names as kg.views.VIEW_NAMES (kg.views, with matplotlib, is imported only when a view is drawn)."""

MaxLeads = Annotated[
    int | None,
    typer.Option("--max-leads", help="Overload rule: flag a partner leading more than this many (default 2)"),
]
MaxRoles = Annotated[
    int | None,
    typer.Option("--max-roles", help="Overload rule: flag a partner with a role in more than this many (default 5)"),
]


def _rule(max_leads: int | None, max_roles: int | None) -> OverloadRule:
    default = OverloadRule.default()
    return OverloadRule(
        default.max_leads if max_leads is None else max_leads,
        default.max_roles if max_roles is None else max_roles,
    )


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
    name: Annotated[str, typer.Argument(help=f"Which view: {', '.join(VIEW_NAMES)}")],
    plan: Annotated[str | None, typer.Option(help="One plan's id, e.g. medway-cypp-2019-2024")] = None,
    authority: Annotated[str | None, typer.Option(help="One council's id, e.g. medway (all its plans)")] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default NAME-SCOPE.FORMAT)")
    ] = None,
    format: Annotated[
        ViewFormat,
        typer.Option(
            "--format",
            "-f",
            help="html (interactive), svg or png (A4); the matrices also csv, xlsx; the timeline html or csv",
        ),
    ] = ViewFormat.html,
    max_leads: MaxLeads = None,
    max_roles: MaxRoles = None,
    include_examples: Annotated[
        bool, typer.Option("--include-examples", help="Bring fictional example councils into the national views")
    ] = False,
) -> None:
    """Draw a view as an offline HTML page, an A4 picture for board papers, or (the matrix) a spreadsheet.

    The HTML page has its script inlined, so it opens on a laptop with no internet: search, filter
    by plan, outcome and partner type, show the gaps only, hover for owners and the source paragraph,
    and print on one A4 landscape page.

    Examples:

    * `cypkg view partner-priority --plan medway-cypp-2019-2024` writes partner-priority-medway-cypp-2019-2024.html

    * `cypkg view matrix --plan anyshire-cypp-2024-2027 -f xlsx` writes the responsibility matrix as a workbook

    * `cypkg view partner-priority --plan medway-cypp-2019-2024 --format png -o board-paper.png`

    * `cypkg view partners-national` shows partners across all councils, region by region

    * `cypkg view themes-national` shows the national themes councils' plans prioritise, one node per region
    until a region is clicked (then its councils); `--authority plymouth` for one council

    * `cypkg view themes` writes the council × theme matrix of the national plans register (every council,
    grouped by region; each number links to its source page); `-f xlsx`, `-f csv`, `-f png` for the same grid

    * `cypkg view themes --authority plymouth -f csv` writes one council's row

    * `cypkg view timeline --authority york` writes York's plans and the meetings about them, in time order
    """
    from kg.views import check_format, render_view

    check_format(name, format.value)
    store = _store()
    _scope(store, plan, authority)
    rendered = render_view(
        store,
        name,
        format.value,
        plan=plan,
        authority=authority,
        rule=_rule(max_leads, max_roles),
        include_examples=include_examples,
    )
    path = output or default_view_path(name, format.value, plan, authority)
    path.write_bytes(rendered.content)
    if isinstance(rendered.national, CouncilTimeline):
        t = rendered.national
        out.print(f"wrote {path} ({len(t.events)} events of {t.scope}, {len(t.undated)} undated)")
        return
    if rendered.national is not None:
        grid = rendered.national
        out.print(
            f"wrote {path} ({len(grid.rows)} councils × {len(grid.columns)} themes, {len(grid.sources)} source pages)"
        )
        return
    if rendered.matrix is not None:
        m = rendered.matrix
        gaps = m.gaps()
        flagged = sum(c.overloaded for c in m.columns)
        out.print(
            f"wrote {path} ({len(m.rows)} priorities × {len(m.columns)} partners; {len(gaps['none'])} with no owner, "
            f"{len(gaps['one'])} with one; {flagged} {m.rule.describe()})"
        )
        return
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
    max_leads: MaxLeads = None,
    max_roles: MaxRoles = None,
) -> None:
    """Who leads and who contributes, who carries too much (the overload rule), who brokers, and the gaps.

    Example: `cypkg metrics --plan anyshire-cypp-2024-2027 --max-leads 3 --format csv > metrics.csv`
    """
    store = _store()
    _scope(store, plan)
    rows = workshop_metrics(store, plan=plan, rule=_rule(max_leads, max_roles))
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
    """Outcomes, priorities and partners added, dropped and kept from PLAN_A to PLAN_B, and owner changes.

    Outcomes and priorities match by label (case and punctuation ignored); partners by identity. When
    the graph holds nothing of a kind for one plan, the other's are "not recorded", not added or dropped.

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
        writer = csv.DictWriter(buf, fieldnames=["what", "change", "label", "detail"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        sys.stdout.write(buf.getvalue())
        return
    if format is RowFormat.json:
        sys.stdout.write(json.dumps({"plan_a": plan_a, "plan_b": plan_b, "changes": rows}, indent=2) + "\n")
        return
    table = Table(
        "what", "change", "label", "detail", title=f"{result.label_a} → {result.label_b}", title_justify="left"
    )
    for row in rows:
        table.add_row(row["what"], row["change"], row["label"], row["detail"])
    out.print(table)
    if not rows:
        out.print("neither plan names priorities, outcomes or partners in the graph")
