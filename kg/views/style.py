"""How nodes and links look, shared by the interactive page and the still picture so both read alike.

Colour is from the Okabe–Ito palette (chosen to stay distinguishable under protanopia, deuteranopia
and tritanopia), and every colour comes with a second cue: each partner type has its own shape,
gaps are marked by the border's line style as well as its colour, and roles are line styles
(solid lead, dashed contributing, dotted champion), never colour alone.

Partner types are not listed here: they are the concepts of the ontology's `cyp:PartnerTypeScheme`,
and each gets the next (colour, shape) pair in the order `kg.ontology.vocabulary` reads them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kg.analysis.network import OTHER_ORGANISATION, PERSON, REGION_GROUP
from kg.namespaces import CYP
from kg.ontology import vocabulary

OKABE_ITO = {
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
    "black": "#000000",
}
"""Okabe & Ito (2008), "Color Universal Design": eight colours that stay apart with colour-vision deficiencies."""

SHAPES = ("circle", "triangle", "diamond", "triangleDown", "star", "pentagon", "hexagon", "square")
"""Symbol shapes, drawn alike by view.js (SVG) and matplotlib (`MARKERS`)."""

MARKERS = {
    "circle": "o",
    "triangle": "^",
    "diamond": "D",
    "triangleDown": "v",
    "star": "*",
    "pentagon": "p",
    "hexagon": "h",
    "square": "s",
}

_PARTNER_COLOURS = ("orange", "sky blue", "bluish green", "yellow", "vermillion", "reddish purple", "black")
_PARTNER_SHAPES = SHAPES[:7]

GAP_NONE = OKABE_ITO["vermillion"]
GAP_ONE = OKABE_ITO["orange"]
INK = "#222222"
PART_OF_COLOUR = "#9A9A9A"


@dataclass(frozen=True)
class Look:
    """A node's look: a symbol (colour and shape) for organisations and people, a box for plans and their parts."""

    colour: str
    shape: str
    boxed: bool = False
    fill: str = "#FFFFFF"
    border: str = INK
    border_width: float = 1.0
    dash: tuple[float, ...] = ()
    bold: bool = False


@dataclass(frozen=True)
class LineLook:
    """How a link is drawn: its dash pattern (page pixels; empty is solid), width and colour."""

    label: str
    dash: tuple[float, ...]
    width: float
    colour: str = INK


ROLE_LINES: dict[str, LineLook] = {
    "lead": LineLook("lead", (), 3.0),
    "contributing": LineLook("contributing", (8.0, 5.0), 2.0),
    "champion": LineLook("champion", (1.5, 4.0), 2.5),
    "owner": LineLook("owner (lead not stated)", (14.0, 4.0, 2.0, 4.0), 2.0),
    "holder": LineLook("duty holder", (4.0, 3.0), 1.5),
}
"""The ownership roles `network_owners` returns, as the legend explains them."""

PART_OF_LINE = LineLook("part of (plan → outcome → priority)", (), 1.0, PART_OF_COLOUR)
OTHER_LINE = LineLook("linked", (), 1.5, "#777777")

_BOXES: dict[str, Look] = {
    "plan": Look(INK, "box", True, "#FFFFFF", INK, 2.0, (), True),
    "strategy": Look(INK, "box", True, "#FFFFFF", "#555555", 1.5, (6.0, 3.0)),
    "outcome": Look(INK, "box", True, "#DDDDDD", "#555555", 1.0),
    "priority": Look(INK, "box", True, "#FFFFFF", "#555555", 1.0),
    "action": Look(INK, "box", True, "#F4F4F4", "#777777", 1.0, (2.0, 2.0)),
    "duty": Look(INK, "box", True, "#F4F4F4", "#555555", 1.0, (5.0, 2.0)),
    "law": Look(INK, "box", True, "#EDEDED", "#777777", 1.0),
    "theme": Look(INK, "box", True, "#E8F1F8", OKABE_ITO["blue"], 1.5),
}


@cache
def organisation_looks() -> dict[str, Look]:
    """Group label → look for councils, bodies, every partner type in the ontology, other organisations, people."""
    looks = {
        vocabulary.label(str(CYP.LocalAuthority)): Look(OKABE_ITO["blue"], "square"),
        vocabulary.label(str(CYP.Body)): Look(OKABE_ITO["blue"], "hexagon"),
    }
    for i, concept in enumerate(vocabulary.concepts("PartnerTypeScheme")):
        colour = OKABE_ITO[_PARTNER_COLOURS[i % len(_PARTNER_COLOURS)]]
        shape = _PARTNER_SHAPES[(i + i // len(_PARTNER_SHAPES)) % len(_PARTNER_SHAPES)]
        looks[concept.pref_label] = Look(colour, shape)
    looks[OTHER_ORGANISATION] = Look("#666666", "circle")
    looks[REGION_GROUP] = Look(OKABE_ITO["blue"], "pentagon")
    looks[PERSON] = Look("#FFFFFF", "circle")
    return looks


def look(kind: str, group: str, gap: str = "") -> Look:
    """A node's look from its kind (box or symbol), group (colour and shape) and ownership gap ("none", "one")."""
    if kind in _BOXES:
        base = _BOXES[kind]
        if gap == "none":
            return Look(base.colour, "box", True, base.fill, GAP_NONE, 3.0, (7.0, 4.0), base.bold)
        if gap == "one":
            return Look(base.colour, "box", True, base.fill, GAP_ONE, 3.5, (), base.bold)
        return base
    return organisation_looks().get(group, Look("#BBBBBB", "circle"))


def line_look(data: dict) -> LineLook:
    """A link's look from its role (ownership) or relation."""
    if "role" in data:
        return ROLE_LINES.get(data["role"], OTHER_LINE)
    if data.get("relation") == "part of":
        return PART_OF_LINE
    return OTHER_LINE


def legend_order(groups: set[str]) -> list[str]:
    """Organisation groups in the palette's order (council, bodies, partner types, others)."""
    order = list(organisation_looks())
    return sorted(groups, key=lambda g: (order.index(g) if g in order else len(order), g))


SIZE_BY_LEADS = (7.0, 3.0, 25.0)
"""Symbol radius in page pixels: base + step × leads, at most the cap, so a board sees load at a glance."""


def radius_for(leads: int) -> float:
    """A partner symbol's radius for the number of items it leads (or owns)."""
    base, step, cap = SIZE_BY_LEADS
    return min(base + step * leads, cap)


FOLD_RADIUS = 16.0
"""A fold node ("132 more: NHS body") is drawn at most this big, so it never hides what was kept."""
