"""Meetings in the forms real pages print them, and dates that are not a meeting's. Short fictional reports
(Brackenmoor, a fictional authority of the corpus)."""

from __future__ import annotations

from kg.imports.extract import extract_text


def _meetings(text: str) -> list[tuple[str, str | None]]:
    draft = extract_text(f"Brackenmoor Council\n\n{text}\n", "brackenmoor-report")
    return [(str(p.value["body"]), p.value.get("date")) for p in draft.by_kind("meeting")]


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
