"""The web service: `create_app()` builds it around one store (`cypkg serve` runs it under uvicorn).

It holds no state of its own beyond the store, so several instances can serve one remote store
behind a load balancer. Queries from users run through the query runner (time and row budget);
lookups run in FastAPI's thread pool; writes need the bearer token and pass the SHACL gate.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from api import errors
from api.conneg import prefers_html
from api.deps import StoreDep
from api.middleware import (
    BodyLimitMiddleware,
    HttpMethodsMiddleware,
    PublicOriginMiddleware,
    RequestIdFilter,
    RequestIdMiddleware,
    SecurityHeadersMiddleware,
)
from api.routes import graph_store, lookups, named_queries, resources, sparql, validate
from api.runner import ProcessRunner, runner_for
from api.writes import LocalWrites, SharedWrites, Writes
from kg.config import Settings, get_settings
from kg.store.protocol import Store

log = logging.getLogger("api")
STATIC = Path(__file__).resolve().parent / "static"
DESCRIPTION = """A knowledge graph of English councils' Children and Young People's Plans.

* **/sparql**: SPARQL 1.1 endpoint (GET/POST; JSON, XML, CSV, TSV; Turtle, N-Triples, JSON-LD, RDF/XML)
  and, in a browser, the query page.
* **Lookups** by id: `/plans/{id}`, `/partners/{id}/priorities`, … (JSON; JSON-LD and Turtle by Accept).
* **/id/{kind}/{slug}**: every IRI in the data, described.
* Writes (`/store`, SPARQL Update) need `Authorization: Bearer <CYPKG_API_TOKEN>` and pass the SHACL gate.

Errors are `application/problem+json` with a stable `code` and a `hint`.
"""


def _open_default(settings: Settings) -> tuple[Store, Writes]:
    """The configured store and where its writes go.

    An embedded store is written by one writer process (started here when none runs; it builds the
    store from data/ on first start) and read here through its latest snapshot, so any number of
    service workers share it safely. A remote store is read and written over HTTP.
    """
    from kg.store.build import open_store
    from kg.store.snapshots import SnapshotStore
    from kg.validation.writer import WriterClient

    if settings.backend == "remote":
        store = open_store()
        return store, LocalWrites(store, timeout=settings.write_timeout)
    client = WriterClient(settings.store_dir)
    client.attach()
    return SnapshotStore(settings.store_dir, wait=60), SharedWrites(client)


def install_logging() -> None:
    """Put the request id on every log line of the service."""
    logger = logging.getLogger("api")
    if not any(isinstance(f, RequestIdFilter) for f in logger.filters):
        logger.addFilter(RequestIdFilter())
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"))
        handler.addFilter(RequestIdFilter())
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def create_app(store: Store | None = None, settings: Settings | None = None, *, query_workers: int = 2) -> FastAPI:
    """The FastAPI app serving `store` (default: the configured store, built from data/ when empty)."""
    settings = settings or get_settings()
    if store is None:
        store, writes = _open_default(settings)
    else:
        writes = LocalWrites(store, timeout=settings.write_timeout)
    runner = runner_for(
        store,
        timeout=settings.query_timeout,
        max_rows=settings.max_rows,
        workers=query_workers,
        memory_mb=settings.query_memory_mb,
    )
    validator = runner_for(
        store,
        timeout=settings.validate_timeout,
        max_rows=settings.max_rows,
        workers=1,
        memory_mb=settings.query_memory_mb,
        setting="CYPKG_VALIDATE_TIMEOUT",
        warm=True,
    )
    install_logging()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if isinstance(runner, ProcessRunner):
            await runner.start()  # the validation worker starts on the first /validate
        yield
        runner.close()
        validator.close()
        writes.close()

    app = FastAPI(
        title="cypkg",
        version="0.1.0",
        summary="Children and Young People's Plans as a knowledge graph: SPARQL, Linked Data and lookups",
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store
    app.state.settings = settings
    app.state.runner = runner
    app.state.validator = validator
    app.state.writes = writes
    errors.install(app)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Accept", "Content-Type", "Authorization", "X-Request-ID"],
            expose_headers=["X-Request-ID"],
        )
    app.add_middleware(PublicOriginMiddleware, public_url=settings.public_url)
    app.add_middleware(HttpMethodsMiddleware, allowed=lambda scope: errors.allowed_methods(app, scope))
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(RequestIdMiddleware)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(docs_router())
    app.include_router(home_router())
    for module in (sparql, graph_store, named_queries, lookups, resources, validate):
        app.include_router(module.router)
    views = _views_router()
    if views is not None:
        app.include_router(views)
    return app


def _views_router() -> Any:
    """The views engineer's router (api/routes/views.py), when it is in this checkout."""
    try:
        module = importlib.import_module("api.routes.views")
    except ModuleNotFoundError as exc:
        if exc.name != "api.routes.views":
            raise
        return None
    return getattr(module, "router", None)


def docs_router() -> Any:
    """/docs (Swagger UI) and /redoc from the vendored assets in api/static/docs: they work offline."""
    from fastapi import APIRouter
    from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html

    router = APIRouter(include_in_schema=False)

    @router.get("/docs")
    def swagger() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="openapi.json",
            title="cypkg API",
            swagger_js_url="static/docs/swagger-ui-bundle.js",
            swagger_css_url="static/docs/swagger-ui.css",
            swagger_favicon_url="static/docs/favicon-32x32.png",
        )

    @router.get("/redoc")
    def redoc() -> HTMLResponse:
        return get_redoc_html(
            openapi_url="openapi.json",
            title="cypkg API",
            redoc_js_url="static/docs/redoc.standalone.js",
            redoc_favicon_url="static/docs/favicon-32x32.png",
            with_google_fonts=False,
        )

    return router


def home_router() -> Any:
    from fastapi import APIRouter

    router = APIRouter(tags=["service"])

    @router.get(
        "/",
        name="root",
        summary="Where to start: links to the query page, the lookups and the API docs",
        responses={
            200: {
                "content": {
                    "application/json": {"example": {"sparql": "/sparql"}},
                    "text/html": {"schema": {"type": "string"}},
                }
            },
            **errors.problem_responses(500),
        },
    )
    def root(request: Request) -> Any:
        """A page of links for browsers; the same links as JSON for programs."""
        base = str(request.url_for("root"))
        links = {
            "sparql": base + "sparql",
            "queries": base + "queries",
            "plans": base + "plans",
            "authorities": base + "authorities",
            "partners": base + "partners",
            "strategies": base + "strategies",
            "meetings": base + "meetings",
            "docs": base + "docs",
            "openapi": base + "openapi.json",
            "context": base + "context.jsonld",
            "health": base + "health",
        }
        if prefers_html(request.headers.get("accept")):
            items = "".join(f'<li><a href="{v}">{k}</a></li>' for k, v in links.items())
            return HTMLResponse(
                f"<!doctype html><html lang=en><head><meta charset=utf-8><title>cypkg</title></head>"
                f"<body><h1>cypkg</h1><p>Children and Young People's Plans as a knowledge graph.</p>"
                f"<ul>{items}</ul></body></html>"
            )
        return JSONResponse(links)

    @router.get(
        "/health",
        summary="Liveness and store check (cheap enough to poll)",
        responses={
            200: {"content": {"application/json": {"example": {"status": "ok"}}}},
            **errors.problem_responses(503),
        },
    )
    def health(store: StoreDep) -> JSONResponse:
        """`ok` when the store answers a one-triple question; 503 otherwise. It never counts the store."""
        from kg.errors import StoreError

        try:
            store.ask("ASK { ?s ?p ?o }")
        except Exception as exc:  # noqa: BLE001 - any failure means the store is not answering
            raise StoreError(f"the store does not answer: {type(exc).__name__}", hint="check the store") from exc
        return JSONResponse({"status": "ok"})

    return router
