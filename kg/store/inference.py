"""The inference analysts expect, materialised once instead of asked for in every query.

From the ontology: `rdfs:subClassOf` and `rdfs:subPropertyOf` closure, `owl:inverseOf` and
`owl:SymmetricProperty`. Each document graph G gets its entailments in the graph `G/inferred`,
so replacing or dropping a document takes its inferences with it, and asserted facts stay apart
from derived ones. Domains and ranges are deliberately not applied: in council data they guess.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, BNode, Graph, URIRef

from kg.namespaces import GRAPH
from kg.ontology.files import ONTOLOGY_GRAPH, load_ontology

_RDF_TYPE = ox.NamedNode(str(RDF.type))

Subject = ox.NamedNode | ox.BlankNode | ox.Triple
TermTriple = tuple[Subject, ox.NamedNode, Subject | ox.Literal]
"""A triple of oxigraph terms, as the store's rules read and write them."""


@dataclass(frozen=True)
class Terms:
    """How the engine makes and tells apart the terms of one RDF library (oxigraph's or rdflib's).

    The rules run on either library's terms as they are, so neither the store (oxigraph) nor
    validation (rdflib) converts a graph to the other's terms to draw its inferences.
    """

    named: Callable[[str], Any]
    """Makes the IRI term for a string."""
    resources: tuple[type, ...]
    """The term classes that may be a subject (IRIs and blank nodes): an inverse never starts at a literal."""


OXIGRAPH = Terms(ox.NamedNode, (ox.NamedNode, ox.BlankNode))
RDFLIB = Terms(URIRef, (URIRef, BNode))


def inferred_graph_iri(name: str) -> str:
    """The graph holding what a document graph entails: `…/graph/{name}/inferred`."""
    return f"{GRAPH[name]}/inferred" if not name.startswith("http") else f"{name}/inferred"


def _transitive_closure(g: Graph, predicate: URIRef) -> dict[str, set[str]]:
    """Each IRI's strict ancestors along `predicate` (e.g. every superclass of a class)."""
    direct: dict[str, set[str]] = defaultdict(set)
    for sub, sup in g.subject_objects(predicate):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef) and sub != sup:
            direct[str(sub)].add(str(sup))
    closed: dict[str, set[str]] = {}
    for start, supers in direct.items():
        seen: set[str] = set()
        todo = list(supers)
        while todo:
            nxt = todo.pop()
            if nxt not in seen and nxt != start:
                seen.add(nxt)
                todo.extend(direct.get(nxt, ()))
        closed[start] = seen
    return closed


@dataclass(frozen=True)
class _Tables:
    """The rules' lookup tables in one library's terms."""

    rdf_type: Any
    superclasses: dict[Any, list[Any]]
    superproperties: dict[Any, list[Any]]
    inverses: dict[Any, list[Any]]
    symmetric: frozenset[Any]


@dataclass
class Rules:
    """The ontology's axioms as lookup tables (IRIs as strings): the one inference engine.

    The store materialises what these rules entail per document graph (oxigraph terms), and
    validation checks a graph together with the same entailments (rdflib terms).
    """

    superclasses: dict[str, set[str]] = field(default_factory=dict)
    superproperties: dict[str, set[str]] = field(default_factory=dict)
    inverses: dict[str, set[str]] = field(default_factory=dict)
    symmetric: set[str] = field(default_factory=set)
    _tables: dict[Terms, _Tables] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_graph(cls, g: Graph) -> Rules:
        """The rules an ontology graph states."""
        inverses: dict[str, set[str]] = defaultdict(set)
        for s, o in g.subject_objects(OWL.inverseOf):
            inverses[str(s)].add(str(o))
            inverses[str(o)].add(str(s))
        symmetric = {str(s) for s in g.subjects(RDF.type, OWL.SymmetricProperty)}
        return cls(
            _transitive_closure(g, RDFS.subClassOf),
            _transitive_closure(g, RDFS.subPropertyOf),
            dict(inverses),
            symmetric,
        )

    def tables(self, terms: Terms) -> _Tables:
        """The lookup tables keyed by `terms`' own IRI terms (made once per library)."""
        if terms not in self._tables:

            def keyed(table: dict[str, set[str]]) -> dict[Any, list[Any]]:
                return {terms.named(k): [terms.named(v) for v in sorted(vs)] for k, vs in table.items()}

            self._tables[terms] = _Tables(
                terms.named(str(RDF.type)),
                keyed(self.superclasses),
                keyed(self.superproperties),
                keyed(self.inverses),
                frozenset(terms.named(s) for s in self.symmetric),
            )
        return self._tables[terms]

    def entail(self, triples: Iterable[tuple[Any, Any, Any]], terms: Terms = OXIGRAPH) -> set[tuple[Any, Any, Any]]:
        """What the triples entail beyond themselves, to a fixpoint, in the triples' own terms."""
        t = self.tables(terms)
        asserted = set(triples)
        known = set(asserted)
        frontier = list(asserted)
        while frontier:
            new: list[tuple[Any, Any, Any]] = []
            for s, p, o in frontier:
                if p == t.rdf_type:
                    new.extend((s, p, sup) for sup in t.superclasses.get(o, ()))
                new.extend((s, sup, o) for sup in t.superproperties.get(p, ()))
                if isinstance(o, terms.resources):
                    new.extend((o, inv, s) for inv in t.inverses.get(p, ()))
                    if p in t.symmetric:
                        new.append((o, p, s))
            frontier = [triple for triple in new if triple not in known]
            known.update(frontier)
        return known - asserted


def closed_graph(data: Graph, ontology: Graph, rules: Rules) -> Graph:
    """`data` plus the ontology plus what the store would materialise from `data` (rdflib terms).

    This is how validation sees one graph as it would be inside the store. Unlike full RDFS
    entailment it adds no `rdf:type rdfs:Resource` to every node, which would make every dangling
    reference look described, and it is much faster.
    """
    closed = Graph()
    closed += ontology
    closed += data
    for triple in rules.entail(data, RDFLIB):
        closed.add(triple)
    return closed


@cache
def default_rules() -> Rules:
    """Rules from the ontology files shipped in ontology/ (read by the one ontology loader)."""
    return Rules.from_graph(load_ontology())


def infer_graph(store: ox.Store, name: str, rules: Rules | None = None) -> int:
    """Recompute one document graph's inferred graph inside an oxigraph store; returns its size."""
    rules = rules or default_rules()
    source = ox.NamedNode(str(GRAPH[name])) if not name.startswith("http") else ox.NamedNode(name)
    target = ox.NamedNode(inferred_graph_iri(name))
    entailed = {
        t
        for t in rules.entail(_triggering_triples(store, source, rules))
        if next(iter(store.quads_for_pattern(*t, source)), None) is None
    }
    if store.contains_named_graph(target):
        store.remove_graph(target)
    store.extend(ox.Quad(s, p, o, target) for s, p, o in entailed)
    return len(entailed)


def _triggering_triples(store: ox.Store, source: ox.NamedNode, rules: Rules) -> Iterable[TermTriple]:
    """Only the triples some rule reads: typed by a class with superclasses, or with a rule-bearing predicate.

    Bulk data (a million observations) mostly fires no rule, so scanning it all would be wasted time.
    """
    for cls in rules.superclasses:
        for q in store.quads_for_pattern(None, _RDF_TYPE, ox.NamedNode(cls), source):
            yield q.subject, q.predicate, q.object
    for prop in set(rules.superproperties) | set(rules.inverses) | rules.symmetric:
        for q in store.quads_for_pattern(None, ox.NamedNode(prop), None, source):
            yield q.subject, q.predicate, q.object


def entailed_quads(quads: list[ox.Quad], name: str, rules: Rules | None = None) -> list[ox.Quad]:
    """The inferred quads for a document graph's quads (used by transactional writes)."""
    if name == ONTOLOGY_GRAPH:
        return []
    target = ox.NamedNode(inferred_graph_iri(name))
    triples = ((q.subject, q.predicate, q.object) for q in quads)
    return [ox.Quad(s, p, o, target) for s, p, o in (rules or default_rules()).entail(triples)]
