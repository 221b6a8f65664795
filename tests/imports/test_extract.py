"""Extraction from committee reports: what it proposes, where from, and how it refuses bad files."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

import pytest

from kg.imports.extract import ExtractError, extract_file, extract_text
from kg.imports.extract.dates import find_dates
from kg.imports.extract.document import read_document

REPO = Path(__file__).resolve().parents[2]
TUNING = REPO / "benchmarks" / "extraction" / "tuning"
SEEDS = REPO / "data" / "sources" / "seeds"
REGISTER = REPO / "data" / "sources" / "register"
MINUTES = TUNING / "eastholme-2011-06-30-executive-board-minutes.html"
EXECUTIVE = TUNING / "brackenmoor-2006-03-30-council-executive.txt"
NOTICE = TUNING / "kellbridge-2017-03-14-cabinet-member-decision.html"
PARTNERSHIP = TUNING / "ormsdale-2008-06-25-childrens-trust-board.docx"
PDF = TUNING / "sallowby-2019-09-18-hwb-report.pdf"
PAGE = TUNING / "brackenmoor-2024-plan-summary-page.html"
ALL = sorted(
    p
    for p in TUNING.iterdir()
    if p.suffix in {".txt", ".html", ".pdf", ".docx"} and ".pdf." not in p.name and ".docx." not in p.name
) + sorted(SEEDS.glob("*.txt"))


def _values(path: Path, kind: str) -> list[dict]:
    return [p.value for p in extract_file(path).by_kind(kind)]


def test_plan_title_with_ampersand_and_two_digit_end_year_is_the_plan():
    (plan,) = _values(MINUTES, "plan")
    assert (plan["title"], plan["start"], plan["end"]) == (
        "Eastholme Children & Young People's Plan 2011-14",
        "2011",
        "2014",
    )


def test_plan_without_the_possessive_and_a_one_digit_end_year_is_the_plan():
    (plan,) = _values(EXECUTIVE, "plan")
    assert (plan["start"], plan["end"]) == ("2006", "2009")


def _dated_titles() -> list[dict[str, str]]:
    """The register's plans whose title prints their years, each with the kind plan-kinds.csv gives it ("")."""
    with (REGISTER / "plan-kinds.csv").open(encoding="utf-8", newline="") as f:
        kinds = {(r["council"], r["plan_title"]): r["kind"] for r in csv.DictReader(f)}
    with (REGISTER / "plans.csv").open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["period_start"] and any(c.isdigit() for c in r["plan_title"])]
    return [{**r, "kind": kinds.get((r["council"], r["plan_title"]), "")} for r in rows]


def _words(text: str) -> str:
    return " ".join(re.findall(r"[\w'’]+|[^\w\s]", text.lower().replace("’", "'")))


# Titles of the held-out half of the register (councils N–Z: the rules were tuned on A–M only) that the rules
# do not read yet; strict, so a rule that comes to read one says so.
_NOT_YET = {
    "Children and Young People's Plan North East Lincolnshire 2011-2014": "a place between title and period",
    "Children and Young People's Plan for Redcar and Cleveland (2011)": "a bracketed first year alone after it",
    "Children and Young People Plan (update, 2024 –2027)": "a lower-case note before the period in its bracket",
    "Suffolk Children and Young People's (CYP) Plan 2006-2009": "an acronym inside the title's words",
}


def _cases() -> list[Any]:
    return [
        pytest.param(r, id=r["plan_title"], marks=[pytest.mark.xfail(strict=True, reason=_NOT_YET[r["plan_title"]])])
        if r["plan_title"] in _NOT_YET
        else pytest.param(r, id=r["plan_title"])
        for r in _dated_titles()
    ]


@pytest.mark.parametrize("row", _cases())
def test_every_dated_plan_title_in_the_plans_register_is_extracted_as_its_plan_with_its_years(row):
    """Through the extractor, one sentence per title: the plan (or the strategy, where the title names one and
    plan-kinds.csv says it is one) with the title's years, titled in the register's own words with its period
    (less, at most, a bracketed council name, a subtitle, a leading "Draft")."""
    title = row["plan_title"]
    kinds = ("plan", "strategy") if "strategy" in row["kind"].lower() and "strategy" in title.lower() else ("plan",)
    found = extract_text(f"The Cabinet approved the {title} on 3 March 2020.", "report")
    want = (row["period_start"], row["period_end"] or None)
    (plan,) = [p.value for k in kinds for p in found.by_kind(k) if (p.value.get("start"), p.value.get("end")) == want]
    proposed = _words(str(plan.get("title") or plan.get("name")))
    assert f" {proposed} " in f" {_words(title)} "
    assert f" {_words(str(plan.get('period_text')))} " in f" {proposed} "


def test_month_first_ordinal_date_is_a_day():
    (date,) = find_dates("COUNCIL EXECUTIVE March 30th 2006")
    assert (date.value, date.precision) == ("2006-03-30", "day")


def test_month_and_year_keep_their_precision():
    dates = find_dates("considered the draft plan in January 2006 and met on 30/06/2011")
    assert [(d.value, d.precision) for d in dates] == [("2006-01", "month"), ("2011-06-30", "day")]


def test_a_region_beside_the_council_is_never_its_authority():
    (authority,) = _values(EXECUTIVE, "authority")
    assert authority["gss"] == "E06999901"
    assert authority["fictional"] is True


def test_yearless_meeting_dates_take_the_year_the_page_header_prints_the_next_meeting_too_when_later():
    meetings = _values(PARTNERSHIP, "meeting")
    assert meetings[0]["date"] == "2008-06-25"
    assert {m["date"] for m in meetings if m.get("date_text") == "Wednesday 17 September"} == {"2008-09-17"}


def test_publication_and_effective_dates_of_a_decision_notice_are_not_meetings():
    dates = {m["date"] for m in _values(NOTICE, "meeting")}
    assert dates == {"2017-02-02", "2017-11"}


def test_resolutions_and_recommendations_are_told_apart():
    decisions = _values(MINUTES, "decision")
    statuses = {(d["verb"], d["status"]) for d in decisions}
    assert ("approved", "resolved") in statuses
    assert ("adopted", "recommended") in statuses


def test_decisions_that_are_not_about_the_plan_say_what_they_are_about():
    about = {d["about"] for d in _values(MINUTES, "decision")}
    assert {"minutes", "membership", "report-request", "plan"} <= about


def test_cabinet_member_decision_is_taken_by_the_cabinet_member_not_at_a_meeting():
    decisions = _values(NOTICE, "decision")
    assert {d["body"] for d in decisions if d["verb"] == "approved"} == {"Cabinet Member for Children's Services"}


def test_priority_owners_are_kept_where_stated_and_absent_where_not():
    owners = {p["name"]: p["owner"] for p in _values(EXECUTIVE, "priority")}
    assert owners["Reduce the rate of teenage conceptions"] == "Brackenmoor Primary Care Trust"
    assert owners["Raise attainment at Key Stage 4 in the eleven secondary schools"] is None


def test_pdf_running_header_and_footer_are_not_report_text():
    document = read_document(PDF)
    assert "Page 1" not in document.text
    assert document.page_headers == ["Sallowby County Council - Health and Wellbeing Board - 18 September 2019"]


def test_page_furniture_is_not_report_text():
    text = read_document(PAGE).text
    assert "cookies" not in text.lower() and "Last updated" not in text and "Was this page helpful" not in text
    assert "Our pledges" in text


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_every_proposal_quotes_its_evidence_at_its_offsets_in_a_paragraph_the_report_prints(path):
    draft = extract_file(path)
    paragraphs = {b.para for b in draft.document.blocks} | {"header"}
    for p in draft.proposals:
        if p.end:
            assert draft.document.text[p.start : p.end] == p.evidence
        assert p.paragraph in paragraphs
        assert 0 < p.confidence <= 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        pytest.param("empty.txt", b"", "empty", id="empty"),
        pytest.param("binary.txt", bytes(range(256)) * 4, "binary", id="binary"),
        pytest.param("latin1.txt", "Caf\xe9 report".encode("cp1252"), "not UTF-8", id="non-utf8"),
        pytest.param("fake.pdf", b"not a pdf at all", "not a PDF", id="fake-pdf"),
        pytest.param("fake.docx", b"not a word file", "not a Word document", id="fake-docx"),
    ],
)
def test_unreadable_report_is_a_clear_error(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ExtractError, match=message) as caught:
        extract_file(path)
    assert caught.value.hint


def test_twenty_megabyte_text_is_refused_before_reading(tmp_path):
    path = tmp_path / "bundle.txt"
    with path.open("wb") as fh:
        fh.truncate(20_000_000)
    with pytest.raises(ExtractError, match="over the 5 MB limit"):
        extract_file(path)


def test_an_ordinal_a_pdf_set_apart_from_its_day_still_dates_the_day():
    (date,) = find_dates("Minutes of the meeting held on Monday 7 th June 2010 at County Hall")
    assert (date.value, date.precision) == ("2010-06-07", "day")
