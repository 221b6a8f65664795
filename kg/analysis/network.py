"""Who owns what, as networkx graphs built from the named `network_*` queries, and the analysis on them.

A board workshop asks the same few questions of every plan: which partner owns which priority, who
carries too much, which priorities have one owner or none, which strategies feed the plan, and what
changed from one plan to the next. The graphs here answer them and feed the views in `kg.views`.

Nodes are keyed by IRI and carry `label`, `kind` (plan, strategy, outcome, priority, action, duty,
law, authority, board, partner, person, other), `group` (the colour in a view: the partner type for
organisations, the kind otherwise), `paragraphs` (the source paragraphs, for tooltips) and three
facet sets a view filters on: `plans`, `outcomes`, `partner_types`.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import networkx as nx
from rdflib import FOAF, URIRef
from rdflib.term import Node

from kg import queries as named_queries
from kg.errors import QueryError, UnknownIdError
from kg.namespaces import CYP, LEG, ORG, local_id
from kg.store.binding import bind_rows
from kg.store.protocol import Store

OWNED_KINDS = ("priority", "outcome")
"""The kinds of item whose owners the gap metrics count (the seeds name owners at outcome level)."""

ROLE_PRECEDENCE = ("lead", "champion", "holder", "contributing", "owner")
"""Most specific first: `cyp:leadPartner` also implies `cyp:ownedBy`; the edge keeps the specific one."""

RELATION_PRECEDENCE = ("supersedes", "replaces")
"""`cyp:supersedes` implies `dcterms:replaces`; an edge keeps the specific one."""

TYPE_KINDS: tuple[tuple[URIRef, str, str], ...] = (
    (CYP.ChildrenAndYoungPeoplesPlan, "plan", "Children and Young People's Plan"),
    (CYP.SubsidiaryStrategy, "strategy", "Strategy"),
    (CYP.Plan, "strategy", "Other plan"),
    (CYP.Outcome, "outcome", "Outcome"),
    (CYP.Priority, "priority", "Priority"),
    (CYP.Action, "action", "Action"),
    (CYP.StatutoryDuty, "duty", "Statutory duty"),
    (CYP.LegislativeProvision, "law", "Legislation"),
    (CYP.StatutoryGuidance, "law", "Legislation"),
    (CYP.LocalAuthority, "authority", "Council"),
    (CYP.NHSBody, "partner", "NHS"),
    (CYP.PoliceForce, "partner", "Police"),
    (CYP.SchoolsPartner, "partner", "Schools"),
    (CYP.VoluntarySectorOrganisation, "partner", "Voluntary sector"),
    (CYP.YouthOffendingService, "partner", "Youth offending"),
    (CYP.PartnerGroup, "partner", "Partner group"),
    (CYP.SafeguardingPartnership, "board", "Safeguarding partnership"),
    (CYP.OfficerGroup, "board", "Officer group"),
    (CYP.Body, "board", "Board or partnership"),
    (ORG.Organization, "partner", "Other organisation"),
    (FOAF.Person, "person", "Person"),
)
"""rdf:type to (kind, group), most specific first: the first type a node has decides."""

ORGANISATION_KINDS = {"authority", "board", "partner"}


# --- building graphs ------------------------------------------------------------------------------


def _run(store: Store, name: str, params: dict[str, str | None]) -> list[dict[str, Node]]:
    return named_queries.run(store, name, {k: v for k, v in params.items() if v})


def _run_plain(store: Store, name: str, params: dict[str, str | None]) -> list[dict[str, str]]:
    """A named query's rows as plain strings (IRIs and lexical forms), read from the store's own CSV.

    For the national network's tens of thousands of rows, skipping rdflib terms is most of the speed.
    """
    query = named_queries.get(name)
    bindings = query.bind({k: v for k, v in params.items() if v})
    _form, body = store.query_serialized(query.text, "csv", bindings=bindings)
    return [{k: v for k, v in row.items() if v != ""} for row in csv.DictReader(io.StringIO(body.decode("utf-8")))]


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
        raise UnknownIdError("plan", plan, hint="`cypkg query network_plans` lists the plans the graph holds")


def check_authority(store: Store, authority: str) -> None:
    """Raise UnknownIdError when no plan of this authority is in the graph."""
    if not _run(store, "network_plans", {"authority": authority}):
        raise UnknownIdError(
            "authority",
            authority,
            hint="give a council with plans in the graph; `cypkg query network_plans` lists them",
        )


def partner_priority(store: Store, *, plan: str | None = None, authority: str | None = None) -> nx.Graph:
    """Partners and boards linked to the plans, outcomes, priorities, actions and duties they own (bipartite).

    Priorities and outcomes nobody owns are kept as lone nodes: that gap is what a workshop looks for.
    A plan or strategy appears only when someone owns it or it is the plan asked for.
    """
    rows = _run(store, "network_ownership", {"plan": plan, "authority": authority})
    g = nx.Graph(view="partner-priority")
    for row in rows:
        kind = str(row["kind"])
        item_iri = str(row["item"])
        if kind == "plan" and "owner" not in row and item_iri != _plan_iri(plan):
            continue
        item = _node(g, row["item"])
        g.nodes[item]["side"] = "item"
        g.nodes[item]["plans"].add(str(row["plan"]))
        if "outcome" in row:
            g.nodes[item]["outcomes"].add(str(row["outcome"]))
        if "owner" in row:
            owner = _node(g, row["owner"])
            g.nodes[owner]["side"] = "owner"
            _add_edge(g, owner, item, "role", str(row["role"]), ROLE_PRECEDENCE)
    describe_nodes(store, g)
    _spread_facets(g)
    return g


def plan_strategy(store: Store, *, plan: str | None = None, authority: str | None = None) -> nx.Graph:
    """Plans, the strategies that feed them, the plans they replace, and the duties and laws they answer."""
    rows = _run(store, "network_links", {"plan": plan, "authority": authority})
    g = nx.Graph(view="plan-strategy")
    for row in rows:
        source, target = _node(g, row["source"]), _node(g, row["target"])
        relation = local_id(str(row["relation"]))
        _add_edge(g, source, target, "relation", relation, RELATION_PRECEDENCE)
        for key in (source, target):
            g.nodes[key]["plans"].add(str(row["plan"]))
    describe_nodes(store, g)
    return g


def boards(store: Store, *, plan: str | None = None, authority: str | None = None) -> nx.Graph:
    """Boards and partnerships and who sits on them (memberships, named members and posts held)."""
    if plan and not authority:
        authority = _authority_of(store, plan)
    rows = _run(store, "network_memberships", {"authority": authority})
    g = nx.Graph(view="boards")
    for row in rows:
        body, member = _node(g, row["body"]), _node(g, row["member"])
        role = local_id(str(row["role"])) if "role" in row else "member"
        _add_edge(g, member, body, "role", _readable_role(role), ())
    describe_nodes(store, g)
    _spread_facets(g)
    return g


def partner_network(store: Store, *, plan: str | None = None, authority: str | None = None) -> nx.Graph:
    """Councils and the partners that own their plans, sit on their bodies or hold their duties.

    A partner linked to two councils joins their neighbourhoods: the cross-authority network.
    """
    if plan and not authority:
        authority = _authority_of(store, plan)
    rows = _run_plain(store, "network_partners", {"authority": authority})
    g = nx.Graph(view="partners-national")
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
    return g


VIEWS: dict[str, Callable[..., nx.Graph]] = {
    "partner-priority": partner_priority,
    "plan-strategy": plan_strategy,
    "boards": boards,
    "partners-national": partner_network,
}
"""The views by name, as `cypkg view NAME` and `/views/{name}` take them."""

VIEW_TITLES = {
    "partner-priority": "Who owns which priority",
    "plan-strategy": "Plans, strategies and duties",
    "boards": "Boards and their members",
    "partners-national": "Partners across councils",
}


def build_view(store: Store, name: str, *, plan: str | None = None, authority: str | None = None) -> nx.Graph:
    """The named view's graph for one plan, one authority, or everything (national)."""
    if name not in VIEWS:
        raise UnknownIdError("view", name, hint=f"the views are: {', '.join(VIEWS)}")
    if plan and authority:
        raise QueryError("give --plan or --authority, not both", hint="a plan already belongs to one authority")
    if plan:
        check_plan(store, plan)
    if authority:
        check_authority(store, authority)
    g = VIEWS[name](store, plan=plan, authority=authority)
    g.graph["title"] = VIEW_TITLES[name]
    g.graph["scope"] = plan or authority or "all councils"
    return g


def _plan_iri(plan: str | None) -> str | None:
    return str(named_queries.to_iri(plan, "plan", name="plan")) if plan else None


def _authority_of(store: Store, plan: str) -> str:
    rows = _run(store, "network_plans", {"plan": plan})
    if not rows:
        raise UnknownIdError("plan", plan, hint="`cypkg query network_plans` lists the plans the graph holds")
    return str(rows[0]["authority"])


def _readable_role(role: str) -> str:
    """`CabinetMemberRole` → `cabinet member`."""
    role = role.removesuffix("Role")
    return re.sub(r"(?<!^)(?=[A-Z])", " ", role).lower() if role[:1].isupper() else role


# --- describing nodes -----------------------------------------------------------------------------

_CHUNK = 400


def values_query(text: str, terms: Iterable[str | URIRef]) -> str:
    """The query asked for each of these IRIs as `?node` at once (bound by kg.store.binding, never as raw text)."""
    return bind_rows(text, "node", (URIRef(t) for t in terms))


DETAIL_LIMIT = 600
"""Labels and paragraphs are fetched for at most this many nodes (the best-connected); a national
network has tens of thousands, and a view draws a few hundred, so the rest keep their id as label."""


def describe_nodes(store: Store, g: nx.Graph) -> None:
    """Give every node its kind and group, and the best-connected ones (and facet values) labels and paragraphs."""
    facet_iris = {v for _, d in g.nodes(data=True) for v in d["plans"] | d["outcomes"]}
    ranked = sorted(g.nodes, key=lambda n: (-g.degree(n), n))
    detailed = set(ranked[:DETAIL_LIMIT]) | facet_iris
    details = node_details(store, sorted(detailed))
    types = node_types(store) if len(g) > DETAIL_LIMIT else {}
    labels: dict[str, str] = {}
    for key in sorted(set(g.nodes) | facet_iris):
        info = details.get(key, {})
        labels[key] = info.get("label") or _fallback_label(key)
        if key in g:
            kind, group = _classify(key, info.get("types", set()) | types.get(key, set()))
            g.nodes[key].update(
                iri=key,
                id=local_id(key),
                label=labels[key],
                kind=kind,
                group=group,
                paragraphs=info.get("paragraphs", []),
            )
    g.graph["labels"] = labels


def node_types(store: Store) -> dict[str, set[str]]:
    """The rdf:types `TYPE_KINDS` knows, of everything in the graph, by IRI (one query, no VALUES row)."""
    types: dict[str, set[str]] = defaultdict(set)
    for row in _run_plain(store, "network_types", {}):
        types[row["node"]].add(row["type"])
    return types


def node_details(store: Store, iris: list[str]) -> dict[str, dict]:
    """Label, rdf:types and source paragraphs (report, number, text) of each IRI, by IRI."""
    query = named_queries.get("network_nodes")
    out: dict[str, dict] = {}
    for start in range(0, len(iris), _CHUNK):
        chunk = [URIRef(i) for i in iris[start : start + _CHUNK] if not _is_aggregate(i)]
        if not chunk:
            continue
        for row in store.select(values_query(query.text, chunk)):
            info = out.setdefault(str(row["node"]), {"types": set(), "paragraphs": []})
            if "label" in row and "label" not in info:
                info["label"] = str(row["label"])
            if "type" in row:
                info["types"].add(str(row["type"]))
            if "number" in row:
                para = {
                    "report": str(row.get("report", "")),
                    "number": str(row["number"]),
                    "text": str(row["text"]),
                }
                if para not in info["paragraphs"]:
                    info["paragraphs"].append(para)
    for info in out.values():
        info["paragraphs"].sort(key=lambda p: (p["report"], _paragraph_order(p["number"])))
    return out


def _paragraph_order(number: str) -> tuple:
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"[.\-]", number))


def _classify(iri: str, types: set[str]) -> tuple[str, str]:
    for type_iri, kind, group in TYPE_KINDS:
        if str(type_iri) in types:
            return kind, group
    if iri.startswith(str(LEG)):
        return "law", "Legislation"
    return "other", "Other"


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


def cap_nodes(g: nx.Graph, limit: int) -> nx.Graph:
    """At most `limit` nodes: the best-connected kept, the rest folded into one node per group.

    An aggregate node says how many it stands for ("128 more Police") and its edges carry how many
    links they merge (`weight`), so a national view stays readable and small.
    """
    if len(g) <= limit:
        return g
    groups = sorted({d.get("group", "Other") for _, d in g.nodes(data=True)})
    keep_count = max(limit - len(groups), 0)
    ranked = sorted(g.nodes, key=lambda n: (-g.degree(n), n))
    kept = set(ranked[:keep_count])
    folded: dict[str, list[str]] = defaultdict(list)
    for n in ranked[keep_count:]:
        folded[g.nodes[n].get("group", "Other")].append(n)
    h = nx.Graph(**g.graph)
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


# --- metrics --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MetricRow:
    """One line of the workshop metrics: which section, about what, and the number."""

    section: str
    id: str
    label: str
    kind: str
    value: float | int
    detail: str = ""

    def as_dict(self) -> dict[str, str | float | int]:
        return {
            "section": self.section,
            "id": self.id,
            "label": self.label,
            "kind": self.kind,
            "value": self.value,
            "detail": self.detail,
        }


METRIC_SECTIONS = {
    "degree": "Links per node (degree)",
    "betweenness": "Brokers between parts of the partnership (betweenness)",
    "one-owner": "Priorities and outcomes with exactly one owner",
    "no-owner": "Priorities and outcomes with no owner",
    "top-owners": "Partners owning the most",
    "shared-partners": "Partners shared across plans or councils",
}


def centrality(g: nx.Graph) -> list[MetricRow]:
    """Degree and betweenness of every node, highest first."""
    between = nx.betweenness_centrality(g) if len(g) > 2 else dict.fromkeys(g, 0.0)
    rows = [_row("degree", g, n, g.degree(n)) for n in g]
    rows += [_row("betweenness", g, n, round(between[n], 4)) for n in g if between[n] > 0]
    return sorted(rows, key=lambda r: (r.section, -r.value, r.label))


def owners_of(g: nx.Graph, item: str) -> list[str]:
    """The owners linked to an item in a partner–priority graph."""
    return sorted(nb for nb in g.neighbors(item) if g.nodes[nb].get("side") == "owner")


def ownership_gaps(g: nx.Graph) -> list[MetricRow]:
    """Priorities and outcomes with one owner, and with none."""
    rows = []
    for n, data in g.nodes(data=True):
        if data.get("kind") not in OWNED_KINDS:
            continue
        owners = owners_of(g, n)
        if len(owners) == 1:
            rows.append(_row("one-owner", g, n, 1, g.nodes[owners[0]]["label"]))
        elif not owners:
            rows.append(_row("no-owner", g, n, 0, _plan_labels(g, data)))
    return sorted(rows, key=lambda r: (r.section, r.label))


def top_owners(g: nx.Graph, limit: int = 10) -> list[MetricRow]:
    """The partners and boards that own the most items, with what kinds of item."""
    rows = []
    for n, data in g.nodes(data=True):
        if data.get("side") != "owner":
            continue
        kinds = Counter(g.nodes[nb]["kind"] for nb in g.neighbors(n))
        detail = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items()))
        rows.append(_row("top-owners", g, n, sum(kinds.values()), detail))
    return sorted(rows, key=lambda r: (-r.value, r.label))[:limit]


def shared_partners(ownership: nx.Graph, national: nx.Graph, among: set[str] | None = None) -> list[MetricRow]:
    """Partners that own items in more than one plan, or work with more than one council."""
    rows = []
    partners = {n for n, d in ownership.nodes(data=True) if d.get("side") == "owner"}
    partners |= {n for n, d in national.nodes(data=True) if d.get("kind") != "authority"}
    for n in sorted(partners):
        if among is not None and n not in among:
            continue
        plans = ownership.nodes[n]["plans"] if n in ownership else set()
        councils = set()
        if n in national and national.nodes[n].get("kind") != "authority":
            councils = {c for c in national.neighbors(n) if national.nodes[c].get("kind") == "authority"}
        if len(plans) < 2 and len(councils) < 2:
            continue
        source = ownership if n in ownership else national
        labels = {**ownership.graph.get("labels", {}), **national.graph.get("labels", {})}
        detail = "; ".join(
            part
            for part in (
                f"plans: {', '.join(sorted(labels.get(p, local_id(p)) for p in plans))}" if len(plans) > 1 else "",
                f"councils: {', '.join(sorted(labels.get(c, local_id(c)) for c in councils))}"
                if len(councils) > 1
                else "",
            )
            if part
        )
        rows.append(_row("shared-partners", source, n, max(len(plans), len(councils)), detail))
    return sorted(rows, key=lambda r: (-r.value, r.label))


def workshop_metrics(store: Store, *, plan: str | None = None) -> list[MetricRow]:
    """Every metric the workshop asks for, for one plan or for all plans."""
    if plan:
        check_plan(store, plan)
    everything = partner_priority(store)
    g = partner_priority(store, plan=plan) if plan else everything
    national = partner_network(store)
    return [
        *centrality(g),
        *ownership_gaps(g),
        *top_owners(g),
        *shared_partners(everything, national, among=set(g) if plan else None),
    ]


def _row(section: str, g: nx.Graph, n: str, value: float | int, detail: str = "") -> MetricRow:
    data = g.nodes[n]
    return MetricRow(section, data.get("id", local_id(n)), data.get("label", n), data.get("kind", ""), value, detail)


def _plan_labels(g: nx.Graph, data: dict) -> str:
    labels = g.graph.get("labels", {})
    return ", ".join(sorted(labels.get(p, local_id(p)) for p in data["plans"]))


# --- comparing two plans --------------------------------------------------------------------------


@dataclass
class Difference:
    """What one plan has that the other has not, and what both have, by label."""

    added: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


@dataclass
class PlanComparison:
    """Priorities (with outcomes) and partners added, dropped and kept from plan A to plan B."""

    plan_a: str
    plan_b: str
    label_a: str
    label_b: str
    priorities: Difference
    partners: Difference

    def as_rows(self) -> list[dict[str, str]]:
        """One row per thing compared: what (priority or partner), change (added, dropped, kept), label."""
        rows = []
        for what, diff in (("priority", self.priorities), ("partner", self.partners)):
            for change in ("added", "dropped", "kept"):
                rows += [{"what": what, "change": change, "label": label} for label in getattr(diff, change)]
        return rows


def normalise_label(label: str) -> str:
    """A label folded for matching across plans: case, punctuation and spacing ignored."""
    return " ".join(re.sub(r"[^\w\s]", " ", label.casefold()).split())


def _plan_contents(store: Store, plan: str) -> tuple[dict[str, str], dict[str, str]]:
    """A plan's priorities and outcomes, and its partners, each as {match key: label}."""
    g = partner_priority(store, plan=plan)
    aims, partners = {}, {}
    for n, data in g.nodes(data=True):
        if data.get("kind") in OWNED_KINDS:
            aims[normalise_label(data["label"])] = data["label"]
        elif data.get("side") == "owner":
            partners[n] = data["label"]
    return aims, partners


def _diff(a: dict[str, str], b: dict[str, str]) -> Difference:
    return Difference(
        added=sorted(b[k] for k in b.keys() - a.keys()),
        dropped=sorted(a[k] for k in a.keys() - b.keys()),
        kept=sorted(b[k] for k in a.keys() & b.keys()),
    )


def compare_plans(store: Store, plan_a: str, plan_b: str) -> PlanComparison:
    """Compare two plans: priorities matched by label, partners by IRI (then by label, for renamed nodes)."""
    labels = {}
    for plan in (plan_a, plan_b):
        rows = _run(store, "network_plans", {"plan": plan})
        if not rows:
            raise UnknownIdError("plan", plan, hint="`cypkg query network_plans` lists the plans the graph holds")
        labels[plan] = str(rows[0].get("title", plan))
    aims_a, partners_a = _plan_contents(store, plan_a)
    aims_b, partners_b = _plan_contents(store, plan_b)
    by_label_a = {normalise_label(v): k for k, v in partners_a.items()}
    for iri, label in list(partners_b.items()):
        twin = by_label_a.get(normalise_label(label))
        if iri not in partners_a and twin is not None and twin not in partners_b:
            partners_b[twin] = partners_b.pop(iri)
    return PlanComparison(
        plan_a=plan_a,
        plan_b=plan_b,
        label_a=labels[plan_a],
        label_b=labels[plan_b],
        priorities=_diff(aims_a, aims_b),
        partners=_diff(partners_a, partners_b),
    )
