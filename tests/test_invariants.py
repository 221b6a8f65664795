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
    import kg.validation.shapes
    import kg.validation.whole_store

    for name in kg.__all__:
        assert callable(getattr(kg, name)), name
    names = [n for n in dir(kg) if not n.startswith("_") and n != "annotations"]
    exported = {n for n in names if not isinstance(getattr(kg, n), types.ModuleType)}
    assert exported == set(kg.__all__)


STAGES = [
    # kg.store.terms (rdflib ⇄ oxigraph terms) depends on nothing else of the store: the ontology reads with it.
    ("kg.config", "kg.errors", "kg.namespaces", "kg.cache", "kg.process_budget", "kg.store.terms"),
    ("kg.ontology",),
    ("kg.store",),
    ("kg.queries",),
    ("kg.validation",),
    ("kg.imports",),
    ("kg.analysis",),
    ("kg.views",),
    ("kg.cli", "kg.__main__"),  # kg.__main__: the cypkg script's entry point, in front of kg.cli
    ("api",),
]


def _stage(module: str) -> int | None:
    if module == "kg":  # the front door re-exports every stage, lazily
        return len(STAGES)
    for rank, prefixes in enumerate(STAGES):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return rank
    return None


def _imports_of(path: Path) -> list[tuple[int, str]]:
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{a.name}" if node.module in ("kg", "api") else node.module for a in node.names]
            found += [(node.lineno, n) for n in names]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
    return found


SOURCE_FILES = sorted(p for top in ("kg", "api") for p in (REPO / top).rglob("*.py"))


@pytest.mark.parametrize("path", SOURCE_FILES, ids=[str(p.relative_to(REPO)) for p in SOURCE_FILES])
def test_a_stage_imports_only_from_the_stages_before_it(path: Path):
    """docs/architecture.md: the tree is a pipeline, so no module reaches forward to a later stage."""
    module = ".".join(path.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")
    own = _stage(module)
    assert own is not None, f"{module} belongs to no stage: add it to STAGES and docs/architecture.md"
    forward = [f"line {line}: {name}" for line, name in _imports_of(path) if (_stage(name) or 0) > own]
    assert not forward, f"{module} imports from later stages: {forward}"
