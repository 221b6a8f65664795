"""Answering in the representation asked for: JSON, JSON-LD or Turtle for lookups, any RDF syntax for graphs."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse, Response
from rdflib import Graph

from api.conneg import choose
from api.errors import NotAcceptable
from kg.namespaces import PREFIXES
from kg.queries.lookups import as_jsonld, as_turtle

JSON = "application/json"
JSONLD = "application/ld+json"
TURTLE = "text/turtle"
LOOKUP_TYPES = [JSON, JSONLD, TURTLE]
GRAPH_TYPES: dict[str, str] = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
    "application/n-quads": "nquads",
    "application/trig": "trig",
}
VARY = {"Vary": "Accept"}


def not_acceptable(offers: list[str]) -> NotAcceptable:
    return NotAcceptable(
        "none of the formats in your Accept header is available here",
        hint=f"ask for one of: {', '.join(offers)}",
    )


def context_url(request: Request) -> str:
    """Where this service publishes its JSON-LD context."""
    return str(request.url_for("jsonld_context"))


def represent(request: Request, body: dict[str, Any]) -> Response:
    """A lookup answer as JSON (default), JSON-LD or Turtle, by Accept."""
    chosen = choose(request.headers.get("accept"), LOOKUP_TYPES, JSON)
    if chosen is None:
        raise not_acceptable(LOOKUP_TYPES)
    if chosen == TURTLE:
        return Response(as_turtle(body), media_type="text/turtle; charset=utf-8", headers=VARY)
    if chosen == JSONLD:
        return JSONResponse(as_jsonld(body, context_url(request)), media_type=JSONLD, headers=VARY)
    return JSONResponse(body, headers=VARY)


def graph_response(graph: Graph, media_type: str) -> Response:
    """An rdflib graph in one of GRAPH_TYPES."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    body = graph.serialize(format=GRAPH_TYPES[media_type], encoding="utf-8")
    return Response(body, media_type=media_type, headers=VARY)
