"""A plan as a spreadsheet: the template officers fill, its import into the graph, and the export back.

Officers work in Excel, not Turtle. The workbook has one sheet per kind of thing (plan, outcomes,
priorities, owners, indicators, meetings, strategies, partners), an instructions sheet, drop-down
lists for the controlled values and one worked example row per sheet. A folder of CSV files named
after the sheets, with the same header row, works too.

Import reads every row, and reports each problem with its sheet, row, column, value and how to fix
it; nothing is written while any Violation remains. The graph it makes is deterministic (IRIs from
the ids in the sheets), so exporting a plan and importing the export gives the same graph.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rich.table import Table

from kg.errors import InputError
from kg.namespaces import CYP, ID, SLUG, local_id

DCTERMS = Namespace("http://purl.org/dc/terms/")
PROV = Namespace("http://www.w3.org/ns/prov#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
ORG = Namespace("http://www.w3.org/ns/org#")

INSTRUCTIONS = "instructions"
LISTS = "lists"
MAX_ROWS = 5_000

# --- controlled values: the words in the drop-downs and the terms they stand for -----------------

PARTNER_TYPES: dict[str, tuple[str, URIRef]] = {
    "nhs body": ("organisation", CYP.NHSBody),
    "police force": ("organisation", CYP.PoliceForce),
    "schools partner": ("organisation", CYP.SchoolsPartner),
    "voluntary sector organisation": ("organisation", CYP.VoluntarySectorOrganisation),
    "youth offending service": ("organisation", CYP.YouthOffendingService),
    "partner group": ("organisation", CYP.PartnerGroup),
    "other organisation": ("organisation", ORG.Organization),
    "children's trust": ("board", CYP.ChildrensTrust),
    "children's trust board": ("board", CYP.ChildrensTrustBoard),
    "health and wellbeing board": ("board", CYP.HealthAndWellbeingBoard),
    "improvement board": ("board", CYP.ImprovementBoard),
    "strategic transformation board": ("board", CYP.StrategicTransformationBoard),
    "safeguarding partnership": ("board", CYP.SafeguardingPartnership),
    "cabinet": ("board", CYP.Cabinet),
    "full council": ("board", CYP.FullCouncil),
    "scrutiny committee": ("board", CYP.ScrutinyCommittee),
    "officer group": ("board", CYP.OfficerGroup),
    "other body": ("board", CYP.Body),
}
ROLES = {"lead": CYP.leadPartner, "contributor": CYP.contributingPartner}
PLAN_STATUS = {"draft": CYP.Draft, "for consultation": CYP.ForConsultation, "approved": CYP.Approved}
MEETING_STATUS = {"scheduled": CYP.Scheduled, "held": CYP.Held, "cancelled": CYP.Cancelled}
DECISION_KINDS = {
    "approve": CYP.Approve,
    "agree draft for consultation": CYP.AgreeDraftForConsultation,
    "recommend approval": CYP.RecommendApproval,
    "refer": CYP.Refer,
    "comment": CYP.Comment,
    "note": CYP.Note,
    "endorse": CYP.Endorse,
}
DECISION_STATUS = {"recommended": CYP.Recommended, "resolved": CYP.Resolved, "intended": CYP.Intended}
# relation word -> (property, True when the strategy is the subject, class of the strategy)
RELATIONS: dict[str, tuple[URIRef, bool, URIRef]] = {
    "feeds into the plan": (CYP.feedsInto, True, CYP.SubsidiaryStrategy),
    "aligns with the plan": (CYP.alignsWith, False, CYP.Plan),
    "replaced by the plan": (DCTERMS.replaces, False, CYP.Plan),
    "superseded by the plan": (CYP.supersedes, False, CYP.Plan),
    "plan contributes to it": (CYP.contributesToPlan, False, CYP.Plan),
}
STRATEGY_TYPES = {
    "send and inclusion": CYP.SENDAndInclusion,
    "looked after children": CYP.LookedAfterChildren,
    "youth justice": CYP.YouthJustice,
    "early help": CYP.EarlyHelp,
    "safeguarding": CYP.Safeguarding,
    "education": CYP.Education,
    "skills and employability": CYP.SkillsAndEmployability,
    "performance improvement": CYP.PerformanceImprovement,
    "community strategy": CYP.CommunityStrategy,
    "council plan": CYP.CouncilPlan,
    "local area agreement": CYP.LocalAreaAgreement,
    "statutory service plan": CYP.StatutoryServicePlan,
    "needs assessment": CYP.NeedsAssessment,
}
PLAN_TYPE_WORDS = {
    k
    for k in STRATEGY_TYPES
    if k in {"community strategy", "council plan", "local area agreement", "statutory service plan", "needs assessment"}
}


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its header, what goes in it, and its drop-down list if it has one."""

    name: str
    help: str
    required: bool = False
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sheet:
    """One sheet of the workbook."""

    name: str
    purpose: str
    columns: tuple[Column, ...]
    example: tuple[Any, ...]


def _c(name: str, help: str, required: bool = False, choices: Iterable[str] = ()) -> Column:
    return Column(name, help, required, tuple(choices))


SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "plan",
        "The plan itself: exactly one row.",
        (
            _c("id", "Short id: lower-case letters, digits, hyphens, e.g. medway-cypp-2019-2024", True),
            _c("title", "The plan's title as printed", True),
            _c("authority", "The council's id, e.g. medway, kent, milton-keynes (see `cypkg query`)", True),
            _c("period start", "First year the plan covers, e.g. 2019", True),
            _c("period end", "Last year the plan covers, e.g. 2024", True),
            _c("status", "draft, for consultation or approved", False, PLAN_STATUS),
            _c("as at", "The date this workbook is true at (meetings after it are scheduled, not held)"),
        ),
        (
            "example-cypp-2025-2028",
            "Example Children and Young People's Plan 2025-2028",
            "medway",
            2025,
            2028,
            "draft",
            dt.date(2025, 1, 31),
        ),
    ),
    Sheet(
        "outcomes",
        "The outcomes the plan seeks for children, one per row.",
        (
            _c("id", "Short id, e.g. medway-thriving", True),
            _c("outcome", "The outcome as the plan words it", True),
            _c("description", "Optional longer wording"),
        ),
        ("example-healthy-start", "A healthy start", "Children are born healthy and stay healthy."),
    ),
    Sheet(
        "priorities",
        "The plan's priorities; each contributes to an outcome from the outcomes sheet.",
        (
            _c("id", "Short id, e.g. medway-priority-1", True),
            _c("priority", "The priority as the plan words it", True),
            _c("outcome", "The id of the outcome it contributes to (outcomes sheet), or an Every Child Matters id"),
        ),
        ("example-priority-1", "Reduce childhood obesity", "example-healthy-start"),
    ),
    Sheet(
        "owners",
        "Who owns each priority: one row per priority and partner.",
        (
            _c("priority", "The priority's id (priorities sheet)", True),
            _c("partner", "The partner's id (partners sheet), or an authority id such as medway", True),
            _c("role", "lead or contributor", True, ROLES),
        ),
        ("example-priority-1", "example-nhs-trust", "lead"),
    ),
    Sheet(
        "indicators",
        "How progress is measured: one indicator per row, with its baseline and target.",
        (
            _c("id", "Short id, e.g. medway-obesity-year-6", True),
            _c("title", "What is measured", True),
            _c("priority", "The id of the priority it measures (priorities sheet)"),
            _c("unit", "e.g. percentage, rate per 10,000 children"),
            _c("baseline", "A number"),
            _c("baseline year", "The baseline's year, e.g. 2024"),
            _c("target", "A number"),
            _c("target year", "The year the target is for, e.g. 2028"),
        ),
        (
            "example-obesity-year-6",
            "Children in Year 6 who are obese",
            "example-priority-1",
            "percentage",
            21.5,
            2024,
            19,
            2028,
        ),
    ),
    Sheet(
        "meetings",
        "Meetings that consider the plan and what each decides.",
        (
            _c("id", "Short id, e.g. medway-hwb-2019-02-19", True),
            _c("body", "The id of the body that meets (partners sheet, type a board), e.g. medway-hwb", True),
            _c("date", "The meeting date (a date cell, or yyyy-mm-dd)", True),
            _c("status", "scheduled, held or cancelled", False, MEETING_STATUS),
            _c("decision", "What the meeting decides about the plan", False, DECISION_KINDS),
            _c("decision status", "recommended, resolved or intended", False, DECISION_STATUS),
            _c("description", "What was decided, as worded"),
        ),
        (
            "example-hwb-2025-03-04",
            "example-hwb",
            dt.date(2025, 3, 4),
            "scheduled",
            "comment",
            "recommended",
            "Comment on the draft plan",
        ),
    ),
    Sheet(
        "strategies",
        "Other plans and strategies the plan relates to.",
        (
            _c("id", "Short id, e.g. medway-send-strategy", True),
            _c("name", "The strategy's title as printed", True),
            _c("relation", "How it relates to this plan", True, RELATIONS),
            _c("type", "What kind of strategy or plan it is", False, STRATEGY_TYPES),
        ),
        ("example-send-strategy", "SEND and Inclusion Strategy", "feeds into the plan", "send and inclusion"),
    ),
    Sheet(
        "partners",
        "The partners and boards named in the other sheets.",
        (
            _c("id", "Short id, e.g. medway-police", True),
            _c("name", "The partner's name as printed", True),
            _c("type", "What kind of partner or board it is", True, PARTNER_TYPES),
            _c("code", "GSS or ODS code where known, e.g. E38000102"),
        ),
        ("example-nhs-trust", "Example NHS Foundation Trust", "nhs body", "RXX"),
    ),
)
SHEET_BY_NAME = {s.name: s for s in SHEETS}
# The example partner list also needs the example board that the example meeting refers to.
EXTRA_EXAMPLES = {"partners": [("example-hwb", "Example Health and Wellbeing Board", "health and wellbeing board", "")]}


# --- problems -----------------------------------------------------------------------------------


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

    def to_table(self) -> Table:
        return problems_table(self.problems)


def problems_table(problems: list[Problem]) -> Table:
    """Problems as a terminal table: where, value, what is wrong and how to fix it."""
    table = Table("severity", "sheet", "row", "column", "value", "problem", "how to fix", title="workbook problems")
    for p in problems:
        table.add_row(p.severity, p.sheet, str(p.row or ""), p.column or "", p.value, p.message, p.fix)
    return table


# --- reading ------------------------------------------------------------------------------------


@dataclass
class Row:
    """One data row: its number as the officer sees it (header is row 1) and its cells by column."""

    number: int
    cells: dict[str, Any]

    def text(self, column: str) -> str:
        value = self.cells.get(column)
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


# --- rows to RDF ------------------------------------------------------------------------------


KnownId = Callable[[URIRef], bool]


@dataclass
class Conversion:
    """The graph a workbook makes, the named graph it goes to, and what is wrong with it."""

    graph: Graph
    graph_name: str
    plan: URIRef | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def violations(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "Violation"]


def workbook_graph_name(plan_id: str) -> str:
    """The named graph a plan's workbook is imported into."""
    return f"{plan_id}-workbook"


class _Converter:
    def __init__(self, tables: Tables, known: KnownId) -> None:
        self.tables = tables
        self.known = known
        self.g = Graph()
        for prefix, ns in (("cyp", CYP), ("dcterms", DCTERMS), ("skos", SKOS), ("prov", PROV), ("org", ORG)):
            self.g.bind(prefix, ns)
        self.problems: list[Problem] = []
        self.ids: dict[str, tuple[str, int, URIRef]] = {}  # id -> (sheet, row, IRI)
        self.source: URIRef | None = None
        self.as_at: Literal | None = None

    def problem(
        self, row: Row | None, sheet: str, column: str | None, message: str, fix: str, severity: str = "Violation"
    ) -> None:
        value = row.text(column) if row is not None and column else ""
        self.problems.append(Problem(severity, sheet, row.number if row else None, column, value, message, fix))

    # cells
    def slug(self, row: Row, sheet: str, column: str) -> str | None:
        text = row.text(column)
        if not text:
            self.problem(row, sheet, column, "is empty", f"give every row an {column}")
            return None
        if not SLUG.match(text):
            suggestion = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
            self.problem(
                row,
                sheet,
                column,
                "is not a valid id",
                f"use lower-case letters, digits and hyphens only, e.g. {suggestion!r}",
            )
            return None
        return text

    def new_id(self, row: Row, sheet: str, kind: str) -> URIRef | None:
        ident = self.slug(row, sheet, "id")
        if ident is None:
            return None
        if ident in self.ids:
            other_sheet, other_row, _ = self.ids[ident]
            self.problem(
                row,
                sheet,
                "id",
                f"duplicate id (also {other_sheet!r} row {other_row})",
                "give each thing its own id; ids are unique across all sheets",
            )
            return None
        iri = ID[f"{kind}/{ident}"]
        self.ids[ident] = (sheet, row.number, iri)
        return iri

    def required_text(self, row: Row, sheet: str, column: str) -> str | None:
        text = row.text(column)
        if not text:
            self.problem(row, sheet, column, "is empty", f"fill in the {column}")
            return None
        return text

    def choice(self, row: Row, sheet: str, column: str, choices: dict[str, Any], *, required: bool = False) -> Any:
        text = row.text(column).lower().replace("’", "'")
        if not text:
            if required:
                self.problem(row, sheet, column, "is empty", f"choose one of: {', '.join(choices)}")
            return None
        if text not in choices:
            self.problem(row, sheet, column, f"unknown {column}", f"choose one of: {', '.join(choices)}")
            return None
        return choices[text]

    def year(self, row: Row, sheet: str, column: str, *, required: bool = False) -> Literal | None:
        text = row.text(column)
        if not text:
            if required:
                self.problem(row, sheet, column, "is empty", "give a four-digit year, e.g. 2025")
            return None
        if not re.fullmatch(r"\d{4}", text):
            self.problem(row, sheet, column, "is not a year", "give a four-digit year, e.g. 2025")
            return None
        return Literal(text, datatype=XSD.gYear)

    def number(self, row: Row, sheet: str, column: str) -> Literal | None:
        text = row.text(column)
        if not text:
            return None
        try:
            return Literal(Decimal(text.replace(",", "").rstrip("%").strip()), datatype=XSD.decimal)
        except InvalidOperation:
            self.problem(row, sheet, column, "is not a number", "give a number such as 21.5 (no words or units)")
            return None

    def day(self, row: Row, sheet: str, column: str) -> Literal | None:
        value = row.cells.get(column)
        if isinstance(value, dt.datetime):
            return Literal(value.date(), datatype=XSD.date)
        if isinstance(value, dt.date):
            return Literal(value, datatype=XSD.date)
        text = row.text(column)
        if not text:
            self.problem(row, sheet, column, "is empty", "give the date, e.g. 2025-03-04")
            return None
        for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
            try:
                return Literal(dt.datetime.strptime(text, fmt).date(), datatype=XSD.date)
            except ValueError:
                continue
        self.problem(
            row, sheet, column, "is not a date", "type a date such as 2025-03-04 or 04/03/2025, or use a date cell"
        )
        return None

    def reference(self, row: Row, sheet: str, column: str, kinds: tuple[str, ...], *, required: bool) -> URIRef | None:
        ident = row.text(column)
        if not ident:
            if required:
                self.problem(row, sheet, column, "is empty", f"give the id of a {' or '.join(kinds)}")
            return None
        if ident in self.ids:
            iri = self.ids[ident][2]
            if iri.split("/")[-2] in kinds:
                return iri
            self.problem(
                row,
                sheet,
                column,
                f"{ident!r} is a {iri.split('/')[-2]}, not a {' or '.join(kinds)}",
                f"give the id of a {' or '.join(kinds)}",
            )
            return None
        for kind in kinds:
            iri = ID[f"{kind}/{ident}"]
            if SLUG.match(ident) and self.known(iri):
                return iri
        where = {
            "organisation": "partners",
            "board": "partners",
            "outcome": "outcomes",
            "priority": "priorities",
            "authority": "reference data",
        }
        sheets = sorted({where.get(k, k) for k in kinds})
        self.problem(
            row,
            sheet,
            column,
            f"unknown {' or '.join(kinds)} id",
            f"add it to the {' or '.join(sheets)} sheet, or use an id already in the graph",
        )
        return None

    # sheets
    def convert(self) -> Conversion:
        plan = self.plan()
        if plan is not None:
            self.source = ID[f"report/{local_id(plan)}-workbook"]
        self.partners()
        self.outcomes(plan)
        self.priorities(plan)
        self.owners()
        self.indicators()
        self.meetings(plan)
        self.strategies(plan)
        if plan is not None and self.source is not None:
            self._provenance(plan)
        name = workbook_graph_name(local_id(plan)) if plan is not None else "workbook"
        return Conversion(self.g, name, plan, self.problems)

    def _provenance(self, plan: URIRef) -> None:
        """Each node points at the sheet it was read from (a cyp:Paragraph of the workbook document)."""
        g = self.g
        assert self.source is not None
        g.add((self.source, RDF.type, CYP.Report))
        g.add((self.source, DCTERMS.title, Literal(f"Plan workbook for {local_id(plan)}")))
        g.add((self.source, CYP.sourceFile, Literal(f"workbooks/{local_id(plan)}.xlsx")))
        g.add((self.source, DCTERMS.date, self.as_at or Literal(dt.date.today(), datatype=XSD.date)))
        sheet_of = {iri: sheet for sheet, _, iri in self.ids.values()}
        by_kind = {"target": "indicators", "decision": "meetings", "scheme": "outcomes"}
        for node in sorted({s for s in g.subjects() if isinstance(s, URIRef)} - {self.source}):
            kind = str(node).split("/")[-2]
            sheet = sheet_of.get(node) or by_kind.get(kind)
            if sheet is None:
                continue
            paragraph = ID[f"paragraph/{local_id(self.source)}-{sheet}"]
            g.add((node, PROV.wasDerivedFrom, paragraph))
            if (paragraph, RDF.type, CYP.Paragraph) not in g:
                g.add((paragraph, RDF.type, CYP.Paragraph))
                g.add((paragraph, CYP.paragraphNumber, Literal(sheet)))
                g.add((paragraph, DCTERMS.isPartOf, self.source))
                g.add((paragraph, CYP.text, Literal(f"The {sheet!r} sheet: {SHEET_BY_NAME[sheet].purpose}")))

    def plan(self) -> URIRef | None:
        rows = self.tables["plan"]
        if len(rows) != 1:
            self.problem(
                rows[1] if len(rows) > 1 else None,
                "plan",
                None,
                f"has {len(rows)} plan rows",
                "give exactly one plan row (row 2)",
            )
            if not rows:
                return None
        row = rows[0]
        plan = self.new_id(row, "plan", "plan")
        if plan is None:
            return None
        g = self.g
        g.add((plan, RDF.type, CYP.ChildrenAndYoungPeoplesPlan))
        if title := self.required_text(row, "plan", "title"):
            g.add((plan, DCTERMS.title, Literal(title)))
        if authority := self.reference(row, "plan", "authority", ("authority",), required=True):
            g.add((plan, CYP.authority, authority))
        start = self.year(row, "plan", "period start", required=True)
        end = self.year(row, "plan", "period end", required=True)
        if start is not None and end is not None and str(end) < str(start):
            self.problem(row, "plan", "period end", "is before the period start", "swap the years")
        for prop, value in ((CYP.periodStart, start), (CYP.periodEnd, end)):
            if value is not None:
                g.add((plan, prop, value))
        if status := self.choice(row, "plan", "status", PLAN_STATUS):
            g.add((plan, CYP.status, status))
        if row.text("as at"):
            self.as_at = self.day(row, "plan", "as at")
        return plan

    def partners(self) -> None:
        for row in self.tables["partners"]:
            kind_class = self.choice(row, "partners", "type", PARTNER_TYPES, required=True)
            kind = kind_class[0] if kind_class else "organisation"
            node = self.new_id(row, "partners", kind)
            if node is None or kind_class is None:
                continue
            self.g.add((node, RDF.type, kind_class[1]))
            if name := self.required_text(row, "partners", "name"):
                self.g.add((node, SKOS.prefLabel, Literal(name)))
            if code := row.text("code"):
                self.g.add((node, DCTERMS.identifier, Literal(code)))

    def outcomes(self, plan: URIRef | None) -> None:
        rows = self.tables["outcomes"]
        if not rows or plan is None:
            return
        scheme = ID[f"scheme/{local_id(plan)}-outcomes"]
        g = self.g
        g.add((scheme, RDF.type, CYP.OutcomeFramework))
        g.add((scheme, SKOS.prefLabel, Literal(f"Outcomes of {local_id(plan)}")))
        g.add((plan, CYP.outcomeFramework, scheme))
        for row in rows:
            node = self.new_id(row, "outcomes", "outcome")
            if node is None:
                continue
            g.add((node, RDF.type, CYP.Outcome))
            g.add((node, SKOS.inScheme, scheme))
            g.add((plan, CYP.hasOutcome, node))
            if label := self.required_text(row, "outcomes", "outcome"):
                g.add((node, SKOS.prefLabel, Literal(label)))
            if text := row.text("description"):
                g.add((node, SKOS.definition, Literal(text)))

    def priorities(self, plan: URIRef | None) -> None:
        g = self.g
        for row in self.tables["priorities"]:
            node = self.new_id(row, "priorities", "priority")
            if node is None:
                continue
            g.add((node, RDF.type, CYP.Priority))
            if plan is not None:
                g.add((node, CYP.priorityOf, plan))
            if label := self.required_text(row, "priorities", "priority"):
                g.add((node, SKOS.prefLabel, Literal(label)))
            if outcome := self.reference(row, "priorities", "outcome", ("outcome",), required=False):
                g.add((node, CYP.contributesTo, outcome))

    def owners(self) -> None:
        owned: set[URIRef] = set()
        seen: dict[tuple[URIRef, URIRef], int] = {}
        for row in self.tables["owners"]:
            priority = self.reference(row, "owners", "priority", ("priority",), required=True)
            partner = self.reference(row, "owners", "partner", ("organisation", "board", "authority"), required=True)
            role = self.choice(row, "owners", "role", ROLES, required=True)
            if priority is None or partner is None or role is None:
                continue
            if (priority, partner) in seen:
                self.problem(
                    row,
                    "owners",
                    "partner",
                    f"repeats row {seen[(priority, partner)]}",
                    "list each priority and partner once, with one role",
                    "Warning",
                )
            seen[(priority, partner)] = row.number
            self.g.add((priority, role, partner))
            owned.add(priority)
        for ident, (sheet, number, iri) in self.ids.items():
            if sheet == "priorities" and iri not in owned:
                row = next(r for r in self.tables["priorities"] if r.number == number)
                self.problem(
                    row,
                    "priorities",
                    "id",
                    f"priority {ident!r} has no owner",
                    "add a row on the owners sheet naming its lead partner",
                )

    def indicators(self) -> None:
        g = self.g
        for row in self.tables["indicators"]:
            node = self.new_id(row, "indicators", "indicator")
            if node is None:
                continue
            g.add((node, RDF.type, CYP.Indicator))
            if title := self.required_text(row, "indicators", "title"):
                g.add((node, SKOS.prefLabel, Literal(title)))
            if priority := self.reference(row, "indicators", "priority", ("priority",), required=False):
                g.add((priority, CYP.measuredBy, node))
            if unit := row.text("unit"):
                g.add((node, CYP.unit, Literal(unit)))
            for which, value_col, year_col in (
                ("baseline", "baseline", "baseline year"),
                ("target", "target", "target year"),
            ):
                value = self.number(row, "indicators", value_col)
                year = self.year(row, "indicators", year_col)
                if value is None and year is None:
                    continue
                if value is None:
                    self.problem(
                        row,
                        "indicators",
                        value_col,
                        f"{year_col} given without a {value_col}",
                        f"give the {value_col} value or clear the {year_col}",
                    )
                    continue
                target = ID[f"target/{local_id(node)}-{which}"]
                g.add((target, RDF.type, CYP.Target))
                g.add((target, RDFS.label, Literal(which)))
                g.add((target, CYP.targetFor, node))
                g.add((target, CYP.value, value))
                if year is not None:
                    g.add((target, CYP.year, year))

    def meetings(self, plan: URIRef | None) -> None:
        g = self.g
        for row in self.tables["meetings"]:
            node = self.new_id(row, "meetings", "meeting")
            body = self.reference(row, "meetings", "body", ("board",), required=True)
            day = self.day(row, "meetings", "date")
            status = self.choice(row, "meetings", "status", MEETING_STATUS)
            kind = self.choice(row, "meetings", "decision", DECISION_KINDS)
            decision_status = self.choice(row, "meetings", "decision status", DECISION_STATUS)
            if node is None:
                continue
            g.add((node, RDF.type, CYP.Meeting))
            if body is not None:
                g.add((node, CYP.body, body))
            if day is not None:
                g.add((node, CYP.meetingDate, day))
            if status is not None:
                g.add((node, CYP.meetingStatus, status))
            description = row.text("description")
            if kind is None and (decision_status is not None or description):
                self.problem(
                    row,
                    "meetings",
                    "decision",
                    "decision details given without a decision",
                    f"choose the decision: {', '.join(DECISION_KINDS)}",
                )
                continue
            if kind is not None:
                decision = ID[f"decision/{local_id(node)}-decision"]
                g.add((decision, RDF.type, CYP.Decision))
                g.add((decision, CYP.madeAt, node))
                g.add((decision, CYP.decisionKind, kind))
                if plan is not None:
                    g.add((decision, CYP.about, plan))
                if decision_status is not None:
                    g.add((decision, CYP.decisionStatus, decision_status))
                if description:
                    g.add((decision, DCTERMS.description, Literal(description)))

    def strategies(self, plan: URIRef | None) -> None:
        g = self.g
        for row in self.tables["strategies"]:
            node = self.new_id(row, "strategies", "plan")
            relation = self.choice(row, "strategies", "relation", RELATIONS, required=True)
            kind = self.choice(row, "strategies", "type", STRATEGY_TYPES)
            if node is None or relation is None:
                continue
            prop, strategy_is_subject, cls = relation
            g.add((node, RDF.type, cls))
            if name := self.required_text(row, "strategies", "name"):
                g.add((node, DCTERMS.title, Literal(name)))
            if kind is not None:
                is_plan_type = row.text("type").lower() in PLAN_TYPE_WORDS
                g.add((node, CYP.planType if is_plan_type else CYP.strategyType, kind))
            if plan is not None:
                g.add((node, prop, plan) if strategy_is_subject else (plan, prop, node))


def convert(tables: Tables, known: KnownId) -> Conversion:
    """Turn rows into the plan's graph, collecting every problem instead of stopping at the first."""
    return _Converter(tables, known).convert()


def store_knows(store: Any) -> KnownId:
    """A `known` check that asks the store whether an id is described there (bound, never pasted)."""

    def known(iri: URIRef) -> bool:
        return store.ask("ASK { ?s ?p ?o }", {"s": iri})

    return known


@dataclass
class ImportResult:
    """What `cypkg import` did (or, with --dry-run, would do)."""

    conversion: Conversion
    report: Any
    written: bool


def import_plan(store: Any, path: Path, *, dry_run: bool = False, tables: Tables | None = None) -> ImportResult:
    """Read a workbook or CSV folder, refuse it on any Violation, else write its graph through the SHACL gate.

    `tables` are the already-read rows of `path`, when the caller read them first to fail fast.
    """
    from kg.errors import ValidationFailed
    from kg.validation.gate import check_write, write_graph

    conversion = convert(tables if tables is not None else read_tables(path), store_knows(store))
    if conversion.violations:
        raise WorkbookInvalid(conversion.problems, file=str(path))
    if dry_run:
        report = check_write(store, conversion.graph_name, conversion.graph, mode="replace")
        if not report.conforms:
            raise ValidationFailed(report, graph=conversion.graph_name)
        return ImportResult(conversion, report, written=False)
    report = write_graph(store, conversion.graph_name, conversion.graph, mode="replace")
    return ImportResult(conversion, report, written=True)


# --- writing workbooks ----------------------------------------------------------------------------


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
            if column.choices and column.name not in list_ranges:
                col += 1
                letter = get_column_letter(col)
                lists.cell(1, col, column.name).font = Font(bold=True)
                for i, word in enumerate(column.choices, start=2):
                    lists.cell(i, col, word)
                list_ranges[column.name + sheet.name] = f"{LISTS}!${letter}$2:${letter}${len(column.choices) + 1}"
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
            if column.choices:
                dv = DataValidation(
                    type="list",
                    formula1=f"={list_ranges.get(column.name + sheet.name) or _first_range(list_ranges, column.name)}",
                    allow_blank=not column.required,
                    showErrorMessage=True,
                    errorTitle=f"Not a {column.name}",
                    error=f"Choose one of: {', '.join(column.choices)}",
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


# --- export -------------------------------------------------------------------------------------


def _word(mapping: dict[str, Any], term: Any) -> str:
    for word, value in mapping.items():
        if value == term or (isinstance(value, tuple) and term in value):
            return word
    return ""


_EXPORT_QUERIES = {
    "plan": """SELECT ?plan ?title ?authority ?start ?end ?status WHERE {
        ?plan a cyp:Plan . OPTIONAL { ?plan dcterms:title ?title } OPTIONAL { ?plan cyp:authority ?authority }
        OPTIONAL { ?plan cyp:periodStart ?start } OPTIONAL { ?plan cyp:periodEnd ?end }
        OPTIONAL { ?plan cyp:status ?status } } LIMIT 1""",
    "as at": "SELECT ?report ?date WHERE { ?report dcterms:date ?date }",
    "outcomes": """SELECT DISTINCT ?plan ?outcome ?label ?definition WHERE { ?plan cyp:hasOutcome ?outcome .
        OPTIONAL { ?outcome skos:prefLabel ?label } OPTIONAL { ?outcome skos:definition ?definition } }
        ORDER BY ?outcome""",
    "priorities": """SELECT DISTINCT ?plan ?priority ?label ?outcome WHERE { ?priority cyp:priorityOf ?plan .
        OPTIONAL { ?priority skos:prefLabel ?label } OPTIONAL { ?priority cyp:contributesTo ?outcome } }
        ORDER BY ?priority""",
    "owners": """SELECT DISTINCT ?plan ?priority ?partner ?role WHERE { ?priority cyp:priorityOf ?plan .
        VALUES ?role { cyp:leadPartner cyp:contributingPartner } ?priority ?role ?partner }
        ORDER BY ?priority ?partner""",
    "indicators": """SELECT DISTINCT ?plan ?indicator ?label ?priority ?unit WHERE { ?priority cyp:priorityOf ?plan ;
        cyp:measuredBy ?indicator . OPTIONAL { ?indicator skos:prefLabel ?label }
        OPTIONAL { ?indicator cyp:unit ?unit } } ORDER BY ?indicator""",
    "targets": """SELECT ?indicator ?target ?label ?value ?year WHERE {
        ?target cyp:targetFor ?indicator ; cyp:value ?value .
        OPTIONAL { ?target rdfs:label ?label } OPTIONAL { ?target cyp:year ?year } } ORDER BY ?target""",
    "meetings": """SELECT DISTINCT ?plan ?meeting ?body ?date ?status ?kind ?dstatus ?description WHERE {
        ?decision cyp:about ?plan ; cyp:madeAt ?meeting . OPTIONAL { ?meeting cyp:body ?body }
        OPTIONAL { ?meeting cyp:meetingDate ?date } OPTIONAL { ?meeting cyp:meetingStatus ?status }
        OPTIONAL { ?decision cyp:decisionKind ?kind } OPTIONAL { ?decision cyp:decisionStatus ?dstatus }
        OPTIONAL { ?decision dcterms:description ?description } } ORDER BY ?date ?meeting""",
    "strategies": """SELECT DISTINCT ?plan ?strategy ?name ?relation ?stype ?ptype WHERE {
        { ?strategy cyp:feedsInto ?plan BIND(cyp:feedsInto AS ?relation) }
        UNION { VALUES ?relation { cyp:alignsWith dcterms:replaces cyp:supersedes cyp:contributesToPlan }
                ?plan ?relation ?strategy }
        OPTIONAL { ?strategy dcterms:title ?name } OPTIONAL { ?strategy cyp:strategyType ?stype }
        OPTIONAL { ?strategy cyp:planType ?ptype } } ORDER BY ?strategy""",
    "partner": """SELECT ?partner ?name ?type ?code WHERE { OPTIONAL { ?partner skos:prefLabel ?name }
        OPTIONAL { ?partner a ?type } OPTIONAL { ?partner dcterms:identifier ?code } }""",
}


def export_rows(store: Any, plan_id: str) -> dict[str, list[tuple[Any, ...]]]:
    """A plan in the store as rows per sheet: the reverse of `convert`."""
    from kg.errors import UnknownIdError

    plan = ID[f"plan/{plan_id}"]
    found = store.select(_EXPORT_QUERIES["plan"], {"plan": plan})
    if not found:
        raise UnknownIdError("plan", plan_id, hint='`cypkg sparql "SELECT ?p WHERE { ?p a cyp:Plan }"` lists plans')

    def q(name: str, **extra: URIRef) -> list[dict]:
        return store.select(_EXPORT_QUERIES[name], {"plan": plan, **extra})

    def s(term: Any) -> Any:
        return "" if term is None else str(term)

    p = found[0]
    as_at = store.select(_EXPORT_QUERIES["as at"], {"report": ID[f"report/{plan_id}-workbook"]})
    out: dict[str, list[tuple[Any, ...]]] = {sheet.name: [] for sheet in SHEETS}
    out["plan"].append(
        (
            plan_id,
            s(p.get("title")),
            _id(p.get("authority")),
            _year(p.get("start")),
            _year(p.get("end")),
            _word(PLAN_STATUS, p.get("status")),
            as_at[0]["date"].toPython() if as_at else "",
        )
    )
    for r in q("outcomes"):
        out["outcomes"].append((_id(r["outcome"]), s(r.get("label")), s(r.get("definition"))))
    for r in q("priorities"):
        out["priorities"].append((_id(r["priority"]), s(r.get("label")), _id(r.get("outcome"))))
    partners: set[URIRef] = set()
    for r in q("owners"):
        out["owners"].append((_id(r["priority"]), _id(r["partner"]), _word(ROLES, r["role"])))
        partners.add(r["partner"])
    for r in q("indicators"):
        values: dict[str, tuple[Any, Any]] = {}
        for t in store.select(_EXPORT_QUERIES["targets"], {"indicator": r["indicator"]}):
            which = "baseline" if str(t.get("label", "")) == "baseline" else "target"
            values[which] = (t["value"].toPython(), _year(t.get("year")))
        base, target = values.get("baseline", ("", "")), values.get("target", ("", ""))
        out["indicators"].append(
            (
                _id(r["indicator"]),
                s(r.get("label")),
                _id(r["priority"]),
                s(r.get("unit")),
                _num(base[0]),
                base[1],
                _num(target[0]),
                target[1],
            )
        )
    for r in q("meetings"):
        day = r.get("date")
        date_value = day.toPython() if day is not None else ""
        out["meetings"].append(
            (
                _id(r["meeting"]),
                _id(r.get("body")),
                date_value,
                _word(MEETING_STATUS, r.get("status")),
                _word(DECISION_KINDS, r.get("kind")),
                _word(DECISION_STATUS, r.get("dstatus")),
                s(r.get("description")),
            )
        )
        if r.get("body") is not None:
            partners.add(r["body"])
    for r in q("strategies"):
        relation = next(w for w, (prop, _, _) in RELATIONS.items() if prop == r["relation"])
        kind = r.get("stype") or r.get("ptype")
        out["strategies"].append((_id(r["strategy"]), s(r.get("name")), relation, _word(STRATEGY_TYPES, kind)))
    for partner in sorted(partners):
        if "/authority/" in str(partner):
            continue
        rows = store.select(_EXPORT_QUERIES["partner"], {"partner": partner})
        types = {r.get("type") for r in rows}
        word = _partner_word(types)
        name = next((str(r["name"]) for r in rows if r.get("name") is not None), "")
        code = next((str(r["code"]) for r in rows if r.get("code") is not None), "")
        out["partners"].append((_id(partner), name, word, code))
    return out


def _partner_word(types: set[Any]) -> str:
    """The most specific partner type among a node's (asserted and inferred) classes."""
    generic = {ORG.Organization, CYP.Body}
    for allow_generic in (False, True):
        for word, (_, cls) in PARTNER_TYPES.items():
            if cls in types and (allow_generic or cls not in generic):
                return word
    return ""


def _id(term: Any) -> str:
    return local_id(str(term)) if term is not None else ""


def _year(term: Any) -> Any:
    return (
        int(str(term))
        if term is not None and re.fullmatch(r"\d{4}", str(term))
        else ("" if term is None else str(term))
    )


def _num(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def export_plan(store: Any, plan_id: str, path: Path) -> Path:
    """`cypkg export PLAN plan.xlsx`: the plan as a workbook that imports back to the same graph."""
    return write_workbook(path, export_rows(store, plan_id))
