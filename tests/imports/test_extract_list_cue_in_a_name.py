"""A list word printed inside a name ("the Public Health Outcomes Framework", "the Children's Ambitions Board")
names a document or a body, not a list: the bullets after the sentence are not outcomes. Short texts written
for these tests about a fictional authority (Brackwater)."""

from __future__ import annotations

from kg.imports.extract import extract_text


def _lists(text: str) -> list[tuple[str, str]]:
    draft = extract_text(f"Brackwater Borough Council\n\n{text}\n", "brackwater-page")
    return [(k, str(p.value["name"])) for k in ("outcome", "priority", "pledge") for p in draft.by_kind(k)]


def test_bullets_after_a_sentence_naming_an_outcomes_framework_are_not_outcomes():
    text = (
        "The plan draws on the Public Health Outcomes Framework. The needs assessment identifies the:\n\n"
        "• housing needs of young families\n• strengths of local schools\n"
    )
    assert _lists(text) == []


def test_bullets_after_a_sentence_naming_outcomes_in_lower_case_are_outcomes():
    text = "The plan sets out three outcomes for children:\n\n• Children are safe\n• Children are healthy\n"
    assert ("outcome", "Children are safe") in _lists(text)
