"""Legislation and duties: the Acts a report cites, and the duties it says they place.

Acts are found by the lexicon's titles (also with the year before the title or bracketed) and cited as
legislation.gov.uk IRIs, with the section or part only where the text names one; a duty's legal basis is
the Act its sentence cites.
"""

from __future__ import annotations

import re
from functools import cache

from kg.imports.extract.lexicon import Lexicon
from kg.imports.extract.rules.context import Context, Sentence


def _legislation(ctx: Context) -> None:
    """Acts and regulations the report cites, with the section only where it names one; and the duties they place."""
    seen: set[str] = set()
    last_act: str | None = None
    for s in ctx.sentences:
        low = s.text.lower().replace("’", "'")
        hits = sorted(
            (m.start(), m.end(), path) for path, pattern in _act_patterns(ctx.lex) for m in pattern.finditer(low)
        )
        cited: list[str] = []
        for start, end, path in hits:
            last_act = path
            before = re.search(
                r"\bsections?\s+(\d+[a-z]?)(?:\(\d+\))?\s+of\s+(?:the\s+)?$", low[max(0, start - 30) : start]
            )
            after = re.match(r"\s*,?\s*\(?(?:section|s\.)\s*(\d+[a-z]?)\b", low[end:])
            section = before or after
            part = re.search(r"\bpart\s+(\d+[a-z]?)\s+of\s+(?:the\s+)?$", low[max(0, start - 30) : start])
            iri = f"{LEGISLATION}{path}" + (
                f"/section/{section.group(1).upper()}" if section else f"/part/{part.group(1).upper()}" if part else ""
            )
            cited.append(iri)
            if iri not in seen:
                seen.add(iri)
                ctx.add("legislation", {"iri": iri}, s, 0.95 if section or part else 0.9)
        for m in re.finditer(r"\bsection\s+(\d+[a-z]?)\s+of\s+the\s+(?:same\s+)?act\b", low):
            if last_act:
                iri = f"{LEGISLATION}{last_act}/section/{m.group(1).upper()}"
                cited.append(iri)
                if iri not in seen:
                    seen.add(iri)
                    ctx.add("legislation", {"iri": iri}, s, 0.8)
        if cited:
            _duty(ctx, s, cited)


LEGISLATION = "http://www.legislation.gov.uk/id/"


@cache
def _act_patterns(lex: Lexicon) -> list[tuple[str, re.Pattern[str]]]:
    """An Act's title as the lexicon writes it ("children act 2004"), and with its year before the title or in
    brackets after it ("the 2004 children act", "the children act (2004)")."""
    out = []
    for path, title in lex.phrases.get("legislation", []):
        m = re.fullmatch(r"(.+?)\s+((?:19|20)\d{2})", title)
        if m:
            name, year = re.escape(m.group(1)), m.group(2)
            out.append((path, re.compile(rf"{name}\s+\(?{year}\)?|\b{year}\s+{name}\b")))
        else:
            out.append((path, re.compile(re.escape(title))))
    return out


_DUTY = re.compile(
    r"(?:\b(?:places?|placed|imposes?)\s+a\s+(?:statutory\s+)?duty\s+on\s+(?P<on>.+?)\s+to\b"
    r"|\brequires?\s+(?P<req>.+?)\s+to\s+(?!the\b)"
    r"|(?P<own>\b(?:[Tt]he\s+)?(?:Council|[Aa]uthority|[Ll]ocal [Aa]uthorities|[Pp]artners)(?:'s|’s)?)"
    r"\s+(?:statutory\s+)?duty\b"
    r"|\b(?P<has>(?:[Tt]he\s+)?[\w'’ ]{3,60}?)\s+(?:has|have)\s+a\s+(?:statutory\s+)?duty\b)"
)


def _duty(ctx: Context, s: Sentence, cited: list[str]) -> None:
    """A statutory duty the sentence says an Act places: its legal basis as cited (the section only where named)."""
    m = _DUTY.search(s.text)
    if not m or re.search(r"\bno (?:longer a |statutory )?(?:duty|requirement)\b", s.text, re.I):
        return
    holder = next(g for g in (m.group("on"), m.group("req"), m.group("own"), m.group("has")) if g is not None)
    holder = re.sub(r"(?:'s|’s)$", "", holder.strip())
    basis = max(cited, key=lambda iri: ("/section/" in iri, -cited.index(iri)))
    ctx.add("duty", {"iri": basis, "holder": holder, "text": s.text}, s, 0.7)
