"""What a report says in running prose rather than in lists and headers: a numbered paragraph opening with the day a
body met, a month that repeats a dated meeting, a forward plan's "Decision due" line, an abbreviated month, a board
named by one brand word, a list run in after a dash, and the states a plan wants children in. Short texts written
for these tests about a fictional authority (Tollerdown), each in a shape seen in real reports of two councils or
more (docs/imports.md, round 13)."""

from __future__ import annotations

from pathlib import Path

from kg.imports.extract import extract_file
from tests.support.extraction import proposed_meetings, proposed_names

REPORT = "tollerdown-prose"
TITLE = "Tollerdown Children and Young People's Plan 2018-2021\n\n"


def test_a_numbered_paragraph_opening_with_a_day_dates_the_meeting_of_the_body_after_it():
    text = TITLE + "Introduction\n\n  1. On 22 June 2017, the Cabinet approved a draft outline of the Plan.\n"
    assert ("Cabinet", "2017-06-22") in proposed_meetings(text, REPORT)


def test_a_month_without_its_year_that_repeats_a_dated_meeting_of_the_body_is_not_a_second_meeting():
    text = TITLE + "On 22 June 2017, the Cabinet approved a draft. The report to the Cabinet in June set out why.\n"
    assert proposed_meetings(text, REPORT) == [("Cabinet", "2017-06-22")]


def test_a_month_without_its_year_for_another_body_stays_an_undated_meeting():
    text = TITLE + "On 22 June 2017, the Cabinet approved a draft. It goes to Council for adoption in July.\n"
    assert ("Council", None) in proposed_meetings(text, REPORT)


def test_a_forward_plans_decision_due_line_dates_the_meeting_it_is_due_at():
    text = "Issue details\n\nTollerdown Children's Plan\n\nDecision type: Key\n\nDecision due: 20 Sep 2023 by Cabinet\n"
    assert ("Cabinet", "2023-09-20") in proposed_meetings(text, REPORT)


def test_a_decision_due_line_without_a_day_dates_nothing():
    text = "Issue details\n\nTollerdown Children's Plan\n\nDecision due: to be confirmed by Cabinet\n"
    assert all(date is None for _, date in proposed_meetings(text, REPORT))


def test_an_abbreviated_month_with_its_year_dates_a_meeting_to_the_month():
    text = TITLE + "The plan will be approved by the Children's Trust Board in Jan 2018.\n"
    assert ("Children's Trust Board", "2018-01") in proposed_meetings(text, REPORT)


def test_a_board_named_by_one_brand_word_is_a_body_whose_meeting_is_read():
    text = TITLE + "The plan will be approved by the TollerKids Board in March 2018.\n"
    assert ("TollerKids Board", "2018-03") in proposed_meetings(text, REPORT)
    assert "TollerKids Board" in proposed_names(text, "body", REPORT)


def test_a_list_run_in_after_a_dash_following_a_clause_about_it_gives_its_items():
    text = TITLE + (
        "We will tackle the priority areas we have identified for this first year – children missing out on "
        "education, social and emotional well-being and mental health, and children affected by domestic abuse.\n"
    )
    assert proposed_names(text, "priority", REPORT) == [
        "children missing out on education",
        "social and emotional well-being and mental health",
        "children affected by domestic abuse",
    ]


def test_a_run_in_list_of_two_lower_case_items_after_a_dash_is_not_read():
    text = TITLE + "We looked again at the priority areas we chose last year – attendance and mental health.\n"
    assert proposed_names(text, "priority", REPORT) == []


def test_items_run_in_after_a_dash_lose_the_words_that_open_a_state():
    text = TITLE + (
        "It describes the outcomes we want for all children – of being safe and cared for, able to succeed in "
        "learning, and to thrive.\n"
    )
    assert proposed_names(text, "outcome", REPORT) == ["safe and cared for", "succeed in learning", "thrive"]


def test_the_states_a_page_wants_children_in_are_its_outcomes_where_it_lists_none():
    text = TITLE + "We want to ensure that all children and young people are successful, healthy, safe and supported.\n"
    assert proposed_names(text, "outcome", REPORT) == ["successful", "healthy", "safe", "supported"]


def test_a_state_ends_where_a_clause_about_the_children_starts():
    text = TITLE + (
        "The plan sets out how children and young people in Tollerdown are safe, healthy, happy, develop skills for "
        "life who feel they have a voice.\n"
    )
    assert proposed_names(text, "outcome", REPORT) == ["safe", "healthy", "happy", "develop skills for life"]


def test_states_wished_for_children_are_not_outcomes_where_the_plan_lists_its_outcomes():
    text = TITLE + (
        "Our outcomes\n\n- Every child has a good start\n- Every young person is ready for work\n\n"
        "We want all children to be happy, healthy, safe and loved.\n"
    )
    assert proposed_names(text, "outcome", REPORT) == [
        "Every child has a good start",
        "Every young person is ready for work",
    ]


def test_what_is_done_to_young_people_is_not_a_state_they_are_in():
    text = TITLE + "Young people will be consulted, informed, involved and listened to about services.\n"
    assert proposed_names(text, "outcome", REPORT) == []


MINUTES = "Meeting: 18/11/2009 - Tollerdown Children & Young People's Overview & Scrutiny Committee (Item 25)\n\n"


def test_the_initials_of_a_body_named_in_full_are_that_body():
    text = MINUTES + "The report will be considered by TCYPOSC on 20 January 2010.\n"
    assert ("TCYPOSC", "2010-01-20") in proposed_meetings(text, REPORT)


def test_capitals_that_are_no_bodys_initials_are_no_body():
    text = MINUTES + "The ABCD group will report to Members on 20 January 2010.\n"
    assert all(body != "ABCD" for body, _ in proposed_meetings(text, REPORT))


def test_a_committee_named_by_one_word_is_a_body_whose_meeting_is_read():
    text = MINUTES + "The report was considered by the Licensing Committee on 26 November 2009.\n"
    assert ("Licensing Committee", "2009-11-26") in proposed_meetings(text, REPORT)


def test_an_additional_meeting_named_without_a_body_is_one_of_the_body_whose_minutes_these_are():
    text = (
        MINUTES
        + "The Chair reminded the Committee that there was an additional meeting on Tuesday 5th January, 2010.\n"
    )
    body = "Tollerdown Children & Young People's Overview & Scrutiny Committee"
    assert (body, "2010-01-05") in proposed_meetings(text, REPORT)


def test_a_second_day_joined_to_a_meeting_day_is_another_meeting_of_that_body():
    text = MINUTES + "The School Exclusions Panel met on the 14 October 2009 & 5 November 2009 to gather evidence.\n"
    meetings = proposed_meetings(text, REPORT)
    assert ("School Exclusions Panel", "2009-10-14") in meetings
    assert ("School Exclusions Panel", "2009-11-05") in meetings


def test_states_the_sentence_before_calls_priorities_are_priorities():
    text = TITLE + (
        "Four priorities have been identified. They aim for children and young people to be well, inspired, safe "
        "and heard.\n"
    )
    assert proposed_names(text, "priority", REPORT) == ["well", "inspired", "safe", "heard"]
    assert proposed_names(text, "outcome", REPORT) == []


BOARD = "Tollerdown Children's Partnership Board\nTuesday, 5th January, 2021 4.00 pm\n\nItems\n\n"


def test_an_agenda_line_of_the_meeting_held_on_a_day_is_the_boards_earlier_meeting():
    text = BOARD + "Minutes\n\nOf the meeting held on 23 September 2020 (for confirmation)\n"
    assert ("Tollerdown Children's Partnership Board", "2020-09-23") in proposed_meetings(text, REPORT)


def test_a_condition_before_the_minutes_of_the_meeting_held_on_a_day_still_dates_that_meeting():
    text = BOARD + "Subject to one amendment, the minutes of the meeting held on 29 September 2020 were confirmed.\n"
    assert ("Tollerdown Children's Partnership Board", "2020-09-29") in proposed_meetings(text, REPORT)


def test_the_month_meeting_named_without_a_body_is_one_of_the_body_whose_minutes_these_are():
    text = BOARD + "The final plan will be presented at the March 2021 meeting for adoption.\n"
    assert ("Tollerdown Children's Partnership Board", "2021-03") in proposed_meetings(text, REPORT)


def test_the_month_meeting_after_a_body_is_that_bodys_meeting():
    text = BOARD + "The plan went to the Cabinet at the March 2021 meeting.\n"
    assert ("Cabinet", "2021-03") in proposed_meetings(text, REPORT)


def test_a_decision_records_date_of_decision_under_a_committee_dates_its_meeting():
    text = (
        "Decision\n\nTollerdown Child Friendly Plan\n\nDecision Maker: Cabinet\n\nIs Key Decision?: Yes\n\n"
        "Date of Decision: September 10, 2025\n\nResolved: that Cabinet endorses the plan.\n"
    )
    assert ("Cabinet", "2025-09-10") in proposed_meetings(text, REPORT)


def test_a_decision_records_date_under_a_cabinet_member_dates_no_meeting():
    text = (
        "Decision\n\nTollerdown Child Friendly Plan\n\nDecision Maker: Cabinet Member for Children\n\n"
        "Date of Decision: September 10, 2025\n\nDecision: to approve the plan.\n"
    )
    assert proposed_meetings(text, REPORT) == []


def test_a_decision_pages_decided_at_meeting_is_its_own_meeting_not_an_earlier_one_its_decision_names():
    """The committee system's decision page (a fixture copied from Kirklees's Modern.gov) approves the minutes of
    23 September 2015 at the meeting of 19 October 2015: the page's date is the later one."""
    page = Path(__file__).resolve().parent / "fixtures" / "moderngov" / "kirklees_ieDecisionDetails.html"
    draft = extract_file(page)
    assert draft.report_date == "2015-10-19"
    assert ("Policy Committee", "2015-09-23") in [(p.value["body"], p.value["date"]) for p in draft.by_kind("meeting")]


def test_a_meeting_said_to_be_held_on_a_day_with_no_body_named_is_the_minutes_own_bodys():
    text = BOARD + "No minutes were circulated from the last meeting as it was held on Tuesday 8 December 2020.\n"
    assert ("Tollerdown Children's Partnership Board", "2020-12-08") in proposed_meetings(text, REPORT)


def test_an_event_held_on_a_day_with_no_meeting_in_the_sentence_dates_no_meeting():
    text = BOARD + "The family fun day was held on Saturday 12 December 2020 in the park.\n"
    assert proposed_meetings(text, REPORT) == [("Tollerdown Children's Partnership Board", "2021-01-05")]


def test_a_committee_system_line_with_an_impossible_date_dates_nothing_and_reads_on():
    text = "Decided at meeting: 31/02/2015 - Policy Committee\n\nMeeting: 31/02/2015 - Cabinet (Item 4)\n\nThe plan.\n"
    assert all(date is None for _, date in proposed_meetings(text, REPORT))


def test_the_month_meeting_of_another_body_is_not_the_minutes_own():
    text = BOARD + "The plan will be reported at the March 2021 meeting of the Health and Wellbeing Board.\n"
    assert ("Tollerdown Children's Partnership Board", "2021-03") not in proposed_meetings(text, REPORT)


def test_an_additional_meeting_with_others_is_not_one_of_the_minutes_own_body():
    text = BOARD + "Officers will hold an additional meeting on 12 May 2021 with head teachers.\n"
    assert ("Tollerdown Children's Partnership Board", "2021-05-12") not in proposed_meetings(text, REPORT)


def test_a_decision_record_of_one_officer_dates_no_meeting():
    text = "Decision\n\nDecision Maker: Chief Executive\n\nDate of Decision: 10 September 2025\n\nDecision: approved.\n"
    assert proposed_meetings(text, REPORT) == []


def test_a_decision_due_window_is_not_a_meetings_day():
    text = "Issue details\n\nTollerdown Children's Plan\n\nDecision due: Not before 20 Sep 2023 by Cabinet\n"
    assert ("Cabinet", "2023-09-20") not in proposed_meetings(text, REPORT)


def test_short_initials_the_document_does_not_define_are_no_body():
    text = MINUTES + "Members noted the Corporate Parenting Panel's work and the CPP on 31 March 2020.\n"
    assert all(body != "CPP" for body, _ in proposed_meetings(text, REPORT))


def test_a_list_set_out_below_a_dash_is_not_the_clause_after_the_dash():
    text = TITLE + "Our priorities are set out below – we consulted schools, parents, and young people.\n"
    assert proposed_names(text, "priority", REPORT) == []


def test_what_too_many_children_are_is_no_outcome():
    text = TITLE + "Too many children and young people are obese, absent from school, or living in poverty.\n"
    assert proposed_names(text, "outcome", REPORT) == []
