"""Source tables (CSV) for the indicator imports: rows numbered as a spreadsheet shows them, errors that say where."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import InputError


class IndicatorInputError(InputError):
    """A source table that cannot be imported; names the file, the row (1 = header) and the column."""

    code = "BAD_INDICATOR_TABLE"

    def __init__(self, message: str, *, file: str, row: int | None = None, column: str | None = None) -> None:
        where = f"row {row}" if row is not None else ""
        if column:
            where += f", column {column!r}" if where else f"column {column!r}"
        super().__init__(
            f"{where}: {message}" if where else message,
            file=file,
            hint="fix the table (or the column mapping in kg/imports/indicators.py) and import again; "
            "nothing from this file was imported",
        )
        self.row = row
        self.column_name = column


def open_rows(path: Path, required: Iterable[str], label: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number, row) with the header checked first; row 1 is the header."""
    with path.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        header = reader.fieldnames or []
        for col in required:
            if col not in header:
                raise IndicatorInputError(
                    f"expected column {col!r} is missing (header has: {', '.join(header)})",
                    file=label,
                    row=1,
                    column=col,
                )
        yield from enumerate(reader, start=2)
