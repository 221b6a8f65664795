"""Still pictures for board papers: the page's drawing as an A4-landscape SVG or PNG (matplotlib).

The picture draws the same layout as the page (`kg.views.layout`: same positions, same wrapped
labels, same looks, top to bottom as on screen), scaled to fit with its aspect ratio kept, with
the legend beside it and a caption giving the source and its date. Labels sit on opaque boxes.
When the labels would print smaller than `MIN_FONT_PT`, nodes are numbered instead and a key
lists them, so every node is named. Drawn on a bare `Figure` (no pyplot state), so it is safe in
the web service and in tests.
"""

from __future__ import annotations

import io
import math

import matplotlib as mpl
import networkx as nx
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyBboxPatch, Polygon, Rectangle

from kg.views import text
from kg.views.html import view_data
from kg.views.layout import FONT_PX, LINE_PX, Layout, compute_layout

A4_LANDSCAPE = (11.69, 8.27)
PNG_DPI = 200
MIN_FONT_PT = 5.5
"""Smallest label that still reads on a printed A4 page; below it nodes are numbered with a key."""

DRAWING = (0.03, 0.08, 0.72, 0.83)
"""Where the drawing goes on the page (left, bottom, width, height as fractions); the legend is to its right."""

LEGEND = (0.77, 0.08, 0.21, 0.83)


def _safe(label: str) -> str:
    """Text matplotlib shows as written (a `$` would start mathtext)."""
    return label.replace("$", r"\$")


def symbol_outline(shape: str, x: float, y: float, r: float) -> list[tuple[float, float]]:
    """The same outline view.js draws for a symbol, in page pixels (y grows downwards)."""

    def regular(n: int, start: float, radius: float) -> list[tuple[float, float]]:
        return [(x + radius * math.cos(start + i * 2 * math.pi / n), y + radius * math.sin(start + i * 2 * math.pi / n))
                for i in range(n)]  # fmt: skip

    up = -math.pi / 2
    if shape == "square":
        k = r * 0.86
        return [(x - k, y - k), (x + k, y - k), (x + k, y + k), (x - k, y + k)]
    if shape == "triangle":
        return regular(3, up, r * 1.15)
    if shape == "triangleDown":
        return regular(3, math.pi / 2, r * 1.15)
    if shape == "diamond":
        return [(x, y - r * 1.1), (x + r * 0.8, y), (x, y + r * 1.1), (x - r * 0.8, y)]
    if shape == "pentagon":
        return regular(5, up, r * 1.05)
    if shape == "hexagon":
        return regular(6, up, r * 1.02)
    if shape == "star":
        return [
            (x + (r * 0.5 if i % 2 else r * 1.25) * math.cos(up + i * math.pi / 5),
             y + (r * 0.5 if i % 2 else r * 1.25) * math.sin(up + i * math.pi / 5))
            for i in range(10)
        ]  # fmt: skip
    return regular(32, 0, r)


def render_image(g: nx.Graph, fmt: str, layout: Layout | None = None) -> bytes:
    """The graph as an A4-landscape picture, `fmt` "svg" or "png", with title, legend and source caption."""
    if fmt not in ("svg", "png"):
        raise ValueError(f"picture format must be svg or png, not {fmt!r}")
    layout = layout if layout is not None else compute_layout(g)
    fig = Figure(figsize=A4_LANDSCAPE)
    canvas = FigureCanvasSVG(fig) if fmt == "svg" else FigureCanvasAgg(fig)
    fig.text(0.03, 0.955, _safe(text.title(g)), fontsize=13, weight="bold", va="center", wrap=True)
    data = view_data(g, layout)
    ax = fig.add_axes(DRAWING)
    ax.set_axis_off()
    key: list[tuple[str, str]] = []
    if data["nodes"]:
        key = _draw_network(fig, ax, data)
    if data["notice"]:
        _draw_notice(ax, data["notice"], centred=not data["nodes"])
    _draw_legend(fig, data["legend"], key)
    caption = text.caption(g)
    if g.graph.get("aggregated"):
        caption += f" {g.graph['aggregated']} less-connected nodes are folded into group nodes."
    fig.text(0.03, 0.035, _safe(caption), fontsize=7.5, color="#444444", va="center")
    buf = io.BytesIO()
    with mpl.rc_context({"lines.scale_dashes": False, "svg.fonttype": "none", "font.family": "DejaVu Sans"}):
        canvas.print_figure(
            buf, format=fmt, dpi=PNG_DPI if fmt == "png" else 72, metadata=_metadata(fmt, data["title"])
        )
    return buf.getvalue()


def _scale(fig: Figure, ax: object, bounds: tuple[float, float, float, float]) -> float:
    """Points per page pixel when the drawing fills the axes with its aspect ratio kept."""
    left, top, right, bottom = bounds
    width_in = fig.get_figwidth() * DRAWING[2]
    height_in = fig.get_figheight() * DRAWING[3]
    pad = 24
    return min(width_in * 72 / (right - left + 2 * pad), height_in * 72 / (bottom - top + 2 * pad))


def _draw_network(fig: Figure, ax: object, data: dict) -> list[tuple[str, str]]:
    """Links, then nodes and labels (or numbers, with the key returned), in page coordinates with y downwards."""
    left, top, right, bottom = data["bounds"]
    pad = 24
    ax.set_xlim(left - pad, right + pad)  # type: ignore[attr-defined]
    ax.set_ylim(bottom + pad, top - pad)  # type: ignore[attr-defined]  # y downwards, as on the page
    ax.set_aspect("equal", adjustable="box")  # type: ignore[attr-defined]
    s = _scale(fig, ax, (left, top, right, bottom))
    numbered = FONT_PX * s < MIN_FONT_PT
    font_pt = max(FONT_PX * s, MIN_FONT_PT) if not numbered else 6.0
    by_id = {n["id"]: n for n in data["nodes"]}
    for e in data["edges"]:
        a, b = by_id[e["from"]], by_id[e["to"]]
        line = Line2D([a["x"], b["x"]], [a["y"], b["y"]], color=e["colour"], linewidth=e["width"] * s, zorder=1)
        if e["dash"]:
            line.set_dashes([d * s for d in e["dash"]])
            line.set_dash_capstyle("round" if e["dash"][0] < 2 else "butt")
        ax.add_line(line)  # type: ignore[attr-defined]
    key = []
    for i, n in enumerate(data["nodes"], start=1):
        dashes = [d * s for d in n["dash"]]
        if n["boxed"]:
            patch = FancyBboxPatch(
                (n["x"] - n["w"] / 2, n["y"] - n["h"] / 2),
                n["w"],
                n["h"],
                boxstyle="round,pad=0,rounding_size=%g" % (8 if n["kind"] == "outcome" else 2),
                facecolor=n["fill"],
                edgecolor=n["border"],
                linewidth=n["borderWidth"] * s,
                zorder=2,
            )
            if dashes:
                patch.set_linestyle((0, dashes))
            ax.add_patch(patch)  # type: ignore[attr-defined]
        else:
            outline = symbol_outline(n["shape"], n["x"], n["y"], n["r"])
            ax.add_patch(  # type: ignore[attr-defined]
                Polygon(outline, closed=True, facecolor=n["fill"], edgecolor="#333333", linewidth=0.8 * s, zorder=3)
            )
        label = "\n".join(n["lines"])
        if numbered:
            key.append((str(i), n["fullLabel"]))
            label = str(i)
        _label(ax, n, label, font_pt, numbered)
    return key


def _label(ax: object, n: dict, label: str, font_pt: float, numbered: bool) -> None:
    box = n["labelBox"]
    side = n["labelSide"]
    x = (box[0] + box[2]) / 2 if side == "inside" else box[2] if side == "left" else box[0]
    y = (box[1] + box[3]) / 2
    if numbered and side == "inside":
        x, y = n["x"], n["y"]
    bbox = None if side == "inside" else {"boxstyle": "square,pad=0.12", "fc": "white", "ec": "none", "alpha": 1.0}
    ax.text(  # type: ignore[attr-defined]
        x,
        y,
        _safe(label),
        ha={"inside": "center", "left": "right", "right": "left"}[side],
        va="center",
        fontsize=font_pt,
        linespacing=LINE_PX / FONT_PX / 1.2 * 1.2,
        weight="bold" if n["bold"] else "normal",
        zorder=4,
        bbox=bbox,
        gid=f"label-{n['id']}",
    )


def _draw_notice(ax: object, notice: dict, centred: bool) -> None:
    body = f"{notice['heading']}\n\n{notice['text']}" if centred else notice["heading"] + ": " + notice["text"]
    ax.text(  # type: ignore[attr-defined]
        0.5,
        0.5 if centred else 1.0,
        _safe(body),
        transform=ax.transAxes,  # type: ignore[attr-defined]
        ha="center",
        va="center" if centred else "bottom",
        fontsize=11 if centred else 8,
        wrap=True,
        bbox={"boxstyle": "square,pad=0.6", "fc": "#fdf3ec", "ec": "#D55E00"},
        zorder=5,
    )


def _draw_legend(fig: Figure, legend: dict, key: list[tuple[str, str]]) -> None:
    """The legend beside the drawing: organisations, plan parts, links, sizes, and the number key if any."""
    ax = fig.add_axes(LEGEND)
    ax.set_axis_off()
    height = 100 * (LEGEND[3] * fig.get_figheight()) / (LEGEND[2] * fig.get_figwidth())
    ax.set_xlim(0, 100)
    ax.set_ylim(height, 0)  # equal units across and down, so symbols keep their shape
    y = 3.0
    step = 6.0

    def heading(title: str) -> None:
        nonlocal y
        ax.text(0, y, title, fontsize=8.5, weight="bold", va="center")
        y += step

    if legend["symbols"]:
        heading("Organisations")
        for item in legend["symbols"]:
            ax.add_patch(Polygon(symbol_outline(item["shape"], 4, y, 2.6), closed=True,
                                 facecolor=item["colour"], edgecolor="#333333", linewidth=0.6))  # fmt: skip
            ax.text(12, y, _safe(item["label"]), fontsize=7.5, va="center")
            y += step
    if legend["boxes"]:
        heading("Plans and their parts")
        for item in legend["boxes"]:
            patch = Rectangle((0.5, y - 2.0), 8, 4.0, facecolor=item["fill"], edgecolor=item["border"],
                              linewidth=item["width"] * 0.6)  # fmt: skip
            if item["dash"]:
                patch.set_linestyle((0, [d * 0.6 for d in item["dash"]]))
            ax.add_patch(patch)
            ax.text(12, y, _safe(item["label"]), fontsize=7.5, va="center")
            y += step
    if legend["lines"]:
        heading("Links")
        for item in legend["lines"]:
            line = Line2D([0.5, 8], [y, y], color=item["colour"], linewidth=item["width"] * 0.7)
            if item["dash"]:
                line.set_dashes([d * 0.7 for d in item["dash"]])
            ax.add_line(line)
            ax.text(12, y, _safe(item["label"]), fontsize=7.5, va="center")
            y += step
    if legend["sizes"]:
        heading("Size: number of leads")
        for item in legend["sizes"]:
            ax.add_patch(Polygon(symbol_outline("circle", 5, y, item["r"] / 5), closed=True,
                                 facecolor="#dddddd", edgecolor="#333333", linewidth=0.6))  # fmt: skip
            ax.text(12, y, _safe(item["label"]), fontsize=7.5, va="center")
            y += max(step, item["r"] / 2.5 + 1.5)
    if key:
        heading("Key to the numbers")
        per_line = 4.0
        for number, label in key:
            if y > height - 2:
                break
            ax.text(0, y, _safe(f"{number}  {label[:60]}"), fontsize=5.5, va="center")
            y += per_line


def _metadata(fmt: str, title: str) -> dict[str, str | None]:
    if fmt == "svg":
        return {"Title": title, "Date": None}
    return {"Title": title, "Software": "cypkg"}
