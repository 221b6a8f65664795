"""Board-workshop views over HTTP: `/views/{name}?plan=…` answers the same self-contained page as `cypkg view`.

The page inlines every script and asks for nothing else, so a saved copy works offline. Routes are
plain functions, run in FastAPI's thread pool, so drawing a large view never blocks the event loop.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from api.deps import StoreDep
from api.errors import problem_responses
from kg.analysis.matrix import MATRIX_VIEW
from kg.analysis.national import NATIONAL_VIEWS
from kg.analysis.network import VIEWS

router = APIRouter(tags=["views"])

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"


# mypy cannot list the members of an Enum built from data; FastAPI reads them at run time.
ViewName = StrEnum(  # type: ignore[misc]
    "ViewName", {name.replace("-", "_"): name for name in (*VIEWS, MATRIX_VIEW, *NATIONAL_VIEWS)}
)
"""The view names, taken from kg.analysis (the networks, the matrix, the national views) as the CLI offers them."""


class PictureFormat(StrEnum):
    html = "html"
    svg = "svg"
    png = "png"
    csv = "csv"
    xlsx = "xlsx"


PlanQ = Annotated[
    str | None,
    Query(pattern=SLUG_PATTERN, max_length=200, description="One plan's id", examples=["medway-cypp-2019-2024"]),
]
AuthorityQ = Annotated[
    str | None,
    Query(pattern=SLUG_PATTERN, max_length=200, description="One council's id (all its plans)", examples=["medway"]),
]
FormatQ = Annotated[
    PictureFormat,
    Query(
        description="html (interactive, offline), svg or png (A4 for board papers); the matrix and themes also csv "
        "or xlsx; the timeline html or csv"
    ),
]
ExamplesQ = Annotated[
    bool, Query(description="Bring fictional example councils into the national views (themes, timeline)")
]


@router.get(
    "/views/{name}",
    name="view",
    summary="A network view of who owns what, as an offline HTML page or an A4 picture",
    response_class=Response,
    responses={
        200: {
            "description": "The view: a self-contained HTML page, or an SVG/PNG picture",
            "content": {
                "text/html": {"schema": {"type": "string"}},
                "image/svg+xml": {},
                "image/png": {},
                "text/csv": {},
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {},
            },
        },
        **problem_responses(400, 404),
    },
)
def view(
    store: StoreDep,
    name: Annotated[ViewName, Path(description="Which view")],
    plan: PlanQ = None,
    authority: AuthorityQ = None,
    format: FormatQ = PictureFormat.html,
    include_examples: ExamplesQ = False,
) -> Response:
    """Draw a view for one plan, one council, or all councils (large views fold into group nodes).

    The matrix (`/views/matrix?plan=…`) also comes as csv or xlsx; the networks as html, svg, png. The
    national views: `/views/themes` (council × theme matrix, every council or `?authority=`; also csv, xlsx,
    svg, png) and `/views/timeline?authority=…` (html or csv); fictional councils only with `include_examples`.
    Unknown plan or council ids answer 404 with a hint; giving both answers 400; a format the view
    does not come in answers 400.
    """
    from kg.views import render_view

    rendered = render_view(
        store, name.value, format.value, plan=plan, authority=authority, include_examples=include_examples
    )
    filename = f"{name.value}-{plan or authority or 'all'}.{format.value}"
    headers = {"Content-Disposition": f'inline; filename="{filename}"', "X-Content-Type-Options": "nosniff"}
    return Response(rendered.content, media_type=rendered.media_type, headers=headers)
