"""Writes are transactions behind a SHACL gate that checks them against the whole store.

Every write (the CLI's load/replace/drop, the workbook and committee-system imports, Graph Store
PUT/DELETE, SPARQL Update) changes whole document graphs, and every one passes `check_changes`
first. The gate validates each changed graph as the store would hold it after the write:

* the graph's new content;
* what *other* graphs say about the same nodes (so two documents that give one plan two
  authorities are caught whichever is loaded second);
* the nodes of other graphs that point at this graph's nodes, old or new, with their own
  descriptions (so replacing or dropping a graph cannot leave another document's link dangling);
* one hop of what all of those point at, and the ontology.

Results about the changed graph's nodes count in full; results about other graphs' nodes count
when they are Violations (the write would break them). A Violation refuses the write, naming the
other graphs involved, and the store is left exactly as it was; otherwise the graphs and their
inferences change in one transaction. `check_data` is the same check for data that is not written
(`/validate`, `cypkg validate FILE`). The candidate data is validated by the compiled SPARQL engine
(`kg.validation.whole_store.validate_graph`), whose report is plain pyshacl's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pyoxigraph as ox
from rdflib import RDF, Graph, URIRef
from rdflib.term import Node

from kg.errors import InputError, ParseError, ReadOnlyGraph, UnknownIdError, ValidationFailed
from kg.namespaces import GRAPH
from kg.ontology.files import ONTOLOGY_GRAPH
from kg.store.binding import rows_block
from kg.store.graph_updates import drop_graph_update, replace_graph_update
from kg.store.inference import inferred_graph_iri
from kg.store.protocol import Store
from kg.store.rdf_io import graph_name_for, parse_error, parse_file
from kg.store.terms import graph_to_quads, to_rdflib
from kg.validation.shapes import ValidationReport
from kg.validation.whole_store import validate_graph
from kg.validation.writer import ThroughWriter

Mode = Literal["add", "replace"]
_CHUNK = 400
MAX_REFERRERS = 2000
"""More nodes of other graphs linking to what a write removes than the gate checks one by one: refused."""
BODY_BASE = "https://w3id.org/cypkg/id/"
BODY_FORMATS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
"""The RDF syntaxes a request body may use, by media type."""

Quad = tuple[Node, Node, Node, str]
Validator = Callable[[Graph], ValidationReport]
"""How the gate validates its candidate data: `validate_graph` (the compiled SPARQL engine), or the
plain-pyshacl reference (`kg.validation.whole_store.plain_validate`) that tests and benchmarks compare it with."""


# --- reading RDF ----------------------------------------------------------------------------------


def read_rdf_file(path: Path, graph: str | None = None) -> Graph:
    """Parse a file completely into an rdflib graph (ParseError names file and line)."""
    return _rdflib_graph(parse_file(path, graph))


def read_rdf_bytes(data: bytes, media_type: str, *, source: str = "request body") -> Graph:
    """Parse an RDF document sent as bytes, completely, with pyoxigraph.

    pyoxigraph validates every IRI (one that decodes to contain `>` is a parse error, not a broken
    write), never fetches a remote JSON-LD context, and is fast enough that a body at the size
    limit parses in about a second. RDF/XML may not declare a document type: entity declarations
    are how an 857-byte "billion laughs" body becomes gigabytes, so they are refused unread
    (defusedxml's rule), before any parser sees them.
    """
    fmt = BODY_FORMATS.get(media_type)
    if fmt is None:
        raise ParseError(
            f"cannot read RDF sent as {media_type or 'an untyped body'}",
            file=source,
            hint=f"send one of: {', '.join(BODY_FORMATS)}",
        )
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ParseError(
            f"the body is not UTF-8 (byte {exc.start})", file=source, hint="send the RDF as UTF-8 text"
        ) from exc
    if fmt == ox.RdfFormat.JSON_LD and not data.lstrip().startswith((b"{", b"[")):
        raise ParseError(
            "a JSON-LD document is a JSON object or array", file=source, hint='send {"@context": …, "@graph": […]}'
        )
    if fmt == ox.RdfFormat.RDF_XML and b"<!DOCTYPE" in data.upper():
        raise ParseError(
            "RDF/XML with a document type declaration (<!DOCTYPE …>) is not accepted: its entities can expand "
            "without bound",
            file=source,
            hint="write the IRIs out in full (or use XML namespaces) instead of DTD entities",
        )
    try:
        quads = list(ox.parse(data, format=fmt, base_iri=BODY_BASE))
    except SyntaxError as exc:
        raise parse_error(exc, source) from exc
    return _rdflib_graph(quads)


def _rdflib_graph(quads: Iterable[ox.Quad]) -> Graph:
    g = Graph()
    for q in quads:
        g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return g


# --- the gate -------------------------------------------------------------------------------------


@dataclass
class Checked:
    """The gate's verdict on one changed graph: its report and the other graphs its Violations involve."""

    name: str
    report: ValidationReport
    conflicts: dict[str, list[str]] = field(default_factory=dict)
    """For each focus node with a Violation, the other graphs (names) that describe it or link to it."""

    def refuse_if_violated(self) -> None:
        if not self.report.conforms:
            raise ValidationFailed(self.report, graph=self.name or None, conflicts=self.conflicts)


def writable(name: str) -> str:
    """The graph name, if writes may change it: every write path refuses the ontology graph."""
    if name == ONTOLOGY_GRAPH:
        raise ReadOnlyGraph(name)
    return name


def check_changes(
    store: Store, changes: dict[str, Graph | None], *, validator: Validator = validate_graph
) -> list[Checked]:
    """The gate's verdict on each graph of a write, as the store would be after it (None = graph dropped)."""
    for name in changes:
        if name:
            writable(name)
    written = {str(GRAPH[name]) for name in changes if name}
    excluded = written | {inferred_graph_iri(g) for g in written} | {str(GRAPH[ONTOLOGY_GRAPH])}
    other = _OtherGraphs(store, excluded, {str(GRAPH[n]): g for n, g in changes.items() if n and g is not None})
    verdicts = []
    for name, after in changes.items():
        old = store.graph(name) if name and str(GRAPH[name]) in _graphs(store) else Graph()
        after = after if after is not None else Graph()
        verdicts.append(_check_one(other.for_graph(name), name, after, old, validator))
    return verdicts


def _check_one(other: _OtherGraphs, name: str, after: Graph, old: Graph, validator: Validator) -> Checked:
    own = {s for s in after.subjects() if isinstance(s, URIRef)}
    before = {s for s in old.subjects() if isinstance(s, URIRef)}
    # Links from other graphs need checking only to nodes this write removes, adds or retypes:
    # a node that keeps its classes keeps satisfying what links to it.
    moved = (before ^ own) | {
        n for n in own & before if set(old.objects(n, RDF.type)) != set(after.objects(n, RDF.type))
    }
    shared = other.about(own)
    links = other.pointing_at(moved)
    referrers = {q[0] for q in links if isinstance(q[0], URIRef)} - own
    if len(referrers) > MAX_REFERRERS:
        graphs = sorted({_short(q[3]) for q in links})
        raise InputError(
            f"this write to graph {name} removes or retypes nodes that {len(referrers):,} nodes of other graphs "
            f"link to ({', '.join(graphs[:10])})",
            hint="change or drop those graphs first, or rebuild the whole store with `cypkg load`",
        )
    described = other.about(referrers)
    context = shared + links + described
    seen = own | referrers
    targets = {o for _, _, o in after if isinstance(o, URIRef) and o not in seen}
    targets |= {q[2] for q in context if isinstance(q[2], URIRef) and q[2] not in seen}
    context += other.about(targets)
    data = Graph()
    data += after
    for s, p, o, _ in context:
        data.add((s, p, o))
    report = validator(data)
    report.results = [
        r for r in report.results if r.focus_node in own or (r.focus_node in referrers and r.severity == "Violation")
    ]
    report.conforms = not any(r.severity == "Violation" for r in report.results)
    sources: dict[Node, set[str]] = defaultdict(set)
    for s, _, _, g in shared + described:
        sources[s].add(g)
    conflicts = {
        str(r.focus_node): sorted({_short(g) for g in sources.get(r.focus_node, ())})
        for r in report.results
        if r.severity == "Violation" and sources.get(r.focus_node)
    }
    return Checked(name, report, conflicts)


class _OtherGraphs:
    """What graphs other than the ones being written say, read from the store in chunks (values bound)."""

    def __init__(self, store: Store, excluded: set[str], pending: dict[str, Graph]) -> None:
        self.store = store
        self.excluded = excluded
        self.pending = pending

    def for_graph(self, name: str) -> _OtherGraphs:
        """The same view, seen from graph `name` (its own new content is not "other")."""
        own = str(GRAPH[name])
        return _OtherGraphs(self.store, self.excluded, {g: c for g, c in self.pending.items() if g != own})

    def about(self, subjects: Iterable[Node]) -> list[Quad]:
        return self._quads("s", subjects)

    def pointing_at(self, objects: Iterable[Node]) -> list[Quad]:
        return self._quads("o", objects)

    def _quads(self, position: str, terms: Iterable[Node]) -> list[Quad]:
        wanted = sorted((t for t in terms if isinstance(t, URIRef)), key=str)
        out: list[Quad] = []
        for i in range(0, len(wanted), _CHUNK):
            values = rows_block(position, wanted[i : i + _CHUNK])
            query = f"SELECT ?s ?p ?o ?g WHERE {{ {values} GRAPH ?g {{ ?s ?p ?o }} }}"
            for row in self.store.select(query):
                g = str(row["g"])
                if g not in self.excluded:
                    out.append((row["s"], row["p"], row["o"], g))
        keys = set(wanted)
        for g, content in self.pending.items():
            for s, p, o in content:
                if (s if position == "s" else o) in keys:
                    out.append((s, p, o, g))
        return out


def _short(graph_iri: str) -> str:
    base = str(GRAPH)
    name = graph_iri[len(base) :] if graph_iri.startswith(base) else graph_iri
    return name.removesuffix("/inferred")


def _graphs(store: Store) -> set[str]:
    return set(store.graphs())


def check_write(
    store: Store, name: str, data: Graph, *, mode: Mode = "add", validator: Validator = validate_graph
) -> ValidationReport:
    """The SHACL report for one graph as it would be after the write (see `check_changes`)."""
    return _checked(store, name, data, mode, validator).report


def _checked(store: Store, name: str, data: Graph, mode: Mode, validator: Validator = validate_graph) -> Checked:
    after = Graph()
    if mode == "add" and str(GRAPH[name]) in _graphs(store):
        after += store.graph(name)
    after += data
    return check_changes(store, {name: after}, validator=validator)[0]


def check_data(store: Store, data: Graph) -> ValidationReport:
    """The report for data checked as if it were a new graph of the store; nothing is written."""
    return check_changes(store, {"": data})[0].report


def write_changes(store: Store, changes: dict[str, Graph | None]) -> list[Checked]:
    """Gate every changed graph, then write them all (and their inferences) in one transaction."""
    verdicts = check_changes(store, changes)
    for verdict in verdicts:
        verdict.refuse_if_violated()
    if len(changes) == 1:  # the backend's own single-graph write (the remote store skolemizes blank nodes)
        ((name, after),) = changes.items()
        if after is not None and len(after):
            store.put_graph(name, after)
        else:
            store.drop_graph(name)
    elif changes:
        parts = [
            drop_graph_update(name)
            if after is None or not len(after)
            else replace_graph_update(name, graph_to_quads(after, name))
            for name, after in changes.items()
        ]
        store.update(" ; ".join(parts))
    return verdicts


def write_graph(store: Store, name: str, data: Graph, *, mode: Mode = "add") -> ValidationReport:
    """Add to or replace a named graph if the result passes the SHACL gate; returns the report.

    While a service's writer holds the store, the writer runs this (`ThroughWriter`), not the caller.
    """
    if isinstance(store, ThroughWriter):
        return store.write_graph(name, data, mode)
    verdict = _checked(store, name, data, mode)
    verdict.refuse_if_violated()
    if mode == "replace":
        store.put_graph(name, data)
    else:
        store.add_to_graph(name, data)
    return verdict.report


def load_file(store: Store, path: Path, *, graph: str | None = None, mode: Mode = "add") -> ValidationReport:
    """`cypkg load FILE` / `cypkg replace GRAPH FILE`: parse fully, gate, then write."""
    name = graph or graph_name_for(path)
    return write_graph(store, name, read_rdf_file(path, name), mode=mode)


def drop(store: Store, name: str) -> ValidationReport:
    """`cypkg drop GRAPH`: remove a document's graph (and its inferences), unless another graph links into it."""
    writable(name)
    if isinstance(store, ThroughWriter):
        return store.drop(name)
    if str(GRAPH[name]) not in _graphs(store):
        raise UnknownIdError("graph", name, hint="`cypkg graphs` lists the named graphs")
    verdict = check_changes(store, {name: None})[0]
    verdict.refuse_if_violated()
    store.drop_graph(name)
    return verdict.report
