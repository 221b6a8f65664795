"""Indicator commands: import the DfE tables, and show a measure's series for one council."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from kg.cli import app

out = Console(soft_wrap=True)
SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float | None]) -> str:
    """A one-line chart; a gap (suppressed or missing) shows as a space, never as zero."""
    nums = [v for v in values if v is not None]
    if not nums:
        return ""
    lo, hi = min(nums), max(nums)
    span = (hi - lo) or 1.0
    return "".join(" " if v is None else SPARKS[int((v - lo) / span * (len(SPARKS) - 1))] for v in values)


def save_chart(path: Path, title: str, periods: list[str], series: dict[str, list[float | None]], unit: str) -> None:
    """A line chart (PNG or SVG by the file's suffix) of one or more series over the same periods."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 4.5))
    for name, values in series.items():
        ax.plot(periods, [float("nan") if v is None else v for v in values], marker="o", label=name)
    ax.set_title(title)
    ax.set_ylabel(unit)
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


@app.command("import-indicators")
def import_indicators_cmd(
    out_dir: Annotated[Path | None, typer.Option("--out", help="Where to write (default data/indicators)")] = None,
) -> None:
    """Turn the DfE tables in data/sources/indicators/ into RDF Data Cube files under data/indicators/.

    Example: `cypkg import-indicators`, then `cypkg load` to rebuild the store with them.

    All or nothing: a renamed or missing column, an unknown LA code, a value that is neither a
    number nor a status symbol, or a duplicate row stops the import with the file, row and column,
    and nothing is written. Run `cypkg load` afterwards to rebuild the store.
    """
    from kg.imports.indicators import OUT, import_indicators

    result = import_indicators(out_dir or OUT)
    out.print(
        f"{result.measures} measures, {result.observations:,} observations "
        f"({result.suppressed:,} kept as a status), {result.triples:,} observation triples"
    )
    for p in result.files:
        out.print(f"  wrote {p}")


@app.command("indicator")
def indicator_cmd(
    measure: Annotated[str, typer.Argument(help="LAIT key (LAC), indicator id (lait-lac) or IRI")],
    authority: Annotated[str, typer.Option(help="Council id, e.g. medway")],
    chart: Annotated[Path | None, typer.Option(help="Also save a chart here (.png or .svg)")] = None,
    neighbours: Annotated[
        str | None, typer.Option(help="Also compare with statistical neighbours for this period, e.g. 2025")
    ] = None,
) -> None:
    """Print a measure's series for one council, with England alongside and a sparkline.

    Example: `cypkg indicator LAC --authority medway --neighbours 2025 --chart medway-lac.png`.
    """
    from kg.analysis.indicators import compare_with_neighbours, resolve_indicator, trend
    from kg.cli.ids import require_id
    from kg.cli.stores import reading_store
    from kg.errors import UnknownIdError

    store = reading_store()
    ind = resolve_indicator(store, measure)
    require_id(store, "indicator", ind)
    require_id(store, "authority", authority)
    rows = trend(store, authority, ind)
    if not rows:
        out.print(f"no observations of {measure} for {authority}")
        raise typer.Exit(1)
    periods = [str(r["period"]) for r in rows]
    if neighbours and neighbours not in periods:
        raise UnknownIdError(
            "period",
            neighbours,
            known=periods,
            hint=f"{measure} for {authority} has the periods {', '.join(periods)}",
        )
    unit = str(rows[0].get("unit", ""))
    table = Table(title=f"{measure} for {authority} ({unit})")
    for col in ("period", authority, "England"):
        table.add_column(col, justify="right")
    values: list[float | None] = []
    england: list[float | None] = []
    for r in rows:
        v = r.get("value")
        status = r.get("status")
        shown = str(v) if v is not None else f"[dim]{str(status).rsplit('#', 1)[-1]}[/]"
        table.add_row(str(r["period"]), shown, str(r.get("englandValue", "")))
        values.append(float(str(v)) if v is not None else None)
        e = r.get("englandValue")
        england.append(float(str(e)) if e is not None else None)
    out.print(table)
    out.print(f"{authority}: {sparkline(values)}   England: {sparkline(england)}")
    if neighbours:
        comp = compare_with_neighbours(store, authority, ind, neighbours)
        nt = Table(title=f"{measure} {neighbours}: {authority} and its statistical neighbours (2025 model)")
        for col in ("rank", "area", "closeness", "value", "national rank", "quartile"):
            nt.add_column(col)
        for r in comp.rows:
            nt.add_row(
                str(r.get("neighbourRank", "—")),
                str(r.get("label")),
                str(r.get("closeness", "")),
                str(r.get("value", r.get("status", ""))),
                f"{r.get('nationalRank', '')} of {r.get('nationalCount', '')}",
                str(r.get("quartile", "")),
            )
        out.print(nt)
        out.print(
            f"neighbour mean {comp.neighbour_mean}, England {comp.england}; "
            f"{authority} ranks {comp.group_rank} of {comp.group_size} in its group"
        )
    if chart:
        periods = [str(r["period"]) for r in rows]
        save_chart(chart, f"{measure}: {authority} and England", periods, {authority: values, "England": england}, unit)
        out.print(f"chart saved to {chart}")
