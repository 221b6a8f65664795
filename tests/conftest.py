"""Shared fixtures: the store built from data/, once per session, on each backend."""

from __future__ import annotations

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
from tests.support.virtuoso import VirtuosoServer, start_virtuoso

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
ARTIFACTS = REPO / "artifacts"


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
    server = start_virtuoso(Path(tempfile.mkdtemp(prefix=f"{name}-", dir=tmp_path_factory.getbasetemp())))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    """The Virtuoso holding the session's read-only data."""
    yield from _virtuoso(tmp_path_factory, "virtuoso")


@pytest.fixture(scope="session")
def virtuoso_store(virtuoso_server: VirtuosoServer, embedded_store: OxigraphStore) -> Iterator[RemoteStore]:
    """Everything in data/ on Virtuoso, as the embedded store holds it (inferences included).

    It is restored from the embedded store's dump, so both backends answer over identical quads
    and the session pays for parsing and inference once; `RemoteStore.load_sources` on real files
    has its own tests.
    """
    store = virtuoso_server.remote_store()
    dump = Path(tempfile.mkdtemp(dir=virtuoso_server.root)) / "data.nq"
    with dump.open("wb") as out:
        embedded_store.dump(out, "nquads")
    store.restore(dump)
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
