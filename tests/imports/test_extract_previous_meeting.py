"""Minutes that take "the minutes of the previous meeting" state an earlier meeting of their own body: kept
undated where the minutes print no date for it, never given one. Short minutes written for these tests about a
fictional authority (Tollerdown)."""

from __future__ import annotations

from tests.support.extraction import proposed_meetings

HEADER = "Tollerdown Children's Trust Board\n\nMinutes of the meeting held on Thursday 20 September 2012\n\n"


def _meetings(text: str) -> list[tuple[str, str | None]]:
    return proposed_meetings(text, "tollerdown-minutes")


def test_the_previous_meeting_whose_minutes_are_agreed_is_an_undated_meeting_of_the_same_body():
    meetings = _meetings(HEADER + "2. Minutes of the previous meeting\n\nThe minutes were agreed as a true record.\n")
    assert ("Tollerdown Children's Trust Board", None) in meetings
    assert ("Tollerdown Children's Trust Board", "2012-09-20") in meetings


def test_matters_arising_from_the_previous_meeting_state_it_too():
    meetings = _meetings(HEADER + "2. Minutes / matters arising from previous meeting\n\nNone were raised.\n")
    assert ("Tollerdown Children's Trust Board", None) in meetings


def test_a_previous_meeting_with_its_date_printed_is_not_proposed_again_undated():
    meetings = _meetings(HEADER + "2. The minutes of the last meeting held on 11 July 2012 were agreed.\n")
    assert ("Tollerdown Children's Trust Board", "2012-07-11") in meetings
    assert ("Tollerdown Children's Trust Board", None) not in meetings


def test_the_previous_meeting_in_an_agenda_run_into_one_paragraph_is_kept_undated_though_a_later_item_has_a_date():
    text = (
        "Minutes Tollerdown Children's Trust Board Notes of meeting on 20th September 2012 Attendees: Ann Reed "
        "(Chair), Tom Hale, Priya Shah, Colin Moss, Dee Ward, Sam Hart, Lee Park. 1. Apologies for absence The "
        "apologies were noted. 2. Minutes / matters arising from previous meeting The minutes were agreed 3. "
        "Inspection The inspection report is expected to be published by 3 October 2012.\n"
    )
    assert ("Tollerdown Children's Trust Board", None) in _meetings(text)


def test_a_previous_meeting_whose_day_is_printed_in_brackets_after_it_is_not_proposed_again_undated():
    text = (
        "Brackwater Children's Trust Board\n\nMinutes of the previous meeting (Children's Trust Board, Tuesday 11th "
        "July 2012) were agreed as a true record.\n"
    )
    assert proposed_meetings(text, "brackwater-bracketed") == [("Children's Trust Board", "2012-07-11")]
