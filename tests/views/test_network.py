"""kg.analysis.network: the graphs views, metrics and the matrix come from (fictional Testshire and the seeds)."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest

from kg.analysis.network import (
    PART_OF,
    _run_plain,
    build_view,
    cap_nodes,
    fold_regions,
    partner_priority,
    region_view,
    values_query,
)
from kg.errors import QueryError, UnknownIdError

IRI = "https://w3id.org/cypkg/id/"
PLAN = "testshire-cypp-2030-2033"


def _section(rows: list, section: str) -> dict[str, Any]:
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
    assert "plans_by_authority" in caught.value.hint


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


def test_medway_2019_plan_is_championed_by_its_strategic_transformation_board(store) -> None:
    g = partner_priority(store, plan="medway-cypp-2019-2024")
    plan = IRI + "plan/medway-cypp-2019-2024"
    board = IRI + "board/medway-cyp-strategic-transformation-board"
    assert g.edges[plan, board]["role"] == "champion"


def test_the_national_partner_query_answers_as_the_per_council_one_for_every_council(store) -> None:
    from kg.analysis.network import _run_plain

    national = {(r["authority"], r["partner"], r["link"]) for r in _run_plain(store, "network_partners", {})}
    fast = {(r["authority"], r["partner"], r["link"]) for r in _run_plain(store, "network_partners_national", {})}
    assert fast == national and len(national) > 10


def test_national_view_puts_councils_and_partners_in_their_regions(store) -> None:
    g = build_view(store, "partners-national")
    south_east = "http://statistics.data.gov.uk/id/statistical-geography/E12000008"
    medway = IRI + "authority/medway"
    assert g.nodes[medway]["regions"] == {south_east}
    row = next(r for r in g.graph["summary"] if r["id"] == south_east)
    assert (row["label"], row["councils"]) == ("South East", 3)  # Kent, Medway, Milton Keynes
    assert row["partners"] == sum(
        1 for n, d in g.nodes(data=True) if d["kind"] != "authority" and south_east in d["regions"]
    )


def test_folding_keeps_each_councils_strongest_partner_before_anyones_second() -> None:
    g = nx.Graph(view="partners-national")
    empty: dict[str, set[str]] = {"plans": set(), "outcomes": set(), "partner_types": set()}
    for c in "ab":
        g.add_node(c, label=f"Council {c}", kind="authority", group="Local authority", **empty)
        for p in range(4):
            g.add_node(
                f"{c}{p}", label=f"{'a' if c == 'a' else 'z'} partner {p}", kind="partner", group="NHS body", **empty
            )
            g.add_edge(c, f"{c}{p}", relation="member")
    g.edges["b", "b3"]["relation"] = "owns"
    kept = set(cap_nodes(g, 6))  # room for one node per group, so four kept: two councils, two partners
    assert {"a", "b", "a0", "b3"} <= kept  # not a0 and a1 (the alphabet); b's owner before its members


def test_theme_network_links_a_council_to_each_theme_its_priorities_map_to(store) -> None:
    g = build_view(store, "themes-national", authority="plymouth")
    plymouth = IRI + "authority/plymouth"
    mapped = {r["theme"] for r in _run_plain(store, "network_themes_national", {"authority": "plymouth"})}
    assert set(g.neighbors(plymouth)) == mapped and mapped
    assert {g.nodes[t]["kind"] for t in mapped} == {"theme"}
    assert all(g.edges[plymouth, t]["relation"].endswith(("plan", "plans")) for t in mapped)


def test_national_theme_network_is_drawn_by_region_until_a_region_is_chosen(store) -> None:
    g = build_view(store, "themes-national")
    folded = fold_regions(g)
    assert not [n for n, d in folded.nodes(data=True) if d["kind"] == "authority"]
    london = "http://statistics.data.gov.uk/id/statistical-geography/E12000007"
    londoners = [n for n, d in g.nodes(data=True) if d["kind"] == "authority" and d["regions"] == {london}]
    for theme in folded.neighbors(london):
        assert folded.edges[london, theme]["weight"] == sum(1 for c in londoners if g.has_edge(c, theme))
    assert set(region_view(g, london)) == set(londoners) | {t for c in londoners for t in g.neighbors(c)}


def test_national_partner_view_leaves_fictional_councils_out_by_default(embedded_store) -> None:
    g = build_view(embedded_store, "partners-national")
    assert IRI + "authority/anyshire" not in g and IRI + "authority/medway" in g


def test_national_partner_view_draws_fictional_councils_when_examples_are_asked_for(embedded_store) -> None:
    g = build_view(embedded_store, "partners-national", include_examples=True)
    assert IRI + "authority/anyshire" in g and IRI + "authority/medway" in g


def test_a_view_of_a_fictional_plan_draws_it_without_being_asked_for_examples(embedded_store) -> None:
    g = build_view(embedded_store, "partner-priority", plan="anyshire-cypp-2024-2027")
    assert IRI + "plan/anyshire-cypp-2024-2027" in g
