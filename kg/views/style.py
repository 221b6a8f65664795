"""How each group of node looks, shared by the interactive page and the still picture so both read alike."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Look:
    """A group's colour and shape, as vis-network and matplotlib name the shape."""

    colour: str
    vis_shape: str
    marker: str


_ITEM = {"plan": "square", "strategy": "square", "outcome": "triangle", "priority": "diamond", "duty": "star"}
_MARKERS = {"square": "s", "triangle": "^", "diamond": "D", "star": "*", "hexagon": "h", "dot": "o"}

GROUP_COLOURS: dict[str, str] = {
    "Children and Young People's Plan": "#0072B2",
    "Strategy": "#56B4E9",
    "Other plan": "#8FC8E8",
    "Outcome": "#009E73",
    "Priority": "#E69F00",
    "Action": "#F0E442",
    "Statutory duty": "#CC79A7",
    "Legislation": "#9E9E9E",
    "Council": "#3B3B3B",
    "NHS": "#D55E00",
    "Police": "#1F3A93",
    "Schools": "#7B3294",
    "Voluntary sector": "#66A61E",
    "Youth offending": "#A6761D",
    "Partner group": "#E7298A",
    "Safeguarding partnership": "#B2182B",
    "Officer group": "#F4A582",
    "Board or partnership": "#D6604D",
    "Other organisation": "#7F8C8D",
    "Person": "#BDBDBD",
    "Other": "#D9D9D9",
}


def look(kind: str, group: str) -> Look:
    """The look of a node: colour from its group (partner type or kind), shape from its kind."""
    shape = _ITEM.get(kind, "hexagon" if kind == "law" else "dot")
    return Look(GROUP_COLOURS.get(group, GROUP_COLOURS["Other"]), shape, _MARKERS[shape])


def node_size(degree: int, aggregate: int = 0) -> float:
    """A node's radius in page pixels: grows with the square root of its links (and of what it folds in)."""
    return 10 + 5 * math.sqrt(degree) + (4 * math.sqrt(aggregate) if aggregate else 0)


def legend_order(groups: set[str]) -> list[str]:
    """The groups present, in the palette's order (plans first, then outcomes, duties, partners)."""
    order = list(GROUP_COLOURS)
    return sorted(groups, key=lambda g: order.index(g) if g in order else len(order))
