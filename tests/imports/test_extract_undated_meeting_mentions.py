"""Meetings a page states without printing their day are proposed undated, their year never guessed: a body
named with a day but no year ("(Wednesday, November 23)", "before the Cabinet on March 21"), and a paper taken,
presented or brought to a body or considered at it. Short texts written for these tests about a fictional
authority (Brackwater)."""

from __future__ import annotations

from tests.support.extraction import proposed_meetings


def _meetings(text: str) -> list[tuple[str, str | None]]:
    return proposed_meetings(f"{text}\n", "brackwater-news")


def test_a_councils_executive_told_of_the_plan_on_a_yearless_day_in_brackets_met_undated():
    text = (
        "The council's Executive (Wednesday, November 23) was told that the Brackwater Children and Young "
        "People's Plan focuses on what matters to children."
    )
    assert _meetings(text) == [("Executive", None)]


def test_reports_due_before_the_cabinet_on_a_yearless_day_are_an_undated_cabinet_meeting():
    text = (
        "Brackwater: three reports due before the council's Cabinet on March 21 describe how the borough will "
        "improve the lives of its children and families over the coming years."
    )
    assert _meetings(text) == [("Cabinet", None)]


def test_a_draft_taken_to_an_officer_group_with_no_date_printed_is_that_groups_undated_meeting():
    text = (
        "Brackwater Borough Council\n\nA draft of the plan had been taken to the Departmental Management Team "
        "before it came out for comment."
    )
    assert ("Departmental Management Team", None) in _meetings(text)


def test_a_plan_to_be_considered_at_a_trust_board_shortly_is_an_undated_meeting_of_it():
    text = "Brackwater Borough Council\n\nThe refreshed plan would be considered at the Children's Trust Board shortly."
    assert _meetings(text) == [("Children's Trust Board", None)]


def test_a_body_named_as_an_author_is_not_a_meeting():
    text = "Brackwater Borough Council\n\nThe plan was written by the Children's Trust Board with young people."
    assert _meetings(text) == []
