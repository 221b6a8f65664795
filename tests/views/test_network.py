"""kg.analysis.network: the graphs and the workshop metrics, on the fictional Testshire plans and on the seeds."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest

from kg.analysis.network import build_view, cap_nodes, compare_plans, partner_priority, values_query, workshop_metrics
from kg.errors import QueryError, UnknownIdError

IRI = "https://w3id.org/cypkg/id/"
PLAN = "testshire-cypp-2030-2033"


def _section(rows: list, section: str) -> dict[str, Any]:
    return {r.id: r.value for r in rows if r.section == section}


def test_partner_priority_links_each_owner_to_what_it_owns_with_the_specific_role(testshire_store) -> None:
    g = partner_priority(testshire_store, plan=PLAN)
    roles = {(g.nodes[u]["id"], g.nodes[v]["id"]): d["role"] for u, v, d in g.edges(data=True)}
    roles = {tuple(sorted(pair)): role for pair, role in roles.items()}
    assert roles == {
        ("testshire-police", "testshire-xss"): "lead",
        ("testshire-nhs", "testshire-xss"): "contributing",
        ("testshire-early-help-2030", "testshire-nhs"): "lead",
        ("testshire-partnership-board", "testshire-safe"): "owner",
        ("testshire-cypp-2030-2033", "testshire-partnership-board"): "champion",
    }


def test_unowned_priorities_and_outcomes_stay_in_the_graph_as_lone_nodes(testshire_store) -> None:
    g = partner_priority(testshire_store, plan=PLAN)
    assert g.degree(IRI + "priority/testshire-unowned") == 0
    assert g.degree(IRI + "outcome/testshire-healthy") == 0


def test_nodes_carry_kind_partner_type_and_source_paragraph(testshire_store) -> None:
    g = partner_priority(testshire_store, plan=PLAN)
    police = g.nodes[IRI + "organisation/testshire-police"]
    assert (police["kind"], police["group"]) == ("partner", "Police")
    assert police["paragraphs"] == [
        {
            "report": "Testshire Cabinet, 1 January 2030 (fictional)",
            "number": "2.1",
            "text": "The police <b>lead</b> on keeping children safe <img src=x onerror=alert(2)>.",
        }
    ]


def test_facets_let_a_filter_find_both_ends_of_an_ownership_link(testshire_store) -> None:
    g = partner_priority(testshire_store, plan=PLAN)
    nhs = g.nodes[IRI + "organisation/testshire-nhs"]
    xss = g.nodes[IRI + "priority/testshire-xss"]
    assert nhs["outcomes"] == {IRI + "outcome/testshire-safe", IRI + "outcome/testshire-healthy"}
    assert xss["partner_types"] == {"Police", "NHS"}


def test_metrics_count_owners_degree_and_gaps_for_one_plan(testshire_store) -> None:
    rows = workshop_metrics(testshire_store, plan=PLAN)
    assert _section(rows, "one-owner") == {"testshire-early-help-2030": 1, "testshire-safe": 1}
    assert _section(rows, "no-owner") == {"testshire-unowned": 0, "testshire-healthy": 0}
    assert _section(rows, "top-owners") == {
        "testshire-nhs": 2,
        "testshire-partnership-board": 2,
        "testshire-police": 1,
    }
    assert _section(rows, "degree")["testshire-nhs"] == 2
    assert _section(rows, "betweenness")["testshire-xss"] > 0


def test_a_partner_owning_in_two_plans_is_reported_as_shared(testshire_store) -> None:
    rows = workshop_metrics(testshire_store)
    shared = {r.id: r for r in rows if r.section == "shared-partners"}
    assert set(shared) == {"testshire-nhs"}
    assert shared["testshire-nhs"].value == 2


def test_comparison_matches_priorities_by_label_and_partners_by_identity(testshire_store) -> None:
    diff = compare_plans(testshire_store, "testshire-cypp-2027-2030", PLAN)
    assert diff.priorities.kept == ["Early help"]
    assert diff.priorities.dropped == ["School readiness"]
    assert diff.priorities.added == ["<img src=x onerror=alert(1)>", "Healthy", "Safe", "Youth voice"]
    assert diff.partners.kept == ["Testshire NHS Trust"]
    assert diff.partners.dropped == ["Testshire Voluntary Action"]
    assert diff.partners.added == [
        "<script>window.pwned = true</script>Testshire Police",
        "Testshire Partnership Board",
    ]


def test_unknown_plan_id_raises_unknown_id_with_listing_hint(testshire_store) -> None:
    with pytest.raises(UnknownIdError) as caught:
        build_view(testshire_store, "partner-priority", plan="no-such-plan")
    assert "network_plans" in caught.value.hint


def test_unknown_view_name_lists_the_views(testshire_store) -> None:
    with pytest.raises(UnknownIdError) as caught:
        build_view(testshire_store, "pie-chart")
    assert "partner-priority" in caught.value.hint


def test_plan_and_authority_together_are_refused(testshire_store) -> None:
    with pytest.raises(QueryError):
        build_view(testshire_store, "boards", plan=PLAN, authority="testshire")


def test_values_row_takes_iris_as_terms_never_as_text() -> None:
    text = "SELECT * WHERE { ?node ?p ?o }"
    filled = values_query(text, ["https://example.org/a"])
    assert "VALUES ?node { <https://example.org/a> }" in filled
    with pytest.raises(Exception):  # noqa: B017  rdflib refuses to write an IRI that would break out
        values_query(text, ["https://example.org/a> } ?s ?p ?o . { <x"])


def test_cap_folds_least_connected_nodes_into_one_node_per_group() -> None:
    g = nx.star_graph(50)
    for n in g:
        g.nodes[n].update(
            label=str(n),
            group="Police" if n % 2 else "NHS",
            kind="partner",
            plans=set(),
            outcomes=set(),
            partner_types=set(),
        )
    capped = cap_nodes(g, 10)
    assert len(capped) == 10
    folded = {n: d for n, d in capped.nodes(data=True) if d.get("aggregate")}
    assert set(folded) == {"aggregate:NHS", "aggregate:Police"}
    assert sum(d["aggregate"] for d in folded.values()) == 51 - 8
    assert sum(d.get("weight", 1) for _, _, d in capped.edges(data=True)) == 50


def test_medway_plans_compare_outcomes_and_owning_boards_from_the_seeds(store) -> None:
    diff = compare_plans(store, "medway-cypp-2009-2011", "medway-cypp-2019-2024")
    assert diff.priorities.dropped == ["safe and cared for", "succeed in learning", "thrive"]
    assert diff.priorities.added == ["A Healthy Start", "Learning Well", "Thriving in Our Community"]
    assert "Medway Children and Young People's Strategic Transformation Board" in diff.partners.added
    assert "Medway Children's Trust" in diff.partners.dropped


def test_medway_2019_plan_is_championed_by_its_strategic_transformation_board(store) -> None:
    g = partner_priority(store, plan="medway-cypp-2019-2024")
    plan = IRI + "plan/medway-cypp-2019-2024"
    board = IRI + "board/medway-cyp-strategic-transformation-board"
    assert g.edges[plan, board]["role"] == "champion"


def test_example_plan_metrics_find_its_single_owner_priority_and_busiest_partners(store) -> None:
    rows = workshop_metrics(store, plan="anyshire-cypp-2024-2027")
    assert _section(rows, "one-owner") == {"anyshire-cypp-2024-2027-key-stage-2": 1}
    top = _section(rows, "top-owners")
    assert (top["anyshire"], top["anyshire-schools-partnership"]) == (7, 5)


def test_example_plan_comparison_keeps_three_priorities_and_adds_six_partners(store) -> None:
    diff = compare_plans(store, "anyshire-cypp-2021-2024", "anyshire-cypp-2024-2027")
    assert diff.priorities.kept == [
        "Improve attendance at school",
        "Reduce first-time entrants to the youth justice system",
        "Reduce the number of children who need to enter care",
    ]
    assert diff.priorities.dropped == ["Increase take-up of funded childcare places"]
    assert diff.partners.kept == [
        "Anyshire Borough Council",
        "Anyshire Schools Partnership",
        "Anyshire Youth Offending Service",
    ]
    assert len(diff.partners.added) == 6
