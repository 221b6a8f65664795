"""People: named councillors, officers and members, with their posts.

From attendance and apologies lists, contact lines, "Name, Post" and "Councillor Name" in the text.
Memberships read the name patterns (`_PERSON`, `_TITLES`) too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.imports.extract.rules.context import Context, Proposal, Sentence, _sentence_of, _titlecase

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
