"""The CLI run in-process (typer's CliRunner) against stores in scratch folders.

`cli(...)` runs one command and returns its exit code and output, with a CypkgError turned into
exit code and message as `cypkg` prints them. `tiny` is a store of one small data file; `real`
is a store of data/'s reports, reference data and examples with the LAC indicator series (the
observations of one measure: the whole file takes a minute to load), built once per session.
"""

from __future__ import annotations

import gzip
import hashlib
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.config import get_settings
from kg.errors import CypkgError
from kg.store.build import build_store, data_sources
from kg.store.embedded import OxigraphStore

REPO = Path(__file__).resolve().parents[2]
TINY = """@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/cypkg/id/test/alpha> skos:prefLabel "alpha"@en .
<https://w3id.org/cypkg/id/test/beta> skos:prefLabel "beta"@en .
"""
LAC = b"<https://w3id.org/cypkg/id/observation/lait-lac-"


@dataclass(frozen=True)
class Outcome:
    """What a command did: its exit code and what it wrote."""

    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def cli(*args: str) -> Outcome:
    """Run `cypkg ARGS` in-process; a CypkgError becomes its exit code and `error:`/`how to fix:` lines."""
    result = CliRunner().invoke(app, list(args), catch_exceptions=True)
    exc = result.exception
    if isinstance(exc, CypkgError):
        text = f"error: {exc.message}\n" + (f"how to fix: {exc.hint}\n" if exc.hint else "")
        return Outcome(exc.exit_code, result.stdout, result.stderr + text)
    if exc is not None and not isinstance(exc, SystemExit):
        raise exc
    return Outcome(result.exit_code, result.stdout, result.stderr)


@dataclass(frozen=True)
class Place:
    """A store folder and the data folder it is built from."""

    store: Path
    data: Path

    def fingerprint(self) -> str:
        """sha256 of the store's dump (sorted lines): equal fingerprints, equal stores."""
        store = OxigraphStore(self.store, read_only=True)
        try:
            return _dump_sha(store)
        finally:
            store.close()


def _dump_sha(store: OxigraphStore) -> str:
    from io import BytesIO

    buf = BytesIO()
    store.dump(buf, "nquads")
    return hashlib.sha256(b"\n".join(sorted(buf.getvalue().splitlines()))).hexdigest()


def use(place: Place, monkeypatch: pytest.MonkeyPatch) -> Place:
    """Point the settings (and so every command) at this store and data folder."""
    monkeypatch.setenv("CYPKG_STORE_DIR", str(place.store))
    monkeypatch.setenv("CYPKG_DATA_DIR", str(place.data))
    monkeypatch.setenv("CYPKG_BACKEND", "embedded")
    get_settings.cache_clear()
    return place


@pytest.fixture(autouse=True)
def _fresh_settings() -> Iterator[None]:
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def build(place: Place) -> Place:
    store = OxigraphStore(place.store)
    try:
        build_store(store, data_sources(place.data))
    finally:
        store.close()
    return place


@pytest.fixture
def tiny_place(tmp_path: Path) -> Place:
    """A data folder with one tiny file, and where its store goes (not built)."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "tiny.ttl").write_text(TINY, encoding="utf-8")
    return Place(tmp_path / "store", data)


@pytest.fixture
def tiny(tiny_place: Place, monkeypatch: pytest.MonkeyPatch) -> Place:
    """A built store of the tiny data, in use."""
    return use(build(tiny_place), monkeypatch)


@pytest.fixture(scope="session")
def real_place(tmp_path_factory: pytest.TempPathFactory) -> Place:
    """data/'s reports, reference data, examples and indicator definitions, LAC observations only; built."""
    root = tmp_path_factory.mktemp("real")
    data = root / "data"
    for folder in ("seeds", "reference", "examples"):
        shutil.copytree(REPO / "data" / folder, data / folder)
    (data / "indicators").mkdir()
    for name in ("lait-indicators.ttl", "statistical-neighbours.ttl"):
        shutil.copy(REPO / "data" / "indicators" / name, data / "indicators" / name)
    with gzip.open(REPO / "data" / "indicators" / "lait-observations.nt.gz", "rb") as whole:
        lac = b"".join(line for line in whole if line.startswith(LAC))
    (data / "indicators" / "lait-observations.nt").write_bytes(lac)
    return build(Place(root / "store", data))


@pytest.fixture
def real(real_place: Place, monkeypatch: pytest.MonkeyPatch) -> Place:
    """The real-data store, in use (read it only)."""
    return use(real_place, monkeypatch)
