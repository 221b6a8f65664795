"""How a plan's list names its items when the page runs each item's gloss into its name, and when its lead-in names
the items together with their measures. Short pages written for these tests about a fictional authority
(Tollerdown), in shapes seen on real plan pages (docs/imports.md, round 13)."""

from __future__ import annotations

from tests.support.extraction import proposed_names

REPORT = "tollerdown-summary"
PAGE = (
    "Tollerdown Children and Young People's Plan 2022-2025\n\n"
    "It will focus on key priorities and success measures:\n\n"
    "- the best start in life Early help for parents through pregnancy and the early years. Preventing risks "
    "from growing and supporting parents\n"
    "- access to the right school place Be inclusive in our mainstream schools; provide specialist places when "
    "they are needed\n"
)


def test_a_lead_in_naming_priorities_and_their_measures_introduces_priorities():
    assert len(proposed_names(PAGE, "priority", REPORT)) == 2
    assert proposed_names(PAGE, "indicator", REPORT) == []


def test_a_lower_case_item_name_ends_where_its_capitalised_gloss_begins():
    assert proposed_names(PAGE, "priority", REPORT) == ["the best start in life", "access to the right school place"]


def test_a_lower_case_item_with_a_proper_name_and_no_gloss_keeps_its_whole_name():
    page = "Our priorities are:\n\n- support for children in Tollerdown schools\n- safer streets near home\n"
    assert proposed_names(page, "priority", REPORT) == [
        "support for children in Tollerdown schools",
        "safer streets near home",
    ]
