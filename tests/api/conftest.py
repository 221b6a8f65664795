"""API fixtures: a TestClient over the session store, and a real uvicorn server on loopback.

The live server serves an on-disk store (so queries run in killable worker processes) built
from data/ without the bulk indicator observations, to keep the build quick; it listens on
127.0.0.1 on a port the OS chooses, and the fixture fails with the server's log if it has not
started within the deadline.
"""

from __future__ import annotations

import io
import logging
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient

from api.main import create_app
from kg.build import build_store, data_sources
from kg.config import Settings
from kg.store import OxigraphStore, RdfSource

REPO = Path(__file__).resolve().parents[2]
TOKEN = "test-token-0123456789abcdef"
STARTUP_DEADLINE_S = 60.0
LIVE_QUERY_TIMEOUT_S = 2.0
LIVE_MAX_ROWS = 2000


def light_sources() -> list[RdfSource]:
    """data/ and the ontology without the bulk observation files (quick to build and copy)."""
    return [s for s in data_sources(REPO / "data") if ".nt" not in "".join(s.path.suffixes)]


def settings_for(**overrides: object) -> Settings:
    """Settings for a test app, with no environment leaking in."""
    return Settings(_env_file=None, **overrides)  # type: ignore[call-arg]


@pytest.fixture(scope="session")
def client(embedded_store: OxigraphStore) -> Iterator[TestClient]:
    """A TestClient over the session store (all of data/), read-only use."""
    app = create_app(embedded_store, settings_for())
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="module")
def light_store() -> OxigraphStore:
    """A fresh in-memory store of data/ without observations, for tests that write."""
    store = OxigraphStore()
    build_store(store, light_sources())
    return store


@pytest.fixture(scope="module")
def write_client(light_store: OxigraphStore) -> Iterator[TestClient]:
    """A TestClient whose service takes writes with TOKEN."""
    with TestClient(create_app(light_store, settings_for(api_token=TOKEN))) as c:
        yield c


class LiveServer:
    """A uvicorn server in a background thread, and where it listens."""

    def __init__(self, app: object) -> None:
        self.log = io.StringIO()
        self.config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="info", lifespan="on")
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


@pytest.fixture(scope="session")
def disk_store(tmp_path_factory: pytest.TempPathFactory) -> OxigraphStore:
    """An on-disk store of data/ without observations."""
    store = OxigraphStore(tmp_path_factory.mktemp("store"))
    build_store(store, light_sources())
    return store


@pytest.fixture(scope="session")
def live_server(disk_store: OxigraphStore) -> Iterator[str]:
    """The base URL of a real server (query workers in processes, 2 s query limit, writes with TOKEN)."""
    settings = settings_for(query_timeout=LIVE_QUERY_TIMEOUT_S, max_rows=LIVE_MAX_ROWS, api_token=TOKEN)
    server = LiveServer(create_app(disk_store, settings))
    server.start()
    yield server.url
    server.stop()


@pytest.fixture()
def http(live_server: str) -> Iterator[httpx.Client]:
    """An httpx client against the live server."""
    with httpx.Client(base_url=live_server, timeout=30) as c:
        yield c
