"""Errors as RFC 9457 problem details: one handler per domain error, a stable code and a fix hint.

Every answer that is not a success is `application/problem+json` with `type`, `title`, `status`,
`detail`, `code` (stable, for programs) and `hint` (how to fix it, for people), plus the fields
that say where the problem is (line and column of a query, the SHACL report of a refused write).
Internal failures are logged with the request id and answered with a generic body.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from kg.errors import (
    ConfigError,
    CypkgError,
    InputError,
    QueryError,
    QueryLimitExceeded,
    ReadOnlyGraph,
    StoreError,
    UnknownIdError,
    ValidationFailed,
)

log = logging.getLogger("api")
PROBLEM = "application/problem+json"
TYPE_BASE = "https://w3id.org/cypkg/problems/"


class Problem(BaseModel):
    """An RFC 9457 problem document as this service writes it."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(examples=[TYPE_BASE + "unknown-id"])
    title: str = Field(examples=["Not found"])
    status: int = Field(examples=[404])
    detail: str = Field(examples=["no plan with id 'nowhere-cypp-2000-2001'"])
    code: str = Field(examples=["UNKNOWN_ID"])
    hint: str = Field(examples=["search with GET /plans?q=medway"])
    request_id: str | None = Field(None, examples=["3f2a9c0e8b7d4d5e9a1b2c3d4e5f6a7b"])


class WriteAuthError(CypkgError):
    """A write without the right bearer token."""

    code = "WRITE_FORBIDDEN"
    status = 403


class WritesDisabled(WriteAuthError):
    """No token is configured, so the service takes no writes at all (fail closed)."""

    code = "WRITES_DISABLED"


class MissingToken(WriteAuthError):
    """A write with no `Authorization: Bearer …` header."""

    code = "TOKEN_REQUIRED"
    status = 401


class WrongToken(WriteAuthError):
    """A write with a bearer token that is not the configured one."""

    code = "TOKEN_REJECTED"


class NotAcceptable(CypkgError):
    """No representation the client accepts."""

    code = "NOT_ACCEPTABLE"


class UnsupportedMediaType(CypkgError):
    """A request body of a type the route does not read."""

    code = "UNSUPPORTED_MEDIA_TYPE"


class BodyTooLarge(CypkgError):
    """A request body over the size limit."""

    code = "BODY_TOO_LARGE"


def problem(
    request: Request | None,
    status: int,
    code: str,
    detail: str,
    hint: str,
    *,
    title: str = "",
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    """A problem+json response carrying the request id."""
    body = {
        "type": TYPE_BASE + code.lower().replace("_", "-"),
        "title": title or _TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
        "code": code,
        "hint": hint,
        "request_id": getattr(request.state, "request_id", None) if request is not None else None,
        **{k: v for k, v in extra.items() if v is not None},
    }
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)


_TITLES = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    413: "Content too large",
    415: "Unsupported media type",
    422: "Unprocessable content",
    500: "Internal server error",
    503: "Service unavailable",
}


def _of(exc: CypkgError) -> dict[str, Any]:
    return {"detail": exc.message, "hint": exc.hint, "code": exc.code}


async def on_input_error(request: Request, exc: InputError) -> JSONResponse:
    return problem(request, 400, **_of(exc), line=exc.line, column=exc.column)


async def on_validation_failed(request: Request, exc: ValidationFailed) -> JSONResponse:
    results = json.loads(exc.report.to_json()) if hasattr(exc.report, "to_json") else []
    return problem(request, 422, **_of(exc), graph=exc.graph, report={"conforms": False, "results": results})


async def on_unknown_id(request: Request, exc: UnknownIdError) -> JSONResponse:
    return problem(request, 404, **_of(exc), kind=exc.kind, id=exc.ident)


async def on_read_only(request: Request, exc: ReadOnlyGraph) -> JSONResponse:
    return problem(request, 403, **_of(exc), graph=exc.graph)


async def on_query_error(request: Request, exc: QueryError) -> JSONResponse:
    return problem(request, 400, **_of(exc), query=exc.name, line=exc.line, column=exc.column)


async def on_query_limit(request: Request, exc: QueryLimitExceeded) -> JSONResponse:
    status = 422 if exc.limit in ("rows", "size") else 503
    headers = {"Retry-After": "5"} if status == 503 else None
    return problem(request, status, **_of(exc), limit=exc.limit, headers=headers)


async def on_store_error(request: Request, exc: StoreError) -> JSONResponse:
    log.error("store error: %s", exc.message)
    return problem(request, 503, **_of(exc))


async def on_config_error(request: Request, exc: ConfigError) -> JSONResponse:
    log.error("configuration error: %s", exc.message)
    return problem(request, 500, **_of(exc), variable=exc.variable)


async def on_write_auth(request: Request, exc: WriteAuthError) -> JSONResponse:
    headers = {"WWW-Authenticate": 'Bearer realm="cypkg"'} if exc.status == 401 else None
    return problem(request, exc.status, **_of(exc), headers=headers)


async def on_not_acceptable(request: Request, exc: NotAcceptable) -> JSONResponse:
    return problem(request, 406, **_of(exc))


async def on_unsupported_media(request: Request, exc: UnsupportedMediaType) -> JSONResponse:
    return problem(request, 415, **_of(exc))


async def on_body_too_large(request: Request, exc: BodyTooLarge) -> JSONResponse:
    return problem(request, 413, **_of(exc))


async def on_cypkg_error(request: Request, exc: CypkgError) -> JSONResponse:
    return problem(request, 400, **_of(exc))


async def on_request_validation(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = [{"where": ".".join(str(p) for p in e.get("loc", ())), "message": e.get("msg", "")} for e in exc.errors()]
    first = errors[0] if errors else {"where": "request", "message": "invalid"}
    return problem(
        request,
        400,
        "BAD_PARAMETER",
        f"{first['where']}: {first['message']}",
        "check the parameter against the API description at /docs",
        errors=errors,
    )


def allowed_methods(app: Any, scope: Any) -> list[str]:
    """Every method some route takes at this path (HEAD with GET, and OPTIONS), for `Allow`; [] for no route."""
    from starlette.routing import Match, Mount

    def takes(route: Any, method: str) -> bool:
        if isinstance(route, Mount) and method != "GET":  # static files: GET (and HEAD) only
            return False
        return route.matches({**scope, "method": method})[0] == Match.FULL

    methods = {
        method
        for method in ("GET", "POST", "PUT", "DELETE", "PATCH")
        if any(takes(route, method) for route in app.router.routes)
    }
    if not methods:
        return []
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods | {"OPTIONS"})


async def on_http_exception(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    code = {404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED"}.get(exc.status_code, f"HTTP_{exc.status_code}")
    hint = {404: "see /docs for the routes", 405: "see /docs for the methods each route takes"}.get(
        exc.status_code, "see /docs"
    )
    headers = dict(getattr(exc, "headers", None) or {})
    if exc.status_code == 405:
        headers["Allow"] = ", ".join(allowed_methods(request.app, request.scope))
    return problem(request, exc.status_code, code, str(exc.detail), hint, headers=headers or None)


async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return problem(
        request,
        500,
        "INTERNAL_ERROR",
        "the service failed to answer this request",
        "try again; if it keeps failing, report it with the request id",
    )


HANDLERS: list[tuple[type[Exception], Any]] = [
    (InputError, on_input_error),
    (ValidationFailed, on_validation_failed),
    (UnknownIdError, on_unknown_id),
    (ReadOnlyGraph, on_read_only),
    (QueryLimitExceeded, on_query_limit),
    (QueryError, on_query_error),
    (StoreError, on_store_error),
    (ConfigError, on_config_error),
    (WriteAuthError, on_write_auth),
    (NotAcceptable, on_not_acceptable),
    (BodyTooLarge, on_body_too_large),
    (UnsupportedMediaType, on_unsupported_media),
    (CypkgError, on_cypkg_error),
    (RequestValidationError, on_request_validation),
    (StarletteHTTPException, on_http_exception),
    (Exception, on_unexpected),
]


def install(app: FastAPI) -> None:
    """Register one handler per error class."""
    for cls, handler in HANDLERS:
        app.add_exception_handler(cls, handler)


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries documenting these error statuses as problem+json."""
    return {
        status: {"description": _TITLES.get(status, "Error"), "model": Problem, "content": {PROBLEM: {}}}
        for status in statuses
    }
