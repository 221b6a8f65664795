"""A paragraph that counts the list after it ("six system objectives", "Four priorities have been set") leads it
in when exactly that many items follow, though its own last words name no list. Short texts written for these
tests about a fictional authority (Dunmoor)."""

from __future__ import annotations

from tests.support.extraction import proposed_names


def _names(text: str, kind: str) -> list[str]:
    return proposed_names(f"Dunmoor Metropolitan Borough Council\n\n{text}\n", kind, "dunmoor-page")


def test_bullets_right_after_a_paragraph_that_counts_them_are_its_items():
    text = (
        "The plan affirms the partners' commitment to work together on three “system objectives” that will"
        " deliver better lives for children.\n\n  • Protect the most vulnerable\n  • Close the gap\n"
        "  • Make best use of shared resources\n"
    )
    assert _names(text, "priority") == [
        "Protect the most vulnerable",
        "Close the gap",
        "Make best use of shared resources",
    ]


def test_lines_after_a_colon_whose_earlier_sentence_counts_them_are_its_items():
    text = (
        "Two priorities have been set for the next five years. They aim for every child in Dunmoor and its"
        " villages to:\n\nBe safe at home and online\n\nReceive the right help at the right time\n\n"
        "Around 40,000 children live in the borough.\n"
    )
    assert _names(text, "priority") == ["Be safe at home and online", "Receive the right help at the right time"]


def test_a_count_that_does_not_match_the_items_after_it_leads_in_nothing():
    text = (
        "The plan sets four priorities for children and is owned by the partnership, whose members meet monthly.\n\n"
        "  • Dunmoor Council\n  • the police\n  • schools and colleges\n"
    )
    assert _names(text, "priority") == []
