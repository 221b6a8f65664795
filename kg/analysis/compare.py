"""What changed from one plan to the next: outcomes, priorities and partners added, dropped and kept,
and who owns each kept priority now.

Outcomes and priorities match by label (case, punctuation and spacing ignored); partners by
identity, then by label (a renamed node). When the graph holds nothing of a kind for one plan (no
priorities, or no owner for anything), the other plan's items are "not recorded" there, never
"added" or "dropped": the reports not saying is not the plan changing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.analysis.metrics import owners_of
from kg.analysis.network import partner_priority
from kg.errors import UnknownIdError
from kg.queries import get_view, run_query
from kg.store.protocol import Store

if TYPE_CHECKING:  # networkx is imported when a graph is built (kg.analysis.network), not by `cypkg extract`
    import networkx as nx

CHANGES = ("added", "dropped", "kept", "not recorded")


@dataclass
class Difference:
    """What one plan has that the other has not, and what both have, by label.

    `not_recorded` holds the items of the plan that has them when the other plan records none of
    this kind, and `missing_in` says which plan that is ("a" or "b").
    """

    added: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    not_recorded: list[str] = field(default_factory=list)
    missing_in: str = ""


@dataclass(frozen=True)
class OwnerChange:
    """A priority (or outcome) both plans have, whose owners differ: role → partner labels, before and after."""

    what: str
    label: str
    before: dict[str, list[str]]
    after: dict[str, list[str]]

    def describe(self) -> str:
        """`lead: A → B; contributing: + C, − D`, or `owners not recorded in the earlier plan`."""
        if not self.before:
            return "owners not recorded in the earlier plan; now " + _roles_text(self.after)
        if not self.after:
            return "owners not recorded in the later plan; before " + _roles_text(self.before)
        parts = []
        for role in sorted(set(self.before) | set(self.after)):
            old, new = set(self.before.get(role, [])), set(self.after.get(role, []))
            if old == new:
                continue
            if role in ("lead", "owner") and old and new:
                parts.append(f"{role}: {', '.join(sorted(old))} → {', '.join(sorted(new))}")
            else:
                changes = [f"+ {p}" for p in sorted(new - old)] + [f"− {p}" for p in sorted(old - new)]
                parts.append(f"{role}: {', '.join(changes)}")
        return "; ".join(parts)


@dataclass
class PlanComparison:
    """Outcomes, priorities and partners added, dropped and kept from plan A to plan B, and owner changes."""

    plan_a: str
    plan_b: str
    label_a: str
    label_b: str
    outcomes: Difference
    priorities: Difference
    partners: Difference
    owner_changes: list[OwnerChange] = field(default_factory=list)

    def as_rows(self) -> list[dict[str, str]]:
        """One row per thing compared: what (outcome, priority, partner), change, label, detail."""
        rows = []
        for what, diff in (("outcome", self.outcomes), ("priority", self.priorities), ("partner", self.partners)):
            for change in ("added", "dropped", "kept"):
                rows += [
                    {"what": what, "change": change, "label": label, "detail": ""} for label in getattr(diff, change)
                ]
            if diff.not_recorded:
                plan = self.label_a if diff.missing_in == "a" else self.label_b
                note = f"the graph holds no {_plural(what)} for {plan}"
                rows += [
                    {"what": what, "change": "not recorded", "label": label, "detail": note}
                    for label in diff.not_recorded
                ]
        rows += [
            {"what": c.what, "change": "owners changed", "label": c.label, "detail": c.describe()}
            for c in self.owner_changes
        ]
        return rows


def normalise_label(label: str) -> str:
    """A label folded for matching across plans: case, punctuation and spacing ignored."""
    return " ".join(re.sub(r"[^\w\s]", " ", label.casefold()).split())


@dataclass
class _Contents:
    outcomes: dict[str, str]
    priorities: dict[str, str]
    partners: dict[str, str]
    owners: dict[str, dict[str, list[str]]]
    """Match key of an outcome or priority → role → owner IRIs."""


def _plan_contents(store: Store, plan: str) -> tuple[_Contents, nx.Graph]:
    g = partner_priority(store, plan=plan)
    contents = _Contents({}, {}, {}, {})
    for n, data in g.nodes(data=True):
        kind = data.get("kind")
        if kind in ("outcome", "priority"):
            key = normalise_label(data["label"])
            (contents.outcomes if kind == "outcome" else contents.priorities)[key] = data["label"]
            roles: dict[str, list[str]] = {}
            for owner in owners_of(g, n):
                roles.setdefault(g.edges[n, owner]["role"], []).append(owner)
            contents.owners[f"{kind}:{key}"] = roles
        elif data.get("side") == "owner":
            contents.partners[n] = data["label"]
    return contents, g


def _diff(a: dict[str, str], b: dict[str, str]) -> Difference:
    if not a and b:
        return Difference(not_recorded=sorted(b.values()), missing_in="a")
    if a and not b:
        return Difference(not_recorded=sorted(a.values()), missing_in="b")
    return Difference(
        added=sorted(b[k] for k in b.keys() - a.keys()),
        dropped=sorted(a[k] for k in a.keys() - b.keys()),
        kept=sorted(b[k] for k in a.keys() & b.keys()),
    )


def compare_plans(store: Store, plan_a: str, plan_b: str) -> PlanComparison:
    """Compare two plans: outcomes and priorities matched by label, partners by IRI (then by label)."""
    labels = {}
    for plan in (plan_a, plan_b):
        rows = run_query(store, get_view("network_plans"), {"plan": plan})
        if not rows:
            raise UnknownIdError("plan", plan, hint="`cypkg query plans_by_authority` lists the plans the graph holds")
        labels[plan] = str(rows[0].get("title", plan))
    a, graph_a = _plan_contents(store, plan_a)
    b, graph_b = _plan_contents(store, plan_b)
    by_label_a = {normalise_label(v): k for k, v in a.partners.items()}
    for iri, label in list(b.partners.items()):
        twin = by_label_a.get(normalise_label(label))
        if iri not in a.partners and twin is not None and twin not in b.partners:
            b.partners[twin] = b.partners.pop(iri)
    changes = []
    for kind, keys in (
        ("outcome", a.outcomes.keys() & b.outcomes.keys()),
        ("priority", a.priorities.keys() & b.priorities.keys()),
    ):
        for key in sorted(keys):
            before = _named(a.owners.get(f"{kind}:{key}", {}), graph_a)
            after = _named(b.owners.get(f"{kind}:{key}", {}), graph_b)
            if before != after and (before or after):
                label = (b.outcomes if kind == "outcome" else b.priorities)[key]
                changes.append(OwnerChange(kind, label, before, after))
    return PlanComparison(
        plan_a=plan_a,
        plan_b=plan_b,
        label_a=labels[plan_a],
        label_b=labels[plan_b],
        outcomes=_diff(a.outcomes, b.outcomes),
        priorities=_diff(a.priorities, b.priorities),
        partners=_diff(a.partners, b.partners),
        owner_changes=changes,
    )


def _named(roles: dict[str, list[str]], g: nx.Graph) -> dict[str, list[str]]:
    """Role → owner labels (labels, so a partner renamed between plans reads the same)."""
    return {role: sorted(g.nodes[o].get("label", o) for o in owners) for role, owners in roles.items() if owners}


def _roles_text(roles: dict[str, list[str]]) -> str:
    return "; ".join(f"{role}: {', '.join(names)}" for role, names in sorted(roles.items()))


def _plural(what: str) -> str:
    return {"priority": "priorities", "partner": "partners' ownership links", "outcome": "outcomes"}[what]
