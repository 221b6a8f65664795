"""Content negotiation: pick the representation a client prefers from the ones a route offers.

Implements RFC 9110 §12.5.1: media ranges with q-values, `type/*` and `*/*` wildcards, `q=0` as
"not this", and the most specific matching range deciding a type's quality. Parameters other than
`q` (e.g. `profile=…`, `charset=…`) make a range more specific but do not have to match.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MediaRange:
    """One entry of an Accept header."""

    type: str
    subtype: str
    q: float
    params: tuple[tuple[str, str], ...] = ()
    order: int = 0

    def matches(self, media_type: str) -> bool:
        t, _, s = media_type.partition("/")
        return self.type in ("*", t) and self.subtype in ("*", s)

    @property
    def specificity(self) -> int:
        """How precise the range is: `*/*` < `text/*` < `text/csv` < `text/csv;charset=…`."""
        if self.type == "*":
            return 0
        if self.subtype == "*":
            return 1
        return 2 + len(self.params)


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an Accept header, in the order given; malformed entries are skipped."""
    ranges: list[MediaRange] = []
    for order, part in enumerate((header or "").split(",")):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if "/" not in media:
            continue
        t, _, s = media.partition("/")
        if not t or not s:
            continue
        q = 1.0
        params: list[tuple[str, str]] = []
        for piece in pieces[1:]:
            key, _, value = piece.partition("=")
            key, value = key.strip().lower(), value.strip().strip('"')
            if key == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
            elif key:
                params.append((key, value))
        ranges.append(MediaRange(t, s, q, tuple(params), order))
    return ranges


def quality(media_type: str, ranges: list[MediaRange]) -> float:
    """The q-value a client gives one media type: that of the most specific range matching it."""
    matching = [r for r in ranges if r.matches(media_type)]
    if not matching:
        return 0.0
    best = max(matching, key=lambda r: (r.specificity, -r.order))
    return best.q


def choose(accept: str | None, offers: list[str], default: str | None = None) -> str | None:
    """The offered media type the client likes best; `default` (or the first offer) for no/any Accept.

    Ties go to the client's own order, then to the route's order of offers. None means nothing
    offered is acceptable (the caller answers 406).
    """
    ranges = parse_accept(accept)
    if not ranges:
        return default or offers[0]
    scored = []
    for index, offer in enumerate(offers):
        q = quality(offer, ranges)
        if q > 0:
            position = min((r.order for r in ranges if r.matches(offer) and r.q > 0 and r.specificity >= 2), default=99)
            scored.append((-q, position, 0 if offer == default else 1, index, offer))
    if not scored:
        return None
    return min(scored)[-1]


def prefers_html(accept: str | None) -> bool:
    """True for a browser: HTML is acceptable and liked at least as much as anything RDF or JSON."""
    ranges = parse_accept(accept)
    html = quality("text/html", [r for r in ranges if r.specificity >= 1])
    if html <= 0:
        return False
    others = ("application/json", "text/turtle", "application/ld+json", "application/sparql-results+json")
    return all(html >= quality(o, [r for r in ranges if r.specificity >= 2]) for o in others)
