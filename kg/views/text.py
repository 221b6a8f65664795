"""The words around a view's drawing: title with "as at", the source caption, and what an empty or sparse view lacks.

Every sentence here is about the graph (what the source reports say and do not say) and how to add
what is missing; none fills anything in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import networkx as nx

from kg.analysis.national import REGISTER_HINT

MONTHS = [date(2000, m, 1).strftime("%B") for m in range(1, 13)]

WORKBOOK_HINT = "fill in the plan workbook (`cypkg template plan.xlsx`) and load it with `cypkg import plan.xlsx`"
COMMITTEE_HINT = "import the council's committee system with `cypkg import moderngov --base …`"


def format_date(iso: str) -> str:
    """`2024-04-16` → `16 April 2024`, `2019-02` → `February 2019`, `2009` → `2009` (the precision the source gives)."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", iso.strip())
    if not m:
        return iso
    year, month, day = m.groups()
    if day:
        return f"{int(day)} {MONTHS[int(month) - 1]} {year}"
    if month:
        return f"{MONTHS[int(month) - 1]} {year}"
    return year


def title(g: nx.Graph) -> str:
    """`Who owns which priority — Anyshire Children and Young People's Plan 2024-2027, as at 16 April 2024`."""
    text = g.graph.get("title", "Network")
    scope = g.graph.get("scope", "")
    if scope:
        text += f" — {scope}"
    if g.graph.get("as_at"):
        text += f", as at {format_date(g.graph['as_at'])}"
    return text


def caption(g: nx.Graph) -> str:
    """The source line under a picture: the latest source behind the view, its date, and how many others."""
    sources = g.graph.get("sources", [])
    if not sources:
        return "Source: cypkg knowledge graph (council reports and reference data)."
    latest = sources[0]
    text = f"Source: {latest['title']}, {format_date(latest['date'])}"
    if len(sources) > 1:
        text += f", and {len(sources) - 1} earlier source{'s' if len(sources) > 2 else ''}"
    return text + " (cypkg knowledge graph)."


@dataclass(frozen=True)
class Notice:
    """What a view says when it has nothing, or little, to show: what is missing and how to add it."""

    heading: str
    text: str
    empty: bool

    def as_dict(self) -> dict[str, str | bool]:
        return {"heading": self.heading, "text": self.text, "empty": self.empty}


def notice(g: nx.Graph) -> Notice | None:
    """An explanation for an empty view (nothing to draw) or a sparse one (priorities but no owners)."""
    view = g.graph.get("view", "")
    scope = g.graph.get("scope", "these plans")
    kinds = [d.get("kind") for _, d in g.nodes(data=True)]
    if view == "partner-priority":
        aims = kinds.count("priority") + kinds.count("outcome")
        owned = sum(1 for _, _, d in g.edges(data=True) if "role" in d)
        if not aims and not owned:
            return Notice(
                "No outcomes, priorities or owners recorded",
                f"The source reports in the graph name no outcomes or priorities for {scope}, and no partner "
                f"that owns it. To add them, {WORKBOOK_HINT}.",
                True,
            )
        if aims and not owned:
            return Notice(
                "No owners recorded",
                f"The source reports name {aims} outcomes and priorities for {scope} but no partner that leads "
                f"or contributes to any of them, so every one is shown as a gap. To add owners, {WORKBOOK_HINT}.",
                False,
            )
        return None
    if not len(g) or not g.number_of_edges():
        what = {
            "boards": ("No board members recorded", f"The source reports name no members of {scope}'s boards"),
            "plan-strategy": (
                "No linked plans, strategies or duties recorded",
                f"The source reports link {scope} to no strategies, earlier plans, duties or legislation",
            ),
            "partners-national": (
                "No partners recorded",
                f"The source reports name no partner that owns part of a plan, sits on a body or holds a duty "
                f"for {scope}",
            ),
            "themes-national": (
                "No themes recorded",
                f"The source reports and register pages in the graph name no priorities for {scope} that map to a "
                "national theme",
            ),
        }.get(view, ("Nothing recorded", f"The graph holds nothing for this view of {scope}"))
        how = {"boards": COMMITTEE_HINT + ", or " + WORKBOOK_HINT, "themes-national": REGISTER_HINT}.get(
            view, WORKBOOK_HINT
        )
        return Notice(what[0], f"{what[1]}. To add them, {how}.", True)
    return None
