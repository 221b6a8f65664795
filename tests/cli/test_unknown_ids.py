"""A typo is an error, not silence (#14 item 15): unknown ids exit 1 naming the nearest known ids,
parse errors say what is wrong in words, every command's help has an example, and flags take no value."""

from __future__ import annotations

import pytest
import typer

from kg.cli import app
from tests.cli.conftest import Place, cli, use


def _said(outcome) -> str:  # noqa: ANN001
    return " ".join(outcome.stderr.split())


def test_a_misspelt_query_name_suggests_the_right_one_first(real: Place) -> None:
    refused = cli("query", "plan_histroy")
    assert refused.exit_code == 1
    assert "did you mean plan_history " in _said(refused)


@pytest.mark.parametrize(
    ("args", "nearest"),
    [
        pytest.param(
            ("query", "partners_by_priority", "-p", "plan=medway-cypp-2019-2042"), "medway-cypp-2019-2024", id="plan"
        ),
        pytest.param(("query", "plan_history", "-p", "authority=medwya"), "medway", id="authority"),
        pytest.param(
            ("query", "indicator_trend", "-p", "authority=medway", "-p", "indicator=lait-lca"),
            "lait-lac",
            id="indicator",
        ),
        pytest.param(("indicator", "LCA", "--authority", "medway"), "lait-lac", id="indicator-command"),
        pytest.param(("indicator", "LAC", "--authority", "medwya"), "medway", id="indicator-authority"),
        pytest.param(("metrics", "--plan", "medway-cypp-2019-2042"), "medway-cypp-2019-2024", id="metrics"),
        pytest.param(
            ("compare", "medway-cypp-2009-2011", "medway-cypp-2019-2042"), "medway-cypp-2019-2024", id="compare"
        ),
        pytest.param(
            ("view", "partner-priority", "--plan", "medway-cypp-2019-2042"), "medway-cypp-2019-2024", id="view"
        ),
    ],
)
def test_an_unknown_id_is_an_error_naming_the_nearest(real: Place, args: tuple[str, ...], nearest: str) -> None:
    refused = cli(*args)
    assert refused.exit_code == 1
    assert "no " in refused.stderr and f"did you mean {nearest}" in _said(refused)


def test_an_id_that_is_not_an_id_is_an_error_saying_how_ids_are_written(real: Place) -> None:
    refused = cli("view", "matrix", "--plan", "medway cypp")
    assert refused.exit_code == 1
    assert "'medway cypp' is not an id of a plan" in _said(refused)
    assert "lower-case letters, digits and hyphens" in _said(refused)


def test_a_format_the_view_does_not_come_in_is_refused_before_the_store_is_opened(
    tiny_place: Place, monkeypatch
) -> None:  # noqa: ANN001
    use(tiny_place, monkeypatch)
    refused = cli("view", "partner-priority", "--plan", "medway-cypp-2019-2024", "-f", "xlsx")
    assert refused.exit_code == 1
    assert "comes as html, svg, png, not 'xlsx'" in _said(refused)
    assert not tiny_place.store.exists()


def test_an_unknown_graph_is_an_error_naming_the_nearest(tiny: Place) -> None:
    before = tiny.fingerprint()
    refused = cli("drop", "tinny")
    assert refused.exit_code == 1
    assert "did you mean tiny" in _said(refused)
    assert tiny.fingerprint() == before


def test_neighbours_for_a_period_without_data_is_an_error_listing_the_periods(real: Place) -> None:
    refused = cli("indicator", "LAC", "--authority", "medway", "--neighbours", "2030")
    assert refused.exit_code == 1
    assert "no period with id '2030'" in refused.stderr and "2024" in refused.stderr


def test_neighbours_for_a_period_with_data_compare(real: Place) -> None:
    shown = cli("indicator", "LAC", "--authority", "medway", "--neighbours", "2024")
    assert shown.exit_code == 0, shown.output
    assert "neighbour mean" in shown.stdout


def test_an_unknown_prefix_is_named_without_the_parsers_character_ranges(real: Place) -> None:
    refused = cli("sparql", "SELECT * WHERE { ?s foo:bar ?o }")
    assert refused.exit_code == 1
    assert "unknown prefix `foo:` in `foo:bar`" in refused.stderr
    assert "PREFIX foo:" in refused.stderr and "\\u{" not in refused.stderr


def test_an_id_with_a_slash_after_a_prefix_is_shown_how_to_write_it(real: Place) -> None:
    refused = cli("sparql", "SELECT ?p WHERE { ?p cyp:priorityOf id:plan/medway-cypp-2019-2024 }")
    assert refused.exit_code == 1
    assert "id:plan\\/medway-cypp-2019-2024" in refused.stderr


def test_the_escaped_id_the_docs_show_works(real: Place) -> None:
    shown = cli("sparql", "SELECT ?t WHERE { id:plan\\/medway-cypp-2019-2024 dcterms:title ?t }", "-f", "csv")
    assert shown.exit_code == 0, shown.output
    assert len(shown.stdout.splitlines()) == 2


def test_an_update_given_to_sparql_says_how_to_write_instead(tiny: Place) -> None:
    before = tiny.fingerprint()
    refused = cli("sparql", "PREFIX ex: <http://example.org/>\nINSERT DATA { GRAPH ex:g { ex:a ex:b ex:c } }")
    assert refused.exit_code == 1
    assert "only reads" in refused.stderr and "cypkg load FILE" in refused.stderr
    assert tiny.fingerprint() == before


COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_has_an_example(command: str) -> None:
    shown = cli(command, "--help")
    assert shown.exit_code == 0
    assert "Example" in shown.stdout and f"cypkg {command}" in shown.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_flags_show_no_value_in_help(command: str) -> None:
    assert "<bool>" not in cli(command, "--help").stdout


def test_a_flag_is_given_alone(tmp_path) -> None:  # noqa: ANN001
    refused = cli("template", str(tmp_path / "plan.xlsx"), "--force", "true")
    assert refused.exit_code == 2
