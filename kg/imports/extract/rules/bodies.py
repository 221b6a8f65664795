"""Bodies, partners and who belongs to them.

A body or partner is a capitalised name whose head the lexicon lists as a body or partner kind; a short
form is dropped where its long form is named. Memberships are a body's listed members and who is
appointed to or chairs it; they read people's name patterns (`people`).
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from kg.imports.extract.lexicon import Authority, Lexicon
from kg.imports.extract.lists import owner_like
from kg.imports.extract.rules.authority import _authority_name
from kg.imports.extract.rules.context import (
    _BODY_HEAD,
    Context,
    Proposal,
    _body_mentions,
    _kind_of_name,
    _resolve_generic,
    _split_lists,
    _titlecase,
    name_spans,
)
from kg.imports.extract.rules.people import _PERSON, _TITLES


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
            if post_like and kind[1] == "OfficerGroup" and re.search(r"\b(?:Group|Team)$", name):
                post_like = None  # "Chief Officers Group": a group of posts meets as a body
            if post_like and (
                not re.search(r"Cabinet Member for|Executive Member for|Executive Councillor for", name)
                or kind[0] != "body"
            ):
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
