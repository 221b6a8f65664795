"""Minutes that say a body "was advised" or "was told" report what it heard at a meeting: a meeting of that
body, undated where the page prints no date. Short minutes written for these tests about a fictional authority
(Brackwater)."""

from __future__ import annotations

from tests.support.extraction import proposed_meetings


def _meetings(text: str) -> list[tuple[str, str | None]]:
    return proposed_meetings(f"Brackwater Borough Council\n\n{text}\n", "brackwater-minutes")


def test_a_cabinet_that_was_advised_of_the_draft_plan_met_on_a_day_the_page_does_not_print():
    text = "Cabinet was advised that the draft Children and Young People's Plan had been written with young people."
    assert _meetings(text) == [("Cabinet", None)]


def test_a_body_informed_in_passing_within_a_sentence_is_not_a_meeting():
    text = "The plan says the Cabinet was informed by the views of children, as the survey shows."
    assert _meetings(text) == []
