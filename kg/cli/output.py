"""What the CLI prints: rows of RDF terms as a terminal table, CSV or JSON, and the tables of problems
(SHACL reports, workbook problems), the same for every command."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

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


def to_table(
    rows: Sequence[dict[str, Node]],
    columns: Sequence[str] | None = None,
    title: str = "",
    width: int | None = None,
    ids: Sequence[str] = (),
) -> RenderableType:
    """Rows as a table whose ids and IRIs are never broken across lines; other columns fold first.

    Columns holding IRIs, and those named in `ids`, are kept whole. When the ids alone are wider
    than the terminal (`width`), each row is printed as a block of `column: value` lines instead,
    so an id can still be copied whole.
    """
    cols = columns_of(rows, columns)
    cells = [[short(row.get(c)) for c in cols] for row in rows]
    whole = [c in ids or any(isinstance(row.get(c), URIRef) for row in rows) for c in cols]
    return unbroken_table(cols, cells, whole, title=title, width=width)


Cell = str | Text


def unbroken_table(
    header: Sequence[str],
    cells: Sequence[Sequence[Cell]],
    whole: Sequence[bool],
    *,
    title: str = "",
    width: int | None = None,
    show_lines: bool = False,
) -> RenderableType:
    """A table that keeps the `whole` columns (ids) unbroken, or blocks of lines when they cannot fit.

    Plain strings are shown as they are (never read as markup); `Text` cells keep their style.
    """
    plain = [[c.plain if isinstance(c, Text) else c for c in row] for row in cells]
    widths = [
        max([len(h), *(len(r[i]) for r in plain)]) if keep else 0
        for i, (h, keep) in enumerate(zip(header, whole, strict=True))
    ]
    needed = sum(widths) + 3 * len(header) + 1 + 8 * sum(not keep for keep in whole)
    if width is not None and needed > width:
        return _blocks(header, cells, title)
    table = Table(title=title or None, show_lines=show_lines)
    for i, (name, keep) in enumerate(zip(header, whole, strict=True)):
        if keep:
            table.add_column(name, no_wrap=True, min_width=widths[i])
        else:
            table.add_column(name, overflow="fold")
    for row in cells:
        table.add_row(*(c if isinstance(c, Text) else Text(c) for c in row))
    return table


def _blocks(header: Sequence[str], cells: Sequence[Sequence[Cell]], title: str) -> Group:
    """One block of `column: value` lines per row, blank-line separated: nothing is cut or folded."""
    label = max((len(h) for h in header), default=0)
    parts: list[RenderableType] = [Text(title, style="bold")] if title else []
    for n, row in enumerate(cells):
        if n or title:
            parts.append(Text(""))
        for name, value in zip(header, row, strict=True):
            line = Text(f"{name:>{label}}: ", style="dim")
            line.append(value if isinstance(value, Text) else Text(value))
            parts.append(line)
    return Group(*parts)


def report_table(report: ValidationReport, width: int | None = None, severity: str | None = None) -> RenderableType:
    """A SHACL report for people (one severity's results, when given): focus node, shape and path whole."""
    results = [r for r in report.results if severity is None or r.severity == severity]
    colour = {"Violation": "red", "Warning": "yellow", "Info": "cyan"}
    header = ["severity", "shape", "focus node", "path", "value", "message"]
    cells: list[list[Cell]] = [
        [
            Text(r.severity, style=colour.get(r.severity, "")),
            shorten(r.source_shape),
            shorten(r.focus_node),
            shorten(r.result_path),
            shorten(r.value),
            r.message,
        ]
        for r in results
    ]
    values_are_ids = all(r.value is None or isinstance(r.value, URIRef | BNode) for r in results)
    whole = [False, True, True, True, values_are_ids, False]
    return unbroken_table(header, cells, whole, width=width, show_lines=True)


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


def problems_table(problems: Sequence[Problem]) -> Table:
    """Workbook problems: where, value, what is wrong and how to fix it."""
    table = Table("severity", "sheet", "row", "column", "value", "problem", "how to fix", title="workbook problems")
    for p in problems:
        table.add_row(p.severity, p.sheet, str(p.row or ""), p.column or "", p.value, p.message, p.fix)
    return table
