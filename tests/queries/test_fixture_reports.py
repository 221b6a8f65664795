"""Two fictional councils' reports (tests/fixtures/reports) load without invention and validate with warnings only.

They are incomplete the way real reports are: meetings with no printed date, priorities with no named
owner, decisions about a chair or the minutes rather than a plan, and one plan re-titled and re-dated
between two reports. Loaded with the seeds and reference data in any order, the store gives the same
verdict: no violations, and warnings that are exactly those gaps.
"""

from __future__ import annotations

import itertools
from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF

import kg.queries
from kg.namespaces import CYP, ID, graph_iri, local_id
from kg.ontology.files import ONTOLOGY_GRAPH, ontology_files
from kg.store.embedded import OxigraphStore
from kg.store.rdf_io import RdfSource
from kg.validation.shapes import ValidationReport
from kg.validation.whole_store import validate_store

REPO = Path(__file__).resolve().parents[2]
FIXTURES = sorted((REPO / "tests" / "fixtures" / "reports").glob("*.ttl"))
CONTEXT = sorted((REPO / "data" / "seeds").glob("*.ttl")) + sorted((REPO / "data" / "reference").glob("*.ttl"))


def _store(order: tuple[Path, ...]) -> OxigraphStore:
    store = OxigraphStore()
    sources = [RdfSource(p, ONTOLOGY_GRAPH) for p in ontology_files()]
    sources += [RdfSource(p, str(graph_iri(p.stem))) for p in order]
    store.load_sources(sources)
    return store


def _verdict(report: ValidationReport) -> set[tuple[str, str, str, str]]:
    return {(r.severity, str(r.focus_node), str(r.result_path or ""), r.constraint_component) for r in report.results}


@cache
def _loaded() -> OxigraphStore:
    return _store(tuple(CONTEXT + FIXTURES))


def test_there_are_two_fixture_reports() -> None:
    assert len(FIXTURES) == 2


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_every_node_of_a_fixture_report_is_fictional(path: Path) -> None:
    graph = Graph().parse(path, format="turtle")
    typed = set(graph.subjects(RDF.type, None))
    unflagged = sorted(str(n) for n in typed if (n, CYP.fictional, Literal(True)) not in graph)
    assert not unflagged


@cache
def _fixture_verdict(order: tuple[int, ...]) -> frozenset[tuple[str, str, str, str]]:
    files = [FIXTURES[i] for i in order]
    report = validate_store(_store(tuple(files[:1] + CONTEXT + files[1:])))
    return frozenset(_verdict(report))


@pytest.mark.parametrize("order", list(itertools.permutations(range(2))), ids=["ctb-first", "cabinet-first"])
def test_fixture_reports_validate_with_warnings_only_whatever_the_order(order: tuple[int, ...]) -> None:
    verdict = _fixture_verdict(order)
    assert not [r for r in verdict if r[0] == "Violation"], "the seeds and fixtures together have violations"
    assert verdict == _fixture_verdict((0, 1))


def test_the_fixture_warnings_are_the_gaps_of_the_reports() -> None:
    warned = {(local_id(focus), path.rsplit("#", 1)[-1]) for _, focus, path, _ in _fixture_verdict((0, 1))}
    assert ("northwold-ctb-june", "meetingDate") in warned
    assert ("northwold-cypp-teenage-health", "ownedBy") in warned
    assert ("northwold-ctb-2010-03-10-request-progress-report", "about") in warned


def _ids(name: str, column: str, params: dict[str, str]) -> set[str]:
    return {local_id(str(row[column])) for row in kg.queries.run(_loaded(), name, params) if row.get(column)}


def test_undated_meetings_are_listed_only_when_examples_are_asked_for() -> None:
    asked = _ids("undated_meetings", "meeting", {"include_examples": "true"})
    undated = {"northwold-ctb-june", "northwold-ctb-previous", "northwold-cabinet-spring"}
    undated.add("northwold-full-council-autumn")
    assert undated <= asked
    assert not {m for m in _ids("undated_meetings", "meeting", {}) if m.startswith("northwold")}


def test_unowned_priorities_lists_the_priorities_the_reports_name_no_owner_for() -> None:
    unowned = _ids("unowned_priorities", "priority", {"include_examples": "true"})
    assert unowned == {"northwold-cypp-school-readiness", "northwold-cypp-teenage-health"}


def test_the_redated_plan_is_two_statements_in_conflict_not_a_broken_constraint() -> None:
    rows = kg.queries.run(
        _loaded(), "conflicting_statements", {"node": str(ID["plan/northwold-cypp"]), "include_examples": "true"}
    )
    found = {(local_id(str(r["property"])), str(r["value1"]), str(r["value2"])) for r in rows}
    assert found == {("periodStart", "2010", "2011"), ("periodEnd", "2013", "2014")}


def test_the_decisions_that_are_not_about_a_plan_keep_their_kind_and_verb() -> None:
    rows = kg.queries.run(_loaded(), "requests_to_bodies", {"include_examples": "true"})
    kinds = {local_id(str(r["kind"])): str(r.get("about") or "") for r in rows if "northwold" in str(r["decision"])}
    assert local_id(kinds["Elect"]) == "northwold-ctb-chair"
    assert local_id(kinds["ApproveMinutes"]) == "northwold-ctb-previous"
    assert kinds["RequestReport"] == ""
