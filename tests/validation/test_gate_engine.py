"""The write gate's compiled SPARQL engine gives plain pyshacl's verdict on the same write (#14).

The gate validates its candidate data (the graph after the write, what other graphs say about its
nodes, their links and one hop beyond) with `validate_graph`; plain pyshacl on the same data is the
reference (`plain_validate`). For each write, the verdicts are compared whole: every result
(severity, focus node, path, value, component, source shape, message) in order, whether the write
conforms, and the other graphs named for each Violation. The writes are the five seeds, the
example, a register graph, shape cases that break shapes of every kind, and a fixture that
contradicts another graph already in the store.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from kg.store.build import build_store, data_sources
from kg.store.embedded import OxigraphStore
from kg.validation.gate import Checked, check_changes, read_rdf_file
from kg.validation.shapes import validate
from kg.validation.whole_store import plain_validate, validate_graph

REPO = Path(__file__).resolve().parents[2]
SEEDS = sorted((REPO / "data" / "seeds").glob("*.ttl"))
CASES = REPO / "tests" / "validation" / "shapes" / "cases"
CONFLICT = REPO / "tests" / "validation" / "fixtures" / "conflict"
DOCUMENTS = [
    *SEEDS,
    REPO / "data" / "examples" / "example-cypp.ttl",
    REPO / "data" / "register" / "register-barnet-gov-uk-3803afba.ttl",
    *sorted(CONFLICT.glob("*.ttl")),
]
BROKEN = [
    "ReferenceShape.dangling-owner.invalid",
    "ProvenanceShape-wasDerivedFrom.organisation.invalid",
    "ConsultationShape-participantCount.wrong-datatype.invalid",
    "RevocationShape-date.two-dates.invalid",
    "PlanShape-title.duplicate.invalid",
    "DateBoundsShape-order.latest-before-earliest.invalid",
    "MeetingShape-meetingDate-expected.undated-is-a-warning.invalid",
    "PriorityShape-ownedBy-class.person-as-owner.invalid",
]


@pytest.fixture(scope="module")
def store() -> OxigraphStore:
    """The ontology, the reference data (not the bulk observations), the seeds and the first conflict fixture."""
    sources = [
        s
        for s in data_sources(REPO / "data")
        if s.graph == "ontology"
        or s.path in SEEDS
        or (s.path.parent.name in ("reference", "indicators") and ".nt" not in s.path.name)
    ]
    built = OxigraphStore()
    build_store(built, sources)
    first = sorted(CONFLICT.glob("*.ttl"))[0]
    built.put_graph(first.stem, read_rdf_file(first, first.stem))
    return built


def verdict(checked: Checked) -> tuple:
    """Everything the gate says about a write, results in report order."""
    report = checked.report
    rows = [
        (r.severity, r.focus_node, str(r.result_path), r.value, r.constraint_component, r.source_shape, r.message)
        for r in report.results
    ]
    return rows, report.conforms, checked.conflicts


def both_verdicts(store: OxigraphStore, name: str, data: Graph) -> tuple[tuple, tuple]:
    compiled = check_changes(store, {name: data})[0]
    plain = check_changes(store, {name: data}, validator=plain_validate)[0]
    return verdict(compiled), verdict(plain)


@pytest.mark.parametrize("path", [pytest.param(p, id=p.stem) for p in DOCUMENTS])
def test_gate_on_a_real_document_gives_plain_pyshacls_verdict(store: OxigraphStore, path: Path) -> None:
    compiled, plain = both_verdicts(store, path.stem, read_rdf_file(path, path.stem))
    assert compiled == plain


@pytest.mark.parametrize("case", BROKEN)
def test_gate_on_a_broken_graph_gives_plain_pyshacls_verdict(store: OxigraphStore, case: str) -> None:
    data = Graph().parse(CASES / "_base.ttl", format="turtle")
    data.parse(CASES / f"{case}.ttl", format="turtle")
    compiled, plain = both_verdicts(store, "broken-case", data)
    assert compiled == plain
    assert compiled[0], "the case breaks a shape"


def test_a_literal_pyoxigraph_would_rewrite_is_reported_as_written() -> None:
    """pyoxigraph stores "1.50"^^xsd:decimal as "1.5": that graph is checked as plain pyshacl sees it."""
    data = Graph().parse(CASES / "_base.ttl", format="turtle")
    data.parse(
        data="@prefix cyp: <https://w3id.org/cypkg/def#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        "<https://w3id.org/cypkg/id/consultation/testshire-cypp-2019-2024> a cyp:Consultation ;"
        ' cyp:participantCount "1.50"^^xsd:decimal .',
        format="turtle",
    )
    fast = validate_graph(data)
    assert [r.to_dict() for r in fast.results] == [r.to_dict() for r in validate(data).results]
    assert "1.50" in {str(r.value) for r in fast.results}
