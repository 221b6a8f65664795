"""Shared fixtures: the store built from data/, once per session, on each backend."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import build_store, data_sources
from kg.store import OxigraphStore

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
ARTIFACTS = REPO / "artifacts"


@pytest.fixture(scope="session")
def embedded_store() -> OxigraphStore:
    """An in-memory embedded store holding everything in data/ and the ontology."""
    store = OxigraphStore()
    build_store(store, data_sources(DATA))
    return store


@pytest.fixture(scope="session", params=["embedded"])
def store(request: pytest.FixtureRequest, embedded_store: OxigraphStore):
    """The store every backend-neutral test runs against; one run per backend."""
    if request.param == "embedded":
        return embedded_store
    return request.getfixturevalue(f"{request.param}_store")


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where tests leave screenshots and reports for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
