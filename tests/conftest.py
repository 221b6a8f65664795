"""Shared fixtures: the store built from data/, once per session, on each backend."""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import pyvis.network  # noqa: F401  (raises sys.setrecursionlimit on import; done here, before Hypothesis watches it)

from kg.store.build import build_store, data_sources
from kg.store.embedded import OxigraphStore
from kg.store.protocol import Store
from kg.store.remote import RemoteStore
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, OfflinePage
from tests.support.virtuoso import VirtuosoServer, blank_image, loaded_image, start_virtuoso

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
ARTIFACTS = REPO / "artifacts"


FILE_COSTS = Path(__file__).resolve().parent / "file_costs.csv"
UNMEASURED_S = 30.0
"""A file not in the table yet is taken as this costly: handed out early, but after the known heavy ones."""


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Order the test files by their measured cost, costliest first (each file's own order kept).

    scripts/test.sh runs two processes that each take whole files in this order
    (`--dist loadfile --no-loadscope-reorder`), so the long files start first and the short ones
    fill in at the end, and the two processes finish close together. The table is
    tests/file_costs.csv (scripts/file_costs.py rewrites it from a run). This runs after pytest's own
    reordering, so tests sharing a parametrised fixture stay together within their file.
    """
    with FILE_COSTS.open(encoding="utf-8", newline="") as f:
        costs = {row["file"]: float(row["seconds"]) for row in csv.DictReader(f)}
    items.sort(key=lambda item: -costs.get(item.nodeid.split("::", 1)[0], UNMEASURED_S))


@pytest.fixture(scope="session")
def embedded_store() -> OxigraphStore:
    """An in-memory embedded store holding everything in data/ and the ontology."""
    store = OxigraphStore()
    build_store(store, data_sources(DATA))
    return store


BACKENDS = ["embedded", pytest.param("virtuoso", marks=pytest.mark.virtuoso)]


@pytest.fixture(scope="session", params=BACKENDS)
def store(request: pytest.FixtureRequest) -> Store:
    """The store every backend-neutral test runs against; one run per backend. Do not write to it."""
    return request.getfixturevalue(f"{request.param}_store")


def _virtuoso(tmp_path_factory: pytest.TempPathFactory, name: str) -> Iterator[VirtuosoServer]:
    """A private Virtuoso on loopback for the session; a failure to start fails the tests (never skips)."""
    root = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=tmp_path_factory.getbasetemp()))
    server = start_virtuoso(root, image=blank_image(tmp_path_factory))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def virtuoso_data_image(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    """The database folder of a stopped Virtuoso holding everything in data/, loaded once per test run.

    It is restored from the embedded store's dump, so both backends answer over identical quads
    and the run pays for parsing and inference once per process and for Virtuoso's load once in
    all (every process starts its own server on a copy); `RemoteStore.load_sources` on real files
    has its own tests.
    """
    embedded: OxigraphStore = request.getfixturevalue("embedded_store")
    return loaded_image(tmp_path_factory, "virtuoso-data-image", lambda out: embedded.dump(out, "nquads"))


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory, virtuoso_data_image: Path) -> Iterator[VirtuosoServer]:
    """The Virtuoso holding the session's read-only data: everything in data/, as the embedded store holds it."""
    root = Path(tempfile.mkdtemp(prefix="virtuoso-", dir=tmp_path_factory.getbasetemp()))
    server = start_virtuoso(root, image=virtuoso_data_image)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def virtuoso_store(virtuoso_server: VirtuosoServer) -> Iterator[RemoteStore]:
    """Everything in data/ on Virtuoso, as the embedded store holds it (inferences included)."""
    store = virtuoso_server.remote_store()
    yield store
    store.close()


@pytest.fixture(scope="session")
def virtuoso_scratch_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    """A second Virtuoso for tests that write, so they never touch the session's data."""
    yield from _virtuoso(tmp_path_factory, "virtuoso-scratch")


@pytest.fixture(params=BACKENDS)
def fresh_store(request: pytest.FixtureRequest) -> Iterator[Store]:
    """An empty store of each backend for a test that writes (Virtuoso: the scratch server, emptied)."""
    if request.param == "embedded":
        yield OxigraphStore()
        return
    store = request.getfixturevalue("virtuoso_scratch_server").remote_store()
    store.restore(_empty_dump(request))
    yield store
    store.close()


def _empty_dump(request: pytest.FixtureRequest) -> Path:
    path = request.getfixturevalue("tmp_path") / "empty.nq"
    path.write_bytes(b"")
    return path


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where tests leave screenshots and reports for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium, headless, driven by playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def open_offline(browser: object, tmp_path: Path) -> Iterator[Callable[[bytes], OfflinePage]]:
    """Open HTML bytes as a file:// page in a fresh context that blocks (and records) all network requests."""
    contexts = []

    def opener(content: bytes, name: str = "view.html") -> OfflinePage:
        path = tmp_path / name
        path.write_bytes(content)
        context = browser.new_context(viewport={"width": 1400, "height": 900})  # type: ignore[attr-defined]
        contexts.append(context)
        page = context.new_page()
        result = OfflinePage(page)

        def block(route: object) -> None:
            url = route.request.url  # type: ignore[attr-defined]
            if url.startswith("file:"):
                route.continue_()  # type: ignore[attr-defined]
            else:
                result.attempted.append(url)
                route.abort()  # type: ignore[attr-defined]

        context.route("**/*", block)

        def on_dialog(dialog: object) -> None:
            result.dialogs.append(dialog.message)  # type: ignore[attr-defined]
            dialog.dismiss()  # type: ignore[attr-defined]

        page.on("dialog", on_dialog)
        page.on("pageerror", lambda exc: result.errors.append(str(exc)))
        page.goto(path.as_uri())
        page.wait_for_function("window.cypkgView !== undefined")
        result.path = path  # type: ignore[attr-defined]
        return result

    yield opener
    for context in contexts:
        context.close()
