"""Decisions: what a body resolved, recommends or is to decide, and what about.

A RESOLVED or recommendation clause is split into its verbs (the lexicon's decision verbs, each with its
status: resolved, recommended, intended); decisions narrated in prose ("Cabinet approved the Plan"),
council motions and outcome lines are read too, each with the body that makes it.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from kg.imports.extract.lexicon import Lexicon
from kg.imports.extract.rules.context import _MG_MEETING, Context, Sentence, _body_mentions

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
