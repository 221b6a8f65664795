"""Table rows a PDF draws with cells left empty. Fixture of the development split held-out-3 (a fictional
authority, read since round 5)."""

from __future__ import annotations

from pathlib import Path

from kg.imports.extract.document import read_document
from tests.imports.test_extract_lists import _draft

GORSETHWAITE = (
    Path(__file__).resolve().parents[2]
    / "benchmarks"
    / "extraction"
    / "held-out-3"
    / "gorsethwaite-2021-07-08-health-and-wellbeing-board.pdf"
)


def test_a_pdf_row_with_only_a_middle_cell_filled_stays_in_its_table():
    rows = [b for b in read_document(GORSETHWAITE).blocks if b.kind == "row"]
    assert ["", "More apprenticeships for care leavers", ""] in [b.cells for b in rows]


def test_the_priority_of_a_row_with_empty_outcome_and_lead_cells_has_no_owner():
    priorities = {p.value["name"]: p.value.get("owner") for p in _draft(GORSETHWAITE).by_kind("priority")}
    assert priorities["More apprenticeships for care leavers"] is None
