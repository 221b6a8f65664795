"""A report's own meeting takes its date only from words that date the meeting: its header line, not a
paragraph of prose under it nor a web page's dated bullet; and its body is named without the cover sheet's
"Report to" or a note's "From". An Executive Councillor for a service decides as a Cabinet Member does.
Short texts written for these tests about fictional authorities (Brackwater, Eastholme, Kellbridge)."""

from __future__ import annotations

from tests.support.extraction import proposed_meetings


def _meetings(text: str, name: str = "brackwater-page") -> list[tuple[str, str | None]]:
    return proposed_meetings(text, name)


def test_a_date_in_prose_under_a_signature_is_not_a_meeting_date():
    text = (
        "Brackwater Borough Council\n\nImpact Report 2019\n\n"
        "Councillor Ann Reed Cabinet Member for Children, Young People and Schools\n\n"
        "We are a year into the delivery of our plan and there is much to be proud of across the partnership. "
        "In November 2018 the children's services of Brackwater were rated good by inspectors, a sign that the "
        "improvement work of the last two years has taken hold in every team.\n"
    )
    assert [m for m in _meetings(text) if m[1]] == []


def test_a_web_pages_dated_bullet_under_a_partnerships_name_is_not_its_meeting():
    text = (
        "Eastholme Children and Young People's Partnership\n\n"
        "- August 5, 2024\n"
        "- Categories: News, Partners\n\n"
        "Last month the partnership held a workshop to agree a shared vision for children in Eastholme.\n"
    )
    assert [m for m in _meetings(text, "eastholme-page") if m[1] == "2024-08-05"] == []


def test_a_cover_sheets_report_to_the_cabinet_is_a_meeting_of_the_cabinet():
    text = "Kellbridge City Council\n\nREPORT TO THE CABINET\n\nDate : 23 MAY 2006\n\nTitle : Children's Plan\n"
    assert ("Cabinet", "2006-05-23") in _meetings(text, "kellbridge-cover")


def test_an_executive_councillors_decision_on_a_day_is_the_executive_councillors_meeting():
    text = (
        "Brackwater Borough Council\n\nThe Committee considered the draft plan of the Brackwater Partnership, "
        "which is due to be considered by the Executive Councillor for Children's Services on 27 January 2014.\n"
    )
    assert ("Executive Councillor for Children's Services", "2014-01-27") in _meetings(text)


def test_a_cover_sheet_flattened_into_one_paragraph_names_the_body_and_day_it_reports_to():
    text = (
        "For General Release REPORT TO: CABINET 8 th JUNE 2020 SUBJECT: Children and Young People's Plan "
        "LEAD OFFICER: Director of Children's Services, Eastholme Metropolitan Borough Council WARDS: All\n"
    )
    assert ("Cabinet", "2020-06-08") in _meetings(text, "eastholme-cover")


def test_a_cover_sheet_names_a_commission_by_its_remit_and_dates_it_on_the_next_line():
    text = "Kellbridge City Council\n\nREPORT TO THE COMMISSION FOR CHILDREN AND SCHOOL RESULTS\n\n1 FEBRUARY 2006\n"
    assert ("Commission for Children and School Results", "2006-02-01") in _meetings(text, "kellbridge-paper")
