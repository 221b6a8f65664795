"""Plans and the lists they lay out.

A plan's title and period ("Children and Young People's Plan 2011-14"), with the place named before it;
then the outcomes, priorities, pledges and indicators `kg.imports.extract.lists` finds, each proposed
with its sentence. Strategies read `_PLAN_CORE` to tell the plan from other plans and strategies.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from kg.imports.extract.dates import MONTHS, NUMBER_WORDS, Period, find_periods, period_after_title, period_before_title
from kg.imports.extract.document import Block
from kg.imports.extract.lexicon import Authority, Lexicon
from kg.imports.extract.lists import ecm_named, find_items
from kg.imports.extract.rules.authority import _authority_index
from kg.imports.extract.rules.context import Context, Proposal, Sentence, _sentence_of, _titlecase

_OWNER = r"(?:(?P<owner>[A-Z][\w'’]*(?:\s+[A-Z][\w'’]*)?)(?:'s|’s)?\s+)?"
_CAPITALISED = r"(?-i:[A-Z])[\w'’-]*"  # a word of a title ("Bridging", "Wellbeing", "Gloucestershire")
_PLAN_CORE = re.compile(
    _OWNER + r"(?P<core>Children(?:'s|’s)?(?:,\s*|,?\s+(?:and|&)\s+|\s+)Young\s+"
    r"People(?:'s|’s|s'|s|\x20s\b)?['’]?(?:,?\s+(?:and|&)\s+(?:their\s+)?Families(?:'|’)?)?(?:\s+"
    + _CAPITALISED
    + r")?\s+Plan|CYPP"
    r"|(?<=\bthe\s)plan\s+for\s+children(?:,\s*|,?\s+(?:and|&)\s+)young\s+people"
    r"(?:,?\s+(?:and|&)\s+(?:their\s+)?families)?)\b",
    re.I,
)


_LENGTH = rf"(?:\d{{1,2}}|{NUMBER_WORDS})[-\s]years?"  # a plan's length: "five-year", "10 year"


_TITLED = (  # a year printed before a plan's title ("the 2020 Oakhurst Children and Young People Plan")
    r"(?:(?:[A-Z][\w'’]*\s+)?Children(?:,\s*|,?\s+(?:and|&)\s+|\s+)Young\s+People(?:'s|’s|s')?\s+)?"
)


@cache
def _plan_title(lex: Lexicon) -> re.Pattern[str]:
    """A plan's title in other words than a CYPP's: the lexicon's words for whom a plan is for (plan-audience:
    "Children", "Families") and what it is (plan-kind: "Plan", "Strategy"), with capitalised words between
    ("Children and Family Wellbeing Strategic Plan", "Children and Young People and Child Poverty Plan") or
    the audience after ("One Plan for children and young people", "Plan for Children, Young People and their
    Families", "Plan to Support Children and Young People"); its length may stand before what it is ("children and
    families five year plan")."""
    words = [re.escape(w).replace("'", "['’]?").replace("\\ ", "\\s+") for w in lex.phrases_of("plan-audience")]
    audience = "(?:their\\s+)?(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"
    run = rf"{audience}(?:(?:,\s*|,?\s+(?:and|&)\s+){audience}){{0,5}}"  # bounded: a long run costs no more per start
    kind = f"(?:{lex.alternation('plan-kind')})"
    return re.compile(
        rf"(?-i:{_OWNER})(?P<core>{run}(?:\s+(?:(?:and|&)\s+)?{_CAPITALISED}){{0,3}}?(?:\s+{_LENGTH})?\s+{kind}"
        rf"|(?:{_CAPITALISED}\s+){{0,2}}{kind}\s+(?:for|to\s+support)\s+{run})(?![\w'’])",
        re.I,
    )


def _title_pattern(ctx: Context) -> re.Pattern[str]:
    """How the document names its plan: as a CYPP; in a document that never names a CYPP, as a plan or strategy
    for children, young people or families (`_plan_title`)."""
    return _PLAN_CORE if any(_PLAN_CORE.search(s.text) for s in ctx.sentences) else _plan_title(ctx.lex)


def _short_line(text: str) -> bool:
    """A line of a cover or page heading: short, and not the end of a sentence."""
    return 0 < len(text.strip()) < 60 and not text.rstrip().endswith((".", ";", ",", ":"))


def _cover_runs(ctx: Context) -> list[Sentence]:
    """Runs of short lines, a block each, read as one text: a cover or page heading that breaks a plan's title over
    lines ("Kellbridge" / "Children and" / "Young People's" / "Plan 2014-2017") or prints its period on a line of
    its own below the title ("... Strategy" / "2011 - 2015")."""
    runs: list[Sentence] = []
    run: list[Block] = []
    for block in [*ctx.doc.blocks, None]:
        if block is not None and block.kind in ("heading", "para") and _short_line(block.text):
            run.append(block)
            continue
        if len(run) > 1:
            runs.append(Sentence(ctx.doc.text[run[0].start : run[-1].end], run[0].start, run[0]))
        run = []
    return runs


def _period_below(text: str) -> Period | None:
    """A period printed alone on one of the two lines below a cover's title line, perhaps under a version line
    ("Version 2: 01.03.07"); `text` starts where the title's words end."""
    lines = text.split("\n\n")
    if lines[0].strip():  # the title's line goes on: its period, if any, is read right after the title
        return None
    for line in [ln for ln in lines[1:] if ln.strip()][:2]:
        periods = find_periods(line)
        if periods and periods[0].text.strip() == line.strip():
            offset = text.index(line) + line.index(periods[0].text)
            p = periods[0]
            return Period(offset, offset + len(p.text), p.text, p.first, p.last)
    return None


def _plans(ctx: Context, authority: Authority | None) -> None:
    seen: dict[tuple[str, str], Proposal] = {}
    directs: dict[tuple[str, str], bool] = {}  # whether a plan's title has its period right after it
    pattern = _title_pattern(ctx)
    covers = _cover_runs(ctx)
    readings = [(s, pattern) for s in [*ctx.sentences, *covers]]
    if pattern is _PLAN_CORE and ctx.doc.blocks:  # the page's own heading may title its plan in other words
        heading = ctx.doc.blocks[0]
        readings.append((Sentence(heading.text, heading.start, heading), _plan_title(ctx.lex)))
        covers.append(readings[-1][0])
    for s, words in readings:
        cover = s in covers
        for m in words.finditer(s.text):
            tail = s.text[m.end() : m.end() + 50]
            head = s.text[max(0, m.start() - 14) : m.start()]
            period = period_after_title(tail)
            below = _period_below(s.text[m.end() :]) if cover and not period else None
            period = period or below
            if period:
                title_end = m.end() + period.end
            else:
                period = period_before_title(head)
                title_end = m.end()
            title_start = m.start() - len(head) + period.start if period and title_end == m.end() else len(s.text)
            if period is None:
                near = find_periods(s.text[m.end() : m.end() + 120])
                if near and re.search(r"covered the period|cover the period|for the (?:next )?\w+ years", s.text, re.I):
                    period = near[0]
                    title_end = m.end()
                else:
                    continue
            owner = _place_before(ctx, s.text, m.start("core"))
            first = m.start("core") - len(owner) if owner else m.start("core")
            start = min(title_start, _title_start(s.text, first))
            key = (period.first, period.last)
            if cover:  # a cover's title starts on the line of its first word, and adds no plan read before
                if key in seen:
                    continue
                start = max(start, s.text.rfind("\n", 0, first) + 1)
            title = re.sub(
                r"^(?:the|The|this|This|our|Our|draft|Draft|DRAFT|THE)\s+",
                "",
                re.sub(r"\s+", " ", s.text[start : m.end() if below else title_end]).strip(" ()"),
            )
            if below:  # the title's line, then the period printed under it (not a version line between)
                title += " " + below.text.strip()
            title += ")" * (title.count("(") - title.count(")"))  # "Plan (2018– 2021)": the bracket the period closes
            if title.upper() == title:  # "CHILDREN AND YOUNG PEOPLE'S PLAN 2011 - 2014" in a capitals heading
                title = _titlecase(title)
            direct = not re.match(r"\s*for\b", s.text[m.end() :])  # "Plan 2006-2009", not "Plan for April 2006 to …"
            status = "draft" if re.search(r"\bdraft\b", s.text, re.I) else None
            value = {
                "title": title,
                "start": period.first,
                "end": period.last or None,
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
            rf"\b(?:[Tt]he|for) ((?:19|20)\d{{2}}\s*[-–/]\s*\d{{1,4}}) {_TITLED}[Pp]lan\b"
            r"|the (?:next|new) plan, for ((?:19|20)\d{2}\s*[-–/]\s*\d{2,4})"
            rf"|\b[Tt]he ((?:19|20)\d{{2}}) {_TITLED}[Pp]lan\b",  # "the 2019 plan": a plan named by its first year
            s.text,
        ):
            if m.group(3):
                if not any(first == m.group(3) for first, _ in seen):
                    title = re.sub(r"^(?:[Tt]he|for)\s+", "", m.group(0))
                    value = {"title": title, "start": m.group(3), "end": None, "status": None}
                    ctx.add("plan", value, s, 0.5)
                    seen[(m.group(3), "")] = ctx.proposals[-1]
                continue
            periods = find_periods(m.group(1) or m.group(2))
            period = periods[0] if periods else None
            if period and (period.first, period.last) not in seen:
                ctx.add(
                    "plan",
                    {
                        "title": re.sub(r"^(?:[Tt]he|for)\s+", "", m.group(0)),
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
        words = _PLAN_CORE
        if named is None and ctx.doc.blocks:  # ... or that titles it in other words in its own heading
            heading = ctx.doc.blocks[0]
            named, words = Sentence(heading.text, heading.start, heading), _plan_title(ctx.lex)
        core = words.search(named.text) if named else None
        if named and core:
            title = core.group("core")
            value = {"title": _titlecase(title) if title.isupper() else title, "start": None, "end": None}
            if authority:
                value["authority"] = authority.slug
            told = _period_in_words(ctx, words) + _period_told_after(ctx, words)
            given: set[tuple[str, str]] = set()
            for said, period in told:  # "went live in early 2022 and runs until the end of 2025"; "updating it for …"
                if (period.first, period.last) not in given:
                    given.add((period.first, period.last))
                    ctx.add("plan", {**value, "start": period.first, "end": period.last, "status": None,
                                     "period_text": period.text.strip()}, said, 0.5)  # fmt: skip
            if not told:
                ctx.add("plan", {**value, "status": None}, named, 0.6, span=title)


_OF_IT = re.compile(  # what says a period is the plan's, in a sentence that names it only as "it" or "the plan"
    r"^\s*(?:It|The plan|This plan)\b[^.;]{0,160}?\b(?:from|for|between|over|covering)\s+$"
    r"|\b(?:refresh|renew|updat|extend)\w*\s+it\s+for\s+$"
)


def _period_told_after(ctx: Context, words: re.Pattern[str]) -> list[tuple[Sentence, Period]]:
    """Periods the page gives its plan in the three sentences after the first that names it, where they call the
    plan "it" or "the plan" ("It sets out what we will do from 2015 to 2019", "to refresh it for 2021 - 2024");
    for a plan whose title prints no period."""
    for i, named in enumerate(ctx.sentences):
        if not words.search(named.text):
            continue
        return [
            (later, period)
            for later in ctx.sentences[i + 1 : i + 4]
            for period in find_periods(later.text)
            if _OF_IT.search(later.text[: period.start])
        ]
    return []


_SEASON_WORD = r"(?:early|mid|late|spring|summer|autumn|winter|the\s+end\s+of|the\s+start\s+of)"
_IN_WORDS = re.compile(  # a plan's first and last years said in words: "went live in early 2022 and runs until the
    # end of 2025", "from April 2019 until March 2022"
    rf"\b(?:in|from|since)\s+(?:{_SEASON_WORD}\s+)?(?:(?:{MONTHS})\s+)?((?:19|20)\d{{2}})\b[^.;]{{0,60}}?"
    rf"\b(?:until|till|through|to)\s+(?:{_SEASON_WORD}\s+)?(?:(?:{MONTHS})\s+)?((?:19|20)\d{{2}})\b"
)


def _period_in_words(ctx: Context, words: re.Pattern[str]) -> list[tuple[Sentence, Period]]:
    """The first and last years a sentence gives the plan it names, after its title, in words between them."""
    out = []
    for s in ctx.sentences:
        title = words.search(s.text)
        m = _IN_WORDS.search(s.text, title.end()) if title else None
        between = s.text[m.end(1) : m.start(2)] if m else ""
        runs = re.search(r"\b(?:runs?|running|lasts?|continues?|until|till)\b", between) and " from " not in between
        if m and runs and 0 < int(m.group(2)) - int(m.group(1)) <= 15:  # "drafted in 2018 and consulted on to 2019"
            # names no period: the plan must be said to run to the second year
            out.append((s, Period(m.start(), m.end(), m.group(0), m.group(1), m.group(2))))
    return out


def _title_start(text: str, pos: int) -> int:
    """Where a plan's title starts: before the capitalised words printed just before its core words ("Joint",
    "Bi-Borough", "East Riding"), which title case makes part of it."""
    words = re.search(r"(?<![\w'’-])(?:[A-Z][\w'’-]*\s+){1,3}$", text[:pos])
    return words.start() if words else pos


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
        ecm = next((iri for label, iri in ctx.lex.outcomes.items() if ecm_named(label).fullmatch(item.name)), None)
        if item.kind == "outcome" and ecm:
            value["ecm"] = ecm
        ctx.add(item.kind, value, _sentence_of(ctx, item.block, item.span), item.confidence, span=item.span)
    seen = {str(p.value["name"]).lower() for p in ctx.proposals if p.kind == "outcome"}
    named_in = [  # the Every Child Matters outcomes, where a sentence names two, or one beside another that does
        [(label, m.group(0)) for label in ctx.lex.outcomes if (m := ecm_named(label).search(s.text))]
        for s in ctx.sentences
    ]
    for j, (s, named) in enumerate(zip(ctx.sentences, named_in, strict=True)):
        beside = any(named_in[k] for k in range(max(0, j - 2), min(len(named_in), j + 3)) if k != j)
        alone = (
            named and beside and len(s.text.split()) <= 6 and re.sub(r"^[\W\d]+", "", s.text).startswith(named[0][1])
        )
        if len(named) < 2 and not alone:
            continue  # a line of its own names one beside lines naming others; "social and economic wellbeing" does not
        for label, printed in named:
            if label.lower() not in seen and printed.lower() not in seen:
                seen.update({label.lower(), printed.lower()})
                ctx.add("outcome", {"name": printed, "ecm": ctx.lex.outcomes[label]}, s, 0.9, span=printed)
    for s in ctx.sentences:  # "The Pledge promises that A, and that B"
        m = re.search(r"\b(?:[Pp]ledge|[Pp]romise)s?\s+(?:promises|says|states)\s+that\s+(.+)$", s.text)
        if m:
            for promise in re.split(r",?\s+and\s+that\s+", m.group(1).rstrip(".")):
                ctx.add("pledge", {"name": promise}, s, 0.7, span=promise)
