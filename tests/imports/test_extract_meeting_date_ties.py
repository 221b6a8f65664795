"""A meeting takes a date only from words that tie the date to that meeting: the date hangs on "on", "in" or
"at its meeting on" in the body's own clause, or a header's date line dates the header's body. A target, a
deadline, a consultation's window, a publication or print date, a plan's period, a next review, a running
footer's date and the date under a signature belong to something else. Short texts written for these tests
about a fictional authority (Brackwater)."""

from __future__ import annotations

import pytest

from tests.support.extraction import proposed_meetings

_COUNCIL = "Brackwater Borough Council\n\n"


def _dated(text: str) -> list[tuple[str, str | None]]:
    return [m for m in proposed_meetings(_COUNCIL + text, "brackwater-ties") if m[1]]


@pytest.mark.parametrize(
    "text",
    [
        "The Cabinet agreed that the Partnership will halve the number of children missing school by March 2025.\n",
        "The Health and Wellbeing Board noted that responses must be returned no later than 14 February 2023.\n",
    ],
    ids=["target", "deadline"],
)
def test_a_target_or_deadline_is_not_a_meeting_date(text: str):
    assert _dated(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The Cabinet noted that the consultation on the draft plan opened on 3 January 2022 and closes on 28 February "
        "2022.\n",
        "The Scrutiny Committee was told the public consultation runs from 3 January 2022 to 28 February 2022.\n",
        "The Children's Trust Board endorsed a consultation with young people between 1 May and 30 June 2019.\n",
    ],
    ids=["opens-and-closes", "runs-from-to", "between"],
)
def test_a_consultations_window_is_not_a_meeting_date(text: str):
    assert _dated(text) == []


def test_a_publication_date_in_a_clause_of_its_own_is_not_a_meeting_date():
    text = "The Cabinet noted the plan, which was published on 4 April 2019 and is on the council's website.\n"
    assert _dated(text) == []


def test_a_print_line_under_a_minute_is_not_its_meeting_date():
    text = (
        "Children and Young People's Plan\n\nThe Children's Trust Board approved the plan.\n\nPrinted 12 March 2018\n"
    )
    assert _dated(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The Cabinet approved the Children and Young People's Plan for 1 April 2020 to 31 March 2023.\n",
        "The Children's Trust Board agreed the plan, which runs from April 2020 until March 2023.\n",
        "The Cabinet agreed that the new arrangements take effect from 1 April 2021.\n",
        "The Cabinet noted performance for the year ending 31 March 2022.\n",
    ],
    ids=["for-a-to-b", "runs-from", "takes-effect", "year-ending"],
)
def test_a_plans_period_is_not_a_meeting_date(text: str):
    assert _dated(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The Cabinet approved the plan. Next review due: September 2024.\n",
        "The Health and Wellbeing Board approved the strategy; it will be reviewed in September 2024.\n",
    ],
    ids=["next-review-due", "will-be-reviewed"],
)
def test_a_next_review_is_not_a_meeting_date(text: str):
    assert _dated(text) == []


def test_an_event_the_body_agreed_to_hold_is_not_its_meeting():
    text = (
        "The Children's Trust Board agreed the plan would be launched on 2 July 2019 at the partnership conference.\n"
    )
    assert _dated(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The Children's Trust Board held a conference on 5 May 2019 for two hundred young people.\n",
        "The Cabinet noted the Minister's letter of 3 March 2020.\n",
    ],
    ids=["conference", "letter"],
)
def test_an_event_or_letter_named_between_the_body_and_the_date_owns_the_date(text: str):
    assert _dated(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "On 1 April 2021 the new plan started and the Cabinet agreed to monitor it.\n",
        "On 2 July 2019 young people launched the plan, which the Children's Trust Board had approved.\n",
    ],
    ids=["another-subject", "relative-clause"],
)
def test_an_opening_day_of_another_clause_is_not_a_later_bodys_meeting(text: str):
    assert _dated(text) == []


def test_a_running_footers_date_is_not_a_meeting_date():
    text = (
        "The Cabinet approved the plan for consultation.\n\nChildren's Plan report, 14 March 2019, page 2\n\n"
        "The Board will monitor progress.\n"
    )
    assert _dated(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Report of the Director of Children's Services to the Cabinet\n\nThe Cabinet is asked to approve the plan."
        "\n\nJane Doe\nDirector of Children's Services\n7 February 2019\n",
        "The Cabinet is asked to approve the plan.\n\nJane Doe, Director of Children's Services, 7 February 2019\n",
    ],
    ids=["lines", "one-line"],
)
def test_a_reports_date_under_a_signature_is_not_a_meeting_date(text: str):
    assert _dated(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The Cabinet approved the plan at its meeting on 14 March 2019.\n",
        "The plan was approved by the Cabinet on 14 March 2019.\n",
        "On 14 March 2019 the Cabinet approved the plan.\n",
        "The plan was drafted by the Children's Trust Board, which endorsed it on 14 March 2019.\n",
    ],
    ids=["at-its-meeting-on", "by-body-on", "opening-on", "which-endorsed-it-on"],
)
def test_a_date_in_the_bodys_own_clause_is_its_meeting_date(text: str):
    assert [m[1] for m in _dated(text)] == ["2019-03-14"]


def test_a_header_line_naming_the_body_then_a_colon_and_the_day_dates_its_meeting():
    text = (
        "Brackwater Children's Trust Board: 14 March 2019\n\nThe Board discussed the Children and Young People's "
        "Plan 2019-2022 and agreed its priorities.\n"
    )
    assert ("Brackwater Children's Trust Board", "2019-03-14") in proposed_meetings(text, "brackwater-colon")


def test_a_body_that_agreed_the_plan_when_it_met_on_a_day_met_that_day():
    text = (
        "Brackwater Borough Council\n\nThe Cabinet agreed the Children and Young People's Plan 2019-2022 when it "
        "met on 14 March 2019.\n"
    )
    assert ("Cabinet", "2019-03-14") in proposed_meetings(text, "brackwater-when-met")
