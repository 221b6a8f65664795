"""The rules: each kind of statement a report makes, proposed with its evidence sentence.

The pipeline: a spaCy blank English pipeline splits each block into sentences (no statistical
model: none can be downloaded here, and nothing depends on one); a `PhraseMatcher` finds the
lexicon's phrases (body and partner types, Acts, targets groups, reviews, frequencies); dates and
periods come from `kg.imports.extract.dates`; names are resolved against the reference data with
`rapidfuzz`. The rules look for the shapes of council writing (a body named before a date, a
RESOLVED clause, a priority list with its leads), not for any one council's words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from rapidfuzz import fuzz, process

from kg.imports.extract.dates import MONTHS, DateMention, find_dates, find_periods, with_year
from kg.imports.extract.document import Block, Document
from kg.imports.extract.lexicon import Authority, Lexicon, load_lexicon
from kg.imports.extract.lists import find_items, owner_like, owner_line
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

    def add(self, kind: str, value: dict[str, Any], sent: Sentence | Block, confidence: float, span: str = "") -> None:
        text, start = (sent.text, sent.start) if isinstance(sent, Sentence) else (sent.text, sent.start)
        para = sent.block.para if isinstance(sent, Sentence) else sent.para
        if span and span in text:
            offset = text.index(span)
            text, start = span, start + offset
        self.proposals.append(Proposal(kind, value, text, start, start + len(text), para, round(confidence, 2)))


# --- the spaCy pipeline -------------------------------------------------------------------------


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
            if re.fullmatch(r"\(?[0-9a-z]{1,3}[.)]|\d+(?:\.\d+)+\.?|[A-Z]\.", block.text[sent_start:sent_end].strip()):
                pending = start
                continue
            pending = None
            end = block.start + sent_end
            out.append(Sentence(doc.text[start:end], start, block))
        if pending is not None:
            out.append(Sentence(doc.text[pending : block.end], pending, block))
    return out


# --- names ----------------------------------------------------------------------------------------

_CAP = (
    r"(?!(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|"
    r"Wednesday|Thursday|Friday|Saturday|Sunday)\b)(?:[A-Z][\w'’&-]*|NHS|CYP)"
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


def _authority_name(lex: Lexicon, name: str) -> bool:
    return name.lower() in _authority_index(lex)


# --- the document's authority ----------------------------------------------------------------------


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


# --- dates in their context ----------------------------------------------------------------------------

_NOT_MEETING = re.compile(
    r"publication date|effective from|first published|last updated|date of decision|consultation\s+(?:ran|began|"
    r"begins|closes|closed|starts|ends|period|will run)|published (?:by|in)|by april|deadline|due in|background papers|"
    r"\(pdf|annual performance assessment|inspection|review of|legislation due|ran from|survey",
    re.I,
)
_MEETING_WORDS = re.compile(
    r"\b(?:meeting|met|meet|meets|for (?:adoption|approval|endorsement|decision)|considered|consider|agreed|"
    r"approved|endorsed|received|noted|scrutinised|presented|held|"
    r"report(?:ed)? to|considered by|asked to|to:|brought to|work programme|attended|decided|adopted|"
    r"report progress|presented to|goes to|go to|going to|submitted to|taken to|comes? to|shared with|signed off|"
    r"bring|report(?:ed)? back|come back)\b",
    re.I,
)


_EVENT = re.compile(
    r"\b(?:inspection|review|assessment|consultation|survey|letter|conference|visit|publication|published|closed|"
    r"launch|launched|summit|festival|celebration|conclusion|expiry|expired|following)\b",
    re.I,
)


@cache
def _deadline_cue(lex: Lexicon) -> re.Pattern[str]:
    cues = "|".join(re.escape(c) for c in sorted(lex.phrases_of("deadline"), key=len, reverse=True))
    part = r"(?:\s+the)?(?:\s+(?:very\s+)?(?:end|start|beginning|close|middle|first|last)(?:\s+\w+)?\s+of)?(?:\s+the)?"
    return re.compile(rf"(?<![\w'])(?:{cues}){part}\s*$", re.I)


def _deadline(ctx: Context, text: str, d: DateMention) -> bool:
    """A date a target, deadline or period runs to ("by the end of 2024", "by March 2025", "until 2027") is
    when something is to be done, never when a body meets: the words just before it say so (`deadline` rows)."""
    return bool(_deadline_cue(ctx.lex).search(text[: d.start]))


def _body_mentions(ctx: Context, text: str) -> list[tuple[int, int, str, str]]:
    """Bodies named in a sentence: (start, end, name, body kind); generic 'the Board' resolved."""
    out = []
    for a, b, name in _split_lists(ctx, name_spans(text)):
        if not _BODY_HEAD.search(name) and not re.search(r"Cabinet Member for|Executive Member for", name):
            continue
        kind = _kind_of_name(ctx.lex, name)
        if kind is None and re.fullmatch(r"(?:[A-Z][\w'’-]*\s+){2,}(?:Board|Committee|Panel|Commission)", name):
            kind = ("body", "Other")  # "Youth Justice Management Board": a named board of no listed kind
        if kind is None or kind[0] != "body":
            continue
        if kind[1] == "FullCouncil" and not re.fullmatch(r"(?:Full |County |City |Borough )?Council", name):
            continue
        if (
            name == "Council"
            and re.search(r"\b[Tt]he\s+$", text[:a])
            and not re.search(r"meeting of the\s+$", text[:a])
        ):
            continue  # "the Council" is the authority, not a meeting of the full council
        if name.startswith("Chief "):
            continue
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
    council = (
        r"\b(?:to|by|full|Full)\s+(Council)\b(?!\s+(?:for|Plan|Chamber|Offices|House|Tax|'s|’s|Executive|Cabinet))"
    )
    for m in re.finditer(council.replace("(?:to|by|full|Full)", "(?:to|by|full|Full|That)"), text):
        if not any(a <= m.start(1) < b for a, b, _, _ in out):
            name = "Full Council" if m.group(0).lower().startswith("full") else "Council"
            out.append((m.start(1), m.end(1), name, "FullCouncil"))
    return sorted(out)


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


def _named_before(ctx: Context, head: str, pos: int) -> tuple[str, str] | None:
    """'the Partnership' at `pos`: the last body with that head named before it, other than as an owner
    ("Lead: Independent Chair, X Partnership" names who leads, not the partnership the report speaks of)."""
    for p in sorted(ctx.proposals, key=lambda p: -p.start):
        if p.kind != "body" or p.start >= pos or not str(p.value["name"]).endswith(head):
            continue
        line = ctx.doc.text[ctx.doc.text.rfind("\n", 0, p.start) + 1 : p.start]
        if not owner_line(ctx.lex, re.split(r"(?<=[.;])\s+", line)[-1] + " x"):
            return str(p.value["name"]), str(p.value["body_kind"])
    return _resolve_generic(ctx, head)


def _date_value(ctx: Context, d: DateMention) -> str | None:
    if d.value:
        return d.value
    return with_year(d, ctx.year, ctx.own_date) if ctx.year else None


# --- the report's own meeting ----------------------------------------------------------------------------


def _own_meeting(ctx: Context) -> None:
    """The body (and date) the report or minutes are for: from the header, subtitle or Decision Maker."""
    blocks = ctx.doc.blocks
    for i, block in enumerate(blocks[:40]):
        if re.match(r"(?:Decision Maker|Decision maker):", block.text) and block.kind in {"heading", "para", "row"}:
            maker = block.text.split(":", 1)[1].strip()  # a paragraph or a record's table row
            found = _kind_of_name(ctx.lex, maker)
            ctx.own_body, ctx.own_kind = maker, found[1] if found else "Other"
            if ctx.own_kind == "CabinetMember":  # a Cabinet Member deciding alone is the body that decides
                ctx.add("body", {"name": maker, "body_kind": "CabinetMember"}, block, 0.8, span=maker)
            return
        minutes = re.match(r"(?i:minutes)\s+of\s+(?:a|the)\s+(?:\w+\s+)?meeting\s+of\s+the\b", block.text)
        if block.kind not in {"heading", "para"} or len(block.text) > (300 if minutes else 120):
            continue  # "MINUTES of a meeting of the X held at … on DATE" states the body and date at length
        if block.kind != "heading" and (i > 15 or re.match(r"\d", block.para) or block.marker):
            continue  # a numbered paragraph is the report's text, not its header
        if owner_line(ctx.lex, block.text):
            continue  # "Lead: the Family Hubs Board" says who leads a priority, not whose meeting this is
        bodies = _body_mentions(ctx, block.text.title() if block.text.isupper() else block.text)
        if not bodies:
            continue
        name, kind = bodies[0][2], bodies[0][3]
        if block.text.isupper():
            name = _titlecase(block.text[bodies[0][0] : bodies[0][1]])
        if kind == "FullCouncil" and block.text.isupper() and _authority_name(ctx.lex, name):
            continue
        following = [block, *blocks[i + 1 : i + 3]]
        for j, nxt in enumerate(following):
            dates = [  # a header prints a day or a month's year: "in September" alone is the text's, not a header
                d
                for d in find_dates(nxt.text)
                if not _deadline(ctx, nxt.text, d) and (d.precision != "none" or re.search(r"\d", d.text))
            ]
            if j > 0 and _body_mentions(ctx, nxt.text.title() if nxt.text.isupper() else nxt.text):
                break
            if dates:
                ctx.own_body, ctx.own_kind = re.sub(r"^(?:the|The)\s+", "", name), kind
                header_years = [y for h in ctx.doc.page_headers for y in re.findall(r"\b(?:19|20)\d{2}\b", h)]
                if header_years:
                    ctx.year = header_years[0]
                ctx.own_date = _date_value(ctx, dates[0])
                value = {
                    "body": ctx.own_body,
                    "body_kind": kind,
                    "date": ctx.own_date,
                    "date_text": dates[0].text,
                    "own": True,
                }
                ctx.add("meeting", value, nxt, 0.9 if ctx.own_date else 0.7)
                return
    for block in blocks:  # no dated header: the body the report is addressed to, undated
        m = re.search(r"\b(?:to the (Board|Committee) for|The (Board|Committee) is asked to)\b", block.text)
        if m:
            head = m.group(1) or m.group(2)
            for p_block in blocks:
                for _, _, name, kind in _body_mentions(ctx, p_block.text):
                    if name.endswith(head) and kind != "FullCouncil":
                        ctx.own_body, ctx.own_kind = name, kind
                        ctx.add("meeting", {"body": name, "body_kind": kind, "date": None, "own": True}, block, 0.6)
                        return
            return


def _titlecase(text: str) -> str:
    small = {"and", "of", "for", "the", "in", "on"}
    words = text.lower().split()
    return " ".join(w if (i and w in small) else w[:1].upper() + w[1:] for i, w in enumerate(words)).replace("'S", "'s")


# --- the rules, kind by kind ----------------------------------------------------------------------------------

_MG_MEETING = re.compile(r"(?i:meeting):\s*(\d{1,2}/\d{1,2}/\d{4})\s*-\s*(.+?)\s*(?:\(Item\s*\w+\)|$)")


_BODY_THEN_DATE = re.compile(  # a body and then, with nothing between, the day or month it met or acts
    r"\s+(?:(?:approved?|agreed?|endorsed?|adopted?|considered?|noted?|decided?)\s+(?:it\s+|this\s+)?)?"
    r"(?:on|in)\s+(?:the\s+)?"
)


_ITS_MONTH_MEETING = re.compile(rf"\b(?:at|to|for)\s+(?:its|their)\s+({MONTHS})\s+meeting\b")


def _meetings(ctx: Context) -> None:
    for s in ctx.sentences:
        text = s.text
        m = _MG_MEETING.search(text)
        if m:
            name = m.group(2).strip()
            found = _kind_of_name(ctx.lex, name)
            (date,) = find_dates(m.group(1))
            value = {"body": name, "body_kind": found[1] if found else "Other", "date": date.value, "held": True}
            ctx.add("meeting", value, s, 0.95)  # a committee system lists a meeting's items once it has met
            continue
        if s.block.kind == "row":
            _pathway_row(ctx, s)
            continue
        dates = find_dates(text)
        if _pathway_line(ctx, s, dates):
            continue
        if (
            dates
            and re.search(r"date of (?:the )?next meeting", s.block.section or "", re.I)
            or re.match(r"(?:Next meeting|Date of next meeting)", text, re.I)
        ):  # a sentence there without a date may name another meeting ("an extraordinary meeting ... to be confirmed")
            for d in dates[:1]:
                if ctx.own_body and d.precision in {"none", "day"}:
                    when = _date_value(ctx, d)  # a yearless day takes the year the running header prints,
                    if when and ctx.own_date and when < ctx.own_date[: len(when)]:
                        when = None  # unless it falls before this meeting: then the next year is meant, unprinted
                    value = {"body": ctx.own_body, "body_kind": ctx.own_kind, "date": when, "date_text": d.text}
                    value["after_report"] = True  # the next meeting is after the one the report records
                    ctx.add("meeting", value, s, 0.8 if when else 0.6)
            continue
        bodies = _body_mentions(ctx, text)
        if re.search(r"\b(?:special meeting|meeting)\b.*\bdate to be confirmed\b", text, re.I) and bodies:
            ctx.add("meeting", {"body": bodies[0][2], "body_kind": bodies[0][3], "date": None}, s, 0.6)
            continue
        for m in _ITS_MONTH_MEETING.finditer(text):  # "the Partnership will appoint one at its April meeting"
            subject = [b for b in bodies if b[1] <= m.start()][-1:]
            if subject:
                name, kind = subject[0][2], subject[0][3]
                if name in {"Board", "Committee", "Partnership", "Executive", "Commission", "Panel"}:
                    name, kind = _named_before(ctx, name, s.start) or (name, kind)  # "the Partnership"
                month = DateMention(m.start(1), m.end(1), m.group(1), None, "none")
                when = _date_value(ctx, month)
                value = {"body": name, "body_kind": kind, "date": when, "date_text": m.group(0)}
                ctx.add("meeting", value, s, 0.7 if when else 0.55)
        seasons = [DateMention(m.start(), m.end(), m.group(0), m.group(1), "season") for m in _SEASON.finditer(text)]
        for d in sorted([*dates, *seasons], key=lambda d: d.start):
            if d.precision == "year" or _deadline(ctx, text, d):
                continue
            window = text[max(0, d.start - 25) : d.end + 5]
            if _NOT_MEETING.search(window) and not re.search(r"meeting", window, re.I):
                continue
            before = [b for b in bodies if b[1] <= d.start]
            after = [b for b in bodies if b[0] >= d.end]
            opening = re.match(r"(?:On|At (?:its|their) meeting on)\b", text)
            cands = before[-1:] or (after[:1] if opening else [])
            previous = re.search(r"minutes of the (?:last |previous )?meeting (?:held )?on", text[: d.start], re.I)
            if previous and ctx.own_body:
                cands = [(0, 0, ctx.own_body, ctx.own_kind or "Other")]
            if not cands:
                if re.search(r"\bmeeting in\b", text[: d.start][-20:], re.I) and ctx.own_body:
                    cands = [(0, 0, ctx.own_body, ctx.own_kind or "Other")]
                else:
                    continue
            _, b_end, name, kind = cands[0]
            papers = b_end and re.fullmatch(
                r"\s+(?:report|minutes|meeting)\s+(?:of|dated|on)\s+", text[b_end : d.start], re.I
            )
            if not _MEETING_WORDS.search(text) and not papers:
                continue  # "Cabinet report of 8 July 2025" names the meeting a paper went to
            opener = re.match(r"(?:\(\w+\)\s*)?(?:If|When|Once|Unless|Subject to|Should)\b[^,;]*,", text)
            if opener and b_end <= opener.end() <= d.start:
                continue  # "If Cabinet approves it, the Plan will be launched on 2 July": the date is the main clause's
            if (
                b_end
                and re.search(_EVENT, text[b_end : d.start])
                and not re.search(r"\bmeeting\b", text[b_end : d.start])
            ):
                continue  # "noted the outcome of the inspection ... in June 2010": the date is the inspection's
            when = _date_value(ctx, d)
            if previous and when and ctx.own_date and when > ctx.own_date[: len(when)]:
                when = None  # the last meeting's yearless day after this one's in the header's year: the year before
            direct = b_end and re.fullmatch(_BODY_THEN_DATE, text[b_end : d.start])  # "the Board on 8th June"
            if d.precision == "none" and not (when or direct or re.search(r"meeting", text, re.I)):
                continue  # a yearless day is a meeting's when the running header prints the year
            if (
                d.precision == "none"
                and not re.search(r"\d", d.text)
                and "meeting in" not in text[: d.start][-15:]
                and not direct
            ):
                continue
            ctx.add(
                "meeting",
                {"body": name, "body_kind": kind, "date": when, "date_text": d.text},
                s,
                0.8 if when else 0.55,
            )


_SAT = re.compile(  # what a body did at a meeting, said right after its name opening the sentence
    r"\s+(?:meeting\s+)?(?:considered|received|discussed|noted|heard|resolved|was (?:provided|presented|given))\b"
)


def _undated_meetings(ctx: Context) -> None:
    """Meetings a report states without a date, kept undated: the body a decision is to go to ("submitted to
    full Council for adoption") and the decision maker a decision record names, where neither has a meeting."""

    def key(name: object) -> str:
        return re.sub(r"^(?:the|full)\s+", "", str(name or "").lower().replace("’", "'"))

    met = {key(p.value.get("body")) for p in ctx.proposals if p.kind == "meeting"}
    for p in [p for p in ctx.proposals if p.kind == "decision" and p.value.get("status") == "intended"]:
        body = str(p.value.get("body") or "")
        found = _kind_of_name(ctx.lex, body)
        if body and key(body) not in met and found and found[0] == "body":
            value = {"body": body, "body_kind": found[1], "date": None}
            ctx.proposals.append(Proposal("meeting", value, p.evidence, p.start, p.end, p.paragraph, 0.55))
            met.add(key(body))
    dated = any(p.value.get("date") for p in ctx.proposals if p.kind == "meeting")
    for s in [] if dated else ctx.sentences:  # "Cabinet received a report": it sat on a day the page does not print
        bodies = _body_mentions(ctx, s.text)
        if not bodies or find_dates(s.text) or s.block.kind == "row":
            continue
        start, end, name, kind = bodies[0]
        lead = re.fullmatch(r"(?:[A-Z][a-z]+:\s+)?(?:The\s+)?", s.text[:start])  # "Content: Cabinet considered"
        sat = lead and s.text[start:end] == name and _SAT.match(s.text[end:])
        if sat and key(name) not in met and kind not in {"CabinetMember", "Other"}:
            ctx.add("meeting", {"body": name, "body_kind": kind, "date": None}, s, 0.55)
            met.add(key(name))
    maker = next((b for b in ctx.doc.blocks[:40] if re.match(r"Decision [Mm]aker:", b.text)), None)
    # a Cabinet Member decides alone, without a meeting
    alone = ctx.own_kind == "CabinetMember" or re.search(r"\bMayor\b", ctx.own_body or "")  # "Deputy Mayor"
    if maker and ctx.own_body and key(ctx.own_body) not in met and not alone:
        value = {"body": ctx.own_body, "body_kind": ctx.own_kind or "Other", "date": None}
        ctx.add("meeting", value, maker, 0.55)


def _pathway_line(ctx: Context, s: Sentence, dates: list[DateMention]) -> bool:
    """A pathway table row that a PDF flattened to one line: a body's name and then a date, nothing else."""
    if len(s.text) > 90 or len(dates) != 1 or dates[0].precision != "day" or dates[0].end < len(s.text.rstrip()) - 1:
        return False
    label = re.sub(r"\s+(?:on|[-–—:,])$", "", s.text[: dates[0].start].strip())  # "• Scrutiny Panel on 24 May 2011;"
    name = re.sub(r"\s*\(.*?\)\s*", " ", label).strip()
    found = _kind_of_name(ctx.lex, name)
    if found is None or found[0] != "body" or not _BODY_HEAD.search(name) or re.search(r"consultation", name, re.I):
        return False
    ctx.add("meeting", {"body": name, "body_kind": found[1], "date": dates[0].value}, s, 0.85)
    return True


def _pathway_row(ctx: Context, s: Sentence) -> None:
    cells = s.block.cells
    if len(cells) < 2:
        return
    dates = [d for d in find_dates(cells[-1]) if d.precision == "day"]
    if not dates:
        return
    label = cells[0]
    name = re.sub(r"\s*\(.*?\)\s*", " ", label).strip()
    kind = _kind_of_name(ctx.lex, name)
    if kind is None or kind[0] != "body" or re.search(r"consultation", name, re.I):
        return
    ctx.add("meeting", {"body": name, "body_kind": kind[1], "date": dates[0].value}, s, 0.9)
    action = re.search(r"\((.+?)\)", label)
    if action:
        verb = _decision_verb(ctx.lex, action.group(1))
        if verb:
            ctx.add(
                "decision",
                {
                    "verb": verb[0],
                    "kind": verb[1],
                    "status": "intended",
                    "about": _about(action.group(1)),
                    "body": name,
                },
                s,
                0.7,
            )


# decisions

_MARKER = re.compile(
    r"^\s*(?:\d+(?:\.\d+)*\.?\s+)?(RESOLVED|AGREED|Agreed(?=\s+that\b)|RECOMMENDED(?: to (?:Council|Cabinet|the \w+))?|"
    r"Decision(?: [Mm]ade| [Tt]aken)?|DECISION(?: MADE| TAKEN)?)"
    r"\s*(?:[:–—-]\s*|\s+(?=(?i:that)\b)|$)"
)


@cache
def _verb_forms(lex: Lexicon) -> list[tuple[re.Pattern[str], str, str]]:
    out = []
    for concept, verb in lex.phrases.get("decision", []):
        stem = verb[:-1] if verb.endswith("e") else verb
        double = f"{verb}{verb[-1]}ed"
        pattern = re.compile(rf"\b({verb}|{verb}s|{stem}ed|{stem}es|{verb}d|{stem}ing|{double})\b", re.I)
        out.append((pattern, verb, concept))
    return out


def _decision_verb(lex: Lexicon, clause: str) -> tuple[str, str] | None:
    """The first decision verb in a clause, as written, with its decision kind."""
    best: tuple[int, str, str] | None = None
    text = re.sub(r"^\s*(?:\(?[a-z0-9]{1,3}[.)]\s*)+", "", clause)
    be = re.search(r"(?<!\bto )\b(?:be|is|are)\s+(\w+)", text)  # "that X be appointed", "that a report is brought";
    # "ask for a report to be brought" asks: the infinitive is what is asked for, the request the decision
    for pattern, _, concept in _verb_forms(lex):
        for m in pattern.finditer(text):
            if re.search(r"\b(?:a|an)\s+(?:\w+\s+)?$", text[: m.start()], re.I):
                continue  # "a progress report", "an annual report": a noun, not the verb
            if best is None or m.start() < best[0]:
                best = (m.start(), m.group(1), concept)
            break
    asked = re.search(r"\bbe\s+(?i:recommended)\s+to\s+(\w+)", text)  # "be recommended to approve": approve
    if asked:
        for pattern, _, concept in _verb_forms(lex):
            if pattern.fullmatch(asked.group(1)):
                return asked.group(1), concept
    if be:
        for pattern, _, concept in _verb_forms(lex):
            if pattern.fullmatch(be.group(1)):
                return be.group(1), concept
    if best is None:
        return None
    return best[1], best[2]


def _about(clause: str) -> str:
    low = clause.lower()
    if "minutes" in low and re.search(r"correct record|accurate record|true record", low):
        return "minutes"
    if re.search(r"\b(?:chair|vice-chair|chairman)\b", low) and re.search(r"elect|appoint", low):
        return "chair"
    if re.search(r"appointed to|join the|membership|invited to join|as the representative", low):
        return "membership"
    if re.search(
        r"\breport(?:s)?\b.*\b(?:submitted|brought|back|receive|on progress)\b|report progress|further report|"
        r"receives a report|report on progress|(?:for|requested|asked for) (?:a|an|further) (?:\w+ )?report",
        low,
    ):
        return "report-request"
    if re.search(r"forward|refer|prepare|work programme|timetable", low):
        return "next-steps"
    if re.search(r"plan|draft|priorit|refresh|cypp|strategy|annual review", low):
        return "plan"
    return "other"


def _decisions(ctx: Context) -> None:
    """Decisions and recommendations: under their markers, and where a report says a body took one.

    A marker sets the status of what follows it — "RESOLVED", "AGREED", a "Decision:" heading (resolved);
    "RECOMMENDED", "is asked to", "is recommended to", a "Recommendation(s)" heading (recommended) — and each
    clause or sub-paragraph under it is a decision with its own verb. Elsewhere a sentence records a
    decision where a body (or "Members", or "which" after a body) is the subject of a verb the lexicon
    lists as narrating one ("The Board AGREED to endorse", "Members noted", "was approved by the Cabinet").
    """
    status: str | None = None
    carried = False
    agreed = ""  # "the Board AGREED:" before its items: "to endorse the plan" is "agreed to endorse"
    ctx.body_now = ctx.own_body
    for s in ctx.sentences:
        text, block = s.text, s.block
        heading = (block.section or "").lower()
        label = block.kind == "para" and not block.marker and len(text) <= 40 and not re.search(r"[.;:,]$", text)
        if block.kind == "heading" or label and re.fullmatch(r"[A-Z][\w ’'()-]*", text):
            status, carried, agreed = None, False, ""
            meeting = _MG_MEETING.search(block.text)
            if meeting:
                ctx.body_now = meeting.group(2).strip()
            if re.search(r"^\s*decisions?:?$", block.text, re.I):
                status, carried = "resolved", True
            elif re.match(r"^\W*(?:\d+\.?\s*)?recommendations?\b", block.text, re.I) and len(block.text) < 40:
                status, carried = "recommended", True
            continue
        _intended_noun(ctx, s, text)
        m = _MARKER.match(text)
        if m:
            word = m.group(1).upper()
            status = "recommended" if word.startswith("RECOMMENDED") else "resolved"
            rest = text[m.end() :].strip()
            carried = True
            if rest and not re.fullmatch(r"(?i:that)(?: the \w+)?:?", rest):
                _decision_clause(ctx, s, rest, status, marker=word)
            continue
        asked = _ASKED.search(text)
        if asked:
            tail = text[asked.end() :].strip()
            status, carried = "recommended", True
            if tail:
                _decision_clause(ctx, s, tail, "recommended")
            continue
        if re.search(
            r"(?:The Cabinet Member for .+|^That (?:the )?[\w'’ ]{2,60}):$|^That the (?:Board|Committee|Cabinet)$", text
        ):
            carried = True
            status = status or "recommended"
            continue
        sub = re.match(r"^\s*(?:\(?[a-z0-9ivx]{1,4}[.)]|\d+(?:\.\d+)+)\s+", text) or block.kind == "item"
        if status and (carried or "recommendation" in heading) and (sub or re.match(r"(?:That|To)\b", text)):
            _decision_clause(ctx, s, text, status, marker=agreed)
            continue
        lead = re.search(r"\b(AGREED|RESOLVED)\s*:\s*$", text)
        if lead and _body_mentions(ctx, text[: lead.start()]):  # "After discussion the Board AGREED:"
            status, carried, agreed = "resolved", True, lead.group(1)
            continue
        proposed = _proposed(ctx, text) if not status and block.marker and s.start == block.start else None
        if proposed is not None:  # "2.1 That the Council Executive endorses the Plan": its body recommends
            _decision_clause(ctx, s, text, "recommended", body=proposed or None)
            continue
        if status and carried and status == "resolved" and block.kind == "para" and "decision" in heading:
            _narrative_decision(ctx, s)  # prose under a "Decision:" heading
            continue
        carried = False if not sub else carried
        minutes = re.search(
            r"\bminutes of the (?:last |previous )?meeting\b.*\bwere (agreed|approved|confirmed|signed)\b", text, re.I
        )
        if minutes and ctx.body_now:
            value = {"verb": minutes.group(1), "kind": "ApproveMinutes", "status": "resolved", "about": "minutes"}
            ctx.add("decision", {**value, "body": ctx.body_now}, s, 0.8)
            continue
        _narrative_decision(ctx, s)
    _outcome_lines(ctx)
    _drop_restated_intentions(ctx)


def _drop_restated_intentions(ctx: Context) -> None:
    """A decision to come written as a noun ("for final approval") restates the same body's intended
    decision where the report also gives it with its verb (a timetable row "Cabinet (agree CYPP)")."""
    intended = [p for p in ctx.proposals if p.kind == "decision" and p.value["status"] == "intended"]
    nouns = [p for p in intended if _INTENDED_NOUN.fullmatch(f"for {p.value['verb']}")]
    for noun in nouns:
        body = str(noun.value.get("body", "")).lower()
        if any(p is not noun and p not in nouns and str(p.value.get("body", "")).lower() == body for p in intended):
            ctx.proposals.remove(noun)


def _proposed(ctx: Context, text: str) -> str | None:
    """A numbered paragraph that proposes a decision in the form of one: "That the <body> <verb>s ..." (the
    body's name) or "That the Plan be <verb>ed" (""); None for any other paragraph."""
    m = re.match(r"^\s*(?:\(?[a-z0-9ivx]{1,4}[.)]|\d+(?:\.\d+)*\.?)\s+That\s+(.{0,120})", text)
    if not m:
        return None
    rest = m.group(1)
    bodies = [b for b in _body_mentions(ctx, rest) if b[0] <= 5]
    if bodies:
        verb = re.match(r"\s+(\w+)", rest[bodies[0][1] :])
        acts = verb and verb.group(1).endswith("s") and _decision_verb(ctx.lex, verb.group(1))
        return bodies[0][2] if acts else None
    passive = re.match(r"(?:the\s+)?[\w'’ &-]{3,80}?\bbe\s+\w+ed\b", rest)
    return "" if passive and _decision_verb(ctx.lex, rest) else None


_ASKED = re.compile(r"\b(?:is|are) (?:asked|recommended|invited|requested) to\b\s*:?")


def _clauses(text: str) -> list[str]:
    """'that A be approved and that B be brought back' is two clauses."""
    return [c for c in re.split(r",?\s+and\s+that\s+|;\s+(?:and\s+)?that\s+", text) if c.strip()]


def _decision_clause(
    ctx: Context, s: Sentence, clause: str, status: str, body: str | None = None, marker: str = ""
) -> None:
    """A clause under a marker: its verb (the first decision verb, or 'be …ed'), and a second joined by 'and'."""
    body = body or ctx.body_now or ctx.own_body or "the meeting"
    for n, part in enumerate(_clauses(clause)):
        verb = _decision_verb(ctx.lex, part)
        asked = _recommended_to(ctx, part)
        if asked:  # "it be recommended to the Council Executive that ...": asked of that body, not taken
            value = {"verb": asked[1], "kind": asked[2], "status": "recommended", "about": _about(part)}
            ctx.add("decision", {**value, "body": asked[0]}, s, 0.8)
            continue
        passive = re.search(r"\b(?:be|are|is)\s+((?:[a-z]+ed|sent|set up|held|made|given|written|taken|kept)\b)", part)
        if passive and not _decision_verb(ctx.lex, passive.group(1)):
            at = part.find(verb[0]) if verb else -1
            noun = at > 0 and re.search(r"\b(?:the|a|an|of|its|their)\s+$|['’]s\s+$", part[:at])
            if verb is None or noun or part.find(passive.group(1)) < at:
                verb = (passive.group(1), "Agree")  # "that a summary of the comments be sent to schools": as printed
        if verb is None and n == 0 and marker == "AGREED":
            verb = ("agreed", "Agree")  # "AGREED: that the YOT should have a seat": the marker is the verb
        to = re.match(r"\s*(?:\(?[a-z0-9ivx]{1,4}[.)]\s*)?to\s+(\w+)", part) if marker == "AGREED" else None
        if verb and to and verb[0].lower() == to.group(1).lower():
            verb = (f"agreed to {verb[0]}", verb[1])  # "AGREED: to endorse the plan", as the seeds write it
        if verb is None:
            continue
        asked_of = re.search(r"\bbe\s+(?i:recommended)\s+to\s+\w+", part)  # asked of another body: recommended
        value = {"verb": verb[0], "kind": verb[1], "status": "recommended" if asked_of else status}
        ctx.add("decision", {**value, "about": _about(part), "body": body}, s, 0.8)
        first = re.search(rf"\b{re.escape(verb[0])}\b", part)
        rest = part[first.end() :] if first else ""
        more = re.search(r"\s+and\s+(\w+)\b(.*)$", rest)
        # "be confirmed and signed", "be recommended to endorse and adopt": one decision, two words
        onward = more and re.match(_ONWARD, more.group(2))  # "... and recommend it to Council for adoption"
        inside = more and re.search(r",|\bto\s+\w+$", rest[: more.start()].strip())  # "…, to identify and support"
        if more and not onward and not inside and not re.match(r"\s+(?:to\s+\w+\s+)?and\s", rest):
            second = _decision_verb(ctx.lex, more.group(1))
            signing = second and second[0].lower() == "signed"  # minutes "signed by the Chair": a formality
            if second and not signing and second[0].lower() == more.group(1).lower() and second[0] != verb[0]:
                value = {"verb": second[0], "kind": second[1], "status": status, "about": _about(more.group(0))}
                ctx.add("decision", {**value, "body": body}, s, 0.7)
        if re.search(r"\bthat\b", rest):
            _narrative_decision(ctx, s, within=rest)  # "noted that the Board endorsed the refresh"


_ONWARD = re.compile(  # a second verb that passes the same matter on to another body: one decision, not two
    r"\s+(?:it|them|this|these|the\s+\w+|its\s+(?:submission|adoption|approval|referral))\s+(?:on\s+)?to\b"
)


_RECOMMENDED_TO = re.compile(  # "it be recommended to the Council Executive that ...": the body asked is named
    r"\bit\s+be\s+(?i:recommended)\s+to\s+(?P<to>.+?)\s+that\b"
)


def _recommended_to(ctx: Context, part: str) -> tuple[str, str, str] | None:
    """(body asked, verb, kind) where a resolution recommends a decision to another body, naming it first.

    "Council be recommended to approve" stays the recommending body's decision, as the seeds' gold records it.
    """
    m = _RECOMMENDED_TO.search(part)
    named = _body_mentions(ctx, m.group("to")) if m else []
    return (named[0][2], "recommended", "RecommendApproval") if named else None


@cache
def _narrated(lex: Lexicon) -> re.Pattern[str]:
    """The past-tense verbs that narrate a decision (lexicon kind decision-past), as one pattern."""
    words = sorted((p for _, p in lex.phrases.get("decision-past", [])), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + r")\b", re.I)


def _past_kind(lex: Lexicon, verb: str) -> str:
    low = " ".join(verb.lower().split())
    return next((c for c, p in lex.phrases.get("decision-past", []) if p == low), "Approve")


def _narrative_decision(ctx: Context, s: Sentence, within: str | None = None) -> None:
    """Decisions a sentence says a body took, with the verb as printed."""
    text = within if within is not None else s.text
    intended = re.search(r"\bwill be asked to (\w+)", text)
    if intended:
        bodies = _body_mentions(ctx, text)
        asked = _decision_verb(ctx.lex, intended.group(1))
        if bodies and asked:
            value = {"verb": asked[0], "kind": asked[1], "status": "intended", "about": _about(text)}
            ctx.add("decision", {**value, "body": bodies[0][2]}, s, 0.7)
        return
    if _will_decide(ctx, s, text) or _council_motion(ctx, s, text):
        return
    if re.search(r"\bIt was noted that\b|^\s*(?:During|In) (?:the )?(?:discussion|debate)\b", text):
        return  # what a discussion noted is its narrative, not a decision
    it_was = re.search(r"\bIt was (recommended|agreed|resolved) that\b(.*)$", text)
    if it_was:
        body = ctx.body_now or ctx.own_body or "the meeting"
        inner = _decision_verb(ctx.lex, it_was.group(2)) if it_was.group(1) != "noted" else None
        verb, kind = inner or (it_was.group(1), _past_kind(ctx.lex, it_was.group(1)))
        status = "recommended" if it_was.group(1) == "recommended" else "resolved"
        ctx.add("decision", {"verb": verb, "kind": kind, "status": status, "about": _about(text), "body": body}, s, 0.7)
        return
    bodies = _body_mentions(ctx, text)
    for m in _narrated(ctx.lex).finditer(text):
        before = text[: m.start()]
        if re.search(r"\b(?:the|as|be|been|being|was|were|is|are|an|its|their|previously|not)\s+$", before, re.I):
            continue  # "the agreed plan", "as noted", "was approved" (passives are read below)
        if re.match(
            r"(?:\s+off)?\s+by\b|\s+(?:how|whether|what|why|when|where|who|if|about|questions?)\b", text[m.end() :]
        ):
            continue  # "and adopted by the Cabinet" (a passive), "Members asked how ..." (a question)
        subject = _subject(ctx, text, m.start(), bodies)
        if subject is None:
            continue
        if re.search(r"(?:Cabinet|Executive) Member for", subject) and subject != ctx.own_body:
            continue  # a member speaking at another body's meeting ("welcomed the plan and noted that"): no decision
        verb = m.group(1)
        kind = _past_kind(ctx.lex, verb)
        after = text[m.end() :]
        if _recommended_that(ctx, s, verb, text, m.end(), bodies):
            continue
        to = re.match(r"\s+to\s+(\w+)", after)
        be = re.match(r"\s*:?\s+that\s+[^.;]{0,120}?\bbe\s+(\w+)", after)
        if verb.lower() == "agreed" and to and _decision_verb(ctx.lex, to.group(1)):
            kind = _decision_verb(ctx.lex, to.group(1))[1]  # type: ignore[index]
            verb = f"{verb.lower()} to {to.group(1)}"
        elif verb.isupper() and be and _decision_verb(ctx.lex, be.group(1)):
            verb, kind = _decision_verb(ctx.lex, be.group(1))  # type: ignore[misc]
        if kind == "Approve" and re.match(r"\s+(?:the\s+)?(?:final\s+|consultation\s+)?draft\b", after):
            kind = (
                "AgreeDraftForConsultation" if re.search(r"for consultation", after) else "Agree"
            )  # a draft, not a plan
        value = {"verb": verb.lower() if verb.isupper() else verb, "kind": kind, "status": "resolved"}
        ctx.add("decision", {**value, "about": _about(after), "body": subject}, s, 0.7)
    for m in re.finditer(
        r"\b(?:was|were|been|be|being|is|are|and)\s+(?:formally\s+|unanimously\s+|then\s+)?(\w+)(\s+off)?\s+by\s+(?:the\s+)?",
        text,
    ):
        verb = m.group(1) + (m.group(2) or "")
        if not _narrated(ctx.lex).fullmatch(verb):
            continue
        if re.search(r"\b(?:must|should|needs? to|has to|have to|ought to)\s+$", text[: m.start()]):
            continue  # "it must be adopted by full Council": a rule about who decides, not a decision taken
        by = [b for b in bodies if m.end() - 5 <= b[0] <= m.end() + 5]
        if by:
            value = {"verb": " ".join(verb.split()), "kind": _past_kind(ctx.lex, verb), "status": "resolved"}
            ctx.add("decision", {**value, "about": _about(text), "body": by[0][2]}, s, 0.75)
            _and_by(ctx, s, text, by[0][1], bodies, value)

    if within is None:
        plain = re.match(r"^(?:The|This) (?:Plan|plan) was (approved|agreed|endorsed|adopted)\b(?!\s+by)", text)
        earlier = _last_subject(ctx, s) if plain else None
        if plain and earlier:
            about = "other" if "Improvement" in earlier else "plan"
            value = {"verb": plain.group(1), "kind": "Approve", "status": "resolved", "about": about, "body": earlier}
            ctx.add("decision", value, s, 0.6)


def _recommended_that(
    ctx: Context, s: Sentence, verb: str, text: str, end: int, bodies: list[tuple[int, int, str, str]]
) -> bool:
    """ "recommended that Cabinet approve it in September": a decision asked of that body, with its verb."""
    that = re.match(r"\s+that\s+(?:the\s+)?", text[end:]) if verb.lower() == "recommended" else None
    named = [b for b in bodies if that and b[0] == end + that.end()]
    asked = re.match(r"\s+(\w+)", text[named[0][1] :]) if named else None
    found = _decision_verb(ctx.lex, asked.group(1)) if asked else None
    if not named or not asked or found is None or found[0].lower() != asked.group(1).lower():
        return False
    value = {"verb": found[0], "kind": found[1], "status": "recommended", "about": _about(text[end:])}
    ctx.add("decision", {**value, "body": named[0][2]}, s, 0.7)
    return True


def _will_decide(ctx: Context, s: Sentence, text: str) -> bool:
    """A decision a body is to take, with its verb: "the Partnership will appoint one at its April meeting",
    "leads will be agreed by the Board in the new year" (intended). Only verbs that decide: "the Board will
    receive a report each year" says how the plan is watched, not a decision to come."""
    bodies = _body_mentions(ctx, text)
    for a, b, name, _ in bodies:
        active = re.match(r"\s+will\s+(\w+)\b", text[b:])
        passive = re.search(r"\bwill\s+be\s+(\w+)\s+by\s+(?:the\s+)?$", text[:a])
        word = active.group(1) if active else passive.group(1) if passive else None
        found = _decision_verb(ctx.lex, word) if word else None
        deciding = found and found[1] in {"Agree", "Approve", "Elect", "Endorse", "Delegate", "AgreeMembership"}
        if word and found and deciding and found[0].lower() == word.lower() and not re.search(r"\bif\b", text[:a]):
            value = {"verb": word, "kind": found[1], "status": "intended", "about": _about(text), "body": name}
            ctx.add("decision", value, s, 0.6)
            return True
    return False


_CARRIED = re.compile(r"\bamendment\s+was\s+(CARRIED|carried)\b")
_RECOMMENDATION_OF = re.compile(
    r"\brecommendation of (?:the )?(?P<by>[^,;.]{3,60}?)\s+(?:from|made at|of)\b.{0,80}?\bthat\s+"
)


def _council_motion(ctx: Context, s: Sentence, text: str) -> bool:
    """What a council meeting's minutes record of a motion: "the amendment was CARRIED" (resolved, as printed),
    and "considered / moved the recommendation of the Executive ... that the Plan be adopted" (recommended)."""
    body = ctx.body_now or ctx.own_body or "the meeting"
    carried = _CARRIED.search(text)
    if carried:
        value = {"verb": carried.group(1), "kind": "Approve", "status": "resolved", "about": _about(text), "body": body}
        ctx.add("decision", value, s, 0.7)
        return True
    rec = _RECOMMENDATION_OF.search(text)
    found = _decision_verb(ctx.lex, text[rec.end() :]) if rec and _body_mentions(ctx, rec.group("by")) else None
    if rec and found:
        value = {"verb": found[0], "kind": found[1], "status": "recommended", "about": _about(text[rec.end() :])}
        ctx.add("decision", {**value, "body": body}, s, 0.7)
        return True
    return False


_AND_BY = re.compile(r"(?:\s+(?:on|in)\s+[^,;]{0,30}?)?,?\s+and\s+(?:then\s+|later\s+)?by\s+(?:the\s+)?")
_LATER = re.compile(
    r"\s+(?:(?:a|one|two|three|four|a few)\s+(?:days?|weeks?|months?)\s+later|(?:on\s+)?the\s+(?:following|next)\s+"
    r"(?:day|week|month)|later\s+(?:that|the same)\s+(?:week|month)|shortly\s+after(?:wards)?)\b",
    re.I,
)


def _and_by(
    ctx: Context, s: Sentence, text: str, end: int, bodies: list[tuple[int, int, str, str]], value: dict[str, Any]
) -> None:
    """ "agreed by the Executive on 9 March and by the Partnership a week later": the second body took the same
    decision; where only a lapse of time dates it, it met on a day the report does not print."""
    more = _AND_BY.match(text, end)
    second = [b for b in bodies if more and more.end() - 5 <= b[0] <= more.end() + 5]
    if not more or not second:
        return
    _, b_end, name, kind = second[0]
    ctx.add("decision", {**value, "about": _about(text), "body": name}, s, 0.7)
    if _LATER.match(text, b_end):
        ctx.add("meeting", {"body": name, "body_kind": kind, "date": None}, s, 0.55)


_INTENDED_NOUN = re.compile(
    r"(?:\bfor|\bin advance of|\bprior to|\bahead of|\bawaiting|\bbefore)\s+(?:the\s+|its\s+)?(?:(?:formal|final)\s+)*"
    r"(?P<noun>approval|adoption|endorsement|ratification)\b"
    r"|\b(?P<made>recommendation|decision)\s+will\s+be\s+(?:made|taken)\s+by\b"
)


def _intended_noun(ctx: Context, s: Sentence, text: str) -> bool:
    """A decision a body is yet to take, written as a noun: "submitted to full Council for adoption", "in
    advance of the final approval by the Trust", "a recommendation will be made by Cabinet". The body is the
    one the sentence sends the plan to or names as taking it; with none named, there is no decision."""
    m = _INTENDED_NOUN.search(text)
    if not m or re.search(r"\b(?:present|recommend)\w*\b(?:(?!\bthat\b)[^;])*$", text[: m.start()], re.I):
        return False  # "presents the Plan to the Board for endorsement": the report's request, read as one
    noun = m.group("noun") or m.group("made")
    bodies = [b for b in _body_mentions(ctx, text) if re.search(r"\b(?:by|to)\s+(?:the\s+|full\s+)?$", text[: b[0]])]
    if not bodies:
        return False
    a, _, name, _ = min(bodies, key=lambda b: abs(b[0] - m.end()))
    value = {"verb": noun, "kind": _past_kind(ctx.lex, "approved"), "status": "intended", "about": _about(text)}
    ctx.add("decision", {**value, "body": name}, s, 0.6)
    return True


def _subject(ctx: Context, text: str, pos: int, bodies: list[tuple[int, int, str, str]]) -> str | None:
    """The body that is the subject of a verb at pos: the nearest body before it in the same clause."""
    before = text[:pos]
    if re.search(r"\bMembers\s+(?:also\s+|then\s+|unanimously\s+)?$", before):
        return ctx.body_now or ctx.own_body
    which = re.search(r",?\s+(?:which|who)\s+(?:then\s+|also\s+|had\s+|has\s+|have\s+)?$", before)
    candidates = [b for b in bodies if b[1] <= (which.start() if which else pos)]
    if not candidates:
        return None
    a, b, name, _ = candidates[-1]
    between = text[b : which.start() if which else pos]
    if len(between) > 100 or re.search(r"[.;]", between) or re.search(r"\b(?:to|by|from|with|of)\s*$", text[:a]):
        return None
    return name


def _outcome_lines(ctx: Context) -> None:
    """'Outcome: Recommendations Approved' is a decision only where nothing else records that item's decision."""
    for s in ctx.sentences:
        m = re.match(
            r"^(?:Outcome|Decision status):\s*((?:Recommendations?\s+)?(Approved|Agreed|Noted|Endorsed|Adopted))\s*$",
            s.text,
        )
        if not m:
            continue
        item = s.block.para.split(" (")[0] if re.match(r"\d{2}/\d{2}/\d{4} Item", s.block.para) else ""
        same = [
            p
            for p in ctx.proposals
            if p.kind == "decision"
            and (not item or any(b.para.startswith(item) for b in ctx.doc.blocks if b.start <= p.start < b.end + 1))
        ]
        if same:
            continue
        body = ctx.own_body or ctx.body_now or "the meeting"
        verb = m.group(2).lower()
        ctx.add(
            "decision",
            {"verb": verb, "kind": _past_kind(ctx.lex, verb), "status": "resolved", "about": "other", "body": body},
            s,
            0.6,
        )


def _last_subject(ctx: Context, s: Sentence) -> str | None:
    i = ctx.sentences.index(s)
    for prev in reversed(ctx.sentences[max(0, i - 3) : i]):
        bodies = _body_mentions(ctx, prev.text)
        if bodies:
            return bodies[0][2]
    return None


# plans

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


# bodies, partners, people


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


def _bodies_and_partners(ctx: Context) -> None:
    bodies: dict[str, Proposal] = {}
    partners: dict[str, Proposal] = {}
    for s in ctx.sentences:
        if re.match(r"(?:Cabinet|Executive|Lead) Members?(?: for)?:|Portfolios?(?: Holders?)?:", s.text):
            continue  # "Cabinet Members: Children, Young People & Families and Schools": portfolios, not partners
        text = s.text.title() if s.text.isupper() else s.text
        for a, b, name in _split_lists(ctx, name_spans(text)):
            if s.text.isupper():
                name = _titlecase(s.text[a:b])
            listed = re.search(r"\s+(?:Priorities|Outcomes|Objectives|Ambitions|Pledges)$", name)
            if listed and _BODY_HEAD.search(name[: listed.start()]):
                name, b = name[: listed.start()], b - len(listed.group(0))  # "Fernbrook Trust Priorities": the trust's
            kind = _kind_of_name(ctx.lex, name)
            if kind is None and re.search(r"\b(?:Board|Committee|Panel|Forum)$", name) and len(name.split()) >= 2:
                kind = ("body", "Other")  # "Corporate Parenting Board": a body of a kind the lexicon does not name
            if kind is None or len(name) < 4:
                continue
            generic = r"Council|Board|Committee|Partnership|Panel|Commission|Forum|Group|Trust|The Board"
            if _authority_name(ctx.lex, name) or re.fullmatch(generic, name):
                continue
            if name == "Council" and re.search(r"\b[Tt]he\s+$", text[:a]):
                continue  # "the Council" is the authority, not a meeting of the full council
            if re.match(r"\s+(?:member|lead|portfolio)\b", text[b:]):
                continue  # "the Cabinet member for Young People": a post, not the body
            if re.match(rf"\s+{_ATTRIBUTIVE}\b", text[b:]):
                continue  # "the Children's Trust arrangements": the name describes something else
            post_like = re.search(
                r"\b(?:Director|Head|Manager|Officer|Member|Chief|Representative)\b", name
            ) or re.search(
                r"\b(?:Plan|Strategy|Act|Assessment|Review|Survey|Inspection|Programme)$|\b(?:Pledge|Promise|Charter)\b",
                name,
            )
            if post_like and (not re.search(r"Cabinet Member for|Executive Member for", name) or kind[0] != "body"):
                continue
            if kind[0] == "body" and not (_BODY_HEAD.search(name) or "Member for" in name):
                continue
            if kind[0] == "partner" and len(name.split()) < 2 and name not in {"Police", "NHS"} or name == "NHS":
                continue
            if kind[0] == "partner" and _inspectorate(ctx.lex, name):
                continue  # "the Care Quality Commission": it inspects the partnership, it is not one of its partners
            if kind[0] == "partner" and not _BODY_HEAD.search(name) and not _multiword_match(ctx.lex, name):
                continue  # "Children's Social Care", "Pledge for Children in Care": a generic word, not an organisation
            if (
                kind[0] == "body"
                and kind[1] == "FullCouncil"
                and not re.fullmatch(r"(?:Full |County |City )?Council", name)
            ):
                continue
            if kind == ("body", "CabinetMember"):
                continue
            store = bodies if kind[0] == "body" else partners
            key = name.lower().replace("’", "'")
            existing = process.extractOne(key, list(store), scorer=fuzz.ratio, score_cutoff=92) if store else None
            if existing and _head_added(existing[0], key):
                existing = None  # "… Trust" and "… Trust Board": a partnership and its board, two bodies
            if existing and len(existing[0]) >= len(key):
                continue
            if existing:
                ctx.proposals.remove(store.pop(existing[0]))
            field_ = "body_kind" if kind[0] == "body" else "partner_kind"
            ctx.add(kind[0], {"name": name, field_: kind[1]}, s, 0.75, span=name if name in s.text else "")
            store[key] = ctx.proposals[-1]
            owner = name.removesuffix(" Board")
            of = _kind_of_name(ctx.lex, owner) if kind[0] == "body" and owner != name else None
            named = of and (
                re.search(r"\bNHS\b", owner) or _BODY_HEAD.search(owner)
            )  # "NHS Plymouth", not "… Early Years"
            if of and named and of[0] == "partner" and len(owner.split()) >= 2 and owner.lower() not in partners:
                ctx.add("partner", {"name": owner, "partner_kind": of[1]}, s, 0.6, span=owner)  # "NHS Plymouth Board"
                partners[owner.lower()] = ctx.proposals[-1]
    for s in ctx.sentences:  # the council meeting as a body: "to Council", "full Council"
        for _, _, name, body_kind in _body_mentions(ctx, s.text):
            if body_kind == "FullCouncil" and name.lower() not in bodies:
                ctx.add("body", {"name": name, "body_kind": body_kind}, s, 0.7, span=name)
                bodies[name.lower()] = ctx.proposals[-1]
    for s in ctx.sentences:  # generic partners in a list: "schools, PCT, police and voluntary sector"
        m = re.search(r"partners including ((?:[\w-]+\s*,\s*|[\w-]+\s+)+(?:and|&)\s+[\w ]+?sector)\b", s.text)
        if m:
            for item in re.split(r",\s*|\s+and\s+", m.group(1)):
                kind = _kind_of_name(ctx.lex, item)
                if kind and kind[0] == "partner" and item.lower() not in partners:
                    ctx.add("partner", {"name": item.strip(), "partner_kind": kind[1]}, s, 0.6, span=m.group(1))
                    partners[item.lower()] = ctx.proposals[-1]
    _drop_shorter_names(ctx)
    _drop_shorter_partners(ctx)
    names = {str(p.value["name"]) for p in ctx.proposals if p.kind == "body"}
    short = [p for p in ctx.proposals if p.kind == "body" and _short_form_of(str(p.value["name"]), names)]
    ctx.proposals[:] = [p for p in ctx.proposals if p not in short]
    cabinets = [p for p in ctx.proposals if p.kind == "body" and p.value.get("body_kind") == "Cabinet"]
    if len(cabinets) > 1:  # "the Executive" beside "Cabinet": the one executive, named two ways
        ctx.proposals[:] = [p for p in ctx.proposals if not (p in cabinets and p.value["name"] == "Executive")]
    if ctx.own_body and not any(k == ctx.own_body.lower().replace("’", "'") for k in bodies):
        ctx.proposals.append(
            Proposal("body", {"name": ctx.own_body, "body_kind": ctx.own_kind}, ctx.own_body, 0, 0, "header", 0.8)
        )


def _short_form_of(name: str, names: set[str]) -> bool:
    """Whether a body's name is another's initials and head ("CYPT Board" beside "Children & Young People's
    Trust Board"): the same body, written short."""
    m = re.fullmatch(r"([A-Z]{2,6})\s+(\w+)", name)
    if not m:
        return False
    for other in names - {name}:
        words = [w for w in re.findall(r"[A-Za-z][\w'’]*", other) if w[0].isupper()]
        if words and words[-1] == m.group(2) and "".join(w[0] for w in words[:-1]) == m.group(1):
            return True
    return False


def _inspectorate(lex: Lexicon, name: str) -> bool:
    """Whether a name is an inspectorate's (`not-partner` rows): Ofsted, the Care Quality Commission."""
    low = f" {name.lower()} "
    return any(f" {p} " in low for p in lex.phrases_of("not-partner"))


def _head_added(a: str, b: str) -> bool:
    """Whether one name is the other with a body word added at its end ("… Trust" / "… Trust Board")."""
    short, long = sorted((a, b), key=len)
    return long.startswith(short) and bool(_BODY_HEAD.search(long[len(short) :].strip().title()))


def _multiword_match(lex: Lexicon, name: str) -> bool:
    """Whether a phrase that names organisations (a hidden label or a lexicon row, not a kind's label such as
    "social care") is in the name."""
    low = f" {name.lower().replace('’', chr(39))} "
    found = [phrase for _, phrase in lex.phrases.get("partner", []) if f" {phrase} " in low]
    placed = any(f" {w} " in low for w in re.findall(r"[a-z][\w'-]+", low) if _authority_name(lex, w))
    return any(phrase not in lex.generic for phrase in found) or bool(found) and placed  # "Public Health Stannerwick"


_ATTRIBUTIVE = (
    r"(?:arrangements|partners|members|framework|approach|model|structures?|agenda|governance|priorities|plan|"
    r"needs|assessment|manager|officer|co-?ordinator|strategy|report|review)"
)


def _split_lists(ctx: Context, spans: Iterator[tuple[int, int, str]]) -> Iterator[tuple[int, int, str]]:
    """'West Pennine Police and Eastholme Voluntary Action' is two organisations, not one."""
    for a, b, name in spans:
        parts = name.split(" and ")
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


def _drop_shorter_partners(ctx: Context) -> None:
    """'Integrated Care Board' beside 'Northern Fells Integrated Care Board', 'NHS Drovermoor CCG' beside 'NHS
    Drovermoor Clinical Commissioning Group': one partner of one kind, under its fuller name."""
    partners = [p for p in ctx.proposals if p.kind == "partner"]

    def words(p: Proposal) -> list[str]:
        return str(p.value["name"]).replace("’", "'").split()

    def initials(w: list[str]) -> str:
        return "".join(x[0] for x in w if x[0].isupper())

    for p in partners:
        w = words(p)
        for q in partners:
            wq = words(q)
            if q is p or len(wq) <= len(w) or q.value.get("partner_kind") != p.value.get("partner_kind"):
                continue
            shorter = [x.lower() for x in wq[-len(w) :]] == [x.lower() for x in w]
            acronym = w[-1].isupper() and len(w[-1]) >= 2 and w[:-1] == wq[: len(w) - 1]
            if shorter or acronym and initials(wq[len(w) - 1 :]) == w[-1]:
                if p in ctx.proposals:
                    ctx.proposals.remove(p)
                break


def _drop_shorter_names(ctx: Context) -> None:
    """'Health and Wellbeing Board' beside 'Brackenmoor Health and Wellbeing Board': one body, the fuller name
    (of the same kind, or any kind where the shorter has none: 'Trust Board' beside '… Children's Trust Board')."""
    bodies = [p for p in ctx.proposals if p.kind == "body"]

    def words(p: Proposal) -> list[str]:
        return re.findall(r"[a-z0-9]+", str(p.value["name"]).lower().replace("’", "'").replace("'s", ""))

    for p in bodies:
        w = words(p)
        for q in bodies:
            wq = words(q)
            same = q.value.get("body_kind") == p.value.get("body_kind") or p.value.get("body_kind") == "Other"
            if q is p or len(wq) <= len(w) or not same:
                continue  # "the Trust Board" (no kind of its own) after "Wendlecote Children's Trust Board": that one
            if wq[-len(w) :] == w or (p.value.get("body_kind") == "FullCouncil" and w == ["council"]):
                if p in ctx.proposals:
                    ctx.proposals.remove(p)
                break


_PERSON = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:[^\S\t\n]+(?:[A-Z]\.?[^\S\t\n]+)?[A-Z][a-zA-Z'’-]+){1,2}"
_INITIALLED = r"(?:[A-Z]\.[^\S\t\n]*){1,2}[A-Z][a-z][a-zA-Z'’-]*"  # "R. Denholm", "J.K. Archer": minutes' style
_NAMED = rf"(?:{_PERSON}|{_INITIALLED})"
_HONORIFIC = r"(?:(?:Mrs|Mr|Ms|Miss|Dr)\.?\s+)?"
_ORG_WORDS = re.compile(
    r"\b(?:Council|Board|Trust|Children|Young|People|Services?|Plan|Partnership|Police|NHS|Group|Committee|Cabinet|"
    r"Director|Head|Member|Officer|Manager|Act|Chief|Executive|Report|Contact|Present|Author|Lead|College|Forum|Team|"
    r"Commissioning|Care|Scrutiny|Minutes|Apologies|Venue|Priority|Health|Strategy|Appendix|Annex|Deputy|Assistant|"
    r"Corporate|Interim|Accountable|Superintendent|Principal|Youth|Every|Section|Panel|Primary)\b"
)


_TITLES = (
    r"Councillor|Cllr\.?|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Miss|Professor|Chief Inspector|Chief Superintendent|Superintendent|"
    r"Inspector"
)


_ATTENDANCE = re.compile(  # the label of an attendance or apologies list, where a list follows it
    r"(?:^|(?<=[.:;)]\s)|(?<=\s))(?:Present|In [Aa]ttendance|Also (?:[Pp]resent|in attendance)|Attendees|"
    r"Apologies(?: for [Aa]bsence)?(?: (?:received )?from)?)\s*:?\s*(?:[–-]\s*)?(?=[A-Z(]|$)"
)
_TITLED_SURNAME = rf"(?:{_TITLES})\s+[A-Z][a-z]+(?:-[A-Z][a-z]+|[A-Z][a-z]+)?"


def _initials_of(name: str, bracket: str) -> bool:
    """Whether a bracket starts with the initials of the name before it ("Dave Hill (DH - Chair)", "(DHo)")."""
    letters = "".join(w[0] for w in re.split(r"[\s-]+", name) if w[:1].isupper())
    code = re.match(r"[A-Z]{2,4}[a-z]?\b", bracket.strip())
    return code is not None and len(letters) >= 2 and code.group(0).upper().startswith(letters[:2])


def _attendance(text: str) -> Iterator[tuple[str, str, str, str]]:
    """(name, bracket, words cited, title) for each person an attendance or apologies list names.

    The list is what follows a label ("Present:", "In Attendance:", "Apologies") or a run of names with
    their initials in brackets ("Dave Hill (DH - Chair), Paul Ballatt (PB), ..."), wrapped across lines;
    its items split at commas, semicolons and "and" outside brackets. A councillor's or doctor's surname
    alone is a name when the title stands before it ("Cllr Lewis").
    """
    label = _ATTENDANCE.search(text)
    starts = [label.end()] if label and ";" not in text[label.end() :] else []  # "Name, Post; ...": _people's
    coded = [
        m.start()
        for m in re.finditer(rf"(?:(?:{_TITLES})\s+)?{_PERSON}\s*\(([^()]*)\)", text)
        if _initials_of(re.sub(r"\s*\(.*", "", m.group(0)), m.group(1))
    ]
    if len(coded) >= 2:
        starts.append(coded[0])
    if not starts:
        return
    parts, depth, current = [], 0, ""
    body = text[min(starts) :]
    i = 0
    while i < len(body):
        ch = body[i]
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        rest = body[i:]
        cut = re.match(r",\s*|;\s*|\.\s+|\s+and\s+|\s+(?=[A-Z])", rest) if depth == 0 else None
        if cut and (cut.group(0).strip() or current.endswith(")")):
            parts.append(current)
            current = ""
            i += cut.end()
            continue
        current += ch
        i += 1
    parts.append(current)
    person = re.compile(
        rf"^(?P<title>(?:{_TITLES}|Councillors)\s+)?(?P<name>{_PERSON}|(?<=\s)[A-Z][a-z]+(?:-[A-Z][a-z]+)?)"
        r"\s*(?:\((?P<bracket>[^()]*)\))?\.?$"
    )
    found = 0
    for raw in parts:
        part = _ATTENDANCE.sub("", raw.strip(), count=1).strip()
        m = person.match(part)
        if not m:
            if found and len(re.sub(r"\([^()]*\)", "", part).split()) > 6:
                return  # prose: the list is over
            continue
        name, bracket, title = m.group("name"), (m.group("bracket") or "").strip(), (m.group("title") or "").strip()
        if len(name.split()) < 2 and not title:
            continue  # a first name alone ("Sam, John") is not a person's name
        found += 1
        yield name, bracket, part, title


def _same_person(a: str, b: str) -> bool:
    """Whether an initialled name ("J. Blakey") and a full one ("Judith Blakey") can be the same person."""
    short, full = (a, b) if re.fullmatch(_INITIALLED, a) else (b, a)
    if not re.fullmatch(_INITIALLED, short) or re.fullmatch(_INITIALLED, full):
        return False
    return short.split()[-1] == full.split()[-1] and short[0] == full[0]


def _people(ctx: Context) -> None:
    seen: dict[str, Proposal] = {}
    posts = ctx.lex.phrases_of("post")

    def is_post(text: str) -> bool:
        low = text.lower()
        return any(re.search(rf"\b{re.escape(p)}\b", low) for p in posts)

    def add(name: str, post: str | None, s: Sentence, conf: float, span: str, titled: bool = False) -> None:
        name = re.sub(rf"^(?:Councillors?|Cllr\.?)\s+{_HONORIFIC}", "", name.strip())
        name = re.sub(r"['’]s$", "", name)  # "Kevin Small’s"
        if post:
            post = re.split(r",\s+(?=[a-z])", post)[0]
        if _ORG_WORDS.search(name) or len(name.split()) < (1 if titled else 2):
            return
        post = post.strip(" ,.;") if post else None
        same = next((n for n in seen if n != name and _same_person(n, name)), None)
        if same and re.match(_INITIALLED, name):
            name = same  # "J. Blakey" after "Judith Blakey": one person
        elif same:  # "Judith Blakey" after "J. Blakey": the fuller name stands for both
            post = post or seen[same].value.get("post")
            ctx.proposals.remove(seen.pop(same))
        if name in seen:
            if post and not seen[name].value.get("post"):
                seen[name].value["post"] = post
            return
        ctx.add("person", {"name": name, "post": post}, s, conf, span=span)
        seen[name] = ctx.proposals[-1]

    entries: set[int] = set()  # the blocks read as one attendance entry each
    for block in ctx.doc.blocks:  # attendance and apologies lists, written as text or as a table
        entry = re.match(
            rf"^(?P<title>(?:(?:{_TITLES})\s+)*)(?P<name>{_NAMED})\s*(?:\([^()]*\))?(?:,\s*(?P<post>[^,]+))?",
            block.text,
        )
        if block.kind == "item" and _ATTENDANCE.fullmatch(block.section.strip()) and entry:
            rank = re.search(r"(?:Chief |Detective )?(?:Superintendent|Inspector)", entry.group("title"))
            post = rank.group(0) if rank else entry.group("post")  # "Name, Post, Organisation"; a police rank
            add(entry.group("name"), post, _sentence_of(ctx, block, block.text), 0.7, block.text)
            entries.add(id(block))
            continue
        if block.kind == "row":
            first = re.match(rf"^(?:({_TITLES})\s+)?({_PERSON})\s*(?:\(([^()]*)\))?$", block.cells[0].strip())
            code = block.cells[1].strip() if len(block.cells) > 1 else ""
            if first and re.fullmatch(r"[A-Z]{2,4}[a-z]?", code) and _initials_of(first.group(2), code):
                last = next((c for c in reversed(block.cells[2:]) if c.strip()), "")
                post = first.group(3) or (last if is_post(last) else None)
                post = post or ("Councillor" if first.group(1) and first.group(1).startswith("C") else None)
                add(first.group(2), post, _sentence_of(ctx, block, block.text), 0.7, block.cells[0].strip())
            continue
        for name, bracket, span, honorific in _attendance(block.text):
            if is_post(name) or ctx.lex.organisation_kind(name):
                continue  # "Helen Marsh, Independent Chair, ...": the post and organisation after a name
            post = bracket.split(",")[0].strip() if is_post(bracket.split(",")[0]) else None  # "(Chair)"
            if _initials_of(name, bracket):  # "(DH - Chair)", "(SB for Chris Frost)"
                post = re.sub(r"^[A-Z]{2,4}[a-z]?\s*(?:[-–]\s*)?", "", bracket) or None
                post = None if post and re.match(r"(?:for|on behalf)\b", post) else post
            if not post and re.match(r"Councillor|Cllr", honorific):
                post = "Councillor"
            add(name, post, _sentence_of(ctx, block, span), 0.7, span, titled=bool(honorific))
    for s in ctx.sentences:  # an attendance list: "Present: Name (Chair), Post; Dr Name, Organisation; ..."
        listed = re.match(
            r"^(?:Present|PRESENT|In attendance|Also (?:present|in attendance)|Officers|Attendees)\s*:\s*(.+)$", s.text
        )
        if not listed:
            continue
        for part in re.split(r";\s*", listed.group(1)):
            m = re.match(
                rf"^(?:and\s+)?(?:{_TITLES})?\s*({_NAMED})\s*(?:\([^)]*\))?\s*(?:,\s*(.+?))?[.;]?$", part.strip()
            )
            if m:
                title = re.match(rf"^(?:and\s+)?({_TITLES})", part.strip())
                post = m.group(2) if m.group(2) and is_post(m.group(2)) else None
                if post and re.search(r"\b(?:Mrs|Mr|Ms|Dr|Councillors?)\b|\(", post):
                    post = None  # "Councillor Name, Ms Name (Post) and ...": the next people, not a post
                if title and not post and re.match(r"Chief|Superintendent|Inspector", title.group(1)):
                    post = title.group(1).strip()
                add(m.group(1), post, s, 0.7, part.strip().rstrip(".;"))
    for s in ctx.sentences:
        text = s.text
        if id(s.block) in entries:
            continue
        for m in re.finditer(
            rf"(?:Councillor|Cllr\.?|Superintendent)\s+{_HONORIFIC}({_NAMED})"
            r"(?:\s*\((\w[\w -]*)\))?(?:,\s+([^,;.\n]+))?",
            text,
        ):
            post = m.group(2) or (m.group(3) if m.group(3) and is_post(m.group(3)) else None)
            if m.group(0).startswith("Superintendent"):
                post = "Superintendent"
            add(m.group(1), post, s, 0.75, m.group(0))
        one = f"{_HONORIFIC}{_NAMED}"
        for m in re.finditer(rf"Councillors\s+({one}(?:,\s+{one})*(?:,?\s+and\s+{one}))", text):
            for name in re.split(r",\s+|\s+and\s+", m.group(1)):
                add(re.sub(rf"^{_HONORIFIC}", "", name), None, s, 0.7, name)
        for m in re.finditer(
            rf"(?<![\w’'])({_PERSON}),\s+((?:Interim |Deputy |Assistant |Corporate |Chief )?[A-Z][^;\n(]+?)"
            r"(?=\s*(?:\(|;|$|\.\s|,\s*(?:\d|tel|ext)|\s+\d{4,}))",
            text,
        ):
            post = m.group(2)
            if is_post(post) and not re.search(r"\bwas\b|\bwill\b", post):
                add(m.group(1), post, s, 0.8, m.group(0))
        for m in re.finditer(
            rf"(?:the\s+)?((?:Interim |Deputy |Assistant |Corporate )?(?:Director|Head|Chief Executive)[^,]{{3,60}}),"
            rf"\s+({_PERSON})\b",
            text,
        ):
            add(m.group(2), m.group(1), s, 0.75, m.group(0))
        labelled = re.match(
            rf"^([A-Z][\w ]*?(?:Member|Officer|Director|Manager)):\s*(?:Councillor\s+)?({_PERSON})\s*$", text
        )
        if labelled:
            add(labelled.group(2), labelled.group(1), s, 0.75, labelled.group(0))
        contact = re.match(
            rf"^(?:For more information contact|Contact|Lead officer contact|Report author):\s*({_PERSON})", text
        )
        if contact:
            add(contact.group(1), None, s, 0.7, contact.group(0))
        alone = re.match(rf"^({_PERSON})$", text)
        if alone and s.block.kind == "para":
            i = ctx.sentences.index(s)
            nxt = ctx.sentences[i + 1].text if i + 1 < len(ctx.sentences) else ""
            if is_post(nxt) and len(nxt) < 80:
                add(alone.group(1), nxt, s, 0.6, alone.group(0))
        presenters = re.match(r"^(?:Presented [Bb]y|Presentation by|Presenters?)\s*:?\s*(.+?)\.?$", text)
        for name in re.split(r";\s*|,\s*|\s+and\s+", presenters.group(1)) if presenters else []:
            name = name.strip()
            if re.fullmatch(r"[A-Z]{2,}(?:[- ][A-Z]{2,}){1,2}", name):  # "ALI WHEELER": a name in capitals
                name = _titlecase(name)
            if re.fullmatch(_PERSON, name):
                add(name, None, s, 0.7, name)
        for m in re.finditer(rf"\bone of (?:the|our) ((?:[A-Z][a-z]+ )*[A-Z][a-z]+s), ({_PERSON})\b", text):
            add(m.group(2), m.group(1)[:-1], s, 0.7, m.group(0))  # "one of the Young Inspectors, Name Name"
    for s in ctx.sentences:  # a councillor named by surname alone, unless a full name seen ends with it
        for m in re.finditer(
            r"\b(?:Councillor|Cllr\.?)\s+([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b(?![\w’'-]|\s+[A-Z])", s.text
        ):
            if not any(str(p.value["name"]).split()[-1] == m.group(1) for p in seen.values()):
                add(m.group(1), "Councillor", s, 0.65, m.group(0), titled=True)


# outcomes, priorities, pledges, indicators


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


def _sentence_of(ctx: Context, block: Block, span: str) -> Sentence:
    """The sentence of a block that holds the words cited (the block itself when none does)."""
    for s in ctx.sentences:
        if s.block is block and span in s.text:
            return s
    return next((s for s in ctx.sentences if s.block is block), Sentence(block.text, block.start, block))


# consultation, legislation, strategies, reviews, risks, target groups, monitoring

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


_QUALIFIERS = {"Approximately": "approximately", "MoreThan": "more-than", "AtLeast": "at-least", "AtMost": "at-most"}


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
            value = {"count": n, "qualifier": _QUALIFIERS.get(qualifier or "", "exact"), "who": m.group(3).lower()}
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
            value = {"count": count, "qualifier": _QUALIFIERS.get(qualifier or "", "exact"), "who": None}
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


_STRATEGY = re.compile(
    r"\b((?:[A-Z][\w'’&-]*\s+(?:(?:and|&|of|for)\s+)?){0,6}(?:Strategy|Strategic Plan|Development Plan|Support Plan|"
    r"Childcare Plan|Services Plan|Corporate Plan|Council Plan|Annual Plan|Improvement Plan|Partnership Plan|"
    r"Area Agreement|Needs Assessment|Employability Plan|Children's Plan|LAA2)"
    r"(?:\s+(?:19|20)\d{2}\s*[-–/]\s*\d{2,4})?)"
)


def _strategies(ctx: Context) -> None:
    seen: dict[str, Proposal] = {}
    for s in ctx.sentences:
        for m in _STRATEGY.finditer(s.text):
            name = re.sub(
                r"^(?:The|This|Our|Its|A|An|In|Under|Whilst|Both|All|Council's|Council’s)\s+", "", m.group(1)
            ).strip()
            if name == "LAA2":
                name = "Local Area Agreement"
            if _PLAN_CORE.search(name) or re.match(r"(?:Head|Director|Manager)\b", name) or len(name.split()) < 2:
                continue
            if re.search(r"\b(?:of|for)\s+Children'?s?\s+Strategy", name):
                continue
            if re.match(r"\s+(?:Co-?ordinator|Manager|Officer|Lead|Team)\b", s.text[m.end() :]):
                continue  # "Children's Plan Co-ordinator": a post, not a plan
            key = name.lower()
            hit = process.extractOne(key, list(seen), scorer=fuzz.token_set_ratio, score_cutoff=90) if seen else None
            if hit:
                continue
            ctx.add("strategy", {"name": name}, s, 0.7, span=name)
            seen[key] = ctx.proposals[-1]


_REVIEW_LEFT = re.compile(
    r"((?:(?:[A-Z][\w’'-]*|unannounced|independent|local|area|joint|targeted|focused|full|short|peer|annual|"
    r"second|first|third|(?:19|20)\d{2})\s+){0,5})$"
)
_REVIEW_STOP = (
    r"(?=\s+(?:in|on|by|during|carried|which|that|took|judged|found|rated|asked|published|was|were|has|had|is|"
    r"are|will|required|expected|to|and\s+its)\b|[.;:]|\s+\(?(?:19|20)\d{2}|$)"
)
_SEASON = re.compile(r"\b(?:spring|summer|autumn|winter)\s+(?:of\s+)?((?:19|20)\d{2})\b", re.I)


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


_MEMBERS = re.compile(
    r"\b(?:whose\s+members\s+(?:are|include)|(?:[Ii]ts|[Tt]heir)\s+members\s+(?:are|include)|brings?\s+together|"
    r"(?:which|that)\s+includes?|members\s+(?:are|include))\s*:?\s+(?P<list>[^.;]+)"
)


def _memberships(ctx: Context, authority: Authority | None) -> None:
    """Who belongs to a body, where the report says so: its listed members, who joins, is appointed or chairs it."""
    previous: str | None = None
    for s in ctx.sentences:
        text = s.text
        bodies = _body_mentions(ctx, text)
        m = _MEMBERS.search(text)
        if m:
            before = [b for b in bodies if b[1] <= m.start() + 1]
            body = (
                before[-1][2]
                if before
                else (previous if re.match(r"\s*(?:[Ii]ts|[Tt]heir)\b", text[m.start() :]) else None)
            )
            if body:
                for part in _enumerated(ctx, m.group("list")):
                    name = re.sub(r"^(?:the|and)\s+", "", part.strip()).strip(" .")
                    if name == "Council" and authority:
                        name = f"{authority.name} Council"
                    if name and (owner_like(ctx.lex, name) or _authority_name(ctx.lex, name)) and name != body:
                        ctx.add("membership", {"member": name, "body": body, "role": None}, s, 0.7, span=part.strip())
        for j in re.finditer(
            r"(?:,\s+who\s+|\s+)(?:has|had|have)\s+(?:joined|accepted the invitation to join)\s+the\s+"
            r"(?P<head>Board|Committee|Partnership|Group|Panel|Executive)",
            text,
        ):
            spans = [n for n in name_spans(text[: j.start()]) if n[1] >= j.start() - 2]
            who = _untitled(spans[-1][2]) if spans else ""
            target = _resolve_generic(ctx, j.group("head"))
            if target and who:
                ctx.add("membership", {"member": who, "body": target[0], "role": None}, s, 0.7)
        for j in re.finditer(
            rf"(?:Councillor|Cllr\.?|Dr\.?|Mr\.?|Mrs\.?|Ms\.?)?\s*(?P<who>{_PERSON})\s+be\s+(?:appointed|elected)\s+"
            r"(?:as\s+)?(?:the\s+)?(?P<role>(?:Vice-)?Chair(?:man)?|[A-Z][\w-]*(?: [A-Z][\w-]*)?)?\s*(?:of|to)\s+the\s+"
            r"(?P<rest>[^.;]+)",
            text,
        ):
            named = _body_mentions(ctx, "the " + j.group("rest"))
            if named:
                role = j.group("role") if j.group("role") and "Chair" in j.group("role") else None
                member = _untitled(j.group("who"))
                ctx.add("membership", {"member": member, "body": named[0][2], "role": role}, s, 0.7)
        chaired = re.search(rf"\bis\s+chaired\s+by\s+(?:Councillor\s+|Cllr\.?\s+|Dr\.?\s+)?({_PERSON})", text)
        if chaired and bodies:
            ctx.add("membership", {"member": chaired.group(1), "body": bodies[0][2], "role": "Chair"}, s, 0.7)
        chair = re.search(
            rf"^(?:Present|PRESENT)\s*:\s*(?:Councillor\s+|Cllr\.?\s+)?({_PERSON})\s*\((Chair(?:man|person)?)\)", text
        )
        if chair and ctx.own_body:
            ctx.add("membership", {"member": chair.group(1), "body": ctx.own_body, "role": chair.group(2)}, s, 0.7)
        subjects = [b for b in bodies if b[3] != "CabinetMember"]
        if subjects:
            previous = subjects[0][2]


def _untitled(name: str) -> str:
    """A person's name without the title the report prints before it."""
    return re.sub(rf"^(?:(?:{_TITLES})\s+)+", "", name.strip())


def _enumerated(ctx: Context, text: str) -> list[str]:
    """'A, B, C and D' -> its items; only the last comma's item splits at 'and' (the list's own conjunction)."""
    parts = [p for p in re.split(r",\s+", text) if p.strip()]
    if not parts:
        return []
    last = parts.pop()
    split = re.match(r"^(?:and\s+)?(.+?)\s+and\s+((?:the\s+)?[A-Z].*)$", last)
    if split and (len(parts) or len(split.group(1).split()) > 1):
        parts.extend([split.group(1), split.group(2)])
    else:
        parts.append(last)
    return parts


# --- the whole document -----------------------------------------------------------------------------------------


def propose(doc: Document, lexicon: Lexicon | None = None) -> tuple[list[Proposal], Authority | None]:
    """Every proposal for one document, and the authority it is about."""
    ctx = Context(doc, lexicon or load_lexicon())
    ctx.sentences = _sentences(doc)
    authority = _authority(ctx)
    if authority:
        ctx.add(
            "authority",
            {"name": authority.name, "gss": authority.gss, "slug": authority.slug, "fictional": authority.fictional},
            doc.blocks[0],
            0.85,
        )
        first = ctx.proposals[-1]
        hit = next((s for s in ctx.sentences if authority.name.lower() in s.text.lower()), None)
        if hit:
            ctx.proposals.remove(first)
            ctx.add("authority", first.value, hit, 0.85)
    _own_meeting(ctx)
    _bodies_and_partners(ctx)
    _plans(ctx, authority)
    _meetings(ctx)
    _decisions(ctx)
    _undated_meetings(ctx)
    _people(ctx)
    _memberships(ctx, authority)
    _lists(ctx)
    _consultations(ctx)
    _legislation(ctx)
    _strategies(ctx)
    _reviews(ctx)
    _risks(ctx)
    _target_groups(ctx)
    _monitoring(ctx)
    return _dedupe(ctx.proposals), authority


def _dedupe(proposals: list[Proposal]) -> list[Proposal]:
    """One proposal per fact: a meeting (body kind, date) or a decision (body, verb, evidence) once."""
    out: list[Proposal] = []
    seen: set[tuple[Any, ...]] = set()
    for p in proposals:
        v = p.value
        if p.kind == "meeting":
            key: tuple[Any, ...] = (
                ("meeting", v.get("body_kind"), v.get("date")) if v.get("date") else ("meeting", p.start)
            )
        elif p.kind == "decision":
            key = ("decision", v.get("body"), v.get("verb"), p.start)
        elif p.kind in {"plan"}:
            key = ("plan", v.get("start"), v.get("end"))
        elif p.kind == "consultation":
            key = ("consultation", v.get("count"), p.start)
        else:
            key = (
                p.kind,
                str(v.get("name") or v.get("iri") or v.get("title") or v).lower(),
                v.get("date"),
                v.get("by"),
            )
        if key in seen:
            continue
        seen.add(key)
        out.append(p)
    return out
