"""Board-workshop views: networks from `kg.analysis.network` and the responsibility matrix from `kg.analysis.matrix`,
drawn as offline HTML pages, A4 pictures, or (the matrix) CSV and XLSX; and the national views from
`kg.analysis.national` (the council × theme matrix, one council's timeline).

`render_view` is the one entry point the CLI and the web service call: it builds the named view,
folds a large network down to `node_cap` nodes, lays it out once, and renders it.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from kg.analysis.matrix import MATRIX_VIEW, ResponsibilityMatrix, responsibility_matrix
from kg.analysis.metrics import OverloadRule
from kg.analysis.national import (
    THEMES_VIEW,
    TIMELINE_VIEW,
    CouncilTimeline,
    ThemeMatrix,
    council_timeline,
    theme_matrix,
)
from kg.analysis.network import VIEWS, build_view, cap_nodes, fold_regions, region_view
from kg.errors import QueryError, UnknownIdError
from kg.store.protocol import Store
from kg.views.html import render_html
from kg.views.layout import compute_layout
from kg.views.matrix import render_matrix_csv, render_matrix_html, render_matrix_image, render_matrix_xlsx
from kg.views.national import (
    render_themes_csv,
    render_themes_html,
    render_themes_image,
    render_themes_xlsx,
    render_timeline_csv,
    render_timeline_html,
)
from kg.views.picture import render_image

__all__ = ["FORMATS", "MATRIX", "NODE_CAP", "VIEW_NAMES", "RenderedView", "render_graph", "render_view"]

NODE_CAP = 300
"""Most nodes a view draws; beyond this the least-connected are folded into group nodes."""

MATRIX = MATRIX_VIEW
VIEW_NAMES = (*VIEWS, MATRIX, THEMES_VIEW, TIMELINE_VIEW)
"""Every view `cypkg view NAME` and `/views/{name}` draw: the networks, the matrix, the national views."""

FORMATS = {
    "html": "text/html; charset=utf-8",
    "svg": "image/svg+xml",
    "png": "image/png",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
NETWORK_FORMATS = ("html", "svg", "png")
VIEW_FORMATS = {MATRIX: tuple(FORMATS), THEMES_VIEW: tuple(FORMATS), TIMELINE_VIEW: ("html", "csv")}
"""The formats of each view that is not a network (the networks come as `NETWORK_FORMATS`)."""


@dataclass(frozen=True)
class RenderedView:
    """A rendered view: the bytes, their media type, and the graph that was drawn."""

    content: bytes
    media_type: str
    graph: nx.Graph
    matrix: ResponsibilityMatrix | None = None
    national: ThemeMatrix | CouncilTimeline | None = None


def check_format(name: str, fmt: str) -> None:
    """Refuse a format the view does not come in, before any work (a usage error, not a crash)."""
    allowed = VIEW_FORMATS.get(name, NETWORK_FORMATS)
    if fmt not in allowed:
        raise QueryError(
            f"the {name} view comes as {', '.join(allowed)}, not {fmt!r}",
            hint=f"ask for one of: {', '.join(allowed)} (e.g. --format {allowed[0]})",
        )


def render_graph(g: nx.Graph, fmt: str = "html", *, node_cap: int = NODE_CAP) -> RenderedView:
    """Draw a graph (already built) as html, svg or png, folding it to `node_cap` nodes first.

    A national view's page also carries each region's own drawing (folded alike), for drill-down; a view
    that asks for it (`fold_regions`) shows regions in place of their councils until one is chosen.
    """
    check_format("network", fmt)
    drawn = cap_nodes(fold_regions(g) if g.graph.get("fold_regions") else g, node_cap)
    layout = compute_layout(drawn)
    if fmt == "html":
        levels = {row["id"]: cap_nodes(region_view(g, row["id"]), node_cap) for row in g.graph.get("summary", [])}
        content = render_html(drawn, layout, levels=levels).encode("utf-8")
    else:
        content = render_image(drawn, fmt, layout)
    return RenderedView(content, FORMATS[fmt], drawn)


def render_matrix(g: nx.Graph, fmt: str = "html", *, rule: OverloadRule | None = None) -> RenderedView:
    """The responsibility matrix of a partner–priority graph in any of `FORMATS`."""
    check_format(MATRIX, fmt)
    m = responsibility_matrix(g, rule)
    if fmt == "html":
        content = render_matrix_html(m).encode("utf-8")
    elif fmt == "csv":
        content = render_matrix_csv(m).encode("utf-8")
    elif fmt == "xlsx":
        content = render_matrix_xlsx(m)
    else:
        content = render_matrix_image(m, fmt)
    return RenderedView(content, FORMATS[fmt], g, m)


def render_view(
    store: Store,
    name: str,
    fmt: str = "html",
    *,
    plan: str | None = None,
    authority: str | None = None,
    node_cap: int = NODE_CAP,
    rule: OverloadRule | None = None,
    include_examples: bool = False,
) -> RenderedView:
    """Build the named view from the store and draw it (`VIEW_NAMES` lists the names).

    `include_examples` brings fictional example councils into the national views (left out by default).
    """
    if name not in VIEW_NAMES:
        raise UnknownIdError("view", name, hint=f"the views are: {', '.join(VIEW_NAMES)}")
    check_format(name, fmt)
    if name in (THEMES_VIEW, TIMELINE_VIEW):
        return render_national(store, name, fmt, plan=plan, authority=authority, include_examples=include_examples)
    if name == MATRIX:
        return render_matrix(build_view(store, "partner-priority", plan=plan, authority=authority), fmt, rule=rule)
    return render_graph(build_view(store, name, plan=plan, authority=authority), fmt, node_cap=node_cap)


def render_national(
    store: Store,
    name: str,
    fmt: str = "html",
    *,
    plan: str | None = None,
    authority: str | None = None,
    include_examples: bool = False,
) -> RenderedView:
    """The council × theme matrix (every council, or one) or one council's timeline, in the view's formats."""
    check_format(name, fmt)
    if plan:
        raise QueryError(f"the {name} view is of councils, not plans: give --authority", hint="e.g. --authority york")
    if name == TIMELINE_VIEW:
        t = council_timeline(store, authority=authority, include_examples=include_examples)
        content = render_timeline_html(t) if fmt == "html" else render_timeline_csv(t)
        return RenderedView(content.encode("utf-8"), FORMATS[fmt], nx.Graph(), national=t)
    m = theme_matrix(store, authority=authority, include_examples=include_examples)
    if fmt == "html":
        data = render_themes_html(m).encode("utf-8")
    elif fmt == "csv":
        data = render_themes_csv(m).encode("utf-8")
    elif fmt == "xlsx":
        data = render_themes_xlsx(m)
    else:
        data = render_themes_image(m, fmt)
    return RenderedView(data, FORMATS[fmt], nx.Graph(), national=m)
