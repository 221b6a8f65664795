"""Headless Debian Chromium for the tests that open pages: one browser per test session.

Playwright's sync API runs its own event loop on the calling thread, so a process can drive only one
playwright at a time: every test that needs a browser shares the `browser` fixture (tests/conftest.py).
"""

from __future__ import annotations

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


class OfflinePage:
    """A page opened from a file with every non-file request aborted and recorded."""

    def __init__(self, page: object) -> None:
        self.page = page
        self.attempted: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
