"""The SPARQL 1.1 Graph Store Protocol at /store?graph=NAME: read, replace, add to and drop one named graph.

Reading is open; writing needs `Authorization: Bearer <CYPKG_API_TOKEN>` and goes through the
SHACL gate in `kg.validation.gate` (a refused write answers 422 with the report and changes nothing).
The body is parsed by the store's writer, never on the event loop; the ontology graph is read-only.
A graph is named by its short name (`medway-2019-02-19-hwb`) or its full IRI under …/graph/.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from api.conneg import choose
from api.deps import StoreDep, WriterDep
from api.errors import UnsupportedMediaType, problem_responses
from api.responses import GRAPH_TYPES, graph_response, not_acceptable
from kg.errors import QueryError, UnknownIdError
from kg.namespaces import GRAPH, SLUG
from kg.validation.gate import BODY_FORMATS, writable

router = APIRouter(tags=["graph store"])

READABLE = list(BODY_FORMATS)
BODY_SCHEMAS = {
    t: {"schema": {"type": ["object", "array"]} if t == "application/ld+json" else {"type": "string"}} for t in READABLE
}
"""Request bodies as OpenAPI describes them: JSON-LD is a JSON object or array, the other syntaxes text."""
GRAPH_PATTERN = r"^(https://w3id\.org/cypkg/graph/)?[a-z0-9][a-z0-9-]{0,199}$"
GraphParam = Annotated[
    str,
    Query(
        max_length=300,
        pattern=GRAPH_PATTERN,
        description="The graph's name or IRI",
        examples=["milton-keynes-2009-10-27-cabinet"],
    ),
]
RDF_CONTENT = {t: {"schema": {"type": "string"}} for t in GRAPH_TYPES}


def graph_name(value: str) -> str:
    """The short name of a document graph given by name or IRI; anything else is refused."""
    base = str(GRAPH)
    name = value[len(base) :] if value.startswith(base) else value
    if not SLUG.match(name) or len(name) > 200:
        raise QueryError(
            f"{value!r} is not a graph name",
            hint="name a graph like milton-keynes-2009-10-27-cabinet, or give its IRI under " + base,
        )
    return name


def body_media(content_type: str) -> str:
    """The media type of a request body, if it is an RDF syntax the service reads; 415 otherwise."""
    media = content_type.split(";")[0].strip().lower()
    if media not in BODY_FORMATS:
        raise UnsupportedMediaType(
            f"cannot read RDF sent as {media or 'an untyped body'}",
            hint=f"send one of: {', '.join(BODY_FORMATS)}",
        )
    return media


@router.get(
    "/store",
    summary="Read one named graph (Graph Store Protocol)",
    responses={200: {"description": "The graph", "content": RDF_CONTENT}, **problem_responses(400, 404, 406)},
)
def store_get(request: Request, store: StoreDep, graph: GraphParam) -> Response:
    """The triples of one named graph, in the RDF syntax asked for (Turtle by default)."""
    name = graph_name(graph)
    media = choose(request.headers.get("accept"), list(GRAPH_TYPES), "text/turtle")
    if media is None:
        raise not_acceptable(list(GRAPH_TYPES))
    # One read, so the answer comes from one state of the store: a graph with no triples is not there
    # (asking the graph list first and reading the graph after could see two states between writes).
    content = store.graph(name)
    if len(content) == 0:
        raise UnknownIdError("graph", name, hint="list the graphs with SELECT DISTINCT ?g WHERE { GRAPH ?g {} }")
    return graph_response(content, media)


WRITE_RESPONSES = {
    200: {"description": "Written", "content": {"application/json": {"example": {"graph": "example", "triples": 10}}}},
    **problem_responses(400, 401, 403, 404, 413, 415, 422),
}
WRITE_BODY = {"requestBody": {"content": BODY_SCHEMAS}}


async def _write(request: Request, writer: WriterDep, graph: str, mode: Literal["add", "replace"]) -> Response:
    from kg.validation.writer import PutGraph

    name = writable(graph_name(graph))
    media = body_media(request.headers.get("content-type", ""))
    result = await writer.writes.submit(PutGraph(name, await request.body(), media, mode))
    return JSONResponse(result)


@router.put(
    "/store",
    summary="Replace a named graph (bearer token; SHACL-gated)",
    responses=WRITE_RESPONSES,
    openapi_extra=WRITE_BODY,
)
async def store_put(request: Request, writer: WriterDep, graph: GraphParam) -> Response:
    """Replace the graph's content with the body, atomically, if the result passes the shapes."""
    return await _write(request, writer, graph, "replace")


@router.post(
    "/store",
    summary="Add triples to a named graph (bearer token; SHACL-gated)",
    responses=WRITE_RESPONSES,
    openapi_extra=WRITE_BODY,
)
async def store_post(request: Request, writer: WriterDep, graph: GraphParam) -> Response:
    """Add the body's triples to the graph, atomically, if the result passes the shapes."""
    return await _write(request, writer, graph, "add")


@router.delete("/store", summary="Drop a named graph (bearer token)", responses=WRITE_RESPONSES)
async def store_delete(writer: WriterDep, graph: GraphParam) -> Response:
    """Remove the graph and what was inferred from it."""
    from kg.validation.writer import DropGraph

    name = writable(graph_name(graph))
    return JSONResponse(await writer.writes.submit(DropGraph(name)))
