"""Who owns what, as networkx graphs built from the views' named queries (kg/queries/views/network_*.rq).

A board workshop asks the same few questions of every plan: which partner owns which priority, who
carries too much, which priorities have one owner or none, which strategies feed the plan. The
graphs here answer them and feed `kg.analysis.metrics`, `kg.analysis.matrix`,
`kg.analysis.compare` and the views in `kg.views`.

Nodes are keyed by IRI and carry `label`, `kind` (plan, strategy, outcome, priority, action, duty,
law, authority, board, partner, person, other), `group` (the colour in a view: the partner type for
organisations, the kind otherwise), `paragraphs` (the source paragraphs, for tooltips) and three
facet sets a view filters on: `plans`, `outcomes`, `partner_types`.

Edges carry `role` (an ownership link: lead, contributing, champion, holder, owner), `relation`
(a link between plans, duties and laws, or `part of` from a plan to its outcomes and priorities)
or both ends' membership role in the boards view.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from rdflib import FOAF, URIRef
from rdflib.term import Node

from kg import queries as named_queries
from kg.errors import QueryError, UnknownIdError
from kg.namespaces import CYP, LEG, ORG, local_id
from kg.ontology import vocabulary
from kg.store.binding import bind_rows
from kg.store.protocol import Store

if TYPE_CHECKING:  # networkx is imported when a graph is built (kg.analysis.network), not by `cypkg extract`
    import networkx as nx

OWNED_KINDS = ("priority", "outcome")
"""The kinds of item whose owners the gap metrics count (the seeds name owners at outcome level)."""

ROLE_PRECEDENCE = ("lead", "champion", "holder", "contributing", "owner")
"""Most specific first: `cyp:leadPartner` also implies `cyp:ownedBy`; the edge keeps the specific one."""

RELATION_PRECEDENCE = ("supersedes", "replaces")
"""`cyp:supersedes` implies `dcterms:replaces`; an edge keeps the specific one."""

ITEM_KINDS: tuple[tuple[URIRef, str], ...] = (
    (CYP.ChildrenAndYoungPeoplesPlan, "plan"),
    (CYP.SubsidiaryStrategy, "strategy"),
    (CYP.Plan, "strategy"),
    (CYP.Outcome, "outcome"),
    (CYP.Priority, "priority"),
    (CYP.Action, "action"),
    (CYP.StatutoryDuty, "duty"),
    (CYP.LegislativeProvision, "law"),
    (CYP.StatutoryGuidance, "law"),
    (CYP.LocalAuthority, "authority"),
)
"""rdf:type to kind for what is not a partner or body, most specific first: the first type a node has decides.

Partner types and body types are not listed here: they are the concepts of the ontology's
`cyp:PartnerTypeScheme` and `cyp:BodyTypeScheme`, read through `kg.ontology.vocabulary`.
"""

OTHER_ORGANISATION = "Other organisation"
PERSON = "Person"

THEME_GROUP = "National theme"
REGION_GROUP = "English region"

ORGANISATION_KINDS = {"authority", "board", "partner"}

PART_OF = "part of"
"""The relation of an outcome to its plan, a priority to its outcome (or plan), an action to its priority."""


# --- building graphs ------------------------------------------------------------------------------


def _run(store: Store, name: str, params: dict[str, str | None]) -> list[dict[str, Node]]:
    return named_queries.run_query(store, named_queries.get_view(name), params)


def _run_plain(store: Store, name: str, params: dict[str, str | None]) -> list[dict[str, str]]:
    """A named query's rows as plain strings (IRIs and lexical forms), read from the store's own CSV.

    For the national network's tens of thousands of rows, skipping rdflib terms is most of the speed.
    """
    query = named_queries.get_view(name)
    return _select_plain(store, query.text, named_queries.bind_scoped(store, query, params))


def _select_plain(store: Store, text: str, bindings: dict[str, Node] | None = None) -> list[dict[str, str]]:
    _form, body = store.query_serialized(text, "csv", bindings=bindings)
    return [{k: v for k, v in row.items() if v != ""} for row in csv.DictReader(io.StringIO(body.decode("utf-8")))]


def _graph(**attrs: object) -> nx.Graph:
    """A new networkx graph (networkx imported here, on first use)."""
    import networkx as nx

    return nx.Graph(**attrs)


def _add_edge(g: nx.Graph, u: str, v: str, attr: str, value: str, precedence: tuple[str, ...]) -> None:
    """Add an edge, or keep the more specific label when the pair is already linked."""
    if g.has_edge(u, v):
        old = g.edges[u, v][attr]
        rank = {name: i for i, name in enumerate(precedence)}
        if rank.get(value, len(rank)) >= rank.get(old, len(rank)):
            return
    g.add_edge(u, v, **{attr: value})


def _node(g: nx.Graph, iri: Node | str) -> str:
    key = str(iri)
    if key not in g:
        g.add_node(key, plans=set(), outcomes=set(), partner_types=set())
    return key


def check_plan(store: Store, plan: str) -> None:
    """Raise UnknownIdError when the plan is not in the graph (so a view is never silently empty)."""
    if not _run(store, "network_plans", {"plan": plan}):
        raise UnknownIdError("plan", plan, hint="`cypkg query plans_by_authority` lists the plans the graph holds")


def partner_priority(
    store: Store, *, plan: str | None = None, authority: str | None = None, include_examples: bool = False
) -> nx.Graph:
    """Plans, their outcomes, priorities, actions and duties, and the partners and boards that own them.

    Ownership links carry `role`; the plan → outcome → priority → action structure is linked too
    (`relation` "part of"), so a picture reads from the plan to who delivers it. Priorities and
    outcomes nobody owns stay as nodes with no ownership link: that gap is what a workshop looks for.
    """
    rows = _run(
        store,
        "network_items",
        {
            "plan": plan,
            "authority": authority,
            **named_queries.asked_for_examples(include_examples),
        },
    )
    g = _graph(view="partner-priority")
    for row in rows:
        kind = str(row["kind"])
        item = _node(g, row["item"])
        plan_key = _node(g, row["plan"])
        g.nodes[plan_key].update(side="item")
        g.nodes[plan_key]["plans"].add(plan_key)
        g.nodes[item]["side"] = "item"
        g.nodes[item]["plans"].add(plan_key)
        if "outcome" in row:
            g.nodes[item]["outcomes"].add(str(row["outcome"]))
        if kind in ("priority", "action") and "outcome" in row:
            parent = _node(g, row["outcome"])
            g.nodes[parent].update(side="item")
            g.nodes[parent]["plans"].add(plan_key)
            g.nodes[parent]["outcomes"].add(parent)
            if kind == "priority" and not g.has_edge(parent, item):
                g.add_edge(parent, item, relation=PART_OF)
        elif kind in ("outcome", "priority", "duty") and item != plan_key and not g.has_edge(plan_key, item):
            g.add_edge(plan_key, item, relation=PART_OF)
        if kind == "action" and "priority" in row:
            priority = _node(g, row["priority"])
            if not g.has_edge(priority, item):
                g.add_edge(priority, item, relation=PART_OF)
    for owned in item_owners(store, sorted({str(row["item"]) for row in rows})):
        owner = _node(g, owned["owner"])
        g.nodes[owner]["side"] = "owner"
        _add_edge(g, owner, owned["node"], "role", owned["role"], ROLE_PRECEDENCE)
    describe_nodes(store, g)
    _spread_facets(g)
    return g


def item_owners(store: Store, items: list[str]) -> list[dict[str, str]]:
    """Each item's owners and their roles (`network_owners`), looked up for these items only."""
    query = named_queries.get_view("network_owners")
    rows: list[dict[str, str]] = []
    for start in range(0, len(items), _CHUNK):
        rows += _select_plain(store, values_query(query.text, [URIRef(i) for i in items[start : start + _CHUNK]]))
    return rows


def ownership(g: nx.Graph) -> nx.Graph:
    """The ownership links of a partner–priority graph alone (every node kept): what metrics count."""
    h = _graph(**g.graph)
    h.add_nodes_from(g.nodes(data=True))
    h.add_edges_from((u, v, d) for u, v, d in g.edges(data=True) if "role" in d)
    return h


def plan_strategy(
    store: Store, *, plan: str | None = None, authority: str | None = None, include_examples: bool = False
) -> nx.Graph:
    """Plans, the strategies that feed them, the plans they replace, and the duties and laws they answer."""
    rows = _run(
        store,
        "network_links",
        {
            "plan": plan,
            "authority": authority,
            **named_queries.asked_for_examples(include_examples),
        },
    )
    g = _graph(view="plan-strategy")
    for row in rows:
        source, target = _node(g, row["source"]), _node(g, row["target"])
        relation = local_id(str(row["relation"]))
        _add_edge(g, source, target, "relation", relation, RELATION_PRECEDENCE)
        for key in (source, target):
            g.nodes[key]["plans"].add(str(row["plan"]))
    describe_nodes(store, g)
    return g


def boards(
    store: Store, *, plan: str | None = None, authority: str | None = None, include_examples: bool = False
) -> nx.Graph:
    """Boards and partnerships and who sits on them (memberships, named members and posts held)."""
    if plan and not authority:
        authority = _authority_of(store, plan)
    rows = _run(
        store,
        "network_memberships",
        {"authority": authority, **named_queries.asked_for_examples(include_examples)},
    )
    g = _graph(view="boards")
    for row in rows:
        body, member = _node(g, row["body"]), _node(g, row["member"])
        g.nodes[body]["side"] = "body"
        g.nodes[member].setdefault("side", "member")
        role = vocabulary.label(str(row["role"])).lower() if "role" in row else ""
        _add_edge(g, member, body, "relation", role or "member", ())
    describe_nodes(store, g)
    _spread_facets(g)
    return g


def partner_network(
    store: Store, *, plan: str | None = None, authority: str | None = None, include_examples: bool = False
) -> nx.Graph:
    """Councils and the partners that own their plans, sit on their bodies or hold their duties.

    A partner linked to two councils joins their neighbourhoods: the cross-authority network.
    """
    if plan and not authority:
        authority = _authority_of(store, plan)
    # every council at once has its own query, shaped for the national join (see its `why`)
    rows = (
        _run_plain(
            store,
            "network_partners",
            {"authority": authority, **named_queries.asked_for_examples(include_examples)},
        )
        if authority
        else _run_plain(store, "network_partners_national", named_queries.asked_for_examples(include_examples))
    )
    g = _graph(view="partners-national")
    for row in rows:
        council, partner = _node(g, row["authority"]), _node(g, row["partner"])
        link = row["link"]
        if g.has_edge(council, partner):
            links = set(g.edges[council, partner]["relation"].split(", ")) | {link}
            g.edges[council, partner]["relation"] = ", ".join(sorted(links))
        else:
            g.add_edge(council, partner, relation=link)
    describe_nodes(store, g)
    _spread_facets(g)
    if not authority:
        add_regions(store, g, include_examples=include_examples)
    return g


def theme_network(
    store: Store, *, plan: str | None = None, authority: str | None = None, include_examples: bool = False
) -> nx.Graph:
    """Councils and the national themes their plans' priorities were mapped to (the plans register's
    themes); nationally, folded region by region.

    A link says how many priorities and plans of the council map to the theme. Fictional example
    councils are left out, as in the register's named queries.
    """
    if plan and not authority:
        authority = _authority_of(store, plan)
    g = _graph(view="themes-national")
    themes: set[str] = set()
    for row in _run_plain(
        store,
        "network_themes_national",
        {"authority": authority, **named_queries.asked_for_examples(include_examples)},
    ):
        council, theme = _node(g, row["authority"]), _node(g, row["theme"])
        priorities, plans = int(row["priorities"]), int(row["plans"])
        relation = f"{priorities} priorit{'y' if priorities == 1 else 'ies'} in {plans} plan{'s' if plans != 1 else ''}"
        g.add_edge(council, theme, relation=relation, weight=priorities)
        themes.add(theme)
    describe_nodes(store, g)
    for theme in themes:
        g.nodes[theme].update(kind="theme", group=THEME_GROUP)
    _spread_facets(g)
    if not authority:
        add_regions(store, g, include_examples=include_examples)
        g.graph.update(summary_other="themes", fold_regions=True)
    g.graph["banded"] = False  # a theme is drawn level with its councils, never cut into another band
    return g


def add_regions(store: Store, g: nx.Graph, *, include_examples: bool = False) -> None:
    """Put each council of a national network in its English region (reference data), and each partner in its councils'.

    `g.graph["summary"]` gets one row per region, largest first: its councils, the partners that
    work with them, and how many of those work with more than one council (`shared`).
    """
    regions: dict[str, str] = {}
    names: dict[str, str] = {}
    for row in _run_plain(store, "network_regions", named_queries.asked_for_examples(include_examples)):
        regions[row["authority"]] = row["region"]
        names[row["region"]] = row.get("regionLabel", local_id(row["region"]))
    councils: dict[str, set[str]] = defaultdict(set)
    partners: dict[str, set[str]] = defaultdict(set)
    for n, data in g.nodes(data=True):
        if data.get("kind") == "authority" and n in regions:
            data["regions"] = {regions[n]}
            councils[regions[n]].add(n)
    for n, data in g.nodes(data=True):
        if data.get("kind") != "authority":
            data["regions"] = {regions[nb] for nb in g.neighbors(n) if nb in regions}
            for region in data["regions"]:
                partners[region].add(n)
    g.graph["region_labels"] = names
    largest_first = sorted(councils, key=lambda r: (-len(councils[r]) - len(partners[r]), names[r]))
    g.graph["summary"] = [
        {
            "id": region,
            "label": names[region],
            "councils": len(councils[region]),
            "partners": len(partners[region]),
            "shared": sum(1 for n in partners[region] if g.degree(n) > 1),
        }
        for region in largest_first
    ]


def fold_regions(g: nx.Graph) -> nx.Graph:
    """A national network (from `add_regions`) with each region's councils folded into one region node.

    A region links to what its councils link to, the link saying how many of its councils do
    (`weight`); links between the other nodes stay. The page shows this first and each region's
    own councils on a click (`region_view`).
    """
    labels = g.graph.get("region_labels", {})
    h = _graph(**g.graph)
    councils: dict[tuple[str, str], int] = defaultdict(int)
    for n, data in g.nodes(data=True):
        if data.get("kind") != "authority":
            h.add_node(n, **data)
            continue
        for region in data.get("regions", ()):
            if region not in h:
                h.add_node(
                    region,
                    iri=region,
                    id=local_id(region),
                    label=labels.get(region, local_id(region)),
                    kind="region",
                    group=REGION_GROUP,
                    subtype="",
                    paragraphs=[],
                    plans=set(),
                    outcomes=set(),
                    partner_types=set(),
                    regions={region},
                )
            for other in g.neighbors(n):
                councils[region, other] += 1
    for u, v, data in g.edges(data=True):
        if u in h and v in h:
            h.add_edge(u, v, **data)
    for (region, other), count in councils.items():
        h.add_edge(region, other, relation=f"{count} council{'s' if count != 1 else ''}", weight=count)
    return h


def region_view(g: nx.Graph, region: str) -> nx.Graph:
    """One region of a national network (from `add_regions`): its councils and the partners that work with them."""
    keep = [n for n, d in g.nodes(data=True) if region in d.get("regions", ())]
    h = g.subgraph(keep).copy()
    h.graph = {k: v for k, v in g.graph.items() if k != "summary"}
    h.graph["scope"] = g.graph.get("region_labels", {}).get(region, region)
    h.graph["region"] = region
    return h


VIEWS: dict[str, Callable[..., nx.Graph]] = {
    "partner-priority": partner_priority,
    "plan-strategy": plan_strategy,
    "boards": boards,
    "partners-national": partner_network,
    "themes-national": theme_network,
}
"""The views by name, as `cypkg view NAME` and `/views/{name}` take them."""

VIEW_TITLES = {
    "partner-priority": "Who owns which priority",
    "plan-strategy": "Plans, strategies and duties",
    "boards": "Boards and their members",
    "partners-national": "Partners across councils",
    "themes-national": "National themes across councils",
}


def build_view(
    store: Store, name: str, *, plan: str | None = None, authority: str | None = None, include_examples: bool = False
) -> nx.Graph:
    """The named view's graph for one plan, one authority, or everything (national).

    Fictional example data is left out unless `include_examples`, or `plan` or `authority` names it
    (`kg.queries.scope_examples` decides).

    The graph says what it shows: `title` (the view), `scope` (the plan's name, the council's
    name, or "all councils"), `as_at` (the latest date of the sources behind it, ISO at the
    precision known, or "") and `sources` (their titles and dates, latest first).
    """
    if name not in VIEWS:
        raise UnknownIdError("view", name, hint=f"the views are: {', '.join(VIEWS)}")
    if plan and authority:
        raise QueryError("give --plan or --authority, not both", hint="a plan already belongs to one authority")
    plans = _run(store, "network_plans", {"plan": plan, "authority": authority}) if plan or authority else []
    if plan and not plans:
        raise UnknownIdError("plan", plan, hint="`cypkg query plans_by_authority` lists the plans the graph holds")
    if authority and not plans:
        raise UnknownIdError(
            "authority",
            authority,
            hint="give a council with plans in the graph; `cypkg query plans_by_authority` lists them",
        )
    g = VIEWS[name](store, plan=plan, authority=authority, include_examples=include_examples)
    g.graph["title"] = VIEW_TITLES[name]
    g.graph["scope"] = _scope_label(plans, plan, authority)
    g.graph["scope_id"] = plan or authority or ""
    g.graph["scope_kind"] = "plan" if plan else "authority" if authority else "all"
    g.graph.update(source_summary(store, plan=plan, authority=authority) if plan or authority else {})
    g.graph.setdefault("as_at", "")
    g.graph.setdefault("sources", [])
    return g


def _scope_label(plans: list[dict[str, Node]], plan: str | None, authority: str | None) -> str:
    if plan:
        return str(plans[0].get("title", plan))
    if authority:
        return str(plans[0].get("authorityLabel", authority))
    return "all councils"


def source_summary(store: Store, *, plan: str | None = None, authority: str | None = None) -> dict[str, object]:
    """The dated sources behind a plan's (or a council's plans') view: `as_at` (the latest date) and `sources`.

    Dates stay at the precision the source gives ("2009" stays a year); nothing is filled in.
    """
    seen: dict[str, tuple[str, str]] = {}
    for row in _run(store, "network_sources", {"plan": plan, "authority": authority}):
        key = str(row["source"])
        date = str(row["date"])
        if key not in seen or date > seen[key][1]:
            seen[key] = (str(row.get("title", local_id(key))), date)
    ranked = sorted(seen.values(), key=lambda pair: (pair[1], pair[0]), reverse=True)
    return {
        "as_at": ranked[0][1] if ranked else "",
        "sources": [{"title": title, "date": date} for title, date in ranked],
    }


def _plan_iri(plan: str | None) -> str | None:
    return str(named_queries.to_iri(plan, "plan", name="plan")) if plan else None


def _authority_of(store: Store, plan: str) -> str:
    rows = _run(store, "network_plans", {"plan": plan})
    if not rows:
        raise UnknownIdError("plan", plan, hint="`cypkg query plans_by_authority` lists the plans the graph holds")
    return str(rows[0]["authority"])


# --- describing nodes -----------------------------------------------------------------------------

_CHUNK = 400


def values_query(text: str, terms: Iterable[str | URIRef]) -> str:
    """The query asked for each of these IRIs as `?node` at once (bound by kg.store.binding, never as raw text)."""
    return bind_rows(text, "node", (URIRef(t) for t in terms))


DETAIL_LIMIT = 600
"""Source paragraphs are fetched for at most this many nodes (the best-connected): a national network
has thousands, and a view draws a few hundred."""

LABEL_LIMIT = 3000
"""Labels are fetched for at most this many nodes of a large network (the best-connected; enough for
every region of the country); the rest keep their id as label."""


def describe_nodes(store: Store, g: nx.Graph) -> None:
    """Give every node its label, kind and group, and the best-connected ones (and facet values) their paragraphs.

    A large (national) network is typed in one pass over the store (`network_types`), its
    `LABEL_LIMIT` best-connected nodes are named, and its `DETAIL_LIMIT` best-connected get paragraphs.
    """
    facet_iris = {v for _, d in g.nodes(data=True) for v in d["plans"] | d["outcomes"]}
    ranked = sorted(g.nodes, key=lambda n: (-g.degree(n), n))
    large = len(g) > DETAIL_LIMIT
    detailed = set(ranked[:DETAIL_LIMIT]) | facet_iris
    details = node_details(store, sorted(detailed), labels=not large)
    types = node_types(store) if large else {}
    names = node_labels(store, ranked[:LABEL_LIMIT]) if large else {}
    labels: dict[str, str] = {}
    for key in sorted(set(g.nodes) | facet_iris):
        info = details.get(key, {})
        labels[key] = info.get("label") or names.get(key) or _fallback_label(key)
        if key in g:
            kind, group, subtype = _classify(key, info.get("types", set()) | types.get(key, set()))
            g.nodes[key].update(
                iri=key,
                id=local_id(key),
                label=labels[key],
                kind=kind,
                group=group,
                subtype=subtype,
                paragraphs=info.get("paragraphs", []),
            )
    g.graph["labels"] = labels


def node_labels(store: Store, iris: list[str]) -> dict[str, str]:
    """Each IRI's label (skos:prefLabel, dcterms:title, rdfs:label or foaf:name, in that order), by IRI."""
    query = named_queries.get_view("network_labels")
    out: dict[str, str] = {}
    for start in range(0, len(iris), _CHUNK):
        chunk = [URIRef(i) for i in iris[start : start + _CHUNK] if not _is_aggregate(i)]
        for row in _select_plain(store, values_query(query.text, chunk)) if chunk else ():
            if "label" in row:
                out.setdefault(row["node"], row["label"])
    return out


def node_types(store: Store) -> dict[str, set[str]]:
    """The rdf:types `network_types` lists, of everything in the graph, by IRI (one query, no VALUES row)."""
    types: dict[str, set[str]] = defaultdict(set)
    for row in _run_plain(store, "network_types", {}):
        types[row["node"]].add(row["type"])
    return types


def node_details(store: Store, iris: list[str], *, labels: bool = True) -> dict[str, dict]:
    """Label, rdf:types and source paragraphs (report, number, text) of each IRI, by IRI.

    Without `labels`, only the paragraphs (a large network is named and typed in one pass instead).
    """
    names = named_queries.get_view("network_nodes")
    sources = named_queries.get_view("network_paragraphs")
    out: dict[str, dict] = {}
    for start in range(0, len(iris), _CHUNK):
        chunk = [URIRef(i) for i in iris[start : start + _CHUNK] if not _is_aggregate(i)]
        if not chunk:
            continue
        for row in _select_plain(store, values_query(names.text, chunk)) if labels else ():
            info = out.setdefault(row["node"], {"types": set(), "paragraphs": []})
            if "label" in row and "label" not in info:
                info["label"] = row["label"]
            if "type" in row:
                info["types"].add(row["type"])
        for row in _select_plain(store, values_query(sources.text, chunk)):
            info = out.setdefault(row["node"], {"types": set(), "paragraphs": []})
            para = {"report": row.get("report", ""), "number": row["number"], "text": row["text"]}
            if para not in info["paragraphs"]:
                info["paragraphs"].append(para)
    for info in out.values():
        info["paragraphs"].sort(key=lambda p: (p["report"], _paragraph_order(p["number"])))
    return out


def _paragraph_order(number: str) -> tuple:
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"[.\-]", number))


def _classify(iri: str, types: set[str]) -> tuple[str, str, str]:
    """(kind, group, subtype): group is the colour in a view, subtype the body type a tooltip names."""
    for type_iri, kind in ITEM_KINDS:
        if str(type_iri) in types:
            return kind, vocabulary.label(str(type_iri)) or kind.capitalize(), ""
    for concept in vocabulary.concepts("PartnerTypeScheme"):
        if str(concept.iri) in types:
            return "partner", concept.pref_label, ""
    body_types = [c for c in vocabulary.concepts("BodyTypeScheme") if str(c.iri) in types]
    if body_types or str(CYP.Body) in types:
        return "board", vocabulary.label(str(CYP.Body)), body_types[0].pref_label if body_types else ""
    if str(ORG.Organization) in types or str(ORG.FormalOrganization) in types:
        return "partner", OTHER_ORGANISATION, ""
    if str(FOAF.Person) in types:
        return "person", PERSON, ""
    if iri.startswith(str(LEG)):
        return "law", vocabulary.label(str(CYP.LegislativeProvision)), ""
    return "other", "Other", ""


def _fallback_label(iri: str) -> str:
    if iri.startswith(str(LEG)):
        return iri.removeprefix(str(LEG))
    return local_id(iri)


def _is_aggregate(iri: str) -> bool:
    return iri.startswith("aggregate:")


def _spread_facets(g: nx.Graph) -> None:
    """Let filters find both ends of a link: owners get their items' plans and outcomes, items their owners' types."""
    for _key, data in g.nodes(data=True):
        if data.get("kind") in ORGANISATION_KINDS or data.get("kind") == "person":
            data["partner_types"].add(data["group"])
    for key, data in g.nodes(data=True):
        for nb in g.neighbors(key):
            other = g.nodes[nb]
            if data.get("kind") in ORGANISATION_KINDS | {"person"}:
                data["plans"] |= other["plans"]
                data["outcomes"] |= other["outcomes"]
            else:
                data["partner_types"] |= other["partner_types"] if other.get("kind") in ORGANISATION_KINDS else set()


# --- node cap with aggregation --------------------------------------------------------------------


ANCHOR_KINDS = ("authority", "plan", "outcome", "priority")
"""Kept first when a view is folded: the councils and the plans and their parts the others are drawn around."""

LINK_STRENGTH = {"lead": 5, "owner": 4, "owns": 4, "champion": 3, "holder": 3, "holds duty": 3, "contributing": 2}
"""How much a link says about a partner's part, for choosing whom to keep: leading or owning most, membership least."""


def _strength(g: nx.Graph, n: str) -> int:
    total = 0
    for nb in g.neighbors(n):
        data = g.edges[n, nb]
        kinds = [data["role"]] if "role" in data else str(data.get("relation", "")).split(", ")
        total += max((LINK_STRENGTH.get(k, 1) for k in kinds), default=1)
    return total


def meaningful_order(g: nx.Graph) -> list[str]:
    """Nodes most worth keeping first, when a view has more than it can draw.

    Councils, plans and their parts first (the best-connected of them first). Then the others:
    those linked to more of them (a partner working with several councils), then turn about, so
    every council or plan keeps its own strongest partner before any keeps a second (strength:
    leads and owns before contributes, before sits on a board), then the label, so ties are
    settled by what the links say and only last by the alphabet.
    """
    anchors = [n for n, d in g.nodes(data=True) if d.get("kind") in ANCHOR_KINDS]
    anchor_set = set(anchors)
    strength = {n: _strength(g, n) for n in g if n not in anchor_set}

    def label(n: str) -> str:
        return str(g.nodes[n].get("label", n)).casefold()

    turn: dict[str, int] = {}
    for a in anchors:
        others = sorted((nb for nb in g.neighbors(a) if nb not in anchor_set),
                        key=lambda nb: (-g.degree(nb), -strength[nb], label(nb), nb))  # fmt: skip
        for i, nb in enumerate(others):
            turn[nb] = min(turn.get(nb, i), i)
    first = sorted(anchors, key=lambda n: (-g.degree(n), label(n), n))
    rest = sorted(
        (n for n in g if n not in anchor_set),
        key=lambda n: (-g.degree(n), turn.get(n, len(g)), -strength[n], label(n), n),
    )
    return first + rest


def cap_nodes(g: nx.Graph, limit: int) -> nx.Graph:
    """At most `limit` nodes, the most meaningful kept (`meaningful_order`); the rest folded, one node per group.

    An aggregate node says how many it stands for ("128 more Police") and its edges carry how many
    links they merge (`weight`), so a national view stays readable and small.
    """
    if len(g) <= limit:
        return g
    groups = sorted({d.get("group", "Other") for _, d in g.nodes(data=True)})
    keep_count = max(limit - len(groups), 0)
    ranked = meaningful_order(g)
    kept = set(ranked[:keep_count])
    folded: dict[str, list[str]] = defaultdict(list)
    for n in ranked[keep_count:]:
        folded[g.nodes[n].get("group", "Other")].append(n)
    h = _graph(**g.graph)
    h.graph["aggregated"] = len(g) - len(kept)
    for n in kept:
        h.add_node(n, **g.nodes[n])
    where: dict[str, str] = {n: n for n in kept}
    for group, members in folded.items():
        key = f"aggregate:{group}"
        sample = [g.nodes[m].get("label", m) for m in members[:20]]
        first = g.nodes[members[0]]
        h.add_node(
            key,
            iri=key,
            id=key,
            label=f"{len(members)} more: {group}",
            kind=first.get("kind", "other"),
            group=group,
            aggregate=len(members),
            members=sample,
            paragraphs=[],
            plans=set().union(*(g.nodes[m]["plans"] for m in members)),
            outcomes=set().union(*(g.nodes[m]["outcomes"] for m in members)),
            partner_types=set().union(*(g.nodes[m]["partner_types"] for m in members)),
            regions=set().union(*(g.nodes[m].get("regions", set()) for m in members)),
        )
        for m in members:
            where[m] = key
    for u, v, data in g.edges(data=True):
        a, b = where[u], where[v]
        if a == b:
            continue
        if h.has_edge(a, b):
            h.edges[a, b]["weight"] = h.edges[a, b].get("weight", 1) + 1
        else:
            h.add_edge(a, b, **data, weight=1)
    return h
