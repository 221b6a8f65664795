"""The generated handbook page documents every class of the ontology."""

from __future__ import annotations

from html import escape
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.namespaces import CYP
from kg.ontology.docs import write_ontology_docs
from kg.ontology.files import load_ontology


def test_generated_page_contains_every_class_label_and_anchor(tmp_path: Path) -> None:
    page = write_ontology_docs(tmp_path / "ontology.html").read_text(encoding="utf-8")
    ontology = load_ontology()
    classes = [c for c in ontology.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef) and c.startswith(CYP)]
    assert classes
    for cls in classes:
        label = str(ontology.value(cls, RDFS.label))
        assert escape(label) in page, f"{label} missing from the page"
        assert f'id="{cls.removeprefix(str(CYP))}"' in page


def test_written_into_a_folder_the_page_is_called_ontology_html(tmp_path: Path) -> None:
    assert write_ontology_docs(tmp_path).name == "ontology.html"


def test_the_committed_page_is_regenerated_from_the_current_ontology(tmp_path: Path) -> None:
    """docs/ontology.html is generated; when the ontology changes, `cypkg docs` must be run and committed."""
    committed = Path(__file__).resolve().parents[2] / "docs" / "ontology.html"
    fresh = write_ontology_docs(tmp_path / "ontology.html").read_text(encoding="utf-8")
    assert committed.read_text(encoding="utf-8") == fresh, "docs/ontology.html is stale: run `cypkg docs` and commit it"
