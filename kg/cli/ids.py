"""Ids typed on the command line are checked before they are used: a misspelt plan, council,
indicator or graph is an error (exit 1) naming the nearest known ids, never an empty answer."""

from __future__ import annotations

from rdflib import Literal, URIRef

from kg.errors import UnknownIdError
from kg.namespaces import GRAPH, ID
from kg.queries import to_iri
from kg.store.protocol import Store

_DESCRIBED = "ASK { ?thing ?p ?o }"
_OF_KIND = "SELECT DISTINCT ?thing WHERE { ?thing a ?type . FILTER(STRSTARTS(STR(?thing), ?prefix)) }"


def require_id(store: Store, kind: str, ident: str) -> URIRef:
    """The IRI of an id of `kind` (or a full IRI) that the store describes, or an UnknownIdError."""
    iri = to_iri(ident, kind, name=kind)
    if store.ask(_DESCRIBED, {"thing": iri}):
        return iri
    prefix = str(ID[f"{kind}/"])
    rows = store.select(_OF_KIND, {"prefix": Literal(prefix)})
    known = [str(r["thing"]).removeprefix(prefix) for r in rows]
    raise UnknownIdError(kind, ident, known=known, hint="" if known else f"the store has no {kind}s")


def require_graph(store: Store, name: str) -> str:
    """A named graph the store has (by name or IRI), or an UnknownIdError naming the nearest."""
    present = store.graphs()
    iri = name if name.startswith(("http://", "https://", "urn:")) else str(GRAPH[name])
    if iri in present:
        return name
    known = [g.removeprefix(str(GRAPH)) for g in present if not g.endswith("/inferred")]
    raise UnknownIdError("graph", name, known=known, hint="" if known else "the store has no named graphs")
