"""The SPARQL 1.1 Protocol endpoint at /sparql, with a query page for browsers.

The pieces are module-level functions, each testable on its own: `parse_form` (form bodies,
decoded once), `read_request` (the three ways to send a query or update), `choose_formats`
(the result format from Accept, with q-values), `dataset_iris` (default-graph-uri and
named-graph-uri, checked), and `service_description`. Queries run through the query runner,
which enforces the time and row budget; updates need the bearer token and pass the SHACL gate.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from rdflib import RDF, Graph, Literal, Namespace, URIRef

from api.conneg import choose, prefers_html
from api.deps import RunnerDep, SettingsDep, StoreDep, check_token, client_key
from api.errors import UnsupportedMediaType, problem_responses
from api.execute import QueryRequest
from api.responses import GRAPH_TYPES as RDF_TYPES
from api.responses import not_acceptable
from kg import queries as named_queries
from kg.errors import QueryError
from kg.validation.sparql_policy import check_sparql

router = APIRouter(tags=["sparql"])

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
TEMPLATE = Path(__file__).resolve().parents[1] / "templates" / "query.html"

RESULT_TYPES: dict[str, str] = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_RESULT_TYPES: dict[str, str] = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "ntriples",
    "text/plain": "ntriples",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "xml",
}
MEDIA_OF_RESULT = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
}
MEDIA_OF_GRAPH = {
    "turtle": "text/turtle; charset=utf-8",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "xml": "application/rdf+xml",
}
FORM = "application/x-www-form-urlencoded"
QUERY_BODY = "application/sparql-query"
UPDATE_BODY = "application/sparql-update"
MAX_DATASET_IRIS = 50
IRI_PATTERN = r"^https?://[^\u0000-\u0020\u007f-\u009f<>\"{}|\\^`]+$"
"""An http(s) IRI, as OpenAPI describes the dataset parameters (kg.queries.to_iri checks them the same way)."""
EXAMPLE_QUERY = "SELECT ?plan ?title WHERE { ?plan a cyp:ChildrenAndYoungPeoplesPlan ; dcterms:title ?title }"
SELECT_EXAMPLE = {"head": {"vars": ["plan", "title"]}, "results": {"bindings": []}}


@dataclass
class SparqlRequest:
    """What a client sent: a query or an update, and the dataset to run it over."""

    query: str | None = None
    update: str | None = None
    default_graph_uri: list[str] = field(default_factory=list)
    named_graph_uri: list[str] = field(default_factory=list)


def parse_form(body: bytes) -> list[tuple[str, str]]:
    """A form body's fields, decoded once (UTF-8, `+` as space); a non-UTF-8 body is a 400."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise QueryError("the form body is not UTF-8", hint="send the query as UTF-8 text") from exc
    return parse_qsl(text, keep_blank_values=True)


def from_fields(fields: list[tuple[str, str]]) -> SparqlRequest:
    """The protocol's fields (query, update, default-graph-uri, named-graph-uri) from decoded pairs."""
    req = SparqlRequest()
    for key, value in fields:
        if key == "query":
            _once(req.query, "query")
            req.query = value
        elif key == "update":
            _once(req.update, "update")
            req.update = value
        elif key in ("default-graph-uri", "using-graph-uri"):
            req.default_graph_uri.append(value)
        elif key in ("named-graph-uri", "using-named-graph-uri"):
            req.named_graph_uri.append(value)
    if req.query is not None and req.update is not None:
        raise QueryError("send either query or update, not both", hint="split them into two requests")
    return req


def _once(previous: str | None, name: str) -> None:
    if previous is not None:
        raise QueryError(f"the {name} parameter was given twice", hint=f"send exactly one {name}")


def read_request(content_type: str, body: bytes, url_fields: list[tuple[str, str]]) -> SparqlRequest:
    """A POST's query or update from its body (form, sparql-query or sparql-update), dataset from the URL."""
    media = content_type.split(";")[0].strip().lower()
    if media == FORM:
        return from_fields(parse_form(body) + [f for f in url_fields if f[0] not in ("query", "update")])
    req = from_fields([f for f in url_fields if f[0] not in ("query", "update")])
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise QueryError("the body is not UTF-8", hint="send the query as UTF-8 text") from exc
    if media == QUERY_BODY:
        req.query = text
    elif media == UPDATE_BODY:
        req.update = text
    else:
        raise UnsupportedMediaType(
            f"cannot read a {media or 'untyped'} body", hint=f"send {FORM}, {QUERY_BODY} or {UPDATE_BODY}"
        )
    return req


def choose_formats(accept: str | None) -> tuple[str | None, str | None]:
    """(results format for SELECT/ASK, graph format for CONSTRUCT/DESCRIBE) the client accepts best."""
    results = choose(accept, list(RESULT_TYPES), "application/sparql-results+json")
    graph = choose(accept, list(GRAPH_RESULT_TYPES), "text/turtle")
    return (RESULT_TYPES[results] if results else None, GRAPH_RESULT_TYPES[graph] if graph else None)


def dataset_iris(values: list[str], name: str) -> tuple[str, ...]:
    """default-graph-uri / named-graph-uri values, each a plain absolute IRI."""
    if len(values) > MAX_DATASET_IRIS:
        raise QueryError(f"too many {name} values", hint=f"give at most {MAX_DATASET_IRIS}")
    for v in values:
        named_queries.to_iri(v, None, name=name)
    return tuple(values)


def service_description(endpoint: str, *, federated: bool = False) -> Graph:
    """What this endpoint offers, in the SPARQL 1.1 Service Description vocabulary."""
    g = Graph()
    g.bind("sd", SD)
    g.bind("formats", FORMATS)
    svc = URIRef(endpoint)
    g.add((svc, RDF.type, SD.Service))
    g.add((svc, SD.endpoint, svc))
    g.add((svc, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((svc, SD.supportedLanguage, SD.SPARQL11Update))
    g.add((svc, SD.feature, SD.UnionDefaultGraph))
    if federated:
        g.add((svc, SD.feature, SD.BasicFederatedQuery))
    for fmt in (
        "SPARQL_Results_JSON",
        "SPARQL_Results_XML",
        "SPARQL_Results_CSV",
        "SPARQL_Results_TSV",
        "Turtle",
        "N-Triples",
        "JSON-LD",
        "RDF_XML",
    ):
        g.add((svc, SD.resultFormat, FORMATS[fmt]))
    g.add(
        (
            svc,
            URIRef("http://purl.org/dc/terms/description"),
            Literal("cypkg: Children and Young People's Plans as a knowledge graph"),
        )
    )
    return g


def query_page(request: Request) -> str:
    """The browser query page: editor, the named queries as examples, results table, CSV download."""
    examples = [
        {"name": q.name, "question": q.question, "text": q.text, "parameters": [p.name for p in q.parameters]}
        for q in named_queries.all_queries().values()
    ]
    examples_json = json.dumps(examples, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
    endpoint = str(request.url_for("sparql_get"))
    views = str(request.url_for("root")) + "views/partner-priority"
    page = TEMPLATE.read_text(encoding="utf-8")
    return (
        page.replace("{{endpoint}}", html.escape(endpoint))
        .replace("{{views}}", html.escape(views))
        .replace("{{examples}}", examples_json)
        .replace("{{example_query}}", html.escape(EXAMPLE_QUERY))
    )


async def answer(
    request: Request, req: SparqlRequest, runner: RunnerDep, store: StoreDep, settings: SettingsDep
) -> Response:
    """Run a query (through the budget) or an update (with the token, through the gate)."""
    if req.update is not None:
        return await run_update(request, req.update, store, runner, settings)
    if req.query is None or not req.query.strip():
        raise QueryError("no query given", hint="send ?query=SELECT … (GET) or a query in the body (POST)")
    results_format, graph_format = choose_formats(request.headers.get("accept"))
    if results_format is None and graph_format is None:
        raise not_acceptable([*RESULT_TYPES, *GRAPH_RESULT_TYPES])
    check_sparql(req.query, settings.federation_allow)
    answer_ = await runner.run(
        QueryRequest(
            query=req.query,
            results_format=results_format or "json",
            graph_format=graph_format or "turtle",
            default_graph=dataset_iris(req.default_graph_uri, "default-graph-uri"),
            named_graphs=dataset_iris(req.named_graph_uri, "named-graph-uri"),
        ),
        client=client_key(request),
    )
    if answer_.form == "graph":
        if graph_format is None:
            raise not_acceptable(list(GRAPH_RESULT_TYPES))
        media = MEDIA_OF_GRAPH[answer_.format]
    else:
        if results_format is None:
            raise not_acceptable(list(RESULT_TYPES))
        media = MEDIA_OF_RESULT[answer_.format]
    return Response(answer_.body, media_type=media, headers={"Vary": "Accept"})


async def run_update(
    request: Request, text: str, store: StoreDep, runner: RunnerDep, settings: SettingsDep
) -> Response:
    """An update: refused without the token; otherwise applied through the SHACL gate."""
    from kg.validation.writer import Update

    check_token(request.headers.get("authorization"), settings)
    check_sparql(text, settings.federation_allow)
    result = await request.app.state.writes.submit(Update(text, tuple(settings.federation_allow)))
    return Response(json.dumps(result), media_type="application/json")


SPARQL_RESPONSES = {
    200: {
        "description": "The answer: SPARQL results (SELECT/ASK) or RDF (CONSTRUCT/DESCRIBE), by Accept; "
        "without a query, the query page (browsers) or the service description",
        "content": {
            "application/sparql-results+json": {"example": SELECT_EXAMPLE},
            "application/sparql-results+xml": {"schema": {"type": "string"}},
            "text/csv": {"schema": {"type": "string"}},
            "text/tab-separated-values": {"schema": {"type": "string"}},
            "text/turtle": {"schema": {"type": "string"}},
            "application/n-triples": {"schema": {"type": "string"}},
            "application/ld+json": {},
            "application/rdf+xml": {"schema": {"type": "string"}},
            "text/html": {"schema": {"type": "string"}},
        },
    },
    **problem_responses(400, 401, 403, 406, 413, 415, 422, 503),
}


@router.get(
    "/sparql",
    name="sparql_get",
    summary="SPARQL query by GET (or the query page / service description)",
    responses=SPARQL_RESPONSES,
    openapi_extra={
        "parameters": [
            {
                "name": "query",
                "in": "query",
                "required": False,
                "schema": {"type": "string"},
                "example": EXAMPLE_QUERY,
                "description": "A SPARQL 1.1 query",
            },
            {
                "name": "default-graph-uri",
                "in": "query",
                "required": False,
                "schema": {"type": "array", "items": {"type": "string", "pattern": IRI_PATTERN}},
                "description": "Graphs to query as the default graph",
            },
            {
                "name": "named-graph-uri",
                "in": "query",
                "required": False,
                "schema": {"type": "array", "items": {"type": "string", "pattern": IRI_PATTERN}},
                "description": "Graphs to query as named graphs",
            },
        ]
    },
)
async def sparql_get(request: Request, runner: RunnerDep, store: StoreDep, settings: SettingsDep) -> Response:
    """`?query=` answers it; no query gives the query page (browser) or the service description (RDF)."""
    fields = parse_qsl(request.url.query, keep_blank_values=True)
    req = from_fields(fields)
    if req.update is not None:
        raise QueryError("updates cannot be sent by GET", hint="POST the update with the bearer token")
    if req.query is None:
        accept = request.headers.get("accept")
        if prefers_html(accept):
            return HTMLResponse(query_page(request))
        media = choose(accept, list(RDF_TYPES), "text/turtle")
        if media is None:
            raise not_acceptable(list(RDF_TYPES))
        from api.responses import graph_response

        endpoint = str(request.url_for("sparql_get"))
        return graph_response(service_description(endpoint, federated=bool(settings.federation_allow)), media)
    return await answer(request, req, runner, store, settings)


@router.post(
    "/sparql",
    summary="SPARQL query or update by POST (form, sparql-query or sparql-update body)",
    responses=SPARQL_RESPONSES,
    openapi_extra={
        "requestBody": {
            "content": {
                FORM: {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "query": {"type": "string"},
                            "update": {"type": "string"},
                            "default-graph-uri": {"type": "array", "items": {"type": "string", "pattern": IRI_PATTERN}},
                            "named-graph-uri": {"type": "array", "items": {"type": "string", "pattern": IRI_PATTERN}},
                        },
                    },
                    "example": {"query": EXAMPLE_QUERY},
                },
                QUERY_BODY: {"schema": {"type": "string"}, "example": EXAMPLE_QUERY},
                UPDATE_BODY: {"schema": {"type": "string"}},
            }
        }
    },
)
async def sparql_post(request: Request, runner: RunnerDep, store: StoreDep, settings: SettingsDep) -> Response:
    """A query or update in the body; updates need `Authorization: Bearer <CYPKG_API_TOKEN>`."""
    body = await request.body()
    req = read_request(
        request.headers.get("content-type", ""), body, parse_qsl(request.url.query, keep_blank_values=True)
    )
    return await answer(request, req, runner, store, settings)
