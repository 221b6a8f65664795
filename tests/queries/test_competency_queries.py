"""Golden tests for the named competency queries in kg/queries/.

Each case runs one named query, with its parameters bound by the store (never pasted into the
query text), on the seed graphs and the reference data, each file in its own named graph with
the union as the default graph. The rows must equal the expected CSV in tests/queries/expected/
exactly, in order: IRIs in our id namespace are written as their ids, other IRIs in full, and
literals as their lexical form; an unbound cell is empty.

To refresh the expected files after a deliberate data change, run with CYPKG_REGENERATE_GOLDEN=1
and review the diff like code.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.term import Node

import kg.queries
from kg.namespaces import graph_iri, local_id
from kg.store.embedded import OxigraphStore
from kg.store.protocol import Store
from kg.store.rdf_io import RdfSource
from tests.support.virtuoso import blank_image, start_virtuoso

REPO = Path(__file__).resolve().parents[2]
EXPECTED = Path(__file__).resolve().parent / "expected"
GOLDEN_FILES = sorted((REPO / "data" / "seeds").glob("*.ttl")) + sorted((REPO / "data" / "reference").glob("*.ttl"))
EXAMPLE_FILES = sorted((REPO / "data" / "examples").glob("*.ttl")) + sorted((REPO / "data" / "reference").glob("*.ttl"))
OUR_IRIS = ("https://w3id.org/cypkg/id/", "https://w3id.org/cypkg/def#")

CASES = [
    pytest.param("partners_by_priority", {}, id="partners_by_priority"),
    pytest.param("partners_by_priority", {"plan": "medway-cypp-2019-2024"}, id="partners_by_priority.medway-2019"),
    pytest.param("partners_by_priority", {"authority": "derby"}, id="partners_by_priority.derby"),
    pytest.param("meetings_for_plan", {}, id="meetings_for_plan"),
    pytest.param("meetings_for_plan", {"plan": "medway-cypp-2009-2011"}, id="meetings_for_plan.medway-2009"),
    pytest.param("decisions_for_plan", {}, id="decisions_for_plan"),
    pytest.param("strategies_feeding_plan", {}, id="strategies_feeding_plan"),
    pytest.param(
        "strategies_feeding_plan", {"plan": "medway-cypp-2019-2024"}, id="strategies_feeding_plan.medway-2019"
    ),
    pytest.param("plans_replaced", {}, id="plans_replaced"),
    pytest.param("plans_replaced", {"plan": "kent-cypp-2008-2011"}, id="plans_replaced.kent"),
    pytest.param("duties_by_plan", {}, id="duties_by_plan"),
    pytest.param("duties_by_authority", {}, id="duties_by_authority"),
    pytest.param("duties_by_authority", {"authority": "medway"}, id="duties_by_authority.medway"),
    pytest.param("priorities_without_indicators", {}, id="priorities_without_indicators"),
    pytest.param("plan_history", {}, id="plan_history"),
    pytest.param("plan_history", {"authority": "medway"}, id="plan_history.medway"),
    pytest.param("consultation_by_plan", {}, id="consultation_by_plan"),
    pytest.param("risks_by_plan", {}, id="risks_by_plan"),
    pytest.param("outcome_framework", {}, id="outcome_framework"),
    pytest.param("governance_pathway", {}, id="governance_pathway"),
    pytest.param("plans_by_authority", {}, id="plans_by_authority"),
    pytest.param("people_and_posts", {}, id="people_and_posts"),
    pytest.param("priority_changes", {}, id="priority_changes"),
    pytest.param(
        "source_of",
        {"node": "https://w3id.org/cypkg/id/risk/medway-cypp-2019-2024-inadequate-resourcing"},
        id="source_of.medway-risk",
    ),
    pytest.param("dated_events", {}, id="dated_events"),
    pytest.param("requests_to_bodies", {}, id="requests_to_bodies"),
    pytest.param("reviews_for_plan", {}, id="reviews_for_plan"),
    pytest.param("target_groups_and_tiers", {}, id="target_groups_and_tiers"),
    pytest.param("monitoring_arrangements", {}, id="monitoring_arrangements"),
    pytest.param("national_programmes", {}, id="national_programmes"),
    pytest.param("statutory_basis", {}, id="statutory_basis"),
    pytest.param("plan_status_as_at", {}, id="plan_status_as_at"),
    pytest.param(
        "plan_status_as_at", {"plan": "medway-cypp-2009-2011", "date": "2009-06-01"}, id="plan_status_as_at.medway-2009"
    ),
    pytest.param("conflicting_statements", {}, id="conflicting_statements"),
    pytest.param("unowned_priorities", {}, id="unowned_priorities"),
    pytest.param("undated_meetings", {}, id="undated_meetings"),
]


EXAMPLE_CASES = [
    pytest.param("partners_by_priority", {"plan": "anyshire-cypp-2024-2027"}, id="example.partners_by_priority"),
    pytest.param(
        "priorities_without_indicators", {"authority": "anyshire"}, id="example.priorities_without_indicators"
    ),
    pytest.param("priority_changes", {"plan": "anyshire-cypp-2024-2027"}, id="example.priority_changes"),
    pytest.param("governance_pathway", {"plan": "anyshire-cypp-2024-2027"}, id="example.governance_pathway"),
    pytest.param("dated_events", {"include_examples": "true"}, id="example.dated_events.included"),
    pytest.param("dated_events", {}, id="example.dated_events.left-out-by-default"),
    pytest.param("plan_status_as_at", {"include_examples": "true"}, id="example.plan_status_as_at.included"),
    pytest.param("plan_status_as_at", {}, id="example.plan_status_as_at.left-out-by-default"),
]


def _store(files: list[Path]) -> OxigraphStore:
    store = OxigraphStore()
    store.load_sources([RdfSource(p, str(graph_iri(p.stem))) for p in files], infer=False)
    return store


BACKENDS = ["embedded", pytest.param("virtuoso", marks=pytest.mark.virtuoso)]


def _on_backend(request: pytest.FixtureRequest, files: list[Path], server_name: str) -> Iterator[Store]:
    """The files on the asked backend; on Virtuoso, a private server restored from the same quads."""
    embedded = _store(files)
    if request.param == "embedded":
        yield embedded
        return
    tmp_path_factory: pytest.TempPathFactory = request.getfixturevalue("tmp_path_factory")
    root = Path(tempfile.mkdtemp(prefix=f"{server_name}-", dir=tmp_path_factory.getbasetemp()))
    server = start_virtuoso(root, image=blank_image(tmp_path_factory))
    try:
        remote = server.remote_store()
        dump = root / "golden.nq"
        with dump.open("wb") as out:
            embedded.dump(out, "nquads")
        remote.restore(dump)
        yield remote
        remote.close()
    finally:
        server.stop()


@pytest.fixture(scope="module", params=BACKENDS)
def example_store(request: pytest.FixtureRequest) -> Iterator[Store]:
    """The fictional example plan (data/examples) and the reference data, on each backend."""
    yield from _on_backend(request, EXAMPLE_FILES, "virtuoso-example")


@pytest.fixture(scope="module", params=BACKENDS)
def seed_store(request: pytest.FixtureRequest) -> Iterator[Store]:
    """The seed graphs and reference data, one named graph per file, without inference, on each backend."""
    yield from _on_backend(request, GOLDEN_FILES, "virtuoso-seeds")


def cell(term: Node | None) -> str:
    """A result term as written in the expected CSVs."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return local_id(term) if str(term).startswith(OUR_IRIS) else str(term)
    if isinstance(term, Literal):
        return str(term)
    return str(term)


def as_csv(columns: list[str], rows: list[dict[str, Node]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(c)) for c in columns])
    return out.getvalue()


def assert_golden(store: Store, name: str, params: dict[str, str], case_id: str) -> None:
    rows = kg.queries.run(store, name, params)
    actual = as_csv(rows.columns, rows)  # type: ignore[attr-defined]
    case_id = case_id.removeprefix("embedded-").removeprefix("virtuoso-")
    expected_file = EXPECTED / f"{case_id}.csv"
    if os.environ.get("CYPKG_REGENERATE_GOLDEN"):
        expected_file.write_text(actual, encoding="utf-8")
    assert expected_file.exists(), f"no expected rows for {case_id}: run with CYPKG_REGENERATE_GOLDEN=1"
    assert actual == expected_file.read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "params"), CASES)
def test_query_answers_on_seed_graphs_match_golden_rows(
    seed_store: Store, name: str, params: dict[str, str], request: pytest.FixtureRequest
) -> None:
    assert_golden(seed_store, name, params, request.node.callspec.id)


@pytest.mark.parametrize(("name", "params"), EXAMPLE_CASES)
def test_query_answers_on_fictional_example_match_golden_rows(
    example_store: Store, name: str, params: dict[str, str], request: pytest.FixtureRequest
) -> None:
    assert_golden(example_store, name, params, request.node.callspec.id)


COMPETENCY_QUERIES = (
    "partners_by_priority",
    "meetings_for_plan",
    "decisions_for_plan",
    "strategies_feeding_plan",
    "plans_replaced",
    "duties_by_plan",
    "duties_by_authority",
    "priorities_without_indicators",
    "plan_history",
    "consultation_by_plan",
    "risks_by_plan",
    "outcome_framework",
    "governance_pathway",
    "plans_by_authority",
    "people_and_posts",
    "priority_changes",
    "source_of",
    "dated_events",
    "requests_to_bodies",
    "reviews_for_plan",
    "target_groups_and_tiers",
    "monitoring_arrangements",
    "national_programmes",
    "statutory_basis",
    "plan_status_as_at",
    "conflicting_statements",
    "unowned_priorities",
    "undated_meetings",
)


@pytest.mark.parametrize("name", COMPETENCY_QUERIES)
def test_competency_query_exists_and_has_a_golden_case(name: str) -> None:
    assert name in kg.queries.all_queries(), f"kg/queries/{name}.rq is missing"
    assert name in {case.values[0] for case in CASES}, f"{name} has no golden case"


@pytest.mark.parametrize(
    "query",
    [pytest.param(q, id=n) for n, q in sorted(kg.queries.all_queries().items())]
    + [pytest.param(q, id=f"views/{n}") for n, q in sorted(kg.queries.view_queries().items())],
)
def test_named_query_parses_and_has_a_header(query: kg.queries.NamedQuery) -> None:
    name = query.name
    assert query.question, f"{name}.rq has no '# question:' line"
    assert query.example, f"{name}.rq has no '# example:' line"
    assert "# parameter:" in query.text, f"{name}.rq has no '# parameter:' line (write '# parameter: none')"
    prepareQuery(query.text)


@pytest.mark.parametrize("name", COMPETENCY_QUERIES)
def test_competency_query_orders_its_rows(name: str) -> None:
    query = kg.queries.get(name)
    if query.form == "SELECT":
        assert "ORDER BY" in query.text.upper(), f"{name}.rq needs ORDER BY so its answers are deterministic"
