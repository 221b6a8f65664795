"""A plan's year printed before its title rather than after it. Short texts written for these tests about a
fictional authority (Kellbridge)."""

from __future__ import annotations

from kg.imports.extract import extract_text


def _periods(text: str) -> list[tuple[object, object]]:
    return [(p.value["start"], p.value["end"]) for p in extract_text(text, "report").by_kind("plan")]


def test_a_year_before_the_plans_title_is_its_first_year():
    text = (
        "Kellbridge Council\n\nThe 2021 Kellbridge Children and Young People Plan sets out what partners will do."
        " It refreshes the 2019 Children and Young People's Plan.\n"
    )
    assert sorted(_periods(text)) == [("2019", None), ("2021", None)]


def test_a_year_range_before_plan_is_the_plans_period_without_an_article():
    text = "Kellbridge Council\n\nThe Board discussed the review for 2013/14 plan.\n"
    assert _periods(text) == [("2013", "2014")]


def test_a_period_whose_dash_was_lost_right_after_the_title_is_read():
    draft = extract_text("Minute 7 Tollerdown Children, Young People and Families Plan 2015 25\n", "report")
    assert [(p.value["start"], p.value["end"]) for p in draft.by_kind("plan")] == [("2015", "2025")]


def test_a_period_given_to_it_in_a_long_sentence_after_the_title_is_the_plans():
    text = (
        "This is Tollerdown's fifth Children and Young People's Plan (CYPP). It sets out the strategic aims and "
        "priorities for all agencies working with children and young people across Tollerdown from 2015 to 2018.\n"
    )
    draft = extract_text(text, "report")
    assert [(p.value["start"], p.value["end"]) for p in draft.by_kind("plan")] == [("2015", "2018")]


def test_a_plans_first_and_last_years_said_in_words_are_its_period():
    text = "Our current Tollerdown Children and Young People's Plan went live in early 2022 and runs until 2025.\n"
    draft = extract_text(text, "report")
    assert [(p.value["start"], p.value["end"]) for p in draft.by_kind("plan")] == [("2022", "2025")]


def test_the_period_a_page_will_update_its_plan_for_is_a_further_plan():
    text = (
        "Our current Tollerdown Children and Young People's Plan went live in early 2022 and runs until the end of "
        "2025. We will be updating it for 2026 to 2029.\n"
    )
    draft = extract_text(text, "report")
    assert [(p.value["start"], p.value["end"]) for p in draft.by_kind("plan")] == [("2022", "2025"), ("2026", "2029")]


def test_two_years_after_a_title_that_the_plan_is_not_said_to_run_between_are_no_period():
    text = "The Tollerdown Children and Young People's Plan was drafted in 2018 and consulted on to 2019.\n"
    draft = extract_text(text, "report")
    assert [(p.value["start"], p.value["end"]) for p in draft.by_kind("plan")] == [(None, None)]


def test_a_count_after_a_title_is_not_a_period_whose_dash_was_lost():
    draft = extract_text("The Tollerdown Children and Young People's Plan 2018 25 actions are set out.\n", "report")
    assert [(p.value["start"], p.value["end"]) for p in draft.by_kind("plan")] == [(None, None)]
