"""Writing workbooks: the template officers fill (one worked example row per sheet) and any rows given.

The drop-down lists (a hidden `lists` sheet) are the ontology's SKOS concept schemes, as `schema` reads them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from kg.imports.workbook.read import Row, Tables
from kg.imports.workbook.schema import EXTRA_EXAMPLES, INSTRUCTIONS, LISTS, MAX_ROWS, SHEETS


def write_workbook(path: Path, rows: dict[str, list[tuple[Any, ...]]]) -> Path:
    """A workbook with the instructions, the drop-down lists and these rows on each sheet."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    intro = wb.active
    intro.title = INSTRUCTIONS
    _write_instructions(intro)
    lists = wb.create_sheet(LISTS)
    list_ranges: dict[str, str] = {}
    col = 0
    for sheet in SHEETS:
        for column in sheet.columns:
            if column.words and column.name not in list_ranges:
                col += 1
                letter = get_column_letter(col)
                lists.cell(1, col, column.name).font = Font(bold=True)
                for i, word in enumerate(column.words, start=2):
                    lists.cell(i, col, word)
                list_ranges[column.name + sheet.name] = f"{LISTS}!${letter}$2:${letter}${len(column.words) + 1}"
    lists.sheet_state = "hidden"
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for sheet in SHEETS:
        ws = wb.create_sheet(sheet.name)
        for j, column in enumerate(sheet.columns, start=1):
            cell = ws.cell(1, j, column.name)
            cell.font = Font(bold=True)
            cell.fill = header_fill
            cell.comment = Comment(column.help + (" (required)" if column.required else ""), "cypkg")
            ws.column_dimensions[get_column_letter(j)].width = max(14, min(48, len(column.help) // 2))
            if column.words:
                dv = DataValidation(
                    type="list",
                    formula1=f"={list_ranges.get(column.name + sheet.name) or _first_range(list_ranges, column.name)}",
                    allow_blank=not column.required,
                    showErrorMessage=True,
                    errorTitle=f"Not a {column.name}",
                    error=f"Choose one of the {len(column.words)} words in the drop-down list.",  # Excel: 255 at most
                )
                ws.add_data_validation(dv)
                dv.add(f"{get_column_letter(j)}2:{get_column_letter(j)}{MAX_ROWS}")
        ws.freeze_panes = "A2"
        for i, values in enumerate(rows.get(sheet.name, []), start=2):
            for j, value in enumerate(values, start=1):
                cell = ws.cell(i, j, value)
                if isinstance(value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _first_range(ranges: dict[str, str], column: str) -> str:
    return next(v for k, v in ranges.items() if k.startswith(column))


def _write_instructions(ws: Any) -> None:
    from openpyxl.styles import Font

    lines = [
        ("How to fill in this workbook", True),
        (
            "Each sheet holds one kind of thing; row 1 is the header (hover over it for help), row 2 is a worked "
            "example: replace it with your own, and add one row per thing below it.",
            False,
        ),
        (
            "Ids are short names of lower-case letters, digits and hyphens (e.g. medway-priority-1). Other sheets "
            "refer to things by these ids. Ids must be unique across all sheets.",
            False,
        ),
        (
            "Columns with a drop-down accept only the listed words. Type values, not formulas; do not merge cells.",
            False,
        ),
        (
            "Check it with `cypkg import plan.xlsx --dry-run`; import it with `cypkg import plan.xlsx`. "
            "Every problem is reported with its sheet, row and column, and nothing is written until all are fixed.",
            False,
        ),
        ("", False),
    ]
    for sheet in SHEETS:
        lines.append((f"{sheet.name}: {sheet.purpose}", False))
    for i, (text, bold) in enumerate(lines, start=1):
        ws.cell(i, 1, text).font = Font(bold=bold)
    ws.column_dimensions["A"].width = 120


def write_template(path: Path) -> Path:
    """`cypkg template plan.xlsx`: an empty workbook with one worked example row per sheet."""
    rows = {s.name: [s.example, *EXTRA_EXAMPLES.get(s.name, [])] for s in SHEETS}
    return write_workbook(path, rows)


def template_tables() -> Tables:
    """The template's example rows as read back, for tests and docs."""
    out: Tables = {}
    for sheet in SHEETS:
        examples = [sheet.example, *EXTRA_EXAMPLES.get(sheet.name, [])]
        out[sheet.name] = [
            Row(i, dict(zip((c.name for c in sheet.columns), values, strict=True)))
            for i, values in enumerate(examples, 2)
        ]
    return out
