"""Dates at the precision printed, and plan periods in every written form.

A date is found by its shape (day, month name or number, year) and read by `dateparser`; its
precision is what was printed: "30/06/2011" and "March 30th 2006" are days, "January 2006" a month,
"2005" a year. A date printed without a year ("Wednesday 25 June") keeps its words and has no value:
a year is never guessed, only taken from the document where it states one (a page header).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten"  # small counts as reports write them
_MON = rf"(?:{MONTHS}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+"
_ORD = r"(?:\s?(?:st|nd|rd|th)(?![a-z]))?"  # "7th", and "7 th" where a PDF set the ordinal apart
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("numeric", re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")),
    (
        "dmy",
        re.compile(rf"\b(?:{_WEEKDAY})?(?:the\s+)?(\d{{1,2}}){_ORD}(?:\s+of)?\s+({_MON}),?\s+(\d{{4}})\b", re.I),
    ),
    ("mdy", re.compile(rf"\b(?:{_WEEKDAY})?({_MON})\s+(\d{{1,2}}){_ORD},?\s+(\d{{4}})\b", re.I)),
    ("dm", re.compile(rf"\b(?:{_WEEKDAY})(\d{{1,2}}){_ORD}(?:\s+of)?\s+({MONTHS})\b(?!,?\s+\d{{4}})", re.I)),
    (
        "on-dm",
        re.compile(rf"\b(?:on|by)\s+(?:the\s+)?((\d{{1,2}}){_ORD}(?:\s+of)?\s+({MONTHS}))\b(?!,?\s+\d{{4}})", re.I),
    ),
    ("md", re.compile(rf"\b(?:{_WEEKDAY})({MONTHS})\s+(\d{{1,2}}){_ORD}\b(?!,?\s+\d{{4}})", re.I)),
    (
        "on-md",  # "before the Cabinet on March 21": month first, the year not printed
        re.compile(rf"\b(?:on|by)\s+(?:the\s+)?(({MONTHS})\s+(\d{{1,2}}){_ORD})\b(?!,?\s+\d{{4}})", re.I),
    ),
    ("my", re.compile(rf"\b({_MON})\s*,?\s+(\d{{4}})\b", re.I)),  # "January 2009", "Jan 2009", "Sept. 2010"
    ("m", re.compile(rf"\b(?:in|by|from|until|during)\s+({MONTHS})\b(?!\s*,?\s*\d)", re.I)),
    ("y", re.compile(r"\b(?:in|during|since|from|of|by)\s+((?:19|20)\d{2})\b(?![-/–]\d)")),
]


@dataclass(frozen=True)
class DateMention:
    """A date as printed: its span, its ISO value at the printed precision (None when yearless)."""

    start: int
    end: int
    text: str
    value: str | None
    precision: str  # day | month | year | none


@cache
def _parser() -> Any:  # dateparser's DateDataParser is untyped
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first"})


def warm() -> None:
    """Build dateparser's tables now (its first date costs a third of a second): `cypkg extract` does it
    while spaCy loads in another process. A date parsed is cached, and parsing has no other state."""
    parse_date("1 January 2000", "day")


@cache
def parse_date(text: str, precision: str) -> str | None:
    """ISO value of a date string at the given precision (day, month, year), or None if it is not one."""
    data = _parser().get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj
    if precision == "day":
        return d.strftime("%Y-%m-%d")
    if precision == "month":
        return d.strftime("%Y-%m")
    return d.strftime("%Y")


_SHARED_YEAR = re.compile(
    rf"\b(\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS}))\s*(?:&|and)\s*\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS})\s+(\d{{4}})\b",
    re.I,
)


def find_dates(text: str) -> list[DateMention]:
    """Every date in a text, longest first where shapes overlap, in text order."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for shape, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            a, b = m.span()
            if not free(a, b):
                continue
            if shape == "numeric":
                day, month, year = (int(x) for x in m.groups())
                if not (1 <= month <= 12 and 1 <= day <= 31):
                    continue
                value = parse_date(f"{day:02d}/{month:02d}/{year}", "day")
                precision = "day"
            elif shape in {"dmy", "mdy"}:
                value, precision = parse_date(re.sub(r"(\d)\s+(st|nd|rd|th)\b", r"\1\2", m.group(0)), "day"), "day"
            elif shape in {"dm", "md"}:
                value, precision = None, "none"
            elif shape in {"on-dm", "on-md"}:  # "agreed by the Board on 8th June": a day whose year is not printed
                a, b = m.span(1)
                value, precision = None, "none"
            elif shape == "my":
                value, precision = parse_date(f"1 {m.group(1)} {m.group(2)}", "month"), "month"
            elif shape == "m":
                a = m.start(1)
                value, precision = None, "none"
            else:
                a = m.start(1)
                value, precision = m.group(1), "year"
            if value is None and precision != "none":
                continue
            taken.append((a, b))
            found.append(DateMention(a, b, text[a:b], value, precision))
    for m in _SHARED_YEAR.finditer(text):  # "7th February & 7th March 2006": the first day has the second's year
        a, b = m.span(1)
        value = parse_date(f"{m.group(1)} {m.group(2)}", "day")
        yearless = [d for d in found if d.start < b and d.end > a]
        if value and all(d.precision == "none" for d in yearless):
            found = [d for d in found if d not in yearless]
            found.append(DateMention(a, b, text[a:b], value, "day"))
    return sorted(found, key=lambda d: d.start)


def with_year(mention: DateMention, year: str, after: str | None = None) -> str | None:
    """A yearless day ("Wednesday 25 June") read in a year the document states elsewhere; a yearless month
    ("in April") too, but only when it falls after the document's own date (`after`, ISO) in that year, so
    that "in April" in November's minutes, which may mean next April, stays undated."""
    if mention.precision != "none":
        return None
    if re.search(r"\d", mention.text):
        return parse_date(f"{mention.text} {year}", "day")
    month = parse_date(f"1 {mention.text} {year}", "month")
    return month if month and after and after[:4] == year and month >= after[:7] else None


_PERIOD = re.compile(
    rf"(?<![\d/])(?:(?:{MONTHS})\s+)?((?:19|20)\d{{2}})\s*(?:-|–|—|/|\bto\b)\s*(?:(?:{MONTHS})\s+)?((?:19|20)\d{{2}}|\d{{1,2}})"
    r"(?![\d/])(?!\s*(?:years?|%))",
    re.I,
)


@dataclass(frozen=True)
class Period:
    """A plan's period as printed ("2006-9", "2024/27", "2024 to 2027") with its four-digit years."""

    start: int
    end: int
    text: str
    first: str
    last: str  # "": a plan named by its first year alone ("2018 Children and Young People's Plan")


def find_periods(text: str) -> list[Period]:
    """Every year range in a text whose end follows its start (by at most 15 years)."""
    out = []
    for m in _PERIOD.finditer(text):
        first, last = m.group(1), m.group(2)
        if len(last) < 4:
            last = first[: 4 - len(last)] + last
        if not 0 < int(last) - int(first) <= 15:
            continue
        out.append(Period(m.start(), m.end(), m.group(0), first, last))
    return out


# What may stand between a plan's title and the period after it: a comma, a dash, "for", a bracket (with the
# title's acronym, "(CYPP) 2014 to 2017", or a subtitle, "(Empowering Young Enfield 2021-2025)"), a place the
# plan is for ("for Gateshead (2025-2030)"), "the period".
_TO_PERIOD = re.compile(
    r"\s*(?:,\s*|[-–]\s*)?(?:\((?-i:[A-Z]{2,6})\)\s*)?(?:(?:for|in)\s+(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*){0,2}\s*)?"
    r"(?:\(\s*(?:(?-i:[A-Z])[\w'’-]*\s+){0,4})?(?:for\s+)?(?:the\s+(?:period|years)\s+)?",
    re.I,
)


_DASH_LOST = re.compile(
    r"\s*((?:19|20)(\d{2}))\s+(\d{2})(?=\s*(?:$|[.,;:()]))"
)  # the title's end: "2015 25 actions" is none


def period_after_title(text: str) -> Period | None:
    """The period printed right after a plan's title (`text` starts where the title's words end); also one whose
    dash a page lost between the years ("Families Plan 2015 25"), read only right after a title."""
    periods = find_periods(text)
    if periods and (m := _TO_PERIOD.match(text)) and m.end() == periods[0].start:
        return periods[0]
    lost = _DASH_LOST.match(text)
    if lost and 0 < int(lost.group(3)) - int(lost.group(2)) <= 15:
        first = lost.group(1)
        return Period(lost.start(1), lost.end(3), text[lost.start(1) : lost.end(3)], first, first[:2] + lost.group(3))
    return None


def period_before_title(text: str) -> Period | None:
    """The period or the one year printed right before a plan's title ("the 2011-2014 Plan", "2018 Children
    and Young People's Plan"; `text` ends where the title starts). A year alone is a period with no end ("")."""
    periods = find_periods(text)
    if periods and text[periods[-1].end :].strip() == "":
        return periods[-1]
    year = re.search(r"(?<![\d/–-])\b((?:19|20)\d{2})\s+$", text)
    if year:
        return Period(year.start(1), year.end(1), year.group(1), year.group(1), "")
    return None
