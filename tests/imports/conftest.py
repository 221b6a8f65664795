"""Fixtures for the import tests: a fresh small store per test on each backend, Modern.gov answers from files."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kg.store.build import build_store, data_sources
from kg.store.embedded import OxigraphStore
from kg.store.protocol import Store
from tests.conftest import BACKENDS

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
MODERNGOV = HERE / "fixtures" / "moderngov"
BASE = "https://democracy.manchester.gov.uk"


IMPORT_CONTEXT = ("reference", "seeds", "examples")
"""The folders of data/ an import is checked against: the authorities and reference lists, the seed
reports and the fictional example (not the register's hundreds of graphs or the indicators, which
no import here reads, and which made each Virtuoso restore several times slower)."""


@pytest.fixture(scope="session")
def reference_quads() -> list:
    """The ontology and the Turtle of IMPORT_CONTEXT, as quads."""
    store = OxigraphStore()
    sources = [
        s
        for s in data_sources(REPO / "data")
        if s.graph == "ontology" or (s.path.parent.name in IMPORT_CONTEXT and s.path.suffix == ".ttl")
    ]
    build_store(store, sources)
    return list(store.quads())


@pytest.fixture(scope="session")
def reference_dump(reference_quads: list, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reference quads as an N-Quads file, to restore into Virtuoso."""
    store = OxigraphStore()
    store.as_oxigraph().extend(reference_quads)
    path = tmp_path_factory.mktemp("imports-reference") / "reference.nq"
    with path.open("wb") as out:
        store.dump(out, "nquads")
    return path


@pytest.fixture
def lookup_store(reference_quads: list) -> OxigraphStore:
    """An embedded store holding the reference data and seeds, for tests whose input is refused before any write."""
    store = OxigraphStore()
    store.as_oxigraph().extend(reference_quads)
    return store


@pytest.fixture(params=BACKENDS)
def fresh_store(request: pytest.FixtureRequest, reference_quads: list) -> Iterator[Store]:
    """A store of its own for each test that writes, holding the reference data and seeds, on each backend.

    Virtuoso: the session's scratch server, restored to the reference data, so the read-only
    session data is never touched.
    """
    if request.param == "embedded":
        yield request.getfixturevalue("lookup_store")
        return
    store = request.getfixturevalue("virtuoso_scratch_server").remote_store()
    store.restore(request.getfixturevalue("reference_dump"))
    yield store
    store.close()


@pytest.fixture
def fixture_fetcher() -> Callable[..., Callable[[str], bytes]]:
    """Makes fetchers that answer Modern.gov URLs from the copied fixtures (never the network)."""
    return make_fixture_fetcher


def make_fixture_fetcher(overrides: dict[str, bytes] | None = None) -> Callable[[str], bytes]:
    """A fetcher answering from the fixtures; `overrides` maps a URL fragment to a body to answer instead."""
    routes = {
        "GetCommittees": "manchester_GetCommittees.xml",
        "GetMeetings": "manchester_GetMeetings.xml",
        "lMeetingId=4966": "manchester_GetMeeting_no_minutes.xml",
        "lMeetingId=4967": "manchester_GetMeeting_with_minutes.xml",
        "mgDelegatedDecisions": "kirklees_mgDelegatedDecisions_list.html",
        "ieDecisionDetails": "kirklees_ieDecisionDetails.html",
    }

    def fetch(url: str) -> bytes:
        for marker, body in (overrides or {}).items():
            if marker in url:
                return body
        for marker, name in routes.items():
            if marker in url:
                return (MODERNGOV / name).read_bytes()
        raise AssertionError(f"unexpected request {url}")

    return fetch
