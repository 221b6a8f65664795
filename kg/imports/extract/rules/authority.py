"""The authority a report is about, and whether a name is an authority's.

Its names are counted across the title, the page headers and the text, a full council name weighing
more; a council name spelled a little differently is matched with `rapidfuzz`. Meetings, bodies, plans
and memberships ask `_authority_name`: "Leeds City Council" is the authority, not a body that meets.
"""

from __future__ import annotations

import re
from functools import cache

from rapidfuzz import fuzz, process

from kg.imports.extract.lexicon import Authority, Lexicon
from kg.imports.extract.rules.context import Context


def _authority_name(lex: Lexicon, name: str) -> bool:
    return name.lower() in _authority_index(lex)


# characters: no authority's written name is longer ("Royal Borough of Windsor and Maidenhead Council")
_LONGEST_NAME = 80


def _authority(ctx: Context) -> Authority | None:
    """The authority the report is about: its names counted, full council names and headings weighing more."""
    scores: dict[str, float] = {}
    by_slug = {a.slug: a for a in ctx.lex.authorities}
    text = ctx.doc.title + "\n" + "\n".join(ctx.doc.page_headers) + "\n" + ctx.doc.text
    text = re.sub(r"(?<=[A-Za-z]) & (?=[A-Z])", " and ", text)  # "Brighton & Hove City Council's"
    index = _authority_index(ctx.lex)

    claims = _claims(ctx.lex)
    shared: list[tuple[tuple[Authority, ...], float]] = []  # a name two authorities have had ("North Yorkshire")

    def claimants(head: str) -> tuple[Authority, ...]:
        head = head.rstrip(".")  # a name that ends a sentence: "working in Leeds."
        low = head.lower()
        found = claims.get(low) or claims.get(re.sub(r"['’]s?$", "", low))  # "Sefton’s Children"
        if not found and head.isupper():
            found = claims.get(head.title().lower())
        labelled = tuple(a for a in found or () if any(low == label.lower() for label in a.labels))
        return labelled if len(labelled) == 1 else found or ()

    for m in re.finditer(
        r"(?!(?:Our|The|This|These|Their|Its|In|At|For|By|From|With|As|All|Across|Within)\b)"  # "Our Fernbrook Plan"
        r"[A-Z][A-Za-z'’.-]+(?:[ -](?:upon|on|and|with|under|in|of|the|le|[A-Z][A-Za-z'’.-]+))*",
        text,
    ):
        words = m.group(0)
        for cut in range(min(len(words), _LONGEST_NAME), 0, -1):
            head = words[:cut]
            if cut < len(words) and words[cut] not in " -":
                continue
            found = claimants(head)
            if found:
                joint = re.match(r" and ([A-Z][A-Za-z'’-]+(?: [A-Z][A-Za-z'’-]+)?)", words[cut:])
                if joint and (claimants(joint.group(1)) or claimants(joint.group(1).split()[0])):
                    break  # "Wiltshire and Swindon Minerals Policies": two councils' joint title names neither alone
                weight = 3.0 if re.search(r"council|borough|city of|county", head, re.I) else 1.0
                if len(found) > 1:
                    shared.append((found, weight))
                else:
                    scores[found[0].slug] = scores.get(found[0].slug, 0.0) + weight
                break
    for found, weight in shared:  # the one the document names unmistakably elsewhere, else the one of its years
        named = [a for a in found if a.slug in scores]
        chosen = max(named, key=lambda a: scores[a.slug]) if named else _of_its_time(found, ctx.doc.text)
        scores[chosen.slug] = scores.get(chosen.slug, 0.0) + weight
    if not scores:
        candidates = [m.group(0) for m in re.finditer(r"[A-Z][\w ]{0,60}? (?:City |County |Borough )?Council", text)]
        for cand in candidates:
            hit = process.extractOne(cand.lower(), list(index), scorer=fuzz.ratio, score_cutoff=90)
            if hit:
                scores[index[hit[0]]] = scores.get(index[hit[0]], 0.0) + 1
    if not scores:
        return None
    return by_slug[max(scores, key=lambda s: scores[s])]


def _of_its_time(found: tuple[Authority, ...], text: str) -> Authority:
    """Of authorities that have had one name, the one that existed in the middle of the years a document prints
    (North Yorkshire County Council until 2023, North Yorkshire Council after); with no year, the one today."""
    years = sorted(int(y) for y in re.findall(r"\b(19[89]\d|20[0-4]\d)\b", text))
    if years:
        year = str(years[len(years) // 2])
        alive = [a for a in found if (not a.start or a.start[:4] <= year) and (not a.end or year < a.end[:4])]
        if alive:
            return alive[0]
    return next((a for a in found if not a.end), found[0])


@cache
def _claims(lex: Lexicon) -> dict[str, tuple[Authority, ...]]:
    """Every written form of an authority's name, with each authority that has had it."""
    out: dict[str, list[Authority]] = {}
    for a in lex.authorities:
        for n in a.names:
            out.setdefault(n.lower(), []).append(a)
    return {n: tuple(found) for n, found in out.items()}


@cache
def _authority_index(lex: Lexicon) -> dict[str, str]:
    return {n.lower(): a.slug for a in lex.authorities for n in a.names}
