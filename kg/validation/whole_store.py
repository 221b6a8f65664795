"""Full SHACL validation of a whole store: the same results as plain pyshacl, sooner.

The shapes run as SPARQL (kg.validation.sparql_compiler) on the store's pyoxigraph data (the embedded
store itself, or a remote store's graphs copied into memory), with pyshacl deciding and wording each
result; only shapes that module does not compile go through the path below.
Plain pyshacl (`kg.validation.shapes.validate` on the union of every graph) spends most of its time
re-parsing each SPARQL-based constraint once per focus node. Here the whole union is validated by
pyshacl with the same shapes, ontology and options, but (1) each distinct query text is parsed
once per process and reused (rdflib's prepared-query path, which evaluates identically), and (2)
the node shapes are shared out between worker processes, each validating the full data with its
share of the shapes (the others' target declarations are removed from its copy of the shapes
graph; a shape used through sh:node is evaluated the same without its targets). A shape's results
depend only on the data, never on which other shapes run, so the union of the workers' reports is
exactly the plain report: same focus nodes, paths, values, components, severities, source shapes.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.plugins.sparql import processor
from rdflib.term import Node

from kg.ontology.files import load_ontology, load_shapes
from kg.store.protocol import Store
from kg.store.rdf_io import serialized
from kg.validation.shapes import ValidationReport, ValidationResult, report_results, validate
from kg.validation.sparql_compiler import compile_shapes

__all__ = ["store_union", "validate_store"]

_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)


def store_union(store: Store) -> Graph:
    """Every triple of every named graph (documents, inferences, ontology) as one rdflib graph."""
    return _union(store.quads())


def _union(quads: Iterable[ox.Quad]) -> Graph:
    triples = (ox.Triple(q.subject, q.predicate, q.object) for q in quads)
    data = Graph()
    data.parse(data=serialized(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)), format="nt")
    return data


def targeted_shapes(shapes: Graph) -> list[URIRef] | None:
    """The shapes that select focus nodes themselves; None when one is a blank node (cannot be named)."""
    found = {s for t in _TARGETS for s in shapes.subjects(t, None)}
    found |= {s for s in shapes.subjects(RDF.type, SH.NodeShape) if (s, RDF.type, RDFS.Class) in shapes}
    named = [s for s in found if isinstance(s, URIRef)]
    if len(named) != len(found):
        return None
    return sorted(named, key=str)


@contextlib.contextmanager
def parsed_once(cache: dict[tuple[str, Any, Any], Any] | None = None) -> Iterator[None]:
    """Within the block, rdflib parses each distinct SPARQL text once and reuses the parsed query.

    `cache` keeps the parsed queries beyond the block (the write gate validates again and again).
    """
    original = processor.SPARQLProcessor.query
    cache = {} if cache is None else cache

    def query(self, strOrQuery, initBindings=None, initNs=None, base=None, DEBUG=False):  # noqa: ANN001, ANN202, N803
        if isinstance(strOrQuery, str):
            key = (strOrQuery, base, tuple(sorted((initNs or {}).items())))
            if key not in cache:
                cache[key] = processor.translateQuery(processor.parseQuery(strOrQuery), base, initNs)
            strOrQuery = cache[key]
        return original(self, strOrQuery, initBindings, initNs, base, DEBUG)

    processor.SPARQLProcessor.query = query  # type: ignore[method-assign]
    try:
        yield
    finally:
        processor.SPARQLProcessor.query = original  # type: ignore[method-assign]


def _validate_part(data_nt: bytes, shapes_ttl: str, ontology_ttl: str) -> tuple[list, bytes]:
    """One worker: plain validation of the whole data with its share of the shapes."""
    data = Graph().parse(data=data_nt, format="nt")
    shapes = Graph().parse(data=shapes_ttl, format="turtle")
    ontology = Graph().parse(data=ontology_ttl, format="turtle")
    with parsed_once():
        report = validate(data, shapes=shapes, ontology=ontology)
    return report.results, report.graph.serialize(format="nt", encoding="utf-8")


def shapes_for(shapes: Graph, keep: set[URIRef]) -> Graph:
    """A copy of the shapes graph in which only the shapes in `keep` select focus nodes."""
    share = Graph()
    for prefix, namespace in shapes.namespaces():
        share.bind(prefix, namespace)
    for s, p, o in shapes:
        if s not in keep and (p in _TARGETS or (p == RDF.type and o == RDFS.Class)):
            continue
        share.add((s, p, o))
    return share


def _split(shapes: list[URIRef], parts: int) -> list[set[URIRef]]:
    groups: list[set[URIRef]] = [set() for _ in range(parts)]
    for i, shape in enumerate(shapes):
        groups[i % parts].add(shape)
    return [g for g in groups if g]


def validate_store(
    store: Store,
    *,
    workers: int | None = None,
    shapes: Graph | None = None,
    ontology: Graph | None = None,
) -> ValidationReport:
    """Validate everything in the store at once; the report equals plain pyshacl's on the union."""
    shapes_graph = shapes if shapes is not None else load_shapes()
    ontology_graph = ontology if ontology is not None else load_ontology()
    data = store.as_oxigraph()
    compiled = compile_shapes(shapes_graph)
    reports = compiled.reports(data)
    graph = compiled.report_graph(reports)
    results = report_results(graph)
    if compiled.unsupported:
        rest = _validate_with_pyshacl(data, shapes_graph, ontology_graph, workers, set(compiled.unsupported))
        results = sorted(results + rest.results, key=ValidationResult.sort_key)
        graph += rest.graph
    return ValidationReport(
        conforms=not any(r.severity == "Violation" for r in results),
        results=results,
        graph=graph,
    )


def _validate_with_pyshacl(
    store: ox.Store, shapes_graph: Graph, ontology_graph: Graph, workers: int | None, only: set[Node]
) -> ValidationReport:
    """Plain pyshacl on the union for the shapes in `only`, shared out between processes."""
    data = _union(store.quads_for_pattern(None, None, None, None))
    workers = workers or os.cpu_count() or 1
    targeted = targeted_shapes(shapes_graph)
    keep = {s for s in only if isinstance(s, URIRef)}
    if targeted is None or len(keep) != len(only) or not keep <= set(targeted):
        raise ValueError("shapes left to pyshacl must be named (IRI) shapes with targets")
    named = sorted(keep, key=str)
    shapes_graph = shapes_for(shapes_graph, keep)
    if workers <= 1 or not named or len(named) < 2:
        with parsed_once():
            return validate(data, shapes=shapes_graph, ontology=ontology_graph)
    results: list[ValidationResult] = []
    report_graph = Graph()
    data_nt = data.serialize(format="nt", encoding="utf-8")
    ontology_ttl = ontology_graph.serialize(format="turtle")
    shares = [shapes_for(shapes_graph, g).serialize(format="turtle") for g in _split(named, workers)]
    with ProcessPoolExecutor(max_workers=len(shares)) as pool:
        futures = [pool.submit(_validate_part, data_nt, share, ontology_ttl) for share in shares]
        for future in futures:
            part, graph_nt = future.result()
            results += part
            report_graph.parse(data=graph_nt, format="nt")
    results.sort(key=ValidationResult.sort_key)
    return ValidationReport(
        conforms=not any(r.severity == "Violation" for r in results),
        results=results,
        graph=report_graph,
    )
