"""Positions computed ahead with networkx, so a page draws at once with physics off.

Each connected part is laid out on its own (a seeded spring layout) and the parts are packed in
rows, biggest first, so separate plans or councils sit side by side instead of on top of each other.
"""

from __future__ import annotations

import math

import networkx as nx

NODE_SPACING = 110.0
"""Roughly the page pixels between neighbouring nodes."""

LABEL_WIDTH = 300.0
"""Room left beside each part for its labels (canvas labels are up to about 42 characters)."""


def _component_layout(g: nx.Graph, seed: int) -> dict[str, tuple[float, float]]:
    n = len(g)
    if n == 1:
        return {next(iter(g)): (0.0, 0.0)}
    raw = nx.spring_layout(g, seed=seed, k=1.8 / math.sqrt(n), iterations=100 if n <= 150 else 30)
    radius = NODE_SPACING * math.sqrt(n) * 0.75
    return {key: (float(x) * radius, float(y) * radius) for key, (x, y) in raw.items()}


def compute_layout(g: nx.Graph, *, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Node positions in page pixels, stable from run to run for the same graph."""
    parts = sorted(nx.connected_components(g), key=lambda c: (-len(c), min(c)))
    boxes = []
    for part in parts:
        pos = _component_layout(g.subgraph(sorted(part)), seed)
        xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
        boxes.append((pos, min(xs), min(ys), max(xs) - min(xs) + LABEL_WIDTH, max(ys) - min(ys) + NODE_SPACING))
    total_area = sum(w * h for *_, w, h in boxes)
    row_width = max(math.sqrt(total_area) * 1.4, max((b[3] for b in boxes), default=0))
    out: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for pos, min_x, min_y, width, height in boxes:
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for key, (px, py) in pos.items():
            out[key] = (px - min_x + x, py - min_y + y)
        x += width
        row_height = max(row_height, height)
    return out
