"""A plan's lists read by the page's structure: which lines head a group, which bullets sit under them,
and where a bullet ends. The texts are written for these tests about a fictional authority (Brackenmoor),
in the shapes saved council pages take: indented bullets under unindented group lines."""

from __future__ import annotations

from kg.imports.extract import extract_text
from kg.imports.extract.document import read_text


def _values(text: str, kind: str) -> list[dict[str, object]]:
    return [dict(p.value) for p in extract_text(text, "brackenmoor-report").by_kind(kind)]


GROUPED = (
    "Brackenmoor Children and Young People's Plan 2021 to 2024\n"
    "The Plan works towards the following outcomes for children and young people.\n\n"
    "Growing up healthy\n"
    "  • Cut the number of children who smoke\n"
    "  • Help more babies get a good start\n"
    "Learning well\n"
    "  • Raise reading standards at age seven\n"
    "  • Support families to choose a school\n"
)


def test_a_line_printed_left_of_a_bullet_is_not_the_bullets_wrapped_end():
    texts = [b.text for b in read_text(GROUPED).blocks]
    assert "Help more babies get a good start" in texts
    assert "Learning well" in texts


def test_outcome_lines_with_bullets_under_them_are_outcomes_and_their_priorities():
    outcomes = [v["name"] for v in _values(GROUPED, "outcome")]
    priorities = {str(v["name"]): v.get("outcome") for v in _values(GROUPED, "priority")}
    assert outcomes == ["Growing up healthy", "Learning well"]
    assert priorities["Raise reading standards at age seven"] == "Learning well"
    assert len(priorities) == 4


def test_a_counted_run_in_list_splits_into_as_many_items_as_its_count():
    text = (
        "Brackenmoor Council\n\n"
        "Three outcomes were agreed: Every child starts school ready to learn, safer streets and homes, and"
        " children and young people are heard.\n"
    )
    assert [v["name"] for v in _values(text, "outcome")] == [
        "Every child starts school ready to learn",
        "safer streets and homes",
        "children and young people are heard",
    ]


def test_a_counted_run_in_list_splits_its_last_and_where_both_sides_are_longest():
    text = "Brackenmoor Council\n\nThe plan has three main aims including grow well, learn and achieve and be safe.\n"
    assert [v["name"] for v in _values(text, "outcome")] == ["grow well", "learn and achieve", "be safe"]


def test_aims_as_a_verb_introduce_no_outcomes():
    text = "Brackenmoor Council\n\nThe plan aims to do the following:\n\n- Open two family hubs\n- Hire more visitors\n"
    assert _values(text, "outcome") == []


def test_plain_lines_with_bullets_under_a_lead_in_naming_priorities_make_no_outcomes():
    text = GROUPED.replace("the following outcomes", "the following priorities")
    assert _values(text, "outcome") == []
