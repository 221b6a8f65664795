"""The interactive page: one self-contained UTF-8 HTML file that works with no network at all.

The drawing is SVG built in the page by our own small script (`static/view.js`) from positions,
wrapped labels and looks computed here (`kg.views.layout`, `kg.views.style`), the same ones the
still picture uses, so page, print and picture show one layout. Data from the graph never reaches
HTML: it travels as JSON in a non-executed `<script type="application/json">` block with `<`, `>`
and `&` escaped, and the script sets every string with `textContent`. A Content-Security-Policy
allows only the page's own inline script (by hash) and no connections.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from functools import cache
from importlib import resources
from string import Template

import networkx as nx

from kg.views import text
from kg.views.layout import Layout, compute_layout, gap_of
from kg.views.style import (
    GAP_NONE,
    GAP_ONE,
    PART_OF_LINE,
    ROLE_LINES,
    SIZE_BY_LEADS,
    legend_order,
    line_look,
    look,
    organisation_looks,
    radius_for,
)

PARAGRAPH_CHARS = 700
"""Longest source-paragraph excerpt in a tooltip."""

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_GAP_TEXT = {"none": "No owner named in the source reports", "one": "Only one owner named"}


@cache
def _asset(name: str) -> str:
    return (resources.files("kg.views") / name).read_text(encoding="utf-8")


def json_for_script(data: object) -> str:
    """JSON that cannot end its `<script>` block or open markup, whatever the strings hold."""
    out = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in _JSON_ESCAPES.items():
        out = out.replace(char, escape)
    return out


def _facet_options(g: nx.Graph, facet: str) -> list[list[str]]:
    labels = g.graph.get("labels", {})
    values = set().union(*(d.get(facet, set()) for _, d in g.nodes(data=True))) if len(g) else set()
    return sorted(([v, labels.get(v, v)] for v in values), key=lambda pair: pair[1].casefold())


def _owners_by_role(g: nx.Graph, key: str) -> list[str]:
    by_role: dict[str, list[str]] = {}
    for nb in g.neighbors(key):
        role = g.edges[key, nb].get("role")
        if role and g.nodes[nb].get("side") == "owner":
            by_role.setdefault(role, []).append(g.nodes[nb].get("label", nb))
    return [
        f"{ROLE_LINES[r].label if r in ROLE_LINES else r}: {'; '.join(sorted(n))}" for r, n in sorted(by_role.items())
    ]


def _load_lines(g: nx.Graph, key: str) -> list[str]:
    counts: dict[str, int] = {}
    for nb in g.neighbors(key):
        role = g.edges[key, nb].get("role")
        if role:
            counts[role] = counts.get(role, 0) + 1
    if not counts:
        return []
    return ["; ".join(f"{ROLE_LINES[r].label if r in ROLE_LINES else r} of {n}" for r, n in sorted(counts.items()))]


def _details(g: nx.Graph, key: str, data: dict, gap: str) -> dict:
    """What a tooltip says about a node: plain strings only (the page sets them as text)."""
    labels = g.graph.get("labels", {})
    lines = [data.get("subtype") or data.get("group", "")]
    if gap:
        lines.append(_GAP_TEXT[gap])
    if data.get("side") == "item":
        lines += _owners_by_role(g, key)
    elif data.get("side") == "owner":
        lines += _load_lines(g, key)
    if data.get("aggregate"):
        lines.append(f"stands for {data['aggregate']} nodes, e.g. " + "; ".join(data.get("members", [])[:8]))
    if data.get("plans") and data.get("kind") not in ("plan",):
        lines.append("plan: " + "; ".join(sorted(labels.get(p, p) for p in data["plans"]))[:300])
    if data.get("outcomes") and data.get("kind") != "outcome":
        lines.append("outcome: " + "; ".join(sorted(labels.get(o, o) for o in data["outcomes"]))[:300])
    links = []
    for nb in sorted(g.neighbors(key), key=lambda n: g.nodes[n].get("label", n))[:12]:
        edge = g.edges[key, nb]
        how = edge.get("role") or edge.get("relation") or "linked"
        links.append(f"{how}: {g.nodes[nb].get('label', nb)}")
    if g.degree(key) > 12:
        links.append(f"… and {g.degree(key) - 12} more")
    paragraphs = [
        {
            "report": p["report"],
            "number": p["number"],
            "text": p["text"] if len(p["text"]) <= PARAGRAPH_CHARS else p["text"][: PARAGRAPH_CHARS - 1] + "…",
        }
        for p in data.get("paragraphs", [])[:2]
    ]
    return {"id": data.get("id", key), "lines": [x for x in lines if x], "links": links, "paragraphs": paragraphs}


def _legend(g: nx.Graph) -> dict:
    """What the page's legend (and the picture's) explains: only what is on this drawing."""
    groups = {d.get("group", "Other") for _, d in g.nodes(data=True) if not look(d.get("kind", ""), "").boxed}
    looks = organisation_looks()
    symbols = [
        {"label": grp, "colour": look("partner", grp).colour, "shape": look("partner", grp).shape}
        for grp in legend_order(groups)
    ]
    kinds = {d.get("kind") for _, d in g.nodes(data=True)}
    boxes = []
    for kind in ("plan", "strategy", "outcome", "priority", "action", "duty", "law"):
        if kind in kinds:
            box = look(kind, "")
            group = next(d.get("group", kind) for _, d in g.nodes(data=True) if d.get("kind") == kind)
            boxes.append(
                {"label": group, "fill": box.fill, "border": box.border, "width": box.border_width, "dash": box.dash}
            )
    gaps = {gap_of(g, n) for n in g} - {""}
    for gap, colour, dash, label in (
        ("none", GAP_NONE, (7.0, 4.0), "no owner named (a gap)"),
        ("one", GAP_ONE, (), "one owner only"),
    ):
        if gap in gaps:
            boxes.append({"label": label, "fill": "#FFFFFF", "border": colour, "width": 3.0, "dash": dash, "gap": gap})
    present = {line_look(d).label for _, _, d in g.edges(data=True)}
    lines = [
        {"label": look_.label, "dash": look_.dash, "width": look_.width, "colour": look_.colour}
        for look_ in (*ROLE_LINES.values(), PART_OF_LINE)
        if look_.label in present
    ]
    sizes = []
    if g.graph.get("view") == "partner-priority" and any(d.get("side") == "owner" for _, d in g.nodes(data=True)):
        sizes = [{"label": f"leads {n}", "r": radius_for(n)} for n in (0, 1, 3, 6)]
    del looks
    return {
        "symbols": symbols,
        "boxes": boxes,
        "lines": lines,
        "sizes": sizes,
        "sizeNote": (
            f"Symbol size: priorities and outcomes the partner leads (or owns), "
            f"{SIZE_BY_LEADS[0]:g} px + {SIZE_BY_LEADS[1]:g} px each"
            if sizes
            else ""
        ),
    }


def view_data(g: nx.Graph, layout: Layout | None = None) -> dict:
    """The JSON the page reads: placed nodes and links with their looks, the legend, facets and notices."""
    layout = layout if layout is not None else compute_layout(g)
    nodes = []
    for key, data in g.nodes(data=True):
        p = layout.nodes[key]
        gap = gap_of(g, key)
        node_look = look(data.get("kind", "other"), data.get("group", "Other"), gap)
        nodes.append(
            {
                "id": key,
                "x": round(p.x, 1),
                "y": round(p.y, 1),
                "boxed": p.boxed,
                "w": round(p.width, 1),
                "h": round(p.height, 1),
                "r": round(p.radius, 1),
                "shape": node_look.shape,
                "fill": node_look.fill if p.boxed else node_look.colour,
                "border": node_look.border,
                "borderWidth": node_look.border_width,
                "dash": node_look.dash,
                "bold": node_look.bold,
                "lines": p.lines,
                "labelSide": p.label_side,
                "labelBox": [round(v, 1) for v in p.label_box()],
                "fullLabel": data.get("label", key),
                "kind": data.get("kind", "other"),
                "category": data.get("group", "Other"),
                "gap": gap,
                "plans": sorted(data.get("plans", ())),
                "outcomes": sorted(data.get("outcomes", ())),
                "partnerTypes": sorted(data.get("partner_types", ())),
                "details": _details(g, key, data, gap),
            }
        )
    edges = []
    for u, v, data in g.edges(data=True):
        line = line_look(data)
        weight = data.get("weight", 1)
        edges.append(
            {
                "from": u,
                "to": v,
                "label": data.get("role") or data.get("relation") or "",
                "dash": line.dash,
                "width": round(line.width + min(weight - 1, 16) ** 0.5, 1),
                "colour": line.colour,
            }
        )
    partner_types = set().union(*(d.get("partner_types", set()) for _, d in g.nodes(data=True))) if len(g) else set()
    found = text.notice(g)
    return {
        "title": text.title(g),
        "caption": text.caption(g),
        "view": g.graph.get("view", ""),
        "aggregated": g.graph.get("aggregated", 0),
        "bounds": [round(v, 1) for v in layout.bounds],
        "nodes": nodes,
        "edges": edges,
        "legend": _legend(g),
        "notice": found.as_dict() if found else None,
        "summary": g.graph.get("summary", []),
        "facets": {
            "plans": _facet_options(g, "plans"),
            "outcomes": _facet_options(g, "outcomes"),
            "partnerTypes": [[t, t] for t in legend_order(partner_types)],
        },
    }


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def page(template: str, script: str, style: str, data: dict) -> str:
    """A whole page from a template: inlined style and script, the data block, and a CSP allowing only that script.

    The page's title and headings come from the data block too, set by the script as text.
    """
    csp = (
        "default-src 'none'; "
        f"script-src {_csp_hash(script)}; "
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    )
    return Template(_asset(template)).substitute(
        csp=html.escape(csp, quote=False),  # our own constant, in a double-quoted attribute
        style=style,
        script=script,
        data=json_for_script(data),
    )


def render_html(g: nx.Graph, layout: Layout | None = None) -> str:
    """The whole page for a graph, as one UTF-8 string with its script and style inlined."""
    data = view_data(g, layout)
    return page("templates/view.html", _asset("static/view.js"), _asset("static/view.css"), data)
