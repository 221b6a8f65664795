"""The inference analysts expect, materialised once instead of asked for in every query.

From the ontology: `rdfs:subClassOf` and `rdfs:subPropertyOf` closure, `owl:inverseOf` and
`owl:SymmetricProperty`. Each document graph G gets its entailments in the graph `G/inferred`,
so replacing or dropping a document takes its inferences with it, and asserted facts stay apart
from derived ones. Domains and ranges are deliberately not applied: in council data they guess.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, Graph, URIRef

from kg.namespaces import GRAPH
from kg.ontology.files import ONTOLOGY_GRAPH, ontology_files

_RDF_TYPE = ox.NamedNode(str(RDF.type))

Subject = ox.NamedNode | ox.BlankNode | ox.Triple
TermTriple = tuple[Subject, ox.NamedNode, Subject | ox.Literal]
"""A triple of oxigraph terms, as rules read and write them."""


def inferred_graph_iri(name: str) -> str:
    """The graph holding what a document graph entails: `…/graph/{name}/inferred`."""
    return f"{GRAPH[name]}/inferred" if not name.startswith("http") else f"{name}/inferred"


def transitive_closure(g: Graph, predicate: URIRef) -> dict[URIRef, set[URIRef]]:
    """Each IRI's strict ancestors along `predicate` (e.g. every superclass of a class)."""
    direct: dict[URIRef, set[URIRef]] = defaultdict(set)
    for sub, sup in g.subject_objects(predicate):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef) and sub != sup:
            direct[sub].add(sup)
    closed: dict[URIRef, set[URIRef]] = {}
    for start, supers in direct.items():
        seen: set[URIRef] = set()
        todo = list(supers)
        while todo:
            nxt = todo.pop()
            if nxt not in seen and nxt != start:
                seen.add(nxt)
                todo.extend(direct.get(nxt, ()))
        closed[start] = seen
    return closed


@dataclass
class Rules:
    """The ontology's axioms as lookup tables (IRIs as strings)."""

    superclasses: dict[str, set[str]] = field(default_factory=dict)
    superproperties: dict[str, set[str]] = field(default_factory=dict)
    inverses: dict[str, set[str]] = field(default_factory=dict)
    symmetric: set[str] = field(default_factory=set)

    @classmethod
    def from_graph(cls, g: Graph) -> Rules:
        def closure(pred: URIRef) -> dict[str, set[str]]:
            return {str(k): {str(v) for v in vs} for k, vs in transitive_closure(g, pred).items()}

        inverses: dict[str, set[str]] = defaultdict(set)
        for s, o in g.subject_objects(OWL.inverseOf):
            inverses[str(s)].add(str(o))
            inverses[str(o)].add(str(s))
        symmetric = {str(s) for s in g.subjects(RDF.type, OWL.SymmetricProperty)}
        return cls(closure(RDFS.subClassOf), closure(RDFS.subPropertyOf), dict(inverses), symmetric)

    def entail(self, triples: Iterable[TermTriple]) -> set[TermTriple]:
        """What the triples entail beyond themselves, to a fixpoint."""
        asserted = set(triples)
        known = set(asserted)
        frontier = list(asserted)
        while frontier:
            new: list[TermTriple] = []
            for s, p, o in frontier:
                pv = p.value
                if pv == _RDF_TYPE.value and isinstance(o, ox.NamedNode):
                    for sup in self.superclasses.get(o.value, ()):
                        new.append((s, p, ox.NamedNode(sup)))
                for sup in self.superproperties.get(pv, ()):
                    new.append((s, ox.NamedNode(sup), o))
                if isinstance(o, ox.NamedNode | ox.BlankNode):
                    for inv in self.inverses.get(pv, ()):
                        new.append((o, ox.NamedNode(inv), s))
                    if pv in self.symmetric:
                        new.append((o, p, s))
            frontier = [t for t in new if t not in known]
            known.update(frontier)
        return known - asserted


@cache
def default_rules() -> Rules:
    """Rules from the ontology files shipped in ontology/."""
    g = Graph()
    for path in ontology_files():
        g.parse(path, format="turtle")
    return Rules.from_graph(g)


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
