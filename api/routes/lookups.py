"""Lookups by id for council systems: authorities, plans, partners, priorities, strategies, meetings, indicators.

Ids are the IRIs' last path segment (`kent-cypp-2008-2011`). Lists page with limit/offset and
say how many there are in total; `?q=` searches labels. JSON by default, JSON-LD or Turtle by Accept.
Routes are plain functions, so FastAPI runs them in its thread pool and the event loop stays free.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse, Response

from api.deps import StoreDep
from api.errors import problem_responses
from api.lookups import CONTEXT, drop_none, page, ref, resolve, select, value
from api.responses import represent
from kg.namespaces import ID

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
def authorities(
    request: Request, store: StoreDep, q: SearchQ = None, limit: Limit = 50, offset: Offset = 0
) -> Response:
    """English local authorities with their GSS and DfE codes."""
    rows = select(store, "authorities", {"q": q})
    items = [
        drop_none(
            {**ref(r["item"], r.get("label")), "gssCode": value(r.get("gssCode")), "dfeCode": value(r.get("dfeCode"))}
        )
        for r in rows
    ]
    return represent(request, page(items, limit, offset))


def _plan_item(r: dict[str, Any], id_key: str = "item") -> dict[str, Any]:
    return drop_none(
        {
            **ref(r[id_key], r.get("label")),
            "authority": ref(r.get("authority"), r.get("authorityLabel")),
            "periodStart": value(r.get("periodStart")),
            "periodEnd": value(r.get("periodEnd")),
            "status": value(r.get("status")),
            "cypp": value(r.get("cypp")),
        }
    )


@router.get(
    "/plans",
    summary="List plans and strategies (filter by authority, search by title with q)",
    responses=_page_response("A page of plans"),
)
def plans(
    request: Request,
    store: StoreDep,
    q: SearchQ = None,
    authority: AuthorityQ = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    """Plans (CYPPs, strategies and the plans they relate to); `cypp` marks Children and Young People's Plans."""
    rows = select(store, "plans", {"q": q, "authority": authority})
    return represent(request, page([_plan_item(r) for r in rows], limit, offset))


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
def plan(request: Request, store: StoreDep, plan_id: IdPath) -> Response:
    """Everything a council system needs about one plan, in one answer."""
    iri = ID[f"plan/{plan_id}"]
    rows = select(store, "plan", {"plan": iri})
    if not rows:
        _unknown_plan(plan_id)
    body = _plan_item(rows[0], "plan")
    body["planType"] = value(rows[0].get("planType"))
    body["description"] = value(rows[0].get("description"))
    priorities = _priorities(select(store, "plan_priorities", {"plan": iri}))
    body["priorities"] = priorities
    body["indicators"] = _unique([i for p in priorities for i in p.get("indicators", [])])
    body["related"] = [
        {"relation": value(r.get("relation")), **ref(r["other"], r.get("label"))}
        for r in select(store, "plan_related", {"plan": iri})
    ]
    body["strategies"] = [r for r in body["related"] if r["relation"] == "fedBy"]
    body["duties"] = _duties(select(store, "plan_duties", {"plan": iri}))
    body["meetings"] = _meetings(select(store, "plan_meetings", {"plan": iri}))
    body["views"] = {"partnerPriority": str(request.url_for("root")) + f"views/partner-priority?plan={plan_id}"}
    return represent(request, drop_none(body))


def _unknown_plan(plan_id: str) -> None:
    from kg.errors import UnknownIdError

    raise UnknownIdError("plan", plan_id, hint=f"search for it with GET /plans?q={plan_id.split('-')[0]}")


def _unique(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: OrderedDict[str, dict[str, Any]] = OrderedDict()
    for item in items:
        seen.setdefault(item["iri"], item)
    return list(seen.values())


def _priorities(rows: list[dict[str, Any]], key: str = "priority") -> list[dict[str, Any]]:
    """Rows of (priority, owner, outcome, indicator) folded into one object per priority."""
    out: OrderedDict[str, dict[str, Any]] = OrderedDict()
    for r in rows:
        p = out.setdefault(str(r[key]), {**ref(r[key], r.get("label")), "owners": [], "outcomes": [], "indicators": []})
        if r.get("plan") is not None and "planLabel" in r:
            p["plan"] = ref(r["plan"], r.get("planLabel"))
        if r.get("owner") is not None:
            owner = {**ref(r["owner"], r.get("ownerLabel")), "role": value(r.get("role"))}
            if owner not in p["owners"]:
                p["owners"].append(owner)
        if r.get("outcome") is not None:
            outcome = ref(r["outcome"], r.get("outcomeLabel"))
            if outcome not in p["outcomes"]:
                p["outcomes"].append(outcome)
        if r.get("indicator") is not None:
            ind = drop_none({**ref(r["indicator"], r.get("indicatorLabel")), "notation": value(r.get("notation"))})
            if ind not in p["indicators"]:
                p["indicators"].append(ind)
    return [drop_none(p) for p in out.values()]


def _duties(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: OrderedDict[str, dict[str, Any]] = OrderedDict()
    for r in rows:
        d = out.setdefault(
            str(r["duty"]), {**ref(r["duty"], r.get("label")), "legalBasis": [], "dutyStatus": value(r.get("status"))}
        )
        if r.get("legalBasis") is not None:
            d["legalBasis"].append(drop_none({"iri": str(r["legalBasis"]), "label": value(r.get("legalBasisLabel"))}))
    return [drop_none(d) for d in out.values()]


def _meetings(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: OrderedDict[str, dict[str, Any]] = OrderedDict()
    for r in rows:
        m = out.setdefault(
            str(r["meeting"]),
            drop_none(
                {
                    **ref(r["meeting"], r.get("label")),
                    "date": value(r.get("date")),
                    "body": ref(r.get("body"), r.get("bodyLabel")),
                    "decisions": [],
                }
            )
            | {"decisions": []},
        )
        m["decisions"].append(
            drop_none(
                {
                    **ref(r["decision"]),
                    "decisionKind": value(r.get("decisionKind")),
                    "decisionStatus": value(r.get("decisionStatus")),
                    "description": value(r.get("description")),
                }
            )
        )
    return list(out.values())


@router.get(
    "/partners",
    summary="List partner organisations and bodies (filter by authority, search with q)",
    responses=_page_response("A page of partners"),
)
def partners(
    request: Request,
    store: StoreDep,
    q: SearchQ = None,
    authority: AuthorityQ = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    """Partners: boards, partnerships, NHS bodies, police, schools and voluntary organisations named in the plans."""
    rows = select(store, "partners", {"q": q, "authority": authority})
    items = _unique([drop_none({**ref(r["item"], r.get("label")), "authority": ref(r.get("authority"))}) for r in rows])
    return represent(request, page(items, limit, offset))


@router.get(
    "/partners/{partner_id}/priorities",
    summary="The priorities a partner owns, leads or contributes to",
    responses=_item_response("The partner and its priorities", {"id": "kent-childrens-trust", "priorities": []}),
)
def partner_priorities(request: Request, store: StoreDep, partner_id: IdPath) -> Response:
    """Which priorities, in which plans, a partner is accountable for, and in what role."""
    iri = resolve(
        store,
        ("organisation", "board", "authority"),
        partner_id,
        "partner",
        hint=f"search for it with GET /partners?q={partner_id.split('-')[-1]}",
    )
    label = select(store, "partner", {"partner": iri})
    rows = select(store, "partner_priorities", {"partner": iri})
    priorities = []
    for r in rows:
        priorities.append(
            drop_none(
                {
                    **ref(r["priority"], r.get("label")),
                    "role": value(r.get("role")),
                    "plan": ref(r.get("plan"), r.get("planLabel")),
                }
            )
        )
    body = {**ref(iri, label[0].get("label") if label else None), "priorities": priorities}
    return represent(request, body)


@router.get(
    "/priorities/{priority_id}",
    summary="One priority with its plan, owners, outcomes and indicators",
    responses=_item_response("The priority", {"id": "example-priority", "owners": [], "indicators": []}),
)
def priority(request: Request, store: StoreDep, priority_id: IdPath) -> Response:
    """A priority of a plan: who owns it, which outcome it serves and how it is measured."""
    from kg.errors import UnknownIdError

    rows = select(store, "priority", {"priority": ID[f"priority/{priority_id}"]})
    if not rows:
        raise UnknownIdError("priority", priority_id, hint="a plan's priorities are listed at GET /plans/{plan_id}")
    return represent(request, _priorities(rows)[0])


@router.get(
    "/strategies",
    summary="List subsidiary strategies (filter by authority, search with q)",
    responses=_page_response("A page of strategies"),
)
def strategies(
    request: Request,
    store: StoreDep,
    q: SearchQ = None,
    authority: AuthorityQ = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    """Strategies that feed a CYPP (SEND, looked-after children, youth justice …), with their type."""
    rows = select(store, "strategies", {"q": q, "authority": authority})
    items = [
        drop_none(
            {
                **ref(r["item"], r.get("label")),
                "authority": ref(r.get("authority")),
                "strategyType": value(r.get("strategyType")),
                "feedsInto": ref(r.get("feedsInto")),
            }
        )
        for r in rows
    ]
    return represent(request, page(items, limit, offset))


DateQ = Annotated[
    str | None, Query(pattern=DATE_PATTERN, description="YYYY-MM-DD, YYYY-MM or YYYY", examples=["2008-09-01"])
]


@router.get(
    "/meetings",
    summary="List meetings between dates, of one body (search with q)",
    responses=_page_response("A page of meetings"),
)
def meetings(
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
) -> Response:
    """Meetings of boards, cabinets and councils, oldest first."""
    rows = select(store, "meetings", {"q": q, "from": from_, "to": to, "body": body})
    items = [
        drop_none(
            {
                **ref(r["item"], r.get("label")),
                "date": value(r.get("date")),
                "body": ref(r.get("body"), r.get("bodyLabel")),
                "status": value(r.get("status")),
            }
        )
        for r in rows
    ]
    return represent(request, page(items, limit, offset))


@router.get(
    "/indicators/{indicator_id}",
    summary="One indicator: notation, definition, unit, polarity, priorities",
    responses=_item_response("The indicator", {"id": "lait-lac", "notation": "LAC", "unit": "rate per 10,000"}),
)
def indicator(request: Request, store: StoreDep, indicator_id: IdPath) -> Response:
    """A measure, and the plan priorities that track it."""
    from kg.errors import UnknownIdError

    iri = ID[f"indicator/{indicator_id}"]
    rows = select(store, "indicator", {"indicator": iri})
    if not rows:
        raise UnknownIdError("indicator", indicator_id, hint="indicator ids look like lait-lac; see /sparql for a list")
    r = rows[0]
    body: dict[str, Any] = {
        **ref(iri, r.get("label")),
        **{k: value(r.get(k)) for k in ("notation", "definition", "unit", "polarity", "publisher")},
        "measures": [
            drop_none({**ref(p["priority"], p.get("label")), "plan": ref(p.get("plan"), p.get("planLabel"))})
            for p in select(store, "indicator_priorities", {"indicator": iri})
        ],
    }
    return represent(request, drop_none(body))
