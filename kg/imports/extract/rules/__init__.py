"""The rules: each kind of statement a report makes, proposed with its evidence sentence.

The pipeline: a spaCy blank English pipeline splits each block into sentences (no statistical
model: none can be downloaded here, and nothing depends on one); a `PhraseMatcher` finds the
lexicon's phrases (body and partner types, Acts, targets groups, reviews, frequencies); dates and
periods come from `kg.imports.extract.dates`; names are resolved against the reference data with
`rapidfuzz`. The rules look for the shapes of council writing (a body named before a date, a
RESOLVED clause, a priority list with its leads), not for any one council's words.

One module per kind (or kinds that share their reading); `context` holds what they all share.
`propose` runs them in order, since later rules read earlier proposals (a meeting's body, the
bodies named so far), and keeps one proposal per fact.
"""

from __future__ import annotations

from typing import Any

from kg.imports.extract.dates import MONTHS
from kg.imports.extract.document import Document
from kg.imports.extract.lexicon import Authority, Lexicon, load_lexicon
from kg.imports.extract.rules.authority import _authority
from kg.imports.extract.rules.bodies import _bodies_and_partners, _memberships
from kg.imports.extract.rules.consultations import _consultations
from kg.imports.extract.rules.context import Context, Proposal, _sentences
from kg.imports.extract.rules.decisions import _decisions
from kg.imports.extract.rules.legislation import _legislation
from kg.imports.extract.rules.meetings import _meetings, _own_meeting, _undated_meetings
from kg.imports.extract.rules.people import _people
from kg.imports.extract.rules.plans import _lists, _plans
from kg.imports.extract.rules.reviews import _monitoring, _reviews, _risks, _target_groups
from kg.imports.extract.rules.strategies import _strategies

__all__ = ["Proposal", "propose"]


def propose(doc: Document, lexicon: Lexicon | None = None) -> tuple[list[Proposal], Authority | None]:
    """Every proposal for one document, and the authority it is about."""
    ctx = Context(doc, lexicon or load_lexicon())
    ctx.sentences = _sentences(doc)
    authority = _authority(ctx)
    if authority:
        ctx.add(
            "authority",
            {"name": authority.name, "gss": authority.gss, "slug": authority.slug, "fictional": authority.fictional},
            doc.blocks[0],
            0.85,
        )
        first = ctx.proposals[-1]
        hit = next((s for s in ctx.sentences if authority.name.lower() in s.text.lower()), None)
        if hit:
            ctx.proposals.remove(first)
            ctx.add("authority", first.value, hit, 0.85)
    _own_meeting(ctx)
    _bodies_and_partners(ctx)
    _plans(ctx, authority)
    _meetings(ctx)
    _decisions(ctx)
    _undated_meetings(ctx)
    _people(ctx)
    _memberships(ctx, authority)
    _lists(ctx)
    _consultations(ctx)
    _legislation(ctx)
    _strategies(ctx)
    _reviews(ctx)
    _risks(ctx)
    _target_groups(ctx)
    _monitoring(ctx)
    return _dedupe(_without_month_echoes(ctx.proposals)), authority


def _month_of(text: str) -> int | None:
    """The month a yearless mention names on its own ("in June"), or None."""
    names = MONTHS.split("|")
    word = text.strip().rstrip(".").title()
    return names.index(word) + 1 if word in names else None


def _without_month_echoes(proposals: list[Proposal]) -> list[Proposal]:
    """Drop an undated meeting that only repeats a dated one: "On 22 June 2005, the Cabinet approved ... The report
    to the Cabinet in June" names one meeting, the month without its year being the dated meeting's month."""

    def body(p: Proposal) -> str:  # a named body of no listed kind is only itself
        kind = str(p.value.get("body_kind") or "Other")
        return kind if kind != "Other" else str(p.value.get("body") or "").lower()

    dated = {
        (body(p), int(str(p.value["date"])[5:7]))
        for p in proposals
        if p.kind == "meeting" and len(str(p.value.get("date") or "")) >= 7
    }

    def echo(p: Proposal) -> bool:
        month = _month_of(str(p.value.get("date_text") or ""))
        return bool(month) and not p.value.get("date") and (body(p), month) in dated

    return [p for p in proposals if not (p.kind == "meeting" and echo(p))]


def _dedupe(proposals: list[Proposal]) -> list[Proposal]:
    """One proposal per fact: a meeting (body kind, date) or a decision (body, verb, evidence) once."""
    out: list[Proposal] = []
    seen: set[tuple[Any, ...]] = set()
    for p in proposals:
        v = p.value
        if p.kind == "meeting":
            key: tuple[Any, ...] = (
                ("meeting", v.get("body_kind"), v.get("date")) if v.get("date") else ("meeting", p.start)
            )
        elif p.kind == "decision":
            key = ("decision", v.get("body"), v.get("verb"), p.start)
        elif p.kind in {"plan"}:
            key = ("plan", v.get("start"), v.get("end"))
        elif p.kind == "consultation":
            key = ("consultation", v.get("count"), p.start)
        else:
            key = (
                p.kind,
                str(v.get("name") or v.get("iri") or v.get("title") or v).lower(),
                v.get("date"),
                v.get("by"),
            )
        if key in seen:
            continue
        seen.add(key)
        out.append(p)
    return out
