"""The plan workbook: template, import with located problems, CSV folders, export round trip, bad files.

The workbook is a dated source: its plan and meeting statuses are statements as at its date, every
node is derived from its row, its drop-downs are the ontology's schemes, and its example belongs to
the fictional Anyshire.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from rdflib import RDF, XSD, BNode, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, PROV

from kg.errors import InputError
from kg.imports.workbook import (
    SHEETS,
    Conversion,
    Problem,
    SpreadsheetError,
    WorkbookInvalid,
    convert,
    export_plan,
    export_rows,
    import_plan,
    read_tables,
    store_lookup,
    write_template,
)
from kg.namespaces import CYP, GRAPH, ID
from kg.ontology.vocabulary import concepts
from kg.queries import run as run_named_query

PLAN = "example-cypp-2025-2028"
GRAPH_NAME = f"{PLAN}-workbook"
PLAN_IRI = ID[f"plan/{PLAN}"]
MEETING = ID["meeting/example-hwb-2025-03-04"]
STATEMENT = ID[f"statement/{PLAN}-workbook-{PLAN}"]
MEETING_STATEMENT = ID[f"statement/{PLAN}-workbook-example-hwb-2025-03-04"]


@pytest.fixture
def template(tmp_path: Path) -> Path:
    return write_template(tmp_path / "plan.xlsx")


def _edit(path: Path, sheet: str, cell: str, value: object) -> Path:
    """Type a value into a cell, as text or a number (so a year is not shown as a date)."""
    wb = load_workbook(path)
    wb[sheet][cell] = value
    if not isinstance(value, dt.date):
        wb[sheet][cell].number_format = "General"
    wb.save(path)
    return path


def _problem(found: WorkbookInvalid | Conversion, sheet: str, column: str) -> Problem:
    return next(p for p in found.problems if p.sheet == sheet and p.column == column)


def _convert(path: Path, store, file: str = "plan.xlsx"):
    return convert(read_tables(path), store_lookup(store), file=file)


def test_template_has_one_sheet_per_kind_with_instructions_and_dropdowns(template):
    wb = load_workbook(template)
    assert {s.name for s in SHEETS} | {"instructions", "lists"} == set(wb.sheetnames)
    partners = wb["partners"]
    assert [c.value for c in partners[1]] == ["id", "name", "type", "code"]
    assert any("C2" in str(dv.sqref) for dv in partners.data_validations.dataValidation)
    assert all(wb[s.name].max_row >= 2 for s in SHEETS)


def test_template_example_imports_into_its_own_named_graph(template, fresh_store):
    result = import_plan(fresh_store, template)
    assert result.written
    assert str(GRAPH[GRAPH_NAME]) in fresh_store.graphs()
    rows = fresh_store.select(
        "SELECT ?p WHERE { ?p cyp:priorityOf ?plan ; cyp:leadPartner ?partner }", {"plan": PLAN_IRI}
    )
    assert [str(r["p"]) for r in rows] == [str(ID["priority/example-priority-1"])]


def test_dry_run_checks_but_writes_nothing(template, fresh_store):
    before = fresh_store.graphs()
    result = import_plan(fresh_store, template, dry_run=True)
    assert not result.written and result.report.conforms
    assert fresh_store.graphs() == before


def test_export_then_import_gives_an_isomorphic_graph(template, fresh_store, tmp_path):
    first = import_plan(fresh_store, template).conversion.graph
    exported = export_plan(fresh_store, PLAN, tmp_path / "export" / "plan.xlsx")
    again = _convert(exported, fresh_store)
    assert not again.problems
    assert isomorphic(first, again.graph)


def test_export_reads_period_and_statuses_back_from_the_statements(template, fresh_store):
    import_plan(fresh_store, template)
    rows = export_rows(fresh_store, PLAN)
    assert rows["plan"][0][3:7] == (2025, 2028, "Draft", dt.date(2025, 1, 31))
    assert rows["meetings"][0][3] == "Scheduled"


def test_month_and_undated_meeting_survive_the_round_trip(template, fresh_store, tmp_path):
    wb = load_workbook(template)
    wb["meetings"].append(["example-hwb-undated", "example-hwb", None, "Scheduled", None, None, None])
    wb["meetings"]["C2"] = "March 2025"
    wb.save(template)
    first = import_plan(fresh_store, template).conversion.graph
    again = _convert(export_plan(fresh_store, PLAN, tmp_path / "export" / "plan.xlsx"), fresh_store)
    assert (MEETING, CYP.meetingDate, Literal("2025-03", datatype=XSD.gYearMonth)) in again.graph
    assert isomorphic(first, again.graph)


def test_export_of_a_seed_plan_reads_its_latest_statement(fresh_store):
    plan = export_rows(fresh_store, "medway-cypp-2019-2024")["plan"][0]
    assert plan[3:7] == (2019, 2024, "Draft", dt.date(2019, 2, 19))


def test_csv_folder_with_the_same_columns_gives_the_same_graph(template, lookup_store, tmp_path):
    folder = tmp_path / "csv"
    folder.mkdir()
    wb = load_workbook(template)
    for sheet in SHEETS:
        with (folder / f"{sheet.name}.csv").open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            for row in wb[sheet.name].iter_rows(values_only=True):
                writer.writerow(["" if v is None else (v.date().isoformat() if hasattr(v, "date") else v) for v in row])
    assert isomorphic(_convert(folder, lookup_store).graph, _convert(template, lookup_store).graph)


def test_unknown_partner_type_names_sheet_row_column_value_and_fix(template, lookup_store):
    _edit(template, "partners", "C3", "quango")
    with pytest.raises(WorkbookInvalid) as caught:
        import_plan(lookup_store, template)
    problem = _problem(caught.value, "partners", "type")
    assert (problem.row, problem.value) == (3, "quango")
    assert "NHS body" in problem.fix


def test_date_that_is_not_a_date_is_reported(template, lookup_store):
    _edit(template, "meetings", "C2", "next Tuesday")
    with pytest.raises(WorkbookInvalid) as caught:
        import_plan(lookup_store, template)
    problem = _problem(caught.value, "meetings", "date")
    assert (problem.row, problem.message) == (2, "is not a date")
    assert "a month" in problem.fix and "a year" in problem.fix


def test_duplicate_id_is_reported_with_the_other_row(template, lookup_store):
    _edit(template, "outcomes", "A2", "example-priority-1")
    with pytest.raises(WorkbookInvalid) as caught:
        import_plan(lookup_store, template)
    problem = next(p for p in caught.value.problems if "duplicate id" in p.message)
    assert "priorities" in problem.message or "outcomes" in problem.message


def test_priority_with_no_owner_is_a_warning_on_its_row_and_imports(template, fresh_store):
    wb = load_workbook(template)
    wb["owners"].delete_rows(2)
    wb.save(template)
    result = import_plan(fresh_store, template)
    problem = next(p for p in result.conversion.problems if "has no owner" in p.message)
    assert (problem.severity, problem.sheet, problem.row, problem.column) == ("Warning", "priorities", 2, "id")
    assert "owners sheet" in problem.fix
    assert result.written
    priority = ID["priority/example-priority-1"]
    assert not list(result.conversion.graph.objects(priority, CYP.leadPartner))
    assert any("unowned" in r.message or "No owner" in r.message for r in result.report.results)


def test_undated_meeting_is_a_warning_not_a_violation(template, fresh_store):
    _edit(template, "meetings", "C2", None)
    result = import_plan(fresh_store, template)
    problem = _problem(result.conversion, "meetings", "date")
    assert (problem.severity, problem.row) == ("Warning", 2)
    assert problem.message == "meeting 'example-hwb-2025-03-04' has no date"
    assert result.written
    assert not list(result.conversion.graph.objects(MEETING, CYP.meetingDate))
    warned = [r for r in result.report.results if str(r.focus_node) == str(MEETING)]
    assert [(r.severity, str(r.result_path)) for r in warned] == [("Warning", str(CYP.meetingDate))]


@pytest.mark.parametrize(
    ("cell", "literal"),
    [
        pytest.param("2025-03-04", Literal("2025-03-04", datatype=XSD.date), id="iso-day"),
        pytest.param("04/03/2025", Literal("2025-03-04", datatype=XSD.date), id="uk-day"),
        pytest.param("2025-03", Literal("2025-03", datatype=XSD.gYearMonth), id="iso-month"),
        pytest.param("March 2025", Literal("2025-03", datatype=XSD.gYearMonth), id="month-in-words"),
        pytest.param(2025, Literal("2025", datatype=XSD.gYear), id="year"),
    ],
)
def test_meeting_date_keeps_the_precision_written(template, lookup_store, cell, literal):
    _edit(template, "meetings", "C2", cell)
    conversion = _convert(template, lookup_store)
    assert not conversion.violations
    assert list(conversion.graph.objects(MEETING, CYP.meetingDate)) == [literal]


def test_plan_period_and_status_are_a_dated_statement_of_the_workbook(template, lookup_store):
    g = _convert(template, lookup_store).graph
    assert {(p, o) for p, o in g.predicate_objects(STATEMENT) if p != CYP.fictional} == {
        (RDF.type, CYP.PlanStatement),
        (CYP.describes, PLAN_IRI),
        (CYP.asAt, Literal("2025-01-31", datatype=XSD.date)),
        (DCTERMS.title, Literal("Anyshire Children and Young People's Plan 2025-2028 (workbook example)")),
        (CYP.periodStart, Literal("2025", datatype=XSD.gYear)),
        (CYP.periodEnd, Literal("2028", datatype=XSD.gYear)),
        (CYP.status, CYP.Draft),
        (PROV.wasDerivedFrom, ID[f"paragraph/{PLAN}-workbook-plan-row-2"]),
    }
    for prop in (CYP.periodStart, CYP.periodEnd, CYP.status):
        assert not list(g.objects(PLAN_IRI, prop))


def test_meeting_status_is_a_dated_statement_derived_from_its_row(template, lookup_store):
    g = _convert(template, lookup_store).graph
    assert not list(g.objects(MEETING, CYP.meetingStatus))
    assert (MEETING_STATEMENT, CYP.describes, MEETING) in g
    assert (MEETING_STATEMENT, CYP.meetingStatus, CYP.Scheduled) in g
    assert (MEETING_STATEMENT, CYP.asAt, Literal("2025-01-31", datatype=XSD.date)) in g
    row = ID[f"paragraph/{PLAN}-workbook-meetings-row-2"]
    assert (MEETING_STATEMENT, PROV.wasDerivedFrom, row) in g
    assert (row, CYP.paragraphNumber, Literal("meetings row 2")) in g
    assert (ID[f"report/{PLAN}-workbook"], CYP.sourceFile, Literal("plan.xlsx")) in g


def test_workbook_without_an_as_at_date_is_left_undated(template, lookup_store):
    _edit(template, "plan", "G2", None)
    g = _convert(template, lookup_store).graph
    assert not list(g.objects(ID[f"report/{PLAN}-workbook"], DCTERMS.date))
    assert not list(g.objects(STATEMENT, CYP.asAt))


def test_template_example_belongs_to_a_fictional_authority_and_is_flagged(template, lookup_store):
    g = _convert(template, lookup_store).graph
    assert (PLAN_IRI, CYP.authority, ID["authority/anyshire"]) in g
    assert lookup_store.ask("ASK { ?a cyp:fictional true }", {"a": ID["authority/anyshire"]})
    subjects = {s for s in g.subjects() if not isinstance(s, BNode)}
    assert subjects == set(g.subjects(CYP.fictional, Literal(True)))


def test_imported_example_is_left_out_of_named_queries_unless_asked(template, fresh_store):
    import_plan(fresh_store, template)
    plans = {str(r["plan"]) for r in run_named_query(fresh_store, "plan_status_as_at", {})}
    assert str(PLAN_IRI) not in plans
    with_examples = run_named_query(fresh_store, "plan_status_as_at", {"include_examples": "true"})
    assert str(PLAN_IRI) in {str(r["plan"]) for r in with_examples}


def test_dropdown_lists_are_the_ontology_schemes(template):
    lists = load_workbook(template)["lists"]
    columns = {col[0].value: [c.value for c in col[1:] if c.value] for col in lists.iter_cols()}
    assert columns["decision"] == [c.pref_label for c in concepts("DecisionKindScheme")]
    assert columns["decision status"] == [c.pref_label for c in concepts("DecisionStatusScheme")]
    body_types = [c.pref_label for c in concepts("BodyTypeScheme")]
    assert set(body_types) <= set(columns["type"])


def test_dropdown_words_are_read_in_any_case_and_by_alternative_label(template, lookup_store):
    _edit(template, "partners", "C2", "nhs BODY")
    _edit(template, "strategies", "D2", "looked after children")
    g = _convert(template, lookup_store).graph
    assert (ID["organisation/example-nhs-trust"], RDF.type, CYP.NHSBody) in g
    assert (ID["plan/example-send-strategy"], CYP.strategyType, CYP.LookedAfterChildren) in g


def test_decision_kind_beyond_the_old_seven_is_accepted(template, lookup_store):
    _edit(template, "meetings", "E2", "Request report")
    g = _convert(template, lookup_store).graph
    assert (ID["decision/example-hwb-2025-03-04-decision"], CYP.decisionKind, CYP.RequestReport) in g


def test_a_decision_about_a_priority_is_about_it_and_survives_the_round_trip(template, fresh_store, tmp_path):
    _edit(template, "meetings", "H2", "example-priority-1")
    first = import_plan(fresh_store, template).conversion.graph
    decision = ID["decision/example-hwb-2025-03-04-decision"]
    assert set(first.objects(decision, CYP.about)) == {ID["priority/example-priority-1"]}
    again = _convert(export_plan(fresh_store, PLAN, tmp_path / "export" / "plan.xlsx"), fresh_store)
    assert isomorphic(first, again.graph)


def test_an_unknown_id_in_a_decisions_about_column_names_its_row_and_column(template, lookup_store):
    _edit(template, "meetings", "H2", "example-no-such-priority")
    problem = _problem(_convert(template, lookup_store), "meetings", "about")
    assert (problem.row, problem.severity) == (2, "Violation")
    assert "unknown" in problem.message


def test_refused_workbook_leaves_the_store_unchanged(template, fresh_store):
    import_plan(fresh_store, template)
    before = fresh_store.count(GRAPH_NAME)
    _edit(template, "plan", "D2", "twenty-twenty")
    with pytest.raises(WorkbookInvalid):
        import_plan(fresh_store, template)
    assert fresh_store.count(GRAPH_NAME) == before


def test_reimporting_a_workbook_replaces_its_graph(template, fresh_store):
    import_plan(fresh_store, template)
    _edit(template, "outcomes", "B2", "A healthier start")
    import_plan(fresh_store, template)
    labels = fresh_store.select("SELECT ?l WHERE { ?o skos:prefLabel ?l }", {"o": ID["outcome/example-healthy-start"]})
    assert [str(r["l"]) for r in labels] == ["A healthier start"]


def test_empty_file_is_a_clear_error(tmp_path, lookup_store):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"")
    with pytest.raises(SpreadsheetError, match="empty"):
        import_plan(lookup_store, path)


def test_binary_file_that_is_not_a_workbook_is_a_clear_error(tmp_path, lookup_store):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(bytes(range(256)) * 10)
    with pytest.raises(SpreadsheetError, match="not an Excel workbook") as caught:
        import_plan(lookup_store, path)
    assert caught.value.hint


def test_renamed_sheet_is_reported_as_missing_with_the_new_name(template, lookup_store):
    wb = load_workbook(template)
    wb["owners"].title = "Owners and leads"
    wb.save(template)
    with pytest.raises(SpreadsheetError, match="missing sheet") as caught:
        import_plan(lookup_store, template)
    assert caught.value.sheet == "owners"
    assert "owners and leads" in caught.value.message


def test_missing_column_names_sheet_and_column(template, lookup_store):
    _edit(template, "indicators", "B1", "Indicator name")
    with pytest.raises(SpreadsheetError) as caught:
        import_plan(lookup_store, template)
    assert (caught.value.sheet, caught.value.column_name) == ("indicators", "title")


def test_formula_instead_of_a_value_is_refused(template, lookup_store):
    _edit(template, "indicators", "G2", "=E2-2.5")
    with pytest.raises(SpreadsheetError, match="formula") as caught:
        import_plan(lookup_store, template)
    assert (caught.value.sheet, caught.value.row, caught.value.column_name) == ("indicators", 2, "target")


def test_merged_cells_are_refused(template, lookup_store):
    wb = load_workbook(template)
    wb["priorities"].merge_cells("B2:C2")
    wb.save(template)
    with pytest.raises(SpreadsheetError, match="merged cells B2:C2") as caught:
        import_plan(lookup_store, template)
    assert caught.value.sheet == "priorities"


def test_non_utf8_csv_is_a_clear_error(template, tmp_path, lookup_store):
    folder = tmp_path / "csv"
    folder.mkdir()
    for sheet in SHEETS:
        (folder / f"{sheet.name}.csv").write_text(",".join(c.name for c in sheet.columns) + "\n", encoding="utf-8")
    (folder / "partners.csv").write_bytes("id,name,type,code\nx,Caf\xe9 Trust,nhs body,\n".encode("cp1252"))
    with pytest.raises(InputError, match="not UTF-8") as caught:
        import_plan(lookup_store, folder)
    assert caught.value.file.endswith("partners.csv")
