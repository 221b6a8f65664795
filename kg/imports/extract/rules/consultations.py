"""Consultations: how many people took part, and when.

A count of people (with its qualifier: approximately, more than, at least, at most) in a sentence that
speaks of consulting, and the period the consultation ran.
"""

from __future__ import annotations

import re

from kg.imports.extract.dates import MONTHS, find_dates
from kg.imports.extract.rules.context import _SEASON, Context
from kg.ontology.vocabulary import concept

_COUNT = re.compile(
    r"(?:\b((?i:around|approximately|about|some|over|more than|at least|nearly|almost|up to|so far))\s+)?"
    r"\b(\d{1,3}(?:,\d{3})+|\d+)"
    r"\s+((?:(?!(?:the|a|an|of|in|for|and|to|at|on|with|from|by)\b)[a-z-]+\s+){0,2}?(?:children(?: and young people)?|"
    r"young people|people|pupils|parents(?: and carers)?|residents|responses|practitioners(?: and managers)?|"
    r"participants|staff|schools|inspectors|members|carers|families|students|professionals|respondents|"
    r"head ?teachers|councillors|organisations|partners))\b(?!['’]s)"
)


_CONSULT_WORDS = re.compile(
    r"consult|survey|questionnaire|took part|responded|respon|involved|attended|told us|workshop|"
    r"session|views|design days|answered|completed|discussions",
    re.I,
)


def _qualifier(name: str | None) -> str:
    """The review word (ontology/input-words.ttl) of the count qualifier the lexicon named; "exact" when none was."""
    return (concept(name).notation("ReviewNotation") or "exact") if name else "exact"


def _consultations(ctx: Context) -> None:
    """How many took part in a consultation, with the qualifier printed and the dates it ran where stated."""
    period_of: dict[int, tuple[str | None, str | None]] = {}  # a block's consultation period, from any sentence
    for s in ctx.sentences:
        if re.search(r"consult|survey", s.text, re.I):
            period = _period_of(s.text)
            if period != (None, None):
                period_of.setdefault(id(s.block), period)
    for s in ctx.sentences:
        context = _CONSULT_WORDS.search(s.text) or re.search(r"consult", s.block.section or "", re.I)
        if not context:
            continue
        own = _period_of(s.text)
        start, end = own if own != (None, None) else period_of.get(id(s.block), (None, None))
        dates = {"start": start, "end": end} if start else {}
        for m in _COUNT.finditer(s.text):
            n = int(m.group(2).replace(",", ""))
            if 1900 <= n <= 2100 and "," not in m.group(2) and not m.group(1):
                continue  # a year, not a count
            if re.search(
                r"\b(?:Stage|Year|NI|[Ss]ection|paragraph|Appendix|Item|page|Priority|Outcome)\s+$", s.text[: m.start()]
            ):
                continue  # "Key Stage 2", "NI 65": a label, not a count
            if re.search(r"\b(?:whose|its|their|has|have)\s+$", s.text[: m.start()]):
                continue  # "the Youth Council, whose 48 members ran a survey": a body's size
            word = (m.group(1) or "").lower()
            qualifier = ctx.lex.concept_of("qualifier", word) if word and word != "so far" else None
            value = {"count": n, "qualifier": _qualifier(qualifier), "who": m.group(3).lower()}
            ctx.add("consultation", {**value, **dates}, s, 0.8)
        bare = re.search(
            r"\b(around|approximately|about|some|over|more than|at least|nearly|almost)\s+(\d{1,3}(?:,\d{3})+|\d+)\s+"
            r"(?:have|had|were)\s+(?:been\s+)?(?:involved|consulted|took part|responded)",
            s.text,
            re.I,
        )
        if bare:
            qualifier = ctx.lex.concept_of("qualifier", bare.group(1).lower())
            count = int(bare.group(2).replace(",", ""))
            value = {"count": count, "qualifier": _qualifier(qualifier), "who": None}
            ctx.add("consultation", {**value, **dates}, s, 0.7)


def _period_of(text: str) -> tuple[str | None, str | None]:
    """When a consultation ran, at the precision printed: 'between October and December 2006', 'in
    November 2013', 'in the autumn of 2015', 'on 17 November 2006'. A range's first end takes the year its
    second end prints ('from 9 January to 17 February 2006'); nothing else is filled in."""
    span = re.search(
        rf"\b(?i:between|from)\s+((?:\d{{1,2}}\s+)?(?:{MONTHS})(?:\s+(?:19|20)\d{{2}})?)\s+(?:and|to|until)\s+"
        rf"((?:\d{{1,2}}\s+)?(?:{MONTHS})\s+(?:19|20)\d{{2}})",
        text,
    )
    if span:
        second = find_dates(span.group(2))
        year = second[0].value[:4] if second and second[0].value else None
        first_text = span.group(1) if re.search(r"\d{4}", span.group(1)) else f"{span.group(1)} {year}"
        first = find_dates(first_text)
        if first and first[0].value and second and second[0].value:
            return first[0].value, second[0].value
    season = _SEASON.search(text)
    if season:
        return season.group(1), season.group(1)
    for d in find_dates(text):
        if d.value and d.precision in {"day", "month"} and re.search(r"\b(?:in|on|during)\s+$", text[: d.start]):
            return d.value, d.value
    return None, None
