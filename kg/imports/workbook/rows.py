"""The cells of each sheet checked by pydantic row models: ids, required text, drop-down words, years, numbers, dates.

Each sheet has a model whose fields are its columns (by header, as aliases). A row is checked one
cell at a time, so a bad cell becomes a Problem naming its sheet, row, column and value, and the
row's other cells are still read: every problem in the workbook is reported at once, and a row
with one bad cell still counts for the ids other sheets refer to. What needs more than one row
(duplicate ids, references to other rows or to the store, owners) is checked in `rdf`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Self, cast

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError
from pydantic_core import PydanticCustomError

from kg.imports.workbook.problems import Problem
from kg.imports.workbook.read import Row, cell_text
from kg.imports.workbook.schema import (
    DECISION_KINDS,
    DECISION_STATUS,
    MEETING_STATUS,
    PARTNER_TYPES,
    PLAN_STATUS,
    RELATIONS,
    ROLES,
    STRATEGY_TYPES,
)
from kg.namespaces import SLUG, slugify


def _wrong(message: str, fix: str) -> PydanticCustomError:
    """A cell's problem; `{column}` in either text is filled in with the column's header."""
    return PydanticCustomError("cell", "{message}", {"message": message, "fix": fix})


def _id(value: Any) -> str:
    text = cell_text(value)
    if not text:
        raise _wrong("is empty", "give every row an {column}")
    if not SLUG.match(text):
        raise _wrong("is not a valid id", f"use lower-case letters, digits and hyphens only, e.g. {slugify(text)!r}")
    return text


def _text(required: bool) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        text = cell_text(value)
        if not text and required:
            raise _wrong("is empty", "fill in the {column}")
        return text or None

    return check


def _choice(words: Iterable[str], required: bool = False) -> Callable[[Any], str | None]:
    """One of a drop-down's words (case and curly apostrophes aside)."""
    allowed = list(words)
    fix = f"choose one of: {', '.join(allowed)}"

    def check(value: Any) -> str | None:
        text = cell_text(value).lower().replace("’", "'")
        if not text:
            if required:
                raise _wrong("is empty", fix)
            return None
        if text not in allowed:
            raise _wrong("unknown {column}", fix)
        return text

    return check


def _year(required: bool) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        text = cell_text(value)
        if not text:
            if required:
                raise _wrong("is empty", "give a four-digit year, e.g. 2025")
            return None
        if not re.fullmatch(r"\d{4}", text):
            raise _wrong("is not a year", "give a four-digit year, e.g. 2025")
        return text

    return check


def _number(value: Any) -> Decimal | None:
    text = cell_text(value)
    if not text:
        return None
    try:
        return Decimal(text.replace(",", "").rstrip("%").strip())
    except InvalidOperation:
        raise _wrong("is not a number", "give a number such as 21.5 (no words or units)") from None


def _day(required: bool) -> Callable[[Any], dt.date | None]:
    def check(value: Any) -> dt.date | None:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = cell_text(value)
        if not text:
            if required:
                raise _wrong("is empty", "give the date, e.g. 2025-03-04")
            return None
        for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
            try:
                return dt.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        raise _wrong("is not a date", "type a date such as 2025-03-04 or 04/03/2025, or use a date cell")

    return check


Id = Annotated[str | None, BeforeValidator(_id)]
Text = Annotated[str | None, BeforeValidator(_text(required=True))]
OptionalText = Annotated[str | None, BeforeValidator(_text(required=False))]
"""Optional text, and the ids other rows are referred to by (checked against those rows in `rdf`)."""
Year = Annotated[str | None, BeforeValidator(_year(required=True))]
OptionalYear = Annotated[str | None, BeforeValidator(_year(required=False))]
Number = Annotated[Decimal | None, BeforeValidator(_number)]
Day = Annotated[dt.date | None, BeforeValidator(_day(required=True))]
OptionalDay = Annotated[dt.date | None, BeforeValidator(_day(required=False))]


def _column(name: str) -> Any:
    return Field(None, alias=name)


class SheetRow(BaseModel):
    """A checked row of one sheet: its columns' values, None where a cell is empty or failed its check."""

    model_config = ConfigDict(populate_by_name=True)

    @classmethod
    def check(cls, sheet: str, row: Row) -> tuple[Self, list[Problem]]:
        """The row with each cell checked on its own, and a Problem for each cell that failed."""
        checked = cast(Self, cls.model_construct())  # the pydantic plugin types it as the base class
        problems = []
        for name, field in cls.model_fields.items():
            column = field.alias or name
            try:
                cls.__pydantic_validator__.validate_assignment(checked, name, row.cells.get(column))
            except ValidationError as exc:
                error = exc.errors()[0]
                context = error.get("ctx") or {}
                message = str(context.get("message", error["msg"])).format(column=column)
                fix = str(context.get("fix", "")).format(column=column)
                problems.append(Problem("Violation", sheet, row.number, column, row.text(column), message, fix))
        return checked, problems


class PlanRow(SheetRow):
    id: Id = None
    title: Text = None
    authority: OptionalText = None
    period_start: Year = _column("period start")
    period_end: Year = _column("period end")
    status: Annotated[str | None, BeforeValidator(_choice(PLAN_STATUS))] = None
    as_at: OptionalDay = _column("as at")


class OutcomeRow(SheetRow):
    id: Id = None
    outcome: Text = None
    description: OptionalText = None


class PriorityRow(SheetRow):
    id: Id = None
    priority: Text = None
    outcome: OptionalText = None


class OwnerRow(SheetRow):
    priority: OptionalText = None
    partner: OptionalText = None
    role: Annotated[str | None, BeforeValidator(_choice(ROLES, required=True))] = None


class IndicatorRow(SheetRow):
    id: Id = None
    title: Text = None
    priority: OptionalText = None
    unit: OptionalText = None
    baseline: Number = None
    baseline_year: OptionalYear = _column("baseline year")
    target: Number = None
    target_year: OptionalYear = _column("target year")


class MeetingRow(SheetRow):
    id: Id = None
    body: OptionalText = None
    date: Day = None
    status: Annotated[str | None, BeforeValidator(_choice(MEETING_STATUS))] = None
    decision: Annotated[str | None, BeforeValidator(_choice(DECISION_KINDS))] = None
    decision_status: Annotated[str | None, BeforeValidator(_choice(DECISION_STATUS))] = _column("decision status")
    description: OptionalText = None


class StrategyRow(SheetRow):
    id: Id = None
    name: Text = None
    relation: Annotated[str | None, BeforeValidator(_choice(RELATIONS, required=True))] = None
    type: Annotated[str | None, BeforeValidator(_choice(STRATEGY_TYPES))] = None


class PartnerRow(SheetRow):
    id: Id = None
    name: Text = None
    type: Annotated[str | None, BeforeValidator(_choice(PARTNER_TYPES, required=True))] = None
    code: OptionalText = None
