"""Run one SPARQL query on a pyoxigraph store within a row budget and serialise the answer.

This is the code a query worker process runs, so it imports only the store layer; the answer is
serialised within the row budget as the embedded store serialises its own (kg.store.embedded.serialized_answer).
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
