"""The SPARQL Update text of whole-graph writes: a document graph and its inferred graph change together."""

from __future__ import annotations

import pyoxigraph as ox

from kg.errors import StoreError
from kg.namespaces import GRAPH
from kg.store.inference import entailed_quads, inferred_graph_iri
from kg.store.rdf_io import serialized

_Object = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
_DECIMAL = ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")


def replace_graph_update(name: str, quads: list[ox.Quad]) -> str:
    """One SPARQL update that replaces a document graph and its inferred graph together."""
    return f"{drop_graph_update(name)} ; INSERT DATA {{ {insert_data_body(quads + entailed_quads(quads, name))} }}"


def insert_data_body(quads: list[ox.Quad]) -> str:
    """Quads as the body of INSERT DATA: one `GRAPH <g> { … }` block per graph."""
    by_graph: dict[str, list[ox.Triple]] = {}
    for q in quads:
        if not isinstance(q.graph_name, ox.NamedNode):
            raise StoreError(f"cannot write {q} outside a named graph", hint="put every quad in a named graph")
        by_graph.setdefault(q.graph_name.value, []).append(ox.Triple(q.subject, q.predicate, _pointed(q.object)))
    return " ".join(
        f"GRAPH <{g}> {{ {serialized(ox.serialize(ts, format=ox.RdfFormat.N_TRIPLES)).decode('utf-8')} }}"
        for g, ts in by_graph.items()
    )


def _pointed(term: _Object) -> _Object:
    """A whole xsd:decimal written with a point ("1" as "1.0"): Virtuoso stores "1"^^xsd:decimal as an
    xsd:integer (so a shape's datatype check fails and a re-import sees a change); both stores read
    "1.0" back as "1"^^xsd:decimal, the same value."""
    if isinstance(term, ox.Literal) and term.datatype == _DECIMAL and "." not in term.value:
        return ox.Literal(term.value + ".0", datatype=_DECIMAL)
    return term


def drop_graph_update(name: str) -> str:
    """One SPARQL update that drops a document graph and its inferred graph."""
    g = graph_node(name).value
    return f"DROP SILENT GRAPH <{g}> ; DROP SILENT GRAPH <{inferred_graph_iri(g)}>"


def graph_node(name: str) -> ox.NamedNode:
    """A graph given by name (`medway-2019-02-19-hwb`) or full IRI."""
    if name.startswith(("http://", "https://", "urn:")):
        return ox.NamedNode(name)
    return ox.NamedNode(str(GRAPH[name]))
