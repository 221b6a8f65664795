"""Checked rows to the plan's graph, and the import through the SHACL gate.

The graph is deterministic (IRIs from the ids in the sheets), so exporting a plan and importing the
export gives the same graph. What needs more than one row is checked here: ids unique across the
sheets, references to other rows or to the store. Every problem is collected, and nothing is
written while any Violation remains; what is only missing (a priority with no owner, a meeting with
no date) is a Warning, recorded as a gap and never filled in.

The workbook is a source like a report: a cyp:Report (the file) whose paragraphs are its rows, and
every node `prov:wasDerivedFrom` the row it was read from. What the workbook says about the plan
(title as written, period, status) and about each meeting (its status) is a dated cyp:PlanStatement
or cyp:MeetingStatement as at the workbook's "as at" date, as the seed graphs do; the plan node
keeps only its identity. A plan of a fictional authority (cyp:fictional true in the store) is
fictional throughout, so named queries leave it out unless examples are asked for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeVar

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef

from kg.errors import ValidationFailed
from kg.imports.workbook.problems import Problem, WorkbookInvalid
from kg.imports.workbook.read import Row, Tables, read_tables
from kg.imports.workbook.rows import (
    IndicatorRow,
    MeetingRow,
    OutcomeRow,
    OwnerRow,
    PartnerRow,
    PlanRow,
    PriorityRow,
    SheetRow,
    StrategyRow,
)
from kg.imports.workbook.schema import (
    DECISION_KINDS,
    RELATIONS,
    SHEET_BY_NAME,
    STRATEGY_TYPES,
    partner_kind,
)
from kg.namespaces import CYP, DCTERMS, ID, ORG, PROV, SKOS, SLUG, local_id
from kg.store.protocol import Store
from kg.validation.gate import check_write, write_graph
from kg.validation.shapes import ValidationReport

_R = TypeVar("_R", bound=SheetRow)
_ROW = re.compile(r"^(?P<sheet>[a-z]+) row (?P<row>\d+)$")


class Lookup(Protocol):
    """What the conversion asks of the store: is an id described there, and is it fictional."""

    def known(self, iri: URIRef) -> bool: ...

    def fictional(self, iri: URIRef) -> bool: ...


def row_locator(sheet: str, number: int) -> str:
    """A row's paragraph number, as the officer finds it: "meetings row 3"."""
    return f"{sheet} row {number}"


def parse_row_locator(text: str) -> tuple[str, int] | None:
    """The sheet and row of a paragraph number written by `row_locator`, or None for any other."""
    m = _ROW.match(text)
    return (m["sheet"], int(m["row"])) if m else None


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
    def __init__(self, tables: Tables, lookup: Lookup, file: str) -> None:
        self.tables = tables
        self.lookup = lookup
        self.file = file
        self.g = Graph()
        for prefix, ns in (("cyp", CYP), ("dcterms", DCTERMS), ("skos", SKOS), ("prov", PROV), ("org", ORG)):
            self.g.bind(prefix, ns)
        self.problems: list[Problem] = []
        self.ids: dict[str, tuple[str, int, URIRef]] = {}  # id -> (sheet, row, IRI)
        self.rows_of: dict[URIRef, set[tuple[str, int]]] = {}  # node -> the rows it was read from
        self.source: URIRef | None = None
        self.as_at: Literal | None = None

    def read_from(self, node: URIRef, sheet: str, row: Row) -> None:
        """`node` was read from this row (its provenance, added in `_provenance`)."""
        self.rows_of.setdefault(node, set()).add((sheet, row.number))

    def statement(self, node: URIRef, kind: URIRef, sheet: str, row: Row) -> URIRef:
        """The workbook's dated statement about a plan or meeting (one per source per node)."""
        assert self.source is not None
        statement = ID[f"statement/{local_id(self.source)}-{local_id(node)}"]
        self.g.add((statement, RDF.type, kind))
        self.g.add((statement, CYP.describes, node))
        self.read_from(statement, sheet, row)
        return statement

    def problem(
        self, row: Row | None, sheet: str, column: str | None, message: str, fix: str, severity: str = "Violation"
    ) -> None:
        value = row.text(column) if row is not None and column else ""
        self.problems.append(Problem(severity, sheet, row.number if row else None, column, value, message, fix))

    def rows(self, sheet: str, model: type[_R]) -> list[tuple[Row, _R]]:
        """The sheet's rows, each checked cell by cell (rows.SheetRow.check); the problems are kept."""
        checked = []
        for row in self.tables[sheet]:
            cells, problems = model.check(sheet, row)
            self.problems += problems
            checked.append((row, cells))
        return checked

    # ids and references
    def new_id(self, row: Row, sheet: str, kind: str, ident: str | None) -> URIRef | None:
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

    def reference(
        self, row: Row, sheet: str, column: str, ident: str | None, kinds: tuple[str, ...], *, required: bool
    ) -> URIRef | None:
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
            if SLUG.match(ident) and self.lookup.known(iri):
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
        self.partners()
        self.outcomes(plan)
        self.priorities(plan)
        self.owners()
        self.indicators()
        self.strategies(plan)
        self.meetings(plan)
        if plan is not None and self.source is not None:
            self._provenance(plan)
            self._fictional(plan)
        name = workbook_graph_name(local_id(plan)) if plan is not None else "workbook"
        return Conversion(self.g, name, plan, self.problems)

    def _provenance(self, plan: URIRef) -> None:
        """The workbook as a source document, its rows as paragraphs, each node derived from its rows."""
        g = self.g
        assert self.source is not None
        g.add((self.source, RDF.type, CYP.Report))
        g.add((self.source, DCTERMS.title, Literal(f"Plan workbook for {local_id(plan)}")))
        g.add((self.source, DCTERMS.subject, plan))
        g.add((self.source, CYP.sourceFile, Literal(self.file)))
        if self.as_at is not None:  # an undated workbook has no date (a SHACL Warning), never today's
            g.add((self.source, DCTERMS.date, self.as_at))
        for node, rows in sorted(self.rows_of.items()):
            for sheet, number in sorted(rows):
                paragraph = ID[f"paragraph/{local_id(self.source)}-{sheet}-row-{number}"]
                g.add((node, PROV.wasDerivedFrom, paragraph))
                if (paragraph, RDF.type, CYP.Paragraph) in g:
                    continue
                g.add((paragraph, RDF.type, CYP.Paragraph))
                g.add((paragraph, CYP.paragraphNumber, Literal(row_locator(sheet, number))))
                g.add((paragraph, DCTERMS.isPartOf, self.source))
                purpose = SHEET_BY_NAME[sheet].purpose
                g.add((paragraph, CYP.text, Literal(f"Row {number} of the {sheet!r} sheet of {self.file}: {purpose}")))

    def _fictional(self, plan: URIRef) -> None:
        """A plan of a fictional authority is example data: every node of its graph says so."""
        authority = self.g.value(plan, CYP.authority)
        if not isinstance(authority, URIRef) or not self.lookup.fictional(authority):
            return
        for node in sorted({s for s in self.g.subjects() if isinstance(s, URIRef)}):
            self.g.add((node, CYP.fictional, Literal(True)))

    def plan(self) -> URIRef | None:
        rows = self.rows("plan", PlanRow)
        if len(rows) != 1:
            self.problem(
                rows[1][0] if len(rows) > 1 else None,
                "plan",
                None,
                f"has {len(rows)} plan rows",
                "give exactly one plan row (row 2)",
            )
            if not rows:
                return None
        row, cells = rows[0]
        plan = self.new_id(row, "plan", "plan", cells.id)
        if plan is None:
            return None
        self.source = ID[f"report/{local_id(plan)}-workbook"]
        self.as_at = cells.as_at
        g = self.g
        g.add((plan, RDF.type, CYP.ChildrenAndYoungPeoplesPlan))
        self.read_from(plan, "plan", row)
        if authority := self.reference(row, "plan", "authority", cells.authority, ("authority",), required=True):
            g.add((plan, CYP.authority, authority))
        statement = self.statement(plan, CYP.PlanStatement, "plan", row)
        if self.as_at is not None:
            g.add((statement, CYP.asAt, self.as_at))
        if cells.title:
            g.add((plan, DCTERMS.title, Literal(cells.title)))
            g.add((statement, DCTERMS.title, Literal(cells.title)))
        start, end = cells.period_start, cells.period_end
        if start is not None and end is not None and str(end)[:4] < str(start)[:4]:
            self.problem(row, "plan", "period end", "is before the period start", "swap the years")
        for prop, when in ((CYP.periodStart, start), (CYP.periodEnd, end)):
            if when is not None:
                g.add((statement, prop, when))
        if cells.status is not None:
            g.add((statement, CYP.status, cells.status))
        return plan

    def partners(self) -> None:
        for row, cells in self.rows("partners", PartnerRow):
            kind = partner_kind(cells.type) if cells.type is not None else "organisation"
            node = self.new_id(row, "partners", kind, cells.id)
            if node is None or cells.type is None:
                continue
            self.read_from(node, "partners", row)
            self.g.add((node, RDF.type, cells.type))
            if cells.name:
                self.g.add((node, SKOS.prefLabel, Literal(cells.name)))
            if cells.code:
                self.g.add((node, DCTERMS.identifier, Literal(cells.code)))

    def outcomes(self, plan: URIRef | None) -> None:
        rows = self.rows("outcomes", OutcomeRow)
        if not rows or plan is None:
            return
        scheme = ID[f"scheme/{local_id(plan)}-outcomes"]
        g = self.g
        g.add((scheme, RDF.type, CYP.OutcomeFramework))
        g.add((scheme, SKOS.prefLabel, Literal(f"Outcomes of {local_id(plan)}")))
        g.add((plan, CYP.outcomeFramework, scheme))
        for row, cells in rows:
            self.read_from(scheme, "outcomes", row)
            node = self.new_id(row, "outcomes", "outcome", cells.id)
            if node is None:
                continue
            self.read_from(node, "outcomes", row)
            g.add((node, RDF.type, CYP.Outcome))
            g.add((node, SKOS.inScheme, scheme))
            g.add((plan, CYP.hasOutcome, node))
            if cells.outcome:
                g.add((node, SKOS.prefLabel, Literal(cells.outcome)))
            if cells.description:
                g.add((node, SKOS.definition, Literal(cells.description)))

    def priorities(self, plan: URIRef | None) -> None:
        g = self.g
        for row, cells in self.rows("priorities", PriorityRow):
            node = self.new_id(row, "priorities", "priority", cells.id)
            if node is None:
                continue
            self.read_from(node, "priorities", row)
            g.add((node, RDF.type, CYP.Priority))
            if plan is not None:
                g.add((node, CYP.priorityOf, plan))
            if cells.priority:
                g.add((node, SKOS.prefLabel, Literal(cells.priority)))
            if outcome := self.reference(row, "priorities", "outcome", cells.outcome, ("outcome",), required=False):
                g.add((node, CYP.contributesTo, outcome))

    def owners(self) -> None:
        owned: set[URIRef] = set()
        seen: dict[tuple[URIRef, URIRef], int] = {}
        for row, cells in self.rows("owners", OwnerRow):
            priority = self.reference(row, "owners", "priority", cells.priority, ("priority",), required=True)
            partner = self.reference(
                row, "owners", "partner", cells.partner, ("organisation", "board", "authority"), required=True
            )
            if priority is None or partner is None or cells.role is None:
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
            self.g.add((priority, cells.role, partner))
            owned.add(priority)
        for ident, (sheet, number, iri) in self.ids.items():
            if sheet == "priorities" and iri not in owned:
                row = next(r for r in self.tables["priorities"] if r.number == number)
                self.problem(
                    row,
                    "priorities",
                    "id",
                    f"priority {ident!r} has no owner",
                    "if the plan names who leads it, add a row on the owners sheet; if it names no one, leave it:"
                    " the gap is recorded (named query unowned_priorities), never filled in",
                    "Warning",
                )

    def indicators(self) -> None:
        g = self.g
        for row, cells in self.rows("indicators", IndicatorRow):
            node = self.new_id(row, "indicators", "indicator", cells.id)
            if node is None:
                continue
            self.read_from(node, "indicators", row)
            g.add((node, RDF.type, CYP.Indicator))
            if cells.title:
                g.add((node, SKOS.prefLabel, Literal(cells.title)))
            if priority := self.reference(row, "indicators", "priority", cells.priority, ("priority",), required=False):
                g.add((priority, CYP.measuredBy, node))
            if cells.unit:
                g.add((node, CYP.unit, Literal(cells.unit)))
            for which, value, year, year_col in (
                ("baseline", cells.baseline, cells.baseline_year, "baseline year"),
                ("target", cells.target, cells.target_year, "target year"),
            ):
                if value is None and year is None:
                    continue
                if value is None:
                    self.problem(
                        row,
                        "indicators",
                        which,
                        f"{year_col} given without a {which}",
                        f"give the {which} value or clear the {year_col}",
                    )
                    continue
                target = ID[f"target/{local_id(node)}-{which}"]
                self.read_from(target, "indicators", row)
                g.add((target, RDF.type, CYP.Target))
                g.add((target, RDFS.label, Literal(which)))
                g.add((target, CYP.targetFor, node))
                g.add((target, CYP.value, Literal(value, datatype=XSD.decimal)))
                if year is not None:
                    g.add((target, CYP.year, Literal(year, datatype=XSD.gYear)))

    def meetings(self, plan: URIRef | None) -> None:
        g = self.g
        for row, cells in self.rows("meetings", MeetingRow):
            node = self.new_id(row, "meetings", "meeting", cells.id)
            body = self.reference(row, "meetings", "body", cells.body, ("board",), required=True)
            if node is None:
                continue
            self.read_from(node, "meetings", row)
            g.add((node, RDF.type, CYP.Meeting))
            if body is not None:
                g.add((node, CYP.body, body))
            if cells.date is not None:
                g.add((node, CYP.meetingDate, cells.date))
            else:
                self.problem(
                    row,
                    "meetings",
                    "date",
                    f"meeting {cells.id!r} has no date",
                    "if the source prints a date, month or year, give it; if it prints none, leave it empty:"
                    " the meeting is kept undated (named query undated_meetings), never given a made-up date",
                    "Warning",
                )
            if cells.status is not None and self.source is not None:
                statement = self.statement(node, CYP.MeetingStatement, "meetings", row)
                g.add((statement, CYP.meetingStatus, cells.status))
                if self.as_at is not None:
                    g.add((statement, CYP.asAt, self.as_at))
            about = self.reference(
                row, "meetings", "about", cells.about, ("plan", "outcome", "priority", "board"), required=False
            )
            if cells.decision is None and (cells.decision_status is not None or cells.description or about):
                self.problem(
                    row,
                    "meetings",
                    "decision",
                    "decision details given without a decision",
                    f"choose the decision: {', '.join(DECISION_KINDS.words)}",
                )
                continue
            if cells.decision is not None:
                decision = ID[f"decision/{local_id(node)}-decision"]
                self.read_from(decision, "meetings", row)
                g.add((decision, RDF.type, CYP.Decision))
                g.add((decision, CYP.madeAt, node))
                g.add((decision, CYP.decisionKind, cells.decision))
                target = about or plan
                if target is not None:
                    g.add((decision, CYP.about, target))
                if cells.decision_status is not None:
                    g.add((decision, CYP.decisionStatus, cells.decision_status))
                if cells.description:
                    g.add((decision, DCTERMS.description, Literal(cells.description)))

    def strategies(self, plan: URIRef | None) -> None:
        g = self.g
        for row, cells in self.rows("strategies", StrategyRow):
            node = self.new_id(row, "strategies", "plan", cells.id)
            if node is None or cells.relation is None:
                continue
            self.read_from(node, "strategies", row)
            prop, strategy_is_subject, cls = next(r for r in RELATIONS.values() if r[0] == cells.relation)
            g.add((node, RDF.type, cls))
            if cells.name:
                g.add((node, DCTERMS.title, Literal(cells.name)))
            if cells.type is not None:
                is_plan_type = STRATEGY_TYPES.scheme_of(cells.type) == "PlanTypeScheme"
                g.add((node, CYP.planType if is_plan_type else CYP.strategyType, cells.type))
            if plan is not None:
                g.add((node, prop, plan) if strategy_is_subject else (plan, prop, node))


def convert(tables: Tables, lookup: Lookup, *, file: str) -> Conversion:
    """Turn rows into the plan's graph, collecting every problem instead of stopping at the first.

    `file` is the workbook's file (or CSV folder) name, recorded as the source's cyp:sourceFile.
    """
    return _Converter(tables, lookup, file).convert()


@dataclass(frozen=True)
class StoreLookup:
    """The store's answers to the conversion's questions (values bound, never pasted)."""

    store: Store

    def known(self, iri: URIRef) -> bool:
        return self.store.ask("ASK { ?s ?p ?o }", {"s": iri})

    def fictional(self, iri: URIRef) -> bool:
        return self.store.ask("ASK { ?s cyp:fictional true }", {"s": iri})


def store_lookup(store: Store) -> StoreLookup:
    """The lookup a conversion uses to resolve ids against this store."""
    return StoreLookup(store)


@dataclass
class ImportResult:
    """What `cypkg import` did (or, with --dry-run, would do)."""

    conversion: Conversion
    report: ValidationReport
    written: bool


def import_plan(store: Store, path: Path, *, dry_run: bool = False, tables: Tables | None = None) -> ImportResult:
    """Read a workbook or CSV folder, refuse it on any Violation, else write its graph through the SHACL gate.

    `tables` are the already-read rows of `path`, when the caller read them first to fail fast.
    """
    conversion = convert(tables if tables is not None else read_tables(path), store_lookup(store), file=path.name)
    if conversion.violations:
        raise WorkbookInvalid(conversion.problems, file=str(path))
    if dry_run:
        report = check_write(store, conversion.graph_name, conversion.graph, mode="replace")
        if not report.conforms:
            raise ValidationFailed(report, graph=conversion.graph_name)
        return ImportResult(conversion, report, written=False)
    report = write_graph(store, conversion.graph_name, conversion.graph, mode="replace")
    return ImportResult(conversion, report, written=True)
