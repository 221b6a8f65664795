"""Plans and the lists they lay out.

A plan's title and period ("Children and Young People's Plan 2011-14"), with the place named before it;
then the outcomes, priorities, pledges and indicators `kg.imports.extract.lists` finds, each proposed
with its sentence. Strategies read `_PLAN_CORE` to tell the plan from other plans and strategies.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from kg.imports.extract.dates import find_periods
from kg.imports.extract.lexicon import Authority, Lexicon
from kg.imports.extract.lists import find_items
from kg.imports.extract.rules.authority import _authority_index
from kg.imports.extract.rules.context import Context, Proposal, _sentence_of, _titlecase

_PLAN_CORE = re.compile(
    r"(?:(?P<owner>[A-Z][\w'’]*(?:\s+[A-Z][\w'’]*)?)(?:'s|’s)?\s+)?(?P<core>Children(?:,\s*|,?\s+(?:and|&)\s+|\s+)Young\s+"
    r"People(?:'s|’s|s')?(?:,?\s+(?:and|&)\s+(?:their\s+)?Families(?:'|’)?)?(?:\s+Partnership)?\s+Plan|CYPP"
    r"|(?<=\bthe\s)plan\s+for\s+children(?:,\s*|,?\s+(?:and|&)\s+)young\s+people(?:,?\s+(?:and|&)\s+families)?)\b",
    re.I,
)


def _plans(ctx: Context, authority: Authority | None) -> None:
    seen: dict[tuple[str, str], Proposal] = {}
    directs: dict[tuple[str, str], bool] = {}  # whether a plan's title has its period right after it
    for s in ctx.sentences:
        for m in _PLAN_CORE.finditer(s.text):
            tail = s.text[m.end() : m.end() + 40]
            head = s.text[max(0, m.start() - 14) : m.start()]
            period = None
            p_after = find_periods(tail)
            if p_after and re.match(
                r"^\s*(?:\(|for\s+|–\s*|-\s*)?(?:the\s+(?:period|years)\s+)?$", tail[: p_after[0].start]
            ):
                period = p_after[0]
                title_end = m.end() + p_after[0].end
            else:
                p_before = find_periods(head)
                if p_before and head[p_before[-1].end :].strip() == "":
                    period = p_before[-1]
                    title_end = m.end()
            if period is None:
                near = find_periods(s.text[m.end() : m.end() + 120])
                if near and re.search(r"covered the period|cover the period|for the (?:next )?\w+ years", s.text, re.I):
                    period = near[0]
                    title_end = m.end()
                else:
                    continue
            owner = _place_before(ctx, s.text, m.start("core"))
            start = m.start("core") - len(owner) if owner else m.start("core")
            title = re.sub(
                r"^(?:the|The|this|This|our|Our|draft|Draft|DRAFT|THE)\s+", "", s.text[start:title_end].strip(" ()")
            )
            if title.upper() == title:  # "CHILDREN AND YOUNG PEOPLE'S PLAN 2011 - 2014" in a capitals heading
                title = _titlecase(title)
            key = (period.first, period.last)
            direct = not re.match(r"\s*for\b", s.text[m.end() :])  # "Plan 2006-2009", not "Plan for April 2006 to …"
            status = "draft" if re.search(r"\bdraft\b", s.text, re.I) else None
            value = {
                "title": title,
                "start": period.first,
                "end": period.last,
                "status": status,
                "period_text": period.text.strip(),
            }
            if authority:
                value["authority"] = authority.slug
            earlier = seen.get(key)
            better = earlier is not None and (direct, len(title)) > (directs[key], len(str(earlier.value["title"])))
            if earlier is None or better and "CYPP" not in title:
                directs[key] = direct
                if key in seen:
                    ctx.proposals.remove(seen[key])
                    value["status"] = value["status"] or seen[key].value.get("status")
                ctx.add("plan", value, s, 0.9 if m.group("core") != "CYPP" else 0.7)
                seen[key] = ctx.proposals[-1]
    for s in ctx.sentences:  # "the 2011-2014 Plan", "the previous plan, for 2009-2012"
        for m in re.finditer(
            r"\bthe ((?:19|20)\d{2}\s*[-–/]\s*\d{1,4}) [Pp]lan\b"
            r"|the (?:next|new) plan, for ((?:19|20)\d{2}\s*[-–/]\s*\d{2,4})"
            r"|\bthe ((?:19|20)\d{2}) [Pp]lan\b",  # "the 2019 plan": an earlier plan named by its first year only
            s.text,
        ):
            if m.group(3):
                if not any(first == m.group(3) for first, _ in seen):
                    value = {"title": m.group(0).removeprefix("the "), "start": m.group(3), "end": None, "status": None}
                    ctx.add("plan", value, s, 0.5)
                    seen[(m.group(3), "")] = ctx.proposals[-1]
                continue
            periods = find_periods(m.group(1) or m.group(2))
            period = periods[0] if periods else None
            if period and (period.first, period.last) not in seen:
                ctx.add(
                    "plan",
                    {
                        "title": m.group(0).removeprefix("the "),
                        "start": period.first,
                        "end": period.last,
                        "status": None,
                    },
                    s,
                    0.6,
                )
                seen[(period.first, period.last)] = ctx.proposals[-1]
    if not seen:  # a page about the plan that never prints its period: the plan, undated
        named = next((s for s in ctx.sentences if _PLAN_CORE.search(s.text)), None)
        if named:
            core = _PLAN_CORE.search(named.text)
            title = core.group("core") if core else ""
            value = {"title": _titlecase(title) if title.isupper() else title, "start": None, "end": None}
            if authority:
                value["authority"] = authority.slug
            ctx.add("plan", {**value, "status": None}, named, 0.6, span=title)


@cache
def _places_longest_first(lex: Lexicon) -> tuple[str, ...]:
    return tuple(sorted(_authority_index(lex), key=len, reverse=True))


def _place_before(ctx: Context, text: str, pos: int) -> str:
    """The authority's name as printed just before a plan's title ("Bath and North East Somerset ", "City of
    York's "), from the gazetteer; "" when the words before are not a place ("approve the", "refreshed")."""
    before = text[max(0, pos - 60) : pos]
    stem = re.sub(r"(?:'s|’s)?\s+$", "", before)
    low = stem.lower()
    best = next(
        (n for n in _places_longest_first(ctx.lex) if low.endswith(n) and not re.search(r"[\w-]$", low[: -len(n)])),
        "",
    )
    found = before[len(stem) - len(best) :] if best else ""
    return found if found[:1].isupper() else ""


def _lists(ctx: Context) -> None:
    """Outcomes, priorities, pledges and indicators: the lists the report lays out (kg.imports.extract.lists)."""
    for item in find_items(ctx.doc, ctx.lex):
        value: dict[str, Any] = {"name": item.name}
        if item.kind == "priority":
            value["owner"] = item.owner
            if item.parent:
                value["outcome"] = item.parent
        if item.kind == "indicator" and item.parent:
            value["priority"] = item.parent
        ecm = next((iri for label, iri in ctx.lex.outcomes.items() if label.lower() == item.name.lower()), None)
        if item.kind == "outcome" and ecm:
            value["ecm"] = ecm
        ctx.add(item.kind, value, _sentence_of(ctx, item.block, item.span), item.confidence, span=item.span)
    seen = {str(p.value["name"]).lower() for p in ctx.proposals if p.kind == "outcome"}
    for s in ctx.sentences:  # the Every Child Matters outcomes, where a sentence names them
        named = [label for label in ctx.lex.outcomes if re.search(rf"\b{re.escape(label)}\b", s.text, re.I)]
        if len(named) < 2:
            continue
        for label in named:
            if label.lower() not in seen:
                seen.add(label.lower())
                ctx.add("outcome", {"name": label, "ecm": ctx.lex.outcomes[label]}, s, 0.9, span=label)
    for s in ctx.sentences:  # "The Pledge promises that A, and that B"
        m = re.search(r"\b(?:[Pp]ledge|[Pp]romise)s?\s+(?:promises|says|states)\s+that\s+(.+)$", s.text)
        if m:
            for promise in re.split(r",?\s+and\s+that\s+", m.group(1).rstrip(".")):
                ctx.add("pledge", {"name": promise}, s, 0.7, span=promise)
