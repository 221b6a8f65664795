"""kg.analysis.matrix on the fictional example plan: cells, totals, gaps and overload flags against the data."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import SKOS

from kg.analysis.matrix import responsibility_matrix
from kg.analysis.metrics import OverloadRule
from kg.analysis.network import build_view

EXAMPLE = "anyshire-cypp-2024-2027"
CYP = Namespace("https://w3id.org/cypkg/def#")
DATA = Path(__file__).resolve().parents[2] / "data" / "examples" / "example-cypp.ttl"
RULE = OverloadRule(max_leads=2, max_roles=5)


@pytest.fixture(scope="module")
def matrix(embedded_store):
    return responsibility_matrix(build_view(embedded_store, "partner-priority", plan=EXAMPLE), RULE)


@pytest.fixture(scope="module")
def stated() -> dict[str, dict[str, str]]:
    """Priority label → partner label → role, read straight from the example's Turtle with rdflib."""
    g = Graph().parse(DATA, format="turtle")
    plan = URIRef("https://w3id.org/cypkg/id/plan/" + EXAMPLE)
    out: dict[str, dict[str, str]] = {}
    for priority in g.subjects(CYP.priorityOf, plan):
        cells = out.setdefault(str(g.value(priority, SKOS.prefLabel)), {})
        for prop, role in ((CYP.leadPartner, "lead"), (CYP.contributingPartner, "contributing")):
            for partner in g.objects(priority, prop):
                cells[str(g.value(partner, SKOS.prefLabel))] = role
    return out


def _cells_by_label(matrix) -> dict[str, dict[str, str]]:
    labels = {c.partner: c.label for c in matrix.columns}
    return {row.label: {labels[p]: role for p, role in row.cells.items()} for row in matrix.rows}


def test_every_cell_is_the_role_the_plan_states(matrix, stated) -> None:
    assert _cells_by_label(matrix) == stated


def test_rows_are_grouped_under_their_outcomes(matrix) -> None:
    assert [name for name, _ in matrix.groups] == ["Healthy Lives", "Learning and Achieving", "Safe and Secure"]
    assert [len(rows) for _, rows in matrix.groups] == [3, 3, 4]


def test_column_totals_count_leads_and_contributions_as_stated(matrix, stated) -> None:
    leads = Counter(p for cells in stated.values() for p, r in cells.items() if r == "lead")
    contributions = Counter(p for cells in stated.values() for p, r in cells.items() if r == "contributing")
    assert {c.label: c.leads for c in matrix.columns} == {p: leads[p] for p in leads | contributions}
    assert {c.label: c.contributions for c in matrix.columns} == {p: contributions[p] for p in leads | contributions}


def test_gap_rows_are_the_priorities_with_one_owner_or_none(matrix, stated) -> None:
    gaps = matrix.gaps()
    assert [r.label for r in gaps["one"]] == [label for label, cells in stated.items() if len(cells) == 1]
    assert gaps["none"] == []
    assert [r.owners for r in matrix.rows] == [len(stated[r.label]) for r in matrix.rows]


def test_overload_flags_follow_the_stated_rule(matrix) -> None:
    flagged = {c.label for c in matrix.columns if c.overloaded}
    expected = {c.label for c in matrix.columns if c.leads > 2 or c.leads + c.contributions + c.champions > 5}
    assert flagged == expected == {"Anyshire Borough Council"}
    assert matrix.rule.describe().startswith("overloaded: leads more than 2")


def test_columns_are_busiest_first(matrix) -> None:
    assert [c.leads for c in matrix.columns] == sorted((c.leads for c in matrix.columns), reverse=True)


def test_the_plans_own_champion_is_said_above_the_grid(matrix) -> None:
    assert matrix.plan_owners == [("champion", "Anyshire Children and Young People's Partnership Board")]


def test_records_and_totals_flatten_for_csv(matrix) -> None:
    records = matrix.records()
    assert len(records) == 10
    key_stage_2 = next(r for r in records if r["item"] == "Raise attainment at key stage 2")
    assert key_stage_2["Anyshire Schools Partnership"] == "lead"
    assert key_stage_2["gap"] == "one owner"
    footer = {r["item"]: r for r in matrix.totals()}
    assert footer["total overloaded"]["Anyshire Borough Council"] == "overloaded"
