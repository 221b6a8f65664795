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

`validate_graph` is the same engine for one graph held in memory (the write gate's candidate data):
the graph, the ontology and what the store would infer from the graph go into an in-memory pyoxigraph
store, and its report equals `kg.validation.shapes.validate` on the graph.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.plugins.sparql import processor
from rdflib.term import Node

from kg.ontology.files import load_ontology, load_shapes, shared_ontology
from kg.store.inference import default_rules
from kg.store.protocol import Store
from kg.store.rdf_io import serialized
from kg.store.terms import to_oxigraph, to_rdflib
from kg.validation.shapes import ValidationReport, ValidationResult, report_results, validate
from kg.validation.sparql_compiler import CompiledShapes, compile_shapes

__all__ = ["plain_validate", "store_union", "validate_graph", "validate_store"]

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

    def query(  # noqa: N803 - rdflib's own parameter names
        self: Any,
        strOrQuery: Any,
        initBindings: Any = None,
        initNs: Any = None,
        base: str | None = None,
        DEBUG: bool = False,
    ) -> Any:
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
    rest = None
    if compiled.unsupported:
        rest = _validate_with_pyshacl(data, shapes_graph, ontology_graph, workers, set(compiled.unsupported))
    return _compiled_report(compiled, data, rest)


def _compiled_report(compiled: CompiledShapes, data: ox.Store, rest: ValidationReport | None) -> ValidationReport:
    """The compiled shapes' report on `data`, merged with plain pyshacl's for the shapes left over."""
    graph = compiled.report_graph(compiled.reports(data))
    results = report_results(graph)
    if rest is not None:
        results = sorted(results + rest.results, key=ValidationResult.sort_key)
        graph += rest.graph
    return ValidationReport(
        conforms=not any(r.severity == "Violation" for r in results),
        results=results,
        graph=graph,
    )


_PARSED: dict[tuple[str, Any, Any], Any] = {}
"""The shapes' SPARQL as rdflib parsed it, kept for the process: the gate validates again and again."""


def plain_validate(data: Graph, shapes: Graph | None = None) -> ValidationReport:
    """`kg.validation.shapes.validate` with each SPARQL text parsed once per process: the reference engine."""
    with parsed_once(_PARSED):
        return validate(data, shapes=shapes)


@dataclass(frozen=True)
class _Engine:
    """The shipped shapes compiled and the ontology as quads, made once per process for `validate_graph`."""

    compiled: CompiledShapes
    rest: Graph | None
    """The shapes graph in which only the shapes the compiler left over select focus nodes (None: no such shape)."""
    ontology: list[ox.Quad]
    usable: bool
    """False when the compiled engine cannot give plain pyshacl's report for any graph (see `_default_engine`)."""


_ONTOLOGY = ox.NamedNode("urn:x-cypkg:validation:ontology")
_SCRATCH = threading.local()
"""Each thread's in-memory store: the ontology in its own graph, the data being validated in the default graph."""


@cache
def _default_engine() -> _Engine:
    """Unusable when a left-over shape is a blank node (plain pyshacl cannot be given it alone) or the
    ontology's literals do not come back from pyoxigraph as written."""
    shapes = load_shapes()
    compiled = compile_shapes(shapes)
    ontology = shared_ontology()
    quads = [ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), _ONTOLOGY) for s, p, o in ontology]
    left = {s for s in compiled.unsupported if isinstance(s, URIRef)}
    store = ox.Store()
    store.extend(quads)
    literals: set[Node] = {o for o in ontology.objects() if isinstance(o, Literal)}
    usable = len(left) == len(compiled.unsupported) and _literals_kept(store, _ONTOLOGY, literals)
    return _Engine(compiled, shapes_for(shapes, left) if left else None, quads, usable)


def _scratch_store(engine: _Engine) -> ox.Store:
    store = getattr(_SCRATCH, "store", None)
    if store is None:
        store = _SCRATCH.store = ox.Store()
        store.extend(engine.ontology)
    return store


def validate_graph(data: Graph) -> ValidationReport:
    """One graph checked with the shipped shapes: the report of `kg.validation.shapes.validate(data)`, sooner.

    The graph and its entailments (kg.store.inference, as `closed_graph` adds them) go into the
    default graph of an in-memory pyoxigraph store that holds the ontology (loaded once per thread;
    a triple the ontology already states is not added again, so no triple is seen twice). pyoxigraph
    writes a valid literal in its canonical form ("1.50"^^xsd:decimal becomes "1.5"), so a graph
    whose literals would not come back unchanged is validated by plain pyshacl, which sees them as written.
    """
    engine = _default_engine()
    if not engine.usable:
        return plain_validate(data)
    try:
        triples = [(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in data]
    except (TypeError, ValueError):  # a term pyoxigraph does not accept as it stands
        return plain_validate(data)
    store = _scratch_store(engine)
    default = ox.DefaultGraph()
    store.clear_graph(default)
    try:
        new = [(s, p, o) for s, p, o in triples if ox.Quad(s, p, o, _ONTOLOGY) not in store]
        store.extend(ox.Quad(s, p, o) for s, p, o in new)
        if not _literals_kept(store, default, {to_rdflib(o) for _, _, o in new if isinstance(o, ox.Literal)}):
            return plain_validate(data)
        entailed = default_rules().entail(triples)
        store.extend(ox.Quad(s, p, o) for s, p, o in entailed if ox.Quad(s, p, o, _ONTOLOGY) not in store)
        rest = plain_validate(data, engine.rest) if engine.rest is not None else None
        return _compiled_report(engine.compiled, store, rest)
    finally:
        store.clear_graph(default)


def _literals_kept(store: ox.Store, graph: ox.NamedNode | ox.DefaultGraph, literals: set[Node]) -> bool:
    """Whether the store gives back exactly these literals (as rdflib holds them) in `graph`."""
    kept = {
        to_rdflib(q.object)
        for q in store.quads_for_pattern(None, None, None, graph)
        if isinstance(q.object, ox.Literal)
    }
    return kept == literals


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
