"""Full validation of a store gives exactly plain pyshacl's results, on good data and on broken data.

Results are compared whole (severity, focus node, path, value, component, source shape and the
officer's message), in order. The bulk indicator observations are left out of the data/ check
only because plain pyshacl needs minutes for them; benchmarks/ compares that size. Plain pyshacl
runs as the reference engine, `plain_validate`: rdflib parses each SPARQL text once per process
rather than once per focus node (most of plain pyshacl's time), and a parsed query evaluates as
its text does.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from kg.store.build import build_store, data_sources
from kg.store.embedded import OxigraphStore
from kg.validation.shapes import ValidationReport
from kg.validation.whole_store import plain_validate, store_union, validate_store

REPO = Path(__file__).resolve().parents[2]
CASES_DIR = Path(__file__).resolve().parent / "shapes" / "cases"
CASES = sorted(CASES_DIR.glob("*.ttl"))


def result_rows(report: ValidationReport) -> list[tuple]:
    """Everything a result says, in report order."""
    return [
        (r.severity, r.focus_node, str(r.result_path), r.value, r.constraint_component, r.source_shape, r.message)
        for r in report.results
    ]


def turtle_data_store() -> OxigraphStore:
    store = OxigraphStore()
    build_store(store, [s for s in data_sources() if not s.path.name.endswith((".nt", ".nt.gz"))])
    return store


def graph_store(tmp_path: Path, graph: Graph) -> OxigraphStore:
    """A store of one document graph plus the ontology, built as `cypkg build` builds data/."""
    data = tmp_path / "data"
    data.mkdir()
    graph.serialize(data / "case.ttl", format="turtle")
    store = OxigraphStore()
    build_store(store, data_sources(data))
    return store


def test_full_validation_of_data_equals_plain_pyshacl() -> None:
    store = turtle_data_store()
    assert result_rows(validate_store(store)) == result_rows(plain_validate(store_union(store)))


@pytest.mark.parametrize("case", [pytest.param(c, id=c.stem) for c in CASES])
def test_full_validation_of_shape_case_equals_plain_pyshacl(tmp_path: Path, case: Path) -> None:
    graph = Graph().parse(CASES_DIR / "_base.ttl", format="turtle")
    if case.name != "_base.ttl":
        graph.parse(case, format="turtle")
    store = graph_store(tmp_path, graph)
    plain = plain_validate(store_union(store))
    fast = validate_store(store)
    assert result_rows(fast) == result_rows(plain)
    assert fast.conforms == plain.conforms


def test_broken_plan_is_reported_like_plain_pyshacl(tmp_path: Path) -> None:
    broken = Graph().parse(
        data="@prefix cyp: <https://w3id.org/cypkg/def#> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        "<https://w3id.org/cypkg/id/plan/broken-cypp-2011-2009> a cyp:ChildrenAndYoungPeoplesPlan ;\n"
        '    cyp:periodStart "2011"^^xsd:gYear ; cyp:periodEnd "2009"^^xsd:gYear ;\n'
        "    cyp:ownedBy <https://w3id.org/cypkg/id/board/no-such-board> .\n",
        format="turtle",
    )
    store = graph_store(tmp_path, broken)
    fast = validate_store(store)
    assert not fast.conforms
    assert result_rows(fast) == result_rows(plain_validate(store_union(store)))


def test_report_graph_is_a_shacl_report(tmp_path: Path) -> None:
    store = graph_store(tmp_path, Graph().parse(CASES_DIR / "PlanShape-title.missing.invalid.ttl", format="turtle"))
    assert "sh:ValidationReport" in validate_store(store).to_turtle()
