"""Items labelled with their list and number ("Priority 4: ...", "Outcome 1 To feel safe") however the page
runs them: several on one line, or a label with no stop after its number (a contents line, a flattened table).
Short texts written for these tests about fictional authorities (Wexcombe, Quenstead)."""

from __future__ import annotations

from tests.support.extraction import proposed_names


def _names(text: str, kind: str) -> list[str]:
    return proposed_names(text, kind, "wexcombe-report")


def test_labelled_priorities_run_together_on_one_line_are_each_an_item():
    text = (
        "Wexcombe County Council\n\n"
        "Priority 4: We want every child to be safe at home Priority 5: We want children to enjoy good mental health"
        " Priority 6: We want better services for disabled children\n"
    )
    assert _names(text, "priority") == [
        "We want every child to be safe at home",
        "We want children to enjoy good mental health",
        "We want better services for disabled children",
    ]


def test_labelled_priorities_after_a_lead_in_and_glued_to_the_item_before_are_each_an_item():
    text = (
        "Wexcombe County Council\n\n"
        "Our new plan sets out what we will do. We have agreed three priorities for the next three years: Priority 1:"
        " Children grow up safe at homePriority 2: Children enjoy good healthPriority 3: Young people are ready"
        " for workWe are proud of our schools.\n"
    )
    assert _names(text, "priority") == [
        "Children grow up safe at home",
        "Children enjoy good health",
        "Young people are ready for work",
    ]


def test_labels_after_a_lead_in_that_names_another_list_are_not_split_into_items():
    text = "Wexcombe County Council\n\nThe board met twice: Priority 1: the budget Priority 2: the estates plan\n"
    assert _names(text, "priority") == []


def test_labels_out_of_order_on_one_line_are_not_split_into_items():
    text = "Wexcombe County Council\n\nPriority 4: We want every child to be safe Priority 2: as the Board asked\n"
    assert "as the Board asked" not in _names(text, "priority")


def test_a_contents_line_with_its_page_number_and_no_stop_after_the_label_is_an_outcome():
    text = (
        "Quenstead Children and Young People's Plan\n\nContents\n\n"
        "18 Key outcomes and measures\n20 Outcome 1 To feel safe\n22 Outcome 2 To do well at school\n"
    )
    assert _names(text, "outcome") == ["To feel safe", "To do well at school"]


def test_a_label_without_a_stop_ends_its_name_where_a_flattened_tables_headings_begin():
    text = "Quenstead Council\n\nPriority 1 Family Help ISSUES ACTIONS • Find needs early • Offer help\n"
    assert _names(text, "priority") == ["Family Help"]


def test_a_label_followed_by_a_lower_case_word_is_running_text_not_an_item():
    text = "Quenstead Council\n\nPriority 5 has no lead yet because the Board has not met.\n"
    assert _names(text, "priority") == []
