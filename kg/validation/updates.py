"""SPARQL Update over HTTP, through the same SHACL gate as every other write.

The update runs first on an in-memory copy of the store (for a remote store, its dump), so its
meaning is oxigraph's on both backends; the document graphs it changed are
then checked as `replace` writes (`kg.validation.gate.check_write`) and, only if every one passes,
written for real, one atomic graph replacement each. Updates may not touch the default graph,
the ontology or the inferred graphs: those are derived or loaded with `cypkg load`.
"""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox
from rdflib import Graph

from kg.errors import QueryError, ValidationFailed
from kg.namespaces import GRAPH, PREFIXES, SLUG
from kg.ontology.files import ONTOLOGY_GRAPH
from kg.store.binding import query_syntax_error
from kg.store.protocol import Store
from kg.store.terms import to_rdflib
from kg.validation.gate import check_write


def apply_update(store: Store, text: str) -> list[str]:
    """Apply a SPARQL update if its result passes the SHACL gate; returns the graphs changed."""
    copy = snapshot(store)
    before = _by_graph(copy)
    try:
        copy.update(text, prefixes=PREFIXES)
    except SyntaxError as exc:
        raise query_syntax_error(exc) from exc
    after = _by_graph(copy)
    changed = sorted(g for g in set(before) | set(after) if before.get(g) != after.get(g))
    names = [_document_graph(g) for g in changed]
    new_content: dict[str, Graph] = {}
    for name, iri in zip(names, changed, strict=True):
        g = Graph()
        for s, p, o in after.get(iri, set()):
            g.add((to_rdflib(s), to_rdflib(p), to_rdflib(o)))
        report = check_write(store, name, g, mode="replace")
        if not report.conforms:
            raise ValidationFailed(report, graph=name)
        new_content[name] = g
    for name, g in new_content.items():
        if len(g):
            store.put_graph(name, g)
        else:
            store.drop_graph(name)
    return names


def snapshot(store: Store) -> ox.Store:
    """An in-memory copy of every quad in the store (a remote store's read graph by graph)."""
    copy = ox.Store()
    copy.bulk_extend(store.quads())
    return copy


def _by_graph(store: ox.Store) -> dict[str, set[tuple]]:
    out: dict[str, set[tuple]] = defaultdict(set)
    for q in store.quads_for_pattern(None, None, None, None):
        key = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else ""
        out[key].add((q.subject, q.predicate, q.object))
    return out


def _document_graph(iri: str) -> str:
    """The name of a document graph an update may change, or a refusal saying why not."""
    base = str(GRAPH)
    name = iri[len(base) :] if iri.startswith(base) else ""
    if not name or not SLUG.match(name) or name == ONTOLOGY_GRAPH:
        where = "the default graph" if not iri else f"graph <{iri}>"
        raise QueryError(
            f"this update changes {where}, which updates may not touch",
            hint=f"write inside GRAPH <{base}NAME> {{ … }} for a document graph; inferred graphs follow by themselves",
        )
    return name
