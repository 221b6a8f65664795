"""Lookups for council systems: the `.rq` files in api/queries, run with bound values, as plain JSON.

Each thing is shown as `{"id": slug, "iri": …, "label": …}`; vocabulary values as prefixed names
(`cyp:Draft`); literals as JSON values. The same JSON becomes JSON-LD by adding `@context`
(published at `/context.jsonld`), and Turtle by reading that JSON-LD, so the three never disagree.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any, overload

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import UnknownIdError
from kg.namespaces import ID, PREFIXES, SLUG, local_id
from kg.queries import NamedQuery, parse_query_file
from kg.store.protocol import Store

LOOKUP_DIR = Path(__file__).resolve().parent / "queries"
PARTNER_KINDS = ("organisation", "board", "authority")

CONTEXT: dict[str, Any] = {
    "@version": 1.1,
    **{p: ns for p, ns in PREFIXES.items() if p not in ("id",)},
    "hydra": "http://www.w3.org/ns/hydra/core#",
    "iri": "@id",
    "id": "dcterms:identifier",
    "label": "rdfs:label",
    "total": "hydra:totalItems",
    "items": {"@id": "hydra:member", "@container": "@set"},
    "limit": None,
    "offset": None,
    "next": None,
    "authority": {"@id": "cyp:authority", "@type": "@id"},
    "periodStart": {"@id": "cyp:periodStart", "@type": "xsd:gYear"},
    "periodEnd": {"@id": "cyp:periodEnd", "@type": "xsd:gYear"},
    "status": {"@id": "cyp:status", "@type": "@id"},
    "planType": {"@id": "cyp:planType", "@type": "@id"},
    "cypp": None,
    "description": "dcterms:description",
    "gssCode": "cyp:gssCode",
    "dfeCode": "cyp:dfeCode",
    "priorities": {"@id": "cyp:hasPriority", "@container": "@set"},
    "owners": {"@id": "cyp:ownedBy", "@container": "@set"},
    "role": None,
    "outcomes": {"@id": "cyp:contributesTo", "@container": "@set"},
    "indicators": {"@id": "cyp:measuredBy", "@container": "@set"},
    "plan": {"@id": "cyp:priorityOf", "@type": "@id"},
    "related": None,
    "relation": None,
    "duties": {"@id": "cyp:discharges", "@container": "@set"},
    "legalBasis": {"@id": "cyp:legalBasis", "@container": "@set"},
    "dutyStatus": {"@id": "cyp:dutyStatus", "@type": "@id"},
    "meetings": None,
    "decisions": {"@reverse": "cyp:madeAt", "@container": "@set"},
    "decisionKind": {"@id": "cyp:decisionKind", "@type": "@id"},
    "decisionStatus": {"@id": "cyp:decisionStatus", "@type": "@id"},
    "date": "cyp:meetingDate",
    "body": {"@id": "cyp:body", "@type": "@id"},
    "strategyType": {"@id": "cyp:strategyType", "@type": "@id"},
    "feedsInto": {"@id": "cyp:feedsInto", "@type": "@id"},
    "notation": "skos:notation",
    "definition": "skos:definition",
    "unit": "cyp:unit",
    "polarity": {"@id": "cyp:polarity", "@type": "@id"},
    "publisher": {"@id": "dcterms:publisher", "@type": "@id"},
    "measures": {"@reverse": "cyp:measuredBy", "@container": "@set"},
}


@cache
def lookup_query(name: str) -> NamedQuery:
    """One of the lookup queries in api/queries, read once."""
    return parse_query_file(LOOKUP_DIR / f"{name}.rq")


def select(store: Store, name: str, params: dict[str, str | Node | None] | None = None) -> list[dict[str, Node]]:
    """Run a lookup query with its parameters typed and bound (never pasted)."""
    query = lookup_query(name)
    clean = {k: v for k, v in (params or {}).items() if v not in (None, "")}
    return store.select(query.text, bindings=query.bind(clean))


def resolve(store: Store, kinds: Iterable[str], ident: str, what: str, hint: str) -> URIRef:
    """The IRI of an id of one of these kinds that the graph knows, or UnknownIdError."""
    if SLUG.match(ident):
        for kind in kinds:
            iri = ID[f"{kind}/{ident}"]
            if store.ask("ASK { { ?item ?p ?o } UNION { ?s ?p ?item } }", {"item": iri}):
                return iri
    raise UnknownIdError(what, ident, hint=hint)


def value(term: Node | None) -> Any:
    """A term as JSON: our things as their id, vocabulary as a prefixed name, literals as values."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        iri = str(term)
        if iri.startswith(str(ID)):
            return local_id(iri)
        for prefix, ns in PREFIXES.items():
            if iri.startswith(ns) and len(iri) > len(ns) and prefix != "id":
                return f"{prefix}:{iri[len(ns) :]}"
        return iri
    if isinstance(term, Literal):
        py = term.toPython()
        if isinstance(py, bool | int | float):
            return py
        return str(term)
    return str(term)


@overload
def ref(term: Node, label: Node | None = None) -> dict[str, Any]: ...
@overload
def ref(term: Node | None, label: Node | None = None) -> dict[str, Any] | None: ...
def ref(term: Node | None, label: Node | None = None) -> dict[str, Any] | None:
    """A linked thing: id, IRI and label (None for no thing, so optional links drop out)."""
    if term is None:
        return None
    out: dict[str, Any] = {"id": local_id(str(term)), "iri": str(term)}
    if label is not None and str(label):
        out["label"] = str(label)
    return out


def drop_none(data: dict[str, Any]) -> dict[str, Any]:
    """The dict without keys whose value is None or an empty list."""
    return {k: v for k, v in data.items() if v is not None and v != []}


def page(items: list[dict[str, Any]], limit: int, offset: int) -> dict[str, Any]:
    """One page of a list, with the total."""
    return {"total": len(items), "limit": limit, "offset": offset, "items": items[offset : offset + limit]}


def as_jsonld(body: dict[str, Any], context_url: str) -> dict[str, Any]:
    """The JSON body as JSON-LD, pointing at the published context."""
    return {"@context": context_url, **body}


def as_turtle(body: dict[str, Any]) -> bytes:
    """The JSON body as Turtle, by reading it as JSON-LD with the context inlined."""
    doc = json.dumps({"@context": CONTEXT, **body})
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    g.parse(data=doc, format="json-ld")
    return g.serialize(format="turtle").encode()
