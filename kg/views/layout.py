"""Where every node and label goes, computed once in Python so the page and the still picture are the same drawing.

The layout is layered: each view puts its kinds of node in columns (a plan's view reads plan →
outcomes → priorities → the partners that own them; a boards view reads bodies → members), nodes
in a column are ordered to cross as few links as possible (barycentre sweeps) and placed beside
what they link to. Labels are wrapped here, and every slot is as tall as its wrapped label, so no
two labels can overlap on the page or in the picture. Nothing is random: the same graph gives the
same drawing on every run.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import networkx as nx
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font

from kg.views.style import FOLD_RADIUS, look, radius_for

FONT_FAMILY = "DejaVu Sans"
FONT_PX = 13.0
LINE_PX = 16.0
BOX_PAD_X, BOX_PAD_Y = 8.0, 6.0
SLOT_GAP = 12.0
COLUMN_GAP = 80.0
LABEL_GAP = 6.0
BOX_CHARS = 30
LABEL_CHARS = 30
MAX_LINES = 4
SYMBOL_RADIUS = 9.0
BAND_GAP = 60.0
BAND_ASPECT = 1.6
"""A tall two-column drawing (every council and its partners) is cut into bands set side by side,
as many as bring it nearest this width-to-height ratio, a screen's or a page's; a view whose second
column is shared by most of the first (themes) says `banded=False` and is not cut."""
TALL = 2.5
"""Height over width beyond which a two-column drawing is cut into bands."""


@dataclass
class Placed:
    """One node's drawing: centre, column, wrapped label and the size of its box or symbol."""

    x: float
    y: float
    column: int
    lines: list[str]
    boxed: bool
    width: float
    height: float
    radius: float
    label_side: str
    label_width: float

    @property
    def label_height(self) -> float:
        return LINE_PX * len(self.lines)

    def label_box(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) of the label's text in page pixels."""
        if self.label_side == "inside":
            return (self.x - self.label_width / 2, self.y - self.label_height / 2,
                    self.x + self.label_width / 2, self.y + self.label_height / 2)  # fmt: skip
        if self.label_side == "left":
            right = self.x - self.radius - LABEL_GAP
            return (right - self.label_width, self.y - self.label_height / 2, right, self.y + self.label_height / 2)
        left = self.x + self.radius + LABEL_GAP
        return (left, self.y - self.label_height / 2, left + self.label_width, self.y + self.label_height / 2)

    def extent(self) -> tuple[float, float]:
        """How far the node and its label reach left and right of its centre."""
        if self.boxed:
            return self.width / 2, self.width / 2
        if self.label_side == "left":
            return self.radius + LABEL_GAP + self.label_width, self.radius
        return self.radius, self.radius + LABEL_GAP + self.label_width

    @property
    def slot(self) -> float:
        return max(self.height, self.label_height)


@dataclass
class Layout:
    """Every node's `Placed`, and the drawing's bounds (left, top, right, bottom) in page pixels."""

    nodes: dict[str, Placed]
    bounds: tuple[float, float, float, float]

    def positions(self) -> dict[str, tuple[float, float]]:
        return {k: (p.x, p.y) for k, p in self.nodes.items()}


@cache
def _font() -> FT2Font:
    font = FT2Font(font_manager.findfont(font_manager.FontProperties(family=FONT_FAMILY)))
    font.set_size(FONT_PX, 72)
    return font


@cache
def _advance(char: str) -> float:
    try:
        return _font().load_char(ord(char)).linearHoriAdvance / 65536
    except (RuntimeError, ValueError):
        return FONT_PX * 0.65


def text_width(text: str, bold: bool = False) -> float:
    """A line's width in page pixels in DejaVu Sans (the page's first font), with room for bold and other fonts."""
    return sum(_advance(c) for c in text) * (1.12 if bold else 1.05)


def wrap(label: str, width: int, max_lines: int = MAX_LINES) -> list[str]:
    """A label wrapped to lines of about `width` characters, the last one ending "…" if it was cut."""
    lines = textwrap.wrap(" ".join(label.split()), width, break_long_words=True) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return lines


def _columns(g: nx.Graph) -> Callable[[str, dict], int]:
    view = g.graph.get("view", "")
    if view == "partner-priority":
        rank = {"plan": 0, "strategy": 0, "outcome": 1, "priority": 2, "duty": 2, "action": 3}
        return lambda _k, d: rank.get(d.get("kind", ""), 4)
    if view == "plan-strategy":
        rank = {"law": 0, "duty": 1, "plan": 2, "strategy": 3}
        return lambda _k, d: rank.get(d.get("kind", ""), 2)
    if view == "boards":
        return lambda _k, d: 0 if d.get("side") == "body" else 1
    return lambda _k, d: 0 if d.get("kind") in ("authority", "region") else 1


def _leads(g: nx.Graph, n: str) -> int:
    return sum(1 for nb in g.neighbors(n) if g.edges[n, nb].get("role") in ("lead", "owner"))


def gap_of(g: nx.Graph, n: str) -> str:
    """ "none" or "one" for a priority or outcome in a partner–priority view with no owner or one; else ""."""
    data = g.nodes[n]
    if g.graph.get("view") != "partner-priority" or data.get("kind") not in ("priority", "outcome"):
        return ""
    if data.get("kind") == "outcome" and any(g.nodes[nb].get("kind") == "priority" for nb in g.neighbors(n)):
        return ""  # an outcome with priorities is delivered through them; its own owners are optional
    owners = sum(1 for nb in g.neighbors(n) if "role" in g.edges[n, nb])
    return "none" if owners == 0 else "one" if owners == 1 else ""


def _place(g: nx.Graph, key: str, column: int, last_column: int) -> Placed:
    data = g.nodes[key]
    shape = look(data.get("kind", "other"), data.get("group", "Other"))
    label = data.get("label", key)
    if shape.boxed:
        lines = wrap(label, BOX_CHARS)
        label_width = max(text_width(line, shape.bold) for line in lines)
        width = label_width + 2 * BOX_PAD_X
        height = LINE_PX * len(lines) + 2 * BOX_PAD_Y
        return Placed(0, 0, column, lines, True, width, height, 0, "inside", label_width)
    if data.get("aggregate"):
        radius = FOLD_RADIUS
    elif g.graph.get("view") == "partner-priority" and data.get("side") == "owner":
        radius = radius_for(_leads(g, key))
    else:
        radius = SYMBOL_RADIUS
    lines = wrap(label, LABEL_CHARS, 3)
    label_width = max(text_width(line) for line in lines)
    side = "left" if column == 0 and last_column > 0 else "right"
    return Placed(0, 0, column, lines, False, 2 * radius, 2 * radius, radius, side, label_width)


def compute_layout(g: nx.Graph) -> Layout:
    """The layered drawing of a graph: columns by kind, few crossings, labels that never overlap."""
    column_of = _columns(g)
    raw = {n: column_of(n, d) for n, d in g.nodes(data=True)}
    used = sorted(set(raw.values()))
    compact = {c: i for i, c in enumerate(used)}
    last = len(used) - 1
    placed = {n: _place(g, n, compact[c], last) for n, c in raw.items()}
    columns: list[list[str]] = [[] for _ in used]
    for n in sorted(g.nodes, key=lambda k: (g.nodes[k].get("label", k).casefold(), k)):
        columns[placed[n].column].append(n)
    _order(g, columns)
    _assign_y(g, columns, placed)
    _assign_x(columns, placed)
    if not placed:
        return Layout({}, (0.0, 0.0, 0.0, 0.0))
    if len(columns) <= 2 and g.graph.get("banded", True):
        _bands(placed, _bounds(placed))
    return Layout(placed, _bounds(placed))


def _bounds(placed: dict[str, Placed]) -> tuple[float, float, float, float]:
    left = min(p.x - p.extent()[0] for p in placed.values())
    right = max(p.x + p.extent()[1] for p in placed.values())
    top = min(p.y - p.slot / 2 for p in placed.values())
    bottom = max(p.y + p.slot / 2 for p in placed.values())
    return (left, top, right, bottom)


def _bands(placed: dict[str, Placed], bounds: tuple[float, float, float, float]) -> None:
    """Cut a tall two-column drawing into bands set side by side, in place, so it fits a screen or a page.

    Cuts fall only where no node's slot crosses (between one council's partners and the next's),
    so nothing that was apart comes to overlap; a band keeps its order top to bottom, and the bands
    read left to right.
    """
    left, top, right, bottom = bounds
    width, height = right - left, bottom - top
    if height <= TALL * width:
        return
    count = max(1, round(((height * BAND_ASPECT) / (width + BAND_GAP)) ** 0.5))
    blocks: list[tuple[float, float, list[str]]] = []  # runs of nodes whose slots touch or overlap
    for key in sorted(placed, key=lambda k: (placed[k].y - placed[k].slot / 2, k)):
        p = placed[key]
        start, end = p.y - p.slot / 2, p.y + p.slot / 2
        if blocks and start < blocks[-1][1]:
            blocks[-1] = (blocks[-1][0], max(blocks[-1][1], end), [*blocks[-1][2], key])
        else:
            blocks.append((start, end, [key]))
    share = height / count
    band, band_top = 0, top
    for start, _end, keys in blocks:
        if start - band_top >= share and band < count - 1:
            band, band_top = band + 1, start
        for key in keys:
            placed[key].x += band * (width + BAND_GAP)
            placed[key].y -= band_top - top


def _order(g: nx.Graph, columns: list[list[str]]) -> None:
    """Order each column by the mean rank of its neighbours in the column before it, in place.

    One left-to-right sweep: the first column keeps label order, so priorities stay grouped under
    their outcomes and partners sit level with what they own.
    """
    for i in range(1, len(columns)):
        rank = {n: k for k, n in enumerate(columns[i - 1])}
        current = {n: k for k, n in enumerate(columns[i])}

        def key(n: str, rank: dict[str, int] = rank, current: dict[str, int] = current) -> tuple:
            near = [rank[nb] for nb in g.neighbors(n) if nb in rank]
            return (sum(near) / len(near) if near else len(rank) + current[n], current[n])

        columns[i].sort(key=key)


def _stack(keys: list[str], placed: dict[str, Placed], wanted: dict[str, float]) -> None:
    """Put a column's nodes as near their wanted centres as they fit, in order, without overlap."""
    y: float | None = None
    for n in keys:
        half = placed[n].slot / 2
        target = wanted.get(n)
        if y is None:
            y = target if target is not None else 0.0
        else:
            y = max(target if target is not None else y + half, y + half)
        placed[n].y = y
        y += half + SLOT_GAP
    if wanted and keys:
        shift = sum(wanted.get(n, placed[n].y) - placed[n].y for n in keys) / len(keys)
        if shift < 0:
            for n in keys:
                placed[n].y += shift


def _assign_y(g: nx.Graph, columns: list[list[str]], placed: dict[str, Placed]) -> None:
    """The tallest column is stacked; the others sit beside the nodes they link to (barycentre)."""
    if not columns:
        return
    heights = [sum(placed[n].slot + SLOT_GAP for n in col) for col in columns]
    anchor = max(range(len(columns)), key=lambda i: (heights[i], -i))
    _stack(columns[anchor], placed, {n: 0.0 for n in columns[anchor][:1]})
    done = set(columns[anchor])
    order = list(range(anchor + 1, len(columns))) + list(range(anchor - 1, -1, -1))
    for i in order:
        wanted = {}
        for n in columns[i]:
            near = [placed[nb].y for nb in g.neighbors(n) if nb in done]
            if near:
                wanted[n] = sum(near) / len(near)
        _stack(columns[i], placed, wanted or {n: 0.0 for n in columns[i][:1]})
        done |= set(columns[i])


def _assign_x(columns: list[list[str]], placed: dict[str, Placed]) -> None:
    x = 0.0
    previous_right = None
    for col in columns:
        if not col:
            continue
        left = max(placed[n].extent()[0] for n in col)
        right = max(placed[n].extent()[1] for n in col)
        x = left if previous_right is None else previous_right + COLUMN_GAP + left
        for n in col:
            placed[n].x = x
        previous_right = x + right
