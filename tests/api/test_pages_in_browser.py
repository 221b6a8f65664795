"""The service's pages in a real browser (#14 items 10 and 14): headless Debian Chromium, loopback only.

A `javascript:` IRI stored in the data must never become a clickable link on the query page, the
pages must work under their own Content-Security-Policy (no violation reported), and /docs must
render from the vendored Swagger UI with no request leaving the service.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from tests.api.conftest import TOKEN

pytestmark = pytest.mark.browser

AUTH = {"Authorization": f"Bearer {TOKEN}"}
EVIL = "javascript:alert(document.domain)"


class Visit:
    """A page of the live server, with requests to anywhere else aborted and recorded, and CSP reports kept."""

    def __init__(self, chromium: object, base: str) -> None:
        origin = urlsplit(base).netloc
        self.elsewhere: list[str] = []
        self.violations: list[str] = []
        self.dialogs: list[str] = []
        self.context = chromium.new_context()  # type: ignore[attr-defined]

        def route(r: object) -> None:
            url = r.request.url  # type: ignore[attr-defined]
            if urlsplit(url).netloc == origin or url.startswith(("data:", "blob:")):
                r.continue_()  # type: ignore[attr-defined]
            else:
                self.elsewhere.append(url)
                r.abort()  # type: ignore[attr-defined]

        self.context.route("**/*", route)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _console(self, message: Any) -> None:
        if "Content Security Policy" in message.text:
            self.violations.append(message.text)

    def close(self) -> None:
        self.context.close()


def test_a_javascript_iri_on_the_query_page_is_text_not_a_link(browser: object, embedded_live_server: str):
    body = (
        f"<https://w3id.org/cypkg/id/organisation/browser-js> <http://www.w3.org/2000/01/rdf-schema#seeAlso> <{EVIL}> ."
    )
    headers = {"Content-Type": "text/turtle", **AUTH}
    put = httpx.put(
        f"{embedded_live_server}/store", params={"graph": "browser-js"}, content=body, headers=headers, timeout=120
    )
    assert put.status_code == 200
    visit = Visit(browser, embedded_live_server)
    try:
        visit.page.goto(f"{embedded_live_server}/sparql")
        visit.page.fill(
            "#query", "SELECT ?o WHERE { <https://w3id.org/cypkg/id/organisation/browser-js> rdfs:seeAlso ?o }"
        )
        visit.page.click("#run")
        visit.page.wait_for_selector("#results td")
        assert EVIL in visit.page.inner_text("#results")
        assert visit.page.locator("a[href^='javascript']").count() == 0
        assert visit.violations == [] and visit.dialogs == [] and visit.elsewhere == []
    finally:
        visit.close()
        httpx.delete(f"{embedded_live_server}/store", params={"graph": "browser-js"}, headers=AUTH, timeout=120)


def test_the_api_docs_render_offline_under_their_csp(browser: object, embedded_live_server: str):
    visit = Visit(browser, embedded_live_server)
    try:
        visit.page.goto(f"{embedded_live_server}/docs")
        visit.page.wait_for_selector(".swagger-ui .info .title", timeout=60_000)
        assert "cypkg" in visit.page.inner_text(".swagger-ui .info .title")
        assert visit.elsewhere == [] and visit.violations == []
    finally:
        visit.close()
