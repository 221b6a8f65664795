"""The service's plain ASGI middleware: request ids, the body limit, the public origin, HEAD and
OPTIONS, and security headers.

Each request gets an id (the caller's `X-Request-ID` when it is a sane token, else a fresh one),
echoed in the response and attached to every log line written while the request runs. Bodies
over the limit are refused with 413 from the `Content-Length` alone when it is given, and by
counting when the body is streamed. Only HTML responses are buffered (to hash their inline
scripts into the page's Content-Security-Policy); everything else streams through.
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


def _replace_header(headers: list[tuple[bytes, bytes]], name: bytes, value: bytes) -> list[tuple[bytes, bytes]]:
    return [(k, v) for k, v in headers if k.lower() != name] + [(name, value)]


class PublicOriginMiddleware:
    """Absolute links are built from the configured public URL, or the address the request arrived at.

    Never from the client's Host header, which anyone can set: links in pages and JSON must not
    point at an address a caller chose. Starlette builds `url_for` from the Host header, so this
    rewrites it (and the scheme) before any route sees the request.
    """

    def __init__(self, app: Any, public_url: str = "") -> None:
        from urllib.parse import urlsplit

        self.app = app
        parts = urlsplit(public_url) if public_url else None
        self.scheme = parts.scheme if parts else None
        self.host = parts.netloc.encode("latin-1") if parts else None

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            host = self.host
            if host is None:
                server = scope.get("server") or ("127.0.0.1", 80)
                name = f"[{server[0]}]" if ":" in str(server[0]) else str(server[0])
                default_port = {"http": 80, "https": 443}.get(scope.get("scheme", "http"))
                port = server[1] if len(server) > 1 else None
                host = (f"{name}:{port}" if port and port != default_port else name).encode("latin-1")
            scope = {**scope, "headers": _replace_header(list(scope.get("headers") or []), b"host", host)}
            if self.scheme:
                scope["scheme"] = self.scheme
        await self.app(scope, receive, send)


class HttpMethodsMiddleware:
    """HEAD answers as GET without the body; OPTIONS answers 204 with the methods the path takes (`Allow`)."""

    def __init__(self, app: Any, allowed: Any) -> None:
        self.app = app
        self.allowed = allowed

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] not in ("HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        if scope["method"] == "OPTIONS" and b"access-control-request-method" not in headers:
            methods = self.allowed(scope)
            if methods:
                await send(
                    {
                        "type": "http.response.start",
                        "status": 204,
                        "headers": [(b"allow", ", ".join(methods).encode())],
                    }
                )
                await send({"type": "http.response.body", "body": b""})
                return
        if scope["method"] == "HEAD":
            scope = {**scope, "method": "GET"}

            async def no_body(message: dict[str, Any]) -> None:
                if message["type"] == "http.response.body":
                    if message.get("more_body"):
                        return
                    message = {"type": "http.response.body", "body": b""}
                await send(message)

            await self.app(scope, receive, no_body)
            return
        await self.app(scope, receive, send)


_INLINE = re.compile(rb"<(script|style)\b([^>]*)>(.*?)</\1\s*>", re.DOTALL | re.IGNORECASE)


def content_security_policy(page: bytes) -> str:
    """A strict CSP for one HTML page: its own inline scripts allowed by hash, nothing else inline or remote."""
    import base64
    import hashlib

    hashes = []
    for tag, attrs, body in _INLINE.findall(page):
        if tag.lower() == b"script" and b"src=" not in attrs.lower() and body.strip():
            hashes.append("'sha256-" + base64.b64encode(hashlib.sha256(body).digest()).decode() + "'")
    scripts = " ".join(["'self'", *sorted(set(hashes))])
    return (
        f"default-src 'none'; script-src {scripts}; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; base-uri 'none'; form-action 'self'; "
        "frame-ancestors 'none'"
    )


class SecurityHeadersMiddleware:
    """Every response: `nosniff`, no referrer leaks; every HTML page: a strict Content-Security-Policy.

    The pages inline their scripts (so they work offline and saved), so the policy allows exactly
    those scripts by their SHA-256 and nothing else: no other inline script, no `javascript:` URL,
    no script from anywhere but this service.
    """

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start: dict[str, Any] | None = None
        chunks: list[bytes] = []

        async def secured(message: dict[str, Any]) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                headers = [
                    *message.get("headers", []),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin"),
                ]
                message = {**message, "headers": headers}
                ctype = dict((k.lower(), v) for k, v in headers).get(b"content-type", b"")
                if ctype.startswith(b"text/html"):
                    start = message
                    return
                await send(message)
                return
            if start is None:
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            page = b"".join(chunks)
            policy = content_security_policy(page).encode()
            headers = [*start["headers"], (b"content-security-policy", policy), (b"x-frame-options", b"DENY")]
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": page})

        await self.app(scope, receive, secured)
