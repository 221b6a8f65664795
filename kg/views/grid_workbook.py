"""The frame both grid workbooks share (the responsibility matrix, the council × theme matrix): a bold
title row, a wrapped bold header row, then the grid; frozen at the first grid cell, filterable, saved."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter


def grid_sheet(sheet: str, title: str, header: list[str]) -> tuple[Workbook, Any]:
    """A workbook whose one sheet starts with the title (row 1) and the header (row 2)."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(header)
    for cell in ws[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return wb, ws


def saved_grid(wb: Workbook, ws: Any, *, columns: int, rows: int, widths: dict[int, float]) -> bytes:
    """Freeze the two label columns and the header, filter the grid's `rows`, set column `widths` (1-based), save."""
    ws.freeze_panes = "C3"
    ws.auto_filter.ref = f"A2:{get_column_letter(columns)}{2 + rows}"
    for i, width in widths.items():
        ws.column_dimensions[get_column_letter(i)].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
