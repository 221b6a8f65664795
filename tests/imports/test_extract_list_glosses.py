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


def test_outcome_labelled_bullets_under_a_priority_heading_are_outcomes():
    page = (
        "Tollerdown Children and Young People's Plan 2021-23\n\n"
        "Priority 1 - All Children are Happy and Healthy\n\n"
        "  • Outcome: Children do not experience health inequalities\n"
        "  • Outcome: Children enjoy good mental health\n"
    )
    assert proposed_names(page, "priority", REPORT) == ["All Children are Happy and Healthy"]
    assert proposed_names(page, "outcome", REPORT) == [
        "Children do not experience health inequalities",
        "Children enjoy good mental health",
    ]


def test_whom_a_list_is_for_may_stand_between_its_cue_and_its_items():
    text = (
        "Tollerdown Children and Young People's Plan 2021-24\n\n"
        "The plan outlines six priorities for children and young people in the county, including to have the best "
        "start in life and to be healthy.\n"
    )
    assert proposed_names(text, "priority", REPORT) == ["to have the best start in life", "to be healthy"]


def test_lines_a_pdf_copy_wrapped_are_read_as_one_item():
    page = (
        "Tollerdown Children's Trust Board: notes of the meeting, a long opening line that runs well past a hundred "
        "characters.\n"
        "Our priorities are:\n"
        "Integrated front line delivery organised around the child, young\n"
        "person or family rather than around agencies\n"
        "Integrated processes sustained by a shared language\n"
        "The Board noted the list.\n"
    )
    assert (
        "Integrated front line delivery organised around the child, young person or family rather than around agencies"
        in proposed_names(page, "priority", REPORT)
    )


TRUST_PAGE = (
    "Tollerdown Children's Trust\n\n"
    "1. The Trust brings the agencies together.\n\n"
    "Our vision, priorities and outcomes\n\n"
    "Our vision\n\n"
    "  1. Strong families, strong Tollerdown.\n"
    "  2. Every child in a good school.\n\n"
    "Our priorities\n\n"
    "  1. Keeping children and young people safe.\n"
    "  2. Tackling child poverty and improving family life.\n\n\n"
    "  1. Being healthy.\n"
    "  2. Staying safe.\n"
    "  3. Enjoying and achieving.\n"
)


def test_a_heading_line_leads_its_list_though_it_keeps_the_number_of_the_paragraph_above_it():
    assert proposed_names(TRUST_PAGE, "priority", REPORT) == [
        "Keeping children and young people safe",
        "Tackling child poverty and improving family life",
    ]


def test_a_numbered_run_that_names_every_child_matters_outcomes_is_a_list_of_outcomes():
    assert proposed_names(TRUST_PAGE, "outcome", REPORT) == ["Being healthy", "Staying safe", "Enjoying and achieving"]


def test_a_heading_naming_the_plans_vision_leads_no_list():
    assert "Strong families, strong Tollerdown" not in proposed_names(TRUST_PAGE, "outcome", REPORT)
    assert "Our vision" not in proposed_names(TRUST_PAGE, "outcome", REPORT)


SECTIONS = (
    "Tollerdown Children and Young People's Plan 2019 - 2023\n\n"
    "Our priorities to 2023 are:\n\n"
    "A good education for all\n\n"
    "We will:\n\n"
    "  • Work with schools to narrow the attainment gap\n"
    "  • Keep our focus on inclusion\n\n"
    "Read more about our schools. [LINK]\n\n"
    "Better support for children in care and care leavers\n\n"
    "We want all our children in care to be set up for life. We will keep children in care in local placements.\n\n"
    "Virtual School Website\n\n"
    "Improving our offer for children with special educational needs\n\n"
    "We will review and redesign it.\n"
)


def test_heading_lines_each_over_blocks_of_their_own_are_the_items_of_the_colon_lead_in_above_them():
    assert proposed_names(SECTIONS, "priority", REPORT) == [
        "A good education for all",
        "Better support for children in care and care leavers",
        "Improving our offer for children with special educational needs",
    ]


def test_what_a_plan_will_do_under_each_such_heading_is_pledged():
    assert "Work with schools to narrow the attainment gap" in proposed_names(SECTIONS, "pledge", REPORT)


def test_long_lower_case_items_that_open_alike_are_not_rejoined_as_wrapped_lines():
    page = (
        "Tollerdown Children's Trust Board: notes of the meeting, a long opening line that runs well past a hundred "
        "characters.\n"
        "Our priorities are:\n"
        "improving the emotional health and wellbeing of all our young people\n"
        "reducing the number of children who need to come into care\n"
        "raising attainment for children in care and care leavers\n"
        "The Board noted the list.\n"
    )
    names = proposed_names(page, "priority", REPORT)
    assert "improving the emotional health and wellbeing of all our young people" in names
    assert "reducing the number of children who need to come into care" in names
