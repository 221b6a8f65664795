"""The indicator named queries answer with the figures in the DfE tables."""

from __future__ import annotations

from decimal import Decimal

from rdflib import Literal

from kg.analysis.indicators import compare_with_neighbours
from kg.imports.reference import authorities
from kg.namespaces import CYP, ID
from kg.queries import run


def test_trend_gives_medway_looked_after_rate_by_year_with_england(indicator_store) -> None:
    rows = run(indicator_store, "indicator_trend", {"authority": "medway", "indicator": "lait-lac"})
    series = {str(r["period"]): Decimal(str(r["value"])) for r in rows}
    assert list(series)[0] == "2016" and list(series)[-1] == "2025"
    assert series["2025"] == Decimal("72")
    assert rows[-1]["englandValue"] == Literal(Decimal("67"))


def test_neighbour_comparison_lists_medway_then_its_ten_neighbours(indicator_store) -> None:
    rows = run(
        indicator_store,
        "indicator_neighbours",
        {"authority": "medway", "indicator": "lait-lac", "period": "2025", "model": "sn-2025"},
    )
    assert [str(r["label"]) for r in rows][:3] == ["Medway", "Swindon", "Dudley"]
    assert len(rows) == 11
    medway = rows[0]
    ranks = (medway["nationalRank"], medway["nationalCount"], medway["quartile"])
    assert tuple(int(str(r)) for r in ranks) == (65, 151, 2)


def test_neighbour_mean_and_group_rank(indicator_store) -> None:
    comp = compare_with_neighbours(indicator_store, "medway", "lait-lac", "2025")
    assert comp.neighbour_mean == Decimal("64.6")
    assert comp.england == Decimal("67")
    assert (comp.group_rank, comp.group_size) == (4, 11)


def test_biggest_change_ranks_redcar_and_shropshire_first(indicator_store) -> None:
    rows = run(indicator_store, "indicator_biggest_change", {"indicator": "lait-lac", "from": "2016", "to": "2025"})
    assert {str(r["label"]) for r in rows[:2]} == {"Redcar and Cleveland", "Shropshire"}
    assert all(Decimal(str(r["change"])) == 71 for r in rows[:2])


def test_completeness_lists_medway_status_rows(indicator_store) -> None:
    rows = run(indicator_store, "indicator_completeness", {"authority": "medway"})
    assert len(rows) == 51
    assert all(r["problem"] == CYP.StatusNotAvailable for r in rows)


def test_every_current_upper_tier_authority_has_neighbours_and_observations(indicator_store) -> None:
    have_neighbours = {
        str(r["a"])
        for r in indicator_store.select(
            "PREFIX cyp: <https://w3id.org/cypkg/def#> SELECT DISTINCT ?a WHERE { ?r cyp:neighbourOf ?a ; "
            "cyp:neighbourModel <https://w3id.org/cypkg/id/neighbour-model/sn-2025> }"
        )
    }
    have_obs = {
        str(r["a"])
        for r in indicator_store.select(
            "PREFIX cyp: <https://w3id.org/cypkg/def#> SELECT DISTINCT ?a WHERE { "
            "?o cyp:indicator <https://w3id.org/cypkg/id/indicator/lait-lac> ; cyp:refArea ?a }"
        )
    }
    current_upper = {a.iri for a in authorities() if a.tier == "upper" and a.current}
    assert current_upper - have_neighbours == set()
    assert current_upper - have_obs == set()
    assert str(ID["authority/northamptonshire"]) in have_obs


def test_wrong_way_lists_a_priority_measure_that_worsened(indicator_store) -> None:
    from rdflib import Graph

    plan = ID["plan/test-medway-plan"]
    priority = ID["priority/test-medway-neet"]
    g = Graph()
    g.add((plan, CYP.authority, ID["authority/medway"]))
    g.add((priority, CYP.priorityOf, plan))
    g.add((priority, CYP.measuredBy, ID["indicator/lait-16-17-neet"]))  # lower is better: 3.8 → 6.6
    g.add((priority, CYP.measuredBy, ID["indicator/lait-lac"]))  # no polarity: never listed
    indicator_store.put_graph("test-wrong-way", g)
    try:
        rows = run(indicator_store, "indicator_wrong_way", {"authority": "medway"})
    finally:
        indicator_store.drop_graph("test-wrong-way")
    assert [(str(r["notation"]), str(r["previousValue"]), str(r["latestValue"])) for r in rows] == [
        ("16-17 NEET", "3.8", "6.6")
    ]
