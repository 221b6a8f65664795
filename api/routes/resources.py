"""Every IRI in the data answers: GET /id/{kind}/{slug} describes https://w3id.org/cypkg/id/{kind}/{slug}.

Browsers get an HTML page (every value escaped, links to other things kept inside this service);
other clients get RDF by Accept (Turtle by default): the thing's own statements, what points at
it, and the labels of its neighbours, so a client needs no second request to show it.
"""

from __future__ import annotations

import html
from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, Response
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDFS, SKOS
from rdflib.term import Node

from api.conneg import choose, prefers_html
from api.deps import StoreDep
from api.errors import problem_responses
from api.responses import GRAPH_TYPES, graph_response, not_acceptable
from kg.errors import UnknownIdError
from kg.namespaces import ID, PREFIXES
from kg.queries.lookups import lookup_query

router = APIRouter(tags=["linked data"])

SLUG = r"^[a-z0-9][a-z0-9-]*$"
LABELS = (SKOS.prefLabel, DCTERMS.title, RDFS.label, FOAF.name)


def describe(store: StoreDep, iri: URIRef) -> Graph:
    """The description of one thing (its statements, what points at it, its neighbours' labels)."""
    query = lookup_query("describe")
    return store.construct(query.text, bindings=query.bind({"item": iri}))


def label_of(graph: Graph, node: Node) -> str | None:
    for prop in LABELS:
        value = graph.value(node, prop)
        if value is not None:
            return str(value)
    return None


def local_link(term: object, base: str) -> str:
    """Where a browser should go for an IRI: inside this service for our things, else the IRI itself."""
    iri = str(term)
    return base + "id/" + iri[len(str(ID)) :] if iri.startswith(str(ID)) else iri


def curie(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


def render_html(graph: Graph, iri: URIRef, base: str) -> str:
    """An HTML page for one thing; every piece of data is escaped."""
    e = html.escape

    def show(term: object) -> str:
        if isinstance(term, URIRef) and not str(term).lower().startswith(("http://", "https://")):
            return f"<code>{e(str(term))}</code>"  # only http(s) IRIs become links: never javascript:, data:, …
        if isinstance(term, URIRef):
            text = label_of(graph, term) or curie(str(term))
            return f'<a href="{e(local_link(term, base))}">{e(text)}</a>'
        if isinstance(term, Literal):
            lang = f" <small>@{e(term.language)}</small>" if term.language else ""
            return f"{e(str(term))}{lang}"
        return e(str(term))

    title = label_of(graph, iri) or str(iri).rsplit("/", 1)[-1]
    out_rows = "".join(
        f"<tr><th>{e(curie(str(p)))}</th><td>{show(o)}</td></tr>"
        for p, o in sorted(graph.predicate_objects(iri), key=lambda po: (str(po[0]), str(po[1])))
    )
    in_rows = "".join(
        f"<tr><td>{show(s)}</td><th>{e(curie(str(p)))}</th></tr>"
        for s, p in sorted(graph.subject_predicates(iri), key=lambda sp: (str(sp[1]), str(sp[0])))
    )
    extra = ""
    if "/id/plan/" in str(iri):
        slug = str(iri).rsplit("/", 1)[-1]
        extra = (
            f'<p><a href="{e(base)}plans/{e(slug)}">as JSON</a> · '
            f'<a href="{e(base)}views/partner-priority?plan={e(slug)}">partner–priority view</a></p>'
        )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{e(title)} — cypkg</title>
<style>body{{font-family:system-ui,sans-serif;margin:1.5rem;max-width:70rem}}table{{border-collapse:collapse;width:100%}}
th,td{{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}}
th{{background:#f4f4f4;width:16rem}}</style>
</head><body>
<nav><a href="{e(base)}">home</a> · <a href="{e(base)}sparql">query page</a></nav>
<h1>{e(title)}</h1>
<p><code>{e(str(iri))}</code></p>
{extra}
<h2>What the graph says about it</h2>
<table>{out_rows or "<tr><td>nothing</td></tr>"}</table>
<h2>What points at it</h2>
<table>{in_rows or "<tr><td>nothing</td></tr>"}</table>
</body></html>"""


@router.get(
    "/id/{kind}/{slug}",
    summary="Dereference a data IRI (HTML for browsers, RDF by Accept)",
    responses={
        200: {
            "description": "The thing's description",
            "content": {
                "text/html": {"schema": {"type": "string"}},
                **{t: {"schema": {"type": "string"}} for t in GRAPH_TYPES},
            },
        },
        **problem_responses(400, 404, 406),
    },
)
def resource(
    request: Request,
    store: StoreDep,
    kind: Annotated[str, Path(pattern=SLUG, max_length=40, examples=["plan"])],
    slug: Annotated[str, Path(pattern=SLUG, max_length=200, examples=["kent-cypp-2008-2011"])],
) -> Response:
    """https://w3id.org/cypkg/id/{kind}/{slug} described: its statements, incoming links and labels."""
    iri = ID[f"{kind}/{slug}"]
    graph = describe(store, iri)
    if len(graph) == 0:
        raise UnknownIdError(kind, slug, hint=f"search for it with GET /sparql or the list at /{kind}s")
    accept = request.headers.get("accept")
    if prefers_html(accept):
        return HTMLResponse(render_html(graph, iri, str(request.url_for("root"))), headers={"Vary": "Accept"})
    media = choose(accept, list(GRAPH_TYPES), "text/turtle")
    if media is None:
        raise not_acceptable(["text/html", *GRAPH_TYPES])
    return graph_response(graph, media)
