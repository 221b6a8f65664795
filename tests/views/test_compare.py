"""kg.analysis.compare: outcomes and priorities apart, owner changes on kept priorities, "not recorded" for silence."""

from __future__ import annotations

from kg.analysis.compare import compare_plans
from kg.store.build import build_store
from kg.store.embedded import OxigraphStore
from kg.store.rdf_io import RdfSource

PLAN = "testshire-cypp-2030-2033"


def test_comparison_matches_priorities_by_label_and_partners_by_identity(testshire_store) -> None:
    diff = compare_plans(testshire_store, "testshire-cypp-2027-2030", PLAN)
    assert diff.priorities.kept == ["Early help"]
    assert diff.priorities.dropped == ["School readiness"]
    assert diff.priorities.added == ["<img src=x onerror=alert(1)>", "Youth voice"]
    assert diff.partners.kept == ["Testshire NHS Trust"]
    assert diff.partners.dropped == ["Testshire Voluntary Action"]
    assert diff.partners.added == [
        "<script>window.pwned = true</script>Testshire Police",
        "Testshire Partnership Board",
    ]


def test_outcomes_are_compared_as_outcomes_not_priorities(testshire_store) -> None:
    diff = compare_plans(testshire_store, "testshire-cypp-2027-2030", PLAN)
    assert diff.outcomes.not_recorded == ["Healthy", "Safe"]
    assert diff.outcomes.missing_in == "a"
    assert diff.outcomes.added == diff.outcomes.dropped == []


def test_medway_plans_compare_outcomes_and_owning_boards_from_the_seeds(store) -> None:
    diff = compare_plans(store, "medway-cypp-2009-2011", "medway-cypp-2019-2024")
    assert diff.outcomes.dropped == ["safe and cared for", "succeed in learning", "thrive"]
    assert diff.outcomes.added == ["A Healthy Start", "Learning Well", "Thriving in Our Community"]
    assert "Medway Children and Young People's Strategic Transformation Board" in diff.partners.added
    assert "Medway Children's Trust" in diff.partners.dropped


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


def test_kept_priorities_show_who_joined_as_contributing_partner(store) -> None:
    diff = compare_plans(store, "anyshire-cypp-2021-2024", "anyshire-cypp-2024-2027")
    changes = {c.label: c.describe() for c in diff.owner_changes}
    assert changes == {
        "Improve attendance at school": "contributing: + Anyshire Borough Council",
        "Reduce first-time entrants to the youth justice system": (
            "contributing: + Anyshire Constabulary, + Anyshire Schools Partnership"
        ),
        "Reduce the number of children who need to enter care": (
            "contributing: + Anyshire Constabulary, + Anyshire Integrated Care Board"
        ),
    }


SILENT_LATER_PLAN = """
@prefix cyp: <https://w3id.org/cypkg/def#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix id: <https://w3id.org/cypkg/id/> .
id:authority\\/quietshire a cyp:LocalAuthority ; skos:prefLabel "Quietshire (fictional)" .
id:organisation\\/quietshire-police a cyp:PoliceForce ; skos:prefLabel "Quietshire Police" .
id:plan\\/quietshire-cypp-2020-2023 a cyp:ChildrenAndYoungPeoplesPlan ; dcterms:title "Quietshire plan 2020-23" ;
    cyp:authority id:authority\\/quietshire .
id:plan\\/quietshire-cypp-2023-2026 a cyp:ChildrenAndYoungPeoplesPlan ; dcterms:title "Quietshire plan 2023-26" ;
    cyp:authority id:authority\\/quietshire .
id:priority\\/quietshire-safe-2020 a cyp:Priority ; skos:prefLabel "Keep children safe" ;
    cyp:priorityOf id:plan\\/quietshire-cypp-2020-2023 ; cyp:leadPartner id:organisation\\/quietshire-police .
id:priority\\/quietshire-safe-2023 a cyp:Priority ; skos:prefLabel "Keep children safe" ;
    cyp:priorityOf id:plan\\/quietshire-cypp-2023-2026 .
"""


def test_a_plan_with_no_ownership_data_has_its_partners_not_recorded_rather_than_dropped(tmp_path) -> None:
    source = tmp_path / "quietshire.ttl"
    source.write_text(SILENT_LATER_PLAN, encoding="utf-8")
    store = OxigraphStore()
    build_store(store, [RdfSource(source, "quietshire")])
    diff = compare_plans(store, "quietshire-cypp-2020-2023", "quietshire-cypp-2023-2026")
    assert diff.partners.dropped == []
    assert diff.partners.not_recorded == ["Quietshire Police"]
    assert diff.partners.missing_in == "b"
    assert diff.priorities.kept == ["Keep children safe"]
    assert [c.describe() for c in diff.owner_changes] == [
        "owners not recorded in the later plan; before lead: Quietshire Police"
    ]
