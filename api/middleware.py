"""Request ids and the request body limit, as plain ASGI middleware (no buffering of responses).

Each request gets an id (the caller's `X-Request-ID` when it is a sane token, else a fresh one),
echoed in the response and attached to every log line written while the request runs. Bodies
over the limit are refused with 413 from the `Content-Length` alone when it is given, and by
counting when the body is streamed.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import uuid
from typing import Any

REQUEST_ID = contextvars.ContextVar("request_id", default="-")
_SANE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
Scope = dict[str, Any]


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to log records, for a format such as `%(request_id)s %(message)s`."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = REQUEST_ID.get()
        return True


class RequestIdMiddleware:
    """Give each request an id, expose it as `request.state.request_id`, echo it as X-Request-ID."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope.get("headers") or []).get(b"x-request-id", b"").decode("latin-1")
        request_id = given if _SANE_ID.match(given) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        token = REQUEST_ID.set(request_id)

        async def send_with_id(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"x-request-id"]
                message = {**message, "headers": [*headers, (b"x-request-id", request_id.encode())]}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            REQUEST_ID.reset(token)


class BodyLimitMiddleware:
    """Refuse request bodies larger than `max_bytes` with a 413 problem document."""

    def __init__(self, app: Any, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_bytes:
            await self._refuse(scope, send)
            return
        received = 0

        async def counting_receive() -> dict[str, Any]:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _TooLarge
            return message

        try:
            await self.app(scope, counting_receive, send)
        except _TooLarge:
            await self._refuse(scope, send)

    async def _refuse(self, scope: Scope, send: Any) -> None:
        request_id = scope.get("state", {}).get("request_id")
        body = json.dumps(
            {
                "type": "https://w3id.org/cypkg/problems/body-too-large",
                "title": "Content too large",
                "status": 413,
                "detail": f"the request body is larger than {self.max_bytes:,} bytes (CYPKG_MAX_BODY_BYTES)",
                "code": "BODY_TOO_LARGE",
                "hint": "send a smaller body: split the data into several files or graphs",
                "request_id": request_id,
            }
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/problem+json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


class _TooLarge(Exception):
    """Raised inside receive() to stop reading a body over the limit."""
