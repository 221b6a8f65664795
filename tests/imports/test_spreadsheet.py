"""The plan workbook: template, import with located problems, CSV folders, export round trip, bad files."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook
from rdflib.compare import isomorphic

from kg.errors import InputError
from kg.imports.workbook import (
    SHEETS,
    SpreadsheetError,
    WorkbookInvalid,
    convert,
    export_plan,
    import_plan,
    read_tables,
    store_knows,
    write_template,
)
from kg.namespaces import GRAPH, ID

PLAN = "example-cypp-2025-2028"
GRAPH_NAME = f"{PLAN}-workbook"


@pytest.fixture
def template(tmp_path: Path) -> Path:
    return write_template(tmp_path / "plan.xlsx")


def _edit(path: Path, sheet: str, cell: str, value: object) -> Path:
    wb = load_workbook(path)
    wb[sheet][cell] = value
    wb.save(path)
    return path


def _problem(exc: WorkbookInvalid, sheet: str, column: str):
    return next(p for p in exc.problems if p.sheet == sheet and p.column == column)


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
        "SELECT ?p WHERE { ?p cyp:priorityOf ?plan ; cyp:leadPartner ?partner }", {"plan": ID[f"plan/{PLAN}"]}
    )
    assert [str(r["p"]) for r in rows] == [str(ID["priority/example-priority-1"])]


def test_dry_run_checks_but_writes_nothing(template, fresh_store):
    before = fresh_store.graphs()
    result = import_plan(fresh_store, template, dry_run=True)
    assert not result.written and result.report.conforms
    assert fresh_store.graphs() == before


def test_export_then_import_gives_an_isomorphic_graph(template, fresh_store, tmp_path):
    first = import_plan(fresh_store, template).conversion.graph
    exported = export_plan(fresh_store, PLAN, tmp_path / "export.xlsx")
    again = convert(read_tables(exported), store_knows(fresh_store))
    assert not again.problems
    assert isomorphic(first, again.graph)


def test_csv_folder_with_the_same_columns_gives_the_same_graph(template, lookup_store, tmp_path):
    folder = tmp_path / "csv"
    folder.mkdir()
    wb = load_workbook(template)
    for sheet in SHEETS:
        with (folder / f"{sheet.name}.csv").open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            for row in wb[sheet.name].iter_rows(values_only=True):
                writer.writerow(["" if v is None else (v.date().isoformat() if hasattr(v, "date") else v) for v in row])
    known = store_knows(lookup_store)
    assert isomorphic(convert(read_tables(folder), known).graph, convert(read_tables(template), known).graph)


def test_unknown_partner_type_names_sheet_row_column_value_and_fix(template, lookup_store):
    _edit(template, "partners", "C3", "quango")
    with pytest.raises(WorkbookInvalid) as caught:
        import_plan(lookup_store, template)
    problem = _problem(caught.value, "partners", "type")
    assert (problem.row, problem.value) == (3, "quango")
    assert "nhs body" in problem.fix


def test_date_that_is_not_a_date_is_reported(template, lookup_store):
    _edit(template, "meetings", "C2", "next Tuesday")
    with pytest.raises(WorkbookInvalid) as caught:
        import_plan(lookup_store, template)
    problem = _problem(caught.value, "meetings", "date")
    assert (problem.row, problem.message) == (2, "is not a date")


def test_duplicate_id_is_reported_with_the_other_row(template, lookup_store):
    _edit(template, "outcomes", "A2", "example-priority-1")
    with pytest.raises(WorkbookInvalid) as caught:
        import_plan(lookup_store, template)
    problem = next(p for p in caught.value.problems if "duplicate id" in p.message)
    assert "priorities" in problem.message or "outcomes" in problem.message


def test_priority_with_no_owner_is_reported_on_its_row(template, lookup_store):
    wb = load_workbook(template)
    wb["owners"].delete_rows(2)
    wb.save(template)
    with pytest.raises(WorkbookInvalid) as caught:
        import_plan(lookup_store, template)
    problem = next(p for p in caught.value.problems if "has no owner" in p.message)
    assert (problem.sheet, problem.row, problem.column) == ("priorities", 2, "id")
    assert "owners sheet" in problem.fix


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
