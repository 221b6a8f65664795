"""Still pictures for board papers: the page's drawing as an A4-landscape SVG or PNG (matplotlib).

The picture draws the same layout as the page (`kg.views.layout`: same positions, same wrapped
labels, same looks, top to bottom as on screen), scaled to fit with its aspect ratio kept, with
the legend beside it and a caption giving the source and its date. Labels sit on opaque boxes.
When the labels would print smaller than `MIN_FONT_PT`, nodes are numbered instead and a key
lists every one of them: under the legend, then in more columns beside it (the drawing gives up
width down to `MIN_DRAWING`), then on further A4 pages below the first. Drawn on a bare `Figure`
(no pyplot state), so it is safe in the web service and in tests.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

import matplotlib as mpl
import networkx as nx
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyBboxPatch, Polygon, Rectangle

from kg.views import text
from kg.views.html import view_data
from kg.views.layout import FONT_PX, LINE_PX, Layout, compute_layout, text_width

A4_LANDSCAPE = (11.69, 8.27)
PNG_DPI = 200
MIN_FONT_PT = 5.5
"""Smallest label that still reads on a printed A4 page; below it nodes are numbered with a key."""

DRAWING = (0.03, 0.08, 0.72, 0.83)
"""Where the drawing goes on the page (left, bottom, width, height as fractions); the legend is to its right."""

LEGEND = (0.77, 0.08, 0.21, 0.83)

GAP = 0.02
"""Space between the drawing, the legend and the key's columns, as a fraction of the page width."""

KEY_FONT_PT = MIN_FONT_PT
KEY_LINE_PT = KEY_FONT_PT * 1.25
KEY_COLUMN = 0.18
"""One column of the key (number and name), as a fraction of the page width; longer names end "…"."""

MIN_DRAWING = 0.4
"""The drawing keeps at least this share of the first page's width when key columns move in beside it."""

KEY_PAGE_COLUMNS = 5

Rect = tuple[float, float, float, float]
"""(left, bottom, width, height) as fractions."""
"""Key columns on each further page."""


def plain_text(label: str) -> str:
    """Text matplotlib shows as written (a `$` would start mathtext)."""
    return label.replace("$", r"\$")


def shorten(label: str, n: int) -> str:
    """At most `n` characters, an ellipsis saying where it was cut."""
    return label if len(label) <= n else label[: n - 1].rstrip() + "…"


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


class Sheet:
    """A picture of one or more A4-landscape pages stacked top to bottom: rectangles given per page, as fractions."""

    def __init__(self, pages: int) -> None:
        self.pages = pages
        self.fig = Figure(figsize=(A4_LANDSCAPE[0], A4_LANDSCAPE[1] * pages))

    def rect(self, left: float, bottom: float, width: float, height: float, page: int = 0) -> Rect:
        """Figure fractions of a rectangle given in fractions of page `page` (0 is the top one)."""
        return (left, (self.pages - 1 - page + bottom) / self.pages, width, height / self.pages)

    def y(self, y: float, page: int = 0) -> float:
        return (self.pages - 1 - page + y) / self.pages


@dataclass(frozen=True)
class KeyPlan:
    """Where the key's entries go: how many under the legend, how many columns beside it, how many more pages."""

    under_legend: int
    side_columns: int
    per_column: int
    pages: int
    drawing_width: float


def _legend_lines(legend: dict) -> float:
    """How many key lines the legend itself takes up in its column (headings, items, size scale)."""
    step = 6.0  # the legend's own line, in its units (`_draw_legend`)
    units = 3.0
    for part in ("symbols", "boxes", "lines"):
        if legend[part]:
            units += step * (1 + len(legend[part]))
    if legend["sizes"]:
        units += step + sum(max(step, item["r"] / 2.5 + 1.5) for item in legend["sizes"])
    units += step  # the key's own heading
    column_pt = LEGEND[2] * A4_LANDSCAPE[0] * 72
    return units / 100 * column_pt / KEY_LINE_PT


def plan_key(entries: int, legend: dict, natural: float) -> KeyPlan:
    """Fit `entries` key lines: under the legend first, then columns beside it, then further pages.

    `natural` is the drawing's width at full height (page fraction): a narrow drawing leaves its
    spare width to the key; a wide one gives up width down to `MIN_DRAWING`.
    """
    height_pt = LEGEND[3] * A4_LANDSCAPE[1] * 72
    per_column = int(height_pt // KEY_LINE_PT)
    under = max(0, min(entries, per_column - math.ceil(_legend_lines(legend))))
    rest = entries - under
    full = 1 - DRAWING[0] - GAP - LEGEND[2] - GAP
    room = full - min(natural, MIN_DRAWING)
    side = min(math.ceil(rest / per_column), max(0, int(room // (KEY_COLUMN + GAP))))
    rest -= side * per_column
    pages = 1 + (math.ceil(rest / (per_column * KEY_PAGE_COLUMNS)) if rest > 0 else 0)
    return KeyPlan(under, side, per_column, pages, min(DRAWING[2], natural, full - side * (KEY_COLUMN + GAP)))


def render_image(g: nx.Graph, fmt: str, layout: Layout | None = None) -> bytes:
    """The graph as an A4-landscape picture, `fmt` "svg" or "png", with title, legend and source caption.

    A picture whose nodes are numbered, with more key entries than the first page holds, grows
    further A4 pages below it for the rest of the key.
    """
    if fmt not in ("svg", "png"):
        raise ValueError(f"picture format must be svg or png, not {fmt!r}")
    layout = layout if layout is not None else compute_layout(g)
    data = view_data(g, layout)
    numbered = bool(data["nodes"]) and FONT_PX * _scale(DRAWING, data["bounds"]) < MIN_FONT_PT
    plan = plan_key(len(data["nodes"]), data["legend"], _fitted(DRAWING, data["bounds"])[2]) if numbered else None
    sheet = Sheet(plan.pages if plan else 1)
    fig = sheet.fig
    canvas = FigureCanvasSVG(fig) if fmt == "svg" else FigureCanvasAgg(fig)
    fig.text(0.03, sheet.y(0.955), plain_text(text.title(g)), fontsize=13, weight="bold", va="center", wrap=True)
    drawing = (DRAWING[0], DRAWING[1], plan.drawing_width if plan else DRAWING[2], DRAWING[3])
    if plan:
        drawing = _fitted(drawing, data["bounds"])
    ax = fig.add_axes(sheet.rect(*drawing))
    ax.set_axis_off()
    key: list[tuple[str, str]] = []
    if data["nodes"]:
        key = _draw_network(ax, data, _scale(drawing, data["bounds"]), numbered)
    if data["notice"]:
        _draw_notice(ax, data["notice"], centred=not data["nodes"])
    legend_left = drawing[0] + drawing[2] + GAP if plan else LEGEND[0]
    used = _draw_legend(fig, sheet.rect(legend_left, *LEGEND[1:]), data["legend"], bool(key))
    if plan:
        _draw_key(sheet, key, plan, legend_left, used)
    caption = text.caption(g)
    if g.graph.get("aggregated"):
        caption += f" {g.graph['aggregated']} less-connected nodes are folded into group nodes."
    fig.text(0.03, sheet.y(0.035), plain_text(caption), fontsize=7.5, color="#444444", va="center")
    buf = io.BytesIO()
    with mpl.rc_context({"lines.scale_dashes": False, "svg.fonttype": "none", "font.family": "DejaVu Sans"}):
        canvas.print_figure(
            buf, format=fmt, dpi=PNG_DPI if fmt == "png" else 72, metadata=_metadata(fmt, data["title"])
        )
    return buf.getvalue()


def _scale(area: tuple[float, float, float, float], bounds: list[float]) -> float:
    """Points per page pixel when the drawing fills `area` (page fractions) with its aspect ratio kept."""
    left, top, right, bottom = bounds
    width_pt = A4_LANDSCAPE[0] * 72 * area[2]
    height_pt = A4_LANDSCAPE[1] * 72 * area[3]
    pad = 24
    return min(width_pt / (right - left + 2 * pad), height_pt / (bottom - top + 2 * pad))


def _fitted(area: tuple[float, float, float, float], bounds: list[float]) -> tuple[float, float, float, float]:
    """`area` narrowed to the drawing's own width when the drawing is taller than wide, so the legend sits beside it."""
    left, top, right, bottom = bounds
    needed = _scale(area, bounds) * (right - left + 48) / (A4_LANDSCAPE[0] * 72)
    return (area[0], area[1], min(area[2], needed), area[3])


def _draw_network(ax: object, data: dict, s: float, numbered: bool) -> list[tuple[str, str]]:
    """Links, then nodes and labels (or numbers, with the key returned), in page coordinates with y downwards.

    `s` is points per page pixel; `numbered` puts numbers where labels would be too small to read.
    """
    left, top, right, bottom = data["bounds"]
    pad = 24
    ax.set_xlim(left - pad, right + pad)  # type: ignore[attr-defined]
    ax.set_ylim(bottom + pad, top - pad)  # type: ignore[attr-defined]  # y downwards, as on the page
    ax.set_aspect("equal", adjustable="box")  # type: ignore[attr-defined]
    # numbers as big as a label line's height allows (one line per slot), so they do not run together
    font_pt = max(FONT_PX * s, MIN_FONT_PT) if not numbered else min(6.0, max(2.5, LINE_PX * s * 0.85))
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
        plain_text(label),
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
        plain_text(body),
        transform=ax.transAxes,  # type: ignore[attr-defined]
        ha="center",
        va="center" if centred else "bottom",
        fontsize=11 if centred else 8,
        wrap=True,
        bbox={"boxstyle": "square,pad=0.6", "fc": "#fdf3ec", "ec": "#D55E00"},
        zorder=5,
    )


def _draw_legend(fig: Figure, rect: Rect, legend: dict, keyed: bool) -> float:
    """The legend beside the drawing (organisations, plan parts, links, sizes); returns the share of its column used.

    When the nodes are numbered (`keyed`), the key's heading follows; the key itself is `_draw_key`'s.
    """
    ax = fig.add_axes(rect)
    ax.set_axis_off()
    height = 100 * (LEGEND[3] * A4_LANDSCAPE[1]) / (LEGEND[2] * A4_LANDSCAPE[0])
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
            ax.text(12, y, plain_text(item["label"]), fontsize=7.5, va="center")
            y += step
    if legend["boxes"]:
        heading("Plans and their parts")
        for item in legend["boxes"]:
            patch = Rectangle((0.5, y - 2.0), 8, 4.0, facecolor=item["fill"], edgecolor=item["border"],
                              linewidth=item["width"] * 0.6)  # fmt: skip
            if item["dash"]:
                patch.set_linestyle((0, [d * 0.6 for d in item["dash"]]))
            ax.add_patch(patch)
            ax.text(12, y, plain_text(item["label"]), fontsize=7.5, va="center")
            y += step
    if legend["lines"]:
        heading("Links")
        for item in legend["lines"]:
            line = Line2D([0.5, 8], [y, y], color=item["colour"], linewidth=item["width"] * 0.7)
            if item["dash"]:
                line.set_dashes([d * 0.7 for d in item["dash"]])
            ax.add_line(line)
            ax.text(12, y, plain_text(item["label"]), fontsize=7.5, va="center")
            y += step
    if legend["sizes"]:
        heading("Size: number of leads")
        for item in legend["sizes"]:
            ax.add_patch(Polygon(symbol_outline("circle", 5, y, item["r"] / 5), closed=True,
                                 facecolor="#dddddd", edgecolor="#333333", linewidth=0.6))  # fmt: skip
            ax.text(12, y, plain_text(item["label"]), fontsize=7.5, va="center")
            y += max(step, item["r"] / 2.5 + 1.5)
    if keyed:
        heading("Key to the numbers")
    return min(y / height, 1.0)


def _fit_entry(number: str, label: str, width_pt: float) -> str:
    """`12  Name`, cut with "…" to fit a key column `width_pt` wide (measured in the label font)."""
    entry = f"{number}  {' '.join(label.split())}"

    def points(t: str) -> float:
        return text_width(t) * KEY_FONT_PT / FONT_PX

    if points(entry) <= width_pt:
        return entry
    while len(entry) > len(number) + 3 and points(entry + "…") > width_pt:
        entry = entry[:-1]
    return entry.rstrip() + "…"


def _key_column(fig: Figure, rect: Rect, entries: list[tuple[str, str]], width_pt: float) -> None:
    ax = fig.add_axes(rect)
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(len(entries) or 1, 0)
    for i, (number, label) in enumerate(entries):
        ax.text(0, i + 0.5, plain_text(_fit_entry(number, label, width_pt)), fontsize=KEY_FONT_PT, va="center",
                gid=f"key-{number}")  # fmt: skip


def _draw_key(sheet: Sheet, key: list[tuple[str, str]], plan: KeyPlan, legend_left: float, used: float) -> None:
    """Every entry of the key: under the legend, in the columns beside it, then on the further pages."""
    fig = sheet.fig
    line = KEY_LINE_PT / (A4_LANDSCAPE[1] * 72)  # one entry, as a fraction of the page height
    legend_bottom, legend_height = LEGEND[1], LEGEND[3]
    column_pt = LEGEND[2] * A4_LANDSCAPE[0] * 72
    rest = list(key)
    if plan.under_legend:
        take, rest = rest[: plan.under_legend], rest[plan.under_legend :]
        height = len(take) * line
        top = legend_bottom + legend_height * (1 - used)
        _key_column(fig, sheet.rect(legend_left, top - height, LEGEND[2], height), take, column_pt)
    left = legend_left + LEGEND[2] + GAP
    width_pt = KEY_COLUMN * A4_LANDSCAPE[0] * 72
    for _ in range(plan.side_columns):
        take, rest = rest[: plan.per_column], rest[plan.per_column :]
        if not take:
            break
        height = len(take) * line
        top = legend_bottom + legend_height
        _key_column(fig, sheet.rect(left, top - height, KEY_COLUMN, height), take, width_pt)
        left += KEY_COLUMN + GAP
    page_width = (1 - 2 * DRAWING[0] - (KEY_PAGE_COLUMNS - 1) * GAP) / KEY_PAGE_COLUMNS
    for page in range(1, plan.pages):
        fig.text(0.03, sheet.y(0.955, page), "Key to the numbers (continued)", fontsize=10, weight="bold",
                 va="center")  # fmt: skip
        for column in range(KEY_PAGE_COLUMNS):
            take, rest = rest[: plan.per_column], rest[plan.per_column :]
            if not take:
                break
            height = len(take) * line
            top = legend_bottom + legend_height
            left = DRAWING[0] + column * (page_width + GAP)
            rect = sheet.rect(left, top - height, page_width, height, page)
            _key_column(fig, rect, take, page_width * A4_LANDSCAPE[0] * 72)


def _metadata(fmt: str, title: str) -> dict[str, str | None]:
    if fmt == "svg":
        return {"Title": title, "Date": None}
    return {"Title": title, "Software": "cypkg"}
