"""The IRIs everything in cypkg is named under (see docs/model.md)."""

from __future__ import annotations

import re

from rdflib import BNode, Literal, Namespace, URIRef
from rdflib.term import Node

BASE = "https://w3id.org/cypkg/"
CYP = Namespace(BASE + "def#")
CYPSH = Namespace(BASE + "shapes#")
ID = Namespace(BASE + "id/")
GRAPH = Namespace(BASE + "graph/")
ONTOLOGY_IRI = URIRef(BASE + "def")

ORG = Namespace("http://www.w3.org/ns/org#")
QB = Namespace("http://purl.org/linked-data/cube#")
SCHEMA = Namespace("https://schema.org/")
VANN = Namespace("http://purl.org/vocab/vann/")
LEG = Namespace("http://www.legislation.gov.uk/id/")
GSS = Namespace("http://statistics.data.gov.uk/id/statistical-geography/")
DCTERMS = Namespace("http://purl.org/dc/terms/")
PROV = Namespace("http://www.w3.org/ns/prov#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")

PREFIXES: dict[str, str] = {
    "cyp": str(CYP),
    "cypsh": str(CYPSH),
    "id": str(ID),
    "org": str(ORG),
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "time": "http://www.w3.org/2006/time#",
    "qb": str(QB),
    "foaf": "http://xmlns.com/foaf/0.1/",
    "schema": str(SCHEMA),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "sh": "http://www.w3.org/ns/shacl#",
    "leg": str(LEG),
    "gss": str(GSS),
}

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def graph_iri(name: str) -> URIRef:
    """The named graph a source document (or reference file) lives in."""
    if not SLUG.match(name):
        raise ValueError(f"graph name {name!r} must be lower-case letters, digits and hyphens")
    return GRAPH[name]


def slugify(text: str) -> str:
    """Lower-case letters, digits and single hyphens: the id rule for names (and mySociety's nice-name slug)."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def local_id(iri: str) -> str:
    """The id of a thing: its IRI's last path segment."""
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def shorten(term: Node | str | None) -> str:
    """A term as an officer would read it: a prefixed name where we know the namespace.

    Plain strings (already-rendered complex paths) and literals are returned as they are.
    """
    if term is None:
        return ""
    if isinstance(term, Literal) or not isinstance(term, Node):
        return str(term)
    text = str(term)
    if isinstance(term, BNode):
        return f"_:{text}"
    matches = [(ns, prefix) for prefix, ns in PREFIXES.items() if text.startswith(ns)]
    if not matches:
        return f"<{text}>"
    namespace, prefix = max(matches, key=lambda m: len(m[0]))
    return f"{prefix}:{text[len(namespace) :]}"
