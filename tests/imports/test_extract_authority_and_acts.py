"""An authority named only in a possessive, and Acts cited with the year before the title, in brackets, or by
Part. Short fictional reports (Brackenmoor, a fictional authority of the corpus)."""

from __future__ import annotations

from kg.imports.extract import extract_text

LEG = "http://www.legislation.gov.uk/id/"


def _iris(text: str) -> set[str]:
    return {str(p.value["iri"]) for p in extract_text(text, "report").by_kind("legislation")}


def test_an_authority_named_only_in_a_possessive_is_the_reports_authority():
    draft = extract_text("The Cabinet approved the Plan for Brackenmoor’s Children and Young People.\n", "report")
    assert [p.value["name"] for p in draft.by_kind("authority")] == ["Brackenmoor"]


def test_an_act_with_its_year_before_its_title_is_cited():
    assert f"{LEG}ukpga/2004/31" in _iris("Under the 2004 Children Act, every authority had to publish a plan.\n")


def test_an_act_with_its_year_in_brackets_is_cited():
    assert f"{LEG}ukpga/2004/31" in _iris("The Children Act (2004) requires a plan.\n")


def test_a_part_of_an_act_is_cited_as_that_part():
    text = "The duties are set out in Part 3 of the Children and Families Act 2014.\n"
    assert _iris(text) == {f"{LEG}ukpga/2014/6/part/3"}


def test_the_end_of_a_documents_period_is_not_a_reviews_date():
    draft = extract_text("The Board noted the Children and Young People's Plan 2011-2014 Needs Assessment.\n", "report")
    assert not [p for p in draft.by_kind("review") if p.value.get("date")]


def _authorities(text: str) -> list[str]:
    return [str(p.value["name"]) for p in extract_text(text, "report").by_kind("authority")]


def test_an_authority_written_with_an_ampersand_and_a_possessive_is_named():
    assert _authorities("The plan fits Telford & Wrekin Council's corporate priorities.\n") == ["Telford and Wrekin"]


def test_an_authority_named_at_the_end_of_a_sentence_is_named():
    assert _authorities("The plan is for every family living and working in Tarnhollow.\n") == ["Tarnhollow"]


def test_a_joint_title_of_two_councils_makes_neither_the_authority():
    assert _authorities("The Committee approved the Brackenmoor and Eastholme Joint Waste Policies.\n") == []


def test_an_authority_named_inside_a_title_after_our_is_the_authority():
    text = "Agenda item\n\nThe plan forms part of the Our Brackenmoor Plan and its policy framework.\n"
    assert _authorities(text) == ["Brackenmoor"]


def _gss(text: str) -> list[str]:
    return [str(p.value["gss"]) for p in extract_text(text, "report").by_kind("authority")]


def test_a_name_two_authorities_have_had_is_the_one_of_the_reports_years():
    """North Yorkshire County Council (E10000023) until April 2023, North Yorkshire Council (E06000065) after:
    the reference data's start and end dates decide, not which was listed last."""
    assert _gss("Cabinet, 7 October 2014\n\nThe plan for North Yorkshire runs to 2017.\n") == ["E10000023"]
    assert _gss("Executive, 4 June 2024\n\nThe plan for North Yorkshire runs to 2027.\n") == ["E06000065"]


def test_a_council_name_only_one_of_them_had_decides_between_them():
    assert _gss("North Yorkshire Council\n\nThe plan for North Yorkshire was agreed.\n") == ["E06000065"]


def test_an_every_child_matters_outcome_printed_as_wellbeing_is_that_outcome():
    text = (
        "The five outcomes: Be Healthy, Stay Safe, Enjoy and Achieve, Make a Positive Contribution, Achieve Economic "
        "Wellbeing.\n"
    )
    outcomes = {p.value["name"]: p.value.get("ecm") for p in extract_text(text, "report").by_kind("outcome")}
    assert str(outcomes["Achieve Economic Wellbeing"]).endswith("/ecm-achieve-economic-well-being")


def test_every_child_matters_outcomes_printed_a_line_each_in_their_ing_forms_are_outcomes():
    text = "Our outcomes\n\nBeing Healthy\n\nStaying Safe\n\nEnjoying and Achieving\n\nEconomic Well-being\n"
    names = [p.value["name"] for p in extract_text(text, "report").by_kind("outcome")]
    assert sorted(names) == ["Being Healthy", "Economic Well-being", "Enjoying and Achieving", "Staying Safe"]


def test_one_every_child_matters_outcome_named_in_passing_is_no_list():
    text = "Our work helps children stay safe online, and the Board discussed it at length in March.\n"
    assert extract_text(text, "report").by_kind("outcome") == []


def test_an_every_child_matters_words_inside_another_line_are_not_that_outcome():
    text = (
        "The Partnership's aim is to enhance children's:\n\n"
        "  • opportunities and support to make a positive contribution to society\n"
        "  • social and economic wellbeing\n"
    )
    assert extract_text(text, "report").by_kind("outcome") == []


def test_an_authority_is_named_by_the_short_name_councils_use():
    assert _gss("Kingston Council's Cabinet will consider the plan for Kingston's children.\n") == ["E09000021"]
    assert _gss("Stoke's Children and Young People's Plan was agreed.\n") == ["E06000021"]


def test_a_short_name_two_authorities_would_share_goes_to_the_one_without_a_short_name_of_its_own():
    """Kingston upon Hull is "Hull" in the reference data's own labels; "Kingston" is Kingston upon Thames."""
    assert _gss("The plan for Kingston was agreed by Kingston Council.\n") == ["E09000021"]
    assert _gss("Hull City Council agreed its plan.\n") == ["E06000010"]
