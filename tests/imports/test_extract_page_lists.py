"""A plan's lists as web pages and news stories lay them out, and the page's furniture around them.

The sentences are written for these tests in the shapes such pages use: a heading per priority
("Priority one - ...") with an "Outcomes:" label and one outcome a line under it, middle-dot bullets of the
form "Name - what it means" after "These are:-", and navigation lines saved with the page's text.
"""

from __future__ import annotations

from kg.imports.extract.document import read_text
from tests.support.extraction import proposed_names


def _names(text: str, kind: str) -> list[str]:
    return proposed_names(text, kind, "brackenmoor-report")


PAGE = (
    "Brackenmoor Children's Trust priorities\n\n"
    "Skip main menu\n\n"
    "Priority one - Every child is safe at home\n\n"
    "Children should be protected from harm wherever they live.\n\n"
    "Strategic Outcomes:\n"
    "Fewer children need a child protection plan.\n"
    "Families get help before problems grow.\n\n"
    "Priority two - No child grows up poor\n\n"
    "Strategic Outcomes:\n"
    "More parents are in work.\n"
)


def test_navigation_lines_of_a_saved_page_are_not_report_text():
    assert "Skip main menu" not in read_text(PAGE).text


def test_each_line_under_a_label_is_a_block_of_its_own():
    texts = [b.text for b in read_text(PAGE).blocks]
    assert "Fewer children need a child protection plan." in texts


def test_each_line_under_an_outcomes_label_is_an_outcome():
    assert _names(PAGE, "outcome") == [
        "Fewer children need a child protection plan",
        "Families get help before problems grow",
        "More parents are in work",
    ]


def test_a_numbered_priority_line_standing_alone_is_a_priority():
    assert _names(PAGE, "priority") == ["Every child is safe at home", "No child grows up poor"]


def test_a_status_field_named_outcome_is_not_an_outcome():
    text = "Decision details\n\nOutcome: Recommendations Approved\n\nThe Cabinet approved the plan.\n"
    assert _names(text, "outcome") == []


BULLETS = (
    "Brackenmoor Council has published its plan. Four key priorities will be addressed. These are:-\n\n"
    "· Best Start in Life - helping every family from pregnancy onwards with health visits.\n\n"
    "· Belonging - the Town's Promise – making sure every young person has somewhere to go and someone to ask.\n\n"
    "· Reduce exclusions - lead: Brackenmoor Schools Forum and the head teachers together\n"
)


def test_a_bullet_written_name_dash_description_is_named_by_its_name():
    assert "Best Start in Life" in _names(BULLETS, "priority")


def test_a_name_may_hold_a_dash_before_the_description_opens():
    assert "Belonging - the Town's Promise" in _names(BULLETS, "priority")


def test_a_dash_before_an_owner_label_is_not_a_description():
    assert "Reduce exclusions" in _names(BULLETS, "priority")


RUN_IN = (
    "Brackenmoor Children's Trust presents its plan. The plan commits to priorities under four outcome areas - "
    "Being Safe, Being Healthy, Learning Well, and Belonging (home, school and town) - with the aim of making "
    "Brackenmoor:\n\n"
    "'A town where every child is welcome'.\n\n"
    "The plan was adopted by Brackenmoor Council last month and it can be read on this page:\n\n"
    "Brackenmoor Children and Young People's Plan.\n"
)


def test_a_list_set_off_by_dashes_after_its_cue_is_that_cues_items():
    assert _names(RUN_IN, "outcome") == [
        "Being Safe",
        "Being Healthy",
        "Learning Well",
        "Belonging (home, school and town)",
    ]


def test_a_colon_after_a_list_already_run_in_introduces_no_list():
    assert "A town where every child is welcome" not in " ".join(_names(RUN_IN, "priority"))


def test_a_long_colon_sentence_that_names_no_list_introduces_none():
    assert _names(RUN_IN, "priority") == []


CONTENTS = (
    "Brackenmoor Children and Young People's Plan 2020-2023\n\n"
    "Contents Our vision ........................................ 3\n\n"
    "How we wrote this plan ..................................... 4\n\n"
    "Our priorities ............................................. 6\n\n"
    "Healthy lives .............................................. 6\n\n"
    "Good schools ............................................... 8\n\n"
    "Safe homes ....\n"
)


def test_a_contents_entry_is_a_block_without_its_dot_leader_and_page():
    texts = [b.text for b in read_text(CONTENTS).blocks if b.marker == "contents"]
    assert texts[:2] == ["Our vision", "How we wrote this plan"]


def test_the_contents_entries_after_one_that_names_a_list_are_its_items():
    assert _names(CONTENTS, "priority") == ["Healthy lives", "Good schools", "Safe homes"]


GLANCE = (
    "Brackenmoor plan at a glance\n"
    "Theme / Our hope for Brackenmoor / Main outcomes / How will we know?Safe\n"
    "“I feel safe at home” / Children live in safe homes. /\n"
    "- Children are safe from harm,\n"
    "- Families are safe places.\n"
    "- Fewer injuries to children,\n"
    "- Fewer children missing from home.\n"
    "Healthy\n"
    "“I feel well” / Children grow up healthy. /\n"
    "- Every child has a healthy start.\n"
    "- Fewer hospital admissions.\n"
)


def test_a_header_cell_run_into_the_first_rows_label_is_split():
    rows = [b.cells for b in read_text(GLANCE).blocks if b.kind == "row"]
    assert rows[0][-1] == "How will we know?" and rows[1][0] == "Safe"


def test_bullets_under_a_row_that_ends_with_its_separator_fill_its_next_columns():
    rows = [b.cells for b in read_text(GLANCE).blocks if b.kind == "row"]
    assert ["", "", "Children are safe from harm", ""] in rows
    assert ["", "", "", "Fewer injuries to children"] in rows


def test_a_short_line_between_rows_is_a_row_of_the_same_table():
    tables = {b.table for b in read_text(GLANCE).blocks if b.kind == "row"}
    assert len(tables) == 1


def test_the_column_whose_header_ends_with_the_cue_holds_the_list():
    assert _names(GLANCE, "outcome") == [
        "Children are safe from harm",
        "Families are safe places",
        "Every child has a healthy start",
    ]


def test_a_how_will_we_know_column_holds_indicators():
    assert "Fewer hospital admissions" in _names(GLANCE, "indicator")


def test_a_breadcrumb_trail_is_not_report_text():
    text = "You are here - Home : Council : Committees : Issue\n\nHome > Council > Plans > Our plan\n\nThe plan.\n"
    assert read_text(text).text == "The plan."


NUMBERED = (
    "Fernbrook plan for children\n\n"
    "The priorities of the plan\n\n"
    "These are:\n\n"
    "  1. Keeping children safe\n"
    "  2. Helping families into work\n"
    "  3. Better mental health\n\n"
    "Fernbrook Trust Priorities 2024-27\n\n"
    "  • To help young carers early.\n"
    "  • To raise attendance at school.\n"
)


def test_short_numbered_lines_after_a_colon_are_list_items_not_headings():
    blocks = read_text(NUMBERED).blocks
    assert [b.kind for b in blocks if b.text.startswith("2.")] == ["para"]


def test_a_page_heading_saved_as_a_plain_line_leads_its_list():
    assert "To help young carers early" in _names(NUMBERED, "priority")


def test_a_heading_naming_the_list_then_whose_it_is_leads_its_list():
    assert _names(NUMBERED, "priority")[:3] == [
        "Keeping children safe",
        "Helping families into work",
        "Better mental health",
    ]


def test_how_we_will_in_a_lead_in_is_no_promise():
    text = "It sets out three objectives and how we will deliver them:\n\n1. Safer streets\n2. Warmer homes\n"
    assert _names(text, "priority") == ["Safer streets", "Warmer homes"]


AGENCIES = (
    "Fernbrook plan for children\n\nWorking together all agencies will:\n\n"
    "  • listen to families first\n"
    "  • share what we know. Ask each time: is the child better off? Is anyone worse off?\n"
    "  • be open about mistakes\n"
)


def test_what_all_agencies_will_do_are_pledges():
    assert "be open about mistakes" in _names(AGENCIES, "pledge")


def test_a_short_bullet_with_a_gloss_of_questions_is_named_by_its_first_sentence():
    assert "share what we know" in _names(AGENCIES, "pledge")


PLAN_ON_A_PAGE = (
    "Fernbrook plan on a page\n\n"
    "Strategic Outcomes |\n\n"
    "Early Help To offer the right support at the right time for every family\n\n"
    "Healthy Minds Support children and young people to talk about how they feel\n\n"
    "Enablers |\n\n"
    "A Skilled Workforce |\n"
)


def test_a_heading_run_into_its_gloss_under_a_saved_page_heading_is_named_by_the_heading():
    assert _names(PLAN_ON_A_PAGE, "outcome") == ["Early Help", "Healthy Minds"]


def test_a_paragraph_of_promises_on_a_page_of_priorities_makes_one_pledge_per_we_will():
    text = (
        "It sets out two objectives:\n\n1. Safer streets\n2. Warmer homes\n\n"
        "We will publish a yearly delivery plan, and we will consult families on every change.\n"
    )
    assert _names(text, "pledge") == ["publish a yearly delivery plan", "consult families on every change"]


def test_a_commitment_made_in_minutes_is_a_pledge():
    text = "Members discussed the plan, and a commitment was made to report progress to the Board each year.\n"
    assert _names(text, "pledge") == ["report progress to the Board each year"]


def test_items_each_opened_by_a_dash_on_the_lead_ins_line_are_its_items():
    text = (
        "Brackenmoor children's services\n\n"
        "Our key priorities over the next 4 years will be for all children and young people to: – feel safe in"
        " their community – have their voices heard – be able to get help with their mental health quickly.\n"
    )
    assert _names(text, "priority") == [
        "feel safe in their community",
        "have their voices heard",
        "be able to get help with their mental health quickly",
    ]


def test_dashes_after_a_colon_that_names_no_list_make_no_items():
    text = "Brackenmoor services\n\nThe board heard from: – the police – the schools – the health visitors.\n"
    assert _names(text, "priority") == []


def test_contents_run_together_on_one_line_with_their_pages_are_entries():
    text = (
        "Brackenmoor Children and Young People's Plan\n\n"
        "Contents Foreword 3 Chapter 1 5 Our vision 6 Chapter 2 Our priorities 8 Safe at home 9 Healthy lives 11"
        " Good schools 14 Chapter 3 How we will know 17 Governance 18\n"
    )
    entries = [b.text for b in read_text(text).blocks if b.marker == "contents"]
    assert entries[1:6] == ["Chapter 1", "Our vision", "Chapter 2 Our priorities", "Safe at home", "Healthy lives"]


def test_a_contents_list_ends_at_the_next_part_of_the_document():
    text = (
        "Brackenmoor Children and Young People's Plan\n\n"
        "Contents Foreword 3 Chapter 1 5 Our vision 6 Chapter 2 Our priorities 8 Safe at home 9 Healthy lives 11"
        " Good schools 14 Chapter 3 How we will know 17 Governance 18\n"
    )
    assert _names(text, "priority") == ["Safe at home", "Healthy lives", "Good schools"]


def test_contents_printed_a_title_to_a_line_with_its_page_on_the_next_are_entries():
    text = (
        "Brackenmoor Children and Young People's Plan 2020 - 2023\n\n"
        "Contents\n\nForeword\n\n3\n\nWhat children told us\n\n5\n\nSummary of our priorities for 2020 - 2023\n\n8\n\n"
        "Helping families early\n\n9\n\nKeeping children safe\n\n12\n\nHow will we know we have made a difference?\n\n"
        "15\n\nGlossary\n\n16\n"
    )
    assert _names(text, "priority") == ["Helping families early", "Keeping children safe"]


def test_lines_numbered_one_by_one_are_not_read_as_contents():
    text = "Brackenmoor\n\nOur aims\n\n1\n\nA safe town\n\n2\n\nGood homes\n\n3\n\nClean streets\n\n4\n\nGood jobs\n"
    assert not [b for b in read_text(text).blocks if b.marker == "contents"]


def test_a_block_opening_with_a_colon_and_dashed_items_is_read_without_error():
    assert proposed_names(": – feel safe – be healthy – enjoy and achieve", "priority", "brackwater-colon") == []


def test_a_contents_item_with_a_number_in_its_words_does_not_end_the_list():
    text = (
        "Brackenmoor Children and Young People's Plan 2020-2023\n\n"
        "Contents Our vision ........................................ 3\n\n"
        "Our priorities ............................................. 6\n\n"
        "Be healthy ................................................. 6\n\n"
        "Year 6 transition .......................................... 8\n\n"
        "Safe homes ................................................. 9\n\n"
        "Appendix A: Glossary ....................................... 12\n"
    )
    assert _names(text, "priority") == ["Be healthy", "Year 6 transition", "Safe homes"]
