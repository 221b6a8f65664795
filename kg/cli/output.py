"""What the CLI prints: rows of RDF terms as a terminal table, CSV or JSON, and the tables of problems
(SHACL reports, workbook problems), the same for every command."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef
from rdflib.term import Node
from rich.table import Table

from kg.namespaces import GRAPH, ID, PREFIXES, shorten

if TYPE_CHECKING:  # imported for types only: printing a table should not load SHACL or openpyxl
    from kg.imports.workbook import Problem
    from kg.validation.shapes import ValidationReport


def short(term: Node | None) -> str:
    """A term as a person reads it: an id for our things, a prefixed name for vocabulary, text for literals."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        iri = str(term)
        if iri.startswith(str(ID)):
            return iri.rsplit("/", 1)[-1]
        if iri.startswith(str(GRAPH)):
            return iri[len(str(GRAPH)) :]
        for prefix, ns in PREFIXES.items():
            if iri.startswith(ns) and len(iri) > len(ns):
                return f"{prefix}:{iri[len(ns) :]}"
        return iri
    return str(term)


def plain(term: Node | None) -> str | int | float | bool | None:
    """A term as a JSON value: IRIs in full, numbers and booleans as themselves."""
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, bool | int | float):
            return value
        return str(term)
    return str(term)


def columns_of(rows: Sequence[dict[str, Node]], columns: Sequence[str] | None = None) -> list[str]:
    """The column names, in query order when known, else first-seen order."""
    if columns:
        return list(columns)
    seen: dict[str, None] = {}
    for row in rows:
        for key in row:
            seen.setdefault(key, None)
    return list(seen)


def to_table(rows: Sequence[dict[str, Node]], columns: Sequence[str] | None = None, title: str = "") -> Table:
    cols = columns_of(rows, columns)
    table = Table(title=title or None, show_lines=False)
    for c in cols:
        table.add_column(c, overflow="fold")
    for row in rows:
        table.add_row(*(short(row.get(c)) for c in cols))
    return table


def to_csv(rows: Sequence[dict[str, Node]], columns: Sequence[str] | None = None) -> str:
    cols = columns_of(rows, columns)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(cols)
    for row in rows:
        writer.writerow([str(row[c]) if c in row else "" for c in cols])
    return buf.getvalue()


def to_json(rows: Sequence[dict[str, Node]], columns: Sequence[str] | None = None) -> str:
    cols = columns_of(rows, columns)
    return json.dumps([{c: plain(row.get(c)) for c in cols if c in row} for row in rows], indent=2, ensure_ascii=False)


def report_table(report: ValidationReport, severity: str | None = None) -> Table:
    """A SHACL report for the terminal, IRIs shortened with the project's prefixes, coloured by severity.

    Only one severity's results if `severity` is given (violations and warnings are listed apart).
    """
    table = Table("severity", "shape", "focus node", "path", "value", "message", show_lines=True)
    colour = {"Violation": "red", "Warning": "yellow", "Info": "cyan"}
    for r in report.results:
        if severity is not None and r.severity != severity:
            continue
        table.add_row(
            f"[{colour.get(r.severity, 'white')}]{r.severity}[/]",
            shorten(r.source_shape),
            shorten(r.focus_node),
            shorten(r.result_path),
            shorten(r.value),
            r.message,
        )
    return table


def problems_table(problems: Sequence[Problem]) -> Table:
    """Workbook problems: where, value, what is wrong and how to fix it."""
    table = Table("severity", "sheet", "row", "column", "value", "problem", "how to fix", title="workbook problems")
    for p in problems:
        table.add_row(p.severity, p.sheet, str(p.row or ""), p.column or "", p.value, p.message, p.fix)
    return table
