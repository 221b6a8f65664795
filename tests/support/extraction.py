"""What the extractor proposes for a short text, in the shapes the extraction tests compare."""

from __future__ import annotations

from kg.imports.extract import extract_text


def proposed_names(text: str, kind: str, report: str) -> list[str]:
    """The names of the proposals of one kind (outcome, priority, pledge …), in the order proposed."""
    return [str(p.value["name"]) for p in extract_text(text, report).by_kind(kind)]


def proposed_meetings(text: str, report: str) -> list[tuple[str, str | None]]:
    """Each proposed meeting as (body, date), the date None where the text prints none."""
    return [(str(p.value["body"]), p.value.get("date")) for p in extract_text(text, report).by_kind("meeting")]
