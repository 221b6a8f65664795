"""Meetings in the forms real pages print them, and dates that are not a meeting's. Short fictional reports
(Brackenmoor, a fictional authority of the corpus)."""

from __future__ import annotations

from kg.imports.extract import extract_document
from kg.imports.extract.document import read_text
from tests.support.extraction import proposed_meetings


def _meetings(text: str) -> list[tuple[str, str | None]]:
    return proposed_meetings(f"Brackenmoor Council\n\n{text}\n", "brackenmoor-report")


def test_a_consultee_bullet_naming_a_body_on_a_date_is_its_meeting():
    found = _meetings("Consultees:\n\n- Children and Young People Overview and Scrutiny Panel on 24 February 2011;\n")
    assert ("Children and Young People Overview and Scrutiny Panel", "2011-02-24") in found


def test_a_date_in_the_main_clause_is_not_the_meeting_of_a_body_in_an_if_clause():
    found = _meetings(
        "(1) If Cabinet approves it, the Plan will be launched at the Brackenmoor Youth Summit on Wednesday"
        " 2 July 2025."
    )
    assert not [m for m in found if m[1]]


def test_a_report_to_bring_to_a_body_in_a_month_is_that_bodys_meeting_in_that_month():
    found = _meetings(
        "Cabinet\n\nRESOLVED - That the Director be requested to bring a report on progress to the Cabinet in"
        " January 2012."
    )
    assert ("Cabinet", "2012-01") in found


def test_the_body_a_plan_is_to_be_submitted_to_has_an_undated_meeting():
    found = _meetings("The Plan will be submitted to full Council for adoption as part of the policy framework.")
    assert [m for m in found if m[0].endswith("Council")] == [(found[0][0], None)]


def test_a_decision_record_names_its_decision_maker_meeting_undated():
    assert _meetings("Decision Maker: Cabinet\n\nDecision: That the Plan be approved.") == [("Cabinet", None)]


def test_a_cabinet_member_decision_has_no_meeting():
    found = _meetings("Decision Maker: Cabinet Member for Children's Services\n\nDecision: That the Plan be approved.")
    assert found == []


def test_a_cover_sheet_field_for_the_meeting_date_dates_the_body_the_report_is_to():
    found = _meetings("Report to: Cabinet\nDate of meeting: 10 February 2026\nReport of: Director of Children's")
    assert ("Cabinet", "2026-02-10") in found


def test_a_report_to_come_to_a_body_in_a_season_is_that_bodys_meeting_in_that_year():
    found = _meetings("(d) ask for a report on the first year's progress to be brought to Cabinet in spring 2027.")
    assert ("Cabinet", "2027") in found


def test_a_background_paper_named_as_a_bodys_report_of_a_day_is_that_bodys_meeting():
    found = _meetings(
        "Report to: Scrutiny Committee\nDate of meeting: 2 March 2026\n\n"
        "Background papers: Cabinet report of 8 July 2025, 'Developing the next plan'."
    )
    assert ("Cabinet", "2025-07-08") in found


def test_a_yearless_day_takes_the_year_the_running_header_prints():
    document = read_text(
        "HEALTH AND WELLBEING BOARD\n\nDate: Thursday 14 June\n\n"
        "6.1 The next progress report will come to the Board on Thursday 13 December.\n",
        "brackenmoor-board",
    )
    document.page_headers = ["Brackenmoor Health and Wellbeing Board - 2018"]
    meetings = extract_document(document, "brackenmoor-board").by_kind("meeting")
    assert "2018-12-13" in [p.value.get("date") for p in meetings]


def test_a_body_that_acted_on_a_day_printed_without_its_year_has_an_undated_meeting():
    found = _meetings("The plan had been agreed by the Brackenmoor Children's Trust Board on 8th June.")
    assert ("Brackenmoor Children's Trust Board", None) in found


def test_a_named_board_of_no_listed_kind_that_approved_in_a_month_has_an_undated_meeting():
    found = _meetings(
        "Members noted the Youth Justice Plan, which the Youth Justice Management Board approved in August."
    )
    assert ("Youth Justice Management Board", None) in found


def test_the_minutes_of_a_meeting_of_the_council_date_the_councils_meeting():
    found = _meetings(
        "RESOLVED - That the minutes of the meeting of the Council held on 24 November 2004 be approved as a correct"
        " record."
    )
    assert ("Council", "2004-11-24") in found


def test_the_executive_member_is_not_the_executive_meeting():
    found = _meetings(
        "The Executive Member reported that the Children's Trust Board would hold a special meeting, date to be"
        " confirmed, to agree the action plan."
    )
    assert found == [("Children's Trust Board", None)]


def test_a_target_year_under_a_lead_line_is_not_the_leads_meeting():
    found = _meetings(
        "Early help that works for families\n\nLead: Brackenmoor Family Hubs Board\n\n"
        "We will open a family hub in each district by the end of 2024.\n"
    )
    assert not [m for m in found if m[1]]


def test_a_deadline_month_after_a_body_is_not_its_meeting():
    found = _meetings(
        "The Corporate Parenting Panel agreed that every care leaver will have a pathway plan by March 2025."
    )
    assert not [m for m in found if m[1] == "2025-03"]


def test_a_date_a_body_works_until_is_not_its_meeting():
    found = _meetings("The Children's Trust Board considered the plan, which runs until 31 March 2027.")
    assert not [m for m in found if m[1] == "2027-03-31"]


def _board_meetings(text: str, header: str) -> list[str | None]:
    document = read_text(f"CHILDREN'S TRUST BOARD\n\nDate: Thursday 21 January\n\n{text}\n", "brackenmoor-board")
    document.page_headers = [header]
    return [p.value.get("date") for p in extract_document(document, "brackenmoor-board").by_kind("meeting")]


def test_the_next_meetings_yearless_day_takes_the_header_year_when_it_falls_later():
    dates = _board_meetings("7. Date of next meeting\n\nThursday 18 March, 2.00pm, County Hall.", "Minutes 2010")
    assert "2010-03-18" in dates


def test_the_next_meetings_yearless_day_before_this_meeting_stays_undated():
    dates = _board_meetings("7. Date of next meeting\n\nThursday 14 January, 2.00pm, County Hall.", "Minutes 2010")
    assert not [d for d in dates if d and d.endswith("01-14")]


def test_a_yearless_month_after_the_meeting_takes_the_header_year():
    dates = _board_meetings("The final plan will then go to full Council in April for adoption.", "Minutes 2010")
    assert "2010-04" in dates


def test_a_body_that_meets_on_a_day_has_its_meeting_that_day():
    dates = _board_meetings(
        "(d) ask the transition group to confirm a health lead before the Board meets on 14 October.", "Minutes 2010"
    )
    assert "2010-10-14" in dates


def test_a_plan_recommended_to_council_for_adoption_on_a_day_is_councils_meeting_that_day():
    found = _meetings("(ii) endorse the Plan and recommend it to Council for adoption on 26 February 2026;")
    assert ("Council", "2026-02-26") in found


def test_the_last_meetings_yearless_day_after_this_meeting_is_the_year_before_so_undated():
    dates = _board_meetings(
        "The minutes of the meeting on 19 November were agreed as a correct record.", "Minutes 2010"
    )
    assert None in dates and not [d for d in dates if d and d.endswith("11-19")]


def test_a_body_acting_at_its_named_months_meeting_has_that_meeting_undated_without_a_year():
    found = _meetings(
        "The Brackenmoor Children's Partnership agreed the leads. Priority 5 has no lead yet; the Partnership will"
        " appoint one at its April meeting."
    )
    assert ("Brackenmoor Children's Partnership", None) in found


def test_an_extraordinary_meeting_under_the_next_meeting_heading_is_a_second_undated_meeting():
    dates = _board_meetings(
        "7. Date of next meeting\n\n7.1 Wednesday 18 March 2010 at 2.00 pm, County Hall. An extraordinary meeting of"
        " the Board will be held in the autumn, date to be confirmed.",
        "Minutes 2010",
    )
    assert "2010-03-18" in dates and None in dates


def test_a_body_recommended_to_approve_in_a_month_has_a_meeting_then():
    dates = _board_meetings("The Board agreed the Plan and recommended that Cabinet approve it in September.", "2010")
    assert "2010-09" in dates


def test_a_month_without_a_year_in_an_opening_paragraph_does_not_date_the_reports_own_meeting():
    found = _meetings("The Brackenmoor Children's Trust Board recommended that Cabinet approve the Plan in September.")
    assert not [m for m in found if m[0] == "Brackenmoor Children's Trust Board"]


def test_a_body_that_received_a_report_met_on_a_day_the_page_does_not_print():
    text = "Agenda item\n\nCabinet received a report seeking approval of the Fernbrook Children's Plan.\n"
    assert _meetings(text) == [("Cabinet", None)]


def test_a_body_that_received_a_report_is_not_a_second_meeting_where_the_page_dates_one():
    text = "Cabinet, 4 May 2024\n\nCabinet received a report on the Fernbrook Children's Plan.\n"
    assert [date for _, date in _meetings(text)] == ["2024-05-04"]


def test_the_date_a_previous_plan_concluded_is_not_the_meeting_date():
    text = (
        "Cabinet considered the report of the Director which sought approval of the Fernbrook Plan 2025-26,"
        " following the conclusion of the previous Plan in March 2025.\n"
    )
    assert ("Cabinet", "2025-03") not in _meetings(text)


def test_a_day_joined_to_a_dated_day_shares_its_year():
    text = (
        "Cabinet – 20th January 2026\n\n3.1 Executive to consider the report and refer the Plan to"
        " Children's Services Scrutiny Forum (9th February & 9th March 2026) for comment.\n"
    )
    assert ("Children's Services Scrutiny Forum", "2026-02-09") in _meetings(text)


def test_a_mayor_deciding_alone_holds_no_meeting():
    text = "Decision details\n\nDecision Maker: Deputy Mayor\n\nThe Deputy Mayor approved the Fernbrook Plan.\n"
    assert _meetings(text) == []
