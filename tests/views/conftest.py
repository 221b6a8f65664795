"""Views fixtures: a store of the fictional Testshire council, and headless Debian Chromium with no network."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kg.ontology.files import ONTOLOGY_GRAPH, ontology_files
from kg.store.build import build_store
from kg.store.embedded import OxigraphStore
from kg.store.rdf_io import RdfSource

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
IRI = "https://w3id.org/cypkg/id/"


@pytest.fixture(scope="session")
def testshire_store() -> OxigraphStore:
    """The ontology and the fictional Testshire plans only (its labels try to inject markup)."""
    store = OxigraphStore()
    sources = [RdfSource(p, ONTOLOGY_GRAPH) for p in ontology_files()]
    sources.append(RdfSource(FIXTURES / "fictional-testshire.ttl", "fictional-testshire"))
    build_store(store, sources)
    return store


@pytest.fixture(scope="session")
def emptyshire_store() -> OxigraphStore:
    """The ontology and a fictional council with one plan and nothing else: every view of it is empty."""
    store = OxigraphStore()
    sources = [RdfSource(p, ONTOLOGY_GRAPH) for p in ontology_files()]
    sources.append(RdfSource(FIXTURES / "fictional-emptyshire.ttl", "fictional-emptyshire"))
    build_store(store, sources)
    return store


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium, headless, driven by playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class OfflinePage:
    """A page opened from a file with every non-file request aborted and recorded."""

    def __init__(self, page: object) -> None:
        self.page = page
        self.attempted: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []


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
