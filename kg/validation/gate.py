"""Writes are transactions behind a SHACL gate.

A write (add to, replace or drop a document's graph) is validated as the store would be after it:
the changed graph, plus what its nodes point at (one hop, from the store), plus the ontology. Only
results about the changed graph's own nodes count. A Violation refuses the write and the store is
left exactly as it was; otherwise the graph and its inferences change in one transaction.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from rdflib import Graph, URIRef

from kg.errors import UnknownIdError, ValidationFailed
from kg.namespaces import GRAPH
from kg.store.binding import bind_rows
from kg.store.protocol import Store
from kg.store.rdf_io import graph_name_for, parse_file
from kg.store.terms import to_rdflib
from kg.validation.shapes import ValidationReport, validate

Mode = Literal["add", "replace"]
_CONTEXT_CHUNK = 500
_DESCRIBED = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


def read_rdf_file(path: Path, graph: str | None = None) -> Graph:
    """Parse a file completely into an rdflib graph (ParseError names file and line)."""
    g = Graph()
    for q in parse_file(path, graph):
        g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return g


def neighbourhood(store: Store, data: Graph) -> Graph:
    """Triples from the store about the nodes `data` points at but does not itself describe."""
    described = set(data.subjects())
    targets = sorted({o for o in data.objects() if isinstance(o, URIRef)} - described)
    context = Graph()
    for i in range(0, len(targets), _CONTEXT_CHUNK):
        context += store.construct(bind_rows(_DESCRIBED, "s", targets[i : i + _CONTEXT_CHUNK]))
    return context


def check_write(store: Store, name: str, data: Graph, *, mode: Mode = "add") -> ValidationReport:
    """The SHACL report for the graph as it would be after the write, limited to its own nodes."""
    after = Graph()
    if mode == "add" and str(GRAPH[name]) in store.graphs():
        after += store.graph(name)
    after += data
    report = validate(after + neighbourhood(store, after))
    own = set(after.subjects())
    report.results = [r for r in report.results if r.focus_node in own]
    report.conforms = not any(r.severity == "Violation" for r in report.results)
    return report


def write_graph(store: Store, name: str, data: Graph, *, mode: Mode = "add") -> ValidationReport:
    """Add to or replace a named graph if the result passes the SHACL gate; returns the report."""
    report = check_write(store, name, data, mode=mode)
    if not report.conforms:
        raise ValidationFailed(report, graph=name)
    if mode == "replace":
        store.put_graph(name, data)
    else:
        store.add_to_graph(name, data)
    return report


def load_file(store: Store, path: Path, *, graph: str | None = None, mode: Mode = "add"):  # noqa: ANN201
    """`cypkg load FILE` / `cypkg replace GRAPH FILE`: parse fully, gate, then write."""
    name = graph or graph_name_for(path)
    return write_graph(store, name, read_rdf_file(path, name), mode=mode)


def drop(store: Store, name: str) -> None:
    """`cypkg drop GRAPH`: remove a document's graph (and its inferences)."""
    if str(GRAPH[name]) not in store.graphs():
        raise UnknownIdError("graph", name, hint="`cypkg graphs` lists the named graphs")
    store.drop_graph(name)
