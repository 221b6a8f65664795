"""Invariants of the tree that no single feature test would notice breaking."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib.plugins.sparql import prepareQuery

from kg import queries
from kg.namespaces import PREFIXES

REPO = Path(__file__).resolve().parents[1]
QUERY_FILES = sorted((REPO / "kg" / "queries").rglob("*.rq"))


def test_query_folder_has_queries():
    assert len(QUERY_FILES) >= 1


@pytest.mark.parametrize("path", QUERY_FILES, ids=[p.stem for p in QUERY_FILES])
def test_every_query_file_has_a_question_header(path: Path):
    assert queries.parse_query_file(path).question


@pytest.mark.parametrize("path", QUERY_FILES, ids=[p.stem for p in QUERY_FILES])
def test_every_query_file_parses_as_sparql(path: Path):
    prepareQuery(path.read_text(encoding="utf-8"), initNs=PREFIXES)


def test_readme_shows_the_test_command_ci_runs():
    ci = (REPO / ".ci" / "run").read_text()
    command = re.search(r"exec (bash scripts/test\.sh)", ci)
    assert command, ".ci/run must exec the README's test command"
    assert command.group(1) in (REPO / "README.md").read_text()



def test_kg_all_lists_exactly_the_public_names_and_each_resolves():
    import types

    import kg
    import kg.validate
    import kg.validate_store  # noqa: F401  (submodules bound on the package must not hide an export)

    for name in kg.__all__:
        assert callable(getattr(kg, name)), name
    names = [n for n in dir(kg) if not n.startswith("_") and n != "annotations"]
    exported = {n for n in names if not isinstance(getattr(kg, n), types.ModuleType)}
    assert exported == set(kg.__all__)
