"""The indicator tests' store, on each backend.

Embedded: an in-memory store of the reference and indicator files alone (quick to build).
Virtuoso: the session's Virtuoso, which holds those same graphs among the rest of data/; the
named queries read only those graphs, so both backends must give the same figures. A test that
writes uses a private graph name and drops it afterwards.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.store.embedded import OxigraphStore
from kg.store.protocol import Store
from kg.store.rdf_io import RdfSource

ROOT = Path(__file__).resolve().parents[2]
FILES = [
    ("data/reference/authorities.ttl", "authorities"),
    ("data/indicators/lait-indicators.ttl", "lait-indicators"),
    ("data/indicators/lait-observations.nt.gz", "lait-observations"),
    ("data/indicators/statistical-neighbours.ttl", "statistical-neighbours"),
]
BACKENDS = ["embedded", pytest.param("virtuoso", marks=pytest.mark.virtuoso)]


@pytest.fixture(scope="session")
def embedded_indicator_store() -> OxigraphStore:
    store = OxigraphStore(path=None)
    store.load_sources([RdfSource(ROOT / p, g) for p, g in FILES], infer=False)
    return store


@pytest.fixture(scope="session", params=BACKENDS)
def indicator_store(request: pytest.FixtureRequest) -> Store:
    """The indicator graphs on each backend."""
    if request.param == "embedded":
        return request.getfixturevalue("embedded_indicator_store")
    return request.getfixturevalue("virtuoso_store")
