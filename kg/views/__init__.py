"""Board-workshop views: networks from `kg.analysis.network` drawn as offline HTML pages or A4 pictures.

`render_view` is the one entry point the CLI and the web service call: it builds the named
network, folds a large one down to `node_cap` nodes, lays it out once, and renders it.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from kg.analysis.network import build_view, cap_nodes
from kg.store.protocol import Store
from kg.views.html import render_html
from kg.views.layout import compute_layout
from kg.views.picture import render_image

__all__ = ["FORMATS", "NODE_CAP", "RenderedView", "render_graph", "render_view"]

NODE_CAP = 300
"""Most nodes a view draws; beyond this the least-connected are folded into group nodes."""

FORMATS = {"html": "text/html; charset=utf-8", "svg": "image/svg+xml", "png": "image/png"}


@dataclass(frozen=True)
class RenderedView:
    """A rendered view: the bytes, their media type, and the graph that was drawn."""

    content: bytes
    media_type: str
    graph: nx.Graph


def render_graph(g: nx.Graph, fmt: str = "html", *, node_cap: int = NODE_CAP) -> RenderedView:
    """Draw a graph (already built) as html, svg or png, folding it to `node_cap` nodes first."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    drawn = cap_nodes(g, node_cap)
    positions = compute_layout(drawn)
    content = render_html(drawn, positions).encode("utf-8") if fmt == "html" else render_image(drawn, fmt, positions)
    return RenderedView(content, FORMATS[fmt], drawn)


def render_view(
    store: Store,
    name: str,
    fmt: str = "html",
    *,
    plan: str | None = None,
    authority: str | None = None,
    node_cap: int = NODE_CAP,
) -> RenderedView:
    """Build the named view from the store and draw it (see `kg.analysis.network.VIEWS` for the names)."""
    return render_graph(build_view(store, name, plan=plan, authority=authority), fmt, node_cap=node_cap)
