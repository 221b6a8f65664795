"""Extraction of a plan's lists, decisions, reviews, duties and memberships, whatever the layout of the report.

Each test reads a fixture of the tuning corpus (benchmarks/extraction/tuning/, fictional authorities) laid
out the way councils write: lists under headings or lead-ins, run into sentences, in Word lists, HTML,
Word and PDF tables, one heading per priority, outcomes over their priorities.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rdflib import RDF, XSD, Literal, Namespace, URIRef

from kg.imports.extract import Draft, extract_file
from kg.imports.extract.document import read_document
from kg.imports.extract.lexicon import load_lexicon
from kg.imports.extract.lists import split_owner, split_run_in
from kg.namespaces import CYP, ORG

TUNING = Path(__file__).resolve().parents[2] / "benchmarks" / "extraction" / "tuning"
DCTERMS = Namespace("http://purl.org/dc/terms/")
QUENSTEAD = TUNING / "quenstead-2007-03-14-cabinet.txt"
TOLLERDOWN = TUNING / "tollerdown-2012-09-20-childrens-trust-board.docx"
BRINDLEHOLM = TUNING / "brindleholm-2016-plan-page.html"
STANNERWICK = TUNING / "stannerwick-2021-03-09-hwb-report.pdf"
WRENMOUTH = TUNING / "wrenmouth-2010-issue-history.html"
ESKERBY = TUNING / "eskerby-2014-01-22-scrutiny.txt"
PELLINGFORD = TUNING / "pellingford-2023-plan-summary.docx"
ALDRINGFOLD = TUNING / "aldringfold-2018-04-17-cabinet-decision.html"
BRACKENMOOR = TUNING / "brackenmoor-2006-03-30-council-executive.txt"


@cache
def _draft(path: Path) -> Draft:
    return extract_file(path)


def _values(path: Path, kind: str) -> list[dict]:
    return [p.value for p in _draft(path).by_kind(kind)]


def _names(path: Path, kind: str) -> set[str]:
    return {str(v["name"]) for v in _values(path, kind)}


# lists


def test_bullets_under_an_ambitions_heading_are_outcomes():
    assert "Young people are emotionally resilient" in _names(BRINDLEHOLM, "outcome")


def test_a_we_will_lead_in_makes_its_bullets_pledges():
    assert "put a mental health worker in every secondary school" in _names(BRINDLEHOLM, "pledge")


def test_a_vision_sentence_is_not_a_list_item():
    every = set().union(*(_names(BRINDLEHOLM, kind) for kind in ("outcome", "priority", "pledge")))
    assert not any(name.startswith("A borough where") for name in every)


def test_a_list_run_into_a_sentence_is_split_where_each_item_starts_alike():
    assert _names(QUENSTEAD, "priority") == {
        "improving the emotional health of children and young people",
        "narrowing the gap in attainment at Key Stage 2",
        "reducing offending by young people",
        "giving disabled children more short breaks",
    }


def test_a_run_in_list_ends_where_the_sentence_turns_to_something_else():
    assert split_run_in(
        "to reduce child poverty and to improve school attendance, and asked that the Board be told"
    ) == [
        "to reduce child poverty",
        "to improve school attendance",
    ]


def test_a_heading_per_priority_takes_the_lead_line_beneath_as_its_owner():
    owners = {v["name"]: v["owner"] for v in _values(ESKERBY, "priority")}
    assert owners["Tackling neglect"] == "Eskerby Safeguarding Children Board"
    assert owners["Helping young people into work"] is None  # "Lead: to be agreed"


def test_priorities_under_an_outcome_heading_keep_that_outcome():
    outcomes = {v["name"]: v.get("outcome") for v in _values(STANNERWICK, "priority")}
    assert outcomes["Reduce serious youth violence"] == "Children are safe at home and in the community"


def test_an_owner_after_a_dash_is_split_from_the_priority():
    owners = {v["name"]: v["owner"] for v in _values(STANNERWICK, "priority")}
    assert owners["Reduce childhood obesity"] == "Stannerwick Healthy Weight Partnership"


def test_a_bracketed_owner_needs_no_label_when_it_names_an_organisation():
    lex = load_lexicon()
    assert split_owner(lex, "Reduce the harm caused by alcohol and drugs (Wrenmouth Primary Care Trust)")[1] == (
        "Wrenmouth Primary Care Trust"
    )
    assert split_owner(lex, "Average waiting time for a first appointment (weeks)")[1] is None


def test_a_table_lead_column_gives_each_priority_its_owner_and_a_dash_none():
    owners = {v["name"]: v["owner"] for v in _values(TOLLERDOWN, "priority")}
    assert owners["Reduce teenage conceptions"] == "Tollerdown Teenage Pregnancy Partnership"
    assert owners["More 16 to 18 year olds in learning or work"] is None


def test_an_outcome_left_empty_on_a_continuation_row_is_the_one_above():
    outcomes = {v["name"]: v.get("outcome") for v in _values(TOLLERDOWN, "priority")}
    assert outcomes["Stable placements for children in care"] == "Children are safe"


def test_a_measure_column_gives_indicators_and_the_value_columns_do_not():
    names = _names(PELLINGFORD, "indicator")
    assert "Number of suspensions from secondary schools" in names
    assert not any(name[:1].isdigit() for name in names)


def test_indicators_named_by_their_ni_numbers_are_split_in_a_sentence():
    assert "NI 56 obesity among primary school age children in Year 6" in _names(WRENMOUTH, "indicator")


def test_word_list_paragraphs_are_list_items():
    items = [b.text for b in read_document(PELLINGFORD).blocks if b.kind == "item"]
    assert "Including every child in education" in items


def test_a_pdf_table_comes_back_as_rows_of_cells_in_their_columns():
    rows = [b.cells for b in read_document(STANNERWICK).blocks if b.kind == "row"]
    assert ["Percentage of children fully immunised (MMR2) by age 5", "81%", "90%"] in rows


# decisions


def test_members_noted_is_a_decision_of_the_body_that_met():
    noted = [v for v in _values(TOLLERDOWN, "decision") if v["verb"] == "noted"]
    assert noted and {v["body"] for v in noted} == {"Tollerdown Children's Trust Board"}


def test_agreed_to_endorse_keeps_the_words_printed_and_the_kind_of_the_verb_agreed_to():
    (decision,) = [v for v in _values(TOLLERDOWN, "decision") if v["verb"] == "agreed to endorse"]
    assert (decision["kind"], decision["status"]) == ("Endorse", "resolved")


def test_it_was_recommended_that_is_a_recommendation():
    (decision,) = [v for v in _values(TOLLERDOWN, "decision") if v["verb"] == "approve"]
    assert decision["status"] == "recommended"


def test_a_question_members_asked_is_not_a_decision():
    assert not any(v["verb"] == "asked" for v in _values(WRENMOUTH, "decision"))


def test_an_outcome_line_restating_a_recorded_decision_adds_none():
    verbs = sorted(v["verb"] for v in _values(ALDRINGFOLD, "decision"))
    assert verbs == ["agreed", "asked", "endorsed"]


def test_agreeing_a_draft_is_not_approving_the_plan():
    (draft,) = [p for p in _draft(BRACKENMOOR).by_kind("decision") if "agreed the final draft" in p.evidence]
    assert draft.value["kind"] == "Agree"


# reviews, consultations, duties, memberships


def test_a_review_is_dated_by_what_its_clause_prints():
    dates = {(v["kind"], v["date"]) for v in _values(TOLLERDOWN, "review")}
    assert dates == {("Inspection", "2012-05"), ("DiagnosticReview", "2012-03")}


def test_a_recurring_review_the_plan_promises_is_not_a_review():
    assert not any(v["kind"] == "PlanReview" for v in _values(BRACKENMOOR, "review"))


def test_a_consultation_keeps_the_dates_it_ran_at_their_printed_precision():
    (survey,) = [v for v in _values(QUENSTEAD, "consultation") if v["count"] == 740]
    assert (survey["start"], survey["end"], survey["qualifier"]) == ("2006-10", "2006-12", "approximately")


def test_a_duty_keeps_the_section_only_where_the_report_names_it():
    bases = {v["iri"].rsplit("/id/", 1)[1] for v in _values(QUENSTEAD, "duty")}
    assert bases == {"ukpga/2004/31/section/17", "ukpga/2004/31/section/10"}


def test_a_bodys_listed_members_are_its_memberships():
    members = {v["member"] for v in _values(QUENSTEAD, "membership")}
    assert {"Marrow Valley Police", "Quenstead Council"} <= members


def test_who_is_appointed_vice_chair_is_a_member_in_that_role():
    roles = {v["member"]: v["role"] for v in _values(TOLLERDOWN, "membership")}
    assert roles["Ray Fenton"] == "Vice-Chair"


def test_a_target_group_inside_an_indicators_name_is_not_the_plans_group():
    assert not any(v["concept"] == "ChildrenInCare" for v in _values(ALDRINGFOLD, "target_group"))


# the draft graph


def test_a_duty_in_the_draft_has_its_legal_basis_and_holder_as_printed():
    g = _draft(QUENSTEAD).graph()
    basis = URIRef("http://www.legislation.gov.uk/id/ukpga/2004/31/section/17")
    (duty,) = [s for s in g.subjects(CYP.legalBasis, basis) if (s, RDF.type, CYP.StatutoryDuty) in g]
    assert g.value(duty, CYP.holderCategory) == Literal("every children's services authority")


def test_a_membership_in_the_draft_joins_its_member_to_its_body():
    g = _draft(TOLLERDOWN).graph()
    chairs = list(g.subjects(ORG.role, CYP.ChairRole))
    assert len(chairs) == 1 and (chairs[0], RDF.type, ORG.Membership) in g


def test_a_consultation_in_the_draft_has_its_start_and_end():
    g = _draft(QUENSTEAD).graph()
    assert Literal("2006-10", datatype=XSD.gYearMonth) in set(g.objects(None, CYP.startDate))


def test_an_undated_page_is_written_no_earlier_than_the_last_meeting_it_records():
    draft = _draft(WRENMOUTH)
    g = draft.graph()
    assert draft.date is None
    assert g.value(URIRef(f"https://w3id.org/cypkg/id/report/{draft.report}"), CYP.earliestDate) == Literal(
        "2010-11-02", datatype=XSD.date
    )


def test_a_priority_in_the_draft_contributes_to_the_outcome_it_sits_under():
    g = _draft(STANNERWICK).graph()
    assert any(g.objects(None, CYP.contributesTo))


def test_a_draft_with_duties_memberships_and_dated_consultations_passes_the_gate(lookup_store):
    from kg.validation.gate import check_write

    draft = _draft(QUENSTEAD)
    assert check_write(lookup_store, draft.report, draft.graph(), mode="replace").conforms


def test_a_space_aligned_table_in_a_text_report_gives_priorities_with_leads_and_wrapped_names():
    from kg.imports.extract import extract_text

    draft = extract_text(
        "Brackenmoor Council\n\n4.2 Under those outcomes sit three priorities:\n\n"
        "    Priority                                                   Lead\n"
        "    Cut waiting times for emotional health support             Head of Early Help\n"
        "    Improve school attendance, particularly for children\n"
        "    with a social worker                                       Brackenmoor Schools Alliance\n"
        "    Tackle child poverty                                       TBC\n",
        "brackenmoor-report",
    )
    found = {(p.value["name"], p.value.get("owner")) for p in draft.by_kind("priority")}
    assert found == {
        ("Cut waiting times for emotional health support", "Head of Early Help"),
        ("Improve school attendance, particularly for children with a social worker", "Brackenmoor Schools Alliance"),
        ("Tackle child poverty", None),
    }


def test_a_lettered_list_written_with_line_breaks_in_one_html_paragraph_gives_its_priorities():
    from kg.imports.extract import extract_text

    draft = extract_text(
        "<html><body><h1>Brackenmoor Council</h1><p>The plan proposes two priorities for 2005/06:</p>"
        "<p>(a) more children's centres in the most deprived wards - Head of Early Years;<br>"
        "(b) fewer children missing school - Education Welfare Service.</p></body></html>",
        "brackenmoor-minutes",
        html=True,
    )
    found = {(p.value["name"], p.value.get("owner")) for p in draft.by_kind("priority")}
    assert found == {
        ("more children's centres in the most deprived wards", "Head of Early Years"),
        ("fewer children missing school", "Education Welfare Service"),
    }


_PLAN_PAGE = (
    "<html><body><h1>Brackenmoor Children and Young People's Plan 2023-26</h1>"
    "<p>Children told us what matters to them. Their answers decided the two priorities below.</p>"
    "<h2>What we want for our children</h2><ul><li>To be safe</li><li>To be healthy</li></ul>"
    "<h2>Priority 1: The best start for babies</h2><p>Lead: Director of Public Health</p>"
    "<ul><li>get more two-year-olds into early education</li></ul>"
    "<h2>Priority 2: Good mental health</h2><p>Lead: to be confirmed</p>"
    "<h2>Our partners</h2><ul><li>Brackenmoor Police</li></ul></body></html>"
)


def test_beside_labelled_priority_headings_the_pages_other_headings_are_not_priorities():
    from kg.imports.extract import extract_text

    draft = extract_text(_PLAN_PAGE, "brackenmoor-plan", html=True)
    names = {p.value["name"] for p in draft.by_kind("priority")}
    assert names == {"The best start for babies", "Good mental health"}


def test_a_what_we_want_for_heading_introduces_outcomes():
    from kg.imports.extract import extract_text

    draft = extract_text(_PLAN_PAGE, "brackenmoor-plan", html=True)
    assert {p.value["name"] for p in draft.by_kind("outcome")} == {"To be safe", "To be healthy"}
