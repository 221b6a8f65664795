"""Lookups by id for council systems: authorities, plans, partners, priorities, strategies, meetings, indicators.

Ids are the IRIs' last path segment (`kent-cypp-2008-2011`). Lists page with limit/offset and
say how many there are in total; `?q=` searches labels. JSON by default, JSON-LD or Turtle by Accept.

The answers are built in the library (`kg.queries.lookups`); this module only speaks HTTP. An
answer is a pure function of the store, so its bytes are kept under the store's generation (every
write changes it) with an ETag naming that generation, the URL and the media type: a repeated
request is answered from memory, and a client that sends the ETag back in If-None-Match gets 304.
Building an answer runs in the thread pool, so the event loop stays free.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from api.conneg import choose
from api.deps import StoreDep
from api.errors import problem_responses
from api.responses import JSON, JSONLD, LOOKUP_TYPES, TURTLE, context_url, not_acceptable
from kg.namespaces import ID
from kg.queries import lookups
from kg.queries.lookups import CONTEXT, AnswerCache, store_generation
from kg.store.protocol import Store

router = APIRouter(tags=["lookups"])

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
IdPath = Annotated[str, Path(pattern=SLUG_PATTERN, max_length=200, examples=["kent-cypp-2008-2011"])]
SearchQ = Annotated[
    str | None, Query(max_length=200, description="Text the label contains (any case)", examples=["kent"])
]
AuthorityQ = Annotated[
    str | None, Query(pattern=SLUG_PATTERN, max_length=200, description="An authority id", examples=["kent"])
]
ExamplesQ = Annotated[
    bool,
    Query(description="Bring in fictional example data (left out unless asked for, or named by an id parameter)"),
]
Limit = Annotated[int, Query(ge=1, le=500, description="Most items to return")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip")]
ERRORS = problem_responses(400, 406)
ERRORS_404 = problem_responses(400, 404, 406)
PAGE_EXAMPLE = {"total": 1, "limit": 50, "offset": 0, "items": [{"id": "kent", "iri": str(ID["authority/kent"])}]}
LOOKUP_CONTENT = {
    "application/json": {"example": PAGE_EXAMPLE},
    "application/ld+json": {},
    "text/turtle": {"schema": {"type": "string"}},
}


def _page_response(description: str) -> dict[int | str, Any]:
    return {200: {"description": description, "content": LOOKUP_CONTENT}, **ERRORS}


def _item_response(description: str, example: dict[str, Any]) -> dict[int | str, Any]:
    content = {**LOOKUP_CONTENT, "application/json": {"example": example}}
    return {200: {"description": description, "content": content}, **ERRORS_404}


CACHE = AnswerCache()
"""This process's lookup answers, as bytes, under the store generation they were built at."""

MEDIA_TYPES = {JSON: JSON, JSONLD: JSONLD, TURTLE: "text/turtle; charset=utf-8"}


def _etag(generation: str, key: tuple[str, str]) -> str:
    digest = hashlib.sha256(f"{generation}\n{key[0]}\n{key[1]}".encode()).hexdigest()[:32]
    return f'"{digest}"'


def _matches(if_none_match: str | None, etag: str) -> bool:
    """Whether If-None-Match names this ETag (weak comparison, as RFC 9110 asks for it)."""
    if not if_none_match:
        return False
    tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
    return "*" in tags or etag in tags


async def answer(request: Request, store: Store, build: Callable[[], dict[str, Any]]) -> Response:
    """The lookup answer for this request: from the cache when the store has not changed since, else built.

    The key is the whole URL (the JSON-LD context link depends on the host) and the media type.
    """
    media = choose(request.headers.get("accept"), LOOKUP_TYPES, JSON)
    if media is None:
        raise not_acceptable(LOOKUP_TYPES)
    generation = store_generation(store)
    key = (str(request.url), media)
    cached = CACHE.get(generation, key)
    if cached is None:
        context = context_url(request)
        content = await run_in_threadpool(lambda: lookups.encode(build(), media, context))
        cached = (_etag(generation, key) if generation is not None else None, content)
        CACHE.put(generation, key, cached)
    etag, content = cached
    headers = {"Vary": "Accept", "Cache-Control": "no-cache"}
    if etag is not None:
        headers["ETag"] = etag
        if _matches(request.headers.get("if-none-match"), etag):
            return Response(status_code=304, headers=headers)
    return Response(content, media_type=MEDIA_TYPES[media], headers=headers)


@router.get(
    "/context.jsonld",
    name="jsonld_context",
    summary="The JSON-LD context of every lookup answer",
    responses={
        200: {"content": {"application/ld+json": {"example": {"@context": {"iri": "@id"}}}}},
        **problem_responses(500),
    },
)
def jsonld_context() -> Response:
    """The `@context` that turns the lookup JSON into RDF (linked from every JSON-LD answer)."""
    return JSONResponse({"@context": CONTEXT}, media_type="application/ld+json")


@router.get(
    "/authorities",
    summary="List local authorities (search by name with q)",
    responses=_page_response("A page of authorities"),
)
async def authorities(
    request: Request,
    store: StoreDep,
    q: SearchQ = None,
    limit: Limit = 50,
    offset: Offset = 0,
    include_examples: ExamplesQ = False,
) -> Response:
    """English local authorities with their GSS and DfE codes."""
    return await answer(request, store, lambda: lookups.authorities(store, q, limit, offset, include_examples))


@router.get(
    "/plans",
    summary="List plans and strategies (filter by authority, search by title with q)",
    responses=_page_response("A page of plans"),
)
async def plans(
    request: Request,
    store: StoreDep,
    q: SearchQ = None,
    authority: AuthorityQ = None,
    limit: Limit = 50,
    offset: Offset = 0,
    include_examples: ExamplesQ = False,
) -> Response:
    """Plans (CYPPs, strategies and the plans they relate to); `cypp` marks Children and Young People's Plans."""
    return await answer(request, store, lambda: lookups.plans(store, q, authority, limit, offset, include_examples))


PLAN_EXAMPLE = {
    "id": "kent-cypp-2008-2011",
    "iri": str(ID["plan/kent-cypp-2008-2011"]),
    "label": "Kent Children and Young People's Plan 2008-2011 – Positive about our Future",
    "authority": {"id": "kent", "iri": str(ID["authority/kent"]), "label": "Kent"},
    "periodStart": "2008",
    "periodEnd": "2011",
    "status": "cyp:Draft",
    "priorities": [],
    "related": [{"relation": "supersedes", "id": "kent-cypp-2006-2008"}],
    "duties": [],
    "indicators": [],
    "meetings": [{"id": "kent-childrens-trust-board-2008-09-11", "date": "2008-09-11"}],
}


@router.get(
    "/plans/{plan_id}",
    summary="One plan with its priorities, owners, strategies, duties, indicators and meetings",
    responses=_item_response("The plan", PLAN_EXAMPLE),
)
async def plan(request: Request, store: StoreDep, plan_id: IdPath) -> Response:
    """Everything a council system needs about one plan, in one answer."""
    root = str(request.url_for("root"))
    return await answer(request, store, lambda: lookups.plan(store, plan_id, root))


@router.get(
    "/partners",
    summary="List partner organisations and bodies (filter by authority, search with q)",
    responses=_page_response("A page of partners"),
)
async def partners(
    request: Request,
    store: StoreDep,
    q: SearchQ = None,
    authority: AuthorityQ = None,
    limit: Limit = 50,
    offset: Offset = 0,
    include_examples: ExamplesQ = False,
) -> Response:
    """Partners: boards, partnerships, NHS bodies, police, schools and voluntary organisations named in the plans."""
    return await answer(request, store, lambda: lookups.partners(store, q, authority, limit, offset, include_examples))


@router.get(
    "/partners/{partner_id}/priorities",
    summary="The priorities a partner owns, leads or contributes to",
    responses=_item_response("The partner and its priorities", {"id": "kent-childrens-trust", "priorities": []}),
)
async def partner_priorities(request: Request, store: StoreDep, partner_id: IdPath) -> Response:
    """Which priorities, in which plans, a partner is accountable for, and in what role."""
    return await answer(request, store, lambda: lookups.partner_priorities(store, partner_id))


@router.get(
    "/priorities/{priority_id}",
    summary="One priority with its plan, owners, outcomes and indicators",
    responses=_item_response("The priority", {"id": "example-priority", "owners": [], "indicators": []}),
)
async def priority(request: Request, store: StoreDep, priority_id: IdPath) -> Response:
    """A priority of a plan: who owns it, which outcome it serves and how it is measured."""
    return await answer(request, store, lambda: lookups.priority(store, priority_id))


@router.get(
    "/strategies",
    summary="List subsidiary strategies (filter by authority, search with q)",
    responses=_page_response("A page of strategies"),
)
async def strategies(
    request: Request,
    store: StoreDep,
    q: SearchQ = None,
    authority: AuthorityQ = None,
    limit: Limit = 50,
    offset: Offset = 0,
    include_examples: ExamplesQ = False,
) -> Response:
    """Strategies that feed a CYPP (SEND, looked-after children, youth justice …), with their type."""
    return await answer(
        request, store, lambda: lookups.strategies(store, q, authority, limit, offset, include_examples)
    )


DateQ = Annotated[
    str | None, Query(pattern=DATE_PATTERN, description="YYYY-MM-DD, YYYY-MM or YYYY", examples=["2008-09-01"])
]


@router.get(
    "/meetings",
    summary="List meetings between dates, of one body (search with q)",
    responses=_page_response("A page of meetings"),
)
async def meetings(
    request: Request,
    store: StoreDep,
    q: SearchQ = None,
    from_: Annotated[
        str | None, Query(alias="from", pattern=DATE_PATTERN, description="Earliest date", examples=["2008-09-01"])
    ] = None,
    to: DateQ = None,
    body: Annotated[
        str | None,
        Query(
            pattern=SLUG_PATTERN, max_length=200, description="The body's id", examples=["kent-childrens-trust-board"]
        ),
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
    include_examples: ExamplesQ = False,
) -> Response:
    """Meetings of boards, cabinets and councils, oldest first."""
    return await answer(
        request, store, lambda: lookups.meetings(store, q, from_, to, body, limit, offset, include_examples)
    )


@router.get(
    "/indicators/{indicator_id}",
    summary="One indicator: notation, definition, unit, polarity, priorities",
    responses=_item_response("The indicator", {"id": "lait-lac", "notation": "LAC", "unit": "rate per 10,000"}),
)
async def indicator(request: Request, store: StoreDep, indicator_id: IdPath) -> Response:
    """A measure, and the plan priorities that track it."""
    return await answer(request, store, lambda: lookups.indicator(store, indicator_id))
