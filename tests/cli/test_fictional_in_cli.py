"""`cypkg query` leaves fictional example data out unless asked for, or named by a parameter."""

from __future__ import annotations

from tests.cli.conftest import Place, cli

FICTIONAL_PLAN = "anyshire-cypp-2024-2027"


def test_query_leaves_fictional_plans_out_by_default(real: Place) -> None:
    done = cli("query", "plans_by_authority", "--format", "csv")
    assert done.exit_code == 0 and "medway-cypp-2019-2024" in done.stdout
    assert "anyshire" not in done.stdout


def test_query_brings_fictional_plans_in_with_include_examples(real: Place) -> None:
    done = cli("query", "plans_by_authority", "-p", "include_examples=true", "--format", "csv")
    assert done.exit_code == 0 and FICTIONAL_PLAN in done.stdout


def test_unowned_priorities_of_a_named_plan_is_a_query_not_a_syntax_error(real: Place) -> None:
    done = cli("query", "unowned_priorities", "-p", f"plan={FICTIONAL_PLAN}", "--format", "csv")
    assert done.exit_code == 0, done.stderr


def test_query_naming_a_fictional_plan_answers_it(real: Place) -> None:
    done = cli("query", "partners_by_priority", "-p", f"plan={FICTIONAL_PLAN}", "--format", "csv")
    assert done.exit_code == 0 and FICTIONAL_PLAN in done.stdout
