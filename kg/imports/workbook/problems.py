"""What is wrong with a workbook, said so that an officer can fix it: where, the value, and how."""

from __future__ import annotations

from dataclasses import dataclass

from kg.errors import InputError


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a cell, row or sheet, said so that an officer can fix it."""

    severity: str  # Violation (wrong: blocks the import) or Warning (incomplete)
    sheet: str
    row: int | None
    column: str | None
    value: str
    message: str
    fix: str

    def where(self) -> str:
        parts = [f"sheet {self.sheet!r}"]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column {self.column!r}")
        return ", ".join(parts)


class SpreadsheetError(InputError):
    """A workbook or CSV folder that cannot be read at all (wrong file, missing sheet, bad encoding)."""

    code = "BAD_SPREADSHEET"

    def __init__(
        self,
        message: str,
        *,
        file: str,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
        hint: str = "",
    ) -> None:
        where = ", ".join(
            p
            for p in (
                f"sheet {sheet!r}" if sheet else "",
                f"row {row}" if row else "",
                f"column {column!r}" if column else "",
            )
            if p
        )
        super().__init__(f"{where}: {message}" if where else message, file=file, hint=hint)
        self.sheet, self.row, self.column_name = sheet, row, column


class WorkbookInvalid(InputError):
    """The workbook was read but has Violations; nothing was written."""

    code = "SPREADSHEET_INVALID"

    def __init__(self, problems: list[Problem], *, file: str) -> None:
        violations = [p for p in problems if p.severity == "Violation"]
        first = violations[0]
        super().__init__(
            f"{len(violations)} problem(s) must be fixed before import; first: {first.where()}: {first.message}",
            file=file,
            hint=f"{first.fix}; the table lists every problem. Nothing was written",
        )
        self.problems = problems
