"""The national views drawn: the council × theme matrix (offline HTML grid, A4 pictures, CSV, XLSX) and one
council's timeline of plans and meetings (offline HTML with an SVG time axis and the same events as a table, CSV).

Every matrix cell and every event carries the address of the page that states it, and the page
links to it; nothing is drawn that the graph does not hold (an undated meeting is listed as undated,
a plan with no stated period has no bar). Pages follow `kg.views.html.page`: data as JSON, text set
with `textContent`, scripts inlined and allowed by hash, no connections.
"""

from __future__ import annotations

import csv
import io
import math

import matplotlib as mpl
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_svg import FigureCanvasSVG

from kg.analysis.national import (
    EXAMPLES_NOTE,
    NO_REGION,
    REGISTER_HINT,
    TIMELINE_FIELDS,
    CouncilTimeline,
    ThemeMatrix,
)
from kg.views.grid_workbook import grid_sheet, saved_grid
from kg.views.html import page
from kg.views.picture import PNG_DPI, Sheet, plain_text, shorten
from kg.views.style import OKABE_ITO

SHADES = ("#FFFFFF", "#DCEBF5", "#A9CDE6", "#6AA9D3", OKABE_ITO["blue"])
"""Cell fills by number of priorities (0, 1, 2, 3, 4 or more); the number is printed too, so colour is never needed."""

NATIONAL_STYLES = ("matrix", "national")
"""The national pages' styles: the matrix's table, then their own additions."""

ROWS_PER_PAGE = 42
"""Councils on one A4 page of the matrix picture; a longer matrix continues on further pages below."""


def shade(priorities: int) -> str:
    return SHADES[max(0, min(priorities, len(SHADES) - 1))]


def _ink(priorities: int) -> str:
    return "#FFFFFF" if priorities >= len(SHADES) - 1 else "#222222"


def _sources_caption(sources: list[str], what: str) -> str:
    if not sources:
        return f"Source: cypkg knowledge graph ({what})."
    return f"Source: {len(sources)} public web page{'s' if len(sources) != 1 else ''} ({what}), each linked."


# --- the council × theme matrix ------------------------------------------------------------------


def themes_title(m: ThemeMatrix) -> str:
    return f"{m.title} — {m.scope}"


def themes_caption(m: ThemeMatrix) -> str:
    return _sources_caption(m.sources, "the national plans register, cypkg knowledge graph")


def themes_notice(m: ThemeMatrix) -> dict[str, str] | None:
    if m.rows:
        return None
    examples = "" if m.include_examples else " " + EXAMPLES_NOTE
    return {
        "heading": "No themes recorded",
        "text": f"The source reports and register pages in the graph name no priorities for {m.scope} that map to "
        f"a national theme.{examples} To add them, {REGISTER_HINT}.",
    }


def themes_legend() -> list[dict[str, str]]:
    """What the grid's marks mean (the picture and the page say the same)."""
    items = [
        {"label": f"{n}{' or more' if n == len(SHADES) - 1 else ''} priorit{'y' if n == 1 else 'ies'}", "fill": s}
        for n, s in enumerate(SHADES)
        if n
    ]
    return [
        *items,
        {"label": "empty: no priority of the council's plans maps to the theme", "fill": SHADES[0]},
    ]


def themes_data(m: ThemeMatrix) -> dict:
    """The JSON the themes page reads (plain strings and numbers only)."""
    return {
        "title": themes_title(m),
        "caption": themes_caption(m),
        "columns": [{"id": c.theme, "label": c.label, "councils": c.councils} for c in m.columns],
        "groups": [
            {
                "label": name,
                "rows": [
                    {
                        "id": r.id or r.council,
                        "label": r.label,
                        "known": bool(r.id),
                        "sources": r.sources,
                        "cells": {
                            theme: {
                                "plans": c.plans,
                                "priorities": c.priorities,
                                "start": c.latest_start,
                                "source": c.source,
                                "fill": shade(c.priorities),
                                "ink": _ink(c.priorities),
                            }
                            for theme, c in r.cells.items()
                        },
                    }
                    for r in rows
                ],
            }
            for name, rows in m.groups
        ],
        "legend": themes_legend(),
        "noRegion": NO_REGION,
        "notice": themes_notice(m),
    }


def render_themes_html(m: ThemeMatrix) -> str:
    """The matrix as one self-contained page: sort by a theme, filter councils, each cell a link to its page."""
    return page("themes", themes_data(m), styles=NATIONAL_STYLES)


def render_themes_csv(m: ThemeMatrix) -> str:
    """One row per council: region, name, id, the number of its priorities under each theme, and its pages."""
    fields = ["region", "council", "id", *[c.label for c in m.columns], "themes", "sources"]
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(m.records())
    return buf.getvalue()


def render_themes_xlsx(m: ThemeMatrix) -> bytes:
    """The grid as a workbook: each cell the number of priorities, shaded, and a hyperlink to the page stating it."""
    from openpyxl.styles import Font, PatternFill

    header = ["Region", "Council", *[f"{c.label} ({c.councils})" for c in m.columns], "Themes", "Sources"]
    wb, ws = grid_sheet("Themes", themes_title(m), header)
    for row in m.rows:
        ws.append([row.region, row.label, *["" for _ in m.columns], len(row.cells), " ".join(row.sources)])
        for j, col in enumerate(m.columns, start=3):
            cell = row.cells.get(col.theme)
            if not cell:
                continue
            target = ws.cell(ws.max_row, j, cell.priorities)
            target.fill = PatternFill("solid", fgColor=shade(cell.priorities).lstrip("#"))
            target.font = Font(color=_ink(cell.priorities).lstrip("#"), underline="single" if cell.source else None)
            if cell.source:
                target.hyperlink = cell.source
    ws.append([])
    ws.append(["Each number is how many of the council's priorities map to the theme; it links to the page."])
    ws.append([themes_caption(m)])
    widths = {1: 24.0, 2: 34.0, **{i: 12.0 for i in range(3, len(header))}, len(header): 60.0}
    return saved_grid(wb, ws, columns=len(header), rows=len(m.rows), widths=widths)


def render_themes_image(m: ThemeMatrix, fmt: str) -> bytes:
    """The grid as A4-landscape pages (one, or more stacked for many councils): numbers in shaded cells, region
    headings, the theme names slanted above, the legend and the source under the first page's grid."""
    if fmt not in ("svg", "png"):
        raise ValueError(f"picture format must be svg or png, not {fmt!r}")
    lines: list[tuple[str, object]] = []
    for name, rows in m.groups:
        lines.append(("group", name))
        lines += [("row", r) for r in rows]
    pages = max(1, math.ceil(len(lines) / ROWS_PER_PAGE))
    sheet = Sheet(pages)
    fig = sheet.fig
    canvas = FigureCanvasSVG(fig) if fmt == "svg" else FigureCanvasAgg(fig)
    fig.text(0.03, sheet.y(0.955), plain_text(themes_title(m)), fontsize=13, weight="bold", va="center")
    notice = themes_notice(m)
    for p in range(pages):
        ax = fig.add_axes(sheet.rect(0.03, 0.12, 0.94, 0.68 if p == 0 else 0.8, p))
        ax.set_axis_off()
        if notice:
            box = {"boxstyle": "square,pad=0.6", "fc": "#fdf3ec", "ec": "#D55E00"}
            text = plain_text(f"{notice['heading']}\n\n{notice['text']}")
            ax.text(0.5, 0.5, text, ha="center", va="center", fontsize=11, wrap=True, bbox=box)
            break
        _draw_themes_grid(ax, m, lines[p * ROWS_PER_PAGE : (p + 1) * ROWS_PER_PAGE])
    legend = "   ".join(f"■ {item['label']}" for item in themes_legend()[:-1])
    fig.text(0.03, sheet.y(0.07), plain_text("Cells: number of the council's priorities under the theme. " + legend),
             fontsize=7.5, va="center")  # fmt: skip
    fig.text(0.03, sheet.y(0.035), plain_text(themes_caption(m)), fontsize=7.5, color="#444444", va="center")
    buf = io.BytesIO()
    with mpl.rc_context({"svg.fonttype": "none", "font.family": "DejaVu Sans"}):
        canvas.print_figure(buf, format=fmt, dpi=PNG_DPI if fmt == "png" else 72)
    return buf.getvalue()


def _draw_themes_grid(ax: object, m: ThemeMatrix, lines: list[tuple[str, object]]) -> None:
    from matplotlib.patches import Rectangle

    label_w, col_w = 12.0, 1.6
    width = label_w + col_w * max(len(m.columns), 1)
    ax.set_xlim(0, width)  # type: ignore[attr-defined]
    ax.set_ylim(ROWS_PER_PAGE, -0.5)  # type: ignore[attr-defined]
    font = 6.5
    for j, c in enumerate(m.columns):
        ax.text(label_w + col_w * (j + 0.5), -0.6, plain_text(shorten(c.label, 30)), rotation=40, ha="left",  # type: ignore[attr-defined]
                va="bottom", fontsize=font, rotation_mode="anchor")  # fmt: skip
    for i, (kind, item) in enumerate(lines):
        y = i + 0.5
        if kind == "group":
            ax.text(0.1, y, plain_text(shorten(str(item), 60)), fontsize=font, weight="bold", va="center")  # type: ignore[attr-defined]
            continue
        row = item
        ax.text(0.5, y, plain_text(shorten(row.label, 40)), fontsize=font, va="center")  # type: ignore[attr-defined]
        for j, c in enumerate(m.columns):
            cell = row.cells.get(c.theme)  # type: ignore[attr-defined]
            x = label_w + col_w * j
            ax.add_patch(Rectangle((x, i + 0.05), col_w, 0.9, facecolor=shade(cell.priorities) if cell else "#FFFFFF",  # type: ignore[attr-defined]
                                   edgecolor="#CCCCCC", linewidth=0.4))  # fmt: skip
            if cell:
                ax.text(x + col_w / 2, y, str(cell.priorities), ha="center", va="center", fontsize=font,  # type: ignore[attr-defined]
                        color=_ink(cell.priorities))  # fmt: skip


# --- one council's timeline ----------------------------------------------------------------------


def timeline_title(t: CouncilTimeline) -> str:
    return f"{t.title} — {t.scope}"


def timeline_notice(t: CouncilTimeline) -> dict[str, str] | None:
    if t.events:
        return None
    examples = "" if t.include_examples else " " + EXAMPLES_NOTE
    return {
        "heading": "No plans or meetings recorded",
        "text": f"The source reports and register pages in the graph name no plans of {t.scope}, and no meetings "
        f"about them.{examples} To add them, {REGISTER_HINT}, or import the council's committee system with "
        "`cypkg import moderngov --base …`.",
    }


def timeline_data(t: CouncilTimeline) -> dict:
    return {
        "title": timeline_title(t),
        "caption": _sources_caption(t.sources, "council reports and the national plans register"),
        "events": [e.as_dict() for e in t.events],
        "notice": timeline_notice(t),
        "colours": {"plan": OKABE_ITO["blue"], "meeting": OKABE_ITO["vermillion"], "open": OKABE_ITO["sky blue"]},
    }


def render_timeline_html(t: CouncilTimeline) -> str:
    """The council's plans as bars over the years they state and its meetings as dots, then every event as a row."""
    return page("timeline", timeline_data(t), styles=NATIONAL_STYLES)


def render_timeline_csv(t: CouncilTimeline) -> str:
    """The events as `council_timeline.rq` answers them, one row each, with the page each comes from."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=[_camel(f) for f in TIMELINE_FIELDS], lineterminator="\n")
    writer.writeheader()
    writer.writerows(e.as_dict() for e in t.events)
    return buf.getvalue()


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(word.title() for word in rest)
