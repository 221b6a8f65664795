"""The core `cypkg` commands, run as a real subprocess with the store in a scratch directory."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg import queries as named_queries

CYPKG = str(Path(sys.executable).with_name("cypkg"))  # the console script of the Python running the tests
TINY = """@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/cypkg/id/test/alpha> skos:prefLabel "alpha"@en .
<https://w3id.org/cypkg/id/test/beta> skos:prefLabel "beta"@en .
"""


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """Environment for a cypkg whose store and data live in tmp_path (one tiny data file)."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "tiny.ttl").write_text(TINY, encoding="utf-8")
    return {
        **os.environ,
        "CYPKG_STORE_DIR": str(tmp_path / "store"),
        "CYPKG_DATA_DIR": str(data),
        "CYPKG_BACKEND": "embedded",
        "COLUMNS": "200",
    }


def cypkg(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CYPKG, *args], env=env, capture_output=True, text=True, check=False, timeout=600)


def test_help_says_where_to_start_and_lists_the_commands(env: dict[str, str]) -> None:
    shown = cypkg("--help", env=env)
    assert shown.returncode == 0
    assert "cypkg load" in shown.stdout
    for command in ("load", "replace", "drop", "graphs", "validate", "queries", "query", "dump", "restore"):
        assert command in shown.stdout


@pytest.mark.parametrize(
    ("command", "teaches"),
    [
        pytest.param("load", "all or nothing", id="load"),
        pytest.param("query", "--param", id="query"),
        pytest.param("dump", "cypkg dump > all.nq", id="dump"),
        pytest.param("restore", "all or nothing", id="restore"),
        pytest.param("validate", "Violation", id="validate"),
    ],
)
def test_command_help_teaches_how_to_use_it(env: dict[str, str], command: str, teaches: str) -> None:
    shown = cypkg(command, "--help", env=env)
    assert shown.returncode == 0
    assert teaches in " ".join(shown.stdout.split())


def test_load_prints_triples_per_second(env: dict[str, str]) -> None:
    loaded = cypkg("load", env=env)
    assert loaded.returncode == 0, loaded.stderr
    assert "triples/s" in loaded.stdout


def test_validate_malformed_file_exits_2_naming_file_and_line(env: dict[str, str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(TINY + "<https://w3id.org/cypkg/id/test/gamma> skos:prefLabel \n", encoding="utf-8")
    checked = cypkg("validate", str(bad), env=env)
    assert checked.returncode == 2
    assert f"{bad}:5" in " ".join(checked.stderr.split())


def test_query_missing_a_parameter_exits_with_a_hint(env: dict[str, str]) -> None:
    needy = next(q for q in named_queries.all_queries().values() if any(not p.optional for p in q.parameters))
    asked = cypkg("query", needy.name, env=env)
    assert asked.returncode != 0
    assert "--param" in asked.stderr
    assert "how to fix" in asked.stderr


def test_dump_and_restore_round_trip(env: dict[str, str], tmp_path: Path) -> None:
    assert cypkg("load", env=env).returncode == 0
    first = cypkg("dump", env=env)
    assert first.returncode == 0
    dump = tmp_path / "all.nq"
    dump.write_text(first.stdout, encoding="utf-8")
    restored = cypkg("restore", str(dump), env=env)
    assert restored.returncode == 0, restored.stderr
    again = cypkg("dump", env=env)
    assert sorted(again.stdout.splitlines()) == sorted(first.stdout.splitlines())
    assert "alpha" in again.stdout


def test_validate_store_checks_the_whole_built_store_and_exits_0_when_it_conforms(tmp_path: Path) -> None:
    repo = Path(__file__).resolve().parents[2]
    data = tmp_path / "data"
    for folder in ("seeds", "reference"):
        shutil.copytree(repo / "data" / folder, data / folder)
    env = {**os.environ, "CYPKG_STORE_DIR": str(tmp_path / "store"), "CYPKG_DATA_DIR": str(data), "COLUMNS": "200"}
    assert cypkg("load", env=env).returncode == 0
    result = cypkg("validate", "--store", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "conforms" in result.stdout


UNDATED_MEETING = """@prefix cyp: <https://w3id.org/cypkg/def#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
<https://w3id.org/cypkg/id/report/testshire-2019-cabinet> a cyp:Report ;
    dcterms:title "A report" ; dcterms:date "2019"^^<http://www.w3.org/2001/XMLSchema#gYear> ;
    cyp:sourceFile "seeds/testshire-2019-cabinet.txt" .
<https://w3id.org/cypkg/id/paragraph/testshire-2019-cabinet-p1> a cyp:Paragraph ;
    cyp:paragraphNumber "1" ; cyp:text "The board will meet on Wednesday 28 June." ;
    dcterms:isPartOf <https://w3id.org/cypkg/id/report/testshire-2019-cabinet> .
<https://w3id.org/cypkg/id/board/testshire-board> a cyp:Body ; skos:prefLabel "the board" ;
    prov:wasDerivedFrom <https://w3id.org/cypkg/id/paragraph/testshire-2019-cabinet-p1> .
<https://w3id.org/cypkg/id/meeting/testshire-board-undated> a cyp:Meeting ;
    cyp:body <https://w3id.org/cypkg/id/board/testshire-board> ; cyp:dateText "Wednesday 28 June" ;
    prov:wasDerivedFrom <https://w3id.org/cypkg/id/paragraph/testshire-2019-cabinet-p1> .
"""


def test_validate_with_warnings_only_lists_them_and_exits_0(env: dict[str, str], tmp_path: Path) -> None:
    undated = tmp_path / "undated.ttl"
    undated.write_text(UNDATED_MEETING, encoding="utf-8")
    checked = cypkg("validate", str(undated), env=env)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Warnings (1)" in checked.stdout
    assert "Violations" not in checked.stdout


def test_validate_lists_violations_before_and_apart_from_warnings(env: dict[str, str], tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    wrong_date = '\n<https://w3id.org/cypkg/id/meeting/testshire-board-undated> cyp:meetingDate "28 June" .\n'
    broken.write_text(UNDATED_MEETING.replace('cyp:dateText "Wednesday 28 June" ;', "") + wrong_date, encoding="utf-8")
    checked = cypkg("validate", str(broken), env=env)
    assert checked.returncode == 1
    assert "Violations (1)" in checked.stdout
    assert "Warnings" not in checked.stdout or checked.stdout.index("Violations") < checked.stdout.index("Warnings")


def test_queries_lists_the_analysts_questions_not_the_views_building_blocks(env: dict[str, str]) -> None:
    listed = cypkg("queries", "--format", "csv", env=env)
    names = {line.split(",", 1)[0] for line in listed.stdout.splitlines()[1:]}
    assert "plan_history" in names
    assert not {n for n in names if n.startswith("network_")}
    assert set(named_queries.view_queries()).isdisjoint(names)


@pytest.mark.parametrize("field", ["returns", "why", "note"])
def test_queries_name_shows_the_headers_returns_why_and_note_lines(env: dict[str, str], field: str) -> None:
    query = next(
        q for q in named_queries.all_queries().values() if (q.returns if field == "returns" else q.extra.get(field))
    )
    shown = cypkg("queries", query.name, "--format", "csv", env=env)
    assert shown.returncode == 0, shown.stderr
    rows = list(csv.DictReader(io.StringIO(shown.stdout)))
    expected = query.returns if field == "returns" else query.extra[field]
    assert {"field": field, "value": expected} in rows
    assert rows[0] == {"field": "question", "value": query.question}


def test_a_views_query_asked_for_as_a_named_query_is_refused_saying_it_belongs_to_the_views(
    env: dict[str, str],
) -> None:
    asked = cypkg("query", "network_plans", env=env)
    assert asked.returncode != 0
    assert "kg/queries/views" in " ".join(asked.stderr.split())
