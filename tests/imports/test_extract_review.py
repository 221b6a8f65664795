"""The officer's review: the workbook round trip, through the SHACL gate into the report's graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from rdflib import XSD, Literal, Namespace

from kg.errors import ValidationFailed
from kg.imports.extract import extract_file
from kg.imports.extract.review import COLUMNS, ReviewError, import_review, write_review
from kg.namespaces import CYP, GRAPH

REPO = Path(__file__).resolve().parents[2]
DCTERMS = Namespace("http://purl.org/dc/terms/")
SEED = REPO / "data" / "sources" / "seeds" / "medway-2019-02-19-hwb.txt"


def _edit(path: Path, edits: dict[tuple[str, str], tuple[str, str | None]]) -> None:
    """Mark rows (kind, value starting with) as (decision, corrected value), as an officer would in Excel."""
    wb = load_workbook(path)
    ws = wb["review"]
    col = {name: i for i, name in enumerate(COLUMNS)}
    for row in ws.iter_rows(min_row=2):
        for (kind, prefix), (decision, corrected) in edits.items():
            if row[col["kind"]].value == kind and str(row[col["value"]].value).startswith(prefix):
                row[col["decision"]].value = decision
                row[col["corrected value"]].value = corrected
    wb.save(path)


def test_review_workbook_has_a_row_per_proposal_with_evidence_and_a_decision_drop_down(tmp_path):
    draft = extract_file(SEED)
    path = write_review(draft, tmp_path / "review.xlsx")
    ws = load_workbook(path)["review"]
    assert tuple(c.value for c in ws[1]) == COLUMNS
    assert ws.max_row == len(draft.proposals) + 1
    (rule,) = ws.data_validations.dataValidation
    assert rule.formula1 == '"accept,correct,reject"'


def test_an_unedited_accepted_draft_passes_the_gate(fresh_store, tmp_path):
    path = write_review(extract_file(SEED), tmp_path / "review.xlsx")
    name, graph, report = import_review(fresh_store, path)
    assert report.conforms
    assert str(GRAPH[name]) in fresh_store.graphs()


def test_rejected_rows_are_left_out_and_corrected_values_are_loaded(fresh_store, tmp_path):
    path = write_review(extract_file(SEED), tmp_path / "review.xlsx")
    _edit(path, {
        ("meeting", "body=Cabinet; date=2019-04-09"): ("correct", "date=2019-04-10"),
        ("strategy", "name=LAC Strategy"): ("reject", None),
    })  # fmt: skip
    name, graph, _ = import_review(fresh_store, path)
    dates = set(graph.objects(None, CYP.meetingDate))
    assert Literal("2019-04-10", datatype=XSD.date) in dates
    assert Literal("2019-04-09", datatype=XSD.date) not in dates
    assert Literal("LAC Strategy") not in set(graph.objects(None, DCTERMS.title))


def test_a_correction_the_gate_refuses_leaves_the_store_as_it_was(lookup_store, tmp_path):
    path = write_review(extract_file(SEED), tmp_path / "review.xlsx")
    _edit(path, {("plan", "title="): ("correct", "end=2014")})  # ends before it starts
    before = lookup_store.count()
    with pytest.raises(ValidationFailed):
        import_review(lookup_store, path)
    assert lookup_store.count() == before


def test_a_corrected_date_that_is_not_a_date_is_refused_naming_its_row_and_the_forms(lookup_store, tmp_path):
    path = write_review(extract_file(SEED), tmp_path / "review.xlsx")
    _edit(path, {("meeting", "body=Cabinet; date=2019-04-09"): ("correct", "date=09/04/2019")})
    before = lookup_store.count()
    with pytest.raises(ReviewError, match=r"row \d+: date='09/04/2019' is not a date") as caught:
        import_review(lookup_store, path)
    assert "2019-02-19" in caught.value.hint
    assert lookup_store.count() == before


def test_a_decision_outside_the_drop_down_is_a_clear_error(lookup_store, tmp_path):
    path = write_review(extract_file(SEED), tmp_path / "review.xlsx")
    _edit(path, {("plan", "title="): ("maybe", None)})
    with pytest.raises(ReviewError, match="accept, correct, reject") as caught:
        import_review(lookup_store, path)
    assert caught.value.hint
