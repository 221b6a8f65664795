"""The national questions as named queries, answered on the fixed copy of the register (tests/fixtures/register).

Each case's rows must equal its CSV in tests/register/expected/ exactly, in order, on both backends;
the store holds the fixed register's graphs, the reference data, the DfE indicators, the theme-indicator
mapping and the fictional example plan (left out unless `include_examples` is true or a parameter names
it). Regenerate after a deliberate change with CYPKG_REGENERATE_GOLDEN=1 and review the diff like code.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import kg.queries
from kg.store.protocol import Store
from tests.queries.test_competency_queries import as_csv

EXPECTED = Path(__file__).resolve().parent / "expected"
THEME = "https://w3id.org/cypkg/def#"

CASES = [
    pytest.param("themes_by_decade", {}, id="themes_by_decade"),
    pytest.param("councils_by_theme", {"theme": THEME + "SafeguardingTheme"}, id="councils_by_theme.safeguarding"),
    pytest.param(
        "councils_by_theme", {"theme": THEME + "StaySafeTheme"}, id="councils_by_theme.stay-safe-and-narrower"
    ),
    pytest.param("bodies_by_decade", {}, id="bodies_by_decade"),
    pytest.param("plans_in_force", {"year": "2012"}, id="plans_in_force.2012"),
    pytest.param("plans_in_force", {"year": "2025"}, id="plans_in_force.2025"),
    pytest.param(
        "plans_in_force", {"year": "2025", "include_examples": "true"}, id="plans_in_force.2025-with-examples"
    ),
    pytest.param("councils_without_current_plan", {}, id="councils_without_current_plan"),
    pytest.param("councils_without_current_plan", {"year": "2012"}, id="councils_without_current_plan.2012"),
    pytest.param("plan_lengths", {}, id="plan_lengths"),
    pytest.param("partners_named_most", {}, id="partners_named_most"),
    pytest.param("theme_history", {"authority": "hampshire"}, id="theme_history.hampshire"),
    pytest.param("theme_history", {"authority": "somerset"}, id="theme_history.somerset"),
    pytest.param(
        "theme_indicator_movement", {"theme": THEME + "ChildrenInCareTheme"}, id="theme_indicator_movement.in-care"
    ),
    pytest.param("theme_indicator_movement", {"authority": "westminster"}, id="theme_indicator_movement.westminster"),
    pytest.param("national_matrix", {"authority": "plymouth"}, id="national_matrix.plymouth"),
    pytest.param("council_timeline", {"authority": "plymouth"}, id="council_timeline.plymouth"),
    pytest.param("council_timeline", {"authority": "york"}, id="council_timeline.york"),
    pytest.param("council_timeline", {"authority": "anyshire"}, id="council_timeline.fictional-named"),
    pytest.param(
        "council_timeline", {"authority": "anyshire", "include_examples": "true"}, id="council_timeline.fictional-asked"
    ),
]
NATIONAL_QUERIES = (
    "themes_by_decade",
    "councils_by_theme",
    "bodies_by_decade",
    "plans_in_force",
    "councils_without_current_plan",
    "plan_lengths",
    "partners_named_most",
    "theme_history",
    "theme_indicator_movement",
    "national_matrix",
    "council_timeline",
)


@pytest.mark.parametrize(("name", "params"), CASES)
def test_national_query_answers_on_the_fixed_register_match_golden_rows(
    national_store: Store, name: str, params: dict[str, str], request: pytest.FixtureRequest
) -> None:
    rows = kg.queries.run(national_store, name, params)
    actual = as_csv(rows.columns, rows)  # type: ignore[attr-defined]
    case_id = request.node.callspec.id.removeprefix("embedded-").removeprefix("virtuoso-")
    expected = EXPECTED / f"{case_id}.csv"
    if os.environ.get("CYPKG_REGENERATE_GOLDEN"):
        expected.write_text(actual, encoding="utf-8")
    assert expected.exists(), f"no expected rows for {case_id}: run with CYPKG_REGENERATE_GOLDEN=1"
    assert actual == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", NATIONAL_QUERIES)
def test_every_national_question_has_a_golden_case(name: str) -> None:
    assert name in {case.values[0] for case in CASES}


@pytest.mark.parametrize("name", NATIONAL_QUERIES)
def test_every_national_question_leaves_fictional_data_out_unless_asked(name: str) -> None:
    query = kg.queries.get(name)
    assert "?include_examples boolean optional" in query.text
    assert "ORDER BY" in query.text
