"""The HTTP protocol `cypkg serve` runs uvicorn with (named in kg.config.Settings.uvicorn_options).

uvicorn closes idle keep-alive connections but gives a client unlimited time to send a request's
headers, so a few thousand connections trickling a byte at a time stay open (2,000 did, in the
probe). `HeaderTimeoutProtocol` closes a connection whose request headers are not complete within
`CYPKG_HEADER_TIMEOUT` seconds of its first byte (or of the previous response).
"""

from __future__ import annotations

import asyncio

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from kg.config import get_settings


class HeaderTimeoutProtocol(H11Protocol):
    """uvicorn's h11 protocol, closing connections that do not finish sending their headers in time."""

    _header_timer: asyncio.TimerHandle | None = None
    header_timeout: float | None = None
    """Seconds to wait for a request's headers; None = CYPKG_HEADER_TIMEOUT (a subclass may fix it, as tests do)."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_header_timer()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm_header_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
        super().connection_lost(exc)

    def _arm_header_timer(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
        seconds = self.header_timeout if self.header_timeout is not None else get_settings().header_timeout
        self._header_timer = self.loop.call_later(seconds, self._headers_overdue)

    def _headers_overdue(self) -> None:
        """Close the connection if it is still waiting for a request's headers (not while a request runs)."""
        self._header_timer = None
        waiting = self.conn.their_state is h11.IDLE and (self.cycle is None or self.cycle.response_complete)
        if waiting and not self.transport.is_closing():
            self.transport.close()
