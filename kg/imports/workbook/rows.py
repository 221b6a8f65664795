"""The cells of each sheet checked by pydantic row models: ids, required text, drop-down words, years, numbers, dates.

Drop-down cells become the ontology term they stand for; dates keep the precision written (a day, a
month or a year), and an empty date is no date, never a made-up one.

Each sheet has a model whose fields are its columns (by header, as aliases). A row is checked one
cell at a time, so a bad cell becomes a Problem naming its sheet, row, column and value, and the
row's other cells are still read: every problem in the workbook is reported at once, and a row
with one bad cell still counts for the ids other sheets refer to. What needs more than one row
(duplicate ids, references to other rows or to the store, owners) is checked in `rdf`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Self, cast

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError
from pydantic_core import PydanticCustomError
from rdflib import XSD, Literal, URIRef

from kg.imports.workbook.problems import Problem
from kg.imports.workbook.read import Row, cell_text
from kg.imports.workbook.schema import (
    DECISION_KINDS,
    DECISION_STATUS,
    MEETING_STATUS,
    PARTNER_TYPES,
    PLAN_STATUS,
    RELATION_WORDS,
    ROLES,
    STRATEGY_TYPES,
    Choices,
)
from kg.namespaces import SLUG, slugify
from kg.store.terms import date_literal


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


def _choice(choices: Choices, required: bool = False) -> Callable[[Any], URIRef | None]:
    """The term a drop-down word stands for (any case, any of the concept's labels)."""

    def check(value: Any) -> URIRef | None:
        fix = f"choose one of: {', '.join(choices.words)}"
        text = cell_text(value)
        if not text:
            if required:
                raise _wrong("is empty", fix)
            return None
        term = choices.term(text)
        if term is None:
            raise _wrong("unknown {column}", fix)
        return term

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


_MONTH_FORMATS = ("%B %Y", "%b %Y", "%m/%Y")
_DAY_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d %B %Y", "%d %b %Y")
_WHEN_FIX = "give a date (2025-03-04, 04/03/2025 or a date cell), a month (2025-03 or March 2025) or a year (2025)"


def _when(value: Any) -> Literal | None:
    """A date at the precision the source gives it: a day, a month or a year; None when the cell is empty.

    A month stays a month ("March 2025" is "2025-03"^^xsd:gYearMonth): no day is ever made up.
    """
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return Literal(value, datatype=XSD.date)
    text = cell_text(value)
    if not text:
        return None
    if (iso := date_literal(text)) is not None:
        return iso
    for formats, shape in ((_DAY_FORMATS, "%Y-%m-%d"), (_MONTH_FORMATS, "%Y-%m")):
        for fmt in formats:
            try:
                parsed = dt.datetime.strptime(text, fmt)
            except ValueError:
                continue
            return date_literal(parsed.strftime(shape))
    raise _wrong("is not a date", _WHEN_FIX)


Id = Annotated[str | None, BeforeValidator(_id)]
Text = Annotated[str | None, BeforeValidator(_text(required=True))]
OptionalText = Annotated[str | None, BeforeValidator(_text(required=False))]
"""Optional text, and the ids other rows are referred to by (checked against those rows in `rdf`)."""
OptionalYear = Annotated[str | None, BeforeValidator(_year(required=False))]
Number = Annotated[Decimal | None, BeforeValidator(_number)]
When = Annotated[Literal | None, BeforeValidator(_when)]
"""A date, month or year (an rdflib literal typed xsd:date, xsd:gYearMonth or xsd:gYear), or None."""


def _column(name: str) -> Any:
    return Field(None, alias=name)


class SheetRow(BaseModel):
    """A checked row of one sheet: its columns' values, None where a cell is empty or failed its check."""

    model_config = ConfigDict(populate_by_name=True, arbitrary_types_allowed=True)

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
    period_start: When = _column("period start")
    period_end: When = _column("period end")
    status: Annotated[URIRef | None, BeforeValidator(_choice(PLAN_STATUS))] = None
    as_at: When = _column("as at")


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
    role: Annotated[URIRef | None, BeforeValidator(_choice(ROLES, required=True))] = None


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
    date: When = None
    status: Annotated[URIRef | None, BeforeValidator(_choice(MEETING_STATUS))] = None
    decision: Annotated[URIRef | None, BeforeValidator(_choice(DECISION_KINDS))] = None
    decision_status: Annotated[URIRef | None, BeforeValidator(_choice(DECISION_STATUS))] = _column("decision status")
    description: OptionalText = None
    about: OptionalText = None


class StrategyRow(SheetRow):
    id: Id = None
    name: Text = None
    relation: Annotated[URIRef | None, BeforeValidator(_choice(RELATION_WORDS, required=True))] = None
    type: Annotated[URIRef | None, BeforeValidator(_choice(STRATEGY_TYPES))] = None


class PartnerRow(SheetRow):
    id: Id = None
    name: Text = None
    type: Annotated[URIRef | None, BeforeValidator(_choice(PARTNER_TYPES, required=True))] = None
    code: OptionalText = None
