"""One in-memory store with the reference and indicator data, shared by the indicator tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.store import OxigraphStore, RdfSource

ROOT = Path(__file__).resolve().parents[2]
FILES = [
    ("data/reference/authorities.ttl", "authorities"),
    ("data/indicators/lait-indicators.ttl", "lait-indicators"),
    ("data/indicators/lait-observations.nt.gz", "lait-observations"),
    ("data/indicators/statistical-neighbours.ttl", "statistical-neighbours"),
]


@pytest.fixture(scope="session")
def indicator_store() -> OxigraphStore:
    store = OxigraphStore(path=None)
    store.load_sources([RdfSource(ROOT / p, g) for p, g in FILES], infer=False)
    return store
