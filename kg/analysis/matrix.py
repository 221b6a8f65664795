"""The responsibility matrix boards keep in a spreadsheet: priorities (grouped under their outcomes) × partners.

Each cell is the role the source reports give the partner for the priority (lead, contributing,
champion, or plain owner where the report names an owner without saying lead or contributing).
Row totals count a priority's owners, so the gaps (no owner, one owner) stand out; column totals
count each partner's leads and contributions, and `OverloadRule` flags who carries too much.
Built from the same partner–priority graph as the network view, so both always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.analysis.metrics import OverloadRule, partner_loads
from kg.analysis.network import OWNED_KINDS

if TYPE_CHECKING:  # networkx is imported when a graph is built (kg.analysis.network), not by `cypkg extract`
    import networkx as nx

CELL_ROLES = ("lead", "owner", "contributing", "champion")
"""The roles a cell can hold, in the order a legend lists them (an item's duty holders are not cells)."""

NO_OUTCOME = "No outcome named"

MATRIX_VIEW = "matrix"
"""The matrix's name beside the network views (`cypkg view matrix`, `/views/matrix`)."""


@dataclass(frozen=True)
class MatrixColumn:
    """A partner: its totals and whether the rule flags it."""

    partner: str
    label: str
    group: str
    leads: int
    contributions: int
    champions: int
    overloaded: bool


@dataclass(frozen=True)
class MatrixRow:
    """A priority (or an outcome with owners of its own): its cells by partner IRI and its owner count."""

    item: str
    id: str
    label: str
    kind: str
    group: str
    cells: dict[str, str]

    @property
    def owners(self) -> int:
        return len(self.cells)

    @property
    def gap(self) -> str:
        """ "none", "one", or "" when two or more partners own it."""
        return "none" if not self.cells else "one" if len(self.cells) == 1 else ""


@dataclass
class ResponsibilityMatrix:
    """Rows grouped under outcomes, partner columns busiest first, and what the view is of."""

    title: str
    scope: str
    as_at: str
    sources: list[dict[str, str]]
    rule: OverloadRule
    groups: list[tuple[str, list[MatrixRow]]]
    columns: list[MatrixColumn]
    plan_owners: list[tuple[str, str]] = field(default_factory=list)
    """(role, partner label) for owners of the plan itself, said above the grid."""

    @property
    def rows(self) -> list[MatrixRow]:
        return [row for _, rows in self.groups for row in rows]

    def gaps(self) -> dict[str, list[MatrixRow]]:
        """Rows with no owner and with one owner."""
        return {kind: [r for r in self.rows if r.gap == kind] for kind in ("none", "one")}

    def records(self) -> list[dict[str, str | int]]:
        """One flat dict per row (outcome, item, kind, a column per partner, owners, gap) for CSV and XLSX."""
        out = []
        for row in self.rows:
            record: dict[str, str | int] = {"outcome": row.group, "item": row.label, "kind": row.kind}
            for col in self.columns:
                record[col.label] = row.cells.get(col.partner, "")
            record["owners"] = row.owners
            record["gap"] = {"none": "no owner", "one": "one owner"}.get(row.gap, "")
            out.append(record)
        return out

    def totals(self) -> list[dict[str, str | int]]:
        """The footer: leads, contributions, champion roles and the overload flag per partner."""
        footer: list[dict[str, str | int]] = []
        for name, value in (
            ("leads", lambda c: c.leads),
            ("contributions", lambda c: c.contributions),
            ("champions", lambda c: c.champions),
            ("overloaded", lambda c: "overloaded" if c.overloaded else ""),
        ):
            record: dict[str, str | int] = {"outcome": "", "item": f"total {name}", "kind": ""}
            record.update({col.label: value(col) for col in self.columns})
            record.update(owners="", gap="")
            footer.append(record)
        return footer


def responsibility_matrix(g: nx.Graph, rule: OverloadRule | None = None) -> ResponsibilityMatrix:
    """The matrix of a partner–priority graph (`kg.analysis.network.partner_priority`)."""
    rule = rule or OverloadRule.default()
    labels = g.graph.get("labels", {})
    plans = {p for _, d in g.nodes(data=True) for p in d.get("plans", ())}
    by_group: dict[str, list[MatrixRow]] = {}
    for n, data in g.nodes(data=True):
        kind = data.get("kind")
        if kind not in OWNED_KINDS:
            continue
        cells = {nb: g.edges[n, nb]["role"] for nb in g.neighbors(n) if g.edges[n, nb].get("role") in CELL_ROLES}
        if kind == "outcome" and not cells:
            continue  # an outcome is a group heading; it is a row only when the reports name its owners
        outcomes = sorted(data.get("outcomes", ()), key=lambda o: labels.get(o, o).casefold())
        group = labels.get(outcomes[0], outcomes[0]) if outcomes else NO_OUTCOME
        if len(plans) > 1:
            plan_names = sorted(labels.get(p, p) for p in data.get("plans", ()))
            group = f"{'; '.join(plan_names)} › {group}"
        by_group.setdefault(group, []).append(MatrixRow(n, data.get("id", n), data.get("label", n), kind, group, cells))
    groups = [
        (name, sorted(rows, key=lambda r: (r.kind != "outcome", r.label.casefold())))
        for name, rows in sorted(by_group.items(), key=lambda kv: (kv[0] == NO_OUTCOME, kv[0].casefold()))
    ]
    in_rows = {p for _, rows in groups for r in rows for p in r.cells}
    columns = [
        MatrixColumn(
            load.partner,
            load.label,
            load.group,
            len(load.leads),
            len(load.contributions),
            len(load.champions),
            load.overloaded,
        )
        for load in partner_loads(g, rule)
        if load.partner in in_rows
    ]
    plan_owners = sorted(
        (g.edges[p, nb]["role"], g.nodes[nb].get("label", nb))
        for p in plans
        if p in g
        for nb in g.neighbors(p)
        if "role" in g.edges[p, nb]
    )
    return ResponsibilityMatrix(
        title="Responsibility matrix",
        scope=g.graph.get("scope", ""),
        as_at=g.graph.get("as_at", ""),
        sources=list(g.graph.get("sources", [])),
        rule=rule,
        groups=groups,
        columns=columns,
        plan_owners=plan_owners,
    )
