"""The interactive page: one self-contained UTF-8 HTML file that works with no network at all.

pyvis builds the vis-network node and edge records; our own template (not pyvis's, which pulls
Bootstrap and tom-select from CDNs) inlines vis-network, our small script and our style. Data from
the graph never reaches HTML: it travels as JSON in a non-executed `<script type="application/json">`
block with `<`, `>` and `&` escaped, and the page builds tooltips and lists with `textContent`.
A Content-Security-Policy allows only the page's own inline scripts (by hash) and no connections.
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
from pyvis.network import Network

from kg.views.layout import compute_layout
from kg.views.style import GROUP_COLOURS, legend_order, look, node_size

LABEL_CHARS = 42
"""Longer labels are cut on the canvas (the tooltip has the full text)."""

PARAGRAPH_CHARS = 700
"""Longest source-paragraph excerpt in a tooltip."""

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


@cache
def _asset(name: str) -> str:
    return (resources.files("kg.views") / name).read_text(encoding="utf-8")


@cache
def vis_network_js() -> str:
    """The vendored vis-network standalone build, without its source-map comment (no map is shipped)."""
    text = _asset("static/vis-network.min.js")
    return "\n".join(line for line in text.splitlines() if not line.startswith("//# sourceMappingURL="))


def json_for_script(data: object) -> str:
    """JSON that cannot end its `<script>` block or open markup, whatever the strings hold."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in _JSON_ESCAPES.items():
        text = text.replace(char, escape)
    return text


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def _facet_options(g: nx.Graph, facet: str) -> list[list[str]]:
    labels = g.graph.get("labels", {})
    values = set().union(*(d.get(facet, set()) for _, d in g.nodes(data=True))) if len(g) else set()
    return sorted(([v, labels.get(v, v)] for v in values), key=lambda pair: pair[1].casefold())


def _details(g: nx.Graph, key: str, data: dict) -> dict:
    """What a tooltip says about a node: plain strings only (the page sets them as text)."""
    labels = g.graph.get("labels", {})
    lines = [data.get("group", "")]
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
    return {
        "id": data.get("id", key),
        "lines": [line for line in lines if line],
        "links": links,
        "paragraphs": paragraphs,
    }


def view_data(g: nx.Graph, positions: dict[str, tuple[float, float]] | None = None) -> dict:
    """The JSON the page reads: vis-network nodes and edges (built with pyvis), facets and legend."""
    positions = positions if positions is not None else compute_layout(g)
    net = Network(directed=False)
    for key, data in g.nodes(data=True):
        kind, group = data.get("kind", "other"), data.get("group", "Other")
        shape = look(kind, group)
        x, y = positions[key]
        net.add_node(
            key,
            label=_short(data.get("label", key)),
            shape=shape.vis_shape,
            color=shape.colour,
            size=round(node_size(g.degree(key), data.get("aggregate", 0)), 1),
            x=round(x, 1),
            y=round(y, 1),
            fullLabel=data.get("label", key),
            kind=kind,
            category=group,  # not "group": pyvis drops the colour of a node that has a group
            plans=sorted(data.get("plans", ())),
            outcomes=sorted(data.get("outcomes", ())),
            partnerTypes=sorted(data.get("partner_types", ())),
            details=_details(g, key, data),
        )
    edges = []
    for u, v, data in g.edges(data=True):
        weight = data.get("weight", 1)
        edges.append(
            {
                "from": u,
                "to": v,
                "label": data.get("role") or data.get("relation") or "",
                "width": round(1 + min(weight, 25) ** 0.5, 1),
            }
        )
    kinds_by_group = {d.get("group", "Other"): d.get("kind", "other") for _, d in g.nodes(data=True)}
    partner_types = set().union(*(d.get("partner_types", set()) for _, d in g.nodes(data=True))) if len(g) else set()
    return {
        "title": g.graph.get("title", "Network"),
        "scope": g.graph.get("scope", ""),
        "aggregated": g.graph.get("aggregated", 0),
        "nodes": net.nodes,
        "edges": edges,
        "legend": [
            {
                "group": grp,
                "colour": GROUP_COLOURS.get(grp, GROUP_COLOURS["Other"]),
                "shape": look(kinds_by_group[grp], grp).vis_shape,
            }
            for grp in legend_order(set(kinds_by_group))
        ],
        "facets": {
            "plans": _facet_options(g, "plans"),
            "outcomes": _facet_options(g, "outcomes"),
            "partnerTypes": [[t, t] for t in legend_order(partner_types)],
        },
    }


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def render_html(g: nx.Graph, positions: dict[str, tuple[float, float]] | None = None) -> str:
    """The whole page for a graph, as one UTF-8 string with every script and style inlined."""
    data = view_data(g, positions)
    vis_js, view_js = vis_network_js(), _asset("static/view.js")
    title = f"{data['title']}: {data['scope']}" if data["scope"] else data["title"]
    csp = (
        "default-src 'none'; "
        f"script-src {_csp_hash(vis_js)} {_csp_hash(view_js)}; "
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    )
    return Template(_asset("templates/view.html")).substitute(
        title=html.escape(title),
        csp=html.escape(csp, quote=False),  # our own constant, in a double-quoted attribute
        style=_asset("static/view.css"),
        vis_network_js=vis_js,
        view_js=view_js,
        data=json_for_script(data),
    )
