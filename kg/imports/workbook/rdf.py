"""Checked rows to the plan's graph, and the import through the SHACL gate.

The graph is deterministic (IRIs from the ids in the sheets), so exporting a plan and importing the
export gives the same graph. What needs more than one row is checked here: ids unique across the
sheets, references to other rows or to the store, every priority with an owner. Every problem is
collected, and nothing is written while any Violation remains.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

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
    DCTERMS,
    DECISION_KINDS,
    DECISION_STATUS,
    MEETING_STATUS,
    ORG,
    PARTNER_TYPES,
    PLAN_STATUS,
    PLAN_TYPE_WORDS,
    PROV,
    RELATIONS,
    ROLES,
    SHEET_BY_NAME,
    SKOS,
    STRATEGY_TYPES,
)
from kg.namespaces import CYP, ID, SLUG, local_id
from kg.store.protocol import Store
from kg.validation.gate import check_write, write_graph
from kg.validation.shapes import ValidationReport

KnownId = Callable[[URIRef], bool]
_R = TypeVar("_R", bound=SheetRow)


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
        g = self.g
        g.add((plan, RDF.type, CYP.ChildrenAndYoungPeoplesPlan))
        if cells.title:
            g.add((plan, DCTERMS.title, Literal(cells.title)))
        if authority := self.reference(row, "plan", "authority", cells.authority, ("authority",), required=True):
            g.add((plan, CYP.authority, authority))
        start, end = cells.period_start, cells.period_end
        if start is not None and end is not None and end < start:
            self.problem(row, "plan", "period end", "is before the period start", "swap the years")
        for prop, year in ((CYP.periodStart, start), (CYP.periodEnd, end)):
            if year is not None:
                g.add((plan, prop, Literal(year, datatype=XSD.gYear)))
        if cells.status:
            g.add((plan, CYP.status, PLAN_STATUS[cells.status]))
        if cells.as_at is not None:
            self.as_at = Literal(cells.as_at, datatype=XSD.date)
        return plan

    def partners(self) -> None:
        for row, cells in self.rows("partners", PartnerRow):
            kind_class = PARTNER_TYPES[cells.type] if cells.type else None
            node = self.new_id(row, "partners", kind_class[0] if kind_class else "organisation", cells.id)
            if node is None or kind_class is None:
                continue
            self.g.add((node, RDF.type, kind_class[1]))
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
            node = self.new_id(row, "outcomes", "outcome", cells.id)
            if node is None:
                continue
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
            self.g.add((priority, ROLES[cells.role], partner))
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
        for row, cells in self.rows("indicators", IndicatorRow):
            node = self.new_id(row, "indicators", "indicator", cells.id)
            if node is None:
                continue
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
            g.add((node, RDF.type, CYP.Meeting))
            if body is not None:
                g.add((node, CYP.body, body))
            if cells.date is not None:
                g.add((node, CYP.meetingDate, Literal(cells.date, datatype=XSD.date)))
            if cells.status is not None:
                g.add((node, CYP.meetingStatus, MEETING_STATUS[cells.status]))
            if cells.decision is None and (cells.decision_status is not None or cells.description):
                self.problem(
                    row,
                    "meetings",
                    "decision",
                    "decision details given without a decision",
                    f"choose the decision: {', '.join(DECISION_KINDS)}",
                )
                continue
            if cells.decision is not None:
                decision = ID[f"decision/{local_id(node)}-decision"]
                g.add((decision, RDF.type, CYP.Decision))
                g.add((decision, CYP.madeAt, node))
                g.add((decision, CYP.decisionKind, DECISION_KINDS[cells.decision]))
                if plan is not None:
                    g.add((decision, CYP.about, plan))
                if cells.decision_status is not None:
                    g.add((decision, CYP.decisionStatus, DECISION_STATUS[cells.decision_status]))
                if cells.description:
                    g.add((decision, DCTERMS.description, Literal(cells.description)))

    def strategies(self, plan: URIRef | None) -> None:
        g = self.g
        for row, cells in self.rows("strategies", StrategyRow):
            node = self.new_id(row, "strategies", "plan", cells.id)
            if node is None or cells.relation is None:
                continue
            prop, strategy_is_subject, cls = RELATIONS[cells.relation]
            g.add((node, RDF.type, cls))
            if cells.name:
                g.add((node, DCTERMS.title, Literal(cells.name)))
            if cells.type is not None:
                is_plan_type = cells.type in PLAN_TYPE_WORDS
                g.add((node, CYP.planType if is_plan_type else CYP.strategyType, STRATEGY_TYPES[cells.type]))
            if plan is not None:
                g.add((node, prop, plan) if strategy_is_subject else (plan, prop, node))


def convert(tables: Tables, known: KnownId) -> Conversion:
    """Turn rows into the plan's graph, collecting every problem instead of stopping at the first."""
    return _Converter(tables, known).convert()


def store_knows(store: Store) -> KnownId:
    """A `known` check that asks the store whether an id is described there (bound, never pasted)."""

    def known(iri: URIRef) -> bool:
        return store.ask("ASK { ?s ?p ?o }", {"s": iri})

    return known


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
