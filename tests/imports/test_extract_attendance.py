"""Who attended and who sent apologies: lists and flattened tables as minutes print them.

The sentences are written for these tests in the shapes council minutes use: names with their initials
in brackets wrapping across lines, "Apologies" lists of names alone, and attendance tables saved as text
with " / " between the cells.
"""

from __future__ import annotations

from kg.imports.extract import extract_text
from kg.imports.extract.document import read_text


def _people(text: str) -> dict[str, str | None]:
    draft = extract_text(text, "brackenmoor-report")
    return {str(p.value["name"]): p.value.get("post") for p in draft.by_kind("person")}


def _partners(text: str) -> set[str]:
    return {str(p.value["name"]) for p in extract_text(text, "brackenmoor-report").by_kind("partner")}


INITIALLED = (
    "Brackenmoor Children's Trust Board\n"
    "Notes of meeting on 3rd May 2011\n"
    "Amy Lowther (AL - Chair), Ben Crane (BC), Cllr Dora Finch (DF), Edwin\n"
    "Gale (EG), Fay Holt (FH - notetaker)\n"
    "Apologies: -\n"
    "Gus Irwin (GI), Hana Joyce,\n"
    "Ivo Kemp, Jo Lark\n"
    "1. Minutes of the last meeting\n"
    "The minutes were agreed.\n"
)


def test_names_with_initials_in_brackets_are_people_even_without_a_label():
    assert {"Amy Lowther", "Ben Crane", "Edwin Gale"} <= set(_people(INITIALLED))


def test_the_words_after_the_initials_are_the_post():
    assert _people(INITIALLED)["Amy Lowther"] == "Chair"


def test_initials_alone_are_not_a_post():
    assert _people(INITIALLED)["Ben Crane"] is None


def test_a_councillor_in_an_attendance_list_has_the_post_councillor():
    assert _people(INITIALLED)["Dora Finch"] == "Councillor"


def test_apologies_without_initials_are_people_too():
    assert {"Gus Irwin", "Hana Joyce", "Ivo Kemp", "Jo Lark"} <= set(_people(INITIALLED))


def test_a_titled_surname_in_an_apologies_list_is_a_person():
    people = _people("Minutes\n\nApologies Dr Nolan, Cllr Pryor, Quentin Reyes.\n")
    assert people.get("Pryor") == "Councillor" and "Nolan" in people and "Quentin Reyes" in people


def test_first_names_alone_in_an_attendance_list_are_not_people():
    people = _people("Minutes\n\nIn Attendance: Sam, John and Rachel (pupils), Tom Ure (Minuting).\n")
    assert set(people) == {"Tom Ure"}


def test_the_post_and_organisation_after_a_name_are_not_people():
    people = _people("Minutes\n\nApologies: Vera Wynn, Independent Chair, Brackenmoor Safeguarding Board.\n")
    assert set(people) == {"Vera Wynn"}


SLASH_TABLE = (
    "Brackenmoor Children's Trust Board\n\n"
    "1. / Present\n"
    "Cllr Amy Lowther (Chair) / AL / - / Cabinet Member for Children\n"
    "Ben Crane / BC / - / Brackenmoor Police\n"
    "Cara Dunn / CD / - / Brackenmoor NHS Trust\n"
    "2. / Minutes of the last meeting\n"
    "The minutes were agreed.\n"
)


def test_a_table_saved_with_slashes_between_cells_is_read_as_rows():
    rows = [b for b in read_text(SLASH_TABLE).blocks if b.kind == "row"]
    assert rows[1].cells == ["Ben Crane", "BC", "", "Brackenmoor Police"]


def test_a_numbered_first_cell_makes_the_row_a_numbered_heading():
    headings = [b.text for b in read_text(SLASH_TABLE).blocks if b.kind == "heading"]
    assert headings == ["1. Present", "2. Minutes of the last meeting"]


def test_attendance_table_rows_are_people():
    assert {"Amy Lowther", "Ben Crane", "Cara Dunn"} <= set(_people(SLASH_TABLE))


def test_an_organisation_cell_is_not_joined_to_the_next_rows_name():
    assert not any("Cara" in name or "Ben" in name for name in _partners(SLASH_TABLE))


def test_presenters_named_in_capitals_are_people():
    people = _people("4. Plan workshop\n\nPresented By: NIA OKORO; PAUL REES\n\nThe Board discussed the plan.\n")
    assert {"Nia Okoro", "Paul Rees"} <= set(people)


def test_a_councillor_named_by_surname_alone_is_a_person():
    assert _people("Minutes\n\nCllr Quarry welcomed the plan and asked for a copy.\n") == {"Quarry": "Councillor"}


def test_a_surname_of_a_councillor_already_named_in_full_is_not_a_second_person():
    text = "Minutes\n\nCouncillor Rhian Small raised a concern. The Chair will write to Councillor Small.\n"
    assert set(_people(text)) == {"Rhian Small"}


def test_one_of_a_named_group_is_a_person_with_that_role():
    people = _people("Minutes\n\nAt the Chair's invitation one of the Young Inspectors, Tara Ellis, spoke.\n")
    assert people["Tara Ellis"] == "Young Inspector"


def test_a_possessive_is_not_part_of_a_persons_name():
    assert "Rhian Small" in _people("Minutes\n\nThe Chair noted Councillor Rhian Small’s concern.\n")


def test_a_representatives_cell_is_a_post_not_a_partner():
    text = SLASH_TABLE.replace("Brackenmoor NHS Trust", "Brackenmoor Schools Representative")
    assert "Brackenmoor Schools Representative" not in _partners(text)


def test_the_short_lines_a_text_opens_with_are_blocks_of_their_own():
    blocks = read_text(INITIALLED).blocks
    assert [b.text for b in blocks[:2]] == ["Brackenmoor Children's Trust Board", "Notes of meeting on 3rd May 2011"]


def test_a_title_line_naming_the_body_and_a_notes_line_with_a_date_give_the_meeting():
    meetings = extract_text(INITIALLED, "brackenmoor-report").by_kind("meeting")
    assert ("2011-05-03", "Brackenmoor Children's Trust Board") in {
        (p.value.get("date"), p.value.get("body")) for p in meetings
    }


def test_councillors_named_by_initial_and_surname_are_people():
    text = "Minutes\n\nPRESENT: Councillor R. Vane (Chair); Councillors Mrs J. Orr, P. Dale and T. McRae.\n"
    assert _people(text) == {"R. Vane": "Chair", "J. Orr": None, "P. Dale": None, "T. McRae": None}


def test_an_initialled_name_and_the_full_name_it_stands_for_are_one_person():
    text = "Minutes\n\nPresent: Councillors J. Orr and P. Dale.\n\nCouncillor Jane Orr welcomed the plan.\n"
    assert set(_people(text)) == {"Jane Orr", "P. Dale"}


LISTED = (
    "# Brackenmoor Children's Partnership\n\n"
    "## Present\n\n"
    "- Chief Inspector Ann Bolt, Brackenmoor District, Brackenmoor Police\n"
    "- Gus Hale, Headteacher, St Mary's CE Primary School\n"
    "- Ivy Moss, Director of Children's Services, Brackenmoor MBC\n\n"
    "## Apologies\n\n"
    "- Dr Lena Ross, Designated Doctor for Safeguarding Children\n\n"
    "## 1. Minutes\n\n"
    "The minutes were agreed.\n"
)


def test_each_item_under_an_attendance_heading_is_a_person_with_the_post_after_the_name():
    people = _people(LISTED)
    assert people["Gus Hale"] == "Headteacher"
    assert people["Lena Ross"] == "Designated Doctor for Safeguarding Children"


def test_a_title_is_the_post_when_an_attendance_item_prints_none():
    assert _people(LISTED)["Ann Bolt"] == "Chief Inspector"


def test_the_organisation_after_a_post_in_an_attendance_item_is_not_a_person():
    assert "Brackenmoor MBC" not in _people(LISTED)
