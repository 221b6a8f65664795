"""Run one SPARQL query on a pyoxigraph store within a row budget and serialise the answer.

This is the code a query worker process runs, so it imports only the store layer. Solutions are
read up to the row cap (one more row means over budget), written as SPARQL JSON, and turned into
the other result formats by oxigraph's own serialisers, so every format says the same thing.
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
        parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        body = serialized(parsed.serialize(format=RESULT_FORMATS[request.results_format]))
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
