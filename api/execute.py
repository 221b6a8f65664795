"""Run one SPARQL query on a pyoxigraph store within a row budget and serialise the answer.

This is the code a query worker process runs, so it imports only the store layer. Solutions are
read up to the row cap (one more row means over budget), written as SPARQL JSON, and turned into
the other result formats by oxigraph's own serialisers, so every format says the same thing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryLimitExceeded
from kg.namespaces import PREFIXES
from kg.store import GRAPH_FORMATS, RESULT_FORMATS, query_bound, serialized


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
    kwargs: dict[str, Any] = {"prefixes": PREFIXES}
    if request.default_graph:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in request.default_graph]
    else:
        kwargs["use_default_graph_as_union"] = True
    if request.named_graphs:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in request.named_graphs]
    result = query_bound(store, request.query, request.bindings, **kwargs)
    if isinstance(result, ox.QueryBoolean):
        body = serialized(result.serialize(format=RESULT_FORMATS[request.results_format]))
        return QueryAnswer("boolean", request.results_format, body, 1)
    if isinstance(result, ox.QueryTriples):
        triples = _take(result, max_rows)
        fmt = request.graph_format
        body = serialized(ox.serialize(triples, format=GRAPH_FORMATS[fmt], prefixes=_prefixes(fmt)))
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


def _prefixes(graph_format: str) -> dict[str, str] | None:
    return PREFIXES if graph_format in ("turtle", "trig", "xml") else None


def solutions_json(variables: list[str], solutions: list[ox.QuerySolution]) -> bytes:
    """SPARQL 1.1 Query Results JSON for these solutions."""
    bindings = []
    for solution in solutions:
        row = {}
        for name in variables:
            term = solution[name]
            if term is not None:
                row[name] = term_json(term)
        bindings.append(row)
    return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}}, ensure_ascii=False).encode()


def term_json(term: Any) -> dict[str, Any]:
    """One RDF term in SPARQL JSON results form."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": term_json(term.subject),
                "predicate": term_json(term.predicate),
                "object": term_json(term.object),
            },
        }
    raise TypeError(f"unsupported term {term!r}")
