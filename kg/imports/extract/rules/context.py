"""What every rule shares while reading one report: the proposal, the sentence, the reading context.

Sentences come from spaCy's sentencizer (`kg.imports.sentences`), a list marker it cut off kept with its
item. Names are capitalised runs of words (`name_spans`); `_body_mentions` reads which of them are
bodies by the lexicon's phrases and resolves "the Board" to the body last named, which meetings,
decisions, bodies, memberships and monitoring all need. Two patterns more than one kind reads live here
too: a season's year ("spring 2010") and a committee system's "Meeting: date - body" line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from kg.imports.extract.document import Block, Document
from kg.imports.extract.lexicon import Lexicon
from kg.imports.sentences import sentence_spans


@dataclass
class Proposal:
    """One proposed statement: its kind, its values, the sentence that says it and how sure the rule is."""

    kind: str
    value: dict[str, Any]
    evidence: str
    start: int  # character offsets of the evidence sentence in Document.text
    end: int
    paragraph: str
    confidence: float

    @property
    def label(self) -> str:
        """The proposal in a few words, for the review table."""
        v = self.value
        for key in ("title", "name", "verb", "what", "iri"):
            if v.get(key):
                text = str(v[key])
                if self.kind == "meeting" or key == "verb":
                    break
                return text
        if self.kind == "meeting":
            return f"{v.get('body')} on {v.get('date') or v.get('date_text') or 'an unprinted date'}"
        if self.kind == "decision":
            return f"{v.get('body')}: {v.get('verb')} ({v.get('status')}, about {v.get('about')})"
        return str(next(iter(v.values()), ""))


@dataclass
class Sentence:
    text: str
    start: int  # in Document.text
    block: Block


@dataclass
class Context:
    """What the rules share while reading one document."""

    doc: Document
    lex: Lexicon
    sentences: list[Sentence] = field(default_factory=list)
    own_body: str | None = None
    own_kind: str | None = None
    own_date: str | None = None
    body_now: str | None = None  # the body whose meeting a minutes section records
    year: str | None = None  # the year the document states for itself (header), for yearless dates
    proposals: list[Proposal] = field(default_factory=list)
    initialisms: dict[str, str] | None = None  # initials of the bodies it names in full -> body kind

    def add(self, kind: str, value: dict[str, Any], sent: Sentence | Block, confidence: float, span: str = "") -> None:
        text, start = (sent.text, sent.start) if isinstance(sent, Sentence) else (sent.text, sent.start)
        para = sent.block.para if isinstance(sent, Sentence) else sent.para
        if span and span in text:
            offset = text.index(span)
            text, start = span, start + offset
        self.proposals.append(Proposal(kind, value, text, start, start + len(text), para, round(confidence, 2)))


LIST_MARKER = re.compile(r"\(?[0-9a-z]{1,3}[.)]|\d+(?:\.\d+)+\.?|[A-Z]\.")
"""A paragraph number or list marker a sentence may open with: "1.", "(a)", "3.2", "B."."""


def marker_end(text: str) -> int:
    """Where a sentence's own words start, after the paragraph number or list marker it opens with ("1. On 22
    June 2005, the Cabinet ..."), so rules about how a sentence opens read its words, not its number."""
    m = re.match(rf"\s*(?:{LIST_MARKER.pattern})\s+", text)
    return m.end() if m else 0


def _sentences(doc: Document) -> list[Sentence]:
    out: list[Sentence] = []
    spans = sentence_spans([b.text for b in doc.blocks])  # spaCy's sentencizer (kg.imports.sentences)
    for block, sents in zip(doc.blocks, spans, strict=True):
        if block.kind == "row":
            out.append(Sentence(block.text, block.start, block))
            continue
        pending: int | None = None  # a list marker ("1.", "(a)") the sentencizer cut off on its own
        for sent_start, sent_end in sents:
            start = block.start + sent_start if pending is None else pending
            if LIST_MARKER.fullmatch(block.text[sent_start:sent_end].strip()):
                pending = start
                continue
            pending = None
            end = block.start + sent_end
            out.append(Sentence(doc.text[start:end], start, block))
        if pending is not None:
            out.append(Sentence(doc.text[pending : block.end], pending, block))
    return out


_CAP = (
    r"(?!(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|"
    r"Wednesday|Thursday|Friday|Saturday|Sunday)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?(?=\s+\d))"
    r"(?:[A-Z][\w'’&-]*|NHS|CYP)"
)


_JOIN = r"(?:[^\S\t\n]+(?:and|&|of|for|the|in|on|with)[^\S\t\n]+|[^\S\t\n]+)"  # never across a table cell


_INNER = (  # inside a name only: a year ("Plymouth 2020 Board"), a bracketed kind ("YorOK (Children's Trust) Board")
    r"(?:[^\S\t\n]+(?:19|20)\d{2}|[^\S\t\n]*\([A-Z][\w'’ &-]{2,40}\))(?=[^\S\t\n]+[A-Z])"
)


_NAME = re.compile(rf"(?:(?:the|shadow)\s+)?{_CAP}(?:{_INNER}|{_JOIN}{_CAP})*")


_BODY_HEAD = re.compile(
    r"(Board|Committee|Cabinet|Council|Executive|Panel|Commission|Partnership|Forum|Group|Trust|Parliament|Assembly|Network|"
    r"Constabulary|Police|Team|Service|Together|Care Trust|CCG|PCT|YOT)$"
)


_NOT_NAME_START = re.compile(
    r"^(?:The|This|That|These|Those|A|An|Our|Its|Their|His|Her|Members|RESOLVED|AGREED|Meeting of|Minutes of|"
    r"If|When|Once|Unless|Until|Where|Whilst|While|Although|Should|Subject to)\s+"  # a clause's opening word
)


def name_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """Capitalised names in a sentence (with their joining words), without a leading article."""
    for m in _NAME.finditer(text):
        name = m.group(0)
        start = m.start()
        while True:
            n = _NOT_NAME_START.match(name) or re.match(r"^(?:the|shadow)\s+(?=[A-Z])", name)
            if not n or n.group(0).strip().lower() == "shadow":
                break
            start += n.end()
            name = name[n.end() :]
        name = re.sub(r"(?:\s+(?:and|&|of|for|the|in|on|with))+$", "", name)
        if name:
            yield start, start + len(name), name


def _kind_of_name(lex: Lexicon, name: str) -> tuple[str, str] | None:
    """('body'|'partner', concept) by the longest lexicon phrase in the name."""
    return lex.organisation_kind(name)


def _body_mentions(ctx: Context, text: str) -> list[tuple[int, int, str, str]]:
    """Bodies named in a sentence: (start, end, name, body kind); generic 'the Board' resolved."""
    out = []
    for a, b, name in _split_lists(ctx, name_spans(text)):
        if not _BODY_HEAD.search(name) and not re.search(
            r"Cabinet Member for|Executive Member for|Executive Councillor for", name
        ):
            continue
        kind = _kind_of_name(ctx.lex, name)
        if (
            kind is None
            and re.fullmatch(r"(?:[A-Z][\w'’-]*\s+)+(?:Board|Committee|Panel|Commission)", name)
            and not _NOT_NAME_START.match(name)
        ):  # "Youth Justice Management Board", "YorOK Board", "Licensing Committee": a named board of no listed kind
            kind = ("body", "Other")
        if kind is None or kind[0] != "body":
            continue
        if kind[1] == "FullCouncil" and not re.fullmatch(r"(?:Full |County |City |Borough )?Council", name):
            continue
        if (
            name == "Council"
            and re.search(r"\b[Tt]he\s+$", text[:a])
            and not re.search(r"meeting of the\s+$", text[:a])
            and not _ROUTE.search(text[max(0, a - 40) : a])
            and not re.match(r"\s+for\s+(?:consideration|approval|adoption|decision)\b", text[b:])
        ):
            continue  # "the Council" is the authority, not a meeting of the full council
        if name.startswith("Chief ") and kind[1] != "OfficerGroup":
            continue  # "Chief Executive of the Trust" is a post; "Chief Officers Group" is a group of them
        out.append((a, b, name, kind[1]))
    for m in re.finditer(
        r"\b(?:[Tt]he|[Tt]his|[Ii]ts)\s+(Board|Committee|Partnership|Executive|Commission|Panel)\b"
        r"(?!\s+(?:Member|Director|Officer|Lead|Head)\b)",  # "the Executive Member" is a person
        text,
    ):
        if any(a <= m.start(1) < b for a, b, _, _ in out):
            continue
        resolved = _resolve_generic(ctx, m.group(1))
        if resolved:
            out.append((m.start(), m.end(), resolved[0], resolved[1]))
    for m in re.finditer(r"\b[A-Z]{3,8}\b", text):  # "CYPOSC": the initials of a body the document names in full
        known = _initialisms(ctx).get(m.group(0))
        if known and not any(a <= m.start() < b for a, b, _, _ in out):
            out.append((m.start(), m.end(), m.group(0), known))
    council = (
        r"\b(?:to|by|full|Full)\s+(Council)\b(?!\s+(?:for|Plan|Chamber|Offices|House|Tax|'s|’s|Executive|Cabinet))"
    )
    for m in re.finditer(council.replace("(?:to|by|full|Full)", "(?:to|by|full|Full|That)"), text):
        if not any(a <= m.start(1) < b for a, b, _, _ in out):
            name = "Full Council" if m.group(0).lower().startswith("full") else "Council"
            out.append((m.start(1), m.end(1), name, "FullCouncil"))
    return sorted(out)


def _initials(name: str) -> str:
    """ "Children & Young People's Overview & Scrutiny Committee" -> "CYPOSC": each capitalised word's first letter."""
    return "".join(w[0] for w in re.findall(r"[A-Z][\w'’-]*", name))


def _initialisms(ctx: Context) -> dict[str, str]:
    """The initials of every body the document names in full, with its kind ("CYPOSC" for the Children & Young
    People's Overview & Scrutiny Committee), read once per document."""
    if ctx.initialisms is None:
        ctx.initialisms = {}
        for _, end, name in name_spans(ctx.doc.text):
            kind = _kind_of_name(ctx.lex, name)
            letters = _initials(name)
            defined = ctx.doc.text[end : end + len(letters) + 4].lstrip().startswith(f"({letters})")
            if kind and kind[0] == "body" and (len(letters) >= 5 or defined) and _BODY_HEAD.search(name):
                ctx.initialisms.setdefault(letters, kind[1])  # "CPP" may be a Child Protection Plan: short initials
                # count only where the document gives them after the name, "Corporate Parenting Panel (CPP)"
    return ctx.initialisms


_ROUTE = re.compile(  # "adoption by the Council", "submitted to the Council": the council meeting a decision goes to
    r"\b(?:adoption|approval|endorsement|ratification|adopted|approved|ratified|submitted|presented|referred)"
    r"\s+(?:by|to)\s+the\s+$"
)


def _resolve_generic(ctx: Context, head: str) -> tuple[str, str] | None:
    """'the Board' is the last body named with that head noun, or the report's own body."""
    if ctx.own_body and ctx.own_body.endswith(head):
        return ctx.own_body, ctx.own_kind or "Other"
    for p in reversed(ctx.proposals):
        if p.kind == "body" and str(p.value["name"]).endswith(head):
            return str(p.value["name"]), str(p.value["body_kind"])
    if ctx.own_body and head in {"Board", "Committee"}:
        return ctx.own_body, ctx.own_kind or "Other"
    return None


def _titlecase(text: str) -> str:
    small = {"and", "of", "for", "the", "in", "on"}
    words = text.lower().split()
    return " ".join(w if (i and w in small) else w[:1].upper() + w[1:] for i, w in enumerate(words)).replace("'S", "'s")


_MG_MEETING = re.compile(r"(?i:meeting):\s*(\d{1,2}/\d{1,2}/\d{4})\s*-\s*(.+?)\s*(?:\(Item\s*\w+\)|$)")


_MOST_JOINED = 6  # the most "and"-joined parts a name split into two organisations is read in


def _split_lists(ctx: Context, spans: Iterator[tuple[int, int, str]]) -> Iterator[tuple[int, int, str]]:
    """'West Pennine Police and Eastholme Voluntary Action' is two organisations, not one."""
    for a, b, name in spans:
        parts = name.split(" and ")
        if len(parts) > _MOST_JOINED:  # a run of capitalised words and "and"s that long names no two organisations
            yield a, b, name
            continue
        for i in range(1, len(parts)):
            left, right = " and ".join(parts[:i]), " and ".join(parts[i:])
            if re.fullmatch(r"NHS\s+[A-Z][\w'’-]*", left):
                continue  # "NHS Tarnhollow and Wyebury Integrated Care Board": one NHS body named for two places
            kl, kr = _kind_of_name(ctx.lex, left), _kind_of_name(ctx.lex, right)
            organisations = kl and kr and (kl[0] == "partner" or _BODY_HEAD.search(left))
            if organisations and (_BODY_HEAD.search(right) or kr and kr[0] == "partner"):
                yield a, a + len(left), left
                yield b - len(right), b, right
                break
        else:
            yield a, b, name


def _sentence_of(ctx: Context, block: Block, span: str) -> Sentence:
    """The sentence of a block that holds the words cited (the block itself when none does)."""
    for s in ctx.sentences:
        if s.block is block and span in s.text:
            return s
    return next((s for s in ctx.sentences if s.block is block), Sentence(block.text, block.start, block))


_SEASON = re.compile(r"\b(?:spring|summer|autumn|winter)\s+(?:of\s+)?((?:19|20)\d{2})\b", re.I)
