"""Bulleted items that must stay items: one in capitals (an acronym), one long sentence; and a lead-in that
names outcomes only as what work improves is no list of outcomes. Short texts written for these tests about a
fictional authority (Fenmarsh)."""

from __future__ import annotations

from tests.support.extraction import proposed_names


def _names(text: str, kind: str) -> list[str]:
    return proposed_names(f"Fenmarsh Council\n\n{text}\n", kind, "fenmarsh-page")


def test_a_bullet_in_capitals_is_an_item_not_a_heading():
    text = "Our outcomes\n\n• Emotional health and wellbeing\n• SEND\n• Prevention and early help\n"
    assert _names(text, "outcome") == ["Emotional health and wellbeing", "SEND", "Prevention and early help"]


def test_a_long_bullet_of_one_sentence_is_an_item_and_the_list_goes_on_after_it():
    long = (
        "Continue to improve educational outcomes for disadvantaged children, especially those in care, those"
        " eligible for free school meals, those with special educational needs and those from groups whose"
        " results lag behind the results of children in other groups across the county"
    )
    text = f"Our priorities\n\n• Reduce offending by young people\n• {long}\n• Promote school attendance\n"
    assert _names(text, "priority") == ["Reduce offending by young people", long, "Promote school attendance"]


def test_organisations_with_a_stake_in_improving_outcomes_are_not_outcomes():
    text = (
        "The Trust brings together many organisations with a stake in improving outcomes for children. They"
        " include:\n\n• Fenmarsh Council\n• NHS\n• schools and colleges\n"
    )
    assert _names(text, "outcome") == []
