"""The responsibility matrix drawn: an offline HTML grid (sortable, filterable, printable), an A4 picture, CSV and XLSX.

Cells show the role by symbol as well as colour (● lead, ■ owner, ○ contributing, ★ champion), so
the grid reads in black and white and with any colour-vision deficiency. Rows with no owner or one
owner are marked (and say so in words); partners the overload rule flags are marked in the totals,
with the rule printed under the grid.
"""

from __future__ import annotations

import csv
import io

import matplotlib as mpl
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure

from kg.analysis.matrix import CELL_ROLES, ResponsibilityMatrix
from kg.views.grid_workbook import grid_sheet, saved_grid
from kg.views.html import page
from kg.views.picture import plain_text, shorten
from kg.views.style import GAP_NONE, GAP_ONE, OKABE_ITO
from kg.views.text import format_date

SYMBOLS = {"lead": "●", "owner": "■", "contributing": "○", "champion": "★"}
CELL_COLOURS = {
    "lead": OKABE_ITO["blue"],
    "owner": OKABE_ITO["blue"],
    "contributing": OKABE_ITO["sky blue"],
    "champion": OKABE_ITO["reddish purple"],
}
ROLE_WORDS = {
    "lead": "lead",
    "owner": "owner (lead not stated)",
    "contributing": "contributing",
    "champion": "champion",
}
GAP_WORDS = {"none": "no owner", "one": "one owner"}
A4_LANDSCAPE = (11.69, 8.27)


def matrix_title(m: ResponsibilityMatrix) -> str:
    text = f"{m.title} — {m.scope}" if m.scope else m.title
    return text + (f", as at {format_date(m.as_at)}" if m.as_at else "")


def matrix_caption(m: ResponsibilityMatrix) -> str:
    if not m.sources:
        return "Source: cypkg knowledge graph (council reports)."
    latest = m.sources[0]
    more = f", and {len(m.sources) - 1} earlier" if len(m.sources) > 1 else ""
    return f"Source: {latest['title']}, {format_date(latest['date'])}{more} (cypkg knowledge graph)."


def _notice(m: ResponsibilityMatrix) -> dict[str, str] | None:
    hint = "fill in the plan workbook (`cypkg template plan.xlsx`) and load it with `cypkg import plan.xlsx`"
    if not m.rows:
        return {
            "heading": "No priorities recorded",
            "text": f"The source reports in the graph name no priorities for {m.scope}. To add them, {hint}.",
        }
    if not m.columns:
        return {
            "heading": "No owners recorded",
            "text": f"The source reports name {len(m.rows)} priorities for {m.scope} but no partner that leads or "
            f"contributes to any of them, so every row is a gap. To add owners, {hint}.",
        }
    return None


def matrix_data(m: ResponsibilityMatrix) -> dict:
    """The JSON the matrix page reads (plain strings only)."""
    return {
        "title": matrix_title(m),
        "caption": matrix_caption(m),
        "rule": m.rule.describe(),
        "planOwners": [f"{ROLE_WORDS.get(role, role)}: {name}" for role, name in m.plan_owners],
        "columns": [
            {
                "id": c.partner,
                "label": c.label,
                "group": c.group,
                "leads": c.leads,
                "contributions": c.contributions,
                "champions": c.champions,
                "overloaded": c.overloaded,
            }
            for c in m.columns
        ],
        "groups": [
            {
                "label": name,
                "rows": [
                    {"id": r.id, "label": r.label, "kind": r.kind, "cells": r.cells, "owners": r.owners, "gap": r.gap}
                    for r in rows
                ],
            }
            for name, rows in m.groups
        ],
        "roles": [
            {"role": role, "symbol": SYMBOLS[role], "colour": CELL_COLOURS[role], "label": ROLE_WORDS[role]}
            for role in CELL_ROLES
        ],
        "gaps": {"none": GAP_NONE, "one": GAP_ONE},
        "notice": _notice(m),
    }


def render_matrix_html(m: ResponsibilityMatrix) -> str:
    """The matrix as one self-contained page: sort by any column, filter rows, print on one A4 landscape page."""
    return page("matrix", matrix_data(m))


def render_matrix_csv(m: ResponsibilityMatrix) -> str:
    """One row per priority (cells are role words), then the totals rows and the rule."""
    records = m.records() + m.totals()
    fields = ["outcome", "item", "kind", *[c.label for c in m.columns], "owners", "gap"]
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    buf.write(f"# {m.rule.describe()}\n")
    return buf.getvalue()


def render_matrix_xlsx(m: ResponsibilityMatrix) -> bytes:
    """The grid as a workbook: symbols and role words in cells, gaps and overloaded partners filled, the rule below."""
    from openpyxl.styles import Font, PatternFill

    header = ["Outcome", "Priority", *[c.label for c in m.columns], "Owners", "Gap"]
    wb, ws = grid_sheet("Responsibility matrix", matrix_title(m), header)
    fills = {
        "none": PatternFill("solid", fgColor="FBE3D6"),
        "one": PatternFill("solid", fgColor="FDF0CC"),
    }
    for row in m.rows:
        values: list[str | int] = [row.group, row.label]
        values += [f"{SYMBOLS[r]} {r}" if (r := row.cells.get(c.partner)) else "" for c in m.columns]
        values += [row.owners, GAP_WORDS.get(row.gap, "")]
        ws.append(values)
        if row.gap:
            for cell in ws[ws.max_row]:
                cell.fill = fills[row.gap]
    for total in m.totals():
        ws.append(["", total["item"], *[total[c.label] for c in m.columns], "", ""])
        ws[ws.max_row][1].font = Font(bold=True)
    overloaded_row = ws.max_row
    for i, c in enumerate(m.columns, start=3):
        if c.overloaded:
            ws.cell(overloaded_row, i).fill = PatternFill("solid", fgColor="FBE3D6")
    ws.append([])
    ws.append([m.rule.describe()])
    ws.append([matrix_caption(m)])
    widths = {1: 24.0, 2: 50.0, **{i: 16.0 for i in range(3, len(header) + 1)}}
    return saved_grid(wb, ws, columns=len(header), rows=len(m.rows), widths=widths)


def render_matrix_image(m: ResponsibilityMatrix, fmt: str) -> bytes:
    """The grid as an A4-landscape picture: symbols in cells, gap rows marked, totals and the rule underneath."""
    if fmt not in ("svg", "png"):
        raise ValueError(f"picture format must be svg or png, not {fmt!r}")
    fig = Figure(figsize=A4_LANDSCAPE)
    canvas = FigureCanvasSVG(fig) if fmt == "svg" else FigureCanvasAgg(fig)
    fig.text(0.03, 0.955, plain_text(matrix_title(m)), fontsize=13, weight="bold", va="center")
    ax = fig.add_axes((0.03, 0.1, 0.94, 0.8))
    ax.set_axis_off()
    notice = _notice(m)
    rows = m.rows
    if notice and not rows:
        ax.text(0.5, 0.5, plain_text(f"{notice['heading']}\n\n{notice['text']}"), ha="center", va="center", fontsize=11,
                wrap=True, bbox={"boxstyle": "square,pad=0.6", "fc": "#fdf3ec", "ec": GAP_NONE})  # fmt: skip
    else:
        _draw_grid(ax, m)
    legend = "   ".join(f"{SYMBOLS[r]} {ROLE_WORDS[r]}" for r in CELL_ROLES)
    legend += f"   rows marked: no owner ({GAP_NONE} border), one owner ({GAP_ONE} border)   ⚑ {m.rule.describe()}"
    fig.text(0.03, 0.06, plain_text(legend), fontsize=7.5, va="center")
    fig.text(0.03, 0.03, plain_text(matrix_caption(m)), fontsize=7.5, color="#444444", va="center")
    buf = io.BytesIO()
    with mpl.rc_context({"svg.fonttype": "none", "font.family": "DejaVu Sans"}):
        canvas.print_figure(buf, format=fmt, dpi=200 if fmt == "png" else 72)
    return buf.getvalue()


def _draw_grid(ax: object, m: ResponsibilityMatrix) -> None:
    from matplotlib.patches import Rectangle

    columns = m.columns
    lines = len(m.rows) + len(m.groups) + 5
    row_h = 1.0
    label_w = 14.0
    col_w = max(1.6, min(3.0, (40 - label_w) / max(len(columns), 1)))
    width = label_w + col_w * (len(columns) + 1)
    ax.set_xlim(0, width)  # type: ignore[attr-defined]
    ax.set_ylim(lines * row_h, -2.5)  # type: ignore[attr-defined]
    font = max(5.0, min(8.0, 180 / lines))
    for j, c in enumerate(columns):
        x = label_w + col_w * (j + 0.5)
        ax.text(x, -0.2, plain_text(shorten(c.label, 26)), rotation=35, ha="left", va="bottom", fontsize=font,  # type: ignore[attr-defined]
                rotation_mode="anchor")  # fmt: skip
    ax.text(label_w + col_w * (len(columns) + 0.5), -0.2, "owners", rotation=35, ha="left", va="bottom", fontsize=font,  # type: ignore[attr-defined]
            rotation_mode="anchor")  # fmt: skip
    y = 0.5
    for name, rows in m.groups:
        ax.text(0.1, y, plain_text(shorten(name, 60)), fontsize=font, weight="bold", va="center")  # type: ignore[attr-defined]
        y += row_h
        for r in rows:
            if r.gap:
                colour = GAP_NONE if r.gap == "none" else GAP_ONE
                ax.add_patch(Rectangle((0, y - 0.48), width, 0.96, fill=False, edgecolor=colour, linewidth=1.6,  # type: ignore[attr-defined]
                                       linestyle="--" if r.gap == "none" else "-"))  # fmt: skip
            ax.text(0.4, y, plain_text(shorten(r.label, 70)), fontsize=font, va="center")  # type: ignore[attr-defined]
            for j, c in enumerate(columns):
                role = r.cells.get(c.partner)
                if role:
                    ax.text(label_w + col_w * (j + 0.5), y, SYMBOLS[role], ha="center", va="center",  # type: ignore[attr-defined]
                            fontsize=font + 2, color=CELL_COLOURS[role])  # fmt: skip
            owners = f"{r.owners}" + (f" ({GAP_WORDS[r.gap]})" if r.gap else "")
            ax.text(label_w + col_w * (len(columns) + 0.1), y, owners, fontsize=font, va="center")  # type: ignore[attr-defined]
            y += row_h
    for name, value in (("leads", "leads"), ("contributions", "contributions")):
        ax.text(0.1, y, f"total {name}", fontsize=font, weight="bold", va="center")  # type: ignore[attr-defined]
        for j, c in enumerate(columns):
            ax.text(label_w + col_w * (j + 0.5), y, str(getattr(c, value)), ha="center", va="center", fontsize=font)  # type: ignore[attr-defined]
        y += row_h
    ax.text(0.1, y, "overloaded", fontsize=font, weight="bold", va="center")  # type: ignore[attr-defined]
    for j, c in enumerate(columns):
        if c.overloaded:
            ax.text(label_w + col_w * (j + 0.5), y, "⚑ yes", ha="center", va="center", fontsize=font,  # type: ignore[attr-defined]
                    color=GAP_NONE, weight="bold")  # fmt: skip
