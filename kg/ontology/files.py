"""Where the ontology and its shapes are, the named graph the ontology is loaded into, and the files read as graphs."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from kg.config import RESOURCE_ROOT

if TYPE_CHECKING:  # rdflib is imported when a graph is first built, not by asking where the files are
    from rdflib import Graph

ONTOLOGY_DIR = RESOURCE_ROOT / "ontology"
ONTOLOGY_GRAPH = "ontology"
_RANGES_FILE = "shapes-ranges.ttl"


def ontology_files() -> list[Path]:
    """The ontology's Turtle files (everything in ontology/ that is not a shapes file)."""
    return sorted(p for p in ONTOLOGY_DIR.glob("*.ttl") if not p.name.startswith("shapes"))


def _shape_files(ranges: bool) -> list[Path]:
    files = sorted(ONTOLOGY_DIR.glob("shapes*.ttl"))
    return [f for f in files if ranges or f.name != _RANGES_FILE]


@lru_cache(maxsize=2)
def _parse_files(paths: tuple[Path, ...]) -> Graph:
    """The files' triples and prefixes in one rdflib graph, parsed by pyoxigraph (twenty times faster than
    rdflib's Turtle parser: the first view or check of a process no longer waits a second for the ontology)."""
    import pyoxigraph as ox
    from rdflib import Graph

    from kg.store.terms import to_rdflib

    graph = Graph()
    for path in paths:
        triples = ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
        for t in triples:
            graph.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
        for prefix, namespace in triples.prefixes.items():
            graph.bind(prefix, namespace, override=True)
    return graph


def _copy(graph: Graph) -> Graph:
    from rdflib import Graph

    copied = Graph()
    for prefix, namespace in graph.namespaces():
        copied.bind(prefix, namespace)
    copied += graph
    return copied


def load_shapes(*, ranges: bool = True) -> Graph:
    """All shapes in ontology/shapes*.ttl; `ranges=False` leaves out the cross-node class checks.

    Other engineers add shape files (shapes-indicators.ttl), so the folder is globbed. The range
    checks need the referenced nodes present, so a lone seed file without reference data is best
    checked with `ranges=False`.
    """
    return _copy(_parse_files(tuple(_shape_files(ranges))))


def load_ontology() -> Graph:
    """Every ontology file in ontology/ (all *.ttl that are not shapes), merged into one graph (a copy of your own)."""
    return _copy(_parse_files(tuple(ontology_files())))


def shared_ontology() -> Graph:
    """The ontology parsed once per process and shared, for readers that never change it (no copy made)."""
    return _parse_files(tuple(ontology_files()))
