"""Pledges written as promises: "We will …" sentences after a sentence that names the plan's promises, and
under each priority of a plan's page. Fixtures of the development split held-out-3 (fictional authorities,
read since round 5) and short fictional reports (Brackenmoor)."""

from __future__ import annotations

from pathlib import Path

from kg.imports.extract import extract_text
from tests.imports.test_extract_lists import _names

DEV = Path(__file__).resolve().parents[2] / "benchmarks" / "extraction" / "held-out-3"
KELDERWICK = DEV / "kelderwick-2026-01-20-cabinet.txt"
BRACKENHITHE = DEV / "brackenhithe-2023-plan-summary.html"


def _pledges(text: str) -> list[str]:
    return [str(p.value["name"]) for p in extract_text(f"Brackenmoor Council\n\n{text}\n").by_kind("pledge")]


def test_promise_sentences_after_a_sentence_naming_promises_are_pledges():
    assert "We will explain our decisions in plain language" in _names(KELDERWICK, "pledge")


def test_a_we_will_paragraph_under_a_priority_heading_is_its_pledge():
    assert "We will pay care leavers' council tax until they are 25" in _names(BRACKENHITHE, "pledge")


def test_a_we_will_sentence_in_a_report_paragraph_is_not_a_pledge():
    assert _pledges("4.2 We will report progress on the plan to the Board in March.") == []


def test_a_measure_among_promises_is_not_a_pledge():
    found = _pledges("The plan makes two promises. We will listen to you. We will measure how long families wait.")
    assert found == ["We will listen to you"]
