"""Every outcome, priority, theme and pledge the plans register names (data/sources/register/priorities.csv),
printed as the bulleted list under its heading that a plan's page would print, is proposed through the
extractor as an item of that list, in the register's own words.

The names are the register's facts; the page around them is written here for a fictional authority
(Kellbridge). The rules were tuned on councils A–M only; N–Z is the held-out half and passes unchanged.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from rapidfuzz import fuzz

from kg.imports.extract import extract_text

REGISTER = Path(__file__).resolve().parents[2] / "data" / "sources" / "register" / "priorities.csv"
HEADING = {"outcome": "Our outcomes", "pledge": "Our pledges"}  # themes, wishes and the rest: priorities


def _lists() -> list[Any]:
    """One case per plan and kind of list: its names in the register's order."""
    groups: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    with REGISTER.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            groups[(row["council"], row["plan_title"], row["kind"])].append(row["name"])
    return [
        pytest.param(kind, names, id=f"{'A-M' if council[0] <= 'M' else 'N-Z'} {council} {kind} {title}")
        for (council, title, kind), names in groups.items()
    ]


@pytest.mark.parametrize(("kind", "names"), _lists())
def test_every_list_name_in_the_plans_register_is_an_item_of_its_list(kind: str, names: list[str]) -> None:
    wanted = kind if kind in HEADING else "priority"
    page = "Kellbridge Council\n\n{}\n\n{}\n".format(
        HEADING.get(kind, "Our priorities"), "\n".join(f"• {n}" for n in names)
    )
    found = [str(p.value["name"]).lower() for p in extract_text(page, "kellbridge-page").by_kind(wanted)]
    missing = [n for n in names if not any(fuzz.ratio(n.lower().strip(" ."), f) >= 95 for f in found)]
    assert not missing
