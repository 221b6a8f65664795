"""kg.analysis.network: the graphs views, metrics and the matrix come from (fictional Testshire and the seeds)."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.analysis.network import PART_OF, build_view, cap_nodes, partner_priority, values_query
from kg.errors import QueryError, UnknownIdError

IRI = "https://w3id.org/cypkg/id/"
PLAN = "testshire-cypp-2030-2033"


def _section(rows: list, section: str) -> dict[str, object]:
    return {r.id: r.value for r in rows if r.section == section}


def test_partner_priority_links_each_owner_to_what_it_owns_with_the_specific_role(testshire_store) -> None:
    g = partner_priority(testshire_store, plan=PLAN)
    roles = {(g.nodes[u]["id"], g.nodes[v]["id"]): d["role"] for u, v, d in g.edges(data=True) if "role" in d}
    roles = {tuple(sorted(pair)): role for pair, role in roles.items()}
    assert roles == {
        ("testshire-police", "testshire-xss"): "lead",
        ("testshire-nhs", "testshire-xss"): "contributing",
        ("testshire-early-help-2030", "testshire-nhs"): "lead",
        ("testshire-partnership-board", "testshire-safe"): "owner",
        ("testshire-cypp-2030-2033", "testshire-partnership-board"): "champion",
    }


def test_unowned_priorities_and_outcomes_stay_in_the_graph_with_no_ownership_link(testshire_store) -> None:
    g = partner_priority(testshire_store, plan=PLAN)
    for item in (IRI + "priority/testshire-unowned", IRI + "outcome/testshire-healthy"):
        assert item in g
        assert [nb for nb in g.neighbors(item) if "role" in g.edges[item, nb]] == []


def test_outcomes_link_to_their_priorities_and_the_plan_to_its_outcomes(testshire_store) -> None:
    g = partner_priority(testshire_store, plan=PLAN)
    part_of = {
        tuple(sorted((g.nodes[u]["id"], g.nodes[v]["id"])))
        for u, v, d in g.edges(data=True)
        if d.get("relation") == PART_OF
    }
    assert part_of == {
        ("testshire-cypp-2030-2033", "testshire-healthy"),
        ("testshire-cypp-2030-2033", "testshire-safe"),
        ("testshire-early-help-2030", "testshire-healthy"),
        ("testshire-healthy", "testshire-unowned"),
        ("testshire-safe", "testshire-xss"),
    }


def test_view_title_names_the_plan_and_its_latest_source_date(store) -> None:
    g = build_view(store, "partner-priority", plan="anyshire-cypp-2024-2027")
    assert g.graph["scope"] == "Anyshire Children and Young People's Plan 2024-2027"
    assert g.graph["as_at"] == "2024-04-16"
    assert [s["title"] for s in g.graph["sources"]] == [
        "Anyshire Children and Young People's Plan 2024-2027 (fictional example)"
    ]


def test_nodes_carry_kind_partner_type_and_source_paragraph(testshire_store) -> None:
    g = partner_priority(testshire_store, plan=PLAN)
    police = g.nodes[IRI + "organisation/testshire-police"]
    assert (police["kind"], police["group"]) == ("partner", "Police force")
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
    assert xss["partner_types"] == {"Police force", "NHS body"}


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
    text = "SELECT * WHERE { VALUES ?node { } ?node ?p ?o }"
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


def test_medway_2019_plan_is_championed_by_its_strategic_transformation_board(store) -> None:
    g = partner_priority(store, plan="medway-cypp-2019-2024")
    plan = IRI + "plan/medway-cypp-2019-2024"
    board = IRI + "board/medway-cyp-strategic-transformation-board"
    assert g.edges[plan, board]["role"] == "champion"
