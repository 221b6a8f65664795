"""A day printed month first without its year ("on July 13th", "Wednesday, November 23"), as news pages print
a coming meeting: a yearless day, kept in its words, never given a year the text does not print. Short texts
written for these tests about a fictional authority (Wexcombe)."""

from __future__ import annotations

from kg.imports.extract import extract_text
from kg.imports.extract.dates import find_dates


def test_a_month_first_day_after_on_without_a_year_is_a_day_with_no_value():
    (date,) = find_dates("The plan will be discussed on July 13th.")
    assert (date.text, date.value, date.precision) == ("July 13th", None, "none")


def test_a_month_first_day_after_its_weekday_without_a_year_is_a_day_with_no_value():
    (date,) = find_dates("The Executive (Wednesday, November 23) heard about the plan.")
    assert (date.text, date.value, date.precision) == ("Wednesday, November 23", None, "none")


def test_a_month_first_day_with_its_year_keeps_its_year():
    (date,) = find_dates("The Cabinet met on July 13th 2022.")
    assert (date.value, date.precision) == ("2022-07-13", "day")


def test_a_meeting_on_a_month_first_day_without_a_year_is_proposed_undated():
    draft = extract_text(
        "Wexcombe County Council\n\nThe plan will be discussed at a meeting of the Wexcombe Cabinet on July 13th.\n",
        "wexcombe-news",
    )
    meetings = [(p.value["body"], p.value["date"], p.value.get("date_text")) for p in draft.by_kind("meeting")]
    assert meetings == [("Wexcombe Cabinet", None, "July 13th")]
