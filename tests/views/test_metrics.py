"""kg.analysis.metrics: leads and contributions per partner, the overload rule, gaps and single points of failure."""

from __future__ import annotations

from kg.analysis.metrics import OverloadRule, workshop_metrics

PLAN = "testshire-cypp-2030-2033"
EXAMPLE = "anyshire-cypp-2024-2027"


def _section(rows: list, section: str) -> dict[str, object]:
    return {r.id: r.value for r in rows if r.section == section}


def test_metrics_count_gaps_degree_and_brokers_for_one_plan(testshire_store) -> None:
    rows = workshop_metrics(testshire_store, plan=PLAN)
    assert _section(rows, "one-owner") == {"testshire-early-help-2030": 1, "testshire-safe": 1}
    assert _section(rows, "no-owner") == {"testshire-unowned": 0, "testshire-healthy": 0}
    assert _section(rows, "degree")["testshire-nhs"] == 2
    assert _section(rows, "betweenness")["testshire-xss"] > 0


def test_leads_and_contributions_are_counted_apart_per_partner(testshire_store) -> None:
    rows = workshop_metrics(testshire_store, plan=PLAN)
    assert _section(rows, "leads") == {"testshire-nhs": 1, "testshire-police": 1, "testshire-partnership-board": 1}
    assert _section(rows, "contributions") == {
        "testshire-nhs": 1,
        "testshire-police": 0,
        "testshire-partnership-board": 0,
    }


def test_a_partner_owning_in_two_plans_is_reported_as_shared(testshire_store) -> None:
    rows = workshop_metrics(testshire_store)
    shared = {r.id: r for r in rows if r.section == "shared-partners"}
    assert set(shared) == {"testshire-nhs"}
    assert shared["testshire-nhs"].value == 2


def test_example_plan_flags_the_council_as_overloaded_and_states_the_rule(store) -> None:
    rows = workshop_metrics(store, plan=EXAMPLE, rule=OverloadRule(max_leads=2, max_roles=5))
    overloaded = {r.id: r for r in rows if r.section == "overloaded"}
    assert set(overloaded) == {"anyshire"}
    assert "leads more than 2" in overloaded["anyshire"].detail
    assert _section(rows, "leads")["anyshire"] == 3
    assert _section(rows, "contributions")["anyshire"] == 4


def test_a_stricter_rule_flags_more_partners(store) -> None:
    rows = workshop_metrics(store, plan=EXAMPLE, rule=OverloadRule(max_leads=1, max_roles=5))
    assert {r.id for r in rows if r.section == "overloaded"} == {"anyshire", "anyshire-schools-partnership"}


def test_example_plan_single_point_of_failure_is_the_only_owner_of_key_stage_2(store) -> None:
    rows = workshop_metrics(store, plan=EXAMPLE)
    assert _section(rows, "one-owner") == {"anyshire-cypp-2024-2027-key-stage-2": 1}
    spof = [r for r in rows if r.section == "single-point-of-failure"]
    assert [(r.id, r.value, r.detail) for r in spof] == [
        ("anyshire-schools-partnership", 1, "Raise attainment at key stage 2")
    ]
