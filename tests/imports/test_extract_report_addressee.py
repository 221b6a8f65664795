"""A report with no dated header that states whom it is for names that body's meeting, kept undated: "to provide
the X with …", "The X are invited to consider …". Short texts written for these tests about a fictional authority
(Brackwater)."""

from __future__ import annotations

from tests.support.extraction import proposed_meetings


def test_a_report_to_provide_a_board_with_a_summary_is_for_that_boards_meeting_undated():
    text = (
        "4 Children and Young People's Plan\n\nReport of the Director of Children's Services to provide the "
        "Health and Wellbeing Board with a summary of the draft Brackwater Children and Young People's Plan.\n"
    )
    assert ("Health and Wellbeing Board", None) in proposed_meetings(text, "brackwater-summary")


def test_a_committee_invited_to_consider_a_report_is_the_reports_meeting_undated():
    text = (
        "7 Children and Young People's Plan PDF 90 KB\n\nThe People Scrutiny Committee are invited to consider the "
        "proposals for the Brackwater Children and Young People's Plan.\n"
    )
    assert ("People Scrutiny Committee", None) in proposed_meetings(text, "brackwater-invited")


def test_a_body_the_report_only_mentions_is_not_its_addressee():
    text = "7 Children's Plan\n\nThe plan was written with the People Scrutiny Committee and young people.\n"
    assert proposed_meetings(text, "brackwater-mention") == []


def test_priorities_for_a_board_and_a_bodys_approval_are_mentions_not_addressees():
    text = (
        "7 Children's Plan\n\nThe plan sets out priorities for the Health and Wellbeing Board and the terms of "
        "reference for the Children's Trust Board. It received Cabinet approval last year.\n"
    )
    assert proposed_meetings(text, "brackwater-for") == []
