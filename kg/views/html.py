"""The interactive page: one self-contained UTF-8 HTML file that works with no network at all.

The network is drawn by vis-network (vendored, inlined) from nodes and edges pyvis builds out of
the placed graph: positions, wrapped labels and looks computed here (`kg.views.layout`,
`kg.views.style`), the same ones the still picture uses, with physics off, so page, print and
picture show one layout and it is the same on every run. pyvis's own page template is not used
(it pulls Bootstrap and tom-select from CDNs); ours inlines vis-network, our script and our style.

Data from the graph never reaches HTML: it travels as JSON in a non-executed
`<script type="application/json">` block with `<`, `>` and `&` escaped; vis-network draws labels
on a canvas and sets hover titles as plain text (`innerText`), and our script builds the details
panel, legend and menus with `textContent`. A Content-Security-Policy allows only the page's own
inline scripts (by hash) and no connections.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from functools import cache
from importlib import resources

import networkx as nx
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup
from pyvis.network import Network

from kg.views import text
from kg.views.layout import BOX_PAD_X, BOX_PAD_Y, FONT_PX, Layout, compute_layout, gap_of
from kg.views.style import (
    GAP_NONE,
    GAP_ONE,
    INK,
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
"""Longest source-paragraph excerpt in the details panel."""

VIS_SHAPES = {"circle": "dot", "pentagon": "custom"}
"""Our symbol names where vis-network's differ; it has no pentagon, so view.js draws that one (`custom`)."""

FONT_FACE = "DejaVu Sans, Verdana, Arial, sans-serif"
"""The page's font, first the one `kg.views.layout` measures labels in."""

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_GAP_TEXT = {"none": "No owner named in the source reports", "one": "Only one owner named"}


@cache
def _asset(name: str) -> str:
    return (resources.files("kg.views") / name).read_text(encoding="utf-8")


@cache
def _templates() -> Environment:
    """The page templates: each extends `templates/base.html`; markup in values is escaped unless marked safe."""
    return Environment(
        loader=PackageLoader("kg.views", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def vis_network_js() -> str:
    """The vendored vis-network standalone build, without its source-map comment (no map is shipped)."""
    text = _asset("static/vis-network.min.js")
    return "\n".join(line for line in text.splitlines() if not line.startswith("//# sourceMappingURL="))


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
    for kind in ("plan", "strategy", "outcome", "priority", "action", "duty", "law", "theme"):
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
                "regions": sorted(data.get("regions", ())),
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
                "title": f"{g.nodes[u].get('label', u)} — {data.get('role') or data.get('relation') or 'linked'} — "
                f"{g.nodes[v].get('label', v)}",
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
        "summaryOther": g.graph.get("summary_other", "partners"),
        "facets": {
            "plans": _facet_options(g, "plans"),
            "outcomes": _facet_options(g, "outcomes"),
            "partnerTypes": [[t, t] for t in legend_order(partner_types)],
        },
    }


def hover_title(node: dict) -> str:
    """A node's hover title as plain text (vis-network sets a string title with `innerText`, never as markup):
    its name, kind, gap, and owners by role (or what it leads); the source paragraph is in the details panel."""
    details = node["details"]
    return "\n".join([node["fullLabel"], *details["lines"]])


def _box_options(node: dict) -> dict:
    """A plan or one of its parts: a vis-network box the layout's size, label inside, gap borders dashed."""
    width, height = node["w"], node["h"]
    return {
        "shape": "box",
        "label": "\n".join(node["lines"]),
        "color": {
            "background": node["fill"],
            "border": node["border"],
            # the border keeps its colour when chosen: it may be the mark of a gap
            "highlight": {"background": node["fill"], "border": node["border"]},
            "hover": {"background": node["fill"], "border": node["border"]},
        },
        "borderWidth": node["borderWidth"],
        "borderWidthSelected": node["borderWidth"] + 2,
        "shapeProperties": {
            "borderDashes": list(node["dash"]) if node["dash"] else False,
            "borderRadius": 8 if node["kind"] == "outcome" else 2,
        },
        # vis-network's constraints size the label; the margins come on top, giving the layout's box.
        "widthConstraint": {"minimum": round(width - 2 * BOX_PAD_X, 1)},
        "heightConstraint": {"minimum": round(height - 2 * BOX_PAD_Y, 1), "valign": "middle"},
    }


def _symbol_options(node: dict) -> dict:
    """An organisation or person: a vis-network symbol (colour and shape by type, size by leads).

    Its label is drawn beside it by view.js where the layout put it, as in the picture (vis-network
    would draw it underneath), so vis gets no label of its own.
    """
    return {
        "shape": VIS_SHAPES.get(node["shape"], node["shape"]),
        "symbol": node["shape"],
        "size": node["r"],
        "color": {
            "background": node["fill"],
            "border": "#333333",
            "highlight": {"background": node["fill"], "border": "#000000"},
            "hover": {"background": node["fill"], "border": "#000000"},
        },
        "borderWidth": 1,
        "borderWidthSelected": 3,
    }


def vis_network(data: dict) -> dict:
    """vis-network's nodes, edges and options for the placed graph in `data` (from `view_data`), built by pyvis.

    Every node is placed where the layered layout put it and physics is off, so the page draws the
    picture's layout, the same on every run.
    """
    # Directed, so pyvis does not scan every edge for a duplicate on each add (a networkx Graph has
    # none): quadratic at national scale. The arrows it would then draw are turned off per edge.
    net = Network(directed=True)
    net.toggle_physics(False)
    net.toggle_drag_nodes(False)
    net.toggle_stabilization(False)
    net.inherit_edge_colors(False)
    net.options.edges.smooth.enabled = False
    for node in data["nodes"]:
        looks = _box_options(node) if node["boxed"] else _symbol_options(node)
        label = looks.pop("label", "")
        net.add_node(node["id"], label=label or " ", x=node["x"], y=node["y"], title=hover_title(node), **looks)
        if not label:
            net.node_map[node["id"]]["label"] = ""
    for i, edge in enumerate(data["edges"]):
        net.add_edge(
            edge["from"],
            edge["to"],
            id=i,
            width=edge["width"],
            dashes=list(edge["dash"]) if edge["dash"] else False,
            color={"color": edge["colour"], "highlight": "#000000", "hover": "#000000"},
            arrows="",
            title=edge["title"],
        )
    options = json.loads(net.get_network_data()[5])
    options["layout"] = {"improvedLayout": False, "randomSeed": 0}
    options["interaction"].update(hover=True, tooltipDelay=120, keyboard=False, zoomSpeed=0.6)
    options["nodes"] = {
        "labelHighlightBold": False,
        "chosen": {"label": False},
        "margin": {"top": BOX_PAD_Y, "bottom": BOX_PAD_Y, "left": BOX_PAD_X, "right": BOX_PAD_X},
        # Plain text only (`multi` off): vis-network would read tags in a label as formatting. The plan's
        # label is not bold here as in the picture (vis-network bolds only tagged text); its border is.
        "font": {"face": FONT_FACE, "size": FONT_PX, "color": INK, "multi": False},
    }
    options["edges"]["selectionWidth"] = 1.5
    options["edges"]["hoverWidth"] = 1.0
    return {"nodes": net.nodes, "edges": net.edges, "options": options}


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def page(name: str, data: dict, *, styles: tuple[str, ...] = (), vendor: tuple[str, ...] = ()) -> str:
    """One offline page: `templates/NAME.html` (filling `base.html`) with its style, scripts and data inlined.

    The style is `static/page.css` then `styles` (default `static/NAME.css`); the scripts are the
    `vendor` ones (vis-network), then the shared `static/page.js`, then `static/NAME.js`, each in its
    own block. The CSP allows exactly those scripts, by hash, and no connections. The page's title
    and headings come from the data block, set by the scripts as text.
    """
    scripts = (*vendor, _asset("static/page.js"), _asset(f"static/{name}.js"))
    hashes = " ".join(_csp_hash(s) for s in scripts)
    csp = (
        "default-src 'none'; "
        f"script-src {hashes}; "
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    )
    style = "".join(_asset(f"static/{s}.css") for s in ("page", *(styles or (name,))))
    template = _templates().get_template(f"{name}.html")
    return template.render(
        # Our own constants and files, inlined as they are; the data is JSON that cannot close its block.
        csp=Markup(html.escape(csp, quote=False)),
        style=Markup(style),
        scripts=[Markup(s) for s in scripts],
        data=Markup(json_for_script(data)),
    )


def page_data(g: nx.Graph, layout: Layout | None = None) -> dict:
    """What the interactive page reads: `view_data` with the vis-network nodes, edges and options pyvis built."""
    data = view_data(g, layout)
    data["vis"] = vis_network(data)
    for node in data["nodes"]:
        for key in ("shape", "fill", "border", "borderWidth", "dash", "bold"):
            node.pop(key, None)
    for edge in data["edges"]:
        for key in ("dash", "width", "colour", "title"):
            edge.pop(key, None)
    return data


LEVEL_KEYS = ("title", "nodes", "edges", "vis", "legend", "facets", "bounds", "aggregated")
"""What the page swaps when it shows one region of a national view."""


def render_html(g: nx.Graph, layout: Layout | None = None, *, levels: dict[str, nx.Graph] | None = None) -> str:
    """The whole page for a graph, as one UTF-8 string with vis-network, our script and style inlined.

    `levels` are drawings the page can show instead of `g` (a national view's regions, by region
    IRI, from `kg.analysis.network.region_view`): clicking a region in the summary shows its own.
    """
    data = page_data(g, layout)
    if levels:
        data["levels"] = {}
        for key, h in levels.items():
            level = page_data(h)
            data["levels"][key] = {k: level[k] for k in LEVEL_KEYS}
    return page("view", data, vendor=(vis_network_js(),))
