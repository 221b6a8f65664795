"""A plan as a spreadsheet: the template officers fill, its import into the graph, and the export back.

Officers work in Excel, not Turtle. A workbook (or a folder of CSV files named after its sheets)
goes through these layers, each its own module:

- `schema`: the sheets, their columns and the words the drop-downs accept;
- `read`: the file into rows per sheet, refusing what hides values (formulas, merged cells) or is
  not a workbook at all, with the file, sheet, row and column;
- `rows`: each row's cells checked by a pydantic model (ids, required text, drop-down words read
  from the ontology's SKOS schemes, years, numbers, dates at the precision given), every bad cell a
  Problem an officer can act on;
- `rdf`: the checked rows as the plan's graph (ids unique across sheets, references resolved; the
  plan's and meetings' status as dated statements of the workbook, each derived from its row;
  unowned priorities and undated meetings Warnings), imported through the SHACL gate only when no
  Violation remains;
- `template` and `export`: workbooks written back out (the template, or a plan from the store,
  read with the named queries in kg/queries/workbook/), so an export imports to the same graph.
"""

from kg.imports.workbook.export import export_plan, export_rows
from kg.imports.workbook.problems import Problem, SpreadsheetError, WorkbookInvalid
from kg.imports.workbook.rdf import (
    Conversion,
    ImportResult,
    Lookup,
    StoreLookup,
    convert,
    import_plan,
    parse_row_locator,
    row_locator,
    store_lookup,
    workbook_graph_name,
)
from kg.imports.workbook.read import Row, Tables, read_csv_folder, read_tables, read_workbook
from kg.imports.workbook.schema import SHEET_BY_NAME, SHEETS, Column, Sheet
from kg.imports.workbook.template import template_tables, write_template, write_workbook

__all__ = [
    "SHEETS",
    "SHEET_BY_NAME",
    "Column",
    "Conversion",
    "ImportResult",
    "Lookup",
    "Problem",
    "Row",
    "Sheet",
    "StoreLookup",
    "SpreadsheetError",
    "Tables",
    "WorkbookInvalid",
    "convert",
    "export_plan",
    "export_rows",
    "import_plan",
    "read_csv_folder",
    "read_tables",
    "read_workbook",
    "store_lookup",
    "parse_row_locator",
    "row_locator",
    "template_tables",
    "workbook_graph_name",
    "write_template",
    "write_workbook",
]
