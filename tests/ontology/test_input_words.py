"""The words input formats write for the controlled lists are typed notations in the ontology, and only those."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from kg.imports.extract import extract_text
from kg.imports.indicators import LAIT_DATA, LAIT_DICTIONARY, SOURCES, parse_value
from kg.imports.register import decision_status_words
from kg.namespaces import CYP
from kg.ontology.vocabulary import UnknownSchemeError, lookup, notations

REPO = Path(__file__).resolve().parents[2]


def _column(path: Path, column: str) -> set[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {row[column].strip() for row in csv.DictReader(handle)}


def test_status_symbols_are_the_statistics_symbols_and_include_every_one_the_lait_table_prints() -> None:
    symbols = notations("ObservationStatusScheme", "StatisticsNotation")
    assert set(symbols) == {"c", "x", "z", "u", "k", "-"}  # EES's tidy-data symbols, and LAIT's "-"
    printed = {v for v in _column(SOURCES / LAIT_DATA, "Values") if not re.fullmatch(r"-?[\d.]+(?:[eE]-?\d+)?", v)}
    assert printed and printed <= set(symbols)
    assert all(parse_value(s) == (None, s) for s in symbols)


def test_polarity_words_are_exactly_the_lait_dictionarys_polarity_column() -> None:
    words = notations("PolarityScheme", "LaitNotation")
    assert set(words) == _column(SOURCES / LAIT_DICTIONARY, "Polarity")
    assert {w: c.iri for w, c in words.items() if w in ("High", "Low")} == {
        "High": CYP.HigherIsBetter,
        "Low": CYP.LowerIsBetter,
    }


def test_register_decision_words_are_exactly_those_its_meetings_file_writes() -> None:
    words = decision_status_words()
    assert words == {"yes": CYP.Resolved, "no": CYP.Recommended, "unclear": None}
    assert set(words) == _column(REPO / "data" / "sources" / "register" / "meetings.csv", "decision_taken")


@pytest.mark.parametrize(
    ("scheme", "words"),
    [
        ("PlanStatusScheme", {"draft", "for-consultation", "approved"}),
        ("DecisionStatusScheme", {"resolved", "recommended", "intended", "noted"}),
        ("CountQualifierScheme", {"exact", "approximately", "more-than", "at-least", "at-most"}),
    ],
)
def test_review_words_of_a_scheme_are_exactly_the_extractors_each_its_label_written_as_a_slug(
    scheme: str, words: set[str]
) -> None:
    found = notations(scheme, "ReviewNotation")
    assert set(found) == words
    assert all(w == "-".join(c.pref_label.lower().split()) for w, c in found.items())


def test_the_statuses_and_qualifiers_the_extractor_proposes_are_review_words() -> None:
    draft = extract_text(
        "Report to Cabinet, 9 April 2019.\n"
        "1.1 RESOLVED that the Children and Young People's Plan 2019-2022 be approved.\n"
        "1.2 Around 650 young people responded to the survey, and over 40 schools took part; "
        "at least 200 parents and up to 50 carers were consulted.\n"
        "1.3 The plan will be submitted to Council on 18 July 2019 for adoption.\n"
        "1.4 Cabinet is asked to recommend the plan to Council.\n"
    )
    statuses = {p.value["status"] for p in draft.proposals if p.kind == "decision"}
    qualifiers = {p.value["qualifier"] for p in draft.proposals if p.kind == "consultation"}
    assert statuses == {"resolved", "intended", "recommended"}
    assert statuses <= set(notations("DecisionStatusScheme", "ReviewNotation"))
    assert qualifiers == {"approximately", "more-than", "at-least", "at-most"}
    assert qualifiers <= set(notations("CountQualifierScheme", "ReviewNotation"))


def test_a_formats_word_is_not_a_name_lookup_or_the_plan_workbook_takes() -> None:
    assert lookup("DecisionStatusScheme", "yes") is None
    assert lookup("PolarityScheme", "High") is None


def test_an_unknown_notation_format_is_refused() -> None:
    with pytest.raises(UnknownSchemeError, match="input-words.ttl"):
        notations("DecisionStatusScheme", "NoSuchNotation")
