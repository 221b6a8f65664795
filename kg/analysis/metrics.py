"""The workshop metrics on a partner–priority network: who leads, who contributes, who carries too much,
which priorities hang on one partner or on none, and who brokers between parts of the partnership.

Every count is over the ownership links the source reports state (`kg.analysis.network.ownership`);
a priority the reports give no owner for counts as having none, never as owned by somebody guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg import queries as named_queries
from kg.analysis.network import OWNED_KINDS, check_plan, ownership, partner_network, partner_priority
from kg.config import get_settings
from kg.namespaces import local_id
from kg.store.protocol import Store

if TYPE_CHECKING:  # networkx is imported when a graph is built (kg.analysis.network), not by `cypkg extract`
    import networkx as nx

LEADING_ROLES = frozenset({"lead", "owner"})
"""Roles that make a partner answerable for an item: named lead, or named owner where no lead is distinguished."""

CONTRIBUTING_ROLES = frozenset({"contributing"})
CHAMPION_ROLES = frozenset({"champion"})


@dataclass(frozen=True)
class OverloadRule:
    """When a partner carries too much: it leads more than `max_leads` items, or has a role in more than `max_roles`.

    The defaults come from `CYPKG_OVERLOAD_MAX_LEADS` and `CYPKG_OVERLOAD_MAX_ROLES`; a board sets its own
    with `--max-leads` and `--max-roles`. The rule is printed beside every flag so nobody has to guess it.
    """

    max_leads: int
    max_roles: int

    @classmethod
    def default(cls) -> OverloadRule:
        settings = get_settings()
        return cls(settings.overload_max_leads, settings.overload_max_roles)

    def flags(self, leads: int, roles: int) -> bool:
        return leads > self.max_leads or roles > self.max_roles

    def describe(self) -> str:
        return (
            f"overloaded: leads more than {self.max_leads} priorities or outcomes, "
            f"or has a role in more than {self.max_roles}"
        )


@dataclass(frozen=True)
class PartnerLoad:
    """What one partner carries in a plan: items it leads (or owns), contributes to, champions."""

    partner: str
    label: str
    group: str
    leads: list[str]
    contributions: list[str]
    champions: list[str]
    overloaded: bool

    @property
    def roles(self) -> int:
        return len(self.leads) + len(self.contributions) + len(self.champions)


def partner_loads(g: nx.Graph, rule: OverloadRule) -> list[PartnerLoad]:
    """Each owner's leads, contributions and champion roles on priorities and outcomes, busiest first."""
    loads = []
    for n, data in g.nodes(data=True):
        if data.get("side") != "owner":
            continue
        by_role: dict[str, list[str]] = {"lead": [], "contributing": [], "champion": []}
        for item in g.neighbors(n):
            role = g.edges[n, item].get("role")
            if role is None or g.nodes[item].get("kind") not in OWNED_KINDS:
                continue
            bucket = "lead" if role in LEADING_ROLES else "contributing" if role in CONTRIBUTING_ROLES else "champion"
            if role in LEADING_ROLES | CONTRIBUTING_ROLES | CHAMPION_ROLES:
                by_role[bucket].append(item)
        roles = sum(len(v) for v in by_role.values())
        if not roles:
            continue
        loads.append(
            PartnerLoad(
                partner=n,
                label=data.get("label", n),
                group=data.get("group", "Other"),
                leads=sorted(by_role["lead"]),
                contributions=sorted(by_role["contributing"]),
                champions=sorted(by_role["champion"]),
                overloaded=rule.flags(len(by_role["lead"]), roles),
            )
        )
    return sorted(loads, key=lambda x: (-len(x.leads), -x.roles, x.label.casefold()))


def owners_of(g: nx.Graph, item: str) -> list[str]:
    """The partners and boards linked to an item by an ownership link (any role)."""
    return sorted(nb for nb in g.neighbors(item) if "role" in g.edges[item, nb])


def sole_owned(g: nx.Graph) -> dict[str, list[str]]:
    """Single points of failure: each partner that is the only named owner of some items, and those items."""
    out: dict[str, list[str]] = {}
    for n, data in g.nodes(data=True):
        if data.get("kind") not in OWNED_KINDS:
            continue
        owners = owners_of(g, n)
        if len(owners) == 1:
            out.setdefault(owners[0], []).append(n)
    return {k: sorted(v, key=lambda i: g.nodes[i].get("label", i)) for k, v in out.items()}


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
    "leads": "Leads per partner: priorities and outcomes it leads (or owns, where no lead is named)",
    "contributions": "Contributions per partner: priorities and outcomes it contributes to",
    "overloaded": "Overloaded partners (the rule is in the detail column)",
    "single-point-of-failure": "Single points of failure: partners that are the only owner of priorities",
    "one-owner": "Priorities and outcomes with exactly one owner",
    "no-owner": "Priorities and outcomes the source reports name no owner for",
    "degree": "Links per node: how many ownership links each partner or item has",
    "betweenness": "Brokers: share of shortest paths between two others that pass through this node "
    "(a partner high here joins parts of the partnership that would otherwise not meet)",
    "shared-partners": "Partners shared across plans or councils",
}


def centrality(g: nx.Graph) -> list[MetricRow]:
    """Degree and betweenness of every node over the ownership links, highest first."""
    import networkx as nx

    between = nx.betweenness_centrality(g) if len(g) > 2 else dict.fromkeys(g, 0.0)
    rows = [_row("degree", g, n, g.degree(n)) for n in g]
    rows += [_row("betweenness", g, n, round(between[n], 4)) for n in g if between[n] > 0]
    return sorted(rows, key=lambda r: (r.section, -r.value, r.label))


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


def load_rows(g: nx.Graph, rule: OverloadRule) -> list[MetricRow]:
    """Leads and contributions per partner, the partners the rule flags, and the single points of failure."""
    rows = []
    for load in partner_loads(g, rule):
        counts = f"leads {len(load.leads)}, contributes to {len(load.contributions)}, champions {len(load.champions)}"
        rows.append(_row("leads", g, load.partner, len(load.leads), counts))
        rows.append(_row("contributions", g, load.partner, len(load.contributions), counts))
        if load.overloaded:
            rows.append(_row("overloaded", g, load.partner, len(load.leads), f"{counts}; {rule.describe()}"))
    for partner, items in sole_owned(g).items():
        labels = "; ".join(g.nodes[i].get("label", i) for i in items)
        rows.append(_row("single-point-of-failure", g, partner, len(items), labels))
    order = list(METRIC_SECTIONS)
    return sorted(rows, key=lambda r: (order.index(r.section), -r.value, r.label))


def shared_partners(owned: nx.Graph, national: nx.Graph, among: set[str] | None = None) -> list[MetricRow]:
    """Partners that own items in more than one plan, or work with more than one council."""
    rows = []
    partners = {n for n, d in owned.nodes(data=True) if d.get("side") == "owner"}
    partners |= {n for n, d in national.nodes(data=True) if d.get("kind") != "authority"}
    labels = {**owned.graph.get("labels", {}), **national.graph.get("labels", {})}
    for n in sorted(partners):
        if among is not None and n not in among:
            continue
        plans = owned.nodes[n]["plans"] if n in owned else set()
        councils = set()
        if n in national and national.nodes[n].get("kind") != "authority":
            councils = {c for c in national.neighbors(n) if national.nodes[c].get("kind") == "authority"}
        if len(plans) < 2 and len(councils) < 2:
            continue
        source = owned if n in owned else national
        parts = []
        if len(plans) > 1:
            parts.append(f"plans: {', '.join(sorted(labels.get(p, local_id(p)) for p in plans))}")
        if len(councils) > 1:
            parts.append(f"councils: {', '.join(sorted(labels.get(c, local_id(c)) for c in councils))}")
        rows.append(_row("shared-partners", source, n, max(len(plans), len(councils)), "; ".join(parts)))
    return sorted(rows, key=lambda r: (-r.value, r.label))


def workshop_metrics(store: Store, *, plan: str | None = None, rule: OverloadRule | None = None) -> list[MetricRow]:
    """Every metric the workshop asks for, for one plan or for all plans.

    A fictional plan, named, is measured against everything with the examples in (naming it asks for them).
    """
    if plan:
        check_plan(store, plan)
    rule = rule or OverloadRule.default()
    examples = bool(plan) and named_queries.names_fictional(store, [named_queries.to_iri(plan or "", "plan")])
    everything = ownership(partner_priority(store, include_examples=examples))
    g = ownership(partner_priority(store, plan=plan)) if plan else everything
    national = partner_network(store, include_examples=examples)
    return [
        *load_rows(g, rule),
        *ownership_gaps(g),
        *centrality(g),
        *shared_partners(everything, national, among=set(g) if plan else None),
    ]


def _row(section: str, g: nx.Graph, n: str, value: float | int, detail: str = "") -> MetricRow:
    data = g.nodes[n]
    return MetricRow(section, data.get("id", local_id(n)), data.get("label", n), data.get("kind", ""), value, detail)


def _plan_labels(g: nx.Graph, data: dict) -> str:
    labels = g.graph.get("labels", {})
    return ", ".join(sorted(labels.get(p, local_id(p)) for p in data["plans"]))
