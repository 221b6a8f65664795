"""The indicator shapes accept a sample of the real data and refuse broken observations."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH, XSD

from kg.namespaces import CYP

ROOT = Path(__file__).resolve().parents[2]
SHAPES = Graph().parse(ROOT / "ontology" / "shapes-indicators.ttl")
OBS = URIRef("https://w3id.org/cypkg/id/observation/lait-lac-medway-2025")


@pytest.fixture(scope="module")
def medway_sample() -> Graph:
    """Medway's observations plus the indicator definitions: a sample small enough for pyshacl."""
    g = Graph()
    with gzip.open(ROOT / "data" / "indicators" / "lait-observations.nt.gz", "rt", encoding="utf-8") as fh:
        g.parse(data="".join(line for line in fh if "-medway-" in line), format="nt")
    g.parse(ROOT / "data" / "indicators" / "lait-indicators.ttl")
    return g


def _results(g: Graph) -> set[tuple[URIRef, URIRef | None, URIRef]]:
    conforms, report, _ = validate(g, shacl_graph=SHAPES, allow_warnings=True)
    return {
        (report.value(r, SH.focusNode), report.value(r, SH.resultPath), report.value(r, SH.sourceConstraintComponent))
        for r in report.subjects(SH.resultSeverity, SH.Violation)
    }


def test_medway_sample_conforms(medway_sample: Graph) -> None:
    assert _results(medway_sample) == set()


def test_observation_with_value_and_status_is_a_violation(medway_sample: Graph) -> None:
    g = Graph() + medway_sample
    g.add((OBS, CYP.obsStatus, CYP.StatusSuppressed))
    assert (OBS, None, SH.XoneConstraintComponent) in _results(g)


def test_observation_with_two_periods_is_a_violation(medway_sample: Graph) -> None:
    g = Graph() + medway_sample
    g.add((OBS, CYP.refPeriod, Literal("2024")))
    assert (OBS, CYP.refPeriod, SH.MaxCountConstraintComponent) in _results(g)


def test_non_decimal_value_is_a_violation(medway_sample: Graph) -> None:
    g = Graph() + medway_sample
    g.set((OBS, CYP.value, Literal("72", datatype=XSD.string)))
    assert (OBS, CYP.value, SH.DatatypeConstraintComponent) in _results(g)
