"""Lists a report prints inline or ends without a marker, and lists that belong to something else.

Each test reads a fixture of the development split (benchmarks/extraction/held-out/, fictional
authorities, read since round 3): a list written with line breaks in one paragraph, lettered items,
pledges printed as quoted sentences or as sentences after a colon, priorities run into a sentence with
"led by" owners. The rules are general; these fixtures are where they show.
"""

from __future__ import annotations

from pathlib import Path

from kg.imports.extract import extract_text
from kg.imports.extract.lexicon import load_lexicon
from kg.imports.extract.lists import list_kind, split_inline, split_owner, split_run_in
from tests.imports.test_extract_lists import _draft, _names

DEV = Path(__file__).resolve().parents[2] / "benchmarks" / "extraction" / "held-out"
RAVENSHOLT = DEV / "ravensholt-2015-07-15-health-and-wellbeing-board-item.html"
BRACKWATER = DEV / "brackwater-2025-06-10-cabinet.txt"
DUNMOOR = DEV / "dunmoor-2017-childrens-trust-board-minutes.docx"
HALLOWMERE = DEV / "hallowmere-2011-06-30-executive-board-minutes.html"


def _owners(path: Path) -> dict[str, str | None]:
    return {str(p.value["name"]): p.value.get("owner") for p in _draft(path).by_kind("priority")}


def test_bullets_separated_by_line_breaks_in_one_paragraph_are_separate_items():
    assert "Every child is safe and feels safe" in _names(RAVENSHOLT, "outcome")
    assert "Every child has the best start in life" in _names(RAVENSHOLT, "outcome")


def test_lettered_lines_with_a_dot_are_list_items():
    assert "Families get the right help at the right time" in _names(BRACKWATER, "outcome")


def test_quoted_sentences_on_one_line_are_one_pledge_each():
    assert "You will be asked before decisions are made about you" in _names(BRACKWATER, "pledge")


def test_sentences_after_a_colon_that_open_alike_are_the_list_the_lead_in_names():
    assert {"We will always listen to you", "We will help your family early"} <= _names(DUNMOOR, "pledge")


def test_a_list_ends_at_the_next_sibling_numbered_paragraph():
    assert not any(name.startswith("Progress will be measured") for name in _names(BRACKWATER, "pledge"))


def test_a_cue_after_under_the_names_the_parent_list_not_this_one():
    assert list_kind(load_lexicon(), "Four priority workstreams sit under the outcomes") == "priority"


def test_a_run_in_priority_keeps_the_owner_it_is_led_by():
    assert _owners(RAVENSHOLT)["emotional health and wellbeing"] == "Ravensholt Clinical Commissioning Group"


def test_a_priority_whose_lead_is_still_sought_has_no_owner():
    assert split_owner(load_lexicon(), "school readiness, for which a lead is still being sought") == (
        "school readiness",
        None,
        True,
    )


def test_a_dash_lead_label_line_is_a_priority_with_its_owner():
    assert _owners(DUNMOOR)["Neglect"] == "Dunmoor Safeguarding Children Board"


def test_priorities_after_an_aside_and_a_colon_are_read_with_their_bracketed_leads():
    assert _owners(HALLOWMERE)["improving school attendance"] == "Chief Officer, Learning"


def test_a_list_under_another_plans_heading_is_not_the_plans_list():
    assert list_kind(load_lexicon(), "4 COMMUNITY STRATEGY OUTCOMES") is None
    assert list_kind(load_lexicon(), "Corporate priorities") is None


def test_a_bulleted_list_ends_at_the_first_line_without_a_bullet():
    draft = extract_text(
        "Our priorities are:\n\n- Children are safe\n- Children are healthy\n\n"
        "The plan also sets out how partners will deliver these priorities.\n\n"
        "Children and Young People's Plan 2014-2017 (Summary)\n",
        "fictional-page",
    )
    names = {str(p.value["name"]) for p in draft.by_kind("priority")}
    assert names == {"Children are safe", "Children are healthy"}


def test_a_line_of_bullets_is_split_only_when_it_starts_with_one():
    assert split_inline("• Children are safe • Children are healthy") == ["Children are safe", "Children are healthy"]
    assert split_inline("Safe • healthy • happy") == []


OAKHURST = DEV / "oakhurst-2006-06-28-partnership-board-minutes.pdf"
WEXCOMBE = DEV / "wexcombe-2022-plan-summary.html"


def test_an_owner_after_a_colon_is_split_from_the_priority():
    assert _owners(OAKHURST)["Reduce childhood obesity"] == "Oakhurst Primary Care Trust"


def test_a_lead_word_inside_a_sentence_is_not_an_owner_label():
    assert split_owner(load_lexicon(), "Each team has a lead group that reports every six months")[1] is None


def test_a_line_about_the_list_is_not_one_of_its_items():
    assert not any(name.startswith("Each priority") for name in _names(WEXCOMBE, "priority"))


def test_items_set_off_by_commas_after_their_cue_are_a_list():
    assert {"improving speech and language at age five", "reducing child poverty"} <= _names(HALLOWMERE, "priority")


def test_capitalised_items_after_a_cue_and_a_comma_split_where_each_starts():
    assert "Improve support for young carers" in _names(OAKHURST, "priority")


def test_measures_progress_is_tracked_through_are_indicators():
    assert {"excess weight in 10-11 year olds"} <= _names(RAVENSHOLT, "indicator")
    assert "number of looked after children per 10,000 children" in _names(HALLOWMERE, "indicator")


def test_an_ing_noun_after_or_does_not_start_a_new_item():
    assert split_run_in("improving attendance in education or training, and reducing exclusions") == [
        "improving attendance in education or training",
        "reducing exclusions",
    ]


def test_a_semicolon_list_included_in_a_sentence_that_names_its_cue_is_read_however_far_apart():
    draft = extract_text(
        "Members acknowledged the key themes of the Plan drawn from consultation with schools and the youth"
        " council, which included mental health and wellbeing; cyber bullying; and child poverty.\n",
        "report",
    )
    names = {str(p.value["name"]) for p in draft.by_kind("priority")}
    assert names == {"mental health and wellbeing", "cyber bullying", "child poverty"}


def test_a_run_in_list_keeps_its_items_past_the_years_it_is_for():
    draft = extract_text(
        "Brackenmoor Council\n\nIts priorities for the next three years are to raise standards in secondary schools,"
        " to keep children safe from harm and to recruit more foster carers.\n"
    )
    assert any(str(p.value["name"]).endswith("recruit more foster carers") for p in draft.by_kind("priority"))
