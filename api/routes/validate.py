"""POST /validate: check Turtle, N-Triples, JSON-LD or RDF/XML against the shapes without writing anything.

The data is checked as the write gate would check it as a new graph (`kg.validation.gate.check_data`):
with what it points at and what other graphs say about its nodes, so a plan file need not repeat
the authorities it names. Anyone may ask, so it is bounded: a body of at most
`CYPKG_VALIDATE_MAX_BYTES`, parsed and checked in its own worker process (never on the event
loop) under `CYPKG_VALIDATE_TIMEOUT` and the workers' memory cap, one at a time per service worker,
fairly between clients. The report comes back as JSON, or as a readable HTML table for a browser.
"""

from __future__ import annotations

import html

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from api.conneg import choose
from api.deps import SettingsDep, ValidatorDep, client_key
from api.errors import BodyTooLarge, problem_responses
from api.execute import ValidateRequest
from api.responses import not_acceptable
from api.routes.graph_store import BODY_SCHEMAS, body_media

router = APIRouter(tags=["validation"])

OFFERS = ["application/json", "text/html"]
EXAMPLE = {
    "conforms": False,
    "results": [
        {
            "focus_node": "https://w3id.org/cypkg/id/plan/x",
            "severity": "Violation",
            "message": "A plan needs exactly one title.",
        }
    ],
}


def report_html(report_json: dict) -> str:
    """The report as an HTML table; every value escaped."""
    e = html.escape
    results = report_json.get("results", [])
    keys = sorted({k for r in results for k in r}) if results else []
    head = "".join(f"<th>{e(k)}</th>" for k in keys)
    rows = "".join("<tr>" + "".join(f"<td>{e(str(r.get(k, '')))}</td>" for k in keys) + "</tr>" for r in results)
    verdict = "conforms" if report_json.get("conforms") else "does not conform"
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Validation: {verdict}</title>
<style>body{{font-family:system-ui,sans-serif;margin:1.5rem}}table{{border-collapse:collapse}}
th,td{{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}}</style></head><body>
<h1>The data {verdict}</h1><p>{len(results)} result(s); nothing was written.</p>
<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></body></html>"""


@router.post(
    "/validate",
    summary="Check RDF against the SHACL shapes and the store (nothing is written)",
    responses={
        200: {
            "description": "The SHACL report",
            "content": {"application/json": {"example": EXAMPLE}, "text/html": {"schema": {"type": "string"}}},
        },
        **problem_responses(400, 406, 413, 415, 503),
    },
    openapi_extra={"requestBody": {"content": BODY_SCHEMAS}},
)
async def validate_route(request: Request, validator: ValidatorDep, settings: SettingsDep) -> Response:
    """Validate the body; the answer is 200 with `conforms` true or false (the data itself is the subject)."""
    media = choose(request.headers.get("accept"), OFFERS, "application/json")
    if media is None:
        raise not_acceptable(OFFERS)
    body_type = body_media(request.headers.get("content-type", ""))
    body = await request.body()
    if len(body) > settings.validate_max_bytes:
        raise BodyTooLarge(
            f"/validate takes at most {settings.validate_max_bytes:,} bytes (CYPKG_VALIDATE_MAX_BYTES)",
            hint="validate one document at a time, or `cypkg validate FILE` on your own machine",
        )
    report = await validator.run(ValidateRequest(body, body_type), client=client_key(request))
    if media == "text/html":
        return HTMLResponse(report_html(report))
    return JSONResponse(report)
