"""What a worker process runs: one SPARQL query within a row budget, or one /validate check.

The answer is serialised within the row budget as the embedded store serialises its own
(kg.store.embedded.serialized_answer). A validation parses the body (kg.validation.gate.read_rdf_bytes:
DTDs refused) and checks it against the store with the write gate's rules, nothing written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from kg.store.binding import query_bound
from kg.store.embedded import row_limit_error, serialized_answer

__all__ = ["QueryAnswer", "QueryRequest", "execute", "row_limit_error"]


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
        return execute(store.as_oxigraph(), job, max_rows)
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
    fmt = request.graph_format if isinstance(result, ox.QueryTriples) else request.results_format
    form, body, rows = serialized_answer(result, fmt, max_rows)
    return QueryAnswer(form, fmt, body, rows)
