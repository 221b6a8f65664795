"""Views fixtures: a store of the fictional Testshire council, and headless Debian Chromium with no network."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.ontology.files import ONTOLOGY_GRAPH, ontology_files
from kg.store.build import build_store
from kg.store.embedded import OxigraphStore
from kg.store.rdf_io import RdfSource

FIXTURES = Path(__file__).resolve().parent / "fixtures"
IRI = "https://w3id.org/cypkg/id/"


@pytest.fixture(scope="session")
def testshire_store() -> OxigraphStore:
    """The ontology and the fictional Testshire plans only (its labels try to inject markup)."""
    store = OxigraphStore()
    sources = [RdfSource(p, ONTOLOGY_GRAPH) for p in ontology_files()]
    sources.append(RdfSource(FIXTURES / "fictional-testshire.ttl", "fictional-testshire"))
    build_store(store, sources)
    return store


@pytest.fixture(scope="session")
def emptyshire_store() -> OxigraphStore:
    """The ontology and a fictional council with one plan and nothing else: every view of it is empty."""
    store = OxigraphStore()
    sources = [RdfSource(p, ONTOLOGY_GRAPH) for p in ontology_files()]
    sources.append(RdfSource(FIXTURES / "fictional-emptyshire.ttl", "fictional-emptyshire"))
    build_store(store, sources)
    return store
