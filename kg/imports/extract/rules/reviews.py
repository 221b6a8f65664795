"""Reviews, risks, target groups and monitoring: what a plan is checked against and by whom.

Inspections and reviews the report names, with their dates (the lexicon's review phrases); risks from a
risk register's rows; the groups of children a plan targets (the lexicon's group phrases, either
number); and who receives reports on the plan and how often.
"""

from __future__ import annotations

import re
from functools import cache

from kg.imports.extract.dates import MONTHS, find_dates
from kg.imports.extract.lexicon import Lexicon
from kg.imports.extract.rules.context import _SEASON, Context, _body_mentions

_REVIEW_LEFT = re.compile(
    r"((?:(?:[A-Z][\w’'-]*|unannounced|independent|local|area|joint|targeted|focused|full|short|peer|annual|"
    r"second|first|third|(?:19|20)\d{2})\s+){0,5})$"
)


_REVIEW_STOP = (
    r"(?=\s+(?:in|on|by|during|carried|which|that|took|judged|found|rated|asked|published|was|were|has|had|is|"
    r"are|will|required|expected|to|and\s+its)\b|[.;:]|\s+\(?(?:19|20)\d{2}|$)"
)


def _reviews(ctx: Context) -> None:
    """Reviews and inspections the report names, each with the date it prints for it (or none).

    A review is named by a review-kind phrase of the lexicon ("Joint Area Review", "inspection", "peer
    review"), widened to its modifiers ("Ofsted's unannounced", "SEND local area") and its complement
    ("of services for children in need of help and protection"). It is a particular review where a date
    follows it in the clause or a year comes before it ("the 2006 Annual Performance Assessment"), or,
    undated, where a named kind is written as one event ("the Joint Area Review", "the second annual
    review"); "Annual Performance Assessment and Joint Area Reviews that will begin" is neither.
    """
    seen: set[tuple[str, str | None]] = set()
    for s in ctx.sentences:
        text = s.text
        taken: list[tuple[int, int]] = []
        for concept, phrase, pattern in _review_patterns(ctx.lex):
            for m in pattern.finditer(text):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                taken.append(m.span())
                left = _REVIEW_LEFT.search(text[: m.start()])
                begin = m.start() - len(left.group(1)) if left else m.start()
                while re.match(r"(?:The|A|An|In|Following|After|Since|Our|Its|This)\s", text[begin:]):
                    begin = text.index(" ", begin) + 1
                rest = re.match(rf"\s+(?:of|into|for)\s+.*?{_REVIEW_STOP}", text[m.end() :])
                end = m.end() + (len(rest.group(0)) if rest and len(rest.group(0)) < 110 else 0)
                name = text[begin:end].strip(" ,")
                year = re.match(r"((?:19|20)\d{2})\s+", name)
                name = name[year.end() :] if year else name
                if year and re.search(r"\d\s*[-–/]\s*$", text[max(0, begin - 8) : begin]):
                    year = None  # "Plan 2011-2014 Needs Assessment": the end of another document's period
                before = text[max(0, begin - 12) : begin]
                if not re.search(r"\d\s*[-–/]\s*(?:19|20)?\d{2}\s+$", before):  # not "Plan 2011-2014 Needs Assessment"
                    year = year or re.search(r"\b((?:19|20)\d{2})(?:'s)?\s+$", before)
                clause = re.split(r"[;]|\.\s", text[end:])[0][:100]
                dates = _review_dates(clause)
                if year:
                    dates = [year.group(1)]
                plural = m.group(0).lower().endswith("s") and not phrase.endswith("s")
                particular = re.search(r"\b(?:the|its|their|our|this)\s+(?:\w+\s+){0,3}$", before, re.I) or re.search(
                    r"'s\s+$", before
                )
                if not dates:
                    named = concept in {
                        "JointAreaReview",
                        "AnnualPerformanceAssessment",
                        "DiagnosticReview",
                        "NationalReview",
                    }
                    ordinal = re.search(
                        r"\b(?:first|second|third|fourth)\s+(?:annual\s+)?$",
                        text[max(0, m.start() - 20) : m.start()],
                        re.I,
                    )
                    later = re.search(r"\bwill\b", clause[:40])
                    attributive = re.match(
                        r"\s+(?:findings|letter|report|team|recommendations|action plan)\b", text[end:]
                    )
                    if plural or not (particular and (named or ordinal)) or later or attributive:
                        continue  # not one review the report dates or names as an event
                undated: list[str | None] = [None]
                for date in dates or undated:
                    if (concept, date) in seen:
                        continue
                    seen.add((concept, date))
                    ctx.add("review", {"name": name, "date": date, "kind": concept}, s, 0.7, span=name)


@cache
def _review_patterns(lex: Lexicon) -> list[tuple[str, str, re.Pattern[str]]]:
    phrases = sorted(lex.phrases.get("review", []), key=lambda cp: -len(cp[1]))
    return [(c, p, re.compile(rf"(?<![\w']){re.escape(p)}s?(?![\w'])", re.I)) for c, p in phrases]


def _review_dates(clause: str) -> list[str]:
    """The dates a review's clause prints for it: a day, a month, a year, a season's year; each year once."""
    season = _SEASON.search(clause)
    if season and season.start() < 40:
        return [season.group(1)]
    span = re.search(rf"\b({MONTHS})\s*[-–]\s*({MONTHS})\s+((?:19|20)\d{{2}})", clause)
    if span and span.start() < 40:
        return [span.group(3)]  # "March-April 2009": the year both months share
    out: list[str] = []
    for d in find_dates(clause):
        if d.value and d.start < 60 and d.value[:4] not in {o[:4] for o in out}:
            out.append(d.value)
    years = re.findall(r"\bin\s+((?:19|20)\d{2})\s+and\s+((?:19|20)\d{2})\b", clause)
    for pair in years:
        out.extend(y for y in pair if y not in out)
    return out


def _risks(ctx: Context) -> None:
    for s in ctx.sentences:
        cells = s.block.cells
        if s.block.kind == "row" and len(cells) >= 3 and re.fullmatch(r"[A-F][1-6]", cells[-1]):
            ctx.add(
                "risk",
                {
                    "name": cells[0],
                    "rating": cells[-1],
                    "description": cells[1] if len(cells) > 3 else "",
                    "mitigation": cells[-2],
                },
                s,
                0.85,
                span=cells[0],
            )


def _inflected(phrase: str) -> str:
    """A target group's phrase as a pattern that also takes the other number ("care leaver", "young people")."""
    words = []
    for word in phrase.split():
        if word in {"person", "people"}:
            words.append("(?:person|people)")
        elif word in {"child", "children"}:
            words.append("(?:child|children)")
        else:
            words.append(re.escape(word.removesuffix("s")) + "s?" if re.fullmatch(r"[a-z]+", word) else re.escape(word))
    return r"\s+".join(words)


@cache
def _group_patterns(lex: Lexicon) -> list[tuple[str, re.Pattern[str]]]:
    """(concept, pattern) for every target group name the plan may print; abbreviations and 'everyone' left out."""
    everyone = set(lex.phrases_of("target-group-not"))
    return [
        (concept, re.compile(rf"\b{_inflected(phrase)}\b"))
        for concept, phrase in lex.phrases.get("target-group", [])
        if phrase not in lex.acronyms and phrase not in everyone  # "SEND" also names a partnership board
    ]


def _target_groups(ctx: Context) -> None:
    """Groups of children the plan names (one per concept): not inside an indicator's name or an organisation's."""
    seen: set[str] = set()
    measured = [(p.start, p.end) for p in ctx.proposals if p.kind == "indicator"]
    for s in ctx.sentences:
        if s.block.kind == "heading" and re.match(r"(?:\d+\.?\s+)?Implications\b", s.text):
            continue
        low = s.text.lower().replace("’", "'")
        for concept, pattern in _group_patterns(ctx.lex):
            if concept in seen:
                continue
            for m in pattern.finditer(low):
                at = s.start + m.start()
                if any(a <= at < b for a, b in measured):
                    continue  # "the rate of children in care per 10,000": a measure, not the plan's group
                if re.match(r"\s+(?:Council|Board|Forum|Partnership|Team|Service)\b", s.text[m.end() :]):
                    continue  # "Children in Care Council": an organisation's name
                seen.add(concept)
                ctx.add("target_group", {"name": s.text[m.start() : m.end()], "concept": concept}, s, 0.6)
                break


_MONITORS = re.compile(
    r"\b(?:monitor\w*|reports?\s+to|reported\s+to|report(?:ing)?\s+(?:back\s+)?to|receives?|checks?\s+progress|"
    r"reviews?\s+(?:progress|the plan|delivery)|review\w*|progress reports?|performance reports?|annual report)\b",
    re.I,
)


def _monitoring(ctx: Context) -> None:
    """Who receives reports on the plan and how often, where both are stated in one clause."""
    for s in ctx.sentences:
        if not _MONITORS.search(s.text) or not ctx.lex.concept_of("frequency", s.text):
            continue
        clauses = re.split(
            r",\s+and\s+|;\s+|\s+and\s+(?=(?:to|annually|each|every|this|an?|publish|reports?)\b)", s.text
        )
        for clause in clauses:
            freq = ctx.lex.concept_of("frequency", clause)
            bodies = _body_mentions(ctx, clause)
            if not freq or not bodies:
                continue
            to = re.search(r"(?:\b(?:report(?:s|ed|ing)?|made|submitted|presented)\s+(?:\w+\s+){0,3}?|^)to\s+", clause)
            receivers = [b for b in bodies if to and b[0] >= to.end() - 1] or bodies[:1]
            for b in receivers:
                ctx.add("monitoring", {"by": b[2], "frequency": freq}, s, 0.6)
