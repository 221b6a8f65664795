"""What a worker process runs: one SPARQL query within a row budget, or one /validate check.

Solutions are read up to the row cap (one more row means over budget), written as SPARQL JSON,
and turned into the other result formats by oxigraph's own serialisers, so every format says the
same thing. A validation parses the body (kg.validation.gate.read_rdf_bytes: DTDs refused) and
checks it against the store with the write gate's rules, nothing written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryLimitExceeded
from kg.store.binding import query_bound
from kg.store.rdf_io import GRAPH_FORMATS, RESULT_FORMATS, graph_prefixes, serialized
from kg.store.terms import solutions_json


@dataclass(frozen=True)
class QueryRequest:
    """A query and how to answer it: result formats per query form, dataset, bound values."""

    query: str
    results_format: str = "json"
    graph_format: str = "turtle"
    default_graph: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    bindings: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ValidateRequest:
    """A body to check against the shapes and the store (POST /validate)."""

    body: bytes
    media_type: str


Job = QueryRequest | ValidateRequest


def run_job(store: Any, job: Job, max_rows: int) -> Any:
    """Answer a query (QueryAnswer) or a validation (the report as a JSON-ready dict) on `store`."""
    if isinstance(job, QueryRequest):
        return execute(store.raw, job, max_rows)
    return validate_body(store, job)


def validate_body(store: Any, job: ValidateRequest) -> dict[str, Any]:
    """The SHACL report for a body, checked as if it were added to the store as a new graph."""
    import json

    from kg.validation.gate import check_data, read_rdf_bytes

    report = check_data(store, read_rdf_bytes(job.body, job.media_type))
    return {"conforms": report.conforms, "counts": report.counts(), "results": json.loads(report.to_json())}


@dataclass(frozen=True)
class QueryAnswer:
    """A serialised answer: form is `solutions`, `boolean` or `graph`; rows counts solutions or triples."""

    form: str
    format: str
    body: bytes
    rows: int


def execute(store: ox.Store, request: QueryRequest, max_rows: int) -> QueryAnswer:
    """Run the query; raises QueryError (syntax, with line and column) or QueryLimitExceeded (rows)."""
    result = query_bound(
        store,
        request.query,
        request.bindings,
        default_graph=request.default_graph,
        named_graphs=request.named_graphs,
    )
    if isinstance(result, ox.QueryBoolean):
        body = serialized(result.serialize(format=RESULT_FORMATS[request.results_format]))
        return QueryAnswer("boolean", request.results_format, body, 1)
    if isinstance(result, ox.QueryTriples):
        triples = _take(result, max_rows)
        fmt = request.graph_format
        body = serialized(ox.serialize(triples, format=GRAPH_FORMATS[fmt], prefixes=graph_prefixes(fmt)))
        return QueryAnswer("graph", request.graph_format, body, len(triples))
    variables = [v.value for v in result.variables]
    solutions = _take(result, max_rows)
    body = solutions_json(variables, solutions)
    if request.results_format != "json":
        try:
            parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
            body = serialized(parsed.serialize(format=RESULT_FORMATS[request.results_format]))
        except MemoryError as exc:  # oxigraph's JSON reader holds one value to 16 MB
            raise QueryLimitExceeded(
                "size",
                f"a value in the answer is too large to write as {request.results_format.upper()} (over 16 MB)",
                hint="ask for JSON (Accept: application/sparql-results+json), or select a shorter value",
            ) from exc
    return QueryAnswer("solutions", request.results_format, body, len(solutions))


def _take(result: Any, max_rows: int) -> list[Any]:
    taken: list[Any] = []
    for item in result:
        if len(taken) >= max_rows:
            raise row_limit_error(max_rows)
        taken.append(item)
    return taken


def row_limit_error(max_rows: int) -> QueryLimitExceeded:
    """The error an answer over the service's row budget gets, on every backend."""
    return QueryLimitExceeded(
        "rows",
        f"the query returns more than {max_rows:,} rows (the service's row limit, CYPKG_MAX_ROWS)",
        hint="add LIMIT/OFFSET to page through the answer, or narrow it with filters",
    )
