"""Stills and colour: the picture has the page's layout and orientation, every node is named, and the legend's
colours stay apart under simulated protanopia and deuteranopia."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from colorspacious import cspace_convert, deltaE

from kg.analysis.network import build_view
from kg.views.html import view_data
from kg.views.layout import compute_layout
from kg.views.picture import render_image
from kg.views.style import organisation_looks

EXAMPLE = "anyshire-cypp-2024-2027"
SVG = "{http://www.w3.org/2000/svg}"
MIN_DELTA_E = 10.0
"""Smallest CAM02-UCS difference counted as distinct at a glance."""


def _label_centres(svg: bytes) -> dict[str, tuple[float, float]]:
    """Where the still puts each node's label: the mean position of its text lines, by node IRI."""
    out = {}
    for group in ET.fromstring(svg).iter(f"{SVG}g"):
        gid = group.get("id", "")
        if not gid.startswith("label-"):
            continue
        points = []
        for text in group.iter(f"{SVG}text"):
            if text.get("x") is not None:
                points.append((float(text.get("x")), float(text.get("y"))))
            else:
                m = re.search(r"translate\(([-\d.]+) ([-\d.]+)\)", text.get("transform", ""))
                if m:
                    points.append((float(m.group(1)), float(m.group(2))))
        if points:
            out[gid.removeprefix("label-")] = (
                sum(p[0] for p in points) / len(points),
                sum(p[1] for p in points) / len(points),
            )
    return out


@pytest.fixture(scope="module")
def example(embedded_store):
    g = build_view(embedded_store, "partner-priority", plan=EXAMPLE)
    layout = compute_layout(g)
    return g, layout, render_image(g, "svg", layout)


def test_still_keeps_the_pages_orientation_and_order(example) -> None:
    g, layout, svg = example
    still = _label_centres(svg)
    page = {n: layout.nodes[n] for n in g}
    for a, b in itertools.combinations(sorted(still), 2):
        pa, pb = page[a], page[b]
        if abs(pa.y - pb.y) > 20:
            assert (pa.y < pb.y) == (still[a][1] < still[b][1]), (a, b)  # y grows downwards in both
        if abs(pa.x - pb.x) > 40:
            assert (pa.x < pb.x) == (still[a][0] < still[b][0]), (a, b)


def test_every_node_in_the_still_has_its_label(example) -> None:
    g, _, svg = example
    still = _label_centres(svg)
    assert set(still) == set(g.nodes)
    text = svg.decode("utf-8")
    for _, data in g.nodes(data=True):
        assert data["label"].split()[0] in text


def test_still_is_a4_landscape_with_the_aspect_ratio_kept(example) -> None:
    _, layout, svg = example
    root = ET.fromstring(svg)
    width, height = float(root.get("width").removesuffix("pt")), float(root.get("height").removesuffix("pt"))
    assert (round(width), round(height)) == (842, 595)
    left, top, right, bottom = layout.bounds
    assert right - left > bottom - top  # this plan's drawing is wider than tall, and so is its box on the page


def _simulate(colour: str, deficiency: str) -> np.ndarray:
    rgb = np.array([int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    cvd = {"name": "sRGB1+CVD", "cvd_type": deficiency, "severity": 100}
    return np.clip(cspace_convert(rgb, cvd, "sRGB1"), 0, 1)


def _legend_colours(data: dict) -> set[str]:
    """The colours that carry meaning: organisation symbols, box fills, and the gap borders."""
    legend = data["legend"]
    symbols = {i["colour"] for i in legend["symbols"]}
    fills = {i["fill"] for i in legend["boxes"]}
    gaps = {i["border"] for i in legend["boxes"] if i.get("gap")}
    return symbols | fills | gaps


@pytest.mark.parametrize("deficiency", ["protanomaly", "deuteranomaly"])
def test_legend_colours_stay_distinct_under_colour_vision_deficiency(example, deficiency) -> None:
    g, layout, _ = example
    colours = _legend_colours(view_data(g, layout)) | {look.colour for look in organisation_looks().values()}
    close = [
        (a, b, round(float(deltaE(_simulate(a, deficiency), _simulate(b, deficiency), input_space="sRGB1")), 1))
        for a, b in itertools.combinations(sorted(colours), 2)
        if deltaE(_simulate(a, deficiency), _simulate(b, deficiency), input_space="sRGB1") < MIN_DELTA_E
    ]
    assert close == []


def test_partner_types_that_share_a_colour_differ_in_shape() -> None:
    looks = list(organisation_looks().values())
    assert len({(look.colour, look.shape) for look in looks}) == len(looks)
