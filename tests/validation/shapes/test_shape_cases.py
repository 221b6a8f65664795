"""Each file in cases/ shows one behaviour of one shape, checked in both directions.

A case is Turtle added to cases/_base.ttl (a graph with no results at all). Its header lists the
results it must produce, one `# expect: FOCUS PATH COMPONENT SEVERITY` line each (PATH `-` when the
result has none); a case with no expect lines must produce nothing. The set of (focus node, path,
constraint component, severity) from the report must equal that list exactly. Messages are never
compared: they are for officers and may be reworded.

Every case runs plain pyshacl with rdflib parsing each SPARQL text of the shapes once per process
(`kg.validation.whole_store.parsed_once`, the reference engine's path): parsing the same few texts
again for every case was most of this file's time, and a parsed query evaluates as its text does.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph

from kg.namespaces import PREFIXES
from kg.ontology.files import ONTOLOGY_DIR, load_ontology
from kg.validation.shapes import ValidationReport
from kg.validation.shapes import validate as plain_pyshacl
from kg.validation.whole_store import parsed_once

CASES = Path(__file__).resolve().parent / "cases"
BASE = CASES / "_base.ttl"
CASE_FILES = sorted(p for p in CASES.glob("*.ttl") if not p.name.startswith("_"))
EXPECT = re.compile(r"^#\s*expect:\s*(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s*$", re.MULTILINE)

Key = tuple[str, str, str, str]

_PARSED: dict[tuple[str, Any, Any], Any] = {}
"""The shapes' SPARQL as rdflib parsed it, kept for every case of the run."""


def validate(graph: Graph) -> ValidationReport:
    """Plain pyshacl with this suite's shapes and the ontology, each SPARQL text parsed once."""
    with parsed_once(_PARSED):
        return plain_pyshacl(graph, shapes=our_shapes(), ontology=load_ontology())


@cache
def our_shapes() -> Graph:
    """Only the shapes this suite specifies, so other teams' shape files cannot move its results."""
    graph = Graph()
    for name in ("shapes.ttl", "shapes-ranges.ttl"):
        graph.parse(ONTOLOGY_DIR / name, format="turtle")
    return graph


def _expand(token: str, prefixes: dict[str, str]) -> str:
    if token.startswith("<") and token.endswith(">"):
        return token[1:-1]
    prefix, _, local = token.partition(":")
    return prefixes[prefix] + local if prefix in prefixes else token


def _path_key(token: str, prefixes: dict[str, str]) -> str:
    if token == "-":
        return ""
    if re.search(r"[|^/*+?]", token.replace("://", "")):
        return token
    return _expand(token, prefixes)


def expected_results(case: Path, graph: Graph) -> set[Key]:
    prefixes = dict(PREFIXES, sh="http://www.w3.org/ns/shacl#")
    prefixes.update({prefix: str(ns) for prefix, ns in graph.namespaces()})
    return {
        (
            _expand(focus, prefixes),
            _path_key(path, prefixes),
            component.removeprefix("sh:"),
            severity.removeprefix("sh:"),
        )
        for focus, path, component, severity in EXPECT.findall(case.read_text(encoding="utf-8"))
    }


def actual_results(report: ValidationReport) -> set[Key]:
    return {(str(r.focus_node), str(r.result_path or ""), r.constraint_component, r.severity) for r in report.results}


def check(case: Path) -> tuple[ValidationReport, set[Key], set[Key]]:
    graph = Graph().parse(BASE, format="turtle")
    case_graph = Graph().parse(case, format="turtle")
    graph += case_graph
    report = validate(graph)
    return report, expected_results(case, case_graph), actual_results(report)


def test_the_case_folder_holds_cases() -> None:
    assert len(CASE_FILES) >= 1, f"no shape cases found in {CASES}"


def test_the_base_graph_has_no_results() -> None:
    report = validate(Graph().parse(BASE, format="turtle"))
    assert actual_results(report) == set()


def test_at_least_fourteen_kinds_of_broken_graph_are_specified() -> None:
    invalid = [p for p in CASE_FILES if p.name.endswith(".invalid.ttl")]
    assert len(invalid) >= 14


@pytest.mark.parametrize("case", [pytest.param(p, id=p.name.removesuffix(".ttl")) for p in CASE_FILES])
def test_case_yields_exactly_its_expected_results(case: Path) -> None:
    report, expected, actual = check(case)
    if case.name.endswith(".valid.ttl"):
        assert expected == set(), "a valid case must not declare expected results"
    else:
        assert expected, f"{case.name} declares no '# expect:' lines"
    assert actual == expected, f"missing: {sorted(expected - actual)}; unexpected: {sorted(actual - expected)}"
    assert report.conforms == all(severity != "Violation" for *_, severity in expected)
