"""Every cyp: term anyone uses is declared in the ontology, so a typo fails with its name.

Scans the ontology, the shapes and everything under data/ (Turtle, N-Triples, gzipped
N-Triples, TriG). Data files arrive from other work in progress, so an absent data/ is fine; an
empty ontology is not.
"""

from __future__ import annotations

import gzip
import re
from functools import cache
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from kg.namespaces import CYP, ONTOLOGY_IRI
from kg.ontology.files import ONTOLOGY_DIR, load_ontology

REPO = Path(__file__).resolve().parents[2]
_NT_TERM = re.compile(r"<" + re.escape(str(CYP)) + r"([^>]*)>")
DATA = REPO / "data"


def _data_files() -> list[Path]:
    if not DATA.is_dir():
        return []
    suffixes = (".ttl", ".nt", ".nt.gz", ".trig")
    return sorted(p for p in DATA.rglob("*") if p.is_file() and p.name.endswith(suffixes))


def _parse(path: Path) -> Graph:
    if path.suffix == ".trig":
        dataset = Dataset()
        dataset.parse(path, format="trig")
        union = Graph()
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            union.add((s, p, o))
        return union
    return Graph().parse(path, format="turtle")


@cache
def ontology() -> Graph:
    return load_ontology()


def _terms_in(path: Path) -> set[URIRef]:
    if path.name.endswith((".nt", ".nt.gz")):
        # N-Triples writes every IRI in full, so a scan finds them without parsing bulk files.
        opener = gzip.open if path.name.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as handle:
            return {URIRef(CYP + name) for line in handle for name in _NT_TERM.findall(line)}
    return {t for triple in _parse(path) for t in triple if isinstance(t, URIRef) and t.startswith(CYP)}


def _used_terms() -> dict[URIRef, str]:
    """Every IRI in our namespace, with the first file it was seen in."""
    seen: dict[URIRef, str] = {}
    for path in sorted(ONTOLOGY_DIR.glob("*.ttl")) + _data_files():
        for term in sorted(_terms_in(path)):
            seen.setdefault(term, str(path.relative_to(REPO)))
    return seen


USED = _used_terms()


def test_the_ontology_is_not_empty() -> None:
    assert len(ontology()) > 100
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology()


def test_the_ontology_header_has_a_version_iri_and_version_info() -> None:
    header = ontology()
    assert header.value(ONTOLOGY_IRI, OWL.versionIRI) == URIRef("https://w3id.org/cypkg/def/0.1.0")
    assert header.value(ONTOLOGY_IRI, OWL.versionInfo) is not None


@pytest.mark.parametrize("term", [pytest.param(t, id=t.removeprefix(str(CYP))) for t in sorted(USED)])
def test_term_is_declared_with_label_definition_and_is_defined_by(term: URIRef) -> None:
    g = ontology()
    name = term.removeprefix(str(CYP))
    where = USED[term]
    assert (term, RDFS.label, None) in g, f"cyp:{name} (used in {where}) has no rdfs:label in the ontology"
    assert (term, SKOS.definition, None) in g or (term, RDFS.comment, None) in g, (
        f"cyp:{name} (used in {where}) has no skos:definition or rdfs:comment in the ontology"
    )
    assert (term, RDFS.isDefinedBy, ONTOLOGY_IRI) in g, (
        f"cyp:{name} (used in {where}) has no rdfs:isDefinedBy <{ONTOLOGY_IRI}>"
    )


def _property_shapes() -> list[tuple[Graph, URIRef]]:
    shapes = Graph()
    for path in sorted(ONTOLOGY_DIR.glob("shapes*.ttl")):
        shapes.parse(path, format="turtle")
    named = {s for s in shapes.subjects(RDF.type, SH.PropertyShape) if isinstance(s, URIRef)}
    named |= {o for o in shapes.objects(None, SH.property) if isinstance(o, URIRef)}
    return [(shapes, s) for s in sorted(named)]


def test_there_are_property_shapes() -> None:
    assert len(_property_shapes()) > 20


@pytest.mark.parametrize("shapes, shape", [pytest.param(g, s, id=s.rsplit("#", 1)[-1]) for g, s in _property_shapes()])
def test_property_shape_has_name_message_and_severity(shapes: Graph, shape: URIRef) -> None:
    missing = [p.n3() for p in (SH.name, SH.message, SH.severity) if (shape, p, None) not in shapes]
    assert not missing, f"{shape} lacks {', '.join(missing)}"


def _language(term: object) -> str | None:
    return term.language if isinstance(term, Literal) else None


def test_no_term_has_two_labels_or_two_definitions_in_one_language() -> None:
    """A term described in two files drifts apart: one label and one definition per language, in one place."""
    g = ontology()
    twice = sorted(
        f"cyp:{term.removeprefix(str(CYP))} {prop.n3(g.namespace_manager)} @{lang}"
        for prop in (RDFS.label, SKOS.prefLabel, SKOS.definition)
        for term in {s for s in g.subjects(prop, None) if isinstance(s, URIRef) and s.startswith(CYP)}
        for lang in {_language(o) for o in g.objects(term, prop)}
        if sum(1 for o in g.objects(term, prop) if _language(o) == lang) > 1
    )
    assert twice == []
