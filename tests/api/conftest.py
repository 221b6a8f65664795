"""API fixtures: the app over each backend, through a TestClient and through a real uvicorn server.

Every fixture that hands out a store or a client is parametrised over the embedded pyoxigraph
store and a real Virtuoso on loopback, so the API's behaviour tests run once per backend:

- `client`: read-only, over the session store of each backend (all of data/);
- `light_store` / `write_client`: data/ without the bulk indicator observations, for tests that
  write. Embedded: a fresh in-memory store per module. Virtuoso: a private server of the API
  tests (never the session's data), restored from the same quads once per module;
- `live_server` / `http`: a real server on 127.0.0.1 (2 s query limit, 2,000-row cap, writes with
  TOKEN). Embedded: an on-disk store, so queries run in killable worker processes. Virtuoso: a
  RemoteStore on the same private server as `light_store`.

`embedded_live_server` is the embedded one alone, for the tests of the killable query workers.
Servers listen on a port the OS chooses, and a fixture fails with the server's log if it has not
started within the deadline.
"""

from __future__ import annotations

import io
import logging
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient

from api.main import create_app
from api.server import HeaderTimeoutProtocol
from kg.config import Settings
from kg.store.build import build_store, data_sources
from kg.store.embedded import OxigraphStore
from kg.store.protocol import Store
from kg.store.rdf_io import RdfSource
from kg.store.remote import RemoteStore
from tests.support.served import Served
from tests.support.virtuoso import VirtuosoServer, blank_image, start_virtuoso

REPO = Path(__file__).resolve().parents[2]
TOKEN = "test-token-0123456789abcdef"
STARTUP_DEADLINE_S = 60.0
LIVE_QUERY_TIMEOUT_S = 6.0
"""Generous for a loaded CI machine: a plain ASK right after a write has been seen to take over 3 s there."""
LIVE_MAX_ROWS = 2000
BACKENDS = ["embedded", pytest.param("virtuoso", marks=pytest.mark.virtuoso)]


def light_sources() -> list[RdfSource]:
    """data/ and the ontology without the bulk observation files (quick to build and copy)."""
    return [s for s in data_sources(REPO / "data") if ".nt" not in "".join(s.path.suffixes)]


def settings_for(**overrides: Any) -> Settings:
    """Settings for a test app, with no environment leaking in."""
    return Settings(_env_file=None, **overrides)


LIVE_MEMORY_MB = 1024
LIVE_VALIDATE_TIMEOUT_S = 3.0
LIVE_HEADER_TIMEOUT_S = 1.0


def live_settings() -> Settings:
    """The live servers' settings: short time limits, a small row cap and memory cap, writes with TOKEN."""
    return settings_for(
        query_timeout=LIVE_QUERY_TIMEOUT_S,
        max_rows=LIVE_MAX_ROWS,
        api_token=TOKEN,
        query_memory_mb=LIVE_MEMORY_MB,
        validate_timeout=LIVE_VALIDATE_TIMEOUT_S,
    )


class QuickHeaders(HeaderTimeoutProtocol):
    """The live servers' HTTP protocol: a client has LIVE_HEADER_TIMEOUT_S to send its headers."""

    header_timeout = LIVE_HEADER_TIMEOUT_S


@pytest.fixture(scope="session", params=BACKENDS)
def client(request: pytest.FixtureRequest) -> Iterator[TestClient]:
    """A TestClient over the session store of each backend (all of data/), read-only use."""
    app = create_app(request.getfixturevalue(f"{request.param}_store"), settings_for())
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="session")
def light_dump(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The light data (with its inferences) as N-Quads, so every backend starts from the same quads."""
    store = OxigraphStore()
    build_store(store, light_sources())
    path = tmp_path_factory.mktemp("light") / "light.nq"
    with path.open("wb") as out:
        store.dump(out, "nquads")
    return path


@pytest.fixture(scope="session")
def virtuoso_api_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    """A private Virtuoso for the API tests that write, so they never touch the session's data."""
    root = Path(tempfile.mkdtemp(prefix="virtuoso-api-", dir=tmp_path_factory.getbasetemp()))
    server = start_virtuoso(root, image=blank_image(tmp_path_factory))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def virtuoso_light_store(virtuoso_api_server: VirtuosoServer, light_dump: Path) -> Iterator[RemoteStore]:
    """The light data on the API tests' private Virtuoso."""
    store = virtuoso_api_server.remote_store()
    store.restore(light_dump)
    yield store
    store.close()


@pytest.fixture(scope="module")
def embedded_light_store(light_dump: Path) -> OxigraphStore:
    """A fresh in-memory store of the light data."""
    store = OxigraphStore()
    store.restore(light_dump)
    return store


@pytest.fixture(scope="module", params=BACKENDS)
def light_store(request: pytest.FixtureRequest, light_dump: Path) -> Store:
    """The light data on each backend, for tests that write (each cleans up what it wrote).

    The Virtuoso copy is restored from the dump for each module, so a module never sees what
    another one left behind.
    """
    if request.param == "embedded":
        return request.getfixturevalue("embedded_light_store")
    store: RemoteStore = request.getfixturevalue("virtuoso_light_store")
    store.restore(light_dump)
    return store


@pytest.fixture(scope="module")
def write_client(light_store: Store) -> Iterator[TestClient]:
    """A TestClient whose service takes writes with TOKEN."""
    with TestClient(create_app(light_store, settings_for(api_token=TOKEN))) as c:
        yield c


class LiveServer:
    """A uvicorn server in a background thread, and where it listens."""

    def __init__(self, app: Any) -> None:
        self.log = io.StringIO()
        options: dict[str, Any] = {**settings_for().uvicorn_options(), "http": QuickHeaders}
        self.config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="info", lifespan="on", **options)
        self.server = uvicorn.Server(self.config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.url = ""

    def start(self) -> None:
        handler = logging.StreamHandler(self.log)
        for name in ("uvicorn", "uvicorn.error", "api"):
            logging.getLogger(name).addHandler(handler)
        self.thread.start()
        deadline = time.monotonic() + STARTUP_DEADLINE_S
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                pytest.fail(f"uvicorn did not start within {STARTUP_DEADLINE_S:g} s; log:\n{self.log.getvalue()}")
            time.sleep(0.05)
        host, port = self.server.servers[0].sockets[0].getsockname()[:2]
        self.url = f"http://{host}:{port}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(15)


def _serve(store: Store) -> Iterator[str]:
    server = LiveServer(create_app(store, live_settings()))
    server.start()
    yield server.url
    server.stop()


@pytest.fixture(scope="session")
def disk_store(tmp_path_factory: pytest.TempPathFactory) -> OxigraphStore:
    """An on-disk store of data/ without observations."""
    store = OxigraphStore(tmp_path_factory.mktemp("store"))
    build_store(store, light_sources())
    return store


@pytest.fixture(scope="session")
def embedded_live_server(disk_store: OxigraphStore) -> Iterator[str]:
    """A real server over the on-disk store: queries in killable worker processes."""
    yield from _serve(disk_store)


@pytest.fixture(scope="session")
def virtuoso_live_server(virtuoso_light_store: RemoteStore) -> Iterator[str]:
    """A real server over a RemoteStore on the API tests' private Virtuoso."""
    yield from _serve(virtuoso_light_store)


@pytest.fixture(scope="session", params=BACKENDS)
def live_server(request: pytest.FixtureRequest) -> str:
    """The base URL of a real server on each backend."""
    return request.getfixturevalue(f"{request.param}_live_server")


@pytest.fixture()
def http(live_server: str) -> Iterator[httpx.Client]:
    """An httpx client against the live server."""
    with httpx.Client(base_url=live_server, timeout=30) as c:
        yield c


@pytest.fixture()
def embedded_http(embedded_live_server: str) -> Iterator[httpx.Client]:
    """An httpx client against the embedded live server alone."""
    with httpx.Client(base_url=embedded_live_server, timeout=30) as c:
        yield c


def dump_sha256(store: Store) -> str:
    """A store's whole content as the SHA-256 of its N-Quads dump: equal means byte-identical."""
    import hashlib

    out = io.BytesIO()
    store.dump(out, "nquads")
    return hashlib.sha256(out.getvalue()).hexdigest()


SERVED_WRITE_TIMEOUT_S = 8.0
"""Generous for a loaded CI machine: the fault test counts any write stopped at this limit as an error."""


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """`cypkg serve --workers 2` over an on-disk store of the light data: the writer process and snapshots."""
    root = tmp_path_factory.mktemp("served") / "store"
    store = OxigraphStore(root)
    build_store(store, light_sources())
    store.close()
    server = Served(
        root,
        workers=2,
        log=root.parent / "serve.log",
        CYPKG_API_TOKEN=TOKEN,
        CYPKG_QUERY_TIMEOUT=str(LIVE_QUERY_TIMEOUT_S),
        CYPKG_WRITE_TIMEOUT=str(SERVED_WRITE_TIMEOUT_S),
        CYPKG_MAX_ROWS=str(LIVE_MAX_ROWS),
    )
    server.start()
    try:
        yield server
    finally:
        server.stop()
