"""The SKOS concept schemes of the ontology, read by code: one reader, so no list is repeated as Python literals.

Partner types (`cyp:PartnerTypeScheme`), body types (`cyp:BodyTypeScheme`) and the roles people hold
(`cyp:RoleScheme`) are concept schemes in ontology/cypkg.ttl; partner and body types are also the
classes nodes are typed with. Labels are the concepts' `skos:prefLabel` (else `rdfs:label`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rdflib import RDFS, SKOS, Graph, URIRef

from kg.namespaces import CYP
from kg.ontology.files import load_ontology

PARTNER_TYPES = CYP.PartnerTypeScheme
BODY_TYPES = CYP.BodyTypeScheme
ROLES = CYP.RoleScheme


@dataclass(frozen=True)
class Concept:
    """One concept of a scheme: its IRI, label and definition."""

    iri: str
    label: str
    definition: str


@cache
def _ontology() -> Graph:
    return load_ontology()


def _label(g: Graph, iri: URIRef) -> str:
    for prop in (SKOS.prefLabel, RDFS.label):
        value = g.value(iri, prop)
        if value is not None:
            return str(value)
    return ""


@cache
def concepts(scheme: URIRef) -> tuple[Concept, ...]:
    """The concepts in a scheme, ordered by label (empty when the ontology has no such scheme)."""
    g = _ontology()
    found = [
        Concept(str(c), _label(g, c) or str(c), str(g.value(c, SKOS.definition) or ""))
        for c in g.subjects(SKOS.inScheme, scheme)
        if isinstance(c, URIRef)
    ]
    return tuple(sorted(found, key=lambda c: (c.label.casefold(), c.iri)))


@cache
def label_of(iri: str) -> str:
    """The ontology's label for a term (a concept or a class), or "" when it has none."""
    return _label(_ontology(), URIRef(iri))
