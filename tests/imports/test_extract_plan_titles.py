"""A plan's title as the report prints it: from the place name the gazetteer knows to the period, without the
sentence's verb or article, and from the heading where one gives the period directly. Short fictional reports
(Kellbridge, whose gazetteer names include "City of Kellbridge")."""

from __future__ import annotations

from kg.imports.extract import extract_text


def _titles(text: str) -> list[str]:
    return [str(p.value["title"]) for p in extract_text(text, "report").by_kind("plan")]


def test_a_verb_before_the_plan_is_not_part_of_its_title():
    assert _titles(
        "Kellbridge Council\n\nCabinet is asked to approve the Children and Young People’s Plan 2008-2011.\n"
    ) == ["Children and Young People’s Plan 2008-2011"]


def test_a_place_name_of_several_words_is_taken_whole():
    assert _titles("The Board endorsed the City of Kellbridge's Children and Young People's Plan 2009-12.\n") == [
        "City of Kellbridge's Children and Young People's Plan 2009-12"
    ]


def test_a_title_with_its_period_beats_a_sentence_that_gives_the_period_in_months():
    text = (
        "The Children and Young People's Plan 2006-2009\n\n"
        "1.1 Every authority must produce a Children and Young People's Plan for April 2006 to March 2009.\n"
    )
    assert _titles(text) == ["Children and Young People's Plan 2006-2009"]


def test_a_title_in_capitals_is_title_cased():
    assert _titles("KELLBRIDGE CHILDREN AND YOUNG PEOPLE'S PLAN 2011 - 2014\n") == [
        "Kellbridge Children and Young People's Plan 2011 - 2014"
    ]
