"""Reading a workbook (.xlsx) or a folder of CSV files into rows per sheet; structural problems raise.

A structural problem (not a workbook, a missing sheet or column, a formula, merged cells, text that
is not UTF-8) stops the read with a SpreadsheetError naming the file, sheet, row and column. What is
in the cells is checked later, row by row (`rows`).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.imports.workbook.problems import SpreadsheetError
from kg.imports.workbook.schema import INSTRUCTIONS, LISTS, MAX_ROWS, SHEET_BY_NAME, SHEETS, Sheet


@dataclass
class Row:
    """One data row: its number as the officer sees it (header is row 1) and its cells by column."""

    number: int
    cells: dict[str, Any]

    def text(self, column: str) -> str:
        """The cell as the officer reads it (see `cell_text`)."""
        return cell_text(self.cells.get(column))


def cell_text(value: Any) -> str:
    """A cell as the officer reads it: whole numbers without `.0`, dates without a time, trimmed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    return str(value).strip()


Tables = dict[str, list[Row]]


def read_tables(path: Path) -> Tables:
    """Read a workbook (.xlsx) or a folder of CSV files into rows per sheet; structural errors raise."""
    if path.is_dir():
        return read_csv_folder(path)
    if not path.exists():
        raise SpreadsheetError("no such file", file=str(path), hint="check the path")
    if path.stat().st_size == 0:
        raise SpreadsheetError(
            "the file is empty", file=str(path), hint="run `cypkg template plan.xlsx` and fill it in"
        )
    if path.suffix.lower() != ".xlsx" or not zipfile.is_zipfile(path):
        raise SpreadsheetError(
            "not an Excel workbook (.xlsx)",
            file=str(path),
            hint="save it from Excel as .xlsx (not .xls or .csv), or give a folder of CSV files named after the sheets",
        )
    return read_workbook(path)


def read_workbook(path: Path) -> Tables:
    """Every sheet's data rows, refusing formulas and merged cells (they hide the values)."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, data_only=False, read_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise SpreadsheetError(
            f"cannot open the workbook: {exc}", file=str(path), hint="open it in Excel and save it again as .xlsx"
        ) from exc
    tables: Tables = {}
    names = {n.strip().lower(): n for n in wb.sheetnames}
    _check_sheets(set(names), str(path))
    for sheet in SHEETS:
        ws = wb[names[sheet.name]]
        for merged in ws.merged_cells.ranges:
            raise SpreadsheetError(
                f"merged cells {merged.coord}",
                file=str(path),
                sheet=sheet.name,
                row=merged.min_row,
                hint="unmerge the cells (Home > Merge & Center) and put the value in each cell",
            )
        rows = ws.iter_rows(values_only=False)
        header_cells = next(rows, ())
        headers = [_header(c.value) for c in header_cells]
        _check_columns(sheet, headers, str(path))
        table = []
        for cells in rows:
            if cells and cells[0].row > MAX_ROWS + 1:
                raise SpreadsheetError(
                    f"more than {MAX_ROWS:,} rows", file=str(path), sheet=sheet.name, hint="split the plan up"
                )
            values: dict[str, Any] = {}
            for header, cell in zip(headers, cells, strict=False):
                if not header:
                    continue
                if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith("=")):
                    raise SpreadsheetError(
                        f"a formula ({cell.value}) instead of a value",
                        file=str(path),
                        sheet=sheet.name,
                        row=cell.row,
                        column=header,
                        hint="copy the cell and Paste Special > Values, so the workbook holds the value itself",
                    )
                values[header] = cell.value
            if any(v not in (None, "") for v in values.values()):
                table.append(Row(cells[0].row, values))
        tables[sheet.name] = table
    return tables


def read_csv_folder(folder: Path) -> Tables:
    """A folder with one CSV per sheet (plan.csv, outcomes.csv …), UTF-8, same header row as the workbook."""
    tables: Tables = {}
    present = {p.stem.strip().lower(): p for p in folder.glob("*.csv")}
    _check_sheets(set(present), str(folder), csv_folder=True)
    for sheet in SHEETS:
        path = present[sheet.name]
        raw = path.read_bytes()
        if b"\x00" in raw[:8192]:
            raise SpreadsheetError(
                "a binary file, not CSV text",
                file=str(path),
                sheet=sheet.name,
                hint="export the sheet from Excel as CSV UTF-8",
            )
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise SpreadsheetError(
                f"not UTF-8 text (byte {exc.start}, line {line})",
                file=str(path),
                sheet=sheet.name,
                row=line,
                hint="save it as 'CSV UTF-8 (Comma delimited)' in Excel",
            ) from exc
        reader = csv.reader(text.splitlines())
        headers = [_header(h) for h in next(reader, [])]
        _check_columns(sheet, headers, str(path))
        table = []
        for number, record in enumerate(reader, start=2):
            values = {h: (v if v != "" else None) for h, v in zip(headers, record, strict=False) if h}
            if any(v is not None for v in values.values()):
                table.append(Row(number, values))
        tables[sheet.name] = table
    return tables


def _header(value: Any) -> str:
    return re.sub(r"\s+", " ", str(value or "")).strip().lower().rstrip("*").strip()


def _check_sheets(present: set[str], file: str, *, csv_folder: bool = False) -> None:
    missing = [s.name for s in SHEETS if s.name not in present]
    if missing:
        extra = sorted(present - set(SHEET_BY_NAME) - {INSTRUCTIONS, LISTS})
        what = "CSV file(s)" if csv_folder else "sheet(s)"
        renamed = f"; found {', '.join(extra)} — renamed?" if extra else ""
        raise SpreadsheetError(
            f"missing {what}: {', '.join(missing)}{renamed}",
            file=file,
            sheet=missing[0],
            hint="keep the template's sheet names (`cypkg template plan.xlsx` makes a fresh one)"
            if not csv_folder
            else f"add {', '.join(m + '.csv' for m in missing)} with the template's header row",
        )


def _check_columns(sheet: Sheet, headers: list[str], file: str) -> None:
    missing = [c.name for c in sheet.columns if c.name not in headers]
    if missing:
        extra = [h for h in headers if h and h not in {c.name for c in sheet.columns}]
        renamed = f"; found {', '.join(repr(e) for e in extra)} — renamed?" if extra else ""
        raise SpreadsheetError(
            f"missing column(s) {', '.join(repr(m) for m in missing)}{renamed}",
            file=file,
            sheet=sheet.name,
            row=1,
            column=missing[0],
            hint=f"row 1 must hold the headers {', '.join(c.name for c in sheet.columns)}",
        )
