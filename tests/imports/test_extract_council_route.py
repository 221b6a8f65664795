"""'The Council' as the council meeting a decision goes to, and as the authority. Short texts written for these
tests about a fictional authority (Brackenmoor)."""

from __future__ import annotations

from tests.imports.test_extract_body_names import _bodies


def test_the_council_a_plan_is_presented_to_for_consideration_is_the_full_council():
    assert _bodies("The Plan will be presented to the Council for consideration.").get("Council") == "FullCouncil"


def test_the_council_a_plan_goes_to_for_adoption_is_the_full_council():
    assert _bodies("Cabinet recommended the Plan for adoption by the Council.").get("Council") == "FullCouncil"


def test_the_councils_partners_name_no_council_meeting():
    assert "Council" not in _bodies("The Plan was written with the Council's partners.")
