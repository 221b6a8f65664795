"""Groups of officers a plan passes through before it reaches a board: a management team or group, and a group
of chief officers. Short texts written for these tests about a fictional authority (Brackenmoor)."""

from __future__ import annotations

from tests.imports.test_extract_body_names import _bodies


def test_a_management_team_is_an_officer_group():
    bodies = _bodies("The draft Plan went first to the Departmental Management Team.")
    assert bodies.get("Departmental Management Team") == "OfficerGroup"


def test_a_group_of_chief_officers_is_an_officer_group_not_a_post():
    bodies = _bodies("The draft Plan then went to the Chief Officers Group.")
    assert bodies.get("Chief Officers Group") == "OfficerGroup"
