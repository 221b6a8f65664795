"""The named competency queries over HTTP: list them, and run one with its parameters as JSON or CSV.

Parameter values come from the URL's query string and are typed and bound by `kg.queries`,
never pasted; the query runs through the same time and row budget as /sparql.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from api.conneg import choose
from api.deps import RunnerDep, StoreDep, client_key
from api.errors import problem_responses
from api.execute import QueryRequest
from api.responses import not_acceptable
from kg import queries as named_queries
from kg.store.terms import to_oxigraph

router = APIRouter(tags=["named queries"])

OFFERS = ["application/json", "text/csv"]
LIST_EXAMPLE = [
    {
        "name": "indicator_trend",
        "question": "How has a measure moved over time for one authority, against England?",
        "parameters": [{"name": "authority", "kind": "authority", "optional": False, "description": "the council"}],
        "example": "medway, lait-lac → 2016 63.0 … 2025 72",
        "url": "/queries/indicator_trend",
    }
]


def describe(query: named_queries.NamedQuery, base: str) -> dict[str, Any]:
    """A named query as the list shows it."""
    return {
        "name": query.name,
        "question": query.question,
        "parameters": [
            {"name": p.name, "kind": p.kind, "optional": p.optional, "description": p.description}
            for p in query.parameters
        ],
        "example": query.example,
        "returns": query.returns,
        **{key: query.extra[key] for key in ("why", "note") if key in query.extra},
        "url": f"{base}queries/{query.name}",
    }


@router.get(
    "/queries",
    summary="List the named competency queries, their questions and parameters",
    responses={200: {"content": {"application/json": {"example": LIST_EXAMPLE}}}, **problem_responses(500)},
)
def list_queries(request: Request) -> JSONResponse:
    """Every named query shipped with cypkg; run one at its `url` with its parameters in the query string."""
    base = str(request.url_for("root"))
    return JSONResponse([describe(q, base) for q in named_queries.all_queries().values()])


def plain_rows(results_json: bytes) -> tuple[list[str], list[dict[str, Any]]]:
    """SPARQL JSON results as (columns, rows of plain values: IRIs as strings, numbers as numbers)."""
    data = json.loads(results_json)
    columns = data["head"]["vars"]
    rows = []
    for binding in data["results"]["bindings"]:
        rows.append({k: _plain(v) for k, v in binding.items()})
    return columns, rows


_NUMERIC = {
    "http://www.w3.org/2001/XMLSchema#integer": int,
    "http://www.w3.org/2001/XMLSchema#decimal": float,
    "http://www.w3.org/2001/XMLSchema#double": float,
}


def _plain(term: dict[str, Any]) -> Any:
    convert = _NUMERIC.get(term.get("datatype", ""))
    if convert is not None:
        try:
            return convert(term["value"])
        except ValueError:
            return term["value"]
    if term.get("datatype") == "http://www.w3.org/2001/XMLSchema#boolean":
        return term["value"] == "true"
    return term["value"]


@router.get(
    "/queries/{name}",
    summary="Run a named query with its parameters (JSON or CSV)",
    responses={
        200: {
            "content": {
                "application/json": {"example": {"query": "indicator_trend", "columns": ["period"], "rows": []}},
                "text/csv": {"schema": {"type": "string"}},
            }
        },
        **problem_responses(400, 404, 406, 422, 503),
    },
)
async def run_query(
    request: Request,
    runner: RunnerDep,
    store: StoreDep,
    name: str = Path(pattern=r"^[A-Za-z0-9_]+$", max_length=100, examples=["indicator_trend"]),
) -> Response:
    """Answer one competency question; give each parameter as `?name=value` (an id, IRI or literal).

    Fictional example data is left out unless `include_examples=true`, or a parameter names a fictional plan or council.
    """
    query = named_queries.get(name)
    params = dict(request.query_params)
    query.bind(params)  # a bad parameter is refused before the store is asked anything
    scoped = await run_in_threadpool(named_queries.bind_scoped, store, query, params)
    bindings = {k: to_oxigraph(v) for k, v in scoped.items()}
    media = choose(request.headers.get("accept"), OFFERS, "application/json")
    if media is None:
        raise not_acceptable(OFFERS)
    answer = await runner.run(
        QueryRequest(query=query.text, results_format="json", bindings=bindings), client=client_key(request)
    )
    columns, rows = plain_rows(answer.body)
    if media == "text/csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if row.get(c) is None else row[c] for c in columns])
        return Response(
            buf.getvalue(),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{query.name}.csv"', "Vary": "Accept"},
        )
    return JSONResponse(
        {"query": query.name, "question": query.question, "columns": columns, "rows": rows}, headers={"Vary": "Accept"}
    )
