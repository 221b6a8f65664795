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

from kg.imports.extract.dates import DateMention, find_dates, find_periods, with_year
from kg.imports.extract.document import Block, Document
from kg.imports.extract.lexicon import Authority, Lexicon, load_lexicon


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


@cache
def _nlp():  # noqa: ANN202 - spaCy's Language
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _sentences(doc: Document) -> list[Sentence]:
    out: list[Sentence] = []
    nlp = _nlp()
    for block, parsed in zip(doc.blocks, nlp.pipe(b.text for b in doc.blocks), strict=True):
        if block.kind == "row":
            out.append(Sentence(block.text, block.start, block))
            continue
        pending: int | None = None  # a list marker ("1.", "(a)") the sentencizer cut off on its own
        for sent in parsed.sents:
            start = block.start + sent.start_char if pending is None else pending
            if re.fullmatch(r"\(?[0-9a-z]{1,3}[.)]|\d+(?:\.\d+)+\.?|[A-Z]\.", sent.text.strip()):
                pending = start
                continue
            pending = None
            end = block.start + sent.end_char
            out.append(Sentence(doc.text[start:end], start, block))
        if pending is not None:
            out.append(Sentence(doc.text[pending : block.end], pending, block))
    return out


# --- names ----------------------------------------------------------------------------------------

_CAP = (
    r"(?!(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|"
    r"Wednesday|Thursday|Friday|Saturday|Sunday)\b)(?:[A-Z][\w'’&-]*|NHS|CYP)"
)
_JOIN = r"(?:\s+(?:and|&|of|for|the|in|on|with)\s+|\s+)"
_NAME = re.compile(rf"(?:(?:the|shadow)\s+)?{_CAP}(?:{_JOIN}{_CAP})*")
_BODY_HEAD = re.compile(
    r"(Board|Committee|Cabinet|Council|Executive|Panel|Commission|Partnership|Forum|Group|Trust|Parliament|Network|"
    r"Constabulary|Police|Team|Service|Together|Care Trust|CCG|PCT|YOT)$"
)
_NOT_NAME_START = re.compile(r"^(?:The|This|That|These|Those|A|An|Our|Its|Their|His|Her|Members|RESOLVED|AGREED)\s+")


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
    return _kinds(lex).get(name) if name in _kinds(lex) else _kinds(lex).setdefault(name, _classify(lex, name))


@cache
def _kinds(lex: Lexicon) -> dict[str, tuple[str, str] | None]:
    return {}


@cache
def _phrase_patterns(lex: Lexicon) -> list[tuple[int, str, str, re.Pattern[str]]]:
    """Body and partner phrases, longest first, each as a whole-word pattern."""
    out = [
        (len(phrase), kind, concept, re.compile(rf"(?<![\w']){re.escape(phrase)}(?![\w'])"))
        for kind in ("body", "partner")
        for concept, phrase in lex.phrases.get(kind, [])
    ]
    return sorted(out, key=lambda x: -x[0])


def _classify(lex: Lexicon, name: str) -> tuple[str, str] | None:
    low = f" {name.lower().replace('’', chr(39))} "
    for length, kind, concept, pattern in _phrase_patterns(lex):
        if pattern.search(low):
            if kind == "partner" and length <= 3 and name.endswith(" Board"):
                return "body", "Other"  # "NHS Medway Board": the board of a partner, meeting as a body
            return kind, concept
    return None


def _authority_name(lex: Lexicon, name: str) -> bool:
    return name.lower() in _authority_index(lex)


# --- the document's authority ----------------------------------------------------------------------


def _authority(ctx: Context) -> Authority | None:
    """The authority the report is about: its names counted, full council names and headings weighing more."""
    scores: dict[str, float] = {}
    by_slug = {a.slug: a for a in ctx.lex.authorities}
    text = ctx.doc.title + "\n" + "\n".join(ctx.doc.page_headers) + "\n" + ctx.doc.text
    index = _authority_index(ctx.lex)
    for m in re.finditer(
        r"[A-Z][A-Za-z'’.-]+(?:[ -](?:upon|on|and|with|under|in|of|the|le|[A-Z][A-Za-z'’.-]+))*", text
    ):
        words = m.group(0)
        for cut in range(len(words), 0, -1):
            head = words[:cut]
            if cut < len(words) and words[cut] not in " -":
                continue
            slug = index.get(head.lower())
            if slug is None and head.isupper():
                slug = index.get(head.title().lower())
            if slug:
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
    r"\b(?:meeting|met|meet|considered|consider|agreed|approved|endorsed|received|noted|scrutinised|presented|held|"
    r"report(?:ed)? to|considered by|asked to|to:|brought to|work programme|attended|decided|adopted|"
    r"report progress|presented to)\b",
    re.I,
)


def _body_mentions(ctx: Context, text: str) -> list[tuple[int, int, str, str]]:
    """Bodies named in a sentence: (start, end, name, body kind); generic 'the Board' resolved."""
    out = []
    for a, b, name in name_spans(text):
        if not _BODY_HEAD.search(name) and not re.search(r"Cabinet Member for|Executive Member for", name):
            continue
        kind = _kind_of_name(ctx.lex, name)
        if kind is None or kind[0] != "body":
            continue
        if kind[1] == "FullCouncil" and not re.fullmatch(r"(?:Full |County |City |Borough )?Council", name):
            continue
        if name.startswith("Chief "):
            continue
        out.append((a, b, name, kind[1]))
    for m in re.finditer(r"\b(?:the|this|its)\s+(Board|Committee|Partnership|Executive|Commission|Panel)\b", text):
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


def _date_value(ctx: Context, d: DateMention) -> str | None:
    if d.value:
        return d.value
    return with_year(d, ctx.year) if ctx.year else None


# --- the report's own meeting ----------------------------------------------------------------------------


def _own_meeting(ctx: Context) -> None:
    """The body (and date) the report or minutes are for: from the header, subtitle or Decision Maker."""
    blocks = ctx.doc.blocks
    for i, block in enumerate(blocks[:40]):
        if block.kind not in {"heading", "para"} or len(block.text) > 120:
            continue
        if block.kind != "heading" and (i > 15 or re.match(r"\d", block.para)):
            continue
        if re.match(r"(?:Decision Maker|Decision maker):", block.text):
            maker = block.text.split(":", 1)[1].strip()
            found = _kind_of_name(ctx.lex, maker)
            ctx.own_body, ctx.own_kind = maker, found[1] if found else "Other"
            return
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
            dates = find_dates(nxt.text)
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

_MG_MEETING = re.compile(r"Meeting:\s*(\d{1,2}/\d{1,2}/\d{4})\s*-\s*(.+?)\s*\(Item\s*\w+\)")


def _meetings(ctx: Context) -> None:
    for s in ctx.sentences:
        text = s.text
        m = _MG_MEETING.search(text)
        if m:
            name = m.group(2).strip()
            found = _kind_of_name(ctx.lex, name)
            (date,) = find_dates(m.group(1))
            ctx.add("meeting", {"body": name, "body_kind": found[1] if found else "Other", "date": date.value}, s, 0.95)
            continue
        if s.block.kind == "row":
            _pathway_row(ctx, s)
            continue
        dates = find_dates(text)
        if _pathway_line(ctx, s, dates):
            continue
        if re.search(r"date of (?:the )?next meeting", s.block.section or "", re.I) or re.match(
            r"(?:Next meeting|Date of next meeting)", text, re.I
        ):
            for d in dates[:1]:
                if ctx.own_body and d.precision == "none":
                    ctx.add(
                        "meeting",
                        {"body": ctx.own_body, "body_kind": ctx.own_kind, "date": None, "date_text": d.text},
                        s,
                        0.6,
                    )
            continue
        bodies = _body_mentions(ctx, text)
        if re.search(r"\b(?:special meeting|meeting)\b.*\bdate to be confirmed\b", text, re.I) and bodies:
            ctx.add("meeting", {"body": bodies[0][2], "body_kind": bodies[0][3], "date": None}, s, 0.6)
            continue
        for d in dates:
            if d.precision == "year":
                continue
            window = text[max(0, d.start - 25) : d.end + 5]
            if _NOT_MEETING.search(window) and not re.search(r"meeting", window, re.I):
                continue
            before = [b for b in bodies if b[1] <= d.start]
            after = [b for b in bodies if b[0] >= d.end]
            opening = re.match(r"(?:On|At (?:its|their) meeting on)\b", text)
            cands = before[-1:] or (after[:1] if opening else [])
            if re.search(r"minutes of the (?:last |previous )?meeting held on", text[: d.start], re.I) and ctx.own_body:
                cands = [(0, 0, ctx.own_body, ctx.own_kind or "Other")]
            if not cands:
                if re.search(r"\bmeeting in\b", text[: d.start][-20:], re.I) and ctx.own_body:
                    cands = [(0, 0, ctx.own_body, ctx.own_kind or "Other")]
                else:
                    continue
            if not _MEETING_WORDS.search(text):
                continue
            _, _, name, kind = cands[0]
            value = _date_value(ctx, d)
            if d.precision == "none" and not re.search(r"meeting", text, re.I):
                continue
            if d.precision == "none" and not re.search(r"\d", d.text) and "meeting in" not in text[: d.start][-15:]:
                continue
            ctx.add(
                "meeting",
                {"body": name, "body_kind": kind, "date": value, "date_text": d.text},
                s,
                0.8 if value else 0.55,
            )


def _pathway_line(ctx: Context, s: Sentence, dates: list[DateMention]) -> bool:
    """A pathway table row that a PDF flattened to one line: a body's name and then a date, nothing else."""
    if len(s.text) > 90 or len(dates) != 1 or dates[0].precision != "day" or dates[0].end < len(s.text.rstrip()) - 1:
        return False
    label = s.text[: dates[0].start].strip()
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
    r"^\s*(?:\d+(?:\.\d+)*\s+)?(RESOLVED|AGREED|RECOMMENDED(?: to (?:Council|Cabinet|the \w+))?|Decision|DECISION)"
    r"\s*(?:[:–—-]\s*|\s+(?=That\b)|$)"
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
    be = re.search(r"\bbe\s+(\w+)", text)
    for pattern, _, concept in _verb_forms(lex):
        m = pattern.search(text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), m.group(1), concept)
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
        r"receives a report|report on progress",
        low,
    ):
        return "report-request"
    if re.search(r"forward|refer|prepare|work programme|timetable", low):
        return "next-steps"
    if re.search(r"plan|draft|priorit|refresh|cypp|strategy|annual review", low):
        return "plan"
    return "other"


def _decisions(ctx: Context) -> None:
    status: str | None = None
    carried = False
    ctx.body_now = ctx.own_body
    for s in ctx.sentences:
        text, block = s.text, s.block
        heading = (block.section or "").lower()
        if block.kind == "heading":
            status = None
            meeting = _MG_MEETING.search(block.text)
            if meeting:
                ctx.body_now = meeting.group(2).strip()
            if re.search(r"^\s*decision:?$", block.text, re.I):
                status, carried = "resolved", True
            elif re.search(r"recommendations?\b", block.text, re.I) and len(block.text) < 40:
                status = "recommended"
            continue
        m = _MARKER.match(text)
        if m:
            word = m.group(1).upper()
            status = "recommended" if word.startswith("RECOMMENDED") else "resolved"
            rest = text[m.end() :].strip()
            carried = True
            if rest and not re.fullmatch(r"That the \w+:?", rest):
                _decision_clause(ctx, s, rest, status)
            continue
        if re.search(r"\b(?:is|are) asked to\s*:?\s*$", text) or re.search(r"\bis asked to\b", text):
            tail = re.split(r"\b(?:is|are) asked to\s*:?", text, maxsplit=1)[1].strip()
            status, carried = "recommended", True
            if tail:
                _decision_clause(ctx, s, tail, "recommended")
            continue
        if re.search(r"The Cabinet Member for .+:$|That the (?:Board|Committee|Cabinet)$|That the \w+:?$", text):
            carried = True
            continue
        sub = re.match(r"^\s*(?:\(?[a-z0-9ivx]{1,4}[.)]|\d+(?:\.\d+)+)\s+", text) or block.kind == "item"
        if status and (carried or "recommendation" in heading) and (sub or re.match(r"(?:That|To)\b", text)):
            _decision_clause(ctx, s, text, status)
            continue
        if status and "recommendation" in heading and block.kind == "para" and re.match(r"(?:That|To)\b", text):
            _decision_clause(ctx, s, text, status)
            continue
        carried = False if not sub else carried
        minutes = re.search(
            r"\bminutes of the (?:last |previous )?meeting\b.*\bwere (agreed|approved|confirmed|signed)\b", text
        )
        if minutes and ctx.body_now:
            ctx.add(
                "decision",
                {
                    "verb": minutes.group(1),
                    "kind": "Approve",
                    "status": "resolved",
                    "about": "minutes",
                    "body": ctx.body_now,
                },
                s,
                0.8,
            )
            continue
        _narrative_decision(ctx, s)


def _decision_clause(ctx: Context, s: Sentence, clause: str, status: str) -> None:
    verb = _decision_verb(ctx.lex, clause)
    if verb is None:
        return
    body = ctx.body_now or ctx.own_body or "the meeting"
    ctx.add(
        "decision",
        {"verb": verb[0], "kind": verb[1], "status": status, "about": _about(clause), "body": body},
        s,
        0.8,
    )
    first = re.search(rf"\b{re.escape(verb[0])}\b", clause)
    rest = clause[first.end() :] if first else ""
    more = re.search(r"\s+and\s+(\w+)\b(.*)$", rest)
    if more:
        second = _decision_verb(ctx.lex, more.group(1))
        if second and second[0].lower() == more.group(1).lower() and second[0] != verb[0]:
            ctx.add(
                "decision",
                {"verb": second[0], "kind": second[1], "status": status, "about": _about(more.group(0)), "body": body},
                s,
                0.7,
            )
    if re.search(r"\bthat the .+\b(?:endorsed|approved|agreed|adopted)\b", clause):
        _narrative_decision(ctx, s)


_NARRATIVE = re.compile(
    r"\b(?:have|has|had)?\s*(agreed(?: to refer)?|approved|endorsed|adopted|ratified|noted)\b(?!\s+(?:as|by))", re.I
)


def _narrative_decision(ctx: Context, s: Sentence) -> None:
    """'The Cabinet agreed to refer …', 'The plan was agreed by the X on DATE': decisions a report says were taken."""
    text = s.text
    if re.search(r"\bwill be asked to (\w+)", text):
        m = re.search(r"\bwill be asked to (\w+)", text)
        bodies = _body_mentions(ctx, text)
        asked = _decision_verb(ctx.lex, m.group(1)) if m else None
        if bodies and asked:
            ctx.add(
                "decision",
                {"verb": asked[0], "kind": asked[1], "status": "intended", "about": _about(text), "body": bodies[0][2]},
                s,
                0.7,
            )
        return
    passive = re.search(
        r"\b(?:was|were|been|be)\s+(agreed|approved|endorsed|adopted|ratified)\s+by\s+(?:the\s+)?", text
    )
    bodies = _body_mentions(ctx, text)
    if passive:
        after = [b for b in bodies if b[0] >= passive.end() - 5]
        if after:
            ctx.add(
                "decision",
                {
                    "verb": passive.group(1),
                    "kind": _decision_verb(ctx.lex, passive.group(1))[1],  # type: ignore[index]
                    "status": "resolved",
                    "about": _about(text),
                    "body": after[0][2],
                },
                s,
                0.75,
            )
        return
    passive_plain = re.match(r"^(?:The|This) (?:Plan|plan) was (approved|agreed|endorsed|adopted)\b", text)
    if passive_plain:
        body = _last_subject(ctx, s)
        if body:
            ctx.add(
                "decision",
                {
                    "verb": passive_plain.group(1),
                    "kind": "Approve",
                    "status": "resolved",
                    "about": "other" if "Improvement" in body else "plan",
                    "body": body,
                },
                s,
                0.6,
            )
        return
    m = _NARRATIVE.search(text)
    if not m or not bodies:
        return
    subject = [b for b in bodies if b[1] <= m.start() + 1]
    if not subject:
        return
    between = text[subject[-1][1] : m.start()]
    if len(between) > 40 or re.search(r"[.;]", between):
        return
    verb = m.group(1)
    found = _decision_verb(ctx.lex, verb.split()[0])
    if found is None:
        return
    ctx.add(
        "decision",
        {
            "verb": verb,
            "kind": found[1],
            "status": "resolved",
            "about": _about(text[m.start() :]),
            "body": subject[-1][2],
        },
        s,
        0.7,
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
    r"(?:(?P<owner>[A-Z][\w'’]*(?:\s+[A-Z][\w'’]*)?)(?:'s|’s)?\s+)?(?P<core>Children(?:,)?\s+(?:and|&)\s+Young\s+"
    r"People(?:'s|’s|s')?(?:\s+and\s+Families)?(?:\s+Partnership)?\s+Plan|CYPP)\b",
    re.I,
)


def _plans(ctx: Context, authority: Authority | None) -> None:
    seen: dict[tuple[str, str], Proposal] = {}
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
            owner = m.group("owner")
            start = (
                m.start()
                if owner and not re.match(r"(?:The|This|Draft|DRAFT|Our|our|the|Approve)$", owner)
                else m.start("core")
            )
            title = re.sub(
                r"^(?:the|The|this|This|our|Our|draft|Draft|DRAFT|THE)\s+", "", s.text[start:title_end].strip(" ()")
            )
            if owner and owner.upper() == owner and len(owner) > 3:
                title = _titlecase(title)
            key = (period.first, period.last)
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
            if key not in seen or (len(title) > len(str(seen[key].value["title"])) and "CYPP" not in title):
                if key in seen:
                    ctx.proposals.remove(seen[key])
                    value["status"] = value["status"] or seen[key].value.get("status")
                ctx.add("plan", value, s, 0.9 if m.group("core") != "CYPP" else 0.7)
                seen[key] = ctx.proposals[-1]
    for s in ctx.sentences:  # "the 2011-2014 Plan", "the previous plan, for 2009-2012"
        for m in re.finditer(
            r"\bthe ((?:19|20)\d{2}\s*[-–/]\s*\d{2,4}) Plan\b"
            r"|the (?:next|new) plan, for ((?:19|20)\d{2}\s*[-–/]\s*\d{2,4})",
            s.text,
        ):
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


# bodies, partners, people


def _bodies_and_partners(ctx: Context) -> None:
    bodies: dict[str, Proposal] = {}
    partners: dict[str, Proposal] = {}
    for s in ctx.sentences:
        text = s.text.title() if s.text.isupper() else s.text
        for a, b, name in _split_lists(ctx, name_spans(text)):
            if s.text.isupper():
                name = _titlecase(s.text[a:b])
            kind = _kind_of_name(ctx.lex, name)
            if kind is None or len(name) < 4:
                continue
            if _authority_name(ctx.lex, name) or re.fullmatch(r"Council|Board|Committee|Partnership|The Board", name):
                continue
            post_like = re.search(r"\b(?:Director|Head|Manager|Officer|Member|Chief)\b", name) or re.search(
                r"\b(?:Plan|Strategy|Act|Assessment|Review)$", name
            )
            if post_like and (not re.search(r"Cabinet Member for|Executive Member for", name) or kind[0] != "body"):
                continue
            if kind[0] == "body" and not (_BODY_HEAD.search(name) or "Member for" in name):
                continue
            if kind[0] == "partner" and len(name.split()) < 2 and name not in {"Police", "NHS"} or name == "NHS":
                continue
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
            if existing and len(existing[0]) >= len(key):
                continue
            if existing:
                ctx.proposals.remove(store.pop(existing[0]))
            field_ = "body_kind" if kind[0] == "body" else "partner_kind"
            ctx.add(kind[0], {"name": name, field_: kind[1]}, s, 0.75, span=name if name in s.text else "")
            store[key] = ctx.proposals[-1]
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
    if ctx.own_body and not any(k == ctx.own_body.lower().replace("’", "'") for k in bodies):
        ctx.proposals.append(
            Proposal("body", {"name": ctx.own_body, "body_kind": ctx.own_kind}, ctx.own_body, 0, 0, "header", 0.8)
        )


def _split_lists(ctx: Context, spans: Iterator[tuple[int, int, str]]) -> Iterator[tuple[int, int, str]]:
    """'West Pennine Police and Eastholme Voluntary Action' is two organisations, not one."""
    for a, b, name in spans:
        parts = name.split(" and ")
        for i in range(1, len(parts)):
            left, right = " and ".join(parts[:i]), " and ".join(parts[i:])
            kl, kr = _kind_of_name(ctx.lex, left), _kind_of_name(ctx.lex, right)
            if kl and kr and _BODY_HEAD.search(left) and (_BODY_HEAD.search(right) or kr[0] == "partner"):
                yield a, a + len(left), left
                yield b - len(right), b, right
                break
        else:
            yield a, b, name


def _drop_shorter_names(ctx: Context) -> None:
    """'Health and Wellbeing Board' beside 'Brackenmoor Health and Wellbeing Board': one body, the fuller name."""
    bodies = [p for p in ctx.proposals if p.kind == "body"]

    def words(p: Proposal) -> list[str]:
        return re.findall(r"[a-z0-9]+", str(p.value["name"]).lower().replace("’", "'").replace("'s", ""))

    for p in bodies:
        w = words(p)
        for q in bodies:
            wq = words(q)
            if q is p or len(wq) <= len(w) or q.value.get("body_kind") != p.value.get("body_kind"):
                continue
            if wq[-len(w) :] == w or (p.value.get("body_kind") == "FullCouncil" and w == ["council"]):
                if p in ctx.proposals:
                    ctx.proposals.remove(p)
                break


_PERSON = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:\s+(?:[A-Z]\.?\s+)?[A-Z][a-zA-Z'’-]+){1,2}"
_ORG_WORDS = re.compile(
    r"\b(?:Council|Board|Trust|Children|Young|People|Services?|Plan|Partnership|Police|NHS|Group|Committee|Cabinet|"
    r"Director|Head|Member|Officer|Manager|Act|Chief|Executive|Report|Contact|Present|Author|Lead|College|Forum|Team|"
    r"Commissioning|Care|Scrutiny|Minutes|Apologies|Venue|Priority|Health|Strategy|Appendix|Annex|Deputy|Assistant|"
    r"Corporate|Interim|Accountable|Superintendent|Principal|Youth|Every|Section|Panel|Primary)\b"
)


def _people(ctx: Context) -> None:
    seen: dict[str, Proposal] = {}
    posts = ctx.lex.phrases_of("post")

    def is_post(text: str) -> bool:
        low = text.lower()
        return any(re.search(rf"\b{re.escape(p)}\b", low) for p in posts)

    def add(name: str, post: str | None, s: Sentence, conf: float, span: str) -> None:
        name = re.sub(r"^(?:Councillor|Cllr\.?)\s+", "", name.strip())
        if post:
            post = re.split(r",\s+(?=[a-z])", post)[0]
        if _ORG_WORDS.search(name) or len(name.split()) < 2:
            return
        post = post.strip(" ,.;") if post else None
        if name in seen:
            if post and not seen[name].value.get("post"):
                seen[name].value["post"] = post
            return
        ctx.add("person", {"name": name, "post": post}, s, conf, span=span)
        seen[name] = ctx.proposals[-1]

    for s in ctx.sentences:
        text = s.text
        for m in re.finditer(
            rf"(?:Councillor|Cllr\.?|Superintendent)\s+({_PERSON})(?:\s*\((\w[\w -]*)\))?(?:,\s+([^,;.\n]+))?", text
        ):
            post = m.group(2) or (m.group(3) if m.group(3) and is_post(m.group(3)) else None)
            if m.group(0).startswith("Superintendent"):
                post = "Superintendent"
            add(m.group(1), post, s, 0.75, m.group(0))
        for m in re.finditer(rf"Councillors\s+({_PERSON}(?:,\s+{_PERSON})*(?:,?\s+and\s+{_PERSON}))", text):
            for name in re.split(r",\s+|\s+and\s+", m.group(1)):
                add(name, None, s, 0.7, name)
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


# outcomes, priorities, pledges, indicators

_LIST_SPLIT = re.compile(
    r";\s*(?:and\s+)?|,\s+and\s+(?=[a-z])|\s+and\s+(?=(?:ready|children and young people achieve))"
)


def _list_after(ctx: Context, s: Sentence, text_after: str) -> list[tuple[str, Sentence]]:
    """Items of a list: inline after a colon, or the list items / short lines that follow the sentence."""
    inline = text_after.strip().rstrip(".")
    if len(inline) > 5:
        items = [x.strip(" .;") for x in re.split(r";\s*(?:and\s+)?", inline) if x.strip(" .;")]
        if len(items) >= 2:
            return [(re.sub(r"^and\s+", "", x), s) for x in items]
    out = []
    i = ctx.sentences.index(s)
    for nxt in ctx.sentences[i + 1 : i + 12]:
        t = nxt.text.strip()
        if nxt.block.kind in {"item", "row"} or (len(t) < 70 and not t.endswith(".") and nxt.block.kind == "para"):
            if nxt.block.kind == "heading":
                break
            out.append(
                (
                    re.sub(r"^(?:and\s+)?(?:are\s+)?", "", t).strip(" ;,.").removesuffix("; and").removesuffix(" and"),
                    nxt,
                )
            )
            continue
        break
    return [(x, n) for x, n in out if x]


def _outcomes(ctx: Context) -> None:
    seen: set[str] = set()
    for s in ctx.sentences:
        m = re.search(
            r"\b(?:two|three|four|five|six|seven|key|following|the)\s+(?:key\s+|local\s+)?outcomes?\b"
            r"(?!\s+framework)([^:.]*?)(?::|–\s*that they)(.*)$",
            s.text,
            re.I,
        )
        named = [label for label in ctx.lex.outcomes if re.search(rf"\b{re.escape(label)}\b", s.text, re.I)]
        if len(named) >= 2:
            for label in named:
                if label.lower() not in seen:
                    seen.add(label.lower())
                    ctx.add("outcome", {"name": label, "ecm": ctx.lex.outcomes[label]}, s, 0.9, span=label)
            continue
        if not m or re.search(r"every child matters", m.group(0), re.I):
            continue
        for item, src in _list_after(ctx, s, m.group(2)):
            if item.lower() not in seen and len(item) < 80:
                seen.add(item.lower())
                ctx.add("outcome", {"name": item}, src, 0.7, span=item)


_LEAD = re.compile(r"\s*[(,–-]?\s*(?:\(?\s*lead:\s*|led by\s+(?:the\s+)?|Owner:\s*)([^)]+?)\)?\s*[;.]?$", re.I)


def _priorities(ctx: Context) -> None:
    seen: set[str] = set()

    def add(name: str, owner: str | None, src: Sentence, conf: float) -> None:
        name = re.sub(r"^(?:Priority\s+\w+\s*[–:-]\s*|\([a-z0-9]\)\s*)", "", name).strip(" ;,.")
        if not name or name.lower() in seen or len(name) > 140:
            return
        seen.add(name.lower())
        ctx.add("priority", {"name": name, "owner": owner}, src, conf, span=name)

    for s in ctx.sentences:
        text = s.text
        if (
            s.block.kind == "row"
            and len(s.block.cells) == 2
            and re.search(r"priorit", s.block.section + ctx_prev(ctx, s), re.I)
        ):
            if not re.match(r"priority$", s.block.cells[0], re.I):
                add(s.block.cells[0], s.block.cells[1], s, 0.8)
            continue
        if s.block.kind == "para" and re.search(r"\bPriority\s+Lead(?: partner)?\b", ctx_prev(ctx, s)[-200:]):
            owner = _trailing_owner(ctx, text)
            if owner and len(text) < 160 and not text.endswith("."):
                add(text[: -len(owner)].strip(), owner, s, 0.7)
                continue
        m = re.match(r"^(?:\(([a-z])\)\s*|Priority\s+(\w+)\s*[–:-]\s*)(?=\S)(?!That\b)(.+)$", text)
        if m and re.search(r"priorit", ctx_prev(ctx, s) + text[:12] + s.block.section, re.I):
            body = m.group(3)
            lead = _LEAD.search(body)
            owner = lead.group(1).strip() if lead else None
            name = body[: lead.start()] if lead else body
            add(name, owner, s, 0.8)
            continue
        m = re.search(r"\bpriorities(?: of [^,]+?)?,?\s+namely:\s*(.+)$", text)
        if m:
            for item in re.split(r";\s*(?:and\s+)?", m.group(1).rstrip(".;")):
                add(item, None, s, 0.75)
            continue
        m = re.search(r"\b(?:welcomed|agreed|set) the priorities to ([a-z].+?)(?:,|$)", text)
        if m:
            for item in re.split(r"\s+and\s+to\s+", m.group(1)):
                add(item, None, s, 0.65)
    # a web page: "Our priorities" heading, each priority a sub-heading with "Led by …" under it
    blocks = ctx.doc.blocks
    for i, block in enumerate(blocks):
        if block.kind == "heading" and re.search(r"\bpriorities\b", block.text, re.I) and len(block.text) < 40:
            for j in range(i + 1, min(i + 20, len(blocks))):
                sub = blocks[j]
                if sub.kind == "heading" and block.level and sub.level and sub.level <= block.level:
                    break
                if sub.kind == "heading":
                    nxt = blocks[j + 1] if j + 1 < len(blocks) else None
                    if nxt is None or nxt.kind == "heading" and not re.search(r"led by", nxt.text, re.I):
                        break
                    lead = re.match(r"Led by (?:the\s+)?(.+?)\.?$", nxt.text) if nxt else None
                    add(sub.text, lead.group(1) if lead else None, _as_sentence(ctx, nxt if lead else sub), 0.75)


def _trailing_owner(ctx: Context, text: str) -> str | None:
    """The organisation a flattened table row ends with: 'Reducing exclusions from school Sallowby Schools Forum'."""
    spans = [(a, b, n) for a, b, n in name_spans(text) if b == len(text.rstrip(" ."))]
    if not spans:
        return None
    a, _, name = spans[-1]
    words = name.split()
    for i in range(len(words)):  # the shortest tail that names an authority, partner or body
        tail = " ".join(words[i:])
        if i and (_kind_of_name(ctx.lex, tail) or any(tail.startswith(x.name) for x in ctx.lex.authorities)):
            return tail if a + len(name) - len(tail) > 0 else None
    return None


def ctx_prev(ctx: Context, s: Sentence) -> str:
    i = ctx.sentences.index(s)
    return " ".join(p.text for p in ctx.sentences[max(0, i - 8) : i] if p.block.kind != "row")


def _as_sentence(ctx: Context, block: Block) -> Sentence:
    return next((s for s in ctx.sentences if s.block is block), Sentence(block.text, block.start, block))


def _pledges(ctx: Context) -> None:
    for s in ctx.sentences:
        if re.search(r"\bwe pledge\b|\bpledges?\b.*:\s*$", s.text, re.I) or (
            s.block.kind == "heading" and re.search(r"pledges", s.text, re.I)
        ):
            for item, src in _list_after(ctx, s, ""):
                ctx.add("pledge", {"name": item.rstrip(";")}, src, 0.75, span=item)
            continue
        m = re.search(r"\bPledge promises that (.+)$", s.text)
        if m:
            for item in re.split(r",\s+and\s+that\s+", m.group(1).rstrip(".")):
                ctx.add("pledge", {"name": item}, s, 0.7, span=item)


def _indicators(ctx: Context) -> None:
    for s in ctx.sentences:
        m = re.search(
            r"\bindicators,?\s+(?:among them|including|that includes|such as|which include)\s+(.+?)\.?$", s.text
        )
        if m:
            for item in re.split(r"(?:,\s+(?:and\s+)?|\s+and\s+)(?=the\s)", m.group(1)):
                item = item.strip(" ,.").removeprefix("the ")
                if len(item) > 8:
                    ctx.add("indicator", {"name": item}, s, 0.7, span=item)
            continue
        if s.block.kind == "heading" and re.search(r"how we will know|measures of success|indicators", s.text, re.I):
            for item, src in _list_after(ctx, s, ""):
                ctx.add("indicator", {"name": item}, src, 0.65, span=item)


# consultation, legislation, strategies, reviews, risks, target groups, monitoring

_COUNT = re.compile(
    r"(?:\b(around|approximately|about|some|over|more than|at least|nearly|almost|up to|so far)\s+)?"
    r"\b(\d{1,3}(?:,\d{3})+|\d+)"
    r"\s+(children(?: and young people)?|young people|people|pupils|parents(?: and carers)?|residents|responses|"
    r"practitioners(?: and managers)?|participants|staff|schools)\b",
    re.I,
)
_CONSULT_WORDS = re.compile(
    r"consult|survey|questionnaire|took part|responded|respon|involved|attended|told us|workshop|"
    r"session|views|design days|answered|completed|discussions",
    re.I,
)


def _consultations(ctx: Context) -> None:
    for s in ctx.sentences:
        if not _CONSULT_WORDS.search(s.text):
            continue
        for m in _COUNT.finditer(s.text):
            n = int(m.group(2).replace(",", ""))
            if (1900 <= n <= 2100 and "," not in m.group(2) and not m.group(1)) or re.search(
                r"\bmembers\b", s.text[m.end() : m.end() + 10]
            ):
                continue
            word = (m.group(1) or "").lower()
            qualifier = ctx.lex.concept_of("qualifier", word) if word and word != "so far" else None
            q = {"Approximately": "approximately", "MoreThan": "more-than", "AtLeast": "at-least", "AtMost": "at-most"}
            ctx.add(
                "consultation",
                {"count": n, "qualifier": q.get(qualifier or "", "exact"), "who": m.group(3).lower()},
                s,
                0.8,
            )
        bare = re.search(
            r"\b(around|approximately|about|some|over|more than|at least|nearly|almost)\s+(\d{1,3}(?:,\d{3})+|\d+)\s+"
            r"(?:have|had|were)\s+(?:been\s+)?(?:involved|consulted|took part|responded)",
            s.text,
            re.I,
        )
        if bare:
            qualifier = ctx.lex.concept_of("qualifier", bare.group(1).lower())
            q = {"Approximately": "approximately", "MoreThan": "more-than", "AtLeast": "at-least", "AtMost": "at-most"}
            ctx.add(
                "consultation",
                {
                    "count": int(bare.group(2).replace(",", "")),
                    "qualifier": q.get(qualifier or "", "exact"),
                    "who": None,
                },
                s,
                0.7,
            )


def _legislation(ctx: Context) -> None:
    acts = ctx.lex.phrases.get("legislation", [])
    seen: set[str] = set()
    last_act: str | None = None
    for s in ctx.sentences:
        low = s.text.lower().replace("’", "'")
        hits = []
        for path, title in acts:
            for m in re.finditer(re.escape(title), low):
                hits.append((m.start(), m.end(), path))
        hits.sort()
        for start, _, path in hits:
            last_act = path
            section = re.search(
                r"\bsections?\s+(\d+[a-z]?)(?:\(\d+\))?\s+of\s+(?:the\s+)?$", low[max(0, start - 30) : start]
            )
            iri = f"http://www.legislation.gov.uk/id/{path}" + (
                f"/section/{section.group(1).upper() if section.group(1)[-1].isalpha() else section.group(1)}"
                if section
                else ""
            )
            if iri not in seen:
                seen.add(iri)
                ctx.add("legislation", {"iri": iri}, s, 0.95 if section else 0.9)
        for m in re.finditer(r"\bsection\s+(\d+[a-z]?)\s+of\s+the\s+act\b", low):
            if last_act:
                iri = f"http://www.legislation.gov.uk/id/{last_act}/section/{m.group(1).upper()}"
                if iri not in seen:
                    seen.add(iri)
                    ctx.add("legislation", {"iri": iri}, s, 0.8)


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
            key = name.lower()
            hit = process.extractOne(key, list(seen), scorer=fuzz.token_set_ratio, score_cutoff=90) if seen else None
            if hit:
                continue
            ctx.add("strategy", {"name": name}, s, 0.7, span=name)
            seen[key] = ctx.proposals[-1]


def _reviews(ctx: Context) -> None:
    seen: set[tuple[str, str | None]] = set()
    for s in ctx.sentences:
        concept = ctx.lex.concept_of("review", s.text)
        if concept is None:
            continue
        low = s.text.lower()
        phrase = max((p for c, p in ctx.lex.phrases["review"] if c == concept and p in low), key=len)
        start = low.index(phrase)
        name = s.text[start : start + len(phrase)]
        years = sorted({d.value[:4] for d in find_dates(s.text) if d.value and d.precision in {"year", "month"}})
        if re.search(r"\b(19|20)\d{2}\b", s.text[max(0, start - 8) : start]):
            years = [re.search(r"\b((?:19|20)\d{2})\b", s.text[max(0, start - 8) : start]).group(1)]  # type: ignore[union-attr]
        if concept == "PlanReview" and not re.search(r"\b(?:second|first|third|annual)\b", s.text, re.I):
            pass
        dates: list[str | None] = [*years] or [None]
        if not re.search(
            r"carried out|recommendations|rated|judged|asked|following|in \d{4}|of the|\d{4} ofsted|reviews of",
            s.text,
            re.I,
        ):
            continue
        for year in dates:
            months = [d.value for d in find_dates(s.text) if d.precision == "month" and d.value and d.value[:4] == year]
            date = months[0] if months else year
            if (concept, date) in seen:
                continue
            seen.add((concept, date))
            ctx.add("review", {"name": name, "date": date, "kind": concept}, s, 0.7)


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


def _target_groups(ctx: Context) -> None:
    seen: set[str] = set()
    for s in ctx.sentences:
        low = s.text.lower().replace("’", "'")
        for concept, phrase in ctx.lex.phrases.get("target-group", []):
            if concept in seen:
                continue
            m = re.search(rf"\b{re.escape(phrase)}\b", low)
            if m:
                seen.add(concept)
                ctx.add("target_group", {"name": s.text[m.start() : m.end()], "concept": concept}, s, 0.6)


def _monitoring(ctx: Context) -> None:
    for s in ctx.sentences:
        if not re.search(r"monitor|report(?:s)? to|receive|checks? progress|reviewed", s.text, re.I):
            continue
        freq = ctx.lex.concept_of("frequency", s.text)
        if not freq:
            continue
        bodies = _body_mentions(ctx, s.text)
        if not bodies:
            continue
        clauses = re.split(r"\s+and\s+(?=to\b|annually|through)", s.text)
        for clause in clauses:
            f = ctx.lex.concept_of("frequency", clause)
            b = _body_mentions(ctx, clause)
            if f and b:
                by = b[-1][2] if re.search(r"report to|to this", clause) or len(b) == 1 else b[0][2]
                ctx.add("monitoring", {"by": by, "frequency": f}, s, 0.6)


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
    _people(ctx)
    _outcomes(ctx)
    _priorities(ctx)
    _pledges(ctx)
    _indicators(ctx)
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
