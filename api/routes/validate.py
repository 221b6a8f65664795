"""POST /validate: check Turtle or JSON-LD against the shapes without writing anything.

The data is validated together with what it points at in the store (`kg.validation.gate.neighbourhood`),
so a plan file need not repeat the authorities it names. The report comes back as JSON, or as a
readable HTML table for a browser; only results about the posted data's own nodes are shown.
"""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, Response

from api.conneg import choose
from api.deps import StoreDep
from api.errors import problem_responses
from api.responses import not_acceptable
from api.routes.graph_store import READABLE, read_body

if TYPE_CHECKING:
    from rdflib import Graph

    from kg.validation.shapes import ValidationReport

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


def validate_data(store: StoreDep, data: Graph) -> ValidationReport:
    """The SHACL report for the data plus its neighbourhood in the store, limited to the data's own nodes."""
    from kg.validation.gate import neighbourhood
    from kg.validation.shapes import validate

    report = validate(data + neighbourhood(store, data))
    own = set(data.subjects())
    report.results = [r for r in report.results if r.focus_node in own]
    report.conforms = not any(r.severity == "Violation" for r in report.results)
    return report


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
    summary="Check Turtle or JSON-LD against the SHACL shapes (nothing is written)",
    responses={
        200: {
            "description": "The SHACL report",
            "content": {"application/json": {"example": EXAMPLE}, "text/html": {"schema": {"type": "string"}}},
        },
        **problem_responses(400, 406, 413, 415),
    },
    openapi_extra={"requestBody": {"content": {t: {"schema": {"type": "string"}} for t in READABLE}}},
)
async def validate_route(request: Request, store: StoreDep) -> Response:
    """Validate the body; the answer is 200 with `conforms` true or false (the data itself is the subject)."""
    media = choose(request.headers.get("accept"), OFFERS, "application/json")
    if media is None:
        raise not_acceptable(OFFERS)
    data = read_body(request.headers.get("content-type", ""), await request.body())
    report = await run_in_threadpool(validate_data, store, data)
    body = {
        "conforms": report.conforms,
        "counts": report.counts(),
        "results": json.loads(report.to_json()),
    }
    if media == "text/html":
        return HTMLResponse(report_html(body))
    return JSONResponse(body)
