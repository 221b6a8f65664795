"""Body names as councils print them: with a year or a bracketed kind inside, with "&" or "Well Being",
beside their board, and a post that starts with a body's name. Short fictional reports (Brackenmoor)."""

from __future__ import annotations

from kg.imports.extract import extract_text
from kg.imports.extract.rules.context import name_spans


def _bodies(text: str) -> dict[str, str]:
    draft = extract_text(f"Brackenmoor Council\n\n{text}\n", "brackenmoor-report")
    return {str(p.value["name"]): str(p.value["body_kind"]) for p in draft.by_kind("body")}


def test_a_year_inside_a_name_stays_in_the_name():
    assert "Brackenmoor 2020 Board" in [n for _, _, n in name_spans("The Brackenmoor 2020 Board met in June.")]


def test_a_bracketed_kind_inside_a_name_stays_in_the_name():
    names = [n for _, _, n in name_spans("Responsibility rested with the BrackOK (Children's Trust) Board.")]
    assert "BrackOK (Children's Trust) Board" in names


def test_a_year_never_starts_a_name():
    assert not any(n[0].isdigit() for _, _, n in name_spans("In 2011 Cabinet approved the Plan."))


def test_the_cabinet_member_for_a_portfolio_is_a_post_not_the_cabinet():
    assert "Cabinet" not in _bodies("The Cabinet member for Young People introduced the Plan.")


def test_a_trust_and_its_board_are_two_bodies():
    bodies = _bodies(
        "The Brackenmoor Children and Young People's Trust owns the Plan. The Brackenmoor Children and Young"
        " People’s Trust Board agreed it."
    )
    assert {
        "Brackenmoor Children and Young People's Trust",
        "Brackenmoor Children and Young People’s Trust Board",
    } <= set(bodies)


def test_well_being_in_two_words_is_a_health_and_wellbeing_board():
    assert _bodies("The Health and Well Being Board considered the Plan.")["Health and Well Being Board"] == (
        "HealthAndWellbeingBoard"
    )


def test_an_ampersand_in_a_name_reads_as_and():
    bodies = _bodies("The Brackenmoor Children & Young People's Trust Board agreed the Plan.")
    assert bodies["Brackenmoor Children & Young People's Trust Board"] == "ChildrensTrustBoard"


def _partners(text: str) -> dict[str, str]:
    draft = extract_text(f"Brackenmoor Council\n\n{text}\n", "brackenmoor-report")
    return {str(p.value["name"]): str(p.value["partner_kind"]) for p in draft.by_kind("partner")}


def test_a_youth_justice_service_is_a_youth_offending_service_partner():
    found = _partners("The Plan was written with the Brackenmoor Youth Justice Service and the police.")
    assert found["Brackenmoor Youth Justice Service"] == "YouthOffendingService"


def test_a_cvs_is_a_voluntary_sector_partner():
    assert _partners("Partners include Brackenmoor CVS and the police.")["Brackenmoor CVS"] == (
        "VoluntarySectorOrganisation"
    )


def test_a_survey_named_after_schools_is_not_a_partner():
    assert "Brackenmoor Schools Survey" not in _partners("Pupils took part in the Brackenmoor Schools Survey.")


def test_the_board_of_a_partner_names_that_partner_too():
    assert "NHS Brackenmoor" in _partners("The NHS Brackenmoor Board agreed the Plan.")


def test_portfolios_after_a_cabinet_members_label_are_not_partners():
    assert _partners("Cabinet Members: Children, Young People & Families and Schools Improvement") == {}


def test_an_nhs_body_named_for_two_places_is_one_partner():
    draft = extract_text(
        "Brackenmoor Council\n\nThe partnership's members are the Council and NHS Brackenmoor and Wyebury Integrated"
        " Care Board.\n",
        "brackenmoor-report",
    )
    names = [str(p.value["name"]) for p in draft.by_kind("partner")]
    assert "NHS Brackenmoor and Wyebury Integrated Care Board" in names
    assert "Wyebury Integrated Care Board" not in names


def test_a_youth_assembly_is_a_body():
    assert _bodies("The Brackenmoor Youth Assembly chose the plan's three outcomes.").get("Brackenmoor Youth Assembly")


def test_a_cabinet_member_named_as_decision_maker_in_a_records_table_is_a_body():
    draft = extract_text(
        "<html><body><h1>Brackenmoor Council</h1><table><tr><th>Decision Maker:</th>"
        "<td>Cabinet Member for Children's Services</td></tr></table>"
        "<p>Decision: That the Plan be approved.</p></body></html>",
        "brackenmoor-decision",
        html=True,
    )
    bodies = {str(p.value["name"]): p.value["body_kind"] for p in draft.by_kind("body")}
    assert bodies.get("Cabinet Member for Children's Services") == "CabinetMember"


def test_a_partnership_of_schools_is_a_schools_partner_not_a_body():
    text = "4.2 Schools were consulted through the Brackenmoor Education Partnership."
    assert _partners(text).get("Brackenmoor Education Partnership") == "SchoolsPartner"
    assert "Brackenmoor Education Partnership" not in _bodies(text)


def test_a_forum_of_head_teachers_is_a_schools_partner():
    assert _partners("The Brackenmoor Primary Heads' Forum was consulted.") == {
        "Brackenmoor Primary Heads' Forum": "SchoolsPartner"
    }


def test_an_inspectorate_is_not_a_partner():
    found = _partners("The plan answers the Care Quality Commission's review and was written with Brackenmoor Police.")
    assert "Care Quality Commission" not in found


def test_a_board_named_with_a_partners_words_is_a_body():
    assert _bodies("The Brackenmoor Early Years Board met in May.").get("Brackenmoor Early Years Board") == "Other"


def test_an_integrated_care_board_stays_a_partner():
    assert "Brackenmoor Integrated Care Board" in _partners(
        "The plan was written with the Brackenmoor Integrated Care Board."
    )


def test_a_short_reference_to_a_named_board_is_not_another_body():
    bodies = _bodies(
        "The Plan was agreed by the Brackenmoor Children's Trust Board on 8th June. The Trust Board had decided to"
        " keep a plan."
    )
    assert "Trust Board" not in bodies


def test_a_bodys_name_before_a_document_or_post_word_names_that_not_the_body():
    bodies = _bodies("It builds on the Children's Trust needs assessment. Rachel Coombe, Children's Trust Manager.")
    assert "Children's Trust" not in bodies


def test_a_pledge_named_for_children_in_care_is_not_a_partner():
    assert _partners("The Board signed the Brackenmoor Pledge for Children in Care.") == {}


def test_a_board_named_with_a_partners_words_names_no_partner_of_its_own():
    assert "Brackenmoor Early Years" not in _partners("The Brackenmoor Early Years Board met in May.")


def test_a_partners_abbreviated_name_beside_its_full_name_is_one_partner():
    found = _partners(
        "NHS Brackenmoor Clinical Commissioning Group wrote the health section. NHS Brackenmoor CCG will fund it."
    )
    assert list(found) == ["NHS Brackenmoor Clinical Commissioning Group"]


def test_a_partners_generic_name_beside_its_place_name_is_one_partner():
    found = _partners("The Brackenmoor Integrated Care Board joined. The Integrated Care Board will fund it.")
    assert list(found) == ["Brackenmoor Integrated Care Board"]


def test_a_children_and_families_trust_is_a_childrens_trust():
    found = _bodies("Fernbrook's Children and Families' Trust is the main partnership of local agencies.")
    assert found.get("Fernbrook's Children and Families' Trust") == "ChildrensTrust"


def test_a_trust_named_before_its_priorities_is_the_trust():
    found = _bodies("Fernbrook Children's Trust Priorities 2024-27")
    assert found.get("Fernbrook Children's Trust") == "ChildrensTrust"


def test_the_executive_beside_the_cabinet_is_the_same_body():
    found = _bodies("Cabinet noted the plan.\n\nExecutive to consider the report and refer the Plan to scrutiny.")
    assert "Executive" not in found and found.get("Cabinet") == "Cabinet"


def test_a_board_written_by_its_initials_beside_its_full_name_is_one_body():
    text = "The Children & Young People's Trust Board met. The plan went to the CYPT Board today."
    assert "CYPT Board" not in _bodies(text)


def test_a_youth_council_is_a_body_children_take_part_in_not_a_partner():
    draft = extract_text(
        "The plan was shaped by the Tollerdown Youth Council and the Looked After Children's Council.\n", "r"
    )
    assert {p.value["name"] for p in draft.by_kind("body")} >= {
        "Tollerdown Youth Council",
        "Looked After Children's Council",
    }
    assert draft.by_kind("partner") == []
