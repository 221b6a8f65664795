"""Meetings: the report's own, those it names with a date, and those it states without one.

The report's own meeting comes from its header, subtitle or Decision Maker. Other meetings are a body
and the day it met or will meet, a committee system's meeting line or a pathway table's row. Dates are
read in their context: a date a deadline, event or publication owns is never a meeting's, and a yearless
day takes the year the running header prints. A pathway row also names what the body is to decide,
so this module reads decision verbs (`decisions`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from kg.imports.extract.dates import MONTHS, DateMention, find_dates, with_year
from kg.imports.extract.document import Block
from kg.imports.extract.lexicon import Lexicon
from kg.imports.extract.lists import owner_line
from kg.imports.extract.rules.authority import _authority_name
from kg.imports.extract.rules.context import (
    _BODY_HEAD,
    _MG_MEETING,
    _SEASON,
    Context,
    Proposal,
    Sentence,
    _body_mentions,
    _kind_of_name,
    _resolve_generic,
    _titlecase,
    marker_end,
)
from kg.imports.extract.rules.decisions import _about, _decision_verb

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
    r"bring|report(?:ed)? back|come back|(?:due|comes?|go(?:es)?|going|brought|put)\s+before)\b",
    re.I,
)


_EVENT = re.compile(
    r"\b(?:inspection|review|assessment|consultation|survey|letter|conference|visit|publication|published|closed|"
    r"launch|launched|summit|festival|celebration|conclusion|expiry|expired|following)\b",
    re.I,
)


@cache
def _deadline_cue(lex: Lexicon) -> re.Pattern[str]:
    cues = lex.alternation("deadline")
    part = r"(?:\s+the)?(?:\s+(?:very\s+)?(?:end|start|beginning|close|middle|first|last)(?:\s+\w+)?\s+of)?(?:\s+the)?"
    return re.compile(rf"(?<![\w'])(?:{cues}){part}\s*$", re.I)


def _deadline(ctx: Context, text: str, d: DateMention) -> bool:
    """A date a target, deadline or period runs to ("by the end of 2024", "by March 2025", "until 2027") is
    when something is to be done, never when a body meets: the words just before it say so (`deadline` rows)."""
    return bool(_deadline_cue(ctx.lex).search(text[: d.start]))


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


_CLAUSE_BREAK = re.compile(  # a new clause between a body and a date: the date is that clause's, not the body's
    r"[;:]|\b(?:that|which|whose|where|whilst|while|when(?!\s+(?:it|they)\s+met\b)|until|unless|although|because)\b|"
    r",\s*(?:and|but)\b|"
    r"\b(?:it|they|this|these|we|he|she)\s+(?:will|would|is|are|was|were|has|have|had|shall|must|can|should|may)\b",
    re.I,
)
_AUX = re.compile(  # "would be launched", "will be reviewed", "to take effect": a verb of its own after the body's
    r"\b(?:will|would|shall|should|could|must|may|might|to|be|been|being)\s+(?:be\s+|been\s+|not\s+)?([a-z]+)\b", re.I
)
_TIME = r"(?:\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[-–—]|to)\s*)?\d{1,2}(?:[.:]\d{2})?\s*[ap]\.?m\.?"
_TIE_END = re.compile(  # the word the date hangs on: "on 8 June", "in March 2019", "meeting of 8 June", "dated"
    rf"(?:^|\b(?:on|in|of|dated|held|meeting|met|date)\b)(?:\s+the)?[\s,(–—-]*(?:{_TIME}[\s,]*)?$", re.I
)


def _tied(ctx: Context, between: str, after: str) -> bool:
    """Whether the words from a body's name to a date tie that date to the body's meeting: the date hangs on "on",
    "in", "meeting of" or follows the name directly, with no new clause (", which was published on"), no verb of
    its own ("would be launched on", "will be reviewed in"), no deadline or period word ("for 1 April 2020 to …")
    and no range after it between them (`meeting-date-label` rows name a header's own labels)."""
    if re.match(r"\s*(?:[-–—]|to|until|till|and)\s+\S", after, re.I) and re.match(r"\s*\S+\s+\d", after):
        return False  # "from 3 January to 28 February": the first day of a period
    between = re.sub(r"^\s*,?\s*(?:which|who)\s+", " ", between)  # "X, which endorsed it on": X is the subject
    if _EVENT.search(between) and not re.search(r"\bmeeting\b", between, re.I):
        return False  # "held a conference on 5 May", "the Minister's letter of 3 March": the event's day
    if _CLAUSE_BREAK.search(between) or not _TIE_END.search(between):
        return False
    verbs = [m.group(1) for m in _AUX.finditer(between)]
    return all(_MEETING_WORDS.fullmatch(v) or _sits(ctx.lex).fullmatch(v) or _decision_verb(ctx.lex, v) for v in verbs)


@cache
def _sits(lex: Lexicon) -> re.Pattern[str]:
    """What a body does at a meeting, in the forms after "will", "to" or "be" (`meeting-verb` rows)."""
    return re.compile(lex.alternation("meeting-verb"), re.I)


_MET = re.compile(r"\b(?:meeting|met|held|minutes)\b", re.I)
_PUNCTUATION_ONLY = re.compile(r"[\s,:|–—-]*")  # between a header's body and its day: "X Board: 14 March 2019"
_HEADER_LEAD = re.compile(
    r"^(?:(?:report\s+to|from|minutes|notes|agenda)\s+)?(?:the\s+)?", re.I
)  # "REPORT TO THE CABINET", "From X meeting", "Minutes X Board"


def _date_value(ctx: Context, d: DateMention) -> str | None:
    if d.value:
        return d.value
    return with_year(d, ctx.year, ctx.own_date) if ctx.year else None


def _decides_alone(lex: Lexicon, maker: str) -> bool:
    """Whether a decision maker is one person, who decides without a meeting ("Chief Executive", "Leader of the
    Council", "Deputy Mayor": the `sole-decision-maker` rows)."""
    return bool(re.search(rf"\b(?:{lex.alternation('sole-decision-maker')})\b", maker, re.I))


def _decided_at(ctx: Context) -> bool:
    """A committee system's decision page names the meeting that took it: "Decided at meeting: 19/10/2015 - Policy
    Committee" is the page's own meeting, whatever earlier meeting its decision mentions (`decided-at-label` rows)."""
    label = re.compile(rf"(?:{ctx.lex.alternation('decided-at-label')})\s*:\s*", re.I)
    for block in ctx.doc.blocks:
        m = label.match(block.text)
        mg = _MG_MEETING.match("Meeting: " + block.text[m.end() :]) if m else None
        value = _listed_meeting(ctx, mg) if mg else None
        if mg and value:
            ctx.own_body, ctx.own_kind, ctx.own_date = value["body"], value["body_kind"], value["date"]
            ctx.add("meeting", {**value, "date_text": mg.group(1), "own": True}, block, 0.95)
            return True
    return False


def _listed_meeting(ctx: Context, m: re.Match[str]) -> dict[str, Any] | None:
    """The meeting a committee system's line lists ("Meeting: 19/10/2015 - Policy Committee (Item 5)", matched by
    `_MG_MEETING`): its body, body kind and day; None where the date is no day ("31/02/2015")."""
    dates = find_dates(m.group(1))
    if len(dates) != 1 or not dates[0].value:
        return None
    name = m.group(2).strip()
    found = _kind_of_name(ctx.lex, name)
    return {"body": name, "body_kind": found[1] if found else "Other", "date": dates[0].value}


def _decided_on(ctx: Context, blocks: list[Block]) -> None:
    """A decision record's "Date of Decision: September 10, 2025" under a committee as Decision Maker: the day of
    the committee's meeting that took it (the `decision-date-label` rows)."""
    label = re.compile(rf"(?:{ctx.lex.alternation('decision-date-label')})\s*:", re.I)
    for block in blocks:
        dates = find_dates(block.text) if label.match(block.text) else []
        if dates and dates[0].precision == "day":
            ctx.own_date = dates[0].value
            value = {"body": ctx.own_body, "body_kind": ctx.own_kind, "date": ctx.own_date,
                     "date_text": dates[0].text, "own": True}  # fmt: skip
            ctx.add("meeting", value, block, 0.85)
            return


def _own_meeting(ctx: Context) -> None:
    """The body (and date) the report or minutes are for: from the header, subtitle or Decision Maker."""
    blocks = ctx.doc.blocks
    if _decided_at(ctx):
        return
    for i, block in enumerate(blocks[:40]):
        if re.match(r"(?:Decision Maker|Decision maker):", block.text) and block.kind in {"heading", "para", "row"}:
            maker = block.text.split(":", 1)[1].strip()  # a paragraph or a record's table row
            found = _kind_of_name(ctx.lex, maker)
            ctx.own_body, ctx.own_kind = maker, found[1] if found else "Other"
            if ctx.own_kind == "CabinetMember":  # a Cabinet Member deciding alone is the body that decides
                ctx.add("body", {"name": maker, "body_kind": "CabinetMember"}, block, 0.8, span=maker)
            elif found and found[0] == "body" and not _decides_alone(ctx.lex, maker):
                _decided_on(ctx, blocks[:40])  # a committee decides at its meeting: the record's date is that day
            return
        minutes = re.match(r"(?i:minutes)\s+of\s+(?:a|the)\s+(?:\w+\s+)?meeting\s+of\s+the\b", block.text)
        if i < 5 and block.kind in {"heading", "para"} and len(block.text) > 120 and _header_pair(ctx, block):
            return  # a page's header flattened into its first paragraph: "X Board Notes of meeting on 22nd June 2007 …"
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
                if not _deadline(ctx, nxt.text, d)
                and (d.precision != "none" or re.search(r"\d", d.text))
                and (  # the body's own line ties the date to it; a later line is a date line, not a signature's
                    bool(_PUNCTUATION_ONLY.fullmatch(nxt.text[bodies[0][1] : d.start]))  # "X Board: 14 March 2019"
                    or _tied(ctx, nxt.text[bodies[0][1] : d.start], nxt.text[d.end :])
                    if j == 0 and d.start >= bodies[0][1]
                    else _PUNCTUATION_ONLY.fullmatch(nxt.text[d.end : bodies[0][0]])
                    if j == 0
                    else _date_line(ctx, nxt.text[: d.start])
                )
            ]
            if j > 0 and _body_mentions(ctx, nxt.text.title() if nxt.text.isupper() else nxt.text):
                break
            if j > 0 and (nxt.kind == "item" or len(nxt.text) > 120 and not _MET.search(nxt.text)):
                continue  # a page's dated bullet ("- August 5, 2024") or a paragraph of prose dates no meeting
            if dates:
                ctx.own_body, ctx.own_kind = _HEADER_LEAD.sub("", name), kind
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
    if _report_to(ctx) or _addressee(ctx):
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


def _header_pair(ctx: Context, block: Block) -> bool:
    """A body's name and, at most a label or a time between, the day it meets, at the head of a page whose header
    lines were run together into one paragraph ("X Board Notes of meeting on 22nd June 2007 Attendees: …"): the
    report's own meeting. The label ends the name, so it is cut off before the body is looked for."""
    for d in find_dates(block.text[:200]):
        label = _date_label(ctx.lex, True).search(block.text[: d.start])
        lead = block.text[: label.start() if label else d.start].rstrip(" ,–—-")
        bodies = _body_mentions(ctx, lead)
        if d.precision != "day" or not bodies or len(lead) - bodies[-1][1] > 2 or find_dates(lead):
            continue
        name, kind = _HEADER_LEAD.sub("", bodies[-1][2]), bodies[-1][3]
        ctx.own_body, ctx.own_kind, ctx.own_date = name, kind, d.value
        value = {"body": name, "body_kind": kind, "date": d.value, "date_text": d.text, "own": True}
        ctx.add("meeting", value, block, 0.85)
        return True
    return False


@cache
def _date_label(lex: Lexicon, at_end: bool = False) -> re.Pattern[str]:
    """A date line's label and time ("Date of meeting:", "5 – 7pm,"); `at_end`: the one a text ends with."""
    labels = lex.alternation("meeting-date-label")
    label = rf"[\s|]*(?:(?<![\w'’])(?:{labels})\s*[:.\-–—]?\s*)?(?:{_TIME}[\s,]*)?"
    return re.compile(label + ("$" if at_end else ""), re.I)


def _date_line(ctx: Context, lead: str) -> bool:
    """A line under a header that dates its meeting: the date, after at most a label ("Date of meeting:") or a
    time; not a signature's, a footer's or a print line's date (`meeting-date-label` rows)."""
    if _date_label(ctx.lex).fullmatch(lead):
        return True
    words = lead.split()
    return len(words) <= 16 and _tied(ctx, lead, "") and bool(_MET.search(lead)) and not _EVENT.search(lead)


@cache
def _addressee_cues(lex: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str]]:
    before = re.compile(rf"(?<![\w'’])(?:{lex.alternation('addressee-before')})\s+(?:the\s+)?$", re.I)
    after = re.compile(  # "The Board is asked to", "for the Board's consideration" (never a bare "Cabinet approval")
        rf"^(?:\s*(?:{lex.alternation('addressee-after')})|['’]s\s+(?:{lex.alternation('addressee-possessive')}))"
        r"(?![\w'’])",
        re.I,
    )
    return before, after


def _addressee(ctx: Context) -> bool:
    """A report with no dated header that states whom it is for ("to provide the Health and Wellbeing Board with",
    "The People Scrutiny Committee are invited to consider", "for the Board's consideration"): that body's meeting,
    on a day the page does not print, kept undated (`addressee-before`, `addressee-after` and `addressee-possessive`
    rows)."""
    before, after = _addressee_cues(ctx.lex)
    for block in ctx.doc.blocks[:15]:
        if block.kind == "row" or find_dates(block.text):
            continue
        for start, end, name, kind in _body_mentions(ctx, block.text):
            if kind == "CabinetMember" or not (before.search(block.text[:start]) or after.match(block.text[end:])):
                continue
            ctx.own_body, ctx.own_kind = name, kind
            ctx.add("meeting", {"body": name, "body_kind": kind, "date": None, "own": True}, block, 0.6)
            return True
    return False


_REPORT_TO = re.compile(r"\bREPORT TO:?\s+(?:THE\s+)?([A-Z][A-Z'’&,\s]+?)\s*(?=\d|$|[A-Z]+:)")


def _report_to(ctx: Context) -> bool:
    """A cover sheet's "REPORT TO: CABINET 8 th JUNE 2020" (or its body and date on the next line): the body the
    report goes to and the day, printed together at the head of the report, possibly flattened into one paragraph."""
    for i, block in enumerate(ctx.doc.blocks[:12]):
        m = _REPORT_TO.search(block.text)
        if not m or m.start() > 200:
            continue
        name = _titlecase(m.group(1).strip(" ,"))
        found = _kind_of_name(ctx.lex, name)
        if not (found and found[0] == "body") and not re.search(_BODY_HEAD.pattern[:-1] + r"\b", name):
            return False  # "the Commission for Children and School Results": a body's head word, then its remit
        for nxt in [block, *ctx.doc.blocks[i + 1 : i + 3]]:
            text = nxt.text[m.end() : m.end() + 40] if nxt is block else nxt.text
            dates = [d for d in find_dates(text) if d.precision == "day" and d.start < 5]
            if dates:
                ctx.own_body, ctx.own_kind = name, found[1] if found and found[0] == "body" else "Other"
                ctx.own_date = dates[0].value
                value = {"body": name, "body_kind": ctx.own_kind, "date": ctx.own_date, "date_text": dates[0].text}
                ctx.add("meeting", {**value, "own": True}, nxt, 0.85)
                return True
        return False
    return False


_BODY_THEN_DATE = re.compile(  # a body and then, with nothing between, the day or month it met or acts
    r"\s+(?:(?:approved?|agreed?|endorsed?|adopted?|considered?|noted?|decided?)\s+(?:it\s+|this\s+)?)?"
    r"(?:on|in)\s+(?:the\s+)?"
)


_ITS_MONTH_MEETING = re.compile(rf"\b(?:at|to|for)\s+(?:its|their)\s+({MONTHS})\s+meeting\b")


@cache
def _another_sitting(lex: Lexicon) -> re.Pattern[str]:
    """Another meeting of the body whose minutes these are, named with no body: "there was an additional meeting on
    Tuesday 5th January, 2010" (the `own-meeting-kind` rows)."""
    return re.compile(
        rf"\b(?:an?|the)\s+(?:{lex.alternation('own-meeting-kind')})\s+meeting\s+(?:on|in)\s+(?:the\s+)?$", re.I
    )


_WITH_OTHERS = re.compile(r"[^.;]{0,40}?\b(?:with|between|of\s+the|for\s+(?:parents|partners|schools))\b", re.I)  # a
# meeting "with head teachers" or "of the Forum" is not one of the body whose minutes these are
_HELD_WHEN = re.compile(
    r"\b(?:meeting\s+in|(?:was|were|is|be|been|being)\s+held\s+on|meeting\s+held\s+on)\s+(?:the\s+)?$", re.I
)
_PREVIOUS_HELD = re.compile(  # the minutes' own body's earlier meeting: "the minutes of the meeting held on", and an
    # agenda's "Minutes" item whose next line is "Of the meeting held on 23 September 2020 (for confirmation)"
    r"(?:minutes of|^Of) the (?:last |previous )?meeting (?:held )?on",
    re.I,
)
_OPENS_WITH_DATE = re.compile(r"(?:On|At (?:its|their) meeting on)\b")  # "On 22 June 2005, the Cabinet approved"
_CONDITION = re.compile(r"(?:\(\w+\)\s*)?(?:If|When|Once|Unless|Subject to|Should)\b[^,;]*,")  # "If Cabinet agrees,"


@cache
def _decision_due(lex: Lexicon) -> re.Pattern[str]:
    """A forward plan's line naming the meeting a decision is due at: "Decision due: 20 Sep 2023 by Cabinet"
    (a committee system's issue page; the `decision-due-label` rows)."""
    return re.compile(
        rf"^(?:{lex.alternation('decision-due-label')})\s*:?\s*(?P<when>.+?)\s+by\s+(?P<body>.+?)\.?$", re.I
    )


def _due_at(ctx: Context, s: Sentence) -> bool:
    """A forward plan's "Decision due:" line proposes the body's meeting on that day, if the line is one."""
    m = _decision_due(ctx.lex).match(s.text.strip())
    dates = find_dates(m.group("when")) if m else []
    found = _kind_of_name(ctx.lex, re.sub(r"^the\s+", "", m.group("body"), flags=re.I)) if m else None
    if not m or len(dates) != 1 or not dates[0].value or not found or found[0] != "body":
        return False
    if dates[0].text.strip() != m.group("when").strip():
        return False  # "Not before 20 Sep 2023", "w/c 18 Sep 2023": a window, not the meeting's day
    value = {"body": m.group("body"), "body_kind": found[1], "date": dates[0].value, "date_text": dates[0].text}
    ctx.add("meeting", value, s, 0.75)
    return True


def _meetings(ctx: Context) -> None:
    for s in ctx.sentences:
        text = s.text
        if _due_at(ctx, s):
            continue
        m = _MG_MEETING.search(text)
        if m:
            listed = _listed_meeting(ctx, m)  # None for "Meeting: 31/02/2015 - Cabinet": no day, no meeting read
            if listed:  # a committee system lists a meeting's items once it has met
                ctx.add("meeting", {**listed, "held": True}, s, 0.95)
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
                    value: dict[str, Any] = {
                        "body": ctx.own_body,
                        "body_kind": ctx.own_kind,
                        "date": when,
                        "date_text": d.text,
                    }
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
        last: tuple[int, str, str] | None = None  # where the last meeting's date ended, its body and kind
        for d in sorted([*dates, *seasons], key=lambda d: d.start):
            if d.precision == "year" or _deadline(ctx, text, d):
                continue
            if last and d.value and _ALSO_ON.fullmatch(text[last[0] : d.start]):  # "met on 14 October 2009 & 5 ..."
                ctx.add(
                    "meeting", {"body": last[1], "body_kind": last[2], "date": d.value, "date_text": d.text}, s, 0.8
                )
                last = (d.end, last[1], last[2])
                continue
            window = text[max(0, d.start - 25) : d.end + 5]
            if _NOT_MEETING.search(window) and not re.search(r"meeting", window, re.I):
                continue
            before = [b for b in bodies if b[1] <= d.start]
            after = [b for b in bodies if b[0] >= d.end]
            opening = _OPENS_WITH_DATE.match(text, marker_end(text))
            cands = before[-1:] or (after[:1] if opening else [])
            previous = _PREVIOUS_HELD.search(text[: d.start])
            the_day_meeting = (
                re.search(r"\bthe\s+$", text[: d.start])
                and re.match(r"\s+meeting\b", text[d.end :])
                and not re.match(r"\s+meeting\s+(?:of|with)\b", text[d.end :])  # "the March meeting of the Board"
            )
            sitting = _another_sitting(ctx.lex).search(text[: d.start]) and not _WITH_OTHERS.match(text[d.end :])
            own = previous or sitting or the_day_meeting and not before
            if own and ctx.own_body:  # "the minutes of the meeting held on ...", "at the March 2021 meeting"
                cands = [(0, 0, ctx.own_body, ctx.own_kind or "Other")]
            if not cands:
                # "this meeting ... was held on Tuesday 8 January 2019", "a meeting in March": no body named, so
                # the page's own
                if _HELD_WHEN.search(text[: d.start]) and re.search(r"\bmeeting\b", text, re.I) and ctx.own_body:
                    cands = [(0, 0, ctx.own_body, ctx.own_kind or "Other")]
                else:
                    continue
            _, b_end, name, kind = cands[0]
            papers = b_end and re.fullmatch(
                r"\s+(?:report|minutes|meeting)\s+(?:of|dated|on)\s+", text[b_end : d.start], re.I
            )
            if not _MEETING_WORDS.search(text) and not papers:
                continue  # "Cabinet report of 8 July 2025" names the meeting a paper went to
            opener = _CONDITION.match(text, marker_end(text))
            if opener and b_end <= opener.end() <= d.start and not previous:
                continue  # "If Cabinet approves it, the Plan will be launched on 2 July": the date is the main clause's
            if (
                b_end
                and re.search(_EVENT, text[b_end : d.start])
                and not re.search(r"\bmeeting\b", text[b_end : d.start])
            ):
                continue  # "noted the outcome of the inspection ... in June 2010": the date is the inspection's
            # "to the Cabinet at the March 2021 meeting": the day names the body's meeting itself
            its_meeting = the_day_meeting and not _CLAUSE_BREAK.search(text[b_end : d.start])
            if b_end and not previous and not its_meeting and not _tied(ctx, text[b_end : d.start], text[d.end :]):
                continue  # "The Cabinet noted that the consultation closes on 3 May": not the Cabinet's day
            gap = text[d.end : cands[0][0]] if cands[0][0] >= d.end else ""
            if len(gap.split()) > 3 or _CLAUSE_BREAK.search(gap):
                continue  # "On 1 April the new service started and the Cabinet …": the day opens another clause
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
            last = (d.end, name, kind) if when else None


_ALSO_ON = re.compile(r"\s*(?:,|&|and)\s*(?:(?:on|at)\s+)?(?:the\s+)?", re.I)  # a second day a body met on


_SAT = re.compile(  # what a body did at a meeting, said right after its name opening the sentence
    r"\s+(?:meeting\s+)?(?:considered|received|discussed|noted|heard|resolved|"
    r"(?:was|were) (?:provided|presented|given|told|advised|informed|briefed|updated))\b"  # "Cabinet was advised that"
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
        if not bodies or any(d.value for d in find_dates(s.text)) or s.block.kind == "row":
            continue  # a yearless day ("(Wednesday, November 23)") leaves the meeting undated, never guessed
        start, end, name, kind = bodies[0]
        lead = re.fullmatch(  # "Content: Cabinet considered", "The council's Executive was told"
            r"(?:[A-Z][a-z]+:\s+)?(?:The\s+)?(?:(?i:council|county|city|borough)['’]s\s+)?", s.text[:start]
        )
        rest = re.sub(r"^\s*\([^()]{1,40}\)", "", s.text[end:])  # "The Executive (Wednesday, November 23) was told"
        sat = lead and s.text[start:end] == name and _SAT.match(rest)
        if sat and key(name) not in met and kind not in {"CabinetMember", "Other"}:
            ctx.add("meeting", {"body": name, "body_kind": kind, "date": None}, s, 0.55)
            met.add(key(name))
    _taken_to(ctx, met, key)
    _previous_meeting(ctx)
    maker = next((b for b in ctx.doc.blocks[:40] if re.match(r"Decision [Mm]aker:", b.text)), None)
    # a Cabinet Member decides alone, without a meeting
    alone = ctx.own_kind == "CabinetMember" or _decides_alone(ctx.lex, ctx.own_body or "")  # "Deputy Mayor"
    if maker and ctx.own_body and key(ctx.own_body) not in met and not alone:
        value = {"body": ctx.own_body, "body_kind": ctx.own_kind or "Other", "date": None}
        ctx.add("meeting", value, maker, 0.55)


_TAKEN_TO = re.compile(  # "a draft had been taken to the X", "presenting it to the X", "considered at the X"
    r"\b(?:(?:taken|presented|presenting\s+(?:it|them|this)|brought(?:\s+back)?|submitted|referred)\s+to|"
    r"(?:considered|consideration|discussed)\s+at)\s+(?:the\s+)?(?:\w+['’]s\s+)?$",
    re.I,
)


def _taken_to(ctx: Context, met: set[str], key: Callable[[object], str]) -> None:
    """A paper taken, presented or brought to a body, or considered at it, with no date printed: that body met (or
    is to meet) on it, on a day the page does not give; kept undated."""
    for s in ctx.sentences:
        if s.block.kind == "row" or any(d.value for d in find_dates(s.text)):
            continue
        for start, _, name, kind in _body_mentions(ctx, s.text):
            if kind != "CabinetMember" and key(name) not in met and _TAKEN_TO.search(s.text[:start]):
                ctx.add("meeting", {"body": name, "body_kind": kind, "date": None}, s, 0.55)
                met.add(key(name))


_PREVIOUS = re.compile(  # "Minutes of the last meeting", "Minutes / matters arising from previous meeting"
    r"\bminutes(?:\s*(?:/|and|&)\s*matters\s+arising)?\s+(?:of|from)\s+(?:the\s+)?(?:last|previous)\s+meeting\b", re.I
)


def _previous_meeting(ctx: Context) -> None:
    """Minutes that take 'the minutes of the previous meeting' state an earlier meeting of their own body; where
    no date is printed for it, it is kept undated (a dated one is read with the other meetings)."""
    if not ctx.own_body or ctx.own_kind == "CabinetMember":
        return
    own = re.sub(r"^(?:the|full)\s+", "", ctx.own_body.lower())
    earlier = [
        p
        for p in ctx.proposals
        if p.kind == "meeting"
        and re.sub(r"^(?:the|full)\s+", "", str(p.value.get("body") or "").lower()) == own
        and not p.value.get("own")
        and p.value.get("date") != ctx.own_date  # the own meeting, read again from its header
    ]
    b = next((b for b in ctx.doc.blocks if _undated_previous(b.text)), None)
    if b and not earlier:  # an agenda's heading states it as well as a sentence
        ctx.add("meeting", {"body": ctx.own_body, "body_kind": ctx.own_kind or "Other", "date": None}, b, 0.55)


def _undated_previous(text: str) -> bool:
    """'Minutes of the previous meeting' with no date printed for that meeting: none in the words right after it
    (a date further on in a paragraph that ran an agenda's items together is another item's: the item ends at its
    sentence or at the next item's number)."""
    m = _PREVIOUS.search(text)
    if m is None:
        return False
    item = re.split(r"\.\s|\s\d{1,2}\.\s", text[m.end() : m.end() + 200], maxsplit=1)[0]  # to the item's end
    return not find_dates(item)


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
