"""Decisions written in the forms real reports use besides RESOLVED and RECOMMENDED, and narrative that
is not one. The reports are short fictional ones (Brackenmoor, a fictional authority of the corpus)."""

from __future__ import annotations

from kg.imports.extract import extract_text
from kg.imports.extract.document import read_text


def _decisions(text: str) -> list[dict]:
    return [p.value for p in extract_text(text, "brackenmoor-report").by_kind("decision")]


def test_a_numbered_that_the_body_verbs_paragraph_is_a_recommendation():
    found = _decisions(
        "Brackenmoor Council\n\n2.1 That the Council Executive endorses the Children and Young People's Plan"
        " 2006-9 for publication.\n"
    )
    assert [(d["verb"], d["status"], d["body"]) for d in found] == [("endorses", "recommended", "Council Executive")]


def test_a_decision_made_label_marks_what_follows_as_resolved():
    found = _decisions("Brackenmoor Council\n\nDecision Made: That the Children and Young People's Plan be approved.\n")
    assert [(d["verb"], d["status"]) for d in found] == [("approved", "resolved")]


def test_it_was_noted_that_is_narrative_not_a_decision():
    assert _decisions("Brackenmoor Council\n\nIt was noted that the Plan had been developed with partners.\n") == []


def test_a_decision_to_come_written_as_a_noun_is_intended_by_the_body_it_goes_to():
    found = _decisions(
        "Brackenmoor Council\n\nThe Plan would be scrutinised prior to submission to full Council in May"
        " for formal approval.\n"
    )
    assert [(d["verb"], d["status"]) for d in found] == [("approval", "intended")]
    assert found[0]["body"].endswith("Council")


def test_a_report_presenting_the_plan_for_endorsement_is_not_an_intended_decision():
    found = _decisions("Brackenmoor Council\n\nThis report presents the Plan to the Cabinet for endorsement.\n")
    assert not [d for d in found if d["status"] == "intended"]


def test_be_recommended_to_endorse_and_adopt_is_one_recommendation():
    found = _decisions(
        "Brackenmoor Council\n\nRECOMMENDED: That Council be recommended to endorse and adopt the Plan.\n"
    )
    assert len(found) == 1


def test_text_saved_with_one_line_per_paragraph_reads_each_line_as_a_block():
    lines = [
        "Issue - meetings",
        "Meeting: 31/03/2009 - Executive (Item 211)",
        "This report provides a briefing on the partnership work completed to produce a new Children and Young"
        " People's Plan 2009-12 for the City.",
        "RESOLVED: That the new Children and Young People's Plan for the City be endorsed and supported.",
        "REASON: To demonstrate the required local authority leadership of this key partnership planning activity.",
    ]
    blocks = read_text("\n".join(lines)).blocks
    assert [b.text for b in blocks] == lines[:1] + lines[1:]


def test_hard_wrapped_text_still_joins_its_lines():
    wrapped = (
        "The Board considered the draft Children and Young People's Plan and the results of\n"
        "the consultation with children and young people, parents and carers, schools and\n"
        "partners, and the comments of the scrutiny committee on the draft priorities and\n"
        "the proposed measures of success for the first year of the Plan.\n"
    )
    assert len(read_text(wrapped).blocks) == 1


def test_a_resolution_in_the_passive_keeps_its_verb_as_printed():
    found = _decisions("Brackenmoor Council\n\n6.2 AGREED: that a summary of the comments be sent to all schools.\n")
    assert [(d["verb"], d["status"]) for d in found] == [("sent", "resolved")]


def test_an_agreed_clause_without_a_verb_of_its_own_is_agreed():
    found = _decisions(
        "Brackenmoor Council\n\n3.1 AGREED: that the Youth Offending Team should have a seat on the Board.\n"
    )
    assert [(d["verb"], d["status"]) for d in found] == [("agreed", "resolved")]


def test_it_be_recommended_to_a_named_body_is_a_recommendation_to_that_body():
    found = _decisions(
        "Brackenmoor Council\n\nRESOLVED that:\n\n(i) it be recommended to the Council Executive that each priority"
        " in the plan has a named lead officer;\n"
    )
    assert [(d["verb"], d["status"], d["body"]) for d in found] == [("recommended", "recommended", "Council Executive")]


def test_minutes_signed_by_the_chair_are_one_decision_not_two():
    found = _decisions(
        "Brackenmoor Council\n\nRESOLVED that the minutes of the meeting held on 27th January 2009 be approved as a"
        " correct record and signed by the Chair.\n"
    )
    assert [d["verb"] for d in found] == ["approved"]


def test_a_plan_that_must_be_adopted_by_council_is_not_a_decision_taken():
    found = _decisions(
        "Brackenmoor Council\n\n6.3 The plan is part of the Council's policy framework, so it must be adopted by full"
        " Council.\n"
    )
    assert [d for d in found if d["status"] == "resolved"] == []


def test_recommending_the_plan_on_to_council_is_not_a_second_decision():
    found = _decisions(
        "Brackenmoor Council\n\nCabinet is asked to:\n\n(ii) endorse the Children & Young People's Plan 2026/29 and"
        " recommend it to Council for adoption on 26 February 2026;\n"
    )
    assert [d["verb"] for d in found] == ["endorse"]


def test_supporting_a_drafts_submission_to_cabinet_is_not_a_second_decision():
    found = _decisions(
        "Brackenmoor Council\n\nRESOLVED – That the Board note the draft Children & Young People's Plan and support"
        " its submission to Cabinet.\n"
    )
    assert [d["verb"] for d in found] == ["note"]


def test_a_second_body_agreeing_a_week_later_took_the_same_decision_at_an_undated_meeting():
    draft = extract_text(
        "Brackenmoor Council\n\nThe Plan was agreed by the Council's Executive on 9 March 2023 and by the Brackenmoor"
        " Children and Families Partnership a week later.\n",
        "brackenmoor-page",
    )
    partnership = "Brackenmoor Children and Families Partnership"
    assert [d.value["verb"] for d in draft.by_kind("decision") if d.value["body"] == partnership] == ["agreed"]
    assert [m.value["date"] for m in draft.by_kind("meeting") if m.value["body"] == partnership] == [None]


def test_asking_for_a_report_to_be_brought_is_a_request_with_the_verb_ask():
    found = _decisions(
        "Brackenmoor Council\n\nCabinet is asked to:\n\n(3) ask for the first annual progress report on the Plan to be"
        " brought to Cabinet in July 2026.\n"
    )
    assert [d["verb"] for d in found] == ["ask"]


def test_that_a_report_is_brought_takes_the_passive_verb():
    found = _decisions(
        "Brackenmoor Council\n\n2. RECOMMENDATIONS\n\n2.3 That a further report presenting the final Plan is brought to"
        " the Council Executive on March 30th 2006.\n"
    )
    assert [d["verb"] for d in found] == ["brought"]


def test_an_executive_member_noting_at_the_boards_meeting_is_not_a_decision():
    found = _decisions(
        "Brackenmoor Council\n\nEXECUTIVE BOARD\n\nMinutes of the meeting held on 20 July 2011\n\nThe Executive Member"
        " for Children's Services, Councillor Judith Blakey, welcomed the plan and noted that the Board would track"
        " it.\n"
    )
    assert not [d for d in found if d["body"].startswith("Executive Member")]


def test_be_recommended_to_approve_is_a_recommendation_with_the_verb_approve():
    found = _decisions(
        "Brackenmoor Council\n\nRESOLVED – That the County Council be recommended to approve the Children and Young"
        " People's Plan 2015/18.\n"
    )
    assert [(d["verb"], d["status"]) for d in found] == [("approve", "recommended")]


def test_recommended_that_cabinet_approve_is_a_recommendation_to_cabinet_to_approve():
    found = _decisions(
        "Brackenmoor Council\n\nThe Brackenmoor Children's Trust Board agreed the Plan and recommended that Cabinet"
        " approve it in June.\n"
    )
    assert ("approve", "recommended", "Cabinet") in [(d["verb"], d["status"], d["body"]) for d in found]


def test_a_body_that_will_appoint_has_an_intended_decision():
    found = _decisions(
        "Brackenmoor Council\n\nThe Brackenmoor Children's Partnership agreed the leads. Priority 5 has no lead yet;"
        " the Partnership will appoint one at its April meeting.\n"
    )
    assert ("appoint", "intended") in [(d["verb"], d["status"]) for d in found]


def test_a_body_that_will_receive_a_report_takes_no_decision():
    found = _decisions(
        "Brackenmoor Council\n\nThe Health and Wellbeing Board will receive an annual report on the plan.\n"
    )
    assert not [d for d in found if d["status"] == "intended"]


def test_council_be_recommended_in_capitals_to_adopt_is_a_recommendation_to_adopt():
    page = (
        "<p>Brackenmoor Council</p><p><b>Decision:</b></p><p>RESOLVED –</p>"
        "<p>(2) That Council be RECOMMENDED to adopt the Plan set out at Appendix A.</p>"
    )
    found = [p.value for p in extract_text(page, "brackenmoor-report", html=True).by_kind("decision")]
    assert ("adopt", "recommended") in [(d["verb"], d["status"]) for d in found]


def test_the_items_after_the_board_agreed_colon_are_its_decisions():
    found = _decisions(
        "Brackenmoor Council\n\nAfter discussion the Brackenmoor Children's Trust Board AGREED:\n\n"
        "- to endorse the draft plan for consultation with schools and partners;\n"
        "- that the draft be submitted to the Executive Board on 4 March; and\n"
        "- that a lead for each priority be proposed at the next meeting.\n"
    )
    assert [d["verb"] for d in found] == ["agreed to endorse", "submitted", "proposed"]


def _council_minutes(text: str) -> list[tuple[str, str]]:
    found = _decisions(f"Brackenmoor Council\n\nCOUNCIL\n\nMinutes of the meeting held on 8 December 2004\n\n{text}\n")
    return [(d["verb"], d["status"]) for d in found]


def test_an_amendment_carried_is_a_decision_taken():
    found = _council_minutes("On being put to the vote the amendment was CARRIED and became the substantive motion.")
    assert ("CARRIED", "resolved") in found


def test_the_recommendation_of_the_executive_that_the_plan_be_adopted_is_a_recommendation_to_adopt():
    found = _council_minutes(
        "The Council considered the recommendation of the Council Executive from its meeting on 18th November 2004"
        " that the Children and Young People Plan 2004-7 be adopted."
    )
    assert ("adopted", "recommended") in found


def test_a_verb_inside_what_is_added_is_not_a_second_decision():
    found = _council_minutes(
        "RESOLVED - That the Plan be adopted, with the addition of a sixth priority, to identify and support young"
        " carers."
    )
    assert found == [("adopted", "resolved")]


def test_a_report_to_come_back_is_a_request_with_the_verb_come_back_not_the_noun_report():
    found = _council_minutes(
        "RESOLVED that:\n\n(c) a progress report on the plan come back to the Sub-Committee in six months."
    )
    assert found == [("come back", "resolved")]
