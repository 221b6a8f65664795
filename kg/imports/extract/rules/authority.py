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


def _authority(ctx: Context) -> Authority | None:
    """The authority the report is about: its names counted, full council names and headings weighing more."""
    scores: dict[str, float] = {}
    by_slug = {a.slug: a for a in ctx.lex.authorities}
    text = ctx.doc.title + "\n" + "\n".join(ctx.doc.page_headers) + "\n" + ctx.doc.text
    text = re.sub(r"(?<=[A-Za-z]) & (?=[A-Z])", " and ", text)  # "Brighton & Hove City Council's"
    index = _authority_index(ctx.lex)

    def slug_of(head: str) -> str | None:
        head = head.rstrip(".")  # a name that ends a sentence: "working in Leeds."
        slug = index.get(head.lower()) or index.get(re.sub(r"['’]s?$", "", head.lower()))  # "Sefton’s Children"
        if slug is None and head.isupper():
            slug = index.get(head.title().lower())
        return slug

    for m in re.finditer(
        r"(?!(?:Our|The|This|These|Their|Its|In|At|For|By|From|With|As|All|Across|Within)\b)"  # "Our Fernbrook Plan"
        r"[A-Z][A-Za-z'’.-]+(?:[ -](?:upon|on|and|with|under|in|of|the|le|[A-Z][A-Za-z'’.-]+))*",
        text,
    ):
        words = m.group(0)
        for cut in range(len(words), 0, -1):
            head = words[:cut]
            if cut < len(words) and words[cut] not in " -":
                continue
            slug = slug_of(head)
            if slug:
                joint = re.match(r" and ([A-Z][A-Za-z'’-]+(?: [A-Z][A-Za-z'’-]+)?)", words[cut:])
                if joint and (slug_of(joint.group(1)) or slug_of(joint.group(1).split()[0])):
                    break  # "Wiltshire and Swindon Minerals Policies": two councils' joint title names neither alone
                weight = 3.0 if re.search(r"council|borough|city of|county", head, re.I) else 1.0
                scores[slug] = scores.get(slug, 0.0) + weight
                break
    if not scores:
        candidates = [m.group(0) for m in re.finditer(r"[A-Z][\w ]+? (?:City |County |Borough )?Council", text)]
        for cand in candidates:
            hit = process.extractOne(cand.lower(), list(index), scorer=fuzz.ratio, score_cutoff=90)
            if hit:
                scores[index[hit[0]]] = scores.get(index[hit[0]], 0.0) + 1
    if not scores:
        return None
    return by_slug[max(scores, key=lambda s: scores[s])]


@cache
def _authority_index(lex: Lexicon) -> dict[str, str]:
    return {n.lower(): a.slug for a in lex.authorities for n in a.names}
