"""A page whose header lines were run together into its first paragraph still names its own meeting: the body's
name and then, with at most a label ("Notes of meeting on") or a time between, the day. Short texts written for
these tests about a fictional authority (Brackwater)."""

from __future__ import annotations

from tests.support.extraction import proposed_meetings

_ATTENDEES = (
    "Attendees: Ann Reed (Chair), Tom Hale, Priya Shah, Colin Moss, Dee Ward, Sam Hart, Lee Park, Kim Dale, "
    "Jo Bell, Ray Cole, Ali Khan, Bev Lund. Apologies: Max Fenn, Ros Clay. 1. Apologies The apologies were noted."
)


def test_a_body_and_its_notes_of_meeting_on_a_day_run_into_one_paragraph_are_its_meeting():
    text = f"Minutes Brackwater Children's Trust Board Notes of meeting on 4th May 2010 {_ATTENDEES}\n"
    assert ("Brackwater Children's Trust Board", "2010-05-04") in proposed_meetings(text, "brackwater-notes")


def test_a_body_a_time_and_a_day_run_into_one_paragraph_are_its_meeting():
    text = f"Brackwater Children and Families Trust 4 – 6pm, Tuesday 4th May 2010 Room 2, Town Hall {_ATTENDEES}\n"
    assert ("Brackwater Children and Families Trust", "2010-05-04") in proposed_meetings(text, "brackwater-trust")


def test_a_day_after_other_words_in_a_run_together_paragraph_is_not_the_bodys_meeting():
    text = f"Brackwater Children's Trust Board papers are published when agreed, 4th May 2010 {_ATTENDEES}\n"
    assert [m for m in proposed_meetings(text, "brackwater-papers") if m[1]] == []
