"""A plan's lists — outcomes, priorities, pledges, indicators — found by their structure, not their wording.

A list is a lead-in that names a kind of list, then the items at the next structural level, whatever
the markup:

- the lead-in is a heading ("Our priorities", "Key outcomes", "Our pledges to children in care"), a
  sentence that names the kind ("The plan has four key outcomes:", "We will:", "Under the outcomes sit
  four priorities"), or a table column headed with it ("Priority", "How we will measure it");
- the items are the blocks that follow it one level down: bullets and Word list paragraphs, lettered or
  numbered sub-paragraphs, short lines after a colon, sub-headings (one heading per priority, with its
  "Lead:" beneath), the rows of a table — and stop where the structure climbs back (the next numbered
  paragraph, a heading at the lead-in's level, a paragraph of prose);
- "Outcome 1: …" lines or headings with bullets under them are an outcomes framework: the bullets are
  the outcome's priorities (a heading saved as a plain line counts, when bullets follow it);
- a count printed before the cue ("Five outcomes had been proposed: …") says how many items a list run
  into a sentence holds, and so where it splits;
- a sentence can run a list in ("the plan's priorities are a, b, c and d"): its items are split where
  the next item starts the way the first does (with "the", "to", a word ending in -ing, …).
- promises are written as sentences ("We will listen before we decide."): after a sentence that names
  the plan's promises or pledges, and as the only sentences of paragraphs under a priority's heading,
  each is a pledge (`pledge-opener` rows say how a promise opens).

The words of lead-ins, owner columns, "no owner yet" and other plans whose lists a report may quote
("Community Strategy outcomes") come from the extraction lexicon (`list`, `list-owner`, `list-none` and
`list-foreign` rows of data/reference/extraction-lexicon.csv): they are cues for a list,
not names of the ontology's concepts. An owner is read where the report gives one — in brackets, after a
dash, after "Lead:" or "led by", or in a Lead / Owner / Responsible column — and is absent otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache, partial

from kg.imports.extract.dates import NUMBER_WORDS
from kg.imports.extract.document import Block, Document
from kg.imports.extract.lexicon import Lexicon

KINDS = {"Outcome": "outcome", "Priority": "priority", "Commitment": "pledge", "Indicator": "indicator"}
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")  # where a block's next sentence starts


@dataclass
class Item:
    """One item of a list: its kind, its name as printed, its owner where stated, and where it is."""

    kind: str  # outcome | priority | pledge | indicator
    name: str
    owner: str | None
    block: Block
    span: str  # the words to cite, as they stand in the block's text
    parent: str | None = None  # the outcome a priority sits under
    confidence: float = 0.75


# --- cues ------------------------------------------------------------------------------------------


@cache
def _cues(lex: Lexicon, kind: str) -> list[tuple[str, re.Pattern[str]]]:
    """(concept, whole-word pattern) for a lexicon kind, longest phrase first."""
    pairs = sorted(lex.phrases.get(kind, []), key=lambda cp: -len(cp[1]))
    return [(c, re.compile(rf"(?<![\w']){re.escape(p)}(?![\w'])", re.I)) for c, p in pairs]


_PARENT = re.compile(  # "sit under the outcomes", "behind the pledges": the list these items belong to
    r"\b(?:under|within|beneath|behind|supporting|underpinning)\s+(?:(?:the|these|those|our|its|each|all)\s+)?"
    r"(?:(?:\w+\s+){0,2})$",
    re.I,
)


_VERB_SUBJECT = re.compile(  # who does something: "the plan aims to", "which promises to"
    r"\b(?:plan|strategy|it|which|that|who|and|board|partnership|council|trust|service|programme)\s+$", re.I
)


_BETTERED = re.compile(r"\b(?:improv\w*|better|good|positive|poor\w*)\s+$", re.I)


def _foreign(lex: Lexicon, before: str) -> bool:
    """Whether the words just before a cue name another plan ("Community Strategy outcomes",
    "Corporate priorities"): that plan's list, not the one the report is about."""
    near = " ".join(before.split()[-4:]).replace("’", "'")
    return any(
        re.search(rf"{p.pattern}(?:\s+(?:key|main|headline|strategic))?\W*$", near, re.I)
        for _, p in _cues(lex, "list-foreign")
    )


def _in_a_name(text: str, m: re.Match[str]) -> bool:
    """A capitalised cue inside running text between capitalised words ("the Public Health Outcomes Framework",
    "our Priority Families Programme") is a word of a name; a title-case heading's cue is not tested."""
    before = text[: m.start()].split()
    after = text[m.end() :].split()
    return bool(
        m.group(0)[:1].isupper()
        and before
        and after
        and before[-1][:1].isupper()
        and re.match(r"[A-Z][a-z]", after[0])
        and any(w[:1].islower() for w in before if w.isalpha())
    )


def list_kind(lex: Lexicon, text: str) -> str | None:
    """The kind of list a lead-in names: the cue nearest its end ("outcomes and priorities" -> priority).

    A cue after "under the", "behind the" names the list the items sit under, not theirs.
    """
    best: tuple[int, int, str] | None = None
    for concept, pattern in _cues(lex, "list"):
        for m in pattern.finditer(text):
            if _PARENT.search(text[: m.start()]) or _foreign(lex, text[: m.start()]):
                continue
            if concept == "Commitment" and re.search(r"\b(?:how|why|where|when)\s+$", text[: m.start()], re.I):
                continue  # "the basis for how we will deliver them": a manner, not a promise
            if _VERB_SUBJECT.search(text[: m.start()]) and re.match(r"\s+to\s+[a-z]", text[m.end() :]):
                continue  # "The plan aims to reduce ...": a verb of the same spelling, not a list
            if concept == "Outcome" and _BETTERED.search(text[: m.start()]):
                continue  # "a stake in improving outcomes for children": what work aims at, not a list named
            if _in_a_name(text, m):
                continue  # "the Public Health Outcomes Framework": a document's name, not a list named
            key = (m.end(), m.end() - m.start())
            if best is None or key > best[:2]:
                best = (m.end(), m.end() - m.start(), concept)
    if best and best[2] == "Indicator":  # "key priorities and success measures": priorities, each with its measures
        joined = re.search(r"\s+(?:and|&)\s+(?:\w+\s+)?$", text[: best[0] - best[1]])
        before = list_kind(lex, text[: joined.start()]) if joined else None
        if before and before != "indicator":
            return before
    return KINDS.get(best[2]) if best else None


def _owner_heading(lex: Lexicon, text: str) -> bool:
    return any(p.fullmatch(text.strip(" :").lower()) for _, p in _cues(lex, "list-owner"))


def _no_owner(lex: Lexicon, text: str) -> bool:
    low = text.strip(" .;:()").lower()
    return not low or any(p.fullmatch(low) for _, p in _cues(lex, "list-none"))


# --- owners --------------------------------------------------------------------------------------

_ORG_HEAD = re.compile(
    r"\b(?:Board|Partnership|Service|Services|Team|Trust|Group|Forum|Council|Police|Constabulary|Panel|Committee|"
    r"Network|Commission|Executive|CCG|PCT|YOT|NHS|Health|Care|College|Connexions|Authority|Unit|Hub|Centre)\b"
)
_POST = re.compile(r"^(?:(?:Assistant|Deputy|Interim|Executive|Strategic|Corporate)\s+)?(?:Director|Head|Manager)\b")


@cache
def _labels(lex: Lexicon) -> str:
    """The words that label an owner ("Lead:", "led by", "Responsible:"), as one alternation."""
    phrases = sorted(lex.phrases_of("list-owner"), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases) + ")"


def owner_like(lex: Lexicon, text: str) -> bool:
    """Whether words name an organisation, a body or a post (so they can own a priority)."""
    text = text.strip()
    if not text or not text[0].isupper() or len(text) > 90 or text.endswith("."):
        return False
    low = text.lower()
    return bool(
        lex.organisation_kind(text)
        or _ORG_HEAD.search(text)
        or _POST.match(text)
        or any(low.startswith(n.lower()) or low.endswith(n.lower()) for a in lex.authorities for n in a.names[:3])
    )


def owner_line(lex: Lexicon, text: str) -> bool:
    """Whether a line states an owner ("Lead: the Family Hubs Board"): it names who leads, not a meeting."""
    return bool(re.match(rf"{_labels(lex)}\s*:", text.strip(), re.I))


def split_owner(lex: Lexicon, text: str) -> tuple[str, str | None, bool]:
    """(name, owner, stated): an item's words without the owner the report appends to them."""
    labels = _labels(lex)
    labelled = re.search(
        rf"(?:\s*[(\[,;.–—-]\s*\(?\s*|\s+(?=(?:led|owned)\s+by\b))\b{labels}\b\s*[:–—-]?\s*(?P<o>[^()\[\]]+?)\s*[)\]]?"
        r"\s*[.;,]?$",
        text,
        re.I,
    )
    unowned = re.search(
        rf",\s+(?:for which|with|where|whose|but)\b(?=[^,;]*\b(?:still|yet|no|not|to be)\b)[^,;]*\b{labels}\b[^,;]*$",
        text,
        re.I,
    )
    if unowned and unowned.start() > 0:  # "school readiness, for which a lead is still being sought"
        return text[: unowned.start()], None, True
    if labelled and labelled.start() > 0:
        owner = re.sub(r"^the\s+", "", labelled.group("o").strip(" .;,"), flags=re.I)
        name = text[: labelled.start()]
        return name, None if _no_owner(lex, owner) else owner, True
    bracket = re.search(r"\s*\(([^()]+)\)\s*[.;,]?(?:\s*and)?$", text)
    if bracket and bracket.start() > 0:
        owner = bracket.group(1).strip()
        if owner_like(lex, owner):
            return text[: bracket.start()], owner, True
        if _no_owner(lex, owner):
            return text[: bracket.start()], None, True
    colon = re.search(r"^[^:]{8,}?:\s+([^:]+?)\s*[.;,]?(?:\s*and)?$", text)
    if colon and owner_like(lex, colon.group(1).strip()):  # "Reduce childhood obesity: Oakhurst Primary Care Trust"
        return text[: colon.start(1)].rstrip(" :"), colon.group(1).strip(), True
    dash = re.search(r"\s+[–—-]\s+([^–—]+?)\s*[.;,]?(?:\s*and)?$", text)
    if dash and dash.start() > 0:
        owner = dash.group(1).strip()
        if owner_like(lex, owner) and not re.search(r"\b(?:and|or|the|to|for|of|in)$", text[: dash.start()]):
            return text[: dash.start()], owner, True
        if _no_owner(lex, owner):
            return text[: dash.start()], None, True
    return text, None, False


def split_inline(text: str) -> list[str]:
    """A block that prints several items on one line: quoted sentences ("“A.” “B.”"), bullets ("• A • B"),
    or sentences that each open the same way ("We will listen. We will help."); else []."""
    text = text.strip()
    quoted = re.findall(r"[“\"]([^”\"]+)[”\"]", text)
    if len(quoted) >= 2 and not re.sub(r"[“\"][^”\"]+[”\"]", "", text).strip(" ,;.and"):
        return [q.strip() for q in quoted]
    if text.count("•") >= 2:
        parts = [x.strip(" ;,") for x in text.split("•")]
        return [x for x in parts if x] if not parts[0] else []
    dashes = re.split(r"(?:^|\s)[–—-]\s+", text)
    if len(dashes) >= 4 and not dashes[0].strip():  # "– A – B – C": a dash opens each item, as a bullet would
        parts = [x.strip(" ;,.") for x in dashes[1:]]
        return parts if all(2 <= len(x.split()) <= 30 for x in parts) else []
    sentences = [x for x in _SENTENCE_BREAK.split(text) if x]
    if len(sentences) >= 2:
        openings = {" ".join(x.split()[:2]).lower() for x in sentences}
        if len(openings) == 1 and all(len(x) <= 160 for x in sentences):
            return sentences
    return []


def _clean(text: str) -> str:
    """An item's name as printed, without list markers, joining words and end punctuation."""
    text = re.sub(r"^\s*(?:[-*•·]|\(?[a-z0-9]{1,3}[.)]|\d+(?:\.\d+)+\.?)\s+", "", text)
    text = re.sub(r"^(?:and|or)\s+", "", text.strip())
    text = re.sub(r"(?:[;,]\s*(?:and|or)?|\s+and|\s+or)$", "", text.strip())
    return text.strip(" .;,:")


# --- structure -------------------------------------------------------------------------------------


def _depth(b: Block) -> int:
    """How deep a block sits: headings by level, numbered paragraphs, then list items."""
    if b.kind == "heading":
        return b.level or 2
    if b.kind == "row":
        return 30
    if _marked(b):
        return 20
    if b.marker == "dotted":
        return 10 + b.para.count(".")
    return 15


def _marked(b: Block) -> bool:
    """Whether a block is a list item by its markup (HTML `li`, a Word list paragraph) or by the bullet, number or
    letter printed before it."""
    return b.kind == "item" or b.marker in {"letter", "number", "bullet"}


def _sentence_count(text: str) -> int:
    return len(re.findall(r"[.!?](?:\s+[A-Z(\"“]|$)", text.strip())) or 1


def _item_like(b: Block, after_colon: bool) -> bool:
    """A block that can be a list item: a bullet or marker line, or a short line after a lead-in."""
    text = b.text
    marked = _marked(b)
    if len(text) > (400 if marked and _sentence_count(text) == 1 else 260):
        return False  # a bullet may run long as one sentence ("Improve outcomes for ..., especially ...")
    if b.kind in {"heading", "row"} or text.rstrip().endswith(":"):
        return False
    label = re.match(r"^[A-Z][\w ?'’/()-]{1,30}:\s+\S", text)
    if label and not b.marker and not re.search(r"\s[(–—-]\s*\w+:", label.group()):
        return False  # "Decision status: Implemented", "Key action: ...": a label and its value
    if marked:
        return _sentence_count(text) <= 2 or len(text) <= 160  # "Add value. Ask: is anyone better off?"
    return after_colon and len(text) <= 160 and _sentence_count(text) == 1


@cache
def _prefixed_pattern(lex: Lexicon) -> re.Pattern[str]:
    """'Outcome 1: …', 'Priority A - …': a line labelled with a one-word list cue of the lexicon and a number."""
    words = sorted({p for p in lex.phrases_of("list") if re.fullmatch(r"[a-z]+", p)}, key=len, reverse=True)
    return re.compile(
        rf"^(?P<cue>{'|'.join(words)})\s*(?:\d+|[A-Z]|{NUMBER_WORDS})?\s*"
        r"[:.–—-]\s*(?P<name>\S.*)$",
        re.I,
    )


def _prefixed(lex: Lexicon, b: Block) -> tuple[str, str] | None:
    """'Outcome 1: Children grow up healthy' -> ('outcome', 'Children grow up healthy')."""
    m = _prefixed_pattern(lex).match(b.text)
    if not m or len(b.text) > 160:
        return _bare_label(lex, b.text)
    kind = list_kind(lex, m.group("cue"))
    return (kind, m.group("name").strip(" .")) if kind else None


@cache
def _bare_label_pattern(lex: Lexicon) -> re.Pattern[str]:
    """'Outcome 1 To feel safe', '20 Outcome 1 To feel safe' (a contents line and its page): a singular cue and
    its number with no stop after it, then the capitalised name."""
    words = sorted(
        {p for p in lex.phrases_of("list") if re.fullmatch(r"[a-z]+", p) and not p.endswith("s")}, key=len, reverse=True
    )
    return re.compile(
        rf"^(?:\d{{1,3}}\s+)?(?P<cue>(?i:{'|'.join(words)}))\s+(?:\d{{1,2}}|(?i:{NUMBER_WORDS}))\s+(?P<name>[A-Z‘'“\"].*)$"
    )


def _bare_label(lex: Lexicon, text: str) -> tuple[str, str] | None:
    """A label with no stop after its number: the name runs to the line's end, or to where a row of headings in
    capitals or a bullet of a flattened table starts ("Priority 1 Early Help PRIORITIES KEY ISSUES • ...")."""
    m = _bare_label_pattern(lex).match(text)
    if not m:
        return None
    name = re.split(r"\s+(?:•|[A-Z]{2,}\s+[A-Z]{2,}\b)", m.group("name"))[0].strip(" .")
    kind = list_kind(lex, m.group("cue"))
    return (kind, name) if kind and len(name) <= 160 and name.count(".") == 0 else None


@cache
def _run_together_pattern(lex: Lexicon) -> re.Pattern[str]:
    """A capitalised list word and its number before a stop ("Priority 4: "), anywhere in a line; flattened page
    text may glue it to the last word of the item before ("… from harmPriority 2: …")."""
    words = sorted({p for p in lex.phrases_of("list") if re.fullmatch(r"[a-z]+", p)}, key=len, reverse=True)
    cue = "|".join(w.capitalize() for w in words)
    return re.compile(rf"(?:(?<![\w'’])|(?<=[a-z]))(?P<cue>{cue})\s+(?P<n>\d{{1,2}}|{NUMBER_WORDS})\s*[:–—-]\s+")


def _run_together(lex: Lexicon, b: Block) -> list[tuple[str, str]]:
    """'Priority 4: A Priority 5: B': labelled items printed on one line, split at each label (two labels at least,
    numbered in order, the first opening the line or following a lead-in that names their list and ends with a
    colon: "… agreed four priorities: Priority 1: A Priority 2: B"). Where the list stops inside the paragraph,
    the last item ends with its sentence, or where flattened text glues the next sentence to it ("respectedWe")."""
    labels = list(_run_together_pattern(lex).finditer(b.text))
    numbers = [int(m["n"]) if m["n"].isdigit() else _COUNTS[m["n"]] for m in labels]
    if len(labels) < 2 or any(y != x + 1 for x, y in zip(numbers, numbers[1:], strict=False)):
        return []
    lead = b.text[: labels[0].start()].rstrip()
    if lead and not (lead.endswith(":") and list_kind(lex, lead) == list_kind(lex, labels[0]["cue"])):
        return []
    glued = any(m.start() and b.text[m.start() - 1].isalpha() for m in labels)
    out = []
    for m, end in zip(labels, [n.start() for n in labels[1:]] + [len(b.text)], strict=True):
        kind = list_kind(lex, m["cue"])
        name = b.text[m.end() : end]
        if lead and end == len(b.text):  # the list ends inside its paragraph: so does its last item
            stop = r"(?<=[.!?])\s+(?=[A-Z])" + (r"|(?<=[a-z])(?=[A-Z][a-z]+\s)" if glued else "")
            name = re.split(stop, name)[0]
        name = name.strip(" .;")
        if kind and name and len(name) <= 160:
            out.append((kind, name))
    return out


_DECIDING = re.compile(  # a recommendation or resolution introduces decisions, not a plan's list
    r"\b(?:is|are|be) (?:asked|recommended|invited) to\b|\bRESOLVED\b|\bRECOMMEND\w*|\bAGREED\b|^\s*(?:Decision|That)\b"
)


def _deciding(lex: Lexicon, text: str) -> bool:
    """Whether a lead-in asks for or records decisions (no list named after the deciding words)."""
    ends = [m.end() for m in _DECIDING.finditer(text)]
    return bool(ends) and list_kind(lex, text[ends[-1] :]) is None


def _lead_in(lex: Lexicon, b: Block) -> str | None:
    """The kind of list a heading or paragraph introduces, or None."""
    if b.kind == "row" or _deciding(lex, b.text):
        return None
    if b.kind == "heading" or _title_line(b):
        about = re.search(r"\b(?:of|on|against|about|to)\s+(?:the\s+)?\w+$", b.text)
        if about and list_kind(lex, b.text[: about.start()]):
            about = None  # "The priorities of the plan": the list, then whose it is
        if len(b.text) > 90 or _prefixed(lex, b) or about:
            return None  # "Annual refresh of priorities" is about a list, not one
        return list_kind(lex, b.text)
    last = _SENTENCE_BREAK.split(b.text.strip())[-2:]
    text = " ".join(last)
    ends = re.sub(r":\s*[-–]$", ":", b.text.rstrip())  # "These are:-"
    if ends.endswith(":") or re.search(r"\b(?:below|as follows|following)\b", text, re.I) or _dangling(ends):
        kind = list_kind(lex, text)
        own = last[-1]  # the sentence that ends with the colon
        if (
            kind
            and ends.endswith(":")
            and (list_kind(lex, own) is None and len(own.split()) > 10 or any(_dashed(lex, own)))
        ):
            return None  # "The plan can be read here:"; "priorities under six areas - A, B and C - with the aim of:"
        if kind and re.search(r"\b(?:of|for)\s*:?$", ends):
            return None  # "the outcomes of:" lists whose outcomes they are, not outcomes
        return kind
    return None


def _plain_line(b: Block, most_words: int) -> str | None:
    """A paragraph of at most `most_words` words, unmarked and capitalised: its text (a trailing table bar cut),
    for the heading tests to read; else None."""
    text = b.text.rstrip(" |")
    plain = b.kind == "para" and not b.marker and len(text.split()) <= most_words and text[:1].isupper()
    return text if plain else None


def _title_line(b: Block) -> bool:
    """A web page's heading that reached the text as a plain line: a few words, no sentence end or colon."""
    text = _plain_line(b, 8)
    return text is not None and not text.endswith((".", ";", ":", ",", "!", "?"))


def _dangling(text: str) -> bool:
    """A lead-in that stops mid-sentence for its list to finish it ("... outcomes – that they")."""
    return bool(re.search(r"(?:\bthat they|\bthat|\s[–—-])$", text))


def _region(lex: Lexicon, blocks: list[Block], i: int) -> list[Block]:
    """The blocks a lead-in at i governs: down to where the structure climbs back to its level, or to a line of a
    page's headings that leads a list of its own ("Our vision, priorities and outcomes are:" does not take the
    list under "Our priorities"), or to a heading line naming a part of the plan that is none of its lists."""
    head = blocks[i]
    if head.kind == "heading":
        limit = head.level or 2
        out = []
        for b in blocks[i + 1 :]:
            if b.kind == "heading" and (b.level or 2) <= limit:
                break
            out.append(b)
        return out
    section = next((b.level or 2 for b in reversed(blocks[:i]) if b.kind == "heading"), 0)
    own = _depth(head)
    out = []
    for b in blocks[i + 1 :]:
        if b.kind == "heading" and (b.level or 2) <= section:
            break
        if b.kind != "heading" and b.kind != "row" and b.marker == "dotted" and _depth(b) <= own:
            break
        if _title_line(b) and (out and _lead_in(lex, b) or _plan_part(lex, b.text)):
            break  # "Our priorities" leads a list of its own; "Our vision" is a part of the plan that is no list
        out.append(b)
    return out


def _owner_under(lex: Lexicon, blocks: list[Block]) -> tuple[str | None, Block | None]:
    """The owner the lines under a sub-heading name ("Lead: X", "Led by X."), and that line."""
    for b in blocks[:3]:
        m = re.match(rf"^\s*{_labels(lex)}\s*[:–—-]?\s*(.+?)\.?$", b.text, re.I)
        if m and b.kind != "heading":
            owner = m.group(1).strip()
            return (None if _no_owner(lex, owner) else owner), b
    return None, None


def _items_in(lex: Lexicon, kind: str, head: Block, region: list[Block]) -> Iterator[Item]:
    """The items of one list, by the shape of what follows its lead-in."""
    if not region:
        return
    subheads = [b for b in region if b.kind == "heading"]
    if subheads and region[0].kind == "heading":
        labelled = any(_prefixed(lex, b) for b in subheads)
        for j, b in enumerate(region):
            if b.kind != "heading" or labelled and not _prefixed(lex, b):
                continue  # beside "Priority 1: ..." headings, an unlabelled heading is the page's, not an item
            under = []
            for c in region[j + 1 :]:
                if c.kind == "heading":
                    break
                under.append(c)
            prefixed = _prefixed(lex, b)
            sub_kind, name = prefixed if prefixed else (kind, re.sub(r"^\d+(?:\.\d+)*\.?\s+", "", b.text))
            if not under and not prefixed:
                continue
            owner, line = _owner_under(lex, under)
            yield Item(sub_kind, name, owner, b, b.text, confidence=0.75)
            if sub_kind == "priority":
                yield from _priority_promises(lex, under)
            if sub_kind == "outcome":
                yield from _children(lex, kind, name, under)
        return
    sections = _sections(lex, region) if kind == "priority" and head.kind != "heading" else []
    if sections:  # "Our priorities to 2023 are:", then each priority a heading line over what the plan will do
        for b, under in sections:
            yield Item(kind, _clean(b.text), None, b, b.text, confidence=0.7)
            yield from _priority_promises(lex, under)
        return
    groups = _line_groups(lex, region) if kind == "outcome" else []  # under other lists, such lines may be themes
    if groups:
        for b, under in groups:
            yield Item(kind, _clean(b.text), None, b, b.text, confidence=0.7)
            yield from _children(lex, kind, _clean(b.text), under)
        return
    if any(_prefixed(lex, b) for b in region[:1]):
        current: str | None = None
        for j, b in enumerate(region):
            prefixed = _prefixed(lex, b)
            if prefixed:
                current = prefixed[1] if prefixed[0] == "outcome" else None
                name, owner, _ = split_owner(lex, prefixed[1]) if prefixed[0] == "priority" else (prefixed[1], None, 0)
                name = _clean(name)
                yield Item(prefixed[0], name, owner, b, name if name in b.text else b.text, confidence=0.75)
                if current is not None:
                    following = []
                    for c in region[j + 1 :]:
                        if _prefixed(lex, c) or not _item_like(c, True):
                            break
                        following.append(c)
                    yield from _children(lex, kind, current, following)
                continue
            if not _marked(b):
                break
        return
    titled = _title_line(head)  # a page heading saved as a line: its items may run their heading into its gloss
    after_colon = (
        head.kind == "heading"
        or titled
        or head.text.rstrip().endswith((":", ":-", ":–"))
        or _dangling(head.text.rstrip())
    )
    # a heading line keeps the number of the paragraph above it: its own list is not that paragraph's
    numbered = not _title_line(head) and re.fullmatch(r"\d+(?:\.\d+)*(?:\(\w+\))?", head.para)
    started = False
    bulleted = False  # the list's items carry markers: the first line without one ends it
    for b in region:
        if b.kind == "row" or b.marker == "dotted" or b is not head and (_lead_in(lex, b) or _prefixed(lex, b)):
            break  # a table, the next numbered paragraph, a lead-in of its own or a labelled item: another list
        if numbered and re.match(r"\d", b.para) and not b.para.startswith(head.para.split("(")[0]):
            break  # a block of the next numbered paragraph
        if titled and b.marker == "number" and len(b.text.split()) > 25:
            break  # under a heading line, a numbered paragraph of the report's own, not an item
        if head.marker and b.marker == head.marker and b.para.count("(") == head.para.count("(") != 0:
            break  # "(3) ... The Plan makes two:" ends at "(4)", its sibling
        if titled and started and _title_line(b) and not b.marker:
            break  # the next heading of the page ("Enablers")
        marked = _marked(b)
        run_in = titled and not marked and len(b.text) <= 400 and _run_in_heading(b.text) != b.text
        if titled and not marked:
            if not run_in:
                if started:
                    break
                continue  # under a saved page heading, an unmarked line is an item only as "Heading Gloss ..."
        elif not marked and list_kind(lex, b.text) == kind:
            continue  # "Each priority has a lead group": a line about the list, not one of its items
        if not (run_in or _item_like(b, after_colon)) or bulleted and not marked:
            if started or b.kind == "heading" or b.marker == "dotted":
                break
            continue  # a sentence between a heading and its list ("We will:" after "What we will do")
        bulleted = bulleted or not started and marked
        started = True
        for text in split_inline(b.text) or [b.text]:
            text = _named_part(lex, text) if marked and kind in {"priority", "outcome"} else text
            if titled and not marked:
                text = _run_in_heading(text)
            if marked and _sentence_count(text) > 2:
                text = _sentences(text)[0]  # a short item with a gloss of questions: its opening sentence
            name, owner, _ = split_owner(lex, text) if kind == "priority" else (text, None, False)
            name = _clean(name)
            if re.search(r"\bthat they$", head.text.rstrip()):
                name = re.sub(r"^(?:are|will be|will|can)\s+", "", name)  # "... that they | are safe and cared for"
            if len(name) > 2:  # a word cut off where the page text ends ("Im") is no item
                yield Item(kind, name, owner, b, name if name in b.text else b.text)


def _line_groups(lex: Lexicon, region: list[Block]) -> list[tuple[Block, list[Block]]]:
    """Page headings saved as plain lines, each with its bullets under it ("Being healthy" then "• Promote
    ..."): under a lead-in naming outcomes, the lines are the outcomes, as headings would be, and the bullets
    their priorities. Two such groups at least, from the region's start; the first block that is neither
    ends them."""
    groups: list[tuple[Block, list[Block]]] = []
    k = 0
    while k < len(region):
        b = region[k]
        under = []
        for c in region[k + 1 :]:
            if not (c.kind == "item" or c.marker == "bullet"):
                break
            under.append(c)
        if not (_title_line(b) and under):
            break
        if _plan_part(lex, b.text):  # "Our vision" with its bullets: that part of the plan, not an outcome
            k += 1 + len(under)
            continue
        groups.append((b, under))
        k += 1 + len(under)
    return groups if len(groups) >= 2 else []


def _heading_line(b: Block) -> bool:
    """A section's heading saved as a plain line: up to 14 words, capitalised, no sentence in it or end after it
    ("Better support for children in care and care leavers"; not "Championing All Our Children. [LINK]")."""
    text = _plain_line(b, 14)
    return text is not None and not re.search(r"[.;:,!?\]]$|[.!?]\s", text)


def _sections(lex: Lexicon, region: list[Block]) -> list[tuple[Block, list[Block]]]:
    """Page headings saved as plain lines, each over a few blocks of its own (a paragraph, a "We will:" and its
    bullets), from the region's start: the items of a colon lead-in that introduces them, two at least. A heading
    line with nothing of its own under it (a link's caption) is none; a line that leads a list of its own or names
    a part of the plan ends them."""
    if not region or not _heading_line(region[0]):
        return []
    sections: list[tuple[Block, list[Block]]] = []
    for k, b in enumerate(region):
        if _heading_line(b):
            if _lead_in(lex, b) or _plan_part(lex, b.text):
                break
            following = region[k + 1 : k + 2]
            if following and not _heading_line(following[0]):
                sections.append((b, []))
            continue
        if sections:
            sections[-1][1].append(b)
    mixed = any(not c.marker for _, under in sections for c in under)  # prose under them, not a bulleted list each
    labelled = any(_prefixed(lex, b) for b, _ in sections)  # "Priority one - ...": read as labelled items
    return sections if len(sections) >= 2 and mixed and not labelled else []


def _plan_part(lex: Lexicon, text: str) -> bool:
    """A heading naming a part of a plan that is none of its lists ("Our vision", "Our values": the
    `plan-part-heading` rows)."""
    return text.strip(" :.").lower().replace("’", "'") in lex.phrases_of("plan-part-heading")


def _run_in_heading(text: str) -> str:
    """A line whose capitalised heading runs straight into its gloss ("Early Help To offer support ..."): the
    heading, up to the capitalised word that opens a clause of lower-case words."""
    words = text.split()
    for k in range(1, min(len(words) - 1, 12)):
        if words[k][:1].isupper() and re.fullmatch(r"[a-z]+,?", words[k + 1]) and words[k + 1] not in _JOINS:
            return " ".join(words[:k])
    return text


_JOINS = {"and", "of", "the", "for", "in", "on", "to", "with", "or", "a"}


def _named_part(lex: Lexicon, text: str) -> str:
    """An item printed as "Name - what it means": the name before the dash that opens its description.

    The description opens with a lower-case word after the dash ("Best Start in Life - improving ...");
    one that opens with a word ending in -ing is preferred, so a name may hold a dash of its own
    ("Safeguarding - the Community's Business – ensuring ...").
    """
    dashes = [
        m for m in re.finditer(r"\s[-–—]\s+(?=[a-z‘'“\"]*[a-z])", text) if 1 <= len(text[: m.start()].split()) <= 12
    ]
    dashes = [
        m for m in dashes if len(text[m.end() :].split()) >= 5 and not re.match(_labels(lex), text[m.end() :], re.I)
    ]
    if not dashes:
        return _lower_name(text)
    verb = [m for m in dashes if re.match(r"[a-z]+ing\b", text[m.end() :])]
    return text[: (verb or dashes)[0].start()].strip()


def _lower_name(text: str) -> str:
    """An item whose lower-case name runs straight into a gloss of capitalised sentences ("the best start to life
    Early help and support to parents ... . Preventing risks ..."): the name, up to the capital that opens the
    gloss, where the gloss is long (eight words or more) and punctuated like prose."""
    if not text[:1].islower():
        return text
    for m in re.finditer(r"\s(?=[A-Z][a-z]+\b)", text):
        name, gloss = text[: m.start()], text[m.end() :]
        if len(name.split()) >= 3 and len(gloss.split()) >= 8 and re.search(r"[.:;]", gloss):
            return name
        break  # only the first capital: a later one is inside the gloss or the name's own proper noun
    return text


def _children(lex: Lexicon, kind: str, outcome: str, blocks: list[Block]) -> Iterator[Item]:
    """The bullets under an outcome: its priorities (or the list the lead-in names, if not outcomes)."""
    child = kind if kind not in {"outcome"} else "priority"
    for b in blocks:
        if not _marked(b):
            continue
        name, owner, _ = split_owner(lex, b.text)
        name = _clean(name)
        if name:
            yield Item(child, name, owner, b, name if name in b.text else b.text, parent=outcome)


# --- tables ----------------------------------------------------------------------------------------


def _table_items(lex: Lexicon, rows: list[Block], lead: str | None) -> Iterator[Item]:
    """A table's lists: the columns its header names (or the first, under a lead-in), with owners."""
    header = rows[0].cells
    roles: dict[int, str] = {}
    # a header that ends with its cue ("Main outcomes") names its column's list before one that does not
    # ("Our ambition for Devon"): where two name the same kind, the first is the column's
    ends = sorted(range(len(header)), key=lambda j: list_kind(lex, " ".join(header[j].split()[-2:])) is None)
    for j in ends:
        cell = header[j]
        if not cell or len(cell) > 50:
            continue
        if _owner_heading(lex, cell):
            roles[j] = "owner"
        else:
            kind = list_kind(lex, cell)
            if kind and kind not in roles.values():
                roles[j] = kind
    body = rows[1:]
    if not any(r != "owner" for r in roles.values()):
        if not lead or len(header) < 1:
            return
        roles = {0: lead, **{j: r for j, r in roles.items() if r == "owner"}}
        body = rows if not any(_owner_heading(lex, c) for c in header) else rows[1:]
    owner_col = next((j for j, r in roles.items() if r == "owner"), None)
    outcome_col = next((j for j, r in roles.items() if r == "outcome"), None)
    priority_col = next((j for j, r in roles.items() if r == "priority"), None)
    outcome: str | None = None
    for row in body:
        cells = row.cells
        for j, kind in roles.items():
            if kind == "owner" or j >= len(cells) or not cells[j].strip():
                continue
            value = cells[j].strip()
            if re.fullmatch(r"[\d.,%£\s/()-]+", value) or j == outcome_col and value == outcome:
                continue  # a value, not a name; an outcome repeated on each of its priorities' rows
            if j == outcome_col:
                outcome = value
            owner = None
            if kind == "priority" and owner_col is not None and owner_col < len(cells):
                owner = None if _no_owner(lex, cells[owner_col]) else cells[owner_col].strip()
            parent = outcome if kind == "priority" and outcome_col is not None else None
            if kind == "indicator" and priority_col is not None and priority_col < len(cells):
                parent = cells[priority_col].strip() or None  # the priority the measure on its row measures
            yield Item(kind, value, owner, row, value, parent=parent, confidence=0.8)


# --- lists run into a sentence ---------------------------------------------------------------------

_TRIGGER = re.compile(
    r"\b(?P<word>are|is|were|include|includes|including|included|namely|such as|among them|that includes|"
    r"which include|which includes|by|to)\b\s*:?|(?P<colon>:)",
    re.I,
)


@cache
def _audience(lex: Lexicon) -> re.Pattern[str]:
    """Whom a list is for, between its cue and its verb: "for children and young people in the county", "for all our
    children, young people and families" (the `plan-audience` and `place-word` rows): not words of the list's own."""
    who = lex.alternation("plan-audience")
    return re.compile(
        rf"\bfor\s+(?:all\s+)?(?:our\s+)?(?:{who})(?:,?\s+(?:and|&)\s+(?:their\s+)?(?:{who})|,\s*(?:{who})){{0,4}}"
        rf"(?:\s+(?:in|across|of|living\s+in)\s+(?:the\s+)?(?:{lex.alternation('place-word')}|[A-Z][\w'’-]*))?,?",
        re.I,
    )


_WHEN = re.compile(  # a time the list is for, between its cue and its verb: not words of the list's own
    r"\b(?:for|over|during|in)\s+(?:the\s+)?(?:(?:next|coming|first|last|following)\s+)?(?:\w+\s+)?(?:years?|months?)\b"
    r"|\b(?:for|in|from)\s+(?:19|20)\d{2}(?:\s*[-/–]\s*\d{2,4})?",
    re.I,
)


@cache
def _measure(lex: Lexicon) -> str:
    """The words a measure's name starts with ("the percentage of", "the rate of", "excess weight"): an
    alternation from the `measure` rows of the extraction lexicon, with National Indicator numbers."""
    words = sorted(lex.phrases_of("measure"), key=len, reverse=True)
    return r"(?:the\s+)?(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + r"|NI\s*\d+)(?![\w])"


def _measures(lex: Lexicon, b: Block) -> Iterator[Item]:
    """Measures a sentence says progress is judged by: "progress would be measured using the percentage of
    pupils persistently absent and the number of looked after children per 10,000 children". The items split
    where the next starts with a measure word; the sentence must say progress is measured, monitored,
    tracked or reported (the `measure-verb` rows)."""
    verbs = "|".join(re.escape(v) for v in lex.phrases_of("measure-verb"))
    measure = _measure(lex)
    for sentence in _SENTENCE_BREAK.split(b.text):
        m = re.search(
            rf"\b(?:be(?:ing)?|is|are|was|were)\s+(?:{verbs})\b[^.;]{{0,60}}?\b(?:using|through|by|against)\s+(?={measure})",
            sentence,
            re.I,
        ) or re.search(
            rf"\b(?:progress|performance)\s+be\s+(?:{verbs})\s+(?:using|through|by|against)\s+", sentence, re.I
        )
        if not m:
            continue
        rest = re.split(r"[.;]|,\s+(?:and\s+)?(?:which|who|with|while|but)\b", sentence[m.end() :])[0]
        parts = re.split(rf",?\s+(?:and\s+|or\s+)?(?={measure})|,\s+(?:and\s+)?(?={measure})", rest, flags=re.I)
        for part in parts:
            name = re.sub(r"^the\s+", "", _clean(part), flags=re.I)
            if 6 <= len(name) <= 160 and re.match(measure, part.strip(), re.I):
                yield Item("indicator", name, None, b, name, confidence=0.7)


def split_run_in(text: str) -> list[str]:
    """'a, b, c and d' -> [a, b, c, d]: split where the next item starts as the first one does."""
    text = text.strip().rstrip(".")
    if ";" in text:
        parts = [p for p in re.split(r";\s*(?:and\s+|or\s+)?", text) if p.strip()]
        return [_clean(p) for p in parts] if len(parts) >= 2 else []
    first = re.match(r"\s*(\S+)", text)
    if not first:
        return []
    word = first.group(1).lower()
    if word in {"the", "a", "an", "to"} or re.fullmatch(r"nis?", word):
        same: Callable[[str], bool] = lambda w: w.lower() == word  # noqa: E731
    elif word.endswith("ing"):
        same = lambda w: w.lower().endswith("ing") and len(w) > 4  # noqa: E731
    else:
        return []
    items, start = [], 0
    joins = r",\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+" if not word.endswith("ing") else r",\s+(?:and\s+)?|\s+and\s+"
    for m in re.finditer(joins, text):  # "education or training": an -ing noun after "or" starts no item
        nxt = re.match(r"(\S+)", text[m.end() :])
        if nxt and same(nxt.group(1)):
            items.append(text[start : m.start()])
            start = m.end()
    if not items:
        return []
    last = text[start:]
    tail = re.search(r",\s+and\s+(?!" + re.escape(word) + r"\b)", last)  # "..., and asked that ...": the list is over
    items.append(last[: tail.start()] if tail else last)
    return [_clean(x) for x in items if x.strip()]


_COUNTS = {w: n for n, w in enumerate(NUMBER_WORDS.split("|"), start=1)}


def _count(lex: Lexicon, text: str) -> int | None:
    """How many items a lead-in says its list holds: the number just before its last cue ("four priorities",
    "Five initial outcomes", "3 key priorities"), or None."""
    cues = [m.start() for _, p in _cues(lex, "list") for m in p.finditer(text)]
    if not cues:
        return None
    count = re.search(r"\b(\d{1,2}|" + NUMBER_WORDS + r")\s+(?:[a-z]+\s+){0,2}$", text[: max(cues)], re.I)
    if not count:
        return None
    return int(count.group(1)) if count.group(1).isdigit() else _COUNTS[count.group(1).lower()]


def _counted(lex: Lexicon, before: str, rest: str) -> list[str]:
    """A run-in list whose size is printed before its cue ("Five outcomes had been proposed: A, b, c, d and e",
    "four main aims including a, b, c and d"): split at its commas, and the last part at the "and" that leaves
    both sides longest, only where that gives as many items as the count says."""
    n = _count(lex, before)
    if not n:
        return []
    parts = [p.strip() for p in re.split(r",\s+(?:and\s+)?", rest.strip().rstrip(".")) if p.strip()]
    if parts and len(parts) == n - 1:
        last = parts.pop()
        ands = [m for m in re.finditer(r"\s+and\s+", last)]
        if not ands:
            return []
        cut = max(ands, key=lambda m: min(len(last[: m.start()].split()), len(last[m.end() :].split())))
        parts += [last[: cut.start()], last[cut.end() :]]
    if len(parts) != n or n < 2 or any(not 1 <= len(p.split()) <= 16 or ":" in p for p in parts):
        return []
    return [_clean(p) for p in parts]


def _split_top(text: str) -> list[str]:
    """'A, B (c, d) and E' -> [A, B (c, d), E]: commas and a last "and" outside brackets."""
    parts, depth, current = [], 0, ""
    for ch in text:
        depth += (ch == "(") - (ch == ")" and depth > 0)
        if ch == "," and depth == 0:
            parts.append(current)
            current = ""
            continue
        current += ch
    parts.append(current)
    last = re.match(r"^(.+?)\s+and\s+([A-Z].*)$", parts[-1].strip())
    if last and len(parts) > 1 and "(" not in last.group(1):
        parts[-1:] = [last.group(1), last.group(2)]
    return [re.sub(r"^\s*and\s+", "", p).strip() for p in parts if p.strip()]


_INFINITIVE = re.compile(r"^(?:of\s+)?(?:being\s+|(?:(?:being\s+)?able\s+)?to\s+(?:be\s+)?)")
"""How a run-in state opens without being part of its name: "of being safe", "able to succeed", "to thrive"."""


def _dashed(lex: Lexicon, sentence: str) -> Iterator[tuple[str, str]]:
    """A list set off by dashes right after the cue that names it: "commits to priorities under six outcome
    areas - Being Safe, Being Healthy, ... and Feeling Connected (family and friends) - with the aim of ...".
    The items are those of the cue nearest the dash (even after "under"), each starting with a capital; or, after a
    clause about the list ("the priority areas we have identified for this first year – a, b, and c"), three or
    more items of a few words each, split at their commas."""
    found = []
    for concept, pattern in _cues(lex, "list"):
        for m in pattern.finditer(sentence):
            tail = re.match(
                r"(?P<between>(?:\s+[a-z]+){0,8})\s+[-–—]\s+(?P<items>\w.+?)(?:\s+[-–—]\s+|[.:]?$)", sentence[m.end() :]
            )
            if KINDS.get(concept) and tail:
                found.append((len(tail.group("between").split()), KINDS[concept], tail))
    if not found:
        return
    words, kind, tail = min(found, key=lambda f: f[0])
    names = _split_top(tail.group("items"))
    capitals = all(n[:1].isupper() for n in names) and words <= 1
    lower = (
        len(names) >= 3
        and all(len(n.split()) <= 12 for n in names)  # "... – children missing out on education, ..."
        and not re.match(r"(?:we|they|it|he|she|i|you|this|these|those|there)\b", names[0], re.I)  # a clause, not items
        and not re.search(r"\b(?:below|above|following|overleaf)\b", tail.group("between"))  # the list is elsewhere
    )
    if len(names) >= 2 and (capitals or lower) and all(3 <= len(n) <= 120 for n in names):
        names = names if capitals else [_INFINITIVE.sub("", n) for n in names]
        yield from ((kind, _clean(n)) for n in names)


def _appositive(lex: Lexicon, sentence: str) -> Iterator[tuple[str, str]]:
    """A list set off by commas after the cue that names it: "Two further priorities, improving speech and
    language and reducing child poverty, have no lead", "for the other two priorities, Improve support for
    young carers and Increase participation." The items split as a run-in list, or where a capital starts one."""
    for concept, pattern in _cues(lex, "list"):
        for m in pattern.finditer(sentence):
            kind = KINDS.get(concept)
            tail = re.match(
                r",\s+(?P<items>[^,]+(?:,\s+[^,]+)*?)(?:,\s+(?:have|has|are|is|were|was|will|which|who)\b|\.?$)",
                sentence[m.end() :],
            )
            if not kind or not tail or _PARENT.search(sentence[: m.start()]):
                continue
            items = tail.group("items")
            names = split_run_in(items)
            if not names and re.match(r"[A-Z][a-z]+\b", items):
                parts = re.split(r",\s+(?:and\s+)?(?=[A-Z][a-z])|\s+and\s+(?=[A-Z][a-z]+\s+[a-z])", items)
                names = [_clean(x) for x in parts] if len(parts) >= 2 else []
            if len(names) >= 2 and all(3 <= len(n) <= 120 for n in names):
                yield from ((kind, n) for n in names)
                return


@cache
def _states(lex: Lexicon) -> re.Pattern[str]:
    """Whom a plan is for, then what it wants them to be: "all children and young people are successful,
    healthy, safe and supported", "children and young people in Lancashire are safe, healthy, happy, ..." (the
    `plan-audience` and `outcome-state` rows)."""
    audience = lex.alternation("plan-audience")
    return re.compile(
        rf"\b(?:(?:all|every|our)\s+)?(?:{audience})(?:\s+(?:and|&)\s+(?:{audience})){{0,3}}"
        rf"(?:\s+(?:in|of|across)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){{0,3}})?\s+(?:{lex.alternation('outcome-state')})\s+"
        r"(?P<items>[a-z][^.;:]+)",
        re.I,
    )


def _stated_outcomes(lex: Lexicon, sentence: str) -> list[str]:
    """The states a sentence wants children in, as outcomes: three or more, the first two of one to three words
    each ("safe, healthy, happy, develop skills for life who ..."); the last item ends where a clause about it
    starts ("who", "so that")."""
    m = _states(lex).search(sentence)
    if not m or re.search(rf"\b(?:{lex.alternation('not-all-of-them')})\s+$", sentence[: m.start()], re.I):
        return []  # "Too many children and young people are obese, ...": a need, not what the plan wants
    names = _split_top(m.group("items"))
    if len(names) < 3 or any(not 1 <= len(n.split()) <= 3 for n in names[:2]):
        return []
    if all(n.split()[-1].endswith("ed") for n in names[:2]):
        return []  # "young people will be consulted, informed, involved ...": what is done to them, not a state
    names[-1] = re.split(r"\s+(?:who|which|that|so that|where|because|with|by|through)\s+", names[-1])[0]
    last = re.match(r"^(.+?)\s+and\s+(\w+)$", names[-1])  # "safe and supported": no comma before the last
    if last and len(names[-1].split()) <= 3:
        names[-1:] = [last.group(1), last.group(2)]
    if any(not 1 <= len(n.split()) <= 6 for n in names):
        return []
    return [_clean(n) for n in names]


def _states_said(lex: Lexicon, blocks: list[Block]) -> Iterator[Item]:
    """Outcomes a document gives only as the states it wants children in (`_stated_outcomes`): read where it lists
    no outcomes otherwise, since a plan that lists them may also wish children well in other words. The sentence
    before may name them otherwise ("Five priorities have been identified. The first four aim for children ...")."""
    for b in blocks:
        if b.kind in {"para", "item"}:
            sentences = _SENTENCE_BREAK.split(b.text)
            for j, sentence in enumerate(sentences):
                named = list_kind(lex, sentences[j - 1]) if j else None  # "Five priorities have been identified."
                kind = named if named in {"outcome", "priority"} else "outcome"
                yield from (Item(kind, n, None, b, n, confidence=0.6) for n in _stated_outcomes(lex, sentence))


def _run_in(lex: Lexicon, b: Block) -> Iterator[Item]:
    """Items a sentence runs in after naming the list: 'the plan's priorities are a, b, c and d'."""
    if b.kind == "row" or _deciding(lex, b.text[:60]):
        return
    colon = re.search(r":\s+(?=[A-Z“\"]|[–—-]\s)", b.text)
    if colon:  # "The Plan makes three promises: We will listen to you. We will help your family early."
        before = b.text[: colon.start()]
        dashed = b.text[colon.end() :][:1] in "–—-"  # "Our priorities will be for children to: – feel safe – …"
        kind = list_kind(lex, (_sentences(before) or [before])[-1] if dashed else before[-70:])
        names = split_inline(b.text[colon.end() :]) if kind else []
        if names:
            for name in names:
                yield Item(kind or "", _clean(name), None, b, name, confidence=0.7)
            return
    for sentence in _SENTENCE_BREAK.split(b.text):
        appositive = list(_dashed(lex, sentence)) or list(_appositive(lex, sentence))
        if appositive:
            yield from (Item(kind, name, None, b, name, confidence=0.65) for kind, name in appositive)
            continue
        for m in _TRIGGER.finditer(sentence):
            before = sentence[: m.start()]
            kind = list_kind(lex, before[-70:])
            semicolons = sentence[m.end() :].count(";") >= 2 and (m.group("word") or "").lower().startswith("includ")
            if not kind and semicolons:  # "the key themes of the Plan, drawn from …, which included a; b; c; and d"
                kind = list_kind(lex, before)
                if kind:
                    names = [n for n in split_run_in(sentence[m.end() :]) if 3 <= len(n) <= 160]
                    yield from (Item(kind, n, None, b, n, confidence=0.6) for n in names)
                    break
            if not kind:
                continue
            cue_end = max((c.end() for _, p in _cues(lex, "list") for c in p.finditer(before)), default=-1)
            # "priorities for the next three years are", "six priorities for children and young people in the county,
            # including": a time or an audience between the cue and its verb
            between = _audience(lex).sub(" ", _WHEN.sub(" ", before[cue_end:])).split()
            word = (m.group("word") or "").lower()
            aside = m.group("colon") and "," in before[cue_end:][:3]  # "priorities, each with a lead ...:"
            room = 14 if word == "namely" or aside else 8 if m.group("colon") else 4
            rest = sentence[m.end() :].strip()
            if word == "to":
                if between or re.match(r"(?:the|a|an|our|its|this|their)\b", rest, re.I):
                    continue  # "priorities to reduce ...", not "priorities to the Strategy"
                rest = "to " + rest
            if len(between) > room or re.match(r"(?:set out|shown|listed|below|as follows|in the table)", rest, re.I):
                continue
            names = split_run_in(rest) or _counted(lex, before, rest)
            if not names and kind == "indicator" and word in {"including", "such as", "among them", "by"}:
                one = _clean(re.split(r",\s+and\s+", rest)[0])
                names = [one] if re.match(_measure(lex), one, re.I) else []
            names = [re.sub(r"^to\s+", "", n) if word == "to" else n for n in names]
            if names:
                for text in names:
                    name, owner, _ = split_owner(lex, text) if kind == "priority" else (text, None, False)
                    name = _clean(name)
                    if 3 <= len(name) <= 160:
                        yield Item(kind, name, owner, b, name, confidence=0.7)
                break


# --- promises -------------------------------------------------------------------------------------


@cache
def _opener(lex: Lexicon) -> re.Pattern[str]:
    """How a promise opens ("We will", "You will", "Every child will": the `pledge-opener` rows)."""
    phrases = sorted(lex.phrases_of("pledge-opener"), key=len, reverse=True)
    alternation = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
    return re.compile(rf"^(?:{alternation})\s+\w", re.I)


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", text.strip()) if s]


def _promise(lex: Lexicon, sentence: str) -> bool:
    """A sentence that makes a promise: it opens as one and is not a lead-in ("We will:", "We will measure")."""
    sentence = sentence.strip()
    opening = " ".join(sentence.split()[:4])
    return bool(_opener(lex).match(sentence)) and not sentence.endswith(":") and list_kind(lex, opening) != "indicator"


def _promises_of(lex: Lexicon, b: Block) -> list[str]:
    """The sentences of a paragraph when every one of them is a promise, else none."""
    if b.kind not in {"para", "item"} or len(b.text) > 600:
        return []
    sentences = _sentences(b.text)
    return sentences if sentences and all(_promise(lex, s) for s in sentences) else []


def _promised(lex: Lexicon, blocks: list[Block], i: int) -> Iterator[Item]:
    """Promises written as prose after a sentence that names them: "The plan sets out what partners promise
    children. We will listen before we decide. We will …": each promise sentence that follows, in the
    paragraph and in whole paragraphs of promises after it, is a pledge."""
    b = blocks[i]
    if b.kind not in {"para", "item"} or _deciding(lex, b.text):
        return
    sentences = _sentences(b.text)
    for k, sentence in enumerate(sentences):
        if _promise(lex, sentence) or list_kind(lex, sentence) != "pledge" or sentence.endswith(":"):
            continue
        rest = sentences[k + 1 :]
        taken = []
        for s in rest:
            if not _promise(lex, s):
                break
            taken.append((b, s))
        if len(taken) == len(rest):  # the naming sentence ends its paragraph: the promises may follow it
            for c in blocks[i + 1 :]:
                found = _promises_of(lex, c)
                if not found:
                    break
                taken.extend((c, s) for s in found)
        for c, s in taken:
            yield Item("pledge", _clean(s), None, c, s, confidence=0.65)
        return


def _lone_promises(lex: Lexicon, blocks: list[Block]) -> Iterator[Item]:
    """On a plan's page that lists its priorities, a paragraph of nothing but promises ("We will publish a
    yearly plan, and we will consult widely.") makes pledges: one for each "we will"."""
    for b in blocks:
        for sentence in _promises_of(lex, b) if b.kind == "para" and not b.marker else []:
            for part in re.split(r",?\s+and\s+(?=we\s+will\b)", sentence.rstrip(".")):
                name = re.sub(r"^[Ww]e\s+will\s+", "", part).strip()
                if len(name.split()) >= 3:
                    yield Item("pledge", name, None, b, part, confidence=0.55)


_COMMITMENT_MADE = re.compile(r"\b[Aa] commitment (?:was|has been|had been) made to ((?:\w+\s+)?[a-z]+\b[^.;]*)")


def _committed(b: Block) -> Iterator[Item]:
    """A promise reported in minutes: "a commitment was made to review the plan each year"."""
    if b.kind not in {"para", "item"}:
        return
    for m in _COMMITMENT_MADE.finditer(b.text):
        name = _clean(m.group(1))
        if len(name.split()) >= 3:
            yield Item("pledge", name, None, b, m.group(1), confidence=0.6)


def _priority_promises(lex: Lexicon, under: list[Block]) -> Iterator[Item]:
    """Under a priority's heading, paragraphs that are only promises ("We will open a family hub in each
    district.") are what the plan pledges for it, as a "We will:" list under it would be."""
    for c in under:
        for s in _promises_of(lex, c):
            yield Item("pledge", _clean(s), None, c, s, confidence=0.6)


_COUNT_BEFORE = re.compile(rf"\b(\d{{1,2}}|{NUMBER_WORDS})\s+(?:[“\"‘']?[\w-]+\s+){{0,2}}[“\"‘']?$", re.I)


def _counted_list(lex: Lexicon, b: Block, after: list[Block]) -> tuple[str | None, list[Block]]:
    """A paragraph that counts a list it does not lead in by its own words ("... to work together on six
    system objectives ...", "Four priorities have been set. They aim for children to:"), followed at once by
    exactly that many items: bullets or numbered lines, or short lines of one sentence after a colon."""
    colon = b.text.rstrip().endswith(":")
    run: list[Block] = []
    for c in after:
        marked = _marked(c)
        if c.kind in {"heading", "row"} or not (marked or colon and _item_like(c, True) and c.text[-1:] != "."):
            break  # unmarked, an item is a line without a full stop; the next paragraph of prose ends the list
        if run and marked != _marked(run[0]):
            break
        run.append(c)
    for concept, pattern in _cues(lex, "list"):
        for m in pattern.finditer(b.text):
            count = _COUNT_BEFORE.search(b.text[: m.start()])
            if count and not _foreign(lex, b.text[: m.start()]):
                n = int(count.group(1)) if count.group(1).isdigit() else _COUNTS[count.group(1).lower()]
                if n >= 2 and n == len(run) and concept in KINDS:
                    return KINDS[concept], run
    return None, []


_PART = re.compile(r"^(?P<word>[A-Z][a-z]+)\s+(?:\d{1,2}|[A-Z])\b:?\s*")  # "Chapter 4 ", "Appendix B: "


@cache
def _part_label(lex: Lexicon) -> re.Pattern[str]:
    """A part of the document and its number or letter ("Chapter 5", "Appendix A:"; `document-part` rows)."""
    words = "|".join(
        sorted((re.escape(w.capitalize()) for w in lex.phrases_of("document-part")), key=len, reverse=True)
    )
    return re.compile(rf"(?:^|\s)(?:{words})\s+(?:\d{{1,2}}|[A-Z])\b:?\s")


def _contents_items(lex: Lexicon, blocks: list[Block], i: int) -> Iterator[Item]:
    """A table of contents' entry that names a list ("Priorities", "Chapter 4 Our priorities", "Summary of our
    key priorities for 2011 - 2014") and the entries after it: its items, up to the next entry that names a
    list, a part of the document ("Chapter 5 …", "Appendix A: …"), a question ("How will we know?") or the end
    of the contents."""
    part = _PART.match(blocks[i].text)
    title = _WHEN.sub(" ", blocks[i].text[part.end() :] if part else blocks[i].text)
    kind = list_kind(lex, title) if len(title.split()) <= 6 else None
    if not kind:
        return
    for b in blocks[i + 1 :]:
        parted = _part_label(lex).search(b.text + " ")  # "Chapter 5", not "Year 6 transition" or "Key Stage 2"
        if b.marker != "contents" or list_kind(lex, b.text) or parted or b.text.endswith("?"):
            return
        yield Item(kind, _clean(b.text), None, b, b.text, confidence=0.6)


# --- the document ----------------------------------------------------------------------------------


@cache
def ecm_named(label: str) -> re.Pattern[str]:
    """An Every Child Matters outcome as pages print it: any case; "well-being", "wellbeing" or "well being"; its
    verbs (the label's first word, and a word after "and") as -ing forms ("Being healthy", "Staying safe",
    "Enjoying and achieving"); a label of three words or more without its verb ("Economic well-being")."""
    words = label.split()

    def form(word: str, verb: bool) -> str:
        if not verb:
            return re.escape(word).replace(r"well\-being", r"well[- ]?being")
        stem = word[:-1] if word.endswith("e") and len(word) > 2 else word
        return rf"(?:{re.escape(word)}|{re.escape(stem)}ing)"

    body = r"\s+".join(form(w, words[k] == "and") for k, w in enumerate(words[1:]))
    first = form(words[0], True)
    lead = rf"(?:{first}\s+)?" if len(words) >= 3 and words[1].lower() not in {"a", "and"} else rf"{first}\s+"
    return re.compile(rf"\b{lead}{body}\b", re.I)


def _names_ecm(lex: Lexicon, item: Item) -> bool:
    """Whether an item is an Every Child Matters outcome in the page's words ("Being healthy.")."""
    return any(ecm_named(label).fullmatch(item.name.rstrip(". ")) for label in lex.outcomes)


def _ecm_runs(lex: Lexicon, blocks: list[Block], found: list[Item]) -> list[Item]:
    """A second run of items under one lead-in (its numbering starts again), two or more of which name Every Child
    Matters outcomes, is a list of outcomes, not more of the lead-in's priorities (`ecm-outcomes.ttl`'s outcomes in
    the page's words); a first run keeps its lead-in's kind, as councils also call such items priorities."""
    where = {id(b): k for k, b in enumerate(blocks)}
    runs: list[list[Item]] = []
    for item in found:
        k = where.get(id(item.block), -2)
        restart = item.block.marker == "number" and item.block.para == "1"  # "1." again: another list
        if runs and not restart and item.kind == runs[-1][-1].kind and k == where.get(id(runs[-1][-1].block), -9) + 1:
            runs[-1].append(item)
        else:
            runs.append([item])
    out: list[Item] = []
    for j, run in enumerate(runs):
        before = runs[j - 1][-1] if j else None
        second = before is not None and where.get(id(before.block), -9) + 1 == where.get(id(run[0].block))
        ecm = second and run[0].kind == "priority" and sum(map(partial(_names_ecm, lex), run)) >= 2
        out.extend(replace(i, kind="outcome", owner=None) if ecm else i for i in run)
    return out


def find_items(doc: Document, lex: Lexicon) -> list[Item]:
    """Every list item the document states, once each (an owner, where any copy names one, is kept)."""
    blocks = doc.blocks
    found: list[Item] = []
    used: set[int] = set()
    for i, b in enumerate(blocks):
        if b.kind == "row" and (i == 0 or blocks[i - 1].kind != "row"):
            rows = [r for r in blocks[i:] if r.table == b.table]
            lead = next((_lead_in(lex, p) or list_kind(lex, p.text) for p in reversed(blocks[max(0, i - 2) : i])), None)
            found.extend(_table_items(lex, rows, lead))
            continue
        if i in used:
            continue
        if b.marker == "contents":
            found.extend(_contents_items(lex, blocks, i))
            continue
        together = _run_together(lex, b) if b.kind == "para" and not b.marker else []
        if together:
            found.extend(Item(k, _clean(name), None, b, name, confidence=0.7) for k, name in together)
            continue
        numbered = re.match(rf"^[A-Za-z]+\s+(?:\d+|[A-Z]|{NUMBER_WORDS})\s*[:.–—-]", b.text)  # not "Outcome: Approved"
        labelled = b.kind == "item" and _marked(b) and re.match(r"^[A-Za-z]+\s*:", b.text)  # "• Outcome: Children ..."
        bare = _bare_label(lex, b.text) if b.kind == "para" and not b.marker else None
        alone = bare or (_prefixed(lex, b) if b.kind == "para" and not b.marker and numbered or labelled else None)
        if alone and len(alone[1]) >= 3 and (bare or b.text.count(".") <= 1):  # "Priority one - No child in poverty"
            name, owner, _ = split_owner(lex, alone[1]) if alone[0] == "priority" else (alone[1], None, False)
            found.append(Item(alone[0], _clean(name), owner, b, _clean(name), confidence=0.7))
            continue
        kind = _lead_in(lex, b)
        region = _region(lex, blocks, i) if kind else []
        if not kind and b.kind == "para":
            kind, region = _counted_list(lex, b, blocks[i + 1 :])
        if kind:
            items = list(_items_in(lex, kind, b, region))
            for item in items:
                used.update(k for k, c in enumerate(blocks) if c is item.block)
            found.extend(items)
        if b.kind != "heading":
            found.extend(_committed(b))
            found.extend(_run_in(lex, b))
            found.extend(_measures(lex, b))
            found.extend(_promised(lex, blocks, i))
    if not any(item.kind == "outcome" for item in found):  # a page that lists no outcomes may say them in a sentence
        found.extend(_states_said(lex, blocks))
    if any(item.kind in {"priority", "outcome"} for item in found) and not any(i.kind == "pledge" for i in found):
        found.extend(_lone_promises(lex, [b for k, b in enumerate(blocks) if k not in used]))
    found = _ecm_runs(lex, blocks, found)
    out: dict[tuple[str, str], Item] = {}
    for item in found:
        key = (item.kind, re.sub(r"^(?:the|a|an) ", "", re.sub(r"\W+", " ", item.name.lower()).strip()))
        if key not in out or (item.owner and not out[key].owner):
            out[key] = item
    return list(out.values())
