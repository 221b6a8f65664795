"""Fixtures for the plans register: its fixed copy (tests/fixtures/register), a store to import into, a built one."""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.imports.register import reference_authorities, reference_store, register_graphs, write_files
from kg.store.build import build_store, data_sources
from kg.store.embedded import OxigraphStore
from kg.store.protocol import Store
from kg.store.rdf_io import RdfSource
from tests.conftest import BACKENDS
from tests.support.virtuoso import loaded_image, start_virtuoso

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "register"
REGISTER_FILES = ("plans.csv", "priorities.csv", "meetings.csv", "partners.csv", "coverage.csv")


def copy_register(to: Path, councils: set[str] | None = None, *, source: Path = FIXTURE) -> Path:
    """A copy of the fixed register (only some councils' rows, if given) that a test may change."""
    to.mkdir(parents=True, exist_ok=True)
    for path in source.iterdir():
        if path.suffix == ".csv":
            with path.open(encoding="utf-8", newline="") as f:
                rows = list(csv.reader(f))
            keep = [rows[0]] + [r for r in rows[1:] if councils is None or r[0] in councils or r[1] in councils]
            with (to / path.name).open("w", encoding="utf-8", newline="") as f:
                csv.writer(f, lineterminator="\n").writerows(keep)
        elif path.name == "SOURCES.md":
            (to / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return to


@pytest.fixture(scope="session")
def base_quads() -> list:
    """The ontology, the reference data and the seed reports (no register), as quads."""
    data = REPO / "data"
    sources = [
        s
        for s in data_sources(data)
        if s.graph == "ontology" or s.path.parent.name in ("reference", "seeds") and s.path.suffix == ".ttl"
    ]
    store = OxigraphStore()
    build_store(store, sources)
    return list(store.quads())


@pytest.fixture(scope="session")
def base_dump(base_quads: list, tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = OxigraphStore()
    store.as_oxigraph().extend(base_quads)
    path = tmp_path_factory.mktemp("register-base") / "base.nq"
    with path.open("wb") as out:
        store.dump(out, "nquads")
    return path


@pytest.fixture(params=BACKENDS)
def import_store(request: pytest.FixtureRequest, base_quads: list) -> Iterator[Store]:
    """A store of its own holding the ontology, reference data and seeds, on each backend, to import into."""
    if request.param == "embedded":
        store = OxigraphStore()
        store.as_oxigraph().extend(base_quads)
        yield store
        return
    store = request.getfixturevalue("virtuoso_scratch_server").remote_store()
    store.restore(request.getfixturevalue("base_dump"))
    yield store
    store.close()


@pytest.fixture(scope="session")
def fixture_graphs() -> dict:
    """The fixed register's graphs, built against the reference authorities."""
    return register_graphs(FIXTURE, reference_authorities(reference_store()))


def _fixture_sources(graphs: dict, folder: Path) -> list[RdfSource]:
    written = write_files(graphs, folder)
    reference = sorted((REPO / "data" / "reference").glob("*.ttl")) + sorted((REPO / "data" / "examples").glob("*.ttl"))
    indicators = sorted((REPO / "data" / "indicators").glob("*")) + [
        REPO / "data" / "register" / "theme-indicators.ttl"
    ]
    ontology = [s for s in data_sources(REPO / "data") if s.graph == "ontology"]
    return (
        ontology
        + [RdfSource(p, p.name.split(".")[0]) for p in reference + indicators]
        + [RdfSource(p, p.stem) for p in written]
    )


@pytest.fixture(scope="session")
def national_embedded(fixture_graphs: dict, tmp_path_factory: pytest.TempPathFactory) -> OxigraphStore:
    """The fixed register with the ontology, reference data, indicators and the fictional example, with inferences."""
    store = OxigraphStore()
    build_store(store, _fixture_sources(fixture_graphs, tmp_path_factory.mktemp("register-graphs")))
    return store


@pytest.fixture(scope="session", params=BACKENDS)
def national_store(request: pytest.FixtureRequest, national_embedded: OxigraphStore) -> Iterator[Store]:
    """The fixed register on each backend (Virtuoso restored from the embedded store's quads)."""
    if request.param == "embedded":
        yield national_embedded
        return
    tmp_path_factory: pytest.TempPathFactory = request.getfixturevalue("tmp_path_factory")
    image = loaded_image(tmp_path_factory, "virtuoso-register-image", lambda out: national_embedded.dump(out, "nquads"))
    server = start_virtuoso(
        Path(tempfile.mkdtemp(prefix="virtuoso-register-", dir=tmp_path_factory.getbasetemp())), image=image
    )
    try:
        store = server.remote_store()
        yield store
        store.close()
    finally:
        server.stop()
