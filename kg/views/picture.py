"""Still pictures for board papers: the same network as an A4-landscape SVG or PNG (matplotlib).

Drawn on a bare `Figure` with its own canvas (no pyplot, no global backend), so it is safe in the
web service and in tests. Only the best-connected nodes are labelled when there are many, so the
page stays legible when printed; the legend names every colour.
"""

from __future__ import annotations

import io
import textwrap

import networkx as nx
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from kg.views.layout import compute_layout
from kg.views.style import legend_order, look, node_size

A4_LANDSCAPE = (11.69, 8.27)
MAX_LABELS = 45
"""Most node labels on one picture: beyond this they overlap at A4."""

PNG_DPI = 200


def _text(label: str, width: int = 26) -> str:
    """A label safe for matplotlib (a `$` would start mathtext) and wrapped to two short lines."""
    lines = textwrap.wrap(label.replace("$", r"\$"), width) or [""]
    return "\n".join(lines[:2]) + ("…" if len(lines) > 2 else "")


def render_image(g: nx.Graph, fmt: str, positions: dict[str, tuple[float, float]] | None = None) -> bytes:
    """The graph as an A4-landscape picture, `fmt` "svg" or "png", with title, legend and source note."""
    if fmt not in ("svg", "png"):
        raise ValueError(f"picture format must be svg or png, not {fmt!r}")
    positions = positions if positions is not None else compute_layout(g)
    fig = Figure(figsize=A4_LANDSCAPE)
    canvas = FigureCanvasSVG(fig) if fmt == "svg" else FigureCanvasAgg(fig)
    ax = fig.add_axes((0.02, 0.13, 0.96, 0.8))
    ax.set_axis_off()
    title = g.graph.get("title", "Network")
    scope = g.graph.get("scope", "")
    fig.suptitle(_text(f"{title}: {scope}" if scope else title, 120), fontsize=14, y=0.975)
    if len(g):
        segments = [(positions[u], positions[v]) for u, v in g.edges()]
        widths = [0.6 + min(d.get("weight", 1), 25) ** 0.5 * 0.4 for _, _, d in g.edges(data=True)]
        ax.add_collection(LineCollection(segments, colors="#9a9a9a", linewidths=widths, zorder=1))
        by_group: dict[tuple[str, str], list[str]] = {}
        for key, data in g.nodes(data=True):
            by_group.setdefault((data.get("kind", "other"), data.get("group", "Other")), []).append(key)
        for (kind, group), keys in by_group.items():
            shape = look(kind, group)
            ax.scatter(
                [positions[k][0] for k in keys],
                [positions[k][1] for k in keys],
                s=[(node_size(g.degree(k), g.nodes[k].get("aggregate", 0)) * 1.1) ** 2 / 4 for k in keys],
                c=shape.colour,
                marker=shape.marker,
                edgecolors="#333333",
                linewidths=0.6,
                zorder=2,
            )
        ranked = sorted(g.nodes, key=lambda n: (-g.degree(n), g.nodes[n].get("label", n)))
        for key in ranked[:MAX_LABELS]:
            x, y = positions[key]
            ax.annotate(
                _text(g.nodes[key].get("label", key)),
                (x, y),
                xytext=(0, node_size(g.degree(key), g.nodes[key].get("aggregate", 0)) * 0.3 + 3),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=7 if len(g) > 25 else 8.5,
                zorder=3,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.6},
            )
        ax.autoscale_view()
        ax.margins(0.08)
    groups = {(d.get("group", "Other"), d.get("kind", "other")) for _, d in g.nodes(data=True)}
    kind_of = dict(groups)
    handles = [
        Line2D(
            [],
            [],
            linestyle="none",
            marker=look(kind_of[grp], grp).marker,
            markersize=8,
            markerfacecolor=look(kind_of[grp], grp).colour,
            markeredgecolor="#333333",
            label=grp,
        )
        for grp in legend_order({grp for grp, _ in groups})
    ]
    if handles:
        fig.legend(
            handles=handles,
            loc="lower center",
            ncol=min(len(handles), 5),
            fontsize=8.5,
            frameon=False,
            bbox_to_anchor=(0.5, 0.035),
        )
    note = "Source: cypkg knowledge graph (council reports). Node size grows with links."
    if len(g) > MAX_LABELS:
        note += f" Labels shown for the {MAX_LABELS} best-connected of {len(g)} nodes."
    if g.graph.get("aggregated"):
        note += f" {g.graph['aggregated']} less-connected nodes are folded into group nodes."
    fig.text(0.5, 0.01, note, ha="center", fontsize=7.5, color="#555555")
    buf = io.BytesIO()
    canvas.print_figure(buf, format=fmt, dpi=PNG_DPI if fmt == "png" else 72, metadata=_metadata(fmt, title))
    return buf.getvalue()


def _metadata(fmt: str, title: str) -> dict[str, str | None]:
    if fmt == "svg":
        return {"Title": title, "Date": None}
    return {"Title": title, "Software": "cypkg"}
